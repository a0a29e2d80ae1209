//! How a command reaches the app's state: the course ([`content`]), the store on a thread off the
//! main one ([`with_store`], [`blocking`]) or on the calling thread ([`lock_store`]), with the
//! store's unnamed SQLite errors given the database's path.

use devops_maturity_content::Content;
use devops_maturity_store::{Store, StoreError};
use std::sync::Arc;

use crate::error::{CommandError, CommandResult};
use crate::{AppState, Shared};

pub(crate) fn content(state: &AppState) -> CommandResult<&'static Content> {
    (*state.content)
        .clone()
        .map_err(|e| CommandError::new("content", e))
}

/// Runs `f` on a thread for blocking work, with the app's state: never on the main thread, so
/// the window keeps answering while it runs (and never on the async runtime's few workers).
pub(crate) async fn blocking<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || f(&state))
        .await
        .map_err(|e| CommandError::new("internal", format!("the work stopped: {e}")))?
}

/// Runs `f` with the store, off the main thread (see [`blocking`]).
pub(crate) async fn with_store<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut Store) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    blocking(state, move |state| lock_store(state, f)).await
}

/// Runs `f` with the store on the calling thread, holding the store's lock meanwhile.
pub(crate) fn lock_store<T>(
    state: &AppState,
    f: impl FnOnce(&mut Store) -> CommandResult<T>,
) -> CommandResult<T> {
    let mut guard = state
        .store
        .lock()
        .map_err(|_| CommandError::new("internal", "the database lock was poisoned"))?;
    match guard.as_mut() {
        // SQLite's "busy", "read-only" and "disk full" name no file: name the database.
        Ok(store) => f(store).map_err(|e| {
            let unnamed = [
                StoreError::Busy,
                StoreError::ReadOnlyDatabase,
                StoreError::Full,
            ];
            match unnamed.into_iter().find(|u| e.message == u.to_string()) {
                Some(u) => u.at(store.path()).into(),
                None => e,
            }
        }),
        Err(message) => Err(CommandError::new("database", message.clone())),
    }
}
