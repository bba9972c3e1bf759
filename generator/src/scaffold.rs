//! `elementgen new`: a starting descriptor for an auth type, with the fields that
//! type needs spelled out, valid as written. Where only the provider's own facts
//! will do, it writes the placeholder word `TODO`, which `validate` warns about until
//! it is replaced.

use std::fmt::Write as _;

use crate::descriptor::{AuthType, Hub};
use crate::resolve::PLACEHOLDER;

/// The text of `<key>.yaml` for a new element. `key` must already be valid.
pub fn descriptor(key: &str, name: &str, auth: AuthType, hub: Hub) -> String {
    // JSON strings are YAML double-quoted scalars: any name is quoted safely.
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let mut out = String::new();
    let _ = writeln!(out, "# yaml-language-server: $schema=schema.json");
    // Quoted: a valid key can still be a YAML keyword (`null`, `true`, `1e3`).
    let _ = writeln!(out, "key: {}", quote(key));
    let _ = writeln!(out, "name: {}", quote(name));
    let _ = writeln!(out, "hub: {}", hub.as_str());
    let _ = writeln!(
        out,
        "description: {}",
        quote(&format!(
            "{PLACEHOLDER}: one or two sentences about {name}."
        ))
    );
    let _ = writeln!(out, "# docs:\n#   order: 20\n#   seo_name: {}", quote(name));
    let _ = writeln!(out, "auth:");
    let _ = writeln!(out, "  - type: {}", auth.as_str());
    match auth {
        AuthType::Oauth2 | AuthType::Oauth1 => {
            let _ = writeln!(out, "    oauth:");
            let _ = writeln!(out, "      # The provider's consent page (https).");
            let _ = writeln!(
                out,
                "      authorize_url: https://{PLACEHOLDER}.example.com/oauth/authorize"
            );
            let _ = writeln!(
                out,
                "    # Implied: oauth.api.key, oauth.api.secret, oauth.callback.url."
            );
            let _ = writeln!(out, "    config: []");
        }
        AuthType::Basic => {
            let _ = writeln!(out, "    config:");
            let _ = writeln!(out, "      - key: user.username\n        label: Username");
            let _ = writeln!(
                out,
                "      - key: user.password\n        label: Password\n        secret: true"
            );
        }
        AuthType::ApiKey => {
            let _ = writeln!(out, "    config:");
            let _ = writeln!(
                out,
                "      - key: api.key\n        label: API Key\n        secret: true"
            );
        }
        AuthType::Custom => {
            let _ = writeln!(
                out,
                "    # List every configuration field the provider needs."
            );
            let _ = writeln!(out, "    config:");
            let _ = writeln!(
                out,
                "      - key: site.address\n        label: Site address\n        example: {PLACEHOLDER}"
            );
        }
    }
    out
}
