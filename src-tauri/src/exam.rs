//! The mock exam: `exam_paper` draws a paper, `exam_submit` grades it (`views::knowledge`). A
//! paper is a pure function of the learner and the attempt (`ExamSpec::draw` in the content
//! crate), so the shell keeps nothing between the two; a result is stored like a knowledge
//! check under `EXAM_ID`.

use chrono::Utc;
use devops_maturity_content::ExamSpec;
use devops_maturity_views::knowledge::{self, ExamOutcome, PaperView};
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::state::{content, with_store};
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

/// The paper of the current learner's next attempt (without a profile, the page's own count).
#[tauri::command]
pub async fn exam_paper(
    state: State<'_, Shared>,
    attempt: Option<u32>,
) -> CommandResult<PaperView<'static>> {
    let (course, spec) = spec(&state)?;
    with_store(&state, move |store| {
        Ok(knowledge::exam_paper(store, course, spec, attempt)?)
    })
    .await
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
    let exam = spec(&state)?;
    with_store(&state, move |store| {
        let now = Utc::now();
        Ok(knowledge::exam_submit(
            store, exam, attempt, &answers, seconds, now,
        )?)
    })
    .await
}
