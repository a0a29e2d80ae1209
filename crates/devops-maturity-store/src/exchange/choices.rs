//! What the person importing chose to do about names that clash, applied to a copy of the
//! file before it is checked. Facilitators in different offices keep their own databases; when
//! one person imports all their exports into a leadership database, two of them may have
//! created a team (or a group) of the same name. Without a choice that is a conflict and the
//! import stops; with one, it goes through:
//!
//! - **map** `NAME`: the file's team (group) named `NAME` *is* the stored one of that name. Its
//!   record is not added; everything in the file that refers to it (assessments, learners,
//!   workshop sessions; for a group, its teams) refers to the stored record instead.
//! - **rename** `OLD=NEW`: the file's team (group) named `OLD` is added under `NEW` (checked by
//!   the text rule like any name; a `NEW` that is taken is the usual conflict).
//! - **keep settings**: a setting stored with another value keeps the stored value instead of
//!   being a conflict (each office has its own agenda and preferences).
//!
//! A choice that names nothing in the file, a map with nothing of that name stored, or a
//! record both mapped and renamed is refused with a message naming the choice, and nothing is
//! imported. Mapping a record that is already stored under the same UUID changes nothing.

use std::collections::HashMap;

use devops_maturity_core::text::name_key;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::format::ExportFile;
use super::reader::Problems;
use super::ImportError;
use crate::StoreError;

/// The choices for one import. The default (no choices) is the strict import: any clash is a
/// conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ImportChoices {
    /// Team names, as written in the file, whose records join the stored team of that name.
    pub map_teams: Vec<String>,
    /// (name in the file, new name): the file's team is added under the new name.
    pub rename_teams: Vec<(String, String)>,
    /// Group names whose teams join the stored group of that name.
    pub map_groups: Vec<String>,
    /// (name in the file, new name) for groups.
    pub rename_groups: Vec<(String, String)>,
    /// Settings stored with another value keep the stored value.
    pub keep_settings: bool,
}

impl ImportChoices {
    pub fn is_empty(&self) -> bool {
        *self == ImportChoices::default()
    }
}

/// The conflicts of a refused import that a choice can settle, by the names the file gives
/// them: what the app asks about ("the same team, or another one?").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Clashes {
    pub teams: Vec<String>,
    pub groups: Vec<String>,
    /// Keys of settings stored with another value.
    pub settings: Vec<String>,
}

impl Clashes {
    /// From the conflicts of [`ImportError::Conflicts`] for `file` (the file as read, before
    /// any choice). Conflicts no choice can settle (a record that differs) are not listed.
    pub fn of(file: &ExportFile, conflicts: &[super::Problem]) -> Clashes {
        let index = |at: &str, prefix: &str| -> Option<usize> {
            at.strip_prefix(prefix)?
                .strip_suffix("].name")?
                .parse()
                .ok()
        };
        let mut out = Clashes::default();
        for p in conflicts {
            if let Some(t) = index(&p.at, "$.teams[").and_then(|i| file.teams.get(i)) {
                out.teams.push(t.name.clone());
            } else if let Some(g) = index(&p.at, "$.groups[").and_then(|i| file.groups.get(i)) {
                out.groups.push(g.name.clone());
            } else if let Some(key) = p.at.strip_prefix("$.settings") {
                let quoted = key.trim_start_matches('[').trim_end_matches(']');
                let key = serde_json::from_str::<String>(quoted).unwrap_or(quoted.to_string());
                out.settings.push(key);
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.teams.is_empty() && self.groups.is_empty() && self.settings.is_empty()
    }
}

/// Parses `OLD=NEW` (the CLI's `--rename-team` and `--rename-group`).
pub fn parse_rename(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
            Ok((old.trim().to_string(), new.trim().to_string()))
        }
        _ => Err(format!(
            "\"{text}\" is not OLD=NEW (the name in the file, '=', the name to import it under)"
        )),
    }
}

/// Which of the two kinds of named record a choice is about.
struct Kind {
    word: &'static str,
    table: &'static str,
}

const TEAM: Kind = Kind {
    word: "team",
    table: "teams",
};
const GROUP: Kind = Kind {
    word: "group",
    table: "team_groups",
};

