//! What the `examples` feature compiles: each request built with the page's example
//! values, the catalog's registry of them, and the function that runs a variant's
//! page snippets against a server, which tests compare with the pages.

use super::*;
use crate::code::{line, open};

/// `example()` constructors filled with the model's example values: exactly what the
/// guide page shows, so tests can compare the client's wire output with the page.
pub(super) fn example_constructors(c: &mut Code, e: &Element, v: &Variant) {
    let prefix = &v.type_prefix;
    line!(c, "#[cfg(feature = \"examples\")]");
    open!(c, "impl {prefix}Instance");
    line!(
        c,
        "/// The request the guide page shows, filled with the descriptor's example values."
    );
    open!(c, "pub fn example() -> Self");
    open!(c, "Self");
    instance_inits(c, e, v);
    c.close();
    c.close();
    c.close();
    line!(c, "#[cfg(feature = \"examples\")]");
    open!(c, "const _: () =");
    if let Some(oauth) = &v.oauth {
        let scope = match &oauth.scope {
            Some(scope) => format!("Some(String::from({}))", Lit(scope)),
            None => "None".to_string(),
        };
        open!(c, "impl {prefix}UrlRequest");
        line!(c, "/// The request the guide page shows.");
        open!(c, "pub fn example() -> Self");
        open!(c, "Self");
        oauth_inits(c, v, oauth);
        line!(c, "scope: {scope},");
        line!(
            c,
            "state: ::elements_runtime::State::new({}),",
            Lit(examples::state(e))
        );
        if v.auth == AuthType::Oauth1 {
            let token = examples::request_token(v);
            line!(c, "request_token: Some(String::from({})),", Lit(&token));
        } else {
            line!(c, "request_token: None,");
        }
        c.close();
        c.close();
        c.close();
        if v.auth == AuthType::Oauth1 {
            open!(c, "impl {prefix}TokenRequest");
            line!(c, "/// The request the guide page shows.");
            open!(c, "pub fn example() -> Self");
            open!(c, "Self");
            oauth_inits(c, v, oauth);
            c.close();
            c.close();
            c.close();
        }
    }
    c.close_with(";");
}

/// The fields of an OAuth request the URL and token requests share (credentials,
/// callback URL, the variant's own parameters), with the page's example values, as
/// the lines of a struct expression.
pub(super) fn oauth_inits(c: &mut Code, v: &Variant, oauth: &OAuth) {
    line!(c, "api_key: String::from({}),", Lit(&examples::api_key(v)));
    line!(
        c,
        "api_secret: ::elements_runtime::Secret::from({}),",
        Lit(&examples::api_secret(v))
    );
    line!(
        c,
        "callback_url: ::elements_runtime::HttpUrl::parse({}).expect(\"the descriptor's URL was checked\"),",
        Lit(&examples::callback(v))
    );
    line!(c, "variant: ::std::marker::PhantomData,");
    if oauth.params.is_empty() {
        line!(c, "params: (),");
        return;
    }
    open!(c, "params: {}", v.type_name("OAuthParams"));
    for p in &oauth.params {
        let id = &p.ident;
        match (&p.example, p.required) {
            (Some(value), true) => line!(c, "{id}: String::from({}),", Lit(value)),
            (Some(value), false) => line!(c, "{id}: Some(String::from({})),", Lit(value)),
            // Required parameters always have an example (a placeholder at least).
            (None, _) => line!(c, "{id}: None,"),
        }
    }
    c.close_with(",");
}

/// The fields of a variant's instance request with the page's example values, as
/// the lines of a struct expression.
pub(super) fn instance_inits(c: &mut Code, e: &Element, v: &Variant) {
    let module = &e.module;
    let prefix = &v.type_prefix;
    line!(c, "name: String::from({}),", Lit(examples::INSTANCE_NAME));
    line!(c, "tags: vec![String::from({})],", Lit(examples::TAG));
    if !v.provider_data.is_empty() {
        open!(c, "provider_data: crate::{module}::{prefix}ProviderData");
        example_inits(c, &v.provider_data, module);
        c.close_with(",");
    } else {
        line!(c, "provider_data: (),");
    }
    open!(c, "config: crate::{module}::{prefix}Config");
    example_inits(c, v.own_config(), module);
    let options = options_init(v.common_options(), module, |f| Some(&f.example));
    line!(c, "options: {options},");
    c.close_with(",");
    if !v.body.is_empty() {
        open!(c, "body: crate::{module}::{prefix}Body");
        example_inits(c, &v.body, module);
        c.close_with(",");
    } else {
        line!(c, "body: (),");
    }
}

/// The settable `fields` with their example values, as struct expression lines.
pub(super) fn example_inits<'a>(
    c: &mut Code,
    fields: impl IntoIterator<Item = &'a Field>,
    module: &str,
) {
    for f in fields.into_iter().filter(|f| f.constant.is_none()) {
        let value = qualified_value(f, &f.example, module);
        if is_optional(f) {
            c.parts(&[&f.ident, ": Some(", &value, "),"]);
        } else {
            c.parts(&[&f.ident, ": ", &value, ","]);
        }
    }
}

