//! A team's discussion page: silent vote → reveal → consensus.
//!
//! The rule this module keeps: **a vote is never in the view before the facilitator reveals
//! it**. Until then the selected question shows only who has voted, not what; after the reveal
//! the room sees the counts, and names only when the facilitator ticks "show names"
//! ([`Show`]).

use devops_maturity_core::consensus::{self, discussion_order, is_hot_spot, Reveal};
use devops_maturity_core::scoring::{Choices, Scorer};
use devops_maturity_core::{Level, Question, Questionnaire};
use devops_maturity_store::assessments::{AssessmentData, AssessmentRow, RespondentRow};
use devops_maturity_store::consensus::Consensus;
use devops_maturity_store::{Store, Team};
use serde::{Serialize, Serializer};

use crate::ViewError;

/// How much of the selected question's votes the room sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Who has voted, not what (the silent vote).
    Hidden,
    /// The counts per level.
    Votes,
    /// The counts, and who gave each answer.
    VotesWithNames,
}

impl Show {
    /// From the page's two switches; names without the reveal show nothing.
    pub fn from_switches(reveal: bool, names: bool) -> Show {
        match (reveal, names) {
            (false, _) => Show::Hidden,
            (true, false) => Show::Votes,
            (true, true) => Show::VotesWithNames,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopRef {
    pub id: i64,
    pub name: String,
}

/// A team's discussion. It owns what it was built from; [`Discussion::view`] scores it and is
/// what it serialises as.
#[derive(Debug, Clone)]
pub struct Discussion {
    pub workshop: Option<WorkshopRef>,
    pub team: Team,
    /// The snapshot the assessment was answered with.
    pub questionnaire: Questionnaire,
    pub data: AssessmentData,
    pub agreed: Vec<Consensus>,
    /// The question on the projector, checked to be in the questionnaire.
    pub selected: Option<String>,
    pub show: Show,
}

#[derive(Debug, Serialize)]
pub struct DiscussionQuestion<'q> {
    pub id: &'q str,
    /// 1-based place in the questionnaire.
    pub number: usize,
    pub dimension_id: &'q str,
    pub dimension: &'q str,
    pub text: &'q str,
    /// Levels given (1–5); "don't know" and "not applicable" are counted in `answered`.
    pub levels_given: u32,
    pub answered: u32,
    pub spread: u8,
    pub hot: bool,
    pub consensus: Option<&'q Consensus>,
}

#[derive(Debug, Serialize)]
pub struct DimensionLine<'q> {
    pub id: &'q str,
    pub name: &'q str,
    /// With the agreed levels (what the results show).
    pub score: Option<f64>,
    /// From the votes alone, for comparison.
    pub votes_score: Option<f64>,
    pub agreed: usize,
}

#[derive(Debug, Serialize)]
pub struct Voter<'a> {
    pub id: i64,
    pub name: &'a str,
    pub position: u32,
    pub finished: bool,
    /// Has answered the selected question (what, stays hidden until the reveal).
    pub voted: bool,
}

#[derive(Debug, Serialize)]
pub struct SelectedQuestion<'q> {
    pub question: &'q Question,
    pub number: usize,
    pub dimension: &'q str,
    pub levels: &'q [Level],
    pub voters: Vec<Voter<'q>>,
    /// `None` until the facilitator reveals the votes.
    pub reveal: Option<Reveal<'q>>,
    pub consensus: Option<&'q Consensus>,
    /// Neighbours in the discussion order.
    pub previous: Option<&'q str>,
    pub next: Option<&'q str>,
}

#[derive(Debug, Serialize)]
pub struct DiscussionView<'q> {
    pub workshop: &'q Option<WorkshopRef>,
    pub team: &'q Team,
    pub assessment: &'q AssessmentRow,
    pub respondents: &'q [RespondentRow],
    /// Widest spread first, then questionnaire order.
    pub questions: Vec<DiscussionQuestion<'q>>,
    pub hot_spots: usize,
    pub dimensions: Vec<DimensionLine<'q>>,
    pub overall: Option<f64>,
    pub votes_overall: Option<f64>,
    pub max_rationale: usize,
    pub selected: Option<SelectedQuestion<'q>>,
}

