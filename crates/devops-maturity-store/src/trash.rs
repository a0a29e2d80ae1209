//! Delete, with a way back.
//!
//! What can be deleted is a [`Target`]: a team, a workshop, a team's place at a workshop, an
//! assessment, an improvement plan, a learner, or the demo organisation. [`Store::delete_preview`]
//! says what goes with it ("Platform Team, 3 assessments (1 completed), 2 plans") without
//! writing; [`Store::delete`] removes it in one transaction and keeps every removed row in the
//! `trash` table, so [`Store::undo_delete`] can put them back. A trash entry is kept for
//! [`KEEP_DAYS`] days and then purged (by the next delete, or [`Store::purge_trash`] at start-up).
//! The trash lives in the database, so an undo survives a crash or a restart of the app.
//!
//! Why rows in a trash table, not a `deleted_at` column: every query of every view, report and
//! export would have to leave soft-deleted rows out, and one forgotten `WHERE` would show
//! deleted data. Here a deleted row is simply not in its table any more, so nothing else has to
//! know about deletion (and export, which reads the tables, never exports a deleted row; the
//! trash table itself is deliberately not exported).
//!
//! The rules:
//! - Foreign rows are handled explicitly, not left to `ON DELETE` clauses: what goes with a
//!   target is collected first (a team: its assessments and their respondents, answers, targets,
//!   DORA answers, agreed levels, plans, and its places at workshops with their practice
//!   answers; a workshop: its teams' places and their assessments), then deleted child first.
//!   Learners of a deleted team stay, without a team; the undo puts them back in it.
//! - A completed assessment is frozen: a delete that would take one is refused unless the
//!   caller passes `completed: true`, an explicit choice (the CLI's `--completed`, the app's
//!   confirmation box). A refused delete changes nothing.
//! - The undo puts back every row with its values; a row keeps its id unless another row took
//!   that id since (then it gets a new one and the rows that point to it follow). It is refused,
//!   changing nothing, when a team or learner of the same name or a record with the same UUID
//!   exists again (created or imported since).
//! - A bulk delete ([`Preview::bulk`]) is preceded by the automatic backup
//!   ([`crate::backup::rolling_backup`]): [`delete_with_backup`] is what the app and the CLI
//!   call.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::learners::CURRENT_LEARNER_KEY;
use crate::teams::timestamp;
use crate::{Store, StoreError};

pub(crate) const MIGRATION_TRASH: &str = "
CREATE TABLE trash (
    id         INTEGER PRIMARY KEY,
    -- JSON of the `Target` that was deleted.
    target     TEXT NOT NULL,
    -- JSON of the `Preview` shown before the delete: label, counts, the sentence.
    preview    TEXT NOT NULL,
    -- JSON of the removed rows, table by table, parents first.
    rows       TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
";

/// Trash entries are numbered without reuse (`AUTOINCREMENT`): an undo offered for entry 3
/// must never restore a later delete that took the number after entry 3 was restored.
pub(crate) const MIGRATION_TRASH_NUMBERS: &str = "
CREATE TABLE trash_numbered (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    target     TEXT NOT NULL,
    preview    TEXT NOT NULL,
    rows       TEXT NOT NULL,
    deleted_at TEXT NOT NULL
);
INSERT INTO trash_numbered (id, target, preview, rows, deleted_at)
SELECT id, target, preview, rows, deleted_at FROM trash;
DROP TABLE trash;
ALTER TABLE trash_numbered RENAME TO trash;
CREATE INDEX trash_deleted_at ON trash (deleted_at);
";

/// How long a deleted record can be brought back, in days.
pub const KEEP_DAYS: i64 = 30;

/// What to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Target {
    Team {
        id: i64,
    },
    Workshop {
        id: i64,
    },
    /// A team's place at a workshop (a `workshop_teams` row) and the assessment it links.
    WorkshopTeam {
        id: i64,
    },
    Assessment {
        id: i64,
    },
    /// The improvement plan of an assessment (the assessment stays).
    Plan {
        assessment: i64,
    },
    Learner {
        id: i64,
    },
    /// Every team of the demo organisation, and the organisation's name if the demo set it.
    Demo,
}

/// How many rows of each kind a delete takes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub teams: u32,
    pub workshops: u32,
    pub workshop_teams: u32,
    pub assessments: u32,
    /// Of `assessments`, how many are completed.
    pub completed: u32,
    pub answers: u32,
    pub plans: u32,
    pub learners: u32,
    pub quiz_results: u32,
    /// Learners of a deleted team who stay, without a team.
    pub learners_unlinked: u32,
}

/// What a delete would take, before it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub target: Target,
    /// The thing itself: "Platform Team", "Spring class (2026-03-02)".
    pub label: String,
    pub counts: Counts,
    /// What goes with it, in words: `["3 assessments (1 completed)", "2 plans"]`.
    pub with: Vec<String>,
    /// The label and what goes with it in one line: "Platform Team, 3 assessments, 2 plans".
    pub sentence: String,
    /// More than one assessment or team, or a completed assessment: the automatic backup is
    /// taken first.
    pub bulk: bool,
    /// The workshops this delete takes, or takes a team's place from (so the app can refuse it
    /// while a workshop's live session runs).
    #[serde(default)]
    pub workshops: Vec<i64>,
}

/// A delete that happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deleted {
    /// The trash entry that [`Store::undo_delete`] takes.
    pub trash_id: i64,
    pub preview: Preview,
    /// The automatic backup taken before a bulk delete (`None`: not bulk, in memory, or
    /// identical to the newest backup).
    pub backup: Option<PathBuf>,
}

/// One entry of the trash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrashEntry {
    pub id: i64,
    pub preview: Preview,
    pub deleted_at: String,
    /// When it is purged, unless restored first.
    pub purge_after: String,
}

/// One table that a delete can touch, with its integer id (if any) and the columns that point
/// to another such table. Parents come first; deletes go in reverse order.
struct Table {
    name: &'static str,
    has_id: bool,
    refs: &'static [(&'static str, &'static str)],
}

