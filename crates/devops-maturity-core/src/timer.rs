//! A countdown that belongs to the day, not to a page: an activity's timer keeps running while
//! the facilitator opens other pages, every page that shows it shows the same clock, and after
//! the app closes it is found paused where it was.
//!
//! The state is three numbers, so it can be stored and read back exactly: the length, the time
//! left when it last started or paused, and when it started (milliseconds since the Unix epoch;
//! `None` while it is not running). The time left now is computed, never ticked.

use serde::Serialize;

/// One countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub duration_ms: u64,
    /// Time left when it last started, paused or was reset.
    pub left_ms: u64,
    /// When it last started; `None` while ready, paused or done.
    pub running_since_ms: Option<i64>,
}

/// Where a countdown stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Not started since the last reset.
    Ready,
    Running,
    Paused,
    /// No time left.
    Done,
}

/// A countdown as a page shows it at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub duration_ms: u64,
    pub left_ms: u64,
    pub phase: Phase,
}

impl Countdown {
    /// A countdown of `duration_ms`, ready to start.
    pub fn new(duration_ms: u64) -> Countdown {
        Countdown {
            duration_ms,
            left_ms: duration_ms,
            running_since_ms: None,
        }
    }

    /// The time left at `now_ms`. A clock set back (now before the start) counts as no time
    /// gone.
    pub fn left_at(&self, now_ms: i64) -> u64 {
        match self.running_since_ms {
            Some(since) => {
                let gone = u64::try_from(now_ms.saturating_sub(since)).unwrap_or(0);
                self.left_ms.saturating_sub(gone)
            }
            None => self.left_ms,
        }
    }

    pub fn read(&self, now_ms: i64) -> Reading {
        let left_ms = self.left_at(now_ms);
        let phase = if left_ms == 0 {
            Phase::Done
        } else if self.running_since_ms.is_some() {
            Phase::Running
        } else if left_ms == self.duration_ms {
            Phase::Ready
        } else {
            Phase::Paused
        };
        Reading {
            duration_ms: self.duration_ms,
            left_ms,
            phase,
        }
    }

    /// Starts or resumes; nothing happens when it is running or done.
    pub fn start(&mut self, now_ms: i64) {
        if self.running_since_ms.is_none() && self.left_ms > 0 {
            self.running_since_ms = Some(now_ms);
        }
    }

    /// Pauses, keeping the time left; nothing happens when it is not running.
    pub fn pause(&mut self, now_ms: i64) {
        if self.running_since_ms.is_some() {
            self.left_ms = self.left_at(now_ms);
            self.running_since_ms = None;
        }
    }

    /// Back to the full length, not running; `duration_ms` replaces the length (the agenda
    /// block may have changed).
    pub fn reset(&mut self, duration_ms: u64) {
        *self = Countdown::new(duration_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn runs_pauses_resumes_and_ends_by_the_clock() {
        let mut c = Countdown::new(30 * MIN);
        assert_eq!(c.read(0).phase, Phase::Ready);
        c.start(1_000);
        assert_eq!(
            c.read(61_000),
            Reading {
                duration_ms: 30 * MIN,
                left_ms: 29 * MIN,
                phase: Phase::Running
            }
        );
        c.pause(121_000);
        assert_eq!(c.left_ms, 28 * MIN);
        assert_eq!(
            c.read(10_000_000).left_ms,
            28 * MIN,
            "paused: time does not pass"
        );
        assert_eq!(c.read(10_000_000).phase, Phase::Paused);
        c.start(200_000);
        c.start(500_000);
        assert_eq!(
            c.running_since_ms,
            Some(200_000),
            "starting a running timer changes nothing"
        );
        assert_eq!(c.read(200_000 + 28 * MIN as i64).phase, Phase::Done);
        assert_eq!(c.read(i64::MAX).left_ms, 0);
        c.reset(10 * MIN);
        assert_eq!(c, Countdown::new(10 * MIN));
    }

    #[test]
    fn a_clock_set_back_loses_no_time_and_done_cannot_start() {
        let mut c = Countdown::new(MIN);
        c.start(5_000);
        assert_eq!(c.left_at(1_000), MIN);
        c.pause(5_000 + MIN as i64 + 1);
        assert_eq!(c.read(0).phase, Phase::Done);
        c.start(0);
        assert_eq!(
            c.running_since_ms, None,
            "a finished countdown stays finished"
        );
    }
}
