//! The instance lifecycle beyond creation (`../shared/platform/instances-api.md`):
//! list, get, replace (`PUT`), patch and delete, each against a server on 127.0.0.1
//! with the exact method, path, headers and body, and a typed response.

use elements::{Client, Error, InstancePatch};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const AUTHORIZATION: &str = "User user-secret-1, Organization org-secret-2";

fn client(server: &MockServer) -> Client {
    Client::builder("user-secret-1", "org-secret-2")
        .base_url(format!("{}/elements/api-v2", server.uri()).parse().unwrap())
        .build()
        .unwrap()
}

fn instance(id: u64, name: &str, tags: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "id": id, "name": name, "token": "tok-SECRET",
        "element": {"id": 22, "name": "Box", "key": "box"},
        "tags": tags, "valid": true, "disabled": false,
        "maxCacheSize": 0, "cachingEnabled": false
    })
}

/// Every request the server received; each carried the `Authorization` header.
/// (Checked here rather than by a matcher: wiremock splits header values at commas.)
async fn received(server: &MockServer) -> Vec<Request> {
    let requests = server.received_requests().await.unwrap();
    for r in &requests {
        assert_eq!(
            r.headers["authorization"], AUTHORIZATION,
            "{} {}",
            r.method, r.url
        );
    }
    requests
}

#[tokio::test]
async fn list_instances_returns_every_instance() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/elements/api-v2/instances"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
            instance(4014, "QA Box", &["QA", "Starter"]),
            instance(2535, "QA SFDC", &[]),
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let instances = client(&server).list_instances().await.unwrap();
    let summary: Vec<(u64, &str, Vec<String>)> = instances
        .iter()
        .map(|i| (i.id, i.name.as_str(), i.tags.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                4014,
                "QA Box",
                vec!["QA".to_string(), "Starter".to_string()]
            ),
            (2535, "QA SFDC", vec![])
        ]
    );
    assert_eq!(instances[0].valid, Some(true));
    assert!(!format!("{instances:?}").contains("tok-SECRET"));
    let request = &received(&server).await[0];
    assert!(request.body.is_empty());
    assert!(request.headers.get("content-type").is_none());
}

#[tokio::test]
async fn get_instance_reads_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/elements/api-v2/instances/4014"))
        .respond_with(ResponseTemplate::new(200).set_body_json(instance(4014, "QA Box", &["QA"])))
        .expect(1)
        .mount(&server)
        .await;
    let got = client(&server).get_instance(4014).await.unwrap();
    assert_eq!(
        (got.id, got.name.as_str(), got.element.key.as_str()),
        (4014, "QA Box", "box")
    );
}

#[tokio::test]
async fn update_instance_puts_the_typed_body() {
    let server = MockServer::start().await;
    let request = elements::base::Oauth2Instance::example();
    let body = serde_json::to_value(&request).unwrap();
    Mock::given(method("PUT"))
        .and(path("/elements/api-v2/instances/4590"))
        .and(header("content-type", "application/json"))
        .and(body_json(&body))
        .respond_with(ResponseTemplate::new(200).set_body_json(instance(4590, "Updated", &[])))
        .expect(1)
        .mount(&server)
        .await;
    let updated = client(&server)
        .update_instance(4590, &request)
        .await
        .unwrap();
    assert_eq!(updated.name, "Updated");
}

#[tokio::test]
async fn patch_instance_sends_the_id_and_only_what_changes() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/elements/api-v2/instances/764"))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(instance(764, "Renamed", &["t1"])))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .patch_instance(764, &InstancePatch::new().with_name("Renamed"))
        .await
        .unwrap();
    let patched = client
        .patch_instance(764, &InstancePatch::new().with_tags(["t1", "t2"]))
        .await
        .unwrap();
    assert_eq!(patched.name, "Renamed");
    let bodies: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| String::from_utf8(r.body.clone()).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"id":764,"name":"Renamed"}"#,
            r#"{"id":764,"tags":["t1","t2"]}"#
        ]
    );
}

#[tokio::test]
async fn delete_instance_accepts_an_empty_success_and_reports_a_failure() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/elements/api-v2/instances/4590"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/elements/api-v2/instances/1"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(serde_json::json!({"message": "No instance 1"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    client.delete_instance(4590).await.unwrap();
    let err = client.delete_instance(1).await.unwrap_err();
    assert_eq!(received(&server).await.len(), 2);
    assert!(
        matches!(&err, Error::Http { status: 404, message: Some(m), .. } if m == "No instance 1"),
        "{err:?}"
    );
}

#[test]
fn lifecycle_requests_are_built_without_sending() {
    let client = Client::new("u", "o").unwrap();
    let cases = [
        (
            client.list_instances_request().unwrap(),
            "GET",
            "/instances",
        ),
        (
            client.get_instance_request(7).unwrap(),
            "GET",
            "/instances/7",
        ),
        (
            client
                .patch_instance_request(7, &InstancePatch::new().with_name("n"))
                .unwrap(),
            "PATCH",
            "/instances/7",
        ),
        (
            client.delete_instance_request(7).unwrap(),
            "DELETE",
            "/instances/7",
        ),
    ];
    for (request, verb, suffix) in cases {
        assert_eq!(request.method().as_str(), verb);
        assert_eq!(
            request.url().as_str(),
            format!("https://api.cloud-elements.com/elements/api-v2{suffix}")
        );
        assert_eq!(request.headers()["authorization"], "User u, Organization o");
    }
}
