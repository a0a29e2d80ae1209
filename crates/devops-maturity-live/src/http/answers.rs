//! A participant's own assessment: their team, questionnaire and answers, and one answer saved.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use devops_maturity_core::text::{self};
use devops_maturity_core::{Answer, Questionnaire};
use serde::Deserialize;
use serde_json::json;

use crate::room::Refusal;

use super::extract::{JsonBody, Participant, Question};
use super::{refuse, refuse_text, unavailable, Shared_, EVIDENCE};

/// A questionnaire as the phone draws it: levels, dimensions and questions with their anchors.
pub(super) fn questionnaire_json(q: &Questionnaire) -> serde_json::Value {
    json!({
        "title": q.title,
        "levels": q.levels.iter().map(|l| json!({ "value": l.value, "name": l.name })).collect::<Vec<_>>(),
        "dimensions": q.dimensions.iter().map(|d| json!({ "id": d.id, "name": d.name })).collect::<Vec<_>>(),
        "questions": q.questions.iter().map(|x| json!({ "id": x.id, "dimension": x.dimension, "text": x.text, "anchors": x.anchors })).collect::<Vec<_>>(),
    })
}

pub(super) async fn me(State(shared): State<Shared_>, who: Participant) -> Response {
    let (id, team, respondent) = (who.id, who.team, who.respondent);
    let answers = match shared
        .writer
        .run(move |store| store.respondent_answers(respondent))
        .await
    {
        Ok(a) => a,
        Err(e) => return unavailable(e),
    };
    let room = shared.room();
    let t = &room.teams[team];
    let q = &t.questionnaire;
    let name = room
        .participant(&who.token)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let answers: serde_json::Map<String, serde_json::Value> = answers
        .into_iter()
        .map(|(qid, (a, evidence))| (qid, json!({ "answer": a.code(), "evidence": evidence })))
        .collect();
    Json(json!({
        "participant": id,
        "name": name,
        "team": t.name,
        "workshop": room.workshop_name,
        "mode": room.mode,
        "questionnaire": questionnaire_json(q),
        "answers": answers,
    }))
    .into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnswerBody {
    /// `"1"` … `"5"`, `"dont-know"`, `"not-applicable"`.
    answer: String,
    #[serde(default)]
    evidence: Option<String>,
}

pub(super) async fn answer(
    State(shared): State<Shared_>,
    Question(question): Question,
    who: Participant,
    JsonBody(body): JsonBody<AnswerBody>,
) -> Response {
    let id = who.id;
    let Some(answer) = Answer::from_code(&body.answer) else {
        return refuse(Refusal::new(
            400,
            "bad-answer",
            "an answer is \"1\" to \"5\", \"dont-know\" or \"not-applicable\"",
        ));
    };
    if let Some(Err(e)) = body
        .evidence
        .as_deref()
        .map(|e| text::check("evidence", e, EVIDENCE))
    {
        return refuse_text("evidence", e);
    }
    let checked = shared.room().may_answer(&who.token, &question);
    let respondent = match checked {
        Ok((_, respondent)) => respondent,
        Err(r) => return refuse(r),
    };
    let qid = question.clone();
    let saved = shared
        .writer
        .run(move |store| {
            store.save_answer(
                respondent,
                &qid,
                answer,
                body.evidence.as_deref(),
                Utc::now(),
            )
        })
        .await;
    match saved {
        Ok(()) => {
            let answered = {
                let mut room = shared.room();
                room.participant_mut(id).map_or(0, |p| {
                    p.answered.insert(question.clone());
                    p.answered.len()
                })
            };
            Json(json!({ "saved": true, "question": question, "answered": answered }))
                .into_response()
        }
        Err(e) => unavailable(e),
    }
}
