//! `elementgen`: the command-line front door. Parsing arguments and printing are here;
//! everything else is the library's.

use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use elementgen::descriptor::{AuthType, Hub};
use elementgen::diagnostics::{self, Diagnostic, plural};
use elementgen::emit::{docs, features};
use elementgen::model::Catalog;
use elementgen::publish::{Publication, PublishError};
use elementgen::write::{self, FileSet, Stale};
use elementgen::{Checked, check_catalog, escape, project, resolve, scaffold, schema};

/// The emitters build many short-lived strings and the pages and modules they make
/// add up to megabytes per thousand elements: mimalloc serves the small ones faster
/// than glibc, and keeps freed memory for the next file where glibc hands it back to
/// the kernel and faults it in again. The benchmark (`benches/pipeline.rs`) uses it
/// too, so that it measures what the CLI runs. With the `fast` feature only: its C
/// build is not worth it for a catalog of a hundred elements.
#[cfg(feature = "fast")]
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
/// them and cannot drift apart. Run from anywhere in a project: without
/// `--descriptors`, the catalog is `descriptors/` in the nearest directory, from the
/// current one upwards, that has one.
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
    /// When to color diagnostics: `auto` colors a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

/// The catalog a command reads.
#[derive(Debug, Args)]
struct CatalogArg {
    /// Directory of the element descriptors [default: `descriptors/` of the project:
    /// the nearest directory, from the current one upwards, that has one]
    #[arg(long, value_name = "DIR")]
    descriptors: Option<PathBuf>,
}

