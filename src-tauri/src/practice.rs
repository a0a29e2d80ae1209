//! Practice-round and projector commands of a workshop: the groups' EJ Airways answers, their
//! comparison with the facilitator's key, the dashboard (teams × dimensions heatmap, class
//! hot-spots, comparisons, the activity on the clock) and saving the heatmap as a PNG (written
//! with the report crate's `write_atomically`, which [`write_atomically`] also lends `data.rs`).
//!
//! Each command takes the state, calls the store and `devops_maturity_core::compare`, and maps
//! the error; nothing is scored in the UI. The key's level and reason for a question leave Rust
//! only through [`practice_key`], which the comparison page calls when the facilitator presses
//! "Reveal reasoning".

use std::collections::BTreeMap;

use chrono::{Local, Timelike, Utc};
use devops_maturity_content::{AgendaEdits, BlockKind, Content, DayPlan};
use devops_maturity_core::compare::{
    self, class_hot_spots, heatmap, ClassHotSpot, GroupAnswer, GroupSummary, Heatmap, TeamChange,
    TeamScores,
};
use devops_maturity_core::scoring::{QuestionStat, Scorer, DISAGREEMENT_SPREAD};
use devops_maturity_core::{Answer, Level, Questionnaire};
use devops_maturity_store::assessments::AssessmentData;
use devops_maturity_store::practice::PreviousWorkshop;
use devops_maturity_store::workshops::{Workshop, WorkshopTeam};
use devops_maturity_store::Store;
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::commands::{content, with_store};
use crate::error::{CommandError, CommandResult};
use crate::AppState;

fn to_json<T: Serialize>(value: T) -> CommandResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| CommandError::new("internal", e.to_string()))
}

fn number_of(q: &Questionnaire, id: &str) -> usize {
    q.questions
        .iter()
        .position(|x| x.id == id)
        .map_or(0, |i| i + 1)
}

fn dimension_name<'q>(q: &'q Questionnaire, id: &str) -> &'q str {
    q.dimension(id).map_or("", |d| d.name.as_str())
}

// ---- Answering ------------------------------------------------------------------------------

#[derive(Serialize)]
struct PracticeGroupView {
    workshop_team_id: i64,
    team_name: String,
    /// Question id → `"1"` … `"5"` or `"dont-know"`.
    answers: BTreeMap<String, String>,
}

#[derive(Serialize)]
struct PracticeRound<'q> {
    workshop: Workshop,
    /// The questionnaire the key was written for (today's).
    questionnaire: &'q Questionnaire,
    groups: Vec<PracticeGroupView>,
}

/// A workshop's practice round: the questionnaire and each group's answers so far.
#[tauri::command]
pub fn practice_round(
    state: State<'_, AppState>,
    workshop_id: i64,
) -> CommandResult<serde_json::Value> {
    let questionnaire = &content(&state)?.assessment.questionnaire;
    with_store(&state, |store| {
        let workshop = store.workshop(workshop_id)?.workshop;
        let groups = store
            .practice_round(workshop_id)?
            .into_iter()
            .map(|g| PracticeGroupView {
                workshop_team_id: g.workshop_team_id,
                team_name: g.team_name,
                answers: g
                    .answers
                    .into_iter()
                    .filter_map(|(q, a)| Some((q, a.code()?)))
                    .collect(),
            })
            .collect();
        to_json(PracticeRound {
            workshop,
            questionnaire,
            groups,
        })
    })
}

/// Saves one group's answer to one practice question at once: `"1"` … `"5"` or `"dont-know"`.
#[tauri::command]
pub fn practice_answer_save(
    state: State<'_, AppState>,
    workshop_team_id: i64,
    question_id: String,
    answer: String,
) -> CommandResult<()> {
    let answer = Answer::from_code(&answer).ok_or_else(|| {
        CommandError::new(
            "invalid",
            format!("`{answer}` is not a practice answer: pick a level from 1 to 5 or don't know"),
        )
    })?;
    let questionnaire = &content(&state)?.assessment.questionnaire;
    with_store(&state, |store| {
        Ok(store.save_practice_answer(
            workshop_team_id,
            questionnaire,
            &question_id,
            answer,
            Utc::now(),
        )?)
    })
}

// ---- Comparison with the key ----------------------------------------------------------------

#[derive(Serialize)]
struct ComparedQuestion<'q> {
    id: &'q str,
    number: usize,
    dimension_id: &'q str,
    dimension: &'q str,
    text: &'q str,
    /// One per group, in group order. The key's level itself is not sent (see `practice_key`).
    groups: &'q [GroupAnswer],
    spread: u8,
    disagreement: bool,
    mean_distance: Option<f64>,
}

