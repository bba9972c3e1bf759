//! The client sends exactly what the guide pages show: for every element and
//! variant, the generated request filled with the descriptor's example values
//! serializes to the page's `instance.json` block, and its OAuth queries equal the
//! page's cURL queries. Nothing is typed by hand: the expectation is the page the docs
//! emitter renders (the checked-in pages equal it, as `elementgen check` guards) and
//! the model's example functions.
//!
//! Like the client's build script, these tests read the catalog named by
//! `ELEMENTGEN_DESCRIPTORS` when it is set, so CI also runs them against
//! `tests/catalogs/kitchen`, which uses every feature of the format.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use elementgen::examples;
use elementgen::model::{Catalog, Element, Origin, Variant};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The pages' Rust as functions, written by this crate's build script from the same
/// catalog (`elementgen::Builder::page_examples`).
mod page_examples {
    include!(concat!(env!("OUT_DIR"), "/elements_page_examples.rs"));
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn catalog() -> Catalog {
    let dir = std::env::var_os("ELEMENTGEN_DESCRIPTORS")
        .map_or_else(|| workspace().join("descriptors"), PathBuf::from);
    let checked = elementgen::check_catalog(&dir).expect("descriptors readable");
    checked.into_catalog().expect("the catalog is valid").0
}

fn variant<'a>(catalog: &'a Catalog, key: &str, id: &str) -> (&'a Element, &'a Variant) {
    let e = catalog
        .elements
        .iter()
        .find(|e| e.key == key)
        .expect("element of the example");
    (
        e,
        e.variants
            .iter()
            .find(|v| v.id == id)
            .expect("variant of the example"),
    )
}

/// Every fenced code block of a page, in order.
fn code_blocks(page: &str) -> Vec<String> {
    fenced_blocks(page, None)
}

/// The fenced code blocks of a page in the language `lang` (all of them for `None`).
fn fenced_blocks(page: &str, lang: Option<&str>) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(page) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if lang.is_none_or(|l| l == &*info) =>
            {
                current = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
            _ => {}
        }
    }
    blocks
}

/// The page's `instance.json` blocks (request bodies, not responses), in variant order.
fn instance_json_blocks(page: &str) -> Vec<serde_json::Value> {
    code_blocks(page)
        .iter()
        .filter_map(|b| serde_json::from_str::<serde_json::Value>(b).ok())
        .filter(|v| {
            v.get("element").is_some() && v.get("configuration").is_some() && v.get("id").is_none()
        })
        .collect()
}

/// Query strings of the page's cURL URLs whose path ends with `suffix`, in order.
fn curl_queries(page: &str, suffix: &str) -> Vec<String> {
    code_blocks(page)
        .iter()
        .flat_map(|b| b.split('\'').map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|s| url::Url::parse(&s).ok())
        .filter(|u| u.path().ends_with(suffix))
        .map(|u| u.query().unwrap_or("").to_string())
        .collect()
}

fn page(element: &Element) -> String {
    let templates =
        elementgen::emit::docs::Templates::builtin().expect("built-in templates compile");
    elementgen_e2e::after_liquid(&templates.page(element).expect("the page renders"))
}

#[test]
fn examples_cover_every_variant_of_the_catalog() {
    let catalog = catalog();
    let from_catalog: BTreeSet<(String, String)> = catalog
        .elements
        .iter()
        .flat_map(|e| e.variants.iter().map(|v| (e.key.clone(), v.id.clone())))
        .collect();
    let from_client: BTreeSet<(String, String)> = elements::examples()
        .iter()
        .map(|x| (x.element.to_string(), x.variant.to_string()))
        .collect();
    assert_eq!(from_client, from_catalog);
    let from_pages: BTreeSet<(String, String)> = page_examples::page_examples()
        .iter()
        .map(|(element, variant, _)| (element.to_string(), variant.to_string()))
        .collect();
    assert_eq!(from_pages, from_catalog);
    assert_eq!(
        elements::ELEMENT_KEYS,
        catalog
            .elements
            .iter()
            .map(|e| e.key.as_str())
            .collect::<Vec<_>>()
    );
}

