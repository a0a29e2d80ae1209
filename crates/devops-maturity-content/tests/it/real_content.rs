//! Search over the real course finds the chapters that teach a topic before those that mention it.

use std::path::Path;

use devops_maturity_content::{load_dir, search, Content};

fn real() -> Content {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    load_dir(&root).unwrap_or_else(|p| panic!("the real content folder has problems:\n{p}"))
}

/// The distinct chapters of the hits for `query`, best first.
fn chapters_for(content: &Content, query: &str) -> Vec<String> {
    let mut chapters: Vec<String> = Vec::new();
    for hit in search(&content.course, query) {
        if !chapters.contains(&hit.chapter_id) {
            chapters.push(hit.chapter_id);
        }
    }
    chapters
}

fn check(content: &Content, query: &str, first: &str, also_in_top: &[&str]) {
    let chapters = chapters_for(content, query);
    assert_eq!(
        chapters.first().map(String::as_str),
        Some(first),
        "`{query}` should lead with the chapter that teaches it; got {chapters:?}"
    );
    let top = &chapters[..chapters.len().min(5)];
    for id in also_in_top {
        assert!(
            top.iter().any(|c| c == id),
            "`{query}` should list `{id}` among its first five chapters; got {top:?}"
        );
    }
}

#[test]
fn search_finds_the_chapters_that_teach_each_topic() {
    let content = real();
    check(
        &content,
        "MTTR",
        "availability",
        &["dora-metrics-2014-2024"],
    );
    check(
        &content,
        "change management",
        "itsm-base-in-transition",
        &["itil-transition-and-operation"],
    );
    check(
        &content,
        "platform team",
        "business-system-and-platform-teams",
        &["journeys-platform-full-stack"],
    );
}

#[test]
fn every_module_has_a_gradable_quiz_and_the_agenda_fills_the_day() {
    let content = real();
    for module in &content.course.modules {
        let quiz = module.quiz.as_ref().expect("every module has a quiz");
        let perfect: Vec<Vec<usize>> = quiz
            .questions
            .iter()
            .map(|q| {
                q.options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        let grade = quiz.grade(&perfect).expect("the correct answers are valid");
        assert_eq!(
            grade.correct, grade.total,
            "module `{}`: choosing every correct option scores full marks",
            module.id
        );
    }
    let day = content.agenda.plan(&Default::default()).unwrap();
    assert_eq!(
        (day.start.as_str(), day.end.as_str()),
        ("09:00", "17:00"),
        "the default day, as the course document's agenda"
    );
    assert_eq!(
        (day.total_minutes, day.teaching_minutes),
        (480, 390),
        "480 minutes in all, 390 without lunch and breaks (agenda.toml's header)"
    );
}
