//! Loading a history: every record, filtered, in history order, in parallel.
//!
//! A damaged file never makes the history unreadable: each unreadable record, unknown version
//! or broken sidecar becomes one [`Error`] naming its file in [`LoadedHistory::errors`], and
//! everything else loads ([`LoadOptions::strict`] turns the first of them into the result).
//! Filters are applied to a record's run header before its benchmarks are decoded.
//!
//! Records and sidecars above [`DEFAULT_MAX_INPUT_BYTES`] are refused unread
//! (`limit-exceeded`, as a damaged file).
//!
//! Cost: one read and one parse per record, spread over [`LoadOptions::threads`] scoped
//! threads pulling records from a shared counter; then O(n log n) to sort.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::layout::{self, file_for, RUNS, SAMPLES};
use super::record::{decode, Keep};
use super::sidecar::attach_samples;
use super::write::read_marker;
use crate::error::{Error, Result};
use crate::input::{read_file, DEFAULT_MAX_INPUT_BYTES};
use crate::model::Run;
use crate::time::parse_rfc3339;

/// Which runs to load, and whether with raw samples.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LoadOptions {
    /// Only runs of this branch.
    pub branch: Option<String>,
    /// Only runs whose [`crate::Environment::fingerprint`] is this.
    pub environment: Option<String>,
    /// Only runs whose commit starts with this (a full or abbreviated SHA).
    pub commit: Option<String>,
    /// Only runs at or after this time (RFC 3339), by [`HistoryRun::order_time`].
    pub since: Option<String>,
    /// Only runs at or before this time (RFC 3339), by [`HistoryRun::order_time`].
    pub until: Option<String>,
    /// Also read the raw samples (sidecar files). Off by default: summaries are enough for
    /// listing, series of typical values and retention, and load several times faster.
    pub samples: bool,
    /// Fail on the first damaged file instead of reporting it in [`LoadedHistory::errors`].
    pub strict: bool,
    /// Parser threads; 0 (the default) picks the available parallelism, at most 8.
    pub threads: usize,
}

impl LoadOptions {
    /// Check times and ranges.
    pub fn validate(&self) -> Result<()> {
        for (field, t) in [("since", &self.since), ("until", &self.until)] {
            if let Some(t) = t {
                parse_rfc3339(t).map_err(|m| Error::option(field, m))?;
            }
        }
        if self.commit.as_deref() == Some("") {
            return Err(Error::option("commit", "must not be empty"));
        }
        if self.threads > 256 {
            return Err(Error::option("threads", "at most 256"));
        }
        Ok(())
    }
}

/// A stored run and when it was added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRun {
    /// When the run was added to the history (RFC 3339, as the caller stamped it).
    pub added_at: String,
    /// The run.
    pub run: Run,
}

impl HistoryRun {
    /// A list of `{added_at, run}` objects from a JSON value (what bindings pass to
    /// [`crate::export`]); each run is read as in [`Run::from_value`].
    pub fn list_from_value(value: serde_json::Value, field: &str) -> Result<Vec<HistoryRun>> {
        let serde_json::Value::Array(items) = value else {
            return Err(crate::Error::input(
                field,
                "expected a list of {added_at, run}",
            ));
        };
        items
            .into_iter()
            .enumerate()
            .map(|(i, mut item)| {
                let at = format!("{field}[{i}]");
                let added_at = item
                    .get("added_at")
                    .and_then(serde_json::Value::as_str)
                    .ok_or_else(|| {
                        crate::Error::input(format!("{at}.added_at"), "missing RFC 3339 `added_at`")
                    })?
                    .to_string();
                let run = item
                    .get_mut("run")
                    .map(serde_json::Value::take)
                    .ok_or_else(|| crate::Error::input(format!("{at}.run"), "missing `run`"))?;
                Ok(HistoryRun {
                    added_at,
                    run: Run::from_value(run, &format!("{at}.run"))?,
                })
            })
            .collect()
    }

