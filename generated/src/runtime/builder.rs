//! The states of the generated typestate builders (`<Type>::builder()`): a required
//! field is [`Unset`] until its setter runs, then [`Set`] with its value; `build`
//! exists only when every required field is `Set`.

/// A required field whose setter has not run yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field that is set, holding its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Set<T>(pub T);
