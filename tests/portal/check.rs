//! Checks a site that the portal's own engine (Jekyll, with the portal's kramdown and
//! Liquid settings) built from generated pages, against the catalog the pages came
//! from: `portal-check DESCRIPTORS SITE` (`SITE` is Jekyll's `_site`).
//!
//! Run by `tests/portal/check`, which installs Jekyll and builds the site first. The
//! expectations come from the resolved model and its example functions, never from
//! the pages themselves: what a reader sees in the browser is compared with what the
//! descriptor says and what the client sends.

mod browser;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use elementgen::examples;
use elementgen::implied;
use elementgen::model::{
    AuthType, Catalog, Element, Field, FieldType, SELECTOR_KEY, SharedPage, Variant,
};
use elementgen::snippet;
use scraper::{ElementRef, Html, Node, Selector};

/// The elements kramdown and the templates produce; anything else in a page's content
/// came from descriptor text read as HTML.
const ALLOWED_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "div",
    "span",
    "a",
    "blockquote",
    "hr",
    "br",
    "del",
    "img",
];

/// The header bullet of every `POST /instances` step, as the reader must see it.
const HEADER_BULLET: &str =
    "HTTP Headers: Authorization- User <user secret>, Organization <organization secret>";

const USAGE: &str = "usage: portal-check DESCRIPTORS SITE
       portal-check --portal DESCRIPTORS PORTAL [--browser SCREENSHOTS] [--only KEY] [--paths TSV]

The first form checks the preview pages built in the stand-in site (SITE is its
`_site`). The second checks the pages `elementgen publish` wrote into a copy of the
portal's own site (PORTAL, built with `jekyll build` into PORTAL/_site), at their
portal paths, under the portal's real layout; with `--browser` each page is read
from headless Chromium's DOM, loaded from a server on 127.0.0.1, and screenshots of
three pages go into SCREENSHOTS. `--only KEY` checks one element. `--paths TSV`
(`../shared/portal/paths.tsv`) names the portal path of each corpus page: an element
whose page has a row must be published at that path.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(options) = Options::parse(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let descriptors = &options.descriptors;
    let catalog = match elementgen::check_catalog(Path::new(descriptors))
        .ok()
        .and_then(|c| c.into_catalog().ok())
    {
        Some((catalog, _)) => catalog,
        None => {
            eprintln!("error: `{descriptors}` is not a valid catalog (run `elementgen validate`)");
            return ExitCode::from(2);
        }
    };
    let elements: Vec<&Element> = catalog
        .elements
        .iter()
        .filter(|e| options.only.as_ref().is_none_or(|k| *k == e.key))
        .collect();
    if let (Some(key), true) = (&options.only, elements.is_empty()) {
        eprintln!("error: `{descriptors}` has no element `{key}`");
        return ExitCode::from(2);
    }
    let mut check = match &options.portal {
        None => Check {
            site: PathBuf::from(&options.site),
            layout: Layout::StandIn,
            doms: BTreeMap::new(),
            problems: Vec::new(),
        },
        Some(portal) => Check {
            site: portal.join("_site"),
            layout: Layout::Portal {
                source: portal.clone(),
            },
            doms: BTreeMap::new(),
            problems: Vec::new(),
        },
    };
    // The pages of `docs.also_on` (those that show the element checked, with `--only`).
    let shared: Vec<&SharedPage> = catalog
        .pages
        .iter()
        .filter(|p| options.only.as_ref().is_none_or(|k| p.elements.contains(k)))
        .collect();
    if let Some(shots) = &options.browser
        && let Err(e) = check.load_in_browser(&elements, &shared, Path::new(shots))
    {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if let Some(tsv) = &options.paths {
        check.portal_paths(&elements, &shared, tsv);
    }
    if check.layout == Layout::StandIn {
        check.unpublished();
        check.index(&catalog);
    }
    for element in &elements {
        check.page(element);
    }
    for page in &shared {
        check.shared_page(page, &catalog);
    }
    let how = match (&check.layout, &options.browser) {
        (Layout::StandIn, _) => "in the stand-in site",
        (Layout::Portal { .. }, None) => "in the portal's site",
        (Layout::Portal { .. }, Some(_)) => "in the portal's site, in Chromium,",
    };
    if check.problems.is_empty() {
        println!(
            "portal check: {} pages of `{descriptors}` {how} render as the model says",
            elements.len() + shared.len()
        );
        ExitCode::SUCCESS
    } else {
        for p in &check.problems {
            eprintln!("error: {p}");
        }
        eprintln!("portal check: {} problems", check.problems.len());
        ExitCode::FAILURE
    }
}

/// The command line.
struct Options {
    descriptors: String,
    site: String,
    portal: Option<PathBuf>,
    browser: Option<String>,
    only: Option<String>,
    paths: Option<PathBuf>,
}

impl Options {
    fn parse(args: &[String]) -> Option<Options> {
        let mut positional = Vec::new();
        let (mut portal, mut browser, mut only, mut paths) = (false, None, None, None);
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--portal" => portal = true,
                "--browser" => browser = Some(args.next()?.clone()),
                "--only" => only = Some(args.next()?.clone()),
                "--paths" => paths = Some(PathBuf::from(args.next()?)),
                flag if flag.starts_with("--") => return None,
                _ => positional.push(arg.clone()),
            }
        }
        let [descriptors, site] = <[String; 2]>::try_from(positional).ok()?;
        if (browser.is_some() || paths.is_some()) && !portal {
            return None;
        }
        Some(Options {
            portal: portal.then(|| PathBuf::from(&site)),
            descriptors,
            site,
            browser,
            only,
            paths,
        })
    }
}

