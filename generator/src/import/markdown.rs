//! A hand-written page read as markdown: its front matter, and its headings, prose
//! and code blocks in page order, each with the line it starts on. pulldown-cmark
//! does the reading, so a fence inside a list item or an indented code block is seen
//! as the portal's renderer sees it.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// A page split into what the importer reads.
#[derive(Debug, Default)]
pub struct Page {
    /// Front matter entries (`heading: Base CRM`), values unquoted, with their lines.
    pub front: BTreeMap<String, (String, usize)>,
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// The descriptor markdown blocks as `generate` writes them, as written, by the
    /// line each starts on (a block's lines joined by `\n`): markdown would read the
    /// one wrapped in `{% raw %}` as a paragraph, decoding what it escapes.
    pub markdown_lines: BTreeMap<usize, String>,
}

/// What ends each cell of a table row's text: U+001F, which no page holds (import
/// refuses control characters), so a cell's own ` | ` is never taken for the next.
pub const CELL: &str = " \u{1F} ";

/// One piece of the page body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading: level 1-6 and its text.
    Heading {
        /// 1 for `#`.
        level: u8,
        /// The heading's text, inline markup removed.
        text: String,
        /// Where it is.
        line: usize,
    },
    /// A paragraph, list item or table row, inline markup removed.
    Text {
        /// Its text.
        text: String,
        /// Where it starts.
        line: usize,
    },
    /// A code block, fenced or indented.
    Code {
        /// The fence's info string (`json`, `bash`), empty when there is none.
        lang: String,
        /// The code, as written.
        code: String,
        /// The line of the code's first line.
        line: usize,
    },
}

/// Why a page cannot be read as a page.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// Where.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads a page. The front matter is the block between a first line `---` and the
/// next `---` line; pages without one are read too.
pub fn read(text: &str) -> Result<Page, Unreadable> {
    let lines = LineIndex::new(text);
    let (front, body_start) = front_matter(text);
    let body = &text[body_start..];
    let (markdown_lines, markdown_spans) = markdown_blocks(text, &lines, body_start);
    let mut page = Page {
        front,
        blocks: Vec::new(),
        markdown_lines,
    };
    let mut current: Option<(Block, usize)> = None;
    // Text blocks: paragraphs, list items and table cells flush at their end.
    let mut text_start: Option<usize> = None;
    let mut text_buf = String::new();
    let mut depth_in_code = false;
    // A fence read from the source up to its closing line: events before this offset
    // belong to it.
    let mut skip_until = 0;
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        let at = body_start + range.start;
        // What markdown makes of a descriptor markdown block's later lines (a line
        // starting `>` is a quote) is not the page's: the block is read whole.
        let in_later_line = markdown_spans
            .range(..=at)
            .next_back()
            .is_some_and(|(_, end)| at < *end);
        if at < skip_until || in_later_line {
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut page, &mut text_buf, &mut text_start, &lines);
                current = Some((
                    Block::Heading {
                        level: level as u8,
                        text: String::new(),
                        line: lines.line(at),
                    },
                    at,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((mut block, _)) = current.take() {
                    if let Block::Heading { text, .. } = &mut block {
                        *text = text.trim().to_string();
                    }
                    page.blocks.push(block);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                flush(&mut page, &mut text_buf, &mut text_start, &lines);
                depth_in_code = true;
                let (lang, first) = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        let fence = fenced(text, at)?;
                        if fence.end > body_start + range.end {
                            // A list item ended the block before its closing fence
                            // (lines indented less than the item): read it as the
                            // author meant, up to the fence.
                            page.blocks.push(Block::Code {
                                lang: info.trim().to_string(),
                                code: fence.code,
                                line: lines.line(at) + 1,
                            });
                            skip_until = fence.end;
                            depth_in_code = false;
                            continue;
                        }
                        (info.trim().to_string(), lines.line(at) + 1)
                    }
                    CodeBlockKind::Indented => (String::new(), lines.line(at)),
                };
                current = Some((
                    Block::Code {
                        lang,
                        code: String::new(),
                        line: first,
                    },
                    at,
                ));
            }
            Event::End(TagEnd::CodeBlock) => {
                depth_in_code = false;
                if let Some((block, _)) = current.take() {
                    page.blocks.push(block);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                match &mut current {
                    Some((Block::Heading { text, .. }, _)) => text.push_str(&t),
                    Some((Block::Code { code, .. }, _)) if depth_in_code => code.push_str(&t),
                    _ => {
                        text_start.get_or_insert(at);
                        text_buf.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((Block::Heading { text, .. }, _)) = &mut current {
                    text.push(' ');
                } else {
                    text_buf.push('\n');
                }
            }
            Event::Start(Tag::Item | Tag::Paragraph | Tag::TableRow | Tag::TableHead)
            | Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead) => {
                flush(&mut page, &mut text_buf, &mut text_start, &lines)
            }
            Event::End(TagEnd::TableCell) => text_buf.push_str(CELL),
            _ => {}
        }
    }
    flush(&mut page, &mut text_buf, &mut text_start, &lines);
    Ok(page)
}

