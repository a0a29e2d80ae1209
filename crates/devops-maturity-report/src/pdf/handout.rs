//! A handout's pages: a title block, then each part under a heading (listed in the PDF
//! outline), with the chapters' paragraphs, lists and tables, fact lists, role cards to cut
//! out, tables left open to fill in, and ruled lines to write on.

use super::fonts::Face;
use super::layout::{Align, Cell, Column, Layout, Stroke, Table, TextStyle};
use super::style;
use crate::handout::{Card, Handout, Item};
use devops_maturity_content::Block;

/// Distance between ruled lines to write on: a comfortable hand.
const RULED: f64 = 22.0;
/// Height of a row left empty to write in.
const WRITE_IN_ROW: f64 = 46.0;

pub fn render(l: &mut Layout, h: &Handout) {
    l.rect(0.0, 0.0, l.width, 8.0, Some(style::ACCENT), None);
    l.bookmarks.push((h.title.clone(), 0));
    l.paragraph(
        "Handout",
        &TextStyle::new(Face::Regular, 11.0, style::ACCENT),
    );
    l.space(2.0);
    l.paragraph(&h.title, &TextStyle::new(Face::Bold, 20.0, style::TEXT));
    l.space(2.0);
    l.paragraph(
        &h.subtitle,
        &TextStyle::new(Face::Regular, 10.0, style::MUTED),
    );
    l.space(6.0);
    for part in &h.parts {
        l.heading(&part.title, part.page_break, 40.0);
        // Consecutive cards are laid out two to a row; everything else in order.
        let mut run: Vec<&Card> = Vec::new();
        for item in &part.items {
            if let Item::Card(card) = item {
                run.push(card);
                continue;
            }
            cards(l, &std::mem::take(&mut run));
            self::item(l, item);
        }
        cards(l, &run);
    }
}

fn item(l: &mut Layout, item: &Item) {
    match item {
        Item::Block(block) => self::block(l, block),
        Item::Subheading(text) => l.subheading(text, 30.0),
        Item::Facts(facts) => self::facts(l, facts),
        Item::Writing { lines } => writing(l, *lines),
        Item::Card(card) => cards(l, &[card]),
        Item::WriteIn { header, rows } => table(l, header, rows, WRITE_IN_ROW),
    }
}

fn block(l: &mut Layout, block: &Block) {
    match block {
        Block::Heading(text) => l.subheading(text, 30.0),
        Block::Paragraph(text) => {
            l.paragraph(text, &style::BODY);
            l.space(5.0);
            l.release_keep();
        }
        Block::List { ordered, items } => list(l, items, *ordered),
        Block::Table { header, rows } => table(l, header, rows, 0.0),
        Block::Code(text) => {
            l.paragraph(text, &style::CELL);
            l.space(5.0);
            l.release_keep();
        }
    }
}

/// A list; items that start with "– " are nested under the one before.
fn list(l: &mut Layout, items: &[String], ordered: bool) {
    let style = style::BODY;
    let lh = style.line_height();
    let base = l.baseline_offset(&style);
    let mut n = 0;
    for item in items {
        let mut depth = 0;
        let mut text = item.as_str();
        while let Some(rest) = text.strip_prefix("– ") {
            depth += 1;
            text = rest;
        }
        let indent = if ordered { 20.0 } else { 16.0 } + 14.0 * depth as f64;
        let marker = if depth > 0 {
            "–".to_string()
        } else if ordered {
            n += 1;
            format!("{n}.")
        } else {
            "•".to_string()
        };
        let lines = l.wrap(text, &style, l.content_width() - indent);
        if lines.len() <= 4 {
            l.ensure(lh * lines.len() as f64);
        }
        for (i, line) in lines.iter().enumerate() {
            if lh > l.remaining() {
                l.new_page();
            }
            let y = l.y() + base;
            if i == 0 {
                l.text_at(l.left + indent - 4.0, y, &marker, &style, Align::Right);
            }
            l.text_at(l.left + indent, y, line, &style, Align::Left);
            l.advance(lh);
        }
        l.advance(lh * 0.25);
    }
    l.space(4.0);
}

