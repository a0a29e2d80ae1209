//! Honest scoring of one or several respondents.
//!
//! The rules, which the app shows next to the results:
//! 1. Each answer is a level 1–5. "Don't know" and "not applicable" are *missing*, never zero.
//! 2. A respondent's dimension score is the mean of their answered levels in that dimension
//!    (averaging across the items of one scale), but only when they answered at least half of
//!    the dimension's questions; otherwise that respondent has "not enough answers" there.
//! 3. The team's dimension score is the **median** of its respondents' dimension scores (Likert
//!    answers are ordinal; a median is not pulled by one outlier). No respondent with enough
//!    answers → "not enough answers", not a number.
//! 4. A level is reached when the score is at least that level: level = ⌊score⌋.
//! 5. The overall score is the weighted mean of the dimension scores that exist, reported only
//!    when at least half of the dimensions have one.
//! 6. Gap = target level − dimension score; gaps are ranked by gap × weight.
//! 7. Per question: the distribution over levels, the median, min, max; respondents who differ
//!    by two levels or more are flagged as a disagreement (a discussion hot-spot).
//! 8. Consensus: when the group has agreed a level for a question ([`Choices::agreed`]), that
//!    level replaces *every* respondent's answer to the question — a level, "don't know",
//!    "not applicable" or no answer — before rules 2–5 apply. Each person's dimension mean then
//!    holds the agreed level, the team score stays a median of people, and an agreed question
//!    counts as answered for everyone. Rule 7 still describes the original votes (their
//!    distribution and spread are kept and shown), with the agreed level beside them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::questionnaire::{DimensionKind, Questionnaire};

/// Share of a dimension's questions a respondent must answer for a score.
pub const MIN_ANSWERED_SHARE: f64 = 0.5;
/// Answers this many levels apart (or more) mark a disagreement.
pub const DISAGREEMENT_SPREAD: u8 = 2;

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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Respondent {
    pub name: String,
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
    pub disagreement: bool,
    /// The level the group agreed ([`Choices::agreed`]), which scores instead of the votes
    /// counted above.
    pub agreed: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionScore<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    pub kind: DimensionKind,
    pub weight: f64,
    pub questions: u32,
    /// `None`: not enough answers.
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Each respondent's score, in respondent order (`None`: not enough answers).
    pub respondent_scores: Vec<Option<f64>>,
    pub target: Option<u8>,
    /// target − score, when both exist.
    pub gap: Option<f64>,
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
    /// `None`: fewer than half of the dimensions have a score.
    pub overall: Option<f64>,
    pub overall_level: Option<u8>,
    /// Positive gaps, largest weighted gap first.
    pub gaps: Vec<RankedGap<'q>>,
    /// Questions with a disagreement, widest spread first.
    pub hot_spots: Vec<&'q str>,
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
        let (mut sum, mut n) = (vec![0u32; dims], vec![0u32; dims]);
        for sheet in sheets {
            sum.iter_mut().for_each(|x| *x = 0);
            n.iter_mut().for_each(|x| *x = 0);
            // Two loops rather than a check per answer: most assessments agreed on nothing.
            match &agreed {
                None => tally(
                    sheet.0.iter().copied(),
                    &self.dimension_of,
                    &mut sum,
                    &mut n,
                ),
                Some(agreed) => tally(
                    sheet
                        .0
                        .iter()
                        .zip(agreed)
                        .map(|(&code, a)| a.unwrap_or(code)),
                    &self.dimension_of,
                    &mut sum,
                    &mut n,
                ),
            }
            for d in 0..dims {
                let total = self.dimension_questions[d].len();
                let enough =
                    total > 0 && n[d] > 0 && f64::from(n[d]) / total as f64 >= MIN_ANSWERED_SHARE;
                per_respondent.push(enough.then(|| f64::from(sum[d]) / f64::from(n[d])));
            }
        }
        let mut column = Vec::with_capacity(sheets.len());
        let mut scores = Vec::with_capacity(dims);
        let (mut weighted, mut total_weight, mut scored) = (0.0, 0.0, 0usize);
        for (d, dimension) in self.questionnaire.dimensions.iter().enumerate() {
            column.clear();
            column.extend((0..sheets.len()).filter_map(|r| per_respondent[r * dims + d]));
            let score = median_in_place(&mut column);
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
        let overall =
            (dims > 0 && scored * 2 >= dims && total_weight > 0.0).then(|| weighted / total_weight);
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
                let score = median(&present);
                let target = choices.targets.get(&d.id).copied();
                let weight = effective_weight(choices, &d.id, d.weight);
                DimensionScore {
                    dimension_id: d.id.as_str(),
                    name: d.name.as_str(),
                    kind: d.kind,
                    weight,
                    questions: indexes.len() as u32,
                    score,
                    level: score.map(level_of),
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
        let overall = if !dimensions.is_empty() && scored.len() * 2 >= dimensions.len() {
            let total_weight: f64 = scored.iter().map(|d| d.weight).sum();
            let sum: f64 = scored
                .iter()
                .map(|d| d.weight * d.score.unwrap_or(0.0))
                .sum();
            (total_weight > 0.0).then(|| sum / total_weight)
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
        gaps.sort_by(|a, b| {
            b.weighted
                .total_cmp(&a.weighted)
                .then_with(|| a.dimension_id.cmp(b.dimension_id))
        });

        let hot_spots = hot_spots(&questions);

        AssessmentScore {
            respondents: respondents.len() as u32,
            questions,
            dimensions,
            overall,
            overall_level: overall.map(level_of),
            gaps,
            hot_spots,
        }
    }
}

/// Adds one respondent's levels (answer-sheet codes, by question) to the per-dimension sums and
/// counts; other codes are missing answers.
fn tally(codes: impl Iterator<Item = u8>, dimension_of: &[usize], sum: &mut [u32], n: &mut [u32]) {
    for (code, &d) in codes.zip(dimension_of) {
        if (1..=5).contains(&code) {
            sum[d] += u32::from(code);
            n[d] += 1;
        }
    }
}

/// Discussion hot-spots: the questions whose votes are [`DISAGREEMENT_SPREAD`] levels apart or
/// more, widest spread first (ties by question id). Agreed questions stay listed: their votes
/// still disagreed.
pub fn hot_spots<'q>(questions: &[QuestionStat<'q>]) -> Vec<&'q str> {
    let mut hot: Vec<&QuestionStat<'q>> = questions.iter().filter(|q| q.disagreement).collect();
    hot.sort_by(|a, b| {
        b.spread
            .cmp(&a.spread)
            .then_with(|| a.question_id.cmp(b.question_id))
    });
    hot.into_iter().map(|q| q.question_id).collect()
}

