//! The leadership overview's first pages: the organisation's roll-up (`views::organisation`,
//! rules in `core::rollup`). Every number is written; colour only repeats the level.

use devops_maturity_core::rollup::{DoraPlacement, Rollup, Spread};

use super::layout::{Align, Cell, Column, Layout, Table, TextStyle};
use super::style;
use crate::text::*;

/// Rows of the outlier and movement lists; the rest is counted, not listed.
const LISTED: usize = 12;

fn number(n: u32) -> Cell {
    if n == 0 {
        Cell::text("·", style::CELL_MUTED)
    } else {
        Cell::text(n.to_string(), style::CELL)
    }
}

/// A level's count in that level's colour, so the row reads as a bar; the number carries it.
fn level_count(level: u8, n: u32) -> Cell {
    if n == 0 {
        return Cell::text("·", style::CELL_MUTED);
    }
    let fill = style::heat(f64::from(level) + 0.5);
    Cell::text(
        n.to_string(),
        TextStyle {
            color: style::on(fill),
            ..style::CELL_BOLD
        },
    )
    .filled(fill)
}

fn spread_cells(s: &Spread) -> Vec<Cell> {
    let mut row: Vec<Cell> = (1..=5u8)
        .map(|l| level_count(l, s.levels[usize::from(l) - 1]))
        .collect();
    row.push(number(s.missing));
    row.push(match s.median {
        Some(m) => Cell::text(format!("{m:.1}"), style::CELL_BOLD),
        None => Cell::text("–", style::CELL_MUTED),
    });
    row.push(match (s.q1, s.q3) {
        (Some(a), Some(b)) => Cell::text(format!("{a:.1}–{b:.1}"), style::CELL),
        _ => Cell::text("–", style::CELL_MUTED),
    });
    row
}

fn spread_columns(first: &str) -> Vec<Column> {
    let mut columns = vec![Column::new(first, 3.0, Align::Left)];
    for l in 1..=5 {
        columns.push(Column::new(format!("L{l}"), 0.55, Align::Center));
    }
    columns.push(Column::new("–", 0.55, Align::Center));
    columns.push(Column::new("Median", 0.9, Align::Center));
    columns.push(Column::new("IQR", 1.1, Align::Center));
    columns
}

fn table(l: &mut Layout, columns: Vec<Column>, rows: Vec<Vec<Cell>>) {
    l.table(&Table {
        columns,
        rows,
        header_style: style::TABLE_HEADER,
        zebra: true,
        min_row_height: 0.0,
    });
}

fn placement(p: &DoraPlacement) -> String {
    match p {
        DoraPlacement::Cluster(name) => name.clone(),
        DoraPlacement::Tie(verdict) => format!("{verdict} (equally near)"),
        DoraPlacement::Mixed => "Mixed profile".into(),
        DoraPlacement::Unplaced => "Too few answers to place".into(),
    }
}

