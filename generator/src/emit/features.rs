//! The `elements` crate's cargo features: one per element key, and `all`.
//!
//! Cargo reads features from the manifest only, so the catalog's list lives in
//! `generated/Cargo.toml`, between two marker lines that `elementgen generate`
//! rewrites (and `check` compares); the rest of the manifest is hand-written and kept
//! byte for byte.

use crate::build_script::ALL_FEATURE;
use crate::model::Catalog;

/// The line that opens the generated block.
pub const BEGIN: &str =
    "# BEGIN element features: written by `elementgen generate` from the descriptors.";
/// The line that closes it.
pub const END: &str = "# END element features";

/// Why a manifest's block cannot be rewritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoBlock(pub String);

impl std::fmt::Display for NoBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The generated block for `catalog`, marker lines included, with `\n` line ends.
pub fn block(catalog: &Catalog) -> String {
    let mut out = format!(
        "{BEGIN}\n# One feature per element key (each compiles that element's module), and `{ALL_FEATURE}`.\n{ALL_FEATURE} = [\n"
    );
    for e in &catalog.elements {
        out.push_str(&format!("    \"{}\",\n", e.key));
    }
    out.push_str("]\n");
    for e in &catalog.elements {
        out.push_str(&format!("{} = []\n", e.key));
    }
    out.push_str(END);
    out.push('\n');
    out
}

/// `manifest` with its block replaced by `catalog`'s. Keys are valid TOML bare keys
/// (`A-Za-z0-9_-`), so they are written unquoted.
pub fn manifest(manifest: &str, catalog: &Catalog) -> Result<String, NoBlock> {
    let line_at = |marker: &str| {
        let mut offset = 0;
        let mut found = Vec::new();
        for line in manifest.split_inclusive('\n') {
            if line.trim_end() == marker {
                found.push((offset, offset + line.len()));
            }
            offset += line.len();
        }
        found
    };
    let (begin, end) = (line_at(BEGIN), line_at(END));
    match (begin.as_slice(), end.as_slice()) {
        ([(start, begin_end)], [(end_start, end)]) if start < end_start => {
            // Keep the manifest's own line ends.
            let mut block = block(catalog);
            if manifest[..*begin_end].ends_with("\r\n") {
                block = block.replace('\n', "\r\n");
            }
            Ok(format!(
                "{}{}{}",
                &manifest[..*start],
                block,
                &manifest[*end..]
            ))
        }
        _ => Err(NoBlock(format!(
            "the manifest needs the line `{BEGIN}` and, after it, the line `{END}`, once each, in its [features] table: the element features go between them"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(keys: &[&str]) -> Catalog {
        let sources = keys.iter().enumerate().map(|(i, key)| {
            (
                std::path::PathBuf::from(format!("{key}.yaml")),
                format!(
                    "key: {key}\nelement_id: {i}\nname: N\nhub: crm\ndescription: D.\nauth:\n  - type: custom\n"
                )
                .into_bytes(),
            )
        });
        let checked = crate::check_sources(sources);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.catalog
    }

    #[test]
    fn the_block_between_the_markers_is_replaced_and_nothing_else() {
        let before = format!(
            "[package]\nname = \"elements\"\n\n[features]\nexamples = []\n{BEGIN}\nold = []\n{END}\n\n[dependencies]\n"
        );
        let after = manifest(&before, &catalog(&["acme", "base-crm"])).unwrap();
        assert_eq!(
            after,
            format!(
                "[package]\nname = \"elements\"\n\n[features]\nexamples = []\n{BEGIN}\n# One feature per element key (each compiles that element's module), and `all`.\nall = [\n    \"acme\",\n    \"base-crm\",\n]\nacme = []\nbase-crm = []\n{END}\n\n[dependencies]\n"
            )
        );
        assert_eq!(
            manifest(&after, &catalog(&["acme", "base-crm"])).unwrap(),
            after
        );
    }

    #[test]
    fn line_ends_and_trailing_spaces_of_the_manifest_are_kept() {
        let c = catalog(&["acme"]);
        let crlf = format!("[features]\r\n{BEGIN}  \r\n{END}\r\n[dependencies]\r\n");
        assert_eq!(
            manifest(&crlf, &c).unwrap(),
            format!(
                "[features]\r\n{BEGIN}\r\n# One feature per element key (each compiles that element's module), and `all`.\r\nall = [\r\n    \"acme\",\r\n]\r\nacme = []\r\n{END}\r\n[dependencies]\r\n"
            )
        );
    }

    /// The crate's own features (outside the block) are exactly the names no key may
    /// take, `all` aside, which the block defines.
    #[test]
    fn the_reserved_keys_are_the_client_crates_own_features() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated/Cargo.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let table = &text[text.find("\n[features]\n").unwrap()..];
        let table = &table[..table[1..].find("\n[").map_or(table.len(), |i| i + 1)];
        let outside = format!(
            "{}{}",
            &table[..table.find(BEGIN).unwrap()],
            &table[table.find(END).unwrap()..]
        );
        let mut own: Vec<&str> = outside
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(" = ").map(|(name, _)| name))
            .collect();
        own.push(ALL_FEATURE);
        own.sort();
        assert_eq!(own, crate::build_script::RESERVED_FEATURES);
    }

    #[test]
    fn a_manifest_without_both_markers_in_order_is_refused() {
        let c = catalog(&["acme"]);
        for text in [
            String::from("[features]\n"),
            format!("{BEGIN}\n"),
            format!("{END}\n{BEGIN}\n"),
            format!("{BEGIN}\n{END}\n{BEGIN}\n{END}\n"),
        ] {
            assert_eq!(
                manifest(&text, &c).unwrap_err().to_string(),
                format!(
                    "the manifest needs the line `{BEGIN}` and, after it, the line `{END}`, once each, in its [features] table: the element features go between them"
                ),
                "{text}"
            );
        }
    }
}
