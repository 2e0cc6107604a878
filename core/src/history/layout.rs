//! Where things live in a history directory, and listing them. See the tree in the module doc
//! of `history`. Every path is derived from a run's content id, which is checked to be exactly
//! 32 lowercase hex digits before it becomes a path, so no id can escape the directory.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The layout marker file at the root.
pub(crate) const MARKER: &str = "history.json";
/// Summary records: `runs/<id[0..2]>/<id>.json`.
pub(crate) const RUNS: &str = "runs";
/// Raw-sample sidecars: `samples/<id[0..2]>/<id>.json`.
pub(crate) const SAMPLES: &str = "samples";
/// Suffix of temporary files (which also start with a dot).
pub(crate) const TMP_SUFFIX: &str = ".tmp";

/// Whether `id` is a run content id (32 lowercase hex digits, see `Run::compute_id`).
pub(crate) fn is_run_id(id: &str) -> bool {
    id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Check `id` before it becomes a path.
pub(crate) fn check_id(id: &str) -> Result<()> {
    if is_run_id(id) {
        Ok(())
    } else {
        Err(Error::input(
            "run.id",
            format!(
                "'{id}' is not a run content id (32 lowercase hex digits); finalize the run first"
            ),
        ))
    }
}

/// `<root>/<kind>/<id[0..2]>/<id>.json` for a checked id.
pub(crate) fn file_for(root: &Path, kind: &str, id: &str) -> PathBuf {
    root.join(kind).join(&id[..2]).join(format!("{id}.json"))
}

/// A unique temporary name next to `target`: `.<name>.<pid>.<n>.tmp`. The dot keeps it out of
/// listings; pid and a process-wide counter keep concurrent writers (threads or processes)
/// apart.
pub(crate) fn temp_for(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{}.{n}{TMP_SUFFIX}", std::process::id()))
}

/// What a directory of records holds.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// `(id, path)` of every well-named record, sorted by id.
    pub records: Vec<(String, PathBuf)>,
    /// Temporary files left by interrupted writes.
    pub temps: Vec<PathBuf>,
    /// Files that do not belong (a `.json` whose name is not an id, a file where a shard
    /// directory should be): reported, never touched.
    pub strays: Vec<PathBuf>,
}

/// What one entry of `<kind>/<shard>/<name>` is, by name alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A well-named record of run `id`.
    Record(String),
    /// A temporary file of an interrupted write.
    Temp,
    /// Something that does not belong (reported, never touched).
    Stray,
    /// A hidden name that is not ours: skipped silently.
    Hidden,
}

/// Classify a shard entry: `shard` is the shard directory's name; `name` is the file's name
/// inside it, or `None` for an entry of `<kind>/` itself that is not a directory (or, for a
/// hidden `shard`, any entry of `<kind>/`).
pub(crate) fn classify(shard: &str, name: Option<&str>) -> Entry {
    let hidden = |n: &str| {
        if n.ends_with(TMP_SUFFIX) {
            Entry::Temp
        } else {
            Entry::Hidden
        }
    };
    if shard.starts_with('.') {
        return hidden(shard);
    }
    let Some(name) = name else {
        return Entry::Stray;
    };
    if name.starts_with('.') {
        return hidden(name);
    }
    match name.strip_suffix(".json") {
        Some(id) if is_run_id(id) && id[..2] == *shard => Entry::Record(id.to_string()),
        _ => Entry::Stray,
    }
}

impl Listing {
    /// File `entry` found at `path`.
    pub(crate) fn push(&mut self, entry: Entry, path: PathBuf) {
        match entry {
            Entry::Record(id) => self.records.push((id, path)),
            Entry::Temp => self.temps.push(path),
            Entry::Stray => self.strays.push(path),
            Entry::Hidden => {}
        }
    }

    /// Sort every list (records by id).
    pub(crate) fn sort(&mut self) {
        self.records.sort();
        self.temps.sort();
        self.strays.sort();
    }
}

/// List `<root>/<kind>/<shard>/<id>.json`. A missing `<kind>` directory is an empty listing.
pub(crate) fn list(root: &Path, kind: &str) -> Result<Listing> {
    let mut out = Listing::default();
    let base = root.join(kind);
    let shards = match std::fs::read_dir(&base) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(Error::io(base.display().to_string(), &e)),
    };
    for shard in shards {
        let shard = shard.map_err(|e| Error::io(base.display().to_string(), &e))?;
        let shard_path = shard.path();
        let shard_name = shard.file_name().to_string_lossy().into_owned();
        if shard_name.starts_with('.') || !shard_path.is_dir() {
            out.push(classify(&shard_name, None), shard_path);
            continue;
        }
        let files = std::fs::read_dir(&shard_path)
            .map_err(|e| Error::io(shard_path.display().to_string(), &e))?;
        for f in files {
            let f = f.map_err(|e| Error::io(shard_path.display().to_string(), &e))?;
            let name = f.file_name().to_string_lossy().into_owned();
            out.push(classify(&shard_name, Some(&name)), f.path());
        }
    }
    out.sort();
    Ok(out)
}

/// Flush a directory's entries (new names, renames, removals) to disk. Only Unix can open a
/// directory for this; elsewhere the rename is as durable as the platform makes it.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_they_become_paths() {
        assert!(is_run_id("0123456789abcdef0123456789abcdef"));
        for bad in [
            "",
            "../../../../etc/passwd",
            "0123456789ABCDEF0123456789ABCDEF",
            "0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdeg",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        let p = file_for(Path::new("h"), RUNS, "ab23456789abcdef0123456789abcdef");
        assert_eq!(
            p,
            Path::new("h/runs/ab/ab23456789abcdef0123456789abcdef.json")
        );
    }

    #[test]
    fn temp_names_are_hidden_and_unique() {
        let t = Path::new("h/runs/ab/x.json");
        let (a, b) = (temp_for(t), temp_for(t));
        assert_ne!(a, b);
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".x.json.") && name.ends_with(".tmp"),
            "{name}"
        );
    }

    #[test]
    fn listing_sorts_records_and_separates_temps_and_strays() {
        let dir = tempfile::tempdir().unwrap();
        let id = "ab23456789abcdef0123456789abcdef";
        let shard = dir.path().join(RUNS).join("ab");
        std::fs::create_dir_all(&shard).unwrap();
        std::fs::write(shard.join(format!("{id}.json")), "{}").unwrap();
        std::fs::write(shard.join(".x.json.1.2.tmp"), "").unwrap();
        std::fs::write(shard.join("notes.json"), "").unwrap();
        let other = "cd23456789abcdef0123456789abcdef";
        std::fs::write(shard.join(format!("{other}.json")), "").unwrap(); // wrong shard
        let l = list(dir.path(), RUNS).unwrap();
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.records[0].0, id);
        assert_eq!(l.temps.len(), 1);
        assert_eq!(l.strays.len(), 2);
        assert!(list(dir.path(), SAMPLES).unwrap().records.is_empty());
    }
}
