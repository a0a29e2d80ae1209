//! Assessment commands: start, answer, resume, complete, results and a team's history. Each
//! command takes the state, calls the store (and the core's scoring, DORA classification and
//! chart geometry), and maps the error. Nothing is scored in the UI.
//!
//! An assessment is always shown against the questionnaire snapshot it was started with (see
//! `devops_maturity_store::assessments`), never against today's content.

use std::collections::BTreeMap;

use chrono::Utc;
use devops_maturity_core::chart::{current_vs_target, Radar};
use devops_maturity_core::dora::{classify, Classification, DoraAnswer, DoraModel};
use devops_maturity_core::scoring::{self, level_of, Choices, Scorer};
use devops_maturity_core::{Answer, AssessmentScore, Questionnaire};
use devops_maturity_store::assessments::{AssessmentData, AssessmentRow};
use devops_maturity_store::{Store, Team};
use serde::Serialize;
use tauri::State;

use crate::commands::{content, with_store};
use crate::error::{CommandError, CommandResult};
use crate::AppState;

fn dora_model<'a>(state: &'a State<'_, AppState>) -> CommandResult<&'a DoraModel> {
    Ok(&content(state)?.assessment.dora)
}

fn snapshot_of(store: &Store, row: &AssessmentRow) -> CommandResult<Questionnaire> {
    Ok(store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?)
}

/// Answers cross IPC in their text form ([`Answer::code`]).
fn parse_answer(text: &str) -> CommandResult<Answer> {
    Answer::from_code(text).ok_or_else(|| {
        CommandError::new(
            "invalid",
            format!(
                "`{text}` is not an answer: pick a level from 1 to 5, don't know or not applicable"
            ),
        )
    })
}

fn score_of<'q>(q: &'q Questionnaire, data: &AssessmentData) -> AssessmentScore<'q> {
    scoring::score(q, &data.answers, &data.choices)
}

// ---- The model ------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct AssessmentModel {
    questionnaire: Questionnaire,
    dora: DoraModel,
}

/// Today's questionnaire (dimensions, levels, questions) and the DORA model.
#[tauri::command]
pub fn assessment_model(state: State<'_, AppState>) -> CommandResult<AssessmentModel> {
    let a = &content(&state)?.assessment;
    Ok(AssessmentModel {
        questionnaire: a.questionnaire.clone(),
        dora: a.dora.clone(),
    })
}

// ---- Start and resume -----------------------------------------------------------------------

/// Starts an assessment of today's questionnaire for a team; `respondents` answer in turn.
#[tauri::command]
pub fn assessment_start(
    state: State<'_, AppState>,
    team_id: i64,
    respondents: Vec<String>,
    facilitator: Option<String>,
) -> CommandResult<AssessmentRow> {
    let questionnaire = &content(&state)?.assessment.questionnaire;
    let facilitator = facilitator.filter(|f| !f.trim().is_empty());
    with_store(&state, |store| {
        Ok(store.start_assessment(
            team_id,
            questionnaire,
            &respondents,
            facilitator.as_deref(),
            Utc::now(),
        )?)
    })
}

#[derive(Serialize)]
pub struct RespondentState {
    id: i64,
    name: String,
    position: u32,
    finished: bool,
    answered: u32,
    /// Question id → `"1"` … `"5"`, `"dont-know"` or `"not-applicable"`.
    answers: BTreeMap<String, String>,
    evidence: BTreeMap<String, String>,
}

#[derive(Serialize)]
pub struct AssessmentState {
    assessment: AssessmentRow,
    team: Team,
    /// The snapshot the assessment was started with.
    questionnaire: Questionnaire,
    respondents: Vec<RespondentState>,
    choices: Choices,
    dora: DoraModel,
    dora_answers: BTreeMap<String, DoraAnswer>,
    /// The stored report year, or the model's default.
    dora_year: u16,
}

/// Everything stored for one assessment, to resume it where it was left.
#[tauri::command]
pub fn assessment_state(state: State<'_, AppState>, id: i64) -> CommandResult<AssessmentState> {
    let dora = dora_model(&state)?.clone();
    with_store(&state, |store| {
        let data = store.assessment_data(id)?;
        let questionnaire = snapshot_of(store, &data.assessment)?;
        let team = store.team(data.assessment.team_id)?;
        let respondents = data
            .respondents
            .iter()
            .zip(&data.answers)
            .map(|(row, r)| RespondentState {
                id: row.id,
                name: row.name.clone(),
                position: row.position,
                finished: row.finished,
                answered: row.answered,
                answers: r
                    .answers
                    .iter()
                    .filter_map(|(q, a)| Some((q.clone(), a.code()?)))
                    .collect(),
                evidence: r.evidence.clone(),
            })
            .collect();
        Ok(AssessmentState {
            dora_year: data.assessment.dora_year.unwrap_or(dora.default_year),
            assessment: data.assessment,
            team,
            questionnaire,
            respondents,
            choices: data.choices,
            dora,
            dora_answers: data.dora,
        })
    })
}

