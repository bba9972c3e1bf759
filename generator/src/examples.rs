//! Example requests and responses, built from the resolved model only.
//!
//! Both the guide pages and the client's alignment tests use these functions, so the
//! page shows exactly what the client sends: one callback URL and one `state` for every
//! step, the element's own key, placeholders for every secret.
//!
//! The JSON examples are values that serialize as the JSON they show, borrowing from
//! the model: a page writes them as text ([`pretty`]) without building a JSON value,
//! a test compares or serves them as one ([`json`]).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value as Json;

use crate::implied::{self, OAUTH_API_KEY, OAUTH_API_SECRET, OAUTH_CALLBACK_URL};
use crate::model::{AuthType, Element, Field, SELECTOR_KEY, Variant};
use crate::names;

/// The instance name examples use.
pub const INSTANCE_NAME: &str = "<INSERT_INSTANCE_NAME>";
/// The tag examples use.
pub const TAG: &str = "<INSERT_TAGS>";
/// The element token of the sample response: a credential, so a placeholder.
pub const ELEMENT_TOKEN: &str = "<ELEMENT_TOKEN>";
/// The instance id of the sample response.
pub const INSTANCE_ID: u64 = 123;

/// The `state` every OAuth example sends and receives: the element key.
pub fn state(element: &Element) -> &str {
    &element.key
}

/// The example value of the field `key` among `fields`, as text.
fn example_text(fields: &[Field], key: &str) -> String {
    fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| f.example.to_text())
        .unwrap_or_else(|| names::placeholder(key))
}

/// The example of one of the app's credentials the OAuth calls send (kept by the
/// model even where the variant omits it from `configuration`).
fn config_text(variant: &Variant, key: &str) -> String {
    variant
        .oauth
        .as_ref()
        .and_then(|o| o.credential(key))
        .map_or_else(|| names::placeholder(key), |f| f.example.to_text())
}

fn provider_text(variant: &Variant, key: &str) -> String {
    example_text(&variant.provider_data, key)
}

/// The app's client id every OAuth example sends: its `oauth.api.key`.
pub fn api_key(variant: &Variant) -> String {
    config_text(variant, OAUTH_API_KEY)
}

/// The app's secret every OAuth example sends: its `oauth.api.secret` (a placeholder).
pub fn api_secret(variant: &Variant) -> String {
    config_text(variant, OAUTH_API_SECRET)
}

/// The callback URL of every step of a variant's examples: its `oauth.callback.url`.
pub fn callback(variant: &Variant) -> String {
    config_text(variant, OAUTH_CALLBACK_URL)
}

/// The request token of OAuth 1 examples: step 1 returns it, step 2 sends it, and the
/// provider hands it back to the callback as `oauth_token`.
pub fn request_token(variant: &Variant) -> String {
    provider_text(variant, implied::OAUTH_TOKEN)
}

/// The request token secret of OAuth 1 examples (step 1's `secret`, step 3's
/// `providerData.secret`).
pub fn request_token_secret(variant: &Variant) -> String {
    provider_text(variant, implied::REQUEST_TOKEN_SECRET)
}

/// `configuration` of the example `POST /instances` body, in the order the client
/// sends it: the variant's own fields with their example values, its selector, then
/// the common options it gives an example or default (resolution keeps the keys
/// unique).
#[derive(Clone, Copy, Debug)]
struct Configuration<'a>(&'a Variant);

impl Serialize for Configuration<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let variant = self.0;
        let mut map = s.serialize_map(None)?;
        fields_entries(&mut map, variant.own_config())?;
        if let Some(selector) = &variant.selector {
            map.serialize_entry(SELECTOR_KEY, selector)?;
        }
        fields_entries(&mut map, variant.common_options())?;
        map.end()
    }
}

/// Each field's key and example value, as entries of `map`.
fn fields_entries<M: SerializeMap>(map: &mut M, fields: &[Field]) -> Result<(), M::Error> {
    for f in fields {
        map.serialize_entry(&f.key, &f.example_on_wire())?;
    }
    Ok(())
}

/// Fields as a JSON object of their example values.
#[derive(Clone, Copy, Debug)]
struct Fields<'a>(&'a [Field]);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        fields_entries(&mut map, self.0)?;
        map.end()
    }
}

