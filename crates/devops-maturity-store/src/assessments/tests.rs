use devops_maturity_core::scoring::Scorer;
use devops_maturity_core::Answer;

use super::*;
use crate::Store;

/// One dimension "flow" with four questions whose text names the version, so a test can
/// tell which snapshot it is reading.
pub(crate) fn questionnaire(version: &str) -> Questionnaire {
    let mut q = Questionnaire::sample([("flow", (1..=4).map(|i| format!("flow-{i}")))]);
    q.id = "q".into();
    q.version = version.into();
    q.dimensions[0].name = "Flow".into();
    for (i, question) in q.questions.iter_mut().enumerate() {
        question.text = format!("Question {} ({version})", i + 1);
    }
    q
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_live_participant_takes_a_blank_placeholder_seat_else_a_new_one() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(
            team.id,
            &q,
            &["Respondent 1".into(), "Ana".into(), "Respondent 3".into()],
            None,
            now(),
        )
        .unwrap();
    let first = store.join_respondent(a.id, "  Zoë ", None, &[]).unwrap();
    assert_eq!(
        (first.position, first.name.as_str()),
        (1, "Zoë"),
        "the first blank seat is renamed"
    );
    // Seat 3 is a placeholder but already handed out in this session: a new seat is added.
    let third = store
        .join_respondent(a.id, "", None, &[first.id, 0])
        .unwrap();
    assert_eq!(third.position, 3, "seat 3 is still free: {third:?}");
    let fourth = store
        .join_respondent(a.id, "", None, &[first.id, third.id])
        .unwrap();
    assert_eq!(
        (fourth.position, fourth.name.as_str()),
        (4, "Respondent 4"),
        "a new seat after the others"
    );
    store
        .save_answer(fourth.id, "flow-1", Answer::Level(2), None, now())
        .unwrap();
    // A placeholder that has answers is somebody's: never handed out again.
    let fifth = store
        .join_respondent(a.id, "", None, &[first.id, third.id])
        .unwrap();
    assert_eq!(
        fifth.position, 5,
        "seat 4 has an answer, so it is not reused"
    );
    let bad = store
        .join_respondent(a.id, "a\u{0}b", None, &[])
        .unwrap_err();
    assert!(
        matches!(bad, StoreError::Invalid(_)),
        "a name with NUL is refused: {bad}"
    );
    assert_eq!(
        store.assessment_data(a.id).unwrap().respondents.len(),
        5,
        "nothing stored for the refused name"
    );
    store.complete_assessment(a.id, now()).unwrap();
    let done = store.join_respondent(a.id, "", None, &[]).unwrap_err();
    assert!(
        matches!(done, StoreError::Conflict(_)),
        "a completed assessment takes nobody: {done}"
    );
    assert!(matches!(
        store.join_respondent(9_999, "", None, &[]),
        Err(StoreError::NotFound { .. })
    ));
    let own = store.respondent_answers(fourth.id).unwrap();
    assert_eq!(own.len(), 1, "only this respondent's answers: {own:?}");
    assert_eq!(own["flow-1"], (Answer::Level(2), None));
}

#[test]
fn a_live_name_is_one_per_team_by_its_name_key_and_a_listed_person_takes_their_seat() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let a = store
        .start_assessment(
            team.id,
            &questionnaire("1"),
            &["Ana".into(), "Respondent 2".into()],
            None,
            now(),
        )
        .unwrap();
    let ana = store.join_respondent(a.id, " ANA ", None, &[]).unwrap();
    assert_eq!(
        (ana.position, ana.name.as_str()),
        (1, "Ana"),
        "the person the facilitator listed takes their own seat, under the listed spelling"
    );
    let twin = store
        .join_respondent(a.id, "ana", None, &[ana.id])
        .unwrap_err();
    assert_eq!(
        twin.to_string(),
        "a respondent's name “ana” is already someone's in this team: add an initial or a nickname",
        "a seat handed out in this session is not handed out twice"
    );
    // "ZOE" + a combining diaeresis is "Zoë" under the name key.
    let zoe = store.join_respondent(a.id, "Zoë", None, &[ana.id]).unwrap();
    let again = store
        .join_respondent(a.id, "ZOE\u{308}", None, &[ana.id, zoe.id])
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    store
        .save_answer(ana.id, "flow-1", Answer::Level(3), None, now())
        .unwrap();
    let answered = store.join_respondent(a.id, "Ana", None, &[]).unwrap_err();
    assert!(
        matches!(answered, StoreError::Conflict(_)),
        "a seat with answers is never handed to whoever types its name: {answered}"
    );
    assert_eq!(
        store.assessment_data(a.id).unwrap().respondents.len(),
        2,
        "nothing added for the refused names"
    );
}

