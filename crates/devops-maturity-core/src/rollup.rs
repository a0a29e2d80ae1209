//! The organisation's roll-up: what many teams' latest assessments say together. Pure: the
//! caller (`views::organisation`) gathers each team's latest and previous completed assessment,
//! already scored; nothing here reads a store or a clock.
//!
//! The rules:
//! - **Distribution**: per dimension, how many teams are at each level 1–5 (the level of the
//!   team's score, as everywhere), and how many have no score ("–": not enough answers, out of
//!   scope, or not assessed). Missing is never counted as a level and never as zero.
//! - **Median and IQR** of the teams' scores per dimension (and per group): quartiles by
//!   linear interpolation between the closest ranks (`Q(p)` at rank `p·(n−1)`, the spreadsheet
//!   `QUARTILE.INC`); none without a score.
//! - **Systemic gap**: a dimension where more than half of the teams with a score are below
//!   the bar — their own target when they set one for it, else level 3. Ranked by the share
//!   below, then by how many teams are below, then by the mean shortfall.
//! - **Outlier**: a team whose score in a dimension is [`OUTLIER_DISTANCE`] or more away from
//!   its group's median, in a group with at least [`MIN_GROUP_FOR_OUTLIERS`] scored teams.
//! - **Movement**: between a team's previous and latest completed assessments, a change of at
//!   least [`MOVEMENT`] (half a level) in a dimension or overall is an improvement or a decline;
//!   dimensions are matched by id, and a side without a score is no movement.
//! - **DORA**: each team's latest placement, counted by nearest cluster; a tie (equally near to
//!   several) and a mixed profile are counted under their own names, never split or guessed.
//! - **Coverage**: teams whose latest completed assessment is older than `covered_since`
//!   (or that have none).
//!
//! No respondent is named: the input holds no respondents.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

/// Half a level: the smallest change counted as movement.
pub const MOVEMENT: f64 = 0.5;
/// How far from its group's median a team's score must be to be an outlier.
pub const OUTLIER_DISTANCE: f64 = 1.0;
/// Groups smaller than this have no outliers: a median of two says little.
pub const MIN_GROUP_FOR_OUTLIERS: usize = 3;
/// Without a target, the bar for a systemic gap.
pub const DEFAULT_BAR: u8 = 3;

/// One dimension of one scored assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionInput {
    pub id: String,
    pub score: Option<f64>,
    pub level: Option<u8>,
    pub target: Option<u8>,
}

/// Where a team's DORA answers place it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum DoraPlacement {
    /// Nearest one cluster.
    Cluster(String),
    /// Equally near several: the verdict in words ("between High and Medium").
    Tie(String),
    /// Keys pointing two or more clusters apart.
    Mixed,
    /// Too few keys answered to place.
    Unplaced,
}

/// One completed assessment, scored against its own snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// Its UTC day.
    pub completed_on: NaiveDate,
    pub overall: Option<f64>,
    pub dimensions: Vec<DimensionInput>,
    /// `None` when the assessment asked no DORA questions.
    pub dora: Option<DoraPlacement>,
}

