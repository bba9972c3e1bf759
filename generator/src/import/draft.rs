//! From a page's facts to descriptors: the decisions. Contradictions are settled by
//! the authority order of `descriptors/README.md` (the request body for the key and the
//! configuration, the sample `oauthUrl` for the consent page, never a sample response
//! for a key, hub or field); each one becomes a note at the page line that shows it
//! and a comment beside the field it decided. What the page does not say is guessed
//! as a careful person would, and marked as a guess.

use std::collections::BTreeSet;

use super::facts::{Body, Described, Facts, OAuthCall};
use super::json::{Json, Kind};
use super::yaml::{self, Entry, Node};
use crate::implied;

/// Something the importer tells the user about a page, at a line of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based page line.
    pub line: usize,
    /// One line of text.
    pub message: String,
}

/// One element's descriptor, drafted from a page.
#[derive(Debug)]
pub struct Draft {
    /// The element key.
    pub key: String,
    /// Whether the element is the page's own (its first request body), not another
    /// element the page also shows.
    pub primary: bool,
    /// `element_id` as drafted (the batch may drop a duplicate).
    pub element_id: Option<u64>,
    /// The page's heading (front matter), for the page's own element.
    pub heading: Option<String>,
    /// On a second page of the element (`docs.also_on`, as `generate` marks it): this
    /// page's `also_on` entry, which the element's own page, when it is imported too,
    /// keeps instead of this draft.
    pub second_page: Option<Node>,
    /// Top-level entries of the descriptor, in order.
    pub entries: Vec<Entry>,
    /// What the user is told.
    pub notes: Vec<Note>,
}

impl Draft {
    /// Drops `element_id` (another element of the batch has it), saying why.
    pub fn drop_element_id(&mut self, why: &str) {
        self.element_id = None;
        self.entries.retain(|e| e.key != "element_id");
        if let Some(key) = self.entries.iter_mut().find(|e| e.key == "key") {
            key.comments.push(format!("element_id left out: {why}"));
        }
    }

    /// Adds `page` (a page name, from the page file `from`, with the `heading` of a page
    /// several elements share) to `docs.also_on`: a page besides the element's own.
    pub fn also_on(&mut self, page: &str, heading: Option<&str>, from: &str) {
        let mut entry = vec![Entry::new("page", yaml::string(page))];
        if let Some(heading) = heading {
            entry.push(Entry::new("heading", yaml::string(&one_line(heading))));
        }
        self.also_on_entry(Node::Map(entry), from);
    }

    /// Adds `entry` to `docs.also_on` (see [`Draft::also_on`]).
    pub fn also_on_entry(&mut self, entry: Node, from: &str) {
        let docs = match self.entries.iter().position(|e| e.key == "docs") {
            Some(at) => at,
            None => {
                // Where `docs` goes: before `auth`.
                let at = self
                    .entries
                    .iter()
                    .position(|e| e.key == "auth")
                    .unwrap_or(self.entries.len());
                self.entries
                    .insert(at, Entry::new("docs", Node::Map(Vec::new())));
                at
            }
        };
        let Node::Map(docs) = &mut self.entries[docs].value else {
            return;
        };
        match docs.iter_mut().find(|e| e.key == "also_on") {
            Some(Entry {
                value: Node::Seq(pages),
                ..
            }) => pages.push(entry),
            _ => docs.push(
                Entry::new("also_on", Node::Seq(vec![entry]))
                    .comment([format!("a page that shows the element too ({from})")]),
            ),
        }
    }

    /// The descriptor's text.
    pub fn text(&self) -> String {
        yaml::document(
            "# yaml-language-server: $schema=schema.json\n",
            &self.entries,
        )
    }
}

/// The descriptor markdown of a generated page, placed: `docs.preamble`,
/// `docs.notes`, and each variant's `notes`.
#[derive(Default)]
struct Placed {
    preamble: Option<Entry>,
    notes: Option<Entry>,
    variants: Vec<Option<Entry>>,
}

/// Configuration keys the OAuth flows imply.
const IMPLIED_OAUTH: [&str; 3] = [
    implied::OAUTH_API_KEY,
    implied::OAUTH_API_SECRET,
    implied::OAUTH_CALLBACK_URL,
];

/// Query parameters of a consent URL that the platform adds to every one (the
/// descriptor's `authorize_url` holds none of them).
const CONSENT_QUERY: [&str; 7] = [
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "oauth_token",
    "oauth_callback",
];

/// A query component as a URL writes it.
fn urlencoding(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Query parameters of the OAuth calls that are the calls' own, not the element's.
const OWN_QUERY: [&str; 6] = [
    "apiKey",
    "apiSecret",
    "callbackUrl",
    "state",
    "requestToken",
    "scope",
];

/// Drafts one descriptor per element key the page's request bodies name.
/// `stem` is the page's file name without `.md`.
pub fn drafts(facts: &Facts, stem: &str) -> Result<Vec<Draft>, Note> {
    let bodies = bodies_with_keys(facts)?;
    let mut keys: Vec<&str> = Vec::new();
    for (key, _) in &bodies {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    let primary = keys[0].to_string();
    Ok(keys
        .iter()
        .map(|key| {
            let mine: Vec<&Body> = bodies
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, b)| *b)
                .collect();
            Drafter {
                facts,
                key,
                primary: *key == primary,
                notes: Vec::new(),
                region: (0, usize::MAX),
            }
            .draft(&mine, stem)
        })
        .collect())
}

/// The request bodies with the key each stands for. A key still holding Liquid
/// (`{{page.elementKey}}` on a page without `elementKey`) stands for the page's key.
fn bodies_with_keys(facts: &Facts) -> Result<Vec<(String, &Body)>, Note> {
    if facts.bodies.is_empty() {
        let message = if facts.unreadable.is_empty() {
            "no `POST /instances` request body (a JSON object with `element.key`) on the page: not a Create Instance page".to_string()
        } else {
            let (line, why) = &facts.unreadable[0];
            format!(
                "no readable `POST /instances` request body; the JSON block at line {line} cannot be read: {why}"
            )
        };
        return Err(Note { line: 1, message });
    }
    let concrete = facts
        .bodies
        .iter()
        .find(|b| !b.key.contains("{{"))
        .map(|b| b.key.clone());
    let mut out = Vec::new();
    for body in &facts.bodies {
        let key = if body.key.contains("{{") {
            match &concrete {
                Some(k) => k.clone(),
                None => {
                    return Err(Note {
                        line: body.key_line,
                        message: format!(
                            "the element key `{}` is a Liquid variable the front matter does not define, and no request body names the key",
                            body.key
                        ),
                    });
                }
            }
        } else {
            body.key.clone()
        };
        if !crate::resolve::is_valid_key(&key) {
            return Err(Note {
                line: body.key_line,
                message: format!(
                    "the request body's element key `{key}` is not a valid key: {}",
                    crate::resolve::KEY_RULE
                ),
            });
        }
        out.push((key, body));
    }
    Ok(out)
}

struct Drafter<'a> {
    facts: &'a Facts,
    key: &'a str,
    primary: bool,
    notes: Vec<Note>,
    /// The lines of the variant being drafted: its descriptions are the ones read.
    region: (usize, usize),
}

/// The bodies of one variant, in page order.
struct Group<'a> {
    bodies: Vec<&'a Body>,
    fields: BTreeSet<String>,
    oauth: bool,
}

fn field_set(body: &Body) -> BTreeSet<String> {
    body.config
        .iter()
        .map(|(k, _)| k.clone())
        .chain(
            body.provider_data
                .iter()
                .flatten()
                .map(|(k, _)| format!("providerData.{k}")),
        )
        .collect()
}

fn is_oauth(body: &Body) -> bool {
    body.config
        .iter()
        .any(|(k, _)| k == implied::OAUTH_API_KEY || k == implied::OAUTH_CALLBACK_URL)
        || body.provider_data.iter().flatten().any(|(k, _)| {
            [implied::CODE, implied::OAUTH_TOKEN, implied::OAUTH_VERIFIER].contains(&k.as_str())
        })
}

fn common_keys() -> Vec<String> {
    implied::common_options()
        .iter()
        .map(|f| f.key.clone())
        .collect()
}

impl<'a> Drafter<'a> {
    fn note(&mut self, line: usize, message: String) {
        let note = Note { line, message };
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Whether a statement at `line` is about this element (see [`Facts::owner`]); a
    /// body whose key is Liquid stands for the page's own element.
    fn owns(&self, line: usize) -> bool {
        self.facts
            .owner(line)
            .is_some_and(|k| k == self.key || (self.primary && k.contains("{{")))
    }

    fn front(&self, key: &str) -> Option<&'a (String, usize)> {
        self.facts.front.get(key)
    }

