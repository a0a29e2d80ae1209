//! Reading a JSON tree field by field while remembering where we are, so every problem names
//! its JSON path (`$.assessments[2].respondents[0].answers["flow-1"].answer`) the way the
//! answers file does (`core::answers`). Readers never stop at the first problem: they record
//! it, return a harmless default, and the caller refuses the file when any problem was found.

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use devops_maturity_core::date;
use devops_maturity_core::text::{self, Rule, Shape};
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

/// What a text field may contain: the one text rule (`core::text`), and whether it may be
/// empty. One-line fields (names, ids) may not start or end with spaces either, as the app
/// trims them.
#[derive(Clone, Copy)]
pub(crate) struct Text {
    pub(crate) rule: Rule,
    pub(crate) allow_empty: bool,
}

impl Text {
    /// Ids, codes, owners: one line, not empty.
    pub(crate) const fn line(max: usize) -> Text {
        Text {
            rule: Rule::line(max),
            allow_empty: false,
        }
    }

    /// Names of teams, learners, respondents, workshops and people: one line, not empty, no
    /// invisible formatting characters.
    pub(crate) const fn name(max: usize) -> Text {
        Text {
            rule: Rule::name(max),
            allow_empty: false,
        }
    }

    /// Free text: line breaks and tabs allowed, may be empty.
    pub(crate) const fn free(max: usize) -> Text {
        Text {
            rule: Rule::free(max),
            allow_empty: true,
        }
    }
}

/// Checks `s` against `rule`; the message says what is wrong (the caller gives the path).
pub(crate) fn check_text(s: &str, rule: Text) -> Result<(), String> {
    if s.is_empty() && !rule.allow_empty {
        return Err(text::Problem::Empty.to_string());
    }
    text::check("", s, rule.rule).map_err(|e| e.problem.to_string())?;
    if rule.rule.shape != Shape::Free && s.trim() != s {
        return Err("cannot start or end with spaces".into());
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

    /// Whether the field is there, null or not.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
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

    /// An RFC 3339 time, in UTC to the second as the store keeps it (`core::date::moment`):
    /// `2026-11-21T00:30:00+14:00` is read as 2026-11-20T10:30:00Z, fractions of a second are
    /// dropped, and a time whose UTC year falls outside 0000–9999 is refused.
    fn timestamp_of(&self, key: &str, value: &'a Value, p: &mut Problems) -> Option<DateTime<Utc>> {
        let utc = value
            .as_str()
            .filter(|s| s.len() <= 40)
            .and_then(date::moment);
        if utc.is_none() {
            p.push(
                self.path(key),
                format!(
                    "{} is not a date and time like {}",
                    shown(value),
                    date::MOMENT_EXAMPLE
                ),
            );
        }
        utc
    }

    /// A required time; a missing or bad one is a problem, and the Unix epoch stands in for it
    /// (a file with problems is never written).
    pub(crate) fn timestamp(&self, key: &str, p: &mut Problems) -> DateTime<Utc> {
        self.required(key, p)
            .and_then(|v| self.timestamp_of(key, v, p))
            .unwrap_or_default()
    }

    pub(crate) fn opt_timestamp(&self, key: &str, p: &mut Problems) -> Option<DateTime<Utc>> {
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

/// Parses JSON like `serde_json::from_slice`, but a key that appears twice in one object is a
/// problem at its JSON path instead of the last one silently winning.
pub(crate) fn parse_json(bytes: &[u8]) -> Result<Value, Vec<Problem>> {
    use serde::de::DeserializeSeed;
    let tree = Tree {
        path: RefCell::new(String::from("$")),
        duplicates: RefCell::new(Vec::new()),
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Node(&tree)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    match value {
        Err(e) => Err(vec![Problem {
            at: format!("line {}, column {}", e.line(), e.column()),
            message: format!("invalid JSON: {e}"),
        }]),
        Ok(_) if !tree.duplicates.borrow().is_empty() => Err(tree.duplicates.into_inner()),
        Ok(v) => Ok(v),
    }
}

/// Where the parser is, and the duplicate keys found so far.
struct Tree {
    /// The JSON path of the value being read; segments are pushed and popped.
    path: RefCell<String>,
    duplicates: RefCell<Vec<Problem>>,
}

/// Reads one value at the tree's current path.
#[derive(Clone, Copy)]
struct Node<'t>(&'t Tree);

impl Node<'_> {
    /// Reads a child whose path segment is `segment`, restoring the path afterwards.
    fn child<T, E>(
        self,
        segment: &str,
        read: impl FnOnce(Node<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let len = self.0.path.borrow().len();
        self.0.path.borrow_mut().push_str(segment);
        let result = read(self);
        self.0.path.borrow_mut().truncate(len);
        result
    }
}

/// `.key` for a plain field name, `["key"]` (as [`key_path`] writes it) for any other key.
fn segment(key: &str) -> String {
    let plain = key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if plain {
        format!(".{key}")
    } else {
        key_path("", key)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let next = self.child(&format!("[{}]", items.len()), |n| seq.next_element_seed(n))?;
            match next {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let segment = segment(&key);
            let value = self.child(&segment, |n| map.next_value_seed(n))?;
            if object.contains_key(&key) {
                let at = format!("{}{segment}", self.0.path.borrow());
                self.0.duplicates.borrow_mut().push(Problem {
                    at,
                    message:
                        "this key appears twice in the same object; a file must say each thing once"
                            .into(),
                });
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}
