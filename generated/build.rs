//! Generates the element modules from the descriptors into `OUT_DIR`.
//!
//! Reads `../descriptors`, or the directory named by `ELEMENTGEN_DESCRIPTORS` (a
//! relative one from where cargo was run): the
//! descriptors of the elements whose feature is on (all with `all`). Cargo reruns
//! this script only when that variable, the features, the directory or one of those
//! descriptors changes, and each output file is rewritten only when its content
//! changes. The work (and the care
//! that nothing from a descriptor becomes a cargo directive) is in
//! `elementgen::build_script`.

use std::path::PathBuf;
use std::process::ExitCode;

use elementgen::build_script::{self, DESCRIPTORS_VAR};

fn main() -> ExitCode {
    let dir = match std::env::var_os(DESCRIPTORS_VAR) {
        Some(dir) => from_where_cargo_ran(PathBuf::from(dir)),
        None => PathBuf::from(
            std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        )
        .join("..")
        .join("descriptors"),
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let outcome = build_script::run(&dir, &out_dir, &build_script::Features::from_env());
    for line in &outcome.directives {
        println!("{line}");
    }
    match outcome.error {
        Some(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
        None => ExitCode::SUCCESS,
    }
}

/// A relative `ELEMENTGEN_DESCRIPTORS` as the user meant it: relative to where they
/// ran cargo, which the shell's `PWD` names (cargo runs build scripts in the
/// package's directory and leaves `PWD` as it found it). A program that changes
/// directory without updating `PWD` (an IDE, `make -C`) passes a stale one: there,
/// give an absolute path. Without an absolute `PWD` it stays relative to the
/// package's directory.
fn from_where_cargo_ran(dir: PathBuf) -> PathBuf {
    if dir.is_absolute() {
        return dir;
    }
    match std::env::var_os("PWD").map(PathBuf::from) {
        Some(pwd) if pwd.is_absolute() => {
            println!("cargo::rerun-if-env-changed=PWD");
            pwd.join(dir)
        }
        _ => dir,
    }
}
