//! Files the app did not make, and the messages at the edges: a foreign table-less file,
//! `db check` leaving nothing beside the file, builds abandoned by a killed first start,
//! SQLite's text said once (a full disk naming the file: `open.rs`'s unit tests).

use std::path::Path;

use chrono::Utc;
use devops_maturity_store::{inspect, Store, StoreError};

use super::with_suffix;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Used to be adopted: half-migrated from "version 3" and stamped as ours.
#[test]
fn a_table_less_sqlite_file_with_a_schema_version_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("it is a SQLite database of another application"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
    assert_eq!(entries(dir.path()), ["other.db"], "nothing beside it");
}

#[test]
fn db_check_leaves_nothing_beside_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    {
        let mut store = Store::open(&db).unwrap();
        store.create_team("Booking", Utc::now()).unwrap();
    }
    assert_eq!(entries(dir.path()), ["studio.db"], "a clean close");
    let before = std::fs::read(&db).unwrap();
    let report = inspect(&db).unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(
        entries(dir.path()),
        ["studio.db"],
        "no -wal or -shm is left by a check that only reads"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
}

#[test]
fn db_check_beside_an_open_database_reads_it_and_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let mut store = Store::open(&db).unwrap();
    store.create_team("Booking", Utc::now()).unwrap();
    assert!(inspect(&db).unwrap().is_ok());
    store.create_team("Payments", Utc::now()).unwrap();
    assert!(with_suffix(&db, "-wal").exists() && with_suffix(&db, "-shm").exists());
    assert_eq!(store.teams().unwrap().len(), 2);
}

#[cfg(unix)]
#[test]
fn builds_abandoned_by_a_killed_first_start_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    // A process that has ended: its pid is free (and not reused this soon).
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let live = std::os::unix::process::parent_id();
    for pid in [dead, live] {
        std::fs::write(with_suffix(&db, &format!(".creating-{pid}")), b"half").unwrap();
    }
    std::fs::write(with_suffix(&db, &format!(".creating-{dead}-journal")), b"j").unwrap();
    drop(Store::open(&db).unwrap());
    assert_eq!(
        entries(dir.path()),
        [
            "studio.db".to_string(),
            format!("studio.db.creating-{live}")
        ],
        "the dead build and its journal are gone, the live one is not touched"
    );
}

/// Every text in the error and its sources, as `{:#}` of anyhow prints the chain.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[test]
fn sqlite_text_is_said_once() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let err = StoreError::from(conn.execute_batch("SELEC 1").unwrap_err());
    let text = chain(&err);
    assert_eq!(
        text.matches("syntax error").count(),
        1,
        "SQLite's message appears once: {text}"
    );
}