// ---- Answering ------------------------------------------------------------------------------

/// Saves one answer at once; `evidence` is an optional note or comment.
#[tauri::command]
pub fn answer_save(
    state: State<'_, AppState>,
    respondent_id: i64,
    question_id: String,
    answer: String,
    evidence: Option<String>,
) -> CommandResult<()> {
    let answer = parse_answer(&answer)?;
    with_store(&state, |store| {
        Ok(store.save_answer(
            respondent_id,
            &question_id,
            answer,
            evidence.as_deref().map(str::trim),
            Utc::now(),
        )?)
    })
}

#[tauri::command]
pub fn respondent_finish(state: State<'_, AppState>, respondent_id: i64) -> CommandResult<()> {
    with_store(&state, |store| {
        Ok(store.finish_respondent(respondent_id, Utc::now())?)
    })
}

/// Sets (or with `null` clears) the target level and weight of one dimension.
#[tauri::command]
pub fn dimension_choice_set(
    state: State<'_, AppState>,
    assessment_id: i64,
    dimension_id: String,
    target: Option<u8>,
    weight: Option<f64>,
) -> CommandResult<()> {
    with_store(&state, |store| {
        Ok(store.set_dimension_choice(assessment_id, &dimension_id, target, weight)?)
    })
}

/// Saves one DORA answer after checking it against the DORA model.
#[tauri::command]
pub fn dora_answer_set(
    state: State<'_, AppState>,
    assessment_id: i64,
    metric_id: String,
    answer: DoraAnswer,
) -> CommandResult<()> {
    dora_model(&state)?
        .check_answer(&metric_id, &answer)
        .map_err(|m| CommandError::new("invalid", m))?;
    with_store(&state, |store| {
        Ok(store.set_dora_answer(assessment_id, &metric_id, &answer)?)
    })
}

/// Chooses the DORA report year whose clusters the team is compared with.
#[tauri::command]
pub fn dora_year_set(
    state: State<'_, AppState>,
    assessment_id: i64,
    year: u16,
) -> CommandResult<()> {
    let dora = dora_model(&state)?;
    if dora.year(year).is_none() {
        let known: Vec<String> = dora.years.iter().map(|y| y.year.to_string()).collect();
        return Err(CommandError::new(
            "invalid",
            format!(
                "there are no DORA clusters for {year}; choose one of {}",
                known.join(", ")
            ),
        ));
    }
    with_store(
        &state,
        |store| Ok(store.set_dora_year(assessment_id, year)?),
    )
}

#[tauri::command]
pub fn assessment_complete(state: State<'_, AppState>, id: i64) -> CommandResult<AssessmentRow> {
    with_store(&state, |store| {
        Ok(store.complete_assessment(id, Utc::now())?)
    })
}

// ---- Results --------------------------------------------------------------------------------

/// The scoring rules of `devops_maturity_core::scoring`, in plain words, shown beside results.
fn scoring_rules() -> Vec<String> {
    let share = (scoring::MIN_ANSWERED_SHARE * 100.0).round();
    vec![
        "Each answer is a level from 1 to 5. “Don't know” and “Not applicable” count as missing, never as zero.".into(),
        format!("A person's score for a dimension is the average of the levels they gave there, but only if they answered at least {share:.0} % of that dimension's questions; otherwise they have “not enough answers” for it."),
        "The team's score for a dimension is the median of its people's scores, so one outlier does not pull it. When nobody answered enough, the dimension shows “not enough answers” instead of a number.".into(),
        "A level is reached when the score is at least that level: a score of 2.8 is level 2.".into(),
        "The overall score is the weighted average of the dimension scores that exist, and is shown only when at least half of the dimensions have a score.".into(),
        "Gap = target level − score. Gaps are ranked by gap × weight.".into(),
        format!("For each question the results show how many people chose each level. Answers {} or more levels apart are flagged as a disagreement: a topic worth discussing.", scoring::DISAGREEMENT_SPREAD),
        "When a group discusses a question and agrees a level, that level replaces every person's answer to the question before the scores above are computed. The original answers and their spread stay on record and are shown beside the agreed level.".into(),
    ]
}

#[derive(Serialize)]
pub struct Results<'q> {
    assessment: AssessmentRow,
    team: Team,
    questionnaire: &'q Questionnaire,
    respondents: Vec<String>,
    score: AssessmentScore<'q>,
    /// `None` when the model has no clusters for the year.
    dora: Option<Classification>,
    dora_years: Vec<u16>,
    radar: Radar,
    rules: Vec<String>,
}

