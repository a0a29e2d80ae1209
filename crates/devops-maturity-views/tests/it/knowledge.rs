//! A knowledge check seen, answered and kept, on the mini course: the paper's JSON is pinned,
//! a refused answer stores nothing, and a learner's graded attempt is stored and counted.

use devops_maturity_store::Store;
use devops_maturity_views::knowledge::{self, QuizOutcome};

use crate::fixture::{at, content};

#[test]
fn a_knowledge_check_is_shown_graded_and_kept_for_a_learner() {
    let content = content();
    let course = &content.course;
    let mut store = Store::open_in_memory().unwrap();

    let view = knowledge::quiz(&store, course, "basics", Some(3)).unwrap();
    assert_eq!(
        (view.attempt, view.stored),
        (3, false),
        "no profile: the page's count"
    );
    insta::assert_json_snapshot!("quiz", view);
    let (number, (module, _)) = knowledge::module_quiz(course, "basics").unwrap();
    assert_eq!(
        (number, module.title.as_str()),
        (0, "Basics"),
        "what the live session starts"
    );
    let err = knowledge::quiz(&store, course, "nowhere", None).unwrap_err();
    assert_eq!(err.to_string(), "no module `nowhere`");

    let learner = store.create_learner("Ana", None, at(1, 12, 9)).unwrap();
    store.set_current_learner(Some(learner.id)).unwrap();
    let refused = knowledge::quiz_submit(&mut store, course, "basics", &[], at(1, 12, 10));
    assert!(
        matches!(refused.unwrap(), QuizOutcome::Refused { .. }),
        "an unanswered question is refused"
    );
    assert!(
        store.quiz_results(learner.id).unwrap().is_empty(),
        "nothing stored"
    );

    let questions = knowledge::quiz(&store, course, "basics", None)
        .unwrap()
        .questions
        .len();
    let answers = vec![vec![0]; questions];
    match knowledge::quiz_submit(&mut store, course, "basics", &answers, at(1, 12, 10)).unwrap() {
        QuizOutcome::Graded { grade, result } => {
            let result = result.expect("kept for the learner");
            assert_eq!((result.correct, result.total), (grade.correct, grade.total));
        }
        QuizOutcome::Refused { error } => panic!("answered in full, refused: {error:?}"),
    }
    let next = knowledge::quiz(&store, course, "basics", Some(9)).unwrap();
    assert_eq!(
        (next.attempt, next.stored),
        (2, true),
        "the learner's second attempt"
    );
}
