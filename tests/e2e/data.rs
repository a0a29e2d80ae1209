//! Your data: create the demo organisation, export it to a JSON file from the "Your data" page,
//! restart (the automatic backup appears), then import the file into a fresh database in a new
//! app and find the teams; a second import adds nothing.
//!
//! A native file dialog cannot be driven through WebDriver, so the app runs with
//! `DEVOPS_MATURITY_E2E_DIALOG_PATH`: its file dialogs answer with that path. Everything after
//! the dialog (the page, the command, the store, the file) is the real thing.

use devops_maturity_e2e::{App, Browser, Result};
use fantoccini::Locator;

const DIALOG_ENV: &str = "DEVOPS_MATURITY_E2E_DIALOG_PATH";

/// How a disabled and an enabled text field look: background, border style, and the contrast
/// of the text on the background (WCAG's ratio; axe leaves disabled fields out of its own
/// contrast rule, so the test works it out).
const FIELD_LOOKS: &str = r##"
const luminance = (colour) => {
  const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const looks = (css) => {
  const field = document.querySelector(css);
  const s = getComputedStyle(field);
  const [a, b] = [luminance(s.color), luminance(s.backgroundColor)].sort((x, y) => y - x);
  return { disabled: field.disabled, background: s.backgroundColor, border: s.borderTopStyle,
           contrast: Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100 };
};
return { disabled: looks(arguments[0]), enabled: looks(arguments[1]) };
"##;

/// The notes under the clash questions: what is missing, or what was chosen.
const NOTES: &str = "#data-clashes fieldset .field-error";

/// For each note under a clash question: its `aria-live`, and whether another live region
/// holds it.
const NOTE_REGIONS: &str = r##"
return [...document.querySelectorAll("#data-clashes fieldset .field-error")].map((note) =>
  note.getAttribute("aria-live")
  + (note.parentElement.closest("[aria-live], [role=status], [role=alert], [role=log]") ? " inside another region" : ""));
"##;

/// With `E2E_SCREENSHOTS` set, keeps pictures of the clash form at 800×560 and 1024×768 with
/// `css` in the middle of the window, as `<name>-<width>x<height>.png`; otherwise does nothing.
async fn clash_screenshots(app: &App, css: &str, name: &str) -> Result<()> {
    if std::env::var_os("E2E_SCREENSHOTS").is_none() {
        return Ok(());
    }
    for (width, height) in [(800, 560), (1024, 768)] {
        app.client.set_window_size(width, height).await?;
        app.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
                vec![serde_json::json!(css)],
            )
            .await?;
        app.keep_screenshot(&format!("{name}-{width}x{height}.png"))
            .await?;
    }
    Ok(())
}

async fn open_data_page(app: &App) -> Result<()> {
    app.click("a[data-nav='data']").await?;
    app.wait_for("#data-export-json").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn export_then_import_into_a_fresh_database() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let source = dir.path().join("source.db");
    let file = dir.path().join("export.json");
    let env = [(DIALOG_ENV, file.to_str().ok_or("path is not UTF-8")?)];

    // Demo data, then export everything from the page.
    let app = App::start_with_env(&source, &env).await?;
    app.click("a[data-nav='teams']").await?;
    app.click("#team-list #create-demo").await?;
    app.wait_for_any_text("#team-list .team-name", "Booking Web (demo)")
        .await?;
    open_data_page(&app).await?;
    app.wait_for("#data-backups-none").await?;
    app.click("#data-export-json").await?;
    app.wait_for_any_text("#data-result", "Exported 4 team(s), 16 assessment(s)")
        .await?;
    app.quit().await?;

    let exported: serde_json::Value = serde_json::from_slice(&std::fs::read(&file)?)?;
    assert_eq!(exported["format"], "devops-maturity-studio-export");
    assert_eq!(
        exported["teams"].as_array().map(Vec::len),
        Some(4),
        "the file holds the four demo teams"
    );

    // The next start took an automatic backup of the database, now that it has data.
    let app = App::start_with_env(&source, &env).await?;
    open_data_page(&app).await?;
    let rows = app
        .client
        .wait()
        .for_element(Locator::Css("#data-backups tbody tr"))
        .await;
    assert!(rows.is_ok(), "one automatic backup is listed");
    app.quit().await?;

    // A fresh database in a new app: import the file and find the teams.
    let fresh = dir.path().join("fresh.db");
    let app = App::start_with_env(&fresh, &env).await?;
    open_data_page(&app).await?;
    app.click("#data-import").await?;
    app.wait_for_text("#data-import-counts tr[data-kind='teams'] td", "4")
        .await?;
    app.wait_for_text("#data-import-counts tr[data-kind='assessments'] td", "16")
        .await?;
    app.click("a[data-nav='teams']").await?;
    for team in [
        "Booking Web (demo)",
        "Infrastructure (demo)",
        "Loyalty Platform (demo)",
        "Mobile App (demo)",
    ] {
        app.wait_for_any_text("#team-list .team-name", team).await?;
    }

    // Importing the same file again adds nothing.
    open_data_page(&app).await?;
    app.click("#data-import").await?;
    app.wait_for_any_text("#data-result", "Nothing new in")
        .await?;
    app.quit().await?;
    Ok(())
}

