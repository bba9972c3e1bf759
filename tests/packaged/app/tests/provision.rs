//! The application's binary against a real HTTP server on 127.0.0.1: the exact bytes
//! of its `POST /instances`, and what it prints of the answer.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn the_app_provisions_base_crm() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/elements/api-v2/instances"))
        .and(|r: &Request| {
            r.headers
                .get("authorization")
                .is_some_and(|h| h == "User user-1, Organization org-2")
        })
        .and(|r: &Request| {
            r.body
                == br#"{"element":{"key":"base"},"providerData":{"code":"code-6"},"configuration":{"oauth.api.key":"client-3","oauth.api.secret":"secret-4","oauth.callback.url":"https://app.example.com/cb"},"tags":[],"name":"Base CRM"}"#
        })
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"id":42,"name":"Base CRM","token":"element-token-7","element":{"key":"base"}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let base_url = format!("{}/elements/api-v2", server.uri());
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_packaged-app"))
            .arg(base_url)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "the app failed: {:?}",
        out.status
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "created instance 42 of base\n"
    );
}
