//! Handouts: printable pages built from the course content, for the classroom. The EJ Airways
//! fact sheet, one role card per person of the case, a worksheet per activity (`kind:
//! activity`), the facilitator's run-sheet of the day (`agenda.toml`) and a learner's summary
//! per module.
//!
//! [`list`] names every handout the content can make (names a person can type: `fact-sheet`,
//! `role-cards`, `run-sheet`, `worksheet-<activity>`, `summary-<module>`); [`build`] turns one
//! name into a [`Handout`], a value that holds every word it prints. Both are pure: the content
//! comes in, nothing is read or written here. [`crate::pdf::handout`] lays a handout out with
//! the reports' fonts and paper sizes.
//!
//! Nothing here invents a fact: every sentence comes from the content (the chapters' body, never
//! their facilitator notes, except on the run-sheet, which is the facilitator's), or is a
//! heading or label of this module.
//!
//! This file names the handouts and holds what they share; `case` makes the fact sheet and the
//! role cards, `worksheet` an activity's worksheet, `summary` a module's summary, `run_sheet`
//! the facilitator's day.

mod case;
mod run_sheet;
mod summary;
#[cfg(test)]
mod tests;
mod worksheet;

use devops_maturity_content::{AgendaEdits, Block, Chapter, ChapterKind, Content, DayPlan, Module};
use serde::Serialize;

pub use crate::export::Rendered;
use crate::{Paper, ReportError};

use case::{fact_sheet, people_table, role_cards};
use run_sheet::run_sheet;
use summary::summary;
use worksheet::worksheet;

/// The chapter that holds the EJ Airways fact sheet.
pub const FACT_SHEET_CHAPTER: &str = "ej-airways-fact-sheet";

/// A handout the content can make, as the CLI's `--list` and the app's Handouts page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// What to type: `devops-maturity handout NAME`.
    pub name: String,
    pub title: String,
    /// `case`, `worksheet`, `run-sheet` or `summary`: how the list groups them.
    pub kind: &'static str,
    /// One line on what it holds.
    pub about: String,
}

/// A handout as printed: a title, a line under it, and parts in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    pub name: String,
    pub title: String,
    pub subtitle: String,
    pub parts: Vec<Part>,
}

/// A part of a handout: a heading (listed in the PDF outline) and what follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub title: String,
    /// Starts on a new page.
    pub page_break: bool,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A block of a chapter, printed as written.
    Block(Block),
    /// A smaller heading inside a part.
    Subheading(String),
    /// Label–value pairs.
    Facts(Vec<(String, String)>),
    /// Ruled lines to write on; `0` fills the rest of the page.
    Writing { lines: usize },
    /// A card to cut out: a person of the case.
    Card(Card),
    /// A table whose empty cells are left tall enough to write in.
    WriteIn {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub name: String,
    pub role: String,
    pub facts: Vec<(String, String)>,
}

impl Handout {
    /// Every text of the handout with where it is, for naming text the fonts cannot show.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut out = vec![
            (format!("the title of {}", self.name), self.title.clone()),
            (format!("the title of {}", self.name), self.subtitle.clone()),
        ];
        for part in &self.parts {
            let field = format!("the part “{}” of {}", part.title, self.name);
            out.push((field.clone(), part.title.clone()));
            for item in &part.items {
                let texts: Vec<String> = match item {
                    Item::Block(block) => block_texts(block),
                    Item::Subheading(t) => vec![t.clone()],
                    Item::Facts(facts) => facts
                        .iter()
                        .flat_map(|(a, b)| [a.clone(), b.clone()])
                        .collect(),
                    Item::Writing { .. } => Vec::new(),
                    Item::Card(card) => [card.name.clone(), card.role.clone()]
                        .into_iter()
                        .chain(card.facts.iter().flat_map(|(a, b)| [a.clone(), b.clone()]))
                        .collect(),
                    Item::WriteIn { header, rows } => header
                        .iter()
                        .chain(rows.iter().flatten())
                        .cloned()
                        .collect(),
                };
                out.extend(texts.into_iter().map(|t| (field.clone(), t)));
            }
        }
        out
    }
}

fn block_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Heading(t) | Block::Paragraph(t) | Block::Code(t) => vec![t.clone()],
        Block::List { items, .. } => items.clone(),
        Block::Table { header, rows } => header
            .iter()
            .chain(rows.iter().flatten())
            .cloned()
            .collect(),
    }
}

