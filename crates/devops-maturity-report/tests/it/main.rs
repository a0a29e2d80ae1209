//! The reports end to end: a fixture database → model → PDF (A4 and US Letter, team and
//! leadership) → checked by qpdf and poppler, which did not write it. Also the model's rules
//! (proposal when no plan is saved, the app's radar geometry, history) and the HTML escaping.

mod fixture;
mod handouts;
mod poppler;
mod snapshots;

use devops_maturity_core::chart::current_vs_target;
use devops_maturity_core::plan::ItemStatus;
use devops_maturity_report::assemble::{self, Names, Sources};
use devops_maturity_report::model::PlanRow;
use devops_maturity_report::text::{helps_reach_line, LEADERSHIP_SECTIONS, TEAM_SECTIONS};
use devops_maturity_report::{html, pdf, write_atomically, Paper};
use devops_maturity_store::Store;

use fixture::{Fixture, ORGANISATION, PEOPLE, PLAN_SIZE, TEAM};
use poppler::flat;

struct World {
    store: Store,
    content: devops_maturity_content::AssessmentContent,
    fixture: Fixture,
}

fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let fixture = fixture::build(&mut store, &content);
    World {
        store,
        content,
        fixture,
    }
}

impl World {
    fn sources(&self) -> Sources<'_> {
        Sources {
            dora: &self.content.dora,
            actions: &self.content.actions,
            names: Names::Hidden,
        }
    }

    fn team_report(&self) -> devops_maturity_report::model::TeamReport {
        assemble::team_report(
            &self.store,
            self.sources(),
            self.fixture.assessment,
            fixture::now(),
        )
        .unwrap()
    }
}

/// Writes `bytes` the way the app and CLI do, then runs the external checks.
fn checked(bytes: &[u8], name: &str) -> poppler::Checked {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    write_atomically(&path, bytes).unwrap();
    let mut c = poppler::check(&path);
    c.dir = Some(dir);
    c
}

fn assert_size(c: &poppler::Checked, paper: Paper) {
    let (w, h) = match paper {
        Paper::A4 => (595.0, 842.0),
        Paper::Letter => (612.0, 792.0),
    };
    assert!(
        (c.size.0 - w).abs() < 1.0 && (c.size.1 - h).abs() < 1.0,
        "{paper:?} pages are {w}×{h} pt, pdfinfo says {:?}",
        c.size
    );
}

#[test]
fn the_team_report_reads_back_in_both_paper_sizes() {
    let w = world();
    let report = w.team_report();
    for paper in [Paper::A4, Paper::Letter] {
        let bytes = pdf::team_report(&report, paper).unwrap().bytes;
        let c = checked(&bytes, "plan.pdf");
        assert_size(&c, paper);
        assert!(
            (8..=40).contains(&c.pages),
            "a full team report has several pages, not {}",
            c.pages
        );
        let text = flat(&c.text);
        assert!(
            text.contains(TEAM),
            "the team name with its ë, Ø, å, Ł and Cyrillic letters"
        );
        assert!(text.contains(ORGANISATION), "the organisation on the cover");
        for person in PEOPLE {
            assert!(text.contains(person), "respondent {person}");
        }
        for heading in TEAM_SECTIONS {
            assert!(
                text.contains(heading),
                "section heading {heading:?} ({paper:?})"
            );
        }
        assert_eq!(w.fixture.plan_titles.len(), PLAN_SIZE);
        for title in &w.fixture.plan_titles {
            assert!(text.contains(title.as_str()), "plan action {title:?}");
        }
        for n in 1..=c.pages {
            let label = format!("Page {n} of {}", c.pages);
            assert!(text.contains(&label), "{label:?} in every footer");
        }
        assert!(text.contains("Marta Keller"), "the facilitator");
        assert!(
            text.contains("version 1"),
            "the questionnaire version on the cover"
        );
        assert!(
            text.contains("Ярослава keeps the runbook"),
            "evidence in the appendix"
        );
        assert!(
            text.contains("not a ladder"),
            "the executive summary says what DORA clusters are"
        );
        assert!(
            !text.contains("Quick scan:"),
            "a full questionnaire is not labelled a quick scan"
        );
    }
}