const TABLES: &[Table] = &[
    Table {
        name: "teams",
        has_id: true,
        refs: &[],
    },
    Table {
        name: "workshops",
        has_id: true,
        refs: &[],
    },
    Table {
        name: "learners",
        has_id: true,
        refs: &[("team_id", "teams")],
    },
    Table {
        name: "assessments",
        has_id: true,
        refs: &[("team_id", "teams")],
    },
    Table {
        name: "respondents",
        has_id: true,
        refs: &[("assessment_id", "assessments")],
    },
    Table {
        name: "answers",
        has_id: false,
        refs: &[("respondent_id", "respondents")],
    },
    Table {
        name: "dimension_choices",
        has_id: false,
        refs: &[("assessment_id", "assessments")],
    },
    Table {
        name: "dora_answers",
        has_id: false,
        refs: &[("assessment_id", "assessments")],
    },
    Table {
        name: "consensus",
        has_id: false,
        refs: &[("assessment_id", "assessments")],
    },
    Table {
        name: "plans",
        has_id: true,
        refs: &[("assessment_id", "assessments")],
    },
    Table {
        name: "plan_items",
        has_id: true,
        refs: &[("plan_id", "plans")],
    },
    Table {
        name: "workshop_teams",
        has_id: true,
        refs: &[
            ("workshop_id", "workshops"),
            ("team_id", "teams"),
            ("assessment_id", "assessments"),
        ],
    },
    Table {
        name: "practice_answers",
        has_id: true,
        refs: &[("workshop_team_id", "workshop_teams")],
    },
    Table {
        name: "quiz_results",
        has_id: true,
        refs: &[("learner_id", "learners")],
    },
    Table {
        name: "chapter_reads",
        has_id: false,
        refs: &[("learner_id", "learners")],
    },
];

/// Tables a delete never touches, with the reason (checked against the schema by a test).
#[cfg(test)]
const UNTOUCHED: &[(&str, &str)] = &[
    (
        "settings",
        "handled by key: the current learner, the demo's organisation",
    ),
    (
        "questionnaires",
        "snapshots are shared by assessments and kept",
    ),
    ("questionnaire_questions", "derived from the snapshots"),
    ("trash", "the deleted rows themselves"),
    (
        "team_groups",
        "a group stays when its teams go; a team restored after its group was deleted has none",
    ),
    (
        "sqlite_sequence",
        "SQLite's counter behind the trash's AUTOINCREMENT",
    ),
    (
        "timers",
        "the day's countdowns, keyed by activity, belong to no record",
    ),
];

/// The ids a delete takes, table by table, with what the label needs.
#[derive(Debug, Default)]
struct Doomed {
    teams: Vec<i64>,
    workshops: Vec<i64>,
    workshop_teams: Vec<i64>,
    assessments: Vec<i64>,
    plans: Vec<i64>,
    learners: Vec<i64>,
    /// Settings removed with the rows: (key, value).
    settings: Vec<(String, String)>,
}

fn list(ids: &[i64]) -> String {
    let parts: Vec<String> = ids.iter().map(i64::to_string).collect();
    parts.join(",")
}

fn ids(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(found)
}

fn add(into: &mut Vec<i64>, more: Vec<i64>) {
    for id in more {
        if !into.contains(&id) {
            into.push(id);
        }
    }
}

fn count(conn: &Connection, sql: &str) -> rusqlite::Result<u32> {
    conn.query_row(sql, [], |r| r.get(0))
}

fn not_found(what: String) -> StoreError {
    StoreError::NotFound { what }
}

/// The day of a stored timestamp (`YYYY-MM-DD`).
/// The calendar day (UTC) of a stored RFC 3339 timestamp; the text as stored when it is not one.
fn day(ts: &str) -> String {
    DateTime::parse_from_rfc3339(ts).map_or_else(
        |_| ts.to_string(),
        |t| t.with_timezone(&Utc).format("%Y-%m-%d").to_string(),
    )
}

/// The WHERE clause that selects `table`'s rows of `d`; `None` when it takes none.
fn selector(table: &str, d: &Doomed) -> Option<String> {
    let by = |column: &str, ids: &[i64]| {
        (!ids.is_empty()).then(|| format!("{column} IN ({})", list(ids)))
    };
    match table {
        "teams" => by("id", &d.teams),
        "workshops" => by("id", &d.workshops),
        "learners" => by("id", &d.learners),
        "assessments" => by("id", &d.assessments),
        "respondents" | "dimension_choices" | "dora_answers" | "consensus" => {
            by("assessment_id", &d.assessments)
        }
        "answers" => (!d.assessments.is_empty()).then(|| {
            format!(
                "respondent_id IN (SELECT id FROM respondents WHERE assessment_id IN ({}))",
                list(&d.assessments)
            )
        }),
        "plans" => by("id", &d.plans),
        "plan_items" => by("plan_id", &d.plans),
        "workshop_teams" => by("id", &d.workshop_teams),
        "practice_answers" => by("workshop_team_id", &d.workshop_teams),
        "quiz_results" | "chapter_reads" => by("learner_id", &d.learners),
        _ => None,
    }
}

/// Learners who stay when their team goes: (learner, team).
fn unlinked(conn: &Connection, d: &Doomed) -> rusqlite::Result<Vec<(i64, i64)>> {
    if d.teams.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT id, team_id FROM learners WHERE team_id IN ({}) AND id NOT IN ({}) ORDER BY id",
        list(&d.teams),
        list(&d.learners)
    ))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Finds the target and everything that goes with it; the label names the target.
