// An OAuth 2 instance needs the `code` from the callback: `build` without
// `provider_data` is an error naming it.
fn main() {
    let app = elements::base::Oauth2App::builder()
        .client_id("key")
        .client_secret("secret")
        .callback_url(elements::HttpUrl::parse("https://www.mycoolapp.com/auth").unwrap())
        .build();
    let _request = elements::base::Oauth2Instance::builder()
        .name("name")
        .config(app.config().build())
        .build();
}
