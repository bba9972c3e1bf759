//! `elementgen`: element descriptors in, Rust client modules and guide pages out.
//!
//! The pipeline runs one way: [`load`] reads and parses `<key>.yaml` files into the
//! [`descriptor`] model, [`resolve`] validates them and builds the resolved [`model`]
//! (implied fields, names and examples filled in), and the emitters in [`emit`] only
//! read that model. [`write`](mod@write) puts results on disk atomically and only when they
//! changed. The same functions serve the `elementgen` CLI and, through [`Builder`],
//! build scripts: the `elements` crate's and any crate's with descriptors of its own.
//! With `default-features = false` (what a build script wants) the template engine,
//! the argument parser and the thread pool are not compiled.

pub mod api;
pub mod build_script;
pub use build_script::Builder;
pub mod code;
pub mod descriptor;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod escape;
pub mod examples;
pub mod implied;
#[cfg(feature = "import")]
pub mod import;
pub mod load;
pub mod model;
pub mod names;
pub mod parallel;
pub mod project;
#[cfg(feature = "docs")]
pub mod publish;
pub mod resolve;
pub mod scaffold;
#[cfg(feature = "schema")]
pub mod schema;
pub mod snippet;
pub mod text;
pub mod write;

use std::io;
use std::path::{Path, PathBuf};

use diagnostics::Diagnostic;
use model::Catalog;

/// The outcome of checking a catalog directory.
#[derive(Debug)]
pub struct Checked {
    /// The resolved catalog. Usable only when there are no errors: elements whose
    /// descriptor did not parse are missing, others may hold placeholders.
    pub catalog: Catalog,
    /// Every error and warning, in print order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The catalog when it has no errors, else every diagnostic.
    pub fn into_catalog(self) -> Result<(Catalog, Vec<Diagnostic>), Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self.diagnostics)
        } else {
            Ok((self.catalog, self.diagnostics))
        }
    }
}

/// Validates and resolves descriptors given as file names and bytes, as if they were
/// the files of one catalog directory: what `check_catalog` does after reading.
pub fn check_sources(sources: impl IntoIterator<Item = (PathBuf, Vec<u8>)>) -> Checked {
    let sources: Vec<(PathBuf, Vec<u8>)> = sources.into_iter().collect();
    resolve_loaded(parallel::map_owned(sources, |(path, bytes)| {
        load::from_bytes(&path, bytes)
    }))
}

/// Loads, validates and resolves the descriptor files `paths` as one catalog (the
/// files are read in parallel with the `parallel` feature).
pub fn check_files(paths: &[PathBuf]) -> Checked {
    resolve_loaded(parallel::map(paths, |p| load::file(p)))
}

/// The catalog of the files that loaded, with the diagnostics of those that did not.
fn resolve_loaded(loaded: Vec<Result<load::Parsed, Vec<Diagnostic>>>) -> Checked {
    // References, not the parsed descriptors themselves: those are large values.
    let mut parsed = Vec::with_capacity(loaded.len());
    let mut diagnostics = Vec::new();
    for result in &loaded {
        match result {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.extend(d.iter().cloned()),
        }
    }
    let catalog = resolve::catalog(&parsed, &mut diagnostics);
    drop(parsed);
    parallel::drop_all(loaded);
    diagnostics::sort(&mut diagnostics);
    Checked {
        catalog,
        diagnostics,
    }
}

/// Loads, validates and resolves every descriptor in `dir`. Only a directory that
/// cannot be listed is an `Err`; everything wrong with its files is a diagnostic.
pub fn check_catalog(dir: &Path) -> io::Result<Checked> {
    let paths = load::descriptor_paths(dir)?;
    if paths.is_empty() {
        return Ok(Checked {
            catalog: resolve::catalog(&[], &mut Vec::new()),
            diagnostics: vec![empty_catalog(dir)],
        });
    }
    Ok(check_files(&paths))
}

/// The error of a descriptor directory without a descriptor: a wrong path far more
/// often than an intent (the CLI's and the build script's).
pub fn empty_catalog(dir: &Path) -> Diagnostic {
    let source = diagnostics::SourceText {
        path: dir,
        text: "",
    };
    Diagnostic::error(
        &source,
        diagnostics::Position::START,
        "the descriptor directory holds no `<key>.yaml` file",
    )
    .help("point `--descriptors` (or ELEMENTGEN_DESCRIPTORS) at the catalog, or create a descriptor with `elementgen new KEY --name NAME --auth TYPE`")
}