fn collect(conn: &Connection, target: Target) -> Result<(Doomed, String), StoreError> {
    let mut d = Doomed::default();
    let label = match target {
        Target::Team { id } => {
            let name: String = conn
                .query_row("SELECT name FROM teams WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found(format!("team {id}")))?;
            d.teams.push(id);
            name
        }
        Target::Demo => {
            let keys: Vec<String> = devops_maturity_core::demo::team_names()
                .map(devops_maturity_core::text::name_key)
                .collect();
            let mut stmt = conn.prepare("SELECT id FROM teams WHERE name_key = ?1")?;
            for key in &keys {
                if let Some(id) = stmt.query_row([key], |r| r.get(0)).optional()? {
                    d.teams.push(id);
                }
            }
            if d.teams.is_empty() {
                return Err(not_found("the demo organisation".into()));
            }
            let organisation = devops_maturity_core::demo::ORGANISATION;
            let set: Option<String> = conn
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [crate::settings::ORGANISATION],
                    |r| r.get(0),
                )
                .optional()?;
            if set.as_deref() == Some(organisation) {
                d.settings
                    .push((crate::settings::ORGANISATION.into(), organisation.into()));
            }
            format!("the demo organisation ({organisation})")
        }
        Target::Workshop { id } => {
            let (name, held_on): (String, String) = conn
                .query_row(
                    "SELECT name, held_on FROM workshops WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| not_found(format!("workshop {id}")))?;
            d.workshops.push(id);
            format!("{name} ({held_on})")
        }
        Target::WorkshopTeam { id } => {
            let (team, workshop): (String, String) = conn
                .query_row(
                    "SELECT t.name, w.name FROM workshop_teams wt
                     JOIN teams t ON t.id = wt.team_id JOIN workshops w ON w.id = wt.workshop_id
                     WHERE wt.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| not_found(format!("workshop team {id}")))?;
            d.workshop_teams.push(id);
            format!("{team} at {workshop}")
        }
        Target::Assessment { id } => {
            let label = assessment_label(conn, id)?;
            d.assessments.push(id);
            label
        }
        Target::Plan { assessment } => {
            let plan: i64 = conn
                .query_row(
                    "SELECT id FROM plans WHERE assessment_id = ?1",
                    [assessment],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| {
                    not_found(format!("the improvement plan of assessment {assessment}"))
                })?;
            d.plans.push(plan);
            format!(
                "the improvement plan of {}",
                assessment_label(conn, assessment)?
            )
        }
        Target::Learner { id } => {
            let name: String = conn
                .query_row("SELECT name FROM learners WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| not_found(format!("learner {id}")))?;
            d.learners.push(id);
            name
        }
    };
    // What goes with it: a team's assessments and places at workshops, a workshop's places,
    // each place's assessment and each assessment's place (one to one), the assessments' plans.
    if !d.teams.is_empty() {
        let t = list(&d.teams);
        add(
            &mut d.assessments,
            ids(
                conn,
                &format!("SELECT id FROM assessments WHERE team_id IN ({t}) ORDER BY id"),
            )?,
        );
        add(
            &mut d.workshop_teams,
            ids(
                conn,
                &format!("SELECT id FROM workshop_teams WHERE team_id IN ({t}) ORDER BY id"),
            )?,
        );
    }
    if !d.workshops.is_empty() {
        let w = list(&d.workshops);
        add(
            &mut d.workshop_teams,
            ids(
                conn,
                &format!("SELECT id FROM workshop_teams WHERE workshop_id IN ({w}) ORDER BY id"),
            )?,
        );
    }
    if !d.workshop_teams.is_empty() {
        let wt = list(&d.workshop_teams);
        add(
            &mut d.assessments,
            ids(
                conn,
                &format!("SELECT assessment_id FROM workshop_teams WHERE id IN ({wt}) ORDER BY id"),
            )?,
        );
    }
    if !d.assessments.is_empty() {
        let a = list(&d.assessments);
        add(
            &mut d.workshop_teams,
            ids(
                conn,
                &format!("SELECT id FROM workshop_teams WHERE assessment_id IN ({a}) ORDER BY id"),
            )?,
        );
        add(
            &mut d.plans,
            ids(
                conn,
                &format!("SELECT id FROM plans WHERE assessment_id IN ({a}) ORDER BY id"),
            )?,
        );
    }
    if !d.learners.is_empty() {
        let current: Option<String> = conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [CURRENT_LEARNER_KEY],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(value) = current.filter(|v| v.parse().is_ok_and(|id| d.learners.contains(&id)))
        {
            d.settings.push((CURRENT_LEARNER_KEY.into(), value));
        }
    }
    Ok((d, label))
}

/// "Platform Team's completed assessment of 2026-11-23", or "… assessment in progress since …".
fn assessment_label(conn: &Connection, id: i64) -> Result<String, StoreError> {
    let (team, started, completed): (String, String, Option<String>) = conn
        .query_row(
            "SELECT t.name, a.started_at, CASE a.status WHEN 'completed' THEN a.completed_at END
             FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| not_found(format!("assessment {id}")))?;
    Ok(match completed {
        Some(done) => format!("{team}'s completed assessment of {}", day(&done)),
        None => format!("{team}'s assessment in progress since {}", day(&started)),
    })
}

fn counts(conn: &Connection, d: &Doomed) -> Result<Counts, StoreError> {
    let n = |table: &str| -> rusqlite::Result<u32> {
        match selector(table, d) {
            Some(w) => count(conn, &format!("SELECT count(*) FROM {table} WHERE {w}")),
            None => Ok(0),
        }
    };
    let completed = match selector("assessments", d) {
        Some(w) => count(
            conn,
            &format!("SELECT count(*) FROM assessments WHERE {w} AND status = 'completed'"),
        )?,
        None => 0,
    };
    Ok(Counts {
        teams: n("teams")?,
        workshops: n("workshops")?,
        workshop_teams: n("workshop_teams")?,
        assessments: n("assessments")?,
        completed,
        answers: n("answers")?,
        plans: n("plans")?,
        learners: n("learners")?,
        quiz_results: n("quiz_results")?,
        learners_unlinked: unlinked(conn, d)?.len() as u32,
    })
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What goes with the target, in words; the target's own kind is its label, not a count.
fn with_words(target: Target, c: &Counts) -> Vec<String> {
    let own = |kind: &str| -> bool {
        matches!(
            (target, kind),
            (Target::Team { .. }, "teams")
                | (Target::Workshop { .. }, "workshops")
                | (Target::WorkshopTeam { .. }, "workshop_teams")
                | (Target::Assessment { .. }, "assessments")
                | (Target::Plan { .. }, "plans")
                | (Target::Learner { .. }, "learners")
        )
    };
    let mut words = Vec::new();
    if c.teams > 0 && !own("teams") {
        words.push(plural(c.teams, "team", "teams"));
    }
    if c.workshop_teams > 0 && !own("workshop_teams") {
        words.push(plural(
            c.workshop_teams,
            "place at a workshop",
            "places at workshops",
        ));
    }
    if c.assessments > 0 && !own("assessments") {
        let mut w = plural(c.assessments, "assessment", "assessments");
        if c.completed > 0 {
            w.push_str(&format!(" ({} completed)", c.completed));
        }
        words.push(w);
    }
    if c.answers > 0 {
        words.push(plural(c.answers, "answer", "answers"));
    }
    if c.plans > 0 && !own("plans") {
        words.push(plural(c.plans, "plan", "plans"));
    }
    if c.learners > 0 && !own("learners") {
        words.push(plural(c.learners, "learner", "learners"));
    }
    if c.quiz_results > 0 {
        words.push(plural(
            c.quiz_results,
            "knowledge-check result",
            "knowledge-check results",
        ));
    }
    if c.learners_unlinked > 0 {
        words.push(plural(
            c.learners_unlinked,
            "learner stays, without a team",
            "learners stay, without a team",
        ));
    }
    words
}

fn preview(conn: &Connection, target: Target) -> Result<(Doomed, Preview), StoreError> {
    let (d, label) = collect(conn, target)?;
    let counts = counts(conn, &d)?;
    let with = with_words(target, &counts);
    let sentence = std::iter::once(label.clone())
        .chain(with.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let bulk = counts.assessments > 1 || counts.completed > 0 || counts.teams > 1;
    let mut workshops = d.workshops.clone();
    if !d.workshop_teams.is_empty() {
        add(
            &mut workshops,
            ids(
                conn,
                &format!(
                    "SELECT DISTINCT workshop_id FROM workshop_teams WHERE id IN ({}) ORDER BY workshop_id",
                    list(&d.workshop_teams)
                ),
            )?,
        );
    }
    Ok((
        d,
        Preview {
            target,
            label,
            counts,
            with,
            sentence,
            bulk,
            workshops,
        },
    ))
}

/// A stored cell, as JSON: null, an integer, a real or text (no table a delete touches has a
/// blob column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum Cell {
    Null(()),
    Integer(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    fn from_value(value: Value, table: &str) -> Result<Cell, StoreError> {
        Ok(match value {
            Value::Null => Cell::Null(()),
            Value::Integer(i) => Cell::Integer(i),
            Value::Real(r) => Cell::Real(r),
            Value::Text(t) => Cell::Text(t),
            Value::Blob(_) => {
                return Err(StoreError::Invalid(format!(
                    "cannot keep a deleted {table} row for undo: it holds binary data"
                )))
            }
        })
    }

    fn to_value(&self) -> Value {
        match self {
            Cell::Null(()) => Value::Null,
            Cell::Integer(i) => Value::Integer(*i),
            Cell::Real(r) => Value::Real(*r),
            Cell::Text(t) => Value::Text(t.clone()),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Rows {
    table: String,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// Everything a delete removed: enough to put it back.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Bundle {
    tables: Vec<Rows>,
    /// Learners who stayed without their team: (learner, team).
    unlinked: Vec<(i64, i64)>,
    settings: Vec<(String, String)>,
}

fn capture(conn: &Connection, d: &Doomed) -> Result<Bundle, StoreError> {
    let mut bundle = Bundle {
        unlinked: unlinked(conn, d)?,
        settings: d.settings.clone(),
        ..Bundle::default()
    };
    for table in TABLES {
        let Some(w) = selector(table.name, d) else {
            continue;
        };
        let mut stmt = conn.prepare(&format!("SELECT * FROM {} WHERE {w}", table.name))?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let width = columns.len();
        let mut rows = Vec::new();
        let mut query = stmt.query([])?;
        while let Some(row) = query.next()? {
            let mut cells = Vec::with_capacity(width);
            for i in 0..width {
                cells.push(Cell::from_value(row.get::<_, Value>(i)?, table.name)?);
            }
            rows.push(cells);
        }
        if !rows.is_empty() {
            bundle.tables.push(Rows {
                table: table.name.to_string(),
                columns,
                rows,
            });
        }
    }
    Ok(bundle)
}

fn remove(conn: &Connection, d: &Doomed, unlinked: &[(i64, i64)]) -> Result<(), StoreError> {
    for (learner, _) in unlinked {
        conn.execute(
            "UPDATE learners SET team_id = NULL WHERE id = ?1",
            [learner],
        )?;
    }
    for table in TABLES.iter().rev() {
        if let Some(w) = selector(table.name, d) {
            conn.execute(&format!("DELETE FROM {} WHERE {w}", table.name), [])?;
        }
    }
    for (key, _) in &d.settings {
        conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    }
    Ok(())
}

/// Puts a bundle's rows back, parents first. A row keeps its id unless that id was taken
/// since; then it gets a new one, and the rows pointing to it are rewritten.
fn put_back(conn: &Connection, bundle: &Bundle, label: &str) -> Result<(), StoreError> {
    let mut moved: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    for rows in &bundle.tables {
        let Some(table) = TABLES.iter().find(|t| t.name == rows.table) else {
            return Err(StoreError::Invalid(format!(
                "cannot undo the delete of {label}: it holds rows of an unknown table `{}`",
                rows.table
            )));
        };
        let at = |column: &str| rows.columns.iter().position(|c| c == column);
        for row in &rows.rows {
            refuse_twins(conn, table.name, &rows.columns, row, label)?;
            let mut values: Vec<Value> = row.iter().map(Cell::to_value).collect();
            for (column, parent) in table.refs {
                if let (Some(i), Some(map)) = (at(column), moved.get(parent)) {
                    if let Value::Integer(old) = values[i] {
                        if let Some(new) = map.get(&old) {
                            values[i] = Value::Integer(*new);
                        }
                    }
                }
            }
            // A team's group may have been deleted since: the team comes back without one.
            if table.name == "teams" {
                if let Some(i) = at("group_id") {
                    if let Value::Integer(group) = values[i] {
                        let kept: bool = conn.query_row(
                            "SELECT EXISTS (SELECT 1 FROM team_groups WHERE id = ?1)",
                            [group],
                            |r| r.get(0),
                        )?;
                        if !kept {
                            values[i] = Value::Null;
                        }
                    }
                }
            }
            let mut columns: Vec<&str> = rows.columns.iter().map(String::as_str).collect();
            let mut old_id = None;
            if table.has_id {
                if let Some(i) = at("id") {
                    if let Value::Integer(id) = values[i] {
                        old_id = Some(id);
                        let taken: bool = conn.query_row(
                            &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)", table.name),
                            [id],
                            |r| r.get(0),
                        )?;
                        if taken {
                            columns.remove(i);
                            values.remove(i);
                        }
                    }
                }
            }
            let marks = vec!["?"; columns.len()].join(", ");
            conn.execute(
                &format!(
                    "INSERT INTO {} ({}) VALUES ({marks})",
                    table.name,
                    columns.join(", ")
                ),
                params_from_iter(values.iter()),
            )?;
            if let Some(old) = old_id {
                let new = conn.last_insert_rowid();
                if new != old {
                    moved.entry(table.name).or_default().insert(old, new);
                }
            }
        }
    }
    let mapped = |table: &str, id: i64| {
        moved
            .get(table)
            .and_then(|m| m.get(&id))
            .copied()
            .unwrap_or(id)
    };
    for (learner, team) in &bundle.unlinked {
        conn.execute(
            "UPDATE learners SET team_id = ?1 WHERE id = ?2 AND team_id IS NULL",
            params![mapped("teams", *team), learner],
        )?;
    }
    for (key, value) in &bundle.settings {
        let value = if key == CURRENT_LEARNER_KEY {
            value
                .parse()
                .map(|id| mapped("learners", id).to_string())
                .unwrap_or_else(|_| value.clone())
        } else {
            value.clone()
        };
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE settings.value = ''",
            params![key, value],
        )?;
    }
    Ok(())
}

/// Refuses to put back a row whose name or UUID is in use again, with a message a person can
/// act on.
fn refuse_twins(
    conn: &Connection,
    table: &str,
    columns: &[String],
    row: &[Cell],
    label: &str,
) -> Result<(), StoreError> {
    let text = |column: &str| {
        columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| match &row[i] {
                Cell::Text(t) => Some(t.as_str()),
                _ => None,
            })
    };
    let named = matches!(table, "teams" | "learners");
    if let Some(name) = text("name").filter(|_| named) {
        let key = devops_maturity_core::text::name_key(name);
        if crate::names::holder(conn, table, &key, None)?.is_some() {
            let what = if table == "teams" { "team" } else { "learner" };
            return Err(StoreError::Conflict(format!(
                "cannot undo the delete of {label}: a {what} named \"{name}\" exists now — rename it, then undo again; nothing was changed"
            )));
        }
    }
    if let Some(uuid) = text("uuid") {
        let back: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE uuid = ?1)"),
            [uuid],
            |r| r.get(0),
        )?;
        if back {
            return Err(StoreError::Conflict(format!(
                "cannot undo the delete of {label}: its records are in the database again (imported or restored since); nothing was changed"
            )));
        }
    }
    Ok(())
}

fn purge(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM trash WHERE deleted_at < ?1",
        [timestamp(now - Duration::days(KEEP_DAYS))],
    )
}

fn entry(id: i64, preview: &str, deleted_at: String) -> Result<TrashEntry, StoreError> {
    let preview: Preview = serde_json::from_str(preview)
        .map_err(|e| StoreError::Invalid(format!("trash entry {id} cannot be read: {e}")))?;
    let purge_after = DateTime::parse_from_rfc3339(&deleted_at)
        .map(|t| timestamp(t.with_timezone(&Utc) + Duration::days(KEEP_DAYS)))
        .unwrap_or_default();
    Ok(TrashEntry {
        id,
        preview,
        deleted_at,
        purge_after,
    })
}

impl Store {
    /// What deleting `target` would take, without writing.
    pub fn delete_preview(&self, target: Target) -> Result<Preview, StoreError> {
        Ok(preview(&self.conn, target)?.1)
    }

    /// Deletes `target` and everything that goes with it in one transaction, keeping the rows
    /// in the trash. Refused, changing nothing, when it would take a completed assessment and
    /// `completed` is false. Purges trash entries older than [`KEEP_DAYS`]. Callers that want
    /// the automatic backup before a bulk delete call [`delete_with_backup`].
    pub fn delete(
        &mut self,
        target: Target,
        completed: bool,
        now: DateTime<Utc>,
    ) -> Result<Deleted, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let (d, preview) = preview(&tx, target)?;
        if preview.counts.completed > 0 && !completed {
            return Err(StoreError::Conflict(format!(
                "{} takes {}: completed assessments stay frozen, and deleting one is a separate, explicit choice; nothing was deleted",
                preview.label,
                plural(preview.counts.completed, "completed assessment", "completed assessments")
            )));
        }
        let bundle = capture(&tx, &d)?;
        remove(&tx, &d, &bundle.unlinked)?;
        purge(&tx, now)?;
        tx.execute(
            "INSERT INTO trash (target, preview, rows, deleted_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                to_json(&target)?,
                to_json(&preview)?,
                to_json(&bundle)?,
                timestamp(now)
            ],
        )?;
        let trash_id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Deleted {
            trash_id,
            preview,
            backup: None,
        })
    }

    /// What can be brought back, the latest delete first.
    pub fn trash(&self) -> Result<Vec<TrashEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, preview, deleted_at FROM trash ORDER BY deleted_at DESC, id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, String>(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<(i64, String, String)>>>()?;
        rows.into_iter()
            .map(|(id, preview, at)| entry(id, &preview, at))
            .collect()
    }

    /// Puts back what trash entry `id` removed, in one transaction, and empties the entry.
    /// Refused, changing nothing, when a name or record it holds exists again.
    pub fn undo_delete(&mut self, id: i64) -> Result<TrashEntry, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let (preview, rows, at): (String, String, String) = tx
            .query_row(
                "SELECT preview, rows, deleted_at FROM trash WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| {
                not_found(format!(
                    "deleted record {id} (it was restored already, or purged after {KEEP_DAYS} days)"
                ))
            })?;
        let entry = entry(id, &preview, at)?;
        let bundle: Bundle = serde_json::from_str(&rows)
            .map_err(|e| StoreError::Invalid(format!("trash entry {id} cannot be read: {e}")))?;
        put_back(&tx, &bundle, &entry.preview.label)?;
        tx.execute("DELETE FROM trash WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(entry)
    }

    /// Removes trash entries deleted more than [`KEEP_DAYS`] days before `now`; how many.
    pub fn purge_trash(&mut self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let purged = purge(&tx, now)?;
        tx.commit()?;
        Ok(purged)
    }
}

