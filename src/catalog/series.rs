use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::i18n::Text;

/// How a raw statistic climbs the area hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Counts and amounts: the parent is the sum of its parts.
    Sum,
    /// Rates and averages: the parent is Σ(value·weight)/Σweight, with a named weight series.
    WeightedMean,
    /// Cannot be combined: only values reported for the area itself are used.
    None,
}

/// A raw statistic as it appears in the data (`doctors`, `population`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesSpec {
    pub id: Spanned<String>,
    pub name: Text,
    pub unit: Text,
    pub aggregate: Spanned<Aggregation>,
    /// The weight series, required for `weighted_mean`.
    #[serde(default)]
    pub weight: Option<Spanned<String>>,
    /// Counts cannot be negative; amounts such as a balance can. Defaults to true for `sum`.
    #[serde(default)]
    pub allow_negative: bool,
    /// The values are running totals (a stock), not yearly flows.
    #[serde(default)]
    pub stock: bool,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Computed from unit records instead of read from observation files.
    #[serde(default)]
    pub microdata: Option<super::microdata::FromMicrodata>,
}
