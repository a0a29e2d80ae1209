//! `team delete`, `workshop delete`, `assessment delete`, `demo remove` and `trash` on a real
//! database file: what goes is printed, completed assessments need `--completed`, a refused
//! delete changes nothing, and `trash restore` puts everything back.

use std::path::{Path, PathBuf};

use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;

use super::{answers, failed, run, succeeded};

/// Runs and expects success; returns standard output.
fn ok(args: &[&str], db: &Path) -> String {
    succeeded(&run(args, db), args)
}

/// Runs and expects exit code 1; returns standard error.
fn refused(args: &[&str], db: &Path) -> String {
    failed(&run(args, db), 1, "")
}

/// A database with the demo organisation and "Zoë's team", which has one completed
/// assessment (the sample answers file).
fn database() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    ok(&["demo"], &db);
    ok(
        &[
            "assess",
            "record",
            "--team",
            "Zoë's team",
            &answers("sample.json"),
        ],
        &db,
    );
    (dir, db)
}

/// Everything a user could compare: the export of all records.
fn everything(db: &Path) -> String {
    ok(&["export", "--out", "-"], db)
}

#[test]
fn a_team_goes_only_with_completed_and_comes_back_with_trash_restore() {
    let (dir, db) = database();
    let before = everything(&db);
    let message = refused(&["team", "delete", "Booking Web (demo)"], &db);
    assert_eq!(
        message,
        "error: Booking Web (demo) takes 4 completed assessments with it, and completed \
         assessments stay frozen unless you say so; nothing was deleted — add --completed to \
         delete them too\n"
    );
    assert_eq!(everything(&db), before, "a refused delete changes nothing");
    assert!(!dir.path().join("backups").exists(), "…and takes no backup");

    let said = ok(
        &["team", "delete", "Booking Web (demo)", "--completed"],
        &db,
    );
    let lines: Vec<&str> = said.lines().collect();
    assert!(
        lines[0].starts_with("backup: "),
        "a bulk delete backs up first: {said}"
    );
    let backup = PathBuf::from(lines[0].trim_start_matches("backup: "));
    assert!(backup.starts_with(dir.path().join("backups")) && backup.exists());
    assert!(
        lines[1].starts_with("deleted Booking Web (demo), 4 assessments (4 completed), "),
        "{said}"
    );
    assert_eq!(
        lines[2],
        "undo with: devops-maturity trash restore 1 (kept 30 days)"
    );
    assert!(!ok(&["team", "list"], &db).contains("Booking Web"));
    assert!(
        !everything(&db).contains("Booking Web"),
        "a deleted team is not exported"
    );

    let listed = ok(&["trash", "list"], &db);
    assert!(listed.starts_with("1\t"), "{listed}");
    assert!(
        listed.contains("\tBooking Web (demo), 4 assessments (4 completed), "),
        "{listed}"
    );
    assert_eq!(
        ok(&["trash", "restore", "1"], &db)
            .lines()
            .next()
            .unwrap_or_default(),
        lines[1].replacen("deleted", "restored", 1)
    );
    assert_eq!(everything(&db), before, "restored exactly");
    assert_eq!(ok(&["trash", "list"], &db), "", "the entry is used up");
    assert_eq!(
        refused(&["trash", "restore", "1"], &db),
        "error: deleted record 1 (it was restored already, or purged after 30 days) not found\n"
    );
    assert_eq!(
        refused(&["team", "delete", "Nobody"], &db),
        "error: no team named \"Nobody\"\n"
    );
}

#[test]
fn demo_remove_takes_the_demo_and_nothing_else() {
    let (_dir, db) = database();
    let before = everything(&db);
    let said = ok(&["demo", "remove"], &db);
    assert!(
        said.contains(
            "deleted the demo organisation (Northwind Travel Group), 4 teams, 16 assessments (16 completed), "
        ),
        "{said}"
    );
    let teams = ok(&["team", "list"], &db);
    assert_eq!(teams.lines().count(), 1, "{teams}");
    assert!(teams.ends_with("\tZoë's team\n"), "{teams}");
    assert_eq!(
        ok(&["assess", "list", "--team", "Zoë's team"], &db)
            .lines()
            .count(),
        2
    );
    assert_eq!(
        refused(&["demo", "remove"], &db),
        "error: the demo organisation not found\n"
    );
    ok(&["trash", "restore", "1"], &db);
    assert_eq!(everything(&db), before);
}

#[test]
fn an_assessment_and_a_workshop_are_deleted_by_id() {
    let (_dir, db) = database();
    let listed = ok(&["assess", "list", "--team", "Zoë's team"], &db);
    let id = listed
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let message = refused(&["assessment", "delete", &id], &db);
    assert!(
        message.contains("takes 1 completed assessment with it")
            && message.contains("delete it too"),
        "{message}"
    );
    let said = ok(&["assessment", "delete", &id, "--completed"], &db);
    assert!(
        said.starts_with("backup: ")
            && said.contains("\ndeleted Zoë's team's completed assessment of "),
        "a completed assessment is backed up first: {said}"
    );
    assert_eq!(
        ok(&["assess", "list", "--team", "Zoë's team"], &db)
            .lines()
            .count(),
        1
    );
    assert_eq!(
        refused(&["assess", "delete", "999"], &db),
        "error: assessment 999 not found\n"
    );

    let (workshop, team) = {
        let mut store = Store::open(&db).unwrap();
        let content = devops_maturity_content::load_embedded().unwrap();
        let q = &content.assessment.questionnaire;
        let workshop = store
            .create_workshop(
                &NewWorkshop {
                    name: "Spring class",
                    held_on: "2027-03-02",
                    ..Default::default()
                },
                chrono::Utc::now(),
            )
            .unwrap();
        store
            .add_new_workshop_team(
                workshop.id,
                "Guests",
                q,
                &["Lee".into()],
                chrono::Utc::now(),
            )
            .unwrap();
        (workshop.id.to_string(), "Guests")
    };
    assert_eq!(
        ok(&["workshop", "list"], &db),
        format!("{workshop}\t2027-03-02\tSpring class\t1 teams\n")
    );
    let said = ok(&["workshop", "delete", &workshop], &db);
    assert!(
        said.starts_with(
            "deleted Spring class (2027-03-02), 1 place at a workshop, 1 assessment\n"
        ),
        "an in-progress session needs no --completed, and no backup: {said}"
    );
    assert_eq!(ok(&["workshop", "list"], &db), "");
    assert!(
        ok(&["team", "list"], &db).contains(team),
        "the team itself stays"
    );
    assert_eq!(
        refused(&["workshop", "delete", &workshop], &db),
        format!("error: workshop {workshop} not found\n")
    );
}
