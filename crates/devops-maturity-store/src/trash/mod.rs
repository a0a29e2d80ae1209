//! Delete, with a way back.
//!
//! What can be deleted is a [`Target`]: a team, a workshop, a team's place at a workshop, an
//! assessment, an improvement plan, a learner, or the demo organisation. [`Store::delete_preview`]
//! says what goes with it ("Platform Team, 3 assessments (1 completed), 2 plans") without
//! writing; [`Store::delete`] removes it in one transaction and keeps every removed row in the
//! `trash` table, so [`Store::undo_delete`] can put them back. A trash entry is kept for
//! [`KEEP_DAYS`] days and then purged (by the next delete, or [`Store::purge_trash`] at start-up).
//! The trash lives in the database, so an undo survives a crash or a restart of the app.
//!
//! Why rows in a trash table, not a `deleted_at` column: every query of every view, report and
//! export would have to leave soft-deleted rows out, and one forgotten `WHERE` would show
//! deleted data. Here a deleted row is simply not in its table any more, so nothing else has to
//! know about deletion (and export, which reads the tables, never exports a deleted row; the
//! trash table itself is deliberately not exported).
//!
//! The rules:
//! - Foreign rows are handled explicitly, not left to `ON DELETE` clauses: what goes with a
//!   target is collected first (a team: its assessments and their respondents, answers, targets,
//!   DORA answers, agreed levels, plans, and its places at workshops with their practice
//!   answers; a workshop: its teams' places and their assessments), then deleted child first.
//!   Learners of a deleted team stay, without a team; the undo puts them back in it.
//! - A completed assessment is frozen: a delete that would take one is refused unless the
//!   caller passes `completed: true`, an explicit choice (the CLI's `--completed`, the app's
//!   confirmation box). A refused delete changes nothing.
//! - The undo puts back every row with its values; a row keeps its id unless another row took
//!   that id since (then it gets a new one and the rows that point to it follow). It is refused,
//!   changing nothing, when a team or learner of the same name or a record with the same UUID
//!   exists again (created or imported since).
//! - A bulk delete ([`Preview::bulk`]) is preceded by the automatic backup
//!   ([`crate::backup::rolling_backup`]): [`delete_with_backup`] is what the app and the CLI
//!   call.
//!
//! `collect` finds what a delete takes (table by table, child first), `preview` says it in
//! words and counts, `bundle` captures the removed rows, removes them and puts them back.

mod bundle;
mod collect;
mod preview;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use devops_maturity_core::date;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

use bundle::{capture, put_back, remove, Bundle};
use collect::not_found;
use preview::{plural, preview};

pub(crate) const MIGRATION_TRASH: &str = "
CREATE TABLE trash (
    id         INTEGER PRIMARY KEY,
    -- JSON of the `Target` that was deleted.
    target     TEXT NOT NULL,
    -- JSON of the `Preview` shown before the delete: label, counts, the sentence.
    preview    TEXT NOT NULL,
    -- JSON of the removed rows, table by table, parents first.
    rows       TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
";

/// Trash entries are numbered without reuse (`AUTOINCREMENT`): an undo offered for entry 3
/// must never restore a later delete that took the number after entry 3 was restored.
pub(crate) const MIGRATION_TRASH_NUMBERS: &str = "
CREATE TABLE trash_numbered (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    target     TEXT NOT NULL,
    preview    TEXT NOT NULL,
    rows       TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
INSERT INTO trash_numbered (id, target, preview, rows, deleted_at)
SELECT id, target, preview, rows, deleted_at FROM trash;
DROP TABLE trash;
ALTER TABLE trash_numbered RENAME TO trash;
CREATE INDEX trash_deleted_at ON trash (deleted_at);
";

/// How long a deleted record can be brought back, in days.
pub const KEEP_DAYS: i64 = 30;

/// What to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Target {
    Team {
        id: i64,
    },
    Workshop {
        id: i64,
    },
    /// A team's place at a workshop (a `workshop_teams` row) and the assessment it links.
    WorkshopTeam {
        id: i64,
    },
    Assessment {
        id: i64,
    },
    /// The improvement plan of an assessment (the assessment stays).
    Plan {
        assessment: i64,
    },
    Learner {
        id: i64,
    },
    /// Every team of the demo organisation, and the organisation's name if the demo set it.
    Demo,
}

/// How many rows of each kind a delete takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub teams: u32,
    pub workshops: u32,
    pub workshop_teams: u32,
    pub assessments: u32,
    /// Of `assessments`, how many are completed.
    pub completed: u32,
    pub answers: u32,
    pub plans: u32,
    pub learners: u32,
    pub quiz_results: u32,
    /// Learners of a deleted team who stay, without a team.
    pub learners_unlinked: u32,
}

/// What a delete would take, before it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub target: Target,
    /// The thing itself: "Platform Team", "Spring class (2026-03-02)".
    pub label: String,
    pub counts: Counts,
    /// What goes with it, in words: `["3 assessments (1 completed)", "2 plans"]`.
    pub with: Vec<String>,
    /// The label and what goes with it in one line: "Platform Team, 3 assessments, 2 plans".
    pub sentence: String,
    /// More than one assessment or team, or a completed assessment: the automatic backup is
    /// taken first.
    pub bulk: bool,
    /// The workshops this delete takes, or takes a team's place from (so the app can refuse it
    /// while a workshop's live session runs).
    #[serde(default)]
    pub workshops: Vec<i64>,
}

