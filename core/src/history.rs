//! The history store: every run remembered, no data ever rewritten, no conflicts between
//! parallel CI jobs or git branches. An embedded, server-less directory (by convention
//! `.benchcore/history/`) in which **each run is its own file**, named by its content id:
//!
//! ```text
//! .benchcore/history/
//! ├── history.json                  layout marker: {"version": 1, "layout": "…"}
//! ├── runs/                         one summary record per run (always read)
//! │   ├── 3f/
//! │   │   └── 3f9a0c…e1.json        {"version":1,"added_at":…,"run":{…},"benchmarks":[…],…}
//! │   └── a0/
//! │       └── a07e41…42.json
//! └── samples/                      raw samples, one sidecar per run that has any
//!     └── 3f/                       (read only with `LoadOptions::samples`)
//!         └── 3f9a0c…e1.json
//! ```
//!
//! The id is [`Run::compute_id`], an FNV-1a 128 content hash, so the same run always lands on
//! the same path: adding it again is a no-op reported as [`AddStatus::AlreadyPresent`]; two
//! jobs adding different runs write different files; two branches merged in git never touch
//! the same file unless they hold the same run. Appending never rewrites old data (compare
//! github-action-benchmark's single ever-growing `data.js`). The two-hex-digit shard keeps
//! directories small (5,000 runs: ~20 files per shard).
//!
//! Records are versioned ([`RECORD_VERSION`]; format in `record.rs`); a newer one is refused
//! with [`crate::Error::UnsupportedVersion`] naming the file, and the rest still loads.
//! Summaries and raw samples are stored apart because samples are most of the bytes:
//! criterion keeps 100 per benchmark, and in the generated 5,000 runs × 200 benchmarks of
//! `benches/history.rs` the sidecars take 1.1 GB against 138 MB of summaries. Listing, series
//! of typical values and retention need none of it, so [`LoadOptions::samples`] is off by
//! default. Values are stored as base64 of their IEEE-754 bytes, exact and fast to decode
//! (`codec.rs`): a history of the same shape written as plain `Run` JSON without samples
//! measured 380 MB and took 2.2 s of CPU to parse on one thread (prototype, before this
//! format).
//!
//! **Clock.** `added_at` and the `now` of retention come from the caller; the core reads no
//! clock (the CLI passes the system time).
//!
//! **Order.** Runs are ordered by their own `time` when it parses as RFC 3339, else by
//! `added_at`, ties by id ([`HistoryRun::order_time`], [`sort_runs`]); time filters and
//! retention use the same time.
//!
//! **Writes** are atomic and durable (`write.rs`): temporary file, `fsync`, link into place,
//! `fsync` of the directory. A crash leaves at most a hidden temporary file, which loading
//! ignores and `prune` removes.
//!
//! **Without a file system** (WebAssembly), [`encode_run`] gives the files an add writes and
//! [`load_files`] loads from files the caller read (`files.rs`): same checks, same results.
//!
//! Pure operations over loaded runs live here too: [`series()`], [`plan_retention`], [`export()`]
//! and the github-action-benchmark importer [`import_gab`].

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::model::Run;

mod check;
mod codec;
mod export;
mod files;
mod gab;
mod layout;
mod load;
mod prune;
mod record;
mod retention;
mod series;
mod sidecar;
mod write;

pub use export::{export, Bundle, BundleRun, BundleSeries};
pub use files::{encode_run, load_files, EncodedRun, StoredFile};
pub use gab::{import_gab, GabImport, GabImportOptions, GAB_FORMAT};
pub use load::{sort_runs, HistoryRun, LoadOptions, LoadedHistory, LoadedHistoryReport};
pub use prune::{PruneSummary, Pruned};
pub use record::RECORD_VERSION;
pub use retention::{plan_retention, Removal, RetentionOptions, RetentionPlan, Thin};
pub use series::{series, SeriesOptions};
pub use write::{AddStatus, Added};

/// The conventional history directory, relative to a repository's root.
pub const DEFAULT_HISTORY_DIR: &str = ".benchcore/history";

/// A history directory. Opening does no IO; the directory is created by the first
/// [`History::add`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    root: PathBuf,
}

impl History {
    /// The history at `root`.
    pub fn open(root: impl Into<PathBuf>) -> Self {
        History { root: root.into() }
    }

    /// Its directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Store a finalized run, stamped `added_at` (RFC 3339). Idempotent: a run already
    /// stored is reported [`AddStatus::AlreadyPresent`] and nothing is written.
    pub fn add(&self, run: &Run, added_at: &str) -> Result<Added> {
        write::add(&self.root, run, added_at)
    }

    /// Load the runs that pass `options`' filters, oldest first, with one error per damaged
    /// file (see [`LoadedHistory`]). A missing directory is [`crate::Error::NotFound`].
    pub fn load(&self, options: &LoadOptions) -> Result<LoadedHistory> {
        load::load(&self.root, options)
    }

    /// Plan retention at `now` (RFC 3339) and, with `apply`, delete the runs it removes and
    /// stale leftovers of crashed writers. Without `apply` nothing is touched.
    pub fn prune(&self, options: &RetentionOptions, now: &str, apply: bool) -> Result<Pruned> {
        prune::prune(&self.root, options, now, apply)
    }
}
