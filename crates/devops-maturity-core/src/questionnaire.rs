//! The questionnaire: what is asked, and what each level looks like.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DimensionKind {
    Principle,
    Skill,
    Knowledge,
}

impl DimensionKind {
    pub fn label(self) -> &'static str {
        match self {
            DimensionKind::Principle => "DASA principle",
            DimensionKind::Skill => "Skill area",
            DimensionKind::Knowledge => "Knowledge area",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub value: u8,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub kind: DimensionKind,
    pub name: String,
    pub description: String,
    pub weight: f64,
    #[serde(default)]
    pub chapter: Option<String>,
    /// The dimension rates how the team is led (its leaders' own conduct or the room they give
    /// the team): leaders' answers here are shown apart from practitioners'
    /// ([`crate::scoring::RoleSplit`]), since people rate their own leadership higher.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub leadership: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub dimension: String,
    pub text: String,
    /// What levels 1 … 5 look like for this question, in order.
    pub anchors: [String; 5],
    /// The question is in the quick scan ([`Questionnaire::quick_scan`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick: bool,
}

/// A quick scan asks at most this many questions …
pub const QUICK_SCAN_MAX: usize = 24;
/// … and one or two of each dimension, so every dimension can have a score.
pub const QUICK_SCAN_PER_DIMENSION: std::ops::RangeInclusive<usize> = 1..=2;
/// Ends the version of a quick scan's questionnaire ("1.0.0+quick"), so its snapshot is
/// stored apart from the full form's and the history can tell the two apart.
pub const QUICK_SCAN_VERSION: &str = "+quick";

/// Whether a stored questionnaire version is a quick scan's (see [`QUICK_SCAN_VERSION`]).
pub fn is_quick_scan_version(version: &str) -> bool {
    version.ends_with(QUICK_SCAN_VERSION)
}

/// A checked questionnaire: ids unique, every question's dimension exists, five levels,
/// weights positive. Built by the content crate; stored as a snapshot with each assessment so
/// old assessments display against the version they were answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub levels: Vec<Level>,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    /// This is the short form ([`Questionnaire::quick_scan`]), not the full questionnaire.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quick_scan: bool,
}

impl Questionnaire {
    /// The quick scan: the questions marked `quick` (the content check keeps them one or two
    /// per dimension), with the same dimensions, levels and weights, so it is scored by the
    /// same rules; its version ends in [`QUICK_SCAN_VERSION`]. `None` when no question is
    /// marked, or for a quick scan itself.
    pub fn quick_scan(&self) -> Option<Questionnaire> {
        if self.quick_scan || !self.questions.iter().any(|q| q.quick) {
            return None;
        }
        Some(Questionnaire {
            version: format!("{}{QUICK_SCAN_VERSION}", self.version),
            title: format!("{} — quick scan", self.title),
            questions: self.questions.iter().filter(|q| q.quick).cloned().collect(),
            quick_scan: true,
            ..self.clone()
        })
    }

    /// The form in words, for labels: "Quick scan" or "Full questionnaire".
    pub fn form_label(&self) -> &'static str {
        if self.quick_scan {
            "Quick scan"
        } else {
            "Full questionnaire"
        }
    }

    /// A minimal questionnaire for tests and benches: id "test", version "1", levels L1…L5,
    /// and for each `(dimension id, question ids)` one principle of weight 1 named the id in
    /// capitals, whose questions have their id as text and empty anchors.
    #[cfg(any(test, feature = "test-support"))]
    pub fn sample<D, Q>(dimensions: impl IntoIterator<Item = (D, Q)>) -> Questionnaire
    where
        D: AsRef<str>,
        Q: IntoIterator,
        Q::Item: AsRef<str>,
    {
        let mut q = Questionnaire {
            id: "test".into(),
            version: "1".into(),
            title: "Test".into(),
            levels: (1..=5)
                .map(|v| Level {
                    value: v,
                    name: format!("L{v}"),
                    description: String::new(),
                })
                .collect(),
            dimensions: Vec::new(),
            questions: Vec::new(),
            quick_scan: false,
        };
        for (dimension, questions) in dimensions {
            let id = dimension.as_ref().to_string();
            q.questions.extend(questions.into_iter().map(|question| {
                let question = question.as_ref().to_string();
                Question {
                    text: question.clone(),
                    id: question,
                    dimension: id.clone(),
                    anchors: Default::default(),
                    quick: false,
                }
            }));
            q.dimensions.push(Dimension {
                name: id.to_uppercase(),
                id,
                kind: DimensionKind::Principle,
                description: String::new(),
                weight: 1.0,
                chapter: None,
                leadership: false,
            });
        }
        q
    }

    /// Whether two snapshots ask the same: equal apart from the `leadership` and `quick` marks,
    /// which version 1.0.0 gained after it first shipped (a database that stored 1.0.0 before
    /// then holds it without them). An answer means the same against either, so an import
    /// keeps the stored one instead of refusing the file.
    pub fn asks_the_same_as(&self, other: &Questionnaire) -> bool {
        let plain = |q: &Questionnaire| {
            let mut q = q.clone();
            q.dimensions.iter_mut().for_each(|d| d.leadership = false);
            q.questions.iter_mut().for_each(|x| x.quick = false);
            q
        };
        plain(self) == plain(other)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// A question's 1-based place in the questionnaire, as people number them; 0 when the id
    /// is not in it.
    pub fn number_of(&self, question_id: &str) -> usize {
        self.questions
            .iter()
            .position(|x| x.id == question_id)
            .map_or(0, |i| i + 1)
    }

    /// A dimension's name; the id itself when the questionnaire has no such dimension.
    pub fn dimension_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.dimension(id).map_or(id, |d| d.name.as_str())
    }

    /// A question's text; the id itself when the questionnaire has no such question.
    pub fn question_text<'a>(&'a self, id: &'a str) -> &'a str {
        self.question(id).map_or(id, |q| q.text.as_str())
    }

    pub fn questions_of<'a>(
        &'a self,
        dimension: &'a str,
    ) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions
            .iter()
            .filter(move |q| q.dimension == dimension)
    }

    pub fn level_name(&self, level: u8) -> &str {
        self.levels
            .iter()
            .find(|l| l.value == level)
            .map_or("", |l| l.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_numbered_from_one_and_unknown_ids_read_as_themselves() {
        let q = Questionnaire::sample([("flow", ["a", "b"]), ("ops", ["c", "d"])]);
        assert_eq!(q.number_of("a"), 1);
        assert_eq!(q.number_of("d"), 4);
        assert_eq!(q.number_of("zz"), 0);
        assert_eq!(q.dimension_name("ops"), "OPS");
        assert_eq!(q.dimension_name("gone"), "gone");
        assert_eq!(q.question_text("c"), "c");
        assert_eq!(q.question_text("gone"), "gone");
    }

    #[test]
    fn snapshots_that_differ_only_in_their_marks_ask_the_same() {
        let q = Questionnaire::sample([("flow", ["a", "b"])]);
        let mut marked = q.clone();
        marked.dimensions[0].leadership = true;
        marked.questions[1].quick = true;
        assert!(q.asks_the_same_as(&marked) && marked.asks_the_same_as(&q));
        let mut reworded = q.clone();
        reworded.questions[0].anchors[4] = "Coaches other teams.".into();
        assert!(!q.asks_the_same_as(&reworded));
        let mut weighted = q.clone();
        weighted.dimensions[0].weight = 2.0;
        assert!(!q.asks_the_same_as(&weighted));
    }
}
