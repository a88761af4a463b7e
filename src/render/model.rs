//! What a caller hands the renderer: plain data, already in the output language. The renderer
//! computes nothing about progress; it draws what it is given.

use crate::catalog::Comparator;
use crate::i18n::Lang;
use crate::progress::{Point, Status};

/// One chart to draw.
#[derive(Debug, Clone)]
pub enum Chart {
    Trend(TrendInput),
    Dashboard(DashboardInput),
    GoalBars(GoalBarsInput),
    Ranking(RankingInput),
}

/// An indicator in one area over time, with the targets of one or more plans.
#[derive(Debug, Clone)]
pub struct TrendInput {
    pub lang: Lang,
    /// The indicator's name ("Tỷ lệ che phủ rừng").
    pub title: String,
    /// Area and plan, or whatever the caller wants under the title.
    pub subtitle: Option<String>,
    /// The area's name, for the "no data for …" message.
    pub area: String,
    /// The indicator's unit ("%", "bác sĩ/1 vạn dân"): the value axis title, and beside short figures.
    pub unit: String,
    /// Start the value axis at zero: honest for rates and shares, not for levels far from zero.
    pub zero_based: bool,
    /// Display decimals of the indicator (None: the methodology's default).
    pub decimals: Option<u8>,
    /// The observations in year order. Status `B` starts a new segment (a break: the line has a gap);
    /// `E`, `P` and `F` are drawn as hollow markers.
    pub series: Vec<Point>,
    pub targets: Vec<TargetMark>,
    /// A footnote (source, method). Series breaks are noted automatically.
    pub note: Option<String>,
}

/// One plan's target for the indicator, as assessed.
#[derive(Debug, Clone)]
pub struct TargetMark {
    /// Which plan, as readers know it ("KH KT-XH 2026–2030").
    pub plan: String,
    /// The target as printed; None composes it from comparator, value or band, year and unit.
    pub text: Option<String>,
    pub comparator: Option<Comparator>,
    /// y* in the indicator's unit, drawn as a point at `year` (or a line over `span`).
    pub value: Option<f64>,
    /// A range target (lo, hi), drawn as a band at `year`.
    pub band: Option<(f64, f64)>,
    /// T.
    pub year: i32,
    /// For targets that hold every year of a period (annual flows, period averages): the value is
    /// drawn as a line from the first to the last year instead of a point.
    pub span: Option<(i32, i32)>,
    /// (t₀, y₀) the assessment used.
    pub baseline: Option<Point>,
    /// The required path from t₀ to T (dashed).
    pub path: Vec<(i32, f64)>,
    /// The projection at the current pace from t_c to T (dotted).
    pub projection_path: Vec<(i32, f64)>,
    pub status: Status,
}

impl TargetMark {
    /// A target with nothing but its plan and status; fill the rest with struct update syntax.
    pub fn new(plan: impl Into<String>, year: i32, status: Status) -> Self {
        TargetMark {
            plan: plan.into(),
            text: None,
            comparator: None,
            value: None,
            band: None,
            year,
            span: None,
            baseline: None,
            path: Vec::new(),
            projection_path: Vec::new(),
            status,
        }
    }
}

/// Small multiples: every target of a plan, each a compact trend chart.
#[derive(Debug, Clone)]
pub struct DashboardInput {
    pub lang: Lang,
    pub title: String,
    pub subtitle: Option<String>,
    /// Panels per row (3 or 4 suit a slide); 0 picks one from the panel count.
    pub columns: usize,
    /// Drawn in ASEAN goal order (stable: panels of one goal keep the caller's order).
    pub panels: Vec<DashboardPanel>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DashboardPanel {
    /// The ASEAN strategic goal or target code ("4", "11.2") the panel is ordered and tagged by.
    pub goal: Option<String>,
    pub trend: TrendInput,
}

/// Each target's ratio as a horizontal bar, grouped under its ASEAN strategic goal.
#[derive(Debug, Clone)]
pub struct GoalBarsInput {
    pub lang: Lang,
    pub title: String,
    pub subtitle: Option<String>,
    /// What the bars measure ("Tỷ số tiến độ R", "Share of the way done"); None: the pace ratio.
    pub axis_label: Option<String>,
    /// Drawn in ASEAN goal order.
    pub groups: Vec<GoalGroup>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GoalGroup {
    pub code: String,
    pub title: String,
    pub bars: Vec<GoalBar>,
}

#[derive(Debug, Clone)]
pub struct GoalBar {
    pub label: String,
    /// The status ratio R (1 = exactly on the required pace); None when not assessable.
    pub ratio: Option<f64>,
    pub status: Status,
}

/// One indicator across areas for one year.
#[derive(Debug, Clone)]
pub struct RankingInput {
    pub lang: Lang,
    pub title: String,
    pub subtitle: Option<String>,
    pub unit: String,
    pub year: i32,
    pub decimals: Option<u8>,
    /// Any order: drawn from the highest value to the lowest; areas without a value are listed in the note.
    pub bars: Vec<RankBar>,
    pub target: Option<TargetLine>,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct RankBar {
    pub label: String,
    pub value: Option<f64>,
    pub highlighted: bool,
}

/// A reference value across all bars (a plan's target, the national figure).
#[derive(Debug, Clone)]
pub struct TargetLine {
    pub label: String,
    pub value: f64,
}

/// Natural order of ASEAN codes: "4.2" before "11.1", "4" before "4.1"; codes that are not numbers
/// sort after the numbered ones, by text.
pub(crate) fn goal_order(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    fn key(code: Option<&str>) -> (bool, Vec<u32>, String) {
        let code = code.unwrap_or("").trim();
        let nums: Option<Vec<u32>> = code.split('.').map(|p| p.parse().ok()).collect();
        match nums {
            Some(n) if !code.is_empty() => (false, n, String::new()),
            _ => (true, Vec::new(), code.to_string()),
        }
    }
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_codes_sort_as_numbers() {
        let mut codes = vec![
            Some("11.2"),
            None,
            Some("4.1"),
            Some("4"),
            Some("x"),
            Some("4.10"),
            Some("4.2"),
        ];
        codes.sort_by(|a, b| goal_order(*a, *b));
        assert_eq!(
            codes,
            vec![
                Some("4"),
                Some("4.1"),
                Some("4.2"),
                Some("4.10"),
                Some("11.2"),
                None,
                Some("x")
            ]
        );
    }
}
