//! The codes a message offers ("use \"practitioner\" or \"leader\""), written from each code
//! type's `ALL` ([`crate::Role`], [`crate::AssessmentStatus`], [`crate::plan::Horizon`], …),
//! never from a list spelt out by hand: a code added to a type is offered by every message.

use std::fmt::Display;

/// The items in words: `a`, `a or b`, `a, b or c`.
pub fn or_list<T: Display>(items: impl IntoIterator<Item = T>) -> String {
    let items: Vec<String> = items.into_iter().map(|i| i.to_string()).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Each code in double quotes, as a file writes it: `"a", "b" or "c"`.
pub fn quoted_or_list<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    or_list(codes.into_iter().map(|c| format!("\"{c}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Horizon;
    use crate::{AssessmentStatus, Role};

    #[test]
    fn lists_read_as_words() {
        assert_eq!(or_list(Vec::<&str>::new()), "", "nothing to offer");
        assert_eq!(or_list(["a"]), "a");
        assert_eq!(or_list(["a", "b"]), "a or b");
        assert_eq!(or_list([1, 2, 3]), "1, 2 or 3");
        assert_eq!(quoted_or_list(["x", "y"]), "\"x\" or \"y\"");
    }

    #[test]
    fn each_type_offers_its_codes() {
        assert_eq!(
            AssessmentStatus::expected(),
            "\"in-progress\" or \"completed\""
        );
        assert_eq!(Role::expected(), "\"practitioner\" or \"leader\"");
        assert_eq!(Horizon::expected(), "30, 60 or 90");
    }
}
