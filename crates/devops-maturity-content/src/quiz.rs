//! Knowledge checks: one per module, questions with feedback on every option, and grading.

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

/// Why a set of answers cannot be graded; the message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError(pub String);

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
        if answers.len() != self.questions.len() {
            return Err(AnswerError(format!(
                "expected answers to {} questions, got {}",
                self.questions.len(),
                answers.len()
            )));
        }
        let mut questions = Vec::with_capacity(answers.len());
        for (n, (question, chosen)) in self.questions.iter().zip(answers).enumerate() {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.is_empty() {
                return Err(AnswerError(format!(
                    "question {} is not answered yet; answer every question before submitting",
                    n + 1
                )));
            }
            if let Some(bad) = chosen.iter().find(|&&i| i >= question.options.len()) {
                return Err(AnswerError(format!(
                    "question {} has no option {}",
                    n + 1,
                    bad + 1
                )));
            }
            if question.kind != QuizQuestionKind::Multiple && chosen.len() > 1 {
                return Err(AnswerError(format!(
                    "question {} takes one answer, got {}",
                    n + 1,
                    chosen.len()
                )));
            }
            questions.push(GradedQuestion {
                id: question.id.clone(),
                correct: question.is_correct(&chosen),
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
            assert_eq!(quiz().grade(&answers).unwrap_err().0, message);
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
