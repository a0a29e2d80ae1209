//! Improvement plans: one per assessment, generated from the core's proposal
//! ([`devops_maturity_core::plan::generate`]) and then edited by the team: accept or reject,
//! owner, due date, status, notes, horizon, order, and actions of their own.
//!
//! An item copies the action's text when the plan is made, like the questionnaire snapshot: a
//! plan reads the same after the content changes. Display order is horizon (30, 60, 90 days),
//! then `position`; positions are renumbered 1…n in that order after every change of order.
//!
//! Regenerating (after the targets changed) never drops the team's work silently: items the
//! team touched and the team's own actions stay where they are; only untouched generated items
//! that the new proposal no longer contains go, and new proposals join the end of their
//! horizon. [`GenerateReport`] says how many of each.
//!
//! The proposal ranks with the team's weakest DORA metrics ([`Store::weakest_dora`]), and the
//! plan is shown focused ([`devops_maturity_core::plan::focus`]): the limit of open actions per
//! horizon is the setting [`PLAN_FOCUS`], which nothing but [`Store::set_plan_focus`] writes.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use devops_maturity_core::dora::{classify, DoraModel};
use devops_maturity_core::plan::{
    self, focus, Decision, GeneratedPlan, Horizon, ItemStatus, NotPlannedReason,
};
use devops_maturity_core::recommendations::{Action, Effort};
use devops_maturity_core::text::{self, Rule};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::teams::timestamp;
use crate::{Store, StoreError};

pub(crate) const MIGRATION_PLANS: &str = "
CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE plan_items (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    -- NULL for an action the team added itself.
    action_id    TEXT,
    dimension_id TEXT NOT NULL,
    from_level   INTEGER CHECK (from_level IS NULL OR from_level BETWEEN 1 AND 4),
    title        TEXT NOT NULL,
    why          TEXT NOT NULL,
    -- JSON arrays of strings.
    first_steps  TEXT NOT NULL,
    dora         TEXT NOT NULL,
    effort       TEXT NOT NULL CHECK (effort IN ('S', 'M', 'L')),
    impact       TEXT NOT NULL,
    chapter      TEXT,
    gap          REAL,
    horizon      INTEGER NOT NULL CHECK (horizon IN (30, 60, 90)),
    quick_win    INTEGER NOT NULL CHECK (quick_win IN (0, 1)),
    decision     TEXT NOT NULL CHECK (decision IN ('proposed', 'accepted', 'rejected')),
    owner        TEXT,
    due          TEXT,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
    notes        TEXT,
    -- 1 once the team changed anything about the item: regenerating keeps it.
    edited       INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (plan_id, action_id)
);
CREATE INDEX plan_items_order ON plan_items (plan_id, horizon, position);
";

pub use devops_maturity_core::plan::{MAX_OWNER, MAX_TEXT, MAX_TITLE};
/// The setting that holds the focus limit: open actions per horizon (1–20, default 3).
pub const PLAN_FOCUS: &str = "plan.focus";
/// Most first steps on one item.
pub const MAX_STEPS: usize = 20;

/// A plan with its items in display order (horizon, then position).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: i64,
    pub uuid: String,
    pub assessment_id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub items: Vec<PlanItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    pub id: i64,
    pub uuid: String,
    /// 1…n over the whole plan, in display order.
    pub position: u32,
    /// The content action it came from; `None` for the team's own action.
    pub action_id: Option<String>,
    pub dimension_id: String,
    /// The step it is for (`from_level` → `from_level + 1`); `None` for the team's own action.
    pub from_level: Option<u8>,
    pub title: String,
    pub why: String,
    pub first_steps: Vec<String>,
    /// DORA metric ids the action moves.
    pub dora: Vec<String>,
    pub effort: Effort,
    pub impact: String,
    /// Course chapter to read; `None` for the team's own action.
    pub chapter: Option<String>,
    /// The dimension's gap when the item was generated.
    pub gap: Option<f64>,
    /// Serialised as 30, 60 or 90.
    pub horizon: Horizon,
    pub quick_win: bool,
    pub decision: Decision,
    pub owner: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub due: Option<String>,
    pub status: ItemStatus,
    pub notes: Option<String>,
    /// The team changed something about it (regenerating keeps it).
    pub edited: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl PlanItem {
    pub fn is_custom(&self) -> bool {
        self.action_id.is_none()
    }

    /// Why the item is in the plan, where it is, given its dimension's `weight` and the
    /// assessment's weakest DORA metrics ([`Store::weakest_dora`]).
    pub fn why(&self, weight: f64, weakest: &[String]) -> plan::Why {
        plan::Why::of_item(
            self.gap,
            weight,
            &self.dora,
            weakest,
            self.quick_win,
            self.effort,
            self.horizon,
        )
    }
}

impl Plan {
    /// Each item's place under the focus rule with `limit` open actions per horizon, in the
    /// order of `items`.
    pub fn places(&self, limit: u8) -> Vec<plan::Place> {
        plan::places(
            self.items.iter().map(|i| (i.horizon, i.decision, i.status)),
            limit,
        )
    }
}

