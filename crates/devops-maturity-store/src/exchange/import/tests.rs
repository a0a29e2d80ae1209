//! The import's check, one kind of record at a time: each reference that resolves nowhere and
//! each record that clashes with a stored one is named with its path, and nothing is written.
//! (Round trips, bad files and the parser's messages are in `exchange/tests.rs`.)

use serde_json::{json, Value};

use crate::exchange::tests::{export_bytes, import_bytes, now, populated, problems};
use crate::exchange::Scope;
use crate::Store;

/// A UUID that no record has, in the file or in any database here.
const NOWHERE: &str = "00000000-0000-4000-8000-000000000000";
/// A UUID for a record that is new to the target.
const FRESH: &str = "0f8e1c2a-0000-4000-8000-00000000000f";

/// Imports `populated()`'s export, edited by `edit`, into the database `target` makes from the
/// unedited export; the problems listed, and whether that database exports the same bytes
/// after the refused import as before.
fn refused(
    target: impl FnOnce(&[u8]) -> Store,
    edit: impl FnOnce(&mut Value),
) -> (Vec<String>, bool) {
    let exported = export_bytes(&populated(), Scope::All);
    let mut target = target(&exported);
    let mut file: Value = serde_json::from_slice(&exported).unwrap();
    edit(&mut file);
    let before = export_bytes(&target, Scope::All);
    let listed = problems(import_bytes(
        &mut target,
        &serde_json::to_vec(&file).unwrap(),
    ));
    let unchanged = export_bytes(&target, Scope::All) == before;
    (listed, unchanged)
}

/// A database holding one team of its own: a reference to a record only in the file resolves
/// nowhere once `edit` has pointed it elsewhere.
fn elsewhere(_: &[u8]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.create_team("Existing", now()).unwrap();
    store
}

/// A database that already holds everything in the file: an edited record clashes with its
/// stored self.
fn imported_before(file: &[u8]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    import_bytes(&mut store, file).unwrap();
    store
}

/// Where in `list` the first entry with `pred` is.
fn index(file: &Value, list: &str, pred: impl Fn(&Value) -> bool) -> usize {
    file[list]
        .as_array()
        .unwrap()
        .iter()
        .position(pred)
        .unwrap()
}

/// One case: its name, what it does to the file (returning the index of the record it edited)
/// and the problems expected, `{i}` standing for that index.
type Case<'a> = (&'a str, Box<dyn FnOnce(&mut Value) -> usize>, &'a [&'a str]);

