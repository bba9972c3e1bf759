// `dynamics.tenant` is required: `build` without its setter is an error naming `dynamics_tenant`.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig::builder()
        .user_username("user")
        .user_password("password")
        .build();
}
