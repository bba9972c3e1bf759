//! What the format implies without being written: the OAuth configuration and
//! provider data of each auth type, and the common instance options every element
//! accepts. Modelled once here, so that descriptors stay short and both emitters agree.

use crate::model::{AuthType, EnumValue, Field, FieldType, Origin, Value, Wire};
use crate::names;

/// Configuration key of the OAuth client id.
pub const OAUTH_API_KEY: &str = "oauth.api.key";
/// Configuration key of the OAuth client secret.
pub const OAUTH_API_SECRET: &str = "oauth.api.secret";
/// Configuration key of the OAuth callback URL.
pub const OAUTH_CALLBACK_URL: &str = "oauth.callback.url";
/// The callback URL every example uses, so that every step of a page shows the same one.
pub const EXAMPLE_CALLBACK_URL: &str = "https://www.mycoolapp.com/auth";
/// The example value of `url` fields that have none.
pub const EXAMPLE_URL: &str = "https://www.example.com/";

struct Spec {
    key: &'static str,
    label: &'static str,
    description: &'static str,
    ty: FieldType,
    secret: bool,
    example: Option<Value>,
}

fn field(spec: Spec, required: bool, default: Option<Value>) -> Field {
    let example = match (&spec.example, &default) {
        (Some(e), _) => e.clone(),
        (None, Some(d)) => d.clone(),
        (None, None) => Value::String(names::placeholder(spec.label)),
    };
    let enum_type = matches!(spec.ty, FieldType::Enum(_))
        .then(|| names::camel_ident(spec.key).expect("implied keys have letters"));
    Field {
        enum_type,
        key: spec.key.to_string(),
        ident: names::snake_ident(spec.key, &[]).expect("implied keys have letters"),
        label: spec.label.to_string(),
        description: Some(spec.description.to_string()),
        ty: spec.ty,
        required,
        constant: None,
        default,
        secret: spec.secret,
        example,
        wire: Wire::Native,
        origin: Origin::Implied,
    }
}

fn required(spec: Spec) -> Field {
    field(spec, true, None)
}

/// The fields each auth type implies, built once: every variant of every element
/// starts from them.
struct Implied {
    config: [Vec<Field>; AUTH_TYPES.len()],
    provider_data: [Vec<Field>; AUTH_TYPES.len()],
}

const AUTH_TYPES: [AuthType; 5] = [
    AuthType::Oauth2,
    AuthType::Oauth1,
    AuthType::Basic,
    AuthType::ApiKey,
    AuthType::Custom,
];

fn implied() -> &'static Implied {
    static IMPLIED: std::sync::OnceLock<Implied> = std::sync::OnceLock::new();
    IMPLIED.get_or_init(|| Implied {
        config: AUTH_TYPES.map(build_config),
        provider_data: AUTH_TYPES.map(build_provider_data),
    })
}

fn index(auth: AuthType) -> usize {
    AUTH_TYPES
        .iter()
        .position(|a| *a == auth)
        .expect("AUTH_TYPES lists every auth type")
}

/// The configuration fields an auth type implies, in the order they are sent.
pub fn config(auth: AuthType) -> &'static [Field] {
    &implied().config[index(auth)]
}

/// The `providerData` fields an auth type implies when the descriptor lists none.
pub fn provider_data(auth: AuthType) -> &'static [Field] {
    &implied().provider_data[index(auth)]
}

fn build_config(auth: AuthType) -> Vec<Field> {
    if !auth.is_oauth() {
        return Vec::new();
    }
    vec![
        required(Spec {
            key: OAUTH_API_KEY,
            label: "OAuth API key",
            description: "The key (client id) obtained from registering your app with the provider.",
            ty: FieldType::String,
            secret: false,
            example: None,
        }),
        required(Spec {
            key: OAUTH_API_SECRET,
            label: "OAuth API secret",
            description: "The secret obtained from registering your app with the provider.",
            ty: FieldType::String,
            secret: true,
            example: None,
        }),
        required(Spec {
            key: OAUTH_CALLBACK_URL,
            label: "Callback URL",
            description: "The URL that you supplied to the provider when registering your app.",
            ty: FieldType::Url,
            secret: false,
            example: Some(Value::String(EXAMPLE_CALLBACK_URL.to_string())),
        }),
    ]
}

