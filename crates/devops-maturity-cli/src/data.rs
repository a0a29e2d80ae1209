//! `export`, `import`, `backup` and `restore`: the user's data in and out of the database.
//! The rules (what is exported, how an import resolves and refuses, how a restore checks and
//! keeps) are the store's `exchange` and `backup` modules; this module reads and writes files
//! and prints.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use chrono::Utc;
use clap::Args;
use devops_maturity_store::exchange::{
    parse_import, parse_rename, to_json, ImportChoices, ImportError, ImportReport, Scope,
    MAX_FILE_BYTES,
};
use devops_maturity_store::files::read_bounded;
use devops_maturity_store::{resolve_db_path, Store};

use crate::{open_store, write_out};

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// Export only this team (default: everything)
    #[arg(long)]
    team: Option<String>,
    /// The file to write (replaced if it exists), or - for standard output
    #[arg(long, value_name = "FILE")]
    out: std::path::PathBuf,
    /// Write the scores as CSV (team, date, dimension, score, level, target, gap) instead
    #[arg(long)]
    csv: bool,
}

pub(crate) fn export(db: Option<&Path>, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let team = match &args.team {
        Some(name) => Some(
            store
                .team_by_name(name)?
                .with_context(|| format!("no team named \"{name}\""))?,
        ),
        None => None,
    };
    if args.csv {
        let csv = store.scores_csv(team.as_ref().map(|t| t.id))?;
        write_out(store.path(), &args.out, csv.as_bytes())?;
        said!(
            &args.out,
            "wrote {} score rows to {}",
            csv.lines().count().saturating_sub(1),
            args.out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let scope = team.as_ref().map_or(Scope::All, |t| Scope::Team(t.id));
    let file = store.export(scope)?;
    write_out(store.path(), &args.out, &to_json(&file)?)?;
    said!(
        &args.out,
        "exported {} team(s), {} assessment(s), {} plan(s), {} workshop(s), {} learner(s), {} knowledge-check result(s) to {}",
        file.teams.len(),
        file.assessments.len(),
        file.plans.len(),
        file.workshops.len(),
        file.learners.len(),
        file.quiz_results.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &ImportReport) {
    for c in &report.counts {
        if c.added > 0 || c.skipped > 0 {
            out!(
                "{:<16} {:>5} added  {:>5} already there",
                c.kind.replace('_', " "),
                c.added,
                c.skipped
            );
        }
    }
    out!(
        "imported: {} record(s) added, {} already there",
        report.added(),
        report.skipped()
    );
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// The JSON file written by `export`
    file: std::path::PathBuf,
    /// The file's team of this name is the stored team of the same name: its assessments,
    /// learners and workshop places join the stored team (repeatable)
    #[arg(long, value_name = "NAME")]
    map_team: Vec<String>,
    /// Import the file's team OLD under the name NEW (repeatable)
    #[arg(long, value_name = "OLD=NEW", value_parser = parse_rename)]
    rename_team: Vec<(String, String)>,
    /// The file's group of this name is the stored group of the same name (repeatable)
    #[arg(long, value_name = "NAME")]
    map_group: Vec<String>,
    /// Import the file's group OLD under the name NEW (repeatable)
    #[arg(long, value_name = "OLD=NEW", value_parser = parse_rename)]
    rename_group: Vec<(String, String)>,
    /// Where a setting (the agenda, the plan's focus …) is stored with another value, keep
    /// the stored one instead of stopping
    #[arg(long)]
    keep_settings: bool,
}

/// Printed under a refused import whose conflicts a choice can settle.
fn choices_hint(e: &ImportError) -> Option<&'static str> {
    let ImportError::Conflicts(list) = e else {
        return None;
    };
    let text: Vec<String> = list.iter().map(ToString::to_string).collect();
    let names = text
        .iter()
        .any(|t| t.contains(" is already stored; import again"));
    let settings = text.iter().any(|t| t.starts_with("$.settings"));
    match (names, settings) {
        (true, true) => Some("to import anyway, choose for each clashing name --map-team NAME / --map-group NAME (join the stored one) or --rename-team OLD=NEW / --rename-group OLD=NEW, and --keep-settings"),
        (true, false) => Some("to import anyway, choose for each clashing name --map-team NAME / --map-group NAME (join the stored one) or --rename-team OLD=NEW / --rename-group OLD=NEW"),
        (false, true) => Some("to import anyway and keep the stored settings, add --keep-settings"),
        (false, false) => None,
    }
}

pub(crate) fn import(db: Option<&Path>, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let choices = ImportChoices {
        map_teams: args.map_team,
        rename_teams: args.rename_team,
        map_groups: args.map_group,
        rename_groups: args.rename_group,
        keep_settings: args.keep_settings,
    };
    let file = args.file.as_path();
    let refused = |e: ImportError| {
        let hint = choices_hint(&e);
        let e = anyhow::Error::new(e).context(file.display().to_string());
        match hint {
            // After the list, where the person reads last.
            Some(hint) => anyhow::anyhow!("{e:#}\nhint: {hint}"),
            None => e,
        }
    };
    let bytes = read_bounded(file, MAX_FILE_BYTES as u64)?;
    // The file is checked completely before the database is even opened.
    let parsed = parse_import(&bytes).with_context(|| file.display().to_string())?;
    drop(bytes);
    let path = devops_maturity_store::resolve_db_path(db)?;
    if !path.exists() {
        // Into a database that does not exist yet, the import is tried on an empty database in
        // memory first: a refused file never creates the file, so nothing ever has to be
        // deleted afterwards (where another program may have written meanwhile).
        Store::open_in_memory()?
            .import_with(&parsed, &choices)
            .map_err(refused)?;
    }
    let mut store = open_store(Some(&path))?;
    let report = store.import_with(&parsed, &choices).map_err(refused)?;
    print_report(&report);
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn backup(db: Option<&Path>, out_file: &Path) -> anyhow::Result<ExitCode> {
    if crate::is_stdout(out_file) {
        bail!("a backup is a database file: give a file name for --out (standard output is not supported); nothing was written");
    }
    let store = open_store(db)?;
    store.backup_to(out_file)?;
    out!(
        "backed up {} to {}",
        store.path().display(),
        out_file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn restore(db: Option<&Path>, file: &Path) -> anyhow::Result<ExitCode> {
    let path = resolve_db_path(db)?;
    let report = devops_maturity_store::backup::restore(&path, file, Utc::now())?;
    // Opening checks the result once more and brings an older schema up to date.
    open_store(Some(&path))?;
    out!("restored {} into {}", file.display(), path.display());
    if let Some(previous) = &report.previous {
        out!("the database it replaced is kept as {}", previous.display());
    }
    Ok(ExitCode::SUCCESS)
}
