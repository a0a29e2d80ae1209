//! `practice_answers`: the EJ Airways practice round of a workshop, and the look-up the
//! workshop comparisons need (a team's previous workshop).
//!
//! Before the teams assess themselves, each team at the workshop (a "group" here) answers the
//! questionnaire about the fictional EJ Airways. A group's answer to a question is a level 1–5
//! or "don't know" ("not applicable" makes no sense for a case everyone has read), saved one at
//! a time as a single durable upsert, like [`Store::save_answer`]. The answers belong to the
//! `workshop_teams` row (see [`crate::workshops`]), so they go when the team leaves the
//! workshop. Comparing them with the facilitator's key is the core's job
//! (`devops_maturity_core::compare::practice`); nothing is scored here.
//!
//! Each answer records the version of the questionnaire it was given on (migration 14), since
//! a version may drop or reword a question: the comparison uses only the questions the key's
//! version asks alike. Answers saved before migration 14 get the version [`inferred_version`]
//! finds, or none ("unknown").

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use devops_maturity_core::questionnaire::QUICK_SCAN_VERSION;
use devops_maturity_core::{Answer, Questionnaire};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

pub(crate) const MIGRATION_PRACTICE: &str = "
CREATE TABLE practice_answers (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    workshop_team_id INTEGER NOT NULL REFERENCES workshop_teams (id) ON DELETE CASCADE,
    question_id      TEXT NOT NULL,
    answer           TEXT NOT NULL CHECK (answer IN ('1', '2', '3', '4', '5', 'dont-know')),
    updated_at       TEXT NOT NULL,
    UNIQUE (workshop_team_id, question_id)
);
";

/// Migration 14: the questionnaire version each answer was given on; `NULL` when it cannot be
/// told (see [`inferred_version`], run by [`infer_versions`] for the answers already stored).
pub(crate) const MIGRATION_VERSIONS: &str = "
ALTER TABLE practice_answers ADD COLUMN questionnaire_version TEXT;
";

/// Migration 14's second step: every practice round stored without versions gets the one
/// [`inferred_version`] finds (or stays unknown).
pub(crate) fn infer_versions(conn: &Connection) -> rusqlite::Result<()> {
    let rounds: Vec<i64> = conn
        .prepare(
            "SELECT DISTINCT workshop_team_id FROM practice_answers
             WHERE questionnaire_version IS NULL ORDER BY workshop_team_id",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for round in rounds {
        infer_round(conn, round)?;
    }
    Ok(())
}

/// Gives a round's answers without a version the one [`inferred_version`] finds (migration 14,
/// and the undo of a delete made before it).
pub(crate) fn infer_round(conn: &Connection, workshop_team_id: i64) -> rusqlite::Result<()> {
    if let Some(version) = inferred_version(conn, workshop_team_id)? {
        conn.execute(
            "UPDATE practice_answers SET questionnaire_version = ?1
             WHERE workshop_team_id = ?2 AND questionnaire_version IS NULL",
            params![version, workshop_team_id],
        )?;
    }
    Ok(())
}

/// The questionnaire version a practice round saved without one (before migration 14, or
/// imported from an older file) was answered on, as far as the database can tell; `None` for
/// unknown.
///
/// The rule: the version of the team's assessment at that workshop (without the quick scan's
/// mark), since both come from the app's questionnaire: the assessment when the team joined
/// the workshop, the answers afterwards (the round belongs to the team's place there). An app
/// upgraded in between could have saved some answers on a newer version; when an answered
/// question is not in that version's stored snapshot, the round was not (only) answered on it,
/// and the version is unknown. A round that fits is never claimed to be newer than its
/// assessment: if it was, the comparison leaves out more questions than it needed to, never
/// fewer.
pub(crate) fn inferred_version(
    conn: &Connection,
    workshop_team_id: i64,
) -> rusqlite::Result<Option<String>> {
    let Some((questionnaire, version)) = conn
        .query_row(
            "SELECT a.questionnaire_id, a.questionnaire_version FROM workshop_teams t
             JOIN assessments a ON a.id = t.assessment_id WHERE t.id = ?1",
            [workshop_team_id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let version = version
        .strip_suffix(QUICK_SCAN_VERSION)
        .unwrap_or(&version)
        .to_string();
    // Checked only when the full form of that version is stored (a team that took the quick
    // scan may have only the short form's snapshot): then every answer must be to one of its
    // questions.
    let outside: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM questionnaire_questions
                        WHERE questionnaire_id = ?2 AND version = ?3)
            AND EXISTS (SELECT 1 FROM practice_answers p WHERE p.workshop_team_id = ?1
                        AND p.question_id NOT IN (SELECT question_id FROM questionnaire_questions
                                                  WHERE questionnaire_id = ?2 AND version = ?3))",
        params![workshop_team_id, questionnaire, version],
        |r| r.get(0),
    )?;
    Ok((!outside).then_some(version))
}

