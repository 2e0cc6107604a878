//! The two files of a stored run: the summary record (always read) and the raw-sample sidecar
//! (read only when asked), both versioned, one JSON object on one line.
//!
//! ```text
//! runs/3f/3f…c1.json     {"version":1,"added_at":"2026-11-26T15:56:06.057Z",
//!                         "run":{…the Run with "benchmarks":[]…},
//!                         "metrics":[{"name":"time","unit":"ns","kind":"time","direction":"lower-is-better"}],
//!                         "benchmarks":[{"name":"fib/10","group":"fib","m":[[0,30]]},…],
//!                         "summary":"<base64>","samples":3000}
//! samples/3f/3f…c1.json  {"version":1,"run_id":"3f…c1","lengths":[30,30,…],"values":"<base64>"}
//! ```
//!
//! A benchmark's `m` lists its measurements as `[metric index, n]`; `params` and `extra` appear
//! when not empty. `summary` packs, per measurement in order, `mean, median, stddev, min, max,
//! q1, q3` as little-endian f64 in base64 (see `codec`), NaN standing for "absent" (a stored
//! value is always finite). `samples` counts the raw values moved to the sidecar (0: there is
//! none); the sidecar's `lengths` has one entry per measurement, in the same order.
//!
//! Decoding checks everything a hand edit or a torn copy could break (version, id, counts,
//! indexes, the run's invariants) and names the file. Parsing goes fast first and, only on
//! failure, again with field paths for the message.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::codec::{decode_f64s, encode_f64s};
use super::sidecar::encode_sidecar;
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Metric, Run, Summary};

/// Version of the summary record and of the sidecar written by this build.
pub const RECORD_VERSION: u32 = 1;

/// Summary statistics per measurement in the `summary` column.
const STATS: usize = 7;

/// A run encoded for storage.
#[derive(Debug)]
pub(crate) struct Encoded {
    /// The summary record.
    pub record: Vec<u8>,
    /// The raw-sample sidecar, when any measurement has samples.
    pub sidecar: Option<Vec<u8>>,
}

#[derive(Serialize)]
struct BenchOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    params: &'a BTreeMap<String, Value>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    extra: &'a BTreeMap<String, Value>,
    m: Vec<(usize, Option<u64>)>,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    version: u32,
    added_at: &'a str,
    run: Run,
    metrics: Vec<&'a Metric>,
    benchmarks: Vec<BenchOut<'a>>,
    summary: String,
    samples: u64,
}

/// The run without its benchmarks. Written field by field (no `..`), so a field added to `Run`
/// fails to compile here instead of being silently dropped from storage.
fn header(run: &Run) -> Run {
    Run {
        version: run.version,
        id: run.id.clone(),
        time: run.time.clone(),
        commit: run.commit.clone(),
        branch: run.branch.clone(),
        source: run.source.clone(),
        environment: run.environment.clone(),
        benchmarks: Vec::new(),
    }
}

fn summary_values(s: &Summary) -> [f64; STATS] {
    let Summary {
        n: _,
        mean,
        median,
        stddev,
        min,
        max,
        q1,
        q3,
    } = s;
    [*mean, *median, *stddev, *min, *max, *q1, *q3].map(|v| v.unwrap_or(f64::NAN))
}

pub(crate) fn json_bytes<T: Serialize>(value: &T, what: &str) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| Error::input(what, e.to_string()))
}

