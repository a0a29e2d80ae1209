//! The writes while a team answers: an assessment started, answers saved one at a time, people
//! joining from their own devices and saying their role, targets and weights, DORA answers,
//! completion; and a whole assessment recorded at once (an answers file).

use chrono::{DateTime, Utc};
use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME, MAX_RESPONDENTS};
use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::scoring::Choices;
use devops_maturity_core::text::{self, Rule};
use devops_maturity_core::{Answer, AssessmentStatus, Questionnaire, Role};
use rusqlite::{params, OptionalExtension};

use crate::write::Write;
use crate::{Store, StoreError};
use devops_maturity_core::date::written;

use super::{
    ensure_snapshot, status_at, AssessmentRow, NewAssessment, RespondentRow, RESPONDENT_COLUMNS,
};

/// Sets a dimension's target and weight, replacing earlier ones.
pub(super) const UPSERT_CHOICE: &str = "INSERT INTO dimension_choices (assessment_id, dimension_id, target, weight)
     VALUES (?1, ?2, ?3, ?4)
     ON CONFLICT (assessment_id, dimension_id) DO UPDATE SET target = excluded.target, weight = excluded.weight";

pub(super) fn answer_text(answer: Answer) -> Result<String, StoreError> {
    answer.code().ok_or_else(|| {
        StoreError::Invalid(format!(
            "level {} is out of range: answers are 1 to 5",
            answer.level().unwrap_or(0)
        ))
    })
}

pub(super) fn clean_person(name: &str) -> Result<String, StoreError> {
    Ok(text::required("a respondent's name", name, Rule::name(MAX_NAME))?.to_string())
}

/// Evidence is free text (`core::text`): line breaks and tabs are fine, other control
/// characters (NUL …) are refused, as they would vanish or break the page, the PDF and CSV.
pub(super) fn check_evidence(evidence: Option<&str>) -> Result<Option<&str>, StoreError> {
    match evidence {
        Some("") | None => Ok(None),
        Some(e) => {
            text::check("evidence", e, Rule::free(MAX_EVIDENCE))?;
            Ok(Some(e))
        }
    }
}

/// The assessment row's own fields, as written by `insert_assessment`.
#[derive(Clone, Copy)]
pub(super) struct Header<'a> {
    status: AssessmentStatus,
    facilitator: Option<&'a str>,
    dora_year: Option<u16>,
    started: &'a str,
    completed: Option<&'a str>,
}

pub(super) fn insert_assessment(
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

pub(super) fn insert_respondent(
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
pub(super) fn set_role(
    tx: &rusqlite::Connection,
    id: i64,
    role: Option<Role>,
) -> Result<(), StoreError> {
    if let Some(role) = role {
        tx.execute(
            "UPDATE respondents SET role = ?1 WHERE id = ?2",
            params![role.code(), id],
        )?;
    }
    Ok(())
}

pub(super) fn respondent_row(
    tx: &rusqlite::Connection,
    id: i64,
) -> Result<RespondentRow, StoreError> {
    Ok(tx.query_row(
        &format!("SELECT {RESPONDENT_COLUMNS} FROM respondents r WHERE r.id = ?1"),
        [id],
        RespondentRow::from_row,
    )?)
}

/// Keeps `role` on respondent `id` (`None` changes nothing), commits, and returns the
/// respondent as stored.
pub(super) fn seated(
    tx: Write<'_>,
    id: i64,
    role: Option<Role>,
) -> Result<RespondentRow, StoreError> {
    set_role(&tx, id, role)?;
    let row = respondent_row(&tx, id)?;
    tx.commit()?;
    Ok(row)
}

/// Refuses a change to an assessment that is no longer in progress: `status` is its status as
/// read (`None` when `what` does not exist), `completed` says what a completed one keeps.
pub(super) fn in_progress(
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

pub(super) fn write_choices(
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
                started: &written(now),
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
            .execute(params![respondent_id, question_id, text, evidence, written(now)])?;
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
            params![written(now), respondent_id],
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
            "UPDATE assessments SET status = ?3, completed_at = ?1 WHERE id = ?2 AND status = ?4",
            params![
                written(now),
                assessment_id,
                AssessmentStatus::Completed.code(),
                AssessmentStatus::InProgress.code()
            ],
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
        let completed = written(new.completed_at);
        let id = insert_assessment(
            &tx,
            new.team_id,
            q,
            &Header {
                status: AssessmentStatus::Completed,
                facilitator: new.facilitator,
                dora_year: new.dora_year,
                started: &written(new.started_at),
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
}
