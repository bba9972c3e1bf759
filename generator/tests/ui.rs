//! Golden tests of the diagnostics: every directory under `tests/ui/` is a small
//! catalog, and its `expected.txt` is the exact plain rendering of what
//! `check_catalog` reports on it. Run with `BLESS=1` to rewrite the expected files
//! after checking the new output by eye.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use elementgen::check_catalog;
use elementgen::diagnostics::render;

const CASES: &str = "tests/ui";
const EXPECTED: &str = "expected.txt";

/// The case directories, sorted by name.
fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(CASES)
        .unwrap_or_else(|e| panic!("cannot list `{CASES}`: {e}"))
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The rendered diagnostics of one case, with the path as written (`tests/ui/<case>`).
fn actual(dir: &Path) -> String {
    let checked =
        check_catalog(dir).unwrap_or_else(|e| panic!("cannot check `{}`: {e}", dir.display()));
    render(&checked.diagnostics, false)
}

/// A line diff: `-` lines only in `expected`, `+` lines only in `actual`, context
/// lines unmarked. Longest common subsequence; the cases are small.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the files differ in their final line break)\n");
    }
    out
}

#[test]
fn ui() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let cases = cases();
    assert!(
        !cases.is_empty(),
        "no case directories under `{CASES}`: the golden tests would test nothing"
    );
    let mut failures = Vec::new();
    let mut report = String::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let has_yaml = fs::read_dir(dir).unwrap().any(|e| {
            let p = e.unwrap().path();
            matches!(p.extension().and_then(|x| x.to_str()), Some("yaml" | "yml"))
        });
        if !has_yaml {
            let _ = writeln!(report, "case `{name}` has no descriptor file");
            failures.push(name);
            continue;
        }
        let actual = actual(dir);
        let expected_path = dir.join(EXPECTED);
        if bless {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let Ok(expected) = fs::read_to_string(&expected_path) else {
            let _ = writeln!(
                report,
                "case `{name}` has no `{EXPECTED}`; check the output below, then run with BLESS=1:\n{actual}"
            );
            failures.push(name);
            continue;
        };
        if expected != actual {
            let _ = writeln!(
                report,
                "case `{name}`: diagnostics differ from `{}` (- expected, + actual):\n{}",
                expected_path.display(),
                diff(&expected, &actual)
            );
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "{report}\n{} of {} ui cases failed: {}\n(to accept new output after reading it: BLESS=1 cargo test -p elementgen --test ui)",
        failures.len(),
        cases.len(),
        failures.join(", ")
    );
}

/// Whatever order the rules find them in, diagnostics print by file, line, column.
#[test]
fn every_case_prints_in_file_and_line_order() {
    for dir in cases() {
        let checked = check_catalog(&dir).unwrap();
        let order: Vec<_> = checked
            .diagnostics
            .iter()
            .map(|d| (d.file.clone(), d.position.line, d.position.column))
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "{}", dir.display());
    }
}

#[test]
fn diff_marks_changed_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "  a\n- b\n+ x\n  c\n");
    assert_eq!(
        diff("a\n", "a"),
        "  a\n(the files differ in their final line break)\n"
    );
}
