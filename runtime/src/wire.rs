//! Reading configuration values as an application's settings or the wire hold them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer};

/// A configuration map being read into a generated type, entry by entry: the
/// `Deserialize` of the generated configurations is one call of [`read_entries`] with
/// one line per entry, rather than a derived visitor per type (which cost the client's
/// compile more than all the rest of a configuration). Entries not read (fixed ones,
/// the selector, unknown keys) are ignored.
#[derive(Debug)]
pub struct Entries(serde_json::Map<String, serde_json::Value>);

/// Reads a map and builds a `T` from its entries with `build`, reporting what `build`
/// fails with as the deserializer's error.
///
/// # Errors
/// When the input is not a map, or `build` fails (an entry missing or of the wrong type).
pub fn read_entries<'de, D, T>(
    deserializer: D,
    build: impl FnOnce(&mut Entries) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let map = serde_json::Map::deserialize(deserializer)?;
    build(&mut Entries(map)).map_err(serde::de::Error::custom)
}

impl Entries {
    /// The entry `key` as a `T`, if the map has it (and it is not `null`).
    ///
    /// # Errors
    /// When it is not a `T`.
    pub fn value<T: serde::de::DeserializeOwned>(
        &mut self,
        key: &str,
    ) -> Result<Option<T>, serde_json::Error> {
        match self.0.remove(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value).map(Some),
        }
    }

    /// The entry `key` as a `T` given as itself (`true`, `15`) or as its text
    /// (`"true"`, `"15"`).
    ///
    /// # Errors
    /// When it is neither.
    pub fn parsed<T: serde::de::DeserializeOwned + FromStr>(
        &mut self,
        key: &str,
    ) -> Result<Option<T>, serde_json::Error> {
        match self.0.remove(key) {
            Some(serde_json::Value::String(text)) => text.parse().map(Some).map_err(|_| {
                serde::de::Error::custom("expected a value of the entry's type, or its text")
            }),
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value).map(Some),
        }
    }

    /// The entry `key` as JSON given as itself or as its text (JSON entries sent as
    /// strings).
    ///
    /// # Errors
    /// When a text is not JSON.
    pub fn json(&mut self, key: &str) -> Result<Option<serde_json::Value>, serde_json::Error> {
        match self.0.remove(key) {
            Some(serde_json::Value::String(text)) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| serde::de::Error::custom("expected JSON, or the text of JSON")),
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => Ok(Some(value)),
        }
    }
}

/// A required entry's value: `missing field` when the map did not have it.
///
/// # Errors
/// When `value` is `None`.
pub fn required<T>(key: &'static str, value: Option<T>) -> Result<T, serde_json::Error> {
    value.ok_or_else(|| serde::de::Error::missing_field(key))
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
