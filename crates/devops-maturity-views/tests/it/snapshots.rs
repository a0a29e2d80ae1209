//! Each view's JSON for the fixed database. UUIDs are random per run, so they are replaced by
//! `[uuid]` before comparing; every time in the fixture is fixed.

use devops_maturity_views::discussion::{discussion, Show};
use devops_maturity_views::{course, dashboard, history, home, plan, practice, results, workshop};
use serde::Serialize;
use serde_json::Value;

use crate::fixture::{content, fixed};

fn scrub(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "uuid" && v.is_string() {
                    *v = Value::String("[uuid]".into());
                } else {
                    scrub(v);
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(scrub),
        _ => {}
    }
}

fn json(view: impl Serialize) -> Value {
    let mut value = serde_json::to_value(view).unwrap();
    scrub(&mut value);
    value
}

#[test]
fn every_view_of_the_fixed_database() {
    let content = content();
    let f = fixed(&content);
    let a = &content.assessment;

    insta::assert_json_snapshot!("course_outline", json(course::outline(&content.course)));
    let first = &content.course.modules[0].chapters[0].id;
    insta::assert_json_snapshot!(
        "chapter",
        json(course::chapter(&content.course, first).unwrap())
    );
    let missing = course::chapter(&content.course, "no-such-chapter").unwrap_err();
    assert_eq!(
        missing.to_string(),
        "no chapter `no-such-chapter` in the course"
    );

    insta::assert_json_snapshot!(
        "workshop_get",
        json(workshop::page(&f.store, &content, f.workshop).unwrap())
    );
    for (name, show) in [
        ("workshop_discussion_hidden", Show::Hidden),
        ("workshop_discussion_votes", Show::Votes),
        ("workshop_discussion_names", Show::VotesWithNames),
    ] {
        let view = discussion(&f.store, f.assessment, Some("flow-1"), show).unwrap();
        insta::assert_json_snapshot!(name, json(view));
    }
    insta::assert_json_snapshot!(
        "workshop_discussion_overview",
        json(discussion(&f.store, f.assessment, None, Show::Hidden).unwrap())
    );
    // 09:10 on the fixture's day, which starts at 08:30: the practice activity is on.
    let dashboard = dashboard::dashboard(&f.store, &content, f.workshop, 9 * 60 + 10).unwrap();
    insta::assert_json_snapshot!("workshop_dashboard", json(dashboard));
    insta::assert_json_snapshot!(
        "practice_round",
        json(practice::round(&f.store, &a.questionnaire, f.workshop).unwrap())
    );
    insta::assert_json_snapshot!(
        "practice_comparison",
        json(practice::comparison(&f.store, a, f.workshop).unwrap())
    );
    insta::assert_json_snapshot!(
        "practice_key",
        json(practice::key(&f.store, a, f.workshop, "flow-2").unwrap())
    );
    insta::assert_json_snapshot!(
        "assessment_results",
        json(results::results(&f.store, &a.dora, f.assessment, None).unwrap())
    );
    insta::assert_json_snapshot!(
        "team_history",
        json(history::team_history(&f.store, f.booking).unwrap())
    );
    insta::assert_json_snapshot!("home_resume", json(home::resume(&f.store).unwrap()));
    insta::assert_json_snapshot!(
        "plan_get",
        json(plan::page(&f.store, &content, f.assessment).unwrap())
    );
}

/// The banner's status in the three ways the app can start: all well, the database refused,
/// the course broken (the database's path is fixed so the snapshot does not depend on the
/// machine).
#[test]
fn the_app_status() {
    let path = std::path::Path::new("/data/devops-maturity/devops-maturity.db");
    let opened = Ok(devops_maturity_store::Store::open_in_memory().unwrap());
    let refused = Err(format!(
        "{} is damaged: file is not a database; it was left untouched",
        path.display()
    ));
    insta::assert_json_snapshot!(
        "app_status",
        [
            json(home::AppStatus::new(
                Some(path),
                Some(&opened),
                None,
                "1.2.3"
            )),
            json(home::AppStatus::new(
                Some(path),
                Some(&refused),
                None,
                "1.2.3"
            )),
            json(home::AppStatus::new(
                None,
                None,
                Some("the built-in course has problems:\nmodules/01/chapter.md:3: no title"),
                "1.2.3"
            )),
        ]
    );
}

