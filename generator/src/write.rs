//! Putting generated files on disk: atomically, only when their content changed, and
//! in check mode not at all (reporting what is stale instead).
//!
//! Unchanged files keep their mtime, so tools watching them (cargo, Jekyll) see
//! nothing to do on a second run.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
///
/// It is not synced to disk: a generated file can always be made again from the
/// descriptors (`check` says when one is not what it should be), and a sync per file
/// cost a 1,000-element catalog 4 s of its first `generate` against 0.6 s without.
pub fn write_if_changed(path: &Path, contents: &str) -> io::Result<Option<Change>> {
    write_if_changed_with(path, contents, false)
}

/// [`write_if_changed`], synced to disk when `durable`.
fn write_if_changed_with(path: &Path, contents: &str, durable: bool) -> io::Result<Option<Change>> {
    let existing = read_if_exists(path, contents.len())?;
    if existing.as_deref() == Some(contents) {
        return Ok(None);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    write_atomic(path, contents.as_bytes(), durable)?;
    Ok(Some(match existing {
        Some(_) => Change::Updated(path.to_path_buf()),
        None => Change::Created(path.to_path_buf()),
    }))
}

/// Writes `bytes` to a temporary file beside `path` and renames it over `path`. The
/// temporary name is unique to this process and call, so concurrent writers (two
/// `generate` runs, parallel build scripts) never touch each other's files.
/// Synced to disk first when `durable`.
fn write_atomic(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let tmp = temp_beside(path);
    let result = write_new(&tmp, bytes, durable).and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Creates `path` with `bytes`, failing with `AlreadyExists` when it exists: the file
/// appears whole or not at all (written beside it, synced, then hard-linked into
/// place, which refuses to replace), so a failed write never leaves a partial file
/// that blocks a retry. For what cannot be made again (descriptors `new` and `import`
/// write), hence the sync.
pub fn create_new_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_beside(path);
    let result = write_new(&tmp, bytes, true).and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    result
}

/// The file a temporary name of [`temp_beside`] is for: `name` of
/// `.<name>.<pid>.<n>.tmp`.
fn temp_target(file: &str) -> Option<&str> {
    let rest = file.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, n) = rest.rsplit_once('.')?;
    let (name, pid) = rest.rsplit_once('.')?;
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (number(n) && number(pid) && !name.is_empty()).then_some(name)
}

/// A temporary name beside `path`, unique to this process and call.
fn temp_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

/// Creates the new file `tmp` with `bytes`, synced to disk when `sync`.
fn write_new(tmp: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    file.write_all(bytes)?;
    if sync {
        file.sync_all()?;
    }
    Ok(())
}

/// The content of `path`, or `None` when it does not exist. A file whose size differs
/// from `expected_len` is different without being read (a stray 1 GiB file costs
/// nothing); such a file reads as the placeholder text below. Only a regular file is
/// read: a symbolic link or another kind of file where a generated file belongs is
/// an error, never followed (`check` would print what a link points to, say
/// `/proc/self/environ`, as a diff in a CI log).
fn read_if_exists(path: &Path, expected_len: usize) -> io::Result<Option<String>> {
    let Some(mut file) = open_regular(path)? else {
        return Ok(None);
    };
    let len = file.metadata()?.len();
    if len != expected_len as u64 && len > MAX_DIFF_BYTES {
        return Ok(Some(format!("(a file of {len} bytes, not shown)\n")));
    }
    // At most the size measured (at most the limit, or the expected content's size),
    // and one byte more: a file that grew since reads as different.
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(&mut file, len + 1), &mut bytes)?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// The text of `path`, a file elementgen reads back beside what it writes (a
/// manifest, the client's `Cargo.toml`), or `None` when nothing is there. Like its
/// outputs, it must be a regular file (a link is an error naming it, never followed)
/// of at most the size a diff shows.
pub fn read_regular(path: &Path) -> io::Result<Option<String>> {
    let Some(mut file) = open_regular(path)? else {
        return Ok(None);
    };
    let len = file.metadata()?.len();
    if len > MAX_DIFF_BYTES {
        return Err(io::Error::other(format!(
            "`{}` is {len} bytes, larger than any file elementgen reads back; move it away",
            crate::escape::terminal(&path.display().to_string())
        )));
    }
    let mut text = String::new();
    io::Read::read_to_string(&mut io::Read::take(&mut file, len + 1), &mut text)?;
    Ok(Some(text))
}

