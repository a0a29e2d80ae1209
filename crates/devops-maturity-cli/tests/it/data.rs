//! `export`, `import`, `backup` and `restore` through the real binary, on real files.

use std::path::{Path, PathBuf};
use std::process::Output;

use super::{answers, succeeded, text};

/// Runs `args` with `DEVOPS_MATURITY_DB` naming `db`.
fn run(db: &Path, args: &[&str]) -> Output {
    super::run(args, db)
}

/// Runs `args` on `db` and insists on success; returns standard output.
fn ok(db: &Path, args: &[&str]) -> String {
    succeeded(&run(db, args), args)
}

/// The export of `db` as bytes.
fn export(db: &Path, dir: &Path) -> Vec<u8> {
    let file = dir.join("snapshot.json");
    ok(db, &["export", "--out", file.to_str().unwrap()]);
    std::fs::read(file).unwrap()
}

/// A database with the demo organisation, a plan and a team with its own assessment.
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("source.db");
    ok(&db, &["demo"]);
    ok(&db, &["plan", "generate", "--team", "Booking Web (demo)"]);
    ok(
        &db,
        &[
            "assess",
            "record",
            "--team",
            "Platform",
            &answers("sample.json"),
        ],
    );
    db
}

#[test]
fn export_wipe_import_export_is_byte_identical_and_a_second_import_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_db(dir.path());
    let first = dir.path().join("first.json");
    let printed = ok(&source, &["export", "--out", first.to_str().unwrap()]);
    assert!(
        printed.starts_with("exported 5 team(s), 17 assessment(s), 1 plan(s)"),
        "{printed}"
    );

    let fresh = dir.path().join("fresh.db");
    let printed = ok(&fresh, &["import", first.to_str().unwrap()]);
    assert!(
        printed.ends_with("imported: 25 record(s) added, 0 already there\n"),
        "{printed}"
    );
    assert_eq!(
        export(&fresh, dir.path()),
        std::fs::read(&first).unwrap(),
        "the imported database exports the same bytes"
    );

    let printed = ok(&fresh, &["import", first.to_str().unwrap()]);
    assert!(
        printed.ends_with("imported: 0 record(s) added, 25 already there\n"),
        "importing again adds nothing:\n{printed}"
    );
}

#[test]
fn one_team_can_be_exported_alone() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_db(dir.path());
    let file = dir.path().join("platform.json");
    let printed = ok(
        &source,
        &[
            "export",
            "--team",
            "platform",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        printed.starts_with("exported 1 team(s), 1 assessment(s), 0 plan(s)"),
        "the team name is found in any case:\n{printed}"
    );
    let out = run(
        &source,
        &[
            "export",
            "--team",
            "Nobody",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error: no team named \"Nobody\"\n");
}

/// Writes an edited copy of a one-team export and imports it into a database that already
/// holds something; returns stderr after checking exit code 1 and an unchanged database.
fn refused(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let source = demo_db(dir);
    let file = dir.join("team.json");
    ok(
        &source,
        &[
            "export",
            "--team",
            "Platform",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(&file, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    refused_file(dir, &file)
}

fn refused_file(dir: &Path, file: &Path) -> String {
    let target = dir.join("target.db");
    ok(&target, &["team", "add", "Existing"]);
    let before = export(&target, dir);
    let out = run(&target, &["import", file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad file is refused:\n{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).is_empty(),
        "nothing is reported as imported"
    );
    assert_eq!(export(&target, dir), before, "the database is unchanged");
    text(&out.stderr)
}

fn answer<'a>(v: &'a mut serde_json::Value, question: &str) -> &'a mut serde_json::Value {
    &mut v["assessments"][0]["respondents"][0]["answers"][question]
}

#[test]
fn invalid_json_is_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"devops-maturity-studio-export\",\n  \"teams\": [\n",
    )
    .unwrap();
    let stderr = refused_file(dir.path(), &file);
    assert_eq!(
        stderr,
        format!(
            "error: {}: the file cannot be imported (1 problem(s)); nothing was changed:\n  line 4, column 0: invalid JSON: EOF while parsing a list at line 4 column 0\n",
            file.display()
        )
    );
}

#[test]
fn a_newer_format_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // One past the version this app writes, whatever that is today.
    let newer = devops_maturity_store::exchange::FORMAT_VERSION + 1;
    let stderr = refused(dir.path(), |v| v["format_version"] = newer.into());
    assert!(
        stderr.contains(&format!("  $.format_version: version {newer} was written by a newer version of the app; this one reads version {}: update the app to import it\n", newer - 1)),
        "{stderr}"
    );
}

