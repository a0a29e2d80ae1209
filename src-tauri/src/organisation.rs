//! The Organisation page: every team's latest assessment rolled up
//! (`devops_maturity_views::organisation`, rules in `core::rollup`), for all teams or some groups.

use chrono::Utc;
use devops_maturity_report::assemble::{covered_since, COVERAGE_MONTHS};
use devops_maturity_views::organisation::{organisation, Organisation, Scope};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{content, with_store};
use crate::Shared;

/// The roll-up of the teams of `groups` (group ids), or of every team when it is empty.
#[tauri::command]
pub async fn organisation_overview(
    state: State<'_, Shared>,
    groups: Vec<i64>,
) -> CommandResult<Organisation> {
    let dora = &content(&state)?.assessment.dora;
    let (scope, since) = (Scope { groups }, covered_since(Utc::now()));
    with_store(&state, move |store| {
        let view = organisation(store, dora, &scope, since, COVERAGE_MONTHS)?;
        Ok(view)
    })
    .await
}
