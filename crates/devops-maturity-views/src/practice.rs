//! The EJ Airways practice round of a workshop: each group's answers, and their comparison with
//! the facilitator's key.
//!
//! The key's level and reason for a question, and each group's distance to it, are in no view
//! but [`key`], which the comparison page asks for when the facilitator presses "Reveal
//! reasoning": per question, [`comparison`] sends only `QuestionComparison::before_reveal`
//! (with the groups' levels on screen, a distance would give the key away).
//!
//! Each answer was given on some version of the questionnaire (the store records it). The key
//! is written for today's; a group that answered on another version is compared only on the
//! questions both versions ask alike ([`compare::comparable`], with the other version's text
//! from the database's stored snapshots), and its summary says so in `version_note`. An answer
//! whose version is unknown, or whose version the database holds no snapshot of, is compared
//! only where every version the database knows asks alike.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use devops_maturity_content::AssessmentContent;
use devops_maturity_core::compare::{self, GroupAnswer, GroupSummary, QuestionBeforeReveal};
use devops_maturity_core::questionnaire::is_quick_scan_version;
use devops_maturity_core::scoring::DISAGREEMENT_SPREAD;
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::practice::PracticeGroup as StoredGroup;
use devops_maturity_store::workshops::Workshop;
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

use crate::ViewError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeGroup {
    pub workshop_team_id: i64,
    pub team_name: String,
    /// Question id → `"1"` … `"5"` or `"dont-know"`: the answers compared with the key.
    pub answers: BTreeMap<String, String>,
    /// Answers given on another version of the questionnaire that asks the question
    /// differently, or not at all today: not compared until the group answers again.
    pub earlier: BTreeMap<String, EarlierAnswer>,
}

/// An answer given on another version of the questionnaire, which asks the question
/// differently (or whose wording is unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EarlierAnswer {
    /// `"1"` … `"5"` or `"dont-know"`.
    pub answer: String,
    /// The version it was given on; `None` when it cannot be told.
    pub questionnaire_version: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeRound<'q> {
    pub workshop: Workshop,
    /// The questionnaire the key was written for (today's).
    pub questionnaire: &'q Questionnaire,
    pub groups: Vec<PracticeGroup>,
}

/// A workshop's practice round: the questionnaire and each group's answers so far.
pub fn round<'q>(
    store: &Store,
    questionnaire: &'q Questionnaire,
    workshop_id: i64,
) -> Result<PracticeRound<'q>, StoreError> {
    let workshop = store.workshop(workshop_id)?.workshop;
    let stored = store.practice_round(workshop_id)?;
    let alike = Alike::of(store, questionnaire, &stored)?;
    let groups = stored
        .into_iter()
        .map(|g| {
            let set_aside = alike.not_comparable(&g);
            let mut group = PracticeGroup {
                workshop_team_id: g.workshop_team_id,
                team_name: g.team_name,
                answers: BTreeMap::new(),
                earlier: BTreeMap::new(),
            };
            for (question, answer) in g.answers {
                let Some(code) = answer.code() else { continue };
                // Set aside, or asked on an earlier version only (1.1.0 dropped end-to-end-5).
                if set_aside.contains(&question) || questionnaire.question(&question).is_none() {
                    let version = g.answered_on.get(&question).cloned().flatten();
                    let earlier = EarlierAnswer {
                        answer: code,
                        questionnaire_version: version,
                    };
                    group.earlier.insert(question, earlier);
                } else {
                    group.answers.insert(question, code);
                }
            }
            group
        })
        .collect();
    Ok(PracticeRound {
        workshop,
        questionnaire,
        groups,
    })
}

/// Versions of the questionnaire a group answered on; `None` in the list is unknown.
pub type Versions = Vec<Option<String>>;

/// Which questions of the key's questionnaire an answer given on each version can be compared
/// on, for the versions a workshop's groups answered on.
struct Alike<'q> {
    key_on: &'q Questionnaire,
    /// Version (`None`: unknown) → the question ids it asks as the key's version does.
    by_version: BTreeMap<Option<String>, BTreeSet<&'q str>>,
}

