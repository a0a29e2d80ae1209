//! Text → positioned glyphs, as a reader expects to see it. Right-to-left text is put in
//! visual order with the Unicode bidi algorithm (`unicode-bidi`; lines are left to right, as
//! the reports are in English), each run is shaped with
//! `rustybuzz` (Arabic letters join, Hebrew and Arabic read right to left, combining accents
//! sit on their base letter, ligatures and kerning apply), and every character is drawn
//! from the first font that has it ([`Fonts::font_for`]).
//!
//! Text in left-to-right scripts without combining marks takes a faster path: one glyph per
//! character at its advance as the PDF reader applies it (whole thousandths of an em), so
//! the content stream needs no kerning numbers. Most of a
//! report is such text, and [`width`] is called for every word that wraps.
//!
//! Each glyph keeps the characters it stands for, so the PDF's text layer gives back what
//! was typed (see [`super::emit`]).

use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};

use super::fonts::{is_ignorable, is_kana, Face, Font, Fonts};

/// One glyph of a shaped line.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub font: &'static Font,
    pub gid: u16,
    /// From the start of the line, in points, rightwards.
    pub x: f64,
    /// Above the baseline, in points.
    pub y: f64,
    /// The characters this glyph shows (empty for the second glyph of a character drawn with
    /// several).
    pub text: String,
}

/// A line of text as glyphs in visual order (left to right).
#[derive(Debug, Clone)]
pub struct Shaped {
    pub glyphs: Vec<Glyph>,
    pub width: f64,
    /// True when the glyphs are not the characters one for one in typed order (combined
    /// letters, ligatures) in a line without right-to-left text: the PDF then carries the
    /// typed text beside them as `/ActualText`. Right-to-left lines do without it: PDF readers
    /// put their glyphs, drawn in visual order, back in typed order themselves (poppler
    /// reverses an `/ActualText` of a right-to-left run a second time).
    pub actual_text: bool,
    /// Characters no font can draw (they show as the primary font's empty box).
    pub missing: Vec<char>,
}

/// Whether `c` needs the bidi algorithm or the shaper.
fn complex(c: char) -> bool {
    let u = c as u32;
    matches!(
        bidi_class(c),
        BidiClass::R
            | BidiClass::AL
            | BidiClass::AN
            | BidiClass::NSM
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::LRE
            | BidiClass::LRO
            | BidiClass::PDF
            | BidiClass::RLI
            | BidiClass::LRI
            | BidiClass::FSI
            | BidiClass::PDI
    ) || (0x0900..=0x109F).contains(&u) // Indic, Thai, Lao, Tibetan, Myanmar
        || (0x1100..=0x11FF).contains(&u) // Hangul jamo
        || (0x1780..=0x18AF).contains(&u) // Khmer, Mongolian
        || (0x1F1E6..=0x1F1FF).contains(&u) // regional indicators (flags)
        || (0x1F3FB..=0x1F3FF).contains(&u) // skin tones
        || is_ignorable(c)
}

/// The width of `text` in points, as [`shape`] would lay it out.
pub fn width(fonts: &'static Fonts, text: &str, face: Face, size: f64) -> f64 {
    if text.chars().any(complex) {
        return shape(fonts, text, face, size).width;
    }
    let kana = text.chars().any(is_kana);
    let primary = fonts.primary(face);
    text.chars()
        .map(|c| {
            let font = fonts.font_for(c, face, kana).unwrap_or(primary);
            font.pdf_advance(font.glyph(c).unwrap_or(0), size)
        })
        .sum()
}

/// `text` (one line) as glyphs.
pub fn shape(fonts: &'static Fonts, text: &str, face: Face, size: f64) -> Shaped {
    if text.chars().any(complex) {
        shape_complex(fonts, text, face, size)
    } else {
        shape_simple(fonts, text, face, size)
    }
}

