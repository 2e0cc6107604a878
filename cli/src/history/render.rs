//! Text and JSON for `history list` and `history prune`. Branches, commits, formats and
//! reasons come from result files anyone can write: every text cell goes through
//! [`benchcore::escape_terminal`] (JSON is data, escaped by the JSON writer).

use benchcore::time::format_rfc3339;
use benchcore::{escape_terminal, Error, HistoryRun, LoadedHistory, Pruned};
use serde::Serialize;

/// One line of `history list --format json`.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    id: &'a str,
    time: String,
    added_at: &'a str,
    commit: Option<&'a str>,
    branch: Option<&'a str>,
    format: &'a str,
    environment: String,
    benchmarks: usize,
}

fn listed(r: &HistoryRun) -> Listed<'_> {
    Listed {
        id: &r.run.id,
        time: format_rfc3339(r.order_time()),
        added_at: &r.added_at,
        commit: r.run.commit.as_deref(),
        branch: r.run.branch.as_deref(),
        format: &r.run.source.format,
        environment: r.run.environment.fingerprint(),
        benchmarks: r.run.benchmarks.len(),
    }
}

/// The first `n` characters of untrusted `s`, made safe for a terminal.
fn short(s: &str, n: usize) -> String {
    escape_terminal(&s.chars().take(n).collect::<String>())
}

/// Aligned columns, oldest run first, and a count.
pub fn table(loaded: &LoadedHistory) -> String {
    let header = [
        "TIME",
        "ID",
        "BRANCH",
        "COMMIT",
        "FORMAT",
        "BENCHMARKS",
        "ENVIRONMENT",
    ];
    let mut rows: Vec<[String; 7]> = vec![header.map(str::to_string)];
    for r in &loaded.runs {
        let l = listed(r);
        rows.push([
            match l.time.strip_suffix(".000Z") {
                Some(t) => format!("{t}Z"),
                None => l.time.clone(),
            },
            short(l.id, 12),
            escape_terminal(l.branch.unwrap_or("-")),
            short(l.commit.unwrap_or("-"), 12),
            escape_terminal(l.format),
            l.benchmarks.to_string(),
            escape_terminal(&l.environment),
        ]);
    }
    let mut widths = [0usize; 7];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    let n = loaded.runs.len();
    out.push_str(&format!("{n} run{}\n", if n == 1 { "" } else { "s" }));
    out
}

/// The listing as a JSON array.
pub fn json(loaded: &LoadedHistory) -> Result<String, Error> {
    let items: Vec<Listed> = loaded.runs.iter().map(listed).collect();
    serde_json::to_string_pretty(&items).map_err(|e| Error::input("output", e.to_string()))
}

/// What pruning removed (or would remove), one run per line, then the counts.
pub fn prune_report(p: &Pruned) -> String {
    let verb = if p.applied { "removed" } else { "would remove" };
    let mut out = String::new();
    for r in &p.plan.remove {
        out.push_str(&format!(
            "{verb} {}  {}  {}  {}: {}\n",
            short(&r.id, 12),
            escape_terminal(&r.time),
            escape_terminal(r.branch.as_deref().unwrap_or("-")),
            short(r.commit.as_deref().unwrap_or("-"), 12),
            escape_terminal(&r.reason)
        ));
    }
    for f in &p.cleaned {
        out.push_str(&format!("{verb} leftover {}\n", escape_terminal(f)));
    }
    let s = p.summary();
    let total = s.kept + s.removed;
    if p.applied {
        out.push_str(&format!(
            "removed {} of {total} runs, kept {}; {} leftover files cleaned\n",
            s.removed, s.kept, s.cleaned
        ));
    } else {
        out.push_str(&format!(
            "dry run: {} of {total} runs would be removed, {} kept; {} leftover files. Pass --apply to delete.\n",
            s.removed, s.kept, s.cleaned
        ));
    }
    out
}
