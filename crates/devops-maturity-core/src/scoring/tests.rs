use super::scorer::median_from;
use super::*;
use proptest::prelude::*;

/// Two dimensions: "a" with 4 questions, "b" with 2.
fn questionnaire() -> Questionnaire {
    Questionnaire::sample([("a", &["a1", "a2", "a3", "a4"][..]), ("b", &["b1", "b2"])])
}

fn respondent(name: &str, answers: &[(&str, Answer)]) -> Respondent {
    Respondent {
        name: name.into(),
        role: None,
        answers: answers.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        evidence: BTreeMap::new(),
    }
}

use Answer::{DontKnow as DK, Level as L, NotApplicable as NA};

#[test]
fn golden_single_respondent_with_dont_know() {
    let r = respondent(
        "Ana",
        &[
            ("a1", L(2)),
            ("a2", L(3)),
            ("a3", DK),
            ("a4", L(4)),
            ("b1", NA),
            ("b2", L(5)),
        ],
    );
    let choices = Choices {
        targets: [("a".into(), 4), ("b".into(), 4)].into(),
        ..Choices::default()
    };
    let q = questionnaire();
    let s = score(&q, &[r], &choices);
    let a = &s.dimensions[0];
    assert_eq!(a.score, Some(3.0), "mean of 2, 3, 4; don't know left out");
    assert_eq!(a.level, Some(3));
    assert_eq!(a.gap, Some(1.0));
    let b = &s.dimensions[1];
    assert_eq!(
        b.score,
        Some(5.0),
        "1 of 2 answered is exactly half: enough"
    );
    assert_eq!(
        b.gap,
        Some(-1.0),
        "a target below the score is a negative gap"
    );
    assert_eq!(s.overall, Some(4.0), "equal weights: (3 + 5) / 2");
    assert_eq!(s.overall_level, Some(4));
    assert_eq!(
        s.gaps.iter().map(|g| g.dimension_id).collect::<Vec<_>>(),
        ["a"],
        "only positive gaps are ranked"
    );
}

/// Rule 10 by hand. "lead" is a leadership dimension of two questions, "flow" is not.
/// Ana (practitioner) 2,2 → 2.0; Ben (practitioner) 3,2 → 2.5; Cy (leader) 4,5 → 4.5; Dee
/// (no role) 1,1 → 1.0. Team: median(1.0, 2.0, 2.5, 4.5) = 2.25 → 2.3 (everyone, Dee too).
/// Practitioners: median(2.0, 2.5) = 2.25 → 2.3 of 2; leaders 4.5 of 1; difference 4.5 −
/// 2.3 = 2.2, a level or more apart. Dee counts on neither side.
#[test]
fn leaders_are_shown_apart_on_leadership_dimensions() {
    let mut q = Questionnaire::sample([("lead", ["l1", "l2"]), ("flow", ["f1", "f2"])]);
    q.dimensions[0].leadership = true;
    let person = |name: &str, role: Option<Role>, a: u8, b: u8| Respondent {
        role,
        ..respondent(
            name,
            &[
                ("l1", Answer::Level(a)),
                ("l2", Answer::Level(b)),
                ("f1", Answer::Level(3)),
                ("f2", Answer::Level(3)),
            ],
        )
    };
    let people = [
        person("Ana", Some(Role::Practitioner), 2, 2),
        person("Ben", Some(Role::Practitioner), 3, 2),
        person("Cy", Some(Role::Leader), 4, 5),
        person("Dee", None, 1, 1),
    ];
    let s = score(&q, &people, &Choices::default());
    assert_eq!(
        s.dimensions[0].score,
        Some(2.3),
        "the team score is everyone's median"
    );
    assert_eq!(s.by_role.len(), 1, "only the leadership dimension is split");
    let split = &s.by_role[0];
    assert_eq!(split.dimension_id, "lead");
    assert_eq!(split.team, Some(2.3));
    assert_eq!(
        (
            split.practitioners.respondents,
            split.practitioners.scored_by
        ),
        (2, 2),
        "Dee stated no role: on neither side"
    );
    assert_eq!(split.practitioners.score, Some(2.3));
    assert_eq!(split.practitioners.level, Some(2));
    assert_eq!(
        (split.leaders.respondents, split.leaders.score),
        (1, Some(4.5))
    );
    assert_eq!(split.difference, Some(2.2));
    assert!(split.apart(), "2.2 levels apart");
    assert_eq!(split.leaders.in_words(), "4.5 (1 of 1)");
    assert_eq!(split.practitioners.in_words(), "2.3 (2 of 2)");
    assert_eq!(
        split.difference_in_words(),
        "leaders 2.2 higher — a level or more apart"
    );

    // With no leadership answer from Cy, the leaders have no score and there is no difference.
    let mut quiet = people.clone();
    quiet[2].answers.remove("l1");
    quiet[2].answers.remove("l2");
    let s = score(&q, &quiet, &Choices::default());
    let split = &s.by_role[0];
    assert_eq!((split.leaders.respondents, split.leaders.scored_by), (1, 0));
    assert_eq!((split.leaders.score, split.difference), (None, None));
    assert!(!split.apart());
    assert_eq!(split.leaders.in_words(), "— (0 of 1)");
    assert_eq!(
        split.difference_in_words(),
        "no comparison: one side has no score"
    );

    // Without a leader nothing is split.
    let mut no_leader = people.clone();
    no_leader[2].role = Some(Role::Practitioner);
    assert!(score(&q, &no_leader, &Choices::default())
        .by_role
        .is_empty());
}