/// Which site the pages were built in, which says where each page is and how its
/// layout shows the front matter.
#[derive(Debug, PartialEq, Eq)]
enum Layout {
    /// `tests/portal/site`: flat `<page>.html`, front matter printed into ids.
    StandIn,
    /// The portal's own site (`source` is its root): each page at its portal path,
    /// under `_layouts/sidebarelementdoc.html` (the heading in `.pageHeading h2`, the
    /// element's pages as tabs, the content in `.elementDocContent`).
    Portal { source: PathBuf },
}

struct Check {
    site: PathBuf,
    layout: Layout,
    /// Page (relative URL) to the DOM Chromium showed, when read in the browser.
    doms: BTreeMap<String, String>,
    problems: Vec<String>,
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the checker's selectors are valid")
}

/// White space runs as one space, trimmed: how a browser shows text.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader sees in `el`. The portal's `line_numbers: true` makes Rouge put
/// a table with a line-number gutter in every code span and block: the gutter is no
/// part of the text, nor is the line break Rouge ends the code cell with.
fn visible_text(el: ElementRef<'_>) -> String {
    fn visible(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.has_class("rouge-gutter", CASE) => {}
            Node::Element(e) if e.has_class("rouge-code", CASE) => {
                let mut code = String::new();
                node.children().for_each(|c| visible(c, &mut code));
                out.push_str(code.strip_suffix('\n').unwrap_or(&code));
            }
            _ => node.children().for_each(|c| visible(c, out)),
        }
    }
    let mut out = String::new();
    visible(*el, &mut out);
    out
}

const CASE: scraper::CaseSensitivity = scraper::CaseSensitivity::CaseSensitive;

/// The rows of a table, each as its cells' visible text: direct children only, since
/// a code span in a cell holds a table of its own (Rouge's line numbers).
fn table_rows(table: ElementRef<'_>) -> Vec<Vec<String>> {
    fn children<'a>(el: ElementRef<'a>, name: &'static str) -> Vec<ElementRef<'a>> {
        el.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == name)
            .collect()
    }
    children(table, "tbody")
        .into_iter()
        .flat_map(|body| children(body, "tr"))
        .map(|tr| {
            children(tr, "td")
                .into_iter()
                .map(|td| normalize(&visible_text(td)))
                .collect()
        })
        .collect()
}

/// Whether `el` is Markdown's table, not the one Rouge puts in every code span.
fn is_markdown_table(el: &ElementRef<'_>) -> bool {
    el.value().name() == "table"
        && !el.value().has_class("rouge-table", CASE)
        && el
            .ancestors()
            .all(|a| a.value().as_element().is_none_or(|e| e.name() != "code"))
}

/// The text of a fenced block (`div.language-*`): the code, without line numbers.
fn block_text(el: ElementRef<'_>) -> String {
    let code = selector("td.rouge-code pre, code");
    el.select(&code)
        .next()
        .map(visible_text)
        .unwrap_or_default()
}

impl Check {
    fn problem(&mut self, at: &str, message: impl Into<String>) {
        self.problems.push(format!("{at}: {}", message.into()));
    }

    /// The page at `name` (relative to the site): as Chromium showed it when read in
    /// the browser, else as Jekyll wrote it.
    fn read(&mut self, name: &str) -> Option<Html> {
        if let Some(dom) = self.doms.get(name) {
            return Some(Html::parse_document(dom));
        }
        match std::fs::read_to_string(self.site.join(name)) {
            Ok(text) => Some(Html::parse_document(&text)),
            Err(e) => {
                self.problem(name, format!("not built ({e})"));
                None
            }
        }
    }

