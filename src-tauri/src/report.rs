//! Report export: "Export PDF" on the results page and "Leadership report" on the teams page.
//! Each export builds the report (`devops_maturity_report::assemble`), renders the PDF, asks
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
use devops_maturity_core::text::{self, Rule};
use devops_maturity_report::assemble::{self, Names, Sources};
use devops_maturity_report::model::{LeadershipReport, TeamReport};
use devops_maturity_report::pdf::{self, Pdf};
use devops_maturity_report::{Paper, ReportError};
use devops_maturity_store::settings;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, content, with_store};
use crate::Shared;

/// The file written by the last export, the only one `report_open` opens.
#[derive(Default)]
pub struct LastExport(Mutex<Option<PathBuf>>);

impl From<ReportError> for CommandError {
    fn from(e: ReportError) -> CommandError {
        CommandError::new(e.kind(), e.to_string())
    }
}

#[derive(Serialize)]
pub struct ReportSettings {
    /// `a4` or `letter`.
    paper: &'static str,
    organisation: String,
}

/// The paper size and organisation name used for the last export.
#[tauri::command]
pub async fn report_settings(state: State<'_, Shared>) -> CommandResult<ReportSettings> {
    with_store(&state, move |store| {
        let paper = store
            .setting(settings::REPORT_PAPER)?
            .and_then(|p| Paper::parse(&p).ok())
            .unwrap_or_default();
        Ok(ReportSettings {
            paper: paper.id(),
            organisation: store.setting(settings::ORGANISATION)?.unwrap_or_default(),
        })
    })
    .await
}

#[derive(Serialize)]
pub struct Exported {
    path: String,
    bytes: usize,
    /// Typed texts the PDF could not show in full, each naming its field.
    warnings: Vec<String>,
}

/// A file name without characters that file systems refuse.
fn file_name(stem: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    format!("{}.pdf", clean.trim())
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
    fn options(self) -> CommandResult<assemble::LeadershipOptions> {
        let sort = match self.sort.as_deref() {
            None | Some("name") => assemble::Sort::Name,
            Some("level") => assemble::Sort::Level,
            Some("gap") => assemble::Sort::Gap,
            Some(other) => {
                return Err(CommandError::new(
                    "invalid",
                    format!("`{other}` is not an order of teams: use name, level or gap"),
                ))
            }
        };
        Ok(assemble::LeadershipOptions {
            groups: self.groups,
            summary: self.summary,
            sort,
        })
    }
}

/// A report read from the store, before it is laid out.
enum Built {
    Team(Box<TeamReport>),
    Leadership(Box<LeadershipReport>),
}

impl Built {
    /// The PDF and the file name to suggest.
    fn render(self, paper: Paper) -> CommandResult<(Pdf, String)> {
        Ok(match self {
            Built::Team(report) => {
                let name = file_name(&format!(
                    "{} – DevOps maturity report {}",
                    report.team, report.assessment_date
                ));
                (pdf::team_report(&report, paper)?, name)
            }
            Built::Leadership(report) => {
                let name = file_name(&format!("DevOps maturity overview {}", report.prepared));
                (pdf::leadership_report(&report, paper)?, name)
            }
        })
    }
}

/// Exports the report of a completed assessment (`assessment_id`), or the leadership overview
/// of all teams when it is `null`; `names` ties answers to the people who gave them. For the
/// overview, `leadership` narrows it (groups, summary, order; all teams by name when absent).
/// Returns the file written, or `null` when the dialog was
/// cancelled. Async, so the blocking dialog runs off the main thread.
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
    let paper = Paper::parse(&paper)?;
    let options = leadership.unwrap_or_default().options()?;
    let organisation = organisation.trim().to_string();
    text::check(
        "an organisation name",
        &organisation,
        Rule::name(settings::MAX_ORGANISATION),
    )
    .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let assessment = &content(&state)?.assessment;
    let sources = Sources {
        dora: &assessment.dora,
        actions: &assessment.actions,
        names: if names { Names::Shown } else { Names::Hidden },
    };
    let now = Utc::now();
    // Build and render first: a problem (no completed assessment …) shows before any dialog.
    // The store is held only while the report is read; the PDF is laid out after.
    let built = with_store(&state, move |store| {
        store.set_setting(settings::REPORT_PAPER, paper.id())?;
        store.set_setting(settings::ORGANISATION, &organisation)?;
        Ok(match assessment_id {
            Some(id) => Built::Team(Box::new(assemble::team_report(store, sources, id, now)?)),
            None => Built::Leadership(Box::new(assemble::leadership_report(
                store, sources, &options, now,
            )?)),
        })
    })
    .await?;
    let (pdf, suggested) = blocking(&state, move |_| built.render(paper)).await?;
    let Some(path) = crate::dialog::ask_save(
        &app,
        "Save the report as PDF",
        ("PDF document", "pdf"),
        &suggested,
    )?
    else {
        return Ok(None);
    };
    crate::dialog::save(&state, &path, &pdf.bytes)?;
    if let Ok(mut slot) = last.0.lock() {
        *slot = Some(path.clone());
    }
    Ok(Some(Exported {
        path: path.display().to_string(),
        bytes: pdf.bytes.len(),
        warnings: pdf.unshown.iter().map(ToString::to_string).collect(),
    }))
}

/// Opens the file of the last export with the system's default PDF viewer.
#[tauri::command]
pub fn report_open(app: AppHandle, last: State<'_, LastExport>) -> CommandResult<()> {
    let path = last
        .0
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| CommandError::new("not-found", "no report has been exported yet"))?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| {
            CommandError::new(
                "io",
                format!(
                    "The PDF is saved at {}, but the system could not open it ({e}). Open it from your file manager.",
                    path.display()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn suggested_file_names_are_safe() {
        assert_eq!(
            file_name("Zoë/Ødegård: Łukasz? – report"),
            "Zoë-Ødegård- Łukasz- – report.pdf"
        );
    }
}