/// The file with the choices applied. Reads the database (the stored records a map points
/// to), writes nothing.
pub(super) fn apply(
    conn: &Connection,
    file: &ExportFile,
    choices: &ImportChoices,
) -> Result<ExportFile, ImportError> {
    let mut out = file.clone();
    let mut problems = Problems::default();
    let names: Vec<(String, String)> = out
        .groups
        .iter()
        .map(|g| (g.uuid.clone(), g.name.clone()))
        .collect();
    let groups = resolve(
        conn,
        &GROUP,
        &names,
        &choices.map_groups,
        &choices.rename_groups,
        &mut problems,
    )?;
    let names: Vec<(String, String)> = out
        .teams
        .iter()
        .map(|t| (t.uuid.clone(), t.name.clone()))
        .collect();
    let teams = resolve(
        conn,
        &TEAM,
        &names,
        &choices.map_teams,
        &choices.rename_teams,
        &mut problems,
    )?;
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems.into_list()));
    }

    // Renames first (they keep the record), then maps (they drop it and redirect references).
    for g in &mut out.groups {
        if let Some(new) = groups.renamed.get(&g.uuid) {
            g.name = new.clone();
        }
    }
    for t in &mut out.teams {
        if let Some(new) = teams.renamed.get(&t.uuid) {
            t.name = new.clone();
        }
    }
    out.groups.retain(|g| !groups.mapped.contains_key(&g.uuid));
    out.teams.retain(|t| !teams.mapped.contains_key(&t.uuid));
    let team = |uuid: &mut String| {
        if let Some(stored) = teams.mapped.get(uuid.as_str()) {
            *uuid = stored.clone();
        }
    };
    for t in &mut out.teams {
        if let Some(g) = &mut t.group {
            if let Some(stored) = groups.mapped.get(g.as_str()) {
                *g = stored.clone();
            }
        }
    }
    for a in &mut out.assessments {
        team(&mut a.team);
    }
    for l in &mut out.learners {
        if let Some(t) = &mut l.team {
            team(t);
        }
    }
    for w in &mut out.workshop_teams {
        team(&mut w.team);
    }
    Ok(out)
}

/// The file's records a choice applies to: UUID in the file → stored UUID (map) or new name
/// (rename).
#[derive(Default)]
struct Resolved {
    mapped: HashMap<String, String>,
    renamed: HashMap<String, String>,
}

