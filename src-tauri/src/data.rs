//! "Your data": export and import, CSV of the scores, backups and restore, and the automatic
//! backup taken at start-up. Each command asks for a file with the native dialog, then calls
//! one function of the store's `exchange` or `backup` module; the rules live there.
//!
//! The dialogs come from `dialog.rs`, with its test hook.

use std::path::PathBuf;

use chrono::Utc;
use devops_maturity_store::backup::{self, AutoBackup, BackupFile};
use devops_maturity_store::exchange::{parse_import, to_json, ImportError, ImportReport, Scope};
use devops_maturity_store::files::read_bounded;
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::dialog::{ask_open, ask_save, save};
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, lock_store, with_store};
use crate::{AppState, Shared};

/// Largest file `data_import` reads, as the store's parser accepts.
const MAX_IMPORT_BYTES: u64 = devops_maturity_store::exchange::MAX_FILE_BYTES as u64;

/// What the automatic backup at start-up did, for the "Your data" page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum StartupBackup {
    Written {
        path: String,
    },
    Unchanged {
        path: String,
    },
    Empty,
    Failed {
        message: String,
    },
    /// The database did not open, so there was nothing to copy.
    NotRun,
    /// The database's folder is read-only: no backup can be written beside it.
    ReadOnly,
}

/// Takes the rolling backup at start-up. Never fails: a problem is reported on the page and
/// printed, and the app starts all the same.
pub fn startup_backup(store: &Result<Store, String>) -> StartupBackup {
    let Ok(store) = store else {
        return StartupBackup::NotRun;
    };
    if store.is_read_only() {
        return StartupBackup::ReadOnly;
    }
    match backup::rolling_backup(store, Utc::now()) {
        Ok(AutoBackup::Written(path)) => StartupBackup::Written {
            path: path.display().to_string(),
        },
        Ok(AutoBackup::Unchanged(path)) => StartupBackup::Unchanged {
            path: path.display().to_string(),
        },
        Ok(AutoBackup::Empty) => StartupBackup::Empty,
        Err(e) => {
            eprintln!("DevOps Maturity Studio: the automatic backup failed: {e}");
            StartupBackup::Failed {
                message: e.to_string(),
            }
        }
    }
}

fn db_path(state: &AppState) -> CommandResult<PathBuf> {
    state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::new("database", "no database path is known"))
}

#[derive(Serialize)]
pub struct BackupView {
    path: String,
    file_name: String,
    taken_at: String,
    bytes: u64,
}

impl From<BackupFile> for BackupView {
    fn from(b: BackupFile) -> BackupView {
        BackupView {
            file_name: b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: b.path.display().to_string(),
            taken_at: b.taken_at,
            bytes: b.bytes,
        }
    }
}

#[derive(Serialize)]
pub struct DataOverview {
    db_path: Option<String>,
    backups_dir: Option<String>,
    /// Newest first.
    backups: Vec<BackupView>,
    keep: usize,
    startup_backup: StartupBackup,
    /// Teams or learners whose names are one name (`Store::name_clashes`), as sentences.
    name_clashes: Vec<String>,
}

#[tauri::command]
pub async fn data_overview(state: State<'_, Shared>) -> CommandResult<DataOverview> {
    blocking(&state, |state| {
        let path = state.db_path.as_deref();
        let backups = match path {
            Some(p) => backup::list_backups(p)?
                .into_iter()
                .map(BackupView::from)
                .collect(),
            None => Vec::new(),
        };
        let name_clashes = lock_store(state, |store| Ok(store.name_clashes()?))
            .map(|clashes| clashes.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        Ok(DataOverview {
            name_clashes,
            db_path: path.map(|p| p.display().to_string()),
            backups_dir: path.map(|p| backup::backups_dir(p).display().to_string()),
            backups,
            keep: backup::KEEP,
            startup_backup: state.startup_backup.clone(),
        })
    })
    .await
}

#[derive(Serialize)]
pub struct Written {
    path: String,
    /// What the file holds, in words.
    summary: String,
}

/// A file-name fragment from a team name: letters and digits, the rest as dashes.
fn slug(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "team".into()
    } else {
        s
    }
}

/// Exports everything (or `team_id`'s team) as JSON, or the scores as CSV, to a file the user
/// chooses. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn data_export(
    app: AppHandle,
    state: State<'_, Shared>,
    team_id: Option<i64>,
    csv: bool,
) -> CommandResult<Option<Written>> {
    let (bytes, summary, name) = with_store(&state, move |store| {
        let team = team_id.map(|id| store.team(id)).transpose()?;
        let stem = match &team {
            Some(t) => slug(&t.name),
            None => "devops-maturity".into(),
        };
        let day = Utc::now().format("%Y-%m-%d");
        if csv {
            let text = store.scores_csv(team_id)?;
            let rows = text.lines().count().saturating_sub(1);
            Ok((
                text.into_bytes(),
                format!("{rows} score rows"),
                format!("{stem}-scores-{day}.csv"),
            ))
        } else {
            let file = store.export(team_id.map_or(Scope::All, Scope::Team))?;
            let summary = format!(
                "{} team(s), {} assessment(s), {} plan(s), {} workshop(s), {} learner(s)",
                file.teams.len(),
                file.assessments.len(),
                file.plans.len(),
                file.workshops.len(),
                file.learners.len()
            );
            Ok((to_json(&file)?, summary, format!("{stem}-{day}.json")))
        }
    })
    .await?;
    let filter = if csv {
        ("CSV spreadsheet", "csv")
    } else {
        ("DevOps Maturity Studio export", "json")
    };
    let title = if csv {
        "Export the scores as CSV"
    } else {
        "Export to a JSON file"
    };
    let Some(path) = ask_save(&app, title, filter, &name)? else {
        return Ok(None);
    };
    save(&state, &path, &bytes)?;
    Ok(Some(Written {
        path: path.display().to_string(),
        summary,
    }))
}

