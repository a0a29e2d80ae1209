//! Starts the real app under `tauri-driver` (which drives WebKitWebDriver) and hands tests a
//! WebDriver client. Each [`App`] is one app process with its own driver and ports; the
//! database is whatever path the test passes, so a test can restart the app on the same data.
//!
//! Needs: a display (the test command runs everything under `xvfb-run`), `tauri-driver` on the
//! PATH or in ~/.cargo/bin, `WebKitWebDriver`, and the app built with its test hooks next to
//! this test binary (`cargo build -p devops-maturity-app --features e2e`).
//!
//! [`Phone`] is the other browser: a participant's phone in a live session, played by headless
//! Chromium with mobile emulation under `chromedriver`. Tests drive both through one trait,
//! [`Browser`]: its waits, `click` and screenshots are written once.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::{Child, Command};

pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How long to wait for the UI to show something before failing.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The app binary built next to this test binary (target/debug/).
pub fn app_binary() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("DEVOPS_MATURITY_APP_BIN") {
        return Ok(PathBuf::from(path));
    }
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("test binary has no target dir")?;
    let bin = dir.join("devops-maturity-app");
    if !bin.exists() {
        return Err(format!(
            "{} is missing: build it first with `cargo build -p devops-maturity-app --features e2e`",
            bin.display()
        )
        .into());
    }
    check_e2e_build(&bin)?;
    Ok(bin)
}

/// The test hooks (file dialogs answered by a path, a slow backup) exist only in a build with
/// the `e2e` feature; without them a test would wait on a native dialog nobody can click. The
/// hook's variable name is in the binary exactly when the feature was on.
fn check_e2e_build(bin: &Path) -> Result<()> {
    static HAS_HOOKS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let has = *HAS_HOOKS.get_or_init(|| {
        std::fs::read(bin).is_ok_and(|bytes| {
            memchr::memmem::find(&bytes, b"DEVOPS_MATURITY_E2E_DIALOG_PATH").is_some()
        })
    });
    if has {
        Ok(())
    } else {
        Err(format!(
            "{} was built without the test hooks: build it with `cargo build -p devops-maturity-app --features e2e`",
            bin.display()
        )
        .into())
    }
}

