//! Deriving Rust identifiers, labels, anchors and placeholders from descriptor text.
//! Kept in one place so that the rules (and their collisions) are checked once, in
//! `resolve`, and emitters only copy the results.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (2024 edition, strict and reserved): an identifier equal to one of these
/// gets a trailing underscore.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The private method of a generated builder that its setters call to change its
/// state.
pub const RETYPE: &str = "retype";

/// Method names every generated builder has on every state (`build`, and the root
/// `Builder`'s own `new` and [`RETYPE`]), which a field's setter (named after the
/// field) must not take: a field `build` is `build_`.
pub const BUILDER_METHODS: &[&str] = &["build", "new", RETYPE];

/// A snake_case Rust identifier for `text` (a wire key such as `oauth.api.key`), or
/// `None` when the text has no letters or digits to build one from. `reserved` names
/// the identifiers the surrounding generated code already uses.
pub fn snake_ident(text: &str, reserved: &[&str]) -> Option<String> {
    let mut ident = if text.bytes().any(|b| b.is_ascii_uppercase()) {
        ascii_words(text).to_snake_case()
    } else {
        // Without capitals heck splits at separators only; most keys take this path.
        join_words(text, |word, out| out.push_str(word), '_')
    };
    if ident.is_empty() {
        return None;
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, "n_");
    }
    if KEYWORDS.contains(&ident.as_str()) || reserved.contains(&ident.as_str()) {
        ident.push('_');
    }
    Some(ident)
}

/// `text` with every character but ASCII letters and digits turned into a space.
fn ascii_words(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The runs of ASCII letters and digits of `text` (which has no capitals), each
/// written by `word`, separated by `separator` (`'\0'`: none). The same result as
/// heck's on such text, without its per-character case mapping.
fn join_words(text: &str, word: impl Fn(&str, &mut String), separator: char) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && separator != '\0' {
            out.push(separator);
        }
        word(w, &mut out);
    }
    out
}

/// `word` (ASCII, not empty) with its first letter upper case.
fn push_capitalized(word: &str, out: &mut String) {
    out.push(word.as_bytes()[0].to_ascii_uppercase() as char);
    out.push_str(&word[1..]);
}

/// A field identifier that no builder setter can clash with: the builders name an
/// optional field's setter `with_<field>`, so a field whose own name starts with
/// `with_` gets a `_` appended (`with_x` and the setter of a field `x` stay apart).
pub fn not_a_setter(mut ident: String) -> String {
    if ident.starts_with("with_") {
        ident.push('_');
    }
    ident
}

/// An UpperCamelCase Rust type name for `text`, or `None` when nothing is left of it.
pub fn camel_ident(text: &str) -> Option<String> {
    let mut ident = type_prefix(text)?;
    if ident == "Self" {
        ident.push('_');
    }
    Some(ident)
}

/// The UpperCamelCase start of type names (`Oauth2` of `Oauth2Config`): like
/// [`camel_ident`], but never a keyword on its own, so `self` gives `SelfConfig`
/// rather than the non-camel-case `Self_Config`.
pub fn type_prefix(text: &str) -> Option<String> {
    let mut ident = if text.bytes().any(|b| b.is_ascii_uppercase()) {
        ascii_words(text).to_upper_camel_case()
    } else {
        join_words(text, push_capitalized, '\0')
    };
    if ident.is_empty() {
        return None;
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'V');
    }
    Some(ident)
}

/// A label for a field that has none: its key in sentence case (`user.username` ->
/// "User username"), letters of any script kept (`über.key` -> "Über key").
pub fn label_from_key(key: &str) -> String {
    let spaced: String = key
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = spaced.to_snake_case().replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => key.to_string(),
    }
}

