//! A small flow layout for reports: a cursor moves down the page; headings, wrapped
//! paragraphs, lists and tables are placed at it, and a new page starts when the next piece
//! does not fit. Tables repeat their header row on every page they continue on, and a row
//! taller than a page is split between lines, never cut.
//!
//! Coordinates here are points with y pointing down from the top of the page (like the
//! radar geometry and SVG); [`super::emit`] flips them for PDF.

use super::fonts::{Face, Fonts};
use super::style::{self, Rgb};
use crate::Paper;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `y` is the baseline.
    Text {
        x: f64,
        y: f64,
        face: Face,
        size: f64,
        color: Rgb,
        text: String,
    },
    /// An open or closed path, filled and/or stroked.
    Path {
        points: Vec<(f64, f64)>,
        closed: bool,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub color: Rgb,
    pub width: f64,
    /// Dash and gap lengths; `None` for a solid line.
    pub dash: Option<(f64, f64)>,
}

impl Stroke {
    pub fn solid(color: Rgb, width: f64) -> Stroke {
        Stroke {
            color,
            width,
            dash: None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Page {
    pub shapes: Vec<Shape>,
}

/// A run of text in one face, size and colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub face: Face,
    pub size: f64,
    pub color: Rgb,
    /// Line height as a multiple of the size.
    pub leading: f64,
}

impl TextStyle {
    pub const fn new(face: Face, size: f64, color: Rgb) -> TextStyle {
        TextStyle {
            face,
            size,
            color,
            leading: 1.3,
        }
    }

    pub fn line_height(&self) -> f64 {
        self.size * self.leading
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

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

pub struct Layout {
    fonts: &'static Fonts,
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    top: f64,
    bottom: f64,
    pages: Vec<Page>,
    /// The page drawn on: the last one, unless [`Layout::draw_on`] chose another.
    target: Option<usize>,
    y: f64,
    /// Section titles and the page (0-based) each starts on, for the PDF outline.
    pub bookmarks: Vec<(String, usize)>,
    /// A heading (and what follows it so far) that must move to the next page with the
    /// content after it, so no heading is left alone at the bottom of a page.
    keep: Option<Keep>,
}

/// Where a kept block starts: its page, first shape, cursor and first bookmark.
#[derive(Debug, Clone, Copy)]
struct Keep {
    page: usize,
    shape: usize,
    y: f64,
    bookmark: usize,
}

impl Layout {
    pub fn new(fonts: &'static Fonts, paper: Paper) -> Layout {
        let (width, height) = paper.size_pt();
        let margin = 54.0;
        Layout {
            fonts,
            width,
            height,
            left: margin,
            right: width - margin,
            top: 50.0,
            bottom: height - 58.0,
            pages: vec![Page::default()],
            target: None,
            y: 50.0,
            bookmarks: Vec::new(),
            keep: None,
        }
    }

    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    pub fn content_width(&self) -> f64 {
        self.right - self.left
    }

    pub fn y(&self) -> f64 {
        self.y
    }

    pub fn top(&self) -> f64 {
        self.top
    }

    /// Where the footer's baseline sits.
    pub fn footer_y(&self) -> f64 {
        self.height - 30.0
    }

    pub fn remaining(&self) -> f64 {
        self.bottom - self.y
    }

    /// The height available on an empty page.
    pub fn page_capacity(&self) -> f64 {
        self.bottom - self.top
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn at_page_top(&self) -> bool {
        (self.y - self.top).abs() < 0.5
    }

    /// Starts a new page. A heading kept with what follows it moves along, together with
    /// anything drawn after it, unless that block is a third of a page or more.
    pub fn new_page(&mut self) {
        let last = self.pages.len() - 1;
        let carried = self.keep.take().filter(|k| {
            k.page == last && k.y > self.top + 0.5 && self.y - k.y < self.page_capacity() / 3.0
        });
        self.pages.push(Page::default());
        let old_y = self.y;
        self.y = self.top;
        if let Some(k) = carried {
            let dy = self.top - k.y;
            let moved = self.pages[last].shapes.split_off(k.shape);
            let page = self.pages.len() - 1;
            self.pages[page].shapes = moved.into_iter().map(|s| shifted(s, dy)).collect();
            for b in &mut self.bookmarks[k.bookmark..] {
                b.1 = page;
            }
            self.y = old_y + dy;
        }
    }

    /// Marks the start of a block that must not end a page on its own (a heading).
    fn mark_keep(&mut self) {
        if self.keep.is_none() {
            self.keep = Some(Keep {
                page: self.pages.len() - 1,
                shape: self.pages.last().map_or(0, |p| p.shapes.len()),
                y: self.y,
                bookmark: self.bookmarks.len(),
            });
        }
    }

    /// Content that may end a page has been placed: nothing is kept any more.
    pub fn release_keep(&mut self) {
        self.keep = None;
    }

    /// Starts a new page unless `height` fits below the cursor.
    pub fn ensure(&mut self, height: f64) {
        if height > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; never carried over to the top of a new page.
    pub fn space(&mut self, height: f64) {
        if self.at_page_top() {
            return;
        }
        if height >= self.remaining() {
            self.new_page();
        } else {
            self.y += height;
        }
    }

    /// Moves the cursor down by `height` (for a drawing placed with [`Layout::draw`]).
    pub fn advance(&mut self, height: f64) {
        self.y += height;
        self.release_keep();
    }

    pub fn draw(&mut self, shape: Shape) {
        let i = self.target.unwrap_or(self.pages.len() - 1);
        if let Some(page) = self.pages.get_mut(i) {
            page.shapes.push(shape);
        }
    }

    /// Makes later drawing go to page `index` (0-based), for footers once the page count
    /// is known; `None` returns to the last page.
    pub fn draw_on(&mut self, index: Option<usize>) {
        self.target = index;
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn text_width(&self, text: &str, style: &TextStyle) -> f64 {
        super::shape::width(self.fonts, text, style.face, style.size)
    }

    /// Text with its baseline at `y`, aligned at `x`.
    pub fn text_at(&mut self, x: f64, y: f64, text: &str, style: &TextStyle, align: Align) {
        let w = self.text_width(text, style);
        let x = match align {
            Align::Left => x,
            Align::Right => x - w,
            Align::Center => x - w / 2.0,
        };
        self.draw(Shape::Text {
            x,
            y,
            face: style.face,
            size: style.size,
            color: style.color,
            text: text.to_string(),
        });
    }

    /// Distance from the top of a line box to its baseline.
    pub fn baseline_offset(&self, style: &TextStyle) -> f64 {
        let m = self.fonts.primary(style.face);
        let content = (m.ascent + m.descent) * style.size;
        (style.line_height() - content) / 2.0 + m.ascent * style.size
    }

    pub fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    ) {
        self.draw(Shape::Path {
            points: vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
            closed: true,
            fill,
            stroke,
        });
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: Stroke) {
        self.draw(Shape::Path {
            points: vec![from, to],
            closed: false,
            fill: None,
            stroke: Some(stroke),
        });
    }

    /// Breaks `text` into lines no wider than `width`. Explicit line breaks are kept; a word
    /// longer than a line is broken between characters.
    pub fn wrap(&self, text: &str, style: &TextStyle, width: f64) -> Vec<String> {
        let measure = |s: &str| self.text_width(s, style);
        let space = measure(" ");
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split_whitespace() {
                let word_w = measure(word);
                if !line.is_empty() && line_w + space + word_w <= width {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                } else if let Some((head, tail)) = split_at_hyphen(word, width, &measure) {
                    // A long compound breaks after a hyphen when its start fits.
                    lines.push(head.to_string());
                    line.push_str(tail);
                    line_w = measure(tail);
                    if line_w > width {
                        let rest = std::mem::take(&mut line);
                        line_w = 0.0;
                        for c in rest.chars() {
                            let mut buf = [0u8; 4];
                            let cw = measure(c.encode_utf8(&mut buf));
                            if line_w + cw > width && !line.is_empty() {
                                lines.push(std::mem::take(&mut line));
                                line_w = 0.0;
                            }
                            line.push(c);
                            line_w += cw;
                        }
                    }
                } else {
                    // A word wider than the line: cut it where it overflows.
                    line_w = 0.0;
                    for c in word.chars() {
                        let mut buf = [0u8; 4];
                        let cw = measure(c.encode_utf8(&mut buf));
                        if line_w + cw > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            lines.push(line);
        }
        // Blank paragraphs inside keep their line; trailing blank lines do not.
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }

    /// A wrapped paragraph over the content width, indented by `indent`.
    pub fn paragraph(&mut self, text: &str, style: &TextStyle) {
        self.paragraph_indented(text, style, 0.0);
    }

    pub fn paragraph_indented(&mut self, text: &str, style: &TextStyle, indent: f64) {
        let width = self.content_width() - indent;
        let lh = style.line_height();
        let base = self.baseline_offset(style);
        for line in self.wrap(text, style, width) {
            if lh > self.remaining() {
                self.new_page();
            }
            let y = self.y + base;
            self.text_at(self.left + indent, y, &line, style, Align::Left);
            self.y += lh;
        }
    }

    /// A bulleted list; each item wraps under its own text.
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S], style: &TextStyle) {
        let indent = 14.0;
        let width = self.content_width() - indent;
        let lh = style.line_height();
        let base = self.baseline_offset(style);
        for item in items {
            let lines = self.wrap(item.as_ref(), style, width);
            // Keep short items together on one page.
            if lines.len() <= 4 {
                self.ensure(lh * lines.len() as f64);
            }
            for (i, line) in lines.iter().enumerate() {
                if lh > self.remaining() {
                    self.new_page();
                }
                let y = self.y + base;
                if i == 0 {
                    self.text_at(self.left + 3.0, y, "•", style, Align::Left);
                }
                self.text_at(self.left + indent, y, line, style, Align::Left);
                self.y += lh;
            }
            self.y += lh * 0.25;
            self.release_keep();
        }
    }

    /// A numbered item: the number in the margin, a bold title and a muted detail line, both
    /// wrapping under the title.
    pub fn numbered(&mut self, n: usize, title: &str, detail: &str) {
        let indent = 16.0;
        let width = self.content_width() - indent;
        let bold = TextStyle::new(Face::Bold, style::BODY.size, style::TEXT);
        let muted = TextStyle::new(Face::Regular, 8.5, style::MUTED);
        let title_lines = self.wrap(title, &bold, width);
        let detail_lines = self.wrap(detail, &muted, width);
        let h = title_lines.len() as f64 * bold.line_height()
            + detail_lines.len() as f64 * muted.line_height();
        self.ensure(h);
        let base = self.y + self.baseline_offset(&bold);
        self.text_at(self.left, base, &format!("{n}."), &bold, Align::Left);
        for line in &title_lines {
            let y = self.y + self.baseline_offset(&bold);
            self.text_at(self.left + indent, y, line, &bold, Align::Left);
            self.y += bold.line_height();
        }
        for line in &detail_lines {
            let y = self.y + self.baseline_offset(&muted);
            self.text_at(self.left + indent, y, line, &muted, Align::Left);
            self.y += muted.line_height();
        }
        self.y += 4.0;
        self.release_keep();
    }

    /// A section heading: on a new page when `page_break`, kept together with at least
    /// `keep` points of what follows, and listed in the PDF outline.
    pub fn heading(&mut self, text: &str, page_break: bool, keep: f64) {
        if page_break {
            // A deliberate break: what came before stays where it is.
            self.release_keep();
            if !self.at_page_top() {
                self.new_page();
            }
        }
        let style = style::H1;
        self.space(style.size * 0.8);
        self.ensure(style.line_height() + 10.0 + keep);
        self.mark_keep();
        self.bookmarks.push((text.to_string(), self.page_index()));
        self.paragraph(text, &style);
        let y = self.y + 2.0;
        self.line(
            (self.left, y),
            (self.right, y),
            Stroke::solid(style::ACCENT, 1.2),
        );
        self.y += 10.0;
    }

    pub fn subheading(&mut self, text: &str, keep: f64) {
        let style = style::H2;
        self.space(style.size * 0.7);
        self.ensure(style.line_height() + keep);
        self.mark_keep();
        self.paragraph(text, &style);
        self.y += 3.0;
    }

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

    pub fn into_pages(self) -> (Vec<Page>, Vec<(String, usize)>) {
        (self.pages, self.bookmarks)
    }
}

/// The longest start of `word` that ends with a hyphen and fits in `width`, and the rest.
fn split_at_hyphen<'w>(
    word: &'w str,
    width: f64,
    measure: &impl Fn(&str) -> f64,
) -> Option<(&'w str, &'w str)> {
    word.char_indices()
        .filter(|&(i, c)| c == '-' && i + 1 < word.len())
        .map(|(i, _)| word.split_at(i + 1))
        .filter(|(head, _)| measure(head) <= width)
        .last()
}

fn shifted(shape: Shape, dy: f64) -> Shape {
    match shape {
        Shape::Text {
            x,
            y,
            face,
            size,
            color,
            text,
        } => Shape::Text {
            x,
            y: y + dy,
            face,
            size,
            color,
            text,
        },
        Shape::Path {
            points,
            closed,
            fill,
            stroke,
        } => Shape::Path {
            points: points.into_iter().map(|(x, y)| (x, y + dy)).collect(),
            closed,
            fill,
            stroke,
        },
    }
}

fn row_height(row: &[Vec<Line>]) -> f64 {
    row.iter()
        .map(|l| Layout::lines_height(l))
        .fold(0.0, f64::max)
        + 2.0 * CELL_PAD_Y
}

/// Text as it can be drawn: tabs become spaces, other control characters are dropped, line
/// breaks are normalised to `\n`.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout::new(Fonts::get().unwrap(), Paper::A4)
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let l = layout();
        let text = "Ярослава and Zoë Ødegård agreed to merge to trunk daily, with a peer review instead of a change board. Supercalifragilisticexpialidociousnesses!";
        for width in [40.0, 90.0, 200.0] {
            let lines = l.wrap(text, &style::BODY, width);
            for line in &lines {
                assert!(
                    l.text_width(line, &style::BODY) <= width + 1e-6,
                    "{line:?} fits in {width}"
                );
            }
            assert_eq!(
                lines.concat().replace(' ', ""),
                text.replace(' ', ""),
                "nothing is lost at width {width}"
            );
        }
        assert_eq!(
            l.wrap("one\ntwo", &style::BODY, 400.0),
            ["one", "two"],
            "explicit breaks stay"
        );
        assert_eq!(l.wrap("a\u{7}b\tc", &style::BODY, 400.0), ["ab c"]);
    }

    fn table_of(rows: usize, text: &str) -> Table {
        Table {
            columns: vec![
                Column::new("Left", 1.0, Align::Left),
                Column::new("Right", 2.0, Align::Right),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::text(format!("row {i}"), style::BODY),
                        Cell::text(text, style::BODY),
                    ]
                })
                .collect(),
            header_style: style::TABLE_HEADER,
            zebra: true,
            min_row_height: 0.0,
        }
    }

    fn texts(page: &Page) -> Vec<&str> {
        page.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let mut l = layout();
        l.table(&table_of(120, "some value"));
        let (pages, _) = l.into_pages();
        assert!(pages.len() >= 3, "120 rows need several pages");
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert_eq!(t.first(), Some(&"Left"), "page {i} starts with the header");
        }
        let rows: usize = pages
            .iter()
            .map(|p| texts(p).iter().filter(|t| t.starts_with("row ")).count())
            .sum();
        assert_eq!(rows, 120, "every row is drawn exactly once");
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_not_cut() {
        let mut l = layout();
        let long = "evidence ".repeat(1500);
        l.table(&table_of(1, &long));
        let (pages, _) = l.into_pages();
        assert!(pages.len() >= 2, "the row continues on the next page");
        let words: usize = pages
            .iter()
            .map(|p| {
                texts(p)
                    .iter()
                    .map(|t| t.matches("evidence").count())
                    .sum::<usize>()
            })
            .sum();
        assert_eq!(words, 1500, "every word of the cell is drawn once");
        let height = l_height();
        for page in &pages {
            for shape in &page.shapes {
                if let Shape::Text { y, .. } = shape {
                    assert!(
                        *y < height - 58.0 + 1e-6,
                        "text stays above the bottom margin"
                    );
                }
            }
        }
    }

    fn l_height() -> f64 {
        Paper::A4.size_pt().1
    }
}
