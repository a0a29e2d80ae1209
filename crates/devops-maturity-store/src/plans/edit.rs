//! The team's edits of a plan (change, move, add and delete an item, all or nothing) and the
//! writes every item change shares: insert, renumber, touch the plan.

use chrono::{DateTime, Utc};
use devops_maturity_core::plan::{Decision, Horizon, ItemStatus};
use devops_maturity_core::recommendations::Effort;
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

use super::check::{check_steps, check_text, horizon_of, optional, parse_due, required_line};
use super::{NewPlanItem, Plan, PlanItem, PlanItemChange, MAX_OWNER, MAX_TEXT, MAX_TITLE};

pub(super) fn to_json(list: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(list).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Sets positions 1…n in display order (horizon, then the current position).
pub(super) fn renumber(tx: &rusqlite::Connection, plan_id: i64) -> Result<(), StoreError> {
    let ids: Vec<i64> = tx
        .prepare_cached(
            "SELECT id FROM plan_items WHERE plan_id = ?1 ORDER BY horizon, position, id",
        )?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = tx.prepare_cached("UPDATE plan_items SET position = ?1 WHERE id = ?2")?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![i as u32 + 1, id])?;
    }
    Ok(())
}

/// The position after every item of the plan (renumbering puts it in its horizon).
pub(super) fn end_position(tx: &rusqlite::Connection, plan_id: i64) -> Result<u32, StoreError> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM plan_items WHERE plan_id = ?1",
        [plan_id],
        |r| r.get(0),
    )?)
}

pub(super) fn touch_plan(
    tx: &rusqlite::Connection,
    plan_id: i64,
    now: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE plans SET updated_at = ?1 WHERE id = ?2",
        params![now, plan_id],
    )?;
    Ok(())
}

/// The generated fields of one item, as inserted.
pub(super) struct Insert<'a> {
    pub(super) plan_id: i64,
    pub(super) position: u32,
    pub(super) action_id: Option<&'a str>,
    pub(super) dimension_id: &'a str,
    pub(super) from_level: Option<u8>,
    pub(super) title: &'a str,
    pub(super) why: &'a str,
    pub(super) first_steps: &'a [String],
    pub(super) dora: &'a [String],
    pub(super) effort: Effort,
    pub(super) impact: &'a str,
    pub(super) chapter: Option<&'a str>,
    pub(super) gap: Option<f64>,
    pub(super) horizon: Horizon,
    pub(super) quick_win: bool,
    pub(super) decision: Decision,
    pub(super) now: &'a str,
}

