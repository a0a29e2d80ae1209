//! The export file, version 4, and its parser (which reads versions 1 to 3 too).
//!
//! ```json
//! { "format": "devops-maturity-studio-export", "format_version": 3,
//!   "questionnaires": [ { "id": "…", "version": "1.0.0", "title": "…", "levels": […], … } ],
//!   "groups": [ { "uuid": "…", "name": "Retail", "created_at": "…", "updated_at": "…" } ],
//!   "teams": [ { "uuid": "…", "name": "Booking", "group": "<group uuid>" | null,
//!                "created_at": "…", "updated_at": "…" } ],
//!   "learners": [ { "uuid": "…", "name": "Zoë", "team": "<team uuid>" | null, "created_at": "…" } ],
//!   "quiz_results": [ { "uuid": "…", "learner": "<learner uuid>", "module": "…", "correct": 3,
//!                       "total": 4, "answers": [[0], [1, 2], [0], [3]], "taken_at": "…" } ],
//!   "chapter_reads": [ { "learner": "<learner uuid>" | null, "chapter": "…", "read_at": "…" } ],
//!   "assessments": [ { "uuid": "…", "team": "<team uuid>", "questionnaire": "…",
//!       "questionnaire_version": "…", "status": "completed", "facilitator": "…" | null,
//!       "dora_year": 2024 | null, "started_at": "…", "completed_at": "…" | null,
//!       "respondents": [ { "uuid": "…", "name": "Ana", "role": "leader", "position": 1,
//!           "finished_at": "…" | null,
//!           "answers": { "flow-1": { "answer": 3, "evidence": "…", "updated_at": "…" },
//!                        "flow-2": { "answer": "dont-know", "updated_at": "…" } } } ],
//!       "choices": { "flow": { "target": 4, "weight": 2.0 } },
//!       "dora": { "change-fail-rate": { "kind": "percent", "value": 38.0 } } } ],
//!   "settings": { "training.agenda": "…" } }
//! ```
//! Version 2 added `groups` and each team's `group`; a version 1 file has neither, and reads
//! as teams without a group. Version 3 added each respondent's `role` (`practitioner` or
//! `leader`, left out when the person did not say); older files read as roles not stated.
//! Version 4 added each practice answer's `questionnaire_version` (in `workshop_teams[].practice`:
//! `{ "uuid": "…", "answer": 3, "updated_at": "…", "questionnaire_version": "1.1.0" | null }`,
//! null when the database could not tell); an older file's answers get the version the import
//! infers as migration 14 did.
//!
//! References between records are UUIDs (questionnaires: id + version). Times are RFC 3339.
//! `parse::parse_import` checks everything that can be checked without a database; references to
//! records that are not in the file are resolved by the import.

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::{Answer, AssessmentStatus, Questionnaire, Role};
use serde::{Serialize, Serializer};

/// The `format` field of every export file.
pub const FORMAT: &str = "devops-maturity-studio-export";
/// The version of the file layout this build writes; it reads every version from
/// [`OLDEST_VERSION`] up to this one.
pub const FORMAT_VERSION: u64 = 4;
/// The oldest file layout this build still reads (version 1: no groups).
pub const OLDEST_VERSION: u64 = 1;
/// Larger files are refused before parsing (64 MiB: with its JSON tree, bounded by
/// `budget::TREE_BUDGET`, an import stays under 300 MiB of memory, refused or not).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Settings that describe this computer rather than the user's work, so they are neither
/// exported nor accepted on import: the learner at the keyboard (a row id of this database)
/// and the paper size last used for a report here.
pub const DEVICE_SETTINGS: &[&str] = &[
    crate::learners::CURRENT_LEARNER_KEY,
    crate::settings::REPORT_PAPER,
];

/// A checked export file. Lists are in the order the export writes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportFile {
    pub format: String,
    pub format_version: u64,
    pub questionnaires: Vec<Questionnaire>,
    pub groups: Vec<GroupRecord>,
    pub teams: Vec<TeamRecord>,
    pub learners: Vec<LearnerRecord>,
    pub quiz_results: Vec<QuizResultRecord>,
    pub chapter_reads: Vec<ChapterReadRecord>,
    pub assessments: Vec<AssessmentRecord>,
    pub plans: Vec<PlanRecord>,
    pub workshops: Vec<WorkshopRecord>,
    pub workshop_teams: Vec<WorkshopTeamRecord>,
    /// Preferences worth keeping (the facilitator's agenda …), without [`DEVICE_SETTINGS`].
    pub settings: BTreeMap<String, String>,
}

impl ExportFile {
    pub fn empty() -> ExportFile {
        ExportFile {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            questionnaires: Vec::new(),
            groups: Vec::new(),
            teams: Vec::new(),
            learners: Vec::new(),
            quiz_results: Vec::new(),
            chapter_reads: Vec::new(),
            assessments: Vec::new(),
            plans: Vec::new(),
            workshops: Vec::new(),
            workshop_teams: Vec::new(),
            settings: BTreeMap::new(),
        }
    }
}

