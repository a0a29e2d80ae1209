//! The practice round on a phone: whose device answers for the group, claiming it, and the
//! group's answers.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use devops_maturity_core::Answer;
use serde::Deserialize;
use serde_json::json;

use crate::room::Refusal;
use crate::serve::Push;

use super::answers::questionnaire_json;
use super::extract::{JsonBody, Participant, Question};
use super::{refuse, unavailable, Shared_};

/// The practice round as this phone sees it: whose device answers for the group; the device
/// itself also gets the questions (never the key) and the group's answers so far.
pub(super) async fn practice(State(shared): State<Shared_>, who: Participant) -> Response {
    let token = who.token;
    let (seat, workshop_id, questionnaire) = {
        let room = shared.room();
        match room.practice_seat(&token) {
            Ok(seat) => (seat, room.workshop_id, room.practice_questionnaire()),
            Err(r) => return refuse(r),
        }
    };
    let Some(q) = questionnaire.filter(|_| seat.mine) else {
        return Json(json!({ "seat": seat })).into_response();
    };
    let link = seat.link_id;
    let asked = q.clone();
    // The answers that count against today's questionnaire (as on the app's answering page):
    // one given on a version that asks the question differently is open again.
    let answers = match shared
        .writer
        .run(move |store| {
            Ok(
                devops_maturity_views::practice::round(store, &asked, workshop_id)?
                    .groups
                    .into_iter()
                    .find(|g| g.workshop_team_id == link)
                    .map(|g| g.answers)
                    .unwrap_or_default(),
            )
        })
        .await
    {
        Ok(a) => a,
        Err(e) => return unavailable(e),
    };
    Json(json!({
        "seat": seat,
        "questionnaire": questionnaire_json(&q),
        "answers": answers,
    }))
    .into_response()
}

pub(super) async fn practice_claim(State(shared): State<Shared_>, who: Participant) -> Response {
    let claimed = shared.room().claim_device(&who.token);
    match claimed {
        Ok(seat) => {
            // The team's other phones learn on whose device their group answers.
            let _ = shared.events.send(Push::Practice);
            Json(json!({ "seat": seat })).into_response()
        }
        Err(r) => refuse(r),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PracticeBody {
    /// `"1"` … `"5"` or `"dont-know"`.
    answer: String,
}

pub(super) async fn practice_answer(
    State(shared): State<Shared_>,
    Question(question): Question,
    who: Participant,
    JsonBody(body): JsonBody<PracticeBody>,
) -> Response {
    let token = who.token;
    let Some(answer) = Answer::from_code(&body.answer) else {
        return refuse(Refusal::new(
            400,
            "bad-answer",
            "a practice answer is \"1\" to \"5\" or \"dont-know\"",
        ));
    };
    let checked = {
        let room = shared.room();
        room.practice_may_answer(&token, &question, answer)
            .map(|seat| (seat, room.practice_questionnaire()))
    };
    let (seat, questionnaire) = match checked {
        Ok((seat, Some(q))) => (seat, q),
        Ok((_, None)) => {
            return refuse(Refusal::new(
                409,
                "wrong-mode",
                "the practice round is not under way",
            ))
        }
        Err(r) => return refuse(r),
    };
    let (link, qid) = (seat.link_id, question.clone());
    let saved = shared
        .writer
        .run(move |store| {
            store.save_practice_answer(link, &questionnaire, &qid, answer, Utc::now())
        })
        .await;
    match saved {
        Ok(()) => {
            let answered = shared.room().practice_saved(seat.team, &question);
            Json(json!({ "saved": true, "question": question, "answered": answered }))
                .into_response()
        }
        Err(e) => unavailable(e),
    }
}
