//! Writes a synthetic catalog of N elements made from the real descriptors into DIR
//! (which must not exist): `cargo run -p elementgen --example synthetic-catalog -- N DIR`.
//! The scale scripts (`scripts/`) build and time the client and the CLI on it.

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [n, dir] = args.as_slice() else {
        eprintln!("usage: synthetic-catalog N DIR");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("error: N must be a number of elements, not `{n}`");
        return ExitCode::from(2);
    };
    let dir = std::path::Path::new(dir);
    if let Err(e) = std::fs::create_dir(dir) {
        eprintln!("error: cannot create `{}`: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, bytes) in synthetic::catalog(n) {
        if let Err(e) = std::fs::write(dir.join(&name), bytes) {
            eprintln!("error: cannot write `{}`: {e}", name.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
