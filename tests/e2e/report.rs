//! Reports: from the teams page, export the leadership report; from a results page, export the
//! team's report on US Letter; an organisation name no font can show is named after the export.
//! The PDFs are read back with poppler's pdfinfo and pdftotext.
//!
//! The app runs with `DEVOPS_MATURITY_E2E_DIALOG_PATH`, so its save dialog answers with that
//! path (WebDriver cannot drive a native dialog); the page, the commands, the rendering and the
//! atomic write are the real thing.

use devops_maturity_e2e::{poppler, App, Browser, Result};
use fantoccini::Locator;

const DIALOG_ENV: &str = "DEVOPS_MATURITY_E2E_DIALOG_PATH";

#[tokio::test(flavor = "multi_thread")]
async fn export_the_leadership_and_a_team_report() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let pdf = dir.path().join("report.pdf");
    let env = [(DIALOG_ENV, pdf.to_str().ok_or("path is not UTF-8")?)];
    let app = App::start_with_env(&db, &env).await?;

    app.click("a[data-nav='teams']").await?;
    app.click("#team-list #create-demo").await?;
    app.wait_for_any_text("#team-list .team-name", "Booking Web (demo)")
        .await?;
    app.click("#leadership-export").await?;
    app.wait_for_any_text("#leadership-export-status", "Saved to")
        .await?;
    let info = poppler("pdfinfo", &pdf)?;
    assert!(info.contains("(A4)"), "A4 by default: {info}");
    let text = poppler("pdftotext", &pdf)?;
    assert!(
        text.contains("Heatmap: dimensions by team"),
        "the heatmap page"
    );
    assert!(
        text.contains("Northwind Travel Group"),
        "the demo's organisation on the cover"
    );

    // The same overview as a summary, ordered by gap: the roll-up and the table, no heatmap.
    app.click("#leadership-summary").await?;
    app.wait_for("#leadership-sort")
        .await?
        .select_by_value("gap")
        .await?;
    std::fs::remove_file(&pdf)?;
    app.click("#leadership-export").await?;
    app.wait_for_any_text("#leadership-export-status", "Saved to")
        .await?;
    let text = poppler("pdftotext", &pdf)?;
    assert!(
        text.contains("The organisation at a glance")
            && !text.contains("Heatmap: dimensions by team"),
        "the summary: roll-up, no heatmap"
    );
    assert!(text.contains("largest first"), "ordered by gap");

    // A team's results page: US Letter this time.
    app.click("#team-list a.team-name").await?;
    app.click("a[href^='#/results/']").await?;
    app.wait_for("#report-export").await?;
    app.client
        .find(Locator::Css("#report-paper"))
        .await?
        .select_by_value("letter")
        .await?;
    app.click("#report-export").await?;
    app.wait_for_any_text("#report-export-status", "Saved to")
        .await?;
    let info = poppler("pdfinfo", &pdf)?;
    assert!(info.contains("612 x 792 pts"), "US Letter: {info}");
    let text = poppler("pdftotext", &pdf)?;
    assert!(text.contains("Booking Web (demo)") && text.contains("Executive summary"));
    app.quit().await?;

    // The paper size was remembered.
    let app = App::start_with_env(&db, &env).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#leadership-paper").await?;
    let mut remembered = String::new();
    for _ in 0..50 {
        remembered = app
            .client
            .find(Locator::Css("#leadership-paper"))
            .await?
            .prop("value")
            .await?
            .unwrap_or_default();
        if remembered == "letter" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(remembered, "letter", "the last paper size is preselected");

    // An organisation name with a character no installed font has (U+0378 is not assigned in
    // Unicode): the report is still saved, and the page names the field.
    let organisation = app
        .client
        .find(Locator::Css("#leadership-organisation"))
        .await?;
    organisation.clear().await?;
    organisation.send_keys("Northwind \u{378}").await?;
    app.click("#leadership-export").await?;
    app.wait_for_any_text(
        "#leadership-export-warnings",
        "the organisation cannot be shown in full",
    )
    .await?;
    assert!(
        poppler("pdftotext", &pdf)?.contains("Northwind"),
        "the report was saved all the same"
    );
    app.quit().await?;
    Ok(())
}
