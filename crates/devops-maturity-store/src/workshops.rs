//! Workshops: a facilitated day on which several teams assess themselves in one room.
//!
//! A workshop has a name, a date, a facilitator, an organisation and the agenda of the day. The
//! agenda is kept as the facilitator's edits to the course agenda (the JSON of the content
//! crate's `AgendaEdits`), copied when the workshop is created, so a later change to the app's
//! agenda does not rewrite a past day; the shell checks the JSON against the course before it is
//! stored, and this module only checks that it is a JSON object.
//!
//! Each team's session is an ordinary assessment (see [`crate::assessments`]) whose respondents
//! are the people at the team's table, named or anonymous ("Respondent 3"); `workshop_teams`
//! links workshop, team and assessment. So answers, resuming, scoring and a team's history work
//! as for any assessment, and the agreed levels of the group's discussion live in
//! [`crate::consensus`] next to the assessment they belong to.

use chrono::{DateTime, NaiveDate, Utc};
use devops_maturity_core::answers_file::{MAX_NAME, MAX_RESPONDENTS};
use devops_maturity_core::date;
use devops_maturity_core::text::{self, Rule};
use devops_maturity_core::{AssessmentStatus, Questionnaire};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::assessments::{status_at, RespondentRow, RESPONDENT_COLUMNS};
use crate::{Store, StoreError};
use devops_maturity_core::date::written;

pub(crate) const MIGRATION_WORKSHOPS: &str = "
CREATE TABLE workshops (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    facilitator  TEXT,
    organisation TEXT,
    -- The facilitator's agenda edits for the day (JSON); NULL: the course agenda as authored.
    agenda_edits TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX workshops_held_on ON workshops (held_on);
CREATE TABLE workshop_teams (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    workshop_id   INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
    team_id       INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    assessment_id INTEGER NOT NULL UNIQUE REFERENCES assessments (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    UNIQUE (workshop_id, team_id),
    UNIQUE (workshop_id, position)
);
";

/// Longest workshop name accepted, in characters.
pub const MAX_WORKSHOP_NAME: usize = 100;
/// Largest agenda-edits JSON accepted, in bytes.
const MAX_AGENDA_JSON: usize = 10_000;

/// A workshop's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Workshop {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    /// The day (serialised `YYYY-MM-DD`).
    pub held_on: NaiveDate,
    pub facilitator: Option<String>,
    pub organisation: Option<String>,
    /// The agenda edits of the day (JSON of `AgendaEdits`); `None`: the authored agenda.
    pub agenda_edits: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
}

/// What a facilitator fills in to create (or edit) a workshop.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewWorkshop<'a> {
    pub name: &'a str,
    /// `YYYY-MM-DD`.
    pub held_on: &'a str,
    pub facilitator: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub agenda_edits: Option<&'a str>,
}

/// One team at a workshop: its assessment and who answers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopTeam {
    /// The `workshop_teams` row.
    pub id: i64,
    pub uuid: String,
    pub team_id: i64,
    pub team_name: String,
    pub assessment_id: i64,
    /// The assessment's status.
    pub status: AssessmentStatus,
    /// Order of the teams in the room, from 1.
    pub position: u32,
    /// In answering order, with who has finished.
    pub respondents: Vec<RespondentRow>,
    /// Questions with an agreed level.
    pub agreed: u32,
}

/// A workshop with its teams, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopDetail {
    pub workshop: Workshop,
    pub teams: Vec<WorkshopTeam>,
}

/// A line of the workshop list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkshopSummary {
    pub workshop: Workshop,
    pub teams: u32,
    pub respondents: u32,
}

const COLUMNS: &str =
    "id, uuid, name, held_on, facilitator, organisation, agenda_edits, created_at";

impl Workshop {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Workshop> {
        Ok(Workshop {
            id: row.get(0)?,
            uuid: row.get(1)?,
            name: row.get(2)?,
            held_on: crate::moments::day_at(row, 3, "workshop")?,
            facilitator: row.get(4)?,
            organisation: row.get(5)?,
            agenda_edits: row.get(6)?,
            created_at: crate::moments::moment_at(row, 7, "workshop")?,
        })
    }
}

/// A trimmed name of at most `max` characters (`core::text`, shape `Name`); `what` names it
/// in the message.
fn one_line(text: &str, what: &str, max: usize) -> Result<String, StoreError> {
    Ok(text::required(what, text, Rule::name(max))?.to_string())
}

