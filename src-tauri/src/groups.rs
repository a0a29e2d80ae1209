//! Groups of teams (business units, value streams …): list, create, rename, delete, the word
//! for them, moving a team, and adding teams in bulk from a CSV file. Each command calls one
//! function of the store's `groups` or `team_csv` module.

use std::path::PathBuf;

use chrono::Utc;
use devops_maturity_store::files::read_bounded;
use devops_maturity_store::groups::GroupList;
use devops_maturity_store::team_csv::{TeamCsvError, MAX_CSV_BYTES};
use devops_maturity_store::{Group, Store, Team};
use devops_maturity_views::data::TeamsImported;
use tauri::{AppHandle, State};

use crate::dialog::ask_open;
use crate::error::{CommandError, CommandResult};
use crate::state::with_store;
use crate::Shared;

#[tauri::command]
pub async fn groups_list(state: State<'_, Shared>) -> CommandResult<GroupList> {
    with_store(&state, |store| Ok(store.group_list()?)).await
}

#[tauri::command]
pub async fn group_create(state: State<'_, Shared>, name: String) -> CommandResult<Group> {
    with_store(&state, move |store| {
        Ok(store.create_group(&name, Utc::now())?)
    })
    .await
}

#[tauri::command]
pub async fn group_rename(state: State<'_, Shared>, id: i64, name: String) -> CommandResult<Group> {
    with_store(&state, move |store| {
        Ok(store.rename_group(id, &name, Utc::now())?)
    })
    .await
}

/// Deletes a group; its teams stay, without a group. Returns how many teams it had.
#[tauri::command]
pub async fn group_delete(state: State<'_, Shared>, id: i64) -> CommandResult<u32> {
    with_store(&state, move |store| Ok(store.delete_group(id, Utc::now())?)).await
}

#[tauri::command]
pub async fn group_word_set(state: State<'_, Shared>, word: String) -> CommandResult<String> {
    with_store(&state, move |store| Ok(store.set_group_word(&word)?)).await
}

#[tauri::command]
pub async fn team_move(
    state: State<'_, Shared>,
    team_id: i64,
    group_id: Option<i64>,
) -> CommandResult<Team> {
    with_store(&state, move |store| {
        Ok(store.move_team(team_id, group_id, Utc::now())?)
    })
    .await
}

/// Adds the teams (and groups) of a CSV file the user picks, as `team import` does: all of it
/// or nothing, bad rows listed by line. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn teams_import_csv(
    app: AppHandle,
    state: State<'_, Shared>,
) -> CommandResult<Option<TeamsImported>> {
    let Some(path) = ask_open(&app, "Add teams from a CSV file", ("CSV", &["csv", "txt"]))? else {
        return Ok(None);
    };
    with_store(&state, move |store| teams_from_csv(store, path).map(Some)).await
}

fn teams_from_csv(store: &mut Store, path: PathBuf) -> CommandResult<TeamsImported> {
    let bytes = read_bounded(&path, MAX_CSV_BYTES as u64)
        .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let report = store
        .import_teams_csv(&bytes, Utc::now())
        .map_err(csv_error)?;
    Ok(TeamsImported::new(&path, report))
}

fn csv_error(e: TeamCsvError) -> CommandError {
    match e {
        TeamCsvError::Store(e) => e.into(),
        TeamCsvError::Invalid(_) => CommandError::new("invalid", e.to_string()),
    }
}
