//! The `devops-maturity` binary's tests: one test binary (it links SQLite, the store and the
//! reports once), a module per command family. The helpers below run the binary and read what
//! it wrote; every module uses them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod cli;
mod data;
mod delete;
mod edges;
mod handout;
mod live;
mod package_files;
mod plan;
mod report;
mod safety;

/// The report crate's fixed database, which the report tests print.
#[path = "../../../devops-maturity-report/tests/it/fixture.rs"]
mod fixture;

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_devops-maturity");

/// The binary, with no database named by the environment: a developer's own
/// `DEVOPS_MATURITY_DB` never reaches a test.
fn cli() -> Command {
    let mut command = Command::new(BIN);
    command.env_remove("DEVOPS_MATURITY_DB");
    command
}

/// Runs `args` with `DEVOPS_MATURITY_DB` naming `db` (or no database named at all).
fn run_env(args: &[&str], db: Option<&Path>) -> Output {
    let mut command = cli();
    command.args(args);
    if let Some(db) = db {
        command.env("DEVOPS_MATURITY_DB", db);
    }
    command.output().expect("run devops-maturity")
}

/// Runs `args` with `DEVOPS_MATURITY_DB` naming `db`.
fn run(args: &[&str], db: &Path) -> Output {
    run_env(args, Some(db))
}

/// Runs `args` on `db`, named by `--db`.
fn run_on(db: &Path, args: &[&str]) -> Output {
    cli()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run devops-maturity")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// Insists that the run of `args` succeeded; returns its standard output.
fn succeeded(o: &Output, args: &[&str]) -> String {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{args:?} failed:\n{}{}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

/// Insists that a run ended with exit `code` and says `says` on standard error; returns
/// standard error.
fn failed(o: &Output, code: i32, says: &str) -> String {
    let error = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(code),
        "exit code {code} expected:\n{}{error}",
        stdout(o)
    );
    assert!(error.contains(says), "{says:?} expected in: {error}");
    error
}

/// Records the fixtures' answers file `file` for `team` (`assess record`, with `extra`
/// arguments) in `db`; insists on success and returns the new assessment's id.
fn record(db: &Path, team: &str, file: &str, extra: &[&str]) -> String {
    let file = answers(file);
    let mut args = vec!["assess", "record"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--team", team, &file]);
    succeeded(&run(&args, db), &args).trim().to_string()
}

/// The CLI's fixtures: tiny content folders and answers files.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The answers file `name` of the fixtures, as an argument.
fn answers(name: &str) -> String {
    fixtures().join("answers").join(name).display().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `path` with `suffix` added to its file name (`db` → `db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    name.into()
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs a PDF tool (qpdf, pdfinfo, pdftotext: scripts/deps.sh installs them); its output.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} ({e}): scripts/deps.sh installs it"));
    assert!(
        out.status.success(),
        "{name} {args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The words of a PDF as poppler reads them back, on one line.
fn pdf_words(path: &Path) -> String {
    tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
