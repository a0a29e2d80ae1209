//! Assessment commands: start, answer, resume, complete, results and a team's history. Each
//! command takes the state, calls the store (and the core's scoring, DORA classification and
//! chart geometry), and maps the error. Nothing is scored in the UI.
//!
//! An assessment is always shown against the questionnaire snapshot it was started with (see
//! `devops_maturity_store::assessments`), never against today's content.

use std::collections::BTreeMap;

use chrono::Utc;
use devops_maturity_core::dora::{DoraAnswer, DoraModel};
use devops_maturity_core::scoring::Choices;
use devops_maturity_core::{Answer, Questionnaire, Role};
use devops_maturity_store::assessments::{AssessmentRow, RespondentRow};
use devops_maturity_store::{Store, Team};
use devops_maturity_views as views;
use devops_maturity_views::history::TeamHistory;
use devops_maturity_views::results::Results;
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
use crate::{AppState, Shared};

fn dora_model(state: &AppState) -> CommandResult<&'static DoraModel> {
    Ok(&content(state)?.assessment.dora)
}

fn snapshot_of(store: &Store, row: &AssessmentRow) -> CommandResult<Questionnaire> {
    Ok(store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?)
}

/// Answers cross IPC in their text form ([`Answer::code`]).
fn parse_answer(text: &str) -> CommandResult<Answer> {
    Answer::from_code(text).ok_or_else(|| {
        CommandError::new(
            "invalid",
            format!(
                "`{text}` is not an answer: pick a level from 1 to 5, don't know or not applicable"
            ),
        )
    })
}

// ---- Start and resume -----------------------------------------------------------------------

/// Starts an assessment of today's questionnaire for a team; `respondents` answer in turn.
#[tauri::command]
pub async fn assessment_start(
    state: State<'_, Shared>,
    team_id: i64,
    respondents: Vec<String>,
    facilitator: Option<String>,
) -> CommandResult<AssessmentRow> {
    let questionnaire = &content(&state)?.assessment.questionnaire;
    let facilitator = facilitator.filter(|f| !f.trim().is_empty());
    with_store(&state, move |store| {
        Ok(store.start_assessment(
            team_id,
            questionnaire,
            &respondents,
            facilitator.as_deref(),
            Utc::now(),
        )?)
    })
    .await
}

#[derive(Serialize)]
pub struct RespondentState {
    id: i64,
    name: String,
    /// `practitioner`, `leader`, or `null` until the person says.
    role: Option<Role>,
    position: u32,
    finished: bool,
    answered: u32,
    /// Question id → `"1"` … `"5"`, `"dont-know"` or `"not-applicable"`; empty for everyone
    /// but the person answering now (`AssessmentData::answering_now`).
    answers: BTreeMap<String, String>,
    evidence: BTreeMap<String, String>,
}

#[derive(Serialize)]
pub struct AssessmentState {
    assessment: AssessmentRow,
    team: Team,
    /// The snapshot the assessment was started with.
    questionnaire: Questionnaire,
    respondents: Vec<RespondentState>,
    choices: Choices,
    dora: DoraModel,
    dora_answers: BTreeMap<String, DoraAnswer>,
    /// The stored report year, or the model's default.
    dora_year: u16,
}

/// Everything stored for one assessment, to resume it where it was left.
#[tauri::command]
pub async fn assessment_state(state: State<'_, Shared>, id: i64) -> CommandResult<AssessmentState> {
    let dora = dora_model(&state)?.clone();
    with_store(&state, move |store| {
        let data = store.assessment_data(id)?;
        let questionnaire = snapshot_of(store, &data.assessment)?;
        let team = store.team(data.assessment.team_id)?;
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
            dora,
            dora_answers: data.dora,
        })
    })
    .await
}

// ---- Answering ------------------------------------------------------------------------------

/// Saves one answer at once; `evidence` is an optional note or comment.
#[tauri::command]
pub async fn answer_save(
    state: State<'_, Shared>,
    respondent_id: i64,
    question_id: String,
    answer: String,
    evidence: Option<String>,
) -> CommandResult<()> {
    let answer = parse_answer(&answer)?;
    with_store(&state, move |store| {
        Ok(store.save_answer(
            respondent_id,
            &question_id,
            answer,
            evidence.as_deref().map(str::trim),
            Utc::now(),
        )?)
    })
    .await
}

