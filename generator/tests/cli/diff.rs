//! `elementgen diff` on the semver suite (`tests/semver`): every edit of the base
//! catalog gets the verdict `expected.tsv` records, which `tests/semver/run` (in
//! `.ci/run`) checks against cargo-semver-checks on the two generated clients.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{BIN, run, text};

const SUITE: &str = "../tests/semver";

/// One edit of the suite and what `expected.tsv` says of it.
struct Case {
    name: String,
    semver: String,
    breaks: Vec<String>,
}

fn cases() -> Vec<Case> {
    let table = fs::read_to_string(Path::new(SUITE).join("expected.tsv")).unwrap();
    let cases: Vec<Case> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "expected.tsv: {l}");
            Case {
                name: cols[0].to_string(),
                semver: cols[1].to_string(),
                breaks: match cols[3] {
                    "-" => Vec::new(),
                    who => who.split(',').map(str::to_string).collect(),
                },
            }
        })
        .collect();
    // Every case directory has its row, and the other way round.
    let mut dirs: Vec<String> = fs::read_dir(Path::new(SUITE).join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut named: Vec<String> = cases.iter().map(|c| c.name.clone()).collect();
    named.sort();
    assert_eq!(dirs, named);
    cases
}

/// The catalog of a case in `dir`: the base, with the case's descriptors over it and
/// the keys its `removed` file lists taken out (as `tests/semver/run` builds it).
fn catalog_of(case: &str, dir: &Path) -> PathBuf {
    let new = dir.join(case);
    fs::create_dir_all(&new).unwrap();
    for entry in fs::read_dir(Path::new(SUITE).join("base")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, new.join(path.file_name().unwrap())).unwrap();
    }
    let edits = Path::new(SUITE).join("cases").join(case);
    for entry in fs::read_dir(&edits).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&path, new.join(path.file_name().unwrap())).unwrap();
        }
    }
    if let Ok(removed) = fs::read_to_string(edits.join("removed")) {
        for key in removed.lines() {
            fs::remove_file(new.join(format!("{key}.yaml"))).unwrap();
        }
    }
    new
}

fn base() -> String {
    format!("{SUITE}/base")
}

#[test]
fn every_edit_of_the_suite_gets_its_verdict() {
    let tmp = tempfile::tempdir().unwrap();
    for case in cases() {
        let new = catalog_of(&case.name, tmp.path());
        let new = new.to_str().unwrap();
        let out = run(&["diff", &base(), new, "--format", "json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            case.name,
            text(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            report["semver"],
            case.semver.as_str(),
            "{}: {report:#}",
            case.name
        );
        let mut breaks: Vec<String> = report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["breaking_for"].as_array().unwrap().clone())
            .map(|w| w.as_str().unwrap().to_string())
            .collect();
        breaks.sort();
        breaks.dedup();
        assert_eq!(breaks, case.breaks, "{}: {report:#}", case.name);
        assert_eq!(report["breaking"], !case.breaks.is_empty(), "{}", case.name);

        // `--fail-on breaking` exits 1 exactly when something breaks.
        let gate = run(&["diff", &base(), new, "--fail-on", "breaking"]);
        let expected = if case.breaks.is_empty() { 0 } else { 1 };
        assert_eq!(gate.status.code(), Some(expected), "{}", case.name);
    }
}

#[test]
fn the_report_reads_as_text_and_as_a_changelog() {
    let tmp = tempfile::tempdir().unwrap();
    let new = catalog_of("removed-enum-value", tmp.path());
    let out = run(&["diff", &base(), new.to_str().unwrap()]);
    assert_eq!(
        text(&out.stdout),
        "1 change to the catalog: semver major (breaking)\n\
         \n\
         acme / oauth2 / acme.region: value `us` of configuration entry `acme.region` removed\n  \
         client: breaking (major), wire: breaking for apps already running\n"
    );
    let new = catalog_of("new-optional-field", tmp.path());
    let out = run(&[
        "diff",
        &base(),
        new.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(
        text(&out.stdout),
        "## elements: minor release\n\
         \n\
         ### Added\n\
         \n\
         - `acme` (`oauth2`), `acme.timezone`: optional configuration entry `acme.timezone` added (`with_acme_timezone`)\n"
    );
    let same = run(&["diff", &base(), &base(), "--format", "markdown"]);
    assert_eq!(
        text(&same.stdout),
        "## elements: none release\n\nNo change to the catalog.\n"
    );
}

/// `git` in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        text(&status.stderr)
    );
}

#[test]
fn since_a_revision_compares_the_catalog_committed_then_with_the_work_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    git(repo, &["init", "-q"]);
    // A first commit without a catalog.
    git(repo, &["commit", "-q", "--allow-empty", "-m", "empty"]);
    let descriptors = repo.join("descriptors");
    fs::create_dir(&descriptors).unwrap();
    fs::copy(
        Path::new(&base()).join("acme.yaml"),
        descriptors.join("acme.yaml"),
    )
    .unwrap();
    // A descriptor linked to another file of the directory (the loader reads no link
    // out of it): read through the link at the revision too, as in the work tree.
    fs::copy(
        Path::new(&base()).join("beta.yaml"),
        descriptors.join("beta.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("beta.txt", descriptors.join("beta.yaml")).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);

    let diff = |args: &[&str]| {
        Command::new(BIN)
            .arg("diff")
            .args(args)
            .current_dir(repo)
            .output()
            .unwrap()
    };
    // Unchanged: nothing to say, exit 0 even with the gate.
    let out = diff(&["--since", "HEAD", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "no change to the catalog: semver none\n");

    // An edit of the work tree, from a subdirectory (the project is found upwards).
    let edited = fs::read_to_string(descriptors.join("acme.yaml"))
        .unwrap()
        .replace("values: [eu, us]", "values: [eu, us, ap]");
    fs::write(descriptors.join("acme.yaml"), edited).unwrap();
    let out = Command::new(BIN)
        .args(["diff", "--since", "HEAD", "--format", "json"])
        .current_dir(&descriptors)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["semver"], "minor");
    assert_eq!(report["changes"][0]["kind"], "enum-value-added");
    assert_eq!(report["changes"][0]["new"], "ap");

    // Before the catalog existed: every element is new, and that is said.
    let out = diff(&["--since", "HEAD~1", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "warning: no descriptor directory `descriptors` at HEAD~1: the catalog then is empty\n"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["element-added", "element-added"]);

    // A revision git does not know: a usage error that says so.
    let out = diff(&["--since", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .starts_with("error: git rev-parse --verify --quiet no-such-rev^{commit} failed"),
        "{}",
        text(&out.stderr)
    );
}
