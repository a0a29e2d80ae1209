//! Improvement actions (from content), and the facilitator's answer key for the EJ Airways
//! practice round.

use serde::{Deserialize, Serialize};

use crate::questionnaire::Questionnaire;

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

impl Action {
    /// The anchors it cites, in the words of `q` (the questionnaire an assessment was answered
    /// on), in the order cited. A cited question that `q` does not have, or a level outside its
    /// five anchors, is left out: an old snapshot shows only what it asked.
    pub fn reaches(&self, q: &Questionnaire) -> Vec<Reach> {
        self.anchors
            .iter()
            .filter_map(|a| {
                let question = q.question(&a.question)?;
                let anchor = question.anchors.get(usize::from(a.level).checked_sub(1)?)?;
                Some(Reach {
                    question_id: question.id.clone(),
                    question: question.text.clone(),
                    level: a.level,
                    anchor: anchor.clone(),
                })
            })
            .collect()
    }
}

/// The anchors that the action `action_id` helps reach, in `q`'s words ([`Action::reaches`]).
/// None for the team's own action (`None`) or an id that no action of `actions` has any more
/// (merged away): a plan item's stored text is never matched against the content.
pub fn reaches(actions: &[Action], action_id: Option<&str>, q: &Questionnaire) -> Vec<Reach> {
    action_id
        .and_then(|id| actions.iter().find(|a| a.id == id))
        .map_or_else(Vec::new, |a| a.reaches(q))
}

/// One anchor of a questionnaire that an action helps reach, spelled out: the question's text
/// and what the answer at `level` says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reach {
    pub question_id: String,
    pub question: String,
    pub level: u8,
    pub anchor: String,
}

impl Reach {
    /// "How is a new version deployed to production? — level 2: By partly scripted steps …"
    pub fn line(&self) -> String {
        format!("{} — level {}: {}", self.question, self.level, self.anchor)
    }
}

/// "Helps you reach: <question> — level N: <anchor>", the anchors joined by "; "; `None` when
/// there are none. The one line the PDF and the CLI print under an action.
pub fn helps_reach_line(reaches: &[Reach]) -> Option<String> {
    (!reaches.is_empty()).then(|| {
        let lines: Vec<String> = reaches.iter().map(Reach::line).collect();
        format!("Helps you reach: {}", lines.join("; "))
    })
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

    fn action(id: &str, anchors: &[&str]) -> Action {
        Action {
            id: id.into(),
            dimension: "flow".into(),
            from_level: 1,
            title: "Script the deployment".into(),
            why: String::new(),
            dora: Vec::new(),
            first_steps: Vec::new(),
            effort: Effort::S,
            impact: String::new(),
            chapter: String::new(),
            anchors: anchors.iter().filter_map(|a| AnchorRef::parse(a)).collect(),
            replaces: Vec::new(),
        }
    }

    #[test]
    fn an_action_reaches_its_anchors_in_the_words_of_the_questionnaire_given() {
        let mut q = Questionnaire::sample([("flow", ["q1", "q2"])]);
        for question in &mut q.questions {
            question.anchors = [1, 2, 3, 4, 5].map(|l| format!("{} at level {l}", question.id));
        }
        let actions = [action("script", &["q2:2", "gone:2", "q1:6", "q1:0"])];
        let reached = reaches(&actions, Some("script"), &q);
        assert_eq!(
            reached,
            vec![Reach {
                question_id: "q2".into(),
                question: "q2".into(),
                level: 2,
                anchor: "q2 at level 2".into(),
            }],
            "a question the questionnaire lacks and levels outside 1…5 are left out"
        );
        assert_eq!(
            helps_reach_line(&reached).unwrap(),
            "Helps you reach: q2 — level 2: q2 at level 2"
        );
        let two = [action("both", &["q1:2", "q2:2"])];
        assert_eq!(
            helps_reach_line(&reaches(&two, Some("both"), &q)).unwrap(),
            "Helps you reach: q1 — level 2: q1 at level 2; q2 — level 2: q2 at level 2"
        );
        assert_eq!(reaches(&actions, None, &q), [], "the team's own action");
        assert_eq!(
            reaches(&actions, Some("merged"), &q),
            [],
            "an action merged away"
        );
        assert_eq!(helps_reach_line(&[]), None);
    }
}
