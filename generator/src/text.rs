//! The one rule for descriptor text: which characters a descriptor string may hold.
//!
//! Descriptor text ends up in cargo directives, Rust doc comments and string literals,
//! YAML front matter and markdown. Characters that change how those are read (line
//! breaks where one line is expected, carriage returns, bidi controls that reorder
//! what a reviewer sees, other control characters) are refused here, once, with their
//! position; every emitter still escapes what it writes for its own context
//! (`escape`), so the rule is a first line of defence, not the only one.

use std::fmt;

/// What kind of text a descriptor string is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Multi-line prose (`description`, `notes`): tabs and line breaks are allowed.
    Prose,
    /// One line (`name`, `label`, `title`, values): no tab, no line break.
    Line,
}

/// A character the rule refuses, and where it is in its string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refused {
    /// Its byte offset in the string.
    pub byte: usize,
    /// The character.
    pub ch: char,
}

/// The first character of `text` that a string of `kind` may not hold.
pub fn first_refused(text: &str, kind: TextKind) -> Option<Refused> {
    // Printable ASCII is never refused, nor are line breaks and tabs in prose: they
    // are skipped, and only the other bytes (control characters, non-ASCII) are
    // looked at as characters.
    let breaks = kind == TextKind::Prose;
    let plain = |b: u8| (b' '..=b'~').contains(&b) || (breaks && (b == b'\n' || b == b'\t'));
    let bytes = text.as_bytes();
    let mut byte = 0;
    while byte < bytes.len() {
        // Eight plain bytes at once (most text is only those); else the same eight
        // one at a time.
        let window = (byte + 8).min(bytes.len());
        if let Some(word) = bytes.get(byte..byte + 8)
            && all_plain(
                u64::from_le_bytes(word.try_into().expect("eight bytes")),
                breaks,
            )
        {
            byte += 8;
            continue;
        }
        while byte < window {
            if plain(bytes[byte]) {
                byte += 1;
                continue;
            }
            let ch = text[byte..]
                .chars()
                .next()
                .expect("`byte` is at a character");
            if is_refused(ch, kind) {
                return Some(Refused { byte, ch });
            }
            byte += ch.len_utf8();
        }
    }
    None
}

