//! The EJ Airways practice round of a workshop: each group's answers, and their comparison with
//! the facilitator's key.
//!
//! The key's level and reason for a question, and each group's distance to it, are in no view
//! but [`key`], which the comparison page asks for when the facilitator presses "Reveal
//! reasoning": per question, [`comparison`] sends only `QuestionComparison::before_reveal`
//! (with the groups' levels on screen, a distance would give the key away).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_content::AssessmentContent;
use devops_maturity_core::compare::{self, GroupAnswer, GroupSummary, QuestionBeforeReveal};
use devops_maturity_core::scoring::DISAGREEMENT_SPREAD;
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::workshops::Workshop;
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

use crate::ViewError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeGroup {
    pub workshop_team_id: i64,
    pub team_name: String,
    /// Question id → `"1"` … `"5"` or `"dont-know"`.
    pub answers: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeRound<'q> {
    pub workshop: Workshop,
    /// The questionnaire the key was written for (today's).
    pub questionnaire: &'q Questionnaire,
    pub groups: Vec<PracticeGroup>,
}

/// A workshop's practice round: the questionnaire and each group's answers so far.
pub fn round<'q>(
    store: &Store,
    questionnaire: &'q Questionnaire,
    workshop_id: i64,
) -> Result<PracticeRound<'q>, StoreError> {
    let workshop = store.workshop(workshop_id)?.workshop;
    let groups = store
        .practice_round(workshop_id)?
        .into_iter()
        .map(|g| PracticeGroup {
            workshop_team_id: g.workshop_team_id,
            team_name: g.team_name,
            answers: g
                .answers
                .into_iter()
                .filter_map(|(q, a)| Some((q, a.code()?)))
                .collect(),
        })
        .collect();
    Ok(PracticeRound {
        workshop,
        questionnaire,
        groups,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparedQuestion<'q> {
    pub id: &'q str,
    pub number: usize,
    pub dimension: &'q str,
    pub text: &'q str,
    /// The question id, its dimension id, each group's answer (one per group, in group order)
    /// and the spread; neither the key nor a distance to it (see [`key`]).
    #[serde(flatten)]
    pub before_reveal: QuestionBeforeReveal<'q>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'q> {
    pub workshop: Workshop,
    pub groups: Vec<GroupSummary<'q>>,
    pub questions: Vec<ComparedQuestion<'q>>,
    /// Question ids where the groups disagree, in the order to discuss them.
    pub discussion: Vec<&'q str>,
    pub disagreement_spread: u8,
}

/// The groups' practice answers of a workshop compared with the key.
fn compared<'q>(
    store: &Store,
    assessment: &'q AssessmentContent,
    workshop_id: i64,
) -> Result<compare::PracticeComparison<'q>, StoreError> {
    let groups: Vec<compare::Group> = store
        .practice_round(workshop_id)?
        .into_iter()
        .map(|g| compare::Group {
            name: g.team_name,
            answers: g.answers,
        })
        .collect();
    Ok(compare::practice(
        &assessment.questionnaire,
        &assessment.key,
        &groups,
    ))
}

/// Every group's answers against each other, question by question, with a summary per group
/// and per dimension against the key. Per question, no distance to the key: see [`key`].
pub fn comparison<'q>(
    store: &Store,
    assessment: &'q AssessmentContent,
    workshop_id: i64,
) -> Result<Comparison<'q>, StoreError> {
    let q = &assessment.questionnaire;
    let workshop = store.workshop(workshop_id)?.workshop;
    let result = compared(store, assessment, workshop_id)?;
    let questions = result
        .questions
        .into_iter()
        .map(|c| ComparedQuestion {
            id: c.question_id,
            number: q.number_of(c.question_id),
            dimension: q.dimension_name(c.dimension_id),
            text: q.question_text(c.question_id),
            before_reveal: c.before_reveal(),
        })
        .collect();
    Ok(Comparison {
        workshop,
        groups: result.groups,
        questions,
        discussion: result.discussion,
        disagreement_spread: DISAGREEMENT_SPREAD,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyView {
    pub question_id: String,
    pub level: u8,
    pub level_name: String,
    pub reason: String,
    /// Each group of the workshop with its answer and its distance to the key, in group order.
    pub groups: Vec<GroupAnswer>,
    pub mean_distance: Option<f64>,
}

/// The facilitator's key for one question: the expected level and why, from the case, and how
/// far each group of the workshop was from it.
pub fn key(
    store: &Store,
    assessment: &AssessmentContent,
    workshop_id: i64,
    question_id: &str,
) -> Result<KeyView, ViewError> {
    let answer = assessment
        .key
        .iter()
        .find(|k| k.question == question_id)
        .ok_or_else(|| {
            ViewError::NotFound(format!(
                "the EJ Airways key has no answer for `{question_id}`"
            ))
        })?;
    let compared = compared(store, assessment, workshop_id)?;
    let question = compared
        .questions
        .iter()
        .find(|c| c.question_id == question_id);
    Ok(KeyView {
        question_id: answer.question.clone(),
        level: answer.level,
        level_name: assessment
            .questionnaire
            .level_name(answer.level)
            .to_string(),
        reason: answer.reason.clone(),
        groups: question.map(|c| c.groups.clone()).unwrap_or_default(),
        mean_distance: question.and_then(|c| c.mean_distance),
    })
}

/// Saves a group's practice answer given as text: a level from 1 to 5 or `dont-know` (a
/// practice round has no "not applicable").
pub fn save_answer(
    store: &mut Store,
    questionnaire: &Questionnaire,
    (workshop_team_id, question_id): (i64, &str),
    answer: &str,
    now: DateTime<Utc>,
) -> Result<(), ViewError> {
    let parsed = Answer::from_code(answer).ok_or_else(|| {
        ViewError::Invalid(format!(
            "`{answer}` is not a practice answer: pick a level from 1 to 5 or don't know"
        ))
    })?;
    let (team, q) = (workshop_team_id, question_id);
    Ok(store.save_practice_answer(team, questionnaire, q, parsed, now)?)
}