    /// The time that orders and filters runs, in Unix milliseconds: the run's own `time` when
    /// it parses as RFC 3339, else `added_at` (else the epoch's dawn, `i64::MIN`).
    pub fn order_time(&self) -> i64 {
        order_time(&self.run, &self.added_at)
    }
}

pub(crate) fn order_time(run: &Run, added_at: &str) -> i64 {
    run.time
        .as_deref()
        .and_then(|t| parse_rfc3339(t).ok())
        .or_else(|| parse_rfc3339(added_at).ok())
        .unwrap_or(i64::MIN)
}

/// Sort runs into history order: by [`HistoryRun::order_time`], ties by id.
pub fn sort_runs(runs: &mut [HistoryRun]) {
    runs.sort_by_cached_key(|r| (r.order_time(), r.run.id.clone()));
}

/// The result of [`crate::History::load`].
#[derive(Debug, Clone, Default)]
pub struct LoadedHistory {
    /// The runs that passed the filters, oldest first (see [`sort_runs`]).
    pub runs: Vec<HistoryRun>,
    /// One error per damaged file, each naming it (empty under `strict`).
    pub errors: Vec<Error>,
}

impl LoadedHistory {
    /// The errors in the structured form every surface hands out.
    pub fn error_infos(&self) -> Vec<crate::error::ErrorInfo> {
        self.errors.iter().map(Error::info).collect()
    }

    /// The plain shape every surface hands out: `{"runs": [{added_at, run}], "errors":
    /// [ErrorInfo]}` (each error names its file).
    pub fn into_report(self) -> LoadedHistoryReport {
        LoadedHistoryReport {
            errors: self.errors.iter().map(Error::info).collect(),
            runs: self.runs,
        }
    }
}

/// [`LoadedHistory`] as plain data (see [`LoadedHistory::into_report`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedHistoryReport {
    /// The runs that passed the filters, oldest first.
    pub runs: Vec<HistoryRun>,
    /// One error per damaged file, each naming it.
    pub errors: Vec<crate::error::ErrorInfo>,
}

pub(crate) enum Outcome {
    Kept(Box<HistoryRun>, Option<Error>),
    Skipped,
    Failed(Error),
}

pub(crate) struct Filter {
    branch: Option<String>,
    environment: Option<String>,
    commit: Option<String>,
    since: Option<i64>,
    until: Option<i64>,
}

impl Filter {
    pub(crate) fn new(o: &LoadOptions) -> Self {
        let t = |s: &Option<String>| s.as_deref().and_then(|t| parse_rfc3339(t).ok());
        Filter {
            branch: o.branch.clone(),
            environment: o.environment.clone(),
            commit: o.commit.as_ref().map(|c| c.to_ascii_lowercase()),
            since: t(&o.since),
            until: t(&o.until),
        }
    }

    fn is_empty(&self) -> bool {
        self.branch.is_none()
            && self.environment.is_none()
            && self.commit.is_none()
            && self.since.is_none()
            && self.until.is_none()
    }

    fn keep(&self, run: &Run, added_at: &str) -> bool {
        if self.branch.is_some() && run.branch != self.branch {
            return false;
        }
        if let Some(c) = &self.commit {
            let ok = run
                .commit
                .as_deref()
                .is_some_and(|rc| rc.to_ascii_lowercase().starts_with(c.as_str()));
            if !ok {
                return false;
            }
        }
        if self.since.is_some() || self.until.is_some() {
            let t = order_time(run, added_at);
            if self.since.is_some_and(|s| t < s) || self.until.is_some_and(|u| t > u) {
                return false;
            }
        }
        if let Some(fp) = &self.environment {
            if run.environment.fingerprint() != *fp {
                return false;
            }
        }
        true
    }
}

