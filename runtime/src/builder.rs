//! The states of the generated typestate builders (`<Type>::builder()`): a required
//! field is [`Unset`] until its setter runs, then [`Set`]; `build` needs every
//! required field's state to implement the field's own trait (see [`field`]), which
//! only `Set` does, so a field left out does not compile, with an error that names
//! it. The states are types only: the builder holds the values.

/// A required field whose setter has not run yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field whose setter has run: the builder holds its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Set;

/// The value a setter stored, for `build`: a field's state is [`Set`] only from the
/// setter that stores its value, and `build` requires `Set`.
pub fn take<T>(value: Option<T>) -> T {
    value.expect("a field whose state is `Set` holds its value")
}

/// The instance request's required fields: `build` requires each one's state to
/// implement its trait (of the built type `T`), which only [`Set`] does, so that a
/// field left out is an error that names it. Each element module has the same for
/// its own types' fields (`field::<name>`).
#[allow(
    non_camel_case_types,
    reason = "named as the fields, for the error that names them"
)]
pub mod field {
    use super::Set;

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
}
