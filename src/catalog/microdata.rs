use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::i18n::Text;

/// A table of unit records (one row per household or person): series are weighted sums over it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MicrodataSpec {
    pub id: Spanned<String>,
    /// Parquet or CSV file, relative to the data folder.
    pub file: Spanned<String>,
    /// The column holding the area code of each record.
    #[serde(default = "area")]
    pub area: String,
    /// The column holding the year.
    #[serde(default = "year")]
    pub year: String,
    /// The survey weight column; without one every record counts 1.
    #[serde(default)]
    pub weight: Option<String>,
    #[serde(default)]
    pub description: Option<Text>,
}

fn area() -> String {
    "area".into()
}

fn year() -> String {
    "year".into()
}

/// A raw series computed from a microdata table: Σ weight × value over the records that pass
/// `filter`, per area and year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FromMicrodata {
    pub table: Spanned<String>,
    /// Per-record expression over the table's columns (default 1: a weighted count).
    #[serde(default)]
    pub value: Option<Spanned<String>>,
    /// Per-record condition (`poor = 1`, `age >= 15`).
    #[serde(default)]
    pub filter: Option<Spanned<String>>,
}
