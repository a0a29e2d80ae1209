//! The command line with a database another program holds, and with hostile text: names and
//! evidence are printed literally (tables) or JSON-escaped (export), limits give exact messages.

use std::path::Path;
use std::process::Output;
use std::sync::mpsc;

use devops_maturity_store::Store;

use super::{run, stderr, stdout};

/// The names `team list` prints (`id<TAB>name` per line).
fn team_names(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .map(|l| l.split_once('\t').expect("id and name").1.to_string())
        .collect()
}

const HOSTILE_NAMES: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "فريق المنصة",
    "🚀 Rocket 👩‍👩‍👧",
    "a\"b\\c",
];

#[test]
fn a_write_while_another_program_holds_the_database_names_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    assert!(run(&["team", "add", "Before"], &db).status.success());

    // Another program takes the write lock and keeps it until the command has given up.
    let (done, wait) = mpsc::channel::<()>();
    let (holding, held) = mpsc::channel::<()>();
    let holder = {
        let db = db.clone();
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            store
                .in_transaction(|s| {
                    s.create_team("Holder", chrono::Utc::now())?;
                    holding.send(()).unwrap();
                    wait.recv().unwrap();
                    Ok(())
                })
                .unwrap();
        })
    };
    held.recv().unwrap();
    let out = run(&["team", "add", "Blocked"], &db);
    done.send(()).unwrap();
    holder.join().unwrap();

    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "error: the database {} is in use by another program (another DevOps Maturity Studio window, or a devops-maturity command still running); nothing was changed — close it and try again\n",
            db.display()
        )
    );
    let out = run(&["team", "list"], &db);
    assert_eq!(
        team_names(&out),
        ["Before", "Holder"],
        "the holder's write is intact; the blocked one left nothing"
    );
    let out = run(&["db", "check"], &db);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
}

#[test]
fn hostile_team_names_are_printed_literally() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.db");
    for name in HOSTILE_NAMES {
        let out = run(&["team", "add", name], &db);
        assert!(out.status.success(), "{name:?}: {}", stderr(&out));
    }
    let out = run(&["team", "list"], &db);
    let mut names = team_names(&out);
    names.sort_unstable();
    let mut expected = HOSTILE_NAMES.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected);
}

#[test]
fn team_names_over_the_limit_get_the_exact_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("limits.db");
    for (name, count) in [("x".repeat(101), 101), ("🚀".repeat(10_000), 10_000)] {
        let out = run(&["team", "add", &name], &db);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            format!("error: a team name can have at most 100 characters; this has {count}\n")
        );
    }
    let out = run(&["team", "add", &"🚀".repeat(100)], &db);
    assert!(out.status.success(), "exactly 100 characters is fine");
}

fn answers_file(dir: &Path, evidence: &str) -> std::path::PathBuf {
    let file = dir.join("answers.json");
    let json = serde_json::json!({
        "questionnaire": "dasa-devops-team",
        "respondents": [
            { "name": "<b>Ana</b> ' OR 1=1 --", "answers": {
                "courage-1": { "level": 3, "evidence": evidence },
                "courage-2": 2 } }
        ]
    });
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    file
}

/// Every string anywhere in a JSON document.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn hostile_evidence_is_stored_and_exported_json_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("evidence.db");
    let evidence: String = "<script>alert(1)</script>\n' OR 1=1 --\t\"quoted\" فريق 🚀 "
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    let file = answers_file(dir.path(), &evidence);
    let team = "<img src=x onerror=alert(1)>";
    let out = run(
        &["assess", "record", "--team", team, file.to_str().unwrap()],
        &db,
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let export = dir.path().join("export.json");
    let out = run(&["export", "--out", export.to_str().unwrap()], &db);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&export).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).expect("the export is valid JSON");
    let mut found = Vec::new();
    strings(&json, &mut found);
    for literal in [team, "<b>Ana</b> ' OR 1=1 --", evidence.as_str()] {
        assert!(
            found.iter().any(|s| s == literal),
            "{literal:.40?}… is in the export exactly as typed"
        );
    }
    assert!(
        text.contains(r#"\"quoted\""#) && text.contains(r"\n") && text.contains(r"\t"),
        "quotes and control characters are JSON-escaped"
    );
}

#[test]
fn evidence_over_the_limit_or_with_nul_is_refused_with_its_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("refused.db");
    for (evidence, message) in [
        (
            "x".repeat(10_001),
            "$.respondents[0].answers[\"courage-1\"].evidence: can have at most 10000 characters; this has 10001",
        ),
        (
            "before\0after".to_string(),
            "$.respondents[0].answers[\"courage-1\"].evidence: cannot contain control characters other than line breaks and tabs: U+0000 at character 7",
        ),
    ] {
        let file = answers_file(dir.path(), &evidence);
        for args in [
            vec!["assess", "score"],
            vec!["assess", "record", "--team", "Refused"],
        ] {
            let mut args = args.clone();
            args.push(file.to_str().unwrap());
            let out = run(&args, &db);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(
                stderr(&out).contains(message),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    let out = run(&["team", "list"], &db);
    assert_eq!(stdout(&out), "", "nothing was recorded");
}
