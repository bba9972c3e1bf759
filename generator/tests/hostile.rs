//! Hostile descriptor files: each goes through `check_catalog` and through the
//! `elementgen validate` binary, in a directory of its own. Neither may panic, hang
//! or write anything; each must report one positioned error that names the file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use elementgen::check_catalog;
use elementgen::diagnostics::{Severity, plural};

const BIN: &str = env!("CARGO_BIN_EXE_elementgen");

/// Every file under `dir` (recursively) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.insert(path.clone(), Vec::new());
                stack.push(path);
            } else {
                out.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the elementgen binary runs")
}

/// One hostile file `name` with `bytes`: the library reports errors in that file only,
/// one of them containing `fragment` (the others are what the parser found past it); the CLI exits 1 with the same on stderr; nothing is written.
fn hostile(name: &str, bytes: &[u8], fragment: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = dir.join(name);
    fs::write(&file, bytes).unwrap();
    let before = snapshot(dir);

    let started = Instant::now();
    let checked = check_catalog(dir).expect("the directory is readable");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{name}: check_catalog took {:?}",
        started.elapsed()
    );
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        !errors.is_empty() && errors.iter().all(|e| e.file == file),
        "{name}: expected errors in {}, got {:#?}",
        file.display(),
        checked.diagnostics
    );
    assert!(
        errors.iter().any(|e| e.message.contains(fragment)),
        "{name}: no message contains {fragment:?}: {errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|e| e.position.line >= 1 && e.position.column >= 1)
    );

    let dir_arg = dir.to_str().unwrap();
    let out = run(&["validate", "--descriptors", dir_arg]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: exit status {:?}\nstderr:\n{stderr}",
        out.status
    );
    assert!(stderr.starts_with("error: "), "{name}: stderr:\n{stderr}");
    assert!(
        stderr.contains(&format!("--> {}:", file.display())),
        "{name}: stderr does not name {}:\n{stderr}",
        file.display()
    );
    assert!(
        stderr.contains(fragment),
        "{name}: stderr lacks {fragment:?}:\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{name}: panicked:\n{stderr}");
    let summary = format!(
        "{}, {}, {}, 0 warnings\n",
        plural(checked.catalog.elements.len(), "element"),
        plural(checked.catalog.variant_count(), "auth variant"),
        plural(errors.len(), "error")
    );
    assert_eq!(stdout, summary, "{name}: summary line");

    assert_eq!(snapshot(dir), before, "{name}: the directory changed");
}

const VALID_HEAD: &str = "name: Acme\nhub: crm\ndescription: Acme.\nauth:\n  - type: basic\n";

#[test]
fn malformed_yaml() {
    hostile(
        "acme.yaml",
        b"key: acme\nname: \"Acme\nhub: crm\n",
        "unclosed quote",
    );
    hostile(
        "acme.yaml",
        b"key: acme\nauth: [ {type: basic}\n",
        "unclosed bracket",
    );
    hostile(
        "acme.yaml",
        b"key: acme\nname: Acme\n  hub: crm\n",
        "unexpected `key: value` here",
    );
}

#[test]
fn empty_file() {
    hostile("acme.yaml", b"", "descriptor is empty");
    hostile("acme.yaml", b"\n\n   \n", "descriptor is empty");
}

#[test]
fn comments_only_file() {
    hostile(
        "acme.yaml",
        b"# yaml-language-server: $schema=schema.json\n  # nothing else\n",
        "descriptor is empty",
    );
}

#[test]
fn binary_file() {
    hostile(
        "acme.yaml",
        b"key: acme\0\x01\x02\nname: x\n",
        "file is binary (it contains NUL bytes)",
    );
}

#[test]
fn non_utf8_file() {
    hostile(
        "acme.yaml",
        b"key: acme\nname: Caf\xe9\n",
        "file is not UTF-8 text (invalid byte at offset 19)",
    );
}

#[test]
fn ten_megabyte_file() {
    let mut big = b"key: acme\ndescription: ".to_vec();
    big.resize(10 * 1024 * 1024, b'a');
    hostile(
        "acme.yaml",
        &big,
        "file is 10485760 bytes, larger than the 1048576 bytes a descriptor may have",
    );
}

#[test]
fn deeply_nested_flow_lists() {
    hostile(
        "acme.yaml",
        "[".repeat(10_000).as_bytes(),
        "recursion limit exceeded",
    );
    let under_auth = format!("key: acme\n{VALID_HEAD}").replace(
        "auth:\n  - type: basic\n",
        &format!("auth: {}\n", "[".repeat(10_000)),
    );
    hostile(
        "acme.yaml",
        under_auth.as_bytes(),
        "recursion limit exceeded",
    );
}

