//! The OAuth `state`: what the consent step passes back to the callback, so that the
//! app can tell its own callbacks from forged ones.

use std::fmt;

/// The `state` of an OAuth URL request. [`State::random`] makes an unguessable one
/// (the default of the generated URL request builders); [`State::new`] takes one you
/// chose (the guide pages' examples use the element key).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct State(String);

impl State {
    /// 32 bytes from the operating system's random source, as 64 hex digits.
    ///
    /// # Panics
    /// When the operating system has no random source to read (no supported
    /// platform lacks one).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system provides randomness");
        State(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// A state you chose.
    pub fn new(state: impl Into<String>) -> Self {
        State(state.into())
    }

    /// The state as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `other` is this state, compared in constant time (for equal lengths),
    /// so that the comparison does not tell an attacker how much of a guess matched.
    pub fn matches(&self, other: &str) -> bool {
        constant_time_eq(self.0.as_bytes(), other.as_bytes())
    }
}

/// Byte strings equal, in time that depends only on their lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl std::ops::Deref for State {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// Redacted: the state is what tells the app's own callbacks from forged ones, and
/// a log line is no place for it.
impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "State(<{} bytes, redacted>)", self.0.len())
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for State {
    fn from(state: &str) -> Self {
        State::new(state)
    }
}

impl From<String> for State {
    fn from(state: String) -> Self {
        State(state)
    }
}
