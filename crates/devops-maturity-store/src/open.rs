//! Opening a database file safely: look before writing, refuse what is not ours.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;

use crate::error::folder_of;
use crate::schema::{self, APPLICATION_ID, LATEST_VERSION};
use crate::StoreError;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// How long a write waits for another program's write to finish before giving up with
/// [`StoreError::Busy`].
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What `db check` reports.
#[derive(Debug, Clone, Serialize)]
pub struct DbReport {
    pub path: PathBuf,
    pub schema_version: u32,
    pub latest_version: u32,
    /// `PRAGMA integrity_check` rows: `["ok"]` for a healthy database.
    pub integrity: Vec<String>,
}

impl DbReport {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"] && self.schema_version <= self.latest_version
    }
}

/// Checks the first bytes of an existing file: SQLite databases start with a fixed header.
fn check_header(path: &Path) -> Result<(), StoreError> {
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
    }
    let not_db = |reason: &str| {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        })
    };
    if read == 0 {
        return not_db("the file is empty");
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return not_db("it is not a SQLite file");
    }
    Ok(())
}

/// Maps SQLite's answer while inspecting a file to an error that says what is wrong with it.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path,
            reason: "it is not a SQLite file".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            reason: e.to_string(),
        },
        _ => StoreError::from(e).at(&path),
    }
}

/// Reads the ids in the header and runs `quick_check`, without writing anything.
fn vet(conn: &Connection, path: &Path) -> Result<u32, StoreError> {
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason: "it belongs to another application".into(),
        });
    }
    // Not stamped as ours: only a truly blank SQLite file (no table, no schema version) is
    // adopted. A table-less file with a `user_version` is someone else's, however empty.
    if app_id == 0 && (tables > 0 || version != 0) {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason: "it is a SQLite database of another application".into(),
        });
    }
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: LATEST_VERSION,
        });
    }
    let check: String = conn
        .pragma_query_value(None, "quick_check", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if check != "ok" {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: check,
        });
    }
    Ok(version)
}

fn configure(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    // `transaction()` then takes the write lock first; see `write.rs`.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Creates a new, fully migrated database at `path` without ever leaving a half-made file
/// there: it is built beside it under a temporary name and renamed into place. A process
/// killed on its first start therefore leaves either no database or a complete one — never the
/// empty file SQLite creates before its first write, which the next start would refuse.
fn create(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".creating-{}", std::process::id()));
    let tmp = path.with_file_name(name);
    let leftovers = remove_build;
    leftovers(&tmp);
    let built = (|| {
        let mut conn = Connection::open_with_flags(
            &tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        schema::migrate(&mut conn)?;
        conn.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = built {
        leftovers(&tmp);
        return Err(classify(path, e));
    }
    // A hard link never replaces a database another process created meanwhile; file systems
    // without hard links get a rename.
    let placed = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => std::fs::rename(&tmp, path),
    };
    leftovers(&tmp);
    placed.map_err(|source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    })
}

/// An open database, and whether it could only be opened for reading.
pub(crate) struct Opened {
    pub(crate) conn: Connection,
    pub(crate) read_only: bool,
}

/// Removes a database being built under a temporary name, with its journal.
fn remove_build(tmp: &Path) {
    for suffix in ["", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(tmp, suffix));
    }
}

/// `<db>.creating-PID` files beside `path` whose process is gone: a first start killed while it
/// built the database. A build of a process still alive is left alone.
fn abandoned_builds(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let prefix = format!("{name}.creating-");
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let file = entry.file_name();
            let pid: u32 = file.to_str()?.strip_prefix(&prefix)?.parse().ok()?;
            (pid != std::process::id() && !process_alive(pid)).then(|| entry.path())
        })
        .collect()
}

/// Whether process `pid` is running, where the system lists processes in `/proc`. Elsewhere
/// every build is taken to be alive: nothing is removed.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

pub(crate) fn open_and_migrate(path: &Path) -> Result<Opened, StoreError> {
    open_and_migrate_at(path).map_err(|e| e.at(path))
}