/// Encode a (validated, finalized) run added at `added_at`.
pub(crate) fn encode(run: &Run, added_at: &str) -> Result<Encoded> {
    let mut metrics: Vec<&Metric> = Vec::new();
    let mut benchmarks = Vec::with_capacity(run.benchmarks.len());
    let mut summary = Vec::new();
    let mut lengths = Vec::new();
    let mut samples = Vec::new();
    for b in &run.benchmarks {
        let Benchmark {
            name,
            group,
            params,
            extra,
            measurements,
        } = b;
        let mut m = Vec::with_capacity(measurements.len());
        for x in measurements {
            let Measurement {
                metric,
                summary: stats,
                samples: raw,
            } = x;
            let index = match metrics.iter().position(|k| *k == metric) {
                Some(i) => i,
                None => {
                    metrics.push(metric);
                    metrics.len() - 1
                }
            };
            m.push((index, stats.n));
            summary.extend_from_slice(&summary_values(stats));
            lengths.push(raw.len());
            samples.extend_from_slice(raw);
        }
        benchmarks.push(BenchOut {
            name,
            group: group.as_deref(),
            params,
            extra,
            m,
        });
    }
    let record = json_bytes(
        &RecordOut {
            version: RECORD_VERSION,
            added_at,
            run: header(run),
            metrics,
            benchmarks,
            summary: encode_f64s(&summary),
            samples: samples.len() as u64,
        },
        "record",
    )?;
    let sidecar = if samples.is_empty() {
        None
    } else {
        Some(encode_sidecar(&run.id, lengths, &samples)?)
    };
    Ok(Encoded { record, sidecar })
}

/// A decoded summary record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    /// When the run was added (RFC 3339, as the caller gave it).
    pub added_at: String,
    /// The run, without samples.
    pub run: Run,
    /// How many raw values the sidecar holds (0: no sidecar).
    pub samples: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BenchIn {
    name: String,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    params: BTreeMap<String, Value>,
    #[serde(default)]
    extra: BTreeMap<String, Value>,
    m: Vec<(usize, Option<u64>)>,
}

/// A record as read: `B` is `Vec<BenchIn>` to decode everything in one pass, or a borrowed
/// `RawValue` to look at the run header before decoding the benchmarks (when filtering).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordIn<'a, B> {
    #[allow(dead_code)] // checked before, by `check_version`
    version: u64,
    added_at: String,
    run: Run,
    metrics: Vec<Metric>,
    benchmarks: B,
    summary: &'a str,
    samples: u64,
}

/// The same shape with every part typed: parsed only to explain a failure, with field paths.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read only for its errors
struct RecordTyped {
    version: u64,
    added_at: String,
    run: Run,
    metrics: Vec<Metric>,
    benchmarks: Vec<BenchIn>,
    summary: String,
    samples: u64,
}

/// Refuse a newer version before looking at anything else. Records begin with `{"version":N`,
/// read without parsing the rest; anything else is probed with serde.
pub(crate) fn check_version(file: &str, bytes: &[u8], what: &str) -> Result<()> {
    let fast = bytes.strip_prefix(b"{\"version\":").and_then(|rest| {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let end = rest.get(digits).copied();
        (digits > 0 && matches!(end, Some(b',') | Some(b'}')))
            .then(|| {
                std::str::from_utf8(&rest[..digits])
                    .ok()?
                    .parse::<u64>()
                    .ok()
            })
            .flatten()
    });
    let version = match fast {
        Some(v) => v,
        None => {
            #[derive(Deserialize)]
            struct Probe {
                version: Option<u64>,
            }
            let probe: Probe = serde_json::from_slice(bytes).map_err(|e| detailed(file, e))?;
            probe
                .version
                .ok_or_else(|| Error::parse_field(file, "version", "missing `version`"))?
        }
    };
    if version > u64::from(RECORD_VERSION) {
        return Err(Error::UnsupportedVersion {
            file: file.to_string(),
            what: what.to_string(),
            found: version,
            supported: RECORD_VERSION.into(),
        });
    }
    Ok(())
}

pub(crate) fn detailed(file: &str, e: serde_json::Error) -> Error {
    crate::error::json_error(file, &e)
}

/// The error of `bytes` parsed as `T` with field paths, or `fallback` if that parse succeeds.
fn explain<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8], fallback: Error) -> Error {
    let text = match crate::parse::json::utf8(file, bytes) {
        Ok(t) => t,
        Err(e) => return e,
    };
    match crate::parse::json::from_str::<T>(file, text) {
        Ok(_) => fallback,
        Err(e) => e,
    }
}

/// Sees a run header and its `added_at`; says whether to decode the rest.
pub(crate) type Keep<'a> = &'a dyn Fn(&Run, &str) -> bool;