/// Scores, DORA comparison (for `year`, else the stored year, else the default) and the radar.
#[tauri::command]
pub fn assessment_results(
    state: State<'_, AppState>,
    id: i64,
    year: Option<u16>,
) -> CommandResult<serde_json::Value> {
    let dora = dora_model(&state)?;
    with_store(&state, |store| {
        let data = store.assessment_data(id)?;
        let questionnaire = snapshot_of(store, &data.assessment)?;
        let team = store.team(data.assessment.team_id)?;
        let score = score_of(&questionnaire, &data);
        // The same geometry the PDF report draws (`chart::current_vs_target`).
        let radar = current_vs_target(&score);
        let year = year.or(data.assessment.dora_year);
        let results = Results {
            dora: classify(dora, year, &data.dora),
            dora_years: dora.years.iter().map(|y| y.year).collect(),
            respondents: data.answers.iter().map(|r| r.name.clone()).collect(),
            assessment: data.assessment,
            team,
            questionnaire: &questionnaire,
            score,
            radar,
            rules: scoring_rules(),
        };
        serde_json::to_value(results).map_err(|e| CommandError::new("internal", e.to_string()))
    })
}

// ---- A team's history -----------------------------------------------------------------------

#[derive(Serialize)]
pub struct HistoryDimension {
    id: String,
    name: String,
    score: Option<f64>,
    level: Option<u8>,
    /// Score change since the previous completed assessment, when both have a score.
    change: Option<f64>,
}

#[derive(Serialize)]
pub struct HistoryEntry {
    assessment: AssessmentRow,
    respondents: Vec<String>,
    finished: u32,
    overall: Option<f64>,
    overall_level: Option<u8>,
    /// The level's name in the assessment's questionnaire version.
    overall_level_name: Option<String>,
    /// Overall change since the previous completed assessment.
    overall_change: Option<f64>,
    /// The id of that previous completed assessment.
    previous: Option<i64>,
    dimensions: Vec<HistoryDimension>,
}

#[derive(Serialize)]
pub struct TeamHistory {
    team: Team,
    /// Oldest first.
    assessments: Vec<HistoryEntry>,
}

/// The scores of the previous completed assessment, to compute changes against.
struct Previous {
    id: i64,
    overall: Option<f64>,
    dimensions: BTreeMap<String, Option<f64>>,
}

fn change(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    Some(now? - before?)
}

/// Every assessment of a team, each scored against its own questionnaire version, with the
/// change since the previous completed one (dimensions matched by id).
#[tauri::command]
pub fn team_history(state: State<'_, AppState>, team_id: i64) -> CommandResult<TeamHistory> {
    with_store(&state, |store| {
        let team = store.team(team_id)?;
        let mut snapshots: BTreeMap<(String, String), Questionnaire> = BTreeMap::new();
        let mut previous: Option<Previous> = None;
        let mut assessments = Vec::new();
        for row in store.assessments_of(team_id)? {
            let key = (
                row.questionnaire_id.clone(),
                row.questionnaire_version.clone(),
            );
            if !snapshots.contains_key(&key) {
                let q = snapshot_of(store, &row)?;
                snapshots.insert(key.clone(), q);
            }
            let q = &snapshots[&key];
            let data = store.assessment_data(row.id)?;
            // History needs dimension and overall scores only: the summary, not the full score.
            let summary = Scorer::new(q).summary(&data.answers, &data.choices);
            let completed = row.status == "completed";
            let before = previous.as_ref().filter(|_| completed);
            let dimensions = q
                .dimensions
                .iter()
                .zip(&summary.dimensions)
                .map(|(d, &score)| {
                    let old = before.and_then(|p| p.dimensions.get(&d.id).copied().flatten());
                    HistoryDimension {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        score,
                        level: score.map(level_of),
                        change: change(score, old),
                    }
                })
                .collect();
            let overall_level = summary.overall.map(level_of);
            let entry = HistoryEntry {
                respondents: data.respondents.iter().map(|r| r.name.clone()).collect(),
                finished: data.respondents.iter().filter(|r| r.finished).count() as u32,
                overall: summary.overall,
                overall_level,
                overall_level_name: overall_level.map(|l| q.level_name(l).to_string()),
                overall_change: before.and_then(|p| change(summary.overall, p.overall)),
                previous: before.map(|p| p.id),
                dimensions,
                assessment: data.assessment,
            };
            if completed {
                previous = Some(Previous {
                    id: row.id,
                    overall: summary.overall,
                    dimensions: q
                        .dimensions
                        .iter()
                        .zip(&summary.dimensions)
                        .map(|(d, &score)| (d.id.clone(), score))
                        .collect(),
                });
            }
            assessments.push(entry);
        }
        Ok(TeamHistory { team, assessments })
    })
}

// ---- Demo data ------------------------------------------------------------------------------

/// Creates the demo organisation's teams and a year of their assessments.
#[tauri::command]
pub fn demo_create(
    state: State<'_, AppState>,
) -> CommandResult<devops_maturity_store::demo::DemoSummary> {
    let a = &content(&state)?.assessment;
    with_store(&state, |store| {
        Ok(devops_maturity_store::demo::create_demo(
            store,
            &a.questionnaire,
            &a.dora,
            Utc::now(),
        )?)
    })
}
