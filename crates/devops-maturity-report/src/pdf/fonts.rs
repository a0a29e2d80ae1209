//! The fonts of the PDF reports. Text is set in DejaVu Sans and DejaVu Sans Bold (from the
//! `dejavu` crate, so no font file lives in the repository): Latin, Greek, Cyrillic, Hebrew
//! and Arabic. A character they lack (Chinese, Japanese, emoji …) comes from a font installed
//! on the system, found with `fontdb`: Noto Sans CJK first (the Japanese cut when the text
//! has kana), then Noto Sans, its symbol faces and Symbola, then any other installed face
//! that has the character and outlines a PDF can embed (colour bitmap fonts cannot be
//! drawn, so they are never picked). The system is asked only once a character is missing
//! from DejaVu, so a Latin report never scans the installed fonts.
//!
//! Text is measured from the fonts' own advances (through [`super::shape`]), so wrapping and
//! column widths match what the reader sees. Before embedding, every face is cut down to
//! the glyphs the document uses ([`Font::subset`]): a full DejaVu Sans is ~740 KB and a CJK
//! collection ~20 MB, a report's subsets a few dozen KB.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use rustybuzz::ttf_parser;

use crate::ReportError;

/// The weight a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
}

/// One font face, read once per process and kept for its lifetime.
pub struct Font {
    /// Order of loading: 0 and 1 are DejaVu Sans and Sans Bold.
    pub id: usize,
    /// The PostScript name, used for the PDF's font name.
    pub name: String,
    bytes: &'static [u8],
    index: u32,
    pub shaper: rustybuzz::Face<'static>,
    units_per_em: f64,
    /// Ascender above the baseline, in ems.
    pub ascent: f64,
    /// Descender below the baseline, in ems (positive).
    pub descent: f64,
    /// DejaVu's characters and glyphs, read once: most text of a report is measured through
    /// this table, which is faster than asking the font's cmap each time.
    table: HashMap<char, u16>,
}

impl std::fmt::Debug for Font {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Font({} {})", self.id, self.name)
    }
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

impl Font {
    /// `embedded`: one of the two DejaVu faces, whose cmap is read into a table at once.
    fn parse(bytes: &'static [u8], index: u32, embedded: bool) -> Result<Font, String> {
        let shaper = rustybuzz::Face::from_slice(bytes, index).ok_or("not a font file")?;
        let units_per_em = f64::from(shaper.units_per_em());
        let name = shaper
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".to_string());
        let mut table = HashMap::new();
        if embedded {
            if let Some(cmap) = shaper.tables().cmap {
                for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                    sub.codepoints(|cp| {
                        if let Some((c, g)) =
                            char::from_u32(cp).and_then(|c| Some((c, sub.glyph_index(cp)?)))
                        {
                            table.entry(c).or_insert(g.0);
                        }
                    });
                }
            }
        }
        Ok(Font {
            table,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            name,
            bytes,
            index,
            ascent: f64::from(shaper.ascender()) / units_per_em,
            descent: -f64::from(shaper.descender()) / units_per_em,
            shaper,
            units_per_em,
        })
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        if !self.table.is_empty() {
            return self.table.get(&c).copied().filter(|&g| g != 0);
        }
        self.shaper.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    /// A glyph's advance in font units.
    pub fn advance(&self, gid: u16) -> u16 {
        self.shaper
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0)
    }

    /// A glyph's advance in points at `size` as a PDF reader moves its pen: by the `/W`
    /// width, which printpdf writes in whole thousandths of an em (truncated).
    pub fn pdf_advance(&self, gid: u16, size: f64) -> f64 {
        let thousandths = (f32::from(self.advance(gid)) * 1000.0 / self.units_per_em as f32) as i64;
        thousandths as f64 * size / 1000.0
    }

    /// Points per font unit at `size`.
    pub fn scale(&self, size: f64) -> f64 {
        size / self.units_per_em
    }

    /// The face cut down to `gids` (which must start with 0, .notdef, and hold no duplicate).
    /// The subset numbers its glyphs in the order of `gids`: glyph `gids[i]` becomes `i`.
    pub fn subset(&self, gids: &[u16]) -> Result<Vec<u8>, ReportError> {
        let font = |e: &dyn std::fmt::Display| {
            ReportError::Font(format!("cannot subset the font {}: {e}", self.name))
        };
        let file = ReadScope::new(self.bytes)
            .read::<FontData<'_>>()
            .map_err(|e| font(&e))?;
        let provider = file
            .table_provider(self.index as usize)
            .map_err(|e| font(&e))?;
        subset(&provider, gids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| font(&e))
    }
}

