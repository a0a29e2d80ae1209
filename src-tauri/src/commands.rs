//! One `#[tauri::command]` per use case: take the state, call one library function, map the
//! error. The shapes returned here are the IPC contract with `ui/js/api.js`.

use chrono::Utc;
use devops_maturity_content::{Content, SearchHit, Section};
use devops_maturity_store::{Store, StoreError, Team};
use serde::Serialize;
use std::sync::Arc;

use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::{AppState, Shared};

pub(crate) fn content(state: &AppState) -> CommandResult<&'static Content> {
    state
        .content
        .clone()
        .map_err(|e| CommandError::new("content", e))
}

/// Runs `f` on a thread for blocking work, with the app's state: never on the main thread, so
/// the window keeps answering while it runs (and never on the async runtime's few workers).
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| CommandError::new("internal", format!("the work stopped: {e}")))?
}

/// Runs `f` with the store, off the main thread (see [`blocking`]).
pub(crate) async fn with_store<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut Store) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    blocking(state, move |state| lock_store(state, f)).await
}

/// Runs `f` with the store on the calling thread, holding the store's lock meanwhile.
pub(crate) fn lock_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> CommandResult<T>,
) -> CommandResult<T> {
    let mut guard = state
        .store
        .lock()
        .map_err(|_| CommandError::new("internal", "the database lock was poisoned"))?;
    match guard.as_mut() {
        // SQLite's "busy", "read-only" and "disk full" name no file: name the database.
        Ok(store) => f(store).map_err(|e| {
            let unnamed = [
                StoreError::Busy,
                StoreError::ReadOnlyDatabase,
                StoreError::Full,
            ];
            match unnamed.into_iter().find(|u| e.message == u.to_string()) {
                Some(u) => u.at(store.path()).into(),
                None => e,
            }
        }),
        Err(message) => Err(CommandError::new("database", message.clone())),
    }
}

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

#[tauri::command]
pub async fn app_status(state: State<'_, Shared>) -> CommandResult<AppStatus> {
    blocking(&state, |state| {
        let (db_error, read_only) = match state.store.lock().ok().as_deref() {
            Some(Err(message)) => (Some(message.clone()), None),
            Some(Ok(store)) if store.is_read_only() => (
                None,
                Some(
                    store
                        .path()
                        .parent()
                        .unwrap_or(std::path::Path::new("."))
                        .display()
                        .to_string(),
                ),
            ),
            _ => (None, None),
        };
        Ok(AppStatus {
            db_path: state.db_path.as_ref().map(|p| p.display().to_string()),
            db_error,
            read_only,
            content_error: state.content.as_ref().err().cloned(),
            version: env!("CARGO_PKG_VERSION"),
        })
    })
    .await
}

#[derive(Serialize)]
pub struct OutlineChapter {
    id: String,
    title: String,
    minutes: u32,
    kind: devops_maturity_content::ChapterKind,
}

#[derive(Serialize)]
pub struct OutlineModule {
    id: String,
    title: String,
    summary: String,
    minutes: u32,
    chapters: Vec<OutlineChapter>,
}

#[derive(Serialize)]
pub struct Outline {
    title: String,
    modules: Vec<OutlineModule>,
}

#[tauri::command]
pub fn course_outline(state: State<'_, Shared>) -> CommandResult<Outline> {
    let course = &content(&state)?.course;
    let modules = course
        .modules
        .iter()
        .map(|m| OutlineModule {
            id: m.id.clone(),
            title: m.title.clone(),
            summary: m.summary.clone(),
            minutes: m.chapters.iter().map(|c| c.minutes).sum(),
            chapters: m
                .chapters
                .iter()
                .map(|c| OutlineChapter {
                    id: c.id.clone(),
                    title: c.title.clone(),
                    minutes: c.minutes,
                    kind: c.kind,
                })
                .collect(),
        })
        .collect();
    Ok(Outline {
        title: course.title.clone(),
        modules,
    })
}

#[derive(Serialize)]
pub struct ChapterLink {
    id: String,
    title: String,
}

#[derive(Serialize)]
pub struct ChapterView<'a> {
    id: &'a str,
    title: &'a str,
    minutes: u32,
    kind: devops_maturity_content::ChapterKind,
    module_id: &'a str,
    module_title: &'a str,
    sections: &'a [Section],
    previous: Option<ChapterLink>,
    next: Option<ChapterLink>,
}

#[tauri::command]
pub fn chapter(state: State<'_, Shared>, id: String) -> CommandResult<serde_json::Value> {
    let course = &content(&state)?.course;
    let all: Vec<_> = course.chapters().collect();
    let index = all.iter().position(|(_, c)| c.id == id).ok_or_else(|| {
        CommandError::new("not-found", format!("no chapter `{id}` in the course"))
    })?;
    let link = |i: usize| {
        all.get(i).map(|(_, c)| ChapterLink {
            id: c.id.clone(),
            title: c.title.clone(),
        })
    };
    let (module, chapter) = all[index];
    let view = ChapterView {
        id: &chapter.id,
        title: &chapter.title,
        minutes: chapter.minutes,
        kind: chapter.kind,
        module_id: &module.id,
        module_title: &module.title,
        sections: &chapter.sections,
        previous: index.checked_sub(1).and_then(link),
        next: link(index + 1),
    };
    serde_json::to_value(view).map_err(|e| CommandError::new("internal", e.to_string()))
}

#[tauri::command]
pub fn search_course(state: State<'_, Shared>, query: String) -> CommandResult<Vec<SearchHit>> {
    Ok(devops_maturity_content::search(
        &content(&state)?.course,
        &query,
    ))
}

#[tauri::command]
pub fn glossary(state: State<'_, Shared>) -> CommandResult<devops_maturity_content::Glossary> {
    Ok(content(&state)?.glossary.clone())
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

#[tauri::command]
pub async fn teams_list(state: State<'_, Shared>) -> CommandResult<Vec<Team>> {
    with_store(&state, |store| Ok(store.teams()?)).await
}

#[tauri::command]
pub async fn team_create(state: State<'_, Shared>, name: String) -> CommandResult<Team> {
    with_store(&state, move |store| {
        Ok(store.create_team(&name, Utc::now())?)
    })
    .await
}

#[tauri::command]
pub async fn team_rename(state: State<'_, Shared>, id: i64, name: String) -> CommandResult<Team> {
    with_store(&state, move |store| {
        Ok(store.rename_team(id, &name, Utc::now())?)
    })
    .await
}
