//! The items of descriptor format v2, each through the whole pipeline: a small
//! descriptor in, the model's examples, the page and the Rust source out, with the
//! exact text each item must produce. Each test failed on the format-v1 generator.

use std::path::PathBuf;

use elementgen::check_sources;
use elementgen::diagnostics::render;
use elementgen::emit::{docs, rust};
use elementgen::examples;
use elementgen::model::{Catalog, Element};

const HEAD: &str = "key: acme\nname: Acme\nhub: crm\ndescription: Acme is a test element.\n";

/// The catalog of one descriptor `acme.yaml` (`HEAD` plus `rest`), which must be clean.
fn catalog(rest: &str) -> Catalog {
    let checked = check_sources([(
        PathBuf::from("acme.yaml"),
        format!("{HEAD}{rest}").into_bytes(),
    )]);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        render(&checked.diagnostics, false)
    );
    checked.catalog
}

fn element(catalog: &Catalog) -> &Element {
    &catalog.elements[0]
}

fn page(catalog: &Catalog) -> String {
    docs::Templates::builtin()
        .unwrap()
        .page(element(catalog))
        .unwrap()
}

fn body(catalog: &Catalog, variant: usize) -> serde_json::Value {
    let e = element(catalog);
    examples::json(&examples::instance_body(e, &e.variants[variant]))
}

#[test]
fn url_examples_and_defaults_are_kept_as_written() {
    let c = catalog(
        "auth:\n  - type: custom\n    config:\n      - key: site\n        type: url\n        example: https://X.atlassian.net\n      - key: other\n        type: url\n        default: http://Intranet.example.com\n",
    );
    assert_eq!(
        body(&c, 0)["configuration"],
        serde_json::json!({"site": "https://X.atlassian.net", "other": "http://Intranet.example.com"})
    );
    assert!(page(&c).contains("| <code>http://Intranet.example.com</code> |"));
    let source = rust::element_source(&c.elements[0]);
    assert!(
        source.contains(r#"::elements_runtime::HttpUrl::parse("http://Intranet.example.com")"#)
    );
}

#[test]
fn oauth1_consent_url_carries_the_token_and_the_callback() {
    let c = catalog(
        "auth:\n  - type: oauth1\n    oauth:\n      authorize_url: https://acme.example.com/oauth/authorize\n",
    );
    let e = element(&c);
    assert_eq!(
        examples::provider_url(e, &e.variants[0]),
        "https://acme.example.com/oauth/authorize?oauth_token=%3CINSERT_OAUTH_TOKEN%3E&oauth_callback=https%3A%2F%2Fwww.mycoolapp.com%2Fauth"
    );
}

#[test]
fn oauth1_callback_params_reach_the_callback_the_body_and_the_parser() {
    let c = catalog(
        "auth:\n  - type: oauth1\n    oauth:\n      authorize_url: https://acme.example.com/oauth/authorize\n      callback_params:\n        - name: realmId\n          example: \"123\"\n",
    );
    let e = element(&c);
    let v = &e.variants[0];
    assert_eq!(
        examples::callback_url(e, v),
        "https://www.mycoolapp.com/auth?oauth_token=%3CINSERT_OAUTH_TOKEN%3E&oauth_verifier=%3CINSERT_OAUTH_VERIFIER%3E&realmId=123"
    );
    assert_eq!(
        body(&c, 0)["providerData"],
        serde_json::json!({
            "oauth_token": "<INSERT_OAUTH_TOKEN>",
            "oauth_verifier": "<INSERT_OAUTH_VERIFIER>",
            "realmId": "123",
            "secret": "<INSERT_REQUEST_TOKEN_SECRET>",
        })
    );
    assert!(page(&c).contains(
        "is executed with the <code>oauth_token</code>, <code>oauth_verifier</code> and <code>realmId</code> query string parameters."
    ));
    assert!(
        rust::element_source(&c.elements[0]).contains(r#"realm_id: callback.param("realmId")?"#),
        "the parser reads it"
    );
}

#[test]
fn optional_oauth_params_without_example_stay_out_of_the_examples() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/authorize\n      params:\n        - name: prompt\n          required: false\n        - name: region\n          required: false\n          example: eu\n",
    );
    let e = element(&c);
    let names: Vec<String> = examples::oauth_url_query(e, &e.variants[0])
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        names,
        ["apiKey", "apiSecret", "callbackUrl", "region", "state"]
    );
}

