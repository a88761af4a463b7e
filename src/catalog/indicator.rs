use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::series::Aggregation;
use crate::i18n::Text;

/// Which way is good news. Mandatory on every indicator: there is no default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Increase,
    Decrease,
    /// Good inside a band (sex ratio at birth, fertility at replacement level).
    Band,
}

impl Direction {
    /// d in the methodology: +1 higher is better, −1 lower is better. A band is judged by distance, so +1.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Decrease => -1.0,
            _ => 1.0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
            Direction::Band => "band",
        }
    }
}

/// What kind of quantity it is: drives display (pp vs %), chart axes (rates from zero) and target checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A share or a rate per population (%, per 10,000): bounded, the axis starts at zero.
    Rate,
    /// An amount or a level (GRDP, income, population).
    Level,
    /// A yearly count or flow (jobs created, houses built).
    Count,
    /// A year-on-year growth rate in %.
    Growth,
    /// A yes/no milestone: 1 = done.
    Boolean,
}

/// A computed or reported indicator.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: Spanned<String>,
    pub name: Text,
    pub unit: Text,
    pub direction: Spanned<Direction>,
    /// A scalar expression over series and indicator ids (`doctors / population * 10000`).
    #[serde(default)]
    pub formula: Option<Spanned<String>>,
    /// Published directly as a rate or value: the data carry rows with this indicator's id as `series`.
    #[serde(default)]
    pub reported: bool,
    /// A growth indicator: g_t = Y_t / Y_{t−1} − 1, in %, of the named level series or indicator.
    #[serde(default)]
    pub growth_of: Option<Spanned<String>>,
    /// For reported indicators: how the value climbs the hierarchy (default `none`).
    #[serde(default)]
    pub aggregate: Option<Spanned<Aggregation>>,
    #[serde(default)]
    pub weight: Option<Spanned<String>>,
    #[serde(default)]
    pub measure: Option<Measure>,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub domain: Option<String>,
    /// ASCC strategic-plan codes this indicator rolls up to (goal `4` or target `4.1`).
    #[serde(default)]
    pub asean: Vec<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// A natural limit (100 for a coverage rate), used by the Open SDG method's threshold coefficient.
    #[serde(default)]
    pub natural_limit: Option<f64>,
    /// The values are running totals (a stock), not yearly flows (matters for cumulative targets).
    #[serde(default)]
    pub stock: bool,
    /// Allow ratios across a series break (status `B`); by default none is computed across one.
    #[serde(default)]
    pub allow_breaks: bool,
    #[serde(default)]
    pub description: Option<Text>,
    /// The coded ASEAN tasks of each province that act on this indicator (`lai_chau: ["11.1.2"]`).
    /// Task codes differ between provinces, so they are keyed by province.
    #[serde(default)]
    pub asean_tasks: BTreeMap<String, Vec<Spanned<String>>>,
}

impl IndicatorSpec {
    pub fn id(&self) -> &str {
        &self.id.value
    }

    pub fn direction(&self) -> Direction {
        self.direction.value
    }

    /// Decimals for display: the declared ones; counts without a declaration show whole numbers.
    pub fn display_decimals(&self) -> Option<u8> {
        self.decimals
            .or_else(|| (self.measure() == Measure::Count).then_some(0))
    }

    pub fn aggregation(&self) -> Aggregation {
        self.aggregate.as_ref().map(|a| a.value).unwrap_or(Aggregation::None)
    }

    /// The declared measure, or the one implied by the definition.
    pub fn measure(&self) -> Measure {
        if let Some(m) = self.measure {
            return m;
        }
        if self.growth_of.is_some() {
            return Measure::Growth;
        }
        let unit = self.unit.en.to_lowercase();
        if unit.contains('%') || unit.contains("per ") || unit.contains("percent") {
            Measure::Rate
        } else {
            Measure::Level
        }
    }
}