fn tauri_driver() -> PathBuf {
    let home_bin =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"));
    match home_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// How many times [`App::start`] tries to create a WebDriver session.
const SESSION_ATTEMPTS: u32 = 3;

/// Why one start of the app failed: the WebDriver session could not be created (worth another
/// try with a fresh driver), or anything else.
enum StartError {
    Session(Error),
    Other(Error),
}

impl<E: Into<Error>> From<E> for StartError {
    fn from(e: E) -> Self {
        StartError::Other(e.into())
    }
}

/// Starts a WebDriver server, `command`, and waits until it listens on `port`; one that never
/// does is stopped. `what` names it in a failure, and `install` says where it comes from.
async fn start_server(
    command: &mut Command,
    port: u16,
    what: &str,
    install: &str,
) -> Result<Child> {
    let mut driver = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("cannot start {what} ({e}); {install}"))?;
    let started = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        if started.elapsed() > UI_TIMEOUT {
            let _ = driver.kill().await;
            return Err(format!("{what} did not start listening").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(driver)
}

/// Stops what a WebDriver server started (WebKitWebDriver and the app, or Chromium), which
/// killing the server alone (as `kill_on_drop` does) would leave running.
fn stop_children(driver: &Child) {
    if let Some(pid) = driver.id() {
        let _ = std::process::Command::new("pkill")
            .args(["-TERM", "-P", &pid.to_string()])
            .status();
    }
}

/// Opens a WebDriver session with `caps` on the server `driver`, which listens on `port`. When
/// the session cannot be created, the server is stopped, with whatever it started.
async fn open_session(
    driver: &mut Child,
    port: u16,
    caps: serde_json::Map<String, serde_json::Value>,
) -> Result<Client> {
    let connected: Result<Client> = match ClientBuilder::rustls() {
        Ok(mut builder) => builder
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(Into::into),
        Err(e) => Err(e.into()),
    };
    if connected.is_err() {
        stop_driver(driver).await;
    }
    connected
}

/// Stops a WebDriver server and what it started (WebKitWebDriver and the app, or Chromium).
async fn stop_driver(driver: &mut Child) {
    stop_children(driver);
    let _ = driver.kill().await;
    let _ = driver.wait().await;
}

/// Runs poppler's `tool` (`pdfinfo`, `pdftotext`) on a PDF the app saved; what it prints.
pub fn poppler(tool: &str, pdf: &Path) -> Result<String> {
    let mut command = std::process::Command::new(tool);
    command.arg(pdf);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command
        .output()
        .map_err(|e| format!("cannot run {tool} ({e}); scripts/deps.sh installs poppler-utils"))?;
    if !out.status.success() {
        return Err(format!("{tool} rejects {}", pdf.display()).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Asks `check` every 100 ms until it answers `Ok`; after `limit`, fails with what it last said
/// (prefixed by `who`, which names the browser). The one polling loop of every wait.
async fn poll<T>(
    who: &str,
    limit: Duration,
    mut check: impl AsyncFnMut() -> Result<T, String>,
) -> Result<T> {
    let started = Instant::now();
    loop {
        match check().await {
            Ok(done) => return Ok(done),
            Err(why) if started.elapsed() > limit => return Err(format!("{who}{why}").into()),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// `Ok` when `what` shows `expected`; otherwise what it shows instead, for [`poll`] to report.
fn shows<F, E>(what: &str, found: F, expected: E) -> Result<(), String>
where
    F: PartialEq<E> + std::fmt::Debug,
    E: std::fmt::Debug,
{
    if found == expected {
        Ok(())
    } else {
        Err(format!("{what} shows {found:?}, expected {expected:?}"))
    }
}

/// What a test does in a page, written once for both browsers: the app's window ([`App`]) and a
/// participant's phone ([`Phone`]). Every wait asks again every 100 ms, for up to [`UI_TIMEOUT`]
/// unless it says otherwise, so a test reads the page once it shows what the test expects, never
/// halfway through a redraw. Tests bring it into scope: `use devops_maturity_e2e::Browser`.
// The tests await these futures in their own test's body (nothing is spawned onto another
// thread), so the futures need no `Send` bound, which is what this lint asks to be able to name.
#[expect(
    async_fn_in_trait,
    reason = "awaited in the test's own task only; no caller needs the futures to be Send"
)]
pub trait Browser {
    /// The WebDriver session.
    fn client(&self) -> &Client;

    /// How a failure names this browser, as the start of its message: nothing for the app's
    /// window (most tests have only that one), `"phone: "` for a phone.
    fn who(&self) -> &'static str {
        ""
    }

    /// Waits until an element matches `css`.
    async fn wait_for(&self, css: &str) -> Result<Element> {
        Ok(self
            .client()
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("{}waiting for `{css}`: {e}", self.who()))?)
    }

    /// Waits until the element matching `css` has exactly `text` (trimmed).
    async fn wait_for_text(&self, css: &str, text: &str) -> Result<Element> {
        self.wait_for_text_within(css, text, UI_TIMEOUT).await
    }

    /// [`Browser::wait_for_text`] with its own time limit.
    async fn wait_for_text_within(
        &self,
        css: &str,
        text: &str,
        limit: Duration,
    ) -> Result<Element> {
        poll(self.who(), limit, async || {
            let el = self
                .client()
                .find(Locator::Css(css))
                .await
                .map_err(|_| format!("`{css}` never appeared"))?;
            // An element replaced by a redraw meanwhile has no text: look again.
            let found = el
                .text()
                .await
                .map_err(|_| format!("`{css}` was redrawn while it was read"))?;
            if found.trim() == text {
                Ok(el)
            } else {
                Err(format!("`{css}` shows {found:?}, expected {text:?}"))
            }
        })
        .await
    }

    /// Waits until some element matching `css` contains `text`.
    async fn wait_for_any_text(&self, css: &str, text: &str) -> Result<()> {
        poll(self.who(), UI_TIMEOUT, async || {
            for el in self
                .client()
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                if el.text().await.is_ok_and(|t| t.contains(text)) {
                    return Ok(());
                }
            }
            Err(format!("no `{css}` contains {text:?}"))
        })
        .await
    }

    /// Waits until exactly `count` elements match `css` (none: until it is gone), so a list is
    /// counted once it is drawn, never halfway through a redraw.
    async fn wait_for_count(&self, css: &str, count: usize) -> Result<()> {
        poll(self.who(), UI_TIMEOUT, async || {
            match self.client().find_all(Locator::Css(css)).await {
                Ok(all) if all.len() == count => Ok(()),
                Ok(all) => Err(format!("`{css}`: {} found, expected {count}", all.len())),
                Err(e) => Err(format!("`{css}`: {e} found, expected {count}")),
            }
        })
        .await
    }

    /// Waits until the elements matching `css` show exactly `texts` (trimmed), in order.
    async fn wait_for_texts(&self, css: &str, texts: &[&str]) -> Result<()> {
        poll(self.who(), UI_TIMEOUT, async || {
            let mut found = Vec::new();
            for el in self
                .client()
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                // An element replaced by a redraw meanwhile: read the list again.
                match el.text().await {
                    Ok(text) => found.push(text.trim().to_string()),
                    Err(_) => found.push("(redrawn)".to_string()),
                }
            }
            shows(&format!("`{css}`"), found, texts)
        })
        .await
    }

    /// Waits until the page's title (the window's, in the app) is `title`.
    async fn wait_for_title(&self, title: &str) -> Result<()> {
        poll(self.who(), UI_TIMEOUT, async || {
            let now = self.client().title().await.map_err(|e| e.to_string())?;
            shows("the title", now, title)
        })
        .await
    }

    /// Clicks the element matching `css`. A click refused because the page is still being drawn
    /// — the element replaced by a redraw, not yet laid out where it can be clicked, or covered
    /// (by a sticky bar or a message) — is tried again with the element scrolled to the middle
    /// of the page (up to [`UI_TIMEOUT`]): a person would scroll and click again.
    async fn click(&self, css: &str) -> Result<()> {
        use fantoccini::error::{CmdError, ErrorStatus};
        let retry = |e: &CmdError| {
            matches!(e, CmdError::Standard(w) if matches!(
                w.error,
                ErrorStatus::ElementNotInteractable
                    | ErrorStatus::StaleElementReference
                    | ErrorStatus::ElementClickIntercepted
            ))
        };
        let client = self.client();
        let started = Instant::now();
        loop {
            let element = self.wait_for(css).await?;
            match element.click().await {
                Ok(()) => return Ok(()),
                Err(e) if retry(&e) && started.elapsed() < UI_TIMEOUT => {
                    let _ = client
                        .execute(
                            "document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' });",
                            vec![serde_json::json!(css)],
                        )
                        .await;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(format!("{}clicking `{css}`: {e}", self.who()).into()),
            }
        }
    }

    /// Saves a picture of the page (the window's content, in the app) at `path`.
    async fn screenshot(&self, path: &Path) -> Result<()> {
        std::fs::write(path, self.client().screenshot().await?)?;
        Ok(())
    }

    /// Keeps a picture of the page as `name` in the folder `E2E_SCREENSHOTS` names (the
    /// pictures people look at, and the README's); without it, does nothing.
    async fn keep_screenshot(&self, name: &str) -> Result<()> {
        if let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") {
            self.screenshot(&Path::new(&dir).join(name)).await?;
        }
        Ok(())
    }
}

/// One running app.
pub struct App {
    pub client: Client,
    driver: Child,
}

impl App {
    /// Starts the app on the database at `db`.
    pub async fn start(db: &Path) -> Result<App> {
        Self::start_with_env(db, &[]).await
    }

    pub async fn start_with_env(db: &Path, env: &[(&str, &str)]) -> Result<App> {
        // On a loaded machine WebKitWebDriver sometimes drops the connection while it creates
        // the session (hyper's `IncompleteMessage`). That is the driver starting, not the app
        // failing, so a session that could not be created is tried again with a fresh driver;
        // every other failure (the app's own page never appearing) fails at once.
        let mut attempt = 1;
        loop {
            match Self::start_once(db, env).await {
                Ok(app) => return Ok(app),
                Err(StartError::Session(e)) if attempt < SESSION_ATTEMPTS => {
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); retrying");
                    attempt += 1;
                }
                Err(StartError::Session(e)) | Err(StartError::Other(e)) => return Err(e),
            }
        }
    }

    async fn start_once(db: &Path, env: &[(&str, &str)]) -> Result<App, StartError> {
        let bin = app_binary()?;
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new(tauri_driver());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DEVOPS_MATURITY_DB", db)
            .env("NO_AT_BRIDGE", "1")
            .envs(env.iter().copied());
        let mut driver = start_server(
            &mut command,
            port,
            "tauri-driver",
            "install it with `cargo install tauri-driver --locked`",
        )
        .await?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": bin }),
        );
        let client = open_session(&mut driver, port, caps)
            .await
            .map_err(StartError::Session)?;
        let app = App { client, driver };
        app.wait_for("#toc a[data-chapter]").await?;
        Ok(app)
    }

    /// Closes the window and stops the driver.
    pub async fn quit(mut self) -> Result<()> {
        let closed = self.client.clone().close().await;
        // tauri-driver starts WebKitWebDriver as its child; stop that too, or it outlives us.
        stop_driver(&mut self.driver).await;
        closed?;
        Ok(())
    }

    /// Runs axe-core on the page as it is now and returns its violations, one line each
    /// (rule, impact, help, the first elements). axe is injected on first use (the app is one
    /// page, so it stays); its file is `AXE_CORE_JS`, which `scripts/deps.sh` fetches.
    pub async fn axe(&self) -> Result<Vec<String>> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await?;
        if loaded != serde_json::json!(true) {
            let path = std::env::var_os("AXE_CORE_JS")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                        .join(".cache/devops-maturity/axe-core-4.14.1/axe.min.js")
                });
            let source = std::fs::read_to_string(&path).map_err(|e| {
                format!(
                    "axe-core is not at {} ({e}): run scripts/test, or source scripts/deps.sh and call ensure_axe",
                    path.display()
                )
            })?;
            // A trailing line comment would swallow the wrapper WebDriver puts around a script.
            self.client
                .execute(&format!("{source}\n;return typeof window.axe;"), vec![])
                .await
                .map_err(|e| format!("injecting axe-core: {e}"))?;
        }
        let found = self
            .client
            .execute(AXE_RUN, vec![])
            .await
            .map_err(|e| format!("running axe-core: {e}"))?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| v.as_str().unwrap_or("?").to_string())
            .collect())
    }

    /// Shows the page in the dark theme (`true`) or back in the light one: the rules of the
    /// app's `@media (prefers-color-scheme: dark)` blocks apply as if the system asked for dark.
    pub async fn dark(&self, on: bool) -> Result<()> {
        self.client
            .execute(DARK_SCHEME, vec![serde_json::json!(on)])
            .await
            .map_err(|e| format!("switching the dark theme: {e}"))?;
        Ok(())
    }
}

