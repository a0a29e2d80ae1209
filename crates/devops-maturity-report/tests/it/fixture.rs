//! A team whose report exercises everything: a name in three scripts, three respondents,
//! two earlier assessments, evidence with line breaks and non-Latin text, and a saved
//! twelve-action plan with owners, due dates, statuses and notes. Built with the store's
//! public API from the core's deterministic demo answers.
//!
//! Shared by the report crate's tests and benchmark and the CLI's report tests (`#[path]`).

#![allow(dead_code)]

use chrono::{DateTime, Duration, Utc};
use devops_maturity_content::AssessmentContent;
use devops_maturity_core::plan::{generate, Decision, ItemStatus};
use devops_maturity_core::recommendations::Effort;
use devops_maturity_core::Respondent;
use devops_maturity_store::assessments::NewAssessment;
use devops_maturity_store::plans::{IfExists, NewPlanItem, PlanItemChange};
use devops_maturity_store::{settings, Store};

pub const TEAM: &str = "Zoë Ødegård's Łukasz-Ярослава team";
pub const ORGANISATION: &str = "Nordlicht Ωmega Logistik";
pub const PEOPLE: [&str; 3] = ["Zoë Ødegård", "Łukasz Nowicki", "Ярослава Ковальчук"];
pub const PLAN_SIZE: usize = 12;

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

pub fn content() -> AssessmentContent {
    devops_maturity_content::load_embedded()
        .expect("the built-in content loads")
        .assessment
}

pub struct Fixture {
    /// The latest assessment (the one the report is about).
    pub assessment: i64,
    pub earlier: Vec<i64>,
    /// Titles of the plan's twelve items, in plan order.
    pub plan_titles: Vec<String>,
}

/// Adds the team, its three assessments and its plan to `store`.
pub fn build(store: &mut Store, content: &AssessmentContent) -> Fixture {
    let q = &content.questionnaire;
    let demo = devops_maturity_core::demo::generate(q, &content.dora, 2026);
    let source = &demo[0];
    store
        .set_setting(settings::ORGANISATION, ORGANISATION)
        .unwrap();
    let team = store
        .create_team(TEAM, now() - Duration::days(400))
        .unwrap();
    let days_ago = [250, 130, 12];
    let mut ids = Vec::new();
    let last = source.assessments.len() - 1;
    for (k, a) in source.assessments[last - 2..].iter().enumerate() {
        let mut respondents: Vec<Respondent> = a.respondents.clone();
        for (r, name) in respondents.iter_mut().zip(PEOPLE) {
            r.name = name.to_string();
        }
        if k == 2 {
            add_evidence(&mut respondents, q);
        }
        let completed = now() - Duration::days(days_ago[k]);
        let row = store
            .record_assessment(&NewAssessment {
                team_id: team.id,
                questionnaire: q,
                respondents: &respondents,
                choices: &a.choices,
                dora_year: Some(content.dora.default_year),
                dora: &a.dora,
                facilitator: Some("Marta Keller"),
                started_at: completed - Duration::hours(2),
                completed_at: completed,
            })
            .unwrap();
        ids.push(row.id);
    }
    let assessment = *ids.last().unwrap();
    let plan_titles = make_plan(store, content, assessment);
    Fixture {
        assessment,
        earlier: ids[..2].to_vec(),
        plan_titles,
    }
}

fn add_evidence(respondents: &mut [Respondent], q: &devops_maturity_core::Questionnaire) {
    for (i, d) in q.dimensions.iter().enumerate() {
        let Some(first) = q.questions_of(&d.id).next() else {
            continue;
        };
        let r = &mut respondents[i % respondents.len()];
        let text = match i {
            0 => "Pipelines for all 14 services; the two legacy batch jobs still deploy by hand.\nЯрослава keeps the runbook for those.".to_string(),
            1 => "We reviewed this in the retrospective of 3 November — «ça marche» for most of it. ".repeat(8),
            _ => format!("Seen in the last sprint review ({}).", d.name),
        };
        r.evidence.insert(first.id.clone(), text);
    }
}

/// The proposal for `assessment`, saved and edited into twelve items the team kept.
fn make_plan(store: &mut Store, content: &AssessmentContent, assessment: i64) -> Vec<String> {
    let data = store.assessment_data(assessment).unwrap();
    let q = &content.questionnaire;
    let score = devops_maturity_core::score(q, &data.answers, &data.choices);
    let weakest = store.weakest_dora(assessment, &content.dora).unwrap();
    let generated = generate(&score, &content.actions, &weakest);
    let (mut plan, _) = store
        .generate_plan(assessment, &generated, IfExists::Refuse, now())
        .unwrap();
    let mut n = 0;
    while plan.items.len() < PLAN_SIZE {
        n += 1;
        store
            .add_plan_item(
                assessment,
                &NewPlanItem {
                    dimension_id: q.dimensions[n % q.dimensions.len()].id.clone(),
                    title: format!("Pair with the platform team on deployment tooling ({n})"),
                    why: "The team asked for it in the retrospective.".into(),
                    first_steps: vec![],
                    effort: Effort::M,
                    impact: String::new(),
                    horizon: 60,
                },
                now(),
            )
            .unwrap();
        plan = store.plan_of(assessment).unwrap().unwrap();
    }
    let change = |c: PlanItemChange| c;
    for (i, item) in plan.items.iter().enumerate() {
        let edit = if i >= PLAN_SIZE {
            change(PlanItemChange {
                decision: Some(Decision::Rejected),
                ..Default::default()
            })
        } else {
            let person = PEOPLE[i % PEOPLE.len()];
            change(PlanItemChange {
                decision: Some(if i == 5 {
                    Decision::Proposed
                } else {
                    Decision::Accepted
                }),
                owner: (i != 4).then(|| person.to_string()),
                due: Some(format!("2027-0{}-15", 1 + i % 6)),
                status: Some(match i {
                    0 => ItemStatus::InProgress,
                    1 => ItemStatus::Done,
                    _ => ItemStatus::Planned,
                }),
                notes: (i == 0).then(|| {
                    "Started with the checkout service; Łukasz pairs with ops.".to_string()
                }),
                horizon: None,
            })
        };
        store.update_plan_item(item.id, &edit, now()).unwrap();
    }
    store
        .plan_of(assessment)
        .unwrap()
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.decision != Decision::Rejected)
        .map(|i| i.title)
        .collect()
}
