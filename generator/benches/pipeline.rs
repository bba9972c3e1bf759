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

/// `import` of the 93 real corpus pages, read into memory first: the issue's
/// "well under a second" is this figure.
fn import(c: &mut Criterion) {
    let mut pages: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir("tests/import/corpus")
        .expect("the corpus copy")
        .map(|e| e.expect("an entry").path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a page");
            (p, bytes)
        })
        .collect();
    pages.sort();
    c.bench_function("import the corpus pages", |b| {
        b.iter(|| {
            elementgen::import::batch(
                std::path::Path::new("catalog"),
                pages.clone(),
                Vec::new(),
                false,
            )
        })
    });
}

criterion_group!(benches, pipeline, import);
criterion_main!(benches);
