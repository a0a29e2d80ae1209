//! Where an assessment stands: being answered, or completed and frozen.
//!
//! The store keeps the status as text (`in-progress`, `completed`), the export file and the
//! IPC carry the same text; everything in between holds an [`AssessmentStatus`], so no code
//! compares status strings.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentStatus {
    /// People are still answering; answers, roles and agreed levels may change.
    InProgress,
    /// Finished: the answers are frozen and the assessment counts in reports and history.
    Completed,
}

impl AssessmentStatus {
    pub const ALL: [AssessmentStatus; 2] =
        [AssessmentStatus::InProgress, AssessmentStatus::Completed];

    /// The text stored, exported and sent across IPC.
    pub fn code(self) -> &'static str {
        match self {
            AssessmentStatus::InProgress => "in-progress",
            AssessmentStatus::Completed => "completed",
        }
    }

    /// The status a stored or imported text names; `None` for any other text (the caller
    /// says where it was found).
    pub fn from_code(code: &str) -> Option<AssessmentStatus> {
        AssessmentStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// For people: "in progress", not "in-progress".
    pub fn label(self) -> &'static str {
        match self {
            AssessmentStatus::InProgress => "in progress",
            AssessmentStatus::Completed => "completed",
        }
    }

    pub fn is_completed(self) -> bool {
        self == AssessmentStatus::Completed
    }

    /// The codes, for a message that says what is allowed: `"in-progress" or "completed"`.
    pub fn expected() -> String {
        crate::codes::quoted_or_list(AssessmentStatus::ALL.map(AssessmentStatus::code))
    }
}

#[cfg(test)]
mod tests {
    use super::AssessmentStatus;

    #[test]
    fn the_codes_are_the_stored_and_serialised_text() {
        for s in AssessmentStatus::ALL {
            assert_eq!(
                AssessmentStatus::from_code(s.code()),
                Some(s),
                "{s:?} round-trips"
            );
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code()),
                "the IPC and the export carry the stored code"
            );
            assert_eq!(
                serde_json::from_str::<AssessmentStatus>(&format!("\"{}\"", s.code())).unwrap(),
                s
            );
        }
        for other in ["", "Completed", "in progress", "done", " completed"] {
            assert_eq!(
                AssessmentStatus::from_code(other),
                None,
                "`{other}` is no status"
            );
        }
    }
}