#[test]
fn deeply_nested_flow_mappings() {
    hostile(
        "acme.yaml",
        "{a: ".repeat(10_000).as_bytes(),
        "recursion limit exceeded",
    );
}

#[test]
fn deeply_nested_block_mappings() {
    // 10_000 levels of indentation are 100 MB, refused by size like the 10 MB file;
    // 700 levels (about 0.5 MB) reach the parser.
    let nested: String = (0..700)
        .map(|i| format!("{}a:\n", "  ".repeat(i)))
        .collect();
    hostile("acme.yaml", nested.as_bytes(), "unknown field `a`");
    let under_name: String = std::iter::once("key: acme\nname:\n".to_string())
        .chain((1..700).map(|i| format!("{}a:\n", "  ".repeat(i))))
        .collect();
    hostile("acme.yaml", under_name.as_bytes(), "expected a string");
}

#[test]
fn deeply_nested_block_lists() {
    let nested = format!("{}x\n", "- ".repeat(10_000));
    hostile(
        "acme.yaml",
        nested.as_bytes(),
        "expected a mapping of fields here",
    );
}

#[test]
fn alias_bomb() {
    // Billion laughs: nine levels of nine aliases each.
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='i' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        previous = name;
    }
    hostile("acme.yaml", bomb.as_bytes(), "unknown field `a`");
    // The same bomb where a field would take it: it is never expanded.
    let mut in_field = String::from("key: acme\nname: Acme\nhub: crm\ndescription: Acme.\nauth:\n");
    in_field.push_str(
        "  - &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in 'b'..='i' {
        let refs = vec![format!("*{previous}"); 9].join(",");
        in_field.push_str(&format!("  - &{name} [{refs}]\n"));
        previous = name;
    }
    hostile(
        "acme.yaml",
        in_field.as_bytes(),
        "expected a mapping of fields here",
    );
}

#[test]
fn descriptor_is_a_list() {
    hostile(
        "acme.yaml",
        b"- key: acme\n- name: Acme\n",
        "expected a mapping of fields here",
    );
}

#[test]
fn descriptor_is_a_scalar() {
    hostile("acme.yaml", b"hello\n", "expected a mapping of fields here");
    hostile("acme.yaml", b"42\n", "expected a mapping of fields here");
}

#[test]
fn path_like_keys() {
    for key in ["../x", "a/b", "/etc/passwd", "..", "a\\\\b"] {
        let text = format!("key: \"{key}\"\n{VALID_HEAD}");
        hostile("x.yaml", text.as_bytes(), "invalid element key");
    }
}

#[test]
fn yml_extension() {
    hostile(
        "acme.yml",
        format!("key: acme\n{VALID_HEAD}").as_bytes(),
        "descriptor files must end in `.yaml`",
    );
}

/// `new` with a key that is a path: refused with status 2, nothing written anywhere
/// in the temporary tree around the catalog.
#[test]
fn new_refuses_path_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let absolute = tmp.path().join("abs").display().to_string();
    for key in ["../x", "a/b", &absolute, "..", "", "x\\y", "x.y"] {
        let catalog = tmp.path().join("descriptors");
        fs::create_dir_all(&catalog).unwrap();
        let before = snapshot(tmp.path());
        let out = run(&[
            "new",
            "--descriptors",
            catalog.to_str().unwrap(),
            key,
            "--name",
            "X",
            "--auth",
            "basic",
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "new {key:?}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "error: invalid element key `{key}`\n  = help: a key is 1 to 64 characters of `A-Za-z0-9_-`, starting with a letter or digit\n"
            ),
            "new {key:?}"
        );
        assert!(out.stdout.is_empty(), "new {key:?} printed to stdout");
        assert_eq!(snapshot(tmp.path()), before, "new {key:?} wrote something");
    }
}

/// A descriptor that links out of the catalog (here to a stand-in for `/etc/passwd`)
/// is refused without being read: the error says so, and nothing of the target's
/// content is echoed.
#[test]
fn link_out_of_the_catalog_is_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("passwd"),
        "root:SECRET-LINE:0:0:root:/root:/bin/bash\n",
    )
    .unwrap();
    let dir = tmp.path().join("descriptors");
    fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(outside.join("passwd"), dir.join("acme.yaml")).unwrap();

    let checked = check_catalog(&dir).unwrap();
    assert_eq!(checked.diagnostics.len(), 1, "{:#?}", checked.diagnostics);
    let d = &checked.diagnostics[0];
    assert_eq!(
        d.message,
        "the file is a link to a file outside the descriptor directory; it was not read"
    );
    assert_eq!(d.source_line, "");

    let out = run(&["validate", "--descriptors", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("link to a file outside"), "{stderr}");
    assert!(
        !stderr.contains("SECRET-LINE"),
        "the target was echoed:\n{stderr}"
    );
}

