//! The `elementgen` binary end to end: what it prints and exits with, checked
//! against what the library says about the same catalog.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use elementgen::check_catalog;
use elementgen::diagnostics::{counts, plural, render};
use elementgen::model::Catalog;

const BIN: &str = env!("CARGO_BIN_EXE_elementgen");

/// The project's catalog, relative to the crate directory (the tests' cwd).
const CATALOG: &str = "../descriptors";

const AUTH_TYPES: [&str; 5] = ["oauth2", "oauth1", "basic", "api_key", "custom"];

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the elementgen binary runs")
}

/// `elementgen --descriptors DIR new KEY --name NAME --auth AUTH`.
fn run_new(dir: &Path, key: &str, name: &str, auth: &str) -> Output {
    let dir = dir.to_str().unwrap();
    run(&[
        "new",
        "--descriptors",
        dir,
        key,
        "--name",
        name,
        "--auth",
        auth,
    ])
}

/// `elementgen --descriptors DIR import ARGS...`.
fn run_import(dir: impl AsRef<Path>, args: &[&str]) -> Output {
    let dir = dir.as_ref().to_str().unwrap().to_string();
    let mut all = vec!["import", "--descriptors", dir.as_str()];
    all.extend_from_slice(args);
    run(&all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn real_catalog() -> Catalog {
    let checked = check_catalog(Path::new(CATALOG)).unwrap();
    assert!(
        !checked.has_errors(),
        "the project's catalog has errors:\n{}",
        render(&checked.diagnostics, false)
    );
    assert!(!checked.catalog.elements.is_empty());
    checked.catalog
}

#[test]
fn validate_real_catalog() {
    let checked = check_catalog(Path::new(CATALOG)).unwrap();
    let (errors, warnings) = counts(&checked.diagnostics);
    assert_eq!(errors, 0, "{}", render(&checked.diagnostics, false));
    let out = run(&["validate", "--descriptors", CATALOG]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}, {}, 0 errors, {}\n",
            plural(checked.catalog.elements.len(), "element"),
            plural(checked.catalog.variant_count(), "auth variant"),
            plural(warnings, "warning")
        )
    );
    // Warnings, if any, are the library's rendering; nothing else goes to stderr.
    let expected_stderr = if checked.diagnostics.is_empty() {
        String::new()
    } else {
        render(&checked.diagnostics, false)
    };
    assert_eq!(text(&out.stderr), expected_stderr);
}

#[test]
fn validate_invalid_catalog_exits_1_with_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("acme.yaml"),
        "key: acme\nname: Acme\nhub: crn\ndescription: d\nauth:\n  - type: basic\n",
    )
    .unwrap();
    let checked = check_catalog(tmp.path()).unwrap();
    let out = run(&["validate", "--descriptors", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "0 elements, 0 auth variants, 1 error, 0 warnings\n"
    );
    assert_eq!(text(&out.stderr), render(&checked.diagnostics, false));
    assert!(text(&out.stderr).contains("did you mean `crm`?"));
}

#[test]
fn validate_missing_directory_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let out = run(&["validate", "--descriptors", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "error: cannot read the descriptor directory `{}`: ",
            missing.display()
        )),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

