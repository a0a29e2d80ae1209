//! `team import FILE.csv`: many teams, and their groups, from a spreadsheet. The file is
//! checked completely first — every problem with its line number — and then written in one
//! transaction, or not at all, as the JSON import does.
//!
//! The file: UTF-8 (a byte order mark is allowed, spreadsheets write one), RFC 4180 quoting,
//! a header row `team` or `team,group` (any case, any order), then one team per row. An empty
//! group means no group. Rules per row:
//! - the names follow the one text rule (`core::text`, shape `Name`), as typed in the app;
//! - a team named twice in the file (under `name_key`) is refused on its second line;
//! - a team already stored in the same group (or without one, when the row has none) is
//!   skipped; stored in another group, it is refused — move it with `team move`;
//! - a group that does not exist yet is created.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use devops_maturity_core::text::name_key;
use serde::Serialize;

use crate::{groups, teams, Store, StoreError};

/// Larger files are refused before parsing (a million short rows).
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;
/// Rows listed in a refusal; the rest are counted.
const MAX_LISTED: usize = 50;

/// One problem, at a line of the file (1 is the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TeamCsvError {
    #[error("{} problem(s); nothing was imported:\n{}", .0.len(), list(.0))]
    Invalid(Vec<LineProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(problems: &[LineProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamCsvReport {
    pub teams_added: u32,
    /// Already stored, in the same group.
    pub teams_skipped: u32,
    pub groups_added: u32,
}

/// A row: the line it starts on and its fields.
type Record = (usize, Vec<String>);

/// RFC 4180: fields separated by commas, quoted with `"` (a `""` inside is one quote), rows
/// ended by LF or CRLF; a quoted field may hold line breaks. Blank lines are skipped.
fn records(text: &str) -> Result<Vec<Record>, LineProblem> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut start = 1;
    let mut field = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut touched = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                touched = true;
            }
            '"' => {
                return Err(LineProblem {
                    line,
                    message: "a quote inside an unquoted field: quote the whole field (\"…\") and double the quote inside".into(),
                })
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                touched = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if touched || !field.is_empty() {
                    row.push(std::mem::take(&mut field));
                    out.push((start, std::mem::take(&mut row)));
                }
                touched = false;
                line += 1;
                start = line;
            }
            c => {
                field.push(c);
                touched = true;
            }
        }
    }
    if quoted {
        return Err(LineProblem {
            line: start,
            message: "a quoted field is never closed".into(),
        });
    }
    if touched || !field.is_empty() {
        row.push(field);
        out.push((start, row));
    }
    Ok(out)
}

/// A checked row.
struct Row {
    line: usize,
    team: String,
    group: Option<String>,
}