fn check_header(file: &str, id: &str, run: &Run, added_at: &str) -> Result<()> {
    if run.id != id {
        return Err(Error::parse_field(
            file,
            "run.id",
            format!("holds run '{}' but its name says '{id}'", run.id),
        ));
    }
    if run.version > crate::model::RUN_VERSION {
        return Err(Error::UnsupportedVersion {
            file: file.to_string(),
            what: "run".into(),
            found: run.version.into(),
            supported: crate::model::RUN_VERSION.into(),
        });
    }
    if !run.benchmarks.is_empty() {
        return Err(Error::parse_field(
            file,
            "run.benchmarks",
            "must be empty (benchmarks are stored in `benchmarks`)",
        ));
    }
    crate::time::parse_rfc3339(added_at).map_err(|m| Error::parse_field(file, "added_at", m))?;
    Ok(())
}

/// Decode the record at `file` (whose name says the run is `id`). `keep`, when given, sees the
/// run header and `added_at` before the benchmarks are decoded; `Ok(None)` when it says no.
pub(crate) fn decode(
    file: &str,
    id: &str,
    bytes: &[u8],
    keep: Option<Keep>,
) -> Result<Option<Decoded>> {
    check_version(file, bytes, "history record")?;
    let fail = |e| explain::<RecordTyped>(file, bytes, detailed(file, e));
    let rec: RecordIn<Vec<BenchIn>> = match keep {
        // One pass: with the reused read buffer of `load.rs`, 7 % less CPU than two passes
        // (0.81 s against 0.87 s per load of the `benches/history.rs` history, mean of 15).
        None => {
            let rec: RecordIn<Vec<BenchIn>> = serde_json::from_slice(bytes).map_err(fail)?;
            check_header(file, id, &rec.run, &rec.added_at)?;
            rec
        }
        Some(keep) => {
            let raw: RecordIn<&RawValue> = serde_json::from_slice(bytes).map_err(fail)?;
            check_header(file, id, &raw.run, &raw.added_at)?;
            if !keep(&raw.run, &raw.added_at) {
                return Ok(None);
            }
            let benchmarks = serde_json::from_str(raw.benchmarks.get()).map_err(fail)?;
            RecordIn {
                version: raw.version,
                added_at: raw.added_at,
                run: raw.run,
                metrics: raw.metrics,
                benchmarks,
                summary: raw.summary,
                samples: raw.samples,
            }
        }
    };
    let benches = rec.benchmarks;
    let values = decode_f64s(rec.summary).map_err(|m| Error::parse_field(file, "summary", m))?;
    let count: usize = benches.iter().map(|b| b.m.len()).sum();
    if values.len() != count * STATS {
        return Err(Error::parse_field(
            file,
            "summary",
            format!(
                "holds {} values; {count} measurements need {}",
                values.len(),
                count * STATS
            ),
        ));
    }
    let mut run = rec.run;
    let mut stats = values.chunks_exact(STATS);
    run.benchmarks.reserve(benches.len());
    for (i, b) in benches.into_iter().enumerate() {
        let mut measurements = Vec::with_capacity(b.m.len());
        for (j, (index, n)) in b.m.into_iter().enumerate() {
            let metric = rec.metrics.get(index).ok_or_else(|| {
                Error::parse_field(
                    file,
                    format!("benchmarks[{i}].m[{j}]"),
                    format!(
                        "metric index {index} but only {} metrics",
                        rec.metrics.len()
                    ),
                )
            })?;
            let mut v = [None; STATS];
            for (slot, x) in v.iter_mut().zip(stats.next().unwrap_or(&[])) {
                *slot = (!x.is_nan()).then_some(*x);
            }
            measurements.push(Measurement {
                metric: metric.clone(),
                summary: Summary {
                    n,
                    mean: v[0],
                    median: v[1],
                    stddev: v[2],
                    min: v[3],
                    max: v[4],
                    q1: v[5],
                    q3: v[6],
                },
                samples: Vec::new(),
            });
        }
        run.benchmarks.push(Benchmark {
            name: b.name,
            group: b.group,
            params: b.params,
            extra: b.extra,
            measurements,
        });
    }
    super::check::validate(&run, file)?;
    Ok(Some(Decoded {
        added_at: rec.added_at,
        run,
        samples: rec.samples,
    }))
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
