//! The Handouts page: the list of handouts the course makes, and one exported as PDF. The
//! handout is built and laid out from the course content alone (`devops_maturity_report::
//! handout::render`, with the day as the Agenda page set it up) on a thread off the main one, then `dialog::save_as` asks where (from
//! Rust, answered by the e2e hook in an `e2e` build) and writes it through the store's output
//! guard. The file becomes the one `report_open` opens.

use devops_maturity_report::export::Exported;
use devops_maturity_report::handout::{self, Entry};
use devops_maturity_report::Paper;
use tauri::{AppHandle, State};

use crate::dialog::{save_as, SaveAs};
use crate::error::CommandResult;
use crate::report::LastExport;
use crate::state::{blocking, content, with_store};
use crate::training::stored_edits;
use crate::Shared;

/// Every handout the course makes, in the order a facilitator prepares them.
#[tauri::command]
pub fn handout_list(state: State<'_, Shared>) -> CommandResult<Vec<Entry>> {
    Ok(handout::list(content(&state)?))
}

const SAVE_HANDOUT: SaveAs = SaveAs {
    title: "Save the handout as PDF",
    filter: ("PDF document", "pdf"),
};

/// Exports the handout `name` on `paper` (`a4` or `letter`). Returns the file written, or
/// `null` when the dialog was cancelled. An unknown name is `not-found`, before any dialog.
#[tauri::command]
pub async fn handout_export(
    app: AppHandle,
    state: State<'_, Shared>,
    last: State<'_, LastExport>,
    name: String,
    paper: String,
) -> CommandResult<Option<Exported>> {
    let paper = Paper::parse(&paper)?;
    // The day as the Agenda page set it up; the authored day when it cannot be read.
    let edits = with_store(&state, |store| stored_edits(store))
        .await
        .unwrap_or_default();
    let render = move |s: &_| Ok(handout::render(content(s)?, &name, paper, &edits)?);
    let rendered = blocking(&state, render);
    let handout::Rendered { pdf, file_name } = rendered.await?;
    let path = save_as(&app, &state, &SAVE_HANDOUT, &file_name, &pdf.bytes)?;
    Ok(path.map(|path| last.keep(path, &pdf)))
}
