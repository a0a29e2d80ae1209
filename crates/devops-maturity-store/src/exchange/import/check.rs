//! An import's check: every reference resolved (to the file or to stored records) and every
//! record already stored compared, reading only; the conflicts listed, or the plan to write.

use std::collections::{HashMap, HashSet};

use devops_maturity_core::text::name_key;
use devops_maturity_core::Questionnaire;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::exchange::export::{
    assessment_record, group_row, learner_row, plan_record, quiz_row, team_row, workshop_row,
    workshop_team_record, GROUPS, LEARNERS, QUIZ_RESULTS, TEAMS, WORKSHOPS,
};
use crate::exchange::format::{AssessmentRecord, ExportFile};
use crate::exchange::reader::{key_path, Problems};
use crate::exchange::ImportError;
use crate::{Store, StoreError};

use super::{
    assessment_id, exists, group_id, learner_id, team_id, uuid_taken, workshop_id, ImportReport,
    KindCount, Plan,
};

/// Counts of one kind while checking.
pub(super) struct Tally {
    kind: &'static str,
    added: u32,
    skipped: u32,
}

impl Tally {
    fn new(kind: &'static str) -> Tally {
        Tally {
            kind,
            added: 0,
            skipped: 0,
        }
    }

    fn done(self) -> KindCount {
        KindCount {
            kind: self.kind,
            added: self.added,
            skipped: self.skipped,
        }
    }
}

/// The top-level fields in which two versions of a record differ, for the conflict message.
pub(super) fn differing_fields<T: Serialize>(stored: &T, file: &T) -> String {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) =
        (serde_json::to_value(stored), serde_json::to_value(file))
    else {
        return "content".into();
    };
    let fields: Vec<&str> = a
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, _)| k.as_str())
        .collect();
    fields.join(", ")
}

