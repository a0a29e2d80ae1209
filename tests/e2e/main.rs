//! End-to-end: the real app, a real window, real clicks. One test function per journey; they
//! run one at a time (each starts its own app and driver).

mod a11y;
mod assessment;
mod groups;
mod layout;
mod skeleton;

// Training.
mod agenda;
mod exam;
mod figures;
mod footnotes;
mod presenter;
mod quiz;

// Workshops.
mod live;
mod live_modes;
mod practice;
mod workshop;

// Improvement plans.
mod plan;

// Questionnaire versions: a 1.0.0 and a 1.1.0 assessment side by side.
mod versions;

// Your data: export, import, backups; delete, with a way back.
mod data;
mod delete;

// Reports: the team PDF and the leadership overview; the classroom handouts.
mod handouts;
mod report;

// Steps the journeys share (a workshop, its teams, its live session).
mod setup;

// Benchmarks, ignored unless a bench script runs them.
mod bench;

// Safety: a refused or busy data file, hostile input, the content security policy.
mod hostile;
mod recover;

/// The app under WebDriver is heavy: never run two at once.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// One test's turn with the app, held for the whole test: no other test starts an app
/// meanwhile. When the test ends (passed or failed) it prints how long the test took, not
/// counting the wait for its turn.
pub struct Turn {
    _one: tokio::sync::MutexGuard<'static, ()>,
    name: String,
    start: std::time::Instant,
}

/// Waits for this test's turn (see [`Turn`]); the test is named by its thread, as libtest
/// names it.
pub async fn turn() -> Turn {
    let one = ONE_AT_A_TIME.lock().await;
    let thread = std::thread::current();
    Turn {
        _one: one,
        name: thread.name().unwrap_or("an e2e test").to_string(),
        start: std::time::Instant::now(),
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        use std::io::Write;
        // Straight to the standard error, past libtest's capture (which takes `eprintln!`
        // only), so every test's time shows in a normal run.
        let seconds = self.start.elapsed().as_secs_f64();
        let _ = writeln!(std::io::stderr(), "e2e {}: {seconds:.1} s", self.name);
    }
}
