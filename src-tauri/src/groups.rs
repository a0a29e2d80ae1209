//! Groups of teams (business units, value streams …): list, create, rename, delete, the word
//! for them, and moving a team. Each command calls one `devops_maturity_store::groups` function.

use chrono::Utc;
use devops_maturity_store::groups::GroupList;
use devops_maturity_store::{Group, Team};
use tauri::State;

use crate::error::CommandResult;
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
