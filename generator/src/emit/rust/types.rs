//! The types of a variant's requests and their serialization: the configuration,
//! provider data, body and instance structs, the enums of enum fields, and the serde
//! impls that write each field under its wire key.

use super::*;

/// Where serde's derives find serde: through the runtime, so that a crate with
/// generated code needs no serde dependency of its own.
const SERDE_CRATE: &str = "#[serde(crate = \"::elements_runtime::serde\")]";
use crate::build_script::DESERIALIZE_FEATURE;
use crate::code::{line, open};

/// A value that costs nothing to build (clippy wants it eager, `unwrap_or`, and the
/// others lazy, `unwrap_or_else`).
pub(super) fn is_cheap(f: &Field) -> bool {
    matches!(
        f.ty,
        FieldType::Bool | FieldType::Integer | FieldType::Enum(_)
    )
}

/// A field is `Option` when it is optional and has no default to carry.
pub(super) fn is_optional(f: &Field) -> bool {
    !f.required && f.default.is_none()
}

/// A field's doc comment: its label and key, description, default, and whether it
/// is a credential, as paragraphs. Written for every field of every struct, so
/// written in place rather than formatted first.
pub(super) fn field_doc(c: &mut Code, f: &Field) {
    let mut out = text(&f.label);
    for piece in [" (", &code(&f.key), ")."] {
        out.push_str(piece);
    }
    if let Some(d) = &f.description {
        out.push_str("\n\n");
        out.push_str(&text(d));
    }
    if let Some(default) = &f.default {
        for piece in ["\n\nDefault: ", &code(&default.to_text()), "."] {
            out.push_str(piece);
        }
    }
    if f.secret {
        out.push_str("\n\nA credential: redacted in `Debug` output.");
    }
    c.doc(&out);
}

/// The settable fields (every field but the fixed ones) as struct members.
pub(super) fn struct_fields(c: &mut Code, fields: &[Field]) {
    for f in fields.iter().filter(|f| f.constant.is_none()) {
        field_doc(c, f);
        if is_optional(f) {
            c.parts(&["pub ", &f.ident, ": Option<", value_type(f), ">,"]);
        } else {
            c.parts(&["pub ", &f.ident, ": ", value_type(f), ","]);
        }
    }
}

/// The wire value of a fixed field, as an expression of a reference.
pub(super) fn constant_expr(f: &Field, value: &Value) -> String {
    match value.to_json(f.wire) {
        serde_json::Value::String(s) => Lit(&s).quoted(),
        serde_json::Value::Bool(b) => format!("&{b}"),
        json @ serde_json::Value::Number(_) if json.is_i64() => {
            format!("&{}i64", json.as_i64().expect("checked"))
        }
        json => format!(
            "&::elements_runtime::serde_json::json!({})",
            json_text(&json)
        ),
    }
}

/// The runtime's entry types, one per way a field goes on the wire.
const ENTRY: &str = "::elements_runtime::wire::Entry";
const TEXT: &str = "::elements_runtime::wire::Text";
const OPTIONAL: &str = "::elements_runtime::wire::Optional";
const OPTIONAL_TEXT: &str = "::elements_runtime::wire::OptionalText";

/// One entry expression per field, as `write_map` takes them: fixed ones always,
/// optional ones when set, `wire: string` ones as their text. A secret is written by
/// the runtime's `Wire` (its exposed text), everything else by its `Serialize`.
pub(super) fn entry_exprs<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Vec<String> {
    fields
        .into_iter()
        .map(|f| {
            let key = Lit(&f.key).quoted();
            if let Some(value) = &f.constant {
                return [ENTRY, "(", &key, ", ", &constant_expr(f, value), ")"].concat();
            }
            // Validation allows `wire: string` on booleans, integers and JSON only.
            let kind = match (is_optional(f), f.wire == Wire::String) {
                (false, false) => ENTRY,
                (false, true) => TEXT,
                (true, false) => OPTIONAL,
                (true, true) => OPTIONAL_TEXT,
            };
            [kind, "(", &key, ", &self.", &f.ident, ")"].concat()
        })
        .collect()
}