impl Snapshot {
    fn dimension(&self, id: &str) -> Option<&DimensionInput> {
        self.dimensions.iter().find(|d| d.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamInput {
    pub name: String,
    pub group: Option<String>,
    pub latest: Option<Snapshot>,
    pub previous: Option<Snapshot>,
}

/// A dimension to roll up: its id and its name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionName {
    pub id: String,
    pub name: String,
}

/// Counts and spread of one dimension over a set of teams.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    /// Teams at level 1, 2, 3, 4, 5.
    pub levels: [u32; 5],
    /// Teams without a score ("–").
    pub missing: u32,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSpread {
    /// `None`: the teams in no group.
    pub group: Option<String>,
    pub spread: Spread,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionRollup {
    pub id: String,
    pub name: String,
    pub all: Spread,
    pub groups: Vec<GroupSpread>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SystemicGap {
    pub dimension: String,
    /// Teams below their bar, of `scored`.
    pub below: u32,
    pub scored: u32,
    /// Of `below`, how many were measured against their own target (the rest against level 3).
    pub against_target: u32,
    /// Mean of (bar − score) over the teams below.
    pub mean_shortfall: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    pub team: String,
    pub group: String,
    pub dimension: String,
    pub score: f64,
    pub group_median: f64,
    /// score − group median: negative below the group.
    pub difference: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub team: String,
    /// The dimension's name, or `None` for the overall score.
    pub dimension: Option<String>,
    pub before: f64,
    pub after: f64,
}

impl Move {
    pub fn change(&self) -> f64 {
        self.after - self.before
    }
}

/// Per dimension (and overall): how many teams moved up, down, or could be compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovementCount {
    /// `None` for the overall score.
    pub dimension: Option<String>,
    pub improved: u32,
    pub declined: u32,
    /// Teams with a score on both sides.
    pub compared: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Movement {
    /// Overall first, then the dimensions in order.
    pub counts: Vec<MovementCount>,
    /// Every move of at least half a level, largest change first.
    pub improved: Vec<Move>,
    pub declined: Vec<Move>,
    /// Teams with two completed assessments.
    pub teams_compared: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoraCount {
    /// A cluster's name, a tie in words, "mixed" or "not placed".
    pub placement: DoraPlacement,
    pub teams: u32,
    /// Per group (`None`: no group), in the groups' order.
    pub by_group: Vec<(Option<String>, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// Assessments from this day on count as recent (serialised `YYYY-MM-DD`).
    pub since: NaiveDate,
    /// Teams with no completed assessment since then: (team, its latest day if any).
    pub stale: Vec<(String, Option<NaiveDate>)>,
    pub teams: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    pub teams: u32,
    /// Teams with a completed assessment.
    pub assessed: u32,
    /// The groups in the order given, then `None` (no group) when some team has none.
    pub groups: Vec<Option<String>>,
    pub dimensions: Vec<DimensionRollup>,
    pub systemic_gaps: Vec<SystemicGap>,
    pub outliers: Vec<Outlier>,
    pub movement: Movement,
    pub dora: Vec<DoraCount>,
    pub coverage: Coverage,
}

/// `QUARTILE.INC`: the value at rank `p·(n−1)` of the sorted values, interpolated.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p * last as f64;
    let low = rank.floor() as usize;
    let high = rank.ceil() as usize;
    let fraction = rank - low as f64;
    Some(sorted[low] + (sorted[high] - sorted[low]) * fraction)
}

fn spread<'a>(dimension: &str, teams: impl Iterator<Item = &'a TeamInput>) -> Spread {
    let mut levels = [0; 5];
    let mut missing = 0;
    let mut scores = Vec::new();
    for team in teams {
        let d = team.latest.as_ref().and_then(|s| s.dimension(dimension));
        match d.and_then(|d| d.score.zip(d.level)) {
            Some((score, level)) if (1..=5).contains(&level) => {
                levels[usize::from(level) - 1] += 1;
                scores.push(score);
            }
            _ => missing += 1,
        }
    }
    scores.sort_by(f64::total_cmp);
    Spread {
        levels,
        missing,
        median: quantile(&scores, 0.5),
        q1: quantile(&scores, 0.25),
        q3: quantile(&scores, 0.75),
    }
}

/// Rolls up `teams` over `dimensions`. `groups` gives the groups' order (natural order of
/// names, from the caller), `clusters` the DORA clusters' order (the report year's, best
/// first); `covered_since` is the first day that counts as recent.
pub fn rollup(
    dimensions: &[DimensionName],
    groups: &[String],
    clusters: &[String],
    teams: &[TeamInput],
    covered_since: NaiveDate,
) -> Rollup {
    let mut group_order: Vec<Option<String>> = groups.iter().cloned().map(Some).collect();
    if teams.iter().any(|t| t.group.is_none()) {
        group_order.push(None);
    }
    let in_group = |g: &Option<String>| {
        let g = g.clone();
        move |t: &&TeamInput| t.group == g
    };

    let dimension_rollups = dimensions
        .iter()
        .map(|d| DimensionRollup {
            id: d.id.clone(),
            name: d.name.clone(),
            all: spread(&d.id, teams.iter()),
            groups: group_order
                .iter()
                .map(|g| GroupSpread {
                    group: g.clone(),
                    spread: spread(&d.id, teams.iter().filter(in_group(g))),
                })
                .collect(),
        })
        .collect();

    Rollup {
        teams: teams.len() as u32,
        assessed: teams.iter().filter(|t| t.latest.is_some()).count() as u32,
        dimensions: dimension_rollups,
        systemic_gaps: systemic_gaps(dimensions, teams),
        outliers: outliers(dimensions, groups, teams),
        movement: movement(dimensions, teams),
        dora: dora(&group_order, clusters, teams),
        coverage: coverage(teams, covered_since),
        groups: group_order,
    }
}

fn systemic_gaps(dimensions: &[DimensionName], teams: &[TeamInput]) -> Vec<SystemicGap> {
    let mut gaps: Vec<SystemicGap> = dimensions
        .iter()
        .filter_map(|d| {
            let (mut below, mut scored, mut against_target, mut shortfall) = (0, 0, 0, 0.0);
            for team in teams {
                let Some(dim) = team.latest.as_ref().and_then(|s| s.dimension(&d.id)) else {
                    continue;
                };
                let Some(score) = dim.score else { continue };
                scored += 1;
                let bar = f64::from(dim.target.unwrap_or(DEFAULT_BAR));
                if score < bar {
                    below += 1;
                    shortfall += bar - score;
                    if dim.target.is_some() {
                        against_target += 1;
                    }
                }
            }
            (below * 2 > scored).then(|| SystemicGap {
                dimension: d.name.clone(),
                below,
                scored,
                against_target,
                mean_shortfall: shortfall / f64::from(below),
            })
        })
        .collect();
    gaps.sort_by(|a, b| {
        let share = |g: &SystemicGap| f64::from(g.below) / f64::from(g.scored);
        share(b)
            .total_cmp(&share(a))
            .then(b.below.cmp(&a.below))
            .then(b.mean_shortfall.total_cmp(&a.mean_shortfall))
    });
    gaps
}

fn outliers(dimensions: &[DimensionName], groups: &[String], teams: &[TeamInput]) -> Vec<Outlier> {
    let mut found = Vec::new();
    for group in groups {
        let members: Vec<&TeamInput> = teams
            .iter()
            .filter(|t| t.group.as_ref() == Some(group))
            .collect();
        for d in dimensions {
            let scored: Vec<(&str, f64)> = members
                .iter()
                .filter_map(|t| {
                    let s = t.latest.as_ref()?.dimension(&d.id)?.score?;
                    Some((t.name.as_str(), s))
                })
                .collect();
            if scored.len() < MIN_GROUP_FOR_OUTLIERS {
                continue;
            }
            let mut sorted: Vec<f64> = scored.iter().map(|(_, s)| *s).collect();
            sorted.sort_by(f64::total_cmp);
            let Some(median) = quantile(&sorted, 0.5) else {
                continue;
            };
            for (team, score) in scored {
                let difference = score - median;
                if difference.abs() >= OUTLIER_DISTANCE {
                    found.push(Outlier {
                        team: team.to_string(),
                        group: group.clone(),
                        dimension: d.name.clone(),
                        score,
                        group_median: median,
                        difference,
                    });
                }
            }
        }
    }
    found.sort_by(|a, b| b.difference.abs().total_cmp(&a.difference.abs()));
    found
}

fn movement(dimensions: &[DimensionName], teams: &[TeamInput]) -> Movement {
    let pairs: Vec<(&TeamInput, &Snapshot, &Snapshot)> = teams
        .iter()
        .filter_map(|t| Some((t, t.previous.as_ref()?, t.latest.as_ref()?)))
        .collect();
    let mut counts = Vec::new();
    let (mut improved, mut declined) = (Vec::new(), Vec::new());
    let mut count = |dimension: Option<&DimensionName>,
                     value: &dyn Fn(&Snapshot) -> Option<f64>| {
        let mut c = MovementCount {
            dimension: dimension.map(|d| d.name.clone()),
            improved: 0,
            declined: 0,
            compared: 0,
        };
        for (team, before, after) in &pairs {
            let (Some(b), Some(a)) = (value(before), value(after)) else {
                continue;
            };
            c.compared += 1;
            let m = Move {
                team: team.name.clone(),
                dimension: c.dimension.clone(),
                before: b,
                after: a,
            };
            // Rounded to hundredths so 2.5 → 3.0 counts whatever the float noise.
            let change = ((a - b) * 100.0).round() / 100.0;
            if change >= MOVEMENT {
                c.improved += 1;
                improved.push(m);
            } else if change <= -MOVEMENT {
                c.declined += 1;
                declined.push(m);
            }
        }
        counts.push(c);
    };
    count(None, &|s| s.overall);
    for d in dimensions {
        count(Some(d), &|s| s.dimension(&d.id).and_then(|x| x.score));
    }
    improved.sort_by(|a, b| b.change().total_cmp(&a.change()));
    declined.sort_by(|a, b| a.change().total_cmp(&b.change()));
    Movement {
        counts,
        improved,
        declined,
        teams_compared: pairs.len() as u32,
    }
}

fn dora(
    group_order: &[Option<String>],
    clusters: &[String],
    teams: &[TeamInput],
) -> Vec<DoraCount> {
    // Clusters first, in `clusters` order (a name it lacks after them, as first seen), then
    // ties, mixed and not placed.
    let mut counts: BTreeMap<(u8, usize), DoraCount> = BTreeMap::new();
    let mut first_seen: Vec<DoraPlacement> = Vec::new();
    for team in teams {
        let Some(placement) = team.latest.as_ref().and_then(|s| s.dora.clone()) else {
            continue;
        };
        let known = match &placement {
            DoraPlacement::Cluster(name) => clusters.iter().position(|c| c == name),
            _ => None,
        };
        let rank = match placement {
            DoraPlacement::Cluster(_) if known.is_some() => 0,
            DoraPlacement::Cluster(_) => 1,
            DoraPlacement::Tie(_) => 2,
            DoraPlacement::Mixed => 3,
            DoraPlacement::Unplaced => 4,
        };
        let index = known.unwrap_or_else(|| {
            first_seen
                .iter()
                .position(|p| *p == placement)
                .unwrap_or_else(|| {
                    first_seen.push(placement.clone());
                    first_seen.len() - 1
                })
        });
        let entry = counts.entry((rank, index)).or_insert_with(|| DoraCount {
            placement,
            teams: 0,
            by_group: group_order.iter().map(|g| (g.clone(), 0)).collect(),
        });
        entry.teams += 1;
        if let Some(slot) = entry.by_group.iter_mut().find(|(g, _)| *g == team.group) {
            slot.1 += 1;
        }
    }
    counts.into_values().collect()
}

fn coverage(teams: &[TeamInput], since: NaiveDate) -> Coverage {
    Coverage {
        since,
        stale: teams
            .iter()
            .filter_map(|t| {
                let latest = t.latest.as_ref().map(|s| s.completed_on);
                match latest {
                    Some(day) if day >= since => None,
                    _ => Some((t.name.clone(), latest)),
                }
            })
            .collect(),
        teams: teams.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(ids: &[&str]) -> Vec<DimensionName> {
        ids.iter()
            .map(|id| DimensionName {
                id: id.to_string(),
                name: id.to_uppercase(),
            })
            .collect()
    }

    fn date(text: &str) -> NaiveDate {
        crate::date::iso_date(text).unwrap()
    }

    /// A snapshot with (dimension, score, level, target) rows.
    fn snap(
        day: &str,
        overall: Option<f64>,
        rows: &[(&str, Option<f64>, u8, Option<u8>)],
    ) -> Snapshot {
        Snapshot {
            completed_on: date(day),
            overall,
            dimensions: rows
                .iter()
                .map(|(id, score, level, target)| DimensionInput {
                    id: id.to_string(),
                    score: *score,
                    level: score.map(|_| *level),
                    target: *target,
                })
                .collect(),
            dora: None,
        }
    }

    fn team(name: &str, group: Option<&str>, latest: Option<Snapshot>) -> TeamInput {
        TeamInput {
            name: name.into(),
            group: group.map(String::from),
            latest,
            previous: None,
        }
    }

    #[test]
    fn quartiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
        assert_eq!(
            quantile(&[1.0, 2.0, 3.0, 4.0], 0.25),
            Some(1.75),
            "rank 0.75"
        );
        assert_eq!(
            quantile(&[1.0, 2.0, 3.0, 4.0], 0.75),
            Some(3.25),
            "rank 2.25"
        );
        assert_eq!(quantile(&[2.0], 0.25), Some(2.0));
        assert_eq!(
            quantile(&[], 0.5),
            None,
            "no scores, no median — never zero"
        );
    }

    #[test]
    fn levels_are_counted_and_missing_is_never_a_level() {
        let teams = vec![
            team(
                "A",
                Some("Retail"),
                Some(snap("2026-11-01", None, &[("flow", Some(1.5), 1, None)])),
            ),
            team(
                "B",
                Some("Retail"),
                Some(snap("2026-11-01", None, &[("flow", Some(2.5), 2, None)])),
            ),
            team(
                "C",
                None,
                Some(snap("2026-11-01", None, &[("flow", None, 0, None)])),
            ),
            team("D", None, None),
            team(
                "E",
                None,
                Some(snap("2026-11-01", None, &[("flow", Some(4.0), 4, None)])),
            ),
        ];
        let r = rollup(
            &dims(&["flow"]),
            &["Retail".into()],
            &[],
            &teams,
            date("2026-01-01"),
        );
        let flow = &r.dimensions[0];
        assert_eq!(flow.all.levels, [1, 1, 0, 1, 0]);
        assert_eq!(
            flow.all.missing, 2,
            "C has too few answers, D no assessment"
        );
        assert_eq!(flow.all.median, Some(2.5), "of 1.5, 2.5, 4.0");
        assert_eq!(flow.all.q1, Some(2.0), "rank 0.5 between 1.5 and 2.5");
        assert_eq!(flow.all.q3, Some(3.25), "rank 1.5 between 2.5 and 4.0");
        assert_eq!(r.groups, [Some("Retail".to_string()), None]);
        let retail = &flow.groups[0].spread;
        assert_eq!(
            (retail.levels, retail.missing, retail.median),
            ([1, 1, 0, 0, 0], 0, Some(2.0))
        );
        let none = &flow.groups[1].spread;
        assert_eq!((none.missing, none.median), (2, Some(4.0)));
        assert_eq!((r.teams, r.assessed), (5, 4));
    }

    #[test]
    fn systemic_gaps_use_the_target_else_level_3_and_rank_by_share() {
        let teams = vec![
            team(
                "A",
                None,
                Some(snap(
                    "2026-11-01",
                    None,
                    &[
                        ("flow", Some(2.0), 2, Some(4)),
                        ("culture", Some(3.5), 3, None),
                        ("tech", Some(2.0), 2, None),
                    ],
                )),
            ),
            team(
                "B",
                None,
                Some(snap(
                    "2026-11-01",
                    None,
                    &[
                        ("flow", Some(3.5), 3, None),
                        ("culture", Some(2.0), 2, None),
                        ("tech", Some(3.0), 3, None),
                    ],
                )),
            ),
            team(
                "C",
                None,
                Some(snap(
                    "2026-11-01",
                    None,
                    &[
                        ("flow", Some(3.0), 3, Some(4)),
                        ("culture", Some(2.5), 2, None),
                    ],
                )),
            ),
            team(
                "D",
                None,
                Some(snap(
                    "2026-11-01",
                    None,
                    &[
                        ("flow", None, 0, Some(4)),
                        ("culture", Some(4.0), 4, Some(5)),
                    ],
                )),
            ),
        ];
        let gaps = systemic_gaps(&dims(&["flow", "culture", "tech"]), &teams);
        assert_eq!(
            gaps,
            [
                SystemicGap {
                    dimension: "CULTURE".into(),
                    below: 3,
                    scored: 4,
                    against_target: 1,
                    mean_shortfall: (1.0 + 0.5 + 1.0) / 3.0,
                },
                SystemicGap {
                    dimension: "FLOW".into(),
                    below: 2,
                    scored: 3,
                    against_target: 2,
                    mean_shortfall: 1.5,
                },
            ],
            "3 of 4 ranks above 2 of 3; TECH (1 of 2) is not most teams; D has no FLOW score"
        );
    }

    #[test]
    fn outliers_are_a_level_from_their_groups_median_in_groups_of_three_or_more() {
        let one = |name: &str, group: &str, score: f64| {
            team(
                name,
                Some(group),
                Some(snap("2026-11-01", None, &[("flow", Some(score), 1, None)])),
            )
        };
        let teams = vec![
            one("R1", "Retail", 1.0),
            one("R2", "Retail", 3.0),
            one("R3", "Retail", 3.5),
            one("R4", "Retail", 3.0),
            one("S1", "Small", 1.0),
            one("S2", "Small", 5.0),
        ];
        let found = outliers(&dims(&["flow"]), &["Retail".into(), "Small".into()], &teams);
        assert_eq!(
            found,
            [Outlier {
                team: "R1".into(),
                group: "Retail".into(),
                dimension: "FLOW".into(),
                score: 1.0,
                group_median: 3.0,
                difference: -2.0,
            }],
            "median of 1, 3, 3, 3.5 is 3; R3 is only 0.5 above; a group of two has none"
        );
    }

    #[test]
    fn movement_counts_half_a_level_either_way_against_the_previous_assessment() {
        let mut a = team(
            "A",
            None,
            Some(snap(
                "2026-11-01",
                Some(2.5),
                &[("flow", Some(2.6), 2, None)],
            )),
        );
        a.previous = Some(snap(
            "2026-05-01",
            Some(2.0),
            &[("flow", Some(3.0), 3, None)],
        ));
        let mut b = team(
            "B",
            None,
            Some(snap(
                "2026-11-01",
                Some(2.4),
                &[("flow", Some(3.0), 3, None)],
            )),
        );
        b.previous = Some(snap("2026-05-01", Some(3.0), &[("flow", None, 0, None)]));
        let mut c = team(
            "C",
            None,
            Some(snap(
                "2026-11-01",
                Some(2.8),
                &[("flow", Some(4.0), 4, None)],
            )),
        );
        c.previous = Some(snap(
            "2026-05-01",
            Some(2.3),
            &[("flow", Some(4.0), 4, None)],
        ));
        let d = team("D", None, Some(snap("2026-11-01", Some(1.0), &[])));
        let m = movement(&dims(&["flow"]), &[a, b, c, d]);
        assert_eq!(m.teams_compared, 3, "D has no previous assessment");
        assert_eq!(
            m.counts,
            [
                MovementCount {
                    dimension: None,
                    improved: 2,
                    declined: 1,
                    compared: 3
                },
                MovementCount {
                    dimension: Some("FLOW".into()),
                    improved: 0,
                    declined: 0,
                    compared: 2
                },
            ],
            "A +0.5 and C +0.5 (2.3 → 2.8, float noise aside) improved, B −0.6 declined; \
             A's flow −0.4 is no movement; B's flow had no score before"
        );
        let names: Vec<&str> = m.improved.iter().map(|x| x.team.as_str()).collect();
        assert_eq!(names, ["A", "C"]);
        assert_eq!(m.declined[0].team, "B");
    }

    #[test]
    fn dora_counts_clusters_then_ties_mixed_and_unplaced_per_group() {
        let with = |name: &str, group: Option<&str>, dora: Option<DoraPlacement>| {
            let mut s = snap("2026-11-01", None, &[]);
            s.dora = dora;
            team(name, group, Some(s))
        };
        let teams = vec![
            with("Z", None, Some(DoraPlacement::Cluster("Low".into()))),
            with("A", Some("X"), Some(DoraPlacement::Cluster("High".into()))),
            with("B", None, Some(DoraPlacement::Unplaced)),
            with(
                "C",
                None,
                Some(DoraPlacement::Tie("between High and Medium".into())),
            ),
            with("D", Some("X"), Some(DoraPlacement::Mixed)),
            with("E", None, Some(DoraPlacement::Cluster("High".into()))),
            with("F", None, None),
            with("G", None, Some(DoraPlacement::Cluster("Unheard-of".into()))),
        ];
        let clusters = [
            "Elite".to_string(),
            "High".into(),
            "Medium".into(),
            "Low".into(),
        ];
        let r = rollup(&[], &["X".into()], &clusters, &teams, date("2026-01-01"));
        type Row = (DoraPlacement, u32, Vec<(Option<String>, u32)>);
        let got: Vec<Row> = r
            .dora
            .into_iter()
            .map(|c| (c.placement, c.teams, c.by_group))
            .collect();
        let x = |n| (Some("X".to_string()), n);
        assert_eq!(
            got,
            [
                (
                    DoraPlacement::Cluster("High".into()),
                    2,
                    vec![x(1), (None, 1)]
                ),
                (
                    DoraPlacement::Cluster("Low".into()),
                    1,
                    vec![x(0), (None, 1)]
                ),
                (
                    DoraPlacement::Cluster("Unheard-of".into()),
                    1,
                    vec![x(0), (None, 1)]
                ),
                (
                    DoraPlacement::Tie("between High and Medium".into()),
                    1,
                    vec![x(0), (None, 1)]
                ),
                (DoraPlacement::Mixed, 1, vec![x(1), (None, 0)]),
                (DoraPlacement::Unplaced, 1, vec![x(0), (None, 1)]),
            ],
            "clusters in the year's order whatever the teams' order; F asked no DORA questions"
        );
    }

    #[test]
    fn coverage_lists_teams_without_an_assessment_since_the_day() {
        let teams = vec![
            team("A", None, Some(snap("2026-06-06", None, &[]))),
            team("B", None, Some(snap("2026-06-05", None, &[]))),
            team("C", None, None),
        ];
        let c = coverage(&teams, date("2026-06-06"));
        assert_eq!(
            c.stale,
            [
                ("B".to_string(), Some(date("2026-06-05"))),
                ("C".to_string(), None)
            ]
        );
        assert_eq!(c.teams, 3);
    }
}
