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
