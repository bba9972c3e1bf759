//! Reading the catalog directory and parsing each descriptor file.
//!
//! Every file is read whole and checked before YAML sees it (size, text, emptiness),
//! parsed with limits that make hostile input (alias bombs, deep nesting) a clean
//! error, and each YAML or shape error becomes a [`Diagnostic`] at its position.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_saphyr::budget::Budget;

use crate::descriptor::Descriptor;
use crate::diagnostics::{Diagnostic, Position, SourceText, one_of};

/// Descriptors larger than this are refused before parsing: real ones are a few KiB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Nesting deeper than this is refused: the format itself nests five levels.
const MAX_DEPTH: usize = 32;

/// A descriptor file read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file, as the user named it (catalog directory joined with the file name).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

impl SourceFile {
    /// The file name without `.yaml`: what the element key must be.
    pub fn stem(&self) -> &str {
        self.path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
    }

    /// A view for building diagnostics.
    pub fn source(&self) -> SourceText<'_> {
        SourceText {
            path: &self.path,
            text: &self.text,
        }
    }
}

/// A parsed descriptor with the file it came from.
#[derive(Debug)]
pub struct Parsed {
    /// Where it came from.
    pub file: SourceFile,
    /// What it says.
    pub descriptor: Descriptor,
}

/// The descriptor files of a catalog directory, sorted by name: every `*.yaml`, plus
/// `*.yml` files so that they can be reported rather than silently skipped.
pub fn descriptor_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Reads and parses every descriptor of `dir`. I/O errors on the directory itself are
/// returned; problems with single files become diagnostics.
pub fn catalog(dir: &Path) -> io::Result<(Vec<Parsed>, Vec<Diagnostic>)> {
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    for path in descriptor_paths(dir)? {
        match file(&path) {
            Ok(p) => parsed.push(p),
            Err(d) => diagnostics.push(*d),
        }
    }
    Ok((parsed, diagnostics))
}

/// Reads and parses one descriptor file.
pub fn file(path: &Path) -> Result<Parsed, Box<Diagnostic>> {
    let whole_file = |message: String, help: &str| {
        let source = SourceText { path, text: "" };
        Box::new(Diagnostic::error(&source, Position::START, message).help(help))
    };
    if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
        return Err(whole_file(
            "descriptor files must end in `.yaml`".into(),
            "rename the file to `<key>.yaml`",
        ));
    }
    // Refuse a huge file before reading it into memory.
    let size = fs::metadata(path)
        .map_err(|e| {
            whole_file(
                format!("cannot read the file: {e}"),
                "check its permissions",
            )
        })?
        .len();
    let too_large = |size: u64| {
        whole_file(
            format!(
                "file is {size} bytes, larger than the {MAX_FILE_BYTES} bytes a descriptor may have"
            ),
            "a descriptor is a few KiB of YAML; is this the right file?",
        )
    };
    if size > MAX_FILE_BYTES as u64 {
        return Err(too_large(size));
    }
    let bytes = fs::read(path).map_err(|e| {
        whole_file(
            format!("cannot read the file: {e}"),
            "check its permissions",
        )
    })?;
    if bytes.len() > MAX_FILE_BYTES {
        // It grew between the two looks.
        return Err(too_large(bytes.len() as u64));
    }
    if bytes.contains(&0) {
        return Err(whole_file(
            "file is binary (it contains NUL bytes)".into(),
            "a descriptor is UTF-8 YAML text",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        whole_file(
            format!(
                "file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            "save the descriptor as UTF-8",
        )
    })?;
    let file = SourceFile {
        path: path.to_path_buf(),
        text,
    };
    if file
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Box::new(
            Diagnostic::error(&file.source(), Position::START, "descriptor is empty")
                .help("a descriptor is a mapping with `key`, `name`, `hub`, `description` and `auth`; `elementgen new` writes one"),
        ));
    }
    match parse(&file.text) {
        Ok(descriptor) => Ok(Parsed { file, descriptor }),
        Err(e) => Err(Box::new(yaml_error(&file.source(), &e))),
    }
}

