//! A live session, end to end: the app starts a session on 127.0.0.1 from a workshop; a phone
//! (headless Chromium, 390 × 844 mobile emulation) opens the join link shown on the projector
//! view, joins its team by name, answers, loses its network while it answers more, gets it
//! back, reloads the page as a phone waking up would, and answers the rest. The database then
//! holds every answer once, under the one person, as the phone sent it.

use devops_maturity_e2e::{App, Browser, Phone, Result};
use devops_maturity_store::Store;
use fantoccini::Locator;

use super::setup::{add_team, create_workshop, start_live};

/// What the phone answers to the question at `index` (0-based): levels 1–5 in turn, with a
/// "don't know" every seventh question.
fn answer(index: usize) -> &'static str {
    if index % 7 == 6 {
        "dont-know"
    } else {
        ["1", "2", "3", "4", "5"][index % 5]
    }
}

/// The phone's button for `answer` on the current question.
fn button(answer: &str) -> String {
    match answer {
        "dont-know" => ".other button:nth-child(1)".into(),
        level => format!(".choices button:nth-child({level})"),
    }
}

/// The phone shows question `index` (0-based) of `total`.
async fn on_question(phone: &Phone, index: usize, total: usize) -> Result<()> {
    phone
        .wait_for_text(
            ".progress span:first-child",
            &format!("Question {} of {total}", index + 1),
        )
        .await?;
    Ok(())
}

