//! The export file, version 3, and its parser (which reads versions 1 and 2 too).
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
//!
//! References between records are UUIDs (questionnaires: id + version). Times are RFC 3339.
//! [`parse_import`] checks everything that can be checked without a database; references to
//! records that are not in the file are resolved by the import.

use std::collections::{BTreeMap, HashSet};

use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME as MAX_PERSON, MAX_RESPONDENTS};
use devops_maturity_core::consensus::{check_rationale, MAX_RATIONALE};
use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::text::name_key;
use devops_maturity_core::{Answer, Questionnaire, Role};
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::reader::{
    check_text, integer_in, key_path, object, parse_json, shown, Obj, Problems, Text,
};
use super::{ImportError, Problem};

/// The `format` field of every export file.
pub const FORMAT: &str = "devops-maturity-studio-export";
/// The version of the file layout this build writes; it reads every version from
/// [`OLDEST_VERSION`] up to this one.
pub const FORMAT_VERSION: u64 = 3;
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

/// Ids of questions, dimensions, modules, chapters, DORA metrics and buckets.
const MAX_ID: usize = 200;
/// Questionnaire texts (titles, descriptions, anchors).
const MAX_TEXT: usize = 20_000;
const MAX_QUIZ_QUESTIONS: u64 = 1_000;
const MAX_QUIZ_OPTION: u64 = 999;
/// A workshop's agenda edits, as `workshops` accepts them.
const MAX_AGENDA_JSON: usize = 10_000;

