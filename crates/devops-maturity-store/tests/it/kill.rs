//! Crash safety: a process that writes answers is killed with SIGKILL at random moments, and
//! every answer it acknowledged must still be in a healthy database.
//!
//! The writer is this same test binary, started again with `DMS_KILL_WRITER_DB` set: the test
//! `kill::the_writer_acknowledges_only_stored_answers` then writes until it is killed, printing one
//! `ack …` line after each `Store::save_answer` has returned. Without the variable that test
//! runs a short bounded writer in-process and checks its acknowledgements itself.
//!
//! The random delays come from a seed printed at the start; `KILL_TEST_SEED=N` repeats a run.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::Utc;
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::Store;

const CHILD_ENV: &str = "DMS_KILL_WRITER_DB";
/// The writer test's name in this module, without the binary's name.
const WRITER_TEST: &str = "the_writer_acknowledges_only_stored_answers";
const ROUNDS: usize = 100;
const RESPONDENTS: usize = 3;
const QUESTIONS: usize = 60;
/// The longest a writer lives before it is killed.
const MAX_DELAY_MS: u64 = 90;

fn questionnaire() -> Questionnaire {
    Questionnaire::sample([("d", (0..QUESTIONS).map(|i| format!("q{i}")))])
}

/// The level written for one slot: every slot is written once, so the value on disk is either
/// the acknowledged one or absent (never an older or newer value).
fn level_for(respondent: i64, question: usize) -> u8 {
    ((respondent as usize * 7 + question * 3) % 5 + 1) as u8
}

/// Evidence of varying length (up to a few pages) so some writes span several database pages.
fn evidence_for(respondent: i64, question: usize) -> String {
    let repeat = 1 + (respondent as usize * 31 + question * 17) % 400;
    format!("r{respondent} q{question} 🚀 فريق ").repeat(repeat)
}

/// Writes every slot of a new assessment, acknowledging each save on `out`; stops after `limit`
/// saves when given. Returns the number of acknowledged saves.
fn writer(db: &Path, limit: Option<usize>, out: &mut dyn Write) -> usize {
    let mut store = Store::open(db).expect("the writer opens the database");
    let q = questionnaire();
    let team = match store.team_by_name("Kill test").expect("look up the team") {
        Some(team) => team,
        None => store
            .create_team("Kill test", Utc::now())
            .expect("create the team"),
    };
    let names: Vec<String> = (1..=RESPONDENTS).map(|i| format!("R{i}")).collect();
    let assessment = store
        .start_assessment(team.id, &q, &names, None, Utc::now())
        .expect("start an assessment");
    let respondents: Vec<i64> = store
        .assessment_data(assessment.id)
        .expect("read the assessment")
        .respondents
        .iter()
        .map(|r| r.id)
        .collect();
    let mut acked = 0;
    for question in 0..QUESTIONS {
        for &respondent in &respondents {
            if limit.is_some_and(|l| acked >= l) {
                return acked;
            }
            let level = level_for(respondent, question);
            let evidence = evidence_for(respondent, question);
            store
                .save_answer(
                    respondent,
                    &format!("q{question}"),
                    Answer::Level(level),
                    Some(&evidence),
                    Utc::now(),
                )
                .expect("save an answer");
            writeln!(out, "ack {respondent} {question} {level} end").expect("write the ack");
            out.flush().expect("flush the ack");
            acked += 1;
        }
    }
    acked
}

/// Parses the acknowledgements a writer printed; a line cut short by the kill has no `end`.
fn parse_acks(lines: &[String]) -> Vec<(i64, usize, u8)> {
    lines
        .iter()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["ack", r, q, l, "end"] => {
                    Some((r.parse().ok()?, q.parse().ok()?, l.parse().ok()?))
                }
                _ => None,
            }
        })
        .collect()
}

