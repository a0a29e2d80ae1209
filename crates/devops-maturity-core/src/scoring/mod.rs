//! Honest scoring of one or several respondents.
//!
//! The rules, which the app shows next to the results:
//! 1. Each answer is a level 1–5. "Don't know" is *missing*, never zero. "Not applicable" means
//!    the question is out of scope for that respondent: it leaves the question out altogether.
//! 2. A respondent's dimension score is the mean of their answered levels in that dimension
//!    (averaging across the items of one scale), but only when they answered at least half of
//!    the dimension's *applicable* questions (those they did not mark "not applicable");
//!    otherwise that respondent has "not enough answers" there.
//! 3. The team's dimension score is the **median** of its respondents' dimension scores (Likert
//!    answers are ordinal; a median is not pulled by one outlier). No respondent with enough
//!    answers → "not enough answers", not a number; but a dimension whose only answers are "not
//!    applicable" is **out of scope** ([`DimensionScore::out_of_scope`]).
//! 4. Scores are kept to one decimal, as they are shown ([`shown`]: 2.975 is 3.0), and a level
//!    is reached when the score is at least that level: level = ⌊score⌋. So a number and its
//!    level (and its colour) never disagree, and a gap is the difference of the numbers shown
//!    (score 2.3, target 4: gap 1.7).
//! 5. The overall score is the weighted mean of the dimension scores that exist, reported only
//!    when at least half of the dimensions in scope have one
//!    ([`AssessmentScore::overall_dimensions`] says how many it averages).
//! 6. Gap = target level − dimension score; gaps are ranked by gap × weight, equal ones in
//!    questionnaire order (the plan uses the same order).
//! 7. Per question: the distribution over levels, the median, min, max. A question is a
//!    disagreement (a discussion hot-spot) when its levels lie [`DISAGREEMENT_SPREAD`] or more
//!    apart: with up to [`SMALL_GROUP`] levels given, the lowest and highest count; with more,
//!    at least two people must sit on each side (the second-lowest and second-highest levels
//!    count, [`QuestionStat::robust_spread`]), so one outlier in a larger team flags nothing.
//!    Hot-spots are ranked by that spread.
//! 9. Every dimension score carries what it rests on ([`Confidence`]): how many respondents
//!    have a score there, the share of "don't know" among the applicable answers, and the
//!    spread of the respondents' scores.
//! 8. Consensus: when the group has agreed a level for a question ([`Choices::agreed`]), that
//!    level replaces *every* respondent's answer to the question — a level, "don't know",
//!    "not applicable" or no answer — before rules 2–5 apply. Each person's dimension mean then
//!    holds the agreed level, the team score stays a median of people, and an agreed question
//!    counts as answered for everyone. Rule 7 still describes the original votes (their
//!    distribution and spread are kept and shown), with the agreed level beside them.
//! 10. Roles: each respondent says whether they do the work or lead it ([`Role`]). On a
//!     dimension about leadership ([`crate::questionnaire::Dimension::leadership`]), when at least
//!     one leader answered, the leaders' score and the practitioners' score (each the median of
//!     that group's respondent scores, rules 2–3) are shown side by side ([`RoleSplit`]), since
//!     people rate their own leadership higher. The team score stays the median of everyone: the
//!     split shows a difference, it does not re-weight. People who stated no role count on
//!     neither side.
//!
//! This file holds the rules' types and arithmetic; `scorer` applies rules 1–6, 8–10 to an
//! assessment, `questions` rule 7 (each question's distribution, spread and the hot spots).

mod questions;
mod scorer;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::questionnaire::{DimensionKind, Questionnaire};
pub use questions::hot_spots;
pub(crate) use questions::question_stat;

