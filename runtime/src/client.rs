//! The HTTP client. Requests are built and responses decoded by pure functions
//! ([`Client::create_instance_request`], [`decode`]), so both are testable without a
//! network; the async methods only add the round trip.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue, LOCATION, USER_AGENT};
use serde::de::DeserializeOwned;

use super::error::Error;
use super::instance::{Instance, InstancePatch};
use super::oauth::{OAuthUrl, RequestToken};
use super::request::{CreateInstance, OAuthTokenRequest, OAuthUrlRequest};
use super::secret::Secret;

/// The platform's API root.
pub const DEFAULT_BASE_URL: &str = "https://api.cloud-elements.com/elements/api-v2";

/// How long a whole request may take, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long connecting may take, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How many bytes of a response body the client reads at most, by default (16 MiB):
/// the platform's answers are small; a body past this is an error, not memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The `User-Agent` the client sends unless told otherwise.
pub const DEFAULT_USER_AGENT: &str = concat!("elements/", env!("CARGO_PKG_VERSION"));
/// The most redirects (within the API's origin) one request follows.
const MAX_REDIRECTS: usize = 10;

/// A client of the platform's instance API, authenticated as one user of one
/// organization. Build it with [`Client::new`] or [`Client::builder`].
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: url::Url,
    authorization: HeaderValue,
    timeout: Duration,
    user_agent: HeaderValue,
    max_response_bytes: usize,
}

/// The settings of a [`Client`], each with a default ([`Client::builder`]).
#[derive(Debug)]
pub struct ClientBuilder {
    user: Secret,
    organization: Secret,
    http: Option<reqwest::Client>,
    base_url: url::Url,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    max_response_bytes: usize,
}

/// The TLS of the client's own `reqwest::Client`: rustls with the ring provider and
/// the platform's certificate verifier (the system's roots), TLS 1.2 and 1.3.
///
/// The client gives it to reqwest preconfigured rather than through reqwest's
/// `rustls` feature, which brings aws-lc, a C build of a minute where ring takes
/// seconds. So a `reqwest::Client` of your own built from [`reqwest`] as this crate
/// re-exports it has no TLS backend of its own: give it this one,
/// `reqwest::Client::builder().tls_backend_preconfigured(elements_runtime::tls_config()?)`
/// (or enable a TLS feature of reqwest in your application).
///
/// # Errors
/// [`Error::Tls`] when the platform's verifier cannot be set up.
pub fn tls_config() -> Result<rustls::ClientConfig, Error> {
    use rustls_platform_verifier::BuilderVerifierExt as _;
    // Built once per process: setting up the platform's verifier costs tens of
    // milliseconds, which every `Client::new` paid. A failure is not kept.
    static CONFIG: std::sync::OnceLock<rustls::ClientConfig> = std::sync::OnceLock::new();
    if let Some(config) = CONFIG.get() {
        return Ok(config.clone());
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| Error::Tls(e.to_string()))?
        .with_no_client_auth();
    Ok(CONFIG.get_or_init(|| config).clone())
}

/// An OAuth call built and not sent ([`Client::oauth_url_request`],
/// [`Client::oauth_token_request`]). These calls carry the app's client secret in
/// their query (`apiSecret`, as the platform's API takes it) and the `state`, so
/// `Debug` shows the URL with those values redacted; [`OAuthRequest::into_inner`] is the request to send.
pub struct OAuthRequest(reqwest::Request);

impl OAuthRequest {
    /// The query parameters that `Debug` redacts: the client secret, and the
    /// `state` that tells the app's callbacks from forged ones.
    const REDACTED_PARAMS: [&'static str; 2] = ["apiSecret", "state"];

    /// The request, to send or to read (its URL holds the secret).
    pub fn into_inner(self) -> reqwest::Request {
        self.0
    }

    /// The request, borrowed.
    pub fn as_request(&self) -> &reqwest::Request {
        &self.0
    }
}

impl std::fmt::Debug for OAuthRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut url = self.0.url().clone();
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if Self::REDACTED_PARAMS.contains(&k.as_ref()) {
                    "REDACTED".to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        f.debug_struct("OAuthRequest")
            .field("method", self.0.method())
            .field("url", &url.as_str())
            .finish()
    }
}

/// The redirect policy of the client's own `reqwest::Client`: redirects are followed
/// only within the origin (scheme, host and port) of the request, at most ten times,
/// so that no request body, credential or query (an OAuth URL's `apiSecret`) reaches
/// another host. Use it, with `.referer(false)`, for a `reqwest::Client` you pass to
/// [`ClientBuilder::http_client`].
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

impl ClientBuilder {
    /// Sends through `client` (a proxy, middleware, your own TLS settings) instead of
    /// the client's own. Its redirect, `Referer`, connect-timeout and TLS settings
    /// are its own: build it with [`redirect_policy`], `.referer(false)` and
    /// `.tls_backend_preconfigured(`[`tls_config`]`()?)` to keep this client's
    /// guarantees. The timeout, `User-Agent` and size limit of this builder
    /// still apply to every request.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The API root (another region, a test server); default [`DEFAULT_BASE_URL`].
    pub fn base_url(mut self, base_url: url::Url) -> Self {
        self.base_url = base_url;
        self
    }

