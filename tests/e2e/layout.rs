//! Every page at the window sizes a facilitator meets: the app's minimum (800×560), a common
//! projector (1024×768) and a full-HD screen (1920×1080). On each, nothing is wider than the
//! window (no sideways scrollbar on the page or inside it), no text is cut short with an
//! ellipsis, and every control is inside the window or reachable by scrolling down. The data
//! includes a team whose name is 100 characters without a space.
//!
//! With `E2E_SCREENSHOTS=DIR` it saves one screenshot per page and size.

use std::time::Duration;

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

use super::setup::add_team;

/// A name at the store's limit (100 characters) with nowhere to break it.
const LONG_NAME: &str = "Platform-engineering-and-site-reliability-for-the-booking-and-loyalty-systems-of-EJ-Airways-team-001";

const SIZES: [(u32, u32); 3] = [(800, 560), (1024, 768), (1920, 1080)];

/// Runs in the page: what overflows, what is cut off, which controls cannot be reached.
const CHECK: &str = r##"
const W = window.innerWidth, H = window.innerHeight;
const problems = [];
const describe = (el) => {
  const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
  const text = (el.textContent || el.value || "").trim().replace(/\s+/g, " ").slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} "${text}"`;
};
const doc = document.documentElement;
if (doc.scrollWidth > W) problems.push(`the page is ${doc.scrollWidth}px wide in a ${W}px window`);
for (const el of document.querySelectorAll("body *")) {
  const cs = getComputedStyle(el);
  if (cs.display === "none") continue;
  const scrollsX = cs.overflowX === "auto" || cs.overflowX === "scroll";
  if (scrollsX && el.scrollWidth > el.clientWidth + 1 && !el.closest("pre")) {
    const edge = el.getBoundingClientRect().right + 1;
    const past = [...el.querySelectorAll("*")].filter(
      (c) => c.getBoundingClientRect().right > edge || c.scrollWidth > el.clientWidth,
    );
    // Text that cannot break overflows its element's box: look at the text itself too.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(t);
      if (range.getBoundingClientRect().right > edge) past.push(t.parentElement);
    }
    const culprit = past.length ? `; it holds ${describe(past[past.length - 1])}` : "";
    problems.push(`${describe(el)} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)${culprit}`);
  }
  if (cs.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
    problems.push(`${describe(el)} is cut short (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
}
const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
for (const el of document.querySelectorAll(controls)) {
  const r = el.getBoundingClientRect();
  // Not shown: in a closed <details>, display: none, or the visually-hidden 1px box.
  if (r.width <= 1 || r.height <= 1 || getComputedStyle(el).visibility === "hidden") continue;
  if (r.left < -1 || r.right > W + 1) {
    problems.push(`${describe(el)} is outside the window sideways (${Math.round(r.left)}–${Math.round(r.right)} of ${W})`);
    continue;
  }
  let scrolls = false;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const cs = getComputedStyle(p);
    const pr = p.getBoundingClientRect();
    if (cs.overflowX !== "visible" && (r.left < pr.left - 1 || r.right > pr.right + 1)) {
      problems.push(`${describe(el)} is cut off sideways by ${describe(p)}`);
      break;
    }
    const scrollY = cs.overflowY === "auto" || cs.overflowY === "scroll";
    if (scrollY) scrolls = true;
    if (cs.overflowY !== "visible" && !scrollY && !scrolls && (r.top < pr.top - 1 || r.bottom > pr.bottom + 1)) {
      problems.push(`${describe(el)} is hidden below ${describe(p)}, which does not scroll`);
      break;
    }
    if (cs.position === "fixed" && !scrolls && r.bottom > H + 1) {
      problems.push(`${describe(el)} is below the window in a fixed panel`);
      break;
    }
  }
}
return problems;
"##;

async fn go(app: &App, hash: &str) -> Result<()> {
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(hash)],
        )
        .await?;
    Ok(())
}

/// Waits until the route has rendered (`ready` matches), then a moment for late sizes.
async fn settled(app: &App, ready: &str) -> Result<()> {
    app.wait_for(ready).await?;
    // Fonts, the heatmap's SVG and late sizes (ResizeObserver) settle within a frame or two.
    tokio::time::sleep(Duration::from_millis(400)).await;
    Ok(())
}

