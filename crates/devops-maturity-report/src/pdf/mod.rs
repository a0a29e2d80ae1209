//! PDF rendering of the report model. [`layout`] places text, tables and charts on pages
//! (measuring text with the embedded fonts' glyph advances), the section modules ([`team`],
//! [`leadership`]) decide what goes where, and [`emit`] turns the pages into a PDF with
//! printpdf. Footers ("Page n of m") are drawn last, once the page count is known.

mod charts;
mod emit;
mod fonts;
mod layout;
mod leadership;
mod style;
mod team;

use crate::model::{LeadershipReport, TeamReport};
use crate::text::{LEADERSHIP_TITLE, REPORT_TITLE};
use crate::{Paper, ReportError, PRODUCT};

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

/// The team report as PDF bytes.
pub fn team_report(report: &TeamReport, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut l = layout::Layout::new(fonts::Fonts::get()?, paper);
    team::render(&mut l, report);
    let footer = format!("{PRODUCT} · {} · {}", report.team, report.assessment_date);
    let title = format!("{REPORT_TITLE}: {}", report.team);
    let subject = format!("Assessment of {}", report.assessment_date);
    finish(
        l,
        &footer,
        paper,
        &emit::Meta {
            title: &title,
            subject: &subject,
        },
    )
}

/// The leadership overview as PDF bytes.
pub fn leadership_report(report: &LeadershipReport, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut l = layout::Layout::new(fonts::Fonts::get()?, paper);
    leadership::render(&mut l, report);
    let footer = match &report.organisation {
        Some(org) => format!(
            "{PRODUCT} · {LEADERSHIP_TITLE} · {org} · {}",
            report.prepared
        ),
        None => format!("{PRODUCT} · {LEADERSHIP_TITLE} · {}", report.prepared),
    };
    finish(
        l,
        &footer,
        paper,
        &emit::Meta {
            title: LEADERSHIP_TITLE,
            subject: "Teams compared by their latest assessment",
        },
    )
}
