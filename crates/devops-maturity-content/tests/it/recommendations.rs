//! The checks on `assessment/recommendations/`: each is shown to fire on one small edit of the
//! real content, with the file and line it names.

use std::path::Path;

use devops_maturity_content::{parse, Files};

const FILE: &str = "assessment/recommendations/skills.toml";

/// The real content with `edit` applied to the skills recommendations; the problems found
/// (`file:line: message`), or none.
fn problems_after(edit: impl FnOnce(String) -> String) -> Vec<String> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"));
    let (files, read_problems) = Files::read_dir(root);
    assert!(read_problems.is_empty(), "{read_problems:?}");
    let original = files
        .get(FILE)
        .expect("the skills recommendations exist")
        .to_string();
    let edited = edit(original.clone());
    assert_ne!(edited, original, "the edit changed the file");
    let pairs: Vec<(String, String)> = files
        .paths()
        .map(|p| {
            let text = if p == FILE {
                edited.clone()
            } else {
                files.get(p).unwrap_or_default().to_string()
            };
            (p.to_string(), text)
        })
        .collect();
    match parse(&Files::from_pairs(pairs)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(ToString::to_string).collect(),
    }
}

/// The first action of the file is `courage-name-the-risk` (courage, 1 → 2).
fn first_action(src: &str) -> (usize, usize) {
    let start = src.find("[[action]]").expect("an action");
    let end = src[start + 1..]
        .find("[[action]]")
        .map_or(src.len(), |i| start + 1 + i);
    (start, end)
}

fn edit_first(src: String, from: &str, to: &str) -> String {
    let (start, end) = first_action(&src);
    let block = &src[start..end];
    assert!(block.contains(from), "the first action has `{from}`");
    format!(
        "{}{}{}",
        &src[..start],
        block.replacen(from, to, 1),
        &src[end..]
    )
}

fn check(edit: impl FnOnce(String) -> String, expected: &str) {
    let problems = problems_after(edit);
    assert!(
        problems.iter().any(|p| p == expected),
        "expected `{expected}` among:\n{}",
        problems.join("\n")
    );
}

#[test]
fn fewer_than_two_actions_for_a_step_is_reported() {
    check(
        |src| {
            let (start, end) = first_action(&src);
            format!("{}{}", &src[..start], &src[end..])
        },
        "assessment/recommendations/: dimension `courage` has 1 actions for level 1 → 2; at least 2 are needed",
    );
}

#[test]
fn every_field_must_be_present() {
    for field in ["dora", "impact", "chapter", "effort", "first_steps", "why"] {
        let problems = problems_after(|src| {
            let (start, end) = first_action(&src);
            let block: String = src[start..end]
                .split_inclusive('\n')
                .filter(|line| !line.starts_with(&format!("{field} =")))
                .collect::<String>();
            // `first_steps` spans several lines: drop its items too.
            let block = if field == "first_steps" {
                block
                    .split_inclusive('\n')
                    .filter(|l| !l.starts_with("  \"") && *l != "]\n")
                    .collect()
            } else {
                block
            };
            format!("{}{}{}", &src[..start], block, &src[end..])
        });
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(FILE) && p.contains(&format!("missing field `{field}`"))),
            "{field}: {problems:?}"
        );
    }
}

#[test]
fn unknown_and_repeated_dora_keys_are_reported() {
    check(
        |src| {
            edit_first(
                src,
                r#"dora = ["change-fail-rate"]"#,
                r#"dora = ["uptime"]"#,
            )
        },
        &format!("{FILE}:7: action `courage-name-the-risk` names unknown DORA metric `uptime`"),
    );
    check(
        |src| {
            edit_first(
                src,
                r#"dora = ["change-fail-rate"]"#,
                r#"dora = ["change-fail-rate", "change-fail-rate"]"#,
            )
        },
        &format!(
            "{FILE}:7: action `courage-name-the-risk` names DORA metric `change-fail-rate` twice"
        ),
    );
}

#[test]
fn an_unknown_chapter_is_reported() {
    check(
        |src| {
            edit_first(
                src,
                r#"chapter = "dasa-competence-model""#,
                r#"chapter = "no-such-chapter""#,
            )
        },
        &format!(
            "{FILE}:7: action `courage-name-the-risk` points to unknown chapter `no-such-chapter`"
        ),
    );
}

