//! Required fields cannot be left out, nor set twice: the builders have no `build`
//! (or no second setter) until then, so the code does not compile.

#[test]
fn required_fields_cannot_be_left_out() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