#[test]
fn refined_implied_fields_reach_the_oauth_bullets_and_may_stop_being_secret() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/authorize\n    config:\n      - key: oauth.api.secret\n        label: Portal ID\n        description: Your portal id.\n        secret: false\n        example: \"62515\"\n",
    );
    let text = page(&c);
    assert!(text.contains("* __apiSecret__ – Portal ID: Your portal id.\n"));
    assert!(text.contains(
        "| <code>oauth.api.secret</code> | Portal ID | string | yes |  | Your portal id. |"
    ));
    assert_eq!(body(&c, 0)["configuration"]["oauth.api.secret"], "62515");
}

#[test]
fn a_common_option_with_an_example_or_default_is_in_the_example_body() {
    let c = catalog(
        "auth:\n  - type: basic\n    selector: Basic\n    config:\n      - key: username\n      - key: filter.response.nulls\n        default: false\n      - key: event.poller.refresh_interval\n        example: 30\n",
    );
    assert_eq!(
        serde_json::to_string(&body(&c, 0)["configuration"]).unwrap(),
        r#"{"username":"<INSERT_USERNAME>","authentication.type":"Basic","event.poller.refresh_interval":30,"filter.response.nulls":false}"#
    );
    let source = rust::element_source(&c.elements[0]);
    assert!(
        source.contains("filter_response_nulls: Some(false)"),
        "the default is the client's too"
    );
}

#[test]
fn omit_drops_implied_fields() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/authorize\n    omit: [oauth.callback.url]\n    config:\n      - key: sharefile.callback.url\n        type: url\n        example: https://www.mycoolapp.com/auth\n",
    );
    let config = body(&c, 0)["configuration"].clone();
    let keys: Vec<&String> = config.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "oauth.api.key",
            "oauth.api.secret",
            "sharefile.callback.url"
        ]
    );
}

#[test]
fn oauth2_without_consent_is_one_direct_request() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      consent: false\n    omit: [oauth.callback.url]\n    provider_data:\n      - key: code\n        const: \"\"\n",
    );
    let text = page(&c);
    assert!(!text.contains("/oauth/url"));
    assert!(text.contains("### Step 1. Create an Instance"));
    let e = element(&c);
    assert_eq!(
        examples::json(&examples::instance_response(e, &e.variants[0]))["element"]["authentication"]
            ["type"],
        "oauth2"
    );
    assert_eq!(body(&c, 0)["providerData"], serde_json::json!({"code": ""}));
    assert!(!rust::element_source(&c.elements[0]).contains("UrlRequest"));
}

