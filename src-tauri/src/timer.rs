//! The day's activity countdowns (`devops_maturity_store::timers`): one clock per activity,
//! kept in the store so the activity page and the projector dashboard show the same time, the
//! clock keeps running while other pages are open, and quitting pauses it where it was. A
//! thread notes every [`NOTE_EVERY`] that running countdowns are still running, so after a crash
//! or a kill the next start pauses them at most that much later than where they were.

/// How often the app notes that running countdowns are still running.
const NOTE_EVERY: Duration = Duration::from_secs(5);

use std::time::Duration;

use chrono::Utc;
use devops_maturity_core::timer::Reading;
use devops_maturity_store::timers::TimerAction;
use devops_maturity_store::Store;
use tauri::{AppHandle, Manager, State};

use crate::error::CommandResult;
use crate::state::{lock_store, with_store};
use crate::Shared;

/// Reads, starts, pauses or resets the countdown `key` (`activity:<chapter id>`);
/// `duration_ms` is the length for a new countdown or a reset.
#[tauri::command]
pub async fn timer_act(
    state: State<'_, Shared>,
    key: String,
    duration_ms: u64,
    action: TimerAction,
) -> CommandResult<Reading> {
    let now = Utc::now().timestamp_millis();
    with_store(&state, move |store| {
        Ok(store.timer_act(&key, duration_ms, action, now)?)
    })
    .await
}

/// Pauses every running countdown: called as the app exits, so the next start finds each one
/// where it was. A database that cannot be written is left as it is (the countdown then reads
/// as if it had kept running).
pub fn pause_all(app: &AppHandle) {
    if let Some(state) = app.try_state::<Shared>() {
        let now = Utc::now().timestamp_millis();
        if let Err(e) = lock_store(&state, |store| Ok(store.pause_all_timers(now)?)) {
            eprintln!("the activity timers could not be paused: {}", e.message);
        }
    }
}

/// At start-up: pauses the countdowns a crashed or killed app left running, at its last note.
pub fn recover(store: &mut Store) {
    if let Err(e) = store.pause_timers_left_running() {
        eprintln!("the activity timers left running could not be paused: {e}");
    }
}

/// Starts the thread that notes, every [`NOTE_EVERY`], that the running countdowns still run.
/// It writes only while one runs. A failure (the database busy, read-only or not open yet) is
/// printed once and tried again at the next note.
pub fn keep_noting(state: Shared) {
    std::thread::spawn(move || {
        let mut last_error = None;
        loop {
            std::thread::sleep(NOTE_EVERY);
            let now = Utc::now().timestamp_millis();
            let error = lock_store(&state, |store| Ok(store.timers_seen(now)?))
                .err()
                .map(|e| e.message);
            if error.is_some() && error != last_error {
                eprintln!(
                    "the activity timers could not be noted: {}",
                    error.as_deref().unwrap_or_default()
                );
            }
            last_error = error;
        }
    });
}
