//! The frame: read a chapter, create a team, find it again after a restart.

use devops_maturity_e2e::{App, Browser, Result};

#[tokio::test(flavor = "multi_thread")]
async fn chapter_opens_and_a_team_survives_a_restart() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");

    let app = App::start(&db).await?;
    let title = app.client.title().await?;
    assert_eq!(title, "DevOps Maturity Studio", "window title");

    // Open a chapter from the sidebar and check its heading.
    app.click("#toc details[data-module='ej-airways'] summary")
        .await?;
    app.click("#toc a[data-chapter='ej-airways-fact-sheet']")
        .await?;
    app.wait_for_text("#chapter-title", "EJ Airways: the fact sheet")
        .await?;
    app.wait_for_any_text(".chapter-section h2", "The airline")
        .await?;
    // The window title follows the page (issue 13: it never changed); it is set once the
    // page has rendered.
    app.wait_for_title("EJ Airways: the fact sheet · DevOps Maturity Studio")
        .await?;

    // Create a team with a name in three alphabets.
    app.click("a[data-nav='teams']").await?;
    let input = app.wait_for("#new-team-name").await?;
    input.send_keys("Zoë Ødegård & Ярослава").await?;
    app.click("#create-team button[type='submit']").await?;
    app.wait_for_any_text("#team-list .team-name", "Zoë Ødegård & Ярослава")
        .await?;

    // An empty name is refused by the browser's required-field check, and nothing is added:
    // the field says it is missing, and a team created after it is the list's second, not
    // its third (a list counted right after the click would pass before any redraw).
    app.click("#create-team button[type='submit']").await?;
    let missing = app
        .client
        .execute(
            "return document.querySelector('#new-team-name').validity.valueMissing;",
            vec![],
        )
        .await?;
    assert_eq!(
        missing,
        serde_json::json!(true),
        "the empty name is missing"
    );
    app.wait_for("#new-team-name")
        .await?
        .send_keys("Second team")
        .await?;
    app.click("#create-team button[type='submit']").await?;
    app.wait_for_any_text("#team-list .team-name", "Second team")
        .await?;
    app.wait_for_count("#team-list .team", 2).await?;
    app.quit().await?;

    // Restart on the same database: the team is still there.
    let app = App::start(&db).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for_any_text("#team-list .team-name", "Zoë Ødegård & Ярослава")
        .await?;
    app.wait_for_count("#team-list .team", 2).await?;
    app.quit().await?;
    Ok(())
}