const ID: Text = Text::line(MAX_ID);

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
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRecord {
    pub uuid: String,
    pub name: String,
    /// The group's UUID (version 2; none in a version 1 file).
    pub group: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnerRecord {
    pub uuid: String,
    pub name: String,
    /// The team's UUID.
    pub team: Option<String>,
    pub created_at: String,
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
    pub taken_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterReadRecord {
    /// The learner's UUID; `None` is the default profile (nobody chosen on that computer).
    pub learner: Option<String>,
    pub chapter: String,
    pub read_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentRecord {
    pub uuid: String,
    /// The team's UUID.
    pub team: String,
    pub questionnaire: String,
    pub questionnaire_version: String,
    /// `in-progress` or `completed`.
    pub status: String,
    pub facilitator: Option<String>,
    pub dora_year: Option<u16>,
    pub started_at: String,
    pub completed_at: Option<String>,
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
    pub decided_at: String,
}

/// An improvement plan with its items in display order (horizon, then position).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanRecord {
    pub uuid: String,
    /// The assessment's UUID.
    pub assessment: String,
    pub created_at: String,
    pub updated_at: String,
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
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    /// `planned`, `in-progress`, `done` or `dropped`.
    pub status: String,
    pub notes: Option<String>,
    pub edited: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopRecord {
    pub uuid: String,
    pub name: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub facilitator: Option<String>,
    pub organisation: Option<String>,
    /// The day's agenda edits, JSON text exactly as stored.
    pub agenda_edits: Option<String>,
    pub created_at: String,
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
    pub updated_at: String,
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
    pub finished_at: Option<String>,
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
    pub updated_at: String,
}

fn answer_json<S: Serializer>(answer: &Answer, s: S) -> Result<S::Ok, S::Error> {
    match answer {
        Answer::Level(l) => s.serialize_u8(*l),
        Answer::DontKnow => s.serialize_str("dont-know"),
        Answer::NotApplicable => s.serialize_str("not-applicable"),
    }
}

/// Reads and checks an export file without touching any database: the format and its
/// version, every field's type, range and length (the store's own limits), dates, UUIDs, and
/// duplicates within the file. Every problem is reported with its JSON path; nothing partial
/// is returned. Never panics, whatever the bytes.
pub fn parse_import(bytes: &[u8]) -> Result<ExportFile, ImportError> {
    let fail = |at: &str, message: String| {
        Err(ImportError::Invalid(vec![Problem {
            at: at.into(),
            message,
        }]))
    };
    if bytes.len() > MAX_FILE_BYTES {
        return fail(
            "$",
            format!(
                "the file has {} bytes; an export file can have at most {MAX_FILE_BYTES}",
                bytes.len()
            ),
        );
    }
    if let Some(encoding) = not_utf8(bytes) {
        return fail(
            "$",
            format!("the file is {encoding}; an export file is UTF-8 without a byte order mark: save it again as UTF-8 (or export it again from the app)"),
        );
    }
    if super::budget::check(bytes).is_err() {
        return fail(
            "$",
            format!(
                "the file holds too many records to import at once (reading them would take more than {} MiB of memory); check that it is an export of this app",
                super::budget::TREE_BUDGET / (1024 * 1024)
            ),
        );
    }
    let root = parse_json(bytes).map_err(ImportError::Invalid)?;
    let mut p = Problems::default();
    let Some(root) = object(&root, "$", &mut p) else {
        return Err(ImportError::Invalid(p.into_list()));
    };
    // Check what kind of file this is first: an answers file or a newer export would
    // otherwise drown the real reason in a list of unknown fields.
    match root.optional("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return fail(
                "$.format",
                format!(
                    "{} is not this app's export format (\"{FORMAT}\")",
                    shown(other)
                ),
            )
        }
        None => {
            return fail(
                "$.format",
                format!(
                "missing: this is not a DevOps Maturity Studio export (\"format\": \"{FORMAT}\")"
            ),
            )
        }
    }
    let version = match root.optional("format_version") {
        Some(v) if v.as_u64().is_some_and(|n| (OLDEST_VERSION..=FORMAT_VERSION).contains(&n)) => {
            v.as_u64().unwrap_or(FORMAT_VERSION)
        }
        Some(v) if v.as_u64().is_some_and(|n| n > FORMAT_VERSION) => {
            return fail(
                "$.format_version",
                format!(
                    "version {v} was written by a newer version of the app; this one reads version {FORMAT_VERSION}: update the app to import it"
                ),
            )
        }
        Some(v) => {
            return fail(
                "$.format_version",
                format!("{} is not a known format version (this app reads {OLDEST_VERSION} to {FORMAT_VERSION})", shown(v)),
            )
        }
        None => return fail("$.format_version", "missing".into()),
    };
    // Version 1 knew no groups: a `groups` list there is an unknown field.
    let groups_field: &[&str] = if version >= 2 { &["groups"] } else { &[] };
    root.only(
        &[
            &["format", "format_version", "questionnaires"][..],
            groups_field,
            &[
                "teams",
                "learners",
                "quiz_results",
                "chapter_reads",
                "assessments",
                "plans",
                "workshops",
                "workshop_teams",
                "settings",
            ],
        ]
        .concat(),
        &mut p,
    );
    // The file read is held in the current format whatever version it was written in (a
    // version-1 file is a version-2 file without groups), so what is read is written back as
    // the current version and reads the same again (the import fuzz target checks this).
    let mut file = ExportFile::empty();
    file.questionnaires = each(&root, "questionnaires", &mut p, questionnaire);
    file.groups = each(&root, "groups", &mut p, group);
    file.teams = if version >= 2 {
        each(&root, "teams", &mut p, team)
    } else {
        each(&root, "teams", &mut p, team_v1)
    };
    file.learners = each(&root, "learners", &mut p, learner);
    file.quiz_results = each(&root, "quiz_results", &mut p, quiz_result);
    file.chapter_reads = each(&root, "chapter_reads", &mut p, chapter_read);
    file.assessments = each(&root, "assessments", &mut p, assessment);
    file.plans = each(&root, "plans", &mut p, plan);
    file.workshops = each(&root, "workshops", &mut p, workshop);
    file.workshop_teams = each(&root, "workshop_teams", &mut p, workshop_team);
    file.settings = settings(&root, &mut p);
    duplicates(&file, &mut p);
    if p.is_empty() {
        Ok(file)
    } else {
        Err(ImportError::Invalid(p.into_list()))
    }
}

/// The encoding of a file that is JSON in a form this parser would misread: a byte order mark,
/// or UTF-16/UTF-32 text (recognised by its mark or by the zero bytes around the first `{`).
fn not_utf8(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some("UTF-8 with a byte order mark (BOM) at its start"),
        [0x00, 0x00, 0xFE, 0xFF, ..] | [0xFF, 0xFE, 0x00, 0x00, ..] => Some("UTF-32 text"),
        [0xFE, 0xFF, ..] | [0xFF, 0xFE, ..] => Some("UTF-16 text"),
        [0x00, 0x00, 0x00, b, ..] | [b, 0x00, 0x00, 0x00, ..] if b.is_ascii_graphic() => {
            Some("UTF-32 text")
        }
        [0x00, b, ..] | [b, 0x00, ..] if b.is_ascii_graphic() || b.is_ascii_whitespace() => {
            Some("UTF-16 text")
        }
        _ => None,
    }
}

/// Reads every item of the list `key` with `read`, which gets the item's path. Once the file
/// has more problems than are listed, items are still checked (and counted) but no longer
/// kept: the file is refused anyway, and millions of half-read records would cost gigabytes.
fn each<T>(
    root: &Obj<'_>,
    key: &str,
    p: &mut Problems,
    read: impl Fn(&Value, &str, &mut Problems) -> Option<T>,
) -> Vec<T> {
    root.list(key, false, p)
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let item = read(v, &format!("$.{key}[{i}]"), p);
            item.filter(|_| p.count() < super::MAX_LISTED)
        })
        .collect()
}

