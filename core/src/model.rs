//! The normalized data model: what every parser produces and every operation consumes.
//!
//! A [`Run`] is one execution of a benchmark suite: where and when it ran ([`Environment`],
//! commit, branch, time), and its [`Benchmark`]s. Each benchmark has one [`Measurement`] per
//! [`Metric`] (time, throughput, memory, …) holding summary statistics and, whenever the tool
//! wrote them, the raw per-iteration samples.
//!
//! Units are canonical so that runs from different tools compare: time in nanoseconds (`ns`),
//! memory in bytes (`B`), throughput per second (`B/s`, `elem/s`, `req/s`, `ops/s`).
//!
//! Persisted shapes carry `"version"`; [`Run::from_json`] refuses a newer one with
//! [`Error::UnsupportedVersion`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{json_error, Error, Result};

/// Version of the [`Run`] shape written by this build.
pub const RUN_VERSION: u32 = 1;

/// One execution of a benchmark suite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Shape version, [`RUN_VERSION`].
    pub version: u32,
    /// Content hash of everything below (see [`Run::compute_id`]): the same results give the
    /// same id, so adding a run twice to a history is a no-op.
    pub id: String,
    /// When the run happened (RFC 3339), if the tool or the caller recorded it.
    pub time: Option<String>,
    /// Commit the run measured.
    pub commit: Option<String>,
    /// Branch the run measured.
    pub branch: Option<String>,
    /// Which tool wrote the results, and from where they were read.
    pub source: Source,
    /// The machine and runtime, as far as the tool recorded them.
    pub environment: Environment,
    /// The results, in the tool's order.
    pub benchmarks: Vec<Benchmark>,
}

/// Where a run's results came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Source {
    /// The tool format, e.g. `criterion`, `pytest-benchmark`.
    pub format: String,
    /// The tool's version, when the output says it.
    pub tool_version: Option<String>,
    /// The file or directory read (as given by the caller).
    pub path: Option<String>,
    /// For criterion trees: which baseline (`new`, `base`, `main`, …) was read.
    pub baseline: Option<String>,
}

/// The machine and runtime a run executed on: only what the tool recorded.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Environment {
    /// Host name.
    pub machine: Option<String>,
    /// CPU model, e.g. `AMD EPYC`.
    pub cpu: Option<String>,
    /// Logical CPU count.
    pub cpu_count: Option<u32>,
    /// Architecture, e.g. `x86_64`.
    pub arch: Option<String>,
    /// Operating system and release, e.g. `Linux 6.1.0`.
    pub os: Option<String>,
    /// Language runtime, e.g. `CPython 3.11.7`, `rustc 1.95.0`, `go1.19.8`.
    pub runtime: Option<String>,
    /// Anything else the tool recorded that identifies the environment.
    pub extra: BTreeMap<String, String>,
}

impl Environment {
    /// The fields that make two environments comparable, as (name, value) pairs. The host name
    /// is left out on purpose: CI runners get a new one on every job.
    pub fn identity(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("cpu", self.cpu.as_deref()),
            ("arch", self.arch.as_deref()),
            ("os", self.os.as_deref()),
            ("runtime", self.runtime.as_deref()),
        ]
    }

    /// A short stable fingerprint of [`Environment::identity`] (hex), for filtering histories.
    pub fn fingerprint(&self) -> String {
        let mut text = String::new();
        for (k, v) in self.identity() {
            text.push_str(k);
            text.push('=');
            text.push_str(v.unwrap_or(""));
            text.push('\n');
        }
        if let Some(n) = self.cpu_count {
            text.push_str(&format!("cpu_count={n}\n"));
        }
        let h = fnv1a_128(text.as_bytes());
        format!("{:016x}", (h >> 64) as u64)
    }

    /// Differences in identity between two environments where both sides recorded a value.
    pub fn differences(&self, other: &Environment) -> Vec<String> {
        let mut out = Vec::new();
        for ((k, a), (_, b)) in self.identity().into_iter().zip(other.identity()) {
            if let (Some(a), Some(b)) = (a, b) {
                if a != b {
                    out.push(format!("{k} '{a}' vs '{b}'"));
                }
            }
        }
        if let (Some(a), Some(b)) = (self.cpu_count, other.cpu_count) {
            if a != b {
                out.push(format!("cpu_count {a} vs {b}"));
            }
        }
        out
    }
}

