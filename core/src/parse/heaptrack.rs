//! heaptrack (1.4): the output of `heaptrack_print`, and the `heaptrack stats:` block that the
//! `heaptrack` launcher prints when the program ends.
//!
//! ```text
//! reading file "out/heaptrack.leaky.run1.zst" - please wait, this might take some time...
//! Debuggee command was: ./leaky
//! MOST CALLS TO ALLOCATION FUNCTIONS
//! 20000 calls to allocation functions with 0B peak consumption from
//! …
//! total runtime: 0.27s.
//! calls to allocation functions: 20020 (73874/s)
//! temporary memory allocations: 20000 (73800/s)
//! peak heap memory consumption: 8.47M
//! peak RSS (including heaptrack overhead): 12.31M
//! total memory leaked: 14.34K
//!
//! heaptrack stats:
//!     allocations:              20020
//!     leaked allocations:       11
//!     temporary allocations:    20000
//! ```
//!
//! (heaptrack writes TABs around its launcher labels; shown here as spaces.)
//!
//! `heaptrack_print`: one benchmark named by the debuggee command (`./leaky`; the file's stem
//! when that line is missing), with `peak_memory` (peak heap), `peak_rss` (includes heaptrack's
//! own overhead), `allocations`, `temporary_allocations` and `leaked_bytes`. Sizes are
//! 1000-based, two decimals (`8.47M` = 8.47·10⁶ B: the 8 × 1 MiB blocks of the fixture print
//! `8.39M`), so they carry heaptrack's rounding (±0.5 % at `8.47M`). The runtime measures the
//! program under heaptrack and goes to `extra.runtime_ns`, not to a `time` metric. The sections
//! above the summary (call sites, stacks) are not read; the summary ends with
//! `total memory leaked:`, so a file without it is reported as truncated.
//!
//! The launcher's output names no program (only the trace file, whose name `-o` chooses), so its
//! benchmark is named `heaptrack`: `allocations`, `leaked_allocations` and
//! `temporary_allocations`. Cost: linear in the file.

use super::lines::{after, count, duration, file_stem, last_line, numbered, size, Ends};
use super::units::strip_ansi;
use super::vocabulary::{
    allocations, leaked_allocations, leaked_bytes, peak_memory, peak_rss, single,
    temporary_allocations,
};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Run};

/// The benchmark name of the launcher's output.
const LAUNCHER_NAME: &str = "heaptrack";

fn is_launcher(ends: &Ends<'_>) -> bool {
    ends.contains("heaptrack stats:") || ends.contains("heaptrack output will be written to")
}

pub(crate) fn detect(text: &str) -> bool {
    let ends = Ends::of(text);
    is_launcher(&ends)
        || ends.contains("Debuggee command was:")
        || ends.contains("peak heap memory consumption:")
        || ends.contains("MOST CALLS TO ALLOCATION FUNCTIONS")
        || (ends.first_line().starts_with("reading file \"")
            && ends
                .first_line()
                .contains("please wait, this might take some time"))
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let clean = strip_ansi(text);
    let mut run = Run::new("heaptrack");
    run.benchmarks.push(if is_launcher(&Ends::of(&clean)) {
        launcher(file, &clean)?
    } else {
        print_output(file, &clean)?
    });
    Ok(run)
}

fn truncated(file: &str, text: &str, what: &str) -> Error {
    Error::parse_line(
        file,
        last_line(text),
        format!("the output ends before `{what}` (truncated file?)"),
    )
}

/// `20020 (73874/s)` → 20020.
fn calls(file: &str, line: u64, text: &str, what: &str) -> Result<f64> {
    let n = text.split_once('(').map_or(text, |(n, _)| n);
    count(file, line, n, what)
}

fn print_output(file: &str, text: &str) -> Result<Benchmark> {
    let mut name = None;
    let mut b = Benchmark::new("");
    let mut complete = false;
    for (n, l) in numbered(text) {
        let t = l.trim();
        if let Some(cmd) = after(t, "Debuggee command was:") {
            name = Some(cmd.to_string());
        } else if let Some(v) = after(t, "total runtime:") {
            let v = v.strip_suffix('.').unwrap_or(v);
            let ns = duration(file, n, v, "total runtime")?;
            b.extra.insert("runtime_ns".into(), ns.into());
        } else if let Some(v) = after(t, "calls to allocation functions:") {
            let c = calls(file, n, v, "calls to allocation functions")?;
            b.measurements.push(single(allocations(), c));
        } else if let Some(v) = after(t, "temporary memory allocations:") {
            let c = calls(file, n, v, "temporary memory allocations")?;
            b.measurements.push(single(temporary_allocations(), c));
        } else if let Some(v) = after(t, "peak heap memory consumption:") {
            let s = size(file, n, v, false, "peak heap memory consumption")?;
            b.measurements.push(single(peak_memory(), s));
        } else if let Some(v) = after(t, "peak RSS (including heaptrack overhead):") {
            let s = size(file, n, v, false, "peak RSS")?;
            b.measurements.push(single(peak_rss(), s));
        } else if let Some(v) = after(t, "total memory leaked:") {
            let s = size(file, n, v, false, "total memory leaked")?;
            b.measurements.push(single(leaked_bytes(), s));
            complete = true;
        }
    }
    if !complete {
        return Err(truncated(file, text, "total memory leaked:"));
    }
    if b.measurement("peak_memory").is_none() {
        return Err(truncated(file, text, "peak heap memory consumption:"));
    }
    // Summary order: peak heap, peak RSS, allocations, temporary, leaked.
    let order = [
        "peak_memory",
        "peak_rss",
        "allocations",
        "temporary_allocations",
        "leaked_bytes",
    ];
    b.measurements
        .sort_by_key(|m| order.iter().position(|o| *o == m.metric.name));
    b.name = name
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| file_stem(file));
    Ok(b)
}

fn launcher(file: &str, text: &str) -> Result<Benchmark> {
    let mut in_stats = false;
    let mut b = Benchmark::new(LAUNCHER_NAME);
    for (n, l) in numbered(text) {
        let t = l.trim();
        if t == "heaptrack stats:" {
            in_stats = true;
            continue;
        }
        if !in_stats {
            continue;
        }
        let metric = if let Some(v) = after(t, "allocations:") {
            (allocations(), v)
        } else if let Some(v) = after(t, "leaked allocations:") {
            (leaked_allocations(), v)
        } else if let Some(v) = after(t, "temporary allocations:") {
            (temporary_allocations(), v)
        } else {
            break;
        };
        let what = metric.0.name.replace('_', " ");
        b.measurements
            .push(single(metric.0, count(file, n, metric.1, &what)?));
    }
    if !in_stats {
        return Err(truncated(file, text, "heaptrack stats:"));
    }
    for (name, label) in [
        ("allocations", "allocations:"),
        ("leaked_allocations", "leaked allocations:"),
        ("temporary_allocations", "temporary allocations:"),
    ] {
        if b.measurement(name).is_none() {
            return Err(truncated(file, text, label));
        }
    }
    Ok(b)
}
