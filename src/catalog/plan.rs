use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::i18n::Text;

/// The kinds of methodology.md §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Level,
    AnnualChange,
    Growth,
    PeriodAverage,
    AnnualFlow,
    Cumulative,
    Range,
    Milestone,
    Relative,
    /// No target: direction of travel only.
    Trend,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Level => "level",
            TargetKind::AnnualChange => "annual_change",
            TargetKind::Growth => "growth",
            TargetKind::PeriodAverage => "period_average",
            TargetKind::AnnualFlow => "annual_flow",
            TargetKind::Cumulative => "cumulative",
            TargetKind::Range => "range",
            TargetKind::Milestone => "milestone",
            TargetKind::Relative => "relative",
            TargetKind::Trend => "trend",
        }
    }
}

/// How the documents word it: đạt ≥, trên >, dưới <, khoảng ~.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    /// khoảng: about, within a tolerance.
    #[serde(rename = "~")]
    About,
    /// exactly (milestones: 1 = done).
    #[serde(rename = "=")]
    Eq,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Gt => ">",
            Comparator::Le => "≤",
            Comparator::Lt => "<",
            Comparator::About => "≈",
            Comparator::Eq => "=",
        }
    }

    pub fn ascii(self) -> &'static str {
        match self {
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
            Comparator::About => "~",
            Comparator::Eq => "=",
        }
    }
}

/// A baseline stated by the document itself, used instead of the data's value at the baseline year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineSpec {
    pub year: i32,
    pub value: f64,
    #[serde(default)]
    pub source: Option<String>,
}

/// One target of a plan, citing its clause.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// Unique within the plan; defaults to the indicator id.
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    pub indicator: Spanned<String>,
    pub kind: Spanned<TargetKind>,
    #[serde(default)]
    pub op: Option<Spanned<Comparator>>,
    #[serde(default)]
    pub value: Option<Spanned<f64>>,
    /// Lower and upper bounds, for `range` (and for a band of annual changes).
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// Target year T; defaults to the end of the plan period.
    #[serde(default)]
    pub year: Option<Spanned<i32>>,
    /// For `~`: the relative tolerance (0.02 = ±2 % of the target value).
    #[serde(default)]
    pub tolerance: Option<f64>,
    /// For `period_average`: average growth rates geometrically (default: true for growth indicators).
    #[serde(default)]
    pub geometric: Option<bool>,
    /// For `relative`: the change ρ as a fraction (−0.5 halves the value).
    #[serde(default)]
    pub change: Option<f64>,
    /// For `milestone`: the value at or beyond which the milestone counts as done, when not 1.
    #[serde(default)]
    pub threshold: Option<f64>,
    #[serde(default)]
    pub baseline: Option<BaselineSpec>,
    /// The year-by-year plan figures (for *so với kế hoạch*), when the plan sets them.
    #[serde(default)]
    pub plan_values: BTreeMap<i32, f64>,
    /// The clause of the document (`(15)`, `II.2.1`).
    #[serde(default)]
    pub clause: Option<String>,
    /// The document's own words.
    #[serde(default)]
    pub quote: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

impl TargetSpec {
    pub fn id(&self) -> &str {
        self.id
            .as_ref()
            .map(|s| s.value.as_str())
            .unwrap_or(&self.indicator.value)
    }

    pub fn op(&self) -> Option<Comparator> {
        self.op.as_ref().map(|o| o.value)
    }

    pub fn value(&self) -> Option<f64> {
        self.value.as_ref().map(|v| v.value)
    }
}

/// A plan document and its targets.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub id: Spanned<String>,
    pub title: Text,
    /// The source document the clauses refer to.
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub issuer: Option<Text>,
    /// The area the plan is for (a code of data/areas.csv).
    pub area: Spanned<String>,
    pub baseline_year: Spanned<i32>,
    pub period: Spanned<[i32; 2]>,
    /// Mid-term review year, when the plan names one.
    #[serde(default)]
    pub midterm_year: Option<i32>,
    /// The province whose ASEAN task codes the plan uses (`lai_chau`, `dong_thap`).
    #[serde(default)]
    pub asean_province: Option<String>,
    pub targets: Vec<TargetSpec>,
    #[serde(default)]
    pub note: Option<String>,
}

impl PlanSpec {
    pub fn id(&self) -> &str {
        &self.id.value
    }

    pub fn start(&self) -> i32 {
        self.period.value[0]
    }

    pub fn end(&self) -> i32 {
        self.period.value[1]
    }

    /// The target year of a target: its own, or the end of the plan period.
    pub fn target_year(&self, t: &TargetSpec) -> i32 {
        t.year.as_ref().map(|y| y.value).unwrap_or(self.end())
    }
}
