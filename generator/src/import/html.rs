//! The descriptor markdown a generated page shows (`preamble`, `notes`), read back.
//!
//! `generate` renders that markdown to a block of HTML whose lines break inside tags
//! ([`crate::emit::markdown::markdown`]); this turns the HTML into markdown that
//! renders to the same HTML. The subset is what pulldown-cmark writes for CommonMark
//! with tables and strikethrough; text is written with every markdown character
//! escaped, so that it reads back as text. [`descriptor_markdown`] checks its answer
//! by rendering it again: what it returns is exact or nothing.

use crate::emit::markdown::{self, MARKDOWN_BLOCK_END, MARKDOWN_BLOCK_START};

/// The markdown of a page's rendered descriptor markdown block (its lines joined by
/// `\n`): `None` when the text is not one, `Some(Err(why))` when it is but cannot be
/// read back exactly.
pub fn descriptor_markdown(line: &str) -> Option<Result<String, String>> {
    let html = markdown::liquid_unraw(line.trim());
    let inner = html
        .strip_prefix(MARKDOWN_BLOCK_START)?
        .strip_suffix(MARKDOWN_BLOCK_END)?;
    let Some(nodes) = parse(inner) else {
        return Some(Err(format!("it nests deeper than {MAX_DEPTH} elements")));
    };
    let source = match blocks(&nodes) {
        Some(source) => source.trim_end().to_string(),
        None => {
            return Some(Err(
                "it holds HTML beyond what descriptor markdown renders to".into(),
            ));
        }
    };
    // Compared as the site's markdown reader gets both: Liquid's `raw` tags dropped,
    // and the lines joined (a page written before blocks broke their lines has one).
    let joined = |html: &str| markdown::tag_joined(&markdown::liquid_unraw(html));
    if joined(&markdown::markdown(&source)) == joined(line.trim()) {
        Some(Ok(source))
    } else {
        Some(Err("its markdown cannot be recovered exactly".into()))
    }
}

/// A node of the HTML.
#[derive(Debug)]
enum Node {
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        children: Vec<Node>,
    },
    Text(String),
}

/// Elements that have no end tag.
const VOID: &[&str] = &["br", "hr", "img"];

/// Deepest nesting read back: what descriptor markdown renders to nests a few levels;
/// deeper HTML (only a hostile page has it) is not descriptor markdown, and reading it
/// would recurse without bound.
const MAX_DEPTH: usize = 32;

/// An element whose end tag is still to come.
struct Open {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Open {
    fn new(name: String, attrs: Vec<(String, String)>) -> Self {
        Self {
            name,
            attrs,
            children: Vec::new(),
        }
    }

    fn close(self) -> Node {
        Node::Element {
            name: self.name,
            attrs: self.attrs,
            children: self.children,
        }
    }
}

/// The HTML as a tree, or `None` when it nests deeper than [`MAX_DEPTH`]. It is
/// pulldown-cmark's own output, so well formed; an end tag that closes nothing is
/// ignored.
fn parse(html: &str) -> Option<Vec<Node>> {
    // Open elements; the root at the bottom.
    let mut stack = vec![Open::new(String::new(), Vec::new())];
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut stack, rest);
            break;
        };
        push_text(&mut stack, &rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            push_text(&mut stack, rest);
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.len() > 1 && stack.last().is_some_and(|o| o.name == name.trim()) {
                let closed = stack.pop().expect("an open element").close();
                stack.last_mut().expect("the root").children.push(closed);
            }
            continue;
        }
        let tag = tag.trim_end_matches('/').trim();
        let (name, attrs) = match tag.split_once(' ') {
            Some((name, attrs)) => (name.to_string(), attributes(attrs)),
            None => (tag.to_string(), Vec::new()),
        };
        let open = Open::new(name, attrs);
        if VOID.contains(&open.name.as_str()) {
            stack
                .last_mut()
                .expect("the root")
                .children
                .push(open.close());
        } else if stack.len() > MAX_DEPTH {
            return None;
        } else {
            stack.push(open);
        }
    }
    // Close what is left open (not in pulldown-cmark's output).
    while stack.len() > 1 {
        let closed = stack.pop().expect("an open element").close();
        stack.last_mut().expect("the root").children.push(closed);
    }
    stack.pop().map(|root| root.children)
}

