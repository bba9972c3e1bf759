//! Generates the client of this crate's own `descriptors/` into `OUT_DIR`.

fn main() -> Result<(), elementgen::build_script::Error> {
    elementgen::Builder::new()
        .descriptors("descriptors")
        .generate()
}