    /// How long a whole request may take; default [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take (the client's own `reqwest::Client` only);
    /// default [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header; default [`DEFAULT_USER_AGENT`].
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The most bytes of a response body to read; a larger body is
    /// [`Error::TooLarge`] and is not read further. Default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The client.
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] for a secret a header cannot carry,
    /// [`Error::InvalidBaseUrl`] for a base URL that cannot take paths,
    /// [`Error::InvalidUserAgent`] for a `User-Agent` a header cannot carry,
    /// [`Error::Tls`] when the TLS backend cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let mut authorization = HeaderValue::from_str(&format!(
            "User {}, Organization {}",
            self.user.expose(),
            self.organization.expose()
        ))
        .map_err(|_| Error::InvalidSecret)?;
        // Keeps the header out of reqwest's and hyper's Debug output.
        authorization.set_sensitive(true);
        if self.base_url.cannot_be_a_base() {
            return Err(Error::InvalidBaseUrl(self.base_url.to_string()));
        }
        let user_agent =
            HeaderValue::from_str(&self.user_agent).map_err(|_| Error::InvalidUserAgent)?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .tls_backend_preconfigured(tls_config()?)
                .connect_timeout(self.connect_timeout)
                .redirect(redirect_policy())
                .referer(false)
                .build()?,
        };
        Ok(Client {
            http,
            base_url: self.base_url,
            authorization,
            timeout: self.timeout,
            user_agent,
            max_response_bytes: self.max_response_bytes,
        })
    }
}

