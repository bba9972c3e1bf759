//! The OAuth side of a variant: the app registered with the provider, the requests
//! for the consent URL and the OAuth 1 request token, the configuration an app
//! fills in, and the provider data read from the callback.

use super::*;
use crate::code::{line, open};

/// The callback parser of provider data that is the implied one of a consent flow
/// ([`has_callback_parser`]): every field but the OAuth 1 request token and its
/// secret comes from the callback.
pub(super) fn from_callback(c: &mut Code, v: &Variant) {
    let Some(oauth) = &v.oauth else {
        return;
    };
    callback_parser(c, v.auth, &oauth.callback_params, &v.provider_data);
}

/// The callback parser of provider data `fields` of a variant of auth type `auth`,
/// whose provider passes `callback_params` to the callback.
pub(super) fn callback_parser(
    c: &mut Code,
    auth: AuthType,
    callback_params: &[String],
    fields: &[Field],
) {
    let is_oauth1 = auth == AuthType::Oauth1;
    let read: Vec<String> = callback_params
        .iter()
        .filter(|k| !(is_oauth1 && k.as_str() == implied::OAUTH_TOKEN))
        .map(|k| code(k))
        .collect();
    let read = if read.is_empty() {
        "nothing else".to_string()
    } else {
        read.join(", ")
    };
    if is_oauth1 {
        c.doc(&format!(
            "Reads the provider data from the URL the provider redirected to: checks that \
             its `oauth_token` is the request token of step 1, whose secret completes the \
             provider data, and reads {read}.\n\n# Errors\nWhen the user denied access, a \
             parameter is missing, or the token differs."
        ));
        open!(
            c,
            "pub fn from_callback(callback_url: &str, request_token: &::elements_runtime::RequestToken) -> Result<Self, ::elements_runtime::CallbackError>"
        );
        line!(
            c,
            "let callback = ::elements_runtime::Callback::oauth1(callback_url, request_token)?;"
        );
    } else {
        c.doc(&format!(
            "Reads the provider data from what the provider redirected to (the URL, \
             the path with its query, or the query), after checking that its `state` \
             is `expected_state`, the state of your URL request (`url_request.state`): \
             {read}.\n\n# Errors\nWhen the user denied access (`error=...`), a \
             parameter is missing, or the state differs."
        ));
        open!(
            c,
            "pub fn from_callback(callback_url: &str, expected_state: &str) -> Result<Self, ::elements_runtime::CallbackError>"
        );
        line!(
            c,
            "let callback = ::elements_runtime::Callback::oauth2(callback_url, expected_state)?;"
        );
    }
    open!(c, "Ok(Self");
    for f in fields {
        let name = &f.ident;
        let key = f.key.as_str();
        match key {
            _ if is_oauth1 && key == implied::OAUTH_TOKEN => {
                line!(c, "{name}: request_token.token.clone(),");
            }
            _ if is_oauth1 && key == implied::REQUEST_TOKEN_SECRET => {
                line!(c, "{name}: request_token.secret.clone(),");
            }
            _ if f.secret => line!(
                c,
                "{name}: ::elements_runtime::Secret::new(callback.param({})?),",
                Lit(key)
            ),
            _ => line!(c, "{name}: callback.param({})?,", Lit(key)),
        }
    }
    c.close_with(")");
    c.close();
}

