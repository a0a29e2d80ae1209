//! Workshop commands: a facilitated day of several teams, each team's hand-round of answers,
//! and the silent vote → reveal → consensus discussion. Each command takes the state, calls the
//! store or a view of `devops_maturity_views` (`workshop`, `discussion`), and maps the error.
//!
//! A vote is never sent to the UI before the facilitator asks for the reveal: the rule and its
//! test live in `devops_maturity_views::discussion`.

use chrono::Utc;
use devops_maturity_store::consensus::Consensus;
use devops_maturity_store::workshops::{Workshop, WorkshopSummary};
use devops_maturity_views as views;
use devops_maturity_views::discussion::{discussion, Discussion, Show};
use devops_maturity_views::workshop::{self, Details, Joining, WorkshopPage};
use tauri::State;

use crate::error::CommandResult;
use crate::state::{content, with_store};
use crate::training::stored_edits;
use crate::Shared;

// ---- Workshops ------------------------------------------------------------------------------

#[tauri::command]
pub async fn workshops_list(state: State<'_, Shared>) -> CommandResult<Vec<WorkshopSummary>> {
    with_store(&state, move |store| Ok(store.workshops()?)).await
}

/// Creates a workshop; its agenda is a copy of the app's agenda as edited today.
#[tauri::command]
pub async fn workshop_create(
    state: State<'_, Shared>,
    name: String,
    held_on: String,
    facilitator: Option<String>,
    organisation: Option<String>,
) -> CommandResult<Workshop> {
    let content = content(&state)?;
    let details = Details::new(name, held_on, facilitator, organisation);
    with_store(&state, move |store| {
        let edits = stored_edits(store)?;
        let workshop = workshop::create(store, content, &details, &edits, Utc::now())?;
        Ok(workshop)
    })
    .await
}

/// Changes a workshop's details; with `take_agenda`, it also copies the app's current agenda.
#[tauri::command]
pub async fn workshop_update(
    state: State<'_, Shared>,
    id: i64,
    name: String,
    held_on: String,
    facilitator: Option<String>,
    organisation: Option<String>,
    take_agenda: bool,
) -> CommandResult<Workshop> {
    let content = content(&state)?;
    let details = Details::new(name, held_on, facilitator, organisation);
    with_store(&state, move |store| {
        let edits = take_agenda.then(|| stored_edits(store)).transpose()?;
        let updated = workshop::update(store, content, id, &details, edits.as_ref())?;
        Ok(updated)
    })
    .await
}

/// A workshop with its teams, each team's respondents and progress, and the day's agenda.
#[tauri::command]
pub async fn workshop_get(state: State<'_, Shared>, id: i64) -> CommandResult<WorkshopPage> {
    let content = content(&state)?;
    with_store(&state, move |store| {
        Ok(views::workshop::page(store, content, id)?)
    })
    .await
}

/// Adds a team to the workshop — an existing one (`team_id`) or one created on the spot
/// (`team_name`) — and starts its session with `respondents` in answering order (blank names
/// become "Respondent N").
#[tauri::command]
pub async fn workshop_team_add(
    state: State<'_, Shared>,
    workshop_id: i64,
    team_id: Option<i64>,
    team_name: Option<String>,
    respondents: Vec<String>,
) -> CommandResult<WorkshopPage> {
    let content = content(&state)?;
    with_store(&state, move |store| {
        let joining = Joining::from_form(team_id, team_name.as_deref())?;
        let who = (joining, respondents.as_slice());
        let page = workshop::add_team(store, content, workshop_id, who, Utc::now())?;
        Ok(page)
    })
    .await
}

/// The discussion page of one team (see `devops_maturity_views::discussion`): `question` is
/// the one on the projector; its votes are sent only with `reveal`, their names only with
/// `names` as well.
#[tauri::command]
pub async fn workshop_discussion(
    state: State<'_, Shared>,
    assessment_id: i64,
    question: Option<String>,
    reveal: bool,
    names: bool,
) -> CommandResult<Discussion> {
    let show = Show::from_switches(reveal, names);
    with_store(&state, move |store| {
        Ok(discussion(store, assessment_id, question.as_deref(), show)?)
    })
    .await
}

/// Records the level the group agreed for a question, with its rationale.
#[tauri::command]
pub async fn consensus_set(
    state: State<'_, Shared>,
    assessment_id: i64,
    question_id: String,
    level: u8,
    rationale: String,
) -> CommandResult<Consensus> {
    with_store(&state, move |store| {
        Ok(store.set_consensus(assessment_id, &question_id, level, &rationale, Utc::now())?)
    })
    .await
}

/// Withdraws an agreed level: the question's votes score again.
#[tauri::command]
pub async fn consensus_clear(
    state: State<'_, Shared>,
    assessment_id: i64,
    question_id: String,
) -> CommandResult<()> {
    with_store(&state, move |store| {
        Ok(store.clear_consensus(assessment_id, &question_id)?)
    })
    .await
}
