//! The live session's projector in the app: a knowledge check run question by question (the
//! distribution appears only once the question is closed, the results land as learner
//! results) and the EJ Airways practice round's progress per group. The participants are
//! plain HTTP clients on loopback (the phone page itself is covered by the live crate's tests
//! and looked at in headless Chromium).

use std::io::{Read, Write};
use std::time::Duration;

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;
use serde_json::{json, Value};

use super::setup::{add_team, create_workshop, start_live};

/// One HTTP request to the session's server; the status and the JSON body.
async fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Result<(u16, Value)> {
    let addr = addr.to_string();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(t) = token {
        request.push_str(&format!("Authorization: Bearer {t}\r\n"));
    }
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    if !body.is_empty() {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    let reply = tokio::task::spawn_blocking(move || -> std::io::Result<String> {
        let mut stream = std::net::TcpStream::connect(&addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.write_all(request.as_bytes())?;
        let mut reply = String::new();
        stream.read_to_string(&mut reply)?;
        Ok(reply)
    })
    .await??;
    let status: u16 = reply
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no HTTP status")?;
    let (_, body) = reply.split_once("\r\n\r\n").ok_or("no HTTP body")?;
    Ok((status, serde_json::from_str(body).unwrap_or(Value::Null)))
}

async fn text_of(app: &App, css: &str) -> Result<String> {
    Ok(app.wait_for(css).await?.text().await?.trim().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_projector_runs_a_knowledge_check_and_follows_the_practice_round() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let app = App::start(&db).await?;

    create_workshop(&app, "Live day").await?;
    add_team(&app, "Booking", &["Ana"]).await?;
    add_team(&app, "Loyalty", &["Ben"]).await?;

    // ---- Start the session on loopback. ----
    let address = start_live(&app, None).await?;
    let addr = address
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let code = text_of(&app, "#live-code").await?;

    let (_, room) = http(
        &addr,
        "POST",
        "/api/room",
        None,
        Some(json!({ "join": code })),
    )
    .await?;
    let teams: Vec<i64> = room["teams"]
        .as_array()
        .ok_or("no teams")?
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    let mut tokens = Vec::new();
    for (team, name) in [(teams[0], "Ana"), (teams[1], "Ben")] {
        let (status, joined) = http(
            &addr,
            "POST",
            "/api/join",
            None,
            Some(json!({ "join": code, "team": team, "name": name })),
        )
        .await?;
        assert_eq!(status, 201, "{joined}");
        tokens.push(joined["token"].as_str().ok_or("no token")?.to_string());
    }

    // ---- The knowledge check of the first module, question 1. ----
    app.click("#live-quiz-start").await?;
    let prompt = text_of(&app, "#live-quiz-prompt").await?;
    assert!(!prompt.is_empty());
    app.click("#live-quiz-open").await?;
    // The phones answer once the projector says the question is open, not at once: the
    // click's command may not have opened it yet.
    app.wait_for_any_text("#live-quiz .live-quiz-meta", "answering")
        .await?;
    let mut chosen = Vec::new();
    for token in &tokens {
        let (_, view) = http(&addr, "GET", "/api/quiz", Some(token), None).await?;
        assert_eq!(
            view["prompt"].as_str(),
            Some(prompt.as_str()),
            "the projector's question"
        );
        let id = view["id"].as_str().ok_or("no question id")?.to_string();
        let first = view["options"][0]["index"].as_u64().ok_or("no option")?;
        let (status, reply) = http(
            &addr,
            "PUT",
            &format!("/api/quiz/{id}"),
            Some(token),
            Some(json!({ "chosen": [first] })),
        )
        .await?;
        assert_eq!(status, 200, "{reply}");
        chosen.push(first as usize);
    }
    app.wait_for_any_text("#live-quiz", "2 of 2 answered")
        .await?;
    assert!(
        app.client
            .find_all(Locator::Css("#live-quiz .live-quiz-count"))
            .await?
            .is_empty(),
        "no distribution on the projector while the question is open"
    );
    app.keep_screenshot("live-quiz-open.png").await?;
    app.click("#live-quiz-close").await?;
    app.wait_for("#live-quiz .live-quiz-count").await?;
    let counts: Vec<String> = {
        let mut counts = Vec::new();
        for e in app
            .client
            .find_all(Locator::Css("#live-quiz .live-quiz-count"))
            .await?
        {
            counts.push(e.text().await?);
        }
        counts
    };
    let mut expected = vec![0; counts.len()];
    for c in &chosen {
        expected[*c] += 1;
    }
    let expected: Vec<String> = expected.iter().map(|n: &u32| n.to_string()).collect();
    assert_eq!(counts, expected, "people per option, authored order");
    assert!(
        !app.client
            .find_all(Locator::Css(
                "#live-quiz-options li.right, #live-quiz li.right"
            ))
            .await?
            .is_empty(),
        "the right option is marked once closed"
    );
    for (width, height) in [(800, 560), (1024, 768), (1920, 1080)] {
        app.client.set_window_size(width, height).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.keep_screenshot(&format!("live-quiz-closed-{width}.png"))
            .await?;
    }

    // ---- The other questions, then finish: the named results are stored. ----
    app.client.set_window_size(1280, 900).await?;
    let questions: usize = text_of(&app, "#live-quiz .live-quiz-meta")
        .await?
        .split(" of ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .ok_or("no question count")?;
    for n in 2..=questions {
        app.click("#live-quiz-next").await?;
        app.wait_for_any_text("#live-quiz .live-quiz-meta", &format!("Question {n} of"))
            .await?;
        app.click("#live-quiz-open").await?;
        app.wait_for_any_text("#live-quiz .live-quiz-meta", "answering")
            .await?;
        for token in &tokens {
            let (_, view) = http(&addr, "GET", "/api/quiz", Some(token), None).await?;
            let id = view["id"].as_str().ok_or("no question id")?.to_string();
            let first = view["options"][0]["index"].clone();
            let (status, _) = http(
                &addr,
                "PUT",
                &format!("/api/quiz/{id}"),
                Some(token),
                Some(json!({ "chosen": [first] })),
            )
            .await?;
            assert_eq!(status, 200);
        }
        app.wait_for_any_text("#live-quiz", "2 of 2 answered")
            .await?;
        app.click("#live-quiz-close").await?;
        app.wait_for("#live-quiz .live-quiz-count").await?;
    }
    app.click("#live-quiz-finish").await?;
    app.wait_for_any_text("#live-quiz-summary", "Stored as learner results: 2")
        .await?;
    let (_, anas) = http(&addr, "GET", "/api/quiz", Some(&tokens[0]), None).await?;
    assert_eq!(anas["phase"], "finished");
    assert_eq!(anas["result"]["stored"], true, "{anas}");
    app.keep_screenshot("live-quiz-finished.png").await?;

    // ---- The practice round: Ana's device answers for Booking. ----
    app.click("#live-practice-start").await?;
    app.wait_for_any_text("#live-practice", "no device yet")
        .await?;
    let (status, _) = http(&addr, "POST", "/api/practice/claim", Some(&tokens[0]), None).await?;
    assert_eq!(status, 200);
    let (status, reply) = http(
        &addr,
        "PUT",
        "/api/practice/customer-centric-1",
        Some(&tokens[0]),
        Some(json!({ "answer": "2" })),
    )
    .await?;
    assert_eq!(status, 200, "{reply}");
    app.wait_for_any_text("#live-practice li[data-group='Booking']", "1/83")
        .await?;
    app.wait_for_any_text("#live-practice li[data-group='Booking']", "on Ana's device")
        .await?;
    app.keep_screenshot("live-practice.png").await?;
    app.quit().await?;

    let store = devops_maturity_store::Store::open(&db)?;
    let learners = store.learners()?;
    let names: Vec<&str> = learners.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben"], "a learner per named participant");
    for l in &learners {
        let results = store.quiz_results(l.id)?;
        assert_eq!(results.len(), 1, "one result for {}", l.name);
        assert_eq!(results[0].total as usize, questions);
    }
    Ok(())
}
