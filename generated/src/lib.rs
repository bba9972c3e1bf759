//! Client for provisioning element instances, generated from the element descriptors.
//!
//! Each element of the catalog is a module (`elements::base`, ...), compiled when its
//! cargo feature (the element's key, or `all`) is on, with its `KEY`
//! and `NAME`, its own provisioning flow as documentation (rustdoc finds a module by
//! its display name, e.g. "great plains"), and per auth variant typed requests:
//! `<Variant>Config` (the `configuration` entries), `<Variant>ProviderData` (what the
//! OAuth callback yields), `<Variant>Instance` (the whole `POST /instances` body) and,
//! for OAuth variants, `<Variant>App` (the app registered with the provider: client
//! id, secret, callback URL and scope, given once), from which the `<Variant>UrlRequest`
//! (and `<Variant>TokenRequest` for OAuth 1) and the configuration's OAuth entries
//! are made.
//!
//! Every request is made with a builder: each required field is a setter named after
//! it, and `build` exists only once all of them are set, so a missing or swapped
//! argument does not compile; optional fields and the common options are `with_*`
//! setters. With the `deserialize` feature, configurations also load with serde from
//! their wire keys (per-tenant settings); enums write their wire values, and read them
//! with `FromStr` (and serde, with that feature).
//!
//! [`Client`] sends them ([`Client::builder`] for an own `reqwest::Client`, timeouts, a
//! `User-Agent`, the response size limit) and manages the instances afterwards
//! ([`Client::list_instances`], [`Client::get_instance`], [`Client::update_instance`],
//! [`Client::patch_instance`], [`Client::delete_instance`]). It follows redirects only
//! within the API's origin, sends no `Referer`, bounds what it reads, and shows no
//! part of a response body in an error but the platform's own JSON `message`. `examples/provision.rs` runs Base CRM's OAuth 2 flow,
//! `examples/lifecycle.rs` an instance's whole life. Each request type is a
//! [`CreateInstance`], so code that provisions can serve any element:
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

// The hand-written runtime lives in `elements-runtime`, which generated code names
// by its crate path; its API is re-exported, so that `elements::Client` and the rest
// are where applications find them. Not a glob: that would re-export the runtime's
// `serde_json` too, whose `Value::String` makes rustc print `String` as
// `std::string::String` in every error about a builder (the compile-fail cases).
#[cfg(feature = "examples")]
pub use elements_runtime::Example;
#[doc(hidden)]
pub use elements_runtime::wire;
pub use elements_runtime::{
    Callback, CallbackError, Client, ClientBuilder, Configuration, CreateInstance,
    DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT, Error, HttpUrl, Instance, InstanceBody, InstanceElement, InstancePatch,
    InvalidUrl, MAX_MESSAGE_CHARS, OAuthRequest, OAuthTokenRequest, OAuthUrl, OAuthUrlRequest,
    RequestToken, Secret, Set, State, UnknownValue, Unset, decode, oauth1_callback,
    oauth2_callback, redirect_policy, reqwest, rustls, tls_config, url,
};

include!(concat!(env!("OUT_DIR"), "/elements.rs"));
