//! Wording rules of the questionnaire, each written after a defect found in version 1.0.0:
//!
//! - **No clause asked twice.** Two questions whose anchors share a clause (the words between
//!   two punctuation marks, at least [`SHARED_CLAUSE_WORDS`] of them) ask the same thing twice,
//!   so one behaviour counts in two dimensions (1.0.0: "drift is detected automatically" was
//!   level 4 of both continuous-delivery-4 and infrastructure-engineering-4).
//! - **Level 5 is the team's own practice.** A level-5 anchor, or the level-5 description, that
//!   speaks of other teams or coaching ([`OTHER_TEAMS`]) rates what the team does for others,
//!   which a team at its best in its own work may have no reason to do.
//! - **A general instrument.** The course's case is an airline; the questionnaire is for any
//!   team, so the case's words ([`CASE_WORDS`]) are kept out of questions, anchors and
//!   descriptions (1.0.0 asked about "peak booking periods" and a "passenger-rights rule").

use std::collections::BTreeMap;

use devops_maturity_core::{Dimension, Level, Question};

use crate::Problem;

/// A clause of at least this many words, in the anchors of two questions, is asked twice.
pub const SHARED_CLAUSE_WORDS: usize = 4;

/// Words that make a level-5 anchor about other teams rather than the team's own practice; a
/// trailing `*` matches any ending ("coach*": coach, coaches, coaching).
pub const OTHER_TEAMS: &[&str] = &[
    "other teams",
    "other team",
    "coach*",
    "beyond the team",
    "beyond its own walls",
    "across the organisation",
    "across the organization",
    "communities of practice",
];

/// The EJ Airways case's words: its industry and its names. A hyphenated word matches as a
/// whole or by its parts ("passenger-rights" mentions "passenger").
pub const CASE_WORDS: &[&str] = &[
    "airline",
    "airlines",
    "airport",
    "airports",
    "aircraft",
    "baggage",
    "boarding",
    "booking",
    "bookings",
    "check-in",
    "crew",
    "flight",
    "flights",
    "passenger",
    "passengers",
    "ej airways",
    "skybook",
    "journeymiles",
    "gatelink",
    "crewplan",
    "farecalc",
    "paybridge",
];

/// Lowercase words of `text`, split at anything not a letter or digit.
fn parts(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `text` uses `term`: a word (as a whole hyphenated word or one of its parts), a
/// phrase of several words in a row, or a prefix ending in `*`.
pub fn mentions(text: &str, term: &str) -> bool {
    let words = parts(text);
    if let Some(prefix) = term.strip_suffix('*') {
        return words.iter().any(|w| w.starts_with(prefix));
    }
    if term.contains('-') {
        return text
            .to_lowercase()
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| w == term);
    }
    let phrase = parts(term);
    words.windows(phrase.len()).any(|w| w == phrase.as_slice())
}

/// The clauses of an anchor that are long enough to compare: the words between punctuation
/// marks, without a leading "and", "but", "or" or "so".
fn clauses(anchor: &str) -> Vec<String> {
    anchor
        .split([',', ';', ':', '.', '(', ')', '!', '?'])
        .filter_map(|clause| {
            let words = parts(clause);
            let start = words
                .iter()
                .take_while(|w| matches!(w.as_str(), "and" | "but" | "or" | "so"))
                .count();
            let words = &words[start..];
            (words.len() >= SHARED_CLAUSE_WORDS).then(|| words.join(" "))
        })
        .collect()
}

