//! Assessments: a team's answers to one questionnaire version, by one or several respondents,
//! with the team's targets and weights and its DORA answers.
//!
//! The questionnaire is stored as a snapshot (`questionnaires`) the first time an assessment
//! uses a version, so an old assessment always shows the questions and anchors it was answered
//! against, whatever the content says today. `questionnaire_questions` lets a single answer be
//! checked against that version without reading the snapshot.
//!
//! `answering` holds the writes while a team answers (start, answers, joining, roles, targets,
//! DORA, completion, and a whole assessment recorded at once); `read` reads assessments back,
//! whole or as a scorer needs them.

mod answering;
mod read;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::questionnaire::is_quick_scan_version;
use devops_maturity_core::scoring::{AnswerSheet, Choices};
use devops_maturity_core::{AssessmentStatus, Questionnaire, Respondent, Role};
use rusqlite::{params, Row};
use serde::Serialize;

use crate::StoreError;

pub(crate) const MIGRATION_3: &str = "
CREATE TABLE questionnaires (
    id      TEXT NOT NULL,
    version TEXT NOT NULL,
    json    TEXT NOT NULL,
    PRIMARY KEY (id, version)
) WITHOUT ROWID;
CREATE TABLE questionnaire_questions (
    questionnaire_id TEXT NOT NULL,
    version          TEXT NOT NULL,
    question_id      TEXT NOT NULL,
    dimension_id     TEXT NOT NULL,
    PRIMARY KEY (questionnaire_id, version, question_id),
    FOREIGN KEY (questionnaire_id, version) REFERENCES questionnaires (id, version)
) WITHOUT ROWID;
CREATE TABLE assessments (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    team_id               INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    questionnaire_id      TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('in-progress', 'completed')),
    facilitator           TEXT,
    dora_year             INTEGER,
    started_at            TEXT NOT NULL,
    completed_at          TEXT,
    FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaires (id, version)
);
CREATE INDEX assessments_team ON assessments (team_id, started_at);
CREATE TABLE respondents (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    position      INTEGER NOT NULL,
    finished_at   TEXT,
    UNIQUE (assessment_id, position)
);
CREATE TABLE answers (
    respondent_id INTEGER NOT NULL REFERENCES respondents (id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    answer        TEXT NOT NULL CHECK (answer IN ('1', '2', '3', '4', '5', 'dont-know', 'not-applicable')),
    evidence      TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question_id)
) WITHOUT ROWID;
CREATE TABLE dimension_choices (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    dimension_id  TEXT NOT NULL,
    target        INTEGER CHECK (target IS NULL OR target BETWEEN 1 AND 5),
    weight        REAL CHECK (weight IS NULL OR weight > 0),
    PRIMARY KEY (assessment_id, dimension_id)
) WITHOUT ROWID;
CREATE TABLE dora_answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    metric_id     TEXT NOT NULL,
    answer        TEXT NOT NULL,
    PRIMARY KEY (assessment_id, metric_id)
) WITHOUT ROWID;
";

/// Migration 13: each respondent's role (`core::Role`), as they said when answering; NULL for
/// respondents from before roles were asked, and for those who have not said yet.
pub(crate) const MIGRATION_ROLES: &str = "
ALTER TABLE respondents ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('practitioner', 'leader'));
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRow {
    pub id: i64,
    pub uuid: String,
    pub team_id: i64,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    /// Answered with the quick scan (its version ends in `+quick`, core
    /// `questionnaire::QUICK_SCAN_VERSION`), not the full questionnaire.
    pub quick_scan: bool,
    pub status: AssessmentStatus,
    pub facilitator: Option<String>,
    pub dora_year: Option<u16>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub started_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds::option")]
    pub completed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RespondentRow {
    pub id: i64,
    pub name: String,
    /// `None` until the person says (and for assessments from before roles were asked).
    pub role: Option<Role>,
    pub position: u32,
    pub finished: bool,
    pub answered: u32,
}

/// The columns [`RespondentRow::from_row`] reads, from `respondents r`.
pub(crate) const RESPONDENT_COLUMNS: &str =
    "r.id, r.name, r.role, r.position, r.finished_at IS NOT NULL,
    (SELECT count(*) FROM answers a WHERE a.respondent_id = r.id)";

impl RespondentRow {
    pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<RespondentRow> {
        Ok(RespondentRow {
            id: r.get(0)?,
            name: r.get(1)?,
            // The column's CHECK admits only the two codes.
            role: r
                .get::<_, Option<String>>(2)?
                .as_deref()
                .and_then(Role::from_code),
            position: r.get(3)?,
            finished: r.get(4)?,
            answered: r.get(5)?,
        })
    }
}

/// Everything stored for one assessment, ready for scoring.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentData {
    pub assessment: AssessmentRow,
    pub respondents: Vec<RespondentRow>,
    /// Answers per respondent, in the order of `respondents`.
    pub answers: Vec<Respondent>,
    pub choices: Choices,
    pub dora: BTreeMap<String, DoraAnswer>,
}

