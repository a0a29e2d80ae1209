//! The Tauri shell of DevOps Maturity Studio: window, state and IPC, nothing else.
//!
//! Start-up opens the database (`$DEVOPS_MATURITY_DB` or the platform's app-data folder), then
//! opens the window while two threads do the rest: one takes the rolling backup, purges the
//! trash and pauses timers left running (holding the store's lock from before the window opens,
//! so no command touches the database before the backup is taken), the other parses the course
//! compiled into the binary (a command that needs it first waits for it). Neither failing stops
//! the window from opening: the UI shows what went wrong (see [`home::app_status`]).

mod assessment;
mod course;
mod dashboard;
mod data;
mod dialog;
mod e2e;
mod error;
mod exam;
mod groups;
mod handout;
mod home;
mod live;
mod organisation;
mod plan;
mod practice;
mod recover;
mod report;
mod state;
mod teams;
mod timer;
mod training;
mod trash;
mod workshop;

use std::path::PathBuf;
use std::sync::{mpsc, Arc, LazyLock, Mutex, OnceLock, PoisonError};

use devops_maturity_content::Content;
use devops_maturity_store::Store;

/// The app's state as the commands hold it: shared with the blocking threads they hand work to.
pub type Shared = Arc<AppState>;

/// Everything the commands work on.
pub struct AppState {
    /// Loaded once and kept for the life of the process, so views can borrow it. Parsed on a
    /// thread of its own at start-up ([`AppState::start`]); whoever needs it earlier waits.
    content: LazyLock<Result<&'static Content, String>>,
    db_path: Option<PathBuf>,
    store: Mutex<Result<Store, String>>,
    /// The instance lock, and why the store is not open (see `recover.rs`).
    database: recover::Database,
    /// Presenter mode: the deck presented and where the projector is in it (both windows read it).
    presenter: training::Presenter,
    /// What the automatic backup at start-up did (see `data.rs`): set by the start-up thread
    /// while it holds the store's lock, so whoever holds the lock after it finds it set.
    startup_backup: OnceLock<devops_maturity_views::data::StartupBackup>,
    /// When the store last said a write waits for another program's: read without the store's
    /// lock, which the waiting command holds (`store_waiting`). Attached to each store opened.
    waits: devops_maturity_views::waits::StoreWaits,
}

impl AppState {
    /// Opens the database and starts the start-up work on threads of their own ([`Self::start`]).
    fn load() -> Shared {
        AppState::open(devops_maturity_store::resolve_db_path(None))
    }

    fn open(db_path: Result<PathBuf, devops_maturity_store::StoreError>) -> Shared {
        let (store, database) = recover::open_at_start(db_path.as_deref());
        let waits = devops_maturity_views::waits::StoreWaits::default();
        if let Ok(store) = &store {
            waits.attach(store);
        }
        let state = Arc::new(AppState {
            content: LazyLock::new(load_content),
            db_path: db_path.ok(),
            store: Mutex::new(store),
            database,
            presenter: Default::default(),
            startup_backup: OnceLock::new(),
            waits,
        });
        state.start();
        state
    }

    /// The start-up work, off the main thread so the window and WebKit start meanwhile
    /// (scripts/bench-startup: it took ~90 ms before the window could open). The backup keeps
    /// its promise, a copy of the database as the last session left it: the thread takes the
    /// store's lock before this returns, and every command, the timers' thread included, waits
    /// for that lock. Then the trash is purged and timers left running are paused, as before.
    /// The course is parsed on a second thread.
    fn start(self: &Shared) {
        let (locked, is_locked) = mpsc::sync_channel(0);
        let state = Arc::clone(self);
        std::thread::spawn(move || {
            let mut store = state.store.lock().unwrap_or_else(PoisonError::into_inner);
            let _ = locked.send(());
            let _ = state.startup_backup.set(data::startup_backup(&store));
            trash::purge_at_start(&mut store);
            if let Ok(store) = store.as_mut() {
                timer::recover(store);
            }
        });
        // Only fails if the thread ended before taking the lock, which it does first.
        let _ = is_locked.recv();
        let state = Arc::clone(self);
        std::thread::spawn(move || {
            LazyLock::force(&state.content);
        });
    }
}

/// Every window's pages drawn without WebKit's accelerated compositing (its hardware
/// acceleration policy "never", what `WEBKIT_DISABLE_COMPOSITING_MODE=1` does): the app's pages
/// are documents and forms, with no WebGL, video or 3D transforms that would need it, and the
/// compositor's buffers were the largest part of the web process's memory (scripts/bench-startup:
/// its PSS 230 -> 127 MiB under Xvfb). Set on each webview as it is created (a plugin's hook, so
/// the presenter notes window gets it too).
#[cfg(target_os = "linux")]
fn draw_without_compositing(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    if let Some(settings) = webview.inner().settings() {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
}

#[cfg(not(target_os = "linux"))]
fn draw_without_compositing(_webview: tauri::webview::PlatformWebview) {}

/// The course compiled into the binary, parsed and rendered, kept for the life of the process.
fn load_content() -> Result<&'static Content, String> {
    devops_maturity_content::load_embedded()
        .map(|c| &*Box::leak(Box::new(c)))
        .map_err(|p| format!("the built-in course has problems:\n{p}"))
}

