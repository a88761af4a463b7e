//! Assess every target of a plan for one area: evaluate the plan's indicators once, take each
//! indicator's series for the area, assess.

use std::collections::BTreeMap;

use polars::prelude::*;

use super::assess::{Options, assess_target};
use super::{Assessment, Point};
use crate::catalog::{Catalog, PlanSpec};
use crate::data::Dataset;
use crate::error::Result;
use crate::eval::{EvalOptions, Values, evaluate};
use crate::frame;

/// The assessments of one plan × area × evaluation year.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PlanRun {
    pub plan: String,
    pub area: String,
    pub as_of: i32,
    pub options: Options,
    pub assessments: Vec<Assessment>,
}

/// Totals (no disaggregation) of the given indicators in one area, as points by indicator.
pub fn series_points(values: &Values, area: &str) -> Result<BTreeMap<String, Vec<Point>>> {
    let mut lf = values.frame.clone().lazy().filter(col("area").eq(lit(area)));
    for d in &values.dims {
        lf = lf.filter(col(d.as_str()).eq(lit("")));
    }
    let df = lf
        .filter(col("value").is_not_null())
        .select([
            col("indicator"),
            col("year"),
            col("value"),
            when(col("break"))
                .then(lit("B"))
                .otherwise(col("status"))
                .alias("status"),
        ])
        .sort(["indicator", "year"], SortMultipleOptions::default())
        .collect()?;
    let ind = frame::str_values(&df, "indicator")?;
    let year = frame::i64_values(&df, "year")?;
    let value = frame::f64_values(&df, "value")?;
    let status = frame::str_values(&df, "status")?;
    let mut out: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    for i in 0..df.height() {
        if let (Some(k), Some(y), Some(v)) = (&ind[i], year[i], value[i]) {
            out.entry(k.clone()).or_default().push(Point {
                year: y as i32,
                value: v,
                status: status[i].clone().unwrap_or_else(|| "A".into()),
            });
        }
    }
    Ok(out)
}

/// The latest year with a value of any of the plan's indicators in the area.
pub fn latest_year(points: &BTreeMap<String, Vec<Point>>) -> Option<i32> {
    points.values().flat_map(|v| v.iter().map(|p| p.year)).max()
}

pub fn plan_indicators(plan: &PlanSpec) -> Vec<String> {
    let mut v: Vec<String> = plan.targets.iter().map(|t| t.indicator.value.clone()).collect();
    v.sort();
    v.dedup();
    v
}

/// Assess a plan. `area` defaults to the plan's; `as_of` to the latest year with data (at least the
/// baseline year).
pub fn run_plan(
    catalog: &Catalog,
    data: &Dataset,
    plan: &PlanSpec,
    area: Option<&str>,
    as_of: Option<i32>,
    opts: &Options,
) -> Result<(PlanRun, Values)> {
    let area = area.unwrap_or(&plan.area.value).to_string();
    let indicators = plan_indicators(plan);
    let values = evaluate(
        catalog,
        data,
        &EvalOptions {
            indicators,
            areas: vec![area.clone()],
            years: None,
            coded: false,
        },
    )?;
    let run = assess_with(catalog, plan, &area, &values, as_of, opts)?;
    Ok((run, values))
}

/// Assess a plan from values already evaluated (they must contain the plan's indicators).
pub fn assess_with(
    catalog: &Catalog,
    plan: &PlanSpec,
    area: &str,
    values: &Values,
    as_of: Option<i32>,
    opts: &Options,
) -> Result<PlanRun> {
    let points = series_points(values, area)?;
    Ok(assess_points(catalog, plan, area, &points, as_of, opts))
}

/// [`assess_with`] from the area's series already read ([`series_points`]): several plans on one
/// area read them once.
pub fn assess_points(
    catalog: &Catalog,
    plan: &PlanSpec,
    area: &str,
    points: &BTreeMap<String, Vec<Point>>,
    as_of: Option<i32>,
    opts: &Options,
) -> PlanRun {
    // Default: the latest year with data, but not past the plan's end (a plan is judged at its end).
    let as_of = as_of.unwrap_or_else(|| {
        latest_year(points)
            .unwrap_or(plan.baseline_year.value)
            .min(plan.end())
            .max(plan.baseline_year.value)
    });
    let empty = Vec::new();
    let assessments = plan
        .targets
        .iter()
        .filter_map(|t| {
            let pts = points.get(&t.indicator.value).unwrap_or(&empty);
            assess_target(catalog, plan, t, area, pts, as_of, opts)
        })
        .collect();
    PlanRun {
        plan: plan.id().to_string(),
        area: area.to_string(),
        as_of,
        options: *opts,
        assessments,
    }
}