/// Reads and checks the file without a database: encoding, header, each row's fields and
/// names, duplicates.
fn parse(bytes: &[u8]) -> Result<Vec<Row>, Vec<LineProblem>> {
    let at = |line: usize, message: String| vec![LineProblem { line, message }];
    if bytes.len() > MAX_CSV_BYTES {
        return Err(at(
            1,
            format!(
                "the file has {} bytes; a team list can have at most {MAX_CSV_BYTES}",
                bytes.len()
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        at(
            line,
            "not UTF-8 text: save the spreadsheet as \"CSV UTF-8\"".into(),
        )
    })?;
    let rows = records(text).map_err(|p| vec![p])?;
    let Some(((header_line, header), rows)) = rows.split_first() else {
        return Err(at(
            1,
            "the file is empty: the first line names the columns, `team` and optionally `group`"
                .into(),
        ));
    };
    let mut team_col = None;
    let mut group_col = None;
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match name.trim().to_lowercase().as_str() {
            "team" if team_col.is_none() => team_col = Some(i),
            "group" if group_col.is_none() => group_col = Some(i),
            other => problems.push(LineProblem {
                line: *header_line,
                message: format!("unknown or repeated column \"{other}\": the columns are `team` and optionally `group`"),
            }),
        }
    }
    let Some(team_col) = team_col else {
        problems.push(LineProblem {
            line: *header_line,
            message:
                "no `team` column: the first line names the columns, `team` and optionally `group`"
                    .into(),
        });
        return Err(problems);
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (line, fields) in rows {
        let line = *line;
        if fields.len() != header.len() {
            problems.push(LineProblem {
                line,
                message: format!(
                    "{} fields, but the header names {}",
                    fields.len(),
                    header.len()
                ),
            });
            continue;
        }
        let team = match teams::clean_name(&fields[team_col]) {
            Ok(name) => name,
            Err(e) => {
                problems.push(LineProblem {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let group = match group_col
            .map(|g| fields[g].trim())
            .filter(|g| !g.is_empty())
        {
            None => None,
            Some(g) => match groups::clean_name(g) {
                Ok(name) => Some(name),
                Err(e) => {
                    problems.push(LineProblem {
                        line,
                        message: e.to_string(),
                    });
                    continue;
                }
            },
        };
        if let Some(first) = seen.insert(name_key(&team), line) {
            problems.push(LineProblem {
                line,
                message: format!("the team \"{team}\" is already on line {first}"),
            });
            continue;
        }
        out.push(Row { line, team, group });
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(LineProblem {
            line: *header_line,
            message: "no team below the header".into(),
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.truncate(MAX_LISTED);
        Err(problems)
    }
}

impl Store {
    /// Imports the teams of a CSV file (see the module documentation): everything or nothing.
    pub fn import_teams_csv(
        &mut self,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<TeamCsvReport, TeamCsvError> {
        let rows = parse(bytes).map_err(TeamCsvError::Invalid)?;
        // Conflicts are found before the first write, so `Ok(Err(problems))` leaves the
        // database as it was.
        let result = self.in_transaction(|store| {
            let mut report = TeamCsvReport {
                teams_added: 0,
                teams_skipped: 0,
                groups_added: 0,
            };
            let mut group_ids: HashMap<String, i64> = store
                .groups()?
                .into_iter()
                .map(|g| (name_key(&g.name), g.id))
                .collect();
            let mut problems = Vec::new();
            // Conflicts with what is stored are found before anything is written.
            for row in &rows {
                if let Some(stored) = store.team_by_name(&row.team)? {
                    let wanted = row.group.as_ref().map(|g| name_key(g));
                    let held = stored
                        .group_id
                        .and_then(|id| group_ids.iter().find(|(_, v)| **v == id).map(|(k, _)| k.clone()));
                    if wanted != held {
                        problems.push(LineProblem {
                            line: row.line,
                            message: format!(
                                "the team \"{}\" is already stored in {}; move it on the Teams page (or with `team move`) rather than by import",
                                stored.name,
                                match &held {
                                    Some(_) => "another group",
                                    None => "no group",
                                }
                            ),
                        });
                    }
                }
            }
            if !problems.is_empty() {
                problems.truncate(MAX_LISTED);
                return Ok(Err(problems));
            }
            for row in &rows {
                let group = match &row.group {
                    None => None,
                    Some(name) => Some(match group_ids.get(&name_key(name)) {
                        Some(id) => *id,
                        None => {
                            let g = store.create_group(name, now)?;
                            report.groups_added += 1;
                            group_ids.insert(name_key(name), g.id);
                            g.id
                        }
                    }),
                };
                if store.team_by_name(&row.team)?.is_some() {
                    report.teams_skipped += 1;
                    continue;
                }
                let team = store.create_team(&row.team, now)?;
                if group.is_some() {
                    store.move_team(team.id, group, now)?;
                }
                report.teams_added += 1;
            }
            Ok(Ok(report))
        })?;
        result.map_err(TeamCsvError::Invalid)
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

    fn refused(store: &mut Store, csv: &str) -> Vec<String> {
        match store.import_teams_csv(csv.as_bytes(), now()) {
            Err(TeamCsvError::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn teams_and_their_groups_are_added_in_one_go() {
        let mut store = Store::open_in_memory().unwrap();
        store.create_group("Retail", now()).unwrap();
        let csv = "\u{feff}Team,Group\r\nTeam 10,retail\r\n\"Booking, \"\"web\"\"\",Travel\r\nSolo,\r\n\r\n";
        let report = store.import_teams_csv(csv.as_bytes(), now()).unwrap();
        assert_eq!(
            report,
            TeamCsvReport {
                teams_added: 3,
                teams_skipped: 0,
                groups_added: 1
            },
            "Retail matched in another case; Travel created; a BOM and CRLF are fine"
        );
        let names: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["Booking, \"web\"", "Solo", "Team 10"]);
        let again = store.import_teams_csv(csv.as_bytes(), now()).unwrap();
        assert_eq!(
            (again.teams_added, again.teams_skipped, again.groups_added),
            (0, 3, 0),
            "importing twice adds nothing"
        );
    }

    #[test]
    fn bad_rows_are_refused_with_their_lines_and_nothing_changes() {
        let mut store = Store::open_in_memory().unwrap();
        let listed = refused(
            &mut store,
            "team,group\nAlpha,Retail\n,Retail\nBeta,Retail,extra\nalpha,\nGamma,\"Re\ntail\"\nDel\u{0}ta,\n",
        );
        assert_eq!(
            listed,
            [
                "line 3: a team name cannot be empty",
                "line 4: 3 fields, but the header names 2",
                "line 5: the team \"alpha\" is already on line 2",
                "line 6: a group name cannot contain control characters (line breaks, tabs, NUL …): U+000A at character 3",
                "line 8: a team name cannot contain control characters (line breaks, tabs, NUL …): U+0000 at character 4",
            ]
        );
        assert!(
            store.teams().unwrap().is_empty() && store.groups().unwrap().is_empty(),
            "nothing changed"
        );
        assert_eq!(refused(&mut store, "name\nX\n"), [
            "line 1: unknown or repeated column \"name\": the columns are `team` and optionally `group`",
            "line 1: no `team` column: the first line names the columns, `team` and optionally `group`",
        ]);
        assert_eq!(
            refused(&mut store, "team\n\"open\n"),
            ["line 2: a quoted field is never closed"]
        );
    }

    #[test]
    fn a_stored_team_in_another_group_is_a_conflict_and_nothing_is_written() {
        let mut store = Store::open_in_memory().unwrap();
        let retail = store.create_group("Retail", now()).unwrap();
        let team = store.create_team("Alpha", now()).unwrap();
        store.move_team(team.id, Some(retail.id), now()).unwrap();
        let listed = refused(&mut store, "team,group\nNew team,Travel\nALPHA,Travel\n");
        assert_eq!(
            listed,
            ["line 3: the team \"Alpha\" is already stored in another group; move it on the Teams page (or with `team move`) rather than by import"]
        );
        assert_eq!(
            store.teams().unwrap().len(),
            1,
            "New team was not added either"
        );
        assert_eq!(store.groups().unwrap().len(), 1, "Travel was not created");
        let bytes = b"team\n\xff\xfe\n";
        match store.import_teams_csv(bytes, now()) {
            Err(TeamCsvError::Invalid(p)) => assert_eq!(
                p[0].to_string(),
                "line 2: not UTF-8 text: save the spreadsheet as \"CSV UTF-8\""
            ),
            other => panic!("{other:?}"),
        }
    }
}