fn push_text(stack: &mut [Open], text: &str) {
    if !text.is_empty() {
        let open = stack.last_mut().expect("the root");
        open.children.push(Node::Text(entities(text)));
    }
}

/// `name="value"` pairs, values decoded.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        out.push((name, entities(&after[..end])));
        rest = after[end + 1..].trim_start();
    }
    out
}

/// HTML text with its character references decoded: `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;` and numeric ones (what `generate`, or any HTML escaper, writes);
/// anything else is kept as written.
pub fn entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let c = match &rest[1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                n => {
                    let code = match n.strip_prefix("#x").or_else(|| n.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    code.and_then(char::from_u32)?
                }
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn attr<'n>(attrs: &'n [(String, String)], name: &str) -> Option<&'n str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Block nodes as markdown, each followed by a blank line; `None` for what the
/// subset does not hold.
fn blocks(nodes: &[Node]) -> Option<String> {
    let mut out = String::new();
    for node in nodes {
        match node {
            // Between blocks: the line breaks of the source.
            Node::Text(t) if t.trim().is_empty() => {}
            Node::Text(_) => return None,
            Node::Element {
                name,
                attrs,
                children,
            } => {
                out.push_str(&block(name, attrs, children)?);
                out.push_str("\n\n");
            }
        }
    }
    Some(out)
}

fn block(name: &str, attrs: &[(String, String)], children: &[Node]) -> Option<String> {
    Some(match name {
        "p" => inline(children)?,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level: usize = name[1..].parse().ok()?;
            format!("{} {}", "#".repeat(level), inline(children)?)
        }
        "hr" => "***".to_string(),
        "blockquote" => blocks(children)?
            .trim_end()
            .lines()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "pre" => {
            let [
                Node::Element {
                    name,
                    attrs,
                    children,
                },
            ] = children
            else {
                return None;
            };
            if name != "code" {
                return None;
            }
            let code = plain(children)?;
            let language = attr(attrs, "class")
                .and_then(|c| c.strip_prefix("language-"))
                .unwrap_or("");
            let ticks = "`".repeat(crate::escape::longest_backtick_run(&code).max(2) + 1);
            format!("{ticks}{language}\n{code}{ticks}")
        }
        "ul" | "ol" => list(name, attrs, children)?,
        "table" => table(children)?,
        _ => return None,
    })
}

/// The items of a list, each under its marker, continuation lines indented to it.
fn list(name: &str, attrs: &[(String, String)], children: &[Node]) -> Option<String> {
    let mut number: u64 = attr(attrs, "start").map_or(Some(1), |s| s.parse().ok())?;
    let items: Vec<&[Node]> = children
        .iter()
        .filter_map(|n| match n {
            Node::Element { name, children, .. } if name == "li" => Some(Some(children.as_slice())),
            Node::Text(t) if t.trim().is_empty() => None,
            _ => Some(None),
        })
        .collect::<Option<_>>()?;
    // A loose list's items hold paragraphs; a tight one's hold text.
    let loose = items.iter().any(|item| {
        item.iter()
            .any(|n| matches!(n, Node::Element { name, .. } if name == "p"))
    });
    let mut out = Vec::new();
    for item in items {
        let marker = if name == "ol" {
            let m = format!("{number}. ");
            number = number.checked_add(1)?;
            m
        } else {
            "- ".to_string()
        };
        let content = item_content(item, loose)?;
        let indent = " ".repeat(marker.len());
        let mut lines = content.trim_end().lines();
        let mut text = format!("{marker}{}", lines.next().unwrap_or(""));
        for line in lines {
            text.push('\n');
            if !line.is_empty() {
                text.push_str(&indent);
                text.push_str(line);
            }
        }
        out.push(text);
    }
    Some(out.join(if loose { "\n\n" } else { "\n" }))
}

