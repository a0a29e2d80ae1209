//! Backups: a consistent copy of the live database, a checked restore that keeps what it
//! replaces, and rolling automatic backups.
//!
//! - [`Store::backup_to`] copies through SQLite's online backup API (consistent even while the
//!   database is in use, WAL content included) into a temporary file beside the destination,
//!   which is renamed into place only when complete: a crash never leaves a half backup under
//!   the chosen name. The copy is a single self-contained file (rollback journal, no `-wal`).
//! - [`restore`] looks at the candidate read-only first (SQLite header, `application_id`,
//!   schema version not newer than this build, `PRAGMA integrity_check`) and changes nothing
//!   when it is not a healthy database of ours. The current database is copied to
//!   `<name>.before-restore-YYYYMMDD-HHMMSS.sqlite` beside it, then the candidate's pages are
//!   copied *into* the live database with the backup API, in one step: SQLite itself takes the
//!   locks and keeps `-wal`/`-shm` consistent, so no file is swapped under an open connection.
//!   A current file that cannot be opened (damaged, foreign, newer) is moved aside under the
//!   same dated name (with its `-wal`) instead, and the candidate copied in its place.
//! - [`rolling_backup`] keeps the last [`KEEP`] copies in `backups/` beside the database,
//!   named `<db name>-YYYYMMDD-HHMMSS.sqlite`; it skips an empty database and a database that
//!   has not changed since the newest copy, so restarting the app a few times never pushes the
//!   useful copies out.
//!
//! The caller passes `now`; nothing here reads the clock.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::files::{self, same_file, Output};
use crate::{inspect, Store, StoreError, LATEST_VERSION};

/// How many automatic backups are kept.
pub const KEEP: usize = 5;
/// The folder of automatic backups, beside the database.
pub const DIR: &str = "backups";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// How long a backup waits for other writers before giving up.
const PATIENCE: Duration = Duration::from_secs(10);

