//! End-to-end: the real app, a real window, real clicks. One test function per journey; they
//! run one at a time (each starts its own app and driver).

mod assessment;
mod groups;
mod layout;
mod skeleton;

// Training.
mod agenda;
mod exam;
mod figures;
mod presenter;
mod quiz;

// Workshops.
mod live;
mod live_modes;
mod practice;
mod workshop;

// Improvement plans.
mod plan;

// Your data: export, import, backups; delete, with a way back.
mod data;
mod delete;

// Reports: the team PDF and the leadership overview; the classroom handouts.
mod handouts;
mod report;

// Safety: a refused or busy data file, hostile input, the content security policy.
mod hostile;
mod recover;

/// The app under WebDriver is heavy: never run two at once.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
