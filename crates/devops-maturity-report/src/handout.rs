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

use devops_maturity_content::{
    format_clock, AgendaEdits, Block, BlockKind, Chapter, ChapterKind, Content, DayPlan, Module,
};
use serde::Serialize;

pub use crate::export::Rendered;
use crate::{Paper, ReportError};

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

fn fact_sheet(chapter: &Chapter) -> Handout {
    let parts = chapter
        .sections
        .iter()
        .filter(|s| !is_aims(&s.title) && !is_key_points(&s.title) && !is_further_reading(&s.title))
        .map(|s| Part {
            title: s.title.clone(),
            page_break: false,
            items: blocks(&s.blocks),
        })
        .collect();
    Handout {
        name: "fact-sheet".into(),
        title: chapter.title.clone(),
        subtitle: "Keep this sheet on the table during every activity: each figure of the day comes from it.".into(),
        parts,
    }
}

/// The fact sheet's table of people: a header with `Name` and `Role` columns.
fn people_table(chapter: &Chapter) -> Option<(&[String], &[Vec<String>])> {
    chapter
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Table { header, rows }
                if header.first().is_some_and(|h| h == "Name")
                    && header.get(1).is_some_and(|h| h == "Role") =>
            {
                Some((header.as_slice(), rows.as_slice()))
            }
            _ => None,
        })
}

fn role_cards(content: &Content, sheet: &Chapter) -> Option<Handout> {
    let (header, rows) = people_table(sheet)?;
    let cards: Vec<Card> = rows
        .iter()
        .filter(|row| row.first().is_some_and(|n| !n.is_empty()))
        .map(|row| {
            let name = row[0].clone();
            let mut facts: Vec<(String, String)> = header
                .iter()
                .zip(row)
                .skip(2)
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| (h.clone(), v.clone()))
                .collect();
            // Where the case's activities name this person, so a player knows when they speak.
            let named_in: Vec<String> = activities(content)
                .filter(|(_, c)| {
                    c.sections
                        .iter()
                        .flat_map(|s| &s.blocks)
                        .flat_map(block_texts)
                        .any(|t| t.contains(name.as_str()))
                })
                .map(|(_, c)| activity_title(c))
                .collect();
            if !named_in.is_empty() {
                facts.push(("Named in".into(), named_in.join("; ")));
            }
            Card {
                role: row.get(1).cloned().unwrap_or_default(),
                name,
                facts,
            }
        })
        .collect();
    Some(Handout {
        name: "role-cards".into(),
        title: "EJ Airways: role cards".into(),
        subtitle: format!(
            "The people of the case as the fact sheet describes them; cut along the dashed lines. From “{}”.",
            sheet.title
        ),
        parts: vec![Part {
            title: "The people".into(),
            page_break: false,
            items: cards.into_iter().map(Item::Card).collect(),
        }],
    })
}

/// How many ruled lines follow a section of a worksheet, by what it asks for; `None` for a
/// section that asks for nothing to be written.
fn writing_lines(title: &str, blocks: &[Block]) -> Option<usize> {
    let t = title.to_lowercase();
    if t.starts_with("what to hand in") {
        Some(12)
    } else if t.starts_with("discussion questions") {
        Some(8)
    } else if t.starts_with("step")
        || t.starts_with("part ")
        || t.starts_with("your task")
        // A task with its steps in it (rather than in a section of their own).
        || (t == "the task"
            && blocks
                .iter()
                .any(|b| matches!(b, Block::List { ordered: true, .. })))
    {
        // A table to fill in is the place to write; a few lines stay for notes.
        let write_in = blocks.iter().any(is_write_in);
        Some(if write_in { 3 } else { 8 })
    } else {
        None
    }
}

/// A table with empty cells: the reader fills them in.
fn is_write_in(block: &Block) -> bool {
    match block {
        Block::Table { rows, .. } => rows.iter().flatten().any(|c| c.is_empty()) || rows.is_empty(),
        _ => false,
    }
}

/// The day `edits` set up, or the authored day when they no longer fit the agenda.
fn day(content: &Content, edits: &AgendaEdits) -> Result<DayPlan, ReportError> {
    content
        .agenda
        .plan(edits)
        .or_else(|_| content.agenda.plan(&AgendaEdits::default()))
        .map_err(|e| ReportError::Invalid(format!("the agenda cannot be planned: {e}")))
}

