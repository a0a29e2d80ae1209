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
    pub team: Option<String>,
    /// Cluster name → its value as text, in cluster order.
    pub clusters: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub year: u16,
    /// The nearest cluster, or `None` when fewer than two comparable metrics were answered.
    pub cluster: Option<String>,
    /// Mean distance (0 = identical, 1 = opposite ends) to each cluster, in cluster order.
    pub distances: Vec<(String, f64)>,
    pub answered: u32,
    pub rows: Vec<ComparisonRow>,
    pub note: String,
}

/// Fewer comparable answers than this and no cluster is named.
pub const MIN_COMPARABLE: u32 = 2;
/// Percentage points at which two change fail rates count as fully apart.
const PERCENT_SCALE: f64 = 50.0;

impl DoraModel {
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn year(&self, year: u16) -> Option<&ClusterYear> {
        self.years.iter().find(|y| y.year == year)
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
                "`{metric_id}` takes one of: {}, or dont-know",
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
                "`{metric_id}` takes a percentage from 0 to 100, or dont-know"
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

/// Distance 0..=1 between an answer and a cluster value of the same metric.
fn distance(metric: &Metric, answer: &DoraAnswer, value: &ClusterValue) -> Option<f64> {
    match (&metric.kind, answer, value) {
        (MetricKind::Bucket { buckets }, DoraAnswer::Bucket(a), ClusterValue::Bucket(c)) => {
            let pos = |id: &str| buckets.iter().position(|b| b.id == id);
            let (a, c) = (pos(a)?, pos(c)?);
            let span = buckets.len().saturating_sub(1).max(1) as f64;
            Some((a as f64 - c as f64).abs() / span)
        }
        (MetricKind::Percent, DoraAnswer::Percent(a), ClusterValue::Percent(c)) => {
            Some(((a - c).abs() / PERCENT_SCALE).min(1.0))
        }
        _ => None,
    }
}

/// Places the answers against the clusters of `year` (the model's default when `None`).
pub fn classify(
    model: &DoraModel,
    year: Option<u16>,
    answers: &BTreeMap<String, DoraAnswer>,
) -> Option<Classification> {
    let year = model.year(year.unwrap_or(model.default_year))?;
    let mut totals = vec![(0.0f64, 0u32); year.clusters.len()];
    let mut comparable = 0;
    let mut rows = Vec::new();
    for metric in &model.metrics {
        let answer = answers.get(&metric.id);
        let mut counted = false;
        let mut clusters = Vec::new();
        for (i, cluster) in year.clusters.iter().enumerate() {
            let value = cluster.values.get(&metric.id);
            clusters.push((
                cluster.name.clone(),
                value.map_or_else(|| "—".to_string(), |v| value_label(metric, v)),
            ));
            if let (Some(a), Some(v)) = (answer, value) {
                if let Some(d) = distance(metric, a, v) {
                    totals[i].0 += d;
                    totals[i].1 += 1;
                    counted = true;
                }
            }
        }
        if counted {
            comparable += 1;
        }
        rows.push(ComparisonRow {
            metric_id: metric.id.clone(),
            metric: metric.name.clone(),
            team: answer.and_then(|a| answer_label(metric, a)),
            clusters,
        });
    }
    let distances: Vec<(String, f64)> = year
        .clusters
        .iter()
        .zip(&totals)
        .map(|(c, (sum, n))| {
            (
                c.name.clone(),
                if *n == 0 { 1.0 } else { sum / f64::from(*n) },
            )
        })
        .collect();
    let cluster = (comparable >= MIN_COMPARABLE)
        .then(|| {
            distances
                .iter()
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(name, _)| name.clone())
        })
        .flatten();
    Some(Classification {
        year: year.year,
        cluster,
        distances,
        answered: comparable,
        rows,
        note: model.note.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let metric = |id: &str, kind| Metric {
            id: id.into(),
            name: id.into(),
            group: "throughput".into(),
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
                metric("df", buckets(&["rare", "monthly", "weekly", "daily"])),
                metric("cfr", MetricKind::Percent),
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

    #[test]
    fn a_slow_unstable_team_is_nearest_to_low() {
        let answers = [
            ("df".to_string(), DoraAnswer::Bucket("monthly".into())),
            ("cfr".to_string(), DoraAnswer::Percent(38.0)),
        ]
        .into();
        let c = classify(&model(), None, &answers).unwrap();
        assert_eq!(c.cluster.as_deref(), Some("Low"));
        assert_eq!(
            c.rows[0].team.as_deref(),
            Some("MONTHLY"),
            "answers are shown with their labels"
        );
        assert_eq!(
            c.rows[1].clusters[0],
            ("Elite".to_string(), "5 %".to_string())
        );
    }

    #[test]
    fn one_answer_or_dont_know_names_no_cluster() {
        let answers = [
            ("df".to_string(), DoraAnswer::Bucket("daily".into())),
            ("cfr".to_string(), DoraAnswer::DontKnow),
        ]
        .into();
        let c = classify(&model(), Some(2024), &answers).unwrap();
        assert_eq!(
            c.cluster, None,
            "one comparable metric is not enough to name a cluster"
        );
        assert_eq!(c.answered, 1);
        assert!(
            classify(&model(), Some(1999), &answers).is_none(),
            "unknown year"
        );
    }

    #[test]
    fn answers_are_checked_against_the_metric() {
        let m = model();
        assert!(m
            .check_answer("df", &DoraAnswer::Bucket("weekly".into()))
            .is_ok());
        assert_eq!(
            m.check_answer("df", &DoraAnswer::Bucket("often".into()))
                .unwrap_err(),
            "`df` takes one of: rare, monthly, weekly, daily, or dont-know"
        );
        assert!(m.check_answer("cfr", &DoraAnswer::Percent(120.0)).is_err());
        assert!(m.check_answer("mttr", &DoraAnswer::DontKnow).is_err());
    }
}
