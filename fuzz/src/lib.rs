//! What the fuzz targets share: a tiny valid content folder to mutate one file of, and the
//! checks every result must pass whatever the input.
//!
//! A parser may refuse any input, but it must answer with a value or with problems that say
//! where — never panic, never loop — and rendered HTML must keep the renderer's promises
//! (ARCHITECTURE.md, "Invariants"): only the tags and attributes the renderer itself writes,
//! and links only inside the app.

use devops_maturity_content::{Content, Files};

macro_rules! fixture {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../crates/devops-maturity-cli/tests/fixtures/valid/", $path)))),*]
    };
}

/// The CLI's smallest valid content folder (one module, two chapters, slides, a quiz, a
/// questionnaire).
pub const FIXTURE: &[(&str, &str)] = fixture!(
    "course.toml",
    "glossary.toml",
    "agenda.toml",
    "course/01-basics/module.toml",
    "course/01-basics/quiz.toml",
    "course/01-basics/slides.toml",
    "course/01-basics/first.md",
    "course/01-basics/second.md",
    "assessment/questionnaire.toml",
    "assessment/dora.toml",
    "assessment/ej-airways-key.toml",
    "assessment/recommendations/flow.toml",
);

/// The fixture with the file at `path` replaced by `text`.
pub fn content_with(path: &str, text: &str) -> Files {
    Files::from_pairs(
        FIXTURE
            .iter()
            .map(|&(p, t)| (p, if p == path { text } else { t })),
    )
}

/// The first byte picks one of `choices`; the rest is the file's text.
pub fn pick<'a>(data: &'a [u8], choices: &[&'a str]) -> Option<(&'a str, String)> {
    let (&first, rest) = data.split_first()?;
    let path = choices[first as usize % choices.len()];
    Some((path, String::from_utf8_lossy(rest).into_owned()))
}

/// Parses `files` and checks the outcome.
pub fn parse_and_check(files: &Files) -> Option<Content> {
    match devops_maturity_content::parse(files) {
        Ok(content) => {
            for (_, chapter) in content.course.chapters() {
                for section in &chapter.sections {
                    check_html(&section.html);
                    check_html(&section.notes_html);
                }
                for slide in &chapter.slides {
                    slide.points.iter().for_each(|p| check_html(p));
                }
            }
            Some(content)
        }
        Err(problems) => {
            assert!(
                !problems.0.is_empty(),
                "a refusal names at least one problem"
            );
            for p in &problems.0 {
                assert!(!p.file.is_empty() && !p.message.is_empty(), "{p:?}");
            }
            None
        }
    }
}

/// Tags the renderer (pulldown-cmark with tables, footnotes and strikethrough, plus our
/// spans and links) can write.
const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "del",
    "span",
    "div",
    "figure",
    "figcaption",
];
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "href",
    "title",
    "data-term",
    "style",
    "start",
    "data-figure",
];

/// Panics when `html` holds a tag or attribute the renderer never writes, an event handler,
/// a link leaving the app, or a style other than the table cell alignment pulldown-cmark uses.
pub fn check_html(html: &str) {
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        if html[start..].starts_with("<svg ") {
            // A course figure: checked as SVG, up to its end (figures do not nest).
            let end = start
                + html[start..]
                    .find("</svg>")
                    .unwrap_or_else(|| panic!("unclosed <svg> at {start} in {html:?}"))
                + "</svg>".len();
            check_svg(&html[start..end]);
            i = end;
            continue;
        }
        let end = start
            + html[start..]
                .find('>')
                .unwrap_or_else(|| panic!("unclosed tag at {start} in {html:?}"));
        let tag = &html[start + 1..end];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
        let name_len = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        assert!(TAGS.contains(&name), "tag <{name}> in {html:?}");
        check_attributes(&tag[name_len..], html);
        i = end + 1;
    }
}

fn check_attributes(mut rest: &str, html: &str) {
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return;
        }
        let eq = rest
            .find('=')
            .unwrap_or_else(|| panic!("attribute without value in {rest:?} of {html:?}"));
        let name = &rest[..eq];
        assert!(ATTRIBUTES.contains(&name), "attribute {name:?} in {html:?}");
        let after = rest[eq + 1..]
            .strip_prefix('"')
            .unwrap_or_else(|| panic!("unquoted attribute {name:?} in {html:?}"));
        let close = after
            .find('"')
            .unwrap_or_else(|| panic!("unterminated attribute {name:?} in {html:?}"));
        let value = &after[..close];
        match name {
            "href" => assert!(value.starts_with('#'), "link out of the app: {value:?}"),
            "style" => assert!(
                matches!(
                    value,
                    "text-align: left" | "text-align: center" | "text-align: right"
                ),
                "style {value:?} in {html:?}"
            ),
            _ => {}
        }
        rest = &after[close + 1..];
    }
}

/// SVG elements a sanitised figure may hold (`content::svg`, checked here on their own).
const SVG_TAGS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "symbol",
    "use",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "marker",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
];

/// Panics unless `svg` is one well-formed `<svg>` element of the SVG namespace whose elements
/// are on the figure allow-list, with no event attribute, no `style`, no namespaced attribute
/// but the root's own, no reference outside itself (`href` only `#…`, `url(` only `url(#…)`)
/// and no character that could open CSS (`\\`, `@`, `;`, `{`, `}`) in any attribute value.
pub fn check_svg(svg: &str) {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("sanitised SVG does not parse again ({e}): {svg:?}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{svg:?}");
    for node in doc.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name();
        assert_eq!(
            name.namespace(),
            Some("http://www.w3.org/2000/svg"),
            "{svg:?}"
        );
        assert!(
            SVG_TAGS.contains(&name.name()),
            "element <{}> in {svg:?}",
            name.name()
        );
        for attr in node.attributes() {
            let (n, v) = (attr.name(), attr.value());
            assert!(
                attr.namespace().is_none(),
                "namespaced attribute {n:?} in {svg:?}"
            );
            assert!(
                !n.to_ascii_lowercase().starts_with("on"),
                "event attribute {n:?} in {svg:?}"
            );
            assert_ne!(n, "style", "{svg:?}");
            if n == "aria-label" || n == "role" || n == "xmlns" {
                assert!(node == root, "{n:?} below the root in {svg:?}");
                continue;
            }
            assert!(
                !v.contains(['\\', '@', ';', '{', '}']),
                "attribute {n:?}={v:?} in {svg:?}"
            );
            if n == "class" && node != root {
                assert!(
                    v.split_whitespace().all(|c| c.starts_with("fig-")),
                    "class {v:?} is not a figure class in {svg:?}"
                );
            }
            if n == "href" {
                assert!(
                    v.starts_with('#'),
                    "href {v:?} leaves the figure in {svg:?}"
                );
            }
            let lower = v.to_ascii_lowercase();
            let mut rest = lower.as_str();
            while let Some(at) = rest.find("url(") {
                rest = &rest[at + 4..];
                assert!(
                    rest.starts_with('#'),
                    "url( leaves the figure: {v:?} in {svg:?}"
                );
            }
        }
    }
}