pub(super) fn enum_type(c: &mut Code, f: &Field) {
    let FieldType::Enum(values) = &f.ty else {
        return;
    };
    let name = enum_name(f);
    c.doc(&["Values of ", &text(&f.label), " (", &code(&f.key), ")."].concat());
    let default = match &f.default {
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    line!(
        c,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, {}::elements_runtime::serde::Serialize)]",
        if default.is_some() { "Default, " } else { "" }
    );
    line!(
        c,
        "#[cfg_attr({}, derive(::elements_runtime::serde::Deserialize))]",
        deserialize_cfg()
    );
    line!(c, "{SERDE_CRATE}");
    // A value added to the descriptor is a minor release: matches need a wildcard.
    line!(c, "#[non_exhaustive]");
    // Each value's literal is written three times (its rename, `as_str`, `from_str`):
    // quoted once, and each line written as pieces.
    let literals: Vec<String> = values.iter().map(|e| Lit(&e.value).quoted()).collect();
    open!(c, "pub enum {name}");
    for (e, literal) in values.iter().zip(&literals) {
        c.doc(&code(&e.value));
        if default == Some(e.value.as_str()) {
            line!(c, "#[default]");
        }
        c.parts(&["#[serde(rename = ", literal, ")]"]);
        c.parts(&[&e.ident, ","]);
    }
    c.close();
    open!(c, "impl {name}");
    line!(c, "/// The value on the wire.");
    super::inline(c);
    open!(c, "pub fn as_str(self) -> &'static str");
    open!(c, "match self");
    for (e, literal) in values.iter().zip(&literals) {
        c.parts(&["Self::", &e.ident, " => ", literal, ","]);
    }
    c.close();
    c.close();
    c.close();
    open!(c, "impl ::std::fmt::Display for {name}");
    super::inline(c);
    open!(
        c,
        "fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result"
    );
    line!(c, "f.write_str(self.as_str())");
    c.close();
    c.close();
    let mut expected = String::new();
    for (i, e) in values.iter().enumerate() {
        let separator = if i == 0 { "`" } else { ", `" };
        for piece in [separator, &e.value, "`"] {
            expected.push_str(piece);
        }
    }
    open!(c, "impl ::std::str::FromStr for {name}");
    line!(c, "type Err = ::elements_runtime::UnknownValue;");
    line!(c, "/// Reads a value as the wire writes it.");
    // Not `Self::Err`: an enum value named `Err` makes that path ambiguous.
    super::inline(c);
    open!(
        c,
        "fn from_str(text: &str) -> Result<Self, ::elements_runtime::UnknownValue>"
    );
    open!(c, "match text");
    for (e, literal) in values.iter().zip(&literals) {
        c.parts(&[literal, " => Ok(Self::", &e.ident, "),"]);
    }
    line!(
        c,
        "_ => Err(::elements_runtime::UnknownValue {{ expected: {} }}),",
        Lit(&expected)
    );
    c.close();
    c.close();
    c.close();
}

/// The condition of the generated `Deserialize` impls: the including crate's
/// `deserialize` feature.
fn deserialize_cfg() -> String {
    format!("feature = {}", Lit(DESERIALIZE_FEATURE))
}

/// `Deserialize` for a struct whose fields are map entries under their wire keys
/// (a configuration, with the common options beside its own entries), and the
/// `read` it calls: one line per entry through the runtime's `wire::Entries`, not a
/// derived visitor per type (what a configuration cost the client's compile most).
/// Only with the including crate's `deserialize` feature: it was a quarter of each
/// element's compile, for what only an application that loads configurations from
/// its settings uses (the client sends, it never reads one back).
/// Required entries must be there, optional ones take their default or stay unset,
/// fixed ones and unknown keys (the selector) are ignored. Booleans and integers are
/// read from JSON values or from the strings the wire may send them as.
///
/// `options`: the struct has the common options beside its own entries, and these
/// are the ones the variant gives a default (applied when the map leaves them out,
/// as the builder does).
pub(super) fn deserialize_impl(
    c: &mut Code,
    name: &str,
    fields: &[Field],
    options: Option<Vec<&Field>>,
) {
    let feature = format!("#[cfg({})]", deserialize_cfg());
    c.lines(&feature);
    open!(
        c,
        "impl<'de> ::elements_runtime::serde::Deserialize<'de> for {name}"
    );
    open!(
        c,
        "fn deserialize<D: ::elements_runtime::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>"
    );
    // A configuration reads its entries in place; the common options (whose entries
    // every configuration reads) have a `read` of their own.
    let own_read = options.is_none();
    if own_read {
        line!(
            c,
            "::elements_runtime::wire::read_entries(deserializer, Self::read)"
        );
        c.close();
        c.close();
        c.lines(&feature);
        open!(c, "impl {name}");
        line!(
            c,
            "/// Reads the entries of a configuration map (`Deserialize`)."
        );
        line!(c, "#[doc(hidden)]");
        open!(
            c,
            "pub fn read(map: &mut ::elements_runtime::wire::Entries) -> Result<Self, ::elements_runtime::serde_json::Error>"
        );
    } else {
        open!(
            c,
            "::elements_runtime::wire::read_entries(deserializer, |map|"
        );
    }
    open!(c, "Ok(Self");
    for f in fields.iter().filter(|f| f.constant.is_none()) {
        let id = &f.ident;
        let key = Lit(&f.key).quoted();
        let read = match (&f.ty, f.wire) {
            (FieldType::Bool | FieldType::Integer, _) => "parsed",
            (FieldType::Json, Wire::String) => "json",
            _ => "value",
        };
        let value = ["map.", read, "(", &key, ")?"].concat();
        if f.required {
            c.parts(&[
                id,
                ": ::elements_runtime::wire::required(",
                &key,
                ", ",
                &value,
                ")?,",
            ]);
        } else if let Some(default) = &f.default {
            let default = rust_value(f, default);
            if is_cheap(f) {
                c.parts(&[id, ": ", &value, ".unwrap_or(", &default, "),"]);
            } else {
                c.parts(&[id, ": ", &value, ".unwrap_or_else(|| ", &default, "),"]);
            }
        } else {
            c.parts(&[id, ": ", &value, ","]);
        }
    }
    if let Some(defaults) = options {
        let fill: Vec<String> = defaults
            .iter()
            .filter_map(|f| {
                let id = &f.ident;
                let value = rust_value(f, f.default.as_ref()?);
                Some(if is_cheap(f) {
                    format!("options.{id} = options.{id}.or(Some({value}));")
                } else {
                    format!("options.{id} = options.{id}.or_else(|| Some({value}));")
                })
            })
            .collect();
        // Without defaults to fill, the binding is not `mut` (`unused_mut`).
        if fill.is_empty() {
            line!(c, "options: crate::InstanceOptions::read(map)?,");
        } else {
            open!(c, "options:");
            line!(c, "let mut options = crate::InstanceOptions::read(map)?;");
            for f in &fill {
                line!(c, "{f}");
            }
            line!(c, "options");
            c.close_with(",");
        }
    }
    c.close_with(")");
    if own_read {
        c.close();
        c.close();
    } else {
        c.close_with(")");
        c.close();
        c.close();
    }
}