/// Read `path` into `buf` (reused across records: one allocation per thread, not per file),
/// refusing a file above [`DEFAULT_MAX_INPUT_BYTES`] before reading it (benchcore writes
/// records of a few MB at most; a bigger one is damage or foul play, reported like one).
fn read_into(path: &Path, label: &str, buf: &mut Vec<u8>) -> Result<()> {
    use std::io::Read;
    buf.clear();
    let io = |e: std::io::Error| Error::io(label, &e);
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > DEFAULT_MAX_INPUT_BYTES {
        return Err(Error::LimitExceeded {
            file: label.to_string(),
            what: format!("history file size ({len} bytes)"),
            limit: DEFAULT_MAX_INPUT_BYTES,
        });
    }
    file.take(DEFAULT_MAX_INPUT_BYTES + 1)
        .read_to_end(buf)
        .map_err(io)?;
    Ok(())
}

fn load_one(
    root: &Path,
    (id, path): &(String, PathBuf),
    filter: &Filter,
    samples: bool,
    buf: &mut Vec<u8>,
) -> Outcome {
    let label = path.display().to_string();
    if let Err(e) = read_into(path, &label, buf) {
        return Outcome::Failed(e);
    }
    let read_sidecar = || {
        let side = file_for(root, SAMPLES, id);
        let side_label = side.display().to_string();
        let bytes = read_file(&side, DEFAULT_MAX_INPUT_BYTES);
        (side_label, bytes)
    };
    decode_one(&label, id, buf, filter, samples.then_some(&read_sidecar))
}

/// Reads a record's sidecar: its label and its bytes (or why they could not be read).
pub(crate) type ReadSidecar<'a> = &'a dyn Fn() -> (String, Result<Vec<u8>>);

/// Decode the record `bytes` of run `id` read from `label`, keep it if `filter` does, and
/// attach its samples through `sidecar` when asked for and announced.
pub(crate) fn decode_one(
    label: &str,
    id: &str,
    bytes: &[u8],
    filter: &Filter,
    sidecar: Option<ReadSidecar>,
) -> Outcome {
    let keep = |run: &Run, added: &str| filter.keep(run, added);
    let keep: Option<Keep> = (!filter.is_empty()).then_some(&keep);
    let decoded = match decode(label, id, bytes, keep) {
        Ok(Some(d)) => d,
        Ok(None) => return Outcome::Skipped,
        Err(e) => return Outcome::Failed(e),
    };
    let mut run = decoded.run;
    let mut side_error = None;
    if let Some(read) = sidecar.filter(|_| decoded.samples > 0) {
        let (side_label, bytes) = read();
        let result = bytes.and_then(|b| attach_samples(&side_label, &b, &mut run, decoded.samples));
        side_error = result.err();
    }
    Outcome::Kept(
        Box::new(HistoryRun {
            added_at: decoded.added_at,
            run,
        }),
        side_error,
    )
}

/// The marker's error, if any, for loading: a newer layout refuses the whole directory, any
/// other problem is reported and the runs still load.
pub(crate) fn marker_outcome(result: Result<()>, errors: &mut Vec<Error>) -> Result<()> {
    match result {
        Err(e @ Error::UnsupportedVersion { .. }) => Err(e),
        Err(e) => {
            errors.push(e);
            Ok(())
        }
        Ok(()) => Ok(()),
    }
}

/// Strays as errors that name them.
pub(crate) fn stray_errors<'a>(strays: impl IntoIterator<Item = &'a PathBuf>) -> Vec<Error> {
    strays
        .into_iter()
        .map(|stray| {
            Error::parse(
                stray.display().to_string(),
                "not a run record (expected runs/<id[0..2]>/<id>.json); left alone",
            )
        })
        .collect()
}

/// The loaded history from the outcomes in listing order and the errors found before them.
pub(crate) fn finish(
    outcomes: impl IntoIterator<Item = Outcome>,
    mut errors: Vec<Error>,
    strict: bool,
) -> Result<LoadedHistory> {
    let mut runs = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Kept(run, side_error) => {
                runs.push(*run);
                errors.extend(side_error);
            }
            Outcome::Skipped => {}
            Outcome::Failed(e) => errors.push(e),
        }
    }
    if strict {
        if let Some(e) = errors.into_iter().next() {
            return Err(e);
        }
        errors = Vec::new();
    }
    sort_runs(&mut runs);
    Ok(LoadedHistory { runs, errors })
}

