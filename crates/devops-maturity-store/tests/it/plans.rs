//! Improvement plans: generated from a scored assessment, edited by the team, kept through
//! regeneration and reopening; every bad edit is refused with the database unchanged.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use devops_maturity_core::plan::{Decision, Horizon, ItemStatus, NotPlannedReason};
use devops_maturity_core::recommendations::{Action, Effort};
use devops_maturity_core::scoring::Choices;
use devops_maturity_core::{Answer, Questionnaire, Respondent};
use devops_maturity_store::assessments::NewAssessment;
use devops_maturity_store::plans::{IfExists, NewPlanItem, PlanItemChange};
use devops_maturity_store::{Plan, Store, StoreError};

use super::no_dora;

const DIMS: [&str; 2] = ["flow", "feedback"];

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn questionnaire() -> Questionnaire {
    Questionnaire::sample(
        DIMS.iter()
            .map(|d| (*d, (1..=4).map(move |i| format!("{d}-{i}")))),
    )
}

/// Per dimension and step: `<dim>-<from>-s` (S), `-m` (M) and `-l` (L).
fn actions() -> Vec<Action> {
    let mut out = Vec::new();
    for d in DIMS {
        for from in 1..=4u8 {
            for effort in Effort::ALL {
                out.push(Action {
                    id: format!("{d}-{from}-{}", effort.code().to_lowercase()),
                    dimension: d.into(),
                    from_level: from,
                    title: format!("{d} step {from} effort {}", effort.code()),
                    why: "Because it moves the lead time.".into(),
                    dora: vec!["change-lead-time".into()],
                    first_steps: vec!["Talk.".into(), "Try.".into()],
                    effort,
                    impact: "Faster.".into(),
                    chapter: "flow-chapter".into(),
                    anchors: vec![],
                    replaces: vec![],
                });
            }
        }
    }
    out
}

/// One respondent at `flow` level / `feedback` level, with targets.
fn record(
    store: &mut Store,
    team_id: i64,
    levels: [u8; 2],
    targets: [u8; 2],
    days_ago: i64,
) -> i64 {
    let q = questionnaire();
    let mut answers = BTreeMap::new();
    for (d, level) in DIMS.iter().zip(levels) {
        for i in 1..=4 {
            answers.insert(format!("{d}-{i}"), Answer::Level(level));
        }
    }
    let respondents = [Respondent {
        name: "Zoë Ødegård".into(),
        role: None,
        answers,
        evidence: BTreeMap::new(),
    }];
    let choices = Choices {
        targets: DIMS
            .iter()
            .zip(targets)
            .map(|(d, t)| ((*d).to_string(), t))
            .collect(),
        ..Choices::default()
    };
    let when = now() - Duration::days(days_ago);
    store
        .record_assessment(&NewAssessment {
            team_id,
            questionnaire: &q,
            respondents: &respondents,
            choices: &choices,
            dora_year: None,
            dora: &BTreeMap::new(),
            facilitator: None,
            started_at: when,
            completed_at: when,
        })
        .unwrap()
        .id
}

/// Scores the stored assessment and proposes its plan, as the app and the CLI do.
fn generate(
    store: &mut Store,
    assessment_id: i64,
    if_exists: IfExists,
) -> Result<Plan, StoreError> {
    store
        .propose_plan(assessment_id, &actions(), &no_dora(), if_exists, now())
        .map(|(p, _)| p)
}

fn setup() -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Łukasz's team", now()).unwrap();
    // flow 1 → target 3 (gap 2), feedback 3 → target 4 (gap 1).
    let a = record(&mut store, team.id, [1, 3], [3, 4], 0);
    (store, team.id, a)
}

fn titles(plan: &Plan) -> Vec<(String, u16)> {
    plan.items
        .iter()
        .map(|i| {
            (
                i.action_id.clone().unwrap_or_else(|| i.title.clone()),
                i.horizon.days(),
            )
        })
        .collect()
}

fn by_action<'p>(plan: &'p Plan, action: &str) -> &'p devops_maturity_store::PlanItem {
    plan.items
        .iter()
        .find(|i| i.action_id.as_deref() == Some(action))
        .unwrap_or_else(|| panic!("{action} is in the plan"))
}

fn owner(owner: &str) -> PlanItemChange {
    PlanItemChange {
        owner: Some(owner.into()),
        ..PlanItemChange::default()
    }
}