fn write_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// `path` with `suffix` appended to its file name (`db.sqlite` → `db.sqlite-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Copies every page of `src` into `dst` and waits out other connections' locks.
fn copy_pages(src: &Connection, dst: &mut Connection, dst_path: &Path) -> Result<(), StoreError> {
    let backup = Backup::new(src, dst)?;
    let started = Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                if started.elapsed() > PATIENCE {
                    return Err(StoreError::Locked {
                        path: dst_path.to_path_buf(),
                    });
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // The enum is non-exhaustive; anything new counts as "try again".
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Writes a copy of `src` to `dest` through a temporary file renamed into place.
fn copy_to_file(src: &Connection, dest: &Path) -> Result<(), StoreError> {
    let tmp = with_suffix(dest, &format!(".partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let written = (|| {
        let mut dst = Connection::open(&tmp)?;
        copy_pages(src, &mut dst, dest)?;
        // One self-contained file: no -wal beside it, whatever mode the source was in.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        dst.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| write_error(&tmp, e))?;
        std::fs::rename(&tmp, dest).map_err(|e| write_error(dest, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(with_suffix(&tmp, "-journal"));
    }
    // SQLite's "database or disk is full" names no file: it is the copy being written.
    written.map_err(|e| match e {
        StoreError::Full => StoreError::DiskFull {
            path: dest.to_path_buf(),
        },
        e => e,
    })
}

/// Refuses, before writing, the database itself, its companion files and every other file
/// [`files::check_output`] protects, and a device or FIFO (a backup is a file); creates the
/// target's folder.
fn prepare_dest(db: &Path, dest: &Path) -> Result<(), StoreError> {
    if files::check_output(db, dest)? == Output::Stream {
        return Err(StoreError::OutputRefused {
            path: dest.to_path_buf(),
            reason: "it is a device or a FIFO, and a backup must be a file".into(),
        });
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dest.to_path_buf(),
            source,
        })?;
    }
    Ok(())
}

/// Copies the database file `db` to `dest` as [`Store::backup_to`] does, through a read-only
/// connection of its own: a caller's open `Store` stays free for other work meanwhile (in WAL
/// mode a reader and a writer do not wait for each other), and the copy is one consistent
/// snapshot.
pub fn backup_file(db: &Path, dest: &Path) -> Result<(), StoreError> {
    prepare_dest(db, dest)?;
    let src = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(crate::open::BUSY_TIMEOUT)?;
    copy_to_file(&src, dest)
}

impl Store {
    /// Writes a consistent copy of the database to `dest`, replacing a file there. Refuses,
    /// before writing, the database itself, its companion files and every other file
    /// [`files::check_output`] protects, and a device or FIFO (a backup is a file).
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        prepare_dest(&self.path, dest)?;
        copy_to_file(&self.conn, dest)
    }

    /// True when no table holds a row: a new database, nothing worth a backup.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?;
        let tables = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        for table in tables {
            let quoted = table.replace('"', "\"\"");
            let any: bool = self.conn.query_row(
                &format!("SELECT EXISTS (SELECT 1 FROM \"{quoted}\")"),
                [],
                |r| r.get(0),
            )?;
            if any {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreReport {
    pub database: PathBuf,
    /// Where the database that was replaced now is; `None` when there was none.
    pub previous: Option<PathBuf>,
    /// The restored file's schema version (the next open migrates it when older).
    pub schema_version: u32,
}

/// `<db>.before-restore-YYYYMMDD-HHMMSS.sqlite`, with `-2`, `-3` … if that name is taken.
fn dated_copy(db: &Path, now: DateTime<Utc>) -> PathBuf {
    let name = db.file_name().unwrap_or_default().to_string_lossy();
    let stamp = now.format(STAMP);
    let mut candidate = db.with_file_name(format!("{name}.before-restore-{stamp}.sqlite"));
    let mut n = 2;
    while candidate.exists() {
        candidate = db.with_file_name(format!("{name}.before-restore-{stamp}-{n}.sqlite"));
        n += 1;
    }
    candidate
}

/// Replaces the database at `db` with the backup `candidate`, keeping the replaced database
/// as a dated copy beside it (see the module doc). Nothing changes when the candidate is not
/// a healthy database of this app. Close every [`Store`] on `db` in this process first.
pub fn restore(
    db: &Path,
    candidate: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreReport, StoreError> {
    if same_file(db, candidate) {
        return Err(StoreError::Invalid(
            "this file is the database in use; choose a backup to restore".into(),
        ));
    }
    let report = inspect(candidate)?;
    if report.schema_version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: candidate.to_path_buf(),
            found: report.schema_version,
            known: LATEST_VERSION,
        });
    }
    if report.integrity != ["ok"] {
        return Err(StoreError::Corrupt {
            path: candidate.to_path_buf(),
            reason: report.integrity.join("; "),
        });
    }
    let src = Connection::open_with_flags(
        candidate,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let previous = if !db.exists() {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: db.to_path_buf(),
                source,
            })?;
        }
        copy_to_file(&src, db)?;
        None
    } else {
        match Store::open(db) {
            Ok(mut current) => {
                let previous = dated_copy(db, now);
                current.backup_to(&previous)?;
                copy_pages(&src, &mut current.conn, db)?;
                Some(previous)
            }
            // A file we cannot open is still the user's: move it aside, never delete it.
            Err(e) if e.is_refused_file() => {
                let previous = dated_copy(db, now);
                std::fs::rename(db, &previous).map_err(|e| write_error(&previous, e))?;
                let wal = with_suffix(db, "-wal");
                if wal.exists() {
                    let aside = with_suffix(&previous, "-wal");
                    std::fs::rename(&wal, &aside).map_err(|e| write_error(&aside, e))?;
                }
                let _ = std::fs::remove_file(with_suffix(db, "-shm"));
                copy_to_file(&src, db)?;
                Some(previous)
            }
            Err(e) => return Err(e),
        }
    };
    Ok(RestoreReport {
        database: db.to_path_buf(),
        previous,
        schema_version: report.schema_version,
    })
}

/// One automatic backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    /// When it was taken (from its name), RFC 3339 in UTC.
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub taken_at: DateTime<Utc>,
    pub bytes: u64,
}

