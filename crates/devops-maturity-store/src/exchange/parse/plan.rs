//! Improvement plans and their items, as an export file holds them.

use devops_maturity_core::plan::{Decision, Horizon, ItemStatus};
use devops_maturity_core::recommendations::Effort;
use serde_json::Value;

use super::{boolean, code, date, strings, ID};
use crate::exchange::format::{PlanItemRecord, PlanRecord};
use crate::exchange::reader::{object, shown, Problems, Text};

pub(super) fn plan(value: &Value, at: &str, p: &mut Problems) -> Option<PlanRecord> {
    let o = object(value, at, p)?;
    o.only(
        &["uuid", "assessment", "created_at", "updated_at", "items"],
        p,
    );
    let items = o
        .list("items", true, p)
        .iter()
        .enumerate()
        .filter_map(|(i, v)| plan_item(v, &format!("{}[{i}]", o.path("items")), p))
        .collect();
    Some(PlanRecord {
        uuid: o.uuid("uuid", p),
        assessment: o.uuid("assessment", p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
        items,
    })
}

fn plan_item(value: &Value, at: &str, p: &mut Problems) -> Option<PlanItemRecord> {
    use crate::plans::{MAX_OWNER, MAX_STEPS, MAX_TEXT as MAX_PLAN_TEXT, MAX_TITLE};
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid",
            "position",
            "action_id",
            "dimension_id",
            "from_level",
            "title",
            "why",
            "first_steps",
            "dora",
            "effort",
            "impact",
            "chapter",
            "gap",
            "horizon",
            "quick_win",
            "decision",
            "owner",
            "due",
            "status",
            "notes",
            "edited",
            "created_at",
            "updated_at",
        ],
        p,
    );
    let many_lines = Text::free(MAX_PLAN_TEXT);
    let horizon = o.integer("horizon", 30..=90, p).unwrap_or(30) as u16;
    if Horizon::from_days(horizon).is_none() {
        p.push(
            o.path("horizon"),
            format!("{horizon} is not a horizon: use {}", Horizon::expected()),
        );
    }
    let gap = match o.optional("gap") {
        None => None,
        Some(v) => match v.as_f64() {
            Some(g) if g.is_finite() && g.abs() <= 5.0 => Some(g),
            _ => {
                p.push(
                    o.path("gap"),
                    format!("{} is not a gap between -5 and 5", shown(v)),
                );
                None
            }
        },
    };
    Some(PlanItemRecord {
        uuid: o.uuid("uuid", p),
        position: o.integer("position", 1..=100_000, p).unwrap_or(1) as u32,
        action_id: o.opt_text("action_id", ID, p),
        dimension_id: o.text("dimension_id", ID, p),
        from_level: o.opt_integer("from_level", 1..=4, p).map(|l| l as u8),
        title: o.text("title", Text::line(MAX_TITLE), p),
        why: o.text_or_empty("why", many_lines, p),
        first_steps: strings(&o, "first_steps", MAX_STEPS, many_lines, p),
        dora: strings(&o, "dora", 100, ID, p),
        effort: code(&o, "effort", &Effort::ALL.map(Effort::code), p),
        impact: o.text_or_empty("impact", many_lines, p),
        chapter: o.opt_text("chapter", ID, p),
        gap,
        horizon,
        quick_win: boolean(&o, "quick_win", p),
        decision: code(&o, "decision", &Decision::ALL.map(Decision::code), p),
        owner: o.opt_text("owner", Text::line(MAX_OWNER), p),
        due: date(&o, "due", false, p),
        status: code(&o, "status", &ItemStatus::ALL.map(ItemStatus::code), p),
        notes: o.opt_text("notes", many_lines, p),
        edited: boolean(&o, "edited", p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}
