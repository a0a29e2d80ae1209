//! Store + content + core → [`crate::model`]. Each assessment is scored against the
//! questionnaire snapshot it was answered with (`Store::questionnaire_snapshot`), never
//! against today's content; dimensions of earlier assessments are matched by id.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use devops_maturity_core::chart::current_vs_target;
use devops_maturity_core::dora::{classify, DoraModel};
use devops_maturity_core::plan::{generate, places, Decision, Horizon, ItemStatus, Place};
use devops_maturity_core::recommendations::{reaches, Action};
use devops_maturity_core::scoring::AssessmentScore;
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::assessments::{AssessmentData, AssessmentRow};
use devops_maturity_store::{settings, Store};

use crate::model::*;
use crate::ReportError;

/// What a report is made from besides the store: the DORA model (cluster tables), the
/// recommended actions (for a plan proposal when the team saved none), and whether answers
/// are shown with the names of the people who gave them.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub dora: &'a DoraModel,
    pub actions: &'a [Action],
    pub names: Names,
}

/// Whether a report names who gave which answer. [`Names::Hidden`] unless the facilitator
/// chooses otherwise when exporting: the hot-spots then show how many people chose each answer,
/// and the appendix lists answers and evidence without names, each question's answers ordered
/// by answer so that no one can be followed from question to question. The cover still lists
/// who took part.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Names {
    #[default]
    Hidden,
    Shown,
}

/// Score changes smaller than this count as unchanged.
const CHANGE_THRESHOLD: f64 = 0.1;

/// The report on one completed assessment.
pub fn team_report(
    store: &Store,
    sources: Sources<'_>,
    assessment_id: i64,
    now: DateTime<Utc>,
) -> Result<TeamReport, ReportError> {
    report_of(store, sources, assessment_id, now, Detail::Full)
}

/// How much of a team's report to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    /// What the leadership overview's glance table reads (scores, levels, gaps, DORA), for a
    /// summary without team pages: no history, plan, distributions, hot-spots or appendix.
    Glance,
}

fn report_of(
    store: &Store,
    sources: Sources<'_>,
    assessment_id: i64,
    now: DateTime<Utc>,
    detail: Detail,
) -> Result<TeamReport, ReportError> {
    let full = detail == Detail::Full;
    let row = store.assessment(assessment_id)?;
    if !row.status.is_completed() {
        return Err(ReportError::Invalid(format!(
            "assessment {assessment_id} is still in progress; a report needs a completed assessment"
        )));
    }
    let team = store.team(row.team_id)?;
    let data = store.assessment_data(assessment_id)?;
    let q = store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
    let score = devops_maturity_core::score(&q, &data.answers, &data.choices);
    let organisation = store
        .setting(settings::ORGANISATION)?
        .filter(|o| !o.trim().is_empty());

    let levels: Vec<LevelInfo> = q
        .levels
        .iter()
        .map(|l| LevelInfo {
            value: l.value,
            name: l.name.clone(),
            description: l.description.clone(),
        })
        .collect();
    let level_info = |l: u8| levels.iter().find(|x| x.value == l).cloned();
    let dimensions: Vec<DimensionRow> = score
        .dimensions
        .iter()
        .map(|d| DimensionRow {
            id: d.dimension_id.to_string(),
            name: d.name.to_string(),
            kind: d.kind.label().to_string(),
            score: d.score,
            out_of_scope: d.out_of_scope,
            rests_on: d.rests_on(),
            level: d.level,
            level_name: d.level.map(|l| q.level_name(l).to_string()),
            target: d.target,
            gap: d.gap,
            weight: d.weight,
        })
        .collect();
    let (strongest, weakest) = extremes(&dimensions);
    let by_role: Vec<RoleRow> = score
        .by_role
        .iter()
        .map(|s| RoleRow {
            dimension: s.name.to_string(),
            leaders: s.leaders.in_words(),
            practitioners: s.practitioners.in_words(),
            team: s.team,
            difference: s.difference_words.clone(),
            apart: s.apart,
        })
        .collect();

    let history = if full {
        history(store, &team_history_rows(store, row.team_id, &row)?)?
    } else {
        Vec::new()
    };
    let changes = changes(&dimensions, score.overall, &history);
    let trend = trend(&q, &history, &score);

    Ok(TeamReport {
        organisation,
        team: team.name,
        assessment_id,
        assessment_date: long_date(row.dated_at()),
        prepared: now.format("%-d %B %Y").to_string(),
        facilitator: row.facilitator.clone(),
        questionnaire: QuestionnaireInfo {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.clone(),
            quick_scan: q.quick_scan,
        },
        respondents: data.answers.iter().map(|r| r.name.clone()).collect(),
        roles_unstated: data.answers.iter().filter(|r| r.role.is_none()).count(),
        by_role,
        overall: score.overall,
        overall_level: score.overall_level.and_then(level_info),
        overall_dimensions: (score.overall_dimensions, score.in_scope_dimensions),
        radar: current_vs_target(&score),
        distributions: if full {
            distributions(&q, &score)
        } else {
            Vec::new()
        },
        hot_spots: if full {
            hot_spots(&q, &score, &data, sources.names)
        } else {
            Vec::new()
        },
        dora: dora_section(sources.dora, &row, &data),
        plan: if full {
            plan_section(store, sources, &q, &score, assessment_id)?
        } else {
            PlanSection {
                proposal: false,
                items: Vec::new(),
                backlog: Vec::new(),
                focus: 0,
                rejected: 0,
            }
        },
        appendix: if full {
            appendix(&q, &data, sources.names)
        } else {
            Vec::new()
        },
        levels,
        dimensions,
        strongest,
        weakest,
        changes,
        trend,
    })
}

