//! A small flow layout for reports: a cursor moves down the page; headings, wrapped
//! paragraphs, lists and tables are placed at it, and a new page starts when the next piece
//! does not fit. Tables repeat their header row on every page they continue on, and a row
//! taller than a page is split between lines, never cut.
//!
//! Coordinates here are points with y pointing down from the top of the page (like the
//! radar geometry and SVG); [`super::emit`] flips them for PDF.
//!
//! This file holds the page flow (cursor, pages, headings kept with what follows, paragraphs,
//! lists); `wrap` breaks text into lines, `table` draws tables.

mod table;
#[cfg(test)]
mod tests;
mod wrap;

use super::fonts::{Face, Fonts};
use super::style::{self, Rgb};
use crate::Paper;
pub use table::{Cell, Column, Table};

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

    pub fn into_pages(self) -> (Vec<Page>, Vec<(String, usize)>) {
        (self.pages, self.bookmarks)
    }
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
