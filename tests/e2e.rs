//! End-to-end tests that hold for any catalog (CI runs them on the kitchen and
//! hostile catalogs too): the pages and the client agree. One test binary for
//! several files, since each binary links the whole client; run one module with
//! `cargo test -p elementgen-e2e --test e2e -- docs_pages::`.

#[path = "client_alignment.rs"]
mod client_alignment;
#[path = "docs_pages.rs"]
mod docs_pages;
