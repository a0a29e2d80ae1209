//! [`parse_import`]: bytes to a checked [`ExportFile`], every problem with its JSON path, no
//! database. This file reads the file as a whole (size, encoding, format and version, the
//! lists, the settings); one module per kind of record reads each item:
//! - `assessment`: questionnaire snapshots, assessments and their respondents' answers;
//! - `plan`: improvement plans and their items;
//! - `teams`: groups, teams (version 1 and later), workshops and the teams at them;
//! - `learning`: learners, quiz results and chapters read;
//! - `duplicates`: the same record twice in one file.

mod assessment;
mod duplicates;
mod learning;
mod plan;
mod teams;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use devops_maturity_core::date;
use serde_json::Value;

use super::format::{
    ExportFile, DEVICE_SETTINGS, FORMAT, FORMAT_VERSION, MAX_FILE_BYTES, OLDEST_VERSION,
};
use super::reader::{check_text, key_path, object, parse_json, shown, Obj, Problems, Text};
use super::{ImportError, Problem};
use assessment::{assessment, questionnaire};
use duplicates::duplicates;
use learning::{chapter_read, learner, quiz_result};
use plan::plan;
use teams::{group, team, team_v1, workshop, workshop_team};

/// Ids of questions, dimensions, modules, chapters, DORA metrics and buckets.
pub(super) const MAX_ID: usize = 200;
/// Questionnaire texts (titles, descriptions, anchors).
pub(super) const MAX_TEXT: usize = 20_000;
pub(super) const MAX_QUIZ_QUESTIONS: u64 = 1_000;
pub(super) const MAX_QUIZ_OPTION: u64 = 999;
/// A workshop's agenda edits, as `workshops` accepts them.
pub(super) const MAX_AGENDA_JSON: usize = 10_000;

pub(super) const ID: Text = Text::line(MAX_ID);

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
    file.workshop_teams = each(&root, "workshop_teams", &mut p, |v, at, p| {
        workshop_team(v, at, version, p)
    });
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

/// A `YYYY-MM-DD` field (a real calendar day).
/// A calendar day written exactly `YYYY-MM-DD` (`core::date::iso_date`).
pub(super) fn date(o: &Obj<'_>, key: &str, required: bool, p: &mut Problems) -> Option<NaiveDate> {
    let value = if required {
        o.text(key, Text::line(10), p)
    } else {
        o.opt_text(key, Text::line(10), p)?
    };
    if value.is_empty() {
        return None;
    }
    let day = date::iso_date(&value);
    if day.is_none() {
        p.push(
            o.path(key),
            format!("`{value}` is not a date like {}", date::EXAMPLE),
        );
    }
    day
}

pub(super) fn strings(
    o: &Obj<'_>,
    key: &str,
    max_items: usize,
    rule: Text,
    p: &mut Problems,
) -> Vec<String> {
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

pub(super) fn boolean(o: &Obj<'_>, key: &str, p: &mut Problems) -> bool {
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
pub(super) fn code(o: &Obj<'_>, key: &str, codes: &[&str], p: &mut Problems) -> String {
    let value = o.text(key, ID, p);
    if !value.is_empty() && !codes.contains(&value.as_str()) {
        p.push(
            o.path(key),
            format!("`{value}` is not one of: {}", codes.join(", ")),
        );
    }
    value
}
