//! `plan generate|show`: a team's improvement plan from the command line (scripts, the PDF
//! tests). The rules are `devops_maturity_core::plan`'s; this module picks the assessment,
//! calls the store and prints.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use chrono::Utc;
use clap::Subcommand;
use devops_maturity_core::plan::{Decision, Horizon};
use devops_maturity_store::assessments::AssessmentRow;
use devops_maturity_store::plans::IfExists;
use devops_maturity_store::{Plan, Store, Team};

use crate::open_store;

#[derive(Subcommand)]
pub(crate) enum PlanCommand {
    /// Generate the improvement plan of a team's assessment (default: its latest completed one)
    Generate {
        #[arg(long)]
        team: String,
        /// The assessment's id (see `assess list`)
        #[arg(long, value_name = "ID")]
        assessment: Option<i64>,
        /// Bring an existing plan up to date after targets changed; the team's edits are kept
        #[arg(long)]
        regenerate: bool,
    },
    /// Print a team's plan (default: of its latest assessment that has one), or JSON with --json
    Show {
        #[arg(long)]
        team: String,
        #[arg(long, value_name = "ID")]
        assessment: Option<i64>,
        /// Print the plan as JSON
        #[arg(long)]
        json: bool,
    },
}

pub(crate) fn run(db: Option<&Path>, command: PlanCommand) -> anyhow::Result<ExitCode> {
    match command {
        PlanCommand::Generate {
            team,
            assessment,
            regenerate,
        } => {
            let content = devops_maturity_content::load_embedded()
                .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?;
            let mut store = open_store(db)?;
            let team = find_team(&store, &team)?;
            let row = match assessment {
                Some(id) => assessment_of(&store, &team, id)?,
                None => {
                    let id = devops_maturity_report::build::latest_completed(&store, team.id)?
                        .with_context(|| {
                            format!("team \"{}\" has no completed assessment", team.name)
                        })?;
                    store.assessment(id)?
                }
            };
            let if_exists = if regenerate {
                IfExists::Regenerate
            } else {
                IfExists::Refuse
            };
            let (plan, report) =
                store.propose_plan(row.id, &content.assessment.actions, if_exists, Utc::now())?;
            if regenerate {
                out!(
                    "plan of assessment {}: {} added, {} removed, {} kept because they were edited",
                    row.id,
                    report.added,
                    report.removed,
                    report.kept_edited
                );
            }
            print_summary(&team, &row, &plan);
            print_cautions(&store, &row, &content.assessment.actions)?;
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Show {
            team,
            assessment,
            json,
        } => {
            let store = open_store(db)?;
            let team = find_team(&store, &team)?;
            let (row, plan) = match assessment {
                Some(id) => {
                    let row = assessment_of(&store, &team, id)?;
                    let plan = store.plan_of(id)?.with_context(|| {
                        format!(
                            "assessment {id} has no improvement plan yet; run `devops-maturity plan generate --team \"{}\" --assessment {id}`",
                            team.name
                        )
                    })?;
                    (row, plan)
                }
                None => latest_plan(&store, &team)?,
            };
            if json {
                let value = serde_json::json!({ "team": team, "assessment": row, "plan": plan });
                out!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                print_plan(&store, &team, &row, &plan)?;
                let content = devops_maturity_content::load_embedded()
                    .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?;
                print_cautions(&store, &row, &content.assessment.actions)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn find_team(store: &Store, name: &str) -> anyhow::Result<Team> {
    match store.team_by_name(name)? {
        Some(t) => Ok(t),
        None => bail!("no team named \"{name}\""),
    }
}

fn assessment_of(store: &Store, team: &Team, id: i64) -> anyhow::Result<AssessmentRow> {
    let row = store.assessment(id)?;
    if row.team_id != team.id {
        bail!(
            "assessment {id} is not an assessment of team \"{}\"",
            team.name
        );
    }
    Ok(row)
}

fn latest_plan(store: &Store, team: &Team) -> anyhow::Result<(AssessmentRow, Plan)> {
    for row in store.assessments_of(team.id)?.into_iter().rev() {
        if let Some(plan) = store.plan_of(row.id)? {
            return Ok((row, plan));
        }
    }
    bail!(
        "team \"{}\" has no improvement plan yet; run `devops-maturity plan generate --team \"{}\"`",
        team.name,
        team.name
    )
}

fn date(row: &AssessmentRow) -> String {
    crate::day_of(row.completed_at.as_deref().unwrap_or(&row.started_at))
}

fn print_summary(team: &Team, row: &AssessmentRow, plan: &Plan) {
    let count = |h: Horizon| plan.items.iter().filter(|i| i.horizon == h).count();
    let quick = plan.items.iter().filter(|i| i.quick_win).count();
    out!(
        "plan of {} for assessment {} ({}): {} actions, {} quick wins — 30 days: {}, 60 days: {}, 90 days: {}",
        team.name,
        row.id,
        date(row),
        plan.items.len(),
        quick,
        count(Horizon::Days30),
        count(Horizon::Days60),
        count(Horizon::Days90)
    );
}

/// What the plan rests on: a warning for a plan from one person's answers, and each dimension
/// that got no action with the reason.
fn print_cautions(
    store: &Store,
    row: &AssessmentRow,
    actions: &[devops_maturity_core::recommendations::Action],
) -> anyhow::Result<()> {
    let people = store.assessment_data(row.id)?.respondents.len();
    if people == 1 {
        out!("warning: this plan rests on one person's answers; a team plan needs the team's view, so check it with the others before committing to it");
    }
    let left_out = store.not_planned(row.id, actions)?;
    if !left_out.is_empty() {
        out!();
        out!("no actions for:");
        for n in left_out {
            out!("  {}: {}", n.name, n.label);
        }
    }
    Ok(())
}

fn print_plan(store: &Store, team: &Team, row: &AssessmentRow, plan: &Plan) -> anyhow::Result<()> {
    let q = store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
    let dimension = |id: &str| q.dimension(id).map_or(id.to_string(), |d| d.name.clone());
    print_summary(team, row, plan);
    for h in Horizon::ALL {
        let items: Vec<_> = plan.items.iter().filter(|i| i.horizon == h).collect();
        if items.is_empty() {
            continue;
        }
        out!();
        out!("{} days", h.days());
        for i in items {
            let mut marks = Vec::new();
            if i.quick_win {
                marks.push("quick win".to_string());
            }
            if i.is_custom() {
                marks.push("own action".to_string());
            }
            let marks = if marks.is_empty() {
                String::new()
            } else {
                format!(" [{}]", marks.join(", "))
            };
            out!("{:>3}. {}{}", i.position, i.title, marks);
            let mut facts = vec![
                dimension(&i.dimension_id),
                format!("effort {}", i.effort.code()),
                i.decision.code().to_string(),
                i.status.label().to_string(),
            ];
            if let Some(o) = &i.owner {
                facts.push(format!("owner {o}"));
            }
            if let Some(d) = &i.due {
                facts.push(format!("due {d}"));
            }
            if i.decision == Decision::Rejected {
                facts.push("not part of the work".into());
            }
            out!("     {}", facts.join(" · "));
        }
    }
    Ok(())
}
