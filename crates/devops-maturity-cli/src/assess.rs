//! `assess score|record|list` and `demo`: answers files in, scores and stored assessments out.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use chrono::{TimeZone, Utc};
use devops_maturity_content::AssessmentContent;
use devops_maturity_core::answers_file::{parse_answers, AnswersFile, MAX_FILE_BYTES};
use devops_maturity_core::dora::{classify, verdict, Classification};
use devops_maturity_core::scoring::{score, AssessmentScore};
use devops_maturity_store::assessments::NewAssessment;
use devops_maturity_store::files::read_bounded;

use crate::{open_store, AssessCommand};

fn content() -> anyhow::Result<AssessmentContent> {
    let content = devops_maturity_content::load_embedded()
        .map_err(|p| anyhow::anyhow!("the built-in content has problems:\n{p}"))?;
    Ok(content.assessment)
}

/// The assessment content with the quick scan in place of the full questionnaire when `quick`,
/// so reading, scoring and storing all use the short form.
fn content_for(quick: bool) -> anyhow::Result<AssessmentContent> {
    let mut content = content()?;
    if quick {
        content.questionnaire = content
            .questionnaire
            .quick_scan()
            .context("the built-in questionnaire has no quick scan")?;
    }
    Ok(content)
}

/// Reads and checks an answers file; every problem is listed, nothing is partial.
fn read_answers(path: &Path, content: &AssessmentContent) -> anyhow::Result<AnswersFile> {
    let bytes = read_bounded(path, MAX_FILE_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))?;
    parse_answers(&text, &content.questionnaire, &content.dora).map_err(|errors| {
        let list: Vec<String> = errors
            .iter()
            .map(|e| format!("  {}: {e}", path.display()))
            .collect();
        anyhow::anyhow!(
            "{} problem(s) in the answers file:\n{}",
            errors.len(),
            list.join("\n")
        )
    })
}

/// The DORA comparison as text: the per-key table first, then each group, then the overall
/// placement (a tie named as a tie), the mixed-profile flag and the distances.
fn print_dora(c: &Classification) {
    out!("DORA keys against the clusters of {}:", c.year);
    for row in &c.rows {
        let nearest = verdict(&row.nearest).unwrap_or_else(|| "—".into());
        out!(
            "  {:<34} {:<48} nearest: {nearest}",
            row.metric,
            row.team.as_deref().unwrap_or("don't know")
        );
    }
    for g in &c.groups {
        match &g.verdict {
            Some(v) => out!("{}: {v} ({} of the keys)", g.name, g.answered),
            None => out!("{}: no key answered", g.name),
        }
    }
    match &c.verdict {
        Some(v) if c.nearest.len() > 1 => out!(
            "Overall: an exact tie, {v} (rests on {} of {} keys)",
            c.answered,
            c.metrics
        ),
        Some(v) => out!(
            "Overall: nearest cluster {v} (rests on {} of {} keys)",
            c.answered,
            c.metrics
        ),
        None => out!(
            "Overall: too few keys answered to compare with the clusters (rests on {} of {} keys)",
            c.answered,
            c.metrics
        ),
    }
    if let Some(m) = &c.mixed {
        out!("{}", m.message);
    }
    if !c.distances.is_empty() {
        let d: Vec<String> = c
            .distances
            .iter()
            .map(|d| format!("{} {:.2}", d.cluster, d.mean))
            .collect();
        out!(
            "Mean distance (0 = same, 1 = opposite ends): {}",
            d.join(" · ")
        );
    }
}

