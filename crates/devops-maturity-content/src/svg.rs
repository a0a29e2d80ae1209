//! The one place that reads an authored SVG figure and writes the copy the app embeds.
//!
//! A figure is inlined into chapter HTML (so the page's light/dark theme colours it through
//! `currentColor` and the `fig-*` classes of `ui/css/app.css`), which makes every byte of it
//! part of the page. So nothing passes that is not on an allow-list, and the output is written
//! anew from the parsed tree, never copied from the source:
//! - the file is well-formed XML ([`roxmltree`]; a DTD, and so any entity of one's own, is an
//!   error), at most [`MAX_SVG_BYTES`] bytes and [`MAX_NODES`] nodes;
//! - the root is `<svg>` in the SVG namespace with a `viewBox` (the app scales the figure to the
//!   page; `width`/`height` of the root are read and dropped);
//! - elements: [`ELEMENTS`] only. `<script>`, `<foreignObject>`, `<style>` (an inline SVG's style
//!   sheet would restyle the whole page, and the CSP drops it anyway), `<image>`, `<a>` and
//!   animation elements are refused, each with its reason;
//! - attributes: [`ATTRIBUTES`] only, in no namespace (plus `xlink:href` and `xml:space`); `on*`
//!   event attributes and `style` are refused;
//! - references stay inside the figure: `href`/`xlink:href` is `#id` of an element of the same
//!   file, and a value with `url(` holds only `url(#id)` of the same file; a value never holds
//!   `\` (a CSS escape could spell `url` in disguise), `@` (`@import`), `;`, `{` or `}`;
//! - ids are `[A-Za-z][A-Za-z0-9_-]*`, unique, and written with the figure's prefix so two
//!   figures on one page never share one; classes are the `fig-*` ones of the figure
//!   stylesheet only, so no rule of the page's own styles applies inside a figure;
//! - `fill`, `stroke` and `stop-color` are `none`, `currentColor` or a gradient of the figure:
//!   a fixed colour would not follow the dark theme.
//!
//! Comments and processing instructions are dropped; text is kept only where SVG shows it
//! (`<text>`, `<tspan>`, `<title>`, `<desc>`).

use std::collections::HashMap;
use std::fmt::Write as _;

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::markdown::escape;

/// The largest figure file (64 KiB; a hand-drawn diagram is a few KiB).
pub const MAX_SVG_BYTES: usize = 64 * 1024;
/// The most XML nodes (elements, attributes' owners, text) a figure may have.
pub const MAX_NODES: u32 = 4000;

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Elements a figure may use (SVG namespace).
pub const ELEMENTS: &[&str] = &[
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

/// Attributes (in no namespace) a figure's elements may carry.
pub const ATTRIBUTES: &[&str] = &[
    // identity and styling hooks
    "id",
    "class",
    "transform",
    "version",
    // paint
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "opacity",
    "clip-path",
    "clip-rule",
    "marker-start",
    "marker-mid",
    "marker-end",
    "visibility",
    "display",
    "vector-effect",
    "paint-order",
    // text
    "font-size",
    "font-weight",
    "font-style",
    "font-family",
    "text-anchor",
    "dominant-baseline",
    "letter-spacing",
    "textLength",
    "lengthAdjust",
    "dx",
    "dy",
    // geometry
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "width",
    "height",
    "d",
    "points",
    "viewBox",
    "preserveAspectRatio",
    // markers, gradients, clipping
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clipPathUnits",
    // a reference to an element of the same figure (checked)
    "href",
];

/// Elements whose text SVG shows.
const TEXT_ELEMENTS: &[&str] = &["text", "tspan", "title", "desc"];

/// One problem in a figure file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgProblem {
    pub line: usize,
    pub message: String,
}

/// A checked figure, written anew: what the app embeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg {
    /// The root's `viewBox`, as four numbers separated by single spaces.
    pub view_box: String,
    /// The root's children, sanitised (the root's own `<title>` left out: the app writes the
    /// figure's alt text there).
    pub body: String,
}

impl Svg {
    /// The `<svg>` element to inline in a page: scalable, with its accessible name.
    pub fn element(&self, alt: &str) -> String {
        let alt = escape(alt);
        format!(
            "<svg xmlns=\"{SVG_NS}\" viewBox=\"{}\" class=\"figure-svg\" role=\"img\" aria-label=\"{alt}\"><title>{alt}</title>{}</svg>",
            self.view_box, self.body
        )
    }
}

