//! What reading an import file will cost in memory, found before it is read into a JSON tree.
//!
//! `serde_json::Value` costs far more than the text it comes from: 32 bytes per value, and a
//! B-tree node of about 630 bytes for every non-empty object, so a few megabytes of `{"a":1}`
//! records take gigabytes. [`check`] walks the bytes once with a visitor that allocates nothing
//! but keys' lengths, adds up a cautious estimate of the tree, and stops as soon as it passes
//! [`TREE_BUDGET`]: such a file is refused while the memory used is the file's bytes alone.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// The most memory the JSON tree of an import file may take, as estimated here (192 MiB).
/// A real export of many years of a large organisation stays far below it.
pub const TREE_BUDGET: u64 = 192 * 1024 * 1024;

/// One value in its parent (`size_of::<Value>()`), plus what a growing `Vec` may hold spare.
const VALUE: u64 = 64;
/// A non-empty object's first B-tree node (eleven key and value slots).
const NODE: u64 = 640;
/// Each entry's share of further nodes, and its key's `String`.
const ENTRY: u64 = 120;

#[derive(Clone, Copy)]
struct Cost<'a> {
    used: &'a Cell<u64>,
}

impl Cost<'_> {
    fn add<E: de::Error>(self, bytes: u64) -> Result<(), E> {
        let used = self.used.get().saturating_add(bytes);
        self.used.set(used);
        if used > TREE_BUDGET {
            Err(E::custom(OverBudget))
        } else {
            Ok(())
        }
    }
}

/// The marker error that ends the walk early.
struct OverBudget;

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("over the memory budget")
    }
}

impl<'de> DeserializeSeed<'de> for Cost<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// A key: only its length counts.
struct Key<'a>(Cost<'a>);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.0.add(ENTRY + s.len() as u64)
    }
}

impl<'de> Visitor<'de> for Cost<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.add(VALUE)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.add(VALUE)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.add(VALUE)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.add(VALUE)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.add(VALUE)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.add(VALUE + s.len() as u64)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add(VALUE)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add(VALUE)?;
        let mut first = true;
        while map.next_key_seed(Key(self))?.is_some() {
            if first {
                self.add(NODE)?;
                first = false;
            }
            map.next_value_seed(self)?;
        }
        Ok(())
    }
}

/// `Err(())` when the file's JSON tree would take more than [`TREE_BUDGET`]; `Ok` also for
/// invalid JSON, which the real parse then reports with its line and column.
pub(crate) fn check(bytes: &[u8]) -> Result<(), ()> {
    let used = Cell::new(0);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match (Cost { used: &used }).deserialize(&mut de) {
        Err(_) if used.get() > TREE_BUDGET => Err(()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_files_pass_and_a_flood_of_records_stops_early() {
        assert_eq!(check(br#"{"teams":[{"name":"A"}]}"#), Ok(()));
        assert_eq!(check(b"{ not json"), Ok(()), "left to the real parser");
        // 4 MB of one-key objects: well under the file cap, gigabytes as a tree.
        let mut flood = b"[".to_vec();
        for _ in 0..500_000 {
            flood.extend_from_slice(br#"{"a":1},"#);
        }
        flood.extend_from_slice(b"{}]");
        assert!(check(&flood).is_err());
    }
}
