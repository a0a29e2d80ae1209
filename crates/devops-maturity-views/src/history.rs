//! A team's assessments over time, each scored against its own questionnaire snapshot, with the
//! change since the previous completed one (dimensions matched by id). The reports' trend and
//! "change since last time" read the same [`scored`] assessments.

use devops_maturity_core::scoring::{level_of, Scorer};
use devops_maturity_store::assessments::{AssessmentData, AssessmentRow};
use devops_maturity_store::{Store, StoreError, Team};
use serde::Serialize;

use crate::Snapshots;

/// One dimension's score in one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore {
    pub id: String,
    pub name: String,
    /// `None`: not enough answers.
    pub score: Option<f64>,
}

/// One assessment, scored against its own snapshot (agreed levels included).
#[derive(Debug, Clone)]
pub struct Scored {
    pub data: AssessmentData,
    pub overall: Option<f64>,
    /// The overall level's name in the assessment's questionnaire version.
    pub overall_level_name: Option<String>,
    /// In the snapshot's dimension order.
    pub dimensions: Vec<DimensionScore>,
}

impl Scored {
    /// A dimension's score by id; `None` when the dimension is missing or has no score.
    pub fn score_of(&self, dimension_id: &str) -> Option<f64> {
        self.dimensions
            .iter()
            .find(|d| d.id == dimension_id)
            .and_then(|d| d.score)
    }
}

/// A summary's dimension scores with the snapshot's ids and names, in its order.
pub(crate) fn dimension_scores(
    q: &devops_maturity_core::Questionnaire,
    scores: &[Option<f64>],
) -> Vec<DimensionScore> {
    q.dimensions
        .iter()
        .zip(scores)
        .map(|(d, &score)| DimensionScore {
            id: d.id.clone(),
            name: d.name.clone(),
            score,
        })
        .collect()
}

/// Scores each assessment of `rows` (in the order given) against its own snapshot. Only the
/// summary is computed (dimension and overall scores), not the per-question statistics.
pub fn scored(store: &Store, rows: &[AssessmentRow]) -> Result<Vec<Scored>, StoreError> {
    let mut snapshots = Snapshots::default();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let key = snapshots.load(store, row)?;
        let q = &snapshots[&key];
        let data = store.assessment_data(row.id)?;
        let summary = Scorer::new(q).summary(&data.answers, &data.choices);
        out.push(Scored {
            overall: summary.overall,
            overall_level_name: summary
                .overall
                .map(|s| q.level_name(level_of(s)).to_string()),
            dimensions: dimension_scores(q, &summary.dimensions),
            data,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryDimension {
    pub id: String,
    pub name: String,
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Score change since the previous completed assessment, when both have a score.
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub assessment: AssessmentRow,
    pub respondents: Vec<String>,
    pub finished: u32,
    pub overall: Option<f64>,
    pub overall_level: Option<u8>,
    /// The level's name in the assessment's questionnaire version.
    pub overall_level_name: Option<String>,
    /// Overall change since the previous completed assessment.
    pub overall_change: Option<f64>,
    /// The id of that previous completed assessment.
    pub previous: Option<i64>,
    pub dimensions: Vec<HistoryDimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamHistory {
    pub team: Team,
    /// Oldest first.
    pub assessments: Vec<HistoryEntry>,
}

fn change(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(now? - before?)
}

/// Every assessment of a team, each scored against its own questionnaire version; a completed
/// one shows its change since the previous completed one.
pub fn team_history(store: &Store, team_id: i64) -> Result<TeamHistory, StoreError> {
    let team = store.team(team_id)?;
    let rows = store.assessments_of(team_id)?;
    let mut previous: Option<&Scored> = None;
    let all = scored(store, &rows)?;
    let mut assessments = Vec::with_capacity(all.len());
    for s in &all {
        let completed = s.data.assessment.status.is_completed();
        let before = previous.filter(|_| completed);
        assessments.push(HistoryEntry {
            assessment: s.data.assessment.clone(),
            respondents: s.data.respondents.iter().map(|r| r.name.clone()).collect(),
            finished: s.data.respondents.iter().filter(|r| r.finished).count() as u32,
            overall: s.overall,
            overall_level: s.overall.map(level_of),
            overall_level_name: s.overall_level_name.clone(),
            overall_change: before.and_then(|p| change(s.overall, p.overall)),
            previous: before.map(|p| p.data.assessment.id),
            dimensions: s
                .dimensions
                .iter()
                .map(|d| HistoryDimension {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    score: d.score,
                    level: d.score.map(level_of),
                    change: change(d.score, before.and_then(|p| p.score_of(&d.id))),
                })
                .collect(),
        });
        if completed {
            previous = Some(s);
        }
    }
    Ok(TeamHistory { team, assessments })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::{self, answer, now, questionnaire};

    #[test]
    fn changes_are_measured_from_the_previous_completed_assessment_only() {
        let f = fixture::discussion();
        let mut store = f.store;
        let team = store.assessment(f.assessment).unwrap().team_id;
        store.complete_assessment(f.assessment, now()).unwrap();
        let q = questionnaire();
        let names = ["Ann".to_string()];
        let second = store
            .start_assessment(team, &q, &names, None, now())
            .unwrap();
        answer(
            &mut store,
            second.id,
            &[&[("q1", 5), ("q2", 5), ("q3", 4), ("q4", 4)]],
        );

        let history = team_history(&store, team).unwrap();
        assert_eq!(history.team.name, "Core");
        let [first, latest] = &history.assessments[..] else {
            panic!("two assessments: {history:?}")
        };
        assert_eq!(first.previous, None);
        assert_eq!(first.overall_change, None, "nothing before the first");
        assert_eq!(first.finished, 0);
        assert_eq!(first.respondents, ["Ann", "Bo", "Cy"]);
        // In progress: shown, but not compared.
        assert_eq!(latest.previous, None);
        assert_eq!(latest.dimensions[0].change, None);
        assert_eq!(latest.dimensions[0].score, Some(5.0));
        assert_eq!(latest.dimensions[0].level, Some(5));
        assert_eq!(latest.overall_level_name.as_deref(), Some("L4"));

        store.complete_assessment(second.id, now()).unwrap();
        let history = team_history(&store, team).unwrap();
        let latest = &history.assessments[1];
        assert_eq!(latest.previous, Some(f.assessment));
        let flow = &latest.dimensions[0];
        assert_eq!(
            flow.change,
            Some(5.0 - history.assessments[0].dimensions[0].score.unwrap())
        );
        assert_eq!(
            latest.overall_change,
            Some(latest.overall.unwrap() - history.assessments[0].overall.unwrap())
        );
    }
}
