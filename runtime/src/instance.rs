//! The created instance, as `POST /instances` returns it.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::secret::Secret;

/// A provisioned instance. Keep [`Instance::token`]: every later request for this
/// instance needs it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Instance {
    /// Instance id.
    pub id: u64,
    /// Instance name.
    pub name: String,
    /// The element token: a credential.
    pub token: Secret,
    /// The element the instance belongs to.
    pub element: InstanceElement,
    /// The instance's configuration as the platform stores it.
    #[serde(default)]
    pub configuration: Configuration,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whether the platform could use the provider's credentials, when it says.
    #[serde(default)]
    pub valid: Option<bool>,
    /// Whether the instance is disabled, when the platform says.
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// A change of an instance's name or tags (`PATCH /instances/{id}`): what is not set
/// is left as it is; tags replace the existing ones.
///
/// ```
/// let patch = elements_runtime::InstancePatch::new().with_name("Renamed").with_tags(["prod"]);
/// # let _ = patch;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstancePatch {
    /// The new name.
    pub name: Option<String>,
    /// The new tags, replacing the existing ones.
    pub tags: Option<Vec<String>>,
}

impl InstancePatch {
    /// A patch that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Renames the instance.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Replaces the instance's tags.
    #[must_use]
    pub fn with_tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// The body the platform's documentation shows: the id, then what changes.
    pub(crate) fn body(&self, id: u64) -> serde_json::Value {
        let mut body = Map::new();
        body.insert("id".into(), Value::from(id));
        if let Some(name) = &self.name {
            body.insert("name".into(), Value::from(name.clone()));
        }
        if let Some(tags) = &self.tags {
            body.insert("tags".into(), Value::from(tags.clone()));
        }
        Value::Object(body)
    }
}

/// The element of an instance.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct InstanceElement {
    /// Numeric element id.
    #[serde(default)]
    pub id: Option<u64>,
    /// Element key.
    pub key: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Hub.
    #[serde(default)]
    pub hub: Option<String>,
}

/// Configuration entries of an instance. They include credentials (API secrets,
/// passwords, tokens), so `Debug` lists only the keys.
#[derive(Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Configuration(Map<String, Value>);

impl Configuration {
    /// The value of one entry.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The keys, in the order the platform sent them.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

impl fmt::Debug for Configuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.keys()).finish()
    }
}
