//! The `devops-maturity` binary on real folders and files.

use std::path::Path;
use std::process::Command;

use super::{answers, copy_dir, failed, fixtures, record, run_env as run, stderr, stdout, BIN};

#[test]
fn help_lists_the_commands() {
    let out = run(&["--help"], None);
    assert!(out.status.success());
    for command in ["content", "db", "team"] {
        assert!(
            stdout(&out).contains(command),
            "--help mentions `{command}`:\n{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_valid_course_passes() {
    let dir = fixtures().join("valid");
    let out = run(&["content", "check", dir.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("ok — 1 modules, 2 chapters, 2 slides (in 1 modules), 1 knowledge-check questions, 1 glossary terms, 2 agenda blocks; \
         questionnaire mini 1.0.0: 1 dimensions, 4 questions, 8 actions, answer key for 4 questions"), "{}", stdout(&out));
}

#[test]
fn slides_are_listed_by_module_and_chapter() {
    let dir = fixtures().join("valid");
    let out = run(&["content", "slides", "--dir", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "01 Basics (2 slides)\n  The first chapter\n    1. The details  [first#details]\n       - One cue for the room\n       - A **second** cue\n  The second chapter\n    1. More details  [second#details]\n       - A last cue\n"
    );
    let out = run(
        &["content", "slides", "nope", "--dir", dir.to_str().unwrap()],
        None,
    );
    failed(&out, 1, "no module `nope`; the modules are basics");
    // The built-in course, one module by its id, numbered as in the course.
    let out = run(&["content", "slides", "itsm-lifecycle"], None);
    assert!(
        stdout(&out).starts_with("03 DevOps and ITSM: the ITIL service lifecycle ("),
        "{}",
        stdout(&out)
    );
}

#[test]
fn every_problem_is_listed_with_file_and_line() {
    let dir = fixtures().join("three-problems");
    let out = run(&["content", "check", dir.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "problems give exit code 1");
    let d = dir.display();
    let expected = format!(
        "{d}/course/01-basics/first.md:9: link to `secnd.md#details` does not match any chapter of the course\n\
         {d}/course/01-basics/module.toml:4: chapter file `third.md` does not exist\n\
         {d}/course/01-basics/second.md:6: unknown front matter key `author` (known keys: id, title, minutes, kind)\n"
    );
    assert_eq!(stdout(&out), expected, "all three problems, in file order");
    assert!(
        stderr(&out).contains("3 problem(s) found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_answer_key_fails_the_check() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("valid"), tmp.path());
    let key = tmp.path().join("assessment/ej-airways-key.toml");
    std::fs::write(
        &key,
        "questionnaire = \"mini\"\nversion = \"1.0.0\"\n\
         [[answer]]\nquestion = \"flow-1\"\nlevel = 2\nreason = \"The figures: 13 deployments.\"\n\
         [[answer]]\nquestion = \"flow-2\"\nlevel = 7\nreason = \"The people.\"\n\
         [[answer]]\nquestion = \"flow-3\"\nlevel = 3\nreason = \"\"\n\
         [[answer]]\nquestion = \"flow-7\"\nlevel = 3\nreason = \"The airline.\"\n",
    )
    .unwrap();
    let out = run(&["content", "check", tmp.path().to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1), "a broken key fails the check");
    let k = key.display();
    assert_eq!(
        stdout(&out),
        format!(
            "{k}: no answer for question `flow-4`\n\
             {k}:8: level 7 for `flow-2` is not 1 to 5\n\
             {k}:12: answer for `flow-3` gives no reason\n\
             {k}:16: answer for unknown question `flow-7`\n"
        ),
        "a missing question, a level outside 1–5, an empty reason and an unknown question"
    );
}

#[test]
fn the_real_course_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let out = run(&["content", "check", dir.to_str().unwrap()], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "content/ must be valid:\n{}",
        stdout(&out)
    );
}

#[test]
fn db_path_follows_the_environment_and_the_flag() {
    let out = run(&["db", "path"], Some(Path::new("/tmp/from-env.db")));
    assert_eq!(stdout(&out).trim(), "/tmp/from-env.db");
    let out = run(
        &["--db", "/tmp/from-flag.db", "db", "path"],
        Some(Path::new("/tmp/from-env.db")),
    );
    assert_eq!(
        stdout(&out).trim(),
        "/tmp/from-flag.db",
        "--db wins over the environment"
    );
}

#[test]
fn db_check_refuses_a_text_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let text = "Retro notes: deploy on Fridays? No.\n";
    std::fs::write(&path, text).unwrap();
    let out = run(&["db", "check"], Some(&path));
    failed(
        &out,
        1,
        "is not a DevOps Maturity Studio database (it is not a SQLite file)",
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "byte for byte unchanged"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no -wal or -shm file appeared"
    );
}

#[test]
fn teams_round_trip_and_db_check_reports_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    assert!(run(&["team", "add", "Łukasz's platform team"], Some(&db))
        .status
        .success());
    let out = run(&["team", "add", "łukasz's PLATFORM team"], Some(&db));
    assert_eq!(out.status.code(), Some(1), "duplicate names are refused");
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert!(run(
        &["team", "rename", "Łukasz's platform team", "Platform"],
        Some(&db)
    )
    .status
    .success());
    assert_eq!(stdout(&run(&["team", "list"], Some(&db))), "1\tPlatform\n");
    let out = run(&["db", "check"], Some(&db));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stdout(&out).contains("integrity: ok"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&format!(
            "schema version: {}",
            devops_maturity_store::LATEST_VERSION
        )),
        "{}",
        stdout(&out)
    );
}

#[test]
fn db_check_on_a_missing_file_says_so_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = run(&["db", "check"], Some(&db));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not found"), "{}", stderr(&out));
    assert!(!db.exists(), "checking never creates a database");
}

#[test]
fn assess_score_gives_the_documented_scores() {
    let out = run(&["assess", "score", &answers("sample.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("Courage"),
        "Courage 3.00 3 Defined 4 +1.00 2 of 2 people · 14 % don't know · spread 0.0",
        "median of Ana 3.0 (don't know left out) and Ben 3.0 (n/a left out)"
    );
    assert_eq!(
        line("Teambuilding"),
        "Teambuilding 2.00 2 Managed 3 +1.00 one person's answers only (of 2) · 38 % don't know",
        "Ana answered 1 of 4: only Ben counts"
    );
    assert_eq!(
        line("Programming"),
        "Programming — not enough answers — — nobody answered enough of 4 questions"
    );
    assert_eq!(
        line("overall"),
        "overall — not enough answers (2 of 18 dimensions in scope have a score)",
        "2 of 18 dimensions is too few for an overall score"
    );
    assert!(
        text.contains("Overall: nearest cluster Low (rests on 4 of 5 keys)"),
        "{text}"
    );
    assert!(
        text.contains("not levels of a maturity ladder"),
        "the clusters are explained"
    );

    let out = run(
        &["assess", "score", "--json", &answers("sample.json")],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["score"]["dimensions"][6]["score"], 3.0);
    assert_eq!(
        json["score"]["dimensions"][0]["score"],
        serde_json::Value::Null,
        "not enough answers is null, never 0"
    );
    assert_eq!(json["dora"]["nearest"], serde_json::json!(["Low"]));
    assert_eq!(json["dora"]["answered"], 4);
}

#[test]
fn assess_score_reports_an_exact_dora_tie_as_a_tie() {
    // 2024, weekly to monthly, 1 week to 1 month, recovery 1 week to 1 month, 25 %:
    // Medium 0 + 0 + 2/5 + 15/50 = 0.7 and Low 1/5 + 1/5 + 0 + 15/50 = 0.7 exactly.
    let out = run(&["assess", "score", &answers("dora-tie.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Overall: an exact tie, between Medium and Low (rests on 4 of 5 keys)"),
        "{text}"
    );
    assert!(
        text.contains("Throughput: between Medium and Low"),
        "{text}"
    );
    assert!(
        text.contains("Stability: High (1 of the keys)"),
        "25 % is 5 points from High's 20 %: {text}"
    );
    assert!(
        text.contains("Mixed profile: Change fail rate is nearest High but Failed deployment recovery time is nearest Low"),
        "High and Low are two clusters apart: {text}"
    );
    let out = run(
        &["assess", "score", "--json", &answers("dora-tie.json")],
        None,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(
        json["dora"]["nearest"],
        serde_json::json!(["Medium", "Low"])
    );
    assert_eq!(json["dora"]["verdict"], "between Medium and Low");
}

/// Rule 10 by hand. DevOps Leadership: Lea (leader) 4,5,4,5 → 4.5; Pat 2,2,3,3 → 2.5 and Sam
/// 2,1,2,1 → 1.5 (practitioners) → median 2.0; the team is everyone: median(4.5, 2.5, 1.5) =
/// 2.5; leaders 2.5 higher. Courage: only Lea answered (2 of 4, half) → 4.0, practitioners
/// none. Cross-Functional Autonomous Teams: nobody answered.
#[test]
fn assess_score_shows_leaders_apart_on_the_leadership_dimensions() {
    let out = run(&["assess", "score", &answers("roles.json")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("leaders apart from practitioners"))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rows,
        [
            "Cross-Functional Autonomous Teams — (0 of 1) — (0 of 2) — no comparison: one side has no score",
            "Courage 4.0 (1 of 1) — (0 of 2) 4.00 no comparison: one side has no score",
            "DevOps Leadership 4.5 (1 of 1) 2.0 (2 of 2) 2.50 leaders 2.5 higher — a level or more apart",
        ],
        "{text}"
    );

    let out = run(&["assess", "score", "--json", &answers("roles.json")], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let lead = &json["score"]["by_role"][2];
    assert_eq!(lead["dimension_id"], "devops-leadership");
    assert_eq!(lead["leaders"]["score"], 4.5);
    assert_eq!(lead["practitioners"]["score"], 2.0);
    assert_eq!(lead["practitioners"]["respondents"], 2);
    assert_eq!(lead["team"], 2.5);
    assert_eq!(lead["difference"], 2.5);

    // Without a leader there is no split, and no section.
    let out = run(&["assess", "score", &answers("sample.json")], None);
    assert!(!stdout(&out).contains("leaders apart"), "{}", stdout(&out));
}

/// The quick scan by hand: 21 questions, one or two per dimension. Ana answers 3 everywhere,
/// Ben 4 except 2 on both DevOps Leadership questions: every dimension median(3, 4) = 3.5
/// but DevOps Leadership median(3, 2) = 2.5; overall (17 × 3.5 + 2.5) / 18 = 3.44 → 3.4.
/// Against the full questionnaire the same file scores almost nothing (one or two of four
/// or five questions is under half, except where the quick scan has two of four).
#[test]
fn a_quick_scan_is_scored_recorded_and_listed_as_one() {
    let out = run(
        &["assess", "score", "--quick", &answers("quick.json")],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "dasa-devops-team 1.1.0+quick — Quick scan, 21 questions — 2 respondent(s)"
        ),
        "{text}"
    );
    let line = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line("Courage"),
        "Courage 3.50 3 Defined — — 2 of 2 people · spread 1.0"
    );
    assert_eq!(
        line("DevOps Leadership"),
        "DevOps Leadership 2.50 2 Managed — — 2 of 2 people · spread 1.0"
    );
    assert_eq!(
        line("overall"),
        "overall 3.40 3 Defined averages (18 of 18 dimensions in scope have a score)"
    );

    let full = stdout(&run(&["assess", "score", &answers("quick.json")], None));
    assert!(full.contains("Full questionnaire, 83 questions"), "{full}");
    assert!(
        full.lines()
            .any(|l| l.starts_with("Courage") && l.contains("not enough answers")),
        "one of four Courage questions is under half: {full}"
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let id = record(&db, "Quick", "quick.json", &["--quick"]);
    let rows: Vec<String> = stdout(&run(&["assess", "list", "--team", "Quick"], Some(&db)))
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rows,
        [format!(
            "{id} 2026-11-27 completed 3.40 3 Defined dasa-devops-team 1.1.0+quick (quick scan)"
        )]
    );
}

#[test]
fn bad_answers_files_name_the_problem_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    for (file, expected) in [
        (
            "unknown-question.json",
            "$.respondents[0].answers[\"courage-9\"]: unknown question id `courage-9`",
        ),
        (
            "level-seven.json",
            "$.respondents[1].answers[\"courage-2\"]: level 7 is out of range",
        ),
        (
            "missing-field.json",
            "$.respondents: missing: the list of respondents and their answers",
        ),
        (
            "invalid.json",
            "line 3, column 51: invalid JSON: trailing comma",
        ),
    ] {
        for args in [
            vec!["assess", "score"],
            vec!["assess", "record", "--team", "Booking"],
        ] {
            let mut args = args.clone();
            let path = answers(file);
            args.push(&path);
            let out = run(&args, Some(&db));
            assert_eq!(out.status.code(), Some(1), "{file}: {args:?}");
            assert!(stderr(&out).contains(expected), "{file}: {}", stderr(&out));
        }
    }
    let out = run(&["team", "list"], Some(&db));
    assert_eq!(
        stdout(&out),
        "",
        "a rejected file creates no team and no assessment"
    );
}

#[test]
fn record_then_list_shows_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let id = record(&db, "Booking Web", "sample.json", &[]);
    let out = run(&["assess", "list", "--team", "booking web"], Some(&db));
    let rows: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        rows,
        [format!(
            "{id} 2026-11-20 completed — not enough answers dasa-devops-team 1.1.0"
        )]
    );
}

#[test]
fn demo_creates_teams_with_a_year_of_history_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let out = run(&["demo"], Some(&db));
    assert_eq!(
        stdout(&out).trim(),
        "created Northwind Travel Group: 4 teams, 16 assessments",
        "{}",
        stderr(&out)
    );
    let out = run(
        &["assess", "list", "--team", "Booking Web (demo)"],
        Some(&db),
    );
    assert_eq!(
        stdout(&out).lines().count(),
        5,
        "a header and four quarterly assessments:\n{}",
        stdout(&out)
    );
    let out = run(&["demo"], Some(&db));
    failed(&out, 1, "the demo data already exists");
}

#[test]
fn a_closed_pipe_ends_quietly_instead_of_panicking() {
    use std::io::Read;
    use std::process::Stdio;
    // 200 respondents make the JSON larger than a pipe's buffer (64 KiB), so the program is
    // still writing when the reader goes away, as with `| head`.
    let respondents: Vec<serde_json::Value> = (0..200)
        .map(|i| serde_json::json!({ "name": format!("P{i}"), "answers": { "courage-1": 1 + i % 5, "courage-2": 3 } }))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.json");
    std::fs::write(
        &file,
        serde_json::json!({ "respondents": respondents }).to_string(),
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["assess", "score", "--json", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
}

#[test]
fn teams_are_grouped_moved_and_listed_in_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let ok = |args: &[&str]| {
        let out = run(args, Some(&db));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    for name in ["Team 10", "Team 2", "Team 1"] {
        ok(&["team", "add", name]);
    }
    assert_eq!(ok(&["group", "word"]), "group\n", "the default word");
    ok(&["group", "word", "value stream"]);
    ok(&["group", "add", "Retail"]);
    ok(&["team", "move", "team 10", "--group", "RETAIL"]);
    assert_eq!(
        ok(&["team", "list"]),
        "3\tTeam 1\n2\tTeam 2\n1\tTeam 10\tRetail\n",
        "natural order; the group is a third column"
    );
    assert_eq!(ok(&["group", "list"]), "1\tRetail\t1\n");

    let out = run(
        &["team", "move", "Team 2", "--group", "Wholesale"],
        Some(&db),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: no value stream named \"Wholesale\" (see `devops-maturity group list`)\n",
        "the organisation's word is used"
    );
    let out = run(&["group", "add", "retail"], Some(&db));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    ok(&["group", "rename", "Retail", "Retail & Stores"]);
    assert_eq!(
        ok(&["group", "delete", "retail & stores"]),
        "deleted the value stream \"Retail & Stores\"; 1 team(s) now belong to no value stream\n"
    );
    assert_eq!(
        ok(&["team", "list"]),
        "3\tTeam 1\n2\tTeam 2\n1\tTeam 10\n",
        "the team stays, without a group"
    );
}

#[test]
fn teams_are_imported_from_csv_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "team,group\nTeam 2,Retail\nTeam 10,\n,Retail\nteam 2,Crew\n",
    )
    .unwrap();
    let out = run(&["team", "import", bad.to_str().unwrap()], Some(&db));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: 2 problem(s); nothing was imported:\n  line 4: a team name cannot be empty\n  line 5: the team \"team 2\" is already on line 2\n",
            bad.display()
        )
    );
    assert!(!db.exists(), "a refused file creates no database");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "team,group\nTeam 2,Retail\nTeam 10,\nTeam 1,Retail\n",
    )
    .unwrap();
    let out = run(&["team", "import", good.to_str().unwrap()], Some(&db));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "added 3 team(s), 0 already there; created 1 group(s)\n"
    );
    assert_eq!(
        stdout(&run(&["team", "list"], Some(&db))),
        "3\tTeam 1\tRetail\n1\tTeam 2\tRetail\n2\tTeam 10\n"
    );
}
