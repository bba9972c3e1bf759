//! The descriptor file format as written by hand: the serde model of `<key>.yaml`.
//!
//! This is the source of truth of the format; `descriptors/schema.json` is generated
//! from it. Values whose position matters for diagnostics are `Spanned`, so that
//! semantic errors found later (in `resolve`) can point at the offending token.
//! Nothing here is interpreted: defaults, implied fields and names are filled in by
//! `resolve`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
pub use serde_saphyr::Spanned;

/// One element: a connector the platform can provision instances of.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Element descriptor"))]
pub struct Descriptor {
    /// Element key sent to the API (`element.key`, `/elements/{key}/...`): 1-64 characters
    /// of `A-Za-z0-9_-`, starting with a letter or digit. The file is named `<key>.yaml`.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "String", regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"))
    )]
    pub key: Spanned<String>,
    /// Display name. Never used to build an identifier, URL or example value.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Numeric platform id (the page's `elementId`). Unique in the catalog.
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    #[serde(default)]
    pub element_id: Option<Spanned<u64>>,
    /// The platform hub the element belongs to, as the API names it.
    #[cfg_attr(feature = "schema", schemars(with = "Hub"))]
    pub hub: Spanned<Hub>,
    /// One or two sentences about the provider: the page intro and the module's rustdoc.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
    /// Guide page settings.
    #[serde(default)]
    pub docs: Option<Docs>,
    /// Auth variants, in the order the page shows them.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<AuthVariant>", length(min = 1))
    )]
    pub auth: Spanned<Vec<AuthVariant>>,
}

/// Guide page settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Docs {
    /// Tab order of the page (default 20).
    #[serde(default)]
    pub order: Option<u32>,
    /// Name used in the page's `seo` title (default: `name`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub seo_name: Option<Spanned<String>>,
    /// Markdown shown after the intro, before the first step or variant.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub preamble: Option<Spanned<String>>,
    /// Markdown appended after the last step, e.g. a post-provisioning step.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub notes: Option<Spanned<String>>,
    /// Name of the page file, `<page>.md` (default: the key). Keeps an existing portal
    /// URL; unique in the catalog.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "Option<String>",
            regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
        )
    )]
    pub page: Option<Spanned<String>>,
    /// The page's path in the portal's Jekyll site, where `elementgen publish` writes
    /// it (default: `docs/elements/<page>/<page>-create-instance.md`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "Option<String>",
            regex(
                pattern = r"^([A-Za-z0-9][A-Za-z0-9_.-]{0,63}/){0,7}[A-Za-z0-9][A-Za-z0-9_.-]{0,60}\.md$"
            )
        )
    )]
    pub portal_path: Option<Spanned<String>>,
    /// The page's title: its tab among the element's pages on the portal
    /// (default: `Create Instance`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub title: Option<Spanned<String>>,
    /// What the variants are: `authentication` methods (default) or `connection`
    /// methods (several ways to reach the same service, e.g. direct or via a gateway).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<VariantKind>"))]
    pub variants: Option<Spanned<VariantKind>>,
    /// Other pages that show the element besides its own. A page several elements
    /// list is shared: one section per element (NetSuite's one page for its CRM, ERP,
    /// Finance and Human Capital elements). A page only this element lists is a
    /// second page of it (an old URL kept).
    #[serde(default)]
    pub also_on: Vec<AlsoOn>,
}

/// A page beside the element's own that shows it too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AlsoOn {
    /// The page's file name, without `.md`: unique among the catalog's pages.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "String", regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"))
    )]
    pub page: Spanned<String>,
    /// The page's heading: required on a shared page (the same wherever given), the
    /// element's name by default on a page of its own.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub heading: Option<Spanned<String>>,
    /// Where `publish` writes the page in the portal's site (default:
    /// `docs/elements/<page>/<page>-create-instance.md`; the same wherever given).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub portal_path: Option<Spanned<String>>,
}

/// What the variants of an element are, as the page names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum VariantKind {
    /// Ways to authenticate ("authentication methods").
    #[default]
    Authentication,
    /// Ways to connect ("connection methods").
    Connection,
}

/// The platform hubs, as the API names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Hub {
    Crm,
    Marketing,
    Ecommerce,
    Documents,
    Helpdesk,
    Finance,
    Erp,
    Payment,
    Messaging,
    Social,
    Collaboration,
    Conferencing,
    Esignature,
    Humancapital,
    Screening,
    Scheduling,
    Fsa,
    Db,
    General,
}

