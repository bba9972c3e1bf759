//! The `elements` crate's build script, as a library function: load and check the
//! catalog, write one Rust file per run into `OUT_DIR`, and say what cargo must
//! watch. `generated/build.rs` only prints what this returns.
//!
//! Cargo reads a build script's stdout line by line, and every line that starts with
//! `cargo::` is a directive (`rustc-link-lib` links native code into every binary
//! that uses the crate). So nothing taken from the catalog is ever printed as is:
//! messages go through [`escape::one_line`], and a path that a line cannot hold
//! exactly is refused rather than printed.

use std::path::Path;

use crate::diagnostics::{self, Diagnostic};
use crate::emit::rust;
use crate::escape;
use crate::text::{self, TextKind};
use crate::write::write_if_changed;

/// The environment variable naming another descriptor directory.
pub const DESCRIPTORS_VAR: &str = "ELEMENTGEN_DESCRIPTORS";

/// What the build script prints: its directives (stdout), and on failure the error
/// text (stderr, which cargo shows as is).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Whole lines for stdout, each one `cargo::` directive.
    pub directives: Vec<String>,
    /// Why the build fails, when it does.
    pub error: Option<String>,
}

/// Generates the client from the descriptors of `dir` into `out_dir`.
pub fn run(dir: &Path, out_dir: &Path) -> Outcome {
    let mut outcome = Outcome {
        directives: vec![format!("cargo::rerun-if-env-changed={DESCRIPTORS_VAR}")],
        error: None,
    };
    if let Err(e) = watch(&mut outcome, dir) {
        return outcome.fail(e);
    }
    let paths = match crate::load::descriptor_paths(dir) {
        Ok(paths) => paths,
        Err(e) => return outcome.fail(unreadable(dir, &e)),
    };
    for path in &paths {
        if let Err(e) = watch(&mut outcome, path) {
            return outcome.fail(e);
        }
    }
    let checked = match crate::check_catalog(dir) {
        Ok(checked) => checked,
        Err(e) => return outcome.fail(unreadable(dir, &e)),
    };
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
    for (name, source) in rust::files(&catalog) {
        if let Err(e) = write_if_changed(&out_dir.join(&name), &source) {
            return outcome.fail(format!(
                "error: cannot write `{name}` into OUT_DIR: {}",
                escape::one_line(&e.to_string())
            ));
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

fn unreadable(dir: &Path, e: &std::io::Error) -> String {
    format!(
        "error: cannot read the descriptor directory `{}`: {}",
        escape::one_line(&dir.to_string_lossy()),
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
}