/// `{"key": ...}`: the element of a request body.
#[derive(Clone, Copy, Debug, Serialize)]
struct ElementKey<'a> {
    key: &'a str,
}

/// The example `POST /instances` body (the page's `instance.json`): the element, its
/// provider data, the configuration, the variant's top-level body fields (resolution
/// keeps them apart from the keys around them), the tags and the name.
#[derive(Clone, Copy, Debug)]
pub struct InstanceBody<'a> {
    element: &'a Element,
    variant: &'a Variant,
}

/// The example `POST /instances` body of `variant`.
pub fn instance_body<'a>(element: &'a Element, variant: &'a Variant) -> InstanceBody<'a> {
    InstanceBody { element, variant }
}

impl Serialize for InstanceBody<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let variant = self.variant;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry(
            "element",
            &ElementKey {
                key: &self.element.key,
            },
        )?;
        if !variant.provider_data.is_empty() {
            map.serialize_entry("providerData", &Fields(&variant.provider_data))?;
        }
        map.serialize_entry("configuration", &Configuration(variant))?;
        fields_entries(&mut map, &variant.body)?;
        map.serialize_entry("tags", &[TAG])?;
        map.serialize_entry("name", INSTANCE_NAME)?;
        map.end()
    }
}

/// Query of the example `GET /elements/{key}/oauth/url`, in the order sent:
/// `apiKey`, `apiSecret`, `callbackUrl`, the variant's extra parameters, `state`, and for
/// OAuth 1 the `requestToken` from step 1.
pub fn oauth_url_query(element: &Element, variant: &Variant) -> Vec<(String, String)> {
    let mut query = oauth_token_query(variant);
    // The descriptor's scope is what the client sends unless the app asks for another.
    if let Some(scope) = variant.oauth.as_ref().and_then(|o| o.scope.clone()) {
        query.push(("scope".into(), scope));
    }
    query.push(("state".into(), state(element).to_string()));
    if variant.auth == AuthType::Oauth1 {
        query.push(("requestToken".into(), request_token(variant)));
    }
    query
}

/// Query of the example OAuth 1 `GET /elements/{key}/oauth/token` (and the start of
/// every OAuth query): the app's credentials and callback URL, then the variant's
/// extra parameters.
pub fn oauth_token_query(variant: &Variant) -> Vec<(String, String)> {
    let mut query = vec![
        ("apiKey".into(), api_key(variant)),
        ("apiSecret".into(), api_secret(variant)),
        ("callbackUrl".into(), callback(variant)),
    ];
    if let Some(oauth) = &variant.oauth {
        query.extend(
            oauth
                .params
                .iter()
                .filter_map(|p| Some((p.name.clone(), p.example.clone()?))),
        );
    }
    query
}

/// A query string, URL-encoded as the client sends it.
pub fn query_string(pairs: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// The example response of the OAuth 1 token call.
#[derive(Clone, Debug, Serialize)]
pub struct OAuthTokenResponse {
    token: String,
    secret: String,
}

/// The example response of the OAuth 1 token call of `variant`.
pub fn oauth_token_response(variant: &Variant) -> OAuthTokenResponse {
    OAuthTokenResponse {
        token: request_token(variant),
        secret: request_token_secret(variant),
    }
}

/// The provider consent URL of the example `oauth/url` response, built from the
/// descriptor's `authorize_url`.
pub fn provider_url(element: &Element, variant: &Variant) -> String {
    let Some(oauth) = &variant.oauth else {
        return String::new();
    };
    let Ok(mut url) = url::Url::parse(&oauth.example_authorize_url()) else {
        return oauth.example_authorize_url();
    };
    {
        let mut q = url.query_pairs_mut();
        if variant.auth == AuthType::Oauth1 {
            q.append_pair("oauth_token", &request_token(variant));
            q.append_pair("oauth_callback", &callback(variant));
        } else {
            q.append_pair("response_type", "code");
            q.append_pair("client_id", &api_key(variant));
            q.append_pair("redirect_uri", &callback(variant));
            if let Some(scope) = &oauth.scope {
                q.append_pair("scope", scope);
            }
            q.append_pair("state", state(element));
        }
    }
    url.to_string()
}

/// The example response of `GET /elements/{key}/oauth/url`.
#[derive(Clone, Debug, Serialize)]
pub struct OAuthUrlResponse<'a> {
    #[serde(rename = "oauthUrl")]
    oauth_url: String,
    element: &'a str,
}

