//! `plan generate|show|focus`: a team's improvement plan from the command line (scripts, the
//! PDF tests). The rules are `devops_maturity_core::plan`'s (ranking with the DORA answers, the
//! focus and its backlog, why each action is there); this module picks the assessment, calls
//! the store and prints.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use chrono::Utc;
use clap::Subcommand;
use devops_maturity_content::AssessmentContent;
use devops_maturity_core::plan::{Decision, Horizon, Place};
use devops_maturity_core::recommendations::{helps_reach_line, reaches, Action, Reach};
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
    /// Set how many open actions each horizon of a plan holds (1–20; the rest wait in the
    /// backlog), or print the limit without a number
    Focus {
        /// Open actions per horizon
        #[arg(value_name = "N")]
        limit: Option<u8>,
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
                    let id = devops_maturity_report::assemble::latest_completed(&store, team.id)?
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
            let (plan, report) = store.propose_plan(
                row.id,
                &content.assessment.actions,
                &content.assessment.dora,
                if_exists,
                Utc::now(),
            )?;
            if regenerate {
                out!(
                    "plan of assessment {}: {} added, {} removed, {} kept because they were edited",
                    row.id,
                    report.added,
                    report.removed,
                    report.kept_edited
                );
            }
            print_summary(&store, &team, &row, &plan)?;
            print_cautions(&store, &row, &content.assessment.actions)?;
            Ok(ExitCode::SUCCESS)
        }
        PlanCommand::Focus { limit } => {
            let store = open_store(db)?;
            if let Some(limit) = limit {
                store.set_plan_focus(limit)?;
            }
            out!(
                "{} open actions per horizon; the rest of a plan waits in its backlog",
                store.plan_focus()?
            );
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
            let content = devops_maturity_content::load_embedded()
                .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?;
            if json {
                let focus = store.plan_focus()?;
                let value = serde_json::json!({
                    "team": team,
                    "assessment": row,
                    "plan": plan,
                    "focus": focus,
                    "places": plan.places(focus),
                    "reaches": reaches_of(&store, &row, &plan, &content.assessment.actions)?,
                });
                out!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                print_plan(&store, &content.assessment, &team, &row, &plan)?;
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
    row.dated_at().date_naive().to_string()
}

fn print_summary(
    store: &Store,
    team: &Team,
    row: &AssessmentRow,
    plan: &Plan,
) -> anyhow::Result<()> {
    let focus = store.plan_focus()?;
    let places = plan.places(focus);
    let count = |h: Horizon| {
        plan.items
            .iter()
            .zip(&places)
            .filter(|(i, p)| i.horizon == h && **p == Place::Focus)
            .count()
    };
    let backlog = places.iter().filter(|p| **p == Place::Backlog).count();
    let quick = plan.items.iter().filter(|i| i.quick_win).count();
    let open = Horizon::ALL
        .map(|h| format!("{} days: {}", h.days(), count(h)))
        .join(", ");
    out!(
        "plan of {} for assessment {} ({}): {} actions, {} quick wins — open now (at most {focus} per horizon): {open}; backlog: {backlog}",
        team.name,
        row.id,
        date(row),
        plan.items.len(),
        quick,
    );
    Ok(())
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

/// Per item of `plan`, in order: the questionnaire anchors its action helps reach, in the words
/// of the assessment's questionnaire (none for the team's own actions and merged-away ones).
fn reaches_of(
    store: &Store,
    row: &AssessmentRow,
    plan: &Plan,
    actions: &[Action],
) -> anyhow::Result<Vec<Vec<Reach>>> {
    let q = store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
    Ok(plan
        .items
        .iter()
        .map(|i| reaches(actions, i.action_id.as_deref(), &q))
        .collect())
}

fn print_plan(
    store: &Store,
    content: &AssessmentContent,
    team: &Team,
    row: &AssessmentRow,
    plan: &Plan,
) -> anyhow::Result<()> {
    let dora = &content.dora;
    let q = store.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
    let data = store.assessment_data(row.id)?;
    let score = devops_maturity_core::score(&q, &data.answers, &data.choices);
    let weight = |id: &str| {
        score
            .dimensions
            .iter()
            .find(|d| d.dimension_id == id)
            .map_or(1.0, |d| d.weight)
    };
    let weakest = store.weakest_dora(row.id, dora)?;
    let metric = |id: &str| {
        dora.metric(id)
            .map_or(id.to_string(), |m| m.name.to_lowercase())
    };
    let dimension = |id: &str| q.dimension(id).map_or(id.to_string(), |d| d.name.clone());
    print_summary(store, team, row, plan)?;
    let places = plan.places(store.plan_focus()?);
    let placed: Vec<_> = plan.items.iter().zip(places).collect();
    let sections = Horizon::ALL
        .into_iter()
        .map(|h| (format!("{} days", h.days()), Some(h)))
        .chain([("backlog (pulled in when a slot frees up)".to_string(), None)]);
    for (heading, horizon) in sections {
        let items: Vec<_> = placed
            .iter()
            .filter(|(i, p)| match horizon {
                Some(h) => i.horizon == h && *p != Place::Backlog,
                None => *p == Place::Backlog,
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        out!();
        out!("{heading}");
        for (i, _) in items {
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
            if horizon.is_none() {
                facts.push(format!("{} days", i.horizon.days()));
            }
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
            let why = i.why(weight(&i.dimension_id), &weakest).sentences(metric);
            out!("     why here: {}", why.join("; "));
            let reached = reaches(&content.actions, i.action_id.as_deref(), &q);
            if let Some(line) = helps_reach_line(&reached) {
                out!("     {line}");
            }
        }
    }
    Ok(())
}
