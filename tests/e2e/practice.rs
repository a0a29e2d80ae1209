//! The EJ Airways practice round and the projector dashboard. Two groups answer a few questions
//! about the case (clicks for one, the keys for the other); the comparison shows where they
//! disagree, and keeps the key, its reasoning and each group's distance to it on a question
//! hidden until "Reveal reasoning" is pressed for it. Then one person of Booking answers a dimension of the team's
//! own assessment and the projector dashboard shows the score in the heatmap's cell.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

use super::setup::{add_team, create_workshop};

async fn text_of(app: &App, css: &str) -> Result<String> {
    Ok(app.wait_for(css).await?.text().await?.trim().to_string())
}

/// Chooses `answer` for `question` in the practice round and waits until it is saved.
async fn practise(app: &App, question: &str, answer: &str, by_key: bool) -> Result<()> {
    if by_key {
        let key = if answer == "dont-know" { "d" } else { answer };
        app.wait_for(&format!("input[name='practice-{question}'][value='1']"))
            .await?
            .send_keys(key)
            .await?;
    } else {
        app.click(&format!("label[for='practice-{question}-{answer}']"))
            .await?;
    }
    app.wait_for(&format!(
        "fieldset[data-question='{question}'][data-state='saved'] input[value='{answer}']:checked"
    ))
    .await?;
    Ok(())
}

