//! The leadership overview: every team's latest assessment side by side (a table and a
//! heatmap of dimensions × teams with the value in each cell), then one page per team.

use super::charts;
use super::layout::{Align, Cell, Column, Layout, Table, TextStyle};
use super::style;
use super::team::key_values;
use crate::model::{LeadershipReport, TeamOverview};
use crate::text::*;

/// Teams per heatmap page; more teams continue on the next page with the same rows.
const HEATMAP_COLUMNS: usize = 6;

pub fn render(l: &mut Layout, r: &LeadershipReport) {
    overview(l, r);
    // The summary is the roll-up and the glance table: with hundreds of teams the heatmap
    // runs to dozens of pages, and the medians by group say what it would.
    if !r.summary {
        heatmap(l, r);
        for team in &r.teams {
            team_page(l, team);
        }
    }
}

fn score_cell(v: Option<f64>, bold: bool) -> Cell {
    match v {
        Some(v) => {
            let fill = style::heat(v);
            let base = if bold { style::CELL_BOLD } else { style::CELL };
            Cell::text(
                format!("{v:.1}"),
                TextStyle {
                    color: style::on(fill),
                    ..base
                },
            )
            .filled(fill)
        }
        None => Cell::text(
            "n/a",
            TextStyle {
                color: style::MUTED,
                ..style::CELL
            },
        ),
    }
}

