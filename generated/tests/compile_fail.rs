//! Required fields cannot be left out, nor set twice: `build` requires every
//! required field to be set, and the error of a field left out names it; a setter
//! is gone once its field is set. Each case is a program that must not compile,
//! with the error it must give (`tests/ui/*.stderr`).
//!
//! trybuild compiles the cases in a project of its own, with its own target
//! directory: the client's dependencies are built again there (minutes on two
//! cores). `cargo test` therefore leaves this test out, and `.ci/run` runs it:
//! `cargo test -p elements --test compile_fail -- --ignored`.

#[test]
#[ignore = "builds the client's dependencies again in trybuild's own target directory (minutes): .ci/run runs it"]
fn required_fields_cannot_be_left_out() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