/// Checks `src` and writes its sanitised copy, ids prefixed with `id_prefix`; or every
/// problem found, each at its line.
pub fn sanitise(src: &str, id_prefix: &str) -> Result<Svg, Vec<SvgProblem>> {
    if src.len() > MAX_SVG_BYTES {
        return Err(vec![SvgProblem {
            line: 0,
            message: format!(
                "the figure has {} bytes, more than the {MAX_SVG_BYTES} a figure may have",
                src.len()
            ),
        }]);
    }
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let doc = match Document::parse_with_options(src, options) {
        Ok(doc) => doc,
        Err(e) => {
            let line = e.pos().row as usize;
            let message = match e {
                roxmltree::Error::DtdDetected => {
                    "a DTD (<!DOCTYPE ... [ ]>) is not allowed in a figure".to_string()
                }
                roxmltree::Error::NodesLimitReached => {
                    format!("the figure has more than {MAX_NODES} XML nodes")
                }
                other => format!("not well-formed XML: {other}"),
            };
            return Err(vec![SvgProblem { line, message }]);
        }
    };
    let mut checker = Checker {
        doc: &doc,
        prefix: id_prefix,
        problems: Vec::new(),
        ids: HashMap::new(),
    };
    let root = doc.root_element();
    checker.collect_ids(root);
    if root.tag_name().namespace() != Some(SVG_NS) || root.tag_name().name() != "svg" {
        checker.problem(
            root,
            format!(
                "the root element must be <svg xmlns=\"{SVG_NS}\">, not <{}>",
                root.tag_name().name()
            ),
        );
        return Err(checker.problems);
    }
    let view_box = match root.attribute("viewBox").map(parse_view_box) {
        Some(Some(v)) => v,
        Some(None) => {
            checker.problem(
                root,
                "`viewBox` must be four numbers `min-x min-y width height`, width and height above 0",
            );
            String::new()
        }
        None => {
            checker.problem(
                root,
                "the root <svg> needs a `viewBox`, so the app can scale the figure",
            );
            String::new()
        }
    };
    let mut body = String::new();
    for child in root.children() {
        if child.is_element() && child.tag_name().name() == "title" {
            // Checked, then left out: the app writes the alt text as the root's title.
            checker.write(child, &mut String::new());
            continue;
        }
        checker.write(child, &mut body);
    }
    // The root's own attributes are checked too, then replaced by the app's.
    checker.attributes(root, &mut String::new());
    if checker.problems.is_empty() {
        Ok(Svg { view_box, body })
    } else {
        checker.problems.sort_by_key(|p| p.line);
        Err(checker.problems)
    }
}

struct Checker<'a, 'input> {
    doc: &'a Document<'input>,
    prefix: &'a str,
    problems: Vec<SvgProblem>,
    /// Every id in the file, with how often it occurs.
    ids: HashMap<&'a str, usize>,
}

impl<'a, 'input> Checker<'a, 'input> {
    fn line(&self, pos: usize) -> usize {
        self.doc.text_pos_at(pos).row as usize
    }

    fn problem(&mut self, node: Node<'_, '_>, message: impl Into<String>) {
        let line = self.line(node.range().start);
        self.problems.push(SvgProblem {
            line,
            message: message.into(),
        });
    }

    fn collect_ids(&mut self, root: Node<'a, 'input>) {
        for node in root.descendants().filter(Node::is_element) {
            if let Some(id) = node.attribute("id") {
                *self.ids.entry(id).or_default() += 1;
            }
        }
    }

    fn write(&mut self, node: Node<'_, '_>, out: &mut String) {
        match node.node_type() {
            NodeType::Element => self.element(node, out),
            NodeType::Text => {
                let text = node.text().unwrap_or_default();
                let shown = node
                    .parent_element()
                    .is_some_and(|p| TEXT_ELEMENTS.contains(&p.tag_name().name()));
                if shown {
                    out.push_str(&escape(text));
                } else if !text.trim().is_empty() {
                    self.problem(
                        node,
                        format!(
                            "text `{}` outside <text>: SVG does not show it",
                            text.trim().chars().take(40).collect::<String>()
                        ),
                    );
                }
            }
            // Comments and processing instructions are left out of what the app embeds.
            _ => {}
        }
    }

