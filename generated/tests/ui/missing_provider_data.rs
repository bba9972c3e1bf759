// An OAuth 2 instance needs the `code` from the callback.
fn main() {
    let callback = elements::HttpUrl::parse("https://www.mycoolapp.com/auth").unwrap();
    let config = elements::base::Oauth2Config::new("key", "secret", callback);
    let _request = elements::base::Oauth2Instance::new("name", config);
}
