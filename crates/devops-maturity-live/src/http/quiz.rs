//! The knowledge check on a phone: the current question in this phone's shuffle, and its answer.

use std::time::Instant;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use devops_maturity_content::ShuffleKey;
use serde::Deserialize;
use serde_json::json;

use super::extract::{JsonBody, Participant, Question};
use super::{refuse, unavailable, Shared_};

/// The knowledge check as this phone sees it. The option order is the app's shuffle: for a
/// named participant whose learner profile exists, that learner's next attempt at the module
/// (as the app would show it); otherwise this participant's own order in the session.
pub(super) async fn quiz(State(shared): State<Shared_>, who: Participant) -> Response {
    let (id, token) = (who.id, who.token);
    let lookup = {
        let room = shared.room();
        let module = match room.quiz_phone(&token, Instant::now()) {
            Err(r) => return refuse(r),
            Ok(_) => room.quiz_module().unwrap_or_default().to_string(),
        };
        let p = room.participant(&token).ok();
        match (room.quiz_key(id), p) {
            (None, Some(p)) if !p.anonymous => Some((p.name.clone(), module)),
            _ => None,
        }
    };
    let mut key = ShuffleKey {
        learner: 0,
        attempt: id,
    };
    if let Some((name, module)) = lookup {
        let found = shared
            .writer
            .run(move |store| {
                let Some(learner) = store.learner_by_name(&name)? else {
                    return Ok(None);
                };
                let done = store
                    .quiz_results(learner.id)?
                    .iter()
                    .filter(|r| r.module_id == module)
                    .count();
                Ok(Some(ShuffleKey {
                    learner: learner.id,
                    attempt: done as u32 + 1,
                }))
            })
            .await;
        match found {
            Ok(Some(k)) => key = k,
            Ok(None) => {}
            Err(e) => return unavailable(e),
        }
    }
    let mut room = shared.room();
    room.set_quiz_key(id, key);
    match room.quiz_phone(&token, Instant::now()) {
        Ok(view) => Json(view).into_response(),
        Err(r) => refuse(r),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuizAnswerBody {
    /// Authored option indexes (what `GET /api/quiz` calls `index`).
    chosen: Vec<usize>,
}

pub(super) async fn quiz_answer(
    State(shared): State<Shared_>,
    Question(question): Question,
    who: Participant,
    JsonBody(body): JsonBody<QuizAnswerBody>,
) -> Response {
    let taken = shared
        .room()
        .quiz_answer(&who.token, &question, &body.chosen, Instant::now());
    match taken {
        Ok(()) => Json(json!({ "taken": true, "question": question })).into_response(),
        Err(r) => refuse(r),
    }
}
