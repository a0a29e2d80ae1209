//! Groups of teams on the teams page: the organisation's word, a new group, a team moved into
//! it, the group deleted with its team kept — and teams in natural order throughout.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn teams_are_grouped_moved_and_kept_when_their_group_goes() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    {
        let mut store = devops_maturity_store::Store::open(&db)?;
        for name in ["Team 10", "Team 2", "Team 1"] {
            store.create_team(name, chrono::Utc::now())?;
        }
    }
    let app = App::start(&db).await?;
    app.click("a[data-nav='teams']").await?;
    // Natural order, not text order.
    app.wait_for_texts("#team-list .team-name", &["Team 1", "Team 2", "Team 10"])
        .await?;

    // The organisation's word for a group.
    let word = app.wait_for("#group-word").await?;
    word.clear().await?;
    word.send_keys("value stream").await?;
    app.click("#group-word-form button[type='submit']").await?;
    app.wait_for_text("#groups-heading", "Teams by value stream")
        .await?;

    // A group, and a team moved into it with its menu.
    app.wait_for("#new-group-name")
        .await?
        .send_keys("Retail")
        .await?;
    app.click("#create-group button[type='submit']").await?;
    app.wait_for_any_text("#group-list .team-name", "Retail")
        .await?;
    app.wait_for("li[data-team-id] select.team-group-picker")
        .await?;
    let picker = app
        .client
        .find(Locator::XPath(
            "//li[a[normalize-space()='Team 10']]//select[contains(@class,'team-group-picker')]",
        ))
        .await?;
    picker.select_by_label("Retail").await?;
    app.wait_for_any_text(".status", "“Team 10” moved to “Retail”.")
        .await?;
    app.wait_for_any_text("section.team-group h3", "Retail")
        .await?;
    // The team shows under its group.
    app.wait_for_texts(
        "section.team-group:not([data-group-id='none']) .team-name",
        &["Team 10"],
    )
    .await?;
    app.wait_for_any_text("section[data-group-id='none'] h3", "No value stream")
        .await?;
    app.screenshot(&dir.path().join("groups.png")).await?;
    if let Some(keep) = std::env::var_os("DEVOPS_MATURITY_E2E_SHOTS") {
        std::fs::copy(
            dir.path().join("groups.png"),
            std::path::Path::new(&keep).join("groups.png"),
        )?;
    }

    // The Organisation page rolls the teams up; "Team 10" has no assessment yet, so every
    // team is counted and none is assessed — and the group can narrow it.
    app.click("#organisation-link").await?;
    app.wait_for_text(
        "#organisation-summary",
        "3 teams, 0 with a completed assessment. Each team counts once, with its latest completed assessment.",
    )
    .await?;
    app.click("#organisation-filter input[type='checkbox']")
        .await?;
    app.wait_for_text(
        "#organisation-summary",
        "1 team, 0 with a completed assessment. Each team counts once, with its latest completed assessment.",
    )
    .await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#group-list").await?;

    // Deleting the group asks first, then keeps its team.
    app.click("#group-list button[aria-label='Delete Retail']")
        .await?;
    app.wait_for_any_text("#group-list", "Its team stays, without a value stream.")
        .await?;
    app.click("#group-list button.button-danger").await?;
    app.wait_for_any_text(".status", "“Retail” deleted.")
        .await?;
    app.wait_for_count("#group-list", 0).await?; // no group is left
                                                 // Every team stays.
    app.wait_for_texts("#team-list .team-name", &["Team 1", "Team 2", "Team 10"])
        .await?;
    app.quit().await?;

    let store = devops_maturity_store::Store::open(&db)?;
    assert_eq!(store.group_word()?, "value stream", "the word is stored");
    assert!(store.teams()?.iter().all(|t| t.group_id.is_none()));
    Ok(())
}
