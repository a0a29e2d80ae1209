//! Questionnaire snapshots, assessments and each respondent's answers, as an export file holds
//! them.

use std::collections::{BTreeMap, HashSet};

use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME as MAX_PERSON, MAX_RESPONDENTS};
use devops_maturity_core::consensus::{check_rationale, MAX_RATIONALE};
use devops_maturity_core::dora::DoraAnswer;
use devops_maturity_core::{Answer, AssessmentStatus, Questionnaire, Role};
use serde_json::Value;

use super::{ID, MAX_TEXT};
use crate::exchange::format::{
    AnswerRecord, AssessmentRecord, ChoiceRecord, ConsensusRecord, RespondentRecord,
};
use crate::exchange::reader::{check_text, key_path, object, shown, Problems, Text};

pub(super) fn questionnaire(value: &Value, at: &str, p: &mut Problems) -> Option<Questionnaire> {
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
        // The course chapter a dimension points at is an id like the others (the import fuzz
        // target stored a DEL character here before).
        if let Some(chapter) = &d.chapter {
            if let Err(m) = check_text(chapter, ID) {
                p.push(format!("{at}.chapter"), m);
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

pub(super) fn assessment(value: &Value, at: &str, p: &mut Problems) -> Option<AssessmentRecord> {
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
    let code = o.text("status", ID, p);
    let status = AssessmentStatus::from_code(&code);
    let completed_at = o.opt_timestamp("completed_at", p);
    match (status, &completed_at) {
        (Some(AssessmentStatus::Completed), Some(_))
        | (Some(AssessmentStatus::InProgress), None) => {}
        (Some(AssessmentStatus::Completed), None) => p.push(
            o.path("completed_at"),
            "missing: a completed assessment has a completion time",
        ),
        (Some(AssessmentStatus::InProgress), Some(_)) => p.push(
            o.path("completed_at"),
            "an assessment in progress has no completion time",
        ),
        // `o.text` has said what is wrong with a missing or empty status.
        (None, _) if code.is_empty() => {}
        (None, _) => p.push(
            o.path("status"),
            format!(
                "`{code}` is not a status: use {}",
                AssessmentStatus::expected()
            ),
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
        // Without a status the file is refused: the problem is recorded above.
        status: status?,
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
                    format!("{} is not a role: use {}", shown(v), Role::expected()),
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
