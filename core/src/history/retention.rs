//! Retention: which runs to keep when a history is pruned. Pure: runs and a reference time in,
//! a plan out; `prune` applies it.
//!
//! Rules apply per *stream*, the runs of one branch, tool format and environment
//! (fingerprint), so a flood of pull-request runs never pushes the main branch's history out,
//! nor do one suite's runs push out another's. In each stream,
//! newest first:
//!
//! 1. the newest run is always kept, whatever the options;
//! 2. the newest `keep_last` runs are kept;
//! 3. runs newer than `keep_days` days before `now` are kept;
//! 4. beyond those, with `thin`, the newest run of each UTC day (or ISO week, Monday to
//!    Sunday) is kept, unless a run kept by 1–3 already falls in that day or week;
//! 5. everything else is removed.
//!
//! Times are [`HistoryRun::order_time`]. Cost: O(n log n) for the sort.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::load::HistoryRun;
use crate::error::{Error, Result};
use crate::time::{format_rfc3339, parse_rfc3339};

const DAY_MS: i64 = 86_400_000;

/// Thinning granularity beyond the kept window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Thin {
    /// One run per UTC calendar day.
    Day,
    /// One run per ISO week (Monday to Sunday, UTC).
    Week,
}

/// How much history to keep. At least one of the three must be set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionOptions {
    /// Keep the newest N runs of each stream (branch, format, environment; N ≥ 1).
    pub keep_last: Option<usize>,
    /// Keep every run newer than this many days before `now` (≥ 1).
    pub keep_days: Option<u64>,
    /// Beyond those, keep one run per day or week.
    pub thin: Option<Thin>,
}

impl RetentionOptions {
    /// Check that the options say something and make sense.
    pub fn validate(&self) -> Result<()> {
        if self.keep_last.is_none() && self.keep_days.is_none() && self.thin.is_none() {
            return Err(Error::option(
                "keep_last",
                "give keep_last, keep_days or thin (nothing would say what to keep)",
            ));
        }
        if self.keep_last == Some(0) {
            return Err(Error::option("keep_last", "must be at least 1"));
        }
        if let Some(d) = self.keep_days {
            if !(1..=36_500).contains(&d) {
                return Err(Error::option("keep_days", "must be between 1 and 36500"));
            }
        }
        Ok(())
    }
}

/// A run the plan removes, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// The run's id.
    pub id: String,
    /// Its branch.
    pub branch: Option<String>,
    /// Its commit.
    pub commit: Option<String>,
    /// Its order time, RFC 3339 UTC.
    pub time: String,
    /// Which rule let it go, in words.
    pub reason: String,
}

/// What pruning keeps and removes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPlan {
    /// Ids of the runs kept, in history order.
    pub keep: Vec<String>,
    /// The runs removed, in history order.
    pub remove: Vec<Removal>,
}

fn bucket(thin: Thin, t: i64) -> i64 {
    let day = t.div_euclid(DAY_MS);
    match thin {
        Thin::Day => day,
        // 1970-01-01 was a Thursday: shifting by 3 days starts weeks on Mondays.
        Thin::Week => (day + 3).div_euclid(7),
    }
}

fn bucket_label(thin: Thin, b: i64) -> String {
    let day_text = |day: i64| format_rfc3339(day * DAY_MS)[..10].to_string();
    match thin {
        Thin::Day => format!("day {}", day_text(b)),
        Thin::Week => format!("week of {}", day_text(b * 7 - 3)),
    }
}

fn stream_label(run: &HistoryRun) -> String {
    let branch = run.run.branch.as_deref().unwrap_or("(no branch)");
    format!(
        "branch '{branch}', {} on environment {}",
        run.run.source.format,
        run.run.environment.fingerprint()
    )
}

/// A stream's key: branch, tool format and environment fingerprint.
type Stream<'a> = (Option<&'a str>, &'a str, String);