#[test]
fn an_unknown_reference_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), |v| {
        v["teams"] = serde_json::json!([]);
    });
    assert!(
        stderr.contains(
            "  $.assessments[0].team: no team with this UUID in the file or in the database\n"
        ),
        "{stderr}"
    );
}

#[test]
fn level_seven_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), |v| {
        answer(v, "courage-1")["answer"] = 7.into();
    });
    assert!(
        stderr.contains("  $.assessments[0].respondents[0].answers[\"courage-1\"].answer: 7 is not an answer: use a level from 1 to 5, \"dont-know\" or \"not-applicable\"\n"),
        "{stderr}"
    );
}

#[test]
fn oversized_evidence_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(dir.path(), |v| {
        answer(v, "courage-1")["evidence"] = "é".repeat(10_001).into();
    });
    assert!(
        stderr.contains("  $.assessments[0].respondents[0].answers[\"courage-1\"].evidence: can have at most 10000 characters; this has 10001\n"),
        "{stderr}"
    );
}

#[test]
fn a_conflict_is_listed_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_db(dir.path());
    let file = dir.path().join("all.json");
    ok(&source, &["export", "--out", file.to_str().unwrap()]);
    let target = dir.path().join("copy.db");
    ok(&target, &["import", file.to_str().unwrap()]);
    ok(&target, &["team", "rename", "Platform", "Platform Team"]);
    let before = export(&target, dir.path());
    let out = run(&target, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    // `updated_at` differs too unless the rename fell in the same second as the team's creation.
    assert!(
        stderr.contains("1 record(s) in the file differ from what is stored; nothing was imported, nothing was overwritten:\n")
            && stderr.contains(": the stored team \"Platform Team\" with this UUID differs (name"),
        "{stderr}"
    );
    assert_eq!(export(&target, dir.path()), before);
}

#[test]
fn csv_cells_are_quoted_and_never_run_as_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("csv.db");
    for team in [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1",
        "-2+3",
        "@SUM(A1:A9)",
        "Ops, \"Platform\"",
        "Plain team",
    ] {
        ok(
            &db,
            &[
                "assess",
                "record",
                &format!("--team={team}"),
                &answers("sample.json"),
            ],
        );
    }
    let file = dir.path().join("scores.csv");
    let printed = ok(&db, &["export", "--csv", "--out", file.to_str().unwrap()]);
    assert_eq!(
        printed,
        format!("wrote 108 score rows to {}\n", file.display())
    );
    let csv = std::fs::read_to_string(&file).unwrap();
    let firsts: Vec<&str> = csv
        .split("\r\n")
        .filter(|l| l.contains(",Courage,"))
        .collect();
    assert_eq!(
        firsts,
        [
            "\"'+1\",2026-11-20,Courage,3.00,3,4,1.00",
            "\"'-2+3\",2026-11-20,Courage,3.00,3,4,1.00",
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",2026-11-20,Courage,3.00,3,4,1.00",
            "\"'@SUM(A1:A9)\",2026-11-20,Courage,3.00,3,4,1.00",
            "\"Ops, \"\"Platform\"\"\",2026-11-20,Courage,3.00,3,4,1.00",
            "Plain team,2026-11-20,Courage,3.00,3,4,1.00",
        ],
        "{csv}"
    );
    assert!(
        csv.starts_with("team,date,dimension,score,level,target,gap\r\n"),
        "{csv}"
    );
}

