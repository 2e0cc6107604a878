//! Write the synthetic suites of the benchmarks to disk, to time whole `benchcore` processes:
//! `cargo run --release -p benchcore --example synth_suite -- OUT_DIR [N] [SAMPLES]` writes
//! `OUT_DIR/target/criterion/` (baselines `base`, `new`), `OUT_DIR/main.json` and
//! `OUT_DIR/pr.json`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "synth".into()));
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let samples: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let tree = out.join("target/criterion");
    for (rel, bytes) in synth::criterion_tree(n, samples, 1) {
        let path = tree.join(rel);
        std::fs::create_dir_all(path.parent().unwrap())?;
        std::fs::write(path, bytes)?;
    }
    std::fs::write(
        out.join("main.json"),
        synth::pytest_json(n, samples, 2, false),
    )?;
    std::fs::write(out.join("pr.json"), synth::pytest_json(n, samples, 3, true))?;
    println!("wrote {}", out.display());
    Ok(())
}
