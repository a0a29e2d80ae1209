//! The improvement plan proposed for one assessment: which actions, in what order, by when.
//!
//! The rules (the app and the PDF say the same):
//! 1. A dimension is planned when it has a score and a target above its level. Its actions are
//!    the ones for the **next** step only: `from_level` = the current level (a team at level 2
//!    works on 2 → 3 before 3 → 4). A dimension out of scope, with "not enough answers", without
//!    a target, or at or above its target gets no action, and [`GeneratedPlan::not_planned`] says which and
//!    why.
//! 2. Actions are ordered by their dimension's gap × weight, largest first. Ties keep the
//!    questionnaire's dimension order, then the order of the actions in the content.
//! 3. A **quick win** is an action of small effort (S) for a dimension at least
//!    [`QUICK_WIN_MIN_GAP`] levels below its target: little work where the distance is large.
//! 4. Horizons: effort S (so every quick win) → 30 days, M → 60 days, L → 90 days. A horizon is
//!    when the action should show its first result. When no action lands in 30 days, the
//!    highest-ranked action of the smallest effort present moves there, so a plan always says
//!    what to do first.
//!
//! Neighbours: [`crate::scoring`] computes the gaps; the content crate supplies the actions;
//! the store keeps the plan and the team's edits.

use serde::{Deserialize, Serialize, Serializer};

use crate::recommendations::{Action, Effort};
use crate::scoring::AssessmentScore;

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
    /// gap × the dimension's weight: the ranking key.
    pub weighted: f64,
    pub quick_win: bool,
    pub horizon: Horizon,
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

/// Proposes the plan for `score` from the content's `actions` (by the module's rules).
pub fn generate<'q, 'a>(
    score: &AssessmentScore<'q>,
    actions: &'a [Action],
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
            planned.push(PlannedAction {
                action,
                from_level: level,
                target,
                gap,
                weighted: gap * d.weight,
                quick_win,
                horizon: Horizon::for_effort(action.effort),
            });
        }
        if planned.len() == before {
            skip(NotPlannedReason::NoActions);
        }
    }
    // A stable sort keeps dimension order, then action order, for equal keys.
    planned.sort_by(|a, b| b.weighted.total_cmp(&a.weighted));
    if !planned.iter().any(|p| p.horizon == Horizon::Days30) {
        let first = planned
            .iter_mut()
            .min_by_key(|p| effort_rank(p.action.effort));
        // `min_by_key` returns the first of equal minima: the highest-ranked one.
        if let Some(first) = first {
            first.horizon = Horizon::Days30;
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
        let plan = generate(&s, &actions);
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
        let plan = generate(&s, &acts);
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
        let plan = generate(&s, &acts);
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
        let plan = generate(&s, &acts);
        assert_eq!(
            ids(&plan),
            [("feedback-2-b", 30, false), ("flow-2-b", 90, false)],
            "the top-ranked action moves to 30 days when nothing else is there"
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
        let order: Vec<&str> = generate(&s, &acts)
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
            let plan = generate(&s, &acts);
            for p in &plan.actions {
                let d = s.dimensions.iter().find(|d| d.dimension_id == p.action.dimension).unwrap();
                prop_assert!(d.level.is_some() && d.target.is_some(), "only scored dimensions with a target");
                prop_assert!(d.level.unwrap() < d.target.unwrap(), "no action for a dimension at or above target");
                prop_assert_eq!(p.action.from_level, d.level.unwrap(), "only the next step");
                prop_assert!(p.gap > 0.0);
            }
            for pair in plan.actions.windows(2) {
                prop_assert!(pair[0].weighted >= pair[1].weighted, "ranked by gap × weight");
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
