//! Knowledge checks and the mock exam: the paper a learner sees (options shuffled per learner
//! and attempt, nothing that gives the answer away) and its grading, with the score kept when
//! a learner profile is chosen. A paper is a pure function of the learner and the attempt
//! (`ShuffleKey`), so nothing is kept between showing it and grading it: the paper is drawn
//! again from the same key.

use chrono::{DateTime, Utc};
use devops_maturity_content::{
    AnswerError, Course, ExamResult, ExamSpec, Module, Paper, Quiz, QuizGrade, ShownQuestion,
    ShuffleKey, EXAM_ID,
};
use devops_maturity_store::{Learner, QuizResult, Store, StoreError};
use serde::Serialize;

use crate::ViewError;

/// The shuffle key of the current learner's next attempt at `scope` (a module's id or
/// [`EXAM_ID`]) and whether its score will be kept; without a profile, the attempt the page
/// counts itself (`attempt`, from 1), not kept.
pub fn next_attempt(
    store: &Store,
    scope: &str,
    attempt: Option<u32>,
) -> Result<(ShuffleKey, bool), StoreError> {
    Ok(match store.current_learner()? {
        Some(l) => {
            let done = store
                .quiz_results(l.id)?
                .iter()
                .filter(|r| r.module_id == scope)
                .count();
            let attempt = done as u32 + 1;
            (
                ShuffleKey {
                    learner: l.id,
                    attempt,
                },
                true,
            )
        }
        None => {
            let attempt = attempt.unwrap_or(1);
            (
                ShuffleKey {
                    learner: 0,
                    attempt,
                },
                false,
            )
        }
    })
}

#[derive(Debug, Serialize)]
pub struct QuizView<'c> {
    pub module_id: &'c str,
    pub module_title: &'c str,
    pub module_number: usize,
    pub last_chapter: Option<&'c str>,
    /// Which attempt this is (the option order depends on it) and whether its score is kept.
    pub attempt: u32,
    pub stored: bool,
    /// Options shuffled per learner and attempt; what is correct comes back after grading.
    pub questions: Vec<ShownQuestion<'c>>,
}

/// Module `module_id`, its place in the course (from 0) and its knowledge check; "not found"
/// naming the module, or saying it has no check.
pub fn module_quiz<'c>(
    course: &'c Course,
    module_id: &str,
) -> Result<(usize, (&'c Module, &'c Quiz)), ViewError> {
    let (number, module) = course
        .modules
        .iter()
        .enumerate()
        .find(|(_, m)| m.id == module_id)
        .ok_or_else(|| ViewError::NotFound(format!("no module `{module_id}`")))?;
    let quiz = module.quiz.as_ref().ok_or_else(|| {
        ViewError::NotFound(format!("module “{}” has no knowledge check", module.title))
    })?;
    Ok((number, (module, quiz)))
}

/// Module `module_id`'s knowledge check as the current learner's next attempt shows it.
pub fn quiz<'c>(
    store: &Store,
    course: &'c Course,
    module_id: &str,
    attempt: Option<u32>,
) -> Result<QuizView<'c>, ViewError> {
    let (number, (module, quiz)) = module_quiz(course, module_id)?;
    let (key, stored) = next_attempt(store, &module.id, attempt)?;
    Ok(QuizView {
        module_id: &module.id,
        module_title: &module.title,
        module_number: number + 1,
        last_chapter: module.chapters.last().map(|c| c.id.as_str()),
        attempt: key.attempt,
        stored,
        questions: quiz.shown(&module.id, key),
    })
}

/// A graded knowledge check, or why the answers could not be graded (a question left
/// unanswered, an option that does not exist), naming the question so the page can say it there.
#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum QuizOutcome {
    Graded {
        grade: QuizGrade,
        result: Option<QuizResult>,
    },
    Refused {
        error: AnswerError,
    },
}

/// Grades the answers to module `module_id`'s check and stores the score when a learner
/// profile is chosen. Nothing is stored when an answer is missing or impossible.
pub fn quiz_submit(
    store: &mut Store,
    course: &Course,
    module_id: &str,
    answers: &[Vec<usize>],
    now: DateTime<Utc>,
) -> Result<QuizOutcome, ViewError> {
    let quiz = course
        .module(module_id)
        .and_then(|m| m.quiz.as_ref())
        .ok_or_else(|| ViewError::NotFound(format!("no knowledge check for `{module_id}`")))?;
    let grade = match quiz.grade(answers) {
        Ok(grade) => grade,
        Err(error) => return Ok(QuizOutcome::Refused { error }),
    };
    let Some(learner) = store.current_learner()? else {
        return Ok(QuizOutcome::Graded {
            grade,
            result: None,
        });
    };
    let chosen: Vec<Vec<usize>> = grade.questions.iter().map(|q| q.chosen.clone()).collect();
    let result = store.record_quiz_result(
        learner.id,
        module_id,
        grade.correct,
        grade.total,
        &chosen,
        now,
    )?;
    Ok(QuizOutcome::Graded {
        grade,
        result: Some(result),
    })
}

