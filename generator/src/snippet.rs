//! The Rust a guide page shows beside each cURL: the same calls made with the
//! generated client, filled with the same example values.
//!
//! Laid out once, at resolution ([`example_code`] fills `Variant::example_code`), so
//! that one set of statements serves both outputs: the docs emitter shows each
//! step's statements on the page, and the Rust emitter compiles all of a variant's
//! steps into one function of the client (feature `examples`), which the tests run
//! against a local server and compare with the page's JSON. A snippet that stops compiling or
//! sends something else than its page shows fails the build or the tests.
//!
//! The statements name the client crate `elements` as an application does; the
//! compiled function starts with `use crate as elements;` so that they read the same
//! inside the crate.
//!
//! Statements are a small expression tree (`Expr`: paths, calls, method chains)
//! laid out as rustfmt and prettyplease lay them out: on one line when it fits in
//! the width, otherwise one method per line and one argument per line where needed
//! (a test compares the layout with prettyplease's on every catalog of the repo).

use crate::api::{example_value, has_callback_parser, json_text, set_by_app, setter_name};
use crate::code::Lit;
use crate::examples;
use crate::model::{AuthType, Element, ExampleCode, Field, FieldType, Value, Variant, Wire};

/// The column a statement's line may not pass, counted from the statement's start:
/// prettyplease's margin (89) less the indentation of a function body.
const WIDTH: usize = 85;

/// One level of indentation: how much deeper a broken chain or argument list is.
const STEP: &str = "    ";
const INDENT: usize = STEP.len();

/// An expression of a snippet. Calls, chains and segments keep the length of their
/// text on one line (`flat_len`), counted once when built: the layout asks for it at
/// every level of the tree.
#[derive(Clone, Debug)]
enum Expr {
    /// Written as is (a path, a literal, a reference); never broken.
    Atom(String),
    /// `func(args)`, then `?` when `try_`.
    Call {
        func: String,
        args: Vec<Expr>,
        try_: bool,
        flat_len: usize,
    },
    /// `root.seg.seg...`: broken before every segment when it does not fit.
    Chain {
        root: Box<Expr>,
        segs: Vec<Seg>,
        flat_len: usize,
    },
}

/// A segment of a chain: `.name(args)` (`.name` when `args` is `None`), then `?`
/// when `try_`.
#[derive(Clone, Debug)]
struct Seg {
    name: String,
    args: Option<Vec<Expr>>,
    try_: bool,
    flat_len: usize,
}

fn atom(text: impl Into<String>) -> Expr {
    Expr::Atom(text.into())
}

fn call(func: impl Into<String>, args: Vec<Expr>, try_: bool) -> Expr {
    let func = func.into();
    Expr::Call {
        flat_len: func.len() + args_flat_len(&args) + usize::from(try_),
        func,
        args,
        try_,
    }
}

fn method(name: impl Into<String>, args: Vec<Expr>) -> Seg {
    seg(name.into(), Some(args), false)
}

fn seg(name: String, args: Option<Vec<Expr>>, try_: bool) -> Seg {
    Seg {
        flat_len: 1 + name.len() + args.as_deref().map_or(0, args_flat_len) + usize::from(try_),
        name,
        args,
        try_,
    }
}

fn chain(root: Expr, segs: Vec<Seg>) -> Expr {
    Expr::Chain {
        flat_len: root.flat_len() + segs.iter().map(|s| s.flat_len).sum::<usize>(),
        root: Box::new(root),
        segs,
    }
}

/// `.await?`.
fn await_try() -> Seg {
    seg("await".to_string(), None, true)
}

impl Expr {
    /// The expression on one line.
    fn flat(&self, out: &mut String) {
        match self {
            Expr::Atom(text) => out.push_str(text),
            Expr::Call {
                func, args, try_, ..
            } => {
                out.push_str(func);
                flat_args(args, out);
                if *try_ {
                    out.push('?');
                }
            }
            Expr::Chain { root, segs, .. } => {
                root.flat(out);
                for seg in segs {
                    seg.flat(out);
                }
            }
        }
    }

