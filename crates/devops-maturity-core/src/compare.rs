//! Comparisons for a classroom workshop: values in, values out.
//!
//! - [`practice`]: the EJ Airways practice round. Each group's answer to each question against
//!   the facilitator's key (distance = |group − key|; "don't know" is counted on its own, never
//!   as a distance), a summary per group and per dimension, and the questions where the groups
//!   disagree with each other (spread of [`DISAGREEMENT_SPREAD`] levels or more), ordered for the
//!   discussion. A group whose answers were given on another version of the questionnaire than
//!   the key's is compared only on the questions both versions ask alike ([`comparable`]).
//! - [`heatmap`]: teams × dimensions for the projector, each cell a score and level or "not
//!   enough answers", with each team's distance from the workshop median of that dimension.
//! - [`class_hot_spots`]: the questions whose votes split a team, over the whole class.
//! - [`change_since`]: a team's change since its previous workshop, dimensions matched by id
//!   (the two workshops may have used different questionnaire versions).
//!
//! Neighbours: the scores come from [`crate::scoring`]; the key from the content crate; the
//! shell gathers a workshop's teams from the store and serialises these results for the UI.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::questionnaire::{DimensionKind, Questionnaire};
use crate::recommendations::KeyAnswer;
use crate::scoring::{level_of, median, shown, Answer, QuestionStat, Summary, DISAGREEMENT_SPREAD};

// ---- The practice round -----------------------------------------------------------------

/// One group's practice answers: question id → a level, or "don't know". "Not applicable" is
/// counted with "don't know" (no level given); levels outside 1–5 and unknown questions are
/// ignored (the store refuses them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    pub name: String,
    pub answers: BTreeMap<String, Answer>,
    /// Questions of the key's questionnaire this group cannot be compared on: it answered on
    /// another version of the questionnaire, which lacks them or words them differently (see
    /// [`comparable`]). Such a question is counted as `not_compared`, never as a level, a
    /// "don't know" or a distance, whatever `answers` holds for it.
    pub not_comparable: BTreeSet<String>,
}

/// The questions of `key_on` (the questionnaire the key was written for) that an answer given
/// on `answered_on` can be compared on: the same id, in the same dimension, with the same text
/// and the same five anchors. The others ask something else, or something the other version
/// did not ask, so a level given there says nothing about the key's question.
pub fn comparable<'q>(key_on: &'q Questionnaire, answered_on: &Questionnaire) -> BTreeSet<&'q str> {
    key_on
        .questions
        .iter()
        .filter(|q| {
            answered_on.question(&q.id).is_some_and(|other| {
                other.dimension == q.dimension && other.text == q.text && other.anchors == q.anchors
            })
        })
        .map(|q| q.id.as_str())
        .collect()
}

/// A group's answer to one question, and how far it is from the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GroupAnswer {
    /// The level the group gave; `None` for "don't know" or no answer.
    pub level: Option<u8>,
    pub dont_know: bool,
    /// |level − key|, when both exist.
    pub distance: Option<u8>,
    /// The group answered on a version of the questionnaire that asks this question
    /// differently (or not at all): no level, no distance (see [`Group::not_comparable`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_compared: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionComparison<'q> {
    pub question_id: &'q str,
    pub dimension_id: &'q str,
    /// The key's level; `None` only when the key does not cover the question.
    pub key: Option<u8>,
    /// One answer per group, in group order.
    pub groups: Vec<GroupAnswer>,
    /// Highest minus lowest level among the groups that gave one (0 with fewer than two).
    pub spread: u8,
    /// The groups are [`DISAGREEMENT_SPREAD`] levels apart or more.
    pub disagreement: bool,
    /// Mean distance from the key of the groups that gave a level.
    pub mean_distance: Option<f64>,
}

/// A group's answer to one question without its distance to the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GroupChoice {
    pub level: Option<u8>,
    pub dont_know: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_compared: bool,
}