/// Cells of a `list` table row: columns are separated by at least two spaces.
fn cells(row: &str) -> Vec<&str> {
    row.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn list_prints_one_row_per_element() {
    let catalog = real_catalog();
    let out = run(&["list", "--descriptors", CATALOG]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        cells(lines[0]),
        ["KEY", "NAME", "HUB", "AUTH VARIANTS", "FIELDS"]
    );
    let rows = &lines[1..];
    assert_eq!(rows.len(), catalog.elements.len(), "{stdout}");
    for (row, e) in rows.iter().zip(&catalog.elements) {
        let variants: Vec<&str> = e.variants.iter().map(|v| v.id.as_str()).collect();
        let fields: usize = e.variants.iter().map(|v| v.config.len()).sum();
        assert_eq!(
            cells(row),
            [
                e.key.as_str(),
                e.name.as_str(),
                e.hub.as_str(),
                variants.join(", ").as_str(),
                fields.to_string().as_str()
            ],
            "row of `{}`",
            e.key
        );
        assert_eq!(
            row.trim_end(),
            *row,
            "row of `{}` has trailing spaces",
            e.key
        );
    }
    // Columns are aligned: every row has its name where the header has NAME.
    let name_column = lines[0].find("NAME").unwrap();
    for (row, e) in rows.iter().zip(&catalog.elements) {
        assert_eq!(row.find(e.name.as_str()), Some(name_column), "row {row:?}");
    }
}

#[test]
fn list_json_has_one_object_per_element() {
    let catalog = real_catalog();
    let out = run(&["list", "--descriptors", CATALOG, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("list prints JSON");
    let items = json.as_array().expect("a JSON array");
    assert_eq!(items.len(), catalog.elements.len());
    for (item, e) in items.iter().zip(&catalog.elements) {
        let object = item.as_object().expect("an object per element");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected_keys = ["element_id", "hub", "key", "name", "variants"];
        expected_keys.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected_keys, "keys of `{}`", e.key);
        assert_eq!(object["key"], e.key.as_str());
        assert_eq!(object["name"], e.name.as_str());
        assert_eq!(object["hub"], e.hub.as_str());
        assert_eq!(object["element_id"], serde_json::json!(e.element_id));
        let variants = object["variants"].as_array().unwrap();
        assert_eq!(variants.len(), e.variants.len());
        for (v, model) in variants.iter().zip(&e.variants) {
            assert_eq!(
                v,
                &serde_json::json!({
                    "id": model.id,
                    "type": model.auth.as_str(),
                    "fields": model.config.len(),
                })
            );
        }
    }
}

#[test]
fn new_writes_a_valid_descriptor_for_every_auth_type() {
    for auth in AUTH_TYPES {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let key = format!("new-{}", auth.replace('_', "-"));
        let path = dir.join(format!("{key}.yaml"));
        let out = run(&[
            "new",
            "--descriptors",
            dir.to_str().unwrap(),
            &key,
            "--name",
            "Acme \"Cloud\": CRM # 1",
            "--auth",
            auth,
            "--hub",
            "crm",
        ]);
        assert_eq!(out.status.code(), Some(0), "{auth}: {}", text(&out.stderr));
        assert_eq!(
            text(&out.stdout),
            format!(
                "created {}\nnext: replace each TODO with the provider's facts, then run `elementgen validate` and `elementgen generate`\n",
                path.display()
            )
        );
        let written = fs::read_to_string(&path).unwrap();
        assert!(written.starts_with("# yaml-language-server: $schema=schema.json\n"));

        // Valid, with one warning per placeholder left to fill in.
        let checked = check_catalog(dir).unwrap();
        let placeholders = written
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .filter(|l| l.contains("TODO"))
            .count();
        assert!(placeholders >= 1, "{auth}: {written}");
        assert_eq!(
            checked
                .diagnostics
                .iter()
                .map(|d| (d.is_error(), d.message.as_str()))
                .collect::<Vec<_>>(),
            vec![(false, "placeholder `TODO` left in the descriptor"); placeholders],
            "{auth}: {}\n{written}",
            render(&checked.diagnostics, false)
        );
        let [element] = checked.catalog.elements.as_slice() else {
            panic!("{auth}: expected one element");
        };
        assert_eq!(element.key, key);
        assert_eq!(element.name, "Acme \"Cloud\": CRM # 1");
        assert_eq!(element.hub.as_str(), "crm");
        assert_eq!(element.variants.len(), 1);
        assert_eq!(element.variants[0].auth.as_str(), auth);

        // A second `new` with the same key refuses and leaves the file alone.
        let again = run_new(dir, &key, "Other", "custom");
        assert_eq!(again.status.code(), Some(2), "{auth}");
        assert_eq!(
            text(&again.stderr),
            format!(
                "error: `{}` already exists; not overwriting it\n",
                path.display()
            )
        );
        assert!(again.stdout.is_empty());
        assert_eq!(fs::read_to_string(&path).unwrap(), written);
        assert_eq!(fs::read_dir(dir).unwrap().count(), 1, "{auth}: extra files");
    }
}

#[test]
fn new_into_missing_directory_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let out = run_new(&missing, "acme", "Acme", "basic");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with(&format!(
            "error: cannot create `{}`: ",
            missing.join("acme.yaml").display()
        )),
        "{}",
        text(&out.stderr)
    );
    assert!(!missing.exists());
}

