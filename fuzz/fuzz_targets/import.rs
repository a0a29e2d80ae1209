//! An export file offered to `import`: checked without a database, then written to a fresh
//! in-memory one. An accepted file must survive writing it out again unchanged, and importing
//! it must end in a report or a refusal, never a panic.
#![no_main]

use devops_maturity_store::exchange::{parse_import, to_json, ImportError};
use devops_maturity_store::Store;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = match parse_import(data) {
        Ok(file) => file,
        Err(ImportError::Invalid(problems)) => {
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            return;
        }
        Err(e) => panic!("parsing alone cannot fail with {e}"),
    };
    let again = parse_import(&to_json(&file).expect("an accepted file can be written"))
        .expect("what the app writes, it reads");
    assert_eq!(again, file, "writing and reading changes nothing");
    let mut store = Store::open_in_memory().expect("an empty database");
    let _ = store.import(&file);
});