/// A quick scan is scored by the same rules on its own questions. Full form: "flow" f1–f4
/// (f2 and f3 quick), "care" c1–c3 (c1 quick). Quick scan: flow {f2, f3}, care {c1}.
/// Ana: f2 = 2, f3 "don't know", c1 = 4 → flow: 1 of 2 answered, half → 2.0; care 4.0.
/// Ben: f2 = 3, f3 = 4 → 3.5; c1 "not applicable" → care out of scope for him.
/// Team: flow median(2.0, 3.5) = 2.75 → 2.8, level 2; care: only Ana → 4.0, one person's
/// answers; overall (2.8 + 4.0) / 2 = 3.4 of 2 of 2 dimensions. Scored against the full
/// form, the same answers give flow nobody (Ana 1 of 4, Ben 2 of 4 → Ben 3.5 alone).
#[test]
fn a_quick_scan_is_scored_by_the_same_rules_on_its_own_questions() {
    let mut full = Questionnaire::sample([
        ("flow", vec!["f1", "f2", "f3", "f4"]),
        ("care", vec!["c1", "c2", "c3"]),
    ]);
    for q in &mut full.questions {
        q.quick = ["f2", "f3", "c1"].contains(&q.id.as_str());
    }
    let quick = full.quick_scan().expect("three questions are marked");
    assert!(quick.quick_scan && !full.quick_scan);
    assert_eq!(quick.version, "1+quick");
    assert_eq!(quick.form_label(), "Quick scan");
    assert_eq!(full.form_label(), "Full questionnaire");
    let ids: Vec<&str> = quick.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["f2", "f3", "c1"], "questionnaire order kept");
    assert_eq!(quick.dimensions, full.dimensions, "every dimension stays");
    assert!(
        quick.quick_scan().is_none(),
        "a quick scan has no shorter form"
    );
    assert!(
        crate::questionnaire::is_quick_scan_version(&quick.version)
            && !crate::questionnaire::is_quick_scan_version(&full.version)
    );

    let people = [
        respondent(
            "Ana",
            &[
                ("f2", Answer::Level(2)),
                ("f3", Answer::DontKnow),
                ("c1", Answer::Level(4)),
            ],
        ),
        respondent(
            "Ben",
            &[
                ("f2", Answer::Level(3)),
                ("f3", Answer::Level(4)),
                ("c1", Answer::NotApplicable),
            ],
        ),
    ];
    let s = score(&quick, &people, &Choices::default());
    let flow = &s.dimensions[0];
    assert_eq!(flow.respondent_scores, [Some(2.0), Some(3.5)]);
    assert_eq!((flow.score, flow.level), (Some(2.8), Some(2)));
    assert_eq!(flow.questions, 2);
    let care = &s.dimensions[1];
    assert_eq!(care.respondent_scores, [Some(4.0), None]);
    assert_eq!(care.score, Some(4.0));
    assert!(care.confidence.single_respondent);
    assert_eq!(s.overall, Some(3.4));
    assert_eq!((s.overall_dimensions, s.in_scope_dimensions), (2, 2));

    let against_full = score(&full, &people, &Choices::default());
    assert_eq!(
        against_full.dimensions[0].respondent_scores,
        [None, Some(3.5)]
    );
    assert_eq!(
        against_full.dimensions[1].score, None,
        "1 of 3 is under half"
    );
}

