//! Writes the guide pages' Rust as test functions into `OUT_DIR`
//! (`elements_page_examples.rs`), from the same catalog the `elements` crate is
//! built from (`ELEMENTGEN_DESCRIPTORS`, or the repository's `descriptors/`):
//! `client_alignment` runs each variant's snippets against a server on 127.0.0.1.

use elementgen::build_script::{DESCRIPTORS_VAR, Error};

fn main() -> Result<(), Error> {
    elementgen::Builder::new()
        .descriptors("../descriptors")
        .descriptors_from_env(DESCRIPTORS_VAR)
        .page_examples()
        .generate()
}
