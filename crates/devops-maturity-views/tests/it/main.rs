//! The views over a fixed database (`fixture.rs`): each view's JSON — what the app's commands
//! return — is pinned as a snapshot under `snapshots/`, so a change of an IPC shape is a visible
//! diff. Review a change with `cargo insta review` (or `INSTA_UPDATE=always`), never by hand.

mod assessment;
mod fixture;
mod knowledge;
mod offices;
mod plan;
mod snapshots;
mod versions;
mod workshop;
