//! The Organisation page and the leadership report's first pages: every team's latest and
//! previous completed assessments, scored against their own snapshots, rolled up by
//! `core::rollup` (the rules are that module's doc). This module only gathers: teams in
//! natural order with their groups, the two newest completed assessments of each, DORA
//! placements by `core::dora::classify`. No respondent's name leaves it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use devops_maturity_core::dora::{classify, DoraModel};
use devops_maturity_core::natural;
use devops_maturity_core::rollup::{
    rollup, DimensionInput, DimensionName, DoraPlacement, Rollup, Snapshot, TeamInput,
};
use devops_maturity_core::scoring::{level_of, Scorer};
use devops_maturity_store::assessments::{AssessmentRow, ScoringData};
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

use crate::history::{dimension_scores, DimensionScore};
use crate::Snapshots;

/// One completed assessment scored against its own snapshot, from its answer sheets (the
/// roll-up reads hundreds: no names, evidence or per-respondent maps).
struct Scored {
    data: ScoringData,
    overall: Option<f64>,
    /// In the snapshot's dimension order.
    dimensions: Vec<DimensionScore>,
}

/// Scores each of `rows` (in the order given); one `Scorer` per questionnaire version.
fn scored(store: &Store, rows: &[AssessmentRow]) -> Result<Vec<Scored>, StoreError> {
    let mut snapshots = Snapshots::default();
    let keys: Vec<_> = rows
        .iter()
        .map(|row| snapshots.load(store, row))
        .collect::<Result<_, _>>()?;
    let mut scorers = BTreeMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (row, key) in rows.iter().zip(&keys) {
        let q = &snapshots[key];
        let scorer = scorers.entry(key).or_insert_with(|| Scorer::new(q));
        let data = store.scoring_data(row.id, scorer)?;
        let summary = scorer.summary_of_sheets(&data.sheets, &data.choices);
        out.push(Scored {
            overall: summary.overall,
            dimensions: dimension_scores(q, &summary.dimensions),
            data,
        });
    }
    Ok(out)
}

/// Which teams to roll up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Group ids; empty means every team, with or without a group.
    pub groups: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// What the organisation calls a group.
    pub word: String,
    /// The groups the page can be narrowed to: (id, name), in natural order.
    pub all_groups: Vec<(i64, String)>,
    /// Months without an assessment after which a team counts as not covered.
    pub coverage_months: u32,
    pub rollup: Rollup,
}

/// `rows` completed, oldest first by completion time (then id).
fn completed(mut rows: Vec<AssessmentRow>) -> Vec<AssessmentRow> {
    rows.retain(|a| a.status.is_completed() && a.completed_at.is_some());
    rows.sort_by(|a, b| (&a.completed_at, a.id).cmp(&(&b.completed_at, b.id)));
    rows
}

fn placement(model: &DoraModel, s: &Scored) -> Option<DoraPlacement> {
    if s.data.dora.is_empty() {
        return None;
    }
    let c = classify(model, s.data.assessment.dora_year, &s.data.dora)?;
    Some(if c.mixed.is_some() {
        DoraPlacement::Mixed
    } else {
        match (c.nearest.as_slice(), c.verdict) {
            ([], _) | (_, None) => DoraPlacement::Unplaced,
            ([one], _) => DoraPlacement::Cluster(one.clone()),
            (_, Some(verdict)) => DoraPlacement::Tie(verdict),
        }
    })
}

/// A completed assessment for the roll-up, on the UTC day it was completed (the store refuses
/// to read a stored completion time that is not a time); one without a completion time is an
/// error naming the assessment.
fn snapshot(model: &DoraModel, s: &Scored) -> Result<Snapshot, StoreError> {
    let a = &s.data.assessment;
    let completed_on = a
        .completed_at
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "assessment {} is completed but has no completion time",
                a.id
            ))
        })?
        .date_naive();
    Ok(Snapshot {
        completed_on,
        overall: s.overall,
        dimensions: s
            .dimensions
            .iter()
            .map(|d| DimensionInput {
                id: d.id.clone(),
                score: d.score,
                level: d.score.map(level_of),
                target: s.data.choices.targets.get(&d.id).copied(),
            })
            .collect(),
        dora: placement(model, s),
    })
}