/// Records whether a respondent does the team's work or leads it. The page offers the two
/// codes only (`practitioner`, `leader`); `Role` refuses anything else.
#[tauri::command]
pub async fn respondent_role_set(
    state: State<'_, Shared>,
    respondent_id: i64,
    role: Role,
) -> CommandResult<RespondentRow> {
    with_store(&state, move |store| {
        Ok(store.set_respondent_role(respondent_id, role)?)
    })
    .await
}

#[tauri::command]
pub async fn respondent_finish(state: State<'_, Shared>, respondent_id: i64) -> CommandResult<()> {
    with_store(&state, move |store| {
        Ok(store.finish_respondent(respondent_id, Utc::now())?)
    })
    .await
}

/// Sets (or with `null` clears) the target level and weight of one dimension.
#[tauri::command]
pub async fn dimension_choice_set(
    state: State<'_, Shared>,
    assessment_id: i64,
    dimension_id: String,
    target: Option<u8>,
    weight: Option<f64>,
) -> CommandResult<()> {
    with_store(&state, move |store| {
        Ok(store.set_dimension_choice(assessment_id, &dimension_id, target, weight)?)
    })
    .await
}

/// Saves one DORA answer after checking it against the DORA model.
#[tauri::command]
pub async fn dora_answer_set(
    state: State<'_, Shared>,
    assessment_id: i64,
    metric_id: String,
    answer: DoraAnswer,
) -> CommandResult<()> {
    dora_model(&state)?
        .check_answer(&metric_id, &answer)
        .map_err(|m| CommandError::new("invalid", m))?;
    with_store(&state, move |store| {
        Ok(store.set_dora_answer(assessment_id, &metric_id, &answer)?)
    })
    .await
}

/// Chooses the DORA report year whose clusters the team is compared with.
#[tauri::command]
pub async fn dora_year_set(
    state: State<'_, Shared>,
    assessment_id: i64,
    year: u16,
) -> CommandResult<()> {
    let dora = dora_model(&state)?;
    if dora.year(year).is_none() {
        let known: Vec<String> = dora.years.iter().map(|y| y.year.to_string()).collect();
        return Err(CommandError::new(
            "invalid",
            format!(
                "there are no DORA clusters for {year}; choose one of {}",
                known.join(", ")
            ),
        ));
    }
    with_store(&state, move |store| {
        Ok(store.set_dora_year(assessment_id, year)?)
    })
    .await
}

#[tauri::command]
pub async fn assessment_complete(
    state: State<'_, Shared>,
    id: i64,
) -> CommandResult<AssessmentRow> {
    with_store(&state, move |store| {
        Ok(store.complete_assessment(id, Utc::now())?)
    })
    .await
}

// ---- Results and history ------------------------------------------------------------------

/// Scores, DORA comparison (for `year`, else the stored year, else the default) and the radar.
#[tauri::command]
pub async fn assessment_results(
    state: State<'_, Shared>,
    id: i64,
    year: Option<u16>,
) -> CommandResult<Results> {
    let dora = dora_model(&state)?;
    with_store(&state, move |store| {
        Ok(views::results::results(store, dora, id, year)?)
    })
    .await
}

/// Every assessment of a team, each scored against its own questionnaire version, with the
/// change since the previous completed one (dimensions matched by id).
#[tauri::command]
pub async fn team_history(state: State<'_, Shared>, team_id: i64) -> CommandResult<TeamHistory> {
    with_store(&state, move |store| {
        Ok(views::history::team_history(store, team_id)?)
    })
    .await
}

// ---- Demo data ------------------------------------------------------------------------------

/// Creates the demo organisation's teams and a year of their assessments.
#[tauri::command]
pub async fn demo_create(
    state: State<'_, Shared>,
) -> CommandResult<devops_maturity_store::demo::DemoSummary> {
    let a = &content(&state)?.assessment;
    with_store(&state, move |store| {
        Ok(devops_maturity_store::demo::create_demo(
            store,
            &a.questionnaire,
            &a.dora,
            Utc::now(),
        )?)
    })
    .await
}
