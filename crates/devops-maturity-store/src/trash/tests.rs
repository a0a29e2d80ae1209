use std::collections::BTreeMap;

use rusqlite::types::Value;

use super::collect::{TABLES, UNTOUCHED};
use super::*;
use crate::exchange::tests::{now, populated};
use crate::exchange::{to_json as export_json, Scope};

/// Every row of every table but the trash, as text, by table: to see what a delete
/// removed and that an undo put back exactly what was there.
fn dump(store: &Store) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = store
        .conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name != 'trash' AND name NOT LIKE 'sqlite_%'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let mut stmt = store
                .conn
                .prepare(&format!("SELECT * FROM {table}"))
                .unwrap();
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    (0..width)
                        .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|cells| cells.join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (table, rows)
        })
        .collect()
}

fn export(store: &Store) -> Vec<u8> {
    export_json(&store.export(Scope::All).unwrap()).unwrap()
}

fn team_id(store: &Store, name: &str) -> i64 {
    store.team_by_name(name).unwrap().unwrap().id
}

/// How many rows of each table went (tables that lost none are left out).
fn removed(
    before: &BTreeMap<String, Vec<String>>,
    after: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, usize> {
    before
        .iter()
        .filter_map(|(table, rows)| {
            let gone = rows.len() - after[table].len();
            (gone > 0).then(|| (table.clone(), gone))
        })
        .collect()
}

/// Deletes `target`, checks the sentence and which rows went, then undoes it and checks
/// that the database and its export are exactly as before.
fn check(store: &mut Store, target: Target, sentence: &str, gone: &[(&str, usize)]) {
    let before = dump(store);
    let exported = export(store);
    let preview = store.delete_preview(target).unwrap();
    assert_eq!(preview.sentence, sentence, "what the confirmation says");
    let deleted = store.delete(target, true, now()).unwrap();
    assert_eq!(
        deleted.preview, preview,
        "the delete takes what the preview said"
    );
    let after = dump(store);
    let expected: BTreeMap<String, usize> = gone.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(
        removed(&before, &after),
        expected,
        "rows removed by {sentence}"
    );
    for (table, rows) in &after {
        for row in rows {
            assert!(
                before[table].contains(row) || table == "learners",
                "only learners of a deleted team change (they lose the team): {table} {row}"
            );
        }
    }
    assert_ne!(export(store), exported, "a deleted record is not exported");
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].preview, preview);
    assert_eq!(
        devops_maturity_core::date::written(trash[0].purge_after),
        "2026-12-23T10:00:00Z",
        "{KEEP_DAYS} days later"
    );
    store.undo_delete(deleted.trash_id).unwrap();
    assert_eq!(
        dump(store),
        before,
        "the undo puts back every row as it was"
    );
    assert_eq!(
        export(store),
        exported,
        "…and the export is byte for byte the same"
    );
    assert!(store.trash().unwrap().is_empty(), "the entry is used up");
}

#[test]
fn each_delete_takes_what_it_says_and_the_undo_puts_it_back() {
    let mut store = populated();
    let platform = team_id(&store, "=Platform, \"core\"");
    check(
        &mut store,
        Target::Team { id: platform },
        "=Platform, \"core\", 1 assessment, 2 answers, 1 learner stays, without a team",
        &[
            ("teams", 1),
            ("assessments", 1),
            ("respondents", 2),
            ("answers", 2),
            ("dimension_choices", 1),
            ("dora_answers", 1),
            ("consensus", 1),
        ],
    );
}