/// The roll-up pages. `word` is what the organisation calls a group.
pub fn render(l: &mut Layout, r: &Rollup, word: &str, months: u32) {
    l.heading(ORGANISATION_TITLE, false, 160.0);
    l.paragraph(&organisation_intro(r), &style::BODY);

    l.subheading(SYSTEMIC_GAPS, 80.0);
    if r.systemic_gaps.is_empty() {
        l.paragraph(NO_SYSTEMIC_GAPS, &style::BODY);
    } else {
        let rows = r
            .systemic_gaps
            .iter()
            .map(|g| {
                vec![
                    Cell::text(g.dimension.clone(), style::CELL_BOLD),
                    Cell::text(format!("{} of {}", g.below, g.scored), style::CELL),
                    Cell::text(
                        format!("{:.0} %", 100.0 * f64::from(g.below) / f64::from(g.scored)),
                        style::CELL,
                    ),
                    Cell::text(
                        format!(
                            "{} own target, {} level 3",
                            g.against_target,
                            g.below - g.against_target
                        ),
                        style::CELL,
                    ),
                    Cell::text(format!("{:.1}", g.mean_shortfall), style::CELL),
                ]
            })
            .collect();
        table(
            l,
            vec![
                Column::new("Dimension", 3.0, Align::Left),
                Column::new("Teams below", 1.2, Align::Left),
                Column::new("Share", 0.8, Align::Left),
                Column::new("Measured against", 2.0, Align::Left),
                Column::new("Mean shortfall", 1.1, Align::Left),
            ],
            rows,
        );
    }
    l.paragraph(SYSTEMIC_GAPS_NOTE, &style::SMALL);

    l.subheading(LEVELS_BY_DIMENSION, 120.0);
    let rows = r
        .dimensions
        .iter()
        .map(|d| {
            let mut row = vec![Cell::text(d.name.clone(), style::CELL)];
            row.extend(spread_cells(&d.all));
            row
        })
        .collect();
    table(l, spread_columns("Dimension"), rows);
    l.paragraph(LEVELS_NOTE, &style::SMALL);

    if r.groups.iter().any(Option::is_some) {
        l.subheading(&format!("Medians by {word}"), 120.0);
        // Groups as rows, dimensions as numbered columns: 25 groups fit down a page, and
        // the dimension names are listed once below the table.
        let mut columns = vec![Column::new(capitalised(word), 2.4, Align::Left)];
        columns.extend(
            r.dimensions
                .iter()
                .enumerate()
                .map(|(i, _)| Column::new((i + 1).to_string(), 0.75, Align::Center)),
        );
        let rows = r
            .groups
            .iter()
            .enumerate()
            .map(|(g, name)| {
                let mut row = vec![Cell::text(
                    name.clone().unwrap_or_else(|| format!("No {word}")),
                    style::CELL,
                )];
                row.extend(r.dimensions.iter().map(|d| {
                    match d.groups.get(g).and_then(|s| s.spread.median) {
                        Some(m) => {
                            let fill = style::heat(m);
                            Cell::text(
                                format!("{m:.1}"),
                                TextStyle {
                                    color: style::on(fill),
                                    ..style::CELL
                                },
                            )
                            .filled(fill)
                        }
                        None => Cell::text("–", style::CELL_MUTED),
                    }
                }));
                row
            })
            .collect();
        table(l, columns, rows);
        let key: Vec<String> = r
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| format!("{} {}", i + 1, d.name))
            .collect();
        l.paragraph(&key.join(" · "), &style::SMALL);
    }

    l.subheading(MOVEMENT_TITLE, 120.0);
    l.paragraph(&movement_intro(&r.movement), &style::BODY);
    if r.movement.teams_compared > 0 {
        let rows = r
            .movement
            .counts
            .iter()
            .map(|c| {
                vec![
                    Cell::text(
                        c.dimension.clone().unwrap_or_else(|| "Overall".into()),
                        if c.dimension.is_none() {
                            style::CELL_BOLD
                        } else {
                            style::CELL
                        },
                    ),
                    number(c.improved),
                    number(c.declined),
                    number(c.compared),
                ]
            })
            .collect();
        table(
            l,
            vec![
                Column::new("Dimension", 3.0, Align::Left),
                Column::new("Improved ≥ 0.5", 1.2, Align::Center),
                Column::new("Declined ≥ 0.5", 1.2, Align::Center),
                Column::new("Teams compared", 1.2, Align::Center),
            ],
            rows,
        );
        let overall = |moves: &[devops_maturity_core::rollup::Move]| -> Vec<String> {
            moves
                .iter()
                .filter(|m| m.dimension.is_none())
                .map(|m| format!("{} ({:.1} → {:.1})", m.team, m.before, m.after))
                .collect()
        };
        for (label, list) in [
            ("Improved overall", overall(&r.movement.improved)),
            ("Declined overall", overall(&r.movement.declined)),
        ] {
            if !list.is_empty() {
                l.paragraph(&format!("{label}: {}", listed(&list, LISTED)), &style::BODY);
            }
        }
    }

    l.subheading(OUTLIERS_TITLE, 100.0);
    if r.outliers.is_empty() {
        l.paragraph(NO_OUTLIERS, &style::BODY);
    } else {
        let rows = r
            .outliers
            .iter()
            .take(LISTED)
            .map(|o| {
                vec![
                    Cell::text(o.team.clone(), style::CELL_BOLD),
                    Cell::text(o.group.clone(), style::CELL),
                    Cell::text(o.dimension.clone(), style::CELL),
                    Cell::text(format!("{:.1}", o.score), style::CELL),
                    Cell::text(format!("{:.1}", o.group_median), style::CELL),
                    Cell::text(format!("{:+.1}", o.difference), style::CELL_BOLD),
                ]
            })
            .collect();
        table(
            l,
            vec![
                Column::new("Team", 2.2, Align::Left),
                Column::new(capitalised(word), 1.8, Align::Left),
                Column::new("Dimension", 2.4, Align::Left),
                Column::new("Score", 0.8, Align::Center),
                Column::new("Median", 0.8, Align::Center),
                Column::new("Difference", 1.0, Align::Center),
            ],
            rows,
        );
        if r.outliers.len() > LISTED {
            l.paragraph(
                &format!(
                    "{} more outliers are not listed.",
                    r.outliers.len() - LISTED
                ),
                &style::SMALL,
            );
        }
    }
    l.paragraph(&outliers_note(word), &style::SMALL);

    l.subheading(DORA_TITLE, 80.0);
    if r.dora.is_empty() {
        l.paragraph(NO_TEAM_DORA, &style::BODY);
    } else {
        let rows = r
            .dora
            .iter()
            .map(|c| {
                let by: Vec<String> = c
                    .by_group
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(g, n)| {
                        format!("{} {n}", g.clone().unwrap_or_else(|| format!("no {word}")))
                    })
                    .collect();
                vec![
                    Cell::text(placement(&c.placement), style::CELL_BOLD),
                    number(c.teams),
                    Cell::text(by.join(", "), style::CELL),
                ]
            })
            .collect();
        table(
            l,
            vec![
                Column::new("Nearest cluster", 2.2, Align::Left),
                Column::new("Teams", 0.7, Align::Center),
                Column::new(format!("By {word}"), 5.0, Align::Left),
            ],
            rows,
        );
    }

    l.subheading(COVERAGE_TITLE, 60.0);
    let stale: Vec<String> = r
        .coverage
        .stale
        .iter()
        .map(|(team, last)| match last {
            Some(day) => format!("{team} (last {day})"),
            None => format!("{team} (never)"),
        })
        .collect();
    l.paragraph(&coverage_sentence(&r.coverage, months), &style::BODY);
    if !stale.is_empty() {
        l.paragraph(&listed(&stale, 40), &style::SMALL);
    }
}