/// One group's practice answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeGroup {
    /// The `workshop_teams` row the answers belong to.
    pub workshop_team_id: i64,
    pub team_id: i64,
    pub team_name: String,
    /// The team's place in the room, from 1.
    pub position: u32,
    /// Question id → a level or "don't know".
    pub answers: BTreeMap<String, Answer>,
    /// Question id → the questionnaire version the answer was given on (`None`: unknown), for
    /// every question in `answers`.
    pub answered_on: BTreeMap<String, Option<String>>,
}

/// The latest earlier workshop a team took part in, and its assessment there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousWorkshop {
    pub workshop_id: i64,
    pub name: String,
    pub held_on: NaiveDate,
    pub assessment_id: i64,
}

impl Store {
    /// Saves a group's answer to one practice question at once (one durable write), replacing
    /// an earlier answer to the same question. `questionnaire` is the one the key was written
    /// for: the question must be in it, and the answer records its version.
    pub fn save_practice_answer(
        &mut self,
        workshop_team_id: i64,
        questionnaire: &Questionnaire,
        question_id: &str,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let text = match answer {
            Answer::Level(1..=5) | Answer::DontKnow => answer.code(),
            Answer::Level(_) | Answer::NotApplicable => None,
        }
        .ok_or_else(|| {
            StoreError::Invalid("a practice answer is a level from 1 to 5 or “don't know”".into())
        })?;
        if questionnaire.question(question_id).is_none() {
            return Err(StoreError::Invalid(format!(
                "unknown question id `{question_id}`"
            )));
        }
        let exists: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM workshop_teams WHERE id = ?1)")?
            .query_row([workshop_team_id], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound {
                what: format!("workshop team {workshop_team_id}"),
            });
        }
        self.conn
            .prepare_cached(
                "INSERT INTO practice_answers
                     (uuid, workshop_team_id, question_id, answer, updated_at, questionnaire_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (workshop_team_id, question_id) DO UPDATE
                 SET answer = excluded.answer, updated_at = excluded.updated_at,
                     questionnaire_version = excluded.questionnaire_version",
            )?
            .execute(params![
                uuid::Uuid::new_v4().to_string(),
                workshop_team_id,
                question_id,
                text,
                written(now),
                questionnaire.version,
            ])?;
        Ok(())
    }

    /// Every group of a workshop with its practice answers, in the order of the room (groups
    /// that have not answered yet included).
    pub fn practice_round(&self, workshop_id: i64) -> Result<Vec<PracticeGroup>, StoreError> {
        let known: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM workshops WHERE id = ?1)")?
            .query_row([workshop_id], |r| r.get(0))?;
        if !known {
            return Err(StoreError::NotFound {
                what: format!("workshop {workshop_id}"),
            });
        }
        let mut groups: Vec<PracticeGroup> = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.team_id, tm.name, t.position FROM workshop_teams t
                 JOIN teams tm ON tm.id = t.team_id WHERE t.workshop_id = ?1 ORDER BY t.position",
            )?
            .query_map([workshop_id], |r| {
                Ok(PracticeGroup {
                    workshop_team_id: r.get(0)?,
                    team_id: r.get(1)?,
                    team_name: r.get(2)?,
                    position: r.get(3)?,
                    answers: BTreeMap::new(),
                    answered_on: BTreeMap::new(),
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT question_id, answer, questionnaire_version FROM practice_answers
             WHERE workshop_team_id = ?1",
        )?;
        for group in &mut groups {
            for row in stmt.query_map([group.workshop_team_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })? {
                let (question, text, version) = row?;
                if let Some(answer) = Answer::from_code(&text) {
                    group.answers.insert(question.clone(), answer);
                    group.answered_on.insert(question, version);
                }
            }
        }
        Ok(groups)
    }

    /// The workshop `team_id` attended last before `workshop_id` (an earlier day, or the same
    /// day but created earlier), with the team's assessment there; `None` for a first workshop.
    pub fn previous_workshop(
        &self,
        workshop_id: i64,
        team_id: i64,
    ) -> Result<Option<PreviousWorkshop>, StoreError> {
        let held_on: String = self
            .conn
            .query_row(
                "SELECT held_on FROM workshops WHERE id = ?1",
                [workshop_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("workshop {workshop_id}"),
            })?;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT w.id, w.name, w.held_on, t.assessment_id FROM workshop_teams t
                 JOIN workshops w ON w.id = t.workshop_id
                 WHERE t.team_id = ?1 AND (w.held_on < ?2 OR (w.held_on = ?2 AND w.id < ?3))
                 ORDER BY w.held_on DESC, w.id DESC LIMIT 1",
            )?
            .query_row(params![team_id, held_on, workshop_id], |r| {
                Ok(PreviousWorkshop {
                    workshop_id: r.get(0)?,
                    name: r.get(1)?,
                    held_on: crate::moments::day_at(r, 2, "workshop")?,
                    assessment_id: r.get(3)?,
                })
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshops::NewWorkshop;

    fn questionnaire() -> Questionnaire {
        Questionnaire::sample([("flow", (1..=4).map(|i| format!("flow-{i}")))])
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A workshop on `day` with the named teams (created if needed); returns the workshop id
    /// and the `workshop_teams` ids in order.
    fn workshop(store: &mut Store, day: &str, teams: &[&str]) -> (i64, Vec<i64>) {
        let w = store
            .create_workshop(
                &NewWorkshop {
                    name: &format!("Workshop {day}"),
                    held_on: day,
                    ..NewWorkshop::default()
                },
                now(),
            )
            .unwrap();
        let q = questionnaire();
        let links = teams
            .iter()
            .map(|name| {
                let team = match store.teams().unwrap().into_iter().find(|t| t.name == *name) {
                    Some(t) => t,
                    None => store.create_team(name, now()).unwrap(),
                };
                store
                    .add_workshop_team(w.id, team.id, &q, &["".into(), "".into()], now())
                    .unwrap()
                    .id
            })
            .collect();
        (w.id, links)
    }

    #[test]
    fn groups_save_answers_one_by_one_and_read_them_back_in_room_order() {
        let mut store = Store::open_in_memory().unwrap();
        let (w, links) = workshop(&mut store, "2026-11-23", &["Web", "App", "Loyalty"]);
        let q = questionnaire();
        store
            .save_practice_answer(links[0], &q, "flow-1", Answer::Level(2), now())
            .unwrap();
        store
            .save_practice_answer(links[0], &q, "flow-1", Answer::Level(3), now())
            .unwrap();
        store
            .save_practice_answer(links[0], &q, "flow-2", Answer::DontKnow, now())
            .unwrap();
        store
            .save_practice_answer(links[1], &q, "flow-1", Answer::Level(1), now())
            .unwrap();
        let round = store.practice_round(w).unwrap();
        let names: Vec<&str> = round.iter().map(|g| g.team_name.as_str()).collect();
        assert_eq!(names, ["Web", "App", "Loyalty"], "in the order of the room");
        assert_eq!(
            round[0].answers,
            [
                ("flow-1".to_string(), Answer::Level(3)),
                ("flow-2".to_string(), Answer::DontKnow)
            ]
            .into(),
            "the second save replaces the first"
        );
        assert_eq!(round[1].answers.len(), 1);
        assert!(
            round[2].answers.is_empty(),
            "a group that has not answered is still listed"
        );
        let rows: i64 = store
            .conn
            .query_row(
                "SELECT count(DISTINCT uuid) FROM practice_answers",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            rows, 3,
            "one record, with its own uuid, per group and question"
        );
    }

    #[test]
    fn an_answer_records_the_questionnaire_version_it_was_saved_on() {
        let mut store = Store::open_in_memory().unwrap();
        let (w, links) = workshop(&mut store, "2026-11-23", &["Web"]);
        let older = questionnaire();
        let mut newer = questionnaire();
        newer.version = "2".into();
        store
            .save_practice_answer(links[0], &older, "flow-1", Answer::Level(2), now())
            .unwrap();
        store
            .save_practice_answer(links[0], &older, "flow-2", Answer::Level(4), now())
            .unwrap();
        store
            .save_practice_answer(links[0], &newer, "flow-2", Answer::Level(3), now())
            .unwrap();
        let round = store.practice_round(w).unwrap();
        assert_eq!(
            round[0].answered_on,
            [
                ("flow-1".to_string(), Some("1".to_string())),
                ("flow-2".to_string(), Some("2".to_string()))
            ]
            .into(),
            "each answer keeps the version it was last saved on"
        );
    }

    #[test]
    fn bad_practice_answers_are_refused_and_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let (w, links) = workshop(&mut store, "2026-11-23", &["Web"]);
        let q = questionnaire();
        let refused = [
            (links[0], "flow-1", Answer::Level(6), "a level from 1 to 5"),
            (links[0], "flow-1", Answer::Level(0), "a level from 1 to 5"),
            (
                links[0],
                "flow-1",
                Answer::NotApplicable,
                "a level from 1 to 5",
            ),
            (
                links[0],
                "flow-9",
                Answer::Level(2),
                "unknown question id `flow-9`",
            ),
            (
                999,
                "flow-1",
                Answer::Level(2),
                "workshop team 999 not found",
            ),
        ];
        for (link, question, answer, message) in refused {
            let err = store
                .save_practice_answer(link, &q, question, answer, now())
                .unwrap_err();
            assert!(
                err.to_string().contains(message),
                "{question} {answer:?}: {err}"
            );
        }
        assert!(store.practice_round(w).unwrap()[0].answers.is_empty());
        assert!(matches!(
            store.practice_round(42),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn an_answer_survives_closing_and_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let w = {
            let mut store = Store::open(&path).unwrap();
            let (w, links) = workshop(&mut store, "2026-11-23", &["Web"]);
            store
                .save_practice_answer(
                    links[0],
                    &questionnaire(),
                    "flow-3",
                    Answer::Level(4),
                    now(),
                )
                .unwrap();
            w
        };
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.practice_round(w).unwrap()[0].answers.get("flow-3"),
            Some(&Answer::Level(4))
        );
    }

    #[test]
    fn the_previous_workshop_is_the_latest_earlier_one_of_that_team() {
        let mut store = Store::open_in_memory().unwrap();
        let (spring, _) = workshop(&mut store, "2026-03-10", &["Web", "App"]);
        let (summer, _) = workshop(&mut store, "2026-06-10", &["Web"]);
        let (autumn, _) = workshop(&mut store, "2026-11-23", &["Web", "App"]);
        let web = store
            .teams()
            .unwrap()
            .into_iter()
            .find(|t| t.name == "Web")
            .unwrap();
        let app = store
            .teams()
            .unwrap()
            .into_iter()
            .find(|t| t.name == "App")
            .unwrap();
        let previous = |w: i64, team: i64| {
            store
                .previous_workshop(w, team)
                .unwrap()
                .map(|p| p.workshop_id)
        };
        assert_eq!(previous(autumn, web.id), Some(summer));
        assert_eq!(
            previous(autumn, app.id),
            Some(spring),
            "App skipped the summer workshop"
        );
        assert_eq!(previous(spring, web.id), None, "a first workshop has none");
        let p = store.previous_workshop(autumn, web.id).unwrap().unwrap();
        let summer_detail = store.workshop(summer).unwrap();
        assert_eq!(p.assessment_id, summer_detail.teams[0].assessment_id);
        assert_eq!(p.held_on.to_string(), "2026-06-10");
    }
}