#[test]
fn a_generated_plan_is_stored_in_display_order_with_every_field() {
    let (mut store, _, a) = setup();
    assert_eq!(store.plan_of(a).unwrap(), None, "no plan before generating");
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    assert_eq!(
        titles(&plan),
        [
            ("flow-1-s".into(), 30),
            ("feedback-3-s".into(), 30),
            ("flow-1-m".into(), 60),
            ("feedback-3-m".into(), 60),
            ("flow-1-l".into(), 90),
            ("feedback-3-l".into(), 90),
        ],
        "grouped by horizon; within one, flow's larger gap first"
    );
    let positions: Vec<u32> = plan.items.iter().map(|i| i.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6]);
    let first = &plan.items[0];
    assert_eq!(first.dimension_id, "flow");
    assert_eq!(first.from_level, Some(1));
    assert_eq!(first.first_steps, ["Talk.", "Try."]);
    assert_eq!(first.dora, ["change-lead-time"]);
    assert_eq!(first.chapter.as_deref(), Some("flow-chapter"));
    assert_eq!(first.effort, Effort::S);
    assert_eq!(first.gap, Some(2.0));
    assert!(first.quick_win, "S with a gap of two levels");
    assert!(
        by_action(&plan, "feedback-3-s").quick_win,
        "S with a gap of exactly one level"
    );
    assert!(
        !by_action(&plan, "flow-1-m").quick_win,
        "effort M is never a quick win"
    );
    assert_eq!(first.decision, Decision::Proposed);
    assert_eq!(first.status, ItemStatus::Planned);
    assert_eq!(
        (first.owner.clone(), first.due, first.notes.clone()),
        (None, None, None)
    );
    assert!(!first.edited);
    assert_eq!(
        store.plan_of(a).unwrap(),
        Some(plan),
        "plan_of reads back what was stored"
    );
    let json = serde_json::to_value(store.plan_of(a).unwrap()).unwrap();
    assert_eq!(
        json["items"][0]["horizon"], 30,
        "horizons serialise as days"
    );
    assert_eq!(json["items"][0]["status"], "planned");
}

#[test]
fn a_second_generation_is_refused_and_an_unfinished_assessment_has_no_plan() {
    let (mut store, team, a) = setup();
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let err = generate(&mut store, a, IfExists::Refuse).unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert!(
        err.to_string().contains("already has an improvement plan"),
        "{err}"
    );
    assert_eq!(store.plan_of(a).unwrap(), Some(plan), "unchanged");

    let q = questionnaire();
    let open = store
        .start_assessment(team, &q, &["Ana".into()], None, now())
        .unwrap();
    let err = generate(&mut store, open.id, IfExists::Refuse).unwrap_err();
    assert!(err.to_string().contains("still in progress"), "{err}");
    assert_eq!(store.plan_of(open.id).unwrap(), None);
}

