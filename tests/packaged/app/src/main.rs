//! Provisions a Base CRM instance with the `elements` crate from the registry: the
//! platform's URL from the first argument (a local server in the test).

use elements::base::{Oauth2App, Oauth2Instance, Oauth2ProviderData};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = std::env::args()
        .nth(1)
        .ok_or("usage: packaged-app BASE_URL")?;
    let client = elements::Client::new("user-1", "org-2")?.with_base_url(base_url.parse()?)?;
    let app = Oauth2App::builder()
        .client_id("client-3")
        .client_secret("secret-4")
        .callback_url("https://app.example.com/cb".parse()?)
        .build();
    let provider_data = Oauth2ProviderData::from_callback(
        "https://app.example.com/cb?state=s-5&code=code-6",
        "s-5",
    )?;
    let request = Oauth2Instance::builder()
        .name("Base CRM")
        .provider_data(provider_data)
        .config(app.config().build())
        .build();
    let instance = client.create_instance(&request).await?;
    println!(
        "created instance {} of {}",
        instance.id, instance.element.key
    );
    Ok(())
}
