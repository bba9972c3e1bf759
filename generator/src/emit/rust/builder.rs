//! Typestate builders: every argument is named at the call site, and `build` compiles
//! only once every required field is set, so leaving one out does not compile.
//!
//! Every type's builder is the crate root's generic `Builder<T, S>` (written once, from
//! `shared.rs.in`): `S` is a tuple with one state per required field,
//! `::elements_runtime::Unset` until its setter runs and `::elements_runtime::Set` after,
//! and the builder keeps the values in a tuple (the type's `Parts`), a field's an
//! `Option`: std's tuples are `Clone`, `Debug` and `Default` already, where a struct of
//! them derived all three again for every type (a fifth of what each element added
//! to the client's compile, by callgrind's count of rustc's instructions).
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
    /// Extra values of the builder (name, type), kept through every setter and moved
    /// into the built type's field of the same name (a configuration's common options).
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

/// A tuple of `n` items written as `list`: `()`, `(S0,)`, `(S0, S1)`.
fn tuple(n: usize, list: &str) -> String {
    match n {
        1 => ["(", list, ",)"].concat(),
        _ => ["(", list, ")"].concat(),
    }
}

/// The setter of `slot`: it stores the value, then returns what `result` writes
/// (the pieces of the last expression), of type `returns`.
fn setter(c: &mut Code, slot: &Slot, place: &str, returns: &str, result: &[&str]) {
    c.doc_line(&slot.doc);
    c.open_parts(&[
        "pub fn ",
        &slot.setter,
        "(mut self, value: ",
        &slot.arg,
        ") -> ",
        returns,
    ]);
    c.parts(&["self.parts", place, " = Some(", &slot.convert, ");"]);
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

/// The most items of one tuple: std's tuples are `Debug` and `Default` up to twelve
/// (and the runtime's entry tuples are written up to as many). Longer lists are
/// tuples of tuples, as deep as they need.
pub const MAX_TUPLE: usize = 12;

/// How many items each part of a list of `n` holds: `n` itself up to [`MAX_TUPLE`],
/// else the least power of it that leaves at most that many parts.
fn chunk_size(n: usize) -> usize {
    let mut size = 1;
    while n.div_ceil(size) > MAX_TUPLE {
        size *= MAX_TUPLE;
    }
    size
}

/// The item `i` of a list of `n` laid out as [`tuple_lines`] lays it out: the field
/// path from the tuple, `.3` or `.1.3`.
pub fn tuple_place(i: usize, n: usize) -> String {
    let mut place = String::new();
    let (mut i, mut n) = (i, n);
    loop {
        let size = chunk_size(n);
        let chunk = i / size;
        place.push('.');
        place.push_str(&chunk.to_string());
        if size == 1 {
            return place;
        }
        n = size.min(n - chunk * size);
        i %= size;
    }
}

/// `items` as one tuple on one line, nested as [`tuple_place`] says.
fn tuple_inline(items: &[String]) -> String {
    let size = chunk_size(items.len());
    let parts: Vec<String> = if size == 1 {
        items.to_vec()
    } else {
        items.chunks(size).map(tuple_inline).collect()
    };
    tuple(parts.len(), &parts.join(", "))
}

/// `items` as one tuple expression between `head` and `tail`, an item per line,
/// nested as [`tuple_place`] says.
pub fn tuple_lines(c: &mut Code, head: &str, items: &[String], tail: &str) {
    if items.is_empty() {
        c.parts(&[head, "()", tail]);
        return;
    }
    c.parts(&[head, "("]);
    c.enter();
    let size = chunk_size(items.len());
    if size == 1 {
        for item in items {
            c.parts(&[item, ","]);
        }
    } else {
        for chunk in items.chunks(size) {
            tuple_lines(c, "", chunk, ",");
        }
    }
    c.leave();
    c.parts(&[")", tail]);
}

impl Spec {
    /// How many values the builder keeps: the required and optional fields', then
    /// the extra state.
    fn value_count(&self) -> usize {
        self.required.len() + self.optional.len() + self.extra_state.len()
    }

    /// The tuple type of the builder's values.
    fn parts(&self) -> String {
        let types: Vec<String> = self
            .required
            .iter()
            .chain(&self.optional)
            .map(|s| ["Option<", &s.ty, ">"].concat())
            .chain(self.extra_state.iter().map(|(_, ty)| ty.clone()))
            .collect();
        tuple_inline(&types)
    }

    /// Where the builder keeps value `i` (in [`Spec::value_count`]'s order): `.3`.
    fn place(&self, i: usize) -> String {
        tuple_place(i, self.value_count())
    }

    /// Where the builder keeps the extra state `field`, from its values: `.4`.
    pub fn state_place(&self, field: &str) -> String {
        let i = self
            .extra_state
            .iter()
            .position(|(f, _)| f == field)
            .expect("a builder's own extra state");
        self.place(self.required.len() + self.optional.len() + i)
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
    /// extra state given by `inits` (field, expression): the lines of an
    /// expression, written as the last expression of a block.
    pub fn unset_value(&self, c: &mut Code, inits: &[(String, String)]) {
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
        inits: &[(String, String)],
    ) {
        // Every value unset: the tuple's `Default` (nested tuples are of at most twelve),
        // but for no values at all (clippy: a unit argument is written `()`).
        let unset = inits.is_empty() && self.required.iter().all(|s| value(s).is_none());
        if unset && self.value_count() > 0 {
            c.parts(&["crate::Builder::new(Default::default())"]);
            return;
        }
        let values: Vec<String> = self
            .required
            .iter()
            .map(|s| value(s).map_or_else(|| "None".to_string(), |v| ["Some(", v, ")"].concat()))
            .chain(self.optional.iter().map(|_| "None".to_string()))
            .chain(self.extra_state.iter().map(|(field, _)| {
                inits
                    .iter()
                    .find(|(f, _)| f == field)
                    .map_or_else(|| "Default::default()".to_string(), |(_, v)| v.clone())
            }))
            .collect();
        tuple_lines(c, "crate::Builder::new(", &values, ")");
    }

    /// The builder's values, its setters and `build`; the required fields' names go
    /// into `markers`.
    pub fn emit(&self, c: &mut Code, markers: &mut Markers) {
        let target = &self.target;
        let parts = self.parts();
        let n = self.required.len();
        let optional_from = n;
        let list = state_list(n, |_, _| {});
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
            setter(
                c,
                s,
                &self.place(i),
                &self.builder_type(&after),
                &["self.", RETYPE, "()"],
            );
            c.close();
            markers.insert(s.setter.clone());
        }
        c.open_parts(&[
            "impl",
            &state_params(n, None),
            " ",
            &self.builder_type(&list),
        ]);
        for (i, s) in self.optional.iter().enumerate() {
            setter(c, s, &self.place(optional_from + i), "Self", &["self"]);
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
        for (i, s) in self.required.iter().enumerate() {
            c.parts(&[
                &s.field,
                ": ::elements_runtime::take(self.parts",
                &self.place(i),
                "),",
            ]);
        }
        for (i, s) in self.optional.iter().enumerate() {
            let f = &s.field;
            let p = ["self.parts", &self.place(optional_from + i)].concat();
            match &s.default {
                Default::Cheap(d) => c.parts(&[f, ": ", &p, ".unwrap_or(", d, "),"]),
                Default::Lazy(d) => c.parts(&[f, ": ", &p, ".unwrap_or_else(|| ", d, "),"]),
                Default::None => c.parts(&[f, ": ", &p, ","]),
            }
        }
        for (field, _) in &self.extra_state {
            c.parts(&[field, ": self.parts", &self.state_place(field), ","]);
        }
        c.close();
        c.close();
        c.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item's place is where the one-line tuple puts it, at every depth.
    #[test]
    fn long_tuples_nest_by_twelves_and_places_follow() {
        for n in [1, 2, 12, 13, 24, 25, 144, 145, 1_729] {
            let items: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
            let tuple = tuple_inline(&items);
            for i in [0, n / 2, n - 1] {
                let place = tuple_place(i, n);
                assert_eq!(
                    item_at(&tuple, &place),
                    items[i],
                    "{n} items, item {i}: {place}"
                );
            }
        }
        assert_eq!(tuple_inline(&["a".to_string()]), "(a,)");
        assert_eq!(tuple_place(11, 12), ".11");
        assert_eq!(tuple_place(12, 13), ".1.0");
        assert_eq!(tuple_place(143, 145), ".0.11.11");
        assert_eq!(tuple_place(144, 145), ".1.0");
        let items: Vec<String> = (0..13).map(|i| i.to_string()).collect();
        assert_eq!(
            tuple_inline(&items),
            "((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), (12,))"
        );
        let mut c = Code::with_capacity(0);
        tuple_lines(&mut c, "f(", &items, ")");
        let text = c.finish();
        assert!(text.starts_with("f((\n    (\n        0,\n"), "{text}");
        assert!(
            text.ends_with("    ),\n    (\n        12,\n    ),\n))\n"),
            "{text}"
        );
    }

    /// The item of a one-line tuple at `place` (`.1.0`), read by counting its parentheses.
    fn item_at(tuple: &str, place: &str) -> String {
        let mut text = tuple;
        for index in place.split('.').skip(1) {
            let index: usize = index.parse().unwrap();
            let inner = &text[1..text.len() - 1];
            let (mut depth, mut start, mut items) = (0, 0, Vec::new());
            for (at, ch) in inner.char_indices() {
                match ch {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ',' if depth == 0 => {
                        items.push(inner[start..at].trim());
                        start = at + 1;
                    }
                    _ => {}
                }
            }
            let last = inner[start..].trim();
            if !last.is_empty() {
                items.push(last);
            }
            text = items[index];
        }
        text.to_string()
    }
}
