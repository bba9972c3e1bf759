//! The states of the generated typestate builders (`<Type>::builder()`): a required
//! field is [`Unset`] until its setter runs, then [`Set`] with its value; `build`
//! needs every required field's state to be [`IsSet`], which only `Set` is, so a
//! field left out does not compile. Each builder's `build` names its fields' own
//! traits (`<Builder>_<field>`, implemented for `Set` alone), whose error message
//! says which field is missing.

/// A required field whose setter has not run yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field that is set, holding its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Set<T>(pub T);

/// The state of a required field that `build` takes the value from: [`Set`] alone.
pub trait IsSet<T> {
    /// The value the setter stored.
    fn into_value(self) -> T;
}

impl<T> IsSet<T> for Set<T> {
    fn into_value(self) -> T {
        self.0
    }
}
