//! `elementgen import`, tested on real pages.
//!
//! - Golden cases: every `tests/import/cases/<case>.md` is imported and the exact
//!   descriptors and messages are compared with `<case>.expected` (`BLESS=1` rewrites
//!   them, to be checked by eye).
//! - Round trip: every page of `tests/import/corpus` (the 93 real pages) and
//!   `tests/import/seeds` is imported, its descriptors generate pages, and the facts of
//!   those pages (element key, variants, configuration and provider-data keys, OAuth
//!   query parameters) are compared with the original's. Every difference must be one
//!   the importer reported.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use elementgen::check_sources;
use elementgen::diagnostics::{Diagnostic, render};
use elementgen::emit::docs::Templates;
use elementgen::import::{self, facts, markdown};
use elementgen::model::Element;

fn pages(dir: &str) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list `{dir}`: {e}"))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    pages.sort();
    pages
}

/// What importing one page prints: each descriptor, then the messages.
fn import_output(page: &Path) -> String {
    let bytes = fs::read(page).expect("a readable page");
    let mut out = String::new();
    match import::page(page, &bytes) {
        Ok(imported) => {
            for draft in &imported.drafts {
                let _ = writeln!(out, "# --- {}.yaml", draft.key);
                out.push_str(&draft.text());
            }
            out.push_str(&render(&imported.warnings, false));
        }
        Err(e) => out.push_str(&render(&[*e], false)),
    }
    out
}

