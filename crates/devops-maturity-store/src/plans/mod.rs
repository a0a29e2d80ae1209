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
//! horizon. [`GenerateReport`] says how many of each. When the content merged an action into
//! another or moved it under a new id (`Action::replaces`), an item with the old id counts as
//! the new action: an edited one stays as it is, an untouched one is rewritten as the new action
//! (or goes, when the plan already holds it), so the same advice is never proposed twice.
//!
//! The proposal ranks with the team's weakest DORA metrics ([`Store::weakest_dora`](crate::Store::weakest_dora)), and the
//! plan is shown focused ([`devops_maturity_core::plan::focus`]): the limit of open actions per
//! horizon is the setting [`PLAN_FOCUS`], which nothing but [`Store::set_plan_focus`](crate::Store::set_plan_focus) writes.
//!
//! `read` reads plans and items back, `check` checks what the team types (texts, steps, due
//! dates), `edit` holds the team's edits and the item writes they share with `generate`, which
//! stores the core's proposal (first time and regenerating) and the focus setting.

mod check;
mod edit;
mod generate;
mod read;

use chrono::{DateTime, NaiveDate, Utc};
use devops_maturity_core::plan::{self, Decision, Horizon, ItemStatus, NotPlannedReason};
use devops_maturity_core::recommendations::Effort;
use serde::{Deserialize, Serialize};

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

pub use check::parse_due;
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
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
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
    /// The day it is due (serialised `YYYY-MM-DD`).
    pub due: Option<NaiveDate>,
    pub status: ItemStatus,
    pub notes: Option<String>,
    /// The team changed something about it (regenerating keeps it).
    pub edited: bool,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

impl PlanItem {
    pub fn is_custom(&self) -> bool {
        self.action_id.is_none()
    }

    /// Why the item is in the plan, where it is, given its dimension's `weight` and the
    /// assessment's weakest DORA metrics ([`Store::weakest_dora`](crate::Store::weakest_dora)).
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

/// Whether [`Store::generate_plan`](crate::Store::generate_plan) may merge into an existing plan.
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
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
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