#[test]
fn answers_are_saved_one_by_one_and_read_back_for_resuming() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(
            team.id,
            &q,
            &["Ana".into(), "Ben".into()],
            Some("Marta"),
            now(),
        )
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    let (ana, ben) = (data.respondents[0].id, data.respondents[1].id);
    store
        .save_answer(ana, "flow-1", Answer::Level(3), Some("retro notes"), now())
        .unwrap();
    store
        .save_answer(ana, "flow-1", Answer::Level(4), None, now())
        .unwrap();
    store
        .save_answer(ben, "flow-2", Answer::DontKnow, None, now())
        .unwrap();
    store
        .set_dimension_choice(a.id, "flow", Some(4), None)
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(
        data.answers[0].answers.get("flow-1"),
        Some(&Answer::Level(4)),
        "the second save replaces the first"
    );
    assert!(
        data.answers[0].evidence.is_empty(),
        "clearing evidence removes it"
    );
    assert_eq!(
        data.answers[1].answers.get("flow-2"),
        Some(&Answer::DontKnow)
    );
    assert_eq!(data.respondents[0].answered, 1);
    assert_eq!(data.choices.targets.get("flow"), Some(&4));
}

/// A respondent's role: said while the assessment is open, read back with the answers
/// (what scoring sees), kept by a completed one, and refused after completion.
#[test]
fn roles_are_kept_while_answering_and_frozen_after() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(team.id, &q, &["Ana".into(), "Ben".into()], None, now())
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(data.respondents[0].role, None, "nobody has said yet");
    let (ana, ben) = (data.respondents[0].id, data.respondents[1].id);
    store.set_respondent_role(ana, Role::Practitioner).unwrap();
    let row = store.set_respondent_role(ana, Role::Leader).unwrap();
    assert_eq!(row.role, Some(Role::Leader), "the last choice counts");
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(data.respondents[0].role, Some(Role::Leader));
    assert_eq!(data.answers[0].role, Some(Role::Leader), "scoring sees it");
    assert_eq!(data.answers[1].role, None, "Ben did not say");
    assert!(matches!(
        store.set_respondent_role(9_999, Role::Leader),
        Err(StoreError::NotFound { .. })
    ));
    store.complete_assessment(a.id, now()).unwrap();
    let refused = store.set_respondent_role(ben, Role::Leader).unwrap_err();
    assert!(
        matches!(&refused, StoreError::Conflict(m) if m.contains("completed")),
        "{refused:?}"
    );
    assert_eq!(store.assessment_data(a.id).unwrap().answers[1].role, None);

    // A whole assessment recorded at once keeps each respondent's role.
    let recorded = store
        .record_assessment(&NewAssessment {
            team_id: team.id,
            questionnaire: &q,
            respondents: &[Respondent {
                name: "Cy".into(),
                role: Some(Role::Leader),
                answers: [("flow-1".to_string(), Answer::Level(4))].into(),
                ..Respondent::default()
            }],
            choices: &Choices::default(),
            dora_year: None,
            dora: &BTreeMap::new(),
            facilitator: None,
            started_at: now(),
            completed_at: now(),
        })
        .unwrap();
    assert_eq!(
        store.assessment_data(recorded.id).unwrap().answers[0].role,
        Some(Role::Leader)
    );
}

