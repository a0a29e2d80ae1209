//! `timers`: the activity countdowns of the day (`core::timer`), one row per key (e.g.
//! `activity:<chapter id>`), so every page shows the same clock and a restart finds it where
//! it was. Not exported: a running clock is the state of a day, not data to carry elsewhere.
//!
//! "Where it was" survives a crash too: while a countdown runs, the app notes every few seconds
//! that it is still alive ([`Store::timers_seen`]); the next start pauses each countdown that
//! was left running at the last such note ([`Store::pause_timers_left_running`]), so at most
//! those few seconds are lost. A normal exit pauses them exactly ([`Store::pause_all_timers`]).

use devops_maturity_core::text::{self, Rule};
use devops_maturity_core::timer::{Countdown, Reading};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

pub(crate) const MIGRATION_TIMERS: &str = "
CREATE TABLE timers (
    key              TEXT PRIMARY KEY NOT NULL,
    duration_ms      INTEGER NOT NULL CHECK (duration_ms > 0),
    left_ms          INTEGER NOT NULL CHECK (left_ms >= 0 AND left_ms <= duration_ms),
    -- Unix milliseconds when it last started; NULL while ready, paused or done.
    running_since_ms INTEGER,
    -- Unix milliseconds when the app last noted it running (see the module doc).
    seen_ms          INTEGER
) WITHOUT ROWID;
";

/// Longest timer key, in characters.
pub const MAX_KEY: usize = 100;
/// Longest countdown accepted: a whole day.
pub const MAX_DURATION_MS: u64 = 24 * 60 * 60 * 1000;

/// What to do with a countdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerAction {
    /// Only read it (created ready when it does not exist).
    Read,
    Start,
    Pause,
    /// Back to the full length (the `duration_ms` given).
    Reset,
}

fn check(key: &str, duration_ms: u64) -> Result<(), StoreError> {
    text::required("a timer key", key, Rule::line(MAX_KEY))?;
    if duration_ms == 0 || duration_ms > MAX_DURATION_MS {
        return Err(StoreError::Invalid(format!(
            "a timer of {duration_ms} ms: a countdown lasts from 1 ms to 24 hours"
        )));
    }
    Ok(())
}