/// A delete made before migration 14 kept practice answers without a version: the undo puts
/// them back with the version the migration would have inferred (the team's assessment's).
#[test]
fn practice_answers_deleted_before_versions_come_back_with_one() {
    let mut store = populated();
    let workshop = store.workshops().unwrap()[0].workshop.id;
    let seat = store.workshop(workshop).unwrap().teams[0].id;
    let deleted = store
        .delete(Target::WorkshopTeam { id: seat }, true, now())
        .unwrap();
    // The entry as a build before migration 14 wrote it: no questionnaire_version column.
    let rows: String = store
        .conn
        .query_row(
            "SELECT rows FROM trash WHERE id = ?1",
            [deleted.trash_id],
            |r| r.get(0),
        )
        .unwrap();
    let mut bundle: serde_json::Value = serde_json::from_str(&rows).unwrap();
    for table in bundle["tables"].as_array_mut().unwrap() {
        if table["table"] != "practice_answers" {
            continue;
        }
        let columns = table["columns"].as_array_mut().unwrap();
        let i = columns
            .iter()
            .position(|c| c == "questionnaire_version")
            .unwrap();
        columns.remove(i);
        for row in table["rows"].as_array_mut().unwrap() {
            row.as_array_mut().unwrap().remove(i);
        }
    }
    store
        .conn
        .execute(
            "UPDATE trash SET rows = ?1 WHERE id = ?2",
            rusqlite::params![bundle.to_string(), deleted.trash_id],
        )
        .unwrap();
    store.undo_delete(deleted.trash_id).unwrap();
    let versions: Vec<Option<String>> = store
        .conn
        .prepare("SELECT questionnaire_version FROM practice_answers ORDER BY question_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(versions, [Some("1".to_string()), Some("1".to_string())]);
}

#[test]
fn workshops_their_teams_plans_learners_and_assessments() {
    let mut store = populated();
    let workshop = store.workshops().unwrap()[0].workshop.id;
    let seats = store.workshop(workshop).unwrap().teams;
    check(
        &mut store,
        Target::Workshop { id: workshop },
        "Autumn workshop (2026-11-20), 2 places at workshops, 2 assessments",
        &[
            ("workshops", 1),
            ("workshop_teams", 2),
            ("assessments", 2),
            ("respondents", 3),
            ("practice_answers", 2),
        ],
    );
    check(
        &mut store,
        Target::WorkshopTeam { id: seats[0].id },
        &format!("{} at Autumn workshop, 1 assessment", seats[0].team_name),
        &[
            ("workshop_teams", 1),
            ("assessments", 1),
            ("respondents", 2),
            ("practice_answers", 2),
        ],
    );
    check(
        &mut store,
        Target::Assessment {
            id: seats[1].assessment_id,
        },
        "Guests's assessment in progress since 2026-11-23, 1 place at a workshop",
        &[
            ("workshop_teams", 1),
            ("assessments", 1),
            ("respondents", 1),
        ],
    );
    let workshop_of = |store: &Store, target| store.delete_preview(target).unwrap().workshops;
    assert_eq!(
        workshop_of(&store, Target::Workshop { id: workshop }),
        [workshop]
    );
    assert_eq!(
        workshop_of(&store, Target::WorkshopTeam { id: seats[0].id }),
        [workshop]
    );
    assert_eq!(
        workshop_of(
            &store,
            Target::Team {
                id: seats[0].team_id
            }
        ),
        [workshop],
        "a team at a workshop touches the workshop"
    );
    let own = team_id(&store, "=Platform, \"core\"");
    assert!(workshop_of(&store, Target::Team { id: own }).is_empty());
    let planned: i64 = store
        .conn
        .query_row("SELECT assessment_id FROM plans", [], |r| r.get(0))
        .unwrap();
    let plan = store
        .delete_preview(Target::Plan {
            assessment: planned,
        })
        .unwrap();
    assert!(
        plan.sentence.starts_with("the improvement plan of "),
        "{}",
        plan.sentence
    );
    assert!(!plan.bulk, "a plan is one record");
    check(
        &mut store,
        Target::Plan {
            assessment: planned,
        },
        &plan.sentence,
        &[("plans", 1), ("plan_items", 1)],
    );
    let zoe = store.current_learner().unwrap().unwrap().id;
    check(
        &mut store,
        Target::Learner { id: zoe },
        "Zoë, 1 knowledge-check result",
        &[
            ("learners", 1),
            ("quiz_results", 1),
            ("chapter_reads", 1),
            ("settings", 1),
        ],
    );
}

#[test]
fn removing_the_demo_leaves_everything_else_untouched() {
    let mut store = populated();
    let demo_teams: Vec<String> = devops_maturity_core::demo::team_names()
        .map(str::to_string)
        .collect();
    let before = dump(&store);
    let preview = store.delete_preview(Target::Demo).unwrap();
    assert_eq!(
        preview.sentence,
        "the demo organisation (Northwind Travel Group), 4 teams, 1 place at a workshop, \
         17 assessments (16 completed), 176 answers, 1 plan"
    );
    assert!(preview.bulk);
    store.delete(Target::Demo, true, now()).unwrap();
    let after = dump(&store);
    for (table, rows) in &after {
        for row in rows {
            assert!(
                before[table].contains(row),
                "nothing else changed: {table} {row}"
            );
        }
    }
    let left: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(
        left,
        ["=Platform, \"core\"", "Guests"],
        "only the demo teams went"
    );
    assert!(left.iter().all(|t| !demo_teams.contains(t)));
    assert_eq!(
        store.workshops().unwrap()[0].teams,
        1,
        "the Guests stay at the workshop"
    );
    assert_eq!(
        store.learners().unwrap().len(),
        2,
        "no learner was in a demo team"
    );
    assert_eq!(
        store.setting(crate::settings::ORGANISATION).unwrap(),
        None,
        "the organisation name the demo set goes with it"
    );
    assert!(
        matches!(
            store.delete_preview(Target::Demo),
            Err(StoreError::NotFound { .. })
        ),
        "a second removal finds nothing"
    );
    let id = store.trash().unwrap()[0].id;
    store.undo_delete(id).unwrap();
    assert_eq!(dump(&store), before, "the undo brings the whole demo back");
}

#[test]
fn a_name_chosen_by_the_user_stays_when_the_demo_goes() {
    let mut store = populated();
    store
        .set_setting(crate::settings::ORGANISATION, "Acme Ltd")
        .unwrap();
    store.delete(Target::Demo, true, now()).unwrap();
    assert_eq!(
        store
            .setting(crate::settings::ORGANISATION)
            .unwrap()
            .as_deref(),
        Some("Acme Ltd")
    );
}

#[test]
fn refused_deletes_change_nothing() {
    let mut store = populated();
    let before = dump(&store);
    let demo = team_id(&store, "Booking Web (demo)");
    let err = store
        .delete(Target::Team { id: demo }, false, now())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Booking Web (demo) takes 4 completed assessments: completed assessments stay frozen, \
         and deleting one is a separate, explicit choice; nothing was deleted"
    );
    let done = store.assessments_of(demo).unwrap()[0].id;
    assert!(store
        .delete(Target::Assessment { id: done }, false, now())
        .is_err());
    for (target, message) in [
        (Target::Team { id: 9999 }, "team 9999 not found"),
        (Target::Workshop { id: 9999 }, "workshop 9999 not found"),
        (
            Target::WorkshopTeam { id: 9999 },
            "workshop team 9999 not found",
        ),
        (Target::Assessment { id: 9999 }, "assessment 9999 not found"),
        (
            Target::Plan { assessment: done },
            &format!("the improvement plan of assessment {done} not found"),
        ),
        (Target::Learner { id: 9999 }, "learner 9999 not found"),
    ] {
        assert_eq!(
            store.delete(target, true, now()).unwrap_err().to_string(),
            message
        );
    }
    assert_eq!(dump(&store), before, "nothing changed");
    assert!(
        store.trash().unwrap().is_empty(),
        "and nothing went to the trash"
    );
    assert!(matches!(
        store.undo_delete(1),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn an_undo_is_refused_when_the_name_is_taken_again() {
    let mut store = populated();
    let platform = team_id(&store, "Guests");
    let deleted = store
        .delete(Target::Team { id: platform }, true, now())
        .unwrap();
    store.create_team("GUESTS", now()).unwrap();
    let before = dump(&store);
    let err = store.undo_delete(deleted.trash_id).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot undo the delete of Guests: a team named \"Guests\" exists now — rename it, \
         then undo again; nothing was changed"
    );
    assert_eq!(dump(&store), before);
    assert_eq!(
        store.trash().unwrap().len(),
        1,
        "the entry stays for a later undo"
    );
}

#[test]
fn an_id_taken_since_gives_the_restored_rows_a_new_one() {
    let mut store = populated();
    let guests = team_id(&store, "Guests");
    let last: i64 = store
        .conn
        .query_row("SELECT max(id) FROM teams", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        guests, last,
        "the newest team, so its id is free again after the delete"
    );
    let exported = export(&store);
    let deleted = store
        .delete(Target::Team { id: guests }, true, now())
        .unwrap();
    let other = store.create_team("Newcomers", now()).unwrap();
    assert_eq!(other.id, guests, "SQLite hands out the freed id");
    store.undo_delete(deleted.trash_id).unwrap();
    let back = team_id(&store, "Guests");
    assert_ne!(back, guests);
    assert_eq!(
        store.assessments_of(back).unwrap().len(),
        1,
        "its assessment follows it"
    );
    assert!(store.assessments_of(other.id).unwrap().is_empty());
    store
        .conn
        .execute("DELETE FROM teams WHERE id = ?1", [other.id])
        .unwrap();
    assert_eq!(
        export(&store),
        exported,
        "records are the same, under UUIDs"
    );
}

#[test]
fn a_trash_number_is_never_given_twice() {
    let mut store = populated();
    let guests = team_id(&store, "Guests");
    let first = store
        .delete(Target::Team { id: guests }, true, now())
        .unwrap();
    store.undo_delete(first.trash_id).unwrap();
    let again = store
        .delete(Target::Team { id: guests }, true, now())
        .unwrap();
    assert_ne!(
        again.trash_id, first.trash_id,
        "an old undo never restores a newer delete"
    );
    assert!(matches!(
        store.undo_delete(first.trash_id),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn entries_are_purged_after_the_keep_days() {
    let mut store = populated();
    let guests = team_id(&store, "Guests");
    store
        .delete(Target::Team { id: guests }, true, now())
        .unwrap();
    assert_eq!(
        store
            .purge_trash(now() + Duration::days(KEEP_DAYS))
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .purge_trash(now() + Duration::days(KEEP_DAYS + 1))
            .unwrap(),
        1
    );
    assert!(store.trash().unwrap().is_empty());
}

#[test]
fn every_table_is_handled_by_delete_or_left_out_with_a_reason() {
    let store = Store::open_in_memory().unwrap();
    let tables: Vec<String> = dump(&store)
        .into_keys()
        .chain(["trash".into(), "sqlite_sequence".into()])
        .collect();
    for table in &tables {
        let known =
            TABLES.iter().any(|t| t.name == table) || UNTOUCHED.iter().any(|(t, _)| t == table);
        assert!(
            known,
            "table {table}: add it to TABLES in trash.rs, or to UNTOUCHED with a reason"
        );
    }
    for table in TABLES {
        let mut stmt = store
            .conn
            .prepare(&format!(
                "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{}')",
                table.name
            ))
            .unwrap();
        let mut refs: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        refs.retain(|(_, parent)| TABLES.iter().any(|t| t.name == parent));
        refs.sort();
        let mut listed: Vec<(String, String)> = table
            .refs
            .iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect();
        listed.sort();
        assert_eq!(listed, refs, "the references of {} in TABLES", table.name);
        let parents_first = table.refs.iter().all(|(_, p)| {
            TABLES.iter().position(|t| t.name == *p)
                < TABLES.iter().position(|t| t.name == table.name)
        });
        assert!(
            parents_first,
            "{} comes after the tables it points to",
            table.name
        );
    }
}
