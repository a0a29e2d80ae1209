//! Presenter mode: open it from a chapter, move slide by slide with the keyboard (also across
//! into the previous chapter), and leave with Esc; every slide of the course, stepped through at
//! 1024×768, fits without a scrollbar; an agenda block presents its cut's slides, and the notes
//! view shows each slide's section prose and notes and moves the projector.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::Locator;

/// Presses one key on whatever has focus, as a person at the keyboard would.
async fn press(app: &App, key: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client.perform_actions(actions).await?;
    Ok(())
}

/// Keeps presenter mode out of full screen: the test resizes the window, and leaving full screen
/// leaves presenter mode (as Esc does). The overlay fills the window either way.
async fn no_full_screen(app: &App) -> Result<()> {
    app.client
        .execute("Element.prototype.requestFullscreen = undefined;", vec![])
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn presenter_mode_moves_by_slide_with_the_keyboard_and_esc_leaves() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    app.click("#toc a[data-chapter='course-objectives']")
        .await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;
    press(&app, 'p').await?;
    app.wait_for("#presenter").await?;
    app.wait_for_text("#presenter-slide h2", "Four outcomes for the day")
        .await?;
    app.wait_for_text("#presenter-count", "1 / 4").await?;

    // Three steps forward, each with a different key.
    for (key, title) in [
        (char::from(Key::Right), "Two bodies of practice"),
        (' ', "The room and the case share one tension"),
        (char::from(Key::PageDown), "Three misreadings"),
    ] {
        press(&app, key).await?;
        app.wait_for_text("#presenter-slide h2", title).await?;
    }
    app.wait_for_text("#presenter-count", "4 / 4").await?;
    app.keep_screenshot("presenter.png").await?;
    press(&app, char::from(Key::Left)).await?;
    app.wait_for_text(
        "#presenter-slide h2",
        "The room and the case share one tension",
    )
    .await?;
    let prose = app
        .client
        .find_all(Locator::Css(
            "#presenter .facilitator-notes, #presenter .notes-text, #presenter p",
        ))
        .await?;
    assert!(
        prose.is_empty(),
        "the projected view shows the slide's points, never the chapter's prose or notes"
    );

    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;

    // From the first slide of the next chapter, going back crosses into this chapter's end.
    app.click("#toc a[data-chapter='how-the-day-runs']").await?;
    app.wait_for_text("#chapter-title", "How the day runs")
        .await?;
    app.click("#present-button").await?;
    app.wait_for_text("#presenter-slide h2", "Four ways you learn today")
        .await?;
    press(&app, char::from(Key::Up)).await?;
    app.wait_for_text("#presenter-slide h2", "Three misreadings")
        .await?;
    app.wait_for_text("#presenter-count", "4 / 4").await?;
    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;

    // A glossary term shows its definition on keyboard focus, tied with aria-describedby.
    app.client
        .execute("document.querySelector('#main a.term').focus()", vec![])
        .await?;
    let popover = app.wait_for("#term-popover:not([hidden])").await?;
    assert!(
        !popover.text().await?.trim().is_empty(),
        "the popover shows the definition"
    );
    let described = app
        .client
        .execute(
            "return document.activeElement.getAttribute('aria-describedby')",
            vec![],
        )
        .await?;
    assert_eq!(described, serde_json::json!("term-popover"));
    app.keep_screenshot("chapter.png").await?;
    app.quit().await?;
    Ok(())
}

/// Whether the presenter overlay, the slide or the page scrolls (content taller or wider than
/// its box); the message names what overflows and by how much.
const OVERFLOW: &str = r#"
const out = [];
for (const [name, el] of [["document", document.documentElement], ["overlay", document.getElementById("presenter")],
                          ["slide", document.getElementById("presenter-slide")]]) {
  if (!el) { out.push(`${name}: missing`); continue; }
  if (el.scrollHeight > el.clientHeight) out.push(`${name}: ${el.scrollHeight} px tall in ${el.clientHeight}`);
  if (el.scrollWidth > el.clientWidth) out.push(`${name}: ${el.scrollWidth} px wide in ${el.clientWidth}`);
}
return out;
"#;

