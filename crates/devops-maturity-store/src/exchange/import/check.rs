//! An import's check: every reference resolved (to the file or to stored records) and every
//! record already stored compared, reading only; the conflicts listed, or the plan to write.

use std::collections::{HashMap, HashSet};

use devops_maturity_core::text::name_key;
use devops_maturity_core::Questionnaire;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::exchange::export::{
    assessment_record, group_row, learner_row, plan_record, quiz_row, team_row, workshop_row,
    workshop_team_record, GROUPS, LEARNERS, QUIZ_RESULTS, TEAMS, WORKSHOPS,
};
use crate::exchange::format::{AssessmentRecord, ExportFile, WorkshopTeamRecord};
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
    /// Resolves every reference and compares every record that is already stored, one kind
    /// of record after the other in the file's order. Reads only.
    pub(super) fn check_import<'f>(
        &self,
        file: &'f ExportFile,
        keep_settings: bool,
    ) -> Result<(Plan<'f>, ImportReport), ImportError> {
        let mut check = Checking::new(self, file);
        check.questionnaires()?;
        check.groups()?;
        check.teams()?;
        check.learners()?;
        check.quiz_results()?;
        check.chapter_reads()?;
        check.assessments()?;
        check.plans()?;
        check.workshops()?;
        check.workshop_teams()?;
        check.settings(keep_settings)?;
        check.finish()
    }
}

/// One import's check under way: the file, the UUIDs of the records it holds (a reference
/// resolves to the file or to the database), and what the checks found so far.
struct Checking<'s, 'f> {
    store: &'s Store,
    file: &'f ExportFile,
    file_groups: HashSet<&'f str>,
    file_teams: HashSet<&'f str>,
    file_learners: HashSet<&'f str>,
    file_workshops: HashSet<&'f str>,
    /// Each assessment of the file and the UUID of its team.
    file_assessment_teams: HashMap<&'f str, &'f str>,
    plan: Plan<'f>,
    /// References that resolve nowhere: the file is wrong.
    problems: Problems,
    /// Records that clash with stored ones: the file and the database disagree.
    conflicts: Problems,
    counts: Vec<KindCount>,
}