    /// The description of `key` in the variant being drafted; on a hand-written page,
    /// else its first anywhere (a generated page describes each variant's own).
    fn described(&self, key: &str, region: (usize, usize)) -> Option<&'a Described> {
        let facts: &'a Facts = self.facts;
        match facts.described(key, region) {
            Some(d) if self.generated() && !(region.0..region.1).contains(&d.line) => None,
            found => found,
        }
    }

    /// On a second page of an element (`docs.also_on`) that `generate` wrote, the
    /// element's own page.
    fn own_page(&self) -> Option<&'a str> {
        self.front(crate::emit::docs::OWN_PAGE_FACT)
            .filter(|(page, _)| self.primary && crate::resolve::is_valid_key(page))
            .map(|(page, _)| page.as_str())
    }

    /// Whether `elementgen generate` wrote the page (its front matter states the
    /// variants): its examples are the descriptor's, its consent URL the provider's.
    fn generated(&self) -> bool {
        self.primary
            && self
                .facts
                .front
                .contains_key(crate::emit::docs::VARIANTS_FACT)
    }

    /// Whether an OAuth parameter's value on the page stands in for the user's own
    /// (no example): on a generated page only the placeholder `generate` derives from
    /// its name, elsewhere whatever looks like a placeholder.
    fn param_stand_in(&self, name: &str, value: &str) -> bool {
        if self.generated() {
            value == crate::names::placeholder(name)
        } else {
            is_placeholder(value)
        }
    }

    fn draft(mut self, bodies: &[&'a Body], stem: &str) -> Draft {
        let mut entries = Vec::new();
        let first = bodies[0];
        let mut key_comments = Vec::new();
        self.key_contradictions(first.key_line, &mut key_comments);
        if !self.primary {
            key_comments.push(format!(
                "another element's request body on this page (line {}); check the name",
                first.line
            ));
        }
        entries.push(Entry::new("key", yaml::string(self.key)).comment(key_comments));
        let name = self.name(first);
        entries.push(name);
        let mut element_id = None;
        if self.primary
            && let Some(entry) = self.element_id(&mut element_id)
        {
            entries.push(entry);
        }
        let groups = group(bodies);
        let placed = self.place_markdown(&groups);
        let stated = self.stated_variants(groups.len());
        let mut ids = Vec::new();
        let variants: Vec<Node> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let stated = stated.as_ref().map(|s| &s[i]);
                let mut variant = self.variant(g, i, &groups, stated, &mut ids);
                if let (Node::Map(entries), Some(notes)) = (&mut variant, &placed.variants[i]) {
                    // Notes come after the variant's id, title and type.
                    let at = entries
                        .iter()
                        .position(|e| !matches!(e.key, "type" | "id" | "title"))
                        .unwrap_or(entries.len());
                    entries.insert(at, notes.clone());
                }
                variant
            })
            .collect();
        entries.push(self.hub());
        entries.push(self.description());
        if let Some(docs) = self.docs(stem, &placed) {
            entries.push(docs);
        }
        self.response_contradictions(&groups);
        entries.push(Entry::new("auth", Node::Seq(variants)));
        self.liberties();
        Draft {
            key: self.key.to_string(),
            primary: self.primary,
            heading: self
                .front("heading")
                .filter(|_| self.primary)
                .map(|(h, _)| h.strip_suffix(" Beta").unwrap_or(h).to_string()),
            second_page: self.own_page().map(|_| self.second_page_entry(stem)),
            element_id,
            entries,
            notes: self.notes,
        }
    }

    /// Every other statement of the key that disagrees with the request body.
    fn key_contradictions(&mut self, body_line: usize, comments: &mut Vec<String>) {
        let key = self.key.to_string();
        let mut others: Vec<(String, usize, &str)> = Vec::new();
        for (k, line) in &self.facts.key_sentences {
            if self.owns(*line) {
                others.push((k.clone(), *line, "the prose"));
            }
        }
        if let Some((k, line)) = self.front("elementKey").filter(|_| self.primary) {
            others.push((k.clone(), *line, "the front matter"));
        }
        for r in &self.facts.responses {
            if let Some((k, line)) = &r.key
                && self.owns(r.line)
            {
                others.push((k.clone(), *line, "the sample response"));
            }
        }
        for call in &self.facts.oauth_calls {
            if self.owns(call.line) {
                others.push((call.key.clone(), call.line, "the OAuth call's path"));
            }
        }
        for (other, line, what) in others {
            if other != key && !other.contains("{{") && !other.contains('{') {
                self.note(
                    line,
                    format!(
                        "contradiction: {what} says the key is `{other}`, the request body (line {body_line}) says `{key}`; kept `{key}`"
                    ),
                );
                comments.push(format!(
                    "{what} (line {line}) says `{other}`; the request body is the authority"
                ));
            }
        }
    }

    fn name(&mut self, first: &Body) -> Entry {
        if !self.primary {
            let heading = self
                .facts
                .headings
                .iter()
                .rev()
                .find(|(_, _, line)| *line < first.line)
                .map(|(_, text, _)| text.clone())
                .unwrap_or_else(|| self.key.to_string());
            return Entry::new("name", yaml::string(&one_line(&heading))).comment([
                "guess: the heading above the request body; give the element's display name"
                    .to_string(),
            ]);
        }
        // A second page of the element is headed as its descriptor says; its steps
        // still name the element.
        if self.own_page().is_some()
            && let Some(name) = &self.facts.provision_name
        {
            return Entry::new("name", yaml::string(&one_line(name))).comment([
                "from \"To provision your ... Element\": the page is a second page of the element, under a heading of its own".to_string(),
            ]);
        }
        match self.front("heading").filter(|(h, _)| !h.contains("{{")) {
            Some((heading, _)) => match heading.strip_suffix(" Beta") {
                Some(name) => Entry::new("name", yaml::string(&one_line(name))).comment([format!(
                    "the heading says \"{heading}\"; the release status is not part of the name"
                )]),
                None => Entry::new("name", yaml::string(&one_line(heading))),
            },
            None => Entry::new("name", yaml::string(self.key))
                .comment(["guess: the page has no `heading`; give the display name".to_string()]),
        }
    }

    fn element_id(&mut self, out: &mut Option<u64>) -> Option<Entry> {
        let (text, line) = self.front("elementId")?;
        let Ok(id) = text.parse::<u64>() else {
            self.note(
                *line,
                format!("front matter `elementId: {text}` is not a number; left out"),
            );
            return None;
        };
        *out = Some(id);
        let mut comments = Vec::new();
        for r in &self.facts.responses {
            if let Some((other, rline)) = &r.id
                && *other != id.to_string()
            {
                self.note(
                    *rline,
                    format!(
                        "contradiction: the sample response says element id `{other}`, the front matter (line {line}) says `{id}`; kept `{id}`"
                    ),
                );
                comments.push(format!(
                    "the sample response (line {rline}) says `{other}`; the front matter is the authority"
                ));
            }
        }
        Some(Entry::new("element_id", Node::Scalar(id.to_string())).comment(comments))
    }

    /// Where each descriptor markdown block of a generated page belongs, by where the
    /// page shows it: before every variant's section and step, the preamble (on a
    /// one-variant page the first of two such blocks; the second is the variant's
    /// notes, which the page shows at the same place); after the last step's code, the
    /// notes; after a variant's heading, that variant's notes.
    fn place_markdown(&mut self, groups: &[Group<'_>]) -> Placed {
        let mut placed = Placed {
            variants: vec![None; groups.len()],
            ..Placed::default()
        };
        if !self.primary {
            return placed;
        }
        // The code the steps show: the OAuth calls, the request bodies, the responses.
        let code: Vec<usize> = (self.facts.oauth_calls.iter().map(|c| c.line))
            .chain(self.facts.bodies.iter().map(|b| b.line))
            .chain(self.facts.responses.iter().map(|r| r.line))
            .collect();
        let (Some(&first_step), Some(&last_step)) = (code.iter().min(), code.iter().max()) else {
            return placed;
        };
        let sections: Vec<usize> = groups
            .iter()
            .filter_map(|g| g.bodies[0].section.as_ref().map(|(_, line)| *line))
            .collect();
        let first_section = sections.iter().min().copied().unwrap_or(first_step);
        let mut before: Vec<(String, usize)> = Vec::new();
        for (markdown, line) in self.facts.markdown.clone() {
            let markdown = match markdown {
                Ok(markdown) => markdown,
                Err(why) => {
                    self.note(line, format!("descriptor markdown left out: {why}"));
                    continue;
                }
            };
            let entry = |key: &'static str, text: &str| {
                Entry::new(key, yaml::string(text))
                    .comment([format!("from line {line}, as markdown")])
            };
            if line > last_step {
                placed.notes = Some(entry("notes", &markdown));
            } else if line < first_section.min(first_step) {
                before.push((markdown, line));
            } else if groups.len() > 1
                && let Some(index) = (0..groups.len()).find(|i| {
                    let (start, end) = region(groups, *i);
                    line > start.max(first_section) && line < end
                })
            {
                placed.variants[index] = Some(entry("notes", &markdown));
            }
        }
        let mut before = before.into_iter();
        if let Some((text, line)) = before.next() {
            placed.preamble = Some(
                Entry::new("preamble", yaml::string(&text))
                    .comment([format!("from line {line}, as markdown")]),
            );
        }
        if let Some((text, line)) = before.next()
            && groups.len() == 1
        {
            placed.variants[0] = Some(
                Entry::new("notes", yaml::string(&text))
                    .comment([format!("from line {line}, as markdown")]),
            );
        }
        placed
    }

    /// The variants' ids and auth types a generated page states in its front matter
    /// ([`crate::emit::docs::VARIANTS_FACT`]), when they are one per request body
    /// group and each is a valid id and auth type: the page's own element only.
    fn stated_variants(&mut self, groups: usize) -> Option<Vec<(String, &'static str)>> {
        use crate::emit::docs::VARIANTS_FACT;
        let (text, line) = self.front(VARIANTS_FACT).filter(|_| self.primary)?;
        let stated: Option<Vec<(String, &'static str)>> = text
            .split_whitespace()
            .map(|pair| {
                let (id, auth) = pair.split_once(':')?;
                let auth = parse_word::<crate::descriptor::AuthType>(auth)?.as_str();
                crate::names::snake_ident(id, &[])
                    .filter(|i| i == id)
                    .map(|i| (i, auth))
            })
            .collect();
        match stated {
            Some(stated) if stated.len() == groups => Some(stated),
            _ => {
                self.note(
                    *line,
                    format!("front matter `{VARIANTS_FACT}: {text}` does not name one `id:auth` per request body ({groups}); left out"),
                );
                None
            }
        }
    }

    fn hub(&mut self) -> Entry {
        use crate::emit::docs::HUB_FACT;
        if let Some((text, _)) = self.front(HUB_FACT).filter(|_| self.primary)
            && let Some(hub) = parse_word::<crate::descriptor::Hub>(text)
        {
            return Entry::new("hub", yaml::string(hub.as_str()))
                .comment([format!("the generated page's front matter (`{HUB_FACT}`)")]);
        }
        let name = self.front("heading").map(|(h, _)| h.as_str()).unwrap_or("");
        let intro = self
            .facts
            .intro
            .as_ref()
            .map(|(t, _)| t.as_str())
            .unwrap_or("");
        // The configuration keys name the hub more often than the prose does
        // (`messaging.smtp.sendgrid.port`).
        let keys: Vec<&str> = self
            .facts
            .bodies
            .iter()
            .filter(|b| b.key == self.key)
            .flat_map(|b| b.config.iter().map(|(k, _)| k.as_str()))
            .filter(|k| !k.starts_with("oauth.") && !k.starts_with("event."))
            .collect();
        let (hub, from) = derive_hub(&format!("{} {name} {}", self.key, keys.join(" ")), intro);
        let mut comments = vec![match from {
            Some(word) => format!("guess: `{hub}` from the word \"{word}\""),
            None => "guess: the page names no hub; `general` until someone knows".to_string(),
        }];
        for r in &self.facts.responses {
            if let Some((other, line)) = &r.hub
                && other != hub
            {
                self.note(
                    *line,
                    format!(
                        "contradiction: the sample response says hub `{other}`, the page's own words say `{hub}`; kept `{hub}` (a sample response is never the authority for the hub)"
                    ),
                );
                comments.push(format!("the sample response (line {line}) says `{other}`"));
            }
        }
        Entry::new("hub", yaml::string(hub)).comment(comments)
    }

    fn description(&mut self) -> Entry {
        match &self.facts.intro {
            Some((text, _)) if self.primary => {
                // The step boilerplate is the same on every page; the first sentence is
                // the page's own, and often pasted from another element.
                let text = super::facts::prose(&one_line(text));
                let own = match text.find(" When you provision") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                // A generated page's intro is its descriptor's description.
                let comment = if self.generated() {
                    Vec::new()
                } else {
                    vec![
                        "guess: the page's intro sentence; check that it describes this provider"
                            .to_string(),
                    ]
                };
                Entry::new("description", Node::Prose(own)).comment(comment)
            }
            _ => {
                let name = self
                    .front("heading")
                    .map(|(h, _)| one_line(h))
                    .unwrap_or_else(|| self.key.to_string());
                Entry::new(
                    "description",
                    Node::Prose(format!("An instance connects your app to {name}.")),
                )
                .comment(["guess: the page has no intro sentence for this element".to_string()])
            }
        }
    }

    fn docs(&mut self, stem: &str, placed: &Placed) -> Option<Entry> {
        if !self.primary {
            return None;
        }
        let mut entries = Vec::new();
        entries.extend(placed.preamble.clone());
        entries.extend(placed.notes.clone());
        if let Some((order, line)) = self.front("order") {
            match order.parse::<u32>() {
                Ok(20) => {}
                Ok(n) => entries.push(Entry::new("order", Node::Scalar(n.to_string()))),
                Err(_) => self.note(
                    *line,
                    format!("front matter `order: {order}` is not a number; left out"),
                ),
            }
        }
        let own_page = self.own_page();
        if let Some((seo, _)) = self.front("seo").filter(|_| own_page.is_none()) {
            let parts: Vec<&str> = seo.split('|').map(str::trim).collect();
            let name = self
                .front("heading")
                .map(|(h, _)| h.strip_suffix(" Beta").unwrap_or(h));
            let seo_name = parts.get(1).map(|p| p.strip_suffix(" Beta").unwrap_or(p));
            if parts.len() == 3 && seo_name != name && !parts[1].is_empty() {
                entries.push(Entry::new(
                    "seo_name",
                    yaml::string(seo_name.unwrap_or_default()),
                ));
            }
        }
        let page = own_page.unwrap_or(stem);
        if page != self.key {
            entries.push(
                Entry::new("page", yaml::string(page))
                    .comment(["keeps the page's file name".to_string()]),
            );
        }
        let path = self.front(crate::emit::docs::PATH_FACT).map(|(p, _)| p);
        if let Some(path) = path.filter(|_| own_page.is_none()) {
            entries.push(Entry::new("portal_path", yaml::string(path)));
        }
        if own_page.is_some() {
            entries.push(
                Entry::new("also_on", Node::Seq(vec![self.second_page_entry(stem)]))
                    .comment(["this page is a second page of the element".to_string()]),
            );
        }
        if let Some((title, _)) = self.front("title")
            && title != crate::resolve::DEFAULT_TITLE
            && !title.trim().is_empty()
        {
            entries.push(
                Entry::new("title", yaml::string(&one_line(title)))
                    .comment(["the page's title (its tab), from the front matter".to_string()]),
            );
        }
        if self.facts.connection_methods {
            entries.push(
                Entry::new("variants", yaml::string("connection"))
                    .comment(["the page calls its variants connection methods".to_string()]),
            );
        }
        (!entries.is_empty()).then(|| Entry::new("docs", Node::Map(entries)))
    }

    /// The `docs.also_on` entry of this page, a second page of the element: its name,
    /// heading and (where not the default) portal path.
    fn second_page_entry(&self, stem: &str) -> Node {
        let mut entry = vec![Entry::new("page", yaml::string(stem))];
        if let Some((heading, _)) = self.front("heading") {
            entry.push(Entry::new("heading", yaml::string(&one_line(heading))));
        }
        if let Some((path, _)) = self.front(crate::emit::docs::PATH_FACT) {
            entry.push(Entry::new("portal_path", yaml::string(path)));
        }
        Node::Map(entry)
    }

    fn liberties(&mut self) {
        for (line, what) in self.facts.liberties.clone() {
            self.note(line, format!("invalid JSON read leniently: {what}"));
        }
        for (line, why) in self.facts.unreadable.clone() {
            self.note(
                line,
                format!("a JSON block that cannot be read was skipped: {why}"),
            );
        }
    }

    /// Response configuration keys the request does not send, and a response's auth
    /// type that disagrees with the flow the page documents.
    fn response_contradictions(&mut self, groups: &[Group<'_>]) {
        let sent: BTreeSet<&str> = groups
            .iter()
            .flat_map(|g| g.fields.iter().map(String::as_str))
            .collect();
        let common = common_keys();
        for r in self.facts.responses.clone() {
            if r.key.as_ref().is_some_and(|(k, _)| {
                k != self.key && self.facts.bodies.iter().any(|b| &b.key == k)
            }) {
                continue;
            }
            let extra: Vec<String> = r
                .config
                .iter()
                .map(|(k, _)| k.clone())
                .filter(|k| {
                    !sent.contains(k.as_str())
                        && !common.contains(k)
                        && !k.starts_with("oauth.user.")
                        && !k.starts_with("event.")
                        && !IMPLIED_OAUTH.contains(&k.as_str())
                })
                .collect();
            if !extra.is_empty() {
                let listed: Vec<String> = extra.iter().map(|k| format!("`{k}`")).collect();
                self.note(
                    r.line,
                    format!(
                        "contradiction: the sample response's configuration has {} that the request body does not send; left out (a sample response is never the authority for a field)",
                        listed.join(", ")
                    ),
                );
            }
        }
    }

    /// Variant `index` of `groups` (one per variant); `ids` are the ids given to the
    /// variants before it.
    fn variant(
        &mut self,
        g: &Group<'a>,
        index: usize,
        groups: &[Group<'a>],
        stated: Option<&(String, &'static str)>,
        ids: &mut Vec<String>,
    ) -> Node {
        let count = groups.len();
        let first = g.bodies[0];
        let facts = self.facts;
        let oauth1 = stated.map_or_else(
            || {
                g.bodies.iter().any(|b| {
                    b.provider_data
                        .iter()
                        .flatten()
                        .any(|(k, _)| k == implied::OAUTH_TOKEN || k == implied::OAUTH_VERIFIER)
                }) || (g.oauth && facts.oauth_calls.iter().any(|c| c.endpoint == "token"))
            },
            |(_, auth)| *auth == "oauth1",
        );
        let section = first.section.as_ref().map(|(t, _)| t.to_lowercase());
        let config_keys: Vec<&str> = g
            .bodies
            .iter()
            .flat_map(|b| b.config.iter().map(|(k, _)| k.as_str()))
            .collect();
        let auth = match stated {
            Some((_, auth)) => auth,
            None if g.oauth => {
                if oauth1 {
                    "oauth1"
                } else {
                    "oauth2"
                }
            }
            None => non_oauth_type(section.as_deref(), &config_keys),
        };
        // The OAuth facts of this variant: those in its own section when the page
        // has several variants.
        let region = region(groups, index);
        self.region = region;
        // OAuth keys in a body the page sends straight to `/instances`, with no OAuth
        // call and no sample consent URL: client credentials or a token, not a consent
        // step the page never shows.
        let direct = g.oauth && !oauth1 && !self.shows_consent(region);
        let mut entries = vec![Entry::new("type", yaml::string(auth))];
        if count > 1 {
            let mut title = first
                .section
                .as_ref()
                .map(|(t, _)| one_line(t))
                .unwrap_or_else(|| default_title(auth).to_string());
            let numbered = format!("{auth}_{}", index + 1);
            let derive = |title: &str| {
                crate::names::snake_ident(&title.to_lowercase(), &[])
                    .filter(|id| id.len() <= 40)
                    .unwrap_or_else(|| numbered.clone())
            };
            let mut id = derive(&title);
            let mut comments = Vec::new();
            if let Some((stated, _)) = stated {
                id = stated.clone();
            } else if ids.contains(&id) {
                // Alternative bodies under one heading: named after what only this
                // one sends, else numbered.
                let own = distinguishing_key(g, groups)
                    .map(|k| humanize_key(&k))
                    .unwrap_or_else(|| (index + 1).to_string());
                title = format!("{title} ({own})");
                id = derive(&title);
                if ids.contains(&id) {
                    id = numbered.clone();
                }
                comments.push(format!(
                    "guess: another body under the same heading (line {}), an alternative; named after what it alone sends",
                    first.line
                ));
            }
            ids.push(id.clone());
            entries.push(Entry::new("id", yaml::string(&id)).comment(comments));
            entries.push(Entry::new("title", yaml::string(&title)));
        } else if let Some((id, _)) = stated.filter(|(id, auth)| id != auth) {
            entries.push(Entry::new("id", yaml::string(id)));
        }
        // The selector.
        if let Some((_, v)) = first
            .config
            .iter()
            .find(|(k, _)| k == "authentication.type")
            && let Some(s) = v.as_str()
        {
            entries.push(Entry::new("selector", yaml::string(s)));
        }
        if direct {
            entries.push(
                Entry::new(
                    "oauth",
                    Node::Map(vec![Entry::new("consent", Node::Scalar("false".to_string()))]),
                )
                .comment([
                    "guess: the page makes no OAuth call and shows no consent page: a direct `POST /instances` (client credentials or a token)".to_string(),
                ]),
            );
        } else if g.oauth {
            entries.push(self.oauth(region));
        }
        let mut omit = Vec::new();
        if g.oauth {
            for key in IMPLIED_OAUTH {
                if !g
                    .bodies
                    .iter()
                    .any(|b| b.config.iter().any(|(k, _)| k == key))
                {
                    self.note(
                        first.line,
                        format!("the request body sends no `{key}`, which the OAuth flow implies; the descriptor omits it"),
                    );
                    omit.push(key);
                }
            }
        }
        // Without a consent step nothing is implied in `providerData`: what the body
        // sends there is written out.
        let provider_data = if self.generated() && g.oauth && !direct {
            // The flow's provider data less what the body leaves out, then what the
            // provider adds to the callback.
            let (omitted, params) = self.callback_params(g, auth);
            omit.extend(omitted);
            if !params.is_empty()
                && let Some(Entry {
                    value: Node::Map(oauth),
                    ..
                }) = entries.iter_mut().find(|e| e.key == "oauth")
            {
                oauth.push(Entry::new("callback_params", Node::Seq(params)));
            }
            None
        } else {
            self.provider_data(g, auth, !direct)
        };
        if !omit.is_empty() {
            entries.push(
                Entry::new(
                    "omit",
                    Node::Seq(omit.iter().map(|k| yaml::string(k)).collect()),
                )
                .comment(["not in the page's request body".to_string()]),
            );
        }
        if let Some(pd) = provider_data {
            entries.push(pd);
        }
        let skip: Vec<&str> = if g.oauth && !self.generated() {
            IMPLIED_OAUTH.to_vec()
        } else {
            Vec::new()
        };
        let mut config = self.fields(g, |b| &b.config, &skip, true);
        // A consent page that takes the app's `apiSecret` shows it to the user: it is
        // not a secret there (HubSpot's portal id).
        let secret_in_url = entries.iter().any(|e| {
            e.key == "oauth"
                && matches!(&e.value, Node::Map(m) if m.iter().any(|x| {
                    x.key == "authorize_url"
                        && matches!(&x.value, Node::Scalar(u) if u.contains("{apiSecret}"))
                }))
        });
        if secret_in_url && !self.generated() {
            let calls: Vec<&OAuthCall> = self
                .facts
                .oauth_calls
                .iter()
                .filter(|c| self.in_region(c.line, region))
                .collect();
            let mut refined = vec![
                Entry::new("key", yaml::string(implied::OAUTH_API_SECRET)).comment([
                    "the consent page takes the value sent as `apiSecret`, so it is not a secret"
                        .to_string(),
                ]),
                Entry::new("secret", Node::Scalar("false".into())),
            ];
            if let Some((_, value)) = self
                .credential_values(&calls)
                .into_iter()
                .find(|(name, _)| *name == "apiSecret")
            {
                refined.push(Entry::new("example", yaml::string(&value)));
            }
            config.insert(0, Node::Map(refined));
        }
        config.extend(self.table_only(groups, region));
        if !config.is_empty() {
            entries.push(Entry::new("config", Node::Seq(config)));
        }
        let body = self.fields(g, |b| &b.extra, &[], false);
        if !body.is_empty() {
            entries.push(Entry::new("body", Node::Seq(body)));
        }
        Node::Map(entries)
    }

    /// Configuration keys a parameter table in `region` describes that no request body
    /// of the element sends: optional fields (with the default or fixed value the
    /// table states), each said to come from the table.
    fn table_only(&mut self, groups: &[Group<'a>], region: (usize, usize)) -> Vec<Node> {
        let sent: BTreeSet<&str> = groups
            .iter()
            .flat_map(|g| g.bodies.iter())
            .flat_map(|b| {
                b.config
                    .iter()
                    .chain(b.extra.iter())
                    .chain(b.provider_data.iter().flatten())
                    .map(|(k, _)| k.as_str())
            })
            .collect();
        let common = common_keys();
        let mut out = Vec::new();
        for (key, d) in &self.facts.descriptions {
            let skip = !key.contains('.')
                || sent.contains(key.as_str())
                || common.contains(key)
                || IMPLIED_OAUTH.contains(&key.as_str())
                || key == crate::model::SELECTOR_KEY
                || !crate::text::is_valid_wire_key(key)
                || !self.in_region(d.line, region);
            if skip {
                continue;
            }
            self.note(
                d.line,
                format!("the parameter table describes `{key}`, which no request body sends; the descriptor has it as an optional field"),
            );
            let mut entries = vec![Entry::new("key", yaml::string(key)).comment([format!(
                "from the parameter table (line {}): no request body sends it, so optional",
                d.line
            )])];
            entries.extend(described_entries(d));
            match (&d.fixed, &d.default) {
                (Some(fixed), _) => entries.push(Entry::new("const", typed_scalar(None, fixed))),
                (None, Some(default)) => {
                    entries.push(Entry::new("default", typed_scalar(None, default)));
                }
                (None, None) => entries.push(Entry::new("required", Node::Scalar("false".into()))),
            }
            out.push(Node::Map(entries));
        }
        out
    }

    /// Whether the page (the part of it this element owns, within `region`) shows an
    /// OAuth call or a sample consent URL: a consent step.
    fn shows_consent(&self, region: (usize, usize)) -> bool {
        self.facts
            .oauth_calls
            .iter()
            .any(|c| self.in_region(c.line, region))
            || self
                .facts
                .oauth_urls
                .iter()
                .any(|(_, line)| self.in_region(*line, region))
    }

    /// Whether a statement at `line` is this element's (see [`Drafter::owns`]) and
    /// within `region`, a variant's lines.
    fn in_region(&self, line: usize, region: (usize, usize)) -> bool {
        self.owns(line) && (region.0..region.1).contains(&line)
    }

    /// The variant's `provider_data`, when the body's differs from what the flow
    /// implies (`consent`: the variant has a consent step; without one nothing is).
    fn provider_data(&mut self, g: &Group<'a>, auth: &str, consent: bool) -> Option<Entry> {
        let implied: Vec<String> = match auth {
            _ if !consent => Vec::new(),
            "oauth2" => vec![implied::CODE.to_string()],
            "oauth1" => [
                implied::OAUTH_TOKEN,
                implied::OAUTH_VERIFIER,
                implied::REQUEST_TOKEN_SECRET,
            ]
            .map(String::from)
            .to_vec(),
            _ => Vec::new(),
        };
        let shown: Vec<String> = g
            .bodies
            .iter()
            .flat_map(|b| b.provider_data.iter().flatten().map(|(k, _)| k.clone()))
            .collect::<Vec<_>>();
        let mut unique: Vec<String> = Vec::new();
        for k in shown {
            if !unique.contains(&k) {
                unique.push(k);
            }
        }
        if unique.iter().all(|k| implied.contains(k)) {
            for k in &implied {
                if !unique.contains(k) {
                    self.note(
                        g.bodies[0].line,
                        format!(
                            "the request body has no `providerData.{k}`, which the {auth} flow returns and the platform needs; the descriptor sends it (implied)"
                        ),
                    );
                }
            }
            return None;
        }
        let fields = self.fields(g, |b| b.provider_data.as_deref().unwrap_or(&[]), &[], false);
        Some(
            Entry::new("provider_data", Node::Seq(fields)).comment([
                "the page's providerData differs from what the flow implies".to_string(),
            ]),
        )
    }

    /// A generated consent flow's provider data, read as the descriptor says it: the
    /// implied keys the body leaves out (`omit`), and the others as `callback_params`
    /// with what the provider data table says of them.
    fn callback_params(&mut self, g: &Group<'a>, auth: &str) -> (Vec<&'static str>, Vec<Node>) {
        let implied: &[&'static str] = match auth {
            "oauth1" => &[
                implied::OAUTH_TOKEN,
                implied::OAUTH_VERIFIER,
                implied::REQUEST_TOKEN_SECRET,
            ],
            _ => &[implied::CODE],
        };
        let mut shown: Vec<(&str, &Json)> = Vec::new();
        for (k, v) in g
            .bodies
            .iter()
            .flat_map(|b| b.provider_data.iter().flatten())
        {
            if !shown.iter().any(|(s, _)| s == k) {
                shown.push((k, v));
            }
        }
        let omitted = implied
            .iter()
            .copied()
            .filter(|k| !shown.iter().any(|(s, _)| s == k))
            .collect();
        let mut params = Vec::new();
        for (name, value) in shown {
            if implied.contains(&name) {
                continue;
            }
            let mut p = vec![Entry::new("name", yaml::string(name))];
            let described = self.described(name, self.region);
            if let Some(d) = described.filter(|d| !d.description.is_empty()) {
                p.push(Entry::new("description", yaml::string(&d.description)));
            }
            let secret = described.is_some_and(|d| d.secret);
            if secret {
                p.push(Entry::new("secret", Node::Scalar("true".into())));
            } else if crate::resolve::looks_like_credential(name) {
                p.push(Entry::new("secret", Node::Scalar("false".into())));
            }
            let label = described
                .and_then(|d| d.label.clone())
                .unwrap_or_else(|| crate::names::label_from_key(name));
            if let Some(v) = value.as_str()
                && !secret
                && v != crate::names::placeholder(&label)
            {
                p.push(Entry::new("example", yaml::string(v)));
            }
            params.push(Node::Map(p));
        }
        (omitted, params)
    }

    /// The `oauth` mapping of a variant, from the OAuth calls and sample consent URLs
    /// of the page within `region` (its lines).
    fn oauth(&mut self, region: (usize, usize)) -> Entry {
        let facts = self.facts;
        let calls: Vec<&OAuthCall> = facts
            .oauth_calls
            .iter()
            .filter(|c| self.in_region(c.line, region))
            .collect();
        let mut entries = Vec::new();
        let mut params: Vec<(String, String, usize)> = Vec::new();
        for call in &calls {
            for (name, value) in &call.query {
                if !OWN_QUERY.contains(&name.as_str())
                    && !params.iter().any(|(n, _, _)| n == name)
                    && crate::text::is_valid_wire_key(name)
                {
                    params.push((name.clone(), value.clone(), call.line));
                }
            }
        }
        // Parameters only a call's template shows, where the page also describes them
        // (a template copied from another element shows parameters this one lacks).
        for call in facts
            .call_templates
            .iter()
            .filter(|c| self.in_region(c.line, region))
        {
            for (name, value) in &call.query {
                if !OWN_QUERY.contains(&name.as_str())
                    && !params.iter().any(|(n, _, _)| n == name)
                    && crate::text::is_valid_wire_key(name)
                    && facts.descriptions.contains_key(name)
                {
                    params.push((name.clone(), value.clone(), call.line));
                }
            }
        }
        // The parameter list before the call names those the example leaves out too
        // (a generated page lists each; a hand-written one may describe an optional
        // one in prose only).
        if !calls.is_empty() {
            let first_call = calls.iter().map(|c| c.line).min().unwrap_or(region.1);
            let sent: BTreeSet<&str> = facts
                .bodies
                .iter()
                .flat_map(|b| {
                    (b.config.iter().chain(b.provider_data.iter().flatten()))
                        .map(|(k, _)| k.as_str())
                })
                .collect();
            for (name, d) in &facts.described_rows {
                // On a hand-written page, only a parameter said to be optional: its
                // other bullets name the element's key, its search words...
                if d.line > region.0
                    && d.line < first_call
                    && d.ty.is_none()
                    && (self.generated() || d.optional)
                    && !OWN_QUERY.contains(&name.as_str())
                    && !sent.contains(name.as_str())
                    && !params.iter().any(|(n, _, _)| n == name)
                    && crate::text::is_valid_wire_key(name)
                {
                    params.push((name.clone(), crate::names::placeholder(name), d.line));
                }
            }
        }
        // The consent page: host and path of the sample `oauthUrl`.
        let mut authorize = None;
        let mut url_scope = None;
        let mut in_host: Vec<String> = Vec::new();
        // The provider's name as a host label would spell it (`Box` is `box`).
        let brand: Option<String> = self.front("heading").map(|(h, _)| {
            h.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        });
        let samples: Vec<&(String, usize)> = facts
            .oauth_urls
            .iter()
            .filter(|(_, l)| self.in_region(*l, region))
            .collect();
        for (sample, line) in samples {
            let Ok(url) = url::Url::parse(sample) else {
                self.note(
                    *line,
                    format!("the sample `oauthUrl` `{sample}` is not a URL; ignored"),
                );
                continue;
            };
            let Some(host) = url.host_str() else { continue };
            let mut host = host.to_string();
            // A generated page fills the consent host's parameters with their
            // examples, and an optional one left out of the call with the default the
            // provider uses (which a hand-written page may state too): each run of
            // labels that is one of them is that parameter.
            {
                for (name, value, _) in &params {
                    let default = self
                        .described(name, region)
                        .filter(|d| d.optional)
                        .and_then(|d| d.default.clone());
                    let value = match default {
                        Some(d) if self.param_stand_in(name, value) => d,
                        _ if self.generated() => value.clone(),
                        _ => continue,
                    };
                    if self.param_stand_in(name, &value) || value.is_empty() {
                        continue;
                    }
                    let dotted = format!(".{host}.");
                    if let Some(at) = dotted.find(&format!(".{value}.")) {
                        host = format!(
                            "{}{{{name}}}{}",
                            &dotted[1..at + 1],
                            &dotted[at + 1 + value.len()..dotted.len() - 1]
                        );
                    }
                }
            }
            for (name, value, _) in params.iter_mut() {
                let lower = name.to_lowercase();
                if let Some(label) = host.split('.').find(|l| l.to_lowercase() == lower) {
                    host = host.replacen(label, &format!("{{{name}}}"), 1);
                    if is_placeholder(value) {
                        // The consent URL needs a value to be an example.
                        *value = "yourcompany".to_string();
                        in_host.push(name.clone());
                    }
                }
            }
            // A first label that is a placeholder but does not spell a parameter
            // (`yoursubdomain`, `shop_name`): the one host parameter the calls send.
            let first_label = host.split('.').next().unwrap_or_default().to_string();
            let unplaced: Vec<usize> = (0..params.len())
                .filter(|i| !host.contains(&format!("{{{}}}", params[*i].0)))
                .collect();
            if !host.contains('{') && is_host_placeholder(&first_label) && unplaced.len() == 1 {
                let (name, value, _) = &mut params[unplaced[0]];
                host = host.replacen(&first_label, &format!("{{{name}}}"), 1);
                if is_placeholder(value) || is_host_placeholder(value) {
                    *value = "yourcompany".to_string();
                    in_host.push(name.clone());
                }
                let name = name.clone();
                self.note(
                    *line,
                    format!("guess: `{first_label}` in the consent host stands for the OAuth parameter `{name}`"),
                );
            }
            // Made up: the app's own callback host, or `www.<key>.com` where the key is
            // not the provider's name (`www.onedrivev2.com` for "OneDrive") or the
            // sample is a template (a placeholder client id). `www.box.com` for "Box",
            // with a real client id, is Box's consent page.
            let templated = url
                .query_pairs()
                .any(|(k, v)| k == "client_id" && is_placeholder(&v));
            let key_host = host == format!("www.{}.com", self.key);
            let fake = !self.generated()
                && (host.contains("mycoolapp")
                    || (key_host && (templated || brand.as_deref() != Some(self.key))));
            if fake {
                self.note(*line, format!("the sample `oauthUrl` points at `{host}`, a made-up host; the consent page is left as a TODO"));
                continue;
            }
            // The port as written (`url` drops the scheme's default one).
            let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
            let mut candidate = format!("https://{host}{port}{}", url.path());
            // The consent page's own query: what the app sends as `apiKey` or
            // `apiSecret` reappearing there (HubSpot's `portalId`) is that value; on a
            // generated page, any other pair is part of the consent page.
            let credentials = self.credential_values(&calls);
            let mut own_query = Vec::new();
            for (k, v) in url.query_pairs() {
                // A key of the platform's own calls is a call pasted into the sample.
                if CONSENT_QUERY.contains(&k.as_ref()) || OWN_QUERY.contains(&k.as_ref()) {
                    continue;
                }
                // On a generated page, a parameter's example there is that parameter.
                let param = params.iter().find(|(name, value, _)| {
                    self.generated() && *value == v && !self.param_stand_in(name, value)
                });
                if let Some((name, _, _)) = param {
                    own_query.push(format!("{}={{{name}}}", urlencoding(&k)));
                } else if let Some((name, _)) = credentials.iter().find(|(_, value)| *value == v) {
                    own_query.push(format!("{k}={{{name}}}"));
                } else if self.generated() {
                    own_query.push(format!("{}={}", urlencoding(&k), urlencoding(&v)));
                }
            }
            if !own_query.is_empty() {
                candidate = format!("{candidate}?{}", own_query.join("&"));
            }
            if url.scheme() != "https" {
                self.note(
                    *line,
                    format!(
                        "the sample `oauthUrl` uses `{}`; the consent page is written with https",
                        url.scheme()
                    ),
                );
            }
            for (k, v) in url.query_pairs() {
                match k.as_ref() {
                    "scope" if url_scope.is_none() => url_scope = Some((v.into_owned(), *line)),
                    "state" if v != self.key => self.note(
                        *line,
                        format!("contradiction: the sample `oauthUrl` has `state={v}`; the state defaults to the key `{}`", self.key),
                    ),
                    _ => {}
                }
            }
            match &authorize {
                None => authorize = Some((candidate, *line)),
                Some((kept, kept_line)) if *kept != candidate => {
                    let kept = kept.clone();
                    self.note(*line, format!("contradiction: this sample `oauthUrl` points at `{candidate}`, the one at line {kept_line} at `{kept}`; kept the first"));
                }
                _ => {}
            }
        }
        let mut url_comments = Vec::new();
        let authorize_url = match authorize {
            Some((url, line)) => {
                url_comments.push(format!("from the sample `oauthUrl` (line {line})"));
                url
            }
            None => {
                let line = calls.first().map_or(1, |c| c.line);
                self.note(line, "the page shows no sample `oauthUrl`: the consent page is unknown; the descriptor holds a TODO URL".to_string());
                url_comments
                    .push("TODO: the page shows no consent page; write the provider's".to_string());
                "https://TODO.example.com/oauth/authorize".to_string()
            }
        };
        entries
            .push(Entry::new("authorize_url", yaml::string(&authorize_url)).comment(url_comments));
        let call_scope = calls.iter().find_map(|c| {
            c.query
                .iter()
                .find(|(k, _)| k == "scope")
                .map(|(_, v)| (v.clone(), c.line))
        });
        if call_scope.is_none()
            && let Some((scope, line)) = &url_scope
            && !scope.is_empty()
        {
            self.note(*line, format!("the page's `oauthUrl` asks for the scope `{scope}`, which its OAuth call does not send; kept as the default scope (`oauth.scope`), which the generated call sends as `scope`"));
        }
        if let Some((scope, line)) = call_scope.or(url_scope)
            && !scope.is_empty()
        {
            entries.push(
                Entry::new("scope", yaml::string(&scope)).comment([format!("from line {line}")]),
            );
        }
        if !params.is_empty() {
            let items = params
                .iter()
                .map(|(name, value, _)| {
                    let mut p = vec![Entry::new("name", yaml::string(name))];
                    if in_host.contains(name) {
                        p[0].comments
                            .push("guess: example, the page shows a placeholder".to_string());
                    }
                    let described = self.described(name, region);
                    if let Some(d) = described.filter(|d| !d.description.is_empty()) {
                        p.push(Entry::new("description", yaml::string(&d.description)));
                    }
                    if in_host.contains(name) || !self.param_stand_in(name, value) {
                        p.push(Entry::new("example", yaml::string(value)));
                    }
                    // A generated page marks an optional parameter and ends its bullet
                    // with the default; its words say nothing of either.
                    let (optional, default) = match described {
                        Some(d) if self.generated() => {
                            (d.marked_optional, d.bullet_default.as_deref())
                        }
                        Some(d) => (d.optional, d.default.as_deref()),
                        None => (false, None),
                    };
                    if optional {
                        p.push(Entry::new("required", Node::Scalar("false".into())));
                        if let Some(default) = default {
                            p.push(Entry::new("default", yaml::string(default)));
                        }
                    }
                    Node::Map(p)
                })
                .collect();
            entries.push(Entry::new("params", Node::Seq(items)));
        }
        self.oauth_call_contradictions(&calls);
        Entry::new("oauth", Node::Map(entries))
    }

    /// The app's values the OAuth calls send that a consent URL may repeat
    /// ([`crate::model::CREDENTIAL_PLACEHOLDERS`]), where a call shows a real one.
    fn credential_values(&self, calls: &[&OAuthCall]) -> Vec<(&'static str, String)> {
        crate::model::CREDENTIAL_PLACEHOLDERS
            .iter()
            .filter_map(|(name, _)| {
                let value = calls
                    .iter()
                    .find_map(|c| c.query.iter().find(|(k, _)| k == name))
                    .map(|(_, v)| v.clone())?;
                (!is_placeholder(&value) && value.len() > 2).then_some((*name, value))
            })
            .collect()
    }

    fn oauth_call_contradictions(&mut self, calls: &[&OAuthCall]) {
        let key = self.key.to_string();
        let body_callback = self
            .facts
            .bodies
            .iter()
            .filter(|b| b.key == key)
            .find_map(|b| {
                b.config
                    .iter()
                    .find(|(k, _)| k == implied::OAUTH_CALLBACK_URL)
                    .and_then(|(_, v)| v.as_str().map(|s| (s.to_string(), v.line)))
            });
        for call in calls {
            let get = |n: &str| {
                call.query
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.clone())
            };
            if let Some(state) = get("state")
                && state != key
            {
                self.note(call.line, format!("contradiction: the OAuth call sends `state={state}`; the state defaults to the key `{key}`"));
            }
            if call
                .query
                .iter()
                .any(|(k, v)| k.contains(' ') || v.contains(' '))
            {
                self.note(call.line, "the OAuth call's URL holds spaces (a display name pasted into a value); generated examples never do".to_string());
            }
            if let Some(scope) = get("scope") {
                self.note(call.line, format!("the OAuth call sends `scope` (`{scope}`); kept as the default scope (`oauth.scope`), which the generated call sends too"));
            }
            if call.endpoint == "url" && get("state").is_none() {
                self.note(call.line, format!("the OAuth call sends no `state`; the descriptor's calls send it (optional, default the key `{key}`)"));
            }
            if let (Some(cb), Some((body_cb, line))) = (get("callbackUrl"), &body_callback)
                && cb != *body_cb
                && !is_placeholder(&cb)
                && !is_placeholder(body_cb)
            {
                self.note(call.line, format!("contradiction: the OAuth call's `callbackUrl` is `{cb}`, the request body's `oauth.callback.url` (line {line}) is `{body_cb}`; the pages show one callback URL"));
            }
        }
    }

    /// Configuration (or provider data, or body) fields of a variant, in page order.
    fn fields(
        &mut self,
        g: &Group<'a>,
        of: impl Fn(&'a Body) -> &'a [(String, Json)],
        skip: &[&str],
        config: bool,
    ) -> Vec<Node> {
        let common = if config { common_keys() } else { Vec::new() };
        let mut order: Vec<&str> = Vec::new();
        for b in &g.bodies {
            for (k, _) in of(b) {
                let own = !(config && k == "authentication.type");
                if own && !order.contains(&k.as_str()) && !skip.contains(&k.as_str()) {
                    order.push(k);
                }
            }
        }
        let mut out = Vec::new();
        for key in order {
            let shown: Vec<(&Json, usize)> = g
                .bodies
                .iter()
                .filter_map(|b| {
                    of(b)
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| (v, b.line))
                })
                .collect();
            let in_all = shown.len() == g.bodies.len();
            let (value, _) = shown[0];
            for (other, _) in &shown[1..] {
                if other.to_value() != value.to_value()
                    && !is_placeholder_json(other)
                    && !is_placeholder_json(value)
                {
                    self.note(other.line, format!(
                        "contradiction: `{key}` is `{}` here but `{}` at line {}; kept the first",
                        compact(other), compact(value), value.line
                    ));
                }
            }
            let spec = self.spec_of(key, g, config);
            let field = match spec {
                // A generated page's row of an implied field or common option says how
                // the descriptor refined it: what differs from the flow's own.
                Some(spec) if self.generated() => {
                    refinement(self.field(key, value, in_all, g.bodies.len()), spec)
                }
                _ if common.iter().any(|c| c == key) => self.common_option(key, value),
                _ => Some(self.field(key, value, in_all, g.bodies.len())),
            };
            if let Some(f) = field {
                out.push(Node::Map(f));
            }
        }
        out
    }

    /// The field `key` stands for when the descriptor need not list it: a common
    /// option, or (in configuration) a field the variant's OAuth flow implies.
    fn spec_of(
        &self,
        key: &str,
        g: &Group<'_>,
        config: bool,
    ) -> Option<&'static crate::model::Field> {
        if !config {
            return None;
        }
        let implied = if g.oauth {
            implied::config(crate::descriptor::AuthType::Oauth2)
        } else {
            &[]
        };
        implied
            .iter()
            .chain(implied::common_options())
            .find(|f| f.key == key)
    }

    fn common_option(&mut self, key: &str, value: &Json) -> Option<Vec<Entry>> {
        let spec = implied::common_options().iter().find(|f| f.key == key)?;
        let example = match (&spec.ty, &value.kind) {
            (crate::model::FieldType::Bool, Kind::Bool(b)) => Some(b.to_string()),
            (crate::model::FieldType::Bool, Kind::String(s)) if s == "true" || s == "false" => {
                self.note(value.line, format!("`{key}` is the string `\"{s}\"`; the common option is a bool, sent as `{s}`"));
                Some(s.clone())
            }
            (crate::model::FieldType::Integer, Kind::Number(n)) if n.parse::<i64>().is_ok() => {
                Some(n.clone())
            }
            (crate::model::FieldType::Url | crate::model::FieldType::Enum(_), Kind::String(s))
                if !is_placeholder(s)
                    && (!matches!(spec.ty, crate::model::FieldType::Url)
                        || url::Url::parse(s).is_ok()) =>
            {
                if let crate::model::FieldType::Enum(values) = &spec.ty
                    && !values.iter().any(|v| &v.value == s)
                {
                    None
                } else {
                    Some(yaml::string_text(s))
                }
            }
            _ => None,
        };
        match example {
            Some(e) => Some(vec![
                Entry::new("key", yaml::string(key)),
                Entry::new("example", Node::Scalar(e)),
            ]),
            None => {
                self.note(value.line, format!("`{key}` is a common instance option shown without a usable value (`{}`); left to the common options", compact(value)));
                None
            }
        }
    }

    fn field(&mut self, key: &str, value: &Json, in_all: bool, bodies: usize) -> Vec<Entry> {
        let described = self.described(key, self.region).cloned();
        let mut entries = vec![Entry::new("key", yaml::string(key))];
        let mut comments = Vec::new();
        if let Some(d) = &described {
            entries.extend(described_entries(d));
        }
        // `apikey.user.name` names the user of an API key, not a credential.
        let last = key.rsplit('.').next().unwrap_or(key).to_lowercase();
        let user_name = matches!(
            last.as_str(),
            "name" | "username" | "user" | "email" | "login"
        );
        // The placeholder often says what the key does not: `username` holding
        // `<INSERT_WUFOO_API_KEY>`.
        let placeholder = value.as_str().filter(|s| is_placeholder(s)).unwrap_or("");
        let says_credential = ["API_KEY", "APIKEY", "TOKEN", "SECRET", "PASSWORD"]
            .iter()
            .any(|w| placeholder.to_uppercase().replace(' ', "_").contains(w));
        // A generated page's table states the type and whether it is a credential.
        let table = described
            .as_ref()
            .and_then(|d| Some((d.ty.clone()?, d.secret, d.values.clone())));
        let secret = match &table {
            Some((_, secret, _)) => *secret,
            None => (crate::resolve::looks_like_credential(key) && !user_name) || says_credential,
        };
        if table.is_none() && says_credential && !crate::resolve::looks_like_credential(key) {
            comments.push(format!(
                "a secret: the page's placeholder `{placeholder}` names a credential"
            ));
        }
        // On a generated page a value is the descriptor's example unless it is the
        // placeholder `generate` derives from the label; elsewhere, unless it looks
        // like one.
        let stand_in = |s: &str| match (&table, described.as_ref().and_then(|d| d.label.as_deref()))
        {
            (Some(_), Some(label)) => s == crate::names::placeholder(label),
            _ => is_placeholder(s),
        };
        let mut ty: Option<&str> = None;
        let mut defaults: Vec<Entry> = Vec::new();
        let mut wire_string = false;
        let mut example: Option<Node> = None;
        let mut values_entry = None;
        let mut required = true;
        match &value.kind {
            Kind::Bool(b) => {
                ty = Some("bool");
                example = Some(Node::Scalar(b.to_string()));
            }
            Kind::Number(n) if n.parse::<i64>().is_ok() => {
                ty = Some("integer");
                example = Some(Node::Scalar(n.clone()));
            }
            Kind::Number(_) | Kind::Array(_) | Kind::Object(_) => {
                ty = Some("json");
                example = Some(yaml::json(&value.to_value()));
            }
            Kind::Null => {
                required = false;
                comments.push("guess: optional, the page sends `null`".to_string());
            }
            Kind::String(s) if s == "true" || s == "false" => {
                ty = Some("bool");
                wire_string = true;
                example = Some(Node::Scalar(s.clone()));
                comments.push("guess: a flag the page sends as a string".to_string());
            }
            Kind::String(s) if looks_numeric_setting(key, s) => {
                ty = Some("integer");
                wire_string = true;
                example = Some(Node::Scalar(s.clone()));
                comments.push("guess: a number the page sends as a string".to_string());
            }
            Kind::String(s) if !secret && !stand_in(s) => {
                if (s.starts_with("https://") || s.starts_with("http://"))
                    && url::Url::parse(s).is_ok()
                {
                    ty = Some("url");
                }
                example = Some(yaml::string(&one_line(s)));
            }
            Kind::String(s) => {
                let upper = s.to_uppercase();
                if !secret && (upper.ends_with("_URL>") || upper.ends_with("URL")) {
                    ty = Some("url");
                    comments.push("guess: a URL, the page's placeholder names one".to_string());
                }
            }
        }
        if let Some((stated, stated_secret, values)) = &table {
            ty = (stated != "string").then_some(stated.as_str());
            // A number or flag the body sends as a string: on the wire as one.
            if let Kind::String(v) = &value.kind
                && matches!(ty, Some("integer" | "bool"))
                && !is_placeholder(v)
            {
                wire_string = true;
                example = Some(Node::Scalar(v.clone()));
            }
            // JSON the body sends as text.
            if let Kind::String(v) = &value.kind
                && ty == Some("json")
                && let Ok(parsed) = serde_json::from_str::<serde_json::Value>(v)
            {
                wire_string = true;
                example = Some(yaml::json(&parsed));
            }
            if *stated_secret {
                example = None;
                entries.push(Entry::new("secret", Node::Scalar("true".into())));
            } else if crate::resolve::looks_like_credential(key) {
                entries.push(Entry::new("secret", Node::Scalar("false".into())));
            }
            if !values.is_empty() {
                values_entry = Some(Entry::new(
                    "values",
                    Node::Seq(values.iter().map(|v| yaml::string(v)).collect()),
                ));
            }
        } else if secret {
            if ty.is_none() {
                comments.push("guess: a secret (the key names a credential)".to_string());
                example = None;
            } else {
                entries.push(Entry::new("secret", Node::Scalar("false".into())));
            }
        }
        if table.is_none() && user_name && crate::resolve::looks_like_credential(key) && !secret {
            // Says so, or `validate` would take the key's words for a credential.
            entries.push(Entry::new("secret", Node::Scalar("false".into())));
            comments.push("a user name, not a credential".to_string());
        }
        if let Some(t) = ty {
            entries.push(Entry::new("type", yaml::string(t)));
        }
        entries.extend(values_entry);
        if wire_string {
            entries.push(Entry::new("wire", yaml::string("string")));
        }
        // A value the page says never to change: the field is fixed to it.
        // (Not for what says `secret` either way: a fixed value has no `secret`.)
        let says_secret = secret || (user_name && crate::resolve::looks_like_credential(key));
        if let Some(fixed) = described
            .as_ref()
            .and_then(|d| d.fixed.clone())
            .filter(|_| !says_secret)
        {
            let node = typed_scalar(ty, &fixed);
            let line = described.as_ref().map_or(0, |d| d.line);
            entries[0].comments = comments;
            entries.push(
                Entry::new("const", node)
                    .comment([format!("the page says to leave it so (line {line})")]),
            );
            return entries;
        }
        // A default the page states: written, and the field is optional by it.
        // (Not for a credential: its value is the user's own.)
        let stated = described
            .as_ref()
            .and_then(|d| d.default.clone())
            .filter(|_| !secret);
        if let Some(d) = &stated {
            let node = typed_scalar(ty, d);
            let line = described.as_ref().map_or(0, |x| x.line);
            let mut e = Entry::new("default", node);
            e = e.comment([format!("the page says so (line {line})")]);
            defaults.push(e);
        }
        if !in_all || described.as_ref().is_some_and(|d| d.optional) {
            required = false;
            if !in_all && bodies > 1 {
                comments.push("optional: not in every request body of this variant".to_string());
            }
        }
        if !required && defaults.is_empty() {
            entries.push(Entry::new("required", Node::Scalar("false".into())));
        }
        entries.append(&mut defaults);
        if secret && ty.is_none() && table.is_none() {
            entries.push(Entry::new("secret", Node::Scalar("true".into())));
        }
        if let Some(e) = example {
            entries.push(Entry::new("example", e));
        }
        entries[0].comments = comments;
        entries
    }
}

/// A field's entries less what `spec` (the field the descriptor refines) already
/// says: `None` when nothing is left but the key.
fn refinement(entries: Vec<Entry>, spec: &crate::model::Field) -> Option<Vec<Entry>> {
    let text = |v: &crate::model::Value| v.to_text();
    let same = |node: &Node, want: &str| match node {
        Node::Scalar(s) => s == want || *s == yaml::string_text(want),
        Node::Prose(p) => p == want,
        _ => false,
    };
    let type_kept = entries
        .iter()
        .any(|e| e.key == "type" && !same(&e.value, spec.ty.name()));
    let kept: Vec<Entry> = entries
        .into_iter()
        .filter(|e| match e.key {
            "key" => true,
            "label" => !same(&e.value, &spec.label),
            "description" => !same(&e.value, spec.description.as_deref().unwrap_or("")),
            "type" | "values" => type_kept,
            "secret" => !same(&e.value, &spec.secret.to_string()),
            "required" => !same(&e.value, &spec.required.to_string()),
            "example" => !same(&e.value, &text(&spec.example)),
            "default" => spec
                .default
                .as_ref()
                .is_none_or(|d| !same(&e.value, &text(d))),
            _ => true,
        })
        .collect();
    (kept.len() > 1).then_some(kept)
}

/// A value the page states for a field of type `ty` (as the draft guessed it): a
/// number or flag as itself, anything else as a string.
fn typed_scalar(ty: Option<&str>, value: &str) -> Node {
    match ty {
        Some("integer") if value.parse::<i64>().is_ok() => Node::Scalar(value.to_string()),
        Some("bool") if value == "true" || value == "false" => Node::Scalar(value.to_string()),
        _ => yaml::string(value),
    }
}

/// The `label` and `description` a parameter table gives a key, where it gives them.
fn described_entries(d: &super::facts::Described) -> Vec<Entry> {
    let mut entries = Vec::new();
    if let Some(label) = &d.label {
        entries.push(Entry::new("label", yaml::string(&one_line(label))));
    }
    if !d.description.is_empty() {
        entries.push(Entry::new(
            "description",
            yaml::string(&one_line(&d.description)),
        ));
    }
    entries
}

/// A host label that stands for the customer's own part of it (`yoursubdomain`,
/// `shop_name`, `<INSERT_SITE>`).
fn is_host_placeholder(label: &str) -> bool {
    let lower = label.to_lowercase();
    is_placeholder(label)
        || lower.starts_with("your")
        || ["subdomain", "subdoamin", "_name"]
            .iter()
            .any(|w| lower.contains(w))
}

/// The lines a variant's own facts are read from: from its section's heading (the
/// page's start for the first) to the next variant's section heading (the whole page
/// when the variants share one, or when there is one).
fn region(groups: &[Group<'_>], index: usize) -> (usize, usize) {
    let start_of = |g: &Group<'_>| g.bodies[0].section.as_ref().map_or(0, |(_, line)| *line);
    let start = start_of(&groups[index]);
    let end = groups
        .iter()
        .map(start_of)
        .filter(|s| *s > start)
        .min()
        .unwrap_or(usize::MAX);
    // What comes before the first variant's heading (a shared first step) is the
    // first variant's.
    let first = groups.iter().map(start_of).min().unwrap_or(0);
    (if start == first { 0 } else { start }, end)
}

/// The first field group `g` sends that no other group does.
fn distinguishing_key(g: &Group<'_>, groups: &[Group<'_>]) -> Option<String> {
    g.fields
        .iter()
        .find(|k| {
            groups
                .iter()
                .filter(|o| !std::ptr::eq(*o, g))
                .all(|o| !o.fields.contains(*k))
        })
        .cloned()
}

/// A wire key as words for a title: its last two segments (`greatplains.api.token`
/// is "api token").
fn humanize_key(key: &str) -> String {
    let segments: Vec<&str> = key
        .split(['.', '_', '-'])
        .filter(|s| !s.is_empty())
        .collect();
    let start = segments.len().saturating_sub(2);
    segments[start..].join(" ")
}

/// Groups one element's bodies into variants: a body that shows the same fields as
/// an earlier one, or a subset or superset of them, in the same section, is the same
/// variant (a minimal and an extended payload; a JSON block and the curl repeating it).
fn group<'a>(bodies: &[&'a Body]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group<'a>> = Vec::new();
    for body in bodies {
        let fields = field_set(body);
        let oauth = is_oauth(body);
        let section = body.section.as_ref().map(|(t, _)| t);
        let found = groups.iter_mut().find(|g| {
            let g_section = g.bodies[0].section.as_ref().map(|(t, _)| t);
            g.oauth == oauth
                && (section.is_none() || g_section.is_none() || section == g_section)
                && (fields.is_subset(&g.fields) || g.fields.is_subset(&fields))
        });
        match found {
            Some(g) => {
                g.bodies.push(body);
                g.fields.extend(fields);
            }
            None => groups.push(Group {
                bodies: vec![body],
                fields,
                oauth,
            }),
        }
    }
    groups
}

