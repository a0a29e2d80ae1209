//! The agenda of the course day: blocks with durations, and the schedule computed from them.

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
}