fn resolve(
    conn: &Connection,
    kind: &Kind,
    in_file: &[(String, String)],
    maps: &[String],
    renames: &[(String, String)],
    problems: &mut Problems,
) -> Result<Resolved, StoreError> {
    let mut out = Resolved::default();
    let find = |name: &str| {
        let key = name_key(name.trim());
        in_file.iter().find(|(_, n)| name_key(n) == key)
    };
    for name in maps {
        let at = format!("{} \"{name}\" (map)", kind.word);
        let Some((uuid, _)) = find(name) else {
            problems.push(at, format!("the file has no {} of this name", kind.word));
            continue;
        };
        let stored: Option<String> = conn
            .query_row(
                &format!("SELECT uuid FROM {} WHERE name_key = ?1", kind.table),
                [name_key(name.trim())],
                |r| r.get(0),
            )
            .optional()?;
        match stored {
            None => problems.push(
                at,
                format!(
                    "no {} of this name is stored to add the file's records to",
                    kind.word
                ),
            ),
            Some(stored) if stored == *uuid => {} // already the same record
            Some(stored) => {
                out.mapped.insert(uuid.clone(), stored);
            }
        }
    }
    for (old, new) in renames {
        let at = format!("{} \"{old}\" (rename to \"{new}\")", kind.word);
        let Some((uuid, _)) = find(old) else {
            problems.push(at, format!("the file has no {} named \"{old}\"", kind.word));
            continue;
        };
        if out.mapped.contains_key(uuid) || maps.iter().any(|m| name_key(m) == name_key(old)) {
            problems.push(
                at,
                format!("this {} is also mapped: choose one of the two", kind.word),
            );
            continue;
        }
        let clean = if kind.table == "teams" {
            crate::teams::clean_name(new)
        } else {
            crate::groups::clean_name(new)
        };
        match clean {
            Ok(new)
                if in_file
                    .iter()
                    .any(|(u, n)| u != uuid && name_key(n) == name_key(&new)) =>
            {
                problems.push(
                    at,
                    format!("another {} in the file is named \"{new}\"", kind.word),
                )
            }
            Ok(new) => {
                out.renamed.insert(uuid.clone(), new);
            }
            Err(e) => problems.push(at, e.to_string()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::tests::{now, populated};
    use crate::exchange::Scope;
    use crate::Store;

    const PLATFORM: &str = "=Platform, \"core\"";

    fn listed(result: Result<super::super::ImportReport, ImportError>) -> Vec<String> {
        match result {
            Err(ImportError::Invalid(p)) | Err(ImportError::Conflicts(p)) => {
                p.iter().map(ToString::to_string).collect()
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    /// Another office's database with its own team (and group) of the same names.
    fn office() -> (Store, crate::teams::Team) {
        let mut store = Store::open_in_memory().unwrap();
        let team = store.create_team("=PLATFORM, \"CORE\"", now()).unwrap();
        let group = store.create_group("core SERVICES", now()).unwrap();
        store.move_team(team.id, Some(group.id), now()).unwrap();
        store
            .set_setting("training.agenda", "{\"blocks\":[1]}")
            .unwrap();
        (store, team)
    }

    fn choices() -> ImportChoices {
        ImportChoices {
            keep_settings: true,
            map_groups: vec!["Core services".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_mapped_team_brings_its_records_to_the_stored_team_once() {
        let file = populated().export(Scope::All).unwrap();
        let (mut target, stored) = office();
        let Err(ImportError::Conflicts(strict)) = target.import(&file) else {
            panic!("a clash is a conflict");
        };
        assert_eq!(
            Clashes::of(&file, &strict),
            Clashes {
                teams: vec![PLATFORM.into()],
                groups: vec!["Core services".into()],
                settings: vec!["training.agenda".into()],
            }
        );

        let c = ImportChoices {
            map_teams: vec![PLATFORM.to_lowercase()],
            ..choices()
        };
        let report = target.import_with(&file, &c).unwrap();
        assert!(report.added() > 0);
        let teams = target.teams().unwrap();
        assert_eq!(
            teams.len(),
            file.teams.len(),
            "the mapped team was not added"
        );
        let zoe = target.learners().unwrap();
        let zoe = zoe.iter().find(|l| l.name == "Zoë").unwrap();
        assert_eq!(zoe.team_id, Some(stored.id), "Zoë joins the stored team");
        assert_eq!(
            target.setting("training.agenda").unwrap().as_deref(),
            Some("{\"blocks\":[1]}"),
            "the stored setting is kept"
        );
        let again = target.import_with(&file, &c).unwrap();
        assert_eq!(again.added(), 0, "a second import adds nothing: {again:?}");
    }

    #[test]
    fn a_renamed_team_is_added_under_its_new_name() {
        let file = populated().export(Scope::All).unwrap();
        let (mut target, stored) = office();
        let c = ImportChoices {
            rename_teams: vec![(PLATFORM.into(), "Platform (Lisbon)".into())],
            ..choices()
        };
        target.import_with(&file, &c).unwrap();
        let lisbon = target.team_by_name("platform (lisbon)").unwrap().unwrap();
        assert_ne!(lisbon.id, stored.id);
        let group = target.group(lisbon.group_id.unwrap()).unwrap();
        assert_eq!(group.name, "core SERVICES", "its group was mapped");
        assert_eq!(target.teams().unwrap().len(), file.teams.len() + 1);
    }

    #[test]
    fn a_choice_that_names_nothing_is_refused_and_nothing_changes() {
        let file = populated().export(Scope::All).unwrap();
        let (mut target, _) = office();
        let before = target.export(Scope::All).unwrap();
        let c = ImportChoices {
            map_teams: vec!["Nobody".into(), PLATFORM.into()],
            rename_teams: vec![
                (PLATFORM.into(), "Other".into()),
                ("Ghost".into(), "Spirit".into()),
            ],
            map_groups: vec!["Empty unit".into()],
            rename_groups: vec![("Core services".into(), " ".into())],
            keep_settings: false,
        };
        assert_eq!(
            listed(target.import_with(&file, &c)),
            [
                "group \"Empty unit\" (map): no group of this name is stored to add the file's records to",
                "group \"Core services\" (rename to \" \"): a group name cannot be empty",
                "team \"Nobody\" (map): the file has no team of this name",
                "team \"=Platform, \"core\"\" (rename to \"Other\"): this team is also mapped: choose one of the two",
                "team \"Ghost\" (rename to \"Spirit\"): the file has no team named \"Ghost\"",
            ]
        );
        assert_eq!(
            target.export(Scope::All).unwrap(),
            before,
            "nothing changed"
        );
    }

    #[test]
    fn a_rename_onto_another_team_of_the_file_is_refused() {
        let file = populated().export(Scope::All).unwrap();
        let other = file.teams.iter().find(|t| t.name != PLATFORM).unwrap();
        let c = ImportChoices {
            rename_teams: vec![(PLATFORM.into(), other.name.to_uppercase())],
            ..Default::default()
        };
        let problems = listed(Store::open_in_memory().unwrap().import_with(&file, &c));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].ends_with(&format!(
            "another team in the file is named \"{}\"",
            other.name.to_uppercase()
        )));
    }

    #[test]
    fn renames_are_written_old_equals_new() {
        assert_eq!(
            parse_rename(" Platform = Platform (Lisbon) "),
            Ok(("Platform".into(), "Platform (Lisbon)".into()))
        );
        assert!(parse_rename("Platform").is_err());
        assert!(parse_rename("=New").is_err());
    }
}
