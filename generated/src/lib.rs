//! Client for provisioning element instances, generated from the element descriptors.
//!
//! Each element of the catalog is a module (`elements::base`, ...) with its `KEY`
//! and `NAME` and, per auth variant, typed requests: `<Variant>Config` (the
//! `configuration` entries, required ones as constructor arguments),
//! `<Variant>ProviderData` (what the OAuth callback yields), `<Variant>Instance` (the
//! whole `POST /instances` body) and for OAuth variants `<Variant>UrlRequest` (and
//! `<Variant>TokenRequest` for OAuth 1). [`Client`] sends them.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use elements::{Client, base};
//!
//! let client = Client::new("user secret", "organization secret")?;
//! let callback: url::Url = "https://www.mycoolapp.com/auth".parse()?;
//! let url = client
//!     .oauth_url(&base::Oauth2UrlRequest::new("client id", "client secret", callback.clone()))
//!     .await?;
//! println!("send the user to {}", url.oauth_url);
//! // ... the provider redirects to the callback URL ...
//! let provider_data = base::Oauth2ProviderData::from_callback(
//!     "https://www.mycoolapp.com/auth?state=base&code=abc",
//!     base::KEY,
//! )?;
//! let config = base::Oauth2Config::new("client id", "client secret", callback);
//! let instance = client
//!     .create_instance(&base::Oauth2Instance::new("my instance", provider_data, config))
//!     .await?;
//! println!("created instance {}", instance.id);
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

mod runtime;

pub use runtime::client::{Client, DEFAULT_BASE_URL, decode};
pub use runtime::error::{CallbackError, Error};
pub use runtime::instance::{Configuration, Instance, InstanceElement};
pub use runtime::oauth::{OAuthUrl, RequestToken, oauth1_callback, oauth2_callback};
#[cfg(feature = "examples")]
pub use runtime::request::Example;
pub use runtime::request::{CreateInstance, InstanceBody, OAuthTokenRequest, OAuthUrlRequest};
pub use runtime::secret::Secret;

/// The code generated from the descriptors (see `build.rs`).
#[allow(
    clippy::too_many_arguments,
    reason = "constructors take every required field as an argument, so that none can be left out"
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/elements.rs"));
}

pub use generated::*;
