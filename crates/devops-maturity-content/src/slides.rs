//! A module's slides (`course/NN-slug/slides.toml`): what the projector shows in presenter mode,
//! a few cues per `##` section, while the section's prose and facilitator notes go to the notes
//! window.
//!
//! The rules (content/FORMAT.md): each slide names a `##` section of a chapter of its own module
//! (`chapter-id#anchor`, the anchors the agenda's facilitator cut uses); a title and 1–5 points,
//! none empty; at most [`MAX_WORDS`] words in all, so it is read from the back of a room; slides
//! follow the chapters' order and every chapter has at least one; every module has the file. Points may use `**bold**`,
//! `*emphasis*` and `` `code` `` ([`crate::markdown::render_point`]), nothing else.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::toml_util::{line_of, parse_toml};
use crate::{markdown, Figures, Files, Module, Problem};

/// The file name of a module's slides, in its folder.
pub const SLIDES_FILE: &str = "slides.toml";
/// The most words (whitespace-separated, title and points together) one slide may carry.
pub const MAX_WORDS: usize = 40;
/// The most points on one slide.
pub const MAX_POINTS: usize = 5;

/// One slide, kept with the chapter whose section it presents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slide {
    /// The anchor of the `##` section in the chapter (its prose and notes go with the slide).
    pub anchor: String,
    /// Plain text.
    pub title: String,
    /// Rendered inline HTML, one per point: only `<strong>`, `<em>` and `<code>`.
    pub points: Vec<String>,
    /// The points as authored (Markdown), for plain-text listings such as the CLI's.
    #[serde(skip)]
    pub points_source: Vec<String>,
    /// The id of a figure to show on the slide (one of `figures.toml`).
    pub figure: Option<String>,
    /// That figure as the app shows it: a `<figure>` with the sanitised, inline `<svg>`
    /// ([`crate::Figure::html`]); empty without a figure.
    pub figure_html: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlides {
    #[serde(default)]
    slide: Vec<RawSlide>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlide {
    section: Spanned<String>,
    title: String,
    points: Vec<String>,
    #[serde(default)]
    figure: Option<Spanned<String>>,
}

/// Words as the limit counts them: whitespace-separated tokens of the title and every point.
pub fn word_count(title: &str, points: &[String]) -> usize {
    std::iter::once(title)
        .chain(points.iter().map(String::as_str))
        .map(|t| t.split_whitespace().count())
        .sum()
}

/// Reads `{dir}/slides.toml` and puts each slide on its chapter in `module`, which must already
/// hold its rendered chapters. Every module needs the file: a room reads slides, and presenter
/// mode projects them.
///
/// A slide's `figure` must be one of `figures` (a figure listed in `figures.toml` but refused for
/// a problem of its own, in `listed_figures`, is not reported again).
pub(crate) fn parse(
    files: &Files,
    dir: &str,
    module: &mut Module,
    figures: &Figures,
    listed_figures: &[String],
    problems: &mut Vec<Problem>,
) {
    let path = format!("{dir}/{SLIDES_FILE}");
    let Some(src) = files.get(&path) else {
        problems.push(Problem::new(
            &path,
            0,
            "missing: every module has slides for the projector (see FORMAT.md, slides.toml)",
        ));
        return;
    };
    let Some(raw) = parse_toml::<RawSlides>(&path, src, problems) else {
        return;
    };
    if raw.slide.is_empty() {
        problems.push(Problem::new(
            &path,
            0,
            "no slides: add a `[[slide]]` for each chapter",
        ));
        return;
    }
    // The chapter of the previous slide, to keep the chapters' order.
    let mut last_chapter = 0;
    for raw in raw.slide {
        let line = line_of(src, raw.section.span().start);
        let mut problem = |message: String| problems.push(Problem::new(&path, line, message));
        let section = raw.section.get_ref();
        let title = raw.title.trim();
        let name = if title.is_empty() {
            format!("`{section}`")
        } else {
            format!("“{title}”")
        };
        if title.is_empty() {
            problem(format!("the slide for `{section}` has an empty title"));
        }
        if !(1..=MAX_POINTS).contains(&raw.points.len()) {
            problem(format!(
                "slide {name} has {} points; 1 to {MAX_POINTS} are allowed",
                raw.points.len()
            ));
        }
        let words = word_count(title, &raw.points);
        if words > MAX_WORDS {
            problem(format!(
                "slide {name} has {words} words (title and points); at most {MAX_WORDS} are read from the back of a room"
            ));
        }
        let mut points = Vec::with_capacity(raw.points.len());
        for (n, point) in raw.points.iter().enumerate() {
            if point.trim().is_empty() {
                problem(format!("point {} of slide {name} is empty", n + 1));
                continue;
            }
            match markdown::render_point(point) {
                Ok(html) => points.push(html),
                Err(what) => problem(format!(
                    "point {} of slide {name} has {what}; a point is plain text with **bold**, *emphasis* or `code`",
                    n + 1
                )),
            }
        }
        let figure = match &raw.figure {
            Some(id) if id.get_ref().trim().is_empty() => {
                let line = line_of(src, id.span().start);
                problems.push(Problem::new(
                    &path,
                    line,
                    format!("slide {name}: `figure` is empty; name a figure id or leave it out"),
                ));
                None
            }
            Some(id) => {
                let trimmed = id.get_ref().trim();
                if figures.get(trimmed).is_none() && !listed_figures.iter().any(|l| l == trimmed) {
                    let line = line_of(src, id.span().start);
                    problems.push(Problem::new(
                        &path,
                        line,
                        format!(
                            "slide {name}: unknown figure `{trimmed}`; list it in figures.toml"
                        ),
                    ));
                }
                Some(trimmed.to_string())
            }
            None => None,
        };
        let figure_html = figure
            .as_deref()
            .and_then(|id| figures.get(id))
            .map(|f| f.html(""))
            .unwrap_or_default();
        let mut problem = |message: String| problems.push(Problem::new(&path, line, message));
        let Some((chapter_id, anchor)) = section.split_once('#') else {
            problem(format!(
                "slide section `{section}` must be `chapter-id#section-anchor`"
            ));
            continue;
        };
        let Some(index) = module.chapters.iter().position(|c| c.id == chapter_id) else {
            let known: Vec<&str> = module.chapters.iter().map(|c| c.id.as_str()).collect();
            problem(format!(
                "slide section `{section}`: module `{}` has no chapter `{chapter_id}` (it has {})",
                module.id,
                known.join(", ")
            ));
            continue;
        };
        let chapter = &mut module.chapters[index];
        if !chapter
            .sections
            .iter()
            .any(|s| !s.anchor.is_empty() && s.anchor == anchor)
        {
            let known: Vec<&str> = chapter
                .sections
                .iter()
                .filter(|s| !s.anchor.is_empty())
                .map(|s| s.anchor.as_str())
                .collect();
            problem(format!(
                "slide section `{section}`: chapter `{chapter_id}` has no `##` section `{anchor}` (it has {})",
                known.join(", ")
            ));
            continue;
        }
        if index < last_chapter {
            problem(format!(
                "slide {name} of chapter `{chapter_id}` comes after slides of chapter `{}`; slides follow the chapter order of module.toml",
                module.chapters[last_chapter].id
            ));
        }
        last_chapter = last_chapter.max(index);
        module.chapters[index].slides.push(Slide {
            anchor: anchor.to_string(),
            title: title.to_string(),
            points,
            points_source: raw.points.iter().map(|p| p.trim().to_string()).collect(),
            figure,
            figure_html,
        });
    }
    for chapter in &module.chapters {
        if chapter.slides.is_empty() {
            problems.push(Problem::new(
                &path,
                0,
                format!(
                    "chapter `{}` has no slide; give each chapter at least one",
                    chapter.id
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Chapter, ChapterKind, Section};

    fn section(anchor: &str) -> Section {
        Section {
            anchor: anchor.into(),
            title: anchor.into(),
            html: String::new(),
            notes_html: String::new(),
            text: String::new(),
            blocks: Vec::new(),
        }
    }

    fn chapter(id: &str, anchors: &[&str]) -> Chapter {
        Chapter {
            id: id.into(),
            title: id.into(),
            minutes: 10,
            kind: ChapterKind::Reading,
            path: format!("course/01-m/{id}.md"),
            sections: std::iter::once(section(""))
                .chain(anchors.iter().map(|a| section(a)))
                .collect(),
            slides: Vec::new(),
        }
    }

    fn module() -> Module {
        Module {
            id: "m".into(),
            title: "M".into(),
            summary: String::new(),
            chapters: vec![
                chapter("one", &["first", "second"]),
                chapter("two", &["third"]),
            ],
            quiz: None,
        }
    }

    /// The one figure the tests' slides can show, `itil-lifecycle`.
    fn figures() -> Figures {
        Figures::from_vec(vec![crate::Figure {
            id: "itil-lifecycle".into(),
            file: "figures/itil-lifecycle.svg".into(),
            alt: "A wheel of five stages".into(),
            caption: "The lifecycle".into(),
            svg: "<svg role=\"img\" aria-label=\"A wheel of five stages\"></svg>".into(),
        }])
    }

    /// Parses `src` as `course/01-m/slides.toml` of [`module`]; the problems as printed.
    fn run(src: &str) -> (Module, Vec<String>) {
        let files = Files::from_pairs([("course/01-m/slides.toml", src)]);
        let mut module = module();
        let mut problems = Vec::new();
        let listed = ["broken".to_string()];
        parse(
            &files,
            "course/01-m",
            &mut module,
            &figures(),
            &listed,
            &mut problems,
        );
        (module, problems.iter().map(ToString::to_string).collect())
    }

    fn check(src: &str, expected: &[&str]) {
        let (_, got) = run(src);
        assert_eq!(got, expected, "problems for:\n{src}");
    }

    const GOOD: &str = r#"
[[slide]]
section = "one#first"
title = "First things"
points = ["A **bold** cue", "Then `code`"]

[[slide]]
section = "one#second"
title = "Second"
points = ["One cue"]
figure = "itil-lifecycle"

[[slide]]
section = "two#third"
title = "Third"
points = ["*Stress* this"]
"#;

    #[test]
    fn good_slides_land_on_their_chapters_with_points_rendered() {
        let (module, problems) = run(GOOD);
        assert!(problems.is_empty(), "{problems:?}");
        let one = &module.chapters[0].slides;
        assert_eq!(one.len(), 2, "two slides for chapter one");
        assert_eq!(one[0].anchor, "first");
        assert_eq!(
            one[0].points,
            ["A <strong>bold</strong> cue", "Then <code>code</code>"]
        );
        assert_eq!(one[1].figure.as_deref(), Some("itil-lifecycle"));
        assert!(
            one[1].figure_html.starts_with(
                "<figure class=\"figure\" data-figure=\"itil-lifecycle\"><svg role=\"img\""
            ),
            "the slide carries the figure as the app shows it: {}",
            one[1].figure_html
        );
        assert!(one[0].figure_html.is_empty(), "no figure, no HTML");
        assert_eq!(
            module.chapters[1].slides[0].points,
            ["<em>Stress</em> this"]
        );
    }

    #[test]
    fn every_module_needs_its_slides() {
        let mut module = module();
        let mut problems = Vec::new();
        parse(
            &Files::default(),
            "course/01-m",
            &mut module,
            &figures(),
            &[],
            &mut problems,
        );
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            ["course/01-m/slides.toml: missing: every module has slides for the projector (see FORMAT.md, slides.toml)"]
        );
    }

    #[test]
    fn every_chapter_needs_a_slide() {
        check(
            "[[slide]]\nsection = \"one#first\"\ntitle = \"T\"\npoints = [\"p\"]\n",
            &["course/01-m/slides.toml: chapter `two` has no slide; give each chapter at least one"],
        );
        check(
            "",
            &["course/01-m/slides.toml: no slides: add a `[[slide]]` for each chapter"],
        );
    }

    #[test]
    fn the_section_must_exist_in_this_module() {
        let src = |section: &str| {
            format!(
                "{GOOD}\n[[slide]]\nsection = \"{section}\"\ntitle = \"Extra\"\npoints = [\"p\"]\n"
            )
        };
        check(
            &src("two"),
            &["course/01-m/slides.toml:19: slide section `two` must be `chapter-id#section-anchor`"],
        );
        check(
            &src("other#first"),
            &["course/01-m/slides.toml:19: slide section `other#first`: module `m` has no chapter `other` (it has one, two)"],
        );
        check(
            &src("two#nope"),
            &["course/01-m/slides.toml:19: slide section `two#nope`: chapter `two` has no `##` section `nope` (it has third)"],
        );
        // The text before the first `##` has an empty anchor: it is not a slide's section.
        check(
            &src("two#"),
            &["course/01-m/slides.toml:19: slide section `two#`: chapter `two` has no `##` section `` (it has third)"],
        );
    }

    #[test]
    fn forty_words_at_most() {
        let slide = |points: &str| {
            format!("{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"Four words in title\"\npoints = [{points}]\n")
        };
        let words = |n: usize| vec!["word"; n].join(" ");
        // 4 + 36 = 40: fits.
        check(&slide(&format!("\"{}\", \"{}\"", words(30), words(6))), &[]);
        // 4 + 37 = 41: one too many.
        check(
            &slide(&format!("\"{}\", \"{}\"", words(30), words(7))),
            &["course/01-m/slides.toml:19: slide “Four words in title” has 41 words (title and points); at most 40 are read from the back of a room"],
        );
        assert_eq!(
            word_count("A  title", &["one\ttwo\nthree".into(), " **x** ".into()]),
            6,
            "any whitespace separates words; markup is part of a word"
        );
    }

    #[test]
    fn one_to_five_points_none_empty_and_a_title() {
        let slide = |title: &str, points: &str| {
            format!("{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"{title}\"\npoints = [{points}]\n")
        };
        check(
            &slide("T", ""),
            &["course/01-m/slides.toml:19: slide “T” has 0 points; 1 to 5 are allowed"],
        );
        check(
            &slide("T", "\"a\", \"b\", \"c\", \"d\", \"e\", \"f\""),
            &["course/01-m/slides.toml:19: slide “T” has 6 points; 1 to 5 are allowed"],
        );
        check(
            &slide("T", "\"a\", \"  \""),
            &["course/01-m/slides.toml:19: point 2 of slide “T” is empty"],
        );
        check(
            &slide(" ", "\"a\""),
            &["course/01-m/slides.toml:19: the slide for `two#third` has an empty title"],
        );
    }

    #[test]
    fn points_are_plain_text_with_emphasis_only() {
        let slide = |point: &str| {
            format!(
                "{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"T\"\npoints = ['{point}']\n"
            )
        };
        for (point, what) in [
            ("See [the guide](https://example.org)", "a link"),
            ("![x](y.png)", "an image"),
            ("<b>raw</b> html", "HTML"),
            ("- a list", "a list"),
            ("# Heading", "a heading"),
        ] {
            let expected = format!(
                "course/01-m/slides.toml:19: point 1 of slide “T” has {what}; a point is plain text with **bold**, *emphasis* or `code`"
            );
            check(&slide(point), &[expected.as_str()]);
        }
        // Text that merely looks like markup stays text, escaped.
        let (module, problems) = run(&slide("Less < more & 3 > 2"));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            module.chapters[1].slides[1].points,
            ["Less &lt; more &amp; 3 &gt; 2"]
        );
    }

    #[test]
    fn unknown_keys_and_an_empty_figure_are_refused() {
        check(
            "[[slide]]\nsection = \"one#first\"\ntitle = \"T\"\npoints = [\"p\"]\nnotes = \"x\"\n",
            &["course/01-m/slides.toml:5: unknown field `notes`, expected one of `section`, `title`, `points`, `figure`"],
        );
        check(
            &format!("{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"T\"\npoints = [\"p\"]\nfigure = \" \"\n"),
            &["course/01-m/slides.toml:22: slide “T”: `figure` is empty; name a figure id or leave it out"],
        );
    }

    #[test]
    fn a_figure_must_be_listed_in_figures_toml() {
        check(
            &format!("{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"T\"\npoints = [\"p\"]\nfigure = \"nowhere\"\n"),
            &["course/01-m/slides.toml:22: slide “T”: unknown figure `nowhere`; list it in figures.toml"],
        );
        // A figure refused for a problem of its own is reported once, in its own file.
        check(
            &format!("{GOOD}\n[[slide]]\nsection = \"two#third\"\ntitle = \"T\"\npoints = [\"p\"]\nfigure = \"broken\"\n"),
            &[],
        );
    }

    #[test]
    fn slides_follow_the_chapter_order() {
        check(
            &format!("{GOOD}\n[[slide]]\nsection = \"one#first\"\ntitle = \"Back\"\npoints = [\"p\"]\n"),
            &["course/01-m/slides.toml:19: slide “Back” of chapter `one` comes after slides of chapter `two`; slides follow the chapter order of module.toml"],
        );
    }
}
