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
//!
//! Here: the router, the guard and the refusals; `extract` the checks every handler starts
//! with (participant, question id, JSON body, join limit); one module per group of routes:
//! `join` (room, join), `answers` (me, answers), `quiz`, `practice`, `events`.

mod answers;
mod events;
mod extract;
mod join;
mod practice;
mod quiz;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use devops_maturity_core::answers_file::{MAX_EVIDENCE, MAX_NAME};
use devops_maturity_core::text::{Rule, TextError};
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::room::Refusal;
use crate::serve::Shared;
use crate::writer::WriteError;
use answers::{answer, me};
use events::events;
use join::{join, room};
use practice::{practice, practice_answer, practice_claim};
use quiz::{quiz, quiz_answer};

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

const INDEX_HTML: &str = include_str!("../page/index.html");
const LIVE_CSS: &str = include_str!("../page/live.css");
const LIVE_JS: &str = include_str!("../page/live.js");

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
