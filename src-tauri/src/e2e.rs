//! Hooks for the end-to-end tests, compiled only with the `e2e` cargo feature (`scripts/test`
//! builds the app with it; a release build has none of this).
//!
//! - `DEVOPS_MATURITY_E2E_DIALOG_PATH`: every native file dialog answers with that path (read by
//!   `dialog.rs`; WebDriver cannot drive a native dialog).
//! - `DEVOPS_MATURITY_E2E_SLOW_BACKUP_MS`: "Back up now" waits that long, where the copy runs,
//!   before copying, so a test can show the window still answers during a long backup.

use std::path::PathBuf;

/// The path the file dialogs answer with, when the test hook is set.
#[cfg(feature = "e2e")]
pub fn dialog_path() -> Option<PathBuf> {
    std::env::var_os("DEVOPS_MATURITY_E2E_DIALOG_PATH")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

#[cfg(not(feature = "e2e"))]
pub fn dialog_path() -> Option<PathBuf> {
    None
}

/// Makes a backup as slow as the test asks.
#[cfg(feature = "e2e")]
pub fn slow_backup() {
    let ms = std::env::var("DEVOPS_MATURITY_E2E_SLOW_BACKUP_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(ms) = ms {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(not(feature = "e2e"))]
pub fn slow_backup() {}
