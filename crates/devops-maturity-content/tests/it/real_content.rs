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

/// The real folder with `agenda.toml` edited by `edit`, parsed: the problems found.
fn problems_with_agenda(edit: impl Fn(&str) -> String) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (files, read) = devops_maturity_content::Files::read_dir(&root);
    assert!(read.is_empty(), "{read:?}");
    let pairs: Vec<(String, String)> = files
        .paths()
        .map(|p| {
            let text = files.get(p).unwrap();
            let text = if p == "agenda.toml" {
                edit(text)
            } else {
                text.to_string()
            };
            (p.to_string(), text)
        })
        .collect();
    match devops_maturity_content::parse(&devops_maturity_content::Files::from_pairs(pairs)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn every_session_has_a_facilitator_cut_that_fits_its_block() {
    let content = real();
    for block in &content.agenda.blocks {
        if block.module.is_some() && block.kind == devops_maturity_content::BlockKind::Session {
            let total: u32 = block.cut.iter().map(|c| c.minutes).sum();
            assert!(
                !block.cut.is_empty() && total <= block.minutes,
                "`{}`: a cut of {total} minutes for {}",
                block.id,
                block.minutes
            );
        }
    }
    // One section 4 minutes longer: 18 minutes in a 15-minute block.
    let longer = problems_with_agenda(|a| {
        a.replace(
            "section = \"devops-defined#the-idea\"\nminutes = 5",
            "section = \"devops-defined#the-idea\"\nminutes = 9",
        )
    });
    assert_eq!(longer.len(), 1, "{longer:?}");
    assert!(
        longer[0].starts_with("agenda.toml:")
            && longer[0].ends_with(
                "the facilitator cut of `devops-explained` takes 18 minutes, more than the block's 15"
            ),
        "{longer:?}"
    );
    // A section that does not exist is named with the sections that do.
    let missing = problems_with_agenda(|a| {
        a.replace("devops-defined#the-idea\"", "devops-defined#the-ideas\"")
    });
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("chapter `devops-defined` has no section `the-ideas` (it has what-you-will-be-able-to-do, the-idea,"), "{missing:?}");
    // A session without a cut.
    let none = problems_with_agenda(|a| {
        a.replace(
            "[[block.cut]]\nsection = \"dasa-principles-at-a-glance#the-six-principles\"\nminutes = 7\n\n[[block.cut]]\nsection = \"dasa-principles-at-a-glance#four-focus-areas\"\nminutes = 3\n",
            "",
        )
    });
    assert_eq!(none.len(), 1, "{none:?}");
    assert!(none[0].contains("session `devops-principles` teaches module `dasa-principles` but has no facilitator cut"), "{none:?}");
    // A cut presents slides: a section of a module with slides that has none is named.
    let unslided = problems_with_agenda(|a| {
        a.replace(
            "dasa-principles-at-a-glance#four-focus-areas\"",
            "dasa-principles-at-a-glance#what-you-will-be-able-to-do\"",
        )
    });
    assert_eq!(unslided.len(), 1, "{unslided:?}");
    assert!(unslided[0].ends_with("cut section `dasa-principles-at-a-glance#what-you-will-be-able-to-do` has no slide in module `dasa-principles`'s slides.toml; presenter mode shows the cut's slides"), "{unslided:?}");
}

/// The real questionnaire's quick scan: 18 to 24 questions, one or two of every dimension.
#[test]
fn the_quick_scan_covers_every_dimension_in_18_to_24_questions() {
    let content = real();
    let full = &content.assessment.questionnaire;
    let quick = full.quick_scan().expect("questions are marked quick");
    assert!(
        (18..=24).contains(&quick.questions.len()),
        "{} questions",
        quick.questions.len()
    );
    for d in &full.dimensions {
        let n = quick.questions_of(&d.id).count();
        assert!(
            (1..=2).contains(&n),
            "{}: {n} questions in the quick scan",
            d.id
        );
    }
}
