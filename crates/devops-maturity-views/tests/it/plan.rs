//! The plan page names the questionnaire anchors each action helps the team reach, in the
//! words of the snapshot the assessment was answered on; the team's own actions and actions the
//! content no longer has show none.

use chrono::{DateTime, TimeZone, Utc};
use devops_maturity_content::Content;
use devops_maturity_core::recommendations::{Action, Effort, Reach};
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::plans::{IfExists, NewPlanItem};
use devops_maturity_store::Store;
use devops_maturity_views::plan;

use crate::versions::{content, old_questionnaire, NEW_DEPLOY, OLD_DEPLOY};

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, hour, 0, 0).unwrap()
}

/// A completed assessment of `q` where Ana answers every question with 2 and the team aims
/// for 3 in continuous delivery: its plan holds that dimension's actions for the step 2 → 3.
fn assessed(store: &mut Store, q: &Questionnaire) -> i64 {
    let team = store
        .create_team(&format!("Team {}", q.version), at(8))
        .unwrap();
    let row = store
        .start_assessment(team.id, q, &["Ana".to_string()], None, at(9))
        .unwrap();
    let ana = store.assessment_data(row.id).unwrap().respondents[0].id;
    for question in &q.questions {
        store
            .save_answer(ana, &question.id, Answer::Level(2), None, at(10))
            .unwrap();
    }
    store.finish_respondent(ana, at(10)).unwrap();
    store
        .set_dimension_choice(row.id, "continuous-delivery", Some(3), None)
        .unwrap();
    store.complete_assessment(row.id, at(11)).unwrap();
    row.id
}

/// The anchors the page gives for the item of `action`.
fn reaches_of<'p>(page: &'p plan::PlanPage, action: &str) -> &'p [Reach] {
    let items = &page.plan.as_ref().expect("a plan").items;
    let i = items
        .iter()
        .position(|i| i.action_id.as_deref() == Some(action))
        .unwrap_or_else(|| panic!("{action} is in the plan"));
    assert_eq!(page.reaches.len(), items.len(), "one entry per item");
    &page.reaches[i]
}

fn generate(store: &mut Store, content: &Content, actions: &[Action], id: i64) {
    store
        .propose_plan(
            id,
            actions,
            &content.assessment.dora,
            IfExists::Refuse,
            at(12),
        )
        .unwrap();
}

#[test]
fn an_item_names_the_anchors_it_helps_reach_in_its_questionnaires_words() {
    let content = content();
    let today = &content.assessment.questionnaire;
    let mut store = Store::open_in_memory().unwrap();
    let id = assessed(&mut store, today);
    // One action of today's content under the id it had before a merge: its item keeps that id.
    let mut actions = content.assessment.actions.clone();
    let renamed = actions
        .iter_mut()
        .find(|a| a.id == "continuous-delivery-version-control-everything")
        .unwrap();
    renamed.id = "continuous-delivery-merged-away".into();
    generate(&mut store, &content, &actions, id);
    let own = store
        .add_plan_item(
            id,
            &NewPlanItem {
                dimension_id: "continuous-delivery".into(),
                title: "Write down how we deploy".into(),
                why: String::new(),
                first_steps: Vec::new(),
                effort: Effort::S,
                impact: String::new(),
                horizon: 30,
            },
            at(13),
        )
        .unwrap();

    let page = plan::page(&store, &content, id).unwrap();
    let deploy = today.question("continuous-delivery-3").unwrap();
    assert_eq!(
        reaches_of(&page, "continuous-delivery-deployment-automation"),
        [Reach {
            question_id: "continuous-delivery-3".into(),
            question: NEW_DEPLOY.into(),
            level: 3,
            anchor: deploy.anchors[2].clone(),
        }]
    );
    let flags = reaches_of(&page, "continuous-delivery-feature-flags");
    assert_eq!(
        flags
            .iter()
            .map(|r| (r.question_id.as_str(), r.level))
            .collect::<Vec<_>>(),
        [("continuous-delivery-6", 3)],
        "a question 1.1.0 added"
    );
    assert_eq!(
        reaches_of(&page, "continuous-delivery-merged-away"),
        [],
        "an action today's content no longer has: none, not a guess from its text"
    );
    let items = &page.plan.as_ref().unwrap().items;
    let i = items.iter().position(|i| i.id == own.id).unwrap();
    assert_eq!(page.reaches[i], [], "the team's own action");
    // Every other content action of the plan cites at least one anchor of today's questionnaire.
    for (item, reached) in items.iter().zip(&page.reaches) {
        let listed = item
            .action_id
            .as_deref()
            .is_some_and(|a| a != "continuous-delivery-merged-away");
        assert_eq!(!reached.is_empty(), listed, "{}", item.title);
    }
}

#[test]
fn an_assessment_on_1_0_0_shows_1_0_0s_wording_and_leaves_out_what_it_did_not_ask() {
    let content = content();
    let old_q = old_questionnaire();
    let mut store = Store::open_in_memory().unwrap();
    let id = assessed(&mut store, &old_q);
    generate(&mut store, &content, &content.assessment.actions, id);

    let page = plan::page(&store, &content, id).unwrap();
    let old_deploy = old_q.question("continuous-delivery-3").unwrap();
    let new_deploy = content
        .assessment
        .questionnaire
        .question("continuous-delivery-3")
        .unwrap();
    assert_ne!(
        old_deploy.anchors[2], new_deploy.anchors[2],
        "the wording changed"
    );
    assert_eq!(
        reaches_of(&page, "continuous-delivery-deployment-automation"),
        [Reach {
            question_id: "continuous-delivery-3".into(),
            question: OLD_DEPLOY.into(),
            level: 3,
            anchor: old_deploy.anchors[2].clone(),
        }]
    );
    assert_eq!(
        reaches_of(&page, "continuous-delivery-feature-flags"),
        [],
        "continuous-delivery-6 is not in 1.0.0: left out"
    );
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(
        json["reaches"].as_array().unwrap().len(),
        page.plan.as_ref().unwrap().items.len()
    );
}
