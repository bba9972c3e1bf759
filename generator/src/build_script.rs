//! The build-script API ([`Builder`]): load and check the descriptors of the
//! elements a build compiles (all of a directory, some by key, or one cargo feature
//! per element key and `all`, as the `elements` crate does), write their Rust into
//! `OUT_DIR` (one file per element, each rewritten only when it changed), and say what
//! cargo must watch. `generated/build.rs` is one call of it.
//!
//! The generated code tests two features of the crate that includes it: `deserialize`
//! (`Deserialize` of the configurations and enums) and `examples` (the pages' example
//! requests, which read a configuration back, so it needs `deserialize` too: declare
//! `examples = ["elements-runtime/examples", "deserialize"]`). A crate without them
//! compiles neither.
//!
//! Only the compiled elements' descriptors are read and watched (the directory too
//! with `all`): a build of one element of a catalog of thousands reads one file, and
//! an edit to another descriptor does not rerun it. The whole catalog is
//! `elementgen check`'s to validate.
//!
//! Cargo reads a build script's stdout line by line, and every line that starts with
//! `cargo::` is a directive (`rustc-link-lib` links native code into every binary
//! that uses the crate). So nothing taken from the catalog is ever printed as is:
//! messages go through [`escape::one_line`], and a path that a line cannot hold
//! exactly is refused rather than printed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self, Diagnostic};
use crate::emit::rust;
use crate::escape;
use crate::text::{self, TextKind};
use crate::write::write_if_changed;

/// The environment variable naming another descriptor directory.
pub const DESCRIPTORS_VAR: &str = "ELEMENTGEN_DESCRIPTORS";

/// The feature that compiles every element of the catalog.
pub const ALL_FEATURE: &str = "all";

/// Declares the features the generated code tests (`examples`, `deserialize`), for
/// crates that do not have them.
fn features_check_cfg() -> String {
    format!(
        "cargo::rustc-check-cfg=cfg(feature, values(\"{EXAMPLES_FEATURE}\", \"{DESERIALIZE_FEATURE}\"))"
    )
}

/// The feature that compiles the pages' example requests (`example()`, `examples()`).
pub const EXAMPLES_FEATURE: &str = "examples";

/// The feature that compiles `Deserialize` for the configurations and enums (loading
/// a configuration from an application's settings by its wire keys).
pub const DESERIALIZE_FEATURE: &str = "deserialize";

/// The `elements` crate's features that are not elements: no element key may be one.
/// Sorted.
pub const RESERVED_FEATURES: &[&str] = &[
    ALL_FEATURE,
    "default",
    DESERIALIZE_FEATURE,
    EXAMPLES_FEATURE,
];

/// The variable cargo sets for a build script when feature `name` is on.
pub fn feature_var(name: &str) -> String {
    const PREFIX: &str = "CARGO_FEATURE_";
    let mut var = String::with_capacity(PREFIX.len() + name.len());
    var.push_str(PREFIX);
    for c in name.chars() {
        match c {
            '-' => var.push('_'),
            c if c.is_ascii() => var.push(c.to_ascii_uppercase()),
            c => var.extend(c.to_uppercase()),
        }
    }
    var
}

/// The features a build of the client has on, as cargo tells its build script (one
/// `CARGO_FEATURE_<NAME>` variable each, the name upper-cased with `-` as `_`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Features {
    /// `all` is on: every element is compiled.
    pub all: bool,
    /// The variables of the features that are on, `all` aside.
    pub on: BTreeSet<String>,
}

impl Features {
    /// What cargo set for this build script.
    pub fn from_env() -> Self {
        Self::from_vars(std::env::vars_os().filter_map(|(k, _)| k.into_string().ok()))
    }

    /// Features with the given names on (as a manifest spells them).
    #[cfg(test)]
    fn named(names: &[&str]) -> Self {
        Self::from_vars(names.iter().map(|n| feature_var(n)))
    }

