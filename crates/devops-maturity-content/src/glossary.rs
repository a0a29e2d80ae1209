//! The glossary: every term the course uses, and the matcher that links terms in the text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub definition: String,
    #[serde(default)]
    pub chapter: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }
}

/// Finds glossary terms (and their aliases) in running text, as whole words.
pub(crate) struct TermMatcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the term's index and whether the pattern is an acronym (matched with
    /// its exact case, so "CAB" does not link "cab").
    patterns: Vec<(usize, String, bool)>,
    /// For each term, the opening `<a …>` of its link, escaped once here rather than per use.
    pub links: Vec<String>,
}

/// A term found in a text: byte range and the term's index in the glossary.
pub(crate) struct TermMatch {
    pub start: usize,
    pub end: usize,
    pub term: usize,
}

impl TermMatcher {
    pub fn new(glossary: &Glossary) -> TermMatcher {
        let mut patterns = Vec::new();
        for (i, term) in glossary.terms.iter().enumerate() {
            for text in std::iter::once(&term.term).chain(&term.aliases) {
                let text = text.trim();
                if text.chars().count() < 2 {
                    continue;
                }
                let acronym = text.chars().any(|c| c.is_uppercase())
                    && !text.chars().any(|c| c.is_lowercase());
                patterns.push((i, text.to_string(), acronym));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(_, p, _)| p.as_str()))
            .ok();
        let links = glossary
            .terms
            .iter()
            .map(|t| crate::markdown::term_link(&t.id, &t.definition))
            .collect();
        TermMatcher {
            automaton,
            patterns,
            links,
        }
    }

    /// Whole-word matches of terms in `text`, left to right, skipping terms `skip` rejects.
    pub fn find(&self, text: &str, mut skip: impl FnMut(usize) -> bool) -> Vec<TermMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for m in automaton.find_iter(text) {
            let (term, pattern, acronym) = &self.patterns[m.pattern().as_usize()];
            let matched = &text[m.start()..m.end()];
            let bounded = !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !text[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !bounded || (*acronym && matched != pattern) || skip(*term) {
                continue;
            }
            found.push(TermMatch {
                start: m.start(),
                end: m.end(),
                term: *term,
            });
        }
        found
    }
}
