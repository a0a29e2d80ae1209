//! The one place that turns Markdown into HTML (pulldown-cmark, configured here only).
//!
//! What the renderer guarantees, whatever the Markdown says:
//! - raw HTML is shown as text, never passed through;
//! - links go only to chapters of the course, glossary terms or anchors; external `http(s)`
//!   links become plain text with the address in a tooltip (the app has no network), and any
//!   other scheme (`javascript:`, `data:`, `file:` …) is dropped, keeping the link text;
//! - images are never loaded: their alt text is shown instead; the one exception is a course
//!   figure, `![caption](figure:ID)` alone in its paragraph, which becomes the `<figure>` that
//!   [`crate::figures`] holds (an SVG written anew by [`crate::svg`], never a file reference);
//! - every heading gets an id; the first plain use of each glossary term links to it.
//!
//! A chapter is cut into sections at its `##` headings (one presenter screen each), and
//! `::: facilitator` … `:::` containers are lifted out into the section's notes.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::glossary::TermMatcher;
use crate::{Block, Figures, Glossary, Problem, Section};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// What links in a chapter can point to.
pub(crate) struct LinkContext<'a> {
    pub chapter_id: &'a str,
    /// Folder of the chapter's file, relative to the content root (e.g. `course/04-x`).
    pub chapter_dir: &'a str,
    /// Content-relative chapter path → chapter id.
    pub chapters_by_path: &'a HashMap<String, String>,
    pub glossary: &'a Glossary,
    pub matcher: &'a TermMatcher,
    /// The figures that passed their checks.
    pub figures: &'a Figures,
    /// Every figure id listed in `figures.toml`, even one with a problem of its own.
    pub listed_figures: &'a [String],
}

/// Renders Markdown from an untrusted source (no chapter links, no glossary) with the same
/// rules as the course. Used for short texts and to test the renderer's guarantees.
pub fn render_fragment(markdown: &str) -> String {
    let glossary = Glossary::default();
    let matcher = TermMatcher::new(&glossary);
    let chapters = HashMap::new();
    let figures = Figures::default();
    let ctx = LinkContext {
        chapter_id: "",
        chapter_dir: "",
        chapters_by_path: &chapters,
        glossary: &glossary,
        matcher: &matcher,
        figures: &figures,
        listed_figures: &[],
    };
    let lines: Vec<usize> = (1..=markdown.lines().count().max(1)).collect();
    let mut state = ChapterState::default();
    render(
        markdown,
        &lines,
        "fragment",
        &ctx,
        &mut state,
        &mut Vec::new(),
    )
    .html
}

/// Renders one slide point: inline `**bold**`, `*emphasis*` and `` `code` `` only, every other
/// character as text. Anything else (a link, an image, HTML, a list …) is refused with what it
/// is, so the projector never shows a broken or live element.
pub fn render_point(markdown: &str) -> Result<String, &'static str> {
    let mut html = String::new();
    let mut paragraphs = 0;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return Err("a paragraph break");
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Text(text) => html.push_str(&escape(&text)),
            Event::Code(code) => {
                html.push_str("<code>");
                html.push_str(&escape(&code));
                html.push_str("</code>");
            }
            Event::SoftBreak | Event::HardBreak => html.push(' '),
            Event::Start(Tag::Strong) => html.push_str("<strong>"),
            Event::End(TagEnd::Strong) => html.push_str("</strong>"),
            Event::Start(Tag::Emphasis) => html.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => html.push_str("</em>"),
            Event::Start(Tag::Link { .. }) => return Err("a link"),
            Event::Start(Tag::Image { .. }) => return Err("an image"),
            Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) => {
                return Err("HTML")
            }
            Event::Start(Tag::List(_) | Tag::Item) => return Err("a list"),
            Event::Start(Tag::Heading { .. }) => return Err("a heading"),
            Event::Start(Tag::CodeBlock(_)) => return Err("a code block"),
            Event::Start(Tag::BlockQuote(_)) => return Err("a quote"),
            Event::Start(Tag::Table(_)) => return Err("a table"),
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => {
                return Err("a footnote")
            }
            Event::Start(Tag::Strikethrough) => return Err("strikethrough"),
            Event::Rule => return Err("a rule"),
            _ => return Err("markup other than bold, emphasis or code"),
        }
    }
    Ok(html.trim().to_string())
}

