//! A knowledge check (`quiz.toml`); when it parses, it is graded with answers taken from the
//! same bytes, as a learner's clicks arrive over IPC (any indexes, any count).
#![no_main]

use devops_maturity_fuzz::{content_with, parse_and_check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some(content) = parse_and_check(&content_with("course/01-basics/quiz.toml", &text)) else {
        return;
    };
    let Some(quiz) = content.course.modules[0].quiz.as_ref() else {
        return;
    };
    let answers: Vec<Vec<usize>> = data
        .chunks(3)
        .take(quiz.questions.len() + 1)
        .map(|c| c.iter().map(|&b| (b % 8) as usize).collect())
        .collect();
    if let Ok(grade) = quiz.grade(&answers) {
        assert!(grade.correct <= grade.total, "{grade:?}");
    }
});