impl Discussion {
    pub fn view(&self) -> DiscussionView<'_> {
        let q = &self.questionnaire;
        let data = &self.data;
        let scorer = Scorer::new(q);
        let score = scorer.score(&data.answers, &data.choices);
        let votes_only = Choices {
            agreed: Default::default(),
            ..data.choices.clone()
        };
        let votes = scorer.summary(&data.answers, &votes_only);
        let consensus_of = |id: &str| self.agreed.iter().find(|c| c.question_id == id);

        let order = discussion_order(&score.questions);
        let questions: Vec<DiscussionQuestion<'_>> = order
            .iter()
            .map(|stat| DiscussionQuestion {
                id: stat.question_id,
                number: q.number_of(stat.question_id),
                dimension_id: stat.dimension_id,
                dimension: q.dimension_name(stat.dimension_id),
                text: q.question_text(stat.question_id),
                levels_given: stat.distribution.iter().sum(),
                answered: data.answers.len() as u32 - stat.unanswered,
                spread: stat.spread,
                hot: is_hot_spot(stat),
                consensus: consensus_of(stat.question_id),
            })
            .collect();
        let dimensions = score
            .dimensions
            .iter()
            .zip(&votes.dimensions)
            .map(|(d, &votes_score)| DimensionLine {
                id: d.dimension_id,
                name: d.name,
                score: d.score,
                votes_score,
                agreed: score
                    .questions
                    .iter()
                    .filter(|x| x.dimension_id == d.dimension_id && x.agreed.is_some())
                    .count(),
            })
            .collect();
        let selected = self
            .selected
            .as_deref()
            .and_then(|id| q.question(id))
            .map(|question| {
                let id = question.id.as_str();
                let at = order.iter().position(|s| s.question_id == id);
                SelectedQuestion {
                    question,
                    number: q.number_of(id),
                    dimension: q.dimension_name(&question.dimension),
                    levels: &q.levels,
                    voters: data
                        .respondents
                        .iter()
                        .zip(&data.answers)
                        .map(|(row, r)| Voter {
                            id: row.id,
                            name: &r.name,
                            position: row.position,
                            finished: row.finished,
                            voted: r.answers.contains_key(id),
                        })
                        .collect(),
                    reveal: match self.show {
                        Show::Hidden => None,
                        Show::Votes => Some(consensus::reveal(question, &data.answers, false)),
                        Show::VotesWithNames => {
                            Some(consensus::reveal(question, &data.answers, true))
                        }
                    },
                    consensus: consensus_of(id),
                    previous: at
                        .and_then(|i| i.checked_sub(1))
                        .map(|i| order[i].question_id),
                    next: at.and_then(|i| order.get(i + 1)).map(|s| s.question_id),
                }
            });
        DiscussionView {
            workshop: &self.workshop,
            team: &self.team,
            assessment: &data.assessment,
            respondents: &data.respondents,
            hot_spots: questions.iter().filter(|x| x.hot).count(),
            questions,
            dimensions,
            overall: score.overall,
            votes_overall: votes.overall,
            max_rationale: consensus::MAX_RATIONALE,
            selected,
        }
    }
}

impl Serialize for Discussion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}

