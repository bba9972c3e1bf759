// An OAuth app needs its client secret: `build` without it is an error naming `client_secret`.
fn main() {
    let _app = elements::base::Oauth2App::builder()
        .client_id("key")
        .callback_url(elements::HttpUrl::parse("https://www.mycoolapp.com/auth").unwrap())
        .build();
}