/// Splits a chapter body into sections and renders each. Problems (broken links, raw HTML,
/// unclosed containers …) are recorded with the line in `file`.
pub(crate) fn render_chapter(
    file: &str,
    body: &str,
    body_line: usize,
    ctx: &LinkContext<'_>,
    problems: &mut Vec<Problem>,
) -> Vec<Section> {
    let mut state = ChapterState::default();
    split_sections(file, body, body_line, problems)
        .into_iter()
        .map(|raw| {
            let body = render(&raw.body, &raw.body_lines, file, ctx, &mut state, problems);
            let notes = render(
                &raw.notes,
                &raw.notes_lines,
                file,
                ctx,
                &mut state,
                problems,
            );
            let (anchor, title) = body.headings.into_iter().next().unwrap_or_default();
            let mut text = body.text;
            if !notes.text.is_empty() {
                text.push(' ');
                text.push_str(&notes.text);
            }
            Section {
                anchor,
                title,
                html: body.html,
                notes_html: notes.html,
                text,
                blocks: print_blocks(&raw.body),
            }
        })
        .filter(|s| !(s.title.is_empty() && s.html.trim().is_empty() && s.notes_html.is_empty()))
        .collect()
}

/// A section's Markdown as plain [`Block`]s for print, with the same parser options as the
/// HTML (the section's own `##` heading is left out: it is the section's title).
pub(crate) fn print_blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut text = String::new();
    // Open lists, innermost last: ordered or not; the items of the outermost one.
    let mut lists: Vec<bool> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut table: Option<(Vec<String>, Vec<Vec<String>>)> = None;
    let mut row: Vec<String> = Vec::new();
    let mut heading: Option<HeadingLevel> = None;
    let take = |text: &mut String| {
        let t = std::mem::take(text);
        t.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" \n", "\n")
            .replace("\n ", "\n")
    };
    let push_item = |text: &mut String, items: &mut Vec<String>, depth: usize| {
        let t = take(text);
        if !t.is_empty() {
            let prefix = "– ".repeat(depth.saturating_sub(1));
            items.push(format!("{prefix}{t}"));
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let t = take(&mut text);
                if heading.take().is_some_and(|l| l > HeadingLevel::H2) && !t.is_empty() {
                    blocks.push(Block::Heading(t));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() && table.is_none() {
                    let t = take(&mut text);
                    if !t.is_empty() {
                        blocks.push(Block::Paragraph(t));
                    }
                } else {
                    text.push(' ');
                }
            }
            Event::Start(Tag::List(start)) => {
                push_item(&mut text, &mut items, lists.len());
                lists.push(start.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(ordered) = lists.pop() {
                    if lists.is_empty() {
                        blocks.push(Block::List {
                            ordered,
                            items: std::mem::take(&mut items),
                        });
                    }
                }
            }
            Event::End(TagEnd::Item) => push_item(&mut text, &mut items, lists.len()),
            Event::Start(Tag::Table(_)) => table = Some((Vec::new(), Vec::new())),
            Event::End(TagEnd::TableCell) => row.push(take(&mut text)),
            Event::End(TagEnd::TableHead) => {
                if let Some((header, _)) = table.as_mut() {
                    *header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some((_, rows)) = table.as_mut() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((header, rows)) = table.take() {
                    blocks.push(Block::Table { header, rows });
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let code = std::mem::take(&mut text);
                blocks.push(Block::Code(code.trim_end().to_string()));
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    let rest = take(&mut text);
    if !rest.is_empty() {
        blocks.push(Block::Paragraph(rest));
    }
    blocks
}

/// Ids of chapters linked from a chapter are resolved against this normalised path.
pub(crate) fn resolve_path(dir: &str, link: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// A section before rendering: its Markdown and, per line, the line in the file.
#[derive(Default)]
struct RawSection {
    body: String,
    body_lines: Vec<usize>,
    notes: String,
    notes_lines: Vec<usize>,
}

fn split_sections(
    file: &str,
    body: &str,
    first_line: usize,
    problems: &mut Vec<Problem>,
) -> Vec<RawSection> {
    let mut sections = vec![RawSection::default()];
    let mut fence: Option<&str> = None;
    let mut notes_open: Option<usize> = None;
    for (i, line) in body.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(rest) = trimmed.strip_prefix(":::") {
            match (rest.trim(), notes_open) {
                ("facilitator", None) => notes_open = Some(line_no),
                ("", Some(_)) => notes_open = None,
                ("facilitator", Some(open)) => problems.push(Problem::new(
                    file,
                    line_no,
                    format!("`::: facilitator` inside the container opened at line {open}; close it first with `:::`"),
                )),
                ("", None) => problems.push(Problem::new(file, line_no, "`:::` closes nothing")),
                (other, _) => problems.push(Problem::new(
                    file,
                    line_no,
                    format!("unknown container `::: {other}`; only `::: facilitator` is supported"),
                )),
            }
            continue;
        } else if notes_open.is_none() && line.starts_with("## ") {
            sections.push(RawSection::default());
        }
        let current = sections.last_mut().expect("sections starts non-empty");
        let (text, lines) = if notes_open.is_some() {
            (&mut current.notes, &mut current.notes_lines)
        } else {
            (&mut current.body, &mut current.body_lines)
        };
        text.push_str(line);
        text.push('\n');
        lines.push(line_no);
    }
    if let Some(open) = notes_open {
        problems.push(Problem::new(
            file,
            open,
            "`::: facilitator` is never closed with `:::`",
        ));
    }
    sections
}

#[derive(Default)]
struct ChapterState {
    linked_terms: HashSet<usize>,
    anchors: HashSet<String>,
    /// Footnote labels in the order the chapter first uses them: a note's number is its place
    /// here, its ids `fn-N` (the note) and `fnref-N` (where the text first points to it).
    footnotes: Vec<String>,
}

impl ChapterState {
    /// The number of the footnote `label` (from 1), and whether this is its first use.
    fn footnote(&mut self, label: &str) -> (usize, bool) {
        match self.footnotes.iter().position(|l| l == label) {
            Some(i) => (i + 1, false),
            None => {
                self.footnotes.push(label.to_string());
                (self.footnotes.len(), true)
            }
        }
    }
}

struct Rendered {
    html: String,
    text: String,
    headings: Vec<(String, String)>,
}

/// What to write when a link closes.
enum Close {
    Anchor,
    Span,
    Nothing,
}

fn render(
    markdown: &str,
    line_map: &[usize],
    file: &str,
    ctx: &LinkContext<'_>,
    state: &mut ChapterState,
    problems: &mut Vec<Problem>,
) -> Rendered {
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Event<'_>>, String)> = None;
    let mut closes: Vec<Close> = Vec::new();
    let (mut in_code, mut in_image) = (0usize, 0usize);
    // A figure being read: its id, caption so far, line, and whether it opened a paragraph
    // of its own (whose `<p>` was taken back).
    let mut figure: Option<(String, String, usize, bool)> = None;
    // After a stand-alone figure, its paragraph's `</p>` is due next.
    let mut figure_paragraph_end = false;
    let line_at = |offset: usize| {
        let line = markdown.as_bytes()[..offset.min(markdown.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        line_map.get(line).copied().unwrap_or(0)
    };

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let mut emitted: Vec<Event<'_>> = Vec::new();
        if std::mem::take(&mut figure_paragraph_end) {
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                continue;
            }
            problems.push(Problem::new(
                file,
                line_at(range.start),
                "a figure stands in a paragraph of its own: put a blank line after it",
            ));
            out.push(Event::Html("<p>".into()));
        }
        if let Some((_, caption, _, _)) = figure.as_mut() {
            match event {
                Event::End(TagEnd::Image) if in_image == 1 => {
                    in_image = 0;
                    let (id, caption, line, alone) = figure.take().expect("a figure is open");
                    match ctx.figures.get(&id) {
                        Some(fig) if alone => {
                            text.push_str(&fig.alt);
                            text.push(' ');
                            text.push_str(if caption.trim().is_empty() {
                                &fig.caption
                            } else {
                                &caption
                            });
                            text.push(' ');
                            out.push(Event::Html(fig.html(&caption).into()));
                            figure_paragraph_end = true;
                        }
                        Some(_) => {
                            problems.push(Problem::new(
                                file,
                                line,
                                format!("figure `{id}` must stand in a paragraph of its own (blank lines around it)"),
                            ));
                            out.push(Event::Text(caption.into()));
                        }
                        None => {
                            if !ctx.listed_figures.contains(&id) {
                                problems.push(Problem::new(
                                    file,
                                    line,
                                    format!("unknown figure `{id}`: list it in figures.toml"),
                                ));
                            }
                            if alone {
                                out.push(Event::Start(Tag::Paragraph));
                            }
                            out.push(Event::Text(caption.into()));
                        }
                    }
                }
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image -= 1,
                Event::Text(t) | Event::Code(t) => caption.push_str(&t),
                Event::SoftBreak | Event::HardBreak => caption.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new(), String::new()));
                continue;
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((_, inner, title)) = heading.take() else {
                    continue;
                };
                let anchor = unique_anchor(&mut state.anchors, &title);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(anchor.clone().into()),
                    classes: vec![],
                    attrs: vec![],
                }));
                out.extend(inner);
                out.push(Event::End(TagEnd::Heading(level)));
                text.push_str(&title);
                text.push(' ');
                headings.push((anchor, title));
                continue;
            }
            Event::Start(Tag::HtmlBlock) => emitted.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => emitted.push(Event::End(TagEnd::Paragraph)),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                problems.push(Problem::new(
                    file,
                    line_at(range.start),
                    "raw HTML is not allowed in content; it is shown as text",
                ));
                text.push_str(&raw);
                emitted.push(Event::Text(raw));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let (open, close) = link_open(
                    &dest_url,
                    link_type,
                    ctx,
                    file,
                    line_at(range.start),
                    problems,
                );
                if let Some(open) = open {
                    emitted.push(Event::Html(open.into()));
                }
                closes.push(close);
            }
            Event::End(TagEnd::Link) => match closes.pop() {
                Some(Close::Anchor) => emitted.push(Event::Html("</a>".into())),
                Some(Close::Span) => emitted.push(Event::Html("</span>".into())),
                _ => {}
            },
            Event::Start(Tag::Image { dest_url, .. })
                if dest_url.starts_with("figure:") && heading.is_none() =>
            {
                let alone =
                    matches!(out.last(), Some(Event::Start(Tag::Paragraph))) && closes.is_empty();
                if alone {
                    out.pop();
                }
                in_image = 1;
                figure = Some((
                    dest_url["figure:".len()..].to_string(),
                    String::new(),
                    line_at(range.start),
                    alone,
                ));
                continue;
            }
            Event::Start(Tag::Image { .. }) => {
                problems.push(Problem::new(
                    file,
                    line_at(range.start),
                    "images are not supported; the alt text is shown instead",
                ));
                in_image += 1;
                emitted.push(Event::Html("<span class=\"image-alt\">".into()));
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                emitted.push(Event::Html("</span>".into()));
            }
            // Footnotes get ids of their own and a way back. The links are in-page (`#fn-1`),
            // which the app's router leaves alone: it scrolls to the note (ui/js/app.js).
            Event::FootnoteReference(label) => {
                let (n, first) = state.footnote(&label);
                let id = if first {
                    format!(" id=\"fnref-{n}\"")
                } else {
                    String::new()
                };
                emitted.push(Event::Html(
                    format!("<sup class=\"footnote-reference\"{id}><a href=\"#fn-{n}\">{n}<span class=\"visually-hidden\"> (note)</span></a></sup>").into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (n, _) = state.footnote(&label);
                emitted.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"fn-{n}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{n}\" class=\"footnote-back\">{n}<span class=\"visually-hidden\"> (back to the text)</span></a></sup>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                emitted.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code += 1;
                emitted.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                emitted.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(t) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&t);
                    emitted.push(Event::Text(t));
                } else {
                    text.push_str(&t);
                    text.push(' ');
                    if closes.is_empty() && in_code == 0 && in_image == 0 {
                        link_terms(t, ctx, state, &mut emitted);
                    } else {
                        emitted.push(Event::Text(t));
                    }
                }
            }
            Event::Code(c) => {
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(&c);
                } else {
                    text.push_str(&c);
                    text.push(' ');
                }
                emitted.push(Event::Code(c));
            }
            other => emitted.push(other),
        }
        match heading.as_mut() {
            Some((_, inner, _)) => inner.extend(emitted),
            None => out.extend(emitted),
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered {
        html,
        text: text.trim_end().to_string(),
        headings,
    }
}