    fn from_vars(vars: impl Iterator<Item = String>) -> Self {
        let all = feature_var(ALL_FEATURE);
        let mut features = Features::default();
        for var in vars.filter(|v| v.starts_with("CARGO_FEATURE_")) {
            if var == all {
                features.all = true;
            } else {
                features.on.insert(var);
            }
        }
        features
    }

    /// Whether the element `key` is compiled: its feature or `all` is on.
    pub fn compiles(&self, key: &str) -> bool {
        self.all || self.on.contains(&feature_var(key))
    }
}

/// Generates the Rust of a directory of element descriptors from a crate's build
/// script: the build-script API, as `prost-build`'s `Config` is for `.proto` files.
///
/// ```no_run
/// // build.rs of a crate with its own `descriptors/` (and `elements-runtime` as a
/// // dependency); the crate then has `include!(concat!(env!("OUT_DIR"), "/elements.rs"));`
/// // at its root.
/// fn main() -> Result<(), elementgen::build_script::Error> {
///     elementgen::Builder::new().descriptors("descriptors").generate()
/// }
/// ```
///
/// It writes `elements.rs` (the common options, then one `include!` per element) and
/// `elements/<module>.rs` into `OUT_DIR` (and, for a build with the `examples`
/// feature, `examples.rs` and `examples/<module>.rs`), each only when its content
/// changed, and
/// prints the `cargo::rerun-if-changed` lines of exactly what it read: a build reruns
/// when a compiled descriptor changes, not on any edit nearby. A descriptor error
/// fails the build with the CLI's diagnostics (file, line, column, help). The
/// generated code names the runtime as `::elements_runtime` (serde, serde_json and url
/// through it), so `elements-runtime` is the one dependency the crate needs for it.
#[derive(Clone, Debug)]
#[must_use]
pub struct Builder {
    descriptors: PathBuf,
    env_var: Option<String>,
    selection: Selection,
    out_dir: Option<PathBuf>,
    crate_name: Option<String>,
    page_examples: bool,
}

