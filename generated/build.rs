//! Generates the element modules from the descriptors into `OUT_DIR`.
//!
//! Reads `../descriptors`, or the directory named by `ELEMENTGEN_DESCRIPTORS`. Cargo
//! reruns this script only when that variable, the directory or a descriptor changes,
//! and the output is rewritten only when its content changes.

use std::path::PathBuf;
use std::process::ExitCode;

use elementgen::diagnostics;
use elementgen::emit::rust;
use elementgen::write::write_if_changed;

const DESCRIPTORS_VAR: &str = "ELEMENTGEN_DESCRIPTORS";

fn main() -> ExitCode {
    println!("cargo::rerun-if-env-changed={DESCRIPTORS_VAR}");
    let dir = match std::env::var_os(DESCRIPTORS_VAR) {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        )
        .join("..")
        .join("descriptors"),
    };
    println!("cargo::rerun-if-changed={}", dir.display());
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::FAILURE
    };
    match elementgen::load::descriptor_paths(&dir) {
        Ok(paths) => {
            for path in paths {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
        Err(e) => {
            return fail(format!(
                "cannot read the descriptor directory `{}`: {e}",
                dir.display()
            ));
        }
    }
    let checked = match elementgen::check_catalog(&dir) {
        Ok(checked) => checked,
        Err(e) => {
            return fail(format!(
                "cannot read the descriptor directory `{}`: {e}",
                dir.display()
            ));
        }
    };
    // Same diagnostics as the CLI; cargo shows a failing build script's stderr.
    let (catalog, warnings) = match checked.into_catalog() {
        Ok(ok) => ok,
        Err(all) => {
            eprint!("{}", diagnostics::render(&all, false));
            let (errors, _) = diagnostics::counts(&all);
            return fail(format!(
                "{} in the element descriptors",
                diagnostics::plural(errors, "error")
            ));
        }
    };
    for w in &warnings {
        println!(
            "cargo::warning={}:{}:{}: {}",
            w.file.display(),
            w.position.line,
            w.position.column,
            w.message
        );
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, source) in rust::files(&catalog) {
        if let Err(e) = write_if_changed(&out_dir.join(&name), &source) {
            return fail(format!("cannot write `{name}` into OUT_DIR: {e}"));
        }
    }
    ExitCode::SUCCESS
}
