//! The course and questionnaire data in `content/`, turned into checked, rendered values.
//!
//! Flow: [`Files`] (every `.md`/`.toml` file of a content folder, from disk or embedded in the
//! binary) → [`parse`] (pure: no I/O) → [`Content`], or every [`Problem`] found, each as
//! `file:line: message`. Markdown is rendered to HTML in exactly one place, [`markdown`].
//!
//! Neighbours: the CLI (`content check`) and the Tauri shell load content through this crate;
//! nothing here knows about SQLite, IPC or windows.

mod agenda;
mod assessment;
mod course;
mod embedded;
mod exam;
mod figures;
mod files;
mod frontmatter;
mod glossary;
pub mod markdown;
mod parse;
mod presenter;
mod problem;
mod quiz;
mod search;
mod slides;
pub mod svg;
mod toml_util;
pub mod wording;

pub use agenda::{
    format_clock, parse_clock, Agenda, AgendaBlock, AgendaEdits, AgendaError, BlockKind,
    CutSection, DayPlan, PlannedBlock, ScheduledBlock,
};
pub use assessment::AssessmentContent;
pub use course::{Block, Chapter, ChapterKind, Content, Course, Module, Section};
pub use embedded::embedded_files;
pub use exam::{
    ExamResult, ExamSpec, ModuleScore, Paper, PaperQuestion, ReviewedQuestion, EXAM_ID,
};
pub use figures::{Figure, Figures};
pub use files::Files;
pub use glossary::{Glossary, Term};
pub use parse::parse;
pub use presenter::{Deck, Frame, Presentation, PresenterView};
pub use problem::{Problem, Problems};
pub use quiz::{
    AnswerError, GradedQuestion, Quiz, QuizGrade, QuizOption, QuizQuestion, QuizQuestionKind,
    ShownOption, ShownQuestion, ShuffleKey, Tell,
};
pub use search::{search, SearchHit};
pub use slides::{word_count, Slide, MAX_POINTS, MAX_WORDS, SLIDES_FILE};

/// Reads the content folder at `root` and parses it.
///
/// Problems reading files and problems in their contents are reported together.
pub fn load_dir(root: &std::path::Path) -> Result<Content, Problems> {
    let (files, mut problems) = Files::read_dir(root);
    match parse(&files) {
        Ok(content) if problems.is_empty() => Ok(content),
        Ok(_) => Err(Problems(problems)),
        Err(Problems(more)) => {
            problems.extend(more);
            Err(Problems(problems))
        }
    }
}

/// The content compiled into this binary (the repository's `content/` at build time).
pub fn load_embedded() -> Result<Content, Problems> {
    parse(&embedded_files())
}