/// One benchmark of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Benchmark {
    /// Stable full name, unique within the run (criterion `full_id`, pytest `fullname`, …).
    pub name: String,
    /// The group the tool put it in, if any.
    pub group: Option<String>,
    /// Parameters, typed as the tool wrote them.
    pub params: BTreeMap<String, Value>,
    /// Free-form data the tool or the user attached (pytest `extra_info`, criterion throughput).
    pub extra: BTreeMap<String, Value>,
    /// One entry per metric.
    pub measurements: Vec<Measurement>,
}

impl Benchmark {
    /// A benchmark with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        Benchmark {
            name: name.into(),
            group: None,
            params: BTreeMap::new(),
            extra: BTreeMap::new(),
            measurements: Vec::new(),
        }
    }

    /// The measurement of the metric named `metric`.
    pub fn measurement(&self, metric: &str) -> Option<&Measurement> {
        self.measurements.iter().find(|m| m.metric.name == metric)
    }
}

/// What a measurement measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Metric {
    /// Name, unique within a benchmark: `time`, `throughput`, `peak_memory`, `allocations`, …
    pub name: String,
    /// Canonical unit: `ns`, `B`, `B/s`, `elem/s`, `req/s`, `ops/s`, `allocs`, `count`, …
    pub unit: String,
    /// Broad kind, used for display and defaults.
    pub kind: MetricKind,
    /// Whether smaller or larger values are better.
    pub direction: Direction,
}

impl Metric {
    /// Wall-clock time per iteration in nanoseconds, lower is better.
    pub fn time() -> Self {
        Metric {
            name: "time".into(),
            unit: "ns".into(),
            kind: MetricKind::Time,
            direction: Direction::LowerIsBetter,
        }
    }

    /// A throughput metric (`unit` per second), higher is better.
    pub fn throughput(unit: &str) -> Self {
        Metric {
            name: "throughput".into(),
            unit: unit.into(),
            kind: MetricKind::Throughput,
            direction: Direction::HigherIsBetter,
        }
    }
}

/// Broad kind of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    /// Durations.
    Time,
    /// Work per unit of time.
    Throughput,
    /// Bytes of memory.
    Memory,
    /// Counts of events (allocations, errors, …).
    Count,
    /// Anything else (user metrics).
    Other,
}

/// Which way is better for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Smaller values are better (time, memory, errors).
    LowerIsBetter,
    /// Larger values are better (throughput).
    HigherIsBetter,
}

impl Direction {
    /// +1 when an increase is worse, −1 when an increase is better.
    pub fn worse_sign(self) -> f64 {
        match self {
            Direction::LowerIsBetter => 1.0,
            Direction::HigherIsBetter => -1.0,
        }
    }
}

/// The values of one metric of one benchmark in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// What was measured.
    pub metric: Metric,
    /// Summary statistics, as the tool computed them or derived from the samples.
    pub summary: Summary,
    /// Raw per-iteration values in the metric's unit; empty when the tool kept none.
    pub samples: Vec<f64>,
}

/// Summary statistics of a measurement. Any of them may be absent when the tool did not write
/// it. All are in the metric's unit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Number of samples (rounds, runs, repetitions) the statistics describe.
    pub n: Option<u64>,
    /// Arithmetic mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Sample standard deviation.
    pub stddev: Option<f64>,
    /// Smallest value.
    pub min: Option<f64>,
    /// Largest value.
    pub max: Option<f64>,
    /// First quartile.
    pub q1: Option<f64>,
    /// Third quartile.
    pub q3: Option<f64>,
}