fn questionnaire(value: &Value, at: &str, p: &mut Problems) -> Option<Questionnaire> {
    let q: Questionnaire = match serde_json::from_value(value.clone()) {
        Ok(q) => q,
        Err(e) => {
            p.push(at, format!("not a questionnaire snapshot: {e}"));
            return None;
        }
    };
    let before = p.count();
    let mut text = |path: String, s: &str, rule: Text| {
        if let Err(m) = check_text(s, rule) {
            p.push(path, m);
        }
    };
    text(format!("{at}.id"), &q.id, ID);
    text(format!("{at}.version"), &q.version, ID);
    text(format!("{at}.title"), &q.title, Text::free(MAX_TEXT));
    let values: Vec<u8> = q.levels.iter().map(|l| l.value).collect();
    if values != [1, 2, 3, 4, 5] {
        p.push(
            format!("{at}.levels"),
            format!("must be the levels 1 to 5 in order, not {values:?}"),
        );
    }
    for (i, l) in q.levels.iter().enumerate() {
        let at = format!("{at}.levels[{i}]");
        for (field, s) in [("name", &l.name), ("description", &l.description)] {
            if let Err(m) = check_text(s, Text::free(MAX_TEXT)) {
                p.push(format!("{at}.{field}"), m);
            }
        }
    }
    let mut dims = HashSet::new();
    for (i, d) in q.dimensions.iter().enumerate() {
        let at = format!("{at}.dimensions[{i}]");
        if let Err(m) = check_text(&d.id, ID) {
            p.push(format!("{at}.id"), m);
        }
        if !dims.insert(d.id.as_str()) {
            p.push(
                format!("{at}.id"),
                format!("dimension `{}` appears twice", d.id),
            );
        }
        for (field, s) in [("name", &d.name), ("description", &d.description)] {
            if let Err(m) = check_text(s, Text::free(MAX_TEXT)) {
                p.push(format!("{at}.{field}"), m);
            }
        }
        if !(d.weight.is_finite() && d.weight > 0.0 && d.weight <= 100.0) {
            p.push(
                format!("{at}.weight"),
                "a weight is a number above 0 and at most 100",
            );
        }
    }
    let mut questions = HashSet::new();
    for (i, question) in q.questions.iter().enumerate() {
        let at = format!("{at}.questions[{i}]");
        if let Err(m) = check_text(&question.id, ID) {
            p.push(format!("{at}.id"), m);
        }
        if !questions.insert(question.id.as_str()) {
            p.push(
                format!("{at}.id"),
                format!("question `{}` appears twice", question.id),
            );
        }
        if !dims.contains(question.dimension.as_str()) {
            p.push(
                format!("{at}.dimension"),
                format!(
                    "`{}` is not a dimension of this questionnaire",
                    question.dimension
                ),
            );
        }
        for (j, s) in std::iter::once(&question.text)
            .chain(question.anchors.iter())
            .enumerate()
        {
            if let Err(m) = check_text(s, Text::free(MAX_TEXT)) {
                let field = if j == 0 {
                    "text".to_string()
                } else {
                    format!("anchors[{}]", j - 1)
                };
                p.push(format!("{at}.{field}"), m);
            }
        }
    }
    (p.count() == before).then_some(q)
}

fn group(value: &Value, at: &str, p: &mut Problems) -> Option<GroupRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "created_at", "updated_at"], p);
    Some(GroupRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::groups::MAX_NAME), p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}

fn team(value: &Value, at: &str, p: &mut Problems) -> Option<TeamRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "group", "created_at", "updated_at"], p);
    Some(TeamRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::teams::MAX_NAME), p),
        group: o.opt_uuid("group", p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}

/// A team of a version 1 file: no group.
fn team_v1(value: &Value, at: &str, p: &mut Problems) -> Option<TeamRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "created_at", "updated_at"], p);
    Some(TeamRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::teams::MAX_NAME), p),
        group: None,
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}

fn learner(value: &Value, at: &str, p: &mut Problems) -> Option<LearnerRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "team", "created_at"], p);
    Some(LearnerRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::learners::MAX_NAME), p),
        team: o.opt_uuid("team", p),
        created_at: o.timestamp("created_at", p),
    })
}

