//! What a hand-written page states, each fact with its line: the `POST /instances`
//! request bodies, the sample responses, the OAuth calls and `oauthUrl` samples, the
//! prose naming the key, and parameter descriptions. Nothing here decides between
//! facts; `draft` does, and the round-trip test compares these facts of an original
//! page with those of the page generated from its import.

use std::collections::BTreeMap;

use super::json::{self, Json, Kind};
use super::markdown::{Block, CELL, Page};

/// The character of [`CELL`].
const CELL_CHAR: char = '\u{1F}';

/// Everything the importer reads from one page.
#[derive(Debug, Default)]
pub struct Facts {
    /// Front matter, values with lines.
    pub front: BTreeMap<String, (String, usize)>,
    /// The page's headings: level, text, line.
    pub headings: Vec<(u8, String, usize)>,
    /// The first paragraph after the first heading, before any step.
    pub intro: Option<(String, usize)>,
    /// Request bodies of `POST /instances`, in page order.
    pub bodies: Vec<Body>,
    /// Sample `POST /instances` responses.
    pub responses: Vec<Response>,
    /// Sample `oauthUrl` values.
    pub oauth_urls: Vec<(String, usize)>,
    /// `GET /elements/{key}/oauth/...` calls of the examples.
    pub oauth_calls: Vec<OAuthCall>,
    /// The OAuth calls the page writes as templates (`GET /elements/{keyOrId}/oauth/url?
    /// apiKey=<key>&siteAddress=<url>`): often boilerplate, so only a parameter the
    /// page also describes is taken from them.
    pub call_templates: Vec<OAuthCall>,
    /// Prose stating the key: "The “key” into Cloud Elements X is “y”".
    pub key_sentences: Vec<(String, usize)>,
    /// Descriptions of configuration keys and OAuth parameters from tables and bullets:
    /// key, (label, description, optional), line.
    pub descriptions: BTreeMap<String, Described>,
    /// Every description of a key, in page order (a page with several variants
    /// describes a key in each section): what [`Facts::described`] chooses from.
    pub described_rows: Vec<(String, Described)>,
    /// What the lenient JSON reader forgave: line, what.
    pub liberties: Vec<(usize, &'static str)>,
    /// JSON-looking blocks that could not be read even leniently: line, why.
    pub unreadable: Vec<(usize, String)>,
    /// Whether the page offers its variants as "connection methods" (several ways to
    /// reach one service) rather than ways to authenticate.
    pub connection_methods: bool,
    /// The name in the page's "To provision your <name> Element" sentence, the first.
    pub provision_name: Option<String>,
    /// The descriptor markdown blocks of a generated page (its preamble and notes),
    /// read back ([`super::html::descriptor_markdown`]), or why one cannot be: line.
    pub markdown: Vec<(Result<String, String>, usize)>,
}

/// A key's description from a parameter table or bullet list.
#[derive(Clone, Debug, Default)]
pub struct Described {
    /// The provider's label, when the table gives one.
    pub label: Option<String>,
    /// The description, markup removed.
    pub description: String,
    /// Whether the text says "Optional".
    pub optional: bool,
    /// The default the text states ("default is `dbo`", "defaults to 30").
    pub default: Option<String>,
    /// The one value the text allows ("leave this as 1000").
    pub fixed: Option<String>,
    /// The type a generated page's table states (`string`, `url`, `enum`...): what the
    /// descriptor said, where a hand-written page leaves the type to be guessed.
    pub ty: Option<String>,
    /// An enum's values, as that table lists them.
    pub values: Vec<String>,
    /// Whether that table marks the field a credential.
    pub secret: bool,
    /// Whether the text starts with the mark a generated page gives an optional OAuth
    /// parameter (its other words say nothing then).
    pub marked_optional: bool,
    /// The default a generated page's parameter bullet ends with.
    pub bullet_default: Option<String>,
    /// Where.
    pub line: usize,
}

/// One `POST /instances` request body.
#[derive(Clone, Debug)]
pub struct Body {
    /// `element.key`.
    pub key: String,
    /// The line of `element.key`.
    pub key_line: usize,
    /// The line of the opening brace.
    pub line: usize,
    /// The nearest heading above that names a way to authenticate ("Custom
    /// Authentication", "Oauth2"), with its line.
    pub section: Option<(String, usize)>,
    /// `configuration` members, in order.
    pub config: Vec<(String, Json)>,
    /// `providerData` members, in order; `None` when the body has none.
    pub provider_data: Option<Vec<(String, Json)>>,
    /// Other top-level members (not `element`, `configuration`, `providerData`,
    /// `tags`, `name`).
    pub extra: Vec<(String, Json)>,
    /// Whether the body came from a curl `-d` argument rather than a JSON block.
    pub from_curl: bool,
}

/// A sample response of `POST /instances`.
#[derive(Clone, Debug)]
pub struct Response {
    /// Where it starts.
    pub line: usize,
    /// `element.key`, `element.id`, `element.hub`, `element.authentication.type`.
    pub key: Option<(String, usize)>,
    /// `element.id`.
    pub id: Option<(String, usize)>,
    /// `element.hub`.
    pub hub: Option<(String, usize)>,
    /// `element.authentication.type`.
    pub auth: Option<(String, usize)>,
    /// `configuration` keys.
    pub config: Vec<(String, Json)>,
}

/// A `GET /elements/{key}/oauth/url` or `/oauth/token` call of an example.
#[derive(Clone, Debug)]
pub struct OAuthCall {
    /// `url` or `token`.
    pub endpoint: String,
    /// The `{key}` in the path.
    pub key: String,
    /// Query parameters, decoded, in order.
    pub query: Vec<(String, String)>,
    /// Where.
    pub line: usize,
}

/// Heading words that name a way to authenticate or connect.
const VARIANT_HEADING_WORDS: &[&str] = &[
    "authentication",
    "oauth",
    "custom",
    "basic",
    "api key",
    "via ",
    "legacy",
];

/// Reads the facts of a page.
pub fn read(page: &Page) -> Facts {
    let mut facts = Facts {
        front: page.front.clone(),
        ..Facts::default()
    };
    let substitute = |text: &str| liquid_substituted(text, &page.front);
    let mut section: Option<(String, usize)> = None;
    let mut seen_heading = false;
    // Whether the last generated field table's header has a Default column.
    let mut default_column = true;
    let mut intro_open = true;
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, line } => {
                let text = substitute(text);
                // A heading with an explicit anchor (`### API token {#api-token}`) is a
                // variant's section of a page `elementgen generate` wrote; the anchor is
                // not part of the title.
                let (text, anchored) = match text
                    .trim_end()
                    .strip_suffix('}')
                    .and_then(|t| t.rsplit_once(" {#"))
                {
                    Some((title, _)) => (title.trim_end().to_string(), true),
                    None => (text, false),
                };
                facts.headings.push((*level, text.clone(), *line));
                if seen_heading {
                    intro_open = false;
                }
                seen_heading = true;
                let lower = text.to_lowercase();
                if !lower.starts_with("step")
                    && (anchored || VARIANT_HEADING_WORDS.iter().any(|w| lower.contains(w)))
                    && !lower.starts_with("authenticat")
                    && !lower.starts_with("get ")
                {
                    section = Some((text, *line));
                }
            }
            Block::Text { text, line } => {
                if let Some(markdown) = page
                    .markdown_lines
                    .get(line)
                    .and_then(|raw| super::html::descriptor_markdown(raw))
                {
                    facts.markdown.push((markdown, *line));
                    continue;
                }
                let text = substitute(text);
                if intro_open && seen_heading && facts.intro.is_none() && is_intro(&text) {
                    facts.intro = Some((text.clone(), *line));
                }
                if text.contains(crate::emit::docs::CONNECTION_METHODS) {
                    facts.connection_methods = true;
                }
                if facts.provision_name.is_none()
                    && let Some(name) = text
                        .strip_prefix("To provision your ")
                        .and_then(|t| t.strip_suffix(" Element, use the /instances API."))
                {
                    facts.provision_name = Some(name.to_string());
                }
                if let Some(key) = key_sentence(&text) {
                    facts.key_sentences.push((key, *line));
                }
                if text.starts_with(&["Key", "Label", "Type", "Required", ""].join(CELL)) {
                    default_column = text.contains(&[CELL, "Default", CELL].concat());
                }
                if let Some((key, described)) = describe(&text, *line, default_column) {
                    facts
                        .descriptions
                        .entry(key.clone())
                        .or_insert_with(|| described.clone());
                    facts.described_rows.push((key, described));
                }
                facts.call_templates.extend(call_templates(&text, *line));
            }
            Block::Code { code, line, .. } => {
                let code = substitute(code);
                read_code(&code, *line, &section, &mut facts);
            }
        }
    }
    facts
}