/// Share of a dimension's questions a respondent must answer for a score.
pub const MIN_ANSWERED_SHARE: f64 = 0.5;
/// Answers this many levels apart (or more) mark a disagreement.
pub const DISAGREEMENT_SPREAD: u8 = 2;
/// Up to this many levels given on a question, the full range decides a disagreement; above
/// it, at least two people on each side (rule 7).
pub const SMALL_GROUP: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Level(u8),
    DontKnow,
    NotApplicable,
}

impl Answer {
    /// The text form used in the database and across IPC: `"1"` … `"5"`, `"dont-know"`,
    /// `"not-applicable"`. `None` for a level outside 1–5.
    pub fn code(self) -> Option<String> {
        match self {
            Answer::Level(l @ 1..=5) => Some(l.to_string()),
            Answer::Level(_) => None,
            Answer::DontKnow => Some("dont-know".into()),
            Answer::NotApplicable => Some("not-applicable".into()),
        }
    }

    /// Reads the text form of [`Answer::code`]; `None` for anything else.
    pub fn from_code(text: &str) -> Option<Answer> {
        match text {
            "dont-know" => Some(Answer::DontKnow),
            "not-applicable" => Some(Answer::NotApplicable),
            "1" | "2" | "3" | "4" | "5" => text.parse().ok().map(Answer::Level),
            _ => None,
        }
    }

    pub fn level(self) -> Option<u8> {
        match self {
            Answer::Level(l) => Some(l),
            _ => None,
        }
    }
}

/// A respondent's part in the team: doing the work, or leading it (team lead, product owner,
/// manager). Leaders' answers to the leadership dimensions are shown apart (rule 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Practitioner,
    Leader,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Practitioner, Role::Leader];

    /// The text form in the database, files and across IPC: `practitioner`, `leader`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::Leader => "leader",
        }
    }

    /// The codes, for a message that says what is allowed: `"practitioner" or "leader"`.
    pub fn expected() -> String {
        crate::codes::quoted_or_list(Role::ALL.map(Role::code))
    }

    /// Reads [`Role::code`]; `None` for anything else.
    pub fn from_code(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text)
    }

    /// The plural people read: "Practitioners", "Leaders".
    pub fn people(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioners",
            Role::Leader => "Leaders",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    pub name: String,
    /// What the person does in the team, as they said when answering; `None` when not stated
    /// (assessments from before roles were asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Question id → answer. Questions not in the map were not answered.
    pub answers: BTreeMap<String, Answer>,
    /// Question id → evidence or comment given with the answer.
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
}

/// What the team chose: a target level per dimension, optional weights, and the levels it
/// agreed after discussing questions (rule 8 of the module doc).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    #[serde(default)]
    pub targets: BTreeMap<String, u8>,
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Question id → the level (1–5) the group agreed; it scores in place of every
    /// respondent's answer. Levels outside 1–5 and unknown questions are ignored.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub agreed: BTreeMap<String, u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStat<'q> {
    pub question_id: &'q str,
    pub dimension_id: &'q str,
    /// Respondents per level: index 0 is level 1.
    pub distribution: [u32; 5],
    pub dont_know: u32,
    pub not_applicable: u32,
    pub unanswered: u32,
    pub median: Option<f64>,
    pub min: Option<u8>,
    pub max: Option<u8>,
    /// max − min, 0 with fewer than two answers.
    pub spread: u8,
    /// The spread rule 7 decides on: `spread` with up to [`SMALL_GROUP`] levels given, else the
    /// second-highest level − the second-lowest (at least two people on each side).
    pub robust_spread: u8,
    pub disagreement: bool,
    /// Levels given below and above the dimension's team score: the answers that pull it down
    /// and up (0 when the dimension has no score).
    pub below_score: u32,
    pub above_score: u32,
    /// Evidence or comments written with the answers, in respondent order.
    pub evidence: Vec<Evidence>,
    /// The level the group agreed ([`Choices::agreed`]), which scores instead of the votes
    /// counted above.
    pub agreed: Option<u8>,
}