#[derive(Serialize)]
struct Comparison<'q> {
    workshop: Workshop,
    groups: &'q [GroupSummary<'q>],
    questions: Vec<ComparedQuestion<'q>>,
    /// Question ids where the groups disagree, in the order to discuss them.
    discussion: &'q [&'q str],
    disagreement_spread: u8,
}

/// Every group's answers against the key and against each other, question by question, with a
/// summary per group and per dimension.
#[tauri::command]
pub fn practice_comparison(
    state: State<'_, AppState>,
    workshop_id: i64,
) -> CommandResult<serde_json::Value> {
    let assessment = &content(&state)?.assessment;
    let q = &assessment.questionnaire;
    with_store(&state, |store| {
        let workshop = store.workshop(workshop_id)?.workshop;
        let groups: Vec<compare::Group> = store
            .practice_round(workshop_id)?
            .into_iter()
            .map(|g| compare::Group {
                name: g.team_name,
                answers: g.answers,
            })
            .collect();
        let result = compare::practice(q, &assessment.key, &groups);
        let questions = result
            .questions
            .iter()
            .map(|c| ComparedQuestion {
                id: c.question_id,
                number: number_of(q, c.question_id),
                dimension_id: c.dimension_id,
                dimension: dimension_name(q, c.dimension_id),
                text: q.question(c.question_id).map_or("", |x| x.text.as_str()),
                groups: &c.groups,
                spread: c.spread,
                disagreement: c.disagreement,
                mean_distance: c.mean_distance,
            })
            .collect();
        to_json(Comparison {
            workshop,
            groups: &result.groups,
            questions,
            discussion: &result.discussion,
            disagreement_spread: DISAGREEMENT_SPREAD,
        })
    })
}

#[derive(Serialize)]
pub struct KeyView {
    question_id: String,
    level: u8,
    level_name: String,
    reason: String,
}

/// The facilitator's key for one question: the expected level and why, from the case.
#[tauri::command]
pub fn practice_key(state: State<'_, AppState>, question_id: String) -> CommandResult<KeyView> {
    let assessment = &content(&state)?.assessment;
    let answer = assessment
        .key
        .iter()
        .find(|k| k.question == question_id)
        .ok_or_else(|| {
            CommandError::new(
                "not-found",
                format!("the EJ Airways key has no answer for `{question_id}`"),
            )
        })?;
    Ok(KeyView {
        question_id: answer.question.clone(),
        level: answer.level,
        level_name: assessment
            .questionnaire
            .level_name(answer.level)
            .to_string(),
        reason: answer.reason.clone(),
    })
}

// ---- The projector dashboard ----------------------------------------------------------------

#[derive(Serialize)]
struct HotSpotView<'q> {
    #[serde(flatten)]
    spot: ClassHotSpot<'q>,
    number: usize,
    text: &'q str,
    dimension: &'q str,
}

#[derive(Serialize)]
struct PreviousView<'q> {
    workshop_id: i64,
    name: String,
    held_on: String,
    change: TeamChange<'q>,
}

#[derive(Serialize)]
struct DashboardTeam<'q> {
    workshop_team_id: i64,
    team_id: i64,
    name: String,
    /// `in-progress` or `completed`.
    status: String,
    respondents: usize,
    finished: usize,
    /// The team's previous workshop and its change since; `None` for a first workshop.
    previous: Option<PreviousView<'q>>,
}

/// An activity block of the workshop's day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayActivity {
    pub chapter: String,
    pub title: String,
    pub minutes: u32,
    pub start: String,
    pub end: String,
}

/// Which activity the timer shows, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// It is running on the clock now.
    Now,
    /// It is the next one to start.
    Next,
    /// The day's activities are over: the last one.
    Last,
}

#[derive(Serialize)]
struct Dashboard<'q> {
    workshop: Workshop,
    levels: &'q [Level],
    heatmap: Heatmap<'q>,
    teams: Vec<DashboardTeam<'q>>,
    hot_spots: Vec<HotSpotView<'q>>,
    disagreement_spread: u8,
    activities: Vec<DayActivity>,
    /// Index into `activities` of the one on the clock, with why it was chosen.
    current_activity: Option<(usize, Timing)>,
}