/// `impl ::elements_runtime::serde::Serialize for <name>` as a map of `entries`
/// ([`entry_exprs`]), written by the runtime's `write_map`.
pub(super) fn serialize_map(c: &mut Code, name: &str, entries: &[String]) {
    open!(c, "impl ::elements_runtime::serde::Serialize for {name}");
    open!(
        c,
        "fn serialize<S: ::elements_runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>"
    );
    line!(c, "::elements_runtime::wire::write_map(");
    c.enter();
    line!(c, "serializer,");
    builder::tuple_lines(c, "", entries, ",");
    c.leave();
    line!(c, ")");
    c.close();
    c.close();
}

pub(super) fn config_struct(
    c: &mut Code,
    e: &Element,
    v: &Variant,
    markers: &mut builder::Markers,
) {
    let name = v.type_name("Config");
    c.doc(&format!(
        "Configuration of a {} instance provisioned with {} ({}).",
        text(&e.name),
        text(&v.title),
        code(&v.id)
    ));
    let own = v.own_config();
    line!(c, "#[derive(Clone, Debug)]");
    // Built by its builder only, so that an optional field added to the descriptor is
    // a minor release.
    line!(c, "#[non_exhaustive]");
    open!(c, "pub struct {name}");
    struct_fields(c, own);
    line!(
        c,
        "/// Options every element accepts; unset ones are not sent."
    );
    line!(c, "pub options: crate::InstanceOptions,");
    c.close();
    let spec = config_builder(v);
    open!(c, "impl {name}");
    let inits = config_options_init(e, v);
    constructors(
        c,
        &spec,
        &inits,
        "A builder of the configuration: required entries by their own setters, optional ones and the common options by `with_*`.",
    );
    c.close();
    builder_items(c, &name, &spec, markers);
    open!(c, "impl crate::VariantConfig for {name}");
    line!(c, "const ELEMENT_KEY: &'static str = KEY;");
    super::inline(c);
    open!(
        c,
        "fn options(parts: &mut Self::Parts) -> &mut crate::InstanceOptions"
    );
    c.parts(&["&mut parts", &spec.state_place(OPTIONS)]);
    c.close();
    c.close();
    let mut entries = entry_exprs(own);
    if let Some(s) = &v.selector {
        entries.push(format!("{ENTRY}({}, {})", Lit(SELECTOR_KEY), Lit(s)));
    }
    entries.push("&self.options".to_string());
    serialize_map(c, &name, &entries);
    deserialize_impl(c, &name, own, Some(v.common_options().iter().collect()));
}

