//! The facilitator's run-sheet: the day as set up, block by block, with each activity's setup and
//! timing.

use devops_maturity_content::{format_clock, AgendaEdits, Block, BlockKind, Chapter, Content};

use crate::ReportError;

use super::{day, duration, list_items, worksheet_name, Handout, Item, Part};

/// A labelled line of an activity's setup, e.g. the text after "Material:".
pub(super) fn setup_line(chapter: &Chapter, label: &str) -> Option<String> {
    chapter
        .sections
        .iter()
        .flat_map(|s| list_items(&s.blocks))
        .find_map(|item| item.strip_prefix(label).map(|rest| rest.trim().to_string()))
}

/// The timing table of an activity (a table whose header has a `Minutes` column).
pub(super) fn timing_table(chapter: &Chapter) -> Option<Block> {
    chapter
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find(|b| matches!(b, Block::Table { header, .. } if header.iter().any(|h| h == "Minutes")))
        .cloned()
}

pub(super) fn run_sheet(content: &Content, edits: &AgendaEdits) -> Result<Handout, ReportError> {
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
