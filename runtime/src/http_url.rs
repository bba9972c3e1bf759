//! `HttpUrl`: an absolute http(s) URL, checked, and kept exactly as written.

use std::fmt;
use std::str::FromStr;

/// An absolute `http` or `https` URL with a host, kept as written: the client sends
/// `https://x.example.com` as `https://x.example.com`, not with the trailing `/` that
/// [`url::Url`] would add, so requests match the guide pages byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HttpUrl(String);

/// Why a text is not an [`HttpUrl`]. Holds no part of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidUrl(&'static str);

impl fmt::Display for InvalidUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an absolute http(s) URL: {}", self.0)
    }
}

impl std::error::Error for InvalidUrl {}

impl HttpUrl {
    /// Checks `text` and keeps it as written.
    ///
    /// # Errors
    /// When `text` is not an absolute URL with the scheme `http` or `https` and a host.
    pub fn parse(text: impl Into<String>) -> Result<Self, InvalidUrl> {
        let text = text.into();
        let url = url::Url::parse(&text).map_err(|_| InvalidUrl("it does not parse"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(InvalidUrl("the scheme is not http or https"));
        }
        if url.host().is_none() {
            return Err(InvalidUrl("it has no host"));
        }
        Ok(HttpUrl(text))
    }

    /// The URL as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL parsed (normalized by the `url` crate).
    pub fn to_url(&self) -> url::Url {
        url::Url::parse(&self.0).expect("checked when built")
    }
}

impl fmt::Display for HttpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for HttpUrl {
    type Err = InvalidUrl;

    fn from_str(s: &str) -> Result<Self, InvalidUrl> {
        HttpUrl::parse(s)
    }
}

impl TryFrom<&str> for HttpUrl {
    type Error = InvalidUrl;

    fn try_from(s: &str) -> Result<Self, InvalidUrl> {
        HttpUrl::parse(s)
    }
}

/// A parsed [`url::Url`] of scheme http(s) is taken in its normalized form.
impl TryFrom<url::Url> for HttpUrl {
    type Error = InvalidUrl;

    fn try_from(url: url::Url) -> Result<Self, InvalidUrl> {
        HttpUrl::parse(String::from(url))
    }
}

impl serde::Serialize for HttpUrl {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for HttpUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        HttpUrl::parse(text).map_err(serde::de::Error::custom)
    }
}
