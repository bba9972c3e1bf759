//! Validation and resolution: descriptors in, the resolved [`Catalog`] out, with every
//! problem of the whole catalog reported as a [`Diagnostic`] at its position.
//!
//! Each rule of the format's Validation section lives here, next to the resolution
//! step it guards, so that what is checked is exactly what the emitters rely on.

use std::collections::BTreeMap;

use crate::descriptor::{self as raw, Scalar, Spanned};
use crate::diagnostics::{Diagnostic, Position, SourceText, one_of};
use crate::implied;
use crate::load::{Parsed, position_of};
use crate::model::{
    AuthType, Catalog, Element, EnumValue, ExampleCode, Field, FieldType, OAuth, OAuthParam,
    Origin, Page, SELECTOR_KEY, SharedPage, Value, Variant, Wire,
};
use crate::names;
use crate::text::{self, TextKind};

/// Default tab order of a page.
const DEFAULT_ORDER: u32 = 20;

/// Module names the generated crate's own code uses at its root (its runtime, the
/// crates it re-exports, the `field` module of the root's own builders; the generated
/// code is included at the root).
const RESERVED_MODULES: &[&str] = &[
    "runtime", "url", "reqwest", "wire", "std", "core", "alloc", "field",
];

/// Field names the generated configuration structs and their builders use
/// themselves: the field holding the common options, and the common options' own
/// (each has a `with_*` setter on every configuration builder).
fn reserved_config_idents() -> &'static [&'static str] {
    static IDENTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDENTS.get_or_init(|| {
        std::iter::once("options")
            .chain(names::BUILDER_METHODS.iter().copied())
            .chain(implied::common_options().iter().map(|o| o.ident.as_str()))
            .collect()
    })
}

/// Field names of the generated OAuth URL request types, and the builders' own
/// methods (an OAuth parameter is a setter of its request's builder).
fn reserved_param_idents() -> &'static [&'static str] {
    static IDENTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDENTS.get_or_init(|| {
        [
            "api_key",
            "api_secret",
            "callback_url",
            "scope",
            "state",
            "request_token",
        ]
        .into_iter()
        .chain(names::BUILDER_METHODS.iter().copied())
        .collect()
    })
}

/// Query parameters every OAuth call sends itself.
const RESERVED_QUERY_NAMES: &[&str] = &[
    "apiKey",
    "apiSecret",
    "callbackUrl",
    "scope",
    "state",
    "requestToken",
];

/// Keys of the `POST /instances` body itself, which `body` fields cannot reuse.
const RESERVED_BODY_KEYS: &[&str] = &["element", "providerData", "configuration", "tags", "name"];

/// Page names the catalog's own files use.
const RESERVED_PAGES: &[&str] = &["index", "README"];

/// The marker `elementgen new` writes where the author must fill something in.
pub const PLACEHOLDER: &str = "TODO";

/// The warning for a placeholder left in descriptor text: `validate` prints it, and
/// `generate` and `check` refuse a catalog that has one (see [`is_placeholder`]).
pub const PLACEHOLDER_WARNING: &str = "placeholder `TODO` left in the descriptor";

/// Whether `diagnostic` is a placeholder left in a descriptor: valid, but not to be
/// published.
pub fn is_placeholder(diagnostic: &Diagnostic) -> bool {
    diagnostic.message == PLACEHOLDER_WARNING
}

/// Words that make a field key look like a credential.
const CREDENTIAL_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "accesskey",
    "credential",
];

/// Resolves every parsed descriptor and checks the catalog as a whole.
pub fn catalog(parsed: &[&Parsed], diagnostics: &mut Vec<Diagnostic>) -> Catalog {
    // Each file resolves on its own (in parallel with the `parallel` feature); the
    // caller sorts the diagnostics, so their order does not depend on the threads.
    let mut resolved = crate::parallel::map(parsed, |p| {
        let mut own = Vec::new();
        let mut cx = Cx {
            source: p.file.source(),
            diagnostics: &mut own,
        };
        (element(&mut cx, &p.descriptor), own)
    });
    for (_, own) in &mut resolved {
        diagnostics.append(own);
    }
    // Elements are large values: the checks and the sort work on references and
    // indices, and each element is moved once, into its place.
    let pairs: Vec<(&Element, &Parsed)> = resolved
        .iter()
        .map(|(e, _)| e)
        .zip(parsed.iter().copied())
        .collect();
    check_unique_across_files(&pairs, diagnostics);
    let pages = shared_pages(&pairs, diagnostics);
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (pairs[a].0, pairs[b].0);
        a.key.cmp(&b.key).then_with(|| a.source.cmp(&b.source))
    });
    drop(pairs);
    let mut slots: Vec<Option<Element>> = resolved.into_iter().map(|(e, _)| Some(e)).collect();
    Catalog {
        elements: order.into_iter().filter_map(|i| slots[i].take()).collect(),
        pages,
    }
}

/// The anchor of element `key`'s section on a page of several elements; its variants'
/// sections are under it (`<anchor>-<variant anchor>`).
pub fn shared_anchor(key: &str) -> String {
    format!("element-{key}")
}

/// The pages the elements' `docs.also_on` name, each checked: a valid name no
/// element's own page has, listed once per element, a heading where several elements
/// share it, and one heading and portal path wherever they are given.
fn shared_pages(
    elements: &[(&Element, &Parsed)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<SharedPage> {
    let own_pages: BTreeMap<String, &str> = elements
        .iter()
        .map(|(e, _)| (e.page.slug.to_ascii_lowercase(), e.key.as_str()))
        .collect();
    let own_paths: BTreeMap<String, &str> = elements
        .iter()
        .map(|(e, _)| (e.page.portal_path.to_ascii_lowercase(), e.key.as_str()))
        .collect();
    // By page name (ignoring case): the entries naming it, with their element.
    let mut named: BTreeMap<String, Vec<(&Element, &Parsed, &raw::AlsoOn)>> = BTreeMap::new();
    for (e, p) in elements {
        let Some(docs) = &p.descriptor.docs else {
            continue;
        };
        let source = p.file.source();
        let mut seen: Vec<String> = Vec::new();
        for also in &docs.also_on {
            let page = &also.page;
            let lower = page.value.to_ascii_lowercase();
            let mut error = |message: String, label: &str, help: String| {
                diagnostics.push(
                    Diagnostic::error(&source, position_of(&source, &page.referenced), message)
                        .label(label)
                        .help(help),
                );
            };
            if !is_valid_key(&page.value) {
                error(
                    format!("invalid page name `{}`", page.value),
                    "not a valid page name",
                    "a page name is 1 to 64 characters of `A-Za-z0-9_-`, starting with a letter or digit; `.md` is added".into(),
                );
            } else if RESERVED_PAGES
                .iter()
                .any(|r| r.eq_ignore_ascii_case(&lower))
            {
                error(
                    format!(
                        "the page `{}.md` would replace the catalog's own",
                        page.value
                    ),
                    "reserved page name",
                    format!(
                        "choose another name; {} are the catalog's",
                        one_of(RESERVED_PAGES)
                    ),
                );
            } else if let Some(owner) = own_pages.get(&lower) {
                error(
                    format!("`{}.md` is the page of element `{owner}`", page.value),
                    "an element's own page",
                    "`also_on` names a page besides the elements' own; choose another name".into(),
                );
            } else if seen.contains(&lower) {
                error(
                    format!("`{}` is listed twice", page.value),
                    "listed again",
                    "list each page once".into(),
                );
            } else {
                seen.push(lower.clone());
                named.entry(lower).or_default().push((e, p, also));
            }
        }
    }
    let mut pages = Vec::new();
    for entries in named.into_values() {
        let (first_element, first_parsed, first) = entries[0];
        // What is wrong with the page as a whole is told at its first entry.
        let first_source = first_parsed.file.source();
        // One heading and one path wherever given: the first given is the page's, and
        // any other is an error at it.
        let mut agreed = |get: fn(&raw::AlsoOn) -> Option<&Spanned<String>>, what: &str| {
            let mut kept: Option<(&str, &Parsed)> = None;
            for (_, p, also) in &entries {
                let Some(value) = get(also) else { continue };
                match kept {
                    None => kept = Some((&value.value, p)),
                    Some((k, kp)) if k != value.value => {
                        let source = p.file.source();
                        diagnostics.push(
                            Diagnostic::error(
                                &source,
                                position_of(&source, &value.referenced),
                                format!("the page `{}.md` is given two {what}s", first.page.value),
                            )
                            .label(format!("`{k}` in `{}`", kp.file.path.display()))
                            .help(format!(
                                "give the page one {what}, the same wherever it is given"
                            )),
                        );
                    }
                    _ => {}
                }
            }
            kept.map(|(k, _)| k.to_string())
        };
        let heading = agreed(|a| a.heading.as_ref(), "heading");
        let portal_path = agreed(|a| a.portal_path.as_ref(), "portal path");
        let heading = match heading {
            Some(h) => h,
            None if entries.len() == 1 => first_element.name.clone(),
            None => {
                let mut keys: Vec<&str> = entries.iter().map(|(e, _, _)| e.key.as_str()).collect();
                keys.sort_unstable();
                let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                diagnostics.push(
                    Diagnostic::error(&first_source, position_of(&first_source, &first.page.referenced), format!("the page `{}.md` shows {} but has no heading", first.page.value, keys.join(", ")))
                        .label("shared page without a heading")
                        .help("give it `heading:` in one of the elements' `also_on` entries (the page's title, e.g. `NetSuite`)"),
                );
                String::new()
            }
        };
        let slug = first.page.value.clone();
        let portal_path = portal_path.unwrap_or_else(|| default_portal_path(&slug));
        let lower_path = portal_path.to_ascii_lowercase();
        // A clash of paths is told at the first entry's path (or its page name).
        let path_at = first
            .portal_path
            .as_ref()
            .map_or(&first.page.referenced, |x| &x.referenced);
        let path_taken = |message: String, help: &str| {
            Diagnostic::error(&first_source, position_of(&first_source, path_at), message)
                .label("portal path already used")
                .help(help)
        };
        if let Some(other) = pages
            .iter()
            .find(|p: &&SharedPage| p.portal_path.to_ascii_lowercase() == lower_path)
        {
            diagnostics.push(path_taken(
                format!(
                    "the pages `{slug}.md` and `{}.md` would both be published at `{portal_path}`",
                    other.slug
                ),
                "give each page its own `portal_path` (paths are compared ignoring case)",
            ));
        }
        if let Some(owner) = own_paths.get(&lower_path) {
            diagnostics.push(path_taken(
                format!("the page `{slug}.md` would be published at `{portal_path}`, where element `{owner}` is"),
                "give the page its own `portal_path`",
            ));
        }
        // The page's anchors: a section per element, its variants' under it. A key
        // may hold `-`, so one element's section can take another's variant's.
        if entries.len() > 1 {
            let mut anchors: BTreeMap<String, &str> = BTreeMap::new();
            for (e, _, _) in &entries {
                let section = shared_anchor(&e.key);
                let own = std::iter::once(section.clone()).chain(
                    (e.variants.len() > 1)
                        .then(|| e.variants.iter().map(|v| format!("{section}-{}", v.anchor)))
                        .into_iter()
                        .flatten(),
                );
                for anchor in own {
                    if let Some(other) = anchors.insert(anchor.clone(), &e.key)
                        && other != e.key
                    {
                        diagnostics.push(
                            Diagnostic::error(&first_source, position_of(&first_source, &first.page.referenced), format!("on the page `{slug}.md`, elements `{other}` and `{}` both have the anchor `#{anchor}`", e.key))
                                .label("two sections with one anchor")
                                .help("show these elements on pages of their own, or retitle the variant whose anchor it is"),
                        );
                    }
                }
            }
        }
        let mut keys: Vec<String> = entries.iter().map(|(e, _, _)| e.key.clone()).collect();
        keys.sort();
        pages.push(SharedPage {
            slug,
            heading,
            portal_path,
            elements: keys,
        });
    }
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages
}

/// Where diagnostics of one file go.
struct Cx<'a> {
    source: SourceText<'a>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn at<T>(&self, spanned: &Spanned<T>) -> Position {
        position_of(&self.source, &spanned.referenced)
    }

    /// The line of [`Cx::at`], without the rest of the position (which takes reading
    /// the line): for bookkeeping that reports a line only when it finds an error.
    fn line_at<T>(&self, spanned: &Spanned<T>) -> usize {
        match spanned.referenced.line() {
            0 => Position::START.line,
            line => line as usize,
        }
    }

    fn error(&mut self, position: Position, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Diagnostic::error(&self.source, position, message))
    }

    fn warning(&mut self, position: Position, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Diagnostic::warning(&self.source, position, message))
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }
}

