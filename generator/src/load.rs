//! Reading the catalog directory and parsing each descriptor file.
//!
//! Every file is read whole and checked before YAML sees it (size, text, emptiness),
//! parsed with limits that make hostile input (alias bombs, deep nesting) a clean
//! error, and each YAML or shape error becomes a [`Diagnostic`] at its position.

use std::fs;
use std::io::{self, Read as _};
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
/// `*.yml` files so that they can be reported rather than silently skipped. Links to
/// files are listed (and [`file()`] refuses those that lead out of the directory), and
/// so are dangling links, which [`file()`] reports rather than the element going
/// missing without a word; directories, pipes and devices, and links to them, are
/// not (opening a pipe would block).
pub fn descriptor_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let kind = entry.file_type()?;
        let listed = kind.is_file()
            || (kind.is_symlink()
                && fs::metadata(&path).map_or_else(
                    |e| e.kind() == io::ErrorKind::NotFound,
                    |target| target.is_file(),
                ));
        if is_yaml && listed {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// Whether `path` is a link whose target is not inside the directory that holds it:
/// such a file is not read, so that a catalog cannot make the tools read (and echo in
/// an error) a file from elsewhere.
fn links_out_of_its_directory(path: &Path) -> io::Result<bool> {
    if !fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = fs::canonicalize(dir)?;
    let target = fs::canonicalize(path)?;
    Ok(target.parent() != Some(dir.as_path()))
}

/// Reads and parses one descriptor file.
pub fn file(path: &Path) -> Result<Parsed, Vec<Diagnostic>> {
    let whole_file = |message: String, help: &str| {
        let source = SourceText { path, text: "" };
        vec![Diagnostic::error(&source, Position::START, message).help(help)]
    };
    if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
        return Err(whole_file(
            "descriptor files must end in `.yaml`".into(),
            "rename the file to `<key>.yaml`",
        ));
    }
    match links_out_of_its_directory(path) {
        Ok(false) => {}
        Ok(true) => {
            return Err(whole_file(
                "the file is a link to a file outside the descriptor directory; it was not read"
                    .into(),
                "copy the descriptor into the directory instead of linking to it",
            ));
        }
        Err(e) => {
            return Err(whole_file(
                format!("cannot read the file: {e}"),
                "check that the link's target exists",
            ));
        }
    }
    let cannot_read = |e: io::Error| {
        whole_file(
            format!("cannot read the file: {e}"),
            "check its permissions",
        )
    };
    // Refuse a huge file before reading it into memory. The size is that of the open
    // file, so the file measured is the file read (`from_bytes` checks what was read).
    let mut file = fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(vec![too_large(path, size)]);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    from_bytes(path, bytes)
}

/// The error of a descriptor file of `size` bytes, over the limit.
fn too_large(path: &Path, size: u64) -> Diagnostic {
    let source = SourceText { path, text: "" };
    Diagnostic::error(
        &source,
        Position::START,
        format!(
            "file is {size} bytes, larger than the {MAX_FILE_BYTES} bytes a descriptor may have"
        ),
    )
    .help("a descriptor is a few KiB of YAML; is this the right file?")
}

/// Parses the bytes of descriptor file `path` (as read from disk, or made in memory by
/// a test): text checks, YAML and shape, each problem a diagnostic in that file.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Parsed, Vec<Diagnostic>> {
    let whole_file = |message: String, help: &str| {
        let source = SourceText { path, text: "" };
        vec![Diagnostic::error(&source, Position::START, message).help(help)]
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(path, bytes.len() as u64)]);
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
        text: normalize_line_breaks(text),
    };
    if file
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(vec![
            Diagnostic::error(&file.source(), Position::START, "descriptor is empty")
                .help("a descriptor is a mapping with `key`, `name`, `hub`, `description` and `auth`; `elementgen new` writes one"),
        ]);
    }
    match parse(&file.text) {
        Ok(descriptor) => Ok(Parsed { file, descriptor }),
        Err(e) => Err(every_shape_error(&file, &e)),
    }
}

/// Most shape errors to report for one file, starting with the parser's first one.
const MAX_SHAPE_ERRORS: usize = 20;

/// Every shape error of a file the parser can get past: the parser stops at the first
/// one, so the entry holding it is blanked out (its lines kept, as empty lines, so
/// positions stay) and the text parsed again, until it parses or an error cannot be
/// got past (a syntax error, a missing field, or an entry whose removal would break
/// the structure around it). A fix then shows no error that was there all along.
fn every_shape_error(file: &SourceFile, first: &serde_saphyr::Error) -> Vec<Diagnostic> {
    let source = file.source();
    let report = |e: &serde_saphyr::Error| {
        let d = yaml_error(&source, e);
        tab_indentation(&source, d.position.line).unwrap_or(d)
    };
    let mut out = vec![report(first)];
    let mut text = file.text.clone();
    let mut line = recoverable_line(first);
    let mut blanked: Vec<String> = Vec::new();
    while out.len() < MAX_SHAPE_ERRORS {
        let Some(at) = line else {
            break;
        };
        let Some((next_text, key)) = blank_entry(&text, at) else {
            break;
        };
        text = next_text;
        blanked.push(key);
        match parse(&text) {
            Ok(_) => break,
            Err(next) => {
                // A required entry blanked out (or misspelled, then blanked) is missing
                // now: a consequence of an error already reported, not news.
                if let serde_saphyr::Error::SerdeMissingField { field, .. } = next.without_snippet()
                    && (blanked.iter().any(|k| k == field)
                        || crate::diagnostics::closest(field, blanked.iter().map(String::as_str))
                            .is_some())
                {
                    break;
                }
                let d = report(&next);
                if out.iter().any(|o| o.position == d.position) {
                    break;
                }
                out.push(d);
                line = recoverable_line(&next);
            }
        }
    }
    out
}

