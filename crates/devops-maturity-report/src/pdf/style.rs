//! Type sizes and colours of the printed reports. Current/target use the app's accent and
//! focus colours (blue, solid; orange, dashed), which stay apart for colour-blind readers; the
//! heatmap uses a single-hue-to-dark sequential scale (ColorBrewer "YlGnBu"), readable in
//! grey print too, with the value written in every cell.

use super::fonts::Face;
use super::layout::TextStyle;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const fn hex(v: u32) -> Rgb {
        Rgb(
            ((v >> 16) & 0xff) as f32 / 255.0,
            ((v >> 8) & 0xff) as f32 / 255.0,
            (v & 0xff) as f32 / 255.0,
        )
    }

    /// Relative luminance (sRGB approximation), to pick black or white text on a fill.
    pub fn luminance(self) -> f32 {
        0.2126 * self.0 + 0.7152 * self.1 + 0.0722 * self.2
    }
}

pub const TEXT: Rgb = Rgb::hex(0x1b1f24);
pub const MUTED: Rgb = Rgb::hex(0x59636e);
pub const ACCENT: Rgb = Rgb::hex(0x1f5fbf);
pub const ACCENT_SOFT: Rgb = Rgb::hex(0xd6e3f7);
pub const TARGET: Rgb = Rgb::hex(0xb35c00);
pub const RULE: Rgb = Rgb::hex(0xd5dbe2);
pub const RULE_DARK: Rgb = Rgb::hex(0x8a96a3);
pub const HEADER_FILL: Rgb = Rgb::hex(0xe9eef5);
pub const ZEBRA: Rgb = Rgb::hex(0xf6f8fa);
pub const HOT_FILL: Rgb = Rgb::hex(0xfdecd8);
pub const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
pub const NEAREST_FILL: Rgb = Rgb::hex(0xe3ecfa);

/// ColorBrewer YlGnBu, 5 classes: levels 1 … 5 from light to dark.
pub const SEQUENTIAL: [Rgb; 5] = [
    Rgb::hex(0xffffcc),
    Rgb::hex(0xa1dab4),
    Rgb::hex(0x41b6c4),
    Rgb::hex(0x2c7fb8),
    Rgb::hex(0x253494),
];

/// The fill for a score on the 1–5 scale (its level's class).
pub fn heat(score: f64) -> Rgb {
    SEQUENTIAL[usize::from(devops_maturity_core::scoring::level_of(score)) - 1]
}

/// Black or white, whichever reads on `fill`.
pub fn on(fill: Rgb) -> Rgb {
    if fill.luminance() < 0.45 {
        WHITE
    } else {
        TEXT
    }
}

pub const TITLE: TextStyle = TextStyle::new(Face::Bold, 26.0, TEXT);
pub const H1: TextStyle = TextStyle::new(Face::Bold, 16.0, ACCENT);
pub const H2: TextStyle = TextStyle::new(Face::Bold, 11.5, TEXT);
pub const BODY: TextStyle = TextStyle::new(Face::Regular, 9.5, TEXT);
pub const LEAD: TextStyle = TextStyle::new(Face::Regular, 11.0, TEXT);
pub const SMALL: TextStyle = TextStyle::new(Face::Regular, 8.0, MUTED);
pub const CELL: TextStyle = TextStyle::new(Face::Regular, 8.0, TEXT);
pub const CELL_BOLD: TextStyle = TextStyle::new(Face::Bold, 8.0, TEXT);
pub const CELL_MUTED: TextStyle = TextStyle::new(Face::Regular, 7.2, MUTED);
pub const TABLE_HEADER: TextStyle = TextStyle::new(Face::Bold, 7.8, TEXT);
pub const FOOTER: TextStyle = TextStyle::new(Face::Regular, 7.5, MUTED);
