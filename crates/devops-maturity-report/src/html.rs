//! The team report as one self-contained HTML page (inline CSS and SVG, nothing loaded),
//! from the same model and the same sentences as the PDF. Used to compare printpdf with a
//! browser's print-to-PDF (`scripts/bench-pdf-vs-chromium`) and for `report --out x.html`.
//!
//! Every text from the model goes through [`escape`]; the page has no script.

use std::fmt::Write as _;

use devops_maturity_core::chart::{Anchor, Radar};

use crate::model::{LeadershipReport, TeamReport};
use crate::text::*;
use crate::{Paper, PRODUCT};

/// Escapes `&`, `<`, `>`, `"` and `'` for text and attribute values: the course's own escaping,
/// so the reports and the chapters escape alike.
pub use devops_maturity_content::markdown::escape;

fn css(paper: Paper) -> String {
    let size = match paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    format!(
        "@page {{ size: {size}; margin: 19mm 19mm 20mm; }}
body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #1b1f24; line-height: 1.3; margin: 0; }}
h1 {{ color: #1f5fbf; font-size: 16pt; border-bottom: 1.2pt solid #1f5fbf; padding-bottom: 2pt; break-after: avoid; }}
h2 {{ font-size: 11.5pt; break-after: avoid; }}
section.page {{ break-before: page; }}
.title {{ font-size: 26pt; font-weight: bold; margin: 0; }}
.kicker {{ color: #1f5fbf; font-size: 14pt; margin-top: 20%; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8pt; }}
thead {{ display: table-header-group; }}
th {{ background: #e9eef5; text-align: left; padding: 3.5pt 4pt; border-bottom: 0.8pt solid #8a96a3; }}
td {{ padding: 3.5pt 4pt; border-bottom: 0.4pt solid #d5dbe2; vertical-align: top; }}
tr {{ break-inside: avoid; }}
tbody tr:nth-child(even) td {{ background: #f6f8fa; }}
.muted {{ color: #59636e; font-size: 7.2pt; }}
.num {{ text-align: right; }}
dl {{ display: grid; grid-template-columns: 110pt 1fr; gap: 3pt 0; }}
dt {{ color: #59636e; }} dd {{ margin: 0; }}
.figures {{ display: flex; gap: 10pt; }}
.figure {{ flex: 1; background: #e9eef5; border-left: 3pt solid #1f5fbf; padding: 6pt 10pt; }}
.figure b {{ display: block; color: #1f5fbf; font-size: 17pt; }}
svg {{ width: 100%; height: auto; }}
.small {{ color: #59636e; font-size: 8pt; }}
"
    )
}

fn page(title: &str, paper: Paper, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head><body>{body}</body></html>\n",
        escape(title),
        css(paper)
    )
}

fn p(out: &mut String, class: &str, text: &str) {
    if class.is_empty() {
        let _ = write!(out, "<p>{}</p>", escape(text));
    } else {
        let _ = write!(out, "<p class=\"{class}\">{}</p>", escape(text));
    }
}

fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table><thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            // Cells arrive escaped (they may hold <br> or <b> from this module).
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "—".into(), |v| format!("{v:.1}"))
}

/// The radar as inline SVG from the same geometry as the app and the PDF.
pub fn radar_svg(r: &Radar) -> String {
    let pts = |ps: &[devops_maturity_core::chart::Point]| {
        ps.iter()
            .map(|p| format!("{:.1},{:.1}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = format!(
        "<svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"Radar chart of the current score and the target per dimension\">",
        r.width, r.height
    );
    for ring in &r.rings {
        let _ = write!(
            s,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"#d5dbe2\"/>",
            pts(ring)
        );
    }
    for axis in &r.axes {
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d5dbe2\"/>",
            r.center.x, r.center.y, axis.end.x, axis.end.y
        );
    }
    if let Some(t) = r.series.get(1) {
        let _ = write!(s, "<polygon points=\"{}\" fill=\"none\" stroke=\"#b35c00\" stroke-width=\"2\" stroke-dasharray=\"7 5\"/>", pts(&t.polygon));
    }
    if let Some(c) = r.series.first() {
        let _ = write!(s, "<polygon points=\"{}\" fill=\"#1f5fbf\" fill-opacity=\"0.22\" stroke=\"#1f5fbf\" stroke-width=\"2.5\"/>", pts(&c.polygon));
    }
    for axis in &r.axes {
        let anchor = match axis.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"15\">{}</text>",
            axis.label_at.x,
            axis.label_at.y + 5.0,
            escape(&axis.label)
        );
    }
    s.push_str("</svg>");
    s
}

/// The team report as an HTML page laid out for `paper`.
pub fn team_report(r: &TeamReport, paper: Paper) -> String {
    let mut b = String::with_capacity(200_000);
    let _ = write!(
        b,
        "<section><p class=\"kicker\">{}</p><p class=\"title\">{}</p>",
        escape(REPORT_TITLE),
        escape(&r.team)
    );
    b.push_str("<dl>");
    for (k, v) in cover_facts(r) {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    b.push_str("</dl><h2>About this report</h2>");
    p(&mut b, "", &about_team_report(r));
    b.push_str("</section>");

    let _ = write!(
        b,
        "<section class=\"page\"><h1>{}</h1>",
        escape(EXECUTIVE_SUMMARY)
    );
    p(&mut b, "", &overall_sentence(r));
    let level = r.overall_level.as_ref().map_or_else(
        || NOT_ENOUGH.to_string(),
        |l| format!("{} – {}", l.value, l.name),
    );
    let cluster = r.dora.as_ref().map_or_else(|| "—".into(), |d| d.headline());
    let _ = write!(
        b,
        "<div class=\"figures\"><div class=\"figure\">Overall maturity level<b>{}</b></div><div class=\"figure\">DORA cluster<b>{}</b></div><div class=\"figure\">Improvement plan<b>{} actions</b>{}</div></div>",
        escape(&level),
        escape(&cluster),
        r.plan.items.len(),
        if r.plan.backlog.is_empty() {
            String::new()
        } else {
            format!("{} in the backlog", r.plan.backlog.len())
        }
    );
    b.push_str("<h2>Strongest and weakest areas</h2>");
    p(&mut b, "", &areas_sentence(r));
    b.push_str("<h2>Software delivery performance (DORA)</h2>");
    p(&mut b, "", &dora_sentence(r));
    b.push_str("<h2>Three headline actions</h2><ol>");
    for a in r.plan.headline() {
        let _ = write!(
            b,
            "<li><b>{}</b> — {}</li>",
            escape(&a.title),
            escape(&headline_detail(a))
        );
    }
    b.push_str("</ol><h2>What changed since the last assessment</h2>");
    p(&mut b, "", &changes_sentence(r));
    b.push_str("</section>");

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(RADAR));
    p(&mut b, "", RADAR_INTRO);
    b.push_str(&radar_svg(&r.radar));
    p(&mut b, "small", RADAR_NOTE);
    b.push_str("</section>");

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(SCORES));
    p(&mut b, "", SCORES_INTRO);
    let rows: Vec<Vec<String>> = r
        .dimensions
        .iter()
        .map(|d| {
            vec![
                format!(
                    "<b>{}</b><br><span class=\"muted\">{}<br>rests on: {}</span>",
                    escape(&d.name),
                    escape(&d.kind),
                    escape(&d.rests_on)
                ),
                d.score.map_or_else(
                    || {
                        if d.out_of_scope {
                            OUT_OF_SCOPE
                        } else {
                            NOT_ENOUGH
                        }
                        .to_string()
                    },
                    |s| format!("{s:.1}"),
                ),
                match (d.level, &d.level_name) {
                    (Some(l), Some(n)) => format!("{l} – {}", escape(n)),
                    _ => "—".into(),
                },
                d.target.map_or_else(|| "—".into(), |t| t.to_string()),
                score(d.gap),
            ]
        })
        .collect();
    table(
        &mut b,
        &["Dimension", "Score", "Level", "Target", "Gap"],
        &rows,
    );
    b.push_str("</section>");

    if !r.by_role.is_empty() {
        let _ = write!(b, "<section><h1>{}</h1>", escape(BY_ROLE));
        p(&mut b, "", BY_ROLE_INTRO);
        if let Some(note) = roles_unstated_sentence(r.roles_unstated) {
            p(&mut b, "small", &note);
        }
        let rows: Vec<Vec<String>> = r
            .by_role
            .iter()
            .map(|x| {
                vec![
                    format!("<b>{}</b>", escape(&x.dimension)),
                    escape(&x.leaders),
                    escape(&x.practitioners),
                    score(x.team),
                    if x.apart {
                        format!("<b>{}</b>", escape(&x.difference))
                    } else {
                        escape(&x.difference)
                    },
                ]
            })
            .collect();
        table(
            &mut b,
            &[
                "Dimension",
                "Leaders",
                "Practitioners",
                "Team",
                "Difference",
            ],
            &rows,
        );
        b.push_str("</section>");
    }

    if r.respondents.len() > 1 {
        let _ = write!(b, "<section><h1>{}</h1>", escape(HOT_SPOTS));
        let rows: Vec<Vec<String>> = r
            .hot_spots
            .iter()
            .map(|h| {
                vec![
                    format!(
                        "{}<br><span class=\"muted\">{}</span>",
                        escape(&h.question),
                        escape(&h.dimension)
                    ),
                    h.answers
                        .iter()
                        .map(|a| escape(a))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                    h.spread.to_string(),
                ]
            })
            .collect();
        table(&mut b, &["Question", "Answers", "Levels apart"], &rows);
        let _ = write!(
            b,
            "</section><section class=\"page\"><h1>{}</h1>",
            escape(DISTRIBUTIONS)
        );
        for d in &r.distributions {
            let _ = write!(b, "<h2>{}</h2>", escape(&d.dimension));
            let rows: Vec<Vec<String>> = d
                .questions
                .iter()
                .map(|q| {
                    let mut row = vec![escape(&q.text)];
                    row.extend(q.counts.iter().map(|n| n.to_string()));
                    row.push((q.dont_know + q.not_applicable).to_string());
                    row.push(score(q.median));
                    row
                })
                .collect();
            table(
                &mut b,
                &["Question", "1", "2", "3", "4", "5", "?", "Median"],
                &rows,
            );
        }
        b.push_str("</section>");
    }

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(DORA));
    match &r.dora {
        Some(d) => {
            p(&mut b, "", &dora_intro(d));
            let mut headers = vec!["Key", "This team", "Nearest"];
            headers.extend(d.cluster_names.iter().map(String::as_str));
            let rows: Vec<Vec<String>> = d
                .rows
                .iter()
                .map(|row| {
                    let mut cells = vec![
                        escape(&row.metric),
                        escape(row.team.as_deref().unwrap_or("don't know")),
                        escape(
                            &devops_maturity_core::dora::verdict(&row.nearest)
                                .unwrap_or_else(|| "—".into()),
                        ),
                    ];
                    cells.extend(row.clusters.iter().map(|c| escape(c)));
                    cells
                })
                .collect();
            table(&mut b, &headers, &rows);
            p(&mut b, "", CLUSTERS_ARE_NOT_A_LADDER);
        }
        None => p(&mut b, "", NO_DORA),
    }
    b.push_str("</section>");

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(PLAN));
    p(&mut b, "", &plan_intro(&r.plan));
    let rows: Vec<Vec<String>> = r
        .plan
        .items
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                format!(
                    "<b>{}</b><br><span class=\"muted\">{}</span>",
                    escape(&a.title),
                    escape(&action_detail(a))
                ),
                reasons_line(&a.reasons)
                    .into_iter()
                    .chain(helps_reach_line(&a.reaches))
                    .fold(escape(&a.why), |cell, line| {
                        format!("{cell}<br><span class=\"muted\">{}</span>", escape(&line))
                    }),
                escape(a.owner.as_deref().unwrap_or("—")),
                escape(a.due.as_deref().unwrap_or("—")),
                escape(a.status.label()),
                format!("{} days", a.horizon),
            ]
        })
        .collect();
    table(
        &mut b,
        &["#", "Action", "Why", "Owner", "Due", "Status", "Horizon"],
        &rows,
    );
    p(&mut b, "small", HORIZON_NOTE);
    if !r.plan.backlog.is_empty() {
        let _ = write!(b, "<h2>{}</h2>", escape(BACKLOG));
        p(&mut b, "", BACKLOG_INTRO);
        let rows: Vec<Vec<String>> = r
            .plan
            .backlog
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    format!(
                        "<b>{}</b><br><span class=\"muted\">{}</span>",
                        escape(&a.title),
                        escape(&action_detail(a))
                    ),
                    escape(&reasons_line(&a.reasons).unwrap_or_default()),
                    format!("{} days", a.horizon),
                ]
            })
            .collect();
        table(&mut b, &["#", "Action", "Why here", "Horizon"], &rows);
    }
    b.push_str("</section>");

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(TREND));
    if r.trend.dates.len() < 2 {
        p(&mut b, "", FIRST_ASSESSMENT);
    } else {
        p(&mut b, "", &trend_intro(r));
        let mut headers = vec!["Dimension"];
        headers.extend(r.trend.dates.iter().map(String::as_str));
        let mut rows = vec![{
            let mut row = vec!["<b>Overall</b>".to_string()];
            row.extend(r.trend.overall.iter().map(|v| score(*v)));
            row
        }];
        for s in &r.trend.series {
            let mut row = vec![escape(&s.dimension)];
            row.extend(s.values.iter().map(|v| score(*v)));
            rows.push(row);
        }
        table(&mut b, &headers, &rows);
    }
    b.push_str("</section>");

    let _ = write!(b, "<section class=\"page\"><h1>{}</h1>", escape(APPENDIX));
    p(&mut b, "", APPENDIX_INTRO);
    for d in &r.appendix {
        let _ = write!(b, "<h2>{}</h2>", escape(&d.dimension));
        let rows: Vec<Vec<String>> = d
            .questions
            .iter()
            .map(|q| {
                let mut answers = String::new();
                for a in &q.answers {
                    match &a.respondent {
                        Some(who) => {
                            let _ =
                                write!(answers, "<b>{} · {}</b>", escape(&a.answer), escape(who));
                        }
                        None => {
                            let _ = write!(answers, "<b>{}</b>", escape(&a.answer));
                        }
                    }
                    if let Some(anchor) = &a.anchor {
                        let _ = write!(answers, "<br>{}", escape(anchor));
                    }
                    if let Some(e) = &a.evidence {
                        let _ = write!(answers, "<br><i>Evidence: {}</i>", escape(e));
                    }
                    answers.push_str("<br>");
                }
                vec![escape(&q.text), answers]
            })
            .collect();
        table(&mut b, &["Question", "Answers"], &rows);
    }
    b.push_str("</section>");
    let title = format!("{REPORT_TITLE}: {} — {PRODUCT}", r.team);
    page(&title, paper, &b)
}

/// The leadership overview as an HTML page: the table of teams and the heatmap as a table.
pub fn leadership_report(r: &LeadershipReport, paper: Paper) -> String {
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1>", escape(LEADERSHIP_TITLE));
    p(&mut b, "", &leadership_intro(r));
    organisation(&mut b, &r.rollup.rollup);
    let _ = write!(b, "<h2>{}</h2>", escape(TEAMS_AT_A_GLANCE));
    p(&mut b, "", &sort_note(r.sort));
    let no_gaps = r.no_gaps();
    let rows: Vec<Vec<String>> = r
        .teams
        .iter()
        .map(|t| {
            let listed = if no_gaps { &t.weakest } else { &t.top_gaps };
            vec![
                escape(&t.report.team),
                escape(&t.report.assessment_date),
                t.report.overall_level.as_ref().map_or_else(
                    || NOT_ENOUGH.into(),
                    |l| format!("{} – {}", l.value, escape(&l.name)),
                ),
                listed
                    .iter()
                    .map(|(n, g)| format!("{} ({g:.1})", escape(n)))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            ]
        })
        .collect();
    table(
        &mut b,
        &[
            "Team",
            "Assessed",
            "Overall level",
            if no_gaps { WEAKEST_HEADER } else { GAPS_HEADER },
        ],
        &rows,
    );
    let _ = write!(b, "<h2>{}</h2>", escape(HEATMAP));
    let mut headers = vec!["Dimension"];
    headers.extend(r.teams.iter().map(|t| t.report.team.as_str()));
    let rows: Vec<Vec<String>> = r
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut row = vec![escape(d)];
            row.extend(
                r.teams
                    .iter()
                    .map(|t| score(t.scores.get(i).copied().flatten())),
            );
            row
        })
        .collect();
    table(&mut b, &headers, &rows);
    page(LEADERSHIP_TITLE, paper, &b)
}

/// The roll-up's systemic gaps and levels per dimension (the PDF has the rest too).
fn organisation(b: &mut String, r: &devops_maturity_core::rollup::Rollup) {
    let _ = write!(b, "<h2>{}</h2>", escape(ORGANISATION_TITLE));
    p(b, "", &organisation_intro(r));
    let _ = write!(b, "<h3>{}</h3>", escape(SYSTEMIC_GAPS));
    let rows: Vec<Vec<String>> = r
        .systemic_gaps
        .iter()
        .map(|g| {
            vec![
                escape(&g.dimension),
                format!("{} of {}", g.below, g.scored),
                format!("{:.1}", g.mean_shortfall),
            ]
        })
        .collect();
    if rows.is_empty() {
        p(b, "", NO_SYSTEMIC_GAPS);
    } else {
        table(b, &["Dimension", "Teams below", "Mean shortfall"], &rows);
    }
    let _ = write!(b, "<h3>{}</h3>", escape(LEVELS_BY_DIMENSION));
    let opt = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"));
    let rows: Vec<Vec<String>> = r
        .dimensions
        .iter()
        .map(|d| {
            let mut row = vec![escape(&d.name)];
            row.extend(d.all.levels.iter().map(u32::to_string));
            row.push(d.all.missing.to_string());
            row.push(opt(d.all.median));
            row.push(format!("{}–{}", opt(d.all.q1), opt(d.all.q3)));
            row
        })
        .collect();
    table(
        b,
        &[
            "Dimension",
            "L1",
            "L2",
            "L3",
            "L4",
            "L5",
            "–",
            "Median",
            "IQR",
        ],
        &rows,
    );
    p(b, "", LEVELS_NOTE);
}
