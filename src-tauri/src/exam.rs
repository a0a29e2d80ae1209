//! The mock exam: `exam_paper` draws a paper, `exam_submit` grades it. A paper is a pure
//! function of the learner and the attempt (`ExamSpec::draw` in the content crate), so the shell
//! keeps nothing between the two; a result is stored like a knowledge check under `EXAM_ID`.

use chrono::Utc;
use devops_maturity_content::{AnswerError, ExamResult, ExamSpec, Paper, ShuffleKey, EXAM_ID};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
use crate::training::next_attempt;
use crate::{AppState, Shared};

fn spec(
    state: &AppState,
) -> CommandResult<(&'static devops_maturity_content::Course, &'static ExamSpec)> {
    let content = content(state)?;
    let spec = content
        .exam
        .as_ref()
        .ok_or_else(|| CommandError::new("not-found", "this course has no mock exam"))?;
    Ok((&content.course, spec))
}

#[derive(Serialize)]
pub struct PaperView<'a> {
    attempt: u32,
    stored: bool,
    #[serde(flatten)]
    paper: Paper<'a>,
}

/// The paper of the current learner's next attempt (without a profile, the page's own count).
#[tauri::command]
pub async fn exam_paper(
    state: State<'_, Shared>,
    attempt: Option<u32>,
) -> CommandResult<serde_json::Value> {
    let (course, spec) = spec(&state)?;
    let (key, stored) =
        with_store(&state, move |store| next_attempt(store, EXAM_ID, attempt)).await?;
    let view = PaperView {
        attempt: key.attempt,
        stored,
        paper: spec.draw(course, key),
    };
    serde_json::to_value(view).map_err(|e| CommandError::new("internal", e.to_string()))
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum ExamOutcome {
    Graded { result: ExamResult, stored: bool },
    Refused { error: AnswerError },
}

/// Grades attempt `attempt` of the current learner (the paper is drawn again from the same key)
/// and stores the score when there is a profile. `seconds` is the time the page measured.
#[tauri::command]
pub async fn exam_submit(
    state: State<'_, Shared>,
    attempt: u32,
    answers: Vec<Vec<usize>>,
    seconds: u64,
) -> CommandResult<ExamOutcome> {
    let (course, spec) = spec(&state)?;
    with_store(&state, move |store| {
        let learner = store.current_learner()?;
        let key = ShuffleKey {
            learner: learner.as_ref().map_or(0, |l| l.id),
            attempt,
        };
        let result = match spec.draw(course, key).grade(&answers, seconds) {
            Ok(result) => result,
            Err(error) => return Ok(ExamOutcome::Refused { error }),
        };
        if let Some(l) = learner {
            let chosen: Vec<Vec<usize>> = result
                .questions
                .iter()
                .map(|q| q.graded.chosen.clone())
                .collect();
            store.record_quiz_result(
                l.id,
                EXAM_ID,
                result.correct,
                result.total,
                &chosen,
                Utc::now(),
            )?;
        }
        Ok(ExamOutcome::Graded {
            stored: key.learner != 0,
            result,
        })
    })
    .await
}
