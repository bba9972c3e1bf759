//! Where the catalog is when the user did not say: the CLI works from any directory
//! of a project, as cargo does, rather than only from the directory holding
//! `descriptors/`.
//!
//! The project root is the nearest directory, from the working directory upwards,
//! that holds a `descriptors/` directory; failing that, the nearest one whose
//! `Cargo.toml` declares a `[workspace]` (a project that has no catalog yet); failing
//! that, the working directory itself. Paths are kept relative to the working
//! directory (`../descriptors` from `generator/`) so that diagnostics name files as
//! the user would type them.

use std::path::{Path, PathBuf};

/// The descriptor directory's name in a project.
pub const DESCRIPTORS: &str = "descriptors";

/// The project root for a process working in `cwd`, as a path relative to `cwd`
/// (empty for `cwd` itself, `..` for its parent, ...).
pub fn root(cwd: &Path) -> PathBuf {
    let found = nearest(cwd, holds_descriptors)
        .or_else(|| nearest(cwd, is_workspace_root))
        .unwrap_or(0);
    std::iter::repeat_n("..", found).collect()
}

/// Whether `dir` holds a `descriptors/` directory of its own. A link is not one: the
/// `elements` package links the catalog in (`generated/descriptors`) so that cargo
/// packages it, and `generated/` is not a project.
fn holds_descriptors(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(DESCRIPTORS)).is_ok_and(|m| m.is_dir())
}

/// How many levels above `cwd` the nearest directory with `has` is.
fn nearest(cwd: &Path, has: impl Fn(&Path) -> bool) -> Option<usize> {
    cwd.ancestors().position(has)
}

/// Whether `dir` holds the `Cargo.toml` of a workspace.
fn is_workspace_root(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.lines().any(|l| l.trim() == "[workspace]"))
}

/// The project of a descriptor directory: the directory that holds it. Outputs whose
/// place the user did not give go there, beside the descriptors (`generated/docs`),
/// never into the working directory, which may be anywhere in the project.
pub fn of_descriptors(descriptors: &Path) -> &Path {
    match descriptors.parent() {
        // `descriptors` alone: its parent is the working directory.
        Some(parent) => parent,
        None => Path::new(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_directory_with_descriptors() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path();
        std::fs::write(top.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        std::fs::create_dir_all(top.join("descriptors")).unwrap();
        std::fs::create_dir_all(top.join("generator/src")).unwrap();
        assert_eq!(root(top), Path::new(""));
        assert_eq!(root(&top.join("descriptors")), Path::new(".."));
        assert_eq!(root(&top.join("generator/src")), Path::new("../.."));
        // The client package's link to the catalog is not a project.
        std::fs::create_dir_all(top.join("generated")).unwrap();
        std::os::unix::fs::symlink("../descriptors", top.join("generated/descriptors")).unwrap();
        assert_eq!(root(&top.join("generated")), Path::new(".."));
        // A nested project with a catalog of its own is its own root.
        std::fs::create_dir_all(top.join("tests/private/descriptors")).unwrap();
        assert_eq!(root(&top.join("tests/private")), Path::new(""));
    }

    #[test]
    fn without_a_catalog_the_workspace_is_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        let top = tmp.path().join("ws");
        std::fs::create_dir_all(top.join("crate/src")).unwrap();
        std::fs::write(top.join("Cargo.toml"), "[workspace]\n").unwrap();
        std::fs::write(top.join("crate/Cargo.toml"), "[package]\n").unwrap();
        assert_eq!(root(&top.join("crate/src")), Path::new("../.."));
    }

    #[test]
    fn outputs_go_beside_the_descriptor_directory() {
        assert_eq!(of_descriptors(Path::new("descriptors")), Path::new(""));
        assert_eq!(of_descriptors(Path::new("../descriptors")), Path::new(".."));
        assert_eq!(of_descriptors(Path::new("/a/b/catalog")), Path::new("/a/b"));
    }
}
