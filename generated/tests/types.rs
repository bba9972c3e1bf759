//! The generated types as an application uses them: settings loaded with serde,
//! enums read and written as text. (Pardot's descriptor has an enum with a default;
//! Base CRM's configuration has a secret.)

use elements::{UnknownValue, base, pardot};

#[test]
fn enums_read_write_and_default_as_the_wire_does() {
    use pardot::CustomProviderVersion as Version;
    assert_eq!(Version::default(), Version::V3);
    assert_eq!("4".parse::<Version>(), Ok(Version::V4));
    assert_eq!(Version::V4.to_string(), "4");
    assert_eq!(serde_json::to_string(&Version::V3).unwrap(), "\"3\"");
    assert_eq!(
        serde_json::from_str::<Version>("\"4\"").unwrap(),
        Version::V4
    );
    let err = "5".parse::<Version>().unwrap_err();
    assert_eq!(
        err,
        UnknownValue {
            expected: "`3`, `4`"
        }
    );
    assert_eq!(err.to_string(), "unknown value; expected one of `3`, `4`");
}

#[test]
fn a_configuration_loads_from_settings_and_keeps_its_secret_out_of_debug() {
    let settings = serde_json::json!({
        "oauth.api.key": "tenant-7-client",
        "oauth.api.secret": "tenant-7-SECRET",
        "oauth.callback.url": "https://app.example.com/cb",
        "event.notification.enabled": "true",
        "filter.response.nulls": false
    });
    let config: base::Oauth2Config = serde_json::from_value(settings).unwrap();
    assert_eq!(config.oauth_api_key, "tenant-7-client");
    assert_eq!(
        config.oauth_callback_url.as_str(),
        "https://app.example.com/cb"
    );
    assert_eq!(config.options.event_notification_enabled, Some(true));
    assert_eq!(config.options.filter_response_nulls, Some(false));
    assert!(!format!("{config:?}").contains("SECRET"));
    let err = serde_json::from_value::<base::Oauth2Config>(serde_json::json!({
        "oauth.api.key": "k"
    }))
    .unwrap_err();
    assert_eq!(err.to_string(), "missing field `oauth.api.secret`");
}

#[test]
fn a_builder_shows_what_it_builds_and_its_values_so_far_without_credentials() {
    let builder = base::Oauth2Config::builder()
        .oauth_api_secret("tenant-7-SECRET")
        .with_filter_response_nulls(true);
    assert_eq!(
        format!("{builder:?}"),
        "Builder { of: \"elements::base::Oauth2Config\", values: (None, Some(Secret([REDACTED])), None, \
         InstanceOptions { event_notification_enabled: None, event_vendor_type: None, \
         event_notification_callback_url: None, event_poller_refresh_interval: None, \
         filter_response_nulls: Some(true) }) }"
    );
    let clone = builder.clone();
    let config = clone
        .oauth_api_key("k")
        .oauth_callback_url("https://app.example.com/cb".parse().unwrap())
        .build();
    assert_eq!(config.oauth_api_secret.expose(), "tenant-7-SECRET");
    assert_eq!(config.options.filter_response_nulls, Some(true));
}