fn quiz_result(value: &Value, at: &str, p: &mut Problems) -> Option<QuizResultRecord> {
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid", "learner", "module", "correct", "total", "answers", "taken_at",
        ],
        p,
    );
    let total = o.integer("total", 1..=MAX_QUIZ_QUESTIONS, p);
    let correct = o.integer("correct", 0..=MAX_QUIZ_QUESTIONS, p);
    if let (Some(c), Some(t)) = (correct, total) {
        if c > t {
            p.push(
                o.path("correct"),
                format!("{c} correct answers out of {t} is not possible"),
            );
        }
    }
    let items = o.list("answers", true, p);
    if let Some(t) = total {
        if items.len() as u64 != t {
            p.push(
                o.path("answers"),
                format!("has {} answers for {t} questions", items.len()),
            );
        }
    }
    let answers = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{}[{i}]", o.path("answers"));
            match item {
                Value::Array(options) if options.len() as u64 <= MAX_QUIZ_OPTION => options
                    .iter()
                    .enumerate()
                    .filter_map(|(j, v)| {
                        integer_in(v, &format!("{at}[{j}]"), 0..=MAX_QUIZ_OPTION, p)
                            .map(|n| n as u32)
                    })
                    .collect(),
                other => {
                    p.push(
                        at,
                        format!(
                            "must be a list of chosen option numbers, not {}",
                            shown(other)
                        ),
                    );
                    Vec::new()
                }
            }
        })
        .collect();
    Some(QuizResultRecord {
        uuid: o.uuid("uuid", p),
        learner: o.uuid("learner", p),
        module: o.text("module", ID, p),
        correct: correct.unwrap_or(0) as u32,
        total: total.unwrap_or(1) as u32,
        answers,
        taken_at: o.timestamp("taken_at", p),
    })
}

fn chapter_read(value: &Value, at: &str, p: &mut Problems) -> Option<ChapterReadRecord> {
    let o = object(value, at, p)?;
    o.only(&["learner", "chapter", "read_at"], p);
    Some(ChapterReadRecord {
        learner: o.opt_uuid("learner", p),
        chapter: o.text("chapter", ID, p),
        read_at: o.timestamp("read_at", p),
    })
}

fn assessment(value: &Value, at: &str, p: &mut Problems) -> Option<AssessmentRecord> {
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid",
            "team",
            "questionnaire",
            "questionnaire_version",
            "status",
            "facilitator",
            "dora_year",
            "started_at",
            "completed_at",
            "respondents",
            "choices",
            "dora",
            "consensus",
        ],
        p,
    );
    let status = o.text("status", ID, p);
    let completed_at = o.opt_timestamp("completed_at", p);
    match (status.as_str(), &completed_at) {
        ("completed", Some(_)) | ("in-progress", None) | ("", _) => {}
        ("completed", None) => p.push(
            o.path("completed_at"),
            "missing: a completed assessment has a completion time",
        ),
        ("in-progress", Some(_)) => p.push(
            o.path("completed_at"),
            "an assessment in progress has no completion time",
        ),
        (other, _) => p.push(
            o.path("status"),
            format!("`{other}` is not a status: use \"in-progress\" or \"completed\""),
        ),
    }
    let items = o.list("respondents", true, p);
    if items.is_empty() {
        p.push(
            o.path("respondents"),
            "an assessment has at least one respondent",
        );
    } else if items.len() > MAX_RESPONDENTS {
        p.push(
            o.path("respondents"),
            format!("at most {MAX_RESPONDENTS} respondents"),
        );
    }
    let mut respondents = Vec::new();
    let mut positions = HashSet::new();
    for (i, item) in items.iter().enumerate().take(MAX_RESPONDENTS) {
        let at = format!("{}[{i}]", o.path("respondents"));
        if let Some(r) = respondent(item, &at, p) {
            if !positions.insert(r.position) {
                p.push(
                    format!("{at}.position"),
                    format!("position {} is taken by another respondent", r.position),
                );
            }
            respondents.push(r);
        }
    }
    let mut choices = BTreeMap::new();
    for (dim, v) in o.entries("choices", p) {
        let at = key_path(&o.path("choices"), dim);
        if let Err(m) = check_text(dim, ID) {
            p.push(&at, format!("dimension id {m}"));
        }
        let Some(c) = object(v, &at, p) else { continue };
        c.only(&["target", "weight"], p);
        let target = c.opt_integer("target", 1..=5, p).map(|t| t as u8);
        let weight = match c.optional("weight") {
            None => None,
            Some(w) => match w.as_f64() {
                Some(w) if w.is_finite() && w > 0.0 && w <= 100.0 => Some(w),
                _ => {
                    p.push(
                        c.path("weight"),
                        format!(
                            "a weight is a number above 0 and at most 100, not {}",
                            shown(w)
                        ),
                    );
                    None
                }
            },
        };
        choices.insert(dim.clone(), ChoiceRecord { target, weight });
    }
    let mut dora = BTreeMap::new();
    for (metric, v) in o.entries("dora", p) {
        let at = key_path(&o.path("dora"), metric);
        if let Err(m) = check_text(metric, ID) {
            p.push(&at, format!("metric id {m}"));
        }
        match serde_json::from_value::<DoraAnswer>(v.clone()) {
            Ok(DoraAnswer::Bucket(b)) if check_text(&b, ID).is_err() => {
                p.push(format!("{at}.value"), "a bucket id has 1 to 200 characters on one line")
            }
            Ok(DoraAnswer::Percent(x)) if !(x.is_finite() && (0.0..=100.0).contains(&x)) => {
                p.push(format!("{at}.value"), format!("{x} is not a percentage from 0 to 100"))
            }
            Ok(answer) => {
                dora.insert(metric.clone(), answer);
            }
            Err(_) => p.push(
                at,
                format!(
                    "{} is not a DORA answer: use {{\"kind\": \"bucket\", \"value\": \"…\"}}, {{\"kind\": \"percent\", \"value\": 12.5}} or {{\"kind\": \"dont-know\"}}",
                    shown(v)
                ),
            ),
        }
    }
    let mut consensus = BTreeMap::new();
    for (question, v) in o.entries("consensus", p) {
        let at = key_path(&o.path("consensus"), question);
        if let Err(m) = check_text(question, ID) {
            p.push(&at, format!("question id {m}"));
        }
        let Some(c) = object(v, &at, p) else { continue };
        c.only(&["uuid", "level", "rationale", "decided_at"], p);
        let rationale = c.text("rationale", Text::free(MAX_RATIONALE), p);
        match check_rationale(&rationale) {
            Ok(checked) if checked == rationale => {}
            Ok(_) => p.push(c.path("rationale"), "cannot start or end with spaces"),
            Err(m) => p.push(c.path("rationale"), m),
        }
        consensus.insert(
            question.clone(),
            ConsensusRecord {
                uuid: c.uuid("uuid", p),
                level: c.integer("level", 1..=5, p).unwrap_or(1) as u8,
                rationale,
                decided_at: c.timestamp("decided_at", p),
            },
        );
    }
    Some(AssessmentRecord {
        uuid: o.uuid("uuid", p),
        team: o.uuid("team", p),
        questionnaire: o.text("questionnaire", ID, p),
        questionnaire_version: o.text("questionnaire_version", ID, p),
        status,
        facilitator: o.opt_text("facilitator", Text::name(MAX_PERSON), p),
        dora_year: o.opt_integer("dora_year", 1..=9999, p).map(|y| y as u16),
        started_at: o.timestamp("started_at", p),
        completed_at,
        respondents,
        choices,
        dora,
        consensus,
    })
}

