//! `figures.toml`: the course's SVG figures, each checked and sanitised by [`crate::svg`].
//!
//! A chapter shows a figure with `![caption](figure:ID)` in a paragraph of its own; a slide
//! with `figure = "ID"`. The alt text is required and is the figure's accessible name wherever
//! it is shown.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::markdown::escape;
use crate::svg;
use crate::toml_util::{is_kebab_id, line_of, parse_toml};
use crate::{Files, Problem};

pub const FIGURES_FILE: &str = "figures.toml";
/// The folder (relative to the content root) that holds the figures' files.
pub const FIGURES_DIR: &str = "figures/";
/// An alt text says what the figure shows: at least this many words.
pub const MIN_ALT_WORDS: usize = 8;
/// And at most this many characters (a screen reader reads it in one go).
pub const MAX_ALT_CHARS: usize = 600;

/// One figure, sanitised: what the app embeds.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub id: String,
    /// Path of the SVG file relative to the content root.
    pub file: String,
    pub alt: String,
    /// The caption shown under the figure when the chapter or slide gives none.
    pub caption: String,
    /// The `<svg>` element to inline: written anew by the sanitiser, ids prefixed
    /// `fig-ID-`, with `role="img"`, the alt text as `aria-label` and `<title>`.
    pub svg: String,
}

impl Figure {
    /// The figure as a `<figure>` block with `caption` (or its own caption when empty).
    pub fn html(&self, caption: &str) -> String {
        let caption = if caption.trim().is_empty() {
            self.caption.as_str()
        } else {
            caption
        };
        let mut html = format!(
            "<figure class=\"figure\" data-figure=\"{}\">{}",
            escape(&self.id),
            self.svg
        );
        if !caption.trim().is_empty() {
            html.push_str("<figcaption>");
            html.push_str(&escape(caption.trim()));
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>\n");
        html
    }
}

/// The figures by id, in the order of `figures.toml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub figures: Vec<Figure>,
    #[serde(skip)]
    index: HashMap<String, usize>,
}

impl Figures {
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.index.get(id).map(|&i| &self.figures[i])
    }

    pub fn from_vec(figures: Vec<Figure>) -> Figures {
        let index = figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();
        Figures { figures, index }
    }

    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigures {
    #[serde(default)]
    figure: Vec<RawFigure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: Spanned<String>,
    file: Spanned<String>,
    alt: Spanned<String>,
    #[serde(default)]
    caption: String,
}

