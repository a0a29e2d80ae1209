//! The agenda: edits recompute the day in Rust, bad input is refused, an activity block opens
//! its timer, and the timer runs, pauses and resets from the keyboard; it keeps running while
//! another page is open, and after a restart it is found paused where it was.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

async fn replace_value(app: &App, css: &str, value: &str) -> Result<()> {
    // Set the value and commit it as leaving the field does (WebDriver's clear() would commit
    // an empty value first).
    app.wait_for(css).await?;
    app.client
        .execute(
            "const el = document.querySelector(arguments[0]); el.focus(); el.value = arguments[1]; \
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_agenda_is_edited_and_an_activity_timer_runs() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let app = App::start(&db).await?;

    app.click("a[data-nav='agenda']").await?;
    app.wait_for_text("#agenda-total", "8 h (09:00–17:00)")
        .await?;
    app.wait_for_text("#agenda-teaching", "6 h 30 min").await?;

    // Lunch from 60 to 45 minutes: the day and only the day shrinks.
    replace_value(&app, "tr[data-block='lunch'] input.agenda-minutes", "45").await?;
    app.wait_for_text("#agenda-total", "7 h 45 min (09:00–16:45)")
        .await?;
    app.wait_for_text("#agenda-teaching", "6 h 30 min").await?;
    // An optional block switched on adds its time to both totals.
    app.click("tr[data-block='deeper-operations'] input[type='checkbox']")
        .await?;
    app.wait_for_text("#agenda-total", "8 h 5 min (09:00–17:05)")
        .await?;
    app.wait_for_text("#agenda-teaching", "6 h 50 min").await?;
    // Zero or a negative number of minutes is refused beside the field, in words, before
    // anything is sent; the focus goes there and nothing changes.
    for typed in ["0", "-5"] {
        replace_value(&app, "tr[data-block='lunch'] input.agenda-minutes", typed).await?;
        app.wait_for_any_text(
            "tr[data-block='lunch'] .field-error",
            &format!("needs a whole number of minutes from 1 to 480; “{typed}” is not one"),
        )
        .await?;
        app.wait_for_text("#agenda-total", "8 h 5 min (09:00–17:05)")
            .await?;
        let focused = app
            .client
            .execute(
                "return document.activeElement.closest('tr')?.dataset.block ?? '';",
                vec![],
            )
            .await?;
        assert_eq!(focused, "lunch", "the focus is on the refused field");
    }
    let page = app.wait_for("main").await?.text().await?;
    assert!(
        !page.contains("invalid args") && !page.contains("expected u32"),
        "no developer text reaches the page"
    );
    app.keep_screenshot("agenda.png").await?;

    app.click("tr[data-block='ej-devops-impact'] a").await?;
    app.wait_for_text("#activity-title", "Activity: DevOps impact on EJ Airways")
        .await?;
    app.wait_for_text("#timer-digits", "30:00").await?;
    app.click("#timer-start").await?;
    app.wait_for_text("#timer-state", "Running").await?;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.click("#timer-start").await?;
    app.wait_for_text("#timer-state", "Paused").await?;
    let paused = app.wait_for("#timer-digits").await?.text().await?;
    assert_ne!(paused, "30:00", "the timer counted down while running");
    app.keep_screenshot("timer.png").await?;
    // R resets from the keyboard (focus away from the buttons first).
    app.client
        .execute("document.activeElement.blur()", vec![])
        .await?;
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: 'r' })
        .then(KeyAction::Up { value: 'r' });
    app.client.perform_actions(actions).await?;
    app.wait_for_text("#timer-digits", "30:00").await?;
    app.wait_for_text("#timer-state", "Ready").await?;

    // The timer belongs to the day, not to the page: it runs on while the agenda is open.
    app.click("#timer-start").await?;
    app.wait_for_text("#timer-state", "Running").await?;
    app.click("a[data-nav='agenda']").await?;
    app.wait_for("#agenda-total").await?;
    // Long enough for the app to note the running countdown (every 5 s) at least 2 s in.
    tokio::time::sleep(std::time::Duration::from_millis(8000)).await;
    app.click("tr[data-block='ej-devops-impact'] a").await?;
    app.wait_for_text("#timer-state", "Running").await?;
    let digits = app.wait_for("#timer-digits").await?.text().await?;
    assert!(
        digits.as_str() <= "29:52",
        "8 s passed on another page, yet the timer shows {digits}"
    );

    app.click("a[data-nav='agenda']").await?;
    app.click("#agenda-reset").await?;
    app.wait_for_text("#agenda-total", "8 h (09:00–17:00)")
        .await?;
    app.quit().await?;

    // The driver kills the app (no clean exit): the next start pauses the countdown at the
    // app's last note that it was running, at most 5 s short of where it was.
    let app = App::start(&db).await?;
    app.click("a[data-nav='agenda']").await?;
    app.click("tr[data-block='ej-devops-impact'] a").await?;
    app.wait_for_text("#timer-state", "Paused").await?;
    let after = app.wait_for("#timer-digits").await?.text().await?;
    assert!(
        after.as_str() <= "29:58" && after.as_str() > "25:00",
        "paused where it was: {after}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(app.wait_for("#timer-digits").await?.text().await?, after);
    app.click("#timer-reset").await?;
    app.wait_for_text("#timer-state", "Ready").await?;
    app.quit().await?;
    Ok(())
}
