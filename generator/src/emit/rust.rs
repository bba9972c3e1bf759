//! Rust client emitter.