fn link_open(
    dest: &str,
    link_type: LinkType,
    ctx: &LinkContext<'_>,
    file: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> (Option<String>, Close) {
    if matches!(link_type, LinkType::Email) {
        return (None, Close::Nothing);
    }
    if let Some(id) = dest.strip_prefix("glossary:") {
        return match ctx.glossary.terms.iter().position(|t| t.id == id) {
            Some(i) => (Some(ctx.matcher.links[i].clone()), Close::Anchor),
            None => {
                problems.push(Problem::new(
                    file,
                    line,
                    format!("link to unknown glossary term `{id}`"),
                ));
                (None, Close::Nothing)
            }
        };
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        let href = format!("#/chapter/{}/{}", ctx.chapter_id, anchor);
        return (
            Some(format!("<a href=\"{}\">", escape(&href))),
            Close::Anchor,
        );
    }
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return (
            Some(format!(
                "<span class=\"external-link\" title=\"{}\">",
                escape(dest)
            )),
            Close::Span,
        );
    }
    let (path, fragment) = dest.split_once('#').unwrap_or((dest, ""));
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if !has_scheme && path.ends_with(".md") {
        let target = resolve_path(ctx.chapter_dir, path);
        return match ctx.chapters_by_path.get(&target) {
            Some(id) => {
                let href = if fragment.is_empty() {
                    format!("#/chapter/{id}")
                } else {
                    format!("#/chapter/{id}/{fragment}")
                };
                (
                    Some(format!("<a href=\"{}\">", escape(&href))),
                    Close::Anchor,
                )
            }
            None => {
                problems.push(Problem::new(
                    file,
                    line,
                    format!("link to `{dest}` does not match any chapter of the course"),
                ));
                (None, Close::Nothing)
            }
        };
    }
    problems.push(Problem::new(file, line, format!("link target `{dest}` is not allowed; link to a chapter (`file.md`), a glossary term (`glossary:id`) or an `https://` address")));
    (None, Close::Nothing)
}