/// What [`rolling_backup`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome", content = "path")]
pub enum AutoBackup {
    Written(PathBuf),
    /// The database has not changed since the newest backup.
    Unchanged(PathBuf),
    /// A new, empty database: nothing to keep.
    Empty,
}

/// The folder of automatic backups of the database at `db`.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join(DIR)
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// When the backup named `name` was taken, if `name` is one of `db`'s automatic backups.
fn taken_at(db: &Path, name: &str) -> Option<DateTime<Utc>> {
    let stamp = name
        .strip_prefix(&format!("{}-", stem(db)))?
        .strip_suffix(".sqlite")?;
    if stamp.len() != 15 {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP)
        .ok()
        .map(|t| t.and_utc())
}

/// `db`'s automatic backups, newest first.
pub fn list_backups(db: &Path) -> Result<Vec<BackupFile>, StoreError> {
    let dir = backups_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(StoreError::Read { path: dir, source }),
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(when) = taken_at(db, &name) {
            found.push(BackupFile {
                path: entry.path(),
                taken_at: when,
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            });
        }
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(found)
}

/// The automatic backup of `db` at `path` (as [`list_backups`] named it), or "not found" when
/// it is no longer there: a restore takes only a backup the app listed.
pub fn automatic_backup(db: &Path, path: &str) -> Result<PathBuf, StoreError> {
    list_backups(db)?
        .into_iter()
        .find(|b| b.path.display().to_string() == path)
        .map(|b| b.path)
        .ok_or_else(|| StoreError::NotFound {
            what: format!("the automatic backup {path}"),
        })
}

/// The name a manual backup taken at `now` is offered under.
pub fn manual_backup_name(now: DateTime<Utc>) -> String {
    format!(
        "devops-maturity-backup-{}.sqlite",
        now.format("%Y%m%d-%H%M%S")
    )
}