fn overview(l: &mut Layout, r: &LeadershipReport) {
    l.rect(0.0, 0.0, l.width, 8.0, Some(style::ACCENT), None);
    l.bookmarks.push((LEADERSHIP_TITLE.to_string(), 0));
    l.paragraph(LEADERSHIP_TITLE, &style::TITLE);
    l.space(4.0);
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(org) = &r.organisation {
        facts.push(("Organisation", org.clone()));
    }
    let word = capitalised(&r.word);
    if !r.groups.is_empty() {
        facts.push((word.as_str(), r.groups.join(", ")));
    }
    facts.push(("Teams assessed", r.teams.len().to_string()));
    if !r.not_assessed.is_empty() {
        facts.push(("Not assessed yet", r.not_assessed.join(", ")));
    }
    facts.push(("Report prepared", r.prepared.clone()));
    key_values(l, &facts);
    l.space(6.0);
    l.paragraph(&leadership_intro(r), &style::BODY);
    super::organisation::render(l, &r.rollup.rollup, &r.word, r.rollup.coverage_months);
    l.heading(TEAMS_AT_A_GLANCE, true, 80.0);
    l.paragraph(&sort_note(r.sort), &style::SMALL);
    let no_gaps = r.no_gaps();
    let rows = r
        .teams
        .iter()
        .map(|t| {
            let rep = &t.report;
            let level = rep.overall_level.as_ref().map_or_else(
                || {
                    Cell::text(
                        NOT_ENOUGH,
                        TextStyle {
                            color: style::MUTED,
                            ..style::CELL
                        },
                    )
                },
                |lv| {
                    Cell::text(format!("{} – {}", lv.value, lv.name), style::CELL_BOLD).then(
                        format!("score {:.1}", rep.overall.unwrap_or(0.0)),
                        style::CELL_MUTED,
                    )
                },
            );
            let gaps = if no_gaps {
                t.weakest
                    .iter()
                    .map(|(n, s)| format!("{n} ({s:.1})"))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else if t.top_gaps.is_empty() {
                "no gap to target".to_string()
            } else {
                t.top_gaps
                    .iter()
                    .map(|(n, g)| format!("{n} ({g:.1})"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let dora = rep.dora.as_ref().map_or_else(
                || "—".to_string(),
                |d| {
                    if d.verdict.is_some() || d.mixed.is_some() {
                        format!("{} ({})", d.headline(), d.year)
                    } else {
                        d.headline()
                    }
                },
            );
            vec![
                Cell::text(rep.team.clone(), style::CELL_BOLD),
                Cell::text(rep.assessment_date.clone(), style::CELL),
                level,
                Cell::text(gaps, style::CELL),
                Cell::text(dora, style::CELL),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("Team", 2.2, Align::Left),
            Column::new("Assessed", 1.3, Align::Left),
            Column::new("Overall level", 1.5, Align::Left),
            Column::new(
                if no_gaps { WEAKEST_HEADER } else { GAPS_HEADER },
                2.6,
                Align::Left,
            ),
            Column::new("DORA cluster", 1.3, Align::Left),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
    l.paragraph(
        if no_gaps {
            LEADERSHIP_WEAKEST_NOTE
        } else {
            LEADERSHIP_GAPS_NOTE
        },
        &style::SMALL,
    );
}

fn heatmap(l: &mut Layout, r: &LeadershipReport) {
    let chunks: Vec<&[TeamOverview]> = r.teams.chunks(HEATMAP_COLUMNS).collect();
    for (i, teams) in chunks.iter().enumerate() {
        if i == 0 {
            l.heading(HEATMAP, true, 200.0);
            l.paragraph(HEATMAP_INTRO, &style::BODY);
            l.space(6.0);
            legend(l, r);
        } else {
            l.new_page();
            l.subheading(&format!("{HEATMAP} (continued)"), 200.0);
        }
        // Team columns share what the dimension names leave; with fewer than three teams a
        // blank column keeps the cells from growing too wide.
        let name_w = 125.0;
        let team_w = (l.content_width() - name_w) / teams.len().max(3) as f64;
        let mut columns = vec![Column::new("Dimension", name_w, Align::Left)];
        columns.extend(
            teams
                .iter()
                .map(|t| Column::new(t.report.team.clone(), team_w, Align::Center)),
        );
        if teams.len() < 3 {
            columns.push(Column::new(
                "",
                team_w * (3 - teams.len()) as f64,
                Align::Left,
            ));
        }
        let mut rows = vec![{
            let mut row = vec![Cell::text("Overall", style::CELL_BOLD)];
            row.extend(teams.iter().map(|t| score_cell(t.report.overall, true)));
            pad(&mut row, teams.len());
            row
        }];
        for (d, name) in r.dimensions.iter().enumerate() {
            let mut row = vec![Cell::text(name.clone(), style::CELL)];
            row.extend(
                teams
                    .iter()
                    .map(|t| score_cell(t.scores.get(d).copied().flatten(), false)),
            );
            pad(&mut row, teams.len());
            rows.push(row);
        }
        l.table(&Table {
            columns,
            rows,
            header_style: style::TABLE_HEADER,
            zebra: false,
            min_row_height: 0.0,
        });
    }
}

/// The empty filler cell of a heatmap with fewer than three teams.
fn pad(row: &mut Vec<Cell>, teams: usize) {
    if teams < 3 {
        row.push(Cell::default());
    }
}

/// The colour classes of the heatmap, one per level.
fn legend(l: &mut Layout, r: &LeadershipReport) {
    let y = l.y();
    let mut x = l.left;
    let small = TextStyle {
        color: style::TEXT,
        ..style::SMALL
    };
    for (i, fill) in style::SEQUENTIAL.iter().enumerate() {
        let value = i as u8 + 1;
        let name = r
            .levels
            .iter()
            .find(|lv| lv.value == value)
            .map_or_else(String::new, |lv| lv.name.clone());
        let label = format!("{value}.0–{value}.9 {name}");
        l.rect(
            x,
            y,
            14.0,
            10.0,
            Some(*fill),
            Some(super::layout::Stroke::solid(style::RULE_DARK, 0.4)),
        );
        l.text_at(x + 18.0, y + 8.0, &label, &small, Align::Left);
        x += 18.0 + l.text_width(&label, &small) + 12.0;
        if x > l.right - 80.0 && i < 4 {
            x = l.left;
            l.advance(14.0);
        }
    }
    l.advance(18.0);
}

fn team_page(l: &mut Layout, t: &TeamOverview) {
    let r = &t.report;
    l.heading(&r.team, true, 200.0);
    let facts = format!(
        "Assessed {} · {} · facilitator {}",
        r.assessment_date,
        respondents_text(&r.respondents),
        r.facilitator.as_deref().unwrap_or("not recorded")
    );
    l.paragraph(&facts, &style::SMALL);
    l.space(4.0);
    l.paragraph(&overall_sentence(r), &style::BODY);
    l.space(4.0);
    let width = l.content_width();
    let x = l.left + (l.content_width() - width) / 2.0;
    let y = l.y();
    let h = charts::radar(l, &r.radar, x, y, width);
    l.advance(h);
    let y = l.y();
    let lh = charts::radar_legend(l, x, y);
    l.advance(lh + 6.0);
    l.subheading("Largest gaps to target", 30.0);
    if t.top_gaps.is_empty() {
        l.paragraph(
            "No dimension is below its target (or no targets were set).",
            &style::BODY,
        );
    } else {
        let items: Vec<String> = t
            .top_gaps
            .iter()
            .map(|(n, g)| format!("{n}: {g:.1} below target"))
            .collect();
        l.bullets(&items, &style::BODY);
    }
    l.subheading("Headline actions", 30.0);
    let headline = r.plan.headline();
    if headline.is_empty() {
        l.paragraph(NO_ACTIONS, &style::BODY);
    } else {
        let items: Vec<String> = headline
            .iter()
            .map(|p| format!("{} — {}", p.title, headline_detail(p)))
            .collect();
        l.bullets(&items, &style::BODY);
        if r.plan.proposal {
            l.paragraph(PROPOSAL_SHORT, &style::SMALL);
        }
    }
    l.subheading("DORA and change since last time", 30.0);
    l.paragraph(
        &format!("{} {}", dora_short(r), changes_sentence(r)),
        &style::BODY,
    );
}
