//! `devops-maturity report` on a real database file: the PDFs it writes are checked by qpdf
//! and poppler (installed by scripts/deps.sh), and every failure exits 1 with a message and
//! leaves no file behind.

use std::path::Path;
use std::process::Output;

use devops_maturity_store::Store;

use super::{entries, failed, fixture, pdf_words, run_on as run, succeeded, text, tool};

/// `report --team` for the fixture's team, written to `out`, with `extra` arguments.
fn team_report(db: &Path, out: &str, extra: &[&str]) -> Output {
    let mut args = vec!["report", "--team", fixture::TEAM, "--out", out];
    args.extend_from_slice(extra);
    run(db, &args)
}

/// A database file with the fixture team (and, with `demo`, the four demo teams).
fn database(dir: &Path, demo: bool) -> std::path::PathBuf {
    let path = dir.join("studio.db");
    let mut store = Store::open(&path).unwrap();
    let content = fixture::content();
    fixture::build(&mut store, &content);
    if demo {
        devops_maturity_store::demo::create_demo(
            &mut store,
            &content.questionnaire,
            &content.dora,
            fixture::now(),
        )
        .unwrap();
    }
    path
}

#[test]
fn a_team_report_is_a_valid_pdf_in_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), false);
    for (paper, size) in [
        ("a4", "595.276 x 841.89 pts (A4)"),
        ("letter", "612 x 792 pts (letter)"),
    ] {
        let out = dir.path().join(format!("plan-{paper}.pdf"));
        let p = out.to_str().unwrap();
        let args = ["--paper", paper];
        let printed = succeeded(&team_report(&db, p, &args), &args);
        assert!(printed.contains("wrote the report of"), "{printed}");
        assert!(tool("qpdf", &["--check", p]).contains("No syntax or stream encoding errors"));
        let info = tool("pdfinfo", &[p]);
        assert!(info.contains(size), "{paper}: {info}");
        let flat = pdf_words(&out);
        assert!(flat.contains(fixture::TEAM), "the team's name reads back");
        assert!(flat.contains("Page 1 of"), "page numbers");
    }
}

#[test]
fn the_leadership_summary_of_chosen_groups_in_a_chosen_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), true);
    {
        let mut store = Store::open(&db).unwrap();
        store.set_group_word("value stream").unwrap();
        let a = store.create_group("Bookings", fixture::now()).unwrap();
        let b = store.create_group("Crew", fixture::now()).unwrap();
        let teams = store.teams().unwrap();
        store
            .move_team(teams[0].id, Some(a.id), fixture::now())
            .unwrap();
        store
            .move_team(teams[1].id, Some(b.id), fixture::now())
            .unwrap();
        store
            .move_team(teams[2].id, Some(b.id), fixture::now())
            .unwrap();
    }
    let out = dir.path().join("summary.pdf");
    let p = out.to_str().unwrap();
    let o = run(
        &db,
        &[
            "report",
            "--all-teams",
            "--group",
            "bookings",
            "--group",
            "CREW",
            "--summary",
            "--sort",
            "gap",
            "--out",
            p,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("3 teams"), "{}", text(&o.stdout));
    let info = tool("pdfinfo", &[p]);
    let flat = pdf_words(&out);
    assert!(flat.contains("Value stream Bookings, Crew"), "{flat}");
    assert!(flat.contains("largest first"), "the order is said");
    assert!(
        !flat.contains("· facilitator"),
        "no page per team with --summary ({info})"
    );

    failed(
        &run(
            &db,
            &["report", "--all-teams", "--group", "Nope", "--out", p],
        ),
        1,
        "no value stream named \"Nope\"",
    );
    assert_eq!(
        team_report(&db, p, &["--summary"]).status.code(),
        Some(2),
        "--summary needs --all-teams"
    );
}

