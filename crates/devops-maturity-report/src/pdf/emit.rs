//! Laid-out pages → PDF bytes with printpdf. The only module that speaks printpdf's types.
//!
//! Every text is shaped ([`super::shape`]) and drawn as runs of glyphs: one `TJ` per font and
//! baseline, with a kerning number wherever a glyph does not sit at the end of the one before. Each font is cut down here, once, to the
//! glyphs the pages use ([`Font::subset`]); printpdf embeds those bytes as they are
//! (`subset_fonts: false`, so nothing is subset twice). The text layer gives back what was
//! typed: each glyph maps to its characters in the font's `ToUnicode` table, and a
//! left-to-right line whose glyphs are not its characters one for one (an accent combined with
//! its letter) also carries them as `/ActualText`. y is flipped from the layout's top-down coordinates to PDF's
//! bottom-up ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use printpdf::{
    Codepoint, Color, DictItem, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing,
    Pt, Rect, TextItem, TextMatrix, WindingOrder,
};

use super::fonts::{Font, Fonts};
use super::layout::{Page, Shape, Stroke};
use super::shape::{self, Shaped};
use super::style::Rgb;
use crate::{Paper, ReportError};

/// What goes into the document information dictionary.
pub struct Meta<'a> {
    pub title: &'a str,
    pub subject: &'a str,
}

/// Three decimals are finer than any screen or printer tells apart, and keep the content
/// streams short (less to compress).
fn color(c: Rgb) -> Color {
    let q = |v: f32| (v * 1000.0).round() / 1000.0;
    Color::Rgb(printpdf::Rgb {
        r: q(c.0),
        g: q(c.1),
        b: q(c.2),
        icc_profile: None,
    })
}

fn point(x: f64, y: f64, height: f64) -> Point {
    Point {
        x: Pt(x as f32),
        y: Pt((height - y) as f32),
    }
}

/// A font as embedded: its id in the document, the subset's number for each original
/// glyph, and the characters each glyph stands for (one meaning per glyph, the first seen).
struct Embedded {
    id: FontId,
    gids: HashMap<u16, u16>,
    text: HashMap<u16, String>,
}

/// The six capital letters that tag a subset font's name (ISO 32000-1, 9.6.4), from the
/// font and its glyphs, so the same subset gets the same name.
fn subset_tag(font: &Font, gids: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in font
        .name
        .bytes()
        .chain(gids.iter().flat_map(|g| g.to_be_bytes()))
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// `/ActualText` is a PDF text string: UTF-16BE after a byte order mark.
fn actual_text(text: &str) -> DictItem {
    let mut data = vec![0xfe, 0xff];
    data.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    DictItem::Dict {
        map: BTreeMap::from([(
            "ActualText".to_string(),
            DictItem::String {
                data,
                literal: false,
            },
        )]),
    }
}

pub fn emit(
    fonts: &'static Fonts,
    pages: &[Page],
    bookmarks: &[(String, usize)],
    paper: Paper,
    meta: &Meta<'_>,
) -> Result<Vec<u8>, ReportError> {
    let (width, height) = paper.size_pt();
    let mut doc = PdfDocument::new(meta.title);
    doc.metadata.info.subject = meta.subject.to_string();
    doc.metadata.info.producer = crate::PRODUCT.to_string();
    doc.metadata.info.creator = crate::PRODUCT.to_string();

    // Shape every text once; note the glyphs each font must keep.
    let shaped: Vec<Vec<Option<Shaped>>> = pages
        .iter()
        .map(|page| {
            page.shapes
                .iter()
                .map(|shape| match shape {
                    Shape::Text {
                        face, size, text, ..
                    } => Some(shape::shape(fonts, text, *face, *size)),
                    Shape::Path { .. } => None,
                })
                .collect()
        })
        .collect();
    let mut used: BTreeMap<usize, (&'static Font, BTreeSet<u16>)> = BTreeMap::new();
    let mut meaning: BTreeMap<usize, HashMap<u16, String>> = BTreeMap::new();
    for glyph in shaped.iter().flatten().flatten().flat_map(|s| &s.glyphs) {
        let id = glyph.font.id;
        used.entry(id)
            .or_insert_with(|| (glyph.font, BTreeSet::new()))
            .1
            .insert(glyph.gid);
        let text = meaning.entry(id).or_default().entry(glyph.gid).or_default();
        if text.is_empty() {
            text.clone_from(&glyph.text);
        }
    }
    let mut embedded: BTreeMap<usize, Embedded> = BTreeMap::new();
    for (id, (font, gids)) in used {
        let mut list: Vec<u16> = vec![0];
        list.extend(gids.into_iter().filter(|&g| g != 0));
        let bytes = font.subset(&list)?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| ReportError::Font("the subset font cannot be read back".into()))?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(font, &list), font.name));
        let gids = list
            .iter()
            .enumerate()
            .map(|(new, &old)| (old, new as u16))
            .collect();
        embedded.insert(
            id,
            Embedded {
                id: doc.add_font(&parsed),
                gids,
                text: meaning.remove(&id).unwrap_or_default(),
            },
        );
    }

    let pdf_pages = pages
        .iter()
        .zip(&shaped)
        .map(|(page, shaped)| {
            let mut p = PdfPage::new(
                printpdf::Mm(10.0),
                printpdf::Mm(10.0),
                page_ops(page, shaped, &embedded, height),
            );
            let media = Rect::from_wh(Pt(width as f32), Pt(height as f32));
            p.media_box = media.clone();
            p.trim_box = media.clone();
            p.crop_box = media;
            p
        })
        .collect();
    doc.with_pages(pdf_pages);
    for (title, page) in bookmarks {
        // printpdf numbers pages from 1 in bookmarks.
        doc.add_bookmark(title, page + 1);
    }
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        // The fonts are subset above already.
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    Ok(doc.save(&options, &mut warnings))
}