/// Checks every case against the database `target` makes, and reports all failed cases at once.
fn check(target: fn(&[u8]) -> Store, cases: Vec<Case<'_>>) {
    let mut failed = Vec::new();
    for (name, edit, expected) in cases {
        let mut at = 0;
        let (listed, unchanged) = refused(target, |v| at = edit(v));
        let expected: Vec<String> = expected
            .iter()
            .map(|e| e.replace("{i}", &at.to_string()))
            .collect();
        if listed != expected || !unchanged {
            failed.push(format!(
                "{name}: listed {listed:#?}, expected {expected:#?}, database unchanged: {unchanged}"
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_reference_that_resolves_nowhere_is_named() {
    check(
        elsewhere,
        vec![
            (
                "a learner's team",
                Box::new(|v| {
                    let i = index(v, "learners", |l| !l["team"].is_null());
                    v["learners"][i]["team"] = NOWHERE.into();
                    i
                }),
                &["$.learners[{i}].team: no team with this UUID in the file or in the database"],
            ),
            (
                "a knowledge-check result's learner",
                Box::new(|v| {
                    v["quiz_results"][0]["learner"] = NOWHERE.into();
                    0
                }),
                &["$.quiz_results[0].learner: no learner with this UUID in the file or in the database"],
            ),
            (
                "a chapter read's learner",
                Box::new(|v| {
                    let i = index(v, "chapter_reads", |r| !r["learner"].is_null());
                    v["chapter_reads"][i]["learner"] = NOWHERE.into();
                    i
                }),
                &["$.chapter_reads[{i}].learner: no learner with this UUID in the file or in the database"],
            ),
            (
                "an assessment's questionnaire version",
                Box::new(|v| {
                    v["assessments"][0]["questionnaire_version"] = "9".into();
                    0
                }),
                &["$.assessments[0].questionnaire_version: questionnaire q version 9 is neither in the file nor in the database"],
            ),
            (
                "a plan's assessment",
                Box::new(|v| {
                    v["plans"][0]["assessment"] = NOWHERE.into();
                    0
                }),
                &["$.plans[0].assessment: no assessment with this UUID in the file or in the database"],
            ),
            (
                "a workshop place's workshop",
                Box::new(|v| {
                    v["workshop_teams"][0]["workshop"] = NOWHERE.into();
                    0
                }),
                &["$.workshop_teams[0].workshop: no workshop with this UUID in the file or in the database"],
            ),
            (
                "a workshop place's team",
                Box::new(|v| {
                    v["workshop_teams"][0]["team"] = NOWHERE.into();
                    0
                }),
                &[
                    "$.workshop_teams[0].team: no team with this UUID in the file or in the database",
                    "$.workshop_teams[0].assessment: this assessment is another team's: a team's place at a workshop points at an assessment of that team",
                ],
            ),
            (
                "a workshop place's assessment",
                Box::new(|v| {
                    v["workshop_teams"][0]["assessment"] = NOWHERE.into();
                    0
                }),
                &["$.workshop_teams[0].assessment: no assessment with this UUID in the file or in the database"],
            ),
        ],
    );
}

#[test]
fn an_assessment_names_only_questions_and_dimensions_of_its_questionnaire() {
    check(
        elsewhere,
        vec![
            (
                "an agreed level",
                Box::new(|v| {
                    let i = index(v, "assessments", |a| {
                        a["consensus"].as_object().is_some_and(|c| !c.is_empty())
                    });
                    let consensus = &mut v["assessments"][i]["consensus"];
                    consensus["flow-9"] = consensus["flow-1"].clone();
                    consensus["flow-9"]["uuid"] = FRESH.into();
                    i
                }),
                &["$.assessments[{i}].consensus[\"flow-9\"]: no question with this id in questionnaire q version 1"],
            ),
            (
                "a dimension's target and weight",
                Box::new(|v| {
                    v["assessments"][0]["choices"]["speed"] = json!({"target": 4, "weight": null});
                    0
                }),
                &["$.assessments[0].choices[\"speed\"]: no dimension with this id in questionnaire q version 1"],
            ),
        ],
    );
}

#[test]
fn a_record_stored_with_other_content_is_a_conflict() {
    check(
        imported_before,
        vec![
            (
                "a questionnaire",
                Box::new(|v| {
                    v["questionnaires"][0]["questions"][0]["text"] = "Another question?".into();
                    0
                }),
                &["$.questionnaires[0]: questionnaire q version 1 is stored with different content"],
            ),
            (
                "a group",
                Box::new(|v| {
                    v["groups"][0]["name"] = "Shared services".into();
                    0
                }),
                &["$.groups[0]: the stored group \"Core services\" with this UUID differs (name)"],
            ),
            (
                "a learner",
                Box::new(|v| {
                    let i = index(v, "learners", |l| l["name"] == "Anton");
                    v["learners"][i]["name"] = "Antonia".into();
                    i
                }),
                &["$.learners[{i}]: the stored learner \"Anton\" with this UUID differs (name)"],
            ),
            (
                "a knowledge-check result",
                Box::new(|v| {
                    v["quiz_results"][0]["correct"] = 0.into();
                    0
                }),
                &["$.quiz_results[0]: the stored knowledge-check result with this UUID differs (correct)"],
            ),
            (
                "an assessment",
                Box::new(|v| {
                    v["assessments"][0]["facilitator"] = "Someone else".into();
                    0
                }),
                &["$.assessments[0]: the stored assessment with this UUID differs (facilitator)"],
            ),
            (
                "a plan",
                Box::new(|v| {
                    v["plans"][0]["items"][0]["owner"] = "Someone else".into();
                    0
                }),
                &["$.plans[0]: the stored plan with this UUID differs (items)"],
            ),
            (
                "a workshop",
                Box::new(|v| {
                    v["workshops"][0]["name"] = "Spring workshop".into();
                    0
                }),
                &["$.workshops[0]: the stored workshop \"Autumn workshop\" with this UUID differs (name)"],
            ),
            (
                "a workshop place",
                Box::new(|v| {
                    v["workshop_teams"][0]["position"] = 7.into();
                    0
                }),
                &["$.workshop_teams[0]: the stored workshop team with this UUID differs (position)"],
            ),
            (
                "a setting",
                Box::new(|v| {
                    v["settings"]["training.agenda"] = "{}".into();
                    0
                }),
                &["$.settings[\"training.agenda\"]: this setting is stored with a different value"],
            ),
        ],
    );
}

/// A record new to the database (a UUID not stored) whose parts, or whose place, are taken by
/// another stored record.
#[test]
fn a_new_record_whose_parts_are_stored_elsewhere_is_a_conflict() {
    check(
        imported_before,
        vec![
            (
                "an assessment's respondents and agreed levels",
                Box::new(|v| {
                    let i = index(v, "assessments", |a| {
                        a["consensus"].as_object().is_some_and(|c| !c.is_empty())
                    });
                    v["assessments"][i]["uuid"] = FRESH.into();
                    i
                }),
                &[
                    "$.assessments[{i}].respondents[0].uuid: a respondent with this UUID is stored in another assessment",
                    "$.assessments[{i}].respondents[1].uuid: a respondent with this UUID is stored in another assessment",
                    "$.assessments[{i}].consensus[\"flow-1\"].uuid: an agreed level with this UUID is stored in another assessment",
                ],
            ),
            (
                "a plan's assessment and items",
                Box::new(|v| {
                    v["plans"][0]["uuid"] = FRESH.into();
                    0
                }),
                &[
                    "$.plans[0].assessment: this assessment already has another plan",
                    "$.plans[0].items[0].uuid: a plan item with this UUID is stored in another plan",
                ],
            ),
            (
                "a workshop place's team, position, assessment and practice answers",
                Box::new(|v| {
                    let i = index(v, "workshop_teams", |w| {
                        w["practice"].as_object().is_some_and(|p| !p.is_empty())
                    });
                    v["workshop_teams"][i]["uuid"] = FRESH.into();
                    i
                }),
                &[
                    "$.workshop_teams[{i}].team: this team is already at this workshop",
                    "$.workshop_teams[{i}].position: another team has this position at this workshop",
                    "$.workshop_teams[{i}].assessment: this assessment already belongs to another workshop team",
                    "$.workshop_teams[{i}].practice[\"flow-2\"].uuid: a practice answer with this UUID is stored for another team",
                    "$.workshop_teams[{i}].practice[\"flow-3\"].uuid: a practice answer with this UUID is stored for another team",
                ],
            ),
        ],
    );
}

#[test]
fn a_learner_name_taken_by_another_learner_is_a_conflict() {
    let target = |_: &[u8]| {
        let mut store = Store::open_in_memory().unwrap();
        store.create_learner("ANTON", None, now()).unwrap();
        store
    };
    let (listed, unchanged) = refused(target, |_| {});
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].ends_with(".name: another learner named \"ANTON\" is already stored; rename one of them and import again"),
        "{listed:?}"
    );
    assert!(unchanged);
}

#[test]
fn reading_progress_counts_as_added_once_and_skipped_after() {
    let file = export_bytes(&populated(), Scope::All);
    let mut target = Store::open_in_memory().unwrap();
    let reads = |report: &crate::exchange::ImportReport| {
        let c = report
            .counts
            .iter()
            .find(|c| c.kind == "chapter_reads")
            .unwrap();
        (c.added, c.skipped)
    };
    let first = import_bytes(&mut target, &file).unwrap();
    assert_eq!(
        reads(&first),
        (2, 0),
        "Zoë's read (a learner new to this database) and the default profile's"
    );
    let second = import_bytes(&mut target, &file).unwrap();
    assert_eq!(reads(&second), (0, 2), "both are stored now");
}

#[test]
fn a_questionnaire_stored_without_the_later_marks_is_the_same_questionnaire() {
    let exported = export_bytes(&populated(), Scope::All);
    let mut target = imported_before(&exported);
    let mut file: Value = serde_json::from_slice(&exported).unwrap();
    // Version 1.0.0 of the questionnaire gained the quick-scan and leadership marks after
    // databases had stored it without them: the same questions, asked the same way.
    file["questionnaires"][0]["questions"][0]["quick"] = true.into();
    file["questionnaires"][0]["dimensions"][0]["leadership"] = true.into();
    let report = import_bytes(&mut target, &serde_json::to_vec(&file).unwrap())
        .expect("the marks are no conflict");
    let questionnaires = &report.counts[0];
    assert_eq!(
        (
            questionnaires.kind,
            questionnaires.added,
            questionnaires.skipped
        ),
        ("questionnaires", 0, 1),
        "the stored snapshot stays"
    );
}