/// A `YYYY-MM-DD` field (a real calendar day).
fn date(o: &Obj<'_>, key: &str, required: bool, p: &mut Problems) -> Option<String> {
    let value = if required {
        o.text(key, Text::line(10), p)
    } else {
        o.opt_text(key, Text::line(10), p)?
    };
    match crate::plans::check_due(&value) {
        Ok(Some(d)) if d == value => Some(value),
        _ if value.is_empty() => None,
        _ => {
            p.push(
                o.path(key),
                format!("`{value}` is not a date like 2026-11-20"),
            );
            None
        }
    }
}

fn strings(o: &Obj<'_>, key: &str, max_items: usize, rule: Text, p: &mut Problems) -> Vec<String> {
    let items = o.list(key, true, p);
    if items.len() > max_items {
        p.push(o.path(key), format!("at most {max_items} entries"));
        return Vec::new();
    }
    items
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let at = format!("{}[{i}]", o.path(key));
            match v.as_str() {
                Some(s) => match check_text(s, rule) {
                    Ok(()) => Some(s.to_string()),
                    Err(m) => {
                        p.push(at, m);
                        None
                    }
                },
                None => {
                    p.push(at, format!("must be a string, not {}", shown(v)));
                    None
                }
            }
        })
        .collect()
}

fn boolean(o: &Obj<'_>, key: &str, p: &mut Problems) -> bool {
    match o.required(key, p) {
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            p.push(
                o.path(key),
                format!("must be true or false, not {}", shown(other)),
            );
            false
        }
        None => false,
    }
}

/// A text that must be one of `codes`.
fn code(o: &Obj<'_>, key: &str, codes: &[&str], p: &mut Problems) -> String {
    let value = o.text(key, ID, p);
    if !value.is_empty() && !codes.contains(&value.as_str()) {
        p.push(
            o.path(key),
            format!("`{value}` is not one of: {}", codes.join(", ")),
        );
    }
    value
}

