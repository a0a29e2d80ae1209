//! The session's routes, and the guard every request passes first.
//!
//! | route | what |
//! |---|---|
//! | `GET /`, `/live.css`, `/live.js` | the participant's page (embedded) |
//! | `POST /api/room` | `{join}` → the workshop's name and teams, to pick one |
//! | `POST /api/join` | `{join, team, name, role}` → the participant's own token (`role`: `practitioner`, `leader` or absent) |
//! | `GET /api/me` | the participant's team, questionnaire, mode and own answers |
//! | `PUT /api/answers/{question}` | `{answer, evidence}` → "saved" once durable |
//! | `GET /api/quiz` | the knowledge check's current question, shuffled for this phone, its own answer |
//! | `PUT /api/quiz/{question}` | `{chosen}` (option indexes) → taken, changeable until closed |
//! | `GET /api/practice` | whose device answers for the group; to that device, the questions and the group's answers |
//! | `POST /api/practice/claim` | this device answers for the group (the first of the team) |
//! | `PUT /api/practice/{question}` | `{answer}` → the group's answer, "saved" once durable |
//! | `GET /api/events?token=` | server-sent events: `hello`, `mode`, `practice` (a device claimed or freed), `removed`, `ended` |
//!
//! Nothing else answers but a JSON 404. Every refusal is a 4xx with `{error, message}`.
//! The guard: per-address rate limit, the Host header must be this server's own address (a
//! page on another site cannot reach it through DNS rebinding), a request with a body must
//! come from this origin (or from no browser page at all), say it is JSON, and be at most
//! [`MAX_BODY`] bytes. No CORS header is ever sent, so other sites' pages cannot read answers.
//! Participant tokens travel in `Authorization: Bearer` (and, for the event stream, whose
//! browser API cannot set headers, in the query string).
//!
//! Every text a request carries (the join code, a name, a question id, evidence) passes the
//! core's one text rule (`devops_maturity_core::text::check`) before anything else is done
//! with it; a refused text is a 400 `{error: "bad-text", field, message}` whose `field` is the
//! JSON key (or `question` for the id in the address) and whose message names the field.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::Utc;
use devops_maturity_content::ShuffleKey;
use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME};
use devops_maturity_core::text::{self, Rule, TextError};
use devops_maturity_core::{Answer, Questionnaire, Role};
use devops_maturity_store::StoreError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::room::{Mode, Refusal};
use crate::serve::{Push, Shared};
use crate::writer::WriteError;

/// Largest request body accepted, in bytes.
pub const MAX_BODY: usize = 16 * 1024;

/// The join credential: the QR link's token (64 hex digits) or the short code (`ABC-234`).
const JOIN: Rule = Rule::line(100);
/// A participant's name: one a projector shows, so nothing invisible in it.
const NAME: Rule = Rule::name(MAX_NAME);
/// A question id in the address.
const QUESTION: Rule = Rule::line(MAX_NAME);
/// Evidence: several lines.
const EVIDENCE: Rule = Rule::free(MAX_EVIDENCE);

/// The page's policy: its own scripts, styles and connections only; no frames, no forms
/// posting elsewhere, no plugins, no inline code.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!("page/index.html");
const LIVE_CSS: &str = include_str!("page/live.css");
const LIVE_JS: &str = include_str!("page/live.js");

type Shared_ = Arc<Shared>;

fn refuse(r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    (
        status,
        Json(json!({ "error": r.code, "message": r.message })),
    )
        .into_response()
}

/// A text the core's rule refused: `key` is the field as the request spells it.
fn refuse_text(key: &'static str, e: TextError) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": "bad-text", "field": key, "message": e.to_string() })),
    )
        .into_response()
}

fn unavailable(e: WriteError) -> Response {
    match e {
        WriteError::Refused(message) => refuse(Refusal::new(400, "refused", message)),
        WriteError::Unavailable(message) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": "unavailable", "message": format!("not saved: {message}") })),
        )
            .into_response(),
    }
}