/// A table whose columns are as wide as their text asks: every column at least as wide as
/// its longest word (so words are not cut), the rest of the width shared by how much more
/// each column would take to hold its longest cell on one line. Rows are at least `min_row`
/// tall, so that empty cells leave room to write.
fn table(l: &mut Layout, header: &[String], rows: &[Vec<String>], min_row: f64) {
    let pad = 9.0;
    let cell = |i: usize| {
        std::iter::once((header[i].as_str(), style::TABLE_HEADER)).chain(
            rows.iter()
                .filter_map(move |r| r.get(i))
                .map(|c| (c.as_str(), style::CELL)),
        )
    };
    let width = l.content_width();
    let mut least = Vec::with_capacity(header.len());
    let mut natural = Vec::with_capacity(header.len());
    for i in 0..header.len() {
        let word = cell(i)
            .flat_map(|(t, s)| t.split_whitespace().map(move |w| (w, s)))
            .map(|(w, s)| l.text_width(w, &s))
            .fold(0.0, f64::max)
            + pad;
        let line = cell(i)
            .map(|(t, s)| l.text_width(t, &s))
            .fold(0.0, f64::max)
            .min(width)
            + pad;
        // An empty column to write in gets room for a few words.
        let line = if cell(i).skip(1).all(|(t, _)| t.is_empty()) {
            line.max(width * 0.5)
        } else {
            line
        };
        least.push(word.min(width * 0.45));
        natural.push(line.max(word));
    }
    let (sum_least, sum_natural): (f64, f64) = (least.iter().sum(), natural.iter().sum());
    let shares: Vec<f64> = if sum_natural <= width || sum_least >= width {
        if sum_natural <= width {
            natural
        } else {
            least
        }
    } else {
        let extra = width - sum_least;
        let want = sum_natural - sum_least;
        least
            .iter()
            .zip(&natural)
            .map(|(a, b)| a + extra * (b - a) / want)
            .collect()
    };
    let columns = header
        .iter()
        .zip(shares)
        .enumerate()
        .map(|(i, (h, share))| {
            let numeric = cell(i)
                .skip(1)
                .all(|(c, _)| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()));
            let align = if numeric { Align::Right } else { Align::Left };
            Column::new(h.clone(), share, align)
        })
        .collect();
    let rows = rows
        .iter()
        .map(|r| {
            (0..header.len())
                .map(|i| Cell::text(r.get(i).cloned().unwrap_or_default(), style::CELL))
                .collect()
        })
        .collect();
    l.table(&Table {
        columns,
        rows,
        header_style: style::TABLE_HEADER,
        zebra: min_row == 0.0,
        min_row_height: min_row,
    });
    l.space(4.0);
}

/// Label–value pairs; an empty value is a line to write on.
fn facts(l: &mut Layout, facts: &[(String, String)]) {
    let label_w = 96.0;
    let value = style::BODY;
    let label = TextStyle {
        color: style::MUTED,
        ..style::BODY
    };
    for (name, text) in facts {
        if text.is_empty() {
            let h = RULED;
            l.ensure(h);
            let y = l.y() + h - 4.0;
            l.text_at(l.left, y - 2.0, name, &label, Align::Left);
            l.line(
                (l.left + label_w, y),
                (l.right, y),
                Stroke::solid(style::RULE_DARK, 0.6),
            );
            l.advance(h + 2.0);
            continue;
        }
        let lines = l.wrap(text, &value, l.content_width() - label_w);
        l.ensure(lines.len() as f64 * value.line_height());
        let base = l.y() + l.baseline_offset(&value);
        l.text_at(l.left, base, name, &label, Align::Left);
        for line in &lines {
            let y = l.y() + l.baseline_offset(&value);
            l.text_at(l.left + label_w, y, line, &value, Align::Left);
            l.advance(value.line_height());
        }
        l.advance(3.0);
    }
    l.space(4.0);
}

/// `lines` ruled lines; they continue on the next page when the page ends. `0` fills the
/// rest of the page (at least a few lines: else the next page, up to a dozen).
fn writing(l: &mut Layout, lines: usize) {
    l.space(4.0);
    let lines = if lines == 0 {
        let fit = ((l.remaining() - 8.0) / RULED).floor().max(0.0) as usize;
        if fit < 4 {
            l.new_page();
            12
        } else {
            fit.min(20)
        }
    } else {
        l.ensure(RULED * lines.min(3) as f64);
        lines
    };
    for _ in 0..lines {
        if RULED > l.remaining() {
            l.new_page();
        }
        let y = l.y() + RULED;
        l.line(
            (l.left, y),
            (l.right, y),
            Stroke::solid(style::RULE_DARK, 0.5),
        );
        l.advance(RULED);
    }
    l.space(8.0);
}

