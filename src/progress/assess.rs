//! From a plan's target and an area's observations to an assessment: baseline and current
//! observations per the edge-case policy (methodology.md §6), the kind's figures, status and score.

use super::kind::{Ctx, kind_for, not_assessable};
use super::{Assessment, Note, Point, Status, TargetDef, Thresholds, open_sdg};
use crate::catalog::{Catalog, Comparator, PlanSpec, TargetKind, TargetSpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// chitieu's method: each kind's ratio (methodology.md §3–4).
    #[default]
    Default,
    /// Open SDG 2.4's progress measure (methodology.md §5).
    #[value(name = "open_sdg")]
    OpenSdg,
}

impl Method {
    pub fn id(self) -> &'static str {
        match self {
            Method::Default => "default",
            Method::OpenSdg => "open_sdg",
        }
    }
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Options {
    pub method: Method,
    pub thresholds: Thresholds,
    /// Relative tolerance of `~` (khoảng) when a target sets none: ±2 % of the target value.
    pub tolerance: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            method: Method::Default,
            thresholds: Thresholds::default(),
            tolerance: 0.02,
        }
    }
}

/// How far back the baseline may come from when the baseline year has no observation.
const BASELINE_LOOKBACK: i32 = 2;

pub fn target_def(plan: &PlanSpec, t: &TargetSpec) -> TargetDef {
    TargetDef {
        plan: plan.id().to_string(),
        id: t.id().to_string(),
        indicator: t.indicator.value.clone(),
        kind: t.kind.value,
        op: t.op(),
        value: t.value(),
        min: t.min,
        max: t.max,
        year: plan.target_year(t),
        baseline_year: plan.baseline_year.value,
        period: plan.period.value,
        clause: t.clause.clone(),
        quote: t.quote.clone(),
    }
}

/// The baseline: stated by the plan; else the observation of the baseline year; else the nearest
/// earlier one within two years; else the first later one before the current year.
fn baseline(t: &TargetSpec, t0: i32, obs: &[Point], current: Option<&Point>, notes: &mut Vec<Note>) -> Option<Point> {
    if let Some(b) = &t.baseline {
        notes.push(Note::new(
            "baseline-stated",
            format!(
                "baseline {} ({}) as stated by the plan{}",
                b.value,
                b.year,
                b.source.as_ref().map(|s| format!(": {s}")).unwrap_or_default()
            ),
        ));
        return Some(Point {
            year: b.year,
            value: b.value,
            status: "A".into(),
        });
    }
    if let Some(p) = obs.iter().find(|p| p.year == t0) {
        return Some(p.clone());
    }
    let earlier = obs
        .iter()
        .rev()
        .find(|p| p.year < t0 && p.year >= t0 - BASELINE_LOOKBACK);
    let later = || {
        obs.iter()
            .find(|p| p.year > t0 && current.is_some_and(|c| p.year < c.year))
    };
    let found = earlier.or_else(later).cloned();
    if let Some(p) = &found {
        notes.push(Note::new(
            "baseline-from",
            format!("baseline from {} (no observation for {t0})", p.year),
        ));
    }
    found
}