/// The distance text of `group` in the comparison card of `question`.
async fn distance(app: &App, question: &str, group: &str) -> Result<String> {
    text_of(
        app,
        &format!("#compare-{question} tr[data-group='{group}'] td.distance"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn groups_practise_on_ej_airways_and_the_dashboard_shows_the_class() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    // The save dialog answers with this path (the test hook of the shell's save commands).
    let png = dir.path().join("heatmap.png");
    let app = App::start_with_env(
        &dir.path().join("studio.db"),
        &[(
            "DEVOPS_MATURITY_E2E_DIALOG_PATH",
            png.to_str().ok_or("temp path is not UTF-8")?,
        )],
    )
    .await?;

    // ---- A workshop with two teams. ----
    create_workshop(&app, "Practice day").await?;
    let workshop_url = app.client.current_url().await?;
    add_team(&app, "Booking", &["Ana"]).await?;
    add_team(&app, "Loyalty", &["Ben"]).await?;

    // ---- The practice round: Booking by clicks, Loyalty by keys. ----
    app.click("a[data-action='practice']").await?;
    app.wait_for_text("#practice-group-name", "Booking").await?;
    app.wait_for_text("#practice-dimension-position", "Dimension 1 of 18")
        .await?;
    // The round starts in the first question, so its keys work at once (issue 13).
    let focused = app
        .client
        .execute(
            "return !!document.activeElement.closest('fieldset.question');",
            vec![],
        )
        .await?;
    assert_eq!(
        focused,
        serde_json::json!(true),
        "focus is in the first question"
    );
    // The key says level 1 for customer-centric-1 and -2 (see content/assessment/ej-airways-key.toml).
    practise(&app, "customer-centric-1", "1", false).await?;
    practise(&app, "customer-centric-2", "4", false).await?;
    practise(&app, "customer-centric-3", "dont-know", true).await?;
    app.wait_for_text("#practice-answer-count", "3 of 83 answered")
        .await?;

    app.click(".practice-groups button:nth-of-type(2)").await?;
    app.wait_for_text("#practice-group-name", "Loyalty").await?;
    // The group's questions are drawn (with whatever answers it holds) before none is checked.
    app.wait_for("fieldset.question input").await?;
    assert!(
        app.client
            .find_all(Locator::Css("fieldset.question input:checked"))
            .await?
            .is_empty(),
        "Loyalty starts with none of Booking's answers on screen"
    );
    practise(&app, "customer-centric-1", "3", true).await?;
    practise(&app, "customer-centric-2", "1", true).await?;
    app.wait_for_text("#practice-answer-count", "2 of 83 answered")
        .await?;

    // ---- The comparison. ----
    app.click(".practice-nav a[href$='/compare']").await?;
    app.wait_for("#practice-summary").await?;
    assert_eq!(
        text_of(
            &app,
            "#practice-summary tr[data-group='Booking'] .group-mean"
        )
        .await?,
        "1.50",
        "Booking: 0 and 3 levels from the key"
    );
    assert_eq!(
        text_of(
            &app,
            "#practice-summary tr[data-group='Loyalty'] .group-mean"
        )
        .await?,
        "1.00",
        "Loyalty: 2 and 0 levels from the key"
    );
    // Where the groups disagree, widest spread first: question 2 (4 against 1), then 1 (1 against 3).
    let order: Vec<String> = {
        let mut ids = Vec::new();
        for card in app
            .client
            .find_all(Locator::Css("#compare-questions .compare-question"))
            .await?
        {
            ids.push(card.attr("data-question").await?.unwrap_or_default());
        }
        ids
    };
    assert_eq!(order, ["customer-centric-2", "customer-centric-1"]);
    // Before the reveal no card says how far a group is from the key: with the groups' levels
    // on screen, "on the key" or "N levels away" would give the key away.
    for (question, group) in [
        ("customer-centric-2", "Booking"),
        ("customer-centric-2", "Loyalty"),
        ("customer-centric-1", "Loyalty"),
    ] {
        assert_eq!(
            distance(&app, question, group).await?,
            "shown with the key",
            "{group} on {question} before the reveal"
        );
    }
    let cards = text_of(&app, "#compare-questions").await?;
    assert!(
        !cards.contains("on the key") && !cards.contains("levels away"),
        "no distance to the key on any card before its reveal: {cards}"
    );
    assert!(
        text_of(&app, "#compare-customer-centric-2 .badge-hot")
            .await?
            .to_lowercase()
            .contains("3 levels apart"),
        "the disagreement is marked (the badge is styled in capitals)"
    );

    // The key stays hidden until asked for, one question at a time.
    let hidden = app
        .wait_for("#compare-customer-centric-2 .key-reveal")
        .await?;
    assert_eq!(hidden.text().await?.trim(), "", "no key before the reveal");
    assert!(
        !app.client
            .source()
            .await?
            .contains("Nothing suggests developers meet passengers"),
        "the key's reasoning is not in the page before the reveal"
    );
    app.click("#compare-customer-centric-2 .reveal-button")
        .await?;
    app.wait_for_text(
        "#compare-customer-centric-2 .key-level",
        "The key: level 1 Initial",
    )
    .await?;
    assert_eq!(
        distance(&app, "customer-centric-2", "Booking").await?,
        "3 levels away",
        "the reveal brings the distances of that question"
    );
    assert_eq!(
        distance(&app, "customer-centric-2", "Loyalty").await?,
        "on the key"
    );
    assert_eq!(
        distance(&app, "customer-centric-1", "Loyalty").await?,
        "shown with the key",
        "and of that question only"
    );
    let reason = text_of(&app, "#compare-customer-centric-2 .key-reason").await?;
    assert!(
        reason.contains("How work is organised")
            && reason.contains("Nothing suggests developers meet passengers"),
        "the reason, pointing to the fact sheet: {reason}"
    );
    assert_eq!(
        text_of(&app, "#compare-customer-centric-1 .key-reveal").await?,
        "",
        "the other question's key is still hidden"
    );
    app.keep_screenshot("practice-compare.png").await?;

    // ---- Booking's own assessment: Ana answers the first dimension. ----
    app.client.goto(workshop_url.as_str()).await?;
    app.click(".workshop-team-grid > article:nth-child(1) a[data-action='answer']")
        .await?;
    app.click("#handover-start").await?;
    for (i, level) in ["2", "3", "2", "3", "2"].iter().enumerate() {
        let q = format!("customer-centric-{}", i + 1);
        app.wait_for(&format!("input[name='q-{q}'][value='1']"))
            .await?
            .send_keys(level)
            .await?;
        app.wait_for(&format!(
            "fieldset[data-question='{q}'][data-state='saved'] input[value='{level}']:checked"
        ))
        .await?;
    }

    // ---- The projector dashboard, on a projector's 1024x768. ----
    app.client.set_window_size(1024, 768).await?;
    app.client.goto(workshop_url.as_str()).await?;
    app.click("a[data-action='dashboard']").await?;
    let cells = "#heatmap .heat-row[data-dimension='customer-centric'] .heat-cell";
    // Booking's score (mean of 2, 3, 2, 3, 2) is written in its cell; Loyalty has not
    // answered; the workshop median of the teams that have a score.
    app.wait_for_texts(cells, &["2.4", "–", "2.4"]).await?;
    let row = app.client.find_all(Locator::Css(cells)).await?;
    let mut levels = Vec::new();
    for cell in &row {
        levels.push(cell.attr("data-level").await?.unwrap_or_default());
    }
    assert_eq!(
        levels,
        ["2", "none", "2"],
        "the cells' levels (their colours) come from Rust, the median's too: 2.4 is level 2"
    );
    app.keep_screenshot("dashboard-1024x768.png").await?;
    let empty = app
        .client
        .find_all(Locator::Css("#heatmap .heat-cell.heat-empty"))
        .await?;
    assert!(
        empty.len() >= 17,
        "the other dimensions show “–” (not enough answers), not a number"
    );
    assert!(text_of(&app, "#heatmap .heat-legend")
        .await?
        .contains("not enough answers"));
    // The whole legend lies inside the drawing (issue 13: the saved PNG cut it off).
    let fits = app
        .client
        .execute(
            r#"const svg = document.getElementById("heatmap");
               const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
               const b = svg.querySelector(".heat-legend").getBBox();
               return [b.x >= 0 && b.x + b.width <= w && b.y + b.height <= h, b.x + b.width, w];"#,
            vec![],
        )
        .await?;
    assert_eq!(
        fits[0],
        serde_json::json!(true),
        "the legend overflows: {fits}"
    );

    // The heatmap drawn on a canvas in the webview and saved as a PNG.
    app.click("#dash-save-png").await?;
    app.wait_for_any_text("#dash-status", "Saved").await?;
    let bytes = std::fs::read(&png)?;
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "the file is a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into()?);
    let height = u32::from_be_bytes(bytes[20..24].try_into()?);
    assert!(
        width >= 1600 && height >= 1000,
        "the PNG is drawn large enough to print: {width}×{height}"
    );

    // Keyboard: → moves to the hot-spots panel, again to the team comparison, ↓ to the next team.
    let dashboard = app.wait_for("#dashboard").await?;
    dashboard.send_keys("\u{E014}").await?; // ArrowRight
    app.wait_for("#dash-hot-spots").await?;
    dashboard.send_keys("\u{E014}").await?;
    app.wait_for_text("#dash-compare-team", "Booking against the workshop median")
        .await?;
    dashboard.send_keys("\u{E015}").await?; // ArrowDown
    app.wait_for_text("#dash-compare-team", "Loyalty against the workshop median")
        .await?;
    dashboard.send_keys("\u{E00C}").await?; // Escape
    app.wait_for_text("#workshop-title", "Practice day").await?;
    app.wait_for_count("#dashboard", 0).await?; // Esc leaves the dashboard

    app.quit().await
}
