//! Typestate builders: every argument is named at the call site, and `build` compiles
//! only once every required field is set, so leaving one out does not compile.
//!
//! A builder has one type parameter per required field, `::elements_runtime::Unset`
//! until its setter runs and `::elements_runtime::Set<T>` after; a setter exists only
//! while its field is unset. The parameters are only types (a `PhantomData`): the
//! builder keeps every value in an `Option` field of its own, so a setter stores one
//! value and changes the state with one call of the builder's `retype`, the one
//! place that moves every field. A builder of k required fields is O(k) lines, not
//! O(k²). `build` exists on every state but requires each field's state to
//! implement a trait of that field's own, implemented for `Set` only and marked
//! `#[diagnostic::on_unimplemented]`: a field left out is an error that names it,
//! rather than "no method named `build`". Optional fields are `with_*` setters on
//! every state. Hand-written rather than a derive crate, so the client's build adds
//! no dependency (the generated code is what a derive would expand to).
//!
//! Types, expressions and names here are Rust source text.

use crate::code::{Code, line, open};
use crate::names::RETYPE;

/// The builder's field that holds its state: a field of a descriptor is never named
/// so (generated identifiers start with a letter).
const STATE: &str = "_state";

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
    /// The stored type's `Default`.
    OfType,
    /// The result of calling this function (a path), built only when needed.
    Call(String),
}

/// A value the builder carries from where it was made (an OAuth app's credentials).
pub struct Carried {
    /// The field of the built type.
    pub field: String,
    /// Its type.
    pub ty: String,
}

/// What to generate.
pub struct Spec {
    /// The built type.
    pub target: String,
    /// The builder type.
    pub builder: String,
    /// Required fields, in setter order.
    pub required: Vec<Slot>,
    /// Optional fields.
    pub optional: Vec<Slot>,
    /// Carried values.
    pub carried: Vec<Carried>,
    /// Extra fields of the built type, as `field: expression` (constants, the common
    /// options); the expressions may use `self`.
    pub extra: Vec<String>,
    /// Extra fields of the builder (name, type), kept through every setter.
    pub extra_state: Vec<(String, String)>,
    /// Extra methods of the builder, on every state, as source at depth 0.
    pub methods: Vec<String>,
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
    c.parts(&["self.", &slot.field, " = Some(", &slot.convert, ");"]);
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
    /// The trait that the state of required field `s` must have for `build`: one per
    /// field, so that the compile error of a field left unset names it. Builder
    /// names are UpperCamelCase without `_`, so `<Builder>_<setter>` is unique and
    /// never the name of a generated type.
    fn required_trait(&self, s: &Slot) -> String {
        [self.builder.as_str(), "_", &s.setter].concat()
    }

    /// The traits of [`Spec::required_trait`], each implemented by the set state
    /// only and carrying the error message for the unset one.
    fn required_traits(&self, c: &mut Code) {
        let target = &self.target;
        for s in &self.required {
            let setter = &s.setter;
            line!(c, "#[doc(hidden)]");
            line!(
                c,
                "#[allow(non_camel_case_types, reason = \"named after the field, for the error that names it\")]"
            );
            line!(
                c,
                "#[diagnostic::on_unimplemented(message = \"`{target}` is missing its required field `{setter}`\", label = \"`{setter}` is not set\", note = \"call `.{setter}(...)` on the builder before `.build()`\")]"
            );
            let name = self.required_trait(s);
            c.parts(&["pub trait ", &name, "<T>: ::elements_runtime::IsSet<T> {}"]);
            c.parts(&["impl<T> ", &name, "<T> for ::elements_runtime::Set<T> {}"]);
        }
    }

    /// The builder type with every required field unset, as a type.
    pub fn unset_type(&self) -> String {
        let unset = vec!["::elements_runtime::Unset"; self.required.len()].join(", ");
        [self.builder.as_str(), &angled(&unset)].concat()
    }

    /// The builder with every required field unset, the optional ones unset and the
    /// carried and extra state given by `inits` (`field: expr`): the lines of a
    /// struct expression, written as the last expression of a block.
    pub fn unset_value(&self, c: &mut Code, inits: &[String]) {
        self.value(c, |_| None, inits);
    }

    /// The builder with required field `slot` set to what `value` gives (unset where
    /// it gives nothing), the optional ones unset and the carried and extra state
    /// given by `inits`: the lines of a struct expression.
    pub fn value<'a>(
        &'a self,
        c: &mut Code,
        value: impl Fn(&'a Slot) -> Option<&'a str>,
        inits: &[String],
    ) {
        c.open_parts(&[&self.builder]);
        for s in &self.required {
            match value(s) {
                Some(v) => c.parts(&[&s.field, ": Some(", v, "),"]),
                None => c.parts(&[&s.field, ": None,"]),
            }
        }
        for s in &self.optional {
            c.parts(&[&s.field, ": None,"]);
        }
        for init in inits {
            c.parts(&[init, ","]);
        }
        if !self.required.is_empty() {
            c.parts(&[STATE, ": ::std::marker::PhantomData,"]);
        }
        c.close();
    }

