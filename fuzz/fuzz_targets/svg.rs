//! A figure file: whatever the bytes, the sanitiser answers with problems at lines of the file
//! or with an `<svg>` that holds only allowed elements and attributes, no event attribute, no
//! reference outside itself, and parses again as XML.
#![no_main]

use devops_maturity_fuzz::check_svg;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match devops_maturity_content::svg::sanitise(&text, "fig-f") {
        Ok(svg) => check_svg(&svg.element("A figure's alt text with \"quotes\" & <brackets>")),
        Err(problems) => {
            assert!(!problems.is_empty(), "a refusal names at least one problem");
            let lines = text.lines().count().max(1);
            for p in &problems {
                assert!(!p.message.is_empty());
                assert!(p.line <= lines + 1, "line {} of {lines}: {p:?}", p.line);
            }
        }
    }
});
