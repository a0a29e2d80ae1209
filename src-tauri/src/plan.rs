//! Improvement-plan commands: generate a plan from an assessment, read it, and the team's edits
//! (decision, owner, due date, status, notes, horizon, order, own actions). Each command calls
//! one store function; the rules live in `devops_maturity_core::plan` and
//! `devops_maturity_store::plans`.

use std::collections::BTreeMap;

use chrono::Utc;
use devops_maturity_core::plan::{MAX_OWNER, MAX_TEXT, MAX_TITLE, QUICK_WIN_MIN_GAP};
use devops_maturity_store::assessments::AssessmentRow;
use devops_maturity_store::plans::{
    GenerateReport, IfExists, NewPlanItem, NotPlannedDimension, PlanItemChange, PlanProgress,
};
use devops_maturity_store::{Plan, PlanItem, Team};
use serde::Serialize;
use tauri::State;

use crate::commands::{content, with_store};
use crate::error::CommandResult;
use crate::Shared;

/// The plan rules of `devops_maturity_core::plan`, in plain words, shown on the plan page.
fn plan_rules() -> Vec<String> {
    vec![
        "Only dimensions with a score and a target above their level get actions, and only the actions for the next level: a team at level 2 works on the step to 3 first.".into(),
        "Actions are ordered by the dimension's gap × weight, largest first.".into(),
        format!("A quick win is a small-effort action for a dimension at least {QUICK_WIN_MIN_GAP:.0} level below its target."),
        "Horizons: small effort in the first 30 days, medium by 60 days, large by 90 days. When no action is small, the highest-ranked one of the smallest effort moves to the first 30 days, so the plan always says what to do first.".into(),
        "Regenerating after targets change keeps every item you edited and every action you added.".into(),
    ]
}

#[derive(Serialize)]
pub struct DimensionName {
    id: String,
    name: String,
}

#[derive(Serialize)]
pub struct PlanPage {
    assessment: AssessmentRow,
    team: Team,
    /// The assessment's dimensions, in questionnaire order (for labels and the add form).
    dimensions: Vec<DimensionName>,
    /// `None` until the plan is generated.
    plan: Option<Plan>,
    /// Dimensions today's proposal leaves out, with the reason.
    not_planned: Vec<NotPlannedDimension>,
    /// Chapter id → title, for the "read" links of the plan's items.
    chapters: BTreeMap<String, String>,
    /// DORA metric id → name.
    dora_names: BTreeMap<String, String>,
    rules: Vec<String>,
    limits: Limits,
}

#[derive(Serialize)]
pub struct Limits {
    title: usize,
    text: usize,
    owner: usize,
}

/// Everything the plan page shows for one assessment.
#[tauri::command]
pub async fn plan_get(state: State<'_, Shared>, assessment_id: i64) -> CommandResult<PlanPage> {
    let content = content(&state)?;
    let actions = &content.assessment.actions;
    with_store(&state, move |store| {
        let assessment = store.assessment(assessment_id)?;
        let team = store.team(assessment.team_id)?;
        let q = store.questionnaire_snapshot(
            &assessment.questionnaire_id,
            &assessment.questionnaire_version,
        )?;
        let plan = store.plan_of(assessment_id)?;
        let chapters = plan
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|i| i.chapter.as_deref())
            .filter_map(|id| content.course.chapter(id))
            .map(|(_, c)| (c.id.clone(), c.title.clone()))
            .collect();
        Ok(PlanPage {
            not_planned: store.not_planned(assessment_id, actions)?,
            dimensions: q
                .dimensions
                .iter()
                .map(|d| DimensionName {
                    id: d.id.clone(),
                    name: d.name.clone(),
                })
                .collect(),
            assessment,
            team,
            plan,
            chapters,
            dora_names: content
                .assessment
                .dora
                .metrics
                .iter()
                .map(|m| (m.id.clone(), m.name.clone()))
                .collect(),
            rules: plan_rules(),
            limits: Limits {
                title: MAX_TITLE,
                text: MAX_TEXT,
                owner: MAX_OWNER,
            },
        })
    })
    .await
}

/// Generates the plan of a completed assessment; with `regenerate` an existing plan is brought
/// up to date, keeping the team's edits.
#[tauri::command]
pub async fn plan_generate(
    state: State<'_, Shared>,
    assessment_id: i64,
    regenerate: bool,
) -> CommandResult<GenerateReport> {
    let actions = &content(&state)?.assessment.actions;
    let if_exists = if regenerate {
        IfExists::Regenerate
    } else {
        IfExists::Refuse
    };
    with_store(&state, move |store| {
        Ok(store
            .propose_plan(assessment_id, actions, if_exists, Utc::now())?
            .1)
    })
    .await
}

/// Changes the fields given in `change` on one item.
#[tauri::command]
pub async fn plan_item_update(
    state: State<'_, Shared>,
    item_id: i64,
    change: PlanItemChange,
) -> CommandResult<PlanItem> {
    with_store(&state, move |store| {
        Ok(store.update_plan_item(item_id, &change, Utc::now())?)
    })
    .await
}

/// Moves an item to `position` (1-based) within its horizon; returns the reordered plan.
#[tauri::command]
pub async fn plan_item_move(
    state: State<'_, Shared>,
    item_id: i64,
    position: u32,
) -> CommandResult<Plan> {
    with_store(&state, move |store| {
        Ok(store.move_plan_item(item_id, position, Utc::now())?)
    })
    .await
}

/// Adds the team's own action to the plan.
#[tauri::command]
pub async fn plan_item_add(
    state: State<'_, Shared>,
    assessment_id: i64,
    item: NewPlanItem,
) -> CommandResult<PlanItem> {
    with_store(&state, move |store| {
        Ok(store.add_plan_item(assessment_id, &item, Utc::now())?)
    })
    .await
}

/// Deletes one of the team's own actions (generated ones are rejected instead).
#[tauri::command]
pub async fn plan_item_delete(state: State<'_, Shared>, item_id: i64) -> CommandResult<()> {
    with_store(&state, move |store| {
        Ok(store.delete_plan_item(item_id, Utc::now())?)
    })
    .await
}

/// Progress of the team's latest plan; `null` when the team has none.
#[tauri::command]
pub async fn team_plan_progress(
    state: State<'_, Shared>,
    team_id: i64,
) -> CommandResult<Option<PlanProgress>> {
    with_store(&state, move |store| Ok(store.team_plan_progress(team_id)?)).await
}