pub(crate) fn term_link(id: &str, definition: &str) -> String {
    format!(
        "<a class=\"term\" href=\"#/glossary/{id}\" data-term=\"{id}\" title=\"{}\">",
        escape(definition),
        id = escape(id)
    )
}

/// Writes `text`, linking the first plain use of each glossary term in the chapter.
fn link_terms<'a>(
    text: CowStr<'a>,
    ctx: &LinkContext<'_>,
    state: &mut ChapterState,
    out: &mut Vec<Event<'a>>,
) {
    let mut chosen = ctx
        .matcher
        .find(&text, |term| state.linked_terms.contains(&term));
    // A term found twice in the same text is linked at its first use only.
    let mut seen = HashSet::new();
    chosen.retain(|m| seen.insert(m.term));
    if chosen.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut last = 0;
    for m in chosen {
        state.linked_terms.insert(m.term);
        if m.start > last {
            out.push(Event::Text(slice(&text, last, m.start)));
        }
        out.push(Event::Html(ctx.matcher.links[m.term].clone().into()));
        out.push(Event::Text(slice(&text, m.start, m.end)));
        out.push(Event::Html("</a>".into()));
        last = m.end;
    }
    if last < text.len() {
        out.push(Event::Text(slice(&text, last, text.len())));
    }
}

