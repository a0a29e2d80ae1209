//! The EJ Airways case on paper: its fact sheet, and one role card per person of its people table.

use devops_maturity_content::{Block, Chapter, Content};

use super::{
    activities, activity_title, block_texts, blocks, is_aims, is_further_reading, is_key_points,
    Card, Handout, Item, Part,
};

pub(super) fn fact_sheet(chapter: &Chapter) -> Handout {
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
pub(super) fn people_table(chapter: &Chapter) -> Option<(&[String], &[Vec<String>])> {
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

pub(super) fn role_cards(content: &Content, sheet: &Chapter) -> Option<Handout> {
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
