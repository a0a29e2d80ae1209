//! A plan from the core's proposal: stored the first time, merged with the team's work when
//! regenerated; the weakest DORA metrics it ranks with, the focus limit, and what it leaves out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use devops_maturity_core::dora::{classify, DoraModel};
use devops_maturity_core::plan::{self, focus, Decision, GeneratedPlan, PlannedAction};
use devops_maturity_core::recommendations::Action;
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

use super::check::{check_steps, check_text, required_line};
use super::edit::{end_position, insert_item, renumber, to_json, touch_plan, Insert};
use super::{GenerateReport, IfExists, NotPlannedDimension, Plan, PLAN_FOCUS};
use super::{MAX_TEXT, MAX_TITLE};

impl Store {
    /// Stores `generated` as the plan of a completed assessment, in one transaction. With
    /// [`IfExists::Refuse`] an existing plan is an error; with [`IfExists::Regenerate`] the
    /// proposal is merged into it by the module's rules, keeping every edit.
    pub fn generate_plan(
        &mut self,
        assessment_id: i64,
        generated: &GeneratedPlan<'_, '_>,
        if_exists: IfExists,
        now: DateTime<Utc>,
    ) -> Result<(Plan, GenerateReport), StoreError> {
        let assessment = self.assessment(assessment_id)?;
        if !assessment.status.is_completed() {
            return Err(StoreError::Conflict(format!(
                "assessment {assessment_id} is still in progress; finish it before making its improvement plan"
            )));
        }
        let now = written(now);
        let tx = crate::write::begin(&mut self.conn)?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM plans WHERE assessment_id = ?1",
                [assessment_id],
                |r| r.get(0),
            )
            .optional()?;
        let mut report = GenerateReport::default();
        let plan_id = match (existing, if_exists) {
            (Some(_), IfExists::Refuse) => {
                return Err(StoreError::Conflict(format!(
                    "assessment {assessment_id} already has an improvement plan; regenerate it to bring it up to date (the team's changes are kept)"
                )))
            }
            (Some(id), IfExists::Regenerate) => {
                let proposed: HashMap<&str, &PlannedAction<'_>> = generated
                    .actions
                    .iter()
                    .map(|p| (p.action.id.as_str(), p))
                    .collect();
                // An id the content merged into a proposed action, or moved under a new id.
                let successor: HashMap<&str, &str> = generated
                    .actions
                    .iter()
                    .flat_map(|p| {
                        p.action
                            .replaces
                            .iter()
                            .map(|old| (old.as_str(), p.action.id.as_str()))
                    })
                    .collect();
                let rows: Vec<(i64, String, bool)> = tx
                    .prepare(
                        "SELECT id, action_id, edited FROM plan_items WHERE plan_id = ?1 AND action_id IS NOT NULL ORDER BY edited DESC, position, id",
                    )?
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<_, _>>()?;
                let stored: HashSet<String> = rows.iter().map(|r| r.1.clone()).collect();
                let mut present = HashSet::new();
                for (item_id, action_id, edited) in rows {
                    let current = successor
                        .get(action_id.as_str())
                        .copied()
                        .unwrap_or(action_id.as_str());
                    if let Some(p) = proposed.get(current).filter(|_| current != action_id) {
                        // The item's action was merged or renamed. The team's edited item stays
                        // as it is and stands for the new action; an untouched one becomes the
                        // new action, unless the plan already holds that (then it goes).
                        if edited {
                            present.insert(current.to_string());
                        } else if stored.contains(current) || present.contains(current) {
                            tx.execute("DELETE FROM plan_items WHERE id = ?1", [item_id])?;
                            report.removed += 1;
                        } else {
                            rewrite_generated(&tx, item_id, p, &now)?;
                            present.insert(current.to_string());
                        }
                    } else if proposed.contains_key(action_id.as_str()) {
                        present.insert(action_id);
                    } else if edited {
                        report.kept_edited += 1;
                    } else {
                        tx.execute("DELETE FROM plan_items WHERE id = ?1", [item_id])?;
                        report.removed += 1;
                    }
                }
                // Untouched items still proposed take the new gap, quick-win mark and horizon.
                let mut refresh = tx.prepare(
                    "UPDATE plan_items SET gap = ?1, quick_win = ?2, horizon = ?3, updated_at = ?4
                     WHERE plan_id = ?5 AND action_id = ?6 AND edited = 0",
                )?;
                for p in &generated.actions {
                    if present.contains(&p.action.id) {
                        refresh.execute(params![
                            p.gap,
                            p.quick_win,
                            p.horizon.days(),
                            now,
                            id,
                            p.action.id
                        ])?;
                    }
                }
                drop(refresh);
                let mut position = end_position(&tx, id)?;
                for p in &generated.actions {
                    if present.contains(&p.action.id) {
                        continue;
                    }
                    insert_generated(&tx, id, position, p, &now)?;
                    position += 1;
                    report.added += 1;
                }
                touch_plan(&tx, id, &now)?;
                id
            }
            (None, _) => {
                tx.execute(
                    "INSERT INTO plans (uuid, assessment_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                    params![uuid::Uuid::new_v4().to_string(), assessment_id, now],
                )?;
                let id = tx.last_insert_rowid();
                for (i, p) in generated.actions.iter().enumerate() {
                    insert_generated(&tx, id, i as u32 + 1, p, &now)?;
                    report.added += 1;
                }
                id
            }
        };
        renumber(&tx, plan_id)?;
        tx.commit()?;
        let plan = self
            .plan_of(assessment_id)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("the plan of assessment {assessment_id}"),
            })?;
        Ok((plan, report))
    }
}

