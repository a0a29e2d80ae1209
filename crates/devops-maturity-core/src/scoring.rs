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

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::questionnaire::{DimensionKind, Questionnaire};

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

impl<'q> Scorer<'q> {
    pub fn new(questionnaire: &'q Questionnaire) -> Scorer<'q> {
        let mut sorted_ids: Vec<(&str, usize)> = questionnaire
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        sorted_ids.sort_unstable();
        let dimension_questions: Vec<Vec<usize>> = questionnaire
            .dimensions
            .iter()
            .map(|d| {
                questionnaire
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| q.dimension == d.id)
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let mut dimension_of = vec![0; questionnaire.questions.len()];
        for (d, indexes) in dimension_questions.iter().enumerate() {
            for &i in indexes {
                dimension_of[i] = d;
            }
        }
        Scorer {
            questionnaire,
            sorted_ids,
            dimension_questions,
            dimension_of,
        }
    }

    /// A respondent's answers to this questionnaire's questions, as (question index, answer):
    /// one merge of two sorted lists, no lookups. Unknown questions are skipped.
    fn indexed<'r>(
        &'r self,
        respondent: &'r Respondent,
    ) -> impl Iterator<Item = (usize, Answer)> + 'r {
        let mut ids = self.sorted_ids.iter().peekable();
        respondent.answers.iter().filter_map(move |(id, answer)| {
            while ids.next_if(|(q, _)| *q < id.as_str()).is_some() {}
            ids.peek()
                .filter(|(q, _)| *q == id.as_str())
                .map(|(_, i)| (*i, *answer))
        })
    }

    /// Each question's answer for one respondent, by question index (one merge of two sorted
    /// lists, no lookups).
    fn answers_by_index(&self, respondent: &Respondent) -> Vec<Option<Answer>> {
        let mut out = vec![None; self.questionnaire.questions.len()];
        for (i, answer) in self.indexed(respondent) {
            out[i] = match answer {
                Answer::Level(l) if !(1..=5).contains(&l) => None,
                a => Some(a),
            };
        }
        out
    }

    /// Only what history and comparisons need: each dimension's score and the overall score,
    /// by the same rules as [`Scorer::score`] (a property test checks they agree), without
    /// per-question detail.
    pub fn summary(&self, respondents: &[Respondent], choices: &Choices) -> Summary {
        let sheets: Vec<AnswerSheet> = respondents.iter().map(|r| self.sheet(r)).collect();
        self.summary_of_sheets(&sheets, choices)
    }

    /// An answer sheet with nothing answered yet, for [`Scorer::record`].
    pub fn blank_sheet(&self) -> AnswerSheet {
        AnswerSheet(vec![0; self.questionnaire.questions.len()])
    }

    /// Writes one answer on `sheet` (from a database row, say, without building a map per
    /// respondent first). A question this questionnaire does not have is ignored, as in
    /// [`Scorer::sheet`].
    pub fn record(&self, sheet: &mut AnswerSheet, question_id: &str, answer: Answer) {
        if let Ok(found) = self
            .sorted_ids
            .binary_search_by(|(id, _)| (*id).cmp(question_id))
        {
            sheet.0[self.sorted_ids[found].1] = AnswerSheet::encode(answer);
        }
    }

    /// A respondent's answers in the compact form [`Scorer::summary_of_sheets`] reads.
    pub fn sheet(&self, respondent: &Respondent) -> AnswerSheet {
        let mut codes = vec![0u8; self.questionnaire.questions.len()];
        for (i, answer) in self.indexed(respondent) {
            codes[i] = AnswerSheet::encode(answer);
        }
        AnswerSheet(codes)
    }

    /// [`Scorer::summary`] on answers already indexed by question position: the form to use
    /// when scoring many assessments (history, comparisons, reports), since it reads one byte
    /// per answer and looks nothing up.
    pub fn summary_of_sheets(&self, sheets: &[AnswerSheet], choices: &Choices) -> Summary {
        let dims = self.questionnaire.dimensions.len();
        let agreed = self.agreed_by_index(choices);
        // per_respondent[r * dims + d] = that respondent's score for d, if enough answers.
        let mut per_respondent: Vec<Option<f64>> = Vec::with_capacity(sheets.len() * dims);
        let (mut sum, mut n, mut na) = (vec![0u32; dims], vec![0u32; dims], vec![0u32; dims]);
        // Per dimension, over everyone: answers other than "not applicable" (levels, "don't
        // know") and "not applicable" answers, for the out-of-scope rule.
        let (mut applicable_given, mut na_given) = (vec![0u32; dims], vec![0u32; dims]);
        for sheet in sheets {
            sum.iter_mut().for_each(|x| *x = 0);
            n.iter_mut().for_each(|x| *x = 0);
            na.iter_mut().for_each(|x| *x = 0);
            // Two loops rather than a check per answer: most assessments agreed on nothing.
            match &agreed {
                None => tally(
                    sheet.0.iter().copied(),
                    &self.dimension_of,
                    (&mut sum, &mut n, &mut na),
                    &mut applicable_given,
                ),
                Some(agreed) => tally(
                    sheet
                        .0
                        .iter()
                        .zip(agreed)
                        .map(|(&code, a)| a.unwrap_or(code)),
                    &self.dimension_of,
                    (&mut sum, &mut n, &mut na),
                    &mut applicable_given,
                ),
            }
            for d in 0..dims {
                let applicable = self.dimension_questions[d].len() as u32 - na[d];
                na_given[d] += na[d];
                per_respondent
                    .push(enough(n[d], applicable).then(|| f64::from(sum[d]) / f64::from(n[d])));
            }
        }
        let mut column = Vec::with_capacity(sheets.len());
        let mut scores = Vec::with_capacity(dims);
        let (mut weighted, mut total_weight, mut scored) = (0.0, 0.0, 0usize);
        let mut in_scope = 0usize;
        for (d, dimension) in self.questionnaire.dimensions.iter().enumerate() {
            column.clear();
            column.extend((0..sheets.len()).filter_map(|r| per_respondent[r * dims + d]));
            let score = median_in_place(&mut column).map(shown);
            if !(score.is_none() && applicable_given[d] == 0 && na_given[d] > 0) {
                in_scope += 1;
            }
            if let Some(v) = score {
                let weight = if choices.weights.is_empty() {
                    dimension.weight
                } else {
                    effective_weight(choices, &dimension.id, dimension.weight)
                };
                weighted += weight * v;
                total_weight += weight;
                scored += 1;
            }
            scores.push(score);
        }
        let overall = (in_scope > 0 && scored * 2 >= in_scope && total_weight > 0.0)
            .then(|| shown(weighted / total_weight));
        Summary {
            dimensions: scores,
            overall,
        }
    }

