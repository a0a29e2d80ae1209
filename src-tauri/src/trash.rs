//! Delete, with a way back: what a delete would take (the confirmation's sentence), the delete
//! itself (after the automatic backup when it is bulk), the trash and its undo. The rules are
//! `devops_maturity_store::trash`'s; each command calls one of its functions (the delete first
//! refuses while a live session runs on a workshop it takes from).

use chrono::Utc;
use devops_maturity_store::trash::{self, Deleted, Preview, Target, TrashEntry};
use devops_maturity_store::Store;
use tauri::State;

use crate::error::CommandResult;
use crate::live::LiveSession;
use crate::state::with_store;
use crate::Shared;

/// Purges trash entries older than `trash::KEEP_DAYS` at start-up. Never fails: a problem is
/// printed and the app starts all the same (the next delete purges again).
pub fn purge_at_start(store: &mut Result<Store, String>) {
    if let Some(store) = store.as_mut().ok().filter(|s| !s.is_read_only()) {
        if let Err(e) = store.purge_trash(Utc::now()) {
            eprintln!("DevOps Maturity Studio: the trash could not be purged: {e}");
        }
    }
}

/// What deleting `target` would take, for the confirmation.
#[tauri::command]
pub async fn delete_preview(state: State<'_, Shared>, target: Target) -> CommandResult<Preview> {
    with_store(&state, move |store| Ok(store.delete_preview(target)?)).await
}

/// Deletes `target` once the person confirmed; `completed` is their explicit choice to delete
/// completed assessments too. The automatic backup comes first when the delete is bulk (the
/// store stays locked meanwhile: the delete has to wait for it anyway).
/// Refused, changing nothing, while the live session of a workshop it takes from is running:
/// the phones would be answering into rows that are gone.
#[tauri::command]
pub async fn delete_confirmed(
    state: State<'_, Shared>,
    live: State<'_, LiveSession>,
    target: Target,
    completed: bool,
) -> CommandResult<Deleted> {
    let (running, now) = (live.running_workshop(), Utc::now());
    with_store(&state, move |store| {
        let deleted = trash::delete_unless_live(store, target, completed, running, now)?;
        Ok(deleted)
    })
    .await
}

/// What can be brought back, the latest delete first.
#[tauri::command]
pub async fn trash_list(state: State<'_, Shared>) -> CommandResult<Vec<TrashEntry>> {
    with_store(&state, move |store| Ok(store.trash()?)).await
}

/// Puts back what trash entry `id` removed.
#[tauri::command]
pub async fn trash_restore(state: State<'_, Shared>, id: i64) -> CommandResult<TrashEntry> {
    with_store(&state, move |store| Ok(store.undo_delete(id)?)).await
}
