//! The scores as CSV (RFC 4180: comma-separated, CRLF line ends, UTF-8 without a byte-order
//! mark), one row per completed assessment and dimension:
//! `team,date,dimension,score,level,target,gap`.
//!
//! Text cells (team and dimension names) are where user data lands, so they are guarded
//! against spreadsheet formulas: `=`, `+`, `-`, `@`, a tab or a carriage return at the start
//! of a cell, or right after a character a spreadsheet may split cells on (`,` `;` tab `|`
//! line break — a spreadsheet set to another separator, or one that ignores quotes, would
//! start a cell there), gets an apostrophe before it (`'=1+1`, `a;'=cmd`), which
//! spreadsheets show as text and never evaluate. A cell with a separator, a double quote, a
//! line break or a guard is quoted, with inner quotes doubled. Number cells are written by this module (`2.50`, `-0.75`) and
//! are never altered, so a negative gap stays a number. Empty cells mean "not enough answers"
//! (score, level, gap) or "no target".

use devops_maturity_core::scoring::score;

use crate::{Store, StoreError};

const HEADER: &str = "team,date,dimension,score,level,target,gap";

/// What starts a formula in a spreadsheet.
const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Where a spreadsheet may start a new cell when it splits on another separator than ours
/// (`;` in many locales, tabs, pipes) or ignores quotes.
const SPLITS: [char; 6] = [',', ';', '\t', '|', '\n', '\r'];

/// One text cell, guarded and quoted as the module doc says.
pub fn csv_field(text: &str) -> String {
    let mut guarded = String::with_capacity(text.len() + 4);
    let mut at_split = true;
    let mut any_guard = false;
    for c in text.chars() {
        if at_split && FORMULA.contains(&c) {
            guarded.push('\'');
            any_guard = true;
        }
        at_split = SPLITS.contains(&c);
        guarded.push(c);
    }
    let needs_quotes = any_guard || text.contains([',', ';', '"', '\n', '\r', '\t', '|']);
    if !needs_quotes {
        return guarded;
    }
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.2}"))
}

fn whole(value: Option<u8>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

impl Store {
    /// The scores of every completed assessment, of one team (`Some(row id)`) or all teams
    /// (by name), oldest first; dimensions in questionnaire order. Scores are recomputed with
    /// `core::scoring` from each assessment's questionnaire snapshot.
    pub fn scores_csv(&self, team: Option<i64>) -> Result<String, StoreError> {
        let teams = match team {
            Some(id) => vec![self.team(id)?],
            None => self.teams()?,
        };
        let mut out = String::from(HEADER);
        out.push_str("\r\n");
        for team in &teams {
            let mut completed: Vec<_> = self
                .assessments_of(team.id)?
                .into_iter()
                .filter(|a| a.status.is_completed())
                .collect();
            completed.sort_by(|a, b| {
                (&a.completed_at, &a.started_at, &a.uuid).cmp(&(
                    &b.completed_at,
                    &b.started_at,
                    &b.uuid,
                ))
            });
            for row in completed {
                let data = self.assessment_data(row.id)?;
                let q =
                    self.questionnaire_snapshot(&row.questionnaire_id, &row.questionnaire_version)?;
                let result = score(&q, &data.answers, &data.choices);
                let day = row.dated_at().date_naive();
                let date = day.to_string();
                for d in &result.dimensions {
                    let cells = [
                        csv_field(&team.name),
                        csv_field(&date),
                        csv_field(d.name),
                        number(d.score),
                        whole(d.level),
                        whole(d.target),
                        number(d.gap),
                    ];
                    out.push_str(&cells.join(","));
                    out.push_str("\r\n");
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    fn check(input: &str, expected: &str) {
        assert_eq!(csv_field(input), expected, "cell for {input:?}");
    }

    #[test]
    fn plain_text_is_left_alone() {
        check("Booking", "Booking");
        check("Zoë Ødegård's team", "Zoë Ødegård's team");
        check("", "");
        check("a=b", "a=b");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        check("Ops, Platform", "\"Ops, Platform\"");
        check("the \"A\" team", "\"the \"\"A\"\" team\"");
        check("two\nlines", "\"two\nlines\"");
        check("cr\rinside", "\"cr\rinside\"");
    }

    /// A spreadsheet set to split on `;` (or tabs, pipes), or one that ignores quotes, starts
    /// a new cell after the separator: a formula there is guarded like one at the start.
    #[test]
    fn formula_starters_after_any_separator_are_guarded_too() {
        check("a;=cmd|' /C calc'!A0", "\"a;'=cmd|' /C calc'!A0\"");
        check("a,=1+1", "\"a,'=1+1\"");
        check("a\t@SUM(A1)", "\"a\t'@SUM(A1)\"");
        check("a|+1", "\"a|'+1\"");
        check("line\n-2+3", "\"line\n'-2+3\"");
        check("a; b", "\"a; b\"");
        check("R&D-ops", "R&D-ops");
    }

    #[test]
    fn formula_starters_get_an_apostrophe_and_quotes() {
        check("=1+1", "\"'=1+1\"");
        check("+SUM(A1)", "\"'+SUM(A1)\"");
        check("-2+3", "\"'-2+3\"");
        check("@cmd", "\"'@cmd\"");
        check("\tTAB", "\"'\tTAB\"");
        check("\rCR", "\"'\rCR\"");
        check(
            "=HYPERLINK(\"http://x\",\"y\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        );
    }
}
