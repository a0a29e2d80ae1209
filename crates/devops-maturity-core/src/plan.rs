//! The improvement plan proposed for one assessment: which actions, in what order, by when.
//!
//! The rules (the app and the PDF say the same):
//! 1. A dimension is planned when it has a score and a target above its level. Its actions are
//!    the ones for the **next** step only: `from_level` = the current level (a team at level 2
//!    works on 2 → 3 before 3 → 4). A dimension out of scope, with "not enough answers", without
//!    a target, or at or above its target gets no action, and [`GeneratedPlan::not_planned`] says which and
//!    why.
//! 2. Actions are ordered by their dimension's gap × weight, largest first, where an action that
//!    moves one of the team's **weakest DORA metrics** ([`weakest_dora`]) counts
//!    [`DORA_BONUS`] more (× 1.25): the questionnaire says where practice lags, the DORA answers
//!    say where delivery hurts, and work on both comes first. Ties keep the questionnaire's
//!    dimension order, then the order of the actions in the content.
//! 3. A **quick win** is an action of small effort (S) for a dimension at least
//!    [`QUICK_WIN_MIN_GAP`] levels below its target: little work where the distance is large.
//! 4. Horizons: effort S (so every quick win) → 30 days, M → 60 days, L → 90 days. A horizon is
//!    when the action should show its first result. When no action lands in 30 days, the
//!    highest-ranked action of the smallest effort present moves there, so a plan always says
//!    what to do first; [`PlannedAction::moved_first`] marks it, and [`Why`] says so.
//! 5. The plan is **focused**: a few open actions per horizon, the rest in a backlog (the rule is
//!    in [`focus`]).
//!
//! Every action carries why it is there ([`Why`]): its gap × weight, the weakest DORA metric it
//! moves, whether it is a quick win, and whether it was moved into the first 30 days.
//!
//! Neighbours: [`crate::scoring`] computes the gaps; the content crate supplies the actions;
//! the store keeps the plan and the team's edits.

use serde::{Deserialize, Serialize, Serializer};

use crate::dora::Classification;
use crate::recommendations::{Action, Effort};
use crate::scoring::AssessmentScore;

pub mod focus;
pub use focus::{places, Place, DEFAULT_FOCUS, MAX_FOCUS};

/// How much more an action that moves one of the team's weakest DORA metrics counts in the
/// ranking: its gap × weight is multiplied by `1 + DORA_BONUS`.
pub const DORA_BONUS: f64 = 0.25;

/// An S action is a quick win when its dimension is at least this far below target.
pub const QUICK_WIN_MIN_GAP: f64 = 1.0;
/// Longest action title, in characters (content check and the store enforce it).
pub const MAX_TITLE: usize = 200;
/// Longest why, impact, first step or notes of an action, in characters.
pub const MAX_TEXT: usize = 10_000;
/// Longest owner name of a plan item, in characters.
pub const MAX_OWNER: usize = 100;

/// By when an action should show its first result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Horizon {
    Days30,
    Days60,
    Days90,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Days30, Horizon::Days60, Horizon::Days90];

    pub fn days(self) -> u16 {
        match self {
            Horizon::Days30 => 30,
            Horizon::Days60 => 60,
            Horizon::Days90 => 90,
        }
    }

    /// The horizons in days, for a message that says what is allowed: `30, 60 or 90`.
    pub fn expected() -> String {
        crate::codes::or_list(Horizon::ALL.map(Horizon::days))
    }

    /// `Some` for 30, 60 and 90 only.
    pub fn from_days(days: u16) -> Option<Horizon> {
        Horizon::ALL.into_iter().find(|h| h.days() == days)
    }

    /// The horizon rule for an action's effort (rule 4, before the first-horizon adjustment).
    pub fn for_effort(effort: Effort) -> Horizon {
        match effort {
            Effort::S => Horizon::Days30,
            Effort::M => Horizon::Days60,
            Effort::L => Horizon::Days90,
        }
    }
}

/// Serialised as the number of days (30, 60, 90).
impl Serialize for Horizon {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.days())
    }
}

/// One proposed action with the reasons for its place in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedAction<'a> {
    pub action: &'a Action,
    /// The dimension's level now: the action is for the step `from_level` → `from_level + 1`.
    pub from_level: u8,
    pub target: u8,
    /// target − score.
    pub gap: f64,
    /// gap × the dimension's weight.
    pub weighted: f64,
    /// The ranking key: `weighted`, × (1 + [`DORA_BONUS`]) when `dora_focus` is not empty.
    pub rank: f64,
    /// The team's weakest DORA metrics (ids) that this action moves.
    pub dora_focus: Vec<String>,
    pub quick_win: bool,
    pub horizon: Horizon,
    /// The action's effort would put it later, but it was moved into the first 30 days so the
    /// plan starts with something (rule 4).
    pub moved_first: bool,
}

