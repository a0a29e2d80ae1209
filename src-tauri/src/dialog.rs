//! The native file dialogs (tauri-plugin-dialog, run from Rust so the UI needs no plugin
//! permission) and [`save`], the guarded write every export ends with.
//!
//! Test hook: in a build with the `e2e` feature, when `DEVOPS_MATURITY_E2E_DIALOG_PATH` is set,
//! every dialog answers with that path instead of opening (WebDriver cannot drive a native
//! dialog); see `e2e.rs`. Everything after the dialog runs as for a user.

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{CommandError, CommandResult};
use crate::AppState;

fn chosen(file: Option<tauri_plugin_dialog::FilePath>) -> CommandResult<Option<PathBuf>> {
    file.map(|f| {
        f.into_path()
            .map_err(|e| CommandError::new("invalid", format!("cannot use that file: {e}")))
    })
    .transpose()
}

/// The native save dialog; `None` when cancelled. A name without an extension gets the
/// filter's. Call it from an async command: off the main thread, the blocking dialog cannot
/// freeze the window.
pub fn ask_save(
    app: &AppHandle,
    title: &str,
    filter: (&str, &str),
    suggested: &str,
) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = crate::e2e::dialog_path() {
        return Ok(Some(path));
    }
    let mut path = chosen(
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter.0, &[filter.1])
            .set_file_name(suggested)
            .blocking_save_file(),
    )?;
    if let Some(p) = path.as_mut().filter(|p| p.extension().is_none()) {
        p.set_extension(filter.1);
    }
    Ok(path)
}

/// The native open dialog; `None` when cancelled.
pub fn ask_open(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    if let Some(path) = crate::e2e::dialog_path() {
        return Ok(Some(path));
    }
    chosen(
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter.0, filter.1)
            .blocking_pick_file(),
    )
}

/// Writes a file the user chose: the store's guard first (never the database in use, its
/// companion files, its lock or its automatic backups; never replacing a symbolic link or a
/// device), then the report crate's atomic write (temporary file in the same folder, `fsync`,
/// rename), or a write through a device or FIFO. Every save of the app ends here.
pub fn save(state: &AppState, path: &Path, bytes: &[u8]) -> CommandResult<()> {
    let db = state
        .db_path
        .as_deref()
        .ok_or_else(|| CommandError::new("database", "no database path is known"))?;
    Ok(devops_maturity_report::write_output(db, path, bytes)?)
}

/// What a save dialog asks for: its title and the one file type it offers.
pub struct SaveAs {
    pub title: &'static str,
    /// The file type in words, and its extension.
    pub filter: (&'static str, &'static str),
}

/// Asks where to save with [`ask_save`], then writes `bytes` there with [`save`]. Returns the
/// path written, or `None` when the user cancelled. Call it from an async command.
pub fn save_as(
    app: &AppHandle,
    state: &AppState,
    dialog: &SaveAs,
    suggested: &str,
    bytes: &[u8],
) -> CommandResult<Option<PathBuf>> {
    let Some(path) = ask_save(app, dialog.title, dialog.filter, suggested)? else {
        return Ok(None);
    };
    save(state, &path, bytes)?;
    Ok(Some(path))
}
