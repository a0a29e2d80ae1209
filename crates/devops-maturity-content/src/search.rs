//! Full-text search over the whole course, section by section.

use serde::Serialize;

use crate::markdown::escape;
use crate::Course;

/// A section that contains every word of the query.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub module_title: String,
    pub chapter_id: String,
    pub chapter_title: String,
    pub anchor: String,
    pub section_title: String,
    /// Escaped HTML: a passage around the first match, each query word in `<mark>`.
    pub snippet: String,
    pub score: u32,
}

const SNIPPET_RADIUS: usize = 80;
const MAX_HITS: usize = 50;

/// Sections containing all words of `query` (ASCII case-insensitive), best first: a match in
/// a chapter or section title counts more than one in the text.
pub fn search(course: &Course, query: &str) -> Vec<SearchHit> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let phrase = words.join(" ");
    let mut hits = Vec::new();
    for (module, chapter) in course.chapters() {
        let chapter_title = chapter.title.to_ascii_lowercase();
        for section in &chapter.sections {
            let text = section.text.to_ascii_lowercase();
            let title = section.title.to_ascii_lowercase();
            let all = |w: &String| {
                text.contains(w.as_str())
                    || title.contains(w.as_str())
                    || chapter_title.contains(w.as_str())
            };
            if !words.iter().all(all) {
                continue;
            }
            let mut score: u32 = words
                .iter()
                .map(|w| text.matches(w.as_str()).count() as u32)
                .sum();
            score += 5 * text.matches(phrase.as_str()).count() as u32;
            score += 10 * words.iter().filter(|w| title.contains(w.as_str())).count() as u32;
            score += 10
                * words
                    .iter()
                    .filter(|w| chapter_title.contains(w.as_str()))
                    .count() as u32;
            // A multi-word query found as a phrase in a heading names the topic of the section.
            if words.len() > 1 {
                score += 20 * u32::from(title.contains(phrase.as_str()));
                score += 20 * u32::from(chapter_title.contains(phrase.as_str()));
            }
            let first = text
                .find(phrase.as_str())
                .or_else(|| words.iter().filter_map(|w| text.find(w.as_str())).min());
            hits.push(SearchHit {
                module_title: module.title.clone(),
                chapter_id: chapter.id.clone(),
                chapter_title: chapter.title.clone(),
                anchor: section.anchor.clone(),
                section_title: section.title.clone(),
                snippet: snippet(&section.text, first.unwrap_or(0), &words),
                score,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.chapter_id.cmp(&b.chapter_id))
    });
    hits.truncate(MAX_HITS);
    hits
}

fn snippet(text: &str, at: usize, words: &[String]) -> String {
    let mut start = at.saturating_sub(SNIPPET_RADIUS);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + SNIPPET_RADIUS * 2).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let passage = &text[start..end];
    let lower = passage.to_ascii_lowercase();
    // Mark every occurrence of every word, merging overlaps.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w.as_str()) {
            ranges.push((from + i, from + i + w.len()));
            from += i + w.len();
        }
    }
    ranges.sort_unstable();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut last = 0;
    for (s, e) in ranges {
        if s < last {
            continue;
        }
        out.push_str(&escape(&passage[last..s]));
        out.push_str("<mark>");
        out.push_str(&escape(&passage[s..e]));
        out.push_str("</mark>");
        last = e;
    }
    out.push_str(&escape(&passage[last..]));
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_words_and_escapes_text() {
        let got = snippet(
            "The <b>MTTR</b> of FARE-01 was long; mttr matters.",
            0,
            &["mttr".to_string()],
        );
        assert_eq!(got, "The &lt;b&gt;<mark>MTTR</mark>&lt;/b&gt; of FARE-01 was long; <mark>mttr</mark> matters.");
    }
}
