//! The answers file: a team's answers as JSON, for `devops-maturity assess score|record`.
//!
//! ```json
//! {
//!   "questionnaire": "dasa-devops-team", "version": "1.1.0",
//!   "date": "2026-11-20", "facilitator": "Marta Keller",
//!   "respondents": [
//!     { "name": "Ana", "role": "leader", "answers": { "courage-1": 3, "courage-2": "dont-know",
//!                                   "courage-3": { "level": 2, "evidence": "retro notes" } } }
//!   ],
//!   "targets": { "courage": 4 }, "weights": { "courage": 2 },
//!   "dora": { "year": 2024, "deployment-frequency": "weekly-to-monthly", "change-fail-rate": 38 }
//! }
//! ```
//! `role` is optional: `"practitioner"` or `"leader"` (leaders' answers to the leadership
//! dimensions are shown apart, scoring rule 10). An answer is a level 1–5, `"dont-know"`, `"not-applicable"`, or an object with `level` (any
//! of those) and `evidence`. Every problem is reported with its JSON path; syntax errors with
//! their line and column. Nothing partial is returned.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::date::{iso_date, EXAMPLE as DATE_EXAMPLE};
use crate::dora::{DoraAnswer, DoraModel, MetricKind};
use crate::questionnaire::{Questionnaire, QUICK_SCAN_VERSION};
use crate::scoring::{Answer, Choices, Respondent, Role};
use crate::text::{self, Rule};

/// Longest evidence text and respondent name accepted, in characters.
pub const MAX_EVIDENCE: usize = 10_000;
pub const MAX_NAME: usize = 100;
pub const MAX_RESPONDENTS: usize = 200;
/// The largest answers file read (16 MiB): far above 200 respondents' answers with evidence,
/// and a bound on what a mistaken path (`/dev/zero`, a log file) can cost.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct AnswersFile {
    pub date: Option<NaiveDate>,
    pub facilitator: Option<String>,
    pub respondents: Vec<Respondent>,
    pub choices: Choices,
    pub dora_year: Option<u16>,
    pub dora: BTreeMap<String, DoraAnswer>,
}

/// One problem in an answers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError {
    /// JSON path such as `respondents[0].answers["courage-9"]`, or `line 3, column 5`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

struct Errors(Vec<AnswersError>);

impl Errors {
    fn push(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.0.push(AnswersError {
            at: at.into(),
            message: message.into(),
        });
    }
}

fn key_path(parent: &str, key: &str) -> String {
    format!(
        "{parent}[{}]",
        serde_json::to_string(key).unwrap_or_else(|_| key.to_string())
    )
}

