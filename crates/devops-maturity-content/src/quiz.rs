//! Knowledge checks: one per module, questions with feedback on every option, and grading.
//!
//! Also the two defences against answering by pattern instead of by understanding:
//! [`Quiz::tells`] reports the give-aways an author left in a module's questions (`content check`
//! enforces them), and [`Quiz::option_order`] shuffles the options the same way for the same
//! learner and attempt, so a review shows the order the learner answered in.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuizQuestionKind {
    TrueFalse,
    Single,
    Multiple,
    Category,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizOption {
    pub text: String,
    pub correct: bool,
    pub feedback: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizQuestion {
    pub id: String,
    pub kind: QuizQuestionKind,
    pub prompt: String,
    #[serde(rename = "option")]
    pub options: Vec<QuizOption>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    pub questions: Vec<QuizQuestion>,
}

/// Why a set of answers cannot be graded; the message says what to fix, and `question` (0-based)
/// which question it is about, so a form can show the message next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerError {
    pub question: Option<usize>,
    pub message: String,
}

impl AnswerError {
    fn at(question: usize, message: String) -> AnswerError {
        AnswerError {
            question: Some(question),
            message,
        }
    }
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AnswerError {}

/// One graded question: what was chosen, whether that is right, and every option's feedback.
#[derive(Debug, Clone, Serialize)]
pub struct GradedQuestion {
    pub id: String,
    pub correct: bool,
    /// The chosen option indexes, sorted.
    pub chosen: Vec<usize>,
    pub options: Vec<QuizOption>,
}

/// A graded knowledge check.
#[derive(Debug, Clone, Serialize)]
pub struct QuizGrade {
    pub correct: u32,
    pub total: u32,
    pub questions: Vec<GradedQuestion>,
}

impl Quiz {
    /// Grades `answers`: one list of chosen option indexes per question, in question order.
    /// Every question must be answered, radio-style kinds with exactly one option.
    pub fn grade(&self, answers: &[Vec<usize>]) -> Result<QuizGrade, AnswerError> {
        self.grade_with(answers, false)
    }

    /// Grades like [`Quiz::grade`], but an unanswered question counts as wrong instead of being
    /// refused: for a timed exam whose time is up.
    pub fn grade_blanks_wrong(&self, answers: &[Vec<usize>]) -> Result<QuizGrade, AnswerError> {
        self.grade_with(answers, true)
    }

    fn grade_with(
        &self,
        answers: &[Vec<usize>],
        blanks_wrong: bool,
    ) -> Result<QuizGrade, AnswerError> {
        if answers.len() != self.questions.len() {
            return Err(AnswerError {
                question: None,
                message: format!(
                    "expected answers to {} questions, got {}",
                    self.questions.len(),
                    answers.len()
                ),
            });
        }
        let mut questions = Vec::with_capacity(answers.len());
        for (n, (question, chosen)) in self.questions.iter().zip(answers).enumerate() {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.is_empty() && !blanks_wrong {
                return Err(AnswerError::at(
                    n,
                    format!(
                        "question {} is not answered yet; answer every question before submitting",
                        n + 1
                    ),
                ));
            }
            if let Some(bad) = chosen.iter().find(|&&i| i >= question.options.len()) {
                return Err(AnswerError::at(
                    n,
                    format!("question {} has no option {}", n + 1, bad + 1),
                ));
            }
            if question.kind != QuizQuestionKind::Multiple && chosen.len() > 1 {
                return Err(AnswerError::at(
                    n,
                    format!("question {} takes one answer, got {}", n + 1, chosen.len()),
                ));
            }
            questions.push(GradedQuestion {
                id: question.id.clone(),
                correct: !chosen.is_empty() && question.is_correct(&chosen),
                chosen,
                options: question.options.clone(),
            });
        }
        Ok(QuizGrade {
            correct: questions.iter().filter(|q| q.correct).count() as u32,
            total: questions.len() as u32,
            questions,
        })
    }
}

impl QuizQuestion {
    /// Whether the chosen option indexes are exactly the correct set.
    pub fn is_correct(&self, chosen: &[usize]) -> bool {
        let mut chosen: Vec<usize> = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        let correct: Vec<usize> = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect();
        chosen == correct
    }

