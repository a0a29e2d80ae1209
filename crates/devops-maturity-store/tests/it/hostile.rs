//! Hostile and odd text through the store: what is accepted comes back byte for byte; what is
//! refused gets the exact message, and a refused write changes nothing.
//!
//! "Characters" are Unicode scalar values (`char`s): a 10,000-character limit counts 🚀 as one.

use chrono::{DateTime, Utc};
use devops_maturity_core::recommendations::Effort;
use devops_maturity_core::{Answer, Questionnaire};
use devops_maturity_store::plans::{IfExists, NewPlanItem, PlanItemChange};
use devops_maturity_store::Store;

use super::no_dora;

/// Text that has broken other programs: markup, SQL, right-to-left, emoji (with joiners),
/// template and format strings, a spreadsheet formula, a bidi override.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "Robert'); DROP TABLE teams;--",
    "فريق المنصة",
    "צוות התשתית",
    "🚀 Rocket 👩‍👩‍👧",
    "{{7*7}} ${7*7} %s %n",
    "=HYPERLINK(\"https://example.com\",\"x\")",
    "\u{202E}txt.exe",
    "a\"b\\c",
];

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// `len` characters mixing everything above (and a line break, which free text allows).
fn long_text(len: usize) -> String {
    let pattern: Vec<char> = HOSTILE.join("\n").chars().collect();
    pattern.iter().cycle().take(len).collect()
}

fn questionnaire() -> Questionnaire {
    Questionnaire::sample([("d", ["q1", "q2", "q3", "q4"])])
}

/// Hostile names that are visible: everything above but the bidi override.
fn visible_names() -> impl Iterator<Item = &'static &'static str> {
    HOSTILE.iter().filter(|n| !n.contains('\u{202E}'))
}

#[test]
fn hostile_team_names_round_trip_literally() {
    let mut store = Store::open_in_memory().unwrap();
    for name in visible_names() {
        let team = store.create_team(name, now()).unwrap();
        assert_eq!(&store.team(team.id).unwrap().name, name);
        assert_eq!(
            store.team_by_name(name).unwrap().map(|t| t.id),
            Some(team.id),
            "found again by its exact name: {name:?}"
        );
    }
    let listed: Vec<String> = store.teams().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(
        listed.len(),
        visible_names().count(),
        "no name was taken as SQL"
    );
    let longest: String = "🚀".repeat(100);
    let team = store.create_team(&longest, now()).unwrap();
    assert_eq!(team.name, longest, "100 emoji are 100 characters");
}

#[test]
fn team_names_over_the_limit_or_with_nul_are_refused_with_the_exact_message() {
    let mut store = Store::open_in_memory().unwrap();
    let cases: &[(String, &str)] = &[
        (
            long_text(10_000),
            "a team name can have at most 100 characters; this has 10000",
        ),
        (
            "x".repeat(101),
            "a team name can have at most 100 characters; this has 101",
        ),
        (
            "Ops\0Team".into(),
            "a team name cannot contain control characters (line breaks, tabs, NUL …): U+0000 at character 4",
        ),
        (
            "two\nlines".into(),
            "a team name cannot contain control characters (line breaks, tabs, NUL …): U+000A at character 4",
        ),
    ];
    for (name, message) in cases {
        let err = store.create_team(name, now()).unwrap_err();
        assert_eq!(err.to_string(), *message);
    }
    assert!(store.teams().unwrap().is_empty(), "nothing was stored");
}

#[test]
fn names_that_look_alike_are_one_name_and_invisible_characters_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    store.create_team("Caf\u{e9}", now()).unwrap();
    assert_eq!(
        store
            .create_team("Cafe\u{301}", now())
            .unwrap_err()
            .to_string(),
        "a team named \"Cafe\u{301}\" already exists",
        "the same name typed with a combining accent (NFD) is the same team"
    );
    assert!(
        store.create_team("CAFÉ", now()).is_err(),
        "and in capitals too"
    );
    store.create_team("Straße", now()).unwrap();
    assert!(
        store.create_team("STRASSE", now()).is_err(),
        "full case folding: ß is ss"
    );
    for (name, message) in [
        (
            "Caf\u{e9}\u{200b}",
            "a team name cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+200B at character 5",
        ),
        (
            "\u{202E}txt.exe",
            "a team name cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+202E at character 1",
        ),
        (
            "Ops\u{2066}Team\u{2069}",
            "a team name cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+2066 at character 4",
        ),
        (
            "\u{feff}Platform",
            "a team name cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+FEFF at character 1",
        ),
    ] {
        assert_eq!(store.create_team(name, now()).unwrap_err().to_string(), message);
        assert_eq!(store.create_learner(name, None, now()).unwrap_err().to_string(), message.replace("a team name", "a learner name"));
    }
    assert_eq!(
        store.teams().unwrap().len(),
        2,
        "refused names change nothing"
    );
}