#[test]
fn the_executive_summary_fits_on_its_own_page() {
    let w = world();
    let report = w.team_report();
    let bytes = pdf::team_report(&report, Paper::A4).unwrap().bytes;
    let c = checked(&bytes, "summary.pdf");
    let pages: Vec<&str> = c.text.split('\u{c}').collect();
    let summary = pages
        .iter()
        .position(|p| flat(p).contains("Executive summary"))
        .expect("a page with the summary");
    assert_eq!(summary, 1, "the summary follows the cover");
    let text = flat(pages[summary]);
    for part in [
        "Strongest",
        "Weakest",
        "Three headline actions",
        "What changed since the last assessment",
        "Page 2 of",
    ] {
        assert!(text.contains(part), "{part:?} on the summary page");
    }
    assert!(
        !flat(pages[summary + 1]).contains("What changed"),
        "the summary does not spill onto the next page"
    );
}

#[test]
fn the_leadership_report_has_a_heatmap_and_a_page_per_team() {
    let mut w = world();
    devops_maturity_store::demo::create_demo(
        &mut w.store,
        &w.content.questionnaire,
        &w.content.dora,
        fixture::now(),
    )
    .unwrap();
    let report =
        assemble::leadership_report(&w.store, w.sources(), &Default::default(), fixture::now())
            .unwrap();
    assert_eq!(
        report.teams.len(),
        5,
        "the fixture team and four demo teams"
    );
    for paper in [Paper::A4, Paper::Letter] {
        let bytes = pdf::leadership_report(&report, paper).unwrap().bytes;
        let c = checked(&bytes, "leadership.pdf");
        assert_size(&c, paper);
        let text = flat(&c.text);
        for heading in LEADERSHIP_SECTIONS {
            assert!(text.contains(heading), "{heading:?}");
        }
        assert!(text.contains(TEAM));
        assert!(text.contains("Booking Web (demo)"));
        let pages: Vec<&str> = c.text.split('\u{c}').collect();
        for team in &report.teams {
            let own = pages
                .iter()
                .filter(|p| flat(p).contains("Largest gaps to target"))
                .filter(|p| flat(p).contains(team.report.team.as_str()))
                .count();
            assert!(own >= 1, "a page for {}", team.report.team);
        }
        assert!(
            c.pages >= 2 + report.teams.len(),
            "overview, heatmap, then a page per team: {} pages",
            c.pages
        );
        assert!(text.contains(&format!("Page 1 of {}", c.pages)));
    }
    // Every team's overall score is written in the heatmap, with one decimal.
    let a4 = checked(
        &pdf::leadership_report(&report, Paper::A4).unwrap().bytes,
        "l.pdf",
    );
    for team in &report.teams {
        if let Some(v) = team.report.overall {
            assert!(
                a4.text.contains(&format!("{v:.1}")),
                "{v:.1} in the heatmap"
            );
        }
    }
}

