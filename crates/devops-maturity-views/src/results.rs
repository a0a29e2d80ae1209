//! One assessment's results: scores against its own snapshot (agreed levels included), the DORA
//! comparison, the radar (the geometry the PDF draws) and the scoring rules in words.

use devops_maturity_core::chart::{current_vs_target, Radar};
use devops_maturity_core::dora::{classify, Classification, DoraModel};
use devops_maturity_core::scoring::{self, Scorer};
use devops_maturity_core::{AssessmentScore, Questionnaire, Role};
use devops_maturity_store::assessments::{AssessmentData, AssessmentRow};
use devops_maturity_store::{Store, StoreError, Team};
use serde::{Serialize, Serializer};

/// The scoring rules of `devops_maturity_core::scoring`, in plain words, shown beside results.
pub fn scoring_rules() -> Vec<String> {
    let share = (scoring::MIN_ANSWERED_SHARE * 100.0).round();
    vec![
        "Each answer is a level from 1 to 5. “Don't know” counts as missing, never as zero. “Not applicable” means the question is out of scope for that person and is left out altogether.".into(),
        format!("A person's score for a dimension is the average of the levels they gave there, but only if they answered at least {share:.0} % of that dimension's questions that apply to them (those not marked “not applicable”); otherwise they have “not enough answers” for it."),
        "The team's score for a dimension is the median of its people's scores, so one outlier does not pull it. When nobody answered enough, the dimension shows “not enough answers” instead of a number; when every answer there is “not applicable”, it is “out of scope”.".into(),
        "Scores are kept to one decimal, as shown (2.75 is 2.8); a level is reached when the score is at least that level: a score of 2.8 is level 2.".into(),
        "The overall score is the weighted average of the dimension scores that exist, and is shown only when at least half of the dimensions in scope have a score. It says how many dimensions it averages.".into(),
        "Gap = target level − score. Gaps are ranked by gap × weight; equal gaps keep the questionnaire's order, as in the plan.".into(),
        format!("For each question the results show how many people chose each level. Answers {} or more levels apart are flagged as a disagreement, a topic worth discussing; with more than {} answers, at least two people must sit on each side, so one outlier does not flag a question.", scoring::DISAGREEMENT_SPREAD, scoring::SMALL_GROUP),
        "Each score says what it rests on: how many people have a score there, the share of “don't know” among their answers, and how far apart their scores are. A score from one person's answers says so.".into(),
        "When a group discusses a question and agrees a level, that level replaces every person's answer to the question before the scores above are computed. The original answers and their spread stay on record and are shown beside the agreed level.".into(),
        "Each person says whether they do the team's work or lead it. On the dimensions about leadership, when a leader answered, the leaders' score and the practitioners' score (each the median of that group's scores) are shown side by side, because people tend to rate their own leadership higher. The team's score stays the median of everyone.".into(),
    ]
}

/// An assessment's results. It owns what it was built from; [`Results::view`] scores it (the
/// core's scores borrow the questionnaire) and is what it serialises as.
#[derive(Debug, Clone)]
pub struct Results {
    pub team: Team,
    /// The snapshot the assessment was answered with.
    pub questionnaire: Questionnaire,
    pub data: AssessmentData,
    /// `None` when the model has no clusters for the year.
    pub dora: Option<Classification>,
    pub dora_years: Vec<u16>,
}

/// What the results page shows.
#[derive(Debug, Serialize)]
pub struct ResultsView<'a> {
    pub assessment: &'a AssessmentRow,
    pub team: &'a Team,
    pub questionnaire: &'a Questionnaire,
    pub respondents: Vec<&'a str>,
    /// Each respondent's role, in the order of `respondents` (`null`: not stated).
    pub roles: Vec<Option<Role>>,
    pub score: AssessmentScore<'a>,
    pub dora: &'a Option<Classification>,
    pub dora_years: &'a [u16],
    pub radar: Radar,
    pub rules: Vec<String>,
}

impl Results {
    pub fn score(&self) -> AssessmentScore<'_> {
        Scorer::new(&self.questionnaire).score(&self.data.answers, &self.data.choices)
    }

    pub fn view(&self) -> ResultsView<'_> {
        let score = self.score();
        ResultsView {
            assessment: &self.data.assessment,
            team: &self.team,
            questionnaire: &self.questionnaire,
            respondents: self.data.answers.iter().map(|r| r.name.as_str()).collect(),
            roles: self.data.answers.iter().map(|r| r.role).collect(),
            // The same geometry the PDF report draws.
            radar: current_vs_target(&score),
            score,
            dora: &self.dora,
            dora_years: &self.dora_years,
            rules: scoring_rules(),
        }
    }
}

impl Serialize for Results {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}

/// The results of assessment `id`, compared with DORA's clusters of `year` (else the stored
/// year, else the model's default).
pub fn results(
    store: &Store,
    dora: &DoraModel,
    id: i64,
    year: Option<u16>,
) -> Result<Results, StoreError> {
    let data = store.assessment_data(id)?;
    let questionnaire = crate::snapshot_of(store, &data.assessment)?;
    let team = store.team(data.assessment.team_id)?;
    let year = year.or(data.assessment.dora_year);
    Ok(Results {
        dora: classify(dora, year, &data.dora),
        dora_years: dora.years.iter().map(|y| y.year).collect(),
        team,
        questionnaire,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use devops_maturity_core::dora::DoraModel;

    #[test]
    fn results_score_against_the_snapshot_and_serialise_their_view() {
        let f = fixture::discussion();
        let dora = DoraModel {
            default_year: 2024,
            note: String::new(),
            metrics: Vec::new(),
            years: Vec::new(),
        };
        let r = results(&f.store, &dora, f.assessment, None).unwrap();
        assert_eq!(r.team.name, "Core");
        assert_eq!(r.questionnaire, fixture::questionnaire());
        assert!(
            r.dora.is_none(),
            "a model without clusters classifies nothing"
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["respondents"], serde_json::json!(["Ann", "Bo", "Cy"]));
        assert_eq!(json["score"]["respondents"], 3);
        assert_eq!(json["score"]["hot_spots"], serde_json::json!(["q1"]));
        assert_eq!(json["rules"].as_array().unwrap().len(), 10);
        assert_eq!(
            json["roles"],
            serde_json::json!([null, null, null]),
            "the fixture's people did not say"
        );
        assert_eq!(json["score"]["by_role"], serde_json::json!([]));
        assert_eq!(
            json["radar"],
            serde_json::to_value(current_vs_target(&r.score())).unwrap()
        );
    }
}
