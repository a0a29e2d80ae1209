//! Plans and their items read back, in display order, and a team's plan progress.

use devops_maturity_core::plan::{Decision, Horizon, ItemStatus};
use devops_maturity_core::recommendations::Effort;
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

use super::{Plan, PlanItem, PlanProgress};

pub(super) const ITEM_COLUMNS: &str = "id, uuid, position, action_id, dimension_id, from_level, title, why, first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, owner, due, status, notes, edited, created_at, updated_at";

fn bad_value(column: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("plan_items.{column} holds `{value}`").into(),
    )
}

fn json_list(column: &str, text: &str) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(text).map_err(|_| bad_value(column, text))
}

impl PlanItem {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<PlanItem> {
        let effort: String = row.get(10)?;
        let horizon: u16 = row.get(14)?;
        let decision: String = row.get(16)?;
        let status: String = row.get(19)?;
        Ok(PlanItem {
            id: row.get(0)?,
            uuid: row.get(1)?,
            position: row.get(2)?,
            action_id: row.get(3)?,
            dimension_id: row.get(4)?,
            from_level: row.get(5)?,
            title: row.get(6)?,
            why: row.get(7)?,
            first_steps: json_list("first_steps", &row.get::<_, String>(8)?)?,
            dora: json_list("dora", &row.get::<_, String>(9)?)?,
            effort: Effort::from_code(&effort).ok_or_else(|| bad_value("effort", &effort))?,
            impact: row.get(11)?,
            chapter: row.get(12)?,
            gap: row.get(13)?,
            horizon: Horizon::from_days(horizon)
                .ok_or_else(|| bad_value("horizon", &horizon.to_string()))?,
            quick_win: row.get(15)?,
            decision: Decision::from_code(&decision)
                .ok_or_else(|| bad_value("decision", &decision))?,
            owner: row.get(17)?,
            due: crate::moments::opt_day_at(row, 18, "plan item")?,
            status: ItemStatus::from_code(&status).ok_or_else(|| bad_value("status", &status))?,
            notes: row.get(20)?,
            edited: row.get(21)?,
            created_at: crate::moments::moment_at(row, 22, "plan item")?,
            updated_at: crate::moments::moment_at(row, 23, "plan item")?,
        })
    }
}

impl Store {
    /// The plan of an assessment, items in display order; `None` when it has none yet.
    pub fn plan_of(&self, assessment_id: i64) -> Result<Option<Plan>, StoreError> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT id, uuid, assessment_id, created_at, updated_at FROM plans WHERE assessment_id = ?1",
            )?
            .query_row([assessment_id], |r| {
                Ok(Plan {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    assessment_id: r.get(2)?,
                    created_at: crate::moments::moment_at(r, 3, "plan")?,
                    updated_at: crate::moments::moment_at(r, 4, "plan")?,
                    items: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut plan) = head else {
            return Ok(None);
        };
        plan.items = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS} FROM plan_items WHERE plan_id = ?1 ORDER BY horizon, position, id"
            ))?
            .query_map([plan.id], PlanItem::from_row)?
            .collect::<Result<_, _>>()?;
        Ok(Some(plan))
    }

    /// One item, by id.
    pub fn plan_item(&self, item_id: i64) -> Result<PlanItem, StoreError> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {ITEM_COLUMNS} FROM plan_items WHERE id = ?1"
            ))?
            .query_row([item_id], PlanItem::from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("plan item {item_id}"),
            })
    }

    /// Progress of the plan of the team's latest assessment that has one; `None` when no
    /// assessment of the team has a plan.
    pub fn team_plan_progress(&self, team_id: i64) -> Result<Option<PlanProgress>, StoreError> {
        self.team(team_id)?;
        let progress = self
            .conn
            .prepare_cached(
                "SELECT a.id, p.uuid, p.updated_at,
                    count(i.id) FILTER (WHERE i.decision = ?2),
                    count(i.id) FILTER (WHERE i.decision = ?3),
                    count(i.id) FILTER (WHERE i.decision = ?4),
                    count(i.id) FILTER (WHERE i.decision != ?4),
                    count(i.id) FILTER (WHERE i.decision != ?4 AND i.status = ?5),
                    count(i.id) FILTER (WHERE i.decision != ?4 AND i.status = ?6),
                    count(i.id) FILTER (WHERE i.decision != ?4 AND i.status = ?7),
                    count(i.id) FILTER (WHERE i.decision != ?4 AND i.status = ?8)
                 FROM plans p
                 JOIN assessments a ON a.id = p.assessment_id
                 LEFT JOIN plan_items i ON i.plan_id = p.id
                 WHERE a.team_id = ?1
                 GROUP BY p.id
                 ORDER BY a.started_at DESC, a.id DESC
                 LIMIT 1",
            )?
            .query_row(
                params![
                    team_id,
                    Decision::Proposed.code(),
                    Decision::Accepted.code(),
                    Decision::Rejected.code(),
                    ItemStatus::Planned.code(),
                    ItemStatus::InProgress.code(),
                    ItemStatus::Done.code(),
                    ItemStatus::Dropped.code()
                ],
                |r| {
                    Ok(PlanProgress {
                        team_id,
                        assessment_id: r.get(0)?,
                        plan_uuid: r.get(1)?,
                        updated_at: crate::moments::moment_at(r, 2, "the plan of assessment")?,
                        proposed: r.get(3)?,
                        accepted: r.get(4)?,
                        rejected: r.get(5)?,
                        total: r.get(6)?,
                        planned: r.get(7)?,
                        in_progress: r.get(8)?,
                        done: r.get(9)?,
                        dropped: r.get(10)?,
                    })
                },
            )
            .optional()?;
        Ok(progress)
    }
}
