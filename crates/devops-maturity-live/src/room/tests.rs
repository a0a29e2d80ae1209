use devops_maturity_content::{Quiz, QuizQuestionKind, ShuffleKey};
use devops_maturity_core::Answer;

use super::quiz::{QuizGraded, QuizScore};
use super::*;

fn room() -> Room {
    let q = |ids: &[&str]| {
        let mut q = Questionnaire::sample([("flow", ids.iter().map(|s| s.to_string()))]);
        q.id = "q".into();
        Arc::new(q)
    };
    Room::new(
        1,
        "Day one".into(),
        vec![
            RoomTeam {
                link_id: 10,
                team_id: 1,
                name: "Booking".into(),
                assessment_id: 100,
                questionnaire: q(&["flow-1", "flow-2"]),
            },
            RoomTeam {
                link_id: 20,
                team_id: 2,
                name: "Payments".into(),
                assessment_id: 200,
                questionnaire: q(&["pay-1"]),
            },
        ],
        3,
    )
}

fn join(room: &mut Room, link: i64, respondent: i64) -> String {
    let token = room.join_token().to_string();
    let team = room.admit(&token, link).expect("admitted");
    room.seat(team, respondent, format!("R{respondent}"), false)
        .1
}

#[test]
fn tokens_are_long_random_and_distinct() {
    let a = new_token();
    assert_eq!(a.len(), 64, "256 bits as hex");
    assert_ne!(a, new_token(), "two tokens differ");
    let r = room();
    assert_eq!(r.join_code().len(), CODE_LEN);
    assert!(r.join_code().bytes().all(|b| CODE_ALPHABET.contains(&b)));
}

#[test]
fn joining_needs_the_session_token_or_code_an_open_room_and_a_free_seat() {
    let mut r = room();
    let refused = r.admit("0".repeat(64).as_str(), 10).unwrap_err();
    assert_eq!(refused.code, "bad-join-token");
    let code = r.join_code().to_lowercase();
    let spaced = format!("{}-{}", &code[..3], &code[3..]);
    assert_eq!(
        r.admit(&spaced, 10),
        Ok(0),
        "the short code, any case, with its dash"
    );
    r.release();
    let token = r.join_token().to_string();
    assert_eq!(r.admit(&token, 99).unwrap_err().code, "no-such-team");
    join(&mut r, 10, 1);
    join(&mut r, 20, 2);
    r.admit(&token, 10).expect("third seat");
    assert_eq!(
        r.admit(&token, 10).unwrap_err().code,
        "full",
        "a held seat counts"
    );
    r.release();
    r.locked = true;
    assert_eq!(r.admit(&token, 10).unwrap_err().code, "locked");
    r.end();
    assert_eq!(r.admit(&token, 10).unwrap_err().code, "ended");
}

#[test]
fn a_participant_answers_only_their_own_teams_questions() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    assert_eq!(r.may_answer(&ana, "flow-1"), Ok((0, 1)));
    let foreign = r.may_answer(&ana, "pay-1").unwrap_err();
    assert_eq!(
        (foreign.status, foreign.code),
        (404, "no-such-question"),
        "another team's question"
    );
    assert_eq!(r.may_answer("nope", "flow-1").unwrap_err().status, 401);
}

#[test]
fn a_silent_vote_takes_one_question_and_hides_the_votes_until_the_reveal() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    assert!(r
        .set_mode(Mode::Vote {
            question_id: "nope".into(),
            revealed: false
        })
        .is_err());
    r.set_mode(Mode::Vote {
        question_id: "flow-2".into(),
        revealed: false,
    })
    .unwrap();
    assert_eq!(r.votes_visible(), None, "hidden before the reveal");
    assert_eq!(r.may_answer(&ana, "flow-1").unwrap_err().code, "wrong-mode");
    assert!(r.may_answer(&ana, "flow-2").is_ok());
    r.set_mode(Mode::Vote {
        question_id: "flow-2".into(),
        revealed: true,
    })
    .unwrap();
    assert_eq!(r.votes_visible(), Some("flow-2"));
    assert_eq!(
        r.may_answer(&ana, "flow-2").unwrap_err().code,
        "revealed",
        "a revealed vote is final"
    );
    r.set_mode(Mode::Assessment).unwrap();
    assert_eq!(r.votes_visible(), None);
}

#[test]
fn removing_or_ending_kills_tokens() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    let ben = join(&mut r, 10, 2);
    assert_eq!(r.taken(0), vec![1, 2]);
    r.remove(1).unwrap();
    assert_eq!(
        r.participant(&ana).unwrap_err().code,
        "removed",
        "a removed token stops working"
    );
    assert!(r.participant(&ben).is_ok());
    assert_eq!(
        r.seats(),
        vec![vec![2], vec![]],
        "removed people are not counted"
    );
    assert_eq!(r.overview("http://x/", Instant::now()).joined, 1);
    r.end();
    assert_eq!(r.participant(&ben).unwrap_err().code, "ended");
    assert_eq!(r.set_mode(Mode::Assessment).unwrap_err().code, "ended");
}