/// Whether the presentation is at its last slide (asked of the app, as the notes window does).
const AT_THE_END: &str = "const done = arguments[arguments.length - 1];\n\
    window.__TAURI__.core.invoke('presenter_frame')\n\
      .then((v) => done(v.frame.next_title === null), () => done(false));";

/// What the projector shows, read in one script: the bar's chapter, the count, the slide's
/// title, how many points, and what overflows ([`OVERFLOW`]).
fn shown_script() -> String {
    format!(
        "const text = (css) => document.querySelector(css)?.textContent ?? \"\";\n\
         const overflow = (() => {{ {OVERFLOW} }})();\n\
         return [text('.presenter-chapter'), text('#presenter-count'), text('#presenter-slide h2'),\n\
                 document.querySelectorAll('#presenter-slide .slide-points li').length, overflow];"
    )
}

/// Every slide of the course (all modules, first to last), stepped through at a projector's
/// 1024×768, fits without a scrollbar.
#[tokio::test(flavor = "multi_thread")]
async fn every_slide_of_the_course_fits_a_projector_without_scrolling() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;
    app.client.set_window_size(1024, 768).await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let inner = app
        .client
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await?;
    assert_eq!(inner, serde_json::json!([1024, 768]), "a 1024×768 window");
    no_full_screen(&app).await?;

    app.client
        .execute("location.hash = '#/chapter/course-objectives';", vec![])
        .await?;
    app.wait_for_text("#chapter-title", "What this day is for")
        .await?;
    app.click("#present-button").await?;
    app.wait_for("#presenter-slide").await?;
    // (module and chapter title, slide number, slides in the chapter) of every slide shown.
    let mut seen: Vec<(String, u32, u32)> = Vec::new();
    let mut failures = Vec::new();
    let mut screenshots = 0;
    loop {
        // Read the whole slide in one script: a redraw between two reads cannot mix two slides.
        let shown = app.client.execute(&shown_script(), vec![]).await?;
        let text = |i: usize| shown[i].as_str().unwrap_or_default().to_string();
        let (bar, count, title) = (text(0), text(1), text(2));
        let chapter = bar.as_str();
        let (number, total) = count
            .split_once(" / ")
            .and_then(|(n, t)| Some((n.parse().ok()?, t.parse().ok()?)))
            .ok_or_else(|| format!("`{count}` is not `n / m`"))?;
        let at = format!("{chapter} {count} “{title}”");
        assert!(
            shown[3].as_u64().unwrap_or(0) > 0,
            "{at}: the slide shows its points"
        );
        for o in shown[4].as_array().into_iter().flatten() {
            failures.push(format!("{at}: {}", o.as_str().unwrap_or_default()));
        }
        // The two longest slides of module 03, for a person to look at.
        if ["Five stages, one cycle", "Transition: seven processes"].contains(&title.as_str()) {
            screenshots += 1;
            app.keep_screenshot(&format!("slide-1024x768-{screenshots}.png"))
                .await?;
        }
        seen.push((chapter.to_string(), number, total));
        if app.client.execute_async(AT_THE_END, vec![]).await? == serde_json::json!(true) {
            break;
        }
        press(&app, char::from(Key::Right)).await?;
        let started = std::time::Instant::now();
        loop {
            let now = app.client.execute(&shown_script(), vec![]).await?;
            if (now[0].as_str(), now[1].as_str()) != (Some(bar.as_str()), Some(count.as_str())) {
                break;
            }
            if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
                return Err(format!("Right did not move on from {at}").into());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    assert!(
        failures.is_empty(),
        "slides that scroll at 1024×768:\n{}",
        failures.join("\n")
    );
    // Each chapter's slides once and in order, from the first chapter to the last slide.
    let mut chapters: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    chapters.dedup();
    assert_eq!(
        chapters.first().copied(),
        Some("Introduction · What this day is for")
    );
    assert!(
        chapters.len() > 16,
        "more than one chapter a module: {chapters:?}"
    );
    for chapter in chapters {
        let numbers: Vec<(u32, u32)> = seen
            .iter()
            .filter(|s| s.0 == chapter)
            .map(|s| (s.1, s.2))
            .collect();
        let total = numbers[0].1;
        let expected: Vec<(u32, u32)> = (1..=total).map(|n| (n, total)).collect();
        assert_eq!(numbers, expected, "every slide of “{chapter}”, in order");
    }
    // The course's last slide fits a small laptop and a full-HD screen as well.
    for (width, height) in [(800, 560), (1920, 1080)] {
        app.client.set_window_size(width, height).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let overflow = app.client.execute(OVERFLOW, vec![]).await?;
        assert_eq!(
            overflow,
            serde_json::json!([]),
            "the slide scrolls at {width}×{height}"
        );
        app.keep_screenshot(&format!("slide-{width}x{height}.png"))
            .await?;
    }
    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.quit().await?;
    Ok(())
}

async fn wait_gone(app: &App, css: &str) -> Result<()> {
    let started = std::time::Instant::now();
    while !app.client.find_all(Locator::Css(css)).await?.is_empty() {
        if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
            return Err(format!("`{css}` is still there").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agenda_block_presents_its_facilitator_cut_with_the_time_left() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let app = App::start(&dir.path().join("studio.db")).await?;

    app.click("a[data-nav='agenda']").await?;
    let row = app.wait_for("tr[data-block='devops-explained']").await?;
    row.find(Locator::Css("details.agenda-cut summary"))
        .await?
        .click()
        .await?;
    app.wait_for_any_text(
        "tr[data-block='devops-explained'] .agenda-cut summary",
        "3 sections, 14 min",
    )
    .await?;
    no_full_screen(&app).await?;
    app.click("tr[data-block='devops-explained'] .present-cut")
        .await?;
    app.wait_for("#presenter").await?;
    app.wait_for("#presenter-slide[data-anchor='the-idea']")
        .await?;
    app.wait_for_text("#presenter-count", "1 / 3").await?;
    app.wait_for_any_text("#presenter-cut-item", "5 min for this section")
        .await?;
    app.wait_for_any_text("#presenter-time-left", "left of 15 min")
        .await?;
    app.keep_screenshot("presenter-cut.png").await?;

    // The next section is the cut's second, in another chapter; the chapter's own next is skipped.
    press(&app, char::from(Key::Right)).await?;
    app.wait_for("#presenter-slide[data-anchor='how-the-wall-grows']")
        .await?;
    app.wait_for_text("#presenter-count", "2 / 3").await?;
    press(&app, char::from(Key::Right)).await?;
    press(&app, char::from(Key::Right)).await?;
    app.wait_for("#presenter-slide[data-anchor='a-timeline']")
        .await?;
    app.wait_for_text("#presenter-count", "3 / 3").await?;

    // The notes view (the notes window's page, shown here in the main window with the projected
    // overlay set aside): the slide beside its section's notes and prose, the time left, and
    // Previous, which moves the projector too.
    app.client
        .execute(
            "document.getElementById('presenter').style.display = 'none'; location.hash = '#/notes';",
            vec![],
        )
        .await?;
    app.wait_for_text("#notes-prose h2", "A timeline").await?;
    app.wait_for_text("#notes-slide h2", "How it started")
        .await?;
    app.wait_for_any_text("#notes-prose", "Patrick Debois")
        .await?;
    app.wait_for_any_text("#notes-time-left", "left of 15 min")
        .await?;
    app.wait_for_text("#notes-count", "3 / 3").await?;
    for (width, height) in [(800, 560), (1024, 768), (1920, 1080)] {
        app.client.set_window_size(width, height).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.keep_screenshot(&format!("notes-{width}x{height}.png"))
            .await?;
    }
    app.click("#notes-previous").await?;
    app.wait_for_text("#notes-count", "2 / 3").await?;
    app.wait_for_text("#notes-prose h2", "How the wall grows")
        .await?;
    app.client
        .execute(
            "document.getElementById('presenter').style.display = '';",
            vec![],
        )
        .await?;
    app.wait_for("#presenter-slide[data-anchor='how-the-wall-grows']")
        .await?;
    app.wait_for_text("#presenter-count", "2 / 3").await?;
    press(&app, char::from(Key::Escape)).await?;
    wait_gone(&app, "#presenter").await?;
    app.quit().await?;
    Ok(())
}