/// Whether a first paragraph introduces the provider, rather than being a step's
/// boilerplate ("To provision your X Element, use the /instances API.").
fn is_intro(text: &str) -> bool {
    const STEPS: &[&str] = &[
        "To provision",
        "Below",
        "Here",
        "Use ",
        "Provision",
        "{%",
        "Note",
    ];
    !STEPS.iter().any(|s| text.starts_with(s))
}

impl Facts {
    /// The description of `key` within `region` (lines), else its first anywhere.
    pub fn described(&self, key: &str, region: (usize, usize)) -> Option<&Described> {
        self.described_rows
            .iter()
            .find(|(k, d)| k == key && d.line > region.0 && d.line < region.1)
            .map(|(_, d)| d)
            .or_else(|| self.descriptions.get(key))
    }

    /// The element a statement at `line` is about: the key of the next request body
    /// (a section shows its call, then its body), else of the last one.
    pub fn owner(&self, line: usize) -> Option<&str> {
        self.bodies
            .iter()
            .find(|b| b.line > line)
            .or(self.bodies.last())
            .map(|b| b.key.as_str())
    }
}

/// Replaces `{{page.x}}` with the front matter's `x` where the page has one, so
/// `{{page.elementKey}}` in an example becomes the key the portal would show.
fn liquid_substituted(text: &str, front: &BTreeMap<String, (String, usize)>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let inner = rest[start + 2..start + len].trim();
        out.push_str(&rest[..start]);
        match inner.strip_prefix("page.").and_then(|k| front.get(k)) {
            Some((value, _)) => out.push_str(value),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The key in "The “key” into Cloud Elements X is “y”" (straight or curly quotes).
fn key_sentence(text: &str) -> Option<String> {
    // Found without lowering the whole text, whose byte offsets lowering can move
    // (`İ` is longer lowered): offsets into `text` itself.
    let at = ["key\u{201D} into", "key\" into"]
        .iter()
        .find_map(|needle| {
            text.char_indices().map(|(i, _)| i).find(|i| {
                text.get(*i..*i + needle.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(needle))
            })
        })?;
    let rest = &text[at..];
    let is = rest.find(" is ")?;
    let value = rest[is + 4..].trim_start();
    let value = value.trim_start_matches(['"', '\u{201C}', '\u{201D}', '`']);
    let end = value.find(['"', '\u{201C}', '\u{201D}', '`', ' ', '.'])?;
    let key = &value[..end];
    (!key.is_empty()).then(|| key.to_string())
}

/// Parameter table rows (`Label </br>key | description | type`) and bullets
/// (`key – description`) describing a key.
fn describe(text: &str, line: usize, default_column: bool) -> Option<(String, Described)> {
    if let Some(row) = generated_row(text, line, default_column) {
        return Some(row);
    }
    let (first, description) = if let Some((first, rest)) = text.split_once(CELL) {
        (first, rest.split(CELL).next().unwrap_or(""))
    } else if let Some((first, rest)) = text
        .split_once(" \u{2013} ")
        .or_else(|| text.split_once(" - "))
        .or_else(|| text.split_once("\u{2013} "))
    {
        (first, rest)
    } else {
        return None;
    };
    let (label, key) = match first
        .split_once("</br>")
        .or_else(|| first.split_once("<br>"))
    {
        Some((label, key)) => (Some(label.trim().to_string()), key),
        None => (None, first),
    };
    let key = key
        .trim()
        .trim_matches(['\'', '"', '`', '\u{2013}', '-', ' ']);
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return None;
    }
    let mut description = description.replace("</br>", " ").replace("<br>", " ");
    // A generated page's bullet ends with the default in code.
    let mut bullet_default = None;
    {
        use crate::emit::docs::param_bullet::{DEFAULT, DEFAULT_END};
        let opening = format!("{DEFAULT}<code>");
        if let Some(at) = description.rfind(&opening)
            && let Some(value) = description[at + opening.len()..]
                .strip_suffix(DEFAULT_END)
                .and_then(|v| v.strip_suffix("</code>"))
        {
            bullet_default = Some(value.to_string());
            description.truncate(at);
        }
    }
    let lower = description.to_lowercase();
    let optional = description.trim_start().starts_with("Optional")
        || lower.contains("(optional)")
        || lower.contains(" optional.")
        || lower.contains(" is optional");
    let marked_optional = description
        .trim_start()
        .starts_with(crate::emit::docs::param_bullet::OPTIONAL.trim_end());
    let default = bullet_default
        .clone()
        .or_else(|| stated_default(&description));
    let fixed = stated_fixed(&description);
    if optional {
        let text = description.trim_start();
        description = text
            .strip_prefix(crate::emit::docs::param_bullet::OPTIONAL.trim_end())
            .unwrap_or(text.trim_start_matches("Optional"))
            .trim_start_matches(['.', ':'])
            .to_string();
    }
    let description = prose(&description);
    // A generated page's bullet of a parameter its descriptor does not describe.
    let description = if description == crate::emit::docs::param_bullet::UNDESCRIBED {
        String::new()
    } else {
        description
    };
    if description.is_empty() && !optional {
        return None;
    }
    Some((
        key.to_string(),
        Described {
            label: label.filter(|l| !l.is_empty()),
            description,
            optional: optional || default.is_some(),
            default,
            fixed,
            line,
            marked_optional,
            bullet_default,
            ..Described::default()
        },
    ))
}

/// A row of a field table `elementgen generate` writes: `Key | Label | Type |
/// Required | Default | Description` (configuration) or the same without `Default`
/// (provider data, `default_column` false), the key and values in `<code>`.
fn generated_row(text: &str, line: usize, default_column: bool) -> Option<(String, Described)> {
    // Empty cells at the end of a row (no default, no description) are trimmed off
    // with its last pipes: the Required cell says it is this table.
    let mut cells: Vec<&str> = text
        .trim_end_matches([CELL_CHAR, ' '])
        .split(CELL)
        .map(str::trim)
        .collect();
    use crate::emit::requirement::{FIXED, OPTIONAL, REQUIRED};
    let required = cells.get(3).copied().unwrap_or_default();
    if !(required == REQUIRED || required == OPTIONAL || required.starts_with(FIXED)) {
        return None;
    }
    if !default_column {
        cells.insert(4, "");
    }
    cells.resize(cells.len().max(6), "");
    let key = code(cells[0])?;
    if key.is_empty() || !crate::text::is_valid_wire_key(&key) {
        return None;
    }
    let fixed = required
        .strip_prefix(FIXED)
        .and_then(code)
        .map(|v| v.trim_matches('"').to_string());
    let default = code(cells[4]).filter(|d| !d.is_empty());
    // The cells are the descriptor's text as `generate` escaped it, which reading the
    // page undid: taken as they are, not as a hand-written page's prose (whose pipes
    // and Liquid are debris). The last cell takes any ` | ` the description holds.
    let description = cells[5..].join(" ").trim().to_string();
    let (ty, secret) = match cells[2].strip_suffix(crate::emit::type_cell::SECRET) {
        Some(ty) => (ty, true),
        None => (cells[2], false),
    };
    // An enum's values, each in code (a value may hold `, `).
    let (ty, values) = match ty
        .strip_prefix("enum (<code>")
        .and_then(|v| v.strip_suffix("</code>)"))
    {
        Some(values) => (
            "enum",
            values
                .split("</code>, <code>")
                .map(str::to_string)
                .collect(),
        ),
        None => (ty, Vec::new()),
    };
    Some((
        key,
        Described {
            label: Some(cells[1].to_string()).filter(|l| !l.is_empty()),
            description,
            optional: required == OPTIONAL,
            default,
            fixed,
            ty: Some(ty.to_string()),
            values,
            secret,
            line,
            ..Described::default()
        },
    ))
}

/// The text of a cell that is one `<code>` span.
fn code(cell: &str) -> Option<String> {
    let inner = cell.strip_prefix("<code>")?.strip_suffix("</code>")?;
    Some(inner.to_string())
}

/// Page text as descriptor prose: the site's Liquid that the portal would fill in
/// (`{{site.console}}`) as the thing it names ("the console"), its tags (`{% if %}`)
/// dropped, a table's pipes as spaces, on one line.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..start]);
        let close = if rest[start..].starts_with("{{") {
            "}}"
        } else {
            "%}"
        };
        let Some(len) = rest[start..].find(close) else {
            break;
        };
        if close == "}}" {
            let inner = rest[start + 2..start + len].trim();
            // `site.console` is the site's name for its console ("the console"); a
            // filter (`| x`) is not text.
            let name = inner.split('|').next().unwrap_or_default().trim();
            let word = name
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .trim()
                .replace('_', " ");
            let said = out.trim_end().to_lowercase();
            if name.starts_with("site.")
                && !word.is_empty()
                && !said.ends_with(" the")
                && said != "the"
            {
                out.push_str("the ");
            }
            out.push_str(&word);
        }
        rest = &rest[start + len + close.len()..];
    }
    out.replace(['|', CELL_CHAR], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one value a description allows: "leave this as `1000`", "must be set to
/// `v2`", "do not change it from `x`".
pub fn stated_fixed(text: &str) -> Option<String> {
    stated_value(
        text,
        &[
            "leave this as ",
            "leave it as ",
            "leave this value as ",
            "must be set to ",
            "do not change it from ",
            "do not change this from ",
        ],
    )
}

/// The default a description states: "default is `dbo`", "defaults to 30",
/// "(default: true)", "default value is x".
pub fn stated_default(text: &str) -> Option<String> {
    stated_value(
        text,
        &[
            "default value is ",
            "default is ",
            "defaults to ",
            "default: ",
        ],
    )
}

/// The value after the first of `leads` in `text` (any case): quoted or code, or the
/// word that follows.
fn stated_value(text: &str, leads: &[&str]) -> Option<String> {
    // Compared without lowering the whole text, whose byte offsets lowering can move.
    let find = |lead: &str| {
        text.char_indices().map(|(i, _)| i).find(|i| {
            text.get(*i..*i + lead.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(lead))
        })
    };
    let at = leads
        .iter()
        .find_map(|lead| find(lead).map(|i| i + lead.len()))?;
    let rest = text[at..].trim_start();
    let value = match rest.chars().next()? {
        q @ ('`' | '"' | '\'' | '\u{201C}') => {
            let close = if q == '\u{201C}' { '\u{201D}' } else { q };
            let inner = &rest[q.len_utf8()..];
            &inner[..inner.find(close)?]
        }
        _ => rest
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | '|'))
            .next()?
            .trim_end_matches('.'),
    };
    (!value.is_empty() && value.len() <= 200).then(|| value.to_string())
}