fn plan(value: &Value, at: &str, p: &mut Problems) -> Option<PlanRecord> {
    let o = object(value, at, p)?;
    o.only(
        &["uuid", "assessment", "created_at", "updated_at", "items"],
        p,
    );
    let items = o
        .list("items", true, p)
        .iter()
        .enumerate()
        .filter_map(|(i, v)| plan_item(v, &format!("{}[{i}]", o.path("items")), p))
        .collect();
    Some(PlanRecord {
        uuid: o.uuid("uuid", p),
        assessment: o.uuid("assessment", p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
        items,
    })
}

fn plan_item(value: &Value, at: &str, p: &mut Problems) -> Option<PlanItemRecord> {
    use crate::plans::{MAX_OWNER, MAX_STEPS, MAX_TEXT as MAX_PLAN_TEXT, MAX_TITLE};
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid",
            "position",
            "action_id",
            "dimension_id",
            "from_level",
            "title",
            "why",
            "first_steps",
            "dora",
            "effort",
            "impact",
            "chapter",
            "gap",
            "horizon",
            "quick_win",
            "decision",
            "owner",
            "due",
            "status",
            "notes",
            "edited",
            "created_at",
            "updated_at",
        ],
        p,
    );
    let many_lines = Text::free(MAX_PLAN_TEXT);
    let horizon = o.integer("horizon", 30..=90, p).unwrap_or(30) as u16;
    if devops_maturity_core::plan::Horizon::from_days(horizon).is_none() {
        p.push(
            o.path("horizon"),
            format!("{horizon} is not a horizon: use 30, 60 or 90"),
        );
    }
    let gap = match o.optional("gap") {
        None => None,
        Some(v) => match v.as_f64() {
            Some(g) if g.is_finite() && g.abs() <= 5.0 => Some(g),
            _ => {
                p.push(
                    o.path("gap"),
                    format!("{} is not a gap between -5 and 5", shown(v)),
                );
                None
            }
        },
    };
    Some(PlanItemRecord {
        uuid: o.uuid("uuid", p),
        position: o.integer("position", 1..=100_000, p).unwrap_or(1) as u32,
        action_id: o.opt_text("action_id", ID, p),
        dimension_id: o.text("dimension_id", ID, p),
        from_level: o.opt_integer("from_level", 1..=4, p).map(|l| l as u8),
        title: o.text("title", Text::line(MAX_TITLE), p),
        why: o.text_or_empty("why", many_lines, p),
        first_steps: strings(&o, "first_steps", MAX_STEPS, many_lines, p),
        dora: strings(&o, "dora", 100, ID, p),
        effort: code(&o, "effort", &["S", "M", "L"], p),
        impact: o.text_or_empty("impact", many_lines, p),
        chapter: o.opt_text("chapter", ID, p),
        gap,
        horizon,
        quick_win: boolean(&o, "quick_win", p),
        decision: code(&o, "decision", &["proposed", "accepted", "rejected"], p),
        owner: o.opt_text("owner", Text::line(MAX_OWNER), p),
        due: date(&o, "due", false, p),
        status: code(
            &o,
            "status",
            &["planned", "in-progress", "done", "dropped"],
            p,
        ),
        notes: o.opt_text("notes", many_lines, p),
        edited: boolean(&o, "edited", p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}

fn workshop(value: &Value, at: &str, p: &mut Problems) -> Option<WorkshopRecord> {
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid",
            "name",
            "held_on",
            "facilitator",
            "organisation",
            "agenda_edits",
            "created_at",
        ],
        p,
    );
    let agenda_edits = o.opt_text("agenda_edits", Text::free(MAX_AGENDA_JSON), p);
    if let Some(json) = &agenda_edits {
        if !matches!(serde_json::from_str::<Value>(json), Ok(Value::Object(_))) {
            p.push(o.path("agenda_edits"), "must be the text of a JSON object");
        }
    }
    Some(WorkshopRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::workshops::MAX_WORKSHOP_NAME), p),
        held_on: date(&o, "held_on", true, p).unwrap_or_default(),
        facilitator: o.opt_text("facilitator", Text::name(MAX_PERSON), p),
        organisation: o.opt_text("organisation", Text::name(MAX_PERSON), p),
        agenda_edits,
        created_at: o.timestamp("created_at", p),
    })
}

