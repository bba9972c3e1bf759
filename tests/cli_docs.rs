//! `elementgen generate` and `check` on the guide pages, end to end: a copy of the
//! catalog in a temporary directory, pages written into another.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::sync::OnceLock;

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `elementgen` binary. It belongs to another package of the workspace, so cargo
/// does not build it for this crate's tests: build it (a no-op when it is fresh) so
/// that a stale binary is never tested.
fn bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        if let Some(p) = std::env::var_os("CARGO_BIN_EXE_elementgen") {
            return p.into();
        }
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = StdCommand::new(cargo)
            .args([
                "build",
                "--quiet",
                "-p",
                "elementgen",
                "--bin",
                "elementgen",
            ])
            .current_dir(root())
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build -p elementgen failed");
        let path = assert_cmd::cargo::cargo_bin("elementgen");
        assert!(path.is_file(), "no elementgen binary at {}", path.display());
        path
    })
    .clone()
}

struct Setup {
    _tmp: tempfile::TempDir,
    descriptors: PathBuf,
    out: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("temp dir");
    let descriptors = tmp.path().join("descriptors");
    fs::create_dir_all(&descriptors).expect("mkdir");
    for entry in fs::read_dir(root().join("descriptors")).expect("descriptors") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&path, descriptors.join(path.file_name().expect("name"))).expect("copy");
        }
    }
    let out = tmp.path().join("docs");
    Setup {
        _tmp: tmp,
        descriptors,
        out,
    }
}

impl Setup {
    fn cmd(&self, sub: &str) -> Command {
        let mut cmd = Command::new(bin());
        cmd.arg(sub)
            .arg("--descriptors")
            .arg(&self.descriptors)
            .arg("--out")
            .arg(&self.out)
            .env("NO_COLOR", "1");
        cmd
    }

