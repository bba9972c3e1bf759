//! The hand-written runtime's own behaviour through its public API: states, URLs,
//! callbacks, secrets and the entries that generated types serialize as. (Here rather than as unit tests in `src/`: a unit test
//! target recompiles the whole crate, every generated element with it, in test mode
//! on each descriptor edit.)

use elements::{
    CallbackError, HttpUrl, RequestToken, Secret, State, oauth1_callback, oauth2_callback,
};

#[test]
fn random_states_are_long_hex_and_differ() {
    let (a, b) = (State::random(), State::random());
    assert_eq!(a.len(), 64);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(a, b);
    assert!(a.matches(a.as_str()) && !a.matches(b.as_str()) && !a.matches(""));
    assert_eq!(format!("{a:?}"), "State(<64 bytes, redacted>)");
}

#[test]
fn kept_as_written_and_checked() {
    let u = HttpUrl::parse("https://X.atlassian.net").unwrap();
    assert_eq!(u.as_str(), "https://X.atlassian.net");
    assert_eq!(u.to_string(), "https://X.atlassian.net");
    assert_eq!(u.to_url().as_str(), "https://x.atlassian.net/");
    assert_eq!(
        HttpUrl::parse("mailto:a@b.c").unwrap_err().to_string(),
        "not an absolute http(s) URL: the scheme is not http or https"
    );
    assert_eq!(
        HttpUrl::parse("not a url").unwrap_err().to_string(),
        "not an absolute http(s) URL: it does not parse"
    );
    let from_url = HttpUrl::try_from(url::Url::parse("https://a.example").unwrap()).unwrap();
    assert_eq!(from_url.as_str(), "https://a.example/");
}

#[test]
fn callbacks_are_read_from_a_url_a_path_or_a_bare_query() {
    for form in [
        "https://app.example/cb?state=base&code=abc%2F1",
        "/cb?state=base&code=abc%2F1",
        "?state=base&code=abc%2F1",
        "state=base&code=abc%2F1",
        " state=base&code=abc%2F1#fragment ",
    ] {
        let code = oauth2_callback(form, "base").unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(code.expose(), "abc/1", "{form}");
    }
    assert_eq!(
        oauth2_callback("https://app.example/cb", "base"),
        Err(CallbackError::Missing("state"))
    );
}

#[test]
fn oauth2_callback_outcomes() {
    let code = oauth2_callback("https://app.example/auth?state=base&code=abc%2F1", "base").unwrap();
    assert_eq!(code.expose(), "abc/1");
    assert_eq!(
        oauth2_callback(
            "https://app.example/auth?state=base&error=access_denied",
            "base"
        )
        .unwrap_err(),
        CallbackError::Denied {
            error: "access_denied".into(),
            description: None
        }
    );
    assert_eq!(
        oauth2_callback("https://app.example/auth?state=base", "base").unwrap_err(),
        CallbackError::Missing("code")
    );
    assert_eq!(
        oauth2_callback("https://app.example/auth?state=other&code=x", "base").unwrap_err(),
        CallbackError::StateMismatch {
            found: "other".into()
        }
    );
    assert!(matches!(
        oauth2_callback("not a url", "base"),
        Err(CallbackError::InvalidUrl(_))
    ));
}

#[test]
fn oauth1_callback_outcomes() {
    let rt = RequestToken {
        token: "t1".into(),
        secret: Secret::from("s1"),
    };
    let v = oauth1_callback(
        "https://app.example/cb?oauth_token=t1&oauth_verifier=v1",
        &rt,
    )
    .unwrap();
    assert_eq!(v.expose(), "v1");
    assert_eq!(
        oauth1_callback(
            "https://app.example/cb?oauth_token=t2&oauth_verifier=v1",
            &rt
        )
        .unwrap_err(),
        CallbackError::TokenMismatch
    );
    assert_eq!(
        oauth1_callback("https://app.example/cb?oauth_token=t1", &rt).unwrap_err(),
        CallbackError::Missing("oauth_verifier")
    );
}

#[test]
fn debug_is_redacted() {
    let s = Secret::from("hunter2");
    assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
    assert_eq!(format!("{s:#?}"), "Secret([REDACTED])");
    assert_eq!(s.expose(), "hunter2");
}

/// What `write` makes of a JSON serializer, as text.
fn written(
    write: impl FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>) -> serde_json::Result<()>,
) -> String {
    let mut out = Vec::new();
    write(&mut serde_json::Serializer::new(&mut out)).expect("a map serializes");
    String::from_utf8(out).expect("JSON is UTF-8")
}

#[test]
fn entries_are_written_in_order_each_as_the_wire_has_it() {
    use elements_runtime::wire::{Entry, Optional, OptionalText, Text, write_map};
    let secret = Secret::from("hunter2");
    let url = HttpUrl::parse("https://example.com/cb").expect("an http URL");
    let (number, flag, json) = (15_i64, true, serde_json::json!({"a": [1]}));
    let (set, unset): (Option<i64>, Option<i64>) = (Some(7), None);
    let (set_secret, unset_secret) = (Some(Secret::from("s3")), None::<Secret>);
    // Past twelve entries a generated type nests tuples: the order is kept.
    let text = written(|s| {
        write_map(
            s,
            (
                (
                    Entry("string", "text"),
                    Entry("secret", &secret),
                    Entry("url", &url),
                    Entry("integer", &number),
                    Entry("bool", &flag),
                    Entry("json", &json),
                    Text("integer.text", &number),
                    Text("bool.text", &flag),
                    Text("json.text", &json),
                    Optional("set", &set),
                    Optional("unset", &unset),
                    Optional("secret.set", &set_secret),
                ),
                (
                    Optional("secret.unset", &unset_secret),
                    OptionalText("set.text", &set),
                    OptionalText("unset.text", &unset),
                ),
            ),
        )
    });
    assert_eq!(
        text,
        r#"{"string":"text","secret":"hunter2","url":"https://example.com/cb","integer":15,"bool":true,"json":{"a":[1]},"integer.text":"15","bool.text":"true","json.text":"{\"a\":[1]}","set":7,"secret.set":"s3","set.text":"7"}"#
    );
    assert_eq!(written(|s| write_map(s, ())), "{}");
}