/// Characters that draw nothing by themselves (joiners, variation selectors, bidi marks …):
/// never reported as missing, and never a reason to switch fonts.
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
        || c.is_control()
}

/// Hiragana and katakana: text with them is Japanese, so Han characters take Japanese forms.
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// The embedded faces, and the installed ones once a character needs them.
pub struct Fonts {
    regular: Font,
    bold: Font,
    system: OnceLock<System>,
}

impl Fonts {
    pub fn get() -> Result<&'static Fonts, ReportError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Font::parse(dejavu::sans::regular(), 0, true)?,
                    bold: Font::parse(dejavu::sans::bold(), 0, true)?,
                    system: OnceLock::new(),
                })
            })
            .as_ref()
            .map_err(|e| ReportError::Font(e.clone()))
    }

    /// DejaVu Sans or Sans Bold.
    pub fn primary(&self, face: Face) -> &Font {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The font that draws `c` in `face`: DejaVu when it has the character, else an
    /// installed font; `None` when no font has it. `kana` prefers Japanese forms of Han.
    pub fn font_for(&self, c: char, face: Face, kana: bool) -> Option<&Font> {
        let primary = self.primary(face);
        if primary.glyph(c).is_some() {
            return Some(primary);
        }
        self.system.get_or_init(System::load).pick(c, face, kana)
    }

    /// Whether some font can draw `c` (characters that draw nothing count as shown).
    pub fn shows(&self, c: char) -> bool {
        is_ignorable(c) || c.is_whitespace() || self.font_for(c, Face::Regular, false).is_some()
    }
}

/// Families tried, in order, before any other installed face.
const PREFERRED: [&str; 6] = [
    "Noto Sans",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "Noto Sans Math",
    "Symbola",
    "Noto Emoji",
];

/// A character in a weight, and whether Japanese forms are preferred.
type Wanted = (char, Face, bool);

/// The installed fonts: the catalogue, the faces read so far, and the choice made for each
/// character.
struct System {
    db: fontdb::Database,
    /// Faces in the order tried for a character not in [`PREFERRED`].
    others: Vec<fontdb::ID>,
    loaded: Mutex<HashMap<fontdb::ID, Option<&'static Font>>>,
    picks: Mutex<HashMap<Wanted, Option<&'static Font>>>,
}

impl System {
    fn load() -> System {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        // Sans faces first (they match DejaVu Sans best), then by name, for a stable choice.
        let mut others: Vec<&fontdb::FaceInfo> = db.faces().collect();
        others.sort_by_key(|f| {
            let family = f.families.first().map(|f| f.0.as_str()).unwrap_or("");
            (
                !family.contains("Sans"),
                family.to_string(),
                f.weight.0.abs_diff(400),
                f.style != fontdb::Style::Normal,
                f.index,
            )
        });
        let others = others.into_iter().map(|f| f.id).collect();
        System {
            db,
            others,
            loaded: Mutex::new(HashMap::new()),
            picks: Mutex::new(HashMap::new()),
        }
    }