pub fn assess_target(
    catalog: &Catalog,
    plan: &PlanSpec,
    target: &TargetSpec,
    area: &str,
    points: &[Point],
    as_of: i32,
    opts: &Options,
) -> Option<Assessment> {
    let indicator = catalog.indicator(&target.indicator.value)?;
    let def = target_def(plan, target);
    let mut obs: Vec<Point> = points.iter().filter(|p| p.year <= as_of).cloned().collect();
    obs.sort_by_key(|p| p.year);
    let current = obs.last().cloned();
    let mut notes = Vec::new();
    let base = baseline(target, def.baseline_year, &obs, current.as_ref(), &mut notes);
    let mut a = Assessment {
        target: def.clone(),
        area: area.to_string(),
        as_of,
        direction: indicator.direction(),
        method: opts.method.id().to_string(),
        baseline: base.clone(),
        current: current.clone(),
        observations: obs
            .iter()
            .filter(|p| base.as_ref().is_none_or(|b| p.year >= b.year))
            .cloned()
            .collect(),
        achieved: None,
        status: Status::NotAssessable,
        ratio: None,
        score: None,
        gap: None,
        required_now: None,
        deviation: None,
        needed_per_year: None,
        observed_per_year: None,
        projection: None,
        path: Vec::new(),
        projection_path: Vec::new(),
        vs_last_year: None,
        vs_plan: None,
        components: Default::default(),
        notes,
    };
    for (what, p) in [("current", &current), ("baseline", &base)] {
        if let Some(p) = p.as_ref().filter(|p| matches!(p.status.as_str(), "E" | "P" | "F")) {
            let kind = match p.status.as_str() {
                "E" => "an estimate",
                "P" => "provisional",
                _ => "a forecast",
            };
            a.notes.push(Note::new(
                "qualified-value",
                format!("the {what} value ({}) is {kind} ({})", p.year, p.status),
            ));
        }
    }
    if let (Some(c), Some(prev)) = (
        &current,
        current.as_ref().and_then(|c| obs.iter().find(|p| p.year == c.year - 1)),
    ) {
        a.vs_last_year = super::math::div(c.value * 100.0, prev.value);
    }
    let ctx = Ctx {
        def: &def,
        spec: target,
        indicator,
        d: indicator.direction().sign(),
        obs: &obs,
        baseline: base.clone(),
        current: current.clone(),
        as_of,
        thresholds: opts.thresholds,
        tolerance: opts.tolerance,
    };
    // No ratio across a series break unless the catalogue allows it.
    let crossing = match (&base, &current) {
        (Some(b), Some(c)) => obs
            .iter()
            .find(|p| p.status == "B" && p.year > b.year && p.year <= c.year),
        _ => None,
    };
    if let Some(brk) = crossing.filter(|_| !indicator.allow_breaks && def.kind != TargetKind::Milestone) {
        let year = brk.year;
        not_assessable(
            &mut a,
            "series-break",
            format!(
                "the series breaks in {year}: values before and after are not comparable (set `allow_breaks: true` on the indicator to compare anyway)"
            ),
        );
        return Some(a);
    }
    if crossing.is_some() {
        a.notes.push(Note::new(
            "series-break",
            "the series breaks within the period; compared anyway (`allow_breaks`)",
        ));
    }
    kind_for(def.kind).assess(&ctx, &mut a);
    if opts.method == Method::OpenSdg {
        apply_open_sdg(&ctx, &mut a);
    }
    if a.score.is_none() {
        a.score = match a.status {
            Status::Achieved => Some(5.0),
            Status::Overdue => Some(-5.0),
            Status::NotYet | Status::NotAssessable => None,
            _ => a.ratio.and_then(|r| opts.thresholds.score(r)),
        };
    }
    Some(a)
}

/// Open SDG knows levels (with or without a target): convert the kinds that have a level at T.
fn apply_open_sdg(c: &Ctx, a: &mut Assessment) {
    let level_at_t = match c.def.kind {
        TargetKind::Level | TargetKind::Relative | TargetKind::Range => a.components.get("y_star").copied(),
        TargetKind::AnnualChange => a.path.last().map(|p| p.1),
        TargetKind::Growth if !c.is_growth_rate() => a.components.get("target_level").copied(),
        TargetKind::Trend => {
            open_sdg::assess(c, a, None);
            return;
        }
        _ => {
            a.notes.push(Note::new(
                "method-not-applicable",
                format!(
                    "Open SDG has no rule for `{}` targets: chitieu's method is used",
                    c.def.kind.as_str()
                ),
            ));
            return;
        }
    };
    match level_at_t {
        Some(level) => {
            a.score = None;
            open_sdg::assess(c, a, Some(level));
        }
        None => a.notes.push(Note::new(
            "method-not-applicable",
            "no target level to compare with: chitieu's method is used",
        )),
    }
}

/// A comparator as the documents word it, for labels: ≥ 55.
pub fn target_text(def: &TargetDef, lang: crate::i18n::Lang, decimals: Option<u8>) -> String {
    let f = |v: f64| crate::i18n::format_number(v, decimals, lang);
    match (def.kind, def.value, def.min, def.max) {
        (_, None, Some(lo), Some(hi)) => format!("{}–{}", f(lo), f(hi)),
        (TargetKind::Milestone, _, _, _) => lang.pick("hoàn thành", "done").to_string(),
        (TargetKind::Trend, _, _, _) => lang.pick("theo xu hướng", "trend only").to_string(),
        (TargetKind::AnnualChange, Some(v), _, _) => {
            format!("{}{}/{}", if v > 0.0 { "+" } else { "" }, f(v), lang.pick("năm", "yr"))
        }
        (TargetKind::Growth, Some(v), _, _) => {
            format!(
                "{}{} %/{}",
                def.op
                    .filter(|o| *o != Comparator::Ge)
                    .map(|o| format!("{} ", o.symbol()))
                    .unwrap_or_default(),
                f(v),
                lang.pick("năm", "yr")
            )
        }
        (_, Some(v), _, _) => format!(
            "{}{}",
            def.op.map(|o| format!("{} ", o.symbol())).unwrap_or_default(),
            f(v)
        ),
        _ => String::new(),
    }
}
