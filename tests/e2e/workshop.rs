//! A workshop: two teams of three people. Booking's people answer in turn on one computer (a
//! hand-over screen between them, clicks for one person, the 1–5 keys for the others);
//! Loyalty's people vote on single questions in the discussion's silent-vote round. Then the
//! facilitator reveals the widest spread, the group records an agreed level with a rationale,
//! and the results score the agreed level while the original votes and their spread stay shown.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

use super::setup::add_team;

const DIMENSIONS: usize = 18;
/// The first dimension of the questionnaire and its five questions.
const DIMENSION: &str = "customer-centric";
const QUESTIONS: usize = 5;

fn question(i: usize) -> String {
    format!("{DIMENSION}-{i}")
}

/// One person's turn in the hand-round: the first dimension answered (`levels`, by click or
/// by key), the other dimensions left open, then "finish".
async fn take_turn(app: &App, who: &str, levels: [u8; QUESTIONS], keys: bool) -> Result<()> {
    app.wait_for_any_text("#handover h2", who).await?;
    app.click("#handover-start").await?;
    app.wait_for_text(
        "#dimension-position",
        &format!("Dimension 1 of {DIMENSIONS}"),
    )
    .await?;
    let checked = app
        .client
        .find_all(Locator::Css("fieldset.question input:checked"))
        .await?;
    assert!(
        checked.is_empty(),
        "{who} must not see the previous person's answers"
    );
    for (i, level) in levels.iter().enumerate() {
        let q = question(i + 1);
        if keys {
            app.wait_for(&format!("input[name='q-{q}'][value='1']"))
                .await?
                .send_keys(&level.to_string())
                .await?;
        } else {
            app.click(&format!("label[for='q-{q}-{level}']")).await?;
        }
        app.wait_for(&format!(
            "fieldset[data-question='{q}'][data-state='saved'] input[value='{level}']:checked"
        ))
        .await?;
    }
    for dim in 2..=DIMENSIONS {
        app.click("#next-dimension").await?;
        app.wait_for_text(
            "#dimension-position",
            &format!("Dimension {dim} of {DIMENSIONS}"),
        )
        .await?;
    }
    app.click("#finish-respondent").await?;
    Ok(())
}

/// The silent vote on the open question: each person in turn, by key.
async fn vote_round(app: &App, votes: [(&str, char); 3]) -> Result<()> {
    app.click("#collect-votes").await?;
    for (who, key) in votes {
        app.wait_for_any_text("#vote-handover h2", who).await?;
        app.click("#vote-start").await?;
        let ballot = app.wait_for("#vote-ballot").await?;
        ballot.send_keys(&key.to_string()).await?;
    }
    app.click("#vote-finished").await?;
    app.wait_for("#reveal").await?;
    Ok(())
}

async fn text_of(app: &App, css: &str) -> Result<String> {
    Ok(app.wait_for(css).await?.text().await?.trim().to_string())
}

