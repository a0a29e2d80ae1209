//! The store against real files: migrations, and the refusals that protect a user's data.

use chrono::Utc;
use devops_maturity_store::{inspect, Store, StoreError, LATEST_VERSION};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_new_database_is_created_migrated_and_reopened() {
    let dir = temp();
    let path = dir.path().join("nested/folder/db.sqlite");
    let mut store = Store::open(&path).expect("creates folders and file");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    store.create_team("Booking", Utc::now()).unwrap();
    drop(store);
    let store = Store::open(&path).expect("reopens");
    assert_eq!(store.teams().unwrap().len(), 1, "data survives reopening");
    let report = inspect(&path).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.schema_version, LATEST_VERSION);
}

#[test]
fn a_text_file_is_refused_and_left_byte_for_byte() {
    let dir = temp();
    let path = dir.path().join("notes.txt");
    let original = b"These are my meeting notes, not a database.\n".repeat(10);
    std::fs::write(&path, &original).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("is not a DevOps Maturity Studio database (it is not a SQLite file)"),
        "{err}"
    );
    assert!(inspect(&path).is_err(), "db check refuses it too");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the file is untouched"
    );
    assert!(
        !dir.path().join("notes.txt-wal").exists(),
        "no WAL file was created beside it"
    );
}

#[test]
fn an_empty_file_is_refused() {
    let dir = temp();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("the file is empty"), "{err}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == LATEST_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
}

#[test]
fn another_applications_sqlite_database_is_refused() {
    let dir = temp();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        err.to_string()
            .contains("SQLite database of another application"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_truncated_database_is_refused() {
    let dir = temp();
    let path = dir.path().join("cut.db");
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..200 {
            store
                .create_team(
                    &format!("Team {i:03} with a longer name to fill pages"),
                    Utc::now(),
                )
                .unwrap();
        }
    }
    // Fold the WAL in, then cut the file in half.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Corrupt { .. } | StoreError::NotADatabase { .. }
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a damaged file is not 'repaired' behind the user's back"
    );
}

/// A database written before migration 8, whose keys were `to_lowercase()`: "Café" in NFC and
/// in NFD, and a name with a zero-width space, were stored as different names.
#[test]
fn migration_8_recomputes_name_keys_and_reports_twins_instead_of_failing() {
    let dir = temp();
    let path = dir.path().join("twins.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (table, names) in [
            (
                "teams",
                ["Caf\u{e9}", "CAFE\u{301}", "Te\u{200b}am", "Team"],
            ),
            ("learners", ["Zo\u{eb}", "Zoe\u{308}", "Ana", "Bea"]),
        ] {
            for (i, name) in names.iter().enumerate() {
                let sql = if table == "teams" {
                    "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, '2026-11-20T14:30:00Z', '2026-11-20T14:30:00Z')"
                } else {
                    "INSERT INTO learners (uuid, name, name_key, created_at) VALUES (?1, ?2, ?3, '2026-11-20T14:30:00Z')"
                };
                conn.execute(
                    sql,
                    rusqlite::params![format!("{table}-{i}"), name, name.to_lowercase()],
                )
                .expect("the old keys were all different");
            }
        }
        // The schema as version 7 left it: undo what later migrations added (9: the trash;
        // 10: groups; 12: the timers; 13: respondents' roles; 14: practice answers' versions),
        // so they run again.
        conn.execute_batch(
            "DROP TABLE trash; DROP INDEX teams_by_group; ALTER TABLE teams DROP COLUMN group_id; DROP TABLE team_groups; DROP TABLE timers; ALTER TABLE respondents DROP COLUMN role; ALTER TABLE practice_answers DROP COLUMN questionnaire_version;",
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 7).unwrap();
    }
    let mut store = Store::open(&path).expect("the migration never fails on twins");
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let clashes: Vec<String> = store
        .name_clashes()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        clashes,
        [
            "2 teams are named \"Caf\u{e9}\" and \"CAFE\u{301}\": the names differ only in case, in how accents were typed or in invisible characters; rename all but one",
            "2 teams are named \"Te\u{200b}am\" and \"Team\": the names differ only in case, in how accents were typed or in invisible characters; rename all but one",
            "2 learners are named \"Zo\u{eb}\" and \"Zoe\u{308}\": the names differ only in case, in how accents were typed or in invisible characters; rename all but one",
        ],
        "every twin is reported"
    );
    assert_eq!(store.teams().unwrap().len(), 4, "no row was deleted");
    assert!(
        store.create_team("café", Utc::now()).is_err(),
        "a third twin is refused"
    );
    let twin = store
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.name == "CAFE\u{301}")
        .unwrap();
    assert!(
        store.rename_team(twin.id, "Caf\u{e9}", Utc::now()).is_err(),
        "renaming the twin to its twin's name is still refused"
    );
    store.rename_team(twin.id, "Café Noir", Utc::now()).unwrap();
    assert_eq!(
        store.name_clashes().unwrap().len(),
        2,
        "renaming one twin settles its clash"
    );
}
