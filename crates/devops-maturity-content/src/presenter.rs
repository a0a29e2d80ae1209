//! Presenter mode's running order: the screens the projector steps through and what the notes
//! window shows beside each.
//!
//! The course is presented slide by slide (every chapter has slides: `content check` sees to
//! it); a facilitator cut presents the slides of its sections only, in the cut's order. The
//! projector shows a [`Frame`]'s slide; the notes window shows the same frame's section prose and
//! facilitator notes beside it. Pure: the shell keeps the position and the clock.

use serde::Serialize;

use crate::{Chapter, Course, CutSection, Module, PlannedBlock, Section, Slide};

/// One screen: a slide of a chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Screen {
    /// Index of the module in the course and of the chapter in the module.
    module: usize,
    chapter: usize,
    /// The section the slide presents.
    section: usize,
    slide: usize,
    /// The item of the facilitator cut this screen belongs to, in a cut's deck.
    cut_item: Option<usize>,
}

/// The screens of one presentation, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    screens: Vec<Screen>,
    /// The cut the deck was built from (its minutes per item); `None` for the whole course.
    cut: Option<Vec<CutSection>>,
}

/// What both windows show at one position of a deck.
#[derive(Debug, Clone, Serialize)]
pub struct Frame<'c> {
    /// 0-based position in the deck.
    pub position: usize,
    pub module_title: &'c str,
    pub chapter_id: &'c str,
    pub chapter_title: &'c str,
    /// "3 / 7": within the chapter for the whole course, within the deck for a cut.
    pub number: usize,
    pub count: usize,
    /// The slide to project.
    pub slide: &'c Slide,
    /// The section the slide presents: its prose and notes go to the notes window.
    pub section: &'c Section,
    pub previous_title: Option<String>,
    pub next_title: Option<String>,
    /// In a cut: the minutes this screen's section gets.
    pub cut_minutes: Option<u32>,
}

/// A presentation under way: its deck, where the projector is, and for a facilitator cut the
/// block's title and minutes (as the facilitator set them). The caller keeps the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    deck: Deck,
    at: usize,
    block: Option<(String, u32)>,
}

/// What the projector and the notes window show; `active` is false while presenter mode is off.
#[derive(Debug, Clone, Serialize)]
pub struct PresenterView<'c> {
    pub active: bool,
    pub frame: Option<Frame<'c>>,
    pub block_title: Option<String>,
    pub block_minutes: Option<u32>,
    /// Seconds since the presentation started (the cut's clock).
    pub elapsed_seconds: u64,
}

impl PresenterView<'_> {
    /// Presenter mode is off.
    pub fn off() -> Self {
        PresenterView {
            active: false,
            frame: None,
            block_title: None,
            block_minutes: None,
            elapsed_seconds: 0,
        }
    }
}

impl Presentation {
    /// The whole course, from chapter `chapter_id` (at its section `anchor`, if given).
    pub fn chapter(
        course: &Course,
        chapter_id: &str,
        anchor: Option<&str>,
    ) -> Result<Presentation, String> {
        let deck = Deck::course(course);
        let at = deck
            .find(course, chapter_id, anchor)
            .ok_or_else(|| format!("no chapter `{chapter_id}` to present"))?;
        Ok(Presentation {
            deck,
            at,
            block: None,
        })
    }

    /// The facilitator cut of a planned agenda block.
    pub fn cut(course: &Course, block: &PlannedBlock) -> Result<Presentation, String> {
        let deck = Deck::cut(course, &block.cut);
        if deck.is_empty() {
            return Err(format!(
                "“{}” has no facilitator cut to present",
                block.title
            ));
        }
        Ok(Presentation {
            deck,
            at: 0,
            block: Some((block.title.clone(), block.minutes)),
        })
    }

    /// Moves `by` screens (negative: back), staying inside the deck.
    pub fn step(&mut self, by: i64) {
        self.at = self.deck.step(self.at, by);
    }

