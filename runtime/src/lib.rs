//! The runtime of the generated element clients: what the code `elementgen` generates
//! builds on, written by hand once. [`Client`] sends the typed requests (each a
//! [`CreateInstance`]) and manages instances; [`Secret`] and [`State`] keep
//! credentials out of `Debug` and logs; [`HttpUrl`] is an http(s) URL checked once;
//! the OAuth helpers ([`OAuthUrl`], [`oauth2_callback`], [`oauth1_callback`]) handle
//! the consent round trip; [`Set`] and [`Unset`] are the states of the generated
//! builders.
//!
//! Applications use it through the `elements` crate, which re-exports all of it beside
//! the catalog's elements; a crate that generates its own elements with
//! `elementgen`'s build-script API depends on it directly. Generated code names it by
//! its crate path (`::elements_runtime::Secret`), never as `crate::`.

#![deny(missing_docs)]

mod builder;
mod client;
mod error;
pub mod field;
mod http_url;
mod instance;
mod oauth;
mod request;
mod secret;
mod state;
#[doc(hidden)]
pub mod wire;

pub use builder::{Set, Unset, take};
pub use client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, OAuthRequest, decode, redirect_policy, tls_config,
};
pub use error::{CallbackError, Error, MAX_MESSAGE_CHARS};
pub use http_url::{HttpUrl, InvalidUrl};
pub use instance::{Configuration, Instance, InstanceElement, InstancePatch};
pub use oauth::{Callback, OAuthUrl, RequestToken, oauth1_callback, oauth2_callback};
#[cfg(feature = "examples")]
pub use request::Example;
pub use request::{CreateInstance, InstanceBody, OAuthTokenRequest, OAuthUrlRequest};
pub use secret::Secret;
pub use state::State;
pub use wire::UnknownValue;
// The crates generated code names through the runtime (`::elements_runtime::serde`),
// so that a crate with generated code needs no dependency but this one; and those
// an application configures the client with.
pub use {reqwest, rustls, serde, serde_json, url};
