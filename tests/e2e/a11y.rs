//! Accessibility, checked by a tool: axe-core (WCAG 2 A/AA rules and best practices) on every
//! page, in the light theme and in the dark one, at a projector's 1024×768. Any violation
//! fails the test, listed with its page and theme.

use std::time::Duration;

use devops_maturity_e2e::{App, Result};

use super::layout::{every_page, open};

#[tokio::test(flavor = "multi_thread")]
async fn every_page_passes_axe_in_light_and_dark() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("a11y.db")).await?;
    let pages = every_page(&app).await?;
    app.client.set_window_size(1024, 768).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The dark theme really applies: the page's background changes.
    let background = "return getComputedStyle(document.body).backgroundColor;";
    let light = app.client.execute(background, vec![]).await?;
    app.dark(true).await?;
    let dark = app.client.execute(background, vec![]).await?;
    app.dark(false).await?;
    assert_ne!(light, dark, "the dark theme's rules took effect");

    let mut failures = Vec::new();
    for (hash, ready) in &pages {
        let hash = if hash.starts_with('#') {
            hash.clone()
        } else {
            format!("#{hash}")
        };
        open(&app, &hash, ready).await?;
        for (theme, dark) in [("light", false), ("dark", true)] {
            app.dark(dark).await?;
            for v in app.axe().await? {
                failures.push(format!("{hash} ({theme}): {v}"));
            }
        }
        app.dark(false).await?;
    }
    app.quit().await?;
    assert!(
        failures.is_empty(),
        "{} accessibility violations:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}