fn optional_line(text: Option<&str>, what: &str) -> Result<Option<String>, StoreError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => one_line(t, what, MAX_NAME).map(Some),
    }
}

/// The checked fields of a [`NewWorkshop`], ready to write.
struct Fields {
    name: String,
    held_on: String,
    facilitator: Option<String>,
    organisation: Option<String>,
    agenda_edits: Option<String>,
}

fn check(new: &NewWorkshop<'_>) -> Result<Fields, StoreError> {
    let name = one_line(new.name, "a workshop name", MAX_WORKSHOP_NAME)?;
    let held_on = new.held_on.trim();
    if date::iso_date(held_on).is_none() {
        return Err(StoreError::Invalid(format!(
            "the workshop date `{held_on}` is not a date such as {}",
            date::EXAMPLE
        )));
    }
    let agenda_edits = match new.agenda_edits.map(str::trim).filter(|j| !j.is_empty()) {
        None => None,
        Some(json) if json.len() > MAX_AGENDA_JSON => {
            return Err(StoreError::Invalid(format!(
                "the workshop's agenda edits are longer than {MAX_AGENDA_JSON} bytes"
            )))
        }
        Some(json) => match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(_)) => Some(json.to_string()),
            _ => {
                return Err(StoreError::Invalid(
                    "the workshop's agenda edits are not a JSON object".into(),
                ))
            }
        },
    };
    Ok(Fields {
        name,
        held_on: held_on.to_string(),
        facilitator: optional_line(new.facilitator, "the facilitator's name")?,
        organisation: optional_line(new.organisation, "the organisation's name")?,
        agenda_edits,
    })
}

/// The names of a team's respondents in answering order: a blank name becomes "Respondent N",
/// N being the person's place in the order, so anonymous people stay distinguishable.
pub fn respondent_names(names: &[String]) -> Result<Vec<String>, StoreError> {
    if names.is_empty() {
        return Err(StoreError::Invalid(
            "a team at a workshop needs at least one respondent".into(),
        ));
    }
    if names.len() > MAX_RESPONDENTS {
        return Err(StoreError::Invalid(format!(
            "a team can have at most {MAX_RESPONDENTS} respondents; this one has {}",
            names.len()
        )));
    }
    Ok(names
        .iter()
        .enumerate()
        .map(|(i, name)| match name.trim() {
            "" => format!("Respondent {}", i + 1),
            name => name.to_string(),
        })
        .collect())
}