impl Store {
    /// Resolves every reference and compares every record that is already stored. Reads only.
    pub(super) fn check_import<'f>(
        &self,
        file: &'f ExportFile,
        keep_settings: bool,
    ) -> Result<(Plan<'f>, ImportReport), ImportError> {
        let conn = &self.conn;
        let mut plan = Plan::default();
        let mut problems = Problems::default();
        let mut conflicts = Problems::default();
        let mut counts = Vec::new();

        // Questionnaire versions, from the file or already stored.
        let mut tally = Tally::new("questionnaires");
        let mut questionnaires: HashMap<(&str, &str), &Questionnaire> = HashMap::new();
        let mut stored_questionnaires: HashMap<(String, String), Questionnaire> = HashMap::new();
        for (i, q) in file.questionnaires.iter().enumerate() {
            questionnaires.insert((&q.id, &q.version), q);
            match self.questionnaire_snapshot(&q.id, &q.version) {
                // The same version stored without the marks 1.0.0 gained later (or with
                // them): the stored snapshot stays, the file's assessments read the same.
                Ok(stored) if stored.asks_the_same_as(q) => tally.skipped += 1,
                Ok(_) => conflicts.push(
                    format!("$.questionnaires[{i}]"),
                    format!(
                        "questionnaire {} version {} is stored with different content",
                        q.id, q.version
                    ),
                ),
                Err(StoreError::NotFound { .. }) => {
                    tally.added += 1;
                    plan.questionnaires.push(q);
                }
                Err(e) => return Err(e.into()),
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("groups");
        let file_groups: HashSet<&str> = file.groups.iter().map(|g| g.uuid.as_str()).collect();
        for (i, g) in file.groups.iter().enumerate() {
            let at = format!("$.groups[{i}]");
            let stored = conn
                .prepare_cached(&format!("{GROUPS} WHERE g.uuid = ?1"))?
                .query_row([&g.uuid], group_row)
                .optional()?;
            match stored {
                Some(s) if s == *g => tally.skipped += 1,
                Some(s) => conflicts.push(
                    at,
                    format!(
                        "the stored group \"{}\" with this UUID differs ({})",
                        s.name,
                        differing_fields(&s, g)
                    ),
                ),
                None => match crate::groups::holder(conn, &name_key(&g.name), None)? {
                    Some(name) => conflicts.push(
                        format!("{at}.name"),
                        format!("another group named \"{name}\" is already stored; import again choosing to map this group onto it or to rename it, or rename one of them first"),
                    ),
                    None => {
                        tally.added += 1;
                        plan.groups.push(g);
                    }
                },
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("teams");
        let file_teams: HashSet<&str> = file.teams.iter().map(|t| t.uuid.as_str()).collect();
        for (i, t) in file.teams.iter().enumerate() {
            let at = format!("$.teams[{i}]");
            if let Some(group) = &t.group {
                if !file_groups.contains(group.as_str()) && group_id(conn, group)?.is_none() {
                    problems.push(
                        format!("{at}.group"),
                        "no group with this UUID in the file or in the database",
                    );
                }
            }
            let stored = conn
                .prepare_cached(&format!("{TEAMS} WHERE t.uuid = ?1"))?
                .query_row([&t.uuid], team_row)
                .optional()?;
            match stored {
                Some(s) if s == *t => tally.skipped += 1,
                Some(s) => conflicts.push(
                    at,
                    format!(
                        "the stored team \"{}\" with this UUID differs ({})",
                        s.name,
                        differing_fields(&s, t)
                    ),
                ),
                None => {
                    let clash = crate::names::holder(conn, "teams", &name_key(&t.name), None)?;
                    if let Some(name) = clash {
                        conflicts.push(
                            format!("{at}.name"),
                            format!("another team named \"{name}\" is already stored; import again choosing to map this team onto it or to rename it, or rename one of them first"),
                        );
                    } else {
                        tally.added += 1;
                        plan.teams.push(t);
                    }
                }
            }
        }
        counts.push(tally.done());
        let team_known = |uuid: &str| -> Result<bool, StoreError> {
            Ok(file_teams.contains(uuid) || team_id(conn, uuid)?.is_some())
        };

        let mut tally = Tally::new("learners");
        let file_learners: HashSet<&str> = file.learners.iter().map(|l| l.uuid.as_str()).collect();
        for (i, l) in file.learners.iter().enumerate() {
            let at = format!("$.learners[{i}]");
            if let Some(team) = &l.team {
                if !team_known(team)? {
                    problems.push(
                        format!("{at}.team"),
                        "no team with this UUID in the file or in the database",
                    );
                }
            }
            let stored = conn
                .prepare_cached(&format!("{LEARNERS} WHERE l.uuid = ?1"))?
                .query_row([&l.uuid], learner_row)
                .optional()?;
            match stored {
                Some(s) if s == *l => tally.skipped += 1,
                Some(s) => conflicts.push(
                    at,
                    format!(
                        "the stored learner \"{}\" with this UUID differs ({})",
                        s.name,
                        differing_fields(&s, l)
                    ),
                ),
                None => {
                    let clash = crate::names::holder(conn, "learners", &name_key(&l.name), None)?;
                    if let Some(name) = clash {
                        conflicts.push(
                            format!("{at}.name"),
                            format!("another learner named \"{name}\" is already stored; rename one of them and import again"),
                        );
                    } else {
                        tally.added += 1;
                        plan.learners.push(l);
                    }
                }
            }
        }
        counts.push(tally.done());
        let learner_known = |uuid: &str| -> Result<bool, StoreError> {
            Ok(file_learners.contains(uuid) || learner_id(conn, uuid)?.is_some())
        };

        let mut tally = Tally::new("quiz_results");
        for (i, q) in file.quiz_results.iter().enumerate() {
            let at = format!("$.quiz_results[{i}]");
            if !learner_known(&q.learner)? {
                problems.push(
                    format!("{at}.learner"),
                    "no learner with this UUID in the file or in the database",
                );
            }
            let stored = conn
                .prepare_cached(&format!("{QUIZ_RESULTS} WHERE q.uuid = ?1"))?
                .query_row([&q.uuid], quiz_row)
                .optional()?;
            match stored {
                Some(s) if s == *q => tally.skipped += 1,
                Some(s) => conflicts.push(
                    at,
                    format!(
                        "the stored knowledge-check result with this UUID differs ({})",
                        differing_fields(&s, q)
                    ),
                ),
                None => {
                    tally.added += 1;
                    plan.quiz_results.push(q);
                }
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("chapter_reads");
        for (i, r) in file.chapter_reads.iter().enumerate() {
            let learner = match &r.learner {
                None => None,
                Some(uuid) => match learner_id(conn, uuid)? {
                    Some(id) => Some(id),
                    None if file_learners.contains(uuid.as_str()) => {
                        // A new learner has read nothing here yet.
                        tally.added += 1;
                        plan.chapter_reads.push(r);
                        continue;
                    }
                    None => {
                        problems.push(
                            format!("$.chapter_reads[{i}].learner"),
                            "no learner with this UUID in the file or in the database",
                        );
                        continue;
                    }
                },
            };
            let stored: bool = conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM chapter_reads WHERE learner_id IS ?1 AND chapter_id = ?2)",
                )?
                .query_row(params![learner, r.chapter], |row| row.get(0))?;
            if stored {
                tally.skipped += 1;
            } else {
                tally.added += 1;
                plan.chapter_reads.push(r);
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("assessments");
        for (i, a) in file.assessments.iter().enumerate() {
            let at = format!("$.assessments[{i}]");
            if !team_known(&a.team)? {
                problems.push(
                    format!("{at}.team"),
                    "no team with this UUID in the file or in the database",
                );
            }
            let key = (a.questionnaire.clone(), a.questionnaire_version.clone());
            if !questionnaires.contains_key(&(key.0.as_str(), key.1.as_str()))
                && !stored_questionnaires.contains_key(&key)
            {
                match self.questionnaire_snapshot(&key.0, &key.1) {
                    Ok(q) => {
                        stored_questionnaires.insert(key.clone(), q);
                    }
                    Err(StoreError::NotFound { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            let q = questionnaires
                .get(&(key.0.as_str(), key.1.as_str()))
                .copied()
                .or_else(|| stored_questionnaires.get(&key));
            match q {
                Some(q) => check_against(a, q, &at, &mut problems),
                None => problems.push(
                    format!("{at}.questionnaire_version"),
                    format!(
                        "questionnaire {} version {} is neither in the file nor in the database",
                        a.questionnaire, a.questionnaire_version
                    ),
                ),
            }
            let stored = exists(conn, "SELECT id FROM assessments WHERE uuid = ?1", &a.uuid)?;
            match stored {
                Some(id) => {
                    let s = assessment_record(self, id)?;
                    if s == *a {
                        tally.skipped += 1;
                    } else {
                        conflicts.push(
                            at,
                            format!(
                                "the stored assessment with this UUID differs ({})",
                                differing_fields(&s, a)
                            ),
                        );
                    }
                }
                None => {
                    for (j, r) in a.respondents.iter().enumerate() {
                        if uuid_taken(conn, "respondents", &r.uuid)? {
                            conflicts.push(
                                format!("{at}.respondents[{j}].uuid"),
                                "a respondent with this UUID is stored in another assessment",
                            );
                        }
                    }
                    for (question, c) in &a.consensus {
                        if uuid_taken(conn, "consensus", &c.uuid)? {
                            conflicts.push(
                                key_path(&format!("{at}.consensus"), question) + ".uuid",
                                "an agreed level with this UUID is stored in another assessment",
                            );
                        }
                    }
                    tally.added += 1;
                    plan.assessments.push(a);
                }
            }
        }
        counts.push(tally.done());
        let file_assessments: HashSet<&str> =
            file.assessments.iter().map(|a| a.uuid.as_str()).collect();
        let assessment_known = |uuid: &str| -> Result<bool, StoreError> {
            Ok(file_assessments.contains(uuid) || assessment_id(conn, uuid)?.is_some())
        };

        let mut tally = Tally::new("plans");
        for (i, p) in file.plans.iter().enumerate() {
            let at = format!("$.plans[{i}]");
            if !assessment_known(&p.assessment)? {
                problems.push(
                    format!("{at}.assessment"),
                    "no assessment with this UUID in the file or in the database",
                );
            }
            match exists(conn, "SELECT id FROM plans WHERE uuid = ?1", &p.uuid)? {
                Some(id) => {
                    let stored = plan_record(self, id)?;
                    if stored == *p {
                        tally.skipped += 1;
                    } else {
                        conflicts.push(
                            at,
                            format!(
                                "the stored plan with this UUID differs ({})",
                                differing_fields(&stored, p)
                            ),
                        );
                    }
                }
                None => {
                    let other: bool = conn
                        .prepare_cached(
                            "SELECT EXISTS (SELECT 1 FROM plans p JOIN assessments a ON a.id = p.assessment_id WHERE a.uuid = ?1)",
                        )?
                        .query_row([&p.assessment], |r| r.get(0))?;
                    if other {
                        conflicts.push(
                            format!("{at}.assessment"),
                            "this assessment already has another plan",
                        );
                    }
                    for (j, item) in p.items.iter().enumerate() {
                        if uuid_taken(conn, "plan_items", &item.uuid)? {
                            conflicts.push(
                                format!("{at}.items[{j}].uuid"),
                                "a plan item with this UUID is stored in another plan",
                            );
                        }
                    }
                    tally.added += 1;
                    plan.plans.push(p);
                }
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("workshops");
        let file_workshops: HashSet<&str> =
            file.workshops.iter().map(|w| w.uuid.as_str()).collect();
        for (i, w) in file.workshops.iter().enumerate() {
            let stored = conn
                .prepare_cached(&format!("{WORKSHOPS} WHERE w.uuid = ?1"))?
                .query_row([&w.uuid], workshop_row)
                .optional()?;
            match stored {
                Some(s) if s == *w => tally.skipped += 1,
                Some(s) => conflicts.push(
                    format!("$.workshops[{i}]"),
                    format!(
                        "the stored workshop \"{}\" with this UUID differs ({})",
                        s.name,
                        differing_fields(&s, w)
                    ),
                ),
                None => {
                    tally.added += 1;
                    plan.workshops.push(w);
                }
            }
        }
        counts.push(tally.done());

        // The team (UUID) of an assessment in the file or in the database.
        let file_assessment_teams: HashMap<&str, &str> = file
            .assessments
            .iter()
            .map(|a| (a.uuid.as_str(), a.team.as_str()))
            .collect();
        let assessment_team = |uuid: &str| -> Result<Option<String>, StoreError> {
            if let Some(team) = file_assessment_teams.get(uuid) {
                return Ok(Some(team.to_string()));
            }
            Ok(conn
                .prepare_cached(
                    "SELECT t.uuid FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.uuid = ?1",
                )?
                .query_row([uuid], |r| r.get(0))
                .optional()?)
        };

        let mut tally = Tally::new("workshop_teams");
        for (i, w) in file.workshop_teams.iter().enumerate() {
            let at = format!("$.workshop_teams[{i}]");
            let stored_workshop = workshop_id(conn, &w.workshop)?;
            if stored_workshop.is_none() && !file_workshops.contains(w.workshop.as_str()) {
                problems.push(
                    format!("{at}.workshop"),
                    "no workshop with this UUID in the file or in the database",
                );
            }
            if !team_known(&w.team)? {
                problems.push(
                    format!("{at}.team"),
                    "no team with this UUID in the file or in the database",
                );
            }
            match assessment_team(&w.assessment)? {
                None => problems.push(
                    format!("{at}.assessment"),
                    "no assessment with this UUID in the file or in the database",
                ),
                Some(team) if team != w.team => problems.push(
                    format!("{at}.assessment"),
                    "this assessment is another team's: a team's place at a workshop points at an assessment of that team",
                ),
                Some(_) => {}
            }
            match exists(
                conn,
                "SELECT id FROM workshop_teams WHERE uuid = ?1",
                &w.uuid,
            )? {
                Some(id) => {
                    let stored = workshop_team_record(self, id)?;
                    if stored == *w {
                        tally.skipped += 1;
                    } else {
                        conflicts.push(
                            at,
                            format!(
                                "the stored workshop team with this UUID differs ({})",
                                differing_fields(&stored, w)
                            ),
                        );
                    }
                }
                None => {
                    let taken =
                        |sql: &str, key: &dyn rusqlite::ToSql| -> Result<bool, StoreError> {
                            Ok(conn
                                .prepare_cached(sql)?
                                .query_row(params![stored_workshop, key], |r| r.get(0))?)
                        };
                    if stored_workshop.is_some() {
                        if taken(
                            "SELECT EXISTS (SELECT 1 FROM workshop_teams wt JOIN teams t ON t.id = wt.team_id WHERE wt.workshop_id = ?1 AND t.uuid = ?2)",
                            &w.team,
                        )? {
                            conflicts.push(format!("{at}.team"), "this team is already at this workshop");
                        }
                        if taken(
                            "SELECT EXISTS (SELECT 1 FROM workshop_teams WHERE workshop_id = ?1 AND position = ?2)",
                            &w.position,
                        )? {
                            conflicts.push(
                                format!("{at}.position"),
                                "another team has this position at this workshop",
                            );
                        }
                    }
                    let linked: bool = conn
                        .prepare_cached(
                            "SELECT EXISTS (SELECT 1 FROM workshop_teams wt JOIN assessments a ON a.id = wt.assessment_id WHERE a.uuid = ?1)",
                        )?
                        .query_row([&w.assessment], |r| r.get(0))?;
                    if linked {
                        conflicts.push(
                            format!("{at}.assessment"),
                            "this assessment already belongs to another workshop team",
                        );
                    }
                    for (question, a) in &w.practice {
                        if uuid_taken(conn, "practice_answers", &a.uuid)? {
                            conflicts.push(
                                key_path(&format!("{at}.practice"), question) + ".uuid",
                                "a practice answer with this UUID is stored for another team",
                            );
                        }
                    }
                    tally.added += 1;
                    plan.workshop_teams.push(w);
                }
            }
        }
        counts.push(tally.done());

        let mut tally = Tally::new("settings");
        for (key, value) in &file.settings {
            match self.setting(key)? {
                Some(stored) if stored == *value || keep_settings => tally.skipped += 1,
                Some(_) => conflicts.push(
                    key_path("$.settings", key),
                    "this setting is stored with a different value",
                ),
                None => {
                    tally.added += 1;
                    plan.settings.push((key, value));
                }
            }
        }
        counts.push(tally.done());

        if !problems.is_empty() {
            return Err(ImportError::Invalid(problems.into_list()));
        }
        if !conflicts.is_empty() {
            return Err(ImportError::Conflicts(conflicts.into_list()));
        }
        Ok((plan, ImportReport { counts }))
    }
}

/// Every question and dimension the assessment names belongs to its questionnaire version.
pub(super) fn check_against(
    a: &AssessmentRecord,
    q: &Questionnaire,
    at: &str,
    problems: &mut Problems,
) {
    let questions: HashSet<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    for (j, r) in a.respondents.iter().enumerate() {
        for question in r.answers.keys() {
            if !questions.contains(question.as_str()) {
                problems.push(
                    key_path(&format!("{at}.respondents[{j}].answers"), question),
                    format!(
                        "no question with this id in questionnaire {} version {}",
                        q.id, q.version
                    ),
                );
            }
        }
    }
    for question in a.consensus.keys() {
        if !questions.contains(question.as_str()) {
            problems.push(
                key_path(&format!("{at}.consensus"), question),
                format!(
                    "no question with this id in questionnaire {} version {}",
                    q.id, q.version
                ),
            );
        }
    }
    for dimension in a.choices.keys() {
        if q.dimension(dimension).is_none() {
            problems.push(
                key_path(&format!("{at}.choices"), dimension),
                format!(
                    "no dimension with this id in questionnaire {} version {}",
                    q.id, q.version
                ),
            );
        }
    }
}
