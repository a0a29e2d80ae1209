//! `handout`: a printable handout of the built-in course (the EJ Airways fact sheet and role
//! cards, an activity's worksheet, the facilitator's run-sheet, a module's summary) as PDF,
//! through the same output guard as every written file (`--out -` for standard output).
//! `handout --list` prints the names. The run-sheet and the worksheets follow the day as the
//! app's Agenda page set it up (read from the database when there is one). Text the fonts cannot show is named on standard error;
//! the handout is still written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use devops_maturity_report::{handout, pdf, Paper};

use crate::{open_store, write_out};
use devops_maturity_content::AgendaEdits;

#[derive(Args)]
pub(crate) struct HandoutArgs {
    /// The handout to write (names: `handout --list`)
    #[arg(value_name = "NAME", required_unless_present = "list")]
    name: Option<String>,
    /// List the handouts: name, then title
    #[arg(long, conflicts_with_all = ["name", "out"])]
    list: bool,
    /// Where to write the PDF, or - for standard output
    #[arg(long, value_name = "FILE", required_unless_present = "list")]
    out: Option<PathBuf>,
    /// Paper size
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

pub(crate) fn run(db: Option<&Path>, args: HandoutArgs) -> anyhow::Result<ExitCode> {
    let content = devops_maturity_content::load_embedded()
        .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?;
    if args.list {
        for entry in handout::list(&content) {
            out!("{}\t{}", entry.name, entry.title);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(name), Some(out)) = (args.name, args.out) else {
        anyhow::bail!("name a handout and --out FILE (the names: `handout --list`)");
    };
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    // The run-sheet and the worksheets follow the day as the app's Agenda page set it up, read
    // from the database when there is one; a handout never creates one (the output guard needs
    // only its path), and a database that cannot be read leaves the authored day.
    let db = devops_maturity_store::resolve_db_path(db)?;
    let wanted = name.trim().to_ascii_lowercase();
    let uses_day = wanted == "run-sheet" || wanted.starts_with("worksheet-");
    let edits = if uses_day && db.exists() {
        let stored = open_store(Some(&db))
            .and_then(|store| Ok(devops_maturity_views::workshop::stored_edits(&store)?));
        stored.unwrap_or_else(|e| {
            eprintln!("warning: {e:#}; the handout shows the day from agenda.toml");
            AgendaEdits::default()
        })
    } else {
        AgendaEdits::default()
    };
    let built = handout::build(&content, &name, &edits)?;
    let rendered = pdf::handout(&built, paper)?;
    write_out(&db, &out, &rendered.bytes)
        .with_context(|| format!("the handout was not saved to {}", out.display()))?;
    said!(
        &out,
        "wrote the handout \"{}\" to {} (PDF, {}, {} KB)",
        built.title,
        out.display(),
        match paper {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        },
        rendered.bytes.len().div_ceil(1024)
    );
    for unshown in &rendered.unshown {
        eprintln!("warning: {unshown}");
    }
    Ok(ExitCode::SUCCESS)
}