/// Plan retention of `runs` (any order) at `now` (RFC 3339, from the caller).
pub fn plan_retention(
    runs: &[HistoryRun],
    options: &RetentionOptions,
    now: &str,
) -> Result<RetentionPlan> {
    options.validate()?;
    let now_ms = parse_rfc3339(now).map_err(|m| Error::option("now", m))?;
    let horizon = options
        .keep_days
        .map(|d| now_ms.saturating_sub(i64::try_from(d).unwrap_or(i64::MAX) * DAY_MS));
    let mut streams: BTreeMap<Stream, Vec<(i64, &HistoryRun)>> = BTreeMap::new();
    for r in runs {
        let key = (
            r.run.branch.as_deref(),
            r.run.source.format.as_str(),
            r.run.environment.fingerprint(),
        );
        streams.entry(key).or_default().push((r.order_time(), r));
    }
    let mut removed: BTreeMap<&str, String> = BTreeMap::new();
    for members in streams.values_mut() {
        // Newest first; ties by id, descending, mirroring history order.
        members.sort_by(|a, b| (b.0, &b.1.run.id).cmp(&(a.0, &a.1.run.id)));
        let mut protected = vec![false; members.len()];
        for (i, (t, _)) in members.iter().enumerate() {
            protected[i] = i == 0
                || options.keep_last.is_some_and(|n| i < n)
                || horizon.is_some_and(|h| *t >= h);
        }
        let mut covered: HashSet<i64> = HashSet::new();
        if let Some(thin) = options.thin {
            for (i, (t, _)) in members.iter().enumerate() {
                if protected[i] {
                    covered.insert(bucket(thin, *t));
                }
            }
        }
        for (i, (t, r)) in members.iter().enumerate() {
            if protected[i] {
                continue;
            }
            if let Some(thin) = options.thin {
                if covered.insert(bucket(thin, *t)) {
                    continue; // the newest run of its day or week
                }
                let reason = format!(
                    "a newer run of the same {} on {} is kept",
                    bucket_label(thin, bucket(thin, *t)),
                    stream_label(r)
                );
                removed.insert(r.run.id.as_str(), reason);
                continue;
            }
            let mut why = Vec::new();
            if let Some(n) = options.keep_last {
                why.push(format!("beyond the newest {n} runs"));
            }
            if let Some(d) = options.keep_days {
                why.push(format!("older than {d} days"));
            }
            if why.is_empty() {
                why.push("not the newest run".into());
            }
            removed.insert(
                r.run.id.as_str(),
                format!("{} of {}", why.join(" and "), stream_label(r)),
            );
        }
    }
    let mut ordered: Vec<&HistoryRun> = runs.iter().collect();
    ordered.sort_by_cached_key(|r| (r.order_time(), r.run.id.clone()));
    let mut plan = RetentionPlan::default();
    for r in ordered {
        match removed.remove(r.run.id.as_str()) {
            Some(reason) => plan.remove.push(Removal {
                id: r.run.id.clone(),
                branch: r.run.branch.clone(),
                commit: r.run.commit.clone(),
                time: format_rfc3339(r.order_time()),
                reason,
            }),
            None => plan.keep.push(r.run.id.clone()),
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Run;

    /// A run of `branch` at `day` days + `hour` hours after 2026-01-05 (a Monday).
    fn at(branch: &str, day: i64, hour: i64) -> HistoryRun {
        let t = parse_rfc3339("2026-01-05T00:00:00Z").unwrap() + day * DAY_MS + hour * 3_600_000;
        let mut r = Run::new("t");
        r.branch = Some(branch.into());
        r.time = Some(format_rfc3339(t));
        HistoryRun {
            added_at: "2026-06-01T00:00:00Z".into(),
            run: r.finalize("t").unwrap(),
        }
    }

    fn kept_times(runs: &[HistoryRun], plan: &RetentionPlan) -> Vec<String> {
        runs.iter()
            .filter(|r| plan.keep.contains(&r.run.id))
            .map(|r| r.run.time.clone().unwrap()[..13].to_string())
            .collect()
    }

    #[test]
    fn keep_last_is_per_branch_and_keeps_the_newest() {
        let mut runs: Vec<_> = (0..5).map(|d| at("main", d, 0)).collect();
        runs.extend((0..50).map(|h| at("pr", 4, h)));
        let o = RetentionOptions {
            keep_last: Some(2),
            ..RetentionOptions::default()
        };
        let plan = plan_retention(&runs, &o, "2026-02-01T00:00:00Z").unwrap();
        assert_eq!(plan.keep.len(), 4);
        let main: Vec<_> = kept_times(&runs[..5], &plan);
        assert_eq!(main, vec!["2026-01-08T00", "2026-01-09T00"]);
        assert!(plan.remove[0]
            .reason
            .contains("beyond the newest 2 runs of branch 'main'"));
    }

    #[test]
    fn keep_days_alone_still_keeps_the_newest_run() {
        let runs: Vec<_> = (0..3).map(|d| at("main", d, 0)).collect();
        let o = RetentionOptions {
            keep_days: Some(7),
            ..RetentionOptions::default()
        };
        let plan = plan_retention(&runs, &o, "2027-01-01T00:00:00Z").unwrap();
        assert_eq!(kept_times(&runs, &plan), vec!["2026-01-07T00"]);
        let plan = plan_retention(&runs, &o, "2026-01-12T12:00:00Z").unwrap();
        assert_eq!(plan.keep.len(), 2); // days 1 and 2 are within 7 days
    }

    #[test]
    fn thinning_keeps_the_newest_run_of_each_day_or_week() {
        let mut runs = Vec::new();
        for day in 0..14 {
            for hour in [1, 9, 17] {
                runs.push(at("main", day, hour));
            }
        }
        let o = RetentionOptions {
            keep_last: Some(3),
            thin: Some(Thin::Day),
            ..RetentionOptions::default()
        };
        let plan = plan_retention(&runs, &o, "2026-02-01T00:00:00Z").unwrap();
        // The last day's three runs, then one (the 17:00 run) for each of the 13 days before.
        assert_eq!(plan.keep.len(), 3 + 13);
        assert!(kept_times(&runs, &plan).contains(&"2026-01-05T17".to_string()));
        assert!(!kept_times(&runs, &plan).contains(&"2026-01-05T09".to_string()));
        let weekly = RetentionOptions {
            keep_last: Some(1),
            thin: Some(Thin::Week),
            ..RetentionOptions::default()
        };
        let plan = plan_retention(&runs, &weekly, "2026-02-01T00:00:00Z").unwrap();
        // Two ISO weeks: the newest run overall (Sunday 18th) covers week 2, Sunday 11th week 1.
        assert_eq!(
            kept_times(&runs, &plan),
            vec!["2026-01-11T17", "2026-01-18T17"]
        );
        assert!(
            plan.remove[0].reason.contains("week of 2026-01-05"),
            "{:?}",
            plan.remove[0]
        );
    }

    #[test]
    fn options_must_say_something() {
        let e = plan_retention(&[], &RetentionOptions::default(), "2026-01-01").unwrap_err();
        assert_eq!(e.code(), "invalid-options");
        let o = RetentionOptions {
            keep_last: Some(0),
            ..RetentionOptions::default()
        };
        assert!(o.validate().is_err());
        let o = RetentionOptions {
            keep_last: Some(1),
            ..RetentionOptions::default()
        };
        assert!(plan_retention(&[], &o, "soon").is_err());
    }
}