    /// The length of [`Expr::flat`]'s text, without writing it.
    fn flat_len(&self) -> usize {
        match self {
            Expr::Atom(text) => text.len(),
            Expr::Call { flat_len, .. } | Expr::Chain { flat_len, .. } => *flat_len,
        }
    }

    /// Writes the expression starting at column `col` of a line, in a block indented
    /// `indent`, followed by `tail` characters before the next place a line may
    /// break. Returns the column it ends at.
    fn layout(&self, out: &mut String, col: usize, indent: usize, tail: usize) -> usize {
        let flat_len = self.flat_len();
        if col + flat_len + tail <= WIDTH {
            self.flat(out);
            return col + flat_len;
        }
        match self {
            Expr::Atom(text) => {
                out.push_str(text);
                col + text.len()
            }
            Expr::Call {
                func, args, try_, ..
            } => {
                out.push_str(func);
                let col = layout_args(
                    args,
                    out,
                    col + func.len(),
                    indent,
                    tail + usize::from(*try_),
                );
                if *try_ {
                    out.push('?');
                }
                col + usize::from(*try_)
            }
            Expr::Chain { root, segs, .. } => {
                // Every segment on its own line, one level deeper than the block.
                root.layout(out, col, indent, 0);
                let deeper = indent + INDENT;
                let mut col = col;
                for (i, seg) in segs.iter().enumerate() {
                    newline(out, deeper);
                    out.push('.');
                    out.push_str(&seg.name);
                    col = deeper + 1 + seg.name.len();
                    if let Some(args) = &seg.args {
                        let last = i + 1 == segs.len();
                        let after = usize::from(seg.try_) + if last { tail } else { 0 };
                        col = layout_args(args, out, col, deeper, after);
                    }
                    if seg.try_ {
                        out.push('?');
                        col += 1;
                    }
                }
                col
            }
        }
    }
}

impl Seg {
    fn flat(&self, out: &mut String) {
        out.push('.');
        out.push_str(&self.name);
        if let Some(args) = &self.args {
            flat_args(args, out);
        }
        if self.try_ {
            out.push('?');
        }
    }
}

fn flat_args(args: &[Expr], out: &mut String) {
    out.push('(');
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        arg.flat(out);
    }
    out.push(')');
}

/// The length of [`flat_args`]'s text: the parentheses, the arguments, `, ` between.
fn args_flat_len(args: &[Expr]) -> usize {
    2 + args.iter().map(Expr::flat_len).sum::<usize>() + 2 * args.len().saturating_sub(1)
}

fn newline(out: &mut String, indent: usize) {
    out.push('\n');
    for _ in 0..indent / INDENT {
        out.push_str(STEP);
    }
    out.extend(std::iter::repeat_n(' ', indent % INDENT));
}

/// `(args)` at column `col` (after the callee), followed by `tail` characters: on
/// one line when they fit, otherwise one argument per line, each followed by a
/// comma, one level deeper than the block (`indent`).
fn layout_args(args: &[Expr], out: &mut String, col: usize, indent: usize, tail: usize) -> usize {
    let flat_len = args_flat_len(args);
    if args.is_empty() || col + flat_len + tail <= WIDTH {
        flat_args(args, out);
        return col + flat_len;
    }
    out.push('(');
    let deeper = indent + INDENT;
    for (i, arg) in args.iter().enumerate() {
        newline(out, deeper);
        // The last argument's comma is written only because the list is broken, so
        // it does not count towards the width (as in prettyplease).
        let comma = usize::from(i + 1 < args.len());
        arg.layout(out, deeper, deeper, comma);
        out.push(',');
    }
    newline(out, indent);
    out.push(')');
    indent + 1
}

/// A statement: `let name = expr;`, or `expr;` without a name.
struct Stmt {
    name: Option<&'static str>,
    expr: Expr,
}

fn let_(name: &'static str, expr: Expr) -> Stmt {
    Stmt {
        name: Some(name),
        expr,
    }
}

impl Stmt {
    fn layout(&self, out: &mut String) {
        let start = out.len();
        if let Some(name) = self.name {
            out.push_str("let ");
            out.push_str(name);
            out.push_str(" = ");
        }
        let col = out.len() - start;
        self.expr.layout(out, col, 0, 1);
        out.push(';');
    }
}

