//! The live classroom session's commands: start the server of `devops-maturity-live` on the
//! app's Tokio runtime, switch its modes (assessment, silent vote, a module's knowledge check
//! question by question, the EJ Airways practice round), lock, remove, end. The server reaches
//! the database through `AppState`'s own store lock, so its answers are stored as the app
//! stores them. The course content (a module's quiz, the practice questionnaire, never its
//! key) is handed to the server here. Ending the session (or quitting the app) closes the port.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use devops_maturity_content::Content;
use devops_maturity_live::{Config, Interface, Live, LiveView, Mode, QuizSummary, VoteResults};
use devops_maturity_views::knowledge;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::content;
use crate::Shared;

/// The running session, if any (one at a time).
#[derive(Default)]
pub struct LiveSession(Mutex<Option<Arc<Live>>>);

impl LiveSession {
    /// The workshop whose session is running, if one is (deletes refuse to take it meanwhile).
    pub fn running_workshop(&self) -> Option<i64> {
        let live = self.0.lock().ok()?.clone()?;
        let overview = live.overview();
        (!overview.ended).then_some(overview.workshop_id)
    }

    /// Refuses a second session while one runs.
    fn idle(&self) -> CommandResult<()> {
        match self.get() {
            Ok(_) => Err(CommandError::new(
                "conflict",
                "a live session is already running: end it first",
            )),
            Err(_) => Ok(()),
        }
    }

    /// Keeps the session just started, for the other commands.
    fn keep(&self, live: Live) -> CommandResult<()> {
        *self
            .0
            .lock()
            .map_err(|_| CommandError::new("internal", "the live session lock was poisoned"))? =
            Some(Arc::new(live));
        Ok(())
    }

    fn get(&self) -> CommandResult<Arc<Live>> {
        self.0
            .lock()
            .map_err(|_| CommandError::new("internal", "the live session lock was poisoned"))?
            .clone()
            .ok_or_else(|| CommandError::new("not-found", "no live session is running"))
    }
}

fn view(live: &Live, content: Option<&Content>) -> CommandResult<LiveView> {
    live.view(content.map(|c| &c.course))
        .map_err(|e| CommandError::new("internal", e))
}

#[tauri::command]
pub fn live_interfaces() -> Vec<Interface> {
    devops_maturity_live::interfaces()
}

#[tauri::command]
pub async fn live_start(
    state: State<'_, Shared>,
    session: State<'_, LiveSession>,
    workshop_id: i64,
    ip: String,
    port: u16,
) -> CommandResult<LiveView> {
    let config = config(&ip, port)?;
    session.idle()?;
    let access = store_access(Shared::clone(&state));
    let runtime = tokio::runtime::Handle::current();
    let live = devops_maturity_live::start(&runtime, access, workshop_id, config)
        .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let view = view(&live, content(&state).ok())?;
    session.keep(live)?;
    Ok(view)
}

/// Where the server listens, as the form gives it.
fn config(ip: &str, port: u16) -> CommandResult<Config> {
    let ip: IpAddr = ip
        .parse()
        .map_err(|_| CommandError::new("invalid", format!("`{ip}` is not an IP address")))?;
    Ok(Config::new(ip, port))
}

/// The session's way to the app's store: it keeps its own handle on the state (the app
/// manages `Shared`, an `Arc<AppState>`) and locks the store for each batch.
fn store_access(shared: Shared) -> devops_maturity_live::StoreAccess {
    Arc::new(move |f| {
        let mut guard = shared
            .store
            .lock()
            .map_err(|_| "the database lock was poisoned".to_string())?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        f(store);
        Ok(())
    })
}

#[tauri::command]
pub fn live_overview(
    state: State<'_, Shared>,
    session: State<'_, LiveSession>,
) -> CommandResult<LiveView> {
    let live = session.get()?;
    view(&live, content(&state).ok())
}

/// Starts module `module_id`'s knowledge check on every phone, at its first question.
#[tauri::command]
pub fn live_quiz_start(
    state: State<'_, Shared>,
    session: State<'_, LiveSession>,
    module_id: String,
) -> CommandResult<()> {
    let (_, (module, quiz)) = knowledge::module_quiz(&content(&state)?.course, &module_id)?;
    let quiz = Arc::new(quiz.clone());
    let started = session.get()?.start_quiz(&module.id, &module.title, quiz);
    started.map_err(|e| CommandError::new("conflict", e))
}

/// Starts the current question's timer.
#[tauri::command]
pub fn live_quiz_open(session: State<'_, LiveSession>, seconds: u32) -> CommandResult<()> {
    session
        .get()?
        .open_question(seconds)
        .map_err(|e| CommandError::new("conflict", e))
}

/// Closes the current question (its distribution shows on the projector).
#[tauri::command]
pub fn live_quiz_close(session: State<'_, LiveSession>) -> CommandResult<()> {
    session
        .get()?
        .close_question()
        .map_err(|e| CommandError::new("conflict", e))
}

/// Shows the next question.
#[tauri::command]
pub fn live_quiz_next(session: State<'_, LiveSession>) -> CommandResult<()> {
    session
        .get()?
        .next_question()
        .map_err(|e| CommandError::new("conflict", e))
}

/// Stores the named participants' results as learner results; the room's summary.
#[tauri::command]
pub async fn live_quiz_finish(session: State<'_, LiveSession>) -> CommandResult<QuizSummary> {
    session
        .get()?
        .finish_quiz()
        .await
        .map_err(|e| CommandError::new("conflict", e))
}

/// Starts (or goes back to) the EJ Airways practice round: one device per group.
#[tauri::command]
pub async fn live_practice_start(
    state: State<'_, Shared>,
    session: State<'_, LiveSession>,
) -> CommandResult<()> {
    let questionnaire = content(&state)?.assessment.questionnaire.clone();
    session
        .get()?
        .start_practice(Arc::new(questionnaire))
        .await
        .map_err(|e| CommandError::new("conflict", e))
}

#[tauri::command]
pub fn live_mode(session: State<'_, LiveSession>, mode: Mode) -> CommandResult<()> {
    session
        .get()?
        .set_mode(mode)
        .map_err(|e| CommandError::new("invalid", e))
}

#[tauri::command]
pub async fn live_reveal(session: State<'_, LiveSession>) -> CommandResult<VoteResults> {
    session
        .get()?
        .reveal()
        .await
        .map_err(|e| CommandError::new("conflict", e))
}

#[tauri::command]
pub fn live_lock(session: State<'_, LiveSession>, locked: bool) -> CommandResult<()> {
    session.get()?.lock(locked);
    Ok(())
}

#[tauri::command]
pub fn live_remove(session: State<'_, LiveSession>, participant: u32) -> CommandResult<()> {
    session
        .get()?
        .remove(participant)
        .map_err(|e| CommandError::new("not-found", e))
}

#[tauri::command]
pub async fn live_end(session: State<'_, LiveSession>) -> CommandResult<()> {
    let live = session
        .0
        .lock()
        .map_err(|_| CommandError::new("internal", "poisoned"))?
        .take();
    if let Some(live) = live {
        live.end().await;
    }
    Ok(())
}
