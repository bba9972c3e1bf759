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
