//! Training commands: knowledge checks, learner profiles, reading progress, the agenda, activity
//! timers and presenter mode. Each command takes the state, calls the content crate or the
//! store, and maps the error; grading and the day's totals are computed in the crates.

use std::sync::Mutex;
use std::time::Instant;

use chrono::Utc;
use devops_maturity_content::{
    AgendaEdits, Content, DayPlan, PlannedBlock, Presentation, PresenterView,
};
use devops_maturity_store::{QuizResult, Store};
use devops_maturity_views::course::{self, ActivityView};
use devops_maturity_views::knowledge::{self, Learners, Progress, QuizOutcome, QuizView};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
use crate::Shared;

/// The settings key holding the facilitator's agenda edits (JSON of [`AgendaEdits`]).
const AGENDA_KEY: &str = devops_maturity_store::settings::AGENDA_EDITS;
/// The label of the presenter-notes window; `capabilities/default.json` grants it commands.
const NOTES_WINDOW: &str = "notes";

// ---- Learner profiles -------------------------------------------------------------------

#[tauri::command]
pub async fn learners_list(state: State<'_, Shared>) -> CommandResult<Learners> {
    with_store(&state, move |store| Ok(Learners::of(store)?)).await
}

/// Creates a profile and makes it the current learner.
#[tauri::command]
pub async fn learner_create(
    state: State<'_, Shared>,
    name: String,
    team_id: Option<i64>,
) -> CommandResult<Learners> {
    with_store(&state, move |store| {
        let learner = store.create_learner(&name, team_id, Utc::now())?;
        store.set_current_learner(Some(learner.id))?;
        Ok(Learners::of(store)?)
    })
    .await
}

#[tauri::command]
pub async fn learner_select(state: State<'_, Shared>, id: Option<i64>) -> CommandResult<Learners> {
    with_store(&state, move |store| {
        store.set_current_learner(id)?;
        Ok(Learners::of(store)?)
    })
    .await
}

// ---- Knowledge checks -------------------------------------------------------------------

/// Module `module_id`'s knowledge check as the current learner's next attempt shows it.
#[tauri::command]
pub async fn quiz(
    state: State<'_, Shared>,
    module_id: String,
    attempt: Option<u32>,
) -> CommandResult<QuizView<'static>> {
    let course = &content(&state)?.course;
    with_store(&state, move |store| {
        Ok(knowledge::quiz(store, course, &module_id, attempt)?)
    })
    .await
}

/// Grades the answers; stores the score when a learner profile is chosen. Nothing is stored
/// when an answer is missing or impossible.
#[tauri::command]
pub async fn quiz_submit(
    state: State<'_, Shared>,
    module_id: String,
    answers: Vec<Vec<usize>>,
) -> CommandResult<QuizOutcome> {
    let course = &content(&state)?.course;
    with_store(&state, move |store| {
        let outcome = knowledge::quiz_submit(store, course, &module_id, &answers, Utc::now());
        Ok(outcome?)
    })
    .await
}

/// Every stored result of the current learner, newest first (empty without a profile).
#[tauri::command]
pub async fn quiz_results(state: State<'_, Shared>) -> CommandResult<Vec<QuizResult>> {
    with_store(&state, move |store| Ok(knowledge::quiz_results(store)?)).await
}

// ---- Reading progress -------------------------------------------------------------------

#[tauri::command]
pub async fn progress(state: State<'_, Shared>) -> CommandResult<Progress> {
    let course = &content(&state)?.course;
    with_store(&state, move |store| Ok(Progress::of(store, course)?)).await
}

/// Marks a chapter read or unread for the current learner (or the default profile).
#[tauri::command]
pub async fn chapter_mark_read(
    state: State<'_, Shared>,
    chapter_id: String,
    read: bool,
) -> CommandResult<Progress> {
    let content = content(&state)?;
    course::chapter(&content.course, &chapter_id)?;
    with_store(&state, move |store| {
        let learner = store.current_learner()?.map(|l| l.id);
        store.set_chapter_read(learner, &chapter_id, read, Utc::now())?;
        Ok(Progress::of(store, &content.course)?)
    })
    .await
}

// ---- Agenda -----------------------------------------------------------------------------

/// The app's current agenda edits (a workshop copies them as its day's agenda).
pub(crate) fn stored_edits(store: &Store) -> CommandResult<AgendaEdits> {
    Ok(devops_maturity_views::workshop::stored_edits(store)?)
}

fn plan(content: &Content, edits: &AgendaEdits) -> CommandResult<DayPlan> {
    content
        .agenda
        .plan(edits)
        .map_err(|e| CommandError::new("invalid", e.to_string()))
}

/// The day with the facilitator's stored edits (the authored day if they no longer fit it).
#[tauri::command]
pub async fn agenda(state: State<'_, Shared>) -> CommandResult<DayPlan> {
    let content = content(&state)?;
    let edits = with_store(&state, move |store| stored_edits(store))
        .await
        .unwrap_or_default();
    plan(content, &edits).or_else(|_| plan(content, &AgendaEdits::default()))
}

/// Checks and stores the facilitator's edits; refused edits change nothing.
#[tauri::command]
pub async fn agenda_update(state: State<'_, Shared>, edits: AgendaEdits) -> CommandResult<DayPlan> {
    let content = content(&state)?;
    let day = plan(content, &edits)?;
    let json =
        serde_json::to_string(&edits).map_err(|e| CommandError::new("internal", e.to_string()))?;
    with_store(&state, move |store| {
        Ok(store.set_setting(AGENDA_KEY, &json)?)
    })
    .await?;
    Ok(day)
}

