//! A workshop's page: its teams with their respondents and progress, and the day's agenda.

use devops_maturity_content::{AgendaEdits, Content, DayPlan};
use devops_maturity_store::workshops::{Workshop, WorkshopDetail};
use devops_maturity_store::{Store, StoreError};
use serde::Serialize;

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

#[derive(Debug, Clone, Serialize)]
pub struct WorkshopPage {
    #[serde(flatten)]
    pub detail: WorkshopDetail,
    /// The day as planned for this workshop (the authored agenda when its edits no longer fit).
    pub agenda: Option<DayPlan>,
    /// How many questions each respondent is asked.
    pub questions: usize,
}

/// A workshop with its teams, each team's respondents and progress, and the day's agenda.
pub fn page(
    store: &Store,
    content: &Content,
    workshop_id: i64,
) -> Result<WorkshopPage, StoreError> {
    let detail = store.workshop(workshop_id)?;
    Ok(WorkshopPage {
        agenda: day(content, &detail.workshop),
        detail,
        questions: content.assessment.questionnaire.questions.len(),
    })
}
