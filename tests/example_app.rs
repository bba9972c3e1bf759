//! The lifecycle example (`generated/examples/lifecycle.rs`) run against a server on
//! 127.0.0.1 that plays the platform: it provisions, lists, renames and deletes, in
//! that order, with exactly the requests the platform documents.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

// Formatted as an example (with `generated/examples/rustfmt.toml`), not as a module
// of this crate.
#[path = "../generated/examples/lifecycle.rs"]
#[allow(
    dead_code,
    reason = "the example's `main` reads the environment; the test calls `run`"
)]
#[rustfmt::skip]
mod lifecycle;

#[tokio::test]
async fn the_example_app_provisions_lists_renames_and_deletes() {
    let server = MockServer::start().await;
    let instance = |name: &str| {
        serde_json::json!({
            "id": 4590, "name": name, "token": "tok",
            "element": {"key": "dynamicscrmadfs"}, "tags": ["crm"]
        })
    };
    let root = "/elements/api-v2/instances";
    for (verb, at, body) in [
        ("POST", root.to_string(), instance("Dynamics CRM")),
        (
            "GET",
            root.to_string(),
            serde_json::json!([instance("Dynamics CRM")]),
        ),
        (
            "PATCH",
            format!("{root}/4590"),
            instance("Dynamics CRM (production)"),
        ),
        ("DELETE", format!("{root}/4590"), serde_json::Value::Null),
    ] {
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = elements::Client::builder("user-secret", "org-secret")
        .base_url(format!("{}/elements/api-v2", server.uri()).parse().unwrap())
        .build()
        .unwrap();
    lifecycle::run(&client, "dyn-user", "dyn-password")
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let calls: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        calls,
        [
            "POST /elements/api-v2/instances",
            "GET /elements/api-v2/instances",
            "PATCH /elements/api-v2/instances/4590",
            "DELETE /elements/api-v2/instances/4590"
        ]
    );
    let created: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        created,
        serde_json::json!({
            "element": {"key": "dynamicscrmadfs"},
            "configuration": {
                "user.username": "dyn-user",
                "user.password": "dyn-password",
                "dynamics.tenant": "yourcompanyname.crm.dynamics.com",
                "document.tagging": false
            },
            "tags": ["crm"],
            "name": "Dynamics CRM"
        })
    );
    assert_eq!(
        String::from_utf8(requests[2].body.clone()).unwrap(),
        r#"{"id":4590,"name":"Dynamics CRM (production)"}"#
    );
}