fn flush(page: &mut Page, buf: &mut String, start: &mut Option<usize>, lines: &LineIndex) {
    let text = buf.trim().trim_end_matches('|').trim();
    if let Some(at) = start.take()
        && !text.is_empty()
    {
        page.blocks.push(Block::Text {
            text: text.to_string(),
            line: lines.line(at),
        });
    }
    buf.clear();
}

/// The descriptor markdown blocks of a page ([`Page::markdown_lines`]), and for each
/// the byte span of its lines after the first: from the line after a body line that
/// opens one (`<div class="descriptor-markdown">`, maybe after `{% raw %}`) to the end
/// of the line that closes it (`</div>`, maybe before `{% endraw %}`).
fn markdown_blocks(
    text: &str,
    index: &LineIndex,
    body_start: usize,
) -> (BTreeMap<usize, String>, BTreeMap<usize, usize>) {
    use crate::emit::markdown::{ENDRAW, MARKDOWN_BLOCK_END, MARKDOWN_BLOCK_START, RAW};
    let opens = |l: &str| {
        let l = l.trim_start();
        l.strip_prefix(RAW)
            .unwrap_or(l)
            .starts_with(MARKDOWN_BLOCK_START)
    };
    let closes = |l: &str| {
        let l = l.trim_end();
        l.strip_suffix(ENDRAW)
            .unwrap_or(l)
            .ends_with(MARKDOWN_BLOCK_END)
    };
    let mut blocks = BTreeMap::new();
    let mut spans = BTreeMap::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    // Where line `n` (from 0) starts; the front matter is no block's.
    let start = |n: usize| index.starts.get(n).copied().unwrap_or(text.len());
    let mut n = index.line(body_start) - 1;
    while n < lines.len() {
        let first = n;
        n += 1;
        if !opens(lines[first]) {
            continue;
        }
        let mut block = lines[first].trim_end_matches(['\n', '\r']).to_string();
        // `generate` writes no blank line in a block, and closes it: one that a blank
        // line or the page ends first is one line, as a page reader sees it.
        let mut last = first;
        while !closes(&block) {
            match lines.get(last + 1) {
                Some(next) if !next.trim().is_empty() => {
                    last += 1;
                    block.push('\n');
                    block.push_str(next.trim_end_matches(['\n', '\r']));
                }
                _ => break,
            }
        }
        if !closes(&block) {
            last = first;
            block = lines[first].trim_end_matches(['\n', '\r']).to_string();
        }
        if last > first {
            spans.insert(start(first + 1), start(last + 1));
        }
        blocks.insert(first + 1, block);
        n = last + 1;
    }
    (blocks, spans)
}

/// A fenced block read from the source: its code and the offset after its closing
/// line.
struct Fence {
    code: String,
    end: usize,
}

/// Reads the fence opening at `at` up to the next line holding only the same marker
/// (at any indentation). A fence that is never closed turns the rest of the page into
/// code: the page is broken, and reading on would take prose for code.
fn fenced(text: &str, at: usize) -> Result<Fence, Unreadable> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let opening = &text[line_start..];
    let indent = opening.len() - opening.trim_start().len();
    let marker: String = opening
        .trim_start()
        .chars()
        .take_while(|c| *c == '`' || *c == '~')
        .collect();
    let body_start = line_start + opening.find('\n').map_or(opening.len(), |i| i + 1);
    let mut offset = body_start;
    let mut code = String::new();
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim();
        offset += line.len();
        if trimmed.starts_with(&marker)
            && trimmed
                .chars()
                .all(|c| c == marker.chars().next().unwrap_or('`'))
        {
            return Ok(Fence { code, end: offset });
        }
        let cut = line.len() - line.trim_start().len();
        code.push_str(&line[cut.min(indent)..]);
    }
    Err(Unreadable {
        line: text[..at].matches('\n').count() + 1,
        message: "the code fence opened here is never closed".to_string(),
    })
}

/// Front matter entries and the byte offset where the body starts.
fn front_matter(text: &str) -> (BTreeMap<String, (String, usize)>, usize) {
    let mut entries = BTreeMap::new();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => offset += first.len(),
        _ => return (entries, 0),
    }
    for (n, line) in lines.enumerate() {
        offset += line.len();
        if line.trim_end() == "---" {
            return (entries, offset);
        }
        if let Some((key, value)) = line.split_once(':')
            && !key.starts_with([' ', '\t', '#'])
        {
            let value = value.trim();
            let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(quoted) => double_quoted(quoted),
                None => value
                    .strip_prefix('\'')
                    .and_then(|v| v.strip_suffix('\''))
                    .unwrap_or(value)
                    .to_string(),
            };
            // The layout prints the values as HTML: `&amp;` is what reads `&`.
            entries.insert(
                key.trim().to_string(),
                (super::html::entities(&value), n + 2),
            );
        }
    }
    // No closing line: not front matter after all.
    (BTreeMap::new(), 0)
}

