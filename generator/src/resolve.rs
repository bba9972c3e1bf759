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
    Catalog, Element, EnumValue, Field, FieldType, OAuth, OAuthParam, Page, SELECTOR_KEY, Value,
    Variant, Wire,
};
use crate::names;
use crate::text::{self, TextKind};

/// Default tab order of a page.
const DEFAULT_ORDER: u32 = 20;

/// Module names the generated crate's own code uses at its root.
const RESERVED_MODULES: &[&str] = &["runtime", "generated", "std", "core", "alloc"];

/// Field names the generated configuration structs use themselves.
const RESERVED_CONFIG_IDENTS: &[&str] = &["options"];

/// Field names of the generated OAuth URL request types.
const RESERVED_PARAM_IDENTS: &[&str] = &[
    "api_key",
    "api_secret",
    "callback_url",
    "state",
    "request_token",
];

/// Query parameters every OAuth call sends itself.
const RESERVED_QUERY_NAMES: &[&str] = &[
    "apiKey",
    "apiSecret",
    "callbackUrl",
    "state",
    "requestToken",
];

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
pub fn catalog(parsed: &[Parsed], diagnostics: &mut Vec<Diagnostic>) -> Catalog {
    let mut elements: Vec<(Element, &Parsed)> = parsed
        .iter()
        .map(|p| {
            let mut cx = Cx {
                source: p.file.source(),
                diagnostics,
            };
            (element(&mut cx, &p.descriptor), p)
        })
        .collect();
    check_unique_across_files(&elements, diagnostics);
    elements.sort_by(|a, b| {
        a.0.key
            .cmp(&b.0.key)
            .then_with(|| a.0.source.cmp(&b.0.source))
    });
    Catalog {
        elements: elements.into_iter().map(|(e, _)| e).collect(),
    }
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
    Element {
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
            notes: docs.and_then(|d| d.notes.as_ref()).map(|n| n.value.clone()),
        },
        module,
        variants,
        source: cx.source.path.to_path_buf(),
    }
}

