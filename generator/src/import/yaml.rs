//! Descriptor text with comments. The importer writes YAML by hand rather than through
//! a serializer because the comments beside each field (the choice made, the guess)
//! are half of what it produces.

use std::fmt::Write as _;

/// A YAML node.
#[derive(Clone, Debug)]
pub enum Node {
    /// A scalar already rendered as YAML (`true`, `587`, `"1234"`, `{"a": 1}`).
    Scalar(String),
    /// Prose, written as a folded block.
    Prose(String),
    /// A mapping, entries in order.
    Map(Vec<Entry>),
    /// A sequence.
    Seq(Vec<Node>),
}

/// A mapping entry with the comment lines written above it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key, a plain identifier.
    pub key: &'static str,
    /// The value.
    pub value: Node,
    /// Comment lines, without `# `.
    pub comments: Vec<String>,
}

impl Entry {
    /// An entry without comments.
    pub fn new(key: &'static str, value: Node) -> Self {
        Self {
            key,
            value,
            comments: Vec::new(),
        }
    }

    /// The entry with comment lines added.
    pub fn comment(mut self, lines: impl IntoIterator<Item = String>) -> Self {
        self.comments.extend(lines);
        self
    }
}

/// A string scalar: plain when YAML reads it back as the same string, else
/// double-quoted with JSON escapes (which YAML's double-quoted style accepts).
pub fn string(s: &str) -> Node {
    Node::Scalar(string_text(s))
}

/// The text of [`string`]'s scalar.
pub fn string_text(s: &str) -> String {
    let plain_chars = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " ._/-()".contains(c));
    let first_ok = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let special = matches!(
        s.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n" | "~"
    );
    if plain_chars && first_ok && !special && !s.ends_with(' ') {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("strings serialize")
    }
}

/// A JSON value as a YAML flow scalar (JSON is YAML).
pub fn json(value: &serde_json::Value) -> Node {
    match value {
        serde_json::Value::String(s) => string(s),
        other => Node::Scalar(serde_json::to_string(other).expect("JSON values serialize")),
    }
}

/// Renders a top-level mapping as a document.
pub fn document(header: &str, entries: &[Entry]) -> String {
    let mut out = String::from(header);
    map(&mut out, entries, 0, false);
    out
}

fn comments(out: &mut String, lines: &[String], indent: usize) {
    for line in lines {
        // Every character YAML breaks a line at, not only `\n`: what follows a lone
        // CR in a comment would be read as YAML.
        for part in line.split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
            let _ = writeln!(out, "{:indent$}# {}", "", visible(part));
        }
    }
}

/// Comment text with every character descriptor text refuses (control characters,
/// bidi controls) written as `\u{..}`: a comment shows page text, it never carries
/// what a terminal or the YAML reader would act on.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if crate::text::first_refused(text, crate::text::TextKind::Line).is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::text::is_refused(c, crate::text::TextKind::Line) && c != '\t' {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Writes entries at `indent`; with `first_inline`, the first entry continues a
/// `- ` already written.
fn map(out: &mut String, entries: &[Entry], indent: usize, first_inline: bool) {
    for (i, entry) in entries.iter().enumerate() {
        let inline = first_inline && i == 0;
        if !inline {
            comments(out, &entry.comments, indent);
            let _ = write!(out, "{:indent$}", "");
        }
        let _ = write!(out, "{}:", entry.key);
        value(out, &entry.value, indent);
    }
}

fn value(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Scalar(s) => {
            let _ = writeln!(out, " {s}");
        }
        Node::Prose(text) => {
            let _ = writeln!(out, " >-");
            for line in wrap(text, 80usize.saturating_sub(indent + 2)) {
                let _ = writeln!(out, "{:w$}{line}", "", w = indent + 2);
            }
        }
        Node::Map(entries) => {
            out.push('\n');
            map(out, entries, indent + 2, false);
        }
        Node::Seq(items) => {
            out.push('\n');
            for item in items {
                if let Node::Map(entries) = item {
                    if let Some(first) = entries.first() {
                        comments(out, &first.comments, indent + 2);
                    }
                    let _ = write!(out, "{:w$}- ", "", w = indent + 2);
                    map(out, entries, indent + 4, true);
                } else {
                    let _ = write!(out, "{:w$}-", "", w = indent + 2);
                    value(out, item, indent + 2);
                }
            }
        }
    }
}

/// Words into lines of at most `width` characters (a longer word gets its own line).
/// Folding joins the lines back with single spaces, so the text must not hold runs of
/// spaces or line breaks: the caller normalizes it.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.len() + 1 + word.len() > width.max(20) {
            lines.push(word.to_string());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_plain_only_when_they_read_back_the_same() {
        for (s, expected) in [
            ("Base CRM", "Base CRM"),
            ("yes", "\"yes\""),
            ("1234", "\"1234\""),
            ("a: b", "\"a: b\""),
            ("#x", "\"#x\""),
            ("", "\"\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ] {
            assert_eq!(string_text(s), expected, "{s}");
        }
    }

    /// Page text in a comment stays in the comment: each YAML line break starts a
    /// new comment line, and other control characters are written out.
    #[test]
    fn comments_keep_every_line_break_and_control_character_out_of_the_yaml() {
        let doc = document(
            "",
            &[Entry::new("key", string("acme")).comment([
                "a\rb: 1\u{85}c\u{2028}d\u{2029}e\nf".to_string(),
                "esc \u{1b}[31m, tab\tend".to_string(),
            ])],
        );
        assert_eq!(
            doc,
            "# a\n# b: 1\n# c\n# d\n# e\n# f\n# esc \\u{1b}[31m, tab\tend\nkey: acme\n"
        );
    }

    #[test]
    fn sequences_of_maps_put_the_first_entry_on_the_dash_line() {
        let doc = document(
            "",
            &[Entry::new(
                "auth",
                Node::Seq(vec![Node::Map(vec![
                    Entry::new("type", string("oauth2")).comment(["why".to_string()]),
                    Entry::new("title", string("OAuth")),
                ])]),
            )],
        );
        assert_eq!(doc, "auth:\n  # why\n  - type: oauth2\n    title: OAuth\n");
    }
}