    /// What to show now, `elapsed_seconds` after the start. `course` must be the one the
    /// presentation was built from.
    pub fn view<'c>(&self, course: &'c Course, elapsed_seconds: u64) -> PresenterView<'c> {
        let frame = self.deck.frame(course, self.at);
        PresenterView {
            active: frame.is_some(),
            frame,
            block_title: self.block.as_ref().map(|b| b.0.clone()),
            block_minutes: self.block.as_ref().map(|b| b.1),
            elapsed_seconds,
        }
    }
}

fn chapter_screens(module: usize, index: usize, chapter: &Chapter) -> Vec<Screen> {
    chapter
        .slides
        .iter()
        .enumerate()
        .filter_map(|(slide, s)| {
            let section = chapter.sections.iter().position(|x| x.anchor == s.anchor)?;
            Some(Screen {
                module,
                chapter: index,
                section,
                slide,
                cut_item: None,
            })
        })
        .collect()
}

impl Deck {
    /// Every screen of the course, chapter after chapter.
    pub fn course(course: &Course) -> Deck {
        let screens = course
            .modules
            .iter()
            .enumerate()
            .flat_map(|(m, module)| {
                module
                    .chapters
                    .iter()
                    .enumerate()
                    .flat_map(move |(c, chapter)| chapter_screens(m, c, chapter))
            })
            .collect();
        Deck { screens, cut: None }
    }

    /// The screens of a facilitator cut: the slides of each cut section, in the cut's order.
    /// Sections that do not exist or have no slide (content check refuses both) are left out.
    pub fn cut(course: &Course, cut: &[CutSection]) -> Deck {
        let mut screens = Vec::new();
        for (item, part) in cut.iter().enumerate() {
            let found = course.modules.iter().enumerate().find_map(|(m, module)| {
                let c = module.chapters.iter().position(|c| c.id == part.chapter)?;
                Some((m, c, &module.chapters[c]))
            });
            let Some((m, c, chapter)) = found else {
                continue;
            };
            screens.extend(
                chapter_screens(m, c, chapter)
                    .into_iter()
                    .filter(|s| chapter.sections[s.section].anchor == part.anchor)
                    .map(|s| Screen {
                        cut_item: Some(item),
                        ..s
                    }),
            );
        }
        Deck {
            screens,
            cut: Some(cut.to_vec()),
        }
    }

    pub fn len(&self) -> usize {
        self.screens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.screens.is_empty()
    }

    /// The first screen of chapter `chapter_id` at or after section `anchor` (its first screen
    /// when `anchor` is `None` or not found), if the deck shows that chapter.
    pub fn find(&self, course: &Course, chapter_id: &str, anchor: Option<&str>) -> Option<usize> {
        let of_chapter = |s: &Screen| course.modules[s.module].chapters[s.chapter].id == chapter_id;
        let first = self.screens.iter().position(of_chapter)?;
        let Some(anchor) = anchor else {
            return Some(first);
        };
        let chapter = self.chapter_of(course, &self.screens[first]).1;
        let Some(wanted) = chapter.sections.iter().position(|s| s.anchor == anchor) else {
            return Some(first);
        };
        Some(
            self.screens
                .iter()
                .position(|s| of_chapter(s) && s.section >= wanted)
                .unwrap_or(first),
        )
    }

    /// The position `step` screens from `at`, kept inside the deck.
    pub fn step(&self, at: usize, step: i64) -> usize {
        let last = self.screens.len().saturating_sub(1) as i64;
        (at as i64 + step).clamp(0, last) as usize
    }

