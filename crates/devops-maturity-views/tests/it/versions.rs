//! Questionnaire 1.1 shipped over a database holding 1.0.0 assessments: the old ones keep
//! their 1.0.0 text and score exactly as before (results, history, a workshop's page and
//! projector, an export imported elsewhere), new ones are 1.1.0 with the leadership marks the
//! old snapshot lacks. The 1.0.0 snapshot is the real one, as a database stored it before the
//! `leadership` and `quick` marks existed (`tests/fixtures/questionnaire-1.0.0.json`).

use chrono::{DateTime, TimeZone, Utc};
use devops_maturity_content::Content;
use devops_maturity_core::{Answer, Questionnaire, Role};
use devops_maturity_store::exchange::Scope;
use devops_maturity_store::workshops::NewWorkshop;
use devops_maturity_store::Store;
use devops_maturity_views::{dashboard, history, results, workshop};

pub const OLD_DEPLOY: &str =
    "How is a new version deployed to production, and how is it released to users?";
pub const NEW_DEPLOY: &str = "How is a new version deployed to production?";

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap()
}

pub fn old_questionnaire() -> Questionnaire {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/questionnaire-1.0.0.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

pub fn content() -> Content {
    devops_maturity_content::load_embedded().expect("the built-in content is valid")
}

/// Ana (who leads the team) and Ben answer every question of their assessment's snapshot with
/// 3, except continuous-delivery-3 and programming-1, where Ana says 1 and Ben 5: every
/// dimension 3.0 (each person's median is 3), overall 3.0, and those two questions split the
/// pair.
fn answer_all(store: &mut Store, assessment: i64, q: &Questionnaire) {
    let data = store.assessment_data(assessment).unwrap();
    for (person, row) in data.respondents.iter().enumerate() {
        let role = [Role::Leader, Role::Practitioner][person];
        store.set_respondent_role(row.id, role).unwrap();
        for question in &q.questions {
            let level = match question.id.as_str() {
                "continuous-delivery-3" | "programming-1" => [1, 5][person],
                _ => 3,
            };
            store
                .save_answer(row.id, &question.id, Answer::Level(level), None, at(10))
                .unwrap();
        }
        store.finish_respondent(row.id, at(11)).unwrap();
    }
}

fn names() -> Vec<String> {
    vec!["Ana".into(), "Ben".into()]
}

/// The results page's score as the app receives it.
fn score_json(store: &Store, content: &Content, id: i64) -> serde_json::Value {
    let r = results::results(store, &content.assessment.dora, id, None).unwrap();
    serde_json::to_value(r.view().score).unwrap()
}

#[test]
fn a_1_0_assessment_scores_and_reads_the_same_after_1_1_ships() {
    let content = content();
    let today = &content.assessment.questionnaire;
    assert_eq!(today.version, "1.1.0", "this test is about shipping 1.1.0");
    let old_q = old_questionnaire();
    assert_eq!(
        (old_q.version.as_str(), old_q.questions.len()),
        ("1.0.0", 78)
    );
    assert!(old_q.dimensions.iter().all(|d| !d.leadership));

    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", at(8)).unwrap();
    let old = store
        .start_assessment(team.id, &old_q, &names(), None, at(9))
        .unwrap();
    answer_all(&mut store, old.id, &old_q);
    store.complete_assessment(old.id, at(12)).unwrap();
    let before = score_json(&store, &content, old.id);
    assert_eq!(before["overall"], 3.0, "18 dimensions of 3.0");
    assert_eq!(before["hot_spots"].as_array().unwrap().len(), 2);

    // 1.1 ships: the team starts a new assessment with today's questionnaire.
    let new = store
        .start_assessment(team.id, today, &names(), None, at(13))
        .unwrap();
    assert_eq!(new.questionnaire_version, "1.1.0");
    answer_all(&mut store, new.id, today);
    store.complete_assessment(new.id, at(14)).unwrap();

    // The old assessment: the same score, its own 1.0.0 text.
    assert_eq!(score_json(&store, &content, old.id), before);
    let r = results::results(&store, &content.assessment.dora, old.id, None).unwrap();
    assert_eq!(r.questionnaire, old_q, "its snapshot, unchanged");
    assert_eq!(
        r.questionnaire.question_text("continuous-delivery-3"),
        OLD_DEPLOY
    );
    assert!(r.questionnaire.question("end-to-end-5").is_some());
    assert!(r.questionnaire.question("end-to-end-6").is_none());
    assert!(
        r.view().score.by_role.is_empty(),
        "no leadership marks in the old snapshot, so nothing is shown apart"
    );

    // The new one: 83 questions, with the leadership marks the old snapshot lacks.
    let n = results::results(&store, &content.assessment.dora, new.id, None).unwrap();
    assert_eq!(n.questionnaire.questions.len(), 83);
    assert_eq!(
        n.questionnaire.question_text("continuous-delivery-3"),
        NEW_DEPLOY
    );
    let marked: Vec<&str> = n
        .questionnaire
        .dimensions
        .iter()
        .filter(|d| d.leadership)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(marked, ["autonomous-teams", "courage", "devops-leadership"]);
    assert_eq!(
        n.view().score.by_role.len(),
        3,
        "Ana leads: the three leadership dimensions show leaders apart"
    );

    // The history compares the two by dimension: every dimension 3.0 in both, no change.
    let h = history::team_history(&store, team.id).unwrap();
    let json = serde_json::to_value(&h).unwrap();
    let entries = json["assessments"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    let latest = entries
        .iter()
        .find(|e| e["assessment"]["id"] == new.id)
        .unwrap();
    assert_eq!(latest["previous"], old.id);
    assert_eq!(latest["overall_change"], 0.0);
    assert_eq!(latest["dimensions"].as_array().unwrap().len(), 18);
    for d in latest["dimensions"].as_array().unwrap() {
        assert_eq!(d["change"], 0.0, "{d}");
    }

    // Exported and imported into another database: the same score and text there.
    let file = store.export(Scope::Team(team.id)).unwrap();
    let mut elsewhere = Store::open_in_memory().unwrap();
    elsewhere.import(&file).unwrap();
    let moved = elsewhere.teams().unwrap()[0].id;
    let rows = elsewhere.assessments_of(moved).unwrap();
    let moved_old = rows
        .iter()
        .find(|a| a.questionnaire_version == "1.0.0")
        .unwrap();
    assert_eq!(score_json(&elsewhere, &content, moved_old.id), before);
    let r = results::results(&elsewhere, &content.assessment.dora, moved_old.id, None).unwrap();
    assert_eq!(
        r.questionnaire.question_text("continuous-delivery-3"),
        OLD_DEPLOY
    );
}

/// A database that stored 1.0.0 after the marks were added imports a file from one that
/// stored it before: the two snapshots ask the same, so the file is taken (not refused as a
/// conflict) and the stored snapshot stays.
#[test]
fn an_old_snapshot_without_its_marks_imports_into_a_database_with_them() {
    let content = content();
    let old_q = old_questionnaire();
    let mut marked = old_q.clone();
    for d in &mut marked.dimensions {
        d.leadership = matches!(
            d.id.as_str(),
            "autonomous-teams" | "courage" | "devops-leadership"
        );
    }
    let mut office = Store::open_in_memory().unwrap();
    let team = office.create_team("Booking", at(8)).unwrap();
    let a = office
        .start_assessment(team.id, &old_q, &names(), None, at(9))
        .unwrap();
    answer_all(&mut office, a.id, &old_q);
    office.complete_assessment(a.id, at(12)).unwrap();
    let before = score_json(&office, &content, a.id);
    let file = office.export(Scope::Team(team.id)).unwrap();

    let mut leader = Store::open_in_memory().unwrap();
    let own = leader.create_team("Payments", at(8)).unwrap();
    leader
        .start_assessment(own.id, &marked, &names(), None, at(9))
        .unwrap();
    leader
        .import(&file)
        .expect("the same questions, so no conflict");
    let booking = leader.team_by_name("Booking").unwrap().unwrap();
    let imported = &leader.assessments_of(booking.id).unwrap()[0];
    let after = score_json(&leader, &content, imported.id);
    assert_eq!(after["dimensions"], before["dimensions"]);
    assert_eq!(after["overall"], before["overall"]);
    assert_eq!(
        after["by_role"].as_array().unwrap().len(),
        3,
        "read with the stored snapshot's marks, Ana's leadership is shown apart"
    );
    assert_eq!(
        leader
            .questionnaire_snapshot("dasa-devops-team", "1.0.0")
            .unwrap(),
        marked,
        "the stored snapshot stays"
    );
}

/// A workshop begun with 1.0.0 and joined by a team after 1.1.0 shipped: each team's progress
/// counts its own version's questions, and the projector's hot spots read each question in
/// the version its teams answered; a question that reads the same in both is one spot.
#[test]
fn a_workshop_of_two_versions_reads_each_team_in_its_own() {
    let content = content();
    let today = &content.assessment.questionnaire;
    let old_q = old_questionnaire();
    let mut store = Store::open_in_memory().unwrap();
    let w = store
        .create_workshop(
            &NewWorkshop {
                name: "Maturity day",
                held_on: "2026-11-23",
                facilitator: None,
                organisation: None,
                agenda_edits: None,
            },
            at(8),
        )
        .unwrap();
    let early = store
        .add_new_workshop_team(w.id, "Booking", &old_q, &names(), at(9))
        .unwrap();
    let late = store
        .add_new_workshop_team(w.id, "Loyalty", today, &names(), at(9))
        .unwrap();
    answer_all(&mut store, early.assessment_id, &old_q);
    answer_all(&mut store, late.assessment_id, today);

    let page = workshop::page(&store, &content, w.id).unwrap();
    assert_eq!(page.questions[&early.assessment_id], 78);
    assert_eq!(page.questions[&late.assessment_id], 83);

    let d = dashboard::dashboard(&store, &content, w.id, 600).unwrap();
    let spots: Vec<(&str, &str, Vec<&str>)> = d
        .hot_spots
        .iter()
        .map(|s| {
            (
                s.question_id.as_str(),
                s.text.as_str(),
                s.teams.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let programming = old_q.question_text("programming-1");
    assert_eq!(programming, today.question_text("programming-1"));
    assert_eq!(
        spots,
        [
            ("programming-1", programming, vec!["Booking", "Loyalty"]),
            ("continuous-delivery-3", OLD_DEPLOY, vec!["Booking"]),
            ("continuous-delivery-3", NEW_DEPLOY, vec!["Loyalty"]),
        ],
        "spread 4 everywhere: the spot of two teams first, then questionnaire order"
    );
    let numbers: Vec<usize> = d.hot_spots.iter().map(|s| s.number).collect();
    assert_eq!(
        numbers,
        [
            old_q.number_of("programming-1"),
            old_q.number_of("continuous-delivery-3"),
            today.number_of("continuous-delivery-3"),
        ]
    );
}

/// The EJ Airways round of a workshop held on 1.0.0 (Booking, whose assessment and answers
/// are on 1.0.0) against today's key, beside a group that answered on 1.1.0 (Loyalty). Both
/// give the key's level wherever their version asks the key's question alike, and the level
/// furthest from it elsewhere: Booking is compared only on the questions 1.0.0 asks as 1.1.0
/// does, all on the key; Loyalty on all 83, as before versions were recorded.
#[test]
fn a_1_0_practice_round_is_compared_with_the_1_1_key_only_where_both_ask_alike() {
    use devops_maturity_core::compare::comparable;
    use devops_maturity_views::practice;

    let content = content();
    let assessment = &content.assessment;
    let today = &assessment.questionnaire;
    let old_q = old_questionnaire();
    let key: std::collections::BTreeMap<&str, u8> = assessment
        .key
        .iter()
        .map(|k| (k.question.as_str(), k.level))
        .collect();
    assert_eq!(key.len(), 83, "the key covers every question of 1.1.0");
    let alike = comparable(today, &old_q);

    let mut store = Store::open_in_memory().unwrap();
    let w = store
        .create_workshop(
            &NewWorkshop {
                name: "Maturity day",
                held_on: "2026-11-23",
                facilitator: None,
                organisation: None,
                agenda_edits: None,
            },
            at(8),
        )
        .unwrap();
    let booking = store
        .add_new_workshop_team(w.id, "Booking", &old_q, &names(), at(9))
        .unwrap();
    let loyalty = store
        .add_new_workshop_team(w.id, "Loyalty", today, &names(), at(9))
        .unwrap();
    let far = |level: u8| if level >= 3 { 1 } else { 5 };
    for question in &old_q.questions {
        let id = question.id.as_str();
        let level = match key.get(id) {
            Some(&k) if alike.contains(id) => k,
            Some(&k) => far(k),
            None => 3, // end-to-end-5, which 1.1.0 dropped
        };
        store
            .save_practice_answer(booking.id, &old_q, id, Answer::Level(level), at(10))
            .unwrap();
    }
    for question in &today.questions {
        let id = question.id.as_str();
        store
            .save_practice_answer(loyalty.id, today, id, Answer::Level(key[id]), at(10))
            .unwrap();
    }

    // What FORMAT.md lists as changed from 1.0.0 to 1.1.0 is left out; what it does not
    // list, like customer-centric-2, is compared.
    for changed in [
        "continuous-delivery-5",
        "end-to-end-6",
        "continuous-delivery-3",
        "infrastructure-engineering-2",
        "security-risk-compliance-1",
        "programming-3",
        "customer-centric-1",
        "security-risk-compliance-2",
    ] {
        assert!(!alike.contains(changed), "{changed} changed in 1.1.0");
    }
    assert!(alike.contains("customer-centric-2") && alike.contains("programming-1"));
    let n = alike.len() as u32;
    assert_eq!(
        n, 41,
        "83 questions, less FORMAT.md's 6 new, 22 narrowed and 14 reworded ones"
    );

    let c = practice::comparison(&store, assessment, w.id).unwrap();
    assert_eq!(c.key_version, "1.1.0");
    let old = &c.groups[0];
    assert_eq!(old.answered_on, Some(vec![Some("1.0.0".to_string())]));
    assert_eq!(
        (old.summary.compared_on, old.summary.key_covers),
        (n, 83),
        "compared on the questions both versions ask alike"
    );
    assert_eq!(
        (
            old.summary.overall.answered,
            old.summary.overall.exact,
            old.summary.overall.not_compared
        ),
        (n, n, 83 - n),
        "every compared answer is on the key; the far answers to other wordings are not compared"
    );
    assert_eq!(
        old.version_note.as_deref(),
        Some(
            format!(
                "Answered on questionnaire 1.0.0; compared on {n} of 83 questions the key covers."
            )
            .as_str()
        )
    );
    let new = &c.groups[1];
    assert_eq!(
        (new.answered_on.as_ref(), new.version_note.as_ref()),
        (None, None)
    );
    assert_eq!(
        (new.summary.compared_on, new.summary.overall.exact),
        (83, 83),
        "a 1.1.0 round is compared on every question, as before"
    );
    let deploy = c
        .questions
        .iter()
        .find(|x| x.id == "continuous-delivery-3")
        .unwrap();
    assert!(
        deploy.before_reveal.groups[0].not_compared && !deploy.before_reveal.disagreement,
        "Booking's far answer to the old wording is no level and splits nobody"
    );

    // The answering page shows the answers to other wordings apart, so the group can answer
    // again on today's.
    let round = practice::round(&store, today, w.id).unwrap();
    assert_eq!(round.groups[0].answers.len(), n as usize);
    assert_eq!(
        round.groups[0].earlier.len(),
        78 - n as usize,
        "the other 1.0.0 answers, end-to-end-5 (not asked today) included"
    );
    let earlier = &round.groups[0].earlier["continuous-delivery-3"];
    assert_eq!(earlier.questionnaire_version.as_deref(), Some("1.0.0"));
    store
        .save_practice_answer(
            booking.id,
            today,
            "continuous-delivery-3",
            Answer::Level(key["continuous-delivery-3"]),
            at(11),
        )
        .unwrap();
    let c = practice::comparison(&store, assessment, w.id).unwrap();
    assert_eq!(
        c.groups[0].answered_on,
        Some(vec![Some("1.0.0".to_string()), Some("1.1.0".to_string())])
    );
    assert_eq!(
        c.groups[0].summary.overall.exact,
        n + 1,
        "answered again on 1.1.0, the question is compared"
    );
}

/// A round answered on a version the database holds no snapshot of (its wording unknown, like
/// a round whose version could not be told) is compared only where every version the database
/// knows (here 1.0.0, from an assessment, and the key's 1.1.0) asks alike.
#[test]
fn a_round_on_a_version_without_a_snapshot_is_compared_where_every_known_version_agrees() {
    use devops_maturity_core::compare::comparable;
    use devops_maturity_views::practice;

    let content = content();
    let assessment = &content.assessment;
    let today = &assessment.questionnaire;
    let old_q = old_questionnaire();
    let mut unseen = today.clone();
    unseen.version = "1.0.5".into();
    let mut store = Store::open_in_memory().unwrap();
    let w = store
        .create_workshop(
            &NewWorkshop {
                name: "Maturity day",
                held_on: "2026-11-23",
                ..NewWorkshop::default()
            },
            at(8),
        )
        .unwrap();
    store
        .add_new_workshop_team(w.id, "Booking", &old_q, &names(), at(9))
        .unwrap();
    let loyalty = store
        .add_new_workshop_team(w.id, "Loyalty", today, &names(), at(9))
        .unwrap();
    for question in &today.questions {
        store
            .save_practice_answer(loyalty.id, &unseen, &question.id, Answer::Level(3), at(10))
            .unwrap();
    }
    let c = practice::comparison(&store, assessment, w.id).unwrap();
    let n = comparable(today, &old_q).len() as u32;
    let loyalty = &c.groups[1];
    assert_eq!(
        (
            loyalty.summary.compared_on,
            loyalty.summary.overall.not_compared
        ),
        (n, 83 - n),
        "only the questions 1.0.0 and 1.1.0 both ask alike"
    );
    assert_eq!(
        loyalty.version_note.as_deref(),
        Some(
            format!(
                "Answered on questionnaire 1.0.5; compared on {n} of 83 questions the key covers."
            )
            .as_str()
        )
    );
    assert_eq!(
        c.groups[0].version_note, None,
        "Booking has not answered: nothing to say"
    );
}