fn thread_count(requested: usize, files: usize) -> usize {
    let auto = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let wanted = if requested == 0 { auto } else { requested };
    // Below a few dozen files a thread costs more than it saves.
    wanted.clamp(1, files.div_ceil(32).max(1))
}

/// Load the history at `root`.
pub(crate) fn load(root: &Path, options: &LoadOptions) -> Result<LoadedHistory> {
    options.validate()?;
    let label = root.display().to_string();
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(Error::input(
                "history",
                format!("{label} is not a directory"),
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                file: label,
                what: "no history here (add a run first: `benchcore history add`)".into(),
            })
        }
        Err(e) => return Err(Error::io(label, &e)),
    }
    let mut errors = Vec::new();
    marker_outcome(read_marker(root).map(|_| ()), &mut errors)?;
    let listing = layout::list(root, RUNS)?;
    errors.extend(stray_errors(&listing.strays));
    let filter = Filter::new(options);
    let records = &listing.records;
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(record) = records.get(i) else {
                return out;
            };
            out.push((
                i,
                load_one(root, record, &filter, options.samples, &mut buf),
            ));
        }
    };
    let threads = thread_count(options.threads, records.len());
    let mut outcomes: Vec<(usize, Outcome)> = if threads == 1 {
        worker()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    };
    outcomes.sort_by_key(|(i, _)| *i);
    finish(outcomes.into_iter().map(|(_, o)| o), errors, options.strict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_at(time: Option<&str>, branch: Option<&str>) -> Run {
        let mut r = Run::new("t");
        r.time = time.map(str::to_string);
        r.branch = branch.map(str::to_string);
        r.commit = Some("ABCdef123".into());
        r.finalize("t").unwrap()
    }

    #[test]
    fn order_time_prefers_the_runs_own_time() {
        let r = run_at(Some("2026-01-02T00:00:00Z"), None);
        assert_eq!(order_time(&r, "2026-05-01T00:00:00Z"), 1_767_312_000_000);
        let r = run_at(Some("not a time"), None);
        assert_eq!(order_time(&r, "1970-01-01T00:00:01Z"), 1000);
        assert_eq!(order_time(&r, "garbage"), i64::MIN);
    }

    #[test]
    fn filters_compare_branch_commit_prefix_and_time() {
        let o = LoadOptions {
            branch: Some("main".into()),
            commit: Some("abcD".into()),
            since: Some("2026-01-01T00:00:00Z".into()),
            until: Some("2026-01-31T23:59:59Z".into()),
            ..LoadOptions::default()
        };
        o.validate().unwrap();
        let f = Filter::new(&o);
        let added = "2026-03-01T00:00:00Z";
        assert!(f.keep(&run_at(Some("2026-01-15T00:00:00Z"), Some("main")), added));
        assert!(!f.keep(&run_at(Some("2026-01-15T00:00:00Z"), Some("pr")), added));
        assert!(!f.keep(&run_at(Some("2025-12-31T23:59:59Z"), Some("main")), added));
        assert!(!f.keep(&run_at(None, Some("main")), added)); // falls back to added_at: March
        let mut r = run_at(Some("2026-01-15T00:00:00Z"), Some("main"));
        r.commit = Some("fff".into());
        assert!(!f.keep(&r, added));
    }

    #[test]
    fn options_are_validated() {
        let bad = LoadOptions {
            since: Some("last tuesday".into()),
            ..LoadOptions::default()
        };
        assert_eq!(bad.validate().unwrap_err().code(), "invalid-options");
        let o: LoadOptions = serde_json::from_str(r#"{"branch": "main"}"#).unwrap();
        assert_eq!(o.branch.as_deref(), Some("main"));
        assert!(serde_json::from_str::<LoadOptions>(r#"{"brnach": "main"}"#).is_err());
    }

    #[test]
    fn threads_scale_with_files() {
        assert_eq!(thread_count(4, 10), 1);
        assert_eq!(thread_count(4, 100), 4);
        assert_eq!(thread_count(2, 5000), 2);
        assert!(thread_count(0, 5000) >= 1);
    }
}
