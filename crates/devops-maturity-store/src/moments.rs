//! Reading stored moments. Every `*_at` column holds RFC 3339 text in UTC to the second, as
//! [`devops_maturity_core::date::written`] writes it; rows carry them as `DateTime<Utc>`. A text
//! that is not a time means the database was changed by other means: an error that names the
//! row and the column, never a guess.

use chrono::{DateTime, Utc};
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

fn read(row: &Row<'_>, index: usize, text: &str, kind: &str) -> rusqlite::Result<DateTime<Utc>> {
    date::moment(text).ok_or_else(|| {
        let column = row.as_ref().column_name(index).unwrap_or("time");
        let identity = match row.get_ref(0) {
            Ok(ValueRef::Integer(id)) => id.to_string(),
            Ok(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
            _ => "?".into(),
        };
        rusqlite::Error::FromSqlConversionFailure(
            index,
            Type::Text,
            format!(
                "{kind} {identity} has the {column} `{text}`, which is not a time like {}",
                date::MOMENT_EXAMPLE
            )
            .into(),
        )
    })
}
