//! A seeded, bounded mutation test over the real descriptors: thousands of mutants
//! (lines deleted, duplicated, swapped or re-indented, values replaced by hostile
//! text, bytes flipped), each checked as a one-file catalog. None may panic; every
//! rejected mutant has at least one error, each at a position inside its file; every
//! accepted mutant yields Rust that `syn` parses and pages that render.
//!
//! `cargo test` checks 700 mutants, on every core; `ELEMENTGEN_MUTANTS=N` checks
//! N (`.ci/run` checks 5,000). With `ELEMENTGEN_MUTANTS_DIR=DIR`, a sample of
//! accepted mutants (renamed so their keys and ids are unique) is also written to
//! DIR as a catalog, which CI builds and lints as the `elements` client.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use elementgen::check_sources;
use elementgen::emit::{docs, rust};

/// Mutants per `cargo test` run: a few seconds on two cores. `.ci/run` checks more
/// (`ELEMENTGEN_MUTANTS`).
const CASES: usize = 700;
/// Accepted mutants written out for CI's build of the client.
const SAMPLE: usize = 40;
const SEED: u64 = 0x5eed_e1e3_e475;

/// Text a hostile author (or an importer fed a hostile page) might put anywhere.
const HOSTILE: &[&str] = &[
    "\"password\\ncargo::rustc-link-lib=static:+whole-archive=evil\\n\"",
    "cargo::rustc-link-lib=evil",
    "{{ page.title }}",
    "{% raw %}",
    "{% endraw %}",
    "\"```\\nfn main() {}\\n```\"",
    "|\n  ```\n  fn main() {}\n  ```\n",
    "|\n  - item\n  lazy\n",
    "\u{202e}",
    "\"\\u202e\"",
    "\"\\r\"",
    "\r",
    "\t",
    "\"\\t\"",
    "\"\\u2028\"",
    "\"\\e[31m\"",
    "self",
    "Self",
    "type",
    "crate",
    "super",
    "<script>alert(1)</script>",
    "<tenant id>",
    "|",
    "`",
    "``",
    "*/",
    "\"#",
    "\\",
    "null",
    "~",
    "yes",
    "On",
    "0x1F",
    "12:30:00",
    "1e3",
    "-1",
    "99999999999999999999",
    "&anchor",
    "*anchor",
    "!!binary",
    "[",
    "{",
    "]",
    "}",
    "- ",
    ": ",
    "#",
    "---",
    "...",
    "\"\"",
    "''",
    "über",
    "日本語",
    "😀",
    "https://example.com/a_b?c=d",
    "http://insecure.example.com",
    "https://{nope}.example.com",
    "enum",
    "integer",
    "bool",
    "url",
    "oauth2",
    "oauth1",
    "custom",
    "api_key",
    "true",
    "false",
    "0",
];

/// Words of the YAML library's Rust API that its messages use and users cannot act on.
const LIBRARY_WORDS: &[&str] = &[
    "Option<",
    "Options",
    "from_str",
    "serde",
    "deserialize",
    "struct ",
    "DuplicateKeyPolicy",
    "u64",
    "i64",
    "usize",
];

/// A small deterministic generator (xorshift64*), so that a failing case is the same
/// on every machine and run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn hostile(rng: &mut Rng) -> &'static str {
    HOSTILE[rng.below(HOSTILE.len())]
}

/// One random edit of `text`.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return hostile(rng).to_string();
    }
    let i = rng.below(lines.len());
    match rng.below(13) {
        0 => {
            lines.remove(i);
        }
        1 => {
            let line = lines[i].clone();
            lines.insert(i, line);
        }
        2 => {
            let j = rng.below(lines.len());
            lines.swap(i, j);
        }
        3 => match rng.below(3) {
            0 => lines[i].insert_str(0, "  "),
            1 => lines[i].insert(0, '\t'),
            _ => {
                let trimmed = lines[i].trim_start().to_string();
                lines[i] = trimmed;
            }
        },
        4 => {
            // A value replaced: `name: value` becomes `name: HOSTILE`.
            if let Some(colon) = lines[i].find(": ") {
                lines[i].truncate(colon + 2);
                lines[i].push_str(hostile(rng));
            } else {
                lines[i].push_str(hostile(rng));
            }
        }
        5 => {
            // Hostile text inserted inside a line (at a character boundary).
            let chars: Vec<char> = lines[i].chars().collect();
            let at = rng.below(chars.len() + 1);
            let mut line: String = chars[..at].iter().collect();
            line.push_str(hostile(rng));
            line.extend(&chars[at..]);
            lines[i] = line;
        }
        6 => {
            // A run of characters deleted.
            let chars: Vec<char> = lines[i].chars().collect();
            let at = rng.below(chars.len() + 1);
            let len = rng.below(6).min(chars.len() - at);
            lines[i] = chars[..at].iter().chain(&chars[at + len..]).collect();
        }
        7 => {
            // A line from elsewhere in the file, as a new field of a random mapping.
            let j = rng.below(lines.len());
            let line = format!("{}{}", " ".repeat(2 * rng.below(4)), lines[j].trim_start());
            lines.insert(i, line);
        }
        9..=11 => return quoted_hostile(rng, &lines, i),
        _ => {
            // A field that does not exist, or a known one in the wrong place.
            let field = *rng.pick(&[
                "colour: red",
                "secret: true",
                "const: 1",
                "omit: [oauth.callback.url]",
                "required: false",
                "default: \"\"",
                "type: enum",
                "values: []",
                "wire: string",
                "selector: x",
                "id: self",
            ]);
            let indent = lines[i].len() - lines[i].trim_start().len();
            lines.insert(i, format!("{}{field}", " ".repeat(indent)));
        }
    }
    let mut out = lines.join("\n");
    if rng.below(4) > 0 {
        out.push('\n');
    }
    out
}

