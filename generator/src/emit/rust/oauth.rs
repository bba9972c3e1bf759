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
    let is_oauth1 = v.auth == AuthType::Oauth1;
    let read: Vec<String> = oauth
        .callback_params
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
    for f in &v.provider_data {
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
/// token request, both made from the app.
pub(super) fn oauth_requests(
    c: &mut Code,
    e: &Element,
    v: &Variant,
    oauth: &OAuth,
    markers: &mut builder::Markers,
) {
    let app_name = v.type_name("App");
    let url_name = v.type_name("UrlRequest");
    let token_name = v.type_name("TokenRequest");
    let is_oauth1 = v.auth == AuthType::Oauth1;
    let param_slot = |p: &crate::model::OAuthParam| builder::Slot {
        field: p.ident.clone(),
        setter: setter_name(&p.ident, p.required),
        doc: format!("Sets the OAuth parameter {}.", code(&p.name)),
        arg: "impl Into<String>".to_string(),
        ty: "String".to_string(),
        convert: "value.into()".to_string(),
        default: builder::Default::None,
    };
    let params_required = || {
        oauth
            .params
            .iter()
            .filter(|p| p.required)
            .map(param_slot)
            .collect()
    };
    let params_optional = || {
        oauth
            .params
            .iter()
            .filter(|p| !p.required)
            .map(param_slot)
            .collect::<Vec<_>>()
    };
    // The query pairs every request sends: the credentials, then the parameters.
    let mut param_pushes: Vec<String> = Vec::new();
    for p in &oauth.params {
        let (id, name) = (&p.ident, Lit(&p.name));
        if p.required {
            param_pushes.push(format!("query.push(({name}, self.{id}.clone()));"));
        } else {
            param_pushes.push(format!(
                "if let Some(value) = &self.{id} {{\n    query.push(({name}, value.clone()));\n}}"
            ));
        }
    }
    // The fields the URL and token requests share.
    let shared_fields = |c: &mut Code| {
        line!(
            c,
            "/// The key obtained from registering your app with the provider."
        );
        line!(c, "pub api_key: String,");
        line!(
            c,
            "/// The secret obtained from registering your app with the provider."
        );
        line!(c, "pub api_secret: ::elements_runtime::Secret,");
        line!(c, "/// The URL the provider redirects to after consent.");
        line!(c, "pub callback_url: ::elements_runtime::HttpUrl,");
        for p in &oauth.params {
            c.doc(&format!(
                "{}{}",
                code(&p.name),
                p.description
                    .as_ref()
                    .map(|d| format!(": {}", text(d)))
                    .unwrap_or_default()
            ));
            let ty = if p.required {
                "String"
            } else {
                "Option<String>"
            };
            line!(c, "pub {}: {ty},", p.ident);
        }
    };
    let carried = || {
        vec![
            builder::Carried {
                field: "api_key".to_string(),
                ty: "String".to_string(),
            },
            builder::Carried {
                field: "api_secret".to_string(),
                ty: "::elements_runtime::Secret".to_string(),
            },
            builder::Carried {
                field: "callback_url".to_string(),
                ty: "::elements_runtime::HttpUrl".to_string(),
            },
        ]
    };
    let carried_inits = vec![
        "api_key: self.client_id.clone()".to_string(),
        "api_secret: self.client_secret.clone()".to_string(),
        "callback_url: self.callback_url.clone()".to_string(),
    ];

    // The URL request.
    let mut url_pushes = param_pushes.clone();
    url_pushes.push(
        "if let Some(scope) = &self.scope {\n    query.push((\"scope\", scope.clone()));\n}"
            .to_string(),
    );
    url_pushes.push("query.push((\"state\", self.state.as_str().to_owned()));".to_string());
    let mut url_carried = carried();
    url_carried.push(builder::Carried {
        field: "scope".to_string(),
        ty: "Option<String>".to_string(),
    });
    let mut url_inits = carried_inits.clone();
    url_inits.push("scope: self.scope.clone()".to_string());
    if is_oauth1 {
        url_pushes.push("query.push((\"requestToken\", self.request_token.clone()));".to_string());
        url_carried.push(builder::Carried {
            field: "request_token".to_string(),
            ty: "String".to_string(),
        });
        url_inits.push("request_token: request_token.token.clone()".to_string());
    }
    let mut url_optional = params_optional();
    url_optional.push(builder::Slot {
        field: "state".to_string(),
        setter: "with_state".to_string(),
        doc: "Sets the `state` passed back to the callback (default: `State::random()`)."
            .to_string(),
        arg: "impl Into<::elements_runtime::State>".to_string(),
        ty: "::elements_runtime::State".to_string(),
        convert: "value.into()".to_string(),
        default: builder::Default::Call("::elements_runtime::State::random".to_string()),
    });
    let url_spec = builder::Spec {
        target: url_name.clone(),
        required: params_required(),
        optional: url_optional,
        carried: url_carried,
        extra: Vec::new(),
        extra_state: Vec::new(),
        methods: vec![with_scope("Asks for another scope than the app's.")],
    };

    // The token request (OAuth 1 step 1).
    let token_spec = is_oauth1.then(|| builder::Spec {
        target: token_name.clone(),
        required: params_required(),
        optional: params_optional(),
        carried: carried(),
        extra: Vec::new(),
        extra_state: Vec::new(),
        methods: Vec::new(),
    });

    // The app: the root's generic one, with this variant's requests and configuration.
    let config_name = v.type_name("Config");
    let scope_default = match &oauth.scope {
        Some(scope) => format!("Some({})", Lit(scope)),
        None => "None".to_string(),
    };
    open!(c, "impl crate::VariantOAuth for {config_name}");
    line!(c, "const SCOPE: Option<&'static str> = {scope_default};");
    c.close();
    c.doc(&format!(
        "The app registered with the provider for {} ({}): its credentials and callback URL, given once. The URL request{}, and the configuration's OAuth entries come from it.",
        text(&e.name),
        code(&v.id),
        if is_oauth1 { ", the token request" } else { "" },
    ));
    line!(c, "pub type {app_name} = crate::OAuthApp<{config_name}>;");
    open!(c, "impl {app_name}");
    c.doc_line(&format!(
        "{}: the request for the consent URL, with the app's credentials and scope and a random `state`; its required OAuth parameters are set on the builder.",
        if is_oauth1 { "OAuth 1 step 2" } else { "OAuth step 1" }
    ));
    let rt_arg = if is_oauth1 {
        ", request_token: &::elements_runtime::RequestToken"
    } else {
        ""
    };
    open!(
        c,
        "pub fn url_request(&self{rt_arg}) -> {}",
        url_spec.unset_type()
    );
    url_spec.unset_value(c, &url_inits);
    c.close();
    if let Some(token_spec) = &token_spec {
        c.doc(
            "OAuth 1 step 1: the request for a request token, with the app's\n\
             credentials; its required OAuth parameters are set on the builder.",
        );
        open!(
            c,
            "pub fn token_request(&self) -> {}",
            token_spec.unset_type()
        );
        token_spec.unset_value(c, &carried_inits);
        c.close();
    }
    app_config(c, e, v);
    c.close();
    if let Some(token_spec) = &token_spec {
        c.doc(&format!(
            "Query of {} (OAuth 1 step 1): a request token for {} ({}). Made by [`{app_name}::token_request`].",
            code(&format!("GET /elements/{}/oauth/token", e.key)),
            text(&e.name),
            code(&v.id)
        ));
        line!(c, "#[derive(Clone, Debug)]");
        open!(c, "pub struct {token_name}");
        shared_fields(c);
        c.close();
        token_spec.emit(c, markers);
        open!(
            c,
            "impl ::elements_runtime::OAuthTokenRequest for {token_name}"
        );
        line!(c, "const ELEMENT_KEY: &'static str = KEY;");
        open!(c, "fn query(&self) -> Vec<(&'static str, String)>");
        query_expr(c, &param_pushes);
        c.close();
        c.close();
    }
    c.doc(&format!(
        "Query of {}{}: the provider's consent URL for {} ({}). Made by [`{app_name}::url_request`].",
        code(&format!("GET /elements/{}/oauth/url", e.key)),
        if is_oauth1 { " (OAuth 1 step 2)" } else { "" },
        text(&e.name),
        code(&v.id)
    ));
    line!(c, "#[derive(Clone, Debug)]");
    open!(c, "pub struct {url_name}");
    shared_fields(c);
    line!(
        c,
        "/// Asked of the consent page; sent as `scope` when set."
    );
    line!(c, "pub scope: Option<String>,");
    line!(
        c,
        "/// Passed back to the callback unchanged: compare it there."
    );
    line!(c, "pub state: ::elements_runtime::State,");
    if is_oauth1 {
        line!(c, "/// The request token of step 1 (`requestToken`).");
        line!(c, "pub request_token: String,");
    }
    c.close();
    url_spec.emit(c, markers);
    open!(c, "impl ::elements_runtime::OAuthUrlRequest for {url_name}");
    line!(c, "const ELEMENT_KEY: &'static str = KEY;");
    open!(c, "fn query(&self) -> Vec<(&'static str, String)>");
    query_expr(c, &url_pushes);
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
    open!(
        c,
        "pub fn config(&self) -> {}",
        spec.typed(|slot| credential(slot).is_some())
    );
    let options = options_init(v.common_options(), &e.module, |f| f.default.as_ref());
    spec.value(c, credential, &[format!("options: {options}")]);
    c.close();
}

/// The `with_scope` setter of a builder that carries a `scope`, as source at depth 0.
pub(super) fn with_scope(doc: &str) -> String {
    let mut c = Code::default();
    c.doc_line(doc);
    open!(
        c,
        "pub fn with_scope(mut self, scope: impl Into<String>) -> Self"
    );
    line!(c, "self.parts.scope = Some(scope.into());");
    line!(c, "self");
    c.close();
    c.finish()
}

/// The query pairs: the app's credentials, then what `pushes` (statements on
/// `query`, source at depth 0) add. Without pushes the vector is not `mut`, which
/// `unused_mut` would flag.
pub(super) fn query_expr(c: &mut Code, pushes: &[String]) {
    let credentials = |c: &mut Code| {
        c.enter();
        line!(c, "(\"apiKey\", self.api_key.clone()),");
        line!(c, "(\"apiSecret\", self.api_secret.expose().to_owned()),");
        line!(
            c,
            "(\"callbackUrl\", self.callback_url.as_str().to_owned()),"
        );
        c.leave();
    };
    if pushes.is_empty() {
        line!(c, "vec![");
        credentials(c);
        line!(c, "]");
    } else {
        line!(c, "let mut query = vec![");
        credentials(c);
        line!(c, "];");
        for push in pushes {
            c.lines(push);
        }
        line!(c, "query");
    }
}