    /// The agreed levels by question index, `None` when nothing was agreed (rule 8).
    fn agreed_by_index(&self, choices: &Choices) -> Option<Vec<Option<u8>>> {
        if choices.agreed.is_empty() {
            return None;
        }
        Some(
            self.questionnaire
                .questions
                .iter()
                .map(|question| {
                    choices
                        .agreed
                        .get(&question.id)
                        .copied()
                        .filter(|l| (1..=5).contains(l))
                })
                .collect(),
        )
    }

    pub fn score(&self, respondents: &[Respondent], choices: &Choices) -> AssessmentScore<'q> {
        let q = self.questionnaire;
        let votes: Vec<Vec<Option<Answer>>> = respondents
            .iter()
            .map(|r| self.answers_by_index(r))
            .collect();
        let agreed = self.agreed_by_index(choices);
        let questions: Vec<QuestionStat<'q>> = q
            .questions
            .iter()
            .enumerate()
            .map(|(i, question)| {
                let mut stat = question_stat(question, votes.iter().map(|row| row[i]));
                stat.agreed = agreed.as_ref().and_then(|a| a[i]);
                stat
            })
            .collect();
        // Rule 8: what scores is the agreed level where there is one, else each vote.
        let grid = match &agreed {
            None => votes,
            Some(agreed) => votes
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .zip(agreed)
                        .map(|(vote, agreed)| agreed.map(Answer::Level).or(vote))
                        .collect()
                })
                .collect(),
        };

        let dimensions: Vec<DimensionScore<'q>> = q
            .dimensions
            .iter()
            .zip(&self.dimension_questions)
            .map(|(d, indexes)| {
                let respondent_scores: Vec<Option<f64>> = grid
                    .iter()
                    .map(|row| respondent_score(row, indexes))
                    .collect();
                let present: Vec<f64> = respondent_scores.iter().flatten().copied().collect();
                let score = median(&present).map(shown);
                let target = choices.targets.get(&d.id).copied();
                let weight = effective_weight(choices, &d.id, d.weight);
                let (mut levels, mut dont_know, mut not_applicable) = (0u32, 0u32, 0u32);
                for row in &grid {
                    for &i in indexes {
                        match row[i] {
                            Some(Answer::Level(_)) => levels += 1,
                            Some(Answer::DontKnow) => dont_know += 1,
                            Some(Answer::NotApplicable) => not_applicable += 1,
                            None => {}
                        }
                    }
                }
                let out_of_scope = score.is_none() && levels + dont_know == 0 && not_applicable > 0;
                let spread = (present.len() >= 2).then(|| {
                    present.iter().copied().fold(f64::MIN, f64::max)
                        - present.iter().copied().fold(f64::MAX, f64::min)
                });
                DimensionScore {
                    dimension_id: d.id.as_str(),
                    name: d.name.as_str(),
                    kind: d.kind,
                    weight,
                    questions: indexes.len() as u32,
                    score,
                    level: score.map(level_of),
                    out_of_scope,
                    median_from: median_from(&respondent_scores),
                    confidence: Confidence {
                        scored_by: present.len() as u32,
                        respondents: grid.len() as u32,
                        dont_know_share: (levels + dont_know > 0)
                            .then(|| f64::from(dont_know) / f64::from(levels + dont_know)),
                        spread,
                        single_respondent: present.len() == 1,
                    },
                    respondent_scores,
                    target,
                    gap: match (target, score) {
                        (Some(t), Some(s)) => Some(f64::from(t) - s),
                        _ => None,
                    },
                }
            })
            .collect();

        let scored: Vec<&DimensionScore<'q>> =
            dimensions.iter().filter(|d| d.score.is_some()).collect();
        let in_scope = dimensions.iter().filter(|d| !d.out_of_scope).count();
        let overall = if in_scope > 0 && scored.len() * 2 >= in_scope {
            let total_weight: f64 = scored.iter().map(|d| d.weight).sum();
            let sum: f64 = scored
                .iter()
                .map(|d| d.weight * d.score.unwrap_or(0.0))
                .sum();
            (total_weight > 0.0).then(|| shown(sum / total_weight))
        } else {
            None
        };

        let mut gaps: Vec<RankedGap<'q>> = dimensions
            .iter()
            .filter_map(|d| d.gap.filter(|g| *g > 0.0).map(|g| (d, g)))
            .map(|(d, gap)| RankedGap {
                dimension_id: d.dimension_id,
                gap,
                weighted: gap * d.weight,
            })
            .collect();
        // A stable sort: equal weighted gaps keep questionnaire order, as in the plan.
        gaps.sort_by(|a, b| b.weighted.total_cmp(&a.weighted));

        let mut questions = questions;
        for (stat, i) in questions.iter_mut().zip(0..) {
            let dimension_score = dimensions[self.dimension_of[i]].score;
            if let Some(team) = dimension_score {
                for (level, count) in (1..=5u8).zip(stat.distribution) {
                    if f64::from(level) < team - 1e-9 {
                        stat.below_score += count;
                    } else if f64::from(level) > team + 1e-9 {
                        stat.above_score += count;
                    }
                }
            }
            let id = &q.questions[i].id;
            stat.evidence = respondents
                .iter()
                .filter_map(|r| {
                    let text = r.evidence.get(id)?.trim();
                    (!text.is_empty()).then(|| Evidence {
                        respondent: r.name.clone(),
                        answer: r.answers.get(id).and_then(|a| a.code()),
                        text: text.to_string(),
                    })
                })
                .collect();
        }
        let hot_spots = hot_spots(&questions);
        let by_role = role_splits(q, &dimensions, respondents);

        AssessmentScore {
            respondents: respondents.len() as u32,
            questions,
            overall_dimensions: scored.len() as u32,
            in_scope_dimensions: in_scope as u32,
            dimensions,
            overall,
            overall_level: overall.map(level_of),
            gaps,
            hot_spots,
            by_role,
        }
    }
}