fn workshop_team(value: &Value, at: &str, p: &mut Problems) -> Option<WorkshopTeamRecord> {
    let o = object(value, at, p)?;
    o.only(
        &[
            "uuid",
            "workshop",
            "team",
            "assessment",
            "position",
            "practice",
        ],
        p,
    );
    let mut practice = BTreeMap::new();
    for (question, v) in o.entries("practice", p) {
        let at = key_path(&o.path("practice"), question);
        if let Err(m) = check_text(question, ID) {
            p.push(&at, format!("question id {m}"));
        }
        let Some(a) = object(v, &at, p) else { continue };
        a.only(&["uuid", "answer", "updated_at"], p);
        let answer = match a.required("answer", p) {
            None => None,
            Some(v) => match (v.as_u64(), v.as_str()) {
                (Some(l @ 1..=5), _) => Some(Answer::Level(l as u8)),
                (_, Some("dont-know")) => Some(Answer::DontKnow),
                _ => {
                    p.push(
                        a.path("answer"),
                        format!(
                            "{} is not a practice answer: use a level from 1 to 5 or \"dont-know\"",
                            shown(v)
                        ),
                    );
                    None
                }
            },
        };
        let record = PracticeAnswerRecord {
            uuid: a.uuid("uuid", p),
            answer: answer.unwrap_or(Answer::DontKnow),
            updated_at: a.timestamp("updated_at", p),
        };
        practice.insert(question.clone(), record);
    }
    Some(WorkshopTeamRecord {
        uuid: o.uuid("uuid", p),
        workshop: o.uuid("workshop", p),
        team: o.uuid("team", p),
        assessment: o.uuid("assessment", p),
        position: o.integer("position", 1..=10_000, p).unwrap_or(1) as u32,
        practice,
    })
}

fn respondent(value: &Value, at: &str, p: &mut Problems) -> Option<RespondentRecord> {
    let o = object(value, at, p)?;
    o.only(
        &["uuid", "name", "role", "position", "finished_at", "answers"],
        p,
    );
    let role = match o.optional("role") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let role = v.as_str().and_then(Role::from_code);
            if role.is_none() {
                p.push(
                    o.path("role"),
                    format!(
                        "{} is not a role: use \"practitioner\" or \"leader\"",
                        shown(v)
                    ),
                );
            }
            role
        }
    };
    let mut answers = BTreeMap::new();
    for (question, v) in o.entries("answers", p) {
        let at = key_path(&o.path("answers"), question);
        if let Err(m) = check_text(question, ID) {
            p.push(&at, format!("question id {m}"));
        }
        let Some(a) = object(v, &at, p) else { continue };
        a.only(&["answer", "evidence", "updated_at"], p);
        let answer = match a.required("answer", p) {
            None => None,
            Some(v) => match (v.as_u64(), v.as_str()) {
                (Some(l @ 1..=5), _) => Some(Answer::Level(l as u8)),
                (_, Some("dont-know")) => Some(Answer::DontKnow),
                (_, Some("not-applicable")) => Some(Answer::NotApplicable),
                _ => {
                    p.push(
                        a.path("answer"),
                        format!(
                            "{} is not an answer: use a level from 1 to 5, \"dont-know\" or \"not-applicable\"",
                            shown(v)
                        ),
                    );
                    None
                }
            },
        };
        // An empty comment is no comment, as when answering in the app.
        let evidence = a
            .opt_text("evidence", Text::free(MAX_EVIDENCE), p)
            .filter(|e| !e.is_empty());
        let updated_at = a.timestamp("updated_at", p);
        if let Some(answer) = answer {
            answers.insert(
                question.clone(),
                AnswerRecord {
                    answer,
                    evidence,
                    updated_at,
                },
            );
        }
    }
    Some(RespondentRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(MAX_PERSON), p),
        role,
        position: o
            .integer("position", 1..=MAX_RESPONDENTS as u64, p)
            .unwrap_or(1) as u32,
        finished_at: o.opt_timestamp("finished_at", p),
        answers,
    })
}

fn settings(root: &Obj<'_>, p: &mut Problems) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (key, value) in root.entries("settings", p) {
        let at = key_path("$.settings", key);
        if let Err(m) = check_text(key, Text::line(crate::settings::MAX_KEY)) {
            p.push(&at, format!("setting key {m}"));
            continue;
        }
        if DEVICE_SETTINGS.contains(&key.as_str()) {
            p.push(
                &at,
                "this setting belongs to one computer and is never imported",
            );
            continue;
        }
        match value {
            Value::String(s) => match check_text(
                s,
                Text {
                    rule: crate::settings::rule_for(key),
                    allow_empty: true,
                },
            ) {
                Ok(()) => {
                    out.insert(key.clone(), s.clone());
                }
                Err(m) => p.push(at, m),
            },
            other => p.push(at, format!("must be a string, not {}", shown(other))),
        }
    }
    out
}