/// Parses and checks `text` against the questionnaire and the DORA model.
pub fn parse_answers(
    text: &str,
    questionnaire: &Questionnaire,
    dora: &DoraModel,
) -> Result<AnswersFile, Vec<AnswersError>> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        vec![AnswersError {
            at: format!("line {}, column {}", e.line(), e.column()),
            message: format!("invalid JSON: {e}"),
        }]
    })?;
    let mut errors = Errors(Vec::new());
    let Some(root) = root.as_object() else {
        return Err(vec![AnswersError {
            at: "$".into(),
            message: "the file must be a JSON object".into(),
        }]);
    };
    const KEYS: &[&str] = &[
        "questionnaire",
        "version",
        "date",
        "facilitator",
        "respondents",
        "targets",
        "weights",
        "dora",
    ];
    for key in root.keys().filter(|k| !KEYS.contains(&k.as_str())) {
        errors.push(
            key_path("$", key),
            format!("unknown field (known: {})", KEYS.join(", ")),
        );
    }
    if let Some(id) = root.get("questionnaire") {
        if id.as_str() != Some(questionnaire.id.as_str()) {
            errors.push(
                "$.questionnaire",
                format!("this app's questionnaire is `{}`", questionnaire.id),
            );
        }
    }
    if let Some(version) = root.get("version") {
        check_version(version, questionnaire, &mut errors);
    }
    let text_field = |name: &str, errors: &mut Errors| match root.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => match text::check(name, s, Rule::line(MAX_NAME)) {
            Ok(()) => Some(s.clone()),
            Err(e) => {
                errors.push(format!("$.{name}"), e.problem.to_string());
                None
            }
        },
        Some(_) => {
            errors.push(format!("$.{name}"), "must be a string");
            None
        }
    };
    let date = text_field("date", &mut errors).and_then(|d| {
        let day = iso_date(&d);
        if day.is_none() {
            errors.push("$.date", format!("`{d}` is not a date like {DATE_EXAMPLE}"));
        }
        day
    });
    let facilitator = text_field("facilitator", &mut errors);

    let respondents = match root.get("respondents") {
        Some(Value::Array(items)) if items.is_empty() => {
            errors.push("$.respondents", "at least one respondent is needed");
            Vec::new()
        }
        Some(Value::Array(items)) if items.len() > MAX_RESPONDENTS => {
            errors.push(
                "$.respondents",
                format!("at most {MAX_RESPONDENTS} respondents"),
            );
            Vec::new()
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                respondent(
                    &format!("$.respondents[{i}]"),
                    i,
                    v,
                    questionnaire,
                    &mut errors,
                )
            })
            .collect(),
        Some(_) => {
            errors.push("$.respondents", "must be a list of respondents");
            Vec::new()
        }
        None => {
            errors.push(
                "$.respondents",
                "missing: the list of respondents and their answers",
            );
            Vec::new()
        }
    };

    let mut choices = Choices::default();
    if let Some(targets) = object(root, "targets", &mut errors) {
        for (dim, v) in targets {
            let at = key_path("$.targets", dim);
            if questionnaire.dimension(dim).is_none() {
                errors.push(at, "unknown dimension");
            } else {
                match v.as_u64() {
                    Some(l @ 1..=5) => {
                        choices.targets.insert(dim.clone(), l as u8);
                    }
                    _ => errors.push(at, format!("a target is a level from 1 to 5, not {v}")),
                }
            }
        }
    }
    if let Some(weights) = object(root, "weights", &mut errors) {
        for (dim, v) in weights {
            let at = key_path("$.weights", dim);
            if questionnaire.dimension(dim).is_none() {
                errors.push(at, "unknown dimension");
            } else {
                match v.as_f64() {
                    Some(w) if w > 0.0 && w <= 100.0 => {
                        choices.weights.insert(dim.clone(), w);
                    }
                    _ => errors.push(
                        at,
                        format!("a weight is a number above 0 and at most 100, not {v}"),
                    ),
                }
            }
        }
    }

    let (dora_year, dora_answers) = dora_section(root, dora, &mut errors);
    if errors.0.is_empty() {
        Ok(AnswersFile {
            date,
            facilitator,
            respondents,
            choices,
            dora_year,
            dora: dora_answers,
        })
    } else {
        Err(errors.0)
    }
}

fn object<'a>(
    root: &'a Map<String, Value>,
    name: &str,
    errors: &mut Errors,
) -> Option<&'a Map<String, Value>> {
    match root.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m),
        Some(_) => {
            errors.push(format!("$.{name}"), "must be an object");
            None
        }
    }
}

/// The roles a file may give, for its messages: `practitioner or leader`.
fn roles() -> String {
    crate::codes::or_list(Role::ALL.map(Role::code))
}

