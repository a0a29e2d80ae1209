//! The agenda of the course day: blocks with durations, and the schedule computed from them.
//!
//! The facilitator may move the start, change each block's length and switch optional blocks on
//! or off; those [`AgendaEdits`] are checked and applied by [`Agenda::plan`], which also adds up
//! the day. Optional blocks are off unless switched on (the source agenda gives them no time).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Session,
    Activity,
    Break,
    Lunch,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaBlock {
    pub id: String,
    pub title: String,
    pub kind: BlockKind,
    pub minutes: u32,
    #[serde(default)]
    pub module: Option<String>,
    #[serde(default)]
    pub chapter: Option<String>,
    #[serde(default)]
    pub optional: bool,
    /// The facilitator cut: the sections to teach in the block's time, in order. The full
    /// chapters stay for self-study. `content check` makes it fit the block's minutes.
    #[serde(default)]
    pub cut: Vec<CutSection>,
}

/// One section of a block's facilitator cut, with the minutes it gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CutSection {
    pub chapter: String,
    /// The section's anchor in the chapter (its `##` heading, slugged).
    pub anchor: String,
    pub title: String,
    pub minutes: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agenda {
    /// Start of the day, in minutes after midnight.
    pub start: u32,
    pub blocks: Vec<AgendaBlock>,
}

/// A block placed on the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledBlock {
    pub id: String,
    pub start: String,
    pub end: String,
    pub minutes: u32,
}

/// Parses `HH:MM` (24-hour clock) into minutes after midnight.
pub fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

pub fn format_clock(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

impl Agenda {
    /// Places the blocks one after another from `start`, with `minutes(block)` giving each
    /// block's length (0 leaves a block out, e.g. a switched-off optional activity).
    pub fn schedule(
        &self,
        start: u32,
        minutes: impl Fn(&AgendaBlock) -> u32,
    ) -> Vec<ScheduledBlock> {
        let mut clock = start;
        let mut out = Vec::new();
        for block in &self.blocks {
            let length = minutes(block);
            if length == 0 {
                continue;
            }
            out.push(ScheduledBlock {
                id: block.id.clone(),
                start: format_clock(clock),
                end: format_clock(clock + length),
                minutes: length,
            });
            clock += length;
        }
        out
    }
}

/// Longest block the facilitator can set, in minutes (the same bound as `agenda.toml`).
pub const MAX_BLOCK_MINUTES: u32 = 480;
const END_OF_DAY: u32 = 24 * 60;

/// The facilitator's changes to the authored agenda. Everything left out keeps its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AgendaEdits {
    /// Start of the day, `HH:MM`.
    pub start: Option<String>,
    /// Block id → length in minutes.
    pub minutes: BTreeMap<String, u32>,
    /// Optional block id → switched on.
    pub enabled: BTreeMap<String, bool>,
}

/// Why edits were refused; the message says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaError(pub String);

impl fmt::Display for AgendaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AgendaError {}

/// One block of the planned day. `start`/`end` are `None` for a switched-off block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedBlock {
    pub id: String,
    pub title: String,
    pub kind: BlockKind,
    pub minutes: u32,
    pub default_minutes: u32,
    pub optional: bool,
    pub enabled: bool,
    pub start: Option<String>,
    pub end: Option<String>,
    pub module: Option<String>,
    pub chapter: Option<String>,
    pub cut: Vec<CutSection>,
}

/// The day as the facilitator has set it up, with its totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayPlan {
    pub start: String,
    pub end: String,
    pub blocks: Vec<PlannedBlock>,
    /// Every switched-on block, lunch and breaks included.
    pub total_minutes: u32,
    /// Switched-on blocks other than lunch and breaks.
    pub teaching_minutes: u32,
    /// Whether the edits differ from the authored agenda.
    pub edited: bool,
}