/// One respondent's written evidence for a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub respondent: String,
    /// Their answer's code (`"3"`, `"dont-know"`, `"not-applicable"`), when they answered.
    pub answer: Option<String>,
    pub text: String,
}

/// What a dimension score rests on (rule 9).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confidence {
    /// Respondents with a score for the dimension, of `respondents`.
    pub scored_by: u32,
    pub respondents: u32,
    /// "Don't know" answers / (levels + "don't know") given in the dimension; `None` when no
    /// applicable answer was given.
    pub dont_know_share: Option<f64>,
    /// Highest − lowest respondent score; `None` with fewer than two.
    pub spread: Option<f64>,
    /// The score is one person's answers.
    pub single_respondent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    pub kind: DimensionKind,
    pub weight: f64,
    pub questions: u32,
    /// `None`: not enough answers, or out of scope.
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Every answer given in the dimension is "not applicable" (rule 3): no score, and left out
    /// of the overall score's half rule.
    pub out_of_scope: bool,
    /// Each respondent's score, in respondent order (`None`: not enough answers).
    pub respondent_scores: Vec<Option<f64>>,
    /// The respondents (indexes in respondent order) whose scores make the median: one, or
    /// the two middle ones of an even count.
    pub median_from: Vec<u32>,
    pub confidence: Confidence,
    pub target: Option<u8>,
    /// target − score, when both exist.
    pub gap: Option<f64>,
}

impl DimensionScore<'_> {
    /// What the score rests on, in words (the CLI and the report use it; the app words it the
    /// same way): "2 of 3 people · 25 % don't know · spread 1.5", "one person's answers only
    /// (of 3)", "out of scope: every answer was not applicable".
    pub fn rests_on(&self) -> String {
        let c = &self.confidence;
        if self.out_of_scope {
            return "out of scope: every answer was not applicable".into();
        }
        if c.scored_by == 0 {
            return format!("nobody answered enough of {} questions", self.questions);
        }
        let mut parts = vec![if c.single_respondent {
            format!("one person's answers only (of {})", c.respondents)
        } else {
            format!("{} of {} people", c.scored_by, c.respondents)
        }];
        if let Some(share) = c.dont_know_share.filter(|s| *s > 0.0) {
            parts.push(format!("{:.0} % don't know", share * 100.0));
        }
        if let Some(spread) = c.spread {
            parts.push(format!("spread {spread:.1}"));
        }
        parts.join(" · ")
    }
}

/// One side of a [`RoleSplit`]: the respondents with that role and their median.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleScore {
    pub role: Role,
    /// Respondents with this role.
    pub respondents: u32,
    /// Of them, those with a score for the dimension.
    pub scored_by: u32,
    /// The median of their scores, kept as shown (rule 4); `None` when nobody has one.
    pub score: Option<f64>,
    pub level: Option<u8>,
}

/// Leaders' and practitioners' scores of one leadership dimension, apart (rule 10).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSplit<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    /// The team's score (everyone, rule 3).
    pub team: Option<f64>,
    pub practitioners: RoleScore,
    pub leaders: RoleScore,
    /// Leaders' score − practitioners' score, when both exist (a difference of shown numbers).
    pub difference: Option<f64>,
    /// [`RoleSplit::apart`] and [`RoleSplit::difference_in_words`], for the app to show.
    pub apart: bool,
    pub difference_words: String,
}

impl RoleScore {
    /// "4.5 (1 of 1)", "— (0 of 2)": the score and how many of the group it rests on.
    pub fn in_words(&self) -> String {
        let score = self
            .score
            .map_or_else(|| "—".to_string(), |s| format!("{s:.1}"));
        format!("{score} ({} of {})", self.scored_by, self.respondents)
    }
}

