//! One trait for every target kind: given the observations around a target, fill in the assessment.

use super::kinds;
use super::{Assessment, Note, Point, TargetDef, Thresholds};
use crate::catalog::{Comparator, Direction, IndicatorSpec, Measure, TargetKind, TargetSpec};

/// Everything a kind may read.
pub struct Ctx<'a> {
    pub def: &'a TargetDef,
    pub spec: &'a TargetSpec,
    pub indicator: &'a IndicatorSpec,
    /// d: +1 higher is better, −1 lower is better (band: towards the target).
    pub d: f64,
    /// Observations up to the evaluation year, by year (one per year).
    pub obs: &'a [Point],
    pub baseline: Option<Point>,
    pub current: Option<Point>,
    pub as_of: i32,
    pub thresholds: Thresholds,
    /// Relative tolerance of `~` when the target sets none.
    pub tolerance: f64,
}

impl Ctx<'_> {
    pub fn t0(&self) -> Option<f64> {
        self.baseline.as_ref().map(|p| p.year as f64)
    }

    pub fn target_year(&self) -> f64 {
        self.def.year as f64
    }

    pub fn tolerance(&self) -> f64 {
        self.spec.tolerance.unwrap_or(self.tolerance)
    }

    /// Whether the values are growth rates in % (then period averages are geometric, and a growth
    /// target rebuilds the level path from them).
    pub fn is_growth_rate(&self) -> bool {
        self.indicator.measure() == Measure::Growth
    }

    /// The value of year t, if observed.
    pub fn at(&self, year: i32) -> Option<&Point> {
        self.obs.iter().find(|p| p.year == year)
    }

    /// Does `v` satisfy `op target`? `~` uses the relative tolerance.
    pub fn holds(&self, op: Comparator, v: f64, target: f64) -> bool {
        match op {
            Comparator::Ge => v >= target,
            Comparator::Gt => v > target,
            Comparator::Le => v <= target,
            Comparator::Lt => v < target,
            Comparator::Eq => v == target,
            Comparator::About => (v - target).abs() <= self.tolerance() * target.abs(),
        }
    }

    /// The comparator a target implies when the plan gives none: reach it in the good direction.
    pub fn default_op(&self) -> Comparator {
        if self.indicator.direction() == Direction::Decrease {
            Comparator::Le
        } else {
            Comparator::Ge
        }
    }
}

pub trait Kind {
    fn assess(&self, c: &Ctx, a: &mut Assessment);
}

pub fn kind_for(kind: TargetKind) -> &'static dyn Kind {
    match kind {
        TargetKind::Level => &kinds::level::Level,
        TargetKind::AnnualChange => &kinds::annual_change::AnnualChange,
        TargetKind::Growth => &kinds::growth::Growth,
        TargetKind::PeriodAverage => &kinds::period_average::PeriodAverage,
        TargetKind::AnnualFlow => &kinds::annual_flow::AnnualFlow,
        TargetKind::Cumulative => &kinds::cumulative::Cumulative,
        TargetKind::Range => &kinds::range::Range,
        TargetKind::Milestone => &kinds::milestone::Milestone,
        TargetKind::Relative => &kinds::relative::Relative,
        TargetKind::Trend => &kinds::trend::Trend,
    }
}

/// Put a number into the components (skipping undefined ones).
pub fn put(a: &mut Assessment, name: &str, v: Option<f64>) {
    if let Some(x) = v.filter(|x| x.is_finite()) {
        a.components.insert(name.to_string(), x);
    }
}

pub fn not_assessable(a: &mut Assessment, code: &str, why: impl Into<String>) {
    a.status = super::Status::NotAssessable;
    a.ratio = None;
    a.notes.push(Note::new(code, why));
}

/// Linear path from (t₀, y₀) to (T, y*), one point a year.
pub fn linear_path(t0: i32, y0: f64, t: i32, y_star: f64) -> Vec<(i32, f64)> {
    if t <= t0 {
        return vec![(t0, y0)];
    }
    (t0..=t)
        .map(|yr| (yr, y0 + (y_star - y0) * f64::from(yr - t0) / f64::from(t - t0)))
        .collect()
}

/// Straight projection from (t_c, y_c) with `slope` to year T.
pub fn projection_path(tc: i32, yc: f64, slope: f64, t: i32) -> Vec<(i32, f64)> {
    if t <= tc {
        return Vec::new();
    }
    (tc..=t).map(|yr| (yr, yc + slope * f64::from(yr - tc))).collect()
}

/// The OLS slope over the observations from t₀ to t_c (two points: their difference).
pub fn trend_slope(c: &Ctx) -> Option<f64> {
    let (b, cur) = (c.baseline.as_ref()?, c.current.as_ref()?);
    let pts: Vec<(f64, f64)> = c
        .obs
        .iter()
        .filter(|p| p.year >= b.year && p.year <= cur.year && p.year != b.year)
        .map(|p| (f64::from(p.year), p.value))
        .chain(std::iter::once((f64::from(b.year), b.value)))
        .collect();
    if pts.len() <= 2 {
        super::math::div(cur.value - b.value, f64::from(cur.year - b.year))
    } else {
        super::math::ols_slope(&pts)
    }
}
