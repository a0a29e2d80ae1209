//! The store's errors. Callers match on the variant (the shell maps each to an IPC `kind`).

use std::path::PathBuf;

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
    #[error("{path} is in use by another program (another DevOps Maturity Studio window?); close it and try again")]
    Locked { path: PathBuf },
    #[error("cannot create the folder for {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
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
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