    fn pick(&self, c: char, face: Face, kana: bool) -> Option<&'static Font> {
        let key = (c, face, kana);
        if let Some(found) = self.picks.lock().ok().and_then(|p| p.get(&key).copied()) {
            return found;
        }
        let found = self.search(c, face, kana);
        if let Ok(mut picks) = self.picks.lock() {
            picks.insert(key, found);
        }
        found
    }

    fn search(&self, c: char, face: Face, kana: bool) -> Option<&'static Font> {
        let cjk: [&str; 2] = if kana {
            ["Noto Sans CJK JP", "Noto Sans CJK SC"]
        } else {
            ["Noto Sans CJK SC", "Noto Sans CJK JP"]
        };
        let weight = match face {
            Face::Regular => fontdb::Weight::NORMAL,
            Face::Bold => fontdb::Weight::BOLD,
        };
        for family in cjk.iter().chain(&PREFERRED) {
            let query = fontdb::Query {
                families: &[fontdb::Family::Name(family)],
                weight,
                ..Default::default()
            };
            if let Some(id) = self.db.query(&query) {
                if self.has(id, c) {
                    return self.font(id);
                }
            }
        }
        let id = *self.others.iter().find(|&&id| self.has(id, c))?;
        // The same family in the wanted weight, when it exists and has the character too.
        let family = self.db.face(id)?.families.first()?.0.clone();
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(&family)],
            weight,
            ..Default::default()
        };
        let id = self
            .db
            .query(&query)
            .filter(|&w| self.has(w, c))
            .unwrap_or(id);
        self.font(id)
    }

    /// Whether face `id` has `c` and outlines a PDF can embed.
    fn has(&self, id: fontdb::ID, c: char) -> bool {
        // A face read already passed the outline check; its cmap is at hand.
        if let Some(Some(font)) = self.loaded.lock().ok().and_then(|l| l.get(&id).copied()) {
            return font.glyph(c).is_some();
        }
        self.db
            .with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .is_ok_and(|f| embeddable(&f) && f.glyph_index(c).is_some_and(|g| g.0 != 0))
            })
            .unwrap_or(false)
    }

    /// The face, read from its file once.
    fn font(&self, id: fontdb::ID) -> Option<&'static Font> {
        let mut loaded = self.loaded.lock().ok()?;
        if let Some(font) = loaded.get(&id) {
            return *font;
        }
        let font = self.db.face(id).and_then(|info| {
            let fontdb::Source::File(path) = &info.source else {
                return None;
            };
            let bytes: &'static [u8] = Box::leak(std::fs::read(path).ok()?.into_boxed_slice());
            Font::parse(bytes, info.index, false)
                .ok()
                .map(|f| &*Box::leak(Box::new(f)))
        });
        loaded.insert(id, font);
        font
    }
}

/// Outlines (TrueType or CFF) and a licence that allows embedding. A colour bitmap font
/// (Noto Color Emoji's `CBDT`, Apple's `sbix`) may carry empty outlines beside its bitmaps,
/// which a PDF would draw as nothing, so it never counts.
fn embeddable(face: &ttf_parser::Face<'_>) -> bool {
    let tables = face.tables();
    (tables.glyf.is_some() || tables.cff.is_some())
        && tables.cbdt.is_none()
        && tables.sbix.is_none()
        && face.permissions() != Some(ttf_parser::Permissions::Restricted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dejavu_has_the_european_scripts() {
        let fonts = Fonts::get().unwrap();
        let regular = fonts.primary(Face::Regular);
        // DejaVu Sans: 2048 units per em, "i" 569 units.
        let i = regular.glyph('i').unwrap();
        assert_eq!(regular.advance(i), 569);
        for c in "ZoëØdegårdŁukaszЯрославаΑλφαשלוםمرحبا".chars() {
            assert!(regular.glyph(c).is_some(), "DejaVu Sans has {c}");
        }
        for c in "ZoëØdegårdŁukaszЯрославаΑλφα".chars() {
            assert!(
                fonts.primary(Face::Bold).glyph(c).is_some(),
                "DejaVu Sans Bold has {c}"
            );
        }
    }

    #[test]
    fn a_subset_numbers_glyphs_in_the_order_given() {
        let fonts = Fonts::get().unwrap();
        let font = fonts.primary(Face::Regular);
        let mut gids: Vec<u16> = vec![0];
        gids.extend("Ярослава Łukasz".chars().filter_map(|c| font.glyph(c)));
        gids[1..].sort_unstable();
        gids.dedup();
        let bytes = font.subset(&gids).unwrap();
        assert!(
            bytes.len() < 40_000,
            "a few glyphs, not the whole font: {} bytes",
            bytes.len()
        );
        let sub = rustybuzz::Face::from_slice(&bytes, 0).unwrap();
        for (new, &old) in gids.iter().enumerate() {
            assert_eq!(
                sub.glyph_hor_advance(ttf_parser::GlyphId(new as u16)),
                Some(font.advance(old)),
                "glyph {old} is glyph {new} of the subset"
            );
        }
    }
}
