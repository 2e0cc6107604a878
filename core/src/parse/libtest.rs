//! Rust libtest `#[bench]` output (nightly `cargo bench`; observed: rustc 1.97.0-nightly), and
//! criterion's `--output-format bencher`, which prints the same lines.
//!
//! Text (stdout):
//!
//! ```text
//! running 5 tests
//! test crc_like_64k          ... bench:      76,701.92 ns/iter (+/- 985.53) = 854 MB/s
//! test nested::string_format ... bench:          38.03 ns/iter (+/- 1.57)
//! test Create Realm ... bench:         329 ns/iter (+/- 4)
//! test cmov ... bench:        2835 cycles/iter (+/- 14)
//!
//! test result: ok. 0 passed; 0 failed; 0 ignored; 5 measured; 0 filtered out; finished in 2.29s
//! ```
//!
//! JSON Lines (`-- -Z unstable-options --format json`), one object per line:
//!
//! ```text
//! { "type": "suite", "event": "started", "test_count": 5 }
//! { "type": "bench", "name": "crc_like_64k", "median": 111107.40833333333, "deviation": 67468.57666666666, "mib_per_second": 589 }
//! ```
//!
//! libtest keeps no raw samples: `time` (ns) gets the median alone, and the `(+/- x)` value —
//! max − min of the winsorised samples, not a standard deviation — goes to `extra.range_ns`.
//! `= N MB/s` (and JSON's `mib_per_second`, which despite its name holds the same decimal MB/s)
//! becomes `throughput` in B/s (× 1e6). A unit other than `ns/iter` (criterion with a custom
//! measurement) becomes a metric named after the unit, kind `other`, higher-is-better only when
//! it ends in `/s`; its range goes to `extra.range`.
//!
//! Numbers may carry `,` separators and two decimals (recent nightlies) or none (older ones).
//! Other lines (`running N tests`, `test x ... ok`, cargo's output, criterion's warnings) are
//! skipped; a line that says `... bench:` but does not follow the grammar is an error naming its
//! line, as is a benchmark name seen twice (two bench binaries with the same test name).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::lines::{from_line, numbered, unterminated_last_line};
use super::metrics::{self, median_only};
use super::units::{parse_number, strip_ansi};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Metric, Run};

const MARK: &str = " ... bench:";
const MB: f64 = 1e6;

#[derive(Deserialize)]
struct Head {
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct BenchLine {
    name: String,
    median: f64,
    deviation: Option<f64>,
    mib_per_second: Option<f64>,
}

/// One result, whichever form it came in.
#[derive(Debug)]
struct Entry {
    name: String,
    unit: String,
    median: f64,
    range: Option<f64>,
    mb_per_s: Option<f64>,
}

pub(crate) fn detect(text: &str) -> bool {
    let text = strip_ansi(text);
    let found = numbered(&text).any(|(_, l)| match l.trim_start() {
        l if l.starts_with('{') => {
            l.contains("\"bench\"")
                && match serde_json::from_str::<Head>(l) {
                    Ok(h) => h.kind.as_deref() == Some("bench"),
                    Err(e) => e.is_syntax() || e.is_eof(),
                }
        }
        l => text_line(l).is_some(),
    });
    found
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let text = strip_ansi(text);
    let mut run = Run::new("libtest");
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, l) in numbered(&text) {
        let l = l.trim_start();
        let result = if l.starts_with('{') {
            let head: Head = from_line(file, line, l)?;
            if head.kind.as_deref() != Some("bench") {
                continue;
            }
            let b: BenchLine = from_line(file, line, l)?;
            Entry {
                name: b.name,
                unit: "ns/iter".into(),
                median: b.median,
                range: b.deviation,
                mb_per_s: b.mib_per_second,
            }
        } else {
            match text_line(l) {
                None => {
                    if unterminated_last_line(&text) == Some(line) && l.starts_with("test ") {
                        return Err(Error::parse_line(
                            file,
                            line,
                            "the last line is cut short (truncated file?)",
                        ));
                    }
                    continue;
                }
                Some(r) => r.map_err(|m| Error::parse_line(file, line, m))?,
            }
        };
        if let Some(first) = seen.insert(result.name.clone(), line) {
            return Err(Error::parse_line(
                file,
                line,
                format!(
                    "benchmark '{}' already appeared on line {first} (two bench binaries with the same test name?)",
                    result.name
                ),
            ));
        }
        run.benchmarks.push(benchmark(file, line, result)?);
    }
    if run.benchmarks.is_empty() {
        return Err(Error::parse(
            file,
            "no benchmark results (`test NAME ... bench: …` lines or `\"type\": \"bench\"` messages)",
        ));
    }
    Ok(run)
}

