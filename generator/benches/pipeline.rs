//! How long each stage of the pipeline takes on the checked-in catalog.
//! Run with `cargo bench -p elementgen`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use elementgen::emit::{docs, rust};

fn pipeline(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../descriptors");
    let catalog = elementgen::check_catalog(&dir)
        .unwrap()
        .into_catalog()
        .unwrap()
        .0;
    let templates = docs::Templates::builtin().unwrap();

    c.bench_function("load and resolve the catalog", |b| {
        b.iter(|| elementgen::check_catalog(black_box(&dir)).unwrap())
    });
    c.bench_function("emit the Rust client", |b| {
        b.iter(|| rust::files(black_box(&catalog)))
    });
    c.bench_function("render the guide pages", |b| {
        b.iter(|| {
            for e in &black_box(&catalog).elements {
                templates.page(e).unwrap();
            }
        })
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
