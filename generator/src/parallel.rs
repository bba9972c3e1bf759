//! Work on every core, where each item's result depends on that item only: loading
//! descriptors, emitting pages and modules. With the `parallel` feature (rayon; part
//! of `fast`, the CLI built for catalogs of thousands of elements), else one item
//! after another (the default CLI and build scripts, which handle a hundred elements
//! or a few and would pay rayon's compile time on every clean build).

/// `f` of every item, in order.
pub fn map<T, U, F>(items: &[T], f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}

/// `f` of every item, taking each by value, in order.
pub fn map_owned<T, U, F>(items: Vec<T>, f: F) -> Vec<U>
where
    T: Send,
    U: Send,
    F: Fn(T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.into_iter().map(f).collect()
    }
}

/// `a()` and `b()`, on two cores at once with the `parallel` feature.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// Drops every item, on every core with the `parallel` feature: a catalog is a hundred
/// thousand allocations per thousand elements, freed as they were made, in parallel.
pub fn drop_all<T: Send>(items: Vec<T>) {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.into_par_iter().for_each(drop);
    }
    #[cfg(not(feature = "parallel"))]
    {
        drop(items);
    }
}
