//! Rule 7, per question: the distribution over levels, the median, the spreads that mark a
//! disagreement, and the hot spots ranked by them.

use super::{Answer, QuestionStat, DISAGREEMENT_SPREAD, SMALL_GROUP};

/// Discussion hot-spots: the questions flagged by rule 7, widest robust spread first, then
/// widest full spread (ties by question id). Agreed questions stay listed: their votes still
/// disagreed.
pub fn hot_spots<'q>(questions: &[QuestionStat<'q>]) -> Vec<&'q str> {
    let mut hot: Vec<&QuestionStat<'q>> = questions.iter().filter(|q| q.disagreement).collect();
    hot.sort_by(|a, b| {
        b.robust_spread
            .cmp(&a.robust_spread)
            .then_with(|| b.spread.cmp(&a.spread))
            .then_with(|| a.question_id.cmp(b.question_id))
    });
    hot.into_iter().map(|q| q.question_id).collect()
}

pub(crate) fn question_stat(
    question: &crate::Question,
    answers: impl Iterator<Item = Option<Answer>>,
) -> QuestionStat<'_> {
    let mut distribution = [0u32; 5];
    let (mut dont_know, mut not_applicable, mut unanswered) = (0, 0, 0);
    for answer in answers {
        match answer {
            Some(Answer::Level(l)) => distribution[usize::from(l) - 1] += 1,
            Some(Answer::DontKnow) => dont_know += 1,
            Some(Answer::NotApplicable) => not_applicable += 1,
            None => unanswered += 1,
        }
    }
    let min = (1..=5u8).find(|l| distribution[usize::from(*l) - 1] > 0);
    let max = (1..=5u8)
        .rev()
        .find(|l| distribution[usize::from(*l) - 1] > 0);
    let spread = match (min, max) {
        (Some(a), Some(b)) => b - a,
        _ => 0,
    };
    let given: u32 = distribution.iter().sum();
    let robust_spread = if given <= SMALL_GROUP {
        spread
    } else {
        // The second-lowest and second-highest levels: two people on each side.
        let nth = |k: u32| {
            let mut seen = 0;
            (1..=5u8)
                .find(|l| {
                    seen += distribution[usize::from(*l) - 1];
                    seen > k
                })
                .unwrap_or(5)
        };
        nth(given - 2) - nth(1)
    };
    QuestionStat {
        question_id: question.id.as_str(),
        dimension_id: question.dimension.as_str(),
        distribution,
        dont_know,
        not_applicable,
        unanswered,
        median: median_of_distribution(&distribution),
        min,
        max,
        spread,
        robust_spread,
        disagreement: robust_spread >= DISAGREEMENT_SPREAD,
        below_score: 0,
        above_score: 0,
        evidence: Vec::new(),
        agreed: None,
    }
}

/// Median of the levels counted in `distribution` (index 0 = level 1).
pub(super) fn median_of_distribution(distribution: &[u32; 5]) -> Option<f64> {
    let n: u32 = distribution.iter().sum();
    if n == 0 {
        return None;
    }
    let nth = |k: u32| {
        let mut seen = 0;
        for (i, count) in distribution.iter().enumerate() {
            seen += count;
            if seen > k {
                return (i + 1) as f64;
            }
        }
        5.0
    };
    Some(if n.is_multiple_of(2) {
        (nth(n / 2 - 1) + nth(n / 2)) / 2.0
    } else {
        nth(n / 2)
    })
}