    /// Files that must not be published: the review notes and the include.
    fn unpublished(&mut self) {
        for name in [
            "README.html",
            "README.md",
            "_includes",
            "common-instance-config.md",
        ] {
            if self.site.join(name).exists() {
                self.problem(name, "published, but it is not a portal page");
            }
        }
    }

    fn index(&mut self, catalog: &Catalog) {
        let Some(html) = self.read("index.html") else {
            return;
        };
        self.front_text(&html, "index.html", "#front-heading", "Element Guides");
        let rows: Vec<Vec<String>> = html
            .select(&selector("main table"))
            .filter(is_markdown_table)
            .flat_map(table_rows)
            .collect();
        for e in &catalog.elements {
            let Some(row) = rows.iter().find(|r| r.get(1) == Some(&e.key)) else {
                self.problem("index.html", format!("no row for `{}`", e.key));
                continue;
            };
            if row[0] != normalize(&e.name) {
                self.problem(
                    "index.html",
                    format!("`{}` is shown as `{}`", e.name, row[0]),
                );
            }
            if row.get(2).map(String::as_str) != Some(e.hub.as_str()) {
                self.problem("index.html", format!("`{}`: wrong hub", e.key));
            }
        }
        let mut names: Vec<&String> = rows.iter().filter_map(|r| r.first()).collect();
        let shown = names.clone();
        names.sort_by_key(|n| n.to_lowercase());
        if names != shown {
            self.problem("index.html", "rows are not sorted by display name");
        }
        let links: Vec<String> = html
            .select(&selector("main a[href]"))
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        for e in &catalog.elements {
            if !links.contains(&e.page.url()) {
                self.problem("index.html", format!("no link to `{}`", e.page.url()));
            }
        }
        for link in links {
            self.resolves("index.html", &link);
        }
    }