pub(super) fn insert_item(tx: &rusqlite::Connection, item: &Insert<'_>) -> Result<i64, StoreError> {
    let title = required_line("an action's title", item.title, MAX_TITLE)?;
    check_text("an action's why", item.why, MAX_TEXT, true)?;
    check_text("an action's impact", item.impact, MAX_TEXT, true)?;
    let steps = check_steps(item.first_steps)?;
    tx.prepare_cached(
        "INSERT INTO plan_items (uuid, plan_id, position, action_id, dimension_id, from_level, title, why, first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?19, ?18, ?18)",
    )?
    .execute(params![
        uuid::Uuid::new_v4().to_string(),
        item.plan_id,
        item.position,
        item.action_id,
        item.dimension_id,
        item.from_level,
        title,
        item.why.trim(),
        to_json(&steps)?,
        to_json(item.dora)?,
        item.effort.code(),
        item.impact.trim(),
        item.chapter,
        item.gap,
        item.horizon.days(),
        item.quick_win,
        item.decision.code(),
        item.now,
        ItemStatus::Planned.code(),
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Changes the fields named in `change` on one item, all or nothing.
    pub fn update_plan_item(
        &mut self,
        item_id: i64,
        change: &PlanItemChange,
        now: DateTime<Utc>,
    ) -> Result<PlanItem, StoreError> {
        let item = self.plan_item(item_id)?;
        // Named as people see it: by its title, not its row number.
        let where_ = match self.plan_item(item_id) {
            Ok(item) => format!("the action “{}”", item.title),
            Err(_) => format!("plan item {item_id}"),
        };
        let owner = change
            .owner
            .as_deref()
            .map(|o| optional(&format!("the owner of {where_}"), o, MAX_OWNER, false))
            .transpose()?;
        let notes = change
            .notes
            .as_deref()
            .map(|n| optional(&format!("the notes of {where_}"), n, MAX_TEXT, true))
            .transpose()?;
        let due = change
            .due
            .as_deref()
            .map(|d| parse_due(d).map_err(|e| StoreError::Invalid(format!("{where_}: {e}"))))
            .transpose()?;
        let horizon = change
            .horizon
            .map(|h| horizon_of(h).map_err(|e| StoreError::Invalid(format!("{where_}: {e}"))))
            .transpose()?;
        let now = written(now);
        let tx = crate::write::begin(&mut self.conn)?;
        let plan_id: i64 = tx.query_row(
            "SELECT plan_id FROM plan_items WHERE id = ?1",
            [item_id],
            |r| r.get(0),
        )?;
        if let Some(d) = change.decision {
            tx.execute(
                "UPDATE plan_items SET decision = ?1 WHERE id = ?2",
                params![d.code(), item_id],
            )?;
        }
        if let Some(s) = change.status {
            tx.execute(
                "UPDATE plan_items SET status = ?1 WHERE id = ?2",
                params![s.code(), item_id],
            )?;
        }
        if let Some(o) = &owner {
            tx.execute(
                "UPDATE plan_items SET owner = ?1 WHERE id = ?2",
                params![o, item_id],
            )?;
        }
        if let Some(d) = &due {
            tx.execute(
                "UPDATE plan_items SET due = ?1 WHERE id = ?2",
                params![d, item_id],
            )?;
        }
        if let Some(n) = &notes {
            tx.execute(
                "UPDATE plan_items SET notes = ?1 WHERE id = ?2",
                params![n, item_id],
            )?;
        }
        if let Some(h) = horizon.filter(|h| *h != item.horizon) {
            let end = end_position(&tx, plan_id)?;
            tx.execute(
                "UPDATE plan_items SET horizon = ?1, position = ?2 WHERE id = ?3",
                params![h.days(), end, item_id],
            )?;
            renumber(&tx, plan_id)?;
        }
        tx.execute(
            "UPDATE plan_items SET edited = 1, updated_at = ?1 WHERE id = ?2",
            params![now, item_id],
        )?;
        touch_plan(&tx, plan_id, &now)?;
        tx.commit()?;
        self.plan_item(item_id)
    }

    /// Moves an item to `position` (1-based) within its horizon; the others shift.
    pub fn move_plan_item(
        &mut self,
        item_id: i64,
        position: u32,
        now: DateTime<Utc>,
    ) -> Result<Plan, StoreError> {
        let item = self.plan_item(item_id)?;
        let now = written(now);
        let tx = crate::write::begin(&mut self.conn)?;
        let (plan_id, assessment_id): (i64, i64) = tx.query_row(
            "SELECT p.id, p.assessment_id FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE i.id = ?1",
            [item_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut group: Vec<(i64, u32)> = tx
            .prepare(
                "SELECT id, position FROM plan_items WHERE plan_id = ?1 AND horizon = ?2 ORDER BY position, id",
            )?
            .query_map(params![plan_id, item.horizon.days()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        if position == 0 || position as usize > group.len() {
            return Err(StoreError::Invalid(format!(
                "position {position} is outside the {}-day horizon, which has {} items",
                item.horizon.days(),
                group.len()
            )));
        }
        // The group's positions, reused in its new order: other horizons are untouched.
        let slots: Vec<u32> = group.iter().map(|(_, p)| *p).collect();
        let from = group
            .iter()
            .position(|(id, _)| *id == item_id)
            .ok_or_else(|| StoreError::NotFound {
                what: format!("plan item {item_id}"),
            })?;
        let moved = group.remove(from);
        group.insert(position as usize - 1, moved);
        let mut stmt = tx.prepare("UPDATE plan_items SET position = ?1 WHERE id = ?2")?;
        for ((id, _), slot) in group.iter().zip(slots) {
            stmt.execute(params![slot, id])?;
        }
        drop(stmt);
        tx.execute(
            "UPDATE plan_items SET edited = 1, updated_at = ?1 WHERE id = ?2",
            params![now, item_id],
        )?;
        touch_plan(&tx, plan_id, &now)?;
        tx.commit()?;
        self.plan_of(assessment_id)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("the plan of assessment {assessment_id}"),
            })
    }

    /// Adds the team's own action to the end of its horizon. The dimension must be one of the
    /// assessment's questionnaire version.
    pub fn add_plan_item(
        &mut self,
        assessment_id: i64,
        new: &NewPlanItem,
        now: DateTime<Utc>,
    ) -> Result<PlanItem, StoreError> {
        let horizon = horizon_of(new.horizon)?;
        let assessment = self.assessment(assessment_id)?;
        let q = self.questionnaire_snapshot(
            &assessment.questionnaire_id,
            &assessment.questionnaire_version,
        )?;
        if q.dimension(&new.dimension_id).is_none() {
            return Err(StoreError::Invalid(format!(
                "unknown dimension `{}`",
                new.dimension_id
            )));
        }
        let plan_id: i64 = self
            .conn
            .query_row(
                "SELECT id FROM plans WHERE assessment_id = ?1",
                [assessment_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("the plan of assessment {assessment_id}"),
            })?;
        let now = written(now);
        let tx = crate::write::begin(&mut self.conn)?;
        let position = end_position(&tx, plan_id)?;
        let id = insert_item(
            &tx,
            &Insert {
                plan_id,
                position,
                action_id: None,
                dimension_id: &new.dimension_id,
                from_level: None,
                title: &new.title,
                why: &new.why,
                first_steps: &new.first_steps,
                dora: &[],
                effort: new.effort,
                impact: &new.impact,
                chapter: None,
                gap: None,
                horizon,
                quick_win: false,
                decision: Decision::Accepted,
                now: &now,
            },
        )?;
        tx.execute("UPDATE plan_items SET edited = 1 WHERE id = ?1", [id])?;
        renumber(&tx, plan_id)?;
        touch_plan(&tx, plan_id, &now)?;
        tx.commit()?;
        self.plan_item(id)
    }

    /// Deletes one of the team's own actions. A generated action is rejected, not deleted,
    /// so the plan keeps the record of what was proposed.
    pub fn delete_plan_item(&mut self, item_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let item = self.plan_item(item_id)?;
        if !item.is_custom() {
            return Err(StoreError::Conflict(format!(
                "plan item {item_id} was proposed from the recommendations; reject it instead of deleting it"
            )));
        }
        let now = written(now);
        let tx = crate::write::begin(&mut self.conn)?;
        let plan_id: i64 = tx.query_row(
            "SELECT plan_id FROM plan_items WHERE id = ?1",
            [item_id],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM plan_items WHERE id = ?1", [item_id])?;
        renumber(&tx, plan_id)?;
        touch_plan(&tx, plan_id, &now)?;
        tx.commit()?;
        Ok(())
    }
}