/// Opens `path` for reading if it is a regular file, `None` if nothing is there. A
/// symbolic link (followed by no one here) or a directory, FIFO or device is an
/// error naming it. The file opened is checked to be the one looked at, so that a
/// link swapped in between is not followed either.
fn open_regular(path: &Path) -> io::Result<Option<fs::File>> {
    open_regular_with(path, fs::OpenOptions::new().read(true))
}

/// [`open_regular`] with `options` (which must not create the file: a create would
/// follow a link swapped in since it was looked at).
fn open_regular_with(path: &Path, options: &fs::OpenOptions) -> io::Result<Option<fs::File>> {
    let seen = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !seen.file_type().is_file() {
        return Err(not_a_regular_file(path));
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if !same_file(&seen, &file.metadata()?) {
        return Err(not_a_regular_file(path));
    }
    Ok(Some(file))
}

/// Whether two metadata describe one file (on Unix: device and inode).
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        a.file_type().is_file() && b.file_type().is_file() && a.len() == b.len()
    }
}

fn not_a_regular_file(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "`{}` is a symbolic link or not a regular file; elementgen reads and writes only regular files in its output directories: move it away",
            crate::escape::terminal(&path.display().to_string())
        ),
    )
}

/// Files larger than this are not read for a diff: generated files are far smaller.
const MAX_DIFF_BYTES: u64 = 4 * 1024 * 1024;

/// Compares `path` with `contents` without writing.
pub fn stale(path: &Path, contents: &str) -> io::Result<Option<Stale>> {
    let actual = read_if_exists(path, contents.len())?;
    Ok((actual.as_deref() != Some(contents)).then(|| Stale {
        path: path.to_path_buf(),
        expected: Some(contents.to_string()),
        actual,
    }))
}

/// The content of a generated file: text already made, or made when it is written
/// (and dropped right after), so that a set of thousands of files never holds them
/// all in memory.
pub trait Contents: Sync {
    /// The file's text.
    fn contents(&self) -> Cow<'_, str>;
}

impl Contents for String {
    fn contents(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

/// A manifest recording `names` as written by elementgen.
fn manifest_text<'a>(names: impl Iterator<Item = &'a String>) -> String {
    let mut text = String::from(
        "# Files elementgen generated in this directory: the only ones it overwrites or removes.\n",
    );
    for name in names {
        text.push_str(name);
        text.push('\n');
    }
    text
}

/// Name of the lock file `FileSet::sync` holds in its directory while it works.
pub const LOCK_FILE: &str = ".elementgen.lock";

/// The files a generator owns in one directory: their names and contents, and the
/// manifest that records which files of the directory it wrote.
///
/// Only files named in the manifest are ever overwritten or removed: a file of the
/// directory that the generator did not write is never touched, whatever it contains,
/// and a generated name that such a file already holds is an error.
#[derive(Clone, Debug)]
pub struct FileSet<C = String> {
    /// The directory.
    pub dir: PathBuf,
    /// File name to content. Names are plain file names, or such names joined by
    /// `/` for a file in a subdirectory.
    pub files: BTreeMap<String, C>,
    /// File name of the manifest in `dir`; `None` for a set that shares a directory
    /// with files of others and never removes anything (the schema beside the
    /// descriptors), whose files are its own by convention.
    pub manifest: Option<String>,
    /// Sync each written file to disk: for a file that cannot be made again from the
    /// descriptors alone (the client's `Cargo.toml`, mostly hand-written).
    pub durable: bool,
}

impl<C: Contents> FileSet<C> {
    fn manifest_path(&self) -> Option<PathBuf> {
        self.manifest.as_ref().map(|m| self.dir.join(m))
    }

    /// The names the manifest records: what an earlier run wrote. Names that are not
    /// plain file names are ignored, so that an edited manifest cannot point outside
    /// the directory.
    fn owned(&self) -> io::Result<BTreeSet<String>> {
        let Some(path) = self.manifest_path() else {
            return Ok(self.files.keys().cloned().collect());
        };
        let Some(text) = read_regular(&path)? else {
            return Ok(BTreeSet::new());
        };
        Ok(text
            .lines()
            .filter(|l| !l.starts_with('#') && is_plain_name(l))
            .map(str::to_string)
            .collect())
    }