#[tauri::command]
pub async fn agenda_reset(state: State<'_, Shared>) -> CommandResult<DayPlan> {
    let content = content(&state)?;
    with_store(&state, move |store| Ok(store.set_setting(AGENDA_KEY, "")?)).await?;
    plan(content, &AgendaEdits::default())
}

// ---- Activities -------------------------------------------------------------------------

/// An activity chapter with its timer's length from the day's agenda as edited.
#[tauri::command]
pub async fn activity(
    state: State<'_, Shared>,
    chapter_id: String,
) -> CommandResult<ActivityView<'static>> {
    let content = content(&state)?;
    let edits = with_store(&state, move |store| stored_edits(store)).await;
    Ok(course::activity(
        content,
        &chapter_id,
        &edits.unwrap_or_default(),
    )?)
}

// ---- Presenter mode ---------------------------------------------------------------------

/// What is being presented (the content crate's [`Presentation`]: deck, position, the cut's
/// block) and when it started; `None` while presenter mode is off. Both windows read it and
/// either may move it.
pub type Presenter = Mutex<Option<(Presentation, Instant)>>;

fn lock_presenter(
    state: &Shared,
) -> CommandResult<std::sync::MutexGuard<'_, Option<(Presentation, Instant)>>> {
    state
        .presenter
        .lock()
        .map_err(|_| CommandError::new("internal", "the presenter lock was poisoned"))
}

fn presenter_view(
    content: &'static Content,
    presenting: &Option<(Presentation, Instant)>,
) -> PresenterView<'static> {
    match presenting {
        Some((p, started)) => p.view(&content.course, started.elapsed().as_secs()),
        None => PresenterView::off(),
    }
}

/// The planned block `id` of the day as the facilitator set it up.
async fn planned_block(state: &Shared, content: &Content, id: &str) -> CommandResult<PlannedBlock> {
    let edits = with_store(state, move |store| stored_edits(store))
        .await
        .unwrap_or_default();
    let day = plan(content, &edits).or_else(|_| plan(content, &AgendaEdits::default()))?;
    day.blocks
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| CommandError::new("not-found", format!("the agenda has no block `{id}`")))
}

/// The course from chapter `chapter_id` (at its section `anchor`, if given), or the
/// facilitator cut of agenda block `block_id`.
async fn presentation(
    state: &Shared,
    content: &'static Content,
    chapter_id: Option<String>,
    anchor: Option<String>,
    block_id: Option<String>,
) -> CommandResult<Presentation> {
    let course = &content.course;
    match block_id {
        Some(id) => Presentation::cut(course, &planned_block(state, content, &id).await?),
        None => Presentation::chapter(course, &chapter_id.unwrap_or_default(), anchor.as_deref()),
    }
    .map_err(|message| CommandError::new("invalid", message))
}

/// Starts presenter mode (see [`presentation`] for what it presents).
#[tauri::command]
pub async fn presenter_start(
    state: State<'_, Shared>,
    chapter_id: Option<String>,
    anchor: Option<String>,
    block_id: Option<String>,
) -> CommandResult<PresenterView<'static>> {
    let content = content(&state)?;
    let presentation = presentation(&state, content, chapter_id, anchor, block_id).await?;
    let mut presenting = lock_presenter(&state)?;
    *presenting = Some((presentation, Instant::now()));
    Ok(presenter_view(content, &presenting))
}

/// Moves `step` slides forward (negative: back), from the projector or the notes window.
#[tauri::command]
pub fn presenter_step(
    state: State<'_, Shared>,
    step: i64,
) -> CommandResult<PresenterView<'static>> {
    let mut presenting = lock_presenter(&state)?;
    if let Some((p, _)) = presenting.as_mut() {
        p.step(step);
    }
    Ok(presenter_view(content(&state)?, &presenting))
}

/// Where the presentation is: the notes window follows the projector with it, and the
/// projector follows a move made in the notes window.
#[tauri::command]
pub fn presenter_frame(state: State<'_, Shared>) -> CommandResult<PresenterView<'static>> {
    Ok(presenter_view(content(&state)?, &*lock_presenter(&state)?))
}

#[tauri::command]
pub fn presenter_stop(state: State<'_, Shared>) -> CommandResult<()> {
    *lock_presenter(&state)? = None;
    Ok(())
}

/// Opens (or brings forward) the presenter-notes window, for the facilitator's own screen.
#[tauri::command]
pub async fn presenter_open_notes(app: AppHandle) -> CommandResult<()> {
    show_notes_window(&app)
}

/// The notes window (`#/notes`), focused when it is open already, opened otherwise. Window
/// handling is the shell's own, so it stays here, out of the command.
fn show_notes_window(app: &AppHandle) -> CommandResult<()> {
    if let Some(window) = app.get_webview_window(NOTES_WINDOW) {
        return window
            .set_focus()
            .map_err(|e| CommandError::new("internal", e.to_string()));
    }
    WebviewWindowBuilder::new(
        app,
        NOTES_WINDOW,
        WebviewUrl::App("index.html#/notes".into()),
    )
    .title("Presenter notes — DevOps Maturity Studio")
    .inner_size(720.0, 640.0)
    .build()
    .map_err(|e| CommandError::new("internal", format!("cannot open the notes window: {e}")))?;
    Ok(())
}