impl RoleSplit<'_> {
    /// The sides a level or more apart: worth talking about.
    pub fn apart(&self) -> bool {
        self.difference.is_some_and(|d| d.abs() >= 1.0 - 1e-9)
    }

    /// The difference in words, for the CLI, the report and the app alike: "leaders 2.2
    /// higher — a level or more apart", "leaders 0.3 lower", "the same", or why there is none.
    pub fn difference_in_words(&self) -> String {
        match self.difference {
            None if self.practitioners.respondents == 0 => "no practitioner answered".into(),
            None => "no comparison: one side has no score".into(),
            Some(d) if d.abs() < 0.05 => "the same".into(),
            Some(d) => {
                let way = if d > 0.0 { "higher" } else { "lower" };
                let apart = if self.apart() {
                    " — a level or more apart"
                } else {
                    ""
                };
                format!("leaders {:.1} {way}{apart}", d.abs())
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedGap<'q> {
    pub dimension_id: &'q str,
    pub gap: f64,
    pub weighted: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentScore<'q> {
    pub respondents: u32,
    pub questions: Vec<QuestionStat<'q>>,
    pub dimensions: Vec<DimensionScore<'q>>,
    /// `None`: fewer than half of the dimensions in scope have a score.
    pub overall: Option<f64>,
    pub overall_level: Option<u8>,
    /// How many dimension scores the overall score averages, of `in_scope_dimensions`.
    pub overall_dimensions: u32,
    pub in_scope_dimensions: u32,
    /// Positive gaps, largest weighted gap first.
    pub gaps: Vec<RankedGap<'q>>,
    /// Questions with a disagreement, widest robust spread first.
    pub hot_spots: Vec<&'q str>,
    /// Leaders apart from practitioners on each leadership dimension, in questionnaire order;
    /// empty when no respondent is a leader (rule 10).
    pub by_role: Vec<RoleSplit<'q>>,
}

/// A score as it is kept and shown: rounded to one decimal (rule 4).
pub fn shown(score: f64) -> f64 {
    (score * 10.0).round() / 10.0
}

/// ⌊score⌋ within 1..=5.
pub fn level_of(score: f64) -> u8 {
    (score + 1e-9).floor().clamp(1.0, 5.0) as u8
}

/// Median of a non-empty slice; `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    median_in_place(&mut values.to_vec())
}

/// [`median`] that sorts `values` instead of copying them.
fn median_in_place(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// The team's weight for a dimension when it is a positive number, else the questionnaire's.
fn effective_weight(choices: &Choices, dimension_id: &str, default: f64) -> f64 {
    choices
        .weights
        .get(dimension_id)
        .copied()
        .filter(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(default)
}

/// One respondent's answers by question position, one byte each: 0 unanswered, 1–5 a level,
/// 6 "don't know", 7 "not applicable". Built by [`Scorer::sheet`] for one questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSheet(Vec<u8>);

impl AnswerSheet {
    fn encode(answer: Answer) -> u8 {
        match answer {
            Answer::Level(l @ 1..=5) => l,
            Answer::Level(_) => 0,
            Answer::DontKnow => 6,
            Answer::NotApplicable => 7,
        }
    }
}

/// Scores the answers of `respondents` against `questionnaire`. Answers to unknown questions
/// and out-of-range levels are ignored here: callers validate input before scoring.
pub fn score<'q>(
    questionnaire: &'q Questionnaire,
    respondents: &[Respondent],
    choices: &Choices,
) -> AssessmentScore<'q> {
    Scorer::new(questionnaire).score(respondents, choices)
}

/// Dimension scores (in questionnaire order) and the overall score of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub dimensions: Vec<Option<f64>>,
    pub overall: Option<f64>,
}

/// A questionnaire indexed once for scoring many assessments (history, comparisons).
pub struct Scorer<'q> {
    questionnaire: &'q Questionnaire,
    /// Question ids in sorted order with their index, to merge with a respondent's sorted map.
    sorted_ids: Vec<(&'q str, usize)>,
    /// For each dimension, the indexes of its questions.
    dimension_questions: Vec<Vec<usize>>,
    /// For each question, the index of its dimension.
    dimension_of: Vec<usize>,
}
