//! Workshop commands: a facilitated day of several teams, each team's hand-round of answers,
//! and the silent vote → reveal → consensus discussion. Each command takes the state, calls the
//! store and the core (`devops_maturity_core::consensus`, `scoring`), and maps the error.
//!
//! A vote is never sent to the UI before the facilitator asks for the reveal: until then a
//! question's page learns only who has voted, not what.

use chrono::Utc;
use devops_maturity_content::{AgendaEdits, Content, DayPlan};
use devops_maturity_core::consensus::{self, discussion_order, is_hot_spot, Reveal};
use devops_maturity_core::scoring::{Choices, Scorer};
use devops_maturity_core::{Level, Question, Questionnaire};
use devops_maturity_store::assessments::{AssessmentRow, RespondentRow};
use devops_maturity_store::consensus::Consensus;
use devops_maturity_store::workshops::{NewWorkshop, Workshop, WorkshopDetail, WorkshopSummary};
use devops_maturity_store::{Store, Team};
use serde::Serialize;
use tauri::State;

use crate::commands::{content, with_store};
use crate::error::{CommandError, CommandResult};
use crate::training::stored_edits;
use crate::AppState;

// ---- Workshops ------------------------------------------------------------------------------

#[tauri::command]
pub fn workshops_list(state: State<'_, AppState>) -> CommandResult<Vec<WorkshopSummary>> {
    with_store(&state, |store| Ok(store.workshops()?))
}

/// The app's current agenda edits as JSON, when they differ from the authored day and still fit
/// the course: what a new workshop takes as its day.
fn current_agenda(content: &Content, store: &Store) -> CommandResult<Option<String>> {
    let edits = stored_edits(store)?;
    if edits == AgendaEdits::default() || content.agenda.plan(&edits).is_err() {
        return Ok(None);
    }
    serde_json::to_string(&edits)
        .map(Some)
        .map_err(|e| CommandError::new("internal", e.to_string()))
}

/// Creates a workshop; its agenda is a copy of the app's agenda as edited today.
#[tauri::command]
pub fn workshop_create(
    state: State<'_, AppState>,
    name: String,
    held_on: String,
    facilitator: Option<String>,
    organisation: Option<String>,
) -> CommandResult<Workshop> {
    let content = content(&state)?;
    with_store(&state, |store| {
        let agenda = current_agenda(content, store)?;
        Ok(store.create_workshop(
            &NewWorkshop {
                name: &name,
                held_on: &held_on,
                facilitator: facilitator.as_deref(),
                organisation: organisation.as_deref(),
                agenda_edits: agenda.as_deref(),
            },
            Utc::now(),
        )?)
    })
}

/// Changes a workshop's details; with `take_agenda`, it also copies the app's current agenda.
#[tauri::command]
pub fn workshop_update(
    state: State<'_, AppState>,
    id: i64,
    name: String,
    held_on: String,
    facilitator: Option<String>,
    organisation: Option<String>,
    take_agenda: bool,
) -> CommandResult<Workshop> {
    let content = content(&state)?;
    with_store(&state, |store| {
        let agenda = if take_agenda {
            current_agenda(content, store)?
        } else {
            store.workshop(id)?.workshop.agenda_edits
        };
        Ok(store.update_workshop(
            id,
            &NewWorkshop {
                name: &name,
                held_on: &held_on,
                facilitator: facilitator.as_deref(),
                organisation: organisation.as_deref(),
                agenda_edits: agenda.as_deref(),
            },
        )?)
    })
}

#[derive(Serialize)]
pub struct WorkshopView {
    #[serde(flatten)]
    detail: WorkshopDetail,
    /// The day as planned for this workshop (the authored agenda when its edits no longer fit).
    agenda: Option<DayPlan>,
    /// How many questions each respondent is asked.
    questions: usize,
}

fn workshop_view(content: &Content, store: &Store, id: i64) -> CommandResult<WorkshopView> {
    let detail = store.workshop(id)?;
    let edits: AgendaEdits = detail
        .workshop
        .agenda_edits
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default();
    let agenda = content
        .agenda
        .plan(&edits)
        .or_else(|_| content.agenda.plan(&AgendaEdits::default()))
        .ok();
    Ok(WorkshopView {
        detail,
        agenda,
        questions: content.assessment.questionnaire.questions.len(),
    })
}