    fn stdout(&self, sub: &str, code: i32) -> String {
        let out = self.cmd(sub).output().expect("run elementgen");
        assert_eq!(
            out.status.code(),
            Some(code),
            "elementgen {sub}: stdout\n{}\nstderr\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

#[test]
fn generate_check_edit_regenerate() {
    let s = setup();
    let created = s.stdout("generate", 0);
    assert!(
        created.contains(&format!("created {}", s.out.join("basecrm.md").display())),
        "{created}"
    );
    assert!(
        created.contains(&format!("created {}", s.out.join("index.md").display())),
        "{created}"
    );
    // The same pages as the checked-in ones, whatever the directories given.
    for name in ["basecrm.md", "dynamicscrm.md", "desk.md", "index.md"] {
        assert_eq!(
            fs::read_to_string(s.out.join(name)).expect("page"),
            fs::read_to_string(root().join("generated/docs").join(name)).expect("checked-in page"),
            "{name}"
        );
    }
    let mtime = fs::metadata(s.out.join("basecrm.md"))
        .expect("meta")
        .modified()
        .expect("mtime");
    assert_eq!(s.stdout("generate", 0).trim(), "everything up to date");
    assert_eq!(
        fs::metadata(s.out.join("basecrm.md"))
            .expect("meta")
            .modified()
            .expect("mtime"),
        mtime
    );
    assert!(s.stdout("check", 0).contains("up to date"));

    // A descriptor edited without regenerating: check fails with a diff naming the page.
    let path = s.descriptors.join("base.yaml");
    let yaml = fs::read_to_string(&path).expect("read");
    fs::write(&path, yaml.replace("order: 20", "order: 7")).expect("write");
    let before = fs::read_to_string(s.out.join("basecrm.md")).expect("page");
    let report = s.stdout("check", 1);
    let page = s.out.join("basecrm.md").display().to_string();
    assert!(report.contains(&format!("{page}: out of date")), "{report}");
    assert!(
        report.contains(&format!("--- a/{page}")) && report.contains(&format!("+++ b/{page}")),
        "{report}"
    );
    assert!(
        report.contains("-order: 20") && report.contains("+order: 7"),
        "{report}"
    );
    assert!(
        report.contains("cargo run -p elementgen -- generate"),
        "{report}"
    );
    assert!(
        !report.contains("dynamicscrm.md"),
        "only the stale page: {report}"
    );
    assert_eq!(
        fs::read_to_string(s.out.join("basecrm.md")).expect("page"),
        before,
        "check writes nothing"
    );

    let updated = s.stdout("generate", 0);
    assert_eq!(updated.trim(), format!("updated {page}"));
    assert!(
        fs::read_to_string(s.out.join("basecrm.md"))
            .expect("page")
            .contains("\norder: 7\n")
    );
    assert!(s.stdout("check", 0).contains("up to date"));
}

#[test]
fn stale_extra_page_is_reported_and_removed_but_hand_written_files_stay() {
    let s = setup();
    s.stdout("generate", 0);
    let readme = s.out.join("README.md");
    fs::write(&readme, "# Hand-written\n").expect("write");
    // An element removed from the catalog leaves its page behind.
    fs::remove_file(s.descriptors.join("desk.yaml")).expect("rm");
    let report = s.stdout("check", 1);
    let desk = s.out.join("desk.md").display().to_string();
    assert!(
        report.contains(&format!("{desk}: no longer generated")),
        "{report}"
    );
    assert!(
        report.contains(&format!("--- a/{desk}")) && report.contains("+++ /dev/null"),
        "{report}"
    );
    assert!(report.contains("index.md: out of date"), "{report}");
    assert!(!report.contains("README.md"), "{report}");
    assert!(s.out.join("desk.md").exists(), "check writes nothing");

    let changes = s.stdout("generate", 0);
    assert!(changes.contains(&format!("removed {desk}")), "{changes}");
    assert!(!s.out.join("desk.md").exists());
    assert_eq!(
        fs::read_to_string(&readme).expect("readme"),
        "# Hand-written\n"
    );
    assert!(s.stdout("check", 0).contains("up to date"));

    // A missing page is reported too.
    fs::remove_file(s.out.join("basecrm.md")).expect("rm");
    let report = s.stdout("check", 1);
    assert!(
        report.contains(&format!("{}: missing", s.out.join("basecrm.md").display())),
        "{report}"
    );
}

#[test]
fn broken_template_fails_cleanly_with_its_name_and_line() {
    let s = setup();
    let tpl = s.descriptors.parent().expect("tmp").join("templates");
    fs::create_dir_all(tpl.join("partials")).expect("mkdir");
    fs::write(
        tpl.join("partials/instance.md.tera"),
        "ok\nok\n{% for x in %}\n",
    )
    .expect("write");
    let out = s
        .cmd("generate")
        .arg("--templates")
        .arg(&tpl)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("template `partials/instance.md.tera`, line 3:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!s.out.exists(), "nothing written");

    // A template directory overrides the built-in templates by name.
    fs::remove_file(tpl.join("partials/instance.md.tera")).expect("rm");
    fs::write(
        tpl.join("index.md.tera"),
        "<!-- {{ page.marker }} -->\ncustom index\n",
    )
    .expect("write");
    let out = s
        .cmd("generate")
        .arg("--templates")
        .arg(&tpl)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        fs::read_to_string(s.out.join("index.md")).expect("index"),
        "<!-- generated by elementgen from descriptors/*.yaml; do not edit -->\ncustom index\n"
    );
}

#[test]
fn works_from_any_directory() {
    let s = setup();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = Command::new(bin())
        .current_dir(elsewhere.path())
        .arg("generate")
        .arg("--descriptors")
        .arg(&s.descriptors)
        .arg("--out")
        .arg(&s.out)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read_to_string(s.out.join("basecrm.md")).expect("page"),
        fs::read_to_string(root().join("generated/docs/basecrm.md")).expect("checked-in page"),
    );
}

/// `generate` removes only files it wrote: hand-written files survive whatever they
/// contain (the phrase generated pages carry, Rust source), and a generated name held
/// by a hand-written file stops the run before anything is written.
#[test]
fn hand_written_files_survive_whatever_they_contain() {
    let s = setup();
    fs::create_dir_all(&s.out).expect("mkdir");
    let notes = s.out.join("NOTES.md");
    let quoting = "<!-- generated by elementgen from descriptors/gone.yaml; do not edit -->\n";
    fs::write(&notes, quoting).expect("write");
    let source = root().join("generator/src/emit/docs.rs");
    fs::copy(&source, s.out.join("docs.rs")).expect("copy");
    s.stdout("generate", 0);
    fs::remove_file(s.descriptors.join("desk.yaml")).expect("rm");
    s.stdout("generate", 0);
    assert_eq!(fs::read_to_string(&notes).expect("notes"), quoting);
    assert_eq!(
        fs::read(s.out.join("docs.rs")).expect("docs.rs"),
        fs::read(&source).expect("source")
    );
    assert!(
        !s.out.join("desk.md").exists(),
        "its own leftover is removed"
    );

    // A fresh directory whose `basecrm.md` is someone else's: refused, nothing written.
    let other = s._tmp.path().join("other");
    fs::create_dir_all(&other).expect("mkdir");
    fs::write(other.join("basecrm.md"), "# My own Base CRM notes\n").expect("write");
    let out = Command::new(bin())
        .args(["generate", "--descriptors"])
        .arg(&s.descriptors)
        .arg("--out")
        .arg(&other)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: cannot write into `{dir}`: `{page}` already exists and elementgen did not write it; move it away (nothing was written)\n",
            dir = other.display(),
            page = other.join("basecrm.md").display()
        )
    );
    assert_eq!(
        fs::read_to_string(other.join("basecrm.md")).expect("page"),
        "# My own Base CRM notes\n"
    );
    assert!(!other.join("index.md").exists(), "nothing was written");
}