/// axe-core's run over the whole document (WCAG 2.x A and AA rules and best practices), its
/// violations as lines.
const AXE_RUN: &str = r#"return window.axe.run(document, { resultTypes: ["violations"] }).then(function (r) {
  return r.violations.map(function (v) {
    var where = v.nodes.slice(0, 3).map(function (n) {
      var why = (n.failureSummary || "").split("\n").slice(1, 2).join("").trim();
      return n.target.join(" ") + (why ? " [" + why + "]" : "");
    }).join("; ");
    var more = v.nodes.length > 3 ? " and " + (v.nodes.length - 3) + " more" : "";
    return v.id + " (" + v.impact + "): " + v.help + ": " + where + more;
  });
});"#;

/// Turns the dark-scheme media blocks on (`mediaText = "all"`) or back off.
const DARK_SCHEME: &str = r#"
const on = arguments[0];
window.__darkRules ??= [...document.styleSheets].flatMap((sheet) => {
  try { return [...sheet.cssRules]; } catch { return []; }
}).filter((r) => r instanceof CSSMediaRule && r.conditionText === "(prefers-color-scheme: dark)");
for (const r of window.__darkRules) r.media.mediaText = on ? "all" : "(prefers-color-scheme: dark)";
"#;

impl Browser for App {
    fn client(&self) -> &Client {
        &self.client
    }
}

