//! The Rust a guide page shows beside each cURL: the same calls made with the
//! generated client, filled with the same example values.
//!
//! One set of tokens serves both outputs: the docs emitter formats each step's
//! statements for the page, and the Rust emitter compiles all of a variant's steps
//! into one function of the client (feature `examples`), which the tests run against
//! a local server and compare with the page's JSON. A snippet that stops compiling or
//! sends something else than its page shows fails the build or the tests.
//!
//! The statements name the client crate `elements` as an application does; the
//! compiled function starts with `use crate as elements;` so that they read the same
//! inside the crate.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{format_ident, quote};

use super::code::{Code, line, open};
use super::rust::{set_by_app, setter_name};
use crate::examples;
use crate::model::{AuthType, Element, Field, FieldType, Value, Variant};

/// A variant's steps as statements, in page order.
pub struct Steps {
    /// Creating the client (shown in the first block).
    pub client: TokenStream,
    /// OAuth 1 step 1: the request token.
    pub token: Option<TokenStream>,
    /// The OAuth URL request and the redirect.
    pub url: Option<TokenStream>,
    /// Parsing the callback into the provider data.
    pub callback: Option<TokenStream>,
    /// The instance request and `create_instance`.
    pub instance: TokenStream,
}

/// The page's blocks: the statements of each step, formatted.
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

/// The statements of every step of `v`: every request made with its builder, every
/// value named by its setter, each OAuth credential given once (to the app).
fn ident(name: &str) -> Ident {
    Ident::new(name, proc_macro2::Span::call_site())
}

/// A field's example value as a setter argument outside the element's module.
fn example_value(f: &Field, module: &Ident) -> TokenStream {
    super::rust::example_value(f, &module.to_string())
        .parse()
        .expect("the Rust emitter writes valid expressions")
}

