//! The mock exam: a paper drawn from the modules' knowledge checks in the format of the DASA
//! DevOps Fundamentals exam (by default 40 questions, 60 minutes, 65 % to pass), graded with a
//! result per module and the feedback of every option.
//!
//! Sans I/O like the rest of the crate: who is taking it and which attempt it is come in as a
//! [`ShuffleKey`], the times as arguments. The same key always draws the same paper in the same
//! order with the same option order, so a result can be reviewed exactly as it was taken and the
//! shell needs to keep no state between drawing and grading.

use serde::{Deserialize, Serialize};

use crate::quiz::{AnswerError, GradedQuestion, ShownQuestion, ShuffleKey};
use crate::{Course, QuizQuestion};

/// The mock exam's id: the scope of its shuffle and the key its results are stored under beside
/// the modules' knowledge checks, so no module may have it as its id.
pub const EXAM_ID: &str = "mock-exam";
const SCOPE: &str = EXAM_ID;

/// `exam.toml`: the exam's format and the modules whose knowledge checks form its pool.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamSpec {
    pub title: String,
    /// How many questions one paper has.
    pub questions: usize,
    pub minutes: u32,
    /// The share of correct answers that passes, in percent.
    pub pass_percent: u32,
    /// Module ids, in course order, whose knowledge-check questions form the pool.
    pub modules: Vec<String>,
}

/// One question of a paper: where it comes from and how it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct PaperQuestion<'a> {
    pub module_id: &'a str,
    pub module_title: &'a str,
    #[serde(flatten)]
    pub question: ShownQuestion<'a>,
    #[serde(skip)]
    source: &'a QuizQuestion,
    /// The module's place in the course, to list results in course order.
    #[serde(skip)]
    module_rank: usize,
}

/// A drawn paper, in the order the learner sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Paper<'a> {
    pub title: &'a str,
    pub minutes: u32,
    pub pass_percent: u32,
    /// How many questions the pool holds: more than one paper, so attempts differ.
    pub pool: usize,
    pub questions: Vec<PaperQuestion<'a>>,
}

/// The score of one module's questions on a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleScore {
    pub module_id: String,
    pub module_title: String,
    pub correct: u32,
    pub total: u32,
}

/// One graded question, with its module for the review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewedQuestion {
    pub module_id: String,
    pub prompt: String,
    #[serde(flatten)]
    pub graded: GradedQuestion,
}

/// A graded paper.
#[derive(Debug, Clone, Serialize)]
pub struct ExamResult {
    pub correct: u32,
    pub total: u32,
    /// Correct answers in whole percent, rounded down: 25 of 40 is 62 %, not a pass at 65 %.
    pub percent: u32,
    pub passed: bool,
    /// Minutes used, rounded up, and whether the paper came in after the time was up (it is
    /// still graded: a mock exam is for learning, and the page says so).
    pub minutes_used: u32,
    pub overtime: bool,
    /// Per module, in course order, only modules the paper drew from.
    pub modules: Vec<ModuleScore>,
    /// Every question in paper order, with the learner's choice and every option's feedback.
    pub questions: Vec<ReviewedQuestion>,
}

/// Problems with `exam.toml` against the course, as messages.
pub(crate) fn spec_problems(spec: &ExamSpec, course: &Course) -> Vec<String> {
    let mut problems = Vec::new();
    if spec.title.trim().is_empty() {
        problems.push("the exam has an empty title".to_string());
    }
    if !(1..=200).contains(&spec.questions) {
        problems.push(format!(
            "the exam has {} questions; 1 to 200 are allowed",
            spec.questions
        ));
    }
    if !(1..=240).contains(&spec.minutes) {
        problems.push(format!(
            "the exam lasts {} minutes; 1 to 240 are allowed",
            spec.minutes
        ));
    }
    if !(1..=100).contains(&spec.pass_percent) {
        problems.push(format!(
            "the pass mark is {} %; 1 to 100 are allowed",
            spec.pass_percent
        ));
    }
    if course.module(EXAM_ID).is_some() {
        problems.push(format!(
            "a module has the id `{EXAM_ID}`, which the mock exam's results use"
        ));
    }
    let mut pool = 0;
    for (i, id) in spec.modules.iter().enumerate() {
        if spec.modules[..i].contains(id) {
            problems.push(format!("module `{id}` is listed twice"));
            continue;
        }
        match course.module(id) {
            None => problems.push(format!("unknown module `{id}`")),
            Some(m) => match &m.quiz {
                None => problems.push(format!("module `{id}` has no knowledge check")),
                Some(q) => pool += q.questions.len(),
            },
        }
    }
    if pool <= spec.questions {
        problems.push(format!(
            "the pool holds {pool} questions, not more than the {} of one paper; list more modules",
            spec.questions
        ));
    }
    problems
}