#[test]
fn const_fields_are_always_sent_and_the_table_says_fixed() {
    let c = catalog(
        "auth:\n  - type: custom\n    config:\n      - key: protocol\n        const: sms\n      - key: version\n        type: integer\n        wire: string\n        const: 2\n",
    );
    assert_eq!(
        body(&c, 0)["configuration"],
        serde_json::json!({"protocol": "sms", "version": "2"})
    );
    let text = page(&c);
    assert!(text.contains(
        "| <code>protocol</code> | Protocol | string | fixed: <code>&#34;sms&#34;</code> |  |  |"
    ));
    assert!(text.contains(
        "| <code>version</code> | Version | integer | fixed: <code>&#34;2&#34;</code> |  |  |"
    ));
    let source = rust::element_source(&c.elements[0]);
    assert!(source.contains(r#"::elements_runtime::wire::Entry("protocol", "sms"),"#));
    assert!(
        source.contains("pub fn new() -> Self"),
        "fixed fields are no constructor arguments"
    );
}

#[test]
fn json_fields_are_written_as_yaml_and_sent_as_json() {
    let c = catalog(
        "auth:\n  - type: custom\n    config:\n      - key: event.poller.configuration\n        type: json\n        example:\n          contacts: {url: /hubs/crm/contacts, page: 2}\n",
    );
    assert_eq!(
        body(&c, 0)["configuration"]["event.poller.configuration"],
        serde_json::json!({"contacts": {"url": "/hubs/crm/contacts", "page": 2}})
    );
    assert!(
        rust::element_source(&c.elements[0])
            .contains("pub event_poller_configuration: ::elements_runtime::serde_json::Value,")
    );
}

#[test]
fn page_slug_names_the_file_and_the_links() {
    let c = catalog(
        "docs:\n  page: netsuite-2016-erp\nauth:\n  - type: basic\n    config:\n      - key: username\n",
    );
    let files = docs::files(&c, &docs::Templates::builtin().unwrap()).unwrap();
    let names: Vec<&String> = files.keys().collect();
    assert_eq!(
        names,
        [
            "_includes/common-instance-config.md",
            "index.md",
            "netsuite-2016-erp.md"
        ]
    );
    // The portal publishes `netsuite-2016-erp.md` as `netsuite-2016-erp.html`.
    assert!(files["index.md"].contains("[Create Instance](netsuite-2016-erp.html)"));
}

#[test]
fn page_text_goes_where_the_page_has_it() {
    let c = catalog(
        "docs:\n  variants: connection\n  preamble: Register first.\n  notes: Done.\nauth:\n  - type: custom\n    title: Via IP Address\n    notes: Direct access.\n    config:\n      - key: host\n  - type: custom\n    id: gateway\n    title: Via Gateway\n    config:\n      - key: gateway.id\n",
    );
    let text = page(&c);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("`{needle}` on the page:\n{text}"))
    };
    assert!(at("Acme is a test element.") < at("Register first."));
    assert!(
        at("Register first.")
            < at("You can provision the instance with one of these connection methods:")
    );
    assert!(
        at(
            "### Via IP Address {#via-ip-address}\n\n<div class=\"descriptor-markdown\"><p>Direct access.</p></div>\n"
        ) < at("### Via Gateway {#via-gateway}")
    );
    assert!(at("Done.") > at("### Via Gateway"));
}

#[test]
fn top_level_body_fields_sit_beside_configuration() {
    let c = catalog(
        "auth:\n  - type: custom\n    config:\n      - key: host\n    body:\n      - key: externalAuthentication\n        const: initial\n",
    );
    assert_eq!(
        serde_json::to_string(&body(&c, 0)).unwrap(),
        r#"{"element":{"key":"acme"},"configuration":{"host":"<INSERT_HOST>"},"externalAuthentication":"initial","tags":["<INSERT_TAGS>"],"name":"<INSERT_INSTANCE_NAME>"}"#
    );
}

#[test]
fn oauth2_callback_returning_tokens_instead_of_code() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/authorize\n      callback_params:\n        - name: access_token\n          secret: true\n    omit: [code]\n",
    );
    let e = element(&c);
    assert_eq!(
        examples::callback_url(e, &e.variants[0]),
        "https://www.mycoolapp.com/auth?state=acme&access_token=%3CINSERT_ACCESS_TOKEN%3E"
    );
    assert!(rust::element_source(&c.elements[0]).contains(
        r#"access_token: ::elements_runtime::Secret::new(callback.param("access_token")?)"#
    ));
}

#[test]
fn provider_data_of_any_auth_type_is_described_in_its_own_words() {
    let c = catalog(
        "auth:\n  - type: custom\n    provider_data:\n      - key: exchange.token\n        description: The token of the exchange.\n        secret: true\n    config:\n      - key: host\n",
    );
    let text = page(&c);
    assert!(!text.contains("OAuth exchange"));
    assert!(text.contains("The <code>providerData</code> entries of the instance:"));
    assert!(text.contains(
        "| <code>exchange.token</code> | Exchange token | string (secret) | yes | The token of the exchange. |"
    ));
}