#[test]
fn usage_errors_exit_2() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["frobnicate"],
            "error: unrecognized subcommand 'frobnicate'",
        ),
        (
            &["new", "acme", "--name", "Acme"],
            "error: the following required arguments were not provided:\n  --auth <AUTH>",
        ),
        (
            &["new", "acme", "--name", "Acme", "--auth", "oauth3"],
            "error: invalid value 'oauth3' for '--auth <AUTH>'",
        ),
        (
            &["list", "--format", "xml"],
            "error: invalid value 'xml' for '--format <FORMAT>'",
        ),
        (&[], "Usage: elementgen [OPTIONS] <COMMAND>"),
    ];
    for (args, fragment) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(fragment), "{args:?}:\n{stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// Every subcommand's help shows the flags it takes, and only those: the catalog's
/// directory where a catalog is read, the output flags where files are generated.
#[test]
fn help_of_every_subcommand() {
    const OUTPUT_FLAGS: [&str; 3] = ["--out <DIR>", "--templates <DIR>", "--manifest <FILE>"];
    let cases: [(&[&str], &[&str], &[&str]); 9] = [
        (
            &["--help"],
            &[
                "Usage: elementgen [OPTIONS] <COMMAND>",
                "validate",
                "list",
                "new",
                "schema",
                "generate",
                "check",
                "rust",
                "completions",
                "--color <WHEN>",
                "--version",
            ],
            &["--descriptors <DIR>", "--out <DIR>"],
        ),
        (
            &["validate", "--help"],
            &[
                "Usage: elementgen validate",
                "--descriptors <DIR>",
                "Exits 1",
            ],
            &OUTPUT_FLAGS,
        ),
        (
            &["list", "--help"],
            &[
                "Usage: elementgen list",
                "--descriptors <DIR>",
                "--format <FORMAT>",
                "table",
                "json",
            ],
            &OUTPUT_FLAGS,
        ),
        (
            &["new", "--help"],
            &[
                "Usage: elementgen new [OPTIONS] --name <NAME> --auth <AUTH> <KEY>",
                "--descriptors <DIR>",
                "--name <NAME>",
                "--auth <AUTH>",
                "--hub <HUB>",
                "[possible values: oauth2, oauth1, basic, api_key, custom]",
                "[default: general]",
                "never overwritten",
            ],
            &OUTPUT_FLAGS,
        ),
        (
            &["schema", "--help"],
            &["Usage: elementgen schema", "JSON Schema"],
            &["--descriptors", "--out", "--templates", "--manifest"],
        ),
        (
            &["generate", "--help"],
            &[
                "Usage: elementgen generate",
                "--descriptors <DIR>",
                "--out <DIR>",
                "--templates <DIR>",
                "--manifest <FILE>",
                "`TODO` placeholder",
            ],
            &[],
        ),
        (
            &["check", "--help"],
            &["Usage: elementgen check", "exits 1", "--out <DIR>"],
            &[],
        ),
        (
            &["rust", "--help"],
            &[
                "Usage: elementgen rust [OPTIONS] <DIR>",
                "--descriptors <DIR>",
            ],
            &OUTPUT_FLAGS,
        ),
        (
            &["completions", "--help"],
            &["Usage: elementgen completions [OPTIONS] <SHELL>", "bash"],
            &["--descriptors", "--out"],
        ),
    ];
    for (args, mentions, absent) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = text(&out.stdout);
        for m in mentions {
            assert!(help.contains(m), "{args:?} does not mention {m:?}:\n{help}");
        }
        for a in absent {
            assert!(!help.contains(a), "{args:?} mentions {a:?}:\n{help}");
        }
        assert!(out.stderr.is_empty(), "{args:?}");
    }
}

