//! The mock exam end to end: the rules, a timed paper of 40 questions from the whole course, an
//! unanswered question named where the learner is looking, then the result per module and every
//! answer reviewed with its feedback.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn a_mock_exam_is_timed_graded_per_module_and_reviewed() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    app.click("a[data-nav='exam']").await?;
    app.wait_for("#exam-start").await?;
    let lead = app.wait_for("#main .lead").await?.text().await?;
    for part in ["40 questions", "60 minutes", "65 % to pass"] {
        assert!(lead.contains(part), "the rules say {part:?}: {lead}");
    }
    app.wait_for_any_text("#exam-profile", "will not be saved")
        .await?;
    app.keep_screenshot("exam-rules.png").await?;

    app.click("#exam-start").await?;
    let timer = app.wait_for("#exam-timer").await?;
    let first = timer.text().await?;
    assert!(first == "60:00" || first.starts_with("59:"), "{first}");
    tokio::time::sleep(std::time::Duration::from_millis(2200)).await;
    let later = timer.text().await?;
    assert!(
        later.starts_with("59:") && later != first,
        "the timer runs: {first} → {later}"
    );

    let questions = app
        .client
        .find_all(Locator::Css("#exam-form fieldset.quiz-question"))
        .await?;
    assert_eq!(questions.len(), 40, "a paper has 40 questions");

    // Handing in with nothing answered names question 1 there and at the button.
    app.click("#exam-submit").await?;
    app.wait_for_any_text("#question-1-error", "question 1 is not answered yet")
        .await?;
    app.wait_for_any_text("#exam-submit-error", "question 1 is not answered yet")
        .await?;

    for question in &questions {
        question
            .find(Locator::Css("label[data-option='0'] input"))
            .await?
            .click()
            .await?;
    }
    app.keep_screenshot("exam-paper.png").await?;
    app.click("#exam-submit").await?;

    let score = app.wait_for("#exam-score").await?.text().await?;
    let correct: u32 = score
        .strip_prefix("You scored ")
        .and_then(|s| s.split('/').next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("unexpected score line {score:?}"))?;
    assert!(score.contains("/40 ("), "{score}");
    let title = app.wait_for("#exam-result-title").await?.text().await?;
    assert_eq!(
        title,
        if correct * 100 / 40 >= 65 {
            "Passed"
        } else {
            "Not passed yet"
        },
        "the verdict follows the 65 % pass mark ({score})"
    );
    app.wait_for_any_text("#exam-result", "Not saved").await?;

    // One row per module of the pool, adding up to the 40 questions.
    let mut total = 0;
    let rows = app
        .client
        .find_all(Locator::Css("#exam-modules tbody tr"))
        .await?;
    assert_eq!(rows.len(), 13, "every module of the pool is on the paper");
    for row in rows {
        let cell = row.find(Locator::Css("td")).await?.text().await?;
        let (_, of) = cell.split_once('/').ok_or("a right/total cell")?;
        total += of.parse::<u32>()?;
    }
    assert_eq!(total, 40);

    // Every answer is reviewed with every option's feedback.
    for question in app
        .client
        .find_all(Locator::Css("#exam-form fieldset.quiz-question"))
        .await?
    {
        question.find(Locator::Css(".verdict")).await?;
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
    app.keep_screenshot("exam-result.png").await?;

    app.click("#exam-again").await?;
    app.wait_for("#exam-start").await?;
    app.quit().await?;
    Ok(())
}
