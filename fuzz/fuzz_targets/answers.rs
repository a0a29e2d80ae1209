//! The answers file (`assess score|record`) against the real questionnaire and DORA model;
//! an accepted file is then scored and classified, which must not panic either.
#![no_main]

use std::sync::OnceLock;

use devops_maturity_content::Content;
use devops_maturity_core::answers_file::parse_answers;
use libfuzzer_sys::fuzz_target;

fn content() -> &'static Content {
    static CONTENT: OnceLock<Content> = OnceLock::new();
    CONTENT.get_or_init(|| {
        devops_maturity_content::load_embedded().expect("the built-in course parses")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let a = &content().assessment;
    match parse_answers(text, &a.questionnaire, &a.dora) {
        Ok(file) => {
            let score = devops_maturity_core::scoring::score(
                &a.questionnaire,
                &file.respondents,
                &file.choices,
            );
            if let Some(overall) = score.overall {
                assert!((1.0..=5.0).contains(&overall), "overall {overall}");
            }
            devops_maturity_core::dora::classify(&a.dora, file.dora_year, &file.dora);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal names at least one problem");
            for e in &errors {
                assert!(!e.at.is_empty() && !e.message.is_empty(), "{e:?}");
            }
        }
    }
});
