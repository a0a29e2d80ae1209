//! Teams: list, create, rename. Each command calls one `devops_maturity_store::teams` function
//! (groups and moving a team between them are in `groups.rs`).

use chrono::Utc;
use devops_maturity_store::Team;
use tauri::State;

use crate::error::CommandResult;
use crate::state::with_store;
use crate::Shared;

#[tauri::command]
pub async fn teams_list(state: State<'_, Shared>) -> CommandResult<Vec<Team>> {
    with_store(&state, |store| Ok(store.teams()?)).await
}

#[tauri::command]
pub async fn team_create(state: State<'_, Shared>, name: String) -> CommandResult<Team> {
    with_store(&state, move |store| {
        Ok(store.create_team(&name, Utc::now())?)
    })
    .await
}

#[tauri::command]
pub async fn team_rename(state: State<'_, Shared>, id: i64, name: String) -> CommandResult<Team> {
    with_store(&state, move |store| {
        Ok(store.rename_team(id, &name, Utc::now())?)
    })
    .await
}
