//! Starting, running and stopping a session's server; the facilitator's controls.
//!
//! The accept loop is written out (hyper's HTTP/1 connection builder rather than
//! `axum::serve`) because a server open to a whole room needs what `axum::serve` does not
//! offer: a cap on open connections, overall and per address, and a deadline for slow clients
//! to send their headers. Ending the session stops accepting, tells every phone "ended" over
//! its event stream, and closes the connections (after at most a few seconds).

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use chrono::Utc;
use devops_maturity_content::Quiz;
use devops_maturity_core::scoring::Respondent;
use devops_maturity_core::Questionnaire;
use devops_maturity_store::StoreError;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch, Semaphore};
use tower::ServiceExt;

use crate::limit::Limiter;
use crate::room::{Mode, Overview, QuizSummary, Room, RoomTeam, TeamVotes, VoteResults};
use crate::writer::Writer;
use crate::{origin, Config, StartError, StoreAccess};

/// Ports tried after the first one when it is taken.
const PORT_TRIES: u16 = 20;
/// How long ending waits for open connections to finish.
const CLOSE_GRACE: Duration = Duration::from_secs(3);

/// What the server pushes to every phone's event stream.
#[derive(Debug, Clone)]
pub(crate) enum Push {
    Mode(Mode),
    Removed(u32),
    /// A group's device was claimed or freed: phones in the practice round look again (the
    /// push names no one; each phone asks what it may see).
    Practice,
    Ended,
}

/// The rate limits' buckets, under one lock (each check is a few nanoseconds).
pub(crate) struct Limits {
    pub per_address: Limiter<IpAddr>,
    pub joins: Limiter<IpAddr>,
    pub per_participant: Limiter<u32>,
}

/// Everything the request handlers share.
pub(crate) struct Shared {
    pub room: Mutex<Room>,
    pub events: broadcast::Sender<Push>,
    pub writer: Writer,
    pub config: Config,
    pub addr: SocketAddr,
    /// Host header values this server answers to (`IP:PORT`, and `localhost:PORT` on loopback).
    pub hosts: Vec<String>,
    pub limits: Mutex<Limits>,
}

