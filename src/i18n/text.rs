use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::Lang;

/// A label in both languages. Catalogue files must give both, so that no report falls back silently.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi if !self.vi.is_empty() => &self.vi,
            Lang::En if !self.en.is_empty() => &self.en,
            // One side empty: show the other rather than nothing.
            _ if self.vi.is_empty() => &self.en,
            _ => &self.vi,
        }
    }

    /// NFC form: decomposed tone marks render detached in glyph-by-glyph renderers (plotters/ab_glyph).
    pub fn nfc(&self, lang: Lang) -> String {
        self.get(lang).nfc().collect()
    }
}