/// Two facilitators both made the demo organisation: its four team names clash. The import
/// stops, asks for each name whether it is the same team or another one (nothing chosen for
/// the person; a missing choice is said next to it), and goes through with the choices.
#[tokio::test(flavor = "multi_thread")]
async fn clashing_team_names_are_mapped_or_renamed_on_import() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("porto.json");
    let env = [(DIALOG_ENV, file.to_str().ok_or("path is not UTF-8")?)];
    for db in ["porto.db", "lisbon.db"] {
        let app = App::start_with_env(&dir.path().join(db), &env).await?;
        app.click("a[data-nav='teams']").await?;
        app.click("#team-list #create-demo").await?;
        app.wait_for_any_text("#team-list .team-name", "Mobile App (demo)")
            .await?;
        if db == "porto.db" {
            open_data_page(&app).await?;
            app.click("#data-export-json").await?;
            app.wait_for("#data-result").await?;
            app.quit().await?;
            continue;
        }
        open_data_page(&app).await?;
        app.click("#data-import").await?;
        app.wait_for_any_text("#data-clashes h2", "Nothing was imported")
            .await?;
        // One question per demo team.
        app.wait_for_count("#data-clashes fieldset.clash legend", 4)
            .await?;
        if let Ok(shots) = std::env::var("E2E_SCREENSHOTS") {
            app.screenshot(&std::path::Path::new(&shots).join("import-clashes.png"))
                .await?;
        }

        // Nothing chosen: each question says so, nothing is imported.
        app.click("#data-import-again").await?;
        app.wait_for_texts(NOTES, &["Choose: the same team, or another one."; 4])
            .await?;
        let violations = app.axe().await?;
        assert!(violations.is_empty(), "the prompts: {violations:#?}");
        clash_screenshots(&app, "#clash-team-0", "import-clash-prompt").await?;

        // A choice answers its prompt: the note says what was chosen, as it is chosen.
        for i in 0..3 {
            app.click(&format!("#clash-team-{i}-map")).await?;
        }
        app.click("#clash-team-3-rename").await?;
        let chosen = [
            "✓ Chosen: the same team.",
            "✓ Chosen: the same team.",
            "✓ Chosen: the same team.",
            "✓ Chosen: another team, under the name above.",
        ];
        app.wait_for_texts(NOTES, &chosen).await?;
        // Each note is a polite live region of its own, in no other region: the page's status
        // region is read out whole on any change, so a note inside it would repeat the form.
        let regions = app.client.execute(NOTE_REGIONS, vec![]).await?;
        assert_eq!(
            regions,
            serde_json::json!(["polite", "polite", "polite", "polite"])
        );
        clash_screenshots(&app, "#clash-team-3", "import-clash-chosen").await?;
        // Another team with no name asks for one again, and a name answers it.
        let name = app.wait_for("#clash-team-3-name").await?;
        name.clear().await?;
        app.wait_for_text(
            "#clash-team-3-error",
            "Type the name to import this team under.",
        )
        .await?;
        name.send_keys("Mobile App (Lisbon)").await?;
        app.wait_for_texts(NOTES, &chosen).await?;
        app.client.set_window_size(1024, 768).await?;
        // A rename field is disabled until "another team" is chosen, and looks it (greyed,
        // dashed), its text still readable; axe finds nothing on the form, light or dark.
        for dark in [false, true] {
            app.dark(dark).await?;
            let looks = app
                .client
                .execute(
                    FIELD_LOOKS,
                    vec![
                        serde_json::json!("#clash-team-0-name"),
                        serde_json::json!("#clash-team-3-name"),
                    ],
                )
                .await?;
            let (off, on) = (&looks["disabled"], &looks["enabled"]);
            assert_eq!(
                (&off["disabled"], &on["disabled"]),
                (&true.into(), &false.into()),
                "{looks}"
            );
            assert_ne!(off["background"], on["background"], "dark {dark}: {looks}");
            assert_eq!(
                (off["border"].as_str(), on["border"].as_str()),
                (Some("dashed"), Some("solid")),
                "dark {dark}: {looks}"
            );
            for field in [off, on] {
                let contrast = field["contrast"].as_f64().unwrap_or_default();
                assert!(
                    contrast >= 4.5,
                    "dark {dark}: text contrast {contrast} < 4.5: {looks}"
                );
            }
            let violations = app.axe().await?;
            assert!(violations.is_empty(), "dark {dark}: {violations:#?}");
            if let Ok(shots) = std::env::var("E2E_SCREENSHOTS") {
                let file = format!(
                    "import-clash-rename-{}.png",
                    if dark { "dark" } else { "light" }
                );
                app.screenshot(&std::path::Path::new(&shots).join(file))
                    .await?;
            }
        }
        app.dark(false).await?;
        name.clear().await?;
        name.send_keys("Mobile App (Porto)").await?;
        app.click("#data-import-again").await?;
        app.wait_for_text("#data-import-counts tr[data-kind='teams'] td", "1")
            .await?;
        app.click("a[data-nav='teams']").await?;
        app.wait_for_any_text("#team-list .team-name", "Mobile App (Porto)")
            .await?;
        // Three teams mapped, one renamed: five in all.
        app.wait_for_count("#team-list .team-name", 5).await?;
        app.quit().await?;
    }
    Ok(())
}

