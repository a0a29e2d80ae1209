//! Load benchmark of a live session, on loopback only and bounded in count and time:
//!
//! 1. 3 teams × 10 participants, each on its own loopback address with an open event stream,
//!    answer all 78 questions at once (each person one answer after another, as a phone does).
//!    Prints answers acknowledged and answers stored (both must be 2,340) and the p50/p99 time
//!    from sending an answer to its "saved" (target p99 ≤ 50 ms on a 2-core machine).
//! 2. 300 participants join and stay connected to their event streams, idle. Prints the
//!    process's extra resident memory (target ≤ 30 MiB). Client and server share the process,
//!    so the number is an upper bound for the server. Then the facilitator switches the mode
//!    once: prints how long the push takes to reach all 300 event streams (the SSE fan-out).
//!
//! 3. 300 named participants take a knowledge check of 10 questions: per question the
//!    facilitator opens it and all 300 answer at once. Prints the p50/p99 time to the answer's
//!    acknowledgement, and how long "finish" takes to store the 300 results (a learner
//!    created for each, one result each, in one transaction) — the wait before the phones
//!    are told "saved". Checks that 300 results are in the database.
//!
//! Before 1., two figures that explain the latency: the time of one durable commit on this
//! disk (the floor: "saved" is sent only after `COMMIT`, and the store runs with
//! `synchronous=FULL`), and the machine's load average (the server and the simulated phones
//! share this process, so on a busy machine every hand-over between threads waits for a CPU).
//! After 1., the process's CPU time per answer (server and clients together).
//!
//! `cargo bench -p devops-maturity-live --bench load`

#[path = "../tests/it/client.rs"]
mod client;

use std::net::{IpAddr, Ipv4Addr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Utc;
use client::{Conn, Events};
use devops_maturity_content::{Quiz, QuizOption, QuizQuestion, QuizQuestionKind};
use devops_maturity_core::Questionnaire;
use devops_maturity_live::{start, store_in_mutex, Config, Live, Mode};
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;

const TEAMS: usize = 3;
const PEOPLE: usize = 10;
const QUESTIONS: usize = 78;
const IDLE: usize = 300;
const QUIZ_QUESTIONS: usize = 10;

/// Participant `i`'s own loopback address (127.0.x.y is loopback for any x, y).
fn address(i: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        127,
        0,
        10 + (i / 200) as u8,
        (i % 200) as u8 + 1,
    ))
}