fn worksheet(
    content: &Content,
    module: &Module,
    chapter: &Chapter,
    edits: &AgendaEdits,
) -> Handout {
    let mut facts = vec![
        ("Module".to_string(), module.title.clone()),
        ("Time".to_string(), format!("{} minutes", chapter.minutes)),
    ];
    if let Some(block) = content.agenda.activity_block(&chapter.id) {
        let planned = day(content, edits)
            .ok()
            .and_then(|day| day.blocks.into_iter().find(|b| b.id == block.id));
        let minutes = planned.as_ref().map_or(block.minutes, |b| b.minutes);
        let when = match planned.and_then(|b| b.start.zip(b.end)) {
            Some((start, end)) => format!("{start}–{end}, {minutes} minutes: {}", block.title),
            None => format!("an optional block of {minutes} minutes: {}", block.title),
        };
        facts.push(("On the agenda".into(), when));
    }
    facts.push(("Names".into(), String::new()));
    let mut parts = vec![Part {
        title: "About this activity".into(),
        page_break: false,
        items: vec![Item::Facts(facts)],
    }];
    for section in &chapter.sections {
        if is_key_points(&section.title) || is_further_reading(&section.title) {
            continue;
        }
        let mut items: Vec<Item> = section
            .blocks
            .iter()
            .map(|b| match b {
                Block::Table { header, rows } if is_write_in(b) => Item::WriteIn {
                    header: header.clone(),
                    rows: if rows.is_empty() {
                        vec![vec![String::new(); header.len()]; 3]
                    } else {
                        rows.clone()
                    },
                },
                other => Item::Block(other.clone()),
            })
            .collect();
        if let Some(lines) = writing_lines(&section.title, &section.blocks) {
            items.push(Item::Writing { lines });
        }
        let title = if section.title.is_empty() {
            chapter.title.clone()
        } else {
            section.title.clone()
        };
        parts.push(Part {
            title,
            page_break: false,
            items,
        });
    }
    Handout {
        name: worksheet_name(chapter),
        title: format!("Worksheet: {}", activity_title(chapter)),
        subtitle: format!("{} · {} minutes", module.title, chapter.minutes),
        parts,
    }
}

fn summary(content: &Content, module: &Module) -> Handout {
    let mut aims: Vec<String> = Vec::new();
    let mut points: Vec<Item> = Vec::new();
    let mut reading: Vec<Item> = Vec::new();
    for chapter in &module.chapters {
        for section in &chapter.sections {
            if is_aims(&section.title) {
                for aim in list_items(&section.blocks) {
                    if !aims.contains(&aim) {
                        aims.push(aim);
                    }
                }
            }
        }
        // The chapter's slides are its key points for the room; a chapter without slides
        // gives its "Key points" section.
        let chapter_points: Vec<String> = if chapter.slides.is_empty() {
            chapter
                .sections
                .iter()
                .filter(|s| is_key_points(&s.title))
                .flat_map(|s| list_items(&s.blocks))
                .collect()
        } else {
            // A slide of the reading list is left out: the list itself follows, in full.
            let reading_slide = |anchor: &str| {
                chapter
                    .sections
                    .iter()
                    .any(|s| s.anchor == anchor && is_further_reading(&s.title))
            };
            chapter
                .slides
                .iter()
                .filter(|slide| !reading_slide(&slide.anchor))
                .flat_map(|slide| {
                    std::iter::once(slide.title.clone())
                        .chain(slide.points.iter().map(|p| format!("– {}", point_text(p))))
                })
                .collect()
        };
        if !chapter_points.is_empty() {
            points.push(Item::Subheading(chapter.title.clone()));
            points.push(Item::Block(Block::List {
                ordered: false,
                items: chapter_points,
            }));
        }
        for section in chapter
            .sections
            .iter()
            .filter(|s| is_further_reading(&s.title))
        {
            reading.extend(section.blocks.iter().cloned().map(Item::Block));
        }
    }
    let mut terms: Vec<&devops_maturity_content::Term> = content
        .glossary
        .terms
        .iter()
        .filter(|t| {
            t.chapter
                .as_deref()
                .is_some_and(|c| module.chapters.iter().any(|ch| ch.id == c))
        })
        .collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    let minutes: u32 = module.chapters.iter().map(|c| c.minutes).sum();
    let mut parts = vec![Part {
        title: "What you will be able to do".into(),
        page_break: false,
        items: vec![
            Item::Block(Block::Paragraph(module.summary.clone())),
            Item::Block(Block::List {
                ordered: false,
                items: aims,
            }),
        ],
    }];
    if !points.is_empty() {
        parts.push(Part {
            title: "Key points".into(),
            page_break: false,
            items: points,
        });
    }
    if !terms.is_empty() {
        parts.push(Part {
            title: "Glossary terms of this module".into(),
            page_break: false,
            items: vec![Item::Block(Block::Table {
                header: vec!["Term".into(), "What it means".into()],
                rows: terms
                    .iter()
                    .map(|t| vec![t.term.clone(), t.definition.clone()])
                    .collect(),
            })],
        });
    }
    if !reading.is_empty() {
        parts.push(Part {
            title: "Further reading".into(),
            page_break: false,
            items: reading,
        });
    }
    parts.push(Part {
        title: "Your notes".into(),
        page_break: false,
        items: vec![Item::Writing { lines: 0 }],
    });
    Handout {
        name: format!("summary-{}", module.id),
        title: format!("Summary: {}", module.title),
        subtitle: format!(
            "{} chapters · about {} of reading on your own",
            module.chapters.len(),
            duration(minutes)
        ),
        parts,
    }
}