impl ExamSpec {
    /// The modules of the pool with their questions, in course order (ids are checked at parse).
    fn pool<'a>(&self, course: &'a Course) -> Vec<(&'a crate::Module, &'a [QuizQuestion])> {
        course
            .modules
            .iter()
            .filter(|m| self.modules.contains(&m.id))
            .filter_map(|m| m.quiz.as_ref().map(|q| (m, q.questions.as_slice())))
            .collect()
    }

    /// How many questions each pool module gives one paper: proportional to its share of the
    /// pool, by largest remainder (ties to the earlier module), so a paper covers the whole
    /// course as the pool does and always has exactly `questions` questions.
    pub fn quotas(&self, sizes: &[usize]) -> Vec<usize> {
        let pool: usize = sizes.iter().sum();
        let want = self.questions.min(pool);
        if pool == 0 {
            return vec![0; sizes.len()];
        }
        let mut quotas: Vec<usize> = sizes.iter().map(|&n| n * want / pool).collect();
        let mut rest: Vec<(usize, usize)> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| (n * want % pool, i))
            .collect();
        rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let missing = want - quotas.iter().sum::<usize>();
        for &(_, i) in rest.iter().take(missing) {
            quotas[i] += 1;
        }
        quotas
    }

    /// The paper for `key`: each module's quota drawn at random from its questions, then the
    /// whole paper shuffled, options too (true/false stays True, False).
    pub fn draw<'a>(&'a self, course: &'a Course, key: ShuffleKey) -> Paper<'a> {
        let pool = self.pool(course);
        let sizes: Vec<usize> = pool.iter().map(|(_, q)| q.len()).collect();
        let quotas = self.quotas(&sizes);
        let mut drawn: Vec<(usize, &crate::Module, &QuizQuestion)> = Vec::new();
        for (rank, ((module, questions), quota)) in pool.iter().zip(quotas).enumerate() {
            let order = key.order(SCOPE, &module.id, questions.len());
            drawn.extend(
                order
                    .into_iter()
                    .take(quota)
                    .map(|i| (rank, *module, &questions[i])),
            );
        }
        let order = key.order(SCOPE, "", drawn.len());
        let questions = order
            .into_iter()
            .map(|i| {
                let (module_rank, module, q) = drawn[i];
                let options = match q.kind {
                    crate::QuizQuestionKind::TrueFalse => (0..q.options.len()).collect(),
                    _ => key.order(SCOPE, &q.id, q.options.len()),
                };
                PaperQuestion {
                    module_id: &module.id,
                    module_title: &module.title,
                    question: q.shown(&options),
                    source: q,
                    module_rank,
                }
            })
            .collect();
        Paper {
            title: &self.title,
            minutes: self.minutes,
            pass_percent: self.pass_percent,
            pool: sizes.iter().sum(),
            questions,
        }
    }
}

