//! The one rule for text people type, and the one key that tells names apart.
//!
//! Every text field is one of three shapes, checked by [`check`] with its limit counted in
//! Unicode characters (never bytes):
//! - [`Shape::Free`]: several lines (evidence, notes, a rationale, a setting's value). Line
//!   breaks (`\n`, `\r`) and tabs are kept; every other control character (NUL, ESC, BEL …) is
//!   refused, because it would vanish or break the page, the PDF and the CSV.
//! - [`Shape::Line`]: one line (an owner, an id, a setting key): no control character at all.
//! - [`Shape::Name`]: a name people tell apart by sight (a team, a learner, a respondent, a
//!   workshop): one line, and no invisible formatting character either — zero-width spaces and
//!   joiners, bidi embeddings, overrides and isolates, the byte order mark, soft hyphens and the
//!   other characters of the Unicode category `Cf`, and the line and paragraph separators.
//!   Those would make two names that look the same differ, or reorder what is shown around them.
//!   The one exception is a zero-width joiner between two emoji (👩‍👩‍👧), which is visible.
//!
//! [`name_key`] is what makes names unique: two names are the same name when their keys are
//! equal (canonical caseless matching, Unicode §3.13).
//!
//! The app, the CLI, import and the store call these functions; nothing else writes the rule.
//! Neighbours: `devops-maturity-store` keeps `name_key` in the `teams` and `learners` tables.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

/// What a text field may contain; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Free,
    Line,
    Name,
}

/// A shape and the most characters allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub shape: Shape,
    pub max: usize,
}

impl Rule {
    pub const fn free(max: usize) -> Rule {
        Rule {
            shape: Shape::Free,
            max,
        }
    }

    pub const fn line(max: usize) -> Rule {
        Rule {
            shape: Shape::Line,
            max,
        }
    }

    pub const fn name(max: usize) -> Rule {
        Rule {
            shape: Shape::Name,
            max,
        }
    }
}

/// What is wrong with a text, without saying which field it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong {
        max: usize,
        count: usize,
    },
    /// A control character the shape does not allow, at `position` (1-based, in characters).
    Control {
        character: char,
        position: usize,
        shape: Shape,
    },
    /// An invisible formatting character in a name, at `position` (1-based).
    Invisible {
        character: char,
        position: usize,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => write!(f, "cannot be empty"),
            Problem::TooLong { max, count } => {
                write!(f, "can have at most {max} characters; this has {count}")
            }
            Problem::Control {
                character,
                position,
                shape,
            } => {
                let allowed = match shape {
                    Shape::Free => " other than line breaks and tabs",
                    Shape::Line | Shape::Name => " (line breaks, tabs, NUL …)",
                };
                write!(
                    f,
                    "cannot contain control characters{allowed}: U+{:04X} at character {position}",
                    u32::from(*character)
                )
            }
            Problem::Invisible {
                character,
                position,
            } => write!(
                f,
                "cannot contain invisible formatting characters (zero-width, bidi controls, byte order mark …): U+{:04X} at character {position}",
                u32::from(*character)
            ),
        }
    }
}

/// A refused text: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The field as people know it: "evidence", "a team name", "the notes of plan item 3".
    pub field: String,
    pub problem: Problem,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.problem)
    }
}

impl std::error::Error for TextError {}

/// Whether `c` is a formatting character a name may not hide: category `Cf` (zero-width space
/// and joiners, bidi marks, embeddings, overrides and isolates, BOM, soft hyphen, tags …) and
/// the line and paragraph separators.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// Checks `text` against `rule` as it is (no trimming). Emptiness is the caller's decision
/// (an optional field may be empty): see [`required`].
pub fn check(field: &str, text: &str, rule: Rule) -> Result<(), TextError> {
    let fail = |problem| {
        Err(TextError {
            field: field.to_string(),
            problem,
        })
    };
    let count = text.chars().count();
    if count > rule.max {
        return fail(Problem::TooLong {
            max: rule.max,
            count,
        });
    }
    let chars: Vec<char> = if rule.shape == Shape::Name {
        text.chars().collect()
    } else {
        Vec::new()
    };
    for (i, c) in text.chars().enumerate() {
        let position = i + 1;
        if c.is_control() && !(rule.shape == Shape::Free && matches!(c, '\n' | '\r' | '\t')) {
            return fail(Problem::Control {
                character: c,
                position,
                shape: rule.shape,
            });
        }
        if rule.shape == Shape::Name && is_invisible_format(c) && !joins_emoji(&chars, i) {
            return fail(Problem::Invisible {
                character: c,
                position,
            });
        }
    }
    Ok(())
}