#[test]
fn role_codes_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_code(role.code()), Some(role));
    }
    assert_eq!(Role::from_code("Leader"), None, "codes are exact");
    assert_eq!(Role::from_code("manager"), None);
}

#[test]
fn answer_codes_round_trip_and_reject_out_of_range() {
    for a in [L(1), L(5), DK, NA] {
        assert_eq!(Answer::from_code(&a.code().unwrap()), Some(a));
    }
    assert_eq!(L(7).code(), None);
    for bad in ["0", "6", "7", "", "maybe", " 3"] {
        assert_eq!(Answer::from_code(bad), None, "{bad:?}");
    }
}

#[test]
fn too_few_answers_is_not_a_number() {
    let r = respondent(
        "Ana",
        &[
            ("a1", L(5)),
            ("a2", DK),
            ("a3", NA),
            ("b1", L(3)),
            ("b2", L(3)),
        ],
    );
    let q = questionnaire();
    let s = score(&q, &[r], &Choices::default());
    assert_eq!(s.dimensions[0].score, None, "1 of 4 answered is below half");
    assert_eq!(s.dimensions[0].level, None);
    assert_eq!(
        s.overall,
        Some(3.0),
        "1 of 2 dimensions scored is half: overall from b alone"
    );
}

#[test]
fn golden_three_respondents_median_and_disagreement() {
    let rs = [
        respondent(
            "Ana",
            &[
                ("a1", L(1)),
                ("a2", L(1)),
                ("a3", L(1)),
                ("a4", L(1)),
                ("b1", L(2)),
                ("b2", L(2)),
            ],
        ),
        respondent(
            "Ben",
            &[
                ("a1", L(3)),
                ("a2", L(3)),
                ("a3", L(3)),
                ("a4", L(3)),
                ("b1", L(2)),
                ("b2", L(3)),
            ],
        ),
        respondent(
            "Cai",
            &[
                ("a1", L(4)),
                ("a2", L(4)),
                ("a3", L(4)),
                ("a4", L(4)),
                ("b1", L(3)),
                ("b2", L(2)),
            ],
        ),
    ];
    let q = questionnaire();
    let s = score(&q, &rs, &Choices::default());
    assert_eq!(
        s.dimensions[0].respondent_scores,
        [Some(1.0), Some(3.0), Some(4.0)]
    );
    assert_eq!(
        s.dimensions[0].score,
        Some(3.0),
        "median of 1, 3, 4 — not the mean 2.67"
    );
    assert_eq!(s.dimensions[1].score, Some(2.5), "median of 2, 2.5, 2.5");
    assert_eq!(
        s.dimensions[1].level,
        Some(2),
        "a level is reached only at its value"
    );
    let a1 = &s.questions[0];
    assert_eq!(a1.distribution, [1, 0, 1, 1, 0]);
    assert_eq!(
        (a1.min, a1.max, a1.spread, a1.disagreement),
        (Some(1), Some(4), 3, true)
    );
    assert_eq!(
        s.hot_spots,
        ["a1", "a2", "a3", "a4"],
        "b questions differ by 1 only"
    );
}

#[test]
fn weights_change_the_overall_score() {
    let r = respondent(
        "Ana",
        &[
            ("a1", L(2)),
            ("a2", L(2)),
            ("a3", L(2)),
            ("a4", L(2)),
            ("b1", L(5)),
            ("b2", L(5)),
        ],
    );
    let choices = Choices {
        weights: [("b".into(), 2.0)].into(),
        ..Choices::default()
    };
    let q = questionnaire();
    let s = score(&q, &[r], &choices);
    assert_eq!(s.overall, Some(4.0), "(2×1 + 5×2) / 3");
}

