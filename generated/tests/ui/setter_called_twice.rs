// A required field is set once: after its setter, the setter is gone.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig::builder()
        .user_username("user")
        .user_username("other");
}
