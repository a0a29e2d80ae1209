//! Deleting from the command line — `team delete`, `workshop delete`, `assessment delete`,
//! `demo remove` — and the way back: `trash list`, `trash restore`. The rules (what goes with
//! what, completed assessments only with `--completed`, the backup before a bulk delete, the
//! undo) are `devops_maturity_store::trash`'s; this module finds the target, calls it and
//! prints what went.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use chrono::Utc;
use clap::Subcommand;
use devops_maturity_store::trash::{delete_with_backup, Target};
use devops_maturity_store::Store;

use crate::open_store;

#[derive(Subcommand)]
pub(crate) enum WorkshopCommand {
    /// List the workshops with their ids, the latest day first
    List,
    /// Delete a workshop with its teams' places and their assessments (undo: `trash restore`)
    Delete {
        /// The workshop's id (see `workshop list`)
        id: i64,
        /// Also delete the completed assessments it holds (they are frozen otherwise)
        #[arg(long)]
        completed: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum TrashCommand {
    /// List what was deleted and can still be restored
    List,
    /// Put back what a delete removed (the number from `trash list`)
    Restore { id: i64 },
}

/// Deletes `target` and prints what went and how to bring it back. A delete that would take
/// a completed assessment without `completed` is refused with a hint, changing nothing.
pub(crate) fn delete(
    store: &mut Store,
    target: Target,
    completed: bool,
) -> anyhow::Result<ExitCode> {
    let preview = store.delete_preview(target)?;
    if preview.counts.completed > 0 && !completed {
        let n = preview.counts.completed;
        bail!(
            "{} takes {n} completed assessment{} with it, and completed assessments stay frozen unless you say so; nothing was deleted — add --completed to delete {} too",
            preview.label,
            if n == 1 { "" } else { "s" },
            if n == 1 { "it" } else { "them" },
        );
    }
    let deleted = delete_with_backup(store, target, completed, Utc::now())?;
    if let Some(backup) = &deleted.backup {
        out!("backup: {}", backup.display());
    }
    out!("deleted {}", deleted.preview.sentence);
    out!(
        "undo with: devops-maturity trash restore {} (kept {} days)",
        deleted.trash_id,
        devops_maturity_store::trash::KEEP_DAYS
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn workshop(db: Option<&Path>, command: WorkshopCommand) -> anyhow::Result<ExitCode> {
    match command {
        WorkshopCommand::List => {
            for w in open_store(db)?.workshops()? {
                out!(
                    "{}\t{}\t{}\t{} teams",
                    w.workshop.id,
                    w.workshop.held_on,
                    w.workshop.name,
                    w.teams
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        WorkshopCommand::Delete { id, completed } => {
            delete(&mut open_store(db)?, Target::Workshop { id }, completed)
        }
    }
}

pub(crate) fn trash(db: Option<&Path>, command: TrashCommand) -> anyhow::Result<ExitCode> {
    let mut store = open_store(db)?;
    match command {
        TrashCommand::List => {
            store.purge_trash(Utc::now())?;
            for entry in store.trash()? {
                out!(
                    "{}\t{}\t{}\tkept until {}",
                    entry.id,
                    entry.deleted_at.date_naive(),
                    entry.preview.sentence,
                    entry.purge_after.date_naive()
                );
            }
        }
        TrashCommand::Restore { id } => {
            let entry = store.undo_delete(id)?;
            out!("restored {}", entry.preview.sentence);
        }
    }
    Ok(ExitCode::SUCCESS)
}