/// Whether `chars[i]` is a zero-width joiner inside an emoji sequence (👩‍👩‍👧), where it is
/// not invisible: it draws the emoji on either side as one picture.
fn joins_emoji(chars: &[char], i: usize) -> bool {
    let emoji = |c: &char| !c.is_ascii() && c.is_emoji_char();
    chars[i] == '\u{200d}'
        && chars[..i]
            .iter()
            .rev()
            .find(|c| **c != '\u{fe0f}')
            .is_some_and(emoji)
        && chars.get(i + 1).is_some_and(emoji)
}

/// Trims `text`, refuses it when empty, and checks the rest against `rule`.
pub fn required<'t>(field: &str, text: &'t str, rule: Rule) -> Result<&'t str, TextError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TextError {
            field: field.to_string(),
            problem: Problem::Empty,
        });
    }
    check(field, text, rule)?;
    Ok(text)
}

/// The key under which a name is unique: the name in Unicode canonical decomposition, fully
/// case-folded (`ß` = `ss`, `Σ`/`ς`/`σ` alike), recomposed (NFC). So "Café" typed with a
/// precomposed `é` or with `e` + a combining accent, and "CAFÉ", are one name. Invisible
/// formatting characters (which names refuse) are left out, so names stored before they were
/// refused still meet their visible twin.
pub fn name_key(name: &str) -> String {
    caseless::Caseless::default_case_fold(name.nfd().filter(|c| !is_invisible_format(*c)))
        .nfc()
        .collect()
}

