//! The command line at the edges of the file system: `--out` never lands on the database, its
//! companion files, its lock or its automatic backups (compared by identity), never replaces
//! a device, FIFO or symbolic link, and `-` is standard output; inputs are read up to a cap,
//! and `/dev/zero` or a FIFO is refused at once (each such run has a memory limit, so a
//! regression fails instead of eating the machine's memory); a read-only folder still reads.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{answers, copy_dir, run_on as run, succeeded, text, with_suffix, BIN};

fn ok(db: &Path, args: &[&str]) -> String {
    succeeded(&run(db, args), args)
}

/// Runs with at most `mib` MiB of address space and 60 seconds (`prlimit`, `timeout`).
fn run_limited(db: &Path, args: &[&str], mib: u64) -> (Output, Duration) {
    let started = Instant::now();
    let out = Command::new("timeout")
        .arg("60")
        .arg("prlimit")
        .arg(format!("--as={}", mib * 1024 * 1024))
        .arg("--")
        .arg(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DEVOPS_MATURITY_DB")
        .stdin(Stdio::null())
        .output()
        .expect("run devops-maturity under prlimit");
    (out, started.elapsed())
}

/// A database with one recorded assessment (so every report and export has something).
fn database(dir: &Path) -> PathBuf {
    let db = dir.join("studio.db");
    ok(
        &db,
        &[
            "assess",
            "record",
            "--team",
            "Booking",
            &answers("sample.json"),
        ],
    );
    db
}

fn export_json(db: &Path) -> String {
    ok(db, &["export", "--out", "-"])
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// Each command that writes a file, given `target` as its output.
fn writers(target: &str) -> Vec<Vec<String>> {
    [
        vec!["report", "--team", "Booking", "--out", target],
        vec!["report", "--all-teams", "--out", target],
        vec!["export", "--out", target],
        vec!["export", "--csv", "--out", target],
        vec!["backup", "--out", target],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(String::from).collect())
    .collect()
}

#[test]
fn no_command_writes_over_the_database_or_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let before = export_json(&db);
    std::fs::create_dir(dir.path().join("x")).unwrap();
    std::fs::hard_link(&db, dir.path().join("hard-link.db")).unwrap();
    std::os::unix::fs::symlink(&db, dir.path().join("soft-link.db")).unwrap();
    // An automatic backup (as the app takes them at start-up) and the app's lock file.
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let auto = backups.join("studio-20261123-100000.sqlite");
    ok(&db, &["backup", "--out", auto.to_str().unwrap()]);
    let auto_bytes = std::fs::read(&auto).unwrap();
    std::fs::write(with_suffix(&db, ".lock"), b"").unwrap();

    let targets = [
        (db.clone(), "it is the database in use"),
        (
            dir.path().join("x/../studio.db"),
            "it is the database in use",
        ),
        (dir.path().join("hard-link.db"), "it is the database in use"),
        (dir.path().join("soft-link.db"), "it is the database in use"),
        (
            with_suffix(&db, "-wal"),
            "it is the write-ahead log of the database in use",
        ),
        (
            dir.path().join("x/../studio.db-shm"),
            "it is the shared-memory file of the database in use",
        ),
        (
            with_suffix(&db, "-journal"),
            "it is the rollback journal of the database in use",
        ),
        (
            with_suffix(&db, ".lock"),
            "it is the lock file of the database in use",
        ),
        (
            auto.clone(),
            "it is one of the automatic backups of the database",
        ),
    ];
    for (target, reason) in &targets {
        for args in writers(target.to_str().unwrap()) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = run(&db, &args);
            assert_eq!(out.status.code(), Some(1), "{args:?} must be refused");
            let err = text(&out.stderr);
            assert!(
                err.contains(reason) && err.contains("nothing was written"),
                "{args:?}: {err}"
            );
        }
    }
    assert_eq!(export_json(&db), before, "the database is as it was");
    assert_eq!(std::fs::read(&auto).unwrap(), auto_bytes, "the backup too");
    for companion in ["-wal", "-shm", "-journal"] {
        assert!(
            !with_suffix(&db, companion).exists(),
            "no {companion} was left behind"
        );
    }
    assert!(std::fs::symlink_metadata(dir.path().join("soft-link.db"))
        .unwrap()
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_written_through_and_links_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    for args in writers("/dev/null") {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&db, &args);
        if args[0] == "backup" {
            assert_eq!(out.status.code(), Some(1), "a backup must be a file");
            assert!(
                text(&out.stderr).contains("a backup must be a file"),
                "{}",
                text(&out.stderr)
            );
        } else {
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        }
        let null = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(
            null.file_type().is_char_device(),
            "{args:?} replaced /dev/null"
        );
    }

    // A FIFO gets the bytes, and stays a FIFO.
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    ok(&db, &["export", "--out", fifo.to_str().unwrap()]);
    let received = reader.join().unwrap();
    assert!(received.starts_with(b"{"), "the export went through");
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // A symbolic link is never replaced by the file.
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(dir.path().join("elsewhere.json"), &link).unwrap();
    let out = run(&db, &["export", "--out", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("symbolic link"),
        "{}",
        text(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = run(&db, &["export", "--csv", "--out", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("team,date,dimension,score,level,target,gap\r\n"),
        "only the CSV is on standard output: {}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("score rows"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&db, &["report", "--team", "Booking", "--out", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.starts_with(b"%PDF-"), "the PDF itself");
    assert!(!dir.path().join("-").exists(), "no file named -");
    let out = run(&db, &["backup", "--out", "-"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn restore_from_a_hard_link_to_the_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let link = dir.path().join("backup-of-monday.sqlite");
    std::fs::hard_link(&db, &link).unwrap();
    let out = run(&db, &["restore", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "error: this file is the database in use; choose a backup to restore\n"
    );
}

/// `/dev/zero` and a FIFO with no writer: refused at once, within a memory limit that reading
/// either into memory would break.
#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let fifo = dir.path().join("in.fifo");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    for (args, what) in [
        (vec!["import", "/dev/zero"], "/dev/zero is a device"),
        (vec!["import", fifo], "is a FIFO (named pipe)"),
        (
            vec!["assess", "score", "/dev/zero"],
            "/dev/zero is a device",
        ),
        (vec!["assess", "score", fifo], "is a FIFO (named pipe)"),
        (
            vec!["assess", "record", "--team", "Booking", "/dev/zero"],
            "/dev/zero is a device",
        ),
    ] {
        let (out, took) = run_limited(&db, &args, 512);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains(what),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            took < Duration::from_secs(20),
            "{args:?} took {took:?}: refused promptly"
        );
    }
}

/// An export file with `size` bytes of empty team records.
fn flood(path: &Path, size: usize) {
    let mut json =
        String::from(r#"{"format":"devops-maturity-studio-export","format_version":1,"teams":["#);
    while json.len() < size {
        json.push_str("{},");
    }
    json.push_str("{}]}");
    std::fs::write(path, &json).unwrap();
}

/// 1 MB of empty records: over a million problems, of which the first 1,000 are listed and
/// the rest counted.
#[test]
fn a_flood_of_bad_records_lists_a_thousand_problems_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let file = dir.path().join("flood.json");
    flood(&file, 1_000_000);
    let (out, _) = run_limited(&db, &["import", file.to_str().unwrap()], 512);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let listed = err.lines().filter(|l| l.starts_with("  $.teams[")).count();
    assert_eq!(listed, 1_000, "the first thousand are listed");
    assert!(
        err.starts_with(&format!(
            "error: {}: the file cannot be imported (1333244 problem(s)); nothing was changed:\n",
            file.display()
        )),
        "{}",
        &err[..200]
    );
    assert!(
        err.ends_with("\n  …: and 1332244 more\n"),
        "{}",
        &err[err.len() - 200..]
    );
    assert!(!db.exists(), "a refused import creates no database");
}

/// 10 MB of empty records took 2.2 GB before; now the file is refused before its JSON tree
/// is built, within a memory limit far below that.
#[test]
fn ten_megabytes_of_empty_records_are_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let file = dir.path().join("flood.json");
    flood(&file, 10_000_000);
    let (out, _) = run_limited(&db, &["import", file.to_str().unwrap()], 512);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("$: the file holds too many records to import at once"),
        "{err}"
    );
    assert!(!db.exists(), "a refused import creates no database");
}

#[test]
fn a_file_larger_than_the_cap_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let file = dir.path().join("big.json");
    let f = std::fs::File::create(&file).unwrap();
    // Sparse: 65 MiB announced, nothing on disk.
    f.set_len(65 * 1024 * 1024).unwrap();
    let (out, _) = run_limited(&db, &["import", file.to_str().unwrap()], 768);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is larger than 67108864 bytes"),
        "{}",
        text(&out.stderr)
    );
    assert!(!db.exists());
}

#[test]
fn content_check_follows_no_folder_twice_and_quotes_odd_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid"),
        &course,
    );
    // Two loops back up the tree: without a guard, the walk branches at every level.
    std::os::unix::fs::symlink("..", course.join("course/up")).unwrap();
    std::os::unix::fs::symlink("../..", course.join("course/01-basics/top")).unwrap();
    let odd = course.join("course/01-basics/evil\nname.md");
    std::fs::write(&odd, "---\nid: evil\n---\n# Evil\n").unwrap();
    let fifo = course.join("course/01-basics/pipe.md");
    mkfifo(&fifo);
    let (out, took) = run_limited(
        Path::new("/nonexistent.db"),
        &["content", "check", course.to_str().unwrap()],
        512,
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
    let printed = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{printed}{}", text(&out.stderr));
    assert!(
        printed.contains("course/01-basics/evil\\nname.md\""),
        "the odd name is quoted and escaped: {printed}"
    );
    assert!(
        printed.lines().all(|l| !l.starts_with("name.md")),
        "no line starts inside a file name: {printed}"
    );
    assert!(
        printed.contains("pipe.md: not a regular file"),
        "the FIFO is named, not opened: {printed}"
    );
}

