//! Hostile input in the real window: a team name and evidence made of markup and script are
//! shown as text, never run; and the content security policy stops a script or a remote image
//! that some future bug might let into the page.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;
use serde_json::Value;

/// Runs if it is ever parsed as HTML (an `onerror` handler, an inline script).
const TEAM: &str = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>";

fn evidence() -> String {
    "<img src=x onerror=\"window.__pwned='evidence'\"><script>window.__pwned=3</script>\n\
     ' OR 1=1 -- فريق المنصة 🚀 \"quoted\"\n"
        .chars()
        .cycle()
        .take(10_000)
        .collect()
}

/// No element was injected into the page and no injected code ran.
async fn nothing_injected(app: &App) -> Result<()> {
    let found = app
        .client
        .execute(
            "return { elements: document.querySelectorAll('main img, main script, #sidebar img').length, \
                      pwned: window.__pwned === undefined ? null : String(window.__pwned) };",
            vec![],
        )
        .await?;
    assert_eq!(found["elements"], 0, "no <img>/<script> from user text");
    assert_eq!(found["pwned"], Value::Null, "no injected code ran");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_a_team_name_and_evidence_is_shown_as_text() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("hostile.db");
    let app = App::start(&db).await?;

    app.click("a[data-nav='teams']").await?;
    app.wait_for("#new-team-name")
        .await?
        .send_keys(TEAM)
        .await?;
    app.click("#create-team button[type='submit']").await?;
    app.wait_for_text("#team-list .team-name", TEAM).await?;
    nothing_injected(&app).await?;

    app.click("#team-list a.team-name").await?;
    app.wait_for_text("#team-title", TEAM).await?;
    nothing_injected(&app).await?;

    // Start an assessment and give the first question an answer and 10,000 characters of
    // hostile evidence (set at once: typing them would take minutes).
    app.click("#start-button").await?;
    let first = app
        .wait_for("fieldset.question[data-question]")
        .await?
        .attr("data-question")
        .await?
        .ok_or("question without id")?;
    app.click(&format!("label[for='q-{first}-3']")).await?;
    app.wait_for(&format!(
        "fieldset[data-question='{first}'][data-state='saved']"
    ))
    .await?;
    let text = evidence();
    app.client
        .execute(
            "const t = document.getElementById(arguments[0]); t.value = arguments[1]; \
             t.dispatchEvent(new Event('change'));",
            vec![
                Value::from(format!("evidence-{first}")),
                Value::from(text.clone()),
            ],
        )
        .await?;
    app.wait_for(&format!(
        "fieldset[data-question='{first}'][data-state='saved']"
    ))
    .await?;
    nothing_injected(&app).await?;

    // Reload the page: the evidence comes back from the database exactly as typed.
    app.client.execute("location.reload();", vec![]).await?;
    let started = std::time::Instant::now();
    let value = loop {
        if let Ok(start) = app.client.find(Locator::Css("#handover-start")).await {
            let _ = start.click().await;
        }
        let value = app
            .client
            .execute(
                "const t = document.getElementById(arguments[0]); return t ? t.value : null;",
                vec![Value::from(format!("evidence-{first}"))],
            )
            .await?;
        if let Value::String(v) = value {
            if !v.is_empty() {
                break v;
            }
        }
        if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
            return Err("the evidence never came back after a reload".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(value.chars().count(), 10_000);
    assert_eq!(
        value,
        text.trim(),
        "stored and shown literally (the app trims the ends)"
    );
    nothing_injected(&app).await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_content_security_policy_blocks_injected_scripts_and_remote_images() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("csp.db")).await?;

    // Play a bug that lets markup into the page: an inline script, an inline event handler,
    // a remote image, and a request to another site. WebDriver's own script is the attacker.
    app.client
        .execute(
            "window.__violations = [];
             document.addEventListener('securitypolicyviolation', (e) =>
               window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
             const box = document.createElement('div');
             document.body.append(box);
             const s = document.createElement('script');
             s.textContent = 'window.__inlineRan = true;';
             box.append(s);
             box.insertAdjacentHTML('beforeend',
               '<img id=\"csp-handler\" src=\"missing.png\" onerror=\"window.__handlerRan = true\">' +
               '<img id=\"csp-remote\" src=\"https://example.com/x.png\">');
             window.__imageFailed = false;
             document.getElementById('csp-handler')
               .addEventListener('error', () => { window.__imageFailed = true; });
             window.__fetch = 'pending';
             fetch('https://example.com/data.json').then(
               () => { window.__fetch = 'loaded'; },
               () => { window.__fetch = 'blocked'; });",
            vec![],
        )
        .await?;

    let started = std::time::Instant::now();
    let state = loop {
        let state = app
            .client
            .execute(
                "return { inline: window.__inlineRan === true, handler: window.__handlerRan === true,
                          fetch: window.__fetch, violations: window.__violations,
                          imageFailed: window.__imageFailed,
                          remoteLoaded: document.getElementById('csp-remote').naturalWidth > 0 };",
                vec![],
            )
            .await?;
        let violations = state["violations"].as_array().cloned().unwrap_or_default();
        let seen = |what: &str| {
            violations
                .iter()
                .any(|v| v.as_str().is_some_and(|v| v.contains(what)))
        };
        // Each report arrives as its own event, in no fixed order, and late on a loaded
        // machine: wait for all four (or give up after UI_TIMEOUT and let the asserts say which
        // one is missing).
        let all_reported = [
            "script-src-elem",
            "script-src-attr",
            "img-src https://example.com/x.png",
            "connect-src https://example.com/data.json",
        ]
        .iter()
        .all(|what| seen(what));
        if (all_reported && state["fetch"] != "pending" && state["imageFailed"] == true)
            || started.elapsed() > devops_maturity_e2e::UI_TIMEOUT
        {
            break state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    assert_eq!(
        state["inline"], false,
        "an inline script never runs: {state}"
    );
    assert_eq!(
        state["handler"], false,
        "an inline event handler never runs: {state}"
    );
    assert_eq!(state["remoteLoaded"], false, "no remote image: {state}");
    assert_eq!(
        state["fetch"], "blocked",
        "no request to another site: {state}"
    );
    let violations: Vec<String> = state["violations"]
        .as_array()
        .ok_or("no violation list")?
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    for expected in [
        "script-src-elem",
        "script-src-attr",
        "img-src https://example.com/x.png",
        "connect-src https://example.com/data.json",
    ] {
        assert!(
            violations.iter().any(|v| v.starts_with(expected)),
            "the policy reported `{expected}`: {violations:?}"
        );
    }
    app.quit().await?;
    Ok(())
}

/// A name typed past its 100 characters is not cut short: the field says by how much, the form
/// does not submit, and emoji count one character each, as the store counts them (issue 13).
#[tokio::test(flavor = "multi_thread")]
async fn a_name_past_its_limit_says_so_and_is_not_cut() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("limits.db")).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#new-team-name").await?;
    // 96 letters and five emoji: 101 characters (and 106 UTF-16 units, which `maxlength` counts).
    // Typed as a paste would arrive: the value at once, then the `input` event.
    const TYPE: &str =
        "const f = document.getElementById('new-team-name'); f.value = arguments[0]; \
                        f.dispatchEvent(new Event('input', { bubbles: true }));";
    let long = format!("{}🚀🚀🚀🚀🚀", "a".repeat(96));
    app.client
        .execute(TYPE, vec![serde_json::json!(long)])
        .await?;
    app.wait_for_text(
        "#new-team-name-limit",
        "101 characters: the limit is 100. Shorten it by 1.",
    )
    .await?;
    let typed = app
        .client
        .execute(
            "return document.getElementById('new-team-name').value;",
            vec![],
        )
        .await?;
    assert_eq!(typed, serde_json::json!(long), "nothing was cut");
    // This submit must do nothing. That is checked below, once the next one has gone through
    // the same form: had this one gone through, its team would be listed too.
    app.click("#create-team button[type='submit']").await?;

    // One character less fits: 100 characters with the emoji counted as one each.
    let fits: String = long.chars().skip(1).collect();
    app.client
        .execute(TYPE, vec![serde_json::json!(fits)])
        .await?;
    app.wait_for("#new-team-name:not([aria-invalid])").await?;
    app.click("#create-team button[type='submit']").await?;
    // The form did not submit the long name: the one team is the name that fits.
    app.wait_for_texts("#team-list .team-name", &[fits.as_str()])
        .await?;
    app.quit().await?;
    Ok(())
}
