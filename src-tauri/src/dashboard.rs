//! The projector's dashboard of a workshop (teams × dimensions heatmap, class hot-spots,
//! comparisons, the activity on the clock) and saving its heatmap as a PNG (written with
//! `dialog::save`, the guarded write every export of the app ends with).

use chrono::{Local, Timelike};
use devops_maturity_views::dashboard::{dashboard, heatmap_png, Dashboard};
use tauri::{AppHandle, State};

use crate::dialog::{save_as, SaveAs};
use crate::error::CommandResult;
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

const SAVE_PNG: SaveAs = SaveAs {
    title: "Save the heatmap as PNG",
    filter: ("PNG image", "png"),
};

/// Asks where to save the heatmap (the native save dialog) and writes the PNG the view drew,
/// once `views::dashboard::heatmap_png` has checked it. Returns the path written, or `None`
/// when the facilitator cancelled.
#[tauri::command]
pub async fn heatmap_png_save(
    app: AppHandle,
    state: State<'_, Shared>,
    file_name: String,
    png: Vec<u8>,
) -> CommandResult<Option<String>> {
    let suggested = heatmap_png(&png, &file_name)?;
    let path = save_as(&app, &state, &SAVE_PNG, &suggested, &png)?;
    Ok(path.map(|p| p.display().to_string()))
}