    fn element(&mut self, node: Node<'_, '_>, out: &mut String) {
        let name = node.tag_name();
        if name.namespace() != Some(SVG_NS) {
            self.problem(
                node,
                format!(
                    "element <{}> is not in the SVG namespace ({})",
                    name.name(),
                    name.namespace().unwrap_or("no namespace")
                ),
            );
            return;
        }
        let local = name.name();
        if let Some(reason) = refused_element(local) {
            self.problem(
                node,
                format!("<{local}> is not allowed in a figure: {reason}"),
            );
            return;
        }
        if !ELEMENTS.contains(&local) {
            self.problem(
                node,
                format!(
                    "<{local}> is not allowed in a figure (allowed: {})",
                    ELEMENTS.join(", ")
                ),
            );
            return;
        }
        out.push('<');
        out.push_str(local);
        self.attributes(node, out);
        if node.has_children() {
            out.push('>');
            for child in node.children() {
                self.write(child, out);
            }
            let _ = write!(out, "</{local}>");
        } else {
            out.push_str("/>");
        }
    }

    fn attributes(&mut self, node: Node<'_, '_>, out: &mut String) {
        let element = node.tag_name().name();
        // The root's attributes are checked, then replaced by the app's own (`Svg::element`).
        let is_root = node.parent().is_some_and(|p| p.is_root());
        for attr in node.attributes() {
            let line = self.line(attr.range().start);
            match self.attribute(element, attr.namespace(), attr.name(), attr.value()) {
                Ok(Some((name, value))) if !is_root => {
                    let _ = write!(out, " {name}=\"{}\"", escape(&value));
                }
                Ok(_) => {}
                Err(message) => self.problems.push(SvgProblem { line, message }),
            }
        }
    }