/// The latest completed assessment of a team, if any.
pub fn latest_completed(store: &Store, team_id: i64) -> Result<Option<i64>, ReportError> {
    Ok(store
        .assessments_of(team_id)?
        .into_iter()
        .filter(|a| a.status.is_completed())
        .max_by(|a, b| completed_key(a).cmp(&completed_key(b)))
        .map(|a| a.id))
}

/// Resolves the CLI's `--team NAME [--assessment ID]` to an assessment id, with an error
/// that says what is wrong: an unknown team, an assessment of another team, or no completed
/// assessment.
pub fn resolve(
    store: &Store,
    team_name: &str,
    assessment: Option<i64>,
) -> Result<i64, ReportError> {
    let team = store.team_by_name(team_name)?.ok_or_else(|| {
        let known: Vec<String> = store
            .teams()
            .map(|t| t.into_iter().map(|t| t.name).collect())
            .unwrap_or_default();
        ReportError::NotFound(if known.is_empty() {
            format!("no team named \"{team_name}\" (there are no teams yet)")
        } else {
            format!(
                "no team named \"{team_name}\"; the teams are: {}",
                known.join(", ")
            )
        })
    })?;
    match assessment {
        Some(id) => {
            let row = store
                .assessment(id)
                .map_err(|_| ReportError::NotFound(format!("there is no assessment {id}")))?;
            if row.team_id != team.id {
                return Err(ReportError::Invalid(format!(
                    "assessment {id} belongs to another team, not to \"{}\"",
                    team.name
                )));
            }
            Ok(id)
        }
        None => latest_completed(store, team.id)?.ok_or_else(|| {
            ReportError::NotFound(format!(
                "team \"{}\" has no completed assessment yet; finish one first",
                team.name
            ))
        }),
    }
}

/// A team without a completed assessment in this many months is "not covered".
pub const COVERAGE_MONTHS: u32 = 6;

/// The first day that counts as recent for coverage: [`COVERAGE_MONTHS`] before `now`'s UTC
/// day (31 August less six months is 28 February, or 29 in a leap year).
pub fn covered_since(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive()
        .checked_sub_months(chrono::Months::new(COVERAGE_MONTHS))
        .unwrap_or(NaiveDate::MIN)
}

/// The order of the leadership overview's teams.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Natural order of names (Team 2 before Team 10).
    #[default]
    Name,
    /// Lowest overall score first; teams without one last.
    Level,
    /// Largest weighted gap to target first (the sum over dimensions of gap × weight).
    Gap,
}

