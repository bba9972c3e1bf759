//! Example values.