    fn chapter_of<'c>(&self, course: &'c Course, s: &Screen) -> (&'c Module, &'c Chapter) {
        let module = &course.modules[s.module];
        (module, &module.chapters[s.chapter])
    }

    fn title<'c>(&self, course: &'c Course, s: &Screen) -> &'c str {
        &self.chapter_of(course, s).1.slides[s.slide].title
    }

    /// What to show at `at`; `None` past the end. `course` must be the one the deck was built
    /// from.
    pub fn frame<'c>(&self, course: &'c Course, at: usize) -> Option<Frame<'c>> {
        let screen = self.screens.get(at)?;
        let (module, chapter) = self.chapter_of(course, screen);
        let (number, count) = match self.cut {
            Some(_) => (at + 1, self.screens.len()),
            None => {
                let same = |s: &&Screen| s.module == screen.module && s.chapter == screen.chapter;
                let first = self.screens.iter().position(|s| same(&s)).unwrap_or(at);
                (at - first + 1, self.screens.iter().filter(same).count())
            }
        };
        let neighbour = |i: Option<usize>| {
            let other = self.screens.get(i?)?;
            let title = self.title(course, other);
            Some(
                if (other.module, other.chapter) == (screen.module, screen.chapter) {
                    title.to_string()
                } else {
                    let next_chapter = self.chapter_of(course, other).1;
                    format!("{title} ({})", next_chapter.title)
                },
            )
        };
        Some(Frame {
            position: at,
            module_title: &module.title,
            chapter_id: &chapter.id,
            chapter_title: &chapter.title,
            number,
            count,
            slide: &chapter.slides[screen.slide],
            section: &chapter.sections[screen.section],
            previous_title: neighbour(at.checked_sub(1)),
            next_title: neighbour(Some(at + 1)),
            cut_minutes: screen
                .cut_item
                .zip(self.cut.as_ref())
                .map(|(i, cut)| cut[i].minutes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChapterKind;

    fn section(anchor: &str) -> Section {
        Section {
            anchor: anchor.into(),
            title: anchor.to_uppercase(),
            html: format!("<p>{anchor} prose</p>"),
            notes_html: format!("<p>{anchor} notes</p>"),
            text: String::new(),
            blocks: Vec::new(),
        }
    }

    fn slide(anchor: &str, title: &str) -> Slide {
        Slide {
            anchor: anchor.into(),
            title: title.into(),
            points: vec!["a cue".into()],
            points_source: vec!["a cue".into()],
            figure: None,
            figure_html: String::new(),
        }
    }

    fn chapter(id: &str, anchors: &[&str], slides: Vec<Slide>) -> Chapter {
        Chapter {
            id: id.into(),
            title: format!("Chapter {id}"),
            minutes: 10,
            kind: ChapterKind::Reading,
            path: format!("{id}.md"),
            sections: anchors.iter().map(|a| section(a)).collect(),
            slides,
        }
    }

    /// Two slides for section `b`, none for `c` or for `z`'s untitled opening.
    fn course() -> Course {
        Course {
            title: "Course".into(),
            modules: vec![
                Module {
                    id: "m1".into(),
                    title: "One".into(),
                    summary: String::new(),
                    chapters: vec![
                        chapter(
                            "x",
                            &["a", "b"],
                            vec![slide("a", "A1"), slide("b", "B1"), slide("b", "B2")],
                        ),
                        chapter("y", &["c", "d"], vec![slide("d", "D1")]),
                    ],
                    quiz: None,
                },
                Module {
                    id: "m2".into(),
                    title: "Two".into(),
                    summary: String::new(),
                    chapters: vec![chapter("z", &["", "e"], vec![slide("e", "E1")])],
                    quiz: None,
                },
            ],
        }
    }

    /// Each frame as "chapter:title number/count".
    fn walk(deck: &Deck, course: &Course) -> Vec<String> {
        (0..deck.len())
            .map(|i| {
                let f = deck.frame(course, i).unwrap();
                format!(
                    "{}:{} {}/{}",
                    f.chapter_id, f.slide.title, f.number, f.count
                )
            })
            .collect()
    }

    #[test]
    fn the_course_is_presented_slide_by_slide() {
        let course = course();
        let deck = Deck::course(&course);
        assert_eq!(
            walk(&deck, &course),
            ["x:A1 1/3", "x:B1 2/3", "x:B2 3/3", "y:D1 1/1", "z:E1 1/1"],
            "every slide in order, counted within its chapter; sections without one are not shown"
        );
        let f = deck.frame(&course, 2).unwrap();
        assert_eq!(
            (f.section.anchor.as_str(), f.section.notes_html.as_str()),
            ("b", "<p>b notes</p>"),
            "a slide carries its section's prose and notes"
        );
        assert_eq!(f.previous_title.as_deref(), Some("B1"));
        assert_eq!(
            f.next_title.as_deref(),
            Some("D1 (Chapter y)"),
            "crossing into the next chapter says so"
        );
        assert_eq!(deck.frame(&course, 5).map(|f| f.position), None);
    }

    #[test]
    fn a_cut_presents_the_slides_of_its_sections_with_their_minutes() {
        let course = course();
        let cut = |chapter: &str, anchor: &str, minutes| CutSection {
            chapter: chapter.into(),
            anchor: anchor.into(),
            title: anchor.into(),
            minutes,
        };
        let deck = Deck::cut(
            &course,
            &[cut("y", "d", 4), cut("x", "b", 6), cut("z", "e", 2)],
        );
        assert_eq!(
            walk(&deck, &course),
            ["y:D1 1/4", "x:B1 2/4", "x:B2 3/4", "z:E1 4/4"],
            "the cut's order, every slide of each section, counted over the cut"
        );
        let minutes: Vec<Option<u32>> = (0..deck.len())
            .map(|i| deck.frame(&course, i).unwrap().cut_minutes)
            .collect();
        assert_eq!(minutes, [Some(4), Some(6), Some(6), Some(2)]);
        assert_eq!(
            Deck::course(&course).frame(&course, 0).unwrap().cut_minutes,
            None
        );
    }

    #[test]
    fn a_presentation_starts_steps_and_says_what_to_show() {
        let course = course();
        let mut p = Presentation::chapter(&course, "x", Some("b")).unwrap();
        assert_eq!(p.view(&course, 0).frame.unwrap().slide.title, "B1");
        p.step(2);
        let view = p.view(&course, 12);
        let frame = view.frame.unwrap();
        assert_eq!(
            (
                frame.chapter_id,
                frame.slide.title.as_str(),
                view.elapsed_seconds
            ),
            ("y", "D1", 12)
        );
        assert_eq!((view.block_title, view.block_minutes), (None, None));
        assert_eq!(
            Presentation::chapter(&course, "nope", None).unwrap_err(),
            "no chapter `nope` to present"
        );

        let mut block = crate::PlannedBlock {
            id: "b".into(),
            title: "Block".into(),
            kind: crate::BlockKind::Session,
            minutes: 20,
            default_minutes: 15,
            optional: false,
            enabled: true,
            start: None,
            end: None,
            module: None,
            chapter: None,
            cut: vec![CutSection {
                chapter: "z".into(),
                anchor: "e".into(),
                title: "E".into(),
                minutes: 5,
            }],
        };
        let view = Presentation::cut(&course, &block).unwrap().view(&course, 0);
        assert_eq!(
            (view.block_title.as_deref(), view.block_minutes, view.active),
            (Some("Block"), Some(20), true),
            "the block's minutes as the facilitator set them"
        );
        block.cut.clear();
        assert_eq!(
            Presentation::cut(&course, &block).unwrap_err(),
            "“Block” has no facilitator cut to present"
        );
        assert!(!PresenterView::off().active);
    }

    #[test]
    fn find_and_step_stay_inside_the_deck() {
        let course = course();
        let deck = Deck::course(&course);
        assert_eq!(deck.find(&course, "y", None), Some(3));
        assert_eq!(deck.find(&course, "x", Some("b")), Some(1));
        assert_eq!(
            deck.find(&course, "y", Some("c")),
            Some(3),
            "a section without a slide starts at the next slide"
        );
        assert_eq!(deck.find(&course, "nope", None), None);
        assert_eq!(deck.step(0, -1), 0);
        assert_eq!(deck.step(3, 1), 4);
        assert_eq!(deck.step(4, 3), 4);
    }
}