/// A store with one in-progress assessment; returns its first respondent.
fn assessment(store: &mut Store) -> (i64, i64) {
    let team = store.create_team("Evidence", now()).unwrap();
    let a = store
        .start_assessment(team.id, &questionnaire(), &["Ana".into()], None, now())
        .unwrap();
    let respondent = store.assessment_data(a.id).unwrap().respondents[0].id;
    (a.id, respondent)
}

fn stored_evidence(store: &Store, assessment: i64, question: &str) -> Option<String> {
    store.assessment_data(assessment).unwrap().answers[0]
        .evidence
        .get(question)
        .cloned()
}

#[test]
fn evidence_of_10000_hostile_characters_round_trips_literally() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, r) = assessment(&mut store);
    let text = long_text(10_000);
    assert_eq!(text.chars().count(), 10_000);
    store
        .save_answer(r, "q1", Answer::Level(3), Some(&text), now())
        .unwrap();
    assert_eq!(stored_evidence(&store, a, "q1"), Some(text));
    for (i, hostile) in HOSTILE.iter().enumerate() {
        let q = format!("q{}", i % 4 + 1);
        store
            .save_answer(r, &q, Answer::Level(2), Some(hostile), now())
            .unwrap();
        assert_eq!(stored_evidence(&store, a, &q).as_deref(), Some(*hostile));
    }
}

#[test]
fn evidence_over_the_limit_or_with_nul_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, r) = assessment(&mut store);
    store
        .save_answer(r, "q1", Answer::Level(3), Some("before"), now())
        .unwrap();
    let cases: &[(String, &str)] = &[
        (
            long_text(10_001),
            "evidence can have at most 10000 characters; this has 10001",
        ),
        (
            "minutes\0of the retro".into(),
            "evidence cannot contain control characters other than line breaks and tabs: U+0000 at character 8",
        ),
        (
            "bell \u{7}".into(),
            "evidence cannot contain control characters other than line breaks and tabs: U+0007 at character 6",
        ),
    ];
    for (text, message) in cases {
        let err = store
            .save_answer(r, "q1", Answer::Level(5), Some(text), now())
            .unwrap_err();
        assert_eq!(err.to_string(), *message);
    }
    assert_eq!(
        stored_evidence(&store, a, "q1").as_deref(),
        Some("before"),
        "the earlier answer is untouched"
    );
    store
        .save_answer(
            r,
            "q2",
            Answer::Level(1),
            Some("line one\n\tline two\r\n"),
            now(),
        )
        .expect("line breaks and tabs are ordinary free text");
}

#[test]
fn plan_notes_of_10000_hostile_characters_round_trip_and_one_more_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, r) = assessment(&mut store);
    for q in ["q1", "q2", "q3", "q4"] {
        store
            .save_answer(r, q, Answer::Level(2), None, now())
            .unwrap();
    }
    store.complete_assessment(a, now()).unwrap();
    store
        .propose_plan(a, &[], &no_dora(), IfExists::Refuse, now())
        .unwrap();
    let item = store
        .add_plan_item(
            a,
            &NewPlanItem {
                dimension_id: "d".into(),
                title: "<script>alert(1)</script> ' OR 1=1 --".into(),
                why: "فريق 🚀".into(),
                first_steps: vec!["<img src=x onerror=alert(1)>".into()],
                effort: Effort::S,
                impact: String::new(),
                horizon: 30,
            },
            now(),
        )
        .unwrap();
    assert_eq!(item.title, "<script>alert(1)</script> ' OR 1=1 --");
    let notes = long_text(10_000);
    let change = |notes: &str| PlanItemChange {
        notes: Some(notes.to_string()),
        ..Default::default()
    };
    let updated = store
        .update_plan_item(item.id, &change(&notes), now())
        .unwrap();
    assert_eq!(updated.notes.as_deref(), Some(notes.as_str()));

    let err = store
        .update_plan_item(item.id, &change(&long_text(10_001)), now())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the notes of the action “{}” can have at most 10000 characters; this has 10001",
            item.title
        )
    );
    let err = store
        .update_plan_item(item.id, &change("a\0b"), now())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the notes of the action “{}” cannot contain control characters other than line breaks and tabs: U+0000 at character 2",
            item.title
        )
    );
    assert_eq!(
        store.plan_item(item.id).unwrap().notes.as_deref(),
        Some(notes.as_str()),
        "refused changes leave the notes as they were"
    );
}
