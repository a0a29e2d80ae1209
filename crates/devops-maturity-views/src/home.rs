//! The home page's pointer back into unfinished work: each assessment still in progress, with
//! where the wizard resumes ("Platform Team: Ana, dimension 7 of 18"); and the app's status
//! that every page's banner reads ([`AppStatus`]), or, when the database did not open, what
//! the recovery page shows ([`DbProblem`], [`FreshStart`]).

use std::path::Path;

use chrono::{DateTime, Utc};
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

/// Why the database is not open, as the recovery page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DbProblem {
    /// `refused` (the file is not usable: a fresh database can be offered), `open-elsewhere`
    /// (another window has it), `locked` (another program is writing), `unavailable`.
    pub kind: &'static str,
    pub path: Option<String>,
    pub message: String,
}

impl DbProblem {
    /// The problem of the database at `path` (`None` when no path could be found).
    pub fn new(path: Option<&Path>, e: &StoreError) -> DbProblem {
        let kind = match e {
            e if e.is_refused_file() => "refused",
            StoreError::OpenElsewhere { .. } => "open-elsewhere",
            StoreError::Locked { .. } | StoreError::Busy => "locked",
            _ => "unavailable",
        };
        DbProblem {
            kind,
            path: path.map(|p| p.display().to_string()),
            message: e.to_string(),
        }
    }

    /// Only a refused file may be set aside for a fresh database.
    pub fn is_refused(&self) -> bool {
        self.kind == "refused"
    }
}

/// A refused database set aside and a fresh one started at its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FreshStart {
    /// Where the refused file now is.
    pub moved_to: String,
}

impl FreshStart {
    pub fn new(moved_to: &Path) -> FreshStart {
        FreshStart {
            moved_to: moved_to.display().to_string(),
        }
    }
}

/// Whether the database and the course opened, and the app's version: every page's banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppStatus {
    pub db_path: Option<String>,
    /// Why the database did not open.
    pub db_error: Option<String>,
    /// The database's folder, when it is read-only: everything can be looked at, nothing
    /// saved. The UI says so on every page.
    pub read_only: Option<String>,
    /// Why the built-in course did not load.
    pub content_error: Option<String>,
    pub version: String,
}

impl AppStatus {
    /// The status from what the app holds: the database's path, the store as it opened (`None`
    /// while another thread holds it poisoned), the course's problem if any, and the version.
    pub fn new(
        db_path: Option<&Path>,
        store: Option<&Result<Store, String>>,
        content_error: Option<&str>,
        version: &str,
    ) -> AppStatus {
        let (db_error, read_only) = match store {
            Some(Err(message)) => (Some(message.clone()), None),
            Some(Ok(store)) if store.is_read_only() => {
                let folder = store.path().parent().unwrap_or(Path::new("."));
                (None, Some(folder.display().to_string()))
            }
            _ => (None, None),
        };
        AppStatus {
            db_path: db_path.map(|p| p.display().to_string()),
            db_error,
            read_only,
            content_error: content_error.map(str::to_string),
            version: version.to_string(),
        }
    }
}

/// Where an unfinished assessment resumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum Step {
    /// Someone is answering: `person` of `people`, at `dimension` of `dimensions` (1-based):
    /// the first dimension with an unanswered question, as the wizard resumes.
    Answering {
        respondent: String,
        person: usize,
        people: usize,
        dimension: usize,
        dimensions: usize,
        dimension_name: String,
    },
    /// Everyone has answered: targets, DORA and completing are left.
    Finishing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resume {
    pub assessment_id: i64,
    pub team: String,
    /// When it was started; written RFC 3339 in UTC, as stored.
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub started_at: DateTime<Utc>,
    pub step: Step,
}

/// At most this many unfinished assessments are listed (the most recently started).
pub const MAX_LISTED: usize = 5;

/// The unfinished assessments, most recently started first, at most [`MAX_LISTED`].
pub fn resume(store: &Store) -> Result<Vec<Resume>, StoreError> {
    let mut out = Vec::new();
    for row in store
        .assessments_in_progress()?
        .into_iter()
        .take(MAX_LISTED)
    {
        let data = store.assessment_data(row.id)?;
        let q = store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
        let step = match data.answering_now() {
            None => Step::Finishing,
            Some(i) => {
                let answers = &data.answers[i].answers;
                let open = q
                    .dimensions
                    .iter()
                    .position(|d| {
                        q.questions_of(&d.id)
                            .any(|question| !answers.contains_key(&question.id))
                    })
                    .unwrap_or(q.dimensions.len().saturating_sub(1));
                Step::Answering {
                    respondent: data.respondents[i].name.clone(),
                    person: i + 1,
                    people: data.respondents.len(),
                    dimension: open + 1,
                    dimensions: q.dimensions.len(),
                    dimension_name: q
                        .dimensions
                        .get(open)
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                }
            }
        };
        out.push(Resume {
            assessment_id: row.id,
            team: store.team(row.team_id)?.name,
            started_at: row.started_at,
            step,
        });
    }
    Ok(out)
}
