//! Knowledge checks: one per module, questions with feedback on every option.

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
