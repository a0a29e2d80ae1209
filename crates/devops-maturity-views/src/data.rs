//! The "Your data" page: the database's path, the automatic backups beside it, what the backup
//! at start-up did, and the names that clash. The rules (when a backup is taken, how many are
//! kept, what a clash is) live in the store's `backup` module and `Store::name_clashes`. And
//! what the commands that write or read a file the person picked return ([`Written`],
//! [`Imported`], [`TeamsImported`], [`Restored`]).

use std::path::Path;

use chrono::{DateTime, Utc};
use devops_maturity_store::backup::{self, AutoBackup, BackupFile};
use devops_maturity_store::exchange::ImportReport;
use devops_maturity_store::team_csv::TeamCsvReport;
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

/// What the automatic backup at start-up did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome")]
pub enum StartupBackup {
    Written {
        path: String,
    },
    Unchanged {
        path: String,
    },
    Empty,
    Failed {
        message: String,
    },
    /// The database did not open, so there was nothing to copy.
    NotRun,
    /// The database's folder is read-only: no backup can be written beside it.
    ReadOnly,
}

/// Takes the rolling backup at start-up. Never fails: a problem is reported on the page (the
/// caller may also print it), and the app starts all the same.
pub fn startup_backup(store: &Result<Store, String>, now: DateTime<Utc>) -> StartupBackup {
    let Ok(store) = store else {
        return StartupBackup::NotRun;
    };
    if store.is_read_only() {
        return StartupBackup::ReadOnly;
    }
    match backup::rolling_backup(store, now) {
        Ok(AutoBackup::Written(path)) => StartupBackup::Written {
            path: path.display().to_string(),
        },
        Ok(AutoBackup::Unchanged(path)) => StartupBackup::Unchanged {
            path: path.display().to_string(),
        },
        Ok(AutoBackup::Empty) => StartupBackup::Empty,
        Err(e) => StartupBackup::Failed {
            message: e.to_string(),
        },
    }
}

/// One automatic backup as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupView {
    pub path: String,
    pub file_name: String,
    /// From the file's name; written RFC 3339 in UTC.
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub taken_at: DateTime<Utc>,
    pub bytes: u64,
}

impl From<BackupFile> for BackupView {
    fn from(b: BackupFile) -> BackupView {
        BackupView {
            file_name: b
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: b.path.display().to_string(),
            taken_at: b.taken_at,
            bytes: b.bytes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataOverview {
    pub db_path: Option<String>,
    pub backups_dir: Option<String>,
    /// Newest first.
    pub backups: Vec<BackupView>,
    pub keep: usize,
    pub startup_backup: StartupBackup,
    /// Teams or learners whose names are one name (`Store::name_clashes`), as sentences.
    pub name_clashes: Vec<String>,
}

impl DataOverview {
    /// The backups beside the database at `db_path` (none when its path is unknown) and the
    /// name twins of `store` (none when it is not open: the page says why elsewhere).
    pub fn new(
        db_path: Option<&Path>,
        store: Option<&Store>,
        startup_backup: StartupBackup,
    ) -> Result<DataOverview, StoreError> {
        let backups = match db_path {
            Some(p) => backup::list_backups(p)?
                .into_iter()
                .map(BackupView::from)
                .collect(),
            None => Vec::new(),
        };
        let name_clashes = match store {
            Some(store) => store
                .name_clashes()?
                .iter()
                .map(ToString::to_string)
                .collect(),
            None => Vec::new(),
        };
        Ok(DataOverview {
            name_clashes,
            db_path: db_path.map(|p| p.display().to_string()),
            backups_dir: db_path.map(|p| backup::backups_dir(p).display().to_string()),
            backups,
            keep: backup::KEEP,
            startup_backup,
        })
    }
}

/// A file written where the person chose (data_export, data_backup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Written {
    pub path: String,
    /// What the file holds, in words.
    pub summary: String,
}

impl Written {
    pub fn at(path: &Path, summary: impl Into<String>) -> Written {
        Written {
            path: path.display().to_string(),
            summary: summary.into(),
        }
    }
}

/// An export file imported (data_import): which file, and what was added or skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub path: String,
    pub report: ImportReport,
}

impl Imported {
    pub fn new(path: &Path, report: ImportReport) -> Imported {
        Imported {
            path: path.display().to_string(),
            report,
        }
    }
}

/// A teams CSV imported (teams_import_csv): which file, and the teams and groups it added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamsImported {
    pub path: String,
    pub report: TeamCsvReport,
}

impl TeamsImported {
    pub fn new(path: &Path, report: TeamCsvReport) -> TeamsImported {
        TeamsImported {
            path: path.display().to_string(),
            report,
        }
    }
}

/// A backup restored (data_restore): where from, and where the replaced database is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    pub restored_from: String,
    /// Where the replaced database is kept.
    pub previous: Option<String>,
}

impl Restored {
    pub fn new(from: &Path, previous: Option<&Path>) -> Restored {
        Restored {
            restored_from: from.display().to_string(),
            previous: previous.map(|p| p.display().to_string()),
        }
    }
}