/// The placeholder examples show for a value the user must supply: `<INSERT_CLIENT_ID>`.
pub fn placeholder(label: &str) -> String {
    // Words as the label spells them ("OAuth API key" -> OAUTH_API_KEY), not split at
    // case changes inside a word as heck would (O_AUTH).
    let mut out = String::with_capacity(label.len() + 10);
    out.push_str("<INSERT_");
    let words = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    for (i, word) in words.enumerate() {
        if i > 0 {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_uppercase()));
    }
    out.push('>');
    out
}

/// The anchor of a variant's section (the page writes it as the heading's explicit
/// id): the id kramdown would derive from `title` (lower case, letters, digits, `-`
/// and `_` kept, spaces to `-`), when that is an id kramdown accepts as written
/// (ASCII, starting with a letter) and none of the page's own headings takes it;
/// `variant-<id>` otherwise.
pub fn anchor(title: &str, variant_id: &str) -> String {
    let derived: String = title
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    let explicit_id = derived.starts_with(|c: char| c.is_ascii_alphabetic())
        && derived
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    // The ids kramdown gives the page's fixed headings ("Create Instance", the steps,
    // the include's "Instance Configuration").
    let taken = derived == "create-instance"
        || derived == "instance-configuration"
        || derived.starts_with("step-");
    if explicit_id && !taken {
        derived
    } else {
        format!("variant-{}", variant_id.replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_idents_from_wire_keys() {
        assert_eq!(
            snake_ident("oauth.api.key", &[]).as_deref(),
            Some("oauth_api_key")
        );
        assert_eq!(
            snake_ident("BaseCRM.site.address", &[]).as_deref(),
            Some("base_crm_site_address")
        );
        assert_eq!(
            snake_ident("siteAddress", &[]).as_deref(),
            Some("site_address")
        );
        assert_eq!(snake_ident("type", &[]).as_deref(), Some("type_"));
        assert_eq!(
            snake_ident("options", &["options"]).as_deref(),
            Some("options_")
        );
        assert_eq!(snake_ident("2fa.code", &[]).as_deref(), Some("n_2fa_code"));
        assert_eq!(snake_ident("...", &[]), None);
    }

    /// The no-capitals shortcut gives what heck gives, on the shapes keys take.
    #[test]
    fn lower_case_shortcut_agrees_with_heck() {
        for text in [
            "oauth.api.key",
            "event.poller.refresh_interval",
            "2fa.code",
            "a..b--c__d  e",
            "_lead.trail_",
            "oauth2.v1x.9",
            "x",
            "über.straße",
            "...",
            "",
        ] {
            let heck_snake = ascii_words(text).to_snake_case();
            let snake = join_words(text, |w, out| out.push_str(w), '_');
            assert_eq!(snake, heck_snake, "{text:?}");
            let heck_camel = ascii_words(text).to_upper_camel_case();
            let camel = join_words(text, push_capitalized, '\0');
            assert_eq!(camel, heck_camel, "{text:?}");
        }
    }

    #[test]
    fn camel_idents_labels_anchors_placeholders() {
        assert_eq!(camel_ident("oauth2").as_deref(), Some("Oauth2"));
        assert_eq!(camel_ident("api_key").as_deref(), Some("ApiKey"));
        assert_eq!(label_from_key("user.username"), "User username");
        assert_eq!(label_from_key("über.größe"), "Über größe");
        assert_eq!(camel_ident("self").as_deref(), Some("Self_"));
        assert_eq!(type_prefix("self").as_deref(), Some("Self"));
        assert_eq!(anchor("OAuth Authentication", "x"), "oauth-authentication");
        assert_eq!(anchor("Create Instance", "oauth2"), "variant-oauth2");
        assert_eq!(anchor("Über", "sso_v2"), "variant-sso-v2");
        assert_eq!(
            anchor("Custom Authentication (v2)!", "custom"),
            "custom-authentication-v2"
        );
        assert_eq!(placeholder("Client ID"), "<INSERT_CLIENT_ID>");
        assert_eq!(placeholder("OAuth API key"), "<INSERT_OAUTH_API_KEY>");
    }
}