fn shape_simple(fonts: &'static Fonts, text: &str, face: Face, size: f64) -> Shaped {
    let kana = text.chars().any(is_kana);
    let primary: &'static Font = fonts.primary(face);
    let mut out = Shaped {
        glyphs: Vec::with_capacity(text.len()),
        width: 0.0,
        actual_text: false,
        missing: Vec::new(),
    };
    for c in text.chars() {
        let (font, gid) = match fonts.font_for(c, face, kana) {
            Some(font) => (font, font.glyph(c).unwrap_or(0)),
            None => {
                if !is_ignorable(c) && !c.is_whitespace() {
                    out.missing.push(c);
                }
                (primary, 0)
            }
        };
        out.glyphs.push(Glyph {
            font,
            gid,
            x: out.width,
            y: 0.0,
            text: c.to_string(),
        });
        out.width += font.pdf_advance(gid, size);
    }
    out
}

fn shape_complex(fonts: &'static Fonts, text: &str, face: Face, size: f64) -> Shaped {
    let kana = text.chars().any(is_kana);
    let primary: &'static Font = fonts.primary(face);
    let mut out = Shaped {
        glyphs: Vec::new(),
        width: 0.0,
        actual_text: false,
        missing: Vec::new(),
    };
    // The reports are written in English: every line is left to right, and a run of
    // Hebrew or Arabic inside it reads right to left.
    let bidi = BidiInfo::new(text, Some(Level::ltr()));
    out.actual_text = !bidi.has_rtl();
    for para in &bidi.paragraphs {
        let (levels, runs) = bidi.visual_runs(para, para.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            // Split the bidi run where the font changes; marks, joiners and spaces stay with
            // the font of the character before them when it has them.
            let mut pieces: Vec<(std::ops::Range<usize>, &'static Font)> = Vec::new();
            for (i, c) in text[run.clone()].char_indices() {
                let at = run.start + i;
                let end = at + c.len_utf8();
                if let Some((range, font)) = pieces.last_mut() {
                    let sticks = is_ignorable(c)
                        || (matches!(bidi_class(c), BidiClass::NSM | BidiClass::WS)
                            && font.glyph(c).is_some());
                    if sticks {
                        range.end = end;
                        continue;
                    }
                }
                let font = match fonts.font_for(c, face, kana) {
                    Some(f) => f,
                    None => {
                        if !is_ignorable(c) && !c.is_whitespace() {
                            out.missing.push(c);
                        }
                        pieces.last().map_or(primary, |p| p.1)
                    }
                };
                match pieces.last_mut() {
                    Some((range, f)) if f.id == font.id => range.end = end,
                    _ => pieces.push((at..end, font)),
                }
            }
            if rtl {
                pieces.reverse();
            }
            for (range, font) in pieces {
                shape_piece(text, run.clone(), range, font, rtl, size, &mut out);
            }
        }
    }
    out
}

/// Shapes `text[range]` (inside the bidi run `run`, whose other characters give context for
/// joining) in `font`, appending the glyphs at the end of `out`.
fn shape_piece(
    text: &str,
    run: std::ops::Range<usize>,
    range: std::ops::Range<usize>,
    font: &'static Font,
    rtl: bool,
    size: f64,
    out: &mut Shaped,
) {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(&text[range.clone()]);
    buffer.set_pre_context(&text[run.start..range.start]);
    buffer.set_post_context(&text[range.end..run.end]);
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    buffer.set_cluster_level(rustybuzz::BufferClusterLevel::Characters);
    let shaped = rustybuzz::shape(&font.shaper, &[], buffer);
    let scale = font.scale(size);
    // Where each cluster's characters end: the next larger cluster start, or the piece's end.
    let mut starts: Vec<usize> = shaped
        .glyph_infos()
        .iter()
        .map(|g| g.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let local = &text[range.clone()];
    let mut seen = vec![false; starts.len()];
    let space = font.glyph(' ');
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let start = info.cluster as usize;
        let k = starts.binary_search(&start).unwrap_or(0);
        let end = starts.get(k + 1).copied().unwrap_or(local.len());
        let chars = &local[start.min(local.len())..end.min(local.len())];
        let gid = u16::try_from(info.glyph_id).unwrap_or(0);
        let advance = f64::from(pos.x_advance) * scale;
        // A hidden joiner or variation selector: rustybuzz draws it as a zero-width space;
        // leave it out so the space glyph keeps meaning a space in the text layer.
        let hidden = pos.x_advance == 0
            && Some(gid) == space
            && !chars.is_empty()
            && chars.chars().all(is_ignorable);
        if !hidden {
            let text = if seen[k] {
                String::new()
            } else {
                seen[k] = true;
                chars.to_string()
            };
            out.glyphs.push(Glyph {
                font,
                gid,
                x: out.width + f64::from(pos.x_offset) * scale,
                y: f64::from(pos.y_offset) * scale,
                text,
            });
        }
        out.width += advance;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().unwrap()
    }

    fn texts(s: &Shaped) -> Vec<&str> {
        s.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn latin_takes_one_glyph_per_character_at_its_advance() {
        let s = shape(fonts(), "Zoë Ødegård", Face::Regular, 10.0);
        assert!(!s.actual_text);
        assert_eq!(s.glyphs.len(), 11);
        assert!((s.width - width(fonts(), "Zoë Ødegård", Face::Regular, 10.0)).abs() < 1e-9);
        assert!(
            s.glyphs.windows(2).all(|g| g[0].x < g[1].x),
            "left to right"
        );
        assert!(s.missing.is_empty());
    }

    #[test]
    fn hebrew_reads_right_to_left() {
        // שלום: shin, lamed, vav, final mem. Drawn left to right, the last letter comes first.
        let s = shape(fonts(), "שלום", Face::Regular, 10.0);
        assert!(
            !s.actual_text,
            "readers reorder right-to-left text themselves"
        );
        assert_eq!(texts(&s), ["ם", "ו", "ל", "ש"], "visual order");
        assert!(s.missing.is_empty());
    }

    #[test]
    fn arabic_letters_join() {
        // The isolated letters of مرحبا would be the cmap's glyphs; joined forms differ.
        let f = fonts().primary(Face::Regular);
        let s = shape(fonts(), "مرحبا", Face::Regular, 10.0);
        let isolated: Vec<u16> = "مرحبا".chars().filter_map(|c| f.glyph(c)).collect();
        let drawn: Vec<u16> = s.glyphs.iter().rev().map(|g| g.gid).collect();
        assert_ne!(
            drawn, isolated,
            "contextual forms replace the isolated ones"
        );
        let typed: String = s.glyphs.iter().rev().map(|g| g.text.as_str()).collect();
        assert_eq!(typed, "مرحبا", "every letter is kept for the text layer");
    }

    #[test]
    fn a_combining_accent_sits_on_its_base() {
        // e + COMBINING ACUTE: one character on the page, not "e´" side by side.
        let s = shape(fonts(), "Cafe\u{301}", Face::Regular, 10.0);
        let plain = width(fonts(), "Café", Face::Regular, 10.0);
        assert!(
            (s.width - plain).abs() < 0.5,
            "as wide as the precomposed word: {} vs {plain}",
            s.width
        );
        let typed: String = s.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(typed, "Cafe\u{301}");
        assert!(
            s.actual_text,
            "the typed characters go beside the combined glyph"
        );
    }

    #[test]
    fn mixed_direction_keeps_latin_left_to_right() {
        let visual = |text: &str| -> String {
            let s = shape(fonts(), text, Face::Regular, 10.0);
            s.glyphs.iter().map(|g| g.text.as_str()).collect()
        };
        assert_eq!(visual("Team שלום, ready"), "Team םולש, ready");
        // A number after Hebrew belongs to the Hebrew run (as in a browser): it is written
        // to its left, its digits still left to right.
        assert_eq!(visual("Team שלום 42"), "Team 42 םולש");
        // Unless the name is isolated, as the footers do.
        assert_eq!(visual("Team \u{2068}שלום\u{2069} 42"), "Team םולש 42");
    }
}