/// An item: its text (tight) or blocks (loose), and any list inside it.
fn item_content(item: &[Node], loose: bool) -> Option<String> {
    if loose {
        return blocks(item);
    }
    let split = item
        .iter()
        .position(|n| matches!(n, Node::Element { name, .. } if name == "ul" || name == "ol" || name == "pre" || name == "blockquote"))
        .unwrap_or(item.len());
    let mut out = inline(&item[..split])?.trim_end_matches('\n').to_string();
    let rest = blocks(&item[split..])?;
    if !rest.trim().is_empty() {
        out.push('\n');
        out.push_str(rest.trim_end());
    }
    Some(out)
}

/// A GFM table: its head row, the alignment row, its body rows.
fn table(children: &[Node]) -> Option<String> {
    let mut rows: Vec<(Vec<String>, Vec<&str>)> = Vec::new();
    for section in children {
        let Node::Element { children, .. } = section else {
            continue;
        };
        for row in children {
            let Node::Element { name, children, .. } = row else {
                continue;
            };
            if name != "tr" {
                return None;
            }
            let mut cells = Vec::new();
            let mut aligns = Vec::new();
            for cell in children {
                if let Node::Element {
                    attrs, children, ..
                } = cell
                {
                    cells.push(inline(children)?.replace('|', "\\|"));
                    aligns.push(attr(attrs, "style").unwrap_or(""));
                }
            }
            rows.push((cells, aligns));
        }
    }
    let ((head, aligns), body) = rows.split_first()?;
    let rule: Vec<&str> = aligns
        .iter()
        .map(|a| match *a {
            "text-align: left" => ":--",
            "text-align: center" => ":-:",
            "text-align: right" => "--:",
            _ => "---",
        })
        .collect();
    let mut out = format!("| {} |\n| {} |", head.join(" | "), rule.join(" | "));
    for (cells, _) in body {
        out.push_str(&format!("\n| {} |", cells.join(" | ")));
    }
    Some(out)
}

/// Inline nodes as markdown.
fn inline(nodes: &[Node]) -> Option<String> {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(&escaped(t, out.is_empty() || out.ends_with('\n'))),
            Node::Element {
                name,
                attrs,
                children,
            } => out.push_str(&match name.as_str() {
                "strong" => format!("**{}**", inline(children)?),
                "em" => format!("*{}*", inline(children)?),
                "del" => format!("~~{}~~", inline(children)?),
                "code" => code_span(&plain(children)?),
                "br" => "\\".to_string(),
                "a" => format!(
                    "[{}]({})",
                    inline(children)?,
                    target(attr(attrs, "href")?, attr(attrs, "title"))
                ),
                "img" => format!(
                    "![{}]({})",
                    escaped(attr(attrs, "alt").unwrap_or(""), false),
                    target(attr(attrs, "src")?, attr(attrs, "title"))
                ),
                _ => return None,
            }),
        }
    }
    Some(out)
}

/// The text of nodes that must be text only (code).
fn plain(nodes: &[Node]) -> Option<String> {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => Some(t.as_str()),
            Node::Element { .. } => None,
        })
        .collect()
}

/// A code span holding `code` as written.
fn code_span(code: &str) -> String {
    let ticks = "`".repeat(crate::escape::longest_backtick_run(code) + 1);
    // One space each side is stripped when both are there; a backtick at an edge
    // would join the fence.
    let pad = code.starts_with('`')
        || code.ends_with('`')
        || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
    let space = if pad { " " } else { "" };
    format!("{ticks}{space}{code}{space}{ticks}")
}

/// A link target in angle brackets (which allow spaces and parentheses), with its
/// title.
fn target(url: &str, title: Option<&str>) -> String {
    let url = url
        .replace('\\', "\\\\")
        .replace('<', "\\<")
        .replace('>', "\\>");
    match title {
        Some(t) => format!(
            "<{url}> \"{}\"",
            t.replace('\\', "\\\\").replace('"', "\\\"")
        ),
        None => format!("<{url}>"),
    }
}

