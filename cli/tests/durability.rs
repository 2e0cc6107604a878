//! No data loss in the history store, shown with the real `benchcore history add` binary:
//!
//! * **SIGKILL at random moments**, 200 times (4 rounds of 50 on fresh histories): each process
//!   appends 4 runs; it is killed after a random delay (seeded), uniform over the median time an
//!   uninterrupted process takes (measured at the start of each round). After every kill
//!   the history loads in strict mode (so every record in it is whole), and every append the process acknowledged (printed `added <id>`: `add` has returned, the
//!   files are `fsync`ed and linked into place) is in it. At the end every file under `runs/` and
//!   `samples/` is complete JSON, the history loads strictly with every samples sidecar, and
//!   only hidden temporary files may be left behind.
//! * **Concurrent writers**: 8 processes × 50 runs into one history: all 400 runs land.
//!
//! Inputs are the real Go fixture (`tests/fixtures/go/run1.txt`, 4 benchmarks × 5 samples and
//! three metrics, so each run has a record and a samples sidecar) with its benchmark names
//! suffixed per file so that every file is a different run. Run with `--nocapture` for the
//! figures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use benchcore::{History, LoadOptions};

const SEED: u64 = 0x5eed_2026_0009;

fn go_fixture() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/go/run1.txt");
    std::fs::read_to_string(p).unwrap()
}

/// `n` result files, each the Go fixture with its benchmarks renamed `BenchmarkW<j>…`.
fn inputs(dir: &Path, n: usize) -> Vec<PathBuf> {
    let text = go_fixture();
    std::fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|j| {
            let p = dir.join(format!("run{j}.txt"));
            std::fs::write(&p, text.replace("\nBenchmark", &format!("\nBenchmarkW{j}"))).unwrap();
            p
        })
        .collect()
}

