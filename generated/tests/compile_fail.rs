//! Required configuration cannot be left out: the code does not compile.

#[test]
fn required_fields_cannot_be_left_out() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
