//! The per-row statistics and the verdict rules of [`super::compare`] (see the module docs
//! there for the method). Three passes: analyse every pair, adjust the p-values together, then
//! decide and explain.

use std::collections::HashMap;

use super::options::{CompareOptions, SingleValues, Statistic};
use super::{BenchmarkComparison, SideStats, TestKind, UsedStatistic, Verdict};
use crate::model::{Benchmark, Direction, Measurement, Metric, MetricKind, Run, Summary};
use crate::stats::{
    benjamini_hochberg, mann_whitney, median_plan, median_z_test, normal_quantile, quantile_select,
    welch_t_test, BootstrapPlan, Sample, TestResult,
};
use crate::text::{p_text, pct, threshold_text};

/// One row before the verdict.
struct Analysis {
    statistic: UsedStatistic,
    test: TestKind,
    base: SideStats,
    cand: SideStats,
    rel: Option<f64>,
    ci: Option<[f64; 2]>,
    p: Option<f64>,
    mde: Option<f64>,
    best_change: Option<f64>,
}

struct Row<'a> {
    name: &'a str,
    group: Option<&'a str>,
    metric: &'a Metric,
    base: Option<&'a Measurement>,
    cand: Option<&'a Measurement>,
}

/// Bootstrap plans shared by all rows with the same sample size and side.
struct Plans {
    seed: u64,
    resamples: usize,
    cache: HashMap<(usize, u8), BootstrapPlan>,
}

impl Plans {
    fn get(&mut self, n: usize, side: u8) -> &BootstrapPlan {
        let (seed, b) = (self.seed, self.resamples);
        self.cache.entry((n, side)).or_insert_with(|| {
            // Independent streams per (n, side), whatever order rows come in.
            let s = seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (u64::from(side) << 63);
            median_plan(n, b, s)
        })
    }
}

pub(super) fn judge_all(
    baseline: &Run,
    candidate: &Run,
    options: &CompareOptions,
) -> Vec<BenchmarkComparison> {
    let rows = pair_rows(baseline, candidate);
    let mut plans = Plans {
        seed: options.seed,
        resamples: options.bootstrap_resamples as usize,
        cache: HashMap::new(),
    };
    let analyses: Vec<Option<Analysis>> = rows
        .iter()
        .map(|r| match (r.base, r.cand) {
            (Some(b), Some(c)) => Some(analyse(b, c, options, &mut plans)),
            _ => None,
        })
        .collect();
    let raw_p: Vec<f64> = analyses
        .iter()
        .map(|a| a.as_ref().and_then(|a| a.p).unwrap_or(f64::NAN))
        .collect();
    let adjusted = if options.fdr {
        benjamini_hochberg(&raw_p)
    } else {
        raw_p
    };
    rows.iter()
        .zip(analyses)
        .zip(adjusted)
        .map(|((row, analysis), q)| finish(row, analysis, q, options))
        .collect()
}

/// Rows in the candidate's order (benchmark, then metric), then what only the baseline has.
/// Benchmarks are matched by name through a hash index: O(n), not O(n²) (a million benchmarks
/// pair in well under a second).
fn pair_rows<'a>(baseline: &'a Run, candidate: &'a Run) -> Vec<Row<'a>> {
    let index = |run: &'a Run| -> HashMap<&'a str, &'a Benchmark> {
        let mut m = HashMap::with_capacity(run.benchmarks.len());
        for b in &run.benchmarks {
            m.entry(b.name.as_str()).or_insert(b);
        }
        m
    };
    let (base_by_name, cand_by_name) = (index(baseline), index(candidate));
    let mut rows = Vec::new();
    for cb in &candidate.benchmarks {
        let bb = base_by_name.get(cb.name.as_str()).copied();
        for cm in &cb.measurements {
            rows.push(Row {
                name: &cb.name,
                group: cb.group.as_deref(),
                metric: &cm.metric,
                base: bb.and_then(|b| b.measurement(&cm.metric.name)),
                cand: Some(cm),
            });
        }
        if let Some(bb) = bb {
            for bm in &bb.measurements {
                if cb.measurement(&bm.metric.name).is_none() {
                    rows.push(Row {
                        name: &cb.name,
                        group: cb.group.as_deref(),
                        metric: &bm.metric,
                        base: Some(bm),
                        cand: None,
                    });
                }
            }
        }
    }
    for bb in &baseline.benchmarks {
        if !cand_by_name.contains_key(bb.name.as_str()) {
            for bm in &bb.measurements {
                rows.push(Row {
                    name: &bb.name,
                    group: bb.group.as_deref(),
                    metric: &bm.metric,
                    base: Some(bm),
                    cand: None,
                });
            }
        }
    }
    rows
}

