//! The resolved model: what both emitters read.
//!
//! `resolve` turns descriptors into this form once: implied fields filled in, labels
//! and Rust identifiers derived, defaults typed, example values chosen. Emitters only
//! read it; nothing downstream derives names or examples again. Collections are
//! `Vec`s in a defined order (elements by key, variants and fields as written), so
//! output never depends on hash order.

use std::path::PathBuf;

pub use crate::descriptor::{AuthType, Hub, VariantKind, Wire};

/// Every element of a catalog, sorted by key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    /// Sorted by key.
    pub elements: Vec<Element>,
    /// The pages besides the elements' own (`docs.also_on`), sorted by name.
    pub pages: Vec<SharedPage>,
}

/// A page that shows elements besides their own pages: one section per element when
/// it shows several, else a second page of one.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedPage {
    /// File name without `.md`.
    pub slug: String,
    /// The page's heading.
    pub heading: String,
    /// The page's path in the portal's site.
    pub portal_path: String,
    /// Keys of the elements it shows, in catalog order.
    pub elements: Vec<String>,
}

impl SharedPage {
    /// The page's file name.
    pub fn file(&self) -> String {
        format!("{}.md", self.slug)
    }
}

impl Drop for Catalog {
    fn drop(&mut self) {
        crate::parallel::drop_all(std::mem::take(&mut self.elements));
    }
}

impl Catalog {
    /// Number of auth variants over all elements.
    pub fn variant_count(&self) -> usize {
        self.elements.iter().map(|e| e.variants.len()).sum()
    }
}

/// One element, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Element key (`element.key`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// Numeric platform id.
    pub element_id: Option<u64>,
    /// Hub.
    pub hub: Hub,
    /// One or two sentences about the provider.
    pub description: String,
    /// Page settings with defaults filled in.
    pub page: Page,
    /// Rust module name (snake case of the key).
    pub module: String,
    /// Auth variants in page order.
    pub variants: Vec<Variant>,
    /// The descriptor it came from.
    pub source: PathBuf,
}

/// Guide page settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Tab order.
    pub order: u32,
    /// Name used in the `seo` title.
    pub seo_name: String,
    /// Page file name without `.md` (default: the key).
    pub slug: String,
    /// The page's path in the portal's site (default:
    /// `docs/elements/<slug>/<slug>-create-instance.md`).
    pub portal_path: String,
    /// The page's title, its tab among the element's pages (default: `Create Instance`).
    pub title: String,
    /// Markdown shown after the intro, before the first step or variant.
    pub preamble: Option<String>,
    /// Markdown appended after the last step.
    pub notes: Option<String>,
    /// What the variants are, as the page names them.
    pub variant_kind: VariantKind,
}

impl Page {
    /// The page's file name.
    pub fn file(&self) -> String {
        format!("{}.md", self.slug)
    }

    /// The page's address on the portal, relative to the pages' directory: Jekyll
    /// publishes `<slug>.md` as `<slug>.html`.
    pub fn url(&self) -> String {
        format!("{}.html", self.slug)
    }
}

/// One auth variant, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Unique within the element.
    pub id: String,
    /// The auth type.
    pub auth: AuthType,
    /// Heading on the page.
    pub title: String,
    /// Page anchor of the variant's section ([`crate::names::anchor`]).
    pub anchor: String,
    /// Prefix of the variant's Rust types (`Oauth2` in `Oauth2Config`).
    pub type_prefix: String,
    /// Value sent as `configuration["authentication.type"]`.
    pub selector: Option<String>,
    /// Markdown at the start of the variant's section.
    pub notes: Option<String>,
    /// The OAuth calls before the instance is created: OAuth types with a consent step
    /// only (an `oauth2` variant with `consent: false` has none).
    pub oauth: Option<OAuth>,
    /// Fields sent in `providerData`.
    pub provider_data: Vec<Field>,
    /// Configuration fields: implied ones first, then as written, common instance
    /// options last.
    pub config: Vec<Field>,
    /// Fields sent at the top level of the `POST /instances` body.
    pub body: Vec<Field>,
    /// The Rust the guide page shows for this variant, laid out once: the page's
    /// `rust` blocks, the module's doc example and its `page_example_*` function
    /// are this text.
    pub example_code: ExampleCode,
}

/// A variant's steps made with the generated client, each laid out as Rust
/// statements (by [`crate::snippet`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExampleCode {
    /// Creating the client (shown in the first block).
    pub client: String,
    /// OAuth 1 step 1: the request token.
    pub token: Option<String>,
    /// The OAuth URL request and the redirect.
    pub url: Option<String>,
    /// Parsing the callback into the provider data.
    pub callback: Option<String>,
    /// The instance request and `create_instance`.
    pub instance: String,
}

impl ExampleCode {
    /// The steps after the client, in the order they run: the token and URL
    /// requests, the callback, the instance.
    pub fn steps(&self) -> impl Iterator<Item = &str> {
        [&self.token, &self.url, &self.callback]
            .into_iter()
            .flatten()
            .chain([&self.instance])
            .map(String::as_str)
    }
}

