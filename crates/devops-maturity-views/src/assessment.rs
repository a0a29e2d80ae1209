//! An assessment while people answer it: everything stored to resume it where it was left
//! ([`state`]), with only the answers of the person answering now (whoever answers next must
//! not see what the others chose), and the writes whose input comes as text ([`start`],
//! [`save_answer`]).
//!
//! An assessment is always shown against the questionnaire snapshot it was started with,
//! never against today's content.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_core::dora::{DoraAnswer, DoraModel};
use devops_maturity_core::scoring::Choices;
use devops_maturity_core::{Answer, Questionnaire, Role};
use devops_maturity_store::assessments::AssessmentRow;
use devops_maturity_store::{Store, Team};
use serde::Serialize;

use crate::ViewError;

#[derive(Debug, Serialize)]
pub struct RespondentState {
    pub id: i64,
    pub name: String,
    /// `practitioner`, `leader`, or `null` until the person says.
    pub role: Option<Role>,
    pub position: u32,
    pub finished: bool,
    pub answered: u32,
    /// Question id → `"1"` … `"5"`, `"dont-know"` or `"not-applicable"`; empty for everyone
    /// but the person answering now (`AssessmentData::answering_now`).
    pub answers: BTreeMap<String, String>,
    pub evidence: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct AssessmentState {
    pub assessment: AssessmentRow,
    pub team: Team,
    /// The snapshot the assessment was started with.
    pub questionnaire: Questionnaire,
    pub respondents: Vec<RespondentState>,
    pub choices: Choices,
    pub dora: DoraModel,
    pub dora_answers: BTreeMap<String, DoraAnswer>,
    /// The stored report year, or the model's default.
    pub dora_year: u16,
}

/// Everything stored for assessment `id`, to resume it where it was left.
pub fn state(store: &Store, dora: &DoraModel, id: i64) -> Result<AssessmentState, ViewError> {
    let data = store.assessment_data(id)?;
    let assessment = &data.assessment;
    let questionnaire = store.questionnaire_snapshot(
        &assessment.questionnaire_id,
        &assessment.questionnaire_version,
    )?;
    let team = store.team(assessment.team_id)?;
    // Only the person answering now gets their answers back; the others' stay in the store.
    let now = data.answering_now();
    let respondents = data
        .respondents
        .iter()
        .zip(&data.answers)
        .enumerate()
        .map(|(i, (row, r))| {
            let shown = now == Some(i);
            RespondentState {
                id: row.id,
                name: row.name.clone(),
                role: row.role,
                position: row.position,
                finished: row.finished,
                answered: row.answered,
                answers: r
                    .answers
                    .iter()
                    .filter(|_| shown)
                    .filter_map(|(q, a)| Some((q.clone(), a.code()?)))
                    .collect(),
                evidence: if shown {
                    r.evidence.clone()
                } else {
                    BTreeMap::new()
                },
            }
        })
        .collect();
    Ok(AssessmentState {
        dora_year: data.assessment.dora_year.unwrap_or(dora.default_year),
        assessment: data.assessment,
        team,
        questionnaire,
        respondents,
        choices: data.choices,
        dora: dora.clone(),
        dora_answers: data.dora,
    })
}

/// Starts an assessment of `questionnaire` — or of its quick scan when `quick`
/// (`Questionnaire::quick_scan`) — for a team; `respondents` answer in turn. A blank
/// facilitator is none.
pub fn start(
    store: &mut Store,
    questionnaire: &Questionnaire,
    quick: bool,
    team_id: i64,
    respondents: &[String],
    facilitator: Option<&str>,
    now: DateTime<Utc>,
) -> Result<AssessmentRow, ViewError> {
    let facilitator = facilitator.filter(|f| !f.trim().is_empty());
    let quick_scan;
    let questionnaire = if quick {
        quick_scan = questionnaire
            .quick_scan()
            .ok_or_else(|| ViewError::Invalid("this questionnaire has no quick scan".into()))?;
        &quick_scan
    } else {
        questionnaire
    };
    Ok(store.start_assessment(team_id, questionnaire, respondents, facilitator, now)?)
}

/// An answer in its text form ([`Answer::code`]), as it crosses IPC.
pub fn parse_answer(text: &str) -> Result<Answer, ViewError> {
    Answer::from_code(text).ok_or_else(|| {
        ViewError::Invalid(format!(
            "`{text}` is not an answer: pick a level from 1 to 5, don't know or not applicable"
        ))
    })
}

/// Saves one answer given as text, with an optional note (trimmed).
pub fn save_answer(
    store: &mut Store,
    respondent_id: i64,
    question_id: &str,
    (answer, evidence): (&str, Option<&str>),
    now: DateTime<Utc>,
) -> Result<(), ViewError> {
    let answer = parse_answer(answer)?;
    let evidence = evidence.map(str::trim);
    Ok(store.save_answer(respondent_id, question_id, answer, evidence, now)?)
}
