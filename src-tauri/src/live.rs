//! The live classroom session's commands: start the server of `devops-maturity-live` on the
//! app's Tokio runtime, switch its modes, lock, remove, end. The server reaches the database
//! through `AppState`'s own store lock, so its answers are stored as the app stores them.
//! Ending the session (or quitting the app) closes the port.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use devops_maturity_live::{Config, Interface, Live, Mode, Overview, VoteResults};
use serde::Serialize;
use tauri::State;

use crate::error::{CommandError, CommandResult};
use crate::Shared;

/// The running session, if any (one at a time).
#[derive(Default)]
pub struct LiveSession(Mutex<Option<Arc<Live>>>);

impl LiveSession {
    fn get(&self) -> CommandResult<Arc<Live>> {
        self.0
            .lock()
            .map_err(|_| CommandError::new("internal", "the live session lock was poisoned"))?
            .clone()
            .ok_or_else(|| CommandError::new("not-found", "no live session is running"))
    }
}

/// What the projector view shows: the room and the QR code of its join link.
#[derive(Serialize)]
pub struct LiveView {
    overview: Overview,
    qr_svg: String,
}

fn view(live: &Live) -> CommandResult<LiveView> {
    let overview = live.overview();
    let qr_svg = devops_maturity_live::qr_svg(&overview.join_link)
        .map_err(|e| CommandError::new("internal", e))?;
    Ok(LiveView { overview, qr_svg })
}

#[tauri::command]
pub fn live_interfaces() -> Vec<Interface> {
    devops_maturity_live::interfaces()
}

#[tauri::command]
pub async fn live_start(
    state: State<'_, Shared>,
    session: State<'_, LiveSession>,
    workshop_id: i64,
    ip: String,
    port: u16,
) -> CommandResult<LiveView> {
    let ip: IpAddr = ip
        .parse()
        .map_err(|_| CommandError::new("invalid", format!("`{ip}` is not an IP address")))?;
    if session.get().is_ok() {
        return Err(CommandError::new(
            "conflict",
            "a live session is already running: end it first",
        ));
    }
    // The app manages `Shared` (an `Arc<AppState>`): the session keeps its own handle on it.
    let state = Shared::clone(&state);
    let access: devops_maturity_live::StoreAccess = Arc::new(move |f| {
        let mut guard = state
            .store
            .lock()
            .map_err(|_| "the database lock was poisoned".to_string())?;
        let store = guard.as_mut().map_err(|e| e.clone())?;
        f(store);
        Ok(())
    });
    let runtime = tokio::runtime::Handle::current();
    let live = devops_maturity_live::start(&runtime, access, workshop_id, Config::new(ip, port))
        .map_err(|e| CommandError::new("invalid", e.to_string()))?;
    let view = view(&live)?;
    *session
        .0
        .lock()
        .map_err(|_| CommandError::new("internal", "poisoned"))? = Some(Arc::new(live));
    Ok(view)
}

#[tauri::command]
pub fn live_overview(session: State<'_, LiveSession>) -> CommandResult<LiveView> {
    let live = session.get()?;
    view(&live)
}

#[tauri::command]
pub fn live_mode(session: State<'_, LiveSession>, mode: Mode) -> CommandResult<()> {
    session
        .get()?
        .set_mode(mode)
        .map_err(|e| CommandError::new("invalid", e))
}

#[tauri::command]
pub async fn live_reveal(session: State<'_, LiveSession>) -> CommandResult<VoteResults> {
    session
        .get()?
        .reveal()
        .await
        .map_err(|e| CommandError::new("conflict", e))
}

#[tauri::command]
pub fn live_lock(session: State<'_, LiveSession>, locked: bool) -> CommandResult<()> {
    session.get()?.lock(locked);
    Ok(())
}

#[tauri::command]
pub fn live_remove(session: State<'_, LiveSession>, participant: u32) -> CommandResult<()> {
    session
        .get()?
        .remove(participant)
        .map_err(|e| CommandError::new("not-found", e))
}

#[tauri::command]
pub async fn live_end(session: State<'_, LiveSession>) -> CommandResult<()> {
    let live = session
        .0
        .lock()
        .map_err(|_| CommandError::new("internal", "poisoned"))?
        .take();
    if let Some(live) = live {
        live.end().await;
    }
    Ok(())
}
