//! The course book's pages: the outline (modules and chapters with their minutes, as the side
//! panel lists them) and one chapter with its module and neighbours, for reading in order.
//! Both borrow the loaded course.

use devops_maturity_content::{ChapterKind, Course, Section};
use serde::Serialize;

use crate::ViewError;

#[derive(Debug, Serialize)]
pub struct OutlineChapter<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub minutes: u32,
    pub kind: ChapterKind,
}

#[derive(Debug, Serialize)]
pub struct OutlineModule<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub summary: &'c str,
    /// The module's chapters' minutes, added up.
    pub minutes: u32,
    pub chapters: Vec<OutlineChapter<'c>>,
}

#[derive(Debug, Serialize)]
pub struct Outline<'c> {
    pub title: &'c str,
    pub modules: Vec<OutlineModule<'c>>,
}

/// The course's modules and chapters, in the book's order.
pub fn outline(course: &Course) -> Outline<'_> {
    let modules = course
        .modules
        .iter()
        .map(|m| OutlineModule {
            id: &m.id,
            title: &m.title,
            summary: &m.summary,
            minutes: m.chapters.iter().map(|c| c.minutes).sum(),
            chapters: m
                .chapters
                .iter()
                .map(|c| OutlineChapter {
                    id: &c.id,
                    title: &c.title,
                    minutes: c.minutes,
                    kind: c.kind,
                })
                .collect(),
        })
        .collect();
    Outline {
        title: &course.title,
        modules,
    }
}

/// The chapter before or after, across module boundaries.
#[derive(Debug, Serialize)]
pub struct ChapterLink<'c> {
    pub id: &'c str,
    pub title: &'c str,
}

#[derive(Debug, Serialize)]
pub struct ChapterView<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub minutes: u32,
    pub kind: ChapterKind,
    pub module_id: &'c str,
    pub module_title: &'c str,
    pub sections: &'c [Section],
    pub previous: Option<ChapterLink<'c>>,
    pub next: Option<ChapterLink<'c>>,
}

/// Chapter `id` with its module and its neighbours in reading order; "not found" naming the id.
pub fn chapter<'c>(course: &'c Course, id: &str) -> Result<ChapterView<'c>, ViewError> {
    let all: Vec<_> = course.chapters().collect();
    let index = all
        .iter()
        .position(|(_, c)| c.id == id)
        .ok_or_else(|| ViewError::NotFound(format!("no chapter `{id}` in the course")))?;
    let link = |i: usize| {
        all.get(i).map(|(_, c)| ChapterLink {
            id: &c.id,
            title: &c.title,
        })
    };
    let (module, chapter) = all[index];
    Ok(ChapterView {
        id: &chapter.id,
        title: &chapter.title,
        minutes: chapter.minutes,
        kind: chapter.kind,
        module_id: &module.id,
        module_title: &module.title,
        sections: &chapter.sections,
        previous: index.checked_sub(1).and_then(link),
        next: link(index + 1),
    })
}