/// The workshop's day: its agenda edits applied to the course agenda (the authored day when
/// they no longer fit).
fn workshop_day(content: &Content, workshop: &Workshop) -> Option<DayPlan> {
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

fn clock_minutes(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
}

/// The switched-on activity blocks of `day`, and the one to time at `clock` (minutes after
/// midnight): the one running, else the next to start, else the day's last.
pub fn activities_at(day: &DayPlan, clock: u32) -> (Vec<DayActivity>, Option<(usize, Timing)>) {
    let activities: Vec<DayActivity> = day
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Activity && b.enabled)
        .filter_map(|b| {
            Some(DayActivity {
                chapter: b.chapter.clone()?,
                title: b.title.clone(),
                minutes: b.minutes,
                start: b.start.clone()?,
                end: b.end.clone()?,
            })
        })
        .collect();
    let span = |a: &DayActivity| {
        (
            clock_minutes(&a.start).unwrap_or(0),
            clock_minutes(&a.end).unwrap_or(0),
        )
    };
    let current = activities
        .iter()
        .position(|a| {
            let (start, end) = span(a);
            start <= clock && clock < end
        })
        .map(|i| (i, Timing::Now))
        .or_else(|| {
            activities
                .iter()
                .position(|a| span(a).0 > clock)
                .map(|i| (i, Timing::Next))
        })
        .or_else(|| activities.len().checked_sub(1).map(|i| (i, Timing::Last)));
    (activities, current)
}

type Snapshots = BTreeMap<(String, String), Questionnaire>;

/// An assessment's stored data, with its questionnaire snapshot loaded into `snapshots`.
fn load(
    store: &Store,
    assessment_id: i64,
    snapshots: &mut Snapshots,
) -> CommandResult<(AssessmentData, (String, String))> {
    let data = store.assessment_data(assessment_id)?;
    let key = (
        data.assessment.questionnaire_id.clone(),
        data.assessment.questionnaire_version.clone(),
    );
    if !snapshots.contains_key(&key) {
        let q = store.questionnaire_snapshot(&key.0, &key.1)?;
        snapshots.insert(key.clone(), q);
    }
    Ok((data, key))
}

/// One team of the workshop, read from the store before anything is scored.
struct Loaded {
    team: WorkshopTeam,
    data: AssessmentData,
    snapshot: (String, String),
    previous: Option<(PreviousWorkshop, AssessmentData, (String, String))>,
}