fn quiz() -> Arc<Quiz> {
    use devops_maturity_content::{QuizOption, QuizQuestion};
    let question = |id: &str, kind, correct: &[bool]| QuizQuestion {
        id: id.into(),
        kind,
        prompt: format!("prompt of {id}"),
        options: correct
            .iter()
            .enumerate()
            .map(|(i, &c)| QuizOption {
                text: format!("option {i}"),
                correct: c,
                feedback: format!("why {i}"),
            })
            .collect(),
    };
    Arc::new(Quiz {
        questions: vec![
            question("q1", QuizQuestionKind::Single, &[false, true, false]),
            question("q2", QuizQuestionKind::Multiple, &[true, false, true]),
        ],
    })
}

#[test]
fn a_knowledge_check_takes_answers_only_to_the_open_current_question() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    let t0 = Instant::now();
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
        "no-quiz",
        "no check under way"
    );
    assert_eq!(
        r.set_mode(Mode::Quiz {
            module_id: "m".into(),
            question: 0,
            phase: QuizPhase::Open
        })
        .unwrap_err()
        .code,
        "use-controls",
        "a check cannot be switched on without its quiz"
    );
    r.start_quiz("m", "Module", quiz()).unwrap();
    assert_eq!(
        r.may_answer(&ana, "flow-1").unwrap_err().code,
        "wrong-mode",
        "the questionnaire waits"
    );
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
        "not-open"
    );
    assert_eq!(r.open_question(4, t0).unwrap_err().code, "bad-seconds");
    r.open_question(30, t0).unwrap();
    assert_eq!(
        r.quiz_answer(&ana, "q2", &[0], t0).unwrap_err().code,
        "not-current",
        "a later question of the same check"
    );
    assert_eq!(
        r.quiz_answer(&ana, "other-quiz-q", &[0], t0)
            .unwrap_err()
            .code,
        "no-such-question",
        "a question of another quiz"
    );
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[3], t0).unwrap_err().code,
        "bad-answer"
    );
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[0, 1], t0).unwrap_err().code,
        "bad-answer",
        "one answer to a single-choice question"
    );
    r.quiz_answer(&ana, "q1", &[0], t0).unwrap();
    r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
    r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
    let o = r.overview("x", t0).quiz.unwrap();
    assert_eq!(o.answered, 1, "one person, however often they answered");
    assert_eq!(o.seconds_left, Some(30));
    assert_eq!(
        o.distribution, None,
        "no distribution while the question is open"
    );
    assert_eq!(o.correct, None, "nor the right answer");
    let phone = r.quiz_phone(&ana, t0).unwrap();
    assert_eq!(phone.chosen, vec![1], "the last answer counts");
    assert!(
        phone
            .options
            .iter()
            .all(|o| o.correct.is_none() && o.feedback.is_none()),
        "a phone learns what is right only once the question closes"
    );
    let late = t0 + Duration::from_secs(32);
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[2], late).unwrap_err().code,
        "time-up"
    );
    assert_eq!(r.next_question().unwrap_err().code, "not-closed");
    r.close_question().unwrap();
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[2], t0).unwrap_err().code,
        "closed"
    );
    let o = r.overview("x", t0).quiz.unwrap();
    assert_eq!(o.distribution, Some(vec![0, 1, 0]), "shown once closed");
    assert_eq!(o.correct, Some(vec![1]));
    assert!(r
        .quiz_phone(&ana, t0)
        .unwrap()
        .options
        .iter()
        .all(|o| o.correct.is_some()));
    r.end();
    assert_eq!(
        r.quiz_answer(&ana, "q1", &[1], t0).unwrap_err().code,
        "ended"
    );
    assert_eq!(r.open_question(30, t0).unwrap_err().code, "ended");
}

#[test]
fn options_are_shuffled_per_person_as_the_app_shuffles_them() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    r.start_quiz("m", "Module", quiz()).unwrap();
    let key = ShuffleKey {
        learner: 7,
        attempt: 2,
    };
    r.set_quiz_key(1, key);
    r.set_quiz_key(
        1,
        ShuffleKey {
            learner: 9,
            attempt: 1,
        },
    );
    let shown: Vec<usize> = r
        .quiz_phone(&ana, Instant::now())
        .unwrap()
        .options
        .iter()
        .map(|o| o.index)
        .collect();
    assert_eq!(
        shown,
        quiz().option_order("m", key)[0],
        "the first key set stays"
    );
}

