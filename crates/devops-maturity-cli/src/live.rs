//! `live`: runs a workshop's live session headless. Prints the join address, the short code
//! and a QR code for the terminal, then who joins; Ctrl-C (or SIGTERM) ends the session, tells
//! every phone, and closes the port.

use std::net::IpAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;
use devops_maturity_live::{Config, DEFAULT_PORT};

use crate::open_store;

#[derive(Args)]
pub(crate) struct LiveArgs {
    /// The workshop to run (its name as in the app's workshop list; the most recent if several)
    #[arg(long, value_name = "NAME")]
    workshop: String,
    /// The address to listen on (default: this machine's first private IPv4 address)
    #[arg(long, value_name = "ADDR")]
    bind: Option<IpAddr>,
    /// The first port to try; the next free one is taken if it is in use
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    port: u16,
}

pub(crate) fn run(db: Option<&Path>, args: LiveArgs) -> anyhow::Result<ExitCode> {
    let store = open_store(db)?;
    let wanted = args.workshop.trim().to_lowercase();
    let workshop = store
        .workshops()?
        .into_iter()
        .find(|w| w.workshop.name.to_lowercase() == wanted)
        .with_context(|| {
            format!(
                "no workshop is called “{}” (see the app's workshop list)",
                args.workshop
            )
        })?
        .workshop;
    let ip = args.bind.unwrap_or_else(devops_maturity_live::default_ip);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let access = devops_maturity_live::store_in_mutex(Arc::new(Mutex::new(store)));
    let live = devops_maturity_live::start(
        runtime.handle(),
        access,
        workshop.id,
        Config::new(ip, args.port),
    )?;
    // Listen for Ctrl-C before saying how to join, so an early Ctrl-C ends the session cleanly
    // instead of killing the program.
    let mut stop = {
        let _guard = runtime.enter();
        Stop::listen()?
    };
    let overview = live.overview();
    let qr = devops_maturity_live::qr_terminal(&overview.join_link).map_err(anyhow::Error::msg)?;
    out!("Live session of “{}” ({})", workshop.name, workshop.held_on);
    out!("{qr}");
    out!(
        "Join: scan the code, or open {} and type the code {}",
        overview.address,
        overview.join_code
    );
    out!(
        "Teams: {}",
        overview
            .teams
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if ip.is_loopback() {
        out!("(listening on loopback: only this machine can join)");
    }
    out!("Press Ctrl-C to end the session.");
    runtime.block_on(async {
        let mut joined = 0;
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tokio::select! {
                _ = stop.wait() => break,
                _ = tick.tick() => {
                    let now = live.overview();
                    if now.joined != joined {
                        joined = now.joined;
                        let per_team: Vec<String> = now.teams.iter().map(|t| {
                            format!("{} {}", t.name, t.participants.iter().filter(|p| !p.removed).count())
                        }).collect();
                        out!("joined: {joined} ({})", per_team.join(", "));
                    }
                }
            }
        }
        live.end().await;
    });
    out!(
        "The session has ended; every answer sent is in {}.",
        devops_maturity_store::resolve_db_path(db)?.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM on Unix (a service manager stopping the program). The handlers are
/// installed by [`Stop::listen`], before the session is announced.
struct Stop {
    #[cfg(unix)]
    signals: (tokio::signal::unix::Signal, tokio::signal::unix::Signal),
}

impl Stop {
    fn listen() -> anyhow::Result<Stop> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let interrupt = signal(SignalKind::interrupt()).context("cannot listen for Ctrl-C")?;
            let terminate = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
            Ok(Stop {
                signals: (interrupt, terminate),
            })
        }
        #[cfg(not(unix))]
        Ok(Stop {})
    }

    async fn wait(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.signals.0.recv() => {}
            _ = self.signals.1.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}
