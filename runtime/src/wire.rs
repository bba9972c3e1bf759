//! Reading configuration values as an application's settings or the wire hold them.

use std::fmt;
use std::str::FromStr;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

/// A generated type's map entries, written by its `Serialize` as one tuple given to
/// [`write_map`]: an [`Entry`], [`Text`], [`Optional`] or [`OptionalText`] per field,
/// the common options, and nested tuples past twelve. One expression per type, where a
/// `serialize_entry(..)?` per field cost each element's compile a statement, a match
/// and an error conversion for every entry.
pub trait WriteEntries {
    /// Adds the entries to `map`, leaving out unset optional ones.
    ///
    /// # Errors
    /// When the serializer fails.
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// A value as an entry writes it: itself, or a credential's exposed text.
pub trait Wire {
    /// Adds `key` with this value to `map`.
    ///
    /// # Errors
    /// When the serializer fails.
    fn write_entry<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error>;
}

impl<T: Serialize + ?Sized> Wire for T {
    #[inline]
    fn write_entry<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(key, self)
    }
}

/// A credential goes on the wire as its text: only a request's serialization writes it.
impl Wire for crate::Secret {
    #[inline]
    fn write_entry<M: SerializeMap>(&self, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(key, self.expose())
    }
}

/// An entry that is always written: `key` and its value.
pub struct Entry<'a, T: ?Sized>(pub &'static str, pub &'a T);

/// An entry sent as the text of its value (`wire: string`: `"true"`, `"15"`).
pub struct Text<'a, T: ?Sized>(pub &'static str, pub &'a T);

/// An entry written only when set.
pub struct Optional<'a, T>(pub &'static str, pub &'a Option<T>);

/// An entry written only when set, as the text of its value.
pub struct OptionalText<'a, T>(pub &'static str, pub &'a Option<T>);

impl<T: Wire + ?Sized> WriteEntries for Entry<'_, T> {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        self.1.write_entry(self.0, map)
    }
}

impl<T: fmt::Display + ?Sized> WriteEntries for Text<'_, T> {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry(self.0, &self.1.to_string())
    }
}

impl<T: Wire> WriteEntries for Optional<'_, T> {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self.1 {
            Some(value) => value.write_entry(self.0, map),
            None => Ok(()),
        }
    }
}

impl<T: fmt::Display> WriteEntries for OptionalText<'_, T> {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self.1 {
            Some(value) => map.serialize_entry(self.0, &value.to_string()),
            None => Ok(()),
        }
    }
}

impl<T: WriteEntries + ?Sized> WriteEntries for &T {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        (**self).write_entries(map)
    }
}

/// No entries (a type whose fields are all left out of the wire).
impl WriteEntries for () {
    #[inline]
    fn write_entries<M: SerializeMap>(&self, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Tuples of entries, each written in order.
macro_rules! entry_tuples {
    ($(($($part:ident)+))+) => {$(
        impl<$($part: WriteEntries),+> WriteEntries for ($($part,)+) {
            #[inline]
            #[allow(non_snake_case, reason = "the tuple's parts, named as its type parameters")]
            fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                let ($($part,)+) = self;
                $($part.write_entries(map)?;)+
                Ok(())
            }
        }
    )+};
}

entry_tuples! {
    (A) (A B) (A B C) (A B C D) (A B C D E) (A B C D E F) (A B C D E F G) (A B C D E F G H)
    (A B C D E F G H I) (A B C D E F G H I J) (A B C D E F G H I J K)
    (A B C D E F G H I J K L)
}

/// Serializes `entries` as a map (the body of a generated `Serialize`).
///
/// # Errors
/// When the serializer fails.
pub fn write_map<S: Serializer, E: WriteEntries>(
    serializer: S,
    entries: E,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    entries.write_entries(&mut map)?;
    map.end()
}