/// The type of a variant without OAuth: the section's word if it names one, else
/// `basic` for a user name and a password, `api_key` for keys or tokens alone, else
/// `custom`.
fn non_oauth_type(section: Option<&str>, keys: &[&str]) -> &'static str {
    if let Some(s) = section {
        if s.contains("custom") {
            return "custom";
        }
        if s.contains("basic") {
            return "basic";
        }
    }
    let common = common_keys();
    let own: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| !common.iter().any(|c| c == k) && *k != "authentication.type")
        .collect();
    let last = |k: &str| k.rsplit('.').next().unwrap_or(k).to_lowercase();
    let user = own
        .iter()
        .any(|k| matches!(last(k).as_str(), "username" | "user" | "email" | "login"));
    let password = own.iter().any(|k| last(k).contains("password"));
    if user && password && own.len() == 2 {
        return "basic";
    }
    if !own.is_empty()
        && own.iter().all(|k| {
            let k = k.to_lowercase();
            (k.contains("key") || k.contains("token") || k.contains("secret"))
                && !k.contains("password")
        })
    {
        return "api_key";
    }
    "custom"
}

fn default_title(auth: &str) -> &'static str {
    match auth {
        "oauth2" => "OAuth 2",
        "oauth1" => "OAuth 1",
        "basic" => "Basic Authentication",
        "api_key" => "API Key",
        _ => "Custom Authentication",
    }
}

