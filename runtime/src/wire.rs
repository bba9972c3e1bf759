//! Reading configuration values as an application's settings or the wire hold them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// A value given as itself (`true`, `15`) or as the text the wire may send it as
/// (`"true"`, `"15"`), for the `Deserialize` of configurations.
///
/// # Errors
/// When the value is neither, or the text does not parse.
pub fn value_or_text<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + FromStr,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either<T> {
        Value(T),
        Text(String),
    }
    match Option::<Either<T>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Either::Value(v)) => Ok(Some(v)),
        Some(Either::Text(text)) => text.parse().map(Some).map_err(|_| {
            serde::de::Error::custom("expected a value of the entry's type, or its text")
        }),
    }
}

/// A JSON value given as itself or as the text of it that the wire sends (for JSON
/// entries sent as strings).
///
/// # Errors
/// When a text is not JSON.
pub fn json_or_text<'de, D>(deserializer: D) -> Result<Option<serde_json::Value>, D::Error>
where
    D: Deserializer<'de>,
{
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::String(text)) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|_| serde::de::Error::custom("expected JSON, or the text of JSON")),
        other => Ok(other),
    }
}

/// A text that is none of an enum's values ([`FromStr`] of the generated enums). It
/// names the accepted values, not the text given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    /// The accepted values, as a sentence fragment: "`a`, `b`".
    pub expected: &'static str,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown value; expected one of {}", self.expected)
    }
}

impl std::error::Error for UnknownValue {}
