//! `elementgen import`: hand-written Create Instance pages in, descriptors out.
//!
//! A page is read as markdown ([`markdown`]), its statements gathered with their lines
//! ([`facts`], JSON read leniently by [`json`]), and one descriptor per element drafted
//! from them ([`draft`]), written as commented YAML ([`yaml`]). A batch of pages is then
//! settled as a whole: an element shown by several pages is imported once, and every
//! draft is validated with the catalog it joins before anything is written.

pub mod draft;
pub mod facts;
pub mod html;
pub mod json;
pub mod markdown;
pub mod yaml;

use std::path::{Path, PathBuf};

use crate::check_sources;
use crate::diagnostics::{Diagnostic, Position, SourceText};
use crate::text::{self, TextKind};
use draft::{Draft, Note};

/// Pages larger than this are refused: real ones are a few kilobytes.
pub const MAX_PAGE_BYTES: usize = 1024 * 1024;

/// Reads the page at `path` for [`page`]: a regular file (a link to one is
/// followed, as the user named it) of at most [`MAX_PAGE_BYTES`]. A FIFO, a device
/// (`/dev/zero`) or a directory is refused before it is opened, so that reading never
/// blocks or runs out of memory, and a larger file is refused by its size.
pub fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a page is a markdown file, not a FIFO, a device or a directory)",
        ));
    }
    if meta.len() > MAX_PAGE_BYTES as u64 {
        return Err(std::io::Error::other(format!(
            "the page is {} bytes; pages larger than {MAX_PAGE_BYTES} bytes are not imported (a Create Instance page is a few kilobytes)",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    // Bounded even if the file grew since it was measured: `page` refuses the excess.
    std::fs::File::open(path)?
        .take(MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// One page imported: its drafts and what the user is told about it.
#[derive(Debug)]
pub struct Imported {
    /// One draft per element the page's request bodies name, the page's own first.
    pub drafts: Vec<Draft>,
    /// Warnings at lines of the page.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and drafts one page. An `Err` is the reason the page cannot be imported.
pub fn page(path: &Path, bytes: &[u8]) -> Result<Imported, Box<Diagnostic>> {
    let whole = |message: String| {
        let source = SourceText { path, text: "" };
        Box::new(Diagnostic::error(&source, Position::START, message))
    };
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(whole(format!(
            "the page is {} bytes; pages larger than {} bytes are not imported (a Create Instance page is a few kilobytes)",
            bytes.len(),
            MAX_PAGE_BYTES
        )));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(whole("the page is empty".to_string()));
    }
    if bytes.contains(&0) {
        return Err(whole(
            "the file holds NUL bytes: not a text page".to_string(),
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(whole("the file is not UTF-8 text: not a page".to_string()));
    };
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let source = SourceText { path, text: &text };
    // What descriptor text may not hold (a lone carriage return, U+2028, an escape
    // character...) is refused here, at its place in the page: it would reach the
    // draft's comments and values, where YAML reads some of it as a line break (and
    // what follows as descriptor fields) and refuses the rest.
    if let Some(refused) = text::first_refused(&text, TextKind::Prose) {
        return Err(Box::new(
            Diagnostic::error(
                &source,
                Position::at_byte(&text, refused.byte),
                format!("{refused} in the page: not imported"),
            )
            .label("refused character")
            .help("descriptor text cannot hold it, and the importer does not guess what the page meant by it: remove it from the page (line breaks are LF or CRLF)"),
        ));
    }
    // Mark the line's text, not its indentation, and not all of a long URL.
    let at = |note: &Note| {
        let line = source.line(note.line);
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        Position {
            line: note.line,
            column: indent + 1,
            len: (line.chars().count() - indent).clamp(1, 40),
        }
    };
    let page = markdown::read(&crate::emit::markdown::liquid_unraw(&text)).map_err(|e| {
        let note = Note {
            line: e.line,
            message: e.message,
        };
        Box::new(Diagnostic::error(&source, at(&note), note.message.clone()))
    })?;
    let facts = facts::read(&page);
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let drafts = draft::drafts(&facts, stem)
        .map_err(|note| Box::new(Diagnostic::error(&source, at(&note), note.message.clone())))?;
    let warnings = drafts
        .iter()
        .flat_map(|d| &d.notes)
        .map(|note| Diagnostic::warning(&source, at(note), note.message.clone()))
        .fold(Vec::new(), |mut all, d| {
            if !all.contains(&d) {
                all.push(d);
            }
            all
        });
    Ok(Imported { drafts, warnings })
}

/// A descriptor the batch will write.
#[derive(Debug)]
pub struct Output {
    /// `<dir>/<key>.yaml`.
    pub path: PathBuf,
    /// The descriptor's text.
    pub text: String,
    /// The page it was imported from.
    pub page: PathBuf,
}

/// The outcome of importing several pages into one descriptor directory.
#[derive(Debug, Default)]
pub struct Batch {
    /// Descriptors to write, in page order.
    pub outputs: Vec<Output>,
    /// Errors and warnings, page by page.
    pub diagnostics: Vec<Diagnostic>,
}

impl Batch {
    /// Whether any page or element failed.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Imports `pages` (path and bytes) into `dir`, whose current descriptors are
/// `existing` (path and bytes). With `force`, an existing descriptor of an imported
/// element is replaced; without, that element is an error. Writes nothing.
pub fn batch(
    dir: &Path,
    pages: Vec<(PathBuf, Vec<u8>)>,
    existing: Vec<(PathBuf, Vec<u8>)>,
    force: bool,
) -> Batch {
    let mut out = Batch::default();
    // Every draft with its page, in page order.
    let mut drafts: Vec<(Draft, PathBuf)> = Vec::new();
    for (path, bytes) in &pages {
        match page(path, bytes) {
            Ok(imported) => {
                out.diagnostics.extend(imported.warnings);
                drafts.extend(imported.drafts.into_iter().map(|d| (d, path.clone())));
            }
            Err(e) => out.diagnostics.push(*e),
        }
    }
    let shared = shared_pages(&drafts);
    let mut kept = one_per_key(drafts, &mut out.diagnostics);
    keep_shared_pages(&mut kept, &shared);
    let existing_keys: Vec<String> = existing
        .iter()
        .filter_map(|(p, _)| p.file_stem().and_then(|s| s.to_str()).map(String::from))
        .collect();
    let mut kept: Vec<(Draft, PathBuf)> = kept
        .into_iter()
        .filter(|(d, page)| {
            if existing_keys.contains(&d.key) && !force {
                out.diagnostics.push(page_error(
                    page,
                    format!(
                        "`{}` already exists; not overwritten (use `--force` to replace it)",
                        dir.join(format!("{}.yaml", d.key)).display()
                    ),
                ));
                false
            } else {
                true
            }
        })
        .collect();
    unique_element_ids(&mut kept, &existing, &mut out.diagnostics);
    // Validate the drafts with the catalog they join.
    let replaced: Vec<&str> = kept.iter().map(|(d, _)| d.key.as_str()).collect();
    let mut sources: Vec<(PathBuf, Vec<u8>)> = existing
        .into_iter()
        .filter(|(p, _)| {
            !p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| replaced.contains(&s))
        })
        .collect();
    let drafted: Vec<Output> = kept
        .iter()
        .map(|(d, page)| Output {
            path: dir.join(format!("{}.yaml", d.key)),
            text: d.text(),
            page: page.clone(),
        })
        .collect();
    sources.extend(
        drafted
            .iter()
            .map(|o| (o.path.clone(), o.text.clone().into_bytes())),
    );
    let checked = check_sources(sources);
    for output in drafted {
        let own: Vec<Diagnostic> = checked
            .diagnostics
            .iter()
            .filter(|d| d.file == output.path)
            .cloned()
            .collect();
        if own.iter().any(Diagnostic::is_error) {
            out.diagnostics.push(page_error(
                &output.page,
                format!(
                    "the descriptor drafted for `{}` does not validate, so it is not written; the errors follow",
                    output.path.display()
                ),
            ));
            out.diagnostics.extend(own);
        } else {
            out.outputs.push(output);
        }
    }
    out
}

fn page_error(page: &Path, message: String) -> Diagnostic {
    Diagnostic::error(
        &SourceText {
            path: page,
            text: "",
        },
        Position::START,
        message,
    )
}

/// The pages of a batch that show elements, by page: its name, its heading and the
/// keys it shows (its own first).
struct PageShows {
    path: PathBuf,
    heading: Option<String>,
    keys: Vec<String>,
    /// A generated second page of an element: its `also_on` entry as it says it.
    second_page: Option<yaml::Node>,
}

fn shared_pages(drafts: &[(Draft, PathBuf)]) -> Vec<PageShows> {
    let mut pages: Vec<PageShows> = Vec::new();
    for (draft, path) in drafts {
        match pages.iter_mut().find(|p| &p.path == path) {
            Some(p) => p.keys.push(draft.key.clone()),
            None => pages.push(PageShows {
                path: path.clone(),
                heading: draft.heading.clone(),
                keys: vec![draft.key.clone()],
                second_page: draft.second_page.clone(),
            }),
        }
    }
    pages
}

/// A page that is no kept element's own page stays a page of the elements it shows
/// (`docs.also_on`): a second page of one element (its URL kept), or a page several
/// share, under its heading.
fn keep_shared_pages(kept: &mut [(Draft, PathBuf)], pages: &[PageShows]) {
    for page in pages {
        if kept.iter().any(|(d, p)| p == &page.path && d.primary) {
            continue;
        }
        let Some(stem) = page
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| crate::resolve::is_valid_key(s))
        else {
            continue;
        };
        let heading = page.heading.as_deref().filter(|_| page.keys.len() > 1);
        let from = page.path.display().to_string();
        for key in &page.keys {
            if let Some((draft, _)) = kept.iter_mut().find(|(d, _)| &d.key == key) {
                match &page.second_page {
                    Some(entry) => draft.also_on_entry(entry.clone(), &from),
                    None => draft.also_on(stem, heading, &from),
                }
            }
        }
    }
}

/// Keeps one draft per element key: the page's own element over another page's
/// aside, then one with an element id, then the first page given.
fn one_per_key(
    drafts: Vec<(Draft, PathBuf)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Draft, PathBuf)> {
    // A second page of an element ranks below its own page.
    let rank = |d: &Draft| (!d.primary, d.second_page.is_some(), d.element_id.is_none());
    let mut kept: Vec<(Draft, PathBuf)> = Vec::new();
    for (draft, page) in drafts {
        match kept.iter().position(|(k, _)| k.key == draft.key) {
            None => kept.push((draft, page)),
            Some(i) => {
                let loser_primary = draft.primary && kept[i].0.primary;
                let (loser_page, winner_page) = if rank(&draft) < rank(&kept[i].0) {
                    let old = std::mem::replace(&mut kept[i], (draft, page.clone()));
                    (old.1, page)
                } else {
                    (page, kept[i].1.clone())
                };
                let key = &kept[i].0.key;
                // Another element's aside on a page is expected; a second page of
                // the same element is a duplicate worth saying.
                if !loser_primary {
                    continue;
                }
                diagnostics.push(Diagnostic::warning(
                    &SourceText { path: &loser_page, text: "" },
                    Position::START,
                    format!(
                        "element `{key}` is also imported from `{}`; this page's copy is left out (one descriptor per element), and the descriptor keeps the page as `docs.also_on`",
                        winner_page.display()
                    ),
                ));
            }
        }
    }
    kept
}

/// An element id names one element: a later draft with an id the catalog or an
/// earlier draft already has loses it.
fn unique_element_ids(
    kept: &mut [(Draft, PathBuf)],
    existing: &[(PathBuf, Vec<u8>)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let replaced: Vec<String> = kept.iter().map(|(d, _)| d.key.clone()).collect();
    let mut taken: Vec<(u64, String)> = existing
        .iter()
        .filter_map(|(p, bytes)| {
            let stem = p.file_stem()?.to_str()?.to_string();
            if replaced.contains(&stem) {
                return None;
            }
            // Read as the loader reads it (a descriptor that does not load is
            // reported by the validation of the whole catalog that follows).
            let parsed = crate::load::from_bytes(p, bytes.clone()).ok()?;
            Some((parsed.descriptor.element_id?.value, stem))
        })
        .collect();
    for (draft, page) in kept.iter_mut() {
        let Some(id) = draft.element_id else { continue };
        if let Some((_, owner)) = taken.iter().find(|(t, _)| *t == id) {
            let why = format!("element id {id} is already `{owner}`'s");
            diagnostics.push(Diagnostic::warning(
                &SourceText {
                    path: page,
                    text: "",
                },
                Position::START,
                format!("{why}; `{}` is imported without one", draft.key),
            ));
            draft.drop_element_id(&why);
        } else {
            taken.push((id, draft.key.clone()));
        }
    }
}
