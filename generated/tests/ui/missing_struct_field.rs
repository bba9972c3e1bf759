// A struct literal must name every field, including the required `dynamics.tenant`.
fn main() {
    let _config = elements::dynamicscrmadfs::CustomConfig {
        user_username: "user".into(),
        user_password: "password".into(),
        document_tagging: false,
        options: Default::default(),
    };
}