/// The line of an error the parser can be made to get past by blanking its entry.
fn recoverable_line(error: &serde_saphyr::Error) -> Option<usize> {
    use serde_saphyr::Error as E;
    let error = error.without_snippet();
    match error {
        E::SerdeUnknownField { .. }
        | E::SerdeUnknownVariant { .. }
        | E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::Unexpected { .. }
        | E::InvalidScalar { .. }
        | E::InvalidBooleanStrict { .. }
        | E::NullIntoString { .. }
        | E::QuotingRequired { .. }
        | E::DuplicateMappingKey { .. } => error
            .location()
            .map(|l| l.line() as usize)
            .filter(|l| *l > 0),
        _ => None,
    }
}

/// `text` with the mapping entry at `line` blanked out: the `key:` line at or above it
/// and every more-indented line after it. `None` when the entry starts a sequence item
/// (`- key: ...`), whose removal would break the item; else also the entry's key.
fn blank_entry(text: &str, line: usize) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let is_entry = |l: &str| {
        let t = l.trim_start_matches(' ');
        !t.starts_with('#') && !t.starts_with('-') && t.contains(':')
    };
    let mut start = line.checked_sub(1)?;
    if start >= lines.len() {
        return None;
    }
    // The entry's `key:` line: this one, or the nearest less-indented one above.
    while !is_entry(lines[start]) || lines[start].trim_start().starts_with("- ") {
        let here = indent(lines[start]);
        if lines[start].trim_start_matches(' ').starts_with("- ") {
            return None;
        }
        start = (0..start)
            .rev()
            .find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) < here)?;
    }
    let key = lines[start]
        .trim_start()
        .split(':')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    let base = indent(lines[start]);
    let end = (start + 1..lines.len())
        .find(|&i| !lines[i].trim().is_empty() && indent(lines[i]) <= base)
        .unwrap_or(lines.len());
    let blanked: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if (start..end).contains(&i) { "" } else { l })
        .collect();
    Some((blanked.join("\n"), key))
}

/// YAML reads CR and CRLF as line breaks; diagnostics count lines by LF. Writing every
/// break as LF (one for one) keeps line numbers, columns and marked lines right for
/// files saved with old Mac or Windows line endings.
fn normalize_line_breaks(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
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
            match retired(field, expected) {
                // A spelling of an earlier format version: what replaced it.
                Some(help) => Diagnostic::error(source, position, format!("unknown field `{field}`"))
                    .label("a field of an earlier version of the format")
                    .help(help),
                None => Diagnostic::error(source, position, format!("unknown field `{field}`"))
                    .label("not a field here")
                    .did_you_mean(field, expected.iter().copied())
                    .help(format!("expected {}", one_of(expected))),
            }
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
        E::Eof { .. } => Diagnostic::error(source, position, "the file ends in the middle of a value")
            .label("ends here")
            .help("close every quote, `[` and `{` that is opened"),
        E::MultipleDocuments { .. } => Diagnostic::error(source, document_marker(source, position), "a descriptor is one YAML document, but this file holds more than one")
            .label("another document starts here")
            .help("remove the `---` (or `...`) line: one file describes one element"),
        E::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            let d = Diagnostic::error(source, position, format!("`{key}` is written twice in the same mapping"))
                .label("written again here");
            match first_key_line(source, position, key) {
                Some(line) => d.help(format!("first written on line {line}; keep one of them: each field is given once")),
                None => d.help("keep one of them: each field is given once"),
            }
        }
        E::NullIntoString { .. } | E::InvalidCharNull { .. } => Diagnostic::error(source, position, "expected a value here, found none")
            .label("empty value")
            .help("write the value after the colon; quote `~` or `null` when you mean that text"),
        E::UnknownAnchor { .. } => Diagnostic::error(source, position, "this alias refers to an anchor that is not defined")
            .label("unknown anchor")
            .help("define `&name` before using `*name`, or write the value out"),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::Budget { .. } => Diagnostic::error(source, position, "the YAML expands to more than a descriptor may hold")
            .label("aliases or nesting past the limit")
            .help(format!("a descriptor nests at most {MAX_DEPTH} levels and repeats no anchor thousands of times; write the values out")),
        E::MergeKeyNotAllowed { .. } | E::MergeValueNotMapOrSeqOfMaps { .. } => Diagnostic::error(source, position, "merge keys (`<<`) are not used in descriptors")
            .label("merge key")
            .help("write the fields out"),
        E::IndentationError { required, actual, .. } => Diagnostic::error(source, position, format!("wrong indentation: expected {required} spaces, found {actual}"))
            .label("misaligned")
            .help("indent each key of a mapping by the same number of spaces"),
        E::SerdeInvalidValue { unexpected, expected, .. } => Diagnostic::error(source, position, format!("expected {}, found {unexpected}", plain_expected(expected)))
            .label("not accepted here"),
        E::SerdeInvalidLength { .. } => Diagnostic::error(source, position, "wrong number of items")
            .label("here"),
        E::QuotingRequired { .. } => Diagnostic::error(source, position, "this value must be quoted")
            .label("quote it")
            .help("write the value in double quotes: \"...\""),
        E::Message { msg, .. } | E::ExternalMessage { msg, .. } => {
            let (message, help) = syntax_message(msg);
            Diagnostic::error(source, position, message).label("here").help(help)
        }
        // Anything else the parser says is phrased for Rust programmers; say what the
        // user can act on.
        _ => Diagnostic::error(source, position, "this is not valid descriptor YAML")
            .label("here")
            .help("a descriptor is YAML: `name: value` pairs, lists of `- item`, indented with spaces"),
    }
}