impl PlannedAction<'_> {
    /// Why the action is in the plan, where it is.
    pub fn why(&self, weight: f64) -> Why {
        Why {
            gap: Some(self.gap),
            weight,
            dora: self.dora_focus.clone(),
            quick_win: self.quick_win,
            moved_first: self.moved_first,
        }
    }
}

/// Why an action is in the plan, where it is: what the app, the CLI and the PDF print beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Why {
    /// The dimension's gap (`None` for the team's own action).
    pub gap: Option<f64>,
    /// The dimension's weight.
    pub weight: f64,
    /// The team's weakest DORA metrics it moves (ids).
    pub dora: Vec<String>,
    pub quick_win: bool,
    pub moved_first: bool,
}

impl Why {
    /// For a stored item: `effort` and `horizon` as they are now (a large action the team or
    /// rule 4 put in the first 30 days is marked).
    pub fn of_item(
        gap: Option<f64>,
        weight: f64,
        item_dora: &[String],
        weakest: &[String],
        quick_win: bool,
        effort: Effort,
        horizon: Horizon,
    ) -> Why {
        Why {
            gap,
            weight,
            dora: item_dora
                .iter()
                .filter(|m| weakest.contains(m))
                .cloned()
                .collect(),
            quick_win,
            moved_first: horizon < Horizon::for_effort(effort),
        }
    }

    /// The reasons in words, one clause each, in a fixed order; `metric_name` turns a DORA
    /// metric id into its name.
    pub fn sentences(&self, metric_name: impl Fn(&str) -> String) -> Vec<String> {
        let mut out = Vec::new();
        match self.gap {
            Some(gap) if (self.weight - 1.0).abs() < 1e-9 => {
                out.push(format!("gap {gap:.1} to target"))
            }
            Some(gap) => out.push(format!(
                "gap {gap:.1} × weight {:.1} = {:.1}",
                self.weight,
                gap * self.weight
            )),
            None => out.push("the team's own action".to_string()),
        }
        if !self.dora.is_empty() {
            let names: Vec<String> = self.dora.iter().map(|m| metric_name(m)).collect();
            out.push(format!(
                "moves {}, the team's weakest DORA {}",
                names.join(" and "),
                if names.len() == 1 {
                    "metric"
                } else {
                    "metrics"
                }
            ));
        }
        if self.quick_win {
            out.push("quick win: small effort, large gap".to_string());
        }
        if self.moved_first {
            out.push(
                "more than 30 days of work, placed first so the plan starts somewhere: aim for its first steps"
                    .to_string(),
            );
        }
        out
    }
}

/// The team's weakest DORA metrics: those whose answer sits nearest the lowest cluster any
/// answered metric reaches, when at least two metrics were compared and they do not all point
/// to the same cluster (a team that is Medium on everything has no weakest metric). A metric
/// between two clusters counts at the better one. Ids in the model's order.
pub fn weakest_dora(c: &Classification) -> Vec<String> {
    let placed: Vec<(&str, usize)> = c
        .rows
        .iter()
        .filter_map(|row| {
            let best = row
                .nearest
                .iter()
                .filter_map(|n| row.clusters.iter().position(|(name, _)| name == n))
                .min()?;
            Some((row.metric_id.as_str(), best))
        })
        .collect();
    let (Some(low), Some(high)) = (
        placed.iter().map(|p| p.1).max(),
        placed.iter().map(|p| p.1).min(),
    ) else {
        return Vec::new();
    };
    if placed.len() < 2 || low == high {
        return Vec::new();
    }
    placed
        .into_iter()
        .filter(|p| p.1 == low)
        .map(|p| p.0.to_string())
        .collect()
}

/// Why a dimension has no action in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotPlannedReason {
    /// Every answer was "not applicable": the dimension is out of the team's scope.
    OutOfScope,
    /// Too few answers for a score, so nothing says where it stands.
    NotEnoughAnswers,
    /// The team set no target.
    NoTarget,
    /// The level already reaches the target.
    TargetReached,
    /// The content has no action for this step (a questionnaire version with dimensions the
    /// current recommendations do not cover).
    NoActions,
}

