//! The upgrade test: a database of every earlier schema version, with data in it, opened by this
//! build. Version `k`'s file is made the way an older app made it: migrations 1..=k, each
//! followed by the rows a user of that version could have written ([`SEEDS`], in that version's
//! own SQL). Opening it with [`Store::open`] must bring it to [`LATEST_VERSION`] keeping every
//! row and column it had (only the name keys are recomputed, by migration 8), and the current
//! code must read all of it: the full export touches every record a user created.

use std::collections::BTreeMap;

use devops_maturity_core::AssessmentStatus;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};

use super::{Step, APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use crate::exchange::{PracticeVersion, Scope};
use crate::Store;

/// The rows added after migration `i + 1`, written against that version's schema.
const SEEDS: &[fn(&Connection)] = &[
    // 1: teams and settings. "Straße" and "STRASSE" are two teams under version 1's keys
    // (lower case) and twins under migration 8's full case folding.
    |c| {
        sql(c, "
        INSERT INTO teams (id, uuid, name, name_key, created_at, updated_at) VALUES
          (1, 'aaaaaaaa-0000-4000-8000-000000000001', 'Booking', 'booking', '2025-01-10T09:00:00Z', '2025-01-10T09:00:00Z'),
          (2, 'aaaaaaaa-0000-4000-8000-000000000002', 'Straße', 'straße', '2025-01-10T09:01:00Z', '2025-01-10T09:01:00Z'),
          (3, 'aaaaaaaa-0000-4000-8000-000000000003', 'STRASSE', 'strasse', '2025-01-10T09:02:00Z', '2025-01-10T09:02:00Z');
        INSERT INTO settings (key, value) VALUES ('organisation', 'Acme Rail');")
    },
    // 2: a learner with knowledge-check results (no UUID yet) and reading progress.
    |c| {
        sql(c, "
        INSERT INTO learners (id, uuid, name, name_key, team_id, created_at) VALUES
          (1, 'bbbbbbbb-0000-4000-8000-000000000001', 'Ana', 'ana', 1, '2025-02-01T08:00:00Z');
        INSERT INTO quiz_results (id, learner_id, module_id, correct, total, answers, taken_at) VALUES
          (1, 1, 'intro', 2, 3, '[[0],[1],[2]]', '2025-02-01T08:30:00Z');
        INSERT INTO chapter_reads (learner_id, chapter_id, read_at) VALUES
          (1, 'intro-1', '2025-02-01T08:10:00Z'), (NULL, 'intro-2', '2025-02-01T08:20:00Z');")
    },
    // 3: a completed assessment with its snapshot, two respondents, targets, weights, DORA.
    |c| {
        let q = crate::assessments::tests::questionnaire("1");
        c.execute(
            "INSERT INTO questionnaires (id, version, json) VALUES (?1, ?2, ?3)",
            params![q.id, q.version, serde_json::to_string(&q).unwrap()],
        )
        .unwrap();
        for question in &q.questions {
            c.execute(
                "INSERT INTO questionnaire_questions VALUES (?1, ?2, ?3, ?4)",
                params![q.id, q.version, question.id, question.dimension],
            )
            .unwrap();
        }
        sql(
            c,
            r#"
        INSERT INTO assessments (id, uuid, team_id, questionnaire_id, questionnaire_version, status, facilitator, dora_year, started_at, completed_at) VALUES
          (1, 'cccccccc-0000-4000-8000-000000000001', 1, 'q', '1', 'completed', 'Marta', 2024, '2025-03-01T09:00:00Z', '2025-03-01T11:00:00Z');
        INSERT INTO respondents (id, uuid, assessment_id, name, position, finished_at) VALUES
          (1, 'dddddddd-0000-4000-8000-000000000001', 1, 'Ana', 1, '2025-03-01T10:00:00Z'),
          (2, 'dddddddd-0000-4000-8000-000000000002', 1, 'Ben', 2, '2025-03-01T10:30:00Z');
        INSERT INTO answers (respondent_id, question_id, answer, evidence, updated_at) VALUES
          (1, 'flow-1', '2', 'retro notes', '2025-03-01T09:10:00Z'), (1, 'flow-2', '3', NULL, '2025-03-01T09:11:00Z'),
          (1, 'flow-3', 'dont-know', NULL, '2025-03-01T09:12:00Z'), (1, 'flow-4', '4', NULL, '2025-03-01T09:13:00Z'),
          (2, 'flow-1', '3', NULL, '2025-03-01T10:10:00Z'), (2, 'flow-2', 'not-applicable', NULL, '2025-03-01T10:11:00Z'),
          (2, 'flow-3', '2', NULL, '2025-03-01T10:12:00Z'), (2, 'flow-4', '5', NULL, '2025-03-01T10:13:00Z');
        INSERT INTO dimension_choices (assessment_id, dimension_id, target, weight) VALUES (1, 'flow', 4, 2.0);
        INSERT INTO dora_answers (assessment_id, metric_id, answer) VALUES
          (1, 'deployment-frequency', '{"kind":"bucket","value":"weekly-to-monthly"}'),
          (1, 'change-fail-rate', '{"kind":"percent","value":38.0}');"#,
        )
    },
    // 4: a workshop with the team and an agreed level.
    |c| {
        sql(c, "
        INSERT INTO workshops (id, uuid, name, held_on, facilitator, organisation, agenda_edits, created_at) VALUES
          (1, 'eeeeeeee-0000-4000-8000-000000000001', 'Spring day', '2025-03-01', 'Marta', 'Acme Rail', NULL, '2025-02-20T12:00:00Z');
        INSERT INTO workshop_teams (id, uuid, workshop_id, team_id, assessment_id, position) VALUES
          (1, 'eeeeeeee-0000-4000-8000-000000000002', 1, 1, 1, 1);
        INSERT INTO consensus (uuid, assessment_id, question_id, level, rationale, decided_at) VALUES
          ('eeeeeeee-0000-4000-8000-000000000003', 1, 'flow-2', 3, 'Both agree releases wait a week.', '2025-03-01T11:30:00Z');")
    },
    // 5: the assessment's improvement plan, one item edited by the team.
    |c| {
        sql(c, "
        INSERT INTO plans (id, uuid, assessment_id, created_at, updated_at) VALUES
          (1, 'ffffffff-0000-4000-8000-000000000001', 1, '2025-03-02T09:00:00Z', '2025-03-03T09:00:00Z');
        INSERT INTO plan_items (id, uuid, plan_id, position, action_id, dimension_id, from_level, title, why, first_steps, dora, effort, impact, chapter, gap, horizon, quick_win, decision, owner, due, status, notes, edited, created_at, updated_at) VALUES
          (1, 'ffffffff-0000-4000-8000-000000000002', 1, 0, NULL, 'flow', 2, 'Release weekly', 'Lead time is weeks.', '[\"Cut the batch\"]', '[]', 'M', 'Faster feedback', NULL, 1.5, 30, 0, 'accepted', 'Ana', '2025-04-01', 'in-progress', 'Started', 1, '2025-03-02T09:00:00Z', '2025-03-03T09:00:00Z');")
    },
    // 6: a knowledge-check result written with its UUID.
    |c| {
        sql(c, "
        INSERT INTO quiz_results (id, uuid, learner_id, module_id, correct, total, answers, taken_at) VALUES
          (2, 'bbbbbbbb-0000-4000-8000-000000000002', 1, 'intro', 3, 3, '[[0],[2],[2]]', '2025-04-01T08:30:00Z');")
    },
    // 7: the workshop team's practice answers.
    |c| {
        sql(c, "
        INSERT INTO practice_answers (id, uuid, workshop_team_id, question_id, answer, updated_at) VALUES
          (1, '99999999-0000-4000-8000-000000000001', 1, 'flow-1', '2', '2025-03-01T14:00:00Z'),
          (2, '99999999-0000-4000-8000-000000000002', 1, 'flow-2', 'dont-know', '2025-03-01T14:01:00Z');")
    },
    // 8: name keys are Rust's; a learner written with one.
    |c| {
        sql(c, "
        INSERT INTO learners (id, uuid, name, name_key, team_id, created_at) VALUES
          (2, 'bbbbbbbb-0000-4000-8000-000000000003', 'Émile', 'émile', NULL, '2025-05-01T08:00:00Z');")
    },
    // 9: a deleted team kept in the trash.
    |c| {
        sql(
            c,
            r#"
        INSERT INTO trash (id, target, preview, rows, deleted_at) VALUES
          (1, '{"team":9}', '{"title":"Old team"}', '{"teams":[]}', '2025-06-01T08:00:00Z');"#,
        )
    },
    // 10: a group, and a team in it.
    |c| {
        sql(c, "
        INSERT INTO team_groups (id, uuid, name, name_key, created_at, updated_at) VALUES
          (1, '77777777-0000-4000-8000-000000000001', 'Payments', 'payments', '2025-07-01T08:00:00Z', '2025-07-01T08:00:00Z');
        UPDATE teams SET group_id = 1 WHERE id = 1;
        INSERT INTO settings (key, value) VALUES ('org.group_word', 'value stream');")
    },
    // 11: the trash numbers its entries.
    |c| {
        sql(
            c,
            r#"
        INSERT INTO trash (target, preview, rows, deleted_at) VALUES
          ('{"team":10}', '{"title":"Older team"}', '{"teams":[]}', '2025-08-01T08:00:00Z');"#,
        )
    },
    // 12: a paused countdown of the day.
    |c| {
        sql(
            c,
            "
        INSERT INTO timers (key, duration_ms, left_ms, running_since_ms, seen_ms) VALUES
          ('2025-09-01/ice-breaker', 600000, 240000, NULL, 1756713600000);",
        )
    },
    // 13: the first respondent of the completed assessment leads the team; the second did not
    // say.
    |c| sql(c, "UPDATE respondents SET role = 'leader' WHERE id = 1;"),
    // 14: a practice answer saved with the version of the questionnaire it was given on.
    |c| {
        sql(c, "
        INSERT INTO practice_answers (id, uuid, workshop_team_id, question_id, answer, updated_at, questionnaire_version) VALUES
          (3, '99999999-0000-4000-8000-000000000003', 1, 'flow-3', '4', '2025-10-01T14:00:00Z', '1');")
    },
];

fn sql(conn: &Connection, batch: &str) {
    conn.execute_batch(batch)
        .unwrap_or_else(|e| panic!("seed: {e}\n{batch}"));
}

/// Every row of every table, each column as text, in row order; by table, then column name.
type Rows = BTreeMap<String, (Vec<String>, Vec<Vec<String>>)>;

fn rows(conn: &Connection, only: Option<&Rows>) -> Rows {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut all = Rows::new();
    for table in tables {
        let columns: Vec<String> = match only {
            Some(before) => match before.get(&table) {
                Some((columns, _)) => columns.clone(),
                None => continue,
            },
            None => conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap(),
        };
        let order = (1..=columns.len())
            .map(|i| i.to_string())
            .collect::<Vec<_>>();
        let query = format!(
            "SELECT {} FROM {table} ORDER BY {}",
            columns.join(", "),
            order.join(", ")
        );
        let values = conn
            .prepare(&query)
            .unwrap()
            .query_map([], |r| {
                (0..columns.len())
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            ValueRef::Null => "NULL".to_string(),
                            ValueRef::Integer(n) => n.to_string(),
                            ValueRef::Real(x) => format!("{x:?}"),
                            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                            ValueRef::Blob(b) => format!("{b:?}"),
                        })
                    })
                    .collect()
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        all.insert(table, (columns, values));
    }
    all
}

/// A database file as version `k` of the app left it, with every seed up to `k`.
fn old_database(path: &std::path::Path, k: usize) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    for (i, (parts, seed)) in MIGRATIONS.iter().zip(SEEDS).take(k).enumerate() {
        for step in *parts {
            match step {
                Step::Sql(sql) => conn.execute_batch(sql).unwrap(),
                Step::Rust(_, run) => run(&conn).unwrap(),
            }
        }
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", i as u32 + 1)
            .unwrap();
        seed(&conn);
    }
}

fn count(before: &Rows, table: &str) -> usize {
    before.get(table).map_or(0, |(_, rows)| rows.len())
}

#[test]
fn every_migration_has_its_seed_rows() {
    assert_eq!(
        SEEDS.len(),
        MIGRATIONS.len(),
        "a new migration: add the rows a user of its version could write to SEEDS in schema/upgrade.rs"
    );
}

#[test]
fn a_database_of_every_earlier_version_opens_with_all_its_data() {
    for k in 1..LATEST_VERSION as usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        old_database(&path, k);
        let before = rows(&Connection::open(&path).unwrap(), None);
        assert!(count(&before, "teams") == 3, "version {k}: the seeds ran");

        let store = Store::open(&path).unwrap_or_else(|e| panic!("version {k} does not open: {e}"));
        let version: u32 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST_VERSION, "version {k} was upgraded");

        // Every row and column the old file had is still there, unchanged, except the name
        // keys that migration 8 recomputes with full case folding.
        let after = rows(&store.conn, Some(&before));
        for (table, (columns, old)) in &before {
            let (_, new) = &after[table];
            assert_eq!(new.len(), old.len(), "version {k}: rows of {table}");
            for (old, new) in old.iter().zip(new) {
                for ((column, o), n) in columns.iter().zip(old).zip(new) {
                    if column == "name_key" && k < 8 {
                        continue;
                    }
                    assert_eq!(o, n, "version {k}: {table}.{column} changed in the upgrade");
                }
            }
        }

        // The name keys are this build's, and the twins version 1 let in are reported.
        let clashes = store.name_clashes().unwrap();
        assert_eq!(
            clashes.len(),
            1,
            "version {k}: Straße and STRASSE: {clashes:?}"
        );
        let booking: String = store
            .conn
            .query_row("SELECT name_key FROM teams WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(booking, "booking", "version {k}");

        // Knowledge-check results written before migration 6 got a version-4 UUID each.
        let uuids: Vec<String> = store
            .conn
            .prepare("SELECT uuid FROM quiz_results")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for uuid in &uuids {
            let parsed = uuid::Uuid::parse_str(uuid).unwrap_or_else(|e| panic!("{uuid}: {e}"));
            assert_eq!(parsed.get_version_num(), 4, "version {k}: {uuid}");
        }

        // The current code reads every record: the whole export, with what each holds.
        let file = store
            .export(Scope::All)
            .unwrap_or_else(|e| panic!("version {k}: export after the upgrade: {e}"));
        assert_eq!(file.teams.len(), 3, "version {k}: teams");
        assert_eq!(
            file.learners.len(),
            count(&before, "learners"),
            "version {k}"
        );
        assert_eq!(
            file.quiz_results.len(),
            count(&before, "quiz_results"),
            "version {k}"
        );
        assert_eq!(
            file.chapter_reads.len(),
            count(&before, "chapter_reads"),
            "version {k}"
        );
        assert_eq!(
            file.assessments.len(),
            count(&before, "assessments"),
            "version {k}"
        );
        assert_eq!(
            file.workshops.len(),
            count(&before, "workshops"),
            "version {k}"
        );
        assert_eq!(file.plans.len(), count(&before, "plans"), "version {k}");
        assert_eq!(
            file.groups.len(),
            count(&before, "team_groups"),
            "version {k}"
        );
        assert_eq!(
            file.settings.get("organisation").map(String::as_str),
            Some("Acme Rail"),
            "version {k}"
        );
        if let Some(a) = file.assessments.first() {
            assert_eq!(a.status, AssessmentStatus::Completed, "version {k}");
            let answered: usize = a.respondents.iter().map(|r| r.answers.len()).sum();
            assert_eq!(answered, 8, "version {k}: every answer is read back");
            assert_eq!(a.dora.len(), 2, "version {k}: DORA answers");
            assert_eq!(a.choices.len(), 1, "version {k}: target and weight");
            assert_eq!(a.consensus.len(), usize::from(k >= 4), "version {k}");
        }
        if k >= 10 {
            assert!(
                file.teams.iter().any(|t| t.group.is_some()),
                "version {k}: the team's group"
            );
        }

        // Practice answers stored before migration 14 were answered on the version of the
        // team's assessment at that workshop ("1"), whose snapshot has both questions.
        let practice: Vec<Option<String>> = store
            .conn
            .prepare("SELECT questionnaire_version FROM practice_answers ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            practice,
            vec![Some("1".to_string()); count(&before, "practice_answers")],
            "version {k}: the practice answers' questionnaire version"
        );
        let exported: Vec<&PracticeVersion> = file
            .workshop_teams
            .iter()
            .flat_map(|w| w.practice.values().map(|a| &a.questionnaire_version))
            .collect();
        assert_eq!(
            exported,
            vec![&PracticeVersion::Version("1".into()); practice.len()],
            "version {k}: the export carries it"
        );
    }
}

/// Migration 14 on rounds that do not all fit their assessment's version: one answered a
/// question that version does not have (the app was upgraded in between: unknown), one belongs
/// to a quick scan whose full form is not stored (nothing to check against: the assessment's
/// version, without the quick scan's mark), and the seed's round fits ("1").
#[test]
fn practice_rounds_stored_before_versions_get_the_version_they_fit_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    old_database(&path, 13);
    {
        let c = Connection::open(&path).unwrap();
        let quick = crate::assessments::tests::questionnaire("2+quick");
        c.execute(
            "INSERT INTO questionnaires (id, version, json) VALUES (?1, ?2, ?3)",
            params![
                quick.id,
                quick.version,
                serde_json::to_string(&quick).unwrap()
            ],
        )
        .unwrap();
        for question in &quick.questions {
            c.execute(
                "INSERT INTO questionnaire_questions VALUES (?1, ?2, ?3, ?4)",
                params![quick.id, quick.version, question.id, question.dimension],
            )
            .unwrap();
        }
        sql(&c, "
        INSERT INTO assessments (id, uuid, team_id, questionnaire_id, questionnaire_version, status, started_at) VALUES
          (2, 'cccccccc-0000-4000-8000-000000000002', 2, 'q', '1', 'in-progress', '2025-10-01T09:00:00Z'),
          (3, 'cccccccc-0000-4000-8000-000000000003', 3, 'q', '2+quick', 'in-progress', '2025-10-01T09:00:00Z');
        INSERT INTO workshop_teams (id, uuid, workshop_id, team_id, assessment_id, position) VALUES
          (2, 'eeeeeeee-0000-4000-8000-000000000012', 1, 2, 2, 2),
          (3, 'eeeeeeee-0000-4000-8000-000000000013', 1, 3, 3, 3);
        INSERT INTO practice_answers (id, uuid, workshop_team_id, question_id, answer, updated_at) VALUES
          (10, '99999999-0000-4000-8000-000000000010', 2, 'flow-1', '3', '2025-10-01T14:00:00Z'),
          (11, '99999999-0000-4000-8000-000000000011', 2, 'flow-9', '2', '2025-10-01T14:01:00Z'),
          (12, '99999999-0000-4000-8000-000000000012', 3, 'flow-1', '3', '2025-10-01T14:00:00Z');");
    }
    let store = Store::open(&path).unwrap();
    let versions: Vec<(i64, Option<String>)> = store
        .conn
        .prepare("SELECT workshop_team_id, questionnaire_version FROM practice_answers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        versions,
        [
            (1, Some("1".to_string())),
            (1, Some("1".to_string())),
            (2, None),
            (2, None),
            (3, Some("2".to_string())),
        ],
        "fits its assessment's version / answered flow-9, which version 1 lacks / a quick scan's"
    );
}
