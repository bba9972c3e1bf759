//! The client against a real HTTP server on 127.0.0.1, for every variant of the seed
//! elements: exact method, path, query, headers and body (expected values come from
//! the resolved model, as the pages do), and each kind of failure.

use std::path::Path;

use elementgen::examples;
use elementgen::model::{Catalog, Element, Variant};
use elements::{Client, CreateInstance, Error, OAuthTokenRequest, OAuthUrlRequest};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const USER: &str = "user-secret-1";
const ORG: &str = "org-secret-2";
const API_ROOT: &str = "/elements/api-v2";

fn catalog() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../descriptors");
    elementgen::check_catalog(&dir)
        .unwrap()
        .into_catalog()
        .unwrap()
        .0
}

fn find<'a>(catalog: &'a Catalog, key: &str, id: &str) -> (&'a Element, &'a Variant) {
    let e = catalog.elements.iter().find(|e| e.key == key).unwrap();
    (e, e.variants.iter().find(|v| v.id == id).unwrap())
}

async fn client(server: &MockServer) -> Client {
    let base = url::Url::parse(&format!("{}{API_ROOT}", server.uri())).unwrap();
    Client::new(USER, ORG).unwrap().with_base_url(base).unwrap()
}

/// Sends `request` and checks the wire exactly; the server answers with the model's
/// sample response, which must decode.
async fn check_create_instance<R: CreateInstance>(request: R, e: &Element, v: &Variant) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{API_ROOT}/instances")))
        .and(|r: &Request| r.url.query().is_none())
        // A closure, not `header()`: wiremock splits header values at commas.
        .and(|r: &Request| {
            r.headers
                .get("authorization")
                .is_some_and(|h| h == format!("User {USER}, Organization {ORG}").as_str())
        })
        .and(header("content-type", "application/json"))
        .and(body_json(examples::instance_body(e, v)))
        .respond_with(ResponseTemplate::new(200).set_body_json(examples::instance_response(e, v)))
        .expect(1)
        .mount(&server)
        .await;
    let instance = client(&server)
        .await
        .create_instance(&request)
        .await
        .unwrap();
    assert_eq!(instance.id, examples::INSTANCE_ID);
    assert_eq!(instance.element.key, e.key);
    assert_eq!(instance.token.expose(), examples::ELEMENT_TOKEN);
    assert!(
        !format!("{instance:?}").contains(examples::ELEMENT_TOKEN),
        "the element token is redacted"
    );
}

