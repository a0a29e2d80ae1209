//! Export and import: everything a user created, as one JSON file that another installation
//! (or this one, after an accident) can read back; and the scores as CSV for spreadsheets.
//!
//! - `format`: the file's layout and records ([`ExportFile`]).
//! - `parse`: [`parse_import`], a pure function from bytes to a checked file (shapes, ranges,
//!   lengths, dates, duplicates), every problem with its JSON path, one module per kind of
//!   record. No database: it is also the fuzz target. `reader` reads the JSON field by field.
//! - `export`: [`Store::export`] reads the database into an [`ExportFile`]; [`to_json`] writes
//!   it. Records are identified by UUIDs (never row ids), lists are in a fixed order and the
//!   file has no export time, so two exports of the same data are byte-identical.
//! - `import`: [`Store::import`] resolves every reference (to the file or to records already
//!   stored), compares records that already exist, and only then writes everything in one
//!   transaction. A record already present and identical is skipped; one that differs is a
//!   conflict, and any conflict aborts the whole import (listing all of them), so nothing is
//!   ever overwritten or half-imported.
//! - `choices`: [`ImportChoices`], what the importer chose for a team or group whose name is
//!   taken by another stored record (map onto it, or rename) and for settings stored with
//!   another value, applied to a copy of the file before the checks above.
//! - `csv`: [`Store::scores_csv`], one row per completed assessment and dimension, RFC 4180
//!   quoting and a guard against spreadsheet formulas.
//!
//! Neighbours: the CLI (`export`, `import`) and the shell's "Your data" page call these; the
//! scores come from `core::scoring` on each assessment's questionnaire snapshot.

mod budget;
mod choices;
mod csv;
mod export;
mod format;
mod import;
mod parse;
mod reader;
#[cfg(test)]
pub(crate) mod tests;

use std::fmt;

pub use budget::TREE_BUDGET;
pub use choices::{parse_rename, Clashes, ImportChoices};
pub use csv::csv_field;
pub use export::{to_json, ExportedFile, Scope};
pub use format::{
    AnswerRecord, AssessmentRecord, ChapterReadRecord, ChoiceRecord, ExportFile, GroupRecord,
    LearnerRecord, PracticeVersion, QuizResultRecord, RespondentRecord, TeamRecord,
    DEVICE_SETTINGS, FORMAT, FORMAT_VERSION, MAX_FILE_BYTES, OLDEST_VERSION,
};
pub use import::{ImportReport, KindCount};
pub use parse::parse_import;

use crate::StoreError;

/// One problem in an import file, or one conflict with the database.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// JSON path such as `$.teams[0].name` or `$.assessments[1].respondents[0].answers["flow-1"]`,
    /// or `line 3, column 5` for a syntax error.
    pub at: String,
    pub message: String,
}

/// How many problems a list shows; the rest are counted ("… and N more").
pub const MAX_LISTED: usize = 1_000;
/// Where the "and N more" line of a cut list points.
const MORE_AT: &str = "…";

impl Problem {
    /// The line that ends a list cut at [`MAX_LISTED`].
    pub(crate) fn and_more(more: usize) -> Problem {
        Problem {
            at: MORE_AT.into(),
            message: format!("and {more} more"),
        }
    }

    /// How many problems this "and N more" line stands for; `None` for a real problem.
    pub fn more(&self) -> Option<usize> {
        if self.at != MORE_AT {
            return None;
        }
        self.message
            .strip_prefix("and ")?
            .strip_suffix(" more")?
            .parse()
            .ok()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why an import did not happen. In every case the database is unchanged.
#[derive(Debug)]
pub enum ImportError {
    /// The file is not a valid export: each problem with its JSON path.
    Invalid(Vec<Problem>),
    /// Records that exist with different content (or a team or learner name already taken by
    /// another record). Nothing was imported.
    Conflicts(Vec<Problem>),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> ImportError {
        ImportError::Store(e)
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> ImportError {
        ImportError::Store(e.into())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, items: &[Problem]| -> fmt::Result {
            for p in items {
                write!(f, "\n  {p}")?;
            }
            Ok(())
        };
        // A list cut at `MAX_LISTED` ends with its "and N more" line, which is not one more.
        let count = |items: &[Problem]| match items.last().and_then(Problem::more) {
            Some(more) => items.len() - 1 + more,
            None => items.len(),
        };
        match self {
            ImportError::Invalid(problems) => {
                write!(
                    f,
                    "the file cannot be imported ({} problem(s)); nothing was changed:",
                    count(problems)
                )?;
                list(f, problems)
            }
            ImportError::Conflicts(conflicts) => {
                write!(
                    f,
                    "{} record(s) in the file differ from what is stored; nothing was imported, nothing was overwritten:",
                    count(conflicts)
                )?;
                list(f, conflicts)
            }
            ImportError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ImportError {}