/// The catalog and where its generated files go.
#[derive(Debug, Args)]
struct OutputArgs {
    #[command(flatten)]
    catalog: CatalogArg,
    /// Directory of tera templates overriding the built-in ones.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Directory the guide pages are written to (and checked in) [default:
    /// `generated/docs` beside the descriptor directory]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The client crate's manifest, whose element features (one per key, and `all`)
    /// are kept in step with the catalog [default: `generated/Cargo.toml` beside the
    /// descriptor directory, when it has the marker lines]
    #[arg(long, value_name = "FILE")]
    manifest: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load and check the whole catalog and print every problem found.
    ///
    /// Exits 1 when any descriptor has an error; warnings (a `TODO` placeholder
    /// left, for one) only print.
    Validate(CatalogArg),
    /// List the elements of the catalog.
    List {
        #[command(flatten)]
        catalog: CatalogArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a new descriptor `<DIR>/KEY.yaml` for an auth type, ready to edit.
    ///
    /// The file holds the fields the auth type needs and validates as written, with
    /// `TODO` where only the provider's facts will do (`validate` warns on each one
    /// left; `generate` and `check` refuse them). An existing file is never
    /// overwritten.
    New {
        #[command(flatten)]
        catalog: CatalogArg,
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
    /// the client's `Cargo.toml` (see `--manifest`). A descriptor that still holds a
    /// `TODO` placeholder fails the run (exit 1) and nothing is written.
    Generate(OutputArgs),
    /// Check that every generated file is up to date, writing nothing.
    ///
    /// Prints a diff per stale file and the command that fixes it; exits 1 if any,
    /// or if a descriptor still holds a `TODO` placeholder.
    Check(OutputArgs),
    /// Publish every element's page into a checkout of the portal's Jekyll site.
    ///
    /// Writes each page at its portal path (`docs.portal_path`; by default
    /// `docs/elements/<page>/<page>-create-instance.md`, beside the element's other
    /// pages, which the portal shows as tabs), replacing the hand-written page there,
    /// and the include every page ends with into `PORTAL/_includes/`. Only files whose
    /// content changed are written; nothing else is written or removed. A symbolic
    /// link on the way to a page, or where one belongs, fails the run before anything
    /// is written. A descriptor that still holds a `TODO` placeholder fails it too.
    #[command(after_help = "Examples:
  elementgen publish ../devportal --dry-run
  elementgen publish ../devportal
  elementgen publish ../devportal --check    (in the portal's CI: exit 1 when a page is stale)")]
    Publish {
        #[command(flatten)]
        catalog: CatalogArg,
        /// Directory of tera templates overriding the built-in ones.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Root of the portal's Jekyll site: the directory with its `_config.yml`.
        portal: PathBuf,
        /// List what would be written, writing nothing.
        #[arg(long, conflicts_with = "check")]
        dry_run: bool,
        /// Exit 1 when a published file is missing or out of date, with a diff of
        /// each; write nothing.
        #[arg(long)]
        check: bool,
    },
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
        #[command(flatten)]
        catalog: CatalogArg,
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
    /// per element, with what the `examples` feature compiles in `examples.rs` and
    /// `examples/<module>.rs`, each written only when it changed; files written earlier for
    /// elements no longer in the catalog are removed.
    Rust {
        #[command(flatten)]
        catalog: CatalogArg,
        /// Directory to write the modules into.
        dir: PathBuf,
        /// Also write `elements_page_examples.rs`: the guide pages' Rust as functions
        /// for a test crate that depends on the client (`Builder::page_examples`).
        #[arg(long)]
        page_examples: bool,
    },
    /// Say what a change of the catalog breaks: for the client's Rust users (a semver
    /// verdict) and for apps already running (what they would now send wrong).
    ///
    /// Compares the catalog of OLD with that of NEW (descriptor directories), or with
    /// `--since REV` the catalog at a git revision with the work tree's (what a pull
    /// request's CI runs). Each change is listed with its element, variant and field
    /// and classed for the client (`breaking`: semver major; `additive`: minor;
    /// `behavior` or `docs`: patch) and for the wire (`breaking` when an app built
    /// against OLD now sends something wrong). The verdict is the largest class:
    /// `major`, `minor`, `patch` or `none`.
    #[command(after_help = "Examples:
  elementgen diff old/descriptors descriptors
  elementgen diff --since origin/main --fail-on breaking
  elementgen diff --since v0.3.0 --format markdown >> CHANGELOG.md

Exit status: 0 (also for breaking changes, unless --fail-on says otherwise), 1 with
--fail-on breaking when a change breaks the client or the wire, or when a catalog is
invalid, 2 usage, I/O or git error.")]
    Diff {
        /// The catalog before: a descriptor directory.
        #[arg(
            value_name = "OLD",
            required_unless_present = "since",
            conflicts_with = "since"
        )]
        old: Option<PathBuf>,
        /// The catalog after: a descriptor directory.
        #[arg(
            value_name = "NEW",
            required_unless_present = "since",
            conflicts_with = "since"
        )]
        new: Option<PathBuf>,
        /// Compare the catalog at this git revision (a commit, branch or tag) with the
        /// work tree's (`--descriptors`, or the project's `descriptors/`).
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        #[command(flatten)]
        catalog: CatalogArg,
        /// How to print the changes.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Exit 1 when a change is of this kind (`breaking`: for the client or the
        /// wire).
        #[arg(long, value_enum, value_name = "KIND")]
        fail_on: Option<FailOn>,
    },
    /// Print a shell's completion script for elementgen.
    ///
    /// For example, for bash: `elementgen completions bash > ~/.local/share/bash-completion/completions/elementgen`
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    /// A readable report: the verdict, then each change.
    Text,
    /// `{"semver": ..., "breaking": ..., "changes": [...]}`.
    Json,
    /// A changelog section for release notes.
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    /// A change that breaks the client's users or apps already running.
    Breaking,
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
    let color = match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    COLOR.store(color, Ordering::Relaxed);
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Exit(code)) => ExitCode::from(code),
    }
}

/// Whether diagnostics are colored (`--color`), set once in `main`.
static COLOR: AtomicBool = AtomicBool::new(false);

