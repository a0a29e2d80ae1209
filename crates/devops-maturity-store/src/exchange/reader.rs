//! Reading a JSON tree field by field while remembering where we are, so every problem names
//! its JSON path (`$.assessments[2].respondents[0].answers["flow-1"].answer`) the way the
//! answers file does (`core::answers`). Readers never stop at the first problem: they record
//! it, return a harmless default, and the caller refuses the file when any problem was found.

use serde_json::{Map, Value};

use super::{Problem, MAX_LISTED};

/// Everything wrong with a file, in the order found: the first [`MAX_LISTED`] kept, the rest
/// only counted, so a file of millions of bad records costs no more memory than a short one.
#[derive(Default)]
pub(crate) struct Problems(pub(crate) Vec<Problem>, usize);

impl Problems {
    pub(crate) fn push(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.1 += 1;
        if self.0.len() < MAX_LISTED {
            self.0.push(Problem {
                at: at.into(),
                message: message.into(),
            });
        }
    }

    /// How many problems were found (listed or not).
    pub(crate) fn count(&self) -> usize {
        self.1
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.1 == 0
    }

    /// The list, ending with "and N more" when it was cut.
    pub(crate) fn into_list(mut self) -> Vec<Problem> {
        if self.1 > self.0.len() {
            let more = self.1 - self.0.len();
            self.0.push(Problem::and_more(more));
        }
        self.0
    }
}

/// `parent["key"]`: the path of a map entry whose key is data (ids, setting keys).
pub(crate) fn key_path(parent: &str, key: &str) -> String {
    format!(
        "{parent}[{}]",
        serde_json::to_string(key).unwrap_or_else(|_| key.to_string())
    )
}

/// Short, printable form of a JSON value for messages.
pub(crate) fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// What a text field may contain.
#[derive(Clone, Copy)]
pub(crate) struct Text {
    pub(crate) max: usize,
    /// Names and ids: no line breaks, tabs or NUL; no leading or trailing spaces.
    pub(crate) single_line: bool,
    pub(crate) allow_empty: bool,
}

impl Text {
    pub(crate) const fn line(max: usize) -> Text {
        Text {
            max,
            single_line: true,
            allow_empty: false,
        }
    }

    pub(crate) const fn free(max: usize) -> Text {
        Text {
            max,
            single_line: false,
            allow_empty: true,
        }
    }
}

/// Checks `s` against `rule`; the message says what is wrong.
pub(crate) fn check_text(s: &str, rule: Text) -> Result<(), String> {
    if s.is_empty() && !rule.allow_empty {
        return Err("must not be empty".into());
    }
    let count = s.chars().count();
    if count > rule.max {
        return Err(format!(
            "is {count} characters long; at most {} are allowed",
            rule.max
        ));
    }
    if rule.single_line {
        if s.chars().any(char::is_control) {
            return Err("must not contain control characters (line breaks, tabs, NUL)".into());
        }
        if s.trim() != s {
            return Err("must not start or end with spaces".into());
        }
    }
    Ok(())
}

/// A JSON object being read at path `at`.
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    pub(crate) at: String,
}

/// Reads `value` as an object, or records that it is not one.
pub(crate) fn object<'a>(value: &'a Value, at: &str, p: &mut Problems) -> Option<Obj<'a>> {
    match value {
        Value::Object(map) => Some(Obj {
            map,
            at: at.to_string(),
        }),
        other => {
            p.push(at, format!("must be an object, not {}", shown(other)));
            None
        }
    }
}

