//! The store's errors. Callers match on the variant (the shell maps each to an IPC `kind`).

use std::path::{Path, PathBuf};

/// The folder a file is in, as the user would name it.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a DevOps Maturity Studio database ({reason}); it was left untouched")]
    NotADatabase { path: PathBuf, reason: String },
    #[error(
        "{path} was written by a newer version of DevOps Maturity Studio (schema {found}, this version knows up to {known}); it was left untouched — update the app to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{path} is damaged: {reason}; it was left untouched")]
    Corrupt { path: PathBuf, reason: String },
    #[error("the database {path} is in use by another program (another DevOps Maturity Studio window, or a devops-maturity command still running); nothing was changed — close it and try again")]
    Locked { path: PathBuf },
    /// [`StoreError::Locked`] before the caller has named the file (SQLite's busy answer says
    /// no path): [`StoreError::at`] turns it into `Locked`.
    #[error("the database is in use by another program (another DevOps Maturity Studio window, or a devops-maturity command still running); nothing was changed — close it and try again")]
    Busy,
    #[error("the database {path} is already open in another DevOps Maturity Studio window; switch to that window, or close it and try again")]
    OpenElsewhere { path: PathBuf },
    #[error("cannot create the folder for {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the database {path}: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no platform data folder is known here; set DEVOPS_MATURITY_DB or pass --db")]
    NoDataDir,
    #[error("{0}")]
    Invalid(String),
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("{0}")]
    Conflict(String),
    /// SQLite's own text, once: the error is not also given as a `source`, or a caller printing
    /// the chain (`{:#}`) would repeat it.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A stored value the app never writes, so changed by other means (a status, a time, a
    /// day): the message names the row and the column (`moments::moment_at`,
    /// `assessments::status_at`).
    #[error("the database holds a value this app cannot read: {0}; nothing was changed — restore a backup (Your data, or `devops-maturity restore`) or correct the value")]
    Unreadable(String),
    #[error("cannot write {path}: {reason}; nothing was written — choose another file")]
    OutputRefused { path: PathBuf, reason: String },
    #[error("the folder {folder} is read-only, so the database {path} can only be read; nothing was changed")]
    ReadOnly { folder: PathBuf, path: PathBuf },
    /// [`StoreError::ReadOnly`] before the caller has named the file: [`StoreError::at`] turns
    /// it into `ReadOnly`.
    #[error("the database is read-only; nothing was changed")]
    ReadOnlyDatabase,
    #[error("the disk is full while writing {path}; nothing was changed — free some space and try again")]
    DiskFull { path: PathBuf },
    /// [`StoreError::DiskFull`] before the caller has named the file.
    #[error("the disk is full; nothing was changed — free some space and try again")]
    Full,
}

/// A refused text is an invalid value; the message names the field.
impl From<devops_maturity_core::text::TextError> for StoreError {
    fn from(e: devops_maturity_core::text::TextError) -> StoreError {
        StoreError::Invalid(e.to_string())
    }
}

impl From<rusqlite::Error> for StoreError {
    /// SQLite answers "busy" when another connection kept the database locked for longer than
    /// the busy timeout: that is [`StoreError::Busy`], not a raw database error.
    fn from(e: rusqlite::Error) -> StoreError {
        if let rusqlite::Error::FromSqlConversionFailure(_, _, reason) = &e {
            return StoreError::Unreadable(reason.to_string());
        }
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnlyDatabase,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Names the database file in an error that could not know it ([`StoreError::Busy`],
    /// [`StoreError::ReadOnlyDatabase`], [`StoreError::Full`]).
    pub fn at(self, path: &std::path::Path) -> StoreError {
        match self {
            StoreError::Busy => StoreError::Locked {
                path: path.to_path_buf(),
            },
            StoreError::ReadOnlyDatabase => StoreError::ReadOnly {
                folder: folder_of(path),
                path: path.to_path_buf(),
            },
            StoreError::Full => StoreError::DiskFull {
                path: path.to_path_buf(),
            },
            other => other,
        }
    }

    /// True for the errors [`StoreError::at`] completes with the database's path.
    pub fn names_no_file(&self) -> bool {
        matches!(
            self,
            StoreError::Busy | StoreError::ReadOnlyDatabase | StoreError::Full
        )
    }

    /// The file itself is refused (not ours, from a newer version, damaged): the app may offer
    /// to set it aside and start with a fresh database. Not for a busy or unreadable file.
    pub fn is_refused_file(&self) -> bool {
        matches!(
            self,
            StoreError::NotADatabase { .. }
                | StoreError::NewerSchema { .. }
                | StoreError::Corrupt { .. }
        )
    }
}
