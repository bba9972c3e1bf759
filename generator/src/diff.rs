//! What a change of the catalog does, to the two audiences it reaches at once: the
//! Rust users of the generated client (a semver class, as cargo-semver-checks would
//! judge the two crates) and the apps already running that send `POST /instances`
//! (whether they would now send something wrong). `elementgen diff` prints it.
//!
//! It compares the resolved models ([`crate::model`]), so what the emitters derive
//! (Rust names and types, defaults, fixed values) is compared as the client and the
//! pages show it. Elements pair by key, variants by id, fields by wire key; a field
//! whose key changed but whose label did not is a rename. Every change is one
//! [`Change`], in catalog order.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::api::{has_callback_parser, shares_oauth_code, value_type};
use crate::escape::code_span as code;
use crate::model::{Catalog, Element, Field, FieldType, Variant};

/// What a change means for the Rust users of the generated client, as semver classes
/// it: ordered, so that a catalog's verdict is its largest change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// Nothing the client shows changed.
    None,
    /// Documentation, or behavior behind the same API (a default, a fixed value).
    Patch,
    /// Something added that compiles beside every use of the old API.
    Minor,
    /// Code written against the old API may no longer compile.
    Major,
}

impl Semver {
    /// The word: `none`, `patch`, `minor` or `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Semver::None => "none",
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// What a change is, for the client's users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Client {
    /// Code that compiled against the old client may not compile (semver major).
    Breaking,
    /// New API beside the old (semver minor).
    Additive,
    /// The same API sends or does something else (semver patch).
    Behavior,
    /// Only documentation: descriptions, labels, notes, examples (semver patch).
    Docs,
}

impl Client {
    /// The semver class of the change.
    pub fn semver(self) -> Semver {
        match self {
            Client::Breaking => Semver::Major,
            Client::Additive => Semver::Minor,
            Client::Behavior | Client::Docs => Semver::Patch,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Client::Breaking => "breaking",
            Client::Additive => "additive",
            Client::Behavior => "behavior",
            Client::Docs => "docs",
        }
    }
}

/// One change of the catalog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Element key.
    pub element: String,
    /// Variant id, when the change is in one variant.
    pub variant: Option<String>,
    /// The field's wire key (or the OAuth parameter's name), when the change is in one.
    pub field: Option<String>,
    /// What changed, as a kebab-case word (`field-added`, `enum-value-removed`...).
    pub kind: &'static str,
    /// What it means for the client's Rust users.
    pub client: Client,
    /// Whether an app already running (built against the old catalog) now sends
    /// something wrong.
    pub wire_breaking: bool,
    /// The value before, where one applies.
    pub old: Option<String>,
    /// The value after, where one applies.
    pub new: Option<String>,
    /// What changed, as a sentence.
    pub message: String,
}

impl Change {
    /// Whether the change breaks anyone: the client's users or running apps.
    pub fn is_breaking(&self) -> bool {
        self.client == Client::Breaking || self.wire_breaking
    }

    /// Who it breaks: `client`, `wire`, both, or none.
    pub fn breaking_for(&self) -> Vec<&'static str> {
        let mut who = Vec::new();
        if self.client == Client::Breaking {
            who.push("client");
        }
        if self.wire_breaking {
            who.push("wire");
        }
        who
    }
}

/// Every change from one catalog to another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// In catalog order: elements by key, then variants and fields as written.
    pub changes: Vec<Change>,
}

impl Report {
    /// The semver class the client's next release needs: its largest change.
    pub fn semver(&self) -> Semver {
        self.changes
            .iter()
            .map(|c| c.client.semver())
            .max()
            .unwrap_or(Semver::None)
    }

