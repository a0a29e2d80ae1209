//! One fixed database, built through the store's API with fixed times: two workshops (Booking
//! was at both), two teams answering the mini questionnaire of `tests/fixtures/mini`, a
//! practice round, an agreed level, and an earlier completed assessment for the history.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use devops_maturity_content::Content;
use devops_maturity_core::Answer;
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;

pub fn at(day: u32, month: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, hour, 0, 0).unwrap()
}

pub fn content() -> Content {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    devops_maturity_content::load_dir(&dir).expect("the mini content is valid")
}

pub struct Fixed {
    pub store: Store,
    pub booking: i64,
    pub workshop: i64,
    /// Booking's assessment at today's workshop.
    pub assessment: i64,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Saves each respondent's levels for flow-1 … flow-4 (0: no answer, 6: don't know).
fn answer(store: &mut Store, assessment: i64, levels: &[[u8; 4]], when: DateTime<Utc>) {
    let data = store.assessment_data(assessment).unwrap();
    for (row, levels) in data.respondents.iter().zip(levels) {
        for (i, &level) in levels.iter().enumerate() {
            let answer = match level {
                0 => continue,
                6 => Answer::DontKnow,
                l => Answer::Level(l),
            };
            let q = format!("flow-{}", i + 1);
            store.save_answer(row.id, &q, answer, None, when).unwrap();
        }
    }
}

pub fn fixed(content: &Content) -> Fixed {
    let q = &content.assessment.questionnaire;
    let mut store = Store::open_in_memory().unwrap();
    let spring = store
        .create_workshop(
            &NewWorkshop {
                name: "Spring day",
                held_on: "2026-05-12",
                facilitator: Some("Marta Keller"),
                organisation: Some("EJ Airways"),
                agenda_edits: None,
            },
            at(12, 5, 8),
        )
        .unwrap();
    let booking = store.create_team("Booking", at(12, 5, 8)).unwrap();
    let before = store
        .add_workshop_team(
            spring.id,
            booking.id,
            q,
            &names(&["Ann", "Bo"]),
            at(12, 5, 9),
        )
        .unwrap();
    answer(
        &mut store,
        before.assessment_id,
        &[[1, 2, 2, 1], [2, 2, 1, 1]],
        at(12, 5, 10),
    );
    store
        .complete_assessment(before.assessment_id, at(12, 5, 11))
        .unwrap();

    let workshop = store
        .create_workshop(
            &NewWorkshop {
                name: "Maturity day",
                held_on: "2026-11-23",
                facilitator: Some("Marta Keller"),
                organisation: Some("EJ Airways"),
                agenda_edits: Some(r#"{"start":"08:30"}"#),
            },
            at(23, 11, 8),
        )
        .unwrap();
    let today = store
        .add_workshop_team(
            workshop.id,
            booking.id,
            q,
            &names(&["Ann", "Bo", "Cy"]),
            at(23, 11, 9),
        )
        .unwrap();
    let loyalty = store
        .add_new_workshop_team(
            workshop.id,
            "Loyalty",
            q,
            &names(&["Di", ""]),
            at(23, 11, 9),
        )
        .unwrap();
    answer(
        &mut store,
        today.assessment_id,
        &[[1, 3, 2, 3], [4, 3, 3, 6], [0, 3, 2, 3]],
        at(23, 11, 10),
    );
    answer(
        &mut store,
        loyalty.assessment_id,
        &[[2, 2, 2, 3], [1, 2, 2, 2]],
        at(23, 11, 10),
    );
    let first = store
        .assessment_data(today.assessment_id)
        .unwrap()
        .respondents[0]
        .id;
    store.finish_respondent(first, at(23, 11, 10)).unwrap();
    store
        .set_consensus(
            today.assessment_id,
            "flow-1",
            3,
            "We release every two weeks.",
            at(23, 11, 11),
        )
        .unwrap();
    for (group, levels) in [(today.id, [2, 3, 6, 2]), (loyalty.id, [4, 2, 2, 2])] {
        for (i, level) in levels.into_iter().enumerate() {
            let answer = if level == 6 {
                Answer::DontKnow
            } else {
                Answer::Level(level)
            };
            let question = format!("flow-{}", i + 1);
            store
                .save_practice_answer(group, q, &question, answer, at(23, 11, 9))
                .unwrap();
        }
    }
    Fixed {
        store,
        booking: booking.id,
        workshop: workshop.id,
        assessment: today.assessment_id,
    }
}