impl Summary {
    /// A summary of one value (a tool that reports a single number, e.g. peak memory).
    pub fn single(value: f64) -> Self {
        Summary {
            n: Some(1),
            mean: Some(value),
            median: Some(value),
            stddev: None,
            min: Some(value),
            max: Some(value),
            q1: None,
            q3: None,
        }
    }
}

impl Run {
    /// An empty run from `format`, to be filled by a parser and then [`Run::finalize`]d.
    pub fn new(format: &str) -> Self {
        Run {
            version: RUN_VERSION,
            id: String::new(),
            time: None,
            commit: None,
            branch: None,
            source: Source {
                format: format.to_string(),
                ..Source::default()
            },
            environment: Environment::default(),
            benchmarks: Vec::new(),
        }
    }

    /// The content hash: FNV-1a 128 over the canonical JSON of the run without its id, its
    /// `source.path` (the same results read from another place are the same run) and its raw
    /// samples, followed by the bits of every sample in order (hashing bits instead of
    /// formatting hundreds of thousands of floats as text keeps this cheap).
    pub fn compute_id(&self) -> String {
        #[derive(Serialize)]
        struct IdView<'a> {
            version: u32,
            time: &'a Option<String>,
            commit: &'a Option<String>,
            branch: &'a Option<String>,
            format: &'a str,
            tool_version: &'a Option<String>,
            baseline: &'a Option<String>,
            environment: &'a Environment,
            benchmarks: Vec<BenchView<'a>>,
        }
        #[derive(Serialize)]
        struct BenchView<'a> {
            name: &'a str,
            group: &'a Option<String>,
            params: &'a BTreeMap<String, Value>,
            extra: &'a BTreeMap<String, Value>,
            measurements: Vec<(&'a Metric, &'a Summary, usize)>,
        }
        let view = IdView {
            version: self.version,
            time: &self.time,
            commit: &self.commit,
            branch: &self.branch,
            format: &self.source.format,
            tool_version: &self.source.tool_version,
            baseline: &self.source.baseline,
            environment: &self.environment,
            benchmarks: self
                .benchmarks
                .iter()
                .map(|b| BenchView {
                    name: &b.name,
                    group: &b.group,
                    params: &b.params,
                    extra: &b.extra,
                    measurements: b
                        .measurements
                        .iter()
                        .map(|m| (&m.metric, &m.summary, m.samples.len()))
                        .collect(),
                })
                .collect(),
        };
        // Serializing plain data into a Vec cannot fail; fall back to Debug text regardless.
        let mut h = Fnv128::new();
        match serde_json::to_vec(&view) {
            Ok(bytes) => h.write(&bytes),
            Err(_) => h.write(format!("{self:?}").as_bytes()),
        }
        for m in self.benchmarks.iter().flat_map(|b| &b.measurements) {
            for v in &m.samples {
                h.write(&v.to_bits().to_le_bytes());
            }
        }
        format!("{:032x}", h.finish())
    }

    /// Check invariants (unique benchmark names, unique metrics per benchmark, finite values)
    /// and set the id. `file` names the source in errors.
    pub fn finalize(mut self, file: &str) -> Result<Self> {
        self.validate(file)?;
        self.id = self.compute_id();
        Ok(self)
    }

    /// The invariants every operation may rely on.
    pub fn validate(&self, file: &str) -> Result<()> {
        let mut seen = std::collections::HashSet::new();
        for (i, b) in self.benchmarks.iter().enumerate() {
            if b.name.is_empty() {
                return Err(Error::parse_field(
                    file,
                    format!("benchmarks[{i}].name"),
                    "empty benchmark name",
                ));
            }
            if !seen.insert(b.name.as_str()) {
                return Err(Error::parse_field(
                    file,
                    format!("benchmarks[{i}].name"),
                    format!("duplicate benchmark name '{}'", b.name),
                ));
            }
            let mut metrics = std::collections::HashSet::new();
            for (j, m) in b.measurements.iter().enumerate() {
                let at = format!("benchmarks[{i}].measurements[{j}]");
                if !metrics.insert(m.metric.name.as_str()) {
                    return Err(Error::parse_field(
                        file,
                        at,
                        format!("metric '{}' appears twice for '{}'", m.metric.name, b.name),
                    ));
                }
                m.validate(file, &at)?;
            }
        }
        Ok(())
    }

    /// Read a run from its JSON form, refusing newer versions with a clear error.
    pub fn from_json(text: &str, file: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Probe {
            version: Option<u64>,
        }
        let probe: Probe = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
        Run::check_version(probe.version, file)?;
        let run: Run = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
        run.validate(file)?;
        Ok(run)
    }

    /// Refuse a missing `version` or one newer than [`RUN_VERSION`]. [`Run::from_json`] does
    /// this before reading the rest; bindings that deserialize a Python or JavaScript object
    /// straight into a [`Run`] (exact floats, no text round trip) call it on the probed version
    /// first, then [`Run::validate`].
    pub fn check_version(version: Option<u64>, file: &str) -> Result<()> {
        let version =
            version.ok_or_else(|| Error::parse_field(file, "version", "missing `version`"))?;
        if version > u64::from(RUN_VERSION) {
            return Err(Error::UnsupportedVersion {
                file: file.to_string(),
                what: "run".into(),
                found: version,
                supported: RUN_VERSION.into(),
            });
        }
        Ok(())
    }

    /// Read a run from an already-parsed JSON value (what bindings get from a JavaScript or
    /// Python object), with the checks of [`Run::from_json`]: the version first, then the
    /// shape (errors name the field), then the invariants. `file` names it in errors.
    pub fn from_value(value: Value, file: &str) -> Result<Self> {
        let shape = |field: String, message: String| Error::Parse {
            file: file.to_string(),
            line: None,
            field: (!field.is_empty() && field != ".").then_some(field),
            message,
        };
        let version = match &value {
            Value::Object(map) => match map.get("version") {
                None | Some(Value::Null) => None,
                Some(v) => Some(v.as_u64().ok_or_else(|| {
                    let found = match v {
                        Value::Number(n) => format!("{n}"),
                        Value::String(_) => "a string".into(),
                        Value::Bool(b) => format!("{b}"),
                        Value::Array(_) => "a list".into(),
                        _ => "an object".into(),
                    };
                    shape(
                        "version".into(),
                        format!("expected a non-negative integer, found {found}"),
                    )
                })?),
            },
            _ => return Err(shape(String::new(), "a run must be an object".into())),
        };
        Run::check_version(version, file)?;
        let run: Run = serde_path_to_error::deserialize(value)
            .map_err(|e| shape(e.path().to_string(), e.into_inner().to_string()))?;
        run.validate(file)?;
        Ok(run)
    }

    /// A list of runs, each as in [`Run::from_value`], labelled `field[i]`.
    pub fn list_from_value(value: Value, field: &str) -> Result<Vec<Self>> {
        match value {
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| Run::from_value(v, &format!("{field}[{i}]")))
                .collect(),
            _ => Err(Error::input(field, "expected a list of runs")),
        }
    }

    /// The benchmark named `name`.
    pub fn benchmark(&self, name: &str) -> Option<&Benchmark> {
        self.benchmarks.iter().find(|b| b.name == name)
    }
}

