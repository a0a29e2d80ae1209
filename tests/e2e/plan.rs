//! The improvement plan: from a demo team's latest results, make the plan; it is focused (at
//! most three open actions per horizon, the rest in a backlog) and says why each action is
//! there; pull an action in from the backlog; accept an action, give it an owner, a due date, a
//! status and notes; widen the focus; add an action of the team's own and move it up; restart
//! the app on the same database and find all of it; the team page shows the plan's progress.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::elements::Element;
use fantoccini::Locator;

const TEAM: &str = "Booking Web (demo)";
const OWNER: &str = "Zoë Ødegård";
const DUE: &str = "2027-01-15";
const NOTES: &str = "Kick-off booked with Łukasz for Monday.";
const OWN_ACTION: &str = "Pair on the release checklist with Ярослава";

async fn go(app: &App, hash: &str) -> Result<()> {
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(hash)],
        )
        .await?;
    Ok(())
}

/// The item ids of one horizon, in the order shown (read in one script: the plan redraws
/// after each edit, so elements found earlier may be gone).
async fn horizon_items(app: &App, days: u16) -> Result<Vec<String>> {
    let ids = app
        .client
        .execute(
            "return [...document.querySelectorAll(`.plan-horizon[data-horizon='${arguments[0]}'] .plan-item`)].map((el) => el.dataset.item);",
            vec![serde_json::json!(days)],
        )
        .await?;
    Ok(serde_json::from_value(ids)?)
}

/// How many actions wait in the backlog (none when there is no backlog).
async fn backlog_len(app: &App) -> Result<usize> {
    let n = app
        .client
        .execute(
            "return document.querySelectorAll('#plan-backlog .plan-item').length;",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(n)?)
}

async fn value(el: &Element) -> Result<String> {
    Ok(el.prop("value").await?.unwrap_or_default())
}

/// Waits until the item's status line says `text`.
async fn saved(app: &App, item: &str, text: &str) -> Result<()> {
    app.wait_for_any_text(&format!("#item-{item} .item-status"), text)
        .await
}

