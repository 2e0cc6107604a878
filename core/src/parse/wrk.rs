//! wrk (4.1) text output, with or without `--latency`.
//!
//! ```text
//! Running 3s test @ http://127.0.0.1:18080/index.html
//!   2 threads and 8 connections
//!   Thread Stats   Avg      Stdev     Max   +/- Stdev
//!     Latency     5.67ms    3.89ms  41.64ms   85.84%
//!     Req/Sec   549.23    189.38     1.02k    66.67%
//!   Latency Distribution
//!      50%    4.62ms
//!      99%   20.10ms
//!   3303 requests in 3.03s, 6.34MB read
//!   Socket errors: connect 0, read 0, write 0, timeout 4
//!   Non-2xx or 3xx responses: 3092
//! Requests/sec:   1090.49
//! Transfer/sec:      2.09MB
//! ```
//!
//! One benchmark per file, named `<url> (<threads> threads, <connections> connections)`, with
//! `params` `url`, `threads`, `connections` and `duration` (as written, `3s`). Metrics:
//! `latency` (mean, stddev and max of the `Latency` row; no run count, because requests of one
//! load test are not independent samples, so comparisons use the threshold alone), one
//! `latency_pNN` per `Latency Distribution` line, `latency_max`, `requests_per_second` (the
//! total `Requests/sec:`), `transfer_per_second` (byte units are 1024-based: `2.09MB` is
//! 2.09·1024² B/s), and, only when wrk printed their lines, `errors` (connect + read + write +
//! timeout) and `non_2xx_responses`. When no request completed wrk prints `0.00us` and `-nan%`:
//! the latency metrics are then left out rather than reported as zero. The per-thread `Req/Sec`
//! row (`0.89k` = 890), the request count, elapsed time, bytes read and the socket error split go
//! to `extra`. Reading stops after `Transfer/sec:` (a Lua `done()` may print anything after it).
//! Cost: linear in the file.

use serde_json::{json, Value};

use super::lines::{after, count, duration, last_line, number, numbered, size, Ends};
use super::units::strip_ansi;
use super::vocabulary::{
    errors, latency, latency_max, latency_percentile, non_2xx_responses, requests_per_second,
    single, transfer_per_second,
};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Run, Summary};

pub(crate) fn detect(text: &str) -> bool {
    let ends = Ends::of(text);
    ends.head()
        .lines()
        .take(20)
        .any(|l| l.trim_start().starts_with("Running ") && l.contains(" test @ "))
        || (ends.contains("Thread Stats") && ends.contains("Requests/sec:"))
}

/// The `Latency` row: avg, stdev, max, and whether wrk had any sample (`-nan%` when not).
struct LatencyRow {
    avg: f64,
    stdev: f64,
    max: f64,
    has_samples: bool,
}

#[derive(Default)]
struct Report {
    url: Option<(String, String)>,
    threads: Option<(f64, f64)>,
    latency: Option<LatencyRow>,
    thread_rps: Option<Value>,
    percentiles: Vec<(String, f64)>,
    totals: Option<(f64, f64, f64)>,
    socket_errors: Option<[f64; 4]>,
    non_2xx: Option<f64>,
    rps: Option<f64>,
    tps: Option<f64>,
}

/// A number with wrk's metric suffix: `566.98`, `0.89k`, `1.2M`.
fn metric_number(file: &str, line: u64, text: &str, what: &str) -> Result<f64> {
    let (digits, scale) = match text.chars().last() {
        Some('k') => (&text[..text.len() - 1], 1e3),
        Some('M') => (&text[..text.len() - 1], 1e6),
        Some('G') => (&text[..text.len() - 1], 1e9),
        _ => (text, 1.0),
    };
    Ok(number(file, line, digits, what)? * scale)
}

/// The four columns after the label of a Thread Stats row.
fn columns<'a>(file: &str, line: u64, rest: &'a str, what: &str) -> Result<[&'a str; 4]> {
    let cols: Vec<&str> = rest.split_whitespace().collect();
    <[&str; 4]>::try_from(cols).map_err(|c| {
        Error::parse_line(
            file,
            line,
            format!(
                "{what}: expected Avg, Stdev, Max and +/- Stdev, found {} values",
                c.len()
            ),
        )
    })
}

