//! "Your data": export and import, CSV of the scores, backups and restore, and the automatic
//! backup taken at start-up. Each command asks for a file with the native dialog, then calls
//! one function of the store's `exchange` or `backup` module; the rules live there.
//!
//! The dialogs come from `dialog.rs`, with its test hook.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::Utc;
use devops_maturity_store::backup;
use devops_maturity_store::exchange::{parse_import, Clashes, ImportChoices, ImportError};
use devops_maturity_store::files::read_bounded;
use devops_maturity_store::{Store, StoreError};
use devops_maturity_views::data::{DataOverview, Imported, Restored, StartupBackup, Written};
use tauri::{AppHandle, State};

use crate::dialog::{ask_open, ask_save, save_as, SaveAs};
use crate::error::{CommandError, CommandResult};
use crate::state::{blocking, lock_store, with_store};
use crate::{AppState, Shared};

const IMPORT_FILTER: (&str, &[&str]) = ("JSON export", &["json"]);

/// Largest file `data_import` reads, as the store's parser accepts.
const MAX_IMPORT_BYTES: u64 = devops_maturity_store::exchange::MAX_FILE_BYTES as u64;

/// Takes the rolling backup at start-up (`views::data::startup_backup`) and prints a failure,
/// which the "Your data" page also shows; the app starts all the same.
pub fn startup_backup(store: &Result<Store, String>) -> StartupBackup {
    let outcome = devops_maturity_views::data::startup_backup(store, Utc::now());
    if let StartupBackup::Failed { message } = &outcome {
        eprintln!("DevOps Maturity Studio: the automatic backup failed: {message}");
    }
    outcome
}

fn db_path(state: &AppState) -> CommandResult<PathBuf> {
    state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::new("database", "no database path is known"))
}

fn overview(state: &AppState) -> CommandResult<DataOverview> {
    let store = state.store.lock().unwrap_or_else(|e| e.into_inner());
    // Read with the store's lock held: the start-up thread set it before letting the lock go.
    let backup = state
        .startup_backup
        .get()
        .cloned()
        .unwrap_or_else(|| StartupBackup::Failed {
            message: "the start-up backup did not finish".into(),
        });
    let path = state.db_path.as_deref();
    Ok(DataOverview::new(path, store.as_ref().ok(), backup)?)
}

#[tauri::command]
pub async fn data_overview(state: State<'_, Shared>) -> CommandResult<DataOverview> {
    blocking(&state, overview).await
}

const EXPORT_JSON: SaveAs = SaveAs {
    title: "Export to a JSON file",
    filter: ("DevOps Maturity Studio export", "json"),
};
const EXPORT_CSV: SaveAs = SaveAs {
    title: "Export the scores as CSV",
    filter: ("CSV spreadsheet", "csv"),
};

/// Exports everything (or `team_id`'s team) as JSON, or the scores as CSV, to a file the user
/// chooses (`Store::export_file`). `None`: the dialog was cancelled.
#[tauri::command]
pub async fn data_export(
    app: AppHandle,
    state: State<'_, Shared>,
    team_id: Option<i64>,
    csv: bool,
) -> CommandResult<Option<Written>> {
    let day = Utc::now().date_naive();
    let file = with_store(&state, move |store| {
        Ok(store.export_file(team_id, csv, day)?)
    })
    .await?;
    let dialog = if csv { &EXPORT_CSV } else { &EXPORT_JSON };
    let path = save_as(&app, &state, dialog, &file.file_name, &file.bytes)?;
    Ok(path.map(|path| Written::at(&path, file.summary)))
}

fn import_error(e: ImportError) -> CommandError {
    match e {
        ImportError::Store(e) => e.into(),
        ImportError::Conflicts(_) => CommandError::new("conflict", e.to_string()),
        ImportError::Invalid(_) => CommandError::new("invalid", e.to_string()),
    }
}

/// The file last picked for an import, so that a refused import can be tried again with the
/// person's choices about clashing names without asking for the file again.
#[derive(Default)]
pub struct LastImport(Mutex<Option<PathBuf>>);