/// The handouts `content` can make, in the order a facilitator prepares them.
pub fn list(content: &Content) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some((_, sheet)) = content.course.chapter(FACT_SHEET_CHAPTER) {
        out.push(Entry {
            name: "fact-sheet".into(),
            title: sheet.title.clone(),
            kind: "case",
            about: "The case on paper: the airline, its people, systems and figures".into(),
        });
        if people_table(sheet).is_some() {
            out.push(Entry {
                name: "role-cards".into(),
                title: "EJ Airways: role cards".into(),
                kind: "case",
                about: "One card per person of the case, to cut out for the role-plays".into(),
            });
        }
    }
    out.push(Entry {
        name: "run-sheet".into(),
        title: "Facilitator's run-sheet".into(),
        kind: "run-sheet",
        about: "The day on the clock: blocks, the facilitator cut, activities, timings, materials"
            .into(),
    });
    for (module, chapter) in activities(content) {
        out.push(Entry {
            name: worksheet_name(chapter),
            title: format!("Worksheet: {}", activity_title(chapter)),
            kind: "worksheet",
            about: format!("{} · {} minutes", module.title, chapter.minutes),
        });
    }
    for module in &content.course.modules {
        out.push(Entry {
            name: format!("summary-{}", module.id),
            title: format!("Summary: {}", module.title),
            kind: "summary",
            about: "What you will be able to do, the key points and the glossary terms".into(),
        });
    }
    out
}

/// The handout called `name` (see [`list`]), with the day as `edits` set it up (the run-sheet's
/// times and a worksheet's place on the agenda; the authored day when the edits no longer fit
/// the agenda). An unknown name is `NotFound`, and the message lists the names there are.
pub fn build(content: &Content, name: &str, edits: &AgendaEdits) -> Result<Handout, ReportError> {
    let wanted = name.trim().to_ascii_lowercase();
    let handout = match wanted.as_str() {
        "fact-sheet" => content
            .course
            .chapter(FACT_SHEET_CHAPTER)
            .map(|(_, c)| fact_sheet(c)),
        "role-cards" => content
            .course
            .chapter(FACT_SHEET_CHAPTER)
            .and_then(|(_, c)| role_cards(content, c)),
        "run-sheet" => Some(run_sheet(content, edits)?),
        other => {
            if let Some(id) = other.strip_prefix("summary-") {
                content.course.module(id).map(|m| summary(content, m))
            } else if other.starts_with("worksheet-") {
                activities(content)
                    .find(|(_, c)| worksheet_name(c) == other)
                    .map(|(m, c)| worksheet(content, m, c, edits))
            } else {
                None
            }
        }
    };
    handout.ok_or_else(|| {
        let names: Vec<String> = list(content).into_iter().map(|e| e.name).collect();
        ReportError::NotFound(format!(
            "there is no handout called `{}`; the handouts are: {}",
            name.trim(),
            names.join(", ")
        ))
    })
}

/// The handout `name` laid out on `paper` ([`crate::pdf::handout`]), with the file name to
/// suggest: the handout's name, e.g. `run-sheet.pdf`.
pub fn render(
    content: &Content,
    name: &str,
    paper: Paper,
    edits: &AgendaEdits,
) -> Result<Rendered, ReportError> {
    let handout = build(content, name, edits)?;
    Ok(Rendered {
        pdf: crate::pdf::handout(&handout, paper)?,
        file_name: crate::export::file_name(&handout.name),
    })
}

fn activities(content: &Content) -> impl Iterator<Item = (&Module, &Chapter)> {
    content
        .course
        .chapters()
        .filter(|(_, c)| c.kind == ChapterKind::Activity)
}

/// `worksheet-devops-impact` for the chapter `activity-devops-impact`.
fn worksheet_name(chapter: &Chapter) -> String {
    let id = chapter.id.strip_prefix("activity-").unwrap_or(&chapter.id);
    format!("worksheet-{id}")
}

/// "DevOps impact on EJ Airways" for "Activity: DevOps impact on EJ Airways", with a capital.
fn activity_title(chapter: &Chapter) -> String {
    let title = chapter
        .title
        .strip_prefix("Activity: ")
        .unwrap_or(&chapter.title);
    let mut chars = title.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn is_aims(title: &str) -> bool {
    title.eq_ignore_ascii_case("What you will be able to do")
}

fn is_key_points(title: &str) -> bool {
    title.eq_ignore_ascii_case("Key points")
}

/// The reading list at the end of a module: the summary's, not a worksheet's or the fact sheet's.
fn is_further_reading(title: &str) -> bool {
    title.eq_ignore_ascii_case("Further reading")
}

/// A slide point as plain text. `markdown::render_point` lets only `<strong>`, `<em>` and
/// `<code>` through and escapes the rest, so dropping those tags and unescaping is exact.
fn point_text(html: &str) -> String {
    let mut text = html.to_string();
    for tag in [
        "<strong>",
        "</strong>",
        "<em>",
        "</em>",
        "<code>",
        "</code>",
    ] {
        text = text.replace(tag, "");
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn blocks(blocks: &[Block]) -> Vec<Item> {
    blocks.iter().cloned().map(Item::Block).collect()
}

/// The items of the lists of `blocks`, in order.
fn list_items(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::List { items, .. } => Some(items.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The day `edits` set up, or the authored day when they no longer fit the agenda.
pub(super) fn day(content: &Content, edits: &AgendaEdits) -> Result<DayPlan, ReportError> {
    content
        .agenda
        .plan(edits)
        .or_else(|_| content.agenda.plan(&AgendaEdits::default()))
        .map_err(|e| ReportError::Invalid(format!("the agenda cannot be planned: {e}")))
}

/// "45 min" or "1 h 05 min".
pub(super) fn duration(minutes: u32) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}