/// Part of a text event, borrowing from the Markdown source when the event does.
fn slice<'a>(text: &CowStr<'a>, start: usize, end: usize) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[start..end]),
        other => other[start..end].to_string().into(),
    }
}

fn unique_anchor(taken: &mut HashSet<String>, title: &str) -> String {
    let base = slug(title);
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut anchor = base.clone();
    let mut n = 2;
    while !taken.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

/// Lowercase words joined by `-`: "What you will be able to do" → `what-you-will-be-able-to-do`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_')
            && !out.is_empty()
            && !out.ends_with('-')
        {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Escapes text for an HTML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = render_fragment(
            "Hello <script>alert(1)</script>\n\n<div onclick=\"x()\">block</div>\n",
        );
        assert!(
            !html.contains("<script"),
            "script tag must be escaped: {html}"
        );
        assert!(!html.contains("<div"), "block HTML must be escaped: {html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "the text stays visible: {html}"
        );
    }

    #[test]
    fn dangerous_links_and_remote_images_are_neutralised() {
        let html = render_fragment("[click](javascript:alert(1)) and ![logo](https://evil.example/x.png) and [site](https://example.org)");
        assert!(
            !html.contains("javascript:"),
            "javascript link dropped: {html}"
        );
        assert!(!html.contains("<img"), "no image is loaded: {html}");
        assert!(html.contains("click"), "link text kept: {html}");
        assert!(
            html.contains("<span class=\"image-alt\">logo</span>"),
            "alt text shown: {html}"
        );
        assert!(
            !html.contains("<a "),
            "external address is not a live link: {html}"
        );
    }

    #[test]
    fn print_blocks_keep_text_tables_and_lists_without_markup() {
        let md = "## Setup\n\n- **Time:** 20 minutes\n- Groups of [four](fact-sheet.md)\n  1. inner\n\n### Part 1\n\nSee <b>this</b> and ![a chart](x.png).\n\n| A | B |\n|---|---|\n| one | |\n\n```\nkeep  this\n```\n";
        assert_eq!(
            print_blocks(md),
            vec![
                Block::List {
                    ordered: false,
                    items: vec![
                        "Time: 20 minutes".into(),
                        "Groups of four".into(),
                        "– inner".into()
                    ]
                },
                Block::Heading("Part 1".into()),
                Block::Paragraph("See <b>this</b> and a chart.".into()),
                Block::Table {
                    header: vec!["A".into(), "B".into()],
                    rows: vec![vec!["one".into(), String::new()]]
                },
                Block::Code("keep  this".into()),
            ],
            "the ## heading is the section's title, not a block; emphasis and links keep their text"
        );
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = render_fragment("## Key points\n\ntext\n\n## Key points\n");
        assert!(html.contains("<h2 id=\"key-points\">"), "{html}");
        assert!(html.contains("<h2 id=\"key-points-2\">"), "{html}");
    }

    #[test]
    fn tables_and_footnotes_are_on() {
        let html =
            render_fragment("| a | b |\n|---|---|\n| 1 | 2 |\n\nA note.[^1]\n\n[^1]: The note.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn footnotes_are_numbered_and_link_both_ways() {
        let html = render_fragment(
            "First.[^src] Second.[^b] Again.[^src]\n\n[^b]: Note b.\n\n[^src]: Note src.\n",
        );
        // The text points to the note, and the note's number back to where it was first used.
        assert_eq!(html.matches("<a href=\"#fn-1\">1").count(), 2, "{html}");
        assert_eq!(html.matches("id=\"fnref-1\"").count(), 1, "one id: {html}");
        assert!(
            html.contains("<sup class=\"footnote-reference\" id=\"fnref-2\"><a href=\"#fn-2\">2"),
            "{html}"
        );
        assert!(
            html.contains("<div class=\"footnote-definition\" id=\"fn-1\">"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"#fnref-1\" class=\"footnote-back\">1"),
            "{html}"
        );
        assert!(
            html.find("id=\"fn-2\"").unwrap() < html.find("id=\"fn-1\"").unwrap(),
            "notes stay where they are written; their numbers follow the text: {html}"
        );
        assert!(html.contains("Note src."), "{html}");
    }

    #[test]
    fn sections_split_at_h2_and_notes_are_lifted_out() {
        let body = "Intro line.\n\n## One\n\nText one.\n\n::: facilitator\nSecret note.\n:::\n\n```\n## not a heading\n```\n\n## Two\n\nText two.\n";
        let mut problems = Vec::new();
        let glossary = Glossary::default();
        let matcher = TermMatcher::new(&glossary);
        let chapters = HashMap::new();
        let figures = Figures::default();
        let ctx = LinkContext {
            chapter_id: "c",
            chapter_dir: "course/x",
            chapters_by_path: &chapters,
            glossary: &glossary,
            matcher: &matcher,
            figures: &figures,
            listed_figures: &[],
        };
        let sections = render_chapter("c.md", body, 6, &ctx, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(
            titles,
            ["", "One", "Two"],
            "a fenced ## is not a section break"
        );
        assert!(sections[1].notes_html.contains("Secret note."));
        assert!(
            !sections[1].html.contains("Secret note."),
            "notes never appear in the projected body"
        );
    }

    #[test]
    fn unclosed_and_unknown_containers_are_reported_with_lines() {
        let mut problems = Vec::new();
        split_sections(
            "c.md",
            "a\n::: warning\nb\n::: facilitator\nc\n",
            10,
            &mut problems,
        );
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "c.md:11: unknown container `::: warning`; only `::: facilitator` is supported",
                "c.md:13: `::: facilitator` is never closed with `:::`",
            ]
        );
    }

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(
            resolve_path("course/04-a", "../05-b/x.md"),
            "course/05-b/x.md"
        );
        assert_eq!(resolve_path("course/04-a", "./y.md"), "course/04-a/y.md");
    }
}

