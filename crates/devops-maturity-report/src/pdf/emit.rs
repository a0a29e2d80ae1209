//! Laid-out pages → PDF bytes with printpdf. The only module that speaks printpdf's types.
//!
//! Fonts are subset to the characters the pages use before they are embedded (see
//! [`super::fonts`]), text is placed with absolute text matrices, and y is flipped from the
//! layout's top-down coordinates to PDF's bottom-up ones.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem,
    TextMatrix, WindingOrder,
};

use super::fonts::{Face, Fonts};
use super::layout::{Page, Shape, Stroke};
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

pub fn emit(
    fonts: &Fonts,
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

    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for shape in pages.iter().flat_map(|p| &p.shapes) {
        if let Shape::Text { face, text, .. } = shape {
            used.entry(*face).or_default().extend(text.chars());
        }
    }
    let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let bytes = fonts.subset(*face, chars)?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| ReportError::Font("the subset font cannot be read back".into()))?;
        ids.insert(*face, doc.add_font(&parsed));
    }

    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut p = PdfPage::new(
                printpdf::Mm(10.0),
                printpdf::Mm(10.0),
                page_ops(page, &ids, height),
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
    Ok(doc.save(&PdfSaveOptions::default(), &mut warnings))
}

/// A page's drawing operations. Text never sits under a shape in these reports, so all paths
/// are drawn first (in their order) and all text after them: one text object per page, with a
/// font or colour change only where it differs, which keeps the content stream small.
fn page_ops(page: &Page, ids: &BTreeMap<Face, FontId>, height: f64) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.shapes.len() * 3);
    let mut in_text = false;
    let mut font: Option<(Face, f64)> = None;
    let mut fill: Option<Rgb> = None;
    let paths = page
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Path { .. }));
    let texts = page
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Text { .. }));
    for shape in paths.chain(texts) {
        match shape {
            Shape::Text {
                x,
                y,
                face,
                size,
                color: c,
                text,
            } => {
                let Some(id) = ids.get(face) else { continue };
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                    font = None;
                }
                if font != Some((*face, *size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size as f32),
                    });
                    font = Some((*face, *size));
                }
                if fill != Some(*c) {
                    ops.push(Op::SetFillColor { col: color(*c) });
                    fill = Some(*c);
                }
                let at = point(*x, *y, height);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(at.x, at.y),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
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
