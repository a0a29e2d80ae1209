//! `chapter_reads`: which chapters a learner marked as read. A `NULL` learner is the default
//! profile, used while nobody has chosen a profile on this computer.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

pub(crate) const MIGRATION_2: &str = "
CREATE TABLE chapter_reads (
    learner_id INTEGER REFERENCES learners(id) ON DELETE CASCADE,
    chapter_id TEXT NOT NULL,
    read_at    TEXT NOT NULL
);
-- One row per learner and chapter; the default profile (NULL) counts as learner 0.
CREATE UNIQUE INDEX chapter_reads_once ON chapter_reads (coalesce(learner_id, 0), chapter_id);
";

impl Store {
    /// Marks `chapter_id` as read (or unread) for `learner` (`None`: the default profile).
    pub fn set_chapter_read(
        &mut self,
        learner: Option<i64>,
        chapter_id: &str,
        read: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if chapter_id.trim().is_empty() {
            return Err(StoreError::Invalid("no chapter given".into()));
        }
        let tx = crate::write::begin(&mut self.conn)?;
        if let Some(id) = learner {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM learners WHERE id = ?1", [id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound {
                    what: format!("learner {id}"),
                });
            }
        }
        if read {
            tx.execute(
                "INSERT INTO chapter_reads (learner_id, chapter_id, read_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![learner, chapter_id, written(now)],
            )?;
        } else {
            tx.execute(
                "DELETE FROM chapter_reads WHERE learner_id IS ?1 AND chapter_id = ?2",
                params![learner, chapter_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The chapters `learner` (`None`: the default profile) has read, in the order read.
    pub fn read_chapters(&self, learner: Option<i64>) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT chapter_id FROM chapter_reads WHERE learner_id IS ?1 ORDER BY read_at, rowid",
        )?;
        let ids = stmt
            .query_map([learner], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learners::tests::now;

    #[test]
    fn reading_is_tracked_per_learner_and_for_the_default_profile() {
        let mut store = Store::open_in_memory().unwrap();
        let ann = store.create_learner("Ann", None, now()).unwrap();
        store
            .set_chapter_read(None, "objectives", true, now())
            .unwrap();
        store
            .set_chapter_read(Some(ann.id), "objectives", true, now())
            .unwrap();
        store
            .set_chapter_read(Some(ann.id), "the-day", true, now())
            .unwrap();
        store
            .set_chapter_read(Some(ann.id), "the-day", true, now())
            .expect("marking twice is harmless");
        assert_eq!(store.read_chapters(None).unwrap(), ["objectives"]);
        assert_eq!(
            store.read_chapters(Some(ann.id)).unwrap(),
            ["objectives", "the-day"]
        );
        store
            .set_chapter_read(Some(ann.id), "objectives", false, now())
            .unwrap();
        assert_eq!(store.read_chapters(Some(ann.id)).unwrap(), ["the-day"]);
        assert_eq!(
            store.read_chapters(None).unwrap(),
            ["objectives"],
            "unmarking for Ann leaves the default profile alone"
        );
        assert!(store.set_chapter_read(Some(99), "x", true, now()).is_err());
        assert!(store.set_chapter_read(None, " ", true, now()).is_err());
    }
}
