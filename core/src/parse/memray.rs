//! memray (1.20 and 1.11): `memray stats --json` (primary) and the text of `memray stats`.
//!
//! ```text
//! {"total_num_allocations": 312, "total_bytes_allocated": 45042089, "allocation_size_histogram": […],
//!  "allocator_type_distribution": {"MALLOC": 172, …}, "top_allocations_by_size": […], …,
//!  "metadata": {"start_time": "2026-11-26 15:59:17.114000+00:00", "end_time": "…", "total_allocations": 581,
//!               "peak_memory": 36659652, "command_line": "/home/dev/bench/venv-memray/bin/memray run --force -o out/alloc_workload.bin alloc_workload.py",
//!               "pid": 2283, "python_allocator": "pymalloc", "has_native_traces": false, "trace_python_allocators": false}}
//!
//! 📏 Total allocations:
//!     312
//! 📦 Total memory allocated:
//!     45.042MB
//! 📈 Peak memory usage:
//!     36.660MB
//! ```
//!
//! (memray writes a TAB before each value; shown here as spaces.)
//!
//! Metrics: `peak_memory` (`metadata.peak_memory`, the only place memray keeps the peak),
//! `allocated_bytes` (`total_bytes_allocated`) and `allocations` (`total_num_allocations`), one
//! value each. The JSON's benchmark is named after the profiled program: the words of
//! `metadata.command_line` after `memray run` and its options (`alloc_workload.py`, `-m pkg`),
//! so that captures written to different `-o` files still compare; the whole command line is
//! kept in `extra.command_line`. `start_time` becomes the run's time, `python_allocator` and the
//! tracing flags go to the environment's `extra`.
//!
//! The text names no program, so its benchmark is named `memray`. Its sizes are decimal SI
//! (`2.289kB`, `36.660MB`) in memray 1.20 but 1024-based with an upper-case `KB` in 1.11 (its
//! `size_fmt` divides by 1024: 64 × 256 KiB print `16.000MB`): a file with `KB` sizes is read as
//! binary, one with `kB` as decimal, and one with neither as decimal when it has 1.20's
//! `📈 Peak memory usage:` section (1.11 has none, so its text gives no `peak_memory`).
//! `memray summary`'s table (wrapped, cut to the terminal width), `memray run`'s log and the
//! traceback `memray stats` prints for an `--aggregate` capture are recognised and refused with a
//! message saying what to run instead.
//! Cost: linear in the file.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::json;
use super::lines::{count, last_line, numbered, size, Ends};
use super::units::strip_ansi;
use super::vocabulary::{allocated_bytes, allocations, peak_memory, single};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Run};

/// The benchmark name of `memray stats` text, which does not say what was profiled.
const TEXT_NAME: &str = "memray";

#[derive(Deserialize)]
struct Root {
    total_num_allocations: u64,
    total_bytes_allocated: u64,
    allocator_type_distribution: Option<Map<String, Value>>,
    metadata: Metadata,
}

#[derive(Deserialize)]
struct Metadata {
    peak_memory: Option<u64>,
    command_line: Option<String>,
    start_time: Option<String>,
    python_allocator: Option<String>,
    has_native_traces: Option<bool>,
    trace_python_allocators: Option<bool>,
}

/// Only the keys that identify the format; everything else is skipped unread.
#[derive(Deserialize)]
struct Probe {
    #[allow(dead_code)] // presence is the check
    total_num_allocations: serde::de::IgnoredAny,
    #[allow(dead_code)]
    metadata: serde::de::IgnoredAny,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Json,
    Stats,
    SummaryTable,
    Traceback,
    RunLog,
}

fn shape(text: &str) -> Option<Shape> {
    let ends = Ends::of(text);
    let t = text.trim_start();
    if t.starts_with('{') {
        if !ends.head().contains("\"total_num_allocations\"") {
            return None;
        }
        return match serde_json::from_str::<Probe>(t) {
            Ok(_) => Some(Shape::Json),
            // Damaged (truncated) but shaped like one: let the parser say where.
            Err(e) if e.is_syntax() || e.is_eof() => Some(Shape::Json),
            Err(_) => None,
        };
    }
    if ends.contains("📏 Total allocations:")
        || (ends.contains("Total allocations:") && ends.contains("Total memory allocated:"))
    {
        return Some(Shape::Stats);
    }
    if ends.contains("┏") && ends.contains("Own Memory") && ends.contains("Location") {
        return Some(Shape::SummaryTable);
    }
    if ends.contains("Traceback (most recent call last):") && ends.contains("memray") {
        return Some(Shape::Traceback);
    }
    if ends.contains("[memray] Successfully generated profile results.") {
        return Some(Shape::RunLog);
    }
    None
}

pub(crate) fn detect(text: &str) -> bool {
    shape(text).is_some()
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let clean = strip_ansi(text);
    let mut run = Run::new("memray");
    match shape(&clean) {
        Some(Shape::Json) | None => json_run(file, text, &mut run)?,
        Some(Shape::Stats) => run.benchmarks.push(stats_text(file, &clean)?),
        Some(Shape::SummaryTable) => {
            let line = numbered(&clean)
                .find(|(_, l)| l.contains('┏'))
                .map_or(1, |(n, _)| n);
            return Err(Error::parse_line(
                file,
                line,
                "this is `memray summary`'s table, which wraps and cuts its rows to the terminal \
                 width; use `memray stats --json -o stats.json CAPTURE.bin` and read stats.json",
            ));
        }
        Some(Shape::Traceback) => return Err(traceback(file, &clean)),
        Some(Shape::RunLog) => {
            return Err(Error::parse_line(
                file,
                1,
                "this is `memray run`'s log, which holds no statistics; run `memray stats --json \
                 -o stats.json CAPTURE.bin` on the capture it wrote and read stats.json",
            ))
        }
    }
    Ok(run)
}

