//! The embedded font. Charts must look the same on a machine with no fonts at all, so DejaVu Sans
//! (every Vietnamese letter, ≥ ≤ ≈ – … ₫; licence in `assets/fonts/LICENSE-DejaVu.txt`) is compiled in
//! and registered with plotters' ab_glyph backend, which draws glyph by glyph without shaping.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, TextStyle, register_font};
use unicode_normalization::UnicodeNormalization;

use super::error::RenderError;

/// The family name charts draw with. plotters writes it verbatim into the SVG `font-family`
/// attribute, so it doubles as a CSS fallback list for viewers that lack DejaVu Sans; PNGs always
/// use the embedded bytes.
pub const FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";

pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Register both weights once per process: plotters keeps them in a global table, and a style created
/// before registration would carry a "font unavailable" error.
pub(crate) fn ensure_registered() -> Result<(), RenderError> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).map_err(|_| "DejaVuSans.ttf is not a font".to_string())?;
        register_font(FAMILY, FontStyle::Bold, BOLD).map_err(|_| "DejaVuSans-Bold.ttf is not a font".to_string())
    })
    .clone()
    .map_err(RenderError::Font)
}

/// NFC form of a label. Decomposed tone marks (NFD, as some spreadsheets and macOS file names carry
/// them) would be drawn detached from their letter, since nothing composes them at drawing time.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The characters of `text` (after NFC) that the embedded font cannot draw; they would appear as boxes.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let Ok(font) = FontRef::try_from_slice(REGULAR) else {
        return text.chars().collect();
    };
    let mut missing: Vec<char> = nfc(text)
        .chars()
        .filter(|c| !c.is_whitespace() && font.glyph_id(*c).0 == 0)
        .collect();
    missing.dedup();
    missing
}

/// A text style in the embedded font, anchored at its left and vertical centre.
pub(crate) fn regular(size: f64, color: RGBColor) -> TextStyle<'static> {
    make(size, color, FontStyle::Normal)
}

pub(crate) fn bold(size: f64, color: RGBColor) -> TextStyle<'static> {
    make(size, color, FontStyle::Bold)
}

fn make(size: f64, color: RGBColor, style: FontStyle) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(FontFamily::Name(FAMILY), size, style),
        color: color.to_backend_color(),
        pos: Pos::new(HPos::Left, VPos::Center),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every letter of the Vietnamese alphabet with every tone, both cases, and the symbols charts print.
    const VIETNAMESE: &str =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";
    const SYMBOLS: &str = "≥≤≈–—…₫%‰°±×·•→";

    #[test]
    fn the_font_covers_vietnamese_and_the_symbols_used() {
        let upper = VIETNAMESE.to_uppercase();
        for (name, bytes) in [("regular", REGULAR), ("bold", BOLD)] {
            let font = FontRef::try_from_slice(bytes).expect("the embedded font parses");
            let missing: Vec<char> = VIETNAMESE
                .chars()
                .chain(upper.chars())
                .chain(SYMBOLS.chars())
                .filter(|c| font.glyph_id(*c).0 == 0)
                .collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
        }
        assert_eq!(upper.chars().count(), VIETNAMESE.chars().count());
    }

    #[test]
    fn decomposed_text_is_composed_before_drawing() {
        // "Tỷ lệ" typed with combining marks: y + hook above (U+0309), e + circumflex + dot below.
        let nfd = "Ty\u{0309} le\u{0323}\u{0302}";
        assert_eq!(nfc(nfd), "Tỷ lệ");
        assert!(missing_glyphs(nfd).is_empty());
    }

    #[test]
    fn missing_glyphs_names_what_would_be_a_box() {
        assert_eq!(missing_glyphs("Mục tiêu ≥ 55 % 目"), vec!['目']);
    }

    #[test]
    fn registration_is_idempotent() {
        ensure_registered().unwrap();
        ensure_registered().unwrap();
    }
}