fn read_line(file: &str, n: u64, t: &str, r: &mut Report, in_dist: &mut bool) -> Result<()> {
    if let Some(rest) = t.strip_prefix("Running ") {
        let (dur, url) = rest.split_once(" test @ ").ok_or_else(|| {
            Error::parse_line(file, n, "expected `Running <duration> test @ <url>`")
        })?;
        r.url = Some((url.trim().to_string(), dur.trim().to_string()));
    } else if let Some((th, conn)) = t
        .strip_suffix(" connections")
        .and_then(|s| s.split_once(" threads and "))
    {
        r.threads = Some((
            count(file, n, th, "threads")?,
            count(file, n, conn, "connections")?,
        ));
    } else if t == "Latency Distribution" {
        *in_dist = true;
    } else if let Some(rest) = t.strip_prefix("Latency ") {
        let [avg, sd, max, within] = columns(file, n, rest, "Latency")?;
        r.latency = Some(LatencyRow {
            avg: duration(file, n, avg, "latency Avg")?,
            stdev: duration(file, n, sd, "latency Stdev")?,
            max: duration(file, n, max, "latency Max")?,
            has_samples: !within.to_ascii_lowercase().contains("nan"),
        });
    } else if let Some(rest) = t.strip_prefix("Req/Sec ") {
        let [avg, sd, max, _] = columns(file, n, rest, "Req/Sec")?;
        if [avg, sd, max]
            .iter()
            .any(|v| v.to_ascii_lowercase().contains("nan"))
        {
            return Ok(()); // no per-thread figures to keep
        }
        r.thread_rps = Some(json!({
            "avg": metric_number(file, n, avg, "Req/Sec Avg")?,
            "stdev": metric_number(file, n, sd, "Req/Sec Stdev")?,
            "max": metric_number(file, n, max, "Req/Sec Max")?,
        }));
    } else if let (true, Some((pct, value))) = (*in_dist, t.split_once('%')) {
        let label = pct.trim();
        number(file, n, label, "percentile")?;
        let v = duration(file, n, value, &format!("latency at {label}%"))?;
        r.percentiles.push((label.to_string(), v));
    } else if let Some((reqs, rest)) = t.split_once(" requests in ") {
        *in_dist = false;
        let (elapsed, read) = rest
            .split_once(',')
            .ok_or_else(|| Error::parse_line(file, n, "expected `N requests in T, S read`"))?;
        let read = read.trim().strip_suffix("read").unwrap_or(read);
        r.totals = Some((
            count(file, n, reqs, "requests")?,
            duration(file, n, elapsed, "elapsed time")?,
            size(file, n, read, true, "bytes read")?,
        ));
    } else if let Some(rest) = after(t, "Socket errors:") {
        let mut parts = [0.0; 4];
        for (slot, name) in parts
            .iter_mut()
            .zip(["connect", "read", "write", "timeout"])
        {
            let v = rest
                .split(',')
                .find_map(|p| after(p, name))
                .ok_or_else(|| Error::parse_line(file, n, format!("no `{name}` count")))?;
            *slot = count(file, n, v, &format!("{name} errors"))?;
        }
        r.socket_errors = Some(parts);
    } else if let Some(rest) = after(t, "Non-2xx or 3xx responses:") {
        r.non_2xx = Some(count(file, n, rest, "non-2xx responses")?);
    } else if let Some(rest) = after(t, "Requests/sec:") {
        r.rps = Some(number(file, n, rest, "Requests/sec")?);
    } else if let Some(rest) = after(t, "Transfer/sec:") {
        r.tps = Some(size(file, n, rest, true, "Transfer/sec")?);
    }
    Ok(())
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let clean = strip_ansi(text);
    let mut r = Report::default();
    let mut in_dist = false;
    for (n, l) in numbered(&clean) {
        read_line(file, n, l.trim(), &mut r, &mut in_dist)?;
        if r.tps.is_some() {
            break;
        }
    }
    let end = last_line(&clean);
    let missing = |what: &str| {
        Error::parse_line(
            file,
            end,
            format!("the output ends before wrk's `{what}` line (truncated file?)"),
        )
    };
    let (url, dur) = r.url.ok_or_else(|| missing("Running … test @ <url>"))?;
    let (threads, connections) = r
        .threads
        .ok_or_else(|| missing("N threads and M connections"))?;
    let lat = r.latency.ok_or_else(|| missing("Latency"))?;
    let (requests, elapsed, read) = r.totals.ok_or_else(|| missing("N requests in"))?;
    let rps = r.rps.ok_or_else(|| missing("Requests/sec:"))?;
    let tps = r.tps.ok_or_else(|| missing("Transfer/sec:"))?;

    let mut b = Benchmark::new(format!(
        "{url} ({threads} threads, {connections} connections)"
    ));
    b.params.insert("url".into(), json!(url));
    b.params.insert("threads".into(), json!(threads as u64));
    b.params
        .insert("connections".into(), json!(connections as u64));
    b.params.insert("duration".into(), json!(dur));
    if lat.has_samples {
        b.measurements.push(Measurement {
            metric: latency(),
            summary: Summary {
                mean: Some(lat.avg),
                stddev: Some(lat.stdev),
                max: Some(lat.max),
                ..Summary::default()
            },
            samples: Vec::new(),
        });
        for (label, v) in &r.percentiles {
            b.measurements.push(single(latency_percentile(label), *v));
        }
        b.measurements.push(single(latency_max(), lat.max));
    }
    b.measurements.push(single(requests_per_second(), rps));
    b.measurements.push(single(transfer_per_second(), tps));
    if let Some(parts) = r.socket_errors {
        b.measurements.push(single(errors(), parts.iter().sum()));
        let [connect, read, write, timeout] = parts;
        b.extra.insert(
            "socket_errors".into(),
            json!({
                "connect": connect as u64,
                "read": read as u64,
                "write": write as u64,
                "timeout": timeout as u64,
            }),
        );
    }
    if let Some(v) = r.non_2xx {
        b.measurements.push(single(non_2xx_responses(), v));
    }
    b.extra.insert("requests".into(), json!(requests as u64));
    b.extra.insert("elapsed_ns".into(), json!(elapsed));
    b.extra.insert("bytes_read".into(), json!(read));
    if let Some(v) = r.thread_rps {
        b.extra.insert("requests_per_second_per_thread".into(), v);
    }
    let mut run = Run::new("wrk");
    run.benchmarks.push(b);
    Ok(run)
}