/// `examples()`: every variant's example requests, serialized, by element and variant.
pub(super) fn example_registry(c: &mut Code, catalog: &Catalog) {
    line!(
        c,
        "/// Every variant's example requests, as the guide pages show them."
    );
    line!(c, "#[cfg(feature = \"examples\")]");
    open!(c, "pub fn examples() -> Vec<::elements_runtime::Example>");
    line!(c, "vec![");
    c.enter();
    for e in &catalog.elements {
        for v in &e.variants {
            example_entry(c, e, v);
        }
    }
    c.leave();
    line!(c, "]");
    c.close();
}

/// One entry of [`example_registry`]: the runtime's `Example::of` the variant's
/// request, with its OAuth queries and callback where it has them.
pub(super) fn example_entry(c: &mut Code, e: &Element, v: &Variant) {
    let module = &e.module;
    let prefix = &v.type_prefix;
    let mut calls = Vec::new();
    if v.oauth.is_some() {
        calls.push(format!(
            ".with_url_request(&{module}::{prefix}UrlRequest::example())"
        ));
    }
    if v.auth == AuthType::Oauth1 {
        calls.push(format!(
            ".with_token_request(&{module}::{prefix}TokenRequest::example())"
        ));
    }
    if let Some((url, parsed)) = callback_example(e, v) {
        calls.push(format!(".with_callback({}, {parsed})", Lit(&url)));
    }
    let of = format!(
        "::elements_runtime::Example::of({}, {}, &{module}::{prefix}Instance::example(), ::elements_runtime::Example::round_trip::<{module}::{prefix}Config>)",
        Lit(&e.key),
        Lit(&v.id)
    );
    let Some(last) = calls.pop() else {
        line!(c, "{of},");
        return;
    };
    line!(c, "{of}");
    c.enter();
    for call in &calls {
        line!(c, "{call}");
    }
    line!(c, "{last},");
    c.leave();
}

/// The page's example callback URL and the expression that parses it with the
/// variant's `from_callback`, for variants that have one.
pub(super) fn callback_example(e: &Element, v: &Variant) -> Option<(String, String)> {
    if !has_callback_parser(v) {
        return None;
    }
    let module = &e.module;
    let prefix = &v.type_prefix;
    let url = examples::callback_url(e, v);
    let parsed = if v.auth == AuthType::Oauth1 {
        let token = examples::request_token(v);
        let secret = examples::request_token_secret(v);
        format!(
            "{module}::{prefix}ProviderData::from_callback({}, &::elements_runtime::RequestToken {{ token: String::from({}), secret: ::elements_runtime::Secret::from({}) }})",
            Lit(&url),
            Lit(&token),
            Lit(&secret)
        )
    } else {
        format!(
            "{module}::{prefix}ProviderData::from_callback({}, {})",
            Lit(&url),
            Lit(examples::state(e))
        )
    };
    Some((url, parsed))
}

/// The guide pages' Rust, as functions for tests (`elements_page_examples.rs`, which
/// a test crate's build script writes with [`crate::Builder::page_examples`]): per
/// element a module of one function per variant that runs the page's snippets in
/// order against `base_url` (the only line the page does not show moves the client
/// there), and `page_examples()`, every one by element key and variant id. The
/// snippets name the client crate `elements`, as the pages do; the test crate
/// depends on it. Not part of the client: what its pages show is the tests' to check.
pub fn page_examples_source(catalog: &Catalog) -> String {
    source(2048 * catalog.elements.len(), |c| {
        line!(
            c,
            "/// A variant's page snippets as one call, run against the given API root."
        );
        line!(
            c,
            "pub type PageExample = fn(elements::url::Url) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<elements::Instance, Box<dyn std::error::Error>>>>>;"
        );
        line!(
            c,
            "/// Every variant's page snippets, by element key and variant id."
        );
        open!(
            c,
            "pub fn page_examples() -> Vec<(&'static str, &'static str, PageExample)>"
        );
        line!(c, "vec![");
        c.enter();
        for e in &catalog.elements {
            for v in &e.variants {
                line!(
                    c,
                    "({}, {}, |base_url| Box::pin({}::{}(base_url))),",
                    Lit(&e.key),
                    Lit(&v.id),
                    e.module,
                    page_example_fn(v)
                );
            }
        }
        c.leave();
        line!(c, "]");
        c.close();
        for e in &catalog.elements {
            line!(c, "/// The pages' Rust of {}.", code(&e.key));
            open!(c, "pub mod {}", e.module);
            for v in &e.variants {
                page_example(c, v);
            }
            c.close();
        }
    })
}

/// The function that runs a variant's page snippets in order against `base_url`.
fn page_example(c: &mut Code, v: &Variant) {
    let s = &v.example_code;
    c.doc_line(&format!(
        "The Rust the guide page shows for the `{}` variant, step by step, against `base_url`.",
        v.id
    ));
    c.doc("\n# Errors\nWhatever a step of the page returns.");
    open!(
        c,
        "pub async fn {}(base_url: elements::url::Url) -> Result<elements::Instance, Box<dyn std::error::Error>>",
        page_example_fn(v)
    );
    c.lines(&s.client);
    line!(c, "let client = client.with_base_url(base_url)?;");
    for step in s.steps() {
        c.lines(step);
    }
    line!(c, "Ok(instance)");
    c.close();
}

/// The name of the function [`page_example`] emits in the element's module.
fn page_example_fn(v: &Variant) -> String {
    format!("page_example_{}", v.id)
}