/// The hub a careful reader would name from the key, the name and the intro, with
/// the word that decided it.
fn derive_hub(name: &str, intro: &str) -> (&'static str, Option<String>) {
    const WORDS: &[(&str, &str)] = &[
        ("crm", "crm"),
        ("customer relationship", "crm"),
        ("salesforce", "crm"),
        ("sales cloud", "crm"),
        ("helpdesk", "helpdesk"),
        ("help desk", "helpdesk"),
        ("service cloud", "helpdesk"),
        ("servicedesk", "helpdesk"),
        ("ticket", "helpdesk"),
        ("marketing", "marketing"),
        ("webinar", "conferencing"),
        ("e-commerce", "ecommerce"),
        ("ecommerce", "ecommerce"),
        ("commerce", "ecommerce"),
        ("shop", "ecommerce"),
        ("store", "ecommerce"),
        ("erp", "erp"),
        ("accounting", "finance"),
        ("finance", "finance"),
        ("billing", "finance"),
        ("subscription", "finance"),
        ("expense", "finance"),
        ("tax", "finance"),
        ("payment", "payment"),
        ("paypal", "payment"),
        ("esign", "esignature"),
        ("e-sign", "esignature"),
        ("signature", "esignature"),
        ("sms", "messaging"),
        ("messag", "messaging"),
        ("email delivery", "messaging"),
        ("social", "social"),
        ("facebook", "social"),
        ("instagram", "social"),
        ("document", "documents"),
        ("file", "documents"),
        ("storage", "documents"),
        ("drive", "documents"),
        ("dropbox", "documents"),
        ("box", "documents"),
        ("note", "documents"),
        ("human capital", "humancapital"),
        ("background", "screening"),
        ("screening", "screening"),
        ("field service", "fsa"),
        ("database", "db"),
        ("project", "collaboration"),
        ("collaborat", "collaboration"),
        ("form", "general"),
    ];
    for text in [name, intro] {
        let lower = text.to_lowercase();
        let mut best: Option<(usize, &str, &str)> = None;
        for (word, hub) in WORDS {
            // At the start of a word: `box` is not in `sandbox`.
            let at = lower.match_indices(word).map(|(i, _)| i).find(|&i| {
                lower[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            });
            if let Some(at) = at
                && best.is_none_or(|(b, _, _)| at < b)
            {
                best = Some((at, word, hub));
            }
        }
        if let Some((_, word, hub)) = best {
            return (hub, Some(word.to_string()));
        }
    }
    ("general", None)
}

/// A descriptor word (a hub, an auth type) read as the format reads it.
fn parse_word<'de, T: serde::Deserialize<'de>>(word: &'de str) -> Option<T> {
    use serde::de::IntoDeserializer as _;
    let de: serde::de::value::StrDeserializer<'de, serde::de::value::Error> =
        word.into_deserializer();
    T::deserialize(de).ok()
}

/// Whether an example value is a stand-in the author meant to be replaced.
pub fn is_placeholder(s: &str) -> bool {
    let lower = s.to_lowercase();
    s.trim().is_empty()
        || s.contains('<')
        || s.contains('{')
        || s.contains('[')
        || lower.contains("insert")
        || lower.contains("fake")
        || lower.contains("your")
        || lower.contains("xxx")
        || lower.contains("code on return")
        || lower.starts_with("enter ")
        || (s.len() > 3
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
            && s.contains('_'))
}

fn is_placeholder_json(v: &Json) -> bool {
    v.as_str().is_some_and(is_placeholder)
}

/// Digits sent as a string by a setting that is a number (a port, a size, an
/// interval), not an identifier that happens to be digits.
fn looks_numeric_setting(key: &str, value: &str) -> bool {
    const WORDS: &[&str] = &[
        "port", "size", "limit", "timeout", "interval", "count", "days", "minutes", "seconds",
    ];
    let last = key.rsplit('.').next().unwrap_or(key).to_lowercase();
    !value.is_empty()
        && value.len() <= 9
        && value.chars().all(|c| c.is_ascii_digit())
        && !(value.starts_with('0') && value.len() > 1)
        && WORDS.iter().any(|w| last.contains(w))
}

/// A value as one short line for a message.
fn compact(v: &Json) -> String {
    let text = v.to_value().to_string();
    if text.chars().count() > 60 {
        format!("{}...", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

/// Text as one line of single spaces, without the characters descriptors refuse.
pub fn one_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| {
            !c.is_control()
                && crate::text::first_refused(&c.to_string(), crate::text::TextKind::Line).is_none()
        })
        .collect()
}
