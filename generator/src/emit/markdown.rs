//! Descriptor text into the guide pages, one function per output context.
//!
//! The pages are read by the portal's Jekyll: Liquid runs over the whole file first
//! (`error_mode: strict`), then kramdown (`input: GFM`) turns the result into HTML,
//! and the YAML front matter is read by Psych. Descriptor text is data in all three:
//! whatever it holds, these functions place it so that it is shown as written and
//! can never open a tag, a table cell, a list, a Liquid block or a YAML value.
//! Templates receive only their output (see `docs.rs`), never raw descriptor text.
//!
//! Liquid is defused in two ways. Where entities work (prose, table cells, inline
//! `<code>`), `{` is written as the entity `&#123;`, so `{{` and `{%` never reach
//! Liquid. Where they do not (code blocks, the HTML of descriptor markdown), the text is
//! wrapped in `{% raw %}...{% endraw %}`, and an `{% endraw %}` inside the text itself
//! is split so that Liquid prints it instead of ending the raw block.

use crate::escape;

/// Prose and table cells: one line of inline text that kramdown renders as exactly
/// `text` (white space runs shown as one space, as HTML shows them anyway).
///
/// Every character kramdown could read as markup is backslash-escaped (emphasis,
/// code, links, HTML, Liquid braces, table pipes, kramdown's `{:` extensions and
/// `$$` math, GFM `~~`), as are the typographic shortcuts it would otherwise replace
/// (quotes, `--`, `...`, `<<`); `&` becomes `&amp;` so no entity is decoded, and a
/// line-start block marker (`#`, `-`, `1.`, `>`, `:`...) is escaped too.
pub fn text(text: &str) -> String {
    let text = escape::sanitize(text);
    let line = one_line(&text);
    let mut out = String::with_capacity(line.len() + 8);
    // `1.` / `1)` at the start would begin an ordered list: the digits stay, the
    // punctuation after them is escaped.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        out.push_str(&line[..digits]);
        inline(&line[digits..], false, &mut out);
    } else {
        inline(&line, true, &mut out);
    }
    out
}

/// `text` on one line: white space runs as one space, none at either end.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    // Most text already is: ASCII with single spaces between words.
    let already = text.is_ascii() && is_one_spaced(text.as_bytes());
    if already {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Whether ASCII `bytes` are words separated by single spaces: no other white space
/// and none at either end.
fn is_one_spaced(bytes: &[u8]) -> bool {
    // As if a space came before, so that a leading one counts as a second.
    let mut after_space = true;
    for &b in bytes {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            _ => after_space = false,
        }
    }
    !after_space || bytes.is_empty()
}

/// Whether kramdown may read byte `b` as markup somewhere: only these are looked at
/// (all ASCII, so a multi-byte character is always copied as is).
const MARKUP: [bool; 256] = crate::text::byte_set(b"&{`^\\*_[]<>}|\"'$~-.)#+=:");

/// `text`'s escaping of one line, appended to `out`; `at_start`: whether the line
/// starts a block, where block markers must be escaped too.
fn inline(line: &str, at_start: bool, out: &mut String) {
    let bytes = line.as_bytes();
    // Bytes before `plain` are written; the rest of a run without markup is copied
    // at once.
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !MARKUP[usize::from(b)] {
            continue;
        }
        // The characters compared with are ASCII, so neighbouring bytes tell.
        let next = bytes.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        let first = at_start && i == 0;
        let replacement = match b {
            b'&' => "&amp;",
            // Not `\{`: Liquid would still see the `{%` in `\{%`. An entity hides the
            // brace from Liquid and from kramdown's `{:` extensions alike.
            b'{' => "&#123;",
            // Not `\``: kramdown's table parser pairs even escaped backticks as code
            // span delimiters and then misses the pipes between them.
            b'`' => "&#96;",
            // kramdown's end-of-block marker; `^` has no backslash escape.
            b'^' if first => "&#94;",
            b'\\' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'}' | b'|' | b'"' | b'\'' | b'$'
            | b'~' => "\\",
            b'-' if first || next == Some(b'-') || prev == Some(b'-') => "\\",
            b'.' if next == Some(b'.') || prev == Some(b'.') || (i == 0 && !at_start) => "\\",
            b')' if i == 0 && !at_start => "\\",
            b'#' | b'+' | b'=' | b':' if first => "\\",
            _ => continue,
        };
        out.push_str(&line[plain..i]);
        out.push_str(replacement);
        // A backslash escape keeps the character after it; an entity replaces it.
        plain = if replacement == "\\" { i } else { i + 1 };
    }
    out.push_str(&line[plain..]);
}