/// The `---` (or `...`) line at or above `position` that starts the next document.
fn document_marker(source: &SourceText<'_>, position: Position) -> Position {
    (1..=position.line)
        .rev()
        .find(|&line| {
            let text = source.line(line);
            text.starts_with("---") || text.starts_with("...")
        })
        .map_or(position, |line| Position {
            line,
            column: 1,
            len: 3,
        })
}

/// The line where `key:` was first written in the mapping whose repetition of it is at
/// `position`: looking up from there, at the same column, until the mapping ends.
fn first_key_line(source: &SourceText<'_>, position: Position, key: &str) -> Option<usize> {
    let indent = position.column.checked_sub(1)?;
    for line in (1..position.line).rev() {
        let text = source.line(line);
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let rest = text.get(indent..).unwrap_or("");
        if text.chars().take(indent).all(|c| c == ' ' || c == '-')
            && rest.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
        {
            return Some(line);
        }
        if text.len() - trimmed.len() < indent {
            return None;
        }
    }
    None
}

/// YAML forbids tabs in indentation, and the parser reports the consequence somewhere
/// after the tab; when a line up to the error's is indented with a tab, that tab is the
/// error.
fn tab_indentation(source: &SourceText<'_>, error_line: usize) -> Option<Diagnostic> {
    source
        .text
        .lines()
        .take(error_line + 1)
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .find_map(|(i, line)| {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            let column = indent.find('\t')? + 1;
            let position = Position {
                line: i + 1,
                column,
                len: 1,
            };
            Some(
                Diagnostic::error(source, position, "tabs are not allowed for indentation")
                    .label("tab")
                    .help("indent with spaces"),
            )
        })
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

/// A YAML syntax message of the scanner, and its help, in the words of a person who
/// writes YAML: the scanner's own phrasing (`while parsing a block mapping`) is
/// dropped, and the diagnostic shows the position it would append.
fn syntax_message(message: &str) -> (String, &'static str) {
    const GENERAL: &str =
        "a descriptor is YAML: `name: value` pairs, lists of `- item`, indented with spaces";
    let message = message.lines().next().unwrap_or(message);
    let message = message.find(" at line ").map_or(message, |i| &message[..i]);
    let message = message.find(" while ").map_or(message, |i| &message[..i]);
    match message {
        m if m.contains("mapping values are not allowed") => (
            "unexpected `key: value` here".into(),
            "align this line with the keys of its mapping, or quote a value that holds `: `",
        ),
        m if m.contains("did not find expected key") => (
            "expected a `key: value` line here".into(),
            "align this line with the keys of its mapping",
        ),
        m if m.contains("did not find expected '-'") => (
            "expected a `- item` line of the list here".into(),
            "align this line with the items of its list",
        ),
        m => (format!("invalid YAML: {m}"), GENERAL),
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

/// Fields that an earlier version of the format had, with what replaced them (the
/// format README's changelog): (field, a field of the same mapping now, help).
const RETIRED_FIELDS: &[(&str, &str, &str)] = &[(
    "params",
    "oauth",
    "format v2 replaced a variant's `params: [scope]` with its `oauth` mapping: write the default scope as `oauth: { scope: <scope> }`, and other OAuth query parameters under `oauth.params`",
)];

/// The help for `field`, unknown in a mapping that accepts `expected`, when it is a
/// retired spelling of that mapping.
fn retired(field: &str, expected: &[&str]) -> Option<&'static str> {
    RETIRED_FIELDS
        .iter()
        .find(|(name, beside, _)| *name == field && expected.contains(beside))
        .map(|(_, _, help)| *help)
}