#[test]
fn empty_and_oversized_texts_are_reported() {
    check(
        |src| {
            let long = "A very long title ".repeat(12);
            edit_first(src, "title = \"", &format!("title = \"{long}"))
        },
        &format!("{FILE}:7: action `courage-name-the-risk` has a title of 269 characters; at most 200 fit a plan"),
    );
    check(
        |src| {
            edit_first(src, "impact = \"Risks are discussed before release, not after the incident. The team gets better at spotting what can fail.\"", "impact = \" \"")
        },
        &format!("{FILE}:7: action `courage-name-the-risk` has an empty title, why or impact"),
    );
    check(
        |src| edit_first(src, "  \"Add one question", "  \"\",\n  \"Add one question"),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` needs at least one non-empty first step"
        ),
    );
}

#[test]
fn a_step_outside_one_to_four_and_an_unknown_effort_are_reported() {
    check(
        |src| edit_first(src, "from_level = 1", "from_level = 5"),
        &format!("{FILE}:7: action `courage-name-the-risk` has from_level 5; steps start at levels 1 to 4"),
    );
    let problems = problems_after(|src| edit_first(src, "effort = \"S\"", "effort = \"XL\""));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(FILE) && p.contains("unknown variant `XL`")),
        "{problems:?}"
    );
}

/// The step rule: an action for N → N+1 cites at least one anchor, each a level-(N+1) anchor of
/// a question of its own dimension. `courage-name-the-risk` (courage, 1 → 2) cites
/// `courage-3:2`.
#[test]
fn an_action_cites_the_anchors_of_the_level_it_helps_reach() {
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["courage-3:4"]"#),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` is for level 1 → 2 but cites `courage-3:4`, a level-4 anchor: cite the level-2 anchors it helps reach, or move the action to 3 → 4"
        ),
    );
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["courage-3:1"]"#),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` is for level 1 → 2 but cites `courage-3:1`, a level-1 anchor: cite the level-2 anchors it helps reach, no step leads to level 1"
        ),
    );
    check(
        |src| edit_first(src, "anchors = [\"courage-3:2\"]\n", ""),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` cites no anchor: name the level-2 anchors of `courage` it helps reach, as anchors = [\"courage-1:2\"]"
        ),
    );
}

#[test]
fn a_cited_anchor_must_exist_and_belong_to_the_actions_dimension() {
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["teambuilding-1:2"]"#),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` is for dimension `courage` but cites `teambuilding-1:2`, a question of `teambuilding`"
        ),
    );
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["courage-9:2"]"#),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` cites `courage-9:2`, but there is no question `courage-9`"
        ),
    );
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["courage-3:6"]"#),
        &format!("{FILE}:7: action `courage-name-the-risk` cites `courage-3:6`; anchors are levels 1 to 5"),
    );
    check(
        |src| edit_first(src, r#"anchors = ["courage-3:2"]"#, r#"anchors = ["courage-3"]"#),
        &format!(
            "{FILE}:7: action `courage-name-the-risk` cites `courage-3`; an anchor is written question-id:level, as `courage-1:2`"
        ),
    );
    check(
        |src| {
            edit_first(
                src,
                r#"anchors = ["courage-3:2"]"#,
                r#"anchors = ["courage-3:2", "courage-3:2"]"#,
            )
        },
        &format!("{FILE}:7: action `courage-name-the-risk` cites `courage-3:2` twice"),
    );
}

/// `replaces` names ids that are gone from the content, each taken over by one action.
#[test]
fn a_replaced_id_is_gone_and_taken_over_once() {
    check(
        |src| {
            edit_first(
                src,
                "chapter = \"dasa-competence-model\"\n",
                "chapter = \"dasa-competence-model\"\nreplaces = [\"courage-safe-to-raise-problems\"]\n",
            )
        },
        &format!(
            "{FILE}:7: action `courage-name-the-risk` replaces `courage-safe-to-raise-problems`, which is still an action: remove one of them"
        ),
    );
    check(
        |src| {
            edit_first(
                src,
                "chapter = \"dasa-competence-model\"\n",
                "chapter = \"dasa-competence-model\"\nreplaces = [\"courage-game-days\"]\n",
            )
        },
        &format!("{FILE}:7: `courage-game-days` is replaced by both `architecture-design-failure-tests` and `courage-name-the-risk`; one action takes it over"),
    );
}

/// The real content keeps every action at the step its anchors put it, and lists the ids
/// that issue 14's review merged or moved, so stored plans holding them still regenerate
/// without a duplicate.
#[test]
fn the_real_recommendations_cite_anchors_and_keep_old_ids() {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"));
    let content = devops_maturity_content::load_dir(root).expect("the content is valid");
    let actions = &content.assessment.actions;
    for a in actions {
        assert!(!a.anchors.is_empty(), "{} cites an anchor", a.id);
        assert!(
            a.anchors.iter().all(|r| r.level == a.from_level + 1),
            "{}: {:?}",
            a.id,
            a.anchors
        );
    }
    let by_old = |old: &str| {
        actions
            .iter()
            .find(|a| a.replaces.iter().any(|r| r == old))
            .map(|a| (a.id.as_str(), a.dimension.as_str(), a.from_level))
    };
    assert_eq!(
        by_old("continuous-delivery-progressive-delivery"),
        None,
        "progressive delivery kept its id, it only moved a step"
    );
    let progressive = actions
        .iter()
        .find(|a| a.id == "continuous-delivery-progressive-delivery")
        .expect("still there");
    assert_eq!(progressive.from_level, 3, "a level-4 anchor: 3 → 4");
    assert_eq!(
        by_old("programming-feature-flags"),
        Some((
            "continuous-delivery-feature-flags",
            "continuous-delivery",
            2
        )),
        "deploying a feature switched off is questionnaire 1.1's continuous-delivery-6 level 3"
    );
    let threats = actions
        .iter()
        .find(|a| a.id == "security-risk-compliance-threat-modelling")
        .expect("still there");
    assert_eq!(
        (threats.from_level, threats.anchors[0].to_string().as_str()),
        (3, "security-risk-compliance-5:4"),
        "a threat review for every feature is a level-4 anchor: 3 → 4"
    );
    assert_eq!(
        by_old("security-risk-compliance-peer-reviewed-approval"),
        Some((
            "autonomous-teams-approve-standard-changes",
            "autonomous-teams",
            3
        ))
    );
    assert_eq!(
        by_old("business-value-value-on-every-item"),
        Some(("business-value-cost-of-delay", "business-value", 2)),
        "merged into the same advice one step on"
    );
}

/// The rework rate in DORA's sense: an action that names it says how it cuts unplanned
/// deployments that fix a defect users saw (not how it avoids building the wrong feature).
#[test]
fn an_action_naming_the_rework_rate_says_what_dora_counts() {
    check(
        |src| {
            edit_first(
                src,
                r#"dora = ["change-fail-rate"]"#,
                r#"dora = ["change-fail-rate", "rework-rate"]"#,
            )
        },
        &format!(
            "{FILE}:7: action `courage-name-the-risk` names `rework-rate` but its why does not say how it cuts unplanned deployments that fix a defect users saw, which is what DORA's rework rate counts"
        ),
    );
}