pub(crate) fn router(shared: Shared_) -> Router {
    let headers = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    let mut router = Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/live.css",
            get(|| async { asset("text/css; charset=utf-8", LIVE_CSS) }),
        )
        .route(
            "/live.js",
            get(|| async { asset("text/javascript; charset=utf-8", LIVE_JS) }),
        )
        .route("/api/room", post(room))
        .route("/api/join", post(join))
        .route("/api/me", get(me))
        .route("/api/answers/{question}", put(answer))
        .route("/api/events", get(events))
        .route("/api/quiz", get(quiz))
        .route("/api/quiz/{question}", put(quiz_answer))
        .route("/api/practice", get(practice))
        .route("/api/practice/claim", post(practice_claim))
        .route("/api/practice/{question}", put(practice_answer))
        .fallback(|| async {
            refuse(Refusal::new(
                404,
                "not-found",
                "there is nothing at this address",
            ))
        })
        .method_not_allowed_fallback(|| async {
            refuse(Refusal::new(
                405,
                "method",
                "this address does not take that method",
            ))
        })
        .layer(axum::middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn guard(
    State(shared): State<Shared_>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    if !shared
        .limits()
        .per_address
        .allow(&peer.ip(), Instant::now())
    {
        return refuse(Refusal::new(
            429,
            "slow-down",
            "too many requests from this device: wait a moment",
        ));
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !shared.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return refuse(Refusal::new(
            421,
            "wrong-host",
            format!("this server answers only to {}", shared.hosts[0]),
        ));
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        if let Some(origin) = request.headers().get(header::ORIGIN) {
            let own = format!("http://{host}");
            if origin.as_bytes() != own.as_bytes() {
                return refuse(Refusal::new(
                    403,
                    "wrong-origin",
                    "requests from other sites are refused",
                ));
            }
        }
        let length = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if length.is_some_and(|n| n > MAX_BODY as u64) {
            return refuse(too_large());
        }
    }
    next.run(request).await
}

fn too_large() -> Refusal {
    Refusal::new(
        413,
        "too-large",
        format!("a request can have at most {MAX_BODY} bytes"),
    )
}

/// Reads a JSON body: declared as JSON, at most [`MAX_BODY`] bytes, sent within the slow-client
/// deadline, and of the expected shape (unknown fields refused).
async fn read_json<T: DeserializeOwned>(
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

fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
}

/// The participant behind `token`, rate-limited per participant.
fn participant(shared: &Shared, token: &str) -> Result<(u32, usize, i64), Refusal> {
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
struct Participant {
    id: u32,
    team: usize,
    respondent: i64,
    token: String,
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
struct Question(String);

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
struct JsonBody<T>(T);

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
struct JoinAttempt;

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

/// The join code (the QR link's token or the short code) through the text rule: the refusal
/// when it does not pass.
fn bad_join(join: &str) -> Option<Response> {
    text::check("the join code", join, JOIN)
        .err()
        .map(|e| refuse_text("join", e))
}

/// A questionnaire as the phone draws it: levels, dimensions and questions with their anchors.
fn questionnaire_json(q: &Questionnaire) -> serde_json::Value {
    json!({
        "title": q.title,
        "levels": q.levels.iter().map(|l| json!({ "value": l.value, "name": l.name })).collect::<Vec<_>>(),
        "dimensions": q.dimensions.iter().map(|d| json!({ "id": d.id, "name": d.name })).collect::<Vec<_>>(),
        "questions": q.questions.iter().map(|x| json!({ "id": x.id, "dimension": x.dimension, "text": x.text, "anchors": x.anchors })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomBody {
    join: String,
}

async fn room(
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
struct JoinBody {
    /// The QR link's token, or the short code from the projector.
    join: String,
    team: i64,
    #[serde(default)]
    name: String,
    /// `practitioner` or `leader`, when the person said.
    #[serde(default)]
    role: Option<String>,
}

async fn join(
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

async fn me(State(shared): State<Shared_>, who: Participant) -> Response {
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
struct AnswerBody {
    /// `"1"` … `"5"`, `"dont-know"`, `"not-applicable"`.
    answer: String,
    #[serde(default)]
    evidence: Option<String>,
}

async fn answer(
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

/// The knowledge check as this phone sees it. The option order is the app's shuffle: for a
/// named participant whose learner profile exists, that learner's next attempt at the module
/// (as the app would show it); otherwise this participant's own order in the session.
async fn quiz(State(shared): State<Shared_>, who: Participant) -> Response {
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
struct QuizAnswerBody {
    /// Authored option indexes (what `GET /api/quiz` calls `index`).
    chosen: Vec<usize>,
}

async fn quiz_answer(
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

/// The practice round as this phone sees it: whose device answers for the group; the device
/// itself also gets the questions (never the key) and the group's answers so far.
async fn practice(State(shared): State<Shared_>, who: Participant) -> Response {
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
    let answers = match shared
        .writer
        .run(move |store| {
            Ok(store
                .practice_round(workshop_id)?
                .into_iter()
                .find(|g| g.workshop_team_id == link)
                .map(|g| g.answers)
                .unwrap_or_default())
        })
        .await
    {
        Ok(a) => a,
        Err(e) => return unavailable(e),
    };
    let answers: serde_json::Map<String, serde_json::Value> = answers
        .into_iter()
        .filter_map(|(qid, a)| Some((qid, json!(a.code()?))))
        .collect();
    Json(json!({
        "seat": seat,
        "questionnaire": questionnaire_json(&q),
        "answers": answers,
    }))
    .into_response()
}

async fn practice_claim(State(shared): State<Shared_>, who: Participant) -> Response {
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
struct PracticeBody {
    /// `"1"` … `"5"` or `"dont-know"`.
    answer: String,
}

async fn practice_answer(
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

/// Counts a participant's open event streams; the count drops with the stream.
struct StreamGuard {
    shared: Shared_,
    id: u32,
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        if let Some(p) = self.shared.room().participant_mut(self.id) {
            p.streams = p.streams.saturating_sub(1);
        }
    }
}

enum Stage {
    Hello(Mode),
    Live,
    Done,
}

async fn events(State(shared): State<Shared_>, request: Request) -> Response {
    let token = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .unwrap_or("")
        .to_string();
    let (id, _, _) = match participant(&shared, &token) {
        Ok(p) => p,
        Err(r) => return refuse(r),
    };
    let (rx, mode) = {
        let mut room = shared.room();
        if let Some(p) = room.participant_mut(id) {
            p.streams += 1;
        }
        (shared.events.subscribe(), room.mode.clone())
    };
    let guard = StreamGuard {
        shared: shared.clone(),
        id,
    };
    let stream = futures_util::stream::unfold(
        (rx, Stage::Hello(mode), guard),
        |(mut rx, stage, guard)| async move {
            let event = match stage {
                Stage::Done => return None,
                Stage::Hello(mode) => {
                    let e = Event::default()
                        .event("hello")
                        .retry(Duration::from_secs(2))
                        .json_data(&mode)
                        .ok()?;
                    return Some((Ok::<_, Infallible>(e), (rx, Stage::Live, guard)));
                }
                Stage::Live => loop {
                    match rx.recv().await {
                        Ok(Push::Mode(mode)) => {
                            break (
                                Event::default().event("mode").json_data(&mode).ok()?,
                                Stage::Live,
                            )
                        }
                        Ok(Push::Removed(who)) if who == guard.id => {
                            break (
                                Event::default().event("removed").data("removed"),
                                Stage::Done,
                            )
                        }
                        Ok(Push::Removed(_)) => continue,
                        Ok(Push::Practice) => {
                            break (
                                Event::default().event("practice").data("practice"),
                                Stage::Live,
                            )
                        }
                        Ok(Push::Ended) | Err(broadcast::error::RecvError::Closed) => {
                            break (Event::default().event("ended").data("ended"), Stage::Done)
                        }
                        // Missed pushes: the page reloads its state.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            break (Event::default().event("resync").data("resync"), Stage::Live)
                        }
                    }
                },
            };
            Some((Ok(event.0), (rx, event.1, guard)))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
