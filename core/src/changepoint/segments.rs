//! Segment statistics in O(1) from prefix sums, and the two-sample Student t-test that decides
//! whether a split is significant.
//!
//! Every sum is taken over values shifted by the series' first value, so that sums of squares do
//! not cancel catastrophically at benchmark magnitudes (10⁶ ns with a 0.1% spread), and so that a
//! constant series sums to exactly zero.
//!
//! **Which data the test uses.** When every point of both segments carries raw samples (and
//! `use_samples` is on), the test runs over all samples of the two segments, not over one value
//! per point: the samples add power when the runs are few. Samples of one run are not
//! independent observations of the level, though: a machine that is slow for one run is slow for
//! all of its samples, and a plain t-test over samples would call every run-to-run wobble a
//! change. So runs are treated as random clusters nested in the segments, as in a nested
//! (hierarchical) ANOVA with the "sometimes pool" rule (Bancroft 1964): when the mean square
//! between runs (around their own segment's mean, `k − 2` degrees of freedom) is no larger than
//! the mean square within runs, runs differ no more than their samples and every sample counts
//! (pooled variance, `N − 2` degrees of freedom); otherwise the between-run mean square is the
//! error term, with `k − 2` degrees of freedom — the test over run means, weighted by samples.
//! Without samples on every point, or with fewer than three runs or no within-run spread, the
//! test uses one value per point.
//!
//! **Serial correlation.** Consecutive CI runs share machines and load, so their noise is
//! positively autocorrelated and a t-test that assumes independence over-states its evidence.
//! With `serial` on, the lag-one autocorrelation r of the residuals of both segments (each
//! around its own mean, from prefix sums of lag products) inflates the variance and shrinks the
//! degrees of freedom by (1 + r) / (1 − r), the AR(1) variance factor of a mean (r clamped to
//! [0, 0.9]; cf. Zwiers & von Storch 1995, "Taking serial correlation into account in tests of
//! the mean").
//!
//! Degenerate input: a side with no points gives p = 1; zero pooled variance gives p = 0 when
//! the means differ (beyond rounding) and p = 1 when they do not. Cost O(1) per test.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Relative tolerance under which two sums are the same number (rounding of prefix sums).
const EPS: f64 = 1e-12;

/// Raw samples of one point, centred on the point's value: count, Σ(y − v), Σ(y − v)².
/// Centring keeps the sums exact enough at any magnitude, and lets the samples follow the
/// value when outlier clipping moves it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct SampleSums {
    pub count: f64,
    pub m1: f64,
    pub m2: f64,
}

impl SampleSums {
    pub fn of(value: f64, samples: &[f64]) -> Self {
        let mut s = SampleSums::default();
        for y in samples {
            let d = y - value;
            s.count += 1.0;
            s.m1 += d;
            s.m2 += d * d;
        }
        s
    }
}

/// Prefix sums of a series' (cleaned) values. Appending a point is O(1).
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefix {
    shift: Option<f64>,
    /// Running maximum of |value|: the scale of rounding errors.
    scale: Vec<f64>,
    s1: Vec<f64>,
    s2: Vec<f64>,
    /// Σ x[t]·x[t − 1]: lag-one products, for the serial correlation.
    lag: Vec<f64>,
    /// The shifted values themselves (the lag product needs the previous one exactly).
    xs: Vec<f64>,
    /// Points that carry samples.
    with_samples: Vec<u32>,
    count: Vec<f64>,
    y1: Vec<f64>,
    y2: Vec<f64>,
    /// Σ over runs of (Σ run samples)² / run size: the between-run part of the squares.
    yb: Vec<f64>,
    runs_sq: Vec<f64>,
}

/// Sums of one segment.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    n: f64,
    s1: f64,
    s2: f64,
}

impl Sums {
    fn mean(&self) -> f64 {
        self.s1 / self.n
    }
    fn ss(&self) -> f64 {
        (self.s2 - self.s1 * self.s1 / self.n).max(0.0)
    }
}

fn last(x: &[f64]) -> f64 {
    x.last().copied().unwrap_or(0.0)
}

