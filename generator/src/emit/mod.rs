//! Emitters: read the resolved model, produce file contents. They never touch the
//! file system; [`crate::write`] does.

#[cfg(feature = "docs")]
pub mod docs;
pub mod features;
#[cfg(feature = "docs")]
pub mod markdown;
pub mod rust;

/// The Required cell of a page's field table, which the docs emitter writes and import
/// reads back from a generated page.
pub mod requirement {
    /// A field the request must send.
    pub const REQUIRED: &str = "yes";
    /// A field it may leave out.
    pub const OPTIONAL: &str = "no";
    /// A fixed field: this, then its value in code.
    pub const FIXED: &str = "fixed: ";
}