/// Text that markdown reads back as exactly this text: every character that could be
/// markup escaped, and what would open a block at the start of a line.
fn escaped(text: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = at_line_start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' {
            out.push(c);
            line_start = true;
            continue;
        }
        let block_start = line_start && matches!(c, '-' | '+' | '=' | '#');
        if "\\`*_[]<>!|~&".contains(c) || block_start {
            out.push('\\');
            out.push(c);
        } else if line_start && c.is_ascii_digit() {
            // `1.` or `1)` would start an ordered list.
            out.push(c);
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                out.push(d);
            }
            if let Some(p) = chars.next_if(|p| *p == '.' || *p == ')') {
                out.push('\\');
                out.push(p);
            }
        } else {
            out.push(c);
        }
        line_start = line_start && c == ' ';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markdown in, the page's line out, the same markdown's rendering back in.
    fn round_trip(source: &str) -> String {
        let line = markdown::markdown(source);
        match descriptor_markdown(&line) {
            Some(Ok(back)) => back,
            Some(Err(why)) => {
                let inner = markdown::liquid_unraw(&line);
                let inner = inner
                    .strip_prefix(MARKDOWN_BLOCK_START)
                    .and_then(|l| l.strip_suffix(MARKDOWN_BLOCK_END))
                    .unwrap_or_default();
                panic!(
                    "{source:?}: {why}\n{line}\n{:?}",
                    parse(inner).map(|n| blocks(&n))
                )
            }
            None => panic!("{source:?}: not read as a block: {line}"),
        }
    }

    #[test]
    fn descriptor_markdown_reads_back_to_what_renders_the_same() {
        for source in [
            "**Note:** The V2 API uses `refId` (see `GET /folders/{id}/contents`).",
            "Line one\nline two, *emphasis*, ~~gone~~ and a [link](https://example.com/a_b \"T\").",
            "First paragraph.\n\nSecond: 1. not a list, - not one either, # nor a heading.",
            "- one\n- two\n  - nested\n- three",
            "1. first\n2. second\n\n   still second\n3. third",
            "3) from three\n4) four",
            "> quoted **text**\n>\n> and more",
            "```rust\nlet x = `a`;\n```\n\nAfter the code.",
            "| a | b |\n|:--|--:|\n| 1 \\| one | `x` |",
            "Hard  \nbreak and a backslash\\\nbreak, ![alt](img.png), <b>html</b> & &amp; \\* stars",
            "{{ site.console }} and {% raw %} and {% endraw %} are Liquid",
            "***\n\n## Heading with `code`",
            "`` a`b `` and ` x ` and `  `",
            // Long enough that the block's lines break inside tags, Liquid and all.
            &"{{ x }} *a* [b](https://b.example/ \"t\") ![c](c.png) d  \n".repeat(20),
        ] {
            let back = round_trip(source);
            assert_eq!(
                markdown::markdown(&back),
                markdown::markdown(source),
                "{source:?} -> {back:?}"
            );
        }
    }

    /// A page generated before blocks broke their lines holds the block on one line:
    /// it reads back the same.
    #[test]
    fn a_block_written_on_one_line_reads_back() {
        let source = "a  \n![b](c.png) *d* ".repeat(12);
        let block = markdown::markdown(&source);
        assert!(block.lines().count() > 2, "{block}");
        let one_line = markdown::tag_joined(&block);
        let back = descriptor_markdown(&one_line).unwrap().unwrap();
        assert_eq!(markdown::markdown(&back), block);
    }

    #[test]
    fn plain_text_reads_back_as_written() {
        assert_eq!(
            round_trip("Zuora provides separate credentials for sandbox accounts."),
            "Zuora provides separate credentials for sandbox accounts."
        );
    }

    #[test]
    fn hostile_blocks_are_refused_never_a_panic() {
        let deep = format!(
            "{MARKDOWN_BLOCK_START}<p>{}x{}</p>{MARKDOWN_BLOCK_END}",
            "<em>".repeat(100_000),
            "</em>".repeat(100_000)
        );
        assert_eq!(
            descriptor_markdown(&deep),
            Some(Err("it nests deeper than 32 elements".to_string()))
        );
        let huge = format!(
            "{MARKDOWN_BLOCK_START}<ol start=\"18446744073709551615\"><li>a</li><li>b</li></ol>{MARKDOWN_BLOCK_END}"
        );
        assert!(matches!(descriptor_markdown(&huge), Some(Err(_))));
    }

    #[test]
    fn other_lines_are_not_blocks() {
        assert!(descriptor_markdown("Below is an example.").is_none());
        assert!(descriptor_markdown("<div class=\"other\">x</div>").is_none());
    }
}
