//! The checked-in JSON Schema is the one generated from the descriptor model, and
//! every descriptor points editors at it.

use std::fs;
use std::path::Path;

const CATALOG: &str = "../descriptors";
const SCHEMA_LINE: &str = "# yaml-language-server: $schema=schema.json\n";

#[test]
fn checked_in_schema_is_up_to_date() {
    let path = Path::new(CATALOG).join(elementgen::schema::FILE_NAME);
    let fix = "run `cargo run -p elementgen -- schema > descriptors/schema.json` \
               (or `cargo run -p elementgen -- generate`) from the workspace root";
    let on_disk = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}; {fix}", path.display()));
    let generated = elementgen::schema::json();
    assert!(
        on_disk == generated,
        "`{}` differs from the schema generated from the descriptor model; {fix}",
        path.display()
    );
}

#[test]
fn schema_describes_the_descriptor() {
    let schema: serde_json::Value =
        serde_json::from_str(&elementgen::schema::json()).expect("the schema is JSON");
    assert_eq!(schema["title"], "Element descriptor");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, ["key", "name", "hub", "description", "auth"]);
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn every_descriptor_points_at_the_schema() {
    let mut seen = 0;
    for path in elementgen::load::descriptor_paths(Path::new(CATALOG)).unwrap() {
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(SCHEMA_LINE),
            "`{}` must start with `{}`",
            path.display(),
            SCHEMA_LINE.trim_end()
        );
        seen += 1;
    }
    assert!(seen > 0, "no descriptors in `{CATALOG}`");
}