/// Takes an automatic backup of `store` into [`backups_dir`] and keeps the newest [`KEEP`].
/// Skips an empty database and one identical to the newest backup.
pub fn rolling_backup(store: &Store, now: DateTime<Utc>) -> Result<AutoBackup, StoreError> {
    if store.is_empty()? {
        return Ok(AutoBackup::Empty);
    }
    let db = store.path();
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateDir {
        path: dir.clone(),
        source,
    })?;
    let dest = dir.join(format!("{}-{}.sqlite", stem(db), now.format(STAMP)));
    let fresh = with_suffix(&dest, ".new");
    copy_to_file(&store.conn, &fresh)?;
    let newest = list_backups(db)?.into_iter().next();
    if let Some(newest) = newest {
        let same = match (std::fs::read(&fresh), std::fs::read(&newest.path)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            let _ = std::fs::remove_file(&fresh);
            return Ok(AutoBackup::Unchanged(newest.path));
        }
    }
    std::fs::rename(&fresh, &dest).map_err(|e| write_error(&dest, e))?;
    for old in list_backups(db)?.into_iter().skip(KEEP) {
        std::fs::remove_file(&old.path).map_err(|e| write_error(&old.path, e))?;
    }
    Ok(AutoBackup::Written(dest))
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::exchange::{to_json, Scope};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn export(store: &Store) -> Vec<u8> {
        to_json(&store.export(Scope::All).unwrap()).unwrap()
    }

    fn export_at(path: &Path) -> Vec<u8> {
        export(&Store::open(path).unwrap())
    }

    fn with_team(path: &Path, name: &str) -> Store {
        let mut store = Store::open(path).unwrap();
        store.create_team(name, now()).unwrap();
        store
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_backup_is_a_complete_self_contained_copy() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        let store = with_team(&db, "Booking");
        let copy = dir.path().join("out/copy.sqlite");
        store.backup_to(&copy).unwrap();
        assert!(
            !with_suffix(&copy, "-wal").exists(),
            "the copy needs no -wal file beside it"
        );
        assert_eq!(export_at(&copy), export(&store), "same data");
        assert_eq!(
            store.backup_to(&db).unwrap_err().to_string(),
            format!(
                "cannot write {}: it is the database in use; nothing was written — choose another file",
                db.display()
            )
        );
    }

    /// `backup --out DB-wal` used to "succeed", and the copy's own clean-up then deleted the
    /// live write-ahead log.
    #[test]
    fn a_backup_never_lands_on_the_database_or_its_companions() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        let store = with_team(&db, "Booking");
        let before = export(&store);
        for suffix in ["-wal", "-shm", "-journal", ".lock"] {
            let target = with_suffix(&db, suffix);
            let existed = target.exists();
            let err = store.backup_to(&target).unwrap_err();
            assert!(
                matches!(err, StoreError::OutputRefused { .. }),
                "{suffix}: {err}"
            );
            assert_eq!(target.exists(), existed, "{suffix} was left as it was");
        }
        assert!(
            with_suffix(&db, "-wal").exists(),
            "the live log is still there"
        );
        drop(store);
        assert_eq!(export_at(&db), before, "no acknowledged write was lost");
    }

    #[test]
    fn a_hard_link_to_the_live_database_is_the_live_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        drop(with_team(&db, "Booking"));
        let link = dir.path().join("looks-like-a-backup.sqlite");
        std::fs::hard_link(&db, &link).unwrap();
        let err = restore(&db, &link, now()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "this file is the database in use; choose a backup to restore"
        );
        let names = files(dir.path());
        assert!(
            !names.iter().any(|n| n.contains("before-restore")),
            "nothing was copied aside: {names:?}"
        );
    }

    #[test]
    fn a_backup_from_the_file_leaves_the_open_store_free() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        let mut store = with_team(&db, "Booking");
        let copy = dir.path().join("copy.sqlite");
        backup_file(&db, &copy).unwrap();
        assert_eq!(export_at(&copy), export(&store), "same data");
        // The open store writes on while (and after) the file is copied.
        store.create_team("Loyalty", now()).unwrap();
        assert_ne!(export_at(&copy), export(&store));
        let refused = backup_file(&db, &db).unwrap_err().to_string();
        assert!(
            refused
                .ends_with("it is the database in use; nothing was written — choose another file"),
            "the output guard refuses to copy the database over itself: {refused}"
        );
    }

    #[test]
    fn restore_replaces_the_data_and_keeps_the_previous_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        let backup = dir.path().join("monday.sqlite");
        let store = with_team(&db, "Booking");
        store.backup_to(&backup).unwrap();
        let monday = export(&store);
        drop(store);
        let store = with_team(&db, "Payments");
        let tuesday = export(&store);
        drop(store);

        let report = restore(&db, &backup, now()).unwrap();
        let previous = report.previous.expect("the replaced database is kept");
        assert_eq!(
            previous.file_name().unwrap(),
            "live.db.before-restore-20261123-100000.sqlite"
        );
        assert_eq!(export_at(&db), monday, "the backup's data is back");
        assert_eq!(export_at(&previous), tuesday, "the replaced data is kept");

        let again = restore(&db, &backup, now()).unwrap().previous.unwrap();
        assert_eq!(
            again.file_name().unwrap(),
            "live.db.before-restore-20261123-100000-2.sqlite",
            "a second restore in the same second does not overwrite the first copy"
        );
    }

    #[test]
    fn restore_refuses_a_bad_candidate_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        drop(with_team(&db, "Booking"));
        let before = export_at(&db);

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a database at all, just some words to fill a header.......................................................").unwrap();
        let foreign = dir.path().join("foreign.sqlite");
        rusqlite::Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let newer = dir.path().join("newer.sqlite");
        Store::open(&db).unwrap().backup_to(&newer).unwrap();
        rusqlite::Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        let truncated = dir.path().join("truncated.sqlite");
        let bytes = std::fs::read(&newer).unwrap();
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();

        for (candidate, expected) in [
            (&text, "it is not a SQLite file"),
            (&foreign, "it is a SQLite database of another application"),
            (&newer, "was written by a newer version"),
            (&truncated, "damaged"),
            (&db, "this file is the database in use"),
        ] {
            let err = restore(&db, candidate, now()).unwrap_err().to_string();
            assert!(err.contains(expected), "{}: {err}", candidate.display());
        }
        assert_eq!(export_at(&db), before, "the database is unchanged");
        assert!(
            !files(dir.path())
                .iter()
                .any(|f| f.contains("before-restore")),
            "no copy was needed: {:?}",
            files(dir.path())
        );
    }

    #[test]
    fn a_damaged_database_is_moved_aside_by_a_restore() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("live.db");
        let backup = dir.path().join("good.sqlite");
        with_team(&db, "Booking").backup_to(&backup).unwrap();
        std::fs::write(&db, "garbage that is not SQLite at all, longer than one hundred bytes ................................").unwrap();
        let report = restore(&db, &backup, now()).unwrap();
        let aside = report.previous.unwrap();
        assert!(
            std::fs::read_to_string(&aside)
                .unwrap()
                .starts_with("garbage"),
            "the damaged file is kept as it was"
        );
        assert_eq!(
            Store::open(&db).unwrap().teams().unwrap()[0].name,
            "Booking"
        );
    }

    #[test]
    fn rolling_backups_skip_empty_and_unchanged_databases_and_keep_five() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("devops-maturity.db");
        let mut store = Store::open(&db).unwrap();
        assert_eq!(rolling_backup(&store, now()).unwrap(), AutoBackup::Empty);
        assert!(
            !backups_dir(&db).exists(),
            "nothing written for a new database"
        );

        let mut written = Vec::new();
        for i in 0..7 {
            store.create_team(&format!("Team {i}"), now()).unwrap();
            let at = now() + Duration::hours(i);
            match rolling_backup(&store, at).unwrap() {
                AutoBackup::Written(path) => written.push(path),
                other => panic!("expected a backup, got {other:?}"),
            }
        }
        let unchanged = rolling_backup(&store, now() + Duration::days(1)).unwrap();
        assert_eq!(
            unchanged,
            AutoBackup::Unchanged(written[6].clone()),
            "an unchanged database is not copied again"
        );
        assert_eq!(
            files(&backups_dir(&db)),
            [
                "devops-maturity-20261123-120000.sqlite",
                "devops-maturity-20261123-130000.sqlite",
                "devops-maturity-20261123-140000.sqlite",
                "devops-maturity-20261123-150000.sqlite",
                "devops-maturity-20261123-160000.sqlite",
            ],
            "the newest five are kept"
        );
        let listed = list_backups(&db).unwrap();
        assert_eq!(
            devops_maturity_core::date::written(listed[0].taken_at),
            "2026-11-23T16:00:00Z",
            "newest first"
        );
        assert_eq!(
            Store::open(&listed[0].path).unwrap().teams().unwrap().len(),
            7,
            "a backup opens and holds the data"
        );
        let listed_path = listed[1].path.display().to_string();
        assert_eq!(
            automatic_backup(&db, &listed_path).unwrap(),
            listed[1].path,
            "a listed backup is found by its path"
        );
        let other = dir.path().join("elsewhere.sqlite").display().to_string();
        let err = automatic_backup(&db, &other).unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { .. }) && err.to_string().contains(&other),
            "only a listed backup is restored, and the refusal names the file: {err}"
        );
        assert_eq!(
            manual_backup_name(now()),
            "devops-maturity-backup-20261123-100000.sqlite"
        );
    }
}
