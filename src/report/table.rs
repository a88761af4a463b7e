//! The gap-to-target table of a plan × area × evaluation year: one row per target, the figures of
//! methodology.md in the indicator's unit, sorted by ASEAN goal then indicator. Every exporter reads
//! this model; none recomputes a figure.

use serde::Serialize;

use crate::catalog::{AseanFramework, Catalog, TargetKind};
use crate::data::Areas;
use crate::i18n::Lang;
use crate::progress::{self, Assessment, Disagreement, PlanRun, Rollup, Status, rollup};

/// Decimals of the pace columns (needed / achieved per year): one more than the values', whole
/// numbers for counts.
pub fn pace_decimals(decimals: Option<u8>) -> Option<u8> {
    match decimals {
        Some(0) => Some(0),
        Some(d) => Some(d + 1),
        None => Some(2),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GapRow {
    pub target: String,
    pub indicator: String,
    pub indicator_name: String,
    pub asean: String,
    /// Unit of the value columns (baseline, latest, target, required path, projection).
    pub unit: String,
    /// Unit of the pace columns (gap, needed/observed per year): a growth target speaks in % a year.
    pub pace_unit: String,
    pub kind: TargetKind,
    pub clause: Option<String>,
    pub baseline_year: Option<i32>,
    pub baseline: Option<f64>,
    pub latest_year: Option<i32>,
    pub latest: Option<f64>,
    /// OBS_STATUS of the latest value (A, E, P, F, B).
    pub latest_status: Option<String>,
    pub target_text: String,
    pub target_year: i32,
    pub vs_last_year: Option<f64>,
    pub vs_plan: Option<f64>,
    pub gap: Option<f64>,
    pub required_now: Option<f64>,
    pub deviation: Option<f64>,
    pub needed_per_year: Option<f64>,
    pub observed_per_year: Option<f64>,
    pub projection: Option<f64>,
    pub ratio: Option<f64>,
    pub score: Option<f64>,
    pub status: Status,
    pub decimals: Option<u8>,
    /// Flags and reasons, in English codes + text (baseline-from, qualified-value, series-break …).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapTable {
    pub plan: String,
    pub plan_title: String,
    pub document: Option<String>,
    pub area: String,
    pub area_name: String,
    pub as_of: i32,
    pub lang: Lang,
    pub method: String,
    pub thresholds: progress::Thresholds,
    pub rows: Vec<GapRow>,
    pub overall: Rollup,
    pub by_asean: Vec<Rollup>,
    pub disagreements: Vec<Disagreement>,
}

impl GapTable {
    /// "38 of 42 targets met or exceeded" in the table's language.
    pub fn scorecard(&self) -> String {
        let (met, total) = (self.overall.met, self.overall.total);
        match self.lang {
            Lang::Vi => format!("{met}/{total} chỉ tiêu đã đạt hoặc vượt"),
            Lang::En => format!("{met} of {total} targets met or exceeded"),
        }
    }
}

fn row(catalog: &Catalog, a: &Assessment, lang: Lang) -> GapRow {
    let ind = catalog.indicator(&a.target.indicator);
    let decimals = ind.and_then(|i| i.display_decimals());
    let value_unit = ind.map(|i| i.unit.get(lang).to_string()).unwrap_or_default();
    let pace_unit = if a.target.kind == TargetKind::Growth {
        lang.pick("%/năm", "%/yr").to_string()
    } else {
        value_unit.clone()
    };
    // A growth target on a level series: values in the level's unit, but gap and pace in % a year —
    // the unit shown must say both, or "gap 2,4" would read as 2,4 billion đồng.
    let level_series = ind.is_some_and(|i| i.measure() != crate::catalog::Measure::Growth);
    let unit = if a.target.kind == TargetKind::Growth && level_series {
        format!("{value_unit} ({} {pace_unit})", lang.pick("tốc độ:", "growth:"))
    } else {
        value_unit
    };
    GapRow {
        target: a.target.id.clone(),
        indicator: a.target.indicator.clone(),
        indicator_name: ind
            .map(|i| i.name.get(lang).to_string())
            .unwrap_or_else(|| a.target.indicator.clone()),
        asean: rollup::asean_code(catalog, a),
        unit,
        pace_unit,
        kind: a.target.kind,
        clause: a.target.clause.clone(),
        baseline_year: a.baseline.as_ref().map(|p| p.year),
        baseline: a.baseline.as_ref().map(|p| p.value),
        latest_year: a.current.as_ref().map(|p| p.year),
        latest: a.current.as_ref().map(|p| p.value),
        latest_status: a.current.as_ref().map(|p| p.status.clone()),
        target_text: progress::target_text(&a.target, lang, decimals),
        target_year: a.target.year,
        vs_last_year: a.vs_last_year,
        vs_plan: a.vs_plan,
        gap: a.gap,
        required_now: a.required_now,
        deviation: a.deviation,
        needed_per_year: a.needed_per_year,
        observed_per_year: a.observed_per_year,
        projection: a.projection,
        ratio: a.ratio,
        score: a.score,
        status: a.status,
        decimals,
        notes: a.notes.iter().map(|n| format!("{}: {}", n.code, n.message)).collect(),
    }
}

pub fn gap_table(catalog: &Catalog, areas: &Areas, run: &PlanRun, lang: Lang) -> GapTable {
    let plan = catalog.plan(&run.plan);
    let mut order: Vec<usize> = (0..run.assessments.len()).collect();
    let key = |i: &usize| {
        let a = &run.assessments[*i];
        let code = rollup::asean_code(catalog, a);
        (
            AseanFramework::sort_key(&code),
            a.target.indicator.clone(),
            a.target.id.clone(),
        )
    };
    order.sort_by_key(key);
    let rows = order.iter().map(|i| row(catalog, &run.assessments[*i], lang)).collect();
    let disagreements = progress::disagreements(catalog, None)
        .into_iter()
        .filter(|d| (d.a.plan == run.plan || d.b.plan == run.plan) && d.area == run.area)
        .collect();
    GapTable {
        plan: run.plan.clone(),
        plan_title: plan.map(|p| p.title.get(lang).to_string()).unwrap_or_default(),
        document: plan.and_then(|p| p.document.clone()),
        area: run.area.clone(),
        area_name: areas.name(&run.area, lang),
        as_of: run.as_of,
        lang,
        method: run.options.method.id().to_string(),
        thresholds: run.options.thresholds,
        rows,
        overall: rollup::overall(&run.plan, &run.assessments),
        by_asean: rollup::by_asean(catalog, &run.assessments),
        disagreements,
    }
}

/// The column headers, shared by the exporters (machine ids and vi/en labels).
pub const COLUMNS: [(&str, &str, &str); 20] = [
    ("indicator", "Chỉ tiêu", "Indicator"),
    ("asean", "Mã ASEAN", "ASEAN code"),
    ("unit", "Đơn vị", "Unit"),
    ("baseline_year", "Năm gốc", "Baseline year"),
    ("baseline", "Giá trị gốc", "Baseline"),
    ("latest_year", "Năm gần nhất", "Latest year"),
    ("latest", "Thực hiện", "Latest"),
    ("latest_status", "TT số liệu", "Data status"),
    ("target", "Mục tiêu", "Target"),
    ("target_year", "Năm mục tiêu", "Target year"),
    ("vs_last_year", "So với cùng kỳ (%)", "vs last year (%)"),
    ("vs_plan", "So với kế hoạch (%)", "vs plan (%)"),
    ("gap", "Khoảng cách", "Gap"),
    ("required_now", "Lộ trình cần đạt", "Required path"),
    ("deviation", "Chênh lệch lộ trình", "Deviation"),
    ("needed_per_year", "Cần mỗi năm", "Needed per year"),
    ("projection", "Dự báo", "Projection"),
    ("ratio", "Tỷ số", "Ratio"),
    ("status", "Đánh giá", "Status"),
    ("note", "Ghi chú", "Notes"),
];
