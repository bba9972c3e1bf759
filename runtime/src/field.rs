//! The required fields of the instance request and of an OAuth app: `build`
//! requires each one's state to implement its trait (of the built type `T`), which
//! only [`Set`] does, so that a field left out is an error that names it. The
//! generated code has the same for its own types' fields, at the root of the crate
//! that includes it (`field::<name>`, one per name).
#![allow(
    non_camel_case_types,
    reason = "named as the fields, for the error that names them"
)]

use crate::Set;

/// The state of `name`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `name`",
    label = "`name` is not set",
    note = "call `.name(...)` on the builder before `.build()`"
)]
pub trait name<T> {}
impl<T> name<T> for Set {}

/// The state of `provider_data`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `provider_data`",
    label = "`provider_data` is not set",
    note = "call `.provider_data(...)` on the builder before `.build()`"
)]
pub trait provider_data<T> {}
impl<T> provider_data<T> for Set {}

/// The state of `config`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `config`",
    label = "`config` is not set",
    note = "call `.config(...)` on the builder before `.build()`"
)]
pub trait config<T> {}
impl<T> config<T> for Set {}

/// The state of `body`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `body`",
    label = "`body` is not set",
    note = "call `.body(...)` on the builder before `.build()`"
)]
pub trait body<T> {}
impl<T> body<T> for Set {}

/// The state of `client_id`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `client_id`",
    label = "`client_id` is not set",
    note = "call `.client_id(...)` on the builder before `.build()`"
)]
pub trait client_id<T> {}
impl<T> client_id<T> for Set {}

/// The state of `client_secret`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `client_secret`",
    label = "`client_secret` is not set",
    note = "call `.client_secret(...)` on the builder before `.build()`"
)]
pub trait client_secret<T> {}
impl<T> client_secret<T> for Set {}

/// The state of `callback_url`.
#[diagnostic::on_unimplemented(
    message = "`{T}` is missing its required field `callback_url`",
    label = "`callback_url` is not set",
    note = "call `.callback_url(...)` on the builder before `.build()`"
)]
pub trait callback_url<T> {}
impl<T> callback_url<T> for Set {}
