//! Writing Rust source as text, laid out as it is written: one item, field or
//! statement per line, four spaces per level.
//!
//! The emitters write text rather than building tokens and formatting them: a
//! catalog of a thousand elements is some twenty megabytes of Rust, and tokenizing,
//! parsing and pretty-printing it cost seconds where writing it costs milliseconds.
//! The layout is fixed rather than fitted to a line width, so the same element is
//! laid out the same way whatever its names' lengths.
//!
//! Descriptor text reaches the source only through [`Lit`] (string literals) and
//! [`Code::doc`] (doc comments), which write it so that it is read back as written.

use std::fmt::{self, Write as _};

/// Rust source being written.
#[derive(Debug, Default)]
pub struct Code {
    out: String,
    depth: usize,
}

/// Writes one line at the current depth: `line!(code, "format", args...)`.
macro_rules! line {
    ($code:expr, $($arg:tt)*) => {
        $code.line(format_args!($($arg)*))
    };
}

/// Writes a line that opens a block (`... {`) and enters it.
macro_rules! open {
    ($code:expr, $($arg:tt)*) => {
        $code.open(format_args!($($arg)*))
    };
}

pub(crate) use {line, open};

impl Code {
    /// An empty source with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        Code {
            out: String::with_capacity(capacity),
            depth: 0,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
    }

    /// One line at the current depth.
    pub fn line(&mut self, text: fmt::Arguments<'_>) {
        self.indent();
        let _ = self.out.write_fmt(text);
        self.out.push('\n');
    }

    /// One line at the current depth made of `parts`: for lines written many times
    /// over (a builder's fields), without the formatting machinery of `line!`.
    pub fn parts(&mut self, parts: &[&str]) {
        self.put(parts, "\n");
    }

    /// [`Code::parts`] of a line that opens a block (`... {`), and what follows one
    /// level deeper.
    pub fn open_parts(&mut self, parts: &[&str]) {
        self.put(parts, " {\n");
        self.depth += 1;
    }

    /// `parts` then `end`, at the current depth.
    fn put(&mut self, parts: &[&str], end: &str) {
        self.indent();
        for part in parts {
            self.out.push_str(part);
        }
        self.out.push_str(end);
    }

    /// A line ending with ` {`, and what follows one level deeper.
    pub fn open(&mut self, text: fmt::Arguments<'_>) {
        self.indent();
        let _ = self.out.write_fmt(text);
        self.out.push_str(" {\n");
        self.depth += 1;
    }

    /// What follows is one level deeper (after a line that opens a list: `vec![`).
    pub fn enter(&mut self) {
        self.depth += 1;
    }

    /// What follows is one level less deep (before the line that closes a list).
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Leaves a block: `}`.
    pub fn close(&mut self) {
        self.close_with("");
    }

    /// Leaves a block: `}` followed by `tail` (`,`, `;`, `)`...).
    pub fn close_with(&mut self, tail: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push('}');
        self.out.push_str(tail);
        self.out.push('\n');
    }

    /// Source written at depth 0 (by another [`Code`]), one level per level deeper.
    pub fn lines(&mut self, text: &str) {
        for line in crate::text::lines(text) {
            if line.is_empty() {
                self.out.push('\n');
            } else {
                self.indent();
                self.out.push_str(line);
                self.out.push('\n');
            }
        }
    }

    /// `text` as `///` lines (text already escaped for rustdoc, as
    /// [`crate::escape::doc_text`] does): each line after a space, an empty one
    /// as `///`. A line that a `///` comment cannot hold (a carriage return, a
    /// leading `/`) is written as a `#[doc]` attribute instead.
    pub fn doc(&mut self, text: &str) {
        for line in crate::text::lines(text) {
            self.doc_line(line);
        }
    }

    /// One doc line: `///` and the line after a space (nothing after an empty one).
    pub fn doc_line(&mut self, line: &str) {
        self.indent();
        let line = line.trim_end_matches(' ');
        if memchr::memchr2(b'\r', b'\0', line.as_bytes()).is_some() {
            let _ = writeln!(self.out, "#[doc = {}]", Lit(&format!(" {line}")));
        } else if line.is_empty() {
            self.out.push_str("///\n");
        } else {
            self.out.push_str("/// ");
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    /// The source written.
    pub fn finish(self) -> String {
        self.out
    }
}

/// A string literal of `text`, escaped as `proc_macro2` escapes one: every
/// character that is not printable as is (quotes, backslashes, control and
/// invisible characters) by its escape, the rest as written.
#[derive(Clone, Copy, Debug)]
pub struct Lit<'a>(pub &'a str);

impl Lit<'_> {
    /// The literal as a string of its own, allocated once.
    pub fn quoted(self) -> String {
        let mut out = String::with_capacity(self.0.len() + 2);
        let _ = self.write_to(&mut out);
        out
    }

    /// The literal between `before` and `after` (e.g. `String::from(` and `)`), as a
    /// string allocated once.
    pub fn within(self, before: &str, after: &str) -> String {
        let mut out = String::with_capacity(before.len() + self.0.len() + 2 + after.len());
        out.push_str(before);
        let _ = self.write_to(&mut out);
        out.push_str(after);
        out
    }

    /// Writes the literal to `out`: generic so that a `String` is written without
    /// the dynamic calls of a `Formatter` (snippets quote thousands of values).
    fn write_to<W: fmt::Write + ?Sized>(self, out: &mut W) -> fmt::Result {
        out.write_char('"')?;
        let mut rest = self.0;
        loop {
            // Printable ASCII other than `"` and `\` is written as is, a run at a time.
            let plain = rest
                .bytes()
                .position(|b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\')
                .unwrap_or(rest.len());
            out.write_str(&rest[..plain])?;
            rest = &rest[plain..];
            let mut chars = rest.chars();
            let Some(c) = chars.next() else { break };
            rest = chars.as_str();
            match c {
                // `\0` followed by an octal digit would read as another escape.
                '\0' if chars.as_str().starts_with(|n: char| n.is_ascii_digit()) => {
                    out.write_str("\\x00")?;
                }
                '\0' => out.write_str("\\0")?,
                // `escape_debug` escapes it, which a string does not need.
                '\'' => out.write_char('\'')?,
                c => write!(out, "{}", c.escape_debug())?,
            }
        }
        out.write_char('"')
    }
}

impl fmt::Display for Lit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_holds_any_text_as_written() {
        assert_eq!(Lit("plain").to_string(), r#""plain""#);
        assert_eq!(
            Lit("\"quoted\" \\ it's\n\t\u{0}7\u{0}").to_string(),
            r#""\"quoted\" \\ it's\n\t\x007\0""#
        );
        assert_eq!(
            Lit("zero\u{200b}width é").to_string(),
            r#""zero\u{200b}width é""#
        );
    }

    #[test]
    fn blocks_nest_by_four_spaces_and_docs_are_comment_lines() {
        let mut c = Code::default();
        c.doc("First line.\n\nThird, with a trailing space ");
        open!(c, "pub mod {}", "m");
        line!(c, "pub const KEY: &str = {};", Lit("k"));
        c.lines("fn f() {\n    g();\n}");
        c.doc_line("a carriage\rreturn");
        c.close();
        assert_eq!(
            c.finish(),
            "/// First line.\n///\n/// Third, with a trailing space\npub mod m {\n    pub const KEY: &str = \"k\";\n    fn f() {\n        g();\n    }\n    #[doc = \" a carriage\\rreturn\"]\n}\n"
        );
    }
}
