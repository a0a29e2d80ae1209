//! The improvement-plan page: the plan of one assessment as the team works on it — focused (a
//! few open actions per horizon, the rest in a backlog; `core::plan::focus`), each action with
//! why it is there (gap × weight, the weakest DORA metric it moves, quick win, moved first) —
//! and what the proposal leaves out.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_content::{AssessmentContent, Content};
use devops_maturity_core::plan::{
    Place, DEFAULT_FOCUS, MAX_FOCUS, MAX_OWNER, MAX_TEXT, MAX_TITLE, QUICK_WIN_MIN_GAP,
};
use devops_maturity_core::recommendations::{reaches, Reach};
use devops_maturity_store::assessments::AssessmentRow;
use devops_maturity_store::plans::{GenerateReport, IfExists, NotPlannedDimension};
use devops_maturity_store::{Plan, Store, Team};
use serde::Serialize;

use crate::ViewError;

#[derive(Debug, Serialize)]
pub struct DimensionName {
    pub id: String,
    pub name: String,
}

/// What the plan page shows for one assessment.
#[derive(Debug, Serialize)]
pub struct PlanPage {
    pub assessment: AssessmentRow,
    pub team: Team,
    /// The assessment's dimensions, in questionnaire order (for labels and the add form).
    pub dimensions: Vec<DimensionName>,
    /// `None` until the plan is generated.
    pub plan: Option<Plan>,
    /// Per item of `plan`, in the same order: where it stands under the focus rule.
    pub places: Vec<Place>,
    /// Per item of `plan`, in the same order: why it is in the plan, in words.
    pub why: Vec<Vec<String>>,
    /// Per item of `plan`, in the same order: the questionnaire anchors its action helps reach,
    /// in the words of the snapshot the assessment was answered on. Empty for the team's own
    /// actions and for actions today's content no longer has.
    pub reaches: Vec<Vec<Reach>>,
    /// Open actions per horizon (the setting), and the range a team may choose from.
    pub focus: Focus,
    /// The team's weakest DORA metrics, by name (empty when none stands out).
    pub weakest_dora: Vec<String>,
    /// Dimensions today's proposal leaves out, with the reason.
    pub not_planned: Vec<NotPlannedDimension>,
    /// Chapter id → title, for the "read" links of the plan's items.
    pub chapters: BTreeMap<String, String>,
    /// DORA metric id → name.
    pub dora_names: BTreeMap<String, String>,
    pub rules: Vec<String>,
    pub limits: Limits,
}

#[derive(Debug, Serialize)]
pub struct Focus {
    pub limit: u8,
    pub default: u8,
    pub max: u8,
}

#[derive(Debug, Serialize)]
pub struct Limits {
    pub title: usize,
    pub text: usize,
    pub owner: usize,
}

/// The plan rules of `devops_maturity_core::plan`, in plain words.
pub fn rules(focus: u8) -> Vec<String> {
    vec![
        "Only dimensions with a score and a target above their level get actions, and only the actions for the next level: a team at level 2 works on the step to 3 first.".into(),
        "Actions are ordered by the dimension's gap × weight, largest first; an action that moves one of the team's weakest DORA metrics counts a quarter more.".into(),
        format!("A quick win is a small-effort action for a dimension at least {QUICK_WIN_MIN_GAP:.0} level below its target."),
        "Horizons: small effort in the first 30 days, medium by 60 days, large by 90 days. When no action is small, the highest-ranked one of the smallest effort moves to the first 30 days, so the plan always says what to do first.".into(),
        format!("Focus: at most {focus} open action{} per horizon; the others wait in the backlog. Finishing or dropping one frees its slot for the next; move a backlog action up to pull it in.", if focus == 1 { "" } else { "s" }),
        "Regenerating after targets change keeps every item you edited and every action you added.".into(),
    ]
}

/// Everything the plan page shows for `assessment_id`.
pub fn page(store: &Store, content: &Content, assessment_id: i64) -> Result<PlanPage, ViewError> {
    let a = &content.assessment;
    let assessment = store.assessment(assessment_id)?;
    let team = store.team(assessment.team_id)?;
    let q = store.questionnaire_snapshot(
        &assessment.questionnaire_id,
        &assessment.questionnaire_version,
    )?;
    let data = store.assessment_data(assessment_id)?;
    let score = devops_maturity_core::score(&q, &data.answers, &data.choices);
    let weight = |id: &str| {
        score
            .dimensions
            .iter()
            .find(|d| d.dimension_id == id)
            .map_or(1.0, |d| d.weight)
    };
    let metric = |id: &str| {
        a.dora
            .metric(id)
            .map_or_else(|| id.to_string(), |m| m.name.to_lowercase())
    };
    let weakest = store.weakest_dora(assessment_id, &a.dora)?;
    let limit = store.plan_focus()?;
    let plan = store.plan_of(assessment_id)?;
    let (places, why, reached) = match &plan {
        Some(p) => (
            p.places(limit),
            p.items
                .iter()
                .map(|i| i.why(weight(&i.dimension_id), &weakest).sentences(metric))
                .collect(),
            p.items
                .iter()
                .map(|i| reaches(&a.actions, i.action_id.as_deref(), &q))
                .collect(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let chapters = plan
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| i.chapter.as_deref())
        .filter_map(|id| content.course.chapter(id))
        .map(|(_, c)| (c.id.clone(), c.title.clone()))
        .collect();
    Ok(PlanPage {
        not_planned: store.not_planned(assessment_id, &a.actions)?,
        dimensions: q
            .dimensions
            .iter()
            .map(|d| DimensionName {
                id: d.id.clone(),
                name: d.name.clone(),
            })
            .collect(),
        weakest_dora: weakest.iter().map(|m| metric(m)).collect(),
        assessment,
        team,
        plan,
        places,
        why,
        reaches: reached,
        focus: Focus {
            limit,
            default: DEFAULT_FOCUS,
            max: MAX_FOCUS,
        },
        chapters,
        dora_names: a
            .dora
            .metrics
            .iter()
            .map(|m| (m.id.clone(), m.name.clone()))
            .collect(),
        rules: rules(limit),
        limits: Limits {
            title: MAX_TITLE,
            text: MAX_TEXT,
            owner: MAX_OWNER,
        },
    })
}

/// Proposes an improvement plan for a completed assessment from the course's actions; with
/// `regenerate`, over a plan that exists (the team's edits kept), else refused when one does.
pub fn generate(
    store: &mut Store,
    assessment: &AssessmentContent,
    assessment_id: i64,
    regenerate: bool,
    now: DateTime<Utc>,
) -> Result<GenerateReport, ViewError> {
    let if_exists = if regenerate {
        IfExists::Regenerate
    } else {
        IfExists::Refuse
    };
    let (actions, dora) = (&assessment.actions, &assessment.dora);
    Ok(store
        .propose_plan(assessment_id, actions, dora, if_exists, now)?
        .1)
}
