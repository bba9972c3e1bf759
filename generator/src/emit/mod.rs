//! Emitters: read the resolved model, produce file contents. They never touch the
//! file system; [`crate::write`] does.

#[cfg(feature = "docs")]
pub mod docs;
pub mod rust;
