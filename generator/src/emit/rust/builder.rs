//! Typestate builders: every argument is named at the call site, and `build` compiles
//! only once every required field is set, so leaving one out does not compile.
//!
//! Every type's builder is the crate root's generic `Builder<T, S>` (written once, from
//! `shared.rs.in`): `S` is a tuple with one state per required field,
//! `::elements_runtime::Unset` until its setter runs and `::elements_runtime::Set` after,
//! and the builder keeps the values in the type's `<T>Parts` struct, each an `Option`.
//! What a type adds is its own: the parts, one setter per field (defined only while
//! a required field is unset; it stores the value and calls the builder's `retype`),
//! and `build`, which exists on every state but requires each required field's state
//! to implement `crate::field::<name><T>`, a trait of the crate root implemented for
//! `Set` only and marked `#[diagnostic::on_unimplemented]`: a field left out is an
//! error that names it. The common options' setters and the builder's plumbing are the root's, once.
//! A builder of k required fields is O(k) lines. Hand-written rather than a derive
//! crate, so the client's build adds no dependency.
//!
//! Types, expressions and names here are Rust source text.

use std::collections::BTreeSet;

use crate::code::{Code, line, open};
use crate::names::RETYPE;

/// The names of the required fields of builders: the traits of the crate root's
/// `field` module, which `build` requires of their states.
pub type Markers = BTreeSet<String>;

/// The crate root's `field` module: for each required field name of the builders of
/// every element compiled in, a trait of the built type `T` that only the set state
/// implements, whose message names the field (the runtime's `field` has the instance
/// request's and the app's). One per name, not per element: `oauth_api_key` is a
/// required field of 41 configurations, and each trait is compiled.
pub fn marker_module(c: &mut Code, markers: &Markers) {
    if markers.is_empty() {
        return;
    }
    line!(
        c,
        "/// The states of the builders' required fields, by name: `build` requires each to be set."
    );
    line!(c, "#[doc(hidden)]");
    line!(
        c,
        "#[allow(non_camel_case_types, reason = \"named as the fields, for the error that names them\")]"
    );
    open!(c, "pub mod field");
    for m in markers {
        line!(
            c,
            "#[diagnostic::on_unimplemented(message = \"`{{T}}` is missing its required field `{m}`\", label = \"`{m}` is not set\", note = \"call `.{m}(...)` on the builder before `.build()`\")]"
        );
        c.parts(&["pub trait ", m, "<T> {}"]);
        c.parts(&["impl<T> ", m, "<T> for ::elements_runtime::Set {}"]);
    }
    c.close();
}

/// A field the builder sets.
pub struct Slot {
    /// The field of the built type.
    pub field: String,
    /// The setter's name.
    pub setter: String,
    /// The setter's doc line (escaped for rustdoc).
    pub doc: String,
    /// The setter's argument type.
    pub arg: String,
    /// The stored type.
    pub ty: String,
    /// The stored value, from the argument `value`.
    pub convert: String,
    /// Optional fields: the field's value when the setter was not called.
    pub default: Default,
}

/// What an optional field is when its setter was not called.
pub enum Default {
    /// Unset: the field is an `Option` of the stored type.
    None,
    /// This value, which costs nothing to build (taken eagerly, as clippy wants).
    Cheap(String),
    /// This value, built only when needed.
    Lazy(String),
}

/// What to generate.
pub struct Spec {
    /// The built type.
    pub target: String,
    /// Required fields, in setter order.
    pub required: Vec<Slot>,
    /// Optional fields.
    pub optional: Vec<Slot>,
    /// Extra fields of the built type, as `field: expression` (constants, the common
    /// options); the expressions may use the builder's values, `self.parts`.
    pub extra: Vec<String>,
    /// Extra values of the builder (name, type), kept through every setter.
    pub extra_state: Vec<(String, String)>,
}

/// `S0, S1, ...` with `S<i>` replaced by what `with(i)` writes where it writes
/// something.
fn state_list(n: usize, with: impl Fn(usize, &mut String)) -> String {
    let mut out = String::with_capacity(n * 24);
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        let before = out.len();
        with(i, &mut out);
        if out.len() == before {
            push_state_param(&mut out, i);
        }
    }
    out
}