    /// Problems with the question's shape, as messages.
    pub(crate) fn shape_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let correct = self.options.iter().filter(|o| o.correct).count();
        if !(2..=6).contains(&self.options.len()) {
            problems.push(format!(
                "question `{}` has {} options; 2 to 6 are allowed",
                self.id,
                self.options.len()
            ));
        }
        match self.kind {
            QuizQuestionKind::TrueFalse => {
                let texts: Vec<&str> = self.options.iter().map(|o| o.text.as_str()).collect();
                if texts != ["True", "False"] {
                    problems.push(format!("true-false question `{}` must have the options `True` and `False`, in that order", self.id));
                }
                if correct != 1 {
                    problems.push(format!(
                        "question `{}` must have exactly one correct option",
                        self.id
                    ));
                }
            }
            QuizQuestionKind::Single | QuizQuestionKind::Category if correct != 1 => {
                problems.push(format!(
                    "question `{}` must have exactly one correct option, found {correct}",
                    self.id
                ));
            }
            QuizQuestionKind::Multiple if correct == 0 => {
                problems.push(format!("question `{}` has no correct option", self.id));
            }
            _ => {}
        }
        if self.prompt.trim().is_empty() {
            problems.push(format!("question `{}` has an empty prompt", self.id));
        }
        for (i, option) in self.options.iter().enumerate() {
            if option.feedback.trim().is_empty() {
                problems.push(format!(
                    "option {} of question `{}` has no feedback",
                    i + 1,
                    self.id
                ));
            }
        }
        problems
    }
}

// ---- Give-aways ------------------------------------------------------------------------------

/// Words that let a test-wise learner answer without the knowledge: a statement that says
/// "always" or "certainly" is usually false, and an option that does is usually wrong. Kept short
/// and strong on purpose; "all", "every" or "must" also appear in correct definitions.
const ABSOLUTE_WORDS: &[&str] = &[
    "always",
    "never",
    "certainly",
    "definitely",
    "guarantee",
    "guarantees",
    "guaranteed",
    "impossible",
    "completely",
    "entirely",
    "no longer",
    "at all",
];

/// The module-level rules apply from this many questions of a kind: below it, one question
/// decides the share and a pattern cannot be told from chance.
const MIN_FOR_SHARE: usize = 3;

/// One give-away: about the whole knowledge check (`question: None`) or one question (its index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tell {
    pub question: Option<usize>,
    pub message: String,
}

/// The absolute words in `text`, lower-cased, in order of appearance.
fn absolute_words(text: &str) -> Vec<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let pair = words.get(i + 1).map(|next| format!("{word} {next}"));
        for &absolute in ABSOLUTE_WORDS {
            let hit = match absolute.split_once(' ') {
                Some(_) => pair.as_deref() == Some(absolute),
                None => word == absolute,
            };
            if hit {
                found.push(absolute);
            }
        }
    }
    found
}

impl QuizQuestion {
    fn correct_indexes(&self) -> Vec<usize> {
        (0..self.options.len())
            .filter(|&i| self.options[i].correct)
            .collect()
    }

    /// Whether the one correct option is longer, in characters, than every wrong one.
    fn correct_is_longest(&self) -> bool {
        let len = |o: &QuizOption| o.text.chars().count();
        match self.correct_indexes().as_slice() {
            [c] => self
                .options
                .iter()
                .enumerate()
                .all(|(i, o)| i == *c || len(o) < len(&self.options[*c])),
            _ => false,
        }
    }
}