fn run(command: Command) -> Result<(), Exit> {
    match command {
        Command::Validate(catalog) => validate(&catalog.dir()?),
        Command::List { catalog, format } => list(&catalog.dir()?, format),
        Command::New {
            catalog,
            key,
            name,
            auth,
            hub,
        } => {
            // A project's first descriptor makes the default catalog directory; a
            // directory given that does not exist is more likely a typo.
            let create = catalog.descriptors.is_none();
            new(&catalog.dir()?, create, &key, &name, auth.0, hub.0)
        }
        Command::Schema => {
            say_raw!("{}", schema::json());
            Ok(())
        }
        Command::Generate(args) => generate(&Outputs::of(args)?),
        Command::Check(args) => check(&Outputs::of(args)?),
        Command::Rust {
            catalog,
            dir,
            page_examples,
        } => rust(&catalog.dir()?, &dir, page_examples),
        Command::Diff {
            old,
            new,
            since,
            catalog,
            format,
            fail_on,
        } => {
            let (old, new) = match (since, old, new) {
                (Some(rev), _, _) => {
                    let dir = catalog.dir()?;
                    (
                        at_revision(&dir, &rev)?,
                        load_for_diff(&dir, "the work tree")?,
                    )
                }
                (None, Some(old), Some(new)) => {
                    (load_for_diff(&old, "OLD")?, load_for_diff(&new, "NEW")?)
                }
                // clap requires both without `--since`.
                _ => return Err(Exit(IO_ERROR)),
            };
            diff(&old, &new, format, fail_on)
        }
        Command::Publish {
            catalog,
            templates,
            portal,
            dry_run,
            check,
        } => {
            let mode = match (dry_run, check) {
                (true, _) => PublishMode::DryRun,
                (false, true) => PublishMode::Check,
                (false, false) => PublishMode::Write,
            };
            publish(&catalog, templates.as_deref(), &portal, mode)
        }
        Command::Import {
            catalog,
            pages,
            force,
            dry_run,
        } => import(&catalog.dir()?, &pages, force, dry_run),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "elementgen", &mut std::io::stdout());
            Ok(())
        }
    }
}

impl CatalogArg {
    /// The descriptor directory: as given, else the project's (see `project`).
    fn dir(&self) -> Result<PathBuf, Exit> {
        if let Some(dir) = &self.descriptors {
            return Ok(dir.clone());
        }
        let cwd = std::env::current_dir()
            .map_err(|e| io_error("read", Path::new("the working directory"), &e))?;
        Ok(project::root(&cwd).join(project::DESCRIPTORS))
    }
}

/// Where `generate` and `check` read and write, with the defaults filled in.
struct Outputs {
    args: OutputArgs,
    descriptors: PathBuf,
    out: PathBuf,
}

impl Outputs {
    fn of(args: OutputArgs) -> Result<Self, Exit> {
        let descriptors = args.catalog.dir()?;
        let out = match &args.out {
            Some(out) => out.clone(),
            None => project::of_descriptors(&descriptors).join("generated/docs"),
        };
        Ok(Outputs {
            args,
            descriptors,
            out,
        })
    }
}

fn io_error(what: &str, path: &Path, e: &std::io::Error) -> Exit {
    eprintln!("error: cannot {what} `{}`: {e}", path.display());
    Exit(IO_ERROR)
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    if !diagnostics.is_empty() {
        eprint!(
            "{}",
            diagnostics::render(diagnostics, COLOR.load(Ordering::Relaxed))
        );
    }
}

/// Loads the catalog, printing its diagnostics; fails when there is any error.
fn load(dir: &Path) -> Result<Catalog, Exit> {
    Ok(load_checked(dir)?.catalog)
}

/// The catalog of `dir` with every diagnostic; only a directory that cannot be
/// listed fails here.
fn checked(dir: &Path) -> Result<Checked, Exit> {
    check_catalog(dir).map_err(|e| io_error("read the descriptor directory", dir, &e))
}