/// The "Your data" page after the start-up backups of a database with one team: the first
/// written, the next day's unchanged; then a database that did not open. The temporary
/// folder is written `[dir]`.
#[test]
fn the_data_overview() {
    use devops_maturity_views::data::{startup_backup, DataOverview};
    let at = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("devops-maturity.db");
    let mut store = devops_maturity_store::Store::open(&path).unwrap();
    store
        .create_team("Booking", at("2026-11-20T09:00:00Z"))
        .unwrap();
    let opened = Ok(store);
    let written = startup_backup(&opened, at("2026-11-20T09:30:00Z"));
    let unchanged = startup_backup(&opened, at("2026-11-21T08:00:00Z"));
    let refused = Err("the database is damaged".to_string());
    let mut views = [
        json(DataOverview::new(Some(&path), opened.as_ref().ok(), written).unwrap()),
        json(unchanged),
        json(
            DataOverview::new(
                None,
                None,
                startup_backup(&refused, at("2026-11-21T08:00:00Z")),
            )
            .unwrap(),
        ),
    ];
    // The size follows the schema, which each migration changes: only that there is one.
    let bytes = &mut views[0]["backups"][0]["bytes"];
    assert!(bytes.as_u64().is_some_and(|n| n > 0), "{bytes}");
    *bytes = "[bytes]".into();
    let text = serde_json::to_string(&views)
        .unwrap()
        .replace(&dir.path().display().to_string(), "[dir]");
    insta::assert_json_snapshot!(
        "data_overview",
        serde_json::from_str::<Value>(&text).unwrap()
    );
}

/// The recovery page (database_problem, database_retry, database_start_fresh) for each way a
/// database can fail to open, from the store's own errors on a real file: refused (not a
/// database), open in another window, locked by another program, and no folder for it; then
/// the refused file set aside. The temporary folder is written `[dir]`.
#[test]
fn the_database_problems() {
    use devops_maturity_store::recover::{set_aside, InstanceLock};
    use devops_maturity_store::{Store, StoreError};
    use home::{DbProblem, FreshStart};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("devops-maturity.db");
    std::fs::write(&path, "a shopping list, not a database\n".repeat(200)).unwrap();
    let Err(refused) = Store::open(&path) else {
        panic!("not a database, yet it opened");
    };
    let _held = InstanceLock::acquire(&path).unwrap();
    let Err(elsewhere) = InstanceLock::acquire(&path) else {
        panic!("the lock is held, yet taken twice");
    };
    let no_folder = StoreError::CreateDir {
        path: path.clone(),
        source: std::io::ErrorKind::PermissionDenied.into(),
    };
    let problems = [
        DbProblem::new(Some(&path), &refused),
        DbProblem::new(Some(&path), &elsewhere),
        DbProblem::new(Some(&path), &StoreError::Busy.at(&path)),
        DbProblem::new(None, &no_folder),
    ];
    let kinds = problems.iter().map(|p| p.kind).collect::<Vec<_>>();
    assert_eq!(
        kinds,
        ["refused", "open-elsewhere", "locked", "unavailable"]
    );
    assert!(problems[0].is_refused() && !problems[1].is_refused());
    let when = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    let fresh = FreshStart::new(&set_aside(&path, when).unwrap());
    let text = serde_json::to_string(&(problems, fresh))
        .unwrap()
        .replace(&dir.path().display().to_string(), "[dir]");
    insta::assert_json_snapshot!(
        "database_problem",
        serde_json::from_str::<Value>(&text).unwrap()
    );
}

