//! The `devops-maturity` binary on real folders and files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(args: &[&str], db: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_devops-maturity"));
    command.args(args).env_remove("DEVOPS_MATURITY_DB");
    if let Some(db) = db {
        command.env("DEVOPS_MATURITY_DB", db);
    }
    command.output().expect("run devops-maturity")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
    assert!(stdout(&out).contains("ok — 1 modules, 2 chapters, 1 knowledge-check questions, 1 glossary terms, 2 agenda blocks; \
         questionnaire mini 1.0.0: 1 dimensions, 4 questions, 8 actions, answer key for 4 questions"), "{}", stdout(&out));
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
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a DevOps Maturity Studio database (it is not a SQLite file)"),
        "{}",
        stderr(&out)
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
        stdout(&out).contains("schema version: 1"),
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