impl Quiz {
    /// The give-aways in this knowledge check, judged per module as a learner meets them:
    ///
    /// - **Position.** With 3+ single-answer questions, no option position holds the correct
    ///   answer in more than half of them. By chance (3–4 options) one position holds a quarter to
    ///   a third; "more than half" still lets a small module be uneven, and catches "it is
    ///   usually the first one".
    /// - **Length.** With 3+ single-answer questions, the correct option is the single longest in
    ///   at most 40 % of them. Chance is 25–33 %; 40 % leaves one question of slack in a module of
    ///   five, and catches the habit of qualifying only the right answer.
    /// - **Pick-all order.** With 2+ pick-all questions, at most half list every correct option
    ///   before every wrong one.
    /// - **True or false.** With 2+ true/false questions, they do not all have the same answer.
    /// - **Absolute words.** No true/false statement contains one of [`ABSOLUTE_WORDS`], and no
    ///   wrong option of a choice question does unless a correct one does too.
    ///
    /// The app shuffles options ([`Quiz::option_order`]), so position matters most on paper and
    /// in a printed answer key; length and wording give an answer away in any order.
    pub fn tells(&self) -> Vec<Tell> {
        let mut tells = Vec::new();
        let singles: Vec<&QuizQuestion> = self
            .questions
            .iter()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuizQuestionKind::Single | QuizQuestionKind::Category
                )
            })
            .collect();
        if singles.len() >= MIN_FOR_SHARE {
            let mut at = [0usize; 6];
            for q in &singles {
                if let [c] = q.correct_indexes().as_slice() {
                    at[(*c).min(5)] += 1;
                }
            }
            if let Some((position, &count)) = at.iter().enumerate().max_by_key(|(_, &n)| n) {
                if count * 2 > singles.len() {
                    tells.push(Tell {
                        question: None,
                        message: format!(
                            "the correct option is option {} in {count} of {} single-answer questions; spread it so no position holds more than half",
                            position + 1,
                            singles.len()
                        ),
                    });
                }
            }
            let longest: Vec<&str> = singles
                .iter()
                .filter(|q| q.correct_is_longest())
                .map(|q| q.id.as_str())
                .collect();
            if longest.len() * 5 > singles.len() * 2 {
                tells.push(Tell {
                    question: None,
                    message: format!(
                        "the correct option is the single longest in {} of {} single-answer questions ({}); at most 40 % may be",
                        longest.len(),
                        singles.len(),
                        longest.join(", ")
                    ),
                });
            }
        }
        let multiples: Vec<&QuizQuestion> = self
            .questions
            .iter()
            .filter(|q| q.kind == QuizQuestionKind::Multiple)
            .collect();
        if multiples.len() >= 2 {
            let first: Vec<&str> = multiples
                .iter()
                .filter(|q| {
                    let flags: Vec<bool> = q.options.iter().map(|o| o.correct).collect();
                    flags.windows(2).all(|w| w[0] >= w[1])
                })
                .map(|q| q.id.as_str())
                .collect();
            if first.len() * 2 > multiples.len() {
                tells.push(Tell {
                    question: None,
                    message: format!(
                        "every correct option comes first in {} of {} pick-all questions ({}); mix right and wrong options",
                        first.len(),
                        multiples.len(),
                        first.join(", ")
                    ),
                });
            }
        }
        let true_false: Vec<&QuizQuestion> = self
            .questions
            .iter()
            .filter(|q| q.kind == QuizQuestionKind::TrueFalse)
            .collect();
        if true_false.len() >= 2 {
            let trues = true_false
                .iter()
                .filter(|q| q.options.first().is_some_and(|o| o.correct))
                .count();
            if trues == 0 || trues == true_false.len() {
                tells.push(Tell {
                    question: None,
                    message: format!(
                        "all {} true/false questions have the answer {}; make at least one {}",
                        true_false.len(),
                        if trues == 0 { "False" } else { "True" },
                        if trues == 0 { "True" } else { "False" },
                    ),
                });
            }
        }
        for (n, q) in self.questions.iter().enumerate() {
            if q.kind == QuizQuestionKind::TrueFalse {
                let words = absolute_words(&q.prompt);
                if !words.is_empty() {
                    tells.push(Tell {
                        question: Some(n),
                        message: format!(
                            "question `{}`: the statement says \"{}\", which gives the answer away; state it without absolute words",
                            q.id,
                            words.join("\", \"")
                        ),
                    });
                }
                continue;
            }
            let correct_has = q
                .options
                .iter()
                .any(|o| o.correct && !absolute_words(&o.text).is_empty());
            if correct_has {
                continue;
            }
            for (i, option) in q.options.iter().enumerate() {
                let words = absolute_words(&option.text);
                if !option.correct && !words.is_empty() {
                    tells.push(Tell {
                        question: Some(n),
                        message: format!(
                            "question `{}`: wrong option {} says \"{}\" and no correct option does, which marks it as wrong",
                            q.id,
                            i + 1,
                            words.join("\", \"")
                        ),
                    });
                }
            }
        }
        tells
    }
}