/// The same record twice in one file is a mistake, not two records.
fn duplicates(file: &ExportFile, p: &mut Problems) {
    fn once(seen: &mut HashSet<String>, key: String, at: String, what: &str, p: &mut Problems) {
        // An unreadable UUID or name (already reported) reads as empty: not a duplicate.
        if !key.is_empty() && !seen.insert(key) {
            p.push(at, format!("{what} appears twice in the file"));
        }
    }
    let mut seen = HashSet::new();
    for (i, q) in file.questionnaires.iter().enumerate() {
        once(
            &mut seen,
            format!("{}\u{0}{}", q.id, q.version),
            format!("$.questionnaires[{i}]"),
            &format!("questionnaire {} {}", q.id, q.version),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, g) in file.groups.iter().enumerate() {
        once(
            &mut uuids,
            g.uuid.clone(),
            format!("$.groups[{i}].uuid"),
            "this group",
            p,
        );
        once(
            &mut names,
            name_key(&g.name),
            format!("$.groups[{i}].name"),
            &format!("a group named \"{}\"", g.name),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, t) in file.teams.iter().enumerate() {
        once(
            &mut uuids,
            t.uuid.clone(),
            format!("$.teams[{i}].uuid"),
            "this team",
            p,
        );
        once(
            &mut names,
            name_key(&t.name),
            format!("$.teams[{i}].name"),
            &format!("a team named \"{}\"", t.name),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, l) in file.learners.iter().enumerate() {
        once(
            &mut uuids,
            l.uuid.clone(),
            format!("$.learners[{i}].uuid"),
            "this learner",
            p,
        );
        once(
            &mut names,
            name_key(&l.name),
            format!("$.learners[{i}].name"),
            &format!("a learner named \"{}\"", l.name),
            p,
        );
    }
    let mut uuids = HashSet::new();
    for (i, r) in file.quiz_results.iter().enumerate() {
        once(
            &mut uuids,
            r.uuid.clone(),
            format!("$.quiz_results[{i}].uuid"),
            "this quiz result",
            p,
        );
    }
    let mut reads = HashSet::new();
    for (i, r) in file.chapter_reads.iter().enumerate() {
        once(
            &mut reads,
            format!("{}\u{0}{}", r.learner.as_deref().unwrap_or(""), r.chapter),
            format!("$.chapter_reads[{i}]"),
            &format!("chapter `{}` for this learner", r.chapter),
            p,
        );
    }
    let (mut uuids, mut respondents) = (HashSet::new(), HashSet::new());
    for (i, a) in file.assessments.iter().enumerate() {
        once(
            &mut uuids,
            a.uuid.clone(),
            format!("$.assessments[{i}].uuid"),
            "this assessment",
            p,
        );
        for (j, r) in a.respondents.iter().enumerate() {
            once(
                &mut respondents,
                r.uuid.clone(),
                format!("$.assessments[{i}].respondents[{j}].uuid"),
                "this respondent",
                p,
            );
        }
        for (question, c) in &a.consensus {
            once(
                &mut uuids,
                c.uuid.clone(),
                key_path(&format!("$.assessments[{i}].consensus"), question) + ".uuid",
                "this agreed level",
                p,
            );
        }
    }
    let (mut uuids, mut assessments) = (HashSet::new(), HashSet::new());
    for (i, plan) in file.plans.iter().enumerate() {
        once(
            &mut uuids,
            plan.uuid.clone(),
            format!("$.plans[{i}].uuid"),
            "this plan",
            p,
        );
        once(
            &mut assessments,
            plan.assessment.clone(),
            format!("$.plans[{i}].assessment"),
            "a plan for this assessment",
            p,
        );
        for (j, item) in plan.items.iter().enumerate() {
            once(
                &mut uuids,
                item.uuid.clone(),
                format!("$.plans[{i}].items[{j}].uuid"),
                "this plan item",
                p,
            );
        }
    }
    let mut uuids = HashSet::new();
    for (i, w) in file.workshops.iter().enumerate() {
        once(
            &mut uuids,
            w.uuid.clone(),
            format!("$.workshops[{i}].uuid"),
            "this workshop",
            p,
        );
    }
    let (mut uuids, mut places, mut assessments) = (HashSet::new(), HashSet::new(), HashSet::new());
    for (i, w) in file.workshop_teams.iter().enumerate() {
        once(
            &mut uuids,
            w.uuid.clone(),
            format!("$.workshop_teams[{i}].uuid"),
            "this workshop team",
            p,
        );
        once(
            &mut places,
            format!("{}\u{0}{}", w.workshop, w.team),
            format!("$.workshop_teams[{i}].team"),
            "this team at this workshop",
            p,
        );
        once(
            &mut places,
            format!("{}\u{0}#{}", w.workshop, w.position),
            format!("$.workshop_teams[{i}].position"),
            "this position at this workshop",
            p,
        );
        once(
            &mut assessments,
            w.assessment.clone(),
            format!("$.workshop_teams[{i}].assessment"),
            "this workshop session's assessment",
            p,
        );
        for (question, a) in &w.practice {
            once(
                &mut uuids,
                a.uuid.clone(),
                key_path(&format!("$.workshop_teams[{i}].practice"), question) + ".uuid",
                "this practice answer",
                p,
            );
        }
    }
}
