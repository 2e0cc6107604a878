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
//! all of its samples. A plain t-test over samples would call every run-to-run wobble a change.
//! So the sample count is shrunk by the design effect of a cluster sample (Kish 1965):
//! `n_eff = N / (1 + (s̄ − 1)·ICC)`, with the intra-class correlation estimated by one-way ANOVA
//! of the runs around their own segment's mean (Fisher's ICC(1)). When runs differ no more than
//! their samples do (ICC ≈ 0) the test uses every sample; when run-to-run variation dominates
//! (ICC ≈ 1) it reduces to the test over run means. Without samples on every point, with fewer
//! than three runs or without within-run spread, the test uses one value per point.
//!
//! Degenerate input: a side with no points gives p = 1; zero pooled variance gives p = 0 when
//! the means differ (beyond rounding) and p = 1 when they do not. Cost O(1) per test.

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::series::Point;

/// Relative tolerance under which two sums are the same number (rounding of prefix sums).
const EPS: f64 = 1e-12;

/// Prefix sums of a series' points. Appending a point is O(its samples).
#[derive(Debug, Clone, Default)]
pub(crate) struct Prefix {
    shift: Option<f64>,
    /// Largest |shifted value| seen: the scale of rounding errors.
    scale: f64,
    s1: Vec<f64>,
    s2: Vec<f64>,
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

impl Prefix {
    pub fn new() -> Self {
        Prefix {
            s1: vec![0.0],
            s2: vec![0.0],
            with_samples: vec![0],
            count: vec![0.0],
            y1: vec![0.0],
            y2: vec![0.0],
            yb: vec![0.0],
            runs_sq: vec![0.0],
            ..Prefix::default()
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.s1.len() - 1
    }

    /// Append a point (finite values are checked by the caller).
    pub fn push(&mut self, p: &Point) {
        let shift = *self.shift.get_or_insert(p.value);
        let v = p.value - shift;
        self.scale = self.scale.max(v.abs()).max(shift.abs());
        let last = |x: &Vec<f64>| x.last().copied().unwrap_or(0.0);
        self.s1.push(last(&self.s1) + v);
        self.s2.push(last(&self.s2) + v * v);
        let (mut c, mut a, mut b) = (0.0, 0.0, 0.0);
        for y in &p.samples {
            let y = y - shift;
            c += 1.0;
            a += y;
            b += y * y;
        }
        let has = u32::from(!p.samples.is_empty());
        self.with_samples
            .push(self.with_samples.last().copied().unwrap_or(0) + has);
        self.count.push(last(&self.count) + c);
        self.y1.push(last(&self.y1) + a);
        self.y2.push(last(&self.y2) + b);
        let between = if c > 0.0 { a * a / c } else { 0.0 };
        self.yb.push(last(&self.yb) + between);
        self.runs_sq.push(last(&self.runs_sq) + c * c);
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
        EPS * self.scale.max(f64::MIN_POSITIVE)
    }

    /// Two-sided p-value that points `a..b` and `b..c` share one mean (Student's t-test, on
    /// samples with the design effect when `use_samples` and every point has samples).
    pub fn t_test(&self, a: usize, b: usize, c: usize, use_samples: bool) -> f64 {
        if !(a < b && b < c) || c > self.len() {
            return 1.0;
        }
        if use_samples && self.with_samples[c] - self.with_samples[a] == (c - a) as u32 {
            if let Some(p) = self.sample_t_test(a, b, c) {
                return p;
            }
        }
        let (l, r) = (self.values(a, b), self.values(b, c));
        student(l.mean(), r.mean(), l.ss() + r.ss(), l.n, r.n, self.tiny())
    }

    fn sample_t_test(&self, a: usize, b: usize, c: usize) -> Option<f64> {
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
        // Average run size, corrected for unequal sizes as in one-way ANOVA.
        let runs_sq = self.runs_sq[c] - self.runs_sq[a];
        let s0 = ((total - runs_sq / total) / (runs - 1.0)).max(1.0);
        let icc = ((msb - msw) / (msb + (s0 - 1.0) * msw)).clamp(0.0, 1.0);
        let deff = 1.0 + (s0 - 1.0) * icc;
        Some(student(
            l.mean(),
            r.mean(),
            l.ss() + r.ss(),
            l.n / deff,
            r.n / deff,
            self.tiny(),
        ))
    }
}

/// Student's two-sample t-test from means, the pooled sum of squares (over `n1 + n2`
/// observations) and the (effective) sizes.
fn student(m1: f64, m2: f64, ss: f64, n1: f64, n2: f64, tiny: f64) -> f64 {
    let df = n1 + n2 - 2.0;
    if n1 <= 0.0 || n2 <= 0.0 || df <= 0.0 {
        return 1.0;
    }
    let diff = m2 - m1;
    let var = ss / df;
    let same = diff.abs() <= tiny;
    if var <= tiny * tiny {
        return if same { 1.0 } else { 0.0 };
    }
    let t = diff / (var * (1.0 / n1 + 1.0 / n2)).sqrt();
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
mod tests {
    use super::*;

    fn prefix(values: &[f64]) -> Prefix {
        let mut p = Prefix::new();
        for &v in values {
            p.push(&Point::value(v));
        }
        p
    }

    #[test]
    fn student_matches_the_t_distribution() {
        // [1, 2, 3, 4] vs [3, 4, 5, 6, 7]: pooled variance 15/7, t = 2.545875, df = 7; the
        // two-sided tail by Simpson integration of the t density is 0.0383337288.
        let p = prefix(&[1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 6.0, 7.0]);
        let v = p.t_test(0, 4, 9, true);
        assert!((v - 0.038_333_728_8).abs() < 1e-9, "{v}");
    }

    #[test]
    fn degenerate_segments() {
        let p = prefix(&[5.0; 6]);
        assert_eq!(p.t_test(0, 3, 6, true), 1.0);
        assert_eq!(p.sum_sq(0, 6), 0.0);
        let q = prefix(&[5.0, 5.0, 5.0, 6.0, 6.0, 6.0]);
        assert_eq!(q.t_test(0, 3, 6, true), 0.0);
        assert_eq!(q.t_test(0, 0, 6, true), 1.0);
        assert_eq!(q.t_test(0, 3, 7, true), 1.0);
        // One point against one point has no degrees of freedom.
        assert_eq!(q.t_test(2, 3, 4, true), 1.0);
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
            p.push(&Point {
                samples,
                ..Point::value(value)
            });
        }
        p
    }

    fn rejections(between: f64, within: f64, shift: f64, use_samples: bool) -> usize {
        (0..400)
            .filter(|&seed| clustered(seed, between, within, shift).t_test(0, 3, 6, use_samples) < 0.01)
            .count()
    }

    #[test]
    fn samples_add_power_when_runs_agree() {
        // Runs agree (between-run spread small): 120 samples find a shift three run values
        // per side rarely can.
        let by_samples = rejections(0.05, 2.0, 1.5, true);
        let by_points = rejections(0.05, 2.0, 1.5, false);
        assert!(by_samples > 250 && by_samples > 2 * by_points, "{by_samples} {by_points}");
    }

    #[test]
    fn samples_do_not_inflate_false_alarms_when_runs_disagree() {
        // Run-to-run spread dominates (ICC ≈ 1): a naive t-test over the samples would reject
        // almost always; with the design effect the false-alarm rate stays near alpha.
        let by_samples = rejections(3.0, 0.1, 0.0, true);
        assert!(by_samples <= 12, "{by_samples} of 400 at alpha 0.01");
    }

    #[test]
    fn median_of_even_and_odd() {
        let mut s = Vec::new();
        assert_eq!(median(&[3.0, 1.0, 2.0], &mut s), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0], &mut s), 2.5);
    }
}
