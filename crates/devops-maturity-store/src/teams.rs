//! `teams`: the teams that assess themselves. Names are unique regardless of case.

use chrono::{DateTime, Utc};
use devops_maturity_core::date::written;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use devops_maturity_core::text::{self, name_key, Rule};

use crate::{Store, StoreError};

// The SQL below shipped in migration 1 and is pinned by hash (schema.rs): since migration 8,
// `name_key` holds `core::text::name_key`, not a plain lower-casing.
pub(crate) const MIGRATION_1: &str = "
CREATE TABLE teams (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    -- The name folded to lower case in Rust (SQLite's NOCASE folds ASCII only): unique, so
    -- 'Łukasz' and 'łukasz' are one team.
    name_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
";

/// Longest team name accepted, in characters.
pub const MAX_NAME: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    /// The group it belongs to (`groups.rs`), if any.
    pub group_id: Option<i64>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
}

impl Team {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Team> {
        Ok(Team {
            id: row.get(0)?,
            uuid: row.get(1)?,
            name: row.get(2)?,
            group_id: row.get(5)?,
            created_at: crate::moments::moment_at(row, 3, "team")?,
            updated_at: crate::moments::moment_at(row, 4, "team")?,
        })
    }
}

const COLUMNS: &str = "id, uuid, name, created_at, updated_at, group_id";

/// Trims and checks a team name (`core::text`, shape `Name`); the message says what is wrong.
pub fn clean_name(name: &str) -> Result<String, StoreError> {
    Ok(text::required("a team name", name, Rule::name(MAX_NAME))?.to_string())
}

impl Store {
    /// Creates a team. Fails with [`StoreError::Conflict`] when the name is taken (any case).
    pub fn create_team(&mut self, name: &str, now: DateTime<Utc>) -> Result<Team, StoreError> {
        let name = clean_name(name)?;
        let tx = crate::write::begin(&mut self.conn)?;
        ensure_name_free(&tx, &name, None)?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let ts = written(now);
        tx.execute(
            "INSERT INTO teams (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![uuid, name, name_key(&name), ts],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.team(id)
    }

    pub fn rename_team(
        &mut self,
        id: i64,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Team, StoreError> {
        let name = clean_name(name)?;
        let tx = crate::write::begin(&mut self.conn)?;
        ensure_name_free(&tx, &name, Some(id))?;
        let changed = tx.execute(
            "UPDATE teams SET name = ?1, name_key = ?2, updated_at = ?3 WHERE id = ?4",
            params![name, name_key(&name), written(now), id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: format!("team {id}"),
            });
        }
        tx.commit()?;
        self.team(id)
    }

    pub fn team(&self, id: i64) -> Result<Team, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM teams WHERE id = ?1"),
                [id],
                Team::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: format!("team {id}"),
            })
    }

    pub fn team_by_name(&self, name: &str) -> Result<Option<Team>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM teams WHERE name_key = ?1"),
                [name_key(name.trim())],
                Team::from_row,
            )
            .optional()?)
    }

    /// All teams, in natural order of their names (`core::natural`: Team 2 before Team 10).
    pub fn teams(&self) -> Result<Vec<Team>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM teams ORDER BY name_key, id"
        ))?;
        let mut teams = stmt
            .query_map([], Team::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        devops_maturity_core::natural::sort_by_name(&mut teams, |t| &t.name);
        Ok(teams)
    }
}

fn ensure_name_free(
    conn: &rusqlite::Connection,
    name: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    match crate::names::holder(conn, "teams", &name_key(name), except)? {
        Some(_) => Err(StoreError::Conflict(format!(
            "a team named \"{name}\" already exists"
        ))),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn teams_are_created_renamed_and_listed_by_name() {
        let mut store = Store::open_in_memory().unwrap();
        let b = store.create_team("  Platform  ", now()).unwrap();
        store.create_team("Booking", now()).unwrap();
        assert_eq!(b.name, "Platform", "names are trimmed");
        store
            .rename_team(b.id, "Zoë Ødegård's team", now())
            .unwrap();
        let names: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["Booking", "Zoë Ødegård's team"]);
        store.create_team("Team 10", now()).unwrap();
        store.create_team("team 2", now()).unwrap();
        let names: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            ["Booking", "team 2", "Team 10", "Zoë Ødegård's team"],
            "natural order: 2 before 10, case aside"
        );
    }

    #[test]
    fn names_are_unique_ignoring_case_and_bounded() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.create_team("Loyalty", now()).unwrap();
        let err = store.create_team("LOYALTY", now()).unwrap_err();
        assert_eq!(err.to_string(), "a team named \"LOYALTY\" already exists");
        store.create_team("Ярослава", now()).unwrap();
        assert!(
            store.create_team("ЯРОСЛАВА", now()).is_err(),
            "case folding works beyond ASCII"
        );
        store
            .rename_team(a.id, "loyalty", now())
            .expect("renaming a team to its own name in another case is fine");
        let long = "x".repeat(MAX_NAME + 1);
        assert_eq!(
            store.create_team(&long, now()).unwrap_err().to_string(),
            "a team name can have at most 100 characters; this has 101"
        );
        assert!(
            store.create_team("a\0b", now()).is_err(),
            "NUL is refused with a message"
        );
        assert_eq!(
            store.teams().unwrap().len(),
            2,
            "failed writes change nothing"
        );
    }

    #[test]
    fn hostile_names_are_stored_literally() {
        let mut store = Store::open_in_memory().unwrap();
        for name in [
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "فريق المنصة",
            "🚀 Rocket",
        ] {
            let team = store.create_team(name, now()).unwrap();
            assert_eq!(
                store.team(team.id).unwrap().name,
                name,
                "stored exactly as typed"
            );
        }
    }
}