/// Adds label and help to the diagnostic just pushed (builder style on `&mut`).
trait Annotate {
    fn label(&mut self, label: impl Into<String>) -> &mut Self;
    fn help(&mut self, help: impl Into<String>) -> &mut Self;
}

impl Annotate for Diagnostic {
    fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = label.into();
        self
    }

    fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help.push(help.into());
        self
    }
}

fn element(cx: &mut Cx<'_>, d: &raw::Descriptor) -> Element {
    let key = &d.key.value;
    check_key(cx, &d.key);
    // An invalid key cannot name a file (`../x`): only its own error is reported.
    if is_valid_key(key)
        && cx.source.path.file_stem().and_then(|s| s.to_str()) != Some(key.as_str())
    {
        let pos = cx.at(&d.key);
        cx.error(
            pos,
            format!("the file of element `{key}` must be named `{key}.yaml`"),
        )
        .label("key differs from the file name")
        .help(format!(
            "rename the file to `{key}.yaml`, or change `key` to match the file name"
        ));
    }
    non_empty(cx, &d.name, "name");
    non_empty(cx, &d.description, "description");
    check_texts(cx, d);
    let module = names::snake_ident(key, RESERVED_MODULES).unwrap_or_else(|| "invalid".into());
    if d.auth.value.is_empty() {
        let pos = cx.at(&d.auth);
        cx.error(pos, "an element needs at least one auth variant")
            .label("empty list")
            .help("add a variant such as `- type: oauth2`");
    }
    let variants = variants(cx, &d.auth.value);
    let docs = d.docs.as_ref();
    let slug = match docs.and_then(|d| d.page.as_ref()) {
        Some(page) => {
            if !is_valid_key(&page.value) {
                let pos = cx.at(page);
                cx.error(pos, format!("invalid page name `{}`", page.value))
                    .label("not a valid page name")
                    .help("a page name is 1 to 64 characters of `A-Za-z0-9_-`, starting with a letter or digit; `.md` is added");
            }
            page.value.clone()
        }
        None => key.clone(),
    };
    let portal_path = match docs.and_then(|d| d.portal_path.as_ref()) {
        Some(path) => {
            check_portal_path(cx, path);
            path.value.clone()
        }
        None => default_portal_path(&slug),
    };
    let mut element = Element {
        key: key.clone(),
        name: d.name.value.clone(),
        element_id: d.element_id.as_ref().map(|id| id.value),
        hub: d.hub.value,
        description: d.description.value.trim().to_string(),
        page: Page {
            order: docs.and_then(|d| d.order).unwrap_or(DEFAULT_ORDER),
            seo_name: docs
                .and_then(|d| d.seo_name.as_ref())
                .map_or_else(|| d.name.value.clone(), |s| s.value.clone()),
            slug,
            portal_path,
            title: docs
                .and_then(|d| d.title.as_ref())
                .map_or_else(|| DEFAULT_TITLE.to_string(), |t| t.value.clone()),
            preamble: docs
                .and_then(|d| d.preamble.as_ref())
                .map(|n| n.value.clone()),
            notes: docs.and_then(|d| d.notes.as_ref()).map(|n| n.value.clone()),
            variant_kind: docs
                .and_then(|d| d.variants.as_ref())
                .map(|k| k.value)
                .unwrap_or_default(),
        },
        module,
        variants,
        source: cx.source.path.to_path_buf(),
    };
    // The example code names the element's module and every variant's types: it is
    // laid out last, once, for both emitters.
    let code: Vec<ExampleCode> = element
        .variants
        .iter()
        .map(|v| crate::snippet::example_code(&element, v))
        .collect();
    for (v, code) in element.variants.iter_mut().zip(code) {
        v.example_code = code;
    }
    element
}