/// A group of teams (business unit, value stream …), since version 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupRecord {
    pub uuid: String,
    pub name: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRecord {
    pub uuid: String,
    pub name: String,
    /// The group's UUID (version 2; none in a version 1 file).
    pub group: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnerRecord {
    pub uuid: String,
    pub name: String,
    /// The team's UUID.
    pub team: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuizResultRecord {
    pub uuid: String,
    /// The learner's UUID.
    pub learner: String,
    pub module: String,
    pub correct: u32,
    pub total: u32,
    /// The chosen option indexes of each question, in question order.
    pub answers: Vec<Vec<u32>>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub taken_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterReadRecord {
    /// The learner's UUID; `None` is the default profile (nobody chosen on that computer).
    pub learner: Option<String>,
    pub chapter: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub read_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentRecord {
    pub uuid: String,
    /// The team's UUID.
    pub team: String,
    pub questionnaire: String,
    pub questionnaire_version: String,
    pub status: AssessmentStatus,
    pub facilitator: Option<String>,
    pub dora_year: Option<u16>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub started_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds::option")]
    pub completed_at: Option<DateTime<Utc>>,
    pub respondents: Vec<RespondentRecord>,
    /// Dimension id → target and weight.
    pub choices: BTreeMap<String, ChoiceRecord>,
    /// DORA metric id → answer.
    pub dora: BTreeMap<String, DoraAnswer>,
    /// Question id → the level the group agreed after discussion.
    pub consensus: BTreeMap<String, ConsensusRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsensusRecord {
    pub uuid: String,
    pub level: u8,
    pub rationale: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub decided_at: DateTime<Utc>,
}

/// An improvement plan with its items in display order (horizon, then position).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRecord {
    pub uuid: String,
    /// The assessment's UUID.
    pub assessment: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
    pub items: Vec<PlanItemRecord>,
}

/// One action of a plan, as `plan_items` stores it (codes as text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItemRecord {
    pub uuid: String,
    pub position: u32,
    pub action_id: Option<String>,
    pub dimension_id: String,
    pub from_level: Option<u8>,
    pub title: String,
    pub why: String,
    pub first_steps: Vec<String>,
    pub dora: Vec<String>,
    /// `S`, `M` or `L`.
    pub effort: String,
    pub impact: String,
    pub chapter: Option<String>,
    pub gap: Option<f64>,
    /// 30, 60 or 90.
    pub horizon: u16,
    pub quick_win: bool,
    /// `proposed`, `accepted` or `rejected`.
    pub decision: String,
    pub owner: Option<String>,
    /// Written `YYYY-MM-DD`.
    pub due: Option<NaiveDate>,
    /// `planned`, `in-progress`, `done` or `dropped`.
    pub status: String,
    pub notes: Option<String>,
    pub edited: bool,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopRecord {
    pub uuid: String,
    pub name: String,
    /// Written `YYYY-MM-DD`.
    pub held_on: NaiveDate,
    pub facilitator: Option<String>,
    pub organisation: Option<String>,
    /// The day's agenda edits, JSON text exactly as stored.
    pub agenda_edits: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
}

/// One team at a workshop: its session (an assessment) and its practice-round answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopTeamRecord {
    pub uuid: String,
    /// The workshop's, team's and assessment's UUIDs.
    pub workshop: String,
    pub team: String,
    pub assessment: String,
    pub position: u32,
    /// Question id → the group's answer about the EJ Airways case.
    pub practice: BTreeMap<String, PracticeAnswerRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PracticeAnswerRecord {
    pub uuid: String,
    /// A level 1–5 as a number, or `"dont-know"`.
    #[serde(serialize_with = "answer_json")]
    pub answer: Answer,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "PracticeVersion::not_said")]
    pub questionnaire_version: PracticeVersion,
}

/// The questionnaire version a practice answer was given on, as the file says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PracticeVersion {
    /// `"questionnaire_version": "1.1.0"`.
    Version(String),
    /// `"questionnaire_version": null`: the database that wrote the file could not tell.
    Unknown,
    /// No such field: a file written before version 4. The import gives the answer the
    /// version `practice::inferred_version` finds, as migration 14 did for stored answers.
    NotSaid,
}

impl PracticeVersion {
    /// As stored: `NULL` is unknown.
    pub fn stored(version: Option<String>) -> PracticeVersion {
        version.map_or(PracticeVersion::Unknown, PracticeVersion::Version)
    }

    pub fn not_said(&self) -> bool {
        *self == PracticeVersion::NotSaid
    }
}

impl Serialize for PracticeVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PracticeVersion::Version(v) => s.serialize_str(v),
            PracticeVersion::Unknown | PracticeVersion::NotSaid => s.serialize_none(),
        }
    }
}

impl WorkshopTeamRecord {
    /// The stored record as `file` holds it: where the file does not say an answer's version
    /// ([`PracticeVersion::NotSaid`], a file older than format 4), the stored version is not
    /// said either, so any stored version matches.
    pub(crate) fn seen_as_in(mut self, file: &WorkshopTeamRecord) -> WorkshopTeamRecord {
        for (question, answer) in &mut self.practice {
            if file
                .practice
                .get(question)
                .is_some_and(|a| a.questionnaire_version.not_said())
            {
                answer.questionnaire_version = PracticeVersion::NotSaid;
            }
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRecord {
    pub target: Option<u8>,
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RespondentRecord {
    pub uuid: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// 1 for the first person to answer.
    pub position: u32,
    #[serde(with = "devops_maturity_core::date::seconds::option")]
    pub finished_at: Option<DateTime<Utc>>,
    /// Question id → answer.
    pub answers: BTreeMap<String, AnswerRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerRecord {
    /// A level 1–5 as a number, or `"dont-know"` / `"not-applicable"`.
    #[serde(serialize_with = "answer_json")]
    pub answer: Answer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

fn answer_json<S: Serializer>(answer: &Answer, s: S) -> Result<S::Ok, S::Error> {
    match answer {
        Answer::Level(l) => s.serialize_u8(*l),
        Answer::DontKnow => s.serialize_str("dont-know"),
        Answer::NotApplicable => s.serialize_str("not-applicable"),
    }
}
