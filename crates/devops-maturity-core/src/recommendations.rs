//! Improvement actions (from content), and the facilitator's answer key for the EJ Airways
//! practice round.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effort {
    S,
    M,
    L,
}

impl Effort {
    pub const ALL: [Effort; 3] = [Effort::S, Effort::M, Effort::L];

    /// The text stored and sent across IPC: `"S"`, `"M"` or `"L"`.
    pub fn code(self) -> &'static str {
        match self {
            Effort::S => "S",
            Effort::M => "M",
            Effort::L => "L",
        }
    }

    pub fn from_code(code: &str) -> Option<Effort> {
        Effort::ALL.into_iter().find(|e| e.code() == code)
    }

    /// For people: "small", "medium", "large".
    pub fn label(self) -> &'static str {
        match self {
            Effort::S => "small",
            Effort::M => "medium",
            Effort::L => "large",
        }
    }
}

/// One recommended action for a dimension, for the step from `from_level` to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub dimension: String,
    pub from_level: u8,
    pub title: String,
    pub why: String,
    pub dora: Vec<String>,
    pub first_steps: Vec<String>,
    pub effort: Effort,
    pub impact: String,
    pub chapter: String,
}

/// What a careful facilitator answers for one question about EJ Airways, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyAnswer {
    pub question: String,
    pub level: u8,
    pub reason: String,
}