/// [`delete_with_backup`], refused (changing nothing) when it would take rows from workshop
/// `live`, whose live session is running: the phones would answer into rows that are gone.
pub fn delete_unless_live(
    store: &mut Store,
    target: Target,
    completed: bool,
    live: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Deleted, StoreError> {
    if let Some(workshop) = live {
        if store.delete_preview(target)?.workshops.contains(&workshop) {
            return Err(StoreError::Conflict(
                "the live session of this workshop is running: end it first; nothing was deleted"
                    .into(),
            ));
        }
    }
    delete_with_backup(store, target, completed, now)
}

/// Deletes `target` as [`Store::delete`] does, after the automatic backup
/// ([`crate::backup::rolling_backup`]) when the delete is bulk. A failed backup stops the
/// delete. What the app and the CLI call.
pub fn delete_with_backup(
    store: &mut Store,
    target: Target,
    completed: bool,
    now: DateTime<Utc>,
) -> Result<Deleted, StoreError> {
    let preview = store.delete_preview(target)?;
    let mut backup = None;
    if preview.bulk && store.path() != std::path::Path::new(":memory:") {
        backup = match crate::backup::rolling_backup(store, now)? {
            crate::backup::AutoBackup::Written(path) => Some(path),
            _ => None,
        };
    }
    let mut deleted = store.delete(target, completed, now)?;
    deleted.backup = backup;
    Ok(deleted)
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Invalid(format!("cannot keep the deleted rows for undo: {e}")))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::exchange::tests::{now, populated};
    use crate::exchange::{to_json as export_json, Scope};

    /// Every row of every table but the trash, as text, by table: to see what a delete
    /// removed and that an undo put back exactly what was there.
    fn dump(store: &Store) -> BTreeMap<String, Vec<String>> {
        let tables: Vec<String> = store
            .conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name != 'trash' AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables
            .into_iter()
            .map(|table| {
                let mut stmt = store
                    .conn
                    .prepare(&format!("SELECT * FROM {table}"))
                    .unwrap();
                let width = stmt.column_count();
                let mut rows: Vec<String> = stmt
                    .query_map([], |r| {
                        (0..width)
                            .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                            .collect::<rusqlite::Result<Vec<_>>>()
                            .map(|cells| cells.join("|"))
                    })
                    .unwrap()
                    .collect::<Result<_, _>>()
                    .unwrap();
                rows.sort();
                (table, rows)
            })
            .collect()
    }

    fn export(store: &Store) -> Vec<u8> {
        export_json(&store.export(Scope::All).unwrap()).unwrap()
    }

    fn team_id(store: &Store, name: &str) -> i64 {
        store.team_by_name(name).unwrap().unwrap().id
    }

    /// How many rows of each table went (tables that lost none are left out).
    fn removed(
        before: &BTreeMap<String, Vec<String>>,
        after: &BTreeMap<String, Vec<String>>,
    ) -> BTreeMap<String, usize> {
        before
            .iter()
            .filter_map(|(table, rows)| {
                let gone = rows.len() - after[table].len();
                (gone > 0).then(|| (table.clone(), gone))
            })
            .collect()
    }

    /// Deletes `target`, checks the sentence and which rows went, then undoes it and checks
    /// that the database and its export are exactly as before.
    fn check(store: &mut Store, target: Target, sentence: &str, gone: &[(&str, usize)]) {
        let before = dump(store);
        let exported = export(store);
        let preview = store.delete_preview(target).unwrap();
        assert_eq!(preview.sentence, sentence, "what the confirmation says");
        let deleted = store.delete(target, true, now()).unwrap();
        assert_eq!(
            deleted.preview, preview,
            "the delete takes what the preview said"
        );
        let after = dump(store);
        let expected: BTreeMap<String, usize> =
            gone.iter().map(|(t, n)| (t.to_string(), *n)).collect();
        assert_eq!(
            removed(&before, &after),
            expected,
            "rows removed by {sentence}"
        );
        for (table, rows) in &after {
            for row in rows {
                assert!(
                    before[table].contains(row) || table == "learners",
                    "only learners of a deleted team change (they lose the team): {table} {row}"
                );
            }
        }
        assert_ne!(export(store), exported, "a deleted record is not exported");
        let trash = store.trash().unwrap();
        assert_eq!(trash.len(), 1);
        assert_eq!(trash[0].preview, preview);
        assert_eq!(
            trash[0].purge_after, "2026-12-23T10:00:00Z",
            "{KEEP_DAYS} days later"
        );
        store.undo_delete(deleted.trash_id).unwrap();
        assert_eq!(
            dump(store),
            before,
            "the undo puts back every row as it was"
        );
        assert_eq!(
            export(store),
            exported,
            "…and the export is byte for byte the same"
        );
        assert!(store.trash().unwrap().is_empty(), "the entry is used up");
    }

    #[test]
    fn each_delete_takes_what_it_says_and_the_undo_puts_it_back() {
        let mut store = populated();
        let platform = team_id(&store, "=Platform, \"core\"");
        check(
            &mut store,
            Target::Team { id: platform },
            "=Platform, \"core\", 1 assessment, 2 answers, 1 learner stays, without a team",
            &[
                ("teams", 1),
                ("assessments", 1),
                ("respondents", 2),
                ("answers", 2),
                ("dimension_choices", 1),
                ("dora_answers", 1),
                ("consensus", 1),
            ],
        );
    }

    #[test]
    fn workshops_their_teams_plans_learners_and_assessments() {
        let mut store = populated();
        let workshop = store.workshops().unwrap()[0].workshop.id;
        let seats = store.workshop(workshop).unwrap().teams;
        check(
            &mut store,
            Target::Workshop { id: workshop },
            "Autumn workshop (2026-11-20), 2 places at workshops, 2 assessments",
            &[
                ("workshops", 1),
                ("workshop_teams", 2),
                ("assessments", 2),
                ("respondents", 3),
                ("practice_answers", 2),
            ],
        );
        check(
            &mut store,
            Target::WorkshopTeam { id: seats[0].id },
            &format!("{} at Autumn workshop, 1 assessment", seats[0].team_name),
            &[
                ("workshop_teams", 1),
                ("assessments", 1),
                ("respondents", 2),
                ("practice_answers", 2),
            ],
        );
        check(
            &mut store,
            Target::Assessment {
                id: seats[1].assessment_id,
            },
            "Guests's assessment in progress since 2026-11-23, 1 place at a workshop",
            &[
                ("workshop_teams", 1),
                ("assessments", 1),
                ("respondents", 1),
            ],
        );
        let workshop_of = |store: &Store, target| store.delete_preview(target).unwrap().workshops;
        assert_eq!(
            workshop_of(&store, Target::Workshop { id: workshop }),
            [workshop]
        );
        assert_eq!(
            workshop_of(&store, Target::WorkshopTeam { id: seats[0].id }),
            [workshop]
        );
        assert_eq!(
            workshop_of(
                &store,
                Target::Team {
                    id: seats[0].team_id
                }
            ),
            [workshop],
            "a team at a workshop touches the workshop"
        );
        let own = team_id(&store, "=Platform, \"core\"");
        assert!(workshop_of(&store, Target::Team { id: own }).is_empty());
        let planned: i64 = store
            .conn
            .query_row("SELECT assessment_id FROM plans", [], |r| r.get(0))
            .unwrap();
        let plan = store
            .delete_preview(Target::Plan {
                assessment: planned,
            })
            .unwrap();
        assert!(
            plan.sentence.starts_with("the improvement plan of "),
            "{}",
            plan.sentence
        );
        assert!(!plan.bulk, "a plan is one record");
        check(
            &mut store,
            Target::Plan {
                assessment: planned,
            },
            &plan.sentence,
            &[("plans", 1), ("plan_items", 1)],
        );
        let zoe = store.current_learner().unwrap().unwrap().id;
        check(
            &mut store,
            Target::Learner { id: zoe },
            "Zoë, 1 knowledge-check result",
            &[
                ("learners", 1),
                ("quiz_results", 1),
                ("chapter_reads", 1),
                ("settings", 1),
            ],
        );
    }

    #[test]
    fn removing_the_demo_leaves_everything_else_untouched() {
        let mut store = populated();
        let demo_teams: Vec<String> = devops_maturity_core::demo::team_names()
            .map(str::to_string)
            .collect();
        let before = dump(&store);
        let preview = store.delete_preview(Target::Demo).unwrap();
        assert_eq!(
            preview.sentence,
            "the demo organisation (Northwind Travel Group), 4 teams, 1 place at a workshop, \
             17 assessments (16 completed), 176 answers, 1 plan"
        );
        assert!(preview.bulk);
        store.delete(Target::Demo, true, now()).unwrap();
        let after = dump(&store);
        for (table, rows) in &after {
            for row in rows {
                assert!(
                    before[table].contains(row),
                    "nothing else changed: {table} {row}"
                );
            }
        }
        let left: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(
            left,
            ["=Platform, \"core\"", "Guests"],
            "only the demo teams went"
        );
        assert!(left.iter().all(|t| !demo_teams.contains(t)));
        assert_eq!(
            store.workshops().unwrap()[0].teams,
            1,
            "the Guests stay at the workshop"
        );
        assert_eq!(
            store.learners().unwrap().len(),
            2,
            "no learner was in a demo team"
        );
        assert_eq!(
            store.setting(crate::settings::ORGANISATION).unwrap(),
            None,
            "the organisation name the demo set goes with it"
        );
        assert!(
            matches!(
                store.delete_preview(Target::Demo),
                Err(StoreError::NotFound { .. })
            ),
            "a second removal finds nothing"
        );
        let id = store.trash().unwrap()[0].id;
        store.undo_delete(id).unwrap();
        assert_eq!(dump(&store), before, "the undo brings the whole demo back");
    }

    #[test]
    fn a_name_chosen_by_the_user_stays_when_the_demo_goes() {
        let mut store = populated();
        store
            .set_setting(crate::settings::ORGANISATION, "Acme Ltd")
            .unwrap();
        store.delete(Target::Demo, true, now()).unwrap();
        assert_eq!(
            store
                .setting(crate::settings::ORGANISATION)
                .unwrap()
                .as_deref(),
            Some("Acme Ltd")
        );
    }

    #[test]
    fn refused_deletes_change_nothing() {
        let mut store = populated();
        let before = dump(&store);
        let demo = team_id(&store, "Booking Web (demo)");
        let err = store
            .delete(Target::Team { id: demo }, false, now())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "Booking Web (demo) takes 4 completed assessments: completed assessments stay frozen, \
             and deleting one is a separate, explicit choice; nothing was deleted"
        );
        let done = store.assessments_of(demo).unwrap()[0].id;
        assert!(store
            .delete(Target::Assessment { id: done }, false, now())
            .is_err());
        for (target, message) in [
            (Target::Team { id: 9999 }, "team 9999 not found"),
            (Target::Workshop { id: 9999 }, "workshop 9999 not found"),
            (
                Target::WorkshopTeam { id: 9999 },
                "workshop team 9999 not found",
            ),
            (Target::Assessment { id: 9999 }, "assessment 9999 not found"),
            (
                Target::Plan { assessment: done },
                &format!("the improvement plan of assessment {done} not found"),
            ),
            (Target::Learner { id: 9999 }, "learner 9999 not found"),
        ] {
            assert_eq!(
                store.delete(target, true, now()).unwrap_err().to_string(),
                message
            );
        }
        assert_eq!(dump(&store), before, "nothing changed");
        assert!(
            store.trash().unwrap().is_empty(),
            "and nothing went to the trash"
        );
        assert!(matches!(
            store.undo_delete(1),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn an_undo_is_refused_when_the_name_is_taken_again() {
        let mut store = populated();
        let platform = team_id(&store, "Guests");
        let deleted = store
            .delete(Target::Team { id: platform }, true, now())
            .unwrap();
        store.create_team("GUESTS", now()).unwrap();
        let before = dump(&store);
        let err = store.undo_delete(deleted.trash_id).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot undo the delete of Guests: a team named \"Guests\" exists now — rename it, \
             then undo again; nothing was changed"
        );
        assert_eq!(dump(&store), before);
        assert_eq!(
            store.trash().unwrap().len(),
            1,
            "the entry stays for a later undo"
        );
    }

    #[test]
    fn an_id_taken_since_gives_the_restored_rows_a_new_one() {
        let mut store = populated();
        let guests = team_id(&store, "Guests");
        let last: i64 = store
            .conn
            .query_row("SELECT max(id) FROM teams", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            guests, last,
            "the newest team, so its id is free again after the delete"
        );
        let exported = export(&store);
        let deleted = store
            .delete(Target::Team { id: guests }, true, now())
            .unwrap();
        let other = store.create_team("Newcomers", now()).unwrap();
        assert_eq!(other.id, guests, "SQLite hands out the freed id");
        store.undo_delete(deleted.trash_id).unwrap();
        let back = team_id(&store, "Guests");
        assert_ne!(back, guests);
        assert_eq!(
            store.assessments_of(back).unwrap().len(),
            1,
            "its assessment follows it"
        );
        assert!(store.assessments_of(other.id).unwrap().is_empty());
        store
            .conn
            .execute("DELETE FROM teams WHERE id = ?1", [other.id])
            .unwrap();
        assert_eq!(
            export(&store),
            exported,
            "records are the same, under UUIDs"
        );
    }

    #[test]
    fn a_trash_number_is_never_given_twice() {
        let mut store = populated();
        let guests = team_id(&store, "Guests");
        let first = store
            .delete(Target::Team { id: guests }, true, now())
            .unwrap();
        store.undo_delete(first.trash_id).unwrap();
        let again = store
            .delete(Target::Team { id: guests }, true, now())
            .unwrap();
        assert_ne!(
            again.trash_id, first.trash_id,
            "an old undo never restores a newer delete"
        );
        assert!(matches!(
            store.undo_delete(first.trash_id),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn entries_are_purged_after_the_keep_days() {
        let mut store = populated();
        let guests = team_id(&store, "Guests");
        store
            .delete(Target::Team { id: guests }, true, now())
            .unwrap();
        assert_eq!(
            store
                .purge_trash(now() + Duration::days(KEEP_DAYS))
                .unwrap(),
            0
        );
        assert_eq!(
            store
                .purge_trash(now() + Duration::days(KEEP_DAYS + 1))
                .unwrap(),
            1
        );
        assert!(store.trash().unwrap().is_empty());
    }

    #[test]
    fn every_table_is_handled_by_delete_or_left_out_with_a_reason() {
        let store = Store::open_in_memory().unwrap();
        let tables: Vec<String> = dump(&store)
            .into_keys()
            .chain(["trash".into(), "sqlite_sequence".into()])
            .collect();
        for table in &tables {
            let known =
                TABLES.iter().any(|t| t.name == table) || UNTOUCHED.iter().any(|(t, _)| t == table);
            assert!(
                known,
                "table {table}: add it to TABLES in trash.rs, or to UNTOUCHED with a reason"
            );
        }
        for table in TABLES {
            let mut stmt = store
                .conn
                .prepare(&format!(
                    "SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{}')",
                    table.name
                ))
                .unwrap();
            let mut refs: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            refs.retain(|(_, parent)| TABLES.iter().any(|t| t.name == parent));
            refs.sort();
            let mut listed: Vec<(String, String)> = table
                .refs
                .iter()
                .map(|(c, p)| (c.to_string(), p.to_string()))
                .collect();
            listed.sort();
            assert_eq!(listed, refs, "the references of {} in TABLES", table.name);
            let parents_first = table.refs.iter().all(|(_, p)| {
                TABLES.iter().position(|t| t.name == *p)
                    < TABLES.iter().position(|t| t.name == table.name)
            });
            assert!(
                parents_first,
                "{} comes after the tables it points to",
                table.name
            );
        }
    }
}