/// A heading's text with an explicit id: kramdown uses the id as written, so a link
/// to it cannot be redirected by another heading of the same text.
pub fn heading(level: usize, title: &str, id: &str) -> String {
    // kramdown drops a heading's closing `#`s (`### C#` shows "C"), escaped ones not.
    let title = text(title);
    let kept = title.trim_end_matches('#');
    let closing = "\\#".repeat(title.len() - kept.len());
    format!("{} {kept}{closing} {{#{id}}}", "#".repeat(level))
}

/// Inline code (a key, a value, a Rust path) holding `text` on one line (line
/// breaks shown as spaces): an HTML `<code>` element, not a markdown code span.
///
/// The portal's kramdown highlights every code span with Rouge, and its
/// `line_numbers: true` makes each one a one-line table with a "1" gutter, in the
/// middle of a sentence or a table cell. kramdown copies a `<code>` element's content
/// unparsed and unhighlighted, so every character that HTML, kramdown's span parser or
/// Liquid could read (`<`, `&`, `{`, `` ` ``, `|`, `*`...) is written as a numeric
/// entity, which the browser shows as the character: the text needs no `{% raw %}`.
pub fn code(text: &str) -> String {
    let text = escape::sanitize(text);
    let mut out = String::with_capacity(text.len() + 13);
    out.push_str("<code>");
    for c in text.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || " .-_/,:;=@+%()!?#".contains(c) => out.push(c),
            c if c.is_whitespace() => out.push(' '),
            c if c.is_ascii() => {
                out.push_str("&#");
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
            c => out.push(c),
        }
    }
    out.push_str("</code>");
    out
}

/// A fenced code block (`info` is its language) holding `content` verbatim: the fence
/// is longer than any backtick run inside, and the block is Liquid-inert.
pub fn fence(info: &str, content: &str) -> String {
    let content = escape::sanitize(content);
    let ticks = "`".repeat(escape::longest_backtick_run(&content).max(2) + 1);
    let body = content.trim_end_matches('\n');
    let mut block = String::with_capacity(2 * ticks.len() + info.len() + body.len() + 2);
    for piece in [&ticks, info, "\n", body, "\n", &ticks] {
        block.push_str(piece);
    }
    liquid_raw(block)
}

/// Descriptor markdown (`notes`, `preamble`): rendered to HTML here, with
/// pulldown-cmark (CommonMark, as GFM is), and placed on the page as one block of HTML
/// that kramdown passes through unparsed and Liquid never runs.
///
/// Handing the markdown itself to kramdown would make the page's structure depend on
/// two parsers agreeing on every input, and they do not (a fence whose info string
/// has a space, a list marker followed by five spaces, an escaped backslash before
/// `{::nomarkdown}`...): what one reads as code the other reads as HTML. Rendering it
/// here leaves one reader. Its HTML is shown as text; links and images keep only
/// `http`, `https`, `mailto`, relative and `#` targets (others become their text);
/// line breaks become `&#10;`, so that no blank-line rule can split the block, and code
/// blocks keep theirs. The block's own lines end inside tags (see [`tag_broken`]).
pub fn markdown(source: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let source = escape::sanitize(source.trim());
    // Whether each open link or image was dropped (its target is not allowed).
    let mut dropped: Vec<bool> = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(&source, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let allowed = is_allowed_target(dest_url);
            dropped.push(!allowed);
            allowed.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            let was_dropped = dropped.pop().unwrap_or(false);
            (!was_dropped).then_some(event)
        }
        event => Some(event),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    let html = tag_broken(&html.trim_end().replace('\n', "&#10;"));
    liquid_raw(format!("{MARKDOWN_BLOCK_START}{html}{MARKDOWN_BLOCK_END}"))
}

/// How many bytes a line of a descriptor markdown block holds before the next tag
/// ends it: see [`tag_broken`].
pub const MARKDOWN_LINE_BYTES: usize = 200;