/// Provider data key of the OAuth 2 authorization code.
pub const CODE: &str = "code";
/// Provider data key of the OAuth 1 request token.
pub const OAUTH_TOKEN: &str = "oauth_token";
/// Provider data key of the OAuth 1 verifier.
pub const OAUTH_VERIFIER: &str = "oauth_verifier";
/// Provider data key of the OAuth 1 request token secret.
pub const REQUEST_TOKEN_SECRET: &str = "secret";

/// The `providerData` field of a parameter the provider passes to the callback URL.
pub fn callback_param(
    name: &str,
    label: String,
    description: Option<String>,
    secret: bool,
    example: Option<String>,
) -> Option<Field> {
    let ident = names::snake_ident(name, names::BUILDER_METHODS)?;
    let example = match example {
        Some(e) if !secret => Value::String(e),
        _ => Value::String(names::placeholder(&label)),
    };
    Some(Field {
        key: name.to_string(),
        label,
        description: Some(
            description
                .unwrap_or_else(|| format!("The {name} the provider passed to your callback URL.")),
        ),
        ty: FieldType::String,
        required: true,
        constant: None,
        default: None,
        secret,
        example,
        wire: Wire::Native,
        ident,
        enum_type: None,
        origin: Origin::Implied,
    })
}

fn build_provider_data(auth: AuthType) -> Vec<Field> {
    let text = |key, label, description, secret| {
        required(Spec {
            key,
            label,
            description,
            ty: FieldType::String,
            secret,
            example: None,
        })
    };
    match auth {
        AuthType::Oauth2 => vec![text(
            CODE,
            "Code",
            "The code the provider passed to your callback URL.",
            true,
        )],
        AuthType::Oauth1 => vec![
            text(
                OAUTH_TOKEN,
                "OAuth token",
                "The oauth_token the provider passed to your callback URL.",
                false,
            ),
            text(
                OAUTH_VERIFIER,
                "OAuth verifier",
                "The oauth_verifier the provider passed to your callback URL.",
                true,
            ),
            text(
                REQUEST_TOKEN_SECRET,
                "Request token secret",
                "The secret returned with the request token in step 1.",
                true,
            ),
        ],
        AuthType::Basic | AuthType::ApiKey | AuthType::Custom => Vec::new(),
    }
}

/// The optional instance options every element accepts (documented once for all
/// elements by the portal's `common-instance-config.md`). None has a default here:
/// an option is sent only when set, and otherwise the platform applies its own.
/// Built once: every variant of every element is checked against them.
pub fn common_options() -> &'static [Field] {
    static OPTIONS: std::sync::OnceLock<Vec<Field>> = std::sync::OnceLock::new();
    OPTIONS.get_or_init(build_common_options)
}

fn build_common_options() -> Vec<Field> {
    let optional = |spec: Spec| field(spec, false, None);
    vec![
        optional(Spec {
            key: "event.notification.enabled",
            label: "Events enabled",
            description: "Whether the instance sends event notifications (platform default: false).",
            ty: FieldType::Bool,
            secret: false,
            example: None,
        }),
        optional(Spec {
            key: "event.vendor.type",
            label: "Event type",
            description: "How events are detected: pushed by the provider or polled.",
            ty: FieldType::Enum(vec![
                EnumValue {
                    value: "webhook".into(),
                    ident: "Webhook".into(),
                },
                EnumValue {
                    value: "polling".into(),
                    ident: "Polling".into(),
                },
            ]),
            secret: false,
            example: Some(Value::String("webhook".into())),
        }),
        optional(Spec {
            key: "event.notification.callback.url",
            label: "Event callback URL",
            description: "The URL events are sent to.",
            ty: FieldType::Url,
            secret: false,
            example: Some(Value::String(EXAMPLE_CALLBACK_URL.to_string())),
        }),
        optional(Spec {
            key: "event.poller.refresh_interval",
            label: "Polling interval",
            description: "Minutes between two polls for events.",
            ty: FieldType::Integer,
            secret: false,
            example: Some(Value::Integer(15)),
        }),
        optional(Spec {
            key: "filter.response.nulls",
            label: "Filter null values",
            description: "Whether null values are left out of responses (platform default: true).",
            ty: FieldType::Bool,
            secret: false,
            example: None,
        }),
    ]
}
