//! The real `content/` folder: valid, and identical to what is embedded in the binaries.

use std::path::Path;

use devops_maturity_content::{embedded_files, Files};

fn content_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content"))
}

#[test]
fn embedded_content_matches_the_folder() {
    let (on_disk, problems) = Files::read_dir(content_dir());
    assert!(problems.is_empty(), "{problems:?}");
    let embedded = embedded_files();
    let disk_paths: Vec<&str> = on_disk.paths().collect();
    let embedded_paths: Vec<&str> = embedded.paths().collect();
    assert_eq!(
        embedded_paths, disk_paths,
        "the binary embeds exactly the content files (rebuild if this fails)"
    );
    for path in disk_paths {
        assert_eq!(
            embedded.get(path),
            on_disk.get(path),
            "{path} differs from the embedded copy"
        );
    }
}

#[test]
fn the_real_content_is_valid() {
    let content = devops_maturity_content::load_dir(content_dir())
        .unwrap_or_else(|p| panic!("content/ has problems:\n{p}"));
    assert!(
        content.course.modules.len() >= 14,
        "the course covers every topic"
    );
    let questions: usize = content
        .course
        .modules
        .iter()
        .filter_map(|m| m.quiz.as_ref())
        .map(|q| q.questions.len())
        .sum();
    assert!(questions >= 70, "{questions} knowledge-check questions");
    assert!(content.glossary.terms.len() >= 60);
    assert!(content.assessment.questionnaire.questions.len() >= 72);
    assert_eq!(
        content.assessment.key.len(),
        content.assessment.questionnaire.questions.len(),
        "the EJ Airways key answers every question"
    );
}

#[test]
fn every_reason_of_the_ej_airways_key_points_to_the_fact_sheet() {
    let content = devops_maturity_content::load_dir(content_dir())
        .unwrap_or_else(|p| panic!("content/ has problems:\n{p}"));
    let (_, sheet) = content
        .course
        .chapter("ej-airways-fact-sheet")
        .expect("the case's fact sheet is a chapter");
    let facts: Vec<&str> = sheet
        .sections
        .iter()
        // "The figures (last 12 months, SkyBook)" is cited as "The figures".
        .map(|s| s.title.split(" (").next().unwrap_or_default())
        .filter(|t| !t.is_empty() && !["What you will be able to do", "Key points"].contains(t))
        .collect();
    assert!(facts.len() >= 5, "the fact sheet's sections: {facts:?}");
    for answer in &content.assessment.key {
        assert!(
            facts.iter().any(|f| answer.reason.contains(f)),
            "the key's reason for `{}` should name the fact-sheet section it relies on ({facts:?}): {}",
            answer.question,
            answer.reason
        );
    }
}
