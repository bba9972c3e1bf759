//! The shape of the generated Rust API, decided once for the two that write calls
//! to it: the Rust emitter ([`crate::emit::rust`]) and the page's example code
//! ([`crate::snippet`], laid out at resolution). Setter names, which fields an OAuth
//! app sets, which provider data parse a callback, and a field's value as a Rust
//! expression.

use crate::code::Lit;
use crate::implied;
use crate::model::{Field, FieldType, Origin, Value, Variant, Wire};

/// The builder setter of a field or OAuth parameter named `field`: the field's own
/// name when required, `with_<field>` when optional.
pub fn setter_name(field: &str, required: bool) -> String {
    if required {
        field.to_string()
    } else {
        ["with_", field].concat()
    }
}

/// Whether the app of an OAuth variant sets configuration field `f` (its client id,
/// secret or callback URL), so that `<V>App::config()` starts with it set.
pub fn set_by_app(v: &Variant, f: &Field) -> bool {
    v.oauth.is_some()
        && f.required
        && f.constant.is_none()
        && [
            implied::OAUTH_API_KEY,
            implied::OAUTH_API_SECRET,
            implied::OAUTH_CALLBACK_URL,
        ]
        .contains(&f.key.as_str())
}

/// Whether the variant's provider data has a `from_callback` parser: it is the
/// implied one of a consent flow (provider data the descriptor lists itself has no
/// known source).
pub fn has_callback_parser(v: &Variant) -> bool {
    v.oauth.is_some() && v.provider_data.iter().all(|f| f.origin == Origin::Implied)
}

/// Whether the variant's provider data is the OAuth 2 authorization code alone, as
/// the auth type implies it: the crate root's shared `OAuthCode` then, rather than a
/// type of the variant's own.
pub fn shares_oauth_code(v: &Variant) -> bool {
    v.auth == crate::model::AuthType::Oauth2
        && has_callback_parser(v)
        && v.provider_data == crate::implied::provider_data(crate::model::AuthType::Oauth2)
        && v.oauth
            .as_ref()
            .is_some_and(|o| o.callback_params == [crate::implied::CODE])
}

/// The Rust type of a field's value.
pub fn value_type(f: &Field) -> &str {
    match &f.ty {
        FieldType::String if f.secret => "::elements_runtime::Secret",
        FieldType::String => "String",
        FieldType::Bool => "bool",
        FieldType::Integer => "i64",
        FieldType::Url => "::elements_runtime::HttpUrl",
        FieldType::Enum(_) => enum_name(f),
        FieldType::Json => "::elements_runtime::serde_json::Value",
    }
}

pub fn enum_name(f: &Field) -> &str {
    f.enum_type.as_deref().unwrap_or("InvalidEnum")
}

/// The enum variant of the wire value `value` (validation guarantees it is one).
pub fn enum_variant<'a>(values: &'a [crate::model::EnumValue], value: &str) -> &'a str {
    values
        .iter()
        .find(|e| e.value == value)
        .map_or("Invalid", |e| e.ident.as_str())
}

/// A Rust expression of a typed value of a field.
pub fn rust_value(f: &Field, value: &Value) -> String {
    match (&f.ty, value) {
        (FieldType::Enum(values), Value::String(s)) => {
            [enum_name(f), "::", enum_variant(values, s)].concat()
        }
        (FieldType::Url, Value::String(s)) => Lit(s).within(
            "::elements_runtime::HttpUrl::parse(",
            ").expect(\"the descriptor's URL was checked\")",
        ),
        (FieldType::Json, value) => {
            format!(
                "::elements_runtime::serde_json::json!({})",
                json_text(&value.to_json(Wire::Native))
            )
        }
        (_, Value::String(s)) if f.secret => {
            Lit(s).within("::elements_runtime::Secret::from(", ")")
        }
        (_, Value::String(s)) => Lit(s).within("String::from(", ")"),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Integer(i)) => format!("{i}i64"),
        (_, Value::Json(v)) => format!("::elements_runtime::serde_json::json!({})", json_text(v)),
    }
}

/// [`rust_value`] with the enum type's absolute path, for code outside the element's
/// module (the page's snippets, the examples).
pub fn qualified_value(f: &Field, value: &Value, module: &str) -> String {
    match (&f.ty, value) {
        (FieldType::Enum(values), Value::String(s)) => {
            let (ty, variant) = (enum_name(f), enum_variant(values, s));
            if f.origin == Origin::Common {
                ["crate::", ty, "::", variant].concat()
            } else {
                ["crate::", module, "::", ty, "::", variant].concat()
            }
        }
        _ => rust_value(f, value),
    }
}

/// A field's example value as code outside the element's module (the page
/// snippets): absolute enum paths.
pub fn example_value(f: &Field, module: &str) -> String {
    qualified_value(f, &f.example, module)
}

/// A JSON value as the argument of a `serde_json::json!` invocation.
pub fn json_text(value: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match value {
        J::Null => "null".to_string(),
        J::Bool(b) => b.to_string(),
        // As serde_json writes it: a Rust literal, after a minus sign if negative.
        J::Number(n) => n.to_string(),
        J::String(s) => Lit(s).quoted(),
        J::Array(items) => {
            let items: Vec<String> = items.iter().map(json_text).collect();
            format!("[{}]", items.join(", "))
        }
        J::Object(map) if map.is_empty() => "{}".to_string(),
        J::Object(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Lit(k), json_text(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}
