//! The projector's dashboard of a workshop (teams × dimensions heatmap, class hot-spots,
//! comparisons, the activity on the clock) and saving its heatmap as a PNG (written with
//! `dialog::save`, the guarded write every export of the app ends with).

use chrono::{Local, Timelike};
use devops_maturity_views::dashboard::{dashboard, Dashboard};
use tauri::{AppHandle, State};

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
use crate::Shared;

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
