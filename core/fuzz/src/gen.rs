//! Generators that turn fuzz bytes into runs, series and options JSON. Reading past the end
//! yields zeros, so every input is a complete (if small) value and the fuzzer's mutations map to
//! small changes. Names, commits and branches are drawn partly from a pool of injection payloads
//! (HTML, Markdown links, `@mentions`, ANSI escapes, CR/LF, bidi overrides) so that every
//! report rendered from them is checked for inertness.

use benchcore::{
    Benchmark, ChangePointRef, Direction, Measurement, Metric, MetricKind, Point, Run, Series,
    Summary,
};
use serde::Serialize;
use serde_json::{json, Value};

/// A cursor over fuzz bytes.
#[derive(Debug)]
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    /// Read `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    /// The next byte, or 0 past the end.
    pub fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        let v = usize::from(self.byte()) << 8 | usize::from(self.byte());
        if n == 0 {
            0
        } else {
            v % n
        }
    }

    /// A coin.
    pub fn bool(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// Eight bytes.
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| acc << 8 | u64::from(self.byte()))
    }

    /// Mostly a positive, moderate number; sometimes an edge case (NaN, infinities, zero,
    /// negatives, subnormals, huge values) or raw bits.
    pub fn number(&mut self) -> f64 {
        match self.byte() {
            0..=223 => {
                let mantissa = f64::from(u16::from_be_bytes([self.byte(), self.byte()])) + 1.0;
                mantissa * 10f64.powi(i32::from(self.byte() % 12) - 3)
            }
            224..=247 => EDGES[usize::from(self.byte()) % EDGES.len()],
            _ => f64::from_bits(self.u64()),
        }
    }

    /// A string: mostly from `pool`, sometimes raw (lossy UTF-8) bytes of the input.
    pub fn text(&mut self, pool: &[&str]) -> String {
        if self.byte() < 200 && !pool.is_empty() {
            return pool[self.below(pool.len())].to_string();
        }
        let len = self.below(48);
        let start = self.pos.min(self.data.len());
        let end = (start + len).min(self.data.len());
        self.pos += len;
        String::from_utf8_lossy(&self.data[start..end]).into_owned()
    }
}

const EDGES: [f64; 12] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    -1.0,
    f64::MIN_POSITIVE,
    5e-324,
    f64::MAX,
    1e300,
    1e-300,
    4_294_967_296.0,
];

/// Benchmark names: ordinary ones, and every kind of payload a pull request could plant.
pub const NAMES: [&str; 16] = [
    "fib/20",
    "sort/1000",
    "parse",
    "a|b",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "@octocat please look",
    "[x](javascript:alert(1))",
    "\u{1b}[31mred\u{1b}[0m",
    "line\r\nbreak",
    "x\n| injected |",
    "\u{202e}evil\u{2066}",
    "名前/😀",
    "*_~`#$",
    "",
    " ",
];

const BRANCHES: [&str; 6] = [
    "main",
    "pr",
    "feature/x",
    "@octocat",
    "\u{1b}]8;;http://x\u{7}",
    "<b>",
];
const COMMITS: [&str; 5] = [
    "0123456789abcdef0123456789abcdef01234567",
    "deadbeef",
    "<script>",
    "@octocat",
    "\u{202e}",
];
const TIMES: [&str; 7] = [
    "2026-01-01T00:00:00Z",
    "2026-01-02T12:30:00.500+02:00",
    "2025-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "not a time",
    "",
];
const FORMATS: [&str; 4] = ["criterion", "pytest-benchmark", "wrk", "<fmt>"];
const UNITS: [&str; 6] = ["ns", "B", "ops/s", "req/s", "", "<u>"];

/// An RFC 3339 time (or not).
pub fn time(b: &mut Bytes) -> String {
    b.text(&TIMES)
}

fn metric(b: &mut Bytes) -> Metric {
    match b.byte() % 6 {
        0 | 1 => Metric::time(),
        2 => Metric::throughput("ops/s"),
        3 => Metric {
            name: "peak_memory".into(),
            unit: "B".into(),
            kind: MetricKind::Memory,
            direction: Direction::LowerIsBetter,
        },
        4 => Metric {
            name: "allocations".into(),
            unit: "allocs".into(),
            kind: MetricKind::Count,
            direction: Direction::LowerIsBetter,
        },
        _ => Metric {
            name: b.text(&["score", "time", "<m>"]),
            unit: b.text(&UNITS),
            kind: MetricKind::Other,
            direction: if b.bool() {
                Direction::HigherIsBetter
            } else {
                Direction::LowerIsBetter
            },
        },
    }
}

/// `n` values around a level, with relative noise from the bytes.
fn noisy(b: &mut Bytes, level: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| match b.byte() {
            0..=250 => level * (1.0 + (f64::from(b.byte()) - 128.0) / 1280.0),
            _ => b.number(),
        })
        .collect()
}

fn measurement(b: &mut Bytes) -> Measurement {
    let metric = metric(b);
    if b.byte() % 4 != 0 {
        let level = b.number();
        let n = b.below(40);
        return Measurement::from_samples(metric, noisy(b, level, n));
    }
    let opt = |b: &mut Bytes| b.bool().then(|| b.number());
    let summary = Summary {
        n: b.bool().then(|| b.u64() % 1000),
        mean: opt(b),
        median: opt(b),
        stddev: opt(b),
        min: opt(b),
        max: opt(b),
        q1: opt(b),
        q3: opt(b),
    };
    Measurement {
        metric,
        summary,
        samples: Vec::new(),
    }
}

