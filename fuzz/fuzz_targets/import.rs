//! An export file offered to `import`: checked without a database, then written to a fresh
//! in-memory one. An accepted file must survive writing it out again unchanged, and importing
//! it must end in a report or a refusal, never a panic. Everything an accepted file would store,
//! and everything the import did store, keeps the one text rule (`core::text`): no control
//! character but line breaks and tabs anywhere, and names with neither control nor invisible
//! formatting characters.
#![no_main]

use devops_maturity_core::text::{self, Rule};
use devops_maturity_store::exchange::{parse_import, to_json, ExportFile, ImportError, Scope};
use devops_maturity_store::Store;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Fields that hold a name people tell apart by sight.
const NAMES: &[&str] = &["name", "facilitator", "organisation"];

fn assert_text_rule(file: &ExportFile) {
    let value = serde_json::to_value(file).expect("an export file is JSON");
    walk(&value, "$", false);
}

fn walk(value: &Value, at: &str, name: bool) {
    match value {
        Value::String(s) => {
            let rule = if name {
                Rule::name(usize::MAX)
            } else {
                Rule::free(usize::MAX)
            };
            if let Err(e) = text::check(at, s, rule) {
                panic!("stored text breaks the text rule: {e}");
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &format!("{at}[{i}]"), false);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if let Err(e) = text::check(at, key, Rule::line(usize::MAX)) {
                    panic!("a stored key breaks the text rule: {e}");
                }
                // Questionnaire snapshots come from the content, whose dimension and level
                // names are not user names.
                let is_name = NAMES.contains(&key.as_str()) && !at.starts_with("$.questionnaires");
                walk(item, &format!("{at}.{key}"), is_name);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let file = match parse_import(data) {
        Ok(file) => file,
        Err(ImportError::Invalid(problems)) => {
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            return;
        }
        Err(e) => panic!("parsing alone cannot fail with {e}"),
    };
    assert_text_rule(&file);
    let again = parse_import(&to_json(&file).expect("an accepted file can be written"))
        .expect("what the app writes, it reads");
    assert_eq!(again, file, "writing and reading changes nothing");
    let mut store = Store::open_in_memory().expect("an empty database");
    if store.import(&file).is_ok() {
        assert_text_rule(&store.export(Scope::All).expect("an imported database exports"));
    }
});