#[test]
fn golden_imports_match() {
    let mut failures = Vec::new();
    let cases = pages("tests/import/cases");
    assert!(cases.len() >= 8, "the golden cases are missing");
    for page in cases {
        let expected_path = page.with_extension("expected");
        let actual = import_output(&page);
        if std::env::var_os("BLESS").is_some() {
            fs::write(&expected_path, &actual).expect("writable expected file");
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{}: output differs (BLESS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}",
                page.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The facts a page states about one element: what the round trip compares.
#[derive(Debug, Default, PartialEq, Eq)]
struct ElementFacts {
    config: BTreeSet<String>,
    provider_data: BTreeSet<String>,
    query: BTreeSet<String>,
    /// Distinct field sets that are not part of another: the variants.
    variants: usize,
}

fn element_facts(text: &str, key: &str) -> ElementFacts {
    let page = markdown::read(text).expect("a readable page");
    let facts = facts::read(&page);
    let mut out = ElementFacts::default();
    let mut sets: Vec<BTreeSet<String>> = Vec::new();
    // A body whose key is still Liquid stands for the page's own key.
    let mine = |k: &str| k == key || k.contains("{{");
    for body in facts.bodies.iter().filter(|b| mine(&b.key)) {
        let mut set = BTreeSet::new();
        for (k, _) in &body.config {
            if k != "authentication.type" {
                out.config.insert(k.clone());
                set.insert(k.clone());
            }
        }
        for (k, _) in body.provider_data.iter().flatten() {
            out.provider_data.insert(k.clone());
            set.insert(format!("providerData.{k}"));
        }
        sets.push(set);
    }
    out.variants = sets
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            !sets
                .iter()
                .enumerate()
                .any(|(j, t)| j != *i && s.is_subset(t) && (s != &t || j < *i))
        })
        .count();
    for call in &facts.oauth_calls {
        if facts.owner(call.line).is_some_and(mine) {
            out.query.extend(call.query.iter().map(|(k, _)| k.clone()));
        }
    }
    out
}

/// The names a difference is about, each of which a warning must mention.
fn differences(original: &ElementFacts, generated: &ElementFacts) -> Vec<String> {
    let mut out = Vec::new();
    for (what, a, b) in [
        ("configuration key", &original.config, &generated.config),
        (
            "providerData key",
            &original.provider_data,
            &generated.provider_data,
        ),
        ("OAuth query parameter", &original.query, &generated.query),
    ] {
        for name in a.symmetric_difference(b) {
            let side = if a.contains(name) {
                "only in the original"
            } else {
                "only in the generated page"
            };
            out.push(format!("{what} `{name}` {side}"));
        }
    }
    if original.variants != generated.variants {
        out.push(format!(
            "variants: {} in the original, {} generated",
            original.variants, generated.variants
        ));
    }
    out
}

/// Whether a reported warning accounts for a difference: it names the same key or
/// parameter.
fn explained(difference: &str, warnings: &[Diagnostic]) -> bool {
    let name = difference.split('`').nth(1).unwrap_or("");
    let needle = format!("`{name}`");
    let providerdata = format!("`providerData.{name}`");
    warnings.iter().any(|w| {
        !name.is_empty() && (w.message.contains(&needle) || w.message.contains(&providerdata))
    }) || (difference.starts_with("variants")
        && warnings.iter().any(|w| w.message.contains("variant")))
}

/// Pages that cannot be imported, with the reason the importer must give.
const UNIMPORTABLE: &[(&str, &str)] = &[
    (
        "infusionsoft.md",
        "the code fence opened here is never closed",
    ),
    ("seed-001.md", "no `POST /instances` request body"),
];

#[test]
fn every_page_round_trips_or_its_differences_were_reported() {
    let templates = Templates::builtin().expect("built-in templates");
    let mut unexplained = Vec::new();
    let mut imported = 0;
    let all: Vec<PathBuf> = pages("tests/import/corpus")
        .into_iter()
        .chain(pages("tests/import/seeds"))
        .collect();
    assert!(all.len() >= 98, "the corpus copy is missing");
    for path in all {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let text = fs::read_to_string(&path).expect("a readable page");
        let result = import::page(&path, text.as_bytes());
        if let Some((_, reason)) = UNIMPORTABLE.iter().find(|(n, _)| *n == name) {
            match result {
                Err(e) => assert!(e.message.contains(reason), "{name}: {}", e.message),
                Ok(_) => panic!("{name} was expected to fail: {reason}"),
            }
            continue;
        }
        let imported_page = result.unwrap_or_else(|e| panic!("{name}: {}", render(&[*e], false)));
        for draft in &imported_page.drafts {
            let file = PathBuf::from(format!("{}.yaml", draft.key));
            let checked = check_sources([(file, draft.text().into_bytes())]);
            let (catalog, _) = checked.into_catalog().unwrap_or_else(|d| {
                panic!(
                    "{name}: draft `{}` invalid:\n{}",
                    draft.key,
                    render(&d, false)
                )
            });
            let element = &catalog.elements[0];
            let generated = templates.page(element).expect("the page renders");
            let original = element_facts(&text, &draft.key);
            let produced = element_facts(&generated, &draft.key);
            assert!(
                produced.variants > 0,
                "{name}: the generated page shows no request body"
            );
            for difference in differences(&original, &produced) {
                if !explained(&difference, &imported_page.warnings) {
                    unexplained.push(format!("{name} ({}): {difference}", draft.key));
                }
            }
            imported += 1;
        }
    }
    assert!(imported >= 90, "only {imported} elements imported");
    assert!(
        unexplained.is_empty(),
        "{} differences the importer did not report:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
}

#[test]
fn a_batch_imports_each_element_once_and_validates_what_it_writes() {
    let dir = Path::new("catalog");
    let read = |p: &str| (PathBuf::from(p), fs::read(p).expect("a page"));
    let batch = import::batch(
        dir,
        vec![
            read("tests/import/corpus/adobe-esign.md"),
            read("tests/import/corpus/adobe-sign.md"),
            read("tests/import/corpus/facebook.md"),
            read("tests/import/corpus/facebookleadads.md"),
        ],
        Vec::new(),
        false,
    );
    let written: Vec<String> = batch
        .outputs
        .iter()
        .map(|o| o.path.display().to_string())
        .collect();
    assert_eq!(
        written,
        [
            "catalog/adobe-esign.yaml",
            "catalog/facebooksocial.yaml",
            "catalog/facebookleadads.yaml"
        ]
    );
    let messages: Vec<&str> = batch
        .diagnostics
        .iter()
        .filter(|d| d.position.line == 1)
        .map(|d| d.message.as_str())
        .collect();
    assert!(messages.contains(&"element `adobe-esign` is also imported from `tests/import/corpus/adobe-esign.md`; this page's copy is left out (one descriptor per element), and the descriptor keeps the page as `docs.also_on`"), "{messages:#?}");
    // Two pages of one element: the second is kept as a page of it.
    let adobe = &batch.outputs[0].text;
    assert!(
        adobe.contains("  # a page that shows the element too (tests/import/corpus/adobe-sign.md)\n  also_on:\n    - page: adobe-sign\n"),
        "{adobe}"
    );
    assert!(messages.contains(&"element id 222 is already `facebooksocial`'s; `facebookleadads` is imported without one"), "{messages:#?}");
    let sources: Vec<(PathBuf, Vec<u8>)> = batch
        .outputs
        .iter()
        .map(|o| (o.path.clone(), o.text.clone().into_bytes()))
        .collect();
    assert!(!check_sources(sources).has_errors());
}

#[test]
fn an_existing_descriptor_is_replaced_only_with_force() {
    let page = (
        PathBuf::from("tests/import/corpus/autopilot.md"),
        fs::read("tests/import/corpus/autopilot.md").expect("a page"),
    );
    let existing = vec![(
        PathBuf::from("catalog/autopilot.yaml"),
        b"key: autopilot\n".to_vec(),
    )];
    let kept = import::batch(
        Path::new("catalog"),
        vec![page.clone()],
        existing.clone(),
        false,
    );
    assert!(kept.outputs.is_empty());
    assert_eq!(
        kept.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>(),
        ["`catalog/autopilot.yaml` already exists; not overwritten (use `--force` to replace it)"]
    );
    let forced = import::batch(Path::new("catalog"), vec![page], existing, true);
    assert_eq!(forced.outputs.len(), 1);
    assert!(!forced.has_errors());
}

/// Bad input: a clear error each, and never a panic.
#[test]
fn bad_pages_are_errors_that_say_why() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.md", Vec::new(), "the page is empty"),
        ("binary.md", vec![0x7f, b'E', b'L', b'F', 0, 1, 2, 0xff], "the file holds NUL bytes: not a text page"),
        ("latin1.md", b"caf\xe9 {\"element\": 1}".to_vec(), "the file is not UTF-8 text: not a page"),
        ("prose.md", b"# Hello\n\nJust prose, no JSON.\n".to_vec(), "no `POST /instances` request body (a JSON object with `element.key`) on the page: not a Create Instance page"),
        ("broken.md", b"## Create Instance\n\n```json\n{\"element\": {\"key\": \"x\"}}\n".to_vec(), "the code fence opened here is never closed"),
        ("bad-json.md", b"```json\n{\"element\": {\"key\": \"x\"}, \"configuration\": {\"a\" 1}}\n```\n".to_vec(), "no readable `POST /instances` request body; the JSON block at line 2 cannot be read: expected `:` after the member name, found `1`"),
        ("spaces.md", b"```json\n{\"element\": {\"key\": \"FreshBooks Classic\"}, \"configuration\": {}}\n```\n".to_vec(), "the request body's element key `FreshBooks Classic` is not a valid key"),
        ("huge.md", {
            let mut v = b"```json\n{\"element\": {\"key\": \"x\"}}\n```\n".to_vec();
            v.resize(10 * 1024 * 1024, b'a');
            v
        }, "the page is 10485760 bytes; pages larger than 1048576 bytes are not imported"),
    ];
    for (name, bytes, expected) in cases {
        let e = import::page(Path::new(name), &bytes).expect_err(name);
        assert!(e.is_error(), "{name}");
        assert!(e.message.starts_with(expected), "{name}: {}", e.message);
        assert_eq!(e.file, Path::new(name));
    }
}

