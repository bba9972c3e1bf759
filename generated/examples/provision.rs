//! The full OAuth 2 flow for Base CRM, as its guide page describes it.
//!
//! ```sh
//! ELEMENTS_USER_SECRET=... ELEMENTS_ORGANIZATION_SECRET=... \
//! BASE_CLIENT_ID=... BASE_CLIENT_SECRET=... \
//! cargo run -p elements --example provision -- https://api.cloud-elements.com/elements/api-v2
//! ```
//!
//! It prints the provider's consent URL; open it, consent, and paste the URL your
//! browser was redirected to (the callback URL with `state` and `code`).

use std::io::BufRead as _;

use elements::{Client, base};

const CALLBACK_URL: &str = "https://www.mycoolapp.com/auth";

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name}"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url: url::Url = std::env::args()
        .nth(1)
        .ok_or("usage: provision BASE_URL (e.g. https://api.cloud-elements.com/elements/api-v2)")?
        .parse()?;
    let client = Client::new(env("ELEMENTS_USER_SECRET")?, env("ELEMENTS_ORGANIZATION_SECRET")?)?
        .with_base_url(base_url)?;
    // The app registered with Base CRM: each credential given once.
    let app = base::Oauth2App::builder()
        .client_id(env("BASE_CLIENT_ID")?)
        .client_secret(env("BASE_CLIENT_SECRET")?)
        .callback_url(CALLBACK_URL.parse()?)
        .build();

    // Step 1: the provider's consent URL, with an unguessable `state`.
    let request = app.url_request().build();
    let oauth = client.oauth_url(&request).await?;
    println!(
        "Open this URL, consent, then paste the URL you were redirected to:\n{}",
        oauth.oauth_url
    );

    // The provider redirects to the callback URL with `state` and `code`.
    let mut pasted = String::new();
    std::io::stdin().lock().read_line(&mut pasted)?;
    let provider_data = base::Oauth2ProviderData::from_callback(pasted.trim(), &request.state)?;

    // Step 2: create the instance.
    let instance = client
        .create_instance(
            &base::Oauth2Instance::builder()
                .name("Base CRM from elementgen")
                .provider_data(provider_data)
                .config(app.config().build())
                .build(),
        )
        .await?;
    println!(
        "Created instance {} ({}); keep its token for later requests.",
        instance.id, instance.name
    );
    Ok(())
}
