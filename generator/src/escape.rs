//! Escaping descriptor text for each context it is written into, so that it is always
//! read back as the text it is, whatever it holds.
//!
//! `text` refuses the worst characters at validation; these functions do not rely on
//! that. Each output context has one function here (the guide pages' contexts have
//! theirs in `emit::markdown`), and emitters call it for every piece of descriptor
//! text they place (never `format!` descriptor text into a context directly).

use std::borrow::Cow;

use crate::text::{TextKind, first_refused, is_refused};

/// Plain descriptor text as rustdoc markdown that renders as that text: no code block
/// (no doctest), list, heading, link, HTML or emphasis can come out of it, and clippy's
/// doc lints (`tabs_in_doc_comments`, `doc_lazy_continuation`) have nothing to find.
/// Line breaks are kept; `http(s)://` URLs become autolinks (rustdoc's `bare_urls`).
pub fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in crate::text::lines(text).enumerate() {
        if i > 0 {
            out.push('\n');
        }
        doc_line(line, &mut out);
    }
    out
}

/// One line of [`doc_text`], appended to `out`.
fn doc_line(line: &str, out: &mut String) {
    // Leading white space would make an indented code block, which rustdoc runs as a
    // doctest; a tab anywhere trips clippy.
    let line = sanitize(line);
    let line = if line.contains('\t') {
        Cow::Owned(line.replace('\t', " "))
    } else {
        line
    };
    let line = line.trim();
    let bytes = line.as_bytes();
    // Bytes before `plain` are written; runs without markup are copied at once. Every
    // byte looked at is ASCII, so a multi-byte character is always copied as is.
    let mut plain = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = INLINE_MARKUP[usize::from(b)];
        // After the first byte, only inline markup and the start of a URL matter.
        if i > 0 && !escaped && b != b'h' {
            i += 1;
            continue;
        }
        if b == b'h'
            && let Some(len) = url_len(&line[i..])
        {
            out.push_str(&line[plain..i]);
            out.push('<');
            out.push_str(&line[i..i + len]);
            out.push('>');
            i += len;
            plain = i;
            continue;
        }
        let at_start = i == 0;
        let block_marker = at_start && matches!(b, b'#' | b'-' | b'+' | b'=');
        if block_marker || escaped {
            out.push_str(&line[plain..i]);
            out.push('\\');
            plain = i;
        }
        if b.is_ascii_digit() && at_start && starts_ordered_marker(&line[1..]) {
            // `1.` / `1)`: the marker is the punctuation after the digits.
            let digits = 1 + bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            out.push_str(&line[plain..digits]);
            out.push('\\');
            plain = digits;
            i = digits + 1;
            continue;
        }
        i += 1;
    }
    out.push_str(&line[plain..]);
}

/// The bytes [`doc_line`] escapes wherever they are: rustdoc's inline markup.
const INLINE_MARKUP: [bool; 256] = crate::text::byte_set(b"\\`*_[]<>&|~");

/// Whether `rest` (what follows a line's first digit) continues an ordered list marker.
fn starts_ordered_marker(rest: &str) -> bool {
    let after_digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    after_digits.starts_with(['.', ')'])
}

/// The length of an `http(s)://` URL at the start of `text` that can be an autolink.
fn url_len(text: &str) -> Option<usize> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`' | '"'))
        .unwrap_or(text.len());
    // Sentence punctuation after a URL is not part of it.
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    (url.len() > scheme_end).then_some(url.len())
}

/// Text inside a markdown code span (`` `key` ``), whatever backticks it holds.
pub fn code_span(text: &str) -> String {
    let text = sanitize(text);
    let text = if memchr::memchr2(b'\n', b'\t', text.as_bytes()).is_some() {
        Cow::Owned(text.replace(['\n', '\t'], " "))
    } else {
        text
    };
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    // A space on each side is stripped by markdown; it keeps a leading or trailing
    // backtick (or space) from joining the fence.
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) || text.is_empty();
    let space = if pad { " " } else { "" };
    let mut out = String::with_capacity(2 * fence.len() + 2 * space.len() + text.len());
    for piece in [&fence, space, &text, space, &fence] {
        out.push_str(piece);
    }
    out
}

/// The length of the longest run of backticks in `text`: a code span or block
/// fenced with more holds it whole.
pub fn longest_backtick_run(text: &str) -> usize {
    let Some(first) = memchr::memchr(b'`', text.as_bytes()) else {
        return 0;
    };
    let (mut longest, mut run) = (0, 0);
    for b in text[first..].bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// One line of text whatever it holds: control characters (line breaks included) and
