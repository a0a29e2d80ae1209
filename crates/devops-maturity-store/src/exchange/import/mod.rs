//! Applying a checked [`ExportFile`] to the database: resolve, compare, then write, all inside
//! one savepoint. Nothing is written until every reference resolves and no record conflicts.
//!
//! Rules, per record (identified by UUID; questionnaires by id and version; reading progress
//! by learner and chapter; settings by key):
//! - not stored yet → added;
//! - stored and identical → skipped, never duplicated;
//! - stored with different content → a conflict. A team or learner whose name is taken by a
//!   different record is a conflict too. Any conflict aborts the import and all of them are
//!   listed: the stored data is never overwritten, and the import is never half done.
//! - A chapter already marked as read keeps its stored date (the fact "read" is the same).
//!
//! `check` resolves and compares (reads only), `write` writes what the check planned.

mod check;
#[cfg(test)]
mod tests;
mod write;

use devops_maturity_core::Questionnaire;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::choices::ImportChoices;
use super::format::{
    AssessmentRecord, ChapterReadRecord, ExportFile, GroupRecord, LearnerRecord, PlanRecord,
    QuizResultRecord, TeamRecord, WorkshopRecord, WorkshopTeamRecord,
};
use super::ImportError;
use crate::{Store, StoreError};

/// How many records of one kind were added and how many were already there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: &'static str,
    pub added: u32,
    pub skipped: u32,
}

/// What an import did, kind by kind, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub counts: Vec<KindCount>,
}

impl ImportReport {
    pub fn added(&self) -> u32 {
        self.counts.iter().map(|c| c.added).sum()
    }

    pub fn skipped(&self) -> u32 {
        self.counts.iter().map(|c| c.skipped).sum()
    }
}

/// The records to write, once everything is checked.
#[derive(Default)]
pub(super) struct Plan<'f> {
    pub(super) questionnaires: Vec<&'f Questionnaire>,
    pub(super) groups: Vec<&'f GroupRecord>,
    pub(super) teams: Vec<&'f TeamRecord>,
    pub(super) learners: Vec<&'f LearnerRecord>,
    pub(super) quiz_results: Vec<&'f QuizResultRecord>,
    pub(super) chapter_reads: Vec<&'f ChapterReadRecord>,
    pub(super) assessments: Vec<&'f AssessmentRecord>,
    pub(super) plans: Vec<&'f PlanRecord>,
    pub(super) workshops: Vec<&'f WorkshopRecord>,
    pub(super) workshop_teams: Vec<&'f WorkshopTeamRecord>,
    pub(super) settings: Vec<(&'f String, &'f String)>,
}

pub(super) fn exists(conn: &Connection, sql: &str, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn group_id(conn: &Connection, uuid: &str) -> Result<Option<i64>, StoreError> {
    exists(conn, "SELECT id FROM team_groups WHERE uuid = ?1", uuid)
}

pub(super) fn team_id(conn: &Connection, uuid: &str) -> Result<Option<i64>, StoreError> {
    exists(conn, "SELECT id FROM teams WHERE uuid = ?1", uuid)
}

pub(super) fn learner_id(conn: &Connection, uuid: &str) -> Result<Option<i64>, StoreError> {
    exists(conn, "SELECT id FROM learners WHERE uuid = ?1", uuid)
}

pub(super) fn assessment_id(conn: &Connection, uuid: &str) -> Result<Option<i64>, StoreError> {
    exists(conn, "SELECT id FROM assessments WHERE uuid = ?1", uuid)
}

pub(super) fn workshop_id(conn: &Connection, uuid: &str) -> Result<Option<i64>, StoreError> {
    exists(conn, "SELECT id FROM workshops WHERE uuid = ?1", uuid)
}

/// Whether a record with this UUID is stored in `table` (its own kind of record).
pub(super) fn uuid_taken(conn: &Connection, table: &str, uuid: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"
        ))?
        .query_row([uuid], |r| r.get(0))?)
}

impl Store {
    /// Imports a checked file (see [`super::parse_import`]) in one transaction. On any error —
    /// an unresolved reference, a conflict, a database failure — nothing is changed.
    pub fn import(&mut self, file: &ExportFile) -> Result<ImportReport, ImportError> {
        self.import_with(file, &ImportChoices::default())
    }

    /// [`Store::import`] with the importer's choices about clashing names and settings (see
    /// `choices.rs`), applied to a copy of the file inside the same transaction.
    pub fn import_with(
        &mut self,
        file: &ExportFile,
        choices: &ImportChoices,
    ) -> Result<ImportReport, ImportError> {
        // At the top level take the write lock before reading (see `write.rs`), so a
        // concurrent writer makes this wait instead of failing half-way; nested, a savepoint.
        let top = self.conn.is_autocommit();
        let (begin, commit, rollback) = if top {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        } else {
            (
                "SAVEPOINT import_file",
                "RELEASE import_file",
                "ROLLBACK TO import_file; RELEASE import_file",
            )
        };
        self.conn.execute_batch(begin)?;
        let chosen;
        let file = if choices.is_empty() {
            file
        } else {
            match super::choices::apply(&self.conn, file, choices) {
                Ok(f) => {
                    chosen = f;
                    &chosen
                }
                Err(e) => {
                    self.conn.execute_batch(rollback)?;
                    return Err(e);
                }
            }
        };
        let result = self
            .check_import(file, choices.keep_settings)
            .and_then(|(plan, report)| {
                self.write_import(&plan)?;
                Ok(report)
            });
        match result {
            Ok(report) => {
                self.conn.execute_batch(commit)?;
                Ok(report)
            }
            Err(e) => {
                self.conn.execute_batch(rollback)?;
                Err(e)
            }
        }
    }
}