/// OAuth calls carry the page's query, byte for byte, and no Authorization header.
async fn check_oauth_url<R: OAuthUrlRequest>(request: R, e: &Element, v: &Variant) {
    let server = MockServer::start().await;
    let expected = examples::query_string(&examples::oauth_url_query(e, v));
    Mock::given(method("GET"))
        .and(path(format!("{API_ROOT}/elements/{}/oauth/url", e.key)))
        .and(move |r: &Request| r.url.query() == Some(expected.as_str()))
        .and(|r: &Request| {
            !r.headers.contains_key("authorization") && !r.headers.contains_key("content-type")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(examples::oauth_url_response(e, v)))
        .expect(1)
        .mount(&server)
        .await;
    let url = client(&server).await.oauth_url(&request).await.unwrap();
    assert_eq!(url.element, e.key);
    assert_eq!(url.oauth_url.as_str(), examples::provider_url(e, v));
}

async fn check_oauth_token<R: OAuthTokenRequest>(request: R, e: &Element, v: &Variant) {
    let server = MockServer::start().await;
    let expected = examples::query_string(&examples::oauth_token_query(v));
    Mock::given(method("GET"))
        .and(path(format!("{API_ROOT}/elements/{}/oauth/token", e.key)))
        .and(move |r: &Request| r.url.query() == Some(expected.as_str()))
        .and(|r: &Request| {
            !r.headers.contains_key("authorization") && !r.headers.contains_key("content-type")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(examples::oauth_token_response(v)))
        .expect(1)
        .mount(&server)
        .await;
    let token = client(&server).await.oauth_token(&request).await.unwrap();
    assert_eq!(token.token, examples::request_token(v));
    assert_eq!(token.secret.expose(), examples::request_token_secret(v));
}

/// One test per seed variant: the OAuth calls its flow makes, then the instance.
macro_rules! seed_variant {
    ($test:ident: $module:ident $id:literal, $instance:ident $(, url $url:ident)? $(, token $token:ident)?) => {
        #[tokio::test]
        async fn $test() {
            let catalog = catalog();
            let (e, v) = find(&catalog, stringify!($module), $id);
            $(check_oauth_token(elements::$module::$token::example(), e, v).await;)?
            $(check_oauth_url(elements::$module::$url::example(), e, v).await;)?
            check_create_instance(elements::$module::$instance::example(), e, v).await;
        }
    };
}

seed_variant!(base_oauth2: base "oauth2", Oauth2Instance, url Oauth2UrlRequest);
seed_variant!(infusionsoftcrm_oauth2: infusionsoftcrm "oauth2", Oauth2Instance, url Oauth2UrlRequest);
seed_variant!(actessentialsoauth_oauth2: actessentialsoauth "oauth2", Oauth2Instance, url Oauth2UrlRequest);
seed_variant!(dynamicscrmadfs_custom: dynamicscrmadfs "custom", CustomInstance);
seed_variant!(dynamicscrmadfs_oauth2: dynamicscrmadfs "oauth2", Oauth2Instance, url Oauth2UrlRequest);
seed_variant!(desk_oauth1_three_steps: desk "oauth1", Oauth1Instance, url Oauth1UrlRequest, token Oauth1TokenRequest);
seed_variant!(netsuiteerpv2_basic_with_selector: netsuiteerpv2 "basic", BasicInstance);

/// The error of creating an instance when the server answers with `response`.
async fn create_instance_answered_with(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(response)
        .mount(&server)
        .await;
    client(&server)
        .await
        .create_instance(&elements::base::Oauth2Instance::example())
        .await
        .unwrap_err()
}

#[tokio::test]
async fn missing_entries_come_back_as_a_typed_error_with_the_message() {
    let server = MockServer::start().await;
    let message = "Missing required configuration entries: [dynamics.tenant]";
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"requestId": "abc", "message": message})),
        )
        .mount(&server)
        .await;
    let err = client(&server)
        .await
        .create_instance(&elements::dynamicscrmadfs::CustomInstance::example())
        .await
        .unwrap_err();
    match &err {
        Error::Http {
            status: 400,
            message: Some(m),
            ..
        } => assert_eq!(m, message),
        other => panic!("expected an HTTP 400 error with the message, got {other:?}"),
    }
    assert_eq!(err.to_string(), format!("HTTP 400: {message}"));
}

#[tokio::test]
async fn a_non_json_502_is_an_http_error_without_message() {
    let err = create_instance_answered_with(
        ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"),
    )
    .await;
    match err {
        Error::Http {
            status,
            message,
            body,
        } => {
            assert_eq!(
                (status, message, body.as_str()),
                (502, None, "<html>Bad Gateway</html>")
            );
        }
        other => panic!("expected an HTTP 502 error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_success_with_an_undecodable_body_is_a_decode_error() {
    let err = create_instance_answered_with(
        ResponseTemplate::new(200).set_body_string("{\"id\": \"not a number\"}"),
    )
    .await;
    assert!(
        matches!(err, Error::Decode { status: 200, .. }),
        "got {err:?}"
    );
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    // Accept connections and close them at once, without a response.
    let server = tokio::spawn(async move {
        for _ in 0..4 {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            drop(socket);
        }
    });
    let base = url::Url::parse(&format!("http://{addr}{API_ROOT}")).unwrap();
    let client = Client::new(USER, ORG).unwrap().with_base_url(base).unwrap();
    let err = client
        .create_instance(&elements::base::Oauth2Instance::example())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "got {err:?}");
    assert!(!err.to_string().contains(USER) && !format!("{err:?}").contains(USER));
    server.abort();
}

#[test]
fn client_debug_shows_no_credential() {
    let client = Client::new(USER, ORG).unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(USER) && !debug.contains(ORG), "{debug}");
    let request = client
        .create_instance_request(&elements::base::Oauth2Instance::example())
        .unwrap();
    assert_eq!(
        request.url().as_str(),
        "https://api.cloud-elements.com/elements/api-v2/instances"
    );
    assert!(!format!("{request:?}").contains(USER));
}

#[test]
fn a_secret_a_header_cannot_carry_is_refused_without_echoing_it() {
    let err = Client::new("s3cr3t\nvalue", ORG).unwrap_err();
    assert!(matches!(err, Error::InvalidSecret), "got {err:?}");
    assert!(!format!("{err:?} {err}").contains("s3cr3t"));
}