/// The share of true/false questions whose answer is "True", across a whole course, must lie in
/// this range (in percent) once there are enough of them to judge: a course where nearly every
/// statement is false teaches learners to answer "False".
pub const TRUE_SHARE_PERCENT: std::ops::RangeInclusive<usize> = 35..=65;
/// From this many true/false questions in a course, [`TRUE_SHARE_PERCENT`] applies.
pub const MIN_TRUE_FALSE_FOR_SHARE: usize = 6;

/// The course-wide true/false balance: `None` when fine, else the message.
pub fn true_false_balance<'a>(quizzes: impl IntoIterator<Item = &'a Quiz>) -> Option<String> {
    let (mut trues, mut total) = (0, 0);
    for quiz in quizzes {
        for q in &quiz.questions {
            if q.kind == QuizQuestionKind::TrueFalse {
                total += 1;
                if q.options.first().is_some_and(|o| o.correct) {
                    trues += 1;
                }
            }
        }
    }
    if total < MIN_TRUE_FALSE_FOR_SHARE || TRUE_SHARE_PERCENT.contains(&(trues * 100 / total)) {
        return None;
    }
    Some(format!(
        "{trues} of {total} true/false answers in the course are \"True\"; keep the share between {}% and {}%",
        TRUE_SHARE_PERCENT.start(),
        TRUE_SHARE_PERCENT.end()
    ))
}

// ---- A stable shuffle ------------------------------------------------------------------------

/// Who is answering and which attempt it is: the same key gives the same option order, so a
/// learner who reviews an attempt sees what they answered, and the next attempt is reshuffled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShuffleKey {
    /// The learner profile's id, or 0 without a profile.
    pub learner: i64,
    /// 1 for a learner's first attempt at this check, 2 for the second, and so on.
    pub attempt: u32,
}

/// FNV-1a: a fixed, portable hash (std's `DefaultHasher` may change between Rust releases, which
/// would reshuffle stored attempts).
fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// SplitMix64: a small generator whose output is well spread even for neighbouring seeds.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl ShuffleKey {
    /// The order in which to show `n` options of the question `question_id` of check `scope`
    /// (a module id, or the mock exam): a permutation of `0..n`, `order[k]` being the authored
    /// index of the option shown at place `k`.
    pub fn order(&self, scope: &str, question_id: &str, n: usize) -> Vec<usize> {
        let mut hash = fnv1a(scope.as_bytes(), 0xcbf2_9ce4_8422_2325);
        hash = fnv1a(&[0], hash);
        hash = fnv1a(question_id.as_bytes(), hash);
        hash = fnv1a(&self.learner.to_le_bytes(), hash);
        let mut state = fnv1a(&self.attempt.to_le_bytes(), hash);
        let mut order: Vec<usize> = (0..n).collect();
        // Fisher–Yates; the modulo bias over 2..=6 options is below 1e-18.
        for i in (1..n).rev() {
            let j = (splitmix64(&mut state) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        order
    }
}

impl Quiz {
    /// The option order of every question for `key` in the check `scope`. True/false questions
    /// keep "True" before "False", as a reader expects; every other kind is shuffled.
    pub fn option_order(&self, scope: &str, key: ShuffleKey) -> Vec<Vec<usize>> {
        self.questions
            .iter()
            .map(|q| match q.kind {
                QuizQuestionKind::TrueFalse => (0..q.options.len()).collect(),
                _ => key.order(scope, &q.id, q.options.len()),
            })
            .collect()
    }
}

/// One option as a learner sees it: its text and its authored index, which is what answers name.
#[derive(Debug, Clone, Serialize)]
pub struct ShownOption<'a> {
    pub index: usize,
    pub text: &'a str,
}

