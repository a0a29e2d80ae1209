//! `learners`: the people who take the course (one profile per person, optionally in a team).
//! Names are unique regardless of case, like team names. The learner currently at the keyboard
//! is remembered in the settings table.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use devops_maturity_core::date::written;
use devops_maturity_core::text::{self, name_key, Rule};

use crate::{Store, StoreError};

// Shipped SQL, pinned by hash (schema.rs); since migration 8 `name_key` holds
// `core::text::name_key`.
pub(crate) const MIGRATION_2: &str = "
CREATE TABLE learners (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    -- Lower-cased in Rust, as teams.name_key: unique in any alphabet.
    name_key   TEXT NOT NULL UNIQUE,
    team_id    INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
";

/// Longest learner name accepted, in characters.
pub const MAX_NAME: usize = 100;
/// The settings key holding the id of the current learner.
pub const CURRENT_LEARNER_KEY: &str = "training.current-learner";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Learner {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub team_id: Option<i64>,
    /// The team's name, when the learner belongs to one.
    pub team_name: Option<String>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
}

impl Learner {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Learner> {
        Ok(Learner {
            id: row.get(0)?,
            uuid: row.get(1)?,
            name: row.get(2)?,
            team_id: row.get(3)?,
            team_name: row.get(4)?,
            created_at: crate::moments::moment_at(row, 5, "learner")?,
        })
    }
}

const SELECT: &str = "SELECT l.id, l.uuid, l.name, l.team_id, t.name, l.created_at
    FROM learners l LEFT JOIN teams t ON t.id = l.team_id";

fn clean_name(name: &str) -> Result<String, StoreError> {
    Ok(text::required("a learner name", name, Rule::name(MAX_NAME))?.to_string())
}

impl Store {
    /// Creates a learner profile, optionally in team `team_id`.
    pub fn create_learner(
        &mut self,
        name: &str,
        team_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Learner, StoreError> {
        let name = clean_name(name)?;
        let tx = crate::write::begin(&mut self.conn)?;
        if crate::names::holder(&tx, "learners", &name_key(&name), None)?.is_some() {
            return Err(StoreError::Conflict(format!(
                "a learner named \"{name}\" already exists; pick it from the list"
            )));
        }
        if let Some(team) = team_id {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM teams WHERE id = ?1", [team], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound {
                    what: format!("team {team}"),
                });
            }
        }
        tx.execute(
            "INSERT INTO learners (uuid, name, name_key, team_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                uuid::Uuid::new_v4().to_string(),
                name,
                name_key(&name),
                team_id,
                written(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.learner(id)
    }

    pub fn learner(&self, id: i64) -> Result<Learner, StoreError> {
        self.conn
            .query_row(
                &format!("{SELECT} WHERE l.id = ?1"),
                [id],
                Learner::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("learner {id}"),
            })
    }

    /// The learner whose name is `name` by `text::name_key` (any case, any Unicode form), if
    /// one exists: how a name typed elsewhere (a live session's phone) finds its profile.
    pub fn learner_by_name(&self, name: &str) -> Result<Option<Learner>, StoreError> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM learners WHERE name_key = ?1",
                [name_key(name.trim())],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.learner(id)).transpose()
    }

    /// All learners, by name.
    pub fn learners(&self) -> Result<Vec<Learner>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT} ORDER BY l.name_key, l.id"))?;
        let learners = stmt
            .query_map([], Learner::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(learners)
    }

    /// The learner at the keyboard, if one was chosen and still exists.
    pub fn current_learner(&self) -> Result<Option<Learner>, StoreError> {
        let Some(id) = self.setting(CURRENT_LEARNER_KEY)? else {
            return Ok(None);
        };
        match id.parse::<i64>() {
            Ok(id) => match self.learner(id) {
                Ok(learner) => Ok(Some(learner)),
                Err(StoreError::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            },
            Err(_) => Ok(None),
        }
    }

    /// Remembers `id` as the learner at the keyboard; `None` goes back to no profile.
    pub fn set_current_learner(&self, id: Option<i64>) -> Result<Option<Learner>, StoreError> {
        match id {
            Some(id) => {
                let learner = self.learner(id)?;
                self.set_setting(CURRENT_LEARNER_KEY, &id.to_string())?;
                Ok(Some(learner))
            }
            None => {
                self.set_setting(CURRENT_LEARNER_KEY, "")?;
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn learners_are_created_in_a_team_listed_and_remembered() {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("Booking", now()).unwrap();
        let zoe = store.create_learner(" Zoë ", Some(team.id), now()).unwrap();
        store.create_learner("Anton", None, now()).unwrap();
        assert_eq!(
            (zoe.name.as_str(), zoe.team_name.as_deref()),
            ("Zoë", Some("Booking")),
            "trimmed, with the team's name"
        );
        let names: Vec<String> = store
            .learners()
            .unwrap()
            .into_iter()
            .map(|l| l.name)
            .collect();
        assert_eq!(names, ["Anton", "Zoë"], "listed by name");

        assert_eq!(
            store.learner_by_name("ZOË").unwrap().map(|l| l.id),
            Some(zoe.id),
            "found by name_key, any case"
        );
        assert_eq!(
            store.learner_by_name("Zoe").unwrap(),
            None,
            "not a mere look-alike"
        );
        assert_eq!(store.current_learner().unwrap(), None, "nobody chosen yet");
        store.set_current_learner(Some(zoe.id)).unwrap();
        assert_eq!(store.current_learner().unwrap().map(|l| l.id), Some(zoe.id));
        store.set_current_learner(None).unwrap();
        assert_eq!(store.current_learner().unwrap(), None);
    }

    #[test]
    fn bad_learners_are_refused_and_nothing_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        store.create_learner("Ярослава", None, now()).unwrap();
        assert_eq!(
            store
                .create_learner("ЯРОСЛАВА", None, now())
                .unwrap_err()
                .to_string(),
            "a learner named \"ЯРОСЛАВА\" already exists; pick it from the list"
        );
        assert_eq!(
            store
                .create_learner("  ", None, now())
                .unwrap_err()
                .to_string(),
            "a learner name cannot be empty"
        );
        assert_eq!(
            store
                .create_learner("Ann", Some(99), now())
                .unwrap_err()
                .to_string(),
            "team 99 not found"
        );
        assert!(
            store.set_current_learner(Some(42)).is_err(),
            "an unknown learner cannot be chosen"
        );
        assert_eq!(
            store.learners().unwrap().len(),
            1,
            "failed writes change nothing"
        );
    }
}