/// What regenerating did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GenerateReport {
    /// Proposed actions new to the plan.
    pub added: u32,
    /// Untouched generated items no longer proposed (their gap closed or the target moved).
    pub removed: u32,
    /// Items no longer proposed but kept because the team had changed them.
    pub kept_edited: u32,
}

/// Whether [`Store::generate_plan`] may merge into an existing plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    Refuse,
    Regenerate,
}

/// A change to one item. `None` leaves a field as it is; for owner, due and notes an empty
/// string clears the field.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItemChange {
    #[serde(default)]
    pub decision: Option<Decision>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub status: Option<ItemStatus>,
    #[serde(default)]
    pub notes: Option<String>,
    /// 30, 60 or 90; the item moves to the end of that horizon.
    #[serde(default)]
    pub horizon: Option<u16>,
}

/// An action the team adds itself.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPlanItem {
    pub dimension_id: String,
    pub title: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub first_steps: Vec<String>,
    pub effort: Effort,
    #[serde(default)]
    pub impact: String,
    /// 30, 60 or 90.
    pub horizon: u16,
}

/// Counts of a team's latest plan: decisions over all items, statuses over the items not
/// rejected (a rejected action is not part of the work).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanProgress {
    pub team_id: i64,
    pub assessment_id: i64,
    pub plan_uuid: String,
    pub proposed: u32,
    pub accepted: u32,
    pub rejected: u32,
    /// Items not rejected.
    pub total: u32,
    pub planned: u32,
    pub in_progress: u32,
    pub done: u32,
    pub dropped: u32,
    pub updated_at: String,
}

const ITEM_COLUMNS: &str = "id, uuid, position, action_id, dimension_id, from_level, title, why, first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, owner, due, status, notes, edited, created_at, updated_at";

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
            due: row.get(18)?,
            status: ItemStatus::from_code(&status).ok_or_else(|| bad_value("status", &status))?,
            notes: row.get(20)?,
            edited: row.get(21)?,
            created_at: row.get(22)?,
            updated_at: row.get(23)?,
        })
    }
}

/// Checks one text field with the one text rule (`core::text`): one line, or several lines
/// when `multiline`. `what` names the field in the message.
fn check_text(what: &str, value: &str, max: usize, multiline: bool) -> Result<(), StoreError> {
    let rule = if multiline {
        Rule::free(max)
    } else {
        Rule::line(max)
    };
    Ok(text::check(what, value, rule)?)
}

/// A required one-line text: trimmed, not empty.
fn required_line(what: &str, value: &str, max: usize) -> Result<String, StoreError> {
    Ok(text::required(what, value, Rule::line(max))?.to_string())
}

/// An optional field from an edit: trimmed; empty clears it.
fn optional(
    what: &str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, StoreError> {
    let value = value.trim();
    check_text(what, value, max, multiline)?;
    Ok((!value.is_empty()).then(|| value.to_string()))
}

fn check_steps(steps: &[String]) -> Result<Vec<String>, StoreError> {
    if steps.len() > MAX_STEPS {
        return Err(StoreError::Invalid(format!(
            "an action can have at most {MAX_STEPS} first steps; this has {}",
            steps.len()
        )));
    }
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let step = step.trim();
        check_text(&format!("first step {}", i + 1), step, MAX_TEXT, true)?;
        if !step.is_empty() {
            out.push(step.to_string());
        }
    }
    Ok(out)
}

/// A due date: `YYYY-MM-DD`, a real calendar day.
/// A due date as people type it, as `YYYY-MM-DD`; empty is no date. Day first where the
/// order is in digits: 2027-01-15, 15/01/2027, 15.01.2027, 15-01-2027, 15 Jan 2027,
/// 15 January 2027, Jan 15 2027, January 15, 2027. The year is written in full (2000–2199), so
/// 15/01/27 is refused rather than read as the year 27.
pub fn parse_due(value: &str) -> Result<Option<String>, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%d.%m.%Y",
        "%d-%m-%Y",
        "%d %b %Y",
        "%b %d %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%B %d %Y",
        "%B %d, %Y",
    ];
    let squeezed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let date = FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&squeezed, f).ok())
        .filter(|d| (2000..2200).contains(&d.year()));
    match date {
        Some(d) => Ok(Some(d.format("%Y-%m-%d").to_string())),
        None => Err(StoreError::Invalid(format!(
            "due date `{value}` is not a date this app can read: write it as 2027-01-15, 15/01/2027 or 15 Jan 2027 (day first, the year in full)"
        ))),
    }
}

/// A due date as stored and exported: exactly `YYYY-MM-DD`, a real calendar date.
pub fn check_due(value: &str) -> Result<Option<String>, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped || NaiveDate::parse_from_str(value, "%Y-%m-%d").is_err() {
        return Err(StoreError::Invalid(format!(
            "due date `{value}` is not a calendar date written YYYY-MM-DD"
        )));
    }
    Ok(Some(value.to_string()))
}

fn horizon_of(days: u16) -> Result<Horizon, StoreError> {
    Horizon::from_days(days).ok_or_else(|| {
        StoreError::Invalid(format!("horizon {days} days is not one of 30, 60 or 90"))
    })
}

