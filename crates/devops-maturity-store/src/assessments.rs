//! Assessments: a team's answers to one questionnaire version, by one or several respondents,
//! with the team's targets and weights and its DORA answers.
//!
//! The questionnaire is stored as a snapshot (`questionnaires`) the first time an assessment
//! uses a version, so an old assessment always shows the questions and anchors it was answered
//! against, whatever the content says today. `questionnaire_questions` lets a single answer be
//! checked against that version without reading the snapshot.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME, MAX_RESPONDENTS};
use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::questionnaire::is_quick_scan_version;
use devops_maturity_core::scoring::{AnswerSheet, Choices, Scorer};
use devops_maturity_core::text::{self, Rule};
use devops_maturity_core::{Answer, AssessmentStatus, Questionnaire, Respondent, Role};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::teams::timestamp;
use crate::write::Write;
use crate::{Store, StoreError};

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
    pub started_at: String,
    pub completed_at: Option<String>,
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

/// Sets a dimension's target and weight, replacing earlier ones.
const UPSERT_CHOICE: &str = "INSERT INTO dimension_choices (assessment_id, dimension_id, target, weight)
     VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (assessment_id, dimension_id) DO UPDATE SET target = excluded.target, weight = excluded.weight";

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
            started_at: row.get(8)?,
            completed_at: row.get(9)?,
        })
    }
}

fn answer_text(answer: Answer) -> Result<String, StoreError> {
    answer.code().ok_or_else(|| {
        StoreError::Invalid(format!(
            "level {} is out of range: answers are 1 to 5",
            answer.level().unwrap_or(0)
        ))
    })
}

fn clean_person(name: &str) -> Result<String, StoreError> {
    Ok(text::required("a respondent's name", name, Rule::name(MAX_NAME))?.to_string())
}

/// Evidence is free text (`core::text`): line breaks and tabs are fine, other control
/// characters (NUL …) are refused, as they would vanish or break the page, the PDF and CSV.
fn check_evidence(evidence: Option<&str>) -> Result<Option<&str>, StoreError> {
    match evidence {
        Some("") | None => Ok(None),
        Some(e) => {
            text::check("evidence", e, Rule::free(MAX_EVIDENCE))?;
            Ok(Some(e))
        }
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

/// The assessment row's own fields, as written by `insert_assessment`.
#[derive(Clone, Copy)]
struct Header<'a> {
    status: AssessmentStatus,
    facilitator: Option<&'a str>,
    dora_year: Option<u16>,
    started: &'a str,
    completed: Option<&'a str>,
}

fn insert_assessment(
    tx: &rusqlite::Connection,
    team_id: i64,
    q: &Questionnaire,
    header: &Header<'_>,
) -> Result<i64, StoreError> {
    let Header {
        status,
        facilitator,
        dora_year,
        started,
        completed,
    } = *header;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1)",
        [team_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(StoreError::NotFound {
            what: format!("team {team_id}"),
        });
    }
    if let Some(f) = facilitator {
        text::required("the facilitator's name", f, Rule::name(MAX_NAME))?;
    }
    ensure_snapshot(tx, q)?;
    tx.execute(
        "INSERT INTO assessments (uuid, team_id, questionnaire_id, questionnaire_version, status, facilitator, dora_year, started_at, completed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![uuid::Uuid::new_v4().to_string(), team_id, q.id, q.version, status.code(), facilitator.map(str::trim), dora_year, started, completed],
    )?;
    Ok(tx.last_insert_rowid())
}