impl Agenda {
    /// Applies `edits` to the authored day and puts it on the clock. Refuses unknown blocks,
    /// lengths outside 1–480 minutes, switching a mandatory block, a malformed start, and a day
    /// that would run past midnight.
    pub fn plan(&self, edits: &AgendaEdits) -> Result<DayPlan, AgendaError> {
        let start = match &edits.start {
            None => self.start,
            Some(text) => parse_clock(text.trim()).ok_or_else(|| {
                AgendaError(format!(
                    "the start time `{text}` is not a time such as 09:00"
                ))
            })?,
        };
        let block = |id: &str| self.blocks.iter().find(|b| b.id == id);
        for (id, &minutes) in &edits.minutes {
            let b =
                block(id).ok_or_else(|| AgendaError(format!("the agenda has no block `{id}`")))?;
            if !(1..=MAX_BLOCK_MINUTES).contains(&minutes) {
                return Err(AgendaError(format!(
                    "“{}” cannot last {minutes} minutes; 1 to {MAX_BLOCK_MINUTES} are allowed",
                    b.title
                )));
            }
        }
        for id in edits.enabled.keys() {
            let b =
                block(id).ok_or_else(|| AgendaError(format!("the agenda has no block `{id}`")))?;
            if !b.optional {
                return Err(AgendaError(format!(
                    "“{}” is part of every day and cannot be switched off",
                    b.title
                )));
            }
        }
        let mut clock = start;
        let mut blocks = Vec::with_capacity(self.blocks.len());
        let (mut total, mut teaching) = (0, 0);
        for b in &self.blocks {
            let minutes = edits.minutes.get(&b.id).copied().unwrap_or(b.minutes);
            let enabled = !b.optional || edits.enabled.get(&b.id).copied().unwrap_or(false);
            let (block_start, block_end) = if enabled {
                let span = (format_clock(clock), format_clock(clock + minutes));
                clock += minutes;
                total += minutes;
                if !matches!(b.kind, BlockKind::Break | BlockKind::Lunch) {
                    teaching += minutes;
                }
                (Some(span.0), Some(span.1))
            } else {
                (None, None)
            };
            blocks.push(PlannedBlock {
                id: b.id.clone(),
                title: b.title.clone(),
                kind: b.kind,
                minutes,
                default_minutes: b.minutes,
                optional: b.optional,
                enabled,
                start: block_start,
                end: block_end,
                module: b.module.clone(),
                chapter: b.chapter.clone(),
                cut: b.cut.clone(),
            });
        }
        if clock > END_OF_DAY {
            return Err(AgendaError(format!(
                "the day would end after midnight ({} of blocks from {}); start earlier or shorten blocks",
                hours_and_minutes(total),
                format_clock(start)
            )));
        }
        let edited = blocks
            .iter()
            .any(|b| b.minutes != b.default_minutes || (b.optional && b.enabled))
            || start != self.start;
        Ok(DayPlan {
            start: format_clock(start),
            end: format_clock(clock),
            blocks,
            total_minutes: total,
            teaching_minutes: teaching,
            edited,
        })
    }

    /// The block that runs the activity of chapter `chapter_id`, if any.
    pub fn activity_block(&self, chapter_id: &str) -> Option<&AgendaBlock> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Activity && b.chapter.as_deref() == Some(chapter_id))
    }
}

