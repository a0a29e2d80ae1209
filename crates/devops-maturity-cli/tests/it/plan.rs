//! `devops-maturity plan generate|show` on a real database file.

use std::path::PathBuf;

use super::{answers, failed, record, run, stderr, stdout};

/// A database with the sample answers recorded for "Zoë's team"; returns its path and the
/// assessment id. The sample scores Courage 3.00 (target 4) and Teambuilding 2.00 (target 3),
/// and sets no other target.
fn recorded() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let id = record(&db, "Zoë's team", "sample.json", &[]);
    (dir, db, id)
}

#[test]
fn generate_then_show_gives_the_next_step_of_each_gap() {
    let (_dir, db, id) = recorded();
    let out = run(&["plan", "show", "--team", "Zoë's team"], &db);
    failed(
        &out,
        1,
        "has no improvement plan yet; run `devops-maturity plan generate --team \"Zoë's team\"`",
    );

    let out = run(&["plan", "generate", "--team", "zoë's team"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.starts_with(&format!(
            "plan of Zoë's team for assessment {id} (2026-11-20): "
        )),
        "{summary}"
    );

    let out = run(&["plan", "show", "--team", "Zoë's team", "--json"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["team"]["name"], "Zoë's team");
    assert_eq!(json["assessment"]["id"].to_string(), id);
    let items = json["plan"]["items"].as_array().unwrap();
    assert!(items.len() >= 4, "at least two actions per step");
    let mut steps = std::collections::BTreeSet::new();
    for item in items {
        let step = (
            item["dimension_id"].as_str().unwrap().to_string(),
            item["from_level"].as_u64().unwrap(),
        );
        assert!(
            [("courage".to_string(), 3), ("teambuilding".to_string(), 2)].contains(&step),
            "only the next step of the two dimensions with a target: {item}"
        );
        steps.insert(step);
        assert_eq!(item["decision"], "proposed");
        assert_eq!(item["status"], "planned");
        assert!([30, 60, 90].contains(&item["horizon"].as_u64().unwrap()));
        assert!(!item["first_steps"].as_array().unwrap().is_empty());
    }
    assert_eq!(steps.len(), 2, "both gaps have actions");
    // "… open now (at most 3 per horizon): 30 days: 2, 60 days: 1, 90 days: 0; backlog: 0"
    let (open, backlog) = summary
        .split_once("per horizon): ")
        .and_then(|(_, rest)| rest.split_once("; backlog: "))
        .expect(&summary);
    let open: Vec<(&str, usize)> = open
        .split(", ")
        .map(|h| {
            let (days, n) = h.split_once(" days: ").expect(h);
            (days, n.parse().expect(h))
        })
        .collect();
    assert_eq!(
        open.iter().map(|(days, _)| *days).collect::<Vec<_>>(),
        ["30", "60", "90"],
        "each horizon's open actions: {summary}"
    );
    let backlog: usize = backlog.lines().next().unwrap().parse().expect(&summary);
    assert_eq!(
        open.iter().map(|(_, n)| n).sum::<usize>() + backlog,
        items.len(),
        "every action is open in its horizon or waits in the backlog: {summary}"
    );
    assert!(
        summary.contains(&format!("{} actions", items.len())),
        "{summary}"
    );

    let text = stdout(&run(&["plan", "show", "--team", "Zoë's team"], &db));
    for item in items {
        assert!(
            text.contains(item["title"].as_str().unwrap()),
            "the table lists every action:\n{text}"
        );
    }
    assert!(text.contains("Courage · effort "), "{text}");
    // Each action names the questionnaire anchors it helps reach, at the level of its next
    // step, in the JSON and as one line under the action.
    let reaches = json["reaches"].as_array().unwrap();
    assert_eq!(reaches.len(), items.len(), "one entry per item");
    for (item, reached) in items.iter().zip(reaches) {
        let reached = reached.as_array().unwrap();
        assert!(!reached.is_empty(), "{item}");
        let lines: Vec<String> = reached
            .iter()
            .map(|r| {
                assert_eq!(r["level"], item["from_level"].as_u64().unwrap() + 1, "{r}");
                let question = r["question_id"].as_str().unwrap();
                assert!(
                    question.starts_with(item["dimension_id"].as_str().unwrap()),
                    "{r}"
                );
                assert!(
                    r["question"].as_str().unwrap().ends_with('?'),
                    "its text: {r}"
                );
                format!(
                    "{} — level {}: {}",
                    r["question"].as_str().unwrap(),
                    r["level"],
                    r["anchor"].as_str().unwrap()
                )
            })
            .collect();
        let line = format!("     Helps you reach: {}\n", lines.join("; "));
        assert!(text.contains(&line), "{line} in:\n{text}");
    }
    for t in [&text, &summary] {
        assert!(t.contains("no actions for:\n"), "{t}");
        assert!(t.contains("  Programming: not enough answers\n"), "{t}");
        assert!(
            t.contains("  Customer-Centric Action: not enough answers\n"),
            "{t}"
        );
        assert!(
            !t.contains("rests on one person's answers"),
            "Ana and Ben answered: {t}"
        );
    }
}

#[test]
fn a_plan_from_one_person_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("studio.db");
    let out = run(
        &[
            "assess",
            "record",
            "--team",
            "Solo",
            &answers("one-person.json"),
        ],
        &db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for args in [
        &["plan", "generate", "--team", "Solo"][..],
        &["plan", "show", "--team", "Solo"],
    ] {
        let out = run(args, &db);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("warning: this plan rests on one person's answers"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn a_second_generate_is_refused_and_regenerate_keeps_the_plan() {
    let (_dir, db, id) = recorded();
    assert!(run(&["plan", "generate", "--team", "Zoë's team"], &db)
        .status
        .success());
    let before = stdout(&run(
        &["plan", "show", "--team", "Zoë's team", "--json"],
        &db,
    ));
    let out = run(
        &[
            "plan",
            "generate",
            "--team",
            "Zoë's team",
            "--assessment",
            &id,
        ],
        &db,
    );
    failed(
        &out,
        1,
        &format!("assessment {id} already has an improvement plan"),
    );
    let out = run(
        &["plan", "generate", "--team", "Zoë's team", "--regenerate"],
        &db,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("0 added, 0 removed, 0 kept because they were edited"),
        "{}",
        stdout(&out)
    );
    let after = stdout(&run(
        &[
            "plan",
            "show",
            "--team",
            "Zoë's team",
            "--assessment",
            &id,
            "--json",
        ],
        &db,
    ));
    let items = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        v["plan"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["uuid"].clone(), i["position"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        items(&after),
        items(&before),
        "the same items, in the same order"
    );
}

#[test]
fn unknown_teams_and_other_teams_assessments_are_refused() {
    let (_dir, db, id) = recorded();
    let out = run(&["plan", "generate", "--team", "Nobody"], &db);
    failed(&out, 1, "no team named \"Nobody\"");

    assert!(run(&["team", "add", "Ярослава's team"], &db)
        .status
        .success());
    let out = run(
        &[
            "plan",
            "generate",
            "--team",
            "Ярослава's team",
            "--assessment",
            &id,
        ],
        &db,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "assessment {id} is not an assessment of team \"Ярослава's team\""
        )),
        "{}",
        stderr(&out)
    );
    let out = run(&["plan", "generate", "--team", "Ярослава's team"], &db);
    assert!(
        stderr(&out).contains("has no completed assessment"),
        "{}",
        stderr(&out)
    );
    let out = run(&["plan", "show", "--team", "Zoë's team"], &db);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nothing was generated by the refusals"
    );
}

#[test]
fn the_focus_limit_sends_the_rest_to_the_backlog_and_each_action_says_why() {
    let (_dir, db, _id) = recorded();
    let out = run(&["plan", "generate", "--team", "Zoë's team"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(&["plan", "focus", "0"], &db);
    failed(&out, 1, "choose from 1 to 20");
    let out = run(&["plan", "focus"], &db);
    assert_eq!(
        stdout(&out).trim(),
        "3 open actions per horizon; the rest of a plan waits in its backlog",
        "the refused limit changed nothing"
    );

    let out = run(&["plan", "focus", "1"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["plan", "show", "--team", "Zoë's team"], &db);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("at most 1 per horizon"), "{text}");
    assert!(
        text.contains("\nbacklog (pulled in when a slot frees up)\n"),
        "{text}"
    );
    assert!(text.contains("why here: gap "), "{text}");

    let out = run(&["plan", "show", "--team", "Zoë's team", "--json"], &db);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let places: Vec<&str> = json["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let items = json["plan"]["items"].as_array().unwrap();
    assert_eq!(places.len(), items.len());
    for days in [30, 60, 90] {
        let focus = items
            .iter()
            .zip(&places)
            .filter(|(i, p)| i["horizon"] == days && **p == "focus")
            .count();
        assert!(focus <= 1, "{focus} open in the {days}-day focus");
    }
    assert!(places.contains(&"backlog"), "{places:?}");
}
