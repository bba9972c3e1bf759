//! The private element's generated client, sent by `elements-runtime`'s client to a
//! real HTTP server on 127.0.0.1: the exact bytes of `POST /instances`.

use elements_runtime::Client;
use private_element::widgetly::{CustomConfig, CustomInstance, CustomWidgetlyRegion};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn a_private_element_provisions_through_the_runtime_client() {
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
                == br#"{"element":{"key":"widgetly"},"configuration":{"widgetly.api.token":"tok-3","widgetly.region":"us","widgetly.batch.size":50},"tags":[],"name":"Widgets"}"#
        })
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"id":7,"name":"Widgets","token":"element-token-4","element":{"key":"widgetly"}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;

    let base = format!("{}/elements/api-v2", server.uri()).parse().unwrap();
    let client = Client::new("user-1", "org-2")
        .unwrap()
        .with_base_url(base)
        .unwrap();
    let request = CustomInstance::builder()
        .name("Widgets")
        .config(
            CustomConfig::builder()
                .widgetly_api_token("tok-3")
                .with_widgetly_region(CustomWidgetlyRegion::Us)
                .with_widgetly_batch_size(50)
                .build(),
        )
        .build();
    let instance = client.create_instance(&request).await.unwrap();
    assert_eq!(
        (instance.id, instance.element.key.as_str()),
        (7, "widgetly")
    );
    assert_eq!(instance.token.expose(), "element-token-4");
    assert!(
        !format!("{request:?}").contains("tok-3"),
        "the token is redacted"
    );
}