    /// One attribute as it is written out (`None`: checked and left out), or why not.
    fn attribute(
        &self,
        element: &str,
        ns: Option<&str>,
        name: &str,
        value: &str,
    ) -> Result<Option<(&'static str, String)>, String> {
        let shown = match ns {
            None => name,
            Some(XLINK_NS) if name == "href" => "xlink:href",
            Some(XML_NS) if name == "space" => {
                return if value == "preserve" || value == "default" {
                    Ok(None)
                } else {
                    Err(format!(
                        "`xml:space` is `default` or `preserve`, not `{value}`"
                    ))
                };
            }
            Some(other) => {
                return Err(format!(
                    "attribute `{name}` in namespace {other} is not allowed"
                ));
            }
        };
        if ns.is_none() && name.len() > 2 && name.as_bytes()[..2].eq_ignore_ascii_case(b"on") {
            return Err(format!(
                "event attribute `{name}` is not allowed: a figure runs no code"
            ));
        }
        if ns.is_none() && name == "style" {
            return Err("the `style` attribute is not allowed: the app's content security policy drops inline styles; use a `fig-*` class or a presentation attribute such as `fill`".into());
        }
        let Some(&known) = ATTRIBUTES.iter().find(|&&a| a == name) else {
            return Err(format!("attribute `{name}` is not allowed on <{element}>"));
        };
        if let Some(c) = value
            .chars()
            .find(|c| matches!(c, '\\' | '@' | ';' | '{' | '}'))
        {
            return Err(format!(
                "attribute `{shown}`: the character `{c}` is not allowed in a figure's attribute values (CSS escapes, `@import` and style rules have no place there)"
            ));
        }
        let written = match known {
            "href" => {
                let id = self
                    .local_reference(value)
                    .map_err(|why| format!("`{shown}=\"{value}\"`: {why}"))?;
                if !matches!(element, "use" | "linearGradient" | "radialGradient") {
                    return Err(format!(
                        "`{shown}` is allowed only on <use> and gradients, not on <{element}>"
                    ));
                }
                format!("#{}", self.prefixed(id))
            }
            "class" => {
                if let Some(other) = value.split_whitespace().find(|c| !c.starts_with("fig-")) {
                    return Err(format!(
                        "class `{other}`: a figure uses only the `fig-*` classes of the figure stylesheet (FORMAT.md), so no page style reaches into it"
                    ));
                }
                // A class is a name: `fig-box((url(` means nothing to the stylesheet, and the
                // svg fuzz target's rule (no `url(` but to the figure's own ids) holds.
                if let Some(other) = value.split_whitespace().find(|c| !is_svg_id(c)) {
                    return Err(format!(
                        "class `{other}`: a class holds only letters, digits, `-` and `_`"
                    ));
                }
                value.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            "id" => {
                if !is_svg_id(value) {
                    return Err(format!(
                        "id `{value}` must start with a letter and hold only letters, digits, `-` and `_`"
                    ));
                }
                if self.ids.get(value).copied().unwrap_or(0) > 1 {
                    return Err(format!("id `{value}` is used more than once"));
                }
                self.prefixed(value)
            }
            "fill" | "stroke" | "stop-color" if !is_theme_paint(value) => {
                return Err(format!(
                    "`{shown}=\"{value}\"` is a fixed colour, which would not follow the dark theme; use `currentColor`, `none` or a `fig-*` class"
                ));
            }
            _ => self
                .rewrite_urls(value)
                .map_err(|why| format!("attribute `{shown}`: {why}"))?,
        };
        Ok(Some((known, written)))
    }

    fn prefixed(&self, id: &str) -> String {
        if self.prefix.is_empty() {
            id.to_string()
        } else {
            format!("{}-{id}", self.prefix)
        }
    }

    /// `#id` of an element of this file.
    fn local_reference<'v>(&self, value: &'v str) -> Result<&'v str, String> {
        let Some(id) = value.trim().strip_prefix('#') else {
            return Err("a reference must point inside the figure (`#id`); external references are not allowed".into());
        };
        if !self.ids.contains_key(id) {
            return Err(format!("no element of the figure has the id `{id}`"));
        }
        Ok(id)
    }

    /// The value with each `url(#id)` pointing at the prefixed id; any other `url(...)` is an
    /// external reference and refused.
    fn rewrite_urls(&self, value: &str) -> Result<String, String> {
        let lower = value.to_ascii_lowercase();
        let mut out = String::new();
        let mut rest = 0;
        while let Some(found) = lower[rest..].find("url(") {
            let start = rest + found;
            out.push_str(&value[rest..start]);
            let after = start + 4;
            let Some(close) = value[after..].find(')') else {
                return Err("`url(` is never closed".into());
            };
            let inner = value[after..after + close]
                .trim()
                .trim_matches(|c| c == '"' || c == '\'');
            let id = self.local_reference(inner)?;
            let _ = write!(out, "url(#{})", self.prefixed(id));
            rest = after + close + 1;
        }
        out.push_str(&value[rest..]);
        Ok(out)
    }
}

/// Why an element that a figure might be tempted to use is refused.
fn refused_element(local: &str) -> Option<&'static str> {
    Some(match local {
        "script" => "a figure runs no code",
        "foreignObject" => "it would embed HTML in the figure",
        "style" => "an inline SVG's style sheet restyles the whole page (and the content security policy drops it); use the `fig-*` classes",
        "image" | "feImage" => "a figure loads no other file or picture",
        "a" => "a figure holds no links",
        "iframe" | "object" | "embed" | "video" | "audio" | "canvas" => "a figure embeds nothing",
        "animate" | "animateMotion" | "animateTransform" | "set" | "discard" => {
            "a figure does not move (an animation can also rewrite attributes such as `href`)"
        }
        "filter" | "mask" | "pattern" => "not needed for a line drawing; keep figures plain",
        _ => return None,
    })
}

/// A paint that follows the theme: none, the ink (`currentColor`), inherited, or a gradient of
/// the figure (`url(#id)`, checked like every reference).
fn is_theme_paint(value: &str) -> bool {
    let value = value.trim();
    ["none", "currentColor", "inherit", "transparent"]
        .iter()
        .any(|p| value.eq_ignore_ascii_case(p))
        || (value.to_ascii_lowercase().starts_with("url(") && value.ends_with(')'))
}

fn is_svg_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `min-x min-y width height` (spaces and/or commas), width and height > 0, written back with
/// single spaces.
fn parse_view_box(value: &str) -> Option<String> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<f64>().ok().filter(|n| n.is_finite()))
        .collect::<Option<_>>()?;
    match numbers[..] {
        [x, y, w, h] if w > 0.0 && h > 0.0 => Some(format!("{x} {y} {w} {h}")),
        _ => None,
    }
}