/// The roll-up of the teams in `scope`. `covered_since` is the first day
/// that counts as recent for coverage, `coverage_months` how it was chosen (shown in words).
pub fn organisation(
    store: &Store,
    dora: &DoraModel,
    scope: &Scope,
    covered_since: NaiveDate,
    coverage_months: u32,
) -> Result<Organisation, StoreError> {
    let list = store.group_list()?;
    let group_name = |id: Option<i64>| {
        id.and_then(|id| list.groups.iter().find(|g| g.id == id))
            .map(|g| g.name.clone())
    };
    let teams: Vec<_> = store
        .teams()?
        .into_iter()
        .filter(|t| {
            scope.groups.is_empty() || t.group_id.is_some_and(|g| scope.groups.contains(&g))
        })
        .collect();
    // The two newest completed assessments of each team, scored in one pass.
    let mut rows = Vec::new();
    let mut spans = Vec::with_capacity(teams.len());
    for team in &teams {
        let done = completed(store.assessments_of(team.id)?);
        let start = rows.len();
        rows.extend(done.into_iter().rev().take(2).rev());
        spans.push(start..rows.len());
    }
    let scored = scored(store, &rows)?;
    // Dimensions: those of the newest questionnaire version in use first, then any other
    // that an older version had.
    let mut newest: Vec<&Scored> = spans
        .iter()
        .filter_map(|span| span.clone().last().map(|i| &scored[i]))
        .collect();
    newest.sort_by(|a, b| {
        natural::cmp(
            &b.data.assessment.questionnaire_version,
            &a.data.assessment.questionnaire_version,
        )
    });
    let mut dimensions: Vec<DimensionName> = Vec::new();
    for s in &newest {
        for d in &s.dimensions {
            if !dimensions.iter().any(|x| x.id == d.id) {
                dimensions.push(DimensionName {
                    id: d.id.clone(),
                    name: d.name.clone(),
                });
            }
        }
    }
    let inputs: Vec<TeamInput> = teams
        .iter()
        .zip(&spans)
        .map(|(team, span)| {
            let mine = &scored[span.clone()];
            Ok(TeamInput {
                name: team.name.clone(),
                group: group_name(team.group_id),
                latest: mine.last().map(|s| snapshot(dora, s)).transpose()?,
                previous: (mine.len() == 2)
                    .then(|| snapshot(dora, &mine[0]))
                    .transpose()?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let groups: Vec<String> = list
        .groups
        .iter()
        .filter(|g| scope.groups.is_empty() || scope.groups.contains(&g.id))
        .map(|g| g.name.clone())
        .collect();
    let clusters: Vec<String> = dora
        .year(dora.default_year)
        .map(|y| y.clusters.iter().map(|c| c.name.clone()).collect())
        .unwrap_or_default();
    Ok(Organisation {
        all_groups: list.groups.iter().map(|g| (g.id, g.name.clone())).collect(),
        word: list.word,
        coverage_months,
        rollup: rollup(&dimensions, &groups, &clusters, &inputs, covered_since),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::Duration;
    use devops_maturity_core::date;
    use devops_maturity_core::scoring::Choices;
    use devops_maturity_core::{Answer, Respondent};
    use devops_maturity_store::assessments::NewAssessment;

    use super::*;

    fn june() -> NaiveDate {
        date::iso_date("2026-06-01").unwrap()
    }
    use crate::fixture::{now, questionnaire};

    fn dora() -> DoraModel {
        DoraModel {
            default_year: 2024,
            note: String::new(),
            metrics: Vec::new(),
            years: Vec::new(),
        }
    }

    /// A completed assessment `days` ago where one person answers every question `level`,
    /// with a target on `flow`.
    fn assess(store: &mut Store, team: i64, days: i64, level: u8, flow_target: Option<u8>) {
        let q = questionnaire();
        let answers: BTreeMap<String, Answer> = q
            .questions
            .iter()
            .map(|x| (x.id.clone(), Answer::Level(level)))
            .collect();
        let respondents = [Respondent {
            name: "Ann".into(),
            role: None,
            answers,
            evidence: BTreeMap::new(),
        }];
        let mut choices = Choices::default();
        if let Some(t) = flow_target {
            choices.targets.insert("flow".into(), t);
        }
        let when = now() - Duration::days(days);
        store
            .record_assessment(&NewAssessment {
                team_id: team,
                questionnaire: &q,
                respondents: &respondents,
                choices: &choices,
                dora_year: None,
                dora: &BTreeMap::new(),
                facilitator: None,
                started_at: when,
                completed_at: when,
            })
            .unwrap();
    }

    #[test]
    fn the_two_newest_assessments_of_each_team_in_scope_are_rolled_up() {
        let mut store = Store::open_in_memory().unwrap();
        let retail = store.create_group("Retail", now()).unwrap();
        let t10 = store.create_team("Team 10", now()).unwrap();
        let t2 = store.create_team("Team 2", now()).unwrap();
        let solo = store.create_team("Solo", now()).unwrap();
        store.create_team("Never assessed", now()).unwrap();
        for t in [t10.id, t2.id] {
            store.move_team(t, Some(retail.id), now()).unwrap();
        }
        // Team 10: 1 → 2 → 4 (only the last two count: +2); Team 2: 2 → 2; Solo: 5, long ago.
        assess(&mut store, t10.id, 300, 1, None);
        assess(&mut store, t10.id, 200, 2, None);
        assess(&mut store, t10.id, 10, 4, Some(5));
        assess(&mut store, t2.id, 100, 2, None);
        assess(&mut store, t2.id, 20, 2, None);
        assess(&mut store, solo.id, 400, 5, None);

        let org = organisation(&store, &dora(), &Scope::default(), june(), 6).unwrap();
        let r = &org.rollup;
        assert_eq!((r.teams, r.assessed), (4, 3));
        assert_eq!(r.groups, [Some("Retail".to_string()), None]);
        let flow = &r.dimensions[0];
        assert_eq!(flow.id, "flow");
        assert_eq!(
            flow.all.levels,
            [0, 1, 0, 1, 1],
            "Team 2 at 2, Team 10 at 4, Solo at 5"
        );
        assert_eq!(flow.all.missing, 1, "the team never assessed is '–', not 0");
        let over: Vec<(&str, f64)> = r
            .movement
            .improved
            .iter()
            .filter(|m| m.dimension.is_none())
            .map(|m| (m.team.as_str(), m.change()))
            .collect();
        assert_eq!(
            over,
            [("Team 10", 2.0)],
            "2 → 4; the first assessment is not compared"
        );
        assert_eq!(r.movement.teams_compared, 2);
        let gaps: Vec<(&str, u32, u32)> = r
            .systemic_gaps
            .iter()
            .map(|g| (g.dimension.as_str(), g.below, g.scored))
            .collect();
        assert_eq!(
            gaps,
            [("FLOW", 2, 3)],
            "FLOW: Team 10 below its target 5, Team 2 below level 3; OPS: only Team 2 of 3"
        );
        assert_eq!(
            r.coverage.stale,
            [
                ("Never assessed".to_string(), None),
                ("Solo".to_string(), date::iso_date("2025-10-19")),
            ],
            "teams in natural order"
        );

        let only = Scope {
            groups: vec![retail.id],
        };
        let org = organisation(&store, &dora(), &only, june(), 6).unwrap();
        assert_eq!(org.rollup.teams, 2, "one group's teams only");
        assert_eq!(org.rollup.groups, [Some("Retail".to_string())]);
    }
}
