//! The DORA keys, asked the way DORA asks them, and the team placed against a report year's
//! performance clusters.
//!
//! The clusters are a statistical grouping redone every year, not a maturity ladder: "High" in
//! 2023 is not "High" in 2024. The classification says which cluster's typical values the
//! team's answers are closest to, metric by metric, and shows all of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MetricKind {
    /// Answer buckets ordered from the slowest/worst to the fastest/best.
    Bucket { buckets: Vec<Bucket> },
    /// A percentage 0–100; lower is better.
    Percent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub group: String,
    pub question: String,
    pub kind: MetricKind,
}

/// A cluster's typical value for one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ClusterValue {
    Percent(f64),
    Bucket(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub name: String,
    pub share: String,
    pub values: BTreeMap<String, ClusterValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterYear {
    pub year: u16,
    pub source: String,
    pub clusters: Vec<Cluster>,
}

/// Checked by the content crate: metric ids unique, every cluster value names a known bucket of
/// a bucket metric or is a 0–100 percentage of a percent metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoraModel {
    pub default_year: u16,
    pub note: String,
    pub metrics: Vec<Metric>,
    pub years: Vec<ClusterYear>,
}

/// A team's answer to one DORA question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum DoraAnswer {
    Bucket(String),
    Percent(f64),
    DontKnow,
}

/// One metric of the comparison table: the team's answer beside each cluster's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonRow {
    pub metric_id: String,
    pub metric: String,
    /// The metric's group in the content (`throughput`, `instability`).
    pub group: String,
    pub team: Option<String>,
    /// Cluster name → its value as text, in cluster order.
    pub clusters: Vec<(String, String)>,
    /// The clusters whose value for this metric is nearest the team's answer, in cluster order
    /// (several when the answer lies exactly between them; empty when it cannot be compared).
    pub nearest: Vec<String>,
}

/// The mean distance to one cluster over the metrics both the team and the cluster have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterDistance {
    pub cluster: String,
    /// 0 = the same answers, 1 = opposite ends; for display only: the nearest clusters are
    /// found on the exact values.
    pub mean: f64,
    /// How many metrics the mean is over.
    pub metrics: u32,
}

/// The placement by one group of metrics alone (throughput, or the instability metrics).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupPlacement {
    pub group: String,
    /// The group's display name: "Throughput", "Stability".
    pub name: String,
    /// Metrics of the group that could be compared.
    pub answered: u32,
    pub nearest: Vec<String>,
    /// "High", "between Medium and Low"; `None` when nothing in the group could be compared.
    pub verdict: Option<String>,
}

/// Two metrics point to clusters two or more apart in the year's cluster order, so no one
/// cluster describes the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixedProfile {
    /// The metric that points furthest up the cluster order, and where it points.
    pub best_metric: String,
    pub best: String,
    /// The metric that points furthest down, and where it points.
    pub worst_metric: String,
    pub worst: String,
    /// One sentence for the reader.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub year: u16,
    /// The clusters at the smallest mean distance, in cluster order: one, or several when the
    /// answers are exactly as near to each (a tie is reported, not broken). Empty when fewer
    /// than [`MIN_COMPARABLE`] metrics could be compared.
    pub nearest: Vec<String>,
    /// The nearest clusters in words: "Elite", "between Medium and Low"; `None` when
    /// `nearest` is empty.
    pub verdict: Option<String>,
    /// Mean distance to each cluster that shares at least one answered metric, in cluster
    /// order. Empty when nothing could be compared.
    pub distances: Vec<ClusterDistance>,
    /// How many metrics the classification rests on (answered and comparable).
    pub answered: u32,
    /// How many metrics the model asks.
    pub metrics: u32,
    /// The placement by throughput and by stability metrics separately, in content order.
    pub groups: Vec<GroupPlacement>,
    /// Set when the metrics point to clusters two or more apart.
    pub mixed: Option<MixedProfile>,
    /// The per-metric table: the main display.
    pub rows: Vec<ComparisonRow>,
    pub note: String,
}