#[test]
fn an_agreed_level_scores_for_everyone_and_the_votes_stay() {
    let rs = [
        respondent(
            "Ana",
            &[("a1", L(1)), ("a2", L(3)), ("a3", L(3)), ("a4", L(3))],
        ),
        respondent(
            "Ben",
            &[
                ("a1", L(3)),
                ("a2", L(3)),
                ("a3", L(3)),
                ("a4", L(3)),
                ("b2", L(2)),
            ],
        ),
        respondent(
            "Cai",
            &[
                ("a1", L(5)),
                ("a2", L(3)),
                ("a3", L(3)),
                ("a4", L(3)),
                ("b1", DK),
            ],
        ),
    ];
    let q = questionnaire();
    let before = score(&q, &rs, &Choices::default());
    assert_eq!(
        before.dimensions[0].score,
        Some(3.0),
        "median of 2.5, 3, 3.5"
    );
    assert_eq!(
        before.dimensions[1].respondent_scores,
        [None, Some(2.0), None]
    );

    let choices = Choices {
        agreed: [("a1".into(), 2), ("b1".into(), 4)].into(),
        ..Choices::default()
    };
    let after = score(&q, &rs, &choices);
    assert_eq!(
        after.dimensions[0].respondent_scores,
        [Some(2.75), Some(2.75), Some(2.75)],
        "the agreed 2 replaces the votes 1, 3 and 5 in each person's mean"
    );
    assert_eq!(
        after.dimensions[0].score,
        Some(2.8),
        "2.75 kept to one decimal, as shown"
    );
    assert_eq!(
        after.dimensions[1].respondent_scores,
        [Some(4.0), Some(3.0), Some(4.0)],
        "an agreed question counts as answered for everyone, \"don't know\" included"
    );
    let a1 = &after.questions[0];
    assert_eq!(
        (a1.distribution, a1.spread, a1.disagreement, a1.agreed),
        ([1, 0, 1, 0, 1], 4, true, Some(2)),
        "the original votes and their spread are kept beside the agreed level"
    );
    assert_eq!(after.questions[1].agreed, None);
    assert_eq!(after.hot_spots, ["a1"], "the votes still disagreed");
    let summary = Scorer::new(&q).summary(&rs, &choices);
    assert_eq!(
        summary.dimensions,
        [Some(2.8), Some(4.0)],
        "the summary applies rule 8 too"
    );
}

#[test]
fn agreed_levels_out_of_range_or_for_unknown_questions_are_ignored() {
    let rs = [respondent("Ana", &[("a1", L(2)), ("a2", L(2))])];
    let q = questionnaire();
    let choices = Choices {
        agreed: [("a1".into(), 0), ("a2".into(), 6), ("zz".into(), 5)].into(),
        ..Choices::default()
    };
    let s = score(&q, &rs, &choices);
    assert_eq!(s.dimensions[0].score, Some(2.0));
    assert!(s.questions.iter().all(|x| x.agreed.is_none()));
}

#[test]
fn hot_spots_are_the_wide_spreads_widest_first() {
    let rs = [
        respondent(
            "Ana",
            &[("a1", L(1)), ("a2", L(1)), ("b1", L(2)), ("b2", L(3))],
        ),
        respondent(
            "Ben",
            &[("a1", L(3)), ("a2", L(5)), ("b1", L(3)), ("b2", L(5))],
        ),
    ];
    let q = questionnaire();
    let s = score(&q, &rs, &Choices::default());
    assert_eq!(
        hot_spots(&s.questions),
        ["a2", "a1", "b2"],
        "spread 4, then the 2s by id; b1 differs by one level only"
    );
}

#[test]
fn not_applicable_takes_questions_out_of_the_half_rule() {
    // Ana: three of a's four questions do not apply, the fourth she rates 3. Applicable: 1,
    // answered: 1, so she has a score (before, 1 of 4 was below half).
    let r = respondent(
        "Ana",
        &[
            ("a1", NA),
            ("a2", NA),
            ("a3", NA),
            ("a4", L(3)),
            ("b1", L(2)),
        ],
    );
    let q = questionnaire();
    let s = score(&q, &[r], &Choices::default());
    assert_eq!(s.dimensions[0].score, Some(3.0));
    assert!(!s.dimensions[0].out_of_scope);
    // "Don't know" stays missing: 1 level of 4 applicable questions is not enough.
    let r = respondent("Ana", &[("a1", DK), ("a2", DK), ("a3", DK), ("a4", L(3))]);
    let s = score(&q, &[r], &Choices::default());
    assert_eq!(s.dimensions[0].score, None);
    assert!(
        !s.dimensions[0].out_of_scope,
        "don't know is not out of scope"
    );
    // One not applicable, two don't know, one level: 1 of 3 applicable is below half.
    let r = respondent("Ana", &[("a1", NA), ("a2", DK), ("a3", DK), ("a4", L(4))]);
    let s = score(&q, &[r], &Choices::default());
    assert_eq!(s.dimensions[0].score, None);
}

