//! The generated guide pages: checked in, fresh, and free of the contradictions the
//! hand-written pages had.
//!
//! The checked-in `generated/docs/<key>.md` pages are the golden files: the first test
//! fails when one differs from a fresh render (run `cargo run -p elementgen -- generate`
//! and review the diff). `generated/docs/README.md` records the hand review of the
//! seed elements' pages against the seed pages. The other tests parse every page and
//! check it against the resolved model.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use elementgen::emit::docs::{self, Templates};
use elementgen::emit::markdown;
use elementgen::model::{AuthType, Catalog, Element, SELECTOR_KEY, Variant};
use elementgen::{check_catalog, examples, implied};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::Value as Json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The catalog named by `ELEMENTGEN_DESCRIPTORS` (as the client's build script reads
/// it; CI sets it to the kitchen catalog), else `descriptors/`.
fn catalog() -> Catalog {
    let dir = std::env::var_os("ELEMENTGEN_DESCRIPTORS")
        .map_or_else(|| root().join("descriptors"), std::path::PathBuf::from);
    let checked = check_catalog(&dir).expect("descriptor directory");
    let (catalog, _) = checked
        .into_catalog()
        .unwrap_or_else(|d| panic!("the catalog has errors: {d:?}"));
    catalog
}

fn rendered() -> (Catalog, Vec<(String, String)>) {
    let catalog = catalog();
    let templates = Templates::builtin().expect("built-in templates load");
    let files = docs::files(&catalog, &templates).expect("pages render");
    (catalog, files.into_iter().collect())
}

/// The seed elements' pages are reviewed against the seeds (see
/// generated/docs/README.md); every page is the golden file of its element.
#[test]
fn checked_in_pages_equal_a_fresh_render() {
    if std::env::var_os("ELEMENTGEN_DESCRIPTORS").is_some() {
        // Another catalog has no checked-in pages to compare.
        return;
    }
    let (catalog, files) = rendered();
    for seed in [
        "base",
        "infusionsoftcrm",
        "actessentialsoauth",
        "dynamicscrmadfs",
    ] {
        assert!(
            catalog.elements.iter().any(|e| e.key == seed),
            "seed element `{seed}` is in the catalog"
        );
    }
    let dir = root().join("generated/docs");
    let mut stale = Vec::new();
    for (name, expected) in &files {
        let actual = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if &actual != expected {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "generated/docs is stale ({stale:?}); run `cargo run -p elementgen -- generate` and review the diff"
    );
}

#[test]
fn rendering_is_deterministic_and_marked() {
    let (catalog, first) = rendered();
    let (_, second) = rendered();
    assert_eq!(first, second);
    assert_eq!(
        first.len(),
        catalog.elements.len() + catalog.pages.len() + 2,
        "one page per element, each page of `docs.also_on`, the index and the include"
    );
    for (name, text) in &first {
        assert!(text.contains(docs::MARKER), "{name} carries the marker");
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "{name} ends with one newline"
        );
        assert!(
            !text.contains('\r') && !text.contains('\t'),
            "{name} has plain line endings"
        );
    }
    let readme = std::fs::read_to_string(root().join("generated/docs/README.md")).expect("README");
    assert!(
        !readme.contains(docs::MARKER),
        "the hand-written README must not look generated"
    );
}

/// A fenced code block of a page, with the variant section it is in.
#[derive(Debug)]
struct Block {
    lang: String,
    text: String,
    variant: usize,
}

struct Page {
    front: Vec<(String, String)>,
    blocks: Vec<Block>,
    /// Prose (text outside code blocks) per variant section; index 0 also holds
    /// the intro of a one-variant page.
    prose: Vec<String>,
    headings: Vec<(HeadingLevel, String)>,
}

fn parse(element: &Element, text: &str) -> Page {
    let body = text
        .strip_prefix("---\n")
        .expect("front matter opens the page");
    let (front, body) = body.split_once("\n---\n").expect("front matter closes");
    let front = front
        .lines()
        .map(|l| {
            let (k, v) = l.split_once(": ").expect("`key: value` front matter");
            (k.to_string(), v.to_string())
        })
        .collect();
    let multi = element.variants.len() > 1;
    let mut page = Page {
        front,
        blocks: Vec::new(),
        prose: vec![String::new(); element.variants.len()],
        headings: Vec::new(),
    };
    let mut variant = 0;
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut code: Option<(String, String)> = None;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                let (level, title) = heading.take().expect("heading open");
                // kramdown's explicit id (`### Title {#anchor}`) is no text of the heading.
                let title = match title.rsplit_once(" {#") {
                    Some((text, id)) if id.ends_with('}') => text.to_string(),
                    _ => title,
                };
                if multi && level == HeadingLevel::H3 {
                    variant = element
                        .variants
                        .iter()
                        .position(|v| v.title == title)
                        .unwrap_or_else(|| {
                            panic!("{}: section `{title}` is a variant", element.key)
                        });
                }
                page.headings.push((level, title));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => panic!("{}: indented code block", element.key),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = code.take().expect("code block open");
                page.blocks.push(Block {
                    lang,
                    text,
                    variant,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut code {
                    text.push_str(&t);
                } else if let Some((_, title)) = &mut heading {
                    title.push_str(&t);
                } else {
                    page.prose[variant].push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => page.prose[variant].push(' '),
            _ => {}
        }
    }
    page
}

fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn curl_url(block: &Block) -> url::Url {
    let quoted: Vec<&str> = block.text.split('\'').skip(1).step_by(2).collect();
    let last = quoted
        .last()
        .expect("the cURL command ends with a quoted URL");
    url::Url::parse(last).unwrap_or_else(|e| panic!("cURL URL `{last}` parses: {e}"))
}

fn check_variant(element: &Element, variant: &Variant, blocks: &[&Block], prose: &str) {
    let key = &element.key;
    let ctx = format!("{key}/{}", variant.id);
    let json: Vec<Json> = blocks
        .iter()
        .filter(|b| b.lang == "json")
        .map(|b| {
            serde_json::from_str(&b.text)
                .unwrap_or_else(|e| panic!("{ctx}: invalid JSON block: {e}\n{}", b.text))
        })
        .collect();
    let curls: Vec<url::Url> = blocks
        .iter()
        .filter(|b| b.lang == "bash" && b.text.starts_with("curl"))
        .map(|b| curl_url(b))
        .collect();
    for url in &curls {
        assert_eq!(url.scheme(), "https", "{ctx}: {url}");
        assert!(
            !url.as_str().contains(&element.name),
            "{ctx}: display name in {url}"
        );
    }

    // The instance request: the element's key, exactly the variant's fields.
    let body = json
        .iter()
        .find(|j| j.get("configuration").is_some() && j.get("id").is_none())
        .unwrap_or_else(|| panic!("{ctx}: instance.json block"));
    assert_eq!(body["element"]["key"], Json::from(key.as_str()), "{ctx}");
    let sent: BTreeSet<&str> = body["configuration"]
        .as_object()
        .expect("configuration object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: BTreeSet<&str> = variant.config.iter().map(|f| f.key.as_str()).collect();
    if variant.selector.is_some() {
        expected.insert(SELECTOR_KEY);
    }
    assert_eq!(
        sent, expected,
        "{ctx}: configuration keys are the variant's fields"
    );
    for f in variant.config.iter().filter(|f| f.secret) {
        let v = body["configuration"][&f.key].as_str().unwrap_or_default();
        assert!(
            v.starts_with("<INSERT_") && v.ends_with('>'),
            "{ctx}: secret `{}` is a placeholder, not `{v}`",
            f.key
        );
    }
    let provider: BTreeSet<&str> = body
        .get("providerData")
        .and_then(Json::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let implied: BTreeSet<&str> = variant
        .provider_data
        .iter()
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(provider, implied, "{ctx}: providerData");
    assert_eq!(
        body,
        &examples::json(&examples::instance_body(element, variant)),
        "{ctx}"
    );

    // The sample response agrees with the descriptor.
    let response = json
        .iter()
        .find(|j| j.get("token").is_some() && j.get("element").is_some())
        .unwrap_or_else(|| panic!("{ctx}: sample response block"));
    let el = &response["element"];
    assert_eq!(el["key"], Json::from(key.as_str()), "{ctx}");
    assert_eq!(el["name"], Json::from(element.name.as_str()), "{ctx}");
    assert_eq!(el["hub"], Json::from(element.hub.as_str()), "{ctx}");
    assert_eq!(
        el["authentication"]["type"],
        Json::from(variant.auth.as_str()),
        "{ctx}"
    );
    assert_eq!(
        el.get("id").and_then(Json::as_u64),
        element.element_id,
        "{ctx}"
    );
    assert_eq!(
        response["configuration"], body["configuration"],
        "{ctx}: response echoes the request"
    );

    // The key named in prose is the key.
    assert!(
        prose.contains(&format!(
            "The “key” into Cloud Elements {} is “{key}”",
            element.name
        )),
        "{ctx}: prose names the key"
    );

    assert!(
        curls
            .iter()
            .any(|u| u.path() == "/elements/api-v2/instances"),
        "{ctx}: POST /instances cURL"
    );
    // The OAuth calls, unless the flow has no consent step.
    let Some(oauth) = variant.oauth.as_ref() else {
        assert_eq!(curls.len(), 1, "{ctx}: only the instance call");
        return;
    };

    // OAuth: one state and one callback URL in every step.
    let cb = examples::callback(variant);
    assert_eq!(
        body["configuration"][implied::OAUTH_CALLBACK_URL],
        Json::from(cb.as_str()),
        "{ctx}"
    );
    let url_call = curls
        .iter()
        .find(|u| u.path() == format!("/elements/api-v2/elements/{key}/oauth/url"))
        .unwrap_or_else(|| panic!("{ctx}: oauth/url cURL"));
    assert_eq!(
        query(url_call, "state").as_deref(),
        Some(key.as_str()),
        "{ctx}: state is the key"
    );
    assert_eq!(query(url_call, "callbackUrl"), Some(cb.clone()), "{ctx}");
    for p in &oauth.params {
        assert_eq!(
            query(url_call, &p.name),
            p.example.clone(),
            "{ctx}: param {} (sent when it has an example)",
            p.name
        );
        assert!(
            prose.contains(&format!("{} –", p.name)),
            "{ctx}: param {} documented",
            p.name
        );
    }
    let url_response = json
        .iter()
        .find(|j| j.get("oauthUrl").is_some())
        .unwrap_or_else(|| panic!("{ctx}: oauthUrl response"));
    assert_eq!(url_response["element"], Json::from(key.as_str()), "{ctx}");
    let consent = url::Url::parse(url_response["oauthUrl"].as_str().expect("string"))
        .expect("oauthUrl parses");
    assert!(
        consent.as_str().starts_with(&oauth.example_authorize_url()),
        "{ctx}: consent page is the provider's authorize_url"
    );
    let callback_blocks: Vec<url::Url> = blocks
        .iter()
        .filter(|b| b.lang == "text")
        .map(|b| url::Url::parse(b.text.trim()).expect("callback example parses"))
        .collect();
    assert_eq!(callback_blocks.len(), 1, "{ctx}: one callback example");
    let back = &callback_blocks[0];
    assert!(
        blocks
            .iter()
            .any(|b| b.lang == "text" && b.text.trim().starts_with(&format!("{cb}?"))),
        "{ctx}: callback example uses the callback URL as written"
    );
    assert!(prose.contains(&cb), "{ctx}: prose names the callback URL");
    // Every parameter the callback carries is what `providerData` sends.
    for name in &oauth.callback_params {
        assert_eq!(
            query(back, name).as_ref(),
            body["providerData"][name.as_str()]
                .as_str()
                .map(str::to_string)
                .as_ref(),
            "{ctx}: callback parameter {name}"
        );
    }
    match variant.auth {
        AuthType::Oauth2 => {
            assert_eq!(curls.len(), 2, "{ctx}");
            assert_eq!(
                query(&consent, "state").as_deref(),
                Some(key.as_str()),
                "{ctx}"
            );
            assert_eq!(query(&consent, "redirect_uri"), Some(cb.clone()), "{ctx}");
            assert_eq!(
                query(&consent, "client_id"),
                query(url_call, "apiKey"),
                "{ctx}: one client id"
            );
            assert_eq!(query(&consent, "scope"), oauth.scope.clone(), "{ctx}");
            assert_eq!(query(back, "state").as_deref(), Some(key.as_str()), "{ctx}");
            assert_eq!(
                query(back, "code").as_ref(),
                body["providerData"]["code"]
                    .as_str()
                    .map(str::to_string)
                    .as_ref(),
                "{ctx}"
            );
            assert!(
                prose.contains(&format!("e.g., {key} in our example")),
                "{ctx}: prose names the state"
            );
        }
        AuthType::Oauth1 => {
            assert_eq!(curls.len(), 3, "{ctx}");
            let token_call = curls
                .iter()
                .find(|u| u.path() == format!("/elements/api-v2/elements/{key}/oauth/token"))
                .unwrap_or_else(|| panic!("{ctx}: oauth/token cURL"));
            assert_eq!(query(token_call, "callbackUrl"), Some(cb.clone()), "{ctx}");
            let token = json
                .iter()
                .find(|j| j.get("token").is_some() && j.get("element").is_none())
                .expect("token response");
            let token_value = token["token"].as_str().map(str::to_string);
            assert_eq!(
                query(url_call, "requestToken"),
                token_value,
                "{ctx}: step 2 sends step 1's token"
            );
            assert_eq!(query(&consent, "oauth_token"), token_value, "{ctx}");
            assert_eq!(query(back, "oauth_token"), token_value, "{ctx}");
            assert_eq!(
                body["providerData"]["oauth_token"]
                    .as_str()
                    .map(str::to_string),
                token_value,
                "{ctx}"
            );
            assert_eq!(
                body["providerData"]["secret"], token["secret"],
                "{ctx}: step 3 sends step 1's secret"
            );
            assert_eq!(
                query(back, "oauth_verifier").as_ref(),
                body["providerData"]["oauth_verifier"]
                    .as_str()
                    .map(str::to_string)
                    .as_ref(),
                "{ctx}"
            );
        }
        _ => unreachable!(),
    }
}

#[test]
fn every_page_is_consistent_with_its_descriptor() {
    let (catalog, files) = rendered();
    for element in &catalog.elements {
        let text = &files
            .iter()
            .find(|(n, _)| n == &element.page.file())
            .expect("page rendered")
            .1;
        let page = parse(element, &elementgen_e2e::after_liquid(text));
        let front: Vec<&str> = page.front.iter().map(|(k, _)| k.as_str()).collect();
        let mut order = vec![
            "heading",
            "seo",
            "title",
            "description",
            "layout",
            "breadcrumbs",
        ];
        if element.element_id.is_some() {
            order.push("elementId");
        }
        order.extend(["parent", "order"]);
        // Then what `elementgen import` reads back and no layout shows.
        use elementgen::emit::docs::{HUB_FACT, PATH_FACT, VARIANTS_FACT};
        order.extend([HUB_FACT, VARIANTS_FACT]);
        let default_path = elementgen::resolve::default_portal_path(&element.page.slug);
        if element.page.portal_path != default_path {
            order.push(PATH_FACT);
        }
        assert_eq!(
            front, order,
            "{}: front matter keys in the portal's order",
            element.key
        );
        let variants: Vec<String> = element
            .variants
            .iter()
            .map(|v| format!("{}:{}", v.id, v.auth.as_str()))
            .collect();
        let fact = |k: &str| {
            page.front
                .iter()
                .find(|(f, _)| f == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            fact(HUB_FACT),
            Some(element.hub.as_str()),
            "{}",
            element.key
        );
        assert_eq!(
            fact(VARIANTS_FACT),
            Some(variants.join(" ").as_str()),
            "{}",
            element.key
        );
        if element.page.portal_path != default_path {
            assert_eq!(
                fact(PATH_FACT),
                Some(element.page.portal_path.as_str()),
                "{}",
                element.key
            );
        }
        // A quoted front matter value is a YAML double-quoted scalar whose escapes
        // (`\"`, `\\`, `\uXXXX`) are JSON's; how Psych reads plain ones is the portal
        // check's to verify (tests/portal).
        let get = |k: &str| {
            page.front.iter().find(|(f, _)| f == k).map(|(_, v)| {
                if v.starts_with('"') {
                    serde_json::from_str::<String>(v).expect("a double-quoted scalar")
                } else {
                    v.clone()
                }
            })
        };
        // The portal's layout prints them raw: HTML whose text is the name.
        assert_eq!(
            get("heading").as_deref().map(elementgen_e2e::html_text),
            Some(element.name.clone())
        );
        assert_eq!(
            get("seo").as_deref().map(elementgen_e2e::html_text),
            Some(format!(
                "Create Instance | {} | Cloud Elements API Docs",
                element.page.seo_name
            ))
        );
        assert_eq!(get("layout").as_deref(), Some("sidebarelementdoc"));
        assert_eq!(get("elementId"), element.element_id.map(|i| i.to_string()));
        assert_eq!(get("order"), Some(element.page.order.to_string()));
        assert!(text.contains(&format!(
            "<!-- generated by elementgen from descriptors/{}.yaml; do not edit -->",
            element.key
        )));
        assert!(
            text.trim_end()
                .ends_with("{% include common-instance-config.md %}"),
            "{}",
            element.key
        );
        assert_eq!(
            page.headings.first().map(|h| h.1.as_str()),
            Some("Create Instance")
        );

        let json_blocks = page.blocks.iter().filter(|b| b.lang == "json").count();
        assert!(
            json_blocks >= 2 * element.variants.len(),
            "{}: JSON blocks",
            element.key
        );
        for block in &page.blocks {
            assert!(
                // Unlabelled blocks are the descriptor's own markdown (notes).
                ["json", "bash", "text", "rust", ""].contains(&block.lang.as_str()),
                "{}: block language {}",
                element.key,
                block.lang
            );
            if block.lang == "json" {
                serde_json::from_str::<Json>(&block.text)
                    .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", element.key));
            }
        }
        if element.variants.len() > 1 {
            let sections: Vec<&str> = page
                .headings
                .iter()
                .filter(|(l, _)| *l == HeadingLevel::H3)
                .map(|(_, t)| t.as_str())
                .collect();
            let titles: Vec<&str> = element.variants.iter().map(|v| v.title.as_str()).collect();
            assert_eq!(
                sections, titles,
                "{}: one section per variant, in order",
                element.key
            );
            for v in &element.variants {
                assert!(
                    // The link text is the escaped title: the portal check reads it.
                    text.contains(&format!("](#{})", v.anchor)),
                    "{}: link to {}",
                    element.key,
                    v.id
                );
            }
        }
        for (i, variant) in element.variants.iter().enumerate() {
            let blocks: Vec<&Block> = page.blocks.iter().filter(|b| b.variant == i).collect();
            check_variant(element, variant, &blocks, &page.prose[i]);
        }
    }
}

#[test]
fn index_lists_every_element() {
    let (catalog, files) = rendered();
    let index = &files
        .iter()
        .find(|(n, _)| n == docs::INDEX)
        .expect("index")
        .1;
    for e in &catalog.elements {
        let row = index
            .lines()
            .find(|l| l.contains(&format!("| {} |", markdown::code(&e.key))))
            .unwrap_or_else(|| panic!("row for {}", e.key));
        assert!(row.contains(&format!("[Create Instance]({})", e.page.url())));
        assert!(row.contains(&format!("| {} |", e.hub.as_str())));
        for v in &e.variants {
            assert!(row.contains(&format!("({})", markdown::code(v.auth.as_str()))));
        }
    }
}

#[test]
fn template_errors_name_the_template_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("partials")).expect("mkdir");
    std::fs::write(
        dir.path().join("partials/oauth2.md.tera"),
        "fine\n{% if %}\n",
    )
    .expect("write");
    let err = Templates::from_dir(dir.path()).expect_err("syntax error");
    assert_eq!(err.template.as_deref(), Some("partials/oauth2.md.tera"));
    assert_eq!(err.line, Some(2));

    std::fs::write(
        dir.path().join("partials/oauth2.md.tera"),
        "a\nb\n{{ variant.missing }}\n",
    )
    .expect("write");
    let templates = Templates::from_dir(dir.path()).expect("parses");
    let catalog = catalog();
    let err = docs::files(&catalog, &templates).expect_err("render error");
    assert_eq!(
        err.template.as_deref(),
        Some("partials/oauth2.md.tera"),
        "{err}"
    );
    assert_eq!(err.line, Some(3), "{err}");
    assert!(
        err.to_string()
            .starts_with("template `partials/oauth2.md.tera`, line 3:"),
        "{err}"
    );
}
