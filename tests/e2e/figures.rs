//! Course figures: a chapter shows its SVG figure inline, named by its alt text for a screen
//! reader, coloured by the theme (light and dark), and fitting a 1024×768 projector window; a
//! slide with a figure shows it and still fits the projector without scrolling.

use std::time::Duration;

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;

const CHAPTER: &str = "itil-service-lifecycle";
const FIGURE: &str = "itil-lifecycle";

/// What the page shows of the figure, read in one script.
const READ: &str = r#"
const figure = document.querySelector(`figure[data-figure="${arguments[0]}"]`);
if (!figure) return null;
const svg = figure.querySelector("svg");
const box = svg.getBoundingClientRect();
const scroller = document.scrollingElement;
const accent = figure.querySelector(".fig-accent");
const root = getComputedStyle(document.documentElement);
return {
  role: svg.getAttribute("role"),
  label: svg.getAttribute("aria-label"),
  title: svg.querySelector(":scope > title")?.textContent ?? null,
  caption: figure.querySelector("figcaption")?.textContent ?? null,
  width: box.width,
  height: box.height,
  column: figure.clientWidth,
  pageFitsWidth: scroller.scrollWidth <= scroller.clientWidth,
  scripts: figure.querySelectorAll("script, foreignObject, [onload], [onclick]").length,
  accentFill: getComputedStyle(accent).fill,
  themeAccent: root.getPropertyValue("--accent").trim(),
  dark: matchMedia("(prefers-color-scheme: dark)").matches,
};
"#;

/// `#1f5fbf` → `rgb(31, 95, 191)`, as getComputedStyle writes a colour.
fn rgb(hex: &str) -> String {
    let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("a #rrggbb colour");
    format!("rgb({}, {}, {})", n >> 16, (n >> 8) & 0xff, n & 0xff)
}