#[test]
fn modules_are_found_by_every_run_of_words_of_their_names() {
    let c = catalog(
        "docs:\n  seo_name: MS Acme Plains\nauth:\n  - type: custom\n    config:\n      - key: host\n",
    );
    let source = rust::element_source(&c.elements[0]);
    let module = source.find("pub mod acme {").expect("the module");
    // The catalog has one module: every alias before it is its own.
    let aliases: Vec<&str> = source[..module]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("#[doc(alias = \""))
        .filter_map(|l| l.strip_suffix("\")]"))
        .collect();
    // The display name is "Acme" (the module's own name, so no alias of its own).
    assert_eq!(
        aliases,
        ["acme plains", "ms", "ms acme", "ms acme plains", "plains"]
    );
}

/// An OAuth 2 variant that lists its own `provider_data` gets the callback it
/// describes: the sentence names what comes back, and the callback example and the
/// page's Rust carry it (they were empty).
#[test]
fn listed_provider_data_is_what_the_callback_carries() {
    let catalog = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/oauth2/authorize\n    provider_data:\n      - key: code\n        secret: true\n      - key: realmId\n      - key: fixed\n        const: x\n",
    );
    let e = element(&catalog);
    let v = &e.variants[0];
    // The callback carries the listed fields but the fixed one.
    let carried = &v.oauth.as_ref().expect("oauth").callback_params;
    assert_eq!(carried, &["code", "realmId"]);
    let page = page(&catalog);
    assert!(
        page.contains("When the provided callback URL is executed, a code value and <code>realmId</code> will be returned, which are required for the Create Instance API."),
        "{page}"
    );
    assert!(
        page.contains("The endpoint will also provide the query string parameters “state”, “code” and “realmId”."),
        "{page}"
    );
    let callback = examples::callback_url(e, v);
    assert!(
        callback.contains("&code=") && callback.contains("&realmId="),
        "{callback}"
    );
    assert!(page.contains(&callback), "{callback} not in\n{page}");
}

/// The two sentences every seed page states, as they state them: what a missing
/// required entry gives, and what a denied consent sends instead of the code.
#[test]
fn the_seed_pages_standing_sentences_are_kept() {
    let page = page(&catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example.com/oauth2/authorize\n",
    ));
    for sentence in [
        "If the user does not specify a required config entry, an error will result notifying her of which entries she is missing.",
        "If the user denies authentication and/or authorization, there will be a query string parameter called “error” instead of the “code” parameter.",
    ] {
        assert_eq!(page.matches(sentence).count(), 1, "{sentence}\n{page}");
    }
}

#[test]
fn an_optional_parameter_default_is_the_consent_host_the_examples_show() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://{siteAddress}/services/oauth2/authorize\n      params:\n        - name: siteAddress\n          description: Your My Domain host.\n          required: false\n          default: login.acme.example.com\n",
    );
    let e = element(&c);
    let v = &e.variants[0];
    assert_eq!(
        examples::provider_url(e, v),
        "https://login.acme.example.com/services/oauth2/authorize?response_type=code&client_id=%3CINSERT_OAUTH_API_KEY%3E&redirect_uri=https%3A%2F%2Fwww.mycoolapp.com%2Fauth&state=acme"
    );
    // Not sent: the URL request leaves it out.
    assert!(
        !examples::oauth_url_query(e, v)
            .iter()
            .any(|(k, _)| k == "siteAddress")
    );
    assert!(page(&c).contains(
        "  * __siteAddress__ – (optional) Your My Domain host. (default: <code>login.acme.example.com</code>)\n"
    ));
    let source = rust::element_source(e);
    assert!(source.contains(
        "/// `siteAddress`: Your My Domain host. (when not sent, the provider uses `login.acme.example.com`)"
    ), "{source}");
}