/// Reads one code block: JSON (a body, a response, an `oauthUrl`) or a curl command
/// (an OAuth call, or a body given with `-d`).
fn read_code(code: &str, line: usize, section: &Option<(String, usize)>, facts: &mut Facts) {
    let trimmed = code.trim_start();
    if trimmed.starts_with('{') {
        let skipped = code.len() - trimmed.len();
        let first = line + code[..skipped].matches('\n').count();
        read_json(trimmed, first, section, false, facts);
        return;
    }
    if !code.contains("curl") {
        // `GET /elements/{keyOrId}/oauth/url?apiKey=...&siteAddress=<url>`: the call's
        // template, with the parameters the page may show nowhere else.
        facts.call_templates.extend(call_templates(code, line));
        return;
    }
    for (offset, url) in urls(code) {
        let url_line = line + code[..offset].matches('\n').count();
        if let Some(call) = oauth_call(&url, url_line) {
            facts.oauth_calls.push(call);
        }
    }
    if let Some(at) = code.find("-d '").or_else(|| code.find("--data '"))
        && let Some(open) = code[at..].find('{').map(|o| at + o)
        && let Some(close) = code.rfind('}')
        && close > open
    {
        let first = line + code[..open].matches('\n').count();
        read_json(&code[open..=close], first, section, true, facts);
    }
}

