//! Workshops and agreed levels through the store's public API: creating a day of teams, the
//! respondents' progress, and consensus that scores while the votes stay as they were cast.

use chrono::{DateTime, Utc};
use devops_maturity_core::date::written;
use devops_maturity_core::scoring::{score, Scorer};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::{Store, StoreError};

use super::flow_questionnaire;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn day<'a>(name: &'a str) -> NewWorkshop<'a> {
    NewWorkshop {
        name,
        held_on: "2026-11-23",
        facilitator: Some("Marta Keller"),
        organisation: Some("EJ Airways"),
        agenda_edits: Some(r#"{"start":"08:30"}"#),
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_workshop_holds_teams_each_with_its_own_assessment_and_respondents() {
    let mut store = Store::open_in_memory().unwrap();
    let q = flow_questionnaire();
    let w = store.create_workshop(&day("Maturity day"), now()).unwrap();
    assert_eq!(w.agenda_edits.as_deref(), Some(r#"{"start":"08:30"}"#));
    let booking = store.create_team("Booking", now()).unwrap();
    let first = store
        .add_workshop_team(w.id, booking.id, &q, &names(&["Ana", "", "  "]), now())
        .unwrap();
    assert_eq!(
        first
            .respondents
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Ana", "Respondent 2", "Respondent 3"],
        "blank names become numbered anonymous respondents"
    );
    let second = store
        .add_new_workshop_team(w.id, "Loyalty", &q, &names(&["", "Ben"]), now())
        .unwrap();
    assert_eq!(second.team_name, "Loyalty", "a team created on the spot");
    assert_eq!((first.position, second.position), (1, 2));

    let detail = store.workshop(w.id).unwrap();
    assert_eq!(detail.workshop, w);
    assert_eq!(
        detail
            .teams
            .iter()
            .map(|t| (t.team_name.as_str(), t.status.code(), t.respondents.len()))
            .collect::<Vec<_>>(),
        [("Booking", "in-progress", 3), ("Loyalty", "in-progress", 2)]
    );
    let assessment = store.assessment(first.assessment_id).unwrap();
    assert_eq!(
        (assessment.team_id, assessment.facilitator.as_deref()),
        (booking.id, Some("Marta Keller")),
        "the team's session is an ordinary assessment led by the workshop's facilitator"
    );
    assert_eq!(
        store.workshop_of_assessment(first.assessment_id).unwrap(),
        Some((w.id, "Maturity day".to_string()))
    );

    let list = store.workshops().unwrap();
    assert_eq!((list.len(), list[0].teams, list[0].respondents), (1, 2, 5));
}

#[test]
fn the_facilitator_sees_who_has_finished() {
    let mut store = Store::open_in_memory().unwrap();
    let q = flow_questionnaire();
    let w = store.create_workshop(&day("Day"), now()).unwrap();
    let team = store
        .add_new_workshop_team(w.id, "Booking", &q, &names(&["Ana", "Ben"]), now())
        .unwrap();
    let ana = team.respondents[0].id;
    store
        .save_answer(ana, "flow-1", Answer::Level(3), None, now())
        .unwrap();
    store
        .save_answer(ana, "flow-2", Answer::DontKnow, None, now())
        .unwrap();
    store.finish_respondent(ana, now()).unwrap();
    let team = &store.workshop(w.id).unwrap().teams[0];
    assert_eq!(
        team.respondents
            .iter()
            .map(|r| (r.name.as_str(), r.finished, r.answered))
            .collect::<Vec<_>>(),
        [("Ana", true, 2), ("Ben", false, 0)]
    );
}

#[test]
fn bad_workshops_and_duplicate_teams_are_refused_and_change_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let q = flow_questionnaire();
    let refused = |store: &mut Store, new: NewWorkshop<'_>| {
        store.create_workshop(&new, now()).unwrap_err().to_string()
    };
    assert_eq!(
        refused(&mut store, day("  ")),
        "a workshop name cannot be empty"
    );
    assert_eq!(
        refused(
            &mut store,
            NewWorkshop {
                held_on: "23/11/2026",
                ..day("Day")
            }
        ),
        "the workshop date `23/11/2026` is not a date such as 2026-11-20"
    );
    for held_on in ["2026-02-29", "2026-11-5", "2026-13-01"] {
        assert_eq!(
            refused(
                &mut store,
                NewWorkshop {
                    held_on,
                    ..day("Day")
                }
            ),
            format!("the workshop date `{held_on}` is not a date such as 2026-11-20")
        );
    }
    assert_eq!(
        refused(
            &mut store,
            NewWorkshop {
                agenda_edits: Some("[1, 2]"),
                ..day("Day")
            }
        ),
        "the workshop's agenda edits are not a JSON object"
    );
    assert!(store.workshops().unwrap().is_empty());

    let w = store.create_workshop(&day("Day"), now()).unwrap();
    let team = store
        .add_new_workshop_team(w.id, "Booking", &q, &names(&["Ana"]), now())
        .unwrap();
    let again = store
        .add_workshop_team(w.id, team.team_id, &q, &names(&["Ben"]), now())
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict(_)), "{again}");
    assert_eq!(
        again.to_string(),
        "Booking is already in the workshop “Day”"
    );
    let taken = store
        .add_new_workshop_team(w.id, "booking", &q, &names(&["Ben"]), now())
        .unwrap_err();
    assert!(matches!(taken, StoreError::Conflict(_)), "{taken}");
    assert!(
        store
            .add_new_workshop_team(w.id, "Loyalty", &q, &[], now())
            .is_err(),
        "a team needs a respondent"
    );
    assert!(
        store.team_by_name("Loyalty").unwrap().is_none(),
        "a refused team created on the spot is not left behind"
    );
    assert_eq!(
        store.assessments_of(team.team_id).unwrap().len(),
        1,
        "the refused second session started no assessment"
    );
    assert!(matches!(
        store.workshop(999).unwrap_err(),
        StoreError::NotFound { .. }
    ));
}