#[cfg(test)]
mod figure_tests {
    use super::*;
    use crate::Figure;

    fn render_with_figure(markdown: &str, listed: &[String]) -> (String, Vec<String>) {
        let glossary = Glossary::default();
        let matcher = TermMatcher::new(&glossary);
        let chapters = HashMap::new();
        let figures = Figures::from_vec(vec![Figure {
            id: "loop".into(),
            file: "figures/loop.svg".into(),
            alt: "A loop of four arrows".into(),
            caption: "The loop".into(),
            svg: "<svg role=\"img\" aria-label=\"A loop of four arrows\"></svg>".into(),
        }]);
        let ctx = LinkContext {
            chapter_id: "c",
            chapter_dir: "course/x",
            chapters_by_path: &chapters,
            glossary: &glossary,
            matcher: &matcher,
            figures: &figures,
            listed_figures: listed,
        };
        let mut problems = Vec::new();
        let sections = render_chapter("c.md", markdown, 1, &ctx, &mut problems);
        let html = sections.iter().map(|s| s.html.as_str()).collect();
        (html, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_figure_alone_in_its_paragraph_becomes_a_figure_block() {
        let (html, problems) = render_with_figure(
            "Before.\n\n![The **loop** here](figure:loop)\n\nAfter.\n",
            &[],
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            html,
            "<p>Before.</p>\n<figure class=\"figure\" data-figure=\"loop\"><svg role=\"img\" aria-label=\"A loop of four arrows\"></svg><figcaption>The loop here</figcaption></figure>\n<p>After.</p>\n"
        );
        let (html, _) = render_with_figure("![](figure:loop)\n", &[]);
        assert!(
            html.contains("<figcaption>The loop</figcaption>"),
            "the registry's caption by default: {html}"
        );
    }

    #[test]
    fn a_figure_inside_text_or_unknown_is_a_problem() {
        let (_, problems) = render_with_figure("Text ![x](figure:loop) more.\n", &[]);
        assert_eq!(problems, ["c.md:1: figure `loop` must stand in a paragraph of its own (blank lines around it)"]);
        let (_, problems) = render_with_figure("![x](figure:loop)\nmore words\n", &[]);
        assert_eq!(
            problems,
            ["c.md:1: a figure stands in a paragraph of its own: put a blank line after it"]
        );
        let (html, problems) = render_with_figure("![Cap](figure:nope)\n", &[]);
        assert_eq!(
            problems,
            ["c.md:1: unknown figure `nope`: list it in figures.toml"]
        );
        assert_eq!(html, "<p>Cap</p>\n");
        // A figure listed but refused for a problem of its own is not reported again here.
        let (_, problems) = render_with_figure("![Cap](figure:nope)\n", &["nope".to_string()]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn untrusted_markdown_cannot_make_a_figure() {
        let html = render_fragment("![x](figure:loop)\n");
        assert!(
            !html.contains("<svg") && !html.contains("<figure"),
            "{html}"
        );
    }
}
