//! Vietnamese-first labels and number formatting. The locale is always passed in, never global.

mod number;
mod text;

pub use number::{default_decimals, format_number, format_number_with, round_half_away};
pub use text::Text;

use serde::{Deserialize, Serialize};

/// Output language. Vietnamese is the default: the users are Vietnamese statistics offices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Pick the label for this language from a (vi, en) pair of fixed strings.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
