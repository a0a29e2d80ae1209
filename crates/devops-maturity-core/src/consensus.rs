//! Silent vote, reveal and consensus: what a facilitator needs to run a team's discussion.
//!
//! The votes on a question are the respondents' answers to it. [`reveal`] counts them for the
//! room (one bar per level, "don't know" and "not applicable" apart, nobody named unless the
//! facilitator asks); [`discussion_order`] puts the questions whose votes lie furthest apart
//! first, so a short workshop spends its time where the team disagrees. The level the group then
//! agrees, with a written rationale checked by [`check_rationale`], scores in place of the votes
//! (rule 8 of [`crate::scoring`]); the votes themselves are never changed.
//!
//! Neighbours: `devops-maturity-store` keeps agreed levels (table `consensus`) and feeds them to
//! scoring through [`crate::scoring::Choices::agreed`]; the shell's workshop commands call these
//! functions and send the results to the projector view.

use serde::Serialize;

use crate::scoring::{question_stat, Answer, QuestionStat, Respondent};
use crate::Question;

/// Longest rationale accepted for an agreed level, in characters: a few sentences a group can
/// read back, not an essay.
pub const MAX_RATIONALE: usize = 2_000;

/// Trims a rationale and checks it: required, at most [`MAX_RATIONALE`] characters, and no
/// control characters other than line breaks and tabs. The message says what is wrong.
pub fn check_rationale(text: &str) -> Result<&str, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            "write down why the group agreed on this level: the rationale is required".into(),
        );
    }
    crate::text::check("a rationale", text, crate::text::Rule::free(MAX_RATIONALE))
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// Who voted what, for when the facilitator chooses to show names. Names keep respondent order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VoterNames {
    /// Index 0 is level 1.
    pub levels: [Vec<String>; 5],
    pub dont_know: Vec<String>,
    pub not_applicable: Vec<String>,
    /// Respondents who have not voted on the question yet.
    pub waiting: Vec<String>,
}

/// One question's votes as the room sees them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reveal<'q> {
    /// Counts per level, "don't know", "not applicable" and not yet voted, with the spread.
    pub votes: QuestionStat<'q>,
    /// Levels given (1–5), the votes that can disagree.
    pub levels_given: u32,
    /// `None` unless names were asked for.
    pub names: Option<VoterNames>,
}

/// Counts the votes of `respondents` on `question`; with `with_names`, also lists who gave
/// each answer.
pub fn reveal<'q>(
    question: &'q Question,
    respondents: &[Respondent],
    with_names: bool,
) -> Reveal<'q> {
    let vote = |r: &Respondent| {
        r.answers
            .get(&question.id)
            .copied()
            .filter(|a| !matches!(a, Answer::Level(l) if !(1..=5).contains(l)))
    };
    let votes = question_stat(question, respondents.iter().map(vote));
    let names = with_names.then(|| {
        let mut names = VoterNames::default();
        for r in respondents {
            let list = match vote(r) {
                Some(Answer::Level(l)) => &mut names.levels[usize::from(l) - 1],
                Some(Answer::DontKnow) => &mut names.dont_know,
                Some(Answer::NotApplicable) => &mut names.not_applicable,
                None => &mut names.waiting,
            };
            list.push(r.name.clone());
        }
        names
    });
    Reveal {
        levels_given: votes.distribution.iter().sum(),
        votes,
        names,
    }
}

/// The order to discuss questions in: widest robust spread first (rule 7 of
/// [`crate::scoring`]), then widest full spread, then questionnaire order. The hot-spots come
/// first; the facilitator can stop wherever the time runs out.
pub fn discussion_order<'a, 'q>(questions: &'a [QuestionStat<'q>]) -> Vec<&'a QuestionStat<'q>> {
    let mut order: Vec<&QuestionStat<'q>> = questions.iter().collect();
    // A stable sort keeps the questionnaire order among equal spreads.
    order.sort_by_key(|q| std::cmp::Reverse((q.robust_spread, q.spread)));
    order
}

/// Whether a question's votes lie far enough apart to discuss: [`crate::scoring::DISAGREEMENT_SPREAD`] levels
/// or more, by rule 7 of [`crate::scoring`].
pub fn is_hot_spot(stat: &QuestionStat<'_>) -> bool {
    stat.disagreement
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{score, Choices};
    use crate::Questionnaire;
    use Answer::{DontKnow as DK, Level as L, NotApplicable as NA};

    fn questionnaire() -> Questionnaire {
        Questionnaire::sample([("a", ["a1", "a2", "a3", "a4"])])
    }

    fn respondent(name: &str, answers: &[(&str, Answer)]) -> Respondent {
        Respondent {
            name: name.into(),
            role: None,
            answers: answers.iter().map(|(q, a)| (q.to_string(), *a)).collect(),
            ..Respondent::default()
        }
    }

    fn room() -> Vec<Respondent> {
        vec![
            respondent("Ana", &[("a1", L(1)), ("a2", L(3)), ("a3", L(2))]),
            respondent("Ben", &[("a1", L(4)), ("a2", L(3)), ("a3", DK)]),
            respondent("Cai", &[("a1", L(4)), ("a2", NA), ("a3", L(4))]),
            respondent("Dee", &[("a2", L(2))]),
        ]
    }

    #[test]
    fn a_reveal_counts_votes_and_names_nobody_unless_asked() {
        let q = questionnaire();
        let r = reveal(&q.questions[0], &room(), false);
        assert_eq!(r.votes.distribution, [1, 0, 0, 2, 0]);
        assert_eq!(
            (
                r.votes.dont_know,
                r.votes.not_applicable,
                r.votes.unanswered
            ),
            (0, 0, 1),
            "Dee has not voted on a1"
        );
        assert_eq!((r.levels_given, r.votes.spread), (3, 3));
        assert_eq!(r.names, None, "names stay hidden by default");

        let named = reveal(&q.questions[1], &room(), true);
        let names = named.names.expect("names were asked for");
        assert_eq!(names.levels[2], ["Ana", "Ben"], "respondent order");
        assert_eq!(names.levels[1], ["Dee"]);
        assert_eq!(names.not_applicable, ["Cai"]);
        assert!(names.waiting.is_empty() && names.dont_know.is_empty());
        assert_eq!(
            named.votes.spread, 1,
            "n/a is no level: 2 and 3 differ by one"
        );
    }

    #[test]
    fn questions_are_discussed_widest_spread_first() {
        let q = questionnaire();
        let s = score(&q, &room(), &Choices::default());
        let order: Vec<(&str, u8, bool)> = discussion_order(&s.questions)
            .into_iter()
            .map(|x| (x.question_id, x.spread, is_hot_spot(x)))
            .collect();
        assert_eq!(
            order,
            [
                ("a1", 3, true),
                ("a3", 2, true),
                ("a2", 1, false),
                ("a4", 0, false)
            ],
            "spread 3, 2, 1, then the question nobody answered"
        );
    }

    #[test]
    fn a_rationale_is_required_trimmed_and_limited() {
        assert_eq!(
            check_rationale("  Two of three deploy weekly.\nThe third was on leave. "),
            Ok("Two of three deploy weekly.\nThe third was on leave.")
        );
        assert!(check_rationale("   ").unwrap_err().contains("required"));
        let long = "x".repeat(MAX_RATIONALE + 1);
        assert_eq!(
            check_rationale(&long).unwrap_err(),
            "a rationale can have at most 2000 characters; this has 2001"
        );
        assert!(check_rationale(&"x".repeat(MAX_RATIONALE)).is_ok());
        assert!(check_rationale("bell\u{7}").is_err());
    }
}