fn parse(text: &str) -> Result<Descriptor, serde_saphyr::Error> {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    let options = serde_saphyr::options! {
        budget: Some(budget),
        strict_booleans: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options(text, options)
}

/// Turns a YAML or shape error into a diagnostic, rewording serde's messages so that
/// they say what is accepted and suggest the nearest valid name.
fn yaml_error(source: &SourceText<'_>, error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let error = error.without_snippet();
    let position = error
        .location()
        .filter(|l| l.line() > 0)
        .map_or(Position::START, |l| Position {
            line: l.line() as usize,
            column: (l.column() as usize).max(1),
            len: token_len(source.line(l.line() as usize), l.column() as usize),
        });
    match error {
        E::SerdeUnknownField { field, expected, .. } => {
            Diagnostic::error(source, position, format!("unknown field `{field}`"))
                .label("not a field here")
                .did_you_mean(field, expected.iter().copied())
                .help(format!("expected {}", one_of(expected)))
        }
        E::SerdeUnknownVariant { variant, expected, .. } => {
            Diagnostic::error(source, position, format!("unknown value `{variant}`"))
                .label("not accepted here")
                .did_you_mean(variant, expected.iter().copied())
                .help(format!("expected {}", one_of(expected)))
        }
        // The library places a missing field at the last key it read of the mapping
        // that lacks it, so the label speaks of that mapping rather than of the key.
        E::SerdeMissingField { field, .. } => {
            Diagnostic::error(source, position, format!("missing field `{field}`"))
                .label(format!("no `{field}` in this mapping"))
                .help(format!("add `{field}: ...` at the indentation of this line"))
        }
        E::SerdeInvalidType { unexpected, expected, .. } => {
            Diagnostic::error(source, position, format!("expected {}, found {unexpected}", plain_expected(expected)))
                .label("wrong type")
        }
        E::Unexpected { expected, .. } if expected.ends_with("mapping start") => {
            Diagnostic::error(source, position, "expected a mapping of fields here")
                .label("not a mapping")
                .help("write `name: value` pairs; a descriptor is a mapping with `key`, `name`, `hub`, `description` and `auth`")
        }
        E::Unexpected { expected, .. } if expected.ends_with("sequence start") => {
            Diagnostic::error(source, position, "expected a list here")
                .label("not a list")
                .help("write one `- item` per line under the key, or `[first, second]`")
        }
        E::Unexpected { expected: "string scalar", .. } => {
            Diagnostic::error(source, position, "expected a string here")
                .label("not a string")
                .help("quote text that starts with `[`, `{`, `&`, `*` or `!`")
        }
        E::InvalidScalar { ty, .. } => {
            let expected = plain_expected(ty);
            let d = Diagnostic::error(source, position, format!("expected {expected}"))
                .label("wrong type");
            if expected == "a whole number" {
                d.help("write digits without quotes, e.g. `190`")
            } else {
                d
            }
        }
        E::InvalidBooleanStrict { .. } => Diagnostic::error(source, position, "not a boolean")
            .label("expected `true` or `false`")
            .help("write `true` or `false`; YAML 1.1 forms such as `yes` and `on` are not booleans here"),
        other => {
            let message = message_without_location(&other.to_string());
            Diagnostic::error(source, position, message).label("here")
        }
    }
}

/// Serde names the expected type after the Rust type (`struct Descriptor`); say what
/// the user writes instead.
fn plain_expected(expected: &str) -> String {
    match expected {
        e if e.starts_with("struct ") => "a mapping".into(),
        "a sequence" => "a list".into(),
        "a string" | "a boolean" => expected.into(),
        e if e.starts_with("u") || e.starts_with("i") => "a whole number".into(),
        e => e.into(),
    }
}

/// The library appends " at line X column Y" to some messages; the diagnostic already
/// shows the position.
fn message_without_location(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message);
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Length in characters of the YAML token at 1-based `column` of `line`: a quoted
/// string, a plain scalar or key up to `:`/`#`/end, a flow list or mapping up
/// to its closing bracket on the same line (else the bracket alone), at least one character.
fn token_len(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column.saturating_sub(1)).collect();
    let len = match rest.first() {
        Some('[' | '{') => {
            let mut depth = 0usize;
            rest.iter()
                .position(|&c| {
                    match c {
                        '[' | '{' => depth += 1,
                        ']' | '}' => depth = depth.saturating_sub(1),
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(1, |i| i + 1)
        }
        Some(&q @ ('"' | '\'')) => rest
            .iter()
            .skip(1)
            .position(|&c| c == q)
            .map_or(rest.len(), |i| i + 2),
        Some(_) => {
            let end = rest
                .iter()
                .enumerate()
                .position(|(i, &c)| {
                    (c == ':' && rest.get(i + 1).is_none_or(|n| n.is_whitespace()))
                        || (c == '#' && i > 0 && rest[i - 1] == ' ')
                })
                .unwrap_or(rest.len());
            rest[..end]
                .iter()
                .collect::<String>()
                .trim_end()
                .chars()
                .count()
        }
        None => 1,
    };
    len.max(1)
}

/// The span of a `Spanned` value as a diagnostic position.
pub fn position_of(source: &SourceText<'_>, location: &serde_saphyr::Location) -> Position {
    if location.line() == 0 {
        return Position::START;
    }
    let line = location.line() as usize;
    let column = (location.column() as usize).max(1);
    Position {
        line,
        column,
        len: token_len(source.line(line), column),
    }
}
