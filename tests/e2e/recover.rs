//! A data file the app cannot use: the app says why and where, offers a fresh database, and
//! keeps the old file byte for byte under a new name. A second window on the same file
//! explains itself and can try again once the first has closed. A save while another program
//! holds the file waits, then says which file is in use.

use devops_maturity_e2e::{App, Browser, Result};

#[tokio::test(flavor = "multi_thread")]
async fn a_text_file_as_database_is_set_aside_and_a_fresh_one_works() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("studio.db");
    let original = b"Minutes of the Tuesday retro.\nNot a database, but precious.\n".repeat(40);
    std::fs::write(&db, &original)?;

    let app = App::start(&db).await?;
    let message = app.wait_for("#recover-message").await?.text().await?;
    assert_eq!(
        message.trim(),
        format!(
            "{} is not a DevOps Maturity Studio database (it is not a SQLite file); it was left untouched",
            db.display()
        )
    );
    app.wait_for_text("#recover-path", &db.display().to_string())
        .await?;
    assert_eq!(
        std::fs::read(&db)?,
        original,
        "nothing was written before the user chose"
    );

    app.click("#recover-fresh").await?;
    let moved = app.wait_for("#recover-moved-to").await?.text().await?;
    let moved = std::path::PathBuf::from(moved.trim());
    let name = moved
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or("no file name")?;
    let stamp = name
        .strip_prefix("studio.db.unreadable-")
        .ok_or(format!("unexpected name {name}"))?;
    assert!(
        stamp.len() == 15
            && stamp.as_bytes()[8] == b'-'
            && stamp
                .chars()
                .enumerate()
                .all(|(i, c)| i == 8 || c.is_ascii_digit()),
        "YYYYMMDD-HHMMSS, got {stamp}"
    );
    assert_eq!(moved.parent(), db.parent(), "kept beside the database");
    assert_eq!(
        std::fs::read(&moved)?,
        original,
        "the old file is byte-identical at its new name"
    );
    assert!(
        std::fs::read(&db)?.starts_with(b"SQLite format 3\0"),
        "a fresh database now sits at the old path"
    );

    // The app works on the fresh database.
    app.click("#recover-continue").await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#new-team-name")
        .await?
        .send_keys("After the rescue")
        .await?;
    app.click("#create-team button[type='submit']").await?;
    app.wait_for_any_text("#team-list .team-name", "After the rescue")
        .await?;
    app.quit().await?;

    // A restart opens it directly, with the team.
    let app = App::start(&db).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for_any_text("#team-list .team-name", "After the rescue")
        .await?;
    let pages = app
        .client
        .find_all(fantoccini::Locator::Css("#recover-message"))
        .await?;
    assert!(pages.is_empty(), "no recovery page for a good database");
    app.quit().await?;
    assert_eq!(std::fs::read(&moved)?, original, "still untouched");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_window_on_the_same_database_explains_and_can_try_again() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("shared.db");

    let first = App::start(&db).await?;
    first.click("a[data-nav='teams']").await?;
    first
        .wait_for("#new-team-name")
        .await?
        .send_keys("First window")
        .await?;
    first.click("#create-team button[type='submit']").await?;
    first
        .wait_for_any_text("#team-list .team-name", "First window")
        .await?;

    let second = App::start(&db).await?;
    let message = second.wait_for("#recover-message").await?.text().await?;
    assert_eq!(
        message.trim(),
        format!(
            "the database {} is already open in another DevOps Maturity Studio window; switch to that window, or close it and try again",
            db.display()
        )
    );
    assert!(
        second
            .client
            .find_all(fantoccini::Locator::Css("#recover-fresh"))
            .await?
            .is_empty(),
        "a database in use is never offered for replacement"
    );

    // Still open elsewhere: trying again says so.
    second.click("#recover-retry").await?;
    second
        .wait_for_any_text("#recover-status", "already open in another")
        .await?;

    first.quit().await?;
    // The first app's process ends (and its lock goes) a moment after its window closes.
    let started = std::time::Instant::now();
    loop {
        let retry = second
            .client
            .find_all(fantoccini::Locator::Css("#recover-retry"))
            .await?;
        let Some(button) = retry.into_iter().next() else {
            break;
        };
        if started.elapsed() > devops_maturity_e2e::UI_TIMEOUT {
            return Err("the second window never got the database".into());
        }
        button.click().await?;
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    second.click("a[data-nav='teams']").await?;
    second
        .wait_for_any_text("#team-list .team-name", "First window")
        .await?;
    second.quit().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_save_while_another_program_holds_the_database_names_the_file() -> Result<()> {
    let _one = super::turn().await;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("busy.db");
    let app = App::start(&db).await?;
    app.click("a[data-nav='teams']").await?;
    app.wait_for("#new-team-name").await?;

    // Another program (here the store itself, as the CLI would) takes the write lock and keeps
    // it until the app has given up.
    let (release, released) = std::sync::mpsc::channel::<()>();
    let (holding, held) = std::sync::mpsc::channel::<()>();
    let holder = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut store = devops_maturity_store::Store::open(&db).expect("open");
            store
                .in_transaction(|s| {
                    s.create_team("Held by the other program", chrono::Utc::now())?;
                    holding.send(()).expect("signal");
                    released.recv().expect("wait");
                    Ok(())
                })
                .expect("the other program's write");
        })
    };
    held.recv()?;
    app.wait_for("#new-team-name")
        .await?
        .send_keys("Blocked")
        .await?;
    app.click("#create-team button[type='submit']").await?;
    // While the save waits (up to 5 s), the top bar says why nothing seems to happen.
    let waiting = app
        .wait_for_any_text(
            "#store-waiting",
            "Another program is writing to your data file",
        )
        .await;
    if waiting.is_ok() {
        app.keep_screenshot("save-waits-for-another-program.png")
            .await?;
    }
    let shown = app
        .wait_for_text(
            ".status .notice-error",
            &format!(
                "the database {} is in use by another program (another DevOps Maturity Studio window, or a devops-maturity command still running); nothing was changed — close it and try again",
                db.display()
            ),
        )
        .await;
    release.send(())?;
    holder.join().map_err(|_| "the holder panicked")?;
    waiting?;
    shown?;
    // The save has given up: the banner goes (a hidden element's text is empty).
    app.wait_for_text("#store-waiting", "").await?;

    // Once the other program is done, the same save works and both teams are there.
    let input = app.wait_for("#new-team-name").await?;
    input.clear().await?;
    input.send_keys("Blocked").await?;
    app.click("#create-team button[type='submit']").await?;
    app.wait_for_any_text("#team-list .team-name", "Blocked")
        .await?;
    app.wait_for_any_text("#team-list .team-name", "Held by the other program")
        .await?;
    app.quit().await?;
    Ok(())
}
