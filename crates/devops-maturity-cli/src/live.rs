//! `live`: runs a workshop's live session headless. Prints the join address, the short code
//! and a QR code for the terminal, then who joins; Ctrl-C (or SIGTERM) ends the session, tells
//! every phone, and closes the port. Lines typed on standard input drive the other activities
//! (`help` lists them): a module's knowledge check question by question, the EJ Airways
//! practice round, back to the assessment.

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
    out!(
        "Press Ctrl-C to end the session; type `help` for the knowledge check and practice round."
    );
    let content = devops_maturity_content::load_embedded()
        .map_err(|p| anyhow::anyhow!("the built-in course content is broken:\n{p}"))?;
    let mut lines = stdin_lines();
    runtime.block_on(async {
        let mut joined = 0;
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tokio::select! {
                _ = stop.wait() => break,
                Some(line) = lines.recv() => {
                    match control(&live, &content, line.trim()).await {
                        Ok(said) => out!("{said}"),
                        Err(e) => out!("not done: {e}"),
                    }
                }
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

/// Standard input's lines, read on a thread of their own (a closed stdin just ends them).
fn stdin_lines() -> tokio::sync::mpsc::UnboundedReceiver<String> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    std::thread::spawn(move || {
        for line in std::io::stdin().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

const HELP: &str = "\
quiz MODULE     start the knowledge check of MODULE (its id, e.g. `quiz introduction`)
open [SECONDS]  start the current question's timer (default 30 s)
close           close the question and print how the room answered
next            show the next question
finish          after the last question: store the named participants' results
practice        the EJ Airways practice round (one device per group)
assessment      back to each person's own questionnaire
status          what the room is doing";

/// Runs one facilitator command typed on standard input; returns what to print.
async fn control(
    live: &devops_maturity_live::Live,
    content: &devops_maturity_content::Content,
    line: &str,
) -> Result<String, String> {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim();
    match command {
        "" => Ok(String::new()),
        "help" => Ok(HELP.to_string()),
        "quiz" => {
            let module = content.course.module(rest).ok_or_else(|| {
                format!(
                    "no module `{rest}`; modules with a knowledge check: {}",
                    content
                        .course
                        .modules
                        .iter()
                        .filter(|m| m.quiz.is_some())
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let quiz = module
                .quiz
                .clone()
                .ok_or_else(|| format!("module “{}” has no knowledge check", module.title))?;
            live.start_quiz(&module.id, &module.title, Arc::new(quiz))?;
            Ok(quiz_line(live))
        }
        "open" => {
            let seconds = if rest.is_empty() {
                30
            } else {
                rest.parse()
                    .map_err(|_| format!("`{rest}` is not a number of seconds"))?
            };
            live.open_question(seconds)?;
            Ok(quiz_line(live))
        }
        "close" => {
            live.close_question()?;
            let mut said = quiz_line(live);
            if let Some(q) = live.overview().quiz {
                let counts = q.distribution.unwrap_or_default();
                let right = q.correct.unwrap_or_default();
                for (i, (text, n)) in q.options.iter().zip(counts).enumerate() {
                    let mark = if right.contains(&i) { "✓" } else { " " };
                    said.push_str(&format!("\n  {mark} {n:>3}  {text}"));
                }
            }
            Ok(said)
        }
        "next" => {
            live.next_question()?;
            Ok(quiz_line(live))
        }
        "finish" => {
            let s = live.finish_quiz().await?;
            Ok(format!(
                "results stored for {} named participant(s); {} anonymous counted, not stored{}; people per score (0..): {:?}",
                s.stored,
                s.anonymous,
                if s.not_stored > 0 {
                    format!("; {} could not be stored", s.not_stored)
                } else {
                    String::new()
                },
                s.scores
            ))
        }
        "practice" => {
            live.start_practice(Arc::new(content.assessment.questionnaire.clone()))
                .await?;
            Ok("practice round: each group claims one device".into())
        }
        "assessment" => {
            live.set_mode(devops_maturity_live::Mode::Assessment)?;
            Ok("assessment: each person answers their team's questionnaire".into())
        }
        "status" => {
            let o = live.overview();
            let mut said = format!("{} joined; mode {:?}", o.joined, o.mode);
            if let Some(p) = &o.practice {
                for g in &p.groups {
                    said.push_str(&format!(
                        "\n  {}: {}/{} answered{}",
                        g.name,
                        g.answered,
                        p.questions,
                        g.device
                            .as_ref()
                            .map(|d| format!(" on {d}'s device"))
                            .unwrap_or_default()
                    ));
                }
            }
            Ok(said)
        }
        other => Err(format!("unknown command `{other}`; type `help`")),
    }
}

/// The knowledge check's state in one line.
fn quiz_line(live: &devops_maturity_live::Live) -> String {
    match live.overview().quiz {
        Some(q) => format!(
            "{} · question {} of {} · {:?}{} · {} of {} answered\n  {}",
            q.title,
            q.question,
            q.questions,
            q.phase,
            q.seconds_left
                .map(|s| format!(" ({s} s left)"))
                .unwrap_or_default(),
            q.answered,
            q.present,
            q.prompt
        ),
        None => "no knowledge check".into(),
    }
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