impl Shared {
    pub fn room(&self) -> std::sync::MutexGuard<'_, Room> {
        // A handler never panics while holding the room; if one did, the state is still the
        // last consistent one written, so carry on rather than take the session down.
        self.room.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn limits(&self) -> std::sync::MutexGuard<'_, Limits> {
        self.limits.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running session: the facilitator's side. Dropping it ends the session.
pub struct Live {
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    done: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// Reads the workshop's teams that are still assessing, with their questionnaires.
fn load_teams(access: &StoreAccess, workshop_id: i64) -> Result<(String, Vec<RoomTeam>), String> {
    let mut loaded = None;
    access(&mut |store| {
        loaded = Some((|| {
            let detail = store.workshop(workshop_id).map_err(|e| e.to_string())?;
            let mut teams = Vec::new();
            for t in detail.teams.iter().filter(|t| !t.status.is_completed()) {
                let a = store
                    .assessment(t.assessment_id)
                    .map_err(|e| e.to_string())?;
                let q = store
                    .questionnaire_snapshot(&a.questionnaire_id, &a.questionnaire_version)
                    .map_err(|e| e.to_string())?;
                teams.push(RoomTeam {
                    link_id: t.id,
                    team_id: t.team_id,
                    name: t.team_name.clone(),
                    assessment_id: t.assessment_id,
                    questionnaire: Arc::new(q),
                });
            }
            Ok::<_, String>((detail.workshop.name, teams))
        })());
    })?;
    let (name, teams) = loaded.ok_or("the database was not reached")??;
    if teams.is_empty() {
        return Err(format!(
            "“{name}” has no team with an assessment in progress: add a team first"
        ));
    }
    Ok((name, teams))
}

fn bind(ip: IpAddr, first: u16) -> Result<std::net::TcpListener, StartError> {
    let last = if first == 0 {
        0
    } else {
        first.saturating_add(PORT_TRIES)
    };
    let mut last_error = None;
    for port in first..=last {
        match std::net::TcpListener::bind((ip, port)) {
            Ok(l) => return Ok(l),
            Err(e) => last_error = Some(e),
        }
    }
    Err(StartError::Bind {
        ip,
        first,
        last,
        source: last_error.unwrap_or_else(|| std::io::Error::other("no port tried")),
    })
}

/// Starts a live session of workshop `workshop_id` on `runtime`: binds, and serves until
/// [`Live::end`] (or the handle is dropped).
pub fn start(
    runtime: &tokio::runtime::Handle,
    access: StoreAccess,
    workshop_id: i64,
    config: Config,
) -> Result<Live, StartError> {
    let (name, teams) = load_teams(&access, workshop_id).map_err(StartError::Workshop)?;
    let listener = bind(config.ip, config.port)?;
    let addr = listener.local_addr().map_err(|source| StartError::Bind {
        ip: config.ip,
        first: config.port,
        last: config.port,
        source,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| StartError::Workshop(e.to_string()))?;
    let listener = {
        let _guard = runtime.enter();
        TcpListener::from_std(listener).map_err(|e| StartError::Workshop(e.to_string()))?
    };
    let mut hosts = vec![addr.to_string()];
    if addr.ip().is_loopback() {
        hosts.push(format!("localhost:{}", addr.port()));
    }
    let writer = Writer::spawn(access).map_err(|e| StartError::Workshop(e.to_string()))?;
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        room: Mutex::new(Room::new(workshop_id, name, teams, config.max_participants)),
        events,
        writer,
        limits: Mutex::new(Limits {
            per_address: Limiter::new(config.per_address, 4_096),
            joins: Limiter::new(config.joins_per_address, 4_096),
            per_participant: Limiter::new(config.per_participant, config.max_participants + 16),
        }),
        config,
        addr,
        hosts,
    });
    let (stop, stopped) = watch::channel(false);
    let task = runtime.spawn(accept_loop(listener, shared.clone(), stopped));
    Ok(Live {
        shared,
        stop,
        done: Mutex::new(Some(task)),
    })
}

/// Counts open connections per address; the count drops with the guard.
#[derive(Clone, Default)]
struct PerAddress(Arc<Mutex<HashMap<IpAddr, usize>>>);

struct AddressSlot {
    counts: PerAddress,
    ip: IpAddr,
}

impl PerAddress {
    fn take(&self, ip: IpAddr, max: usize) -> Option<AddressSlot> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(AddressSlot {
            counts: self.clone(),
            ip,
        })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut map = self.counts.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.ip);
            }
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let router = crate::http::router(shared.clone());
    let open = Arc::new(Semaphore::new(shared.config.max_connections));
    let per_address = PerAddress::default();
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => { tokio::time::sleep(Duration::from_millis(50)).await; continue; }
            },
            _ = stopped.changed() => break,
        };
        // Over a cap: close at once. The phone's page retries with a back-off.
        let Ok(permit) = open.clone().try_acquire_owned() else {
            continue;
        };
        let Some(slot) = per_address.take(peer.ip(), shared.config.max_connections_per_address)
        else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request)
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(shared.config.slow_client)
            .max_buf_size(64 * 1024)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop((permit, slot));
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(CLOSE_GRACE, graceful.shutdown()).await;
}

impl Live {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// `http://IP:PORT/`: what people type when they cannot scan.
    pub fn address(&self) -> String {
        format!("{}/", origin(self.shared.addr))
    }

    /// The link in the QR code: the address with the join token after `#` (a fragment never
    /// leaves the phone in a request line or a Referer).
    pub fn join_link(&self) -> String {
        format!("{}#{}", self.address(), self.shared.room().join_token())
    }

    /// The projector's and facilitator's view of the room.
    pub fn overview(&self) -> Overview {
        self.shared.room().overview(&self.address(), Instant::now())
    }

    /// Switches every phone to `mode` (a vote starts hidden; revealing is [`Live::reveal`]).
    pub fn set_mode(&self, mode: Mode) -> Result<(), String> {
        self.shared
            .room()
            .set_mode(mode.clone())
            .map_err(|r| r.message)?;
        let _ = self.shared.events.send(Push::Mode(mode));
        Ok(())
    }