    /// A relative link resolves to a built page (and to an element of it with the
    /// fragment's id).
    fn resolves(&mut self, from: &str, link: &str) {
        let (file, fragment) = match link.split_once('#') {
            Some((f, frag)) => (f, Some(frag)),
            None => (link, None),
        };
        let file = if file.is_empty() { from } else { file };
        let decoded = url::form_urlencoded::parse(format!("x={file}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        let Ok(text) = std::fs::read_to_string(self.site.join(&decoded)) else {
            self.problem(from, format!("link `{link}` leads to no built page"));
            return;
        };
        if let Some(fragment) = fragment {
            let html = Html::parse_document(&text);
            let ids = html
                .select(&selector("[id]"))
                .filter(|el| el.value().attr("id") == Some(fragment))
                .count();
            if ids != 1 {
                self.problem(
                    from,
                    format!("link `{link}`: {ids} elements have the id `{fragment}`"),
                );
            }
        }
    }

    fn front_text(&mut self, html: &Html, at: &str, css: &str, expected: &str) {
        let shown = html
            .select(&selector(css))
            .next()
            .map(|el| el.text().collect::<String>());
        if shown.as_deref() != Some(expected) {
            self.problem(
                at,
                format!("front matter `{css}` reads back as {shown:?}, not {expected:?}"),
            );
        }
    }

    /// Where the page of `e` is in the built site.
    fn url(&self, e: &Element) -> String {
        match &self.layout {
            Layout::StandIn => e.page.url(),
            Layout::Portal { .. } => published_url(e),
        }
    }

    /// Each element whose page is a corpus page is published where the portal keeps
    /// that page: `tsv` is `paths.tsv` (corpus page, portal path, state).
    fn portal_paths(&mut self, elements: &[&Element], shared: &[&SharedPage], tsv: &Path) {
        let text = match std::fs::read_to_string(tsv) {
            Ok(text) => text,
            Err(e) => return self.problem(&tsv.display().to_string(), e.to_string()),
        };
        let rows: BTreeMap<&str, &str> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cells = l.split('\t');
                Some((cells.next()?, cells.next()?))
            })
            .collect();
        let mut matched = 0;
        for e in elements {
            let Some(path) = rows.get(e.page.slug.as_str()) else {
                continue;
            };
            matched += 1;
            if e.page.portal_path != *path {
                let at = published_url(e);
                let published = &e.page.portal_path;
                self.problem(
                    &at,
                    format!(
                        "published at `{published}`, but the portal keeps the page at `{path}`"
                    ),
                );
            }
        }
        let mut pages = 0;
        for page in shared {
            let Some(path) = rows.get(page.slug.as_str()) else {
                continue;
            };
            pages += 1;
            if page.portal_path != *path {
                let published = &page.portal_path;
                self.problem(
                    &self.shared_url(page),
                    format!(
                        "published at `{published}`, but the portal keeps the page at `{path}`"
                    ),
                );
            }
        }
        println!(
            "portal paths: {matched} elements and {pages} shared pages have a row in `{}`",
            tsv.display()
        );
    }

    /// Reads every page of `elements` in Chromium, from the site served on 127.0.0.1,
    /// and takes screenshots of the first three into `shots`.
    fn load_in_browser(
        &mut self,
        elements: &[&Element],
        shared: &[&SharedPage],
        shots: &Path,
    ) -> Result<(), String> {
        let base = browser::serve(self.site.clone())?;
        let pages: Vec<String> = (elements.iter().map(|e| self.url(e)))
            .chain(shared.iter().map(|p| self.shared_url(p)))
            .collect();
        let urls: Vec<String> = pages.iter().map(|p| format!("{base}{p}")).collect();
        for (page, dom) in pages.iter().zip(browser::doms(&urls)) {
            match dom {
                Ok(dom) => {
                    self.doms.insert(page.clone(), dom);
                }
                Err(e) => self.problem(page, format!("Chromium could not load it: {e}")),
            }
        }
        std::fs::create_dir_all(shots).map_err(|e| format!("{}: {e}", shots.display()))?;
        let browser = browser::Browser::new(99);
        for (e, url) in elements.iter().zip(&urls).take(3) {
            let png = shots.join(format!("{}.png", e.key));
            browser.screenshot(url, &png, 1280, 2400)?;
            println!("screenshot of {} in {}", self.url(e), png.display());
        }
        for page in shared.iter().take(3) {
            let url = format!("{base}{}", self.shared_url(page));
            let png = shots.join(format!("page-{}.png", page.slug));
            browser.screenshot(&url, &png, 1280, 2400)?;
            println!(
                "screenshot of {} in {}",
                self.shared_url(page),
                png.display()
            );
        }
        Ok(())
    }

    fn page(&mut self, e: &Element) {
        let at = self.url(e);
        let Some(html) = self.read(&at) else {
            return;
        };
        let content = match &self.layout {
            Layout::StandIn => {
                self.front_text(&html, &at, "#front-heading", &e.name);
                let seo = format!(
                    "Create Instance | {} | Cloud Elements API Docs",
                    e.page.seo_name
                );
                self.front_text(&html, &at, "title", &seo);
                let id = e.element_id.map(|i| i.to_string()).unwrap_or_default();
                self.front_text(&html, &at, "#front-element-id", &id);
                self.front_text(&html, &at, "#front-order", &e.page.order.to_string());
                "main#content"
            }
            Layout::Portal { source } => {
                let source = source.clone();
                self.portal_heading(&html, &at, &e.name);
                self.tabs(&html, &at, e, &source);
                "div.elementDocContent"
            }
        };
        let Some(main) = html.select(&selector(content)).next() else {
            self.problem(&at, "no content");
            return;
        };
        self.tags(&at, main);
        self.prose(&at, e, main);
        self.variants(&at, e, main);
        self.headers(&at, e, main);
        self.query_parameters(&at, e, main);
        self.tables(&at, e, main);
        self.json_blocks(&at, &[e], main);
        self.rust_blocks(&at, &[e], main);
        self.include(&at, main);
        self.anchors_resolve(&at, main);
    }

    /// A page of `docs.also_on`: its heading; on a page of several elements, a
    /// section per element (its id, its name) with its variants' sections under it;
    /// every element's JSON and Rust blocks, in order; the include; links that resolve.
    fn shared_page(&mut self, page: &SharedPage, catalog: &Catalog) {
        let at = self.shared_url(page);
        let Some(html) = self.read(&at) else {
            return;
        };
        let elements: Vec<&Element> = page
            .elements
            .iter()
            .filter_map(|k| catalog.elements.iter().find(|e| &e.key == k))
            .collect();
        let content = match &self.layout {
            Layout::StandIn => {
                self.front_text(&html, &at, "#front-heading", &page.heading);
                "main#content"
            }
            Layout::Portal { .. } => {
                self.portal_heading(&html, &at, &page.heading);
                "div.elementDocContent"
            }
        };
        let Some(main) = html.select(&selector(content)).next() else {
            self.problem(&at, "no content");
            return;
        };
        self.tags(&at, main);
        if let [e] = elements.as_slice() {
            self.variants(&at, e, main);
        } else {
            for e in &elements {
                let id = elementgen::resolve::shared_anchor(&e.key);
                match main
                    .select(&selector("h2"))
                    .find(|h| h.value().attr("id") == Some(id.as_str()))
                {
                    Some(h) if normalize(&visible_text(h)) == normalize(&e.name) => {}
                    Some(_) => {
                        self.problem(&at, format!("section `{id}` is not titled `{}`", e.name))
                    }
                    None => self.problem(&at, format!("no section with the id `{id}`")),
                }
                if e.variants.len() > 1 {
                    for v in &e.variants {
                        let vid = format!("{id}-{}", v.anchor);
                        if !main
                            .select(&selector("h3"))
                            .any(|h| h.value().attr("id") == Some(vid.as_str()))
                        {
                            self.problem(&at, format!("no section with the id `{vid}`"));
                        }
                    }
                }
            }
        }
        self.json_blocks(&at, &elements, main);
        self.rust_blocks(&at, &elements, main);
        self.include(&at, main);
        self.anchors_resolve(&at, main);
    }

    /// Every link to a place on the page leads to exactly one element with its id.
    fn anchors_resolve(&mut self, at: &str, main: ElementRef<'_>) {
        for link in main
            .select(&selector("a[href^='#']"))
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_string)
            .collect::<Vec<_>>()
        {
            self.resolves(at, &link);
        }
    }

    /// Where a page of `docs.also_on` is in the built site.
    fn shared_url(&self, page: &SharedPage) -> String {
        match &self.layout {
            Layout::StandIn => format!("{}.html", page.slug),
            Layout::Portal { .. } => {
                let path = &page.portal_path;
                format!("{}.html", path.strip_suffix(".md").unwrap_or(path))
            }
        }
    }

    /// The portal's layout prints the `heading` front matter raw into its header: the
    /// reader sees the element's name as written, and it holds no markup.
    fn portal_heading(&mut self, html: &Html, at: &str, heading: &str) {
        let Some(h2) = html.select(&selector(".pageHeading h2")).next() else {
            self.problem(at, "no page heading");
            return;
        };
        let shown = normalize(&h2.text().collect::<String>());
        if shown != normalize(heading) {
            self.problem(at, format!("the heading reads {shown:?}, not {heading:?}"));
        }
        if let Some(child) = h2.children().find_map(ElementRef::wrap) {
            let tag = child.value().name();
            self.problem(at, format!("the heading holds a `<{tag}>` element"));
        }
    }

    /// The tab strip shows every page of the element's directory, ordered by `order`:
    /// this page's tab is there, titled as the descriptor says, at its order, and
    /// links to the page (with the element's id, as the layout writes it).
    fn tabs(&mut self, html: &Html, at: &str, e: &Element, source: &Path) {
        let tabs: Vec<(String, String)> = html
            .select(&selector(".pageTabs .tab a"))
            .map(|a| {
                let href = a.value().attr("href").unwrap_or("").to_string();
                (normalize(&a.text().collect::<String>()), href)
            })
            .collect();
        let id = e.element_id.map(|i| i.to_string()).unwrap_or_default();
        let href = format!("/{at}?elementId={id}");
        let Some(index) = tabs.iter().position(|(_, h)| *h == href) else {
            self.problem(
                at,
                format!("the tab strip has no tab linking to `{href}`: {tabs:?}"),
            );
            return;
        };
        if tabs[index].0 != normalize(&e.page.title) {
            let shown = &tabs[index].0;
            self.problem(
                at,
                format!("its tab reads {shown:?}, not {:?}", e.page.title),
            );
        }
        let dir = Path::new(&e.page.portal_path)
            .parent()
            .unwrap_or(Path::new(""));
        let orders = sibling_orders(&source.join(dir));
        if orders.len() != tabs.len() {
            let (pages, tabs) = (orders.len(), tabs.len());
            self.problem(
                at,
                format!("{tabs} tabs for the {pages} pages of its directory"),
            );
        }
        // Pages of the same order may come in either order (Liquid's sort).
        let before = orders.iter().filter(|o| **o < e.page.order).count();
        let up_to = orders.iter().filter(|o| **o <= e.page.order).count();
        if !(before..up_to).contains(&index) {
            let order = e.page.order;
            self.problem(
                at,
                format!(
                    "its tab is number {} of {}, not where order {order} puts it ({} to {up_to})",
                    index + 1,
                    tabs.len(),
                    before + 1
                ),
            );
        }
    }

    fn tags(&mut self, at: &str, main: ElementRef<'_>) {
        let elements: Vec<&scraper::node::Element> = main
            .descendants()
            .skip(1)
            .filter_map(|n| n.value().as_element())
            .collect();
        let found: BTreeSet<&str> = elements
            .iter()
            .map(|e| e.name())
            .filter(|name| !ALLOWED_TAGS.contains(name))
            .collect();
        if !found.is_empty() {
            self.problem(at, format!("descriptor text became HTML: {found:?}"));
        }
        // Inline code stays inline: the portal's `line_numbers: true` makes Rouge put
        // a gutter table in every markdown code span, in the middle of a sentence or
        // a cell, so the pages write `<code>` elements, which kramdown copies as they
        // are. A code block's table sits in its `div.highlight`; any other is a code
        // span's (a browser moves one out of its paragraph, so it is looked for
        // anywhere, not only inside `code`).
        let code = selector("table.rouge-table");
        let inline = main.select(&code).filter(|table| {
            !table.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.has_class("highlight", CASE))
            })
        });
        for table in inline {
            let text = normalize(&visible_text(table));
            self.problem(at, format!("inline code `{text}` is rendered as a table"));
        }
        // No element may run script: no event handler, no link or source with
        // another scheme than the web's.
        for e in elements {
            for (name, value) in e.attrs() {
                let scheme = value.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
                let unsafe_target = matches!(name, "href" | "src")
                    && scheme.is_some_and(|s| !matches!(s.as_str(), "http" | "https" | "mailto"))
                    && !value.starts_with(['#', '/', '.']);
                if name.starts_with("on") || unsafe_target {
                    self.problem(
                        at,
                        format!("`<{} {name}=\"{value}\">` on the page", e.name()),
                    );
                }
            }
        }
    }

    /// The intro, the markdown fields and the name in prose are shown as written.
    fn prose(&mut self, at: &str, e: &Element, main: ElementRef<'_>) {
        let paragraphs: Vec<String> = main
            .select(&selector("p"))
            .map(|p| normalize(&visible_text(p)))
            .collect();
        if !paragraphs.contains(&normalize(&e.description)) {
            self.problem(at, "the description is not shown as written");
        }
        let name = normalize(&e.name);
        let provision = format!("To provision your {name} Element, use the /instances API.");
        let count = paragraphs.iter().filter(|p| **p == provision).count();
        if count != e.variants.len() {
            self.problem(
                at,
                format!("the name is not shown as written in `{provision}`"),
            );
        }
        let text = normalize(&visible_text(main));
        let markdown = [&e.page.preamble, &e.page.notes]
            .into_iter()
            .chain(e.variants.iter().map(|v| &v.notes))
            .flatten();
        for source in markdown {
            for tag in liquid_tags(source) {
                if !text.contains(&normalize(tag)) {
                    self.problem(at, format!("Liquid in descriptor markdown ran: `{tag}`"));
                }
            }
            // Markdown may change how text looks, never whether it is shown (kramdown's
            // `{::comment}` would hide it).
            for word in without_link_targets(source).split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() && !text.contains(word) {
                    self.problem(at, format!("`{word}` of descriptor markdown is not shown"));
                }
            }
        }
    }

    fn variants(&mut self, at: &str, e: &Element, main: ElementRef<'_>) {
        if e.variants.len() < 2 {
            return;
        }
        for v in &e.variants {
            let heading = main
                .select(&selector("h3"))
                .find(|h| h.value().attr("id") == Some(v.anchor.as_str()));
            match heading {
                Some(h) if normalize(&visible_text(h)) == normalize(&v.title) => {}
                Some(h) => self.problem(
                    at,
                    format!(
                        "section `{}` is titled `{}`",
                        v.anchor,
                        normalize(&visible_text(h))
                    ),
                ),
                None => self.problem(at, format!("no section with the id `{}`", v.anchor)),
            }
        }
    }

    fn headers(&mut self, at: &str, e: &Element, main: ElementRef<'_>) {
        let bullets: Vec<String> = main
            .select(&selector("li"))
            .map(|li| normalize(&visible_text(li)))
            .filter(|t| t.starts_with("HTTP Headers"))
            .collect();
        if bullets.len() != e.variants.len() || bullets.iter().any(|b| b != HEADER_BULLET) {
            self.problem(at, format!("header bullets read {bullets:?}"));
        }
    }

    /// Every "Query Parameters:" bullet holds its parameters as a nested list.
    fn query_parameters(&mut self, at: &str, e: &Element, main: ElementRef<'_>) {
        let mut expected: Vec<Vec<String>> = Vec::new();
        for v in &e.variants {
            let Some(oauth) = &v.oauth else { continue };
            let mut names: Vec<String> = ["apiKey", "apiSecret", "callbackUrl"]
                .into_iter()
                .map(str::to_string)
                .chain(oauth.params.iter().map(|p| p.name.clone()))
                .collect();
            if v.auth == AuthType::Oauth1 {
                expected.push(names.clone());
            }
            if oauth.scope.is_some() {
                names.push("scope".to_string());
            }
            names.push("state".to_string());
            if v.auth == AuthType::Oauth1 {
                names.push("requestToken".to_string());
            }
            expected.push(names);
        }
        let lists: Vec<Vec<String>> = main
            .select(&selector("li"))
            .filter(|li| {
                li.text()
                    .next()
                    .is_some_and(|t| t.trim() == "Query Parameters:")
            })
            .map(|li| {
                li.select(&selector("ul > li > strong"))
                    .map(|s| normalize(&visible_text(s)))
                    .collect()
            })
            .collect();
        if lists != expected {
            self.problem(
                at,
                format!("query parameter lists read {lists:?}, expected {expected:?}"),
            );
        }
    }

    /// The field tables: one `<table>` per list of fields, each row showing the
    /// field's key, label, default and description as written.
    fn tables(&mut self, at: &str, e: &Element, main: ElementRef<'_>) {
        let mut expected: Vec<Vec<Vec<(usize, String)>>> = Vec::new();
        for v in &e.variants {
            let mut config: Vec<Vec<(usize, String)>> =
                v.config.iter().map(|f| field_row(f, true)).collect();
            if v.selector.is_some() {
                config.push(vec![
                    (0, SELECTOR_KEY.to_string()),
                    (1, "Authentication type".to_string()),
                ]);
            }
            if !config.is_empty() {
                expected.push(config);
            }
            if !v.provider_data.is_empty() {
                expected.push(
                    v.provider_data
                        .iter()
                        .map(|f| field_row(f, false))
                        .collect(),
                );
            }
            if !v.body.is_empty() {
                expected.push(v.body.iter().map(|f| field_row(f, true)).collect());
            }
        }
        let tables: Vec<Vec<Vec<String>>> = main
            .select(&selector("table"))
            .filter(is_markdown_table)
            .map(table_rows)
            .collect();
        if tables.len() != expected.len() {
            self.problem(
                at,
                format!("{} tables, expected {}", tables.len(), expected.len()),
            );
            return;
        }
        for (table, want) in tables.iter().zip(&expected) {
            if table.len() != want.len() {
                let (shown, rows) = (table.len(), want.len());
                self.problem(at, format!("a table has {shown} rows, expected {rows}"));
                continue;
            }
            for (row, want) in table.iter().zip(want) {
                for (column, text) in want {
                    if row.get(*column) != Some(text) {
                        self.problem(at, format!("table row {row:?} does not show {text:?}"));
                    }
                }
            }
        }
    }

    /// The JSON blocks are the model's examples of `elements`' variants, in order.
    fn json_blocks(&mut self, at: &str, elements: &[&Element], main: ElementRef<'_>) {
        let mut expected = Vec::new();
        for e in elements {
            for v in &e.variants {
                expected.extend(expected_json(e, v));
            }
        }
        let blocks: Vec<String> = main
            .select(&selector("div.language-json"))
            .map(block_text)
            .collect();
        if blocks.len() != expected.len() {
            self.problem(
                at,
                format!("{} JSON blocks, expected {}", blocks.len(), expected.len()),
            );
            return;
        }
        for (i, (text, want)) in blocks.iter().zip(&expected).enumerate() {
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(shown) if shown == *want => {}
                Ok(_) => self.problem(at, format!("JSON block {} differs from the model", i + 1)),
                Err(err) => self.problem(at, format!("JSON block {} does not parse: {err}", i + 1)),
            }
        }
    }

    /// The Rust beside each cURL is shown as the snippet emitter wrote it (the code
    /// the client's tests compile and run).
    fn rust_blocks(&mut self, at: &str, elements: &[&Element], main: ElementRef<'_>) {
        let expected: Vec<String> = elements
            .iter()
            .flat_map(|e| &e.variants)
            .flat_map(|v| {
                let b = snippet::blocks(&v.example_code);
                [b.token, b.url, b.callback, Some(b.instance)]
            })
            .flatten()
            .collect();
        let shown: Vec<String> = main
            .select(&selector("div.language-rust"))
            .map(block_text)
            .collect();
        if shown.len() != expected.len() {
            let (shown, expected) = (shown.len(), expected.len());
            self.problem(at, format!("{shown} Rust blocks, expected {expected}"));
            return;
        }
        for (i, (shown, expected)) in shown.iter().zip(&expected).enumerate() {
            if shown.trim_end() != expected.trim_end() {
                self.problem(
                    at,
                    format!("Rust block {} is not the snippet:\n{shown}", i + 1),
                );
            }
        }
    }

    /// The include rendered: every common option the client knows is documented.
    fn include(&mut self, at: &str, main: ElementRef<'_>) {
        if main
            .select(&selector("h4#instance-configuration"))
            .next()
            .is_none()
        {
            self.problem(at, "the common instance configuration is missing");
            return;
        }
        let items: Vec<String> = main
            .select(&selector("li"))
            .map(|li| normalize(&visible_text(li)))
            .collect();
        for option in implied::common_options() {
            if !items
                .iter()
                .any(|i| i.starts_with(&format!("{} (", option.key)))
            {
                self.problem(
                    at,
                    format!("common option `{}` is not documented", option.key),
                );
            }
        }
    }
}

