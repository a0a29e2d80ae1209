//! `consensus`: the level a group agreed for one question of its assessment, with the written
//! rationale, after a silent vote and a reveal (see `devops_maturity_core::consensus`).
//!
//! The respondents' own answers (the votes) are never changed: the agreed level sits beside
//! them, and [`Store::assessment_data`] hands it to scoring in `Choices::agreed`, so every score
//! of the assessment (results, history, comparisons) uses it. Like answers, agreed levels are
//! frozen once the assessment is completed.

use chrono::{DateTime, Utc};
use devops_maturity_core::consensus::check_rationale;
use devops_maturity_core::AssessmentStatus;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::assessments::status_at;
use crate::{Store, StoreError};
use devops_maturity_core::date::written;

pub(crate) const MIGRATION_CONSENSUS: &str = "
CREATE TABLE consensus (
    uuid          TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    rationale     TEXT NOT NULL,
    decided_at    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
);
";

/// One agreed level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consensus {
    pub uuid: String,
    pub assessment_id: i64,
    pub question_id: String,
    pub level: u8,
    pub rationale: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub decided_at: DateTime<Utc>,
}

const COLUMNS: &str = "uuid, assessment_id, question_id, level, rationale, decided_at";

impl Consensus {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Consensus> {
        Ok(Consensus {
            uuid: row.get(0)?,
            assessment_id: row.get(1)?,
            question_id: row.get(2)?,
            level: row.get(3)?,
            rationale: row.get(4)?,
            decided_at: crate::moments::moment_at(row, 5, "the consensus")?,
        })
    }
}

impl Store {
    /// Records (or replaces) the level the group agreed for `question_id`, with its rationale.
    /// Refuses a level outside 1–5, a missing or over-long rationale, a question that is not in
    /// the assessment's questionnaire version, and a completed assessment.
    pub fn set_consensus(
        &mut self,
        assessment_id: i64,
        question_id: &str,
        level: u8,
        rationale: &str,
        now: DateTime<Utc>,
    ) -> Result<Consensus, StoreError> {
        if !(1..=5).contains(&level) {
            return Err(StoreError::Invalid(format!(
                "an agreed level is a level from 1 to 5, not {level}"
            )));
        }
        let rationale = check_rationale(rationale).map_err(StoreError::Invalid)?;
        self.check_open_question(assessment_id, question_id)?;
        // The uuid of an existing record stays: it is the same decision, revised.
        self.conn.execute(
            "INSERT INTO consensus (uuid, assessment_id, question_id, level, rationale, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (assessment_id, question_id) DO UPDATE
             SET level = excluded.level, rationale = excluded.rationale, decided_at = excluded.decided_at",
            params![
                uuid::Uuid::new_v4().to_string(),
                assessment_id,
                question_id,
                level,
                rationale,
                written(now)
            ],
        )?;
        self.consensus_for(assessment_id, question_id)?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("the agreed level of `{question_id}`"),
            })
    }

    /// Removes the agreed level of a question, so its votes score again.
    pub fn clear_consensus(
        &mut self,
        assessment_id: i64,
        question_id: &str,
    ) -> Result<(), StoreError> {
        self.check_open_question(assessment_id, question_id)?;
        self.conn.execute(
            "DELETE FROM consensus WHERE assessment_id = ?1 AND question_id = ?2",
            params![assessment_id, question_id],
        )?;
        Ok(())
    }

    /// The agreed levels of an assessment, by question id.
    pub fn consensus_of(&self, assessment_id: i64) -> Result<Vec<Consensus>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM consensus WHERE assessment_id = ?1 ORDER BY question_id"
        ))?;
        let rows = stmt
            .query_map([assessment_id], Consensus::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub fn consensus_for(
        &self,
        assessment_id: i64,
        question_id: &str,
    ) -> Result<Option<Consensus>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM consensus WHERE assessment_id = ?1 AND question_id = ?2"
                ),
                params![assessment_id, question_id],
                Consensus::from_row,
            )
            .optional()?)
    }

    /// The assessment exists, is in progress, and its questionnaire has the question.
    fn check_open_question(&self, assessment_id: i64, question_id: &str) -> Result<(), StoreError> {
        let found: Option<(AssessmentStatus, bool)> = self
            .conn
            .query_row(
                "SELECT a.status, EXISTS (SELECT 1 FROM questionnaire_questions q
                     WHERE q.questionnaire_id = a.questionnaire_id AND q.version = a.questionnaire_version AND q.question_id = ?2)
                 FROM assessments a WHERE a.id = ?1",
                params![assessment_id, question_id],
                |r| Ok((status_at(r, 0, assessment_id)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            None => Err(StoreError::NotFound {
                what: format!("assessment {assessment_id}"),
            }),
            Some((AssessmentStatus::Completed, _)) => Err(StoreError::Conflict(
                "this assessment is completed; its agreed levels can no longer change".into(),
            )),
            Some((_, false)) => Err(StoreError::Invalid(format!(
                "unknown question id `{question_id}`"
            ))),
            Some(_) => Ok(()),
        }
    }
}