/// A name made safe as (part of) a file name to suggest: the characters file systems refuse
/// (path separators, `: * ? " < > |`), control characters and invisible formatting characters
/// become `-`; spaces, dots and dashes at either end go (no hidden file, no `..`). `fallback`
/// when nothing is left. The one rule for every suggested file name: exports, reports,
/// handouts and the heatmap image.
pub fn file_name_part(name: &str, fallback: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() || is_invisible_format(c) => '-',
            c => c,
        })
        .collect();
    let safe = safe.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == '-');
    if safe.is_empty() {
        fallback.to_string()
    } else {
        safe.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(field: &str, text: &str, rule: Rule) -> String {
        check(field, text, rule).unwrap_err().to_string()
    }

    #[test]
    fn free_text_keeps_line_breaks_and_tabs_and_refuses_other_controls() {
        assert!(check("evidence", "one\ntwo\r\n\tthree", Rule::free(100)).is_ok());
        for c in ['\0', '\u{1b}', '\u{7}', '\u{7f}', '\u{85}'] {
            let text = format!("a{c}b");
            assert!(
                message("evidence", &text, Rule::free(100)).starts_with(
                    "evidence cannot contain control characters other than line breaks and tabs: U+"
                ),
                "{c:?} is refused in free text"
            );
        }
        assert_eq!(
            message("evidence", "ab\u{7}", Rule::free(100)),
            "evidence cannot contain control characters other than line breaks and tabs: U+0007 at character 3"
        );
    }

    #[test]
    fn one_line_refuses_every_control_character() {
        assert_eq!(
            message("an owner", "Ana\nBea", Rule::line(100)),
            "an owner cannot contain control characters (line breaks, tabs, NUL …): U+000A at character 4"
        );
        assert!(
            check("an owner", "Ana\u{200b}", Rule::line(100)).is_ok(),
            "a line that is not a name may hold formatting characters"
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let text = "é".repeat(10);
        assert!(
            check("a name", &text, Rule::name(10)).is_ok(),
            "20 bytes, 10 characters"
        );
        assert_eq!(
            message("a name", &"é".repeat(11), Rule::name(10)),
            "a name can have at most 10 characters; this has 11"
        );
    }

    #[test]
    fn names_refuse_invisible_formatting_characters() {
        for c in [
            '\u{200b}', // zero-width space
            '\u{200c}', // zero-width non-joiner
            '\u{200d}', // zero-width joiner
            '\u{200e}', // left-to-right mark
            '\u{202e}', // right-to-left override
            '\u{2066}', // left-to-right isolate
            '\u{feff}', // byte order mark
            '\u{ad}',   // soft hyphen
            '\u{2028}', // line separator
        ] {
            let name = format!("Plat{c}form");
            let err = check("a team name", &name, Rule::name(100)).unwrap_err();
            assert_eq!(
                err.problem,
                Problem::Invisible {
                    character: c,
                    position: 5
                },
                "{c:?} is refused in a name"
            );
            assert!(err
                .to_string()
                .starts_with("a team name cannot contain invisible formatting characters"));
        }
        for name in [
            "Zoë Ødegård",
            "فريق المنصة",
            "צוות התשתית",
            "チーム",
            "🚀 Rocket 👩‍👩‍👧",
            "🏳️‍🌈 Pride",
            "e\u{301}quipe",
        ] {
            assert!(
                check("a team name", name, Rule::name(100)).is_ok(),
                "{name} is a name"
            );
        }
    }

    #[test]
    fn a_joiner_is_allowed_only_between_two_emoji() {
        for name in [
            "Te\u{200d}am",
            "\u{200d}👩",
            "👩\u{200d}",
            "1\u{200d}2",
            "👩\u{200d}a",
        ] {
            assert!(
                check("a team name", name, Rule::name(100)).is_err(),
                "{name:?}: a joiner outside an emoji sequence is invisible"
            );
        }
    }

    #[test]
    fn required_trims_and_refuses_empty() {
        assert_eq!(
            required("a team name", "  Core ", Rule::name(10)),
            Ok("Core")
        );
        assert_eq!(
            required("a team name", " \t ", Rule::name(10))
                .unwrap_err()
                .to_string(),
            "a team name cannot be empty"
        );
    }

    #[test]
    fn name_keys_match_across_normal_forms_and_cases() {
        let nfc = "Caf\u{e9}";
        let nfd = "Cafe\u{301}";
        assert_ne!(nfc, nfd);
        assert_eq!(name_key(nfc), name_key(nfd), "NFC and NFD are one name");
        assert_eq!(
            name_key("CAFÉ"),
            name_key(nfd),
            "case is folded beyond ASCII"
        );
        assert_eq!(
            name_key("Straße"),
            name_key("STRASSE"),
            "full folding: ß = ss"
        );
        assert_eq!(name_key("ΟΔΥΣΣΕΥΣ"), name_key("οδυσσευς"), "final sigma");
        assert_eq!(name_key("Ярослава"), name_key("ЯРОСЛАВА"));
        assert_eq!(
            name_key("Te\u{200b}am"),
            name_key("Team"),
            "an invisible character does not make another name"
        );
        assert_eq!(name_key(nfd), "caf\u{e9}", "the key is recomposed (NFC)");
        assert_ne!(name_key("Team A"), name_key("Team B"));
    }

    #[test]
    fn file_name_parts_keep_the_name_and_drop_what_file_systems_refuse() {
        assert_eq!(
            file_name_part("Booking Web (demo)", "team"),
            "Booking Web (demo)"
        );
        assert_eq!(file_name_part("../../etc", "team"), "etc");
        assert_eq!(file_name_part("Zoë's team", "team"), "Zoë's team");
        assert_eq!(
            file_name_part("Zoë/Ødegård: Łukasz? – report", "report"),
            "Zoë-Ødegård- Łukasz- – report"
        );
        assert_eq!(file_name_part("a\u{200b}b\u{7}c\\d", "x"), "a-b-c-d");
        assert_eq!(file_name_part(" .hidden. ", "x"), "hidden");
        assert_eq!(file_name_part("///", "team"), "team");
        assert_eq!(file_name_part("", "heatmap.png"), "heatmap.png");
    }
}
