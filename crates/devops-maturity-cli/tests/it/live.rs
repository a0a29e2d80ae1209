//! `devops-maturity live`: the headless session on loopback. It prints a way to join, serves
//! the participant's page, and ends cleanly on Ctrl-C (SIGINT), closing its port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use devops_maturity_core::Questionnaire;
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;

use super::BIN;

#[test]
fn live_prints_the_join_address_serves_the_page_and_ends_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    {
        let mut store = Store::open(&db).unwrap();
        let w = store
            .create_workshop(
                &NewWorkshop {
                    name: "Day One",
                    held_on: "2026-12-03",
                    ..Default::default()
                },
                Utc::now(),
            )
            .unwrap();
        let q = Questionnaire::sample([("flow", ["flow-1", "flow-2"])]);
        store
            .add_new_workshop_team(w.id, "Booking", &q, &[String::new()], Utc::now())
            .unwrap();
    }
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap(),
            "live",
            "--workshop",
            "day one",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    let address = loop {
        let line = lines
            .next()
            .expect("the command prints a join line")
            .unwrap();
        printed.push_str(&line);
        printed.push('\n');
        if let Some(rest) = line.strip_prefix("Join: scan the code, or open http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    assert!(
        printed.contains('█') || printed.contains('▀') || printed.contains('▄'),
        "a QR code in block characters:\n{printed}"
    );
    assert!(address.starts_with("127.0.0.1:"), "{address}");

    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("/live.js"), "the participant's page");

    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the session ends within seconds of Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(status.success(), "a clean end: {status:?} {rest:?}");
    assert!(
        rest.iter().any(|l| l.starts_with("The session has ended")),
        "{rest:?}"
    );
    assert!(TcpStream::connect(&address).is_err(), "the port is closed");
}

#[test]
fn live_names_an_unknown_workshop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let out = Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap(),
            "live",
            "--workshop",
            "Nope",
            "--bind",
            "127.0.0.1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no workshop is called “Nope”"), "{err}");
}
