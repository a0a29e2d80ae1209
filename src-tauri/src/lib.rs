//! The Tauri shell of DevOps Maturity Studio: window, state and IPC, nothing else.
//!
//! Start-up loads the course compiled into the binary and opens the database
//! (`$DEVOPS_MATURITY_DB` or the platform's app-data folder). Neither failing stops the window
//! from opening: the UI shows what went wrong (see [`commands::app_status`]).

mod assessment;
mod commands;
mod error;
mod training;

use std::path::PathBuf;
use std::sync::Mutex;

use devops_maturity_content::Content;
use devops_maturity_store::Store;

/// Everything the commands work on.
pub struct AppState {
    content: Result<Content, String>,
    db_path: Option<PathBuf>,
    store: Mutex<Result<Store, String>>,
    /// Presenter mode's current position, read by the notes window.
    presenter: training::Presenter,
}

impl AppState {
    fn load() -> AppState {
        let content = devops_maturity_content::load_embedded()
            .map_err(|p| format!("the built-in course has problems:\n{p}"));
        let db_path = devops_maturity_store::resolve_db_path(None);
        let store = match &db_path {
            Ok(path) => Store::open(path).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        AppState {
            content,
            db_path: db_path.ok(),
            store: Mutex::new(store),
            presenter: Default::default(),
        }
    }
}

pub fn run() {
    let state = AppState::load();
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::course_outline,
            commands::chapter,
            commands::search_course,
            commands::glossary,
            commands::teams_list,
            commands::team_create,
            commands::team_rename,
            training::learners_list,
            training::learner_create,
            training::learner_select,
            training::quiz,
            training::quiz_submit,
            training::quiz_results,
            training::progress,
            training::chapter_mark_read,
            training::agenda,
            training::agenda_update,
            training::agenda_reset,
            training::activity,
            training::presenter_set_position,
            training::presenter_stop,
            training::presenter_notes,
            training::presenter_open_notes,
            assessment::assessment_model,
            assessment::assessment_start,
            assessment::assessment_state,
            assessment::answer_save,
            assessment::respondent_finish,
            assessment::dimension_choice_set,
            assessment::dora_answer_set,
            assessment::dora_year_set,
            assessment::assessment_complete,
            assessment::assessment_results,
            assessment::team_history,
            assessment::demo_create,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("DevOps Maturity Studio could not start: {e}");
        std::process::exit(1);
    }
}
