//! `report`: a team's report or the leadership overview, as PDF (or HTML when the file name
//! ends in `.html`), written atomically: a failed export leaves nothing behind. A typed text
//! the PDF cannot show in full (no installed font has some of its characters) is named on
//! standard error; the report is still written and the exit code stays 0.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use devops_maturity_core::text::{self, Rule};
use devops_maturity_report::assemble::{self, Names, Sources};
use devops_maturity_report::{html, pdf, Paper};
use devops_maturity_store::settings;

use crate::{open_store, write_out};

#[derive(Args)]
pub(crate) struct ReportArgs {
    /// The team whose report to write (its latest completed assessment unless --assessment)
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "all_teams",
        conflicts_with = "all_teams"
    )]
    team: Option<String>,
    /// A completed assessment of that team (ids: `assess list --team NAME`)
    #[arg(long, value_name = "ID", requires = "team")]
    assessment: Option<i64>,
    /// The leadership overview: every team's latest assessment, a heatmap, a page per team
    #[arg(long)]
    all_teams: bool,
    /// With --all-teams: only the teams of this group (repeat for several groups)
    #[arg(long = "group", value_name = "NAME", conflicts_with = "team")]
    groups: Vec<String>,
    /// With --all-teams: the overview without a page per team
    #[arg(long, conflicts_with = "team")]
    summary: bool,
    /// With --all-teams: the order of the teams — name (natural: Team 2 before Team 10),
    /// level (lowest overall score first) or gap (largest weighted gap to target first)
    #[arg(long, value_enum, conflicts_with = "team")]
    sort: Option<SortArg>,
    /// Where to write the report, or - for standard output; a name ending in .html writes HTML
    /// instead of PDF
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Paper size (default: the one last chosen in the app, else A4)
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// Organisation name for the cover (default: the one saved in the app)
    #[arg(long, value_name = "NAME")]
    organisation: Option<String>,
    /// Name who gave which answer (hot-spots, appendix); by default the report shows how many
    /// people gave each answer, not who
    #[arg(long)]
    names: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Name,
    Level,
    Gap,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// HTML is shown by the reader's browser, with its fonts: nothing to report.
fn html_only(page: String) -> pdf::Pdf {
    pdf::Pdf {
        bytes: page.into_bytes(),
        unshown: Vec::new(),
    }
}

pub(crate) fn run(db: Option<&Path>, args: ReportArgs) -> anyhow::Result<ExitCode> {
    let content = devops_maturity_content::load_embedded()
        .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?
        .assessment;
    let organisation = args
        .organisation
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty());
    if let Some(o) = &organisation {
        text::check(
            "the organisation name (--organisation)",
            o,
            Rule::name(settings::MAX_ORGANISATION),
        )?;
    }
    let store = open_store(db)?;
    let paper = match args.paper {
        Some(PaperArg::A4) => Paper::A4,
        Some(PaperArg::Letter) => Paper::Letter,
        None => store
            .setting(settings::REPORT_PAPER)?
            .and_then(|p| Paper::parse(&p).ok())
            .unwrap_or_default(),
    };
    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: if args.names {
            Names::Shown
        } else {
            Names::Hidden
        },
    };
    let now = chrono::Utc::now();
    let html_out = is_html(&args.out);
    let (rendered, what) = match &args.team {
        Some(team) => {
            let id = assemble::resolve(&store, team, args.assessment)?;
            let mut report = assemble::team_report(&store, sources, id, now)?;
            if organisation.is_some() {
                report.organisation = organisation;
            }
            let rendered = if html_out {
                html_only(html::team_report(&report, paper))
            } else {
                pdf::team_report(&report, paper)?
            };
            (
                rendered,
                format!(
                    "the report of \"{}\" (assessment {id} of {})",
                    report.team, report.assessment_date
                ),
            )
        }
        None => {
            let options = assemble::LeadershipOptions {
                groups: args
                    .groups
                    .iter()
                    .map(|name| crate::groups::by_name(&store, name).map(|g| g.id))
                    .collect::<anyhow::Result<_>>()?,
                summary: args.summary,
                sort: match args.sort {
                    None | Some(SortArg::Name) => assemble::Sort::Name,
                    Some(SortArg::Level) => assemble::Sort::Level,
                    Some(SortArg::Gap) => assemble::Sort::Gap,
                },
            };
            let mut report = assemble::leadership_report(&store, sources, &options, now)?;
            if organisation.is_some() {
                report.organisation = organisation;
            }
            let rendered = if html_out {
                html_only(html::leadership_report(&report, paper))
            } else {
                pdf::leadership_report(&report, paper)?
            };
            (
                rendered,
                format!("the leadership overview of {} teams", report.teams.len()),
            )
        }
    };
    let bytes = rendered.bytes;
    write_out(store.path(), &args.out, &bytes)
        .with_context(|| format!("the report was not saved to {}", args.out.display()))?;
    said!(
        &args.out,
        "wrote {what} to {} ({}, {} KB)",
        args.out.display(),
        if html_out {
            "HTML"
        } else {
            match paper {
                Paper::A4 => "PDF, A4",
                Paper::Letter => "PDF, US Letter",
            }
        },
        bytes.len().div_ceil(1024)
    );
    for unshown in &rendered.unshown {
        eprintln!("warning: {unshown}");
    }
    Ok(ExitCode::SUCCESS)
}