/// What the leadership overview holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadershipOptions {
    /// Only the teams of these groups (ids); empty: every team.
    pub groups: Vec<i64>,
    /// The overview without a page per team.
    pub summary: bool,
    pub sort: Sort,
}

/// Every team's latest completed assessment, side by side, with each team's report.
pub fn leadership_report(
    store: &Store,
    sources: Sources<'_>,
    options: &LeadershipOptions,
    now: DateTime<Utc>,
) -> Result<LeadershipReport, ReportError> {
    let mut reports = Vec::new();
    let mut not_assessed = Vec::new();
    let list = store.group_list()?;
    let group_names: Vec<String> = list
        .groups
        .iter()
        .filter(|g| options.groups.contains(&g.id))
        .map(|g| g.name.clone())
        .collect();
    let in_scope = |group: Option<i64>| {
        options.groups.is_empty() || group.is_some_and(|g| options.groups.contains(&g))
    };
    for team in store.teams()?.into_iter().filter(|t| in_scope(t.group_id)) {
        match latest_completed(store, team.id)? {
            Some(id) => {
                let detail = if options.summary {
                    Detail::Glance
                } else {
                    Detail::Full
                };
                reports.push(report_of(store, sources, id, now, detail)?);
            }
            None => not_assessed.push(team.name),
        }
    }
    if reports.is_empty() {
        return Err(ReportError::NotFound(if options.groups.is_empty() {
            "no team has a completed assessment yet, so there is nothing to compare".into()
        } else {
            format!(
                "no team of {} has a completed assessment yet, so there is nothing to compare",
                group_names.join(", ")
            )
        }));
    }
    // Rows: the dimensions of the newest questionnaire version in use, then any other
    // dimension an older version had.
    let newest = reports
        .iter()
        .max_by(|a, b| {
            version_key(&a.questionnaire.version).cmp(&version_key(&b.questionnaire.version))
        })
        .map(|r| r.dimensions.clone())
        .unwrap_or_default();
    let mut ids: Vec<(String, String)> = newest
        .iter()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect();
    for r in &reports {
        for d in &r.dimensions {
            if !ids.iter().any(|(id, _)| id == &d.id) {
                ids.push((d.id.clone(), d.name.clone()));
            }
        }
    }
    let levels = reports[0].levels.clone();
    let teams = reports
        .into_iter()
        .map(|report| {
            let scores = ids
                .iter()
                .map(|(id, _)| {
                    report
                        .dimensions
                        .iter()
                        .find(|d| &d.id == id)
                        .and_then(|d| d.score)
                })
                .collect();
            let mut gaps: Vec<(String, f64, f64)> = report
                .dimensions
                .iter()
                .filter_map(|d| {
                    d.gap
                        .filter(|g| *g > 0.0)
                        .map(|g| (d.name.clone(), g, g * d.weight))
                })
                .collect();
            gaps.sort_by(|a, b| b.2.total_cmp(&a.2));
            let weighted_gap = gaps.iter().map(|(_, _, w)| w).sum();
            // The lowest scores, for when no targets were set (stable: questionnaire order
            // among equal scores).
            let mut weakest: Vec<(String, f64)> = report
                .dimensions
                .iter()
                .filter_map(|d| d.score.map(|s| (d.name.clone(), s)))
                .collect();
            weakest.sort_by(|a, b| a.1.total_cmp(&b.1));
            weakest.truncate(3);
            TeamOverview {
                scores,
                top_gaps: gaps.into_iter().take(3).map(|(n, g, _)| (n, g)).collect(),
                weighted_gap,
                weakest,
                report,
            }
        })
        .collect::<Vec<TeamOverview>>();
    let mut teams = teams;
    match options.sort {
        // `store.teams()` is in natural order already, and the sorts below are stable.
        Sort::Name => {}
        Sort::Level => teams.sort_by(|a, b| match (a.report.overall, b.report.overall) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
        Sort::Gap => teams.sort_by(|a, b| b.weighted_gap.total_cmp(&a.weighted_gap)),
    }
    let since = covered_since(now);
    let rollup = devops_maturity_views::organisation::organisation(
        store,
        sources.dora,
        &devops_maturity_views::organisation::Scope {
            groups: options.groups.clone(),
        },
        since,
        COVERAGE_MONTHS,
    )?;
    Ok(LeadershipReport {
        organisation: store
            .setting(settings::ORGANISATION)?
            .filter(|o| !o.trim().is_empty()),
        prepared: now.format("%-d %B %Y").to_string(),
        dimensions: ids.into_iter().map(|(_, name)| name).collect(),
        teams,
        not_assessed,
        levels,
        word: list.word,
        groups: group_names,
        summary: options.summary,
        sort: options.sort,
        rollup,
    })
}

fn version_key(v: &str) -> Vec<u64> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

fn completed_key(a: &AssessmentRow) -> (DateTime<Utc>, i64) {
    (a.dated_at(), a.id)
}

/// The team's completed assessments up to and including `current`, oldest first.
fn team_history_rows(
    store: &Store,
    team_id: i64,
    current: &AssessmentRow,
) -> Result<Vec<AssessmentRow>, ReportError> {
    let key = completed_key(current);
    let mut rows: Vec<AssessmentRow> = store
        .assessments_of(team_id)?
        .into_iter()
        .filter(|a| a.status.is_completed() && completed_key(a) <= key)
        .collect();
    rows.sort_by_key(completed_key);
    Ok(rows)
}

/// One point of the team's history: when, and each dimension's score by id.
struct Point {
    date: DateTime<Utc>,
    overall: Option<f64>,
    scores: BTreeMap<String, Option<f64>>,
}

/// The team's history, each assessment scored against its own snapshot: the app's team
/// history and this report read the same [`devops_maturity_views::history::scored`].
fn history(store: &Store, rows: &[AssessmentRow]) -> Result<Vec<Point>, ReportError> {
    Ok(devops_maturity_views::history::scored(store, rows)?
        .into_iter()
        .map(|s| Point {
            date: s.data.assessment.dated_at(),
            overall: s.overall,
            scores: s.dimensions.into_iter().map(|d| (d.id, d.score)).collect(),
        })
        .collect())
}

fn changes(
    dimensions: &[DimensionRow],
    overall: Option<f64>,
    history: &[Point],
) -> Option<Changes> {
    let previous = history.len().checked_sub(2).map(|i| &history[i])?;
    let mut improved = Vec::new();
    let mut declined = Vec::new();
    let mut unchanged = 0;
    for d in dimensions {
        let (Some(now), Some(Some(before))) = (d.score, previous.scores.get(&d.id)) else {
            continue;
        };
        let delta = now - before;
        if delta >= CHANGE_THRESHOLD - 1e-9 {
            improved.push((d.name.clone(), delta));
        } else if delta <= -CHANGE_THRESHOLD + 1e-9 {
            declined.push((d.name.clone(), delta));
        } else {
            unchanged += 1;
        }
    }
    improved.sort_by(|a, b| b.1.total_cmp(&a.1));
    declined.sort_by(|a, b| a.1.total_cmp(&b.1));
    Some(Changes {
        previous_date: long_date(previous.date),
        overall_before: previous.overall,
        overall_now: overall,
        improved,
        declined,
        unchanged,
    })
}

fn trend(q: &Questionnaire, history: &[Point], score: &AssessmentScore<'_>) -> Trend {
    let mut dates: Vec<String> = history.iter().map(|p| month(p.date)).collect();
    // Two assessments in one month: show the day too.
    let duplicated = (1..dates.len()).any(|i| dates[..i].contains(&dates[i]));
    if duplicated {
        dates = history.iter().map(|p| short_date(p.date)).collect();
    }
    Trend {
        dates,
        overall: history.iter().map(|p| p.overall).collect(),
        series: q
            .dimensions
            .iter()
            .zip(&score.dimensions)
            .map(|(d, _)| TrendSeries {
                dimension: d.name.clone(),
                values: history
                    .iter()
                    .map(|p| p.scores.get(&d.id).copied().flatten())
                    .collect(),
            })
            .collect(),
    }
}

/// Up to three strongest and three weakest scored dimensions. A dimension is in at most one
/// of the two lists.
fn extremes(dimensions: &[DimensionRow]) -> (Vec<String>, Vec<String>) {
    let mut scored: Vec<(&str, f64)> = dimensions
        .iter()
        .filter_map(|d| d.score.map(|s| (d.name.as_str(), s)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let n = (scored.len() / 2).min(3);
    let strongest = scored[..n]
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let weakest = scored[scored.len() - n..]
        .iter()
        .rev()
        .map(|(name, _)| name.to_string())
        .collect();
    (strongest, weakest)
}

fn question_text(q: &Questionnaire, id: &str) -> String {
    q.question_text(id).to_string()
}

fn dimension_name(q: &Questionnaire, id: &str) -> String {
    q.dimension_name(id).to_string()
}

fn distributions(q: &Questionnaire, score: &AssessmentScore<'_>) -> Vec<DimensionDistribution> {
    if score.respondents < 2 {
        return Vec::new();
    }
    q.dimensions
        .iter()
        .map(|d| DimensionDistribution {
            dimension: d.name.clone(),
            questions: score
                .questions
                .iter()
                .filter(|s| s.dimension_id == d.id)
                .map(|s| QuestionDistribution {
                    text: question_text(q, s.question_id),
                    counts: s.distribution,
                    dont_know: s.dont_know,
                    not_applicable: s.not_applicable,
                    median: s.median,
                    spread: s.spread,
                    disagreement: s.disagreement,
                })
                .collect(),
        })
        .collect()
}

fn answer_label(answer: Option<Answer>, q: &Questionnaire) -> String {
    match answer {
        Some(Answer::Level(l)) => format!("{l} – {}", q.level_name(l)),
        Some(Answer::DontKnow) => "don't know".into(),
        Some(Answer::NotApplicable) => "not applicable".into(),
        None => "no answer".into(),
    }
}

fn hot_spots(
    q: &Questionnaire,
    score: &AssessmentScore<'_>,
    data: &AssessmentData,
    names: Names,
) -> Vec<HotSpot> {
    score
        .hot_spots
        .iter()
        .filter_map(|id| score.questions.iter().find(|s| s.question_id == *id))
        .map(|s| {
            let given = data.answers.iter().map(|r| {
                let a = r.answers.get(s.question_id).copied();
                let text = match a {
                    Some(Answer::Level(l)) => l.to_string(),
                    other => answer_label(other, q),
                };
                (r.name.as_str(), a, text)
            });
            let answers = match names {
                Names::Shown => given.map(|(who, _, a)| format!("{who}: {a}")).collect(),
                Names::Hidden => {
                    // How many people gave each answer: levels first, lowest first.
                    let mut counted: Vec<(u8, String, u32)> = Vec::new();
                    for (_, a, text) in given {
                        let order = match a {
                            Some(Answer::Level(l)) => l,
                            Some(Answer::DontKnow) => 6,
                            Some(Answer::NotApplicable) => 7,
                            None => 8,
                        };
                        match counted.iter_mut().find(|c| c.0 == order) {
                            Some(c) => c.2 += 1,
                            None => counted.push((order, text, 1)),
                        }
                    }
                    counted.sort_by_key(|c| c.0);
                    counted
                        .into_iter()
                        .map(|(order, text, n)| {
                            let what = if order <= 5 {
                                format!("level {text}")
                            } else {
                                text
                            };
                            format!("{n} × {what}")
                        })
                        .collect()
                }
            };
            HotSpot {
                dimension: dimension_name(q, s.dimension_id),
                question: question_text(q, s.question_id),
                spread: s.spread,
                answers,
            }
        })
        .collect()
}

fn dora_section(
    model: &DoraModel,
    row: &AssessmentRow,
    data: &AssessmentData,
) -> Option<DoraSection> {
    let c = classify(model, row.dora_year, &data.dora)?;
    let cluster_names = c
        .rows
        .first()
        .map(|r| r.clusters.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    Some(DoraSection {
        year: c.year,
        nearest: c.nearest,
        verdict: c.verdict,
        cluster_names,
        rows: c
            .rows
            .into_iter()
            .map(|r| DoraRow {
                metric: r.metric,
                team: r.team,
                clusters: r.clusters.into_iter().map(|(_, v)| v).collect(),
                nearest: r.nearest,
            })
            .collect(),
        distances: c
            .distances
            .into_iter()
            .map(|d| (d.cluster, d.mean))
            .collect(),
        answered: c.answered,
        metrics: c.metrics,
        groups: c
            .groups
            .into_iter()
            .map(|g| (g.name, g.verdict, g.answered))
            .collect(),
        mixed: c.mixed.map(|m| m.message),
        note: c.note,
    })
}

fn plan_section(
    store: &Store,
    sources: Sources<'_>,
    q: &Questionnaire,
    score: &AssessmentScore<'_>,
    assessment_id: i64,
) -> Result<PlanSection, ReportError> {
    let weakest = store.weakest_dora(assessment_id, sources.dora)?;
    let focus = store.plan_focus()?;
    let weight = |dimension: &str| {
        score
            .dimensions
            .iter()
            .find(|d| d.dimension_id == dimension)
            .map_or(1.0, |d| d.weight)
    };
    let metric_name = |id: &str| {
        sources
            .dora
            .metric(id)
            .map_or_else(|| id.to_string(), |m| m.name.to_lowercase())
    };
    // (row, horizon, decision, status, why) in plan order.
    let mut rows: Vec<(PlanRow, Horizon, Decision, ItemStatus)> = Vec::new();
    let proposal = match store.plan_of(assessment_id)? {
        Some(plan) => {
            for i in plan.items {
                let why = i.why(weight(&i.dimension_id), &weakest);
                let row = PlanRow {
                    reaches: reaches(sources.actions, i.action_id.as_deref(), q),
                    dimension: dimension_name(q, &i.dimension_id),
                    effort: i.effort.code().into(),
                    quick_win: i.quick_win,
                    horizon: i.horizon.days(),
                    owner: i.owner.filter(|o| !o.trim().is_empty()),
                    due: i.due.map(due_date),
                    status: i.status,
                    decision: i.decision,
                    notes: i.notes.filter(|n| !n.trim().is_empty()),
                    reasons: why.sentences(metric_name),
                    title: i.title,
                    why: i.why,
                };
                rows.push((row, i.horizon, i.decision, i.status));
            }
            false
        }
        None => {
            let mut actions = generate(score, sources.actions, &weakest).actions;
            // Plan order: horizon, then rank.
            actions.sort_by_key(|p| p.horizon);
            for p in actions {
                let why = p.why(weight(&p.action.dimension));
                let row = PlanRow {
                    reaches: p.action.reaches(q),
                    title: p.action.title.clone(),
                    why: p.action.why.clone(),
                    dimension: dimension_name(q, &p.action.dimension),
                    effort: p.action.effort.code().into(),
                    quick_win: p.quick_win,
                    horizon: p.horizon.days(),
                    owner: None,
                    due: None,
                    status: ItemStatus::Planned,
                    decision: Decision::Proposed,
                    notes: None,
                    reasons: why.sentences(metric_name),
                };
                rows.push((row, p.horizon, Decision::Proposed, ItemStatus::Planned));
            }
            true
        }
    };
    let placed = places(rows.iter().map(|(_, h, d, s)| (*h, *d, *s)), focus);
    let mut section = PlanSection {
        proposal,
        items: Vec::new(),
        backlog: Vec::new(),
        focus,
        rejected: 0,
    };
    for ((row, ..), place) in rows.into_iter().zip(placed) {
        match place {
            Place::Focus | Place::Finished => section.items.push(row),
            Place::Backlog => section.backlog.push(row),
            Place::Rejected => section.rejected += 1,
        }
    }
    Ok(section)
}

fn appendix(q: &Questionnaire, data: &AssessmentData, names: Names) -> Vec<AppendixDimension> {
    q.dimensions
        .iter()
        .map(|d| AppendixDimension {
            dimension: d.name.clone(),
            questions: q
                .questions_of(&d.id)
                .map(|question| {
                    let mut answers: Vec<(Option<Answer>, AppendixAnswer)> = data
                        .answers
                        .iter()
                        .map(|r| {
                            let a = r.answers.get(&question.id).copied();
                            let answer = AppendixAnswer {
                                respondent: (names == Names::Shown).then(|| r.name.clone()),
                                answer: answer_label(a, q),
                                anchor: a
                                    .and_then(Answer::level)
                                    .and_then(|l| question.anchors.get(usize::from(l) - 1))
                                    .cloned(),
                                evidence: r
                                    .evidence
                                    .get(&question.id)
                                    .filter(|e| !e.trim().is_empty())
                                    .cloned(),
                            };
                            (a, answer)
                        })
                        .collect();
                    if names == Names::Hidden {
                        // Not in respondent order, which would let a reader follow one person.
                        answers.sort_by_key(|(a, answer)| {
                            (
                                a.map_or(9, |a| a.level().unwrap_or(6)),
                                answer.evidence.clone(),
                            )
                        });
                    }
                    AppendixQuestion {
                        id: question.id.clone(),
                        text: question.text.clone(),
                        answers: answers.into_iter().map(|(_, answer)| answer).collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// "23 November 2026", the UTC day.
fn long_date(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

/// "23 Nov 2026".
fn short_date(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y").to_string()
}

/// "Nov 2026".
fn month(at: DateTime<Utc>) -> String {
    at.format("%b %Y").to_string()
}

/// A due date as "15 Jan 2027".
fn due_date(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_starts_six_calendar_months_before_the_utc_day() {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        let day = |d: &str| devops_maturity_core::date::iso_date(d).unwrap();
        for (now, since) in [
            ("2026-12-06T10:00:00Z", "2026-06-06"),
            // No 31 February: the month's last day.
            ("2026-08-31T10:00:00Z", "2026-02-28"),
            ("2028-08-31T10:00:00Z", "2028-02-29"),
            // 23:30 on 30 November an hour west of UTC is already 1 December in UTC.
            ("2026-11-30T23:30:00-01:00", "2026-06-01"),
        ] {
            assert_eq!(covered_since(at(now)), day(since), "{now}");
        }
    }

    fn row(name: &str, score: Option<f64>) -> DimensionRow {
        DimensionRow {
            id: name.to_lowercase(),
            name: name.into(),
            kind: String::new(),
            score,
            out_of_scope: false,
            rests_on: String::new(),
            level: None,
            level_name: None,
            target: None,
            gap: None,
            weight: 1.0,
        }
    }

    #[test]
    fn strongest_and_weakest_never_overlap() {
        let dims = [
            row("A", Some(4.0)),
            row("B", Some(1.5)),
            row("C", None),
            row("D", Some(3.0)),
        ];
        let (strong, weak) = extremes(&dims);
        assert_eq!(strong, ["A"], "three scored dimensions: one each side");
        assert_eq!(weak, ["B"]);
        let (strong, weak) = extremes(&[row("A", Some(2.0))]);
        assert!(
            strong.is_empty() && weak.is_empty(),
            "one dimension is neither"
        );
    }

    #[test]
    fn dates_read_like_dates() {
        let at = |text| devops_maturity_core::date::moment(text).unwrap();
        assert_eq!(long_date(at("2026-11-23T10:00:00Z")), "23 November 2026");
        // The UTC day: half past midnight in Athens is the day before.
        assert_eq!(
            long_date(at("2026-11-24T00:30:00+02:00")),
            "23 November 2026"
        );
        assert_eq!(month(at("2026-03-02T10:00:00Z")), "Mar 2026");
        assert_eq!(
            due_date(devops_maturity_core::date::iso_date("2027-01-15").unwrap()),
            "15 Jan 2027"
        );
    }
}