/// A finalized run of up to `max_benchmarks` benchmarks (`None` when finalize refuses it).
pub fn run(b: &mut Bytes, max_benchmarks: usize) -> Option<Run> {
    let mut run = Run::new(&b.text(&FORMATS));
    run.commit = b.bool().then(|| b.text(&COMMITS));
    run.branch = b.bool().then(|| b.text(&BRANCHES));
    run.time = b.bool().then(|| time(b));
    run.source.path = b.bool().then(|| b.text(&NAMES));
    for _ in 0..b.below(max_benchmarks + 1) {
        let mut bench = Benchmark::new(b.text(&NAMES));
        bench.group = b.bool().then(|| b.text(&NAMES));
        for _ in 0..=b.below(3) {
            let m = measurement(b);
            if bench.measurement(&m.metric.name).is_none() {
                bench.measurements.push(m);
            }
        }
        if run.benchmark(&bench.name).is_none() {
            run.benchmarks.push(bench);
        }
    }
    run.finalize("fuzz").ok()
}

/// A series with level shifts, optional samples, commits and branches.
pub fn series(b: &mut Bytes) -> Series {
    let mut points = Vec::new();
    for _ in 0..b.below(5) {
        let level = b.number();
        let len = b.below(60);
        for v in noisy(b, level, len) {
            let mut p = Point::value(v);
            if b.byte() < 64 {
                let n = b.below(8);
                p.samples = noisy(b, v, n);
            }
            p.commit = b.bool().then(|| b.text(&COMMITS));
            p.branch = b.bool().then(|| b.text(&BRANCHES));
            points.push(p);
        }
    }
    Series {
        name: b.text(&NAMES),
        metric: "time".into(),
        unit: b.text(&UNITS),
        direction: if b.bool() {
            Direction::HigherIsBetter
        } else {
            Direction::LowerIsBetter
        },
        group: None,
        points,
    }
}

/// Accepted change points of `check`.
pub fn change_point_refs(b: &mut Bytes) -> Vec<ChangePointRef> {
    (0..b.below(4))
        .map(|_| ChangePointRef {
            name: b.text(&NAMES),
            metric: b.text(&["time", "throughput"]),
            index: b.below(40),
        })
        .collect()
}

/// Options JSON: `default`'s JSON with a few keys replaced by arbitrary values, removed, or
/// added.
pub fn options<T: Serialize>(b: &mut Bytes, default: &T) -> String {
    let mut v = serde_json::to_value(default).unwrap_or(Value::Null);
    for _ in 0..b.below(4) {
        mutate(b, &mut v, 0);
    }
    if b.byte() == 255 {
        return b.text(&["", "null", "[]", "{", "\"fast\"", "{\"options\": {}}"]);
    }
    v.to_string()
}

fn mutate(b: &mut Bytes, v: &mut Value, depth: usize) {
    match v {
        Value::Object(map) if !map.is_empty() && depth < 4 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            match b.byte() % 10 {
                0 => {
                    map.insert(b.text(&["treshold", "colour", ""]), value(b, depth));
                }
                1 => {
                    map.remove(&keys[b.below(keys.len())]);
                }
                _ => {
                    let k = &keys[b.below(keys.len())];
                    if let Some(child) = map.get_mut(k) {
                        mutate(b, child, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && b.bool() && depth < 4 => {
            let i = b.below(items.len());
            mutate(b, &mut items[i], depth + 1);
        }
        Value::Number(n) if b.bool() => {
            let x = n.as_f64().unwrap_or(0.0);
            let factors = [0.0, -1.0, 0.5, 2.0, 10.0, 1e6, 1e-6];
            let y = x * factors[b.below(factors.len())] + f64::from(b.byte() % 3) - 1.0;
            *v = if y.fract() == 0.0 && y.abs() < 1e15 {
                json!(y as i64)
            } else {
                json!(y)
            };
        }
        _ => *v = value(b, depth),
    }
}

/// Enum values and notations the options accept, and some they do not.
const WORDS: [&str; 22] = [
    "auto",
    "median",
    "mean",
    "threshold",
    "inconclusive",
    "static",
    "percentage",
    "z-score",
    "t-test",
    "iqr",
    "delta-iqr",
    "values",
    "samples",
    "robust",
    "classic",
    "e-divisive",
    "pelt",
    "normal-mean",
    "normal-mean-var",
    "day",
    "week",
    "10%",
];

fn value(b: &mut Bytes, depth: usize) -> Value {
    match b.byte() % 9 {
        0 => Value::Null,
        1 => Value::Bool(b.bool()),
        2 => {
            let pool = [
                0.0,
                1.0,
                -1.0,
                0.5,
                0.05,
                0.999,
                2.0,
                5.0,
                30.0,
                100.0,
                1e6,
                1e9,
                1e308,
                -1e308,
                4_294_967_295.0,
            ];
            json!(pool[b.below(pool.len())])
        }
        3 => json!(b.u64()),
        4 => json!(b.below(64)),
        5 => Value::String(b.text(&WORDS)),
        6 if depth < 3 => Value::Array((0..b.below(3)).map(|_| value(b, depth + 1)).collect()),
        7 if depth < 3 => json!({"pattern": b.text(&NAMES), "threshold": value(b, depth + 1)}),
        _ => Value::String(b.text(&NAMES)),
    }
}
