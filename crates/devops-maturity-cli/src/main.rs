//! `devops-maturity`: the same core as the desktop app, for scripts and CI.
//!
//! Glue only: parse arguments, call one library function, print. Exit codes: 0 success,
//! 1 a problem with the input or the data (the message says which), 2 bad usage (clap).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use devops_maturity_store::trash::Target;

/// Writes a line to stdout. When the reader has gone (`devops-maturity … | head`), the program
/// ends quietly with success instead of panicking like `println!`; another write error ends it
/// with a message and exit code 1.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("error: cannot write the output: {e}");
            std::process::exit(1);
        }
    }};
}

/// Says what a command wrote: on standard output, or on standard error when the file itself
/// went to standard output.
macro_rules! said {
    ($out:expr, $($arg:tt)*) => {{
        if $crate::is_stdout($out) {
            eprintln!($($arg)*);
        } else {
            out!($($arg)*);
        }
    }};
}

mod assess;
mod data;
mod delete;
mod groups;
mod handout;
mod live;
mod package_files;
mod plan;
mod report;

#[derive(Parser)]
#[command(name = "devops-maturity", version, about = "DevOps Maturity Studio from the command line", long_about = None)]
struct Cli {
    /// Database file to use (default: $DEVOPS_MATURITY_DB, else the platform's app-data folder)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Course and questionnaire content
    #[command(subcommand)]
    Content(ContentCommand),
    /// The database
    #[command(subcommand)]
    Db(DbCommand),
    /// Teams
    #[command(subcommand)]
    Team(TeamCommand),
    /// Groups of teams (business units, value streams …: `group word` names them)
    #[command(subcommand)]
    Group(groups::GroupCommand),
    /// Maturity assessments: score an answers file, record it, list a team's history, delete one
    #[command(subcommand, alias = "assessment")]
    Assess(AssessCommand),
    /// Create a fictional organisation with several teams and a year of assessments
    /// (`demo remove` takes it out again)
    Demo {
        #[command(subcommand)]
        command: Option<DemoCommand>,
    },
    /// Workshops: list them, delete one
    #[command(subcommand)]
    Workshop(delete::WorkshopCommand),
    /// What was deleted: list it, restore it (kept 30 days)
    #[command(subcommand)]
    Trash(delete::TrashCommand),
    /// Export everything (or one team) to a JSON file, or the scores to CSV with --csv
    Export(data::ExportArgs),
    /// Import an export file: adds what is new, skips what is already there, refuses conflicts
    /// (a team or group whose name another stored one has: choose --map-… or --rename-…)
    Import(data::ImportArgs),
    /// Copy the database to a file while it is in use (SQLite's online backup)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup; the current database is kept as a dated copy
    Restore {
        /// A backup written by `backup` or an automatic one from the `backups` folder
        file: PathBuf,
    },
    /// Improvement plans: generate one from an assessment, show it
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Write a team's report (--team NAME) or the leadership overview (--all-teams) as PDF
    Report(report::ReportArgs),
    /// Write a printable handout as PDF: the EJ Airways fact sheet or role cards, an activity's
    /// worksheet, the facilitator's run-sheet, a module's summary (`handout --list` names them)
    Handout(handout::HandoutArgs),
    /// Run a workshop's live session: participants join from their phones on this network
    Live(live::LiveArgs),
    /// Write the man pages and bash/zsh/fish completions generated from this command's definition
    /// (for packaging; see scripts/package-deb)
    #[command(hide = true)]
    PackageFiles {
        /// Folder that receives man1/ and completions/
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum AssessCommand {
    /// Score an answers file (format in README) and print a table, or JSON with --json
    Score {
        file: PathBuf,
        /// Print the full result as JSON
        #[arg(long)]
        json: bool,
        /// The file answers the quick scan (one or two questions per dimension)
        #[arg(long)]
        quick: bool,
    },
    /// Store an answers file as a completed assessment of a team (created if needed); prints its id
    Record {
        #[arg(long)]
        team: String,
        file: PathBuf,
        /// The file answers the quick scan; the assessment is stored as one
        #[arg(long)]
        quick: bool,
    },
    /// List a team's assessments with date and overall level
    List {
        #[arg(long)]
        team: String,
    },
    /// Delete an assessment with its answers and plan (undo: `trash restore`)
    Delete {
        /// The assessment's id (see `assess list`)
        id: i64,
        /// Required to delete a completed assessment, which is otherwise frozen
        #[arg(long)]
        completed: bool,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Remove the demo organisation: its teams and everything that goes with them, in one step
    Remove,
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Validate a content folder; lists every problem as file:line: message
    Check {
        /// The content folder (default: ./content)
        #[arg(default_value = "content")]
        dir: PathBuf,
    },
    /// List the slides of one module (or of every module) as presenter mode shows them
    Slides {
        /// A module id, e.g. `itsm-lifecycle` (default: every module)
        module: Option<String>,
        /// Read this content folder instead of the course built into the program
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum DbCommand {
    /// Print where the database lives
    Path,
    /// Run SQLite's integrity check and report the schema version (never changes the file)
    Check,
}

#[derive(Subcommand)]
enum TeamCommand {
    /// List the teams
    List,
    /// Create a team
    Add { name: String },
    /// Rename a team
    Rename { old: String, new: String },
    /// Delete a team with its assessments, plans and places at workshops (undo: `trash restore`)
    Delete {
        name: String,
        /// Also delete the team's completed assessments (they are frozen otherwise)
        #[arg(long)]
        completed: bool,
    },
    /// Add many teams, with their groups, from a CSV file (columns `team` and optionally
    /// `group`): all of it or nothing; bad rows are listed with their line numbers
    Import { file: PathBuf },
    /// Put a team in a group (--group NAME) or in none (--no-group)
    Move {
        team: String,
        /// The group's name
        #[arg(long, value_name = "NAME", required_unless_present = "no_group")]
        group: Option<String>,
        /// Take the team out of its group
        #[arg(long, conflicts_with = "group")]
        no_group: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db.clone();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", name_busy_database(&e, db.as_deref()));
            ExitCode::from(1)
        }
    }
}

/// SQLite's "busy", "read-only" and "disk full" name no file: say which database it was.
fn name_busy_database(e: &anyhow::Error, db: Option<&Path>) -> String {
    use devops_maturity_store::StoreError;
    let mut message = format!("{e:#}");
    let Ok(path) = devops_maturity_store::resolve_db_path(db) else {
        return message;
    };
    for c in e.chain() {
        if let Some(err) = c.downcast_ref::<StoreError>().filter(|e| e.names_no_file()) {
            let unnamed = err.to_string();
            let named = match err {
                StoreError::Busy => StoreError::Busy.at(&path),
                StoreError::ReadOnlyDatabase => StoreError::ReadOnlyDatabase.at(&path),
                _ => StoreError::Full.at(&path),
            };
            message = message.replace(&unnamed, &named.to_string());
        }
    }
    message
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Content(ContentCommand::Check { dir }) => Ok(content_check(&dir)),
        Command::Content(ContentCommand::Slides { module, dir }) => {
            content_slides(module.as_deref(), dir.as_deref())
        }
        Command::Db(DbCommand::Path) => {
            out!(
                "{}",
                devops_maturity_store::resolve_db_path(cli.db.as_deref())?.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Db(DbCommand::Check) => db_check(cli.db.as_deref()),
        Command::Team(TeamCommand::Import { file }) => {
            groups::import_teams(cli.db.as_deref(), &file)
        }
        Command::Team(command) => team(cli.db.as_deref(), command),
        Command::Group(command) => groups::run(cli.db.as_deref(), command),
        Command::Assess(command) => assess::run(cli.db.as_deref(), command),
        Command::Demo { command: None } => assess::demo(cli.db.as_deref()),
        Command::Demo {
            command: Some(DemoCommand::Remove),
        } => delete::delete(&mut open_store(cli.db.as_deref())?, Target::Demo, true),
        Command::Workshop(command) => delete::workshop(cli.db.as_deref(), command),
        Command::Trash(command) => delete::trash(cli.db.as_deref(), command),
        Command::Export(args) => data::export(cli.db.as_deref(), args),
        Command::Import(args) => data::import(cli.db.as_deref(), args),
        Command::Backup { out } => data::backup(cli.db.as_deref(), &out),
        Command::Restore { file } => data::restore(cli.db.as_deref(), &file),
        Command::Plan(command) => plan::run(cli.db.as_deref(), command),
        Command::Report(args) => report::run(cli.db.as_deref(), args),
        Command::Handout(args) => handout::run(cli.db.as_deref(), args),
        Command::Live(args) => live::run(cli.db.as_deref(), args),
        Command::PackageFiles { out } => package_files::write(&out),
    }
}

/// Prints the slides, module by module and chapter by chapter, with each slide's section: the
/// facilitator's outline of what the projector will show.
fn content_slides(module: Option<&str>, dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let content = match dir {
        Some(dir) => devops_maturity_content::load_dir(dir)
            .map_err(|p| anyhow::anyhow!("{} has problems:\n{p}", dir.display()))?,
        None => devops_maturity_content::load_embedded()
            .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?,
    };
    let modules: Vec<_> = content
        .course
        .modules
        .iter()
        .enumerate()
        .filter(|(_, m)| module.is_none_or(|id| m.id == id))
        .collect();
    if let (Some(id), true) = (module, modules.is_empty()) {
        let known: Vec<&str> = content
            .course
            .modules
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        anyhow::bail!("no module `{id}`; the modules are {}", known.join(", "));
    }
    for (number, m) in modules {
        let count: usize = m.chapters.iter().map(|c| c.slides.len()).sum();
        out!("{:02} {} ({} slides)", number + 1, m.title, count);
        for chapter in &m.chapters {
            out!("  {}", chapter.title);
            for (n, slide) in chapter.slides.iter().enumerate() {
                out!(
                    "    {}. {}  [{}#{}]",
                    n + 1,
                    slide.title,
                    chapter.id,
                    slide.anchor
                );
                for point in &slide.points_source {
                    out!("       - {point}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn content_check(dir: &Path) -> ExitCode {
    match devops_maturity_content::load_dir(dir) {
        Ok(content) => {
            let course = &content.course;
            let chapters = course.chapters().count();
            let questions: usize = course
                .modules
                .iter()
                .filter_map(|m| m.quiz.as_ref())
                .map(|q| q.questions.len())
                .sum();
            let slides: usize = course.chapters().map(|(_, c)| c.slides.len()).sum();
            let with_slides = course
                .modules
                .iter()
                .filter(|m| m.chapters.iter().any(|c| !c.slides.is_empty()))
                .count();
            let assessment = &content.assessment;
            out!(
                "{}: ok — {} modules, {} chapters, {} slides (in {} modules), {} knowledge-check questions, {} glossary terms, {} agenda blocks; \
                 questionnaire {} {}: {} dimensions, {} questions, {} actions, answer key for {} questions",
                dir.display(),
                course.modules.len(),
                chapters,
                slides,
                with_slides,
                questions,
                content.glossary.terms.len(),
                content.agenda.blocks.len(),
                assessment.questionnaire.id,
                assessment.questionnaire.version,
                assessment.questionnaire.dimensions.len(),
                assessment.questionnaire.questions.len(),
                assessment.actions.len(),
                assessment.key.len(),
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems.0 {
                out!("{}", located(dir, problem));
            }
            eprintln!("{} problem(s) found in {}", problems.0.len(), dir.display());
            ExitCode::from(1)
        }
    }
}

/// A problem with its file shown under the checked folder, so editors can jump to it.
fn located(dir: &Path, problem: &devops_maturity_content::Problem) -> String {
    let file = if Path::new(&problem.file).is_absolute() {
        PathBuf::from(&problem.file)
    } else {
        dir.join(&problem.file)
    };
    let mut p = problem.clone();
    p.file = file.display().to_string();
    p.to_string()
}

fn db_check(db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let path = devops_maturity_store::resolve_db_path(db)?;
    let report = devops_maturity_store::inspect(&path)?;
    out!("database: {}", report.path.display());
    out!(
        "schema version: {} (this version of the app writes {})",
        report.schema_version,
        report.latest_version
    );
    out!("integrity: {}", report.integrity.join("; "));
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `--out -`: the file goes to standard output, and what the command says goes to standard
/// error.
pub(crate) fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

/// Writes what a command produced to `--out`: standard output for `-`, else through the
/// report crate's `write_output` (the store's guard first: never the database `db`, its
/// companion files, its lock or its automatic backups; a device or FIFO is written through,
/// a symbolic link refused; a file is replaced atomically).
pub(crate) fn write_out(db: &Path, out: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if is_stdout(out) {
        use std::io::Write as _;
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
            other => other.context("cannot write to standard output"),
        };
    }
    devops_maturity_report::write_output(db, out, bytes)?;
    Ok(())
}

pub(crate) fn open_store(db: Option<&Path>) -> anyhow::Result<devops_maturity_store::Store> {
    let path = devops_maturity_store::resolve_db_path(db)?;
    devops_maturity_store::Store::open(&path)
        .with_context(|| format!("cannot open the database {}", path.display()))
}

fn team(db: Option<&Path>, command: TeamCommand) -> anyhow::Result<ExitCode> {
    let mut store = open_store(db)?;
    match command {
        TeamCommand::List => {
            let groups: std::collections::HashMap<i64, String> = store
                .groups()?
                .into_iter()
                .map(|g| (g.id, g.name))
                .collect();
            for team in store.teams()? {
                // A third column, the group, for a team that has one.
                match team.group_id.and_then(|id| groups.get(&id)) {
                    Some(group) => out!("{}\t{}\t{}", team.id, team.name, group),
                    None => out!("{}\t{}", team.id, team.name),
                }
            }
            for clash in store.name_clashes()? {
                eprintln!("note: {clash}");
            }
        }
        TeamCommand::Add { name } => {
            let team = store.create_team(&name, chrono::Utc::now())?;
            out!("{}", team.id);
        }
        TeamCommand::Rename { old, new } => {
            let team = store
                .team_by_name(&old)?
                .with_context(|| format!("no team named \"{old}\""))?;
            store.rename_team(team.id, &new, chrono::Utc::now())?;
        }
        TeamCommand::Delete { name, completed } => {
            let team = store
                .team_by_name(&name)?
                .with_context(|| format!("no team named \"{name}\""))?;
            return delete::delete(&mut store, Target::Team { id: team.id }, completed);
        }
        TeamCommand::Import { file } => {
            return groups::import_teams(db, &file);
        }
        TeamCommand::Move { team, group, .. } => {
            groups::move_team(&mut store, &team, group.as_deref())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
