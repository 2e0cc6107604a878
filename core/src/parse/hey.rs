//! hey (0.1.4): the text summary, and the per-request rows of `-o csv`.
//!
//! ```text
//! Summary:
//!   Total:    1.0645 secs
//!   Slowest:    1.0195 secs
//!   Fastest:    0.0003 secs
//!   Average:    0.0078 secs
//!   Requests/sec:    375.7526
//!   Total data:    730800 bytes
//! Latency distribution:
//!   10% in 0.0007 secs
//!   99% in 0.0214 secs
//! Status code distribution:
//!   [200]    400 responses
//! Error distribution:
//!   [40]    Get "http://127.0.0.1:18082/sleep": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
//!
//! response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset
//! 0.0016,0.0008,0.0000,0.0000,0.0006,0.0001,200,0.0002
//! ```
//!
//! (hey writes a TAB after each label; shown here as spaces.)
//!
//! hey prints no URL, so the one benchmark of a file is named `requests`: two hey runs against
//! the same target then compare by name. From the summary: `latency` (mean `Average`, min
//! `Fastest`, max `Slowest`; no run count, so comparisons use the threshold alone), one
//! `latency_pNN` per `Latency distribution` line, `latency_max` (`Slowest`), `requests_per_second`,
//! `errors` (the total of `Error distribution`, only when hey printed it) and `non_2xx_responses`
//! (statuses outside 200–399, only when there are any). When nothing succeeded hey prints
//! `Average:\t NaN secs`: the latency metrics are then left out. The histogram and the `Details`
//! section are not read; totals and the status and error distributions go to `extra`.
//!
//! The CSV has one row per successful request and no summary: `latency` gets one sample per row
//! (`response-time`, seconds → ns) and nothing else is derived (a request rate would need the
//! run's wall time, which the file does not hold); status codes are only counted in `extra`.
//! Cost: linear in the file.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::lines::{after, count, duration, last_line, number, numbered, Ends};
use super::units::strip_ansi;
use super::vocabulary::{
    errors, latency, latency_max, latency_percentile, non_2xx_responses, requests_per_second,
    single,
};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Run, Summary};

/// The benchmark name of every hey file.
const NAME: &str = "requests";

const CSV_HEADER: &str =
    "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset";

fn is_csv(ends: &Ends<'_>) -> bool {
    ends.first_line().starts_with("response-time,DNS+dialup,")
}

pub(crate) fn detect(text: &str) -> bool {
    let ends = Ends::of(text);
    if is_csv(&ends) {
        return true;
    }
    ends.head().lines().take(5).any(|l| l.trim() == "Summary:")
        && (ends.contains("Total:\t") || ends.contains("Requests/sec:"))
        && !ends.contains("Thread Stats")
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let mut run = Run::new("hey");
    run.benchmarks.push(if is_csv(&Ends::of(text)) {
        csv(file, text)?
    } else {
        summary(file, &strip_ansi(text))?
    });
    Ok(run)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Summary,
    Histogram,
    Percentiles,
    Details,
    Status,
    Errors,
}

fn section(line: &str) -> Option<Section> {
    Some(match line {
        "Summary:" => Section::Summary,
        "Response time histogram:" => Section::Histogram,
        "Latency distribution:" => Section::Percentiles,
        "Details (average, fastest, slowest):" => Section::Details,
        "Status code distribution:" => Section::Status,
        "Error distribution:" => Section::Errors,
        _ => return None,
    })
}

/// A duration hey may print as ` NaN secs` (nothing to average): `None` then.
fn maybe_duration(file: &str, line: u64, text: &str, what: &str) -> Result<Option<f64>> {
    if text.trim_start().starts_with("NaN") {
        return Ok(None);
    }
    duration(file, line, text, what).map(Some)
}

/// `[code]\tcount…` → (code, count text).
fn bracketed(file: &str, line: u64, t: &str) -> Result<(String, String)> {
    t.strip_prefix('[')
        .and_then(|s| s.split_once(']'))
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .ok_or_else(|| Error::parse_line(file, line, format!("expected `[…] …`, found '{t}'")))
}

#[derive(Default)]
struct Totals {
    fields: BTreeMap<&'static str, Option<f64>>,
    percentiles: Vec<(String, f64)>,
    statuses: BTreeMap<String, u64>,
    errors: Option<(u64, BTreeMap<String, u64>)>,
}

