//! The Organisation page's render time on a big database (issue 16's target: 300 ms for 500
//! teams in 25 groups × 8 assessments × 5 people). A benchmark, not a test: it is ignored
//! unless `scripts/bench-organisation` runs it with `ORG_DB` set to the database that
//! `cargo run --release -p devops-maturity-report --example organisation` kept.
//!
//! Each run goes home, then to the page, and reads the app's own measure of the route (from
//! the hash change to the page drawn, the roll-up read through IPC included), so WebDriver's
//! round trips are not counted.

use std::path::Path;

use devops_maturity_e2e::{App, Browser, Result};

const RUNS: usize = 7;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: scripts/bench-organisation runs it with ORG_DB set"]
async fn organisation_page_render_time() -> Result<()> {
    let _one = super::turn().await;
    let db = std::env::var("ORG_DB").map_err(|_| "set ORG_DB to the database to open")?;
    let app = App::start(Path::new(&db)).await?;
    app.wait_for("main h1").await?;
    let mut times = Vec::with_capacity(RUNS);
    for run in 0..RUNS {
        go(&app, "#/", "route home").await?;
        let ms = go(&app, "#/organisation", "route organisation").await?;
        println!("run {}: {ms:.0} ms", run + 1);
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    let teams = app
        .client
        .execute(
            "return document.querySelector('#organisation-summary')?.textContent ?? '';",
            vec![],
        )
        .await?;
    println!(
        "Organisation page ({}): median {:.0} ms, min {:.0}, max {:.0} over {RUNS} runs (target 300 ms)",
        teams.as_str().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" "),
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    app.quit().await?;
    Ok(())
}

/// Sets the hash and waits for the router's measure of that route to appear: its duration.
async fn go(app: &App, hash: &str, measure: &str) -> Result<f64> {
    const SCRIPT: &str = "const m = performance.getEntriesByName(arguments[0]); return m.length;";
    const LAST: &str =
        "const m = performance.getEntriesByName(arguments[0]); return m[m.length - 1].duration;";
    let name = vec![serde_json::json!(measure)];
    let before = app.client.execute(SCRIPT, name.clone()).await?.as_u64();
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(hash)],
        )
        .await?;
    let started = std::time::Instant::now();
    while app.client.execute(SCRIPT, name.clone()).await?.as_u64() == before {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            return Err(format!("{hash}: no '{measure}' after 60 s").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let ms = app.client.execute(LAST, name).await?;
    Ok(ms.as_f64().ok_or("the measure has no duration")?)
}
