//! A team with an assessment answered with questionnaire 1.0.0 (stored as databases stored it
//! before 1.1 shipped, without the leadership marks) and one answered with 1.1.0: each results
//! page names its version and explains its score with its own questions, and the team's
//! history lists both, compared by dimension. A workshop's EJ Airways round answered on 1.0.0 is
//! compared with today's key only on the questions both versions ask alike, and says so.
//! Screenshots at 1024x768 (and the practice pages at 800x560) with E2E_SCREENSHOTS.

use chrono::{TimeZone, Utc};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_e2e::{App, Browser, Result};
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;

const OLD_DEPLOY: &str =
    "How is a new version deployed to production, and how is it released to users?";
const NEW_DEPLOY: &str = "How is a new version deployed to production?";

/// Stores a completed assessment of `q` for `team`: Ana and Ben answer 2 and 3 in turn.
fn assess(store: &mut Store, team: i64, q: &Questionnaire, day: u32) -> Result<i64> {
    let when = Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap();
    let a = store.start_assessment(team, q, &["Ana".into(), "Ben".into()], None, when)?;
    let data = store.assessment_data(a.id)?;
    for (person, r) in data.respondents.iter().enumerate() {
        for (i, question) in q.questions.iter().enumerate() {
            let level = 2 + ((i + person) % 2) as u8;
            store.save_answer(r.id, &question.id, Answer::Level(level), None, when)?;
        }
        store.finish_respondent(r.id, when)?;
    }
    store.complete_assessment(a.id, when)?;
    Ok(a.id)
}

async fn results(app: &App, id: i64, version: &str, deploy: &str, shot: &str) -> Result<()> {
    app.client
        .execute(&format!("location.hash = '#/results/{id}';"), vec![])
        .await?;
    app.wait_for_any_text("main p.muted", &format!("version {version}"))
        .await?;
    app.client
        .execute(
            "document.querySelector('#why-continuous-delivery').open = true; \
             document.querySelector('#why-continuous-delivery').scrollIntoView();",
            vec![],
        )
        .await?;
    app.wait_for_any_text(
        "#why-continuous-delivery [data-question='continuous-delivery-3']",
        deploy,
    )
    .await?;
    if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
        app.screenshot(&std::path::Path::new(&dir).join(shot))
            .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_1_0_and_a_1_1_assessment_each_read_their_own_questions() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let (old, new) = {
        let old_q: Questionnaire = serde_json::from_str(include_str!(
            "../../crates/devops-maturity-views/tests/fixtures/questionnaire-1.0.0.json"
        ))?;
        let content = devops_maturity_content::load_embedded()
            .map_err(|p| format!("the built-in content: {p}"))?;
        let mut store = Store::open(&db)?;
        let team = store.create_team("Booking", Utc::now())?;
        let old = assess(&mut store, team.id, &old_q, 10)?;
        let new = assess(&mut store, team.id, &content.assessment.questionnaire, 24)?;
        (old, new)
    };
    let app = App::start(&db).await?;
    app.client.set_window_size(1024, 768).await?;
    results(&app, old, "1.0.0", OLD_DEPLOY, "results-1.0.0.png").await?;
    results(&app, new, "1.1.0", NEW_DEPLOY, "results-1.1.0.png").await?;
    let text: String = app
        .client
        .execute(
            "return document.querySelector('#why-continuous-delivery').textContent",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        !text.contains(OLD_DEPLOY),
        "the 1.1.0 results never show 1.0.0's question"
    );
    app.quit().await
}

/// Booking's practice round was answered on 1.0.0 (customer-centric-1, reworded in 1.1.0, and
/// customer-centric-2, the same in both); Loyalty's on 1.1.0. The comparison says Booking is
/// compared on 41 of the key's 83 questions and shows its answer to the reworded question as
/// not compared; the answering page shows that answer beside today's wording.
#[tokio::test(flavor = "multi_thread")]
async fn a_1_0_practice_round_is_compared_only_where_both_versions_ask_alike() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let workshop = {
        let old_q: Questionnaire = serde_json::from_str(include_str!(
            "../../crates/devops-maturity-views/tests/fixtures/questionnaire-1.0.0.json"
        ))?;
        let content = devops_maturity_content::load_embedded()
            .map_err(|p| format!("the built-in content: {p}"))?;
        let today = &content.assessment.questionnaire;
        let when = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut store = Store::open(&db)?;
        let w = store.create_workshop(
            &NewWorkshop {
                name: "Spring day",
                held_on: "2026-11-23",
                ..NewWorkshop::default()
            },
            when,
        )?;
        let booking =
            store.add_new_workshop_team(w.id, "Booking", &old_q, &["Ana".into()], when)?;
        let loyalty = store.add_new_workshop_team(w.id, "Loyalty", today, &["Ben".into()], when)?;
        for (question, level) in [("customer-centric-1", 5), ("customer-centric-2", 1)] {
            store.save_practice_answer(booking.id, &old_q, question, Answer::Level(level), when)?;
        }
        store.save_practice_answer(
            loyalty.id,
            today,
            "customer-centric-1",
            Answer::Level(1),
            when,
        )?;
        w.id
    };
    let app = App::start(&db).await?;
    app.client.set_window_size(1024, 768).await?;
    app.client
        .execute(
            &format!("location.hash = '#/practice/{workshop}/compare';"),
            vec![],
        )
        .await?;
    app.wait_for_text(
        "#practice-versions li[data-group='Booking']",
        "Booking: Answered on questionnaire 1.0.0; compared on 41 of 83 questions the key covers.",
    )
    .await?;
    assert!(
        app.client
            .find_all(fantoccini::Locator::Css(
                "#practice-versions li[data-group='Loyalty']"
            ))
            .await?
            .is_empty(),
        "Loyalty answered on the key's version: no note"
    );
    app.wait_for_text(
        "#compare-customer-centric-1 tr[data-group='Booking'] td.distance",
        "not compared: answered on a version that asks this differently",
    )
    .await?;
    app.wait_for_text(
        "#compare-customer-centric-2 tr[data-group='Booking'] td.distance",
        "shown with the key",
    )
    .await?;
    app.keep_screenshot("practice-compare-1.0.0-1024.png")
        .await?;
    app.client.set_window_size(800, 560).await?;
    app.wait_for("#practice-versions").await?;
    app.keep_screenshot("practice-compare-1.0.0-800.png")
        .await?;

    app.client.set_window_size(1024, 768).await?;
    app.client
        .execute(&format!("location.hash = '#/practice/{workshop}';"), vec![])
        .await?;
    app.wait_for_text("#practice-group-name", "Booking").await?;
    app.wait_for_text("#practice-answer-count", "1 of 83 answered")
        .await?;
    app.wait_for_any_text(
        "fieldset[data-question='customer-centric-1'] .practice-earlier",
        "Answered “5” on questionnaire 1.0.0, which asks this differently",
    )
    .await?;
    let show_earlier =
        "document.querySelector(\"fieldset[data-question='customer-centric-1']\").scrollIntoView();";
    app.client.execute(show_earlier, vec![]).await?;
    app.keep_screenshot("practice-answer-1.0.0-1024.png")
        .await?;
    app.client.set_window_size(800, 560).await?;
    app.wait_for(".practice-earlier").await?;
    app.client.execute(show_earlier, vec![]).await?;
    app.keep_screenshot("practice-answer-1.0.0-800.png").await?;
    app.quit().await
}