fn respondent(
    at: &str,
    index: usize,
    value: &Value,
    questionnaire: &Questionnaire,
    errors: &mut Errors,
) -> Respondent {
    let mut r = Respondent {
        name: format!("Respondent {}", index + 1),
        role: None,
        ..Respondent::default()
    };
    let Some(obj) = value.as_object() else {
        errors.push(
            at,
            "a respondent is an object with `name`, `role` and `answers`",
        );
        return r;
    };
    for key in obj
        .keys()
        .filter(|k| !["name", "role", "answers"].contains(&k.as_str()))
    {
        errors.push(
            key_path(at, key),
            "unknown field (known: name, role, answers)",
        );
    }
    match obj.get("role") {
        None | Some(Value::Null) => {}
        Some(Value::String(code)) => match Role::from_code(code) {
            Some(role) => r.role = Some(role),
            None => errors.push(
                format!("{at}.role"),
                format!("`{code}` is not a role: {}", roles()),
            ),
        },
        Some(_) => errors.push(format!("{at}.role"), format!("must be text: {}", roles())),
    }
    match obj.get("name") {
        None | Some(Value::Null) => {}
        Some(Value::String(n)) => match text::required("a name", n, Rule::name(MAX_NAME)) {
            Ok(n) => r.name = n.to_string(),
            Err(e) => errors.push(format!("{at}.name"), e.problem.to_string()),
        },
        Some(_) => errors.push(format!("{at}.name"), "must be text"),
    }
    let Some(answers) = obj.get("answers").and_then(Value::as_object) else {
        errors.push(
            format!("{at}.answers"),
            "missing or not an object of question id → answer",
        );
        return r;
    };
    for (qid, v) in answers {
        let path = key_path(&format!("{at}.answers"), qid);
        if questionnaire.question(qid).is_none() {
            errors.push(path, format!("unknown question id `{qid}`"));
            continue;
        }
        let (answer, evidence) = match v {
            Value::Object(o) => {
                for key in o
                    .keys()
                    .filter(|k| !["level", "evidence"].contains(&k.as_str()))
                {
                    errors.push(
                        key_path(&path, key),
                        "unknown field (known: level, evidence)",
                    );
                }
                let evidence = match o.get("evidence") {
                    None | Some(Value::Null) => None,
                    Some(Value::String(e)) => {
                        match text::check("evidence", e, Rule::free(MAX_EVIDENCE)) {
                            Ok(()) => Some(e.clone()),
                            Err(err) => {
                                errors.push(format!("{path}.evidence"), err.problem.to_string());
                                None
                            }
                        }
                    }
                    Some(_) => {
                        errors.push(format!("{path}.evidence"), "must be text");
                        None
                    }
                };
                match o.get("level") {
                    Some(level) => (answer(&format!("{path}.level"), level, errors), evidence),
                    None => {
                        errors.push(format!("{path}.level"), "missing");
                        (None, evidence)
                    }
                }
            }
            other => (answer(&path, other, errors), None),
        };
        if let Some(a) = answer {
            r.answers.insert(qid.clone(), a);
        }
        if let Some(e) = evidence.filter(|e| !e.is_empty()) {
            r.evidence.insert(qid.clone(), e);
        }
    }
    r
}

fn answer(at: &str, v: &Value, errors: &mut Errors) -> Option<Answer> {
    match v {
        Value::Number(n) => match n.as_u64() {
            Some(l @ 1..=5) => Some(Answer::Level(l as u8)),
            _ => {
                errors.push(at, format!("level {n} is out of range: answers are 1 to 5, \"dont-know\" or \"not-applicable\""));
                None
            }
        },
        Value::String(s) if s == "dont-know" => Some(Answer::DontKnow),
        Value::String(s) if s == "not-applicable" => Some(Answer::NotApplicable),
        other => {
            errors.push(
                at,
                format!(
                    "{other} is not an answer: use 1 to 5, \"dont-know\" or \"not-applicable\""
                ),
            );
            None
        }
    }
}