/// Fewer comparable answers than this and no cluster is named.
pub const MIN_COMPARABLE: u32 = 2;
/// Hundredths of a percentage point at which two change fail rates count as fully apart (50
/// points).
const PERCENT_SCALE: u64 = 5_000;

impl DoraModel {
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn year(&self, year: u16) -> Option<&ClusterYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Checks that the model has clusters for `year`; the message names the years it has.
    pub fn check_year(&self, year: u16) -> Result<(), String> {
        if self.year(year).is_some() {
            return Ok(());
        }
        let known: Vec<String> = self.years.iter().map(|y| y.year.to_string()).collect();
        Err(format!(
            "there are no DORA clusters for {year}; choose one of {}",
            known.join(", ")
        ))
    }

    /// Checks one answer against the metric; the message says what is wrong.
    pub fn check_answer(&self, metric_id: &str, answer: &DoraAnswer) -> Result<(), String> {
        let metric = self
            .metric(metric_id)
            .ok_or_else(|| format!("unknown DORA metric `{metric_id}`"))?;
        match (&metric.kind, answer) {
            (_, DoraAnswer::DontKnow) => Ok(()),
            (MetricKind::Bucket { buckets }, DoraAnswer::Bucket(b))
                if buckets.iter().any(|x| &x.id == b) =>
            {
                Ok(())
            }
            (MetricKind::Bucket { buckets }, _) => Err(format!(
                "{} (`{metric_id}`) takes one of: {}, or don't know (`dont-know`)",
                metric.name,
                buckets
                    .iter()
                    .map(|b| b.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            (MetricKind::Percent, DoraAnswer::Percent(p))
                if p.is_finite() && (0.0..=100.0).contains(p) =>
            {
                Ok(())
            }
            (MetricKind::Percent, _) => Err(format!(
                "{} (`{metric_id}`) takes a percentage from 0 to 100, or don't know (`dont-know`)",
                metric.name
            )),
        }
    }
}

fn value_label(metric: &Metric, value: &ClusterValue) -> String {
    match (value, &metric.kind) {
        (ClusterValue::Percent(p), _) => format!("{p:.0} %"),
        (ClusterValue::Bucket(id), MetricKind::Bucket { buckets }) => buckets
            .iter()
            .find(|b| &b.id == id)
            .map_or_else(|| id.clone(), |b| b.label.clone()),
        (ClusterValue::Bucket(id), MetricKind::Percent) => id.clone(),
    }
}

fn answer_label(metric: &Metric, answer: &DoraAnswer) -> Option<String> {
    match answer {
        DoraAnswer::DontKnow => None,
        DoraAnswer::Percent(p) => Some(format!("{p:.0} %")),
        DoraAnswer::Bucket(id) => Some(value_label(metric, &ClusterValue::Bucket(id.clone()))),
    }
}

/// The denominator of a metric's exact distances: the bucket span, or the percent scale.
fn denominator(metric: &Metric) -> u64 {
    match &metric.kind {
        MetricKind::Bucket { buckets } => buckets.len().saturating_sub(1).max(1) as u64,
        MetricKind::Percent => PERCENT_SCALE,
    }
}

/// A percentage in whole hundredths of a point, the unit percentages are compared in.
fn hundredths(p: f64) -> Option<u64> {
    (p.is_finite() && (0.0..=100.0).contains(&p)).then(|| (p * 100.0).round() as u64)
}

/// The exact distance between an answer and a cluster value, as a numerator over
/// [`denominator`]: 0 = identical, the denominator = opposite ends.
fn distance(metric: &Metric, answer: &DoraAnswer, value: &ClusterValue) -> Option<u64> {
    match (&metric.kind, answer, value) {
        (MetricKind::Bucket { buckets }, DoraAnswer::Bucket(a), ClusterValue::Bucket(c)) => {
            let pos = |id: &str| buckets.iter().position(|b| b.id == id);
            Some(pos(a)?.abs_diff(pos(c)?) as u64)
        }
        (MetricKind::Percent, DoraAnswer::Percent(a), ClusterValue::Percent(c)) => {
            Some(hundredths(*a)?.abs_diff(hundredths(*c)?).min(PERCENT_SCALE))
        }
        _ => None,
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The names in words: "Elite", "between Medium and Low", "between High, Medium and Low".
pub fn verdict(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("between {} and {last}", rest.join(", "))),
    }
}

/// Sums of exact distances per cluster, each over a common denominator.
struct Totals {
    /// (sum of numerators scaled to the common denominator, metrics counted), per cluster.
    sums: Vec<(u128, u32)>,
    common: u64,
}

impl Totals {
    fn new(clusters: usize, common: u64) -> Self {
        Totals {
            sums: vec![(0, 0); clusters],
            common,
        }
    }

    fn add(&mut self, cluster: usize, numerator: u64, denominator: u64) {
        let scaled = u128::from(numerator) * u128::from(self.common / denominator);
        self.sums[cluster].0 += scaled;
        self.sums[cluster].1 += 1;
    }

    /// Indexes of the clusters with the smallest mean, compared exactly: a/n < b/m ⇔ a·m < b·n.
    fn nearest(&self) -> Vec<usize> {
        let counted = || self.sums.iter().enumerate().filter(|(_, s)| s.1 > 0);
        let Some((_, best)) = counted()
            .min_by(|(_, a), (_, b)| (a.0 * u128::from(b.1)).cmp(&(b.0 * u128::from(a.1))))
        else {
            return Vec::new();
        };
        counted()
            .filter(|(_, s)| s.0 * u128::from(best.1) == best.0 * u128::from(s.1))
            .map(|(i, _)| i)
            .collect()
    }

    fn mean(&self, cluster: usize) -> Option<f64> {
        let (sum, n) = self.sums[cluster];
        (n > 0).then(|| sum as f64 / (self.common as f64 * f64::from(n)))
    }
}

fn group_name(group: &str) -> String {
    match group {
        "throughput" => "Throughput".into(),
        "instability" | "stability" => "Stability".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Places the answers against the clusters of `year` (the model's default when `None`).
///
/// Distances are exact: a bucket answer is a whole number of steps over the bucket span, a
/// percentage a whole number of hundredths of a point over 50 points, and means are compared by
/// cross-multiplying integers. Clusters at exactly the same mean distance are all reported.
pub fn classify(
    model: &DoraModel,
    year: Option<u16>,
    answers: &BTreeMap<String, DoraAnswer>,
) -> Option<Classification> {
    let year = model.year(year.unwrap_or(model.default_year))?;
    let names: Vec<String> = year.clusters.iter().map(|c| c.name.clone()).collect();
    let common = model
        .metrics
        .iter()
        .map(denominator)
        .fold(1u64, |l, d| l / gcd(l, d) * d);
    let mut totals = Totals::new(names.len(), common);
    let mut groups: Vec<(String, Totals, u32)> = Vec::new();
    let mut comparable = 0;
    let mut rows = Vec::new();
    // (metric name, indexes of its nearest clusters), for the mixed-profile check.
    let mut pointing: Vec<(String, Vec<usize>)> = Vec::new();
    for metric in &model.metrics {
        let answer = answers.get(&metric.id);
        let den = denominator(metric);
        let mut own = Totals::new(names.len(), den);
        let mut clusters = Vec::new();
        let gi = match groups.iter().position(|g| g.0 == metric.group) {
            Some(i) => i,
            None => {
                groups.push((metric.group.clone(), Totals::new(names.len(), common), 0));
                groups.len() - 1
            }
        };
        for (i, cluster) in year.clusters.iter().enumerate() {
            let value = cluster.values.get(&metric.id);
            clusters.push((
                cluster.name.clone(),
                value.map_or_else(|| "—".to_string(), |v| value_label(metric, v)),
            ));
            if let (Some(a), Some(v)) = (answer, value) {
                if let Some(d) = distance(metric, a, v) {
                    totals.add(i, d, den);
                    groups[gi].1.add(i, d, den);
                    own.add(i, d, den);
                }
            }
        }
        let nearest = own.nearest();
        if !nearest.is_empty() {
            comparable += 1;
            groups[gi].2 += 1;
            pointing.push((metric.name.clone(), nearest.clone()));
        }
        rows.push(ComparisonRow {
            metric_id: metric.id.clone(),
            metric: metric.name.clone(),
            group: metric.group.clone(),
            team: answer.and_then(|a| answer_label(metric, a)),
            clusters,
            nearest: nearest.iter().map(|&i| names[i].clone()).collect(),
        });
    }
    let distances = (0..names.len())
        .filter_map(|i| {
            totals.mean(i).map(|mean| ClusterDistance {
                cluster: names[i].clone(),
                mean,
                metrics: totals.sums[i].1,
            })
        })
        .collect();
    let nearest: Vec<String> = if comparable >= MIN_COMPARABLE {
        totals
            .nearest()
            .into_iter()
            .map(|i| names[i].clone())
            .collect()
    } else {
        Vec::new()
    };
    let groups = groups
        .into_iter()
        .map(|(group, t, answered)| {
            let nearest: Vec<String> = t.nearest().into_iter().map(|i| names[i].clone()).collect();
            GroupPlacement {
                name: group_name(&group),
                group,
                answered,
                verdict: verdict(&nearest),
                nearest,
            }
        })
        .collect();
    Some(Classification {
        year: year.year,
        verdict: verdict(&nearest),
        nearest,
        distances,
        answered: comparable,
        metrics: model.metrics.len() as u32,
        groups,
        mixed: mixed(&pointing, &names),
        rows,
        note: model.note.clone(),
    })
}

/// Mixed when, even reading each metric's ties in the kindest way, one metric points two or
/// more clusters further along the year's order than another.
fn mixed(pointing: &[(String, Vec<usize>)], names: &[String]) -> Option<MixedProfile> {
    // The best metric is the one whose worst-placed nearest cluster is highest up; the worst
    // the one whose best-placed nearest cluster is lowest down.
    let best = pointing
        .iter()
        .min_by_key(|(_, n)| n.iter().max().copied().unwrap_or(0))?;
    let worst = pointing
        .iter()
        .max_by_key(|(_, n)| n.iter().min().copied().unwrap_or(0))?;
    let hi = best.1.iter().max().copied()?;
    let lo = worst.1.iter().min().copied()?;
    if lo < hi + 2 {
        return None;
    }
    let words = |n: &[usize]| {
        verdict(&n.iter().map(|&i| names[i].clone()).collect::<Vec<_>>()).unwrap_or_default()
    };
    let (best_at, worst_at) = (words(&best.1), words(&worst.1));
    Some(MixedProfile {
        message: format!(
            "Mixed profile: {} is nearest {best_at} but {} is nearest {worst_at}, two or more clusters apart, so no single cluster describes the team. Read the keys one by one.",
            best.0, worst.0
        ),
        best_metric: best.0.clone(),
        best: best_at,
        worst_metric: worst.0.clone(),
        worst: worst_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six frequency buckets (a span of 5, as in the real model) and a change fail rate.
    fn model() -> DoraModel {
        let buckets = |ids: &[&str]| MetricKind::Bucket {
            buckets: ids
                .iter()
                .map(|id| Bucket {
                    id: id.to_string(),
                    label: id.to_uppercase(),
                })
                .collect(),
        };
        let metric = |id: &str, group: &str, kind| Metric {
            id: id.into(),
            name: id.into(),
            group: group.into(),
            question: String::new(),
            kind,
        };
        let cluster = |name: &str, df: &str, cfr: f64| Cluster {
            name: name.into(),
            share: String::new(),
            values: [
                ("df".to_string(), ClusterValue::Bucket(df.into())),
                ("cfr".to_string(), ClusterValue::Percent(cfr)),
            ]
            .into(),
        };
        DoraModel {
            default_year: 2024,
            note: "not a ladder".into(),
            metrics: vec![
                metric(
                    "df",
                    "throughput",
                    buckets(&[
                        "rare",
                        "half-yearly",
                        "monthly",
                        "weekly",
                        "daily",
                        "hourly",
                    ]),
                ),
                metric("cfr", "instability", MetricKind::Percent),
            ],
            years: vec![ClusterYear {
                year: 2024,
                source: String::new(),
                clusters: vec![
                    cluster("Elite", "daily", 5.0),
                    cluster("Medium", "weekly", 10.0),
                    cluster("Low", "monthly", 40.0),
                ],
            }],
        }
    }

    fn answers(df: DoraAnswer, cfr: DoraAnswer) -> BTreeMap<String, DoraAnswer> {
        [("df".to_string(), df), ("cfr".to_string(), cfr)].into()
    }

    fn bucket(id: &str) -> DoraAnswer {
        DoraAnswer::Bucket(id.into())
    }

    #[test]
    fn only_a_year_with_clusters_can_be_chosen() {
        let m = model();
        let year = m.years[0].year;
        assert_eq!(m.check_year(year), Ok(()));
        let err = m.check_year(1999).unwrap_err();
        assert!(
            err.contains("no DORA clusters for 1999") && err.contains(&year.to_string()),
            "names the years there are: {err}"
        );
    }

    #[test]
    fn a_slow_unstable_team_is_nearest_to_low() {
        let c = classify(
            &model(),
            None,
            &answers(bucket("monthly"), DoraAnswer::Percent(38.0)),
        )
        .unwrap();
        // Low: 0 steps + 2 points; Medium: 1 of 5 steps + 28 of 50 points.
        assert_eq!(c.nearest, ["Low"]);
        assert_eq!(c.verdict.as_deref(), Some("Low"));
        assert_eq!((c.answered, c.metrics), (2, 2));
        assert_eq!(
            c.rows[0].team.as_deref(),
            Some("MONTHLY"),
            "answers are shown with their labels"
        );
        assert_eq!(
            c.rows[1].clusters[0],
            ("Elite".to_string(), "5 %".to_string())
        );
        let low = &c.distances[2];
        assert_eq!((low.cluster.as_str(), low.metrics), ("Low", 2));
        assert!((low.mean - 0.02).abs() < 1e-12, "(0 + 2/50) / 2");
    }

    #[test]
    fn an_exact_tie_is_reported_as_a_tie() {
        // Medium: 0 steps + 20 of 50 points = 0.4; Low: 1 of 5 steps + 10 of 50 points = 0.4.
        let c = classify(
            &model(),
            None,
            &answers(bucket("weekly"), DoraAnswer::Percent(30.0)),
        )
        .unwrap();
        assert_eq!(c.nearest, ["Medium", "Low"]);
        assert_eq!(c.verdict.as_deref(), Some("between Medium and Low"));
        // The change fail rate alone: 30 % is 20 points from Medium and 10 from Low.
        assert_eq!(c.rows[1].nearest, ["Low"]);
        // Hundredths of a point count: 29.99 % is no longer a tie.
        let c = classify(
            &model(),
            None,
            &answers(bucket("weekly"), DoraAnswer::Percent(29.99)),
        )
        .unwrap();
        assert_eq!(c.nearest, ["Medium"]);
    }

    #[test]
    fn a_metric_between_two_clusters_names_both() {
        let c = classify(
            &model(),
            None,
            &answers(bucket("weekly"), DoraAnswer::Percent(25.0)),
        )
        .unwrap();
        assert_eq!(
            c.rows[1].nearest,
            ["Medium", "Low"],
            "25 % is 15 points from 10 % and from 40 %"
        );
        assert_eq!(
            verdict(&["A".into(), "B".into(), "C".into()]).unwrap(),
            "between A, B and C"
        );
    }

    #[test]
    fn one_answer_or_dont_know_names_no_cluster() {
        let c = classify(
            &model(),
            Some(2024),
            &answers(bucket("daily"), DoraAnswer::DontKnow),
        )
        .unwrap();
        assert!(
            c.nearest.is_empty() && c.verdict.is_none(),
            "one comparable metric is not enough to name a cluster"
        );
        assert_eq!(c.answered, 1);
        assert_eq!(c.distances.len(), 3, "the one metric still has distances");
        assert!(
            classify(
                &model(),
                Some(1999),
                &answers(bucket("daily"), DoraAnswer::DontKnow)
            )
            .is_none(),
            "unknown year"
        );
    }

    #[test]
    fn nothing_comparable_reports_no_distances() {
        let c = classify(
            &model(),
            None,
            &answers(DoraAnswer::DontKnow, DoraAnswer::DontKnow),
        )
        .unwrap();
        assert_eq!(c.answered, 0);
        assert!(c.distances.is_empty(), "not 1.0 to every cluster");
        assert!(c.nearest.is_empty() && c.mixed.is_none());
        assert!(c
            .groups
            .iter()
            .all(|g| g.verdict.is_none() && g.answered == 0));
        assert!(c
            .rows
            .iter()
            .all(|r| r.nearest.is_empty() && r.team.is_none()));
    }

    #[test]
    fn throughput_and_stability_are_placed_separately_and_a_mixed_profile_is_flagged() {
        // Deploys daily (Elite) with a 40 % change fail rate (Low): two clusters apart.
        let c = classify(
            &model(),
            None,
            &answers(bucket("daily"), DoraAnswer::Percent(40.0)),
        )
        .unwrap();
        let groups: Vec<(&str, u32, Option<&str>)> = c
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.answered, g.verdict.as_deref()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Throughput", 1, Some("Elite")),
                ("Stability", 1, Some("Low"))
            ]
        );
        let mixed = c.mixed.expect("Elite and Low are two clusters apart");
        assert_eq!(
            (mixed.best_metric.as_str(), mixed.best.as_str()),
            ("df", "Elite")
        );
        assert_eq!(
            (mixed.worst_metric.as_str(), mixed.worst.as_str()),
            ("cfr", "Low")
        );
        // Weekly (Medium) with 40 % (Low): neighbours, not mixed.
        let c = classify(
            &model(),
            None,
            &answers(bucket("weekly"), DoraAnswer::Percent(40.0)),
        )
        .unwrap();
        assert!(c.mixed.is_none());
        // 25 % lies exactly between Medium and Low; read kindly, Medium is next to Elite, so a
        // daily deployer with 25 % is not flagged.
        let c = classify(
            &model(),
            None,
            &answers(bucket("daily"), DoraAnswer::Percent(25.0)),
        )
        .unwrap();
        assert_eq!(c.rows[1].nearest, ["Medium", "Low"]);
        assert!(c.mixed.is_none());
    }

    #[test]
    fn answers_are_checked_against_the_metric() {
        let m = model();
        assert!(m.check_answer("df", &bucket("weekly")).is_ok());
        assert_eq!(
            m.check_answer("df", &bucket("often")).unwrap_err(),
            "df (`df`) takes one of: rare, half-yearly, monthly, weekly, daily, hourly, or don't know (`dont-know`)"
        );
        assert_eq!(
            m.check_answer("cfr", &DoraAnswer::Percent(120.0))
                .unwrap_err(),
            "cfr (`cfr`) takes a percentage from 0 to 100, or don't know (`dont-know`)"
        );
        assert!(m.check_answer("mttr", &DoraAnswer::DontKnow).is_err());
    }
}
