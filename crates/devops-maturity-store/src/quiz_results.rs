//! `quiz_results`: every knowledge check a learner submitted, with its score. Grading happens in
//! the content crate; this table only keeps what was answered and how it scored.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

pub(crate) const MIGRATION_2: &str = "
CREATE TABLE quiz_results (
    id         INTEGER PRIMARY KEY,
    learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    module_id  TEXT NOT NULL,
    correct    INTEGER NOT NULL CHECK (correct >= 0),
    total      INTEGER NOT NULL CHECK (total > 0 AND correct <= total),
    -- JSON: one array of chosen option indexes per question, in question order.
    answers    TEXT NOT NULL,
    taken_at   TEXT NOT NULL
);
CREATE INDEX quiz_results_by_learner ON quiz_results (learner_id, module_id, taken_at);
";

/// Knowledge-check results get the UUID every exported record has. SQLite cannot add a
/// `NOT NULL UNIQUE` column in place, so the table is rebuilt; existing rows get a random
/// version-4 UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`) generated in SQL.
pub(crate) const MIGRATION_QUIZ_RESULT_UUIDS: &str = "
CREATE TABLE quiz_results_new (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    learner_id INTEGER NOT NULL REFERENCES learners(id) ON DELETE CASCADE,
    module_id  TEXT NOT NULL,
    correct    INTEGER NOT NULL CHECK (correct >= 0),
    total      INTEGER NOT NULL CHECK (total > 0 AND correct <= total),
    -- JSON: one array of chosen option indexes per question, in question order.
    answers    TEXT NOT NULL,
    taken_at   TEXT NOT NULL
);
INSERT INTO quiz_results_new (id, uuid, learner_id, module_id, correct, total, answers, taken_at)
SELECT id,
       lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
         || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1)
         || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       learner_id, module_id, correct, total, answers, taken_at
FROM quiz_results;
DROP TABLE quiz_results;
ALTER TABLE quiz_results_new RENAME TO quiz_results;
CREATE INDEX quiz_results_by_learner ON quiz_results (learner_id, module_id, taken_at);
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizResult {
    pub id: i64,
    pub learner_id: i64,
    pub module_id: String,
    pub correct: u32,
    pub total: u32,
    pub answers: Vec<Vec<usize>>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub taken_at: DateTime<Utc>,
}

impl QuizResult {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<QuizResult> {
        let answers: String = row.get(5)?;
        Ok(QuizResult {
            id: row.get(0)?,
            learner_id: row.get(1)?,
            module_id: row.get(2)?,
            correct: row.get(3)?,
            total: row.get(4)?,
            answers: serde_json::from_str(&answers).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, e.into())
            })?,
            taken_at: crate::moments::moment_at(row, 6, "quiz result")?,
        })
    }
}

const COLUMNS: &str = "id, learner_id, module_id, correct, total, answers, taken_at";

impl Store {
    /// Stores one graded knowledge check of `learner_id`.
    pub fn record_quiz_result(
        &mut self,
        learner_id: i64,
        module_id: &str,
        correct: u32,
        total: u32,
        answers: &[Vec<usize>],
        now: DateTime<Utc>,
    ) -> Result<QuizResult, StoreError> {
        if module_id.trim().is_empty() {
            return Err(StoreError::Invalid("a quiz result needs a module".into()));
        }
        if total == 0 || correct > total || answers.len() != total as usize {
            return Err(StoreError::Invalid(format!(
                "a score of {correct}/{total} with {} answers is not possible",
                answers.len()
            )));
        }
        let answers_json = serde_json::to_string(answers)
            .map_err(|e| StoreError::Invalid(format!("the answers cannot be stored: {e}")))?;
        let tx = crate::write::begin(&mut self.conn)?;
        let learner: Option<i64> = tx
            .query_row("SELECT id FROM learners WHERE id = ?1", [learner_id], |r| {
                r.get(0)
            })
            .optional()?;
        if learner.is_none() {
            return Err(StoreError::NotFound {
                what: format!("learner {learner_id}"),
            });
        }
        tx.execute(
            "INSERT INTO quiz_results (uuid, learner_id, module_id, correct, total, answers, taken_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![uuid::Uuid::new_v4().to_string(), learner_id, module_id, correct, total, answers_json, written(now)],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(self.conn.query_row(
            &format!("SELECT {COLUMNS} FROM quiz_results WHERE id = ?1"),
            [id],
            QuizResult::from_row,
        )?)
    }

    /// Every result of `learner_id`, newest first.
    pub fn quiz_results(&self, learner_id: i64) -> Result<Vec<QuizResult>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM quiz_results WHERE learner_id = ?1 ORDER BY taken_at DESC, id DESC"
        ))?;
        let results = stmt
            .query_map([learner_id], QuizResult::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::learners::tests::now;

    #[test]
    fn results_are_kept_per_learner_newest_first() {
        let mut store = Store::open_in_memory().unwrap();
        let ann = store.create_learner("Ann", None, now()).unwrap();
        let bob = store.create_learner("Bob", None, now()).unwrap();
        store
            .record_quiz_result(ann.id, "introduction", 1, 2, &[vec![0], vec![1, 2]], now())
            .unwrap();
        let later = now() + Duration::minutes(5);
        store
            .record_quiz_result(ann.id, "introduction", 2, 2, &[vec![1], vec![0, 2]], later)
            .unwrap();
        store
            .record_quiz_result(bob.id, "itsm-lifecycle", 0, 1, &[vec![3]], now())
            .unwrap();
        let ann_results = store.quiz_results(ann.id).unwrap();
        let scores: Vec<(u32, u32, String)> = ann_results
            .iter()
            .map(|r| {
                (
                    r.correct,
                    r.total,
                    devops_maturity_core::date::written(r.taken_at),
                )
            })
            .collect();
        assert_eq!(
            scores,
            [
                (2, 2, "2026-11-23T10:05:00Z".to_string()),
                (1, 2, "2026-11-23T10:00:00Z".to_string())
            ],
            "only Ann's results, newest first"
        );
        assert_eq!(
            ann_results[0].answers,
            [vec![1], vec![0, 2]],
            "answers round-trip"
        );
    }

    #[test]
    fn impossible_results_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let ann = store.create_learner("Ann", None, now()).unwrap();
        assert!(store
            .record_quiz_result(ann.id, "intro", 3, 2, &[vec![0], vec![1]], now())
            .is_err());
        assert!(store
            .record_quiz_result(ann.id, "intro", 0, 0, &[], now())
            .is_err());
        assert_eq!(
            store
                .record_quiz_result(77, "intro", 1, 1, &[vec![0]], now())
                .unwrap_err()
                .to_string(),
            "learner 77 not found"
        );
        assert!(
            store.quiz_results(ann.id).unwrap().is_empty(),
            "nothing stored"
        );
    }
}
