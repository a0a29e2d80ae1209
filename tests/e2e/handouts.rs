//! Handouts: start the day at 08:30 on the agenda page, go on to the Handouts page, save the
//! run-sheet (on the clock from 08:30) on US Letter and an activity's worksheet on A4, and read
//! them back with poppler's pdfinfo and pdftotext. With `E2E_SCREENSHOTS=DIR` the page is saved
//! at 800×560, 1024×768 and 1920×1080.
//!
//! The app runs with `DEVOPS_MATURITY_E2E_DIALOG_PATH`, so its save dialog answers with that
//! path (WebDriver cannot drive a native dialog); the page, the commands, the layout and the
//! guarded write are the real thing.

use std::path::Path;

use devops_maturity_e2e::{poppler, App, Browser, Result};
use fantoccini::Locator;

const DIALOG_ENV: &str = "DEVOPS_MATURITY_E2E_DIALOG_PATH";

#[tokio::test(flavor = "multi_thread")]
async fn save_the_run_sheet_and_a_worksheet_from_the_handouts_page() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let pdf = dir.path().join("handout.pdf");
    let env = [(DIALOG_ENV, pdf.to_str().ok_or("path is not UTF-8")?)];
    let app = App::start_with_env(&db, &env).await?;

    // The facilitator starts the day at 08:30 on the Agenda page: the run-sheet follows.
    app.click("a[data-nav='agenda']").await?;
    app.wait_for("#agenda-start").await?;
    app.client
        .execute(
            "const el = document.querySelector('#agenda-start'); el.focus(); el.value = '08:30'; \
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![],
        )
        .await?;
    app.wait_for_any_text("#agenda-total", "(08:30–16:30)")
        .await?;
    app.click("#agenda-handouts").await?;
    app.wait_for_text("main h1", "Handouts").await?;
    app.wait_for("#handout-save-fact-sheet").await?;
    app.wait_for("#handout-save-summary-operations").await?;

    app.client
        .find(Locator::Css("#handout-paper"))
        .await?
        .select_by_value("letter")
        .await?;
    app.click("#handout-save-run-sheet").await?;
    app.wait_for_any_text("#handout-status", "Saved “Facilitator's run-sheet” to")
        .await?;
    app.wait_for("#handout-open").await?;
    let info = poppler("pdfinfo", &pdf)?;
    assert!(info.contains("612 x 792 pts"), "US Letter: {info}");
    let text = poppler("pdftotext", &pdf)?;
    assert!(
        text.contains("The day at a glance") && text.contains("Block by block"),
        "the run-sheet's parts"
    );
    assert!(
        text.contains("08:30–09:00") && text.contains("the day as set up on the Agenda page"),
        "the day on the clock as the Agenda page set it up"
    );

    std::fs::remove_file(&pdf)?;
    app.client
        .find(Locator::Css("#handout-paper"))
        .await?
        .select_by_value("a4")
        .await?;
    app.click("#handout-save-worksheet-itsm-operation").await?;
    app.wait_for_any_text("#handout-status", "Saved “Worksheet:")
        .await?;
    let info = poppler("pdfinfo", &pdf)?;
    assert!(info.contains("(A4)"), "A4: {info}");
    let text = poppler("pdftotext", &pdf)?;
    assert!(
        text.contains("What to hand in") && text.contains("Part 4: the availability arithmetic"),
        "the worksheet's task"
    );

    if let Some(shots) = std::env::var_os("E2E_SCREENSHOTS") {
        for (w, h) in [(800, 560), (1024, 768), (1920, 1080)] {
            app.client.set_window_size(w, h).await?;
            app.client
                .execute(
                    "document.getElementById('handout-status').scrollIntoView({ block: 'center' });",
                    vec![],
                )
                .await?;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            app.screenshot(&Path::new(&shots).join(format!("handouts-{w}x{h}.png")))
                .await?;
        }
    }

    // An activity's page leads to the handouts too.
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!("#/activity/activity-devops-impact")],
        )
        .await?;
    app.click("#activity-handouts").await?;
    app.wait_for_text("main h1", "Handouts").await?;
    app.quit().await?;
    Ok(())
}
