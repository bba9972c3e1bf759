//! The client against servers on 127.0.0.1, through the real catalog's elements:
//! requests on the wire, hostile servers, an instance's whole life, the example app.
//! One test binary for several files, since each binary links the whole client; run
//! one module with `cargo test -p elementgen-e2e --test client -- client_http::`.

#[path = "client_hardening.rs"]
mod client_hardening;
#[path = "client_http.rs"]
mod client_http;
#[path = "client_lifecycle.rs"]
mod client_lifecycle;
#[path = "example_app.rs"]
mod example_app;
