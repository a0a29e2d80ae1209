//! The course as the app shows it: modules of chapters, each chapter already rendered.

use serde::Serialize;

use crate::{Agenda, AssessmentContent, ExamSpec, Figures, Glossary, Quiz, Slide};

/// Everything in a content folder, checked and rendered.
#[derive(Debug, Clone, Serialize)]
pub struct Content {
    pub course: Course,
    pub glossary: Glossary,
    pub agenda: Agenda,
    pub assessment: AssessmentContent,
    /// The mock exam's format and pool, when the folder has `exam.toml`.
    pub exam: Option<ExamSpec>,
    /// The SVG figures of `figures.toml`, sanitised.
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize)]
pub struct Course {
    pub title: String,
    pub modules: Vec<Module>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub chapters: Vec<Chapter>,
    pub quiz: Option<Quiz>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterKind {
    Reading,
    Activity,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub kind: ChapterKind,
    /// Path of the source file relative to the content root.
    pub path: String,
    pub sections: Vec<Section>,
    /// The chapter's slides from its module's `slides.toml`, in order (at least one).
    pub slides: Vec<Slide>,
}

/// One `##` section of a chapter: what a slide presents (its prose and notes go to the notes
/// window). The text before the first `##`
/// heading, if any, is a section with an empty title.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The heading's id in the rendered HTML.
    pub anchor: String,
    pub title: String,
    /// The section, rendered, without facilitator notes.
    pub html: String,
    /// Facilitator notes of the section, rendered; empty when there are none.
    pub notes_html: String,
    /// Plain text of the section (body and notes), for search.
    #[serde(skip)]
    pub text: String,
    /// The section's body (never its facilitator notes) as plain blocks for print: the
    /// handouts of the report crate lay these out. Links keep their text only.
    #[serde(skip)]
    pub blocks: Vec<Block>,
}

/// A piece of a section as printed: plain text, no markup. Emphasis is dropped, a link is its
/// text, an image its alt text, raw HTML the text it shows in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A `###` (or deeper) heading inside the section; the `##` heading is [`Section::title`].
    Heading(String),
    Paragraph(String),
    /// A list; a nested item follows its parent with a leading "– ".
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Code(String),
}

impl Course {
    pub fn chapters(&self) -> impl Iterator<Item = (&Module, &Chapter)> {
        self.modules
            .iter()
            .flat_map(|m| m.chapters.iter().map(move |c| (m, c)))
    }

    pub fn chapter(&self, id: &str) -> Option<(&Module, &Chapter)> {
        self.chapters().find(|(_, c)| c.id == id)
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id == id)
    }
}
