//! From [`Files`] to [`Content`]: pure, no I/O. Every problem is collected and reported at
//! once, so an author fixes a whole folder in one round.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use crate::agenda::{parse_clock, CutSection};
use crate::course::{Chapter, Content, Course, Module};
use crate::exam::ExamSpec;
use crate::frontmatter::{self, FrontMatter};
use crate::glossary::TermMatcher;
use crate::markdown::{self, LinkContext};
use crate::quiz::{QuizOption, QuizQuestionKind};
use crate::toml_util::{is_kebab_id, line_of, parse_toml};
use crate::{
    Agenda, AgendaBlock, BlockKind, Files, Glossary, Problem, Problems, Quiz, QuizQuestion, Term,
};

pub const COURSE_FILE: &str = "course.toml";
pub const GLOSSARY_FILE: &str = "glossary.toml";
pub const AGENDA_FILE: &str = "agenda.toml";
pub const EXAM_FILE: &str = "exam.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCourse {
    title: String,
    modules: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModule {
    id: Spanned<String>,
    title: String,
    summary: String,
    chapters: Vec<Spanned<String>>,
    #[serde(default)]
    quiz: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    question: Vec<RawQuizQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuizQuestion {
    id: Spanned<String>,
    kind: QuizQuestionKind,
    prompt: String,
    #[serde(default)]
    option: Vec<QuizOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: Spanned<String>,
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    definition: String,
    #[serde(default)]
    chapter: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgenda {
    start: Spanned<String>,
    #[serde(default)]
    block: Vec<RawBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    id: Spanned<String>,
    title: String,
    kind: BlockKind,
    minutes: Spanned<u32>,
    #[serde(default)]
    module: Option<Spanned<String>>,
    #[serde(default)]
    chapter: Option<Spanned<String>>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    cut: Vec<RawCut>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCut {
    /// `chapter-id#section-anchor`
    section: Spanned<String>,
    minutes: Spanned<u32>,
}

/// A chapter whose front matter was read; rendered once every chapter path is known.
struct PendingChapter<'a> {
    module: usize,
    path: String,
    dir: String,
    front: FrontMatter,
    body: &'a str,
    body_line: usize,
}

/// Remembers where each id was first defined, to report duplicates with both places.
struct Ids<'a> {
    what: &'a str,
    seen: HashMap<String, (String, usize)>,
}

impl<'a> Ids<'a> {
    fn new(what: &'a str) -> Ids<'a> {
        Ids {
            what,
            seen: HashMap::new(),
        }
    }

    fn add(&mut self, id: &str, file: &str, line: usize, problems: &mut Vec<Problem>) -> bool {
        if let Some((first_file, first_line)) = self.seen.get(id) {
            problems.push(Problem::new(
                file,
                line,
                format!(
                    "duplicate {} id `{id}` (first defined at {first_file}:{first_line})",
                    self.what
                ),
            ));
            return false;
        }
        self.seen.insert(id.to_string(), (file.to_string(), line));
        true
    }

    fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }
}

fn spanned_line(src: &str, span: std::ops::Range<usize>) -> usize {
    line_of(src, span.start)
}

/// Parses and validates a whole content folder.
pub fn parse(files: &Files) -> Result<Content, Problems> {
    let mut problems = Vec::new();
    let content = parse_inner(files, &mut problems);
    problems.sort();
    problems.dedup();
    match content {
        Some(content) if problems.is_empty() => Ok(content),
        _ => Err(Problems(problems)),
    }
}

fn parse_inner(files: &Files, problems: &mut Vec<Problem>) -> Option<Content> {
    let Some(course_src) = files.get(COURSE_FILE) else {
        problems.push(Problem::new(
            COURSE_FILE,
            0,
            "missing: the course manifest lists the modules in order",
        ));
        return None;
    };
    let raw_course: Option<RawCourse> = parse_toml(COURSE_FILE, course_src, problems);

    let mut modules = Vec::new();
    let mut quizzes: Vec<Option<(String, String)>> = Vec::new();
    let mut module_dirs = Vec::new();
    let mut pending = Vec::new();
    let mut module_ids = Ids::new("module");
    let mut chapter_ids = Ids::new("chapter");
    let mut listed_chapters = std::collections::HashSet::new();
    // Every chapter whose front matter could be read is a link target, even a duplicate, so one
    // mistake is reported once and not again as broken links.
    let mut chapters_by_path: HashMap<String, String> = HashMap::new();

    for folder in raw_course
        .as_ref()
        .map(|c| c.modules.as_slice())
        .unwrap_or_default()
    {
        let folder_line = spanned_line(course_src, folder.span());
        let dir = format!("course/{}", folder.get_ref());
        let module_file = format!("{dir}/module.toml");
        let Some(module_src) = files.get(&module_file) else {
            problems.push(Problem::new(
                COURSE_FILE,
                folder_line,
                format!("module folder `{}` has no module.toml", folder.get_ref()),
            ));
            continue;
        };
        let Some(raw) = parse_toml::<RawModule>(&module_file, module_src, problems) else {
            continue;
        };
        let id_line = spanned_line(module_src, raw.id.span());
        if !is_kebab_id(raw.id.get_ref()) {
            problems.push(Problem::new(
                &module_file,
                id_line,
                format!("module id `{}` must be lowercase-kebab", raw.id.get_ref()),
            ));
        }
        module_ids.add(raw.id.get_ref(), &module_file, id_line, problems);
        let index = modules.len();
        for chapter in &raw.chapters {
            let path = format!("{dir}/{}", chapter.get_ref());
            listed_chapters.insert(path.clone());
            let Some(src) = files.get(&path) else {
                let line = spanned_line(module_src, chapter.span());
                problems.push(Problem::new(
                    &module_file,
                    line,
                    format!("chapter file `{}` does not exist", chapter.get_ref()),
                ));
                continue;
            };
            let Some(split) = frontmatter::split(&path, src, problems) else {
                continue;
            };
            chapters_by_path.insert(path.clone(), split.front.id.clone());
            if chapter_ids.add(&split.front.id, &path, split.front.id_line, problems) {
                pending.push(PendingChapter {
                    module: index,
                    dir: dir.clone(),
                    path,
                    front: split.front,
                    body: split.body,
                    body_line: split.body_line,
                });
            }
        }
        quizzes.push(
            raw.quiz
                .as_ref()
                .map(|q| (format!("{dir}/{}", q.get_ref()), module_file.clone())),
        );
        if let Some(quiz) = &raw.quiz {
            if files.get(&format!("{dir}/{}", quiz.get_ref())).is_none() {
                let line = spanned_line(module_src, quiz.span());
                problems.push(Problem::new(
                    &module_file,
                    line,
                    format!("quiz file `{}` does not exist", quiz.get_ref()),
                ));
            }
        }
        module_dirs.push(dir.clone());
        modules.push(Module {
            id: raw.id.into_inner(),
            title: raw.title,
            summary: raw.summary,
            chapters: Vec::new(),
            quiz: None,
        });
    }

    for path in files
        .paths()
        .filter(|p| p.starts_with("course/") && p.ends_with(".md"))
    {
        if !listed_chapters.contains(path) {
            problems.push(Problem::new(
                path,
                0,
                "chapter file is not listed in its module.toml",
            ));
        }
    }

    let glossary = parse_glossary(files, &chapter_ids, problems);
    let matcher = TermMatcher::new(&glossary);
    let (figures, listed_figures) = crate::figures::parse(files, problems);
    for chapter in pending {
        let ctx = LinkContext {
            chapter_id: &chapter.front.id,
            chapter_dir: &chapter.dir,
            chapters_by_path: &chapters_by_path,
            glossary: &glossary,
            matcher: &matcher,
            figures: &figures,
            listed_figures: &listed_figures,
        };
        let sections = markdown::render_chapter(
            &chapter.path,
            chapter.body,
            chapter.body_line,
            &ctx,
            problems,
        );
        modules[chapter.module].chapters.push(Chapter {
            id: chapter.front.id,
            title: chapter.front.title,
            minutes: chapter.front.minutes,
            kind: chapter.front.kind,
            path: chapter.path,
            sections,
            slides: Vec::new(),
        });
    }
    for (module, dir) in modules.iter_mut().zip(&module_dirs) {
        crate::slides::parse(files, dir, module, &figures, &listed_figures, problems);
    }

    unused_figures(&figures, &modules, files, problems);

    let mut question_ids = Ids::new("quiz question");
    for (module, quiz) in modules.iter_mut().zip(quizzes) {
        if let Some((path, _)) = quiz {
            module.quiz = parse_quiz(files, &path, &mut question_ids, problems);
        }
    }

    if let Some(message) =
        crate::quiz::true_false_balance(modules.iter().filter_map(|m| m.quiz.as_ref()))
    {
        problems.push(Problem::new(COURSE_FILE, 0, message));
    }
    let agenda = parse_agenda(files, &module_ids, &modules, problems);
    let chapter_set: std::collections::HashSet<String> = chapter_ids.seen.keys().cloned().collect();
    let assessment = crate::assessment::parse(files, &chapter_set, problems);
    let course = Course {
        title: raw_course?.title,
        modules,
    };
    let exam = parse_exam(files, &course, problems);
    Some(Content {
        course,
        glossary,
        agenda: agenda?,
        assessment: assessment?,
        exam,
        figures,
    })
}

/// A figure no chapter or slide shows is a figure nobody sees: every figure is placed where it
/// teaches.
fn unused_figures(
    figures: &crate::Figures,
    modules: &[Module],
    files: &Files,
    problems: &mut Vec<Problem>,
) {
    let Some(src) = files.get(crate::figures::FIGURES_FILE) else {
        return;
    };
    for figure in &figures.figures {
        let marker = format!("data-figure=\"{}\"", figure.id);
        let used = modules
            .iter()
            .flat_map(|m| &m.chapters)
            .flat_map(|c| &c.sections)
            .any(|s| s.html.contains(&marker) || s.notes_html.contains(&marker))
            || modules
                .iter()
                .flat_map(|m| &m.chapters)
                .flat_map(|c| &c.slides)
                .any(|s| s.figure.as_deref() == Some(figure.id.as_str()));
        if !used {
            let line = src
                .find(&format!("\"{}\"", figure.id))
                .map_or(0, |at| line_of(src, at));
            problems.push(Problem::new(
                crate::figures::FIGURES_FILE,
                line,
                format!(
                    "figure `{}` is not shown in any chapter or slide: add `![caption](figure:{})` where it teaches",
                    figure.id, figure.id
                ),
            ));
        }
    }
}

/// The mock exam is optional: a course without `exam.toml` has none.
fn parse_exam(files: &Files, course: &Course, problems: &mut Vec<Problem>) -> Option<ExamSpec> {
    let src = files.get(EXAM_FILE)?;
    let spec = parse_toml::<ExamSpec>(EXAM_FILE, src, problems)?;
    let found = crate::exam::spec_problems(&spec, course);
    let ok = found.is_empty();
    problems.extend(found.into_iter().map(|m| Problem::new(EXAM_FILE, 0, m)));
    ok.then_some(spec)
}

fn parse_glossary(files: &Files, chapter_ids: &Ids<'_>, problems: &mut Vec<Problem>) -> Glossary {
    let Some(src) = files.get(GLOSSARY_FILE) else {
        problems.push(Problem::new(
            GLOSSARY_FILE,
            0,
            "missing: the glossary defines the course's terms",
        ));
        return Glossary::default();
    };
    let Some(raw) = parse_toml::<RawGlossary>(GLOSSARY_FILE, src, problems) else {
        return Glossary::default();
    };
    let mut ids = Ids::new("glossary term");
    let mut texts = Ids::new("glossary term or alias");
    let mut terms = Vec::new();
    for term in raw.term {
        let line = spanned_line(src, term.id.span());
        let id = term.id.get_ref();
        if !is_kebab_id(id) {
            problems.push(Problem::new(
                GLOSSARY_FILE,
                line,
                format!("term id `{id}` must be lowercase-kebab"),
            ));
        }
        ids.add(id, GLOSSARY_FILE, line, problems);
        for text in std::iter::once(&term.term).chain(&term.aliases) {
            texts.add(&text.trim().to_lowercase(), GLOSSARY_FILE, line, problems);
        }
        if term.definition.trim().is_empty() {
            problems.push(Problem::new(
                GLOSSARY_FILE,
                line,
                format!("term `{id}` has an empty definition"),
            ));
        }
        if let Some(chapter) = &term.chapter {
            if !chapter_ids.contains(chapter.get_ref()) {
                let line = spanned_line(src, chapter.span());
                problems.push(Problem::new(
                    GLOSSARY_FILE,
                    line,
                    format!(
                        "term `{id}` points to unknown chapter `{}`",
                        chapter.get_ref()
                    ),
                ));
            }
        }
        terms.push(Term {
            id: term.id.into_inner(),
            term: term.term,
            aliases: term.aliases,
            definition: term.definition,
            chapter: term.chapter.map(Spanned::into_inner),
        });
    }
    Glossary { terms }
}

fn parse_quiz(
    files: &Files,
    path: &str,
    ids: &mut Ids<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Quiz> {
    let src = files.get(path)?;
    let raw = parse_toml::<RawQuiz>(path, src, problems)?;
    if raw.question.is_empty() {
        problems.push(Problem::new(
            path,
            0,
            "the knowledge check has no questions",
        ));
    }
    let mut questions = Vec::new();
    let mut lines = Vec::new();
    for q in raw.question {
        let line = spanned_line(src, q.id.span());
        lines.push(line);
        ids.add(q.id.get_ref(), path, line, problems);
        let question = QuizQuestion {
            id: q.id.into_inner(),
            kind: q.kind,
            prompt: q.prompt,
            options: q.option,
        };
        for message in question.shape_problems() {
            problems.push(Problem::new(path, line, message));
        }
        questions.push(question);
    }
    let quiz = Quiz { questions };
    for tell in quiz.tells() {
        let line = tell.question.map_or(0, |n| lines[n]);
        problems.push(Problem::new(path, line, tell.message));
    }
    Some(quiz)
}

/// A block's facilitator cut: every section exists in a chapter of the block's module, and the
/// sections' minutes fit the block's. Every session that teaches a module has one: the full
/// chapters of a module take far longer than its block (the 10:15 block held 317 minutes of
/// chapters in 60), so without a cut the facilitator has to choose in front of the room.
fn parse_cut(
    src: &str,
    block: &RawBlock,
    modules: &[Module],
    problems: &mut Vec<Problem>,
) -> Vec<CutSection> {
    let id = block.id.get_ref();
    let line = spanned_line(src, block.id.span());
    if block.kind != BlockKind::Session {
        if !block.cut.is_empty() {
            problems.push(Problem::new(
                AGENDA_FILE,
                line,
                format!("block `{id}` is not a session; only sessions have a facilitator cut"),
            ));
        }
        return Vec::new();
    }
    let module = block
        .module
        .as_ref()
        .and_then(|m| modules.iter().find(|x| &x.id == m.get_ref()));
    let Some(module) = module else {
        return Vec::new();
    };
    if block.cut.is_empty() {
        problems.push(Problem::new(
            AGENDA_FILE,
            line,
            format!(
                "session `{id}` teaches module `{}` but has no facilitator cut: list the sections to teach in its {} minutes",
                module.id,
                block.minutes.get_ref()
            ),
        ));
        return Vec::new();
    }
    let mut cut = Vec::new();
    for item in &block.cut {
        let item_line = spanned_line(src, item.section.span());
        let Some((chapter_id, anchor)) = item.section.get_ref().split_once('#') else {
            problems.push(Problem::new(
                AGENDA_FILE,
                item_line,
                format!(
                    "cut section `{}` must be `chapter-id#section-anchor`",
                    item.section.get_ref()
                ),
            ));
            continue;
        };
        let Some(chapter) = module.chapters.iter().find(|c| c.id == chapter_id) else {
            problems.push(Problem::new(
                AGENDA_FILE,
                item_line,
                format!(
                    "cut section `{}`: module `{}` has no chapter `{chapter_id}`",
                    item.section.get_ref(),
                    module.id
                ),
            ));
            continue;
        };
        let Some(section) = chapter.sections.iter().find(|s| s.anchor == anchor) else {
            let known: Vec<&str> = chapter.sections.iter().map(|s| s.anchor.as_str()).collect();
            problems.push(Problem::new(
                AGENDA_FILE,
                item_line,
                format!(
                    "cut section `{}`: chapter `{chapter_id}` has no section `{anchor}` (it has {})",
                    item.section.get_ref(),
                    known.join(", ")
                ),
            ));
            continue;
        };
        let module_has_slides = module.chapters.iter().any(|c| !c.slides.is_empty());
        if module_has_slides && !chapter.slides.iter().any(|s| s.anchor == anchor) {
            problems.push(Problem::new(
                AGENDA_FILE,
                item_line,
                format!(
                    "cut section `{}` has no slide in module `{}`'s slides.toml; presenter mode shows the cut's slides",
                    item.section.get_ref(),
                    module.id
                ),
            ));
        }
        if *item.minutes.get_ref() == 0 {
            problems.push(Problem::new(
                AGENDA_FILE,
                spanned_line(src, item.minutes.span()),
                format!(
                    "cut section `{}` needs at least 1 minute",
                    item.section.get_ref()
                ),
            ));
        }
        cut.push(CutSection {
            chapter: chapter.id.clone(),
            anchor: section.anchor.clone(),
            title: section.title.clone(),
            minutes: *item.minutes.get_ref(),
        });
    }
    let total: u32 = cut.iter().map(|c| c.minutes).sum();
    if total > *block.minutes.get_ref() {
        problems.push(Problem::new(
            AGENDA_FILE,
            line,
            format!(
                "the facilitator cut of `{id}` takes {total} minutes, more than the block's {}",
                block.minutes.get_ref()
            ),
        ));
    }
    cut
}

fn parse_agenda(
    files: &Files,
    module_ids: &Ids<'_>,
    modules: &[Module],
    problems: &mut Vec<Problem>,
) -> Option<Agenda> {
    let Some(src) = files.get(AGENDA_FILE) else {
        problems.push(Problem::new(
            AGENDA_FILE,
            0,
            "missing: the agenda lays out the course day",
        ));
        return None;
    };
    let raw = parse_toml::<RawAgenda>(AGENDA_FILE, src, problems)?;
    let start = parse_clock(raw.start.get_ref());
    if start.is_none() {
        let line = spanned_line(src, raw.start.span());
        problems.push(Problem::new(
            AGENDA_FILE,
            line,
            format!(
                "start `{}` must be a time such as 09:00",
                raw.start.get_ref()
            ),
        ));
    }
    let activity_chapters: HashMap<&str, bool> = modules
        .iter()
        .flat_map(|m| &m.chapters)
        .map(|c| (c.id.as_str(), c.kind == crate::ChapterKind::Activity))
        .collect();
    let mut ids = Ids::new("agenda block");
    let mut blocks = Vec::new();
    for block in raw.block {
        let line = spanned_line(src, block.id.span());
        ids.add(block.id.get_ref(), AGENDA_FILE, line, problems);
        if !(1..=480).contains(block.minutes.get_ref()) {
            let line = spanned_line(src, block.minutes.span());
            problems.push(Problem::new(
                AGENDA_FILE,
                line,
                format!(
                    "block `{}` lasts {} minutes; 1 to 480 are allowed",
                    block.id.get_ref(),
                    block.minutes.get_ref()
                ),
            ));
        }
        if let Some(module) = &block.module {
            if !module_ids.contains(module.get_ref()) {
                let line = spanned_line(src, module.span());
                problems.push(Problem::new(
                    AGENDA_FILE,
                    line,
                    format!(
                        "block `{}` names unknown module `{}`",
                        block.id.get_ref(),
                        module.get_ref()
                    ),
                ));
            }
        }
        match (&block.chapter, block.kind) {
            (Some(chapter), _) => match activity_chapters.get(chapter.get_ref().as_str()) {
                None => {
                    let line = spanned_line(src, chapter.span());
                    problems.push(Problem::new(
                        AGENDA_FILE,
                        line,
                        format!(
                            "block `{}` names unknown chapter `{}`",
                            block.id.get_ref(),
                            chapter.get_ref()
                        ),
                    ));
                }
                Some(false) if block.kind == BlockKind::Activity => {
                    let line = spanned_line(src, chapter.span());
                    problems.push(Problem::new(
                        AGENDA_FILE,
                        line,
                        format!(
                            "activity block `{}` must point to a chapter with `kind: activity`",
                            block.id.get_ref()
                        ),
                    ));
                }
                Some(_) => {}
            },
            (None, BlockKind::Activity) => {
                problems.push(Problem::new(
                    AGENDA_FILE,
                    line,
                    format!(
                        "activity block `{}` needs a `chapter` with its instructions",
                        block.id.get_ref()
                    ),
                ));
            }
            (None, _) => {}
        }
        let cut = parse_cut(src, &block, modules, problems);
        blocks.push(AgendaBlock {
            cut,
            id: block.id.into_inner(),
            title: block.title,
            kind: block.kind,
            minutes: block.minutes.into_inner(),
            module: block.module.map(Spanned::into_inner),
            chapter: block.chapter.map(Spanned::into_inner),
            optional: block.optional,
        });
    }
    Some(Agenda {
        start: start?,
        blocks,
    })
}