/// `html` (pulldown-cmark's, with no line break of its own) with a line break before
/// the `>` (or `/>`) of the first tag that ends after [`MARKDOWN_LINE_BYTES`] bytes of
/// a line.
///
/// kramdown notes the line number of every tag it reads in an HTML block by scanning
/// from that tag to the next line break: on one line of HTML, that is the rest of the
/// line for each tag, and a 20,000-character note of emphasis took seconds of the
/// portal's build, quadratic in its length. Broken here, a tag's scan ends at most a
/// line and one text run later. A break inside a tag is white space HTML ignores
/// (kramdown writes the tag anew, the browser reads `<em\n>` as `<em>`), so what the
/// page shows is the same; a break in text or before a tag would add a space.
fn tag_broken(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / MARKDOWN_LINE_BYTES + 1);
    let mut line_start = 0;
    // In pulldown-cmark's HTML, `<` and `>` are only tag delimiters: text and
    // attribute values hold them as entities.
    for c in html.chars() {
        if c == '>' && out.len() - line_start >= MARKDOWN_LINE_BYTES {
            // `<br />`: `/>` stays together (kramdown reads `/` only right before `>`),
            // and the space before it goes: the page's lines lose trailing white space,
            // and the break is white space enough.
            let slash = out.ends_with('/');
            if slash {
                out.pop();
                if out.ends_with(' ') {
                    out.pop();
                }
            }
            out.push('\n');
            line_start = out.len();
            if slash {
                out.push('/');
            }
        }
        out.push(c);
    }
    out
}

/// `html` as [`tag_broken`] had it: its lines joined, every break (and the space a
/// `/>` lost) put back. What kramdown and a browser read from both is the same.
pub fn tag_joined(html: &str) -> String {
    html.replace("\n/>", " />").replace("\n>", ">")
}

/// How [`markdown`] opens its block, which `elementgen import` looks for.
pub const MARKDOWN_BLOCK_START: &str = "<div class=\"descriptor-markdown\">";
/// How it closes it.
pub const MARKDOWN_BLOCK_END: &str = "</div>";