impl<'q> Alike<'q> {
    fn of(
        store: &Store,
        key_on: &'q Questionnaire,
        groups: &[StoredGroup],
    ) -> Result<Alike<'q>, StoreError> {
        let every: BTreeSet<&'q str> = key_on.questions.iter().map(|q| q.id.as_str()).collect();
        let versions: BTreeSet<&Option<String>> =
            groups.iter().flat_map(|g| g.answered_on.values()).collect();
        let mut by_version = BTreeMap::new();
        // Only what every stored version asks alike, for an answer whose own wording is
        // unknown: read once, and only when needed.
        let mut everywhere: Option<BTreeSet<&'q str>> = None;
        for version in versions {
            let snapshot = match version {
                Some(v) if *v == key_on.version => {
                    by_version.insert(version.clone(), every.clone());
                    continue;
                }
                Some(v) => match store.questionnaire_snapshot(&key_on.id, v) {
                    Ok(snapshot) => Some(snapshot),
                    Err(StoreError::NotFound { .. }) => None,
                    Err(e) => return Err(e),
                },
                None => None,
            };
            let alike = match snapshot {
                Some(snapshot) => compare::comparable(key_on, &snapshot),
                None => match &everywhere {
                    Some(set) => set.clone(),
                    None => {
                        let mut set = every.clone();
                        for v in store.questionnaire_versions(&key_on.id)? {
                            if v == key_on.version || is_quick_scan_version(&v) {
                                continue;
                            }
                            let known = store.questionnaire_snapshot(&key_on.id, &v)?;
                            let alike = compare::comparable(key_on, &known);
                            set.retain(|id| alike.contains(id));
                        }
                        everywhere = Some(set.clone());
                        set
                    }
                },
            };
            by_version.insert(version.clone(), alike);
        }
        Ok(Alike { key_on, by_version })
    }

    fn asks_alike(&self, version: &Option<String>, question: &str) -> bool {
        self.by_version
            .get(version)
            .is_some_and(|set| set.contains(question))
    }

    /// The questions `group` cannot be compared on: those it answered on a version that asks
    /// them differently, and, for a round answered only on other versions, those none of them
    /// asks alike (it could not have answered them there). Unanswered questions of a round
    /// that has answers on the key's version stay unanswered: the group can answer them now.
    fn not_comparable(&self, group: &StoredGroup) -> BTreeSet<String> {
        let versions: BTreeSet<&Option<String>> = group.answered_on.values().collect();
        let on_key = versions.contains(&Some(self.key_on.version.clone()));
        self.key_on
            .questions
            .iter()
            .filter(|q| match group.answered_on.get(&q.id) {
                Some(version) => !self.asks_alike(version, &q.id),
                None => {
                    !versions.is_empty()
                        && !on_key
                        && versions.iter().all(|v| !self.asks_alike(v, &q.id))
                }
            })
            .map(|q| q.id.clone())
            .collect()
    }

    /// The versions `group` answered on, when any is not the key's: in text order, unknown
    /// last.
    fn other_versions(&self, group: &StoredGroup) -> Option<Versions> {
        let mut versions: Vec<Option<String>> = group
            .answered_on
            .values()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if versions
            .iter()
            .all(|v| v.as_deref() == Some(self.key_on.version.as_str()))
        {
            return None;
        }
        versions.sort_by_key(|v| (v.is_none(), v.clone()));
        Some(versions)
    }
}

/// "Answered on questionnaire 1.0.0; compared on 70 of 83 questions the key covers."
fn version_note(versions: &[Option<String>], summary: &GroupSummary<'_>) -> String {
    let names: Vec<String> = versions
        .iter()
        .map(|v| v.clone().unwrap_or_else(|| "an unknown version".into()))
        .collect();
    let on = match (versions, names.split_last()) {
        ([None], _) => {
            "a questionnaire version that cannot be told (saved before versions were recorded)"
                .to_string()
        }
        (_, Some((last, rest))) if !rest.is_empty() => {
            format!("questionnaires {} and {last}", rest.join(", "))
        }
        (_, Some((only, _))) => format!("questionnaire {only}"),
        (_, None) => "no questionnaire yet".to_string(),
    };
    format!(
        "Answered on {on}; compared on {} of {} questions the key covers.",
        summary.compared_on, summary.key_covers
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct ComparedQuestion<'q> {
    pub id: &'q str,
    pub number: usize,
    pub dimension: &'q str,
    pub text: &'q str,
    /// The question id, its dimension id, each group's answer (one per group, in group order)
    /// and the spread; neither the key nor a distance to it (see [`key`]).
    #[serde(flatten)]
    pub before_reveal: QuestionBeforeReveal<'q>,
}

/// A group's summary against the key, and the questionnaire versions it answered on.
#[derive(Debug, Clone, Serialize)]
pub struct ComparedGroup<'q> {
    #[serde(flatten)]
    pub summary: GroupSummary<'q>,
    /// The versions of the questionnaire the group answered on, when one is not the key's
    /// (`None` in the list: unknown); `None` for a round answered on the key's version.
    pub answered_on: Option<Versions>,
    /// "Answered on questionnaire 1.0.0; compared on 70 of 83 questions the key covers.", with
    /// `answered_on`.
    pub version_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'q> {
    pub workshop: Workshop,
    /// The version of the questionnaire the key is written for.
    pub key_version: &'q str,
    pub groups: Vec<ComparedGroup<'q>>,
    pub questions: Vec<ComparedQuestion<'q>>,
    /// Question ids where the groups disagree, in the order to discuss them.
    pub discussion: Vec<&'q str>,
    pub disagreement_spread: u8,
}