fn check_key(cx: &mut Cx<'_>, key: &Spanned<String>) {
    use crate::build_script::{RESERVED_FEATURES, feature_var};
    let k = &key.value;
    if !is_valid_key(k) {
        let pos = cx.at(key);
        cx.error(pos, format!("invalid element key `{k}`"))
            .label("not a valid key")
            .help(KEY_RULE);
    } else if let Some(feature) = RESERVED_FEATURES
        .iter()
        .find(|f| feature_var(f) == feature_var(k))
    {
        // Each key is a cargo feature of the client crate, which has these of its own.
        let pos = cx.at(key);
        cx.error(
            pos,
            format!("element key `{k}` is taken by the client's feature `{feature}`"),
        )
        .label("reserved key")
        .help(format!(
            "choose another key; {} are features of the `elements` crate",
            RESERVED_FEATURES
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

/// What `key` accepts; also what `elementgen new` accepts, so it never writes a file
/// outside the catalog.
pub fn is_valid_key(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_alphanumeric())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Where a page is published in the portal's site when its descriptor does not say:
/// each element's pages share a directory, which the portal's layout shows as tabs.
pub fn default_portal_path(slug: &str) -> String {
    format!("docs/elements/{slug}/{slug}-create-instance.md")
}

/// A page's title (its tab) when its descriptor does not say.
pub const DEFAULT_TITLE: &str = "Create Instance";

/// Whether `path` is a page path `elementgen publish` may write in the portal's site:
/// relative, at most 8 segments of `A-Za-z0-9_.-` that start with a letter or digit
/// (so no `..`, and nothing Jekyll skips or treats specially, such as `_includes` or
/// `.git`), ending in `.md`.
pub fn is_valid_portal_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    segments.len() <= 8
        && path.ends_with(".md")
        && segments.iter().all(|s| {
            (1..=64).contains(&s.len())
                && s.starts_with(|c: char| c.is_ascii_alphanumeric())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        })
}

/// An error at `path` unless it is a page path of the portal's site.
fn check_portal_path(cx: &mut Cx<'_>, path: &Spanned<String>) {
    if !is_valid_portal_path(&path.value) {
        let pos = cx.at(path);
        cx.error(pos, format!("invalid portal path `{}`", path.value))
            .label("not a path in the portal's site")
            .help(PORTAL_PATH_RULE);
    }
}

/// The help line of an invalid portal path.
pub const PORTAL_PATH_RULE: &str = "a portal path is relative to the portal's site, such as `docs/elements/box/box-create-instance.md`: at most 8 segments of `A-Za-z0-9_.-`, each starting with a letter or digit, ending in `.md`";

/// The help line of an invalid key.
pub const KEY_RULE: &str =
    "a key is 1 to 64 characters of `A-Za-z0-9_-`, starting with a letter or digit";

/// Every string of a descriptor against the one rule for descriptor text (`text`),
/// and the keys against the characters real elements use.
fn check_texts(cx: &mut Cx<'_>, d: &raw::Descriptor) {
    use TextKind::{Line, Prose};
    check_name(cx, &d.name, "name");
    check_description(cx, &d.description);
    if let Some(docs) = &d.docs {
        if let Some(seo_name) = &docs.seo_name {
            check_name(cx, seo_name, "seo_name");
            non_empty(cx, seo_name, "seo_name");
        }
        for prose in [&docs.notes, &docs.preamble].into_iter().flatten() {
            check_text(cx, prose, Prose);
        }
        if let Some(page) = &docs.page {
            check_text(cx, page, Line);
        }
        if let Some(path) = &docs.portal_path {
            check_text(cx, path, Line);
        }
        if let Some(title) = &docs.title {
            check_name(cx, title, "title");
            non_empty(cx, title, "title");
        }
        for also in &docs.also_on {
            check_text(cx, &also.page, Line);
            if let Some(heading) = &also.heading {
                check_name(cx, heading, "heading");
                non_empty(cx, heading, "heading");
            }
            if let Some(path) = &also.portal_path {
                check_text(cx, path, Line);
                check_portal_path(cx, path);
            }
        }
    }
    for v in &d.auth.value {
        if let Some(notes) = &v.notes {
            check_text(cx, notes, Prose);
        }
        for key in &v.omit {
            check_text(cx, key, Line);
        }
        if let Some(title) = &v.title {
            check_name(cx, title, "title");
            non_empty(cx, title, "title");
        }
        if let Some(selector) = &v.selector {
            check_text(cx, selector, Line);
        }
        if let Some(o) = &v.oauth {
            if let Some(url) = &o.value.authorize_url {
                check_text(cx, url, Line);
            }
            for p in &o.value.callback_params {
                check_param_texts(cx, &p.name, p.description.as_ref(), p.example.as_ref());
            }
            if let Some(scope) = &o.value.scope {
                check_text(cx, scope, Line);
            }
            for p in &o.value.params {
                check_param_texts(cx, &p.name, p.description.as_ref(), p.example.as_ref());
                if let Some(default) = &p.default {
                    check_text(cx, default, Line);
                }
            }
        }
        for f in v
            .config
            .iter()
            .chain(v.provider_data.iter().flatten())
            .chain(&v.body)
        {
            check_wire_key(cx, &f.key, "key");
            if let Some(label) = &f.label {
                check_name(cx, label, "label");
                non_empty(cx, label, "label");
            }
            if let Some(description) = &f.description {
                check_description(cx, description);
            }
            if let Some(values) = &f.values {
                for value in &values.value {
                    check_text(cx, value, Line);
                }
                check_enum_size(cx, values);
            }
            for scalar in [&f.default, &f.example, &f.constant].into_iter().flatten() {
                match &scalar.value {
                    Scalar::String(text) => check_text_at(cx, text, &scalar.referenced, Line),
                    Scalar::Json(json) => check_json_texts(cx, json, &scalar.referenced),
                    Scalar::Bool(_) | Scalar::Integer(_) => {}
                }
            }
        }
    }
}

/// The texts of an OAuth or callback parameter.
fn check_param_texts(
    cx: &mut Cx<'_>,
    name: &Spanned<String>,
    description: Option<&Spanned<String>>,
    example: Option<&Spanned<String>>,
) {
    check_wire_key(cx, name, "parameter name");
    if let Some(description) = description {
        check_description(cx, description);
    }
    if let Some(example) = example {
        check_text(cx, example, TextKind::Line);
    }
}

fn check_text(cx: &mut Cx<'_>, s: &Spanned<String>, kind: TextKind) {
    check_text_at(cx, &s.value, &s.referenced, kind);
}

/// Every string (keys included) of a JSON value written in a descriptor.
fn check_json_texts(cx: &mut Cx<'_>, json: &serde_json::Value, at: &serde_saphyr::Location) {
    match json {
        serde_json::Value::String(s) => check_text_at(cx, s, at, TextKind::Line),
        serde_json::Value::Array(items) => {
            for item in items {
                check_json_texts(cx, item, at);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                check_text_at(cx, key, at, TextKind::Line);
                check_json_texts(cx, value, at);
            }
        }
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}

/// How long a name, title or label may be, in characters: what a heading, a tab or a
/// table cell shows (real names are under 60), and what bounds the text derived from
/// it (rustdoc's search aliases, type and anchor names).
pub const MAX_NAME_CHARS: usize = 200;

/// How long one line of descriptor text (a value, a URL, a scope) and a prose text
/// may be, in characters: far above any real one, far below what would make a page
/// or a module of megabytes.
pub const MAX_LINE_CHARS: usize = 2_000;
/// See [`MAX_LINE_CHARS`].
pub const MAX_PROSE_CHARS: usize = 20_000;

/// How long a description may be, in characters. A page shows one on one line (a
/// paragraph, a table cell, a bullet) that it cannot break: kramdown's cost for each
/// escape on a line grows with the rest of the line, so a line of escapes costs the
/// square of its length (20,000 braces in a cell took seconds of the portal's build).
/// Real descriptions are under 300; `notes` hold longer text, in lines of their own.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// How many values an enum may have, and how many characters they may hold together:
/// the page lists them in one table cell, for the reason of [`MAX_DESCRIPTION_CHARS`].
pub const MAX_ENUM_VALUES: usize = 500;
/// See [`MAX_ENUM_VALUES`].
pub const MAX_ENUM_CHARS: usize = 10_000;

/// A description: prose within [`MAX_DESCRIPTION_CHARS`].
fn check_description(cx: &mut Cx<'_>, description: &Spanned<String>) {
    let (text, at) = (&description.value, &description.referenced);
    too_long_because(
        cx,
        text,
        at,
        "description",
        MAX_DESCRIPTION_CHARS,
        "; it is shown on one line of the page (longer text belongs in `notes`)",
    );
    check_text_content(cx, text, at, TextKind::Prose);
}

/// An enum's values within [`MAX_ENUM_VALUES`] and [`MAX_ENUM_CHARS`].
fn check_enum_size(cx: &mut Cx<'_>, values: &Spanned<Vec<Spanned<String>>>) {
    let count = values.value.len();
    let chars: usize = values.value.iter().map(|v| v.value.chars().count()).sum();
    if count > MAX_ENUM_VALUES || chars > MAX_ENUM_CHARS {
        let pos = position_of(&cx.source, &values.referenced);
        let label = if count > MAX_ENUM_VALUES {
            "too many values"
        } else {
            "too long together"
        };
        cx.error(
            pos,
            format!("the enum has {count} values of {chars} characters"),
        )
        .label(label)
        .help(format!(
            "the page lists an enum's values in one table cell: at most \
             {MAX_ENUM_VALUES} values of {MAX_ENUM_CHARS} characters together"
        ));
    }
}

/// A name, title or label: one line of text within [`MAX_NAME_CHARS`].
fn check_name(cx: &mut Cx<'_>, value: &Spanned<String>, what: &str) {
    too_long(cx, &value.value, &value.referenced, what, MAX_NAME_CHARS);
    check_text_content(cx, &value.value, &value.referenced, TextKind::Line);
}

/// An error when `text` is longer than `max` characters.
fn too_long(cx: &mut Cx<'_>, text: &str, at: &serde_saphyr::Location, what: &str, max: usize) {
    too_long_because(cx, text, at, what, max, "");
}

/// [`too_long`], its help ending with `why`.
fn too_long_because(
    cx: &mut Cx<'_>,
    text: &str,
    at: &serde_saphyr::Location,
    what: &str,
    max: usize,
    why: &str,
) {
    // Bytes bound characters from above: most text is far shorter.
    if text.len() <= max {
        return;
    }
    let chars = text.chars().count();
    if chars > max {
        let pos = position_of(&cx.source, at);
        cx.error(pos, format!("{what} is {chars} characters long"))
            .label("too long")
            .help(format!("a {what} is at most {max} characters{why}"));
    }
}

fn check_text_at(cx: &mut Cx<'_>, text: &str, at: &serde_saphyr::Location, kind: TextKind) {
    match kind {
        TextKind::Line => too_long(cx, text, at, "line of text", MAX_LINE_CHARS),
        TextKind::Prose => too_long(cx, text, at, "prose text", MAX_PROSE_CHARS),
    }
    check_text_content(cx, text, at, kind);
}

/// The placeholder warning and the refused characters of `text`.
fn check_text_content(cx: &mut Cx<'_>, text: &str, at: &serde_saphyr::Location, kind: TextKind) {
    if has_placeholder(text) {
        let pos = position_of(&cx.source, at);
        cx.warning(pos, PLACEHOLDER_WARNING)
            .label("fill this in")
            .help("`elementgen new` writes `TODO` where the provider's own facts belong; replace it before publishing");
    }
    let Some(refused) = text::first_refused(text, kind) else {
        return;
    };
    let pos = char_position(cx, at, refused.ch);
    cx.error(
        pos,
        format!("{} is not allowed in descriptor text", refused),
    )
    .label("refused character")
    .help(text::help(kind));
}

/// Where `ch` is written literally inside the scalar at `at`; else the scalar itself
/// (the character came from an escape such as `"\u202e"`).
fn char_position(cx: &Cx<'_>, at: &serde_saphyr::Location, ch: char) -> Position {
    let span = at.span();
    let literal = span
        .byte_offset()
        .zip(span.byte_len())
        .and_then(|(offset, len)| {
            let start = usize::try_from(offset).ok()?;
            let end = start.checked_add(usize::try_from(len).ok()?)?;
            let found = cx.source.text.get(start..end)?.find(ch)?;
            Some(start + found)
        });
    match literal {
        Some(byte) => Position::at_byte(cx.source.text, byte),
        None => position_of(&cx.source, at),
    }
}

/// Whether `text` holds the placeholder word as a word of its own.
fn has_placeholder(text: &str) -> bool {
    // Most text has no `TODO` at all: a substring search says so at once.
    memchr::memmem::find(text.as_bytes(), PLACEHOLDER.as_bytes()).is_some()
        && text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == PLACEHOLDER)
}

fn check_wire_key(cx: &mut Cx<'_>, key: &Spanned<String>, what: &str) {
    if !text::is_valid_wire_key(&key.value) {
        let pos = cx.at(key);
        cx.error(pos, format!("invalid {what} `{}`", key.value))
            .label("not a valid key")
            .help(text::WIRE_KEY_RULE);
    }
}

fn non_empty(cx: &mut Cx<'_>, value: &Spanned<String>, what: &str) {
    if value.value.trim().is_empty() {
        let pos = cx.at(value);
        cx.error(pos, format!("`{what}` is empty"))
            .label("write some text here");
    }
}

fn variants(cx: &mut Cx<'_>, raw: &[raw::AuthVariant]) -> Vec<Variant> {
    let resolved: Vec<Variant> = raw.iter().map(|v| variant(cx, v)).collect();
    let mut seen: BTreeMap<&str, &raw::AuthVariant> = BTreeMap::new();
    let mut seen_titles: BTreeMap<&str, usize> = BTreeMap::new();
    let mut types: BTreeMap<String, &str> = BTreeMap::new();
    for (v, r) in resolved.iter().zip(raw) {
        let pos = match &r.id {
            Some(id) => cx.at(id),
            None => cx.at(&r.auth_type),
        };
        if let Some(first) = seen.insert(v.id.as_str(), r) {
            let first_line = position_of(
                &cx.source,
                first
                    .id
                    .as_ref()
                    .map_or(&first.auth_type.referenced, |i| &i.referenced),
            );
            cx.error(pos, format!("duplicate auth variant id `{}`", v.id))
                .label("used by an earlier variant")
                .help(format!(
                    "the first variant with this id is on line {}",
                    first_line.line
                ))
                .help("give each variant of the same type its own `id`");
            // One cause, one error: its Rust types and title collide for the same reason.
            continue;
        }
        // One error per variant, naming every type it would define again (a type's
        // builder collides with it).
        let mut again: Vec<String> = Vec::new();
        let mut first_owner = None;
        for ty in v.rust_types() {
            if let Some(other) = types.insert(ty.clone(), v.id.as_str()) {
                first_owner.get_or_insert(other);
                again.push(format!("`{ty}`"));
            }
        }
        if let Some(other) = first_owner {
            let (what, names) = match again.as_slice() {
                [one] => ("the Rust type", one.clone()),
                _ => ("the Rust types", again.join(", ")),
            };
            cx.error(pos, format!("variant `{}` would generate {what} {names} a second time", v.id))
                .label("Rust type name collides")
                .help(format!(
                    "variant `{other}` already defines it; change this variant's `id` or rename the enum field behind it"
                ));
        }
        if let Some(first_line) = seen_titles.insert(v.anchor.as_str(), cx.line_at(&r.auth_type))
            && raw.len() > 1
        {
            let pos = cx.at(&r.auth_type);
            cx.error(pos, format!("two variants are titled `{}`", v.title))
                .label("same heading as an earlier variant")
                .help(format!(
                    "the first is on line {first_line}; give each variant its own `title`"
                ));
        }
    }
    resolved
}

fn variant(cx: &mut Cx<'_>, v: &raw::AuthVariant) -> Variant {
    let auth = v.auth_type.value;
    let id = match &v.id {
        Some(id) => {
            let ok = id.value.starts_with(|c: char| c.is_ascii_lowercase())
                && id
                    .value
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !ok {
                let pos = cx.at(id);
                cx.error(pos, format!("invalid variant id `{}`", id.value))
                    .label("not a valid id")
                    .help("an id is lower-case letters, digits and `_`, starting with a letter");
            }
            id.value.clone()
        }
        None => auth.as_str().to_string(),
    };
    let title = v
        .title
        .as_ref()
        .map_or_else(|| default_title(auth).to_string(), |t| t.value.clone());
    let consent = consent(cx, v);
    let omitted = omitted(cx, v, consent);
    let mut oauth = oauth(cx, v, consent);
    let selector = v.selector.as_ref().map(|s| {
        if s.value.trim().is_empty() {
            let pos = cx.at(s);
            cx.error(pos, "`selector` is empty")
                .label("write the value of `authentication.type`");
        }
        s.value.clone()
    });
    let config = config_fields(cx, v, selector.is_some(), &omitted);
    let provider_data = provider_data(cx, v, consent, &omitted);
    if let Some(o) = &mut oauth {
        // The refined implied fields, or the implied ones where the variant omits them.
        o.credentials = implied::config(auth)
            .iter()
            .map(|f| {
                config
                    .iter()
                    .find(|c| c.key == f.key && c.origin == Origin::Implied)
                    .unwrap_or(f)
                    .clone()
            })
            .collect();
        // The consent URL goes to the user's browser: none of the app's credentials.
        for (name, key) in crate::model::CREDENTIAL_PLACEHOLDERS {
            if o.url_placeholders().contains(&name)
                && o.credential(key).is_some_and(|f| f.secret)
                && let Some(url) = v
                    .oauth
                    .as_ref()
                    .and_then(|o| o.value.authorize_url.as_ref())
            {
                let pos = cx.at(url);
                cx.error(pos, format!("`{{{name}}}` puts the app's `{key}` in the consent URL, which the user's browser sees, and it is a credential"))
                    .label("a secret in the consent URL")
                    .help(format!("where the provider wants a value that is not secret there (HubSpot's portal id, sent as `{name}`), list `{key}` in `config` with `secret: false`"));
            }
        }
        // What the provider's redirect carries: the provider data but the request
        // token secret (step 1's) and fixed values, whether implied or listed by the
        // variant (a listed `provider_data` left the callback sentence and example
        // empty).
        o.callback_params = provider_data
            .iter()
            .filter(|f| f.key != implied::REQUEST_TOKEN_SECRET && f.constant.is_none())
            .map(|f| f.key.clone())
            .collect();
    }
    let body = body_fields(cx, v);
    let type_prefix = names::type_prefix(&id).unwrap_or_else(|| "Invalid".into());
    let name_enums = |fields: Vec<Field>| -> Vec<Field> {
        fields
            .into_iter()
            .map(|mut f| {
                if matches!(f.ty, FieldType::Enum(_)) {
                    f.enum_type = Some(format!(
                        "{type_prefix}{}",
                        names::camel_ident(&f.ident).unwrap_or_default()
                    ));
                }
                f
            })
            .collect()
    };
    let config = name_enums(config);
    let provider_data = name_enums(provider_data);
    let body = name_enums(body);
    Variant {
        anchor: names::anchor(&title, &id),
        type_prefix: type_prefix.clone(),
        id,
        auth,
        title,
        selector,
        notes: v.notes.as_ref().map(|n| n.value.clone()),
        oauth,
        provider_data,
        config,
        body,
        // Laid out once the whole element is known (`element`).
        example_code: ExampleCode::default(),
    }
}

/// Whether an OAuth variant has a consent step (`oauth.consent`, default true).
fn consent(cx: &mut Cx<'_>, v: &raw::AuthVariant) -> bool {
    let Some(c) = v.oauth.as_ref().and_then(|o| o.value.consent.as_ref()) else {
        return v.auth_type.value.is_oauth();
    };
    if !c.value && v.auth_type.value != AuthType::Oauth2 {
        let pos = cx.at(c);
        cx.error(
            pos,
            format!(
                "`consent: false` is only for `oauth2` variants, not `{}`",
                v.auth_type.value.as_str()
            ),
        )
        .label("OAuth 1 always has a consent step")
        .help("remove `consent`");
    }
    c.value
}

/// The implied keys the variant leaves out (`omit`), each checked to be one.
fn omitted(cx: &mut Cx<'_>, v: &raw::AuthVariant, consent: bool) -> Vec<String> {
    let auth = v.auth_type.value;
    let mut known: Vec<String> = implied::config(auth)
        .iter()
        .map(|f| f.key.clone())
        .collect();
    if consent && v.provider_data.is_none() {
        known.extend(implied::provider_data(auth).iter().map(|f| f.key.clone()));
    }
    let mut out: Vec<String> = Vec::new();
    for key in &v.omit {
        let k = &key.value;
        if out.contains(k) {
            let pos = cx.at(key);
            cx.error(pos, format!("`{k}` is omitted twice"))
                .label("already listed")
                .help("list each key once");
        } else if known.contains(k) {
            out.push(k.clone());
        } else {
            let pos = cx.at(key);
            let d = cx
                .error(
                    pos,
                    format!(
                        "`{k}` is not an implied field of this `{}` variant",
                        auth.as_str()
                    ),
                )
                .label("nothing to omit");
            if let Some(best) = crate::diagnostics::closest(k, known.iter().map(String::as_str)) {
                d.help(format!("did you mean `{best}`?"));
            }
            if known.is_empty() {
                d.help("this variant implies no fields; remove `omit`");
            } else {
                d.help(format!("`omit` takes {}", one_of(&known)));
            }
        }
    }
    out
}

/// The variant's `providerData`: as listed, else the implied fields of a consent flow
/// (less the omitted ones) followed by the callback parameters.
fn provider_data(
    cx: &mut Cx<'_>,
    v: &raw::AuthVariant,
    consent: bool,
    omitted: &[String],
) -> Vec<Field> {
    let callback_params = v
        .oauth
        .as_ref()
        .map_or(&[][..], |o| o.value.callback_params.as_slice());
    if let Some(listed) = &v.provider_data {
        if let Some(first) = callback_params.first() {
            let pos = cx.at(&first.name);
            cx.error(pos, "`callback_params` add to the implied provider data, but this variant lists its own `provider_data`")
                .label("would be sent twice or not at all")
                .help("remove `provider_data` to keep the implied fields, or list the parameter there and remove it here");
        }
        let fields: Vec<Field> = listed
            .iter()
            .filter_map(|f| field(cx, f, None, names::BUILDER_METHODS))
            .collect();
        check_fields(cx, listed, &fields, "provider data");
        return fields;
    }
    if !consent {
        return Vec::new();
    }
    let mut fields: Vec<Field> = implied::provider_data(v.auth_type.value)
        .iter()
        .filter(|&f| !omitted.contains(&f.key))
        .cloned()
        .collect();
    // The request token secret comes from step 1, not the callback: it stays last.
    let token_secret = fields
        .iter()
        .position(|f| f.key == implied::REQUEST_TOKEN_SECRET)
        .map(|i| fields.remove(i));
    let mut lines: BTreeMap<String, usize> = fields.iter().map(|f| (f.key.clone(), 0)).collect();
    for p in callback_params {
        let name = &p.name.value;
        let pos = cx.at(&p.name);
        // Not in `lines`: it comes from step 1, not the callback, and is added last.
        if token_secret.as_ref().is_some_and(|s| s.key == *name) {
            cx.error(
                pos,
                format!(
                    "`{name}` is the request token secret of step 1, already in the provider data"
                ),
            )
            .label("listed twice")
            .help("remove it here");
            continue;
        }
        if let Some(first_line) = lines.insert(name.clone(), pos.line) {
            let d = cx
                .error(pos, format!("the callback already carries `{name}`"))
                .label("listed twice");
            if first_line > 0 {
                d.help(format!(
                    "the first is on line {first_line}; list each parameter once"
                ));
            } else {
                d.help("it is an implied field of the flow; remove it here");
            }
            continue;
        }
        let secret = p.secret.as_ref().is_some_and(|s| s.value);
        if secret && let Some(e) = &p.example {
            let pos = cx.at(e);
            cx.error(pos, "a secret parameter cannot have an example")
                .label("credentials never appear in examples")
                .help("remove `example`; examples show a placeholder");
        }
        if p.secret.is_none() && looks_like_credential(name) {
            cx.warning(pos, format!("`{name}` looks like a credential but is not marked secret"))
                .label("credential?")
                .help("add `secret: true` so it is redacted in Debug output and masked in examples, or `secret: false` to silence this");
        }
        let Some(f) = implied::callback_param(
            name,
            names::label_from_key(name),
            p.description.as_ref().map(|d| d.value.trim().to_string()),
            secret,
            p.example.as_ref().map(|e| e.value.clone()),
        )
        .filter(|_| text::is_valid_wire_key(name)) else {
            continue;
        };
        // Keys differ, but the Rust names may not: `Code`, `code_` and the implied
        // `code` would be one field of the provider data (it would not compile).
        if let Some(other) = fields
            .iter()
            .chain(&token_secret)
            .find(|g| g.ident == f.ident)
        {
            let first_line = lines.get(&other.key).copied().unwrap_or(0);
            let d = cx
                .error(
                    pos,
                    format!(
                        "callback parameter `{name}` becomes the Rust field `{}`, like `{}`",
                        f.ident, other.key
                    ),
                )
                .label("same Rust name as another field");
            if first_line > 0 {
                d.help(format!(
                    "the other is on line {first_line}; Rust names are the keys in snake case, so rename one of them"
                ));
            } else {
                d.help(format!(
                    "`{}` is an implied field of the flow; Rust names are the keys in snake case, so this parameter needs another name",
                    other.key
                ));
            }
            continue;
        }
        fields.push(f);
    }
    fields.extend(token_secret);
    fields
}

/// Fields at the top level of the `POST /instances` body.
fn body_fields(cx: &mut Cx<'_>, v: &raw::AuthVariant) -> Vec<Field> {
    let mut fields = Vec::new();
    for f in &v.body {
        if RESERVED_BODY_KEYS.contains(&f.key.value.as_str()) {
            let pos = cx.at(&f.key);
            cx.error(
                pos,
                format!("`{}` is part of every `POST /instances` body", f.key.value),
            )
            .label("already sent")
            .help(format!(
                "`body` fields cannot be {}",
                one_of(RESERVED_BODY_KEYS)
            ));
            continue;
        }
        fields.extend(field(cx, f, None, names::BUILDER_METHODS));
    }
    check_fields(cx, &v.body, &fields, "body");
    fields
}

fn default_title(auth: raw::AuthType) -> &'static str {
    match auth {
        raw::AuthType::Oauth2 => "OAuth 2 Authentication",
        raw::AuthType::Oauth1 => "OAuth 1 Authentication",
        raw::AuthType::Basic => "Basic Authentication",
        raw::AuthType::ApiKey => "API Key Authentication",
        raw::AuthType::Custom => "Custom Authentication",
    }
}

fn oauth(cx: &mut Cx<'_>, v: &raw::AuthVariant, consent: bool) -> Option<OAuth> {
    let auth = v.auth_type.value;
    let Some(o) = &v.oauth else {
        if auth.is_oauth() {
            let pos = cx.at(&v.auth_type);
            cx.error(
                pos,
                format!("an `{}` variant needs `oauth.authorize_url`", auth.as_str()),
            )
            .label("no `oauth` settings")
            .help("add `oauth:` with `authorize_url:` set to the provider's https consent page");
        }
        return None;
    };
    if !auth.is_oauth() {
        let pos = key_above(cx, cx.at(o), "oauth");
        cx.error(
            pos,
            format!(
                "`oauth` is only for `oauth1` and `oauth2` variants, not `{}`",
                auth.as_str()
            ),
        )
        .label("not an OAuth variant")
        .help("remove `oauth`, or change `type` to `oauth2` or `oauth1`");
        return None;
    }
    if !consent {
        // Without a consent step there are no OAuth calls for these to belong to.
        let o = &o.value;
        let unused: [(&str, Option<Position>); 4] = [
            ("authorize_url", o.authorize_url.as_ref().map(|u| cx.at(u))),
            ("scope", o.scope.as_ref().map(|s| cx.at(s))),
            ("params", o.params.first().map(|p| cx.at(&p.name))),
            (
                "callback_params",
                o.callback_params.first().map(|p| cx.at(&p.name)),
            ),
        ];
        for (what, pos) in unused {
            if let Some(pos) = pos {
                cx.error(
                    pos,
                    format!("`{what}` belongs to the consent step, which `consent: false` removes"),
                )
                .label("never used")
                .help(format!("remove `{what}`, or remove `consent: false`"));
            }
        }
        return None;
    }
    let Some(url) = &o.value.authorize_url else {
        let pos = key_above(cx, cx.at(o), "oauth");
        cx.error(pos, "`oauth` needs `authorize_url`, the provider's consent page")
            .label("no consent page")
            .help("add `authorize_url: https://...`, or `consent: false` for a flow without consent (client credentials)");
        return None;
    };
    let mut params = Vec::new();
    let mut idents: BTreeMap<String, usize> = BTreeMap::new();
    for p in &o.value.params {
        let name = &p.name;
        if RESERVED_QUERY_NAMES.contains(&name.value.as_str()) {
            let pos = cx.at(name);
            cx.error(
                pos,
                format!(
                    "`{}` is already a query parameter of the OAuth calls",
                    name.value
                ),
            )
            .label("sent by every OAuth request")
            .help(if name.value == "scope" {
                "the scope is `oauth.scope`, sent as `scope` by the URL request".to_string()
            } else {
                format!(
                    "extra parameters cannot be {}",
                    one_of(RESERVED_QUERY_NAMES)
                )
            });
        }
        // Reported by `check_texts` when invalid; a valid name always has a Rust name.
        let Some(ident) = names::snake_ident(&name.value, reserved_param_idents())
            .filter(|_| text::is_valid_wire_key(&name.value))
            .map(names::not_a_setter)
        else {
            continue;
        };
        let pos = cx.at(name);
        if let Some(first_line) = idents.insert(ident.clone(), pos.line) {
            cx.error(
                pos,
                format!(
                    "parameter `{}` becomes the Rust field `{ident}`, like an earlier one",
                    name.value
                ),
            )
            .label("same Rust name as another parameter")
            .help(format!(
                "the other parameter is on line {first_line}; rename one of them"
            ));
        }
        let required = p.required.unwrap_or(true);
        if let Some(default) = &p.default {
            let pos = cx.at(default);
            if required {
                cx.error(pos, format!("`{}` is required: it is always sent, so the provider never falls back to a default", name.value))
                    .label("never used")
                    .help("add `required: false`, or remove `default`");
            } else if default.value.trim().is_empty() {
                cx.error(pos, "`default` is empty")
                    .label("write what the provider uses when the parameter is not sent");
            }
        }
        params.push(OAuthParam {
            // An optional parameter without example is left out of the examples, as
            // the consent URL they show assumes.
            example: match &p.example {
                Some(e) => Some(e.value.clone()),
                None => required.then(|| names::placeholder(&name.value)),
            },
            name: name.value.clone(),
            description: p.description.as_ref().map(|d| d.value.trim().to_string()),
            required,
            default: p.default.as_ref().map(|d| d.value.clone()),
            ident,
        });
    }
    let oauth = OAuth {
        authorize_url: url.value.clone(),
        scope: o.value.scope.as_ref().map(|s| s.value.clone()),
        params,
        credentials: Vec::new(),
        callback_params: Vec::new(),
    };
    for name in oauth.url_placeholders() {
        if let Some(p) = oauth.params.iter().find(|p| p.name == name)
            && p.example.is_none()
            && p.default.is_none()
        {
            let pos = cx.at(url);
            cx.error(pos, format!("`{{{name}}}` in `authorize_url` has no value for the examples"))
                .label("the example consent URL would lack it")
                .help(format!("give the optional parameter `{name}` an `example`, or the `default` the provider uses when it is not sent"));
        }
        let credential = crate::model::CREDENTIAL_PLACEHOLDERS
            .iter()
            .any(|(c, _)| *c == name);
        if !credential && !oauth.params.iter().any(|p| p.name == name) {
            let names: Vec<&str> = oauth.params.iter().map(|p| p.name.as_str()).collect();
            let pos = cx.at(url);
            let d = cx
                .error(
                    pos,
                    format!("`{{{name}}}` in `authorize_url` is not a parameter of this variant"),
                )
                .label("unknown placeholder");
            if let Some(best) = crate::diagnostics::closest(name, names.iter().copied()) {
                d.help(format!("did you mean `{{{best}}}`?"));
            }
            d.help("a `{name}` in the URL is replaced by the OAuth parameter `name` (list it under `params`), or by the app's `{apiKey}`, `{apiSecret}` or `{callbackUrl}`");
        }
    }
    // Checked with the placeholders filled in, as the example shows the URL.
    let example_url = oauth.example_authorize_url();
    match url::Url::parse(&example_url) {
        Ok(u) if u.scheme() == "https" && u.host().is_some() => {}
        Ok(u) if u.scheme() == "http" => {
            let pos = cx.at(url);
            cx.error(pos, "`authorize_url` must use https")
                .label("http is not accepted")
                .help(format!("write `https{}`", &url.value[u.scheme().len()..]));
        }
        _ => {
            let pos = cx.at(url);
            cx.error(pos, format!("`authorize_url` is not an absolute https URL: `{}`", url.value))
                .label("not an https URL")
                .help("write the provider's consent page, e.g. `https://provider.example.com/oauth/authorize` (a `{param}` may stand for part of it)");
        }
    }
    Some(oauth)
}

/// The variant's configuration: the implied fields (refined where the descriptor
/// lists them again, less the omitted ones), then the listed ones in order, then the
/// common instance options it gives an example or default.
fn config_fields(
    cx: &mut Cx<'_>,
    v: &raw::AuthVariant,
    has_selector: bool,
    omitted: &[String],
) -> Vec<Field> {
    let mut fields: Vec<Field> = implied::config(v.auth_type.value)
        .iter()
        .filter(|&f| !omitted.contains(&f.key))
        .cloned()
        .collect();
    let implied_count = fields.len();
    let reserved = reserved_config_idents();
    let mut common = Vec::new();
    for f in &v.config {
        if let Some(option) = implied::common_options()
            .iter()
            .find(|o| o.key == f.key.value)
        {
            common.extend(common_option(cx, f, option.clone()));
            continue;
        }
        if omitted.contains(&f.key.value) {
            let pos = cx.at(&f.key);
            cx.error(pos, format!("`{}` is listed and omitted", f.key.value))
                .label("also in `omit`")
                .help("remove it from `omit` to send it, or remove this field");
            continue;
        }
        if let Some(i) = fields[..implied_count]
            .iter()
            .position(|i| i.key == f.key.value)
        {
            if let Some(refined) = field(cx, f, Some(&fields[i]), reserved) {
                fields[i] = refined;
            }
        } else if let Some(resolved) = field(cx, f, None, reserved) {
            fields.push(resolved);
        }
        if has_selector && f.key.value == SELECTOR_KEY {
            let pos = cx.at(&f.key);
            cx.error(
                pos,
                format!("`{SELECTOR_KEY}` is sent by the variant's `selector`"),
            )
            .label("conflicts with `selector`")
            .help("remove this field; `selector` sets it");
        }
    }
    // In the order the client's `InstanceOptions` sends them.
    common.sort_by_key(|f: &Field| {
        implied::common_options()
            .iter()
            .position(|o| o.key == f.key)
    });
    fields.extend(common);
    check_fields(cx, &v.config, &fields, "configuration");
    fields
}

/// A common instance option listed by a variant: it may only give the variant's own
/// `example` or `default` (and wording); its type is the common option's.
fn common_option(cx: &mut Cx<'_>, f: &raw::Field, option: Field) -> Option<Field> {
    if f.example.is_none() && f.default.is_none() {
        let pos = cx.at(&f.key);
        cx.error(pos, format!("`{}` is a common instance option", f.key.value))
            .label("modelled once for every element")
            .help("list it only to give this variant an `example` or a `default`; otherwise remove it: clients set it through `InstanceOptions` and pages document it in `common-instance-config.md`");
        return None;
    }
    let fixed: [(&str, Option<Position>); 7] = [
        ("type", f.field_type.as_ref().map(|s| cx.at(s))),
        ("values", f.values.as_ref().map(|s| cx.at(s))),
        ("required", f.required.as_ref().map(|s| cx.at(s))),
        ("secret", f.secret.as_ref().map(|s| cx.at(s))),
        ("wire", f.wire.as_ref().map(|s| cx.at(s))),
        ("const", f.constant.as_ref().map(|s| cx.at(s))),
        ("label", f.label.as_ref().map(|s| cx.at(s))),
    ];
    let mut ok = true;
    for (attr, pos) in fixed {
        if let Some(pos) = pos {
            ok = false;
            cx.error(
                pos,
                format!(
                    "`{attr}` of the common instance option `{}` cannot be changed",
                    option.key
                ),
            )
            .label("modelled once for every element")
            .help("a variant may give a common option only an `example`, a `default` or a `description`");
        }
    }
    let default = f
        .default
        .as_ref()
        .and_then(|d| typed(cx, d, &option.ty, "default"));
    let example = f
        .example
        .as_ref()
        .and_then(|e| typed(cx, e, &option.ty, "example"));
    if !ok {
        return None;
    }
    let mut field = option;
    field.origin = Origin::Common;
    if let Some(d) = &f.description {
        field.description = Some(d.value.trim().to_string());
    }
    if let Some(e) = example.or_else(|| default.clone()) {
        field.example = e;
    }
    field.default = default;
    Some(field)
}

/// Duplicate keys and Rust name collisions among a list of fields.
fn check_fields(cx: &mut Cx<'_>, listed: &[raw::Field], fields: &[Field], what: &str) {
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for f in listed {
        if let Some(first_line) = keys.insert(f.key.value.as_str(), cx.line_at(&f.key)) {
            let pos = cx.at(&f.key);
            cx.error(pos, format!("duplicate {what} key `{}`", f.key.value))
                .label("already listed")
                .help(format!(
                    "the first is on line {first_line}; list each key once"
                ));
        }
    }
    let mut idents: BTreeMap<&str, &str> = BTreeMap::new();
    for f in fields {
        if let Some(other) = idents.insert(f.ident.as_str(), f.key.as_str())
            && other != f.key
            && let Some(written) = listed.iter().rev().find(|l| l.key.value == f.key)
        {
            let pos = cx.at(&written.key);
            cx.error(
                pos,
                format!(
                    "`{}` and `{other}` both become the Rust field `{}`",
                    f.key, f.ident
                ),
            )
            .label("Rust name collides")
            .help("rename one of the keys; Rust names are the keys in snake case");
        }
    }
}

/// Resolves one field; `implied` is the implied field it refines, if any.
fn field(
    cx: &mut Cx<'_>,
    f: &raw::Field,
    implied: Option<&Field>,
    reserved: &[&str],
) -> Option<Field> {
    let key = &f.key.value;
    if let Some(base) = implied {
        return Some(refine(cx, f, base));
    }
    // A valid key always has a Rust name; an invalid one is reported by `check_texts`.
    let ident = names::snake_ident(key, reserved).filter(|_| text::is_valid_wire_key(key))?;
    let ident = names::not_a_setter(ident);
    let ty = field_type(cx, f);
    let secret = f.secret.as_ref().is_some_and(|s| s.value);
    if secret && ty != FieldType::String {
        let pos = cx.at(f.secret.as_ref().expect("secret is set"));
        cx.error(
            pos,
            format!(
                "a secret field must be of type `string`, not `{}`",
                ty.name()
            ),
        )
        .label("secret needs a string")
        .help("credentials are text; remove `type` or `secret`");
    }
    let constant = constant(cx, f, &ty, secret);
    if secret && let Some(d) = &f.default {
        let pos = cx.at(d);
        cx.error(pos, "a secret field cannot have a default")
            .label("a credential in the descriptor")
            .help("remove `default`; a credential is always supplied by the user, and examples show a placeholder");
    }
    let default = f
        .default
        .as_ref()
        .filter(|_| !secret && f.constant.is_none())
        .and_then(|d| typed(cx, d, &ty, "default"));
    let required = match (&f.required, &default) {
        _ if f.constant.is_some() => true,
        (Some(r), Some(_)) if r.value => {
            let pos = cx.at(r);
            cx.error(pos, "a field with a `default` cannot be required")
                .label("contradicts `default`")
                .help("remove `required: true`; the default is sent when no value is given");
            false
        }
        (_, Some(_)) => false,
        (Some(r), None) => r.value,
        (None, None) => true,
    };
    let label = f
        .label
        .as_ref()
        .map_or_else(|| names::label_from_key(key), |l| l.value.clone());
    let written_example = if f.constant.is_some() {
        None
    } else {
        example(cx, f, &ty, secret, &label)
    };
    let example = match constant
        .clone()
        .or(written_example)
        .or_else(|| default.clone())
    {
        Some(e) => e,
        None => fallback_example(cx, f, &ty, &label),
    };
    let wire = f.wire.as_ref().map_or(Wire::Native, |w| w.value);
    if wire == Wire::String && !matches!(ty, FieldType::Bool | FieldType::Integer | FieldType::Json)
    {
        let pos = cx.at(f.wire.as_ref().expect("wire is set"));
        cx.error(
            pos,
            format!(
                "`wire: string` is for `bool`, `integer` and `json` fields, not `{}`",
                ty.name()
            ),
        )
        .label("already sent as a string")
        .help("remove `wire`");
    }
    // A fixed value is in the descriptor for everyone to see: not a credential.
    if !secret
        && f.secret.is_none()
        && f.constant.is_none()
        && ty == FieldType::String
        && looks_like_credential(key)
    {
        let pos = cx.at(&f.key);
        cx.warning(pos, format!("`{key}` looks like a credential but is not marked secret"))
            .label("credential?")
            .help("add `secret: true` so it is redacted in Debug output and masked in examples, or `secret: false` to silence this");
    }
    Some(Field {
        key: key.clone(),
        label,
        description: f.description.as_ref().map(|d| d.value.trim().to_string()),
        ty,
        required,
        constant,
        default,
        secret,
        example,
        wire,
        ident,
        enum_type: None,
        origin: Origin::Written,
    })
}

/// The typed `const` of a field, after checking what it excludes.
fn constant(cx: &mut Cx<'_>, f: &raw::Field, ty: &FieldType, secret: bool) -> Option<Value> {
    let c = f.constant.as_ref()?;
    let excluded: [(&str, Option<Position>); 3] = [
        ("default", f.default.as_ref().map(|s| cx.at(s))),
        ("example", f.example.as_ref().map(|s| cx.at(s))),
        ("required", f.required.as_ref().map(|s| cx.at(s))),
    ];
    for (attr, pos) in excluded {
        if let Some(pos) = pos {
            cx.error(pos, format!("a field with `const` cannot have `{attr}`"))
                .label("contradicts `const`")
                .help(format!(
                    "remove `{attr}`; a fixed value is always sent and every example shows it"
                ));
        }
    }
    if secret {
        let pos = cx.at(c);
        cx.error(pos, "a secret field cannot have a `const`")
            .label("a credential in the descriptor")
            .help("remove `const`, or `secret: true` if the value is not a credential");
        return None;
    }
    typed(cx, c, ty, "const")
}

/// A listed implied field may change only its label, description, example and
/// whether it is a secret.
fn refine(cx: &mut Cx<'_>, f: &raw::Field, base: &Field) -> Field {
    let fixed: [(&str, Option<Position>); 6] = [
        ("type", f.field_type.as_ref().map(|s| cx.at(s))),
        ("values", f.values.as_ref().map(|s| cx.at(s))),
        ("required", f.required.as_ref().map(|s| cx.at(s))),
        ("default", f.default.as_ref().map(|s| cx.at(s))),
        ("const", f.constant.as_ref().map(|s| cx.at(s))),
        ("wire", f.wire.as_ref().map(|s| cx.at(s))),
    ];
    for (attr, pos) in fixed {
        if let Some(pos) = pos {
            cx.error(
                pos,
                format!(
                    "`{attr}` of the implied field `{}` cannot be changed",
                    base.key
                ),
            )
            .label("fixed by the auth type")
            .help(
                "an implied field may only refine `label`, `description`, `example` and `secret`",
            );
        }
    }
    let mut field = base.clone();
    if let Some(secret) = &f.secret {
        if secret.value && field.ty != FieldType::String {
            let pos = cx.at(secret);
            cx.error(
                pos,
                format!(
                    "a secret field must be of type `string`, not `{}`",
                    field.ty.name()
                ),
            )
            .label("secret needs a string")
            .help("remove `secret`");
        } else {
            field.secret = secret.value;
        }
    }
    if let Some(label) = &f.label {
        field.label = label.value.clone();
    }
    if field.ty == FieldType::String && (f.label.is_some() || field.secret != base.secret) {
        field.example = Value::String(names::placeholder(&field.label));
    }
    if let Some(description) = &f.description {
        field.description = Some(description.value.trim().to_string());
    }
    if let Some(e) = example(cx, f, &base.ty, field.secret, &field.label) {
        field.example = e;
    }
    field
}

fn field_type(cx: &mut Cx<'_>, f: &raw::Field) -> FieldType {
    let declared = f
        .field_type
        .as_ref()
        .map_or(raw::FieldType::String, |t| t.value);
    match (declared, &f.values) {
        (raw::FieldType::Enum, Some(values)) => FieldType::Enum(enum_values(cx, values)),
        (raw::FieldType::Enum, None) => {
            let pos = cx.at(f.field_type.as_ref().expect("enum is declared"));
            cx.error(pos, "an `enum` field needs `values`")
                .label("no values listed")
                .help("add `values: [first, second]`");
            FieldType::Enum(Vec::new())
        }
        (other, Some(values)) => {
            let pos = cx.at(values);
            cx.error(
                pos,
                format!(
                    "`values` is only for `enum` fields, not `{}`",
                    other.as_str()
                ),
            )
            .label("not an enum")
            .help("add `type: enum`, or remove `values`");
            plain_type(other)
        }
        (other, None) => plain_type(other),
    }
}

fn plain_type(t: raw::FieldType) -> FieldType {
    match t {
        raw::FieldType::String | raw::FieldType::Enum => FieldType::String,
        raw::FieldType::Bool => FieldType::Bool,
        raw::FieldType::Integer => FieldType::Integer,
        raw::FieldType::Url => FieldType::Url,
        raw::FieldType::Json => FieldType::Json,
    }
}

fn enum_values(cx: &mut Cx<'_>, values: &Spanned<Vec<Spanned<String>>>) -> Vec<EnumValue> {
    let mut out: Vec<EnumValue> = Vec::new();
    if values.value.is_empty() {
        let pos = cx.at(values);
        cx.error(pos, "`values` is empty")
            .label("no values")
            .help("list the accepted values");
    }
    for spanned in &values.value {
        let v = &spanned.value;
        if v.is_empty() {
            let pos = cx.at(spanned);
            cx.error(pos, "an enum value is empty")
                .label("empty value")
                .help("remove it, or make the field optional (`required: false`) to send nothing");
            continue;
        }
        let Some(ident) = names::camel_ident(v) else {
            let pos = cx.at(spanned);
            cx.error(pos, format!("cannot derive a Rust name from value `{v}`"))
                .label("no letters or digits")
                .help("enum values need letters or digits");
            continue;
        };
        if let Some(other) = out.iter().find(|o| o.ident == ident) {
            let pos = cx.at(spanned);
            cx.error(
                pos,
                format!(
                    "values `{}` and `{v}` both become the Rust variant `{ident}`",
                    other.value
                ),
            )
            .label("Rust names collide")
            .help("list each value once; Rust variants are the values in UpperCamelCase");
            continue;
        }
        out.push(EnumValue {
            value: v.clone(),
            ident,
        });
    }
    out
}

/// Checks a `default` or `example` against the field's type; the typed value or `None`.
fn typed(cx: &mut Cx<'_>, s: &Spanned<Scalar>, ty: &FieldType, what: &str) -> Option<Value> {
    let mismatch = |cx: &mut Cx<'_>, expected: String| {
        let pos = cx.at(s);
        cx.error(
            pos,
            format!(
                "{what} {} does not match the field's type `{}`",
                s.value,
                ty.name()
            ),
        )
        .label(format!("expected {expected}"))
        .help(format!("write {expected}"));
        None
    };
    match (ty, &s.value) {
        (FieldType::String, Scalar::String(v)) => Some(Value::String(v.clone())),
        (FieldType::Bool, Scalar::Bool(b)) => Some(Value::Bool(*b)),
        (FieldType::Integer, Scalar::Integer(i)) => Some(Value::Integer(*i)),
        (FieldType::Url, Scalar::String(v)) => match url::Url::parse(v) {
            // Validated, never normalized: the page and the client show it as written.
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                Some(Value::String(v.clone()))
            }
            _ => mismatch(
                cx,
                "an absolute http(s) URL such as `https://www.example.com/`".into(),
            ),
        },
        (FieldType::Enum(values), Scalar::String(v)) => {
            if values.iter().any(|e| &e.value == v) {
                return Some(Value::String(v.clone()));
            }
            let accepted: Vec<&str> = values.iter().map(|e| e.value.as_str()).collect();
            let pos = cx.at(s);
            let d = cx
                .error(
                    pos,
                    format!("{what} `{v}` is not one of the field's values"),
                )
                .label("not an accepted value");
            if let Some(best) = crate::diagnostics::closest(v, accepted.iter().copied()) {
                d.help(format!("did you mean `{best}`?"));
            }
            if accepted.is_empty() {
                d.help("the field lists no valid value yet; fix `values` first");
            } else {
                d.help(format!("expected {}", one_of(&accepted)));
            }
            None
        }
        (FieldType::Json, scalar) => Some(Value::Json(match scalar {
            Scalar::Bool(b) => (*b).into(),
            Scalar::Integer(i) => (*i).into(),
            Scalar::String(s) => s.clone().into(),
            Scalar::Json(v) => v.clone(),
        })),
        (FieldType::String, _) => mismatch(cx, "a string (quote it: \"...\")".into()),
        (FieldType::Bool, _) => mismatch(cx, "`true` or `false`".into()),
        (FieldType::Integer, _) => mismatch(cx, "a whole number".into()),
        (FieldType::Url | FieldType::Enum(_), _) => mismatch(cx, "a string".into()),
    }
}