/// `completions SHELL` prints a script that completes the subcommands and their
/// flags.
#[test]
fn completions_complete_subcommands_and_flags() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = text(&out.stdout);
    assert!(script.contains("_elementgen()"), "{script}");
    for word in [
        "validate",
        "generate",
        "--descriptors",
        "--templates",
        "--color",
    ] {
        assert!(script.contains(word), "no {word} in the bash completions");
    }
    let out = run(&["completions", "nushell"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("invalid value 'nushell'"));
}

/// A catalog whose one descriptor misspells `name`: an error to print.
fn misspelled_catalog() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("acme.yaml"),
        "key: acme\nnmae: Acme\nhub: crm\ndescription: d\nauth:\n  - type: basic\n",
    )
    .unwrap();
    tmp
}

/// `--color always` colors diagnostics even into a pipe; `never` does not, even
/// without NO_COLOR.
#[test]
fn color_flag_overrides_the_terminal_check() {
    let tmp = misspelled_catalog();
    let dir = tmp.path().to_str().unwrap();
    let always = run(&["--color", "always", "validate", "--descriptors", dir]);
    assert!(always.stderr.contains(&0x1b), "{}", text(&always.stderr));
    let never = run(&["validate", "--descriptors", dir, "--color", "never"]);
    assert!(!never.stderr.contains(&0x1b));
    assert_eq!(
        text(&never.stderr),
        text(&run(&["validate", "--descriptors", dir]).stderr)
    );
}

#[test]
fn version() {
    for flag in ["--version", "-V"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            text(&out.stdout),
            format!("elementgen {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

/// Output to a pipe has no colour, with or without `NO_COLOR`.
#[test]
fn no_ansi_escapes_when_not_a_terminal() {
    let tmp = misspelled_catalog();
    let dir = tmp.path().to_str().unwrap();
    for no_color in [None, Some("1")] {
        for args in [
            &["validate", "--descriptors", dir][..],
            &["list", "--descriptors", dir],
            &["validate", "--descriptors", CATALOG],
            &["list", "--descriptors", CATALOG],
            &["--help"],
        ] {
            let mut cmd = Command::new(BIN);
            cmd.args(args);
            match no_color {
                Some(v) => cmd.env("NO_COLOR", v),
                None => cmd.env_remove("NO_COLOR"),
            };
            let out = cmd.output().unwrap();
            for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                assert!(
                    !bytes.contains(&0x1b),
                    "{args:?} NO_COLOR={no_color:?}: ANSI escape on {stream}:\n{}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
    let out = run(&["validate", "--descriptors", dir]);
    assert!(text(&out.stderr).contains("error: unknown field `nmae`"));
}

/// `new` refuses a key that differs from one of the catalog only in letter case or in
/// `-`/`_` (the Rust module would be the same): the catalog would not validate.
#[test]
fn new_refuses_a_key_that_clashes_with_the_catalog() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    for existing in ["desk", "acme-crm"] {
        let out = run_new(dir, existing, "X", "basic");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    for (key, clash) in [("Desk", "desk"), ("DESK", "desk"), ("acme_crm", "acme-crm")] {
        let out = run_new(dir, key, "X", "basic");
        assert_eq!(out.status.code(), Some(2), "{key}");
        assert_eq!(
            text(&out.stderr),
            format!(
                "error: element key `{key}` clashes with `{}` of the catalog\n  = help: keys (and the Rust modules named after them) must differ in more than letter case and `-`/`_`; choose another key\n",
                dir.join(format!("{clash}.yaml")).display()
            )
        );
    }
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["acme-crm.yaml", "desk.yaml"],
        "nothing else written"
    );
    assert!(
        check_catalog(dir)
            .unwrap()
            .diagnostics
            .iter()
            .all(|d| !d.is_error())
    );
}

#[test]
fn an_empty_descriptor_directory_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("README.md"), "not a descriptor\n").unwrap();
    let dir = tmp.path().to_str().unwrap();
    let out = run(&["validate", "--descriptors", dir]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "0 elements, 0 auth variants, 1 error, 0 warnings\n"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "error: the descriptor directory holds no `<key>.yaml` file\n --> {dir}:1:1\n"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("elementgen new KEY --name NAME --auth TYPE"));
}

/// `import`: a bad page is an error with exit 1 and nothing written for it, the
/// other pages are still imported, and what is written validates.
#[test]
fn import_writes_what_validates_and_fails_only_the_bad_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("catalog");
    let bad = tmp.path().join("bad.md");
    fs::write(&bad, "# Not a Create Instance page\n\nNo JSON here.\n").unwrap();
    let out = run_import(
        &dir,
        &[
            "tests/import/corpus/autopilot.md",
            bad.to_str().unwrap(),
            "tests/import/corpus/desk.md",
        ],
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: no `POST /instances` request body (a JSON object with `element.key`) on the page: not a Create Instance page\n --> {}:1:1",
            bad.display()
        )),
        "{stderr}"
    );
    let mut written: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, ["autopilot.yaml", "desk.yaml"]);
    assert!(
        fs::read_to_string(dir.join("desk.yaml"))
            .unwrap()
            .starts_with("# yaml-language-server: $schema=schema.json\n")
    );
    let stdout = text(&out.stdout);
    assert!(
        stdout.ends_with("2 descriptors from 3 pages, 1 error, 5 warnings\n"),
        "{stdout}"
    );
    let checked = check_catalog(&dir).unwrap();
    assert!(
        !checked.has_errors(),
        "{}",
        render(&checked.diagnostics, false)
    );

    // Again: both exist now, so nothing is overwritten without --force.
    let before = fs::read_to_string(dir.join("desk.yaml")).unwrap();
    fs::write(
        dir.join("desk.yaml"),
        "# edited by hand\n".to_string() + &before,
    )
    .unwrap();
    let again = run_import(&dir, &["tests/import/corpus/desk.md"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr)
            .contains("already exists; not overwritten (use `--force` to replace it)")
    );
    assert!(
        fs::read_to_string(dir.join("desk.yaml"))
            .unwrap()
            .starts_with("# edited by hand")
    );
    let forced = run_import(&dir, &["--force", "tests/import/corpus/desk.md"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert_eq!(fs::read_to_string(dir.join("desk.yaml")).unwrap(), before);
}

#[test]
fn import_dry_run_prints_descriptors_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("catalog");
    let out = run_import(&dir, &["--dry-run", "tests/import/corpus/zuora.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let expected_header = format!(
        "# --- {} (from tests/import/corpus/zuora.md)\n# yaml-language-server: $schema=schema.json\nkey: zuorav2\n",
        dir.join("zuorav2.yaml").display()
    );
    assert!(stdout.starts_with(&expected_header), "{stdout}");
    assert!(
        stdout.ends_with(
            "1 descriptor from 1 page (dry run: nothing written), 0 errors, 4 warnings\n"
        ),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains(
        "warning: invalid JSON read leniently: a `//` comment\n  --> tests/import/corpus/zuora.md:"
    ));
    assert!(!dir.exists());
}

#[test]
fn import_of_a_missing_page_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run_import(tmp.path(), &["no/such/page.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read `no/such/page.md`: "));
}

