//! The client's runtime against hostile servers on 127.0.0.1: redirects to another
//! host, redirects that would leak a `Referer`, endless and oversized bodies, error
//! bodies holding secrets; and the builder's settings on the wire.

use std::time::Duration;

use elements::{Client, Error};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const USER: &str = "user-secret-1";
const ORG: &str = "org-secret-2";

fn root(server: &MockServer) -> url::Url {
    format!("{}/elements/api-v2", server.uri()).parse().unwrap()
}

fn client(base: url::Url) -> Client {
    Client::builder(USER, ORG).base_url(base).build().unwrap()
}

fn instance() -> elements::base::Oauth2Instance {
    elements::base::Oauth2Instance::example()
}

/// The error of creating an instance when `api` answers with `response` (the
/// server's earlier mocks are dropped).
async fn answered(api: &MockServer, response: ResponseTemplate) -> Error {
    api.reset().await;
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(api)
        .await;
    client(root(api))
        .create_instance(&instance())
        .await
        .unwrap_err()
}

/// Strings of the example request that must never reach another host.
fn secrets_of_the_request() -> Vec<String> {
    vec![
        USER.to_string(),
        "<INSERT_OAUTH_API_SECRET>".to_string(),
        "%3CINSERT_OAUTH_API_SECRET%3E".to_string(),
        "<INSERT_CODE>".to_string(),
    ]
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed_and_sends_nothing_there() {
    let (api, elsewhere) = (MockServer::start().await, MockServer::start().await);
    for status in [301, 302, 303, 307, 308] {
        let redirect = ResponseTemplate::new(status)
            .insert_header("location", format!("{}/steal?x=1", elsewhere.uri()));
        let err = answered(&api, redirect).await;
        let origin = elsewhere.uri();
        match &err {
            Error::Redirect { status: s, to } => assert_eq!((*s, to), (status, &origin)),
            other => panic!("{status}: expected a redirect error, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            format!("HTTP {status}: redirect to {origin} not followed")
        );
        assert!(
            elsewhere.received_requests().await.unwrap().is_empty(),
            "{status}"
        );
    }
}

#[tokio::test]
async fn a_3xx_without_a_location_is_an_http_error() {
    let api = MockServer::start().await;
    let err = answered(&api, ResponseTemplate::new(304)).await;
    assert!(matches!(err, Error::Http { status: 304, .. }), "{err:?}");
}

#[tokio::test]
async fn a_redirect_within_the_api_is_followed_without_a_referer() {
    let api = MockServer::start().await;
    let response = serde_json::json!({
        "oauthUrl": "https://api.getbase.com/oauth2/authorize", "element": "base"
    });
    Mock::given(method("GET"))
        .and(path("/elements/api-v2/elements/base/oauth/url"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/moved"))
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .mount(&api)
        .await;
    let url = client(root(&api))
        .oauth_url(&elements::base::Oauth2UrlRequest::example())
        .await
        .unwrap();
    assert_eq!(
        url.oauth_url.as_str(),
        "https://api.getbase.com/oauth2/authorize"
    );
    let requests = api.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    // The first URL carries `apiSecret`; a Referer would repeat it.
    assert!(requests[1].headers.get("referer").is_none());
}

/// A server that answers every request with `head` and then writes `chunk` until the
/// client hangs up; returns its API root.
async fn streaming_server(head: &'static str, chunk: &'static [u8]) -> url::Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = [0u8; 4096];
                let _ = socket.read(&mut request).await;
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                while socket.write_all(chunk).await.is_ok() {}
            });
        }
    });
    format!("http://{addr}/elements/api-v2").parse().unwrap()
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit() {
    // One chunked-encoding chunk of 16 KiB, repeated forever.
    static CHUNK: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        let mut chunk = b"4000\r\n".to_vec();
        chunk.extend(std::iter::repeat_n(b'x', 0x4000));
        chunk.extend(b"\r\n");
        chunk
    });
    let base = streaming_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        &CHUNK,
    )
    .await;
    let client = Client::builder(USER, ORG)
        .base_url(base)
        .max_response_bytes(1 << 20)
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let err = client.create_instance(&instance()).await.unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit: 1_048_576 }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "response body larger than the limit of 1048576 bytes"
    );
}