fn check_key(cx: &mut Cx<'_>, key: &Spanned<String>) {
    let k = &key.value;
    if !is_valid_key(k) {
        let pos = cx.at(key);
        cx.error(pos, format!("invalid element key `{k}`"))
            .label("not a valid key")
            .help(KEY_RULE);
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

/// The help line of an invalid key.
pub const KEY_RULE: &str =
    "a key is 1 to 64 characters of `A-Za-z0-9_-`, starting with a letter or digit";

/// Every string of a descriptor against the one rule for descriptor text (`text`),
/// and the keys against the characters real elements use.
fn check_texts(cx: &mut Cx<'_>, d: &raw::Descriptor) {
    use TextKind::{Line, Prose};
    check_text(cx, &d.name, Line);
    check_text(cx, &d.description, Prose);
    if let Some(docs) = &d.docs {
        if let Some(seo_name) = &docs.seo_name {
            check_text(cx, seo_name, Line);
            non_empty(cx, seo_name, "seo_name");
        }
        if let Some(notes) = &docs.notes {
            check_text(cx, notes, Prose);
        }
    }
    for v in &d.auth.value {
        if let Some(title) = &v.title {
            check_text(cx, title, Line);
            non_empty(cx, title, "title");
        }
        if let Some(selector) = &v.selector {
            check_text(cx, selector, Line);
        }
        if let Some(o) = &v.oauth {
            check_text(cx, &o.value.authorize_url, Line);
            if let Some(scope) = &o.value.scope {
                check_text(cx, scope, Line);
            }
            for p in &o.value.params {
                check_wire_key(cx, &p.name, "parameter name");
                if let Some(description) = &p.description {
                    check_text(cx, description, Prose);
                }
                if let Some(example) = &p.example {
                    check_text(cx, example, Line);
                }
            }
        }
        for f in v.config.iter().chain(v.provider_data.iter().flatten()) {
            check_wire_key(cx, &f.key, "key");
            if let Some(label) = &f.label {
                check_text(cx, label, Line);
                non_empty(cx, label, "label");
            }
            if let Some(description) = &f.description {
                check_text(cx, description, Prose);
            }
            for value in f.values.iter().flat_map(|v| &v.value) {
                check_text(cx, value, Line);
            }
            for scalar in [&f.default, &f.example].into_iter().flatten() {
                if let Scalar::String(text) = &scalar.value {
                    check_text_at(cx, text, &scalar.referenced, Line);
                }
            }
        }
    }
}

fn check_text(cx: &mut Cx<'_>, s: &Spanned<String>, kind: TextKind) {
    check_text_at(cx, &s.value, &s.referenced, kind);
}

fn check_text_at(cx: &mut Cx<'_>, text: &str, at: &serde_saphyr::Location, kind: TextKind) {
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
        Some(byte) => {
            let before = &cx.source.text[..byte];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            Position {
                line: before.matches('\n').count() + 1,
                column: before[line_start..].chars().count() + 1,
                len: 1,
            }
        }
        None => position_of(&cx.source, at),
    }
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
        for ty in v.rust_types() {
            if let Some(other) = types.insert(ty.clone(), v.id.as_str()) {
                let pos = match &r.id {
                    Some(id) => cx.at(id),
                    None => cx.at(&r.auth_type),
                };
                cx.error(pos, format!("variant `{}` would generate the Rust type `{ty}` a second time", v.id))
                    .label("Rust type name collides")
                    .help(format!(
                        "variant `{other}` already defines it; change this variant's `id` or rename the enum field behind it"
                    ));
            }
        }
        if let Some(first) = seen.insert(v.id.as_str(), r) {
            let first_line = position_of(
                &cx.source,
                first
                    .id
                    .as_ref()
                    .map_or(&first.auth_type.referenced, |i| &i.referenced),
            );
            let pos = match &r.id {
                Some(id) => cx.at(id),
                None => cx.at(&r.auth_type),
            };
            cx.error(pos, format!("duplicate auth variant id `{}`", v.id))
                .label("used by an earlier variant")
                .help(format!(
                    "the first variant with this id is on line {}",
                    first_line.line
                ))
                .help("give each variant of the same type its own `id`");
        }
        if let Some(first_line) = seen_titles.insert(v.anchor.as_str(), cx.at(&r.auth_type).line)
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
    let oauth = oauth(cx, v);
    let selector = v.selector.as_ref().map(|s| {
        if s.value.trim().is_empty() {
            let pos = cx.at(s);
            cx.error(pos, "`selector` is empty")
                .label("write the value of `authentication.type`");
        }
        s.value.clone()
    });
    let config = config_fields(cx, v, selector.is_some());
    let provider_data = match &v.provider_data {
        Some(listed) => {
            let fields: Vec<Field> = listed
                .iter()
                .filter_map(|f| field(cx, f, None, &[]))
                .collect();
            check_fields(cx, listed, &fields, "provider data");
            fields
        }
        None => implied::provider_data(auth),
    };
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
    Variant {
        anchor: names::anchor(&title),
        type_prefix: type_prefix.clone(),
        id,
        auth,
        title,
        selector,
        oauth,
        provider_data,
        config,
    }
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

fn oauth(cx: &mut Cx<'_>, v: &raw::AuthVariant) -> Option<OAuth> {
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
            .help(format!(
                "extra parameters cannot be {}",
                one_of(RESERVED_QUERY_NAMES)
            ));
        }
        // Reported by `check_texts` when invalid; a valid name always has a Rust name.
        let Some(ident) = names::snake_ident(&name.value, RESERVED_PARAM_IDENTS)
            .filter(|_| text::is_valid_wire_key(&name.value))
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
        params.push(OAuthParam {
            example: p
                .example
                .as_ref()
                .map_or_else(|| names::placeholder(&name.value), |e| e.value.clone()),
            name: name.value.clone(),
            description: p.description.as_ref().map(|d| d.value.trim().to_string()),
            required: p.required.unwrap_or(true),
            ident,
        });
    }
    let url = &o.value.authorize_url;
    let oauth = OAuth {
        authorize_url: url.value.clone(),
        scope: o.value.scope.as_ref().map(|s| s.value.clone()),
        params,
    };
    for name in oauth.url_placeholders() {
        if !oauth.params.iter().any(|p| p.name == name) {
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
            d.help("a `{name}` in the URL is replaced by the OAuth parameter `name`; list it under `params`");
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
/// lists them again), then the listed ones in order.
fn config_fields(cx: &mut Cx<'_>, v: &raw::AuthVariant, has_selector: bool) -> Vec<Field> {
    let mut fields = implied::config(v.auth_type.value);
    let implied_count = fields.len();
    for f in &v.config {
        if let Some(i) = fields[..implied_count]
            .iter()
            .position(|i| i.key == f.key.value)
        {
            if let Some(refined) = field(cx, f, Some(&fields[i]), RESERVED_CONFIG_IDENTS) {
                fields[i] = refined;
            }
        } else if let Some(resolved) = field(cx, f, None, RESERVED_CONFIG_IDENTS) {
            fields.push(resolved);
        }
        if implied::common_options()
            .iter()
            .any(|o| o.key == f.key.value)
        {
            let pos = cx.at(&f.key);
            cx.error(pos, format!("`{}` is a common instance option", f.key.value))
                .label("modelled once for every element")
                .help("remove this field; clients set common options through `InstanceOptions` and pages document them in `common-instance-config.md`");
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
    check_fields(cx, &v.config, &fields, "configuration");
    fields
}

/// Duplicate keys and Rust name collisions among a list of fields.
fn check_fields(cx: &mut Cx<'_>, listed: &[raw::Field], fields: &[Field], what: &str) {
    let mut keys: BTreeMap<&str, usize> = BTreeMap::new();
    for f in listed {
        let pos = cx.at(&f.key);
        if let Some(first_line) = keys.insert(f.key.value.as_str(), pos.line) {
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
    if secret && let Some(d) = &f.default {
        let pos = cx.at(d);
        cx.error(pos, "a secret field cannot have a default")
            .label("a credential in the descriptor")
            .help("remove `default`; a credential is always supplied by the user, and examples show a placeholder");
    }
    let default = f
        .default
        .as_ref()
        .filter(|_| !secret)
        .and_then(|d| typed(cx, d, &ty, "default"));
    let required = match (&f.required, &default) {
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
    let example = example(cx, f, &ty, secret, &label)
        .or_else(|| default.clone())
        .unwrap_or_else(|| fallback_example(&ty, &label));
    let wire = f.wire.as_ref().map_or(Wire::Native, |w| w.value);
    if wire == Wire::String && !matches!(ty, FieldType::Bool | FieldType::Integer) {
        let pos = cx.at(f.wire.as_ref().expect("wire is set"));
        cx.error(
            pos,
            format!(
                "`wire: string` is for `bool` and `integer` fields, not `{}`",
                ty.name()
            ),
        )
        .label("already sent as a string")
        .help("remove `wire`");
    }
    if !secret && f.secret.is_none() && ty == FieldType::String && looks_like_credential(key) {
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
        default,
        secret,
        example,
        wire,
        ident,
        enum_type: None,
        implied: false,
    })
}

/// A listed implied field may change only its label, description and example.
fn refine(cx: &mut Cx<'_>, f: &raw::Field, base: &Field) -> Field {
    let fixed: [(&str, Option<Position>); 6] = [
        ("type", f.field_type.as_ref().map(|s| cx.at(s))),
        ("values", f.values.as_ref().map(|s| cx.at(s))),
        ("required", f.required.as_ref().map(|s| cx.at(s))),
        ("default", f.default.as_ref().map(|s| cx.at(s))),
        ("secret", f.secret.as_ref().map(|s| cx.at(s))),
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
            .help("an implied field may only refine `label`, `description` and `example`");
        }
    }
    let mut field = base.clone();
    if let Some(label) = &f.label {
        field.label = label.value.clone();
        if !field.secret && field.ty == FieldType::String {
            field.example = Value::String(names::placeholder(&field.label));
        }
    }
    if let Some(description) = &f.description {
        field.description = Some(description.value.trim().to_string());
    }
    if let Some(e) = example(cx, f, &base.ty, base.secret, &field.label) {
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
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                Some(Value::String(u.to_string()))
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
            d.help(format!("expected {}", one_of(&accepted)));
            None
        }
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

fn fallback_example(ty: &FieldType, label: &str) -> Value {
    match ty {
        FieldType::String => Value::String(names::placeholder(label)),
        FieldType::Bool => Value::Bool(false),
        FieldType::Integer => Value::Integer(0),
        FieldType::Url => Value::String(implied::EXAMPLE_URL.to_string()),
        FieldType::Enum(values) => {
            Value::String(values.first().map_or_else(String::new, |v| v.value.clone()))
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

fn looks_like_credential(key: &str) -> bool {
    let squashed: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    CREDENTIAL_WORDS.iter().any(|w| squashed.contains(w))
}

/// Keys, element ids and module names must be unique over the whole catalog.
fn check_unique_across_files(elements: &[(Element, &Parsed)], diagnostics: &mut Vec<Diagnostic>) {
    let mut keys: BTreeMap<&str, &Parsed> = BTreeMap::new();
    let mut ids: BTreeMap<u64, &Parsed> = BTreeMap::new();
    let mut modules: BTreeMap<&str, &Parsed> = BTreeMap::new();
    for (e, p) in elements {
        let source = p.file.source();
        let d = &p.descriptor;
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
