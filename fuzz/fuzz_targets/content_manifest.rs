//! The course manifest, a module's `module.toml` and `slides.toml`, the glossary and the agenda: the first byte
//! picks the file, the rest replaces it in a small valid course.
#![no_main]

use devops_maturity_fuzz::{content_with, parse_and_check, pick};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = [
        "course.toml",
        "course/01-basics/module.toml",
        "course/01-basics/slides.toml",
        "glossary.toml",
        "agenda.toml",
    ];
    if let Some((path, text)) = pick(data, &files) {
        parse_and_check(&content_with(path, &text));
    }
});