/// A test that fails returns early without [`App::quit`]: stop WebKitWebDriver (and with it the
/// app) here, or it outlives the test run. `kill_on_drop` then stops tauri-driver itself.
impl Drop for App {
    fn drop(&mut self) {
        stop_children(&self.driver);
    }
}

/// A phone: Debian's headless Chromium under `chromedriver`, with Chromium's mobile emulation
/// (390 × 844 CSS pixels, touch, a phone's user agent) and a fresh profile. Used by the live
/// session's test, which opens the app's join link in it.
///
/// Needs `chromium` and `chromium-driver` (scripts/deps.sh installs them for the test command).
pub struct Phone {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

/// chromedriver's own command that switches the browser's network off and on (what DevTools
/// calls "offline"): the page's requests fail as on a phone whose Wi-Fi dropped.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/chromium/network_conditions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "network_conditions": {
            "offline": self.offline,
            "latency": 0,
            "download_throughput": 10_000_000,
            "upload_throughput": 10_000_000,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Phone {
    pub async fn start() -> Result<Phone> {
        let port = free_port()?;
        let mut driver = start_server(
            Command::new("chromedriver").arg(format!("--port={port}")),
            port,
            "chromedriver",
            "install Debian's chromium-driver",
        )
        .await?;
        let profile = tempfile::tempdir()?;
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "chrome".into());
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "mobileEmulation": {
                    "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "touch": true },
                    "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
                },
            }),
        );
        let client = open_session(&mut driver, port, caps)
            .await
            .map_err(|e| format!("cannot start headless Chromium: {e}"))?;
        Ok(Phone {
            client,
            driver,
            _profile: profile,
        })
    }

    /// Drops (`true`) or restores (`false`) the phone's network.
    pub async fn offline(&self, offline: bool) -> Result<()> {
        self.client.issue_cmd(NetworkConditions { offline }).await?;
        Ok(())
    }

    /// Ends the browser session (Chromium exits) and stops chromedriver.
    pub async fn quit(mut self) -> Result<()> {
        let closed = self.client.clone().close().await;
        let _ = self.driver.kill().await;
        let _ = self.driver.wait().await;
        closed?;
        Ok(())
    }
}

impl Browser for Phone {
    fn client(&self) -> &Client {
        &self.client
    }

    fn who(&self) -> &'static str {
        "phone: "
    }
}

/// A test that fails returns early without [`Phone::quit`]: stop Chromium (chromedriver's
/// child) here; `kill_on_drop` then stops chromedriver itself.
impl Drop for Phone {
    fn drop(&mut self) {
        stop_children(&self.driver);
    }
}
