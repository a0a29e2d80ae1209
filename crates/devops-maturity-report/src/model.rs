//! The report as data: every word and number a report shows, already computed and formatted,
//! so the PDF and HTML renderers only place it. Built by [`crate::assemble`].

use devops_maturity_core::chart::Radar;
use devops_maturity_core::plan::{Decision, ItemStatus};
use devops_maturity_core::recommendations::Reach;

/// One team's report on one completed assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamReport {
    pub organisation: Option<String>,
    pub team: String,
    pub assessment_id: i64,
    /// The day the assessment was completed, e.g. "23 November 2026".
    pub assessment_date: String,
    /// The day the report was made (the caller's `now`).
    pub prepared: String,
    pub facilitator: Option<String>,
    pub questionnaire: QuestionnaireInfo,
    pub respondents: Vec<String>,
    /// Level number, name and description, for the legend of levels.
    pub levels: Vec<LevelInfo>,
    pub overall: Option<f64>,
    pub overall_level: Option<LevelInfo>,
    /// How many dimension scores the overall averages, of how many dimensions in scope.
    pub overall_dimensions: (u32, u32),
    pub dimensions: Vec<DimensionRow>,
    /// Leaders apart from practitioners on the leadership dimensions (scoring rule 10); empty
    /// when no respondent leads the team.
    pub by_role: Vec<RoleRow>,
    /// Respondents who did not say their role (they count on neither side of `by_role`).
    pub roles_unstated: usize,
    /// Up to three scored dimensions, highest first.
    pub strongest: Vec<String>,
    /// Up to three scored dimensions, lowest first.
    pub weakest: Vec<String>,
    pub radar: Radar,
    /// Per dimension, the answers per question; empty with a single respondent.
    pub distributions: Vec<DimensionDistribution>,
    /// Questions whose answers are two or more levels apart, widest first.
    pub hot_spots: Vec<HotSpot>,
    pub dora: Option<DoraSection>,
    pub plan: PlanSection,
    /// Compared with the team's previous completed assessment, if any.
    pub changes: Option<Changes>,
    pub trend: Trend,
    pub appendix: Vec<AppendixDimension>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The short form (core `Questionnaire::quick_scan`): said on the cover.
    pub quick_scan: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LevelInfo {
    pub value: u8,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionRow {
    pub id: String,
    pub name: String,
    /// "DASA principle", "Skill area" or "Knowledge area".
    pub kind: String,
    /// `None`: not enough answers, or out of scope.
    pub score: Option<f64>,
    /// Every answer was "not applicable".
    pub out_of_scope: bool,
    /// What the score rests on, in words (`DimensionScore::rests_on`).
    pub rests_on: String,
    pub level: Option<u8>,
    pub level_name: Option<String>,
    pub target: Option<u8>,
    /// target − score, when both exist.
    pub gap: Option<f64>,
    pub weight: f64,
}

/// One leadership dimension's scores by role, in words (core `RoleSplit`).
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub dimension: String,
    /// "4.5 (1 of 1)": the leaders' score and how many of them it rests on.
    pub leaders: String,
    pub practitioners: String,
    pub team: Option<f64>,
    /// "leaders 2.2 higher — a level or more apart", "the same" …
    pub difference: String,
    /// A level or more apart.
    pub apart: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionDistribution {
    pub dimension: String,
    pub questions: Vec<QuestionDistribution>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionDistribution {
    pub text: String,
    /// Respondents per level, index 0 = level 1.
    pub counts: [u32; 5],
    pub dont_know: u32,
    pub not_applicable: u32,
    pub median: Option<f64>,
    pub spread: u8,
    pub disagreement: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HotSpot {
    pub dimension: String,
    pub question: String,
    pub spread: u8,
    /// One line per answer: "Bea: 4" in respondent order when names are shown, else how many
    /// people gave each answer ("2 × level 4"), lowest level first.
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DoraSection {
    pub year: u16,
    /// The nearest clusters: one, or several when the answers are exactly as near to each;
    /// empty when too few keys were answered.
    pub nearest: Vec<String>,
    /// `nearest` in words: "High", "between Medium and Low".
    pub verdict: Option<String>,
    pub cluster_names: Vec<String>,
    /// The per-metric table, the main display.
    pub rows: Vec<DoraRow>,
    /// Mean distance to each cluster sharing an answered key, in cluster order; empty when
    /// nothing could be compared.
    pub distances: Vec<(String, f64)>,
    /// Keys the placement rests on, of `metrics` asked.
    pub answered: u32,
    pub metrics: u32,
    /// Throughput and stability placed separately: (group name, verdict, keys compared).
    pub groups: Vec<(String, Option<String>, u32)>,
    /// Set when the keys point to clusters two or more apart: the sentence saying so.
    pub mixed: Option<String>,
    /// The content's note on reading the clusters.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DoraRow {
    pub metric: String,
    /// `None`: don't know or not answered.
    pub team: Option<String>,
    /// One value per cluster, in cluster order.
    pub clusters: Vec<String>,
    /// The clusters nearest the team's answer for this key alone.
    pub nearest: Vec<String>,
}

impl DoraSection {
    /// The short figure for summaries: "Mixed" for a mixed profile, else the verdict, else
    /// "not named".
    pub fn headline(&self) -> String {
        if self.mixed.is_some() {
            "Mixed".into()
        } else {
            self.verdict.clone().unwrap_or_else(|| "not named".into())
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanSection {
    /// True when no plan was saved and this one was generated for the report: a proposal.
    pub proposal: bool,
    /// The focus and what is finished, in plan order: horizon, then position. Rejected items
    /// and the backlog are left out.
    pub items: Vec<PlanRow>,
    /// Open actions past the focus limit, in plan order.
    pub backlog: Vec<PlanRow>,
    /// Open actions per horizon (`core::plan::focus`).
    pub focus: u8,
    /// How many items the team rejected (not shown).
    pub rejected: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub title: String,
    pub why: String,
    pub dimension: String,
    /// "S", "M" or "L".
    pub effort: String,
    pub quick_win: bool,
    /// 30, 60 or 90 days.
    pub horizon: u16,
    pub owner: Option<String>,
    /// e.g. "15 Jan 2027".
    pub due: Option<String>,
    /// Shown by its label ("in progress").
    pub status: ItemStatus,
    /// Proposed or accepted (a team's own action is accepted; rejected ones are not rows).
    pub decision: Decision,
    pub notes: Option<String>,
    /// Why it is in the plan, where it is: "gap 1.8 × weight 1.5 = 2.7", "moves change lead
    /// time, the team's weakest DORA metric", "quick win …".
    pub reasons: Vec<String>,
    /// The questionnaire anchors the action helps reach, in the words of the assessment's
    /// questionnaire; empty for the team's own actions and actions the content no longer has.
    pub reaches: Vec<Reach>,
}

impl PlanSection {
    /// The first three items still to do (not done, not dropped), in plan order.
    pub fn headline(&self) -> Vec<&PlanRow> {
        self.items
            .iter()
            .filter(|i| !matches!(i.status, ItemStatus::Done | ItemStatus::Dropped))
            .take(3)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub previous_date: String,
    pub overall_before: Option<f64>,
    pub overall_now: Option<f64>,
    /// Dimensions whose score rose by at least a tenth, largest rise first.
    pub improved: Vec<(String, f64)>,
    /// Dimensions whose score fell by at least a tenth, largest fall first.
    pub declined: Vec<(String, f64)>,
    /// Dimensions within ±0.1.
    pub unchanged: u32,
}

/// The dimensions over the team's completed assessments up to this one, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Short date of each assessment, e.g. "Mar 2026".
    pub dates: Vec<String>,
    pub overall: Vec<Option<f64>>,
    pub series: Vec<TrendSeries>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub dimension: String,
    /// One value per date; `None` where there was no score (or the dimension did not exist).
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppendixDimension {
    pub dimension: String,
    pub questions: Vec<AppendixQuestion>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppendixQuestion {
    pub id: String,
    pub text: String,
    pub answers: Vec<AppendixAnswer>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppendixAnswer {
    /// `None` when the report does not name people (`assemble::Names::Hidden`).
    pub respondent: Option<String>,
    /// "3 – Defined", "don't know", "not applicable" or "no answer".
    pub answer: String,
    /// The anchor text of the chosen level.
    pub anchor: Option<String>,
    pub evidence: Option<String>,
}

/// The overview for leadership: every team's latest completed assessment side by side, then
/// one page per team.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadershipReport {
    pub organisation: Option<String>,
    pub prepared: String,
    /// Dimension names, the heatmap's rows (the newest questionnaire's order).
    pub dimensions: Vec<String>,
    pub teams: Vec<TeamOverview>,
    /// Teams without a completed assessment.
    pub not_assessed: Vec<String>,
    pub levels: Vec<LevelInfo>,
    /// What the organisation calls a group.
    pub word: String,
    /// The groups the overview is narrowed to; empty: every team.
    pub groups: Vec<String>,
    /// No page per team.
    pub summary: bool,
    pub sort: crate::assemble::Sort,
    /// The roll-up of the same teams, the first pages.
    pub rollup: devops_maturity_views::organisation::Organisation,
}

impl LeadershipReport {
    /// True when no team has a gap to a target (none set targets, or every team meets its
    /// own): the glance table then shows each team's weakest dimensions instead.
    pub fn no_gaps(&self) -> bool {
        self.teams.iter().all(|t| t.top_gaps.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TeamOverview {
    pub report: TeamReport,
    /// One value per [`LeadershipReport::dimensions`].
    pub scores: Vec<Option<f64>>,
    /// The largest gaps to target, largest first: (dimension, gap).
    pub top_gaps: Vec<(String, f64)>,
    /// The sum over dimensions of gap × weight (0 without gaps), for `Sort::Gap`.
    pub weighted_gap: f64,
    /// The three lowest dimension scores, lowest first: (dimension, score).
    pub weakest: Vec<(String, f64)>,
}

impl TeamReport {
    /// Every text of the report that a person typed, with a name for its field that a user
    /// recognises, e.g. `("the evidence of Bea on question courage-2", "…")`.
    pub fn typed_fields(&self) -> Vec<(String, &str)> {
        let mut fields: Vec<(String, &str)> = Vec::new();
        if let Some(org) = &self.organisation {
            fields.push(("the organisation".into(), org));
        }
        fields.push(("the team name".into(), &self.team));
        if let Some(f) = &self.facilitator {
            fields.push(("the facilitator's name".into(), f));
        }
        for (i, name) in self.respondents.iter().enumerate() {
            fields.push((format!("the name of respondent {}", i + 1), name));
        }
        for (i, item) in self.plan.items.iter().enumerate() {
            let n = i + 1;
            fields.push((format!("the title of plan action {n}"), &item.title));
            if let Some(owner) = &item.owner {
                fields.push((format!("the owner of plan action {n}"), owner));
            }
            if let Some(notes) = &item.notes {
                fields.push((format!("the notes on plan action {n}"), notes));
            }
        }
        for q in self.appendix.iter().flat_map(|d| &d.questions) {
            for a in &q.answers {
                if let Some(e) = &a.evidence {
                    let field = match &a.respondent {
                        Some(who) => format!("the evidence of {who} on question {}", q.id),
                        None => format!("evidence on question {}", q.id),
                    };
                    fields.push((field, e));
                }
            }
        }
        fields
    }
}

impl LeadershipReport {
    /// The typed texts the overview prints: the organisation, and per team its name, the
    /// facilitator, the respondents and the headline actions.
    pub fn typed_fields(&self) -> Vec<(String, &str)> {
        let mut fields: Vec<(String, &str)> = Vec::new();
        if let Some(org) = &self.organisation {
            fields.push(("the organisation".into(), org));
        }
        for t in &self.teams {
            let r = &t.report;
            fields.push(("a team name".into(), &r.team));
            if let Some(f) = &r.facilitator {
                fields.push((format!("the facilitator's name of team {}", r.team), f));
            }
            for (i, name) in r.respondents.iter().enumerate() {
                fields.push((
                    format!("the name of respondent {} of team {}", i + 1, r.team),
                    name,
                ));
            }
            for (i, item) in r.plan.headline().into_iter().enumerate() {
                fields.push((
                    format!("the title of headline action {} of team {}", i + 1, r.team),
                    &item.title,
                ));
            }
        }
        for name in &self.not_assessed {
            fields.push(("a team name".into(), name));
        }
        fields
    }
}