pub(super) fn provider_data_struct(
    c: &mut Code,
    e: &Element,
    v: &Variant,
    markers: &mut builder::Markers,
) {
    let d = format!(
        "`providerData` of a {} instance created with {} ({}).",
        text(&e.name),
        text(&v.title),
        code(&v.id)
    );
    let name = v.type_name("ProviderData");
    if shares_oauth_code(v) {
        c.doc(&format!(
            "{d} The authorization code the provider passes to the callback, as for every such OAuth 2 variant."
        ));
        line!(c, "pub type {name} = crate::{OAUTH_CODE};");
        return;
    }
    let from_callback = has_callback_parser(v).then_some(|c: &mut Code| from_callback(c, v));
    map_struct(c, &name, &d, &v.provider_data, from_callback, true, markers);
}

/// The crate root's provider data of the OAuth 2 variants whose provider passes an
/// authorization code alone ([`shares_oauth_code`]).
pub(super) const OAUTH_CODE: &str = "OAuthCode";

/// [`OAUTH_CODE`], at the crate root: the struct, its builder and its callback
/// parser. Its builder's required field goes into `markers`.
pub(super) fn oauth_code(c: &mut Code, markers: &mut builder::Markers) {
    let fields = implied::provider_data(AuthType::Oauth2);
    let params = [implied::CODE.to_string()];
    map_struct(
        c,
        OAUTH_CODE,
        "`providerData` of the OAuth 2 variants whose provider passes an authorization code to the callback: each names it `<variant>ProviderData`.",
        fields,
        Some(|c: &mut Code| callback_parser(c, AuthType::Oauth2, &params, fields)),
        true,
        markers,
    );
}

/// A struct of fields that serializes as a map of their wire keys (fixed ones always,
/// unset optional ones never), with its builder and `methods`.
pub(super) fn map_struct(
    c: &mut Code,
    name: &str,
    doc_text: &str,
    fields: &[Field],
    methods: Option<impl FnOnce(&mut Code)>,
    set_by_user: bool,
    markers: &mut builder::Markers,
) {
    c.doc(doc_text);
    line!(c, "#[derive(Clone, Debug)]");
    line!(c, "#[non_exhaustive]");
    open!(c, "pub struct {name}");
    struct_fields(c, fields);
    c.close();
    let spec = fields_builder(name, fields);
    open!(c, "impl {name}");
    constructors(
        c,
        &spec,
        &[],
        "A builder: required fields by their own setters, optional ones by `with_*`.",
    );
    if let Some(methods) = methods {
        methods(c);
    }
    c.close();
    builder_items(c, name, &spec, markers);
    // A part of the instance request: given to the request's builder when
    // `set_by_user`, else built from its fixed entries alone.
    open!(c, "impl crate::Part for {name}");
    if set_by_user {
        line!(c, "type Start = ::elements_runtime::Unset;");
    } else {
        line!(c, "type Start = ::elements_runtime::Set;");
        super::inline(c);
        open!(c, "fn start() -> Option<Self>");
        line!(c, "Some(Self::new())");
        c.close();
    }
    c.close();
    serialize_map(c, name, &entry_exprs(fields));
}

/// The variant's top-level body fields, sent beside `configuration`.
pub(super) fn body_struct(c: &mut Code, e: &Element, v: &Variant, markers: &mut builder::Markers) {
    let d = format!(
        "Top-level entries of the `POST /instances` body of a {} instance created with {} ({}).",
        text(&e.name),
        text(&v.title),
        code(&v.id)
    );
    let name = v.type_name("Body");
    // Body entries the user sets come through the request's builder; fixed ones need
    // no call.
    let settable = v.body.iter().any(|f| f.constant.is_none());
    map_struct(
        c,
        &name,
        &d,
        &v.body,
        None::<fn(&mut Code)>,
        settable,
        markers,
    );
}

/// The variant's instance request: the root's generic `NewInstance` with the variant's
/// configuration, provider data and body (`()` where it has none).
pub(super) fn instance_struct(c: &mut Code, e: &Element, v: &Variant) {
    let mut parts = vec![v.type_name("Config")];
    if !v.body.is_empty() {
        let provider = if v.provider_data.is_empty() {
            "()".to_string()
        } else {
            v.type_name("ProviderData")
        };
        parts.extend([provider, v.type_name("Body")]);
    } else if !v.provider_data.is_empty() {
        parts.push(v.type_name("ProviderData"));
    }
    c.doc(&format!(
        "Request to create a {} instance with {} ({}): the body of `POST /instances`.",
        text(&e.name),
        text(&v.title),
        code(&v.id)
    ));
    line!(
        c,
        "pub type {} = crate::NewInstance<{}>;",
        v.type_name("Instance"),
        parts.join(", ")
    );
}

/// `Default` for a type whose `new` takes nothing (clippy's `new_without_default`).
pub(super) fn default_impl(c: &mut Code, name: &str) {
    open!(c, "impl Default for {name}");
    open!(c, "fn default() -> Self");
    line!(c, "Self::new()");
    c.close();
    c.close();
}