fn summary(file: &str, text: &str) -> Result<Benchmark> {
    let mut at = Section::None;
    let mut seen_status = false;
    let mut t = Totals::default();
    for (n, l) in numbered(text) {
        let line = l.trim();
        if let Some(s) = section(line) {
            at = s;
            seen_status |= s == Section::Status;
            if s == Section::Errors {
                t.errors = Some((0, BTreeMap::new()));
            }
            continue;
        }
        if line.is_empty() {
            continue;
        }
        match at {
            Section::Summary => {
                for (key, label) in [
                    ("total", "Total:"),
                    ("slowest", "Slowest:"),
                    ("fastest", "Fastest:"),
                    ("average", "Average:"),
                ] {
                    if let Some(v) = after(line, label) {
                        let what = label.trim_end_matches(':');
                        t.fields.insert(key, maybe_duration(file, n, v, what)?);
                    }
                }
                if let Some(v) = after(line, "Requests/sec:") {
                    t.fields
                        .insert("rps", Some(number(file, n, v, "Requests/sec")?));
                }
                for (key, label) in [("data", "Total data:"), ("size", "Size/request:")] {
                    if let Some(v) = after(line, label) {
                        let v = v.strip_suffix("bytes").unwrap_or(v);
                        let what = label.trim_end_matches(':');
                        t.fields.insert(key, Some(count(file, n, v, what)?));
                    }
                }
            }
            Section::Percentiles => {
                let (pct, value) = line.split_once("% in ").ok_or_else(|| {
                    Error::parse_line(file, n, format!("expected `NN% in T secs`, found '{line}'"))
                })?;
                number(file, n, pct, "percentile")?;
                let v = duration(file, n, value, &format!("latency at {pct}%"))?;
                t.percentiles.push((pct.trim().to_string(), v));
            }
            Section::Status => {
                let (code, rest) = bracketed(file, n, line)?;
                let num = rest.strip_suffix("responses").unwrap_or(&rest);
                let c = count(file, n, num, &format!("responses with status {code}"))?;
                t.statuses.insert(code, c as u64);
            }
            Section::Errors => {
                let (num, message) = bracketed(file, n, line)?;
                let c = count(file, n, &num, "error count")? as u64;
                if let Some((total, by)) = &mut t.errors {
                    *total += c;
                    *by.entry(message).or_default() += c;
                }
            }
            Section::None | Section::Histogram | Section::Details => {}
        }
    }
    let field = |k: &str| t.fields.get(k).copied().flatten();
    let missing = |what: &str| {
        Error::parse_line(
            file,
            last_line(text),
            format!("the output ends before hey's `{what}` (truncated file?)"),
        )
    };
    let rps = field("rps").ok_or_else(|| missing("Requests/sec:"))?;
    if !t.fields.contains_key("average") {
        return Err(missing("Average:"));
    }
    if !seen_status {
        return Err(missing("Status code distribution:"));
    }
    let mut b = Benchmark::new(NAME);
    if let Some(avg) = field("average") {
        b.measurements.push(Measurement {
            metric: latency(),
            summary: Summary {
                mean: Some(avg),
                min: field("fastest"),
                max: field("slowest"),
                ..Summary::default()
            },
            samples: Vec::new(),
        });
        for (label, v) in &t.percentiles {
            b.measurements.push(single(latency_percentile(label), *v));
        }
        if let Some(max) = field("slowest") {
            b.measurements.push(single(latency_max(), max));
        }
    }
    b.measurements.push(single(requests_per_second(), rps));
    if let Some((total, by)) = &t.errors {
        b.measurements.push(single(errors(), *total as f64));
        b.extra.insert("error_distribution".into(), json!(by));
    }
    add_statuses(&mut b, &t.statuses);
    for (key, name) in [
        ("total", "total_ns"),
        ("data", "total_data_bytes"),
        ("size", "size_per_request_bytes"),
    ] {
        if let Some(v) = field(key) {
            b.extra.insert(name.into(), json!(v));
        }
    }
    Ok(b)
}

/// `non_2xx_responses` (outside 200–399, when any) and the status counts in `extra`.
fn add_statuses(b: &mut Benchmark, statuses: &BTreeMap<String, u64>) {
    let bad: u64 = statuses
        .iter()
        .filter(|(code, _)| !code.parse::<u16>().is_ok_and(|c| (200..400).contains(&c)))
        .map(|(_, n)| n)
        .sum();
    if bad > 0 {
        b.measurements.push(single(non_2xx_responses(), bad as f64));
    }
    if !statuses.is_empty() {
        b.extra.insert("status_codes".into(), json!(statuses));
    }
}

fn csv(file: &str, text: &str) -> Result<Benchmark> {
    let mut rows = numbered(text).filter(|(_, l)| !l.trim().is_empty());
    let header = rows.next().map(|(_, l)| l.trim()).unwrap_or_default();
    let width = header.split(',').count();
    if !header.starts_with(CSV_HEADER) {
        return Err(Error::parse_line(
            file,
            1,
            format!("expected hey's CSV header `{CSV_HEADER}`"),
        ));
    }
    let mut samples = Vec::new();
    let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
    for (n, l) in rows {
        let cells: Vec<&str> = l.split(',').collect();
        if cells.len() != width {
            return Err(Error::parse_line(
                file,
                n,
                format!(
                    "the row has {} fields but the header has {width} (truncated file?)",
                    cells.len()
                ),
            ));
        }
        let secs = number(file, n, cells[0], "response-time")?;
        if secs < 0.0 {
            return Err(Error::parse_line(file, n, "response-time is negative"));
        }
        samples.push(secs * 1e9);
        let code = cells[6].trim();
        count(file, n, code, "status-code")?;
        *statuses.entry(code.to_string()).or_default() += 1;
    }
    if samples.is_empty() {
        return Err(Error::parse_line(
            file,
            2,
            "no request rows after the header: hey recorded no successful request",
        ));
    }
    let mut b = Benchmark::new(NAME);
    b.measurements
        .push(Measurement::from_samples(latency(), samples));
    b.extra.insert("status_codes".into(), json!(statuses));
    b.extra.insert(
        "requests".into(),
        Value::from(b.measurements[0].samples.len()),
    );
    Ok(b)
}