/// The commands that return the store's own types, on the fixed database: the lists the
/// pages draw (teams, groups, workshops, the trash), an assessment's row (assessment_start and
/// assessment_complete return it), a team's plan progress, a delete's preview and the
/// Organisation page.
#[test]
fn every_listing_of_the_fixed_database() {
    use devops_maturity_store::trash::Target;
    use devops_maturity_views::organisation::{organisation, Scope};
    let content = content();
    let f = fixed(&content);
    let s = &f.store;
    insta::assert_json_snapshot!("teams_list", json(s.teams().unwrap()));
    insta::assert_json_snapshot!("groups_list", json(s.group_list().unwrap()));
    insta::assert_json_snapshot!("workshops_list", json(s.workshops().unwrap()));
    insta::assert_json_snapshot!("trash_list", json(s.trash().unwrap()));
    insta::assert_json_snapshot!("assessment_row", json(s.assessment(f.assessment).unwrap()));
    insta::assert_json_snapshot!(
        "team_plan_progress",
        json(s.team_plan_progress(f.booking).unwrap())
    );
    insta::assert_json_snapshot!(
        "delete_preview",
        json(s.delete_preview(Target::Team { id: f.booking }).unwrap())
    );
    let since = devops_maturity_core::date::iso_date("2026-06-01").unwrap();
    insta::assert_json_snapshot!(
        "organisation_overview",
        json(organisation(s, &content.assessment.dora, &Scope::default(), since, 6).unwrap())
    );
}

#[test]
fn the_comparison_never_carries_the_key() {
    let content = content();
    let f = fixed(&content);
    let text = serde_json::to_string(
        &practice::comparison(&f.store, &content.assessment, f.workshop).unwrap(),
    )
    .unwrap();
    assert!(!text.contains("fact sheet"), "no key reason: {text}");
    assert!(!text.contains("\"key\""), "no key level: {text}");
    assert!(
        !text.contains("\"distance\""),
        "no distance to the key per question, as it would give the key away: {text}"
    );
    assert!(
        text.contains("\"mean_distance\""),
        "the summaries per group stay"
    );
}