/// Cards two to a row, each inside a dashed cutting line: the name large, the role under it,
/// then the facts. A row's cards share its height; a row moves to the next page whole.
fn cards(l: &mut Layout, cards: &[&Card]) {
    let gap = 12.0;
    let width = (l.content_width() - gap) / 2.0;
    for row in cards.chunks(2) {
        let height = row
            .iter()
            .map(|c| card(l, c, l.left, width, None))
            .fold(0.0, f64::max);
        l.ensure(height + gap);
        for (i, c) in row.iter().enumerate() {
            card(l, c, l.left + i as f64 * (width + gap), width, Some(height));
        }
        l.advance(height + gap);
    }
}

/// Lays out one card at the cursor's height, `x` from the left, `width` wide, and returns the
/// height it needs; draws it only when given the height to draw (the row's).
fn card(l: &mut Layout, card: &Card, x: f64, width: f64, draw: Option<f64>) -> f64 {
    let pad = 10.0;
    let inner = width - 2.0 * pad - 4.0;
    let name = TextStyle::new(Face::Bold, 13.0, style::TEXT);
    let role = TextStyle::new(Face::Regular, 9.5, style::ACCENT);
    let label = TextStyle::new(Face::Bold, 8.0, style::MUTED);
    let value = TextStyle::new(Face::Regular, 9.0, style::TEXT);
    let name_lines = l.wrap(&card.name, &name, inner);
    let role_lines = l.wrap(&card.role, &role, inner);
    let fact_lines: Vec<(Vec<String>, Vec<String>)> = card
        .facts
        .iter()
        .map(|(k, v)| (l.wrap(k, &label, inner), l.wrap(v, &value, inner)))
        .collect();
    let needed = 2.0 * pad
        + name_lines.len() as f64 * name.line_height()
        + role_lines.len() as f64 * role.line_height()
        + 6.0
        + fact_lines
            .iter()
            .map(|(k, v)| {
                k.len() as f64 * label.line_height() + v.len() as f64 * value.line_height() + 4.0
            })
            .sum::<f64>();
    let Some(height) = draw else {
        return needed;
    };
    let top = l.y();
    let cut = Stroke {
        color: style::RULE_DARK,
        width: 0.8,
        dash: Some((4.0, 3.0)),
    };
    l.rect(x, top, width, height, None, Some(cut));
    l.rect(x, top, 4.0, height, Some(style::ACCENT), None);
    let text_x = x + pad + 4.0;
    let mut y = top + pad;
    let put = |l: &mut Layout, lines: &[String], s: &TextStyle, y: &mut f64| {
        for line in lines {
            let base = *y + l.baseline_offset(s);
            l.text_at(text_x, base, line, s, Align::Left);
            *y += s.line_height();
        }
    };
    put(l, &name_lines, &name, &mut y);
    put(l, &role_lines, &role, &mut y);
    y += 6.0;
    for (k, v) in &fact_lines {
        put(l, k, &label, &mut y);
        put(l, v, &value, &mut y);
        y += 4.0;
    }
    needed
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Fonts;
    use super::super::layout::Shape;
    use super::*;
    use crate::Paper;

    /// No text of any handout runs past the margins: wrapping, tables, cards and facts all
    /// keep inside the page's text area (the footer's line sits below it).
    #[test]
    fn no_text_overflows_the_page() {
        let content = devops_maturity_content::load_embedded().unwrap();
        let fonts = Fonts::get().unwrap();
        for entry in crate::handout::list(&content) {
            let h = crate::handout::build(&content, &entry.name, &Default::default()).unwrap();
            for paper in [Paper::A4, Paper::Letter] {
                let mut l = Layout::new(fonts, paper);
                render(&mut l, &h);
                let (left, right, height) = (l.left, l.right, l.height);
                let (pages, _) = l.into_pages();
                for (i, page) in pages.iter().enumerate() {
                    for shape in &page.shapes {
                        if let Shape::Text {
                            x,
                            y,
                            face,
                            size,
                            text,
                            ..
                        } = shape
                        {
                            let w = super::super::shape::width(fonts, text, *face, *size);
                            assert!(
                                *x >= left - 0.5 && x + w <= right + 0.5,
                                "{} page {}: {text:?} runs past a side margin",
                                entry.name,
                                i + 1
                            );
                            assert!(
                                *y <= height - 58.0 + 0.5,
                                "{} page {}: {text:?} runs into the footer",
                                entry.name,
                                i + 1
                            );
                        }
                    }
                }
            }
        }
    }
}
