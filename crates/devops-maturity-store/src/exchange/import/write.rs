//! An import's writes: what the check planned, parents first, inside the import's transaction.

use devops_maturity_core::date::written;
use devops_maturity_core::text::name_key;
use devops_maturity_core::Role;
use rusqlite::{params, Connection};

use crate::exchange::format::{AssessmentRecord, PlanRecord, PracticeVersion};
use crate::exchange::ImportError;
use crate::{Store, StoreError};

use super::{assessment_id, group_id, learner_id, team_id, workshop_id, Plan};

impl Store {
    pub(super) fn write_import(&mut self, plan: &Plan<'_>) -> Result<(), ImportError> {
        let conn = &self.conn;
        let must = |id: Option<i64>, what: &str| {
            id.ok_or_else(|| StoreError::NotFound {
                what: what.to_string(),
            })
        };
        for q in &plan.questionnaires {
            crate::assessments::ensure_snapshot(conn, q)?;
        }
        for g in &plan.groups {
            conn.execute(
                "INSERT INTO team_groups (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![g.uuid, g.name, name_key(&g.name), written(g.created_at), written(g.updated_at)],
            )?;
        }
        for t in &plan.teams {
            let group = match &t.group {
                Some(uuid) => Some(must(group_id(conn, uuid)?, "group")?),
                None => None,
            };
            conn.execute(
                "INSERT INTO teams (uuid, name, name_key, group_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![t.uuid, t.name, name_key(&t.name), group, written(t.created_at), written(t.updated_at)],
            )?;
        }
        for l in &plan.learners {
            let team = match &l.team {
                Some(uuid) => Some(must(team_id(conn, uuid)?, "team")?),
                None => None,
            };
            conn.execute(
                "INSERT INTO learners (uuid, name, name_key, team_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![l.uuid, l.name, name_key(&l.name), team, written(l.created_at)],
            )?;
        }
        for q in &plan.quiz_results {
            let learner = must(learner_id(conn, &q.learner)?, "learner")?;
            let answers = serde_json::to_string(&q.answers)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            conn.execute(
                "INSERT INTO quiz_results (uuid, learner_id, module_id, correct, total, answers, taken_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![q.uuid, learner, q.module, q.correct, q.total, answers, written(q.taken_at)],
            )?;
        }
        for r in &plan.chapter_reads {
            let learner = match &r.learner {
                Some(uuid) => Some(must(learner_id(conn, uuid)?, "learner")?),
                None => None,
            };
            conn.execute(
                "INSERT INTO chapter_reads (learner_id, chapter_id, read_at) VALUES (?1, ?2, ?3)",
                params![learner, r.chapter, written(r.read_at)],
            )?;
        }
        for a in &plan.assessments {
            write_assessment(conn, a, must(team_id(conn, &a.team)?, "team")?)?;
        }
        for p in &plan.plans {
            write_plan(
                conn,
                p,
                must(assessment_id(conn, &p.assessment)?, "assessment")?,
            )?;
        }
        for w in &plan.workshops {
            conn.execute(
                "INSERT INTO workshops (uuid, name, held_on, facilitator, organisation, agenda_edits, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![w.uuid, w.name, w.held_on.to_string(), w.facilitator, w.organisation, w.agenda_edits, written(w.created_at)],
            )?;
        }
        for w in &plan.workshop_teams {
            conn.execute(
                "INSERT INTO workshop_teams (uuid, workshop_id, team_id, assessment_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    w.uuid,
                    must(workshop_id(conn, &w.workshop)?, "workshop")?,
                    must(team_id(conn, &w.team)?, "team")?,
                    must(assessment_id(conn, &w.assessment)?, "assessment")?,
                    w.position
                ],
            )?;
            let id = conn.last_insert_rowid();
            for (question, a) in &w.practice {
                let code = a.answer.code().ok_or_else(|| {
                    StoreError::Invalid(format!("practice answer to {question} is out of range"))
                })?;
                let version = match &a.questionnaire_version {
                    PracticeVersion::Version(v) => Some(v.as_str()),
                    PracticeVersion::Unknown | PracticeVersion::NotSaid => None,
                };
                conn.execute(
                    "INSERT INTO practice_answers (uuid, workshop_team_id, question_id, answer, updated_at, questionnaire_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![a.uuid, id, question, code, written(a.updated_at), version],
                )?;
            }
            // A file older than format 4 does not say the versions: inferred as migration 14
            // did, from the round as written (its assessment is written before it).
            let unsaid: Vec<&str> = w
                .practice
                .values()
                .filter(|a| a.questionnaire_version.not_said())
                .map(|a| a.uuid.as_str())
                .collect();
            if !unsaid.is_empty() {
                if let Some(version) = crate::practice::inferred_version(conn, id)? {
                    for uuid in unsaid {
                        conn.execute(
                            "UPDATE practice_answers SET questionnaire_version = ?1 WHERE uuid = ?2",
                            params![version, uuid],
                        )?;
                    }
                }
            }
        }
        for (key, value) in &plan.settings {
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        Ok(())
    }
}