#[test]
fn instance_bodies_equal_the_pages_and_the_model() {
    let catalog = catalog();
    for e in &catalog.elements {
        let page_bodies = instance_json_blocks(&page(e));
        assert_eq!(
            page_bodies.len(),
            e.variants.len(),
            "one instance.json per variant on the page of {}",
            e.key
        );
        for (v, on_page) in e.variants.iter().zip(&page_bodies) {
            let example = elements::examples()
                .into_iter()
                .find(|x| x.element == e.key && x.variant == v.id)
                .unwrap();
            let sent = serde_json::to_string_pretty(&example.instance_body).unwrap();
            assert_eq!(
                sent,
                serde_json::to_string_pretty(on_page).unwrap(),
                "{} {}: client body vs page",
                e.key,
                v.id
            );
            assert_eq!(
                sent,
                examples::pretty(&examples::instance_body(e, v)),
                "{} {}: client body vs model",
                e.key,
                v.id
            );
        }
    }
}

#[test]
fn oauth_queries_equal_the_pages_and_the_model() {
    let catalog = catalog();
    let mut checked = 0;
    for x in elements::examples() {
        let (e, v) = variant(&catalog, x.element, x.variant);
        let Some(query) = x.oauth_url_query else {
            assert!(
                v.oauth.is_none(),
                "{} {} is OAuth but has no URL request",
                e.key,
                v.id
            );
            continue;
        };
        let pairs: Vec<(String, String)> =
            query.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let model = examples::oauth_url_query(e, v);
        assert_eq!(pairs, model, "{} {}: URL query vs model", e.key, v.id);
        let encoded = examples::query_string(&model);
        assert!(
            curl_queries(&page(e), "/oauth/url").contains(&encoded),
            "{} {}: the page shows no cURL with query {encoded}",
            e.key,
            v.id
        );
        if let Some(token) = x.oauth_token_query {
            let pairs: Vec<(String, String)> =
                token.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            assert_eq!(
                pairs,
                examples::oauth_token_query(v),
                "{} {}: token query vs model",
                e.key,
                v.id
            );
            assert!(
                curl_queries(&page(e), "/oauth/token").contains(&examples::query_string(&pairs))
            );
        }
        checked += 1;
    }
    assert!(checked >= 1, "the catalog has OAuth variants");
}

/// The callback parser reads the page's example callback into exactly the
/// `providerData` the page sends.
#[test]
fn callback_parsers_read_the_pages_callback_into_the_provider_data() {
    let catalog = catalog();
    let mut checked = 0;
    for x in elements::examples() {
        let (e, v) = variant(&catalog, x.element, x.variant);
        let (Some(url), Some(parsed)) = (x.callback_url, x.callback_provider_data) else {
            assert!(
                v.oauth.is_none() || v.provider_data.iter().any(|f| f.origin != Origin::Implied),
                "{} {}: a consent flow with implied provider data has a callback parser",
                e.key,
                v.id
            );
            continue;
        };
        let page = page(e);
        assert!(
            code_blocks(&page).iter().any(|b| b.trim() == url),
            "{} {}: the page shows the callback {url}",
            e.key,
            v.id
        );
        assert_eq!(
            parsed,
            examples::json(&examples::instance_body(e, v))["providerData"],
            "{} {}: parsed callback vs the page's providerData",
            e.key,
            v.id
        );
        checked += 1;
    }
    assert!(checked >= 1, "the catalog has consent flows");
}

#[test]
fn debug_output_never_shows_a_credential() {
    let catalog = catalog();
    for x in elements::examples() {
        let (e, v) = variant(&catalog, x.element, x.variant);
        let secrets: Vec<String> = v
            .config
            .iter()
            .chain(&v.provider_data)
            .filter(|f| f.secret)
            .map(|f| f.example.to_text())
            .collect();
        for s in &secrets {
            assert!(
                !x.instance_debug.contains(s.as_str()),
                "{} {}: Debug shows {s}: {}",
                e.key,
                v.id,
                x.instance_debug
            );
        }
        assert_eq!(
            x.instance_debug.matches("Secret([REDACTED])").count(),
            secrets.len(),
            "{} {}: every secret is redacted",
            e.key,
            v.id
        );
    }
}

/// The page's ```rust blocks, in order.
fn rust_blocks(page: &str) -> Vec<String> {
    fenced_blocks(page, Some("rust"))
}