/// The groups' practice answers of a workshop compared with the key (each on the questions its
/// answers can be compared on), and the versions each group answered on when not the key's.
fn compared<'q>(
    store: &Store,
    assessment: &'q AssessmentContent,
    workshop_id: i64,
) -> Result<(compare::PracticeComparison<'q>, Vec<Option<Versions>>), StoreError> {
    let stored = store.practice_round(workshop_id)?;
    let alike = Alike::of(store, &assessment.questionnaire, &stored)?;
    let versions = stored.iter().map(|g| alike.other_versions(g)).collect();
    let groups: Vec<compare::Group> = stored
        .iter()
        .map(|g| compare::Group {
            name: g.team_name.clone(),
            answers: g.answers.clone(),
            not_comparable: alike.not_comparable(g),
        })
        .collect();
    let result = compare::practice(&assessment.questionnaire, &assessment.key, &groups);
    Ok((result, versions))
}

/// Every group's answers against each other, question by question, with a summary per group
/// and per dimension against the key. Per question, no distance to the key: see [`key`].
pub fn comparison<'q>(
    store: &Store,
    assessment: &'q AssessmentContent,
    workshop_id: i64,
) -> Result<Comparison<'q>, StoreError> {
    let q = &assessment.questionnaire;
    let workshop = store.workshop(workshop_id)?.workshop;
    let (result, versions) = compared(store, assessment, workshop_id)?;
    let questions = result
        .questions
        .into_iter()
        .map(|c| ComparedQuestion {
            id: c.question_id,
            number: q.number_of(c.question_id),
            dimension: q.dimension_name(c.dimension_id),
            text: q.question_text(c.question_id),
            before_reveal: c.before_reveal(),
        })
        .collect();
    let groups = result
        .groups
        .into_iter()
        .zip(versions)
        .map(|(summary, answered_on)| ComparedGroup {
            version_note: answered_on.as_deref().map(|v| version_note(v, &summary)),
            answered_on,
            summary,
        })
        .collect();
    Ok(Comparison {
        workshop,
        key_version: &q.version,
        groups,
        questions,
        discussion: result.discussion,
        disagreement_spread: DISAGREEMENT_SPREAD,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyView {
    pub question_id: String,
    pub level: u8,
    pub level_name: String,
    pub reason: String,
    /// Each group of the workshop with its answer and its distance to the key, in group order.
    pub groups: Vec<GroupAnswer>,
    pub mean_distance: Option<f64>,
}

/// The facilitator's key for one question: the expected level and why, from the case, and how
/// far each group of the workshop was from it.
pub fn key(
    store: &Store,
    assessment: &AssessmentContent,
    workshop_id: i64,
    question_id: &str,
) -> Result<KeyView, ViewError> {
    let answer = assessment
        .key
        .iter()
        .find(|k| k.question == question_id)
        .ok_or_else(|| {
            ViewError::NotFound(format!(
                "the EJ Airways key has no answer for `{question_id}`"
            ))
        })?;
    let (compared, _) = compared(store, assessment, workshop_id)?;
    let question = compared
        .questions
        .iter()
        .find(|c| c.question_id == question_id);
    Ok(KeyView {
        question_id: answer.question.clone(),
        level: answer.level,
        level_name: assessment
            .questionnaire
            .level_name(answer.level)
            .to_string(),
        reason: answer.reason.clone(),
        groups: question.map(|c| c.groups.clone()).unwrap_or_default(),
        mean_distance: question.and_then(|c| c.mean_distance),
    })
}

/// Saves a group's practice answer given as text: a level from 1 to 5 or `dont-know` (a
/// practice round has no "not applicable").
pub fn save_answer(
    store: &mut Store,
    questionnaire: &Questionnaire,
    (workshop_team_id, question_id): (i64, &str),
    answer: &str,
    now: DateTime<Utc>,
) -> Result<(), ViewError> {
    let parsed = Answer::from_code(answer).ok_or_else(|| {
        ViewError::Invalid(format!(
            "`{answer}` is not a practice answer: pick a level from 1 to 5 or don't know"
        ))
    })?;
    let (team, q) = (workshop_team_id, question_id);
    Ok(store.save_practice_answer(team, questionnaire, q, parsed, now)?)
}
