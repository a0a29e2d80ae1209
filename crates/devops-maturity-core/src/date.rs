//! Dates and times as the app writes them, read with chrono, never cut out of a string or
//! checked digit by digit.
//!
//! - A calendar date is written `YYYY-MM-DD` (an answers file's `date`, a plan item's due date,
//!   a workshop's day): [`iso_date`] accepts exactly the real days in that shape.
//! - A moment is a chrono `DateTime<Utc>` everywhere in memory. It is written as RFC 3339 in UTC
//!   to the second (`2026-11-20T14:30:00Z`), in the database, in export files and in the JSON
//!   the window reads: [`written`] writes it, [`moment`] reads it back, and the [`seconds`] serde
//!   module puts both on a field. A moment's calendar day is its UTC day (`date_naive()`).

use chrono::{DateTime, NaiveDate, SecondsFormat, Timelike, Utc};

/// How a calendar date is written, for messages: "not a date like 2026-11-20".
pub const EXAMPLE: &str = "2026-11-20";

/// The day `text` names when it is written exactly `YYYY-MM-DD` and is a real calendar day:
/// 2024-02-29 is one, 2026-02-29, 2026-02-31 and 2026-13-01 are not. chrono's parser alone
/// also takes `2026-1-5` and `+2026-01-05`, so the day must write back as `text`.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (day.format("%Y-%m-%d").to_string() == text).then_some(day)
}

/// How a moment is written, for messages: "not a time like 2026-11-20T14:30:00Z".
pub const MOMENT_EXAMPLE: &str = "2026-11-20T14:30:00Z";

/// `at` written as the app stores moments: RFC 3339, UTC (`Z`), to the second. Fractions of a
/// second are dropped, so a moment written and read back compares equal to the stored one, and
/// stored moments sort as text in time order.
pub fn written(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The moment an RFC 3339 text names, in UTC, to the second (`2026-11-21T00:30:00+14:00` is
/// 2026-11-20T10:30:00Z); `None` when it is not one, or when its UTC year falls outside
/// 0000–9999 (it could not be written back in four digits).
pub fn moment(text: &str) -> Option<DateTime<Utc>> {
    let utc = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    DateTime::parse_from_rfc3339(&written(utc)).ok()?;
    Some(utc.with_nanosecond(0).unwrap_or(utc))
}

/// `#[serde(with = "devops_maturity_core::date::seconds")]` on a `DateTime<Utc>` field: written
/// by [`written`], read by [`moment`] (a bad time is an error naming the text). chrono's own serde
/// writes fractions of a second when there are any; this keeps every JSON the app writes in the
/// stored shape.
pub mod seconds {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::written(*at))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        super::moment(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "`{text}` is not a time like {}",
                super::MOMENT_EXAMPLE
            ))
        })
    }

    /// The same for an `Option<DateTime<Utc>>` field (`null` when absent).
    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            at: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            #[derive(Deserialize)]
            struct Written(#[serde(with = "super")] DateTime<Utc>);
            Ok(Option::<Written>::deserialize(d)?.map(|w| w.0))
        }
    }
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

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_moment_is_written_in_utc_to_the_second_and_reads_back_equal() {
        let with_fraction = at("2026-11-20T14:30:00.987654321Z");
        assert_eq!(written(with_fraction), "2026-11-20T14:30:00Z");
        assert_eq!(
            moment(&written(with_fraction)),
            Some(at("2026-11-20T14:30:00Z"))
        );
        for (text, expected) in [
            ("2026-11-20T14:30:00Z", "2026-11-20T14:30:00Z"),
            ("2026-11-21T00:30:00+14:00", "2026-11-20T10:30:00Z"),
            ("2026-11-20T21:00:00-05:00", "2026-11-21T02:00:00Z"),
            ("2026-11-20T14:30:00.5Z", "2026-11-20T14:30:00Z"),
            ("2026-11-20t14:30:00z", "2026-11-20T14:30:00Z"),
            // A leap second: chrono reads :60 as the second half of :59.
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ] {
            let read = moment(text).unwrap_or_else(|| panic!("{text} is a time"));
            assert_eq!(written(read), expected, "{text}");
            assert_eq!(read.nanosecond(), 0, "{text}");
        }
        // Its calendar day is the UTC day: half past midnight in Athens is still the day before,
        // late evening in New York already the next day.
        let day_of = |text| moment(text).unwrap().date_naive();
        assert_eq!(day_of("2026-11-21T00:30:00+02:00"), day(2026, 11, 20));
        assert_eq!(day_of("2026-11-20T21:00:00-05:00"), day(2026, 11, 21));
        assert_eq!(day_of("2024-02-29T12:00:00Z"), day(2024, 2, 29));
        for text in [
            "",
            "2026-11-20",
            "2026-11-20T14:30:00",
            "2026-02-29T12:00:00Z",
            "2026-11-20 14:30:00+00:00x",
            "0000-01-01T00:30:00+01:00", // the year before 0000 in UTC
            "yesterday",
        ] {
            assert_eq!(moment(text), None, "`{text}` is not a time");
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Row {
        #[serde(with = "seconds")]
        at: DateTime<Utc>,
        #[serde(with = "seconds::option")]
        done: Option<DateTime<Utc>>,
    }

    #[test]
    fn the_serde_module_writes_the_stored_shape_and_names_a_bad_time() {
        let row = Row {
            at: at("2026-11-20T14:30:00.25Z"),
            done: None,
        };
        let json = serde_json::to_string(&row).unwrap();
        assert_eq!(json, r#"{"at":"2026-11-20T14:30:00Z","done":null}"#);
        let back: Row = serde_json::from_str(
            r#"{"at":"2026-11-21T00:30:00+02:00","done":"2026-11-22T08:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(written(back.at), "2026-11-20T22:30:00Z");
        assert_eq!(back.done, Some(at("2026-11-22T08:00:00Z")));
        let err = serde_json::from_str::<Row>(r#"{"at":"2026-02-31T10:00:00Z","done":null}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`2026-02-31T10:00:00Z` is not a time like 2026-11-20T14:30:00Z"),
            "{err}"
        );
        let err = serde_json::from_str::<Row>(r#"{"at":"2026-11-20T10:00:00Z","done":"soon"}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`soon` is not a time"), "{err}");
    }
}
