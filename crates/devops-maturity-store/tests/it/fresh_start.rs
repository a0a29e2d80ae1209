//! "Start with a fresh database": every kind of refused file is recognised as such, set aside
//! byte for byte (with its write-ahead log), and a new database opens at the old path.

use chrono::{NaiveDate, Utc};
use devops_maturity_store::recover::{lock_path, set_aside, InstanceLock};
use devops_maturity_store::{Store, StoreError, LATEST_VERSION};

use super::with_suffix;

/// Writes a refused file of each kind at `path`.
fn refused_files(dir: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf)> {
    let text = dir.join("text.db");
    std::fs::write(&text, "meeting notes, not a database\n".repeat(20)).unwrap();

    let short = dir.join("short.db");
    std::fs::write(&short, b"SQLite format 3\0 and then nothing").unwrap();

    let newer = dir.join("newer.db");
    {
        let mut store = Store::open(&newer).unwrap();
        store.create_team("From the future", Utc::now()).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        conn.execute(
            "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES ('u-2', 'Only in the log', 'only in the log', '2026-11-20T14:30:00Z', '2026-11-20T14:30:00Z')",
            [],
        )
        .unwrap();
        // Never closed, as after a crash: the last write lives only in `newer.db-wal`.
        std::mem::forget(conn);
    }

    let truncated = dir.join("truncated.db");
    {
        let mut store = Store::open(&truncated).unwrap();
        for i in 0..200 {
            store
                .create_team(
                    &format!("Team {i:03} with a name long enough to fill pages"),
                    Utc::now(),
                )
                .unwrap();
        }
    }
    {
        let conn = rusqlite::Connection::open(&truncated).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();

    let foreign = dir.join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
            .unwrap();
    }
    vec![
        ("a text file", text),
        ("a file cut inside the header", short),
        ("a newer schema", newer),
        ("a truncated database", truncated),
        ("another application's database", foreign),
    ]
}

#[test]
fn each_refused_file_is_set_aside_unchanged_and_a_fresh_database_opens() {
    let dir = tempfile::tempdir().unwrap();
    let noon = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    for (what, path) in refused_files(dir.path()) {
        let _lock = InstanceLock::acquire(&path).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.is_refused_file(), "{what}: {err}");
        let files: Vec<(std::path::PathBuf, Vec<u8>)> = ["", "-wal", "-shm", "-journal"]
            .iter()
            .map(|s| with_suffix(&path, s))
            .filter(|p| p.exists())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();

        let moved = set_aside(&path, noon).unwrap();
        for (old, bytes) in &files {
            let suffix = &old.to_str().unwrap()[path.to_str().unwrap().len()..];
            assert_eq!(
                &std::fs::read(with_suffix(&moved, suffix)).unwrap(),
                bytes,
                "{what}: {} moved unchanged",
                old.display()
            );
        }
        if what == "a newer schema" {
            assert!(
                files
                    .iter()
                    .any(|(p, _)| p.to_str().unwrap().ends_with("-wal")),
                "the case has a write-ahead log"
            );
            let kept = rusqlite::Connection::open(&moved).unwrap();
            let names: Vec<String> = kept
                .prepare("SELECT name FROM teams ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(
                names,
                ["From the future", "Only in the log"],
                "the set-aside file still opens with its log"
            );
        }
        let mut fresh = Store::open(&path).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            fresh.teams().unwrap().is_empty(),
            "{what}: a fresh database"
        );
        fresh.create_team("Fresh start", Utc::now()).unwrap();
        assert!(lock_path(&path).exists(), "the lock file stays beside it");
    }
}

#[test]
fn a_busy_or_missing_database_is_not_a_refused_file() {
    assert!(!StoreError::Busy.is_refused_file());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let _first = InstanceLock::acquire(&db).unwrap();
    let err = InstanceLock::acquire(&db).unwrap_err();
    assert!(!err.is_refused_file(), "open elsewhere: never set aside");
}
