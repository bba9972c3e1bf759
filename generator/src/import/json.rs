//! A lenient JSON reader for hand-written pages. Real pages hold trailing commas,
//! `//` comments, smart quotes, single-quoted strings and missing commas between
//! members; each such liberty is read as its author meant it and noted with its line,
//! so the importer can say what it forgave. Every value keeps the line it starts on,
//! and objects keep their members in page order.

/// A JSON value with the 1-based line (relative to the parsed text) it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    /// Where the value starts.
    pub line: usize,
    /// The value itself.
    pub kind: Kind,
}

/// The kinds of JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (so `587` and `587.0` stay apart).
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in order (a repeated key is kept twice).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object (the first one when repeated).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The members of an object; none for other kinds.
    pub fn members(&self) -> &[(String, Json)] {
        match &self.kind {
            Kind::Object(members) => members,
            _ => &[],
        }
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as strict JSON.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => serde_json::from_str(n).unwrap_or(Value::String(n.clone())),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            // A repeated member: the first is read, as `get` reads it.
            Kind::Object(members) => {
                let mut object = serde_json::Map::new();
                for (k, v) in members {
                    object.entry(k.clone()).or_insert_with(|| v.to_value());
                }
                Value::Object(object)
            }
        }
    }
}

/// Something the reader forgave, at a 1-based line of the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Liberty {
    /// Where.
    pub line: usize,
    /// What, e.g. "a trailing comma".
    pub what: &'static str,
}

/// Why a text could not be read as JSON even leniently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// Where the reader gave up (1-based, relative to the parsed text).
    pub line: usize,
    /// What it expected.
    pub message: String,
}

/// Nesting deeper than this is refused rather than recursed into: no page needs it,
/// and a hostile one must not overflow the stack.
const MAX_DEPTH: usize = 64;

/// Reads `text` (one JSON value, possibly followed by nothing but whitespace and
/// comments) leniently.
pub fn parse(text: &str) -> Result<(Json, Vec<Liberty>), Unreadable> {
    let mut reader = Reader {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        liberties: Vec::new(),
    };
    let value = reader.value(0)?;
    reader.skip_blank();
    // Closing brackets beyond the value's own: an unbalanced example, read as if
    // they were not there.
    while let Some(c @ ('}' | ']')) = reader.peek() {
        reader.forgive(if c == '}' {
            "an extra `}`"
        } else {
            "an extra `]`"
        });
        reader.bump();
        reader.skip_blank();
    }
    if reader.at < reader.chars.len() {
        return Err(reader.unreadable("nothing after the JSON value"));
    }
    Ok((value, reader.liberties))
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    line: usize,
    liberties: Vec<Liberty>,
}

