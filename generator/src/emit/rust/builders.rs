//! The builders of the request types ([`super::builder`] writes one from a
//! [`builder::Spec`]): the slots of a struct's fields and of the common options.

use super::*;
use crate::code::{line, open};

/// What a type built by a builder has in its `impl`: `builder()`, documented by
/// `doc_text`, and `new()` when nothing is required. Its unset state holds `state`
/// (field, expression).
pub(super) fn constructors(
    c: &mut Code,
    spec: &builder::Spec,
    state: &[(String, String)],
    doc_text: &str,
) {
    c.doc_line(doc_text);
    super::inline(c);
    open!(c, "pub fn builder() -> {}", spec.unset_type());
    spec.unset_value(c, state);
    c.close();
    if spec.required.is_empty() {
        line!(
            c,
            "/// The value with every optional field at its default (or unset)."
        );
        super::inline(c);
        open!(c, "pub fn new() -> Self");
        line!(c, "Self::builder().build()");
        c.close();
    }
}

/// The builder of `name` per `spec`, and `Default` when nothing is required.
pub(super) fn builder_items(
    c: &mut Code,
    name: &str,
    spec: &builder::Spec,
    markers: &mut builder::Markers,
) {
    spec.emit(c, markers);
    if spec.required.is_empty() {
        default_impl(c, name);
    }
}

/// The setter of a field: named as the field when required, `with_<field>` when
/// optional; strings and secrets take anything that converts.
pub(super) fn field_slot(f: &Field) -> builder::Slot {
    let ty = value_type(f).to_string();
    let (arg, convert) = match &f.ty {
        FieldType::String => (["impl Into<", &ty, ">"].concat(), "value.into()"),
        _ => (ty.clone(), "value"),
    };
    let default = match (&f.default, f.required) {
        (Some(d), false) if is_cheap(f) => builder::Default::Cheap(rust_value(f, d)),
        (Some(d), false) => builder::Default::Lazy(rust_value(f, d)),
        _ => builder::Default::None,
    };
    builder::Slot {
        doc: ["Sets ", &text(&f.label), " (", &code(&f.key), ")."].concat(),
        field: f.ident.clone(),
        setter: setter_name(&f.ident, f.required),
        arg,
        ty,
        convert: convert.to_string(),
        default,
    }
}

/// The builder of a set of map fields (fixed ones are no fields).
pub(super) fn fields_builder(target: &str, fields: &[Field]) -> builder::Spec {
    let settable: Vec<&Field> = fields.iter().filter(|f| f.constant.is_none()).collect();
    builder::Spec {
        target: target.to_string(),
        required: settable
            .iter()
            .filter(|f| f.required)
            .map(|f| field_slot(f))
            .collect(),
        optional: settable
            .iter()
            .filter(|f| !f.required)
            .map(|f| field_slot(f))
            .collect(),
        extra_state: Vec::new(),
    }
}

/// The builder of a variant's configuration: its own entries, and the common options
/// (the root's `with_options`, or one `with_*` per option, [`common_option_setters`]).
pub(super) fn config_builder(v: &Variant) -> builder::Spec {
    let mut spec = fields_builder(&v.type_name("Config"), v.own_config());
    spec.extra_state
        .push((OPTIONS.to_string(), "crate::InstanceOptions".to_string()));
    spec
}

/// The field of a configuration, and the builder's extra state, that holds the
/// common options.
pub(super) const OPTIONS: &str = "options";

/// The initial state of a configuration builder ([`config_builder`]): the common
/// options the variant gives defaults, none when it gives none (they start unset).
pub(super) fn config_options_init(e: &Element, v: &Variant) -> Vec<(String, String)> {
    let options = options_init(v.common_options(), &e.module, |f| f.default.as_ref());
    (options != NO_OPTIONS)
        .then(|| (OPTIONS.to_string(), options))
        .into_iter()
        .collect()
}

/// The configuration builders' setters of the common options, written once at the
/// crate root for every configuration's builder (`crate::VariantConfig` says where its
/// builder keeps them).
pub(super) fn common_option_setters(c: &mut Code) {
    open!(c, "impl<T: VariantConfig, S> Builder<T, S>");
    line!(c, "/// Sets every common option at once.");
    open!(
        c,
        "pub fn with_options(mut self, options: crate::InstanceOptions) -> Self"
    );
    line!(c, "*T::options(&mut self.parts) = options;");
    line!(c, "self");
    c.close();
    for f in implied::common_options() {
        let slot = field_slot(f);
        // The common options' enums live at the crate root, not in the element's module.
        let arg = match &f.ty {
            FieldType::Enum(_) => format!("crate::{}", enum_name(f)),
            _ => slot.arg.clone(),
        };
        c.doc_line(&format!(
            "Sets the common option {} ({}).",
            text(&f.label),
            code(&f.key)
        ));
        open!(
            c,
            "pub fn {}(mut self, value: {arg}) -> Self",
            setter_name(&f.ident, false)
        );
        line!(
            c,
            "T::options(&mut self.parts).{} = Some({});",
            slot.field,
            slot.convert
        );
        line!(c, "self");
        c.close();
    }
    c.close();
}

/// The expression of `InstanceOptions` with every common option unset.
pub(super) const NO_OPTIONS: &str = "crate::InstanceOptions::default()";

/// `InstanceOptions` with the common options `value` gives a value set to it, the
/// others unset ([`NO_OPTIONS`] when it gives none).
pub(super) fn options_init<'a>(
    fields: &'a [Field],
    module: &str,
    value: impl Fn(&'a Field) -> Option<&'a Value>,
) -> String {
    let sets: Vec<String> = fields
        .iter()
        .filter_map(|f| {
            let v = qualified_value(f, value(f)?, module);
            Some([&f.ident, ": Some(", &v, ")"].concat())
        })
        .collect();
    if sets.is_empty() {
        NO_OPTIONS.to_string()
    } else {
        format!(
            "crate::InstanceOptions {{ {}, ..crate::InstanceOptions::default() }}",
            sets.join(", ")
        )
    }
}
