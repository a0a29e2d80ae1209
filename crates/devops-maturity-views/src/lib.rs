//! What each screen shows: the view builders of the app, as plain functions over the store and
//! the content, each returning a typed value that serialises to the JSON the UI reads.
//!
//! The Tauri shell's commands parse their arguments, call one function here and return its
//! value; the live-session server and the reports call the same functions. Nothing here knows
//! about IPC, windows or the clock: a caller that needs "now" passes it in.
//!
//! Views that score an assessment against its own questionnaire snapshot ([`results::Results`],
//! [`discussion::Discussion`]) own what they were built from and serialise a borrowed
//! projection (`view()`), because the core's scores borrow the questionnaire they were computed
//! from. Views of today's content borrow the content (`Dashboard<'c>`).
//!
//! Modules: [`assessment`] (an assessment being answered, only the current person's answers
//! shown), [`course`] (the course book's outline and a chapter with its neighbours),
//! [`knowledge`] (a knowledge check's or the mock exam's paper, and its grading),
//! [`workshop`] (a workshop's page and its day), [`discussion`] (silent vote → reveal
//! → consensus), [`dashboard`] (the projector: heatmap, hot-spots, change since last time, the
//! activity on the clock), [`practice`] (the EJ Airways round and its comparison with the key),
//! [`results`] (one assessment's scores, DORA and radar), [`history`] (a team's assessments over
//! time, also the reports' trend), [`plan`] (an improvement plan, focused, with why each action
//! is there), [`organisation`] (every team's latest and previous assessment rolled up by
//! `core::rollup`: the Organisation page and the leadership report's first pages), [`home`]
//! (where each unfinished assessment resumes, and the app's status), [`data`] (the "Your data"
//! page: backups, the start-up backup, name clashes).

pub mod assessment;
pub mod course;
pub mod dashboard;
pub mod data;
pub mod discussion;
pub mod history;
pub mod home;
pub mod knowledge;
pub mod organisation;
pub mod plan;
pub mod practice;
pub mod results;
pub mod waits;
pub mod workshop;

use std::collections::BTreeMap;

use devops_maturity_core::Questionnaire;
use devops_maturity_store::assessments::AssessmentRow;
use devops_maturity_store::{Store, StoreError};

/// Why a view could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something the request names does not exist (a question, a key entry …).
    #[error("{0}")]
    NotFound(String),
    /// What was sent cannot be used (a file that is not what it claims …).
    #[error("{0}")]
    Invalid(String),
}

/// Questionnaire snapshots by `(id, version)`, each read from the store once.
#[derive(Debug, Default)]
pub struct Snapshots(BTreeMap<(String, String), Questionnaire>);

/// The key of an assessment's snapshot in [`Snapshots`].
pub type SnapshotKey = (String, String);

impl Snapshots {
    /// Reads the snapshot `row` was answered with, unless already read; returns its key.
    pub fn load(&mut self, store: &Store, row: &AssessmentRow) -> Result<SnapshotKey, StoreError> {
        let key = (
            row.questionnaire_id.clone(),
            row.questionnaire_version.clone(),
        );
        if !self.0.contains_key(&key) {
            let q = store.questionnaire_snapshot(&key.0, &key.1)?;
            self.0.insert(key.clone(), q);
        }
        Ok(key)
    }
}

impl std::ops::Index<&SnapshotKey> for Snapshots {
    type Output = Questionnaire;

    fn index(&self, key: &SnapshotKey) -> &Questionnaire {
        &self.0[key]
    }
}

/// The questionnaire snapshot an assessment was answered with.
pub fn snapshot_of(store: &Store, row: &AssessmentRow) -> Result<Questionnaire, StoreError> {
    store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)
}

#[cfg(test)]
mod fixture;
