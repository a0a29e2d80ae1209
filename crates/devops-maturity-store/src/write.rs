//! Starting a write that reads first. SQLite starts `SAVEPOINT` and plain `BEGIN` as *deferred*
//! transactions: they take the write lock only at their first write, and when another program
//! has written since their first read SQLite refuses the upgrade at once (SQLITE_BUSY, without
//! waiting the busy timeout). [`begin`] takes the write lock first (`BEGIN IMMEDIATE`, which
//! waits), or nests as a savepoint inside a write already under way
//! ([`Store::in_transaction`](crate::Store::in_transaction)).
//!
//! [`Waiting`] is how a write waits for another program's: SQLite asks the store's busy
//! handler each time it finds the database locked, and the handler sleeps as SQLite's own busy
//! timeout does, telling whoever asked ([`Store::report_waits`](crate::Store::report_waits)).

use std::ops::Deref;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};

/// SQLite's own schedule of sleeps (ms) while the database stays locked (`sqlite3_busy_timeout`
/// in `main.c`); after the last, 100 ms each time.
const DELAYS: [u64; 12] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/// How long (ms) to sleep after finding the database locked `tries` times in a row already,
/// with at most `timeout` ms in all: 0 once it is spent.
fn delay(tries: usize, timeout: u64) -> u64 {
    let last = DELAYS[DELAYS.len() - 1];
    let waited: u64 =
        DELAYS.iter().take(tries).sum::<u64>() + last * tries.saturating_sub(DELAYS.len()) as u64;
    DELAYS
        .get(tries)
        .copied()
        .unwrap_or(last)
        .min(timeout.saturating_sub(waited))
}

/// Who is told that a write waits: with how many times it has waited before (0 the first).
type Report = Box<dyn FnMut(u32) + Send>;

/// A store's way of waiting for another program's write: for at most `timeout` in all.
pub(crate) struct Waiting {
    timeout_ms: AtomicU64,
    report: Mutex<Option<Report>>,
}

impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiting")
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

impl Waiting {
    /// Waiting for at most `timeout`, installed as `conn`'s busy handler.
    pub(crate) fn install(
        conn: &mut Connection,
        timeout: Duration,
    ) -> rusqlite::Result<Arc<Waiting>> {
        let waiting = Arc::new(Waiting {
            timeout_ms: AtomicU64::new(0),
            report: Mutex::new(None),
        });
        waiting.set_timeout(timeout);
        let handler = Arc::clone(&waiting);
        conn.busy_handler(Some(move |tries: i32| handler.wait(tries)))?;
        Ok(waiting)
    }

    pub(crate) fn set_timeout(&self, timeout: Duration) {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX);
        self.timeout_ms.store(ms, Ordering::Relaxed);
    }

    pub(crate) fn report_to(&self, report: Report) {
        *self.report.lock().unwrap_or_else(|e| e.into_inner()) = Some(report);
    }

    /// SQLite found the database locked for the `tries`-th time in a row: sleep, and answer
    /// whether to try again (false once the timeout is spent; the write then fails as busy).
    fn wait(&self, tries: i32) -> bool {
        let tries = usize::try_from(tries).unwrap_or(0);
        let delay = delay(tries, self.timeout_ms.load(Ordering::Relaxed));
        if delay == 0 {
            return false;
        }
        if let Some(report) = self
            .report
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_mut()
        {
            report(u32::try_from(tries).unwrap_or(u32::MAX));
        }
        std::thread::sleep(Duration::from_millis(delay));
        true
    }
}

/// An all-or-nothing write: dropped without [`Write::commit`], it rolls back.
pub(crate) enum Write<'c> {
    Top(Transaction<'c>),
    Nested(Savepoint<'c>),
}

/// Begins a write on `conn`: immediate at the top level, a savepoint when nested.
pub(crate) fn begin(conn: &mut Connection) -> rusqlite::Result<Write<'_>> {
    if conn.is_autocommit() {
        Ok(Write::Top(conn.transaction_with_behavior(
            TransactionBehavior::Immediate,
        )?))
    } else {
        Ok(Write::Nested(conn.savepoint()?))
    }
}

impl Write<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Write::Top(tx) => tx.commit(),
            Write::Nested(sp) => sp.commit(),
        }
    }
}

impl Deref for Write<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Write::Top(tx) => tx,
            Write::Nested(sp) => sp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::delay;

    /// The sleeps of one wait, until the handler gives up.
    fn sleeps(timeout: u64) -> Vec<u64> {
        (0..)
            .map(|tries| delay(tries, timeout))
            .take_while(|d| *d > 0)
            .collect()
    }

    #[test]
    fn a_write_waits_as_sqlite_would_and_exactly_the_timeout_in_all() {
        assert_eq!(
            sleeps(5_000)[..13],
            [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100, 100],
            "SQLite's own schedule: quick retries first, then every 100 ms"
        );
        for timeout in [1, 2, 300, 5_000, 7_777] {
            assert_eq!(sleeps(timeout).iter().sum::<u64>(), timeout, "{timeout} ms");
        }
        assert!(sleeps(0).is_empty(), "a timeout of 0 never waits");
    }
}
