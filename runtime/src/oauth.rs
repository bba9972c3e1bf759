//! The OAuth dance: responses of the OAuth calls and parsing of the provider's
//! redirect to the callback URL. Pure functions, no I/O.

use serde::Deserialize;

use super::error::CallbackError;
use super::secret::Secret;

/// Response of `GET /elements/{key}/oauth/url`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OAuthUrl {
    /// The provider's consent page to send the user to: `https`, or `http` on a
    /// loopback host (a local test server). Any other scheme (`javascript:`,
    /// `data:`, `file:`) is refused as a response of another shape than the API's,
    /// since the app sends its users there.
    #[serde(rename = "oauthUrl", deserialize_with = "consent_url")]
    pub oauth_url: url::Url,
    /// The element key.
    pub element: String,
}

/// A consent URL an app can send its users to; see [`OAuthUrl::oauth_url`].
fn consent_url<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<url::Url, D::Error> {
    let url = url::Url::deserialize(deserializer)?;
    let loopback = match url.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(serde::de::Error::custom(
            "a consent URL is https (http only on a loopback host)",
        )),
    }
}

/// Response of `GET /elements/{key}/oauth/token` (OAuth 1 step 1).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RequestToken {
    /// The request token, sent as `requestToken` in step 2.
    pub token: String,
    /// Its secret, sent as `providerData.secret` in step 3.
    pub secret: Secret,
}

/// The query parameters of what the provider redirected to, in any of the forms an
/// app has at hand: the absolute URL (`https://app.example/cb?state=...&code=...`),
/// the path with its query as web frameworks pass it (`/cb?state=...`), or the bare
/// query (`state=...&code=...`, with or without the `?`). A fragment is ignored.
fn query_pairs(callback: &str) -> Result<Vec<(String, String)>, CallbackError> {
    let callback = callback.trim();
    let without_fragment = callback.split('#').next().unwrap_or_default();
    let query = match without_fragment.split_once('?') {
        Some((_, query)) => query,
        // An absolute URL without a query carries no parameters; anything else
        // without `?` is the query itself.
        None if url::Url::parse(without_fragment).is_ok() => "",
        None if without_fragment.contains('=') => without_fragment,
        None => {
            return Err(CallbackError::InvalidUrl(
                "neither a URL with a query nor a query".to_string(),
            ));
        }
    };
    Ok(url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

fn param(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn denied(pairs: &[(String, String)]) -> Result<(), CallbackError> {
    match param(pairs, "error") {
        Some(error) => Err(CallbackError::Denied {
            error,
            description: param(pairs, "error_description"),
        }),
        None => Ok(()),
    }
}

/// The query of the URL the provider redirected to, after the checks of its flow.
/// Generated `from_callback` parsers read their parameters from it.
#[derive(Clone, PartialEq, Eq)]
pub struct Callback {
    pairs: Vec<(String, String)>,
}

/// Parameters can be credentials (`code`, tokens): only their names are shown.
impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.pairs.iter().map(|(k, _)| k))
            .finish()
    }
}

impl Callback {
    /// An OAuth 2 callback: its `state` is `expected_state` and it carries no `error`.
    ///
    /// # Errors
    /// [`CallbackError::StateMismatch`] for another state (checked first),
    /// [`CallbackError::Denied`] for `error=...`, [`CallbackError::Missing`] without
    /// `state`.
    pub fn oauth2(callback_url: &str, expected_state: &str) -> Result<Self, CallbackError> {
        let pairs = query_pairs(callback_url)?;
        // The state first: a callback that is not ours is rejected whatever it says.
        let state = param(&pairs, "state").ok_or(CallbackError::Missing("state"))?;
        if !super::state::constant_time_eq(state.as_bytes(), expected_state.as_bytes()) {
            return Err(CallbackError::StateMismatch { found: state });
        }
        denied(&pairs)?;
        Ok(Callback { pairs })
    }

    /// An OAuth 1 callback: it carries no `error`, and its `oauth_token` is the request
    /// token of step 1.
    ///
    /// # Errors
    /// [`CallbackError::Denied`], [`CallbackError::Missing`] or
    /// [`CallbackError::TokenMismatch`].
    pub fn oauth1(callback_url: &str, request_token: &RequestToken) -> Result<Self, CallbackError> {
        let pairs = query_pairs(callback_url)?;
        denied(&pairs)?;
        let token = param(&pairs, "oauth_token").ok_or(CallbackError::Missing("oauth_token"))?;
        if token != request_token.token {
            return Err(CallbackError::TokenMismatch);
        }
        Ok(Callback { pairs })
    }

    /// The value of the parameter `name`.
    ///
    /// # Errors
    /// [`CallbackError::Missing`] when the callback does not carry it.
    pub fn param(&self, name: &'static str) -> Result<String, CallbackError> {
        param(&self.pairs, name).ok_or(CallbackError::Missing(name))
    }
}

/// The `code` of an OAuth 2 callback, after checking `state` and `error`.
///
/// # Errors
/// [`CallbackError::StateMismatch`] for a state other than `expected_state` (checked
/// first), [`CallbackError::Denied`] for `error=...`, [`CallbackError::Missing`]
/// without `state` or `code`.
pub fn oauth2_callback(callback_url: &str, expected_state: &str) -> Result<Secret, CallbackError> {
    Callback::oauth2(callback_url, expected_state)?
        .param("code")
        .map(Secret::new)
}

/// The `oauth_verifier` of an OAuth 1 callback, after checking that `oauth_token` is the
/// request token of step 1.
///
/// # Errors
/// [`CallbackError::Denied`], [`CallbackError::Missing`] or [`CallbackError::TokenMismatch`].
pub fn oauth1_callback(
    callback_url: &str,
    request_token: &RequestToken,
) -> Result<Secret, CallbackError> {
    Callback::oauth1(callback_url, request_token)?
        .param("oauth_verifier")
        .map(Secret::new)
}
