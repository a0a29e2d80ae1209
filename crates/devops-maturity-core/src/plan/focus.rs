//! A plan a team can actually do: a few open actions per horizon (the **focus**); the rest wait
//! in a visible **backlog** the team pulls from when a slot frees up.
//!
//! The rule (the app, the CLI and the PDF say the same): within each horizon, in the plan's
//! order, the first `limit` open items — not rejected, not done, not dropped — are the focus;
//! later open items are the backlog. A done or dropped item stays in its horizon and frees its
//! slot; a rejected one is not part of the work. Pulling an item from the backlog is moving it
//! up in its horizon (the last item of the focus then waits in the backlog).
//!
//! Nothing about an item's place is stored: it follows from the order, the statuses and the
//! limit, so changing the limit never rewrites the plan and an export carries it as it is.
//!
//! Example, limit 2, one horizon in plan order: A planned, B done, C rejected, D in progress,
//! E planned → A focus, B finished, C rejected, D focus, E backlog.

use serde::Serialize;

use super::{Decision, Horizon, ItemStatus};

/// Open actions per horizon when the team has not chosen another limit.
pub const DEFAULT_FOCUS: u8 = 3;
/// The largest limit a team can choose.
pub const MAX_FOCUS: u8 = 20;

/// Where an item of the plan stands under the focus rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// Among the first `limit` open items of its horizon: the work now.
    Focus,
    /// Open, past the limit: waits until a slot frees up or the team pulls it up.
    Backlog,
    /// Done or dropped.
    Finished,
    /// The team rejected it.
    Rejected,
}

/// Checks a focus limit a person chose: 1 to [`MAX_FOCUS`].
pub fn check_limit(limit: u8) -> Result<u8, String> {
    if (1..=MAX_FOCUS).contains(&limit) {
        Ok(limit)
    } else {
        Err(format!(
            "the focus limit is {limit}; choose from 1 to {MAX_FOCUS} open actions per horizon"
        ))
    }
}

/// The place of each item, given in display order (horizon, then the plan's order). Items of
/// one horizon need not be adjacent: each horizon counts its own slots.
pub fn places(
    items: impl IntoIterator<Item = (Horizon, Decision, ItemStatus)>,
    limit: u8,
) -> Vec<Place> {
    let mut open = [0u8; Horizon::ALL.len()];
    items
        .into_iter()
        .map(|(horizon, decision, status)| {
            if decision == Decision::Rejected {
                return Place::Rejected;
            }
            if matches!(status, ItemStatus::Done | ItemStatus::Dropped) {
                return Place::Finished;
            }
            let slot = &mut open[horizon as usize];
            if *slot < limit {
                *slot += 1;
                Place::Focus
            } else {
                Place::Backlog
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decision::{Accepted, Proposed, Rejected};
    use Horizon::{Days30, Days60};
    use ItemStatus::{Done, Dropped, InProgress, Planned};

    #[test]
    fn the_module_example() {
        let got = places(
            [
                (Days30, Proposed, Planned),
                (Days30, Accepted, Done),
                (Days30, Rejected, Planned),
                (Days30, Accepted, InProgress),
                (Days30, Proposed, Planned),
            ],
            2,
        );
        assert_eq!(
            got,
            [
                Place::Focus,
                Place::Finished,
                Place::Rejected,
                Place::Focus,
                Place::Backlog
            ]
        );
    }

    #[test]
    fn each_horizon_has_its_own_slots_and_dropped_frees_one() {
        let got = places(
            [
                (Days30, Proposed, Planned),
                (Days60, Proposed, Planned),
                (Days30, Proposed, Dropped),
                (Days30, Proposed, Planned),
                (Days60, Proposed, Planned),
            ],
            1,
        );
        assert_eq!(
            got,
            [
                Place::Focus,
                Place::Focus,
                Place::Finished,
                Place::Backlog,
                Place::Backlog
            ]
        );
    }

    #[test]
    fn limits_outside_one_to_twenty_are_refused_with_the_range() {
        assert_eq!(check_limit(3), Ok(3));
        assert_eq!(check_limit(MAX_FOCUS), Ok(MAX_FOCUS));
        let e = check_limit(0).unwrap_err();
        assert!(e.contains("from 1 to 20"), "{e}");
        assert!(check_limit(21).is_err());
    }
}
