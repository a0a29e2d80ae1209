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
        &format!("{FILE}:5: action `courage-name-the-risk` names unknown DORA metric `uptime`"),
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
            "{FILE}:5: action `courage-name-the-risk` names DORA metric `change-fail-rate` twice"
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
            "{FILE}:5: action `courage-name-the-risk` points to unknown chapter `no-such-chapter`"
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
        &format!("{FILE}:5: action `courage-name-the-risk` has a title of 269 characters; at most 200 fit a plan"),
    );
    check(
        |src| {
            edit_first(src, "impact = \"Risks are discussed before release, not after the incident. The team gets better at spotting what can fail.\"", "impact = \" \"")
        },
        &format!("{FILE}:5: action `courage-name-the-risk` has an empty title, why or impact"),
    );
    check(
        |src| edit_first(src, "  \"Add one question", "  \"\",\n  \"Add one question"),
        &format!(
            "{FILE}:5: action `courage-name-the-risk` needs at least one non-empty first step"
        ),
    );
}

#[test]
fn a_step_outside_one_to_four_and_an_unknown_effort_are_reported() {
    check(
        |src| edit_first(src, "from_level = 1", "from_level = 5"),
        &format!("{FILE}:5: action `courage-name-the-risk` has from_level 5; steps start at levels 1 to 4"),
    );
    let problems = problems_after(|src| edit_first(src, "effort = \"S\"", "effort = \"XL\""));
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(FILE) && p.contains("unknown variant `XL`")),
        "{problems:?}"
    );
}
