//! The JSON Schema of the descriptor format, generated from [`crate::descriptor`] so
//! that editors can autocomplete descriptors and the schema never drifts from serde.

use crate::descriptor::Descriptor;

/// File name of the schema in the catalog directory.
pub const FILE_NAME: &str = "schema.json";

/// The schema as pretty JSON with a final newline.
pub fn json() -> String {
    let schema = schemars::schema_for!(Descriptor);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}