/// What the room may see of one question before the facilitator reveals the key: each group's
/// answer and how far apart the groups are. Never a distance to the key: with a group's level
/// and its distance, anyone can work the key out ("4, one level away" and "2, one level away"
/// make it 3). Built by [`QuestionComparison::before_reveal`]; identical whatever the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionBeforeReveal<'q> {
    pub question_id: &'q str,
    pub dimension_id: &'q str,
    /// One per group, in group order.
    pub groups: Vec<GroupChoice>,
    pub spread: u8,
    pub disagreement: bool,
}

impl<'q> QuestionComparison<'q> {
    /// The question as the room sees it until the key is revealed.
    pub fn before_reveal(&self) -> QuestionBeforeReveal<'q> {
        QuestionBeforeReveal {
            question_id: self.question_id,
            dimension_id: self.dimension_id,
            groups: self
                .groups
                .iter()
                .map(|g| GroupChoice {
                    level: g.level,
                    dont_know: g.dont_know,
                    not_compared: g.not_compared,
                })
                .collect(),
            spread: self.spread,
            disagreement: self.disagreement,
        }
    }
}

/// How a group's answers compare with the key, over some set of questions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Questions in the set.
    pub questions: u32,
    /// Questions answered with a level (and covered by the key).
    pub answered: u32,
    pub dont_know: u32,
    pub unanswered: u32,
    /// Questions the group cannot be compared on (answered on another version that asks them
    /// differently): neither answered, nor "don't know", nor unanswered.
    pub not_compared: u32,
    /// Answers at the key's level.
    pub exact: u32,
    /// Answers at most one level from the key (exact ones included).
    pub within_one: u32,
    /// Sum of |answer − key| over the answered questions.
    pub total_distance: u32,
    /// Mean |answer − key| of the answered questions; `None` with none answered.
    pub mean_distance: Option<f64>,
}

