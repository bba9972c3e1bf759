//! Emitters: read the resolved model, produce file contents. They never touch the
//! file system; [`crate::write`] does.

#[cfg(feature = "docs")]
pub mod docs;
pub mod features;
#[cfg(feature = "docs")]
pub mod markdown;
pub mod rust;
