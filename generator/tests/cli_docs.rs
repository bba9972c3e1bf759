//! `elementgen generate` and `check` on the guide pages, end to end: a copy of the
//! catalog in a temporary directory, pages written into another.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `elementgen` binary, built by cargo for this test.
fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_elementgen"))
}

struct Setup {
    _tmp: tempfile::TempDir,
    descriptors: PathBuf,
    out: PathBuf,
}

fn setup() -> Setup {
    setup_with(|_| true)
}

/// A copy of the catalog's descriptors whose key `keep` keeps.
fn setup_with(keep: impl Fn(&str) -> bool) -> Setup {
    let tmp = tempfile::tempdir().expect("temp dir");
    let descriptors = tmp.path().join("descriptors");
    fs::create_dir_all(&descriptors).expect("mkdir");
    for entry in fs::read_dir(root().join("descriptors")).expect("descriptors") {
        let path = entry.expect("entry").path();
        let key = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if path.extension().is_some_and(|e| e == "yaml") && keep(key) {
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

/// A project laid out as this repository is: a workspace manifest, the catalog in
/// `descriptors/`, the client's manifest in `generated/`, and a crate directory.
fn project() -> tempfile::TempDir {
    project_with(|_| true)
}

/// [`project`] with the descriptors whose key `keep` keeps.
fn project_with(keep: impl Fn(&str) -> bool) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    let top = tmp.path();
    for dir in ["descriptors", "generated", "generator/src"] {
        fs::create_dir_all(top.join(dir)).expect("mkdir");
    }
    fs::write(top.join("Cargo.toml"), "[workspace]\nmembers = []\n").expect("manifest");
    fs::copy(
        root().join("generated/Cargo.toml"),
        top.join("generated/Cargo.toml"),
    )
    .expect("client manifest");
    for entry in fs::read_dir(root().join("descriptors")).expect("descriptors") {
        let path = entry.expect("entry").path();
        let key = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if path.extension().is_some_and(|e| e == "yaml") && keep(key) {
            let name = path.file_name().expect("name");
            fs::copy(&path, top.join("descriptors").join(name)).expect("copy");
        }
    }
    tmp
}

/// Runs the CLI in `dir` without arguments naming the catalog.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run elementgen")
}

fn stdout_of(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "stdout\n{}\nstderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8")
}

/// From a crate directory and from the catalog's own directory, `validate` and
/// `generate` act on the project's catalog and write where it keeps its pages, as
/// they do from the project's root; nothing is written where the command ran.
#[test]
fn validate_and_generate_find_the_catalog_from_subdirectories() {
    let tmp = project();
    let top = tmp.path();
    let checked = elementgen::check_catalog(&root().join("descriptors")).expect("catalog");
    let summary = format!(
        "{} elements, {} auth variants, 0 errors, 0 warnings\n",
        checked.catalog.elements.len(),
        checked.catalog.variant_count()
    );
    for dir in ["generator/src", "descriptors"] {
        assert_eq!(
            stdout_of(&run_in(&top.join(dir), &["validate"])),
            summary,
            "{dir}"
        );
    }

    let pages = top.join("generated/docs");
    let created = stdout_of(&run_in(&top.join("generator/src"), &["generate"]));
    let page = Path::new("../../generated/docs/basecrm.md");
    assert!(
        created.contains(&format!("created {}\n", page.display())),
        "{created}"
    );
    assert_eq!(
        fs::read_to_string(pages.join("basecrm.md")).expect("page"),
        fs::read_to_string(root().join("generated/docs/basecrm.md")).expect("checked-in page"),
    );
    assert_eq!(
        fs::read_to_string(top.join("generated/Cargo.toml")).expect("client manifest"),
        fs::read_to_string(root().join("generated/Cargo.toml")).expect("checked-in manifest"),
    );
    assert_eq!(
        stdout_of(&run_in(&top.join("descriptors"), &["generate"])),
        "everything up to date\n"
    );
    assert_eq!(
        stdout_of(&run_in(&top.join("descriptors"), &["check"])),
        "generated files are up to date\n"
    );
    // A catalog given relative to a subdirectory: its pages go beside it, not into
    // a `generated/` tree under the working directory.
    fs::remove_dir_all(&pages).expect("rm");
    stdout_of(&run_in(
        &top.join("generator"),
        &["generate", "--descriptors", "../descriptors"],
    ));
    assert!(pages.join("basecrm.md").is_file());
    for dir in ["generator", "generator/src", "descriptors"] {
        assert!(
            !top.join(dir).join("generated").exists(),
            "stray tree in {dir}"
        );
    }
}

