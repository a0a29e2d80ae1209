//! A knowledge check: refused without a learner profile, then graded with feedback on every
//! option, and the score is still there after a restart.

use devops_maturity_e2e::{App, Result};
use fantoccini::Locator;

async fn screenshot(app: &App, name: &str) -> Result<()> {
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&dir).join(name))
            .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_knowledge_check_gives_feedback_and_keeps_the_score() -> Result<()> {
    let _one = super::ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let app = App::start(&db).await?;

    app.click("#toc a[data-quiz='introduction']").await?;
    app.wait_for_text("#quiz-title", "Knowledge check: Introduction")
        .await?;
    app.wait_for("#learner-select").await?;

    // Answer every question with its first option.
    let questions = app
        .client
        .find_all(Locator::Css("#quiz-form fieldset.quiz-question"))
        .await?;
    assert!(
        questions.len() >= 5,
        "every quiz has at least five questions"
    );
    for question in &questions {
        question
            .find(Locator::Css("label[data-option='0'] input"))
            .await?
            .click()
            .await?;
    }

    // Without a profile the answers are not graded or stored.
    app.click("#quiz-submit").await?;
    app.wait_for_any_text(
        "#quiz-status .notice-error",
        "choose or create your learner profile before submitting",
    )
    .await?;

    app.wait_for("#new-learner-name")
        .await?
        .send_keys("Ada Ødegård")
        .await?;
    app.click("#new-learner button[type='submit']").await?;
    app.wait_for_any_text("#current-learner", "Ada Ødegård")
        .await?;

    app.click("#quiz-submit").await?;
    let score = app.wait_for("#quiz-score").await?.text().await?;
    let fraction = score
        .strip_prefix("You scored ")
        .and_then(|s| s.split('.').next())
        .ok_or_else(|| format!("unexpected score line {score:?}"))?
        .to_string();
    assert!(
        fraction.ends_with(&format!("/{}", questions.len())),
        "{score}"
    );
    for question in app
        .client
        .find_all(Locator::Css("#quiz-form fieldset.quiz-question"))
        .await?
    {
        let verdict = question
            .find(Locator::Css(".verdict"))
            .await?
            .text()
            .await?;
        assert!(
            verdict.starts_with("✓ Correct") || verdict.starts_with("✗ Not quite"),
            "each question says right or wrong: {verdict:?}"
        );
        let options = question
            .find_all(Locator::Css("label.quiz-option"))
            .await?
            .len();
        let feedback = question
            .find_all(Locator::Css(".option-feedback"))
            .await?
            .len();
        assert_eq!(options, feedback, "every option shows its feedback");
    }
    app.wait_for_any_text("#quiz-history li", &fraction).await?;
    screenshot(&app, "quiz.png").await?;
    app.quit().await?;

    // After a restart the learner is still chosen and the score is stored.
    let app = App::start(&db).await?;
    app.click("#toc a[data-quiz='introduction']").await?;
    app.wait_for_any_text("#current-learner", "Ada Ødegård")
        .await?;
    app.wait_for_any_text("#quiz-history li", &fraction).await?;
    app.wait_for_any_text("#toc [data-score='introduction']", &fraction)
        .await?;
    app.quit().await?;
    Ok(())
}