/// [`Store::scoring_data`]: an assessment's answers as sheets, with its choices and DORA answers.
#[derive(Debug, Clone)]
pub struct ScoringData {
    pub assessment: AssessmentRow,
    /// One per respondent, in their order.
    pub sheets: Vec<AnswerSheet>,
    pub choices: Choices,
    pub dora: BTreeMap<String, DoraAnswer>,
}

impl AssessmentData {
    /// While people answer in turn, the one answering now: the first who has not finished
    /// (`None` once everyone has). Only this person's answers may reach the screen before the
    /// results: whoever answers next must not see what the others chose.
    pub fn answering_now(&self) -> Option<usize> {
        self.respondents.iter().position(|r| !r.finished)
    }
}

/// A finished assessment to store in one go (the CLI's `assess record`, demo data).
#[derive(Debug, Clone)]
pub struct NewAssessment<'a> {
    pub team_id: i64,
    pub questionnaire: &'a Questionnaire,
    pub respondents: &'a [Respondent],
    pub choices: &'a Choices,
    pub dora_year: Option<u16>,
    pub dora: &'a BTreeMap<String, DoraAnswer>,
    pub facilitator: Option<&'a str>,
    pub started_at: DateTime<Utc>,
    pub completed_at: DateTime<Utc>,
}

const COLUMNS: &str =
    "id, uuid, team_id, questionnaire_id, questionnaire_version, status, facilitator, dora_year, started_at, completed_at";

/// The status in column `index` of assessment `id`'s row. The column's CHECK admits only the
/// two codes, so another text means the database was changed by other means: an error that
/// names the row, never a guess.
pub(crate) fn status_at(
    row: &Row<'_>,
    index: usize,
    id: i64,
) -> rusqlite::Result<AssessmentStatus> {
    let code: String = row.get(index)?;
    AssessmentStatus::from_code(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!(
                "assessment {id} has the status `{code}`, which is not {}",
                AssessmentStatus::expected()
            )
            .into(),
        )
    })
}

impl AssessmentRow {
    /// When it was completed, or started while it is still in progress: the one date a list,
    /// a report or the scores CSV gives an assessment.
    pub fn dated_at(&self) -> DateTime<Utc> {
        self.completed_at.unwrap_or(self.started_at)
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<AssessmentRow> {
        let questionnaire_version: String = row.get(4)?;
        let id = row.get(0)?;
        Ok(AssessmentRow {
            id,
            uuid: row.get(1)?,
            team_id: row.get(2)?,
            questionnaire_id: row.get(3)?,
            quick_scan: is_quick_scan_version(&questionnaire_version),
            questionnaire_version,
            status: status_at(row, 5, id)?,
            facilitator: row.get(6)?,
            dora_year: row.get(7)?,
            started_at: crate::moments::moment_at(row, 8, "assessment")?,
            completed_at: crate::moments::opt_moment_at(row, 9, "assessment")?,
        })
    }
}

/// Stores the questionnaire version once; a stored version is never replaced.
pub(crate) fn ensure_snapshot(
    tx: &rusqlite::Connection,
    q: &Questionnaire,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(q).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO questionnaires (id, version, json) VALUES (?1, ?2, ?3)",
        params![q.id, q.version, json],
    )?;
    if inserted > 0 {
        let mut stmt = tx.prepare(
            "INSERT INTO questionnaire_questions (questionnaire_id, version, question_id, dimension_id) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for question in &q.questions {
            stmt.execute(params![q.id, q.version, question.id, question.dimension])?;
        }
    }
    Ok(())
}