#[test]
fn a_stored_status_that_is_no_status_is_an_error_naming_the_assessment() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(team.id, &q, &["Ana".into()], None, now())
        .unwrap();
    let ana = store.assessment_data(a.id).unwrap().respondents[0].id;
    // The column's CHECK keeps the app from writing it; another program could.
    store
        .conn
        .execute_batch(&format!(
            "PRAGMA ignore_check_constraints = ON;
             UPDATE assessments SET status = 'done' WHERE id = {};
             PRAGMA ignore_check_constraints = OFF;",
            a.id
        ))
        .unwrap();
    let said = format!(
        "assessment {} has the status `done`, which is not \"in-progress\" or \"completed\"",
        a.id
    );
    let errors = [
        ("assessment", store.assessment(a.id).map(|_| ())),
        ("assessments_of", store.assessments_of(team.id).map(|_| ())),
        (
            "save_answer",
            store.save_answer(ana, "flow-1", Answer::Level(3), None, now()),
        ),
        (
            "set_respondent_role",
            store.set_respondent_role(ana, Role::Leader).map(|_| ()),
        ),
        (
            "join_respondent",
            store.join_respondent(a.id, "Ben", None, &[]).map(|_| ()),
        ),
        (
            "set_consensus",
            store
                .set_consensus(a.id, "flow-1", 3, "We agreed.", now())
                .map(|_| ()),
        ),
        (
            "export",
            store.export(crate::exchange::Scope::All).map(|_| ()),
        ),
    ];
    for (what, result) in errors {
        let e = result.expect_err(what).to_string();
        assert!(e.contains(&said), "{what}: {e}");
    }
    let written: (i64, i64, i64) = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM answers), (SELECT count(*) FROM respondents),
                    (SELECT count(*) FROM consensus)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        written,
        (0, 1, 0),
        "nothing was written: no answer, no Ben, no agreed level"
    );
}

#[test]
fn a_stored_time_that_is_no_time_is_an_error_naming_the_row_and_column() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(team.id, &q, &["Ana".into()], None, now())
        .unwrap();
    // Another program could write any text; the app writes only `date::written`.
    store
        .conn
        .execute(
            "UPDATE assessments SET started_at = '2026-02-31T10:00:00Z' WHERE id = ?1",
            [a.id],
        )
        .unwrap();
    let said = |row: &str| {
        format!(
            "assessment {row} has the started_at `2026-02-31T10:00:00Z`, which is not a time like 2026-11-20T14:30:00Z"
        )
    };
    // The store's own reads name the row by id; the export, by the uuid its file uses.
    for (what, result, row) in [
        (
            "assessment",
            store.assessment(a.id).map(|_| ()),
            a.id.to_string(),
        ),
        (
            "assessments_of",
            store.assessments_of(team.id).map(|_| ()),
            a.id.to_string(),
        ),
        (
            "scores_csv",
            store.scores_csv(None).map(|_| ()),
            a.id.to_string(),
        ),
        (
            "export",
            store.export(crate::exchange::Scope::All).map(|_| ()),
            a.uuid.clone(),
        ),
    ] {
        let e = result.expect_err(what).to_string();
        assert!(e.contains(&said(&row)), "{what}: {e}");
    }
    let e = store.assessment(a.id).expect_err("unreadable");
    assert!(
        e.to_string()
            .starts_with("the database holds a value this app cannot read: assessment"),
        "said as a value the app cannot read, not as SQLite's conversion error: {e}"
    );
    store
        .conn
        .execute(
            "UPDATE teams SET updated_at = 'last week' WHERE id = ?1",
            [team.id],
        )
        .unwrap();
    let e = store.teams().expect_err("teams").to_string();
    assert!(
        e.contains(&format!(
            "team {} has the updated_at `last week`, which is not a time like 2026-11-20T14:30:00Z",
            team.id
        )),
        "{e}"
    );
}

#[test]
fn the_person_answering_now_is_the_first_who_has_not_finished() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let a = store
        .start_assessment(team.id, &q, &["Ana".into(), "Ben".into()], None, now())
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(data.answering_now(), Some(0), "Ana answers first");
    store
        .finish_respondent(data.respondents[0].id, now())
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(data.answering_now(), Some(1), "then Ben");
    store
        .finish_respondent(data.respondents[1].id, now())
        .unwrap();
    let data = store.assessment_data(a.id).unwrap();
    assert_eq!(data.answering_now(), None, "then nobody");
}

#[test]
fn bad_answers_are_refused_and_change_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let a = store
        .start_assessment(team.id, &questionnaire("1"), &["Ana".into()], None, now())
        .unwrap();
    let r = store.assessment_data(a.id).unwrap().respondents[0].id;
    assert_eq!(
        store
            .save_answer(r, "flow-9", Answer::Level(3), None, now())
            .unwrap_err()
            .to_string(),
        "unknown question id `flow-9`"
    );
    assert!(
        store
            .save_answer(r, "flow-1", Answer::Level(7), None, now())
            .is_err(),
        "level 7"
    );
    assert!(
        store
            .save_answer(
                r,
                "flow-1",
                Answer::Level(2),
                Some(&"x".repeat(10_001)),
                now()
            )
            .is_err(),
        "evidence too long"
    );
    assert!(
        store
            .save_answer(999, "flow-1", Answer::Level(2), None, now())
            .is_err(),
        "unknown respondent"
    );
    assert!(store
        .set_dimension_choice(a.id, "nope", Some(3), None)
        .is_err());
    assert!(store
        .set_dimension_choice(a.id, "flow", Some(6), None)
        .is_err());
    assert_eq!(
        store.assessment_data(a.id).unwrap().respondents[0].answered,
        0
    );
    store.complete_assessment(a.id, now()).unwrap();
    assert!(
        store
            .save_answer(r, "flow-1", Answer::Level(2), None, now())
            .is_err(),
        "a completed assessment is frozen"
    );
    assert!(
        store.complete_assessment(a.id, now()).is_err(),
        "completing twice is refused"
    );
}

