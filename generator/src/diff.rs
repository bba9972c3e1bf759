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

use crate::api::{shares_oauth_code, value_type};
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

/// A message as markdown text: its own code spans kept, anything else that markdown
/// or HTML would read escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
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
            (Some(o), Some(n)) => element(&mut out, o, n),
            (None, None) => {}
        }
    }
    report
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
    if old.page.slug != new.page.slug || old.page.portal_path != new.page.portal_path {
        out.docs(
            None,
            "page path",
            &old.page.portal_path,
            &new.page.portal_path,
        );
    }
    let element = out.element;
    for v in &old.variants {
        if !new.variants.iter().any(|n| n.id == v.id) {
            out.push(
                None,
                "variant-removed",
                Client::Breaking,
                true,
                None,
                None,
                format!(
                    "variant `{}` removed: its types (`{}Config`, `{}Instance`...) are gone",
                    v.id, v.type_prefix, v.type_prefix
                ),
            );
        }
    }
    for v in &new.variants {
        match old.variants.iter().find(|o| o.id == v.id) {
            None => out.push(
                None,
                "variant-added",
                Client::Additive,
                false,
                None,
                None,
                format!("variant `{}` added (`{}Config`...)", v.id, v.type_prefix),
            ),
            Some(o) => {
                let mut inner = Changes {
                    element,
                    variant: Some(&v.id),
                    changes: out.changes,
                };
                variant(&mut inner, o, v);
            }
        }
    }
}

fn variant(out: &mut Changes<'_>, old: &Variant, new: &Variant) {
    if old.auth != new.auth {
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
            out.push(
                None,
                "request-shape-changed",
                Client::Breaking,
                true,
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
    let pick = |v: &Variant| -> BTreeMap<String, (Option<String>, String)> {
        v.config
            .iter()
            .filter(|f| f.origin == crate::model::Origin::Common)
            .map(|f| {
                (
                    f.key.clone(),
                    (f.default.as_ref().map(|d| d.to_text()), f.example.to_text()),
                )
            })
            .collect()
    };
    let (o, n) = (pick(old), pick(new));
    let keys: std::collections::BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    for key in keys {
        let (od, oe) = o.get(key).cloned().unwrap_or_default();
        let (nd, ne) = n.get(key).cloned().unwrap_or_default();
        if od != nd {
            out.push(
                Some(key),
                "default-changed",
                Client::Behavior,
                false,
                od,
                nd,
                format!("default of the common option `{key}` changed"),
            );
        }
        out.docs(Some(key), "example of the common option", &oe, &ne);
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
            out.push(
                Some(&n.key),
                "wire-key-renamed",
                if n.ident == o.ident && rust_type(n) == rust_type(o) {
                    Client::Behavior
                } else {
                    Client::Breaking
                },
                true,
                Some(o.key.clone()),
                Some(n.key.clone()),
                format!(
                    "{what} entry `{}` renamed to `{}`{}",
                    o.key,
                    n.key,
                    if n.ident == o.ident {
                        String::new()
                    } else {
                        format!(" (its Rust field `{}` is now `{}`)", o.ident, n.ident)
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
        out.push(
            at,
            "type-changed",
            Client::Breaking,
            true,
            Some(type_name(&o.ty)),
            Some(type_name(&n.ty)),
            format!(
                "type of {what} entry `{key}` changed from {} to {}",
                type_name(&o.ty),
                type_name(&n.ty)
            ),
        );
        return;
    }
    let (ov, nv) = (enum_values(&o.ty), enum_values(&n.ty));
    for v in ov.iter().filter(|v| !nv.contains(v)) {
        out.push(
            at,
            "enum-value-removed",
            Client::Breaking,
            true,
            Some((*v).to_string()),
            None,
            format!("value `{v}` of {what} entry `{key}` removed"),
        );
    }
    for v in nv.iter().filter(|v| !ov.contains(v)) {
        out.push(
            at,
            "enum-value-added",
            Client::Additive,
            false,
            None,
            Some((*v).to_string()),
            format!("value `{v}` of {what} entry `{key}` added"),
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
                "fixed value of {what} entry `{key}` changed from `{}` to `{}`",
                a.to_text(),
                b.to_text()
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
                "{what} entry `{key}` is now fixed to `{}`: its setter is gone",
                b.to_text()
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
            n.required,
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
                true,
                None,
                None,
                format!("{what} entry `{key}` is now required"),
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
                    "{what} entry `{key}` is now optional: its setter is `with_{}` and its field an `Option`",
                    n.ident
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
    if o.constant.is_none() && n.constant.is_none() {
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
            for p in &o.params {
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