/// A workshop with its teams, each team's respondents and progress, and the day's agenda.
#[tauri::command]
pub fn workshop_get(state: State<'_, AppState>, id: i64) -> CommandResult<WorkshopView> {
    let content = content(&state)?;
    with_store(&state, |store| workshop_view(content, store, id))
}

/// Adds a team to the workshop — an existing one (`team_id`) or one created on the spot
/// (`team_name`) — and starts its session with `respondents` in answering order (blank names
/// become "Respondent N").
#[tauri::command]
pub fn workshop_team_add(
    state: State<'_, AppState>,
    workshop_id: i64,
    team_id: Option<i64>,
    team_name: Option<String>,
    respondents: Vec<String>,
) -> CommandResult<WorkshopView> {
    let content = content(&state)?;
    let questionnaire = &content.assessment.questionnaire;
    with_store(&state, |store| {
        let now = Utc::now();
        match (team_id, team_name.as_deref().map(str::trim)) {
            (Some(team), _) => {
                store.add_workshop_team(workshop_id, team, questionnaire, &respondents, now)?
            }
            (None, Some(name)) if !name.is_empty() => {
                store.add_new_workshop_team(workshop_id, name, questionnaire, &respondents, now)?
            }
            _ => {
                return Err(CommandError::new(
                    "invalid",
                    "choose a team or type the name of a new one",
                ))
            }
        };
        workshop_view(content, store, workshop_id)
    })
}

// ---- Discussion: silent vote, reveal, consensus -------------------------------------------

#[derive(Serialize)]
struct WorkshopRef {
    id: i64,
    name: String,
}

#[derive(Serialize)]
struct DiscussionQuestion<'q> {
    id: &'q str,
    /// 1-based place in the questionnaire.
    number: usize,
    dimension_id: &'q str,
    dimension: &'q str,
    text: &'q str,
    /// Levels given (1–5); "don't know" and "not applicable" are counted in `answered`.
    levels_given: u32,
    answered: u32,
    spread: u8,
    hot: bool,
    consensus: Option<Consensus>,
}

#[derive(Serialize)]
struct DimensionLine<'q> {
    id: &'q str,
    name: &'q str,
    /// With the agreed levels (what the results show).
    score: Option<f64>,
    /// From the votes alone, for comparison.
    votes_score: Option<f64>,
    agreed: usize,
}

#[derive(Serialize)]
struct Voter<'a> {
    id: i64,
    name: &'a str,
    position: u32,
    finished: bool,
    /// Has answered the selected question (what, stays hidden until the reveal).
    voted: bool,
}

#[derive(Serialize)]
struct SelectedQuestion<'q> {
    question: &'q Question,
    number: usize,
    dimension: &'q str,
    levels: &'q [Level],
    voters: Vec<Voter<'q>>,
    /// `None` until the facilitator reveals the votes.
    reveal: Option<Reveal<'q>>,
    consensus: Option<Consensus>,
    /// Neighbours in the discussion order.
    previous: Option<&'q str>,
    next: Option<&'q str>,
}

#[derive(Serialize)]
struct Discussion<'q> {
    workshop: Option<WorkshopRef>,
    team: Team,
    assessment: AssessmentRow,
    respondents: Vec<RespondentRow>,
    /// Widest spread first, then questionnaire order.
    questions: Vec<DiscussionQuestion<'q>>,
    hot_spots: usize,
    dimensions: Vec<DimensionLine<'q>>,
    overall: Option<f64>,
    votes_overall: Option<f64>,
    max_rationale: usize,
    selected: Option<SelectedQuestion<'q>>,
}