#[test]
fn finishing_grades_takers_once_and_counts_anonymous_ones_without_storing_them() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    let token = r.join_token().to_string();
    let team = r.admit(&token, 20).unwrap();
    let anon = r.seat(team, 2, "Respondent 1".into(), true).1;
    let _idle = join(&mut r, 10, 3);
    let t0 = Instant::now();
    r.start_quiz("m", "Module", quiz()).unwrap();
    r.open_question(30, t0).unwrap();
    r.quiz_answer(&ana, "q1", &[1], t0).unwrap();
    r.quiz_answer(&anon, "q1", &[0], t0).unwrap();
    assert_eq!(r.quiz_grades().unwrap_err().code, "not-last");
    r.close_question().unwrap();
    r.next_question().unwrap();
    assert_eq!(
        r.quiz_phone(&ana, t0).unwrap().chosen,
        Vec::<usize>::new(),
        "a new question starts blank"
    );
    r.open_question(30, t0).unwrap();
    r.quiz_answer(&ana, "q2", &[2, 0], t0).unwrap();
    assert_eq!(r.next_question().unwrap_err().code, "not-closed");
    r.close_question().unwrap();
    assert_eq!(r.next_question().unwrap_err().code, "last-question");
    let (module, graded) = r.quiz_grades().unwrap();
    assert_eq!(module, "m");
    assert_eq!(
        graded,
        vec![
            QuizGraded {
                participant: 1,
                name: Some("R1".into()),
                team_id: 1,
                correct: 2,
                total: 2,
                answers: vec![vec![1], vec![0, 2]],
            },
            QuizGraded {
                participant: 2,
                name: None,
                team_id: 2,
                correct: 0,
                total: 2,
                answers: vec![vec![0], vec![]],
            },
        ],
        "the idle participant took no part; a blank counts as wrong"
    );
    assert_eq!(
        r.quiz_grades().unwrap_err().code,
        "saving",
        "a second finish while the first is stored"
    );
    assert!(
        r.quiz_phone(&ana, t0).unwrap().result.is_none(),
        "no score before the results are durable"
    );
    r.quiz_saved(&graded, &[1]);
    assert_eq!(r.quiz_grades().unwrap_err().code, "finished", "stored once");
    assert_eq!(
        r.quiz_phone(&ana, t0).unwrap().result,
        Some(QuizScore {
            correct: 2,
            total: 2,
            stored: true
        })
    );
    assert!(!r.quiz_phone(&anon, t0).unwrap().result.unwrap().stored);
    let summary = r.overview("x", t0).quiz.unwrap().summary.unwrap();
    assert_eq!(
        (summary.stored, summary.anonymous, summary.scores),
        (1, 1, vec![1, 0, 1])
    );
}

#[test]
fn one_device_per_group_answers_the_practice_round_and_a_removed_one_frees_it() {
    let mut r = room();
    let ana = join(&mut r, 10, 1);
    let ben = join(&mut r, 10, 2);
    let pia = join(&mut r, 20, 3);
    assert_eq!(r.claim_device(&ana).unwrap_err().code, "wrong-mode");
    let ej = Arc::new(Questionnaire::sample([("flow", ["ej-1", "ej-2"])]));
    r.start_practice(ej.clone(), vec![["ej-1".to_string()].into()])
        .unwrap();
    assert_eq!(
        r.practice_may_answer(&ana, "ej-2", Answer::Level(3))
            .unwrap_err()
            .code,
        "not-your-device",
        "claim first"
    );
    assert!(r.claim_device(&ana).unwrap().mine);
    assert!(r.claim_device(&ana).unwrap().mine, "claiming again is fine");
    let refused = r.claim_device(&ben).unwrap_err();
    assert_eq!(
        (refused.code, refused.message.as_str()),
        ("claimed", "your group answers on R1's device")
    );
    let seat = r.practice_seat(&ben).unwrap();
    assert_eq!((seat.mine, seat.device.as_deref()), (false, Some("R1")));
    assert_eq!(
        r.practice_may_answer(&ben, "ej-2", Answer::Level(3))
            .unwrap_err()
            .code,
        "not-your-device"
    );
    assert!(
        r.claim_device(&pia).unwrap().mine,
        "each group has its own device"
    );
    let seat = r
        .practice_may_answer(&ana, "ej-2", Answer::Level(3))
        .unwrap();
    assert_eq!((seat.team, seat.link_id), (0, 10));
    assert_eq!(
        r.practice_may_answer(&ana, "flow-1", Answer::Level(3))
            .unwrap_err()
            .code,
        "no-such-question",
        "a team questionnaire's question is not a practice question"
    );
    assert_eq!(
        r.practice_may_answer(&ana, "ej-2", Answer::NotApplicable)
            .unwrap_err()
            .code,
        "bad-answer"
    );
    assert_eq!(r.practice_saved(0, "ej-2"), 2);
    let o = r.overview("x", Instant::now()).practice.unwrap();
    assert_eq!(o.questions, 2);
    assert_eq!(
        (o.groups[0].device.as_deref(), o.groups[0].answered),
        (Some("R1"), 2)
    );
    r.remove(1).unwrap();
    assert!(
        r.claim_device(&ben).unwrap().mine,
        "a removed device frees the claim"
    );
    r.set_mode(Mode::Assessment).unwrap();
    assert_eq!(r.claim_device(&ben).unwrap_err().code, "wrong-mode");
    r.start_practice(ej, vec![]).unwrap();
    assert!(
        r.practice_seat(&ben).unwrap().mine,
        "claims survive a mode switch"
    );
    r.end();
    assert_eq!(r.claim_device(&pia).unwrap_err().code, "ended");
}