fn example(
    cx: &mut Cx<'_>,
    f: &raw::Field,
    ty: &FieldType,
    secret: bool,
    label: &str,
) -> Option<Value> {
    let e = f.example.as_ref()?;
    if secret {
        let pos = cx.at(e);
        cx.error(pos, "a secret field cannot have an example")
            .label("credentials never appear in examples")
            .help(format!(
                "remove `example`; examples show the placeholder `{}`",
                names::placeholder(label)
            ));
        return None;
    }
    typed(cx, e, ty, "example")
}

/// The example of a field the descriptor gives none: a placeholder derived from the
/// label for text, `false` for a flag, the first value of an enum, `www.example.com`
/// for a URL. A number or a JSON document has no placeholder that is still valid JSON
/// of its type, so such a field must give an example (an error otherwise).
fn fallback_example(cx: &mut Cx<'_>, f: &raw::Field, ty: &FieldType, label: &str) -> Value {
    match ty {
        FieldType::String => Value::String(names::placeholder(label)),
        FieldType::Bool => Value::Bool(false),
        FieldType::Url => Value::String(implied::EXAMPLE_URL.to_string()),
        FieldType::Enum(values) => {
            Value::String(values.first().map_or_else(String::new, |v| v.value.clone()))
        }
        // A written example or default that did not type-check has its own error.
        FieldType::Integer
            if f.example.is_some() || f.default.is_some() || f.constant.is_some() =>
        {
            Value::Integer(0)
        }
        FieldType::Json if f.example.is_some() || f.default.is_some() || f.constant.is_some() => {
            Value::Json(serde_json::Value::Null)
        }
        FieldType::Integer | FieldType::Json => {
            let pos = cx.at(&f.key);
            let sample = if *ty == FieldType::Integer {
                "`example: 30`"
            } else {
                "`example: {interval: 15}`"
            };
            cx.error(
                pos,
                format!(
                    "the `{}` field `{}` needs an `example` or a `default`",
                    ty.name(),
                    f.key.value
                ),
            )
            .label("no value to show")
            .help(format!(
                "pages show a placeholder for a missing value, and a placeholder is not a valid `{}`; add a realistic value, e.g. {sample}",
                ty.name()
            ))
            // A descriptor of format v1 has none: say what changed, not only what to do.
            .help("format v2 requires it (v1 showed `0` for an integer without one): see the format README's changelog");
            match ty {
                FieldType::Integer => Value::Integer(0),
                _ => Value::Json(serde_json::Value::Null),
            }
        }
    }
}

