//! Improvement-plan commands: generate a plan from an assessment, read it (the page is
//! `devops_maturity_views::plan`), the focus limit, and the team's edits (decision, owner, due
//! date, status, notes, horizon, order, own actions). Each command calls
//! one store function; the rules live in `devops_maturity_core::plan` and
//! `devops_maturity_store::plans`.

use chrono::Utc;
use devops_maturity_store::plans::{GenerateReport, NewPlanItem, PlanItemChange, PlanProgress};
use devops_maturity_store::{Plan, PlanItem};
use devops_maturity_views::plan::{self, PlanPage};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{content, with_store};
use crate::Shared;

/// Everything the plan page shows for one assessment (`devops_maturity_views::plan`).
#[tauri::command]
pub async fn plan_get(state: State<'_, Shared>, assessment_id: i64) -> CommandResult<PlanPage> {
    let content = content(&state)?;
    with_store(&state, move |store| {
        Ok(plan::page(store, content, assessment_id)?)
    })
    .await
}

/// Sets how many open actions each horizon holds (1–20); the rest wait in the backlog.
#[tauri::command]
pub async fn plan_focus_set(state: State<'_, Shared>, limit: u8) -> CommandResult<()> {
    with_store(&state, move |store| Ok(store.set_plan_focus(limit)?)).await
}

/// Generates the plan of a completed assessment; with `regenerate` an existing plan is brought
/// up to date, keeping the team's edits.
#[tauri::command]
pub async fn plan_generate(
    state: State<'_, Shared>,
    assessment_id: i64,
    regenerate: bool,
) -> CommandResult<GenerateReport> {
    let assessment = &content(&state)?.assessment;
    with_store(&state, move |store| {
        let report = plan::generate(store, assessment, assessment_id, regenerate, Utc::now())?;
        Ok(report)
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
