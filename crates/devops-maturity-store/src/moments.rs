//! Reading stored moments and days. Every `*_at` column holds RFC 3339 text in UTC to the
//! second, as [`devops_maturity_core::date::written`] writes it, and rows carry it as
//! `DateTime<Utc>`; a calendar day (a workshop's `held_on`, a plan item's `due`) is stored
//! `YYYY-MM-DD` and carried as `NaiveDate`. A text that is neither means the database was changed
//! by other means: an error that names the row and the column, never a guess.

use chrono::{DateTime, NaiveDate, Utc};
use devops_maturity_core::date;
use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;

/// The moment in column `index` of `row`. The message names the row as `kind` followed by the
/// row's first column (its id or uuid, by the convention of every query that reads a moment):
/// "team 3 has the created_at `yesterday`, which is not a time like 2026-11-20T14:30:00Z".
pub(crate) fn moment_at(
    row: &Row<'_>,
    index: usize,
    kind: &str,
) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(index)?;
    read(row, index, &text, kind)
}

/// [`moment_at`] for a column that may be NULL.
pub(crate) fn opt_moment_at(
    row: &Row<'_>,
    index: usize,
    kind: &str,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| read(row, index, &t, kind)).transpose()
}

/// The calendar day in column `index` of `row`, named like [`moment_at`] when it is not one.
pub(crate) fn day_at(row: &Row<'_>, index: usize, kind: &str) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    date::iso_date(&text).ok_or_else(|| not(row, index, &text, kind, "date", date::EXAMPLE))
}

/// [`day_at`] for a column that may be NULL.
pub(crate) fn opt_day_at(
    row: &Row<'_>,
    index: usize,
    kind: &str,
) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(index)?;
    text.map(|t| date::iso_date(&t).ok_or_else(|| not(row, index, &t, kind, "date", date::EXAMPLE)))
        .transpose()
}

fn read(row: &Row<'_>, index: usize, text: &str, kind: &str) -> rusqlite::Result<DateTime<Utc>> {
    date::moment(text).ok_or_else(|| not(row, index, text, kind, "time", date::MOMENT_EXAMPLE))
}

/// "team 3 has the updated_at `last week`, which is not a time like 2026-11-20T14:30:00Z".
fn not(
    row: &Row<'_>,
    index: usize,
    text: &str,
    kind: &str,
    what: &str,
    example: &str,
) -> rusqlite::Error {
    let column = row.as_ref().column_name(index).unwrap_or(what);
    let identity = match row.get_ref(0) {
        Ok(ValueRef::Integer(id)) => id.to_string(),
        Ok(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
        _ => "?".into(),
    };
    rusqlite::Error::FromSqlConversionFailure(
        index,
        Type::Text,
        format!(
            "{kind} {identity} has the {column} `{text}`, which is not a {what} like {example}"
        )
        .into(),
    )
}

#[cfg(test)]
mod tests {
    use crate::exchange::tests::now;
    use crate::workshops::NewWorkshop;
    use crate::Store;

    #[test]
    fn a_stored_day_that_is_no_day_is_an_error_naming_the_row() {
        let mut store = Store::open_in_memory().unwrap();
        let w = store
            .create_workshop(
                &NewWorkshop {
                    name: "Autumn day",
                    held_on: "2026-10-01",
                    ..NewWorkshop::default()
                },
                now(),
            )
            .unwrap();
        assert_eq!(w.held_on.to_string(), "2026-10-01");
        // The app writes only checked days; another program could write anything.
        store
            .conn
            .execute(
                "UPDATE workshops SET held_on = '2026-02-31' WHERE id = ?1",
                [w.id],
            )
            .unwrap();
        let said = format!(
            "workshop {} has the held_on `2026-02-31`, which is not a date like 2026-11-20",
            w.id
        );
        for (what, result) in [
            ("workshop", store.workshop(w.id).map(|_| ())),
            ("workshops", store.workshops().map(|_| ())),
        ] {
            let e = result.expect_err(what).to_string();
            assert!(e.contains(&said), "{what}: {e}");
        }
        let e = store
            .export(crate::exchange::Scope::All)
            .expect_err("export")
            .to_string();
        assert!(
            e.contains(&format!("workshop {} has the held_on `2026-02-31`", w.uuid)),
            "export names the workshop by its uuid: {e}"
        );
    }
}
