//! `settings`: a key/value table for preferences (theme, paper size, facilitator name …).

use devops_maturity_core::text::{self, Rule};
use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

pub(crate) const MIGRATION_1: &str = "
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
";

/// The paper size reports are laid out for: `a4` or `letter` (the last one exported with).
pub const REPORT_PAPER: &str = "report.paper";
/// The facilitator's edits to the course day (start, block lengths, optional blocks on), as
/// the content crate's `AgendaEdits` in JSON; empty or missing for the authored day.
pub const AGENDA_EDITS: &str = "training.agenda";
/// The organisation's name, printed on report covers.
pub const ORGANISATION: &str = "organisation";

/// Longest organisation name accepted (report covers), in characters.
pub const MAX_ORGANISATION: usize = 200;

/// Longest setting key and value accepted, in characters. A key is one line; a value is free
/// text (`core::text`).
pub const MAX_KEY: usize = 100;
pub const MAX_VALUE: usize = 10_000;

/// What the value of setting `key` may hold: the organisation is a name (it is printed on
/// report covers); every other value is free text.
pub fn rule_for(key: &str) -> Rule {
    if key == ORGANISATION {
        Rule::name(MAX_ORGANISATION)
    } else {
        Rule::free(MAX_VALUE)
    }
}

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        text::required("a setting key", key, Rule::line(MAX_KEY))?;
        text::check(
            &format!("the value of setting `{key}`"),
            value,
            rule_for(key),
        )?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_setting_is_stored_and_replaced() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(
            store.setting("theme").unwrap(),
            None,
            "unset settings read as None"
        );
        store.set_setting("theme", "dark").unwrap();
        store.set_setting("theme", "light").unwrap();
        assert_eq!(
            store.setting("theme").unwrap().as_deref(),
            Some("light"),
            "the second write replaces the first"
        );
    }
}