impl Measurement {
    /// A measurement from raw samples, with the summary computed from them.
    pub fn from_samples(metric: Metric, samples: Vec<f64>) -> Self {
        let summary = crate::stats::summarize(&samples);
        Measurement {
            metric,
            summary,
            samples,
        }
    }

    fn validate(&self, file: &str, at: &str) -> Result<()> {
        let nonneg = matches!(
            self.metric.kind,
            MetricKind::Time | MetricKind::Memory | MetricKind::Count | MetricKind::Throughput
        );
        for (k, v) in self.samples.iter().enumerate() {
            check_value(file, || format!("{at}.samples[{k}]"), *v, nonneg)?;
        }
        let s = &self.summary;
        for (name, v) in [
            ("mean", s.mean),
            ("median", s.median),
            ("stddev", s.stddev),
            ("min", s.min),
            ("max", s.max),
            ("q1", s.q1),
            ("q3", s.q3),
        ] {
            if let Some(v) = v {
                check_value(file, || format!("{at}.summary.{name}"), v, nonneg)?;
            }
        }
        if self.samples.is_empty() && s.mean.is_none() && s.median.is_none() {
            return Err(Error::parse_field(
                file,
                at,
                "a measurement needs samples, a mean or a median",
            ));
        }
        Ok(())
    }
}