/// Every answer on disk: (respondent, question) → (level, evidence).
fn stored_answers(conn: &rusqlite::Connection) -> BTreeMap<(i64, usize), (String, String)> {
    let mut stmt = conn
        .prepare("SELECT respondent_id, question_id, answer, evidence FROM answers")
        .unwrap();
    stmt.query_map([], |r| {
        let qid: String = r.get(1)?;
        let q: usize = qid.trim_start_matches('q').parse().unwrap();
        Ok(((r.get(0)?, q), (r.get(2)?, r.get(3)?)))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn integrity(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn.prepare("PRAGMA integrity_check").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The writer test as libtest names it: its path below the test binary's crate
/// (`kill::the_writer_…`), so the child runs exactly that test.
fn writer_test() -> String {
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, module)| module);
    format!("{module}::{WRITER_TEST}")
}

/// A small, seeded generator (splitmix64), so a failing run can be repeated exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn the_writer_acknowledges_only_stored_answers() {
    if let Some(db) = std::env::var_os(CHILD_ENV) {
        // Started by the kill test: write until killed.
        writer(Path::new(&db), None, &mut std::io::stdout());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("writer.db");
    let mut out = Vec::new();
    let acked = writer(&db, Some(25), &mut out);
    assert_eq!(acked, 25, "the writer stops at its limit");
    let lines: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let acks = parse_acks(&lines);
    assert_eq!(acks.len(), 25, "one ack line per save: {lines:?}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored = stored_answers(&conn);
    assert_eq!(
        stored.len(),
        25,
        "exactly the acknowledged answers are stored"
    );
    for (r, q, level) in acks {
        assert_eq!(
            stored[&(r, q)],
            (level.to_string(), evidence_for(r, q)),
            "respondent {r}, question {q}"
        );
    }
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_answer() {
    let seed = std::env::var("KILL_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("kill test seed: {seed} (KILL_TEST_SEED={seed} repeats this run)");
    let mut rng = Rng(seed);
    let exe = std::env::current_exe().unwrap();
    let writer_test = writer_test();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("killed.db");
    let started = Instant::now();
    let mut expected: BTreeMap<(i64, usize), u8> = BTreeMap::new();
    let (mut killed_while_writing, mut finished) = (0, 0);

    for round in 1..=ROUNDS {
        // Odd rounds: a delay from the start, so kills also land while the writer opens,
        // migrates or starts an assessment. Even rounds: a shorter delay after its first
        // acknowledgement, so they land among the saves however slow the machine is.
        let after_first_ack = round % 2 == 0;
        let delay = Duration::from_millis(if after_first_ack {
            rng.next() % (MAX_DELAY_MS / 4)
        } else {
            rng.next() % MAX_DELAY_MS
        });
        let mut child = Command::new(&exe)
            .args([
                writer_test.as_str(),
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().unwrap();
        let (first_ack, acked) = std::sync::mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("ack ") {
                    // Only the first send matters; later ones go nowhere.
                    let _ = first_ack.send(());
                }
                lines.push(line);
            }
            lines
        });
        if after_first_ack {
            // A writer that dies before acknowledging anything simply ends the wait.
            let _ = acked.recv_timeout(Duration::from_secs(30));
        }
        std::thread::sleep(delay);
        // `Child::kill` sends SIGKILL on Unix: no destructor, no flush, no rollback runs.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1;
        }
        let lines = reader.join().unwrap();
        assert!(
            !lines.iter().any(|l| l == "running 0 tests"),
            "{} has no test `{writer_test}` to run as the writer",
            exe.display()
        );
        let acks = parse_acks(&lines);
        if !acks.is_empty() && !status.success() {
            killed_while_writing += 1;
        }
        for (r, q, level) in acks {
            assert_eq!(level, level_for(r, q), "round {round}: ack as written");
            assert!(
                expected.insert((r, q), level).is_none(),
                "round {round}: slot ({r}, {q}) acknowledged twice"
            );
        }

        // Killed before the database existed: nothing may have been acknowledged, and no
        // half-made file may be left where the database belongs.
        if !db.exists() {
            assert!(
                expected.is_empty(),
                "round {round}: acknowledged answers but no database"
            );
            continue;
        }
        // The file must be healthy and the app must accept it.
        let conn =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
                .unwrap();
        assert_eq!(
            integrity(&conn),
            ["ok"],
            "round {round} (seed {seed}, killed after {delay:?})"
        );
        let stored = stored_answers(&conn);
        for (&(r, q), &level) in &expected {
            let found = stored.get(&(r, q));
            assert_eq!(
                found,
                Some(&(level.to_string(), evidence_for(r, q))),
                "round {round} (seed {seed}, killed after {delay:?}): acknowledged answer of respondent {r} to q{q} lost or changed"
            );
        }
        // An assessment is started in one transaction: never with only some respondents.
        let partial: i64 = conn
            .query_row(
                "SELECT count(*) FROM assessments a WHERE (SELECT count(*) FROM respondents r WHERE r.assessment_id = a.id) != ?1",
                [RESPONDENTS as i64],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(partial, 0, "round {round}: an assessment was half written");
        drop(conn);
        Store::open(&db).unwrap_or_else(|e| panic!("round {round}: the app refuses the file: {e}"));
    }

    let elapsed = started.elapsed();
    eprintln!(
        "kill test: {ROUNDS} rounds in {elapsed:.1?}, {} acknowledged answers, none lost; {killed_while_writing} writers killed mid-write, {finished} finished before the kill",
        expected.len()
    );
    assert!(
        killed_while_writing >= ROUNDS * 2 / 5,
        "most kills must land while answers are being written ({killed_while_writing} of {ROUNDS}); the delays need retuning"
    );
}
