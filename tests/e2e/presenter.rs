//! Presenter mode: open it from a chapter, move section by section with the keyboard (also
//! across into the previous chapter), and leave with Esc.

use devops_maturity_e2e::{App, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;

/// Presses one key on whatever has focus, as a person at the keyboard would.
async fn press(app: &App, key: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client.perform_actions(actions).await?;
    Ok(())
}

async fn screenshot(app: &App, name: &str) -> Result<()> {
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&dir).join(name))
            .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn presenter_mode_moves_by_section_with_the_keyboard_and_esc_leaves() -> Result<()> {
    let _one = super::ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    app.click("#toc a[data-chapter='course-objectives']")
        .await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;
    press(&app, 'p').await?;
    app.wait_for("#presenter").await?;
    app.wait_for_text("#presenter-slide h2", "What you will be able to do")
        .await?;
    app.wait_for_text("#presenter-count", "1 / 6").await?;

    // Three steps forward, each with a different key.
    for (key, title) in [
        (char::from(Key::Right), "Four outcomes for the day"),
        (' ', "Two bodies of practice"),
        (char::from(Key::PageDown), "In practice"),
    ] {
        press(&app, key).await?;
        app.wait_for_text("#presenter-slide h2", title).await?;
    }
    app.wait_for_text("#presenter-count", "4 / 6").await?;
    screenshot(&app, "presenter.png").await?;
    press(&app, char::from(Key::Left)).await?;
    app.wait_for_text("#presenter-slide h2", "Two bodies of practice")
        .await?;
    let notes = app
        .client
        .find_all(Locator::Css(
            "#presenter .facilitator-notes, #presenter .notes-text",
        ))
        .await?;
    assert!(
        notes.is_empty(),
        "the projected view never shows facilitator notes"
    );

    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;

    // From the first section of the next chapter, going back crosses into this chapter's end.
    app.click("#toc a[data-chapter='how-the-day-runs']").await?;
    app.wait_for_text("#chapter-title", "How the day runs")
        .await?;
    app.click("#present-button").await?;
    app.wait_for_text("#presenter-slide h2", "What you will be able to do")
        .await?;
    press(&app, char::from(Key::Up)).await?;
    app.wait_for_text("#presenter-slide h2", "Key points")
        .await?;
    app.wait_for_text("#presenter-count", "6 / 6").await?;
    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;

    // A glossary term shows its definition on keyboard focus, tied with aria-describedby.
    app.client
        .execute("document.querySelector('#main a.term').focus()", vec![])
        .await?;
    let popover = app.wait_for("#term-popover:not([hidden])").await?;
    assert!(
        !popover.text().await?.trim().is_empty(),
        "the popover shows the definition"
    );
    let described = app
        .client
        .execute(
            "return document.activeElement.getAttribute('aria-describedby')",
            vec![],
        )
        .await?;
    assert_eq!(described, serde_json::json!("term-popover"));
    screenshot(&app, "chapter.png").await?;
    app.quit().await?;
    Ok(())
}

async fn wait_gone(app: &App, css: &str) -> Result<()> {
    let started = std::time::Instant::now();
    while !app.client.find_all(Locator::Css(css)).await?.is_empty() {
        if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
            return Err(format!("`{css}` is still there").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agenda_block_presents_its_facilitator_cut_with_the_time_left() -> Result<()> {
    let _one = super::ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    app.click("a[data-nav='agenda']").await?;
    let row = app.wait_for("tr[data-block='devops-explained']").await?;
    row.find(Locator::Css("details.agenda-cut summary"))
        .await?
        .click()
        .await?;
    app.wait_for_any_text(
        "tr[data-block='devops-explained'] .agenda-cut summary",
        "3 sections, 14 min",
    )
    .await?;
    app.click("tr[data-block='devops-explained'] .present-cut")
        .await?;
    app.wait_for("#presenter").await?;
    app.wait_for("#presenter-slide[data-anchor='the-idea']")
        .await?;
    app.wait_for_text("#presenter-count", "1 / 3").await?;
    app.wait_for_any_text("#presenter-cut-item", "5 min for this section")
        .await?;
    app.wait_for_any_text("#presenter-time-left", "left of 15 min")
        .await?;
    screenshot(&app, "presenter-cut.png").await?;

    // The next section is the cut's second, in another chapter; the chapter's own next is skipped.
    press(&app, char::from(Key::Right)).await?;
    app.wait_for("#presenter-slide[data-anchor='how-the-wall-grows']")
        .await?;
    app.wait_for_text("#presenter-count", "2 / 3").await?;
    press(&app, char::from(Key::Right)).await?;
    press(&app, char::from(Key::Right)).await?;
    app.wait_for("#presenter-slide[data-anchor='a-timeline']")
        .await?;
    app.wait_for_text("#presenter-count", "3 / 3").await?;
    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.quit().await?;
    Ok(())
}