#[test]
fn the_leadership_summary_narrows_to_groups_sorts_and_has_no_team_pages() {
    let mut w = world();
    devops_maturity_store::demo::create_demo(
        &mut w.store,
        &w.content.questionnaire,
        &w.content.dora,
        fixture::now(),
    )
    .unwrap();
    let everyone =
        assemble::leadership_report(&w.store, w.sources(), &Default::default(), fixture::now())
            .unwrap();
    let travel = w.store.create_group("Travel", fixture::now()).unwrap();
    let two: Vec<i64> = w.store.teams().unwrap()[..2].iter().map(|t| t.id).collect();
    for id in &two {
        w.store
            .move_team(*id, Some(travel.id), fixture::now())
            .unwrap();
    }
    let options = assemble::LeadershipOptions {
        groups: vec![travel.id],
        summary: true,
        sort: assemble::Sort::Level,
    };
    let report =
        assemble::leadership_report(&w.store, w.sources(), &options, fixture::now()).unwrap();
    assert_eq!(report.teams.len(), 2, "only the group's teams");
    assert_eq!(report.groups, ["Travel"]);
    for t in &report.teams {
        let full = everyone
            .teams
            .iter()
            .find(|f| f.report.team == t.report.team)
            .unwrap();
        assert_eq!(
            (&t.report.overall, &t.top_gaps, &t.weakest, &t.report.dora),
            (
                &full.report.overall,
                &full.top_gaps,
                &full.weakest,
                &full.report.dora
            ),
            "the summary's glance rows read the same as the full report's"
        );
    }
    let overall: Vec<f64> = report
        .teams
        .iter()
        .filter_map(|t| t.report.overall)
        .collect();
    assert!(
        overall.windows(2).all(|p| p[0] <= p[1]),
        "lowest overall score first: {overall:?}"
    );
    let c = checked(
        &pdf::leadership_report(&report, Paper::A4).unwrap().bytes,
        "summary.pdf",
    );
    let full = checked(
        &pdf::leadership_report(&everyone, Paper::A4).unwrap().bytes,
        "full.pdf",
    );
    assert!(
        c.pages < full.pages,
        "shorter than the full report: {} pages (the full report has {})",
        c.pages,
        full.pages
    );
    let text = flat(&c.text);
    assert!(!text.contains("· facilitator"), "no page per team");
    assert!(!text.contains("Heatmap: dimensions by team"), "no heatmap");
    assert!(
        text.contains("The organisation at a glance") && text.contains("Teams at a glance"),
        "the roll-up and the glance table"
    );
    for heading in [
        "systemic gaps",
        "How many teams are at each level",
        "Medians by group",
        "Coverage",
    ] {
        assert!(text.contains(heading), "{heading:?} in the roll-up");
    }
    assert!(
        text.contains("Travel"),
        "the group is named on the first page"
    );
    assert!(text.contains("lowest first"), "the order is said");

    // A group without a completed assessment says so.
    let empty = w.store.create_group("Nobody yet", fixture::now()).unwrap();
    let err = assemble::leadership_report(
        &w.store,
        w.sources(),
        &assemble::LeadershipOptions {
            groups: vec![empty.id],
            ..Default::default()
        },
        fixture::now(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no team of Nobody yet has a completed assessment yet, so there is nothing to compare"
    );
}

#[test]
fn without_any_gap_the_glance_table_shows_the_weakest_dimensions() {
    let w = world();
    let mut report =
        assemble::leadership_report(&w.store, w.sources(), &Default::default(), fixture::now())
            .unwrap();
    let team = &report.teams[0];
    let mut scored: Vec<(String, f64)> = team
        .report
        .dimensions
        .iter()
        .filter_map(|d| d.score.map(|s| (d.name.clone(), s)))
        .collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert_eq!(
        team.weakest,
        scored[..3].to_vec(),
        "the three lowest, lowest first"
    );
    // As if no team had set a target.
    for t in &mut report.teams {
        t.top_gaps.clear();
    }
    assert!(report.no_gaps());
    let page = html::leadership_report(&report, Paper::A4);
    assert!(
        page.contains("Weakest dimensions"),
        "the column says what it lists"
    );
    assert!(!page.contains("no gap to target"));
    let c = checked(
        &pdf::leadership_report(&report, Paper::A4).unwrap().bytes,
        "weakest.pdf",
    );
    let text = flat(&c.text);
    assert!(text.contains("Weakest dimensions"));
    assert!(text.contains(&format!("{} ({:.1})", scored[0].0, scored[0].1)));
    assert!(!text.contains("no gap to target"), "never on every row");
}

#[test]
fn the_model_follows_the_assessment_and_its_history() {
    let w = world();
    let r = w.team_report();
    assert_eq!(r.team, TEAM);
    assert_eq!(r.respondents, PEOPLE);
    assert_eq!(r.facilitator.as_deref(), Some("Marta Keller"));
    assert_eq!(r.questionnaire.version, w.content.questionnaire.version);
    assert_eq!(
        r.trend.dates.len(),
        3,
        "two earlier assessments and this one"
    );
    assert!(r.trend.series.iter().all(|s| s.values.len() == 3));
    assert!(r.changes.is_some(), "compared with the previous assessment");
    assert!(!r.plan.proposal, "the saved plan is used");
    assert_eq!(
        r.plan.items.len() + r.plan.backlog.len(),
        PLAN_SIZE,
        "rejected items are left out"
    );
    assert_eq!(r.plan.focus, 3, "the default focus limit");
    for horizon in [30, 60, 90] {
        let open = r
            .plan
            .items
            .iter()
            .filter(|p| {
                p.horizon == horizon && !matches!(p.status, ItemStatus::Done | ItemStatus::Dropped)
            })
            .count();
        assert!(open <= 3, "{open} open actions in the {horizon}-day focus");
    }
    assert!(
        !r.plan.backlog.is_empty(),
        "twelve items do not fit a focus of three per horizon"
    );
    assert!(
        r.plan.items.iter().chain(&r.plan.backlog).all(|p| p
            .reasons
            .first()
            .is_some_and(|s| s.starts_with("gap ") || s == "the team's own action")),
        "every action says why it is in the plan"
    );
    assert_eq!(r.plan.headline().len(), 3);
    assert!(
        r.plan
            .headline()
            .iter()
            .all(|p| p.status != ItemStatus::Done),
        "done items are not headline actions"
    );
    assert_eq!(
        r.distributions.len(),
        w.content.questionnaire.dimensions.len()
    );
    assert!(r
        .appendix
        .iter()
        .all(|d| d.questions.iter().all(|q| q.answers.len() == 3)));

    // The radar is the geometry the app's results page draws.
    let data = w.store.assessment_data(w.fixture.assessment).unwrap();
    let score = devops_maturity_core::score(&w.content.questionnaire, &data.answers, &data.choices);
    assert_eq!(r.radar, current_vs_target(&score));
}

/// Whether `text` holds `line`'s words in order, from its first six words on, allowing a page
/// break (footer, repeated table header, the row's other cells: at most 60 words) inside it, as
/// a table row that runs over a page has.
fn reads_through_page_breaks(text: &str, line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let start = words[..6].join(" ");
    text.match_indices(&start).any(|(at, _)| {
        let mut rest = text[at..].split_whitespace();
        let mut skipped = 0;
        words.iter().all(|w| loop {
            match rest.next() {
                Some(t) if t == *w => break true,
                Some(_) if skipped < 60 => skipped += 1,
                _ => break false,
            }
        })
    })
}

/// Each of the course's actions names the questionnaire anchors it helps reach, in the words of
/// the assessment's questionnaire: in the model, as one line under the action in the PDF and
/// the HTML (the leadership overview's one page per team keeps to the headline actions' titles).
/// The team's own actions name none.
#[test]
fn each_action_says_which_anchors_it_helps_reach() {
    let mut w = world();
    w.store
        .add_plan_item(
            w.fixture.assessment,
            &devops_maturity_store::plans::NewPlanItem {
                dimension_id: w.content.questionnaire.dimensions[0].id.clone(),
                title: "Write down how we deploy".into(),
                why: String::new(),
                first_steps: Vec::new(),
                effort: devops_maturity_core::recommendations::Effort::S,
                impact: String::new(),
                horizon: 30,
            },
            fixture::now(),
        )
        .unwrap();
    let r = w.team_report();
    let q = &w.content.questionnaire;
    let rows: Vec<_> = r.plan.items.iter().chain(&r.plan.backlog).collect();
    let (own, course): (Vec<&PlanRow>, Vec<&PlanRow>) = rows.iter().partition(|p| {
        p.reasons
            .first()
            .is_some_and(|s| s == "the team's own action")
    });
    assert!(!own.is_empty() && !course.is_empty());
    assert!(
        own.iter().all(|p| p.reaches.is_empty()),
        "own actions cite none"
    );
    for p in &course {
        assert!(!p.reaches.is_empty(), "{} cites an anchor", p.title);
        for reach in &p.reaches {
            let question = q.question(&reach.question_id).unwrap();
            assert_eq!(reach.question, question.text);
            assert_eq!(reach.anchor, question.anchors[usize::from(reach.level) - 1]);
        }
    }
    let reached: Vec<String> = r
        .plan
        .items
        .iter()
        .filter_map(|p| helps_reach_line(&p.reaches))
        .collect();
    assert!(!reached.is_empty());

    let bytes = pdf::team_report(&r, Paper::A4).unwrap().bytes;
    if let Some(dir) = std::env::var_os("REPORT_PDFS") {
        std::fs::write(std::path::Path::new(&dir).join("team-anchors.pdf"), &bytes).unwrap();
    }
    let text = flat(&checked(&bytes, "anchors.pdf").text);
    for line in &reached {
        assert!(
            reads_through_page_breaks(&text, line),
            "{line:?} in the plan's table"
        );
    }
    assert_eq!(
        text.matches("Helps you reach: ").count(),
        reached.len(),
        "one line per action of the focus, none for the backlog or own actions"
    );
    let page = html::team_report(&r, Paper::A4);
    assert_eq!(page.matches("Helps you reach: ").count(), reached.len());
}

#[test]
fn without_a_saved_plan_the_report_shows_a_proposal() {
    let w = world();
    let earlier = w.fixture.earlier[1];
    let r = assemble::team_report(&w.store, w.sources(), earlier, fixture::now()).unwrap();
    assert!(
        r.plan.proposal,
        "no plan was saved for the earlier assessment"
    );
    assert!(!r.plan.items.is_empty(), "the gaps give actions");
    assert!(
        r.plan
            .items
            .windows(2)
            .all(|p| p[0].horizon <= p[1].horizon),
        "grouped by horizon"
    );
    let bytes = pdf::team_report(&r, Paper::A4).unwrap().bytes;
    let c = checked(&bytes, "proposal.pdf");
    assert!(
        flat(&c.text).contains("so this is a proposal"),
        "the report says the plan is a proposal"
    );
    assert_eq!(
        r.trend.dates.len(),
        2,
        "history stops at the assessment reported on"
    );
}

#[test]
fn the_cli_lookups_say_what_is_wrong() {
    let mut w = world();
    let err = assemble::resolve(&w.store, "Nobody", None).unwrap_err();
    assert!(
        err.to_string().contains("no team named \"Nobody\""),
        "{err}"
    );
    assert!(err.to_string().contains(TEAM), "lists the teams: {err}");
    let empty = w.store.create_team("Empty team", fixture::now()).unwrap();
    let err = assemble::resolve(&w.store, "empty TEAM", None).unwrap_err();
    assert!(err.to_string().contains("no completed assessment"), "{err}");
    let err = assemble::resolve(&w.store, "Empty team", Some(w.fixture.assessment)).unwrap_err();
    assert!(err.to_string().contains("another team"), "{err}");
    assert_eq!(
        assemble::resolve(&w.store, TEAM, None).unwrap(),
        w.fixture.assessment,
        "the latest completed assessment by default"
    );
    let q = w.content.questionnaire.clone();
    let open = w
        .store
        .start_assessment(empty.id, &q, &["Ana".into()], None, fixture::now())
        .unwrap();
    let err = assemble::team_report(&w.store, w.sources(), open.id, fixture::now()).unwrap_err();
    assert!(err.to_string().contains("still in progress"), "{err}");
}

#[test]
fn html_escapes_every_user_text() {
    let mut w = world();
    let team = w.store.team_by_name(TEAM).unwrap().unwrap();
    w.store
        .rename_team(team.id, "<script>alert('x')</script> & co", fixture::now())
        .unwrap();
    let r = w.team_report();
    let page = html::team_report(&r, Paper::A4);
    assert!(!page.contains("<script>alert"), "no raw markup from data");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    for title in &w.fixture.plan_titles {
        assert!(page.contains(&html::escape(title)), "{title}");
    }
    assert!(
        page.contains("size: A4"),
        "the paper size is set for printing"
    );
}

#[test]
fn a_sparse_assessment_still_makes_a_readable_report() {
    // One respondent who answered a handful of questions, no targets, no DORA answers, no plan:
    // most dimensions have "not enough answers" and there is no overall level.
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let q = &content.questionnaire;
    let team = store.create_team("Ωmega-Ops", fixture::now()).unwrap();
    let answers = q
        .questions
        .iter()
        .take(6)
        .map(|x| (x.id.clone(), devops_maturity_core::Answer::Level(3)))
        .collect();
    let respondent = devops_maturity_core::Respondent {
        name: "Solo".into(),
        role: None,
        answers,
        ..Default::default()
    };
    let row = store
        .record_assessment(&devops_maturity_store::assessments::NewAssessment {
            team_id: team.id,
            questionnaire: q,
            respondents: &[respondent],
            choices: &Default::default(),
            dora_year: None,
            dora: &Default::default(),
            facilitator: None,
            started_at: fixture::now(),
            completed_at: fixture::now(),
        })
        .unwrap();
    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let r = assemble::team_report(&store, sources, row.id, fixture::now()).unwrap();
    assert_eq!(r.overall, None);
    assert!(
        r.distributions.is_empty(),
        "one respondent: no distributions"
    );
    assert!(r.plan.items.is_empty(), "no targets: nothing to plan");
    for paper in [Paper::A4, Paper::Letter] {
        let c = checked(&pdf::team_report(&r, paper).unwrap().bytes, "sparse.pdf");
        let text = flat(&c.text);
        assert!(text.contains("Ωmega-Ops"));
        assert!(
            text.contains("has no overall level yet"),
            "says why there is no level"
        );
        assert!(text.contains("not enough answers"));
        assert!(text.contains("first completed assessment"), "no trend yet");
        assert!(
            !text.contains("Disagreement hot-spots"),
            "no hot-spot section with one respondent"
        );
        assert!(text.contains(&format!("Page {} of {}", c.pages, c.pages)));
    }
}

/// Text as people type it in other scripts: Arabic, Hebrew, Chinese, Japanese, emoji and a
/// combining accent, in the team name, a respondent's name, evidence and plan notes.
const ARABIC: &str = "فريق المنصة";
const HEBREW: &str = "צוות התשתית";
const CHINESE: &str = "平台团队每周发布";
const JAPANESE: &str = "ひらがなとカタカナと漢字";
const EMOJI: &str = "🚀🎯";
/// "Café" with the accent typed as a combining mark after the "e".
const COMBINING: &str = "Cafe\u{301}";

fn in_every_script(r: &mut devops_maturity_report::model::TeamReport) {
    r.team = format!("{ARABIC} {HEBREW}");
    r.respondents[1] = HEBREW.to_string();
    let answer = &mut r.appendix[0].questions[0].answers[0];
    answer.evidence = Some(format!("{CHINESE}. {JAPANESE}. {ARABIC} {EMOJI}"));
    r.plan.items[0].notes = Some(format!("{JAPANESE} {EMOJI} {COMBINING}"));
}

#[test]
fn text_in_every_script_reads_back_in_typed_order() {
    let w = world();
    let mut r = w.team_report();
    in_every_script(&mut r);
    let pdf = pdf::team_report(&r, Paper::A4).unwrap();
    assert!(
        pdf.unshown.is_empty(),
        "the installed fonts show every character: {:?}",
        pdf.unshown
    );
    let c = checked(&pdf.bytes, "scripts.pdf");
    let text = flat(&c.text);
    for typed in [ARABIC, HEBREW, CHINESE, JAPANESE, EMOJI, COMBINING] {
        assert!(text.contains(typed), "{typed:?} in the text layer");
    }
    let fonts = poppler::fonts(&c.path);
    for family in ["DejaVuSans", "DejaVuSans-Bold", "NotoSansCJK", "Symbola"] {
        let row = fonts
            .iter()
            .find(|f| f.name.contains(family))
            .unwrap_or_else(|| panic!("{family} among the fonts: {fonts:#?}"));
        assert!(
            row.embedded && row.subset && row.unicode,
            "{family} embedded as a subset with a ToUnicode map: {row:?}"
        );
    }
}

#[test]
fn a_character_no_font_has_is_named_with_its_field() {
    let w = world();
    let mut r = w.team_report();
    // U+0378 is not assigned in Unicode, so no font has it.
    r.plan.items[2].notes = Some("Ask the \u{378} team first".into());
    let pdf = pdf::team_report(&r, Paper::A4).unwrap();
    assert_eq!(
        pdf.unshown,
        [devops_maturity_report::pdf::Unshown {
            field: "the notes on plan action 3".into(),
            missing: vec!['\u{378}'],
        }]
    );
    let message = pdf.unshown[0].to_string();
    assert!(
        message.contains("the notes on plan action 3") && message.contains("U+0378"),
        "{message}"
    );
    let c = checked(&pdf.bytes, "missing.pdf");
    assert!(flat(&c.text).contains("Ask the"), "the rest still prints");
}

#[test]
fn answers_are_not_tied_to_names_unless_the_facilitator_chooses_names() {
    let w = world();
    let hidden = w.team_report();
    assert!(!hidden.hot_spots.is_empty(), "the fixture has hot-spots");
    for spot in &hidden.hot_spots {
        assert!(
            spot.answers
                .iter()
                .all(|line| line.contains(" × ") && PEOPLE.iter().all(|p| !line.contains(p))),
            "a distribution, not who said what: {:?}",
            spot.answers
        );
        let counted: u32 = spot
            .answers
            .iter()
            .map(|l| l.split(' ').next().unwrap().parse::<u32>().unwrap())
            .sum();
        assert_eq!(counted, PEOPLE.len() as u32, "everyone is counted once");
    }
    assert!(hidden
        .appendix
        .iter()
        .flat_map(|d| &d.questions)
        .flat_map(|q| &q.answers)
        .all(|a| a.respondent.is_none()));
    let text = flat(
        &checked(
            &pdf::team_report(&hidden, Paper::A4).unwrap().bytes,
            "hidden.pdf",
        )
        .text,
    );
    for person in PEOPLE {
        assert!(
            !text.contains(&format!("{person}: ")),
            "{person} is not tied to an answer"
        );
    }
    assert!(
        !text.contains("Evidence from"),
        "evidence without its author"
    );
    assert!(
        text.contains("Ярослава keeps the runbook"),
        "the evidence itself stays"
    );
    assert!(
        text.contains(PEOPLE[0]),
        "the cover still says who took part"
    );

    let named = assemble::team_report(
        &w.store,
        Sources {
            names: Names::Shown,
            ..w.sources()
        },
        w.fixture.assessment,
        fixture::now(),
    )
    .unwrap();
    assert!(
        named.hot_spots[0].answers[0].starts_with(PEOPLE[0]),
        "{:?}",
        named.hot_spots[0].answers
    );
    let text = flat(
        &checked(
            &pdf::team_report(&named, Paper::A4).unwrap().bytes,
            "named.pdf",
        )
        .text,
    );
    assert!(
        text.contains("Evidence from"),
        "chosen: names with the evidence"
    );
}

/// Scoring rule 10 in the report. DevOps Leadership: Lea (leader) 5 on all four questions,
/// Pat (practitioner) 2, Sam (no role) 3: leaders 5.0, practitioners 2.0, team median(5, 2, 3)
/// = 3.0, leaders 3.0 higher; Sam counts on neither side. Without a leader, no section.
#[test]
fn leaders_are_shown_apart_in_the_pdf_and_the_html() {
    use devops_maturity_core::{Answer, Respondent, Role};
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let q = &content.questionnaire;
    let team = store.create_team("Roles", fixture::now()).unwrap();
    let person = |name: &str, role: Option<Role>, level: u8| Respondent {
        name: name.into(),
        role,
        answers: (1..=4)
            .map(|i| (format!("devops-leadership-{i}"), Answer::Level(level)))
            .collect(),
        ..Default::default()
    };
    let record = |store: &mut Store, people: &[Respondent]| {
        store
            .record_assessment(&devops_maturity_store::assessments::NewAssessment {
                team_id: team.id,
                questionnaire: q,
                respondents: people,
                choices: &Default::default(),
                dora_year: None,
                dora: &Default::default(),
                facilitator: None,
                started_at: fixture::now(),
                completed_at: fixture::now(),
            })
            .unwrap()
            .id
    };
    let people = [
        person("Lea", Some(Role::Leader), 5),
        person("Pat", Some(Role::Practitioner), 2),
        person("Sam", None, 3),
    ];
    let with_leader = record(&mut store, &people);
    let sources = || Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let r = assemble::team_report(&store, sources(), with_leader, fixture::now()).unwrap();
    let lead = r
        .by_role
        .iter()
        .find(|x| x.dimension == "DevOps Leadership")
        .expect("the leadership dimension is split");
    assert_eq!(
        (
            lead.leaders.as_str(),
            lead.practitioners.as_str(),
            lead.team
        ),
        ("5.0 (1 of 1)", "2.0 (1 of 1)", Some(3.0))
    );
    assert_eq!(
        lead.difference,
        "leaders 3.0 higher — a level or more apart"
    );
    assert_eq!(r.roles_unstated, 1);
    let c = checked(&pdf::team_report(&r, Paper::A4).unwrap().bytes, "roles.pdf");
    let text = flat(&c.text);
    for expected in [
        "Leaders and practitioners",
        "leaders 3.0 higher — a level or more apart",
        "5.0 (1 of 1)",
        "One person did not say their role",
    ] {
        assert!(text.contains(expected), "{expected:?} in the PDF");
    }
    let page = html::team_report(&r, Paper::A4);
    assert!(page.contains("<h1>Leaders and practitioners</h1>"));
    assert!(page.contains("<b>leaders 3.0 higher — a level or more apart</b>"));

    let mut no_leader = people.clone();
    no_leader[0].role = Some(Role::Practitioner);
    let without = record(&mut store, &no_leader);
    let r = assemble::team_report(&store, sources(), without, fixture::now()).unwrap();
    assert!(r.by_role.is_empty());
    let text = flat(&checked(&pdf::team_report(&r, Paper::A4).unwrap().bytes, "none.pdf").text);
    assert!(
        !text.contains("Leaders and practitioners"),
        "no section without a leader"
    );
}

/// A report on a quick scan says so on its cover (PDF and HTML); a full one does not.
#[test]
fn a_quick_scan_report_says_it_is_one() {
    use devops_maturity_core::{Answer, Respondent};
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let quick = content.questionnaire.quick_scan().unwrap();
    let team = store.create_team("Quick", fixture::now()).unwrap();
    let ana = Respondent {
        name: "Ana".into(),
        role: None,
        answers: quick
            .questions
            .iter()
            .map(|q| (q.id.clone(), Answer::Level(3)))
            .collect(),
        ..Default::default()
    };
    let row = store
        .record_assessment(&devops_maturity_store::assessments::NewAssessment {
            team_id: team.id,
            questionnaire: &quick,
            respondents: &[ana],
            choices: &Default::default(),
            dora_year: None,
            dora: &Default::default(),
            facilitator: None,
            started_at: fixture::now(),
            completed_at: fixture::now(),
        })
        .unwrap();
    assert!(row.quick_scan, "the stored row knows it is a quick scan");
    let sources = Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let r = assemble::team_report(&store, sources, row.id, fixture::now()).unwrap();
    assert_eq!(
        r.overall,
        Some(3.0),
        "every dimension 3.0 on its quick questions"
    );
    let text = flat(&checked(&pdf::team_report(&r, Paper::A4).unwrap().bytes, "quick.pdf").text);
    assert!(
        text.contains("Quick scan: one or two questions per dimension"),
        "the cover says so"
    );
    assert!(text.contains("1.1.0+quick"), "the version says so");
    assert!(
        html::team_report(&r, Paper::A4).contains("Quick scan: one or two questions per dimension")
    );
}

/// Questionnaire 1.1 shipped over a team's 1.0.0 assessment (the real 1.0.0 snapshot, as
/// databases stored it): the old report asks 1.0.0's questions and says 1.0.0, the new one
/// asks 1.1.0's, and its trend runs over both, by dimension.
#[test]
fn an_old_assessments_report_reads_its_own_questionnaire_version() {
    use devops_maturity_core::{Answer, Questionnaire, Respondent};
    const OLD_DEPLOY: &str =
        "How is a new version deployed to production, and how is it released to users?";
    const NEW_DEPLOY: &str = "How is a new version deployed to production?";
    let old_q: Questionnaire = serde_json::from_str(include_str!(
        "../../../devops-maturity-views/tests/fixtures/questionnaire-1.0.0.json"
    ))
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let content = fixture::content();
    let today = &content.questionnaire;
    assert_eq!(today.version, "1.1.0");
    let team = store.create_team("Booking", fixture::now()).unwrap();
    let mut record = |q: &Questionnaire, days: i64| {
        let when = fixture::now() - chrono::Duration::days(days);
        let people: Vec<Respondent> = ["Ana", "Ben"]
            .iter()
            .enumerate()
            .map(|(p, name)| Respondent {
                name: (*name).into(),
                answers: q
                    .questions
                    .iter()
                    .map(|x| {
                        let level = if x.id == "continuous-delivery-3" {
                            [1, 5][p]
                        } else {
                            3
                        };
                        (x.id.clone(), Answer::Level(level))
                    })
                    .collect(),
                ..Default::default()
            })
            .collect();
        store
            .record_assessment(&devops_maturity_store::assessments::NewAssessment {
                team_id: team.id,
                questionnaire: q,
                respondents: &people,
                choices: &Default::default(),
                dora_year: None,
                dora: &Default::default(),
                facilitator: None,
                started_at: when,
                completed_at: when,
            })
            .unwrap()
            .id
    };
    let old = record(&old_q, 200);
    let new = record(today, 1);
    let sources = || Sources {
        dora: &content.dora,
        actions: &content.actions,
        names: Names::Hidden,
    };
    let r = assemble::team_report(&store, sources(), old, fixture::now()).unwrap();
    assert_eq!(r.questionnaire.version, "1.0.0");
    let html_old = html::team_report(&r, Paper::A4);
    assert!(html_old.contains(OLD_DEPLOY), "1.0.0's question");
    assert!(html_old.contains("1.0.0"));
    let r = assemble::team_report(&store, sources(), new, fixture::now()).unwrap();
    assert_eq!(r.questionnaire.version, "1.1.0");
    assert_eq!(r.overall, Some(3.0));
    let html_new = html::team_report(&r, Paper::A4);
    assert!(html_new.contains(NEW_DEPLOY) && !html_new.contains(OLD_DEPLOY));
    let text = flat(
        &checked(
            &pdf::team_report(&r, Paper::A4).unwrap().bytes,
            "versions.pdf",
        )
        .text,
    );
    assert!(
        text.contains("Trend over earlier assessments"),
        "the 1.0.0 assessment is the new one's history"
    );
}
