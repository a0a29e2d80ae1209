//! PDF rendering of the report model. [`layout`] places text, tables and charts on pages
//! (measuring text as [`shape`] sets it, in the fonts of [`fonts`]), the section modules
//! ([`team`], [`leadership`]) decide what goes where, and [`emit`] turns the pages into a PDF
//! with printpdf. Footers ("Page n of m") are drawn last, once the page count is known.
//!
//! A typed text with characters that no font can draw still prints (as empty boxes), and
//! the result names its field in [`Pdf::unshown`], so the CLI and the app can say so.

mod charts;
mod emit;
mod fonts;
mod handout;
mod layout;
mod leadership;
mod organisation;
mod shape;
mod style;
mod team;

use crate::handout::Handout;
use crate::model::{LeadershipReport, TeamReport};
use crate::text::{LEADERSHIP_TITLE, REPORT_TITLE};
use crate::{Paper, ReportError, PRODUCT};

/// A rendered PDF, and the typed texts it could not show in full.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub unshown: Vec<Unshown>,
}

/// A typed text with characters that no embedded or installed font has: they print as empty
/// boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unshown {
    /// Which text, e.g. "the evidence of Bea on question courage-2".
    pub field: String,
    /// The characters no font has, each once, in order of first appearance.
    pub missing: Vec<char>,
}

impl std::fmt::Display for Unshown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let chars: Vec<String> = self
            .missing
            .iter()
            .map(|c| format!("\"{c}\" (U+{:04X})", u32::from(*c)))
            .collect();
        let (them, print) = if chars.len() == 1 {
            ("it prints", "an empty box")
        } else {
            ("they print", "empty boxes")
        };
        write!(
            f,
            "{} cannot be shown in full: no installed font has {}; {them} as {print}",
            self.field,
            chars.join(", ")
        )
    }
}

/// The fields whose text has characters no font can draw.
fn unshown(fonts: &'static fonts::Fonts, fields: Vec<(String, &str)>) -> Vec<Unshown> {
    let mut out: Vec<Unshown> = Vec::new();
    for (field, text) in fields {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !missing.contains(&c) && !fonts.shows(c) {
                missing.push(c);
            }
        }
        if !missing.is_empty() && !out.iter().any(|u| u.field == field) {
            out.push(Unshown { field, missing });
        }
    }
    out
}

/// A typed name set into a sentence of the report, as a bidi isolate: a right-to-left name
/// stays one block and does not pull the date after it into its run ("· 11 · שלום November").
fn isolated(name: &str) -> String {
    use unicode_bidi::{bidi_class, BidiClass};
    if name
        .chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
    {
        format!("\u{2068}{name}\u{2069}")
    } else {
        name.to_string()
    }
}

fn finish(
    mut l: layout::Layout,
    footer_left: &str,
    paper: Paper,
    meta: &emit::Meta<'_>,
) -> Result<Vec<u8>, ReportError> {
    let pages = l.page_count();
    for i in 0..pages {
        l.draw_on(Some(i));
        team::footer(&mut l, footer_left, i + 1, pages);
    }
    l.draw_on(None);
    let fonts = l.fonts();
    let (pages, bookmarks) = l.into_pages();
    emit::emit(fonts, &pages, &bookmarks, paper, meta)
}

/// The team report as PDF.
pub fn team_report(report: &TeamReport, paper: Paper) -> Result<Pdf, ReportError> {
    let fonts = fonts::Fonts::get()?;
    let mut l = layout::Layout::new(fonts, paper);
    team::render(&mut l, report);
    let footer = format!(
        "{PRODUCT} · {} · {}",
        isolated(&report.team),
        report.assessment_date
    );
    let title = format!("{REPORT_TITLE}: {}", report.team);
    let subject = format!("Assessment of {}", report.assessment_date);
    let bytes = finish(
        l,
        &footer,
        paper,
        &emit::Meta {
            title: &title,
            subject: &subject,
        },
    )?;
    Ok(Pdf {
        bytes,
        unshown: unshown(fonts, report.typed_fields()),
    })
}

/// The leadership overview as PDF.
pub fn leadership_report(report: &LeadershipReport, paper: Paper) -> Result<Pdf, ReportError> {
    let fonts = fonts::Fonts::get()?;
    let mut l = layout::Layout::new(fonts, paper);
    leadership::render(&mut l, report);
    let footer = match &report.organisation {
        Some(org) => format!(
            "{PRODUCT} · {LEADERSHIP_TITLE} · {} · {}",
            isolated(org),
            report.prepared
        ),
        None => format!("{PRODUCT} · {LEADERSHIP_TITLE} · {}", report.prepared),
    };
    let bytes = finish(
        l,
        &footer,
        paper,
        &emit::Meta {
            title: LEADERSHIP_TITLE,
            subject: "Teams compared by their latest assessment",
        },
    )?;
    Ok(Pdf {
        bytes,
        unshown: unshown(fonts, report.typed_fields()),
    })
}

/// A handout (see [`crate::handout`]) as PDF. Text of the content that no font can draw is
/// named in [`Pdf::unshown`] with the part it is in.
pub fn handout(h: &Handout, paper: Paper) -> Result<Pdf, ReportError> {
    let fonts = fonts::Fonts::get()?;
    let mut l = layout::Layout::new(fonts, paper);
    handout::render(&mut l, h);
    let footer = format!("{PRODUCT} · {}", h.title);
    let bytes = finish(
        l,
        &footer,
        paper,
        &emit::Meta {
            title: &h.title,
            subject: &h.subtitle,
        },
    )?;
    let texts = h.texts();
    Ok(Pdf {
        bytes,
        unshown: unshown(
            fonts,
            texts.iter().map(|(f, t)| (f.clone(), t.as_str())).collect(),
        ),
    })
}
