//! The home page's commands: the app's status (database, read-only folder, course problems,
//! version), whether a write is waiting for another program's, and the unfinished assessments
//! with where each resumes.

use devops_maturity_views::home::AppStatus;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, with_store};
use crate::Shared;

/// Whether the database and the course opened, and the app's version: every page's banner.
#[tauri::command]
pub async fn app_status(state: State<'_, Shared>) -> CommandResult<AppStatus> {
    blocking(&state, |state| {
        Ok(AppStatus::new(
            state.db_path.as_deref(),
            state.store.lock().ok().as_deref(),
            state.content.as_ref().err().map(String::as_str),
            env!("CARGO_PKG_VERSION"),
        ))
    })
    .await
}

/// Whether a write is waiting for another program's now (the banner asks while a call is slow).
/// Never takes the store's lock: the waiting command holds it.
#[tauri::command]
pub fn store_waiting(state: State<'_, Shared>) -> bool {
    state.waits.waiting(std::time::Instant::now())
}

/// The unfinished assessments and where each resumes (the home page's pointer).
#[tauri::command]
pub async fn home_resume(
    state: State<'_, Shared>,
) -> CommandResult<Vec<devops_maturity_views::home::Resume>> {
    with_store(&state, |store| {
        Ok(devops_maturity_views::home::resume(store)?)
    })
    .await
}