fn respondent_score(row: &[Option<Answer>], indexes: &[usize]) -> Option<f64> {
    if indexes.is_empty() {
        return None;
    }
    let (mut sum, mut n) = (0u32, 0u32);
    for &i in indexes {
        if let Some(Answer::Level(l)) = row[i] {
            sum += u32::from(l);
            n += 1;
        }
    }
    let share = f64::from(n) / indexes.len() as f64;
    (n > 0 && share >= MIN_ANSWERED_SHARE).then(|| f64::from(sum) / f64::from(n))
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
        disagreement: spread >= DISAGREEMENT_SPREAD,
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
        assert_eq!(after.dimensions[0].score, Some(2.75));
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
            [Some(2.75), Some(4.0)],
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
        fn dont_know_and_not_applicable_are_missing_not_zero(rs in respondents(), q in 0usize..6, na in proptest::bool::ANY) {
            // Turning an unanswered question into "don't know" / "n/a" changes no score.
            let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
            let mut marked = rs.clone();
            for r in &mut marked {
                r.answers.entry(ids[q].to_string()).or_insert(if na { Answer::NotApplicable } else { Answer::DontKnow });
            }
            let qn = questionnaire();
            let before = score(&qn, &rs, &Choices::default());
            let after = score(&qn, &marked, &Choices::default());
            let scores = |s: &AssessmentScore<'_>| s.dimensions.iter().map(|d| d.score).collect::<Vec<_>>();
            prop_assert_eq!(scores(&before), scores(&after));
            prop_assert_eq!(before.overall, after.overall);
        }

        #[test]
        fn overall_is_the_weighted_mean_of_scored_dimensions(rs in respondents(), wa in 0.1f64..5.0, wb in 0.1f64..5.0) {
            let choices = Choices { weights: [("a".into(), wa), ("b".into(), wb)].into(), ..Choices::default() };
            let q = questionnaire();
        let s = score(&q, &rs, &choices);
            if let (Some(a), Some(b), Some(o)) = (s.dimensions[0].score, s.dimensions[1].score, s.overall) {
                prop_assert!((o - (a * wa + b * wb) / (wa + wb)).abs() < 1e-9);
            }
        }
    }
}