impl NotPlannedReason {
    pub fn label(self) -> &'static str {
        match self {
            NotPlannedReason::OutOfScope => "out of scope: every answer was not applicable",
            NotPlannedReason::NotEnoughAnswers => "not enough answers",
            NotPlannedReason::NoTarget => "no target set",
            NotPlannedReason::TargetReached => "target reached",
            NotPlannedReason::NoActions => "no recommended action for this step",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotPlanned<'q> {
    pub dimension_id: &'q str,
    pub reason: NotPlannedReason,
}

/// The plan as generated, before any edit by the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeneratedPlan<'q, 'a> {
    /// In rank order (rule 2).
    pub actions: Vec<PlannedAction<'a>>,
    /// Dimensions without an action, in questionnaire order.
    pub not_planned: Vec<NotPlanned<'q>>,
}

/// The team's decision on a plan item. Generated items start `Proposed`; items the team adds
/// start `Accepted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Proposed,
    Accepted,
    Rejected,
}

impl Decision {
    pub const ALL: [Decision; 3] = [Decision::Proposed, Decision::Accepted, Decision::Rejected];

    /// The text stored and sent across IPC.
    pub fn code(self) -> &'static str {
        match self {
            Decision::Proposed => "proposed",
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// Where the work on a plan item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Planned,
        ItemStatus::InProgress,
        ItemStatus::Done,
        ItemStatus::Dropped,
    ];

    /// The text stored and sent across IPC.
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Planned => "planned",
            ItemStatus::InProgress => "in-progress",
            ItemStatus::Done => "done",
            ItemStatus::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// For people: "in progress", not "in-progress".
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Planned => "planned",
            ItemStatus::InProgress => "in progress",
            ItemStatus::Done => "done",
            ItemStatus::Dropped => "dropped",
        }
    }
}

fn effort_rank(effort: Effort) -> u8 {
    match effort {
        Effort::S => 0,
        Effort::M => 1,
        Effort::L => 2,
    }
}