/// A page's drawing operations. Text never sits under a shape in these reports, so all paths
/// are drawn first (in their order) and all text after them: one text object per page, with a
/// font or colour change only where it differs, which keeps the content stream small.
fn page_ops(
    page: &Page,
    shaped: &[Option<Shaped>],
    fonts: &BTreeMap<usize, Embedded>,
    height: f64,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.shapes.len() * 3);
    let mut in_text = false;
    let mut font: Option<(usize, f64)> = None;
    let mut fill: Option<Rgb> = None;
    let paths = page
        .shapes
        .iter()
        .zip(shaped)
        .filter(|s| matches!(s.0, Shape::Path { .. }));
    let texts = page
        .shapes
        .iter()
        .zip(shaped)
        .filter(|s| matches!(s.0, Shape::Text { .. }));
    for (shape, glyphs) in paths.chain(texts) {
        match shape {
            Shape::Text {
                x,
                y,
                size,
                color: c,
                text,
                ..
            } => {
                let Some(line) = glyphs else { continue };
                if line.glyphs.is_empty() {
                    continue;
                }
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                    font = None;
                }
                if fill != Some(*c) {
                    ops.push(Op::SetFillColor { col: color(*c) });
                    fill = Some(*c);
                }
                if line.actual_text {
                    ops.push(Op::BeginMarkedContentWithProperties {
                        tag: "Span".into(),
                        properties: actual_text(text),
                    });
                }
                glyph_runs(&mut ops, line, (*x, *y), *size, fonts, &mut font, height);
                if line.actual_text {
                    ops.push(Op::EndMarkedContent);
                }
            }
            Shape::Path {
                points,
                closed,
                fill: f,
                stroke,
            } => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                }
                if let Some(f) = f {
                    if fill != Some(*f) {
                        ops.push(Op::SetFillColor { col: color(*f) });
                        fill = Some(*f);
                    }
                }
                if let Some(s) = stroke {
                    push_stroke(&mut ops, s);
                }
                let line_points: Vec<LinePoint> = points
                    .iter()
                    .map(|&(x, y)| LinePoint {
                        p: point(x, y, height),
                        bezier: false,
                    })
                    .collect();
                let mode = match (f.is_some(), stroke.is_some()) {
                    (true, true) => Some(PaintMode::FillStroke),
                    (true, false) => Some(PaintMode::Fill),
                    (false, true) => None,
                    (false, false) => continue,
                };
                match mode {
                    Some(mode) => ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: line_points,
                            }],
                            mode,
                            winding_order: WindingOrder::NonZero,
                        },
                    }),
                    None => ops.push(Op::DrawLine {
                        line: Line {
                            points: line_points,
                            is_closed: *closed,
                        },
                    }),
                }
                if stroke.is_some_and(|s| s.dash.is_some()) {
                    ops.push(Op::SetLineDashPattern {
                        dash: LineDashPattern::solid(),
                    });
                }
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// The glyphs of a line as text runs: a new text matrix where the font or the baseline
/// changes, otherwise kerning numbers (thousandths of an em, positive to the left) for each
/// glyph that does not sit where the reader's pen is.
fn glyph_runs(
    ops: &mut Vec<Op>,
    line: &Shaped,
    (x, y): (f64, f64),
    size: f64,
    fonts: &BTreeMap<usize, Embedded>,
    current: &mut Option<(usize, f64)>,
    height: f64,
) {
    // The open run: its font, baseline offset, pen position and glyphs.
    let mut run: Option<(usize, f64, f64, Vec<Codepoint>)> = None;
    let flush = |ops: &mut Vec<Op>, run: &mut Option<(usize, f64, f64, Vec<Codepoint>)>| {
        if let Some((_, _, _, glyphs)) = run.take() {
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
    };
    for glyph in &line.glyphs {
        let Some(embedded) = fonts.get(&glyph.font.id) else {
            continue;
        };
        let code = Codepoint {
            gid: embedded.gids.get(&glyph.gid).copied().unwrap_or(0),
            offset: 0.0,
            cid: Some(embedded.text.get(&glyph.gid).cloned().unwrap_or_default()),
        };
        let advance = glyph.font.pdf_advance(glyph.gid, size);
        if let Some((font, dy, pen, glyphs)) = &mut run {
            if *font == glyph.font.id && *dy == glyph.y {
                // The reader's pen runs ahead of or behind the glyph by the widths' rounding;
                // a kerning number only once that reaches a thousandth of an em, so plain
                // text needs almost none.
                let gap = (glyph.x - *pen) * 1000.0 / size;
                let mut drawn = *pen;
                if gap.abs() >= 1.0 {
                    if let Some(last) = glyphs.last_mut() {
                        last.offset = -gap as f32;
                        drawn = glyph.x;
                    }
                }
                glyphs.push(code);
                *pen = drawn + advance;
                continue;
            }
        }
        flush(ops, &mut run);
        if *current != Some((glyph.font.id, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(embedded.id.clone()),
                size: Pt(size as f32),
            });
            *current = Some((glyph.font.id, size));
        }
        let at = point(x + glyph.x, y - glyph.y, height);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(at.x, at.y),
        });
        run = Some((glyph.font.id, glyph.y, glyph.x + advance, vec![code]));
    }
    flush(ops, &mut run);
}

fn push_stroke(ops: &mut Vec<Op>, s: &Stroke) {
    ops.push(Op::SetOutlineColor {
        col: color(s.color),
    });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(s.width as f32),
    });
    if let Some((dash, gap)) = s.dash {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[dash as f32, gap as f32]),
        });
    }
}