fn hours_and_minutes(total: u32) -> String {
    format!("{} h {:02} min", total / 60, total % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(id: &str, kind: BlockKind, minutes: u32) -> AgendaBlock {
        AgendaBlock {
            id: id.into(),
            title: id.into(),
            kind,
            minutes,
            module: None,
            chapter: None,
            optional: false,
            cut: Vec::new(),
        }
    }

    #[test]
    fn clock_round_trips_and_rejects_nonsense() {
        assert_eq!(parse_clock("09:00"), Some(540));
        assert_eq!(format_clock(540 + 75), "10:15");
        for bad in ["9:00", "24:00", "12:60", "ab:cd", ""] {
            assert_eq!(parse_clock(bad), None, "{bad:?} is not a clock time");
        }
    }

    #[test]
    fn schedule_chains_blocks_and_skips_zero_length_ones() {
        let agenda = Agenda {
            start: 540,
            blocks: vec![
                block("a", BlockKind::Session, 30),
                block("b", BlockKind::Break, 15),
                block("c", BlockKind::Activity, 45),
            ],
        };
        let got = agenda.schedule(540, |b| if b.id == "b" { 0 } else { b.minutes });
        let spans: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|s| (s.id.as_str(), s.start.as_str(), s.end.as_str()))
            .collect();
        assert_eq!(spans, [("a", "09:00", "09:30"), ("c", "09:30", "10:15")]);
    }

    fn day() -> Agenda {
        let mut extra = block("extra", BlockKind::Session, 20);
        extra.optional = true;
        Agenda {
            start: 540,
            blocks: vec![
                block("intro", BlockKind::Session, 30),
                block("break", BlockKind::Break, 15),
                block("group", BlockKind::Activity, 45),
                block("lunch", BlockKind::Lunch, 60),
                extra,
                block("close", BlockKind::Session, 30),
            ],
        }
    }

    fn check_totals(edits: AgendaEdits, expected: (&str, &str, u32, u32)) {
        let plan = day().plan(&edits).expect("valid edits");
        assert_eq!(
            (
                plan.start.as_str(),
                plan.end.as_str(),
                plan.total_minutes,
                plan.teaching_minutes
            ),
            expected,
            "start, end, whole day, without lunch and breaks for {edits:?}"
        );
    }

    #[test]
    fn the_authored_day_leaves_optional_blocks_off() {
        check_totals(AgendaEdits::default(), ("09:00", "12:00", 180, 105));
        let plan = day().plan(&AgendaEdits::default()).unwrap();
        let extra = plan.blocks.iter().find(|b| b.id == "extra").unwrap();
        assert_eq!((extra.enabled, extra.start.as_deref()), (false, None));
        let close = plan.blocks.iter().find(|b| b.id == "close").unwrap();
        assert_eq!(
            (close.start.as_deref(), close.end.as_deref()),
            (Some("11:30"), Some("12:00")),
            "a switched-off block takes no time"
        );
        assert!(!plan.edited);
    }

    #[test]
    fn edits_move_the_start_change_lengths_and_switch_optional_blocks() {
        let edits = AgendaEdits {
            start: Some("08:30".into()),
            minutes: [("group".to_string(), 60), ("lunch".to_string(), 45)].into(),
            enabled: [("extra".to_string(), true)].into(),
        };
        // 30 + 15 + 60 + 45 + 20 + 30 = 200; without the break and lunch: 140.
        check_totals(edits.clone(), ("08:30", "11:50", 200, 140));
        assert!(day().plan(&edits).unwrap().edited);
    }

    #[test]
    fn bad_edits_are_refused_with_a_message() {
        let refuse = |edits: AgendaEdits, message: &str| {
            assert_eq!(day().plan(&edits).unwrap_err().0, message, "{edits:?}");
        };
        refuse(
            AgendaEdits {
                start: Some("9am".into()),
                ..Default::default()
            },
            "the start time `9am` is not a time such as 09:00",
        );
        refuse(
            AgendaEdits {
                minutes: [("group".to_string(), 0)].into(),
                ..Default::default()
            },
            "“group” cannot last 0 minutes; 1 to 480 are allowed",
        );
        refuse(
            AgendaEdits {
                minutes: [("nope".to_string(), 10)].into(),
                ..Default::default()
            },
            "the agenda has no block `nope`",
        );
        refuse(
            AgendaEdits {
                enabled: [("lunch".to_string(), false)].into(),
                ..Default::default()
            },
            "“lunch” is part of every day and cannot be switched off",
        );
        refuse(
            AgendaEdits {
                start: Some("22:00".into()),
                ..Default::default()
            },
            "the day would end after midnight (3 h 00 min of blocks from 22:00); start earlier or shorten blocks",
        );
    }
}