/// A dangling link named `*.yaml` is an error naming it, not an element that goes
/// missing without a word.
#[cfg(unix)]
#[test]
fn dangling_link_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("acme.yaml"),
        format!("key: acme\n{VALID_HEAD}"),
    )
    .unwrap();
    let ghost = tmp.path().join("ghost.yaml");
    std::os::unix::fs::symlink(tmp.path().join("gone.yaml"), &ghost).unwrap();
    let checked = check_catalog(tmp.path()).unwrap();
    assert_eq!(checked.diagnostics.len(), 1, "{:#?}", checked.diagnostics);
    let d = &checked.diagnostics[0];
    assert_eq!(d.file, ghost);
    assert!(
        d.is_error() && d.message.starts_with("cannot read the file: "),
        "{d:?}"
    );
    assert_eq!(d.help, ["check that the link's target exists"]);
    let out = run(&["validate", "--descriptors", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

/// A link to a FIFO is not a descriptor: it is not opened (which would block until
/// something wrote to the pipe), as a FIFO itself is not.
#[cfg(unix)]
#[test]
fn link_to_a_fifo_is_not_opened() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("acme.yaml"),
        format!("key: acme\n{VALID_HEAD}"),
    )
    .unwrap();
    let status = Command::new("mkfifo")
        .arg(tmp.path().join("pipe"))
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("pipe", tmp.path().join("piped.yaml")).unwrap();
    let paths = elementgen::load::descriptor_paths(tmp.path()).unwrap();
    assert_eq!(paths, [tmp.path().join("acme.yaml")]);
}

/// A link to another file of the same directory is an ordinary descriptor.
#[test]
fn link_inside_the_catalog_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(
        tmp.path().join("acme.txt"),
        format!("key: acme\n{VALID_HEAD}"),
    )
    .unwrap();
    std::os::unix::fs::symlink(tmp.path().join("acme.txt"), tmp.path().join("acme.yaml")).unwrap();
    let checked = check_catalog(tmp.path()).unwrap();
    assert_eq!(checked.diagnostics, Vec::new());
    assert_eq!(checked.catalog.elements[0].key, "acme");
}

/// A name of 600 words (what `import` could copy from a page's heading) is refused
/// at its line with the length limit; labels, titles and prose have theirs.
#[test]
fn overlong_names_labels_titles_and_prose() {
    let words = vec!["word"; 600].join(" ");
    hostile(
        "acme.yaml",
        format!("key: acme\nname: {words}\nhub: crm\ndescription: d\nauth:\n  - type: basic\n")
            .as_bytes(),
        &format!("name is {} characters long", words.len()),
    );
    let long = "x".repeat(elementgen::resolve::MAX_NAME_CHARS + 1);
    hostile(
        "acme.yaml",
        format!("key: acme\nname: Acme\nhub: crm\ndescription: d\nauth:\n  - type: basic\n    title: {long}\n").as_bytes(),
        "title is 201 characters long",
    );
    let prose = "y ".repeat(elementgen::resolve::MAX_PROSE_CHARS);
    hostile(
        "acme.yaml",
        format!("key: acme\nname: Acme\nhub: crm\ndescription: d\ndocs:\n  notes: {prose}\nauth:\n  - type: basic\n")
            .as_bytes(),
        "prose text is 39999 characters long",
    );
    let description = "y ".repeat(elementgen::resolve::MAX_DESCRIPTION_CHARS);
    hostile(
        "acme.yaml",
        format!(
            "key: acme\nname: Acme\nhub: crm\ndescription: {description}\nauth:\n  - type: basic\n"
        )
        .as_bytes(),
        "description is 3999 characters long",
    );
    let values: Vec<String> = (0..=elementgen::resolve::MAX_ENUM_VALUES)
        .map(|i| format!("v{i}"))
        .collect();
    hostile(
        "acme.yaml",
        format!(
            "key: acme\nname: Acme\nhub: crm\ndescription: d\nauth:\n  - type: basic\n    config:\n      - key: mode\n        type: enum\n        values: [{}]\n",
            values.join(", ")
        )
        .as_bytes(),
        "the enum has 501 values of 1894 characters",
    );
}

