//! The states of the generated typestate builders (`<Type>::builder()`): a required
//! field is [`Unset`] until its setter runs, then [`Set`]; `build` needs every
//! required field's state to implement the field's own trait (see [`crate::field`]), which
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
