//! `elementgen`: the command-line front door. Parsing arguments and printing are here;
//! everything else is the library's.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use elementgen::descriptor::{AuthType, Hub};
use elementgen::diagnostics::{self, Diagnostic, plural};
use elementgen::emit::{docs, features};
use elementgen::model::Catalog;
use elementgen::write::{self, FileSet, Stale};
use elementgen::{check_catalog, resolve, scaffold, schema};

/// The emitters build many short-lived strings and the pages and modules they make
/// add up to megabytes per thousand elements: mimalloc serves the small ones faster
/// than glibc, and keeps freed memory for the next file where glibc hands it back to
/// the kernel and faults it in again. The benchmark (`benches/pipeline.rs`) uses it
/// too, so that it measures what the CLI runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "Examples:
  elementgen validate
  elementgen new acme --name \"Acme CRM\" --auth oauth2 --hub crm
  elementgen generate
  elementgen check
  elementgen import old-docs/*.md

Exit status: 0 ok, 1 invalid descriptors or stale output, 2 usage or I/O error.";

/// Generate Rust clients and guide pages for element instances from YAML descriptors.
///
/// Descriptors (`<key>.yaml`, one per element) are the single source of truth: the
/// guide pages, the JSON Schema and the `elements` client crate are generated from
/// them and cannot drift apart.
#[derive(Debug, Parser)]
#[command(
    name = "elementgen",
    version,
    about,
    long_about,
    propagate_version = true,
    after_help = AFTER_HELP
)]
struct Cli {
    /// Directory of the element descriptors.
    #[arg(long, global = true, value_name = "DIR", default_value = "descriptors")]
    descriptors: PathBuf,
    /// Directory of tera templates overriding the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Directory the guide pages are written to (and checked in).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        default_value = "generated/docs"
    )]
    out: PathBuf,
    /// The client crate's manifest, whose element features (one per key, and `all`)
    /// `generate` keeps in step with the catalog [default: `generated/Cargo.toml`
    /// beside the descriptor directory, when it has the marker lines].
    #[arg(long, global = true, value_name = "FILE")]
    manifest: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check the whole catalog and print every problem found.
    ///
    /// Exits 1 when any descriptor has an error; warnings only print.
    Validate,
    /// List the elements of the catalog.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a new descriptor `<DIR>/KEY.yaml` for an auth type, ready to edit.
    ///
    /// The file holds the fields the auth type needs and validates as written, with
    /// `TODO` where only the provider's facts will do (`validate` warns on each one
    /// left). An existing file is never overwritten.
    New {
        /// Element key: 1-64 characters of `A-Za-z0-9_-`, starting with a letter or digit.
        key: String,
        /// Display name of the element.
        #[arg(long)]
        name: String,
        /// Auth type of the first variant.
        #[arg(long, value_enum)]
        auth: AuthArg,
        /// Hub the element belongs to.
        #[arg(long, value_enum, default_value_t = HubArg::GENERAL)]
        hub: HubArg,
    },
    /// Print the JSON Schema of the descriptor format.
    Schema,
    /// Write every generated file that is out of date: the guide pages, the schema and
    /// the client crate's element features.
    ///
    /// The pages directory is laid out for the portal's Jekyll site: one page per
    /// element, `index.md` (linking to the published `.html` pages) and
    /// `_includes/common-instance-config.md`, the include every page ends with.
    /// Unchanged files are left untouched; pages of removed elements are deleted.
    /// The features (one per element key, and `all`) go between the marker lines of
    /// the client's `Cargo.toml` (see `--manifest`).
    Generate,
    /// Check that every generated file is up to date, writing nothing.
    ///
    /// Prints a diff per stale file and the command that fixes it; exits 1 if any.
    Check,
    /// Import hand-written Create Instance pages as descriptors.
    ///
    /// Reads each markdown PAGE (front matter, headings, request bodies, sample
    /// responses, OAuth calls) and writes one descriptor per element it shows into the
    /// descriptor directory. Where the page contradicts itself, the request body wins
    /// for the key and the configuration and the sample `oauthUrl` for the consent
    /// page; each contradiction is printed with its file:line and both values, and the
    /// choice made is a comment in the descriptor, as is every guess. A page that
    /// cannot be imported is an error (exit 1) and nothing is written for it; the
    /// other pages are still imported.
    #[command(after_help = "Examples:
  elementgen import docs/basecrm.md
  elementgen import pages/*.md --descriptors /tmp/catalog --dry-run")]
    Import {
        /// The pages to import (markdown, as published).
        #[arg(required = true, value_name = "PAGE")]
        pages: Vec<PathBuf>,
        /// Replace descriptors that already exist.
        #[arg(long)]
        force: bool,
        /// Print the descriptors and warnings, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the generated Rust of every element into DIR, for reading.
    ///
    /// `elements.rs` (what the client crate includes) and one `elements/<module>.rs`
    /// per element, each written only when it changed; files written earlier for
    /// elements no longer in the catalog are removed.
    Rust {
        /// Directory to write the modules into.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Aligned columns.
    Table,
    /// A JSON array, one object per element.
    Json,
}

/// Writes a line to stdout. A closed pipe (`elementgen list | head`) is not an error:
/// `println!` would panic there.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Writes to stdout without a line break; see `say!`.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// Exit statuses: 0 ok, 1 invalid descriptors or stale output, 2 usage or I/O error.
const INVALID: u8 = 1;
const IO_ERROR: u8 = 2;

/// Ends a command early with an exit status, after its message has been printed.
struct Exit(u8);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Exit(code)) => ExitCode::from(code),
    }
}

fn run(cli: &Cli) -> Result<(), Exit> {
    match &cli.command {
        Command::Validate => validate(cli),
        Command::List { format } => list(cli, *format),
        Command::New {
            key,
            name,
            auth,
            hub,
        } => new(cli, key, name, auth.0, hub.0),
        Command::Schema => {
            say_raw!("{}", schema::json());
            Ok(())
        }
        Command::Generate => generate(cli),
        Command::Check => check(cli),
        Command::Rust { dir } => rust(cli, dir),
        Command::Import {
            pages,
            force,
            dry_run,
        } => import(cli, pages, *force, *dry_run),
    }
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> Exit {
    eprintln!("error: cannot {what} `{}`: {e}", path.display());
    Exit(IO_ERROR)
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics::render(diagnostics, color()));
    }
}

/// Loads the catalog, printing its diagnostics; fails when there is any error.
fn load(cli: &Cli) -> Result<Catalog, Exit> {
    let checked = check_catalog(&cli.descriptors)
        .map_err(|e| io_error("read the descriptor directory", &cli.descriptors, &e))?;
    print_diagnostics(&checked.diagnostics);
    let (errors, warnings) = diagnostics::counts(&checked.diagnostics);
    if errors > 0 {
        eprintln!(
            "error: {} in {}, {}",
            plural(errors, "error"),
            cli.descriptors.display(),
            plural(warnings, "warning")
        );
        return Err(Exit(INVALID));
    }
    Ok(checked.catalog)
}

fn validate(cli: &Cli) -> Result<(), Exit> {
    let checked = check_catalog(&cli.descriptors)
        .map_err(|e| io_error("read the descriptor directory", &cli.descriptors, &e))?;
    print_diagnostics(&checked.diagnostics);
    let (errors, warnings) = diagnostics::counts(&checked.diagnostics);
    say!(
        "{}, {}, {}, {}",
        plural(checked.catalog.elements.len(), "element"),
        plural(checked.catalog.variant_count(), "auth variant"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if errors > 0 {
        Err(Exit(INVALID))
    } else {
        Ok(())
    }
}

fn list(cli: &Cli, format: Format) -> Result<(), Exit> {
    let catalog = load(cli)?;
    let rows: Vec<[String; 5]> = catalog
        .elements
        .iter()
        .map(|e| {
            let variants: Vec<&str> = e.variants.iter().map(|v| v.id.as_str()).collect();
            let fields: usize = e.variants.iter().map(|v| v.config.len()).sum();
            [
                e.key.clone(),
                e.name.clone(),
                e.hub.as_str().to_string(),
                variants.join(", "),
                fields.to_string(),
            ]
        })
        .collect();
    let mut out = String::new();
    match format {
        Format::Json => {
            let items: Vec<serde_json::Value> = catalog
                .elements
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "key": e.key,
                        "name": e.name,
                        "hub": e.hub.as_str(),
                        "element_id": e.element_id,
                        "variants": e.variants.iter().map(|v| serde_json::json!({
                            "id": v.id,
                            "type": v.auth.as_str(),
                            "fields": v.config.len(),
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&items).expect("JSON values serialize");
            out.push('\n');
        }
        Format::Table => {
            let header = ["KEY", "NAME", "HUB", "AUTH VARIANTS", "FIELDS"].map(String::from);
            let mut widths = [0usize; 5];
            for row in std::iter::once(&header).chain(&rows) {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            for row in std::iter::once(&header).chain(&rows) {
                let cells: Vec<String> = row
                    .iter()
                    .zip(widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect();
                out.push_str(cells.join("  ").trim_end());
                out.push('\n');
            }
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(())
}

fn new(cli: &Cli, key: &str, name: &str, auth: AuthType, hub: Hub) -> Result<(), Exit> {
    if !resolve::is_valid_key(key) {
        eprintln!(
            "error: invalid element key `{key}`\n  = help: {}",
            resolve::KEY_RULE
        );
        return Err(Exit(IO_ERROR));
    }
    if name.trim().is_empty() {
        eprintln!(
            "error: `--name` is empty\n  = help: give the element's display name, e.g. --name \"Acme CRM\""
        );
        return Err(Exit(IO_ERROR));
    }
    if let Some(clash) = clashing_descriptor(&cli.descriptors, key)? {
        eprintln!(
            "error: element key `{key}` clashes with `{}` of the catalog\n  = help: keys (and the Rust modules named after them) must differ in more than letter case and `-`/`_`; choose another key",
            clash.display()
        );
        return Err(Exit(IO_ERROR));
    }
    let path = cli.descriptors.join(format!("{key}.yaml"));
    let text = scaffold::descriptor(key, name, auth, hub);
    match write::create_new_atomic(&path, text.as_bytes()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: `{}` already exists; not overwriting it",
                path.display()
            );
            return Err(Exit(IO_ERROR));
        }
        Err(e) => return Err(io_error("create", &path, &e)),
    }
    say!("created {}", path.display());
    say!(
        "next: replace each TODO with the provider's facts, then run `elementgen validate` and `elementgen generate`"
    );
    Ok(())
}

/// The descriptor of `dir` whose key a new `key` would clash with: the same key in
/// another letter case, or one that names the same Rust module (`a-b` and `a_b`).
fn clashing_descriptor(dir: &Path, key: &str) -> Result<Option<PathBuf>, Exit> {
    let paths = match elementgen::load::descriptor_paths(dir) {
        Ok(paths) => paths,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("read the descriptor directory", dir, &e)),
    };
    let module = elementgen::names::snake_ident(key, &[]);
    Ok(paths.into_iter().find(|p| {
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        stem != key
            && (stem.eq_ignore_ascii_case(key)
                || elementgen::names::snake_ident(stem, &[]) == module)
    }))
}

/// Every file `generate` owns, with its content for the current catalog.
fn outputs(cli: &Cli, catalog: &Catalog) -> Result<Vec<FileSet>, Exit> {
    let schema = FileSet {
        dir: cli.descriptors.clone(),
        files: [(schema::FILE_NAME.to_string(), schema::json())].into(),
        manifest: None,
        durable: false,
    };
    let templates = match &cli.templates {
        Some(dir) => docs::Templates::from_dir(dir),
        None => docs::Templates::builtin(),
    }
    .map_err(template_error)?;
    let pages = FileSet {
        dir: cli.out.clone(),
        files: docs::files(catalog, &templates).map_err(template_error)?,
        manifest: Some(docs::MANIFEST.to_string()),
        durable: false,
    };
    let mut sets = vec![schema, pages];
    sets.extend(client_manifest(cli, catalog)?);
    Ok(sets)
}

/// The client crate's manifest with the catalog's features, when there is one: given
/// with `--manifest`, or `generated/Cargo.toml` beside the descriptor directory when
/// it has the marker lines (a catalog elsewhere, such as a test's, has none and is
/// built with feature `all`).
fn client_manifest(cli: &Cli, catalog: &Catalog) -> Result<Option<FileSet>, Exit> {
    let path = match &cli.manifest {
        Some(path) => path.clone(),
        None => {
            let beside = cli
                .descriptors
                .parent()
                .unwrap_or(Path::new(""))
                .join("generated")
                .join("Cargo.toml");
            if !beside.is_file() {
                return Ok(None);
            }
            beside
        }
    };
    let text = std::fs::read_to_string(&path).map_err(|e| io_error("read", &path, &e))?;
    if cli.manifest.is_none() && !text.contains(features::BEGIN) {
        // Some other crate's manifest that happens to sit there.
        return Ok(None);
    }
    let updated = features::manifest(&text, catalog).map_err(|e| {
        eprintln!(
            "error: cannot write the element features into `{}`: {e}",
            path.display()
        );
        Exit(IO_ERROR)
    })?;
    let (dir, name) = match (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        (Some(dir), Some(name)) => (dir.to_path_buf(), name.to_string()),
        _ => {
            return Err(io_error(
                "read",
                &path,
                &std::io::Error::other("not a file name"),
            ));
        }
    };
    Ok(Some(FileSet {
        dir,
        files: [(name, updated)].into(),
        manifest: None,
        durable: true,
    }))
}

/// A template that does not load or render: printed with its name and line, exit 2.
fn template_error(e: docs::TemplateError) -> Exit {
    eprintln!("error: {e}");
    Exit(IO_ERROR)
}

fn generate(cli: &Cli) -> Result<(), Exit> {
    let catalog = load(cli)?;
    let mut changed = 0;
    for set in outputs(cli, &catalog)? {
        for change in set
            .sync()
            .map_err(|e| io_error("write into", &set.dir, &e))?
        {
            say!("{change}");
            changed += 1;
        }
    }
    if changed == 0 {
        say!("everything up to date");
    }
    Ok(())
}

fn check(cli: &Cli) -> Result<(), Exit> {
    let catalog = load(cli)?;
    let mut stale: Vec<Stale> = Vec::new();
    for set in outputs(cli, &catalog)? {
        stale.extend(set.check().map_err(|e| io_error("read", &set.dir, &e))?);
    }
    if stale.is_empty() {
        say!("generated files are up to date");
        return Ok(());
    }
    for s in &stale {
        let what = match (&s.expected, &s.actual) {
            (Some(_), None) => "missing",
            (None, Some(_)) => "no longer generated",
            _ => "out of date",
        };
        say!("{}: {what}", s.path.display());
        say_raw!("{}", write::unified_diff(s));
    }
    say!(
        "\n{} stale; to fix, run:\n    {}",
        plural(stale.len(), "file"),
        fix_command(cli)
    );
    Err(Exit(INVALID))
}

/// The command that regenerates, with the directories this run was given.
fn fix_command(cli: &Cli) -> String {
    let mut cmd = String::from("cargo run -p elementgen -- generate");
    if cli.descriptors != Path::new("descriptors") {
        cmd.push_str(&format!(" --descriptors {}", cli.descriptors.display()));
    }
    if let Some(t) = &cli.templates {
        cmd.push_str(&format!(" --templates {}", t.display()));
    }
    if cli.out != Path::new("generated/docs") {
        cmd.push_str(&format!(" --out {}", cli.out.display()));
    }
    if let Some(manifest) = &cli.manifest {
        cmd.push_str(&format!(" --manifest {}", manifest.display()));
    }
    cmd
}

fn rust(cli: &Cli, dir: &Path) -> Result<(), Exit> {
    let catalog = load(cli)?;
    let set = FileSet {
        dir: dir.to_path_buf(),
        files: elementgen::emit::rust::lazy_files(&catalog),
        manifest: Some(elementgen::emit::rust::MANIFEST.to_string()),
        durable: false,
    };
    let changes = set.sync().map_err(|e| io_error("write into", dir, &e))?;
    for change in &changes {
        say!("{change}");
    }
    if changes.is_empty() {
        say!("everything up to date");
    }
    Ok(())
}

fn import(cli: &Cli, pages: &[PathBuf], force: bool, dry_run: bool) -> Result<(), Exit> {
    let dir = &cli.descriptors;
    let mut read = Vec::new();
    let mut unreadable = 0;
    for path in pages {
        match std::fs::read(path) {
            Ok(bytes) => read.push((path.clone(), bytes)),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                unreadable += 1;
            }
        }
    }
    let existing = match elementgen::load::descriptor_paths(dir) {
        Ok(paths) => paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap_or_default();
                (p, bytes)
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_error("read the descriptor directory", dir, &e)),
    };
    let batch = elementgen::import::batch(dir, read, existing, force);
    print_diagnostics(&batch.diagnostics);
    if !dry_run && !batch.outputs.is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
    }
    for output in &batch.outputs {
        if dry_run {
            say!(
                "# --- {} (from {})",
                output.path.display(),
                output.page.display()
            );
            say_raw!("{}", output.text);
            continue;
        }
        // Without `--force`, a descriptor created since the directory was read is
        // still never overwritten.
        let written = if force {
            write::write_if_changed(&output.path, &output.text)
        } else {
            write::create_new_atomic(&output.path, output.text.as_bytes())
                .map(|()| Some(write::Change::Created(output.path.clone())))
        };
        match written {
            Ok(Some(change)) => say!("{change} (from {})", output.page.display()),
            Ok(None) => say!("unchanged {}", output.path.display()),
            Err(e) => return Err(io_error("write", &output.path, &e)),
        }
    }
    let (errors, warnings) = diagnostics::counts(&batch.diagnostics);
    say!(
        "{} from {}{}, {}, {}",
        plural(batch.outputs.len(), "descriptor"),
        plural(pages.len(), "page"),
        if dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        },
        plural(errors + unreadable, "error"),
        plural(warnings, "warning")
    );
    if unreadable > 0 {
        Err(Exit(IO_ERROR))
    } else if errors > 0 {
        Err(Exit(INVALID))
    } else {
        Ok(())
    }
}

/// `--auth` values: the descriptor's auth types.
#[derive(Clone, Copy, Debug)]
struct AuthArg(AuthType);

impl ValueEnum for AuthArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            AuthArg(AuthType::Oauth2),
            AuthArg(AuthType::Oauth1),
            AuthArg(AuthType::Basic),
            AuthArg(AuthType::ApiKey),
            AuthArg(AuthType::Custom),
        ]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()))
    }
}

/// `--hub` values: the platform's hubs.
#[derive(Clone, Copy, Debug)]
struct HubArg(Hub);

impl HubArg {
    const GENERAL: HubArg = HubArg(Hub::General);
}

impl ValueEnum for HubArg {
    fn value_variants<'a>() -> &'a [Self] {
        use Hub::*;
        const ALL: [HubArg; 19] = [
            HubArg(Crm),
            HubArg(Marketing),
            HubArg(Ecommerce),
            HubArg(Documents),
            HubArg(Helpdesk),
            HubArg(Finance),
            HubArg(Erp),
            HubArg(Payment),
            HubArg(Messaging),
            HubArg(Social),
            HubArg(Collaboration),
            HubArg(Conferencing),
            HubArg(Esignature),
            HubArg(Humancapital),
            HubArg(Screening),
            HubArg(Scheduling),
            HubArg(Fsa),
            HubArg(Db),
            HubArg(General),
        ];
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.as_str()))
    }
}
