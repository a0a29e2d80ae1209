//! Groups, teams (with a group since version 2), workshops and the teams at each, as an export
//! file holds them.

use std::collections::BTreeMap;

use devops_maturity_core::answers_file::MAX_NAME as MAX_PERSON;
use devops_maturity_core::Answer;

use serde_json::Value;

use super::{date, ID, MAX_AGENDA_JSON};
use crate::exchange::format::{
    GroupRecord, PracticeAnswerRecord, PracticeVersion, TeamRecord, WorkshopRecord,
    WorkshopTeamRecord,
};
use crate::exchange::reader::{check_text, key_path, object, shown, Problems, Text};

pub(super) fn group(value: &Value, at: &str, p: &mut Problems) -> Option<GroupRecord> {
    let o = object(value, at, p)?;
    o.only(&["uuid", "name", "created_at", "updated_at"], p);
    Some(GroupRecord {
        uuid: o.uuid("uuid", p),
        name: o.text("name", Text::name(crate::groups::MAX_NAME), p),
        created_at: o.timestamp("created_at", p),
        updated_at: o.timestamp("updated_at", p),
    })
}

pub(super) fn team(value: &Value, at: &str, p: &mut Problems) -> Option<TeamRecord> {
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
pub(super) fn team_v1(value: &Value, at: &str, p: &mut Problems) -> Option<TeamRecord> {
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

pub(super) fn workshop(value: &Value, at: &str, p: &mut Problems) -> Option<WorkshopRecord> {
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

/// One workshop team of a file of `format_version`.
pub(super) fn workshop_team(
    value: &Value,
    at: &str,
    format_version: u64,
    p: &mut Problems,
) -> Option<WorkshopTeamRecord> {
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
        // Format 4 added the version the answer was given on.
        let fields: &[&str] = if format_version >= 4 {
            &["uuid", "answer", "updated_at", "questionnaire_version"]
        } else {
            &["uuid", "answer", "updated_at"]
        };
        a.only(fields, p);
        let questionnaire_version = if !a.has("questionnaire_version") {
            PracticeVersion::NotSaid
        } else {
            // null (or a bad value, reported) is unknown.
            a.opt_text("questionnaire_version", ID, p)
                .map_or(PracticeVersion::Unknown, PracticeVersion::Version)
        };
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
            questionnaire_version,
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