fn questionnaire() -> Questionnaire {
    let dims = ["flow", "feedback", "learning", "culture", "ops", "security"];
    let mut q = Questionnaire::sample(dims.iter().map(|d| {
        let d = d.to_string();
        (
            d.clone(),
            (1..=QUESTIONS / dims.len()).map(move |i| format!("{d}-{i}")),
        )
    }));
    q.id = "bench".into();
    assert_eq!(q.questions.len(), QUESTIONS);
    q
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

async fn join(live: &Live, team: i64, from: IpAddr) -> String {
    let token = live.join_link().split_once('#').unwrap().1.to_string();
    let mut c = Conn::open(live.addr(), from).await;
    let body = serde_json::json!({ "join": token, "team": team, "name": "" }).to_string();
    let r = c
        .send("POST", "/api/join", None, Some(&body))
        .await
        .unwrap();
    assert_eq!(r.status, 201, "{}", r.body);
    r.json()["token"].as_str().unwrap().to_string()
}

/// The 1-, 5- and 15-minute load averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// This process's CPU time (user + system) so far.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    let ticks: u64 = stat
        .rsplit_once(')')
        .map(|(_, rest)| {
            rest.split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|t| t.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

/// One answer saved as the app saves it, in its own transaction, 200 times in a scratch
/// database in the same folder: what one durable commit costs on this disk.
fn commit_floor(dir: &std::path::Path) -> Vec<Duration> {
    let mut store = Store::open(&dir.join("floor.db")).unwrap();
    let now = Utc::now();
    let team = store.create_team("Floor", now).unwrap();
    let q = questionnaire();
    let a = store
        .start_assessment(team.id, &q, &["One".into()], None, now)
        .unwrap();
    let respondent = store.assessment_data(a.id).unwrap().respondents[0].id;
    let mut times: Vec<Duration> = (0..200)
        .map(|i| {
            let sent = Instant::now();
            store
                .save_answer(
                    respondent,
                    &q.questions[i % QUESTIONS].id,
                    devops_maturity_core::Answer::Level((i % 5) as u8 + 1),
                    None,
                    now,
                )
                .unwrap();
            sent.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

async fn run(store: Arc<Mutex<Store>>, workshop: i64, teams: Vec<i64>) {
    let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let live = start(
        &tokio::runtime::Handle::current(),
        store_in_mutex(store.clone()),
        workshop,
        Config::new(ip, 0),
    )
    .unwrap();
    let q = questionnaire();

    // 1. Thirty people answer everything at once.
    let mut people = Vec::new();
    for i in 0..TEAMS * PEOPLE {
        let token = join(&live, teams[i % TEAMS], address(i)).await;
        let events = Events::open(live.addr(), address(i), &token).await.unwrap();
        people.push((i, token, events));
    }
    let began = Instant::now();
    let cpu_before = cpu_time();
    let tasks = people.into_iter().map(|(i, token, events)| {
        let ids: Vec<String> = q.questions.iter().map(|x| x.id.clone()).collect();
        let addr = live.addr();
        async move {
            let mut c = Conn::open(addr, address(i)).await;
            let mut latencies = Vec::new();
            for (n, id) in ids.iter().enumerate() {
                let body = format!(r#"{{"answer":"{}"}}"#, (n + i) % 5 + 1);
                let sent = Instant::now();
                let r = c
                    .send(
                        "PUT",
                        &format!("/api/answers/{id}"),
                        Some(&token),
                        Some(&body),
                    )
                    .await
                    .unwrap();
                assert_eq!(r.status, 200, "{}", r.body);
                latencies.push(sent.elapsed());
            }
            drop(events);
            latencies
        }
    });
    let mut latencies: Vec<Duration> = futures_util::future::join_all(tasks).await.concat();
    let wall = began.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_before);
    latencies.sort();
    let stored: usize = {
        let store = store.lock().unwrap();
        store
            .workshop(workshop)
            .unwrap()
            .teams
            .iter()
            .flat_map(|t| &t.respondents)
            .map(|r| r.answered as usize)
            .sum()
    };
    println!("answers acknowledged: {}", latencies.len());
    println!("answers stored:       {stored}");
    println!(
        "ack latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {} answers in {:.2} s",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap()),
        latencies.len(),
        wall.as_secs_f64()
    );
    println!(
        "CPU time (server and clients): {:.0} ms, {:.0} µs per answer",
        ms(cpu),
        cpu.as_secs_f64() * 1e6 / latencies.len() as f64
    );
    assert_eq!(latencies.len(), TEAMS * PEOPLE * QUESTIONS);
    assert_eq!(
        stored,
        latencies.len(),
        "every acknowledged answer is stored, none twice"
    );
    live.end().await;

    // 2. Three hundred idle participants with open event streams.
    let live = start(
        &tokio::runtime::Handle::current(),
        store_in_mutex(store.clone()),
        workshop,
        Config::new(ip, 0),
    )
    .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = rss_kib();
    let mut streams = Vec::new();
    for i in 0..IDLE {
        let token = join(&live, teams[i % TEAMS], address(100 + i)).await;
        streams.push(
            Events::open(live.addr(), address(100 + i), &token)
                .await
                .unwrap(),
        );
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let overview = live.overview();
    let connected: usize = overview
        .teams
        .iter()
        .flat_map(|t| &t.participants)
        .filter(|p| p.connected)
        .count();
    let after = rss_kib();
    println!(
        "{IDLE} idle participants ({connected} connected): extra memory {:.1} MiB (RSS {:.1} → {:.1} MiB)",
        (after.saturating_sub(before)) as f64 / 1024.0,
        before as f64 / 1024.0,
        after as f64 / 1024.0
    );

    // The fan-out: one mode switch, pushed to all 300 streams.
    for events in &mut streams {
        let first = events.next(Duration::from_secs(5)).await;
        assert_eq!(first.map(|(name, _)| name).as_deref(), Some("hello"));
    }
    let vote = Mode::Vote {
        question_id: q.questions[0].id.clone(),
        revealed: false,
    };
    let pushed = Instant::now();
    live.set_mode(vote).unwrap();
    let arrivals = streams.iter_mut().map(|events| async move {
        loop {
            match events.next(Duration::from_secs(10)).await {
                Some((name, _)) if name == "mode" => return Some(pushed.elapsed()),
                Some(_) => continue,
                None => return None,
            }
        }
    });
    let mut arrivals: Vec<Duration> = futures_util::future::join_all(arrivals)
        .await
        .into_iter()
        .flatten()
        .collect();
    arrivals.sort();
    assert_eq!(arrivals.len(), IDLE, "every stream got the push");
    println!(
        "a mode switch reaches all {IDLE} streams: p50 {:.1} ms, last {:.1} ms",
        ms(percentile(&arrivals, 0.50)),
        ms(*arrivals.last().unwrap())
    );
    drop(streams);
    live.end().await;

    // 3. A knowledge check with 300 named takers.
    quiz_round(&store, workshop, &teams).await;
}

fn bench_quiz() -> Quiz {
    Quiz {
        questions: (0..QUIZ_QUESTIONS)
            .map(|n| QuizQuestion {
                id: format!("k{n}"),
                kind: QuizQuestionKind::Single,
                prompt: format!("question {n}"),
                options: (0..4)
                    .map(|o| QuizOption {
                        text: format!("option {o}"),
                        correct: o == n % 4,
                        feedback: format!("why {o}"),
                    })
                    .collect(),
            })
            .collect(),
    }
}

async fn quiz_round(store: &Arc<Mutex<Store>>, workshop: i64, teams: &[i64]) {
    let live = start(
        &tokio::runtime::Handle::current(),
        store_in_mutex(store.clone()),
        workshop,
        Config::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
    )
    .unwrap();
    let token = live.join_link().split_once('#').unwrap().1.to_string();
    let mut takers = Vec::new();
    for i in 0..IDLE {
        let from = address(500 + i);
        let mut c = Conn::open(live.addr(), from).await;
        let body = serde_json::json!({ "join": token, "team": teams[i % TEAMS], "name": format!("Taker {i}") })
            .to_string();
        let r = c
            .send("POST", "/api/join", None, Some(&body))
            .await
            .unwrap();
        assert_eq!(r.status, 201, "{}", r.body);
        takers.push((from, r.json()["token"].as_str().unwrap().to_string()));
    }
    live.start_quiz("bench", "Bench", Arc::new(bench_quiz()))
        .unwrap();
    let mut latencies = Vec::new();
    for n in 0..QUIZ_QUESTIONS {
        if n > 0 {
            live.next_question().unwrap();
        }
        live.open_question(60).unwrap();
        let addr = live.addr();
        let answers = takers
            .iter()
            .enumerate()
            .map(|(i, (from, token))| async move {
                let mut c = Conn::open(addr, *from).await;
                let body = format!(r#"{{"chosen":[{}]}}"#, (i + n) % 4);
                let sent = Instant::now();
                let r = c
                    .send("PUT", &format!("/api/quiz/k{n}"), Some(token), Some(&body))
                    .await
                    .unwrap();
                assert_eq!(r.status, 200, "{}", r.body);
                sent.elapsed()
            });
        latencies.extend(futures_util::future::join_all(answers).await);
        live.close_question().unwrap();
    }
    latencies.sort();
    let finishing = Instant::now();
    let summary = live.finish_quiz().await.unwrap();
    let finish = finishing.elapsed();
    let stored: usize = {
        let store = store.lock().unwrap();
        store
            .learners()
            .unwrap()
            .iter()
            .map(|l| store.quiz_results(l.id).unwrap().len())
            .sum()
    };
    println!(
        "knowledge check, {IDLE} takers x {QUIZ_QUESTIONS} questions: answer ack p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap())
    );
    println!(
        "finish: {} results stored ({} learners created) in {:.1} ms; results in the database: {stored}",
        summary.stored,
        IDLE,
        ms(finish)
    );
    assert_eq!(summary.stored as usize, IDLE);
    assert_eq!(stored, IDLE, "one stored result per named taker");
    live.end().await;
}

fn main() {
    // `cargo test --benches` runs this with `--bench`? No: only `cargo bench` passes `--bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("load benchmark: run with `cargo bench -p devops-maturity-live --bench load`");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    println!("load average (1, 5, 15 min): {}", load_average());
    let floor = commit_floor(dir.path());
    println!(
        "one durable commit on this disk: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&floor, 0.50)),
        ms(percentile(&floor, 0.99)),
        ms(*floor.last().unwrap())
    );
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let now = Utc::now();
    let w = store
        .create_workshop(
            &NewWorkshop {
                name: "Load",
                held_on: "2026-12-03",
                ..Default::default()
            },
            now,
        )
        .unwrap();
    let q = questionnaire();
    let teams: Vec<i64> = (0..TEAMS)
        .map(|t| {
            store
                .add_new_workshop_team(w.id, &format!("Team {t}"), &q, &[String::new()], now)
                .unwrap()
                .id
        })
        .collect();
    let store = Arc::new(Mutex::new(store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(180), run(store, w.id, teams))
            .await
            .expect("the benchmark is bounded to three minutes");
    });
}