/// A question as a learner sees it, options in shuffled order and without what is correct.
#[derive(Debug, Clone, Serialize)]
pub struct ShownQuestion<'a> {
    pub id: &'a str,
    pub kind: QuizQuestionKind,
    pub prompt: &'a str,
    pub options: Vec<ShownOption<'a>>,
}

impl QuizQuestion {
    /// This question with its options in `order` (a permutation from [`ShuffleKey::order`]).
    pub fn shown(&self, order: &[usize]) -> ShownQuestion<'_> {
        ShownQuestion {
            id: &self.id,
            kind: self.kind,
            prompt: &self.prompt,
            options: order
                .iter()
                .map(|&index| ShownOption {
                    index,
                    text: &self.options[index].text,
                })
                .collect(),
        }
    }
}

impl Quiz {
    /// Every question as shown to `key` in the check `scope`: options shuffled, no answers.
    pub fn shown(&self, scope: &str, key: ShuffleKey) -> Vec<ShownQuestion<'_>> {
        self.questions
            .iter()
            .zip(self.option_order(scope, key))
            .map(|(q, order)| q.shown(&order))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: &str, kind: QuizQuestionKind, correct: &[bool]) -> QuizQuestion {
        QuizQuestion {
            id: id.into(),
            kind,
            prompt: format!("prompt of {id}"),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| QuizOption {
                    text: format!("option {i}"),
                    correct: c,
                    feedback: format!("why option {i}"),
                })
                .collect(),
        }
    }

    fn quiz() -> Quiz {
        Quiz {
            questions: vec![
                question("tf", QuizQuestionKind::TrueFalse, &[false, true]),
                question("one", QuizQuestionKind::Single, &[true, false, false]),
                question(
                    "many",
                    QuizQuestionKind::Multiple,
                    &[true, false, true, false],
                ),
                question("cat", QuizQuestionKind::Category, &[false, false, true]),
            ],
        }
    }

    fn check(answers: &[&[usize]], expected: &[bool]) {
        let answers: Vec<Vec<usize>> = answers.iter().map(|a| a.to_vec()).collect();
        let grade = quiz().grade(&answers).expect("complete answers");
        let got: Vec<bool> = grade.questions.iter().map(|q| q.correct).collect();
        assert_eq!(got, expected, "right/wrong per question for {answers:?}");
        assert_eq!(
            (grade.correct, grade.total),
            (expected.iter().filter(|&&c| c).count() as u32, 4)
        );
        assert!(
            grade
                .questions
                .iter()
                .all(|q| q.options.iter().all(|o| !o.feedback.is_empty())),
            "every option comes back with its feedback"
        );
    }

    #[test]
    fn grading_needs_exactly_the_correct_set() {
        check(&[&[1], &[0], &[0, 2], &[2]], &[true, true, true, true]);
        check(&[&[0], &[1], &[0], &[2]], &[false, false, false, true]);
        // Order and repetition of the chosen options do not matter; extra options do.
        check(&[&[1], &[0], &[2, 0, 2], &[2]], &[true, true, true, true]);
        check(&[&[1], &[0], &[0, 1, 2], &[0]], &[true, true, false, false]);
    }

    #[test]
    fn incomplete_or_impossible_answers_are_refused() {
        let refuse = |answers: Vec<Vec<usize>>, message: &str| {
            assert_eq!(quiz().grade(&answers).unwrap_err().message, message);
        };
        refuse(vec![vec![1]], "expected answers to 4 questions, got 1");
        refuse(
            vec![vec![1], vec![], vec![0], vec![2]],
            "question 2 is not answered yet; answer every question before submitting",
        );
        refuse(
            vec![vec![1], vec![7], vec![0], vec![2]],
            "question 2 has no option 8",
        );
        refuse(
            vec![vec![0, 1], vec![0], vec![0], vec![2]],
            "question 1 takes one answer, got 2",
        );
    }
}