fn insert_respondent(
    tx: &rusqlite::Connection,
    assessment_id: i64,
    name: &str,
    role: Option<Role>,
    position: u32,
    finished: Option<&str>,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO respondents (uuid, assessment_id, name, role, position, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![uuid::Uuid::new_v4().to_string(), assessment_id, clean_person(name)?, role.map(Role::code), position, finished],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Keeps a chosen role on a respondent; `None` changes nothing.
fn set_role(tx: &rusqlite::Connection, id: i64, role: Option<Role>) -> Result<(), StoreError> {
    if let Some(role) = role {
        tx.execute(
            "UPDATE respondents SET role = ?1 WHERE id = ?2",
            params![role.code(), id],
        )?;
    }
    Ok(())
}

fn respondent_row(tx: &rusqlite::Connection, id: i64) -> Result<RespondentRow, StoreError> {
    Ok(tx.query_row(
        &format!("SELECT {RESPONDENT_COLUMNS} FROM respondents r WHERE r.id = ?1"),
        [id],
        RespondentRow::from_row,
    )?)
}

/// Keeps `role` on respondent `id` (`None` changes nothing), commits, and returns the
/// respondent as stored.
fn seated(tx: Write<'_>, id: i64, role: Option<Role>) -> Result<RespondentRow, StoreError> {
    set_role(&tx, id, role)?;
    let row = respondent_row(&tx, id)?;
    tx.commit()?;
    Ok(row)
}

/// Refuses a change to an assessment that is no longer in progress: `status` is its status as
/// read (`None` when `what` does not exist), `completed` says what a completed one keeps.
fn in_progress(
    status: Option<AssessmentStatus>,
    what: impl FnOnce() -> String,
    completed: &str,
) -> Result<(), StoreError> {
    match status {
        None => Err(StoreError::NotFound { what: what() }),
        Some(AssessmentStatus::InProgress) => Ok(()),
        Some(AssessmentStatus::Completed) => Err(StoreError::Conflict(completed.into())),
    }
}

/// One respondent's answers as stored: question id, the answer (`None` when the stored code
/// is not one) and the evidence.
type AnswerRow = (String, Option<Answer>, Option<String>);

fn answer_rows(
    conn: &rusqlite::Connection,
    respondent_id: i64,
) -> Result<Vec<AnswerRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT question_id, answer, evidence FROM answers WHERE respondent_id = ?1",
    )?;
    let rows = stmt.query_map([respondent_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Answer::from_code(&r.get::<_, String>(1)?),
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn write_choices(
    tx: &rusqlite::Connection,
    assessment_id: i64,
    q: &Questionnaire,
    choices: &Choices,
) -> Result<(), StoreError> {
    let dims: std::collections::BTreeSet<&String> = choices
        .targets
        .keys()
        .chain(choices.weights.keys())
        .collect();
    for dim in dims {
        if q.dimension(dim).is_none() {
            return Err(StoreError::Invalid(format!("unknown dimension `{dim}`")));
        }
        tx.execute(
            UPSERT_CHOICE,
            params![
                assessment_id,
                dim,
                choices.targets.get(dim),
                choices.weights.get(dim)
            ],
        )?;
    }
    Ok(())
}

impl Store {
    /// Starts an assessment with the named respondents (in answering order).
    pub fn start_assessment(
        &mut self,
        team_id: i64,
        questionnaire: &Questionnaire,
        respondents: &[String],
        facilitator: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<AssessmentRow, StoreError> {
        if respondents.is_empty() {
            return Err(StoreError::Invalid(
                "an assessment needs at least one respondent".into(),
            ));
        }
        let tx = crate::write::begin(&mut self.conn)?;
        let id = insert_assessment(
            &tx,
            team_id,
            questionnaire,
            &Header {
                status: AssessmentStatus::InProgress,
                facilitator,
                dora_year: None,
                started: &timestamp(now),
                completed: None,
            },
        )?;
        for (i, name) in respondents.iter().enumerate() {
            insert_respondent(&tx, id, name, None, i as u32 + 1, None)?;
        }
        tx.commit()?;
        self.assessment(id)
    }

    /// Saves one answer at once (a single durable write). The question must belong to the
    /// questionnaire version of the respondent's assessment, which must still be in progress.
    pub fn save_answer(
        &mut self,
        respondent_id: i64,
        question_id: &str,
        answer: Answer,
        evidence: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let text = answer_text(answer)?;
        let evidence = check_evidence(evidence)?;
        let check: Option<(AssessmentStatus, bool)> = self
            .conn
            .prepare_cached(
                "SELECT a.status, EXISTS (SELECT 1 FROM questionnaire_questions q
                     WHERE q.questionnaire_id = a.questionnaire_id AND q.version = a.questionnaire_version AND q.question_id = ?2),
                     a.id
                 FROM respondents r JOIN assessments a ON a.id = r.assessment_id WHERE r.id = ?1",
            )?
            .query_row(params![respondent_id, question_id], |r| {
                Ok((status_at(r, 0, r.get(2)?)?, r.get(1)?))
            })
            .optional()?;
        in_progress(
            check.map(|(status, _)| status),
            || format!("respondent {respondent_id}"),
            "this assessment is completed; its answers can no longer change",
        )?;
        if matches!(check, Some((_, false))) {
            return Err(StoreError::Invalid(format!(
                "unknown question id `{question_id}`"
            )));
        }
        self.conn
            .prepare_cached(
                "INSERT INTO answers (respondent_id, question_id, answer, evidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (respondent_id, question_id) DO UPDATE
                 SET answer = excluded.answer, evidence = excluded.evidence, updated_at = excluded.updated_at",
            )?
            .execute(params![respondent_id, question_id, text, evidence, timestamp(now)])?;
        Ok(())
    }

    /// Seats a person who joins an in-progress assessment from their own device (a live
    /// session). They take the first respondent who is still a blank placeholder ("Respondent
    /// N", no answer yet) and not in `taken` (seats already given out); else a new respondent is
    /// added after the others. A typed `name` replaces the placeholder's; a blank one keeps (or
    /// gets) "Respondent N". One transaction; the name goes through the respondents' text rule.
    ///
    /// Names in a team are told apart by `text::name_key` ("ana", "ANA" and "Ana" with an
    /// invisible space are one name). A typed name that is already a respondent's takes that
    /// respondent's seat when it is still free (not in `taken`, no answer yet: the facilitator
    /// listed this person); otherwise it is refused with [`StoreError::Conflict`], because two
    /// people under one name could not be told apart on the projector or in the results.
    ///
    /// A `role` the person chose is kept on the seat they get (`None` leaves it as it is).
    pub fn join_respondent(
        &mut self,
        assessment_id: i64,
        name: &str,
        role: Option<Role>,
        taken: &[i64],
    ) -> Result<RespondentRow, StoreError> {
        let name = name.trim();
        if !name.is_empty() {
            clean_person(name)?;
        }
        let tx = crate::write::begin(&mut self.conn)?;
        let status = tx
            .query_row(
                "SELECT status FROM assessments WHERE id = ?1",
                [assessment_id],
                |r| status_at(r, 0, assessment_id),
            )
            .optional()?;
        in_progress(
            status,
            || format!("assessment {assessment_id}"),
            "this assessment is completed; nobody can join it any more",
        )?;
        if !name.is_empty() {
            let key = text::name_key(name);
            let same: Vec<(i64, bool)> = tx
                .prepare_cached(
                    "SELECT r.id, r.name,
                        EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id)
                     FROM respondents r WHERE r.assessment_id = ?1 ORDER BY r.position",
                )?
                .query_map([assessment_id], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
                })?
                .filter_map(|row| match row {
                    Ok((id, stored, answered)) if text::name_key(&stored) == key => {
                        Some(Ok((id, answered)))
                    }
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                })
                .collect::<Result<_, _>>()?;
            if let Some(&(id, answered)) = same.first() {
                if same.len() > 1 || answered || taken.contains(&id) {
                    return Err(StoreError::Conflict(format!(
                        "a respondent's name “{name}” is already someone's in this team: add an initial or a nickname"
                    )));
                }
                return seated(tx, id, role);
            }
        }
        let placeholders: Vec<(i64, u32)> = tx
            .prepare_cached(
                "SELECT r.id, r.position FROM respondents r
                 WHERE r.assessment_id = ?1 AND r.name = 'Respondent ' || r.position
                   AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.respondent_id = r.id)
                 ORDER BY r.position",
            )?
            .query_map([assessment_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let seat = placeholders.into_iter().find(|(id, _)| !taken.contains(id));
        let id = match seat {
            Some((id, _)) => {
                if !name.is_empty() {
                    tx.execute(
                        "UPDATE respondents SET name = ?1 WHERE id = ?2",
                        params![name, id],
                    )?;
                }
                id
            }
            None => {
                let (count, next): (u32, u32) = tx.query_row(
                    "SELECT count(*), coalesce(max(position), 0) + 1 FROM respondents WHERE assessment_id = ?1",
                    [assessment_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                if count as usize >= MAX_RESPONDENTS {
                    return Err(StoreError::Conflict(format!(
                        "a team can have at most {MAX_RESPONDENTS} respondents; this one is full"
                    )));
                }
                let name = match name {
                    "" => format!("Respondent {next}"),
                    name => name.to_string(),
                };
                insert_respondent(&tx, assessment_id, &name, None, next, None)?
            }
        };
        seated(tx, id, role)
    }

    /// One respondent's own answers with their evidence, by question id: what a live
    /// participant's device reloads when it resumes (never anyone else's).
    pub fn respondent_answers(
        &self,
        respondent_id: i64,
    ) -> Result<BTreeMap<String, (Answer, Option<String>)>, StoreError> {
        Ok(answer_rows(&self.conn, respondent_id)?
            .into_iter()
            .filter_map(|(question, answer, evidence)| Some((question, (answer?, evidence))))
            .collect())
    }

    /// Records what a respondent does in the team, as they say when they start answering. The
    /// assessment must still be in progress: a completed one keeps the roles it was scored with.
    pub fn set_respondent_role(
        &mut self,
        respondent_id: i64,
        role: Role,
    ) -> Result<RespondentRow, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let status = tx
            .query_row(
                "SELECT a.status, a.id FROM respondents r JOIN assessments a ON a.id = r.assessment_id
                 WHERE r.id = ?1",
                [respondent_id],
                |r| status_at(r, 0, r.get(1)?),
            )
            .optional()?;
        in_progress(
            status,
            || format!("respondent {respondent_id}"),
            "this assessment is completed: its respondents' roles stay as they were",
        )?;
        seated(tx, respondent_id, Some(role))
    }

    pub fn finish_respondent(
        &mut self,
        respondent_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE respondents SET finished_at = ?1 WHERE id = ?2",
            params![timestamp(now), respondent_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("respondent {respondent_id}"),
            });
        }
        Ok(())
    }

    /// Sets (or with `None` clears) a target level and weight for one dimension.
    pub fn set_dimension_choice(
        &mut self,
        assessment_id: i64,
        dimension_id: &str,
        target: Option<u8>,
        weight: Option<f64>,
    ) -> Result<(), StoreError> {
        let data = self.assessment(assessment_id)?;
        let q = self.questionnaire_snapshot(&data.questionnaire_id, &data.questionnaire_version)?;
        let Some(dimension) = q.dimension(dimension_id) else {
            return Err(StoreError::Invalid(format!(
                "unknown dimension `{dimension_id}`"
            )));
        };
        // The messages name the dimension as the person sees it.
        if target.is_some_and(|t| !(1..=5).contains(&t)) {
            return Err(StoreError::Invalid(format!(
                "the target of {} is a level from 1 to 5",
                dimension.name
            )));
        }
        if weight.is_some_and(|w| !(w.is_finite() && w > 0.0 && w <= 100.0)) {
            return Err(StoreError::Invalid(format!(
                "the weight of {} is a number above 0 and at most 100",
                dimension.name
            )));
        }
        self.conn.execute(
            UPSERT_CHOICE,
            params![assessment_id, dimension_id, target, weight],
        )?;
        Ok(())
    }

    /// Stores one DORA answer; the caller has checked it against the DORA model.
    pub fn set_dora_answer(
        &mut self,
        assessment_id: i64,
        metric_id: &str,
        answer: &DoraAnswer,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(answer).map_err(|e| StoreError::Invalid(e.to_string()))?;
        self.assessment(assessment_id)?;
        self.conn.execute(
            "INSERT INTO dora_answers (assessment_id, metric_id, answer) VALUES (?1, ?2, ?3)
             ON CONFLICT (assessment_id, metric_id) DO UPDATE SET answer = excluded.answer",
            params![assessment_id, metric_id, json],
        )?;
        Ok(())
    }

    pub fn set_dora_year(&mut self, assessment_id: i64, year: u16) -> Result<(), StoreError> {
        let n = self.conn.execute(
            "UPDATE assessments SET dora_year = ?1 WHERE id = ?2",
            params![year, assessment_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("assessment {assessment_id}"),
            });
        }
        Ok(())
    }

    pub fn complete_assessment(
        &mut self,
        assessment_id: i64,
        now: DateTime<Utc>,
    ) -> Result<AssessmentRow, StoreError> {
        let n = self.conn.execute(
            "UPDATE assessments SET status = 'completed', completed_at = ?1 WHERE id = ?2 AND status = 'in-progress'",
            params![timestamp(now), assessment_id],
        )?;
        if n == 0 {
            self.assessment(assessment_id)?;
            return Err(StoreError::Conflict(format!(
                "assessment {assessment_id} is already completed"
            )));
        }
        self.assessment(assessment_id)
    }

    /// Stores a whole, finished assessment in one transaction: all of it or nothing.
    pub fn record_assessment(
        &mut self,
        new: &NewAssessment<'_>,
    ) -> Result<AssessmentRow, StoreError> {
        let q = new.questionnaire;
        if new.respondents.is_empty() {
            return Err(StoreError::Invalid(
                "an assessment needs at least one respondent".into(),
            ));
        }
        let tx = crate::write::begin(&mut self.conn)?;
        let completed = timestamp(new.completed_at);
        let id = insert_assessment(
            &tx,
            new.team_id,
            q,
            &Header {
                status: AssessmentStatus::Completed,
                facilitator: new.facilitator,
                dora_year: new.dora_year,
                started: &timestamp(new.started_at),
                completed: Some(&completed),
            },
        )?;
        for (i, r) in new.respondents.iter().enumerate() {
            let rid = insert_respondent(&tx, id, &r.name, r.role, i as u32 + 1, Some(&completed))?;
            let mut stmt = tx.prepare_cached(
                "INSERT INTO answers (respondent_id, question_id, answer, evidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (qid, answer) in &r.answers {
                if q.question(qid).is_none() {
                    return Err(StoreError::Invalid(format!("unknown question id `{qid}`")));
                }
                let evidence = check_evidence(r.evidence.get(qid).map(String::as_str))?;
                stmt.execute(params![
                    rid,
                    qid,
                    answer_text(*answer)?,
                    evidence,
                    completed
                ])?;
            }
        }
        write_choices(&tx, id, q, new.choices)?;
        for (metric, answer) in new.dora {
            let json =
                serde_json::to_string(answer).map_err(|e| StoreError::Invalid(e.to_string()))?;
            tx.execute(
                "INSERT INTO dora_answers (assessment_id, metric_id, answer) VALUES (?1, ?2, ?3)",
                params![id, metric, json],
            )?;
        }
        tx.commit()?;
        self.assessment(id)
    }

    pub fn assessment(&self, id: i64) -> Result<AssessmentRow, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM assessments WHERE id = ?1"),
                [id],
                AssessmentRow::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("assessment {id}"),
            })
    }

    /// A team's assessments, oldest first.
    pub fn assessments_of(&self, team_id: i64) -> Result<Vec<AssessmentRow>, StoreError> {
        self.assessment_rows("WHERE team_id = ?1 ORDER BY started_at, id", [team_id])
    }

    /// Every assessment still in progress, the most recently started first.
    pub fn assessments_in_progress(&self) -> Result<Vec<AssessmentRow>, StoreError> {
        self.assessment_rows(
            "WHERE status = 'in-progress' ORDER BY started_at DESC, id DESC",
            [],
        )
    }

    /// The assessments `filter` (a `WHERE … ORDER BY …` clause) selects.
    fn assessment_rows(
        &self,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<AssessmentRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM assessments {filter}"))?;
        let rows = stmt
            .query_map(params, AssessmentRow::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The questionnaire exactly as the assessment was answered against.
    pub fn questionnaire_snapshot(
        &self,
        id: &str,
        version: &str,
    ) -> Result<Questionnaire, StoreError> {
        let json: String = self
            .conn
            .query_row(
                "SELECT json FROM questionnaires WHERE id = ?1 AND version = ?2",
                params![id, version],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("questionnaire {id} {version}"),
            })?;
        serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            reason: format!("questionnaire snapshot {id} {version}: {e}"),
        })
    }

    pub fn assessment_data(&self, id: i64) -> Result<AssessmentData, StoreError> {
        let assessment = self.assessment(id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {RESPONDENT_COLUMNS} FROM respondents r WHERE r.assessment_id = ?1 ORDER BY r.position"
        ))?;
        let respondents = stmt
            .query_map([id], RespondentRow::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        let mut answers = Vec::new();
        for r in &respondents {
            let mut respondent = Respondent {
                name: r.name.clone(),
                role: r.role,
                ..Respondent::default()
            };
            for (qid, answer, evidence) in answer_rows(&self.conn, r.id)? {
                if let Some(a) = answer {
                    respondent.answers.insert(qid.clone(), a);
                }
                if let Some(e) = evidence {
                    respondent.evidence.insert(qid, e);
                }
            }
            answers.push(respondent);
        }
        let choices = self.choices_of(id)?;
        let dora = self.dora_of(id)?;
        Ok(AssessmentData {
            assessment,
            respondents,
            answers,
            choices,
            dora,
        })
    }

    /// Targets, weights and agreed levels of an assessment.
    fn choices_of(&self, id: i64) -> Result<Choices, StoreError> {
        let mut choices = Choices::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT dimension_id, target, weight FROM dimension_choices WHERE assessment_id = ?1",
        )?;
        for row in stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<u8>>(1)?,
                r.get::<_, Option<f64>>(2)?,
            ))
        })? {
            let (dim, target, weight) = row?;
            if let Some(t) = target {
                choices.targets.insert(dim.clone(), t);
            }
            if let Some(w) = weight {
                choices.weights.insert(dim, w);
            }
        }
        // Levels a group agreed after discussion score in place of the votes (see consensus.rs).
        let mut stmt = self
            .conn
            .prepare_cached("SELECT question_id, level FROM consensus WHERE assessment_id = ?1")?;
        for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u8>(1)?)))? {
            let (question, level) = row?;
            choices.agreed.insert(question, level);
        }
        Ok(choices)
    }

    /// An assessment's DORA answers by metric.
    fn dora_of(&self, id: i64) -> Result<BTreeMap<String, DoraAnswer>, StoreError> {
        let mut dora = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT metric_id, answer FROM dora_answers WHERE assessment_id = ?1",
        )?;
        for row in stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (metric, json) = row?;
            if let Ok(answer) = serde_json::from_str(&json) {
                dora.insert(metric, answer);
            }
        }
        Ok(dora)
    }

    /// What scoring an assessment needs, read without building a map per respondent: each
    /// respondent's answers as a sheet of `scorer`'s questionnaire (the snapshot the
    /// assessment was answered with), its choices and DORA answers. For roll-ups over many
    /// assessments; [`Store::assessment_data`] gives the same answers with names and evidence.
    pub fn scoring_data(&self, id: i64, scorer: &Scorer<'_>) -> Result<ScoringData, StoreError> {
        let assessment = self.assessment(id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, a.question_id, a.answer FROM respondents r
             LEFT JOIN answers a ON a.respondent_id = r.id
             WHERE r.assessment_id = ?1 ORDER BY r.position, r.id",
        )?;
        let mut rows = stmt.query([id])?;
        let mut sheets: Vec<AnswerSheet> = Vec::new();
        let mut current = None;
        while let Some(row) = rows.next()? {
            let respondent: i64 = row.get(0)?;
            if current != Some(respondent) {
                current = Some(respondent);
                sheets.push(scorer.blank_sheet());
            }
            let (Some(question), Some(code)) = (
                row.get_ref(1)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?,
                row.get_ref(2)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?,
            ) else {
                continue; // a respondent without answers
            };
            if let (Some(answer), Some(sheet)) = (Answer::from_code(code), sheets.last_mut()) {
                scorer.record(sheet, question, answer);
            }
        }
        Ok(ScoringData {
            assessment,
            sheets,
            choices: self.choices_of(id)?,
            dora: self.dora_of(id)?,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One dimension "flow" with four questions whose text names the version, so a test can
    /// tell which snapshot it is reading.
    pub(crate) fn questionnaire(version: &str) -> Questionnaire {
        let mut q = Questionnaire::sample([("flow", (1..=4).map(|i| format!("flow-{i}")))]);
        q.id = "q".into();
        q.version = version.into();
        q.dimensions[0].name = "Flow".into();
        for (i, question) in q.questions.iter_mut().enumerate() {
            question.text = format!("Question {} ({version})", i + 1);
        }
        q
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_live_participant_takes_a_blank_placeholder_seat_else_a_new_one() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let a = store
            .start_assessment(
                team.id,
                &q,
                &["Respondent 1".into(), "Ana".into(), "Respondent 3".into()],
                None,
                now(),
            )
            .unwrap();
        let first = store.join_respondent(a.id, "  Zoë ", None, &[]).unwrap();
        assert_eq!(
            (first.position, first.name.as_str()),
            (1, "Zoë"),
            "the first blank seat is renamed"
        );
        // Seat 3 is a placeholder but already handed out in this session: a new seat is added.
        let third = store
            .join_respondent(a.id, "", None, &[first.id, 0])
            .unwrap();
        assert_eq!(third.position, 3, "seat 3 is still free: {third:?}");
        let fourth = store
            .join_respondent(a.id, "", None, &[first.id, third.id])
            .unwrap();
        assert_eq!(
            (fourth.position, fourth.name.as_str()),
            (4, "Respondent 4"),
            "a new seat after the others"
        );
        store
            .save_answer(fourth.id, "flow-1", Answer::Level(2), None, now())
            .unwrap();
        // A placeholder that has answers is somebody's: never handed out again.
        let fifth = store
            .join_respondent(a.id, "", None, &[first.id, third.id])
            .unwrap();
        assert_eq!(
            fifth.position, 5,
            "seat 4 has an answer, so it is not reused"
        );
        let bad = store
            .join_respondent(a.id, "a\u{0}b", None, &[])
            .unwrap_err();
        assert!(
            matches!(bad, StoreError::Invalid(_)),
            "a name with NUL is refused: {bad}"
        );
        assert_eq!(
            store.assessment_data(a.id).unwrap().respondents.len(),
            5,
            "nothing stored for the refused name"
        );
        store.complete_assessment(a.id, now()).unwrap();
        let done = store.join_respondent(a.id, "", None, &[]).unwrap_err();
        assert!(
            matches!(done, StoreError::Conflict(_)),
            "a completed assessment takes nobody: {done}"
        );
        assert!(matches!(
            store.join_respondent(9_999, "", None, &[]),
            Err(StoreError::NotFound { .. })
        ));
        let own = store.respondent_answers(fourth.id).unwrap();
        assert_eq!(own.len(), 1, "only this respondent's answers: {own:?}");
        assert_eq!(own["flow-1"], (Answer::Level(2), None));
    }

    #[test]
    fn a_live_name_is_one_per_team_by_its_name_key_and_a_listed_person_takes_their_seat() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let a = store
            .start_assessment(
                team.id,
                &questionnaire("1"),
                &["Ana".into(), "Respondent 2".into()],
                None,
                now(),
            )
            .unwrap();
        let ana = store.join_respondent(a.id, " ANA ", None, &[]).unwrap();
        assert_eq!(
            (ana.position, ana.name.as_str()),
            (1, "Ana"),
            "the person the facilitator listed takes their own seat, under the listed spelling"
        );
        let twin = store
            .join_respondent(a.id, "ana", None, &[ana.id])
            .unwrap_err();
        assert_eq!(
            twin.to_string(),
            "a respondent's name “ana” is already someone's in this team: add an initial or a nickname",
            "a seat handed out in this session is not handed out twice"
        );
        // "ZOE" + a combining diaeresis is "Zoë" under the name key.
        let zoe = store.join_respondent(a.id, "Zoë", None, &[ana.id]).unwrap();
        let again = store
            .join_respondent(a.id, "ZOE\u{308}", None, &[ana.id, zoe.id])
            .unwrap_err();
        assert!(matches!(again, StoreError::Conflict(_)), "{again}");
        store
            .save_answer(ana.id, "flow-1", Answer::Level(3), None, now())
            .unwrap();
        let answered = store.join_respondent(a.id, "Ana", None, &[]).unwrap_err();
        assert!(
            matches!(answered, StoreError::Conflict(_)),
            "a seat with answers is never handed to whoever types its name: {answered}"
        );
        assert_eq!(
            store.assessment_data(a.id).unwrap().respondents.len(),
            2,
            "nothing added for the refused names"
        );
    }

    #[test]
    fn answers_are_saved_one_by_one_and_read_back_for_resuming() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let a = store
            .start_assessment(
                team.id,
                &q,
                &["Ana".into(), "Ben".into()],
                Some("Marta"),
                now(),
            )
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        let (ana, ben) = (data.respondents[0].id, data.respondents[1].id);
        store
            .save_answer(ana, "flow-1", Answer::Level(3), Some("retro notes"), now())
            .unwrap();
        store
            .save_answer(ana, "flow-1", Answer::Level(4), None, now())
            .unwrap();
        store
            .save_answer(ben, "flow-2", Answer::DontKnow, None, now())
            .unwrap();
        store
            .set_dimension_choice(a.id, "flow", Some(4), None)
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(
            data.answers[0].answers.get("flow-1"),
            Some(&Answer::Level(4)),
            "the second save replaces the first"
        );
        assert!(
            data.answers[0].evidence.is_empty(),
            "clearing evidence removes it"
        );
        assert_eq!(
            data.answers[1].answers.get("flow-2"),
            Some(&Answer::DontKnow)
        );
        assert_eq!(data.respondents[0].answered, 1);
        assert_eq!(data.choices.targets.get("flow"), Some(&4));
    }

    /// A respondent's role: said while the assessment is open, read back with the answers
    /// (what scoring sees), kept by a completed one, and refused after completion.
    #[test]
    fn roles_are_kept_while_answering_and_frozen_after() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let a = store
            .start_assessment(team.id, &q, &["Ana".into(), "Ben".into()], None, now())
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(data.respondents[0].role, None, "nobody has said yet");
        let (ana, ben) = (data.respondents[0].id, data.respondents[1].id);
        store.set_respondent_role(ana, Role::Practitioner).unwrap();
        let row = store.set_respondent_role(ana, Role::Leader).unwrap();
        assert_eq!(row.role, Some(Role::Leader), "the last choice counts");
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(data.respondents[0].role, Some(Role::Leader));
        assert_eq!(data.answers[0].role, Some(Role::Leader), "scoring sees it");
        assert_eq!(data.answers[1].role, None, "Ben did not say");
        assert!(matches!(
            store.set_respondent_role(9_999, Role::Leader),
            Err(StoreError::NotFound { .. })
        ));
        store.complete_assessment(a.id, now()).unwrap();
        let refused = store.set_respondent_role(ben, Role::Leader).unwrap_err();
        assert!(
            matches!(&refused, StoreError::Conflict(m) if m.contains("completed")),
            "{refused:?}"
        );
        assert_eq!(store.assessment_data(a.id).unwrap().answers[1].role, None);

        // A whole assessment recorded at once keeps each respondent's role.
        let recorded = store
            .record_assessment(&NewAssessment {
                team_id: team.id,
                questionnaire: &q,
                respondents: &[Respondent {
                    name: "Cy".into(),
                    role: Some(Role::Leader),
                    answers: [("flow-1".to_string(), Answer::Level(4))].into(),
                    ..Respondent::default()
                }],
                choices: &Choices::default(),
                dora_year: None,
                dora: &BTreeMap::new(),
                facilitator: None,
                started_at: now(),
                completed_at: now(),
            })
            .unwrap();
        assert_eq!(
            store.assessment_data(recorded.id).unwrap().answers[0].role,
            Some(Role::Leader)
        );
    }

    #[test]
    fn a_stored_status_that_is_no_status_is_an_error_naming_the_assessment() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let a = store
            .start_assessment(team.id, &q, &["Ana".into()], None, now())
            .unwrap();
        let ana = store.assessment_data(a.id).unwrap().respondents[0].id;
        // The column's CHECK keeps the app from writing it; another program could.
        store
            .conn
            .execute_batch(&format!(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE assessments SET status = 'done' WHERE id = {};
                 PRAGMA ignore_check_constraints = OFF;",
                a.id
            ))
            .unwrap();
        let said = format!(
            "assessment {} has the status `done`, which is not \"in-progress\" or \"completed\"",
            a.id
        );
        let errors = [
            ("assessment", store.assessment(a.id).map(|_| ())),
            ("assessments_of", store.assessments_of(team.id).map(|_| ())),
            (
                "save_answer",
                store.save_answer(ana, "flow-1", Answer::Level(3), None, now()),
            ),
            (
                "set_respondent_role",
                store.set_respondent_role(ana, Role::Leader).map(|_| ()),
            ),
            (
                "join_respondent",
                store.join_respondent(a.id, "Ben", None, &[]).map(|_| ()),
            ),
            (
                "set_consensus",
                store
                    .set_consensus(a.id, "flow-1", 3, "We agreed.", now())
                    .map(|_| ()),
            ),
            (
                "export",
                store.export(crate::exchange::Scope::All).map(|_| ()),
            ),
        ];
        for (what, result) in errors {
            let e = result.expect_err(what).to_string();
            assert!(e.contains(&said), "{what}: {e}");
        }
        let written: (i64, i64, i64) = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM answers), (SELECT count(*) FROM respondents),
                        (SELECT count(*) FROM consensus)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            written,
            (0, 1, 0),
            "nothing was written: no answer, no Ben, no agreed level"
        );
    }

    #[test]
    fn the_person_answering_now_is_the_first_who_has_not_finished() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let a = store
            .start_assessment(team.id, &q, &["Ana".into(), "Ben".into()], None, now())
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(data.answering_now(), Some(0), "Ana answers first");
        store
            .finish_respondent(data.respondents[0].id, now())
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(data.answering_now(), Some(1), "then Ben");
        store
            .finish_respondent(data.respondents[1].id, now())
            .unwrap();
        let data = store.assessment_data(a.id).unwrap();
        assert_eq!(data.answering_now(), None, "then nobody");
    }

    #[test]
    fn bad_answers_are_refused_and_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let a = store
            .start_assessment(team.id, &questionnaire("1"), &["Ana".into()], None, now())
            .unwrap();
        let r = store.assessment_data(a.id).unwrap().respondents[0].id;
        assert_eq!(
            store
                .save_answer(r, "flow-9", Answer::Level(3), None, now())
                .unwrap_err()
                .to_string(),
            "unknown question id `flow-9`"
        );
        assert!(
            store
                .save_answer(r, "flow-1", Answer::Level(7), None, now())
                .is_err(),
            "level 7"
        );
        assert!(
            store
                .save_answer(
                    r,
                    "flow-1",
                    Answer::Level(2),
                    Some(&"x".repeat(10_001)),
                    now()
                )
                .is_err(),
            "evidence too long"
        );
        assert!(
            store
                .save_answer(999, "flow-1", Answer::Level(2), None, now())
                .is_err(),
            "unknown respondent"
        );
        assert!(store
            .set_dimension_choice(a.id, "nope", Some(3), None)
            .is_err());
        assert!(store
            .set_dimension_choice(a.id, "flow", Some(6), None)
            .is_err());
        assert_eq!(
            store.assessment_data(a.id).unwrap().respondents[0].answered,
            0
        );
        store.complete_assessment(a.id, now()).unwrap();
        assert!(
            store
                .save_answer(r, "flow-1", Answer::Level(2), None, now())
                .is_err(),
            "a completed assessment is frozen"
        );
        assert!(
            store.complete_assessment(a.id, now()).is_err(),
            "completing twice is refused"
        );
    }

    #[test]
    fn an_old_assessment_keeps_its_questionnaire_version() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let old = store
            .start_assessment(team.id, &questionnaire("1"), &["Ana".into()], None, now())
            .unwrap();
        let new = store
            .start_assessment(team.id, &questionnaire("2"), &["Ana".into()], None, now())
            .unwrap();
        let snapshot = |row: &AssessmentRow| {
            store
                .questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)
                .unwrap()
        };
        assert_eq!(snapshot(&old).questions[0].text, "Question 1 (1)");
        assert_eq!(snapshot(&new).questions[0].text, "Question 1 (2)");
        assert_eq!(store.assessments_of(team.id).unwrap().len(), 2);
    }

    #[test]
    fn a_recorded_assessment_is_all_or_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let good = Respondent {
            name: "Ana".into(),
            role: None,
            answers: [("flow-1".to_string(), Answer::Level(2))].into(),
            ..Respondent::default()
        };
        let bad = Respondent {
            name: "Ben".into(),
            role: None,
            answers: [("flow-9".to_string(), Answer::Level(2))].into(),
            ..Respondent::default()
        };
        let respondents = [good, bad];
        let new = NewAssessment {
            team_id: team.id,
            questionnaire: &q,
            respondents: &respondents,
            choices: &Choices::default(),
            dora_year: None,
            dora: &BTreeMap::new(),
            facilitator: None,
            started_at: now(),
            completed_at: now(),
        };
        assert!(store.record_assessment(&new).is_err());
        assert!(
            store.assessments_of(team.id).unwrap().is_empty(),
            "nothing of the failed record remains"
        );
    }

    #[test]
    fn scoring_data_scores_as_the_full_answers_do() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let q = questionnaire("1");
        let answers = |list: &[(&str, Answer)]| -> BTreeMap<String, Answer> {
            list.iter().map(|(id, a)| (id.to_string(), *a)).collect()
        };
        let respondents = [
            Respondent {
                name: "Ana".into(),
                answers: answers(&[
                    ("flow-1", Answer::Level(2)),
                    ("flow-2", Answer::Level(4)),
                    ("flow-3", Answer::DontKnow),
                ]),
                ..Respondent::default()
            },
            // Someone who answered nothing keeps their (empty) sheet and place.
            Respondent {
                name: "Ben".into(),
                ..Respondent::default()
            },
            Respondent {
                name: "Cy".into(),
                answers: answers(&[
                    ("flow-1", Answer::Level(5)),
                    ("flow-2", Answer::NotApplicable),
                    ("flow-3", Answer::Level(3)),
                    ("flow-4", Answer::Level(1)),
                ]),
                ..Respondent::default()
            },
        ];
        let choices = Choices {
            targets: [("flow".to_string(), 4)].into(),
            agreed: [("flow-4".to_string(), 3)].into(),
            ..Choices::default()
        };
        let id = store
            .record_assessment(&NewAssessment {
                team_id: team.id,
                questionnaire: &q,
                respondents: &respondents,
                choices: &choices,
                dora_year: None,
                dora: &BTreeMap::new(),
                facilitator: None,
                started_at: now(),
                completed_at: now(),
            })
            .unwrap()
            .id;
        let scorer = Scorer::new(&q);
        let light = store.scoring_data(id, &scorer).unwrap();
        let full = store.assessment_data(id).unwrap();
        assert_eq!(light.sheets.len(), 3);
        let sheets: Vec<AnswerSheet> = full.answers.iter().map(|r| scorer.sheet(r)).collect();
        assert_eq!(light.sheets, sheets);
        assert_eq!(light.choices, full.choices);
        assert_eq!(
            scorer.summary_of_sheets(&light.sheets, &light.choices),
            scorer.summary(&full.answers, &full.choices)
        );
    }
}