    /// The manifest's content after this set is written.
    fn manifest_text(&self) -> String {
        manifest_text(self.files.keys())
    }

    /// Generated names that a file the generator did not write already holds; a
    /// subdirectory that is a symbolic link (writing through it would leave `dir`);
    /// and a symbolic link or other non-regular file where a generated file, an
    /// earlier one or the manifest belongs, even one the manifest lists: it is never
    /// read or written through.
    fn conflicts(&self, owned: &BTreeSet<String>) -> io::Result<Vec<Conflict>> {
        let mut out = Vec::new();
        for subdirectory in SUBDIRECTORIES.iter().map(|s| self.dir.join(s)) {
            if fs::symlink_metadata(&subdirectory).is_ok_and(|m| m.file_type().is_symlink()) {
                out.push(Conflict::Link(subdirectory));
            }
        }
        let names = self.files.keys().chain(owned).chain(&self.manifest);
        for name in names.collect::<BTreeSet<_>>() {
            let path = self.dir.join(name);
            let regular = match fs::symlink_metadata(&path) {
                Ok(meta) => meta.file_type().is_file(),
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let generated = owned.contains(name) || self.manifest.as_ref() == Some(name);
            if !regular {
                out.push(Conflict::Link(path));
            } else if !generated {
                out.push(Conflict::NotOurs(path));
            }
        }
        Ok(out)
    }

    fn conflict_error(conflicts: &[Conflict]) -> io::Error {
        // The paths of one kind of conflict, quoted for a terminal.
        let named = |links: bool| -> Vec<String> {
            conflicts
                .iter()
                .filter(|c| matches!(c, Conflict::Link(_)) == links)
                .map(|c| {
                    format!(
                        "`{}`",
                        crate::escape::terminal(&c.path().display().to_string())
                    )
                })
                .collect()
        };
        let mut sentences = Vec::new();
        let not_ours = named(false);
        if !not_ours.is_empty() {
            let one = not_ours.len() == 1;
            sentences.push(format!(
                "{} already exist{} and elementgen did not write {}",
                not_ours.join(", "),
                if one { "s" } else { "" },
                if one { "it" } else { "them" },
            ));
        }
        let links = named(true);
        if !links.is_empty() {
            sentences.push(format!(
                "{} {} a symbolic link or not a regular file, which elementgen never reads or writes through",
                links.join(", "),
                if links.len() == 1 { "is" } else { "are" },
            ));
        }
        // `AlreadyExists`: something is where a generated file belongs; `check`
        // reports it as output that is not what it should be.
        io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{}; move {} away (nothing was written)",
                sentences.join("; "),
                if conflicts.len() == 1 { "it" } else { "them" },
            ),
        )
    }

