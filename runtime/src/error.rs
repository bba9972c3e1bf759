//! Errors of the client and of callback parsing. None of them carries a credential.

use std::fmt;

/// Why a call to the platform failed. Response bodies can hold credentials (an
/// instance's token, echoed configuration), so `Debug` and `Display` never show any
/// part of one except the platform's own JSON `message`: only sizes, positions and
/// kinds. Read `body` (or a decode error's `source`, whose message quotes the body)
/// yourself where you need it.
pub enum Error {
    /// The request did not get a response: connection refused or dropped, timeout, TLS.
    Transport(reqwest::Error),
    /// The platform answered with an error status. `message` is the server's own
    /// explanation (for example which configuration entries are missing) when the
    /// body is JSON with a `message`; `body` is the whole body as text.
    Http {
        /// HTTP status code.
        status: u16,
        /// The server's `message`, if any.
        message: Option<String>,
        /// The response body as text.
        body: String,
    },
    /// The platform answered with success, but the body is not what the API promises.
    Decode {
        /// HTTP status code.
        status: u16,
        /// What did not match.
        source: serde_json::Error,
        /// The response body as text.
        body: String,
    },
    /// A redirect the client did not follow (nothing was sent there): its own
    /// client follows redirects only within the API's origin; a `reqwest::Client`
    /// you passed follows what its own policy allows.
    Redirect {
        /// HTTP status code of the redirect.
        status: u16,
        /// The origin (`scheme://host:port`) it pointed to; the rest of the
        /// location (path, query) is not kept.
        to: String,
    },
    /// The response body is larger than the client reads
    /// ([`crate::ClientBuilder::max_response_bytes`]); it was not read further.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A base URL that cannot take API paths (for example `mailto:`).
    InvalidBaseUrl(String),
    /// A `User-Agent` that cannot be sent in a header.
    InvalidUserAgent,
    /// A user or organization secret that cannot be sent in a header (a line break or
    /// another control character). The secret itself is not kept.
    InvalidSecret,
    /// The client's TLS could not be set up (the platform's certificate verifier
    /// found no usable roots, for one): why.
    Tls(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // reqwest words any error while reading a body as a decode error, a
            // body that stopped arriving included.
            Error::Transport(e) if e.is_connect() && e.is_timeout() => {
                f.write_str("cannot connect: no connection within the client's connect timeout")
            }
            Error::Transport(e) if e.is_timeout() => {
                f.write_str("request timed out: no whole response within the client's timeout")
            }
            Error::Transport(e) => write!(f, "request failed: {e}"),
            Error::Http {
                status,
                message: Some(m),
                ..
            } => write!(f, "HTTP {status}: {}", shown_message(m)),
            Error::Http { status, body, .. } => write!(
                f,
                "HTTP {status} ({} bytes, not the platform's JSON error)",
                body.len()
            ),
            Error::Decode { status, source, .. } => write!(
                f,
                "unexpected response body (HTTP {status}): {}",
                decode_position(source)
            ),
            Error::Redirect { status, to } => {
                write!(f, "HTTP {status}: redirect to {to} not followed")
            }
            Error::TooLarge { limit } => {
                write!(f, "response body larger than the limit of {limit} bytes")
            }
            Error::InvalidBaseUrl(url) => write!(f, "base URL `{url}` cannot take API paths"),
            Error::Tls(why) => write!(f, "cannot set up TLS: {why}"),
            Error::InvalidUserAgent => {
                f.write_str("the User-Agent contains characters a header cannot carry")
            }
            Error::InvalidSecret => f.write_str(
                "a user or organization secret contains characters a header cannot carry",
            ),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = |body: &String| format!("<{} bytes>", body.len());
        match self {
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Http {
                status,
                message,
                body: b,
            } => f
                .debug_struct("Http")
                .field("status", status)
                .field("message", message)
                .field("body", &body(b))
                .finish(),
            Error::Decode {
                status,
                source,
                body: b,
            } => f
                .debug_struct("Decode")
                .field("status", status)
                .field("source", &decode_position(source))
                .field("body", &body(b))
                .finish(),
            Error::Redirect { status, to } => f
                .debug_struct("Redirect")
                .field("status", status)
                .field("to", to)
                .finish(),
            Error::TooLarge { limit } => f.debug_struct("TooLarge").field("limit", limit).finish(),
            Error::InvalidBaseUrl(url) => f.debug_tuple("InvalidBaseUrl").field(url).finish(),
            Error::InvalidSecret => f.write_str("InvalidSecret"),
            Error::Tls(why) => f.debug_tuple("Tls").field(why).finish(),
            Error::InvalidUserAgent => f.write_str("InvalidUserAgent"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            // Not the decode error: its message quotes the mistyped value, and error
            // reporters print the whole chain.
            Error::Decode { .. }
            | Error::Http { .. }
            | Error::Redirect { .. }
            | Error::TooLarge { .. }
            | Error::InvalidBaseUrl(_)
            | Error::InvalidSecret
            | Error::InvalidUserAgent
            | Error::Tls(_) => None,
        }
    }
}

/// How much of the platform's `message` an error shows, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// The platform's `message` as an error shows it: on one line, each control
/// character (a terminal's escape sequences, line breaks that would forge log lines)
/// and each bidi control as U+FFFD, and at most [`MAX_MESSAGE_CHARS`] of it. The
/// whole message is still in `Error::Http::message`.
fn shown_message(message: &str) -> String {
    let mut shown: String = message
        .chars()
        .take(MAX_MESSAGE_CHARS)
        .map(|c| {
            let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi || matches!(c, '\u{2028}' | '\u{2029}') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let total = message.chars().count();
    if total > MAX_MESSAGE_CHARS {
        shown.push_str(&format!(
            "... ({} more characters)",
            total - MAX_MESSAGE_CHARS
        ));
    }
    shown
}

/// What a JSON decode error says without quoting the body: its kind and position.
fn decode_position(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Io => "I/O error",
        serde_json::error::Category::Syntax => "not JSON",
        serde_json::error::Category::Data => "JSON of another shape than the API's",
        serde_json::error::Category::Eof => "JSON cut short",
    };
    format!("{kind} at line {} column {}", e.line(), e.column())
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        // reqwest includes the URL in its messages, and OAuth URLs carry `apiSecret`.
        Error::Transport(e.without_url())
    }
}

/// Why a callback URL did not yield what the next step needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallbackError {
    /// Not an absolute URL.
    InvalidUrl(String),
    /// The user denied access: the provider sent `error` (and maybe `error_description`).
    Denied {
        /// The provider's `error`.
        error: String,
        /// The provider's `error_description`, if any.
        description: Option<String>,
    },
    /// A parameter the step needs is not in the URL.
    Missing(&'static str),
    /// `state` is not the one sent in the OAuth URL request: the callback belongs to
    /// another request (or a forged one).
    /// (The state sent is not kept: with `State::random` it is the app's secret.)
    StateMismatch {
        /// The state received.
        found: String,
    },
    /// `oauth_token` is not the request token of step 1.
    TokenMismatch,
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::InvalidUrl(e) => write!(f, "callback URL is not a valid URL: {e}"),
            CallbackError::Denied {
                error,
                description: Some(d),
            } => write!(f, "the provider refused access: {error} ({d})"),
            CallbackError::Denied {
                error,
                description: None,
            } => write!(f, "the provider refused access: {error}"),
            CallbackError::Missing(p) => write!(f, "callback URL has no `{p}` parameter"),
            CallbackError::StateMismatch { found } => {
                write!(
                    f,
                    "callback `state` is `{found}`, not the one the URL request sent"
                )
            }
            CallbackError::TokenMismatch => {
                f.write_str("callback `oauth_token` is not the request token of step 1")
            }
        }
    }
}

impl std::error::Error for CallbackError {}
