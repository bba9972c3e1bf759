//! Generates the element modules from the descriptors into `OUT_DIR`, through
//! `elementgen`'s build-script API, as any crate with descriptors of its own would.
//!
//! Reads `descriptors/` (in the repository a link to the catalog, `../descriptors`;
//! in the package its files), or the directory named by `ELEMENTGEN_DESCRIPTORS`
//! (a relative one from where cargo was run): those of the elements whose feature is
//! on (all with `all`). Cargo reruns this script only when that variable, the
//! features, the directory or one of those descriptors changes, and each output file
//! is rewritten only when its content changes. The work (and the care that nothing
//! from a descriptor becomes a cargo directive) is in `elementgen::build_script`.

use elementgen::build_script::{DESCRIPTORS_VAR, Error};

fn main() -> Result<(), Error> {
    elementgen::Builder::new()
        .descriptors("descriptors")
        .descriptors_from_env(DESCRIPTORS_VAR)
        .elements_from_features()
        .generate()
}