/// Proposes the plan for `score` from the content's `actions` (by the module's rules);
/// `weakest` are the team's weakest DORA metrics ([`weakest_dora`]; empty when there are none).
pub fn generate<'q, 'a>(
    score: &AssessmentScore<'q>,
    actions: &'a [Action],
    weakest: &[String],
) -> GeneratedPlan<'q, 'a> {
    let mut planned = Vec::new();
    let mut not_planned = Vec::new();
    for d in &score.dimensions {
        let mut skip = |reason| {
            not_planned.push(NotPlanned {
                dimension_id: d.dimension_id,
                reason,
            })
        };
        let (Some(score_value), Some(level)) = (d.score, d.level) else {
            skip(if d.out_of_scope {
                NotPlannedReason::OutOfScope
            } else {
                NotPlannedReason::NotEnoughAnswers
            });
            continue;
        };
        let Some(target) = d.target else {
            skip(NotPlannedReason::NoTarget);
            continue;
        };
        if level >= target {
            skip(NotPlannedReason::TargetReached);
            continue;
        }
        let gap = f64::from(target) - score_value;
        let before = planned.len();
        for action in actions
            .iter()
            .filter(|a| a.dimension == d.dimension_id && a.from_level == level)
        {
            let quick_win = action.effort == Effort::S && gap >= QUICK_WIN_MIN_GAP - 1e-9;
            let dora_focus: Vec<String> = action
                .dora
                .iter()
                .filter(|m| weakest.contains(m))
                .cloned()
                .collect();
            let weighted = gap * d.weight;
            let rank = if dora_focus.is_empty() {
                weighted
            } else {
                weighted * (1.0 + DORA_BONUS)
            };
            planned.push(PlannedAction {
                action,
                from_level: level,
                target,
                gap,
                weighted,
                rank,
                dora_focus,
                quick_win,
                horizon: Horizon::for_effort(action.effort),
                moved_first: false,
            });
        }
        if planned.len() == before {
            skip(NotPlannedReason::NoActions);
        }
    }
    // A stable sort keeps dimension order, then action order, for equal keys.
    planned.sort_by(|a, b| b.rank.total_cmp(&a.rank));
    if !planned.iter().any(|p| p.horizon == Horizon::Days30) {
        let first = planned
            .iter_mut()
            .min_by_key(|p| effort_rank(p.action.effort));
        // `min_by_key` returns the first of equal minima: the highest-ranked one.
        if let Some(first) = first {
            first.horizon = Horizon::Days30;
            first.moved_first = true;
        }
    }
    GeneratedPlan {
        actions: planned,
        not_planned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Questionnaire;
    use crate::scoring::{score, Choices};
    use crate::{Answer, Respondent};
    use proptest::prelude::*;

    const DIMS: [&str; 3] = ["flow", "feedback", "learning"];

    fn questionnaire() -> Questionnaire {
        Questionnaire::sample(
            DIMS.iter()
                .map(|d| (*d, (1..=2).map(move |i| format!("{d}-{i}")))),
        )
    }

    /// Two actions per dimension and step: `<dim>-<from>-a` (effort S) and `-b` (effort L).
    fn actions() -> Vec<Action> {
        let mut out = Vec::new();
        for d in DIMS {
            for from in 1..=4u8 {
                for (suffix, effort) in [("a", Effort::S), ("b", Effort::L)] {
                    out.push(Action {
                        id: format!("{d}-{from}-{suffix}"),
                        dimension: d.into(),
                        from_level: from,
                        title: format!("{d} {from} {suffix}"),
                        why: String::new(),
                        dora: vec![],
                        first_steps: vec!["Start.".into()],
                        effort,
                        impact: String::new(),
                        chapter: "c".into(),
                        anchors: vec![],
                        replaces: vec![],
                    });
                }
            }
        }
        out
    }

    /// One respondent answering both questions of each dimension with the given level
    /// (`None`: unanswered).
    fn respondent(levels: [Option<u8>; 3]) -> Respondent {
        let mut r = Respondent {
            name: "Ana".into(),
            role: None,
            ..Respondent::default()
        };
        for (d, level) in DIMS.iter().zip(levels) {
            if let Some(l) = level {
                for i in 1..=2 {
                    r.answers.insert(format!("{d}-{i}"), Answer::Level(l));
                }
            }
        }
        r
    }

    fn choices(targets: [Option<u8>; 3], weights: [f64; 3]) -> Choices {
        Choices {
            targets: DIMS
                .iter()
                .zip(targets)
                .filter_map(|(d, t)| t.map(|t| ((*d).to_string(), t)))
                .collect(),
            weights: DIMS
                .iter()
                .zip(weights)
                .map(|(d, w)| ((*d).to_string(), w))
                .collect(),
            ..Choices::default()
        }
    }

    fn ids<'p>(plan: &'p GeneratedPlan<'_, '_>) -> Vec<(&'p str, u16, bool)> {
        plan.actions
            .iter()
            .map(|p| (p.action.id.as_str(), p.horizon.days(), p.quick_win))
            .collect()
    }

    #[test]
    fn an_out_of_scope_dimension_is_named_as_such_not_as_lacking_answers() {
        let q = questionnaire();
        let mut r = respondent([Some(2), None, Some(2)]);
        for i in 1..=2 {
            r.answers
                .insert(format!("feedback-{i}"), Answer::NotApplicable);
        }
        let choices = Choices {
            targets: DIMS.iter().map(|d| (d.to_string(), 4)).collect(),
            ..Choices::default()
        };
        let s = score(&q, &[r], &choices);
        let actions = actions();
        let plan = generate(&s, &actions, &[]);
        let reasons: Vec<(&str, NotPlannedReason)> = plan
            .not_planned
            .iter()
            .map(|n| (n.dimension_id, n.reason))
            .collect();
        assert_eq!(reasons, [("feedback", NotPlannedReason::OutOfScope)]);
        assert_eq!(
            NotPlannedReason::OutOfScope.label(),
            "out of scope: every answer was not applicable"
        );
    }

    #[test]
    fn next_step_actions_ranked_by_weighted_gap_with_horizons() {
        let q = questionnaire();
        let acts = actions();
        // flow at 2 (target 4: gap 2), feedback at 3 (target 4: gap 1, weight 3 → 3),
        // learning unanswered.
        let s = score(
            &q,
            &[respondent([Some(2), Some(3), None])],
            &choices([Some(4), Some(4), Some(5)], [1.0, 3.0, 1.0]),
        );
        let plan = generate(&s, &acts, &[]);
        assert_eq!(
            ids(&plan),
            [
                ("feedback-3-a", 30, true),
                ("feedback-3-b", 90, false),
                ("flow-2-a", 30, true),
                ("flow-2-b", 90, false),
            ],
            "feedback's weighted gap 3 ranks above flow's 2; only the next step's actions"
        );
        assert_eq!(
            plan.not_planned,
            [NotPlanned {
                dimension_id: "learning",
                reason: NotPlannedReason::NotEnoughAnswers
            }]
        );
    }

    #[test]
    fn dimensions_at_target_or_without_one_are_named_not_planned() {
        let q = questionnaire();
        let acts = actions();
        let s = score(
            &q,
            &[respondent([Some(4), Some(3), Some(2)])],
            &choices([Some(4), None, Some(3)], [1.0; 3]),
        );
        let plan = generate(&s, &acts, &[]);
        assert_eq!(
            ids(&plan),
            [("learning-2-a", 30, true), ("learning-2-b", 90, false)]
        );
        let reasons: Vec<_> = plan
            .not_planned
            .iter()
            .map(|n| (n.dimension_id, n.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("flow", NotPlannedReason::TargetReached),
                ("feedback", NotPlannedReason::NoTarget)
            ]
        );
    }

    #[test]
    fn a_small_gap_makes_no_quick_win_and_the_first_horizon_is_never_empty() {
        let q = questionnaire();
        // Only L actions, a gap below one level.
        let acts: Vec<Action> = actions()
            .into_iter()
            .filter(|a| a.effort == Effort::L)
            .collect();
        let mut r = respondent([Some(2), Some(2), None]);
        r.answers.insert("flow-1".into(), Answer::Level(3));
        // flow 2.5 (target 3: gap 0.5), feedback 2.0 (target 3: gap 1).
        let s = score(&q, &[r], &choices([Some(3), Some(3), None], [1.0; 3]));
        let plan = generate(&s, &acts, &[]);
        assert_eq!(
            ids(&plan),
            [("feedback-2-b", 30, false), ("flow-2-b", 90, false)],
            "the top-ranked action moves to 30 days when nothing else is there"
        );
        assert!(plan.actions[0].moved_first && !plan.actions[1].moved_first);
        let why = plan.actions[0].why(1.0).sentences(str::to_string);
        assert_eq!(
            why,
            [
                "gap 1.0 to target",
                "more than 30 days of work, placed first so the plan starts somewhere: aim for its first steps"
            ]
        );
    }

    #[test]
    fn equal_weighted_gaps_keep_dimension_then_action_order() {
        let q = questionnaire();
        let acts = actions();
        let s = score(
            &q,
            &[respondent([Some(1), Some(1), Some(1)])],
            &choices([Some(2); 3], [1.0; 3]),
        );
        let order: Vec<&str> = generate(&s, &acts, &[])
            .actions
            .iter()
            .map(|p| p.action.id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "flow-1-a",
                "flow-1-b",
                "feedback-1-a",
                "feedback-1-b",
                "learning-1-a",
                "learning-1-b"
            ]
        );
    }

    #[test]
    fn an_action_on_the_weakest_dora_metric_ranks_a_quarter_higher_and_says_why() {
        let q = questionnaire();
        let mut acts = actions();
        for a in &mut acts {
            if a.id == "feedback-2-a" {
                a.dora = vec!["change-lead-time".into(), "recovery-time".into()];
            }
        }
        // flow and feedback both at 2, target 4, weight 1: equal weighted gaps of 2.0.
        let s = score(
            &q,
            &[respondent([Some(2), Some(2), None])],
            &choices([Some(4), Some(4), None], [1.0; 3]),
        );
        let weakest = vec!["change-lead-time".to_string()];
        let plan = generate(&s, &acts, &weakest);
        let order: Vec<(&str, f64)> = plan
            .actions
            .iter()
            .map(|p| (p.action.id.as_str(), p.rank))
            .collect();
        assert_eq!(
            order,
            [
                ("feedback-2-a", 2.5),
                ("flow-2-a", 2.0),
                ("flow-2-b", 2.0),
                ("feedback-2-b", 2.0)
            ],
            "2.0 × 1.25 = 2.5 leads; the rest keep dimension then action order"
        );
        assert_eq!(plan.actions[0].dora_focus, ["change-lead-time"]);
        let why = plan.actions[0].why(1.0).sentences(|m| m.replace('-', " "));
        assert_eq!(
            why,
            [
                "gap 2.0 to target",
                "moves change lead time, the team's weakest DORA metric",
                "quick win: small effort, large gap"
            ]
        );
        let why = Why::of_item(
            Some(1.5),
            2.0,
            &["rework-rate".to_string()],
            &weakest,
            false,
            Effort::M,
            Horizon::Days60,
        );
        assert_eq!(
            why.sentences(str::to_string),
            ["gap 1.5 × weight 2.0 = 3.0"]
        );
    }

    fn classification(rows: &[(&str, &[&str])]) -> Classification {
        let clusters = ["Elite", "High", "Medium", "Low"];
        Classification {
            year: 2024,
            nearest: vec![],
            verdict: None,
            distances: vec![],
            answered: rows.len() as u32,
            metrics: 5,
            groups: vec![],
            mixed: None,
            rows: rows
                .iter()
                .map(|(id, nearest)| crate::dora::ComparisonRow {
                    metric_id: (*id).to_string(),
                    metric: (*id).to_string(),
                    group: "throughput".into(),
                    team: None,
                    clusters: clusters
                        .iter()
                        .map(|c| (c.to_string(), String::new()))
                        .collect(),
                    nearest: nearest.iter().map(|n| n.to_string()).collect(),
                })
                .collect(),
            note: String::new(),
        }
    }

    #[test]
    fn the_weakest_dora_metrics_are_the_lowest_placed_when_the_metrics_differ() {
        let c = classification(&[
            ("deployment-frequency", &["High"]),
            ("change-lead-time", &["Low"]),
            ("change-fail-rate", &["Medium", "Low"]),
            ("recovery-time", &["Low"]),
            ("rework-rate", &[]),
        ]);
        assert_eq!(
            weakest_dora(&c),
            ["change-lead-time", "recovery-time"],
            "a tie between Medium and Low counts at Medium; unanswered metrics do not count"
        );
        let same = classification(&[
            ("deployment-frequency", &["Medium"]),
            ("change-lead-time", &["Medium"]),
        ]);
        assert!(
            weakest_dora(&same).is_empty(),
            "all at one cluster: none is weakest"
        );
        let one = classification(&[("deployment-frequency", &["Low"]), ("rework-rate", &[])]);
        assert!(
            weakest_dora(&one).is_empty(),
            "one metric compared: nothing to compare it with"
        );
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for d in Decision::ALL {
            assert_eq!(Decision::from_code(d.code()), Some(d));
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("\"{}\"", d.code())
            );
        }
        for s in ItemStatus::ALL {
            assert_eq!(ItemStatus::from_code(s.code()), Some(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
        assert_eq!(
            ItemStatus::from_code("In-Progress"),
            None,
            "codes are exact"
        );
    }

    #[test]
    fn horizons_serialise_as_days() {
        assert_eq!(serde_json::to_string(&Horizon::Days60).unwrap(), "60");
        assert_eq!(Horizon::from_days(90), Some(Horizon::Days90));
        assert_eq!(Horizon::from_days(45), None);
    }

    fn level() -> impl Strategy<Value = Option<u8>> {
        prop_oneof![1 => Just(None), 4 => (1u8..=5).prop_map(Some)]
    }

    proptest! {
        #[test]
        fn plans_follow_the_rules(
            answers in proptest::collection::vec(proptest::array::uniform3(level()), 1..4),
            targets in proptest::array::uniform3(level()),
            weights in proptest::array::uniform3(0.1f64..5.0),
        ) {
            let q = questionnaire();
            let acts = actions();
            let respondents: Vec<Respondent> = answers.into_iter().map(respondent).collect();
            let s = score(&q, &respondents, &choices(targets, weights));
            let plan = generate(&s, &acts, &[]);
            for p in &plan.actions {
                let d = s.dimensions.iter().find(|d| d.dimension_id == p.action.dimension).unwrap();
                prop_assert!(d.level.is_some() && d.target.is_some(), "only scored dimensions with a target");
                prop_assert!(d.level.unwrap() < d.target.unwrap(), "no action for a dimension at or above target");
                prop_assert_eq!(p.action.from_level, d.level.unwrap(), "only the next step");
                prop_assert!(p.gap > 0.0);
            }
            for pair in plan.actions.windows(2) {
                prop_assert!(pair[0].rank >= pair[1].rank, "ranked by gap × weight (no DORA answers here)");
                prop_assert_eq!(pair[0].rank, pair[0].weighted);
            }
            prop_assert_eq!(
                plan.actions.is_empty(),
                !plan.actions.iter().any(|p| p.horizon == Horizon::Days30),
                "the first horizon is empty only for an empty plan"
            );
            let planned: std::collections::BTreeSet<&str> =
                plan.actions.iter().map(|p| p.action.dimension.as_str()).collect();
            for d in &s.dimensions {
                let skipped = plan.not_planned.iter().any(|n| n.dimension_id == d.dimension_id);
                prop_assert!(skipped != planned.contains(d.dimension_id), "each dimension is planned or named as not planned");
            }
        }
    }
}
