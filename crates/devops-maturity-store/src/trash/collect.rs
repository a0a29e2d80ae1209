//! What a delete takes: every table that can hold a deleted row, and the rows of each that go
//! with a target, collected before anything is removed.

use devops_maturity_core::AssessmentStatus;
use rusqlite::{params, Connection, OptionalExtension};

use crate::moments::{moment_at, opt_moment_at};

use crate::learners::CURRENT_LEARNER_KEY;
use crate::StoreError;

use super::Target;

/// One table that a delete can touch, with its integer id (if any) and the columns that point
/// to another such table. Parents come first; deletes go in reverse order.
pub(super) struct Table {
    pub(super) name: &'static str,
    pub(super) has_id: bool,
    pub(super) refs: &'static [(&'static str, &'static str)],
}

pub(super) const TABLES: &[Table] = &[
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
pub(super) const UNTOUCHED: &[(&str, &str)] = &[
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
pub(super) struct Doomed {
    pub(super) teams: Vec<i64>,
    pub(super) workshops: Vec<i64>,
    pub(super) workshop_teams: Vec<i64>,
    pub(super) assessments: Vec<i64>,
    pub(super) plans: Vec<i64>,
    pub(super) learners: Vec<i64>,
    /// Settings removed with the rows: (key, value).
    pub(super) settings: Vec<(String, String)>,
}

pub(super) fn list(ids: &[i64]) -> String {
    let parts: Vec<String> = ids.iter().map(i64::to_string).collect();
    parts.join(",")
}

pub(super) fn ids(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(found)
}

pub(super) fn add(into: &mut Vec<i64>, more: Vec<i64>) {
    for id in more {
        if !into.contains(&id) {
            into.push(id);
        }
    }
}

pub(super) fn count(conn: &Connection, sql: &str) -> rusqlite::Result<u32> {
    conn.query_row(sql, [], |r| r.get(0))
}

pub(super) fn not_found(what: String) -> StoreError {
    StoreError::NotFound { what }
}

/// The WHERE clause that selects `table`'s rows of `d`; `None` when it takes none.
pub(super) fn selector(table: &str, d: &Doomed) -> Option<String> {
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
pub(super) fn unlinked(conn: &Connection, d: &Doomed) -> rusqlite::Result<Vec<(i64, i64)>> {
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
pub(super) fn collect(conn: &Connection, target: Target) -> Result<(Doomed, String), StoreError> {
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
pub(super) fn assessment_label(conn: &Connection, id: i64) -> Result<String, StoreError> {
    let (team, started, completed) = conn
        .query_row(
            "SELECT a.id, t.name, a.started_at, CASE a.status WHEN ?2 THEN a.completed_at END
             FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.id = ?1",
            params![id, AssessmentStatus::Completed.code()],
            |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    moment_at(r, 2, "assessment")?,
                    opt_moment_at(r, 3, "assessment")?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| not_found(format!("assessment {id}")))?;
    Ok(match completed {
        Some(done) => format!("{team}'s completed assessment of {}", done.date_naive()),
        None => format!(
            "{team}'s assessment in progress since {}",
            started.date_naive()
        ),
    })
}