    /// The builder type, its setters and `build`.
    pub fn emit(&self, c: &mut Code) {
        let Spec {
            target, builder, ..
        } = self;
        let n = self.required.len();
        let list = state_list(n, |_, _| {});
        let params = angled(&list);
        line!(
            c,
            "/// Builds a [`{target}`]: each required field by its own setter, `build` once they are all set."
        );
        line!(c, "#[derive(Clone, Debug)]");
        line!(c, "#[must_use = \"a builder does nothing until `build`\"]");
        // The lines below are written for every field: as pieces, without the
        // formatting machinery.
        c.open_parts(&["pub struct ", builder, &params]);
        for s in self.required.iter().chain(&self.optional) {
            c.parts(&[&s.field, ": Option<", &s.ty, ">,"]);
        }
        for carried in &self.carried {
            c.parts(&[&carried.field, ": ", &carried.ty, ","]);
        }
        for (field, ty) in &self.extra_state {
            c.parts(&[field, ": ", ty, ","]);
        }
        if n > 0 {
            // A tuple of one is `(S0,)`: written as the parameter alone.
            let states = if n == 1 {
                list.clone()
            } else {
                ["(", &list, ")"].concat()
            };
            c.parts(&[STATE, ": ::std::marker::PhantomData<", &states, ">,"]);
        }
        c.close();
        for (i, s) in self.required.iter().enumerate() {
            let others = state_list(n - 1, |j, out| {
                push_state_param(out, j + usize::from(j >= i))
            });
            let before = state_list(n, |j, out| {
                if j == i {
                    out.push_str("::elements_runtime::Unset");
                }
            });
            let after = state_list(n, |j, out| {
                if j == i {
                    out.push_str("::elements_runtime::Set<");
                    out.push_str(&s.ty);
                    out.push('>');
                }
            });
            c.open_parts(&["impl", &angled(&others), " ", builder, "<", &before, ">"]);
            let returns = [builder.as_str(), "<", &after, ">"].concat();
            setter(c, s, &returns, &["self.", RETYPE, "()"]);
            c.close();
        }
        c.open_parts(&["impl", &params, " ", builder, &params]);
        for s in &self.optional {
            setter(c, s, "Self", &["self"]);
        }
        for method in &self.methods {
            c.lines(method);
        }
        if n > 0 {
            self.retype(c);
        }
        c.close();
        self.required_traits(c);
        c.open_parts(&["impl", &params, " ", builder, &params]);
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
                c.parts(&[&param, ": ", &self.required_trait(s), "<", &s.ty, ">,"]);
            }
            c.leave();
            line!(c, "{{");
            c.enter();
        }
        open!(c, "{target}");
        let mut param = String::new();
        for (i, s) in self.required.iter().enumerate() {
            param.clear();
            push_state_param(&mut param, i);
            c.parts(&[&s.field, ": ", &param, "::take(self.", &s.field, "),"]);
        }
        for s in &self.optional {
            let f = &s.field;
            match &s.default {
                Default::Cheap(d) => c.parts(&[f, ": self.", f, ".unwrap_or(", d, "),"]),
                Default::Lazy(d) => c.parts(&[f, ": self.", f, ".unwrap_or_else(|| ", d, "),"]),
                Default::OfType => c.parts(&[f, ": self.", f, ".unwrap_or_default(),"]),
                Default::Call(function) => {
                    c.parts(&[f, ": self.", f, ".unwrap_or_else(", function, "),"]);
                }
                Default::None => c.parts(&[f, ": self.", f, ","]),
            }
        }
        for carried in &self.carried {
            c.parts(&[&carried.field, ": self.", &carried.field, ","]);
        }
        for extra in &self.extra {
            c.parts(&[extra, ","]);
        }
        c.close();
        c.close();
        c.close();
    }

    /// `retype`: the builder with its values and another state, the one place that
    /// moves every field (a setter stores its value, then calls it).
    fn retype(&self, c: &mut Code) {
        let n = self.required.len();
        let to = state_list(n, |i, out| {
            out.push('T');
            out.push_str(&i.to_string());
        });
        let builder = &self.builder;
        c.open_parts(&[
            "fn ",
            RETYPE,
            "<",
            &to,
            ">(self) -> ",
            builder,
            "<",
            &to,
            ">",
        ]);
        c.open_parts(&[builder]);
        let fields = self
            .required
            .iter()
            .chain(&self.optional)
            .map(|s| s.field.as_str())
            .chain(self.carried.iter().map(|c| c.field.as_str()))
            .chain(self.extra_state.iter().map(|(f, _)| f.as_str()));
        for f in fields {
            c.parts(&[f, ": self.", f, ","]);
        }
        c.parts(&[STATE, ": ::std::marker::PhantomData,"]);
        c.close();
        c.close();
    }
}