#[test]
fn an_entirely_not_applicable_dimension_is_out_of_scope_and_leaves_the_overall_rule() {
    let q = Questionnaire::sample([
        ("a", &["a1", "a2"][..]),
        ("b", &["b1", "b2"]),
        ("c", &["c1", "c2"]),
    ]);
    let rs = [
        respondent("Ana", &[("a1", L(2)), ("a2", L(4)), ("b1", NA), ("b2", NA)]),
        respondent("Ben", &[("a1", L(3)), ("b1", NA)]),
    ];
    let s = score(&q, &rs, &Choices::default());
    let b = &s.dimensions[1];
    assert!(
        b.out_of_scope && b.score.is_none(),
        "only n/a answers: out of scope"
    );
    let c = &s.dimensions[2];
    assert!(
        !c.out_of_scope && c.score.is_none(),
        "nothing answered: not enough answers"
    );
    // In scope: a and c. a has a score (median of 3 and 3), c none: 1 of 2 is half.
    assert_eq!(s.dimensions[0].score, Some(3.0));
    assert_eq!((s.overall_dimensions, s.in_scope_dimensions), (1, 2));
    assert_eq!(
        s.overall,
        Some(3.0),
        "before, 1 of 3 dimensions was too few"
    );
    let summary = Scorer::new(&q).summary(&rs, &Choices::default());
    assert_eq!(
        summary.overall,
        Some(3.0),
        "the summary follows the same rule"
    );
    assert_eq!(summary.dimensions, [Some(3.0), None, None]);
}

#[test]
fn one_outlier_in_a_larger_team_is_not_a_disagreement() {
    let q = questionnaire();
    let team = |levels: &[u8]| -> Vec<Respondent> {
        levels
            .iter()
            .enumerate()
            .map(|(i, l)| respondent(&format!("R{i}"), &[("a1", L(*l))]))
            .collect()
    };
    // Eight people, seven say 3 and one says 1: full range 2, but one person on one side.
    let s = score(&q, &team(&[3, 3, 3, 3, 3, 3, 3, 1]), &Choices::default());
    let a1 = &s.questions[0];
    assert_eq!(
        (a1.spread, a1.robust_spread, a1.disagreement),
        (2, 0, false)
    );
    assert!(s.hot_spots.is_empty());
    // Two people at 1 and six at 3: two on each side, flagged.
    let s = score(&q, &team(&[1, 3, 3, 1, 3, 3, 3, 3]), &Choices::default());
    let a1 = &s.questions[0];
    assert_eq!((a1.spread, a1.robust_spread, a1.disagreement), (2, 2, true));
    // Up to four people the full range still counts: 1, 3, 3 is a disagreement.
    let s = score(&q, &team(&[1, 3, 3]), &Choices::default());
    assert_eq!(
        (s.questions[0].robust_spread, s.questions[0].disagreement),
        (2, true)
    );
    // Five people 1, 2, 3, 4, 5: second-lowest 2, second-highest 4.
    let s = score(&q, &team(&[5, 1, 4, 2, 3]), &Choices::default());
    assert_eq!(
        (s.questions[0].spread, s.questions[0].robust_spread),
        (4, 2)
    );
}