fn benchmark(file: &str, line: u64, r: Entry) -> Result<Benchmark> {
    let bad = |what: &str, v: f64| {
        Error::parse_line(
            file,
            line,
            format!("{what} {v} must be a finite, non-negative number"),
        )
    };
    if !(r.median.is_finite() && r.median >= 0.0) {
        return Err(bad("median", r.median));
    }
    let mut b = Benchmark::new(r.name);
    let (metric, range_key) = if r.unit == "ns/iter" {
        (Metric::time(), "range_ns")
    } else {
        (metrics::custom(&r.unit, &r.unit), "range")
    };
    b.measurements.push(median_only(metric, r.median));
    if let Some(range) = r.range {
        b.extra.insert(range_key.into(), Value::from(range));
    }
    if let Some(mb) = r.mb_per_s {
        if !(mb.is_finite() && mb >= 0.0) {
            return Err(bad("MB/s", mb));
        }
        b.measurements
            .push(median_only(metrics::rate("throughput", "B/s"), mb * MB));
    }
    Ok(b)
}

/// `None` for lines that are not bench results; `Some(Err)` for a `... bench:` line that
/// breaks the grammar `test NAME ... bench: MEDIAN UNIT (+/- RANGE)[ = N MB/s]`.
fn text_line(l: &str) -> Option<std::result::Result<Entry, String>> {
    let body = l.strip_prefix("test ")?;
    let at = body.rfind(MARK)?;
    let name = body[..at].trim();
    let rest = &body[at + MARK.len()..];
    Some(bench_values(name, rest))
}

fn bench_values(name: &str, rest: &str) -> std::result::Result<Entry, String> {
    let grammar = || {
        format!(
            "expected `MEDIAN UNIT (+/- RANGE)[ = N MB/s]` after `bench:`, found '{}'",
            rest.trim()
        )
    };
    if name.is_empty() {
        return Err("a bench line without a name".into());
    }
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let [median, unit, plus_minus, range, tail @ ..] = tokens.as_slice() else {
        return Err(grammar());
    };
    let range = range.strip_suffix(')').ok_or_else(grammar)?;
    if *plus_minus != "(+/-" {
        return Err(grammar());
    }
    let number = |t: &str| parse_number(t).ok_or_else(|| format!("'{t}' is not a number"));
    let mb_per_s = match tail {
        [] => None,
        ["=", n, "MB/s"] => Some(number(n)?),
        _ => return Err(grammar()),
    };
    Ok(Entry {
        name: name.to_string(),
        unit: (*unit).to_string(),
        median: number(median)?,
        range: Some(number(range)?),
        mb_per_s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_grammar() {
        let r = text_line("test a::b ... bench:      76,701.92 ns/iter (+/- 985.53) = 854 MB/s")
            .unwrap()
            .unwrap();
        assert_eq!(
            (r.name.as_str(), r.median, r.range),
            ("a::b", 76701.92, Some(985.53))
        );
        assert_eq!(r.mb_per_s, Some(854.0));
        let r = text_line("test Symbols (Execution) ... bench:        3268 ns/iter (+/- 47)")
            .unwrap()
            .unwrap();
        assert_eq!(r.name, "Symbols (Execution)");
        assert!(text_line("test x ... ok").is_none());
        assert!(text_line("running 5 tests").is_none());
        let e = text_line("test x ... bench: 1.5 ns/iter (+/- 2")
            .unwrap()
            .unwrap_err();
        assert!(e.contains("expected"), "{e}");
        let e = text_line("test x ... bench: 1.x5 ns/iter (+/- 2)")
            .unwrap()
            .unwrap_err();
        assert!(e.contains("'1.x5' is not a number"), "{e}");
    }
}