/// Checks the questionnaire's wording by the rules above. `line` gives the line of a question
/// or dimension id in `file` (0 when unknown).
pub(crate) fn check(
    file: &str,
    levels: &[Level],
    dimensions: &[Dimension],
    questions: &[Question],
    line: &dyn Fn(&str) -> usize,
    problems: &mut Vec<Problem>,
) {
    let mut first: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    for q in questions {
        for (i, anchor) in q.anchors.iter().enumerate() {
            for clause in clauses(anchor) {
                match first.get(&clause) {
                    Some(&(other, level)) if other != q.id => problems.push(Problem::new(
                        file,
                        line(&q.id),
                        format!(
                            "question `{}` level {} and question `{other}` level {level} both say \
                             '{clause}': two questions must not ask the same thing",
                            q.id,
                            i + 1
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        first.insert(clause, (q.id.as_str(), i + 1));
                    }
                }
            }
        }
        if let Some(term) = OTHER_TEAMS.iter().find(|t| mentions(&q.anchors[4], t)) {
            problems.push(Problem::new(
                file,
                line(&q.id),
                format!(
                    "question `{}` level 5 speaks of `{term}`: level 5 rates the team's own \
                     practice, not what it does for other teams",
                    q.id
                ),
            ));
        }
        let texts =
            std::iter::once(("text", &q.text)).chain(q.anchors.iter().map(|a| ("an anchor", a)));
        for (what, text) in texts {
            if let Some(word) = CASE_WORDS.iter().find(|w| mentions(text, w)) {
                problems.push(Problem::new(
                    file,
                    line(&q.id),
                    format!(
                        "question `{}`: {what} uses `{word}`, a word of the course's airline \
                         case; the questionnaire is for any team",
                        q.id
                    ),
                ));
            }
        }
    }
    for level in levels {
        if level.value == 5 {
            if let Some(term) = OTHER_TEAMS.iter().find(|t| mentions(&level.description, t)) {
                problems.push(Problem::new(
                    file,
                    0,
                    format!(
                        "level 5's description speaks of `{term}`: level 5 rates the team's own \
                         practice, not what it does for other teams"
                    ),
                ));
            }
        }
        if let Some(word) = CASE_WORDS.iter().find(|w| mentions(&level.description, w)) {
            problems.push(Problem::new(
                file,
                0,
                format!(
                    "level {}'s description uses `{word}`, a word of the course's airline case",
                    level.value
                ),
            ));
        }
    }
    for d in dimensions {
        if let Some(word) = CASE_WORDS.iter().find(|w| mentions(&d.description, w)) {
            problems.push(Problem::new(
                file,
                line(&d.id),
                format!(
                    "dimension `{}`'s description uses `{word}`, a word of the course's airline case",
                    d.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use devops_maturity_core::{DimensionKind, Questionnaire};

    fn question(id: &str, anchors: [&str; 5]) -> Question {
        Question {
            id: id.into(),
            dimension: "flow".into(),
            text: format!("How does the team do {id}?"),
            anchors: anchors.map(String::from),
            quick: false,
        }
    }

    /// Two questions of one dimension, worded by the rules.
    fn sound() -> (Vec<Level>, Vec<Dimension>, Vec<Question>) {
        let levels = (1..=5)
            .map(|value| Level {
                value,
                name: format!("L{value}"),
                description: "What the team does.".into(),
            })
            .collect();
        let dimensions = vec![Dimension {
            id: "flow".into(),
            kind: DimensionKind::Principle,
            name: "Flow".into(),
            description: "How work flows.".into(),
            weight: 1.0,
            chapter: None,
            leadership: false,
        }];
        let questions = vec![
            question(
                "flow-1",
                [
                    "By hand, server by server.",
                    "By hand in planned windows.",
                    "By scripts kept in version control.",
                    "Servers are rebuilt from images, and nobody logs in to them.",
                    "Any server can be rebuilt from code at any time.",
                ],
            ),
            question(
                "flow-2",
                [
                    "Nobody can list the differences.",
                    "Differences are listed in a spreadsheet.",
                    "Configuration is kept in version control.",
                    "Environments come from the same definitions, and only declared settings differ.",
                    "The declared differences are a short list the team keeps shortening.",
                ],
            ),
        ];
        (levels, dimensions, questions)
    }

    fn problems_of(
        levels: &[Level],
        dimensions: &[Dimension],
        questions: &[Question],
    ) -> Vec<String> {
        let mut problems = Vec::new();
        check(
            "q.toml",
            levels,
            dimensions,
            questions,
            &|_| 7,
            &mut problems,
        );
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn sound_wording_has_no_problems() {
        let (l, d, q) = sound();
        assert_eq!(problems_of(&l, &d, &q), Vec::<String>::new());
    }

    /// 1.0.0's defect: level 4 of two questions ended in the same clause.
    #[test]
    fn a_clause_in_the_anchors_of_two_questions_is_refused() {
        let (l, d, mut q) = sound();
        q[0].anchors[3] =
            "Servers are rebuilt from images, and drift is detected automatically.".into();
        q[1].anchors[3] =
            "Environments come from the same definitions; drift is detected automatically.".into();
        assert_eq!(
            problems_of(&l, &d, &q),
            [
                "q.toml:7: question `flow-2` level 4 and question `flow-1` level 4 both say \
              'drift is detected automatically': two questions must not ask the same thing"
            ]
        );
        // Within one question a clause may come back from level to level.
        let (l, d, mut q) = sound();
        q[0].anchors[2] = "At a fixed rhythm of two weeks, by scripts.".into();
        q[0].anchors[3] = "At a fixed rhythm of two weeks, from images.".into();
        assert_eq!(problems_of(&l, &d, &q), Vec::<String>::new());
    }

    #[test]
    fn a_level_5_about_other_teams_or_coaching_is_refused() {
        for (anchor, term) in [
            (
                "The team shares its practices with other teams.",
                "other teams",
            ),
            (
                "Members are known for coaching the rest of the company.",
                "coach*",
            ),
            (
                "It shapes the practice beyond its own walls.",
                "beyond its own walls",
            ),
        ] {
            let (l, d, mut q) = sound();
            q[1].anchors[4] = anchor.into();
            assert_eq!(
                problems_of(&l, &d, &q),
                [format!(
                    "q.toml:7: question `flow-2` level 5 speaks of `{term}`: level 5 rates the \
                     team's own practice, not what it does for other teams"
                )]
            );
        }
        let (mut l, d, q) = sound();
        l[4].description = "Other teams learn from it.".into();
        assert_eq!(problems_of(&l, &d, &q).len(), 1);
        // Below level 5 another team may be named (a hand-off, a dependency).
        let (l, d, mut q) = sound();
        q[1].anchors[1] = "Other teams set the differences for us.".into();
        assert_eq!(problems_of(&l, &d, &q), Vec::<String>::new());
    }

    #[test]
    fn the_airline_cases_words_are_refused_in_any_text() {
        let (l, d, mut q) = sound();
        q[0].text = "How is capacity planned for peak booking periods?".into();
        q[1].anchors[2] = "Evidence for a passenger-rights rule is kept.".into();
        assert_eq!(
            problems_of(&l, &d, &q),
            [
                "q.toml:7: question `flow-1`: text uses `booking`, a word of the course's \
                 airline case; the questionnaire is for any team",
                "q.toml:7: question `flow-2`: an anchor uses `passenger`, a word of the \
                 course's airline case; the questionnaire is for any team",
            ]
        );
        let (l, mut d, q) = sound();
        d[0].description = "How SkyBook's work flows.".into();
        assert_eq!(problems_of(&l, &d, &q).len(), 1);
    }

    /// What the rules say of questionnaire 1.0.0 (as databases stored it): the defects the
    /// review found, and nothing else.
    #[test]
    fn the_rules_find_the_defects_of_questionnaire_1_0_0() {
        let old: Questionnaire = serde_json::from_str(include_str!(
            "../../devops-maturity-views/tests/fixtures/questionnaire-1.0.0.json"
        ))
        .unwrap();
        let found = problems_of(&old.levels, &old.dimensions, &old.questions);
        let about = |needle: &str| -> Vec<String> {
            let mut ids: Vec<String> = found
                .iter()
                .filter(|p| p.contains(needle))
                .map(|p| p.split('`').nth(1).unwrap_or("").to_string())
                .collect();
            ids.dedup();
            ids
        };
        assert_eq!(
            about("two questions must not ask the same thing"),
            ["infrastructure-engineering-4"],
            "{found:#?}"
        );
        assert_eq!(
            about("level 5 rates"),
            [
                "continuous-improvement-5",
                "courage-1",
                "courage-2",
                "courage-4",
                "devops-leadership-2",
                "improvement-skill-3",
                "architecture-design-4",
                "programming-4",
                "other teams", // the level-5 description: "Other teams learn from it"
            ],
            "{found:#?}"
        );
        assert_eq!(
            about("airline case"),
            [
                "customer-centric-1",
                "customer-centric-5",
                "business-value-1",
                "business-analysis-1",
                "infrastructure-engineering-2",
                "security-risk-compliance-2",
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn words_phrases_prefixes_and_hyphenated_words_are_found_as_words() {
        assert!(mentions("a passenger-rights rule", "passenger"));
        assert!(mentions("Online check-in rate", "check-in"));
        assert!(!mentions("they check in the code", "check-in"));
        assert!(mentions("Bookings fell", "bookings"));
        assert!(!mentions("a bookkeeping rule", "booking"));
        assert!(mentions("It coaches others", "coach*"));
        assert!(mentions("shared with Other  teams", "other teams"));
        assert!(mentions("EJ Airways' site", "ej airways"));
    }

    #[test]
    fn clauses_are_the_words_between_punctuation() {
        assert_eq!(
            clauses("Servers are rebuilt from images, and drift is detected automatically."),
            [
                "servers are rebuilt from images",
                "drift is detected automatically"
            ]
        );
        assert_eq!(clauses("Never; by hand."), Vec::<String>::new());
    }
}