fn read_json(
    text: &str,
    line: usize,
    section: &Option<(String, usize)>,
    from_curl: bool,
    facts: &mut Facts,
) {
    let (value, liberties) = match json::parse(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            facts.unreadable.push((line + e.line - 1, e.message));
            return;
        }
    };
    let at = |l: usize| line + l - 1;
    for l in liberties {
        facts.liberties.push((at(l.line), l.what));
    }
    let relocated = relocate(value, line);
    let value = &relocated;
    if let Some(url) = value.get("oauthUrl").and_then(Json::as_str) {
        facts.oauth_urls.push((
            url.to_string(),
            value.get("oauthUrl").map_or(line, |v| v.line),
        ));
        return;
    }
    let Some(element) = value.get("element") else {
        return;
    };
    let element_str = |k: &str| {
        element.get(k).and_then(|v| match &v.kind {
            Kind::String(s) => Some((s.clone(), v.line)),
            Kind::Number(n) => Some((n.clone(), v.line)),
            _ => None,
        })
    };
    let members = |k: &str| value.get(k).map(|v| v.members().to_vec());
    if value.get("token").is_some() || value.get("id").is_some() {
        facts.responses.push(Response {
            line,
            key: element_str("key"),
            id: element_str("id"),
            hub: element_str("hub"),
            auth: element
                .get("authentication")
                .and_then(|a| a.get("type"))
                .and_then(|t| t.as_str().map(|s| (s.to_string(), t.line))),
            config: members("configuration").unwrap_or_default(),
        });
        return;
    }
    let Some((key, key_line)) = element_str("key") else {
        return;
    };
    facts.bodies.push(Body {
        key,
        key_line,
        line,
        section: section.clone(),
        config: members("configuration").unwrap_or_default(),
        provider_data: members("providerData"),
        extra: value
            .members()
            .iter()
            .filter(|(k, _)| {
                !["element", "configuration", "providerData", "tags", "name"].contains(&k.as_str())
            })
            .cloned()
            .collect(),
        from_curl,
    });
}

