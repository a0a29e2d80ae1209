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

/// One anchor of the questionnaire that an action helps the team reach: the answer `level` of
/// question `question`. Written `question-id:level` in the content (`continuous-delivery-4:4`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnchorRef {
    pub question: String,
    pub level: u8,
}

impl AnchorRef {
    /// Reads `question-id:level`; `None` when there is no `:` or the level is not a number.
    pub fn parse(text: &str) -> Option<AnchorRef> {
        let (question, level) = text.rsplit_once(':')?;
        let level = level.parse().ok()?;
        (!question.is_empty()).then(|| AnchorRef {
            question: question.to_string(),
            level,
        })
    }
}

impl std::fmt::Display for AnchorRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.question, self.level)
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
    /// The anchors the action helps the team reach, all at level `from_level + 1` of questions of
    /// its dimension (content check enforces it): why the action sits at this step.
    #[serde(default)]
    pub anchors: Vec<AnchorRef>,
    /// Ids of earlier actions this one took over (merged into it, or moved here under a new id).
    /// A stored plan item with such an id counts as this action when the plan is regenerated.
    #[serde(default)]
    pub replaces: Vec<String>,
}

/// What a careful facilitator answers for one question about EJ Airways, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyAnswer {
    pub question: String,
    pub level: u8,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_reference_reads_and_writes_question_colon_level() {
        let a = AnchorRef::parse("continuous-delivery-4:4").expect("well formed");
        assert_eq!((a.question.as_str(), a.level), ("continuous-delivery-4", 4));
        assert_eq!(a.to_string(), "continuous-delivery-4:4");
        for bad in [
            "continuous-delivery-4",
            ":4",
            "continuous-delivery-4:four",
            "x:",
        ] {
            assert_eq!(AnchorRef::parse(bad), None, "{bad} is not a reference");
        }
    }
}