/// Types into a field and leaves it, which saves it.
async fn type_and_leave(app: &App, css: &str, text: &str) -> Result<()> {
    let field = app.wait_for(css).await?;
    field.send_keys(text).await?;
    // Tab moves the focus on, so the field's change event fires.
    field.send_keys("\u{E004}").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plan_is_made_edited_and_kept_across_a_restart() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("plan.db");

    let app = App::start(&db).await?;
    app.click("a[data-nav='teams']").await?;
    app.click("#team-list #create-demo").await?;
    app.wait_for_any_text(".team-list a.team-name", TEAM)
        .await?;
    let link = app.client.find(Locator::LinkText(TEAM)).await?;
    link.click().await?;
    app.wait_for_text("#team-title", TEAM).await?;
    app.wait_for("#history").await?;
    assert!(
        app.client
            .find(Locator::Css("#plan-progress"))
            .await
            .is_err(),
        "no progress before there is a plan"
    );

    // The latest assessment is the first row of the history.
    let latest = app
        .wait_for("#history tbody tr[data-status='completed']")
        .await?;
    let assessment = latest
        .attr("data-assessment")
        .await?
        .ok_or("row without id")?;
    latest
        .find(Locator::LinkText("Results"))
        .await?
        .click()
        .await?;
    app.click("#open-plan").await?;
    app.click("#plan-generate").await?;
    app.wait_for(".plan-horizon[data-horizon='30'] .plan-item")
        .await?;
    let first_30 = horizon_items(&app, 30).await?;
    assert!(
        !first_30.is_empty(),
        "the first 30 days always have an action"
    );
    assert!(
        first_30.len() <= 3,
        "a fresh plan shows at most three open actions per horizon: {first_30:?}"
    );
    app.wait_for_any_text(&format!("#item-{} .plan-reasons", first_30[0]), "gap ")
        .await?;

    // Each of the course's actions names the questionnaire statements it helps the team reach,
    // collapsed under a summary that says the level; opened, a list of question — level: anchor.
    let anchors = format!("#item-{} .plan-anchors", first_30[0]);
    app.wait_for_any_text(&format!("{anchors} summary"), "Helps you reach: level ")
        .await?;
    app.click(&format!("{anchors} summary")).await?;
    app.wait_for_any_text(&format!("{anchors} li"), " — level ")
        .await?;
    let reached = app
        .client
        .execute(
            "return [...document.querySelectorAll(arguments[0] + ' li')].map((li) => [li.querySelector('.plan-anchor-question').textContent, li.textContent]);",
            vec![serde_json::json!(anchors)],
        )
        .await?;
    let reached: Vec<(String, String)> = serde_json::from_value(reached)?;
    assert!(!reached.is_empty(), "the action cites an anchor");
    for (question, line) in &reached {
        assert!(question.ends_with('?'), "the question's text: {question}");
        let rest = line
            .strip_prefix(question.as_str())
            .and_then(|r| r.strip_prefix(" — level "))
            .ok_or_else(|| format!("question — level N: anchor, not {line}"))?;
        let (level, anchor) = rest.split_once(": ").ok_or("no anchor")?;
        assert!(
            (2..=5).contains(&level.parse::<u8>()?),
            "a level above the first: {line}"
        );
        assert!(anchor.len() > 10, "the anchor's wording: {line}");
    }
    let shown = app
        .client
        .execute(
            "return [...document.querySelectorAll('.plan-item')].filter((el) => !el.querySelector('.plan-anchors')).length;",
            vec![],
        )
        .await?;
    assert_eq!(
        shown, 0,
        "every action of a fresh plan is the course's, and each cites an anchor"
    );
    let size = app.client.get_window_size().await?;
    for (width, height) in [(800, 560), (1024, 768), (1920, 1080)] {
        app.client.set_window_size(width, height).await?;
        app.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
                vec![serde_json::json!(anchors)],
            )
            .await?;
        app.keep_screenshot(&format!("plan-anchors-{width}x{height}.png"))
            .await?;
    }
    app.client
        .set_window_size(u32::try_from(size.0)?, u32::try_from(size.1)?)
        .await?;
    // The opened list passes axe-core in both themes (the a11y test sees it collapsed).
    for dark in [false, true] {
        app.dark(dark).await?;
        let found = app.axe().await?;
        assert!(found.is_empty(), "axe (dark {dark}): {found:?}");
        if dark {
            app.keep_screenshot("plan-anchors-dark.png").await?;
        }
    }
    app.dark(false).await?;

    // The demo team's 52 actions do not fit: the rest wait in the backlog. Pulling one in puts
    // it first in its horizon, and the horizon's last open action waits instead.
    app.wait_for("#plan-backlog .plan-item").await?;
    let first_waiting = app
        .client
        .execute(
            "const el = document.querySelector('#plan-backlog .plan-item'); return [el.dataset.item, el.dataset.days];",
            vec![],
        )
        .await?;
    let [pulled, days]: [String; 2] = serde_json::from_value(first_waiting)?;
    let days: u16 = days.parse()?;
    let before = horizon_items(&app, days).await?;
    app.click(&format!("#item-{pulled} .plan-pull")).await?;
    saved(&app, &pulled, "Pulled into the first place").await?;
    let after = horizon_items(&app, days).await?;
    assert_eq!(after.first(), Some(&pulled), "pulled to the top");
    assert_eq!(after.len(), before.len(), "the focus keeps its size");
    let pushed = before.last().ok_or("empty horizon")?;
    app.wait_for(&format!("#plan-backlog #item-{pushed}"))
        .await?;
    app.client
        .execute(
            "document.getElementById('plan-backlog').scrollIntoView();",
            vec![],
        )
        .await?;
    app.keep_screenshot("plan-backlog.png").await?;
    go(&app, &format!("#/plan/{assessment}")).await?;
    app.wait_for(&format!("#item-{pulled}")).await?;
    app.keep_screenshot("plan-focus.png").await?;
    let first_30 = horizon_items(&app, 30).await?;
    let item = first_30[0].clone();

    // Accept, owner, due date, status, notes: each saved at once, with a visible confirmation.
    app.click(&format!("#item-{item} .plan-accept")).await?;
    saved(&app, &item, "Saved: accepted").await?;
    app.wait_for(&format!("#item-{item}.decision-accepted"))
        .await?;
    type_and_leave(&app, &format!("#item-{item}-owner"), OWNER).await?;
    saved(&app, &item, "Saved: owner").await?;
    // The due date is typed, as a keyboard user would; an impossible date is refused first.
    type_and_leave(&app, &format!("#item-{item}-due"), "2027-02-30").await?;
    app.wait_for_any_text(&format!("#item-{item} .item-status"), "2027-02-30")
        .await?;
    app.wait_for(&format!("#item-{item}-due"))
        .await?
        .clear()
        .await?;
    // Typed as people write dates; kept and shown back as year-month-day.
    type_and_leave(&app, &format!("#item-{item}-due"), "15 Jan 2027").await?;
    saved(&app, &item, "Saved: due date").await?;
    assert_eq!(
        value(&app.wait_for(&format!("#item-{item}-due")).await?).await?,
        DUE
    );
    app.wait_for(&format!("#item-{item}-status"))
        .await?
        .select_by_value("in-progress")
        .await?;
    saved(&app, &item, "Saved: status in progress").await?;
    type_and_leave(&app, &format!("#item-{item}-notes"), NOTES).await?;
    saved(&app, &item, "Saved: notes").await?;

    // A bad edit is refused with the reason, beside the item (the field's maxlength stops
    // typing; a script does not).
    app.client
        .execute(
            "const el = document.getElementById(arguments[0]); el.value = 'x'.repeat(101); el.dispatchEvent(new Event('change'));",
            vec![serde_json::json!(format!("item-{item}-owner"))],
        )
        .await?;
    app.wait_for_any_text(
        &format!("#item-{item} .item-status [role='alert']"),
        "can have at most 100 characters; this has 101",
    )
    .await?;

    // The team widens the focus: the backlog empties into the horizons, as far as twenty per
    // horizon go (the demo team's first 30 days hold more than twenty small actions).
    let waiting_before = backlog_len(&app).await?;
    app.wait_for("#plan-focus")
        .await?
        .select_by_value("20")
        .await?;
    app.wait_for_any_text(
        ".plan-horizon[data-horizon='30'] .horizon-count",
        "at most 20",
    )
    .await?;
    let waiting_after = backlog_len(&app).await?;
    assert!(
        waiting_after < waiting_before,
        "the backlog shrinks when the focus widens: {waiting_before} -> {waiting_after}"
    );
    for days in [30, 60, 90] {
        assert!(
            horizon_items(&app, days).await?.len() <= 20,
            "at most twenty open actions in {days} days"
        );
    }
    let first_90 = horizon_items(&app, 90).await?;
    assert!(first_90.len() < 20, "room left in 90 days: {first_90:?}");

    // The team's own action joins the end of the 90 days; then it moves up one place.
    type_and_leave(&app, "#plan-add-title", OWN_ACTION).await?;
    app.wait_for("#plan-add-horizon")
        .await?
        .select_by_value("90")
        .await?;
    app.click("#plan-add-submit").await?;
    app.wait_for_any_text(
        ".plan-horizon[data-horizon='90'] .plan-item-title",
        OWN_ACTION,
    )
    .await?;
    let with_own = horizon_items(&app, 90).await?;
    assert_eq!(with_own.len(), first_90.len() + 1);
    let own = with_own.last().ok_or("no items")?.clone();
    assert!(
        !first_90.contains(&own),
        "the new action is last in its horizon"
    );
    app.click(&format!("#item-{own} .plan-up")).await?;
    saved(&app, &own, "Moved to place").await?;
    let moved = horizon_items(&app, 90).await?;
    let mut expected = first_90.clone();
    expected.insert(first_90.len() - 1, own.clone());
    assert_eq!(moved, expected, "one place up, the others in order");
    let focused = app
        .client
        .execute("return document.activeElement.className;", vec![])
        .await?;
    assert!(
        focused.as_str().unwrap_or_default().contains("plan-"),
        "the keyboard stays on the moved item's buttons: {focused}"
    );
    app.keep_screenshot("plan-edited.png").await?;
    app.quit().await?;

    // Everything is still there after a restart.
    let app = App::start(&db).await?;
    go(&app, &format!("#/plan/{assessment}")).await?;
    app.wait_for(&format!("#item-{item}.decision-accepted"))
        .await?;
    assert_eq!(
        horizon_items(&app, 90).await?,
        expected,
        "the order was kept"
    );
    assert_eq!(
        value(&app.wait_for(&format!("#item-{item}-owner")).await?).await?,
        OWNER
    );
    assert_eq!(
        value(&app.wait_for(&format!("#item-{item}-due")).await?).await?,
        DUE,
        "the refused date did not replace it"
    );
    assert_eq!(
        value(&app.wait_for(&format!("#item-{item}-status")).await?).await?,
        "in-progress"
    );
    assert_eq!(
        value(&app.wait_for(&format!("#item-{item}-notes")).await?).await?,
        NOTES
    );
    app.wait_for_text(&format!("#item-{own}-title"), OWN_ACTION)
        .await?;
    app.wait_for(&format!("#item-{own} .badge-own")).await?;
    assert!(
        app.client
            .find(Locator::Css(&format!("#item-{own} .plan-anchors")))
            .await
            .is_err(),
        "the team's own action cites no anchor"
    );

    // The team page shows the plan's progress.
    app.click(".breadcrumb a[href^='#/team/']").await?;
    app.wait_for_text("#team-title", TEAM).await?;
    app.wait_for_any_text("#plan-progress-counts", "1 in progress")
        .await?;
    app.wait_for_any_text("#plan-progress-decisions", "2 accepted")
        .await?;
    app.click("#plan-progress-open").await?;
    app.wait_for(&format!("#item-{own}")).await?;
    app.quit().await?;
    Ok(())
}
