//! Publishing the guide pages into a checkout of the portal's Jekyll site: each
//! element's page at its portal path (`docs.portal_path`, by default
//! `docs/elements/<page>/<page>-create-instance.md`, among the element's other pages,
//! which the portal's layout shows as tabs), each page of `docs.also_on` at its own,
//! and the include every page ends with in `_includes/`.
//!
//! Unlike `generate`, which owns its output directory, `publish` writes into a site
//! that people edit: it replaces exactly the files it publishes (the hand-written
//! Create Instance page at a page's path is the one it supersedes), writes nothing
//! else, removes nothing and keeps no manifest there. Everything is checked before
//! the first write: a path that is not a page path of the site, two elements on one
//! path (both refused by `validate`), or a symbolic link or non-directory on the way
//! to a page (writing through it would leave the site).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::docs::{self, TemplateError, Templates};
use crate::model::Catalog;
use crate::resolve::is_valid_portal_path;
use crate::write::{self, Change, Stale};

/// The file a portal's Jekyll site has at its root.
pub const SITE_CONFIG: &str = "_config.yml";

/// The files to publish into one portal site.
#[derive(Clone, Debug)]
pub struct Publication {
    /// The site's root.
    pub portal: PathBuf,
    /// Path relative to the root (`/`-separated) to content: every element's page and
    /// the include.
    pub files: BTreeMap<String, String>,
}

/// Why a catalog cannot be published into a site.
#[derive(Debug)]
pub enum PublishError {
    /// A template failed to render.
    Template(TemplateError),
    /// The site or a path in it is not what publishing needs; nothing was written.
    Site(String),
    /// Reading or writing failed.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Template(e) => write!(f, "{e}"),
            PublishError::Site(message) => write!(f, "{message}"),
            PublishError::Io(path, e) => write!(
                f,
                "cannot write into `{}`: {e}",
                crate::escape::terminal(&path.display().to_string())
            ),
        }
    }
}

impl std::error::Error for PublishError {}

impl Publication {
    /// The pages of `catalog` and the include, rendered with `templates`, for the
    /// site at `portal`.
    pub fn new(
        catalog: &Catalog,
        templates: &Templates,
        portal: &Path,
    ) -> Result<Publication, PublishError> {
        let mut files = BTreeMap::new();
        for element in &catalog.elements {
            let path = &element.page.portal_path;
            // `validate` refuses both; a catalog built by other means is checked too,
            // since a bad path here would write outside the site.
            if !is_valid_portal_path(path) {
                return Err(PublishError::Site(format!(
                    "`{}`: `{}` is not a page path in the portal's site",
                    element.key,
                    crate::escape::terminal(path)
                )));
            }
            let page = templates.page(element).map_err(PublishError::Template)?;
            if files
                .insert(path.to_ascii_lowercase(), (path.clone(), page))
                .is_some()
            {
                return Err(PublishError::Site(format!(
                    "two elements publish at `{path}`"
                )));
            }
        }
        for page in &catalog.pages {
            let path = &page.portal_path;
            if !is_valid_portal_path(path) {
                return Err(PublishError::Site(format!(
                    "page `{}`: `{}` is not a page path in the portal's site",
                    page.slug,
                    crate::escape::terminal(path)
                )));
            }
            let text = templates
                .shared_page(page, catalog)
                .map_err(PublishError::Template)?;
            if files
                .insert(path.to_ascii_lowercase(), (path.clone(), text))
                .is_some()
            {
                return Err(PublishError::Site(format!("two pages publish at `{path}`")));
            }
        }
        let mut files: BTreeMap<String, String> = files.into_values().collect();
        files.insert(
            docs::INCLUDE.to_string(),
            templates.include().map_err(PublishError::Template)?,
        );
        Ok(Publication {
            portal: portal.to_path_buf(),
            files,
        })
    }

    /// Refuses a site that is not one, and a path whose way from the root crosses
    /// a symbolic link or something other than a directory.
    fn preflight(&self) -> Result<(), PublishError> {
        let config = self.portal.join(SITE_CONFIG);
        if !std::fs::symlink_metadata(&config).is_ok_and(|m| m.is_file()) {
            return Err(PublishError::Site(format!(
                "`{}` is not a Jekyll site: it has no `{SITE_CONFIG}` (give the root of a checkout of the portal's site)",
                crate::escape::terminal(&self.portal.display().to_string())
            )));
        }
        for name in self.files.keys() {
            let mut dir = self.portal.clone();
            let segments: Vec<&str> = name.split('/').collect();
            for segment in &segments[..segments.len() - 1] {
                dir.push(segment);
                match std::fs::symlink_metadata(&dir) {
                    Ok(meta) if meta.is_dir() => {}
                    Ok(_) => {
                        return Err(PublishError::Site(format!(
                            "`{}` is a symbolic link or not a directory, on the way to `{name}`; elementgen never writes through links: move it away (nothing was written)",
                            crate::escape::terminal(&dir.display().to_string())
                        )));
                    }
                    // Created when the page is written.
                    Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                    Err(e) => return Err(PublishError::Io(dir, e)),
                }
            }
        }
        Ok(())
    }

    /// Writes every file whose content differs; returns what it did, by path.
    pub fn sync(&self) -> Result<Vec<Change>, PublishError> {
        // Every target is looked at before the first write: a link or a directory
        // where a page belongs fails the run with nothing written.
        let stale = self.check()?;
        let mut changes = Vec::new();
        for Stale { path, expected, .. } in stale {
            let contents = expected.unwrap_or_default();
            match write::write_if_changed(&path, &contents) {
                Ok(change) => changes.extend(change),
                Err(e) => return Err(PublishError::Io(path, e)),
            }
        }
        Ok(changes)
    }

    /// The files whose content on disk is not what would be published, writing
    /// nothing.
    pub fn check(&self) -> Result<Vec<Stale>, PublishError> {
        self.preflight()?;
        let mut stale = Vec::new();
        for (name, contents) in &self.files {
            let path = self.portal.join(name);
            match write::stale(&path, contents) {
                Ok(found) => stale.extend(found),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(PublishError::Site(format!("{e} (nothing was written)")));
                }
                Err(e) => return Err(PublishError::Io(path, e)),
            }
        }
        Ok(stale)
    }
}
