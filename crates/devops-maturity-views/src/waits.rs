//! Whether a write is waiting for another program's, for the window to say so. A write that
//! finds the data file locked (a `devops-maturity` command, another tool) waits up to the
//! store's busy timeout, 5 s, before it fails: without a word, a click would seem to do nothing
//! for that long. [`StoreWaits`] is told by the store each time its write waits again (every
//! 100 ms at most, `Store::report_waits`), and is read without the store's lock, which the
//! waiting command holds.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use devops_maturity_store::Store;

/// A write counts as waiting until this long after the store last said it waits: the store's
/// busy handler sleeps at most 100 ms between two reports.
pub const FRESH: Duration = Duration::from_millis(300);

/// When a store last said that its write waits; shared by the stores it is attached to (the
/// app opens the store again after a restore) and whoever asks.
#[derive(Debug, Clone, Default)]
pub struct StoreWaits {
    last: Arc<Mutex<Option<Instant>>>,
}

impl StoreWaits {
    /// From now on `store`'s waits are recorded here.
    pub fn attach(&self, store: &Store) {
        let last = Arc::clone(&self.last);
        store.report_waits(move |_| {
            *last.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
        });
    }

    /// Whether a write is waiting at `now`: the store said so less than [`FRESH`] before.
    pub fn waiting(&self, now: Instant) -> bool {
        let last = *self.last.lock().unwrap_or_else(PoisonError::into_inner);
        last.is_some_and(|at| now.saturating_duration_since(at) < FRESH)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use chrono::Utc;

    use super::*;

    #[test]
    fn a_write_held_up_by_another_program_is_seen_waiting_until_it_goes_through() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("app.db");
        let app = Store::open(&db).unwrap();
        let waits = StoreWaits::default();
        waits.attach(&app);
        assert!(!waits.waiting(Instant::now()), "nothing has waited yet");

        // Another program takes the write lock and keeps it until told.
        let (release, released) = mpsc::channel::<()>();
        let (holding, held) = mpsc::channel::<()>();
        let other = {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                store
                    .in_transaction(|s| {
                        s.create_team("The other program's", Utc::now())?;
                        holding.send(()).unwrap();
                        released.recv().unwrap();
                        Ok(())
                    })
                    .unwrap();
            })
        };
        held.recv().unwrap();
        let writer = std::thread::spawn(move || {
            let mut app = app;
            app.create_team("Booking", Utc::now()).map(|_| ())
        });
        // The app's write is held up: it says so within the 5 s it may wait.
        let asked = Instant::now();
        while !waits.waiting(Instant::now()) {
            assert!(
                asked.elapsed() < Duration::from_secs(4),
                "the waiting write was never seen"
            );
            std::thread::yield_now();
        }
        release.send(()).unwrap();
        other.join().unwrap();
        writer
            .join()
            .unwrap()
            .expect("the write went through once the lock was free");
        assert!(
            !waits.waiting(Instant::now() + FRESH),
            "once through, it stops counting as waiting"
        );
    }
}
