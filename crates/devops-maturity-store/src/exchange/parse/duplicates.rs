//! The same record twice in one file: a mistake, not two records.

use std::collections::HashSet;

use devops_maturity_core::text::name_key;

use crate::exchange::format::ExportFile;
use crate::exchange::reader::{key_path, Problems};

/// The same record twice in one file is a mistake, not two records.
pub(super) fn duplicates(file: &ExportFile, p: &mut Problems) {
    fn once(seen: &mut HashSet<String>, key: String, at: String, what: &str, p: &mut Problems) {
        // An unreadable UUID or name (already reported) reads as empty: not a duplicate.
        if !key.is_empty() && !seen.insert(key) {
            p.push(at, format!("{what} appears twice in the file"));
        }
    }
    let mut seen = HashSet::new();
    for (i, q) in file.questionnaires.iter().enumerate() {
        once(
            &mut seen,
            format!("{}\u{0}{}", q.id, q.version),
            format!("$.questionnaires[{i}]"),
            &format!("questionnaire {} {}", q.id, q.version),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, g) in file.groups.iter().enumerate() {
        once(
            &mut uuids,
            g.uuid.clone(),
            format!("$.groups[{i}].uuid"),
            "this group",
            p,
        );
        once(
            &mut names,
            name_key(&g.name),
            format!("$.groups[{i}].name"),
            &format!("a group named \"{}\"", g.name),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, t) in file.teams.iter().enumerate() {
        once(
            &mut uuids,
            t.uuid.clone(),
            format!("$.teams[{i}].uuid"),
            "this team",
            p,
        );
        once(
            &mut names,
            name_key(&t.name),
            format!("$.teams[{i}].name"),
            &format!("a team named \"{}\"", t.name),
            p,
        );
    }
    let (mut uuids, mut names) = (HashSet::new(), HashSet::new());
    for (i, l) in file.learners.iter().enumerate() {
        once(
            &mut uuids,
            l.uuid.clone(),
            format!("$.learners[{i}].uuid"),
            "this learner",
            p,
        );
        once(
            &mut names,
            name_key(&l.name),
            format!("$.learners[{i}].name"),
            &format!("a learner named \"{}\"", l.name),
            p,
        );
    }
    let mut uuids = HashSet::new();
    for (i, r) in file.quiz_results.iter().enumerate() {
        once(
            &mut uuids,
            r.uuid.clone(),
            format!("$.quiz_results[{i}].uuid"),
            "this quiz result",
            p,
        );
    }
    let mut reads = HashSet::new();
    for (i, r) in file.chapter_reads.iter().enumerate() {
        once(
            &mut reads,
            format!("{}\u{0}{}", r.learner.as_deref().unwrap_or(""), r.chapter),
            format!("$.chapter_reads[{i}]"),
            &format!("chapter `{}` for this learner", r.chapter),
            p,
        );
    }
    let (mut uuids, mut respondents) = (HashSet::new(), HashSet::new());
    for (i, a) in file.assessments.iter().enumerate() {
        once(
            &mut uuids,
            a.uuid.clone(),
            format!("$.assessments[{i}].uuid"),
            "this assessment",
            p,
        );
        for (j, r) in a.respondents.iter().enumerate() {
            once(
                &mut respondents,
                r.uuid.clone(),
                format!("$.assessments[{i}].respondents[{j}].uuid"),
                "this respondent",
                p,
            );
        }
        for (question, c) in &a.consensus {
            once(
                &mut uuids,
                c.uuid.clone(),
                key_path(&format!("$.assessments[{i}].consensus"), question) + ".uuid",
                "this agreed level",
                p,
            );
        }
    }
    let (mut uuids, mut assessments) = (HashSet::new(), HashSet::new());
    for (i, plan) in file.plans.iter().enumerate() {
        once(
            &mut uuids,
            plan.uuid.clone(),
            format!("$.plans[{i}].uuid"),
            "this plan",
            p,
        );
        once(
            &mut assessments,
            plan.assessment.clone(),
            format!("$.plans[{i}].assessment"),
            "a plan for this assessment",
            p,
        );
        for (j, item) in plan.items.iter().enumerate() {
            once(
                &mut uuids,
                item.uuid.clone(),
                format!("$.plans[{i}].items[{j}].uuid"),
                "this plan item",
                p,
            );
        }
    }
    let mut uuids = HashSet::new();
    for (i, w) in file.workshops.iter().enumerate() {
        once(
            &mut uuids,
            w.uuid.clone(),
            format!("$.workshops[{i}].uuid"),
            "this workshop",
            p,
        );
    }
    let (mut uuids, mut places, mut assessments) = (HashSet::new(), HashSet::new(), HashSet::new());
    for (i, w) in file.workshop_teams.iter().enumerate() {
        once(
            &mut uuids,
            w.uuid.clone(),
            format!("$.workshop_teams[{i}].uuid"),
            "this workshop team",
            p,
        );
        once(
            &mut places,
            format!("{}\u{0}{}", w.workshop, w.team),
            format!("$.workshop_teams[{i}].team"),
            "this team at this workshop",
            p,
        );
        once(
            &mut places,
            format!("{}\u{0}#{}", w.workshop, w.position),
            format!("$.workshop_teams[{i}].position"),
            "this position at this workshop",
            p,
        );
        once(
            &mut assessments,
            w.assessment.clone(),
            format!("$.workshop_teams[{i}].assessment"),
            "this workshop session's assessment",
            p,
        );
        for (question, a) in &w.practice {
            once(
                &mut uuids,
                a.uuid.clone(),
                key_path(&format!("$.workshop_teams[{i}].practice"), question) + ".uuid",
                "this practice answer",
                p,
            );
        }
    }
}
