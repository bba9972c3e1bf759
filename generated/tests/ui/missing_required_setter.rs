// `dynamics.tenant` is required: without its setter the builder has no `build`.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig::builder()
        .user_username("user")
        .user_password("password")
        .build();
}
