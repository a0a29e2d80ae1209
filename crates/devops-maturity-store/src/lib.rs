//! Where the app keeps its data: one SQLite file.
//!
//! [`Store::open`] refuses, without writing a byte, a file that is not a SQLite database, a
//! SQLite database of another application, and a database whose schema is newer than this
//! build knows. Otherwise it applies pending migrations (append-only, one transaction each) and
//! sets WAL, `foreign_keys=ON` and `synchronous=FULL`, so an acknowledged write survives a crash.
//!
//! One module per table; each owns its SQL and its migration. Neighbours: the CLI and the Tauri
//! shell open a store; nothing here knows about content files or IPC.

pub mod assessments;
pub mod backup;
pub mod consensus;
pub mod demo;
mod error;
pub mod exchange;
pub mod files;
pub mod groups;
pub mod learners;
pub(crate) mod moments;
pub mod names;
mod open;
pub mod plans;
pub mod practice;
pub mod progress;
pub mod quiz_results;
pub mod recover;
mod schema;
pub mod settings;
pub mod team_csv;
pub mod teams;
pub mod timers;
pub mod trash;
pub mod workshops;
pub(crate) mod write;

use std::path::{Path, PathBuf};

pub use error::StoreError;
pub use groups::Group;
pub use learners::Learner;
pub use open::{inspect, DbReport};
pub use plans::{Plan, PlanItem};
pub use quiz_results::QuizResult;
pub use schema::LATEST_VERSION;
pub use teams::Team;

/// Environment variable that overrides where the database lives.
pub const DB_ENV: &str = "DEVOPS_MATURITY_DB";
/// The app's identifier: the folder name under the platform's data dir (same as Tauri's).
pub const APP_IDENTIFIER: &str = "com.devopsmaturity.studio";
const DB_FILE: &str = "devops-maturity.db";

/// An open, migrated database.
#[derive(Debug)]
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
    read_only: bool,
    /// The busy handler of `conn`: how a write waits for another program's.
    waiting: std::sync::Arc<write::Waiting>,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`. In a read-only folder
    /// it opens an up-to-date database for reading only ([`Store::is_read_only`]): every write
    /// then fails with [`StoreError::ReadOnly`], naming the folder.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut opened = open::open_and_migrate(path)?;
        let waiting = write::Waiting::install(&mut opened.conn, open::BUSY_TIMEOUT)?;
        Ok(Store {
            conn: opened.conn,
            path: path.to_path_buf(),
            read_only: opened.read_only,
            waiting,
        })
    }

    /// True when the database's folder is read-only and the store can only be read.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A fresh database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = open::migrate_in_memory()?;
        let waiting = write::Waiting::install(&mut conn, open::BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
            waiting,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` so that all its writes land together or not at all. Table functions use
    /// savepoints, so they nest inside. At the top level it takes the write lock first
    /// (`BEGIN IMMEDIATE`; see `write.rs`), so another program's write makes it wait, not fail.
    pub fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (begin, commit, rollback) = if self.conn.is_autocommit() {
            ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
        } else {
            (
                "SAVEPOINT outer_write",
                "RELEASE outer_write",
                "ROLLBACK TO outer_write; RELEASE outer_write",
            )
        };
        self.conn.execute_batch(begin)?;
        let result = f(self).and_then(|value| {
            self.conn.execute_batch(commit)?;
            Ok(value)
        });
        if result.is_err() && !self.conn.is_autocommit() {
            self.conn.execute_batch(rollback)?;
        }
        result
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// Where the database lives: `override_path` (from `--db`), else `$DEVOPS_MATURITY_DB`, else
/// the platform's app-data dir (`~/.local/share/com.devopsmaturity.studio/` on Linux).
pub fn resolve_db_path(override_path: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(path) = override_path {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let data = dirs::data_dir().ok_or(StoreError::NoDataDir)?;
    Ok(data.join(APP_IDENTIFIER).join(DB_FILE))
}