/// Answers questions `from..to` on the phone, one tap each; the page moves on by itself.
async fn answer_questions(phone: &Phone, from: usize, to: usize, total: usize) -> Result<()> {
    for i in from..to {
        on_question(phone, i, total).await?;
        phone.click(&button(answer(i))).await?;
        phone
            .wait_for_text("#done", &format!("{} answered", i + 1))
            .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_phone_joins_answers_loses_the_network_resumes_and_every_answer_is_stored_once(
) -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let app = App::start(&db).await?;

    // ---- The facilitator: a workshop with one team, Ana listed by name. ----
    create_workshop(&app, "Live day").await?;
    add_team(&app, "Booking", &["Ana"]).await?;

    // ---- Start the live session on loopback, on a port that is free. ----
    let address = start_live(&app, Some("live-setup.png")).await?;
    let link = app
        .wait_for("#live-join-link")
        .await?
        .attr("value")
        .await?
        .ok_or("the projector shows no join link")?;
    assert!(
        link.starts_with(&format!("{address}#")) && link.len() == address.len() + 1 + 64,
        "the join link is the address and the 256-bit join token: {link}"
    );
    let qr = app
        .wait_for("img.live-qr")
        .await?
        .attr("src")
        .await?
        .unwrap_or_default();
    assert!(
        qr.starts_with("data:image/svg+xml"),
        "the QR code is an SVG shown beside the link"
    );
    app.keep_screenshot("live-projector.png").await?;

    // ---- The phone opens the link, picks the team and types its name. ----
    let phone = Phone::start().await?;
    phone.client.goto(&link).await?;
    phone.wait_for_text("h2", "Which team are you in?").await?;
    assert_eq!(
        phone.client.current_url().await?.fragment(),
        None,
        "the page takes the token out of the address bar"
    );
    phone.click(".teams button").await?;
    // Typed in capitals: the name key makes it the "Ana" the facilitator listed.
    phone.wait_for("#name").await?.send_keys("ANA").await?;
    // Ana leads the team: she says so when joining (the role goes with her seat).
    phone.click("button[data-role='leader']").await?;
    phone
        .wait_for("button[data-role='leader'][aria-pressed='true']")
        .await?;
    phone.keep_screenshot("live-phone-join.png").await?;
    phone.click("#join").await?;
    let first = phone
        .wait_for(".progress span:first-child")
        .await?
        .text()
        .await?;
    let total: usize = first
        .strip_prefix("Question 1 of ")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("the phone shows {first:?}"))?;
    assert!(total > 30, "the team's whole questionnaire: {total}");
    phone.wait_for_text(".note", "Ana · Booking").await?;
    let width: i64 = phone
        .client
        .execute("return document.documentElement.clientWidth", vec![])
        .await?
        .as_i64()
        .unwrap_or(0);
    assert_eq!(width, 390, "the page is laid out for the phone's width");

    // ---- The projector view fits the window at the sizes a facilitator meets. ----
    app.wait_for_any_text(".live-team li", "Ana — 0/").await?;
    for (width, height) in [(800, 560), (1024, 768), (1920, 1080)] {
        app.client.set_window_size(width, height).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let wide = app
            .client
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth",
                vec![],
            )
            .await?
            .as_i64()
            .unwrap_or(0);
        assert!(
            wide <= 0,
            "the projector view is {wide} px wider than a {width}×{height} window"
        );
        app.keep_screenshot(&format!("live-projector-{width}x{height}.png"))
            .await?;
    }

    // ---- Ten answers with the network up. ----
    let online = 10;
    answer_questions(&phone, 0, online, total).await?;
    phone.wait_for_text("#status", "saved").await?;
    phone.keep_screenshot("live-phone-question.png").await?;
    let page = phone.wait_for("#main").await?.text().await?;
    assert!(
        !page.contains("null") && !page.contains("undefined"),
        "nothing unfilled on the phone: {page}"
    );
    app.wait_for_any_text(".live-team li", &format!("Ana — {online}/{total}"))
        .await?;

    // ---- The Wi-Fi drops: five more answers wait on the phone. ----
    phone.offline(true).await?;
    let offline = online + 5;
    answer_questions(&phone, online, offline, total).await?;
    phone.wait_for_text("#status", "reconnecting…").await?;
    // The projector still counts ten: the other five are not on the laptop yet.
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    app.wait_for_any_text(".live-team li", &format!("Ana — {online}/{total}"))
        .await?;

    // ---- Back online: the queue is sent; then the page is reloaded (the phone woke up). ----
    phone.offline(false).await?;
    phone.wait_for_text("#status", "saved").await?;
    app.wait_for_any_text(".live-team li", &format!("Ana — {offline}/{total}"))
        .await?;
    phone.client.refresh().await?;
    on_question(&phone, offline, total).await?;
    phone
        .wait_for_text("#done", &format!("{offline} answered"))
        .await?;
    let pressed = phone
        .client
        .find_all(Locator::Css(".choices button[aria-pressed='true']"))
        .await?;
    assert!(
        pressed.is_empty(),
        "question {} is not answered yet",
        offline + 1
    );

    // ---- The rest, then the facilitator ends the session. ----
    answer_questions(&phone, offline, total, total).await?;
    phone.wait_for_text("#status", "saved").await?;
    app.wait_for_any_text(".live-team li", &format!("Ana — {total}/{total}"))
        .await?;
    app.click("#live-end").await?;
    app.click("#live-end-confirm").await?;
    phone
        .wait_for_text("#status", "the session has ended")
        .await?;
    app.wait_for_text("#workshop-title", "Live day").await?;
    phone.quit().await?;
    app.quit().await?;

    // ---- The database: every answer once, under Ana, as she gave it. ----
    let store = Store::open(&db)?;
    let workshop = store
        .workshops()?
        .into_iter()
        .find(|w| w.workshop.name == "Live day")
        .ok_or("the workshop is stored")?;
    let detail = store.workshop(workshop.workshop.id)?;
    let team = &detail.teams[0];
    let people: Vec<(&str, u32)> = team
        .respondents
        .iter()
        .map(|r| (r.name.as_str(), r.answered))
        .collect();
    assert_eq!(
        people,
        [
            ("Ana", total as u32),
            ("Respondent 2", 0),
            ("Respondent 3", 0)
        ],
        "Ana in her listed seat with every answer once; no seat added by the reload"
    );
    let assessment = store.assessment(team.assessment_id)?;
    let questionnaire = store.questionnaire_snapshot(
        &assessment.questionnaire_id,
        &assessment.questionnaire_version,
    )?;
    let stored = store.respondent_answers(team.respondents[0].id)?;
    assert_eq!(stored.len(), total);
    for (i, question) in questionnaire.questions.iter().enumerate() {
        let (got, _) = &stored[&question.id];
        assert_eq!(
            got.code().as_deref(),
            Some(answer(i)),
            "question {} ({})",
            i + 1,
            question.id
        );
    }
    Ok(())
}