/// What a table row must show of a field, by column: key, label, default and
/// description (a provider data table has no Default column).
fn field_row(f: &Field, with_default: bool) -> Vec<(usize, String)> {
    let description = f.description.as_deref().map(normalize).unwrap_or_default();
    let ty = match &f.ty {
        FieldType::Enum(values) => {
            let values: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            format!("enum ({})", values.join(", "))
        }
        ty => ty.name().to_string(),
    };
    let ty = if f.secret {
        format!("{ty} (secret)")
    } else {
        ty
    };
    let required = match &f.constant {
        Some(c) => format!("fixed: {}", c.to_json(f.wire)),
        None if f.required => "yes".to_string(),
        None => "no".to_string(),
    };
    let mut row = vec![
        (0, normalize(&f.key)),
        (1, normalize(&f.label)),
        (2, normalize(&ty)),
        (3, normalize(&required)),
    ];
    if with_default {
        let default = f.default.as_ref().map(|d| normalize(&d.to_text()));
        row.push((4, default.unwrap_or_default()));
        row.push((5, description));
    } else {
        row.push((4, description));
    }
    row
}

/// The JSON blocks of a variant's section, in page order, as the model builds them.
fn expected_json(e: &Element, v: &Variant) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    if v.oauth.is_some() {
        if v.auth == AuthType::Oauth1 {
            out.push(examples::json(&examples::oauth_token_response(v)));
        }
        out.push(examples::json(&examples::oauth_url_response(e, v)));
    }
    out.push(examples::json(&examples::instance_body(e, v)));
    out.push(examples::json(&examples::instance_response(e, v)));
    out
}

