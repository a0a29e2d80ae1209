//! Small stores for the views' tests, built through the store's own API.

use chrono::{DateTime, TimeZone, Utc};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::Store;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

pub fn questionnaire() -> Questionnaire {
    Questionnaire::sample([("flow", ["q1", "q2"]), ("ops", ["q3", "q4"])])
}

pub struct Fixture {
    pub store: Store,
    pub assessment: i64,
}

/// Saves `answers` (question, level) for the assessment's respondents in answering order.
pub fn answer(store: &mut Store, assessment: i64, answers: &[&[(&str, u8)]]) {
    let data = store.assessment_data(assessment).unwrap();
    for (row, given) in data.respondents.iter().zip(answers) {
        for &(q, level) in *given {
            store
                .save_answer(row.id, q, Answer::Level(level), None, now())
                .unwrap();
        }
    }
}

/// Team "Core" with Ann, Bo and Cy: on q1 Ann votes 1 and Bo 4 (spread 3, a hot-spot), Cy has
/// not voted; the other questions are close.
pub fn discussion() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Core", now()).unwrap();
    let names = ["Ann", "Bo", "Cy"].map(String::from);
    let row = store
        .start_assessment(team.id, &questionnaire(), &names, None, now())
        .unwrap();
    answer(
        &mut store,
        row.id,
        &[
            &[("q1", 1), ("q2", 3), ("q3", 2), ("q4", 2)],
            &[("q1", 4), ("q2", 3), ("q3", 2), ("q4", 3)],
            &[("q2", 3), ("q3", 3), ("q4", 3)],
        ],
    );
    Fixture {
        store,
        assessment: row.id,
    }
}