/// "Back up now" runs off the main thread and without the store's lock: while a backup takes
/// seconds (slowed by the `e2e` build's `DEVOPS_MATURITY_E2E_SLOW_BACKUP_MS`), the page says it
/// is working, and the teams page — another command on the same database — opens at once.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_answers_during_a_long_backup() -> Result<()> {
    const SLOW_MS: u64 = 8_000;
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("live.db");
    let copy = dir.path().join("backup.sqlite");
    let slow = SLOW_MS.to_string();
    let env = [
        (DIALOG_ENV, copy.to_str().ok_or("path is not UTF-8")?),
        ("DEVOPS_MATURITY_E2E_SLOW_BACKUP_MS", slow.as_str()),
    ];
    let app = App::start_with_env(&db, &env).await?;
    app.click("a[data-nav='teams']").await?;
    app.click("#team-list #create-demo").await?;
    app.wait_for_any_text("#team-list .team-name", "Booking Web (demo)")
        .await?;
    open_data_page(&app).await?;

    let started = std::time::Instant::now();
    app.click("#data-backup").await?;
    app.wait_for("#data-working").await?;
    // The teams page reads the database through another command while the backup runs.
    app.click("a[data-nav='teams']").await?;
    app.wait_for_any_text("#team-list .team-name", "Booking Web (demo)")
        .await?;
    let answered = started.elapsed();
    assert!(
        answered < std::time::Duration::from_millis(SLOW_MS - 2_000),
        "the teams page took {answered:?} during an {SLOW_MS} ms backup"
    );
    assert!(!copy.exists(), "the backup was still running");

    // The backup finishes all the same.
    open_data_page(&app).await?;
    let deadline = started + std::time::Duration::from_millis(SLOW_MS + 20_000);
    while !copy.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "no backup was written"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.quit().await?;
    Ok(())
}
