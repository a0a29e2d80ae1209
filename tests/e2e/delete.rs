//! Delete, with a way back. First journey: on the Teams page, delete a demo team — the confirmation says what
//! goes with it, and its completed assessments go only once their box is ticked — see it gone,
//! undo, see it back. Then remove the demo organisation in one action and restore it from
//! Your data → Recently deleted. The window is the app's minimum size, 800×560, so the dialog
//! and the undo message are checked where space is tightest (screenshots kept with
//! `DEVOPS_MATURITY_E2E_SHOTS=DIR`). Second journey: every other delete button of the app — an
//! improvement plan, a team's place at a workshop, the workshop, a learner profile — deletes
//! what its dialog says and its undo brings it back; a workshop whose live session runs is
//! refused.

use std::time::{Duration, Instant};

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

use super::setup::{add_team, create_workshop, start_live};

/// The team names in the list.
async fn team_names(app: &App) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for el in app
        .client
        .find_all(Locator::Css("#team-list .team-name"))
        .await?
    {
        names.push(el.text().await?);
    }
    Ok(names)
}

/// Waits until the team list has `name` (`present`) or no longer has it.
async fn wait_for_team(app: &App, name: &str, present: bool) -> Result<()> {
    let started = Instant::now();
    loop {
        let names = team_names(app).await?;
        if names.iter().any(|n| n == name) == present {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err(format!(
                "the team list {names:?} should {}contain {name:?}",
                if present { "" } else { "not " }
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn shot(app: &App, name: &str) -> Result<()> {
    if let Some(dir) = std::env::var_os("DEVOPS_MATURITY_E2E_SHOTS") {
        app.screenshot(&std::path::Path::new(&dir).join(format!("{name}.png")))
            .await?;
    }
    Ok(())
}

/// Fails when the element's box is not wholly inside the 800×560 window.
async fn inside_the_window(app: &App, css: &str) -> Result<()> {
    let rect = app
        .client
        .execute(
            "const r = document.querySelector(arguments[0]).getBoundingClientRect();
             return [r.left >= 0, r.top >= 0, r.right <= innerWidth, r.bottom <= innerHeight];",
            vec![serde_json::json!(css)],
        )
        .await?;
    assert_eq!(
        rect,
        serde_json::json!([true, true, true, true]),
        "`{css}` fits the window"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_a_team_see_it_gone_undo_see_it_back() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("delete.db")).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#create-team").await?;
    app.client.set_window_size(800, 560).await?;
    app.click("#team-list #create-demo").await?;
    wait_for_team(&app, "Booking Web (demo)", true).await?;

    // The confirmation says what goes with the team; Delete waits for the explicit tick.
    app.click("button[aria-label='Delete Booking Web (demo)']")
        .await?;
    app.wait_for_text("#delete-title", "Delete Booking Web (demo)?")
        .await?;
    let with = app.wait_for("#delete-with").await?.text().await?;
    assert!(with.contains("4 assessments (4 completed)"), "{with}");
    let confirm = app.wait_for("#delete-confirm").await?;
    assert!(
        !confirm.is_enabled().await?,
        "completed assessments need the tick first"
    );
    inside_the_window(&app, "#delete-dialog").await?;
    shot(&app, "delete-confirm-800x560").await?;
    app.click("#delete-completed").await?;
    app.wait_for("#delete-confirm:enabled").await?;
    confirm.click().await?;

    // Gone, with an undo.
    app.wait_for_any_text(
        "#toast",
        "Deleted Booking Web (demo), 4 assessments (4 completed)",
    )
    .await?;
    wait_for_team(&app, "Booking Web (demo)", false).await?;
    app.wait_for_count("#team-list .team-name", 3).await?;
    inside_the_window(&app, "#toast").await?;
    shot(&app, "delete-undo-800x560").await?;
    app.click("#undo-delete").await?;
    app.wait_for_any_text("#toast", "Restored Booking Web (demo)")
        .await?;
    wait_for_team(&app, "Booking Web (demo)", true).await?;
    // Everything is back.
    app.wait_for_count("#team-list .team-name", 4).await?;

    // Cancel changes nothing.
    app.click("button[aria-label='Delete Mobile App (demo)']")
        .await?;
    app.click("#delete-cancel").await?;
    app.wait_for_count("#delete-dialog", 0).await?; // the dialog is gone
    app.wait_for_count("#team-list .team-name", 4).await?;

    // The demo organisation in one action, restored from Your data.
    app.click("#remove-demo").await?;
    let with = app.wait_for("#delete-with").await?.text().await?;
    assert!(
        with.contains("4 teams") && with.contains("16 assessments (16 completed)"),
        "{with}"
    );
    app.click("#delete-completed").await?;
    app.wait_for("#delete-confirm:enabled").await?;
    app.click("#delete-confirm").await?;
    app.wait_for_any_text("#toast", "Deleted the demo organisation")
        .await?;
    app.wait_for("#demo-offer").await?;
    app.wait_for_count("#team-list .team-name", 0).await?; // no team is left
    app.click("a[data-nav='data']").await?;
    app.wait_for_any_text(
        "#trash-list li",
        "the demo organisation (Northwind Travel Group), 4 teams",
    )
    .await?;
    app.client
        .execute("document.querySelector('#trash').scrollIntoView();", vec![])
        .await?;
    shot(&app, "delete-trash-800x560").await?;
    app.click(
        "#trash-list button[aria-label='Restore the demo organisation (Northwind Travel Group)']",
    )
    .await?;
    app.wait_for_text("#trash-list p", "Nothing was deleted in the last 30 days.")
        .await?;
    app.click("a[data-nav='teams']").await?;
    wait_for_team(&app, "Infrastructure (demo)", true).await?;
    app.wait_for_count("#team-list .team-name", 4).await?;
    app.click("#team-list li:first-child .team-name").await?;
    app.wait_for("#history button[aria-label^='Delete the assessment of']")
        .await?;
    app.client
        .execute(
            "document.querySelector('#history').scrollIntoView();",
            vec![],
        )
        .await?;
    shot(&app, "delete-history-800x560").await?;
    app.quit().await
}

/// Sets the route as a link would.
async fn go(app: &App, hash: &str) -> Result<()> {
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(hash)],
        )
        .await?;
    Ok(())
}

/// Opens the confirmation of the button labelled `label`, checks what it says goes with it,
/// confirms, and waits for the undo message.
async fn delete_by_label(app: &App, label: &str, with: &str, deleted: &str) -> Result<()> {
    app.click(&format!("button[aria-label='{label}']")).await?;
    let said = app.wait_for("#delete-with").await?.text().await?;
    assert!(said.contains(with), "{label}: the dialog says {said:?}");
    app.click("#delete-confirm").await?;
    app.wait_for_any_text("#toast", deleted).await?;
    Ok(())
}

async fn undo(app: &App, restored: &str) -> Result<()> {
    app.click("#undo-delete").await?;
    app.wait_for_any_text("#toast", restored).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workshop_its_teams_a_plan_and_a_profile_go_and_come_back() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("delete-more.db")).await?;

    // An improvement plan of a demo team's completed assessment: the assessment stays.
    go(&app, "#/teams").await?;
    app.click("#team-list #create-demo").await?;
    app.click("#team-list li:first-child .team-name").await?;
    let row = app
        .wait_for("#history tbody tr[data-status='completed']")
        .await?;
    let assessment = row.attr("data-assessment").await?.ok_or("row without id")?;
    go(&app, &format!("#/plan/{assessment}")).await?;
    app.click("#plan-generate").await?;
    app.wait_for("#plan-items").await?;
    delete_by_label(
        &app,
        "Delete plan: this improvement plan",
        "Nothing else goes with it.",
        "Deleted the improvement plan of ",
    )
    .await?;
    app.wait_for("#plan-generate").await?;
    undo(&app, "Restored the improvement plan of ").await?;
    app.wait_for("#plan-items").await?;

    // A workshop with one team, created on the spot.
    create_workshop(&app, "Spring class").await?;
    add_team(&app, "Guests", &[]).await?;

    // Take the team out of the workshop, then undo.
    delete_by_label(
        &app,
        "Remove: Guests from this workshop",
        "1 assessment",
        "Deleted Guests at Spring class, 1 assessment",
    )
    .await?;
    app.wait_for_any_text("#workshop-teams", "No team yet")
        .await?;
    undo(&app, "Restored Guests at Spring class").await?;
    app.wait_for_any_text(".workshop-team-name", "Guests")
        .await?;

    // The whole workshop from the list, then undo.
    go(&app, "#/workshops").await?;
    app.wait_for("table#workshop-list").await?;
    delete_by_label(
        &app,
        "Delete Spring class",
        "1 place at a workshop",
        "Deleted Spring class (",
    )
    .await?;
    app.wait_for_text("p#workshop-list", "No workshop yet.")
        .await?;
    undo(&app, "Restored Spring class (").await?;
    app.wait_for_any_text("#workshop-list .workshop-name", "Spring class")
        .await?;

    // While its live session runs, the workshop cannot be deleted: the phones answer into it.
    app.click("#workshop-list .workshop-name").await?;
    start_live(&app, None).await?;
    go(&app, "#/workshops").await?;
    app.click("button[aria-label='Delete Spring class']")
        .await?;
    app.click("#delete-confirm").await?;
    app.wait_for_any_text(
        "#delete-dialog [role='alert']",
        "the live session of this workshop is running: end it first; nothing was deleted",
    )
    .await?;
    app.click("#delete-cancel").await?;
    app.wait_for_any_text("#workshop-list .workshop-name", "Spring class")
        .await?;
    app.click("#workshop-list .workshop-name").await?;
    app.click("a[data-action='live']").await?;
    app.click("#live-end").await?;
    app.click("#live-end-confirm").await?;
    app.wait_for_text("#workshop-title", "Spring class").await?;

    // A learner profile; the undo chooses it again.
    app.click("#toc a[data-quiz='introduction']").await?;
    app.wait_for("#new-learner-name")
        .await?
        .send_keys("Ada")
        .await?;
    app.click("#new-learner button[type='submit']").await?;
    app.wait_for_any_text("#current-learner", "Ada").await?;
    delete_by_label(
        &app,
        "Delete profile: Ada",
        "Nothing else goes with it.",
        "Deleted Ada.",
    )
    .await?;
    app.wait_for("#no-profile-note").await?;
    undo(&app, "Restored Ada.").await?;
    app.wait_for_any_text("#current-learner", "Scores are saved for Ada.")
        .await?;

    app.quit().await
}
