//! Typestate builders: every argument is named at the call site, and `build` exists
//! only once every required field is set, so leaving one out does not compile.
//!
//! A builder has one type parameter per required field, `crate::Unset` until its
//! setter runs and `crate::Set<T>` (holding the value) after; a setter exists only
//! while its field is unset, and `build` only when all are set. Optional fields are
//! `with_*` setters on every state. No `Option::expect` is needed: the type holds the
//! value. Hand-written rather than a derive crate, so the client's build adds no
//! dependency (the generated code is what a derive would expand to).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// A field the builder sets.
pub struct Slot {
    /// The field of the built type.
    pub field: Ident,
    /// The setter's name.
    pub setter: Ident,
    /// The setter's doc line.
    pub doc: String,
    /// The setter's argument type.
    pub arg: TokenStream,
    /// The stored type.
    pub ty: TokenStream,
    /// The stored value, from the argument `value`.
    pub convert: TokenStream,
    /// Optional fields: the field's value when the setter was not called.
    pub default: Default,
}

/// What an optional field is when its setter was not called.
pub enum Default {
    /// Unset: the field is an `Option` of the stored type.
    None,
    /// This value, which costs nothing to build (taken eagerly, as clippy wants).
    Cheap(TokenStream),
    /// This value, built only when needed.
    Lazy(TokenStream),
    /// The stored type's `Default`.
    OfType,
    /// The result of calling this function (a path), built only when needed.
    Call(TokenStream),
}

/// A value the builder carries from where it was made (an OAuth app's credentials).
pub struct Carried {
    /// The field of the built type.
    pub field: Ident,
    /// Its type.
    pub ty: TokenStream,
}

/// What to generate.
pub struct Spec {
    /// The built type.
    pub target: Ident,
    /// The builder type.
    pub builder: Ident,
    /// Required fields, in setter order.
    pub required: Vec<Slot>,
    /// Optional fields.
    pub optional: Vec<Slot>,
    /// Carried values.
    pub carried: Vec<Carried>,
    /// Extra fields of the built type, as `field: expression` (constants, the common
    /// options); the expressions may use `self`.
    pub extra: Vec<TokenStream>,
    /// Extra fields of the builder (declarations), kept through every setter.
    pub extra_state: Vec<(Ident, TokenStream)>,
    /// Extra methods of the builder, on every state.
    pub methods: Vec<TokenStream>,
}

fn state_param(i: usize) -> Ident {
    format_ident!("S{i}")
}

impl Spec {
    /// The builder type with every required field unset, as a type.
    pub fn unset_type(&self) -> TokenStream {
        let builder = &self.builder;
        let unset = self.required.iter().map(|_| quote!(crate::Unset));
        quote!(#builder<#(#unset),*>)
    }

    /// An expression of the builder with every required field unset, the optional
    /// ones unset and the carried and extra state given by `inits` (`field: expr`).
    pub fn unset_value(&self, inits: &[TokenStream]) -> TokenStream {
        let builder = &self.builder;
        let required = self.required.iter().map(|s| {
            let f = &s.field;
            quote!(#f: crate::Unset)
        });
        let optional = self.optional.iter().map(|s| {
            let f = &s.field;
            quote!(#f: None)
        });
        quote!(#builder { #(#required,)* #(#optional,)* #(#inits,)* })
    }

    /// The builder type, its setters and `build`.
    pub fn emit(&self) -> TokenStream {
        let Spec {
            target, builder, ..
        } = self;
        let params: Vec<Ident> = (0..self.required.len()).map(state_param).collect();
        let required_decls = self.required.iter().zip(&params).map(|(s, p)| {
            let f = &s.field;
            quote!(#f: #p,)
        });
        let optional_decls = self.optional.iter().map(|s| {
            let (f, ty) = (&s.field, &s.ty);
            quote!(#f: Option<#ty>,)
        });
        let carried_decls = self.carried.iter().map(|c| {
            let (f, ty) = (&c.field, &c.ty);
            quote!(#f: #ty,)
        });
        let extra_decls = self.extra_state.iter().map(|(f, ty)| quote!(#f: #ty,));
        let all_fields: Vec<&Ident> = self
            .required
            .iter()
            .map(|s| &s.field)
            .chain(self.optional.iter().map(|s| &s.field))
            .chain(self.carried.iter().map(|c| &c.field))
            .chain(self.extra_state.iter().map(|(f, _)| f))
            .collect();
        let setters = self.required.iter().enumerate().map(|(i, s)| {
            let (setter, arg, ty, convert, doc) = (&s.setter, &s.arg, &s.ty, &s.convert, &s.doc);
            let others: Vec<&Ident> = params
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, p)| p)
                .collect();
            let before = params.iter().enumerate().map(|(j, p)| {
                if j == i {
                    quote!(crate::Unset)
                } else {
                    quote!(#p)
                }
            });
            let after = params.iter().enumerate().map(|(j, p)| {
                if j == i {
                    quote!(crate::Set<#ty>)
                } else {
                    quote!(#p)
                }
            });
            let moves = all_fields.iter().map(|f| {
                if *f == &s.field {
                    quote!(#f: crate::Set(#convert))
                } else {
                    quote!(#f: self.#f)
                }
            });
            quote! {
                impl<#(#others),*> #builder<#(#before),*> {
                    #[doc = #doc]
                    pub fn #setter(self, value: #arg) -> #builder<#(#after),*> {
                        #builder { #(#moves,)* }
                    }
                }
            }
        });
        let with_setters = self.optional.iter().map(|s| {
            let (f, setter, arg, convert, doc) = (&s.field, &s.setter, &s.arg, &s.convert, &s.doc);
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #arg) -> Self {
                    self.#f = Some(#convert);
                    self
                }
            }
        });
        let methods = &self.methods;
        let set_types = self.required.iter().map(|s| {
            let ty = &s.ty;
            quote!(crate::Set<#ty>)
        });
        let takes = self
            .required
            .iter()
            .map(|s| {
                let f = &s.field;
                quote!(#f: self.#f.0)
            })
            .chain(self.optional.iter().map(|s| {
                let f = &s.field;
                match &s.default {
                    Default::Cheap(d) => quote!(#f: self.#f.unwrap_or(#d)),
                    Default::Lazy(d) => quote!(#f: self.#f.unwrap_or_else(|| #d)),
                    Default::OfType => quote!(#f: self.#f.unwrap_or_default()),
                    Default::Call(function) => quote!(#f: self.#f.unwrap_or_else(#function)),
                    Default::None => quote!(#f: self.#f),
                }
            }))
            .chain(self.carried.iter().map(|c| {
                let f = &c.field;
                quote!(#f: self.#f)
            }));
        let extra = &self.extra;
        let doc = format!(
            " Builds a [`{target}`]: each required field by its own setter, `build` once they are all set."
        );
        quote! {
            #[doc = #doc]
            #[derive(Clone, Debug)]
            #[must_use = "a builder does nothing until `build`"]
            pub struct #builder<#(#params),*> {
                #(#required_decls)*
                #(#optional_decls)*
                #(#carried_decls)*
                #(#extra_decls)*
            }
            #(#setters)*
            impl<#(#params),*> #builder<#(#params),*> {
                #(#with_setters)*
                #(#methods)*
            }
            impl #builder<#(#set_types),*> {
                /// The value, now that every required field is set.
                pub fn build(self) -> #target {
                    #target { #(#takes,)* #(#extra,)* }
                }
            }
        }
    }
}