/// Makes every line of a parsed value a page line.
fn relocate(mut value: Json, first: usize) -> Json {
    value.line += first - 1;
    value.kind = match value.kind {
        Kind::Array(items) => Kind::Array(items.into_iter().map(|v| relocate(v, first)).collect()),
        Kind::Object(members) => Kind::Object(
            members
                .into_iter()
                .map(|(k, v)| (k, relocate(v, first)))
                .collect(),
        ),
        other => other,
    };
    value
}

/// Every `http(s)://` URL in a curl command, with its byte offset.
fn urls(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("http").map(|a| from + a) {
        let rest = &code[at..];
        if !(rest.starts_with("https://") || rest.starts_with("http://")) {
            from = at + 4;
            continue;
        }
        // A quoted URL runs to its closing quote: pages paste display names with
        // spaces into them (`apiKey=fake_Base CRM_api_key`).
        let quote = code[..at]
            .chars()
            .next_back()
            .filter(|c| *c == '\'' || *c == '"');
        let end = match quote {
            Some(q) => rest.find([q, '\n']).unwrap_or(rest.len()),
            None => rest
                .find(|c: char| c.is_whitespace() || c == '\'' || c == '"')
                .unwrap_or(rest.len()),
        };
        found.push((at, rest[..end].to_string()));
        from = at + end;
    }
    found
}