/// Text fields: where hostile text is accepted and reaches every emitter.
const TEXT_FIELDS: &[&str] = &[
    "name:",
    "description:",
    "label:",
    "title:",
    "seo_name:",
    "notes:",
    "example:",
    "scope:",
    "selector:",
];

/// A text field (the one on line `i`, else a random one) given hostile text, quoted so
/// that it stays a string: what an importer writes from a hostile page.
fn quoted_hostile(rng: &mut Rng, lines: &[String], i: usize) -> String {
    let mut lines = lines.to_vec();
    let is_text = |l: &String| {
        let field = l.trim_start().trim_start_matches("- ");
        TEXT_FIELDS.iter().any(|f| field.starts_with(f))
    };
    let candidates: Vec<usize> = (0..lines.len()).filter(|&j| is_text(&lines[j])).collect();
    let i = if is_text(&lines[i]) || candidates.is_empty() {
        i
    } else {
        *rng.pick(&candidates)
    };
    if let Some(colon) = lines[i].find(": ") {
        let old = lines[i][colon + 2..].trim().trim_matches('"').to_string();
        let new = match rng.below(3) {
            0 => hostile(rng).to_string(),
            1 => format!("{old}{}", hostile(rng)),
            _ => format!("{}{old}{}", hostile(rng), hostile(rng)),
        };
        lines[i].truncate(colon + 2);
        lines[i].push_str(&serde_json::to_string(&new).expect("a string serializes"));
    }
    lines.join("\n") + "\n"
}

fn real_descriptors() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../descriptors");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("the catalog directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, fs::read_to_string(&p).expect("a descriptor"))
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "the real catalog is there");
    out
}

/// What happened to one mutant; a failure says why, with the mutant to reproduce it.
enum Outcome {
    Rejected,
    Accepted,
}

