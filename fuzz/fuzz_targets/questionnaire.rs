//! The assessment files: questionnaire, DORA model, the EJ Airways answer key and a
//! recommendations file. The first byte picks the file, the rest replaces it.
#![no_main]

use devops_maturity_fuzz::{content_with, parse_and_check, pick};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = [
        "assessment/questionnaire.toml",
        "assessment/dora.toml",
        "assessment/ej-airways-key.toml",
        "assessment/recommendations/flow.toml",
    ];
    if let Some((path, text)) = pick(data, &files) {
        parse_and_check(&content_with(path, &text));
    }
});