fn add_command(history: &Path, files: &[PathBuf], commit: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_benchcore"));
    c.args(["history", "add"])
        .args(files)
        .arg("--history")
        .arg(history)
        .args(["--commit", commit, "--now", "2026-01-01T00:00:00Z"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Ids a process acknowledged: `added <id> …` lines.
fn acknowledged(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("added "))
        .map(|rest| rest.split_whitespace().next().unwrap().to_string())
        .collect()
}

/// xorshift64*: the kill delays, reproducible from [`SEED`].
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The history loads strictly (a damaged record is an error), with or without the samples
/// sidecars; returns its run ids.
fn load_strict(history: &Path, samples: bool) -> BTreeSet<String> {
    let loaded = History::open(history)
        .load(&LoadOptions {
            strict: true,
            samples,
            ..LoadOptions::default()
        })
        .unwrap_or_else(|e| panic!("the history does not load: {e}"));
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    loaded.runs.into_iter().map(|r| r.run.id).collect()
}

/// Every visible file under `runs/` and `samples/` is complete JSON; returns (files, hidden
/// temporary files).
fn check_files(history: &Path) -> (usize, usize) {
    let (mut whole, mut temps) = (0, 0);
    for kind in ["runs", "samples"] {
        let Ok(shards) = std::fs::read_dir(history.join(kind)) else {
            continue;
        };
        for shard in shards {
            let shard = shard.unwrap().path();
            if !shard.is_dir() {
                temps += 1;
                continue;
            }
            for f in std::fs::read_dir(&shard).unwrap() {
                let f = f.unwrap().path();
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    assert!(
                        name.ends_with(".tmp"),
                        "unexpected hidden file {}",
                        f.display()
                    );
                    temps += 1;
                    continue;
                }
                let bytes = std::fs::read(&f).unwrap();
                serde_json::from_slice::<serde_json::Value>(&bytes)
                    .unwrap_or_else(|e| panic!("{} is half-written: {e}", f.display()));
                whole += 1;
            }
        }
    }
    (whole, temps)
}

/// What happened to the killed processes, and what was verified.
#[derive(Debug, Default)]
struct Tally {
    before_first: usize,
    mid_sequence: usize,
    completed: usize,
    acked: usize,
    present: usize,
    files: usize,
    temps: usize,
    loading: Duration,
}

/// The median time of `n` uninterrupted processes appending `files` to `history` (the
/// acknowledged ids go to `acked`).
fn calibrate(
    history: &Path,
    files: &[PathBuf],
    label: &str,
    n: usize,
    acked: &mut BTreeSet<String>,
) -> u64 {
    let mut took: Vec<u64> = (0..n)
        .map(|k| {
            let start = Instant::now();
            let out = add_command(history, files, &format!("{label}-{k}"))
                .output()
                .unwrap();
            let t = start.elapsed().as_micros() as u64;
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let ids = acknowledged(&out.stdout);
            assert_eq!(ids.len(), files.len());
            acked.extend(ids);
            t
        })
        .collect();
    took.sort_unstable();
    took[n / 2]
}

/// `kills` processes appending `files` to a fresh history at `dir`, each SIGKILLed after a
/// delay drawn from `rng`; checks after every kill.
fn kill_round(dir: &Path, files: &[PathBuf], kills: usize, rng: &mut Rng, tally: &mut Tally) {
    let history = dir.join("history");
    let mut acked: BTreeSet<String> = BTreeSet::new();
    calibrate(&history, files, "first", 1, &mut acked); // creates the directory
    let span = calibrate(&history, files, "calibrate", 3, &mut acked);
    for i in 0..kills {
        let delay = Duration::from_micros(rng.below(span));
        let mut child = add_command(&history, files, &format!("kill-{i}"))
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; an error means it had already exited
        let out = child.wait_with_output().unwrap();
        let ids = acknowledged(&out.stdout);
        if out.status.success() {
            assert_eq!(
                ids.len(),
                files.len(),
                "a process that exited 0 added them all"
            );
            tally.completed += 1;
        } else if ids.is_empty() {
            tally.before_first += 1;
        } else {
            tally.mid_sequence += 1;
        }
        acked.extend(ids);
        let t = Instant::now();
        let present = load_strict(&history, false);
        tally.loading += t.elapsed();
        let lost: Vec<_> = acked.difference(&present).collect();
        assert!(
            lost.is_empty(),
            "kill {i}: acknowledged appends lost: {lost:?}"
        );
    }
    // Published files never change, so checking every sidecar once at the end of the round is
    // as strong as after each kill.
    let present = load_strict(&history, true);
    assert!(acked.is_subset(&present));
    let (files, temps) = check_files(&history);
    tally.acked += acked.len();
    tally.present += present.len();
    tally.files += files;
    tally.temps += temps;
}

#[test]
fn sigkill_at_random_moments_never_loses_an_acknowledged_append() {
    // 4 rounds of 50 kills, each on a fresh history so that loading after every kill stays
    // cheap; each process appends 4 runs.
    const ROUNDS: usize = 4;
    const KILLS: usize = 50;
    const PER_PROCESS: usize = 4;
    let dir = tempfile::tempdir().unwrap();
    let files = inputs(&dir.path().join("in"), PER_PROCESS);
    let mut rng = Rng(SEED);
    let mut tally = Tally::default();
    let started = Instant::now();
    for round in 0..ROUNDS {
        kill_round(
            &dir.path().join(format!("round{round}")),
            &files,
            KILLS,
            &mut rng,
            &mut tally,
        );
    }
    println!(
        "{} SIGKILLs (seed {SEED:#x}) in {:.1} s ({:.1} s verifying): {} before the first append \
         returned, {} between appends or inside one, {} after exiting; {} acknowledged appends \
         all present among {} runs stored; {} files all complete, {} leftover temporary files",
        ROUNDS * KILLS,
        started.elapsed().as_secs_f64(),
        tally.loading.as_secs_f64(),
        tally.before_first,
        tally.mid_sequence,
        tally.completed,
        tally.acked,
        tally.present,
        tally.files,
        tally.temps,
    );
    assert!(
        tally.before_first > 0 && tally.mid_sequence > 0,
        "the delays should interrupt processes at different points: {tally:?}"
    );
}

#[test]
fn eight_concurrent_writers_of_fifty_runs_leave_all_four_hundred() {
    const WRITERS: usize = 8;
    const RUNS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history");
    let files = inputs(&dir.path().join("in"), RUNS);
    let start = Instant::now();
    let children: Vec<_> = (0..WRITERS)
        .map(|k| {
            add_command(&history, &files, &format!("writer-{k}"))
                .spawn()
                .unwrap()
        })
        .collect();
    let mut acked = BTreeSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let ids = acknowledged(&out.stdout);
        assert_eq!(ids.len(), RUNS);
        acked.extend(ids);
    }
    assert_eq!(acked.len(), WRITERS * RUNS);
    let present = load_strict(&history, true);
    assert_eq!(present, acked);
    let (whole, temps) = check_files(&history);
    assert_eq!(whole, 2 * WRITERS * RUNS, "a record and a sidecar per run");
    assert_eq!(temps, 0, "no temporary file survives a clean exit");
    println!(
        "{WRITERS} concurrent writers × {RUNS} runs: {} runs present in {:.1} s",
        present.len(),
        start.elapsed().as_secs_f64()
    );
}
