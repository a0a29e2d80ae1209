//! The live server, running, on loopback: a participant's journey, the facilitator's controls,
//! and hostile requests. Each test starts its own session on 127.0.0.1 with an OS-chosen port.

mod client;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use client::{Conn, Events};
use devops_maturity_content::{Quiz, QuizOption, QuizQuestion, QuizQuestionKind, ShuffleKey};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_live::{start, store_in_mutex, Config, Live, Mode};
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;
use serde_json::json;

const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-03T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Two teams on two questionnaires: "Booking" answers `flow-1..3`, "Payments" `pay-1..2`.
struct Room {
    store: Arc<Mutex<Store>>,
    workshop: i64,
    teams: Vec<i64>,
    _dir: tempfile::TempDir,
}

fn questionnaire(id: &str, questions: &[&str]) -> Questionnaire {
    let mut q = Questionnaire::sample([("flow", questions.iter().map(|s| s.to_string()))]);
    q.id = id.into();
    q
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("live.db")).unwrap();
    let w = store
        .create_workshop(
            &NewWorkshop {
                name: "Day one",
                held_on: "2026-12-03",
                ..Default::default()
            },
            now(),
        )
        .unwrap();
    let booking = store
        .add_new_workshop_team(
            w.id,
            "Booking",
            &questionnaire("qa", &["flow-1", "flow-2", "flow-3"]),
            &[String::new()],
            now(),
        )
        .unwrap();
    let payments = store
        .add_new_workshop_team(
            w.id,
            "Payments",
            &questionnaire("qb", &["pay-1", "pay-2"]),
            &[String::new()],
            now(),
        )
        .unwrap();
    Room {
        store: Arc::new(Mutex::new(store)),
        workshop: w.id,
        teams: vec![booking.id, payments.id],
        _dir: dir,
    }
}

fn config() -> Config {
    Config::new(LOCAL, 0)
}

fn serve(room: &Room, config: Config) -> Live {
    start(
        &tokio::runtime::Handle::current(),
        store_in_mutex(room.store.clone()),
        room.workshop,
        config,
    )
    .unwrap()
}

fn join_token(live: &Live) -> String {
    live.join_link().split_once('#').unwrap().1.to_string()
}

/// Answers and respondents stored for the workshop, as the app would read them.
fn stored(room: &Room) -> (usize, usize) {
    let store = room.store.lock().unwrap();
    let detail = store.workshop(room.workshop).unwrap();
    let respondents = detail.teams.iter().map(|t| t.respondents.len()).sum();
    let answers = detail
        .teams
        .iter()
        .flat_map(|t| &t.respondents)
        .map(|r| r.answered as usize)
        .sum();
    (respondents, answers)
}

async fn join(live: &Live, team: i64, name: &str) -> String {
    let mut c = Conn::open(live.addr(), LOCAL).await;
    let body = serde_json::json!({ "join": join_token(live), "team": team, "name": name });
    let r = c
        .send("POST", "/api/join", None, Some(&body.to_string()))
        .await
        .unwrap();
    assert_eq!(r.status, 201, "joined: {}", r.body);
    r.json()["token"].as_str().unwrap().to_string()
}

