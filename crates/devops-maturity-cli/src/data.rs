//! `export`, `import`, `backup` and `restore`: the user's data in and out of the database.
//! The rules (what is exported, how an import resolves and refuses, how a restore checks and
//! keeps) are the store's `exchange` and `backup` modules; this module reads and writes files
//! and prints.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use chrono::Utc;
use clap::Args;
use devops_maturity_store::exchange::{parse_import, to_json, ImportReport, Scope, MAX_FILE_BYTES};
use devops_maturity_store::resolve_db_path;

use crate::open_store;

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// Export only this team (default: everything)
    #[arg(long)]
    team: Option<String>,
    /// The file to write (replaced if it exists)
    #[arg(long, value_name = "FILE")]
    out: std::path::PathBuf,
    /// Write the scores as CSV (team, date, dimension, score, level, target, gap) instead
    #[arg(long)]
    csv: bool,
}

/// Writes `bytes` to `path` through a temporary file, so a failed export never leaves half a
/// file under the chosen name.
fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(format!(".partial-{}", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("cannot write {}", path.display()))
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
        write_file(&args.out, csv.as_bytes())?;
        out!(
            "wrote {} score rows to {}",
            csv.lines().count().saturating_sub(1),
            args.out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let scope = team.as_ref().map_or(Scope::All, |t| Scope::Team(t.id));
    let file = store.export(scope)?;
    write_file(&args.out, &to_json(&file)?)?;
    out!(
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

pub(crate) fn import(db: Option<&Path>, file: &Path) -> anyhow::Result<ExitCode> {
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {}", file.display()))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        bail!(
            "{} has {size} bytes; an export file can have at most {MAX_FILE_BYTES}; nothing was changed",
            file.display()
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    // The file is checked completely before the database is even opened.
    let parsed = parse_import(&bytes).with_context(|| file.display().to_string())?;
    let path = devops_maturity_store::resolve_db_path(db)?;
    let created = !path.exists();
    let mut store = open_store(Some(&path))?;
    let result = store.import(&parsed);
    drop(store);
    match result {
        Ok(report) => {
            print_report(&report);
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            // A refused import into a database that did not exist leaves no empty file behind.
            if created {
                for suffix in ["", "-wal", "-shm"] {
                    let mut name = path.clone().into_os_string();
                    name.push(suffix);
                    let _ = std::fs::remove_file(name);
                }
            }
            Err(anyhow::Error::new(e).context(file.display().to_string()))
        }
    }
}

pub(crate) fn backup(db: Option<&Path>, out_file: &Path) -> anyhow::Result<ExitCode> {
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
