//! An application that uses one element, as a user's would: `elements` with feature
//! `base` only. Built alone (`cargo run -p one-element`), the client compiles that
//! element and no other; it prints what it was compiled with and a request of it.

use elements::OAuthUrlRequest;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = elements::base::Oauth2App::builder()
        .client_id("client-id")
        .client_secret("client-secret")
        .callback_url("https://app.example.com/cb".parse()?)
        .build();
    let request = app.url_request().with_state("fixed").build();
    println!("elements compiled: {}", elements::ELEMENT_KEYS.join(", "));
    for (name, value) in request.query() {
        println!("{name}={value}");
    }
    Ok(())
}
