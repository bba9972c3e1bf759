// A configuration is built with its builder, never a struct literal: it is
// #[non_exhaustive], so that a field added to its descriptor is a minor release.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig {
        user_username: "user".into(),
        user_password: "password".into(),
        document_tagging: false,
        options: Default::default(),
    };
}