fn open_and_migrate_at(path: &Path) -> Result<Opened, StoreError> {
    let read_only = folder_is_read_only(path);
    if !read_only {
        for dead in abandoned_builds(path) {
            remove_build(&dead);
        }
    }
    if !path.exists() {
        if read_only {
            return Err(StoreError::ReadOnlyDatabase);
        }
        create(path)?;
    }
    check_header(path)?;
    if read_only {
        let conn = open_for_reading(path, true)?;
        let version = vet(&conn, path)?;
        if version != LATEST_VERSION {
            return Err(StoreError::Invalid(format!(
                "the database {} needs an update to this version of the app (schema {version} → {LATEST_VERSION}), but its folder {} is read-only; nothing was changed",
                path.display(),
                folder_of(path).display()
            )));
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        return Ok(Opened {
            conn,
            read_only: true,
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    vet(&conn, path)?;
    configure(&mut conn, path)?;
    schema::migrate(&mut conn).map_err(|e| classify(path, e))?;
    Ok(Opened {
        conn,
        read_only: false,
    })
}

/// True when nothing may be created in the folder of `path` (permissions, or a read-only
/// file system): the database there can be read, never written. Root may write despite
/// permission bits, and then the folder is not read-only.
pub(crate) fn folder_is_read_only(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{accessat, Access, AtFlags, CWD};
        match accessat(CWD, folder_of(path), Access::WRITE_OK, AtFlags::EACCESS) {
            Ok(()) => false,
            Err(e) => e == rustix::io::Errno::ACCESS || e == rustix::io::Errno::ROFS,
        }
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(folder_of(path)).is_ok_and(|m| m.permissions().readonly())
    }
}

/// `file:` URI of `path` with `?immutable=1`: every byte but unreserved ones and `/`
/// percent-encoded, so `?`, `#` and `%` in a name stay part of it.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    std::path::PathBuf::from(s)
}

/// Opens `path` only to read it, leaving nothing beside it that was not there before.
///
/// In WAL mode even a read-only connection creates `-wal` and `-shm` (and cannot remove them
/// when it closes). So: when the database has no `-wal` and its folder is read-only, nobody can
/// write to it and it is opened as immutable (no locks, no files). When it has no `-wal` in a
/// writable folder, it is opened for writing with `query_only` set — SQLite refuses every
/// write, and the connection removes its `-wal`/`-shm` as it closes like any last connection.
/// Otherwise (another program has it open, or left a log or journal) it is opened read-only.
fn open_for_reading(path: &Path, read_only_folder: bool) -> Result<Connection, StoreError> {
    let companions = ["-wal", "-shm", "-journal"]
        .iter()
        .any(|suffix| with_suffix(path, suffix).exists());
    let conn = if !companions && read_only_folder {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else if !companions {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
    .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "query_only", true)
        .map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

pub(crate) fn migrate_in_memory() -> Result<Connection, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// Opens `path` read-only and reports its schema version and `PRAGMA integrity_check`.
/// Never creates or changes the file.
pub fn inspect(path: &Path) -> Result<DbReport, StoreError> {
    if !path.exists() {
        return Err(StoreError::NotFound {
            what: format!("database {}", path.display()),
        });
    }
    check_header(path)?;
    let conn = open_for_reading(path, folder_is_read_only(path))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            reason: "it is a SQLite database of another application".into(),
        });
    }
    let schema_version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| classify(path, e))?;
    let integrity = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(|e| classify(path, e))?;
    Ok(DbReport {
        path: path.to_path_buf(),
        schema_version,
        latest_version: LATEST_VERSION,
        integrity,
    })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use crate::Store;

    /// SQLite's "database or disk is full" names no file; the store's error does, once the
    /// caller gives the path (`at`), as the CLI and the app do.
    #[test]
    fn a_full_database_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("studio.db");
        let mut store = Store::open(&db).unwrap();
        let pages: i64 = store
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        // The same answer as a full disk: SQLITE_FULL.
        store
            .conn
            .pragma_update(None, "max_page_count", pages + 1)
            .unwrap();
        let err = (0..10_000)
            .find_map(|i| {
                store
                    .create_team(&format!("Team {i} {}", "x".repeat(90)), Utc::now())
                    .err()
            })
            .expect("the page limit is reached");
        assert_eq!(
            err.at(&db).to_string(),
            format!(
                "the disk is full while writing {}; nothing was changed — free some space and try again",
                db.display()
            )
        );
    }
}
