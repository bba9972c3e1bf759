//! Putting generated files on disk: atomically, only when their content changed, and
//! in check mode not at all (reporting what is stale instead).
//!
//! Unchanged files keep their mtime, so tools watching them (cargo, Jekyll) see
//! nothing to do on a second run.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// What a write did to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The file did not exist.
    Created(PathBuf),
    /// The file's content was different.
    Updated(PathBuf),
    /// A file generated earlier that is no longer generated.
    Removed(PathBuf),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Created(p) => write!(f, "created {}", p.display()),
            Change::Updated(p) => write!(f, "updated {}", p.display()),
            Change::Removed(p) => write!(f, "removed {}", p.display()),
        }
    }
}

/// A file whose content on disk differs from what would be generated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    /// The file.
    pub path: PathBuf,
    /// What it should contain; `None` when it should not exist.
    pub expected: Option<String>,
    /// What it contains; `None` when it is missing.
    pub actual: Option<String>,
}

/// Writes `contents` to `path` unless the file already holds exactly that. The write
/// goes to a temporary file in the same directory, renamed over the target, so that
/// a reader never sees half a file.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<Option<Change>> {
    let existing = read_if_exists(path)?;
    if existing.as_deref() == Some(contents) {
        return Ok(None);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    write_atomic(path, contents.as_bytes())?;
    Ok(Some(match existing {
        Some(_) => Change::Updated(path.to_path_buf()),
        None => Change::Created(path.to_path_buf()),
    }))
}

fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Compares `path` with `contents` without writing.
pub fn stale(path: &Path, contents: &str) -> io::Result<Option<Stale>> {
    let actual = read_if_exists(path)?;
    Ok((actual.as_deref() != Some(contents)).then(|| Stale {
        path: path.to_path_buf(),
        expected: Some(contents.to_string()),
        actual,
    }))
}

/// The files a generator owns in one directory: their names and contents, and the
/// marker its files carry, by which files it generated earlier are recognised.
#[derive(Clone, Debug)]
pub struct FileSet {
    /// The directory.
    pub dir: PathBuf,
    /// File name to content.
    pub files: BTreeMap<String, String>,
    /// Text every generated file contains and no hand-written one does; files of the
    /// directory that carry it but are no longer generated are leftovers to remove.
    /// `None` when the directory also holds files of others (the catalog directory).
    pub marker: Option<String>,
}

impl FileSet {
    /// Files in the directory that carry the marker but are no longer generated.
    fn leftovers(&self) -> io::Result<Vec<(PathBuf, String)>> {
        let Some(marker) = &self.marker else {
            return Ok(Vec::new());
        };
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        for entry in entries {
            let path = entry?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if self.files.contains_key(name) || !path.is_file() {
                continue;
            }
            if let Some(text) = read_if_exists(&path)?
                && text.contains(marker.as_str())
            {
                out.push((path, text));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Writes what changed and removes leftovers; returns what it did, sorted by path.
    pub fn sync(&self) -> io::Result<Vec<Change>> {
        let mut changes = Vec::new();
        for (name, contents) in &self.files {
            changes.extend(write_if_changed(&self.dir.join(name), contents)?);
        }
        for (path, _) in self.leftovers()? {
            fs::remove_file(&path)?;
            changes.push(Change::Removed(path));
        }
        changes.sort_by(|a, b| change_path(a).cmp(change_path(b)));
        Ok(changes)
    }

    /// What `sync` would change, without writing anything.
    pub fn check(&self) -> io::Result<Vec<Stale>> {
        let mut out = Vec::new();
        for (name, contents) in &self.files {
            out.extend(stale(&self.dir.join(name), contents)?);
        }
        for (path, text) in self.leftovers()? {
            out.push(Stale {
                path,
                expected: None,
                actual: Some(text),
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

fn change_path(c: &Change) -> &Path {
    match c {
        Change::Created(p) | Change::Updated(p) | Change::Removed(p) => p,
    }
}

/// A unified diff from what is on disk to what would be generated.
#[cfg(feature = "docs")]
pub fn unified_diff(stale: &Stale) -> String {
    let path = stale.path.display().to_string();
    let old = stale.actual.as_deref().unwrap_or("");
    let new = stale.expected.as_deref().unwrap_or("");
    let old_name = if stale.actual.is_some() {
        format!("a/{path}")
    } else {
        "/dev/null".into()
    };
    let new_name = if stale.expected.is_some() {
        format!("b/{path}")
    } else {
        "/dev/null".into()
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&old_name, &new_name)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_when_changed_and_keeps_mtime() {
        let dir = std::env::temp_dir().join(format!("elementgen-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let path = dir.join("sub/a.txt");
        assert_eq!(
            write_if_changed(&path, "one").unwrap(),
            Some(Change::Created(path.clone()))
        );
        let mtime = fs::metadata(&path).unwrap().modified().unwrap();
        assert_eq!(write_if_changed(&path, "one").unwrap(), None);
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        assert_eq!(
            write_if_changed(&path, "two").unwrap(),
            Some(Change::Updated(path.clone()))
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("a.txt")],
            "no temporary file is left behind"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn file_set_removes_only_its_own_leftovers() {
        let dir = std::env::temp_dir().join(format!("elementgen-set-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("old.md"), "x GENERATED x").unwrap();
        fs::write(dir.join("README.md"), "hand-written").unwrap();
        let set = FileSet {
            dir: dir.clone(),
            files: BTreeMap::from([("new.md".to_string(), "GENERATED new".to_string())]),
            marker: Some("GENERATED".into()),
        };
        let stale: Vec<_> = set
            .check()
            .unwrap()
            .into_iter()
            .map(|s| (s.path, s.expected.is_some(), s.actual.is_some()))
            .collect();
        assert_eq!(
            stale,
            vec![
                (dir.join("new.md"), true, false),
                (dir.join("old.md"), false, true)
            ]
        );
        assert_eq!(
            set.sync().unwrap(),
            vec![
                Change::Created(dir.join("new.md")),
                Change::Removed(dir.join("old.md"))
            ]
        );
        assert!(set.check().unwrap().is_empty());
        assert_eq!(
            fs::read_to_string(dir.join("README.md")).unwrap(),
            "hand-written"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
