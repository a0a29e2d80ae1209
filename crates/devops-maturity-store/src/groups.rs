//! `team_groups`: one level of grouping above teams — a business unit, a value stream, a
//! department; what the organisation calls it is the setting [`GROUP_WORD`], set once. A team
//! belongs to at most one group (`teams.group_id`). Names are unique under
//! `core::text::name_key`, as team names are.
//!
//! Deleting a group never deletes a team: its teams are left without a group, in the same
//! transaction. Moving a team changes the team (`updated_at`), so an export carries the move.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use devops_maturity_core::text::{self, name_key, Rule};

use crate::{Store, StoreError};
use devops_maturity_core::date::written;

/// Migration 9: groups, and each team's group.
pub(crate) const MIGRATION_GROUPS: &str = "
CREATE TABLE team_groups (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    -- `core::text::name_key` of the name: unique, as for teams.
    name_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
ALTER TABLE teams ADD COLUMN group_id INTEGER REFERENCES team_groups(id) ON DELETE SET NULL;
CREATE INDEX teams_by_group ON teams(group_id);
";

/// Longest group name accepted, in characters.
pub const MAX_NAME: usize = 100;
/// The setting that holds what the organisation calls a group ("business unit", "value
/// stream" …); [`DEFAULT_WORD`] until it is set.
pub const GROUP_WORD: &str = "org.group_word";
pub const DEFAULT_WORD: &str = "group";
/// Longest word for a group, in characters.
pub const MAX_WORD: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "devops_maturity_core::date::seconds")]
    pub updated_at: DateTime<Utc>,
    /// How many teams belong to it.
    pub teams: u32,
}

/// The groups with the organisation's word for them: what the teams page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupList {
    pub word: String,
    pub groups: Vec<Group>,
}

const SELECT: &str = "SELECT g.id, g.uuid, g.name, g.created_at, g.updated_at,
    (SELECT COUNT(*) FROM teams t WHERE t.group_id = g.id) FROM team_groups g";

impl Group {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Group> {
        Ok(Group {
            id: row.get(0)?,
            uuid: row.get(1)?,
            name: row.get(2)?,
            created_at: crate::moments::moment_at(row, 3, "group")?,
            updated_at: crate::moments::moment_at(row, 4, "group")?,
            teams: row.get(5)?,
        })
    }
}

/// Trims and checks a group name (`core::text`, shape `Name`).
pub fn clean_name(name: &str) -> Result<String, StoreError> {
    Ok(text::required("a group name", name, Rule::name(MAX_NAME))?.to_string())
}

/// The name of the group other than `except` whose name is `name` under `name_key`.
pub(crate) fn holder(
    conn: &Connection,
    key: &str,
    except: Option<i64>,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT name FROM team_groups WHERE name_key = ?1 AND id IS NOT ?2")?
        .query_row(params![key, except], |r| r.get(0))
        .optional()?)
}

fn ensure_name_free(conn: &Connection, name: &str, except: Option<i64>) -> Result<(), StoreError> {
    match holder(conn, &name_key(name), except)? {
        Some(held) => Err(StoreError::Conflict(format!(
            "a group named \"{held}\" already exists"
        ))),
        None => Ok(()),
    }
}

impl Store {
    /// Creates a group. Fails with [`StoreError::Conflict`] when the name is taken (any case).
    pub fn create_group(&mut self, name: &str, now: DateTime<Utc>) -> Result<Group, StoreError> {
        let name = clean_name(name)?;
        let tx = crate::write::begin(&mut self.conn)?;
        ensure_name_free(&tx, &name, None)?;
        let ts = written(now);
        tx.execute(
            "INSERT INTO team_groups (uuid, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![uuid::Uuid::new_v4().to_string(), name, name_key(&name), ts],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.group(id)
    }

    pub fn rename_group(
        &mut self,
        id: i64,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<Group, StoreError> {
        let name = clean_name(name)?;
        let tx = crate::write::begin(&mut self.conn)?;
        ensure_name_free(&tx, &name, Some(id))?;
        let changed = tx.execute(
            "UPDATE team_groups SET name = ?1, name_key = ?2, updated_at = ?3 WHERE id = ?4",
            params![name, name_key(&name), written(now), id],
        )?;
        if changed == 0 {
            return Err(not_found(id));
        }
        tx.commit()?;
        self.group(id)
    }

    /// Deletes a group; its teams stay, without a group. Returns how many teams it had.
    pub fn delete_group(&mut self, id: i64, now: DateTime<Utc>) -> Result<u32, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        let moved = tx.execute(
            "UPDATE teams SET group_id = NULL, updated_at = ?1 WHERE group_id = ?2",
            params![written(now), id],
        )?;
        if tx.execute("DELETE FROM team_groups WHERE id = ?1", [id])? == 0 {
            return Err(not_found(id));
        }
        tx.commit()?;
        Ok(moved as u32)
    }

    /// Puts a team in a group, or in none (`None`).
    pub fn move_team(
        &mut self,
        team: i64,
        group: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<crate::Team, StoreError> {
        let tx = crate::write::begin(&mut self.conn)?;
        if let Some(group) = group {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM team_groups WHERE id = ?1)",
                [group],
                |r| r.get(0),
            )?;
            if !known {
                return Err(not_found(group));
            }
        }
        let changed = tx.execute(
            "UPDATE teams SET group_id = ?1, updated_at = ?2 WHERE id = ?3 AND group_id IS NOT ?1",
            params![group, written(now), team],
        )?;
        if changed == 0 {
            // Unchanged, or no such team: `team()` tells which.
            drop(tx);
            return self.team(team);
        }
        tx.commit()?;
        self.team(team)
    }

