//! Tables: columns by share of the width, cells of wrapped spans, a header repeated on every
//! page a table continues on, and a row taller than a page split between its lines.

use super::style::{self, Rgb};
use super::{Align, Layout, Stroke, TextStyle};

/// One paragraph inside a table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: TextStyle,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub fill: Option<Rgb>,
}

impl Cell {
    pub fn text(text: impl Into<String>, style: TextStyle) -> Cell {
        Cell {
            spans: vec![Span {
                text: text.into(),
                style,
            }],
            fill: None,
        }
    }

    pub fn then(mut self, text: impl Into<String>, style: TextStyle) -> Cell {
        let text = text.into();
        if !text.is_empty() {
            self.spans.push(Span { text, style });
        }
        self
    }

    pub fn filled(mut self, fill: Rgb) -> Cell {
        self.fill = Some(fill);
        self
    }

    pub fn with_text_color(mut self, color: Rgb) -> Cell {
        for span in &mut self.spans {
            span.style.color = color;
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Share of the table's width; the shares of a table's columns are normalised.
    pub share: f64,
    pub align: Align,
}

impl Column {
    pub fn new(header: impl Into<String>, share: f64, align: Align) -> Column {
        Column {
            header: header.into(),
            share,
            align,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub header_style: TextStyle,
    /// Light bands on every other row, for reading across wide tables.
    pub zebra: bool,
    /// The least height of a row (a handout's table left empty to write in); 0 for none.
    pub min_row_height: f64,
}

/// A wrapped line ready to draw.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    style: TextStyle,
    /// Extra space above the line (between the spans of a cell).
    gap_before: f64,
}

const CELL_PAD_X: f64 = 4.0;
const CELL_PAD_Y: f64 = 3.5;
const SPAN_GAP: f64 = 1.5;
/// How much of a tall row must fit for it to start at the bottom of a page.
const TALL_ROW_START: f64 = 60.0;
impl Layout {
    fn cell_lines(&self, cell: &Cell, width: f64) -> Vec<Line> {
        let mut lines = Vec::new();
        for (i, span) in cell.spans.iter().enumerate() {
            for (j, text) in self
                .wrap(&span.text, &span.style, width)
                .into_iter()
                .enumerate()
            {
                lines.push(Line {
                    text,
                    style: span.style,
                    gap_before: if i > 0 && j == 0 { SPAN_GAP } else { 0.0 },
                });
            }
        }
        lines
    }

    fn lines_height(lines: &[Line]) -> f64 {
        lines
            .iter()
            .map(|l| l.gap_before + l.style.line_height())
            .sum()
    }

    /// Draws `table` at the cursor across as many pages as it needs. A row of one cell spans
    /// the whole table (a group title) and stays on the page of the row after it.
    pub fn table(&mut self, table: &Table) {
        let total: f64 = table.columns.iter().map(|c| c.share).sum::<f64>().max(1e-9);
        let widths: Vec<f64> = table
            .columns
            .iter()
            .map(|c| c.share / total * self.content_width())
            .collect();
        let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
        let full = [self.content_width()];
        let spans = |row: &[Cell]| row.len() == 1 && table.columns.len() > 1;
        let header: Vec<Vec<Line>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                self.cell_lines(
                    &Cell::text(c.header.clone(), table.header_style),
                    w - 2.0 * CELL_PAD_X,
                )
            })
            .collect();
        let header_h = header
            .iter()
            .map(|l| Self::lines_height(l))
            .fold(0.0, f64::max)
            + 2.0 * CELL_PAD_Y;
        let rows: Vec<Vec<Vec<Line>>> = table
            .rows
            .iter()
            .map(|row| {
                let ws: &[f64] = if spans(row) { &full } else { &widths };
                row.iter()
                    .zip(ws)
                    .map(|(cell, w)| self.cell_lines(cell, w - 2.0 * CELL_PAD_X))
                    .collect()
            })
            .collect();
        let heights: Vec<f64> = rows
            .iter()
            .zip(&table.rows)
            .map(|(r, cells)| {
                let h = row_height(r);
                if spans(cells) {
                    h
                } else {
                    h.max(table.min_row_height)
                }
            })
            .collect();
        // A row up to a quarter of a page moves to the next page whole when it does not fit; a
        // taller one is split where the page ends, so it leaves no large gap.
        let third = self.page_capacity() / 4.0;
        let least = |h: f64| if h > third { h.min(TALL_ROW_START) } else { h };
        // What must fit before a row is started: a group title takes its first row along.
        let block = |i: usize| {
            if spans(&table.rows[i]) {
                heights[i] + heights.get(i + 1).map_or(0.0, |&h| least(h))
            } else {
                least(heights[i])
            }
        };

        let first_h = if rows.is_empty() { 0.0 } else { block(0) };
        self.ensure(header_h + first_h);
        self.table_header(&widths, &aligns, &header, header_h);
        let mut band = 0;
        for (index, (row, cells)) in rows.iter().zip(&table.rows).enumerate() {
            let span = spans(cells);
            if span {
                band = 0;
            } else {
                band += 1;
            }
            let fills: Vec<Option<Rgb>> = cells
                .iter()
                .map(|c| {
                    c.fill
                        .or_else(|| (table.zebra && band % 2 == 0 && !span).then_some(style::ZEBRA))
                })
                .collect();
            let (ws, al): (&[f64], &[Align]) = if span {
                (&full, &[Align::Left])
            } else {
                (&widths, &aligns)
            };
            let height = heights[index];
            if block(index) > self.remaining() {
                if height > third && !span {
                    self.split_row(&widths, &aligns, &header, header_h, (ws, al), row, &fills);
                    self.release_keep();
                    continue;
                }
                self.new_page();
                self.table_header(&widths, &aligns, &header, header_h);
            }
            if height > self.remaining() {
                self.split_row(&widths, &aligns, &header, header_h, (ws, al), row, &fills);
                self.release_keep();
                continue;
            }
            let slices: Vec<&[Line]> = row.iter().map(Vec::as_slice).collect();
            self.row_part(ws, al, &slices, &fills, height);
            if !span {
                self.release_keep();
            }
        }
        self.y += 4.0;
    }

    fn table_header(&mut self, widths: &[f64], aligns: &[Align], header: &[Vec<Line>], h: f64) {
        let slices: Vec<&[Line]> = header.iter().map(Vec::as_slice).collect();
        let fills = vec![Some(style::HEADER_FILL); widths.len()];
        self.row_part(widths, aligns, &slices, &fills, h);
        let y = self.y;
        self.line(
            (self.left, y),
            (self.right, y),
            Stroke::solid(style::RULE_DARK, 0.8),
        );
    }

    /// Splits a row taller than a page between its lines, continuing under a repeated header.
    #[allow(clippy::too_many_arguments)]
    fn split_row(
        &mut self,
        widths: &[f64],
        aligns: &[Align],
        header: &[Vec<Line>],
        header_h: f64,
        (ws, al): (&[f64], &[Align]),
        row: &[Vec<Line>],
        fills: &[Option<Rgb>],
    ) {
        let mut start = vec![0usize; row.len()];
        loop {
            if self.remaining() < 3.0 * style::BODY.line_height() + 2.0 * CELL_PAD_Y {
                self.new_page();
                self.table_header(widths, aligns, header, header_h);
            }
            let budget = self.remaining() - 2.0 * CELL_PAD_Y;
            let mut ends = Vec::with_capacity(row.len());
            for (lines, &s) in row.iter().zip(&start) {
                let mut used = 0.0;
                let mut e = s;
                while e < lines.len() {
                    let h = lines[e].gap_before + lines[e].style.line_height();
                    if used + h > budget {
                        break;
                    }
                    used += h;
                    e += 1;
                }
                ends.push(e);
            }
            let slices: Vec<&[Line]> = row
                .iter()
                .zip(start.iter().zip(&ends))
                .map(|(lines, (&s, &e))| &lines[s..e])
                .collect();
            let height = slices
                .iter()
                .map(|l| Self::lines_height(l))
                .fold(0.0, f64::max)
                + 2.0 * CELL_PAD_Y;
            self.row_part(ws, al, &slices, fills, height);
            start = ends;
            if row.iter().zip(&start).all(|(lines, &s)| s >= lines.len()) {
                break;
            }
            self.new_page();
            self.table_header(widths, aligns, header, header_h);
        }
    }

    fn row_part(
        &mut self,
        widths: &[f64],
        aligns: &[Align],
        cells: &[&[Line]],
        fills: &[Option<Rgb>],
        height: f64,
    ) {
        let mut x = self.left;
        let top = self.y;
        for (((lines, &w), fill), align) in cells.iter().zip(widths).zip(fills).zip(aligns) {
            if let Some(fill) = fill {
                self.rect(x, top, w, height, Some(*fill), None);
            }
            let mut y = top + CELL_PAD_Y;
            for line in lines.iter() {
                y += line.gap_before;
                let base = y + self.baseline_offset(&line.style);
                let tx = match align {
                    Align::Left => x + CELL_PAD_X,
                    Align::Right => x + w - CELL_PAD_X,
                    Align::Center => x + w / 2.0,
                };
                self.text_at(tx, base, &line.text, &line.style, *align);
                y += line.style.line_height();
            }
            x += w;
        }
        self.y = top + height;
        self.line(
            (self.left, self.y),
            (self.right, self.y),
            Stroke::solid(style::RULE, 0.4),
        );
    }
}

fn row_height(row: &[Vec<Line>]) -> f64 {
    row.iter()
        .map(|l| Layout::lines_height(l))
        .fold(0.0, f64::max)
        + 2.0 * CELL_PAD_Y
}