/// `import` reads regular files only, and no more than a page may be: a FIFO (which
/// would block the run forever), a link to `/dev/zero` (which never ends) and a
/// 1 GiB file are each an error naming the page, and the other pages are still
/// imported.
#[cfg(unix)]
#[test]
fn import_reads_only_regular_pages_of_a_bounded_size() {
    let tmp = tempfile::tempdir().unwrap();
    let catalog = tmp.path().join("catalog");
    let fifo = tmp.path().join("fifo.md");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let zero = tmp.path().join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let huge = tmp.path().join("huge.md");
    fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
    let good = tmp.path().join("oauth2.md");
    fs::copy("tests/import/cases/oauth2.md", &good).unwrap();
    let mut child = Command::new(BIN)
        .arg("import")
        .arg("--descriptors")
        .arg(&catalog)
        .args([&fifo, &zero, &huge, &good])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("import did not finish: it blocked or read without end");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    let not_regular =
        "not a regular file (a page is a markdown file, not a FIFO, a device or a directory)";
    for expected in [
        format!("error: cannot read `{}`: {not_regular}\n", fifo.display()),
        format!("error: cannot read `{}`: {not_regular}\n", zero.display()),
        format!(
            "error: cannot read `{}`: the page is 1073741824 bytes; pages larger than 1048576 bytes are not imported (a Create Instance page is a few kilobytes)\n",
            huge.display()
        ),
    ] {
        assert!(stderr.contains(&expected), "{expected}in\n{stderr}");
    }
    assert!(catalog.join("base.yaml").is_file(), "{}", text(&out.stdout));
}