pub fn steps(e: &Element, v: &Variant) -> Steps {
    let module = ident(&e.module);
    let prefix = &v.type_prefix;
    let client = quote! {
        let client = elements::Client::new("<INSERT_USER_SECRET>", "<INSERT_ORGANIZATION_SECRET>")?;
    };
    let app = v.oauth.as_ref().map(|_| {
        let app = format_ident!("{prefix}App");
        let (key, secret, callback) = (
            examples::api_key(v),
            examples::api_secret(v),
            examples::callback(v),
        );
        quote! {
            let app = elements::#module::#app::builder()
                .client_id(#key)
                .client_secret(#secret)
                .callback_url(elements::HttpUrl::parse(#callback)?)
                .build();
        }
    });
    let params = v.oauth.as_ref().map(|oauth| {
        oauth
            .params
            .iter()
            .filter_map(|p| {
                let value = p.example.as_ref()?;
                let setter = ident(&setter_name(&p.ident, p.required));
                Some(quote!(.#setter(#value)))
            })
            .collect::<Vec<_>>()
    });
    let token = (v.auth == AuthType::Oauth1).then(|| {
        let params = params.as_deref().unwrap_or_default();
        quote! {
            #app
            let token_request = app.token_request() #(#params)* .build();
            let request_token = client.oauth_token(&token_request).await?;
        }
    });
    let url = v.oauth.as_ref().map(|_| {
        let params = params.as_deref().unwrap_or_default();
        let state = examples::state(e);
        let (app, request_token) = if v.auth == AuthType::Oauth1 {
            (None, Some(quote!(&request_token)))
        } else {
            (app.clone(), None)
        };
        quote! {
            #app
            let url_request = app.url_request(#request_token)
                #(#params)*
                .with_state(elements::State::new(#state))
                .build();
            let oauth = client.oauth_url(&url_request).await?;
            println!("Send the user to {}", oauth.oauth_url);
        }
    });
    let callback = super::rust::has_callback_parser(v).then(|| {
        let provider = format_ident!("{prefix}ProviderData");
        let url = examples::callback_url(e, v);
        let check = if v.auth == AuthType::Oauth1 {
            quote!(&request_token)
        } else {
            quote!(&url_request.state)
        };
        quote! {
            let provider_data = elements::#module::#provider::from_callback(#url, #check)?;
        }
    });
    let instance_type = format_ident!("{prefix}Instance");
    let provider_data = (!v.provider_data.is_empty()).then(|| {
        if callback.is_some() {
            quote!(.provider_data(provider_data))
        } else {
            let provider = format_ident!("{prefix}ProviderData");
            let setters = setters(&module, v.provider_data.iter());
            quote!(.provider_data(elements::#module::#provider::builder() #(#setters)* .build()))
        }
    });
    let config = {
        let own = v.own_config().filter(|f| !set_by_app(v, f));
        let mut setters = setters(&module, own);
        setters.extend(v.common_options().map(|f| {
            let setter = ident(&setter_name(&f.ident, false));
            let value = setter_value(f, &module);
            quote!(.#setter(#value))
        }));
        let start = if v.oauth.is_some() {
            quote!(app.config())
        } else {
            let config = format_ident!("{prefix}Config");
            quote!(elements::#module::#config::builder())
        };
        quote!(.config(#start #(#setters)* .build()))
    };
    let body = v.body.iter().any(|f| f.constant.is_none()).then(|| {
        let body_type = format_ident!("{prefix}Body");
        let setters = setters(&module, v.body.iter());
        quote!(.body(elements::#module::#body_type::builder() #(#setters)* .build()))
    });
    let (name, tag) = (examples::INSTANCE_NAME, examples::TAG);
    let instance = quote! {
        let request = elements::#module::#instance_type::builder()
            .name(#name)
            #provider_data
            #config
            #body
            .with_tags([#tag])
            .build();
        let instance = client.create_instance(&request).await?;
    };
    Steps {
        client: elementize(client),
        token: token.map(elementize),
        url: url.map(elementize),
        callback: callback.map(elementize),
        instance: elementize(instance),
    }
}

/// The builder setters of `fields` with their example values (fixed fields have none).
fn setters<'a>(module: &Ident, fields: impl Iterator<Item = &'a Field>) -> Vec<TokenStream> {
    fields
        .filter(|f| f.constant.is_none())
        .map(|f| {
            let setter = ident(&setter_name(&f.ident, f.required));
            let value = setter_value(f, module);
            quote!(.#setter(#value))
        })
        .collect()
}

/// A field's example as a setter argument: a string as its literal (the setters take
/// `impl Into<String>`), anything else as a typed value.
fn setter_value(f: &Field, module: &Ident) -> TokenStream {
    match (&f.ty, &f.example) {
        (FieldType::String, Value::String(s)) => quote!(#s),
        _ => example_value(f, module),
    }
}

/// A variant's steps formatted, each once: the page's blocks and the compiled
/// function are made of the same text.
pub struct Formatted {
    client: String,
    token: Option<String>,
    url: Option<String>,
    callback: Option<String>,
    instance: String,
}

/// The steps of `v`, formatted.
pub fn formatted(e: &Element, v: &Variant) -> Formatted {
    let s = steps(e, v);
    Formatted {
        client: statements(&s.client),
        token: s.token.as_ref().map(statements),
        url: s.url.as_ref().map(statements),
        callback: s.callback.as_ref().map(statements),
        instance: statements(&s.instance),
    }
}

impl Formatted {
    /// The page's blocks: the client is created in the first one.
    pub fn blocks(&self) -> Blocks {
        let with_client = |step: &str| format!("{}\n{step}", self.client);
        let (token, url, instance) = match (&self.token, &self.url) {
            (Some(token), url) => (Some(with_client(token)), url.clone(), self.instance.clone()),
            (None, Some(url)) => (None, Some(with_client(url)), self.instance.clone()),
            (None, None) => (None, None, with_client(&self.instance)),
        };
        Blocks {
            token,
            url,
            callback: self.callback.clone(),
            instance,
        }
    }
}

/// The page's blocks of `v`: the client is created in the first one.
pub fn blocks(e: &Element, v: &Variant) -> Blocks {
    formatted(e, v).blocks()
}

/// The function of the client that runs a variant's page snippets in order against
/// `base_url` (the only line the page does not show moves the client there).
pub fn function(c: &mut Code, v: &Variant, s: &Formatted) {
    c.doc_line(&format!(
        "The Rust the guide page shows for the `{}` variant, step by step, against `base_url`.",
        v.id
    ));
    c.doc("\n# Errors\nWhatever a step of the page returns.");
    line!(c, "#[cfg(feature = \"examples\")]");
    open!(
        c,
        "pub async fn {}(base_url: ::url::Url) -> Result<crate::Instance, Box<dyn std::error::Error>>",
        page_example_fn(v)
    );
    line!(c, "use crate as elements;");
    c.lines(&s.client);
    line!(c, "let client = client.with_base_url(base_url)?;");
    for step in [&s.token, &s.url, &s.callback].into_iter().flatten() {
        c.lines(step);
    }
    c.lines(&s.instance);
    line!(c, "Ok(instance)");
    c.close();
}

/// The name of the function [`function`] emits in the element's module.
pub fn page_example_fn(v: &Variant) -> String {
    format!("page_example_{}", v.id)
}

/// `tokens` with every `crate` path written as `elements` (the crate's name to an
/// application), so that the page shows paths an application can write.
fn elementize(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(i) if i == "crate" => {
                TokenTree::Ident(Ident::new("elements", i.span()))
            }
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), elementize(g.stream()));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other,
        })
        .collect()
}

/// Statements formatted as rustfmt would inside a function body, without it.
fn statements(tokens: &TokenStream) -> String {
    let file: syn::File =
        syn::parse2(quote!(fn f() { #tokens })).expect("the snippet emitter produces valid Rust");
    let text = prettyplease::unparse(&file);
    let body: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|l| *l != "}")
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    body.join("\n")
}
