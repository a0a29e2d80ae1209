//! The one error that crosses IPC: `{ kind, message }`. The UI switches on `kind`.

use devops_maturity_store::exchange::Clashes;
use devops_maturity_store::StoreError;
use devops_maturity_views::ViewError;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub kind: &'static str,
    pub message: String,
    /// An import's conflicts that the person can settle by a choice (map or rename a name,
    /// keep the stored settings); only on `kind: "conflict"` from `data_import`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clashes: Option<Clashes>,
}

impl CommandError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: message.into(),
            clashes: None,
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> CommandError {
        let kind = match &e {
            StoreError::Invalid(_) | StoreError::OutputRefused { .. } => "invalid",
            StoreError::ReadOnly { .. } | StoreError::ReadOnlyDatabase => "read-only",
            StoreError::Conflict(_) => "conflict",
            StoreError::NotFound { .. } => "not-found",
            // `Busy` names no file; `with_store` puts the path into its message.
            StoreError::Locked { .. } | StoreError::OpenElsewhere { .. } | StoreError::Busy => {
                "locked"
            }
            _ => "database",
        };
        CommandError::new(kind, e.to_string())
    }
}

impl From<ViewError> for CommandError {
    fn from(e: ViewError) -> CommandError {
        match e {
            ViewError::Store(e) => e.into(),
            ViewError::NotFound(message) => CommandError::new("not-found", message),
            ViewError::Invalid(message) => CommandError::new("invalid", message),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
