//! Client for provisioning element instances, generated from the element descriptors.
//!
//! Each element of the catalog is a module (`elements::base`, ...) with its `KEY`
//! and `NAME` and, per auth variant, typed requests: `<Variant>Config` (the
//! `configuration` entries, required ones as constructor arguments),
//! `<Variant>ProviderData` (what the OAuth callback yields), `<Variant>Instance` (the
//! whole `POST /instances` body) and for OAuth variants `<Variant>UrlRequest` (and
//! `<Variant>TokenRequest` for OAuth 1). [`Client`] sends them.
//!
//! The flow is the same for every element: for OAuth variants, send the user to the
//! URL that [`Client::oauth_url`] returns and parse the callback with
//! `<Variant>ProviderData::from_callback`; then send the `<Variant>Instance` request.
//! Each request type is a [`CreateInstance`], so code that provisions can serve any
//! element (`examples/provision.rs` runs Base CRM's OAuth 2 flow end to end):
//!
//! ```no_run
//! use elements::{Client, CreateInstance, Error};
//!
//! /// Creates an instance of any element from its typed request and returns its id.
//! async fn provision(client: &Client, request: &impl CreateInstance) -> Result<u64, Error> {
//!     let instance = client.create_instance(request).await?;
//!     println!("created instance {} of {}", instance.id, instance.element.key);
//!     Ok(instance.id)
//! }
//! ```

#![deny(missing_docs)]

mod runtime;

/// The HTTP client crate the client is built on (its types are in this API:
/// [`ClientBuilder::http_client`], the `*_request` builders).
pub use reqwest;
pub use runtime::builder::{Set, Unset};
pub use runtime::client::{
    Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, decode, redirect_policy,
};
pub use runtime::error::{CallbackError, Error};
pub use runtime::http_url::{HttpUrl, InvalidUrl};
pub use runtime::instance::{Configuration, Instance, InstanceElement, InstancePatch};
pub use runtime::oauth::{Callback, OAuthUrl, RequestToken, oauth1_callback, oauth2_callback};
pub use runtime::request::{CreateInstance, InstanceBody, OAuthTokenRequest, OAuthUrlRequest};
#[cfg(feature = "examples")]
pub use runtime::request::{Example, PageExample};
pub use runtime::secret::Secret;
pub use runtime::state::State;
/// Helpers the generated `Deserialize` implementations use.
#[doc(hidden)]
pub use runtime::wire;
pub use runtime::wire::UnknownValue;
/// The URL crate of [`Client::with_base_url`] and [`ClientBuilder::base_url`].
pub use url;

/// The code generated from the descriptors (see `build.rs`).
#[allow(
    clippy::too_many_arguments,
    reason = "constructors take every required field as an argument, so that none can be left out"
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/elements.rs"));
}

pub use generated::*;