impl<'a> Obj<'a> {
    pub(crate) fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.at)
    }

    /// Records every field that is not in `known`.
    pub(crate) fn only(&self, known: &[&str], p: &mut Problems) {
        for key in self.map.keys().filter(|k| !known.contains(&k.as_str())) {
            p.push(
                key_path(&self.at, key),
                format!("unknown field (known: {})", known.join(", ")),
            );
        }
    }

    /// The field's value; `None` (and a problem) when it is missing or null.
    pub(crate) fn required(&self, key: &str, p: &mut Problems) -> Option<&'a Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => {
                p.push(self.path(key), "missing");
                None
            }
            Some(v) => Some(v),
        }
    }

    /// The field's value; `None` when it is missing or null.
    pub(crate) fn optional(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn text_of(&self, key: &str, value: &'a Value, rule: Text, p: &mut Problems) -> Option<String> {
        match value {
            Value::String(s) => match check_text(s, rule) {
                Ok(()) => Some(s.clone()),
                Err(message) => {
                    p.push(self.path(key), message);
                    None
                }
            },
            other => {
                p.push(
                    self.path(key),
                    format!("must be a string, not {}", shown(other)),
                );
                None
            }
        }
    }

    pub(crate) fn text(&self, key: &str, rule: Text, p: &mut Problems) -> String {
        self.required(key, p)
            .and_then(|v| self.text_of(key, v, rule, p))
            .unwrap_or_default()
    }

    /// A string field where missing or null reads as empty.
    pub(crate) fn text_or_empty(&self, key: &str, rule: Text, p: &mut Problems) -> String {
        self.opt_text(key, rule, p).unwrap_or_default()
    }

    pub(crate) fn opt_text(&self, key: &str, rule: Text, p: &mut Problems) -> Option<String> {
        self.optional(key)
            .and_then(|v| self.text_of(key, v, rule, p))
    }

    fn uuid_of(&self, key: &str, value: &'a Value, p: &mut Problems) -> Option<String> {
        let Value::String(s) = value else {
            p.push(
                self.path(key),
                format!("must be a UUID string, not {}", shown(value)),
            );
            return None;
        };
        match uuid::Uuid::try_parse(s) {
            // One spelling per UUID, so the same record is never read as two.
            Ok(u) if u.hyphenated().to_string() == *s => Some(s.clone()),
            _ => {
                p.push(
                    self.path(key),
                    format!(
                        "{} is not a UUID in lower-case hyphenated form (like 0f8e1c2a-…)",
                        shown(value)
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn uuid(&self, key: &str, p: &mut Problems) -> String {
        self.required(key, p)
            .and_then(|v| self.uuid_of(key, v, p))
            .unwrap_or_default()
    }

    pub(crate) fn opt_uuid(&self, key: &str, p: &mut Problems) -> Option<String> {
        self.optional(key).and_then(|v| self.uuid_of(key, v, p))
    }

    fn timestamp_of(&self, key: &str, value: &'a Value, p: &mut Problems) -> Option<String> {
        match value {
            Value::String(s)
                if s.len() <= 40 && chrono::DateTime::parse_from_rfc3339(s).is_ok() =>
            {
                Some(s.clone())
            }
            other => {
                p.push(
                    self.path(key),
                    format!(
                        "{} is not a date and time like 2026-11-20T14:30:00Z",
                        shown(other)
                    ),
                );
                None
            }
        }
    }

    pub(crate) fn timestamp(&self, key: &str, p: &mut Problems) -> String {
        self.required(key, p)
            .and_then(|v| self.timestamp_of(key, v, p))
            .unwrap_or_default()
    }

    pub(crate) fn opt_timestamp(&self, key: &str, p: &mut Problems) -> Option<String> {
        self.optional(key)
            .and_then(|v| self.timestamp_of(key, v, p))
    }

    /// A whole number within `range`.
    pub(crate) fn integer(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<u64>,
        p: &mut Problems,
    ) -> Option<u64> {
        self.required(key, p)
            .and_then(|v| integer_in(v, &self.path(key), range, p))
    }

    pub(crate) fn opt_integer(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<u64>,
        p: &mut Problems,
    ) -> Option<u64> {
        self.optional(key)
            .and_then(|v| integer_in(v, &self.path(key), range, p))
    }

    /// The items of a list field (missing or null reads as empty when `required` is false).
    pub(crate) fn list(&self, key: &str, required: bool, p: &mut Problems) -> &'a [Value] {
        let value = if required {
            self.required(key, p)
        } else {
            self.optional(key)
        };
        match value {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                p.push(
                    self.path(key),
                    format!("must be a list, not {}", shown(other)),
                );
                &[]
            }
        }
    }

    /// The entries of a map field (missing or null reads as empty).
    pub(crate) fn entries(&self, key: &str, p: &mut Problems) -> Vec<(&'a String, &'a Value)> {
        match self.optional(key) {
            None => Vec::new(),
            Some(Value::Object(map)) => map.iter().collect(),
            Some(other) => {
                p.push(
                    self.path(key),
                    format!("must be an object, not {}", shown(other)),
                );
                Vec::new()
            }
        }
    }
}

pub(crate) fn integer_in(
    value: &Value,
    at: &str,
    range: std::ops::RangeInclusive<u64>,
    p: &mut Problems,
) -> Option<u64> {
    match value.as_u64() {
        Some(n) if range.contains(&n) => Some(n),
        _ => {
            p.push(
                at,
                format!(
                    "{} is not a whole number from {} to {}",
                    shown(value),
                    range.start(),
                    range.end()
                ),
            );
            None
        }
    }
}
