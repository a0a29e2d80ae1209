//! A team with an assessment answered with questionnaire 1.0.0 (stored as databases stored it
//! before 1.1 shipped, without the leadership marks) and one answered with 1.1.0: each results
//! page names its version and explains its score with its own questions, and the team's
//! history lists both, compared by dimension. Screenshots at 1024x768 with E2E_SCREENSHOTS.

use chrono::{TimeZone, Utc};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_e2e::{App, Browser, Result};
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
