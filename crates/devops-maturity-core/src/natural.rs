//! Natural order of names, the one order in which teams and groups are listed: "Team 2" before
//! "Team 10", case and accents compared as [`crate::text::name_key`] compares them.
//!
//! A name is read as runs of ASCII digits and runs of other characters. Runs are compared in
//! turn: text runs by their `name_key` without accents, digit runs by their value (so "007" equals "7" there), a
//! number before text. Names equal that way are ordered by their whole `name_key`, then as
//! written, so the order is total and the same on every run.

use std::cmp::Ordering;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::text::name_key;

/// A name prepared for comparing; build it once per name when sorting many
/// ([`sort_by_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NaturalKey {
    runs: Vec<Run>,
    key: String,
    name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    /// The digits without leading zeros (empty for zero).
    Number(String),
    Text(String),
}

impl Ord for Run {
    fn cmp(&self, other: &Run) -> Ordering {
        match (self, other) {
            (Run::Number(a), Run::Number(b)) => a.len().cmp(&b.len()).then_with(|| a.cmp(b)),
            (Run::Number(_), Run::Text(_)) => Ordering::Less,
            (Run::Text(_), Run::Number(_)) => Ordering::Greater,
            (Run::Text(a), Run::Text(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Run {
    fn partial_cmp(&self, other: &Run) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NaturalKey {
    fn cmp(&self, other: &NaturalKey) -> Ordering {
        self.runs
            .cmp(&other.runs)
            .then_with(|| self.key.cmp(&other.key))
            .then_with(|| self.name.cmp(&other.name))
    }
}

impl PartialOrd for NaturalKey {
    fn partial_cmp(&self, other: &NaturalKey) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The key of `name` for natural ordering.
pub fn key(name: &str) -> NaturalKey {
    let folded = name_key(name);
    // Accents are a tie-breaker, not a letter of their own: "Éclair" sorts with "eclair".
    let bare: String = folded.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let mut runs = Vec::new();
    let mut rest = bare.as_str();
    while let Some(first) = rest.chars().next() {
        let digits = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digits)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        runs.push(if digits {
            Run::Number(run.trim_start_matches('0').to_string())
        } else {
            Run::Text(run.to_string())
        });
        rest = tail;
    }
    NaturalKey {
        runs,
        key: folded,
        name: name.to_string(),
    }
}

/// Compares two names in natural order.
pub fn cmp(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b))
}

/// Sorts `items` by the name `name_of` gives, in natural order (each key built once).
pub fn sort_by_name<T>(items: &mut [T], name_of: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| key(name_of(item)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        sort_by_name(&mut names, |n| n);
        names
    }

    #[test]
    fn numbers_in_names_sort_by_value() {
        assert_eq!(
            sorted(&["Team 10", "Team 2", "Team 1", "Team 100", "Team 0"]),
            ["Team 0", "Team 1", "Team 2", "Team 10", "Team 100"],
            "not as text (0, 1, 10, 100, 2)"
        );
        assert_eq!(
            sorted(&["v1.10", "v1.9", "v1.09a", "v1.9b"]),
            ["v1.9", "v1.09a", "v1.9b", "v1.10"],
            "several numbers in a name; 09 and 9 have one value, so the letter after decides"
        );
    }

    #[test]
    fn case_and_composed_accents_are_compared_as_name_keys() {
        assert_eq!(
            sorted(&["booking", "Zoë", "Apollo", "ÉCLAIR", "eclair", "Éclair"]),
            ["Apollo", "booking", "eclair", "ÉCLAIR", "Éclair", "Zoë"],
            "letters before case; an accent sorts after the bare letter"
        );
        assert_eq!(
            cmp("Cafe\u{301}", "Café"),
            Ordering::Less,
            "NFD and NFC are one key; written form breaks the tie"
        );
        assert_eq!(cmp("Team 7", "Team 7"), Ordering::Equal);
    }

    #[test]
    fn numbers_come_before_text_and_long_numbers_do_not_overflow() {
        assert_eq!(sorted(&["Team A", "Team 3"]), ["Team 3", "Team A"]);
        let big = format!("Team {}", "9".repeat(60));
        assert_eq!(sorted(&[&big, "Team 10"]), ["Team 10", big.as_str()]);
        assert_eq!(sorted(&["", "0", "a"]), ["", "0", "a"]);
    }
}
