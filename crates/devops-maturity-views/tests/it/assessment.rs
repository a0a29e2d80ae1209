//! An assessment while people answer in turn: only the person answering now gets answers back.

use devops_maturity_store::Store;
use devops_maturity_views::assessment;

use crate::fixture::{at, content};

#[test]
fn only_the_person_answering_now_sees_answers() {
    let content = content();
    let a = &content.assessment;
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", at(1, 12, 8)).unwrap();
    let people = ["Ann".to_string(), "Bo".to_string()];
    let row = assessment::start(
        &mut store,
        &a.questionnaire,
        false,
        team.id,
        &people,
        Some("  "),
        at(1, 12, 9),
    )
    .unwrap();
    assert_eq!(row.facilitator, None, "a blank facilitator is none");

    let view = assessment::state(&store, &a.dora, row.id).unwrap();
    let (ann, bo) = (view.respondents[0].id, view.respondents[1].id);
    assessment::save_answer(
        &mut store,
        ann,
        "flow-1",
        ("3", Some(" retro notes ")),
        at(1, 12, 10),
    )
    .unwrap();
    let err = assessment::save_answer(&mut store, ann, "flow-2", ("7", None), at(1, 12, 10));
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("`7` is not an answer"));

    let view = assessment::state(&store, &a.dora, row.id).unwrap();
    assert_eq!(
        view.respondents[0].answers["flow-1"], "3",
        "Ann answers now"
    );
    assert_eq!(
        view.respondents[0].evidence["flow-1"], "retro notes",
        "trimmed"
    );
    assert_eq!(view.dora_year, a.dora.default_year, "no year chosen yet");

    store.finish_respondent(ann, at(1, 12, 11)).unwrap();
    assessment::save_answer(&mut store, bo, "flow-1", ("dont-know", None), at(1, 12, 12)).unwrap();
    let view = assessment::state(&store, &a.dora, row.id).unwrap();
    assert!(
        view.respondents[0].answers.is_empty() && view.respondents[0].evidence.is_empty(),
        "Bo must not see what Ann chose"
    );
    assert_eq!(
        view.respondents[0].answered, 1,
        "only the count of Ann's answers"
    );
    assert_eq!(view.respondents[1].answers["flow-1"], "dont-know");
}

/// A quick scan is chosen when the assessment starts: its own questionnaire (the questions
/// marked quick), stored and labelled as one; a questionnaire without marks has none.
#[test]
fn a_quick_scan_starts_with_the_marked_questions_only() {
    let content = content();
    let mut q = content.assessment.questionnaire.clone();
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", at(1, 12, 8)).unwrap();
    let people = ["Ann".to_string()];
    let err = assessment::start(&mut store, &q, true, team.id, &people, None, at(1, 12, 9));
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("this questionnaire has no quick scan"));
    let first = q.questions[0].id.clone();
    for question in &mut q.questions {
        question.quick = question.id == first;
    }
    let row =
        assessment::start(&mut store, &q, true, team.id, &people, None, at(1, 12, 9)).unwrap();
    assert!(row.quick_scan);
    assert!(row.questionnaire_version.ends_with("+quick"));
    let view = assessment::state(&store, &content.assessment.dora, row.id).unwrap();
    let ids: Vec<&str> = view
        .questionnaire
        .questions
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(ids, [first.as_str()], "only the marked question is asked");
}