/// Statements laid out, one after the other.
fn statements(stmts: &[Stmt]) -> String {
    let mut out = String::new();
    for (i, stmt) in stmts.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        stmt.layout(&mut out);
    }
    out
}

/// The page's blocks: the statements of each step.
pub struct Blocks {
    /// OAuth 1 step 1 (with the client).
    pub token: Option<String>,
    /// The OAuth URL step (with the client for OAuth 2).
    pub url: Option<String>,
    /// The callback parse.
    pub callback: Option<String>,
    /// The instance step (with the client when nothing came before).
    pub instance: String,
}

/// The statements of each step, before layout.
struct Steps {
    client: Vec<Stmt>,
    token: Option<Vec<Stmt>>,
    url: Option<Vec<Stmt>>,
    callback: Option<Vec<Stmt>>,
    instance: Vec<Stmt>,
}

/// The steps of `v`, laid out: what resolution stores as the variant's
/// [`ExampleCode`], so that the page's blocks and the compiled function are made of
/// the same text.
pub fn example_code(e: &Element, v: &Variant) -> ExampleCode {
    let s = steps(e, v);
    ExampleCode {
        client: statements(&s.client),
        token: s.token.as_deref().map(statements),
        url: s.url.as_deref().map(statements),
        callback: s.callback.as_deref().map(statements),
        instance: statements(&s.instance),
    }
}