/// Whether `said` holds `word` as a word of its own: `Options` in serde's wording,
/// not in the client's `InstanceOptions`, which the help may name.
fn speaks(said: &str, word: &str) -> bool {
    said.match_indices(word).any(|(at, _)| {
        !said[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn check_mutant(stem: &str, text: &str, templates: &docs::Templates) -> Result<Outcome, String> {
    let path = PathBuf::from(format!("descriptors/{stem}.yaml"));
    let checked = check_sources([(path.clone(), text.as_bytes().to_vec())]);
    let lines = text.lines().count().max(1);
    let mut errors = 0;
    for d in &checked.diagnostics {
        if d.file != path {
            return Err(format!("a diagnostic names another file: {d:?}"));
        }
        if d.position.line < 1 || d.position.line > lines + 1 || d.position.column < 1 {
            return Err(format!(
                "a diagnostic is not at a position of the file: {d:?}"
            ));
        }
        if d.message.trim().is_empty() {
            return Err(format!("a diagnostic without a message: {d:?}"));
        }
        // The parser's Rust-facing wording must not reach the user.
        let said = format!("{} {} {}", d.message, d.label, d.help.join(" "));
        if let Some(word) = LIBRARY_WORDS.iter().find(|w| speaks(&said, w)) {
            return Err(format!(
                "a diagnostic speaks the YAML library's API ({word}): {d:?}"
            ));
        }
        errors += usize::from(d.is_error());
    }
    if errors > 0 {
        return Ok(Outcome::Rejected);
    }
    if checked.catalog.elements.len() != 1 {
        return Err("accepted without an error, but no element came out".into());
    }
    for (name, source) in rust::files(&checked.catalog) {
        syn::parse_file(&source)
            .map_err(|e| format!("the generated Rust (`{name}`) does not parse: {e}"))?;
    }
    for element in &checked.catalog.elements {
        templates
            .page(element)
            .map_err(|e| format!("the page does not render: {e}"))?;
    }
    templates
        .index(&checked.catalog)
        .map_err(|e| format!("the index does not render: {e}"))?;
    Ok(Outcome::Accepted)
}

/// An accepted mutant as a descriptor of its own: key `m<N>` (file `m<N>.yaml`) and a
/// unique element id, so that a sample of them forms one catalog.
fn renamed(text: &str, n: usize) -> Option<(String, String)> {
    let key = format!("m{n}");
    let mut found = false;
    let lines: Vec<String> = text
        .lines()
        // Ids and page names are unique in a catalog; the renamed key names the page.
        .filter(|l| !l.starts_with("element_id:") && !l.starts_with("  page:"))
        .map(|l| {
            if l.starts_with("key:") && !found {
                found = true;
                format!("key: {key}")
            } else {
                l.to_string()
            }
        })
        .collect();
    found.then(|| (key, lines.join("\n") + "\n"))
}

/// The mutants of a run: drawn one after another from the seeded generator (so the
/// same seed gives the same mutants), each with the descriptor it came from.
fn mutants(originals: &[(String, String)], cases: usize) -> Vec<(&str, &str, String)> {
    let mut rng = Rng(SEED);
    (0..cases)
        .map(|case| {
            let (stem, original) = rng.pick(originals);
            let mut text = original.clone();
            for _ in 0..=rng.below(3) {
                text = if case % 3 == 0 {
                    let lines: Vec<String> = text.lines().map(str::to_string).collect();
                    let i = rng.below(lines.len());
                    quoted_hostile(&mut rng, &lines, i)
                } else {
                    mutate(&mut rng, &text)
                };
            }
            (stem.as_str(), original.as_str(), text)
        })
        .collect()
}

/// What checking one mutant gave, or why it failed (a panic included).
fn outcome(stem: &str, text: &str, templates: &docs::Templates) -> Result<Outcome, String> {
    catch_unwind(AssertUnwindSafe(|| check_mutant(stem, text, templates))).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Err(format!("panicked: {message}"))
    })
}

#[test]
fn mutants_never_panic_and_every_accepted_one_generates() {
    let cases = std::env::var("ELEMENTGEN_MUTANTS").ok().map_or(CASES, |n| {
        n.parse().expect("ELEMENTGEN_MUTANTS is a number")
    });
    let originals = real_descriptors();
    let templates = docs::Templates::builtin().expect("the built-in templates load");
    let sample_dir = std::env::var_os("ELEMENTGEN_MUTANTS_DIR").map(PathBuf::from);
    let mutants = mutants(&originals, cases);
    // Checked on every core, each thread taking every n-th mutant; the outcomes are
    // put back in case order, so the report does not depend on the threads.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut outcomes: Vec<Option<Result<Outcome, String>>> = (0..cases).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (mutants, templates) = (&mutants, &templates);
                scope.spawn(move || {
                    (t..mutants.len())
                        .step_by(threads)
                        .map(|case| {
                            let (stem, _, text) = &mutants[case];
                            (case, outcome(stem, text, templates))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for (case, result) in handle.join().expect("a checking thread") {
                outcomes[case] = Some(result);
            }
        }
    });
    let (mut accepted, mut rejected) = (0, 0);
    let mut failures = Vec::new();
    let mut sample = Vec::new();
    for (case, ((stem, original, text), result)) in mutants.iter().zip(outcomes).enumerate() {
        match result.expect("every mutant was checked") {
            Ok(Outcome::Accepted) => {
                accepted += 1;
                // The sample carries hostile text: from the cases that place it.
                if case % 3 == 0 && text != original && sample.len() < SAMPLE {
                    sample.extend(renamed(text, case));
                }
            }
            Ok(Outcome::Rejected) => rejected += 1,
            Err(why) => failures.push(format!("case {case} (from {stem}.yaml): {why}\n{text}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} mutants failed; the first:\n{}",
        failures.len(),
        failures[0]
    );
    // The mutator must exercise both sides, or the test proves little.
    assert!(
        accepted > cases / 10 && rejected > cases / 10,
        "accepted {accepted}, rejected {rejected}"
    );
    eprintln!("mutants: {accepted} accepted, {rejected} rejected");
    if let Some(dir) = sample_dir {
        write_sample(&dir, &sample);
    }
}

/// Writes the sample catalog; it must validate as a whole, as CI builds it.
fn write_sample(dir: &Path, sample: &[(String, String)]) {
    fs::create_dir_all(dir).expect("the sample directory");
    for (key, text) in sample {
        fs::write(dir.join(format!("{key}.yaml")), text).expect("write a mutant");
    }
    let checked = elementgen::check_catalog(dir).expect("read the sample");
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "the sample catalog has errors: {errors:#?}"
    );
}

#[test]
fn library_words_are_whole_words() {
    assert!(speaks("invalid type: Options, expected", "Options"));
    assert!(speaks("Option<String>", "Option<"));
    assert!(!speaks("set it through `InstanceOptions`", "Options"));
    assert!(!speaks("a my_serde field", "serde"));
}