/// Everything the projector shows for a workshop: the heatmap (with each team's distance from
/// the workshop median), the class's hot-spots, each team's change since its previous
/// workshop, and the activity on the clock.
#[tauri::command]
pub fn workshop_dashboard(
    state: State<'_, AppState>,
    workshop_id: i64,
) -> CommandResult<serde_json::Value> {
    let content = content(&state)?;
    let q = &content.assessment.questionnaire;
    let now = Local::now();
    let clock = now.hour() * 60 + now.minute();
    with_store(&state, |store| {
        let detail = store.workshop(workshop_id)?;
        let mut snapshots = Snapshots::new();
        let mut loaded = Vec::with_capacity(detail.teams.len());
        for team in &detail.teams {
            let (data, snapshot) = load(store, team.assessment_id, &mut snapshots)?;
            let previous = match store.previous_workshop(workshop_id, team.team_id)? {
                Some(p) => {
                    let (data, snapshot) = load(store, p.assessment_id, &mut snapshots)?;
                    Some((p, data, snapshot))
                }
                None => None,
            };
            loaded.push(Loaded {
                team: team.clone(),
                data,
                snapshot,
                previous,
            });
        }

        // Each assessment is scored against its own snapshot; the comparisons line dimensions
        // and questions up with today's questionnaire by id.
        let full: Vec<_> = loaded
            .iter()
            .map(|l| Scorer::new(&snapshots[&l.snapshot]).score(&l.data.answers, &l.data.choices))
            .collect();
        let scores: Vec<TeamScores> = loaded
            .iter()
            .map(|l| {
                let snapshot = &snapshots[&l.snapshot];
                let summary = Scorer::new(snapshot).summary(&l.data.answers, &l.data.choices);
                TeamScores::from_summary(&l.team.team_name, snapshot, &summary)
            })
            .collect();
        let teams = loaded
            .iter()
            .zip(&scores)
            .map(|(l, now_scores)| DashboardTeam {
                workshop_team_id: l.team.id,
                team_id: l.team.team_id,
                name: l.team.team_name.clone(),
                status: l.team.status.clone(),
                respondents: l.team.respondents.len(),
                finished: l.team.respondents.iter().filter(|r| r.finished).count(),
                previous: l.previous.as_ref().map(|(p, data, snapshot)| {
                    let snapshot = &snapshots[snapshot];
                    let summary = Scorer::new(snapshot).summary(&data.answers, &data.choices);
                    let before = TeamScores::from_summary(&l.team.team_name, snapshot, &summary);
                    PreviousView {
                        workshop_id: p.workshop_id,
                        name: p.name.clone(),
                        held_on: p.held_on.clone(),
                        change: compare::change_since(q, now_scores, &before),
                    }
                }),
            })
            .collect();
        let votes: Vec<(&str, &[QuestionStat<'_>])> = loaded
            .iter()
            .zip(&full)
            .map(|(l, score)| (l.team.team_name.as_str(), score.questions.as_slice()))
            .collect();
        let hot_spots = class_hot_spots(q, &votes)
            .into_iter()
            .map(|spot| HotSpotView {
                number: number_of(q, spot.question_id),
                text: q.question(spot.question_id).map_or("", |x| x.text.as_str()),
                dimension: dimension_name(q, spot.dimension_id),
                spot,
            })
            .collect();
        let (activities, current_activity) = workshop_day(content, &detail.workshop)
            .map(|day| activities_at(&day, clock))
            .unwrap_or_default();
        to_json(Dashboard {
            heatmap: heatmap(q, &scores),
            workshop: detail.workshop.clone(),
            levels: &q.levels,
            teams,
            hot_spots,
            disagreement_spread: DISAGREEMENT_SPREAD,
            activities,
            current_activity,
        })
    })
}

// ---- The heatmap as a PNG -------------------------------------------------------------------

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
/// Largest image accepted: a 1920-pixel-wide heatmap is well under a megabyte.
const MAX_PNG_BYTES: usize = 20 * 1024 * 1024;

/// Asks where to save the heatmap (the native save dialog) and writes the PNG the view drew.
/// Returns the path written, or `None` when the facilitator cancelled.
#[tauri::command]
pub async fn heatmap_png_save(
    app: AppHandle,
    file_name: String,
    png: Vec<u8>,
) -> CommandResult<Option<String>> {
    if !png.starts_with(PNG_SIGNATURE) {
        return Err(CommandError::new(
            "invalid",
            "the heatmap image is not a PNG; nothing was saved",
        ));
    }
    if png.len() > MAX_PNG_BYTES {
        return Err(CommandError::new(
            "invalid",
            format!(
                "the heatmap image is {} bytes; at most {MAX_PNG_BYTES} are accepted",
                png.len()
            ),
        ));
    }
    let suggested: String = file_name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .collect();
    let suggested = if suggested.trim().is_empty() {
        "heatmap.png".to_string()
    } else {
        suggested
    };
    let Some(path) = crate::dialog::ask_save(
        &app,
        "Save the heatmap as PNG",
        ("PNG image", "png"),
        &suggested,
    )?
    else {
        return Ok(None);
    };
    devops_maturity_report::write_atomically(&path, &png)?;
    Ok(Some(path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_content::PlannedBlock;

    fn block(id: &str, kind: BlockKind, start: &str, end: &str, enabled: bool) -> PlannedBlock {
        PlannedBlock {
            id: id.into(),
            title: id.into(),
            kind,
            minutes: clock_minutes(end).unwrap() - clock_minutes(start).unwrap(),
            default_minutes: 0,
            optional: !enabled,
            enabled,
            start: enabled.then(|| start.into()),
            end: enabled.then(|| end.into()),
            module: None,
            chapter: Some(format!("{id}-chapter")),
        }
    }

    fn day() -> DayPlan {
        DayPlan {
            start: "09:00".into(),
            end: "12:00".into(),
            blocks: vec![
                block("intro", BlockKind::Session, "09:00", "10:00", true),
                block("first", BlockKind::Activity, "10:00", "10:30", true),
                block("skipped", BlockKind::Activity, "10:30", "10:45", false),
                block("break", BlockKind::Break, "10:30", "10:45", true),
                block("second", BlockKind::Activity, "10:45", "12:00", true),
            ],
            total_minutes: 180,
            teaching_minutes: 165,
            edited: false,
        }
    }

    #[test]
    fn the_timer_picks_the_running_activity_else_the_next_else_the_last() {
        let at = |clock: &str| {
            let (activities, current) = activities_at(&day(), clock_minutes(clock).unwrap());
            current.map(|(i, timing)| (activities[i].title.clone(), timing))
        };
        assert_eq!(at("09:15"), Some(("first".into(), Timing::Next)));
        assert_eq!(at("10:00"), Some(("first".into(), Timing::Now)));
        assert_eq!(
            at("10:35"),
            Some(("second".into(), Timing::Next)),
            "during the break; the switched-off activity is not on the clock"
        );
        assert_eq!(at("11:59"), Some(("second".into(), Timing::Now)));
        assert_eq!(at("12:00"), Some(("second".into(), Timing::Last)));
        let (activities, _) = activities_at(&day(), 0);
        assert_eq!(activities.len(), 2);
        assert_eq!(activities[1].minutes, 75);
    }
}