/// The statements of every step of `v`: every request made with its builder, every
/// value named by its setter, each OAuth credential given once (to the app).
fn steps(e: &Element, v: &Variant) -> Steps {
    let module = &e.module;
    let client = vec![let_(
        "client",
        call(
            "elements::Client::new",
            vec![
                atom(Lit(examples::USER_SECRET).quoted()),
                atom(Lit(examples::ORGANIZATION_SECRET).quoted()),
            ],
            true,
        ),
    )];
    let app = || {
        v.oauth.as_ref()?;
        let (key, secret, callback) = (
            examples::api_key(v),
            examples::api_secret(v),
            examples::callback(v),
        );
        Some(let_(
            "app",
            chain(
                call(client_path(e, v, "App::builder"), vec![], false),
                vec![
                    method("client_id", vec![atom(Lit(&key).quoted())]),
                    method("client_secret", vec![atom(Lit(&secret).quoted())]),
                    method("callback_url", vec![parse_url(&callback)]),
                    method("build", vec![]),
                ],
            ),
        ))
    };
    let params: Vec<Seg> = v
        .oauth
        .iter()
        .flat_map(|oauth| &oauth.params)
        .filter_map(|p| {
            let value = p.example.as_ref()?;
            Some(method(
                setter_name(&p.ident, p.required),
                vec![atom(Lit(value).quoted())],
            ))
        })
        .collect();
    let token = (v.auth == AuthType::Oauth1).then(|| {
        let mut segs = vec![method("token_request", vec![])];
        segs.extend(params.iter().cloned());
        segs.push(method("build", vec![]));
        let mut stmts: Vec<Stmt> = app().into_iter().collect();
        stmts.push(let_("token_request", chain(atom("app"), segs)));
        stmts.push(let_(
            "request_token",
            chain(
                atom("client"),
                vec![
                    method("oauth_token", vec![atom("&token_request")]),
                    await_try(),
                ],
            ),
        ));
        stmts
    });
    let url = v.oauth.as_ref().map(|_| {
        let is_oauth1 = v.auth == AuthType::Oauth1;
        let request_token = if is_oauth1 {
            vec![atom("&request_token")]
        } else {
            vec![]
        };
        let mut segs = vec![method("url_request", request_token)];
        segs.extend(params.iter().cloned());
        segs.push(method(
            "with_state",
            vec![call(
                "elements::State::new",
                vec![atom(Lit(examples::state(e)).quoted())],
                false,
            )],
        ));
        segs.push(method("build", vec![]));
        let mut stmts: Vec<Stmt> = Vec::new();
        if !is_oauth1 {
            stmts.extend(app());
        }
        stmts.push(let_("url_request", chain(atom("app"), segs)));
        stmts.push(let_(
            "oauth",
            chain(
                atom("client"),
                vec![method("oauth_url", vec![atom("&url_request")]), await_try()],
            ),
        ));
        stmts.push(Stmt {
            name: None,
            expr: atom("println!(\"Send the user to {}\", oauth.oauth_url)"),
        });
        stmts
    });
    let callback = has_callback_parser(v).then(|| {
        let check = if v.auth == AuthType::Oauth1 {
            "&request_token"
        } else {
            "&url_request.state"
        };
        vec![let_(
            "provider_data",
            call(
                client_path(e, v, "ProviderData::from_callback"),
                vec![
                    atom(Lit(&examples::callback_url(e, v)).quoted()),
                    atom(check),
                ],
                true,
            ),
        )]
    });
    let mut segs = vec![method(
        "name",
        vec![atom(Lit(examples::INSTANCE_NAME).quoted())],
    )];
    if !v.provider_data.is_empty() {
        let value = if callback.is_some() {
            atom("provider_data")
        } else {
            built(
                client_path(e, v, "ProviderData::builder"),
                setters(module, v.provider_data.iter()),
            )
        };
        segs.push(method("provider_data", vec![value]));
    }
    let mut config_setters = setters(module, v.own_config().iter().filter(|f| !set_by_app(v, f)));
    config_setters.extend(
        v.common_options()
            .iter()
            .map(|f| method(setter_name(&f.ident, false), vec![setter_value(f, module)])),
    );
    let config = if v.oauth.is_some() {
        let mut segs = vec![method("config", vec![])];
        segs.extend(config_setters);
        segs.push(method("build", vec![]));
        chain(atom("app"), segs)
    } else {
        built(client_path(e, v, "Config::builder"), config_setters)
    };
    segs.push(method("config", vec![config]));
    if v.body.iter().any(|f| f.constant.is_none()) {
        segs.push(method(
            "body",
            vec![built(
                client_path(e, v, "Body::builder"),
                setters(module, v.body.iter()),
            )],
        ));
    }
    segs.push(method(
        "with_tags",
        vec![atom(format!("[{}]", Lit(examples::TAG)))],
    ));
    segs.push(method("build", vec![]));
    let instance = vec![
        let_(
            "request",
            chain(
                call(client_path(e, v, "Instance::builder"), vec![], false),
                segs,
            ),
        ),
        let_(
            "instance",
            chain(
                atom("client"),
                vec![
                    method("create_instance", vec![atom("&request")]),
                    await_try(),
                ],
            ),
        ),
    ];
    Steps {
        client,
        token,
        url,
        callback,
        instance,
    }
}

/// A URL argument, parsed by the client's URL type with `?` (the setters take
/// `HttpUrl`); a call rather than text, so that a long URL breaks as rustfmt breaks it.
fn parse_url(url: &str) -> Expr {
    call(
        "elements::HttpUrl::parse",
        vec![atom(Lit(url).quoted())],
        true,
    )
}

/// The path an application writes to an item of `v`'s types: `item` after the
/// element's module and the variant's type prefix (`Config::builder`).
fn client_path(e: &Element, v: &Variant, item: &str) -> String {
    ["elements::", &e.module, "::", &v.type_prefix, item].concat()
}

/// `builder()` of `path`, then `setters`, then `.build()`.
fn built(builder: String, setters: Vec<Seg>) -> Expr {
    let mut segs = setters;
    segs.push(method("build", vec![]));
    chain(call(builder, vec![], false), segs)
}

/// The builder setters of `fields` with their example values (fixed fields have none).
fn setters<'a>(module: &str, fields: impl Iterator<Item = &'a Field>) -> Vec<Seg> {
    fields
        .filter(|f| f.constant.is_none())
        .map(|f| {
            method(
                setter_name(&f.ident, f.required),
                vec![setter_value(f, module)],
            )
        })
        .collect()
}