impl Variant {
    /// The name of one of the variant's Rust types: its prefix, then `kind`
    /// (`Config`, `InstanceBuilder`...).
    pub fn type_name(&self, kind: &str) -> String {
        [self.type_prefix.as_str(), kind].concat()
    }

    /// Every Rust type the variant's generated code defines in its element's module.
    pub fn rust_types(&self) -> Vec<String> {
        // Each type with the companions the emitter writes beside it: a builder
        // alias, the struct of its builder's values.
        let mut built: Vec<(&str, &[&str])> =
            vec![("Config", &["", "Builder", "Parts"]), ("Instance", &[""])];
        if crate::api::shares_oauth_code(self) {
            built.push(("ProviderData", &[""]));
        } else if !self.provider_data.is_empty() {
            built.push(("ProviderData", &["", "Builder", "Parts"]));
        }
        if !self.body.is_empty() {
            built.push(("Body", &["", "Builder", "Parts"]));
        }
        if let Some(oauth) = &self.oauth {
            built.extend([("App", &[""][..]), ("UrlRequest", &["", "Builder"][..])]);
            if !oauth.params.is_empty() {
                built.push(("OAuthParams", &["", "Parts"]));
            }
        }
        if self.auth == AuthType::Oauth1 {
            built.push(("TokenRequest", &["", "Builder"]));
        }
        let mut types: Vec<String> = built
            .iter()
            .flat_map(|(kind, companions)| {
                companions
                    .iter()
                    .map(|c| [self.type_prefix.as_str(), kind, c].concat())
            })
            .collect();
        types.extend(
            self.config
                .iter()
                .chain(&self.provider_data)
                .chain(&self.body)
                .filter(|f| f.origin != Origin::Common)
                .filter_map(|f| f.enum_type.clone()),
        );
        types
    }

    /// The configuration fields the variant defines itself (written or implied), not
    /// the common instance options it gives an example or default.
    pub fn own_config(&self) -> &[Field] {
        &self.config[..self.own_config_len()]
    }

    /// The common instance options the variant gives an example or default.
    pub fn common_options(&self) -> &[Field] {
        &self.config[self.own_config_len()..]
    }

    /// Where the common options start: resolution puts them last.
    fn own_config_len(&self) -> usize {
        self.config
            .iter()
            .position(|f| f.origin == Origin::Common)
            .unwrap_or(self.config.len())
    }
}

/// Key of the configuration entry that selects a variant.
pub const SELECTOR_KEY: &str = "authentication.type";

/// OAuth settings of a variant.
#[derive(Clone, Debug, PartialEq)]
pub struct OAuth {
    /// The provider's consent page.
    pub authorize_url: String,
    /// Default scope.
    pub scope: Option<String>,
    /// Extra query parameters of the OAuth calls.
    pub params: Vec<OAuthParam>,
    /// The app's credentials the OAuth calls send (`apiKey`, `apiSecret`, `callbackUrl`):
    /// the implied `oauth.api.key`, `oauth.api.secret` and `oauth.callback.url` as the
    /// variant refines them, kept even where `omit` leaves them out of `configuration`.
    pub credentials: Vec<Field>,
    /// Keys of the `providerData` fields the callback URL carries, in order: `code`
    /// (OAuth 2) or `oauth_token` and `oauth_verifier` (OAuth 1) unless omitted, then
    /// the descriptor's `callback_params`.
    pub callback_params: Vec<String>,
}

impl OAuth {
    /// The credential field `key` (one of the implied OAuth configuration keys).
    pub fn credential(&self, key: &str) -> Option<&Field> {
        self.credentials.iter().find(|f| f.key == key)
    }

    /// The names written as `{name}` in `authorize_url`: parameters whose value is part
    /// of the provider's consent URL (a customer's own host, for example).
    pub fn url_placeholders(&self) -> Vec<&str> {
        self.authorize_url
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    /// `authorize_url` with every `{param}` replaced by that parameter's example (or,
    /// for an optional one without, the default the provider uses), and every
    /// `{apiKey}`, `{apiSecret}`, `{callbackUrl}` by the app's example value.
    pub fn example_authorize_url(&self) -> String {
        let params = self.params.iter().map(|p| {
            let value = p.example.as_deref().or(p.default.as_deref());
            (p.name.as_str(), value.unwrap_or("").to_string())
        });
        let credentials = CREDENTIAL_PLACEHOLDERS.iter().map(|(name, key)| {
            let value = self.credential(key).map(|f| f.example.to_text());
            (*name, value.unwrap_or_default())
        });
        params
            .chain(credentials)
            .fold(self.authorize_url.clone(), |url, (name, value)| {
                // In the query (HubSpot's `portalId={apiSecret}`) a value is a query
                // component (values put in before it are in the query too, encoded).
                let placeholder = format!("{{{name}}}");
                let query_at = url.find('?').unwrap_or(usize::MAX);
                let in_query = url.find(&placeholder).is_some_and(|at| at > query_at);
                let value = if in_query {
                    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
                } else {
                    value
                };
                url.replace(&placeholder, &value)
            })
    }
}

/// The app's own values a consent URL may hold, as `{name}` in `authorize_url`: the
/// query parameter of the OAuth calls that sends each, and its configuration key.
pub const CREDENTIAL_PLACEHOLDERS: [(&str, &str); 3] = [
    ("apiKey", crate::implied::OAUTH_API_KEY),
    ("apiSecret", crate::implied::OAUTH_API_SECRET),
    ("callbackUrl", crate::implied::OAUTH_CALLBACK_URL),
];

/// An extra OAuth query parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct OAuthParam {
    /// Query parameter name.
    pub name: String,
    /// Sentence for docs.
    pub description: Option<String>,
    /// Example value: the descriptor's, else a placeholder for a required parameter;
    /// an optional one without example is left out of the examples.
    pub example: Option<String>,
    /// Whether it must be given.
    pub required: bool,
    /// What the provider uses when an optional parameter is not sent.
    pub default: Option<String>,
    /// Rust field name.
    pub ident: String,
}