/// The OAuth types of a variant: the app registered with the provider (its
/// credentials and callback URL, given once), the URL request, and for OAuth 1 the
/// token request, both made from the app. Each is the crate root's generic type with
/// the variant's configuration; what the variant adds is its default scope, its own
/// OAuth parameters (a struct, and their setters on the requests' builders) and the
/// app's methods.
pub(super) fn oauth_requests(
    c: &mut Code,
    e: &Element,
    v: &Variant,
    oauth: &OAuth,
    markers: &mut builder::Markers,
) {
    let app_name = v.type_name("App");
    let config_name = v.type_name("Config");
    let is_oauth1 = v.auth == AuthType::Oauth1;
    let params = (!oauth.params.is_empty()).then(|| v.type_name("OAuthParams"));
    let generics = match &params {
        Some(params) => format!("{config_name}, {params}"),
        None => config_name.clone(),
    };
    let scope_default = match &oauth.scope {
        Some(scope) => format!("Some({})", Lit(scope)),
        None => "None".to_string(),
    };
    open!(c, "impl crate::VariantOAuth for {config_name}");
    line!(c, "const SCOPE: Option<&'static str> = {scope_default};");
    c.close();
    if let Some(params) = &params {
        params_struct(c, e, v, oauth, params);
    }
    // The requests: `UrlRequest` (and for OAuth 1 `TokenRequest`) of the root.
    let mut requests = vec![(
        "UrlRequest",
        format!(
            "Query of {}{}: the provider's consent URL for {} ({}). Made by [`{app_name}::url_request`].",
            code(&format!("GET /elements/{}/oauth/url", e.key)),
            if is_oauth1 { " (OAuth 1 step 2)" } else { "" },
            text(&e.name),
            code(&v.id)
        ),
    )];
    if is_oauth1 {
        requests.push((
            "TokenRequest",
            format!(
                "Query of {} (OAuth 1 step 1): a request token for {} ({}). Made by [`{app_name}::token_request`].",
                code(&format!("GET /elements/{}/oauth/token", e.key)),
                text(&e.name),
                code(&v.id)
            ),
        ));
    }
    let n = oauth.params.iter().filter(|p| p.required).count();
    for (kind, doc) in &requests {
        let name = v.type_name(kind);
        c.doc(doc);
        line!(c, "pub type {name} = crate::{kind}<{generics}>;");
        line!(
            c,
            "/// Builds a [`{name}`]: each required OAuth parameter by its own setter, `build` once they are all set."
        );
        line!(
            c,
            "pub type {name}Builder{} = crate::Builder<{name}, {}>;",
            builder::state_params(n, None),
            builder::state_tuple(n, |_| None)
        );
        if let Some(params) = &params {
            param_setters(c, kind, &name, params, oauth, markers);
        }
    }
    c.doc(&format!(
        "The app registered with the provider for {} ({}): its credentials and callback URL, given once. The URL request{}, and the configuration's OAuth entries come from it.",
        text(&e.name),
        code(&v.id),
        if is_oauth1 { ", the token request" } else { "" },
    ));
    line!(c, "pub type {app_name} = crate::OAuthApp<{config_name}>;");
    open!(c, "impl {app_name}");
    let unset = builder::state_tuple(n, |_| Some("::elements_runtime::Unset"));
    let builder_of = |kind: &str| format!("crate::Builder<{}, {unset}>", v.type_name(kind));
    c.doc_line(&format!(
        "{}: the request for the consent URL, with the app's credentials and scope and a random `state`; its required OAuth parameters are set on the builder.",
        if is_oauth1 { "OAuth 1 step 2" } else { "OAuth step 1" }
    ));
    if is_oauth1 {
        super::inline(c);
        open!(
            c,
            "pub fn url_request(&self, request_token: &::elements_runtime::RequestToken) -> {}",
            builder_of("UrlRequest")
        );
        line!(
            c,
            "crate::Builder::new(self.request_parts(Some(request_token.token.clone())))"
        );
        c.close();
        c.doc(
            "OAuth 1 step 1: the request for a request token, with the app's\n\
             credentials; its required OAuth parameters are set on the builder.",
        );
        super::inline(c);
        open!(
            c,
            "pub fn token_request(&self) -> {}",
            builder_of("TokenRequest")
        );
        line!(c, "crate::Builder::new(self.request_parts(None))");
        c.close();
    } else {
        super::inline(c);
        open!(
            c,
            "pub fn url_request(&self) -> {}",
            builder_of("UrlRequest")
        );
        line!(c, "crate::Builder::new(self.request_parts(None))");
        c.close();
    }
    app_config(c, e, v);
    c.close();
}

/// The variant's own OAuth parameters: a struct of them, what they add to a query.
fn params_struct(c: &mut Code, e: &Element, v: &Variant, oauth: &OAuth, name: &str) {
    c.doc(&format!(
        "The OAuth parameters of {} ({}) beyond the app's credentials, the scope and the state: the `params` of its URL request{}.",
        text(&e.name),
        code(&v.id),
        if v.auth == AuthType::Oauth1 { " and token request" } else { "" },
    ));
    line!(c, "#[derive(Clone, Debug)]");
    line!(c, "#[non_exhaustive]");
    open!(c, "pub struct {name}");
    for p in &oauth.params {
        c.doc(&format!(
            "{}{}{}",
            code(&p.name),
            p.description
                .as_ref()
                .map(|d| format!(": {}", text(d)))
                .unwrap_or_default(),
            p.default
                .as_ref()
                .map(|d| format!(" (when not sent, the provider uses {})", code(d)))
                .unwrap_or_default()
        ));
        let ty = if p.required {
            "String"
        } else {
            "Option<String>"
        };
        line!(c, "pub {}: {ty},", p.ident);
    }
    c.close();
    line!(c, "#[doc(hidden)]");
    line!(c, "#[derive(Clone, Debug, Default)]");
    open!(c, "pub struct {name}Parts");
    for p in &oauth.params {
        line!(c, "{}: Option<String>,", p.ident);
    }
    c.close();
    open!(c, "impl crate::Parts for {name}");
    line!(c, "type Parts = {name}Parts;");
    c.close();
    open!(c, "impl crate::OAuthParams for {name}");
    super::inline(c);
    open!(c, "fn start() -> Self::Parts");
    line!(c, "{name}Parts::default()");
    c.close();
    super::inline(c);
    open!(c, "fn push(&self, query: &mut Vec<(&'static str, String)>)");
    for p in &oauth.params {
        let (id, key) = (&p.ident, Lit(&p.name));
        if p.required {
            line!(c, "query.push(({key}, self.{id}.clone()));");
        } else {
            open!(c, "if let Some(value) = &self.{id}");
            line!(c, "query.push(({key}, value.clone()));");
            c.close();
        }
    }
    c.close();
    c.close();
}