/// Every variant's Rust snippets, as the page shows them, compiled against the client
/// (`page_examples::<module>::page_example_*`, the same tokens), run in order against a server on 127.0.0.1
/// that answers with the page's responses: each request they send is exactly the one
/// the page's cURL sends (query, `Authorization`, `instance.json`).
#[tokio::test]
async fn page_rust_snippets_send_what_the_page_shows() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let catalog = catalog();
    let server = MockServer::start().await;
    let root = "/elements/api-v2";
    let base: url::Url = format!("{}{root}", server.uri()).parse().unwrap();
    let mut rust_blocks_expected = std::collections::BTreeMap::new();
    for x in elements::examples() {
        let (e, v) = variant(&catalog, x.element, x.variant);
        let at = format!("{} {}", e.key, v.id);
        server.reset().await;
        let elements_path = format!("{root}/elements/{}", e.key);
        Mock::given(method("GET"))
            .and(path(format!("{elements_path}/oauth/token")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(examples::oauth_token_response(v)),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("{elements_path}/oauth/url")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(examples::oauth_url_response(e, v)),
            )
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(format!("{root}/instances")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(examples::instance_response(e, v)),
            )
            .mount(&server)
            .await;

        let page_example = page_examples::page_examples()
            .into_iter()
            .find(|(element, variant, _)| *element == x.element && *variant == x.variant)
            .map(|(_, _, run)| run)
            .unwrap_or_else(|| panic!("{at}: no page example"));
        let instance = page_example(base.clone())
            .await
            .unwrap_or_else(|err| panic!("{at}: the page's Rust fails: {err}"));
        assert_eq!(instance.element.key, e.key, "{at}");

        let page = page(e);
        let position = e.variants.iter().position(|w| w.id == v.id).unwrap();
        let requests = server.received_requests().await.unwrap();
        let expected_paths: Vec<String> = [
            (v.auth == elementgen::model::AuthType::Oauth1)
                .then(|| format!("{elements_path}/oauth/token")),
            v.oauth
                .as_ref()
                .map(|_| format!("{elements_path}/oauth/url")),
            Some(format!("{root}/instances")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let paths: Vec<String> = requests.iter().map(|r| r.url.path().to_string()).collect();
        assert_eq!(
            paths, expected_paths,
            "{at}: the calls of the page, in order"
        );
        for request in &requests {
            let request_path = request.url.path();
            if let Some(suffix) = ["/oauth/token", "/oauth/url"]
                .into_iter()
                .find(|s| request_path.ends_with(s))
            {
                let query = request.url.query().unwrap_or("").to_string();
                assert!(
                    curl_queries(&page, suffix).contains(&query),
                    "{at}: the snippet sends {suffix}?{query}, which no cURL of the page shows"
                );
            } else {
                let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
                assert_eq!(
                    body,
                    instance_json_blocks(&page)[position],
                    "{at}: the snippet's POST /instances body vs the page's instance.json"
                );
                let authorization = request.headers.get("authorization").unwrap();
                assert_eq!(
                    authorization.to_str().unwrap(),
                    examples::authorization(),
                    "{at}"
                );
            }
        }
        // One block per step on the page: the token and URL steps, the callback
        // parse when there is one, and the instance step.
        let blocks = usize::from(v.auth == elementgen::model::AuthType::Oauth1)
            + usize::from(v.oauth.is_some())
            + usize::from(x.callback_url.is_some())
            + 1;
        *rust_blocks_expected.entry(e.key.clone()).or_insert(0) += blocks;
    }
    for e in &catalog.elements {
        assert_eq!(
            rust_blocks(&page(e)).len(),
            rust_blocks_expected[&e.key],
            "{}: a Rust block beside every step",
            e.key
        );
    }
}

/// A configuration loads from the page's `configuration` object (values as the wire
/// writes them) and serializes back to exactly that object.
#[test]
fn configurations_load_from_what_the_page_sends() {
    let catalog = catalog();
    for x in elements::examples() {
        let (e, v) = variant(&catalog, x.element, x.variant);
        let sent = x.instance_body["configuration"].clone();
        let back = (x.config_round_trip)(sent.clone())
            .unwrap_or_else(|err| panic!("{} {}: {err}", e.key, v.id));
        assert_eq!(
            serde_json::to_string_pretty(&back).unwrap(),
            serde_json::to_string_pretty(&sent).unwrap(),
            "{} {}",
            e.key,
            v.id
        );
    }
}