/// the characters `text` refuses are written as escapes (`\n`, `\u{202e}`). For line
/// protocols such as cargo's build-script directives.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_refused(c, TextKind::Line) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for a terminal: every control character but tab (line breaks included) is
/// shown as its Unicode control picture (`␊`, `␛`), bidi controls and the other
/// refused characters as U+FFFD, one character for one so that columns still match.
/// Diagnostics quote descriptor lines; none of them may move the cursor or recolor
/// the terminal.
pub fn terminal(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => c,
            '\0'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
            '\u{7F}' => '\u{2421}',
            c if is_refused(c, TextKind::Prose) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Replaces the characters `text` refuses (other than tab and line break) with U+FFFD,
/// so that nothing that slipped past validation reaches a compiler or a terminal.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
    let Some(first) = first_refused(text, TextKind::Prose) else {
        return Cow::Borrowed(text);
    };
    let (clean, rest) = text.split_at(first.byte);
    let replaced = rest.chars().map(|c| {
        if is_refused(c, TextKind::Prose) {
            '\u{FFFD}'
        } else {
            c
        }
    });
    Cow::Owned(clean.chars().chain(replaced).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inside a line, exactly rustdoc's inline markup is escaped; every other
    /// printable ASCII byte is copied as is.
    #[test]
    fn doc_text_escapes_inline_markup_and_nothing_else() {
        for b in b' '..=b'~' {
            let c = char::from(b);
            let expected = if "\\`*_[]<>&|~".contains(c) {
                format!("a\\{c}b")
            } else {
                format!("a{c}b")
            };
            assert_eq!(doc_text(&format!("a{c}b")), expected, "{c:?}");
        }
    }

    #[test]
    fn doc_text_is_inert_markdown() {
        assert_eq!(
            doc_text("```\nfn main() {}\n```"),
            "\\`\\`\\`\nfn main() {}\n\\`\\`\\`"
        );
        assert_eq!(doc_text("    indented\tcode"), "indented code");
        assert_eq!(
            doc_text("- item\nlazy\n1. first\n12) twelfth\n# heading"),
            "\\- item\nlazy\n1\\. first\n12\\) twelfth\n\\# heading"
        );
        assert_eq!(
            doc_text("<b>[link](x) *em* a_b & c|d"),
            "\\<b\\>\\[link\\](x) \\*em\\* a\\_b \\& c\\|d"
        );
        assert_eq!(doc_text("v1.2 costs 3 - 4"), "v1.2 costs 3 - 4");
        assert_eq!(
            doc_text("see https://x.example.com/a_b?c=d. Or http://y."),
            "see <https://x.example.com/a_b?c=d>. Or <http://y>."
        );
        assert_eq!(doc_text("cr\r here"), "cr\u{FFFD} here");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code_span("a.b"), "`a.b`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("a\nb"), "`a b`");
    }

    #[test]
    fn terminal_text_cannot_drive_the_terminal() {
        assert_eq!(
            terminal("a\u{1b}[31mb\nc\td\u{202e}"),
            "a␛[31mb␊c\td\u{FFFD}"
        );
    }

    #[test]
    fn one_line_escapes_breaks_and_controls() {
        assert_eq!(
            one_line("key\ncargo::rustc-link-lib=evil\r\u{202e}"),
            "key\\ncargo::rustc-link-lib=evil\\r\\u{202e}"
        );
        assert_eq!(one_line("plain über"), "plain über");
    }
}