/// The text of a double-quoted YAML scalar: its escapes (`\"`, `\\`, `\uXXXX`,
/// `\UXXXXXXXX`, as `generate` writes them) decoded; an escape it does not know is
/// kept as written.
fn double_quoted(quoted: &str) -> String {
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let digits = match chars.clone().next() {
            Some('u') => 4,
            Some('U') => 8,
            Some(e @ ('"' | '\\' | '/')) => {
                chars.next();
                out.push(e);
                continue;
            }
            _ => {
                out.push(c);
                continue;
            }
        };
        let hex: String = chars.clone().skip(1).take(digits).collect();
        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
            Some(decoded) if hex.len() == digits => {
                out.push(decoded);
                chars.nth(digits);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Byte offset to 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_descriptor_markdown_block_is_read_whole_over_its_lines() {
        // Its later lines start with `>` (a tag's end): markdown would read quotes.
        let block = crate::emit::markdown::markdown(&"{{ x }} *a* ".repeat(60));
        assert!(block.lines().count() > 3 && block.starts_with("{% raw %}"));
        let page = read(&format!("# Title\n\n{block}\n\n## After\n\nText.\n")).unwrap();
        assert_eq!(page.markdown_lines, BTreeMap::from([(3, block.clone())]));
        let headings: Vec<&Block> = page
            .blocks
            .iter()
            .filter(|b| !matches!(b, Block::Text { line: 3, .. }))
            .collect();
        assert_eq!(
            headings,
            [
                &Block::Heading {
                    level: 1,
                    text: "Title".into(),
                    line: 1
                },
                &Block::Heading {
                    level: 2,
                    text: "After".into(),
                    line: 4 + block.lines().count()
                },
                &Block::Text {
                    text: "Text.".into(),
                    line: 6 + block.lines().count()
                },
            ]
        );
        // One never closed is its first line, and the page's lines after it are read.
        let open = "{% raw %}<div class=\"descriptor-markdown\"><p>a\n## B\n\nText.\n";
        let page = read(open).unwrap();
        assert_eq!(
            page.markdown_lines,
            BTreeMap::from([(
                1,
                "{% raw %}<div class=\"descriptor-markdown\"><p>a".to_string()
            )])
        );
        assert!(page.blocks.contains(&Block::Heading {
            level: 2,
            text: "B".into(),
            line: 2
        }));
        // Front matter holds no block.
        let front = format!(
            "---\nx: {}\n---\n\nText.\n",
            crate::emit::markdown::MARKDOWN_BLOCK_START
        );
        assert!(read(&front).unwrap().markdown_lines.is_empty());
    }

    #[test]
    fn double_quoted_front_matter_is_read_as_yaml_reads_it() {
        let page =
            read("---\nheading: \"Acme \\\"Q\\\" \\\\ \\u00E9\\U0001F600 \\x\"\n---\n").unwrap();
        assert_eq!(page.front["heading"].0, "Acme \"Q\" \\ \u{e9}\u{1F600} \\x");
        let page =
            read("---\nheading: R&amp;D &lt;b&gt; &#39;x&#x27; & &bogus; &#xZZ;\n---\n").unwrap();
        assert_eq!(page.front["heading"].0, "R&D <b> 'x' & &bogus; &#xZZ;");
    }

    #[test]
    fn front_matter_headings_text_and_code_keep_their_lines() {
        let page = read(
            "---\nheading: Base CRM\norder: 20\n---\n\n## Create Instance\n\nBase is *a* CRM.\n\n* one\n* two\n\n```json\n{\"a\": 1}\n```\n",
        )
        .unwrap();
        assert_eq!(page.front["heading"], ("Base CRM".to_string(), 2));
        assert_eq!(
            page.blocks,
            [
                Block::Heading {
                    level: 2,
                    text: "Create Instance".into(),
                    line: 6
                },
                Block::Text {
                    text: "Base is a CRM.".into(),
                    line: 8
                },
                Block::Text {
                    text: "one".into(),
                    line: 10
                },
                Block::Text {
                    text: "two".into(),
                    line: 11
                },
                Block::Code {
                    lang: "json".into(),
                    code: "{\"a\": 1}\n".into(),
                    line: 14
                },
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_is_an_error_at_the_fence() {
        let e = read("text\n\n```json\n{\"a\": 1}\n\nmore text\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(e.message, "the code fence opened here is never closed");
    }
}
