//! Diagnostics: what the user meets first, so every one names the file, line and
//! column, shows the offending line with a marker, and says what is accepted.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::escape::terminal;

/// How bad a diagnostic is. Errors fail the run; warnings only print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The catalog cannot be used.
    Error,
    /// Suspicious but valid.
    Warning,
}

/// A position in a descriptor file: 1-based line and column (in characters), and the
/// length of the marked token in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Characters to mark (at least one is marked).
    pub len: usize,
}

impl Position {
    /// The one character at byte `byte` of `text` (which must be at a character).
    pub fn at_byte(text: &str, byte: usize) -> Position {
        let before = &text[..byte];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            len: 1,
        }
    }

    /// The start of the file, for problems with the file as a whole.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        len: 1,
    };
}

/// One problem found in one descriptor file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, as the user named it (directory joined with the file name).
    pub file: PathBuf,
    /// Where in the file.
    pub position: Position,
    /// The offending line's text, without its line break (empty when the file has no text).
    pub source_line: String,
    /// What is wrong, in one line.
    pub message: String,
    /// Short text under the marker.
    pub label: String,
    /// `help:` footers: what is accepted, did-you-mean.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error at `position` of `source`.
    pub fn error(source: &SourceText<'_>, position: Position, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, source, position, message)
    }

    /// A warning at `position` of `source`.
    pub fn warning(
        source: &SourceText<'_>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, source, position, message)
    }

    fn new(
        severity: Severity,
        source: &SourceText<'_>,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            file: source.path.to_path_buf(),
            position,
            source_line: source.line(position.line).to_owned(),
            message: message.into(),
            label: String::new(),
            help: Vec::new(),
        }
    }

    /// Sets the text under the marker.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds a `help:` footer.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Adds "did you mean `x`?" when one of `candidates` is close to `found`.
    #[must_use]
    pub fn did_you_mean<'a>(
        self,
        found: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match closest(found, candidates) {
            Some(best) => self.help(format!("did you mean `{best}`?")),
            None => self,
        }
    }

    /// Whether this diagnostic fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Orders diagnostics by file, then line and column, then text: the order they print in.
    fn sort_key(&self) -> (&Path, Position, &str) {
        (&self.file, self.position, &self.message)
    }
}

/// The text of one descriptor file, with the name it is reported under.
#[derive(Clone, Copy, Debug)]
pub struct SourceText<'a> {
    /// The file, as the user named it.
    pub path: &'a Path,
    /// Its whole text.
    pub text: &'a str,
}

impl<'a> SourceText<'a> {
    /// The text of 1-based `line`, without its line break; empty past the end.
    pub fn line(&self, line: usize) -> &'a str {
        crate::text::lines(self.text)
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

/// The candidate closest to `found`, when it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(found, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Formats a list of accepted values for a help line: `a`, `b` or `c`.
pub fn one_of<S: AsRef<str>>(values: &[S]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{}`", v.as_ref())).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Sorts diagnostics into print order: by file, line and column.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Renders diagnostics as rustc-style text, `color` only for a terminal.
pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}", render_one(&renderer, d));
        out.push('\n');
    }
    out
}

fn render_one(renderer: &Renderer, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // Descriptor text is quoted in every part of a diagnostic: shown, never obeyed.
    let file = terminal(&d.file.display().to_string());
    let source_line = terminal(&d.source_line);
    let (message, label) = (terminal(&d.message), terminal(&d.label));
    let (start, end) = marked_byte_range(&source_line, d.position);
    let mut annotation = AnnotationKind::Primary.span(start..end);
    if !label.is_empty() {
        annotation = annotation.label(label.as_str());
    }
    let snippet = Snippet::source(source_line.as_str())
        .line_start(d.position.line)
        .path(file.as_str())
        .annotation(annotation);
    let mut group = Group::with_title(level.primary_title(message.as_str())).element(snippet);
    let helps: Vec<String> = d.help.iter().map(|h| terminal(h)).collect();
    for help in &helps {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

/// Byte range of the marked characters in `line`, clamped to the line.
fn marked_byte_range(line: &str, position: Position) -> (usize, usize) {
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte_at(position.column.saturating_sub(1));
    let end = byte_at(position.column.saturating_sub(1) + position.len.max(1));
    (start, end.max(start))
}

/// Summary counts of a run.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// "1 error" / "2 warnings".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