/// A delete that happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deleted {
    /// The trash entry that [`Store::undo_delete`] takes.
    pub trash_id: i64,
    pub preview: Preview,
    /// The automatic backup taken before a bulk delete (`None`: not bulk, in memory, or
    /// identical to the newest backup).
    pub backup: Option<PathBuf>,
}

/// One entry of the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrashEntry {
    pub id: i64,
    pub preview: Preview,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub deleted_at: DateTime<Utc>,
    /// When it is purged, unless restored first.
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub purge_after: DateTime<Utc>,
}

fn purge(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM trash WHERE deleted_at < ?1",
        [written(now - Duration::days(KEEP_DAYS))],
    )
}

fn entry(id: i64, preview: &str, deleted_at: &str) -> Result<TrashEntry, StoreError> {
    let preview: Preview = serde_json::from_str(preview)
        .map_err(|e| StoreError::Invalid(format!("trash entry {id} cannot be read: {e}")))?;
    let deleted_at = date::moment(deleted_at).ok_or_else(|| {
        StoreError::Invalid(format!(
            "trash entry {id} has the deleted_at `{deleted_at}`, which is not a time like {}",
            date::MOMENT_EXAMPLE
        ))
    })?;
    Ok(TrashEntry {
        id,
        preview,
        deleted_at,
        purge_after: deleted_at + Duration::days(KEEP_DAYS),
    })
}

impl Store {
    /// What deleting `target` would take, without writing.
    pub fn delete_preview(&self, target: Target) -> Result<Preview, StoreError> {
        Ok(preview(&self.conn, target)?.1)
    }

    /// Deletes `target` and everything that goes with it in one transaction, keeping the rows
    /// in the trash. Refused, changing nothing, when it would take a completed assessment and
    /// `completed` is false. Purges trash entries older than [`KEEP_DAYS`]. Callers that want
    /// the automatic backup before a bulk delete call [`delete_with_backup`].
    pub fn delete(
        &mut self,
        target: Target,
        completed: bool,
        now: DateTime<Utc>,
    ) -> Result<Deleted, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let (d, preview) = preview(&tx, target)?;
        if preview.counts.completed > 0 && !completed {
            return Err(StoreError::Conflict(format!(
                "{} takes {}: completed assessments stay frozen, and deleting one is a separate, explicit choice; nothing was deleted",
                preview.label,
                plural(preview.counts.completed, "completed assessment", "completed assessments")
            )));
        }
        let bundle = capture(&tx, &d)?;
        remove(&tx, &d, &bundle.unlinked)?;
        purge(&tx, now)?;
        tx.execute(
            "INSERT INTO trash (target, preview, rows, deleted_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                to_json(&target)?,
                to_json(&preview)?,
                to_json(&bundle)?,
                written(now)
            ],
        )?;
        let trash_id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Deleted {
            trash_id,
            preview,
            backup: None,
        })
    }

    /// What can be brought back, the latest delete first.
    pub fn trash(&self) -> Result<Vec<TrashEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, preview, deleted_at FROM trash ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
        rows.into_iter()
            .map(|(id, preview, at)| entry(id, &preview, &at))
            .collect()
    }

    /// Puts back what trash entry `id` removed, in one transaction, and empties the entry.
    /// Refused, changing nothing, when a name or record it holds exists again.
    pub fn undo_delete(&mut self, id: i64) -> Result<TrashEntry, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let (preview, rows, at): (String, String, String) = tx
            .query_row(
                "SELECT preview, rows, deleted_at FROM trash WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| {
                not_found(format!(
                    "deleted record {id} (it was restored already, or purged after {KEEP_DAYS} days)"
                ))
            })?;
        let entry = entry(id, &preview, &at)?;
        let bundle: Bundle = serde_json::from_str(&rows)
            .map_err(|e| StoreError::Invalid(format!("trash entry {id} cannot be read: {e}")))?;
        put_back(&tx, &bundle, &entry.preview.label)?;
        tx.execute("DELETE FROM trash WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(entry)
    }

    /// Removes trash entries deleted more than [`KEEP_DAYS`] days before `now`; how many.
    pub fn purge_trash(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let purged = purge(&tx, now)?;
        tx.commit()?;
        Ok(purged)
    }
}

/// [`delete_with_backup`], refused (changing nothing) when it would take rows from workshop
/// `live`, whose live session is running: the phones would answer into rows that are gone.
pub fn delete_unless_live(
    store: &mut Store,
    target: Target,
    completed: bool,
    live: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Deleted, StoreError> {
    if let Some(workshop) = live {
        if store.delete_preview(target)?.workshops.contains(&workshop) {
            return Err(StoreError::Conflict(
                "the live session of this workshop is running: end it first; nothing was deleted"
                    .into(),
            ));
        }
    }
    delete_with_backup(store, target, completed, now)
}

/// Deletes `target` as [`Store::delete`] does, after the automatic backup
/// ([`crate::backup::rolling_backup`]) when the delete is bulk. A failed backup stops the
/// delete. What the app and the CLI call.
pub fn delete_with_backup(
    store: &mut Store,
    target: Target,
    completed: bool,
    now: DateTime<Utc>,
) -> Result<Deleted, StoreError> {
    let preview = store.delete_preview(target)?;
    let mut backup = None;
    if preview.bulk && store.path() != std::path::Path::new(":memory:") {
        backup = match crate::backup::rolling_backup(store, now)? {
            crate::backup::AutoBackup::Written(path) => Some(path),
            _ => None,
        };
    }
    let mut deleted = store.delete(target, completed, now)?;
    deleted.backup = backup;
    Ok(deleted)
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Invalid(format!("cannot keep the deleted rows for undo: {e}")))
}
