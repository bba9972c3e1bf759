// `dynamics.tenant` is required: `new` has no form without it.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig::new("user", "password");
}
