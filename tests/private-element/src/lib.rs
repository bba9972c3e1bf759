//! The client of an element that is not in the catalog (a team's own connector),
//! generated from `descriptors/` by this crate's build script and sent with
//! `elements-runtime`'s [`Client`](elements_runtime::Client).

include!(concat!(env!("OUT_DIR"), "/elements.rs"));
