//! When a database cannot be used as it is: one app per database file ([`InstanceLock`]), and a
//! refused file moved out of the way, never deleted and never changed ([`set_aside`]).
//!
//! Neighbours: the Tauri shell takes the lock before opening the store and offers "Start with a
//! fresh database" when [`Store::open`](crate::Store::open) refuses the file; the CLI takes no
//! lock (SQLite's own locking and the busy timeout keep concurrent writes safe).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::{Store, StoreError};

/// Holds `<db>.lock` locked for as long as it lives, so a second app window cannot open the
/// same database. The operating system releases the lock when the process ends, however it
/// ends (a crash leaves no stale lock behind); the empty lock file itself stays.
#[derive(Debug)]
pub struct InstanceLock {
    _file: Option<File>,
}

/// The lock file that guards `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

impl InstanceLock {
    /// Takes the lock for `db`, or fails with [`StoreError::OpenElsewhere`] when another
    /// process holds it. On a file system without locks the app runs unguarded (SQLite still
    /// keeps each write whole), and so it does in a read-only folder, where nobody can write.
    pub fn acquire(db: &Path) -> Result<InstanceLock, StoreError> {
        let path = lock_path(db);
        if crate::open::folder_is_read_only(db) {
            return Ok(InstanceLock { _file: None });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: db.to_path_buf(),
                source,
            })?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Write {
                path: path.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(StoreError::OpenElsewhere {
                path: db.to_path_buf(),
            }),
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                Ok(InstanceLock { _file: None })
            }
            Err(TryLockError::Error(source)) => Err(StoreError::Write { path, source }),
        }
    }
}

impl Store {
    /// How long a write waits for another program's write (default 5 s) before it fails with
    /// [`StoreError::Busy`]. Reads never wait: the database is in WAL mode.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        self.waiting.set_timeout(timeout);
        Ok(())
    }

    /// Calls `report` each time a write finds the database locked by another program and
    /// waits (again), with how many times it had waited before (0 the first time), from the
    /// thread that writes: for a caller that wants to say a write is waiting; the tests use it
    /// to see that a write waited.
    pub fn report_waits(&self, report: impl FnMut(u32) + Send + 'static) {
        self.waiting.report_to(Box::new(report));
    }
}

/// SQLite's files that belong with a database: they move with it, or a new database at the old
/// path would pick up the old write-ahead log.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves `from` to `to` unless `to` exists; `Ok(false)` when it does.
fn move_no_clobber(from: &Path, to: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(from, to) {
        Ok(()) => {
            std::fs::remove_file(from)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        // No hard links on this file system: look, then rename.
        Err(_) if to.exists() => Ok(false),
        Err(_) => std::fs::rename(from, to).map(|()| true),
    }
}

/// Renames the database at `db` (and its `-wal`, `-shm`, `-journal` files when present) to
/// `<name>.unreadable-YYYYMMDD-HHMMSS` beside it, with `-2`, `-3` … added when that name is
/// taken. Not a byte of the file changes and nothing is deleted; afterwards `db` is free for a
/// new database. Returns the new path. `now` is the local time the caller read.
pub fn set_aside(db: &Path, now: NaiveDateTime) -> Result<PathBuf, StoreError> {
    let stamp = now.format("%Y%m%d-%H%M%S");
    let write_error = |path: &Path, source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    if !db.exists() {
        return Err(StoreError::NotFound {
            what: format!("database {}", db.display()),
        });
    }
    for n in 1u32.. {
        let target = if n == 1 {
            with_suffix(db, &format!(".unreadable-{stamp}"))
        } else {
            with_suffix(db, &format!(".unreadable-{stamp}-{n}"))
        };
        if COMPANIONS.iter().any(|s| with_suffix(&target, s).exists()) {
            continue;
        }
        // Companions first: if the database itself cannot move, they are put back.
        let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
        let undo = |moved: &[(PathBuf, PathBuf)]| {
            for (from, to) in moved.iter().rev() {
                let _ = std::fs::rename(to, from);
            }
        };
        for suffix in COMPANIONS {
            let from = with_suffix(db, suffix);
            if !from.exists() {
                continue;
            }
            let to = with_suffix(&target, suffix);
            match move_no_clobber(&from, &to) {
                Ok(true) => moved.push((from, to)),
                Ok(false) => {
                    undo(&moved);
                    return Err(write_error(
                        &to,
                        std::io::Error::from(std::io::ErrorKind::AlreadyExists),
                    ));
                }
                Err(e) => {
                    undo(&moved);
                    return Err(write_error(&from, e));
                }
            }
        }
        match move_no_clobber(db, &target) {
            Ok(true) => return Ok(target),
            Ok(false) => {
                undo(&moved);
                continue;
            }
            Err(e) => {
                undo(&moved);
                return Err(write_error(db, e));
            }
        }
    }
    unreachable!("some numbered name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noon() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(12, 5, 9)
            .unwrap()
    }

    #[test]
    fn a_second_lock_on_the_same_database_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data/studio.db");
        let first = InstanceLock::acquire(&db).expect("the first instance gets the lock");
        let err = InstanceLock::acquire(&db).unwrap_err();
        assert!(matches!(err, StoreError::OpenElsewhere { .. }), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "the database {} is already open in another DevOps Maturity Studio window; switch to that window, or close it and try again",
                db.display()
            )
        );
        InstanceLock::acquire(&dir.path().join("other.db"))
            .expect("another database is another lock");
        drop(first);
        InstanceLock::acquire(&db).expect("free again once the first instance ends");
        assert!(!db.exists(), "the lock never creates the database itself");
    }

    #[test]
    fn set_aside_moves_the_file_and_its_companions_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.db");
        std::fs::write(&db, b"not a database at all").unwrap();
        std::fs::write(with_suffix(&db, "-wal"), b"old log").unwrap();
        let moved = set_aside(&db, noon()).unwrap();
        assert_eq!(
            moved,
            dir.path().join("studio.db.unreadable-20261123-120509")
        );
        assert_eq!(std::fs::read(&moved).unwrap(), b"not a database at all");
        assert_eq!(
            std::fs::read(with_suffix(&moved, "-wal")).unwrap(),
            b"old log",
            "the write-ahead log goes with its database"
        );
        assert!(
            !db.exists() && !with_suffix(&db, "-wal").exists(),
            "the path is free"
        );

        // Twice in the same second: a numbered name, nothing overwritten.
        std::fs::write(&db, b"second").unwrap();
        let again = set_aside(&db, noon()).unwrap();
        assert_eq!(
            again,
            dir.path().join("studio.db.unreadable-20261123-120509-2")
        );
        assert_eq!(std::fs::read(&moved).unwrap(), b"not a database at all");
        assert_eq!(std::fs::read(&again).unwrap(), b"second");
    }

    #[test]
    fn set_aside_of_a_missing_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let err = set_aside(&dir.path().join("none.db"), noon()).unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    }
}