impl Hub {
    /// The hub's name on the wire and in descriptors.
    pub fn as_str(self) -> &'static str {
        match self {
            Hub::Crm => "crm",
            Hub::Marketing => "marketing",
            Hub::Ecommerce => "ecommerce",
            Hub::Documents => "documents",
            Hub::Helpdesk => "helpdesk",
            Hub::Finance => "finance",
            Hub::Erp => "erp",
            Hub::Payment => "payment",
            Hub::Messaging => "messaging",
            Hub::Social => "social",
            Hub::Collaboration => "collaboration",
            Hub::Conferencing => "conferencing",
            Hub::Esignature => "esignature",
            Hub::Humancapital => "humancapital",
            Hub::Screening => "screening",
            Hub::Scheduling => "scheduling",
            Hub::Fsa => "fsa",
            Hub::Db => "db",
            Hub::General => "general",
        }
    }
}

/// How an instance authenticates against the provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AuthType {
    /// OAuth 2: get the provider's URL, receive `code` at the callback, create the instance.
    Oauth2,
    /// OAuth 1: request token, provider URL, then create the instance with the verifier.
    Oauth1,
    /// User name and password, sent as configuration.
    Basic,
    /// An API key, sent as configuration.
    ApiKey,
    /// Any other set of configuration fields.
    Custom,
}

impl AuthType {
    /// The type's name in descriptors and in the API's `authentication.type`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthType::Oauth2 => "oauth2",
            AuthType::Oauth1 => "oauth1",
            AuthType::Basic => "basic",
            AuthType::ApiKey => "api_key",
            AuthType::Custom => "custom",
        }
    }

    /// Whether the type has an OAuth dance before the instance is created.
    pub fn is_oauth(self) -> bool {
        matches!(self, AuthType::Oauth2 | AuthType::Oauth1)
    }
}

/// One way of provisioning an instance of the element.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuthVariant {
    /// `oauth2`, `oauth1`, `basic`, `api_key` or `custom`.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "AuthType"))]
    pub auth_type: Spanned<AuthType>,
    /// Unique within the element; defaults to `type`. Names the Rust types and the page anchor.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub id: Option<Spanned<String>>,
    /// Heading of the variant on a page with several variants.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub title: Option<Spanned<String>>,
    /// Value sent as `configuration["authentication.type"]` to pick this variant.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub selector: Option<Spanned<String>>,
    /// OAuth settings; `oauth1` and `oauth2` only.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<OAuth>"))]
    pub oauth: Option<Spanned<OAuth>>,
    /// Markdown shown at the start of the variant's section.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub notes: Option<Spanned<String>>,
    /// Fields sent in `providerData`. Defaults: oauth2 `code`; oauth1 `oauth_token`,
    /// `oauth_verifier`, `secret`; both followed by `oauth.callback_params`; other
    /// types none.
    #[serde(default)]
    pub provider_data: Option<Vec<Field>>,
    /// Configuration fields.
    #[serde(default)]
    pub config: Vec<Field>,
    /// Implied fields this variant does not send: configuration keys
    /// (`oauth.callback.url`) or implied provider data keys (`code`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub omit: Vec<Spanned<String>>,
    /// Fields sent at the top level of the `POST /instances` body, beside
    /// `configuration` (e.g. `externalAuthentication`).
    #[serde(default)]
    pub body: Vec<Field>,
}

/// OAuth settings of a variant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OAuth {
    /// Whether the flow has a consent step (default true). `false` (OAuth 2 only, e.g.
    /// client credentials): no URL step and no callback, the instance is created directly.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub consent: Option<Spanned<bool>>,
    /// The provider's consent page (https), used in the example response. Required
    /// unless `consent: false`. A `{name}` in it stands for the OAuth parameter `name`,
    /// or for one of the app's own values the calls send: `{apiKey}`, `{apiSecret}`,
    /// `{callbackUrl}` (HubSpot's legacy consent page takes the portal id sent as
    /// `apiSecret` as `portalId`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<String>", regex(pattern = "^https://"))
    )]
    pub authorize_url: Option<Spanned<String>>,
    /// Default scope string.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub scope: Option<Spanned<String>>,
    /// Extra query parameters of the OAuth calls, e.g. `siteAddress`.
    #[serde(default)]
    pub params: Vec<OAuthParam>,
    /// Parameters the provider adds to the callback beside the usual ones (QuickBooks'
    /// `realmId`): each is read by the callback parser and sent in `providerData`.
    #[serde(default)]
    pub callback_params: Vec<CallbackParam>,
}

