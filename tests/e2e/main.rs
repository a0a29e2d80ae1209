//! End-to-end: the real app, a real window, real clicks. One test function per journey; they
//! run one at a time (each starts its own app and driver).

mod assessment;
mod skeleton;

// Training.
mod agenda;
mod presenter;
mod quiz;

/// The app under WebDriver is heavy: never run two at once.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
