//! Assessments read back: one, a team's, those in progress, the questionnaire snapshot, an
//! assessment whole (people, answers, evidence, choices, DORA) or as answer sheets for scoring.

use std::collections::BTreeMap;

use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::scoring::{AnswerSheet, Choices, Scorer};
use devops_maturity_core::{Answer, AssessmentStatus, Questionnaire, Respondent};
use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

use super::{
    AssessmentData, AssessmentRow, RespondentRow, ScoringData, COLUMNS, RESPONDENT_COLUMNS,
};

/// One respondent's answers as stored: question id, the answer (`None` when the stored code
/// is not one) and the evidence.
pub(super) type AnswerRow = (String, Option<Answer>, Option<String>);

pub(super) fn answer_rows(
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

impl Store {
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
            "WHERE status = ?1 ORDER BY started_at DESC, id DESC",
            [AssessmentStatus::InProgress.code()],
        )
    }

    /// The assessments `filter` (a `WHERE … ORDER BY …` clause) selects.
    pub(super) fn assessment_rows(
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

    /// The versions of questionnaire `id` stored as snapshots (full forms and quick scans), in
    /// text order.
    pub fn questionnaire_versions(&self, id: &str) -> Result<Vec<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT version FROM questionnaires WHERE id = ?1 ORDER BY version")?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
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
    pub(super) fn choices_of(&self, id: i64) -> Result<Choices, StoreError> {
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
    pub(super) fn dora_of(&self, id: i64) -> Result<BTreeMap<String, DoraAnswer>, StoreError> {
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
}