impl Store {
    /// Scores the assessment against its questionnaire snapshot and proposes its plan from
    /// `actions` (the content's recommendations), ranked with its DORA answers against `dora`:
    /// what the app and the CLI call.
    pub fn propose_plan(
        &mut self,
        assessment_id: i64,
        actions: &[Action],
        dora: &DoraModel,
        if_exists: IfExists,
        now: DateTime<Utc>,
    ) -> Result<(Plan, GenerateReport), StoreError> {
        let data = self.assessment_data(assessment_id)?;
        let q = self.questionnaire_snapshot(
            &data.assessment.questionnaire_id,
            &data.assessment.questionnaire_version,
        )?;
        let score = devops_maturity_core::score(&q, &data.answers, &data.choices);
        let weakest = self.weakest_dora(assessment_id, dora)?;
        let proposal = plan::generate(&score, actions, &weakest);
        self.generate_plan(assessment_id, &proposal, if_exists, now)
    }

    /// The assessment's weakest DORA metrics ([`plan::weakest_dora`]) against the clusters of
    /// the year its answers were given for; empty when they cannot be compared.
    pub fn weakest_dora(
        &self,
        assessment_id: i64,
        dora: &DoraModel,
    ) -> Result<Vec<String>, StoreError> {
        let data = self.assessment_data(assessment_id)?;
        Ok(classify(dora, data.assessment.dora_year, &data.dora)
            .map(|c| plan::weakest_dora(&c))
            .unwrap_or_default())
    }

    /// The focus limit: open actions per horizon. The default when unset, or when the stored
    /// value is not a number from 1 to [`focus::MAX_FOCUS`] (it can only come from an edited
    /// export; the plan then shows the default rather than nothing).
    pub fn plan_focus(&self) -> Result<u8, StoreError> {
        Ok(self
            .setting(PLAN_FOCUS)?
            .and_then(|v| v.trim().parse::<u8>().ok())
            .and_then(|n| focus::check_limit(n).ok())
            .unwrap_or(focus::DEFAULT_FOCUS))
    }

    /// Sets the focus limit; a number outside 1–20 is refused and nothing changes.
    pub fn set_plan_focus(&self, limit: u8) -> Result<(), StoreError> {
        let limit = focus::check_limit(limit).map_err(StoreError::Invalid)?;
        self.set_setting(PLAN_FOCUS, &limit.to_string())
    }

    /// The dimensions that the proposal for this assessment leaves out today, in
    /// questionnaire order, with the reason.
    pub fn not_planned(
        &self,
        assessment_id: i64,
        actions: &[Action],
    ) -> Result<Vec<NotPlannedDimension>, StoreError> {
        let data = self.assessment_data(assessment_id)?;
        let q = self.questionnaire_snapshot(
            &data.assessment.questionnaire_id,
            &data.assessment.questionnaire_version,
        )?;
        let score = devops_maturity_core::score(&q, &data.answers, &data.choices);
        let proposal = plan::generate(&score, actions, &[]);
        Ok(proposal
            .not_planned
            .iter()
            .map(|n| NotPlannedDimension {
                dimension_id: n.dimension_id.to_string(),
                name: q
                    .dimension(n.dimension_id)
                    .map_or_else(|| n.dimension_id.to_string(), |d| d.name.clone()),
                reason: n.reason,
                label: n.reason.label(),
            })
            .collect())
    }
}

fn insert_generated(
    tx: &rusqlite::Connection,
    plan_id: i64,
    position: u32,
    p: &devops_maturity_core::plan::PlannedAction<'_>,
    now: &str,
) -> Result<i64, StoreError> {
    let a = p.action;
    insert_item(
        tx,
        &Insert {
            plan_id,
            position,
            action_id: Some(&a.id),
            dimension_id: &a.dimension,
            from_level: Some(p.from_level),
            title: &a.title,
            why: &a.why,
            first_steps: &a.first_steps,
            dora: &a.dora,
            effort: a.effort,
            impact: &a.impact,
            chapter: Some(&a.chapter),
            gap: Some(p.gap),
            horizon: p.horizon,
            quick_win: p.quick_win,
            decision: Decision::Proposed,
            now,
        },
    )
    .map_err(|e| StoreError::Invalid(format!("action `{}`: {e}", a.id)))
}

/// Turns an untouched generated item into `p`'s action, text and all: its action was merged
/// into `p`'s or moved under `p`'s id (`Action::replaces`).
fn rewrite_generated(
    tx: &rusqlite::Connection,
    item_id: i64,
    p: &PlannedAction<'_>,
    now: &str,
) -> Result<(), StoreError> {
    let a = p.action;
    let invalid = |e: StoreError| StoreError::Invalid(format!("action `{}`: {e}", a.id));
    let title = required_line("an action's title", &a.title, MAX_TITLE).map_err(invalid)?;
    check_text("an action's why", &a.why, MAX_TEXT, true).map_err(invalid)?;
    check_text("an action's impact", &a.impact, MAX_TEXT, true).map_err(invalid)?;
    let steps = check_steps(&a.first_steps).map_err(invalid)?;
    tx.execute(
        "UPDATE plan_items SET action_id = ?1, dimension_id = ?2, from_level = ?3, title = ?4, why = ?5,
            first_steps = ?6, dora = ?7, effort = ?8, impact = ?9, chapter = ?10, updated_at = ?11
         WHERE id = ?12",
        params![
            a.id,
            a.dimension,
            p.from_level,
            title,
            a.why.trim(),
            to_json(&steps)?,
            to_json(&a.dora)?,
            a.effort.code(),
            a.impact.trim(),
            a.chapter,
            now,
            item_id
        ],
    )?;
    Ok(())
}
