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

use super::rust::{example_value, ident, set_by_app, setter_name};
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
                let setter = setter_name(&p.ident, p.required);
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
            let setter = setter_name(&f.ident, false);
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
            let setter = setter_name(&f.ident, f.required);
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

/// The page's blocks of `v`: the client is created in the first one.
pub fn blocks(e: &Element, v: &Variant) -> Blocks {
    let s = steps(e, v);
    let client = &s.client;
    let (token, url, instance) = match (&s.token, &s.url) {
        (Some(token), url) => (
            Some(quote!(#client #token)),
            url.clone(),
            s.instance.clone(),
        ),
        (None, Some(url)) => (None, Some(quote!(#client #url)), s.instance.clone()),
        (None, None) => {
            let instance = &s.instance;
            (None, None, quote!(#client #instance))
        }
    };
    Blocks {
        token: token.as_ref().map(statements),
        url: url.as_ref().map(statements),
        callback: s.callback.as_ref().map(statements),
        instance: statements(&instance),
    }
}

/// The function of the client that runs a variant's page snippets in order against
/// `base_url` (the only line the page does not show moves the client there).
pub fn function(e: &Element, v: &Variant) -> TokenStream {
    let s = steps(e, v);
    let name = page_example_fn(v);
    let (client, token, url, callback, instance) =
        (s.client, s.token, s.url, s.callback, s.instance);
    let doc = format!(
        " The Rust the guide page shows for the `{}` variant, step by step, against `base_url`.",
        v.id
    );
    quote! {
        #[doc = #doc]
        ///
        /// # Errors
        /// Whatever a step of the page returns.
        #[cfg(feature = "examples")]
        pub async fn #name(base_url: ::url::Url) -> Result<crate::Instance, Box<dyn std::error::Error>> {
            use crate as elements;
            #client
            let client = client.with_base_url(base_url)?;
            #token
            #url
            #callback
            #instance
            Ok(instance)
        }
    }
}

/// The name of the function [`function`] emits in the element's module.
pub fn page_example_fn(v: &Variant) -> Ident {
    format_ident!("page_example_{}", v.id)
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
