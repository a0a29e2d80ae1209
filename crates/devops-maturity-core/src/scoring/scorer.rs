//! [`Scorer`]: a questionnaire indexed once, scoring assessments by rules 1–6 and 8–10 (each
//! respondent's dimension means, the team's medians, the overall score, gaps, confidence and
//! the leaders' and practitioners' split).

use crate::questionnaire::Questionnaire;

use super::questions::{hot_spots, question_stat};
use super::{effective_weight, level_of, median, median_in_place, shown, MIN_ANSWERED_SHARE};
use super::{
    Answer, AnswerSheet, AssessmentScore, Choices, Confidence, DimensionScore, Evidence,
    QuestionStat, RankedGap, Respondent, Role, RoleScore, RoleSplit, Scorer, Summary,
};

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
pub(super) fn role_splits<'q>(
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
pub(super) fn tally(
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
pub(super) fn enough(answered: u32, applicable: u32) -> bool {
    applicable > 0
        && answered > 0
        && f64::from(answered) / f64::from(applicable) >= MIN_ANSWERED_SHARE
}

/// The respondents whose scores make the median: the middle one, or the two middle ones.
/// Equal scores keep respondent order.
pub(super) fn median_from(scores: &[Option<f64>]) -> Vec<u32> {
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

pub(super) fn respondent_score(row: &[Option<Answer>], indexes: &[usize]) -> Option<f64> {
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