/// A request with the given header lines and a body with its length.
fn request(method: &str, path: &str, headers: &[&String], body: &str) -> String {
    let mut r = format!("{method} {path} HTTP/1.1\r\n");
    for h in headers {
        r.push_str(h);
        r.push_str("\r\n");
    }
    if !body.is_empty() {
        r.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    r.push_str("\r\n");
    r.push_str(body);
    r
}

async fn put_answer(live: &Live, token: &str, question: &str, answer: &str) -> client::Reply {
    let mut c = Conn::open(live.addr(), LOCAL).await;
    let body = serde_json::json!({ "answer": answer }).to_string();
    c.send(
        "PUT",
        &format!("/api/answers/{question}"),
        Some(token),
        Some(&body),
    )
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_joins_answers_and_resumes_seeing_only_their_own_answers() {
    let room = room();
    let live = serve(&room, config());
    let mut c = Conn::open(live.addr(), LOCAL).await;

    let page = c.send("GET", "/", None, None).await.unwrap();
    assert_eq!(page.status, 200);
    let csp = page
        .header("content-security-policy")
        .expect("a CSP on the page");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(
        page.header("access-control-allow-origin").is_none(),
        "no CORS, ever"
    );
    assert!(
        page.body.contains("/live.js") && !page.body.contains("http"),
        "nothing remote: {}",
        page.body
    );
    for asset in ["/live.js", "/live.css"] {
        assert_eq!(
            c.send("GET", asset, None, None).await.unwrap().status,
            200,
            "{asset}"
        );
    }

    let teams = c
        .send(
            "POST",
            "/api/room",
            None,
            Some(&serde_json::json!({ "join": join_token(&live) }).to_string()),
        )
        .await
        .unwrap();
    assert_eq!(
        teams.json()["teams"].as_array().unwrap().len(),
        2,
        "{}",
        teams.body
    );

    let zoe = join(&live, room.teams[0], "Zoë Ødegård").await;
    let anon = join(&live, room.teams[0], "").await;
    assert_eq!(
        stored(&room),
        (3, 0),
        "Booking's blank placeholder seat was taken and one seat added; Payments keeps its own"
    );

    let me = c
        .send("GET", "/api/me", Some(&zoe), None)
        .await
        .unwrap()
        .json();
    assert_eq!(me["name"], "Zoë Ødegård");
    let ids: Vec<&str> = me["questionnaire"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["flow-1", "flow-2", "flow-3"],
        "only the own team's questionnaire"
    );

    for _ in 0..3 {
        // The same answer sent again (a phone resending after a drop) is stored once.
        let r = put_answer(&live, &zoe, "flow-1", "4").await;
        assert_eq!(
            (r.status, r.json()["saved"].as_bool()),
            (200, Some(true)),
            "{}",
            r.body
        );
    }
    let body = serde_json::json!({ "answer": "dont-know", "evidence": "we never measured it" })
        .to_string();
    let r = c
        .send("PUT", "/api/answers/flow-2", Some(&zoe), Some(&body))
        .await
        .unwrap();
    assert_eq!(r.json()["answered"], 2);
    assert_eq!(stored(&room), (3, 2), "two answers, none doubled");
    {
        let store = room.store.lock().unwrap();
        let team = &store.workshop(room.workshop).unwrap().teams[0];
        let answers = store.respondent_answers(team.respondents[0].id).unwrap();
        assert_eq!(
            answers["flow-1"],
            (Answer::Level(4), None),
            "durable, as the app stores it"
        );
        assert_eq!(answers["flow-2"].1.as_deref(), Some("we never measured it"));
    }

    // Resuming: the phone reloads its own answers; the other person sees none of them.
    let again = c
        .send("GET", "/api/me", Some(&zoe), None)
        .await
        .unwrap()
        .json();
    assert_eq!(again["answers"]["flow-1"]["answer"], "4");
    let other = c
        .send("GET", "/api/me", Some(&anon), None)
        .await
        .unwrap()
        .json();
    assert_eq!(
        other["answers"].as_object().unwrap().len(),
        0,
        "never another person's answers"
    );
    assert_eq!(other["name"], "Respondent 2");

    let overview = live.overview();
    assert_eq!(overview.joined, 2);
    assert_eq!(
        overview.teams[0].participants[0].answered, 2,
        "progress per person"
    );
    live.end().await;
    assert!(
        tokio::net::TcpStream::connect(live.addr()).await.is_err(),
        "the port is closed once the session ends"
    );
}

/// What live_start and live_overview return: the room with one person in, and the modules of
/// the views' mini course that have a check (its QR code, port and join token change each run,
/// so they are written `[qr]`, `[port]`, `[token]` and `[code]`; the QR code is checked to be an
/// SVG).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_projector_view() {
    let room = room();
    let live = serve(&room, config());
    join(&live, room.teams[0], "Ana").await;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../devops-maturity-views/tests/fixtures/mini");
    let content = devops_maturity_content::load_dir(&dir).unwrap();
    let without = live.view(None).unwrap();
    assert!(without.quiz_modules.is_empty(), "no course, no checks");
    let view = live.view(Some(&content.course)).unwrap();
    assert_eq!(view.overview, without.overview);
    assert!(view.qr_svg.contains("<svg"), "{}", view.qr_svg);
    let mut value = serde_json::to_value(&view).unwrap();
    value["qr_svg"] = "[qr]".into();
    let code = value["overview"]["join_code"].as_str().unwrap();
    assert!(code.len() == 7 && code.as_bytes()[3] == b'-', "{code}");
    value["overview"]["join_code"] = "[code]".into();
    let text = value
        .to_string()
        .replace(&join_token(&live), "[token]")
        .replace(&format!(":{}/", live.addr().port()), ":[port]/");
    insta::assert_json_snapshot!(
        "live_view",
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushes_modes_hides_votes_until_the_reveal_and_tells_phones_the_end() {
    let room = room();
    let live = serve(&room, config());
    let ana = join(&live, room.teams[0], "Ana").await;
    let ben = join(&live, room.teams[0], "Ben").await;
    let pia = join(&live, room.teams[1], "Pia").await;
    let mut events = Events::open(live.addr(), LOCAL, &ana).await.unwrap();
    let (name, data) = events.next(Duration::from_secs(5)).await.expect("hello");
    assert_eq!(
        (name.as_str(), data.as_str()),
        ("hello", r#"{"kind":"assessment"}"#)
    );

    live.set_mode(Mode::Vote {
        question_id: "flow-2".into(),
        revealed: false,
    })
    .unwrap();
    let (name, data) = events
        .next(Duration::from_secs(5))
        .await
        .expect("mode pushed");
    assert_eq!(name, "mode");
    assert!(data.contains("flow-2") && data.contains("false"), "{data}");

    assert_eq!(
        put_answer(&live, &ana, "flow-1", "3").await.refused(),
        "wrong-mode",
        "only the vote's question"
    );
    assert_eq!(put_answer(&live, &ana, "flow-2", "2").await.status, 200);
    assert_eq!(put_answer(&live, &ben, "flow-2", "5").await.status, 200);
    assert_eq!(
        put_answer(&live, &pia, "flow-2", "5").await.refused(),
        "no-such-question",
        "another team's question"
    );
    assert!(
        live.vote_results().await.is_err(),
        "hidden before the reveal"
    );
    let me = Conn::open(live.addr(), LOCAL)
        .await
        .send("GET", "/api/me", Some(&ana), None)
        .await
        .unwrap();
    assert!(
        !me.body.contains("\"5\""),
        "a phone never gets anyone else's vote: {}",
        me.body
    );

    let results = live.reveal().await.unwrap();
    insta::assert_json_snapshot!("live_reveal", results);
    assert_eq!(results.teams.len(), 1, "only the team with that question");
    assert_eq!(results.teams[0].distribution, [0, 1, 0, 0, 1]);
    assert_eq!(results.teams[0].spread, 3);
    let (name, data) = events
        .next(Duration::from_secs(5))
        .await
        .expect("reveal pushed");
    assert!(name == "mode" && data.contains("true"), "{name} {data}");
    assert!(
        !data.contains('5') || !data.contains("distribution"),
        "no counts go to phones: {data}"
    );
    assert_eq!(
        put_answer(&live, &ana, "flow-2", "4").await.refused(),
        "revealed"
    );

    let mut pias = Events::open(live.addr(), LOCAL, &pia).await.unwrap();
    pias.next(Duration::from_secs(5)).await.expect("hello");
    live.remove(3).unwrap();
    assert_eq!(
        pias.next(Duration::from_secs(5))
            .await
            .map(|e| e.0)
            .as_deref(),
        Some("removed")
    );
    assert_eq!(
        put_answer(&live, &pia, "pay-1", "1").await.refused(),
        "removed"
    );

    let end = live.end();
    let (ended, _) = tokio::join!(events.next(Duration::from_secs(5)), end);
    assert_eq!(
        ended.map(|e| e.0).as_deref(),
        Some("ended"),
        "every phone is told"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_are_refused_with_json_and_store_nothing() {
    let room = room();
    let mut cfg = config();
    cfg.slow_client = Duration::from_millis(700);
    let live = serve(&room, cfg);
    let ana = join(&live, room.teams[0], "Ana").await;
    let before = stored(&room);
    let addr = live.addr();
    let host = format!("Host: {addr}");
    let bearer = format!("Authorization: Bearer {ana}");
    let json = "Content-Type: application/json".to_string();
    let three = r#"{"answer":"3"}"#;
    let put =
        |headers: &[&String], body: &str| request("PUT", "/api/answers/flow-1", headers, body);
    let evil_host = format!("Host: evil.example:{}", addr.port());
    let evil_origin = "Origin: http://evil.example".to_string();
    let big_length = "Content-Length: 20000".to_string();
    let chunked = "Transfer-Encoding: chunked".to_string();
    let text = "Content-Type: text/plain".to_string();
    let wrong = format!("Authorization: Bearer {}", "f".repeat(64));
    let good_join = serde_json::json!({ "join": join_token(&live), "team": 999 }).to_string();
    let cases: Vec<(&str, String, &str)> = vec![
        ("wrong Host (DNS rebinding)", put(&[&evil_host, &bearer, &json], three), "wrong-host"),
        ("no Host", format!("GET /api/me HTTP/1.0\r\n{bearer}\r\n\r\n"), "wrong-host"),
        ("another site's page", put(&[&host, &evil_origin, &bearer, &json], three), "wrong-origin"),
        ("oversized body", format!("PUT /api/answers/flow-1 HTTP/1.1\r\n{host}\r\n{bearer}\r\n{json}\r\n{big_length}\r\n\r\n"), "too-large"),
        ("oversized chunked body", format!("PUT /api/answers/flow-1 HTTP/1.1\r\n{host}\r\n{bearer}\r\n{json}\r\n{chunked}\r\n\r\n4e20\r\n{}\r\n0\r\n\r\n", "x".repeat(20_000)), "too-large"),
        ("malformed JSON", put(&[&host, &bearer, &json], r#"{"answer""#), "bad-json"),
        ("unknown field", put(&[&host, &bearer, &json], r#"{"answer":"3","admin":true}"#), "bad-json"),
        ("not JSON", put(&[&host, &bearer, &text], "3"), "not-json"),
        ("level out of range", put(&[&host, &bearer, &json], r#"{"answer":"9"}"#), "bad-answer"),
        ("NUL in evidence", put(&[&host, &bearer, &json], r#"{"answer":"3","evidence":"a\u0000b"}"#), "bad-text"),
        ("wrong token", put(&[&host, &wrong, &json], three), "bad-token"),
        ("no token", request("GET", "/api/me", &[&host], ""), "bad-token"),
        ("another team's question", request("PUT", "/api/answers/pay-1", &[&host, &bearer, &json], three), "no-such-question"),
        ("a question id with a path in it", request("PUT", "/api/answers/..%2Fflow-1", &[&host, &bearer, &json], three), "no-such-question"),
        ("a route that does not exist", request("GET", "/admin", &[&host], ""), "not-found"),
        ("a method the route does not take", request("DELETE", "/api/me", &[&host, &bearer], ""), "method"),
        ("joining with a wrong token", request("POST", "/api/join", &[&host, &json], r#"{"join":"nope","team":1,"name":""}"#), "bad-join-token"),
        ("joining a team not in the session", request("POST", "/api/join", &[&host, &json], &good_join), "no-such-team"),
        ("a quiz answer with no check under way", request("PUT", "/api/quiz/k1", &[&host, &bearer, &json], r#"{"chosen":[0]}"#), "no-quiz"),
        ("a quiz answer that is not a list", request("PUT", "/api/quiz/k1", &[&host, &bearer, &json], r#"{"chosen":"all"}"#), "bad-json"),
        ("an oversized quiz answer", format!("PUT /api/quiz/k1 HTTP/1.1\r\n{host}\r\n{bearer}\r\n{json}\r\n{big_length}\r\n\r\n"), "too-large"),
        ("claiming a group's device with a wrong token", request("POST", "/api/practice/claim", &[&host, &wrong], ""), "bad-token"),
        ("a practice answer outside the round", request("PUT", "/api/practice/ej-1", &[&host, &bearer, &json], r#"{"answer":"3"}"#), "wrong-mode"),
        ("a name with control characters", request("POST", "/api/join", &[&host, &json], &serde_json::json!({ "join": join_token(&live), "team": room.teams[0], "name": "a\u{7}b" }).to_string()), "bad-text"),
    ];
    for (what, request, code) in cases {
        let mut c = Conn::open(addr, LOCAL).await;
        let reply = c
            .raw(request.as_bytes())
            .await
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(reply.refused(), code, "{what}: {}", reply.body);
    }
    assert_eq!(stored(&room), before, "nothing stored by any of them");

    // A client that never finishes its headers is cut off.
    let mut slow = client::connect(addr, LOCAL).await;
    tokio::io::AsyncWriteExt::write_all(&mut slow, b"GET /api/me HTTP/1.1\r\nHost: ")
        .await
        .unwrap();
    let mut buf = [0u8; 256];
    let read = tokio::time::timeout(
        Duration::from_secs(5),
        tokio::io::AsyncReadExt::read(&mut slow, &mut buf),
    )
    .await;
    assert!(
        matches!(read, Ok(Ok(_)) | Ok(Err(_))),
        "the server closes a slow client's connection within the deadline"
    );

    // 1,000 joins in a burst with a wrong token, from one address: each a 4xx JSON refusal.
    // Twenty keep-alive connections from four addresses send fifty joins each, at once.
    let burst = (0..20).map(|i| {
        let from = IpAddr::V4(Ipv4Addr::new(127, 0, 3, (i % 4) as u8 + 1));
        async move {
            let mut c = Conn::open(addr, from).await;
            let body =
                serde_json::json!({ "join": "0".repeat(64), "team": 1, "name": "x" }).to_string();
            let mut codes = Vec::new();
            for _ in 0..50 {
                codes.push(
                    c.send("POST", "/api/join", None, Some(&body))
                        .await
                        .unwrap()
                        .refused(),
                );
            }
            codes
        }
    });
    let codes: Vec<String> = futures_util::future::join_all(burst).await.concat();
    assert_eq!(codes.len(), 1_000);
    assert!(
        codes
            .iter()
            .all(|c| c == "bad-join-token" || c == "slow-down"),
        "{codes:?}"
    );
    assert!(
        codes.iter().filter(|c| *c == "slow-down").count() >= 900,
        "the join limit stops the burst"
    );
    assert_eq!(stored(&room), before, "nothing stored by the burst");

    // A replay after the session ended: a new session on the same port refuses the old token.
    let port = addr.port();
    live.end().await;
    let mut cfg = config();
    cfg.port = port;
    let next = serve(&room, cfg);
    assert_eq!(next.addr().port(), port, "the same port again");
    assert_eq!(
        put_answer(&next, &ana, "flow-1", "3").await.refused(),
        "bad-token",
        "tokens die with their session"
    );
    let old = serde_json::json!({ "join": join_token(&live), "team": room.teams[0], "name": "x" })
        .to_string();
    let mut c = Conn::open(next.addr(), LOCAL).await;
    assert_eq!(
        c.send("POST", "/api/join", None, Some(&old))
            .await
            .unwrap()
            .refused(),
        "bad-join-token"
    );
    assert_eq!(stored(&room), before, "nothing stored by the replay");
    next.end().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_text_goes_through_the_core_text_rule_and_names_are_one_per_team() {
    let room = room();
    let live = serve(&room, config());
    let ana = join(&live, room.teams[0], "Ana").await;
    let before = stored(&room);
    let token = join_token(&live);
    let team = room.teams[0];
    let join_as = |name: &str| json!({ "join": token, "team": team, "name": name }).to_string();
    let evidence = |e: &str| json!({ "answer": "3", "evidence": e }).to_string();
    let long_id = "q".repeat(101);
    // (what, method, path, body, field the reply names, start of its message)
    let cases: Vec<(&str, &str, String, String, &str, &str)> = vec![
        ("a bell in a name", "POST", "/api/join".into(), join_as("a\u{7}b"), "name", "a name cannot contain control characters (line breaks, tabs, NUL …): U+0007 at character 2"),
        ("a line break in a name", "POST", "/api/join".into(), join_as("Ana\nBea"), "name", "a name cannot contain control characters"),
        ("a zero-width space in a name", "POST", "/api/join".into(), join_as("An\u{200b}a"), "name", "a name cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+200B at character 3"),
        ("a right-to-left override in a name", "POST", "/api/join".into(), join_as("\u{202e}anA"), "name", "a name cannot contain invisible formatting characters"),
        ("a byte order mark in a name", "POST", "/api/join".into(), join_as("\u{feff}Ana"), "name", "a name cannot contain invisible formatting characters"),
        ("a name too long", "POST", "/api/join".into(), join_as(&"é".repeat(101)), "name", "a name can have at most 100 characters; this has 101"),
        ("NUL in evidence", "PUT", "/api/answers/flow-1".into(), evidence("a\u{0}b"), "evidence", "evidence cannot contain control characters other than line breaks and tabs: U+0000 at character 2"),
        ("an escape in evidence", "PUT", "/api/answers/flow-1".into(), evidence("\u{1b}[31mred"), "evidence", "evidence cannot contain control characters"),
        ("evidence too long", "PUT", "/api/answers/flow-1".into(), evidence(&"x".repeat(10_001)), "evidence", "evidence can have at most 10000 characters; this has 10001"),
        ("a line break in a question id", "PUT", "/api/answers/flow%0A1".into(), evidence("ok"), "question", "the question id cannot contain control characters"),
        ("a question id too long", "PUT", format!("/api/answers/{long_id}"), evidence("ok"), "question", "the question id can have at most 100 characters; this has 101"),
        ("NUL in the join code", "POST", "/api/room".into(), json!({ "join": "ABC\u{0}234" }).to_string(), "join", "the join code cannot contain control characters"),
        ("a join code too long", "POST", "/api/room".into(), json!({ "join": "A".repeat(101) }).to_string(), "join", "the join code can have at most 100 characters"),
    ];
    for (i, (what, method, path, body, field, message)) in cases.into_iter().enumerate() {
        // Each from its own address: the join limit is not what this test is about.
        let mut c = Conn::open(
            live.addr(),
            IpAddr::V4(Ipv4Addr::new(127, 0, 4, i as u8 + 1)),
        )
        .await;
        let reply = c
            .send(method, &path, Some(&ana), Some(&body))
            .await
            .unwrap();
        assert_eq!(
            (reply.status, reply.refused().as_str()),
            (400, "bad-text"),
            "{what}: {}",
            reply.body
        );
        let json = reply.json();
        assert_eq!(json["field"], field, "{what}: the reply names the field");
        let said = json["message"].as_str().unwrap();
        assert!(said.starts_with(message), "{what}: {said}");
    }
    assert_eq!(stored(&room), before, "nothing stored for any refused text");
    assert_eq!(
        live.overview().joined,
        1,
        "nobody seated under a refused name"
    );

    // The same name under `text::name_key` is one name: refused while its owner holds it.
    let mut c = Conn::open(live.addr(), IpAddr::V4(Ipv4Addr::new(127, 0, 5, 1))).await;
    let twin = c
        .send("POST", "/api/join", None, Some(&join_as(" ANA ")))
        .await
        .unwrap();
    assert_eq!(
        (
            twin.status,
            twin.refused().as_str(),
            twin.json()["field"].as_str()
        ),
        (409, "name-taken", Some("name")),
        "{}",
        twin.body
    );
    assert_eq!(stored(&room), before, "no seat for the twin");
    // What the rule allows gets through: a family emoji (joiners between emoji are visible)
    // and evidence on several lines with a tab.
    let family = "👩\u{200d}👩\u{200d}👧 Ana";
    let r = c
        .send("POST", "/api/join", None, Some(&join_as(family)))
        .await
        .unwrap();
    assert_eq!(
        (r.status, r.json()["name"].as_str()),
        (201, Some(family)),
        "{}",
        r.body
    );
    let r = c
        .send(
            "PUT",
            "/api/answers/flow-2",
            Some(&ana),
            Some(&evidence("line one\n\tline two")),
        )
        .await
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    {
        let store = room.store.lock().unwrap();
        let seat = store.workshop(room.workshop).unwrap().teams[0].respondents[0].id;
        assert_eq!(
            store.respondent_answers(seat).unwrap()["flow-2"]
                .1
                .as_deref(),
            Some("line one\n\tline two")
        );
    }
    live.end().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caps_and_the_lock_keep_people_out() {
    let room = room();
    let mut cfg = config();
    cfg.max_participants = 2;
    cfg.max_connections_per_address = 3;
    let live = serve(&room, cfg);
    join(&live, room.teams[0], "").await;
    live.lock(true);
    let body = serde_json::json!({ "join": join_token(&live), "team": room.teams[0] }).to_string();
    let mut c = Conn::open(live.addr(), LOCAL).await;
    assert_eq!(
        c.send("POST", "/api/join", None, Some(&body))
            .await
            .unwrap()
            .refused(),
        "locked"
    );
    live.lock(false);
    join(&live, room.teams[1], "").await;
    assert_eq!(
        c.send("POST", "/api/join", None, Some(&body))
            .await
            .unwrap()
            .refused(),
        "full"
    );
    assert_eq!(stored(&room).0, 2, "no seat beyond the cap");

    // Three connections from one address are open (c and two more); a fourth is closed at once.
    let _a = Conn::open(live.addr(), LOCAL).await;
    let _b = Conn::open(live.addr(), LOCAL).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut d = Conn::open(live.addr(), LOCAL).await;
    assert!(
        d.send("GET", "/", None, None).await.is_err(),
        "over the per-address cap"
    );
    let mut other = Conn::open(live.addr(), IpAddr::V4(Ipv4Addr::new(127, 0, 0, 9))).await;
    assert_eq!(
        other.send("GET", "/", None, None).await.unwrap().status,
        200,
        "another address still gets in"
    );
    live.end().await;
}

// ---- Knowledge check ---------------------------------------------------------------------

fn quiz() -> Arc<Quiz> {
    let question = |id: &str, kind, correct: &[bool]| QuizQuestion {
        id: id.into(),
        kind,
        prompt: format!("prompt of {id}"),
        options: correct
            .iter()
            .enumerate()
            .map(|(i, &c)| QuizOption {
                text: format!("option {i} of {id}"),
                correct: c,
                feedback: format!("why {i}"),
            })
            .collect(),
    };
    Arc::new(Quiz {
        questions: vec![
            question("k1", QuizQuestionKind::Single, &[false, true, false, false]),
            question("k2", QuizQuestionKind::TrueFalse, &[true, false]),
        ],
    })
}

async fn call(
    live: &Live,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
) -> client::Reply {
    let mut c = Conn::open(live.addr(), LOCAL).await;
    c.send(method, path, Some(token), body).await.unwrap()
}

async fn choose(live: &Live, token: &str, question: &str, chosen: &[usize]) -> client::Reply {
    let body = serde_json::json!({ "chosen": chosen }).to_string();
    call(
        live,
        "PUT",
        &format!("/api/quiz/{question}"),
        token,
        Some(&body),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_knowledge_check_runs_question_by_question_and_stores_named_results() {
    let room = room();
    let ann_before = room
        .store
        .lock()
        .unwrap()
        .create_learner("Ann", None, now())
        .unwrap();
    let live = serve(&room, config());
    let ann = join(&live, room.teams[0], "ANN").await;
    let bo = join(&live, room.teams[1], "Bo").await;
    let anon = join(&live, room.teams[0], "").await;
    let mut events = Events::open(live.addr(), LOCAL, &ann).await.unwrap();
    events.next(Duration::from_secs(5)).await.expect("hello");

    assert_eq!(
        call(&live, "GET", "/api/quiz", &ann, None).await.refused(),
        "no-quiz"
    );
    live.start_quiz("intro", "Introduction", quiz()).unwrap();
    let (name, data) = events.next(Duration::from_secs(5)).await.expect("pushed");
    assert_eq!(name, "mode");
    assert!(
        data.contains("\"quiz\"") && data.contains("ready"),
        "{data}"
    );
    assert!(
        !data.contains("prompt"),
        "a push carries no question: {data}"
    );

    let view = call(&live, "GET", "/api/quiz", &ann, None).await.json();
    assert_eq!(
        (view["question"].as_u64(), view["phase"].as_str()),
        (Some(1), Some("ready"))
    );
    assert_eq!(view["prompt"], "prompt of k1");
    let shown: Vec<usize> = view["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["index"].as_u64().unwrap() as usize)
        .collect();
    let expected = quiz().option_order(
        "intro",
        ShuffleKey {
            learner: ann_before.id,
            attempt: 1,
        },
    );
    assert_eq!(
        shown, expected[0],
        "Ann's existing profile's shuffle, as in the app"
    );
    assert!(
        !view.to_string().contains("\"correct\"") && !view.to_string().contains("why"),
        "nothing says what is right before the question closes: {view}"
    );
    assert_eq!(choose(&live, &ann, "k1", &[1]).await.refused(), "not-open");

    live.open_question(30).unwrap();
    assert_eq!(
        choose(&live, &ann, "k2", &[0]).await.refused(),
        "not-current",
        "a later question"
    );
    assert_eq!(
        choose(&live, &ann, "flow-1", &[0]).await.refused(),
        "no-such-question",
        "a question of another quiz"
    );
    assert_eq!(
        choose(&live, &ann, "k1", &[0, 1]).await.refused(),
        "bad-answer"
    );
    for chosen in [0, 1, 1] {
        // Changed, then sent again after a drop: the last answer counts, once.
        assert_eq!(choose(&live, &ann, "k1", &[chosen]).await.status, 200);
    }
    assert_eq!(choose(&live, &bo, "k1", &[2]).await.status, 200);
    assert_eq!(choose(&live, &anon, "k1", &[1]).await.status, 200);
    let projector = live.overview().quiz.unwrap();
    assert_eq!((projector.answered, projector.present), (3, 3));
    assert_eq!(projector.distribution, None, "hidden while open");
    let bos = call(&live, "GET", "/api/quiz", &bo, None).await;
    assert_eq!(
        bos.json()["chosen"],
        serde_json::json!([2]),
        "Bo's own answer"
    );
    assert!(
        !bos.body.contains("distribution") && bos.json()["options"].as_array().unwrap().len() == 4,
        "a phone never gets a count: {}",
        bos.body
    );

    live.close_question().unwrap();
    assert_eq!(choose(&live, &ann, "k1", &[2]).await.refused(), "closed");
    let projector = live.overview().quiz.unwrap();
    assert_eq!(projector.distribution, Some(vec![0, 2, 1, 0]));
    assert_eq!(projector.correct, Some(vec![1]));
    let closed = call(&live, "GET", "/api/quiz", &ann, None).await.json();
    assert!(
        closed.to_string().contains("why 1"),
        "feedback once closed: {closed}"
    );
    assert!(
        live.finish_quiz().await.is_err(),
        "not after the first question"
    );

    live.next_question().unwrap();
    live.open_question(20).unwrap();
    assert_eq!(choose(&live, &ann, "k2", &[0]).await.status, 200);
    assert_eq!(choose(&live, &anon, "k2", &[1]).await.status, 200);
    live.close_question().unwrap();
    let summary = live.finish_quiz().await.unwrap();
    insta::assert_json_snapshot!("live_quiz_finish", summary);
    assert_eq!(
        (summary.stored, summary.anonymous, summary.not_stored),
        (2, 1, 0)
    );
    assert_eq!(
        summary.scores,
        vec![1, 1, 1],
        "Bo 0, anonymous 1, Ann 2 correct"
    );
    assert!(
        live.finish_quiz().await.is_err(),
        "finishing twice stores nothing more"
    );

    {
        let store = room.store.lock().unwrap();
        let learners = store.learners().unwrap();
        let names: Vec<&str> = learners.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ann", "Bo"],
            "Ann matched by name_key; Bo created; nobody anonymous"
        );
        let ann_results = store.quiz_results(ann_before.id).unwrap();
        assert_eq!(ann_results.len(), 1);
        assert_eq!(
            (
                ann_results[0].module_id.as_str(),
                ann_results[0].correct,
                ann_results[0].total
            ),
            ("intro", 2, 2)
        );
        assert_eq!(ann_results[0].answers, vec![vec![1], vec![0]]);
        let bo_learner = learners.iter().find(|l| l.name == "Bo").unwrap();
        assert_eq!(
            bo_learner.team_name.as_deref(),
            Some("Payments"),
            "in the participant's team"
        );
        let bo_results = store.quiz_results(bo_learner.id).unwrap();
        assert_eq!(
            (bo_results[0].correct, bo_results[0].answers.clone()),
            (0, vec![vec![2], vec![]]),
            "an unanswered question counts as wrong"
        );
    }
    let result = call(&live, "GET", "/api/quiz", &ann, None).await.json();
    assert_eq!(result["phase"], "finished");
    assert_eq!(
        result["result"],
        serde_json::json!({ "correct": 2, "total": 2, "stored": true })
    );
    let anons = call(&live, "GET", "/api/quiz", &anon, None).await.json();
    assert_eq!(anons["result"]["stored"], false, "counted, not stored");

    // The same module again: the next attempt is reshuffled, as in the app.
    live.start_quiz("intro", "Introduction", quiz()).unwrap();
    let again = call(&live, "GET", "/api/quiz", &ann, None).await.json();
    let shown: Vec<usize> = again["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["index"].as_u64().unwrap() as usize)
        .collect();
    let second = ShuffleKey {
        learner: ann_before.id,
        attempt: 2,
    };
    assert_eq!(shown, quiz().option_order("intro", second)[0]);
    live.open_question(30).unwrap();

    // A replay after the end: a new session on the same port knows none of the old tokens.
    let port = live.addr().port();
    live.end().await;
    let mut cfg = config();
    cfg.port = port;
    let next = serve(&room, cfg);
    next.start_quiz("intro", "Introduction", quiz()).unwrap();
    next.open_question(30).unwrap();
    assert_eq!(choose(&next, &ann, "k1", &[1]).await.refused(), "bad-token");
    assert_eq!(
        room.store
            .lock()
            .unwrap()
            .quiz_results(ann_before.id)
            .unwrap()
            .len(),
        1,
        "nothing more stored"
    );
    next.end().await;
}

// ---- Practice round ----------------------------------------------------------------------

fn ej_airways() -> Arc<Questionnaire> {
    Arc::new(questionnaire("ej", &["ej-1", "ej-2", "ej-3"]))
}

async fn practise(live: &Live, token: &str, question: &str, answer: &str) -> client::Reply {
    let body = serde_json::json!({ "answer": answer }).to_string();
    call(
        live,
        "PUT",
        &format!("/api/practice/{question}"),
        token,
        Some(&body),
    )
    .await
}

fn practice_answers(room: &Room) -> Vec<(String, std::collections::BTreeMap<String, Answer>)> {
    let store = room.store.lock().unwrap();
    store
        .practice_round(room.workshop)
        .unwrap()
        .into_iter()
        .map(|g| (g.team_name, g.answers))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_group_answers_the_practice_round_from_one_device() {
    let room = room();
    let live = serve(&room, config());
    let ana = join(&live, room.teams[0], "Ana").await;
    let ben = join(&live, room.teams[0], "Ben").await;
    let pia = join(&live, room.teams[1], "Pia").await;
    let mut events = Events::open(live.addr(), LOCAL, &ben).await.unwrap();
    events.next(Duration::from_secs(5)).await.expect("hello");

    assert_eq!(
        call(&live, "POST", "/api/practice/claim", &ana, None)
            .await
            .refused(),
        "wrong-mode",
        "no practice round yet"
    );
    live.start_practice(ej_airways()).await.unwrap();
    let (name, data) = events.next(Duration::from_secs(5)).await.expect("pushed");
    assert_eq!(
        (name.as_str(), data.as_str()),
        ("mode", r#"{"kind":"practice"}"#)
    );
    assert_eq!(
        put_answer(&live, &ana, "flow-1", "3").await.refused(),
        "wrong-mode",
        "the team questionnaire waits"
    );

    let before = call(&live, "GET", "/api/practice", &ana, None).await.json();
    assert_eq!(before["seat"]["mine"], false);
    assert!(
        before.get("questionnaire").is_none(),
        "no questions before the claim"
    );
    assert_eq!(
        practise(&live, &ana, "ej-1", "3").await.refused(),
        "not-your-device"
    );

    let claimed = call(&live, "POST", "/api/practice/claim", &ana, None).await;
    assert_eq!(claimed.json()["seat"]["mine"], true, "{}", claimed.body);
    let (name, data) = events.next(Duration::from_secs(5)).await.expect("pushed");
    assert_eq!(
        (name.as_str(), data.as_str()),
        ("practice", "practice"),
        "Ben's phone looks again; the push names no one"
    );
    let second = call(&live, "POST", "/api/practice/claim", &ben, None).await;
    assert_eq!(
        second.refused(),
        "claimed",
        "a second device of the same group"
    );
    assert_eq!(
        second.json()["message"],
        "your group answers on Ana's device"
    );
    let bens = call(&live, "GET", "/api/practice", &ben, None).await.json();
    assert_eq!(bens["seat"]["device"], "Ana");
    assert!(
        bens.get("answers").is_none(),
        "only the device gets the group's answers"
    );
    assert_eq!(
        practise(&live, &ben, "ej-1", "2").await.refused(),
        "not-your-device"
    );

    for _ in 0..2 {
        let r = practise(&live, &ana, "ej-1", "4").await;
        assert_eq!(
            (r.status, r.json()["answered"].as_u64()),
            (200, Some(1)),
            "{}",
            r.body
        );
    }
    assert_eq!(practise(&live, &ana, "ej-2", "dont-know").await.status, 200);
    assert_eq!(
        practise(&live, &ana, "ej-3", "not-applicable")
            .await
            .refused(),
        "bad-answer"
    );
    assert_eq!(
        practise(&live, &ana, "flow-1", "3").await.refused(),
        "no-such-question",
        "a team questionnaire's question is not a practice question"
    );
    assert_eq!(
        call(&live, "POST", "/api/practice/claim", &pia, None)
            .await
            .status,
        200
    );
    assert_eq!(practise(&live, &pia, "ej-1", "1").await.status, 200);

    let device = call(&live, "GET", "/api/practice", &ana, None).await;
    let json = device.json();
    assert_eq!(
        json["answers"],
        serde_json::json!({ "ej-1": "4", "ej-2": "dont-know" })
    );
    assert_eq!(
        json["questionnaire"]["questions"].as_array().unwrap().len(),
        3
    );
    assert!(
        !device.body.contains("reason") && !device.body.contains("key"),
        "the key is never sent: {}",
        device.body
    );
    assert_eq!(
        practice_answers(&room),
        vec![
            (
                "Booking".to_string(),
                [
                    ("ej-1".to_string(), Answer::Level(4)),
                    ("ej-2".to_string(), Answer::DontKnow)
                ]
                .into()
            ),
            (
                "Payments".to_string(),
                [("ej-1".to_string(), Answer::Level(1))].into()
            ),
        ],
        "stored as the app's practice round stores them, once each"
    );
    let progress = live.overview().practice.unwrap();
    let groups: Vec<(String, Option<String>, u32)> = progress
        .groups
        .iter()
        .map(|g| (g.name.clone(), g.device.clone(), g.answered))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("Booking".into(), Some("Ana".into()), 2),
            ("Payments".into(), Some("Pia".into()), 1)
        ]
    );

    // The facilitator removes Ana: Ben's device may take over, and sees the answers so far.
    live.remove(1).unwrap();
    assert_eq!(
        call(&live, "POST", "/api/practice/claim", &ben, None)
            .await
            .status,
        200
    );
    let bens = call(&live, "GET", "/api/practice", &ben, None).await.json();
    assert_eq!(bens["answers"]["ej-1"], "4");

    // Back to the assessment and to the round again: the progress comes from the store.
    live.set_mode(Mode::Assessment).unwrap();
    assert_eq!(
        practise(&live, &ben, "ej-3", "2").await.refused(),
        "wrong-mode"
    );
    live.start_practice(ej_airways()).await.unwrap();
    assert_eq!(live.overview().practice.unwrap().groups[0].answered, 2);

    // A replay after the end changes nothing.
    let port = live.addr().port();
    live.end().await;
    let mut cfg = config();
    cfg.port = port;
    let next = serve(&room, cfg);
    next.start_practice(ej_airways()).await.unwrap();
    assert_eq!(
        practise(&next, &ben, "ej-3", "2").await.refused(),
        "bad-token"
    );
    assert_eq!(
        call(&next, "POST", "/api/practice/claim", &pia, None)
            .await
            .refused(),
        "bad-token"
    );
    assert_eq!(practice_answers(&room)[0].1.len(), 2, "nothing more stored");
    next.end().await;
}

/// A group's answers given on an earlier version of the practice questionnaire: the one to a
/// question that version asked differently is open again on the device (and not counted in
/// the progress), as on the app's answering page; the one to an unchanged question stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_to_another_wording_is_open_again_on_the_device() {
    let room = room();
    let mut older = questionnaire("ej", &["ej-1", "ej-2", "ej-3"]);
    older.version = "0".into();
    older.questions[0].text = "ej-1, asked about two things".into();
    {
        let mut store = room.store.lock().unwrap();
        // An earlier workshop on the older version, so the database holds its text.
        let earlier = store
            .create_workshop(
                &NewWorkshop {
                    name: "Day zero",
                    held_on: "2026-06-03",
                    ..Default::default()
                },
                now(),
            )
            .unwrap();
        store
            .add_new_workshop_team(earlier.id, "Archive", &older, &[String::new()], now())
            .unwrap();
        for (question, level) in [("ej-1", 4), ("ej-2", 2)] {
            store
                .save_practice_answer(room.teams[0], &older, question, Answer::Level(level), now())
                .unwrap();
        }
    }
    let live = serve(&room, config());
    let ana = join(&live, room.teams[0], "Ana").await;
    live.start_practice(ej_airways()).await.unwrap();
    assert_eq!(
        live.overview().practice.unwrap().groups[0].answered,
        1,
        "ej-2 counts; ej-1 was answered to another wording"
    );
    assert_eq!(
        call(&live, "POST", "/api/practice/claim", &ana, None)
            .await
            .status,
        200
    );
    let device = call(&live, "GET", "/api/practice", &ana, None).await.json();
    assert_eq!(device["answers"], json!({ "ej-2": "2" }));
    let r = practise(&live, &ana, "ej-1", "3").await;
    assert_eq!(
        (r.status, r.json()["answered"].as_u64()),
        (200, Some(2)),
        "answered again on today's wording: {}",
        r.body
    );
    live.end().await;
}

/// A participant says what they do in the team when joining: the role is kept on their seat;
/// a role that is neither "practitioner" nor "leader" is refused and seats nobody.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_joins_with_their_role() {
    let room = room();
    let live = serve(&room, config());
    let send = |body: serde_json::Value| {
        let addr = live.addr();
        async move {
            let mut c = Conn::open(addr, LOCAL).await;
            c.send("POST", "/api/join", None, Some(&body.to_string()))
                .await
                .unwrap()
        }
    };
    let bad = send(serde_json::json!({
        "join": join_token(&live), "team": room.teams[0], "name": "Ana", "role": "boss"
    }))
    .await;
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert_eq!(bad.json()["error"], "bad-role", "{}", bad.body);
    assert_eq!(
        stored(&room).0,
        2,
        "nobody seated: each team keeps its one placeholder"
    );

    for (name, role) in [
        ("Ana", Some("leader")),
        ("Ben", Some("practitioner")),
        ("Cy", None),
    ] {
        let mut body =
            serde_json::json!({ "join": join_token(&live), "team": room.teams[0], "name": name });
        if let Some(role) = role {
            body["role"] = role.into();
        }
        let r = send(body).await;
        assert_eq!(r.status, 201, "{name} joined: {}", r.body);
    }
    let store = room.store.lock().unwrap();
    let detail = store.workshop(room.workshop).unwrap();
    let roles: Vec<(String, Option<devops_maturity_core::Role>)> = detail.teams[0]
        .respondents
        .iter()
        .map(|r| (r.name.clone(), r.role))
        .collect();
    use devops_maturity_core::Role;
    assert_eq!(
        roles,
        [
            ("Ana".to_string(), Some(Role::Leader)),
            ("Ben".to_string(), Some(Role::Practitioner)),
            ("Cy".to_string(), None),
        ]
    );
}

/// What live_interfaces returns depends on the machine's network, so only its shape is pinned:
/// every entry has the same four fields, and the loopback entry that is always offered is
/// snapshotted with its interface name (`lo`, `lo0` …) written `[name]`.
#[test]
fn the_interfaces_offered() {
    let list = serde_json::to_value(devops_maturity_live::interfaces()).unwrap();
    let list = list.as_array().unwrap();
    for entry in list {
        let mut keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["ip", "loopback", "name", "private"], "{entry}");
    }
    let mut loopback = list
        .iter()
        .find(|i| i["ip"] == "127.0.0.1")
        .expect("loopback is always offered")
        .clone();
    loopback["name"] = "[name]".into();
    insta::assert_json_snapshot!("live_interfaces_loopback", loopback);
}
