//! Joining: the room a join code opens (the workshop and its teams), and a person's seat in a
//! team.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use devops_maturity_core::text::{self};
use devops_maturity_core::Role;
use devops_maturity_store::StoreError;
use serde::Deserialize;
use serde_json::json;

use super::extract::{JoinAttempt, JsonBody};
use super::{refuse, refuse_text, unavailable, Shared_, JOIN, NAME};

/// The join code (the QR link's token or the short code) through the text rule: the refusal
/// when it does not pass.
pub(super) fn bad_join(join: &str) -> Option<Response> {
    text::check("the join code", join, JOIN)
        .err()
        .map(|e| refuse_text("join", e))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RoomBody {
    join: String,
}

pub(super) async fn room(
    State(shared): State<Shared_>,
    _: JoinAttempt,
    JsonBody(body): JsonBody<RoomBody>,
) -> Response {
    if let Some(r) = bad_join(&body.join) {
        return r;
    }
    let room = shared.room();
    if let Err(r) = room.check_credential(&body.join) {
        return refuse(r);
    }
    Json(json!({
        "workshop": room.workshop_name,
        "teams": room.teams.iter().map(|t| json!({ "id": t.link_id, "name": t.name })).collect::<Vec<_>>(),
    }))
    .into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JoinBody {
    /// The QR link's token, or the short code from the projector.
    join: String,
    team: i64,
    #[serde(default)]
    name: String,
    /// `practitioner` or `leader`, when the person said.
    #[serde(default)]
    role: Option<String>,
}

pub(super) async fn join(
    State(shared): State<Shared_>,
    _: JoinAttempt,
    JsonBody(body): JsonBody<JoinBody>,
) -> Response {
    if let Some(r) = bad_join(&body.join) {
        return r;
    }
    let name = body.name.trim().to_string();
    if let Err(e) = text::check("a name", &name, NAME) {
        return refuse_text("name", e);
    }
    let role = match body.role.as_deref() {
        None => None,
        Some(code) => match Role::from_code(code) {
            Some(role) => Some(role),
            None => {
                return (
                    StatusCode::BAD_REQUEST,
                    Json(json!({
                        "error": "bad-role",
                        "field": "role",
                        "message": "a role is “practitioner” or “leader”",
                    })),
                )
                    .into_response()
            }
        },
    };
    let admitted = shared.room().admit(&body.join, body.team);
    let team = match admitted {
        Ok(team) => team,
        Err(r) => return refuse(r),
    };
    let (assessment_id, team_name) = {
        let room = shared.room();
        (
            room.teams[team].assessment_id,
            room.teams[team].name.clone(),
        )
    };
    let seat = shared.clone();
    let joined = shared
        .writer
        .run(move |store| {
            let taken = seat.room().taken(team);
            // Names are one per team under `text::name_key`: the store decides, and a clash
            // is the joiner's to mend, so it comes back as a refusal, not a failure.
            match store.join_respondent(assessment_id, &name, role, &taken) {
                Ok(row) => Ok(Ok(seat.room().seat(
                    team,
                    row.id,
                    row.name.clone(),
                    name.is_empty(),
                ))),
                Err(StoreError::Conflict(message)) => Ok(Err(message)),
                Err(e) => Err(e),
            }
        })
        .await;
    match joined {
        Ok(Err(message)) => {
            shared.room().release();
            (
                StatusCode::CONFLICT,
                Json(json!({ "error": "name-taken", "field": "name", "message": message })),
            )
                .into_response()
        }
        Ok(Ok((id, token))) => {
            let name = shared
                .room()
                .participant_mut(id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            (
                StatusCode::CREATED,
                Json(json!({ "token": token, "participant": id, "name": name, "team": team_name })),
            )
                .into_response()
        }
        Err(e) => {
            shared.room().release();
            unavailable(e)
        }
    }
}