#[tokio::test]
async fn a_declared_length_past_the_limit_is_refused_before_reading() {
    let base = streaming_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n",
        b"x",
    )
    .await;
    let client = Client::builder(USER, ORG).base_url(base).build().unwrap();
    let err = client.create_instance(&instance()).await.unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit } if limit == elements::DEFAULT_MAX_RESPONSE_BYTES),
        "{err:?}"
    );
}

#[tokio::test]
async fn error_output_never_quotes_a_response_body() {
    let api = MockServer::start().await;
    let secret = "SECRET-ELEMENT-TOKEN";
    let cases = [
        ResponseTemplate::new(500).set_body_string(format!("<html>token: {secret}</html>")),
        ResponseTemplate::new(200).set_body_string(format!("{{\"id\": \"{secret}\"}}")),
        ResponseTemplate::new(200).set_body_string(format!("{{\"id\": 1, \"name\": {secret}")),
    ];
    let mut shown = Vec::new();
    for response in cases {
        let err = answered(&api, response).await;
        let text = format!("{err} {err:?} {:?}", std::error::Error::source(&err));
        assert!(!text.contains(secret), "{text}");
        shown.push(err.to_string());
    }
    assert_eq!(
        shown,
        [
            "HTTP 500 (40 bytes, not the platform's JSON error)",
            "unexpected response body (HTTP 200): JSON of another shape than the API's at line 1 column 29",
            "unexpected response body (HTTP 200): not JSON at line 1 column 19",
        ]
    );
    for s in secrets_of_the_request() {
        assert!(!shown.concat().contains(&s));
    }
}

#[tokio::test]
async fn builder_settings_reach_the_wire() {
    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&api)
        .await;
    let own = elements::reqwest::Client::builder()
        .tls_backend_preconfigured(elements::tls_config().unwrap())
        .default_headers(
            [("x-proxy-tag", "mine")]
                .into_iter()
                .map(|(k, v)| (k.parse().unwrap(), v.parse().unwrap()))
                .collect(),
        )
        .build()
        .unwrap();
    let client = Client::builder(USER, ORG)
        .base_url(root(&api))
        .http_client(own)
        .user_agent("my-app/1.0")
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.create_instance(&instance()).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "the timeout applies"
    );
    let requests = api.received_requests().await.unwrap();
    let headers = &requests[0].headers;
    assert_eq!(headers.get("user-agent").unwrap(), "my-app/1.0");
    assert_eq!(headers.get("x-proxy-tag").unwrap(), "mine");
}

#[test]
fn the_default_user_agent_names_the_crate() {
    let request = Client::new(USER, ORG)
        .unwrap()
        .create_instance_request(&instance())
        .unwrap();
    assert_eq!(
        request.headers().get("user-agent").unwrap(),
        concat!("elements/", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_user_agent_a_header_cannot_carry_is_an_error() {
    let err = Client::builder(USER, ORG)
        .user_agent("a\nb")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidUserAgent), "{err:?}");
}

/// The client's own TLS (rustls with ring, set up by `elements::tls_config`, not
/// reqwest's default backend) speaks TLS to an https base URL: a server on 127.0.0.1
/// receives a TLS handshake record holding a ClientHello, and hanging up on it is a
/// transport error.
#[tokio::test]
async fn https_base_urls_are_spoken_to_in_tls() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut record = [0u8; 6];
        stream.read_exact(&mut record).await.unwrap();
        record
    });
    let base = format!("https://127.0.0.1:{port}/elements/api-v2");
    let err = client(base.parse().unwrap())
        .create_instance(&instance())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let record = server.await.unwrap();
    assert_eq!(record[0], 0x16, "a TLS handshake record: {record:?}");
    assert_eq!(record[5], 0x01, "a ClientHello: {record:?}");
}

