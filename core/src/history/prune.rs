//! Applying a retention plan to a history directory, and sweeping up after crashed writers.
//!
//! Only runs that load are ever considered, so a damaged file is reported, never deleted. A
//! run's summary record is removed before its sidecar: a crash in between leaves an orphan
//! sidecar, which loading ignores and a later prune removes. Temporary files and orphan
//! sidecars are removed only once their modification time is more than an hour before `now`,
//! so a prune never races a concurrent `add` that is still writing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::layout::{self, file_for, RUNS, SAMPLES};
use super::load::{load, LoadOptions};
use super::retention::{plan_retention, RetentionOptions, RetentionPlan};
use crate::error::{Error, Result};
use crate::time::parse_rfc3339;

/// Leftovers younger than this (ms) may belong to a writer still at work.
const STALE_MS: i64 = 3_600_000;

/// What [`crate::History::prune`] did or would do.
#[derive(Debug, Clone, Default)]
pub struct Pruned {
    /// Which runs are kept and removed, and why.
    pub plan: RetentionPlan,
    /// Whether files were deleted (`false`: a dry run).
    pub applied: bool,
    /// Leftover files removed (or, in a dry run, that would be): stale temporary files and
    /// sidecars without a record.
    pub cleaned: Vec<String>,
    /// Damaged files found while loading, left alone.
    pub errors: Vec<Error>,
}

/// A summary of [`Pruned`] for JSON output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PruneSummary {
    /// Whether files were deleted.
    pub applied: bool,
    /// Runs kept.
    pub kept: usize,
    /// Runs removed (or to be removed).
    pub removed: usize,
    /// Leftover files cleaned (or to be cleaned).
    pub cleaned: usize,
}

impl Pruned {
    /// Counts, for reports.
    pub fn summary(&self) -> PruneSummary {
        PruneSummary {
            applied: self.applied,
            kept: self.plan.keep.len(),
            removed: self.plan.remove.len(),
            cleaned: self.cleaned.len(),
        }
    }
}

fn modified_ms(path: &Path) -> Option<i64> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    i64::try_from(d.as_millis()).ok()
}

/// Remove `path`; `Ok(false)` when it was not there.
fn remove(path: &Path) -> Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::io(path.display().to_string(), &e)),
    }
}

/// Leftovers at least an hour old at `now_ms`.
fn leftovers(root: &Path, now_ms: i64) -> Result<Vec<PathBuf>> {
    let runs = layout::list(root, RUNS)?;
    let samples = layout::list(root, SAMPLES)?;
    let stored: HashSet<&str> = runs.records.iter().map(|(id, _)| id.as_str()).collect();
    let mut out: Vec<PathBuf> = runs.temps.into_iter().chain(samples.temps).collect();
    out.extend(
        samples
            .records
            .into_iter()
            .filter(|(id, _)| !stored.contains(id.as_str()))
            .map(|(_, p)| p),
    );
    out.retain(|p| modified_ms(p).is_some_and(|m| now_ms - m >= STALE_MS));
    out.sort();
    Ok(out)
}

/// Plan retention of the history at `root` and, with `apply`, delete what the plan removes.
pub(crate) fn prune(
    root: &Path,
    options: &RetentionOptions,
    now: &str,
    apply: bool,
) -> Result<Pruned> {
    options.validate()?;
    let now_ms = parse_rfc3339(now).map_err(|m| Error::option("now", m))?;
    let loaded = load(root, &LoadOptions::default())?;
    let plan = plan_retention(&loaded.runs, options, now)?;
    let stale = leftovers(root, now_ms)?;
    if apply {
        let mut dirs: HashSet<PathBuf> = HashSet::new();
        for r in &plan.remove {
            layout::check_id(&r.id)?;
            for kind in [RUNS, SAMPLES] {
                let path = file_for(root, kind, &r.id);
                if remove(&path)? {
                    if let Some(d) = path.parent() {
                        dirs.insert(d.to_path_buf());
                    }
                }
            }
        }
        for p in &stale {
            if remove(p)? {
                if let Some(d) = p.parent() {
                    dirs.insert(d.to_path_buf());
                }
            }
        }
        for d in dirs {
            layout::sync_dir(&d).map_err(|e| Error::io(d.display().to_string(), &e))?;
        }
    }
    Ok(Pruned {
        plan,
        applied: apply,
        cleaned: stale.iter().map(|p| p.display().to_string()).collect(),
        errors: loaded.errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_leftovers_are_left_for_their_writer() {
        let dir = tempfile::tempdir().unwrap();
        let shard = dir.path().join(SAMPLES).join("ab");
        std::fs::create_dir_all(&shard).unwrap();
        let orphan = shard.join("ab23456789abcdef0123456789abcdef.json");
        std::fs::write(&orphan, "{}").unwrap();
        let tmp = shard.join(".x.json.1.1.tmp");
        std::fs::write(&tmp, "").unwrap();
        let now = modified_ms(&orphan).unwrap();
        assert!(leftovers(dir.path(), now).unwrap().is_empty());
        let later = leftovers(dir.path(), now + STALE_MS + 1000).unwrap();
        assert_eq!(later, vec![tmp, orphan]);
    }
}