/// Rule 10: the leadership dimensions' scores by role, when at least one respondent leads.
fn role_splits<'q>(
    q: &'q Questionnaire,
    dimensions: &[DimensionScore<'q>],
    respondents: &[Respondent],
) -> Vec<RoleSplit<'q>> {
    if !respondents.iter().any(|r| r.role == Some(Role::Leader)) {
        return Vec::new();
    }
    let side = |d: &DimensionScore<'q>, role: Role| {
        let mut scores = Vec::new();
        let mut people = 0;
        for (r, s) in respondents.iter().zip(&d.respondent_scores) {
            if r.role == Some(role) {
                people += 1;
                scores.extend(*s);
            }
        }
        let score = median(&scores).map(shown);
        RoleScore {
            role,
            respondents: people,
            scored_by: scores.len() as u32,
            score,
            level: score.map(level_of),
        }
    };
    q.dimensions
        .iter()
        .zip(dimensions)
        .filter(|(d, _)| d.leadership)
        .map(|(_, d)| {
            let practitioners = side(d, Role::Practitioner);
            let leaders = side(d, Role::Leader);
            let difference = match (leaders.score, practitioners.score) {
                (Some(l), Some(p)) => Some(shown(l - p)),
                _ => None,
            };
            let mut split = RoleSplit {
                dimension_id: d.dimension_id,
                name: d.name,
                team: d.score,
                practitioners,
                leaders,
                difference,
                apart: false,
                difference_words: String::new(),
            };
            split.apart = split.apart();
            split.difference_words = split.difference_in_words();
            split
        })
        .collect()
}

/// Adds one respondent's levels (answer-sheet codes, by question) to the per-dimension sums and
/// counts, and counts "not applicable" (code 7) apart; levels and "don't know" (code 6) are
/// also added to `applicable_given`. Unanswered questions count nowhere.
fn tally(
    codes: impl Iterator<Item = u8>,
    dimension_of: &[usize],
    (sum, n, na): (&mut [u32], &mut [u32], &mut [u32]),
    applicable_given: &mut [u32],
) {
    for (code, &d) in codes.zip(dimension_of) {
        match code {
            1..=5 => {
                sum[d] += u32::from(code);
                n[d] += 1;
                applicable_given[d] += 1;
            }
            6 => applicable_given[d] += 1,
            7 => na[d] += 1,
            _ => {}
        }
    }
}

/// Rule 2's half rule: at least half of the applicable questions answered with a level.
fn enough(answered: u32, applicable: u32) -> bool {
    applicable > 0
        && answered > 0
        && f64::from(answered) / f64::from(applicable) >= MIN_ANSWERED_SHARE
}

/// The respondents whose scores make the median: the middle one, or the two middle ones.
/// Equal scores keep respondent order.
fn median_from(scores: &[Option<f64>]) -> Vec<u32> {
    let mut present: Vec<(u32, f64)> = scores
        .iter()
        .zip(0..)
        .filter_map(|(s, i)| s.map(|v| (i, v)))
        .collect();
    if present.is_empty() {
        return Vec::new();
    }
    present.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mid = present.len() / 2;
    let mut out = if present.len().is_multiple_of(2) {
        vec![present[mid - 1].0, present[mid].0]
    } else {
        vec![present[mid].0]
    };
    out.sort_unstable();
    out
}

/// Discussion hot-spots: the questions flagged by rule 7, widest robust spread first, then
/// widest full spread (ties by question id). Agreed questions stay listed: their votes still
/// disagreed.
pub fn hot_spots<'q>(questions: &[QuestionStat<'q>]) -> Vec<&'q str> {
    let mut hot: Vec<&QuestionStat<'q>> = questions.iter().filter(|q| q.disagreement).collect();
    hot.sort_by(|a, b| {
        b.robust_spread
            .cmp(&a.robust_spread)
            .then_with(|| b.spread.cmp(&a.spread))
            .then_with(|| a.question_id.cmp(b.question_id))
    });
    hot.into_iter().map(|q| q.question_id).collect()
}

fn respondent_score(row: &[Option<Answer>], indexes: &[usize]) -> Option<f64> {
    if indexes.is_empty() {
        return None;
    }
    let (mut sum, mut n, mut na) = (0u32, 0u32, 0u32);
    for &i in indexes {
        match row[i] {
            Some(Answer::Level(l)) => {
                sum += u32::from(l);
                n += 1;
            }
            Some(Answer::NotApplicable) => na += 1,
            _ => {}
        }
    }
    enough(n, indexes.len() as u32 - na).then(|| f64::from(sum) / f64::from(n))
}

pub(crate) fn question_stat(
    question: &crate::Question,
    answers: impl Iterator<Item = Option<Answer>>,
) -> QuestionStat<'_> {
    let mut distribution = [0u32; 5];
    let (mut dont_know, mut not_applicable, mut unanswered) = (0, 0, 0);
    for answer in answers {
        match answer {
            Some(Answer::Level(l)) => distribution[usize::from(l) - 1] += 1,
            Some(Answer::DontKnow) => dont_know += 1,
            Some(Answer::NotApplicable) => not_applicable += 1,
            None => unanswered += 1,
        }
    }
    let min = (1..=5u8).find(|l| distribution[usize::from(*l) - 1] > 0);
    let max = (1..=5u8)
        .rev()
        .find(|l| distribution[usize::from(*l) - 1] > 0);
    let spread = match (min, max) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    let given: u32 = distribution.iter().sum();
    let robust_spread = if given <= SMALL_GROUP {
        spread
    } else {
        // The second-lowest and second-highest levels: two people on each side.
        let nth = |k: u32| {
            let mut seen = 0;
            (1..=5u8)
                .find(|l| {
                    seen += distribution[usize::from(*l) - 1];
                    seen > k
                })
                .unwrap_or(5)
        };
        nth(given - 2) - nth(1)
    };
    QuestionStat {
        question_id: question.id.as_str(),
        dimension_id: question.dimension.as_str(),
        distribution,
        dont_know,
        not_applicable,
        unanswered,
        median: median_of_distribution(&distribution),
        min,
        max,
        spread,
        robust_spread,
        disagreement: robust_spread >= DISAGREEMENT_SPREAD,
        below_score: 0,
        above_score: 0,
        evidence: Vec::new(),
        agreed: None,
    }
}