    pub fn group(&self, id: i64) -> Result<Group, StoreError> {
        self.conn
            .query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], Group::from_row)
            .optional()?
            .ok_or_else(|| not_found(id))
    }

    pub fn group_by_name(&self, name: &str) -> Result<Option<Group>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("{SELECT} WHERE g.name_key = ?1"),
                [name_key(name.trim())],
                Group::from_row,
            )
            .optional()?)
    }

    /// All groups, in natural order of their names.
    pub fn groups(&self) -> Result<Vec<Group>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT} ORDER BY g.name_key, g.id"))?;
        let mut groups = stmt
            .query_map([], Group::from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        groups.sort_by(|a, b| devops_maturity_core::natural::cmp(&a.name, &b.name));
        Ok(groups)
    }

    /// The groups and the word for them, in one read.
    pub fn group_list(&self) -> Result<GroupList, StoreError> {
        Ok(GroupList {
            word: self.group_word()?,
            groups: self.groups()?,
        })
    }

    /// What the organisation calls a group ([`DEFAULT_WORD`] until set).
    pub fn group_word(&self) -> Result<String, StoreError> {
        Ok(self
            .setting(GROUP_WORD)?
            .unwrap_or_else(|| DEFAULT_WORD.to_string()))
    }

    /// Sets what the organisation calls a group; returns the word as stored (trimmed).
    pub fn set_group_word(&mut self, word: &str) -> Result<String, StoreError> {
        let word = text::required("the word for a group", word, Rule::name(MAX_WORD))?;
        self.set_setting(GROUP_WORD, word)?;
        Ok(word.to_string())
    }
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        what: format!("group {id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-06T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn groups_are_created_renamed_listed_and_unique_by_name_key() {
        let mut store = Store::open_in_memory().unwrap();
        let payments = store.create_group("  Payments ", now()).unwrap();
        assert_eq!(payments.name, "Payments", "names are trimmed");
        store.create_group("Unit 10", now()).unwrap();
        store.create_group("Unit 2", now()).unwrap();
        assert_eq!(
            store
                .create_group("PAYMENTS", now())
                .unwrap_err()
                .to_string(),
            "a group named \"Payments\" already exists"
        );
        assert!(
            store.create_group("  ", now()).is_err(),
            "a name is required"
        );
        store.rename_group(payments.id, "payments", now()).unwrap();
        let names: Vec<String> = store
            .groups()
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(names, ["payments", "Unit 2", "Unit 10"], "natural order");
        assert!(matches!(
            store.rename_group(999, "X", now()),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn teams_move_between_groups_and_a_deleted_group_keeps_its_teams() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.create_group("Retail", now()).unwrap();
        let b = store.create_group("Wholesale", now()).unwrap();
        let team = store.create_team("Checkout", now()).unwrap();
        assert_eq!(team.group_id, None);
        let later = now() + chrono::Duration::hours(1);
        let moved = store.move_team(team.id, Some(a.id), later).unwrap();
        assert_eq!(moved.group_id, Some(a.id));
        assert_eq!(
            devops_maturity_core::date::written(moved.updated_at),
            "2026-12-06T11:00:00Z",
            "a move changes the team"
        );
        store.move_team(team.id, Some(b.id), now()).unwrap();
        assert_eq!(store.group(b.id).unwrap().teams, 1);
        assert_eq!(store.group(a.id).unwrap().teams, 0);
        assert!(
            matches!(
                store.move_team(team.id, Some(999), now()),
                Err(StoreError::NotFound { .. })
            ),
            "an unknown group is refused"
        );
        assert_eq!(
            store.team(team.id).unwrap().group_id,
            Some(b.id),
            "and nothing changed"
        );
        assert_eq!(store.delete_group(b.id, now()).unwrap(), 1);
        assert_eq!(
            store.team(team.id).unwrap().group_id,
            None,
            "the team stays"
        );
        assert!(matches!(
            store.delete_group(b.id, now()),
            Err(StoreError::NotFound { .. })
        ));
    }

    #[test]
    fn the_word_for_a_group_is_a_setting() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.group_word().unwrap(), "group");
        assert_eq!(
            store.set_group_word(" value stream ").unwrap(),
            "value stream"
        );
        assert_eq!(store.group_word().unwrap(), "value stream");
        assert!(store.set_group_word("a\u{0}b").is_err());
        assert_eq!(
            store.group_word().unwrap(),
            "value stream",
            "nothing changed"
        );
    }
}
