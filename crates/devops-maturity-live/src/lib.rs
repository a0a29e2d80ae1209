//! The live classroom session: the facilitator's machine serves a small web page on the room's
//! network, participants join from their own phones by scanning a QR code, and everything they
//! send is stored in the facilitator's database with the store's own functions.
//!
//! - [`start`] binds a listener (the chosen port, else the next free one) on a Tokio runtime the
//!   caller owns (the app's, or the CLI's) and returns a [`Live`] handle: the facilitator's
//!   controls (modes, lock, remove, end) and what the projector shows ([`Live::overview`]).
//! - `room/` is the session's state in memory: tokens, participants, the mode, the vote
//!   that stays hidden until revealed (`room/mod.rs`), the knowledge check (`quiz.rs`: one
//!   timed question at a time, its distribution hidden until closed) and the practice round
//!   (`practice.rs`: one device per group). No I/O; unit-tested.
//! - `writer.rs` is the one thread that talks to the store: requests queue there and run in
//!   one transaction per batch (group commit), each in its own savepoint, and a phone is told
//!   "saved" only after the batch's `COMMIT` returned.
//! - `http/` holds the routes and the guards every request passes (Host, Origin, rate limits,
//!   body size, tokens); `serve.rs` the accept loop (connection caps, slow-client timeouts,
//!   graceful end); `limit.rs` the token buckets; `qr.rs` the QR code as SVG or terminal text.
//! - `interfaces.rs` lists this machine's addresses (private first) for the choice of where to
//!   listen.
//! - `page/` is the participant's page (HTML, CSS, one ES module), embedded with
//!   `include_str!`: nothing is loaded from anywhere else.
//!
//! Neighbours: `devops-maturity-store` (the same `save_answer`, `join_respondent`,
//! `create_learner`/`record_quiz_result` and `save_practice_answer` the app uses),
//! `devops-maturity-core` (the reveal's counts), `devops-maturity-content` (the quiz types,
//! their grading and option shuffle; the caller passes the module's quiz and the practice
//! questionnaire in, so this crate loads no content itself). The CLI's `live` command and the app's
//! `src-tauri/src/live.rs` start and stop it; this crate knows nothing of Tauri.

mod http;
mod interfaces;
mod limit;
mod qr;
mod room;
mod serve;
mod view;
mod writer;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use devops_maturity_store::Store;

pub use interfaces::{default_ip, interfaces, Interface};
pub use qr::{qr_svg, qr_terminal};
pub use room::{
    Mode, Overview, ParticipantView, PracticeGroupView, PracticeOverview, QuizOverview, QuizPhase,
    QuizSummary, TeamOverview, TeamVotes, VoteResults, MAX_PARTICIPANTS, QUIZ_SECONDS,
};
pub use serve::{start, Live};
pub use view::{LiveView, QuizModule};

/// The port a session tries first.
pub const DEFAULT_PORT: u16 = 8787;

/// How the server reaches the database: runs the given function with the store locked, or
/// says why the store cannot be had (the app's database may be closed). The app passes a
/// closure over its `Mutex`; the CLI an `Arc<Mutex<Store>>` through [`store_in_mutex`].
pub type StoreAccess =
    Arc<dyn Fn(&mut dyn FnMut(&mut Store)) -> Result<(), String> + Send + Sync + 'static>;

/// A [`StoreAccess`] over a store of one's own.
pub fn store_in_mutex(store: Arc<std::sync::Mutex<Store>>) -> StoreAccess {
    Arc::new(move |f| {
        let mut guard = store
            .lock()
            .map_err(|_| "the database lock was poisoned".to_string())?;
        f(&mut guard);
        Ok(())
    })
}

/// Where and how a session listens. [`Config::new`] gives the limits a classroom needs;
/// tests and the load benchmark change them.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind: one of this machine's interfaces (or loopback).
    pub ip: IpAddr,
    /// The first port tried; the next free one is taken when it is in use.
    pub port: u16,
    /// Joined participants at most (removed ones count: their seat is not given back).
    pub max_participants: usize,
    /// Open connections at most, all addresses together.
    pub max_connections: usize,
    /// Open connections from one address at most.
    pub max_connections_per_address: usize,
    /// Requests from one address: burst and refill per second.
    pub per_address: limit::Rate,
    /// Join attempts from one address: burst and refill per second.
    pub joins_per_address: limit::Rate,
    /// Requests with one participant's token: burst and refill per second.
    pub per_participant: limit::Rate,
    /// A client must send its request headers within this time, and its body too.
    pub slow_client: Duration,
}

pub use limit::Rate;

impl Config {
    pub fn new(ip: IpAddr, port: u16) -> Config {
        Config {
            ip,
            port,
            max_participants: MAX_PARTICIPANTS,
            max_connections: 1_000,
            max_connections_per_address: 24,
            per_address: Rate::new(300, 50),
            joins_per_address: Rate::new(10, 1),
            per_participant: Rate::new(120, 20),
            slow_client: Duration::from_secs(10),
        }
    }
}

/// Why a session could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "cannot listen on {ip} (ports {first} to {last} are all in use or not allowed): {source}"
    )]
    Bind {
        ip: IpAddr,
        first: u16,
        last: u16,
        source: std::io::Error,
    },
    #[error("the workshop cannot be run live: {0}")]
    Workshop(String),
}

/// The address phones open: `http://IP:PORT/`.
pub fn origin(addr: SocketAddr) -> String {
    format!("http://{addr}")
}