/// Median of the levels counted in `distribution` (index 0 = level 1).
fn median_of_distribution(distribution: &[u32; 5]) -> Option<f64> {
    let n: u32 = distribution.iter().sum();
    if n == 0 {
        return None;
    }
    let nth = |k: u32| {
        let mut seen = 0;
        for (i, count) in distribution.iter().enumerate() {
            seen += count;
            if seen > k {
                return (i + 1) as f64;
            }
        }
        5.0
    };
    Some(if n.is_multiple_of(2) {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    } else {
        nth(n / 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Two dimensions: "a" with 4 questions, "b" with 2.
    fn questionnaire() -> Questionnaire {
        Questionnaire::sample([("a", &["a1", "a2", "a3", "a4"][..]), ("b", &["b1", "b2"])])
    }

    fn respondent(name: &str, answers: &[(&str, Answer)]) -> Respondent {
        Respondent {
            name: name.into(),
            role: None,
            answers: answers.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            evidence: BTreeMap::new(),
        }
    }

    use Answer::{DontKnow as DK, Level as L, NotApplicable as NA};

    #[test]
    fn golden_single_respondent_with_dont_know() {
        let r = respondent(
            "Ana",
            &[
                ("a1", L(2)),
                ("a2", L(3)),
                ("a3", DK),
                ("a4", L(4)),
                ("b1", NA),
                ("b2", L(5)),
            ],
        );
        let choices = Choices {
            targets: [("a".into(), 4), ("b".into(), 4)].into(),
            ..Choices::default()
        };
        let q = questionnaire();
        let s = score(&q, &[r], &choices);
        let a = &s.dimensions[0];
        assert_eq!(a.score, Some(3.0), "mean of 2, 3, 4; don't know left out");
        assert_eq!(a.level, Some(3));
        assert_eq!(a.gap, Some(1.0));
        let b = &s.dimensions[1];
        assert_eq!(
            b.score,
            Some(5.0),
            "1 of 2 answered is exactly half: enough"
        );
        assert_eq!(
            b.gap,
            Some(-1.0),
            "a target below the score is a negative gap"
        );
        assert_eq!(s.overall, Some(4.0), "equal weights: (3 + 5) / 2");
        assert_eq!(s.overall_level, Some(4));
        assert_eq!(
            s.gaps.iter().map(|g| g.dimension_id).collect::<Vec<_>>(),
            ["a"],
            "only positive gaps are ranked"
        );
    }

    /// Rule 10 by hand. "lead" is a leadership dimension of two questions, "flow" is not.
    /// Ana (practitioner) 2,2 → 2.0; Ben (practitioner) 3,2 → 2.5; Cy (leader) 4,5 → 4.5; Dee
    /// (no role) 1,1 → 1.0. Team: median(1.0, 2.0, 2.5, 4.5) = 2.25 → 2.3 (everyone, Dee too).
    /// Practitioners: median(2.0, 2.5) = 2.25 → 2.3 of 2; leaders 4.5 of 1; difference 4.5 −
    /// 2.3 = 2.2, a level or more apart. Dee counts on neither side.
    #[test]
    fn leaders_are_shown_apart_on_leadership_dimensions() {
        let mut q = Questionnaire::sample([("lead", ["l1", "l2"]), ("flow", ["f1", "f2"])]);
        q.dimensions[0].leadership = true;
        let person = |name: &str, role: Option<Role>, a: u8, b: u8| Respondent {
            role,
            ..respondent(
                name,
                &[
                    ("l1", Answer::Level(a)),
                    ("l2", Answer::Level(b)),
                    ("f1", Answer::Level(3)),
                    ("f2", Answer::Level(3)),
                ],
            )
        };
        let people = [
            person("Ana", Some(Role::Practitioner), 2, 2),
            person("Ben", Some(Role::Practitioner), 3, 2),
            person("Cy", Some(Role::Leader), 4, 5),
            person("Dee", None, 1, 1),
        ];
        let s = score(&q, &people, &Choices::default());
        assert_eq!(
            s.dimensions[0].score,
            Some(2.3),
            "the team score is everyone's median"
        );
        assert_eq!(s.by_role.len(), 1, "only the leadership dimension is split");
        let split = &s.by_role[0];
        assert_eq!(split.dimension_id, "lead");
        assert_eq!(split.team, Some(2.3));
        assert_eq!(
            (
                split.practitioners.respondents,
                split.practitioners.scored_by
            ),
            (2, 2),
            "Dee stated no role: on neither side"
        );
        assert_eq!(split.practitioners.score, Some(2.3));
        assert_eq!(split.practitioners.level, Some(2));
        assert_eq!(
            (split.leaders.respondents, split.leaders.score),
            (1, Some(4.5))
        );
        assert_eq!(split.difference, Some(2.2));
        assert!(split.apart(), "2.2 levels apart");
        assert_eq!(split.leaders.in_words(), "4.5 (1 of 1)");
        assert_eq!(split.practitioners.in_words(), "2.3 (2 of 2)");
        assert_eq!(
            split.difference_in_words(),
            "leaders 2.2 higher — a level or more apart"
        );

        // With no leadership answer from Cy, the leaders have no score and there is no difference.
        let mut quiet = people.clone();
        quiet[2].answers.remove("l1");
        quiet[2].answers.remove("l2");
        let s = score(&q, &quiet, &Choices::default());
        let split = &s.by_role[0];
        assert_eq!((split.leaders.respondents, split.leaders.scored_by), (1, 0));
        assert_eq!((split.leaders.score, split.difference), (None, None));
        assert!(!split.apart());
        assert_eq!(split.leaders.in_words(), "— (0 of 1)");
        assert_eq!(
            split.difference_in_words(),
            "no comparison: one side has no score"
        );

        // Without a leader nothing is split.
        let mut no_leader = people.clone();
        no_leader[2].role = Some(Role::Practitioner);
        assert!(score(&q, &no_leader, &Choices::default())
            .by_role
            .is_empty());
    }

    /// A quick scan is scored by the same rules on its own questions. Full form: "flow" f1–f4
    /// (f2 and f3 quick), "care" c1–c3 (c1 quick). Quick scan: flow {f2, f3}, care {c1}.
    /// Ana: f2 = 2, f3 "don't know", c1 = 4 → flow: 1 of 2 answered, half → 2.0; care 4.0.
    /// Ben: f2 = 3, f3 = 4 → 3.5; c1 "not applicable" → care out of scope for him.
    /// Team: flow median(2.0, 3.5) = 2.75 → 2.8, level 2; care: only Ana → 4.0, one person's
    /// answers; overall (2.8 + 4.0) / 2 = 3.4 of 2 of 2 dimensions. Scored against the full
    /// form, the same answers give flow nobody (Ana 1 of 4, Ben 2 of 4 → Ben 3.5 alone).
    #[test]
    fn a_quick_scan_is_scored_by_the_same_rules_on_its_own_questions() {
        let mut full = Questionnaire::sample([
            ("flow", vec!["f1", "f2", "f3", "f4"]),
            ("care", vec!["c1", "c2", "c3"]),
        ]);
        for q in &mut full.questions {
            q.quick = ["f2", "f3", "c1"].contains(&q.id.as_str());
        }
        let quick = full.quick_scan().expect("three questions are marked");
        assert!(quick.quick_scan && !full.quick_scan);
        assert_eq!(quick.version, "1+quick");
        assert_eq!(quick.form_label(), "Quick scan");
        assert_eq!(full.form_label(), "Full questionnaire");
        let ids: Vec<&str> = quick.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["f2", "f3", "c1"], "questionnaire order kept");
        assert_eq!(quick.dimensions, full.dimensions, "every dimension stays");
        assert!(
            quick.quick_scan().is_none(),
            "a quick scan has no shorter form"
        );
        assert!(
            crate::questionnaire::is_quick_scan_version(&quick.version)
                && !crate::questionnaire::is_quick_scan_version(&full.version)
        );

        let people = [
            respondent(
                "Ana",
                &[
                    ("f2", Answer::Level(2)),
                    ("f3", Answer::DontKnow),
                    ("c1", Answer::Level(4)),
                ],
            ),
            respondent(
                "Ben",
                &[
                    ("f2", Answer::Level(3)),
                    ("f3", Answer::Level(4)),
                    ("c1", Answer::NotApplicable),
                ],
            ),
        ];
        let s = score(&quick, &people, &Choices::default());
        let flow = &s.dimensions[0];
        assert_eq!(flow.respondent_scores, [Some(2.0), Some(3.5)]);
        assert_eq!((flow.score, flow.level), (Some(2.8), Some(2)));
        assert_eq!(flow.questions, 2);
        let care = &s.dimensions[1];
        assert_eq!(care.respondent_scores, [Some(4.0), None]);
        assert_eq!(care.score, Some(4.0));
        assert!(care.confidence.single_respondent);
        assert_eq!(s.overall, Some(3.4));
        assert_eq!((s.overall_dimensions, s.in_scope_dimensions), (2, 2));

        let against_full = score(&full, &people, &Choices::default());
        assert_eq!(
            against_full.dimensions[0].respondent_scores,
            [None, Some(3.5)]
        );
        assert_eq!(
            against_full.dimensions[1].score, None,
            "1 of 3 is under half"
        );
    }

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("Leader"), None, "codes are exact");
        assert_eq!(Role::from_code("manager"), None);
    }

    #[test]
    fn answer_codes_round_trip_and_reject_out_of_range() {
        for a in [L(1), L(5), DK, NA] {
            assert_eq!(Answer::from_code(&a.code().unwrap()), Some(a));
        }
        assert_eq!(L(7).code(), None);
        for bad in ["0", "6", "7", "", "maybe", " 3"] {
            assert_eq!(Answer::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn too_few_answers_is_not_a_number() {
        let r = respondent(
            "Ana",
            &[
                ("a1", L(5)),
                ("a2", DK),
                ("a3", NA),
                ("b1", L(3)),
                ("b2", L(3)),
            ],
        );
        let q = questionnaire();
        let s = score(&q, &[r], &Choices::default());
        assert_eq!(s.dimensions[0].score, None, "1 of 4 answered is below half");
        assert_eq!(s.dimensions[0].level, None);
        assert_eq!(
            s.overall,
            Some(3.0),
            "1 of 2 dimensions scored is half: overall from b alone"
        );
    }

    #[test]
    fn golden_three_respondents_median_and_disagreement() {
        let rs = [
            respondent(
                "Ana",
                &[
                    ("a1", L(1)),
                    ("a2", L(1)),
                    ("a3", L(1)),
                    ("a4", L(1)),
                    ("b1", L(2)),
                    ("b2", L(2)),
                ],
            ),
            respondent(
                "Ben",
                &[
                    ("a1", L(3)),
                    ("a2", L(3)),
                    ("a3", L(3)),
                    ("a4", L(3)),
                    ("b1", L(2)),
                    ("b2", L(3)),
                ],
            ),
            respondent(
                "Cai",
                &[
                    ("a1", L(4)),
                    ("a2", L(4)),
                    ("a3", L(4)),
                    ("a4", L(4)),
                    ("b1", L(3)),
                    ("b2", L(2)),
                ],
            ),
        ];
        let q = questionnaire();
        let s = score(&q, &rs, &Choices::default());
        assert_eq!(
            s.dimensions[0].respondent_scores,
            [Some(1.0), Some(3.0), Some(4.0)]
        );
        assert_eq!(
            s.dimensions[0].score,
            Some(3.0),
            "median of 1, 3, 4 — not the mean 2.67"
        );
        assert_eq!(s.dimensions[1].score, Some(2.5), "median of 2, 2.5, 2.5");
        assert_eq!(
            s.dimensions[1].level,
            Some(2),
            "a level is reached only at its value"
        );
        let a1 = &s.questions[0];
        assert_eq!(a1.distribution, [1, 0, 1, 1, 0]);
        assert_eq!(
            (a1.min, a1.max, a1.spread, a1.disagreement),
            (Some(1), Some(4), 3, true)
        );
        assert_eq!(
            s.hot_spots,
            ["a1", "a2", "a3", "a4"],
            "b questions differ by 1 only"
        );
    }

    #[test]
    fn weights_change_the_overall_score() {
        let r = respondent(
            "Ana",
            &[
                ("a1", L(2)),
                ("a2", L(2)),
                ("a3", L(2)),
                ("a4", L(2)),
                ("b1", L(5)),
                ("b2", L(5)),
            ],
        );
        let choices = Choices {
            weights: [("b".into(), 2.0)].into(),
            ..Choices::default()
        };
        let q = questionnaire();
        let s = score(&q, &[r], &choices);
        assert_eq!(s.overall, Some(4.0), "(2×1 + 5×2) / 3");
    }

    #[test]
    fn an_agreed_level_scores_for_everyone_and_the_votes_stay() {
        let rs = [
            respondent(
                "Ana",
                &[("a1", L(1)), ("a2", L(3)), ("a3", L(3)), ("a4", L(3))],
            ),
            respondent(
                "Ben",
                &[
                    ("a1", L(3)),
                    ("a2", L(3)),
                    ("a3", L(3)),
                    ("a4", L(3)),
                    ("b2", L(2)),
                ],
            ),
            respondent(
                "Cai",
                &[
                    ("a1", L(5)),
                    ("a2", L(3)),
                    ("a3", L(3)),
                    ("a4", L(3)),
                    ("b1", DK),
                ],
            ),
        ];
        let q = questionnaire();
        let before = score(&q, &rs, &Choices::default());
        assert_eq!(
            before.dimensions[0].score,
            Some(3.0),
            "median of 2.5, 3, 3.5"
        );
        assert_eq!(
            before.dimensions[1].respondent_scores,
            [None, Some(2.0), None]
        );

        let choices = Choices {
            agreed: [("a1".into(), 2), ("b1".into(), 4)].into(),
            ..Choices::default()
        };
        let after = score(&q, &rs, &choices);
        assert_eq!(
            after.dimensions[0].respondent_scores,
            [Some(2.75), Some(2.75), Some(2.75)],
            "the agreed 2 replaces the votes 1, 3 and 5 in each person's mean"
        );
        assert_eq!(
            after.dimensions[0].score,
            Some(2.8),
            "2.75 kept to one decimal, as shown"
        );
        assert_eq!(
            after.dimensions[1].respondent_scores,
            [Some(4.0), Some(3.0), Some(4.0)],
            "an agreed question counts as answered for everyone, \"don't know\" included"
        );
        let a1 = &after.questions[0];
        assert_eq!(
            (a1.distribution, a1.spread, a1.disagreement, a1.agreed),
            ([1, 0, 1, 0, 1], 4, true, Some(2)),
            "the original votes and their spread are kept beside the agreed level"
        );
        assert_eq!(after.questions[1].agreed, None);
        assert_eq!(after.hot_spots, ["a1"], "the votes still disagreed");
        let summary = Scorer::new(&q).summary(&rs, &choices);
        assert_eq!(
            summary.dimensions,
            [Some(2.8), Some(4.0)],
            "the summary applies rule 8 too"
        );
    }

    #[test]
    fn agreed_levels_out_of_range_or_for_unknown_questions_are_ignored() {
        let rs = [respondent("Ana", &[("a1", L(2)), ("a2", L(2))])];
        let q = questionnaire();
        let choices = Choices {
            agreed: [("a1".into(), 0), ("a2".into(), 6), ("zz".into(), 5)].into(),
            ..Choices::default()
        };
        let s = score(&q, &rs, &choices);
        assert_eq!(s.dimensions[0].score, Some(2.0));
        assert!(s.questions.iter().all(|x| x.agreed.is_none()));
    }

    #[test]
    fn hot_spots_are_the_wide_spreads_widest_first() {
        let rs = [
            respondent(
                "Ana",
                &[("a1", L(1)), ("a2", L(1)), ("b1", L(2)), ("b2", L(3))],
            ),
            respondent(
                "Ben",
                &[("a1", L(3)), ("a2", L(5)), ("b1", L(3)), ("b2", L(5))],
            ),
        ];
        let q = questionnaire();
        let s = score(&q, &rs, &Choices::default());
        assert_eq!(
            hot_spots(&s.questions),
            ["a2", "a1", "b2"],
            "spread 4, then the 2s by id; b1 differs by one level only"
        );
    }

    #[test]
    fn not_applicable_takes_questions_out_of_the_half_rule() {
        // Ana: three of a's four questions do not apply, the fourth she rates 3. Applicable: 1,
        // answered: 1, so she has a score (before, 1 of 4 was below half).
        let r = respondent(
            "Ana",
            &[
                ("a1", NA),
                ("a2", NA),
                ("a3", NA),
                ("a4", L(3)),
                ("b1", L(2)),
            ],
        );
        let q = questionnaire();
        let s = score(&q, &[r], &Choices::default());
        assert_eq!(s.dimensions[0].score, Some(3.0));
        assert!(!s.dimensions[0].out_of_scope);
        // "Don't know" stays missing: 1 level of 4 applicable questions is not enough.
        let r = respondent("Ana", &[("a1", DK), ("a2", DK), ("a3", DK), ("a4", L(3))]);
        let s = score(&q, &[r], &Choices::default());
        assert_eq!(s.dimensions[0].score, None);
        assert!(
            !s.dimensions[0].out_of_scope,
            "don't know is not out of scope"
        );
        // One not applicable, two don't know, one level: 1 of 3 applicable is below half.
        let r = respondent("Ana", &[("a1", NA), ("a2", DK), ("a3", DK), ("a4", L(4))]);
        let s = score(&q, &[r], &Choices::default());
        assert_eq!(s.dimensions[0].score, None);
    }

    #[test]
    fn an_entirely_not_applicable_dimension_is_out_of_scope_and_leaves_the_overall_rule() {
        let q = Questionnaire::sample([
            ("a", &["a1", "a2"][..]),
            ("b", &["b1", "b2"]),
            ("c", &["c1", "c2"]),
        ]);
        let rs = [
            respondent("Ana", &[("a1", L(2)), ("a2", L(4)), ("b1", NA), ("b2", NA)]),
            respondent("Ben", &[("a1", L(3)), ("b1", NA)]),
        ];
        let s = score(&q, &rs, &Choices::default());
        let b = &s.dimensions[1];
        assert!(
            b.out_of_scope && b.score.is_none(),
            "only n/a answers: out of scope"
        );
        let c = &s.dimensions[2];
        assert!(
            !c.out_of_scope && c.score.is_none(),
            "nothing answered: not enough answers"
        );
        // In scope: a and c. a has a score (median of 3 and 3), c none: 1 of 2 is half.
        assert_eq!(s.dimensions[0].score, Some(3.0));
        assert_eq!((s.overall_dimensions, s.in_scope_dimensions), (1, 2));
        assert_eq!(
            s.overall,
            Some(3.0),
            "before, 1 of 3 dimensions was too few"
        );
        let summary = Scorer::new(&q).summary(&rs, &Choices::default());
        assert_eq!(
            summary.overall,
            Some(3.0),
            "the summary follows the same rule"
        );
        assert_eq!(summary.dimensions, [Some(3.0), None, None]);
    }

    #[test]
    fn one_outlier_in_a_larger_team_is_not_a_disagreement() {
        let q = questionnaire();
        let team = |levels: &[u8]| -> Vec<Respondent> {
            levels
                .iter()
                .enumerate()
                .map(|(i, l)| respondent(&format!("R{i}"), &[("a1", L(*l))]))
                .collect()
        };
        // Eight people, seven say 3 and one says 1: full range 2, but one person on one side.
        let s = score(&q, &team(&[3, 3, 3, 3, 3, 3, 3, 1]), &Choices::default());
        let a1 = &s.questions[0];
        assert_eq!(
            (a1.spread, a1.robust_spread, a1.disagreement),
            (2, 0, false)
        );
        assert!(s.hot_spots.is_empty());
        // Two people at 1 and six at 3: two on each side, flagged.
        let s = score(&q, &team(&[1, 3, 3, 1, 3, 3, 3, 3]), &Choices::default());
        let a1 = &s.questions[0];
        assert_eq!((a1.spread, a1.robust_spread, a1.disagreement), (2, 2, true));
        // Up to four people the full range still counts: 1, 3, 3 is a disagreement.
        let s = score(&q, &team(&[1, 3, 3]), &Choices::default());
        assert_eq!(
            (s.questions[0].robust_spread, s.questions[0].disagreement),
            (2, true)
        );
        // Five people 1, 2, 3, 4, 5: second-lowest 2, second-highest 4.
        let s = score(&q, &team(&[5, 1, 4, 2, 3]), &Choices::default());
        assert_eq!(
            (s.questions[0].spread, s.questions[0].robust_spread),
            (4, 2)
        );
    }

    #[test]
    fn every_dimension_score_says_what_it_rests_on() {
        let q = questionnaire();
        let mut ana = respondent(
            "Ana",
            &[("a1", L(2)), ("a2", L(2)), ("a3", DK), ("b1", L(4))],
        );
        ana.evidence.insert("a1".into(), "  board photo  ".into());
        ana.evidence.insert("a2".into(), "   ".into());
        let rs = [
            ana,
            respondent(
                "Ben",
                &[("a1", L(4)), ("a2", L(4)), ("a3", L(4)), ("a4", DK)],
            ),
            respondent("Cai", &[("a1", L(3)), ("a2", L(3))]),
        ];
        let s = score(&q, &rs, &Choices::default());
        let a = &s.dimensions[0];
        // Ana 2 (2, 2), Ben 4 (4, 4, 4), Cai 3 (3, 3): median 3, set by Cai.
        assert_eq!(a.score, Some(3.0));
        assert_eq!(a.median_from, [2]);
        assert_eq!(
            a.confidence,
            Confidence {
                scored_by: 3,
                respondents: 3,
                dont_know_share: Some(2.0 / 9.0),
                spread: Some(2.0),
                single_respondent: false,
            },
            "9 applicable answers given, 2 of them don't know; scores 2 to 4"
        );
        let b = &s.dimensions[1];
        assert_eq!(b.score, Some(4.0), "Ana alone answered b (1 of 2)");
        assert!(b.confidence.single_respondent);
        assert_eq!((b.confidence.scored_by, b.confidence.spread), (1, None));
        // a1: Ana 2 below the team's 3, Ben 4 above, Cai 3 on it.
        let a1 = &s.questions[0];
        assert_eq!((a1.below_score, a1.above_score), (1, 1));
        assert_eq!(
            a1.evidence,
            [Evidence {
                respondent: "Ana".into(),
                answer: Some("2".into()),
                text: "board photo".into()
            }],
            "trimmed; blank evidence is left out"
        );
        assert!(s.questions[1].evidence.is_empty());
        assert_eq!(a.rests_on(), "3 of 3 people · 22 % don't know · spread 2.0");
        assert_eq!(b.rests_on(), "one person's answers only (of 3)");
        // An even count: the two middle people.
        assert_eq!(
            median_from(&[Some(2.0), None, Some(4.0), Some(3.0), Some(1.0)]),
            [0, 3]
        );
    }

    #[test]
    fn equal_gaps_keep_questionnaire_order() {
        // "z" comes before "a" in the questionnaire; both are one level below target.
        let q = Questionnaire::sample([("z", &["z1"][..]), ("a", &["a1"])]);
        let r = respondent("Ana", &[("z1", L(2)), ("a1", L(2))]);
        let choices = Choices {
            targets: [("z".into(), 3), ("a".into(), 3)].into(),
            ..Choices::default()
        };
        let s = score(&q, &[r], &choices);
        assert_eq!(
            s.gaps.iter().map(|g| g.dimension_id).collect::<Vec<_>>(),
            ["z", "a"],
            "the plan's order, not the alphabet"
        );
    }

    fn answer() -> impl Strategy<Value = Answer> {
        prop_oneof![
            (1u8..=5).prop_map(Answer::Level),
            Just(Answer::DontKnow),
            Just(Answer::NotApplicable)
        ]
    }

    fn respondents() -> impl Strategy<Value = Vec<Respondent>> {
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
        proptest::collection::vec(
            proptest::collection::vec(proptest::option::of(answer()), 6),
            1..5,
        )
        .prop_map(move |rows| {
            rows.into_iter()
                .enumerate()
                .map(|(i, row)| Respondent {
                    name: format!("R{i}"),
                    role: None,
                    answers: ids
                        .iter()
                        .zip(row)
                        .filter_map(|(id, a)| a.map(|a| (id.to_string(), a)))
                        .collect(),
                    evidence: BTreeMap::new(),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn summary_agrees_with_the_full_score(
            rs in respondents(),
            wb in 0.1f64..5.0,
            agreed in proptest::collection::btree_map(
                proptest::sample::select(vec!["a1", "a3", "b2"]).prop_map(String::from),
                1u8..=5,
                0..3,
            ),
        ) {
            let q = questionnaire();
            let choices = Choices { weights: [("b".into(), wb)].into(), agreed, ..Choices::default() };
            let full = score(&q, &rs, &choices);
            let summary = Scorer::new(&q).summary(&rs, &choices);
            prop_assert_eq!(summary.dimensions, full.dimensions.iter().map(|d| d.score).collect::<Vec<_>>());
            prop_assert_eq!(summary.overall, full.overall);
        }

        #[test]
        fn a_sheet_recorded_answer_by_answer_is_the_respondents_sheet(rs in respondents()) {
            let q = questionnaire();
            let scorer = Scorer::new(&q);
            for r in &rs {
                let mut sheet = scorer.blank_sheet();
                // In reverse order, and with a question the questionnaire does not have.
                for (id, answer) in r.answers.iter().rev() {
                    scorer.record(&mut sheet, id, *answer);
                }
                scorer.record(&mut sheet, "zz-unknown", Answer::Level(3));
                prop_assert_eq!(sheet, scorer.sheet(r));
            }
        }

        #[test]
        fn scores_stay_within_one_to_five(rs in respondents()) {
            let q = questionnaire();
        let s = score(&q, &rs, &Choices::default());
            for d in &s.dimensions {
                if let Some(v) = d.score { prop_assert!((1.0..=5.0).contains(&v), "{v}"); }
            }
            if let Some(v) = s.overall { prop_assert!((1.0..=5.0).contains(&v)); }
        }

        #[test]
        fn raising_one_answer_never_lowers_a_score(rs in respondents(), who in 0usize..4, q in 0usize..6) {
            let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
            let who = who % rs.len();
            let Some(Answer::Level(l)) = rs[who].answers.get(ids[q]).copied() else { return Ok(()) };
            prop_assume!(l < 5);
            let mut raised = rs.clone();
            raised[who].answers.insert(ids[q].to_string(), Answer::Level(l + 1));
            let qn = questionnaire();
            let before = score(&qn, &rs, &Choices::default());
            let after = score(&qn, &raised, &Choices::default());
            for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
                prop_assert_eq!(b.score.is_some(), a.score.is_some());
                if let (Some(b), Some(a)) = (b.score, a.score) { prop_assert!(a >= b - 1e-12, "{} < {}", a, b); }
            }
            if let (Some(b), Some(a)) = (before.overall, after.overall) { prop_assert!(a >= b - 1e-12); }
        }

        #[test]
        fn agreeing_the_level_everyone_gave_changes_no_score(rs in respondents(), q in 0usize..6, level in 1u8..=5) {
            let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
            let mut same = rs.clone();
            for r in &mut same {
                r.answers.insert(ids[q].to_string(), Answer::Level(level));
            }
            let qn = questionnaire();
            let agreed = Choices { agreed: [(ids[q].to_string(), level)].into(), ..Choices::default() };
            let votes = score(&qn, &same, &Choices::default());
            let consensus = score(&qn, &rs, &agreed);
            let scores = |s: &AssessmentScore<'_>| s.dimensions.iter().map(|d| d.score).collect::<Vec<_>>();
            prop_assert_eq!(scores(&votes), scores(&consensus));
            prop_assert_eq!(votes.overall, consensus.overall);
        }

        #[test]
        fn dont_know_is_missing_not_zero(rs in respondents(), q in 0usize..6) {
            // Turning an unanswered question into "don't know" changes no score.
            let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
            let mut marked = rs.clone();
            for r in &mut marked {
                r.answers.entry(ids[q].to_string()).or_insert(Answer::DontKnow);
            }
            let qn = questionnaire();
            let before = score(&qn, &rs, &Choices::default());
            let after = score(&qn, &marked, &Choices::default());
            let scores = |s: &AssessmentScore<'_>| s.dimensions.iter().map(|d| d.score).collect::<Vec<_>>();
            prop_assert_eq!(scores(&before), scores(&after));
            prop_assert_eq!(before.overall, after.overall);
        }

        #[test]
        fn not_applicable_changes_no_existing_personal_score(rs in respondents(), q in 0usize..6) {
            // "Not applicable" takes a question out of scope: a person's mean stays what it
            // was, and only someone short of the half rule can gain a score.
            let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
            let mut marked = rs.clone();
            for r in &mut marked {
                r.answers.entry(ids[q].to_string()).or_insert(Answer::NotApplicable);
            }
            let qn = questionnaire();
            let before = score(&qn, &rs, &Choices::default());
            let after = score(&qn, &marked, &Choices::default());
            for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
                for (x, y) in b.respondent_scores.iter().zip(&a.respondent_scores) {
                    if let Some(x) = x { prop_assert_eq!(Some(*x), *y); }
                }
            }
        }

        #[test]
        fn overall_is_the_weighted_mean_of_scored_dimensions(rs in respondents(), wa in 0.1f64..5.0, wb in 0.1f64..5.0) {
            let choices = Choices { weights: [("a".into(), wa), ("b".into(), wb)].into(), ..Choices::default() };
            let q = questionnaire();
        let s = score(&q, &rs, &choices);
            if let (Some(a), Some(b), Some(o)) = (s.dimensions[0].score, s.dimensions[1].score, s.overall) {
                prop_assert!((o - shown((a * wa + b * wb) / (wa + wb))).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn a_score_its_level_and_its_gap_agree_with_the_number_shown() {
        assert_eq!(shown(2.975), 3.0);
        assert_eq!(level_of(shown(2.975)), 3, "shown as 3.0, so level 3");
        assert_eq!(shown(2.25), 2.3);
        assert!(
            (4.0 - shown(2.25) - 1.7).abs() < 1e-9,
            "score 2.3, target 4: the gap is 1.7 as the reader computes it"
        );
        assert_eq!(level_of(shown(2.94)), 2, "2.94 shows as 2.9: level 2");
    }
}
