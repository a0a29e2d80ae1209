//! Dates and times as the app writes them, read with chrono, never cut out of a string or
//! checked digit by digit.
//!
//! - A calendar date is written `YYYY-MM-DD` (an answers file's `date`, a plan item's due date,
//!   a workshop's day): [`iso_date`] accepts exactly the real days in that shape.
//! - A moment is stored as RFC 3339 in UTC to the second (`2026-11-20T14:30:00Z`);
//!   [`utc_day`] is its calendar day in UTC.

use chrono::{DateTime, NaiveDate, Utc};

/// How a calendar date is written, for messages: "not a date like 2026-11-20".
pub const EXAMPLE: &str = "2026-11-20";

/// The day `text` names when it is written exactly `YYYY-MM-DD` and is a real calendar day:
/// 2024-02-29 is one, 2026-02-29, 2026-02-31 and 2026-13-01 are not. chrono's parser alone
/// also takes `2026-1-5` and `+2026-01-05`, so the day must write back as `text`.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (day.format("%Y-%m-%d").to_string() == text).then_some(day)
}

/// The UTC calendar day of an RFC 3339 moment (`2026-11-21T00:30:00+02:00` is 2026-11-20);
/// `None` when `timestamp` is not one.
pub fn utc_day(timestamp: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|t| t.with_timezone(&Utc).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn only_real_calendar_days_written_in_full_are_dates() {
        for (text, expected) in [
            ("2026-11-20", day(2026, 11, 20)),
            ("2026-01-31", day(2026, 1, 31)),
            ("2024-02-29", day(2024, 2, 29)), // divisible by 4
            ("2028-02-29", day(2028, 2, 29)),
            ("2000-02-29", day(2000, 2, 29)), // divisible by 400
            ("2026-04-30", day(2026, 4, 30)),
            ("2026-12-31", day(2026, 12, 31)),
        ] {
            assert_eq!(iso_date(text), Some(expected), "{text}");
        }
        for text in [
            "2026-02-29", // 2026 is not a leap year
            "1900-02-29", // divisible by 100, not by 400
            "2026-02-31",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026-11-32",
            "2026-1-20",
            "2026-11-2",
            "+2026-11-20",
            "20261120",
            "2026/11/20",
            "2026-11-2x",
            " 2026-11-20",
            "2026-11-20 ",
            "2026-11-20T10:00:00Z",
            "",
        ] {
            assert_eq!(iso_date(text), None, "`{text}` is not a date");
        }
    }

    #[test]
    fn a_moment_falls_on_its_utc_day() {
        for (text, expected) in [
            ("2026-11-20T14:30:00Z", Some(day(2026, 11, 20))),
            ("2026-11-20T23:59:59Z", Some(day(2026, 11, 20))),
            // Half past midnight in Athens is still the day before in UTC.
            ("2026-11-21T00:30:00+02:00", Some(day(2026, 11, 20))),
            // Late evening in New York is the next day in UTC.
            ("2026-11-20T21:00:00-05:00", Some(day(2026, 11, 21))),
            ("2024-02-29T12:00:00Z", Some(day(2024, 2, 29))),
            // A leap second (chrono reads :60 as the last second's second half).
            ("2016-12-31T23:59:60Z", Some(day(2016, 12, 31))),
            ("2026-02-29T12:00:00Z", None),
            ("2026-11-20", None),
            ("2026-11-20T14:30:00", None),
            ("", None),
        ] {
            assert_eq!(utc_day(text), expected, "{text}");
        }
    }
}