/// The position of `key:` introducing a mapping whose content is at `value` (the
/// parser places a mapping at its first key), looking a few lines up; else `value`.
fn key_above(cx: &Cx<'_>, value: Position, key: &str) -> Position {
    let needle = format!("{key}:");
    for line in (value.line.saturating_sub(3).max(1)..=value.line).rev() {
        let text = cx.source.line(line);
        let text: String = if line == value.line {
            text.chars().take(value.column.saturating_sub(1)).collect()
        } else {
            text.to_string()
        };
        let found = text.rmatch_indices(&needle).find(|(i, _)| {
            text[..*i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '{' || c == ',' || c == '-')
        });
        if let Some((i, _)) = found {
            return Position {
                line,
                column: text[..i].chars().count() + 1,
                len: key.chars().count(),
            };
        }
    }
    value
}

/// Whether a key names a credential: for a key the auth types imply, what they say;
/// for any other key, whether it holds a credential word.
pub fn looks_like_credential(key: &str) -> bool {
    let implied = [AuthType::Oauth2, AuthType::Oauth1]
        .into_iter()
        .flat_map(|a| implied::config(a).iter().chain(implied::provider_data(a)))
        .find(|f| f.key == key);
    if let Some(f) = implied {
        return f.secret;
    }
    let squashed: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    CREDENTIAL_WORDS.iter().any(|w| squashed.contains(w))
}