/// A configuration or provider data field, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Exact wire key.
    pub key: String,
    /// Human label.
    pub label: String,
    /// Sentence for docs and rustdoc.
    pub description: Option<String>,
    /// Value type.
    pub ty: FieldType,
    /// Whether the user must give it (false when it has a default or is fixed).
    pub required: bool,
    /// A fixed value: always sent, never set by the user.
    pub constant: Option<Value>,
    /// Typed default.
    pub default: Option<Value>,
    /// A credential.
    pub secret: bool,
    /// The value examples show: the fixed value, else the descriptor's example, else
    /// the default, else a placeholder (always a placeholder for secrets).
    pub example: Value,
    /// Encoding on the wire.
    pub wire: Wire,
    /// Rust field name.
    pub ident: String,
    /// Name of the generated Rust enum of an `enum` field (`Oauth2AcmeMode`).
    pub enum_type: Option<String>,
    /// Where the field comes from.
    pub origin: Origin,
}

/// Where a field of the model comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written in the descriptor.
    Written,
    /// Implied by the auth type (and possibly refined by the descriptor).
    Implied,
    /// A common instance option the descriptor gives an example or default.
    Common,
}

impl Field {
    /// The example value as it goes on the wire.
    pub fn example_on_wire(&self) -> OnWire<'_> {
        self.example.on_wire(self.wire)
    }
}

/// The type of a field's value.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldType {
    /// Text.
    String,
    /// `true`/`false`.
    Bool,
    /// Whole number.
    Integer,
    /// Absolute http(s) URL.
    Url,
    /// One of the values.
    Enum(Vec<EnumValue>),
    /// A JSON document.
    Json,
}

impl FieldType {
    /// The type's name in descriptors and docs.
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Bool => "bool",
            FieldType::Integer => "integer",
            FieldType::Url => "url",
            FieldType::Enum(_) => "enum",
            FieldType::Json => "json",
        }
    }
}

/// One allowed value of an enum field.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: String,
    /// Rust variant name.
    pub ident: String,
}

/// A [`Value`] as it goes on the wire ([`Value::on_wire`]).
#[derive(Clone, Copy, Debug)]
pub struct OnWire<'a> {
    value: &'a Value,
    wire: Wire,
}

impl serde::Serialize for OnWire<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.value, self.wire) {
            (Value::String(text), _) => s.serialize_str(text),
            (Value::Bool(b), Wire::Native) => s.serialize_bool(*b),
            (Value::Integer(i), Wire::Native) => s.serialize_i64(*i),
            // As text: `"false"`, `"7"`, the document as compact JSON.
            (Value::Bool(b), Wire::String) => s.collect_str(b),
            (Value::Integer(i), Wire::String) => s.collect_str(i),
            (Value::Json(v), Wire::Native) => v.serialize(s),
            (Value::Json(v), Wire::String) => s.collect_str(v),
        }
    }
}

/// A typed value of a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text (also URLs and enum values, as written).
    String(String),
    /// Boolean.
    Bool(bool),
    /// Whole number.
    Integer(i64),
    /// A JSON document.
    Json(serde_json::Value),
}

impl Value {
    /// The value as JSON, encoded as `wire` says.
    pub fn to_json(&self, wire: Wire) -> serde_json::Value {
        serde_json::to_value(self.on_wire(wire)).expect("a value serializes")
    }

    /// The value as it goes on the wire, encoded as `wire` says: serialized where it
    /// is written (a page's JSON example) without building a JSON value first.
    pub fn on_wire(&self, wire: Wire) -> OnWire<'_> {
        OnWire { value: self, wire }
    }

    /// The value as text, for tables and query strings.
    pub fn to_text(&self) -> String {
        match self {
            Value::String(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Integer(i) => i.to_string(),
            Value::Json(v) => v.to_string(),
        }
    }
}