/// Opening quotes and the quote that closes each.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '\'' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => Some('\u{201D}'),
        '\u{2018}' | '\u{2019}' => Some('\u{2019}'),
        _ => None,
    }
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn forgive(&mut self, what: &'static str) {
        self.forgive_at(self.line, what);
    }

    fn forgive_at(&mut self, line: usize, what: &'static str) {
        if !self
            .liberties
            .iter()
            .any(|l| l.line == line && l.what == what)
        {
            self.liberties.push(Liberty { line, what });
        }
    }

    fn unreadable(&self, expected: &str) -> Unreadable {
        let found = match self.peek() {
            Some(c) => format!("`{}`", c.escape_debug()),
            None => "the end of the block".to_string(),
        };
        Unreadable {
            line: self.line,
            message: format!("expected {expected}, found {found}"),
        }
    }

    /// Skips whitespace and comments.
    fn skip_blank(&mut self) {
        loop {
            match (self.peek(), self.chars.get(self.at + 1).copied()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    self.forgive("a `//` comment");
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    self.forgive("a `/* */` comment");
                    self.bump();
                    self.bump();
                    while self.peek().is_some()
                        && !(self.peek() == Some('*') && self.chars.get(self.at + 1) == Some(&'/'))
                    {
                        self.bump();
                    }
                    self.bump();
                    self.bump();
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Unreadable> {
        if depth > MAX_DEPTH {
            return Err(self.unreadable("at most 64 levels of nesting"));
        }
        self.skip_blank();
        let line = self.line;
        let kind = match self.peek() {
            Some('{') => self.object(depth)?,
            Some('[') => self.array(depth)?,
            Some(c) if closing_quote(c).is_some() => Kind::String(self.string()?),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let number = self.word();
                // An integer past 64 bits would be read as a float, another number
                // than the page's: refused where it is.
                let digits = number.strip_prefix('-').unwrap_or(&number);
                if !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && number.parse::<i64>().is_err()
                    && number.parse::<u64>().is_err()
                {
                    return Err(Unreadable {
                        line: self.line,
                        message: format!(
                            "the integer `{number}` does not fit in 64 bits: it would be read as another number"
                        ),
                    });
                }
                Kind::Number(number)
            }
            Some(c) if c.is_alphabetic() => match self.word().as_str() {
                "true" => Kind::Bool(true),
                "false" => Kind::Bool(false),
                "null" => Kind::Null,
                _ => {
                    return Err(Unreadable {
                        line,
                        message: "expected a JSON value; found a bare word".to_string(),
                    });
                }
            },
            _ => return Err(self.unreadable("a JSON value")),
        };
        Ok(Json { line, kind })
    }

    /// A run of characters that can make up a number, literal or bare key.
    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
        {
            word.push(c);
            self.bump();
        }
        word
    }

    fn string(&mut self) -> Result<String, Unreadable> {
        let open = self.bump().expect("called at a quote");
        let close = closing_quote(open).expect("called at a quote");
        match open {
            '"' => {}
            '\'' => self.forgive("a single-quoted string"),
            _ => self.forgive("typographic quotes"),
        }
        let mut text = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err(self.unreadable("the string's closing quote")),
                Some('\\') => match self.bump() {
                    Some('n') => text.push('\n'),
                    Some('t') => text.push('\t'),
                    Some('r') => text.push('\r'),
                    Some('b') => text.push('\u{8}'),
                    Some('f') => text.push('\u{c}'),
                    Some('u') => {
                        let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => text.push(c),
                            None => return Err(self.unreadable("four hex digits after `\\u`")),
                        }
                    }
                    Some(c) => text.push(c),
                    None => return Err(self.unreadable("an escaped character")),
                },
                Some(c) if c == close || (open != '"' && open != '\'' && c == '\u{201C}') => {
                    return Ok(text);
                }
                Some(c) => text.push(c),
            }
        }
    }

    fn key(&mut self) -> Result<String, Unreadable> {
        match self.peek() {
            Some(c) if closing_quote(c).is_some() => self.string(),
            Some(c) if c.is_alphanumeric() || c == '_' => {
                self.forgive("an unquoted key");
                Ok(self.word())
            }
            _ => Err(self.unreadable("a quoted member name")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Kind, Unreadable> {
        self.bump();
        let mut members = Vec::new();
        loop {
            self.skip_blank();
            if self.peek() == Some('}') {
                let close = self.line;
                self.bump();
                // The outermost object closed, then a comma and another member: the
                // `}` was one too many (a nested object closed twice), and the
                // members that follow are still the object's.
                if depth == 0 && self.more_members() {
                    self.forgive_at(close, "an extra `}`");
                    self.skip_blank();
                    self.bump();
                    continue;
                }
                return Ok(Kind::Object(members));
            }
            let key_line = self.line;
            let key = self.key()?;
            self.skip_blank();
            if self.peek() != Some(':') {
                return Err(self.unreadable("`:` after the member name"));
            }
            self.bump();
            let value = self.value(depth + 1)?;
            // Kept twice (readers take the first), and said, never silently.
            if members.iter().any(|(k, _)| *k == key) {
                self.forgive_at(key_line, "a repeated member name (the first one is read)");
            }
            members.push((key, value));
            self.separator('}')?;
        }
    }

    /// Whether what follows is a comma and a quoted member name (without moving).
    fn more_members(&self) -> bool {
        let mut rest = self.chars[self.at..].iter().filter(|c| !c.is_whitespace());
        rest.next() == Some(&',') && rest.next().is_some_and(|c| closing_quote(*c).is_some())
    }

    /// What follows a member or an item: a comma (a trailing one before `close` is
    /// forgiven), `close`, or in an object the next member's quote without a comma.
    fn separator(&mut self, close: char) -> Result<(), Unreadable> {
        let after = self.line;
        self.skip_blank();
        match self.peek() {
            Some(',') => {
                let comma = self.line;
                self.bump();
                self.skip_blank();
                if self.peek() == Some(close) {
                    self.forgive_at(comma, "a trailing comma");
                }
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            Some(c) if close == '}' && closing_quote(c).is_some() => {
                self.forgive_at(after, "a missing comma");
                Ok(())
            }
            _ if close == '}' => Err(self.unreadable("`,` or `}`")),
            _ => Err(self.unreadable("`,` or `]`")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind, Unreadable> {
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            if self.peek() == Some(']') {
                self.bump();
                return Ok(Kind::Array(items));
            }
            items.push(self.value(depth + 1)?);
            self.separator(']')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_json_reads_without_liberties() {
        let (v, liberties) = parse("{\n  \"a\": [1, true, null],\n  \"b\": \"x\"\n}").unwrap();
        assert!(liberties.is_empty());
        assert_eq!(
            v.to_value(),
            serde_json::json!({"a": [1, true, null], "b": "x"})
        );
        assert_eq!(v.get("b").unwrap().line, 3);
    }

    #[test]
    fn each_liberty_is_read_and_noted_at_its_line() {
        let text = "{\n  \u{201C}a\u{201D}: 'x', // why\n  \"b\": 1\n  \"c\": 2,\n}";
        let (v, liberties) = parse(text).unwrap();
        assert_eq!(v.to_value(), serde_json::json!({"a": "x", "b": 1, "c": 2}));
        let noted: Vec<(usize, &str)> = liberties.iter().map(|l| (l.line, l.what)).collect();
        assert_eq!(
            noted,
            [
                (2, "typographic quotes"),
                (2, "a single-quoted string"),
                (2, "a `//` comment"),
                (3, "a missing comma"),
                (4, "a trailing comma"),
            ]
        );
    }

    /// What a strict reader would silently change is said: a repeated member is a
    /// liberty at its line, an integer past 64 bits is refused there.
    #[test]
    fn an_extra_closing_brace_is_read_past_and_noted() {
        // A nested object closed twice: the members after it are still the outer's.
        let text = "{\n  \"a\": { \"b\": 1 }},\n  \"c\": 2\n}";
        let (v, liberties) = parse(text).unwrap();
        assert_eq!(v.to_value(), serde_json::json!({"a": {"b": 1}, "c": 2}));
        let noted: Vec<(usize, &str)> = liberties.iter().map(|l| (l.line, l.what)).collect();
        assert_eq!(noted, [(2, "an extra `}`")]);
        // One too many at the end.
        let (v, liberties) = parse("{\"a\": 1}\n}\n").unwrap();
        assert_eq!(v.to_value(), serde_json::json!({"a": 1}));
        assert_eq!(liberties[0].what, "an extra `}`");
        assert_eq!(liberties[0].line, 2);
    }

    #[test]
    fn repeated_members_and_huge_integers_are_not_silent() {
        let (json, liberties) = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap();
        assert_eq!(
            json.get("a").map(Json::to_value),
            Some(serde_json::json!(1))
        );
        assert_eq!(json.to_value(), serde_json::json!({ "a": 1 }));
        assert_eq!(
            liberties,
            [Liberty {
                line: 3,
                what: "a repeated member name (the first one is read)"
            }]
        );
        let e = parse("{\n  \"n\": 123456789012345678901234567890\n}").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(
            e.message,
            "the integer `123456789012345678901234567890` does not fit in 64 bits: it would be read as another number"
        );
        assert!(parse("[18446744073709551615, -9223372036854775808]").is_ok());
    }

    #[test]
    fn unreadable_text_says_where_and_what() {
        let e = parse("{\n  \"a\": \n}").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.message, "expected a JSON value, found `}`");
        let deep = "[".repeat(100);
        assert_eq!(
            parse(&deep).unwrap_err().message,
            "expected at most 64 levels of nesting, found `[`"
        );
    }
}