#[test]
fn edits_are_saved_and_empty_text_clears_a_field() {
    let (mut store, _, a) = setup();
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let id = by_action(&plan, "flow-1-m").id;
    let item = store
        .update_plan_item(
            id,
            &PlanItemChange {
                decision: Some(Decision::Accepted),
                owner: Some("  Ярослава ".into()),
                due: Some("2027-02-28".into()),
                status: Some(ItemStatus::InProgress),
                notes: Some("First pairing session booked.\nSecond line.".into()),
                horizon: None,
            },
            now(),
        )
        .unwrap();
    assert_eq!(item.decision, Decision::Accepted);
    assert_eq!(item.owner.as_deref(), Some("Ярослава"), "trimmed");
    assert_eq!(
        item.due.map(|d| d.to_string()).as_deref(),
        Some("2027-02-28")
    );
    assert_eq!(item.status, ItemStatus::InProgress);
    assert_eq!(
        item.notes.as_deref(),
        Some("First pairing session booked.\nSecond line.")
    );
    assert!(item.edited);
    let item = store
        .update_plan_item(
            id,
            &PlanItemChange {
                owner: Some(String::new()),
                due: Some(" ".into()),
                ..PlanItemChange::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!((item.owner, item.due), (None, None), "cleared");
    assert_eq!(item.status, ItemStatus::InProgress, "fields not named stay");

    // Changing the horizon puts the item at the end of the new one.
    let item = store
        .update_plan_item(
            id,
            &PlanItemChange {
                horizon: Some(30),
                ..PlanItemChange::default()
            },
            now(),
        )
        .unwrap();
    assert_eq!(item.horizon, Horizon::Days30);
    let plan = store.plan_of(a).unwrap().unwrap();
    assert_eq!(
        titles(&plan)[..3],
        [
            ("flow-1-s".into(), 30),
            ("feedback-3-s".into(), 30),
            ("flow-1-m".into(), 30)
        ]
    );
    let positions: Vec<u32> = plan.items.iter().map(|i| i.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6], "renumbered");
}

#[test]
fn bad_edits_name_the_problem_and_change_nothing() {
    let (mut store, _, a) = setup();
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let id = plan.items[0].id;
    let bad: Vec<(PlanItemChange, &str)> = vec![
        (
            owner(&"x".repeat(101)),
            "at most 100 characters; this has 101",
        ),
        (owner("Ana\u{0}"), "control characters"),
        (
            PlanItemChange {
                notes: Some("n".repeat(10_001)),
                ..PlanItemChange::default()
            },
            "at most 10000 characters",
        ),
        (
            PlanItemChange {
                owner: Some("Ana".into()),
                due: Some("2026-02-30".into()),
                ..PlanItemChange::default()
            },
            "due date `2026-02-30` is not a date this app can read: write it as 2027-01-15, 15/01/2027 or 15 Jan 2027",
        ),
        (
            PlanItemChange {
                due: Some("15/01/27".into()),
                ..PlanItemChange::default()
            },
            "the year in full",
        ),
        (
            PlanItemChange {
                due: Some("next Friday".into()),
                ..PlanItemChange::default()
            },
            "is not a date this app can read",
        ),
        (
            PlanItemChange {
                status: Some(ItemStatus::Done),
                horizon: Some(45),
                ..PlanItemChange::default()
            },
            "horizon 45 days is not one of 30, 60 or 90",
        ),
    ];
    for (change, expected) in bad {
        let err = store.update_plan_item(id, &change, now()).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        assert!(
            err.to_string().contains(expected),
            "{err} should say {expected}"
        );
        let title = store.plan_item(id).unwrap().title;
        assert!(
            err.to_string().contains(&format!("the action “{title}”")),
            "{err} names the item by the title people see"
        );
    }
    let err = store
        .update_plan_item(9999, &owner("Ana"), now())
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert_eq!(store.plan_of(a).unwrap(), Some(plan), "nothing changed");
}

#[test]
fn an_edit_from_ipc_json_rejects_unknown_fields_and_values() {
    let change: PlanItemChange =
        serde_json::from_str(r#"{"status":"in-progress","owner":"Ana"}"#).unwrap();
    assert_eq!(change.status, Some(ItemStatus::InProgress));
    assert!(serde_json::from_str::<PlanItemChange>(r#"{"status":"finished"}"#).is_err());
    assert!(serde_json::from_str::<PlanItemChange>(r#"{"title":"x"}"#).is_err());
}

#[test]
fn moving_reorders_within_a_horizon_and_leaves_the_others() {
    let (mut store, _, a) = setup();
    generate(&mut store, a, IfExists::Refuse).unwrap();
    // A third 30-day item, to move across more than one place.
    store
        .add_plan_item(
            a,
            &NewPlanItem {
                dimension_id: "feedback".into(),
                title: "Ask two customers".into(),
                why: String::new(),
                first_steps: vec![],
                effort: Effort::S,
                impact: String::new(),
                horizon: 30,
            },
            now(),
        )
        .unwrap();
    let custom = store.plan_of(a).unwrap().unwrap().items[2].id;
    let plan = store.move_plan_item(custom, 1, now()).unwrap();
    assert_eq!(
        titles(&plan),
        [
            ("Ask two customers".into(), 30),
            ("flow-1-s".into(), 30),
            ("feedback-3-s".into(), 30),
            ("flow-1-m".into(), 60),
            ("feedback-3-m".into(), 60),
            ("flow-1-l".into(), 90),
            ("feedback-3-l".into(), 90),
        ]
    );
    let m = by_action(&plan, "feedback-3-m").id;
    let plan = store.move_plan_item(m, 1, now()).unwrap();
    assert_eq!(plan.items[3].action_id.as_deref(), Some("feedback-3-m"));
    assert!(plan.items[3].edited, "the moved item counts as edited");
    assert!(!plan.items[4].edited, "the item it passed does not");
    let positions: Vec<u32> = plan.items.iter().map(|i| i.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6, 7]);

    for position in [0, 3] {
        let err = store.move_plan_item(m, position, now()).unwrap_err();
        assert!(
            err.to_string().contains(&format!(
                "position {position} is outside the 60-day horizon, which has 2 items"
            )),
            "{err}"
        );
    }
    assert_eq!(
        store.plan_of(a).unwrap(),
        Some(plan),
        "refused moves change nothing"
    );
}

#[test]
fn the_teams_own_actions_are_added_checked_and_deleted_generated_ones_are_not() {
    let (mut store, _, a) = setup();
    generate(&mut store, a, IfExists::Refuse).unwrap();
    let before = store.plan_of(a).unwrap();
    let new = |title: &str, dimension: &str, horizon: u16| NewPlanItem {
        dimension_id: dimension.into(),
        title: title.into(),
        why: "Our own idea.".into(),
        first_steps: vec!["Book a room.".into(), "  ".into()],
        effort: Effort::M,
        impact: String::new(),
        horizon,
    };
    for (item, expected) in [
        (
            new(&"t".repeat(201), "flow", 30),
            "at most 200 characters; this has 201",
        ),
        (new("  ", "flow", 30), "title cannot be empty"),
        (new("Line\nbreak", "flow", 30), "control characters"),
        (new("Fine", "nope", 30), "unknown dimension `nope`"),
        (new("Fine", "flow", 15), "horizon 15 days"),
        (
            NewPlanItem {
                why: "w".repeat(10_001),
                ..new("Fine", "flow", 30)
            },
            "why can have at most 10000 characters",
        ),
    ] {
        let err = store.add_plan_item(a, &item, now()).unwrap_err();
        assert!(
            err.to_string().contains(expected),
            "{err} should say {expected}"
        );
    }
    assert_eq!(
        store.plan_of(a).unwrap(),
        before,
        "refused additions change nothing"
    );

    let item = store
        .add_plan_item(a, &new("Run a blameless review", "flow", 60), now())
        .unwrap();
    assert!(item.is_custom());
    assert_eq!(
        item.decision,
        Decision::Accepted,
        "the team's own idea is accepted"
    );
    assert_eq!(item.first_steps, ["Book a room."], "blank steps dropped");
    let plan = store.plan_of(a).unwrap().unwrap();
    assert_eq!(
        titles(&plan)[4],
        ("Run a blameless review".into(), 60),
        "end of its horizon"
    );

    let generated = plan.items[0].id;
    let err = store.delete_plan_item(generated, now()).unwrap_err();
    assert!(err.to_string().contains("reject it instead"), "{err}");
    store.delete_plan_item(item.id, now()).unwrap();
    let after = store.plan_of(a).unwrap().unwrap();
    assert_eq!(after.items.len(), 6);
    assert!(matches!(
        store.delete_plan_item(item.id, now()),
        Err(StoreError::NotFound { .. })
    ));
    let err = store
        .add_plan_item(9999, &new("Fine", "flow", 30), now())
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[test]
fn regenerating_keeps_every_edit_and_the_teams_own_actions() {
    let (mut store, _, a) = setup();
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let edited = by_action(&plan, "feedback-3-m").id;
    store
        .update_plan_item(edited, &owner("Ana"), now())
        .unwrap();
    let custom = store
        .add_plan_item(
            a,
            &NewPlanItem {
                dimension_id: "flow".into(),
                title: "Our own".into(),
                why: String::new(),
                first_steps: vec![],
                effort: Effort::L,
                impact: String::new(),
                horizon: 90,
            },
            now(),
        )
        .unwrap();
    // Feedback's target is lowered to its level: its proposals go, unless edited.
    store
        .set_dimension_choice(a, "feedback", Some(3), None)
        .unwrap();
    let (plan, report) = store
        .propose_plan(a, &actions(), &no_dora(), IfExists::Regenerate, now())
        .unwrap();
    assert_eq!(
        (report.added, report.removed, report.kept_edited),
        (0, 2, 1)
    );
    assert_eq!(
        titles(&plan),
        [
            ("flow-1-s".into(), 30),
            ("flow-1-m".into(), 60),
            ("feedback-3-m".into(), 60),
            ("flow-1-l".into(), 90),
            ("Our own".into(), 90),
        ]
    );
    assert_eq!(
        by_action(&plan, "feedback-3-m").owner.as_deref(),
        Some("Ana")
    );
    assert!(plan.items.iter().any(|i| i.id == custom.id));

    // Raising it again brings the proposals back, at the end of their horizons.
    store
        .set_dimension_choice(a, "feedback", Some(5), None)
        .unwrap();
    let (plan, report) = store
        .propose_plan(a, &actions(), &no_dora(), IfExists::Regenerate, now())
        .unwrap();
    assert_eq!(
        (report.added, report.removed, report.kept_edited),
        (2, 0, 0)
    );
    assert_eq!(plan.items.len(), 7);
    assert_eq!(
        by_action(&plan, "feedback-3-m").owner.as_deref(),
        Some("Ana")
    );
    assert_eq!(
        by_action(&plan, "feedback-3-s").gap,
        Some(2.0),
        "the new gap"
    );
}

#[test]
fn team_progress_counts_the_latest_planned_assessment() {
    let (mut store, team, a) = setup();
    assert_eq!(store.team_plan_progress(team).unwrap(), None);
    let older = record(&mut store, team, [1, 1], [2, 2], 90);
    generate(&mut store, older, IfExists::Refuse).unwrap();
    let progress = store.team_plan_progress(team).unwrap().unwrap();
    assert_eq!(progress.assessment_id, older, "the only plan so far");

    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let ids: Vec<i64> = plan.items.iter().map(|i| i.id).collect();
    let set = |store: &mut Store, id: i64, decision: Decision, status: ItemStatus| {
        store
            .update_plan_item(
                id,
                &PlanItemChange {
                    decision: Some(decision),
                    status: Some(status),
                    ..PlanItemChange::default()
                },
                now(),
            )
            .unwrap();
    };
    set(&mut store, ids[0], Decision::Accepted, ItemStatus::Done);
    set(
        &mut store,
        ids[1],
        Decision::Accepted,
        ItemStatus::InProgress,
    );
    set(&mut store, ids[2], Decision::Accepted, ItemStatus::Dropped);
    set(&mut store, ids[3], Decision::Rejected, ItemStatus::Done);
    let p = store.team_plan_progress(team).unwrap().unwrap();
    assert_eq!(p.assessment_id, a, "the latest assessment with a plan");
    assert_eq!((p.proposed, p.accepted, p.rejected, p.total), (2, 3, 1, 5));
    assert_eq!(
        (p.planned, p.in_progress, p.done, p.dropped),
        (2, 1, 1, 1),
        "a rejected item is not counted as work"
    );
    assert!(matches!(
        store.team_plan_progress(9999),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_plan_survives_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite");
    let mut store = Store::open(&path).unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    let a = record(&mut store, team.id, [2, 2], [4, 4], 0);
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    store
        .update_plan_item(plan.items[1].id, &owner("Ana"), now())
        .unwrap();
    let expected = store.plan_of(a).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.plan_of(a).unwrap(), expected);
}

#[test]
fn dimensions_left_out_are_named_with_the_reason() {
    let mut store = Store::open_in_memory().unwrap();
    let team = store.create_team("Booking", now()).unwrap();
    // flow at its target, feedback below it.
    let a = record(&mut store, team.id, [3, 2], [3, 4], 0);
    let left_out = store.not_planned(a, &actions()).unwrap();
    assert_eq!(left_out.len(), 1);
    assert_eq!(left_out[0].dimension_id, "flow");
    assert_eq!(left_out[0].name, "FLOW");
    assert_eq!(left_out[0].reason, NotPlannedReason::TargetReached);
    assert_eq!(left_out[0].label, "target reached");
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    assert!(plan.items.iter().all(|i| i.dimension_id == "feedback"));
}

#[test]
fn the_focus_limit_is_a_setting_from_one_to_twenty_with_three_by_default() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.plan_focus().unwrap(), 3);
    store.set_plan_focus(5).unwrap();
    assert_eq!(store.plan_focus().unwrap(), 5);
    let err = store.set_plan_focus(0).unwrap_err().to_string();
    assert!(err.contains("from 1 to 20"), "{err}");
    assert_eq!(
        store.plan_focus().unwrap(),
        5,
        "a refused limit changes nothing"
    );
    store
        .set_setting(devops_maturity_store::plans::PLAN_FOCUS, "lots")
        .unwrap();
    assert_eq!(
        store.plan_focus().unwrap(),
        3,
        "an unreadable stored value reads as the default"
    );
}

#[test]
fn due_dates_are_read_as_people_type_them_and_stored_as_iso() {
    use devops_maturity_store::plans::parse_due;
    for typed in [
        "2027-01-15",
        "15/01/2027",
        "15.01.2027",
        "15-01-2027",
        "15 Jan 2027",
        "15 january 2027",
        "Jan 15 2027",
        "January 15, 2027",
        "  15  Jan   2027 ",
    ] {
        assert_eq!(
            parse_due(typed).unwrap().as_deref(),
            Some("2027-01-15"),
            "{typed:?}"
        );
    }
    assert_eq!(parse_due("  ").unwrap(), None, "empty clears the date");
    for bad in [
        "31/02/2027",
        "15/01/27",
        "tomorrow",
        "2027-13-01",
        "15 Foo 2027",
    ] {
        assert!(parse_due(bad).is_err(), "{bad:?}");
    }
}

/// An action of the content as a test builds it: `id` for flow or feedback at `from`.
fn action(id: &str, dimension: &str, from: u8, effort: Effort, replaces: &[&str]) -> Action {
    Action {
        id: id.into(),
        dimension: dimension.into(),
        from_level: from,
        title: format!("{id} as merged"),
        why: "One action for the same advice.".into(),
        dora: vec![],
        first_steps: vec!["Start.".into()],
        effort,
        impact: "Better.".into(),
        chapter: "flow-chapter".into(),
        anchors: vec![],
        replaces: replaces.iter().map(|r| r.to_string()).collect(),
    }
}

/// The content merged two actions into one, renamed one and dropped one after a plan was
/// stored (issue 14's review of the recommendations did all three). The stored plan still
/// shows every item as it was stored, and regenerating it never proposes the same advice twice:
/// the team's edited item stands for the action it was merged into, an untouched one becomes
/// that action, a second untouched one of the same merge goes.
#[test]
fn a_plan_whose_actions_were_merged_away_still_shows_and_regenerates_without_duplicates() {
    let (mut store, _, a) = setup();
    let plan = generate(&mut store, a, IfExists::Refuse).unwrap();
    let edited = by_action(&plan, "feedback-3-m").id;
    store
        .update_plan_item(edited, &owner("Ana"), now())
        .unwrap();
    let gone = ["flow-1-s", "flow-1-m", "flow-1-l", "feedback-3-m"];
    let mut next: Vec<Action> = actions()
        .into_iter()
        .filter(|x| !gone.contains(&x.id.as_str()))
        .collect();
    next.push(action(
        "flow-1-merged",
        "flow",
        1,
        Effort::S,
        &["flow-1-s", "flow-1-m"],
    ));
    next.push(action(
        "feedback-3-renamed",
        "feedback",
        3,
        Effort::M,
        &["feedback-3-m"],
    ));

    // Nothing reads the content to show a stored plan: the old ids and texts are all there.
    let shown = store.plan_of(a).unwrap().unwrap();
    assert_eq!(shown.items.len(), 6);
    assert_eq!(
        by_action(&shown, "flow-1-m").title,
        "flow step 1 effort M",
        "the snapshot of the text"
    );

    let (plan, report) = store
        .propose_plan(a, &next, &no_dora(), IfExists::Regenerate, now())
        .unwrap();
    assert_eq!(
        (report.added, report.removed, report.kept_edited),
        (0, 2, 0),
        "flow-1-m goes (flow-1-s became the merged action), flow-1-l was dropped"
    );
    assert_eq!(
        titles(&plan),
        [
            ("flow-1-merged".into(), 30),
            ("feedback-3-s".into(), 30),
            ("feedback-3-m".into(), 60),
            ("feedback-3-l".into(), 90),
        ]
    );
    let merged = by_action(&plan, "flow-1-merged");
    assert_eq!(
        (merged.title.as_str(), merged.why.as_str(), merged.gap),
        (
            "flow-1-merged as merged",
            "One action for the same advice.",
            Some(2.0)
        ),
        "the untouched item now reads as the action it was merged into, with the new gap"
    );
    let kept = by_action(&plan, "feedback-3-m");
    assert_eq!(
        (kept.title.as_str(), kept.owner.as_deref()),
        ("feedback step 3 effort M", Some("Ana")),
        "the team's edited item keeps its id, its text and its owner"
    );

    // Without `replaces`, the renamed action would stand beside the team's item.
    let (mut fresh, _, b) = setup();
    let plan = generate(&mut fresh, b, IfExists::Refuse).unwrap();
    let edited = by_action(&plan, "feedback-3-m").id;
    fresh
        .update_plan_item(edited, &owner("Ana"), now())
        .unwrap();
    for x in &mut next {
        x.replaces.clear();
    }
    let (_, report) = fresh
        .propose_plan(b, &next, &no_dora(), IfExists::Regenerate, now())
        .unwrap();
    assert_eq!(
        (report.added, report.kept_edited),
        (2, 1),
        "both new ids are added and feedback-3-m is kept beside its successor"
    );
}
