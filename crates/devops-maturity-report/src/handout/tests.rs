use super::*;

fn content() -> Content {
    devops_maturity_content::load_embedded().expect("the built-in content loads")
}

fn titles(h: &Handout) -> Vec<&str> {
    h.parts.iter().map(|p| p.title.as_str()).collect()
}

#[test]
fn every_listed_name_builds_and_names_are_typeable() {
    let c = content();
    let entries = list(&c);
    let activities = activities(&c).count();
    assert_eq!(
        entries.len(),
        3 + activities + c.course.modules.len(),
        "fact sheet, role cards, run-sheet, a worksheet per activity, a summary per module"
    );
    for e in &entries {
        assert!(
            e.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-'),
            "{} is typed on a command line",
            e.name
        );
        let h = build(&c, &e.name, &AgendaEdits::default())
            .unwrap_or_else(|err| panic!("{}: {err}", e.name));
        assert_eq!(h.name, e.name);
        assert!(!h.parts.is_empty(), "{} has parts", e.name);
    }
    assert_eq!(
        build(&c, " Run-Sheet ", &AgendaEdits::default())
            .unwrap()
            .name,
        "run-sheet",
        "names are read as typed, case and spaces aside"
    );
}

#[test]
fn render_suggests_the_name_as_the_file_name() {
    let r = render(
        &content(),
        "run-sheet",
        Paper::Letter,
        &AgendaEdits::default(),
    )
    .unwrap();
    assert_eq!(r.file_name, "run-sheet.pdf");
    assert!(r.pdf.bytes.starts_with(b"%PDF-"));
    assert!(render(&content(), "nope", Paper::A4, &AgendaEdits::default()).is_err());
}

#[test]
fn an_unknown_name_lists_the_names() {
    let err = build(&content(), "worksheet-nope", &AgendaEdits::default()).unwrap_err();
    let msg = err.to_string();
    assert_eq!(err.kind(), "not-found");
    assert!(msg.contains("`worksheet-nope`"), "{msg}");
    assert!(msg.contains("fact-sheet, role-cards, run-sheet"), "{msg}");
    assert!(msg.contains("summary-ej-airways"), "{msg}");
}

#[test]
fn the_fact_sheet_has_the_case_and_no_facilitator_notes() {
    let h = build(&content(), "fact-sheet", &AgendaEdits::default()).unwrap();
    let t = titles(&h);
    for part in [
        "The airline",
        "The people",
        "The IT landscape",
        "The figures (last 12 months, SkyBook)",
    ] {
        assert!(t.contains(&part), "{part} in {t:?}");
    }
    assert!(!t.contains(&"Key points") && !t.contains(&"What you will be able to do"));
    let all: String = h.texts().into_iter().map(|(_, t)| t).collect();
    assert!(all.contains("FARE-01"), "the landscape table is printed");
    assert!(
        !all.contains("send them back to it"),
        "the facilitator's note stays off the learners' sheet"
    );
}

#[test]
fn role_cards_are_the_people_of_the_case() {
    let c = content();
    let h = build(&c, "role-cards", &AgendaEdits::default()).unwrap();
    let cards: Vec<&Card> = h.parts[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Card(card) => Some(card),
            _ => None,
        })
        .collect();
    let sheet = c.course.chapter(FACT_SHEET_CHAPTER).unwrap().1;
    let (_, rows) = people_table(sheet).unwrap();
    assert_eq!(
        cards.len(),
        rows.len(),
        "one card per person of the fact sheet"
    );
    let daniel = cards.iter().find(|c| c.name == "Daniel Osei").unwrap();
    assert_eq!(daniel.role, "Head of IT Operations");
    let fact = |label: &str| {
        daniel
            .facts
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        fact("What they fear"),
        Some("Developers pushing untested code into production")
    );
    assert!(
        fact("Named in")
            .is_some_and(|v| v.contains("ITSM providing a solid base for DevOps in operation")),
        "the activities that name him: {:?}",
        fact("Named in")
    );
}

