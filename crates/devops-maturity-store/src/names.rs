//! Unique names of teams and learners: `name_key` columns hold `core::text::name_key`, and
//! this module finds who holds a key, recomputes the keys of a database written before that
//! rule (migration 8), and lists the clashes that recomputing found.
//!
//! Before migration 8 the key was `str::to_lowercase`, so "Café" typed in NFC and in NFD, or a
//! name with a zero-width space, could be stored twice. The migration never fails and never
//! deletes or renames a row for that: the first row (lowest id) gets the key, each later twin
//! gets the key followed by [`CLASH`] and its id, which no real name can produce (names refuse
//! control characters). [`Store::name_clashes`] reports those twins until someone renames one.

use std::collections::HashSet;

use devops_maturity_core::text::name_key;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{Store, StoreError};

/// Separates a recomputed key from the id of the twin that clashed with it.
const CLASH: char = '\u{1}';

/// The tables whose rows have a unique `name_key`, and what their rows are called.
const TABLES: [(&str, &str); 2] = [("teams", "team"), ("learners", "learner")];

/// Migration 8: every `name_key` recomputed with `core::text::name_key`; twins are marked,
/// not refused (see the module documentation).
pub(crate) fn recompute_keys(tx: &Connection) -> rusqlite::Result<()> {
    for (table, _) in TABLES {
        let rows: Vec<(i64, String)> = tx
            .prepare(&format!("SELECT id, name FROM {table} ORDER BY id"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        // Free every old key first: a row's new key may be another row's old one.
        tx.execute(&format!("UPDATE {table} SET name_key = char(1) || id"), [])?;
        let mut seen = HashSet::new();
        let mut update = tx.prepare(&format!("UPDATE {table} SET name_key = ?1 WHERE id = ?2"))?;
        for (id, name) in rows {
            let key = name_key(&name);
            let key = if seen.contains(&key) {
                format!("{key}{CLASH}{id}")
            } else {
                seen.insert(key.clone());
                key
            };
            update.execute(params![key, id])?;
        }
    }
    Ok(())
}

/// The name of the row of `table` (`teams` or `learners`) that holds `key`, or a twin marked
/// by migration 8 with it, other than row `except`.
pub(crate) fn holder(
    conn: &Connection,
    table: &str,
    key: &str,
    except: Option<i64>,
) -> Result<Option<String>, StoreError> {
    debug_assert!(TABLES.iter().any(|(t, _)| *t == table));
    let marked = format!("{key}{CLASH}");
    let marked_end = format!("{key}\u{2}");
    Ok(conn
        .prepare_cached(&format!(
            "SELECT name FROM {table}
             WHERE (name_key = ?1 OR (name_key >= ?2 AND name_key < ?3)) AND id IS NOT ?4
             ORDER BY id LIMIT 1"
        ))?
        .query_row(params![key, marked, marked_end, except], |r| r.get(0))
        .optional()?)
}

/// Rows whose names are one name under `name_key` (stored before migration 8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameClash {
    /// `team` or `learner`.
    pub kind: &'static str,
    /// The names as stored, oldest first; they differ only in case, accents written another
    /// way, or invisible characters.
    pub names: Vec<String>,
}

impl std::fmt::Display for NameClash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self.names.iter().map(|n| format!("\"{n}\"")).collect();
        write!(
            f,
            "{} {}s are named {}: the names differ only in case, in how accents were typed or in invisible characters; rename all but one",
            self.names.len(),
            self.kind,
            names.join(" and ")
        )
    }
}

impl Store {
    /// Twins that migration 8 found and that nobody has renamed yet, teams first.
    pub fn name_clashes(&self) -> Result<Vec<NameClash>, StoreError> {
        let mut clashes = Vec::new();
        for (table, kind) in TABLES {
            let bases: Vec<String> = self
                .conn
                .prepare(&format!(
                    "SELECT DISTINCT substr(name_key, 1, instr(name_key, char(1)) - 1) FROM {table}
                     WHERE instr(name_key, char(1)) > 1 ORDER BY 1"
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for base in bases {
                let names: Vec<String> = self
                    .conn
                    .prepare(&format!(
                        "SELECT name FROM {table}
                         WHERE name_key = ?1 OR (name_key >= ?2 AND name_key < ?3) ORDER BY id"
                    ))?
                    .query_map(
                        params![base, format!("{base}{CLASH}"), format!("{base}\u{2}")],
                        |r| r.get(0),
                    )?
                    .collect::<Result<_, _>>()?;
                if names.len() > 1 {
                    clashes.push(NameClash { kind, names });
                }
            }
        }
        Ok(clashes)
    }
}