fn to_json(list: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(list).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// Sets positions 1…n in display order (horizon, then the current position).
fn renumber(tx: &rusqlite::Connection, plan_id: i64) -> Result<(), StoreError> {
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
fn end_position(tx: &rusqlite::Connection, plan_id: i64) -> Result<u32, StoreError> {
    Ok(tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM plan_items WHERE plan_id = ?1",
        [plan_id],
        |r| r.get(0),
    )?)
}

fn touch_plan(tx: &rusqlite::Connection, plan_id: i64, now: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE plans SET updated_at = ?1 WHERE id = ?2",
        params![now, plan_id],
    )?;
    Ok(())
}

/// The generated fields of one item, as inserted.
struct Insert<'a> {
    plan_id: i64,
    position: u32,
    action_id: Option<&'a str>,
    dimension_id: &'a str,
    from_level: Option<u8>,
    title: &'a str,
    why: &'a str,
    first_steps: &'a [String],
    dora: &'a [String],
    effort: Effort,
    impact: &'a str,
    chapter: Option<&'a str>,
    gap: Option<f64>,
    horizon: Horizon,
    quick_win: bool,
    decision: Decision,
    now: &'a str,
}

fn insert_item(tx: &rusqlite::Connection, item: &Insert<'_>) -> Result<i64, StoreError> {
    let title = required_line("an action's title", item.title, MAX_TITLE)?;
    check_text("an action's why", item.why, MAX_TEXT, true)?;
    check_text("an action's impact", item.impact, MAX_TEXT, true)?;
    let steps = check_steps(item.first_steps)?;
    tx.prepare_cached(
        "INSERT INTO plan_items (uuid, plan_id, position, action_id, dimension_id, from_level, title, why, first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 'planned', ?18, ?18)",
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
    ])?;
    Ok(tx.last_insert_rowid())
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
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
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
        if assessment.status != "completed" {
            return Err(StoreError::Conflict(format!(
                "assessment {assessment_id} is still in progress; finish it before making its improvement plan"
            )));
        }
        let now = timestamp(now);
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
                let proposed: HashSet<&str> = generated
                    .actions
                    .iter()
                    .map(|p| p.action.id.as_str())
                    .collect();
                let rows: Vec<(i64, String, bool)> = tx
                    .prepare(
                        "SELECT id, action_id, edited FROM plan_items WHERE plan_id = ?1 AND action_id IS NOT NULL",
                    )?
                    .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<_, _>>()?;
                let mut present = HashSet::new();
                for (item_id, action_id, edited) in rows {
                    if proposed.contains(action_id.as_str()) {
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
        let now = timestamp(now);
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
        let now = timestamp(now);
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
        let now = timestamp(now);
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
        let now = timestamp(now);
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

    /// Progress of the plan of the team's latest assessment that has one; `None` when no
    /// assessment of the team has a plan.
    pub fn team_plan_progress(&self, team_id: i64) -> Result<Option<PlanProgress>, StoreError> {
        self.team(team_id)?;
        let progress = self
            .conn
            .prepare_cached(
                "SELECT a.id, p.uuid, p.updated_at,
                    count(i.id) FILTER (WHERE i.decision = 'proposed'),
                    count(i.id) FILTER (WHERE i.decision = 'accepted'),
                    count(i.id) FILTER (WHERE i.decision = 'rejected'),
                    count(i.id) FILTER (WHERE i.decision != 'rejected'),
                    count(i.id) FILTER (WHERE i.decision != 'rejected' AND i.status = 'planned'),
                    count(i.id) FILTER (WHERE i.decision != 'rejected' AND i.status = 'in-progress'),
                    count(i.id) FILTER (WHERE i.decision != 'rejected' AND i.status = 'done'),
                    count(i.id) FILTER (WHERE i.decision != 'rejected' AND i.status = 'dropped')
                 FROM plans p
                 JOIN assessments a ON a.id = p.assessment_id
                 LEFT JOIN plan_items i ON i.plan_id = p.id
                 WHERE a.team_id = ?1
                 GROUP BY p.id
                 ORDER BY a.started_at DESC, a.id DESC
                 LIMIT 1",
            )?
            .query_row([team_id], |r| {
                Ok(PlanProgress {
                    team_id,
                    assessment_id: r.get(0)?,
                    plan_uuid: r.get(1)?,
                    updated_at: r.get(2)?,
                    proposed: r.get(3)?,
                    accepted: r.get(4)?,
                    rejected: r.get(5)?,
                    total: r.get(6)?,
                    planned: r.get(7)?,
                    in_progress: r.get(8)?,
                    done: r.get(9)?,
                    dropped: r.get(10)?,
                })
            })
            .optional()?;
        Ok(progress)
    }
}

/// A dimension the proposal leaves out, and why (for the plan page and the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotPlannedDimension {
    pub dimension_id: String,
    pub name: String,
    pub reason: NotPlannedReason,
    /// The reason in words: "not enough answers", "target reached" …
    pub label: &'static str,
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