/// `field` is only built for a bad value: this runs for every sample of every run read.
fn check_value(file: &str, field: impl FnOnce() -> String, v: f64, nonneg: bool) -> Result<()> {
    if !v.is_finite() {
        return Err(Error::parse_field(
            file,
            field(),
            format!("value {v} is not a finite number"),
        ));
    }
    if nonneg && v < 0.0 {
        return Err(Error::parse_field(
            file,
            field(),
            format!("value {v} is negative"),
        ));
    }
    Ok(())
}

/// FNV-1a, 128-bit: a stable, dependency-free content hash (not a cryptographic one).
pub(crate) fn fnv1a_128(bytes: &[u8]) -> u128 {
    let mut h = Fnv128::new();
    h.write(bytes);
    h.finish()
}

/// Streaming FNV-1a 128.
struct Fnv128(u128);

impl Fnv128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;

    fn new() -> Self {
        Fnv128(Self::OFFSET)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    fn finish(&self) -> u128 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(samples: Vec<f64>) -> Run {
        let mut run = Run::new("test");
        let mut b = Benchmark::new("a");
        b.measurements
            .push(Measurement::from_samples(Metric::time(), samples));
        run.benchmarks.push(b);
        run
    }

    #[test]
    fn id_is_a_content_hash_independent_of_path() {
        let a = run_with(vec![1.0, 2.0]).finalize("x").unwrap();
        let mut b = run_with(vec![1.0, 2.0]);
        b.source.path = Some("elsewhere".into());
        let b = b.finalize("y").unwrap();
        assert_eq!(a.id, b.id);
        let c = run_with(vec![1.0, 3.0]).finalize("x").unwrap();
        assert_ne!(a.id, c.id);
    }

    #[test]
    fn negative_and_nonfinite_values_are_refused() {
        let e = run_with(vec![1.0, -2.0]).finalize("f.json").unwrap_err();
        assert!(e.to_string().contains("samples[1]"), "{e}");
        let e = run_with(vec![f64::NAN]).finalize("f.json").unwrap_err();
        assert!(e.to_string().contains("not a finite number"), "{e}");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut run = run_with(vec![1.0]);
        run.benchmarks.push(run.benchmarks[0].clone());
        let e = run.finalize("f.json").unwrap_err();
        assert!(
            e.to_string().contains("duplicate benchmark name 'a'"),
            "{e}"
        );
    }

    #[test]
    fn newer_versions_are_refused() {
        let run = run_with(vec![1.0]).finalize("f").unwrap();
        let mut v = serde_json::to_value(&run).unwrap();
        v["version"] = 99.into();
        let e = Run::from_json(&v.to_string(), "h/run.json").unwrap_err();
        assert_eq!(e.code(), "unsupported-version");
        assert!(e.to_string().contains("h/run.json"));
        let back = Run::from_json(&serde_json::to_string(&run).unwrap(), "f").unwrap();
        assert_eq!(back, run);
    }

    #[test]
    fn check_version_refuses_missing_and_newer() {
        assert!(Run::check_version(Some(1), "f").is_ok());
        assert_eq!(
            Run::check_version(None, "f").unwrap_err().code(),
            "parse-error"
        );
        let e = Run::check_version(Some(2), "baseline").unwrap_err();
        assert_eq!(e.code(), "unsupported-version");
        assert!(e.to_string().contains("baseline"), "{e}");
    }
}
