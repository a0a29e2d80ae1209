//! An activity's worksheet: its task, its tables, and lines to write on where the activity asks
//! for an answer.

use devops_maturity_content::{AgendaEdits, Block, Chapter, Content, Module};

use super::{
    activity_title, day, is_further_reading, is_key_points, worksheet_name, Handout, Item, Part,
};

/// How many ruled lines follow a section of a worksheet, by what it asks for; `None` for a
/// section that asks for nothing to be written.
pub(super) fn writing_lines(title: &str, blocks: &[Block]) -> Option<usize> {
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
pub(super) fn is_write_in(block: &Block) -> bool {
    match block {
        Block::Table { rows, .. } => rows.iter().flatten().any(|c| c.is_empty()) || rows.is_empty(),
        _ => false,
    }
}

pub(super) fn worksheet(
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
