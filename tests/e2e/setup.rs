//! Steps many journeys take the same way: a workshop and its teams made on the Workshops
//! page, and its live session started on loopback.

use devops_maturity_e2e::{App, Browser, Result};

/// Creates the workshop `name` on the Workshops page and waits for its page.
pub async fn create_workshop(app: &App, name: &str) -> Result<()> {
    app.click("a[data-nav='workshops']").await?;
    app.wait_for("#workshop-name")
        .await?
        .send_keys(name)
        .await?;
    app.click("#create-workshop button[type='submit']").await?;
    app.wait_for_text("#workshop-title", name).await?;
    Ok(())
}

/// Adds a team created on the spot to the workshop on screen, with `people` typed into the
/// respondents' fields in order (a blank one stays anonymous), and waits until it is listed.
pub async fn add_team(app: &App, name: &str, people: &[&str]) -> Result<()> {
    app.wait_for("#workshop-team-name")
        .await?
        .send_keys(name)
        .await?;
    for (i, person) in people.iter().enumerate() {
        if !person.is_empty() {
            app.wait_for(&format!("#workshop-respondent-{i}"))
                .await?
                .send_keys(person)
                .await?;
        }
    }
    app.click("#workshop-add-team button[type='submit']")
        .await?;
    app.wait_for_any_text(".workshop-team-name", name).await?;
    Ok(())
}

/// Starts the live session of the workshop on screen on 127.0.0.1 and a free port, and waits
/// until the projector shows its address, which it returns (`http://127.0.0.1:<port>/`).
/// With `E2E_SCREENSHOTS` set, `setup_screenshot` names a picture of the form before Start.
pub async fn start_live(app: &App, setup_screenshot: Option<&str>) -> Result<String> {
    app.click("a[data-action='live']").await?;
    app.click("#live-ip option[value='127.0.0.1']").await?;
    if let Some(name) = setup_screenshot {
        app.keep_screenshot(name).await?;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let port_field = app.wait_for("#live-port").await?;
    port_field.clear().await?;
    port_field.send_keys(&port.to_string()).await?;
    app.click("#live-start").await?;
    let address = format!("http://127.0.0.1:{port}/");
    app.wait_for_text("#live-address", &address).await?;
    Ok(address)
}
