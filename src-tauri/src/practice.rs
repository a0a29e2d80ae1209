//! The practice round of a workshop: the groups' EJ Airways answers and their comparison with the
//! facilitator's key (the projector's dashboard is in `dashboard.rs`).
//!
//! Each command takes the state, calls one view of `devops_maturity_views::practice`, and maps
//! the error; nothing is scored in the UI. The key's level and reason for
//! a question, and each group's distance to it, leave Rust only through [`practice_key`], which
//! the comparison page calls when the facilitator presses "Reveal reasoning".

use chrono::Utc;
use devops_maturity_views::practice::{self, Comparison, KeyView, PracticeRound};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{content, with_store};
use crate::Shared;

/// A workshop's practice round: the questionnaire and each group's answers so far.
#[tauri::command]
pub async fn practice_round(
    state: State<'_, Shared>,
    workshop_id: i64,
) -> CommandResult<PracticeRound<'static>> {
    let questionnaire = &content(&state)?.assessment.questionnaire;
    with_store(&state, move |store| {
        Ok(practice::round(store, questionnaire, workshop_id)?)
    })
    .await
}

/// Saves one group's answer to one practice question at once: `"1"` … `"5"` or `"dont-know"`.
#[tauri::command]
pub async fn practice_answer_save(
    state: State<'_, Shared>,
    workshop_team_id: i64,
    question_id: String,
    answer: String,
) -> CommandResult<()> {
    let questionnaire = &content(&state)?.assessment.questionnaire;
    with_store(&state, move |store| {
        let at = (workshop_team_id, question_id.as_str());
        practice::save_answer(store, questionnaire, at, &answer, Utc::now())?;
        Ok(())
    })
    .await
}

/// Every group's answers against the key and against each other (never the key itself).
#[tauri::command]
pub async fn practice_comparison(
    state: State<'_, Shared>,
    workshop_id: i64,
) -> CommandResult<Comparison<'static>> {
    let assessment = &content(&state)?.assessment;
    with_store(&state, move |store| {
        Ok(practice::comparison(store, assessment, workshop_id)?)
    })
    .await
}

/// The facilitator's key for one question, and each group's distance to it.
#[tauri::command]
pub async fn practice_key(
    state: State<'_, Shared>,
    workshop_id: i64,
    question_id: String,
) -> CommandResult<KeyView> {
    let assessment = &content(&state)?.assessment;
    with_store(&state, move |store| {
        Ok(practice::key(store, assessment, workshop_id, &question_id)?)
    })
    .await
}