fn import_error(e: ImportError) -> CommandError {
    match e {
        ImportError::Store(e) => e.into(),
        ImportError::Conflicts(_) => CommandError::new("conflict", e.to_string()),
        ImportError::Invalid(_) => CommandError::new("invalid", e.to_string()),
    }
}

#[derive(Serialize)]
pub struct Imported {
    path: String,
    report: ImportReport,
}

/// Imports an export file the user picks: all of it in one transaction, or nothing (the
/// error lists every problem or conflict). `None`: the dialog was cancelled.
#[tauri::command]
pub async fn data_import(
    app: AppHandle,
    state: State<'_, Shared>,
) -> CommandResult<Option<Imported>> {
    let Some(path) = ask_open(&app, "Import an export file", ("JSON export", &["json"]))? else {
        return Ok(None);
    };
    let imported = blocking(&state, move |state| {
        let bytes = read_bounded(&path, MAX_IMPORT_BYTES)
            .map_err(|e| CommandError::new("invalid", e.to_string()))?;
        let file = parse_import(&bytes).map_err(import_error)?;
        let report = lock_store(state, |store| store.import(&file).map_err(import_error))?;
        Ok(Imported {
            path: path.display().to_string(),
            report,
        })
    })
    .await?;
    Ok(Some(imported))
}

/// Copies the database to a file the user chooses. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn data_backup(
    app: AppHandle,
    state: State<'_, Shared>,
) -> CommandResult<Option<Written>> {
    let name = format!(
        "devops-maturity-backup-{}.sqlite",
        Utc::now().format("%Y%m%d-%H%M%S")
    );
    let Some(path) = ask_save(
        &app,
        "Back up the database",
        ("SQLite database", "sqlite"),
        &name,
    )?
    else {
        return Ok(None);
    };
    let db = db_path(&state)?;
    // A connection of its own: the store stays free for the rest of the app meanwhile.
    let written = path.clone();
    blocking(&state, move |_| {
        crate::e2e::slow_backup();
        Ok(backup::backup_file(&db, &written)?)
    })
    .await?;
    Ok(Some(Written {
        path: path.display().to_string(),
        summary: "a complete copy of the database".into(),
    }))
}

#[derive(Serialize)]
pub struct Restored {
    restored_from: String,
    /// Where the replaced database is kept.
    previous: Option<String>,
}

/// Replaces the database with a backup: `automatic` names one of the automatic backups (as
/// listed by [`data_overview`]); without it the user picks a file. The store is closed, the
/// backup checked and copied in by the store's `restore` (which keeps the replaced database
/// as a dated copy), and the store opened again — also when the restore is refused.
#[tauri::command]
pub async fn data_restore(
    app: AppHandle,
    state: State<'_, Shared>,
    automatic: Option<String>,
) -> CommandResult<Option<Restored>> {
    let db = db_path(&state)?;
    let candidate = match automatic {
        Some(path) => {
            let known = backup::list_backups(&db)?
                .into_iter()
                .find(|b| b.path.display().to_string() == path)
                .ok_or_else(|| {
                    CommandError::new("not-found", "that automatic backup is no longer there")
                })?;
            known.path
        }
        None => {
            let picked = ask_open(
                &app,
                "Restore from a backup",
                ("SQLite database", &["sqlite", "db", "sqlite3"]),
            )?;
            let Some(path) = picked else {
                return Ok(None);
            };
            path
        }
    };
    let restored_from = candidate.clone();
    let report = blocking(&state, move |state| {
        let mut guard = state
            .store
            .lock()
            .map_err(|_| CommandError::new("internal", "the database lock was poisoned"))?;
        // Close our connection first: the restore opens the file itself.
        let previous_store =
            std::mem::replace(&mut *guard, Err("the database is being restored".into()));
        drop(previous_store);
        let result = backup::restore(&db, &restored_from, Utc::now());
        *guard = Store::open(&db).map_err(|e: StoreError| e.to_string());
        let report = result?;
        if let Err(message) = guard.as_ref() {
            return Err(CommandError::new(
                "database",
                format!("the backup was restored, but the database does not open: {message}"),
            ));
        }
        Ok(report)
    })
    .await?;
    Ok(Some(Restored {
        restored_from: candidate.display().to_string(),
        previous: report.previous.map(|p| p.display().to_string()),
    }))
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn file_names_from_team_names_are_safe() {
        assert_eq!(slug("Booking Web (demo)"), "Booking-Web--demo");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Zoë's team"), "Zoë-s-team");
        assert_eq!(slug("///"), "team");
    }
}