/// Page text reaches the draft's values and comments, where YAML breaks lines at a
/// lone CR, U+0085, U+2028 and U+2029 (what follows would be read as descriptor
/// fields: a fixed configuration entry the client would send) and refuses other
/// control characters. A page holding one, in its heading, a placeholder of the
/// request body or a key of the sample response, is refused at that character;
/// the same page with CRLF line ends imports as with LF.
#[test]
fn line_breaks_and_control_characters_in_a_page_are_refused_where_they_are() {
    let path = Path::new("tests/import/cases/oauth2.md");
    let page = fs::read_to_string(path).expect("the case page");
    let crlf = page.replace('\n', "\r\n");
    assert_eq!(import_output(path), {
        let imported = import::page(path, crlf.as_bytes()).expect("a CRLF page imports");
        let mut out = String::new();
        for draft in &imported.drafts {
            let _ = writeln!(out, "# --- {}.yaml", draft.key);
            out.push_str(&draft.text());
        }
        out + &render(&imported.warnings, false)
    });
    let attack =
        "\r      - key: webhook.url\r        const: https://attacker.example/hook\r      #";
    let places = [
        (
            "heading: Base CRM",
            "heading: Base CRM{}\rdocs:\r  order: 1\r#",
        ),
        ("<INSERT_BASECRM_CLIENT_ID>", "<INSERT_BASECRM_CLIENT_ID{}>"),
        ("\"id\": 123,", "\"i{}d\": 123,"),
    ];
    for (name, ch) in [
        ("a carriage return", '\r'),
        ("U+0085", '\u{85}'),
        ("U+2028", '\u{2028}'),
        ("U+001B", '\u{1b}'),
    ] {
        for (original, injected) in places {
            assert_eq!(page.matches(original).count(), 1, "{original}");
            let with = injected.replace("{}", &ch.to_string());
            let hostile = page.replace(original, &with);
            let hostile = if original.starts_with('<') {
                hostile.replace(&with, &format!("{with}{attack}"))
            } else {
                hostile
            };
            let byte = page.find(original).expect("found") + injected.find("{}").expect("{}");
            let before = &hostile[..byte];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            let e =
                import::page(path, hostile.as_bytes()).expect_err(&format!("{name} in {original}"));
            assert!(
                e.message.contains(name) && e.message.ends_with("in the page: not imported"),
                "{name} in {original}: {}",
                e.message
            );
            assert_eq!(
                (e.position.line, e.position.column),
                (line, column),
                "{name} in {original}"
            );
        }
    }
}

