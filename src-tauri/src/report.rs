//! Report export: "Export PDF" on the results page and "Leadership report" on the teams page.
//! Each export builds the report (`devops_maturity_report::export`), renders the PDF, asks
//! where to save it with the native save dialog (from Rust: the UI needs no dialog
//! permission), writes it atomically, and remembers the file so `report_open` can open it
//! with the system's PDF viewer (tauri-plugin-opener, also from Rust: the UI cannot open
//! arbitrary paths). The paper size and organisation are remembered in the settings.
//!
//! Test hook: `DEVOPS_MATURITY_E2E_DIALOG_PATH` answers the save dialog with that path, as in
//! `data.rs` (WebDriver cannot drive a native dialog); everything after the dialog is real.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::Utc;
use devops_maturity_report::assemble::{LeadershipOptions, Names, Sort, Sources};
use devops_maturity_report::export::{self, Exported, Remembered, Request};
use devops_maturity_report::pdf::Pdf;
use devops_maturity_report::ReportError;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::dialog::{save_as, SaveAs};
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, content, with_store};
use crate::{AppState, Shared};

/// The file written by the last export, the only one `report_open` opens.
#[derive(Default)]
pub struct LastExport(Mutex<Option<PathBuf>>);

impl From<ReportError> for CommandError {
    fn from(e: ReportError) -> CommandError {
        CommandError::new(e.kind(), e.to_string())
    }
}

/// The paper size and organisation name used for the last export.
#[tauri::command]
pub async fn report_settings(state: State<'_, Shared>) -> CommandResult<Remembered> {
    with_store(&state, |store| Ok(export::remembered(store)?)).await
}

/// The leadership overview's choices as the export form sends them.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LeadershipChoice {
    #[serde(default)]
    groups: Vec<i64>,
    #[serde(default)]
    summary: bool,
    /// `name`, `level` or `gap`.
    #[serde(default)]
    sort: Option<String>,
}

impl LeadershipChoice {
    fn options(self) -> CommandResult<LeadershipOptions> {
        Ok(LeadershipOptions {
            groups: self.groups,
            summary: self.summary,
            sort: self.sort.as_deref().map_or(Ok(Sort::Name), Sort::parse)?,
        })
    }
}

const SAVE_PDF: SaveAs = SaveAs {
    title: "Save the report as PDF",
    filter: ("PDF document", "pdf"),
};

/// Exports the report of a completed assessment (`assessment_id`), or the leadership overview
/// of all teams when it is `null`; `names` ties answers to the people who gave them. For the
/// overview, `leadership` narrows it (groups, summary, order; all teams by name when absent).
/// The report is read (holding the store) and laid out before the save dialog, so a problem
/// shows first. Returns the file written, or `null` when the dialog was cancelled.
#[tauri::command]
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per field of the export form"
)]
pub async fn report_export(
    app: AppHandle,
    state: State<'_, Shared>,
    last: State<'_, LastExport>,
    assessment_id: Option<i64>,
    paper: String,
    organisation: String,
    names: bool,
    leadership: Option<LeadershipChoice>,
) -> CommandResult<Option<Exported>> {
    let options = leadership.unwrap_or_default().options()?;
    let request = Request::new(assessment_id, &paper, &organisation, options)?;
    let (sources, now) = (sources(&state, names)?, Utc::now());
    let built = with_store(&state, move |store| Ok(request.build(store, sources, now)?)).await?;
    let export::Rendered { pdf, file_name } =
        blocking(&state, move |_| Ok(built.render()?)).await?;
    let path = save_as(&app, &state, &SAVE_PDF, &file_name, &pdf.bytes)?;
    Ok(path.map(|path| last.keep(path, &pdf)))
}

/// What a report is made from: the course's DORA model and actions, and whether answers are
/// shown with names.
fn sources(state: &AppState, names: bool) -> CommandResult<Sources<'static>> {
    let assessment = &content(state)?.assessment;
    Ok(Sources {
        dora: &assessment.dora,
        actions: &assessment.actions,
        names: if names { Names::Shown } else { Names::Hidden },
    })
}

impl LastExport {
    /// Remembers the file just written (the one `report_open` may open) and says what it holds.
    pub(crate) fn keep(&self, path: PathBuf, pdf: &Pdf) -> Exported {
        let exported = Exported::new(&path, pdf);
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(path);
        }
        exported
    }

    fn path(&self) -> CommandResult<PathBuf> {
        self.0
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .ok_or_else(|| CommandError::new("not-found", "no report has been exported yet"))
    }
}

/// Opens the file of the last export with the system's default PDF viewer.
#[tauri::command]
pub fn report_open(app: AppHandle, last: State<'_, LastExport>) -> CommandResult<()> {
    let path = last.path()?;
    let opened = app.opener().open_path(path.to_string_lossy(), None::<&str>);
    opened.map_err(|e| {
        let at = path.display();
        let message = format!("The PDF is saved at {at}, but the system could not open it ({e}). Open it from your file manager.");
        CommandError::new("io", message)
    })
}