/// "45 min" or "1 h 05 min".
fn duration(minutes: u32) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

/// A labelled line of an activity's setup, e.g. the text after "Material:".
fn setup_line(chapter: &Chapter, label: &str) -> Option<String> {
    chapter
        .sections
        .iter()
        .flat_map(|s| list_items(&s.blocks))
        .find_map(|item| item.strip_prefix(label).map(|rest| rest.trim().to_string()))
}

/// The timing table of an activity (a table whose header has a `Minutes` column).
fn timing_table(chapter: &Chapter) -> Option<Block> {
    chapter
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find(|b| matches!(b, Block::Table { header, .. } if header.iter().any(|h| h == "Minutes")))
        .cloned()
}

fn run_sheet(content: &Content, edits: &AgendaEdits) -> Result<Handout, ReportError> {
    let day = day(content, edits)?;
    let module_title = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| content.course.module(id))
            .map(|m| m.title.clone())
    };
    let mut glance = Vec::new();
    let mut detail = Vec::new();
    let mut materials = Vec::new();
    for block in &day.blocks {
        let when = match (&block.start, &block.end) {
            (Some(s), Some(e)) => format!("{s}–{e}"),
            _ => "optional".to_string(),
        };
        let kind = match block.kind {
            BlockKind::Session => "Session",
            BlockKind::Activity => "Activity",
            BlockKind::Break => "Break",
            BlockKind::Lunch => "Lunch",
        };
        glance.push(vec![
            when.clone(),
            block.title.clone(),
            kind.to_string(),
            block.minutes.to_string(),
        ]);
        if matches!(block.kind, BlockKind::Break | BlockKind::Lunch) {
            continue;
        }
        let heading = if block.enabled {
            format!("{when} · {}", block.title)
        } else {
            format!("Optional · {}", block.title)
        };
        detail.push(Item::Subheading(heading));
        let mut facts = vec![(
            "Length".to_string(),
            if block.enabled {
                format!("{} minutes", block.minutes)
            } else {
                format!(
                    "{} minutes, off unless switched on (the day grows by its length)",
                    block.minutes
                )
            },
        )];
        if let Some(title) = module_title(&block.module) {
            facts.push(("Module".into(), title));
        }
        let chapter = block
            .chapter
            .as_deref()
            .and_then(|id| content.course.chapter(id))
            .map(|(_, c)| c);
        if let Some(chapter) = chapter {
            facts.push(("Instructions".into(), chapter.title.clone()));
            if let Some(time) = setup_line(chapter, "Time:") {
                facts.push(("Timings".into(), time));
            }
            if let Some(groups) = setup_line(chapter, "Groups:") {
                facts.push(("Groups".into(), groups));
            }
            if let Some(material) = setup_line(chapter, "Material:") {
                facts.push(("Materials".into(), material.clone()));
                materials.push(vec![block.title.clone(), material]);
            }
            facts.push((
                "Worksheet".into(),
                format!("devops-maturity handout {}", worksheet_name(chapter)),
            ));
        }
        detail.push(Item::Facts(facts));
        if let Some(table) = chapter.and_then(timing_table) {
            detail.push(Item::Block(table));
        }
        if !block.cut.is_empty() {
            let cut_minutes: u32 = block.cut.iter().map(|c| c.minutes).sum();
            let chapter_title = |id: &str| {
                content
                    .course
                    .chapter(id)
                    .map_or_else(|| id.to_string(), |(_, c)| c.title.clone())
            };
            let mut rows: Vec<Vec<String>> = Vec::new();
            // On the clock when the block is on the day; else minutes into the block.
            let start = block
                .start
                .as_deref()
                .and_then(devops_maturity_content::parse_clock);
            let mut offset = 0;
            for cut in &block.cut {
                let at = match start {
                    Some(start) => format_clock(start + offset),
                    None => format!("+{offset} min"),
                };
                rows.push(vec![
                    at,
                    format!("{} — {}", chapter_title(&cut.chapter), cut.title),
                    cut.minutes.to_string(),
                ]);
                offset += cut.minutes;
            }
            let left = block.minutes.saturating_sub(cut_minutes);
            detail.push(Item::Block(Block::Paragraph(if left == 0 {
                format!("Facilitator cut: the block's {} minutes, all of them taught.", block.minutes)
            } else {
                format!(
                    "Facilitator cut: {cut_minutes} of the block's {} minutes; {left} left for questions and moving on.",
                    block.minutes
                )
            })));
            detail.push(Item::Block(Block::Table {
                header: vec!["At".into(), "Teach".into(), "Minutes".into()],
                rows,
            }));
        }
    }
    let mut parts = vec![
        Part {
            title: "The day at a glance".into(),
            page_break: false,
            items: vec![
                Item::Facts(vec![
                    ("Day".into(), format!("{}–{}", day.start, day.end)),
                    (
                        "Length".into(),
                        format!(
                            "{}, of which {} teaching",
                            duration(day.total_minutes),
                            duration(day.teaching_minutes)
                        ),
                    ),
                    (
                        "Optional blocks".into(),
                        "listed as optional: each one switched on in the app moves the later blocks"
                            .into(),
                    ),
                ]),
                Item::Block(Block::Table {
                    header: vec![
                        "Time".into(),
                        "Block".into(),
                        "Kind".into(),
                        "Minutes".into(),
                    ],
                    rows: glance,
                }),
            ],
        },
        Part {
            title: "Block by block".into(),
            page_break: true,
            items: detail,
        },
    ];
    if !materials.is_empty() {
        parts.push(Part {
            title: "Materials for the day".into(),
            page_break: false,
            items: vec![Item::Block(Block::Table {
                header: vec!["Activity".into(), "Materials".into()],
                rows: materials,
            })],
        });
    }
    Ok(Handout {
        name: "run-sheet".into(),
        title: "Facilitator's run-sheet".into(),
        subtitle: format!(
            "{}: {}, {}–{}",
            content.course.title,
            if day.edited {
                "the day as set up on the Agenda page"
            } else {
                "the day from agenda.toml"
            },
            day.start,
            day.end
        ),
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        devops_maturity_content::load_embedded().expect("the built-in content loads")
    }

    fn titles(h: &Handout) -> Vec<&str> {
        h.parts.iter().map(|p| p.title.as_str()).collect()
    }

    #[test]
    fn every_listed_name_builds_and_names_are_typeable() {
        let c = content();
        let entries = list(&c);
        let activities = activities(&c).count();
        assert_eq!(
            entries.len(),
            3 + activities + c.course.modules.len(),
            "fact sheet, role cards, run-sheet, a worksheet per activity, a summary per module"
        );
        for e in &entries {
            assert!(
                e.name
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
                "{} is typed on a command line",
                e.name
            );
            let h = build(&c, &e.name, &AgendaEdits::default())
                .unwrap_or_else(|err| panic!("{}: {err}", e.name));
            assert_eq!(h.name, e.name);
            assert!(!h.parts.is_empty(), "{} has parts", e.name);
        }
        assert_eq!(
            build(&c, " Run-Sheet ", &AgendaEdits::default())
                .unwrap()
                .name,
            "run-sheet",
            "names are read as typed, case and spaces aside"
        );
    }

    #[test]
    fn render_suggests_the_name_as_the_file_name() {
        let r = render(
            &content(),
            "run-sheet",
            Paper::Letter,
            &AgendaEdits::default(),
        )
        .unwrap();
        assert_eq!(r.file_name, "run-sheet.pdf");
        assert!(r.pdf.bytes.starts_with(b"%PDF-"));
        assert!(render(&content(), "nope", Paper::A4, &AgendaEdits::default()).is_err());
    }

    #[test]
    fn an_unknown_name_lists_the_names() {
        let err = build(&content(), "worksheet-nope", &AgendaEdits::default()).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.kind(), "not-found");
        assert!(msg.contains("`worksheet-nope`"), "{msg}");
        assert!(msg.contains("fact-sheet, role-cards, run-sheet"), "{msg}");
        assert!(msg.contains("summary-ej-airways"), "{msg}");
    }

    #[test]
    fn the_fact_sheet_has_the_case_and_no_facilitator_notes() {
        let h = build(&content(), "fact-sheet", &AgendaEdits::default()).unwrap();
        let t = titles(&h);
        for part in [
            "The airline",
            "The people",
            "The IT landscape",
            "The figures (last 12 months, SkyBook)",
        ] {
            assert!(t.contains(&part), "{part} in {t:?}");
        }
        assert!(!t.contains(&"Key points") && !t.contains(&"What you will be able to do"));
        let all: String = h.texts().into_iter().map(|(_, t)| t).collect();
        assert!(all.contains("FARE-01"), "the landscape table is printed");
        assert!(
            !all.contains("send them back to it"),
            "the facilitator's note stays off the learners' sheet"
        );
    }

    #[test]
    fn role_cards_are_the_people_of_the_case() {
        let c = content();
        let h = build(&c, "role-cards", &AgendaEdits::default()).unwrap();
        let cards: Vec<&Card> = h.parts[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Card(card) => Some(card),
                _ => None,
            })
            .collect();
        let sheet = c.course.chapter(FACT_SHEET_CHAPTER).unwrap().1;
        let (_, rows) = people_table(sheet).unwrap();
        assert_eq!(
            cards.len(),
            rows.len(),
            "one card per person of the fact sheet"
        );
        let daniel = cards.iter().find(|c| c.name == "Daniel Osei").unwrap();
        assert_eq!(daniel.role, "Head of IT Operations");
        let fact = |label: &str| {
            daniel
                .facts
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            fact("What they fear"),
            Some("Developers pushing untested code into production")
        );
        assert!(
            fact("Named in")
                .is_some_and(|v| v.contains("ITSM providing a solid base for DevOps in operation")),
            "the activities that name him: {:?}",
            fact("Named in")
        );
    }

    #[test]
    fn a_worksheet_has_the_task_the_timings_and_space_to_write() {
        let c = content();
        let h = build(&c, "worksheet-itsm-operation", &AgendaEdits::default()).unwrap();
        let t = titles(&h);
        assert_eq!(t[0], "About this activity");
        for part in [
            "The task",
            "Setup",
            "Part 1: Service Operation today (20 minutes)",
            "What to hand in",
        ] {
            assert!(t.contains(&part), "{part} in {t:?}");
        }
        assert!(
            !t.contains(&"Key points"),
            "the answers' summary is not on the worksheet"
        );
        let about = format!("{:?}", h.parts[0].items);
        assert!(about.contains("120 minutes"), "{about}");
        assert!(
            about.contains("On the agenda"),
            "the block's time on the day: {about}"
        );
        let part1 = h
            .parts
            .iter()
            .find(|p| p.title.starts_with("Part 1"))
            .unwrap();
        assert!(
            part1
                .items
                .iter()
                .any(|i| matches!(i, Item::WriteIn { rows, .. } if rows.len() == 9)),
            "the table of nine ITIL elements is left to fill in"
        );
        let hand_in = h
            .parts
            .iter()
            .find(|p| p.title == "What to hand in")
            .unwrap();
        assert!(matches!(
            hand_in.items.last(),
            Some(Item::Writing { lines: 12 })
        ));
        let all: String = h.texts().into_iter().map(|(_, t)| t).collect();
        assert!(
            !all.contains("model answer"),
            "no facilitator notes on a worksheet"
        );
    }

    #[test]
    fn the_run_sheet_puts_the_day_on_the_clock_with_the_cut() {
        let c = content();
        let h = build(&c, "run-sheet", &AgendaEdits::default()).unwrap();
        assert_eq!(titles(&h)[..2], ["The day at a glance", "Block by block"]);
        let text = format!("{:?}", h.parts);
        assert!(
            text.contains("09:00–09:30"),
            "the first block from start = 09:00"
        );
        assert!(
            text.contains("16:15–17:00"),
            "the closure ends the day at 17:00"
        );
        assert!(
            text.contains("Facilitator cut: 27 of the block's 30 minutes; 3 left"),
            "the introduction's cut adds up"
        );
        assert!(
            text.contains("flipcharts, sticky notes"),
            "materials of the activities"
        );
        assert!(text.contains("Optional · Going deeper: DevOps in practice"));
    }

    #[test]
    fn the_run_sheet_and_worksheets_follow_the_facilitators_day() {
        let c = content();
        let edits = AgendaEdits {
            start: Some("08:30".into()),
            minutes: [("itil-refresh".to_string(), 45)].into(),
            enabled: [("ej-itsm-design-transition".to_string(), true)].into(),
        };
        let h = build(&c, "run-sheet", &edits).unwrap();
        let text = format!("{h:?}");
        assert!(
            text.contains("the day as set up on the Agenda page, 08:30–"),
            "{}",
            h.subtitle
        );
        assert!(
            text.contains("09:00–09:45"),
            "the ITIL refresh lengthened to 45 minutes"
        );
        assert!(
            !text.contains("Optional · Activity: ITSM as a solid base"),
            "the optional activity switched on is on the clock"
        );
        let sheet = build(&c, "worksheet-itsm-design-transition", &edits).unwrap();
        assert!(
            format!("{:?}", sheet.parts[0]).contains("15:"),
            "its place on the afternoon's clock: {:?}",
            sheet.parts[0]
        );
        let bad = AgendaEdits {
            start: Some("23:00".into()),
            ..AgendaEdits::default()
        };
        let h = build(&c, "run-sheet", &bad).unwrap();
        assert!(
            h.subtitle.contains("the day from agenda.toml, 09:00"),
            "edits that no longer fit give the authored day"
        );
    }

    #[test]
    fn a_summary_has_aims_key_points_and_the_module_terms() {
        let c = content();
        let h = build(&c, "summary-operations", &AgendaEdits::default()).unwrap();
        assert_eq!(
            titles(&h),
            [
                "What you will be able to do",
                "Key points",
                "Glossary terms of this module",
                "Further reading",
                "Your notes"
            ]
        );
        let text = format!("{:?}", h.parts);
        let module = c.course.module("operations").unwrap();
        for term in c.glossary.terms.iter().filter(|t| {
            t.chapter
                .as_deref()
                .is_some_and(|ch| module.chapters.iter().any(|m| m.id == ch))
        }) {
            assert!(text.contains(&term.term), "term {}", term.term);
        }
        assert!(text.contains("MTBF"), "{text}");
        let slide = &module.chapters[0].slides[0];
        assert!(
            text.contains(&slide.title),
            "the slides' titles and points are the key points"
        );
        assert!(text.contains("Release It!"), "the module's reading list");
    }

    #[test]
    fn a_summary_gives_the_reading_list_once_not_again_from_its_slide() {
        let c = content();
        let h = build(&c, "summary-business-performance", &AgendaEdits::default()).unwrap();
        let text = format!("{:?}", h.parts);
        assert!(text.contains("Accelerate"), "the module's reading list");
        // A point only the reading slide has: its key points would repeat the list.
        assert!(
            !text.contains("Quote the report year you read"),
            "the reading slide is not among the key points"
        );
    }
}