#[test]
fn a_consent_url_may_take_a_value_the_app_sends_that_is_not_secret() {
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://app.acme.example.com/auth?portalId={apiSecret}\n    config:\n      - key: oauth.api.secret\n        label: Portal ID\n        secret: false\n        example: \"62515\"\n",
    );
    let e = element(&c);
    assert_eq!(
        examples::provider_url(e, &e.variants[0]),
        "https://app.acme.example.com/auth?portalId=62515&response_type=code&client_id=%3CINSERT_OAUTH_API_KEY%3E&redirect_uri=https%3A%2F%2Fwww.mycoolapp.com%2Fauth&state=acme"
    );
    // A value in the query is a query component: `&` in it starts no parameter.
    let c = catalog(
        "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://app.acme.example.com/auth?portalId={apiSecret}\n    config:\n      - key: oauth.api.secret\n        secret: false\n        example: \"12 & 5\"\n",
    );
    let e = element(&c);
    assert!(
        examples::provider_url(e, &e.variants[0])
            .starts_with("https://app.acme.example.com/auth?portalId=12+%26+5&response_type=code&")
    );
}

#[test]
fn elements_also_on_a_page_share_it_section_by_section_or_get_a_second_page() {
    let sources = [
        (
            "acme.yaml",
            "key: acme\nname: Acme CRM\nhub: crm\ndescription: Acme CRM is a test element.\ndocs:\n  also_on:\n    - page: acme-suite\n      heading: Acme Suite\n    - page: acme-old\nauth:\n  - type: basic\n  - type: api_key\n",
        ),
        (
            "acme-erp.yaml",
            "key: acme-erp\nname: Acme ERP\nhub: erp\ndescription: Acme ERP is a test element.\ndocs:\n  also_on:\n    - page: acme-suite\nauth:\n  - type: basic\n  - type: api_key\n",
        ),
    ];
    let checked = check_sources(
        sources
            .iter()
            .map(|(n, t)| (PathBuf::from(n), t.as_bytes().to_vec())),
    );
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        render(&checked.diagnostics, false)
    );
    let c = checked.catalog;
    let templates = docs::Templates::builtin().unwrap();
    let files = docs::files(&c, &templates).unwrap();
    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "_includes/common-instance-config.md",
            "acme-erp.md",
            "acme-old.md",
            "acme-suite.md",
            "acme.md",
            "index.md"
        ]
    );
    let suite = &files["acme-suite.md"];
    assert!(suite.starts_with("---\nheading: Acme Suite\nseo: Create Instance | Acme Suite | Cloud Elements API Docs\n"), "{suite}");
    assert!(suite.contains("<!-- generated by elementgen from descriptors/acme.yaml, descriptors/acme-erp.yaml; do not edit -->"));
    assert!(suite.contains("* [Acme CRM](#element-acme) (key <code>acme</code>)\n* [Acme ERP](#element-acme-erp) (key <code>acme-erp</code>)\n"));
    // Each element's section, its variants' anchors under it: unique on the page.
    for line in [
        "## Acme CRM {#element-acme}\n\nAcme CRM is a test element.\n",
        "### Basic Authentication {#element-acme-basic-authentication}\n",
        "## Acme ERP {#element-acme-erp}\n",
        "### Basic Authentication {#element-acme-erp-basic-authentication}\n",
        "* [API Key Authentication](#element-acme-erp-api-key-authentication)\n",
    ] {
        assert!(suite.contains(line), "{line}");
    }
    assert!(
        suite.ends_with("\n\n{% include common-instance-config.md %}\n"),
        "{suite}"
    );
    // A page only one element lists is its own page again, under another name, which
    // says (to `import`, unseen by a reader) which page is the element's own.
    let old = &files["acme-old.md"];
    let own = &files["acme.md"];
    assert!(old.contains("\nelementgenOwnPage: acme\n---\n"), "{old}");
    assert_eq!(
        old.replace("\nelementgenOwnPage: acme\n", "\n").replace(
            "generated by elementgen from descriptors/acme.yaml, descriptors/",
            "generated by elementgen from descriptors/"
        ),
        *own
    );
    assert_eq!(
        c.pages[0].portal_path,
        "docs/elements/acme-old/acme-old-create-instance.md"
    );
}
