//! Example requests and responses, built from the resolved model only.
//!
//! Both the guide pages and the client's alignment tests use these functions, so the
//! page shows exactly what the client sends: one callback URL and one `state` for every
//! step, the element's own key, placeholders for every secret.

use serde_json::{Map, Value as Json, json};

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
/// the common options it gives an example or default.
pub fn configuration(variant: &Variant) -> Map<String, Json> {
    let mut map = fields_json(variant.own_config());
    if let Some(selector) = &variant.selector {
        map.insert(SELECTOR_KEY.to_string(), selector.clone().into());
    }
    map.extend(fields_json(variant.common_options()));
    map
}

fn fields_json<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Map<String, Json> {
    fields
        .into_iter()
        .map(|f| (f.key.clone(), f.example_json()))
        .collect()
}

/// The example `POST /instances` body (the page's `instance.json`).
pub fn instance_body(element: &Element, variant: &Variant) -> Json {
    let mut body = Map::new();
    body.insert("element".into(), json!({ "key": element.key }));
    if !variant.provider_data.is_empty() {
        body.insert(
            "providerData".into(),
            fields_json(&variant.provider_data).into(),
        );
    }
    body.insert("configuration".into(), configuration(variant).into());
    body.extend(fields_json(&variant.body));
    body.insert("tags".into(), json!([TAG]));
    body.insert("name".into(), INSTANCE_NAME.into());
    body.into()
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
pub fn oauth_token_response(variant: &Variant) -> Json {
    json!({ "token": request_token(variant), "secret": request_token_secret(variant) })
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
pub fn oauth_url_response(element: &Element, variant: &Variant) -> Json {
    json!({ "oauthUrl": provider_url(element, variant), "element": element.key })
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
pub fn instance_response(element: &Element, variant: &Variant) -> Json {
    let mut el = Map::new();
    if let Some(id) = element.element_id {
        el.insert("id".into(), id.into());
    }
    el.insert("name".into(), element.name.clone().into());
    el.insert("key".into(), element.key.clone().into());
    el.insert("hub".into(), element.hub.as_str().into());
    el.insert(
        "authentication".into(),
        json!({ "type": variant.auth.as_str() }),
    );
    // Built entry by entry: `json!` would serialize the configuration map again.
    let mut response = Map::new();
    response.insert("id".into(), INSTANCE_ID.into());
    response.insert("name".into(), INSTANCE_NAME.into());
    response.insert("token".into(), ELEMENT_TOKEN.into());
    response.insert("element".into(), el.into());
    response.insert("configuration".into(), configuration(variant).into());
    response.insert("tags".into(), json!([TAG]));
    response.insert("valid".into(), true.into());
    response.insert("disabled".into(), false.into());
    response.into()
}

/// Pretty JSON as pages show it: two-space indent, no trailing newline.
pub fn pretty(value: &Json) -> String {
    serde_json::to_string_pretty(value).expect("JSON values serialize")
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