/// A countdown from the columns `duration_ms, left_ms, running_since_ms` starting at `first`.
fn countdown(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Countdown> {
    Ok(Countdown {
        duration_ms: r.get::<_, i64>(first)?.max(1) as u64,
        left_ms: r.get::<_, i64>(first + 1)?.max(0) as u64,
        running_since_ms: r.get(first + 2)?,
    })
}

fn to_ms(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl Store {
    /// The countdown `key`, if one was ever started or read.
    pub fn timer(&self, key: &str) -> Result<Option<Countdown>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT duration_ms, left_ms, running_since_ms FROM timers WHERE key = ?1",
                [key],
                |r| countdown(r, 0),
            )
            .optional()?)
    }

    /// Applies `action` to the countdown `key` at `now_ms` and returns how it reads then. A
    /// countdown that does not exist yet is made with `duration_ms`, ready; one that exists
    /// keeps its own length until it is reset. One transaction.
    pub fn timer_act(
        &mut self,
        key: &str,
        duration_ms: u64,
        action: TimerAction,
        now_ms: i64,
    ) -> Result<Reading, StoreError> {
        check(key, duration_ms)?;
        let tx = crate::write::begin(&mut self.conn)?;
        let stored = tx
            .query_row(
                "SELECT duration_ms, left_ms, running_since_ms FROM timers WHERE key = ?1",
                [key],
                |r| countdown(r, 0),
            )
            .optional()?;
        let mut c = stored.unwrap_or_else(|| Countdown::new(duration_ms));
        match action {
            TimerAction::Read => {}
            TimerAction::Start => c.start(now_ms),
            TimerAction::Pause => c.pause(now_ms),
            TimerAction::Reset => c.reset(duration_ms),
        }
        if stored != Some(c) {
            tx.execute(
                "INSERT INTO timers (key, duration_ms, left_ms, running_since_ms, seen_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key) DO UPDATE SET duration_ms = excluded.duration_ms,
                   left_ms = excluded.left_ms, running_since_ms = excluded.running_since_ms,
                   seen_ms = excluded.seen_ms",
                params![key, to_ms(c.duration_ms), to_ms(c.left_ms), c.running_since_ms, now_ms],
            )?;
        }
        tx.commit()?;
        Ok(c.read(now_ms))
    }

    /// Pauses every running countdown at `now_ms`: what the app does when it closes, so a
    /// restart finds each where it was. Returns how many were paused.
    pub fn pause_all_timers(&mut self, now_ms: i64) -> Result<usize, StoreError> {
        self.pause_running(Some(now_ms))
    }

    /// At start-up: pauses each countdown left running by an app that ended without pausing
    /// it (a crash, a kill) at the last moment that app noted it alive. Returns how many.
    pub fn pause_timers_left_running(&mut self) -> Result<usize, StoreError> {
        self.pause_running(None)
    }

    /// Notes at `now_ms` that the running countdowns are still running (a few seconds apart,
    /// while the app runs). Writes nothing when none runs.
    pub fn timers_seen(&mut self, now_ms: i64) -> Result<(), StoreError> {
        let running: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM timers WHERE running_since_ms IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        if running {
            self.conn.execute(
                "UPDATE timers SET seen_ms = ?1 WHERE running_since_ms IS NOT NULL",
                [now_ms],
            )?;
        }
        Ok(())
    }

    /// Pauses every running countdown at `at`, or each at its own last note when `None`.
    fn pause_running(&mut self, at: Option<i64>) -> Result<usize, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let running: Vec<(String, Countdown, Option<i64>)> = tx
            .prepare(
                "SELECT key, duration_ms, left_ms, running_since_ms, seen_ms FROM timers WHERE running_since_ms IS NOT NULL",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, countdown(r, 1)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        for (key, mut c, seen) in running.iter().cloned() {
            let since = c.running_since_ms.unwrap_or_default();
            c.pause(at.unwrap_or_else(|| seen.unwrap_or(since).max(since)));
            tx.execute(
                "UPDATE timers SET left_ms = ?1, running_since_ms = NULL WHERE key = ?2",
                params![to_ms(c.left_ms), key],
            )?;
        }
        tx.commit()?;
        Ok(running.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_core::timer::Phase;

    const MIN: u64 = 60_000;

    #[test]
    fn a_countdown_is_shared_by_key_and_survives_reading_back() {
        let mut store = Store::open_in_memory().unwrap();
        let key = "activity:ej-airways-roles";
        let r = store
            .timer_act(key, 30 * MIN, TimerAction::Read, 0)
            .unwrap();
        assert_eq!(r.phase, Phase::Ready);
        store
            .timer_act(key, 30 * MIN, TimerAction::Start, 1_000)
            .unwrap();
        // Another page reads the same clock a minute later, with its own idea of the length.
        let r = store
            .timer_act(key, 45 * MIN, TimerAction::Read, 61_000)
            .unwrap();
        assert_eq!(
            (r.phase, r.left_ms, r.duration_ms),
            (Phase::Running, 29 * MIN, 30 * MIN)
        );
        // The app closes two minutes in: paused where it was.
        assert_eq!(store.pause_all_timers(121_000).unwrap(), 1);
        let r = store
            .timer_act(key, 30 * MIN, TimerAction::Read, 9_999_999)
            .unwrap();
        assert_eq!((r.phase, r.left_ms), (Phase::Paused, 28 * MIN));
        let r = store
            .timer_act(key, 45 * MIN, TimerAction::Reset, 0)
            .unwrap();
        assert_eq!((r.phase, r.left_ms), (Phase::Ready, 45 * MIN));
    }

    #[test]
    fn a_countdown_left_running_by_a_crash_pauses_at_the_last_note() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .timer_act("activity:a", 30 * MIN, TimerAction::Start, 0)
            .unwrap();
        store
            .timer_act("activity:b", 30 * MIN, TimerAction::Read, 0)
            .unwrap();
        store.timers_seen(5_000).unwrap();
        store.timers_seen(10_000).unwrap();
        // The app is killed here; it starts again an hour later.
        assert_eq!(store.pause_timers_left_running().unwrap(), 1);
        let r = store
            .timer_act("activity:a", 30 * MIN, TimerAction::Read, 3_600_000)
            .unwrap();
        assert_eq!((r.phase, r.left_ms), (Phase::Paused, 30 * MIN - 10_000));
        let b = store
            .timer_act("activity:b", 30 * MIN, TimerAction::Read, 3_600_000)
            .unwrap();
        assert_eq!(
            b.phase,
            Phase::Ready,
            "a countdown never started stays ready"
        );
        assert_eq!(store.pause_timers_left_running().unwrap(), 0);
    }

    #[test]
    fn bad_keys_and_lengths_are_refused_and_store_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let e = store
            .timer_act("activity:x", 0, TimerAction::Start, 0)
            .unwrap_err()
            .to_string();
        assert!(e.contains("from 1 ms to 24 hours"), "{e}");
        assert!(store
            .timer_act("a\u{0}b", MIN, TimerAction::Start, 0)
            .is_err());
        assert_eq!(store.timer("activity:x").unwrap(), None);
    }
}
