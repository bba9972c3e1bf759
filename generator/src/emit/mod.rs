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

/// The Type cell of a page's field table: the type's name (an enum's values follow it
/// in parentheses, each in code), and after it the mark of a credential.
pub mod type_cell {
    /// After the type of a credential.
    pub const SECRET: &str = " (secret)";
}
