//! What a delete would take, in counts and in words ("Platform Team, 3 assessments (1
//! completed), 2 plans"), shown before anything changes.

use devops_maturity_core::AssessmentStatus;
use rusqlite::Connection;

use crate::StoreError;

use super::collect::{add, collect, count, ids, list, selector, unlinked, Doomed};
use super::{Counts, Preview, Target};

pub(super) fn counts(conn: &Connection, d: &Doomed) -> Result<Counts, StoreError> {
    let n = |table: &str| -> rusqlite::Result<u32> {
        match selector(table, d) {
            Some(w) => count(conn, &format!("SELECT count(*) FROM {table} WHERE {w}")),
            None => Ok(0),
        }
    };
    let completed = match selector("assessments", d) {
        Some(w) => count(
            conn,
            &format!(
                "SELECT count(*) FROM assessments WHERE {w} AND status = '{}'",
                AssessmentStatus::Completed.code()
            ),
        )?,
        None => 0,
    };
    Ok(Counts {
        teams: n("teams")?,
        workshops: n("workshops")?,
        workshop_teams: n("workshop_teams")?,
        assessments: n("assessments")?,
        completed,
        answers: n("answers")?,
        plans: n("plans")?,
        learners: n("learners")?,
        quiz_results: n("quiz_results")?,
        learners_unlinked: unlinked(conn, d)?.len() as u32,
    })
}

pub(super) fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What goes with the target, in words; the target's own kind is its label, not a count.
pub(super) fn with_words(target: Target, c: &Counts) -> Vec<String> {
    let own = |kind: &str| -> bool {
        matches!(
            (target, kind),
            (Target::Team { .. }, "teams")
                | (Target::Workshop { .. }, "workshops")
                | (Target::WorkshopTeam { .. }, "workshop_teams")
                | (Target::Assessment { .. }, "assessments")
                | (Target::Plan { .. }, "plans")
                | (Target::Learner { .. }, "learners")
        )
    };
    let mut words = Vec::new();
    if c.teams > 0 && !own("teams") {
        words.push(plural(c.teams, "team", "teams"));
    }
    if c.workshop_teams > 0 && !own("workshop_teams") {
        words.push(plural(
            c.workshop_teams,
            "place at a workshop",
            "places at workshops",
        ));
    }
    if c.assessments > 0 && !own("assessments") {
        let mut w = plural(c.assessments, "assessment", "assessments");
        if c.completed > 0 {
            w.push_str(&format!(" ({} completed)", c.completed));
        }
        words.push(w);
    }
    if c.answers > 0 {
        words.push(plural(c.answers, "answer", "answers"));
    }
    if c.plans > 0 && !own("plans") {
        words.push(plural(c.plans, "plan", "plans"));
    }
    if c.learners > 0 && !own("learners") {
        words.push(plural(c.learners, "learner", "learners"));
    }
    if c.quiz_results > 0 {
        words.push(plural(
            c.quiz_results,
            "knowledge-check result",
            "knowledge-check results",
        ));
    }
    if c.learners_unlinked > 0 {
        words.push(plural(
            c.learners_unlinked,
            "learner stays, without a team",
            "learners stay, without a team",
        ));
    }
    words
}

pub(super) fn preview(conn: &Connection, target: Target) -> Result<(Doomed, Preview), StoreError> {
    let (d, label) = collect(conn, target)?;
    let counts = counts(conn, &d)?;
    let with = with_words(target, &counts);
    let sentence = std::iter::once(label.clone())
        .chain(with.iter().cloned())
        .collect::<Vec<_>>()
        .join(", ");
    let bulk = counts.assessments > 1 || counts.completed > 0 || counts.teams > 1;
    let mut workshops = d.workshops.clone();
    if !d.workshop_teams.is_empty() {
        add(
            &mut workshops,
            ids(
                conn,
                &format!(
                    "SELECT DISTINCT workshop_id FROM workshop_teams WHERE id IN ({}) ORDER BY workshop_id",
                    list(&d.workshop_teams)
                ),
            )?,
        );
    }
    Ok((
        d,
        Preview {
            target,
            label,
            counts,
            with,
            sentence,
            bulk,
            workshops,
        },
    ))
}