/// Which descriptors of the directory a build compiles.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selection {
    /// Every descriptor.
    All,
    /// The descriptors of these element keys.
    Keys(BTreeSet<String>),
    /// Those whose cargo feature is on, as the build's features say.
    Features(Features),
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// Every element of `descriptors/` (in the package's directory), into `OUT_DIR`.
    pub fn new() -> Self {
        Self {
            descriptors: PathBuf::from("descriptors"),
            env_var: None,
            selection: Selection::All,
            out_dir: None,
            crate_name: None,
            page_examples: false,
        }
    }

    /// The descriptor directory; a relative path is read from the package's
    /// directory (`CARGO_MANIFEST_DIR`), where the crate's `Cargo.toml` is.
    pub fn descriptors(mut self, dir: impl Into<PathBuf>) -> Self {
        self.descriptors = dir.into();
        self
    }

    /// Lets the environment variable `var` name another descriptor directory (the
    /// `elements` crate's `ELEMENTGEN_DESCRIPTORS`); a relative one is read from where
    /// cargo was run. The build reruns when the variable changes.
    pub fn descriptors_from_env(mut self, var: impl Into<String>) -> Self {
        self.env_var = Some(var.into());
        self
    }

    /// Only these elements (by key, the descriptor's file name): a build then reads
    /// and watches their files only. A key with no descriptor fails the build.
    pub fn elements<K: Into<String>>(mut self, keys: impl IntoIterator<Item = K>) -> Self {
        self.selection = Selection::Keys(keys.into_iter().map(Into::into).collect());
        self
    }

    /// The elements whose cargo feature is on: one feature per element key, and `all`
    /// for every element (`elementgen generate` writes these features into the
    /// `elements` crate's manifest). A feature that names no descriptor is a warning.
    pub fn elements_from_features(mut self) -> Self {
        self.selection = Selection::Features(Features::from_env());
        self
    }

    /// The name of the crate that includes the files, as `use` names it, for the
    /// generated doctests; by default the package's name (`CARGO_PKG_NAME`, `-` as
    /// `_`). Only a `[lib] name` that differs from the package's needs it.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Writes the guide pages' Rust as test functions instead of the client
    /// (`elements_page_examples.rs`: per element a module of one
    /// `page_example_<variant>` per variant, and `page_examples()`), for a test crate
    /// that depends on the client (named `elements`, as the pages name it) and runs
    /// the pages' snippets against a server. The client does not carry them.
    pub fn page_examples(mut self) -> Self {
        self.page_examples = true;
        self
    }

    /// Where the files go instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates, prints the cargo directives to stdout and, on failure, the
    /// diagnostics to stderr (cargo shows a failing build script's stderr).
    ///
    /// # Errors
    /// When a descriptor is invalid or a file cannot be read or written; the error
    /// says where the diagnostics are, [`Error::report`] holds them.
    pub fn generate(&self) -> Result<(), Error> {
        let outcome = self.run();
        for line in &outcome.directives {
            println!("{line}");
        }
        match outcome.error {
            Some(report) => {
                eprintln!("{report}");
                Err(Error { report })
            }
            None => Ok(()),
        }
    }

    /// Generates, and returns the directives and the error instead of printing them.
    pub fn run(&self) -> Outcome {
        // The generated code puts the pages' example requests behind a feature named
        // `examples`; a crate without that feature would see `unexpected_cfgs`.
        let mut outcome = Outcome {
            directives: vec![features_check_cfg()],
            error: None,
        };
        let dir = match &self.env_var {
            Some(var) => {
                outcome.directives.push(format!(
                    "cargo::rerun-if-env-changed={}",
                    escape::one_line(var)
                ));
                match std::env::var_os(var) {
                    Some(dir) => from_where_cargo_ran(&mut outcome, PathBuf::from(dir)),
                    None => in_package(&self.descriptors),
                }
            }
            None => in_package(&self.descriptors),
        };
        let out_dir = match self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
        {
            Some(dir) => dir,
            None => {
                return outcome.fail(
                    "error: no OUT_DIR: run `Builder::generate` from a build script (cargo sets OUT_DIR) or give `Builder::out_dir`".to_string(),
                );
            }
        };
        let crate_name = match self.crate_name.clone().or_else(|| {
            std::env::var("CARGO_PKG_NAME")
                .ok()
                .map(|name| name.replace('-', "_"))
        }) {
            Some(name) if is_identifier(&name) => name,
            Some(name) => {
                return outcome.fail(escape::one_line(&format!(
                    "error: the crate name `{name}` is not a Rust identifier: give `Builder::crate_name` the name `use` knows the crate by"
                )));
            }
            None => rust::CLIENT_CRATE.to_string(),
        };
        let output = if self.page_examples {
            Output::PageExamples
        } else {
            // What the `examples` feature compiles is written only for a build with it.
            Output::Client {
                crate_name,
                examples: std::env::var_os(feature_var(EXAMPLES_FEATURE)).is_some(),
            }
        };
        generate_into(outcome, &dir, &out_dir, &self.selection, &output)
    }
}

/// What `use` accepts as a crate's name: ASCII letters, digits and `_`, not starting
/// with a digit (cargo's own rule for crate names).
fn is_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A relative path as the package's: cargo runs build scripts there, but the
/// directives are clearer (and independent of the working directory) when absolute.
fn in_package(dir: &Path) -> PathBuf {
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(package) if dir.is_relative() => PathBuf::from(package).join(dir),
        _ => dir.to_path_buf(),
    }
}

/// A relative directory from the environment as the user meant it: relative to where
/// they ran cargo, which the shell's `PWD` names (cargo runs build scripts in the
/// package's directory and leaves `PWD` as it found it). A program that changes
/// directory without updating `PWD` (an IDE, `make -C`) passes a stale one: there,
/// give an absolute path. Without an absolute `PWD` it stays relative to the
/// package's directory.
fn from_where_cargo_ran(outcome: &mut Outcome, dir: PathBuf) -> PathBuf {
    if dir.is_absolute() {
        return dir;
    }
    match std::env::var_os("PWD").map(PathBuf::from) {
        Some(pwd) if pwd.is_absolute() => {
            outcome
                .directives
                .push("cargo::rerun-if-env-changed=PWD".to_string());
            pwd.join(dir)
        }
        _ => in_package(&dir),
    }
}