/// The discussion page of one team: its questions in discussion order with spreads and agreed
/// levels, dimension scores with and without the agreed levels, and — for `question` — who has
/// voted, and the votes as far as `show` allows.
pub fn discussion(
    store: &Store,
    assessment_id: i64,
    question: Option<&str>,
    show: Show,
) -> Result<Discussion, ViewError> {
    let data = store.assessment_data(assessment_id)?;
    let questionnaire = crate::snapshot_of(store, &data.assessment)?;
    if let Some(id) = question.filter(|id| questionnaire.question(id).is_none()) {
        return Err(ViewError::NotFound(format!(
            "question `{id}` is not in this assessment"
        )));
    }
    Ok(Discussion {
        workshop: store
            .workshop_of_assessment(assessment_id)?
            .map(|(id, name)| WorkshopRef { id, name }),
        team: store.team(data.assessment.team_id)?,
        agreed: store.consensus_of(assessment_id)?,
        questionnaire,
        data,
        selected: question.map(str::to_string),
        show,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    #[test]
    fn votes_stay_hidden_until_the_reveal_and_names_only_when_ticked() {
        let f = fixture::discussion();
        let json = |show| {
            serde_json::to_value(discussion(&f.store, f.assessment, Some("q1"), show).unwrap())
                .unwrap()
        };

        let hidden = json(Show::Hidden);
        let selected = &hidden["selected"];
        assert!(selected["reveal"].is_null(), "no counts before the reveal");
        let voters = selected["voters"].as_array().unwrap();
        assert_eq!(voters.len(), 3);
        assert_eq!(
            voters
                .iter()
                .map(|v| v["voted"].as_bool().unwrap())
                .collect::<Vec<_>>(),
            [true, true, false],
            "who has voted is shown"
        );
        for voter in voters {
            let keys: Vec<&str> = voter
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys.len(), 5, "a voter carries no answer: {keys:?}");
        }
        // The selected question's levels appear nowhere in what is sent before the reveal.
        let text = hidden["selected"].to_string();
        assert!(!text.contains("distribution"), "{text}");

        let votes = json(Show::Votes);
        let reveal = &votes["selected"]["reveal"];
        assert_eq!(
            reveal["votes"]["distribution"],
            serde_json::json!([1, 0, 0, 1, 0])
        );
        assert_eq!(reveal["levels_given"], 2);
        assert!(reveal["names"].is_null(), "no names unless ticked");

        let named = json(Show::VotesWithNames);
        let names = &named["selected"]["reveal"]["names"];
        assert_eq!(names["levels"][0], serde_json::json!(["Ann"]));
        assert_eq!(names["levels"][3], serde_json::json!(["Bo"]));
        assert_eq!(names["waiting"], serde_json::json!(["Cy"]));

        assert_eq!(Show::from_switches(false, true), Show::Hidden);
        assert_eq!(Show::from_switches(true, false), Show::Votes);
        assert_eq!(Show::from_switches(true, true), Show::VotesWithNames);
    }

    #[test]
    fn the_widest_spread_comes_first_and_an_agreed_level_scores_in_place_of_the_votes() {
        let mut f = fixture::discussion();
        let view = discussion(&f.store, f.assessment, None, Show::Hidden).unwrap();
        let v = view.view();
        assert_eq!(v.questions[0].id, "q1", "spread 3 first");
        assert!(v.questions[0].hot);
        assert_eq!(v.hot_spots, 1);
        assert!(v.selected.is_none());
        assert_eq!(v.overall, v.votes_overall, "nothing agreed yet");

        f.store
            .set_consensus(f.assessment, "q1", 4, "we deploy daily", fixture::now())
            .unwrap();
        let view = discussion(&f.store, f.assessment, None, Show::Hidden).unwrap();
        let v = view.view();
        assert_eq!(v.questions[0].consensus.map(|c| c.level), Some(4));
        let flow = v.dimensions.iter().find(|d| d.id == "flow").unwrap();
        assert_eq!(flow.agreed, 1);
        assert_ne!(flow.score, flow.votes_score, "the agreed level scores");
    }

    #[test]
    fn an_unknown_question_is_named() {
        let f = fixture::discussion();
        let err = discussion(&f.store, f.assessment, Some("nope"), Show::Votes).unwrap_err();
        assert_eq!(err.to_string(), "question `nope` is not in this assessment");
    }
}