/// Runs the CLI so that `folder` cannot be written: as the user running the tests, or — for
/// root, whom permission bits do not stop — as `nobody` (`setpriv`), with a copy of the binary
/// that `nobody` may run.
#[cfg(unix)]
fn run_in_read_only_folder(folder: &Path, db: &Path, args: &[&str]) -> Output {
    use std::os::unix::fs::PermissionsExt;
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let mut command = if root {
        let bin_dir = folder.parent().unwrap().join("bin");
        let copy = bin_dir.join("devops-maturity");
        if !copy.exists() {
            std::fs::create_dir_all(&bin_dir).unwrap();
            std::fs::copy(BIN, &copy).unwrap();
            std::fs::set_permissions(&bin_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(copy);
        c
    } else {
        Command::new(BIN)
    };
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DEVOPS_MATURITY_DB")
        .current_dir("/")
        .output()
        .expect("run devops-maturity")
}

#[cfg(unix)]
#[test]
fn a_database_in_a_read_only_folder_can_be_read_and_says_why_it_cannot_be_written() {
    use std::os::unix::fs::PermissionsExt;
    let base = tempfile::tempdir().unwrap();
    std::fs::set_permissions(base.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = base.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let db = database(&folder);
    let before = export_json(&db);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();

    let listed = run_in_read_only_folder(&folder, &db, &["team", "list"]);
    let exported = run_in_read_only_folder(&folder, &db, &["export", "--out", "-"]);
    let checked = run_in_read_only_folder(&folder, &db, &["db", "check"]);
    let reported =
        run_in_read_only_folder(&folder, &db, &["report", "--team", "Booking", "--out", "-"]);
    let added = run_in_read_only_folder(&folder, &db, &["team", "add", "Payments"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    assert!(listed.status.success(), "{}", text(&listed.stderr));
    assert!(
        text(&listed.stdout).contains("\tBooking\n"),
        "{}",
        text(&listed.stdout)
    );
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    assert_eq!(text(&exported.stdout), before, "the same export as before");
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("integrity: ok"));
    assert!(reported.status.success(), "{}", text(&reported.stderr));
    assert!(reported.stdout.starts_with(b"%PDF-"));
    assert_eq!(added.status.code(), Some(1));
    assert_eq!(
        text(&added.stderr),
        format!(
            "error: the folder {} is read-only, so the database {} can only be read; nothing was changed\n",
            folder.display(),
            db.display()
        )
    );
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["studio.db"], "nothing was created beside it");
}