#[derive(Debug, Serialize)]
pub struct PaperView<'c> {
    pub attempt: u32,
    pub stored: bool,
    #[serde(flatten)]
    pub paper: Paper<'c>,
}

/// The mock exam's paper for the current learner's next attempt.
pub fn exam_paper<'c>(
    store: &Store,
    course: &'c Course,
    spec: &'c ExamSpec,
    attempt: Option<u32>,
) -> Result<PaperView<'c>, ViewError> {
    let (key, stored) = next_attempt(store, EXAM_ID, attempt)?;
    Ok(PaperView {
        attempt: key.attempt,
        stored,
        paper: spec.draw(course, key),
    })
}

#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ExamOutcome {
    Graded { result: ExamResult, stored: bool },
    Refused { error: AnswerError },
}

/// Grades attempt `attempt` of the current learner (the paper drawn again from the same key)
/// and stores the score, like a knowledge check's under [`EXAM_ID`], when there is a profile.
/// `seconds` is the time the page measured.
pub fn exam_submit(
    store: &mut Store,
    (course, spec): (&Course, &ExamSpec),
    attempt: u32,
    answers: &[Vec<usize>],
    seconds: u64,
    now: DateTime<Utc>,
) -> Result<ExamOutcome, ViewError> {
    let learner = store.current_learner()?;
    let key = ShuffleKey {
        learner: learner.as_ref().map_or(0, |l| l.id),
        attempt,
    };
    let result = match spec.draw(course, key).grade(answers, seconds) {
        Ok(result) => result,
        Err(error) => return Ok(ExamOutcome::Refused { error }),
    };
    if let Some(l) = learner {
        let chosen: Vec<Vec<usize>> = result
            .questions
            .iter()
            .map(|q| q.graded.chosen.clone())
            .collect();
        store.record_quiz_result(l.id, EXAM_ID, result.correct, result.total, &chosen, now)?;
    }
    Ok(ExamOutcome::Graded {
        stored: key.learner != 0,
        result,
    })
}

/// The learner profiles, by name, and the one chosen (the Knowledge page's picker).
#[derive(Debug, Serialize)]
pub struct Learners {
    pub learners: Vec<Learner>,
    pub current: Option<Learner>,
}

impl Learners {
    pub fn of(store: &Store) -> Result<Self, StoreError> {
        Ok(Learners {
            learners: store.learners()?,
            current: store.current_learner()?,
        })
    }
}

/// Every stored result of the current learner, newest first (empty without a profile).
pub fn quiz_results(store: &Store) -> Result<Vec<QuizResult>, StoreError> {
    match store.current_learner()? {
        Some(learner) => store.quiz_results(learner.id),
        None => Ok(Vec::new()),
    }
}

/// One module's reading and its latest knowledge-check score.
#[derive(Debug, Serialize)]
pub struct ModuleProgress {
    pub module_id: String,
    pub read: usize,
    pub total: usize,
    /// The latest knowledge-check score, `correct/total`, if any.
    pub last_score: Option<(u32, u32)>,
}

/// What the current learner (or the default profile) has read and scored, per module.
#[derive(Debug, Serialize)]
pub struct Progress {
    pub learner: Option<Learner>,
    pub read_chapters: Vec<String>,
    pub modules: Vec<ModuleProgress>,
}

impl Progress {
    pub fn of(store: &Store, course: &Course) -> Result<Self, StoreError> {
        let learner = store.current_learner()?;
        let read = store.read_chapters(learner.as_ref().map(|l| l.id))?;
        let results = quiz_results(store)?;
        let modules = course
            .modules
            .iter()
            .map(|m| ModuleProgress {
                module_id: m.id.clone(),
                read: m.chapters.iter().filter(|c| read.contains(&c.id)).count(),
                total: m.chapters.len(),
                // Results are newest first.
                last_score: results
                    .iter()
                    .find(|r| r.module_id == m.id)
                    .map(|r| (r.correct, r.total)),
            })
            .collect();
        Ok(Progress {
            learner,
            read_chapters: read,
            modules,
        })
    }
}