/// A parameter the provider passes to the callback URL.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CallbackParam {
    /// The query parameter's name, also its `providerData` key.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Sentence for docs and rustdoc.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
    /// Value shown in examples (not for secrets).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub example: Option<Spanned<String>>,
    /// A credential (an access token, say): redacted, a placeholder in examples.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub secret: Option<Spanned<bool>>,
}

/// An extra query parameter of the OAuth calls.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OAuthParam {
    /// The query parameter's name.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Sentence for docs and rustdoc.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
    /// Value shown in examples.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub example: Option<Spanned<String>>,
    /// Whether the parameter must be given (default true).
    #[serde(default)]
    pub required: Option<bool>,
    /// What the provider uses when an optional parameter is not sent (Salesforce's
    /// `siteAddress`: `login.salesforce.com`); in `authorize_url`, the consent host
    /// the examples show when the parameter has no `example`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub default: Option<Spanned<String>>,
}

/// A configuration (or provider data) field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Field {
    /// The exact wire key, e.g. `oauth.api.key`, `user.username`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub key: Spanned<String>,
    /// Human label (default: derived from the key).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub label: Option<Spanned<String>>,
    /// Sentence for docs and rustdoc.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
    /// Value type (default `string`).
    #[serde(rename = "type", default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<FieldType>"))]
    pub field_type: Option<Spanned<FieldType>>,
    /// Allowed values of an `enum` field.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub values: Option<Spanned<Vec<Spanned<String>>>>,
    /// `false` makes the field optional (default `true`; a field with a `default` is optional).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub required: Option<Spanned<bool>>,
    /// Value used when not given; must match `type`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Scalar>"))]
    pub default: Option<Spanned<Scalar>>,
    /// A credential: redacted in `Debug`, masked in examples.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub secret: Option<Spanned<bool>>,
    /// Value shown in docs examples instead of a placeholder.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Scalar>"))]
    pub example: Option<Spanned<Scalar>>,
    /// A fixed value: always sent, never set by the user. Excludes `default`,
    /// `example` and `required`.
    #[serde(rename = "const", default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Scalar>"))]
    pub constant: Option<Spanned<Scalar>>,
    /// `string` sends the value as a JSON string (`"false"`), as some elements expect.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Wire>"))]
    pub wire: Option<Spanned<Wire>>,
}

/// The value type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum FieldType {
    /// Any text.
    String,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// An absolute http(s) URL.
    Url,
    /// One of `values`.
    Enum,
    /// A JSON document, written as YAML (`event.poller.configuration`).
    Json,
}

impl FieldType {
    /// The type's name in descriptors.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Bool => "bool",
            FieldType::Integer => "integer",
            FieldType::Url => "url",
            FieldType::Enum => "enum",
            FieldType::Json => "json",
        }
    }
}

/// How a value is encoded in the request body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Wire {
    /// As its JSON type.
    #[default]
    Native,
    /// As a JSON string, e.g. `"false"`.
    String,
}

/// A YAML scalar as written: checked against the field's type in `resolve`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(untagged))]
pub enum Scalar {
    /// `true` or `false` (strict: `yes` is a string).
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// Anything quoted or otherwise textual.
    String(String),
    /// A mapping, a sequence, `null` or a fraction: only a `json` field takes it.
    #[cfg_attr(feature = "schema", schemars(with = "serde_json::Value"))]
    Json(serde_json::Value),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Integer(i) => write!(f, "{i}"),
            Scalar::String(s) => write!(f, "{s:?}"),
            Scalar::Json(v) => write!(f, "{v}"),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;

        impl<'a> Visitor<'a> for ScalarVisitor {
            type Value = Scalar;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, a whole number, true or false")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Integer(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                i64::try_from(v)
                    .map(Scalar::Integer)
                    .map_err(|_| E::custom(format!("{v} is too large for an integer field")))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::String(v.to_owned()))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                serde_json::Number::from_f64(v)
                    .map(|n| Scalar::Json(n.into()))
                    .ok_or_else(|| E::custom(format!("{v} is not a number JSON can carry")))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Json(serde_json::Value::Null))
            }

            fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
                Ok(Scalar::Json(serde_json::Value::Null))
            }

            fn visit_seq<A: de::SeqAccess<'a>>(self, seq: A) -> Result<Scalar, A::Error> {
                let v = serde_json::Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Scalar::Json(v))
            }

            fn visit_map<A: de::MapAccess<'a>>(self, map: A) -> Result<Scalar, A::Error> {
                let v = serde_json::Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Scalar::Json(v))
            }
        }

        deserializer.deserialize_any(ScalarVisitor)
    }
}