impl<'s, 'f> Checking<'s, 'f> {
    fn new(store: &'s Store, file: &'f ExportFile) -> Self {
        fn uuids<'f, T>(records: &'f [T], uuid: impl Fn(&'f T) -> &'f str) -> HashSet<&'f str> {
            records.iter().map(uuid).collect()
        }
        Checking {
            store,
            file,
            file_groups: uuids(&file.groups, |g| &g.uuid),
            file_teams: uuids(&file.teams, |t| &t.uuid),
            file_learners: uuids(&file.learners, |l| &l.uuid),
            file_workshops: uuids(&file.workshops, |w| &w.uuid),
            file_assessment_teams: file
                .assessments
                .iter()
                .map(|a| (a.uuid.as_str(), a.team.as_str()))
                .collect(),
            plan: Plan::default(),
            problems: Problems::default(),
            conflicts: Problems::default(),
            counts: Vec::new(),
        }
    }

    fn conn(&self) -> &'s Connection {
        &self.store.conn
    }

    /// The plan and the counts; or every unresolved reference, else every conflict.
    fn finish(self) -> Result<(Plan<'f>, ImportReport), ImportError> {
        if !self.problems.is_empty() {
            return Err(ImportError::Invalid(self.problems.into_list()));
        }
        if !self.conflicts.is_empty() {
            return Err(ImportError::Conflicts(self.conflicts.into_list()));
        }
        Ok((
            self.plan,
            ImportReport {
                counts: self.counts,
            },
        ))
    }

    /// A reference to a record of `kind` that is neither in the file nor stored.
    fn unresolved(&mut self, at: String, kind: &str) {
        self.problems.push(
            at,
            format!("no {kind} with this UUID in the file or in the database"),
        );
    }

    /// Compares a record of the file with the stored record of the same UUID, if any: the
    /// same is skipped, a different one is a conflict naming the fields that differ (`what`
    /// says which record, from the stored one). `true` when none is stored: the caller checks
    /// what a new record needs and adds it.
    fn compare<R: PartialEq + Serialize>(
        &mut self,
        tally: &mut Tally,
        at: &str,
        stored: Option<R>,
        record: &R,
        what: impl FnOnce(&R) -> String,
    ) -> bool {
        match stored {
            None => true,
            Some(s) if s == *record => {
                tally.skipped += 1;
                false
            }
            Some(s) => {
                self.conflicts.push(
                    at,
                    format!(
                        "the stored {} with this UUID differs ({})",
                        what(&s),
                        differing_fields(&s, record)
                    ),
                );
                false
            }
        }
    }

    fn team_known(&self, uuid: &str) -> Result<bool, StoreError> {
        Ok(self.file_teams.contains(uuid) || team_id(self.conn(), uuid)?.is_some())
    }

    fn learner_known(&self, uuid: &str) -> Result<bool, StoreError> {
        Ok(self.file_learners.contains(uuid) || learner_id(self.conn(), uuid)?.is_some())
    }

    fn assessment_known(&self, uuid: &str) -> Result<bool, StoreError> {
        Ok(self.file_assessment_teams.contains_key(uuid)
            || assessment_id(self.conn(), uuid)?.is_some())
    }

    /// The team (UUID) of an assessment in the file or in the database.
    fn assessment_team(&self, uuid: &str) -> Result<Option<String>, StoreError> {
        if let Some(team) = self.file_assessment_teams.get(uuid) {
            return Ok(Some(team.to_string()));
        }
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT t.uuid FROM assessments a JOIN teams t ON t.id = a.team_id WHERE a.uuid = ?1",
            )?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// Questionnaire versions: the same version stored without the marks 1.0.0 gained later
    /// (or with them) keeps its stored snapshot, and the file's assessments read the same.
    fn questionnaires(&mut self) -> Result<(), StoreError> {
        let mut tally = Tally::new("questionnaires");
        for (i, q) in self.file.questionnaires.iter().enumerate() {
            match self.store.questionnaire_snapshot(&q.id, &q.version) {
                Ok(stored) if stored.asks_the_same_as(q) => tally.skipped += 1,
                Ok(_) => self.conflicts.push(
                    format!("$.questionnaires[{i}]"),
                    format!(
                        "questionnaire {} version {} is stored with different content",
                        q.id, q.version
                    ),
                ),
                Err(StoreError::NotFound { .. }) => {
                    tally.added += 1;
                    self.plan.questionnaires.push(q);
                }
                Err(e) => return Err(e),
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Groups: a new group's name must be free.
    fn groups(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("groups");
        for (i, g) in self.file.groups.iter().enumerate() {
            let at = format!("$.groups[{i}]");
            let stored = conn
                .prepare_cached(&format!("{GROUPS} WHERE g.uuid = ?1"))?
                .query_row([&g.uuid], group_row)
                .optional()?;
            if !self.compare(&mut tally, &at, stored, g, |s| {
                format!("group \"{}\"", s.name)
            }) {
                continue;
            }
            match crate::groups::holder(conn, &name_key(&g.name), None)? {
                Some(name) => self.conflicts.push(
                    format!("{at}.name"),
                    format!("another group named \"{name}\" is already stored; import again choosing to map this group onto it or to rename it, or rename one of them first"),
                ),
                None => {
                    tally.added += 1;
                    self.plan.groups.push(g);
                }
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Teams: each in a group of the file or the database; a new team's name must be free.
    fn teams(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("teams");
        for (i, t) in self.file.teams.iter().enumerate() {
            let at = format!("$.teams[{i}]");
            if let Some(group) = &t.group {
                if !self.file_groups.contains(group.as_str()) && group_id(conn, group)?.is_none() {
                    self.unresolved(format!("{at}.group"), "group");
                }
            }
            let stored = conn
                .prepare_cached(&format!("{TEAMS} WHERE t.uuid = ?1"))?
                .query_row([&t.uuid], team_row)
                .optional()?;
            if !self.compare(&mut tally, &at, stored, t, |s| {
                format!("team \"{}\"", s.name)
            }) {
                continue;
            }
            let clash = crate::names::holder(conn, "teams", &name_key(&t.name), None)?;
            if let Some(name) = clash {
                self.conflicts.push(
                    format!("{at}.name"),
                    format!("another team named \"{name}\" is already stored; import again choosing to map this team onto it or to rename it, or rename one of them first"),
                );
            } else {
                tally.added += 1;
                self.plan.teams.push(t);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Learners: each in a team of the file or the database, if in one; a new learner's name
    /// must be free.
    fn learners(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("learners");
        for (i, l) in self.file.learners.iter().enumerate() {
            let at = format!("$.learners[{i}]");
            if let Some(team) = &l.team {
                if !self.team_known(team)? {
                    self.unresolved(format!("{at}.team"), "team");
                }
            }
            let stored = conn
                .prepare_cached(&format!("{LEARNERS} WHERE l.uuid = ?1"))?
                .query_row([&l.uuid], learner_row)
                .optional()?;
            if !self.compare(&mut tally, &at, stored, l, |s| {
                format!("learner \"{}\"", s.name)
            }) {
                continue;
            }
            let clash = crate::names::holder(conn, "learners", &name_key(&l.name), None)?;
            if let Some(name) = clash {
                self.conflicts.push(
                    format!("{at}.name"),
                    format!("another learner named \"{name}\" is already stored; rename one of them and import again"),
                );
            } else {
                tally.added += 1;
                self.plan.learners.push(l);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Knowledge-check results: each of a learner of the file or the database.
    fn quiz_results(&mut self) -> Result<(), StoreError> {
        let mut tally = Tally::new("quiz_results");
        for (i, q) in self.file.quiz_results.iter().enumerate() {
            let at = format!("$.quiz_results[{i}]");
            if !self.learner_known(&q.learner)? {
                self.unresolved(format!("{at}.learner"), "learner");
            }
            let stored = self
                .conn()
                .prepare_cached(&format!("{QUIZ_RESULTS} WHERE q.uuid = ?1"))?
                .query_row([&q.uuid], quiz_row)
                .optional()?;
            if self.compare(&mut tally, &at, stored, q, |_| {
                "knowledge-check result".into()
            }) {
                tally.added += 1;
                self.plan.quiz_results.push(q);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Reading progress, by learner (or the default profile) and chapter: a chapter already
    /// marked as read is skipped.
    fn chapter_reads(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("chapter_reads");
        for (i, r) in self.file.chapter_reads.iter().enumerate() {
            let learner = match &r.learner {
                None => None,
                Some(uuid) => match learner_id(conn, uuid)? {
                    Some(id) => Some(id),
                    None if self.file_learners.contains(uuid.as_str()) => {
                        // A new learner has read nothing here yet.
                        tally.added += 1;
                        self.plan.chapter_reads.push(r);
                        continue;
                    }
                    None => {
                        self.unresolved(format!("$.chapter_reads[{i}].learner"), "learner");
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
                self.plan.chapter_reads.push(r);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Assessments: each of a team of the file or the database, on a questionnaire version of
    /// either, naming only its questions and dimensions; a new one's respondents and agreed
    /// levels are not stored in another.
    fn assessments(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("assessments");
        // The stored questionnaire versions the file's assessments use, each read once.
        let mut stored_questionnaires = HashMap::new();
        for (i, a) in self.file.assessments.iter().enumerate() {
            let at = format!("$.assessments[{i}]");
            if !self.team_known(&a.team)? {
                self.unresolved(format!("{at}.team"), "team");
            }
            self.against_questionnaire(&at, a, &mut stored_questionnaires)?;
            let stored = match exists(conn, "SELECT id FROM assessments WHERE uuid = ?1", &a.uuid)?
            {
                Some(id) => Some(assessment_record(self.store, id)?),
                None => None,
            };
            if !self.compare(&mut tally, &at, stored, a, |_| "assessment".into()) {
                continue;
            }
            for (j, r) in a.respondents.iter().enumerate() {
                if uuid_taken(conn, "respondents", &r.uuid)? {
                    self.conflicts.push(
                        format!("{at}.respondents[{j}].uuid"),
                        "a respondent with this UUID is stored in another assessment",
                    );
                }
            }
            for (question, c) in &a.consensus {
                if uuid_taken(conn, "consensus", &c.uuid)? {
                    self.conflicts.push(
                        key_path(&format!("{at}.consensus"), question) + ".uuid",
                        "an agreed level with this UUID is stored in another assessment",
                    );
                }
            }
            tally.added += 1;
            self.plan.assessments.push(a);
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// An assessment's questionnaire version is in the file or stored (`stored` keeps those
    /// read), and has every question and dimension the assessment names.
    fn against_questionnaire(
        &mut self,
        at: &str,
        a: &AssessmentRecord,
        stored: &mut HashMap<(String, String), Questionnaire>,
    ) -> Result<(), StoreError> {
        let key = (a.questionnaire.clone(), a.questionnaire_version.clone());
        // The file's own (its last, were it there twice: `parse_import` refuses that).
        let in_file = self
            .file
            .questionnaires
            .iter()
            .rfind(|q| (&q.id, &q.version) == (&key.0, &key.1));
        if in_file.is_none() && !stored.contains_key(&key) {
            match self.store.questionnaire_snapshot(&key.0, &key.1) {
                Ok(q) => {
                    stored.insert(key.clone(), q);
                }
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        match in_file.or_else(|| stored.get(&key)) {
            Some(q) => check_against(a, q, at, &mut self.problems),
            None => self.problems.push(
                format!("{at}.questionnaire_version"),
                format!(
                    "questionnaire {} version {} is neither in the file nor in the database",
                    a.questionnaire, a.questionnaire_version
                ),
            ),
        }
        Ok(())
    }

    /// Plans: each of an assessment of the file or the database; a new plan's assessment has
    /// no other plan and its items are not stored in another.
    fn plans(&mut self) -> Result<(), StoreError> {
        let conn = self.conn();
        let mut tally = Tally::new("plans");
        for (i, p) in self.file.plans.iter().enumerate() {
            let at = format!("$.plans[{i}]");
            if !self.assessment_known(&p.assessment)? {
                self.unresolved(format!("{at}.assessment"), "assessment");
            }
            let stored = match exists(conn, "SELECT id FROM plans WHERE uuid = ?1", &p.uuid)? {
                Some(id) => Some(plan_record(self.store, id)?),
                None => None,
            };
            if !self.compare(&mut tally, &at, stored, p, |_| "plan".into()) {
                continue;
            }
            let other: bool = conn
                .prepare_cached(
                    "SELECT EXISTS (SELECT 1 FROM plans p JOIN assessments a ON a.id = p.assessment_id WHERE a.uuid = ?1)",
                )?
                .query_row([&p.assessment], |r| r.get(0))?;
            if other {
                self.conflicts.push(
                    format!("{at}.assessment"),
                    "this assessment already has another plan",
                );
            }
            for (j, item) in p.items.iter().enumerate() {
                if uuid_taken(conn, "plan_items", &item.uuid)? {
                    self.conflicts.push(
                        format!("{at}.items[{j}].uuid"),
                        "a plan item with this UUID is stored in another plan",
                    );
                }
            }
            tally.added += 1;
            self.plan.plans.push(p);
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Workshop days.
    fn workshops(&mut self) -> Result<(), StoreError> {
        let mut tally = Tally::new("workshops");
        for (i, w) in self.file.workshops.iter().enumerate() {
            let stored = self
                .conn()
                .prepare_cached(&format!("{WORKSHOPS} WHERE w.uuid = ?1"))?
                .query_row([&w.uuid], workshop_row)
                .optional()?;
            if self.compare(&mut tally, &format!("$.workshops[{i}]"), stored, w, |s| {
                format!("workshop \"{}\"", s.name)
            }) {
                tally.added += 1;
                self.plan.workshops.push(w);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// Teams' places at workshops: see [`Checking::workshop_team_references`] and
    /// [`Checking::new_workshop_team`].
    fn workshop_teams(&mut self) -> Result<(), StoreError> {
        let mut tally = Tally::new("workshop_teams");
        for (i, w) in self.file.workshop_teams.iter().enumerate() {
            let at = format!("$.workshop_teams[{i}]");
            let stored_workshop = self.workshop_team_references(&at, w)?;
            let stored = match exists(
                self.conn(),
                "SELECT id FROM workshop_teams WHERE uuid = ?1",
                &w.uuid,
            )? {
                // An older file does not say the practice answers' versions: any stored one
                // matches.
                Some(id) => Some(workshop_team_record(self.store, id)?.seen_as_in(w)),
                None => None,
            };
            if self.compare(&mut tally, &at, stored, w, |_| "workshop team".into()) {
                self.new_workshop_team(&at, w, stored_workshop)?;
                tally.added += 1;
                self.plan.workshop_teams.push(w);
            }
        }
        self.counts.push(tally.done());
        Ok(())
    }

    /// A place's workshop, team and assessment are each in the file or the database, and the
    /// assessment is the team's. The stored workshop's row id, if it is stored.
    fn workshop_team_references(
        &mut self,
        at: &str,
        w: &WorkshopTeamRecord,
    ) -> Result<Option<i64>, StoreError> {
        let stored_workshop = workshop_id(self.conn(), &w.workshop)?;
        if stored_workshop.is_none() && !self.file_workshops.contains(w.workshop.as_str()) {
            self.unresolved(format!("{at}.workshop"), "workshop");
        }
        if !self.team_known(&w.team)? {
            self.unresolved(format!("{at}.team"), "team");
        }
        match self.assessment_team(&w.assessment)? {
            None => self.unresolved(format!("{at}.assessment"), "assessment"),
            Some(team) if team != w.team => self.problems.push(
                format!("{at}.assessment"),
                "this assessment is another team's: a team's place at a workshop points at an assessment of that team",
            ),
            Some(_) => {}
        }
        Ok(stored_workshop)
    }

    /// A new place at a stored workshop takes a team and a position not taken there; its
    /// assessment is at no other place and its practice answers are not stored for another.
    fn new_workshop_team(
        &mut self,
        at: &str,
        w: &WorkshopTeamRecord,
        stored_workshop: Option<i64>,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        let taken = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<bool, StoreError> {
            Ok(conn
                .prepare_cached(sql)?
                .query_row(params![stored_workshop, key], |r| r.get(0))?)
        };
        if stored_workshop.is_some() {
            if taken(
                "SELECT EXISTS (SELECT 1 FROM workshop_teams wt JOIN teams t ON t.id = wt.team_id WHERE wt.workshop_id = ?1 AND t.uuid = ?2)",
                &w.team,
            )? {
                self.conflicts
                    .push(format!("{at}.team"), "this team is already at this workshop");
            }
            if taken(
                "SELECT EXISTS (SELECT 1 FROM workshop_teams WHERE workshop_id = ?1 AND position = ?2)",
                &w.position,
            )? {
                self.conflicts.push(
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
            self.conflicts.push(
                format!("{at}.assessment"),
                "this assessment already belongs to another workshop team",
            );
        }
        for (question, a) in &w.practice {
            if uuid_taken(conn, "practice_answers", &a.uuid)? {
                self.conflicts.push(
                    key_path(&format!("{at}.practice"), question) + ".uuid",
                    "a practice answer with this UUID is stored for another team",
                );
            }
        }
        Ok(())
    }

    /// Settings, by key: one stored with another value is a conflict, unless the importer
    /// chose to keep the stored values.
    fn settings(&mut self, keep_settings: bool) -> Result<(), StoreError> {
        let mut tally = Tally::new("settings");
        for (key, value) in &self.file.settings {
            match self.store.setting(key)? {
                Some(stored) if stored == *value || keep_settings => tally.skipped += 1,
                Some(_) => self.conflicts.push(
                    key_path("$.settings", key),
                    "this setting is stored with a different value",
                ),
                None => {
                    tally.added += 1;
                    self.plan.settings.push((key, value));
                }
            }
        }
        self.counts.push(tally.done());
        Ok(())
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