/// Whether each byte of `word` is printable ASCII (`' '..='~'`), or with `breaks` a
/// line break or tab, by bit arithmetic on all eight at once.
fn all_plain(word: u64, breaks: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 (for bytes without the high bit, subtracting 0x20 borrows
    // into the high bit exactly then, or after such a byte), 0x7F (XOR with it leaves
    // a zero byte), or with the high bit set.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let xored = word ^ (ONES * 0x7F);
    let delete = xored.wrapping_sub(ONES) & !xored & HIGH;
    let high = word & HIGH;
    if high | below_space | delete == 0 {
        return true;
    }
    if !breaks || high | delete != 0 {
        return false;
    }
    // Prose with a line break or tab: the same test, exact per byte (no borrow or
    // carry crosses bytes, so that a line break does not refuse the space after it),
    // with those two allowed.
    let zero = |x: u64| !(((x & !HIGH) + !HIGH) | x) & HIGH;
    let below_space = !((word | HIGH) - ONES * 0x20) & HIGH;
    let allowed = zero(word ^ (ONES * u64::from(b'\n'))) | zero(word ^ (ONES * u64::from(b'\t')));
    below_space & !allowed == 0
}

/// A table of the byte values in `bytes`, for escapers that look at each byte of a
/// text and pass most of them by.
pub(crate) const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// The lines of `text` as [`str::lines`] gives them (without their `\n` or `\r\n`,
/// none after a final line break), found with a vectorized search: the emitters
/// split megabytes of generated text into lines.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = &rest[..at];
                rest = &rest[at + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// Whether a string of `kind` may not hold `c`.
pub(crate) fn is_refused(c: char, kind: TextKind) -> bool {
    match c {
        '\t' | '\n' => kind == TextKind::Line,
        // C0 (CR included), DEL and C1 (NEL included).
        c if c.is_control() => true,
        c => is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'),
    }
}

/// The characters that reorder text as displayed (the "Trojan Source" set, plus the
/// implicit marks), which rustc also refuses in literals and comments.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

impl Refused {
    /// How a diagnostic names the character: `U+202E (RIGHT-TO-LEFT OVERRIDE)`.
    pub fn describe(&self) -> String {
        format!("{self}")
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.ch {
            '\t' => "a tab",
            '\n' => "a line break",
            '\r' => "a carriage return",
            '\u{7F}' => "DELETE",
            '\u{85}' => "NEXT LINE",
            '\u{2028}' => "LINE SEPARATOR",
            '\u{2029}' => "PARAGRAPH SEPARATOR",
            '\u{061C}' => "ARABIC LETTER MARK",
            '\u{200E}' => "LEFT-TO-RIGHT MARK",
            '\u{200F}' => "RIGHT-TO-LEFT MARK",
            '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
            '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
            '\u{202C}' => "POP DIRECTIONAL FORMATTING",
            '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
            '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
            '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
            '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
            '\u{2068}' => "FIRST STRONG ISOLATE",
            '\u{2069}' => "POP DIRECTIONAL ISOLATE",
            _ => "a control character",
        };
        write!(f, "U+{:04X} ({name})", u32::from(self.ch))
    }
}

/// The help line of a refused character.
pub fn help(kind: TextKind) -> &'static str {
    match kind {
        TextKind::Prose => {
            "descriptor text may hold tabs and line breaks, but no other control character, no bidi control and no U+2028/U+2029"
        }
        TextKind::Line => {
            "this text is one line: no tab, no line break, no control character and no bidi control"
        }
    }
}

/// Configuration, provider data and OAuth parameter keys: the characters real elements
/// use (`oauth.api.key`, `BaseCRM.site.address`, `api-token`, `oauth_token`).
pub fn is_valid_wire_key(key: &str) -> bool {
    (1..=128).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_alphanumeric())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// The help line of an invalid wire key.
pub const WIRE_KEY_RULE: &str =
    "a key is 1 to 128 characters of `A-Za-z0-9._-`, starting with a letter or digit";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_bytes_are_plain_exactly_when_each_is() {
        let plain = |b: u8, breaks: bool| {
            (b' '..=b'~').contains(&b) || (breaks && (b == b'\n' || b == b'\t'))
        };
        assert!(all_plain(u64::from_le_bytes(*b" ~abcXYZ"), false));
        assert!(all_plain(u64::from_le_bytes(*b"{\n  \"a\t}"), true));
        // Every pair of byte values side by side, at the start, middle and end of
        // the word: a test that leaked from one byte into the next would show here.
        for breaks in [false, true] {
            for a in 0..=255u8 {
                for b in 0..=255u8 {
                    for at in [0, 3, 6] {
                        let mut bytes = *b"abcdefgh";
                        bytes[at] = a;
                        bytes[at + 1] = b;
                        assert_eq!(
                            all_plain(u64::from_le_bytes(bytes), breaks),
                            plain(a, breaks) && plain(b, breaks),
                            "{a:#x} {b:#x} at {at}, breaks {breaks}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\n\n",
            "\r\n\r",
            "x\ry\n",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn prose_allows_tabs_and_line_breaks_only() {
        assert_eq!(first_refused("a\tb\nc", TextKind::Prose), None);
        assert_eq!(
            first_refused("a\tb", TextKind::Line),
            Some(Refused { byte: 1, ch: '\t' })
        );
        for c in [
            '\r', '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{202e}', '\u{2028}',
        ] {
            let text = format!("ok {c}");
            assert_eq!(
                first_refused(&text, TextKind::Prose),
                Some(Refused { byte: 3, ch: c }),
                "{c:?}"
            );
        }
        assert_eq!(first_refused("über – ok 😀", TextKind::Line), None);
    }

    #[test]
    fn refused_characters_are_named() {
        let r = Refused {
            byte: 0,
            ch: '\u{202e}',
        };
        assert_eq!(r.describe(), "U+202E (RIGHT-TO-LEFT OVERRIDE)");
        let r = Refused {
            byte: 0,
            ch: '\u{7}',
        };
        assert_eq!(r.describe(), "U+0007 (a control character)");
    }

    #[test]
    fn wire_keys() {
        for ok in [
            "oauth.api.key",
            "BaseCRM.site.address",
            "api-token",
            "oauth_token",
            "2fa",
        ] {
            assert!(is_valid_wire_key(ok), "{ok}");
        }
        for bad in ["", ".x", "a b", "a\nb", "a{{b}}", "über", "a`b", "a:b"] {
            assert!(!is_valid_wire_key(bad), "{bad}");
        }
    }
}