impl Paper<'_> {
    /// Grades `answers` (authored option indexes per question, in paper order). `seconds_used`
    /// is the time between the start and the hand-in, measured by the caller. Before the time is
    /// up every question must be answered; once it is up, as in the real exam, an unanswered
    /// question counts as wrong.
    pub fn grade(
        &self,
        answers: &[Vec<usize>],
        seconds_used: u64,
    ) -> Result<ExamResult, AnswerError> {
        let quiz = crate::Quiz {
            questions: self.questions.iter().map(|q| q.source.clone()).collect(),
        };
        let time_up = seconds_used >= u64::from(self.minutes) * 60;
        let grade = if time_up {
            quiz.grade_blanks_wrong(answers)?
        } else {
            quiz.grade(answers)?
        };
        let mut modules: Vec<(usize, ModuleScore)> = Vec::new();
        let mut questions = Vec::with_capacity(grade.questions.len());
        for (paper_q, graded) in self.questions.iter().zip(grade.questions) {
            let at = match modules.iter().position(|(r, _)| *r == paper_q.module_rank) {
                Some(at) => at,
                None => {
                    modules.push((
                        paper_q.module_rank,
                        ModuleScore {
                            module_id: paper_q.module_id.to_string(),
                            module_title: paper_q.module_title.to_string(),
                            correct: 0,
                            total: 0,
                        },
                    ));
                    modules.len() - 1
                }
            };
            modules[at].1.total += 1;
            modules[at].1.correct += u32::from(graded.correct);
            questions.push(ReviewedQuestion {
                module_id: paper_q.module_id.to_string(),
                prompt: paper_q.source.prompt.clone(),
                graded,
            });
        }
        // Course order, the order a learner revises in.
        modules.sort_by_key(|(rank, _)| *rank);
        let modules = modules.into_iter().map(|(_, m)| m).collect();
        let percent = grade.correct * 100 / grade.total.max(1);
        let minutes_used = u32::try_from(seconds_used.div_ceil(60)).unwrap_or(u32::MAX);
        Ok(ExamResult {
            correct: grade.correct,
            total: grade.total,
            percent,
            passed: percent >= self.pass_percent,
            minutes_used,
            overtime: seconds_used > u64::from(self.minutes) * 60,
            modules,
            questions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Module, Quiz, QuizOption, QuizQuestionKind};

    /// A course of modules `a`, `b`, `c` with 12, 6 and 6 single-answer questions; option 1 of
    /// each is right.
    fn course() -> Course {
        let module = |id: &str, n: usize| Module {
            id: id.into(),
            title: format!("Module {id}"),
            summary: String::new(),
            chapters: Vec::new(),
            quiz: Some(Quiz {
                questions: (1..=n)
                    .map(|i| QuizQuestion {
                        id: format!("{id}-{i}"),
                        kind: QuizQuestionKind::Single,
                        prompt: format!("prompt {id}-{i}"),
                        options: (0..4)
                            .map(|o| QuizOption {
                                text: format!("option {o}"),
                                correct: o == 1,
                                feedback: format!("feedback {o}"),
                            })
                            .collect(),
                    })
                    .collect(),
            }),
        };
        Course {
            title: "t".into(),
            modules: vec![module("a", 12), module("b", 6), module("c", 6)],
        }
    }

    fn spec(questions: usize) -> ExamSpec {
        ExamSpec {
            title: "Mock".into(),
            questions,
            minutes: 60,
            pass_percent: 65,
            modules: vec!["a".into(), "b".into(), "c".into()],
        }
    }

    fn key(attempt: u32) -> ShuffleKey {
        ShuffleKey {
            learner: 3,
            attempt,
        }
    }

    #[test]
    fn quotas_follow_the_pool_and_add_up() {
        assert_eq!(spec(8).quotas(&[6, 3, 3]), vec![4, 2, 2]);
        // 40 of the real pool's shape: every module is represented, the total is exact.
        let sizes = [9, 8, 9, 9, 9, 10, 8, 8, 8, 8, 8, 9, 8];
        let quotas = spec(40).quotas(&sizes);
        assert_eq!(quotas.iter().sum::<usize>(), 40);
        assert!(quotas.iter().all(|&q| (2..=4).contains(&q)), "{quotas:?}");
        // Remainders go to the largest first, ties to the earlier module.
        assert_eq!(spec(5).quotas(&[6, 3, 3]), vec![3, 1, 1]);
    }

    #[test]
    fn the_same_key_draws_the_same_paper_and_attempts_differ() {
        let course = course();
        let spec = spec(8);
        let ids = |k: ShuffleKey| -> Vec<String> {
            spec.draw(&course, k)
                .questions
                .iter()
                .map(|q| q.question.id.to_string())
                .collect()
        };
        let first = ids(key(1));
        assert_eq!(first.len(), 8);
        assert_eq!(
            first,
            ids(key(1)),
            "a review shows the paper as it was taken"
        );
        let mut unique = first.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 8, "no question twice: {first:?}");
        let per_module = |m: &str| first.iter().filter(|id| id.starts_with(m)).count();
        assert_eq!(
            (per_module("a"), per_module("b"), per_module("c")),
            (4, 2, 2)
        );
        let others: std::collections::HashSet<Vec<String>> = (2..=6).map(|a| ids(key(a))).collect();
        assert!(
            others.iter().any(|p| {
                let mut p = p.clone();
                p.sort();
                p != unique
            }),
            "later attempts draw other questions from the pool"
        );
    }

    #[test]
    fn grading_gives_the_pass_mark_and_a_result_per_module_in_course_order() {
        let course = course();
        let spec10 = spec(10);
        let paper = spec10.draw(&course, key(1));
        // Right on the first 6 questions of the paper, wrong (option 0) on the rest: 60 %.
        let answers: Vec<Vec<usize>> = (0..10).map(|i| vec![usize::from(i < 6)]).collect();
        let result = paper.grade(&answers, 59 * 60 + 1).unwrap();
        assert_eq!((result.correct, result.total, result.percent), (6, 10, 60));
        assert!(!result.passed, "60 % is under the 65 % pass mark");
        assert_eq!((result.minutes_used, result.overtime), (60, false));
        let modules: Vec<&str> = result
            .modules
            .iter()
            .map(|m| m.module_id.as_str())
            .collect();
        assert_eq!(modules, ["a", "b", "c"], "course order");
        assert_eq!(result.modules.iter().map(|m| m.total).sum::<u32>(), 10);
        assert_eq!(result.modules.iter().map(|m| m.correct).sum::<u32>(), 6);
        assert!(result.questions.iter().all(|q| q.graded.options.len() == 4));

        let all_right = vec![vec![1]; 10];
        let result = paper.grade(&all_right, 61 * 60).unwrap();
        assert!(
            result.passed && result.overtime,
            "late papers are graded and marked late"
        );
        // 65 % exactly passes: 13 of 20.
        let spec20 = spec(20);
        let paper = spec20.draw(&course, key(1));
        let answers: Vec<Vec<usize>> = (0..20).map(|i| vec![usize::from(i < 13)]).collect();
        let result = paper.grade(&answers, 60).unwrap();
        assert_eq!((result.percent, result.passed), (65, true));
    }

    #[test]
    fn an_unanswered_question_is_named_by_its_place_on_the_paper() {
        let course = course();
        let spec = spec(4);
        let paper = spec.draw(&course, key(1));
        let mut answers = vec![vec![1]; 4];
        answers[2].clear();
        let error = paper.grade(&answers, 10).unwrap_err();
        assert_eq!(error.question, Some(2));
        assert!(error.message.starts_with("question 3 is not answered yet"));
        // Once the time is up, a blank is wrong rather than refused.
        let result = paper.grade(&answers, 60 * 60).unwrap();
        assert_eq!((result.correct, result.total), (3, 4));
        assert!(
            !result.questions[2].graded.correct && result.questions[2].graded.chosen.is_empty()
        );
    }

    #[test]
    fn a_spec_that_cannot_make_a_fair_paper_is_refused() {
        let course = course();
        assert!(spec_problems(&spec(23), &course).is_empty());
        let mut bad = spec(24);
        bad.modules.push("nope".into());
        bad.modules.push("a".into());
        bad.pass_percent = 0;
        assert_eq!(
            spec_problems(&bad, &course),
            [
                "the pass mark is 0 %; 1 to 100 are allowed",
                "unknown module `nope`",
                "module `a` is listed twice",
                "the pool holds 24 questions, not more than the 24 of one paper; list more modules",
            ]
        );
    }
}