/// `generate` and `check` refuse a catalog that still holds `TODO` placeholders,
/// listing each, and write nothing; `validate` only warns.
#[test]
fn placeholders_cannot_ship() {
    let tmp = project_with(|key| key == "base");
    let top = tmp.path();
    stdout_of(&run_in(top, &["generate"]));
    stdout_of(&run_in(
        top,
        &["new", "acme", "--name", "Acme CRM", "--auth", "oauth2"],
    ));
    let checked = elementgen::check_catalog(&top.join("descriptors")).expect("catalog");
    let placeholders: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| elementgen::resolve::is_placeholder(d))
        .map(|d| {
            let file = d.file.strip_prefix(top).expect("in the project");
            format!(
                "  {}:{}:{}\n",
                file.display(),
                d.position.line,
                d.position.column
            )
        })
        .collect();
    assert!(placeholders.len() >= 2, "{placeholders:?}");
    let validate = run_in(top, &["validate"]);
    assert_eq!(validate.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&validate.stdout)
            .ends_with(&format!(", {} warnings\n", placeholders.len()))
    );
    let before = fs::read_to_string(top.join("generated/Cargo.toml")).expect("manifest");
    for command in ["check", "generate"] {
        let out = run_in(top, &[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{command}");
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        let expected = format!(
            "error: {} `TODO` placeholders left in descriptors; replace each with the provider's facts before generating:\n{}",
            placeholders.len(),
            placeholders.concat()
        );
        assert!(stderr.ends_with(&expected), "{command}: {stderr}");
    }
    assert!(!top.join("generated/docs/acme.md").exists());
    assert_eq!(
        fs::read_to_string(top.join("generated/Cargo.toml")).expect("manifest"),
        before
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

/// A symbolic link where a generated file (a page, the index, the include, the
/// manifest, the lock) belongs is a conflict that `check` (exit 1) and `generate`
/// (exit 2) name without following it: nothing of what it points to is printed
/// (`check` runs in CI, where a link to `/proc/self/environ` would print its
/// secrets), and nothing is written through it.
#[cfg(unix)]
#[test]
fn symlinks_where_generated_files_belong_are_never_followed() {
    // Two elements are pages enough, and ten runs of the whole catalog were seconds.
    let s = setup_with(|key| key == "base" || key == "box");
    s.stdout("generate", 0);
    let secret = s._tmp.path().join("secret.txt");
    let secret_text = "TOKEN=hunter2\n\u{1b}]0;pwned\u{7}\n";
    fs::write(&secret, secret_text).expect("secret");
    for name in [
        "basecrm.md",
        "index.md",
        "_includes/common-instance-config.md",
        ".elementgen-pages",
        ".elementgen.lock",
    ] {
        let path = s.out.join(name);
        let kept = fs::read(&path).ok();
        let _ = fs::remove_file(&path);
        std::os::unix::fs::symlink(&secret, &path).expect("symlink");
        // `check` takes no lock: a link there is neither followed nor its business.
        let check = if name == ".elementgen.lock" { 0 } else { 1 };
        for (command, code) in [("check", check), ("generate", 2)] {
            let out = s.cmd(command).output().expect("run");
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(code), "{command} {name}: {stderr}");
            assert!(
                !stdout.contains("hunter2") && !stderr.contains("hunter2"),
                "{command} {name} printed the link's target:\n{stdout}{stderr}"
            );
            assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
            if code != 0 {
                assert!(
                    stderr.contains(&format!("`{}`", path.display()))
                        && stderr.contains("a symbolic link or not a regular file"),
                    "{command} {name}: {stderr}"
                );
            }
        }
        assert_eq!(fs::read_to_string(&secret).expect("secret"), secret_text);
        fs::remove_file(&path).expect("rm link");
        if let Some(bytes) = kept {
            fs::write(&path, bytes).expect("restore");
        }
    }
    assert!(s.stdout("check", 0).contains("up to date"));
}

/// `check` shows what a stale file holds as text a terminal does not act on, and
/// at most a screenful of it.
#[test]
fn check_diffs_are_bounded_and_safe_for_a_terminal() {
    let s = setup_with(|key| key == "base");
    s.stdout("generate", 0);
    let page = s.out.join("basecrm.md");
    let mut hostile = String::from("\u{1b}[2J\u{1b}]0;title\u{7}cleared\n");
    for i in 0..5_000 {
        hostile.push_str(&format!("line {i}\n"));
    }
    fs::write(&page, &hostile).expect("write");
    let report = s.stdout("check", 1);
    assert!(!report.contains('\u{1b}') && !report.contains('\u{7}'));
    assert!(
        report.contains("-\u{241b}[2J\u{241b}]0;title\u{2407}cleared\n"),
        "{report}"
    );
    let shown = report
        .lines()
        .skip_while(|l| !l.starts_with("--- "))
        .take_while(|l| !l.starts_with("... "))
        .count();
    assert_eq!(shown, elementgen::write::MAX_DIFF_LINES);
    let more = report
        .lines()
        .find(|l| l.starts_with("... "))
        .expect("a count");
    assert!(more.ends_with(" more lines of diff not shown"), "{more}");
}

/// A `generate` killed while it writes (as soon as the first page or temporary file
/// appears, or at its start) is followed by one that succeeds with nothing to clean
/// by hand: no page refused as hand-written, no temporary file left.
#[cfg(unix)]
#[test]
fn a_killed_generate_is_finished_by_the_next() {
    let s = setup();
    let writing = |out: &Path| {
        fs::read_dir(out).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.ends_with(".md") || name.ends_with(".tmp")
            })
        })
    };
    let mut killed_while_writing = 0;
    for wait_for_writes in [false, true, true, true] {
        let _ = fs::remove_dir_all(&s.out);
        let mut child = std::process::Command::new(bin())
            .args(["generate", "--descriptors"])
            .arg(&s.descriptors)
            .arg("--out")
            .arg(&s.out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        while wait_for_writes && !writing(&s.out) && child.try_wait().expect("wait").is_none() {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        let _ = child.kill();
        let status = child.wait().expect("wait");
        killed_while_writing += usize::from(wait_for_writes && !status.success());
        s.stdout("generate", 0);
        assert!(s.stdout("check", 0).contains("up to date"));
        for dir in [s.out.clone(), s.out.join("_includes")] {
            for entry in fs::read_dir(&dir).expect("out") {
                let name = entry.expect("entry").file_name();
                let name = name.to_string_lossy();
                assert!(!name.ends_with(".tmp"), "{name} left");
            }
        }
    }
    // The run's writes take milliseconds; the kill lands among them at least once.
    assert!(killed_while_writing > 0, "no run was killed while writing");
}

/// Ten `generate` runs on one directory at once all succeed and leave exactly the
/// generated files (no temporary file of another run removed or left behind).
#[test]
fn ten_concurrent_generate_runs_all_succeed() {
    let s = setup();
    let children: Vec<_> = (0..10)
        .map(|_| {
            std::process::Command::new(bin())
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

/// A stand-in portal checkout: its `_config.yml`, a hand-written page where `box`'s
/// page is published, and a page of another tab beside it.
fn portal() -> tempfile::TempDir {
    let portal = tempfile::tempdir().expect("temp dir");
    fs::write(portal.path().join("_config.yml"), "markdown: kramdown\n").expect("config");
    let dir = portal.path().join("docs/elements/box");
    fs::create_dir_all(&dir).expect("mkdir");
    fs::write(dir.join("box-create-instance.md"), "hand-written\n").expect("page");
    fs::write(dir.join("overview.md"), "overview\n").expect("page");
    portal
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn publish(setup: &Setup, portal: &Path, flags: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("publish")
        .arg("--descriptors")
        .arg(&setup.descriptors)
        .arg(portal)
        .args(flags)
        .env("NO_COLOR", "1")
        .output()
        .expect("run elementgen")
}

fn publish_catalog(setup: &Setup) -> elementgen::model::Catalog {
    let checked = elementgen::check_catalog(&setup.descriptors).expect("catalog");
    checked.into_catalog().expect("valid").0
}

#[test]
fn publish_puts_each_page_at_its_portal_path_and_writes_nothing_else() {
    // `box` replaces a hand-written page; `magentosoapv19` names its own path.
    let setup = setup_with(|k| matches!(k, "box" | "magentosoapv19" | "base"));
    let catalog = publish_catalog(&setup);
    let portal = portal();
    let before = tree(portal.path());
    let templates = elementgen::emit::docs::Templates::builtin().expect("templates");

    let out = publish(&setup, portal.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut expected: Vec<(String, String)> = catalog
        .elements
        .iter()
        .map(|e| (e.page.portal_path.clone(), templates.page(e).expect("page")))
        .collect();
    expected.push((
        elementgen::emit::docs::INCLUDE.to_string(),
        templates.include().expect("include"),
    ));
    expected.sort();
    let mut lines = Vec::new();
    for (path, contents) in &expected {
        let full = portal.path().join(path);
        assert_eq!(fs::read_to_string(&full).expect("published"), *contents);
        let verb = if before.contains(path) {
            "updated"
        } else {
            "created"
        };
        lines.push(format!("{verb} {}", full.display()));
    }
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        lines.join("\n") + "\n"
    );
    assert_eq!(
        expected.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
        [
            "_includes/common-instance-config.md",
            "docs/elements/basecrm/basecrm-create-instance.md",
            "docs/elements/box/box-create-instance.md",
            "docs/elements/magento-soap/magento-soapv19-create-instance.md",
        ]
    );
    // Nothing else was written or removed: the other tab's page is as it was.
    let mut after = before.clone();
    after.extend(expected.iter().map(|(p, _)| p.clone()));
    after.sort();
    after.dedup();
    assert_eq!(tree(portal.path()), after);
    assert_eq!(
        fs::read_to_string(portal.path().join("docs/elements/box/overview.md")).unwrap(),
        "overview\n"
    );
    // The descriptor's tab title reaches the front matter.
    let page = fs::read_to_string(
        portal
            .path()
            .join("docs/elements/box/box-create-instance.md"),
    )
    .expect("page");
    assert!(page.contains("\ntitle: Authenticate\n"), "{page}");

    // A second run has nothing to do and touches nothing.
    let out = publish(&setup, portal.path(), &[]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "every published file is up to date\n"
    );
}

#[test]
fn publish_dry_run_lists_and_check_fails_on_stale_pages() {
    let setup = setup_with(|k| matches!(k, "box" | "base"));
    let portal = portal();
    let before = tree(portal.path());
    let out = publish(&setup, portal.path(), &["--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let p = |rel: &str| portal.path().join(rel).display().to_string();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "would create {}\nwould create {}\nwould update {}\n3 files to write, 0 up to date; nothing was written\n",
            p("_includes/common-instance-config.md"),
            p("docs/elements/basecrm/basecrm-create-instance.md"),
            p("docs/elements/box/box-create-instance.md"),
        )
    );
    assert_eq!(tree(portal.path()), before, "--dry-run wrote something");

    let out = publish(&setup, portal.path(), &["--check"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{}: out of date\n",
            p("docs/elements/box/box-create-instance.md")
        )),
        "{stdout}"
    );
    assert!(stdout.contains("-hand-written\n"), "{stdout}");
    assert!(
        stdout.ends_with(&format!(
            "\n3 published files stale; to fix, run:\n    cargo run -p elementgen -- publish --descriptors {} {}\n",
            setup.descriptors.display(),
            portal.path().display()
        )),
        "{stdout}"
    );
    assert_eq!(tree(portal.path()), before, "--check wrote something");

    assert_eq!(publish(&setup, portal.path(), &[]).status.code(), Some(0));
    let out = publish(&setup, portal.path(), &["--check"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "3 files published and up to date\n"
    );
}

#[test]
fn publish_refuses_links_and_non_sites_before_writing_anything() {
    let setup = setup_with(|k| matches!(k, "box" | "base"));
    let portal = portal();
    let outside = tempfile::tempdir().expect("temp dir");
    let link = portal.path().join("docs/elements/basecrm");
    std::os::unix::fs::symlink(outside.path(), &link).expect("symlink");
    let before = tree(portal.path());
    for flags in [&[][..], &["--check"], &["--dry-run"]] {
        let out = publish(&setup, portal.path(), flags);
        assert_eq!(out.status.code(), Some(1), "{flags:?}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "error: `{}` is a symbolic link or not a directory, on the way to `docs/elements/basecrm/basecrm-create-instance.md`; elementgen never writes through links: move it away (nothing was written)\n",
                link.display()
            )
        );
    }
    assert_eq!(tree(portal.path()), before);
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);

    // A link where a page belongs is named, never read or replaced.
    fs::remove_file(&link).unwrap();
    let page = portal
        .path()
        .join("docs/elements/box/box-create-instance.md");
    fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", &page).expect("symlink");
    let out = publish(&setup, portal.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is a symbolic link or not a regular file"),
        "{out:?}"
    );
    assert!(
        !portal.path().join("_includes").exists(),
        "a file was written"
    );

    let not_a_site = tempfile::tempdir().expect("temp dir");
    let out = publish(&setup, not_a_site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: `{}` is not a Jekyll site: it has no `_config.yml` (give the root of a checkout of the portal's site)\n",
            not_a_site.path().display()
        )
    );
    assert_eq!(fs::read_dir(not_a_site.path()).unwrap().count(), 0);
}