/// Waits until one bar of the reveal shows `count` votes.
async fn revealed(app: &App, level: &str, count: &str) -> Result<()> {
    app.wait_for_text(
        &format!("#reveal-area .reveal-bar[data-level='{level}'] .reveal-count"),
        count,
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_workshop_votes_reveals_and_scores_the_agreed_level() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    // ---- The day and its two teams. ----
    app.click("a[data-nav='workshops']").await?;
    app.wait_for("#workshop-name")
        .await?
        .send_keys("Maturity day")
        .await?;
    app.wait_for("#workshop-facilitator")
        .await?
        .send_keys("Marta Keller")
        .await?;
    app.wait_for("#workshop-organisation")
        .await?
        .send_keys("EJ Airways")
        .await?;
    app.click("#create-workshop button[type='submit']").await?;
    app.wait_for_text("#workshop-title", "Maturity day").await?;
    let workshop_url = app.client.current_url().await?;
    add_team(&app, "Booking", &["Ana", "", "Cai"]).await?;
    add_team(&app, "Loyalty", &[]).await?;
    let booking = ".workshop-team-grid > article:nth-child(1)";
    let loyalty = ".workshop-team-grid > article:nth-child(2)";
    app.wait_for_any_text(&format!("{booking} .respondent-status"), "Respondent 2")
        .await?;
    app.wait_for_any_text(&format!("{loyalty} .respondent-status"), "Respondent 3")
        .await?;

    // ---- Booking: the hand-round. Votes on question 1 are 1, 3 and 5. ----
    app.click(&format!("{booking} a[data-action='answer']"))
        .await?;
    take_turn(&app, "Ana", [1, 3, 3, 3, 3], false).await?;
    app.wait_for_any_text("#people [data-state='finished']", "Ana")
        .await?;
    take_turn(&app, "Respondent 2", [3, 3, 3, 3, 3], true).await?;
    take_turn(&app, "Cai", [5, 3, 3, 3, 3], true).await?;
    // Once everyone has finished, the round hands back to the workshop page.
    app.wait_for_text("#workshop-title", "Maturity day").await?;
    app.wait_for_any_text(&format!("{booking} .team-progress"), "3 of 3 finished")
        .await?;
    app.wait_for_any_text(&format!("{loyalty} .team-progress"), "0 of 3 finished")
        .await?;

    // ---- Loyalty: silent votes on two questions in the discussion page. ----
    app.click(&format!("{loyalty} a[data-action='discuss']"))
        .await?;
    app.wait_for_text("#discussion-title", "Discussion: Loyalty")
        .await?;
    for (q, votes) in [
        (question(1), ['2', '2', '4']),
        (question(2), ['3', '3', '3']),
    ] {
        app.click(&format!("#question-list li[data-question='{q}'] a"))
            .await?;
        app.wait_for_any_text("#reveal-area", "0 of 3 have voted")
            .await?;
        vote_round(
            &app,
            [
                ("Respondent 1", votes[0]),
                ("Respondent 2", votes[1]),
                ("Respondent 3", votes[2]),
            ],
        )
        .await?;
        app.wait_for_any_text("#reveal-area", "Everyone has voted")
            .await?;
    }
    app.click("#reveal").await?;
    revealed(&app, "3", "3").await?; // three votes for level 3
                                     // The first question of the list is now the widest spread: 2 and 4.
    let first = app
        .wait_for("#question-list li:first-child")
        .await?
        .attr("data-question")
        .await?;
    assert_eq!(first.as_deref(), Some(question(1).as_str()));

    // ---- Booking: the widest spread first, the reveal, the agreed level. ----
    app.client.goto(workshop_url.as_str()).await?;
    app.click(&format!("{booking} a[data-action='discuss']"))
        .await?;
    app.wait_for_text("#discussion-title", "Discussion: Booking")
        .await?;
    let first = app.wait_for("#question-list li:first-child").await?;
    assert_eq!(
        (
            first.attr("data-question").await?.as_deref(),
            first.attr("data-spread").await?.as_deref()
        ),
        (Some(question(1).as_str()), Some("4")),
        "the question with votes 1, 3 and 5 heads the list"
    );
    first.find(Locator::Css("a")).await?.click().await?;
    app.wait_for_any_text("#reveal-area", "Everyone has voted")
        .await?;
    assert!(
        app.client
            .find_all(Locator::Css(".reveal-count"))
            .await?
            .is_empty(),
        "no vote is on screen before the reveal"
    );
    app.click("#reveal").await?;
    for (level, count) in [("1", "1"), ("2", "0"), ("3", "1"), ("4", "0"), ("5", "1")] {
        revealed(&app, level, count).await?;
    }
    app.wait_for_any_text("#reveal-summary", "spread 4").await?;
    assert!(
        app.client
            .find_all(Locator::Css(".reveal-names"))
            .await?
            .is_empty(),
        "no names unless the facilitator asks"
    );
    app.click("label[for='show-names']").await?;
    app.wait_for_text(
        "#reveal-area .reveal-bar[data-level='1'] .reveal-names",
        "Ana",
    )
    .await?;
    app.click("label[for='show-names']").await?;
    app.wait_for("#reveal-area .reveal-bar[data-level='1']")
        .await?;
    app.keep_screenshot("workshop-reveal.png").await?;

    app.click("label[for='agreed-level-2']").await?;
    app.wait_for("#rationale")
        .await?
        .send_keys("Feedback reaches the backlog only through the release train.")
        .await?;
    app.click("#record-consensus").await?;
    app.wait_for("#consensus-current[data-level='2']").await?;
    app.wait_for_any_text(
        "#consensus-current",
        "Feedback reaches the backlog only through the release train.",
    )
    .await?;
    // The original votes and their spread stay shown beside the agreed level.
    for (level, count) in [("1", "1"), ("3", "1"), ("5", "1")] {
        revealed(&app, level, count).await?;
    }
    app.wait_for_any_text("#consensus-current", "spread 4")
        .await?;
    // Means (2 + 4 × 3) / 5 = 2.8 for everyone; the votes alone gave 2.6, 3.0, 3.4 → 3.0.
    // The scores are redrawn after the agreed level is recorded: wait for them.
    let row = format!("#discussion-scores tr[data-dimension='{DIMENSION}']");
    app.wait_for_text(&format!("{row} td.score"), "2.8").await?;
    app.wait_for_text(&format!("{row} td.votes-score"), "3.0")
        .await?;
    app.wait_for(&format!(
        "#question-list li[data-question='{}'][data-agreed='2']",
        question(1)
    ))
    .await?;

    // ---- The results score the agreed level and show the votes beside it. ----
    app.client.goto(workshop_url.as_str()).await?;
    app.wait_for_any_text(&format!("{booking} .team-progress"), "1 agreed level")
        .await?;
    app.click(&format!("{booking} a[data-action='results']"))
        .await?;
    app.wait_for("#results-title").await?;
    assert_eq!(
        text_of(
            &app,
            &format!("#scores tr[data-dimension='{DIMENSION}'] td:nth-of-type(1)")
        )
        .await?,
        "2.8",
        "the agreed level is what scores"
    );
    let votes = app
        .wait_for(&format!(
            "#distribution tr[data-question='{}']",
            question(1)
        ))
        .await?;
    let html = votes.html(false).await?;
    assert!(html.contains("spread 4"), "{html}");
    assert!(html.contains("agreed 2"), "{html}");
    assert!(
        html.contains("level 1: 1, level 2: 0, level 3: 1, level 4: 0, level 5: 1"),
        "the original votes are stored and shown: {html}"
    );
    app.wait_for_any_text("#rules li", "agrees a level").await?;

    app.quit().await?;
    Ok(())
}