#[test]
fn backup_and_restore_keep_the_replaced_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    ok(&db, &["team", "add", "Booking"]);
    let backup = dir.path().join("monday.sqlite");
    let printed = ok(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(
        printed,
        format!("backed up {} to {}\n", db.display(), backup.display())
    );
    ok(&db, &["team", "add", "Payments"]);

    let printed = ok(&db, &["restore", backup.to_str().unwrap()]);
    assert!(
        printed.starts_with(&format!(
            "restored {} into {}\nthe database it replaced is kept as {}.before-restore-",
            backup.display(),
            db.display(),
            db.display()
        )),
        "{printed}"
    );
    assert_eq!(
        ok(&db, &["team", "list"]),
        "1\tBooking\n",
        "Monday's data is back"
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(".before-restore-"))
        .unwrap();
    assert_eq!(
        ok(&kept, &["team", "list"]),
        "1\tBooking\n2\tPayments\n",
        "the replaced database is kept whole"
    );

    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, "no database here").unwrap();
    let before = ok(&db, &["team", "list"]);
    let out = run(&db, &["restore", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a DevOps Maturity Studio database (it is not a SQLite file); it was left untouched"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(ok(&db, &["team", "list"]), before, "nothing changed");
}

#[test]
fn a_refused_import_into_a_new_database_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo_db(dir.path());
    let file = dir.path().join("team.json");
    ok(
        &source,
        &[
            "export",
            "--team",
            "Platform",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    value["teams"] = serde_json::json!([]);
    std::fs::write(&file, serde_json::to_vec_pretty(&value).unwrap()).unwrap();

    let target = dir.path().join("new.db");
    let out = run(&target, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("no team with this UUID"),
        "{}",
        text(&out.stderr)
    );
    for name in ["new.db", "new.db-wal", "new.db-shm"] {
        assert!(!dir.path().join(name).exists(), "{name} was left behind");
    }
}

#[test]
fn a_team_name_another_office_used_is_mapped_or_renamed_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let lisbon = dir.path().join("lisbon.db");
    let porto = dir.path().join("porto.db");
    for db in [&lisbon, &porto] {
        ok(db, &["team", "add", "Platform"]);
        ok(
            db,
            &[
                "assess",
                "record",
                "--team",
                "Platform",
                &answers("sample.json"),
            ],
        );
    }
    let file = dir.path().join("porto.json");
    ok(&porto, &["export", "--out", file.to_str().unwrap()]);
    let before = export(&lisbon, dir.path());

    // Without a choice: the conflict, the way through, and nothing changed.
    let out = run(&lisbon, &["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("another team named \"Platform\" is already stored"),
        "{err}"
    );
    assert!(
        err.contains("hint: to import anyway, choose for each clashing name --map-team NAME"),
        "{err}"
    );
    assert_eq!(export(&lisbon, dir.path()), before, "nothing changed");

    // A choice that names nothing in the file is refused by name.
    let out = run(
        &lisbon,
        &["import", file.to_str().unwrap(), "--map-team", "Platfrom"],
    );
    assert!(
        text(&out.stderr).contains("team \"Platfrom\" (map): the file has no team of this name")
    );
    let out = run(
        &lisbon,
        &[
            "import",
            file.to_str().unwrap(),
            "--rename-team",
            "Platform",
        ],
    );
    assert!(
        text(&out.stderr).contains("is not OLD=NEW"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(export(&lisbon, dir.path()), before, "nothing changed");

    // Renamed: two teams, each with its assessment.
    let renamed = dir.path().join("renamed.db");
    std::fs::copy(&lisbon, &renamed).unwrap();
    ok(
        &renamed,
        &[
            "import",
            file.to_str().unwrap(),
            "--rename-team",
            "Platform=Platform (Porto)",
        ],
    );
    let teams = ok(&renamed, &["team", "list"]);
    assert!(teams.contains("Platform (Porto)"), "{teams}");

    // Mapped: one team with both assessments.
    ok(
        &lisbon,
        &["import", file.to_str().unwrap(), "--map-team", "platform"],
    );
    let teams = ok(&lisbon, &["team", "list"]);
    assert!(!teams.contains("Porto"), "{teams}");
    let history = ok(&lisbon, &["assess", "list", "--team", "Platform"]);
    assert_eq!(history.matches("completed").count(), 2, "{history}");
}