/// Unreadable JSON, deep nesting and stray Liquid do not panic the reader.
#[test]
fn hostile_pages_never_panic() {
    let hostile = [
        "```json\n{{{{{{{{\n```\n".to_string(),
        format!("```json\n{}\n```\n", "[".repeat(100_000)),
        "```json\n{\"element\": {\"key\": \"{{page.elementKey}}\"}}\n```\n".to_string(),
        "---\nheading: x\n".to_string(),
        "```\u{201C}\n```".to_string(),
        "    curl -d '{\"element\": {\"key\": \"a\"}' 'https://x/elements/a/oauth/url?%ZZ'\n"
            .to_string(),
    ];
    for text in hostile {
        let _ = import::page(Path::new("h.md"), text.as_bytes());
    }
}

/// What a generated page cannot give back, by element: each entry is a change as
/// `elementgen diff` names it (`<element>[ / <variant>[ / <field>]]: <change>`), and
/// each is a loss descriptors/README.md documents ("What import reads back").
const ROUND_TRIP_LOSSES: &[&str] = &[];

/// `import(generate(d))` is `d`: every element of the real and the kitchen catalogs,
/// rendered as its guide page and imported back, resolves to the same model (the
/// descriptor normalized: defaults filled, names derived, comments dropped) but for
/// the documented losses.
#[test]
fn generated_pages_import_back_to_their_descriptors() {
    let templates = Templates::builtin().expect("built-in templates");
    let mut differences = Vec::new();
    let mut seen = Vec::new();
    let mut count = 0;
    for dir in ["../descriptors", "../tests/catalogs/kitchen"] {
        let catalog = valid_catalog(dir);
        for element in &catalog.elements {
            count += 1;
            let page = templates.page(element).expect("the page renders");
            let path = PathBuf::from(format!("{}.md", element.page.slug));
            let imported = import::page(&path, page.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {}", element.key, render(&[*e], false)));
            let Some(draft) = imported.drafts.iter().find(|d| d.key == element.key) else {
                differences.push(format!("{}: not imported back", element.key));
                continue;
            };
            let file = PathBuf::from(format!("{}.yaml", element.key));
            let (back, _) = check_sources([(file, draft.text().into_bytes())])
                .into_catalog()
                .unwrap_or_else(|d| {
                    panic!(
                        "{}: the draft is invalid:\n{}\n{}",
                        element.key,
                        draft.text(),
                        render(&d, false)
                    )
                });
            let mut back = back.elements[0].clone();
            normalize(element, &mut back);
            let old = elementgen::model::Catalog {
                elements: vec![element.clone()],
                pages: Vec::new(),
            };
            let new = elementgen::model::Catalog {
                elements: vec![back.clone()],
                pages: Vec::new(),
            };
            let report = elementgen::diff::diff(&old, &new);
            let mut named = Vec::new();
            for change in &report.changes {
                let mut line = change.element.clone();
                for part in [&change.variant, &change.field].into_iter().flatten() {
                    line = format!("{line} / {part}");
                }
                let line = format!("{line}: {}", change.message);
                if !ROUND_TRIP_LOSSES.contains(&line.as_str()) {
                    named.push(line.clone());
                }
                seen.push(line);
            }
            if report.changes.is_empty() && back != *element {
                named.push(format!(
                    "{}: the models differ where `diff` sees no change:\n{}",
                    element.key,
                    debug_difference(element, &back)
                ));
            }
            differences.extend(named);
        }
    }
    assert!(count >= 90, "only {count} elements");
    for loss in ROUND_TRIP_LOSSES {
        if !seen.iter().any(|s| s == loss) {
            differences.push(format!("listed as a loss, but read back now: {loss}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences between descriptors and their pages imported back:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// What the page cannot tell apart is made equal: the file the descriptor came
/// from, and markdown that renders to the same HTML (`*a*` and `_a_`).
fn normalize(original: &Element, back: &mut Element) {
    use elementgen::emit::markdown::markdown;
    let same = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(markdown) == b.as_deref().map(markdown)
    };
    back.source = original.source.clone();
    if same(&original.page.preamble, &back.page.preamble) {
        back.page.preamble = original.page.preamble.clone();
    }
    if same(&original.page.notes, &back.page.notes) {
        back.page.notes = original.page.notes.clone();
    }
    for (a, b) in original.variants.iter().zip(&mut back.variants) {
        if same(&a.notes, &b.notes) {
            b.notes = a.notes.clone();
        }
    }
}

/// The catalog of directory `dir`, which must be valid.
fn valid_catalog(dir: &str) -> elementgen::model::Catalog {
    let checked = elementgen::check_catalog(Path::new(dir)).expect("a catalog directory");
    let (catalog, _) = checked
        .into_catalog()
        .unwrap_or_else(|d| panic!("{dir}: {}", render(&d, false)));
    catalog
}

/// The lines of two values' `{:#?}` that differ, for a failure message.
fn debug_difference(a: &impl std::fmt::Debug, b: &impl std::fmt::Debug) -> String {
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut out = String::new();
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            let _ = writeln!(out, "- {x}\n+ {y}");
        }
    }
    out
}

/// A second page of an element (`docs.also_on`) that `generate` wrote imports as
/// that, whichever page comes first: the element's own page is its page, the second
/// keeps its heading, and the element resolves as it was.
#[test]
fn a_second_page_imports_as_also_on_in_any_order() {
    let catalog = valid_catalog("../tests/catalogs/kitchen");
    let templates = Templates::builtin().expect("built-in templates");
    let files = elementgen::emit::docs::files(&catalog, &templates).expect("the pages");
    let acme = catalog
        .elements
        .iter()
        .find(|e| e.key == "acme")
        .expect("acme");
    let own = (
        PathBuf::from("acme-everything.md"),
        files["acme-everything.md"].clone().into_bytes(),
    );
    let second = (
        PathBuf::from("acme-classic.md"),
        files["acme-classic.md"].clone().into_bytes(),
    );
    for pages in [
        vec![second.clone(), own.clone()],
        vec![own.clone(), second.clone()],
        vec![second.clone()],
    ] {
        let batch = import::batch(Path::new("catalog"), pages, Vec::new(), false);
        let text = &batch
            .outputs
            .iter()
            .find(|o| o.path.ends_with("acme.yaml"))
            .expect("acme")
            .text;
        let (back, _) = check_sources([(PathBuf::from("acme.yaml"), text.clone().into_bytes())])
            .into_catalog()
            .unwrap_or_else(|d| panic!("{text}\n{}", render(&d, false)));
        let element = &back.elements[0];
        assert_eq!(element.page.slug, acme.page.slug, "{text}");
        assert_eq!(element.name, acme.name, "{text}");
        let classic: Vec<(&str, &str, &str)> = back
            .pages
            .iter()
            .map(|p| (p.slug.as_str(), p.heading.as_str(), p.portal_path.as_str()))
            .collect();
        assert!(
            classic.contains(&(
                "acme-classic",
                "Acme Everything",
                "docs/elements/acme-classic/acme-classic-create-instance.md"
            )),
            "{classic:?}\n{text}"
        );
    }
}

/// The hostile catalog's pages, whose code and markdown `generate` wraps in Liquid's
/// `{% raw %}` (a fence then ends in `{% endraw %}`), import as Jekyll reads them: each
/// of its elements comes back, none of its pages is refused.
#[test]
fn pages_wrapped_in_liquid_raw_tags_import() {
    let catalog = valid_catalog("../tests/catalogs/hostile");
    let templates = Templates::builtin().expect("built-in templates");
    let mut wrapped = 0;
    for element in &catalog.elements {
        let page = templates.page(element).expect("the page renders");
        wrapped += usize::from(page.contains("{% endraw %}"));
        let imported = import::page(Path::new("page.md"), page.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {}", element.key, render(&[*e], false)));
        assert!(
            imported.drafts.iter().any(|d| d.key == element.key),
            "{}",
            element.key
        );
    }
    assert!(
        wrapped > 0,
        "no page of the hostile catalog holds Liquid's raw tags"
    );
}