#[test]
fn an_old_assessment_keeps_its_questionnaire_version() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let old = store
        .start_assessment(team.id, &questionnaire("1"), &["Ana".into()], None, now())
        .unwrap();
    let new = store
        .start_assessment(team.id, &questionnaire("2"), &["Ana".into()], None, now())
        .unwrap();
    let snapshot = |row: &AssessmentRow| {
        store
            .questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)
            .unwrap()
    };
    assert_eq!(snapshot(&old).questions[0].text, "Question 1 (1)");
    assert_eq!(snapshot(&new).questions[0].text, "Question 1 (2)");
    assert_eq!(store.assessments_of(team.id).unwrap().len(), 2);
}

#[test]
fn a_recorded_assessment_is_all_or_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let good = Respondent {
        name: "Ana".into(),
        role: None,
        answers: [("flow-1".to_string(), Answer::Level(2))].into(),
        ..Respondent::default()
    };
    let bad = Respondent {
        name: "Ben".into(),
        role: None,
        answers: [("flow-9".to_string(), Answer::Level(2))].into(),
        ..Respondent::default()
    };
    let respondents = [good, bad];
    let new = NewAssessment {
        team_id: team.id,
        questionnaire: &q,
        respondents: &respondents,
        choices: &Choices::default(),
        dora_year: None,
        dora: &BTreeMap::new(),
        facilitator: None,
        started_at: now(),
        completed_at: now(),
    };
    assert!(store.record_assessment(&new).is_err());
    assert!(
        store.assessments_of(team.id).unwrap().is_empty(),
        "nothing of the failed record remains"
    );
}

#[test]
fn scoring_data_scores_as_the_full_answers_do() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let q = questionnaire("1");
    let answers = |list: &[(&str, Answer)]| -> BTreeMap<String, Answer> {
        list.iter().map(|(id, a)| (id.to_string(), *a)).collect()
    };
    let respondents = [
        Respondent {
            name: "Ana".into(),
            answers: answers(&[
                ("flow-1", Answer::Level(2)),
                ("flow-2", Answer::Level(4)),
                ("flow-3", Answer::DontKnow),
            ]),
            ..Respondent::default()
        },
        // Someone who answered nothing keeps their (empty) sheet and place.
        Respondent {
            name: "Ben".into(),
            ..Respondent::default()
        },
        Respondent {
            name: "Cy".into(),
            answers: answers(&[
                ("flow-1", Answer::Level(5)),
                ("flow-2", Answer::NotApplicable),
                ("flow-3", Answer::Level(3)),
                ("flow-4", Answer::Level(1)),
            ]),
            ..Respondent::default()
        },
    ];
    let choices = Choices {
        targets: [("flow".to_string(), 4)].into(),
        agreed: [("flow-4".to_string(), 3)].into(),
        ..Choices::default()
    };
    let id = store
        .record_assessment(&NewAssessment {
            team_id: team.id,
            questionnaire: &q,
            respondents: &respondents,
            choices: &choices,
            dora_year: None,
            dora: &BTreeMap::new(),
            facilitator: None,
            started_at: now(),
            completed_at: now(),
        })
        .unwrap()
        .id;
    let scorer = Scorer::new(&q);
    let light = store.scoring_data(id, &scorer).unwrap();
    let full = store.assessment_data(id).unwrap();
    assert_eq!(light.sheets.len(), 3);
    let sheets: Vec<AnswerSheet> = full.answers.iter().map(|r| scorer.sheet(r)).collect();
    assert_eq!(light.sheets, sheets);
    assert_eq!(light.choices, full.choices);
    assert_eq!(
        scorer.summary_of_sheets(&light.sheets, &light.choices),
        scorer.summary(&full.answers, &full.choices)
    );
}