pub(crate) fn run(db: Option<&Path>, command: AssessCommand) -> anyhow::Result<ExitCode> {
    match command {
        AssessCommand::Score { file, json, quick } => {
            let content = content_for(quick)?;
            let answers = read_answers(&file, &content)?;
            let result = score(
                &content.questionnaire,
                &answers.respondents,
                &answers.choices,
            );
            let dora = classify(&content.dora, answers.dora_year, &answers.dora);
            if json {
                let q = &content.questionnaire;
                let out = serde_json::json!({ "questionnaire": { "id": q.id, "version": q.version, "quick_scan": q.quick_scan }, "score": result, "dora": dora });
                out!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                print_table(&content, &result);
                if let Some(c) = dora {
                    out!();
                    print_dora(&c);
                    out!("Note: {}", c.note);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        AssessCommand::Record { team, file, quick } => {
            let content = content_for(quick)?;
            let answers = read_answers(&file, &content)?;
            let mut store = open_store(db)?;
            let now = Utc::now();
            let completed = match answers.date {
                Some(date) => {
                    Utc.from_utc_datetime(&date.and_hms_opt(12, 0, 0).context("noon exists")?)
                }
                None => now,
            };
            let row = store.in_transaction(|store| {
                let team = match store.team_by_name(&team)? {
                    Some(t) => t,
                    None => store.create_team(&team, now)?,
                };
                store.record_assessment(&NewAssessment {
                    team_id: team.id,
                    questionnaire: &content.questionnaire,
                    respondents: &answers.respondents,
                    choices: &answers.choices,
                    dora_year: answers.dora_year,
                    dora: &answers.dora,
                    facilitator: answers.facilitator.as_deref(),
                    started_at: completed,
                    completed_at: completed,
                })
            })?;
            out!("{}", row.id);
            Ok(ExitCode::SUCCESS)
        }
        AssessCommand::Delete { id, completed } => crate::delete::delete(
            &mut open_store(db)?,
            devops_maturity_store::trash::Target::Assessment { id },
            completed,
        ),
        AssessCommand::List { team } => {
            let store = open_store(db)?;
            let Some(team) = store.team_by_name(&team)? else {
                bail!("no team named \"{team}\"")
            };
            out!(
                "{:>5}  {:<10}  {:<11}  {:>7}  {:<12}  questionnaire",
                "id",
                "date",
                "status",
                "overall",
                "level"
            );
            for row in store.assessments_of(team.id)? {
                let data = store.assessment_data(row.id)?;
                let q = store
                    .questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
                let s = score(&q, &data.answers, &data.choices);
                let date = row.dated_at().date_naive().to_string();
                let (overall, level) = match (s.overall, s.overall_level) {
                    (Some(o), Some(l)) => (format!("{o:.2}"), format!("{l} {}", q.level_name(l))),
                    _ => ("—".into(), "not enough answers".into()),
                };
                out!(
                    "{:>5}  {:<10}  {:<11}  {:>7}  {:<12}  {} {}{}",
                    row.id,
                    date,
                    row.status.code(),
                    overall,
                    level,
                    q.id,
                    q.version,
                    if q.quick_scan { " (quick scan)" } else { "" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_table(content: &AssessmentContent, s: &AssessmentScore<'_>) {
    let q = &content.questionnaire;
    out!(
        "{} {} — {}, {} questions — {} respondent(s)",
        q.id,
        q.version,
        q.form_label(),
        q.questions.len(),
        s.respondents
    );
    out!(
        "{:<36}  {:>5}  {:<18}  {:>6}  {:>5}  rests on",
        "dimension",
        "score",
        "level",
        "target",
        "gap"
    );
    for d in &s.dimensions {
        let (score, level) = match (d.score, d.level) {
            (Some(v), Some(l)) => (format!("{v:.2}"), format!("{l} {}", q.level_name(l))),
            _ if d.out_of_scope => ("—".into(), "out of scope".into()),
            _ => ("—".into(), "not enough answers".into()),
        };
        let target = d.target.map_or_else(|| "—".into(), |t| t.to_string());
        let gap = d.gap.map_or_else(|| "—".into(), |g| format!("{g:+.2}"));
        out!(
            "{:<36}  {:>5}  {:<18}  {:>6}  {:>5}  {}",
            d.name,
            score,
            level,
            target,
            gap,
            d.rests_on()
        );
    }
    let averages = format!(
        "({} of {} dimensions in scope have a score)",
        s.overall_dimensions, s.in_scope_dimensions
    );
    match (s.overall, s.overall_level) {
        (Some(o), Some(l)) => out!(
            "{:<36}  {:>5.2}  {} {}  averages {averages}",
            "overall",
            o,
            l,
            q.level_name(l)
        ),
        _ => out!(
            "{:<36}  {:>5}  not enough answers {averages}",
            "overall",
            "—"
        ),
    }
    if !s.hot_spots.is_empty() {
        out!(
            "disagreement hot-spots (answers 2+ levels apart; with more than {} answers, two people on each side): {}",
            devops_maturity_core::scoring::SMALL_GROUP,
            s.hot_spots.join(", ")
        );
    }
    if !s.by_role.is_empty() {
        out!();
        out!("leaders apart from practitioners (scoring rule 10; the team score is everyone's):");
        out!(
            "{:<36}  {:<13}  {:<13}  {:>5}  difference",
            "dimension",
            "leaders",
            "practitioners",
            "team"
        );
        for split in &s.by_role {
            out!(
                "{:<36}  {:<13}  {:<13}  {:>5}  {}",
                split.name,
                split.leaders.in_words(),
                split.practitioners.in_words(),
                split.team.map_or_else(|| "—".into(), |t| format!("{t:.2}")),
                split.difference_words
            );
        }
    }
}

pub(crate) fn demo(db: Option<&Path>) -> anyhow::Result<ExitCode> {
    let content = content()?;
    let mut store = open_store(db)?;
    let summary = devops_maturity_store::demo::create_demo(
        &mut store,
        &content.questionnaire,
        &content.dora,
        Utc::now(),
    )?;
    out!(
        "created {}: {} teams, {} assessments",
        summary.organisation,
        summary.teams,
        summary.assessments
    );
    Ok(ExitCode::SUCCESS)
}
