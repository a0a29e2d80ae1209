//! The course book's commands: the outline, one chapter with its neighbours, search and the
//! glossary. The course is loaded once at start-up ([`crate::state::content`]).

use devops_maturity_content::{SearchHit, Section};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::content;
use crate::Shared;

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