impl Prefix {
    pub fn new() -> Self {
        Prefix {
            s1: vec![0.0],
            s2: vec![0.0],
            lag: vec![0.0],
            with_samples: vec![0],
            count: vec![0.0],
            y1: vec![0.0],
            y2: vec![0.0],
            yb: vec![0.0],
            runs_sq: vec![0.0],
            scale: vec![0.0],
            ..Prefix::default()
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.s1.len() - 1
    }

    /// Append a point of value `value` (finite; checked by the caller) and its samples.
    pub fn push(&mut self, value: f64, samples: &SampleSums) {
        let shift = *self.shift.get_or_insert(value);
        let v = value - shift;
        let scale = last(&self.scale).max(v.abs()).max(shift.abs());
        self.scale.push(scale);
        let n = self.len();
        self.s1.push(last(&self.s1) + v);
        self.s2.push(last(&self.s2) + v * v);
        let lag = if n > 0 { v * last(&self.xs) } else { 0.0 };
        self.lag.push(last(&self.lag) + lag);
        self.xs.push(v);
        let SampleSums { count: c, m1, m2 } = *samples;
        // Samples around the (possibly moved) value: y' = (y − raw) + v.
        let a = m1 + c * v;
        let b = m2 + 2.0 * v * m1 + c * v * v;
        let has = u32::from(c > 0.0);
        self.with_samples
            .push(self.with_samples.last().copied().unwrap_or(0) + has);
        self.count.push(last(&self.count) + c);
        self.y1.push(last(&self.y1) + a);
        self.y2.push(last(&self.y2) + b);
        let between = if c > 0.0 { a * a / c } else { 0.0 };
        self.yb.push(last(&self.yb) + between);
        self.runs_sq.push(last(&self.runs_sq) + c * c);
    }

    /// Forget the points from `len` on (the shift stays: it is the first value).
    pub fn truncate(&mut self, len: usize) {
        let keep = len.min(self.len()) + 1;
        for v in [
            &mut self.s1,
            &mut self.s2,
            &mut self.lag,
            &mut self.count,
            &mut self.y1,
            &mut self.y2,
            &mut self.yb,
            &mut self.runs_sq,
            &mut self.scale,
        ] {
            v.truncate(keep);
        }
        self.with_samples.truncate(keep);
        self.xs.truncate(keep - 1);
    }

    fn values(&self, a: usize, b: usize) -> Sums {
        Sums {
            n: (b - a) as f64,
            s1: self.s1[b] - self.s1[a],
            s2: self.s2[b] - self.s2[a],
        }
    }

    /// Sum of squared deviations from the mean of the values of points `a..b`.
    pub fn sum_sq(&self, a: usize, b: usize) -> f64 {
        if b <= a {
            return 0.0;
        }
        let s = self.values(a, b);
        let ss = s.ss();
        if ss <= self.tiny() * self.tiny() * s.n {
            0.0
        } else {
            ss
        }
    }

    fn tiny(&self) -> f64 {
        EPS * last(&self.scale).max(f64::MIN_POSITIVE)
    }

    /// Σ (x[t] − m)(x[t − 1] − m) over consecutive pairs inside `a..b`, m the segment mean.
    fn lag_cov(&self, a: usize, b: usize) -> f64 {
        if b < a + 2 {
            return 0.0;
        }
        let m = (self.s1[b] - self.s1[a]) / (b - a) as f64;
        let products = self.lag[b] - self.lag[a + 1];
        let later = self.s1[b] - self.s1[a + 1];
        let earlier = self.s1[b - 1] - self.s1[a];
        products - m * (later + earlier) + (b - a - 1) as f64 * m * m
    }

    /// The variance inflation (1 + r) / (1 − r) of a mean under lag-one autocorrelation r of
    /// the residuals of both segments (r clamped to [0, 0.9]; 1 without correlation).
    fn serial_factor(&self, a: usize, b: usize, c: usize) -> f64 {
        let ss = self.sum_sq(a, b) + self.sum_sq(b, c);
        if ss <= 0.0 {
            return 1.0;
        }
        let r = ((self.lag_cov(a, b) + self.lag_cov(b, c)) / ss).clamp(0.0, 0.9);
        (1.0 + r) / (1.0 - r)
    }

    /// Two-sided p-value that points `a..b` and `b..c` share one mean: Student's t-test, over
    /// samples with runs as clusters when `use_samples` and every point has samples, corrected
    /// for serial correlation when `serial` is on.
    pub fn t_test(&self, a: usize, b: usize, c: usize, use_samples: bool, serial: bool) -> f64 {
        if !(a < b && b < c) || c > self.len() {
            return 1.0;
        }
        let f = if serial {
            self.serial_factor(a, b, c)
        } else {
            1.0
        };
        if use_samples && self.with_samples[c] - self.with_samples[a] == (c - a) as u32 {
            if let Some(p) = self.sample_t_test(a, b, c, f) {
                return p;
            }
        }
        let (l, r) = (self.values(a, b), self.values(b, c));
        if l.n + r.n <= 2.0 {
            return 1.0;
        }
        let var = (l.ss() + r.ss()) / (l.n + r.n - 2.0);
        let se2 = var * (1.0 / l.n + 1.0 / r.n) * f;
        student(r.mean() - l.mean(), se2, (l.n + r.n) / f - 2.0, self.tiny())
    }

    fn sample_t_test(&self, a: usize, b: usize, c: usize, f: f64) -> Option<f64> {
        let side = |x: usize, y: usize| {
            let n = self.count[y] - self.count[x];
            let s1 = self.y1[y] - self.y1[x];
            let s2 = self.y2[y] - self.y2[x];
            let sb = self.yb[y] - self.yb[x];
            (Sums { n, s1, s2 }, sb)
        };
        let ((l, lb), (r, rb)) = (side(a, b), side(b, c));
        let runs = (c - a) as f64;
        let total = l.n + r.n;
        let df_between = runs - 2.0;
        let df_within = total - runs;
        if df_between < 1.0 || df_within < 1.0 {
            return None;
        }
        let within = ((l.s2 - lb) + (r.s2 - rb)).max(0.0);
        let between = ((lb - l.s1 * l.s1 / l.n) + (rb - r.s1 * r.s1 / r.n)).max(0.0);
        let (msw, msb) = (within / df_within, between / df_between);
        if msw <= 0.0 {
            return None;
        }
        let scale = 1.0 / l.n + 1.0 / r.n;
        let (var, df) = if msb <= msw {
            // Runs differ no more than their samples: pool, every sample counts.
            ((within + between) / (total - 2.0), total - 2.0)
        } else {
            // Runs are the unit: the run mean square is the error term (nested ANOVA).
            (msb, df_between)
        };
        Some(student(
            r.mean() - l.mean(),
            var * scale * f,
            df / f,
            self.tiny(),
        ))
    }
}

/// Two-sided p-value of Student's t for a difference `diff` with squared standard error `se2`
/// and `df` degrees of freedom. Zero spread: p = 0 if the difference is beyond rounding, else 1.
fn student(diff: f64, se2: f64, df: f64, tiny: f64) -> f64 {
    if df <= 0.0 {
        return 1.0;
    }
    let same = diff.abs() <= tiny;
    if se2 <= tiny * tiny {
        return if same { 1.0 } else { 0.0 };
    }
    let t = diff / se2.sqrt();
    match StudentsT::new(0.0, 1.0, df) {
        Ok(d) => (2.0 * d.sf(t.abs())).clamp(0.0, 1.0),
        Err(_) => 1.0,
    }
}

/// Median of `values` (type 7: the mean of the two middle values), using `scratch`.
pub(crate) fn median(values: &[f64], scratch: &mut Vec<f64>) -> f64 {
    scratch.clear();
    scratch.extend_from_slice(values);
    crate::stats::quantile_select(scratch, 0.5)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn prefix(values: &[f64]) -> Prefix {
        let mut p = Prefix::new();
        for &v in values {
            p.push(v, &SampleSums::default());
        }
        p
    }

    #[test]
    fn student_matches_the_t_distribution() {
        // [1, 2, 3, 4] vs [3, 4, 5, 6, 7]: pooled variance 15/7, t = 2.545875, df = 7; the
        // two-sided tail by Simpson integration of the t density is 0.0383337288.
        let p = prefix(&[1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        let v = p.t_test(0, 4, 9, true, false);
        assert!((v - 0.038_333_728_8).abs() < 1e-9, "{v}");
    }

    #[test]
    fn degenerate_segments() {
        let p = prefix(&[5.0; 6]);
        assert_eq!(p.t_test(0, 3, 6, true, false), 1.0);
        assert_eq!(p.sum_sq(0, 6), 0.0);
        let q = prefix(&[5.0, 5.0, 5.0, 6.0, 6.0, 6.0]);
        assert_eq!(q.t_test(0, 3, 6, true, false), 0.0);
        assert_eq!(q.t_test(0, 0, 6, true, false), 1.0);
        assert_eq!(q.t_test(0, 3, 7, true, false), 1.0);
        // One point against one point has no degrees of freedom.
        assert_eq!(q.t_test(2, 3, 4, true, false), 1.0);
    }

    /// Points of `runs` runs per side, each with `samples` samples: run levels spread by
    /// `between`, samples by `within` around them, the right side shifted by `shift`.
    fn clustered(seed: u64, between: f64, within: f64, shift: f64) -> Prefix {
        let mut rng = crate::stats::Rng::new(seed);
        let mut p = Prefix::new();
        for run in 0..6 {
            let level = 100.0 + if run >= 3 { shift } else { 0.0 } + between * rng.normal();
            let samples: Vec<f64> = (0..20).map(|_| level + within * rng.normal()).collect();
            let value = crate::stats::quantile_select(&mut samples.clone(), 0.5);
            p.push(value, &SampleSums::of(value, &samples));
        }
        p
    }

    fn rejections(between: f64, within: f64, shift: f64, use_samples: bool) -> usize {
        (0..400)
            .filter(|&seed| {
                clustered(seed, between, within, shift).t_test(0, 3, 6, use_samples, false) < 0.01
            })
            .count()
    }

    #[test]
    fn samples_add_power_when_runs_agree() {
        // Runs agree (between-run spread small): 120 samples find a shift three run values
        // per side rarely can.
        let by_samples = rejections(0.05, 2.0, 1.5, true);
        let by_points = rejections(0.05, 2.0, 1.5, false);
        assert!(
            by_samples > 200 && by_samples > 2 * by_points,
            "{by_samples} {by_points}"
        );
    }

    #[test]
    fn samples_do_not_inflate_false_alarms_when_runs_disagree() {
        // Run-to-run spread dominates: a naive t-test over the samples would reject almost
        // always; with runs as the error term the false-alarm rate stays near alpha.
        let by_samples = rejections(3.0, 0.1, 0.0, true);
        assert!(by_samples <= 12, "{by_samples} of 400 at alpha 0.01");
    }

    #[test]
    fn serial_correlation_keeps_false_alarms_near_alpha() {
        // AR(1) noise with φ = 0.6 and no change: the plain t-test rejects far more often
        // than alpha, the corrected one close to it.
        let mut rng = crate::stats::Rng::new(4);
        let (mut plain, mut corrected) = (0, 0);
        for _ in 0..500 {
            let mut e = rng.normal();
            let values: Vec<f64> = (0..60)
                .map(|_| {
                    e = 0.6 * e + 0.8 * rng.normal();
                    100.0 + e
                })
                .collect();
            let p = prefix(&values);
            plain += usize::from(p.t_test(0, 30, 60, false, false) < 0.01);
            corrected += usize::from(p.t_test(0, 30, 60, false, true) < 0.01);
        }
        assert!(plain > 60, "{plain}");
        assert!(corrected < 25, "{corrected}");
    }

    #[test]
    fn lag_covariance_and_truncation_are_exact() {
        let values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
        let p = prefix(&values);
        let (a, b) = (2, 7);
        let m = values[a..b].iter().sum::<f64>() / 5.0;
        let want: f64 = (a + 1..b)
            .map(|t| (values[t] - m) * (values[t - 1] - m))
            .sum();
        assert!((p.lag_cov(a, b) - want).abs() < 1e-9);
        let mut q = prefix(&values);
        q.truncate(5);
        for &v in &values[5..] {
            q.push(v, &SampleSums::default());
        }
        assert_eq!(q.s1, p.s1);
        assert_eq!(q.lag, p.lag);
    }

    #[test]
    fn median_of_even_and_odd() {
        let mut s = Vec::new();
        assert_eq!(median(&[3.0, 1.0, 2.0], &mut s), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0], &mut s), 2.5);
    }
}
