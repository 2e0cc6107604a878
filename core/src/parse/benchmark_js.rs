//! benchmark.js `String(benchmark)` lines, as suites print them from their `cycle` handler
//! (observed: benchmark.js 2.1.4 on Node 20).
//!
//! ```text
//! Array#map x1000 x 560,191 ops/sec ±7.50% (17 runs sampled)
//! for-loop x1000 x 504,401 ops/sec ±9.17% (20 runs sampled)
//! JSON.stringify small x 3,844,029 ops/sec ±2.37% (22 runs sampled)
//! Fastest is JSON.stringify small
//! ```
//!
//! Grammar: `NAME x HZ ops/sec ±RME% (N run[s] sampled)`, split at the **last** ` x ` because
//! names contain ` x ` themselves. `HZ` (operations per second, `,`-separated, two decimals
//! below 100) becomes metric `throughput` in `ops/s` with `mean` = HZ — benchmark.js computes
//! it as 1 / mean time — and `n` = the runs sampled; `RME` (relative margin of error, percent)
//! goes to `extra.rme`. benchmark.js prints no raw samples (they exist only through its API),
//! but RME is its 95% margin of error of the mean, `t₀.₉₇₅,ₙ₋₁ · sd / √n / mean` (benchmark.js
//! `stats.rme`), so the standard deviation is recovered as `HZ · RME/100 · √N / t₀.₉₇₅,ₙ₋₁`
//! (the relative margin of the mean period carries over to its reciprocal to first order) and
//! comparisons can use Welch's test instead of the value alone. No `time` metric is derived.
//!
//! Error lines (`NAME: ERROR`), `Fastest is …` and anything else are skipped. A line with
//! ` x ` and `ops/sec` whose numbers do not parse is an error naming its line, as is a last
//! line without a line break that has ` x` but is not a whole result (a cut stream).

use std::collections::HashMap;

use serde_json::Value;

use super::lines::{numbered, unterminated_last_line};
use super::metrics;
use super::units::{parse_number, strip_ansi};
use crate::error::{Error, Result};
use crate::model::{Benchmark, Measurement, Run, Summary};

#[derive(Debug)]
struct Line<'a> {
    name: &'a str,
    hz: f64,
    rme: Option<f64>,
    runs: u64,
}

pub(crate) fn detect(text: &str) -> bool {
    let text = strip_ansi(text);
    let found = numbered(&text).any(|(_, l)| cycle_line(l).is_some());
    found
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Run> {
    let text = strip_ansi(text);
    let mut run = Run::new("benchmark-js");
    let mut seen: HashMap<String, u64> = HashMap::new();
    let cut = unterminated_last_line(&text);
    for (line, l) in numbered(&text) {
        let Some(parsed) = cycle_line(l) else {
            if cut == Some(line) && l.contains(" x") {
                return Err(Error::parse_line(
                    file,
                    line,
                    "the last line is cut short (truncated file?)",
                ));
            }
            continue;
        };
        let c = parsed.map_err(|m| Error::parse_line(file, line, m))?;
        if let Some(first) = seen.insert(c.name.to_string(), line) {
            return Err(Error::parse_line(
                file,
                line,
                format!("benchmark '{}' already appeared on line {first}", c.name),
            ));
        }
        let mut b = Benchmark::new(c.name);
        if let Some(rme) = c.rme {
            b.extra.insert("rme".into(), Value::from(rme));
        }
        b.measurements.push(Measurement {
            metric: metrics::rate("throughput", "ops/s"),
            summary: Summary {
                n: Some(c.runs),
                mean: Some(c.hz),
                stddev: c
                    .rme
                    .and_then(|rme| metrics::stddev_from_rme(c.hz, rme, c.runs)),
                ..Summary::default()
            },
            samples: Vec::new(),
        });
        run.benchmarks.push(b);
    }
    if run.benchmarks.is_empty() {
        return Err(Error::parse(
            file,
            "no benchmark.js results (`NAME x HZ ops/sec ±RME% (N runs sampled)` lines)",
        ));
    }
    Ok(run)
}

/// `None` for lines that are not results; `Some(Err)` for a result line whose numbers do not
/// parse.
fn cycle_line(l: &str) -> Option<std::result::Result<Line<'_>, String>> {
    let l = l.trim();
    let at = l.rfind(" x ")?;
    let (name, rest) = (l[..at].trim(), &l[at + 3..]);
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    if tokens.get(1) != Some(&"ops/sec") {
        return None;
    }
    Some(values(name, &tokens))
}

fn values<'a>(name: &'a str, tokens: &[&str]) -> std::result::Result<Line<'a>, String> {
    let grammar = || {
        format!(
            "expected `HZ ops/sec ±RME% (N runs sampled)`, found '{}'",
            tokens.join(" ")
        )
    };
    let [hz, _, rme, runs, word, "sampled)"] = tokens else {
        return Err(grammar());
    };
    if name.is_empty() || !matches!(*word, "runs" | "run") {
        return Err(grammar());
    }
    let hz = parse_number(hz)
        .filter(|v| *v >= 0.0)
        .ok_or_else(|| format!("'{hz}' is not a number of operations per second"))?;
    let runs: u64 = runs
        .strip_prefix('(')
        .and_then(|n| n.parse().ok())
        .ok_or_else(grammar)?;
    // `±NaN%` when benchmark.js could not estimate the error: absent, not a failure.
    let rme = rme
        .strip_prefix('±')
        .and_then(|r| r.strip_suffix('%'))
        .ok_or_else(grammar)
        .map(parse_number)?;
    Ok(Line {
        name,
        hz,
        rme,
        runs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_last_x() {
        let c = cycle_line("Array#map x1000 x 560,191 ops/sec ±7.50% (17 runs sampled)")
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.name, c.hz, c.rme, c.runs),
            ("Array#map x1000", 560191.0, Some(7.5), 17)
        );
        let c = cycle_line("a x b x 1.25 ops/sec ±0.00% (1 run sampled)")
            .unwrap()
            .unwrap();
        assert_eq!((c.name, c.hz, c.runs), ("a x b", 1.25, 1));
        assert!(cycle_line("Fastest is JSON.stringify small").is_none());
        assert!(cycle_line("boom: TypeError: x is not a function").is_none());
        let e = cycle_line("a x abc ops/sec ±1% (3 runs sampled)")
            .unwrap()
            .unwrap_err();
        assert!(e.contains("'abc'"), "{e}");
        assert!(cycle_line("a x 5 ops/sec ±1% (3 runs").unwrap().is_err());
    }
}