/// `markdown` without the targets of its links and images (`](target)`), which are
/// not text a reader sees.
fn without_link_targets(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 2..];
        rest = rest.find(')').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
}

/// The Liquid tags and outputs in `text` (`{{ ... }}`, `{% ... %}`).
fn liquid_tags(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['{']) {
        let after = &rest[start..];
        let close = if after.starts_with("{{") {
            "}}"
        } else if after.starts_with("{%") {
            "%}"
        } else {
            rest = &rest[start + 1..];
            continue;
        };
        match after[2..].find(close) {
            Some(end) => {
                out.push(&after[..end + 4]);
                rest = &after[end + 4..];
            }
            None => break,
        }
    }
    out
}

/// Where `elementgen publish` put the page of `e`, as the built site's relative URL.
fn published_url(e: &Element) -> String {
    let path = &e.page.portal_path;
    format!("{}.html", path.strip_suffix(".md").unwrap_or(path))
}

/// The `order` of every page in `dir` of the site's source (the pages the layout
/// shows as its tabs: those with front matter, unless unpublished), read from their
/// front matter.
fn sibling_orders(dir: &Path) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut orders = Vec::new();
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Some(front) = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---").map(|(f, _)| f))
        else {
            continue;
        };
        // Jekyll leaves an unpublished page out of `site.pages`, hence out of the tabs.
        if front.lines().any(|l| l.trim_end() == "published: false") {
            continue;
        }
        let order = front
            .lines()
            .find_map(|l| l.strip_prefix("order:"))
            .and_then(|o| o.trim().trim_matches(['"', '\'']).parse().ok())
            .unwrap_or(0);
        orders.push(order);
    }
    orders
}
