//! A learner's summary of one module: each chapter's aims and key points, and its reading list.

use devops_maturity_content::{Block, Content, Module};

use super::{
    duration, is_aims, is_further_reading, is_key_points, list_items, point_text, Handout, Item,
    Part,
};

pub(super) fn summary(content: &Content, module: &Module) -> Handout {
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