/// Why [`Builder::generate`] failed; its diagnostics were printed to stderr.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    report: String,
}

impl Error {
    /// The diagnostics, as printed.
    pub fn report(&self) -> &str {
        &self.report
    }
}

// `fn main() -> Result<(), Error>` prints `Error: {:?}`: one line pointing at the
// diagnostics cargo shows above it, rather than them twice.
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("elementgen could not generate the elements: see the error above")
    }
}

impl std::error::Error for Error {}

/// What the build script prints: its directives (stdout), and on failure the error
/// text (stderr, which cargo shows as is).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Whole lines for stdout, each one `cargo::` directive.
    pub directives: Vec<String>,
    /// Why the build fails, when it does.
    pub error: Option<String>,
}

/// What a build writes.
enum Output {
    /// The client, for the crate of that name, with or without the `examples` items.
    Client { crate_name: String, examples: bool },
    /// The pages' Rust as test functions.
    PageExamples,
}

fn generate_into(
    mut outcome: Outcome,
    dir: &Path,
    out_dir: &Path,
    selection: &Selection,
    output: &Output,
) -> Outcome {
    let paths = match crate::load::descriptor_paths(dir) {
        Ok(paths) if !paths.is_empty() => paths,
        listed => {
            // Rerun once the directory is there and holds descriptors.
            if let Err(e) = watch(&mut outcome, dir) {
                return outcome.fail(e);
            }
            if let Err(e) = listed {
                return outcome.fail(unreadable(dir, &e));
            }
            // An empty catalog is a wrong path far more often than an intent.
            return outcome.fail(diagnostics::render(&[crate::empty_catalog(dir)], false));
        }
    };
    let mut compiled_paths = Vec::new();
    // What the selection names that no descriptor is (feature variables or keys).
    let mut unmatched = match selection {
        Selection::All => BTreeSet::new(),
        Selection::Keys(keys) => keys.clone(),
        Selection::Features(features) => {
            let mut on = features.on.clone();
            for name in RESERVED_FEATURES {
                on.remove(&feature_var(name));
            }
            on
        }
    };
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let compiled = match selection {
            Selection::All => true,
            Selection::Keys(keys) => {
                unmatched.remove(stem);
                keys.contains(stem)
            }
            Selection::Features(features) => {
                unmatched.remove(&feature_var(stem));
                features.compiles(stem)
            }
        };
        if !compiled {
            continue;
        }
        if let Err(e) = watch(&mut outcome, &path) {
            return outcome.fail(e);
        }
        compiled_paths.push(path);
    }
    // The directory itself only when a file added to it would matter: for every
    // element, or for a selected one without its descriptor. Cargo checks every file
    // of a watched directory, so watching it always would rerun a one-element build
    // on any edit to the catalog. (A watched file that goes missing reruns the script
    // too.)
    let every =
        matches!(selection, Selection::All) || matches!(selection, Selection::Features(f) if f.all);
    if (every || !unmatched.is_empty())
        && let Err(e) = watch(&mut outcome, dir)
    {
        return outcome.fail(e);
    }
    match selection {
        // Asked for by name: a typo or a missing file, which nothing else would report.
        Selection::Keys(_) if !unmatched.is_empty() => {
            let keys: Vec<String> = unmatched.iter().map(|k| format!("`{k}`")).collect();
            return outcome.fail(escape::one_line(&format!(
                "error: no descriptor in `{}` for the selected element {}: each is `<key>.yaml`",
                dir.display(),
                keys.join(", ")
            )));
        }
        // A feature with no descriptor: a manifest not regenerated after a descriptor
        // was removed, or another catalog (with `all`, every listed feature is on; not
        // news).
        Selection::Features(features) if !features.all => {
            for var in &unmatched {
                outcome.directives.push(format!(
                    "cargo::warning={}",
                    escape::one_line(&format!(
                        "a feature is on ({var}) that names no descriptor of `{}`: it compiles nothing; run `elementgen generate` if the element was removed",
                        dir.display()
                    ))
                ));
            }
        }
        _ => {}
    }
    let checked = crate::check_files(&compiled_paths);
    // Same diagnostics as the CLI; cargo shows a failing build script's stderr.
    let (catalog, warnings) = match checked.into_catalog() {
        Ok(ok) => ok,
        Err(all) => {
            let (errors, _) = diagnostics::counts(&all);
            return outcome.fail(format!(
                "{}error: {} in the element descriptors",
                diagnostics::render(&all, false),
                diagnostics::plural(errors, "error")
            ));
        }
    };
    outcome
        .directives
        .extend(warnings.iter().map(warning_directive));
    let (crate_name, examples) = match output {
        Output::Client {
            crate_name,
            examples,
        } => (crate_name, *examples),
        Output::PageExamples => {
            let name = rust::PAGE_EXAMPLES_FILE;
            if let Err(e) =
                write_if_changed(&out_dir.join(name), &rust::page_examples_source(&catalog))
            {
                return outcome.fail(format!(
                    "error: cannot write `{name}` into OUT_DIR: {}",
                    escape::one_line(&e.to_string())
                ));
            }
            return outcome;
        }
    };
    let files = rust::files_in(&catalog, crate_name, examples);
    for (name, source) in &files {
        if let Err(e) = write_if_changed(&out_dir.join(name), source) {
            return outcome.fail(format!(
                "error: cannot write `{name}` into OUT_DIR: {}",
                escape::one_line(&e.to_string())
            ));
        }
    }
    // Files of elements this catalog no longer has (ELEMENTGEN_DESCRIPTORS pointed
    // elsewhere), or of the examples of a build without them: nothing includes them,
    // and a reader of OUT_DIR should not see them.
    for dir in [rust::ELEMENT_DIR, rust::EXAMPLES_DIR] {
        if let Ok(entries) = std::fs::read_dir(out_dir.join(dir)) {
            for entry in entries.flatten() {
                let name = format!("{dir}/{}", entry.file_name().to_string_lossy());
                if !files.contains_key(&name) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
    if !files.contains_key(rust::EXAMPLES_FILE) {
        let _ = std::fs::remove_file(out_dir.join(rust::EXAMPLES_FILE));
    }
    outcome
}

impl Outcome {
    fn fail(mut self, error: String) -> Self {
        self.error = Some(error);
        self
    }
}

/// `cargo::rerun-if-changed=PATH`, or an error when the path cannot be one line of
/// UTF-8 text (cargo has no escaping for it).
fn watch(outcome: &mut Outcome, path: &Path) -> Result<(), String> {
    let refused = |what: &str| {
        format!(
            "error: cannot watch `{}`: its path {what}; rename it",
            escape::one_line(&path.to_string_lossy())
        )
    };
    let text = path.to_str().ok_or_else(|| refused("is not UTF-8"))?;
    if text::first_refused(text, TextKind::Line).is_some() {
        return Err(refused("holds a line break or control character"));
    }
    outcome
        .directives
        .push(format!("cargo::rerun-if-changed={text}"));
    Ok(())
}

fn unreadable(path: &Path, e: &std::io::Error) -> String {
    format!(
        "error: cannot read `{}`: {}",
        escape::one_line(&path.to_string_lossy()),
        escape::one_line(&e.to_string())
    )
}

/// One `cargo::warning=` line for a diagnostic, whatever its file name and message hold.
pub fn warning_directive(d: &Diagnostic) -> String {
    let text = format!(
        "{}:{}:{}: {}",
        d.file.display(),
        d.position.line,
        d.position.column,
        d.message
    );
    format!("cargo::warning={}", escape::one_line(&text))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn feature_variables_are_named_as_cargo_names_them() {
        assert_eq!(super::feature_var("base"), "CARGO_FEATURE_BASE");
        assert_eq!(super::feature_var("sfdc-v2_x"), "CARGO_FEATURE_SFDC_V2_X");
        // Cargo upper-cases with Rust's `to_uppercase`: `ß` becomes `SS`.
        assert_eq!(super::feature_var("straße"), "CARGO_FEATURE_STRASSE");
    }

    use super::*;
    use crate::diagnostics::{Position, SourceText};

    /// The hole this module closes: a message with line breaks (here one quoting a key
    /// that a bypassed validator let through) is still exactly one directive.
    #[test]
    fn a_message_with_line_breaks_is_one_warning() {
        let path = PathBuf::from("acme\n.yaml");
        let source = SourceText {
            path: &path,
            text: "key: acme\n",
        };
        let d = Diagnostic::warning(
            &source,
            Position::START,
            "`password\ncargo::rustc-link-lib=static:+whole-archive=evil\n` looks like a credential\r",
        );
        let line = warning_directive(&d);
        assert_eq!(
            line,
            "cargo::warning=acme\\n.yaml:1:1: `password\\ncargo::rustc-link-lib=static:+whole-archive=evil\\n` looks like a credential\\r"
        );
        // Cargo reads directives at the start of a line only.
        assert_eq!(line.lines().count(), 1);
    }

    #[test]
    fn a_path_that_is_not_one_line_is_refused() {
        let mut outcome = Outcome::default();
        let error = watch(&mut outcome, Path::new("x\ncargo::rustc-link-lib=evil")).unwrap_err();
        assert_eq!(
            error,
            "error: cannot watch `x\\ncargo::rustc-link-lib=evil`: its path holds a line break or control character; rename it"
        );
        assert!(outcome.directives.is_empty());
        watch(&mut outcome, Path::new("descriptors/base.yaml")).unwrap();
        assert_eq!(
            outcome.directives,
            ["cargo::rerun-if-changed=descriptors/base.yaml"]
        );
    }

    /// A build reads, watches and emits only the elements it compiles: an invalid
    /// descriptor of another element does not fail it.
    #[test]
    fn only_the_compiled_elements_are_read_watched_and_written() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, out) = (tmp.path().join("catalog"), tmp.path().join("out"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("acme-crm.yaml"),
            "key: acme-crm\nname: Acme\nhub: crm\ndescription: D.\nauth:\n  - type: custom\n",
        )
        .unwrap();
        std::fs::write(dir.join("broken.yaml"), "key: [\n").unwrap();
        // A build with these features on (`examples` among them or not).
        let run = |features: &[&str]| {
            let selection = Selection::Features(Features::named(features));
            let examples = features.contains(&EXAMPLES_FEATURE);
            let output = Output::Client {
                crate_name: "elements".to_string(),
                examples,
            };
            generate_into(Outcome::default(), &dir, &out, &selection, &output)
        };
        let outcome = run(&["acme-crm", "gone"]);
        assert_eq!(outcome.error, None);
        assert_eq!(
            outcome.directives,
            [
                format!(
                    "cargo::rerun-if-changed={}",
                    dir.join("acme-crm.yaml").display()
                ),
                // A feature without its descriptor: a new file could be it.
                format!("cargo::rerun-if-changed={}", dir.display()),
                format!(
                    "cargo::warning=a feature is on (CARGO_FEATURE_GONE) that names no descriptor of `{}`: it compiles nothing; run `elementgen generate` if the element was removed",
                    dir.display()
                ),
            ]
        );
        assert_eq!(walk(&out), ["elements.rs", "elements/acme_crm.rs"]);

        // With the `examples` feature, its items are files of their own, which a
        // build without it removes.
        assert_eq!(run(&["acme-crm", "examples"]).error, None);
        assert_eq!(
            walk(&out),
            [
                "elements.rs",
                "elements/acme_crm.rs",
                "examples.rs",
                "examples/acme_crm.rs"
            ]
        );
        let root = std::fs::read_to_string(out.join("elements.rs")).unwrap();
        assert!(root.contains("#[cfg(feature = \"examples\")]\ninclude!(\"examples.rs\");"));
        let module = std::fs::read_to_string(out.join("elements/acme_crm.rs")).unwrap();
        assert!(module.contains(
            "#[cfg(feature = \"examples\")]\n    include!(\"../examples/acme_crm.rs\");"
        ));
        run(&["acme-crm"]);
        assert_eq!(walk(&out), ["elements.rs", "elements/acme_crm.rs"]);
        let root = std::fs::read_to_string(out.join("elements.rs")).unwrap();
        assert!(root.contains("pub const ELEMENT_KEYS: &[&str] = &[\n    \"acme-crm\",\n];"));
        assert!(root.contains(r#"include!("elements/acme_crm.rs");"#));

        std::fs::write(out.join("elements/gone.rs"), "").unwrap();
        let one = run(&["acme-crm"]);
        assert_eq!(
            one.directives,
            [format!(
                "cargo::rerun-if-changed={}",
                dir.join("acme-crm.yaml").display()
            )],
            "without `all`, the directory is not watched: editing broken.yaml does not rerun"
        );
        assert!(
            !out.join("elements/gone.rs").exists(),
            "leftovers are removed"
        );

        let all = run(&["all", "gone"]);
        assert!(!all.directives.iter().any(|d| d.contains("warning")));
        assert!(
            all.error
                .as_deref()
                .is_some_and(|e| e.contains("broken.yaml")),
            "{all:?}"
        );
    }

    /// The build-script API: all of a directory by default (the directory watched, so
    /// a new descriptor reruns the build), or the elements named, where a name with no
    /// descriptor fails the build instead of compiling nothing.
    #[test]
    fn a_builder_compiles_the_directory_or_the_elements_it_names() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, out) = (tmp.path().join("catalog"), tmp.path().join("out"));
        std::fs::create_dir_all(&dir).unwrap();
        for key in ["acme-crm", "zeta"] {
            std::fs::write(
                dir.join(format!("{key}.yaml")),
                format!(
                    "key: {key}\nname: Acme\nhub: crm\ndescription: D.\nauth:\n  - type: custom\n"
                ),
            )
            .unwrap();
        }
        let watched = |name: &str| {
            let path = if name.is_empty() {
                dir.clone()
            } else {
                dir.join(name)
            };
            format!("cargo::rerun-if-changed={}", path.display())
        };

        let all = Builder::new().descriptors(&dir).out_dir(&out).run();
        assert_eq!(all.error, None);
        assert_eq!(
            all.directives,
            [
                features_check_cfg(),
                watched("acme-crm.yaml"),
                watched("zeta.yaml"),
                watched("")
            ]
        );
        assert_eq!(
            walk(&out),
            ["elements.rs", "elements/acme_crm.rs", "elements/zeta.rs"]
        );

        let one = Builder::new()
            .descriptors(&dir)
            .out_dir(&out)
            .elements(["zeta"])
            .run();
        assert_eq!(
            (one.error, one.directives),
            (None, vec![features_check_cfg(), watched("zeta.yaml")])
        );
        assert!(
            !out.join("elements/acme_crm.rs").exists(),
            "an element left out is removed"
        );

        let typo = Builder::new()
            .descriptors(&dir)
            .out_dir(&out)
            .elements(["zeta", "acme_crm"])
            .run();
        assert_eq!(
            typo.error.as_deref(),
            Some(
                format!(
                    "error: no descriptor in `{}` for the selected element `acme_crm`: each is `<key>.yaml`",
                    dir.display()
                )
                .as_str()
            )
        );
        assert_eq!(
            typo.directives,
            [features_check_cfg(), watched("zeta.yaml"), watched("")]
        );
    }

    /// The files under `dir`, relative to it, sorted.
    fn walk(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                out.extend(walk(&path).into_iter().map(|n| format!("{name}/{n}")));
            } else {
                out.push(name);
            }
        }
        out.sort();
        out
    }
}
