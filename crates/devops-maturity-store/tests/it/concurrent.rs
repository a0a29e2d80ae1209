//! Two programs on one database: a write waits for the other program's write (ours for
//! theirs, theirs for ours), then gives up with a clear message; nothing is half written and
//! the other program's data stays intact.

use std::time::{Duration, Instant};

use chrono::Utc;
use devops_maturity_store::{Store, StoreError};

fn integrity(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn team_names(store: &Store) -> Vec<String> {
    store.teams().unwrap().into_iter().map(|t| t.name).collect()
}

#[test]
fn a_write_blocked_by_another_program_fails_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());

    // The other program: an exclusive transaction with a write it has not committed yet.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    other
        .execute(
            "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES ('u-1', 'Other', 'other', '2026-11-20T14:30:00Z', '2026-11-20T14:30:00Z')",
            [],
        )
        .unwrap();

    let mut store = Store::open(&path).expect("opening only reads, so it does not wait");
    store.set_busy_timeout(Duration::from_millis(300)).unwrap();
    assert!(
        team_names(&store).is_empty(),
        "reads go on and never see an uncommitted write"
    );
    let started = Instant::now();
    let err = store.create_team("Mine", Utc::now()).unwrap_err();
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "the write waited for the busy timeout first ({:?})",
        started.elapsed()
    );
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    let err = err.at(&path);
    assert_eq!(
        err.to_string(),
        format!(
            "the database {} is in use by another program (another DevOps Maturity Studio window, or a devops-maturity command still running); nothing was changed — close it and try again",
            path.display()
        )
    );

    other.execute_batch("COMMIT").unwrap();
    assert_eq!(
        team_names(&store),
        ["Other"],
        "the other program's write is intact, ours left no trace"
    );
    store
        .create_team("Mine", Utc::now())
        .expect("once the other program is done, the same write succeeds");
    assert_eq!(team_names(&store), ["Mine", "Other"]);
    drop((store, other));
    assert_eq!(integrity(&path), "ok");
}

/// Two writes at once, with the contention made certain rather than likely: our write holds
/// the lock (its transaction is open and the other program is told so), the other program's
/// write finds the database locked (its busy handler says so) and only then does ours commit.
/// The other write then lands. No sleep decides the order: if the other write did not wait,
/// the test fails.
#[test]
fn a_write_waits_for_a_short_write_of_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut store = Store::open(&path).unwrap();

    let (lock_taken, go) = std::sync::mpsc::channel::<()>();
    let (waiting, other_waits) = std::sync::mpsc::channel::<()>();
    let other_path = path.clone();
    let other = std::thread::spawn(move || {
        go.recv().expect("our write took the lock");
        let mut other = rusqlite::Connection::open(&other_path).unwrap();
        // Like the store's own busy timeout: try again every millisecond for up to 5 s, and
        // say that it had to wait.
        other
            .busy_handler(Some(move |tries: i32| {
                let _ = waiting.send(());
                std::thread::sleep(Duration::from_millis(1));
                tries < 5_000
            }))
            .unwrap();
        other
            .execute(
                "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES ('u-1', 'Other', 'other', '2026-11-20T14:30:00Z', '2026-11-20T14:30:00Z')",
                [],
            )
            .expect("the other program's write waits for ours, then lands")
    });
    store
        .in_transaction(|s| {
            let mine = s.create_team("Mine", Utc::now())?;
            lock_taken.send(()).unwrap();
            // Hold the lock until the other program has found it taken (an error here: its
            // write ended without ever waiting).
            other_waits
                .recv()
                .expect("the other program's write found the database locked");
            assert_eq!(team_names(s), ["Mine"], "the other write has not landed");
            Ok(mine)
        })
        .expect("our write commits while the other one waits");
    assert_eq!(other.join().unwrap(), 1, "the other program's row");
    assert_eq!(team_names(&store), ["Mine", "Other"]);
    drop(store);
    assert_eq!(integrity(&path), "ok");
}

/// The mirror of the test above: the other program holds the lock with a write it has not
/// committed, our write finds the database locked (the store's busy handler reports it), and
/// only then does the other program commit; our write then lands. No sleep decides the order:
/// a write that did not wait (a busy timeout of 0) ends before any report, and the test fails.
#[test]
fn our_write_waits_for_a_short_write_of_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let store = Store::open(&path).unwrap();

    enum Heard {
        Waits,
        Done(Result<devops_maturity_store::Team, StoreError>),
    }
    let (tell, heard) = std::sync::mpsc::channel();
    let waits = tell.clone();
    store.report_waits(move |_| {
        let _ = waits.send(Heard::Waits);
    });

    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    other
        .execute(
            "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES ('u-1', 'Other', 'other', '2026-11-20T14:30:00Z', '2026-11-20T14:30:00Z')",
            [],
        )
        .unwrap();
    let ours = std::thread::spawn(move || {
        let mut store = store;
        let _ = tell.send(Heard::Done(store.create_team("Mine", Utc::now())));
        store
    });
    match heard.recv().unwrap() {
        Heard::Waits => {}
        Heard::Done(result) => {
            panic!("our write ended without waiting for the other program's: {result:?}")
        }
    }
    other.execute_batch("COMMIT").unwrap();
    let result = loop {
        match heard.recv().unwrap() {
            Heard::Waits => continue,
            Heard::Done(result) => break result,
        }
    };
    result.expect("our write waited for the other program's, then landed");
    let store = ours.join().unwrap();
    assert_eq!(team_names(&store), ["Mine", "Other"]);
    drop((store, other));
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn two_stores_interleave_writes_without_losing_any() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Store::open(&path).unwrap());
    let threads: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|prefix| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..40 {
                    store
                        .create_team(&format!("{prefix}-{i:02}"), Utc::now())
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no write failed");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(team_names(&store).len(), 80, "every write of both landed");
    drop(store);
    assert_eq!(integrity(&path), "ok");
}
