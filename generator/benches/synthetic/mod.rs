//! A catalog of any size made from the real descriptors: the first copy of each keeps
//! its key (so that the real elements' features build from it), later copies are
//! `<key>-<n>` with their own page, without the element id, the portal path and the
//! pages of `docs.also_on` (unique in a catalog).
//! Shared by the benchmark and the `synthetic-catalog` example the scripts run.

use std::path::{Path, PathBuf};

/// `n` descriptors as file names and bytes, in catalog order.
pub fn catalog(n: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../descriptors");
    let mut real: Vec<(String, String)> = elementgen::load::descriptor_paths(&dir)
        .expect("the descriptors")
        .into_iter()
        .map(|p| {
            let key = p.file_stem().unwrap().to_string_lossy().into_owned();
            (key, std::fs::read_to_string(&p).expect("a descriptor"))
        })
        .collect();
    real.sort();
    (0..n)
        .map(|i| {
            let (key, text) = &real[i % real.len()];
            if i < real.len() {
                return (
                    PathBuf::from(format!("{key}.yaml")),
                    text.clone().into_bytes(),
                );
            }
            let copy = format!("{key}-{i}");
            // The element id, the portal path and the pages of `docs.also_on` are one
            // element's own.
            let mut in_also_on = false;
            let lines: Vec<String> = text
                .lines()
                .filter(|l| {
                    if l.starts_with("  also_on:") {
                        in_also_on = true;
                    } else if in_also_on && !l.starts_with("    ") {
                        in_also_on = false;
                    }
                    !in_also_on
                })
                .filter(|l| !l.starts_with("element_id:") && !l.starts_with("  portal_path:"))
                .map(|l| {
                    if l.starts_with("key:") {
                        format!("key: {copy}")
                    } else if l.starts_with("  page:") {
                        format!("  page: {copy}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            (
                PathBuf::from(format!("{copy}.yaml")),
                (lines.join("\n") + "\n").into_bytes(),
            )
        })
        .collect()
}