fn best_of(dir: Direction, min: Option<f64>, max: Option<f64>) -> Option<f64> {
    match dir {
        Direction::LowerIsBetter => min,
        Direction::HigherIsBetter => max,
    }
}

/// b / a − 1; 0 when both are 0; `None` when only the baseline is 0 (undefined).
fn ratio_change(a: f64, b: f64) -> Option<f64> {
    if a == 0.0 && b == 0.0 {
        return Some(0.0);
    }
    (a != 0.0 && a.is_finite() && b.is_finite()).then(|| b / a - 1.0)
}

fn sd(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let m = values.iter().sum::<f64>() / n;
    (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

fn analyse(
    b: &Measurement,
    c: &Measurement,
    options: &CompareOptions,
    plans: &mut Plans,
) -> Analysis {
    let dir = c.metric.direction;
    if b.samples.len() >= 2 && c.samples.len() >= 2 {
        if let (Ok(sa), Ok(sb)) = (
            Sample::new(b.samples.iter().copied()),
            Sample::new(c.samples.iter().copied()),
        ) {
            return analyse_samples(&sa, &sb, dir, options, plans);
        }
    }
    analyse_summaries(&summary_of(b), &summary_of(c), dir, options)
}

/// The tool's summary, completed from samples where the tool left fields out.
fn summary_of(m: &Measurement) -> Summary {
    if m.samples.is_empty() {
        return m.summary.clone();
    }
    let from = crate::stats::summarize(&m.samples);
    let s = &m.summary;
    Summary {
        n: s.n.or(from.n),
        mean: s.mean.or(from.mean),
        median: s.median.or(from.median),
        stddev: s.stddev.or(from.stddev),
        min: s.min.or(from.min),
        max: s.max.or(from.max),
        q1: s.q1.or(from.q1),
        q3: s.q3.or(from.q3),
    }
}

fn side_from_sample(s: &Sample, value: f64, dir: Direction) -> SideStats {
    let med = s.median();
    SideStats {
        n: Some(s.len() as u64),
        value,
        best: best_of(dir, Some(s.min()), Some(s.max())),
        cv: (med > 0.0).then(|| s.mad() / med),
    }
}

fn mde(options: &CompareOptions, se_a: f64, se_b: f64, base: f64) -> Option<f64> {
    if base == 0.0 {
        return None;
    }
    let z = normal_quantile(1.0 - options.alpha / 2.0) + normal_quantile(options.power);
    let v = z * (se_a * se_a + se_b * se_b).sqrt() / base.abs();
    v.is_finite().then_some(v)
}

/// Delta-method interval of b/a − 1 from standard errors.
fn delta_ci(a: f64, b: f64, se_a: f64, se_b: f64, confidence: f64) -> Option<[f64; 2]> {
    if a == 0.0 || b == 0.0 {
        return None;
    }
    let r = b / a;
    let se_r = r.abs() * ((se_a / a).powi(2) + (se_b / b).powi(2)).sqrt();
    let z = normal_quantile(1.0 - (1.0 - confidence) / 2.0);
    let ci = [r - z * se_r - 1.0, r + z * se_r - 1.0];
    (ci[0].is_finite() && ci[1].is_finite()).then_some(ci)
}

fn analyse_samples(
    sa: &Sample,
    sb: &Sample,
    dir: Direction,
    options: &CompareOptions,
    plans: &mut Plans,
) -> Analysis {
    let best_change = match dir {
        Direction::LowerIsBetter => ratio_change(sa.min(), sb.min()),
        Direction::HigherIsBetter => ratio_change(sa.max(), sb.max()),
    };
    let constant = sa.is_constant() && sb.is_constant();
    if options.statistic == Statistic::Mean {
        let (ma, mb) = (sa.mean(), sb.mean());
        let t = welch_t_test(
            (ma, sa.stddev().unwrap_or(0.0), sa.len() as u64),
            (mb, sb.stddev().unwrap_or(0.0), sb.len() as u64),
        );
        let (se_a, se_b) = t.map_or((0.0, 0.0), |t| (t.se_a, t.se_b));
        return Analysis {
            statistic: UsedStatistic::Mean,
            test: if constant {
                TestKind::Deterministic
            } else {
                TestKind::Welch
            },
            base: side_from_sample(sa, ma, dir),
            cand: side_from_sample(sb, mb, dir),
            rel: ratio_change(ma, mb),
            ci: delta_ci(ma, mb, se_a, se_b, options.confidence),
            p: t.map(|t| t.p_value),
            mde: mde(options, se_a, se_b, ma),
            best_change,
        };
    }
    let (ma, mb) = (sa.median(), sb.median());
    let mut boot_a = plans.get(sa.len(), 0).medians(sa.sorted());
    let boot_b = plans.get(sb.len(), 1).medians(sb.sorted());
    let (se_a, se_b) = (sd(&boot_a), sd(&boot_b));
    let mut ratios: Vec<f64> = boot_a
        .iter()
        .zip(&boot_b)
        .filter_map(|(&a, &b)| ratio_change(a, b))
        .collect();
    boot_a.clear();
    let tail = (1.0 - options.confidence) / 2.0;
    let ci = (ratios.len() >= 2).then(|| {
        [
            quantile_select(&mut ratios, tail),
            quantile_select(&mut ratios, 1.0 - tail),
        ]
    });
    let (test, p) = if constant {
        (TestKind::Deterministic, if ma == mb { 1.0 } else { 0.0 })
    } else {
        (TestKind::MannWhitney, mann_whitney(sa, sb).p_value)
    };
    Analysis {
        statistic: UsedStatistic::Median,
        test,
        base: side_from_sample(sa, ma, dir),
        cand: side_from_sample(sb, mb, dir),
        rel: ratio_change(ma, mb),
        ci,
        p: Some(p),
        mde: mde(options, se_a, se_b, ma),
        best_change,
    }
}

fn analyse_summaries(
    a: &Summary,
    b: &Summary,
    dir: Direction,
    options: &CompareOptions,
) -> Analysis {
    let n_ok = |s: &Summary| s.n.unwrap_or(1) >= 2;
    let iqr = |s: &Summary| match (s.q1, s.q3) {
        (Some(q1), Some(q3)) if q3 >= q1 => Some(q3 - q1),
        _ => None,
    };
    let best_change = match (best_of(dir, a.min, a.max), best_of(dir, b.min, b.max)) {
        (Some(x), Some(y)) if n_ok(a) && n_ok(b) => ratio_change(x, y),
        _ => None,
    };
    let side = |s: &Summary, value: f64| SideStats {
        n: s.n,
        value,
        best: best_of(dir, s.min, s.max),
        cv: None,
    };
    let want_median = options.statistic != Statistic::Mean;
    let medians = (a.median, b.median);
    let means = (a.mean, b.mean);

    // Median z-test from quartiles.
    if want_median {
        if let ((Some(ma), Some(mb)), Some(ia), Some(ib)) = (medians, iqr(a), iqr(b)) {
            if let Some(t) = median_z_test((ma, ia, a.n.unwrap_or(1)), (mb, ib, b.n.unwrap_or(1))) {
                return tested(
                    UsedStatistic::Median,
                    TestKind::MedianZ,
                    t,
                    ma,
                    mb,
                    side(a, ma),
                    side(b, mb),
                    best_change,
                    options,
                );
            }
        }
    }
    // Welch from mean and standard deviation.
    if options.statistic != Statistic::Median {
        if let ((Some(ma), Some(mb)), Some(sa), Some(sb)) = (means, a.stddev, b.stddev) {
            if let Some(t) = welch_t_test((ma, sa, a.n.unwrap_or(1)), (mb, sb, b.n.unwrap_or(1))) {
                return tested(
                    UsedStatistic::Mean,
                    TestKind::Welch,
                    t,
                    ma,
                    mb,
                    side(a, ma),
                    side(b, mb),
                    best_change,
                    options,
                );
            }
        }
    }
    // Single values: no noise estimate, threshold only.
    let (statistic, ma, mb) = match (medians, means) {
        ((Some(ma), Some(mb)), _) if want_median => (UsedStatistic::Median, ma, mb),
        (_, (Some(ma), Some(mb))) => (UsedStatistic::Mean, ma, mb),
        ((Some(ma), Some(mb)), _) => (UsedStatistic::Median, ma, mb),
        // Validated measurements always have a median or a mean; mixed cases fall back to
        // whatever each side has.
        _ => (
            UsedStatistic::Mean,
            a.mean.or(a.median).unwrap_or(f64::NAN),
            b.mean.or(b.median).unwrap_or(f64::NAN),
        ),
    };
    Analysis {
        statistic,
        test: TestKind::None,
        base: side(a, ma),
        cand: side(b, mb),
        rel: ratio_change(ma, mb),
        ci: None,
        p: None,
        mde: None,
        best_change,
    }
}

#[allow(clippy::too_many_arguments)]
fn tested(
    statistic: UsedStatistic,
    test: TestKind,
    t: TestResult,
    ma: f64,
    mb: f64,
    base: SideStats,
    cand: SideStats,
    best_change: Option<f64>,
    options: &CompareOptions,
) -> Analysis {
    let deterministic = t.se_a == 0.0 && t.se_b == 0.0;
    Analysis {
        statistic,
        test: if deterministic {
            TestKind::Deterministic
        } else {
            test
        },
        base,
        cand,
        rel: ratio_change(ma, mb),
        ci: delta_ci(ma, mb, t.se_a, t.se_b, options.confidence),
        p: Some(t.p_value),
        mde: mde(options, t.se_a, t.se_b, ma),
        best_change,
    }
}

fn finish(
    row: &Row<'_>,
    analysis: Option<Analysis>,
    q: f64,
    options: &CompareOptions,
) -> BenchmarkComparison {
    let threshold = options.threshold_for(row.name, &row.metric.name);
    let mut out = BenchmarkComparison {
        name: row.name.to_string(),
        group: row.group.map(str::to_string),
        metric: row.metric.name.clone(),
        unit: row.metric.unit.clone(),
        direction: row.metric.direction,
        verdict: Verdict::Unchanged,
        statistic: None,
        test: None,
        baseline: None,
        candidate: None,
        relative_change: None,
        ci: None,
        p_value: None,
        p_adjusted: None,
        threshold,
        min_detectable_change: None,
        best_change: None,
        reason: String::new(),
    };
    let Some(a) = analysis else {
        if row.base.is_none() {
            out.verdict = Verdict::Added;
            out.reason = "new in the candidate: nothing to compare with".into();
        } else {
            out.verdict = Verdict::Removed;
            out.reason = "missing from the candidate".into();
        }
        return out;
    };
    let q = if q.is_nan() { None } else { Some(q) };
    let (verdict, reason) = decide(&a, q, threshold, row.metric, options);
    out.verdict = verdict;
    out.reason = reason;
    out.statistic = Some(a.statistic);
    out.test = Some(a.test);
    out.baseline = Some(a.base);
    out.candidate = Some(a.cand);
    out.relative_change = a.rel;
    out.ci = a.ci;
    out.p_value = a.p;
    out.p_adjusted = q;
    out.min_detectable_change = a.mde;
    out.best_change = a.best_change;
    out
}

fn decide(
    a: &Analysis,
    q: Option<f64>,
    t: f64,
    metric: &Metric,
    options: &CompareOptions,
) -> (Verdict, String) {
    let (dir, kind) = (metric.direction, metric.kind);
    let stat = match a.statistic {
        UsedStatistic::Median => "median",
        UsedStatistic::Mean => "mean",
    };
    let Some(rel) = a.rel else {
        // From exactly 0 to something: only exact data (constant samples, or single values of
        // deterministic kinds) can say it moved; it moved beyond any relative threshold.
        let exact = a.test == TestKind::Deterministic
            || (q.is_none() && matches!(kind, MetricKind::Memory | MetricKind::Count));
        if exact && a.base.value == 0.0 && a.cand.value != 0.0 {
            let worse = a.cand.value.signum() * dir.worse_sign() > 0.0;
            let to = crate::report::format_value(a.cand.value, &metric.unit);
            return (
                if worse {
                    Verdict::Regressed
                } else {
                    Verdict::Improved
                },
                format!("{stat} went from 0 to {to} (exact), beyond any relative threshold"),
            );
        }
        return (
            Verdict::Inconclusive,
            format!("baseline {stat} is 0: a relative change is undefined"),
        );
    };
    let th = threshold_text(t);
    let mut head = format!("{} {stat}", pct(rel));
    if let Some([lo, hi]) = a.ci {
        head.push_str(&format!(
            ", {:.0}% CI [{}, {}]",
            options.confidence * 100.0,
            pct(lo),
            pct(hi)
        ));
    }
    let worse = rel * dir.worse_sign();
    let (bad, good) = (Verdict::Regressed, Verdict::Improved);
    let Some(q) = q else {
        let by_threshold = match options.single_values {
            SingleValues::Threshold => true,
            SingleValues::Inconclusive => false,
            SingleValues::Auto => matches!(kind, MetricKind::Memory | MetricKind::Count),
        };
        if !by_threshold && worse.abs() > t {
            return (
                Verdict::Inconclusive,
                format!(
                    "{head} (single values: one measurement per side cannot separate a change from machine noise; repeat the runs or gate against history)"
                ),
            );
        }
        let note = "single values, no noise estimate: judged by the threshold alone";
        return if worse > t {
            (bad, format!("{head} ({note}), beyond the {th} threshold"))
        } else if worse < -t {
            (good, format!("{head} ({note}), beyond the {th} threshold"))
        } else {
            (
                Verdict::Unchanged,
                format!("{head} ({note}), within the {th} threshold"),
            )
        };
    };
    let p_str = if options.fdr && a.test != TestKind::Deterministic {
        format!("{} (FDR-adjusted)", p_text(q))
    } else if a.test == TestKind::Deterministic {
        "exact: both sides constant".to_string()
    } else {
        p_text(q)
    };
    let significant = q < options.alpha;
    let beyond = worse.abs() > t;
    if significant && beyond {
        if let Some([lo, hi]) = a.ci {
            let same_side = if rel > 0.0 { lo > 0.0 } else { hi < 0.0 };
            if !same_side {
                return (
                    Verdict::Inconclusive,
                    format!(
                        "{head}, {p_str}, but the interval includes no change: too few samples to be sure"
                    ),
                );
            }
        }
        if options.noise_guard {
            if let Some(best) = a.best_change {
                let best_worse = best * dir.worse_sign();
                let agrees = if worse > 0.0 {
                    best_worse > t
                } else {
                    best_worse < -t
                };
                if !agrees {
                    let which = match dir {
                        Direction::LowerIsBetter => "fastest sample (minimum)",
                        Direction::HigherIsBetter => "best sample (maximum)",
                    };
                    return (
                        Verdict::Inconclusive,
                        format!(
                            "{head}, {p_str}, but the {which} moved only {}: a shift of typical values that leaves the best case within the {th} threshold looks like machine noise",
                            pct(best)
                        ),
                    );
                }
            }
        }
        let best_note = a
            .best_change
            .map(|b| format!("; best case {}", pct(b)))
            .unwrap_or_default();
        let v = if worse > 0.0 { bad } else { good };
        return (
            v,
            format!("{head}, {p_str}, beyond the {th} threshold{best_note}"),
        );
    }
    if significant {
        return (
            Verdict::Unchanged,
            format!("{head}, {p_str}: significant but within the {th} threshold"),
        );
    }
    if beyond {
        let mde_note = a
            .mde
            .map(|m| {
                format!(
                    "; this benchmark can only detect changes above {}",
                    pct(m).trim_start_matches('+')
                )
            })
            .unwrap_or_default();
        return (
            Verdict::Inconclusive,
            format!("{head}, not significant, {p_str}: too noisy to tell{mde_note}"),
        );
    }
    (
        Verdict::Unchanged,
        format!("{head}, not significant, {p_str}, within the {th} threshold"),
    )
}