    /// Reveals the current vote's results: on the projector only (phones are told the vote
    /// is over, never the counts).
    pub async fn reveal(&self) -> Result<VoteResults, String> {
        let question_id = match &self.shared.room().mode {
            Mode::Vote { question_id, .. } => question_id.clone(),
            _ => return Err("no vote is under way".into()),
        };
        self.set_mode(Mode::Vote {
            question_id,
            revealed: true,
        })?;
        self.vote_results().await
    }

    /// The revealed vote's counts per team; refused while the votes are hidden.
    pub async fn vote_results(&self) -> Result<VoteResults, String> {
        let (question_id, teams, seats) = {
            let room = self.shared.room();
            let Some(question_id) = room.votes_visible() else {
                return Err("the votes are hidden until the facilitator reveals them".into());
            };
            (question_id.to_string(), room.teams.clone(), room.seats())
        };
        let qid = question_id.clone();
        let answers = self
            .shared
            .writer
            .run(move |store| {
                teams
                    .iter()
                    .zip(seats)
                    .filter(|(t, _)| t.questionnaire.question(&qid).is_some())
                    .map(|(t, seats)| {
                        let data = store.assessment_data(t.assessment_id)?;
                        let people: Vec<Respondent> = data
                            .respondents
                            .iter()
                            .zip(data.answers)
                            .filter(|(row, _)| seats.contains(&row.id))
                            .map(|(_, answers)| answers)
                            .collect();
                        Ok((t.clone(), people))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .await
            .map_err(|e| format!("{e:?}"))?;
        let mut text = String::new();
        let teams = answers
            .iter()
            .filter_map(|(team, people)| {
                let question = team.questionnaire.question(&question_id)?;
                text.clone_from(&question.text);
                let r = devops_maturity_core::consensus::reveal(question, people, false);
                Some(TeamVotes {
                    team: team.name.clone(),
                    distribution: r.votes.distribution,
                    dont_know: r.votes.dont_know,
                    not_applicable: r.votes.not_applicable,
                    waiting: r.votes.unanswered,
                    spread: r.votes.spread,
                })
            })
            .collect();
        Ok(VoteResults {
            question_id,
            question: text,
            teams,
        })
    }

    fn push(&self, mode: Mode) {
        let _ = self.shared.events.send(Push::Mode(mode));
    }

    /// Starts module `module_id`'s knowledge check (`title` is the module's) on every phone,
    /// at its first question, untimed. A check under way and not finished is dropped.
    pub fn start_quiz(&self, module_id: &str, title: &str, quiz: Arc<Quiz>) -> Result<(), String> {
        let mode = self
            .shared
            .room()
            .start_quiz(module_id, title, quiz)
            .map_err(|r| r.message)?;
        self.push(mode);
        Ok(())
    }

    /// Starts the current question's timer: phones take answers for `seconds`.
    pub fn open_question(&self, seconds: u32) -> Result<(), String> {
        let mode = self
            .shared
            .room()
            .open_question(seconds, Instant::now())
            .map_err(|r| r.message)?;
        self.push(mode);
        Ok(())
    }

    /// Closes the current question: the projector may show its distribution now.
    pub fn close_question(&self) -> Result<(), String> {
        let mode = self.shared.room().close_question().map_err(|r| r.message)?;
        self.push(mode);
        Ok(())
    }

    /// Shows the next question (untimed until [`Live::open_question`]).
    pub fn next_question(&self) -> Result<(), String> {
        let mode = self.shared.room().next_question().map_err(|r| r.message)?;
        self.push(mode);
        Ok(())
    }

    /// Finishes the check once its last question is closed: each named taker's result is
    /// stored as a learner result (the learner found by `name_key`, or created, in the
    /// participant's team), all in one transaction; only after its commit are the phones told
    /// their score. Anonymous takers are counted, not stored.
    pub async fn finish_quiz(&self) -> Result<QuizSummary, String> {
        let (module, graded) = self.shared.room().quiz_grades().map_err(|r| r.message)?;
        let to_store = graded.clone();
        let now = Utc::now();
        let saved = self
            .shared
            .writer
            .run(move |store| {
                let mut stored = Vec::new();
                for g in &to_store {
                    let Some(name) = &g.name else { continue };
                    let one = store.in_transaction(|store| {
                        let learner = match store.learner_by_name(name)? {
                            Some(l) => l,
                            None => store.create_learner(name, Some(g.team_id), now)?,
                        };
                        store.record_quiz_result(
                            learner.id, &module, g.correct, g.total, &g.answers, now,
                        )
                    });
                    match one {
                        Ok(_) => stored.push(g.participant),
                        Err(e @ (StoreError::Sqlite(_) | StoreError::Busy)) => return Err(e),
                        // A name the learner list refuses: that one result is not stored,
                        // and the summary says so.
                        Err(_) => {}
                    }
                }
                Ok(stored)
            })
            .await;
        let stored = match saved {
            Ok(stored) => stored,
            Err(e) => {
                self.shared.room().quiz_not_saved();
                return Err(match e {
                    crate::writer::WriteError::Refused(m)
                    | crate::writer::WriteError::Unavailable(m) => {
                        format!("the results are not stored: {m}")
                    }
                });
            }
        };
        let (mode, summary) = {
            let mut room = self.shared.room();
            let mode = room.quiz_saved(&graded, &stored);
            let summary = room
                .overview("", Instant::now())
                .quiz
                .and_then(|q| q.summary);
            (mode, summary)
        };
        self.push(mode);
        summary.ok_or_else(|| "the knowledge check has no results".to_string())
    }

    /// Starts (or goes back to) the EJ Airways practice round on `questionnaire`: each
    /// group's answers so far are read from the store (those that count against it: an answer
    /// given on a version that asks the question differently is open again, as on the app's
    /// answering page), and every phone switches.
    pub async fn start_practice(&self, questionnaire: Arc<Questionnaire>) -> Result<(), String> {
        let (workshop_id, links) = {
            let room = self.shared.room();
            if room.ended {
                return Err("the session has ended".into());
            }
            (
                room.workshop_id,
                room.teams.iter().map(|t| t.link_id).collect::<Vec<_>>(),
            )
        };
        let asked = questionnaire.clone();
        let answered = self
            .shared
            .writer
            .run(move |store| {
                let groups =
                    devops_maturity_views::practice::round(store, &asked, workshop_id)?.groups;
                Ok(links
                    .iter()
                    .map(|link| {
                        groups
                            .iter()
                            .find(|g| g.workshop_team_id == *link)
                            .map(|g| g.answers.keys().cloned().collect())
                            .unwrap_or_else(BTreeSet::new)
                    })
                    .collect::<Vec<BTreeSet<String>>>())
            })
            .await
            .map_err(|e| format!("{e:?}"))?;
        let mode = self
            .shared
            .room()
            .start_practice(questionnaire, answered)
            .map_err(|r| r.message)?;
        self.push(mode);
        Ok(())
    }

    /// Closes (or opens again) the room to new participants.
    pub fn lock(&self, locked: bool) {
        self.shared.room().locked = locked;
    }

    /// Removes a participant: their device is told at once, and their token stops working.
    pub fn remove(&self, participant: u32) -> Result<(), String> {
        self.shared
            .room()
            .remove(participant)
            .map_err(|r| r.message)?;
        let _ = self.shared.events.send(Push::Removed(participant));
        if self.shared.room().mode == Mode::Practice {
            let _ = self.shared.events.send(Push::Practice);
        }
        Ok(())
    }

    /// Ends the session: every token dies, every phone is told, the server stops listening and
    /// closes its connections. Waits (a few seconds at most) until the port is closed.
    pub async fn end(&self) {
        self.shared.room().end();
        let _ = self.shared.events.send(Push::Ended);
        // Give the event streams a moment to write "ended" before the connections close.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let _ = self.stop.send(true);
        let task = self.done.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(task) = task {
            let _ = task.await;
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.shared.room().end();
        let _ = self.shared.events.send(Push::Ended);
        let _ = self.stop.send(true);
    }
}