/// The program memray profiled: what follows `memray run` and its options.
fn program(command_line: &str) -> Option<String> {
    let words: Vec<&str> = command_line.split_whitespace().collect();
    let run = words
        .iter()
        .enumerate()
        .position(|(i, w)| *w == "run" && i > 0 && words[i - 1].contains("memray"))?;
    let mut k = run + 1;
    let mut prefix = None;
    while let Some(w) = words.get(k) {
        match *w {
            "-o" | "--output" | "-p" | "--live-port" => k += 2,
            "-m" | "-c" => {
                prefix = Some(*w);
                k += 1;
            }
            w if w.starts_with('-') => k += 1,
            _ => break,
        }
    }
    let rest = words.get(k..).filter(|r| !r.is_empty())?.join(" ");
    Some(match prefix {
        Some(p) => format!("{p} {rest}"),
        None => rest,
    })
}

fn json_run(file: &str, text: &str, run: &mut Run) -> Result<()> {
    let root: Root = json::from_str(file, text)?;
    let meta = root.metadata;
    let name = meta
        .command_line
        .as_deref()
        .and_then(program)
        .or_else(|| meta.command_line.clone())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| TEXT_NAME.to_string());
    let mut b = Benchmark::new(name);
    if let Some(peak) = meta.peak_memory {
        b.measurements.push(single(peak_memory(), peak as f64));
    }
    b.measurements
        .push(single(allocated_bytes(), root.total_bytes_allocated as f64));
    b.measurements
        .push(single(allocations(), root.total_num_allocations as f64));
    if let Some(c) = meta.command_line {
        b.extra.insert("command_line".into(), Value::String(c));
    }
    if let Some(d) = root.allocator_type_distribution {
        b.extra
            .insert("allocator_type_distribution".into(), Value::Object(d));
    }
    run.time = meta
        .start_time
        .filter(|t| crate::time::parse_rfc3339(t).is_ok());
    let env = &mut run.environment.extra;
    if let Some(a) = meta.python_allocator {
        env.insert("python_allocator".into(), a);
    }
    for (key, flag) in [
        ("has_native_traces", meta.has_native_traces),
        ("trace_python_allocators", meta.trace_python_allocators),
    ] {
        if let Some(f) = flag {
            env.insert(key.into(), f.to_string());
        }
    }
    run.benchmarks.push(b);
    Ok(())
}

/// Whether the text's sizes are 1024-based (memray 1.11's `KB`) rather than decimal (`kB`).
fn binary_sizes(text: &str) -> bool {
    let unit_after_number = |w: &str, unit: &str| {
        w.trim_end_matches(':')
            .strip_suffix(unit)
            .is_some_and(|n| !n.is_empty() && n.parse::<f64>().is_ok())
    };
    let words = || text.split_whitespace();
    if words().any(|w| unit_after_number(w, "KB")) {
        return true;
    }
    if words().any(|w| unit_after_number(w, "kB")) {
        return false;
    }
    !text.contains("Peak memory usage:")
}

fn stats_text(file: &str, text: &str) -> Result<Benchmark> {
    let binary = binary_sizes(text);
    let mut pending: Option<&str> = None;
    let (mut total, mut bytes, mut peak) = (None, None, None);
    for (n, l) in numbered(text) {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(label) = pending.take() {
            match label {
                "Total allocations:" => total = Some(count(file, n, t, "total allocations")?),
                "Total memory allocated:" => {
                    bytes = Some(size(file, n, t, binary, "total memory allocated")?)
                }
                _ => peak = Some(size(file, n, t, binary, "peak memory usage")?),
            }
            continue;
        }
        pending = [
            "Total allocations:",
            "Total memory allocated:",
            "Peak memory usage:",
        ]
        .into_iter()
        .find(|label| t.ends_with(label));
    }
    let missing = |what: &str| {
        Error::parse_line(
            file,
            last_line(text),
            format!("the output ends before the value of `{what}` (truncated file?)"),
        )
    };
    if let Some(label) = pending {
        return Err(missing(label));
    }
    let total = total.ok_or_else(|| missing("Total allocations:"))?;
    let bytes = bytes.ok_or_else(|| missing("Total memory allocated:"))?;
    let mut b = Benchmark::new(TEXT_NAME);
    if let Some(p) = peak {
        b.measurements.push(single(peak_memory(), p));
    }
    b.measurements.push(single(allocated_bytes(), bytes));
    b.measurements.push(single(allocations(), total));
    Ok(b)
}

/// A Python traceback instead of statistics: name the exception line.
fn traceback(file: &str, text: &str) -> Error {
    let (line, last) = numbered(text)
        .filter(|(_, l)| !l.trim().is_empty())
        .last()
        .unwrap_or((1, ""));
    let hint = if text.contains("pre-aggregated") {
        " (a capture made with `memray run --aggregate` has no statistics: capture without \
         --aggregate to use `memray stats --json`)"
    } else {
        ""
    };
    Error::parse_line(
        file,
        line,
        format!(
            "memray failed instead of writing statistics: {}{hint}",
            last.trim()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_skips_memray_and_its_options() {
        let p = |c: &str| program(c);
        assert_eq!(
            p("/v/bin/memray run --force -o out/a.bin alloc_workload.py --n 3").as_deref(),
            Some("alloc_workload.py --n 3")
        );
        assert_eq!(
            p("/v/bin/python3 -m memray run -m pkg.mod").as_deref(),
            Some("-m pkg.mod")
        );
        assert_eq!(p("python script.py run"), None);
        assert_eq!(p("memray run --native"), None);
    }
}