async fn open_figure(app: &App) -> Result<serde_json::Value> {
    app.client.set_window_size(1024, 768).await?;
    app.client
        .execute(
            "location.hash = arguments[0];",
            vec![serde_json::json!(format!("#/chapter/{CHAPTER}"))],
        )
        .await?;
    app.wait_for_text("#chapter-title", "The ITIL service lifecycle")
        .await?;
    let figure = app
        .wait_for(&format!("figure[data-figure='{FIGURE}'] svg[role='img']"))
        .await?;
    // Bring it into view as a reader scrolling to it would, then let layout settle.
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&figure)?],
        )
        .await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(app
        .client
        .execute(READ, vec![serde_json::json!(FIGURE)])
        .await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chapter_shows_its_figure_with_alt_text_in_the_light_and_the_dark_theme() -> Result<()> {
    let _one = super::turn().await;
    let content = devops_maturity_content::load_embedded().expect("the embedded course loads");
    let expected = content
        .figures
        .get(FIGURE)
        .expect("the figure is in figures.toml");
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");

    // The window follows the desktop's theme: light by default, dark with GTK's dark variant.
    for (theme, env) in [
        ("light", vec![]),
        ("dark", vec![("GTK_THEME", "Adwaita:dark")]),
    ] {
        let app = App::start_with_env(&db, &env).await?;
        let shown = open_figure(&app).await?;
        app.keep_screenshot(&format!("figure-{theme}.png")).await?;
        app.quit().await?;

        assert_eq!(shown["role"], "img", "{theme}: {shown}");
        assert_eq!(
            shown["label"],
            expected.alt.as_str(),
            "{theme}: the alt text names the figure"
        );
        assert_eq!(
            shown["title"],
            expected.alt.as_str(),
            "{theme}: and is its title"
        );
        assert_eq!(
            shown["caption"],
            expected.caption.as_str(),
            "{theme}: {shown}"
        );
        assert_eq!(shown["scripts"], 0, "{theme}: {shown}");
        assert_eq!(
            shown["dark"],
            theme == "dark",
            "{theme}: the window's colour scheme"
        );
        // The theme colours the figure: its accent shape has the theme's accent, not SVG's
        // default black fill.
        let accent = shown["themeAccent"].as_str().unwrap_or_default();
        assert_eq!(shown["accentFill"], rgb(accent), "{theme}: {shown}");
        // On a 1024×768 projector window it fills its column (beside the outline), is no
        // taller than three quarters of the window, and nothing scrolls sideways.
        let width = shown["width"].as_f64().unwrap_or_default();
        let height = shown["height"].as_f64().unwrap_or_default();
        let column = shown["column"].as_f64().unwrap_or_default();
        assert!(
            width >= 0.9 * column && column >= 500.0 && height >= 250.0,
            "{theme}: the figure is {width}×{height} in a column {column} wide"
        );
        assert!(
            height <= 768.0 * 0.75 + 1.0,
            "{theme}: taller than the window allows: {height}"
        );
        assert_eq!(shown["pageFitsWidth"], true, "{theme}: {shown}");
    }
    Ok(())
}

/// Presses one key on whatever has focus, as a person at the keyboard would.
async fn press(app: &App, key: char) -> Result<()> {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    app.client.perform_actions(actions).await?;
    Ok(())
}

/// The projector's slide and its figure, read in one script; `null` before the figure shows.
const SLIDE: &str = r#"
const slide = document.getElementById("presenter-slide");
const svg = slide?.querySelector(`figure[data-figure="${arguments[0]}"] svg[role="img"]`);
if (!svg) return null;
const box = svg.getBoundingClientRect();
const overflow = [];
for (const [name, el] of [["document", document.documentElement], ["overlay", document.getElementById("presenter")], ["slide", slide]]) {
  if (el.scrollHeight > el.clientHeight) overflow.push(`${name}: ${el.scrollHeight} px tall in ${el.clientHeight}`);
  if (el.scrollWidth > el.clientWidth) overflow.push(`${name}: ${el.scrollWidth} px wide in ${el.clientWidth}`);
}
return {
  title: slide.querySelector("h2")?.textContent ?? "",
  points: slide.querySelectorAll(".slide-points li").length,
  label: svg.getAttribute("aria-label"),
  width: box.width, height: box.height, bottom: box.bottom, right: box.right,
  overflow,
};
"#;

/// A slide with a figure shows it beside its points, named by its alt text, and the slide still
/// fits a 1024×768 projector without scrolling, in the light and the dark theme.
#[tokio::test(flavor = "multi_thread")]
async fn a_slide_shows_its_figure_and_still_fits_a_projector() -> Result<()> {
    let _one = super::turn().await;
    const SLIDE_FIGURE: &str = "availability-timeline";
    let content = devops_maturity_content::load_embedded().expect("the embedded course loads");
    let expected = content
        .figures
        .get(SLIDE_FIGURE)
        .expect("listed in figures.toml");
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    for (theme, env) in [
        ("light", vec![]),
        ("dark", vec![("GTK_THEME", "Adwaita:dark")]),
    ] {
        let app = App::start_with_env(&db, &env).await?;
        app.client.set_window_size(1024, 768).await?;
        // Leaving full screen leaves presenter mode; the overlay fills the window anyway.
        app.client
            .execute("Element.prototype.requestFullscreen = undefined;", vec![])
            .await?;
        app.client
            .execute("location.hash = '#/chapter/availability';", vec![])
            .await?;
        app.wait_for_text("#chapter-title", "Availability: MTBF, MTTR and redundancy")
            .await?;
        app.click("#present-button").await?;
        app.wait_for("#presenter-slide").await?;
        let started = std::time::Instant::now();
        let shown = loop {
            let shown = app
                .client
                .execute(SLIDE, vec![serde_json::json!(SLIDE_FIGURE)])
                .await?;
            if !shown.is_null() {
                break shown;
            }
            if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
                return Err(
                    format!("{theme}: no slide of the chapter showed `{SLIDE_FIGURE}`").into(),
                );
            }
            press(&app, char::from(Key::Right)).await?;
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        };
        app.keep_screenshot(&format!("slide-figure-{theme}.png"))
            .await?;
        // The notes view (the notes window's page, here in the main window with the projector's
        // overlay set aside) shows the same slide, figure included, beside its section's prose.
        app.client
            .execute(
                "document.getElementById('presenter').style.display = 'none'; location.hash = '#/notes';",
                vec![],
            )
            .await?;
        let notes_figure = app
            .wait_for(&format!(
                "#notes-slide figure[data-figure='{SLIDE_FIGURE}'] svg[role='img']"
            ))
            .await?;
        let notes_label = notes_figure.attr("aria-label").await?;
        let notes_fit = app
            .client
            .execute(
                "const s = document.scrollingElement; return s.scrollWidth <= s.clientWidth;",
                vec![],
            )
            .await?;
        app.keep_screenshot(&format!("notes-figure-{theme}.png"))
            .await?;
        app.quit().await?;
        assert_eq!(
            notes_label.as_deref(),
            Some(expected.alt.as_str()),
            "{theme}: notes view"
        );
        assert_eq!(notes_fit, true, "{theme}: the notes view scrolls sideways");

        assert_eq!(
            shown["title"], "Availability from two numbers",
            "{theme}: {shown}"
        );
        assert!(
            shown["points"].as_u64().unwrap_or(0) >= 1,
            "{theme}: the points stay: {shown}"
        );
        assert_eq!(shown["label"], expected.alt.as_str(), "{theme}: {shown}");
        assert_eq!(
            shown["overflow"],
            serde_json::json!([]),
            "{theme}: the slide scrolls: {shown}"
        );
        let (width, bottom, right) = (
            shown["width"].as_f64().unwrap_or_default(),
            shown["bottom"].as_f64().unwrap_or_default(),
            shown["right"].as_f64().unwrap_or_default(),
        );
        assert!(
            width >= 400.0,
            "{theme}: a figure {width} px wide is too small for the room"
        );
        assert!(
            bottom <= 768.0 && right <= 1024.0,
            "{theme}: the figure leaves the window: {shown}"
        );
    }
    Ok(())
}
