//! Text into lines: a paragraph wrapped to a width (after a hyphen when a long compound's start
//! fits, between characters when a word is wider than the line), and text made drawable.

use super::{Layout, TextStyle};

impl Layout {
    /// Breaks `text` into lines no wider than `width`. Explicit line breaks are kept; a word
    /// longer than a line is broken between characters.
    pub fn wrap(&self, text: &str, style: &TextStyle, width: f64) -> Vec<String> {
        let measure = |s: &str| self.text_width(s, style);
        let space = measure(" ");
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split_whitespace() {
                let word_w = measure(word);
                if !line.is_empty() && line_w + space + word_w <= width {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                } else if let Some((head, tail)) = split_at_hyphen(word, width, &measure) {
                    // A long compound breaks after a hyphen when its start fits.
                    lines.push(head.to_string());
                    line_w = measure(tail);
                    if line_w <= width {
                        line.push_str(tail);
                    } else {
                        line_w =
                            cut_between_characters(tail, width, &measure, &mut lines, &mut line);
                    }
                } else {
                    // A word wider than the line: cut it where it overflows.
                    line_w = cut_between_characters(word, width, &measure, &mut lines, &mut line);
                }
            }
            lines.push(line);
        }
        // Blank paragraphs inside keep their line; trailing blank lines do not.
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }
}

/// Puts `word` on lines no wider than `width`, cut between characters, starting on the empty
/// `line`: full lines go to `lines`, the last piece stays in `line`. Returns its width.
fn cut_between_characters(
    word: &str,
    width: f64,
    measure: &impl Fn(&str) -> f64,
    lines: &mut Vec<String>,
    line: &mut String,
) -> f64 {
    let mut line_w = 0.0;
    for c in word.chars() {
        let mut buf = [0u8; 4];
        let cw = measure(c.encode_utf8(&mut buf));
        if line_w + cw > width && !line.is_empty() {
            lines.push(std::mem::take(line));
            line_w = 0.0;
        }
        line.push(c);
        line_w += cw;
    }
    line_w
}

/// The longest start of `word` that ends with a hyphen and fits in `width`, and the rest.
fn split_at_hyphen<'w>(
    word: &'w str,
    width: f64,
    measure: &impl Fn(&str) -> f64,
) -> Option<(&'w str, &'w str)> {
    word.char_indices()
        .filter(|&(i, c)| c == '-' && i + 1 < word.len())
        .map(|(i, _)| word.split_at(i + 1))
        .filter(|(head, _)| measure(head) <= width)
        .last()
}

/// Text as it can be drawn: tabs become spaces, other control characters are dropped, line
/// breaks are normalised to `\n`.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
