//! What a team types into a plan, checked with the one text rule: texts, first steps, due
//! dates (as people type them, and as stored) and horizons.

use chrono::{Datelike, NaiveDate};
use devops_maturity_core::plan::Horizon;
use devops_maturity_core::text::{self, Rule};

use crate::StoreError;

use super::{MAX_STEPS, MAX_TEXT};

/// Checks one text field with the one text rule (`core::text`): one line, or several lines
/// when `multiline`. `what` names the field in the message.
pub(super) fn check_text(
    what: &str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<(), StoreError> {
    let rule = if multiline {
        Rule::free(max)
    } else {
        Rule::line(max)
    };
    Ok(text::check(what, value, rule)?)
}

/// A required one-line text: trimmed, not empty.
pub(super) fn required_line(what: &str, value: &str, max: usize) -> Result<String, StoreError> {
    Ok(text::required(what, value, Rule::line(max))?.to_string())
}

/// An optional field from an edit: trimmed; empty clears it.
pub(super) fn optional(
    what: &str,
    value: &str,
    max: usize,
    multiline: bool,
) -> Result<Option<String>, StoreError> {
    let value = value.trim();
    check_text(what, value, max, multiline)?;
    Ok((!value.is_empty()).then(|| value.to_string()))
}

pub(super) fn check_steps(steps: &[String]) -> Result<Vec<String>, StoreError> {
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

pub(super) fn horizon_of(days: u16) -> Result<Horizon, StoreError> {
    Horizon::from_days(days).ok_or_else(|| {
        StoreError::Invalid(format!(
            "horizon {days} days is not one of {}",
            Horizon::expected()
        ))
    })
}