/// Loads the catalog, printing its diagnostics; fails when there is any error, and
/// returns the warnings with the catalog.
fn load_checked(dir: &Path) -> Result<Checked, Exit> {
    accept(checked(dir)?, &dir.display().to_string())
}

/// A checked catalog (of `place`, as the user knows it), its diagnostics printed;
/// fails when there is any error.
fn accept(checked: Checked, place: &str) -> Result<Checked, Exit> {
    print_diagnostics(&checked.diagnostics);
    let (errors, warnings) = diagnostics::counts(&checked.diagnostics);
    if errors > 0 {
        eprintln!(
            "error: {} in {}, {}",
            plural(errors, "error"),
            escape::one_line(place),
            plural(warnings, "warning")
        );
        return Err(Exit(INVALID));
    }
    Ok(checked)
}

/// Loads a catalog that is to be published: besides errors, a `TODO` placeholder
/// left in a descriptor fails the run, so that no page or client ships one.
fn load_publishable(dir: &Path) -> Result<Catalog, Exit> {
    let checked = load_checked(dir)?;
    let placeholders: Vec<&Diagnostic> = checked
        .diagnostics
        .iter()
        .filter(|d| resolve::is_placeholder(d))
        .collect();
    if placeholders.is_empty() {
        return Ok(checked.catalog);
    }
    eprintln!(
        "error: {} left in {}; replace each with the provider's facts before generating:",
        plural(placeholders.len(), "`TODO` placeholder"),
        dir.display()
    );
    for d in placeholders {
        eprintln!(
            "  {}:{}:{}",
            escape::terminal(&d.file.display().to_string()),
            d.position.line,
            d.position.column
        );
    }
    Err(Exit(INVALID))
}