/// What an app logs of the OAuth step shows neither the client secret (carried in
/// the built request's URL) nor the `state` (what tells its callbacks from forged
/// ones).
#[test]
fn oauth_requests_and_states_are_redacted_in_debug() {
    let app = elements::base::Oauth2App::builder()
        .client_id("app-id")
        .client_secret("s3cr3t-client-value")
        .callback_url("https://app.example.com/cb".parse().unwrap())
        .build();
    let request = app
        .url_request()
        .with_state(elements::State::new("st4te-value"))
        .build();
    let built = client("https://api.example.com/elements/api-v2".parse().unwrap())
        .oauth_url_request(&request)
        .unwrap();
    let shown = format!("{built:?} {:?} {request:?}", request.state);
    assert!(!shown.contains("s3cr3t-client-value"), "{shown}");
    assert!(!shown.contains("st4te-value"), "{shown}");
    assert!(shown.contains("apiSecret=REDACTED"), "{shown}");
    assert!(shown.contains("state=REDACTED"), "{shown}");
    assert!(shown.contains("State(<11 bytes, redacted>)"), "{shown}");
    // The request itself still carries both.
    let url = built.into_inner().url().to_string();
    assert!(url.contains("apiSecret=s3cr3t-client-value") && url.contains("state=st4te-value"));
}

/// The platform's `message` is shown on one line, without what a terminal acts on,
/// and bounded; the whole of it stays in the error's `message`.
#[tokio::test]
async fn an_error_message_is_shown_bounded_and_inert() {
    let api = MockServer::start().await;
    let message = format!(
        "bad\u{1b}[2J\r\nforged log line\u{202e}{}",
        "m".repeat(10_000)
    );
    let err = answered(
        &api,
        ResponseTemplate::new(400).set_body_json(serde_json::json!({ "message": message })),
    )
    .await;
    let shown = err.to_string();
    assert_eq!(
        shown,
        format!(
            "HTTP 400: bad\u{fffd}[2J\u{fffd}\u{fffd}forged log line\u{fffd}{}... ({} more characters)",
            "m".repeat(elements::MAX_MESSAGE_CHARS - 25),
            message.chars().count() - elements::MAX_MESSAGE_CHARS
        )
    );
    match err {
        Error::Http {
            message: Some(m), ..
        } => assert_eq!(m, message),
        other => panic!("{other:?}"),
    }
}

/// A consent URL the app would send its users to is https (or http on a loopback
/// host): a `javascript:` or `data:` one is refused as a response of another shape.
#[tokio::test]
async fn consent_urls_are_https() {
    let api = MockServer::start().await;
    let app = elements::base::Oauth2App::builder()
        .client_id("app-id")
        .client_secret("secret")
        .callback_url("https://app.example.com/cb".parse().unwrap())
        .build();
    let request = app.url_request().build();
    for (url, ok) in [
        ("https://provider.example.com/authorize?x=1", true),
        ("http://127.0.0.1:8080/authorize", true),
        ("http://localhost/authorize", true),
        ("http://provider.example.com/authorize", false),
        ("javascript:alert(document.cookie)", false),
        ("data:text/html,<script>alert(1)</script>", false),
        ("file:///etc/passwd", false),
    ] {
        api.reset().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({ "oauthUrl": url, "element": "base" })),
            )
            .mount(&api)
            .await;
        let result = client(root(&api)).oauth_url(&request).await;
        match result {
            Ok(consent) => {
                assert!(ok, "{url} was accepted");
                assert_eq!(
                    consent.oauth_url.as_str(),
                    url::Url::parse(url).unwrap().as_str()
                );
            }
            Err(e) => {
                assert!(!ok, "{url}: {e}");
                assert!(matches!(e, Error::Decode { .. }), "{url}: {e:?}");
            }
        }
    }
}

/// A body that stops arriving is a timeout, and said to be one: not "error decoding
/// response body", which is how reqwest words any error while reading a body.
#[tokio::test]
async fn a_body_that_stops_is_a_timeout() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        if let Ok((mut socket, _)) = listener.accept().await {
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{";
            let _ = socket.write_all(head.as_bytes()).await;
            tokio::time::sleep(Duration::from_secs(10)).await;
        }
    });
    let client = Client::builder(USER, ORG)
        .base_url(format!("http://{addr}/elements/api-v2").parse().unwrap())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.create_instance(&instance()).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport(ref e) if e.is_timeout()),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "request timed out: no whole response within the client's timeout"
    );
}
