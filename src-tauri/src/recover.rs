//! Opening the database at start-up, and what the app offers when it cannot.
//!
//! One app per database file: start-up takes the store's [`InstanceLock`] before opening, so a
//! second window on the same file explains itself instead of writing beside the first. When
//! [`Store::open`] refuses the file (not ours, from a newer version, damaged), the UI's
//! recovery page (`ui/js/views/recover.js`) offers to set the file aside — renamed, never
//! deleted, never changed — and start with a fresh database, or to quit.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use devops_maturity_store::recover::{set_aside, InstanceLock};
use devops_maturity_store::{Store, StoreError};
use devops_maturity_views::home::{DbProblem, FreshStart};
use tauri::{AppHandle, State};

use crate::error::{CommandError, CommandResult};
use crate::state::blocking;
use crate::{AppState, Shared};

/// The instance lock and the reason the store is not open, kept beside `AppState::store`.
pub struct Database {
    lock: Mutex<Option<InstanceLock>>,
    problem: Mutex<Option<DbProblem>>,
}

/// Takes the lock for `path` (unless held already) and opens the store.
fn open_locked(path: &Path, lock: &mut Option<InstanceLock>) -> Result<Store, StoreError> {
    if lock.is_none() {
        *lock = Some(InstanceLock::acquire(path)?);
    }
    Store::open(path)
}

/// Start-up: the store (or the message `with_store` returns) and the state of the database.
pub fn open_at_start(path: Result<&Path, &StoreError>) -> (Result<Store, String>, Database) {
    let mut lock = None;
    let opened = match path {
        Ok(path) => open_locked(path, &mut lock).map_err(|e| DbProblem::new(Some(path), &e)),
        Err(e) => Err(DbProblem::new(None, e)),
    };
    let (store, problem) = match opened {
        Ok(store) => (Ok(store), None),
        Err(problem) => (Err(problem.message.clone()), Some(problem)),
    };
    let database = Database {
        lock: Mutex::new(lock),
        problem: Mutex::new(problem),
    };
    (store, database)
}

fn db_path(state: &AppState) -> CommandResult<PathBuf> {
    state
        .db_path
        .clone()
        .ok_or_else(|| CommandError::new("database", "no database path is known"))
}

/// Opens the store at `path` again and records the outcome in the state.
fn reopen(state: &AppState, path: &Path) -> CommandResult<Option<DbProblem>> {
    let mut store = state
        .store
        .lock()
        .map_err(|_| CommandError::new("internal", "the database lock was poisoned"))?;
    let mut lock = state
        .database
        .lock
        .lock()
        .map_err(|_| CommandError::new("internal", "the instance lock was poisoned"))?;
    let mut problem = state
        .database
        .problem
        .lock()
        .map_err(|_| CommandError::new("internal", "the database state was poisoned"))?;
    match open_locked(path, &mut lock) {
        Ok(opened) => {
            state.waits.attach(&opened);
            *store = Ok(opened);
            *problem = None;
        }
        Err(e) => {
            let p = DbProblem::new(Some(path), &e);
            *store = Err(p.message.clone());
            *problem = Some(p);
        }
    }
    Ok(problem.clone())
}

fn current_problem(state: &AppState) -> Option<DbProblem> {
    // Whoever reopened the store (a restore on the "Your data" page) solved the problem.
    if state.store.lock().is_ok_and(|s| s.is_ok()) {
        return None;
    }
    state.database.problem.lock().ok().and_then(|p| p.clone())
}

/// Why the database is not open, or `null` when it is.
#[tauri::command]
pub async fn database_problem(state: State<'_, Shared>) -> CommandResult<Option<DbProblem>> {
    blocking(&state, |state| Ok(current_problem(state))).await
}

/// Tries to open the database again (after the other window or program has closed).
#[tauri::command]
pub async fn database_retry(state: State<'_, Shared>) -> CommandResult<Option<DbProblem>> {
    blocking(&state, retry).await
}

fn retry(state: &AppState) -> CommandResult<Option<DbProblem>> {
    if current_problem(state).is_none() {
        return Ok(None);
    }
    let path = db_path(state)?;
    reopen(state, &path)
}

/// Sets the refused file aside and starts with a fresh database at the same path. Only for a
/// refused file: a database that is merely busy or open elsewhere is never moved.
#[tauri::command]
pub async fn database_start_fresh(state: State<'_, Shared>) -> CommandResult<FreshStart> {
    blocking(&state, start_fresh).await
}

fn start_fresh(state: &AppState) -> CommandResult<FreshStart> {
    let path = db_path(state)?;
    if !current_problem(state).is_some_and(|p| p.is_refused()) {
        return Err(CommandError::new(
            "conflict",
            "the database is not refused, so it is not replaced",
        ));
    }
    // Hold the instance lock while moving, so no second window opens the file meanwhile.
    {
        let mut lock = state
            .database
            .lock
            .lock()
            .map_err(|_| CommandError::new("internal", "the instance lock was poisoned"))?;
        if lock.is_none() {
            *lock = Some(InstanceLock::acquire(&path)?);
        }
    }
    let moved_to = set_aside(&path, chrono::Local::now().naive_local())?;
    if let Some(problem) = reopen(state, &path)? {
        return Err(CommandError::new(
            "database",
            format!(
                "the old file was kept as {}, but a fresh database could not be created: {}",
                moved_to.display(),
                problem.message
            ),
        ));
    }
    Ok(FreshStart::new(&moved_to))
}

/// Closes the app (the recovery page's "Quit").
#[tauri::command]
pub fn app_quit(app: AppHandle) {
    app.exit(0);
}
