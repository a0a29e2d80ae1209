//! The removed rows of a delete: captured with every value before the delete, removed child
//! first, and put back by an undo (a row keeps its id unless another took it since).

use std::collections::{BTreeSet, HashMap};

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use crate::learners::CURRENT_LEARNER_KEY;
use crate::StoreError;

use super::collect::{selector, unlinked, Doomed, TABLES};

/// A stored cell, as JSON: null, an integer, a real or text (no table a delete touches has a
/// blob column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub(super) enum Cell {
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
pub(super) struct Rows {
    pub(super) table: String,
    pub(super) columns: Vec<String>,
    pub(super) rows: Vec<Vec<Cell>>,
}

/// Everything a delete removed: enough to put it back.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Bundle {
    pub(super) tables: Vec<Rows>,
    /// Learners who stayed without their team: (learner, team).
    pub(super) unlinked: Vec<(i64, i64)>,
    pub(super) settings: Vec<(String, String)>,
}

pub(super) fn capture(conn: &Connection, d: &Doomed) -> Result<Bundle, StoreError> {
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

pub(super) fn remove(
    conn: &Connection,
    d: &Doomed,
    unlinked: &[(i64, i64)],
) -> Result<(), StoreError> {
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
pub(super) fn put_back(conn: &Connection, bundle: &Bundle, label: &str) -> Result<(), StoreError> {
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
    // Practice answers deleted before migration 14 come back without the version they were
    // given on: inferred as the migration did for the answers it found.
    for rows in bundle.tables.iter().filter(|r| {
        r.table == "practice_answers" && !r.columns.iter().any(|c| c == "questionnaire_version")
    }) {
        let Some(at) = rows.columns.iter().position(|c| c == "workshop_team_id") else {
            continue;
        };
        let rounds: BTreeSet<i64> = rows
            .rows
            .iter()
            .filter_map(|row| match row.get(at) {
                Some(Cell::Integer(id)) => Some(mapped("workshop_teams", *id)),
                _ => None,
            })
            .collect();
        for round in rounds {
            crate::practice::infer_round(conn, round)?;
        }
    }
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
pub(super) fn refuse_twins(
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
