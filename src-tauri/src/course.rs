//! The course book's commands: the outline, one chapter with its neighbours, search and the
//! glossary. The course is loaded once at start-up ([`crate::state::content`]).

use devops_maturity_content::SearchHit;
use devops_maturity_views::course::{self, ChapterView, Outline};
use tauri::State;

use crate::error::CommandResult;
use crate::state::content;
use crate::Shared;

#[tauri::command]
pub fn course_outline(state: State<'_, Shared>) -> CommandResult<Outline<'static>> {
    Ok(course::outline(&content(&state)?.course))
}

#[tauri::command]
pub fn chapter(state: State<'_, Shared>, id: String) -> CommandResult<ChapterView<'static>> {
    Ok(course::chapter(&content(&state)?.course, &id)?)
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
