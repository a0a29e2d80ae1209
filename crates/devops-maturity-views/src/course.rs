//! The course book's pages: the outline (modules and chapters with their minutes, as the side
//! panel lists them) and one chapter with its module and neighbours, for reading in order.
//! Both borrow the loaded course.

use devops_maturity_content::{AgendaEdits, ChapterKind, Content, Course, Section};
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

/// An activity chapter as its page shows it, with the timer's length from the day's agenda.
#[derive(Debug, Serialize)]
pub struct ActivityView<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub module_title: &'c str,
    /// The timer's length: the agenda block's (as edited), else the chapter's estimate.
    pub minutes: u32,
    pub block_title: Option<String>,
    pub sections: &'c [Section],
}

/// Activity chapter `chapter_id` with its block of the day as planned with `edits` (the
/// authored day when the edits no longer fit); "not found" naming the id, or "invalid" for a
/// reading chapter.
pub fn activity<'c>(
    content: &'c Content,
    chapter_id: &str,
    edits: &AgendaEdits,
) -> Result<ActivityView<'c>, ViewError> {
    let (module, chapter) = content
        .course
        .chapter(chapter_id)
        .ok_or_else(|| ViewError::NotFound(format!("no chapter `{chapter_id}` in the course")))?;
    if chapter.kind != ChapterKind::Activity {
        return Err(ViewError::Invalid(format!(
            "“{}” is a reading chapter, not an activity",
            chapter.title
        )));
    }
    let day = content
        .agenda
        .plan(edits)
        .or_else(|_| content.agenda.plan(&AgendaEdits::default()))
        .map_err(|e| ViewError::Invalid(e.to_string()))?;
    let block = content
        .agenda
        .activity_block(&chapter.id)
        .and_then(|b| day.blocks.iter().find(|p| p.id == b.id));
    Ok(ActivityView {
        id: &chapter.id,
        title: &chapter.title,
        module_title: &module.title,
        minutes: block.map_or(chapter.minutes, |b| b.minutes),
        block_title: block.map(|b| b.title.clone()),
        sections: &chapter.sections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_content::ChapterKind;

    #[test]
    fn an_activity_takes_its_minutes_from_the_day_and_a_reading_chapter_is_refused() {
        let content = devops_maturity_content::load_embedded().unwrap();
        let (_, chapter) = content
            .course
            .chapters()
            .find(|(_, c)| c.kind == ChapterKind::Activity)
            .expect("the course has activities");
        let view = activity(&content, &chapter.id, &AgendaEdits::default()).unwrap();
        let block = content.agenda.activity_block(&chapter.id);
        assert_eq!(
            view.block_title.is_some(),
            block.is_some(),
            "its block of the day"
        );
        assert!(view.minutes > 0);
        let (_, reading) = content
            .course
            .chapters()
            .find(|(_, c)| c.kind != ChapterKind::Activity)
            .unwrap();
        let err = activity(&content, &reading.id, &AgendaEdits::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("is a reading chapter, not an activity"),
            "{err}"
        );
        let err = activity(&content, "nowhere", &AgendaEdits::default()).unwrap_err();
        assert_eq!(err.to_string(), "no chapter `nowhere` in the course");
    }
}