fn dora_section(
    root: &Map<String, Value>,
    model: &DoraModel,
    errors: &mut Errors,
) -> (Option<u16>, BTreeMap<String, DoraAnswer>) {
    let mut answers = BTreeMap::new();
    let mut year = None;
    let Some(section) = object(root, "dora", errors) else {
        return (year, answers);
    };
    for (key, v) in section {
        let at = key_path("$.dora", key);
        if key == "year" {
            match v.as_u64().and_then(|y| u16::try_from(y).ok()) {
                Some(y) if model.year(y).is_some() => year = Some(y),
                _ => errors.push(
                    at,
                    format!(
                        "no cluster table for {v}; known years: {}",
                        model
                            .years
                            .iter()
                            .map(|y| y.year.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
            continue;
        }
        let Some(metric) = model.metric(key) else {
            errors.push(
                at,
                format!(
                    "unknown DORA metric (known: {})",
                    model
                        .metrics
                        .iter()
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        };
        let answer = match (v, &metric.kind) {
            (Value::String(s), _) if s == "dont-know" => DoraAnswer::DontKnow,
            (Value::String(s), MetricKind::Bucket { .. }) => DoraAnswer::Bucket(s.clone()),
            (Value::Number(n), MetricKind::Percent) => {
                DoraAnswer::Percent(n.as_f64().unwrap_or(f64::NAN))
            }
            _ => DoraAnswer::Bucket(v.to_string()),
        };
        match model.check_answer(key, &answer) {
            Ok(()) => {
                answers.insert(key.clone(), answer);
            }
            Err(message) => errors.push(at, message),
        }
    }
    (year, answers)
}

/// The base of a questionnaire version, without the quick scan's suffix: "1.1.0+quick" → "1.1.0".
fn base_version(version: &str) -> &str {
    version.strip_suffix(QUICK_SCAN_VERSION).unwrap_or(version)
}

/// A file's `version` must be the questionnaire's (the full form's or its quick scan's): the
/// same question id can ask something else in another version (continuous-delivery-3 asked
/// about deploying and releasing in 1.0.0, only about deploying in 1.1.0), so answers written
/// for one version are never scored against another.
fn check_version(version: &Value, questionnaire: &Questionnaire, errors: &mut Errors) {
    let today = base_version(&questionnaire.version);
    match version.as_str() {
        Some(v) if base_version(v) == today => {}
        Some(v) => errors.push(
            "$.version",
            format!(
                "the answers are for questionnaire version `{v}`; this app asks version \
                 `{today}`, whose questions differ: check each answer against today's \
                 questions and set \"version\": \"{today}\""
            ),
        ),
        None => errors.push("$.version", "must be a string such as \"1.1.0\""),
    }
}

#[cfg(test)]
mod version_tests {
    use super::*;

    fn dora() -> DoraModel {
        DoraModel {
            default_year: 2024,
            note: String::new(),
            metrics: Vec::new(),
            years: Vec::new(),
        }
    }

    fn parse(version: &str, q: &Questionnaire) -> Result<AnswersFile, Vec<AnswersError>> {
        let text = format!(
            r#"{{"questionnaire": "test", "version": {version},
                "respondents": [{{"name": "Ana", "answers": {{"a": 3}}}}]}}"#
        );
        parse_answers(&text, q, &dora())
    }

    /// Answers written for another version are refused by name, never scored against today's
    /// questions; the quick scan's version and the full form's base version are both today's.
    #[test]
    fn answers_for_another_questionnaire_version_are_refused() {
        let mut q = Questionnaire::sample([("flow", ["a", "b"])]);
        q.version = "1.1.0".into();
        assert!(parse("\"1.1.0\"", &q).is_ok());
        assert!(parse("\"1.1.0+quick\"", &q).is_ok());
        let quick = Questionnaire {
            version: "1.1.0+quick".into(),
            quick_scan: true,
            ..q.clone()
        };
        assert!(parse("\"1.1.0\"", &quick).is_ok());
        assert!(parse("\"1.1.0+quick\"", &quick).is_ok());
        let old = parse("\"1.0.0\"", &q).unwrap_err();
        assert_eq!(old.len(), 1, "{old:?}");
        assert_eq!(old[0].at, "$.version");
        assert!(
            old[0]
                .message
                .contains("version `1.0.0`; this app asks version `1.1.0`"),
            "{}",
            old[0]
        );
        let old_quick = parse("\"1.0.0+quick\"", &quick).unwrap_err();
        assert!(
            old_quick[0].message.contains("`1.0.0+quick`"),
            "{old_quick:?}"
        );
        let number = parse("1.1", &q).unwrap_err();
        assert_eq!(
            number[0].to_string(),
            "$.version: must be a string such as \"1.1.0\""
        );
    }
}
