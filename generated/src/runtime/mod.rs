//! The hand-written runtime the generated modules build on: the HTTP client, the
//! request traits, OAuth callback parsing, secrets and errors.

pub mod builder;
pub mod client;
pub mod error;
pub mod http_url;
pub mod instance;
pub mod oauth;
pub mod request;
pub mod secret;
pub mod state;
pub mod wire;
