//! What the generated request types implement, and the shape of the
//! `POST /instances` body they share.

use serde::Serialize;

/// A `POST /instances` body for one element and auth variant.
pub trait CreateInstance: Serialize {
    /// Key of the element the instance is created for.
    const ELEMENT_KEY: &'static str;
}

/// The query of `GET /elements/{key}/oauth/url`.
pub trait OAuthUrlRequest {
    /// Key of the element.
    const ELEMENT_KEY: &'static str;
    /// Query parameters in the order they are sent.
    fn query(&self) -> Vec<(&'static str, String)>;
}

/// The query of `GET /elements/{key}/oauth/token` (OAuth 1 step 1).
pub trait OAuthTokenRequest {
    /// Key of the element.
    const ELEMENT_KEY: &'static str;
    /// Query parameters in the order they are sent.
    fn query(&self) -> Vec<(&'static str, String)>;
}

/// The wire body of `POST /instances`:
/// `{"element":{"key":..},"providerData":{..},"configuration":{..},...,"tags":[..],"name":..}`,
/// `providerData` left out when the variant has none, and the variant's top-level
/// fields (if any) after `configuration`.
#[derive(Serialize)]
pub struct InstanceBody<'a, P: Serialize, C: Serialize, B: Serialize> {
    /// Sent as `{"key": ...}`.
    #[serde(rename = "element", serialize_with = "element_ref")]
    pub element_key: &'a str,
    /// Sent as `providerData` when present.
    #[serde(rename = "providerData", skip_serializing_if = "Option::is_none")]
    pub provider_data: Option<&'a P>,
    /// Sent as `configuration`.
    pub configuration: &'a C,
    /// Entries sent at the top level of the body, beside `configuration`.
    #[serde(flatten)]
    pub body: Option<&'a B>,
    /// Sent as `tags`.
    pub tags: &'a [String],
    /// Sent as `name`.
    pub name: &'a str,
}

fn element_ref<S: serde::Serializer>(key: &&str, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct ElementRef<'a> {
        key: &'a str,
    }
    ElementRef { key }.serialize(serializer)
}

/// One variant's example requests (feature `examples`), for checking the client
/// against the guide pages.
#[cfg(feature = "examples")]
#[derive(Debug)]
pub struct Example {
    /// Element key.
    pub element: &'static str,
    /// Variant id.
    pub variant: &'static str,
    /// The serialized `POST /instances` body.
    pub instance_body: serde_json::Value,
    /// The `Debug` output of the request.
    pub instance_debug: String,
    /// The `oauth/url` query, for OAuth variants.
    pub oauth_url_query: Option<Vec<(&'static str, String)>>,
    /// The `oauth/token` query, for OAuth 1 variants.
    pub oauth_token_query: Option<Vec<(&'static str, String)>>,
    /// The page's example callback URL, for variants with a callback parser.
    pub callback_url: Option<&'static str>,
    /// What `from_callback` reads from `callback_url`, serialized as `providerData`.
    pub callback_provider_data: Option<serde_json::Value>,
    /// A `configuration` object read into the variant's configuration type and
    /// serialized back.
    pub config_round_trip: fn(serde_json::Value) -> Result<serde_json::Value, serde_json::Error>,
}

#[cfg(feature = "examples")]
impl Example {
    /// The example of variant `variant` of element `element`: its request as the page
    /// shows it, and `config_round_trip` ([`Example::round_trip`] of its
    /// configuration type); no OAuth query or callback until they are added.
    ///
    /// # Panics
    /// When the request does not serialize (a generated request always does).
    pub fn of(
        element: &'static str,
        variant: &'static str,
        request: &(impl CreateInstance + std::fmt::Debug),
        config_round_trip: fn(serde_json::Value) -> Result<serde_json::Value, serde_json::Error>,
    ) -> Self {
        Self {
            element,
            variant,
            instance_body: serde_json::to_value(request).expect("requests serialize"),
            instance_debug: format!("{request:?}"),
            oauth_url_query: None,
            oauth_token_query: None,
            callback_url: None,
            callback_provider_data: None,
            config_round_trip,
        }
    }

    /// A configuration object read into a `C` and serialized back.
    ///
    /// # Errors
    /// When the object is not a `C`.
    pub fn round_trip<C: serde::Serialize + serde::de::DeserializeOwned>(
        value: serde_json::Value,
    ) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(serde_json::from_value::<C>(value)?)
    }

    /// With the `oauth/url` query of the page's URL request.
    #[must_use]
    pub fn with_url_request(mut self, request: &impl OAuthUrlRequest) -> Self {
        self.oauth_url_query = Some(request.query());
        self
    }

    /// With the `oauth/token` query of the page's token request.
    #[must_use]
    pub fn with_token_request(mut self, request: &impl OAuthTokenRequest) -> Self {
        self.oauth_token_query = Some(request.query());
        self
    }

    /// With the page's callback URL and what the variant's `from_callback` read from it.
    ///
    /// # Panics
    /// When the callback did not parse, or its provider data does not serialize.
    #[must_use]
    pub fn with_callback<P: Serialize, E: std::fmt::Display>(
        mut self,
        url: &'static str,
        parsed: Result<P, E>,
    ) -> Self {
        let parsed = parsed.unwrap_or_else(|e| panic!("the page's callback parses: {e}"));
        self.callback_url = Some(url);
        self.callback_provider_data =
            Some(serde_json::to_value(parsed).expect("requests serialize"));
        self
    }
}