impl Tally {
    fn add(&mut self, answer: &GroupAnswer) {
        self.questions += 1;
        if answer.not_compared {
            self.not_compared += 1;
            return;
        }
        match answer.distance {
            Some(d) => {
                self.answered += 1;
                self.exact += u32::from(d == 0);
                self.within_one += u32::from(d <= 1);
                self.total_distance += u32::from(d);
                self.mean_distance =
                    Some(f64::from(self.total_distance) / f64::from(self.answered));
            }
            None if answer.dont_know => self.dont_know += 1,
            None => self.unanswered += 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionTally<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary<'q> {
    pub name: String,
    /// Questions of the questionnaire the key covers …
    pub key_covers: u32,
    /// … and how many of them this group can be compared on (all of them, unless it answered
    /// on another version of the questionnaire).
    pub compared_on: u32,
    /// Over every question of the questionnaire.
    #[serde(flatten)]
    pub overall: Tally,
    /// Per dimension, in questionnaire order.
    pub dimensions: Vec<DimensionTally<'q>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeComparison<'q> {
    /// In group order.
    pub groups: Vec<GroupSummary<'q>>,
    /// In questionnaire order.
    pub questions: Vec<QuestionComparison<'q>>,
    /// Question ids where the groups disagree with each other, in the order to discuss them:
    /// widest spread first, then furthest from the key on average, then questionnaire order.
    pub discussion: Vec<&'q str>,
}

/// Compares each group's practice answers with the key and with each other.
pub fn practice<'q>(
    questionnaire: &'q Questionnaire,
    key: &[KeyAnswer],
    groups: &[Group],
) -> PracticeComparison<'q> {
    let key: BTreeMap<&str, u8> = key
        .iter()
        .filter(|k| (1..=5).contains(&k.level))
        .map(|k| (k.question.as_str(), k.level))
        .collect();
    let mut summaries: Vec<GroupSummary<'q>> = groups
        .iter()
        .map(|g| GroupSummary {
            name: g.name.clone(),
            key_covers: 0,
            compared_on: 0,
            overall: Tally::default(),
            dimensions: questionnaire
                .dimensions
                .iter()
                .map(|d| DimensionTally {
                    dimension_id: d.id.as_str(),
                    name: d.name.as_str(),
                    tally: Tally::default(),
                })
                .collect(),
        })
        .collect();
    let dimension_index: BTreeMap<&str, usize> = questionnaire
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();

    let mut questions = Vec::with_capacity(questionnaire.questions.len());
    for question in &questionnaire.questions {
        let key_level = key.get(question.id.as_str()).copied();
        let answers: Vec<GroupAnswer> = groups
            .iter()
            .map(|g| {
                if g.not_comparable.contains(&question.id) {
                    GroupAnswer {
                        level: None,
                        dont_know: false,
                        distance: None,
                        not_compared: true,
                    }
                } else {
                    group_answer(g.answers.get(&question.id).copied(), key_level)
                }
            })
            .collect();
        let levels = answers.iter().filter_map(|a| a.level);
        let spread = match (levels.clone().min(), levels.max()) {
            (Some(lo), Some(hi)) => hi - lo,
            _ => 0,
        };
        let distances: Vec<f64> = answers
            .iter()
            .filter_map(|a| a.distance.map(f64::from))
            .collect();
        let mean_distance =
            (!distances.is_empty()).then(|| distances.iter().sum::<f64>() / distances.len() as f64);
        let dimension = dimension_index.get(question.dimension.as_str()).copied();
        for (summary, answer) in summaries.iter_mut().zip(&answers) {
            if key_level.is_some() {
                summary.key_covers += 1;
                summary.compared_on += u32::from(!answer.not_compared);
            }
            summary.overall.add(answer);
            if let Some(d) = dimension {
                summary.dimensions[d].tally.add(answer);
            }
        }
        questions.push(QuestionComparison {
            question_id: question.id.as_str(),
            dimension_id: question.dimension.as_str(),
            key: key_level,
            groups: answers,
            spread,
            disagreement: spread >= DISAGREEMENT_SPREAD,
            mean_distance,
        });
    }

    let mut discussion: Vec<(usize, &QuestionComparison<'q>)> = questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.disagreement)
        .collect();
    discussion.sort_by(|(ia, a), (ib, b)| {
        b.spread
            .cmp(&a.spread)
            .then_with(|| {
                b.mean_distance
                    .unwrap_or(0.0)
                    .total_cmp(&a.mean_distance.unwrap_or(0.0))
            })
            .then_with(|| ia.cmp(ib))
    });
    let discussion = discussion.into_iter().map(|(_, q)| q.question_id).collect();

    PracticeComparison {
        groups: summaries,
        questions,
        discussion,
    }
}

fn group_answer(answer: Option<Answer>, key: Option<u8>) -> GroupAnswer {
    match answer {
        Some(Answer::Level(level @ 1..=5)) => GroupAnswer {
            level: Some(level),
            dont_know: false,
            distance: key.map(|k| level.abs_diff(k)),
            not_compared: false,
        },
        Some(Answer::DontKnow | Answer::NotApplicable) => GroupAnswer {
            level: None,
            dont_know: true,
            distance: None,
            not_compared: false,
        },
        Some(Answer::Level(_)) | None => GroupAnswer {
            level: None,
            dont_know: false,
            distance: None,
            not_compared: false,
        },
    }
}

// ---- Heatmap and team vs workshop median --------------------------------------------------

/// One team's scores, dimensions by id (so teams answered against different questionnaire
/// versions still line up). A dimension missing from `dimensions` has "not enough answers".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TeamScores {
    pub name: String,
    pub dimensions: BTreeMap<String, f64>,
    pub overall: Option<f64>,
}

impl TeamScores {
    /// The scored dimensions of a [`Summary`] computed against `questionnaire`.
    pub fn from_summary(name: &str, questionnaire: &Questionnaire, summary: &Summary) -> Self {
        TeamScores {
            name: name.to_string(),
            dimensions: questionnaire
                .dimensions
                .iter()
                .zip(&summary.dimensions)
                .filter_map(|(d, score)| score.map(|s| (d.id.clone(), s)))
                .collect(),
            overall: summary.overall,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatColumn<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    pub kind: DimensionKind,
    /// Median of the teams that have a score here; `None` when none has.
    pub median: Option<f64>,
    /// The median's level (the same rule as a team's: [`level_of`]).
    pub median_level: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatCell {
    /// `None`: not enough answers.
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Score − the column's median.
    pub vs_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeatRow {
    pub team: String,
    /// One cell per column.
    pub cells: Vec<HeatCell>,
    pub overall: Option<f64>,
    pub overall_level: Option<u8>,
    /// Overall − the median of the teams' overall scores.
    pub overall_vs_median: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap<'q> {
    /// The questionnaire's dimensions, in order.
    pub columns: Vec<HeatColumn<'q>>,
    /// One row per team, in the order given.
    pub rows: Vec<HeatRow>,
    pub median_overall: Option<f64>,
    /// The level of [`Heatmap::median_overall`].
    pub median_overall_level: Option<u8>,
}

/// Teams × dimensions, with each cell's distance from the workshop median of its dimension.
pub fn heatmap<'q>(questionnaire: &'q Questionnaire, teams: &[TeamScores]) -> Heatmap<'q> {
    let columns: Vec<HeatColumn<'q>> = questionnaire
        .dimensions
        .iter()
        .map(|d| {
            let scores: Vec<f64> = teams
                .iter()
                .filter_map(|t| t.dimensions.get(&d.id).copied())
                .collect();
            let middle = median(&scores).map(shown);
            HeatColumn {
                dimension_id: d.id.as_str(),
                name: d.name.as_str(),
                kind: d.kind,
                median: middle,
                median_level: middle.map(level_of),
            }
        })
        .collect();
    let overalls: Vec<f64> = teams.iter().filter_map(|t| t.overall).collect();
    let median_overall = median(&overalls).map(shown);
    let rows = teams
        .iter()
        .map(|t| HeatRow {
            team: t.name.clone(),
            cells: columns
                .iter()
                .map(|c| {
                    let score = t.dimensions.get(c.dimension_id).copied();
                    HeatCell {
                        score,
                        level: score.map(level_of),
                        vs_median: difference(score, c.median),
                    }
                })
                .collect(),
            overall: t.overall,
            overall_level: t.overall.map(level_of),
            overall_vs_median: difference(t.overall, median_overall),
        })
        .collect();
    Heatmap {
        columns,
        rows,
        median_overall,
        median_overall_level: median_overall.map(level_of),
    }
}

/// `now − before`, kept to one decimal as scores are (scoring rule 4): the difference of the
/// numbers shown.
fn difference(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(shown(now? - before?))
}

// ---- The class's hot-spots ----------------------------------------------------------------

/// A question whose votes split at least one team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassHotSpot<'q> {
    pub question_id: &'q str,
    pub dimension_id: &'q str,
    /// The widest spread of votes in any team.
    pub spread: u8,
    /// The teams whose votes are [`DISAGREEMENT_SPREAD`] levels apart or more, in team order.
    pub teams: Vec<String>,
}

/// Over every team of the class: the questions whose votes disagree in at least one team,
/// widest spread first, then the most teams, then questionnaire order. `teams` pairs each
/// team's name with its per-question statistics ([`crate::scoring::AssessmentScore::questions`]);
/// questions not in `questionnaire` are left out.
pub fn class_hot_spots<'q>(
    questionnaire: &'q Questionnaire,
    teams: &[(&str, &[QuestionStat<'_>])],
) -> Vec<ClassHotSpot<'q>> {
    let position: BTreeMap<&str, usize> = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut found: BTreeMap<usize, ClassHotSpot<'q>> = BTreeMap::new();
    for (team, stats) in teams {
        for stat in stats.iter().filter(|s| s.disagreement) {
            let Some(&i) = position.get(stat.question_id) else {
                continue;
            };
            let question = &questionnaire.questions[i];
            let spot = found.entry(i).or_insert_with(|| ClassHotSpot {
                question_id: question.id.as_str(),
                dimension_id: question.dimension.as_str(),
                spread: 0,
                teams: Vec::new(),
            });
            spot.spread = spot.spread.max(stat.spread);
            if !spot.teams.iter().any(|t| t == team) {
                spot.teams.push((*team).to_string());
            }
        }
    }
    let mut spots: Vec<(usize, ClassHotSpot<'q>)> = found.into_iter().collect();
    spots.sort_by(|(ia, a), (ib, b)| {
        b.spread
            .cmp(&a.spread)
            .then_with(|| b.teams.len().cmp(&a.teams.len()))
            .then_with(|| ia.cmp(ib))
    });
    spots.into_iter().map(|(_, s)| s).collect()
}

// ---- Change since the previous workshop ---------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionChange<'q> {
    pub dimension_id: &'q str,
    pub name: &'q str,
    pub before: Option<f64>,
    pub now: Option<f64>,
    /// now − before, when both have a score.
    pub change: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamChange<'q> {
    /// The current questionnaire's dimensions, in order.
    pub dimensions: Vec<DimensionChange<'q>>,
    pub overall_before: Option<f64>,
    pub overall_now: Option<f64>,
    pub overall_change: Option<f64>,
}

/// A team's change from `before` (its previous workshop) to `now`, over the dimensions of
/// `questionnaire` (the current one), matched by id.
pub fn change_since<'q>(
    questionnaire: &'q Questionnaire,
    now: &TeamScores,
    before: &TeamScores,
) -> TeamChange<'q> {
    TeamChange {
        dimensions: questionnaire
            .dimensions
            .iter()
            .map(|d| {
                let (b, n) = (
                    before.dimensions.get(&d.id).copied(),
                    now.dimensions.get(&d.id).copied(),
                );
                DimensionChange {
                    dimension_id: d.id.as_str(),
                    name: d.name.as_str(),
                    before: b,
                    now: n,
                    change: difference(n, b),
                }
            })
            .collect(),
        overall_before: before.overall,
        overall_now: now.overall,
        overall_change: difference(now.overall, before.overall),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{score, Choices, Respondent, Scorer};
    use Answer::{DontKnow as DK, Level as L};

    /// Two dimensions: "flow" with questions f1–f4, "care" with c1–c4.
    fn questionnaire() -> Questionnaire {
        Questionnaire::sample([
            ("flow", ["f1", "f2", "f3", "f4"]),
            ("care", ["c1", "c2", "c3", "c4"]),
        ])
    }

    /// The facilitator's key: f1–f4 at 1, 2, 2, 1; c1–c4 at 2, 3, 1, 2.
    fn key() -> Vec<KeyAnswer> {
        [
            ("f1", 1),
            ("f2", 2),
            ("f3", 2),
            ("f4", 1),
            ("c1", 2),
            ("c2", 3),
            ("c3", 1),
            ("c4", 2),
        ]
        .iter()
        .map(|(q, l)| KeyAnswer {
            question: q.to_string(),
            level: *l,
            reason: format!("reason for {q}"),
        })
        .collect()
    }

    fn group(name: &str, answers: &[(&str, Answer)]) -> Group {
        Group {
            name: name.into(),
            answers: answers.iter().map(|(q, a)| (q.to_string(), *a)).collect(),
            not_comparable: BTreeSet::new(),
        }
    }

    #[test]
    fn before_the_reveal_a_question_says_nothing_about_the_key() {
        let q = questionnaire();
        let groups = [
            group("A", &[("f1", L(4)), ("f2", L(2)), ("c1", DK)]),
            group("B", &[("f1", L(2)), ("f2", L(5))]),
        ];
        let shown = |key: &[KeyAnswer]| -> Vec<String> {
            practice(&q, key, &groups)
                .questions
                .iter()
                .map(|c| serde_json::to_string(&c.before_reveal()).unwrap())
                .collect()
        };
        let other_key: Vec<KeyAnswer> = key()
            .into_iter()
            .map(|k| KeyAnswer {
                level: 6 - k.level,
                ..k
            })
            .collect();
        assert_eq!(
            shown(&key()),
            shown(&other_key),
            "what the room sees before the reveal is the same whatever the key"
        );
        let f1 = &practice(&q, &key(), &groups).questions[0];
        assert_eq!(
            f1.groups[0].distance,
            Some(3),
            "the comparison has distances"
        );
        let text = serde_json::to_string(&f1.before_reveal()).unwrap();
        assert!(
            !text.contains("distance") && !text.contains("key"),
            "neither a distance nor the key is sent before the reveal: {text}"
        );
        assert_eq!(
            f1.before_reveal().groups,
            [
                GroupChoice {
                    level: Some(4),
                    dont_know: false,
                    not_compared: false
                },
                GroupChoice {
                    level: Some(2),
                    dont_know: false,
                    not_compared: false
                }
            ]
        );
        assert_eq!(
            f1.before_reveal().spread,
            2,
            "how far apart the groups are stays"
        );
    }

    #[test]
    fn a_groups_answers_are_scored_against_the_key() {
        let q = questionnaire();
        let pilots = group(
            "Pilots",
            &[
                ("f1", L(1)), // key 1: exact
                ("f2", L(4)), // key 2: 2 away
                ("f3", L(3)), // key 2: 1 away
                ("f4", DK),
                ("c1", L(2)), // key 2: exact
                ("c2", L(5)), // key 3: 2 away
                              // c3, c4 unanswered
            ],
        );
        let result = practice(&q, &key(), &[pilots]);
        let summary = &result.groups[0];
        assert_eq!(
            summary.overall,
            Tally {
                questions: 8,
                answered: 5,
                dont_know: 1,
                unanswered: 2,
                not_compared: 0,
                exact: 2,
                within_one: 3,
                total_distance: 5,
                mean_distance: Some(1.0),
            },
            "distances 0, 2, 1, 0, 2: mean 1.0; don't know and unanswered are not distances"
        );
        let flow = &summary.dimensions[0].tally;
        assert_eq!(
            (flow.answered, flow.exact, flow.within_one, flow.dont_know),
            (3, 1, 2, 1)
        );
        assert_eq!(flow.mean_distance, Some(1.0), "(0 + 2 + 1) / 3");
        let care = &summary.dimensions[1].tally;
        assert_eq!((care.answered, care.unanswered), (2, 2));
        assert_eq!(care.mean_distance, Some(1.0), "(0 + 2) / 2");
        let f2 = &result.questions[1];
        assert_eq!(
            (f2.key, f2.groups[0]),
            (
                Some(2),
                GroupAnswer {
                    level: Some(4),
                    dont_know: false,
                    distance: Some(2),
                    not_compared: false
                }
            )
        );
        assert_eq!(
            result.questions[3].groups[0],
            GroupAnswer {
                level: None,
                dont_know: true,
                distance: None,
                not_compared: false
            },
            "don't know is shown as such, never as a distance"
        );
        assert!(
            result.discussion.is_empty(),
            "one group cannot disagree with another"
        );
    }

    #[test]
    fn a_group_that_matches_the_key_everywhere_is_exact_everywhere() {
        let q = questionnaire();
        let perfect = Group {
            name: "Key".into(),
            answers: key()
                .iter()
                .map(|k| (k.question.clone(), L(k.level)))
                .collect(),
            not_comparable: BTreeSet::new(),
        };
        let s = &practice(&q, &key(), &[perfect]).groups[0].overall;
        assert_eq!((s.exact, s.within_one, s.answered), (8, 8, 8));
        assert_eq!(s.mean_distance, Some(0.0));
    }

    #[test]
    fn a_round_answered_on_another_version_is_compared_only_where_both_ask_alike() {
        let key_on = questionnaire();
        // The older version: f2 worded differently, f3 with another level-5 anchor, no c4
        // (new in the key's version), and o9, which the key's version dropped.
        let mut older = Questionnaire::sample([
            ("flow", vec!["f1", "f2", "f3", "f4", "o9"]),
            ("care", vec!["c1", "c2", "c3"]),
        ]);
        older.version = "0.9".into();
        older.questions[1].text = "f2, asked about two things".into();
        older.questions[2].anchors[4] = "Coaches other teams.".into();
        let alike = comparable(&key_on, &older);
        assert_eq!(
            alike.iter().copied().collect::<Vec<_>>(),
            ["c1", "c2", "c3", "f1", "f4"],
            "same id, dimension, text and anchors (a set, in id order)"
        );
        assert_eq!(
            comparable(&key_on, &key_on).len(),
            8,
            "a version is comparable with itself on every question"
        );
        let not_comparable: BTreeSet<String> = key_on
            .questions
            .iter()
            .filter(|q| !alike.contains(q.id.as_str()))
            .map(|q| q.id.clone())
            .collect();
        let old = Group {
            not_comparable,
            ..group(
                "Old",
                &[
                    ("f1", L(1)), // key 1: exact
                    ("f2", L(2)), // the key's level, but to another question
                    ("f3", L(5)), // key 2, on another level-5 anchor
                    ("o9", L(4)), // not in the key's version at all
                    ("c1", L(3)), // key 2: 1 away
                ],
            )
        };
        let new = group("New", &[("f3", L(2)), ("c4", L(2))]);
        let result = practice(&key_on, &key(), &[old.clone(), new.clone()]);
        let summary = &result.groups[0];
        assert_eq!(
            (summary.key_covers, summary.compared_on),
            (8, 5),
            "compared on f1, f4, c1, c2 and c3 of the 8 questions the key covers"
        );
        assert_eq!(
            summary.overall,
            Tally {
                questions: 8,
                answered: 2,
                dont_know: 0,
                unanswered: 3,
                not_compared: 3,
                exact: 1,
                within_one: 2,
                total_distance: 1,
                mean_distance: Some(0.5),
            },
            "f2, f3 and c4 are not compared; f4, c2 and c3 are unanswered"
        );
        let f3 = &result.questions[2];
        assert_eq!(
            f3.groups[0],
            GroupAnswer {
                level: None,
                dont_know: false,
                distance: None,
                not_compared: true
            },
            "the level given to the other wording is neither shown nor a distance"
        );
        assert_eq!(
            (f3.spread, f3.disagreement),
            (0, false),
            "5 on the old wording against 2 on the key's is no disagreement"
        );
        assert!(
            result.questions[2].before_reveal().groups[0].not_compared,
            "the room sees that the group's answer is not compared"
        );
        let same_version = practice(&key_on, &key(), std::slice::from_ref(&new));
        assert_eq!(
            (
                same_version.groups[0].key_covers,
                same_version.groups[0].compared_on
            ),
            (8, 8),
            "a round on the key's version is compared on every question"
        );
        assert_eq!(
            result.groups[1], same_version.groups[0],
            "a round on the key's version is unchanged by another group's version"
        );
    }

    #[test]
    fn disagreements_between_groups_are_ordered_for_discussion() {
        let q = questionnaire();
        let groups = [
            group(
                "A",
                &[("f1", L(1)), ("f2", L(2)), ("c1", L(5)), ("c3", L(1))],
            ),
            group(
                "B",
                &[("f1", L(3)), ("f2", L(5)), ("c1", L(2)), ("c3", L(3))],
            ),
            group("C", &[("f1", L(2)), ("f2", DK), ("c1", L(3)), ("c3", L(2))]),
        ];
        let result = practice(&q, &key(), &groups);
        let f2 = &result.questions[1];
        assert_eq!(
            (f2.spread, f2.disagreement),
            (3, true),
            "levels 2 and 5; C's don't know does not count"
        );
        assert_eq!(
            result.questions[4].mean_distance,
            Some((3.0 + 0.0 + 1.0) / 3.0),
            "c1 against key 2: distances 3, 0, 1"
        );
        assert_eq!(
            result.discussion,
            ["f2", "c1", "f1", "c3"],
            "spread 3 first (f2 before c1: f2's mean distance 1.5 beats c1's 1.33), \
             then spread 2 (f1 and c3 tie on distance 1.0: questionnaire order)"
        );
        assert!(!result.questions[2].disagreement, "nobody answered f3");
    }

    fn team(name: &str, dims: &[(&str, f64)], overall: Option<f64>) -> TeamScores {
        TeamScores {
            name: name.into(),
            dimensions: dims.iter().map(|(d, s)| (d.to_string(), *s)).collect(),
            overall,
        }
    }

    #[test]
    fn the_heatmap_shows_scores_levels_gaps_and_not_enough_answers() {
        let q = questionnaire();
        let teams = [
            team("Web", &[("flow", 2.5), ("care", 4.0)], Some(3.25)),
            team("App", &[("flow", 3.5)], None),
            team("Loyalty", &[("flow", 1.0), ("care", 3.0)], Some(2.0)),
        ];
        let map = heatmap(&q, &teams);
        assert_eq!(map.columns[0].median, Some(2.5), "median of 2.5, 3.5, 1.0");
        assert_eq!(
            map.columns[1].median,
            Some(3.5),
            "App has no care score: median of 4 and 3"
        );
        let app = &map.rows[1];
        assert_eq!(
            app.cells[1],
            HeatCell {
                score: None,
                level: None,
                vs_median: None
            },
            "not enough answers is not a number"
        );
        assert_eq!(
            (app.cells[0].level, app.cells[0].vs_median),
            (Some(3), Some(1.0))
        );
        assert_eq!(map.rows[0].cells[1].vs_median, Some(0.5));
        assert_eq!(
            map.median_overall,
            Some(2.6),
            "the median 2.625, kept to one decimal as scores are"
        );
        assert_eq!(
            map.rows[2].overall_vs_median,
            Some(-0.6),
            "2.0 against the median shown, 2.6"
        );
        assert_eq!(map.rows[0].overall_level, Some(3));
        assert_eq!(
            (map.columns[0].median_level, map.columns[1].median_level),
            (Some(2), Some(3)),
            "a median's level is its team-like level: 2.5 is level 2, 3.5 level 3"
        );
        assert_eq!(map.median_overall_level, Some(2), "2.6 is level 2");
        let none = heatmap(&q, &[team("Empty", &[], None)]);
        assert_eq!(
            (none.columns[0].median_level, none.median_overall_level),
            (None, None),
            "no median, no level"
        );
    }

    #[test]
    fn team_scores_come_from_a_summary() {
        let q = questionnaire();
        let ana = Respondent {
            name: "Ana".into(),
            role: None,
            answers: [("f1", L(2)), ("f2", L(4)), ("c1", L(5))]
                .iter()
                .map(|(k, a)| (k.to_string(), *a))
                .collect(),
            ..Respondent::default()
        };
        let summary = Scorer::new(&q).summary(&[ana], &Choices::default());
        let scores = TeamScores::from_summary("Web", &q, &summary);
        assert_eq!(
            scores.dimensions,
            [("flow".to_string(), 3.0)].into(),
            "care has 1 of 4 answered: left out, so the heatmap shows not enough answers"
        );
        assert_eq!(scores.overall, Some(3.0));
    }

    #[test]
    fn class_hot_spots_merge_the_teams_widest_first() {
        let q = questionnaire();
        let respondent = |answers: &[(&str, Answer)]| Respondent {
            name: "r".into(),
            role: None,
            answers: answers.iter().map(|(k, a)| (k.to_string(), *a)).collect(),
            ..Respondent::default()
        };
        let web = [
            respondent(&[("f1", L(1)), ("c2", L(2))]),
            respondent(&[("f1", L(3)), ("c2", L(5))]),
        ];
        let app = [
            respondent(&[("f1", L(1)), ("c1", L(1))]),
            respondent(&[("f1", L(4)), ("c1", L(3))]),
        ];
        let (web, app) = (
            score(&q, &web, &Choices::default()),
            score(&q, &app, &Choices::default()),
        );
        let spots = class_hot_spots(
            &q,
            &[("Web", &web.questions[..]), ("App", &app.questions[..])],
        );
        let got: Vec<(&str, u8, Vec<String>)> = spots
            .iter()
            .map(|s| (s.question_id, s.spread, s.teams.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("f1", 3, vec!["Web".to_string(), "App".to_string()]),
                ("c2", 3, vec!["Web".to_string()]),
                ("c1", 2, vec!["App".to_string()]),
            ],
            "f1 and c2 both reach 3 levels apart; f1 split two teams"
        );
    }

    #[test]
    fn change_since_the_previous_workshop_matches_dimensions_by_id() {
        let q = questionnaire();
        let before = team("Web", &[("flow", 2.0), ("gone", 4.0)], Some(2.0));
        let now = team("Web", &[("flow", 2.75), ("care", 3.0)], Some(2.9));
        let c = change_since(&q, &now, &before);
        assert_eq!(
            c.dimensions[0].change,
            Some(0.8),
            "2.75 − 2.0, kept to one decimal"
        );
        assert_eq!(
            (c.dimensions[1].before, c.dimensions[1].change),
            (None, None),
            "care had no score last time: no change is shown"
        );
        assert!((c.overall_change.unwrap() - 0.9).abs() < 1e-9);
    }
}
