//! Replays, on stable Rust and inside `cargo test`, every input kept in
//! `tests/fixtures/fuzz-regressions/<target>/` through the harness function of that cargo-fuzz
//! target (`core/fuzz/src/lib.rs`, included here as a module): the inputs that once crashed the
//! fuzzer must now pass its checks. The seed-like inputs the harnesses also accept, every real
//! tool output under `tests/fixtures`, go through the parser harness too, so the harness code
//! itself is exercised (and linted) by the ordinary test run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Run one kept input through its target, naming it if it fails.
fn replay(target: &str, file: &Path) {
    let (_, harness) = harness::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("{}: no fuzz target named {target}", file.display()));
    let bytes = std::fs::read(file).unwrap();
    let result = std::panic::catch_unwind(|| harness(&bytes));
    assert!(
        result.is_ok(),
        "{} fails its target `{target}` again",
        file.display()
    );
}

#[test]
fn every_kept_crash_passes_its_target() {
    let root = tests_dir().join("fixtures/fuzz-regressions");
    let mut replayed = 0;
    for dir in files_in(&root).into_iter().filter(|p| p.is_dir()) {
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in files_in(&dir) {
            replay(&target, &file);
            replayed += 1;
        }
    }
    println!("replayed {replayed} kept fuzz inputs");
}

#[test]
fn every_target_has_a_fuzz_target_file_and_back() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    let mut on_disk: Vec<String> = files_in(&fuzz)
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = harness::TARGETS
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn real_tool_outputs_pass_the_parser_harness() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for p in files_in(dir) {
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&tests_dir().join("fixtures"), &mut files);
    files.retain(|f| {
        f.extension().is_some_and(|e| e != "md")
            && std::fs::metadata(f).is_ok_and(|m| m.len() < 64 * 1024)
    });
    assert!(files.len() > 100, "{} fixture files", files.len());
    for f in &files {
        harness::parse(&std::fs::read(f).unwrap());
    }
}

#[test]
fn structured_inputs_reach_every_operation() {
    // Deterministic pseudo-random bytes in structured mode (first byte not a multiple of 4).
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for (name, harness) in harness::TARGETS {
        for _ in 0..8 {
            let bytes: Vec<u8> = std::iter::once(1)
                .chain((0..400).map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x >> 24) as u8
                }))
                .collect();
            let r = std::panic::catch_unwind(|| harness(&bytes));
            assert!(r.is_ok(), "{name} on {bytes:?}");
        }
    }
}

/// The seed corpora of `scripts/fuzz.sh`: written to `$BENCHCORE_FUZZ_SEEDS` when set (that is
/// how the script makes them), else to a temporary directory, checking every target gets seeds.
#[test]
fn seed_corpora_cover_every_target() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::env::var_os("BENCHCORE_FUZZ_SEEDS")
        .map_or_else(|| tmp.path().to_path_buf(), PathBuf::from);
    let counts = harness::seeds::write_all(&tests_dir(), &out);
    for (name, _) in harness::TARGETS {
        let n = counts.get(name).copied().unwrap_or(0);
        assert!(n >= 5, "target {name} has {n} seeds");
    }
    // The real records replayed through the history harness: disk and memory loads agree,
    // and each run stored again is byte for byte what encode_run says.
    for target in ["history_load", "json_shapes", "import_gab"] {
        let (_, harness) = harness::TARGETS.iter().find(|(n, _)| *n == target).unwrap();
        for seed in files_in(&out.join(target)) {
            harness(&std::fs::read(&seed).unwrap());
        }
    }
    println!("seeds per target: {counts:?}");
}