/// What kramdown spends on a page's lines: for each tag, and each entity outside raw
/// HTML (a `<code>` element, a descriptor markdown block), it notes the line number by
/// scanning to the next line break (`Kramdown::Utils::StringScanner#current_line_number`),
/// so the cost is the bytes from each to the end of its line.
fn kramdown_line_scans(page: &str) -> usize {
    use elementgen::emit::markdown::{MARKDOWN_BLOCK_END, MARKDOWN_BLOCK_START};
    let mut in_block = false;
    let mut scans = 0;
    for line in page.lines() {
        in_block |= line.contains(MARKDOWN_BLOCK_START);
        let mut in_code = false;
        for (at, c) in line.char_indices() {
            let rest = &line[at..];
            if c == '<' {
                in_code = rest.starts_with("<code") || (in_code && !rest.starts_with("</code"));
                scans += rest.len();
            } else if c == '&' && !in_code && !in_block {
                scans += rest.len();
            }
        }
        in_block &= !line
            .trim_end_matches("{% endraw %}")
            .ends_with(MARKDOWN_BLOCK_END);
    }
    scans
}

/// Every text at its length limit, made of what escapes the most (a brace becomes
/// `&#123;`, emphasis a pair of tags): the page's cost to kramdown stays linear in its
/// size. On one line, the 20,000-character note alone cost kramdown the square of its
/// 80 KB of HTML, and the portal's build of such a page took seconds per text.
#[test]
fn the_longest_texts_make_a_page_kramdown_reads_in_linear_time() {
    use elementgen::resolve::{
        MAX_DESCRIPTION_CHARS, MAX_ENUM_CHARS, MAX_ENUM_VALUES, MAX_PROSE_CHARS,
    };
    let tmp = tempfile::tempdir().unwrap();
    let markup = "*a* {b} _c_ `d` &e; ".repeat(MAX_PROSE_CHARS / 20);
    let lines = "- *a*\n\n  b {{c}}\n".repeat(MAX_PROSE_CHARS / 20);
    let braces = "{".repeat(MAX_DESCRIPTION_CHARS);
    // Values of `{` and a number, together just within the limit.
    let values: Vec<String> = (0..MAX_ENUM_VALUES)
        .map(|i| format!("{}{i:03}", "{".repeat(MAX_ENUM_CHARS / MAX_ENUM_VALUES - 3)))
        .collect();
    let descriptor = serde_json::json!({
        "key": "acme", "name": "Acme", "hub": "crm", "description": braces,
        "docs": { "preamble": markup, "notes": lines },
        "auth": [{
            "type": "basic", "notes": markup,
            "config": [
                { "key": "a", "label": "A", "description": braces },
                { "key": "b", "label": "B", "type": "enum", "values": values },
            ],
        }],
    });
    fs::write(tmp.path().join("acme.yaml"), descriptor.to_string()).unwrap();
    let checked = check_catalog(tmp.path()).unwrap();
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let templates = elementgen::emit::docs::Templates::builtin().unwrap();
    let page = templates.page(&checked.catalog.elements[0]).unwrap();
    let scans = kramdown_line_scans(&page);
    assert!(
        scans < 256 * page.len(),
        "kramdown scans {scans} bytes for a page of {} bytes",
        page.len()
    );
}

/// The longest name the limit allows, in one-letter words (the most runs of words a
/// name of that length has), generates a module of a few kilobytes at once: the
/// search aliases are runs of a few words, not every run.
#[test]
fn the_longest_name_makes_a_small_module() {
    let tmp = tempfile::tempdir().unwrap();
    let letters: Vec<String> = (0..elementgen::resolve::MAX_NAME_CHARS / 2)
        .map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap()).to_string())
        .collect();
    let name = letters.join(" ");
    assert!(name.chars().count() <= elementgen::resolve::MAX_NAME_CHARS);
    fs::write(
        tmp.path().join("acme.yaml"),
        format!("key: acme\nname: {name}\nhub: crm\ndescription: d\nauth:\n  - type: basic\n"),
    )
    .unwrap();
    let started = Instant::now();
    let checked = check_catalog(tmp.path()).unwrap();
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let module = elementgen::emit::rust::element_source(&checked.catalog.elements[0]);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(module.len() < 64 * 1024, "{} bytes", module.len());
    let aliases = module.matches("#[doc(alias = ").count();
    assert!(aliases <= 4 * letters.len() + 2, "{aliases} aliases");
}