/// Imports an export file the user picks: all of it in one transaction, or nothing (the
/// error lists every problem or conflict, with the clashes a choice can settle). With
/// `choices`, the file of the last refused import is tried again. `None`: the dialog was
/// cancelled.
#[tauri::command]
pub async fn data_import(
    app: AppHandle,
    state: State<'_, Shared>,
    last: State<'_, LastImport>,
    choices: Option<ImportChoices>,
) -> CommandResult<Option<Imported>> {
    let Some(path) = import_path(&app, &last, choices.is_some())? else {
        return Ok(None);
    };
    let choices = choices.unwrap_or_default();
    let imported = blocking(&state, move |state| import_file(state, path, &choices)).await?;
    Ok(Some(imported))
}

/// The file to import: picked in the dialog (and remembered), or the remembered one.
fn import_path(app: &AppHandle, last: &LastImport, again: bool) -> CommandResult<Option<PathBuf>> {
    let mut remembered = last.0.lock().unwrap_or_else(|e| e.into_inner());
    if again {
        return match remembered.clone() {
            Some(path) => Ok(Some(path)),
            None => Err(CommandError::new(
                "invalid",
                "there is no import to try again: choose the file with “Import a JSON file…”",
            )),
        };
    }
    let picked = ask_open(app, "Import an export file", IMPORT_FILTER)?;
    if picked.is_some() {
        remembered.clone_from(&picked);
    }
    Ok(picked)
}

fn import_file(
    state: &AppState,
    path: PathBuf,
    choices: &ImportChoices,
) -> CommandResult<Imported> {
    let bytes = read_bounded(&path, MAX_IMPORT_BYTES)
        .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let file = parse_import(&bytes).map_err(import_error)?;
    let report = lock_store(state, |store| match store.import_with(&file, choices) {
        Ok(report) => Ok(report),
        Err(ImportError::Conflicts(list)) => {
            let clashes = Clashes::of(&file, &list);
            let mut e = import_error(ImportError::Conflicts(list));
            e.clashes = (!clashes.is_empty()).then_some(clashes);
            Err(e)
        }
        Err(e) => Err(import_error(e)),
    })?;
    Ok(Imported::new(&path, report))
}

/// Copies the database to a file the user chooses. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn data_backup(
    app: AppHandle,
    state: State<'_, Shared>,
) -> CommandResult<Option<Written>> {
    let name = backup::manual_backup_name(Utc::now());
    let Some(path) = ask_save(&app, "Back up the database", BACKUP_FILTER, &name)? else {
        return Ok(None);
    };
    let (db, to) = (db_path(&state)?, path.clone());
    // A connection of its own: the store stays free for the rest of the app meanwhile.
    blocking(&state, move |_| backup_to(&db, &to)).await?;
    Ok(Some(Written::at(&path, "a complete copy of the database")))
}

const BACKUP_FILTER: (&str, &str) = ("SQLite database", "sqlite");

fn backup_to(db: &Path, to: &Path) -> CommandResult<()> {
    crate::e2e::slow_backup();
    Ok(backup::backup_file(db, to)?)
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
    let from = match automatic {
        Some(path) => backup::automatic_backup(&db, &path)?,
        None => match ask_open(&app, "Restore from a backup", RESTORE_FILTER)? {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let restored = blocking(&state, move |state| restore_closed(state, &db, &from)).await?;
    Ok(Some(restored))
}

const RESTORE_FILTER: (&str, &[&str]) = ("SQLite database", &["sqlite", "db", "sqlite3"]);

/// Restores `from` over `db` with the store closed (the restore opens the file itself), then
/// opens the store again, whatever the restore did.
fn restore_closed(state: &AppState, db: &Path, from: &Path) -> CommandResult<Restored> {
    let mut guard = state
        .store
        .lock()
        .map_err(|_| CommandError::new("internal", "the database lock was poisoned"))?;
    drop(std::mem::replace(
        &mut *guard,
        Err("the database is being restored".into()),
    ));
    let result = backup::restore(db, from, Utc::now());
    *guard = Store::open(db).map_err(|e: StoreError| e.to_string());
    if let Ok(store) = guard.as_ref() {
        state.waits.attach(store);
    }
    let report = result?;
    if let Err(message) = guard.as_ref() {
        return Err(CommandError::new(
            "database",
            format!("the backup was restored, but the database does not open: {message}"),
        ));
    }
    Ok(Restored::new(from, report.previous.as_deref()))
}
