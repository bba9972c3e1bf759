//! The states of the generated typestate builders (`<Type>::builder()`): a required
//! field is [`Unset`] until its setter runs, then [`Set`]; `build` needs every
//! required field's state to be [`IsSet`], which only `Set` is, so a field left out
//! does not compile. Each builder's `build` names its fields' own traits
//! (`<Builder>_<field>`, implemented for `Set` alone), whose error message says which
//! field is missing. The states are types only: the builder holds the values.

use std::fmt;
use std::marker::PhantomData;

/// A required field whose setter has not run yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field whose setter has run: the builder holds its value, a `T`.
pub struct Set<T>(PhantomData<fn() -> T>);

// By hand: derives would require `T: Clone`..., which a state that holds no `T`
// does not need.
impl<T> Clone for Set<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Set<T> {}

impl<T> fmt::Debug for Set<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Set")
    }
}

/// The state of a required field that `build` takes the value from: [`Set`] alone.
pub trait IsSet<T> {
    /// The value the setter stored in the builder's field.
    fn take(value: Option<T>) -> T;
}

impl<T> IsSet<T> for Set<T> {
    fn take(value: Option<T>) -> T {
        // A builder's state is `Set` only from the setter that stores the value.
        value.expect("a field whose state is `Set` holds its value")
    }
}