    /// Whether any change breaks the client's users or running apps.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// The report as JSON: `{"semver": ..., "changes": [...]}`, each change with
    /// `breaking_for`.
    pub fn to_json(&self) -> serde_json::Value {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).expect("a change serializes");
                v["breaking_for"] = serde_json::json!(c.breaking_for());
                v
            })
            .collect();
        serde_json::json!({
            "semver": self.semver(),
            "breaking": self.is_breaking(),
            "changes": changes,
        })
    }

    /// The report for a terminal: the verdict, then one paragraph per change.
    pub fn to_text(&self) -> String {
        if self.changes.is_empty() {
            return "no change to the catalog: semver none\n".to_string();
        }
        let mut out = format!(
            "{} change{} to the catalog: semver {}{}\n",
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" },
            self.semver().as_str(),
            if self.is_breaking() {
                " (breaking)"
            } else {
                ""
            }
        );
        for c in &self.changes {
            // Keys and values are descriptor text: shown, never run by the terminal.
            out.push_str(&format!(
                "\n{}: {}\n",
                crate::escape::terminal(&where_(c)),
                crate::escape::terminal(&c.message)
            ));
            let wire = if c.wire_breaking {
                "breaking for apps already running"
            } else {
                "compatible"
            };
            out.push_str(&format!(
                "  client: {} ({}), wire: {wire}\n",
                c.client.as_str(),
                c.client.semver().as_str()
            ));
        }
        out
    }

    /// The report as a changelog section for release notes, in markdown: breaking
    /// changes, additions, other changes.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## elements: {} release\n", self.semver().as_str());
        if self.changes.is_empty() {
            out.push_str("\nNo change to the catalog.\n");
            return out;
        }
        // Each change in one section: what breaks anyone, what adds, the rest.
        let section = |c: &Change| match c.client {
            _ if c.is_breaking() => 0,
            Client::Additive => 1,
            _ => 2,
        };
        for (index, title) in ["Breaking", "Added", "Changed"].into_iter().enumerate() {
            let items: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| section(c) == index)
                .collect();
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n### {title}\n\n"));
            for c in items {
                let who = c.breaking_for();
                let suffix = if who.is_empty() {
                    String::new()
                } else {
                    format!(" (breaks: {})", who.join(", "))
                };
                out.push_str(&format!(
                    "- {}: {}{suffix}\n",
                    markdown_where(c),
                    markdown_text(&c.message)
                ));
            }
        }
        out
    }
}

/// `element / variant / field` of a change.
fn where_(c: &Change) -> String {
    let mut parts = vec![c.element.clone()];
    parts.extend(c.variant.clone());
    parts.extend(c.field.clone());
    parts.join(" / ")
}

fn markdown_where(c: &Change) -> String {
    let mut out = format!("`{}`", markdown_code(&c.element));
    if let Some(v) = &c.variant {
        out.push_str(&format!(" (`{}`)", markdown_code(v)));
    }
    if let Some(f) = &c.field {
        out.push_str(&format!(", `{}`", markdown_code(f)));
    }
    out
}

/// Text in a code span: backticks cannot close it (keys and ids hold none, but a
/// value may).
fn markdown_code(text: &str) -> String {
    text.replace('`', "'")
}

/// A message as markdown: one line. Its values are code spans made with
/// [`code`], which hold any text (backticks included) without it being read as
/// markdown or HTML; the rest is the generator's own words and wire keys.
fn markdown_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// The changes from `old` to `new`.
pub fn diff(old: &Catalog, new: &Catalog) -> Report {
    let mut report = Report::default();
    let olds: BTreeMap<&str, &Element> = old.elements.iter().map(|e| (e.key.as_str(), e)).collect();
    let news: BTreeMap<&str, &Element> = new.elements.iter().map(|e| (e.key.as_str(), e)).collect();
    let mut keys: Vec<&str> = olds.keys().chain(news.keys()).copied().collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let mut out = Changes {
            element: key,
            variant: None,
            changes: &mut report.changes,
        };
        match (olds.get(key), news.get(key)) {
            (Some(_), None) => out.push(
                None,
                "element-removed",
                Client::Breaking,
                true,
                None,
                None,
                format!("element `{key}` removed: its module and feature are gone"),
            ),
            (None, Some(_)) => out.push(
                None,
                "element-added",
                Client::Additive,
                false,
                None,
                None,
                format!("element `{key}` added, behind its own feature"),
            ),
            (Some(o), Some(n)) => {
                element(&mut out, o, n);
                out.docs(
                    None,
                    "the pages besides its own",
                    &also_on(old, key),
                    &also_on(new, key),
                );
            }
            (None, None) => {}
        }
    }
    report
}

/// The pages of `docs.also_on` that show element `key`: name, heading and path each.
fn also_on(catalog: &Catalog, key: &str) -> String {
    let pages: Vec<String> = catalog
        .pages
        .iter()
        .filter(|p| p.elements.iter().any(|k| k == key))
        .map(|p| format!("{} ({}, at {})", p.file(), p.heading, p.portal_path))
        .collect();
    pages.join(", ")
}

/// Where changes go, with the element and variant they are in.
struct Changes<'a> {
    element: &'a str,
    variant: Option<&'a str>,
    changes: &'a mut Vec<Change>,
}

impl Changes<'_> {
    #[allow(
        clippy::too_many_arguments,
        reason = "one change's every part, named at the call"
    )]
    fn push(
        &mut self,
        field: Option<&str>,
        kind: &'static str,
        client: Client,
        wire_breaking: bool,
        old: Option<String>,
        new: Option<String>,
        message: String,
    ) {
        self.changes.push(Change {
            element: self.element.to_string(),
            variant: self.variant.map(str::to_string),
            field: field.map(str::to_string),
            kind,
            client,
            wire_breaking,
            old,
            new,
            message,
        });
    }

    /// A change of documentation text only.
    fn docs(&mut self, field: Option<&str>, what: &str, old: &str, new: &str) {
        if old != new {
            self.push(
                field,
                "docs",
                Client::Docs,
                false,
                Some(old.to_string()),
                Some(new.to_string()),
                format!("{what} changed"),
            );
        }
    }
}