#[cfg(test)]
mod tell_tests {
    use super::*;

    /// A single-answer question whose options have the given texts; `correct` is the right one.
    fn single(id: &str, texts: &[&str], correct: usize) -> QuizQuestion {
        QuizQuestion {
            id: id.into(),
            kind: QuizQuestionKind::Single,
            prompt: format!("prompt of {id}"),
            options: texts
                .iter()
                .enumerate()
                .map(|(i, t)| QuizOption {
                    text: (*t).into(),
                    correct: i == correct,
                    feedback: "why".into(),
                })
                .collect(),
        }
    }

    fn true_false(id: &str, prompt: &str, answer: bool) -> QuizQuestion {
        QuizQuestion {
            id: id.into(),
            kind: QuizQuestionKind::TrueFalse,
            prompt: prompt.into(),
            options: ["True", "False"]
                .iter()
                .map(|t| QuizOption {
                    text: (*t).into(),
                    correct: (*t == "True") == answer,
                    feedback: "why".into(),
                })
                .collect(),
        }
    }

    fn multiple(id: &str, correct: &[bool]) -> QuizQuestion {
        QuizQuestion {
            id: id.into(),
            kind: QuizQuestionKind::Multiple,
            prompt: "pick all".into(),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| QuizOption {
                    text: format!("option {i}"),
                    correct: c,
                    feedback: "why".into(),
                })
                .collect(),
        }
    }

    fn check(questions: Vec<QuizQuestion>, expected: &[&str]) {
        let tells = Quiz { questions }.tells();
        let got: Vec<&str> = tells.iter().map(|t| t.message.as_str()).collect();
        assert_eq!(got.len(), expected.len(), "tells: {got:#?}");
        for (message, part) in got.iter().zip(expected) {
            assert!(
                message.contains(part),
                "{message:?} should mention {part:?}"
            );
        }
    }

    #[test]
    fn the_old_habits_are_reported() {
        // The correct option first and longest in every question: both tells, once each.
        check(
            vec![
                single("a", &["the right one, explained", "no", "nope"], 0),
                single("b", &["the right one, explained", "no", "nope"], 0),
                single("c", &["the right one, explained", "no", "nope"], 0),
            ],
            &[
                "option 1 in 3 of 3",
                "single longest in 3 of 3 single-answer questions (a, b, c)",
            ],
        );
        check(
            vec![
                multiple("m1", &[true, true, false]),
                multiple("m2", &[true, false, false]),
            ],
            &["first in 2 of 2 pick-all questions (m1, m2)"],
        );
        check(
            vec![
                true_false("t1", "Teams choose between speed and stability.", false),
                true_false("t2", "Clusters form a ladder.", false),
            ],
            &["all 2 true/false questions have the answer False"],
        );
        check(
            vec![true_false(
                "t",
                "A team must always merge dev and ops.",
                false,
            )],
            &["says \"always\""],
        );
        check(
            vec![single("s", &["right", "It can never fail", "wrong"], 0)],
            &["wrong option 2 says \"never\""],
        );
        check(
            vec![single(
                "s",
                &["right", "It is not at all risky", "wrong"],
                0,
            )],
            &["says \"at all\""],
        );
    }

    #[test]
    fn a_balanced_check_passes() {
        check(
            vec![
                single("a", &["short", "a longer wrong option", "right answer"], 2),
                single("b", &["right", "wrong", "also wrong"], 0),
                single(
                    "c",
                    &["wrong", "the right one", "a long wrong option here"],
                    1,
                ),
                multiple("m1", &[false, true, true]),
                multiple("m2", &[true, false, true]),
                true_false("t1", "Clusters are recomputed every year.", true),
                true_false("t2", "Clusters form a ladder.", false),
                // An absolute word in the correct option too is no tell; neither are "all" or
                // "every", and a word that only contains an absolute one ("alwaysOn") is not one.
                single("d", &["It always helps", "It never helps", "alwaysOn"], 0),
            ],
            &[],
        );
        // Below three single-answer questions, position and length are not judged.
        check(
            vec![
                single("a", &["the right one, explained", "no"], 0),
                single("b", &["the right one, explained", "no"], 0),
            ],
            &[],
        );
    }

    #[test]
    fn the_true_share_is_judged_across_the_course() {
        let quiz = |answers: &[bool]| Quiz {
            questions: answers
                .iter()
                .enumerate()
                .map(|(i, &a)| true_false(&format!("t{i}"), "A statement.", a))
                .collect(),
        };
        let mostly_false = [quiz(&[false, false, true]), quiz(&[false, false, false])];
        assert_eq!(
            true_false_balance(&mostly_false).as_deref(),
            Some("1 of 6 true/false answers in the course are \"True\"; keep the share between 35% and 65%")
        );
        let balanced = [quiz(&[false, true, true]), quiz(&[false, false, true])];
        assert_eq!(true_false_balance(&balanced), None);
        assert_eq!(
            true_false_balance(&[quiz(&[false, false])]),
            None,
            "too few to judge"
        );
    }

    #[test]
    fn the_shuffle_is_stable_per_learner_and_attempt() {
        let key = ShuffleKey {
            learner: 7,
            attempt: 1,
        };
        let order = key.order("dora", "dora-1", 4);
        assert_eq!(
            order,
            key.order("dora", "dora-1", 4),
            "same key, same order"
        );
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3], "a permutation: {order:?}");
        // Over attempts, learners and questions the orders differ.
        let mut seen = std::collections::HashSet::new();
        for attempt in 1..=12 {
            seen.insert(
                ShuffleKey {
                    learner: 7,
                    attempt,
                }
                .order("dora", "dora-1", 4),
            );
        }
        assert!(seen.len() >= 6, "12 attempts give varied orders: {seen:?}");
        assert_ne!(
            (1..=8)
                .map(|l| ShuffleKey {
                    learner: l,
                    attempt: 1
                }
                .order("dora", "dora-1", 4))
                .collect::<Vec<_>>(),
            vec![order.clone(); 8],
            "different learners, different orders"
        );
        // A fixed value pins the algorithm: a change to it would reshuffle stored attempts.
        assert_eq!(order, vec![2, 0, 3, 1]);
    }

    #[test]
    fn the_shuffle_spreads_the_correct_option_evenly_and_keeps_true_before_false() {
        // Where authored option 0 lands, over 4,000 keys: each of 4 places about 1,000 times.
        let mut places = [0u32; 4];
        for learner in 0..400 {
            for attempt in 1..=10 {
                let order = ShuffleKey { learner, attempt }.order("m", "q", 4);
                places[order.iter().position(|&i| i == 0).unwrap()] += 1;
            }
        }
        assert!(
            places.iter().all(|&n| (850..=1150).contains(&n)),
            "even spread: {places:?}"
        );
        let quiz = Quiz {
            questions: vec![
                true_false("t", "A statement.", true),
                single("s", &["a", "b", "c"], 0),
            ],
        };
        for attempt in 1..=20 {
            let orders = quiz.option_order(
                "m",
                ShuffleKey {
                    learner: 1,
                    attempt,
                },
            );
            assert_eq!(orders[0], vec![0, 1], "True stays before False");
            assert_eq!(orders[1].len(), 3);
        }
    }
}
