//! A chapter file: front matter, then Markdown with sections, facilitator notes, links to
//! the other chapter and glossary terms, rendered as the app shows it.
#![no_main]

use devops_maturity_fuzz::{content_with, parse_and_check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    parse_and_check(&content_with("course/01-basics/first.md", &text));
});