/// The other commands that return a library type, on the fixed database, each called as its
/// command calls it (times fixed): the assessment page's state, a role set, an agreed level,
/// the course's search, glossary, agenda and activity, a timer, the learners and the current
/// one's quiz results and reading progress, the
/// plan's generation and edits, and the demo data's summary (its own empty store).
#[test]
fn every_other_response_of_the_fixed_database() {
    use devops_maturity_content::AgendaEdits;
    use devops_maturity_core::Role;
    use devops_maturity_store::timers::TimerAction;
    use devops_maturity_views::{assessment, knowledge};

    use crate::fixture::at;

    let content = content();
    let mut f = fixed(&content);
    let a = &content.assessment;
    let s = &mut f.store;
    insta::assert_json_snapshot!(
        "assessment_state",
        json(assessment::state(s, &a.dora, f.assessment).unwrap())
    );
    let ann = s.assessment_data(f.assessment).unwrap().respondents[0].id;
    insta::assert_json_snapshot!(
        "respondent_role_set",
        json(s.set_respondent_role(ann, Role::Leader).unwrap())
    );
    insta::assert_json_snapshot!(
        "consensus_set",
        json(
            s.set_consensus(f.assessment, "flow-2", 2, "Tests by hand.", at(23, 11, 12))
                .unwrap()
        )
    );

    insta::assert_json_snapshot!(
        "search_course",
        json(devops_maturity_content::search(
            &content.course,
            "lead time"
        ))
    );
    insta::assert_json_snapshot!("glossary", json(&content.glossary));
    let edits: AgendaEdits = serde_json::from_str(r#"{"start":"08:30"}"#).unwrap();
    insta::assert_json_snapshot!(
        "agenda",
        json([
            content.agenda.plan(&AgendaEdits::default()).unwrap(),
            content.agenda.plan(&edits).unwrap()
        ])
    );
    insta::assert_json_snapshot!(
        "activity",
        json(course::activity(&content, "second", &edits).unwrap())
    );

    // A 20-minute timer read, started at 10:00:00 and paused 90 s later (times in ms).
    let start = at(23, 11, 10).timestamp_millis();
    let minutes = 20 * 60 * 1000;
    insta::assert_json_snapshot!(
        "timer_act",
        json([
            s.timer_act("practice", minutes, TimerAction::Read, start)
                .unwrap(),
            s.timer_act("practice", minutes, TimerAction::Start, start)
                .unwrap(),
            s.timer_act("practice", minutes, TimerAction::Pause, start + 90_000)
                .unwrap(),
        ])
    );

    let learner = s
        .create_learner("Ann", Some(f.booking), at(23, 11, 9))
        .unwrap();
    s.set_current_learner(Some(learner.id)).unwrap();
    let questions = knowledge::quiz(s, &content.course, "basics", None)
        .unwrap()
        .questions
        .len();
    knowledge::quiz_submit(
        s,
        &content.course,
        "basics",
        &vec![vec![0]; questions],
        at(23, 11, 12),
    )
    .unwrap();
    insta::assert_json_snapshot!("quiz_results", json(knowledge::quiz_results(s).unwrap()));
    s.create_learner("Bo", None, at(23, 11, 12)).unwrap();
    s.set_chapter_read(Some(learner.id), "first", true, at(23, 11, 12))
        .unwrap();
    insta::assert_json_snapshot!("learners_list", json(knowledge::Learners::of(s).unwrap()));
    insta::assert_json_snapshot!(
        "progress",
        json(knowledge::Progress::of(s, &content.course).unwrap())
    );

    // A plan is made from a completed assessment: Booking's in spring.
    let spring = s
        .assessments_of(f.booking)
        .unwrap()
        .into_iter()
        .find(|a| a.completed_at.is_some())
        .unwrap()
        .id;
    s.set_dimension_choice(spring, "flow", Some(3), None)
        .unwrap();
    insta::assert_json_snapshot!(
        "plan_generate",
        json(plan::generate(s, a, spring, false, at(23, 11, 13)).unwrap())
    );
    let new: devops_maturity_store::plans::NewPlanItem = serde_json::from_str(
        r#"{"dimension_id":"flow","title":"Pair on releases","effort":"S","horizon":30}"#,
    )
    .unwrap();
    let item = s.add_plan_item(spring, &new, at(23, 11, 14)).unwrap();
    let change: devops_maturity_store::plans::PlanItemChange =
        serde_json::from_str(r#"{"owner":"Bo","due":"2026-12-18","status":"in-progress"}"#)
            .unwrap();
    insta::assert_json_snapshot!(
        "plan_item_add_update",
        json([
            json(&item),
            json(
                s.update_plan_item(item.id, &change, at(23, 11, 15))
                    .unwrap()
            )
        ])
    );
    insta::assert_json_snapshot!(
        "plan_item_move",
        json(s.move_plan_item(item.id, 1, at(23, 11, 16)).unwrap())
    );
    s.delete_plan_item(item.id, at(23, 11, 17)).unwrap();

    let mut empty = devops_maturity_store::Store::open_in_memory().unwrap();
    insta::assert_json_snapshot!(
        "demo_create",
        json(
            devops_maturity_store::demo::create_demo(
                &mut empty,
                &a.questionnaire,
                &a.dora,
                at(23, 11, 8)
            )
            .unwrap()
        )
    );
}

/// Presenter mode (presenter_start, presenter_step, presenter_frame, presenter_stop) on the
/// mini course, as the shell builds it: a chapter from its start, one step on, a section by
/// its anchor, an agenda block's facilitator cut, and presenter mode off. The clock is the
/// seconds since the start, given.
#[test]
fn the_presenter_views() {
    use devops_maturity_content::{AgendaEdits, Presentation, PresenterView};
    let content = content();
    let course = &content.course;
    let mut chapter = Presentation::chapter(course, "first", None).unwrap();
    let start = json(chapter.view(course, 0));
    chapter.step(1);
    let stepped = json(chapter.view(course, 125));
    let at_anchor = Presentation::chapter(course, "second", Some("details")).unwrap();
    let day = content.agenda.plan(&AgendaEdits::default()).unwrap();
    let block = day.blocks.iter().find(|b| b.id == "basics").unwrap();
    let cut = Presentation::cut(course, block).unwrap();
    let unknown = Presentation::chapter(course, "nowhere", None).unwrap_err();
    assert!(unknown.contains("nowhere"), "{unknown}");
    insta::assert_json_snapshot!(
        "presenter",
        [
            start,
            stepped,
            json(at_anchor.view(course, 60)),
            json(cut.view(course, 1200)),
            json(PresenterView::off())
        ]
    );
}

/// The mock exam (exam_paper, exam_submit) on the mini course's one knowledge check: the page's
/// second attempt without a profile, then a learner's first paper, graded and kept, and an
/// answer sheet refused for a missing answer (nothing kept). The shuffle follows the learner and
/// the attempt, so the papers are fixed.
#[test]
fn the_mock_exam() {
    use devops_maturity_content::ExamSpec;
    use devops_maturity_store::Store;
    use devops_maturity_views::knowledge::{self, ExamOutcome};

    use crate::fixture::at;

    let content = content();
    let course = &content.course;
    let spec: ExamSpec = serde_json::from_value(serde_json::json!({
        "title": "Mock exam",
        "questions": 1,
        "minutes": 5,
        "pass_percent": 65,
        "modules": ["basics"],
    }))
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let anonymous = json(knowledge::exam_paper(&store, course, &spec, Some(2)).unwrap());
    let ann = store.create_learner("Ann", None, at(23, 11, 9)).unwrap();
    store.set_current_learner(Some(ann.id)).unwrap();
    let paper = json(knowledge::exam_paper(&store, course, &spec, None).unwrap());
    let exam = (course, &spec);
    let refused = knowledge::exam_submit(&mut store, exam, 1, &[], 30, at(23, 11, 10)).unwrap();
    assert!(matches!(refused, ExamOutcome::Refused { .. }));
    assert!(
        knowledge::quiz_results(&store).unwrap().is_empty(),
        "nothing kept"
    );
    let graded =
        knowledge::exam_submit(&mut store, exam, 1, &[vec![0]], 240, at(23, 11, 10)).unwrap();
    assert_eq!(knowledge::quiz_results(&store).unwrap().len(), 1, "kept");
    insta::assert_json_snapshot!("exam", [anonymous, paper, json(refused), json(graded)]);
}

/// The commands that change teams, groups, workshops and the trash, on the fixed database with
/// fixed times, each called as its command calls it: team_create, team_rename, group_create,
/// group_rename, team_move, group_word_set, workshop_create, workshop_update, delete_confirmed,
/// trash_restore, group_delete, and quiz_submit without a profile.
#[test]
fn every_write_response_of_the_fixed_database() {
    use devops_maturity_content::AgendaEdits;
    use devops_maturity_store::trash::{self, Target};
    use devops_maturity_views::knowledge;
    use devops_maturity_views::workshop::Details;

    use crate::fixture::at;

    let content = content();
    let mut f = fixed(&content);
    let s = &mut f.store;
    let team = s.create_team("Payments", at(24, 11, 9)).unwrap();
    let renamed = s
        .rename_team(team.id, "Payments Web", at(24, 11, 10))
        .unwrap();
    let group = s.create_group("Digital", at(24, 11, 10)).unwrap();
    let group_renamed = s
        .rename_group(group.id, "Digital Sales", at(24, 11, 11))
        .unwrap();
    let moved = s
        .move_team(team.id, Some(group.id), at(24, 11, 11))
        .unwrap();
    let word = s.set_group_word("Tribe").unwrap();
    insta::assert_json_snapshot!(
        "team_and_group_writes",
        json([
            json(&team),
            json(renamed),
            json(&group),
            json(group_renamed),
            json(moved),
            json(word)
        ])
    );

    let details = Details::new(
        "Winter day".into(),
        "2027-01-19".into(),
        Some("Marta Keller".into()),
        None,
    );
    let created = workshop::create(
        s,
        &content,
        &details,
        &AgendaEdits::default(),
        at(24, 11, 12),
    )
    .unwrap();
    let details = Details::new("Winter day".into(), "2027-01-26".into(), None, None);
    let updated = workshop::update(s, &content, created.id, &details, None).unwrap();
    insta::assert_json_snapshot!("workshop_writes", json([json(created), json(updated)]));

    let deleted =
        trash::delete_unless_live(s, Target::Team { id: team.id }, false, None, at(24, 11, 13))
            .unwrap();
    let restored = s.undo_delete(deleted.trash_id).unwrap();
    let groups_deleted = s.delete_group(group.id, at(24, 11, 14)).unwrap();
    insta::assert_json_snapshot!(
        "trash_writes",
        json([json(deleted), json(restored), json(groups_deleted)])
    );

    let outcome =
        knowledge::quiz_submit(s, &content.course, "basics", &[vec![1]], at(24, 11, 15)).unwrap();
    insta::assert_json_snapshot!("quiz_submit", json(outcome));
}

/// The "Your data" commands' answers: the export's suggested name and summary (JSON and CSV),
/// data_export's Written, data_import's Imported (that export into an empty database) and
/// teams_import_csv's TeamsImported (one new team in a new group, one already there and
/// skipped), with a fixed folder for the file the person picked.
#[test]
fn the_data_exchange_reports() {
    use devops_maturity_store::exchange::parse_import;
    use devops_maturity_store::Store;
    use devops_maturity_views::data::{Imported, TeamsImported, Written};

    use crate::fixture::at;

    let content = content();
    let f = fixed(&content);
    let day = devops_maturity_core::date::iso_date("2026-11-24").unwrap();
    let json_file = f.store.export_file(None, false, day).unwrap();
    let csv_file = f.store.export_file(Some(f.booking), true, day).unwrap();
    let names = [
        [&json_file.file_name, &json_file.summary],
        [&csv_file.file_name, &csv_file.summary],
    ];
    let mut empty = Store::open_in_memory().unwrap();
    let imported = empty
        .import(&parse_import(&json_file.bytes).unwrap())
        .unwrap();
    let csv = "team,group\nPayments,Digital\nBooking,\n";
    let teams = empty
        .import_teams_csv(csv.as_bytes(), at(24, 11, 9))
        .unwrap();
    // As the commands return them, with the file the person picked.
    let picked = std::path::Path::new("/home/marta/exports");
    let written = Written::at(
        &picked.join(&json_file.file_name),
        json_file.summary.clone(),
    );
    let imported = Imported::new(&picked.join(&json_file.file_name), imported);
    let teams = TeamsImported::new(&picked.join("teams.csv"), teams);
    insta::assert_json_snapshot!(
        "data_exchange",
        json([json(names), json(written), json(imported), json(teams)])
    );
}

/// data_restore's answer after a real restore: a backup of a database with one team restored
/// over a database with two, the replaced one kept beside it (the folder written `[dir]`).
#[test]
fn the_restore_report() {
    use devops_maturity_store::{backup, Store};
    use devops_maturity_views::data::Restored;

    use crate::fixture::at;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("devops-maturity.db");
    let copy = dir.path().join("copy.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.create_team("Booking", at(24, 11, 9)).unwrap();
    backup::backup_file(&db, &copy).unwrap();
    store.create_team("Loyalty", at(24, 11, 10)).unwrap();
    drop(store);
    let report = backup::restore(&db, &copy, at(24, 11, 11)).unwrap();
    let previous = report
        .previous
        .as_deref()
        .expect("the replaced database is kept");
    assert!(previous.exists(), "{}", previous.display());
    let teams = Store::open(&db).unwrap().teams().unwrap().len();
    assert_eq!(teams, 1, "the backup's one team");
    let restored = Restored::new(&copy, Some(previous));
    let text = serde_json::to_string(&restored)
        .unwrap()
        .replace(&dir.path().display().to_string(), "[dir]");
    insta::assert_json_snapshot!(
        "data_restore",
        serde_json::from_str::<Value>(&text).unwrap()
    );
}