/// The setters of the OAuth parameters on the builder of request `name` (a
/// `UrlRequest` or `TokenRequest`, `kind`), and its `build`.
fn param_setters(
    c: &mut Code,
    kind: &str,
    name: &str,
    params: &str,
    oauth: &OAuth,
    markers: &mut builder::Markers,
) {
    let required: Vec<&crate::model::OAuthParam> =
        oauth.params.iter().filter(|p| p.required).collect();
    let n = required.len();
    for (i, p) in required.iter().enumerate() {
        open!(
            c,
            "impl{} crate::Builder<{name}, {}>",
            builder::state_params(n, Some(i)),
            builder::state_tuple(n, |j| (j == i).then_some("::elements_runtime::Unset"))
        );
        c.doc_line(&format!("Sets the OAuth parameter {}.", code(&p.name)));
        open!(
            c,
            "pub fn {}(mut self, value: impl Into<String>) -> crate::Builder<{name}, {}>",
            p.ident,
            builder::state_tuple(n, |j| (j == i).then_some("::elements_runtime::Set"))
        );
        line!(c, "self.parts.params.{} = Some(value.into());", p.ident);
        line!(c, "self.retype()");
        c.close();
        c.close();
        markers.insert(p.ident.clone());
    }
    open!(
        c,
        "impl{} crate::Builder<{name}, {}>",
        builder::state_params(n, None),
        builder::state_tuple(n, |_| None)
    );
    for p in oauth.params.iter().filter(|p| !p.required) {
        c.doc_line(&format!("Sets the OAuth parameter {}.", code(&p.name)));
        open!(
            c,
            "pub fn {}(mut self, value: impl Into<String>) -> Self",
            setter_name(&p.ident, false)
        );
        line!(c, "self.parts.params.{} = Some(value.into());", p.ident);
        line!(c, "self");
        c.close();
    }
    line!(
        c,
        "/// The value, once every required field is set (a field left unset is a compile error naming it)."
    );
    if n == 0 {
        open!(c, "pub fn build(self) -> {name}");
    } else {
        line!(c, "pub fn build(self) -> {name}");
        line!(c, "where");
        c.enter();
        for (i, p) in required.iter().enumerate() {
            line!(c, "S{i}: crate::field::{}<{name}>,", p.ident);
        }
        c.leave();
        line!(c, "{{");
        c.enter();
    }
    let finish = if kind == "UrlRequest" {
        "url_request"
    } else {
        "token_request"
    };
    open!(c, "self.parts.{finish}(|params| {params}");
    for p in &oauth.params {
        if p.required {
            line!(
                c,
                "{id}: ::elements_runtime::take(params.{id}),",
                id = p.ident
            );
        } else {
            line!(c, "{id}: params.{id},", id = p.ident);
        }
    }
    c.close_with(")");
    c.close();
    c.close();
}

/// `<V>App::config()`: the configuration builder with the app's OAuth entries set.
pub(super) fn app_config(c: &mut Code, e: &Element, v: &Variant) {
    let spec = config_builder(v);
    // The app's value of a configuration entry, for the three OAuth credentials.
    let credential = |slot: &builder::Slot| -> Option<&str> {
        let f = v
            .own_config()
            .iter()
            .find(|f| slot.field == f.ident && set_by_app(v, f))?;
        match (f.key.as_str(), &f.ty) {
            (implied::OAUTH_CALLBACK_URL, FieldType::Url) => Some("self.callback_url.clone()"),
            (implied::OAUTH_CALLBACK_URL, _) => {
                Some("String::from(self.callback_url.as_str()).into()")
            }
            (implied::OAUTH_API_KEY, _) if f.secret => {
                Some("::elements_runtime::Secret::from(self.client_id.clone())")
            }
            (implied::OAUTH_API_KEY, _) => Some("self.client_id.clone()"),
            (implied::OAUTH_API_SECRET, _) if f.secret => Some("self.client_secret.clone()"),
            (implied::OAUTH_API_SECRET, _) => Some("self.client_secret.expose().to_owned()"),
            _ => None,
        }
    };
    c.doc(
        "The configuration builder with the app's OAuth entries (client id,\n\
         secret, callback URL) already set.",
    );
    super::inline(c);
    open!(
        c,
        "pub fn config(&self) -> {}",
        spec.typed(|slot| credential(slot).is_some())
    );
    spec.value(c, credential, &config_options_init(e, v));
    c.close();
}