impl Client {
    /// A client that sends `Authorization: User <user secret>, Organization <organization secret>`
    /// to [`DEFAULT_BASE_URL`], with every default of [`Client::builder`].
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] for a secret a header cannot carry, [`Error::Transport`]
    /// when the TLS backend cannot be set up.
    pub fn new(
        user_secret: impl Into<Secret>,
        organization_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        Self::builder(user_secret, organization_secret).build()
    }

    /// A builder for a client with other settings than the defaults: an own
    /// `reqwest::Client`, the API root, timeouts, `User-Agent`, the response size limit.
    ///
    /// ```
    /// # fn main() -> Result<(), elements_runtime::Error> {
    /// let client = elements_runtime::Client::builder("<user secret>", "<organization secret>")
    ///     .timeout(std::time::Duration::from_secs(5))
    ///     .user_agent("my-app/1.0")
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder(
        user_secret: impl Into<Secret>,
        organization_secret: impl Into<Secret>,
    ) -> ClientBuilder {
        ClientBuilder {
            user: user_secret.into(),
            organization: organization_secret.into(),
            http: None,
            base_url: url::Url::parse(DEFAULT_BASE_URL).expect("the default base URL parses"),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            user_agent: DEFAULT_USER_AGENT.to_string(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
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

    /// A request with what every request carries: the timeout and `User-Agent`.
    fn request(&self, method: reqwest::Method, url: url::Url) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .timeout(self.timeout)
            .header(USER_AGENT, self.user_agent.clone())
    }

    fn get(&self, url: url::Url) -> reqwest::RequestBuilder {
        self.request(reqwest::Method::GET, url)
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
    ) -> Result<OAuthRequest, Error> {
        let url = self.url_with_query(
            &["elements", R::ELEMENT_KEY, "oauth", "url"],
            &request.query(),
        );
        Ok(OAuthRequest(self.get(url).build()?))
    }

    /// The request of [`Client::oauth_token`], built without sending it.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn oauth_token_request<R: OAuthTokenRequest>(
        &self,
        request: &R,
    ) -> Result<OAuthRequest, Error> {
        let url = self.url_with_query(
            &["elements", R::ELEMENT_KEY, "oauth", "token"],
            &request.query(),
        );
        Ok(OAuthRequest(self.get(url).build()?))
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
            .request(reqwest::Method::POST, self.url(&["instances"]))
            .header(AUTHORIZATION, self.authorization.clone())
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .build()?)
    }

    /// A request to the instances API with the `Authorization` header, and the JSON
    /// `body` when there is one.
    fn instances_request(
        &self,
        method: reqwest::Method,
        id: Option<u64>,
        body: Option<Vec<u8>>,
    ) -> Result<reqwest::Request, Error> {
        let id = id.map(|id| id.to_string());
        let segments: Vec<&str> = std::iter::once("instances").chain(id.as_deref()).collect();
        let mut builder = self
            .request(method, self.url(&segments))
            .header(AUTHORIZATION, self.authorization.clone());
        if let Some(body) = body {
            builder = builder.header(CONTENT_TYPE, "application/json").body(body);
        }
        Ok(builder.build()?)
    }

    /// The request of [`Client::list_instances`]: `GET /instances`.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn list_instances_request(&self) -> Result<reqwest::Request, Error> {
        self.instances_request(reqwest::Method::GET, None, None)
    }

    /// The request of [`Client::get_instance`]: `GET /instances/{id}`.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn get_instance_request(&self, id: u64) -> Result<reqwest::Request, Error> {
        self.instances_request(reqwest::Method::GET, Some(id), None)
    }

    /// The request of [`Client::update_instance`]: `PUT /instances/{id}` with the same
    /// typed body as creating one.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn update_instance_request<R: CreateInstance>(
        &self,
        id: u64,
        request: &R,
    ) -> Result<reqwest::Request, Error> {
        let body = serde_json::to_vec(request).expect("generated requests serialize");
        self.instances_request(reqwest::Method::PUT, Some(id), Some(body))
    }

    /// The request of [`Client::patch_instance`]: `PATCH /instances/{id}`.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn patch_instance_request(
        &self,
        id: u64,
        patch: &InstancePatch,
    ) -> Result<reqwest::Request, Error> {
        let body = serde_json::to_vec(&patch.body(id)).expect("patches serialize");
        self.instances_request(reqwest::Method::PATCH, Some(id), Some(body))
    }

    /// The request of [`Client::delete_instance`]: `DELETE /instances/{id}`.
    ///
    /// # Errors
    /// [`Error::Transport`] if the request cannot be built.
    pub fn delete_instance_request(&self, id: u64) -> Result<reqwest::Request, Error> {
        self.instances_request(reqwest::Method::DELETE, Some(id), None)
    }

    /// Every instance of the organization.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn list_instances(&self) -> Result<Vec<Instance>, Error> {
        self.send(self.list_instances_request()?).await
    }

    /// One instance.
    ///
    /// # Errors
    /// See [`Error`]; an unknown id is an [`Error::Http`] (404).
    pub async fn get_instance(&self, id: u64) -> Result<Instance, Error> {
        self.send(self.get_instance_request(id)?).await
    }

    /// Replaces an instance's name, tags and configuration with `request`'s (the
    /// same typed request as [`Client::create_instance`]).
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn update_instance<R: CreateInstance>(
        &self,
        id: u64,
        request: &R,
    ) -> Result<Instance, Error> {
        self.send(self.update_instance_request(id, request)?).await
    }

    /// Changes an instance's name or tags (tags replace the existing ones).
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn patch_instance(&self, id: u64, patch: &InstancePatch) -> Result<Instance, Error> {
        self.send(self.patch_instance_request(id, patch)?).await
    }

    /// Deletes an instance.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn delete_instance(&self, id: u64) -> Result<(), Error> {
        let response = self.execute(self.delete_instance_request(id)?).await?;
        let status = response.status().as_u16();
        let body = read_limited(response, self.max_response_bytes).await?;
        if (200..300).contains(&status) {
            Ok(())
        } else {
            decode::<serde_json::Value>(status, &body).map(|_| ())
        }
    }

    /// Step 1 of OAuth: the provider's consent URL to send the user to.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn oauth_url<R: OAuthUrlRequest>(&self, request: &R) -> Result<OAuthUrl, Error> {
        self.send(self.oauth_url_request(request)?.into_inner())
            .await
    }

    /// OAuth 1 step 1: a request token.
    ///
    /// # Errors
    /// See [`Error`].
    pub async fn oauth_token<R: OAuthTokenRequest>(
        &self,
        request: &R,
    ) -> Result<RequestToken, Error> {
        self.send(self.oauth_token_request(request)?.into_inner())
            .await
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
        let response = self.execute(request).await?;
        let status = response.status().as_u16();
        let body = read_limited(response, self.max_response_bytes).await?;
        decode(status, &body)
    }

    /// Sends `request`: a redirect to another origin (left unfollowed by the
    /// redirect policy) is an error.
    async fn execute(&self, request: reqwest::Request) -> Result<reqwest::Response, Error> {
        let response = self.http.execute(request).await?;
        let status = response.status().as_u16();
        // A redirect the policy left unfollowed (one to another origin, with the
        // client's own policy). A 3xx without a location (`304`) is decoded as any
        // other status.
        let location = response
            .status()
            .is_redirection()
            .then(|| response.headers().get(LOCATION))
            .flatten()
            .and_then(|l| l.to_str().ok())
            .and_then(|l| response.url().join(l).ok());
        if let Some(location) = location {
            let to = location.origin().ascii_serialization();
            return Err(Error::Redirect { status, to });
        }
        Ok(response)
    }
}

/// The body of `response`, reading at most `limit` bytes: a larger one (by its
/// `Content-Length` or as it streams) is an error, and memory stays bounded.
async fn read_limited(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, Error> {
    let too_large = Error::TooLarge { limit };
    if response
        .content_length()
        .is_some_and(|len| len > limit as u64)
    {
        return Err(too_large);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
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
