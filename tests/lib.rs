//! End-to-end tests live in this crate's test targets; this library holds what they
//! share.

/// A generated page as kramdown receives it once Liquid has run: the portal renders
/// Liquid first, and the pages wrap descriptor text that Liquid would read in
/// `{% raw %}`...`{% endraw %}`, with `{{ "{%" }}` where the text itself holds an
/// `{% endraw %}`. Those three forms are all the Liquid a page holds besides its
/// final include, so this is Liquid's whole effect on it. The front matter is not
/// Liquid (Jekyll reads it as YAML) and is kept as it is.
pub fn after_liquid(page: &str) -> String {
    let front_len = page
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n"))
        .map_or(0, |end| end + "---\n".len() + "\n---\n".len());
    let (front, body) = page.split_at(front_len);
    format!("{front}{}", liquid(body))
}

fn liquid(page: &str) -> String {
    const RAW: &str = "{% raw %}";
    const ENDRAW: &str = "{% endraw %}";
    const BRACE_PERCENT: &str = "{{ \"{%\" }}";
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    let mut raw = false;
    while let Some(c) = rest.chars().next() {
        if !raw && rest.starts_with(RAW) {
            raw = true;
            rest = &rest[RAW.len()..];
        } else if raw && rest.starts_with(ENDRAW) {
            raw = false;
            rest = &rest[ENDRAW.len()..];
        } else if !raw && rest.starts_with(BRACE_PERCENT) {
            out.push_str("{%");
            rest = &rest[BRACE_PERCENT.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The text a browser shows for `html` that holds no tags (a front matter value the
/// portal's layout prints raw): its five entities decoded, nothing else, so that a
/// value the generator left unescaped reads back differently.
pub fn html_text(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::after_liquid;

    #[test]
    fn liquid_raw_blocks_render_as_their_text() {
        assert_eq!(
            after_liquid(
                "a {% raw %}`{{x}}` {% endraw %}{{ \"{%\" }}{% raw %} endraw %}{% endraw %} b"
            ),
            "a `{{x}}` {% endraw %} b"
        );
        assert_eq!(
            after_liquid("---\nheading: \"{% raw %}\"\n---\n{% raw %}{{x}}{% endraw %}\n"),
            "---\nheading: \"{% raw %}\"\n---\n{{x}}\n"
        );
    }
}
