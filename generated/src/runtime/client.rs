//! The HTTP client. Requests are built and responses decoded by pure functions
//! ([`Client::create_instance_request`], [`decode`]), so both are testable without a
//! network; the async methods only add the round trip.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use serde::de::DeserializeOwned;

use super::error::Error;
use super::instance::Instance;
use super::oauth::{OAuthUrl, RequestToken};
use super::request::{CreateInstance, OAuthTokenRequest, OAuthUrlRequest};
use super::secret::Secret;

/// The platform's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.cloud-elements.com/elements/api-v2";

/// How long a whole request may take.
const TIMEOUT: Duration = Duration::from_secs(30);
/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client of the platform's instance API, authenticated as one user of one
/// organization.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: url::Url,
    authorization: HeaderValue,
}

impl Client {
    /// A client that sends `Authorization: User <user secret>, Organization <organization secret>`
    /// to [`DEFAULT_BASE_URL`].
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] for a secret a header cannot carry, [`Error::Transport`]
    /// when the TLS backend cannot be set up.
    pub fn new(
        user_secret: impl Into<Secret>,
        organization_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        let (user, organization) = (user_secret.into(), organization_secret.into());
        let mut authorization = HeaderValue::from_str(&format!(
            "User {}, Organization {}",
            user.expose(),
            organization.expose()
        ))
        .map_err(|_| Error::InvalidSecret)?;
        // Keeps the header out of reqwest's and hyper's Debug output.
        authorization.set_sensitive(true);
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .build()?;
        Ok(Client {
            http,
            base_url: url::Url::parse(DEFAULT_BASE_URL).expect("the default base URL parses"),
            authorization,
        })
    }

    /// The same client talking to another API root (another region, a test server).
    ///
    /// # Errors
    /// [`Error::InvalidBaseUrl`] for a URL that cannot take paths.
    pub fn with_base_url(mut self, base_url: url::Url) -> Result<Self, Error> {
        if base_url.cannot_be_a_base() {
            return Err(Error::InvalidBaseUrl(base_url.to_string()));
        }
        self.base_url = base_url;
        Ok(self)
    }

    /// The API root this client talks to.
    pub fn base_url(&self) -> &url::Url {
        &self.base_url
    }

    fn url(&self, segments: &[&str]) -> url::Url {
        let mut url = self.base_url.clone();
        url.path_segments_mut()
            .expect("checked in with_base_url")
            .pop_if_empty()
            .extend(segments);
        url
    }

    /// The URL with `query` form-encoded, exactly as the guide pages show it.
    fn url_with_query(&self, segments: &[&str], query: &[(&str, String)]) -> url::Url {
        let mut url = self.url(segments);
        url.query_pairs_mut().extend_pairs(query);
        url
    }

    /// The request of [`Client::oauth_url`], built without sending it. OAuth calls carry
    /// no `Authorization` header, as the guide pages show.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn oauth_url_request<R: OAuthUrlRequest>(
        &self,
        request: &R,
    ) -> Result<reqwest::Request, Error> {
        let url = self.url_with_query(
            &["elements", R::ELEMENT_KEY, "oauth", "url"],
            &request.query(),
        );
        Ok(self.http.get(url).build()?)
    }

    /// The request of [`Client::oauth_token`], built without sending it.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn oauth_token_request<R: OAuthTokenRequest>(
        &self,
        request: &R,
    ) -> Result<reqwest::Request, Error> {
        let url = self.url_with_query(
            &["elements", R::ELEMENT_KEY, "oauth", "token"],
            &request.query(),
        );
        Ok(self.http.get(url).build()?)
    }

    /// The request of [`Client::create_instance`], built without sending it.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn create_instance_request<R: CreateInstance>(
        &self,
        request: &R,
    ) -> Result<reqwest::Request, Error> {
        let body = serde_json::to_vec(request).expect("generated requests serialize");
        Ok(self
            .http
            .post(self.url(&["instances"]))
            .header(AUTHORIZATION, self.authorization.clone())
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .build()?)
    }

    /// Step 1 of OAuth: the provider's consent URL to send the user to.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn oauth_url<R: OAuthUrlRequest>(&self, request: &R) -> Result<OAuthUrl, Error> {
        self.send(self.oauth_url_request(request)?).await
    }

    /// OAuth 1 step 1: a request token.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn oauth_token<R: OAuthTokenRequest>(
        &self,
        request: &R,
    ) -> Result<RequestToken, Error> {
        self.send(self.oauth_token_request(request)?).await
    }

    /// Provisions an instance.
    ///
    /// # Errors
    /// See [`Error`]; a missing configuration entry is an [`Error::Http`] whose
    /// `message` names it.
    pub async fn create_instance<R: CreateInstance>(&self, request: &R) -> Result<Instance, Error> {
        self.send(self.create_instance_request(request)?).await
    }

    async fn send<T: DeserializeOwned>(&self, request: reqwest::Request) -> Result<T, Error> {
        let response = self.http.execute(request).await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?;
        decode(status, &body)
    }
}

/// Decodes a response: a success status with the expected JSON, or the matching error.
///
/// # Errors
/// [`Error::Http`] for a non-2xx status (with the body's `message` when it is JSON),
/// [`Error::Decode`] for a 2xx body that is not the expected JSON.
pub fn decode<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let text = || String::from_utf8_lossy(body).into_owned();
    if !(200..300).contains(&status) {
        let message = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_owned));
        return Err(Error::Http {
            status,
            message,
            body: text(),
        });
    }
    serde_json::from_slice(body).map_err(|source| Error::Decode {
        status,
        source,
        body: text(),
    })
}