#[test]
fn the_leadership_report_and_an_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), true);
    let out = dir.path().join("leadership.pdf");
    let o = run(
        &db,
        &[
            "report",
            "--all-teams",
            "--out",
            out.to_str().unwrap(),
            "--organisation",
            "Ωmega AG",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("5 teams"), "{}", text(&o.stdout));
    let p = out.to_str().unwrap();
    tool("qpdf", &["--check", p]);
    let words = tool("pdftotext", &["-raw", p, "-"]);
    assert!(words.contains("Heatmap: dimensions by team"));
    assert!(words.contains("Ωmega AG"), "--organisation is printed");

    let page = dir.path().join("report.html");
    succeeded(&team_report(&db, page.to_str().unwrap(), &[]), &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(&devops_maturity_report::html::escape(fixture::TEAM)),
        "the team's name, escaped"
    );
}

#[test]
fn failures_exit_1_with_a_message_and_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), false);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let target = out.join("r.pdf");
    let t = target.to_str().unwrap();

    failed(
        &run(&db, &["report", "--team", "Nobody", "--out", t]),
        1,
        "no team named \"Nobody\"",
    );
    let mut store = Store::open(&db).unwrap();
    store.create_team("New team", fixture::now()).unwrap();
    drop(store);
    failed(
        &run(&db, &["report", "--team", "new team", "--out", t]),
        1,
        "no completed assessment",
    );
    failed(
        &team_report(&db, t, &["--assessment", "9999"]),
        1,
        "no assessment 9999",
    );
    // A folder nobody may write to: /sys refuses new files even to root.
    failed(
        &team_report(&db, "/sys/report-test.pdf", &[]),
        1,
        "no permission",
    );
    assert!(!Path::new("/sys/report-test.pdf").exists());
    let missing = out.join("missing").join("r.pdf");
    failed(
        &team_report(&db, missing.to_str().unwrap(), &[]),
        1,
        "missing/r.pdf",
    );

    assert_eq!(
        team_report(&db, t, &["--paper", "a3"]).status.code(),
        Some(2),
        "an unknown paper size is a usage error"
    );
    let o = run(&db, &["report", "--out", t]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--team or --all-teams is required"
    );

    assert!(
        entries(&out).is_empty(),
        "no report and no temporary file: {:?}",
        entries(&out)
    );
}

#[test]
fn text_no_font_can_show_is_named_on_stderr_and_the_report_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), false);
    // U+0378 is not assigned in Unicode, so no font has it.
    let name = "Platform \u{378} team";
    {
        let mut store = Store::open(&db).unwrap();
        let team = store.team_by_name(fixture::TEAM).unwrap().unwrap();
        store.rename_team(team.id, name, fixture::now()).unwrap();
    }
    let out = dir.path().join("report.pdf");
    let o = run(
        &db,
        &["report", "--team", name, "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stderr = text(&o.stderr);
    assert!(
        stderr.contains("warning: the team name cannot be shown in full: no installed font has")
            && stderr.contains("U+0378"),
        "names the field and the character: {stderr}"
    );
    assert!(out.exists(), "the report is still written");
}

#[test]
fn answers_carry_names_only_with_names_flag_and_a_hidden_organisation_trick_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), false);
    let read = |extra: &[&str], name: &str| {
        let out = dir.path().join(name);
        succeeded(&team_report(&db, out.to_str().unwrap(), extra), extra);
        pdf_words(&out)
    };
    let anonymous = read(&[], "anonymous.pdf");
    assert!(
        !anonymous.contains("Evidence from"),
        "by default evidence does not name its author"
    );
    assert!(
        anonymous.contains(" × level "),
        "hot-spots count people per answer"
    );
    let named = read(&["--names"], "named.pdf");
    assert!(named.contains("Evidence from"), "--names names them");

    let out = dir.path().join("never.pdf");
    failed(
        &team_report(
            &db,
            out.to_str().unwrap(),
            &["--organisation", "Acme\u{202e}gnp.exe"],
        ),
        1,
        "the organisation name (--organisation) cannot contain invisible formatting characters",
    );
    assert!(!out.exists(), "nothing written");
}