    /// Files recorded as generated earlier that are no longer generated.
    fn leftovers(&self, owned: &BTreeSet<String>) -> Vec<PathBuf> {
        owned
            .iter()
            .filter(|name| !self.files.contains_key(*name))
            .map(|name| self.dir.join(name))
            .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()))
            .collect()
    }

    /// Writes what changed, removes the files it wrote earlier that are no longer
    /// generated, and records what it wrote; returns what it did, sorted by path.
    /// Concurrent runs on the same directory take turns (a lock file in it).
    pub fn sync(&self) -> io::Result<Vec<Change>> {
        fs::create_dir_all(&self.dir)?;
        let _lock = match &self.manifest {
            Some(_) => Some(lock(&self.dir)?),
            None => None,
        };
        let owned = self.owned()?;
        let conflicts = self.conflicts(&owned)?;
        if !conflicts.is_empty() {
            return Err(Self::conflict_error(&conflicts));
        }
        if let Some(path) = self.manifest_path() {
            // Under the lock, a temporary file of ours is a killed run's.
            self.remove_stale_temps(&owned)?;
            // The intent, before any file is written: every file this run may leave
            // behind. A run killed part-way leaves only files its manifest lists, so
            // the next run takes them for its own rather than refusing them as
            // hand-written.
            let intent: BTreeSet<&String> = owned.iter().chain(self.files.keys()).collect();
            write_if_changed(&path, &manifest_text(intent.into_iter()))?;
        }
        let files: Vec<(&String, &C)> = self.files.iter().collect();
        let written = crate::parallel::map(&files, |(name, contents)| {
            write_if_changed_with(&self.dir.join(name), &contents.contents(), self.durable)
        });
        let mut changes = Vec::new();
        let mut first_error = None;
        let mut owned_now = owned.clone();
        for ((name, _), result) in files.iter().zip(written) {
            match result {
                Ok(change) => {
                    owned_now.insert((*name).clone());
                    changes.extend(change);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_error {
            // The manifest of intent also lists the files whose write failed: narrow
            // it to what is ours, so that a hand-written file made there later is
            // still refused rather than overwritten.
            if let Some(path) = self.manifest_path() {
                write_if_changed(&path, &manifest_text(owned_now.iter()))?;
            }
            return Err(e);
        }
        for path in self.leftovers(&owned) {
            match fs::remove_file(&path) {
                Ok(()) => changes.push(Change::Removed(path)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        if let Some(path) = self.manifest_path() {
            write_if_changed(&path, &self.manifest_text())?;
        }
        changes.sort_by(|a, b| change_path(a).cmp(change_path(b)));
        Ok(changes)
    }

    /// Removes the temporary files a run killed while writing left beside the files
    /// of this set (their names are [`temp_beside`]'s). Called under the lock, when
    /// no other run is writing them.
    fn remove_stale_temps(&self, owned: &BTreeSet<String>) -> io::Result<()> {
        let ours: BTreeSet<&str> = owned
            .iter()
            .chain(self.files.keys())
            .chain(&self.manifest)
            .map(String::as_str)
            .collect();
        let dirs = std::iter::once(("", self.dir.clone()))
            .chain(SUBDIRECTORIES.iter().map(|s| (*s, self.dir.join(s))));
        for (prefix, dir) in dirs {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let entry = entry?;
                let Some(target) = entry.file_name().to_str().and_then(temp_target).map(|t| {
                    if prefix.is_empty() {
                        t.to_string()
                    } else {
                        [prefix, "/", t].concat()
                    }
                }) else {
                    continue;
                };
                if ours.contains(target.as_str()) && entry.file_type()?.is_file() {
                    match fs::remove_file(entry.path()) {
                        Ok(()) => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        Ok(())
    }

    /// What `sync` would change, without writing anything. A generated name held by
    /// a file the generator did not write is an error, as in `sync`.
    pub fn check(&self) -> io::Result<Vec<Stale>> {
        let owned = self.owned()?;
        let conflicts = self.conflicts(&owned)?;
        if !conflicts.is_empty() {
            return Err(Self::conflict_error(&conflicts));
        }
        let files: Vec<(&String, &C)> = self.files.iter().collect();
        let compared = crate::parallel::map(&files, |(name, contents)| {
            stale(&self.dir.join(name), &contents.contents())
        });
        let mut out = Vec::new();
        for s in compared {
            out.extend(s?);
        }
        for path in self.leftovers(&owned) {
            out.push(Stale {
                actual: read_if_exists(&path, 0)?,
                path,
                expected: None,
            });
        }
        if let Some(path) = self.manifest_path() {
            out.extend(stale(&path, &self.manifest_text())?);
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }
}

/// A path where a generated file cannot go.
enum Conflict {
    /// A file the generator did not write.
    NotOurs(PathBuf),
    /// A symbolic link (to a file or a subdirectory) or a non-regular file.
    Link(PathBuf),
}

impl Conflict {
    fn path(&self) -> &Path {
        match self {
            Conflict::NotOurs(p) | Conflict::Link(p) => p,
        }
    }
}

/// The subdirectories a file set may write into: the pages' Jekyll includes, the
/// Rust client's element files.
pub const SUBDIRECTORIES: &[&str] = &["_includes", "elements"];

/// A name inside the directory: a plain file name (not `.` or `..`, one line of text),
/// or one in one of [`SUBDIRECTORIES`], so that a name can never point outside.
fn is_plain_name(name: &str) -> bool {
    let file = SUBDIRECTORIES
        .iter()
        .find_map(|s| name.strip_prefix(s).and_then(|rest| rest.strip_prefix('/')))
        .unwrap_or(name);
    !file.is_empty()
        && file != "."
        && file != ".."
        && !file.contains(['/', '\\'])
        && crate::text::first_refused(file, crate::text::TextKind::Line).is_none()
}

/// Takes the directory's lock file, waiting for another run that holds it. The file
/// is created only where nothing is (`create_new` does not follow a link), and an
/// existing one is opened only if it is a regular file: a link planted in its place
/// would have a run create or truncate files outside the directory.
fn lock(dir: &Path) -> io::Result<fs::File> {
    let path = dir.join(LOCK_FILE);
    let file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            open_regular_with(&path, fs::OpenOptions::new().write(true))?
                .ok_or_else(|| not_a_regular_file(&path))?
        }
        Err(e) => return Err(e),
    };
    file.lock()?;
    Ok(file)
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
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&old_name, &new_name)
        .to_string();
    // What is on disk can be anything: shown as text a terminal does not act on,
    // and no more of it than a reader can use.
    let mut out = String::new();
    let mut lines = crate::text::lines(&diff);
    for line in lines.by_ref().take(MAX_DIFF_LINES) {
        out.push_str(&crate::escape::terminal(line));
        out.push('\n');
    }
    let more = lines.count();
    if more > 0 {
        out.push_str(&format!("... {more} more lines of diff not shown\n"));
    }
    out
}

/// Lines of a diff [`unified_diff`] shows per file.
#[cfg(feature = "docs")]
pub const MAX_DIFF_LINES: usize = 200;

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

    fn set(dir: &Path, files: &[(&str, &str)]) -> FileSet {
        FileSet {
            dir: dir.to_path_buf(),
            files: files
                .iter()
                .map(|(n, c)| (n.to_string(), c.to_string()))
                .collect(),
            manifest: Some(".manifest".into()),
            durable: false,
        }
    }

    #[test]
    fn file_set_removes_only_what_it_wrote() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Hand-written files, one quoting what generated files say.
        fs::write(dir.join("NOTES.md"), "generated by elementgen").unwrap();
        fs::write(dir.join("README.md"), "hand-written").unwrap();
        let first = set(dir, &[("a.md", "A"), ("b.md", "B")]);
        assert_eq!(
            first.sync().unwrap(),
            vec![
                Change::Created(dir.join("a.md")),
                Change::Created(dir.join("b.md"))
            ]
        );
        let second = set(dir, &[("a.md", "A2")]);
        let stale: Vec<_> = second
            .check()
            .unwrap()
            .into_iter()
            .map(|s| (s.path, s.expected.is_some(), s.actual.is_some()))
            .collect();
        assert_eq!(
            stale,
            vec![
                (dir.join(".manifest"), true, true),
                (dir.join("a.md"), true, true),
                (dir.join("b.md"), false, true)
            ]
        );
        assert_eq!(
            second.sync().unwrap(),
            vec![
                Change::Updated(dir.join("a.md")),
                Change::Removed(dir.join("b.md"))
            ]
        );
        assert!(second.check().unwrap().is_empty());
        assert_eq!(
            fs::read_to_string(dir.join(".manifest")).unwrap(),
            "# Files elementgen generated in this directory: the only ones it overwrites or removes.\na.md\n"
        );
        assert_eq!(
            fs::read_to_string(dir.join("NOTES.md")).unwrap(),
            "generated by elementgen"
        );
        assert_eq!(
            fs::read_to_string(dir.join("README.md")).unwrap(),
            "hand-written"
        );
    }

    /// A run killed while writing leaves its manifest of intent, some files and
    /// temporary files: the next run takes the files for its own, removes the
    /// temporary ones (its own set's only) and what is no longer generated.
    #[test]
    fn a_run_killed_while_writing_is_finished_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        set(dir, &[("old.md", "O")]).sync().unwrap();
        // What a run of {a, b, _includes/c} killed after writing `a.md` leaves.
        fs::write(
            dir.join(".manifest"),
            manifest_text(
                ["_includes/c.md", "a.md", "b.md", "old.md"]
                    .map(String::from)
                    .iter(),
            ),
        )
        .unwrap();
        fs::write(dir.join("a.md"), "A").unwrap();
        fs::create_dir_all(dir.join("_includes")).unwrap();
        for temp in [
            ".b.md.4242.0.tmp",
            "_includes/.c.md.4242.1.tmp",
            "..manifest.4242.2.tmp",
        ] {
            fs::write(dir.join(temp), "half").unwrap();
        }
        // Not temporary files of this set: kept.
        fs::write(dir.join(".notes.md.1.2.tmp"), "someone's").unwrap();
        fs::write(dir.join(".b.md.x.0.tmp"), "someone's").unwrap();
        let next = set(
            dir,
            &[("a.md", "A"), ("b.md", "B"), ("_includes/c.md", "C")],
        );
        assert_eq!(
            next.sync().unwrap(),
            vec![
                Change::Created(dir.join("_includes/c.md")),
                Change::Created(dir.join("b.md")),
                Change::Removed(dir.join("old.md")),
            ]
        );
        assert!(next.check().unwrap().is_empty());
        let mut left: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .chain(fs::read_dir(dir.join("_includes")).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".b.md.x.0.tmp",
                ".elementgen.lock",
                ".manifest",
                ".notes.md.1.2.tmp",
                "_includes",
                "a.md",
                "b.md",
                "c.md"
            ]
        );
    }

    /// A generated file larger than what diffs show is still compared whole: an
    /// unchanged one is not rewritten, and not reported stale.
    #[test]
    fn a_large_unchanged_file_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("big.rs");
        let big = "x".repeat(usize::try_from(MAX_DIFF_BYTES).unwrap() + 10);
        assert!(write_if_changed(&path, &big).unwrap().is_some());
        assert_eq!(write_if_changed(&path, &big).unwrap(), None);
        assert_eq!(stale(&path, &big).unwrap(), None);
    }

    #[test]
    fn a_generated_name_held_by_another_file_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        fs::write(dir.join("a.md"), "mine").unwrap();
        let s = set(dir, &[("a.md", "A"), ("b.md", "B")]);
        let expected = format!(
            "`{}` already exists and elementgen did not write it; move it away (nothing was written)",
            dir.join("a.md").display()
        );
        assert_eq!(s.check().unwrap_err().to_string(), expected);
        assert_eq!(s.sync().unwrap_err().to_string(), expected);
        assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), "mine");
        assert!(!dir.join("b.md").exists(), "nothing was written");
    }

    #[test]
    fn a_manifest_cannot_point_outside_its_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("out");
        fs::create_dir_all(&dir).unwrap();
        fs::write(tmp.path().join("victim.rs"), "keep").unwrap();
        fs::write(
            dir.join(".manifest"),
            "../victim.rs\n/etc/passwd\n..\n_includes/../../victim.rs\n",
        )
        .unwrap();
        set(&dir, &[("a.md", "A")]).sync().unwrap();
        assert_eq!(
            fs::read_to_string(tmp.path().join("victim.rs")).unwrap(),
            "keep"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_subdirectory_is_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let (dir, elsewhere) = (tmp.path().join("out"), tmp.path().join("elsewhere"));
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join(SUBDIRECTORIES[0])).unwrap();
        let err = set(&dir, &[("_includes/a.md", "A")]).sync().unwrap_err();
        assert!(err.to_string().contains("_includes"), "{err}");
        assert!(fs::read_dir(&elsewhere).unwrap().next().is_none());
    }

    /// A write that fails leaves the others (written beside it) recorded, so that
    /// the next run owns them rather than refusing them as hand-written, and only
    /// them: the manifest of intent, written first, is narrowed to what was written.
    #[test]
    fn a_failed_write_still_records_the_files_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Its temporary name (`.<name>.<pid>.<n>.tmp`) is longer than a file name may be.
        let long = "x".repeat(250);
        let err = set(dir, &[("a.md", "A"), (&long, "X")]).sync().unwrap_err();
        assert_eq!(err.raw_os_error(), Some(36), "{err}"); // ENAMETOOLONG
        assert_eq!(fs::read_to_string(dir.join("a.md")).unwrap(), "A");
        assert_eq!(
            fs::read_to_string(dir.join(".manifest")).unwrap(),
            manifest_text(["a.md".to_string()].iter())
        );
        let changes = set(dir, &[("a.md", "B")]).sync().unwrap();
        assert_eq!(changes, [Change::Updated(dir.join("a.md"))]);
    }
}