/// The OAuth calls a text writes as templates rather than URLs
/// (`GET /elements/{keyOrId}/oauth/url?apiKey=<key>&siteAddress=<url>`), at their lines.
fn call_templates(text: &str, line: usize) -> Vec<OAuthCall> {
    let mut calls = Vec::new();
    for endpoint in ["/oauth/url?", "/oauth/token?"] {
        let mut from = 0;
        while let Some(at) = text[from..].find(endpoint).map(|a| from + a) {
            let start = text[..at]
                .rfind(|c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"' | '('))
                .map_or(0, |i| i + 1);
            let end = text[at..]
                .find(|c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"' | ')' | '|'))
                .map_or(text.len(), |i| at + i);
            // A whole URL is the curl reader's; only a path is a template.
            let token = &text[start..end];
            if !token.starts_with("http")
                && let Some(call) = oauth_call(token, line + text[..at].matches('\n').count())
            {
                calls.push(call);
            }
            from = end.max(at + endpoint.len());
        }
    }
    calls
}

/// A URL of `.../elements/{key}/oauth/{url|token}?...`.
fn oauth_call(url: &str, line: usize) -> Option<OAuthCall> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let endpoint = segments.next()?;
    if !matches!(endpoint, "url" | "token") || segments.next()? != "oauth" {
        return None;
    }
    let key = segments.next()?.to_string();
    let query = query_pairs(query);
    Some(OAuthCall {
        endpoint: endpoint.to_string(),
        key,
        query,
        line,
    })
}

/// Query parameters, percent-decoded, in order; a parameter without `=` has an empty
/// value. A `+` is itself (pages paste values such as secrets unencoded), except in
/// `scope`, whose words the pages (and the generated ones) join with `+`.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .flat_map(|pair| {
            let spaced = pair.starts_with("scope=");
            let pair = if spaced {
                pair.to_string()
            } else {
                pair.replace('+', "%2B")
            };
            url::form_urlencoded::parse(pair.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_sentence_is_read_whatever_precedes_it() {
        // Lowering `İ` makes it longer: an offset in the lowered text is not one here.
        assert_eq!(
            key_sentence(
                "\u{130}\u{130}\u{130}\u{130} The \u{201C}key\u{201D} into Cloud Elements X is \u{201C}y\u{201D}."
            ),
            Some("y".to_string())
        );
    }

    #[test]
    fn the_key_sentence_is_read_with_either_quotes() {
        assert_eq!(
            key_sentence(
                "The \u{201C}key\u{201D} into Cloud Elements Base CRM is \u{201C}base\u{201D}.  This"
            ),
            Some("base".to_string())
        );
        assert_eq!(
            key_sentence("The \"key\" into Cloud Elements X is \"x-y\"."),
            Some("x-y".to_string())
        );
    }

    #[test]
    fn a_plus_is_a_space_in_a_scope_only() {
        assert_eq!(
            query_pairs("apiSecret=a+b&scope=read+write%20all&x"),
            [
                ("apiSecret".to_string(), "a+b".to_string()),
                ("scope".to_string(), "read write all".to_string()),
                ("x".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn oauth_calls_keep_their_query_in_order() {
        let call = oauth_call(
            "https://api.cloud-elements.com/elements/api-v2/elements/desk/oauth/token?apiKey=a&callbackUrl=https%3A%2F%2Fx.example.com%2Fauth&siteAddress=s",
            4,
        )
        .unwrap();
        assert_eq!(
            (call.endpoint.as_str(), call.key.as_str()),
            ("token", "desk")
        );
        assert_eq!(
            call.query,
            [
                ("apiKey".to_string(), "a".to_string()),
                (
                    "callbackUrl".to_string(),
                    "https://x.example.com/auth".to_string()
                ),
                ("siteAddress".to_string(), "s".to_string()),
            ]
        );
    }
}

#[cfg(test)]
mod stated_tests {
    use super::*;

    #[test]
    fn stated_values_are_read_whatever_the_text_around_them() {
        assert_eq!(
            stated_default("Optional, default is `dbo`."),
            Some("dbo".into())
        );
        assert_eq!(
            stated_default("Rows per page; defaults to 100."),
            Some("100".into())
        );
        assert_eq!(stated_default("Default: `true`"), Some("true".into()));
        assert_eq!(stated_fixed("Leave this as 1000."), Some("1000".into()));
        assert_eq!(
            stated_fixed("Must be set to \"v2\" always"),
            Some("v2".into())
        );
        assert_eq!(stated_default("No default here."), None);
        // Text whose lower case is longer than itself (`İ`) moves no offset.
        assert_eq!(stated_default("İİİ ΣΑΣ default is `x`"), Some("x".into()));
        assert_eq!(stated_default("default is `unclosed"), None);
        assert_eq!(
            prose("in {{site.console}} | {% if a %}settings"),
            "in the console settings"
        );
        assert_eq!(prose("the {{ site.console | upcase }}"), "the console");
        assert_eq!(prose("broken {{ tag"), "broken");
    }
}