pub(super) fn write_assessment(
    conn: &Connection,
    a: &AssessmentRecord,
    team: i64,
) -> Result<(), ImportError> {
    conn.execute(
        "INSERT INTO assessments (uuid, team_id, questionnaire_id, questionnaire_version, status, facilitator, dora_year, started_at, completed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.uuid,
            team,
            a.questionnaire,
            a.questionnaire_version,
            a.status.code(),
            a.facilitator,
            a.dora_year,
            written(a.started_at),
            a.completed_at.map(written)
        ],
    )?;
    let id = conn.last_insert_rowid();
    for r in &a.respondents {
        conn.execute(
            "INSERT INTO respondents (uuid, assessment_id, name, role, position, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![r.uuid, id, r.name, r.role.map(Role::code), r.position, r.finished_at.map(written)],
        )?;
        let rid = conn.last_insert_rowid();
        let mut stmt = conn.prepare_cached(
            "INSERT INTO answers (respondent_id, question_id, answer, evidence, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (question, answer) in &r.answers {
            let code = answer.answer.code().ok_or_else(|| {
                StoreError::Invalid(format!("answer to {question} is out of range"))
            })?;
            stmt.execute(params![
                rid,
                question,
                code,
                answer.evidence,
                written(answer.updated_at)
            ])?;
        }
    }
    for (dimension, c) in &a.choices {
        conn.execute(
            "INSERT INTO dimension_choices (assessment_id, dimension_id, target, weight) VALUES (?1, ?2, ?3, ?4)",
            params![id, dimension, c.target, c.weight],
        )?;
    }
    for (metric, answer) in &a.dora {
        let json = serde_json::to_string(answer).map_err(|e| StoreError::Invalid(e.to_string()))?;
        conn.execute(
            "INSERT INTO dora_answers (assessment_id, metric_id, answer) VALUES (?1, ?2, ?3)",
            params![id, metric, json],
        )?;
    }
    for (question, c) in &a.consensus {
        conn.execute(
            "INSERT INTO consensus (uuid, assessment_id, question_id, level, rationale, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.uuid, id, question, c.level, c.rationale, written(c.decided_at)],
        )?;
    }
    Ok(())
}

pub(super) fn write_plan(
    conn: &Connection,
    p: &PlanRecord,
    assessment: i64,
) -> Result<(), ImportError> {
    conn.execute(
        "INSERT INTO plans (uuid, assessment_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            p.uuid,
            assessment,
            written(p.created_at),
            written(p.updated_at)
        ],
    )?;
    let id = conn.last_insert_rowid();
    let json = |list: &[String]| {
        serde_json::to_string(list).map_err(|e| StoreError::Invalid(e.to_string()))
    };
    for i in &p.items {
        conn.execute(
            "INSERT INTO plan_items (uuid, plan_id, position, action_id, dimension_id, from_level, title, why,
                 first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, owner, due,
                 status, notes, edited, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
            params![
                i.uuid,
                id,
                i.position,
                i.action_id,
                i.dimension_id,
                i.from_level,
                i.title,
                i.why,
                json(&i.first_steps)?,
                json(&i.dora)?,
                i.effort,
                i.impact,
                i.chapter,
                i.gap,
                i.horizon,
                i.quick_win,
                i.decision,
                i.owner,
                i.due.map(|d| d.to_string()),
                i.status,
                i.notes,
                i.edited,
                written(i.created_at),
                written(i.updated_at)
            ],
        )?;
    }
    Ok(())
}
