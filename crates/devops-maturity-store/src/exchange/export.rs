//! Reading the database into an [`ExportFile`]. The same record readers serve the import,
//! which compares a stored record with the file's by building both the same way.

use std::collections::BTreeMap;

use devops_maturity_core::{Answer, Questionnaire, Role};
use rusqlite::{params_from_iter, Connection, Row};

use super::format::{
    AnswerRecord, AssessmentRecord, ChapterReadRecord, ChoiceRecord, ConsensusRecord, ExportFile,
    GroupRecord, LearnerRecord, PlanItemRecord, PlanRecord, PracticeAnswerRecord, PracticeVersion,
    QuizResultRecord, RespondentRecord, TeamRecord, WorkshopRecord, WorkshopTeamRecord,
    DEVICE_SETTINGS,
};
use crate::{Store, StoreError};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything, including the default profile's reading progress and the settings.
    All,
    /// One team (by row id): the team, its group, its assessments and the questionnaire
    /// versions they use, its learners with their knowledge-check results and reading progress.
    Team(i64),
}

/// The file's bytes: pretty JSON and a final newline. Deterministic for equal input.
pub fn to_json(file: &ExportFile) -> Result<Vec<u8>, StoreError> {
    let mut bytes = serde_json::to_vec_pretty(file)
        .map_err(|e| StoreError::Invalid(format!("the export cannot be written: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// An export ready for the file the user picks: its bytes, what it holds in words, and the
/// file name to suggest (`<team or devops-maturity>[-scores]-<day>.json|csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    pub bytes: Vec<u8>,
    pub summary: String,
    pub file_name: String,
}

impl Store {
    /// Everything (or team `team_id`'s part) as the JSON export, or the scores as CSV, named
    /// for `day`: the "Your data" page's export, whole.
    pub fn export_file(
        &self,
        team_id: Option<i64>,
        csv: bool,
        day: chrono::NaiveDate,
    ) -> Result<ExportedFile, StoreError> {
        let stem = match team_id {
            Some(id) => devops_maturity_core::text::file_name_part(&self.team(id)?.name, "team"),
            None => "devops-maturity".into(),
        };
        let day = day.format("%Y-%m-%d");
        if csv {
            let text = self.scores_csv(team_id)?;
            let rows = text.lines().count().saturating_sub(1);
            return Ok(ExportedFile {
                bytes: text.into_bytes(),
                summary: format!("{rows} score rows"),
                file_name: format!("{stem}-scores-{day}.csv"),
            });
        }
        let file = self.export(team_id.map_or(Scope::All, Scope::Team))?;
        Ok(ExportedFile {
            summary: format!(
                "{} team(s), {} assessment(s), {} plan(s), {} workshop(s), {} learner(s)",
                file.teams.len(),
                file.assessments.len(),
                file.plans.len(),
                file.workshops.len(),
                file.learners.len()
            ),
            bytes: to_json(&file)?,
            file_name: format!("{stem}-{day}.json"),
        })
    }
}

fn corrupt(store_path: &std::path::Path, what: String) -> StoreError {
    StoreError::Corrupt {
        path: store_path.to_path_buf(),
        reason: what,
    }
}

fn query<T>(
    conn: &Connection,
    sql: &str,
    params: &[i64],
    row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let items = stmt
        .query_map(params_from_iter(params), row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(items)
}

pub(crate) const GROUPS: &str =
    "SELECT g.uuid, g.name, g.created_at, g.updated_at FROM team_groups g";

pub(crate) fn group_row(r: &Row<'_>) -> rusqlite::Result<GroupRecord> {
    Ok(GroupRecord {
        uuid: r.get(0)?,
        name: r.get(1)?,
        created_at: crate::moments::moment_at(r, 2, "group")?,
        updated_at: crate::moments::moment_at(r, 3, "group")?,
    })
}

pub(crate) const TEAMS: &str = "SELECT t.uuid, t.name, g.uuid, t.created_at, t.updated_at
    FROM teams t LEFT JOIN team_groups g ON g.id = t.group_id";

pub(crate) fn team_row(r: &Row<'_>) -> rusqlite::Result<TeamRecord> {
    Ok(TeamRecord {
        uuid: r.get(0)?,
        name: r.get(1)?,
        group: r.get(2)?,
        created_at: crate::moments::moment_at(r, 3, "team")?,
        updated_at: crate::moments::moment_at(r, 4, "team")?,
    })
}

pub(crate) const LEARNERS: &str = "SELECT l.uuid, l.name, t.uuid, l.created_at
    FROM learners l LEFT JOIN teams t ON t.id = l.team_id";

pub(crate) fn learner_row(r: &Row<'_>) -> rusqlite::Result<LearnerRecord> {
    Ok(LearnerRecord {
        uuid: r.get(0)?,
        name: r.get(1)?,
        team: r.get(2)?,
        created_at: crate::moments::moment_at(r, 3, "learner")?,
    })
}

pub(crate) const QUIZ_RESULTS: &str =
    "SELECT q.uuid, l.uuid, q.module_id, q.correct, q.total, q.answers, q.taken_at
     FROM quiz_results q JOIN learners l ON l.id = q.learner_id";

pub(crate) fn quiz_row(r: &Row<'_>) -> rusqlite::Result<QuizResultRecord> {
    let answers: String = r.get(5)?;
    Ok(QuizResultRecord {
        uuid: r.get(0)?,
        learner: r.get(1)?,
        module: r.get(2)?,
        correct: r.get(3)?,
        total: r.get(4)?,
        answers: serde_json::from_str(&answers).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(5, rusqlite::types::Type::Text, e.into())
        })?,
        taken_at: crate::moments::moment_at(r, 6, "quiz result")?,
    })
}

pub(crate) const CHAPTER_READS: &str = "SELECT l.uuid, r.chapter_id, r.read_at
    FROM chapter_reads r LEFT JOIN learners l ON l.id = r.learner_id";

pub(crate) fn read_row(r: &Row<'_>) -> rusqlite::Result<ChapterReadRecord> {
    Ok(ChapterReadRecord {
        learner: r.get(0)?,
        chapter: r.get(1)?,
        read_at: crate::moments::moment_at(r, 2, "the chapter read of learner")?,
    })
}

const ASSESSMENTS: &str = "SELECT a.id FROM assessments a";

const PLANS: &str = "SELECT p.id FROM plans p JOIN assessments a ON a.id = p.assessment_id";

pub(crate) const WORKSHOPS: &str =
    "SELECT w.uuid, w.name, w.held_on, w.facilitator, w.organisation, w.agenda_edits, w.created_at
     FROM workshops w";

pub(crate) fn workshop_row(r: &Row<'_>) -> rusqlite::Result<WorkshopRecord> {
    Ok(WorkshopRecord {
        uuid: r.get(0)?,
        name: r.get(1)?,
        held_on: crate::moments::day_at(r, 2, "workshop")?,
        facilitator: r.get(3)?,
        organisation: r.get(4)?,
        agenda_edits: r.get(5)?,
        created_at: crate::moments::moment_at(r, 6, "workshop")?,
    })
}

const WORKSHOP_TEAMS: &str =
    "SELECT wt.id FROM workshop_teams wt JOIN workshops w ON w.id = wt.workshop_id";

impl Store {
    /// Everything in `scope`, ready for [`to_json`].
    pub fn export(&self, scope: Scope) -> Result<ExportFile, StoreError> {
        let conn = &self.conn;
        let mut file = ExportFile::empty();
        let (filter, params): (&str, Vec<i64>) = match scope {
            Scope::All => ("", vec![]),
            Scope::Team(id) => {
                self.team(id)?;
                ("team", vec![id])
            }
        };
        let team_only = !filter.is_empty();
        let sql = |all: &str, team: &str, order: &str| {
            format!(
                "{} {} ORDER BY {order}",
                all,
                if team_only { team } else { "" }
            )
        };
        let snapshots = if team_only {
            "SELECT json FROM questionnaires q WHERE EXISTS (SELECT 1 FROM assessments a
               WHERE a.questionnaire_id = q.id AND a.questionnaire_version = q.version AND a.team_id = ?1)
             ORDER BY q.id, q.version"
        } else {
            "SELECT json FROM questionnaires q ORDER BY q.id, q.version"
        };
        for json in query(conn, snapshots, &params, |r| r.get::<_, String>(0))? {
            let q: Questionnaire = serde_json::from_str(&json)
                .map_err(|e| corrupt(&self.path, format!("a questionnaire snapshot: {e}")))?;
            file.questionnaires.push(q);
        }
        file.groups = query(
            conn,
            &sql(
                GROUPS,
                "WHERE EXISTS (SELECT 1 FROM teams t WHERE t.group_id = g.id AND t.id = ?1)",
                "g.name_key, g.uuid",
            ),
            &params,
            group_row,
        )?;
        file.teams = query(
            conn,
            &sql(TEAMS, "WHERE t.id = ?1", "t.name_key, t.uuid"),
            &params,
            team_row,
        )?;
        file.learners = query(
            conn,
            &sql(LEARNERS, "WHERE l.team_id = ?1", "l.name_key, l.uuid"),
            &params,
            learner_row,
        )?;
        file.quiz_results = query(
            conn,
            &sql(QUIZ_RESULTS, "WHERE l.team_id = ?1", "q.taken_at, q.uuid"),
            &params,
            quiz_row,
        )?;
        file.chapter_reads = query(
            conn,
            &sql(
                CHAPTER_READS,
                "WHERE l.team_id = ?1",
                "l.uuid IS NOT NULL, l.uuid, r.chapter_id",
            ),
            &params,
            read_row,
        )?;
        let ids = query(
            conn,
            &sql(ASSESSMENTS, "WHERE a.team_id = ?1", "a.started_at, a.uuid"),
            &params,
            |r| r.get::<_, i64>(0),
        )?;
        for id in ids {
            file.assessments.push(assessment_record(self, id)?);
        }
        let ids = query(
            conn,
            &sql(PLANS, "WHERE a.team_id = ?1", "a.started_at, a.uuid"),
            &params,
            |r| r.get::<_, i64>(0),
        )?;
        for id in ids {
            file.plans.push(plan_record(self, id)?);
        }
        file.workshops = query(
            conn,
            &sql(
                WORKSHOPS,
                "WHERE EXISTS (SELECT 1 FROM workshop_teams wt WHERE wt.workshop_id = w.id AND wt.team_id = ?1)",
                "w.held_on, w.uuid",
            ),
            &params,
            workshop_row,
        )?;
        let ids = query(
            conn,
            &sql(
                WORKSHOP_TEAMS,
                "WHERE wt.team_id = ?1",
                "w.held_on, w.uuid, wt.position",
            ),
            &params,
            |r| r.get::<_, i64>(0),
        )?;
        for id in ids {
            file.workshop_teams.push(workshop_team_record(self, id)?);
        }
        if !team_only {
            for (key, value) in query(
                conn,
                "SELECT key, value FROM settings ORDER BY key",
                &[],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )? {
                if !DEVICE_SETTINGS.contains(&key.as_str()) {
                    file.settings.insert(key, value);
                }
            }
        }
        Ok(file)
    }
}

/// One stored assessment with everything that belongs to it.
pub(crate) fn assessment_record(store: &Store, id: i64) -> Result<AssessmentRecord, StoreError> {
    let conn = &store.conn;
    let mut record = conn.query_row(
        "SELECT a.uuid, t.uuid, a.questionnaire_id, a.questionnaire_version, a.status, a.facilitator,
                a.dora_year, a.started_at, a.completed_at
         FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.id = ?1",
        [id],
        |r| {
            Ok(AssessmentRecord {
                uuid: r.get(0)?,
                team: r.get(1)?,
                questionnaire: r.get(2)?,
                questionnaire_version: r.get(3)?,
                status: crate::assessments::status_at(r, 4, id)?,
                facilitator: r.get(5)?,
                dora_year: r.get(6)?,
                started_at: crate::moments::moment_at(r, 7, "assessment")?,
                completed_at: crate::moments::opt_moment_at(r, 8, "assessment")?,
                respondents: Vec::new(),
                choices: BTreeMap::new(),
                dora: BTreeMap::new(),
                consensus: BTreeMap::new(),
            })
        },
    )?;
    let respondents = query(
        conn,
        "SELECT id, uuid, name, position, finished_at, role FROM respondents WHERE assessment_id = ?1 ORDER BY position",
        &[id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                RespondentRecord {
                    uuid: r.get(1)?,
                    name: r.get(2)?,
                    // The column's CHECK admits only the two codes.
                    role: r.get::<_, Option<String>>(5)?.as_deref().and_then(Role::from_code),
                    position: r.get(3)?,
                    finished_at: crate::moments::opt_moment_at(r, 4, "respondent")?,
                    answers: BTreeMap::new(),
                },
            ))
        },
    )?;
    for (rid, mut respondent) in respondents {
        for (question, code, evidence, updated_at) in query(
            conn,
            "SELECT question_id, answer, evidence, updated_at FROM answers WHERE respondent_id = ?1",
            &[rid],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    crate::moments::moment_at(r, 3, "the answer to")?,
                ))
            },
        )? {
            let answer: Answer = Answer::from_code(&code).ok_or_else(|| {
                corrupt(&store.path, format!("answer `{code}` to {question}"))
            })?;
            respondent.answers.insert(
                question,
                AnswerRecord {
                    answer,
                    evidence,
                    updated_at,
                },
            );
        }
        record.respondents.push(respondent);
    }
    for (dimension, target, weight) in query(
        conn,
        "SELECT dimension_id, target, weight FROM dimension_choices WHERE assessment_id = ?1",
        &[id],
        |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
    )? {
        record
            .choices
            .insert(dimension, ChoiceRecord { target, weight });
    }
    for (metric, json) in query(
        conn,
        "SELECT metric_id, answer FROM dora_answers WHERE assessment_id = ?1",
        &[id],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )? {
        let answer = serde_json::from_str(&json)
            .map_err(|e| corrupt(&store.path, format!("DORA answer {metric}: {e}")))?;
        record.dora.insert(metric, answer);
    }
    for (question, consensus) in query(
        conn,
        "SELECT question_id, uuid, level, rationale, decided_at FROM consensus WHERE assessment_id = ?1",
        &[id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                ConsensusRecord {
                    uuid: r.get(1)?,
                    level: r.get(2)?,
                    rationale: r.get(3)?,
                    decided_at: crate::moments::moment_at(r, 4, "the consensus on")?,
                },
            ))
        },
    )? {
        record.consensus.insert(question, consensus);
    }
    Ok(record)
}

