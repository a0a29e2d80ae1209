//! `group add|rename|delete|list|word` and `team move`: groups of teams (business units, value
//! streams …; the word is the `group word` setting). Glue over `store::groups`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use devops_maturity_store::{Group, Store};

#[derive(Subcommand)]
pub(crate) enum GroupCommand {
    /// List the groups with their number of teams (id, name, teams)
    List,
    /// Create a group
    Add { name: String },
    /// Rename a group
    Rename { old: String, new: String },
    /// Delete a group; its teams stay, without a group
    Delete { name: String },
    /// Print what the organisation calls a group, or set it ("business unit", "value stream" …)
    Word { word: Option<String> },
}

pub(crate) fn by_name(store: &Store, name: &str) -> anyhow::Result<Group> {
    let word = store.group_word()?;
    store
        .group_by_name(name)?
        .with_context(|| format!("no {word} named \"{name}\" (see `devops-maturity group list`)"))
}

pub(crate) fn run(db: Option<&Path>, command: GroupCommand) -> anyhow::Result<ExitCode> {
    let mut store = crate::open_store(db)?;
    let now = chrono::Utc::now();
    match command {
        GroupCommand::List => {
            for group in store.groups()? {
                out!("{}\t{}\t{}", group.id, group.name, group.teams);
            }
        }
        GroupCommand::Add { name } => {
            out!("{}", store.create_group(&name, now)?.id);
        }
        GroupCommand::Rename { old, new } => {
            let group = by_name(&store, &old)?;
            store.rename_group(group.id, &new, now)?;
        }
        GroupCommand::Delete { name } => {
            let group = by_name(&store, &name)?;
            let teams = store.delete_group(group.id, now)?;
            let word = store.group_word()?;
            out!(
                "deleted the {word} \"{}\"; {teams} team(s) now belong to no {word}",
                group.name
            );
        }
        GroupCommand::Word { word: None } => out!("{}", store.group_word()?),
        GroupCommand::Word { word: Some(word) } => {
            out!("{}", store.set_group_word(&word)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `team move TEAM --group NAME` or `--no-group`.
pub(crate) fn move_team(store: &mut Store, team: &str, group: Option<&str>) -> anyhow::Result<()> {
    let found = store
        .team_by_name(team)?
        .with_context(|| format!("no team named \"{team}\""))?;
    let group = group.map(|name| by_name(store, name)).transpose()?;
    store.move_team(found.id, group.map(|g| g.id), chrono::Utc::now())?;
    Ok(())
}

/// `team import FILE.csv`: the file is read (bounded) and checked whole; then every team and
/// group is written in one transaction, or nothing is. Into a database that does not exist
/// yet, the import is tried in memory first, so a refused file never creates one (as `import`).
pub(crate) fn import_teams(db: Option<&Path>, file: &Path) -> anyhow::Result<ExitCode> {
    use devops_maturity_store::team_csv::MAX_CSV_BYTES;
    let bytes = devops_maturity_store::files::read_bounded(file, MAX_CSV_BYTES as u64)?;
    let now = chrono::Utc::now();
    let path = devops_maturity_store::resolve_db_path(db)?;
    if !path.exists() {
        Store::open_in_memory()?
            .import_teams_csv(&bytes, now)
            .with_context(|| file.display().to_string())?;
    }
    let mut store = crate::open_store(Some(&path))?;
    let report = store
        .import_teams_csv(&bytes, now)
        .with_context(|| file.display().to_string())?;
    let word = store.group_word()?;
    out!(
        "added {} team(s), {} already there; created {} {word}(s)",
        report.teams_added,
        report.teams_skipped,
        report.groups_added
    );
    Ok(ExitCode::SUCCESS)
}