/// Ids referenced nowhere are fine; this lists the ids a sanitised body defines, for tests.
#[cfg(test)]
fn ids_in(body: &str) -> std::collections::HashSet<String> {
    let src = format!("<svg xmlns=\"{SVG_NS}\">{body}</svg>");
    let doc = Document::parse(&src).unwrap();
    doc.descendants()
        .filter_map(|n| n.attribute("id").map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(body: &str) -> String {
        format!("<svg xmlns=\"{SVG_NS}\" viewBox=\"0 0 100 50\">\n{body}\n</svg>\n")
    }

    fn problems(src: &str) -> Vec<String> {
        match sanitise(src, "f") {
            Ok(svg) => panic!("accepted: {svg:?}"),
            Err(problems) => problems
                .into_iter()
                .map(|p| format!("{}: {}", p.line, p.message))
                .collect(),
        }
    }

    fn one_problem(src: &str, expected: &str) {
        let got = problems(src);
        assert!(
            got.len() == 1 && got[0].contains(expected),
            "expected one problem with {expected:?}, got {got:?}"
        );
    }

    #[test]
    fn a_plain_drawing_passes_and_is_written_anew() {
        let src = figure(
            "<!-- a comment -->\n<title>Two boxes</title>\n<g class=\"fig-box\">\n  <rect x=\"1\" y=\"2\" width=\"30\" height=\"20\" rx=\"3\"/>\n  <text x=\"5\" y=\"15\" text-anchor=\"start\">Dev &amp; Ops</text>\n</g>",
        );
        let svg = sanitise(&src, "f").expect("valid");
        assert_eq!(svg.view_box, "0 0 100 50");
        // Layout whitespace between elements is dropped; text is kept as written.
        assert_eq!(
            svg.body,
            "<g class=\"fig-box\"><rect x=\"1\" y=\"2\" width=\"30\" height=\"20\" rx=\"3\"/><text x=\"5\" y=\"15\" text-anchor=\"start\">Dev &amp; Ops</text></g>"
        );
        let element = svg.element("Two \"boxes\" <side by side>");
        assert!(element.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" class=\"figure-svg\" role=\"img\" aria-label=\"Two &quot;boxes&quot; &lt;side by side&gt;\"><title>Two &quot;boxes&quot; &lt;side by side&gt;</title>"), "{element}");
        assert!(!element.contains("comment"), "comments are dropped");
    }

    #[test]
    fn too_large_a_file_is_refused_before_parsing() {
        let big = figure(&"<g/>".repeat(MAX_SVG_BYTES / 4));
        one_problem(&big, "more than the 65536 a figure may have");
    }

    #[test]
    fn too_many_nodes_are_refused() {
        let many = figure(&"<g/>".repeat(MAX_NODES as usize + 1));
        assert!(many.len() < MAX_SVG_BYTES);
        one_problem(&many, "more than 4000 XML nodes");
    }

    #[test]
    fn malformed_xml_is_reported_at_its_line() {
        assert_eq!(
            problems(&figure("<g>\n<rect/>\n</svg>")),
            ["4: not well-formed XML: expected 'g' tag, not 'svg' at 4:1"]
        );
    }

    #[test]
    fn a_dtd_and_its_entities_are_refused() {
        let src = format!(
            "<!DOCTYPE svg [<!ENTITY x \"boom\">]>\n{}",
            figure("<text>&x;</text>")
        );
        one_problem(&src, "a DTD");
    }

    #[test]
    fn the_root_must_be_svg_in_its_namespace_with_a_view_box() {
        one_problem(
            "<svg viewBox=\"0 0 1 1\"/>",
            "the root element must be <svg",
        );
        one_problem(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>",
            "not <html>",
        );
        one_problem(
            &format!("<svg xmlns=\"{SVG_NS}\" width=\"10\" height=\"10\"/>"),
            "needs a `viewBox`",
        );
        one_problem(
            &format!("<svg xmlns=\"{SVG_NS}\" viewBox=\"0 0 0 10\"/>"),
            "four numbers",
        );
    }

    #[test]
    fn script_is_refused() {
        one_problem(
            &figure("<script>alert(1)</script>"),
            "<script> is not allowed",
        );
    }

    #[test]
    fn foreign_object_is_refused() {
        one_problem(
            &figure("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>"),
            "<foreignObject> is not allowed",
        );
    }

    #[test]
    fn style_elements_are_refused_with_or_without_import() {
        one_problem(
            &figure("<style>@import url(https://evil.example/x.css);</style>"),
            "<style> is not allowed",
        );
        one_problem(
            &figure("<style>body { display: none }</style>"),
            "<style> is not allowed",
        );
    }

    #[test]
    fn images_links_and_animations_are_refused() {
        one_problem(&figure("<image href=\"x.png\"/>"), "<image> is not allowed");
        one_problem(&figure("<a href=\"#x\"><rect/></a>"), "<a> is not allowed");
        one_problem(
            &figure("<set attributeName=\"href\" to=\"javascript:x\"/>"),
            "<set> is not allowed",
        );
    }

    #[test]
    fn unknown_elements_and_other_namespaces_are_refused() {
        one_problem(
            &figure("<blink/>"),
            "<blink> is not allowed in a figure (allowed:",
        );
        one_problem(
            &figure("<h:p xmlns:h=\"http://www.w3.org/1999/xhtml\">x</h:p>"),
            "not in the SVG namespace",
        );
    }

    #[test]
    fn event_attributes_are_refused_in_any_case() {
        one_problem(
            &figure("<rect onclick=\"x()\"/>"),
            "event attribute `onclick`",
        );
        one_problem(
            &figure("<rect OnLoad=\"x()\"/>"),
            "event attribute `OnLoad`",
        );
        one_problem(
            &format!("<svg xmlns=\"{SVG_NS}\" viewBox=\"0 0 1 1\" onload=\"x()\"/>"),
            "event attribute `onload`",
        );
    }

    #[test]
    fn a_non_ascii_attribute_name_is_refused_not_a_panic() {
        // Found by the `svg` fuzz target: the name's first two bytes split a character.
        one_problem(
            &figure("<rect \u{20ac}x=\"1\"/>"),
            "attribute `\u{20ac}x` is not allowed",
        );
    }

    #[test]
    fn the_style_attribute_and_unknown_attributes_are_refused() {
        one_problem(
            &figure("<rect style=\"fill:red\"/>"),
            "the `style` attribute",
        );
        one_problem(
            &figure("<rect formaction=\"x\"/>"),
            "attribute `formaction` is not allowed",
        );
        one_problem(
            &figure("<rect xmlns:e=\"urn:evil\" e:href=\"x\"/>"),
            "in namespace urn:evil",
        );
    }

    #[test]
    fn external_references_in_href_are_refused() {
        one_problem(
            &figure("<use href=\"https://evil.example/a.svg#x\"/>"),
            "external references are not allowed",
        );
        one_problem(
            &format!(
                "<svg xmlns=\"{SVG_NS}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 1 1\"><use xlink:href=\"javascript:alert(1)\"/></svg>"
            ),
            "`xlink:href=\"javascript:alert(1)\"`",
        );
        one_problem(
            &figure("<use href=\"#nowhere\"/>"),
            "no element of the figure has the id `nowhere`",
        );
        one_problem(
            &figure("<rect id=\"r\"/><path href=\"#r\"/>"),
            "only on <use> and gradients",
        );
    }

    #[test]
    fn external_references_in_url_are_refused() {
        one_problem(
            &figure("<rect fill=\"url(https://evil.example/p.svg#g)\"/>"),
            "external references are not allowed",
        );
        one_problem(
            &figure("<rect fill=\"URL( 'data:x' )\"/>"),
            "external references",
        );
        one_problem(&figure("<path marker-end=\"url(#g\"/>"), "never closed");
    }

    #[test]
    fn fixed_colours_are_refused_theme_paints_pass() {
        one_problem(
            &figure("<rect fill=\"#ff0000\"/>"),
            "`fill=\"#ff0000\"` is a fixed colour",
        );
        one_problem(
            &figure("<line stroke=\"black\"/>"),
            "`stroke=\"black\"` is a fixed colour",
        );
        one_problem(
            &figure("<stop stop-color=\"rgb(1,2,3)\"/>"),
            "is a fixed colour",
        );
        let svg = sanitise(
            &figure("<defs><linearGradient id=\"g\"><stop stop-color=\"currentColor\"/></linearGradient></defs><rect fill=\"url(#g)\" stroke=\"none\"/><path fill=\"currentColor\"/>"),
            "f",
        )
        .expect("theme paints pass");
        assert!(svg.body.contains("fill=\"url(#f-g)\""), "{}", svg.body);
    }

    #[test]
    fn only_figure_classes_are_allowed() {
        one_problem(
            &figure("<rect class=\"fig-box presenter\"/>"),
            "class `presenter`: a figure uses only the `fig-*` classes",
        );
        one_problem(
            &figure("<rect class=\"fig-box((url(x)\"/>"),
            "class `fig-box((url(x)`: a class holds only letters, digits, `-` and `_`",
        );
        let svg = sanitise(&figure("<rect class=\" fig-box  fig-warn \"/>"), "f").unwrap();
        assert!(
            svg.body.contains("class=\"fig-box fig-warn\""),
            "{}",
            svg.body
        );
    }

    #[test]
    fn css_escapes_imports_and_rules_are_refused_in_values() {
        one_problem(&figure("<rect fill=\"\\75 rl(x)\"/>"), "the character `\\`");
        one_problem(&figure("<rect class=\"@import x\"/>"), "the character `@`");
        one_problem(&figure("<rect fill=\"red; x: y\"/>"), "the character `;`");
        one_problem(&figure("<rect fill=\"}\"/>"), "the character `}`");
    }

    #[test]
    fn ids_are_checked_unique_and_prefixed_with_their_references() {
        one_problem(&figure("<g id=\"1a\"/>"), "must start with a letter");
        let got = problems(&figure("<g id=\"a\"/><g id=\"a\"/>"));
        assert_eq!(got.len(), 2, "{got:?}");
        let svg = sanitise(
            &figure("<defs><marker id=\"arrow\"><path d=\"M0 0\"/></marker><linearGradient id=\"g\"/><linearGradient id=\"h\" href=\"#g\"/></defs><path d=\"M0 0L9 9\" marker-end=\"url(#arrow)\" fill=\"url('#g')\"/><use href=\"#arrow\"/>"),
            "fig-x",
        )
        .expect("local references are fine");
        assert!(
            svg.body.contains("marker-end=\"url(#fig-x-arrow)\""),
            "{}",
            svg.body
        );
        assert!(svg.body.contains("fill=\"url(#fig-x-g)\""), "{}", svg.body);
        assert!(
            svg.body.contains("<use href=\"#fig-x-arrow\"/>"),
            "{}",
            svg.body
        );
        assert!(svg.body.contains("href=\"#fig-x-g\""), "{}", svg.body);
        assert_eq!(
            ids_in(&svg.body),
            ["fig-x-arrow", "fig-x-g", "fig-x-h"]
                .map(String::from)
                .into()
        );
    }

    #[test]
    fn text_outside_text_elements_is_reported_and_text_is_escaped() {
        one_problem(
            &figure("<g>loose words</g>"),
            "text `loose words` outside <text>",
        );
        let svg = sanitise(
            &figure("<text>&lt;script&gt; &amp; &#60;b&#62;</text>"),
            "f",
        )
        .unwrap();
        assert!(
            svg.body
                .contains("<text>&lt;script&gt; &amp; &lt;b&gt;</text>"),
            "{}",
            svg.body
        );
    }

    #[test]
    fn the_root_title_is_replaced_by_the_alt_text() {
        let svg = sanitise(
            &figure("<title>Authored</title><g><title>Inner</title></g>"),
            "f",
        )
        .unwrap();
        assert!(!svg.body.contains("Authored"), "{}", svg.body);
        assert!(svg.body.contains("<title>Inner</title>"), "{}", svg.body);
    }

    #[test]
    fn every_problem_is_reported_in_one_pass() {
        let got = problems(&figure(
            "<script/>\n<rect onclick=\"x\"/>\n<rect style=\"a\"/>",
        ));
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got.iter()
                .map(|p| p.split(':').next().unwrap())
                .collect::<Vec<_>>(),
            ["2", "3", "4"]
        );
    }
}
