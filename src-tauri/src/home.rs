//! The home page's commands: the app's status (database, read-only folder, course problems,
//! version) and the unfinished assessments with where each resumes.

use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::{blocking, with_store};
use crate::{AppState, Shared};

#[derive(Serialize)]
pub struct AppStatus {
    db_path: Option<String>,
    db_error: Option<String>,
    /// The database's folder, when it is read-only: everything can be looked at, nothing
    /// saved. The UI says so on every page.
    read_only: Option<String>,
    content_error: Option<String>,
    version: &'static str,
}

impl AppStatus {
    fn read(state: &AppState) -> AppStatus {
        let (db_error, read_only) = match state.store.lock().ok().as_deref() {
            Some(Err(message)) => (Some(message.clone()), None),
            Some(Ok(store)) if store.is_read_only() => {
                let folder = store.path().parent().unwrap_or(std::path::Path::new("."));
                (None, Some(folder.display().to_string()))
            }
            _ => (None, None),
        };
        AppStatus {
            db_path: state.db_path.as_ref().map(|p| p.display().to_string()),
            db_error,
            read_only,
            content_error: state.content.as_ref().err().cloned(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// Whether the database and the course opened, and the app's version: every page's banner.
#[tauri::command]
pub async fn app_status(state: State<'_, Shared>) -> CommandResult<AppStatus> {
    blocking(&state, |state| Ok(AppStatus::read(state))).await
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