/// Writes the type parameter of required field `i`'s state: `S<i>`.
fn push_state_param(out: &mut String, i: usize) {
    out.push('S');
    match u8::try_from(i) {
        Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
        _ => out.push_str(&i.to_string()),
    }
}

/// `<S0, S1, ...>`: the type parameters of `n` states, but the one at `skip` (a
/// setter's own field), or nothing when none is left.
pub(super) fn state_params(n: usize, skip: Option<usize>) -> String {
    let left = n - usize::from(skip.is_some());
    angled(&state_list(left, |j, out| {
        push_state_param(out, j + usize::from(skip.is_some_and(|i| j >= i)));
    }))
}

/// The tuple of `n` states: what `set(i)` gives, else the parameter `S<i>`.
pub(super) fn state_tuple<'a>(n: usize, set: impl Fn(usize) -> Option<&'a str>) -> String {
    tuple(
        n,
        &state_list(n, |i, out| {
            if let Some(state) = set(i) {
                out.push_str(state);
            }
        }),
    )
}

/// A tuple type of states: `()`, `(S0,)`, `(S0, S1)`.
fn tuple(n: usize, list: &str) -> String {
    match n {
        1 => ["(", list, ",)"].concat(),
        _ => ["(", list, ")"].concat(),
    }
}

/// The setter of `slot`: it stores the value, then returns what `result` writes
/// (the pieces of the last expression), of type `returns`.
fn setter(c: &mut Code, slot: &Slot, returns: &str, result: &[&str]) {
    c.doc_line(&slot.doc);
    c.open_parts(&[
        "pub fn ",
        &slot.setter,
        "(mut self, value: ",
        &slot.arg,
        ") -> ",
        returns,
    ]);
    c.parts(&["self.parts.", &slot.field, " = Some(", &slot.convert, ");"]);
    c.parts(result);
    c.close();
}

/// `<list>`, or nothing for an empty list.
fn angled(list: &str) -> String {
    if list.is_empty() {
        String::new()
    } else {
        ["<", list, ">"].concat()
    }
}

impl Spec {
    /// The struct of the builder's values.
    fn parts(&self) -> String {
        [self.target.as_str(), "Parts"].concat()
    }

    /// The builder type in the states `states` (a list, one per required field): the
    /// type's alias of the root's `Builder`.
    fn builder_type(&self, states: &str) -> String {
        [self.target.as_str(), "Builder", &angled(states)].concat()
    }

    /// The builder type with every required field unset, as a type.
    pub fn unset_type(&self) -> String {
        let unset = vec!["::elements_runtime::Unset"; self.required.len()].join(", ");
        self.builder_type(&unset)
    }

    /// The builder with every required field unset, the optional ones unset and the
    /// extra state given by `inits` (`field: expr`): the lines of an
    /// expression, written as the last expression of a block.
    pub fn unset_value(&self, c: &mut Code, inits: &[String]) {
        self.value(c, |_| None, inits);
    }

    /// The builder type with the required fields `set` gives `true` set, the others
    /// unset.
    pub fn typed<'a>(&'a self, set: impl Fn(&'a Slot) -> bool) -> String {
        let states: Vec<&str> = self
            .required
            .iter()
            .map(|s| {
                if set(s) {
                    "::elements_runtime::Set"
                } else {
                    "::elements_runtime::Unset"
                }
            })
            .collect();
        self.builder_type(&states.join(", "))
    }

    /// The builder with required field `slot` set to what `value` gives (unset where
    /// it gives nothing), the optional ones unset and the extra state given by
    /// `inits`: the lines of an expression.
    pub fn value<'a>(
        &'a self,
        c: &mut Code,
        value: impl Fn(&'a Slot) -> Option<&'a str>,
        inits: &[String],
    ) {
        // The values start as their `Default` (every field unset): only what differs
        // is written.
        let set: Vec<(&str, &str)> = self
            .required
            .iter()
            .filter_map(|s| Some((s.field.as_str(), value(s)?)))
            .collect();
        if set.is_empty() && inits.is_empty() {
            c.parts(&["crate::Builder::new(", &self.parts(), "::default())"]);
            return;
        }
        c.open_parts(&["crate::Builder::new(", &self.parts()]);
        for (field, v) in set {
            c.parts(&[field, ": Some(", v, "),"]);
        }
        for init in inits {
            c.parts(&[init, ","]);
        }
        line!(c, "..Default::default()");
        c.close_with(")");
    }