/// Ten `generate` runs on one directory at once all succeed and leave exactly the
/// generated files (no temporary file of another run removed or left behind).
#[test]
fn ten_concurrent_generate_runs_all_succeed() {
    let s = setup();
    let children: Vec<_> = (0..10)
        .map(|_| {
            StdCommand::new(bin())
                .args(["generate", "--descriptors"])
                .arg(&s.descriptors)
                .arg("--out")
                .arg(&s.out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "a concurrent run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(s.stdout("check", 0).contains("up to date"));
    // The runs took turns through the lock file, which stays (empty) in the directory.
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "README.md" && n != elementgen::write::LOCK_FILE)
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&s.out), names(&root().join("generated/docs")));
}

/// Every fixture catalog CI builds a client from validates clean, so a format change
/// that invalidates one fails here, in `cargo test`, not late in CI.
#[test]
fn every_fixture_catalog_is_valid() {
    let dir = root().join("tests/catalogs");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).expect("tests/catalogs") {
        let path = entry.expect("entry").path();
        if !path.is_dir() {
            continue;
        }
        let checked = elementgen::check_catalog(&path).expect("readable");
        assert!(
            checked.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            elementgen::diagnostics::render(&checked.diagnostics, false)
        );
        seen += 1;
    }
    assert!(seen >= 2, "the kitchen and hostile catalogs");
}

/// `generate` keeps the client crate's features (one per element key, and `all`) in
/// step with the catalog in `generated/Cargo.toml` beside the descriptors, and
/// `check` fails on a stale list.
#[test]
fn element_features_follow_the_catalog() {
    let s = setup();
    let manifest = s
        .descriptors
        .parent()
        .expect("the temporary directory")
        .join("generated/Cargo.toml");
    fs::create_dir_all(manifest.parent().expect("dir")).expect("mkdir");
    let checked_in = fs::read_to_string(root().join("generated/Cargo.toml")).expect("manifest");
    fs::write(&manifest, &checked_in).expect("copy");
    s.stdout("generate", 0);
    assert_eq!(
        fs::read_to_string(&manifest).expect("manifest"),
        checked_in,
        "the checked-in manifest lists the checked-in catalog"
    );

    let base = fs::read_to_string(s.descriptors.join("base.yaml")).expect("base");
    let zeta = base
        .replace("key: base", "key: zeta-crm")
        .replace("element_id: 201", "element_id: 99999")
        .replace("page: basecrm", "page: zetacrm");
    fs::write(s.descriptors.join("zeta-crm.yaml"), zeta).expect("write");
    let report = s.stdout("check", 1);
    let shown = manifest.display().to_string();
    assert!(
        report.contains(&format!("{shown}: out of date")),
        "{report}"
    );
    assert!(
        report.contains("+    \"zeta-crm\",\n") && report.contains("+zeta-crm = []\n"),
        "{report}"
    );
    assert_eq!(
        fs::read_to_string(&manifest).expect("manifest"),
        checked_in,
        "check writes nothing"
    );
    assert!(
        s.stdout("generate", 0)
            .contains(&format!("updated {shown}"))
    );
    let updated = fs::read_to_string(&manifest).expect("manifest");
    assert_eq!(
        updated
            .replace("    \"zeta-crm\",\n", "")
            .replace("zeta-crm = []\n", ""),
        checked_in,
        "only the new element's lines are added"
    );
    assert!(s.stdout("check", 0).contains("up to date"));

    // Given with `--manifest`, a manifest without the marker lines is an error that
    // says what it needs; found beside the descriptors, it is some other crate's.
    fs::write(&manifest, "[features]\n").expect("write");
    assert_eq!(s.stdout("generate", 0).trim(), "everything up to date");
    let out = s
        .cmd("generate")
        .arg("--manifest")
        .arg(&manifest)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: cannot write the element features into `{shown}`: the manifest needs the line `{}` and, after it, the line `{}`, once each, in its [features] table: the element features go between them\n",
            elementgen::emit::features::BEGIN,
            elementgen::emit::features::END
        )
    );
    assert_eq!(
        fs::read_to_string(&manifest).expect("manifest"),
        "[features]\n"
    );
}