/// Opens the route `hash` and waits until it has rendered (`ready` matches). `<main>` is
/// emptied first, so the previous page's heading cannot pass for this one's.
pub(crate) async fn open(app: &App, hash: &str, ready: &str) -> Result<()> {
    app.client
        .execute(
            "document.getElementById('main').replaceChildren(); location.hash = arguments[0];",
            vec![serde_json::json!(hash)],
        )
        .await?;
    settled(app, ready).await
}

/// On a narrow window the course outline is hidden behind a button in the top bar; the button
/// opens it over the page, and choosing a chapter closes it again.
async fn outline_is_a_toggle(app: &App) -> Result<()> {
    go(app, "#/").await?;
    let chapter = "#toc a[data-chapter='ej-airways-fact-sheet']";
    app.wait_for("#toc a[data-chapter]").await?;
    assert!(
        !app.wait_for("#sidebar").await?.is_displayed().await?,
        "the outline is out of the way at first"
    );
    let toggle = app.wait_for("#outline-toggle").await?;
    assert!(toggle.is_displayed().await?, "the outline's button shows");
    toggle.click().await?;
    app.wait_for("#outline-toggle[aria-expanded='true']")
        .await?;
    app.click("#toc details[data-module='ej-airways'] summary")
        .await?;
    let link = app.wait_for(chapter).await?;
    assert!(
        link.is_displayed().await?,
        "the opened outline shows its chapters"
    );
    link.click().await?;
    app.wait_for_text("#chapter-title", "EJ Airways: the fact sheet")
        .await?;
    assert_eq!(
        toggle.attr("aria-expanded").await?.as_deref(),
        Some("false")
    );
    assert!(
        !app.wait_for("#sidebar").await?.is_displayed().await?,
        "choosing a chapter closes the outline"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_fits_the_window_from_800x560_to_1920x1080() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("layout.db")).await?;
    let shots = std::env::var_os("E2E_SCREENSHOTS").map(std::path::PathBuf::from);
    let pages = every_page(&app).await?;

    let mut failures = Vec::new();
    for (width, height) in SIZES {
        app.client.set_window_size(width, height).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let inner = app
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        assert_eq!(
            inner,
            serde_json::json!([width, height]),
            "the window's inside is the size asked for"
        );
        if width < 900 {
            outline_is_a_toggle(&app).await?;
        }
        for (hash, ready) in &pages {
            let hash = if hash.starts_with('#') {
                hash.clone()
            } else {
                format!("#{hash}")
            };
            open(&app, &hash, ready).await?;
            let problems = app.client.execute(CHECK, vec![]).await?;
            for p in problems.as_array().into_iter().flatten() {
                failures.push(format!(
                    "{width}×{height} {hash}: {}",
                    p.as_str().unwrap_or("?")
                ));
            }
            if let Some(dir) = &shots {
                let name = hash
                    .trim_start_matches("#/")
                    .replace('/', "-")
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "");
                let name = if name.is_empty() { "home".into() } else { name };
                app.screenshot(&dir.join(format!("layout-{width}x{height}-{name}.png")))
                    .await?;
                // The Organisation page's level bars sit below the first screen.
                if name == "organisation" {
                    app.client
                        .execute(
                            "document.getElementById('levels').scrollIntoView();",
                            vec![],
                        )
                        .await?;
                    app.screenshot(&dir.join(format!("layout-{width}x{height}-{name}-levels.png")))
                        .await?;
                }
            }
        }
    }
    app.quit().await?;
    assert!(
        failures.is_empty(),
        "{} layout problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

/// Fills the app with data for every page (the demo organisation, a plan, a workshop with a
/// 100-character team name, a group with a long name) and returns every route with the
/// selector that shows it has rendered.
pub(crate) async fn every_page(app: &App) -> Result<Vec<(String, &'static str)>> {
    // ---- Data: the demo organisation, a plan, a workshop with a 100-character team name. ----
    app.click("a[data-nav='teams']").await?;
    app.click("#team-list #create-demo").await?;
    app.wait_for_any_text(".team-list a.team-name", "Booking Web (demo)")
        .await?;
    // The team's address from its link, read in the page: the list may be redrawn between a
    // wait and a find (a stale or missing element failed CI once), so ask until it is there.
    let team_url = {
        const HREF: &str = "const a = [...document.querySelectorAll('.team-list a.team-name')]\
            .find((a) => a.textContent.trim() === 'Booking Web (demo)'); return a ? a.getAttribute('href') : null;";
        let started = std::time::Instant::now();
        let href = loop {
            if let Some(href) = app.client.execute(HREF, vec![]).await?.as_str() {
                break href.to_string();
            }
            if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
                return Err("no link to Booking Web (demo) on the teams page".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        go(app, &href).await?;
        app.wait_for("#history tbody tr[data-status='completed']")
            .await?;
        href
    };
    let latest = app
        .wait_for("#history tbody tr[data-status='completed']")
        .await?
        .attr("data-assessment")
        .await?
        .ok_or("history row without an assessment")?;
    go(app, &format!("#/plan/{latest}")).await?;
    app.click("#plan-generate").await?;
    app.wait_for(".plan-item").await?;

    app.click("a[data-nav='workshops']").await?;
    app.wait_for("#workshop-name")
        .await?
        .send_keys("Maturity day for the booking, loyalty and crew-planning teams of EJ Airways")
        .await?;
    app.click("#create-workshop button[type='submit']").await?;
    app.wait_for("#workshop-title").await?;
    let workshop = app
        .client
        .current_url()
        .await?
        .fragment()
        .unwrap_or("")
        .to_string();
    for name in [LONG_NAME, "Booking"] {
        add_team(app, name, &[]).await?;
    }
    let answer = app
        .wait_for(".workshop-team-grid > article:nth-child(1) a[data-action='answer']")
        .await?
        .attr("href")
        .await?
        .ok_or("answer link without href")?;
    let discuss = app
        .wait_for(".workshop-team-grid > article:nth-child(1) a[data-action='discuss']")
        .await?
        .attr("href")
        .await?
        .ok_or("discuss link without href")?;
    // The driver may hand back the whole address; the route is what follows '#'.
    let route_of = |href: String| match href.find('#') {
        Some(i) => href[i..].to_string(),
        None => href,
    };
    let (answer, discuss) = (route_of(answer), route_of(discuss));

    // A group with a long name, holding the team with the longest name: the teams page shows
    // both, the group's heading and the team's group menu.
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#new-group-name")
        .await?
        .send_keys(&LONG_NAME.replace("team-001", "unit-01"))
        .await?;
    app.click("#create-group button[type='submit']").await?;
    app.wait_for("#group-list").await?;
    app.client
        .wait()
        .for_element(Locator::XPath(&format!(
            "//li[a[normalize-space()='{LONG_NAME}']]//select[contains(@class,'team-group-picker')]"
        )))
        .await?
        .select_by_index(1)
        .await?;
    app.wait_for("section.team-group:not([data-group-id='none']) .team-name")
        .await?;
    let in_progress = answer.rsplit('/').next().unwrap_or_default().to_string();
    let workshop_id = workshop.rsplit('/').next().unwrap_or_default().to_string();

    // ---- Every route, with what shows that it has rendered. ----
    Ok(vec![
        ("#/".into(), "main h1"),
        ("#/chapter/ej-airways-fact-sheet".into(), "#chapter-title"),
        ("#/glossary".into(), "main h1"),
        ("#/search/deployment".into(), "main h1"),
        ("#/quiz/ej-airways".into(), "main h1"),
        ("#/exam".into(), "main h1"),
        ("#/agenda".into(), "main h1"),
        ("#/handouts".into(), "#handout-save-run-sheet"),
        ("#/activity/activity-devops-impact".into(), "main h1"),
        ("#/teams".into(), "main h1"),
        ("#/organisation".into(), "#organisation-summary"),
        (team_url.clone(), "#team-title"),
        (format!("#/assess/{in_progress}"), "main h1"),
        (format!("#/results/{latest}"), "#results-title"),
        (format!("#/plan/{latest}"), ".plan-item"),
        ("#/workshops".into(), "main h1"),
        (format!("#{workshop}"), "#workshop-title"),
        (answer.clone(), "main h1"),
        (discuss.clone(), "#discussion-title"),
        (format!("#/practice/{workshop_id}"), "main h1"),
        (
            format!("#/dashboard/{workshop_id}"),
            ".dashboard .dash-panel",
        ),
        (format!("#/live/{workshop_id}"), "main h1"),
        ("#/data".into(), "main h1"),
        ("#/notes".into(), "main h1"),
    ])
}