/// One stored plan with its items in display order.
pub(crate) fn plan_record(store: &Store, id: i64) -> Result<PlanRecord, StoreError> {
    let conn = &store.conn;
    let mut plan = conn.query_row(
        "SELECT p.uuid, a.uuid, p.created_at, p.updated_at
         FROM plans p JOIN assessments a ON a.id = p.assessment_id WHERE p.id = ?1",
        [id],
        |r| {
            Ok(PlanRecord {
                uuid: r.get(0)?,
                assessment: r.get(1)?,
                created_at: crate::moments::moment_at(r, 2, "plan")?,
                updated_at: crate::moments::moment_at(r, 3, "plan")?,
                items: Vec::new(),
            })
        },
    )?;
    let list = |text: String| -> rusqlite::Result<Vec<String>> {
        serde_json::from_str(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
    };
    plan.items = query(
        conn,
        "SELECT uuid, position, action_id, dimension_id, from_level, title, why, first_steps, dora,
                effort, impact, chapter, gap, horizon, quick_win, decision, owner, due, status, notes,
                edited, created_at, updated_at
         FROM plan_items WHERE plan_id = ?1 ORDER BY horizon, position, uuid",
        &[id],
        |r| {
            Ok(PlanItemRecord {
                uuid: r.get(0)?,
                position: r.get(1)?,
                action_id: r.get(2)?,
                dimension_id: r.get(3)?,
                from_level: r.get(4)?,
                title: r.get(5)?,
                why: r.get(6)?,
                first_steps: list(r.get(7)?)?,
                dora: list(r.get(8)?)?,
                effort: r.get(9)?,
                impact: r.get(10)?,
                chapter: r.get(11)?,
                gap: r.get(12)?,
                horizon: r.get(13)?,
                quick_win: r.get(14)?,
                decision: r.get(15)?,
                owner: r.get(16)?,
                due: crate::moments::opt_day_at(r, 17, "plan item")?,
                status: r.get(18)?,
                notes: r.get(19)?,
                edited: r.get(20)?,
                created_at: crate::moments::moment_at(r, 21, "plan item")?,
                updated_at: crate::moments::moment_at(r, 22, "plan item")?,
            })
        },
    )?;
    Ok(plan)
}

/// One team's place at a workshop, with its practice-round answers.
pub(crate) fn workshop_team_record(
    store: &Store,
    id: i64,
) -> Result<WorkshopTeamRecord, StoreError> {
    let conn = &store.conn;
    let mut record = conn.query_row(
        "SELECT wt.uuid, w.uuid, t.uuid, a.uuid, wt.position
         FROM workshop_teams wt JOIN workshops w ON w.id = wt.workshop_id
         JOIN teams t ON t.id = wt.team_id JOIN assessments a ON a.id = wt.assessment_id
         WHERE wt.id = ?1",
        [id],
        |r| {
            Ok(WorkshopTeamRecord {
                uuid: r.get(0)?,
                workshop: r.get(1)?,
                team: r.get(2)?,
                assessment: r.get(3)?,
                position: r.get(4)?,
                practice: BTreeMap::new(),
            })
        },
    )?;
    for (question, uuid, code, updated_at, version) in query(
        conn,
        "SELECT question_id, uuid, answer, updated_at, questionnaire_version FROM practice_answers WHERE workshop_team_id = ?1",
        &[id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                crate::moments::moment_at(r, 3, "the practice answer to")?,
                r.get(4)?,
            ))
        },
    )? {
        let answer = Answer::from_code(&code).ok_or_else(|| {
            corrupt(&store.path, format!("practice answer `{code}` to {question}"))
        })?;
        record.practice.insert(
            question,
            PracticeAnswerRecord {
                uuid,
                answer,
                updated_at,
                questionnaire_version: PracticeVersion::stored(version),
            },
        );
    }
    Ok(record)
}

#[cfg(test)]
mod file_name_tests {
    use crate::Store;

    #[test]
    fn an_export_file_is_named_for_its_team_and_day_and_says_what_it_holds() {
        let mut store = Store::open_in_memory().unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z").unwrap();
        let team = store.create_team("Booking Web", now.into()).unwrap();
        let day = now.date_naive();
        let json = store.export_file(Some(team.id), false, day).unwrap();
        assert_eq!(json.file_name, "Booking Web-2026-12-06.json");
        assert_eq!(
            json.summary,
            "1 team(s), 0 assessment(s), 0 plan(s), 0 workshop(s), 0 learner(s)"
        );
        assert!(json.bytes.ends_with(b"}\n"), "the export's JSON");
        let csv = store.export_file(None, true, day).unwrap();
        assert_eq!(csv.file_name, "devops-maturity-scores-2026-12-06.csv");
        assert_eq!(csv.summary, "0 score rows", "the header is not a row");
        assert!(
            store.export_file(Some(999), false, day).is_err(),
            "no team 999"
        );
    }
}