pub fn run() {
    let state = AppState::load();
    timer::keep_noting(Arc::clone(&state));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .manage(report::LastExport::default())
        .manage(data::LastImport::default())
        .manage(live::LiveSession::default())
        .plugin(
            tauri::plugin::Builder::<_, ()>::new("webkit-settings")
                .on_webview_ready(|webview| {
                    if let Err(e) = webview.with_webview(draw_without_compositing) {
                        eprintln!("DevOps Maturity Studio: WebKit's settings were not set: {e}");
                    }
                })
                .build(),
        )
        .invoke_handler(tauri::generate_handler![
            home::app_status,
            home::store_waiting,
            course::course_outline,
            course::chapter,
            course::search_course,
            course::glossary,
            home::home_resume,
            teams::teams_list,
            teams::team_create,
            teams::team_rename,
            groups::groups_list,
            groups::group_create,
            groups::group_rename,
            groups::group_delete,
            groups::group_word_set,
            groups::team_move,
            groups::teams_import_csv,
            organisation::organisation_overview,
            training::learners_list,
            training::learner_create,
            training::learner_select,
            training::quiz,
            training::quiz_submit,
            training::quiz_results,
            exam::exam_paper,
            exam::exam_submit,
            training::progress,
            training::chapter_mark_read,
            training::agenda,
            training::agenda_update,
            training::agenda_reset,
            training::activity,
            timer::timer_act,
            training::presenter_start,
            training::presenter_step,
            training::presenter_frame,
            training::presenter_stop,
            training::presenter_open_notes,
            assessment::assessment_start,
            assessment::assessment_state,
            assessment::answer_save,
            assessment::respondent_role_set,
            assessment::respondent_finish,
            assessment::dimension_choice_set,
            assessment::dora_answer_set,
            assessment::dora_year_set,
            assessment::assessment_complete,
            assessment::assessment_results,
            assessment::team_history,
            assessment::demo_create,
            workshop::workshops_list,
            workshop::workshop_create,
            workshop::workshop_update,
            workshop::workshop_get,
            workshop::workshop_team_add,
            workshop::workshop_discussion,
            workshop::consensus_set,
            workshop::consensus_clear,
            plan::plan_get,
            plan::plan_focus_set,
            plan::plan_generate,
            plan::plan_item_update,
            plan::plan_item_move,
            plan::plan_item_add,
            plan::plan_item_delete,
            plan::team_plan_progress,
            practice::practice_round,
            practice::practice_answer_save,
            practice::practice_comparison,
            practice::practice_key,
            dashboard::workshop_dashboard,
            dashboard::heatmap_png_save,
            recover::database_problem,
            recover::database_retry,
            recover::database_start_fresh,
            recover::app_quit,
            data::data_overview,
            data::data_export,
            data::data_import,
            data::data_backup,
            data::data_restore,
            report::report_settings,
            report::report_export,
            report::report_open,
            handout::handout_list,
            handout::handout_export,
            live::live_interfaces,
            live::live_start,
            live::live_overview,
            live::live_mode,
            live::live_reveal,
            live::live_lock,
            live::live_remove,
            live::live_end,
            live::live_quiz_start,
            live::live_quiz_open,
            live::live_quiz_close,
            live::live_quiz_next,
            live::live_quiz_finish,
            live::live_practice_start,
            trash::delete_preview,
            trash::delete_confirmed,
            trash::trash_list,
            trash::trash_restore,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    timer::pause_all(handle);
                }
            })
        });
    if let Err(e) = result {
        eprintln!("DevOps Maturity Studio could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_up_backup_is_taken_before_any_command_reaches_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("app.db");
        let mut store = Store::open(&db).unwrap();
        store.create_team("Booking", chrono::Utc::now()).unwrap();
        drop(store);
        let state = AppState::open(Ok(db));
        // What a command does first: take the store's lock. The backup thread had it before
        // `open` returned, so the backup is written by the time the command gets it.
        let backup =
            state::lock_store(&state, |_| Ok(state.startup_backup.get().cloned())).unwrap();
        assert!(
            matches!(
                backup,
                Some(devops_maturity_views::data::StartupBackup::Written { .. })
            ),
            "the backup was written before the first command ran"
        );
        assert!(state::content(&state).is_ok(), "the course loads");
    }
}