/// The example response of `GET /elements/{key}/oauth/url` for `variant`.
pub fn oauth_url_response<'a>(element: &'a Element, variant: &Variant) -> OAuthUrlResponse<'a> {
    OAuthUrlResponse {
        oauth_url: provider_url(element, variant),
        element: &element.key,
    }
}

/// The example callback the provider redirects to after consent: `state` (OAuth 2),
/// then every parameter the callback carries, with the provider data's examples.
pub fn callback_url(element: &Element, variant: &Variant) -> String {
    let base = callback(variant);
    let mut pairs: Vec<(String, String)> = Vec::new();
    if variant.auth == AuthType::Oauth2 {
        pairs.push(("state".into(), state(element).to_string()));
    }
    if let Some(oauth) = &variant.oauth {
        pairs.extend(
            oauth
                .callback_params
                .iter()
                .map(|key| (key.clone(), provider_text(variant, key))),
        );
    }
    format!("{base}?{}", query_string(&pairs))
}

/// The example success response of `POST /instances`: the element as the descriptor
/// states it, the configuration sent (secrets stay placeholders) and a placeholder token.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct InstanceResponse<'a> {
    id: u64,
    name: &'static str,
    token: &'static str,
    element: ResponseElement<'a>,
    configuration: Configuration<'a>,
    tags: [&'static str; 1],
    valid: bool,
    disabled: bool,
}

/// The element of [`InstanceResponse`].
#[derive(Clone, Copy, Debug, Serialize)]
struct ResponseElement<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u64>,
    name: &'a str,
    key: &'a str,
    hub: &'static str,
    authentication: Authentication,
}

/// `{"type": ...}`: the authentication of [`ResponseElement`].
#[derive(Clone, Copy, Debug, Serialize)]
struct Authentication {
    #[serde(rename = "type")]
    ty: &'static str,
}

/// The example success response of `POST /instances` for `variant`.
pub fn instance_response<'a>(element: &'a Element, variant: &'a Variant) -> InstanceResponse<'a> {
    InstanceResponse {
        id: INSTANCE_ID,
        name: INSTANCE_NAME,
        token: ELEMENT_TOKEN,
        element: ResponseElement {
            id: element.element_id,
            name: &element.name,
            key: &element.key,
            hub: element.hub.as_str(),
            authentication: Authentication {
                ty: variant.auth.as_str(),
            },
        },
        configuration: Configuration(variant),
        tags: [TAG],
        valid: true,
        disabled: false,
    }
}

/// Pretty JSON as pages show it: two-space indent, no trailing newline.
pub fn pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).expect("examples serialize")
}

/// An example as a JSON value, for a test to compare or serve.
pub fn json(value: &impl Serialize) -> Json {
    serde_json::to_value(value).expect("examples serialize")
}

/// Base URL of the platform API every example request goes to.
pub const API_BASE: &str = "https://api.cloud-elements.com/elements/api-v2";
/// The placeholder of the user secret in examples (cURL header, client snippet).
pub const USER_SECRET: &str = "<INSERT_USER_SECRET>";
/// The placeholder of the organization secret in examples.
pub const ORGANIZATION_SECRET: &str = "<INSERT_ORGANIZATION_SECRET>";

/// The `Authorization` header value of example `/instances` requests, as the client
/// builds it from the two secrets.
pub fn authorization() -> String {
    format!("User {USER_SECRET}, Organization {ORGANIZATION_SECRET}")
}

/// Full URL of the example OAuth 1 `GET /elements/{key}/oauth/token`, query URL-encoded.
pub fn oauth_token_request_url(element: &Element, variant: &Variant) -> String {
    format!(
        "{API_BASE}/elements/{}/oauth/token?{}",
        element.key,
        query_string(&oauth_token_query(variant))
    )
}

/// Full URL of the example `GET /elements/{key}/oauth/url`, query URL-encoded.
pub fn oauth_url_request_url(element: &Element, variant: &Variant) -> String {
    format!(
        "{API_BASE}/elements/{}/oauth/url?{}",
        element.key,
        query_string(&oauth_url_query(element, variant))
    )
}

/// Full URL of the example `POST /instances`.
pub fn instances_url() -> String {
    format!("{API_BASE}/instances")
}
