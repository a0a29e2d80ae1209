//! Opening a database file safely: look before writing, refuse what is not ours.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};
use serde::Serialize;

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
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        _ => StoreError::Sqlite(e),
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
    if app_id == 0 && tables > 0 {
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
    let leftovers = |tmp: &Path| {
        for suffix in ["", "-journal"] {
            let mut p = tmp.as_os_str().to_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    };
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

pub(crate) fn open_and_migrate(path: &Path) -> Result<Connection, StoreError> {
    open_and_migrate_at(path).map_err(|e| e.at(path))
}

fn open_and_migrate_at(path: &Path) -> Result<Connection, StoreError> {
    if !path.exists() {
        create(path)?;
    }
    check_header(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    vet(&conn, path)?;
    configure(&mut conn, path)?;
    schema::migrate(&mut conn).map_err(|e| classify(path, e))?;
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
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
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
