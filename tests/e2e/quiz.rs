//! A knowledge check: an unanswered question is named next to it and at the button, with focus
//! moved to it; without a profile the answers are graded but not stored; with one the score is
//! stored and still there after a restart. Options come shuffled, so the test picks options by
//! their authored index (`data-option`), never by position.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn a_knowledge_check_gives_feedback_and_keeps_the_score() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let app = App::start(&db).await?;

    app.click("#toc a[data-quiz='introduction']").await?;
    app.wait_for_text("#quiz-title", "Knowledge check: Introduction")
        .await?;
    app.wait_for("#learner-select").await?;

    // Submitting with nothing answered names question 1 where the learner is looking.
    app.click("#quiz-submit").await?;
    app.wait_for_any_text("#question-1-error", "question 1 is not answered yet")
        .await?;
    app.wait_for_any_text("#quiz-submit-error", "question 1 is not answered yet")
        .await?;
    let focused = app
        .client
        .execute(
            "return document.activeElement.closest('fieldset')?.id ?? null",
            vec![],
        )
        .await?;
    assert_eq!(
        focused.as_str(),
        Some("question-1"),
        "focus moves to the unanswered question"
    );

    // The options are shuffled: in at least one question, authored option 0 is not shown first.
    let first_shown = app
        .client
        .execute(
            "return [...document.querySelectorAll('#quiz-form fieldset.quiz-question')].map(f => f.querySelector('label.quiz-option').dataset.option)",
            vec![],
        )
        .await?;
    assert!(
        first_shown
            .as_array()
            .is_some_and(|a| a.iter().any(|v| v.as_str() != Some("0"))),
        "options are shuffled: {first_shown}"
    );

    // Answer every question with its authored first option.
    let questions = answer_each_with_option_0(&app).await?;
    assert!(questions >= 5, "every quiz has at least five questions");

    // Without a profile the answers are graded, and the page says nothing was stored.
    app.wait_for_any_text("#no-profile-note", "will not be saved")
        .await?;
    app.click("#quiz-submit").await?;
    app.wait_for_any_text("#quiz-score", "Not saved").await?;
    app.wait_for_any_text("#quiz-history-empty", "Choose a profile")
        .await?;

    // With a profile, the next attempt is stored.
    app.wait_for("#new-learner-name")
        .await?
        .send_keys("Ada Ødegård")
        .await?;
    app.click("#new-learner button[type='submit']").await?;
    app.wait_for_any_text("#current-learner", "Ada Ødegård")
        .await?;
    app.click("#quiz-retry").await?;
    answer_each_with_option_0(&app).await?;

    app.click("#quiz-submit").await?;
    let score = app.wait_for("#quiz-score").await?.text().await?;
    let fraction = score
        .strip_prefix("You scored ")
        .and_then(|s| s.split('.').next())
        .ok_or_else(|| format!("unexpected score line {score:?}"))?
        .to_string();
    assert!(fraction.ends_with(&format!("/{questions}")), "{score}");
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
    app.keep_screenshot("quiz.png").await?;
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

/// Ticks the authored first option of every question, as a person clicking each; returns how
/// many questions there are. The page may still be drawing (a new profile reshuffles the
/// options), so the ticks are checked after a pause and given again until they all stay.
async fn answer_each_with_option_0(app: &App) -> Result<usize> {
    let started = std::time::Instant::now();
    loop {
        let count = app
            .client
            .execute(
                "const qs = [...document.querySelectorAll('#quiz-form fieldset.quiz-question')];
                 qs.forEach((q) => { const i = q.querySelector(\"label[data-option='0'] input\"); if (i && !i.checked) i.click(); });
                 return qs.length;",
                vec![],
            )
            .await?;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let all = app
            .client
            .execute(
                "const qs = [...document.querySelectorAll('#quiz-form fieldset.quiz-question')];
                 return qs.length > 0 && qs.every((q) => q.querySelector(\"label[data-option='0'] input\")?.checked);",
                vec![],
            )
            .await?;
        if all.as_bool() == Some(true) {
            return Ok(count.as_u64().unwrap_or(0) as usize);
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            return Err("the quiz's answers did not stay ticked".into());
        }
    }
}
