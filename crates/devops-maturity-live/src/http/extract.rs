//! What every handler starts with, as extractors: the participant behind the bearer token, the
//! question id in the address, the JSON body, the per-address limit on joins.

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use devops_maturity_core::text::{self};
use serde::de::DeserializeOwned;

use crate::room::Refusal;
use crate::serve::Shared;

use super::{refuse, refuse_text, too_large, Shared_, MAX_BODY, QUESTION};

/// Reads a JSON body: declared as JSON, at most [`MAX_BODY`] bytes, sent within the slow-client
/// deadline, and of the expected shape (unknown fields refused).
pub(super) async fn read_json<T: DeserializeOwned>(
    shared: &Shared,
    headers: &HeaderMap,
    body: Body,
) -> Result<T, Refusal> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json {
        return Err(Refusal::new(
            415,
            "not-json",
            "send the request as application/json",
        ));
    }
    let bytes = match tokio::time::timeout(
        shared.config.slow_client,
        axum::body::to_bytes(body, MAX_BODY),
    )
    .await
    {
        Err(_) => {
            return Err(Refusal::new(
                408,
                "too-slow",
                "the request took too long to arrive",
            ))
        }
        Ok(Err(_)) => return Err(too_large()),
        Ok(Ok(bytes)) => bytes,
    };
    serde_json::from_slice(&bytes).map_err(|e| {
        Refusal::new(
            400,
            "bad-json",
            format!("the request is not what this address takes: {e}"),
        )
    })
}

pub(super) fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
}

/// The participant behind `token`, rate-limited per participant.
pub(super) fn participant(shared: &Shared, token: &str) -> Result<(u32, usize, i64), Refusal> {
    let (id, team, respondent) = {
        let room = shared.room();
        let p = room.participant(token)?;
        (p.id, p.team, p.respondent_id)
    };
    if !shared.limits().per_participant.allow(&id, Instant::now()) {
        return Err(Refusal::new(
            429,
            "slow-down",
            "too many requests: wait a moment",
        ));
    }
    Ok((id, team, respondent))
}

/// What every participant's request starts with: the participant its `Authorization: Bearer`
/// token names, rate-limited per participant ([`participant`]); refused before anything else
/// of the request is read.
pub(super) struct Participant {
    pub(super) id: u32,
    pub(super) team: usize,
    pub(super) respondent: i64,
    pub(super) token: String,
}

impl FromRequestParts<Shared_> for Participant {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, shared: &Shared_) -> Result<Self, Response> {
        let token = bearer(&parts.headers).to_string();
        let (id, team, respondent) = participant(shared, &token).map_err(refuse)?;
        Ok(Participant {
            id,
            team,
            respondent,
            token,
        })
    }
}

/// The question id in the address: readable, and through the text rule.
pub(super) struct Question(pub(super) String);

impl<S: Send + Sync> FromRequestParts<S> for Question {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let Ok(Path(question)) = Path::<String>::from_request_parts(parts, state).await else {
            return Err(refuse(Refusal::new(
                400,
                "bad-question",
                "the question id in the address is not readable",
            )));
        };
        if let Err(e) = text::check("the question id", &question, QUESTION) {
            return Err(refuse_text("question", e));
        }
        Ok(Question(question))
    }
}

/// A request's JSON body, read by [`read_json`].
pub(super) struct JsonBody<T>(pub(super) T);

impl<T: DeserializeOwned + Send> FromRequest<Shared_> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, shared: &Shared_) -> Result<Self, Response> {
        let (parts, body) = request.into_parts();
        read_json(shared, &parts.headers, body)
            .await
            .map(JsonBody)
            .map_err(refuse)
    }
}

/// An attempt to join from this device, within the per-address limit on joins (a join code
/// is short: guessing it is slowed down before the body is read).
pub(super) struct JoinAttempt;

impl FromRequestParts<Shared_> for JoinAttempt {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, shared: &Shared_) -> Result<Self, Response> {
        let ConnectInfo(peer) = ConnectInfo::<SocketAddr>::from_request_parts(parts, shared)
            .await
            .map_err(IntoResponse::into_response)?;
        if !shared.limits().joins.allow(&peer.ip(), Instant::now()) {
            return Err(refuse(Refusal::new(
                429,
                "slow-down",
                "too many attempts to join from this device: wait a minute",
            )));
        }
        Ok(JoinAttempt)
    }
}