#[test]
fn every_dimension_score_says_what_it_rests_on() {
    let q = questionnaire();
    let mut ana = respondent(
        "Ana",
        &[("a1", L(2)), ("a2", L(2)), ("a3", DK), ("b1", L(4))],
    );
    ana.evidence.insert("a1".into(), "  board photo  ".into());
    ana.evidence.insert("a2".into(), "   ".into());
    let rs = [
        ana,
        respondent(
            "Ben",
            &[("a1", L(4)), ("a2", L(4)), ("a3", L(4)), ("a4", DK)],
        ),
        respondent("Cai", &[("a1", L(3)), ("a2", L(3))]),
    ];
    let s = score(&q, &rs, &Choices::default());
    let a = &s.dimensions[0];
    // Ana 2 (2, 2), Ben 4 (4, 4, 4), Cai 3 (3, 3): median 3, set by Cai.
    assert_eq!(a.score, Some(3.0));
    assert_eq!(a.median_from, [2]);
    assert_eq!(
        a.confidence,
        Confidence {
            scored_by: 3,
            respondents: 3,
            dont_know_share: Some(2.0 / 9.0),
            spread: Some(2.0),
            single_respondent: false,
        },
        "9 applicable answers given, 2 of them don't know; scores 2 to 4"
    );
    let b = &s.dimensions[1];
    assert_eq!(b.score, Some(4.0), "Ana alone answered b (1 of 2)");
    assert!(b.confidence.single_respondent);
    assert_eq!((b.confidence.scored_by, b.confidence.spread), (1, None));
    // a1: Ana 2 below the team's 3, Ben 4 above, Cai 3 on it.
    let a1 = &s.questions[0];
    assert_eq!((a1.below_score, a1.above_score), (1, 1));
    assert_eq!(
        a1.evidence,
        [Evidence {
            respondent: "Ana".into(),
            answer: Some("2".into()),
            text: "board photo".into()
        }],
        "trimmed; blank evidence is left out"
    );
    assert!(s.questions[1].evidence.is_empty());
    assert_eq!(a.rests_on(), "3 of 3 people · 22 % don't know · spread 2.0");
    assert_eq!(b.rests_on(), "one person's answers only (of 3)");
    // An even count: the two middle people.
    assert_eq!(
        median_from(&[Some(2.0), None, Some(4.0), Some(3.0), Some(1.0)]),
        [0, 3]
    );
}

#[test]
fn equal_gaps_keep_questionnaire_order() {
    // "z" comes before "a" in the questionnaire; both are one level below target.
    let q = Questionnaire::sample([("z", &["z1"][..]), ("a", &["a1"])]);
    let r = respondent("Ana", &[("z1", L(2)), ("a1", L(2))]);
    let choices = Choices {
        targets: [("z".into(), 3), ("a".into(), 3)].into(),
        ..Choices::default()
    };
    let s = score(&q, &[r], &choices);
    assert_eq!(
        s.gaps.iter().map(|g| g.dimension_id).collect::<Vec<_>>(),
        ["z", "a"],
        "the plan's order, not the alphabet"
    );
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (1u8..=5).prop_map(Answer::Level),
        Just(Answer::DontKnow),
        Just(Answer::NotApplicable)
    ]
}

