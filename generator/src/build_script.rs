//! The `elements` crate's build script, as a library function: load and check the
//! descriptors of the elements the build compiles (one cargo feature per element key,
//! or `all`), write their Rust into `OUT_DIR` (one file per element, each rewritten
//! only when it changed), and say what cargo must watch. `generated/build.rs` only
//! prints what this returns.
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
use std::path::Path;

use crate::diagnostics::{self, Diagnostic};
use crate::emit::rust;
use crate::escape;
use crate::text::{self, TextKind};
use crate::write::write_if_changed;

/// The environment variable naming another descriptor directory.
pub const DESCRIPTORS_VAR: &str = "ELEMENTGEN_DESCRIPTORS";

/// The feature that compiles every element of the catalog.
pub const ALL_FEATURE: &str = "all";

/// The `elements` crate's features that are not elements: no element key may be one.
pub const RESERVED_FEATURES: &[&str] = &[ALL_FEATURE, "default", "examples"];

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

/// What the build script prints: its directives (stdout), and on failure the error
/// text (stderr, which cargo shows as is).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Whole lines for stdout, each one `cargo::` directive.
    pub directives: Vec<String>,
    /// Why the build fails, when it does.
    pub error: Option<String>,
}

/// Generates the client of the elements of `dir` that `features` select (by key, the
/// descriptor's file name) into `out_dir`.
pub fn run(dir: &Path, out_dir: &Path, features: &Features) -> Outcome {
    let mut outcome = Outcome {
        directives: vec![format!("cargo::rerun-if-env-changed={DESCRIPTORS_VAR}")],
        error: None,
    };
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
    let mut unmatched = features.on.clone();
    for name in RESERVED_FEATURES {
        unmatched.remove(&feature_var(name));
    }
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        unmatched.remove(&feature_var(stem));
        if !features.compiles(stem) {
            continue;
        }
        if let Err(e) = watch(&mut outcome, &path) {
            return outcome.fail(e);
        }
        compiled_paths.push(path);
    }
    // The directory itself only when a file added to it would matter: with `all`, or
    // for a feature without its descriptor. Cargo checks every file of a watched
    // directory, so watching it always would rerun a one-element build on any edit
    // to the catalog. (A watched file that goes missing reruns the script too.)
    if (features.all || !unmatched.is_empty())
        && let Err(e) = watch(&mut outcome, dir)
    {
        return outcome.fail(e);
    }
    // A feature with no descriptor: a manifest not regenerated after a descriptor was
    // removed, or another catalog (with `all`, every listed feature is on; not news).
    if !features.all {
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
    let files = rust::files(&catalog);
    for (name, source) in &files {
        if let Err(e) = write_if_changed(&out_dir.join(name), source) {
            return outcome.fail(format!(
                "error: cannot write `{name}` into OUT_DIR: {}",
                escape::one_line(&e.to_string())
            ));
        }
    }
    // Files of elements this catalog no longer has (ELEMENTGEN_DESCRIPTORS pointed
    // elsewhere): nothing includes them, and a reader of OUT_DIR should not see them.
    if let Ok(entries) = std::fs::read_dir(out_dir.join(rust::ELEMENT_DIR)) {
        for entry in entries.flatten() {
            let name = format!(
                "{}/{}",
                rust::ELEMENT_DIR,
                entry.file_name().to_string_lossy()
            );
            if !files.contains_key(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
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
        let outcome = run(
            &dir,
            &out,
            &Features::named(&["acme-crm", "examples", "gone"]),
        );
        assert_eq!(outcome.error, None);
        assert_eq!(
            outcome.directives,
            [
                format!("cargo::rerun-if-env-changed={DESCRIPTORS_VAR}"),
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
        let mut written: Vec<String> = walk(&out);
        written.sort();
        assert_eq!(written, ["elements.rs", "elements/acme_crm.rs"]);
        let root = std::fs::read_to_string(out.join("elements.rs")).unwrap();
        assert!(root.contains("pub const ELEMENT_KEYS: &[&str] = &[\n    \"acme-crm\",\n];"));
        assert!(root.contains(r#"include!("elements/acme_crm.rs");"#));

        std::fs::write(out.join("elements/gone.rs"), "").unwrap();
        let one = run(&dir, &out, &Features::named(&["acme-crm"]));
        assert_eq!(
            one.directives,
            [
                format!("cargo::rerun-if-env-changed={DESCRIPTORS_VAR}"),
                format!(
                    "cargo::rerun-if-changed={}",
                    dir.join("acme-crm.yaml").display()
                ),
            ],
            "without `all`, the directory is not watched: editing broken.yaml does not rerun"
        );
        assert!(
            !out.join("elements/gone.rs").exists(),
            "leftovers are removed"
        );

        let all = run(&dir, &out, &Features::named(&["all", "gone"]));
        assert!(!all.directives.iter().any(|d| d.contains("warning")));
        assert!(
            all.error
                .as_deref()
                .is_some_and(|e| e.contains("broken.yaml")),
            "{all:?}"
        );
    }

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
        out
    }
}
