//! `devops-maturity handout`: the list, each kind of handout written as a PDF that poppler
//! reads back, a clear message for a name that does not exist, and the output guard (never
//! the database, `-` for standard output).

use std::path::Path;

use super::{run_on as run, text, tool};

fn names(db: &Path) -> Vec<String> {
    let o = run(db, &["handout", "--list"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_list_names_every_kind_of_handout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let names = names(&db);
    for name in [
        "fact-sheet",
        "role-cards",
        "run-sheet",
        "worksheet-itsm-operation",
        "summary-operations",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(!db.exists(), "listing handouts creates no database");
}

#[test]
fn each_kind_is_a_pdf_in_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    for (name, paper, size, expect) in [
        ("fact-sheet", "a4", "(A4)", "The IT landscape"),
        (
            "role-cards",
            "letter",
            "(letter)",
            "Chief Information Security Officer",
        ),
        ("run-sheet", "a4", "(A4)", "Block by block"),
        (
            "worksheet-devops-impact",
            "letter",
            "(letter)",
            "What to hand in",
        ),
        (
            "summary-journeys",
            "a4",
            "(A4)",
            "Glossary terms of this module",
        ),
    ] {
        let out = dir.path().join(format!("{name}.pdf"));
        let o = run(
            &db,
            &[
                "handout",
                name,
                "--out",
                out.to_str().unwrap(),
                "--paper",
                paper,
            ],
        );
        assert!(o.status.success(), "{name}: {}", text(&o.stderr));
        assert!(
            text(&o.stdout).starts_with("wrote the handout"),
            "{}",
            text(&o.stdout)
        );
        let info = tool("pdfinfo", &[out.to_str().unwrap()]);
        assert!(info.contains(size), "{name} on {paper}: {info}");
        let body = tool("pdftotext", &[out.to_str().unwrap(), "-"]);
        assert!(body.contains(expect), "{name} has {expect:?}");
    }
    assert!(!db.exists(), "a handout never creates the database");
}

#[test]
fn an_unknown_name_says_which_names_exist_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let out = dir.path().join("x.pdf");
    let o = run(
        &db,
        &[
            "handout",
            "worksheet-flying",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("there is no handout called `worksheet-flying`; the handouts are: fact-sheet, role-cards, run-sheet, worksheet-"),
        "{err}"
    );
    assert!(!out.exists());
    let o = run(&db, &["handout", "fact-sheet"]);
    assert_eq!(o.status.code(), Some(2), "--out is required: a usage error");
}

#[test]
fn the_output_guard_refuses_the_database_and_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    std::fs::write(&db, b"not touched").unwrap();
    let o = run(
        &db,
        &["handout", "run-sheet", "--out", db.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("cannot write") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(
        err.contains("the handout shows the day from agenda.toml"),
        "a database that cannot be read leaves the authored day, and says so: {err}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"not touched",
        "the database is left as it was"
    );

    let o = run(&db, &["handout", "summary-dasa", "--out", "-"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        o.stdout.starts_with(b"%PDF-"),
        "the PDF goes to standard output"
    );
    assert!(
        text(&o.stderr).contains("wrote the handout"),
        "the note goes to standard error"
    );
}

#[test]
fn the_run_sheet_follows_the_day_the_app_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    {
        let store = devops_maturity_store::Store::open(&db).unwrap();
        store
            .set_setting(
                devops_maturity_store::settings::AGENDA_EDITS,
                r#"{"start":"08:30","minutes":{},"enabled":{}}"#,
            )
            .unwrap();
    }
    let out = dir.path().join("run-sheet.pdf");
    let o = run(
        &db,
        &["handout", "run-sheet", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let body = tool("pdftotext", &[out.to_str().unwrap(), "-"]);
    assert!(
        body.contains("08:30–09:00"),
        "the first block at the app's start time"
    );
    assert!(body.contains("the day as set up on the Agenda page"));
}