/// A field's example as a setter argument: a string as its literal (the setters take
/// `impl Into<String>`), a URL parsed with `?`, JSON with the application's own
/// `serde_json`, anything else as a typed value, with the paths an application writes
/// (`elements::`).
fn setter_value(f: &Field, module: &str) -> Expr {
    match (&f.ty, &f.example) {
        (FieldType::String, Value::String(s)) => atom(Lit(s).quoted()),
        (FieldType::Url, Value::String(s)) => parse_url(s),
        (FieldType::Json, value) => atom(format!(
            "serde_json::json!({})",
            json_text(&value.to_json(Wire::Native))
        )),
        _ => {
            let value = example_value(f, module);
            atom(match value.strip_prefix("crate::") {
                Some(path) => ["elements::", path].concat(),
                None => value,
            })
        }
    }
}

/// The page's blocks of a variant's example code: the client is created in the
/// first one.
pub fn blocks(code: &ExampleCode) -> Blocks {
    let with_client = |step: &str| format!("{}\n{step}", code.client);
    let (token, url, instance) = match (&code.token, &code.url) {
        (Some(token), url) => (Some(with_client(token)), url.clone(), code.instance.clone()),
        (None, Some(url)) => (None, Some(with_client(url)), code.instance.clone()),
        (None, None) => (None, None, with_client(&code.instance)),
    };
    Blocks {
        token,
        url,
        callback: code.callback.clone(),
        instance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements on one line each, as prettyplease lays them out inside a
    /// function body (less the body's indentation).
    fn prettyplease(stmts: &[Stmt]) -> String {
        let mut flat = String::new();
        for stmt in stmts {
            if let Some(name) = stmt.name {
                flat.push_str(&format!("let {name} = "));
            }
            stmt.expr.flat(&mut flat);
            flat.push_str(";\n");
        }
        let file: syn::File =
            syn::parse_str(&format!("fn f() {{\n{flat}}}")).expect("snippets are Rust");
        let text = prettyplease::unparse(&file);
        let body: Vec<&str> = text
            .lines()
            .skip(1)
            .take_while(|l| *l != "}")
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect();
        body.join("\n")
    }

    fn assert_laid_out_as_prettyplease(e: &Element) {
        for v in &e.variants {
            let s = steps(e, v);
            let all = [
                Some(&s.client),
                s.token.as_ref(),
                s.url.as_ref(),
                s.callback.as_ref(),
            ]
            .into_iter()
            .flatten()
            .chain([&s.instance]);
            for step in all {
                // prettyplease prints a macro's arguments as a stream of tokens
                // (`"a" : - 2`); the snippets keep a `json!` value as JSON, on one line.
                if prettyplease(step).contains("json!") {
                    continue;
                }
                assert_eq!(
                    statements(step),
                    prettyplease(step),
                    "{} ({}), variant {}",
                    e.key,
                    e.module,
                    v.id
                );
            }
        }
    }

    /// Every snippet of every catalog of the repository is laid out as prettyplease
    /// (the formatter rustfmt's layout is modelled on) lays it out; and, for the
    /// catalogs that use every feature of the format (kitchen, hostile), again with
    /// module and type names of every length up to 40 more characters, which moves
    /// every line across the width. (The real catalog's elements are made of the
    /// snippet shapes the kitchen catalog has; sweeping its 88 elements as well took
    /// seven seconds of every `cargo test`.)
    #[test]
    fn snippets_are_laid_out_as_prettyplease_lays_them_out() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for (dir, sweep) in [
            ("descriptors", false),
            ("tests/catalogs/kitchen", true),
            ("tests/catalogs/hostile", true),
        ] {
            let checked = crate::check_catalog(&root.join(dir)).expect("the catalog loads");
            let catalog = checked.into_catalog().expect("the catalog is valid").0;
            for e in &catalog.elements {
                assert_laid_out_as_prettyplease(e);
                for extra in (1..=40).filter(|_| sweep) {
                    let mut longer = e.clone();
                    longer.module.push_str(&"m".repeat(extra));
                    for v in &mut longer.variants {
                        v.type_prefix.push_str(&"T".repeat(extra / 2));
                    }
                    assert_laid_out_as_prettyplease(&longer);
                }
            }
        }
    }
}