/// Keys, element ids and module names must be unique over the whole catalog.
fn check_unique_across_files(elements: &[(&Element, &Parsed)], diagnostics: &mut Vec<Diagnostic>) {
    use crate::build_script::feature_var;
    let mut keys: BTreeMap<&str, &Parsed> = BTreeMap::new();
    let mut ids: BTreeMap<u64, &Parsed> = BTreeMap::new();
    let mut modules: BTreeMap<&str, &Parsed> = BTreeMap::new();
    let mut features: BTreeMap<String, &Parsed> = BTreeMap::new();
    // Case-insensitive: `Zuora.md` and `zuora.md` are one file on some file systems.
    let mut pages: BTreeMap<String, &Parsed> = BTreeMap::new();
    // Each portal path with the element and the page name that took it first.
    let mut portal_paths: BTreeMap<String, (&Parsed, String)> = BTreeMap::new();
    for (e, p) in elements {
        let source = p.file.source();
        let d = &p.descriptor;
        let page_at = d
            .docs
            .as_ref()
            .and_then(|docs| docs.page.as_ref())
            .map_or(&d.key.referenced, |page| &page.referenced);
        let slug = e.page.slug.to_ascii_lowercase();
        if keys
            .get(e.key.as_str())
            .is_some_and(|first| !std::ptr::eq(*first, *p))
        {
            // A duplicate key is reported below; its page clashes for the same reason.
        } else if RESERVED_PAGES.iter().any(|r| r.eq_ignore_ascii_case(&slug)) {
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, page_at),
                    format!(
                        "the page `{}` would replace the catalog's own `{}`",
                        e.page.file(),
                        e.page.file()
                    ),
                )
                .label("reserved page name")
                .help(format!(
                    "set `docs.page` to another name; {} are the catalog's",
                    one_of(RESERVED_PAGES)
                )),
            );
        } else if let Some(first) = pages.insert(slug.clone(), p) {
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, page_at),
                    format!("two elements write the page `{}`", e.page.file()),
                )
                .label("page name already used")
                .help(format!(
                    "`{}` writes it too (page names are compared ignoring case); set a unique `docs.page`",
                    first.file.path.display()
                )),
            );
        }
        let portal_at = d
            .docs
            .as_ref()
            .and_then(|docs| docs.portal_path.as_ref())
            .map_or(page_at, |path| &path.referenced);
        let taken = portal_paths
            .entry(e.page.portal_path.to_ascii_lowercase())
            .or_insert_with(|| (p, slug.clone()));
        let (first, first_slug) = (taken.0, taken.1.clone());
        if !std::ptr::eq(first, *p) {
            // Two elements with one key or page name clash here too: said once, above.
            if first.descriptor.key.value != d.key.value && first_slug != slug {
                diagnostics.push(
                    Diagnostic::error(
                        &source,
                        position_of(&source, portal_at),
                        format!("two elements publish at `{}`", e.page.portal_path),
                    )
                    .label("portal path already used")
                    .help(format!(
                        "`{}` publishes there too (portal paths are compared ignoring case); set a unique `docs.portal_path`",
                        first.file.path.display()
                    )),
                );
            }
        }
        if let Some(first) = keys.insert(e.key.as_str(), p) {
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, &d.key.referenced),
                    format!("duplicate element key `{}`", e.key),
                )
                .label("key already used")
                .help(format!(
                    "`{}` has the same key; keys are unique in the catalog",
                    first.file.path.display()
                )),
            );
        } else if let Some(first) = modules.insert(e.module.as_str(), p) {
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, &d.key.referenced),
                    format!(
                        "keys `{}` and `{}` both become the Rust module `{}`",
                        first.descriptor.key.value, e.key, e.module
                    ),
                )
                .label("Rust module name collides")
                .help("change one of the keys; module names are keys in snake case"),
            );
        } else if let Some(first) = features.insert(feature_var(&e.key), p) {
            // Cargo tells a build script its features upper-cased, `-` as `_`: the
            // client could not tell these two apart.
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, &d.key.referenced),
                    format!(
                        "keys `{}` and `{}` differ only in case or in `-` and `_`",
                        first.descriptor.key.value, e.key
                    ),
                )
                .label("cargo feature collides")
                .help(format!(
                    "change one of the keys: each is a cargo feature of the client, and cargo names both `{}` to its build script",
                    feature_var(&e.key)
                )),
            );
        }
        if let Some(id) = &d.element_id
            && let Some(first) = ids.insert(id.value, p)
        {
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    position_of(&source, &id.referenced),
                    format!("duplicate element_id {}", id.value),
                )
                .label("id already used")
                .help(format!(
                    "`{}` has the same element_id; ids are unique in the catalog",
                    first.file.path.display()
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The heuristic says "credential" exactly where the implied fields say secret, so
    /// listing an implied key in another variant draws no contradicting warning.
    #[test]
    fn credential_heuristic_agrees_with_the_implied_fields() {
        for auth in [AuthType::Oauth2, AuthType::Oauth1] {
            for f in implied::config(auth)
                .iter()
                .chain(implied::provider_data(auth))
            {
                assert_eq!(looks_like_credential(&f.key), f.secret, "{}", f.key);
            }
        }
        for (key, credential) in [
            ("user.password", true),
            ("api.key", true),
            ("acme.api_key", true),
            ("refresh_token", true),
            ("site.address", false),
        ] {
            assert_eq!(looks_like_credential(key), credential, "{key}");
        }
    }
}