    /// The builder's values, its setters and `build`; the required fields' names go
    /// into `markers`.
    pub fn emit(&self, c: &mut Code, markers: &mut Markers) {
        let target = &self.target;
        let parts = self.parts();
        let n = self.required.len();
        let list = state_list(n, |_, _| {});
        line!(c, "#[doc(hidden)]");
        line!(c, "#[derive(Clone, Debug, Default)]");
        // The lines below are written for every field: as pieces, without the
        // formatting machinery.
        c.open_parts(&["pub struct ", &parts]);
        for s in self.required.iter().chain(&self.optional) {
            c.parts(&[&s.field, ": Option<", &s.ty, ">,"]);
        }
        for (field, ty) in &self.extra_state {
            c.parts(&[field, ": ", ty, ","]);
        }
        c.close();
        c.open_parts(&["impl crate::Parts for ", target]);
        c.parts(&["type Parts = ", &parts, ";"]);
        c.close();
        // The builder by the type's own name, its states one parameter each (a tuple
        // of them in every signature is what clippy calls a complex type).
        line!(
            c,
            "/// Builds a [`{target}`]: each required field by its own setter, `build` once they are all set."
        );
        c.parts(&[
            "pub type ",
            &self.builder_type(&list),
            " = crate::Builder<",
            target,
            ", ",
            &tuple(n, &list),
            ">;",
        ]);
        for (i, s) in self.required.iter().enumerate() {
            let others = state_params(n, Some(i));
            let before = state_list(n, |j, out| {
                if j == i {
                    out.push_str("::elements_runtime::Unset");
                }
            });
            let after = state_list(n, |j, out| {
                if j == i {
                    out.push_str("::elements_runtime::Set");
                }
            });
            c.open_parts(&["impl", &others, " ", &self.builder_type(&before)]);
            setter(c, s, &self.builder_type(&after), &["self.", RETYPE, "()"]);
            c.close();
            markers.insert(s.setter.clone());
        }
        c.open_parts(&[
            "impl",
            &state_params(n, None),
            " ",
            &self.builder_type(&list),
        ]);
        for s in &self.optional {
            setter(c, s, "Self", &["self"]);
        }
        line!(
            c,
            "/// The value, once every required field is set (a field left unset is a compile error naming it)."
        );
        if n == 0 {
            c.open_parts(&["pub fn build(self) -> ", target]);
        } else {
            c.parts(&["pub fn build(self) -> ", target]);
            line!(c, "where");
            c.enter();
            let mut param = String::new();
            for (i, s) in self.required.iter().enumerate() {
                param.clear();
                push_state_param(&mut param, i);
                c.parts(&[&param, ": crate::field::", &s.setter, "<", target, ">,"]);
            }
            c.leave();
            line!(c, "{{");
            c.enter();
        }
        open!(c, "{target}");
        for s in &self.required {
            c.parts(&[
                &s.field,
                ": ::elements_runtime::take(self.parts.",
                &s.field,
                "),",
            ]);
        }
        for s in &self.optional {
            let f = &s.field;
            let p = ["self.parts.", f].concat();
            match &s.default {
                Default::Cheap(d) => c.parts(&[f, ": ", &p, ".unwrap_or(", d, "),"]),
                Default::Lazy(d) => c.parts(&[f, ": ", &p, ".unwrap_or_else(|| ", d, "),"]),
                Default::None => c.parts(&[f, ": ", &p, ","]),
            }
        }
        for extra in &self.extra {
            c.parts(&[extra, ","]);
        }
        c.close();
        c.close();
        c.close();
    }
}
