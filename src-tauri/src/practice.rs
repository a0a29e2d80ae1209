//! Practice-round and projector commands of a workshop: the groups' EJ Airways answers, their
//! comparison with the facilitator's key, the dashboard (teams × dimensions heatmap, class
//! hot-spots, comparisons, the activity on the clock) and saving the heatmap as a PNG (written
//! with `dialog::save`, the guarded write every export of the app ends with).
//!
//! Each command takes the state, calls one view of `devops_maturity_views` (`practice`,
//! `dashboard`), and maps the error; nothing is scored in the UI. The key's level and reason for
//! a question, and each group's distance to it, leave Rust only through [`practice_key`], which
//! the comparison page calls when the facilitator presses "Reveal reasoning".

use chrono::{Local, Timelike, Utc};
use devops_maturity_core::Answer;
use devops_maturity_views::dashboard::{dashboard, Dashboard};
use devops_maturity_views::practice::{self, Comparison, KeyView, PracticeRound};
use tauri::{AppHandle, State};

use crate::commands::{content, with_store};
use crate::error::{CommandError, CommandResult};
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
    let answer = Answer::from_code(&answer).ok_or_else(|| {
        CommandError::new(
            "invalid",
            format!("`{answer}` is not a practice answer: pick a level from 1 to 5 or don't know"),
        )
    })?;
    let questionnaire = &content(&state)?.assessment.questionnaire;
    with_store(&state, move |store| {
        Ok(store.save_practice_answer(
            workshop_team_id,
            questionnaire,
            &question_id,
            answer,
            Utc::now(),
        )?)
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

/// Everything the projector shows for a workshop, with the activity on the local clock.
#[tauri::command]
pub async fn workshop_dashboard(
    state: State<'_, Shared>,
    workshop_id: i64,
) -> CommandResult<Dashboard<'static>> {
    let content = content(&state)?;
    let now = Local::now();
    let clock = now.hour() * 60 + now.minute();
    with_store(&state, move |store| {
        Ok(dashboard(store, content, workshop_id, clock)?)
    })
    .await
}

// ---- The heatmap as a PNG -------------------------------------------------------------------

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Largest image accepted: a 1920-pixel-wide heatmap is well under a megabyte.
const MAX_PNG_BYTES: usize = 20 * 1024 * 1024;

/// Asks where to save the heatmap (the native save dialog) and writes the PNG the view drew.
/// Returns the path written, or `None` when the facilitator cancelled.
#[tauri::command]
pub async fn heatmap_png_save(
    app: AppHandle,
    state: State<'_, Shared>,
    file_name: String,
    png: Vec<u8>,
) -> CommandResult<Option<String>> {
    if !png.starts_with(PNG_SIGNATURE) {
        return Err(CommandError::new(
            "invalid",
            "the heatmap image is not a PNG; nothing was saved",
        ));
    }
    if png.len() > MAX_PNG_BYTES {
        return Err(CommandError::new(
            "invalid",
            format!(
                "the heatmap image is {} bytes; at most {MAX_PNG_BYTES} are accepted",
                png.len()
            ),
        ));
    }
    let suggested: String = file_name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .collect();
    let suggested = if suggested.trim().is_empty() {
        "heatmap.png".to_string()
    } else {
        suggested
    };
    let Some(path) = crate::dialog::ask_save(
        &app,
        "Save the heatmap as PNG",
        ("PNG image", "png"),
        &suggested,
    )?
    else {
        return Ok(None);
    };
    crate::dialog::save(&state, &path, &png)?;
    Ok(Some(path.display().to_string()))
}
