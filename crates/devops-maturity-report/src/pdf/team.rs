//! The team report's sections, in reading order. Each section starts with a heading from
//! [`crate::SECTIONS`]-style constants so tests (and readers of the PDF outline) find them.

use super::charts;
use super::layout::{Align, Cell, Column, Layout, Stroke, Table, TextStyle};
use super::style::{self, Rgb};
use devops_maturity_core::plan::{Decision, ItemStatus};

use crate::model::{PlanRow, TeamReport};
use crate::text::*;

pub fn render(l: &mut Layout, r: &TeamReport) {
    cover(l, r);
    executive_summary(l, r);
    radar(l, r);
    scores(l, r);
    by_role(l, r);
    hot_spots(l, r);
    distributions(l, r);
    dora(l, r);
    plan(l, r);
    trend(l, r);
    appendix(l, r);
}

fn score_text(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

fn cover(l: &mut Layout, r: &TeamReport) {
    let top = l.top();
    l.rect(0.0, 0.0, l.width, 8.0, Some(style::ACCENT), None);
    l.advance(l.page_capacity() * 0.18 - (l.y() - top));
    l.bookmarks.push((REPORT_TITLE.to_string(), 0));
    l.paragraph(
        REPORT_TITLE,
        &TextStyle::new(super::fonts::Face::Regular, 14.0, style::ACCENT),
    );
    l.space(6.0);
    l.paragraph(&r.team, &style::TITLE);
    if let Some(org) = &r.organisation {
        l.space(2.0);
        l.paragraph(org, &style::LEAD);
    }
    l.space(28.0);
    key_values(l, &cover_facts(r));
    l.space(30.0);
    l.subheading("About this report", 40.0);
    l.paragraph(&about_team_report(r), &style::BODY);
}

/// Label–value pairs in two columns, the value wrapping under itself.
pub fn key_values(l: &mut Layout, facts: &[(&str, String)]) {
    let label_w = 110.0;
    let value_style = style::BODY;
    let label_style = TextStyle {
        color: style::MUTED,
        ..style::BODY
    };
    for (label, value) in facts {
        let lines = l.wrap(value, &value_style, l.content_width() - label_w);
        let h = lines.len() as f64 * value_style.line_height();
        l.ensure(h);
        let base = l.y() + l.baseline_offset(&value_style);
        l.text_at(l.left, base, label, &label_style, Align::Left);
        for (i, line) in lines.iter().enumerate() {
            l.text_at(
                l.left + label_w,
                base + i as f64 * value_style.line_height(),
                line,
                &value_style,
                Align::Left,
            );
        }
        l.advance(h + 3.0);
    }
}

/// Three boxes with a big figure each: overall level, DORA cluster, plan size.
fn figures(l: &mut Layout, boxes: &[(String, String, String)]) {
    let gap = 10.0;
    let n = boxes.len() as f64;
    let w = (l.content_width() - gap * (n - 1.0)) / n;
    let h = 66.0;
    l.ensure(h);
    let y = l.y();
    let big = TextStyle::new(super::fonts::Face::Bold, 17.0, style::ACCENT);
    for (i, (label, figure, note)) in boxes.iter().enumerate() {
        let x = l.left + i as f64 * (w + gap);
        l.rect(x, y, w, h, Some(style::HEADER_FILL), None);
        l.rect(x, y, 3.0, h, Some(style::ACCENT), None);
        l.text_at(x + 10.0, y + 14.0, label, &style::SMALL, Align::Left);
        let figure = charts::fit(l, figure, &big, w - 16.0);
        l.text_at(x + 10.0, y + 36.0, &figure, &big, Align::Left);
        let note = charts::fit(l, note, &style::SMALL, w - 16.0);
        l.text_at(x + 10.0, y + 54.0, &note, &style::SMALL, Align::Left);
    }
    l.advance(h + 10.0);
}

fn executive_summary(l: &mut Layout, r: &TeamReport) {
    l.heading(EXECUTIVE_SUMMARY, true, 120.0);
    l.paragraph(&overall_sentence(r), &style::LEAD);
    l.space(10.0);
    let level = r.overall_level.as_ref().map_or_else(
        || ("not enough answers".to_string(), String::new()),
        |lv| {
            (
                format!("{} – {}", lv.value, lv.name),
                format!("overall score {}", score_text(r.overall)),
            )
        },
    );
    let dora = match &r.dora {
        Some(d) => (
            d.headline(),
            if d.mixed.is_some() {
                format!("keys two or more clusters apart ({})", d.year)
            } else {
                format!(
                    "nearest DORA {} cluster, {} of {} keys",
                    d.year, d.answered, d.metrics
                )
            },
        ),
        None => ("—".into(), "no DORA answers".into()),
    };
    let plan = (format!("{} actions", r.plan.items.len()), {
        let mut detail = if r.plan.proposal {
            "proposed from the gaps".to_string()
        } else {
            format!(
                "{} done, {} in progress",
                count(&r.plan.items, ItemStatus::Done),
                count(&r.plan.items, ItemStatus::InProgress)
            )
        };
        if !r.plan.backlog.is_empty() {
            detail.push_str(&format!("; {} in the backlog", r.plan.backlog.len()));
        }
        detail
    });
    figures(
        l,
        &[
            ("Overall maturity level".into(), level.0, level.1),
            ("DORA cluster".into(), dora.0, dora.1),
            ("Improvement plan".into(), plan.0, plan.1),
        ],
    );
    l.subheading("Strongest and weakest areas", 30.0);
    l.paragraph(&areas_sentence(r), &style::BODY);
    l.subheading("Software delivery performance (DORA)", 30.0);
    l.paragraph(&dora_sentence(r), &style::BODY);
    l.subheading("Three headline actions", 40.0);
    let headline = r.plan.headline();
    if headline.is_empty() {
        l.paragraph(NO_ACTIONS, &style::BODY);
    } else {
        if r.plan.proposal {
            l.paragraph(PROPOSAL_SHORT, &style::SMALL);
            l.space(3.0);
        }
        for (i, p) in headline.iter().enumerate() {
            l.numbered(i + 1, &p.title, &headline_detail(p));
        }
    }
    l.subheading("What changed since the last assessment", 30.0);
    l.paragraph(&changes_sentence(r), &style::BODY);
    // Every dimension at a glance, when the page has room for it (the summary stays one page).
    let bars = charts::bars_height(r.dimensions.len());
    if l.remaining() >= bars + 26.0 {
        l.subheading("Every dimension at a glance", bars);
        let (x, y, w) = (l.left, l.y(), l.content_width());
        let h = charts::bars(l, &r.dimensions, x, y, w);
        l.advance(h);
    }
}

fn count(items: &[PlanRow], status: ItemStatus) -> usize {
    items.iter().filter(|i| i.status == status).count()
}

fn radar(l: &mut Layout, r: &TeamReport) {
    l.heading(RADAR, true, 300.0);
    l.paragraph(RADAR_INTRO, &style::BODY);
    l.space(6.0);
    let width = l.content_width();
    let (x, y) = (l.left, l.y());
    let h = charts::radar(l, &r.radar, x, y, width);
    l.advance(h);
    let y = l.y();
    let lh = charts::radar_legend(l, x, y);
    l.advance(lh + 4.0);
    l.paragraph(RADAR_NOTE, &style::SMALL);
    l.subheading("The five levels", 60.0);
    let rows = r
        .levels
        .iter()
        .map(|lv| {
            vec![
                Cell::text(format!("{} – {}", lv.value, lv.name), style::CELL_BOLD)
                    .filled(style::heat(f64::from(lv.value)))
                    .with_text_color(style::on(style::heat(f64::from(lv.value)))),
                Cell::text(lv.description.clone(), style::CELL),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("Level", 1.0, Align::Left),
            Column::new("What it looks like", 4.0, Align::Left),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: false,
        min_row_height: 0.0,
    });
}

fn scores(l: &mut Layout, r: &TeamReport) {
    l.heading(SCORES, true, 80.0);
    l.paragraph(SCORES_INTRO, &style::BODY);
    l.space(6.0);
    let rows =
        r.dimensions
            .iter()
            .map(|d| {
                let score = match d.score {
                    Some(s) => Cell::text(format!("{s:.1}"), style::CELL_BOLD),
                    None => Cell::text(
                        if d.out_of_scope {
                            OUT_OF_SCOPE
                        } else {
                            NOT_ENOUGH
                        },
                        TextStyle {
                            color: style::MUTED,
                            ..style::CELL
                        },
                    ),
                };
                let level = match (d.level, &d.level_name) {
                    (Some(lv), Some(name)) => {
                        let fill = style::heat(f64::from(lv));
                        Cell::text(
                            format!("{lv} – {name}"),
                            TextStyle {
                                color: style::on(fill),
                                ..style::CELL
                            },
                        )
                        .filled(fill)
                    }
                    _ => Cell::text("—", style::CELL),
                };
                let gap = match d.gap {
                    Some(g) if g > 0.0 => Cell::text(format!("{g:.1}"), style::CELL_BOLD),
                    Some(g) => Cell::text(format!("{g:.1}"), style::CELL)
                        .then("reached", style::CELL_MUTED),
                    None => Cell::text("—", style::CELL),
                };
                vec![
                    Cell::text(d.name.clone(), style::CELL_BOLD)
                        .then(d.kind.clone(), style::CELL_MUTED)
                        .then(format!("rests on: {}", d.rests_on), style::CELL_MUTED),
                    score,
                    level,
                    Cell::text(
                        d.target.map_or_else(|| "—".to_string(), |t| t.to_string()),
                        style::CELL,
                    ),
                    gap,
                ]
            })
            .collect();
    l.table(&Table {
        columns: vec![
            Column::new("Dimension", 3.2, Align::Left),
            Column::new("Score", 1.1, Align::Right),
            Column::new("Level", 1.9, Align::Left),
            Column::new("Target", 0.9, Align::Right),
            Column::new("Gap", 0.9, Align::Right),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
    l.paragraph(GAP_NOTE, &style::SMALL);
}

/// Scoring rule 10: leaders' and practitioners' scores on the leadership dimensions.
fn by_role(l: &mut Layout, r: &TeamReport) {
    if r.by_role.is_empty() {
        return;
    }
    l.heading(BY_ROLE, false, 100.0);
    l.paragraph(BY_ROLE_INTRO, &style::BODY);
    if let Some(note) = roles_unstated_sentence(r.roles_unstated) {
        l.paragraph(&note, &style::SMALL);
    }
    l.space(6.0);
    let rows = r
        .by_role
        .iter()
        .map(|x| {
            vec![
                Cell::text(x.dimension.clone(), style::CELL_BOLD),
                Cell::text(x.leaders.clone(), style::CELL),
                Cell::text(x.practitioners.clone(), style::CELL),
                Cell::text(score_text(x.team), style::CELL),
                Cell::text(
                    x.difference.clone(),
                    if x.apart {
                        style::CELL_BOLD
                    } else {
                        style::CELL
                    },
                ),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("Dimension", 2.6, Align::Left),
            Column::new("Leaders", 1.3, Align::Right),
            Column::new("Practitioners", 1.3, Align::Right),
            Column::new("Team", 0.8, Align::Right),
            Column::new("Difference", 2.6, Align::Left),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
}

fn hot_spots(l: &mut Layout, r: &TeamReport) {
    if r.respondents.len() < 2 {
        return;
    }
    l.heading(HOT_SPOTS, false, 100.0);
    if r.hot_spots.is_empty() {
        l.paragraph(NO_HOT_SPOTS, &style::BODY);
        return;
    }
    l.paragraph(HOT_SPOTS_INTRO, &style::BODY);
    l.space(6.0);
    let rows = r
        .hot_spots
        .iter()
        .map(|h| {
            let answers = h.answers.join("\n");
            vec![
                Cell::text(h.question.clone(), style::CELL)
                    .then(h.dimension.clone(), style::CELL_MUTED),
                Cell::text(answers, style::CELL),
                Cell::text(h.spread.to_string(), style::CELL_BOLD),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("Question", 5.0, Align::Left),
            Column::new("Answers", 2.6, Align::Left),
            Column::new("Levels apart", 1.1, Align::Right),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
}

fn distributions(l: &mut Layout, r: &TeamReport) {
    if r.distributions.is_empty() {
        return;
    }
    l.heading(DISTRIBUTIONS, false, 160.0);
    l.paragraph(&distributions_intro(r.respondents.len()), &style::BODY);
    l.paragraph(DISTRIBUTION_NOTE, &style::SMALL);
    l.space(6.0);
    let max = r.respondents.len().max(1) as f64;
    let mut rows = Vec::new();
    for d in &r.distributions {
        rows.push(vec![group(&d.dimension)]);
        for q in &d.questions {
            let text = Cell::text(q.text.clone(), style::CELL);
            let mut row = vec![if q.disagreement {
                text.filled(style::HOT_FILL)
            } else {
                text
            }];
            for n in q.counts {
                row.push(if n == 0 {
                    Cell::text(
                        "·",
                        TextStyle {
                            color: style::RULE_DARK,
                            ..style::CELL
                        },
                    )
                } else {
                    let fill = count_fill(f64::from(n) / max);
                    Cell::text(
                        n.to_string(),
                        TextStyle {
                            color: style::on(fill),
                            ..style::CELL_BOLD
                        },
                    )
                    .filled(fill)
                });
            }
            let other = q.dont_know + q.not_applicable;
            row.push(Cell::text(
                if other == 0 {
                    String::new()
                } else {
                    other.to_string()
                },
                style::CELL,
            ));
            row.push(Cell::text(score_text(q.median), style::CELL));
            row.push(Cell::text(
                if q.disagreement {
                    q.spread.to_string()
                } else {
                    String::new()
                },
                style::CELL_BOLD,
            ));
            rows.push(row);
        }
    }
    let n = 0.5;
    l.table(&Table {
        columns: vec![
            Column::new("Question", 6.0, Align::Left),
            Column::new("1", n, Align::Center),
            Column::new("2", n, Align::Center),
            Column::new("3", n, Align::Center),
            Column::new("4", n, Align::Center),
            Column::new("5", n, Align::Center),
            Column::new("?", n, Align::Center),
            Column::new("Median", 1.05, Align::Right),
            Column::new("Apart", 0.85, Align::Right),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: false,
        min_row_height: 0.0,
    });
}

/// A row spanning the table: the title of the group of rows under it.
fn group(title: &str) -> Cell {
    Cell::text(
        title,
        TextStyle::new(super::fonts::Face::Bold, 8.8, style::ACCENT),
    )
    .filled(style::WHITE)
}

/// A light-to-dark blue for a share of respondents.
fn count_fill(share: f64) -> Rgb {
    let i = ((share * 4.0).ceil() as usize).clamp(1, 4);
    style::SEQUENTIAL[i]
}

fn dora(l: &mut Layout, r: &TeamReport) {
    l.heading(DORA, false, 160.0);
    let Some(d) = &r.dora else {
        l.paragraph(NO_DORA, &style::BODY);
        return;
    };
    l.paragraph(&dora_intro(d), &style::BODY);
    l.space(6.0);
    let overall = |name: &String| d.nearest.contains(name);
    let mut columns = vec![
        Column::new("Key", 2.2, Align::Left),
        Column::new("This team", 1.6, Align::Left),
    ];
    for name in &d.cluster_names {
        let header = if overall(name) {
            format!("{name} (nearest overall)")
        } else {
            name.clone()
        };
        columns.push(Column::new(header, 1.3, Align::Left));
    }
    let rows = d
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Cell::text(row.metric.clone(), style::CELL_BOLD),
                Cell::text(
                    row.team.clone().unwrap_or_else(|| "don't know".into()),
                    style::CELL_BOLD,
                )
                .filled(style::HEADER_FILL),
            ];
            // Each key's own nearest clusters are shaded: the table is read key by key.
            for (name, value) in d.cluster_names.iter().zip(&row.clusters) {
                let c = Cell::text(value.clone(), style::CELL);
                cells.push(if row.nearest.contains(name) {
                    c.filled(style::NEAREST_FILL)
                } else {
                    c
                });
            }
            cells
        })
        .collect();
    l.table(&Table {
        columns,
        rows,
        header_style: style::TABLE_HEADER,
        zebra: false,
        min_row_height: 0.0,
    });
    l.paragraph(
        "Shaded: the cluster (or clusters, when the answer lies exactly between them) nearest the team's answer for that key.",
        &style::SMALL,
    );
    if !d.distances.is_empty() {
        let distances = d
            .distances
            .iter()
            .map(|(n, v)| format!("{n} {v:.2}"))
            .collect::<Vec<_>>()
            .join(" · ");
        l.paragraph(
            &format!(
                "Mean distance to each cluster over the keys answered (0 = the same answers, 1 = opposite ends): {distances}."
            ),
            &style::SMALL,
        );
    }
    l.space(8.0);
    l.subheading("How to read the clusters", 30.0);
    if d.note.trim().is_empty() {
        l.paragraph(CLUSTERS_ARE_NOT_A_LADDER, &style::BODY);
    } else {
        l.paragraph(&d.note, &style::BODY);
    }
}

fn plan(l: &mut Layout, r: &TeamReport) {
    l.heading(PLAN, true, 120.0);
    l.paragraph(&plan_intro(&r.plan), &style::BODY);
    if r.plan.items.is_empty() {
        return;
    }
    l.space(6.0);
    let rows = r
        .plan
        .items
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut detail = action_detail(p);
            if p.decision == Decision::Proposed && !r.plan.proposal {
                detail.push_str(" · not yet accepted");
            }
            let mut why = Cell::text(p.why.clone(), style::CELL);
            if let Some(reasons) = reasons_line(&p.reasons) {
                why = why.then(reasons, style::CELL_MUTED);
            }
            if let Some(reach) = helps_reach_line(&p.reaches) {
                why = why.then(reach, style::CELL_MUTED);
            }
            if let Some(n) = &p.notes {
                why = why.then(format!("Notes: {n}"), style::CELL_MUTED);
            }
            vec![
                Cell::text((i + 1).to_string(), style::CELL_MUTED),
                Cell::text(p.title.clone(), style::CELL_BOLD).then(detail, style::CELL_MUTED),
                why,
                Cell::text(p.owner.clone().unwrap_or_else(|| "—".into()), style::CELL),
                Cell::text(p.due.clone().unwrap_or_else(|| "—".into()), style::CELL),
                Cell::text(p.status.label(), style::CELL),
                Cell::text(format!("{} days", p.horizon), style::CELL),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("#", 20.0, Align::Right),
            Column::new("Action", 118.0, Align::Left),
            Column::new("Why", 146.0, Align::Left),
            Column::new("Owner", 60.0, Align::Left),
            Column::new("Due", 46.0, Align::Left),
            Column::new("Status", 50.0, Align::Left),
            Column::new("Horizon", 46.0, Align::Left),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
    l.paragraph(HORIZON_NOTE, &style::SMALL);
    if r.plan.backlog.is_empty() {
        return;
    }
    l.space(8.0);
    l.subheading(BACKLOG, 60.0);
    l.paragraph(BACKLOG_INTRO, &style::BODY);
    l.space(4.0);
    let rows = r
        .plan
        .backlog
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let detail = action_detail(p);
            vec![
                Cell::text((i + 1).to_string(), style::CELL_MUTED),
                Cell::text(p.title.clone(), style::CELL_BOLD).then(detail, style::CELL_MUTED),
                Cell::text(reasons_line(&p.reasons).unwrap_or_default(), style::CELL),
                Cell::text(format!("{} days", p.horizon), style::CELL),
            ]
        })
        .collect();
    l.table(&Table {
        columns: vec![
            Column::new("#", 20.0, Align::Right),
            Column::new("Action", 200.0, Align::Left),
            Column::new("Why here", 220.0, Align::Left),
            Column::new("Horizon", 46.0, Align::Left),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
}

fn trend(l: &mut Layout, r: &TeamReport) {
    l.heading(TREND, true, 120.0);
    if r.trend.dates.len() < 2 {
        l.paragraph(FIRST_ASSESSMENT, &style::BODY);
        return;
    }
    l.paragraph(&trend_intro(r), &style::BODY);
    l.space(8.0);
    let columns = 3;
    let h = charts::trend_height(&r.trend, columns);
    l.ensure(h);
    let (x, y, w) = (l.left, l.y(), l.content_width());
    let used = charts::trend(l, &r.trend, x, y, w, columns);
    l.advance(used);
}

fn appendix(l: &mut Layout, r: &TeamReport) {
    l.heading(APPENDIX, true, 120.0);
    l.paragraph(APPENDIX_INTRO, &style::BODY);
    l.space(6.0);
    let mut rows = Vec::new();
    for d in &r.appendix {
        rows.push(vec![group(&d.dimension)]);
        for q in &d.questions {
            // Answers grouped by what was chosen, each with the chosen level's anchor text.
            let mut groups: Vec<AnswerGroup<'_>> = Vec::new();
            for a in &q.answers {
                let who = a.respondent.as_deref();
                match groups.iter_mut().find(|g| g.0 == a.answer) {
                    Some(g) => g.2.push(who),
                    None => groups.push((&a.answer, a.anchor.as_deref(), vec![who])),
                }
            }
            let mut cell = Cell::default();
            for (answer, anchor, who) in &groups {
                cell = cell.then(format!("{answer} · {}", people(who)), style::CELL_BOLD);
                if let Some(anchor) = anchor {
                    cell = cell.then(*anchor, style::CELL);
                }
            }
            for a in &q.answers {
                if let Some(e) = &a.evidence {
                    cell = cell.then(
                        match &a.respondent {
                            Some(who) => format!("Evidence from {who}: {e}"),
                            None => format!("Evidence: {e}"),
                        },
                        TextStyle {
                            color: style::ACCENT,
                            ..style::CELL
                        },
                    );
                }
            }
            rows.push(vec![Cell::text(q.text.clone(), style::CELL), cell]);
        }
    }
    l.table(&Table {
        columns: vec![
            Column::new("Question", 1.7, Align::Left),
            Column::new(
                "Answers, with the description of the level chosen",
                4.0,
                Align::Left,
            ),
        ],
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
}

/// One answer of a question in the appendix: its label, the level's anchor, who gave it.
type AnswerGroup<'a> = (&'a str, Option<&'a str>, Vec<Option<&'a str>>);

/// Who gave an answer: their names, or how many people when the report names nobody.
fn people(who: &[Option<&str>]) -> String {
    match who.iter().copied().collect::<Option<Vec<&str>>>() {
        Some(names) => names.join(", "),
        None if who.len() == 1 => "1 person".into(),
        None => format!("{} people", who.len()),
    }
}

/// The footer of every page: product, team, date on the left; the page number on the right.
pub fn footer(l: &mut Layout, left: &str, page: usize, pages: usize) {
    let y = l.footer_y();
    l.line(
        (l.left, y - 11.0),
        (l.right, y - 11.0),
        Stroke::solid(style::RULE, 0.5),
    );
    let number = format!("Page {page} of {pages}");
    let nw = l.text_width(&number, &style::FOOTER);
    let left_text = charts::fit(l, left, &style::FOOTER, l.content_width() - nw - 20.0);
    l.text_at(l.left, y, &left_text, &style::FOOTER, Align::Left);
    l.text_at(l.right, y, &number, &style::FOOTER, Align::Right);
}