/// The discussion page of one team: its questions in discussion order with spreads and agreed
/// levels, dimension scores with and without the agreed levels, and — for `question` — who has
/// voted, the votes when `reveal` is set (with names only when `names` is set), and the
/// agreed level.
#[tauri::command]
pub fn workshop_discussion(
    state: State<'_, AppState>,
    assessment_id: i64,
    question: Option<String>,
    reveal: bool,
    names: bool,
) -> CommandResult<serde_json::Value> {
    with_store(&state, |store| {
        let data = store.assessment_data(assessment_id)?;
        let q: Questionnaire = store.questionnaire_snapshot(
            &data.assessment.questionnaire_id,
            &data.assessment.questionnaire_version,
        )?;
        let team = store.team(data.assessment.team_id)?;
        let workshop = store
            .workshop_of_assessment(assessment_id)?
            .map(|(id, name)| WorkshopRef { id, name });
        let agreed: Vec<Consensus> = store.consensus_of(assessment_id)?;
        let scorer = Scorer::new(&q);
        let score = scorer.score(&data.answers, &data.choices);
        let votes_only = Choices {
            agreed: Default::default(),
            ..data.choices.clone()
        };
        let votes = scorer.summary(&data.answers, &votes_only);
        let number_of = |id: &str| {
            q.questions
                .iter()
                .position(|x| x.id == id)
                .map_or(0, |i| i + 1)
        };
        let dimension_name = |id: &str| q.dimension(id).map_or("", |d| d.name.as_str());
        let consensus_of = |id: &str| agreed.iter().find(|c| c.question_id == id).cloned();

        let order = discussion_order(&score.questions);
        let questions: Vec<DiscussionQuestion<'_>> = order
            .iter()
            .map(|stat| DiscussionQuestion {
                id: stat.question_id,
                number: number_of(stat.question_id),
                dimension_id: stat.dimension_id,
                dimension: dimension_name(stat.dimension_id),
                text: q.question(stat.question_id).map_or("", |x| x.text.as_str()),
                levels_given: stat.distribution.iter().sum(),
                answered: data.answers.len() as u32 - stat.unanswered,
                spread: stat.spread,
                hot: is_hot_spot(stat),
                consensus: consensus_of(stat.question_id),
            })
            .collect();
        let dimensions = score
            .dimensions
            .iter()
            .zip(&votes.dimensions)
            .map(|(d, &votes_score)| DimensionLine {
                id: d.dimension_id,
                name: d.name,
                score: d.score,
                votes_score,
                agreed: score
                    .questions
                    .iter()
                    .filter(|x| x.dimension_id == d.dimension_id && x.agreed.is_some())
                    .count(),
            })
            .collect();

        let selected = match question.as_deref() {
            None => None,
            Some(id) => {
                let question = q.question(id).ok_or_else(|| {
                    CommandError::new(
                        "not-found",
                        format!("question `{id}` is not in this assessment"),
                    )
                })?;
                let at = order.iter().position(|s| s.question_id == id);
                Some(SelectedQuestion {
                    question,
                    number: number_of(id),
                    dimension: dimension_name(&question.dimension),
                    levels: &q.levels,
                    voters: data
                        .respondents
                        .iter()
                        .zip(&data.answers)
                        .map(|(row, r)| Voter {
                            id: row.id,
                            name: &r.name,
                            position: row.position,
                            finished: row.finished,
                            voted: r.answers.contains_key(id),
                        })
                        .collect(),
                    reveal: reveal.then(|| consensus::reveal(question, &data.answers, names)),
                    consensus: consensus_of(id),
                    previous: at
                        .and_then(|i| i.checked_sub(1))
                        .map(|i| order[i].question_id),
                    next: at.and_then(|i| order.get(i + 1)).map(|s| s.question_id),
                })
            }
        };

        let discussion = Discussion {
            workshop,
            team,
            respondents: data.respondents.clone(),
            hot_spots: questions.iter().filter(|x| x.hot).count(),
            questions,
            dimensions,
            overall: score.overall,
            votes_overall: votes.overall,
            max_rationale: consensus::MAX_RATIONALE,
            selected,
            assessment: data.assessment.clone(),
        };
        serde_json::to_value(discussion).map_err(|e| CommandError::new("internal", e.to_string()))
    })
}

/// Records the level the group agreed for a question, with its rationale.
#[tauri::command]
pub fn consensus_set(
    state: State<'_, AppState>,
    assessment_id: i64,
    question_id: String,
    level: u8,
    rationale: String,
) -> CommandResult<Consensus> {
    with_store(&state, |store| {
        Ok(store.set_consensus(assessment_id, &question_id, level, &rationale, Utc::now())?)
    })
}

/// Withdraws an agreed level: the question's votes score again.
#[tauri::command]
pub fn consensus_clear(
    state: State<'_, AppState>,
    assessment_id: i64,
    question_id: String,
) -> CommandResult<()> {
    with_store(&state, |store| {
        Ok(store.clear_consensus(assessment_id, &question_id)?)
    })
}
