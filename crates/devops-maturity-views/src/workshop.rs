//! A workshop's page: its teams with their respondents and progress, and the day's agenda.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use devops_maturity_content::{AgendaEdits, Content, DayPlan};
use devops_maturity_store::workshops::{NewWorkshop, Workshop, WorkshopDetail};
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

use crate::{Snapshots, ViewError};

/// The workshop's day: its stored agenda edits applied to the course agenda, or the authored
/// day when the edits no longer fit it (the course changed since).
pub fn day(content: &Content, workshop: &Workshop) -> Option<DayPlan> {
    let edits: AgendaEdits = workshop
        .agenda_edits
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    content
        .agenda
        .plan(&edits)
        .or_else(|_| content.agenda.plan(&AgendaEdits::default()))
        .ok()
}

/// The facilitator's current edits to the course day (the Agenda page's), the authored day's
/// when none are stored or they cannot be read.
pub fn stored_edits(store: &Store) -> Result<AgendaEdits, StoreError> {
    Ok(
        match store.setting(devops_maturity_store::settings::AGENDA_EDITS)? {
            Some(json) if !json.is_empty() => serde_json::from_str(&json).unwrap_or_default(),
            _ => AgendaEdits::default(),
        },
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct WorkshopPage {
    #[serde(flatten)]
    pub detail: WorkshopDetail,
    /// The day as planned for this workshop (the authored agenda when its edits no longer fit).
    pub agenda: Option<DayPlan>,
    /// How many questions each team's respondents are asked, by assessment id: the count of the
    /// questionnaire version that team answers (a workshop begun before a new version shipped
    /// keeps its teams on the old one).
    pub questions: BTreeMap<i64, usize>,
}

/// A workshop with its teams, each team's respondents and progress, and the day's agenda.
pub fn page(
    store: &Store,
    content: &Content,
    workshop_id: i64,
) -> Result<WorkshopPage, StoreError> {
    let detail = store.workshop(workshop_id)?;
    let mut snapshots = Snapshots::default();
    let mut questions = BTreeMap::new();
    for team in &detail.teams {
        let key = snapshots.load(store, &store.assessment(team.assessment_id)?)?;
        questions.insert(team.assessment_id, snapshots[&key].questions.len());
    }
    Ok(WorkshopPage {
        agenda: day(content, &detail.workshop),
        detail,
        questions,
    })
}

/// A workshop's details as the form sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Details {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub facilitator: Option<String>,
    pub organisation: Option<String>,
}

impl Details {
    pub fn new(
        name: String,
        held_on: String,
        facilitator: Option<String>,
        organisation: Option<String>,
    ) -> Details {
        Details {
            name,
            held_on,
            facilitator,
            organisation,
        }
    }

    fn with_agenda<'a>(&'a self, agenda_edits: Option<&'a str>) -> NewWorkshop<'a> {
        NewWorkshop {
            name: &self.name,
            held_on: &self.held_on,
            facilitator: self.facilitator.as_deref(),
            organisation: self.organisation.as_deref(),
            agenda_edits,
        }
    }
}

/// The app's agenda edits as a workshop keeps them (JSON), when they differ from the authored
/// day and still fit the course; `None`: the workshop follows the authored day.
pub fn agenda_json(content: &Content, edits: &AgendaEdits) -> Option<String> {
    if *edits == AgendaEdits::default() || content.agenda.plan(edits).is_err() {
        return None;
    }
    serde_json::to_string(edits).ok()
}

/// Creates a workshop whose day is a copy of the app's agenda as edited today (`edits`).
pub fn create(
    store: &mut Store,
    content: &Content,
    details: &Details,
    edits: &AgendaEdits,
    now: DateTime<Utc>,
) -> Result<Workshop, ViewError> {
    let agenda = agenda_json(content, edits);
    Ok(store.create_workshop(&details.with_agenda(agenda.as_deref()), now)?)
}

/// Changes a workshop's details; with `take_agenda`, its day becomes a copy of the app's
/// agenda as edited today, else it keeps its own.
pub fn update(
    store: &mut Store,
    content: &Content,
    id: i64,
    details: &Details,
    take_agenda: Option<&AgendaEdits>,
) -> Result<Workshop, ViewError> {
    let agenda = match take_agenda {
        Some(edits) => agenda_json(content, edits),
        None => store.workshop(id)?.workshop.agenda_edits,
    };
    Ok(store.update_workshop(id, &details.with_agenda(agenda.as_deref()))?)
}

/// Which team joins a workshop: one that exists (`id`), or a new one by name.
#[derive(Debug, Clone, Copy)]
pub enum Joining<'a> {
    Team(i64),
    New(&'a str),
}

impl<'a> Joining<'a> {
    /// The form's two fields: a chosen team wins; else a typed name (trimmed, not blank).
    pub fn from_form(team_id: Option<i64>, team_name: Option<&'a str>) -> Result<Self, ViewError> {
        match (team_id, team_name.map(str::trim)) {
            (Some(team), _) => Ok(Joining::Team(team)),
            (None, Some(name)) if !name.is_empty() => Ok(Joining::New(name)),
            _ => Err(ViewError::Invalid(
                "choose a team or type the name of a new one".into(),
            )),
        }
    }
}

/// Adds a team to a workshop with its respondents (an assessment of today's questionnaire
/// each), then the workshop's page.
pub fn add_team(
    store: &mut Store,
    content: &Content,
    workshop_id: i64,
    (joining, respondents): (Joining<'_>, &[String]),
    now: DateTime<Utc>,
) -> Result<WorkshopPage, ViewError> {
    let q = &content.assessment.questionnaire;
    match joining {
        Joining::Team(team) => store.add_workshop_team(workshop_id, team, q, respondents, now)?,
        Joining::New(name) => {
            store.add_new_workshop_team(workshop_id, name, q, respondents, now)?
        }
    };
    Ok(page(store, content, workshop_id)?)
}