/// A consent URL with a port keeps it in the descriptor's `authorize_url`.
#[test]
fn import_keeps_the_consent_urls_port() {
    let tmp = tempfile::tempdir().unwrap();
    let page = fs::read_to_string("tests/import/cases/oauth2.md")
        .unwrap()
        .replace(
            "https://api.getbase.com/oauth2/",
            "https://api.getbase.com:8443/oauth2/",
        );
    assert!(page.contains(":8443/"));
    let path = tmp.path().join("oauth2.md");
    fs::write(&path, page).unwrap();
    let out = run_import(tmp.path().join("catalog"), &[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let descriptor = fs::read_to_string(tmp.path().join("catalog/base.yaml")).unwrap();
    assert!(
        descriptor.contains("authorize_url: \"https://api.getbase.com:8443/oauth2/authorize\""),
        "{descriptor}"
    );
}

/// `new` writes only a descriptor that validates with its catalog: a key that is a
/// reserved feature (`all`), a page name the index or another element already has
/// (`index`, `basecrm`), or a name with a control character is refused with the
/// errors the descriptor would have, and nothing is written.
#[test]
fn new_writes_only_what_validates_with_the_catalog() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("descriptors");
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(CATALOG).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let before: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for (key, name) in [
        ("all", "All"),
        ("index", "Index"),
        ("basecrm", "Base CRM Two"),
        ("acme", "Acme\u{1b}[31m CRM"),
    ] {
        let out = run_new(&dir, key, name, "basic");
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{key}: {stderr}");
        assert!(stderr.starts_with("error"), "{key}: {stderr}");
        assert!(
            stderr.ends_with(&format!(
                "error: `{}` would not validate with the catalog; nothing was written\n",
                dir.join(format!("{key}.yaml")).display()
            )),
            "{key}: {stderr}"
        );
        assert!(
            !out.stderr.contains(&0x1b),
            "{key}: the name reached the terminal raw"
        );
        assert!(text(&out.stdout).is_empty());
    }
    let after: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(after, before);
}

/// In a new workspace without a catalog, `new` without `--descriptors` makes the
/// project's `descriptors/` at the workspace root, from any of its directories.
#[test]
fn new_makes_the_first_catalog_at_the_workspace_root() {
    let tmp = tempfile::tempdir().unwrap();
    let top = tmp.path();
    fs::create_dir_all(top.join("app/src")).unwrap();
    fs::write(top.join("Cargo.toml"), "[workspace]\nmembers = [\"app\"]\n").unwrap();
    let out = Command::new(BIN)
        .current_dir(top.join("app/src"))
        .args(["new", "acme", "--name", "Acme", "--auth", "basic"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("created ../../descriptors/acme.yaml\n"));
    assert!(top.join("descriptors/acme.yaml").is_file());
}

/// The front matter value `name` of a corpus page, as the page writes it.
fn front_matter_value(page: &str, name: &str) -> Option<String> {
    let front = page.strip_prefix("---\n")?.split_once("\n---")?.0;
    front
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .map(|v| v.trim().to_string())
}

/// What the corpus pages say that the catalog's pages once lost without a word: each
/// is on the generated page now, or named as left out in the element's descriptor.
#[test]
fn corpus_losses_are_expressed_or_commented() {
    let catalog = real_catalog();
    let corpus = Path::new("tests/import/corpus");
    // Every page keeps its tab title (the portal's newer pages say "Authenticate").
    let mut compared = 0;
    for e in &catalog.elements {
        let Ok(page) = fs::read_to_string(corpus.join(e.page.file())) else {
            continue;
        };
        // The truncated copy of a page has no front matter left to compare.
        let Some(title) = front_matter_value(&page, "title") else {
            continue;
        };
        assert_eq!(e.page.title, title, "{}: the tab title", e.key);
        compared += 1;
    }
    assert!(compared > 80, "only {compared} elements have a corpus page");

    // The console walk-throughs are left out, and say so.
    for (descriptor, page) in [
        ("box", "box"),
        ("concur", "concur"),
        ("connectwisecrmrest", "connectwise-rest-crm"),
        ("netsuiteerpv2", "netsuite-2016-erp"),
    ] {
        let page = fs::read_to_string(corpus.join(format!("{page}.md"))).expect("corpus page");
        assert!(page.contains("\n## Authenticate Through the UI\n"));
        let yaml = fs::read_to_string(Path::new(CATALOG).join(format!("{descriptor}.yaml")))
            .expect("descriptor");
        assert!(
            yaml.contains("# Left out: the page's \"Authenticate Through the UI\" section"),
            "{descriptor}.yaml does not say it leaves out the UI walk-through"
        );
    }

    // Concur's signature key is an option of its own (a secret); its poller
    // configuration, which the page leaves blank, is named as left out.
    let concur = catalog
        .elements
        .iter()
        .find(|e| e.key == "concur")
        .expect("concur");
    let key = concur.variants[0]
        .config
        .iter()
        .find(|f| f.key == "event.notification.signature.key")
        .expect("concur's signature key");
    assert!(key.secret && !key.required);
    let yaml = fs::read_to_string(Path::new(CATALOG).join("concur.yaml")).expect("descriptor");
    assert!(yaml.contains("# Left out: \"Configure Polling\" `event.poller.configuration`"));
}

/// Generated code names the runtime by its crate path (`::elements_runtime::`), so it
/// compiles in any crate that depends on `elements-runtime`: every `crate::` path in
/// the kitchen catalog's client (every feature of the format) leads to an item the
/// generated code defines itself, at the top of `elements.rs` (an element module, the
/// common options and their enums, the generic builder and instance request).
#[test]
fn generated_code_names_the_runtime_by_its_crate_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rust");
    let run = run(&[
        "rust",
        "--descriptors",
        "../tests/catalogs/kitchen",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));

    // Every file `rust` writes: the root files, the elements' and the examples'.
    let mut files = vec![out.join("elements.rs"), out.join("examples.rs")];
    for dir in ["elements", "examples"] {
        for entry in fs::read_dir(out.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    let sources: Vec<String> = files
        .iter()
        .map(|file| fs::read_to_string(file).unwrap())
        .collect();
    // What the generated files define at the top (unindented): `include!` puts each
    // element's file beside the root file's items.
    let defined: std::collections::BTreeSet<&str> = sources
        .iter()
        .flat_map(|code| code.lines())
        .filter_map(|line| {
            let line = line.strip_prefix("pub ")?;
            ["mod ", "struct ", "enum ", "trait ", "type "]
                .iter()
                .find_map(|kind| line.strip_prefix(kind))
                .map(|rest| rest.split([' ', ';', '{', '<', ':']).next().unwrap())
        })
        .collect();
    for name in [
        "InstanceOptions",
        "Builder",
        "NewInstance",
        "acme",
        "acme_two",
        "acme_three",
    ] {
        assert!(defined.contains(name), "{name} not in {defined:?}");
    }

    let mut runtime_paths = 0;
    for (file, code) in files.iter().zip(&sources) {
        runtime_paths += code.matches("::elements_runtime::").count();
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                defined.contains(name.as_str()),
                "{}: `crate::{name}` is not generated code",
                file.display()
            );
        }
    }
    assert!(runtime_paths > 100, "{runtime_paths} runtime paths");
}

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

/// The synthetic catalog the benchmark and `scripts/scale` measure is a valid one:
/// a copy of a descriptor that repeated one element's own value (its id, its portal
/// path) would measure the error path instead.
#[test]
fn the_synthetic_catalog_is_valid() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in synthetic::catalog(200) {
        fs::write(tmp.path().join(name), bytes).unwrap();
    }
    let checked = check_catalog(tmp.path()).unwrap();
    assert!(
        !checked.has_errors(),
        "{}",
        render(&checked.diagnostics, false)
    );
    assert_eq!(checked.catalog.elements.len(), 200);
}

#[path = "cli/diff.rs"]
mod diff;