impl Store {
    pub fn create_workshop(
        &mut self,
        new: &NewWorkshop<'_>,
        now: DateTime<Utc>,
    ) -> Result<Workshop, StoreError> {
        let f = check(new)?;
        self.conn.execute(
            "INSERT INTO workshops (uuid, name, held_on, facilitator, organisation, agenda_edits, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                uuid::Uuid::new_v4().to_string(),
                f.name,
                f.held_on,
                f.facilitator,
                f.organisation,
                f.agenda_edits,
                written(now)
            ],
        )?;
        self.workshop_row(self.conn.last_insert_rowid())
    }

    /// Replaces a workshop's own fields (its teams stay).
    pub fn update_workshop(
        &mut self,
        id: i64,
        new: &NewWorkshop<'_>,
    ) -> Result<Workshop, StoreError> {
        let f = check(new)?;
        let n = self.conn.execute(
            "UPDATE workshops SET name = ?1, held_on = ?2, facilitator = ?3, organisation = ?4, agenda_edits = ?5 WHERE id = ?6",
            params![f.name, f.held_on, f.facilitator, f.organisation, f.agenda_edits, id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: format!("workshop {id}"),
            });
        }
        self.workshop_row(id)
    }

    /// Puts an existing team into the workshop: starts its assessment of `questionnaire` with
    /// `respondents` in answering order (blank names become "Respondent N"). One transaction.
    pub fn add_workshop_team(
        &mut self,
        workshop_id: i64,
        team_id: i64,
        questionnaire: &Questionnaire,
        respondents: &[String],
        now: DateTime<Utc>,
    ) -> Result<WorkshopTeam, StoreError> {
        let names = respondent_names(respondents)?;
        let workshop = self.workshop_row(workshop_id)?;
        let team = self.team(team_id)?;
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM workshop_teams WHERE workshop_id = ?1 AND team_id = ?2)",
            params![workshop_id, team_id],
            |r| r.get(0),
        )?;
        if taken {
            return Err(StoreError::Conflict(format!(
                "{} is already in the workshop “{}”",
                team.name, workshop.name
            )));
        }
        let link = self.in_transaction(|store| {
            let assessment = store.start_assessment(
                team_id,
                questionnaire,
                &names,
                workshop.facilitator.as_deref(),
                now,
            )?;
            store.conn.execute(
                "INSERT INTO workshop_teams (uuid, workshop_id, team_id, assessment_id, position)
                 VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(position), 0) + 1 FROM workshop_teams WHERE workshop_id = ?2))",
                params![
                    uuid::Uuid::new_v4().to_string(),
                    workshop_id,
                    team_id,
                    assessment.id
                ],
            )?;
            Ok(store.conn.last_insert_rowid())
        })?;
        self.workshop_team(link)
    }

    /// Creates a team on the spot and puts it into the workshop, all or nothing.
    pub fn add_new_workshop_team(
        &mut self,
        workshop_id: i64,
        team_name: &str,
        questionnaire: &Questionnaire,
        respondents: &[String],
        now: DateTime<Utc>,
    ) -> Result<WorkshopTeam, StoreError> {
        self.workshop_row(workshop_id)?;
        self.in_transaction(|store| {
            let team = store.create_team(team_name, now)?;
            store.add_workshop_team(workshop_id, team.id, questionnaire, respondents, now)
        })
    }

    /// A workshop with its teams and each team's respondents.
    pub fn workshop(&self, id: i64) -> Result<WorkshopDetail, StoreError> {
        let workshop = self.workshop_row(id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT id FROM workshop_teams WHERE workshop_id = ?1 ORDER BY position",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let teams = ids
            .into_iter()
            .map(|link| self.workshop_team(link))
            .collect::<Result<_, _>>()?;
        Ok(WorkshopDetail { workshop, teams })
    }

    /// Every workshop, the most recent day first.
    pub fn workshops(&self) -> Result<Vec<WorkshopSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS},
                (SELECT count(*) FROM workshop_teams t WHERE t.workshop_id = w.id),
                (SELECT count(*) FROM workshop_teams t JOIN respondents r ON r.assessment_id = t.assessment_id
                 WHERE t.workshop_id = w.id)
             FROM workshops w ORDER BY held_on DESC, id DESC"
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(WorkshopSummary {
                    workshop: Workshop::from_row(r)?,
                    teams: r.get(8)?,
                    respondents: r.get(9)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The workshop (id and name) an assessment was taken at, if any.
    pub fn workshop_of_assessment(
        &self,
        assessment_id: i64,
    ) -> Result<Option<(i64, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT w.id, w.name FROM workshop_teams t JOIN workshops w ON w.id = t.workshop_id
                 WHERE t.assessment_id = ?1",
                [assessment_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    fn workshop_row(&self, id: i64) -> Result<Workshop, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM workshops WHERE id = ?1"),
                [id],
                Workshop::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("workshop {id}"),
            })
    }

    fn workshop_team(&self, link: i64) -> Result<WorkshopTeam, StoreError> {
        let mut team = self
            .conn
            .prepare_cached(
                "SELECT t.id, t.uuid, t.team_id, tm.name, t.assessment_id, a.status, t.position,
                    (SELECT count(*) FROM consensus c WHERE c.assessment_id = t.assessment_id)
                 FROM workshop_teams t JOIN teams tm ON tm.id = t.team_id JOIN assessments a ON a.id = t.assessment_id
                 WHERE t.id = ?1",
            )?
            .query_row([link], |r| {
                let assessment_id = r.get(4)?;
                Ok(WorkshopTeam {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    team_id: r.get(2)?,
                    team_name: r.get(3)?,
                    assessment_id,
                    status: status_at(r, 5, assessment_id)?,
                    position: r.get(6)?,
                    respondents: Vec::new(),
                    agreed: r.get(7)?,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("workshop team {link}"),
            })?;
        team.respondents = self
            .conn
            .prepare_cached(&format!(
                "SELECT {RESPONDENT_COLUMNS} FROM respondents r WHERE r.assessment_id = ?1 ORDER BY r.position"
            ))?
            .query_map([team.assessment_id], RespondentRow::from_row)?
            .collect::<Result<_, _>>()?;
        Ok(team)
    }
}