/// A link or image target descriptor markdown may keep: no scheme (relative, `#`),
/// or `http`, `https`, `mailto`.
fn is_allowed_target(target: &str) -> bool {
    let target = target.trim();
    let scheme_end = target.find(':');
    let path_start = target.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = target[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

/// A YAML scalar for the front matter that Psych (YAML 1.1, as Jekyll reads it)
/// reads back as the string `text`: plain as the portal writes names when that is
/// unambiguous, double-quoted with escapes otherwise (`On`, `0x1F`, `12:30:00`,
/// `null`, a leading `*`, a line separator).
pub fn front_matter(text: &str) -> String {
    const YAML11_WORDS: &[&str] = &[
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "~",
    ];
    let plain = text.starts_with(char::is_alphabetic)
        && !text.ends_with(' ')
        && !YAML11_WORDS.contains(&text.to_lowercase().as_str())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " .!&()/+,'|-_".contains(c));
    if plain {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if !is_yaml_printable(c)
                || crate::text::first_refused(
                    c.encode_utf8(&mut [0; 4]),
                    crate::text::TextKind::Prose,
                )
                .is_some()
                || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}') =>
            {
                if u32::from(c) > 0xFFFF {
                    out.push_str(&format!("\\U{:08X}", u32::from(c)));
                } else {
                    out.push_str(&format!("\\u{:04X}", u32::from(c)));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A front matter value that a layout prints raw, as HTML (the portal's
/// `sidebarelementdoc` prints `<h2> {{page.heading}} </h2>` and `<title>{{page.seo}}`
/// unescaped): the text with `&`, `<`, `>` and quotes as entities, so that a browser
/// shows it as written, as a [`front_matter`] scalar.
pub fn front_matter_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut html, text).expect("writing to a String");
    front_matter(&html)
}

/// YAML's printable set (`c-printable`): what a YAML stream may hold as is.
fn is_yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{7E}' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A relative link target: a page file name (and `#anchor`) percent-encoded so that
/// kramdown reads it as one URL and the browser resolves it to that file.
pub fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/#".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `text` wrapped in `{% raw %}`...`{% endraw %}` when it holds anything Liquid would
/// read (`{{` or `{%`). An `endraw` tag inside is closed and reopened around a Liquid
/// string literal, so Liquid prints `{%` where the text has it and stays in raw mode
/// for the rest.
fn liquid_raw(text: String) -> String {
    let bytes = text.as_bytes();
    let liquid =
        memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%')));
    if !liquid {
        return text;
    }
    let text = text.as_str();
    let mut out = String::from(RAW);
    let mut rest = text;
    while let Some(at) = rest.find("{%") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let tag = after.trim_start_matches('-').trim_start();
        if tag.starts_with("endraw") {
            for piece in [ENDRAW, PERCENT, RAW] {
                out.push_str(piece);
            }
        } else {
            out.push_str("{%");
        }
        rest = after;
    }
    out.push_str(rest);
    out.push_str(ENDRAW);
    out
}

/// Liquid's tag that starts text it prints as written.
pub const RAW: &str = "{% raw %}";
/// The tag that ends it.
pub const ENDRAW: &str = "{% endraw %}";
/// What [`liquid_raw`] prints for a `{%` that starts an `endraw` inside the text,
/// between closing the raw block and opening the next.
const PERCENT: &str = "{{ \"{%\" }}";

/// `text` as Jekyll's markdown reader gets it once Liquid ran: the undoing of
/// [`liquid_raw`]. Liquid drops the `{% raw %}` and `{% endraw %}` tags, keeps what is
/// between them as written (another `{% raw %}` among it too), and prints the `{%`
/// of a `{{ "{%" }}` right after an `{% endraw %}`. Other Liquid is the page's own
/// and stays. Only tags are taken away, so lines keep their numbers.
pub fn liquid_unraw(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(RAW) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(RAW) {
        out.push_str(&rest[..at]);
        rest = &rest[at + RAW.len()..];
        let Some(end) = rest.find(ENDRAW) else {
            break;
        };
        out.push_str(&rest[..end]);
        rest = &rest[end + ENDRAW.len()..];
        if let Some(after) = rest.strip_prefix(PERCENT) {
            out.push_str("{%");
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_escaped_to_show_as_written() {
        assert_eq!(text("Base CRM"), "Base CRM");
        assert_eq!(
            text("<b>x</b> {{ page.title }} a|b"),
            "\\<b\\>x\\</b\\> &#123;&#123; page.title \\}\\} a\\|b"
        );
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. twelve"), "12\\. twelve");
        assert_eq!(text("a -- b ... c"), "a \\-\\- b \\.\\.\\. c");
        assert_eq!(text("AT&T's \"x\""), "AT&amp;T\\'s \\\"x\\\"");
        assert_eq!(text("two\nlines  here"), "two lines here");
        assert_eq!(text(" \u{a0}lead and\u{2003}trail\t"), "lead and trail");
        assert_eq!(text("# h"), "\\# h");
        assert_eq!(text("a # h"), "a # h");
    }

    #[test]
    fn code_spans_and_fences_are_liquid_inert() {
        assert_eq!(code("oauth.api.key"), "<code>oauth.api.key</code>");
        assert_eq!(
            code("{{x}} <b>&a|b`*"),
            "<code>&#123;&#123;x&#125;&#125; &#60;b&#62;&#38;a&#124;b&#96;&#42;</code>"
        );
        assert_eq!(
            code("{%- endraw %}\ttab\nline"),
            "<code>&#123;%- endraw %&#125; tab line</code>"
        );
        assert_eq!(fence("json", "{}\n"), "```json\n{}\n```");
        assert_eq!(fence("text", "a ```` b"), "`````text\na ```` b\n`````");
    }

    #[test]
    fn markdown_is_rendered_here_without_html_liquid_or_unsafe_links() {
        let div = |inner: &str| format!("<div class=\"descriptor-markdown\">{inner}</div>");
        assert_eq!(
            markdown("*em* `<b>`"),
            div("<p><em>em</em> <code>&lt;b&gt;</code></p>")
        );
        assert_eq!(markdown("a <b>x</b>"), div("<p>a &lt;b&gt;x&lt;/b&gt;</p>"));
        assert_eq!(
            markdown("see `{{base}}/hubs`"),
            format!(
                "{{% raw %}}{}{{% endraw %}}",
                div("<p>see <code>{{base}}/hubs</code></p>")
            )
        );
        assert_eq!(
            markdown("```\n<b>\n\n\nx\n```"),
            div("<pre><code>&lt;b&gt;&#10;&#10;&#10;x&#10;</code></pre>")
        );
        assert_eq!(
            markdown(
                "[a](javascript:alert(1)) [b](https://x.example/) [c](page.html#x) ![d](data:x)"
            ),
            div("<p>a <a href=\"https://x.example/\">b</a> <a href=\"page.html#x\">c</a> d</p>")
        );
        // What kramdown would read differently is only text here.
        assert_eq!(
            markdown("~~~ a b\n<img src=x onerror=alert(1)>\n~~~"),
            div(
                "<pre><code class=\"language-a\">&lt;img src=x onerror=alert(1)&gt;&#10;</code></pre>"
            )
        );
        assert_eq!(
            markdown("\\\\{::nomarkdown}<i>x</i>"),
            div("<p>\\{::nomarkdown}&lt;i&gt;x&lt;/i&gt;</p>")
        );
    }

    /// What Liquid makes of [`liquid_raw`]'s text is the text, whatever Liquid it holds.
    #[test]
    fn liquid_unraw_undoes_liquid_raw() {
        for text in [
            "no liquid",
            "{{ x }} and {% if %}",
            "a {% raw %} b {% endraw %} c {%- endraw -%} d",
            "{% endraw %}{{ \"{%\" }}{% raw %}",
        ] {
            assert_eq!(liquid_unraw(&liquid_raw(text.to_string())), text);
        }
        // The page's own Liquid outside raw blocks stays.
        assert_eq!(
            liquid_unraw("{{ a }}{% raw %}{{ b }}{% endraw %}"),
            "{{ a }}{{ b }}"
        );
    }

    #[test]
    fn long_markdown_blocks_break_their_lines_inside_tags() {
        // 100 emphasized words: 1,107 bytes of HTML, six lines of 200 or so.
        let block = markdown(&"*a* ".repeat(100));
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines.len(), 6, "{block}");
        for (n, line) in lines.iter().enumerate() {
            // Each line but the first starts with the `>` of the tag the break is in.
            assert_eq!(line.starts_with('>'), n > 0, "{line}");
            assert!(line.len() <= MARKDOWN_BLOCK_START.len() + MARKDOWN_LINE_BYTES + 5);
        }
        let one_line = format!(
            "{MARKDOWN_BLOCK_START}<p>{}</p>{MARKDOWN_BLOCK_END}",
            ["<em>a</em>"; 100].join(" ")
        );
        assert_eq!(block.replace('\n', ""), one_line);
        // `/>` stays whole: kramdown reads the slash only right before `>`.
        let breaks = markdown(&"a  \nb ".repeat(40));
        assert!(breaks.contains("<br\n/>"), "{breaks}");
        assert!(!breaks.lines().any(|l| l.ends_with(' ')), "{breaks}");
        assert_eq!(
            markdown("*a*"),
            format!("{MARKDOWN_BLOCK_START}<p><em>a</em></p>{MARKDOWN_BLOCK_END}")
        );
    }

    #[test]
    fn front_matter_reads_back_as_the_string() {
        assert_eq!(front_matter("Base CRM"), "Base CRM");
        assert_eq!(front_matter("Act! Essentials"), "Act! Essentials");
        assert_eq!(
            front_matter("Create Instance | Base CRM | Cloud Elements API Docs"),
            "Create Instance | Base CRM | Cloud Elements API Docs"
        );
        for tricky in ["On", "Yes", "null", "0x1F", "12:30:00", "*star", "a: b"] {
            assert_eq!(front_matter(tricky), format!("\"{tricky}\""));
        }
        assert_eq!(front_matter("a\u{2028}\"b\\"), "\"a\\u2028\\\"b\\\\\"");
        assert_eq!(front_matter("x\u{FFFE}"), "\"x\\uFFFE\"");
        assert_eq!(heading(3, "C#", "c"), "### C\\# {#c}");
        assert_eq!(front_matter_html("Base CRM"), "Base CRM");
        assert_eq!(
            front_matter_html("A & <b>B</b> \"q\" 'x'"),
            "\"A &amp; &lt;b&gt;B&lt;/b&gt; &quot;q&quot; &#39;x&#39;\""
        );
    }

    #[test]
    fn urls_are_one_link_target() {
        assert_eq!(url("basecrm.html#oauth-20"), "basecrm.html#oauth-20");
        assert_eq!(url("a b(c).html"), "a%20b%28c%29.html");
    }
}
