//! Footnotes in a chapter are links within the page: following one scrolls to the note and
//! back, without the hash router taking `#fn-1` for a route (which showed the home page). The
//! skip link's `#main` likewise moves focus to the page and keeps the address.

use devops_maturity_e2e::{App, Browser, Result};

/// A chapter of the course with a footnote (module 05: the 2024 clusters' confidence intervals).
const CHAPTER: &str = "dora-performance-clusters";

/// Where the page is after a click: the address, the heading, what has focus and whether it is
/// in the window.
const WHERE: &str = r##"
const focus = document.activeElement;
const box = focus.getBoundingClientRect();
return {
  hash: location.hash,
  title: document.querySelector("#chapter-title")?.textContent ?? null,
  focus: focus.id,
  inView: box.top >= 0 && box.bottom <= innerHeight,
};
"##;

async fn where_now(app: &App) -> Result<serde_json::Value> {
    // The scroll is immediate (no smooth behaviour), but give the click's handler its turn.
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    Ok(app.client.execute(WHERE, vec![]).await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_footnote_link_scrolls_to_the_note_and_back_without_changing_the_page() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;
    app.client.set_window_size(1024, 768).await?;
    let address = format!("#/chapter/{CHAPTER}");
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(address)],
        )
        .await?;
    let title = "DORA performance clusters, and why they are not a ladder";
    app.wait_for_text("#chapter-title", title).await?;
    app.wait_for("sup.footnote-reference a[href='#fn-1']")
        .await?;

    // The number in the text: to the note, which takes focus, on the same page.
    app.click("sup.footnote-reference a[href='#fn-1']").await?;
    let at_note = where_now(&app).await?;
    assert_eq!(
        at_note["hash"],
        address.as_str(),
        "the address stays: {at_note}"
    );
    assert_eq!(
        at_note["title"], title,
        "still the chapter, not the home page: {at_note}"
    );
    assert_eq!(at_note["focus"], "fn-1", "{at_note}");
    assert_eq!(at_note["inView"], true, "{at_note}");
    let note_text = app.wait_for("#fn-1").await?.text().await?;
    assert!(note_text.contains("confidence interval"), "{note_text}");

    // The note's number: back to where the text points to it.
    app.click("#fn-1 a.footnote-back").await?;
    let back = where_now(&app).await?;
    assert_eq!(back["hash"], address.as_str(), "{back}");
    assert_eq!(back["title"], title, "{back}");
    assert_eq!(back["focus"], "fnref-1", "{back}");
    assert_eq!(back["inView"], true, "{back}");

    // The skip link (shown on focus) moves to the page's content, and is not a route either.
    app.client
        .execute("document.querySelector('.skip-link').click();", vec![])
        .await?;
    let skipped = where_now(&app).await?;
    assert_eq!(skipped["hash"], address.as_str(), "{skipped}");
    assert_eq!(skipped["title"], title, "{skipped}");
    assert_eq!(skipped["focus"], "main", "{skipped}");

    // Back in history is the page before the chapter, not a footnote in between.
    app.client.execute("history.back();", vec![]).await?;
    let before = where_now(&app).await?;
    assert_ne!(
        before["hash"],
        address.as_str(),
        "no footnote step in the history: {before}"
    );
    app.quit().await
}