fn validate(dir: &Path) -> Result<(), Exit> {
    let checked = checked(dir)?;
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

fn list(dir: &Path, format: Format) -> Result<(), Exit> {
    let catalog = load(dir)?;
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

fn new(
    dir: &Path,
    create: bool,
    key: &str,
    name: &str,
    auth: AuthType,
    hub: Hub,
) -> Result<(), Exit> {
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
    if let Some(clash) = clashing_descriptor(dir, key)? {
        eprintln!(
            "error: element key `{key}` clashes with `{}` of the catalog\n  = help: keys (and the Rust modules named after them) must differ in more than letter case and `-`/`_`; choose another key",
            clash.display()
        );
        return Err(Exit(IO_ERROR));
    }
    let path = dir.join(format!("{key}.yaml"));
    let text = scaffold::descriptor(key, name, auth, hub);
    joins_the_catalog(dir, &path, &text)?;
    if create {
        std::fs::create_dir_all(dir).map_err(|e| io_error("create", dir, &e))?;
    }
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

/// Checks that the descriptor `text`, written at `path`, validates with the catalog
/// of `dir`: a key that is a reserved feature (`all`), a page name taken (`index`, or
/// another element's), a name with control characters would write a descriptor that
/// does not validate. The new errors it would bring are printed, nothing is written.
fn joins_the_catalog(dir: &Path, path: &Path, text: &str) -> Result<(), Exit> {
    let mut existing = catalog_sources(dir)?;
    // A file already at `path` is refused as such when it is created.
    existing.retain(|(p, _)| p != path);
    // Checked without and with it: a clash is reported at whichever of the two files
    // comes later, so the errors it brings are those the catalog did not have.
    let before = elementgen::check_sources(existing.clone()).diagnostics;
    let after = elementgen::check_sources(
        existing
            .into_iter()
            .chain([(path.to_path_buf(), text.as_bytes().to_vec())]),
    )
    .diagnostics;
    let new_errors: Vec<Diagnostic> = after
        .into_iter()
        .filter(|d| d.is_error() && !before.contains(d))
        .collect();
    if new_errors.is_empty() {
        return Ok(());
    }
    print_diagnostics(&new_errors);
    eprintln!(
        "error: `{}` would not validate with the catalog; nothing was written",
        path.display()
    );
    Err(Exit(INVALID))
}

/// The descriptor files of `dir` with their bytes (none for a directory not made
/// yet), for checking what `new` and `import` add with the catalog. Read with a
/// page's bound; a file that cannot be read is empty here, and reported when the
/// catalog is validated.
fn catalog_sources(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>, Exit> {
    match elementgen::load::descriptor_paths(dir) {
        Ok(paths) => Ok(paths
            .into_iter()
            .map(|p| {
                let bytes = elementgen::import::read_page(&p).unwrap_or_default();
                (p, bytes)
            })
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(io_error("read the descriptor directory", dir, &e)),
    }
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
fn outputs(cli: &Outputs, catalog: &Catalog) -> Result<Vec<FileSet>, Exit> {
    let schema = FileSet {
        dir: cli.descriptors.clone(),
        files: [(schema::FILE_NAME.to_string(), schema::json())].into(),
        manifest: None,
        durable: false,
    };
    let templates = match &cli.args.templates {
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
fn client_manifest(cli: &Outputs, catalog: &Catalog) -> Result<Option<FileSet>, Exit> {
    let path = match &cli.args.manifest {
        Some(path) => path.clone(),
        None => project::of_descriptors(&cli.descriptors).join("generated/Cargo.toml"),
    };
    // Read as every file elementgen writes is: a regular file, a link named rather
    // than followed.
    let text = match write::read_regular(&path) {
        Ok(Some(text)) => text,
        Ok(None) if cli.args.manifest.is_none() => return Ok(None),
        Ok(None) => {
            let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
            return Err(io_error("read", &path, &missing));
        }
        Err(e) => return Err(io_error("read", &path, &e)),
    };
    if cli.args.manifest.is_none() && !text.contains(features::BEGIN) {
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

fn generate(cli: &Outputs) -> Result<(), Exit> {
    let catalog = load_publishable(&cli.descriptors)?;
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

fn check(cli: &Outputs) -> Result<(), Exit> {
    let catalog = load_publishable(&cli.descriptors)?;
    let mut stale: Vec<Stale> = Vec::new();
    for set in outputs(cli, &catalog)? {
        match set.check() {
            Ok(found) => stale.extend(found),
            // Something else is where a generated file belongs (a hand-written file,
            // a symbolic link): the output is not what it should be, and it is
            // named, never read.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                eprintln!("error: {e}");
                return Err(Exit(INVALID));
            }
            Err(e) => return Err(io_error("read", &set.dir, &e)),
        }
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

/// The command that regenerates, with the directories this run was given (from the
/// same working directory: the defaults find the same ones again).
fn fix_command(cli: &Outputs) -> String {
    let mut cmd = String::from("cargo run -p elementgen -- generate");
    let args = &cli.args;
    if let Some(d) = &args.catalog.descriptors {
        cmd.push_str(&format!(" --descriptors {}", d.display()));
    }
    if let Some(t) = &args.templates {
        cmd.push_str(&format!(" --templates {}", t.display()));
    }
    if let Some(out) = &args.out {
        cmd.push_str(&format!(" --out {}", out.display()));
    }
    if let Some(manifest) = &args.manifest {
        cmd.push_str(&format!(" --manifest {}", manifest.display()));
    }
    cmd
}

/// What `publish` does with the files it would write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PublishMode {
    Write,
    DryRun,
    Check,
}

fn publish(
    catalog_arg: &CatalogArg,
    templates: Option<&Path>,
    portal: &Path,
    mode: PublishMode,
) -> Result<(), Exit> {
    let catalog = load_publishable(&catalog_arg.dir()?)?;
    let loaded = match templates {
        Some(dir) => docs::Templates::from_dir(dir),
        None => docs::Templates::builtin(),
    }
    .map_err(template_error)?;
    let publication = Publication::new(&catalog, &loaded, portal).map_err(publish_error)?;
    if mode == PublishMode::Write {
        let changes = publication.sync().map_err(publish_error)?;
        for change in &changes {
            say!("{change}");
        }
        if changes.is_empty() {
            say!("every published file is up to date");
        }
        return Ok(());
    }
    let stale = publication.check().map_err(publish_error)?;
    for s in &stale {
        let what = if s.actual.is_none() {
            "create"
        } else {
            "update"
        };
        if mode == PublishMode::DryRun {
            say!("would {what} {}", s.path.display());
        } else {
            say!(
                "{}: {}",
                s.path.display(),
                if s.actual.is_none() {
                    "missing"
                } else {
                    "out of date"
                }
            );
            say_raw!("{}", write::unified_diff(s));
        }
    }
    let unchanged = publication.files.len() - stale.len();
    if mode == PublishMode::DryRun {
        say!(
            "{} to write, {} up to date; nothing was written",
            plural(stale.len(), "file"),
            unchanged
        );
        return Ok(());
    }
    if stale.is_empty() {
        say!("{} published and up to date", plural(unchanged, "file"));
        return Ok(());
    }
    let mut fix = String::from("cargo run -p elementgen -- publish");
    if let Some(d) = &catalog_arg.descriptors {
        fix.push_str(&format!(" --descriptors {}", d.display()));
    }
    if let Some(t) = templates {
        fix.push_str(&format!(" --templates {}", t.display()));
    }
    fix.push_str(&format!(" {}", portal.display()));
    say!(
        "\n{} stale; to fix, run:\n    {fix}",
        plural(stale.len(), "published file")
    );
    Err(Exit(INVALID))
}

/// A publication refused (exit 1: the site is not fit) or failed (exit 2).
fn publish_error(e: PublishError) -> Exit {
    eprintln!("error: {e}");
    match e {
        PublishError::Site(_) => Exit(INVALID),
        PublishError::Template(_) | PublishError::Io(..) => Exit(IO_ERROR),
    }
}

fn rust(descriptors: &Path, dir: &Path, page_examples: bool) -> Result<(), Exit> {
    use elementgen::emit::rust::{File, PAGE_EXAMPLES_FILE, lazy_files};
    let catalog = load(descriptors)?;
    let mut files = lazy_files(&catalog);
    if page_examples {
        files.insert(PAGE_EXAMPLES_FILE.to_string(), File::PageExamples(&catalog));
    }
    let set = FileSet {
        dir: dir.to_path_buf(),
        files,
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

fn import(dir: &Path, pages: &[PathBuf], force: bool, dry_run: bool) -> Result<(), Exit> {
    let mut read = Vec::new();
    let mut unreadable = 0;
    for path in pages {
        match elementgen::import::read_page(path) {
            Ok(bytes) => read.push((path.clone(), bytes)),
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                unreadable += 1;
            }
        }
    }
    let existing = catalog_sources(dir)?;
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

/// A catalog to compare, its diagnostics printed; an invalid one fails (`which` names
/// it in the message).
fn load_for_diff(dir: &Path, which: &str) -> Result<Catalog, Exit> {
    let place = format!("the {which} catalog ({})", dir.display());
    Ok(accept(checked(dir)?, &place)?.catalog)
}

/// `git ARGS` run in `cwd`, whatever its status; failing only when git cannot run.
fn git_output(args: &[&std::ffi::OsStr], cwd: &Path) -> Result<std::process::Output, Exit> {
    std::process::Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| {
            eprintln!(
                "error: cannot run git: {}",
                escape::one_line(&e.to_string())
            );
            Exit(IO_ERROR)
        })
}

/// What `git ARGS` prints in `cwd`; its failure is a usage error that quotes git.
fn git(args: &[&std::ffi::OsStr], cwd: &Path) -> Result<Vec<u8>, Exit> {
    let output = git_output(args, cwd)?;
    if !output.status.success() {
        eprintln!(
            "error: git {} failed: {}",
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            escape::one_line(String::from_utf8_lossy(&output.stderr).trim())
        );
        return Err(Exit(IO_ERROR));
    }
    Ok(output.stdout)
}

/// The catalog of descriptor directory `dir` as it was at git revision `rev`.
fn at_revision(dir: &Path, rev: &str) -> Result<Catalog, Exit> {
    let dir = dir
        .canonicalize()
        .map_err(|e| io_error("read the descriptor directory", dir, &e))?;
    let top = git(&["rev-parse".as_ref(), "--show-toplevel".as_ref()], &dir)?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches('\n'));
    let top = top.canonicalize().unwrap_or(top);
    let rel = dir
        .strip_prefix(&top)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    // `REV^{commit}`: a revision that names no commit is an error here, not an empty
    // catalog below.
    let commit = format!("{rev}^{{commit}}");
    git(
        &[
            "rev-parse".as_ref(),
            "--verify".as_ref(),
            "--quiet".as_ref(),
            commit.as_ref(),
        ],
        &top,
    )?;
    let spec = format!("{rev}:{}", rel.to_string_lossy());
    // The directory's entries at REV: mode, type, object, name.
    let listing = git_output(&["ls-tree".as_ref(), "-z".as_ref(), spec.as_ref()], &top)?;
    if !listing.status.success() {
        // A catalog made after REV: every element is new, which is the answer.
        eprintln!(
            "warning: no descriptor directory `{}` at {}: the catalog then is empty",
            escape::one_line(&rel.to_string_lossy()),
            escape::one_line(rev)
        );
    }
    let mut sources = Vec::new();
    for entry in listing.stdout.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        if !name.ends_with(".yaml") {
            continue;
        }
        let path = rel.join(name);
        let object = format!("{rev}:{}", path.to_string_lossy());
        let mut bytes = git(&["show".as_ref(), object.as_ref()], &top)?;
        // A link (mode 120000) holds its target's path: the descriptor is that file
        // of the same revision, as the work tree's loader follows the link.
        if meta.starts_with("120000") {
            let target = rel.join(String::from_utf8_lossy(&bytes).trim_end());
            let mut normal = PathBuf::new();
            for part in target.components() {
                match part {
                    std::path::Component::ParentDir => {
                        normal.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => normal.push(other),
                }
            }
            // As the work tree's loader: a link out of the directory is not read.
            if normal.parent() != Some(rel.as_path()) {
                eprintln!(
                    "error: `{}` is a link to a file outside the descriptor directory; it was not read",
                    escape::one_line(&object)
                );
                return Err(Exit(INVALID));
            }
            let object = format!("{rev}:{}", normal.to_string_lossy());
            bytes = git(&["show".as_ref(), object.as_ref()], &top)?;
        }
        sources.push((PathBuf::from(format!("{rev}:{}", path.display())), bytes));
    }
    let checked = elementgen::check_sources(sources);
    Ok(accept(
        checked,
        &format!("the OLD catalog ({rev}:{})", rel.display()),
    )?
    .catalog)
}

fn diff(
    old: &Catalog,
    new: &Catalog,
    format: DiffFormat,
    fail_on: Option<FailOn>,
) -> Result<(), Exit> {
    let report = elementgen::diff::diff(old, new);
    match format {
        DiffFormat::Text => say_raw!("{}", report.to_text()),
        DiffFormat::Json => say!(
            "{}",
            serde_json::to_string_pretty(&report.to_json()).expect("JSON serializes")
        ),
        DiffFormat::Markdown => say_raw!("{}", report.to_markdown()),
    }
    match fail_on {
        Some(FailOn::Breaking) if report.is_breaking() => Err(Exit(INVALID)),
        _ => Ok(()),
    }
}
