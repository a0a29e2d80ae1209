//! The join link as a QR code: SVG for the projector, block characters for a terminal.

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

fn code(text: &str) -> Result<QrCode, String> {
    // Medium error correction: survives a projector's glare and a phone held at an angle.
    QrCode::with_error_correction_level(text, EcLevel::M)
        .map_err(|e| format!("cannot make a QR code of this link: {e}"))
}

/// An SVG of `text`'s QR code, black on white with the quiet zone, scaling to its box.
pub fn qr_svg(text: &str) -> Result<String, String> {
    Ok(code(text)?
        .render::<svg::Color<'_>>()
        .min_dimensions(256, 256)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

/// `text`'s QR code in Unicode half blocks, two modules per character cell. Dark modules are
/// drawn as spaces on a light frame, which scans on dark and light terminals alike.
pub fn qr_terminal(text: &str) -> Result<String, String> {
    Ok(code(text)?
        .render::<unicode::Dense1x2>()
        .dark_color(unicode::Dense1x2::Light)
        .light_color(unicode::Dense1x2::Dark)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_renderings_encode_the_link() {
        let link = format!("http://192.168.1.20:8787/#{}", "ab".repeat(32));
        let svg = qr_svg(&link).unwrap();
        assert!(svg.contains("<svg"), "an SVG document: {}", &svg[..80]);
        assert!(!svg.contains("<script"), "nothing active in the picture");
        let text = qr_terminal(&link).unwrap();
        assert!(
            text.lines().count() > 20,
            "a version-4+ code has that many rows: {text}"
        );
        assert!(
            qr_svg(&"x".repeat(5_000)).is_err(),
            "too long for a QR code: an error, not a panic"
        );
    }
}