fn opt(text: &Option<String>) -> &str {
    text.as_deref().unwrap_or("")
}

fn element(out: &mut Changes<'_>, old: &Element, new: &Element) {
    out.docs(None, "display name", &old.name, &new.name);
    out.docs(None, "description", &old.description, &new.description);
    out.docs(None, "hub", old.hub.as_str(), new.hub.as_str());
    out.docs(
        None,
        "page preamble",
        opt(&old.page.preamble),
        opt(&new.page.preamble),
    );
    out.docs(
        None,
        "page notes",
        opt(&old.page.notes),
        opt(&new.page.notes),
    );
    out.docs(None, "page title", &old.page.title, &new.page.title);
    out.docs(None, "page file", &old.page.slug, &new.page.slug);
    out.docs(
        None,
        "page path",
        &old.page.portal_path,
        &new.page.portal_path,
    );
    out.docs(
        None,
        "page order",
        &old.page.order.to_string(),
        &new.page.order.to_string(),
    );
    out.docs(
        None,
        "page SEO name",
        &old.page.seo_name,
        &new.page.seo_name,
    );
    out.docs(
        None,
        "what the page calls the variants",
        &format!("{:?}", old.page.variant_kind),
        &format!("{:?}", new.page.variant_kind),
    );
    let id = |e: &Element| e.element_id.map(|i| i.to_string()).unwrap_or_default();
    out.docs(None, "element id", &id(old), &id(new));
    let element = out.element;
    // Variants pair by id, else by the Rust types they make (`token_2` and `token2`
    // are both `Token2...`): an id is the page's anchor and name, not the client's.
    let partner = |v: &Variant, others: &[Variant]| -> Option<usize> {
        others.iter().position(|o| o.id == v.id).or_else(|| {
            others.iter().position(|o| {
                o.type_prefix == v.type_prefix && !others.iter().any(|x| x.id == v.id)
            })
        })
    };
    for v in &old.variants {
        if partner(v, &new.variants).is_none() {
            out.push(
                None,
                "variant-removed",
                Client::Breaking,
                true,
                None,
                None,
                format!(
                    "variant {} removed: its types ({}...) are gone",
                    code(&v.id),
                    code(&format!("{}Config", v.type_prefix))
                ),
            );
        }
    }
    let order = |e: &Element| {
        e.variants
            .iter()
            .map(|v| v.id.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.docs(None, "order of the variants", &order(old), &order(new));
    for v in &new.variants {
        match partner(v, &old.variants).map(|i| &old.variants[i]) {
            None => out.push(
                None,
                "variant-added",
                Client::Additive,
                false,
                None,
                None,
                format!(
                    "variant {} added ({}...)",
                    code(&v.id),
                    code(&format!("{}Config", v.type_prefix))
                ),
            ),
            Some(o) => {
                let mut inner = Changes {
                    element,
                    variant: Some(&v.id),
                    changes: out.changes,
                };
                inner.docs(None, "variant id", &o.id, &v.id);
                variant(&mut inner, o, v);
            }
        }
    }
}

fn variant(out: &mut Changes<'_>, old: &Variant, new: &Variant) {
    // Between the types without OAuth (`basic`, `api_key`, `custom`) only the page's
    // words and example response differ: the client and the body are the same.
    if old.auth != new.auth && !old.auth.is_oauth() && !new.auth.is_oauth() {
        out.docs(None, "auth type", old.auth.as_str(), new.auth.as_str());
    } else if old.auth != new.auth {
        out.push(
            None,
            "auth-type-changed",
            Client::Breaking,
            true,
            Some(old.auth.as_str().to_string()),
            Some(new.auth.as_str().to_string()),
            format!(
                "auth type changed from `{}` to `{}`",
                old.auth.as_str(),
                new.auth.as_str()
            ),
        );
        return;
    }
    out.docs(None, "title", &old.title, &new.title);
    out.docs(None, "notes", opt(&old.notes), opt(&new.notes));
    if old.selector != new.selector {
        out.push(
            None,
            "selector-changed",
            Client::Behavior,
            true,
            old.selector.clone(),
            new.selector.clone(),
            "`authentication.type` sent changed".to_string(),
        );
    }
    oauth(out, old, new);
    // The instance request's shape: provider data or body appearing or going changes
    // the request type (`NewInstance<Config, ProviderData, Body>`).
    for (what, o, n) in [
        ("provider data", &old.provider_data, &new.provider_data),
        ("body entries", &old.body, &new.body),
    ] {
        if o.is_empty() != n.is_empty() {
            // Running apps send none of it: wrong only if some of it is needed.
            let needed = n.iter().any(|f| f.required || f.constant.is_some());
            out.push(
                None,
                "request-shape-changed",
                Client::Breaking,
                n.is_empty() || needed,
                None,
                None,
                format!(
                    "the variant {} {what}: its instance request type changed",
                    if n.is_empty() {
                        "no longer has"
                    } else {
                        "now has"
                    }
                ),
            );
        }
    }
    if !old.provider_data.is_empty()
        && !new.provider_data.is_empty()
        && has_callback_parser(old) != has_callback_parser(new)
    {
        let gone = has_callback_parser(old);
        out.push(
            None,
            if gone {
                "callback-parser-removed"
            } else {
                "callback-parser-added"
            },
            if gone {
                Client::Breaking
            } else {
                Client::Additive
            },
            false,
            None,
            None,
            format!(
                "the provider data's {} {}",
                code("from_callback"),
                if gone {
                    "is gone: the provider data is given as written"
                } else {
                    "was added"
                }
            ),
        );
    }
    let shares = (shares_oauth_code(old), shares_oauth_code(new));
    if shares.0 != shares.1 && !old.provider_data.is_empty() && !new.provider_data.is_empty() {
        out.push(
            None,
            "provider-data-type-changed",
            Client::Breaking,
            false,
            None,
            None,
            "the provider data is now a type of the variant's own (or the shared `OAuthCode`)"
                .to_string(),
        );
    }
    fields(out, "configuration", own(&old.config), own(&new.config));
    fields(
        out,
        "provider data",
        old.provider_data.iter().collect(),
        new.provider_data.iter().collect(),
    );
    fields(
        out,
        "body",
        old.body.iter().collect(),
        new.body.iter().collect(),
    );
    common_options(out, old, new);
}

/// A variant's own configuration fields (not the common options).
fn own(fields: &[Field]) -> Vec<&Field> {
    fields
        .iter()
        .filter(|f| f.origin != crate::model::Origin::Common)
        .collect()
}

/// The common options a variant gives a default or example: behavior and docs.
fn common_options(out: &mut Changes<'_>, old: &Variant, new: &Variant) {
    type Common = (Option<String>, String, String);
    let pick = |v: &Variant| -> BTreeMap<String, Common> {
        v.config
            .iter()
            .filter(|f| f.origin == crate::model::Origin::Common)
            .map(|f| {
                (
                    f.key.clone(),
                    (
                        f.default.as_ref().map(|d| d.to_text()),
                        f.example.to_text(),
                        opt(&f.description).to_string(),
                    ),
                )
            })
            .collect()
    };
    let (o, n) = (pick(old), pick(new));
    let keys: std::collections::BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    for key in keys {
        let (od, oe, odesc) = o.get(key).cloned().unwrap_or_default();
        let (nd, ne, ndesc) = n.get(key).cloned().unwrap_or_default();
        out.docs(
            Some(key),
            "description of the common option",
            &odesc,
            &ndesc,
        );
        if od != nd {
            out.push(
                Some(key),
                "default-changed",
                Client::Behavior,
                false,
                od.clone(),
                nd.clone(),
                format!("default of the common option `{key}` changed"),
            );
        }
        if od == nd {
            out.docs(Some(key), "example of the common option", &oe, &ne);
        }
    }
}

/// The Rust type a field has in its struct (`None` for a fixed one, which is no field).
fn rust_type(f: &Field) -> Option<String> {
    if f.constant.is_some() {
        return None;
    }
    let ty = value_type(f).to_string();
    Some(if !f.required && f.default.is_none() {
        format!("Option<{ty}>")
    } else {
        ty
    })
}

fn type_name(ty: &FieldType) -> String {
    match ty {
        FieldType::String => "string".to_string(),
        FieldType::Bool => "boolean".to_string(),
        FieldType::Integer => "integer".to_string(),
        FieldType::Url => "url".to_string(),
        FieldType::Json => "json".to_string(),
        FieldType::Enum(values) => format!(
            "enum [{}]",
            values
                .iter()
                .map(|v| v.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The Rust variant of enum value `value`.
fn enum_ident<'a>(ty: &'a FieldType, value: &str) -> Option<&'a str> {
    match ty {
        FieldType::Enum(values) => values
            .iter()
            .find(|v| v.value == value)
            .map(|v| v.ident.as_str()),
        _ => None,
    }
}

fn enum_values(ty: &FieldType) -> Vec<&str> {
    match ty {
        FieldType::Enum(values) => values.iter().map(|v| v.value.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// The fields of one part of the request (`what`): removed, renamed, added, changed.
fn fields(out: &mut Changes<'_>, what: &str, old: Vec<&Field>, new: Vec<&Field>) {
    let by_key = |list: &[&Field], key: &str| list.iter().any(|f| f.key == key);
    let removed: Vec<&Field> = old
        .iter()
        .copied()
        .filter(|f| !by_key(&new, &f.key))
        .collect();
    let mut added: Vec<&Field> = new
        .iter()
        .copied()
        .filter(|f| !by_key(&old, &f.key))
        .collect();
    for o in removed {
        // A key that changed under the same label is a rename of the wire key.
        if let Some(at) = added.iter().position(|n| n.label == o.label) {
            let n = added.remove(at);
            // A fixed entry has no Rust field: only the key it is sent under changes.
            let settable = o.constant.is_none() && n.constant.is_none();
            let same_rust = n.ident == o.ident && rust_type(n) == rust_type(o);
            out.push(
                Some(&n.key),
                "wire-key-renamed",
                if !settable || same_rust {
                    Client::Behavior
                } else {
                    Client::Breaking
                },
                true,
                Some(o.key.clone()),
                Some(n.key.clone()),
                format!(
                    "{what} entry {} renamed to {}{}",
                    code(&o.key),
                    code(&n.key),
                    if !settable || n.ident == o.ident {
                        String::new()
                    } else {
                        format!(
                            " (its Rust field {} is now {})",
                            code(&o.ident),
                            code(&n.ident)
                        )
                    }
                ),
            );
            field(out, what, o, n, true);
            continue;
        }
        out.push(
            Some(&o.key),
            "field-removed",
            if o.constant.is_some() {
                Client::Behavior
            } else {
                Client::Breaking
            },
            true,
            None,
            None,
            format!("{what} entry `{}` removed", o.key),
        );
    }
    for n in added {
        let settable = n.constant.is_none();
        let (client, message) = match (settable, n.required) {
            (true, true) => (
                Client::Breaking,
                format!(
                    "required {what} entry `{}` added: every request must now set `{}`",
                    n.key, n.ident
                ),
            ),
            (true, false) => (
                Client::Additive,
                format!(
                    "optional {what} entry `{}` added (`with_{}`)",
                    n.key, n.ident
                ),
            ),
            (false, _) => (
                Client::Behavior,
                format!("fixed {what} entry `{}` added: always sent", n.key),
            ),
        };
        // Running apps do not send a new required entry; a new fixed one the client
        // sends itself, which apps built before it do not.
        let wire = n.required || !settable;
        out.push(
            Some(&n.key),
            "field-added",
            client,
            wire,
            None,
            None,
            message,
        );
    }
    for n in &new {
        if let Some(o) = old.iter().find(|o| o.key == n.key) {
            field(out, what, o, n, false);
        }
    }
}

/// One field's changes, same key (or `renamed`, whose change of Rust name is said).
fn field(out: &mut Changes<'_>, what: &str, o: &Field, n: &Field, renamed: bool) {
    let key = n.key.as_str();
    let at = Some(key);
    if o.ty != n.ty && !(matches!(o.ty, FieldType::Enum(_)) && matches!(n.ty, FieldType::Enum(_))) {
        // Widened to text: whatever a running app sends is still a string.
        let widened =
            n.ty == FieldType::String && matches!(o.ty, FieldType::Enum(_) | FieldType::Url);
        out.push(
            at,
            "type-changed",
            Client::Breaking,
            !widened,
            Some(type_name(&o.ty)),
            Some(type_name(&n.ty)),
            format!(
                "type of {what} entry `{key}` changed from {} to {}",
                code(&type_name(&o.ty)),
                code(&type_name(&n.ty))
            ),
        );
        return;
    }
    let (ov, nv) = (enum_values(&o.ty), enum_values(&n.ty));
    // A value whose wire text changed but whose Rust variant did not (`eu` to `EU`,
    // both `Eu`): the same API, another text on the wire.
    let recased: Vec<(&str, &str)> = ov
        .iter()
        .filter(|v| !nv.contains(v))
        .filter_map(|v| {
            let ident = enum_ident(&o.ty, v)?;
            let to = nv
                .iter()
                .find(|w| !ov.contains(w) && enum_ident(&n.ty, w) == Some(ident))?;
            Some((*v, *to))
        })
        .collect();
    for (from, to) in &recased {
        out.push(
            at,
            "enum-value-renamed",
            Client::Behavior,
            true,
            Some((*from).to_string()),
            Some((*to).to_string()),
            format!(
                "value {} of {what} entry {} is sent as {}",
                code(from),
                code(key),
                code(to)
            ),
        );
    }
    for v in ov
        .iter()
        .filter(|v| !nv.contains(v) && !recased.iter().any(|(f, _)| f == *v))
    {
        out.push(
            at,
            "enum-value-removed",
            Client::Breaking,
            true,
            Some((*v).to_string()),
            None,
            format!("value {} of {what} entry `{key}` removed", code(v)),
        );
    }
    for v in nv
        .iter()
        .filter(|v| !ov.contains(v) && !recased.iter().any(|(_, t)| t == *v))
    {
        out.push(
            at,
            "enum-value-added",
            Client::Additive,
            false,
            None,
            Some((*v).to_string()),
            format!("value {} of {what} entry `{key}` added", code(v)),
        );
    }
    match (&o.constant, &n.constant) {
        (Some(a), Some(b)) if a != b => out.push(
            at,
            "const-changed",
            Client::Behavior,
            true,
            Some(a.to_text()),
            Some(b.to_text()),
            format!(
                "fixed value of {what} entry `{key}` changed from {} to {}",
                code(&a.to_text()),
                code(&b.to_text())
            ),
        ),
        (None, Some(b)) => out.push(
            at,
            "made-fixed",
            Client::Breaking,
            true,
            None,
            Some(b.to_text()),
            format!(
                "{what} entry `{key}` is now fixed to {}: its setter is gone",
                code(&b.to_text())
            ),
        ),
        (Some(a), None) => out.push(
            at,
            "no-longer-fixed",
            if n.required {
                Client::Breaking
            } else {
                Client::Additive
            },
            // Running apps send the fixed value, which the field still takes.
            false,
            Some(a.to_text()),
            None,
            format!(
                "{what} entry `{key}` is no longer fixed: it is set{}",
                if n.required {
                    ", and required"
                } else {
                    " when given"
                }
            ),
        ),
        _ => {}
    }
    if o.constant.is_none() && n.constant.is_none() {
        if !o.required && n.required {
            out.push(
                at,
                "made-required",
                Client::Breaking,
                // With a default, the client sent it all along.
                o.default.is_none(),
                None,
                None,
                format!("{what} entry {} is now required", code(key)),
            );
        } else if o.required && !n.required {
            out.push(
                at,
                "made-optional",
                Client::Breaking,
                false,
                None,
                None,
                format!(
                    "{what} entry {} is now optional: its setter is {}{}",
                    code(key),
                    code(&format!("with_{}", n.ident)),
                    match &n.default {
                        Some(d) => format!(", its default {}", code(&d.to_text())),
                        None => " and its field an `Option`".to_string(),
                    }
                ),
            );
        } else if (o.ident != n.ident && !renamed) || rust_type(o) != rust_type(n) {
            out.push(
                at,
                "rust-api-changed",
                Client::Breaking,
                false,
                rust_type(o).map(|t| format!("{}: {t}", o.ident)),
                rust_type(n).map(|t| format!("{}: {t}", n.ident)),
                format!("the Rust field of {what} entry `{key}` changed"),
            );
        }
    }
    if o.wire != n.wire {
        out.push(
            at,
            "wire-encoding-changed",
            Client::Behavior,
            true,
            None,
            None,
            format!("how {what} entry `{key}` is encoded on the wire changed"),
        );
    }
    if o.default != n.default && o.required == n.required {
        out.push(
            at,
            "default-changed",
            Client::Behavior,
            false,
            o.default.as_ref().map(|d| d.to_text()),
            n.default.as_ref().map(|d| d.to_text()),
            format!("default of {what} entry `{key}` changed"),
        );
    }
    out.docs(at, "label", &o.label, &n.label);
    out.docs(at, "description", opt(&o.description), opt(&n.description));
    // An example derived from the default, the label or the values changed with
    // them: said once.
    if o.constant.is_none()
        && n.constant.is_none()
        && o.default == n.default
        && o.label == n.label
        && o.ty == n.ty
    {
        out.docs(at, "example", &o.example.to_text(), &n.example.to_text());
    }
}

/// The OAuth side: scope, consent page, parameters.
fn oauth(out: &mut Changes<'_>, old: &Variant, new: &Variant) {
    match (&old.oauth, &new.oauth) {
        (Some(o), Some(n)) => {
            if o.scope != n.scope {
                out.push(
                    None,
                    "scope-changed",
                    Client::Behavior,
                    false,
                    o.scope.clone(),
                    n.scope.clone(),
                    "the default scope changed".to_string(),
                );
            }
            out.docs(None, "consent page", &o.authorize_url, &n.authorize_url);
            // The URL request is `UrlRequest<Config>` without parameters of its own and
            // `UrlRequest<Config, <variant>OAuthParams>` with: its type changes with the
            // first one.
            if o.params.is_empty() != n.params.is_empty() {
                out.push(
                    None,
                    "url-request-type-changed",
                    Client::Breaking,
                    false,
                    None,
                    None,
                    format!(
                        "the OAuth URL request {} OAuth parameters of its own: its type (and its {} field) changed",
                        if n.params.is_empty() { "no longer has" } else { "now has" },
                        code("params")
                    ),
                );
            }
            // A parameter whose query name changed but whose Rust name did not.
            for p in &o.params {
                if let Some(q) = n
                    .params
                    .iter()
                    .find(|q| q.name != p.name && q.ident == p.ident)
                    .filter(|_| !n.params.iter().any(|q| q.name == p.name))
                {
                    out.push(
                        Some(&q.name),
                        "oauth-param-renamed",
                        Client::Behavior,
                        true,
                        Some(p.name.clone()),
                        Some(q.name.clone()),
                        format!(
                            "OAuth parameter {} is sent as {}",
                            code(&p.name),
                            code(&q.name)
                        ),
                    );
                }
            }
            let renamed =
                |name: &str, from: &[crate::model::OAuthParam], to: &[crate::model::OAuthParam]| {
                    from.iter().any(|p| {
                        p.name == name
                            && to.iter().any(|q| q.name != p.name && q.ident == p.ident)
                            && !to.iter().any(|q| q.name == p.name)
                    })
                };
            for p in &o.params {
                if renamed(&p.name, &o.params, &n.params) {
                    continue;
                }
                if !n.params.iter().any(|q| q.name == p.name) {
                    out.push(
                        Some(&p.name),
                        "oauth-param-removed",
                        Client::Breaking,
                        false,
                        None,
                        None,
                        format!("OAuth parameter `{}` removed", p.name),
                    );
                }
            }
            for p in &n.params {
                // The other side of a rename, said above.
                if o.params.iter().any(|q| {
                    q.ident == p.ident && q.name != p.name && renamed(&q.name, &o.params, &n.params)
                }) {
                    continue;
                }
                match o.params.iter().find(|q| q.name == p.name) {
                    None => out.push(
                        Some(&p.name),
                        "oauth-param-added",
                        if p.required {
                            Client::Breaking
                        } else {
                            Client::Additive
                        },
                        p.required,
                        None,
                        None,
                        format!(
                            "{} OAuth parameter `{}` added",
                            if p.required { "required" } else { "optional" },
                            p.name
                        ),
                    ),
                    Some(q) if q.required != p.required => out.push(
                        Some(&p.name),
                        if p.required {
                            "made-required"
                        } else {
                            "made-optional"
                        },
                        Client::Breaking,
                        p.required,
                        None,
                        None,
                        format!(
                            "OAuth parameter `{}` is now {}",
                            p.name,
                            if p.required { "required" } else { "optional" }
                        ),
                    ),
                    Some(q) => {
                        out.docs(
                            Some(&p.name),
                            "description",
                            opt(&q.description),
                            opt(&p.description),
                        );
                        out.docs(Some(&p.name), "example", opt(&q.example), opt(&p.example));
                        // What the provider does without it: documented, not sent.
                        out.docs(Some(&p.name), "default", opt(&q.default), opt(&p.default));
                    }
                }
            }
        }
        (None, Some(_)) | (Some(_), None) => out.push(
            None,
            "consent-step-changed",
            Client::Breaking,
            true,
            None,
            None,
            format!(
                "the variant {} a consent step (app, URL request, callback)",
                if new.oauth.is_some() {
                    "now has"
                } else {
                    "no longer has"
                }
            ),
        ),
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changes from descriptor `old` to `new` (one element, `acme.yaml`), as
    /// (kind, client, wire breaking).
    fn changes(old: &str, new: &str) -> Vec<(&'static str, Client, bool)> {
        let catalog = |text: &str| {
            let checked = crate::check_sources([(
                std::path::PathBuf::from("acme.yaml"),
                text.as_bytes().to_vec(),
            )]);
            assert!(
                !checked.has_errors(),
                "{}",
                crate::diagnostics::render(&checked.diagnostics, false)
            );
            checked.catalog
        };
        diff(&catalog(old), &catalog(new))
            .changes
            .into_iter()
            .map(|c| (c.kind, c.client, c.wire_breaking))
            .collect()
    }

    const HEAD: &str = "key: acme\nname: Acme\nhub: crm\ndescription: Acme keeps contacts.\n";

    fn with(rest: &str) -> String {
        format!("{HEAD}{rest}")
    }

    #[test]
    fn pages_besides_its_own_and_a_parameter_default_are_docs() {
        let base = "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://{site}/oauth\n      params:\n        - name: site\n          required: false\n          default: login.acme.example.com\n";
        let moved = base.replace("default: login.acme", "default: auth.acme");
        let also = format!("docs:\n  also_on:\n    - page: acme-old\n{base}");
        assert_eq!(
            changes(&with(base), &with(&moved)),
            [("docs", Client::Docs, false)]
        );
        let catalog = |text: &str| {
            let checked = crate::check_sources([(
                std::path::PathBuf::from("acme.yaml"),
                text.as_bytes().to_vec(),
            )]);
            checked.catalog
        };
        let report = diff(&catalog(&with(base)), &catalog(&with(&also)));
        let messages: Vec<(&str, Option<&str>)> = report
            .changes
            .iter()
            .map(|c| (c.message.as_str(), c.new.as_deref()))
            .collect();
        assert_eq!(
            messages,
            [(
                "the pages besides its own changed",
                Some("acme-old.md (Acme, at docs/elements/acme-old/acme-old-create-instance.md)")
            )]
        );
    }

    #[test]
    fn what_changes_no_rust_item_is_docs_or_behavior() {
        // The page's words only: another id, another type without OAuth, the variant
        // ids of the same Rust types.
        let custom = "auth:\n  - id: token\n    type: custom\n    config:\n      - key: acme.token\n        label: Token\n";
        // (The default title follows the type: a second docs change.)
        assert_eq!(
            changes(&with(custom), &with(&custom.replace("custom", "api_key"))),
            [("docs", Client::Docs, false), ("docs", Client::Docs, false)]
        );
        assert_eq!(
            changes(&with(custom), &format!("element_id: 7\n{}", with(custom))),
            [("docs", Client::Docs, false)]
        );
        let two = "auth:\n  - type: basic\n  - id: token_2\n    type: custom\n    title: Token\n    config:\n      - key: acme.token\n        label: Token\n";
        assert_eq!(
            changes(&with(two), &with(&two.replace("token_2", "token2"))),
            [("docs", Client::Docs, false), ("docs", Client::Docs, false)]
        );
        // A fixed entry's key: no Rust field, another key on the wire.
        let fixed = "auth:\n  - type: custom\n    config:\n      - key: acme.api.version\n        label: API version\n        const: v2\n";
        assert_eq!(
            changes(
                &with(fixed),
                &with(&fixed.replace("acme.api.version", "acme.apiversion"))
            ),
            [("wire-key-renamed", Client::Behavior, true)]
        );
        // An enum value's text, the same Rust variant.
        let region = "auth:\n  - type: custom\n    config:\n      - key: acme.region\n        label: Region\n        type: enum\n        values: [eu, us]\n";
        assert_eq!(
            changes(
                &with(region),
                &with(&region.replace("[eu, us]", "[EU, us]"))
            ),
            [("enum-value-renamed", Client::Behavior, true)]
        );
    }

    #[test]
    fn what_running_apps_still_send_right_is_not_wire_breaking() {
        let region = "auth:\n  - type: custom\n    config:\n      - key: acme.region\n        label: Region\n        type: enum\n        values: [eu, us]\n";
        let text = "auth:\n  - type: custom\n    config:\n      - key: acme.region\n        label: Region\n";
        assert_eq!(
            changes(&with(region), &with(text)),
            [("type-changed", Client::Breaking, false)]
        );
        let fixed = "auth:\n  - type: custom\n    config:\n      - key: acme.api.version\n        label: API version\n        const: v2\n";
        let settable = fixed.replace("const: v2", "example: v2");
        assert_eq!(
            changes(&with(fixed), &with(&settable)),
            [("no-longer-fixed", Client::Breaking, false)]
        );
    }

    #[test]
    fn the_callback_parser_and_the_url_request_type_are_api() {
        let oauth1 = "auth:\n  - type: oauth1\n    oauth:\n      authorize_url: https://acme.example/oauth\n";
        let listed = format!(
            "{oauth1}    provider_data:\n      - key: oauth_token\n        label: OAuth token\n      - key: oauth_verifier\n        label: OAuth verifier\n        secret: true\n      - key: secret\n        label: Secret\n        secret: true\n"
        );
        let found = changes(&with(oauth1), &with(&listed));
        assert!(
            found.contains(&("callback-parser-removed", Client::Breaking, false)),
            "{found:?}"
        );
        let oauth2 = "auth:\n  - type: oauth2\n    oauth:\n      authorize_url: https://acme.example/oauth\n";
        let param = format!(
            "{oauth2}      params:\n        - name: siteAddress\n          required: false\n          example: acme\n"
        );
        let found = changes(&with(oauth2), &with(&param));
        assert!(
            found.contains(&("url-request-type-changed", Client::Breaking, false)),
            "{found:?}"
        );
        let renamed = param.replace("siteAddress", "site_address");
        assert_eq!(
            changes(&with(&param), &with(&renamed)),
            [("oauth-param-renamed", Client::Behavior, true)]
        );
    }

    #[test]
    fn values_in_the_changelog_stay_code() {
        let fixed = "auth:\n  - type: custom\n    config:\n      - key: acme.api.version\n        label: API version\n        const: v2\n";
        let hostile = fixed.replace(
            "const: v2",
            "const: 'v2` [click](https://evil.example) **x** `'",
        );
        let checked = |text: &str| {
            crate::check_sources([(
                std::path::PathBuf::from("acme.yaml"),
                text.as_bytes().to_vec(),
            )])
            .catalog
        };
        let md = diff(&checked(&with(fixed)), &checked(&with(&hostile))).to_markdown();
        assert!(
            md.contains("to `` v2` [click](https://evil.example) **x** ` `` (breaks: wire)"),
            "{md}"
        );
    }
}