/// Reads `figures.toml` (optional) and every file it lists; an SVG file that it does not list
/// is a problem too. Returns the figures that passed and the ids of every figure listed: a
/// figure with a problem is left out, and a chapter that uses it is not reported a second time
/// as naming an unknown figure.
pub(crate) fn parse(files: &Files, problems: &mut Vec<Problem>) -> (Figures, Vec<String>) {
    let mut listed = Vec::new();
    let mut figures = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut listed_files = std::collections::HashSet::new();
    if let Some(src) = files.get(FIGURES_FILE) {
        if let Some(raw) = parse_toml::<RawFigures>(FIGURES_FILE, src, problems) {
            for raw in raw.figure {
                let line = line_of(src, raw.id.span().start);
                let id = raw.id.get_ref().clone();
                listed.push(id.clone());
                listed_files.insert(raw.file.get_ref().clone());
                let mut ok = true;
                if !is_kebab_id(&id) {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        line,
                        format!("figure id `{id}` must be lowercase-kebab"),
                    ));
                    ok = false;
                }
                if let Some(first) = seen.insert(id.clone(), line) {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        line,
                        format!(
                            "duplicate figure id `{id}` (first defined at {FIGURES_FILE}:{first})"
                        ),
                    ));
                    ok = false;
                }
                let alt_line = line_of(src, raw.alt.span().start);
                let alt = raw.alt.get_ref().trim();
                let words = alt.split_whitespace().count();
                if words < MIN_ALT_WORDS {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        alt_line,
                        format!("figure `{id}`: the alt text has {words} words; say what the figure shows in at least {MIN_ALT_WORDS}, for a learner who cannot see it"),
                    ));
                    ok = false;
                } else if alt.chars().count() > MAX_ALT_CHARS {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        alt_line,
                        format!("figure `{id}`: the alt text is longer than {MAX_ALT_CHARS} characters; put the detail in the chapter"),
                    ));
                    ok = false;
                } else if alt.eq_ignore_ascii_case(raw.caption.trim()) {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        alt_line,
                        format!("figure `{id}`: the alt text repeats the caption; describe what the figure shows"),
                    ));
                    ok = false;
                }
                let file_line = line_of(src, raw.file.span().start);
                let path = raw.file.get_ref();
                if !(path.starts_with(FIGURES_DIR) && path.ends_with(".svg")) || path.contains("..")
                {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        file_line,
                        format!("figure `{id}`: file `{path}` must be an `.svg` file in `{FIGURES_DIR}`"),
                    ));
                    continue;
                }
                let Some(svg_src) = files.get(path) else {
                    problems.push(Problem::new(
                        FIGURES_FILE,
                        file_line,
                        format!("figure `{id}`: file `{path}` does not exist"),
                    ));
                    continue;
                };
                match svg::sanitise(svg_src, &format!("fig-{id}")) {
                    Ok(svg) if ok => figures.push(Figure {
                        svg: svg.element(alt),
                        id,
                        file: path.clone(),
                        alt: alt.to_string(),
                        caption: raw.caption.trim().to_string(),
                    }),
                    Ok(_) => {}
                    Err(found) => problems.extend(
                        found
                            .into_iter()
                            .map(|p| Problem::new(path.as_str(), p.line, p.message)),
                    ),
                }
            }
        }
    }
    for path in files.paths().filter(|p| p.ends_with(".svg")) {
        if !listed_files.contains(path) {
            problems.push(Problem::new(
                path,
                0,
                format!("figure file is not listed in {FIGURES_FILE}"),
            ));
        }
    }
    (Figures::from_vec(figures), listed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect id=\"r\" width=\"5\" height=\"5\"/></svg>";
    const ALT: &str = "A small square in the top left corner of an empty frame";

    fn run(pairs: &[(&str, &str)]) -> (Figures, Vec<String>) {
        let mut problems = Vec::new();
        let (figures, _) = parse(&Files::from_pairs(pairs.iter().copied()), &mut problems);
        (figures, problems.iter().map(ToString::to_string).collect())
    }

    fn toml(id: &str, file: &str, alt: &str, caption: &str) -> String {
        format!("[[figure]]\nid = \"{id}\"\nfile = \"{file}\"\nalt = \"{alt}\"\ncaption = \"{caption}\"\n")
    }

    #[test]
    fn a_listed_figure_is_sanitised_and_named_by_its_alt_text() {
        let registry = toml("square", "figures/square.svg", ALT, "One square");
        let (figures, problems) = run(&[(FIGURES_FILE, &registry), ("figures/square.svg", SVG)]);
        assert!(problems.is_empty(), "{problems:?}");
        let figure = figures.get("square").expect("listed");
        assert!(
            figure.svg.contains(&format!("aria-label=\"{ALT}\"")),
            "{}",
            figure.svg
        );
        assert!(figure.svg.contains("id=\"fig-square-r\""), "{}", figure.svg);
        let html = figure.html("");
        assert!(
            html.starts_with("<figure class=\"figure\" data-figure=\"square\"><svg "),
            "{html}"
        );
        assert!(
            html.ends_with("<figcaption>One square</figcaption></figure>\n"),
            "{html}"
        );
        assert!(figure
            .html("In <this> chapter")
            .contains("<figcaption>In &lt;this&gt; chapter</figcaption>"));
    }

    #[test]
    fn the_alt_text_is_required_and_describes() {
        for (alt, expected) in [
            ("", "the alt text has 0 words"),
            ("A square", "the alt text has 2 words"),
            (&"word ".repeat(130), "longer than 600 characters"),
            (
                "The same words as the caption of this figure here",
                "repeats the caption",
            ),
        ] {
            let registry = toml(
                "square",
                "figures/square.svg",
                alt,
                "The same words as the caption of this figure here",
            );
            let (figures, problems) =
                run(&[(FIGURES_FILE, &registry), ("figures/square.svg", SVG)]);
            assert!(figures.get("square").is_none(), "{alt:?} was accepted");
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(
                problems[0].starts_with("figures.toml:4: figure `square`: "),
                "{problems:?}"
            );
            assert!(problems[0].contains(expected), "{problems:?}");
        }
        let missing = "[[figure]]\nid = \"square\"\nfile = \"figures/square.svg\"\n";
        let (_, problems) = run(&[(FIGURES_FILE, missing), ("figures/square.svg", SVG)]);
        assert!(problems[0].contains("missing field `alt`"), "{problems:?}");
    }

    #[test]
    fn files_ids_and_unlisted_svgs_are_checked() {
        let registry = [
            toml("Square", "figures/square.svg", ALT, ""),
            toml("a", "figures/../x.svg", ALT, ""),
            toml("b", "pictures/b.svg", ALT, ""),
            toml("c", "figures/missing.svg", ALT, ""),
            toml("d", "figures/square.svg", ALT, ""),
            toml("d", "figures/square.svg", ALT, ""),
        ]
        .concat();
        let (figures, problems) = run(&[
            (FIGURES_FILE, registry.as_str()),
            ("figures/square.svg", SVG),
            ("figures/stray.svg", SVG),
        ]);
        assert_eq!(
            problems,
            [
                "figures.toml:2: figure id `Square` must be lowercase-kebab",
                "figures.toml:8: figure `a`: file `figures/../x.svg` must be an `.svg` file in `figures/`",
                "figures.toml:13: figure `b`: file `pictures/b.svg` must be an `.svg` file in `figures/`",
                "figures.toml:18: figure `c`: file `figures/missing.svg` does not exist",
                "figures.toml:27: duplicate figure id `d` (first defined at figures.toml:22)",
                "figures/stray.svg: figure file is not listed in figures.toml",
            ]
        );
        assert_eq!(
            figures
                .figures
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>(),
            ["d"]
        );
    }

    #[test]
    fn problems_in_the_svg_are_reported_at_their_line_in_the_svg_file() {
        let registry = toml("square", "figures/square.svg", ALT, "");
        let bad = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<script>x()</script>\n</svg>";
        let (figures, problems) = run(&[(FIGURES_FILE, &registry), ("figures/square.svg", bad)]);
        assert!(figures.is_empty());
        assert_eq!(
            problems,
            ["figures/square.svg:2: <script> is not allowed in a figure: a figure runs no code"]
        );
    }
}