#[test]
fn a_workshop_can_be_edited() {
    let mut store = Store::open_in_memory().unwrap();
    let w = store.create_workshop(&day("Day"), now()).unwrap();
    let edited = store
        .update_workshop(
            w.id,
            &NewWorkshop {
                name: "Maturity day, Hamburg",
                held_on: "2026-11-24",
                facilitator: None,
                organisation: Some("  "),
                agenda_edits: None,
            },
        )
        .unwrap();
    assert_eq!(
        (
            edited.name.as_str(),
            edited.held_on.to_string().as_str(),
            edited.facilitator,
            edited.organisation,
            edited.agenda_edits
        ),
        ("Maturity day, Hamburg", "2026-11-24", None, None, None)
    );
    assert_eq!(edited.uuid, w.uuid, "the same workshop");
}

/// Three respondents; on flow-1 they vote 1, 3 and 5, elsewhere 3.
fn voted(store: &mut Store) -> (i64, Questionnaire) {
    let q = flow_questionnaire();
    let w = store.create_workshop(&day("Day"), now()).unwrap();
    let team = store
        .add_new_workshop_team(w.id, "Booking", &q, &names(&["Ana", "Ben", "Cai"]), now())
        .unwrap();
    for (r, first) in team.respondents.iter().zip([1, 3, 5]) {
        store
            .save_answer(r.id, "flow-1", Answer::Level(first), None, now())
            .unwrap();
        for other in ["flow-2", "flow-3", "flow-4"] {
            store
                .save_answer(r.id, other, Answer::Level(3), None, now())
                .unwrap();
        }
    }
    (team.assessment_id, q)
}

#[test]
fn the_agreed_level_scores_and_the_votes_stay_stored() {
    let mut store = Store::open_in_memory().unwrap();
    let (id, q) = voted(&mut store);
    let before = store.assessment_data(id).unwrap();
    let s = score(&q, &before.answers, &before.choices);
    assert_eq!(s.dimensions[0].score, Some(3.0), "median of 2.5, 3 and 3.5");

    let c = store
        .set_consensus(
            id,
            "flow-1",
            2,
            "  Only the release train deploys weekly. ",
            now(),
        )
        .unwrap();
    assert_eq!(
        (c.level, c.rationale.as_str(), written(c.decided_at)),
        (
            2,
            "Only the release train deploys weekly.",
            "2026-11-23T09:30:00Z".to_string()
        )
    );
    let after = store.assessment_data(id).unwrap();
    assert_eq!(after.choices.agreed.get("flow-1"), Some(&2));
    assert_eq!(
        after.answers, before.answers,
        "the votes are never rewritten by a consensus"
    );
    let s = score(&q, &after.answers, &after.choices);
    assert_eq!(
        s.dimensions[0].score,
        Some(2.8),
        "(2 + 3 + 3 + 3) / 4 = 2.75 for everyone, kept as shown: 2.8"
    );
    assert_eq!(
        (
            s.questions[0].distribution,
            s.questions[0].spread,
            s.questions[0].agreed
        ),
        ([1, 0, 1, 0, 1], 4, Some(2)),
        "spread and votes shown beside the agreed level"
    );
    assert_eq!(
        Scorer::new(&q)
            .summary(&after.answers, &after.choices)
            .dimensions,
        [Some(2.8)],
        "history and comparisons score the agreed level too"
    );

    let revised = store
        .set_consensus(
            id,
            "flow-1",
            3,
            "After the retro notes: weekly for all.",
            now(),
        )
        .unwrap();
    assert_eq!(
        revised.uuid, c.uuid,
        "a revised decision keeps its identity"
    );
    assert_eq!(store.consensus_of(id).unwrap(), [revised]);

    store.clear_consensus(id, "flow-1").unwrap();
    let cleared = store.assessment_data(id).unwrap();
    assert!(cleared.choices.agreed.is_empty(), "the votes score again");
}

#[test]
fn bad_agreed_levels_are_refused_and_a_completed_assessment_is_frozen() {
    let mut store = Store::open_in_memory().unwrap();
    let (id, _) = voted(&mut store);
    let refuse = |store: &mut Store, question: &str, level: u8, rationale: &str| {
        store
            .set_consensus(id, question, level, rationale, now())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        refuse(&mut store, "flow-1", 6, "why"),
        "an agreed level is a level from 1 to 5, not 6"
    );
    assert!(refuse(&mut store, "flow-1", 2, " \n ").contains("rationale is required"));
    assert!(refuse(&mut store, "flow-1", 2, &"x".repeat(2_001)).contains("at most 2000"));
    assert_eq!(
        refuse(&mut store, "flow-9", 2, "why"),
        "unknown question id `flow-9`"
    );
    assert!(matches!(
        store
            .set_consensus(999, "flow-1", 2, "why", now())
            .unwrap_err(),
        StoreError::NotFound { .. }
    ));
    assert!(
        store.consensus_of(id).unwrap().is_empty(),
        "nothing was stored"
    );

    store.set_consensus(id, "flow-2", 4, "why", now()).unwrap();
    store.complete_assessment(id, now()).unwrap();
    let frozen = store
        .set_consensus(id, "flow-2", 1, "later", now())
        .unwrap_err();
    assert!(matches!(frozen, StoreError::Conflict(_)), "{frozen}");
    assert!(store.clear_consensus(id, "flow-2").is_err());
    assert_eq!(store.consensus_of(id).unwrap()[0].level, 4);
}
