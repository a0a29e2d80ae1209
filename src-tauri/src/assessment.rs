//! Assessment commands: start, answer, resume, complete, results and a team's history. Each
//! command takes the state, calls the store or a view of `devops_maturity_views` (`assessment`,
//! `results`, `history`), and maps the error. Nothing is scored in the UI.
//!
//! An assessment is always shown against the questionnaire snapshot it was started with (see
//! `devops_maturity_store::assessments`), never against today's content.

use chrono::Utc;
use devops_maturity_core::dora::{DoraAnswer, DoraModel};
use devops_maturity_core::Role;
use devops_maturity_store::assessments::{AssessmentRow, RespondentRow};
use devops_maturity_views as views;
use devops_maturity_views::assessment::{self, AssessmentState};
use devops_maturity_views::history::TeamHistory;
use devops_maturity_views::results::Results;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
use crate::{AppState, Shared};

fn dora_model(state: &AppState) -> CommandResult<&'static DoraModel> {
    Ok(&content(state)?.assessment.dora)
}

// ---- Start and resume -----------------------------------------------------------------------

/// Starts an assessment of today's questionnaire for a team; `respondents` answer in turn.
#[tauri::command]
pub async fn assessment_start(
    state: State<'_, Shared>,
    team_id: i64,
    respondents: Vec<String>,
    facilitator: Option<String>,
    quick: Option<bool>,
) -> CommandResult<AssessmentRow> {
    let (q, now) = (&content(&state)?.assessment.questionnaire, Utc::now());
    with_store(&state, move |store| {
        let who = facilitator.as_deref();
        let quick = quick.unwrap_or(false);
        let row = assessment::start(store, q, quick, team_id, &respondents, who, now)?;
        Ok(row)
    })
    .await
}

/// Everything stored for one assessment, to resume it where it was left.
#[tauri::command]
pub async fn assessment_state(state: State<'_, Shared>, id: i64) -> CommandResult<AssessmentState> {
    let dora = dora_model(&state)?;
    with_store(&state, move |store| Ok(assessment::state(store, dora, id)?)).await
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
    let now = Utc::now();
    with_store(&state, move |store| {
        let answer = (answer.as_str(), evidence.as_deref());
        assessment::save_answer(store, respondent_id, &question_id, answer, now)?;
        Ok(())
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
    let checked = dora_model(&state)?.check_year(year);
    checked.map_err(|m| CommandError::new("invalid", m))?;
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
