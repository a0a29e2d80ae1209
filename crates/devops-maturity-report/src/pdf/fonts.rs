//! The two faces every report uses, DejaVu Sans and DejaVu Sans Bold (from the `dejavu`
//! crate, so no font file lives in the repository). They cover Latin, Greek and Cyrillic.
//!
//! Text is measured from the fonts' own glyph advances (the `hmtx` table), so wrapping and
//! column widths match what the reader sees. Before embedding, each face is cut down to the
//! glyphs the document uses: a full DejaVu Sans is ~740 KB, a report's subset a few dozen KB,
//! and compressing less is most of what keeps a report under 100 ms.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;

use crate::ReportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => dejavu::sans::regular(),
            Face::Bold => dejavu::sans::bold(),
        }
    }
}

/// What layout needs of a face: advances per character, in font units.
#[derive(Debug)]
pub struct Metrics {
    units_per_em: f64,
    /// Ascender above the baseline, in ems.
    pub ascent: f64,
    /// Descender below the baseline, in ems (positive).
    pub descent: f64,
    glyphs: HashMap<char, (u16, u16)>,
    notdef_advance: u16,
}

impl Metrics {
    fn read(face: Face) -> Result<Metrics, String> {
        let bytes = face.bytes();
        let file = ReadScope::new(bytes)
            .read::<FontData<'_>>()
            .map_err(|e| e.to_string())?;
        let provider = file.table_provider(0).map_err(|e| e.to_string())?;
        let table = |t| provider.read_table_data(t).map_err(|e| e.to_string());
        let head_data = table(tag::HEAD)?;
        let head = ReadScope::new(&head_data)
            .read::<HeadTable>()
            .map_err(|e| e.to_string())?;
        let maxp_data = table(tag::MAXP)?;
        let maxp = ReadScope::new(&maxp_data)
            .read::<MaxpTable>()
            .map_err(|e| e.to_string())?;
        let hhea_data = table(tag::HHEA)?;
        let hhea = ReadScope::new(&hhea_data)
            .read::<HheaTable>()
            .map_err(|e| e.to_string())?;
        let hmtx_data = table(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| e.to_string())?;
        let cmap_data = table(tag::CMAP)?;
        let cmap = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|e| e.to_string())?;
        let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap)
            .map_err(|e| e.to_string())?
            .ok_or("no Unicode cmap")?;
        let mut glyphs = HashMap::new();
        subtable
            .mappings_fn(|cp, gid| {
                if let Some(c) = char::from_u32(cp) {
                    let advance = hmtx.horizontal_advance(gid).unwrap_or(0);
                    glyphs.insert(c, (gid, advance));
                }
            })
            .map_err(|e| e.to_string())?;
        let units_per_em = f64::from(head.units_per_em);
        Ok(Metrics {
            units_per_em,
            ascent: f64::from(hhea.ascender) / units_per_em,
            descent: -f64::from(hhea.descender) / units_per_em,
            notdef_advance: hmtx.horizontal_advance(0).unwrap_or(0),
            glyphs,
        })
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.glyphs.get(&c).map_or(self.notdef_advance, |g| g.1)))
            .sum();
        f64::from(units) * size / self.units_per_em
    }

    fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(&c).map(|g| g.0)
    }
}

/// Both faces, read once per process.
pub struct Fonts {
    regular: Metrics,
    bold: Metrics,
}

impl Fonts {
    pub fn get() -> Result<&'static Fonts, ReportError> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: Metrics::read(Face::Regular)?,
                    bold: Metrics::read(Face::Bold)?,
                })
            })
            .as_ref()
            .map_err(|e| ReportError::Font(e.clone()))
    }

    pub fn metrics(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The face cut down to the glyphs of `chars` (plus .notdef), as a TrueType file with a
    /// Unicode cmap for exactly those characters.
    pub fn subset(&self, face: Face, chars: &BTreeSet<char>) -> Result<Vec<u8>, ReportError> {
        let metrics = self.metrics(face);
        let mut ids: Vec<u16> = vec![0];
        ids.extend(chars.iter().filter_map(|&c| metrics.glyph(c)));
        ids[1..].sort_unstable();
        ids.dedup();
        let file = ReadScope::new(face.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| ReportError::Font(e.to_string()))?;
        let provider = file
            .table_provider(0)
            .map_err(|e| ReportError::Font(e.to_string()))?;
        subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .map_err(|e| ReportError::Font(format!("cannot subset the font: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_glyph_advances() {
        let fonts = Fonts::get().unwrap();
        let regular = fonts.metrics(Face::Regular);
        let bold = fonts.metrics(Face::Bold);
        // DejaVu Sans: 2048 units per em, "i" 569 units, "W" 2025 units.
        assert!((regular.width("i", 2048.0) - 569.0).abs() < 1e-9);
        assert!(regular.width("WWW", 10.0) > regular.width("iii", 10.0) * 3.0);
        assert!(
            bold.width("Zoë Ødegård", 10.0) > regular.width("Zoë Ødegård", 10.0),
            "bold is wider"
        );
        for c in "ZoëØdegårdŁukaszЯрославаΑλφα".chars() {
            assert!(regular.glyph(c).is_some(), "DejaVu Sans has {c}");
            assert!(bold.glyph(c).is_some(), "DejaVu Sans Bold has {c}");
        }
    }

    #[test]
    fn a_subset_is_small_and_keeps_the_characters() {
        let fonts = Fonts::get().unwrap();
        let chars: BTreeSet<char> = "Ярослава Łukasz".chars().collect();
        let bytes = fonts.subset(Face::Regular, &chars).unwrap();
        assert!(
            bytes.len() < 40_000,
            "a few glyphs, not the whole font: {} bytes",
            bytes.len()
        );
        let parsed = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).unwrap();
        for c in chars {
            assert!(
                parsed.lookup_glyph_index(c as u32).is_some(),
                "{c} survives subsetting"
            );
        }
    }
}