#[test]
fn a_worksheet_has_the_task_the_timings_and_space_to_write() {
    let c = content();
    let h = build(&c, "worksheet-itsm-operation", &AgendaEdits::default()).unwrap();
    let t = titles(&h);
    assert_eq!(t[0], "About this activity");
    for part in [
        "The task",
        "Setup",
        "Part 1: Service Operation today (20 minutes)",
        "What to hand in",
    ] {
        assert!(t.contains(&part), "{part} in {t:?}");
    }
    assert!(
        !t.contains(&"Key points"),
        "the answers' summary is not on the worksheet"
    );
    let about = format!("{:?}", h.parts[0].items);
    assert!(about.contains("120 minutes"), "{about}");
    assert!(
        about.contains("On the agenda"),
        "the block's time on the day: {about}"
    );
    let part1 = h
        .parts
        .iter()
        .find(|p| p.title.starts_with("Part 1"))
        .unwrap();
    assert!(
        part1
            .items
            .iter()
            .any(|i| matches!(i, Item::WriteIn { rows, .. } if rows.len() == 9)),
        "the table of nine ITIL elements is left to fill in"
    );
    let hand_in = h
        .parts
        .iter()
        .find(|p| p.title == "What to hand in")
        .unwrap();
    assert!(matches!(
        hand_in.items.last(),
        Some(Item::Writing { lines: 12 })
    ));
    let all: String = h.texts().into_iter().map(|(_, t)| t).collect();
    assert!(
        !all.contains("model answer"),
        "no facilitator notes on a worksheet"
    );
}

#[test]
fn the_run_sheet_puts_the_day_on_the_clock_with_the_cut() {
    let c = content();
    let h = build(&c, "run-sheet", &AgendaEdits::default()).unwrap();
    assert_eq!(titles(&h)[..2], ["The day at a glance", "Block by block"]);
    let text = format!("{:?}", h.parts);
    assert!(
        text.contains("09:00–09:30"),
        "the first block from start = 09:00"
    );
    assert!(
        text.contains("16:15–17:00"),
        "the closure ends the day at 17:00"
    );
    assert!(
        text.contains("Facilitator cut: 27 of the block's 30 minutes; 3 left"),
        "the introduction's cut adds up"
    );
    assert!(
        text.contains("flipcharts, sticky notes"),
        "materials of the activities"
    );
    assert!(text.contains("Optional · Going deeper: DevOps in practice"));
}

#[test]
fn the_run_sheet_and_worksheets_follow_the_facilitators_day() {
    let c = content();
    let edits = AgendaEdits {
        start: Some("08:30".into()),
        minutes: [("itil-refresh".to_string(), 45)].into(),
        enabled: [("ej-itsm-design-transition".to_string(), true)].into(),
    };
    let h = build(&c, "run-sheet", &edits).unwrap();
    let text = format!("{h:?}");
    assert!(
        text.contains("the day as set up on the Agenda page, 08:30–"),
        "{}",
        h.subtitle
    );
    assert!(
        text.contains("09:00–09:45"),
        "the ITIL refresh lengthened to 45 minutes"
    );
    assert!(
        !text.contains("Optional · Activity: ITSM as a solid base"),
        "the optional activity switched on is on the clock"
    );
    let sheet = build(&c, "worksheet-itsm-design-transition", &edits).unwrap();
    assert!(
        format!("{:?}", sheet.parts[0]).contains("15:"),
        "its place on the afternoon's clock: {:?}",
        sheet.parts[0]
    );
    let bad = AgendaEdits {
        start: Some("23:00".into()),
        ..AgendaEdits::default()
    };
    let h = build(&c, "run-sheet", &bad).unwrap();
    assert!(
        h.subtitle.contains("the day from agenda.toml, 09:00"),
        "edits that no longer fit give the authored day"
    );
}

#[test]
fn a_summary_has_aims_key_points_and_the_module_terms() {
    let c = content();
    let h = build(&c, "summary-operations", &AgendaEdits::default()).unwrap();
    assert_eq!(
        titles(&h),
        [
            "What you will be able to do",
            "Key points",
            "Glossary terms of this module",
            "Further reading",
            "Your notes"
        ]
    );
    let text = format!("{:?}", h.parts);
    let module = c.course.module("operations").unwrap();
    for term in c.glossary.terms.iter().filter(|t| {
        t.chapter
            .as_deref()
            .is_some_and(|ch| module.chapters.iter().any(|m| m.id == ch))
    }) {
        assert!(text.contains(&term.term), "term {}", term.term);
    }
    assert!(text.contains("MTBF"), "{text}");
    let slide = &module.chapters[0].slides[0];
    assert!(
        text.contains(&slide.title),
        "the slides' titles and points are the key points"
    );
    assert!(text.contains("Release It!"), "the module's reading list");
}

#[test]
fn a_summary_gives_the_reading_list_once_not_again_from_its_slide() {
    let c = content();
    let h = build(&c, "summary-business-performance", &AgendaEdits::default()).unwrap();
    let text = format!("{:?}", h.parts);
    assert!(text.contains("Accelerate"), "the module's reading list");
    // A point only the reading slide has: its key points would repeat the list.
    assert!(
        !text.contains("Quote the report year you read"),
        "the reading slide is not among the key points"
    );
}