fn respondents() -> impl Strategy<Value = Vec<Respondent>> {
    let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
    proptest::collection::vec(
        proptest::collection::vec(proptest::option::of(answer()), 6),
        1..5,
    )
    .prop_map(move |rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| Respondent {
                name: format!("R{i}"),
                role: None,
                answers: ids
                    .iter()
                    .zip(row)
                    .filter_map(|(id, a)| a.map(|a| (id.to_string(), a)))
                    .collect(),
                evidence: BTreeMap::new(),
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn summary_agrees_with_the_full_score(
        rs in respondents(),
        wb in 0.1f64..5.0,
        agreed in proptest::collection::btree_map(
            proptest::sample::select(vec!["a1", "a3", "b2"]).prop_map(String::from),
            1u8..=5,
            0..3,
        ),
    ) {
        let q = questionnaire();
        let choices = Choices { weights: [("b".into(), wb)].into(), agreed, ..Choices::default() };
        let full = score(&q, &rs, &choices);
        let summary = Scorer::new(&q).summary(&rs, &choices);
        prop_assert_eq!(summary.dimensions, full.dimensions.iter().map(|d| d.score).collect::<Vec<_>>());
        prop_assert_eq!(summary.overall, full.overall);
    }

    #[test]
    fn a_sheet_recorded_answer_by_answer_is_the_respondents_sheet(rs in respondents()) {
        let q = questionnaire();
        let scorer = Scorer::new(&q);
        for r in &rs {
            let mut sheet = scorer.blank_sheet();
            // In reverse order, and with a question the questionnaire does not have.
            for (id, answer) in r.answers.iter().rev() {
                scorer.record(&mut sheet, id, *answer);
            }
            scorer.record(&mut sheet, "zz-unknown", Answer::Level(3));
            prop_assert_eq!(sheet, scorer.sheet(r));
        }
    }

    #[test]
    fn scores_stay_within_one_to_five(rs in respondents()) {
        let q = questionnaire();
    let s = score(&q, &rs, &Choices::default());
        for d in &s.dimensions {
            if let Some(v) = d.score { prop_assert!((1.0..=5.0).contains(&v), "{v}"); }
        }
        if let Some(v) = s.overall { prop_assert!((1.0..=5.0).contains(&v)); }
    }

    #[test]
    fn raising_one_answer_never_lowers_a_score(rs in respondents(), who in 0usize..4, q in 0usize..6) {
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
        let who = who % rs.len();
        let Some(Answer::Level(l)) = rs[who].answers.get(ids[q]).copied() else { return Ok(()) };
        prop_assume!(l < 5);
        let mut raised = rs.clone();
        raised[who].answers.insert(ids[q].to_string(), Answer::Level(l + 1));
        let qn = questionnaire();
        let before = score(&qn, &rs, &Choices::default());
        let after = score(&qn, &raised, &Choices::default());
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert_eq!(b.score.is_some(), a.score.is_some());
            if let (Some(b), Some(a)) = (b.score, a.score) { prop_assert!(a >= b - 1e-12, "{} < {}", a, b); }
        }
        if let (Some(b), Some(a)) = (before.overall, after.overall) { prop_assert!(a >= b - 1e-12); }
    }

    #[test]
    fn agreeing_the_level_everyone_gave_changes_no_score(rs in respondents(), q in 0usize..6, level in 1u8..=5) {
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
        let mut same = rs.clone();
        for r in &mut same {
            r.answers.insert(ids[q].to_string(), Answer::Level(level));
        }
        let qn = questionnaire();
        let agreed = Choices { agreed: [(ids[q].to_string(), level)].into(), ..Choices::default() };
        let votes = score(&qn, &same, &Choices::default());
        let consensus = score(&qn, &rs, &agreed);
        let scores = |s: &AssessmentScore<'_>| s.dimensions.iter().map(|d| d.score).collect::<Vec<_>>();
        prop_assert_eq!(scores(&votes), scores(&consensus));
        prop_assert_eq!(votes.overall, consensus.overall);
    }

    #[test]
    fn dont_know_is_missing_not_zero(rs in respondents(), q in 0usize..6) {
        // Turning an unanswered question into "don't know" changes no score.
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
        let mut marked = rs.clone();
        for r in &mut marked {
            r.answers.entry(ids[q].to_string()).or_insert(Answer::DontKnow);
        }
        let qn = questionnaire();
        let before = score(&qn, &rs, &Choices::default());
        let after = score(&qn, &marked, &Choices::default());
        let scores = |s: &AssessmentScore<'_>| s.dimensions.iter().map(|d| d.score).collect::<Vec<_>>();
        prop_assert_eq!(scores(&before), scores(&after));
        prop_assert_eq!(before.overall, after.overall);
    }

    #[test]
    fn not_applicable_changes_no_existing_personal_score(rs in respondents(), q in 0usize..6) {
        // "Not applicable" takes a question out of scope: a person's mean stays what it
        // was, and only someone short of the half rule can gain a score.
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2"];
        let mut marked = rs.clone();
        for r in &mut marked {
            r.answers.entry(ids[q].to_string()).or_insert(Answer::NotApplicable);
        }
        let qn = questionnaire();
        let before = score(&qn, &rs, &Choices::default());
        let after = score(&qn, &marked, &Choices::default());
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            for (x, y) in b.respondent_scores.iter().zip(&a.respondent_scores) {
                if let Some(x) = x { prop_assert_eq!(Some(*x), *y); }
            }
        }
    }

    #[test]
    fn overall_is_the_weighted_mean_of_scored_dimensions(rs in respondents(), wa in 0.1f64..5.0, wb in 0.1f64..5.0) {
        let choices = Choices { weights: [("a".into(), wa), ("b".into(), wb)].into(), ..Choices::default() };
        let q = questionnaire();
    let s = score(&q, &rs, &choices);
        if let (Some(a), Some(b), Some(o)) = (s.dimensions[0].score, s.dimensions[1].score, s.overall) {
            prop_assert!((o - shown((a * wa + b * wb) / (wa + wb))).abs() < 1e-9);
        }
    }
}

#[test]
fn a_score_its_level_and_its_gap_agree_with_the_number_shown() {
    assert_eq!(shown(2.975), 3.0);
    assert_eq!(level_of(shown(2.975)), 3, "shown as 3.0, so level 3");
    assert_eq!(shown(2.25), 2.3);
    assert!(
        (4.0 - shown(2.25) - 1.7).abs() < 1e-9,
        "score 2.3, target 4: the gap is 1.7 as the reader computes it"
    );
    assert_eq!(level_of(shown(2.94)), 2, "2.94 shows as 2.9: level 2");
}
