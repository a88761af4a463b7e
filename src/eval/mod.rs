//! Indicator values for every area × year × dimension.
//!
//! Raw series are summed (or weight-averaged) up the hierarchy first, then every formula is evaluated
//! at every level: a province's rate is the ratio of its sums, never a mean of its districts' rates.
//! Numerator and denominator are kept beside the value so that anyone can re-aggregate.

pub mod aggregate;

use std::collections::{BTreeMap, BTreeSet};

use polars::chunked_array::cast::CastOptions;
use polars::prelude::*;

use crate::catalog::{Catalog, Definition, graph};
use crate::data::{Dataset, ObsStatus};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::frame;
use crate::timing;

/// What to evaluate. Empty lists mean "everything".
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    pub indicators: Vec<String>,
    pub areas: Vec<String>,
    pub years: Option<(i32, i32)>,
    /// The text columns of the values (indicator, area, status) left coded, as categoricals, for a
    /// writer that stores codes (Parquet's dictionary pages); otherwise they are text.
    pub coded: bool,
}

/// Indicator values in long form.
#[derive(Debug, Clone)]
pub struct Values {
    /// indicator, area, year, dims…, value, numerator, denominator, status (A/P/E/F), break (bool);
    /// indicator, area and status are categorical where [`EvalOptions::coded`] asked for it
    pub frame: DataFrame,
    pub dims: Vec<String>,
    /// Raw series after aggregation, wide: one row per (area, year, dims); see [`aggregate::Wide`].
    pub series: aggregate::Wide,
    /// Data-quality findings: zero denominators, incomplete aggregates.
    pub findings: Vec<Diagnostic>,
}

impl Values {
    /// The raw series of one area after aggregation: series, area, year, dims…, value, status_rank,
    /// brk, origin (0 observed, 1 computed).
    pub fn series_of(&self, area: &str) -> Result<DataFrame> {
        self.series.long(&self.dims, Some(area))
    }
}

/// The status codes of the ranks 0..=3 (`A`, `P`, `E`, `F`) as a column of the type (text, or
/// categorical for coded values): a value's status is a gather by its rank, not four comparisons.
fn status_codes(dtype: &DataType) -> Result<Series> {
    let codes: Vec<&str> = (0..=3).map(|r| ObsStatus::from_rank(r).code()).collect();
    Ok(Series::new("status".into(), codes).cast(dtype)?)
}

/// A text as one value of the type: a literal that stays one value (not a cast of every row).
fn one_value(text: &str, dtype: &DataType) -> Result<Scalar> {
    let value = Series::new("".into(), [text]).cast(dtype)?;
    Ok(Scalar::new(dtype.clone(), value.get(0)?.into_static()))
}

/// The indicators to compute: the requested ones and everything they read.
fn closure(catalog: &Catalog, requested: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<String> = if requested.is_empty() {
        catalog.order.clone()
    } else {
        requested.to_vec()
    };
    while let Some(id) = stack.pop() {
        if !catalog.definitions.contains_key(&id) || !out.insert(id.clone()) {
            continue;
        }
        match &catalog.definitions[&id] {
            Definition::Formula(f) => stack.extend(f.names.iter().cloned()),
            Definition::GrowthOf(b) => stack.push(b.clone()),
            Definition::Reported => {}
        }
    }
    out
}

fn num_col(id: &str) -> String {
    format!("{id}\u{1f}num")
}

fn den_col(id: &str) -> String {
    format!("{id}\u{1f}den")
}

fn bad_col(id: &str) -> String {
    format!("{id}\u{1f}bad")
}

pub fn evaluate(catalog: &Catalog, data: &Dataset, opts: &EvalOptions) -> Result<Values> {
    let dims = data.obs.dims.clone();
    let mut findings = Vec::new();
    let wanted = closure(catalog, &opts.indicators);
    // Output order: by indicator id, each at most once.
    let mut requested: Vec<String> = if opts.indicators.is_empty() {
        catalog.order.iter().filter(|i| wanted.contains(*i)).cloned().collect()
    } else {
        opts.indicators.clone()
    };
    requested.sort();
    requested.dedup();
    // Raw series the computation reads, plus the weights their aggregation needs.
    let mut needed: BTreeSet<String> = wanted.iter().flat_map(|i| catalog.root_series(i)).collect();
    for s in needed.clone() {
        if let Some((_, Some(w))) = catalog.aggregation_of(&s) {
            needed.insert(w);
        }
    }
    // Asked for some areas: only what feeds them is read (a composite needs every unit below it).
    let feeding: Option<BTreeSet<String>> =
        (!opts.areas.is_empty()).then(|| opts.areas.iter().flat_map(|a| data.areas.feeding(a)).collect());
    let obs = match &feeding {
        None => data.obs.frame.clone(),
        Some(feeding) => data.rows_of(feeding)?,
    };
    let t = timing::stage("series to wide");
    let wide = aggregate::Wide::build(&obs, &needed, &dims, &data.areas, data.obs.unique_keys)?;
    drop(t);
    let t = timing::stage("sums up the hierarchy");
    let series = aggregate::up_hierarchy(wide, &data.areas, catalog, &dims, feeding.as_ref(), &mut findings)?;
    drop(t);
    let t = timing::stage("formulas");
    let wide = in_order(&series.frame, data, &needed, &dims)?;
    let wide = compute(catalog, wide.lazy(), &wanted, &dims)?.collect()?;
    drop(t);
    let _t = timing::stage("long form");
    let frame = to_long(
        catalog,
        &wide,
        &requested,
        &series.series,
        &dims,
        opts.coded,
        &mut findings,
    )?;
    let frame = filter(frame, opts)?;
    Ok(Values {
        frame,
        dims,
        series,
        findings,
    })
}

/// The series table with a column for every needed series (absent ones empty), in output order:
/// areas as listed in areas.csv, then dimensions, then years. The order is found on the key columns
/// alone; the wide frame's blocks (one per level of the hierarchy) hold their rows in that order
/// already, so where areas.csv lists one level after another the table is the blocks' slices put
/// together, without moving a value. Whether a value was computed (`…\x1fcomp`) is
/// left out: the formulas and the long form do not read it.
fn in_order(series: &DataFrame, data: &Dataset, needed: &BTreeSet<String>, dims: &[String]) -> Result<DataFrame> {
    let names: Vec<String> = series.get_column_names().iter().map(|s| s.to_string()).collect();
    let absent: Vec<Expr> = needed
        .iter()
        .filter(|s| !names.contains(*s))
        .map(|s| lit(NULL).cast(DataType::Float64).alias(s.as_str()))
        .collect();
    let mut key: Vec<String> = vec!["area".into(), "year".into()];
    key.extend(dims.iter().cloned());
    let rows = series
        .select(key.iter().map(String::as_str))?
        .lazy()
        .with_row_index("__row", None);
    let rows = aggregate::in_area_order(rows, &data.areas, None, dims)?
        .select([col("__row")])
        .collect()?;
    let comp = aggregate::comp("");
    let kept: Vec<&str> = names
        .iter()
        .filter(|n| !n.ends_with(comp.as_str()))
        .map(String::as_str)
        .collect();
    let ordered = frame::take_in_runs(&series.select(kept)?, rows.column("__row")?.idx()?)?;
    if absent.is_empty() {
        return Ok(ordered);
    }
    Ok(ordered.lazy().with_columns(absent).collect()?)
}

/// Add a value column (and numerator/denominator columns) per indicator, level by level.
fn compute(catalog: &Catalog, mut wide: LazyFrame, wanted: &BTreeSet<String>, dims: &[String]) -> Result<LazyFrame> {
    let deps: BTreeMap<String, Vec<String>> = catalog
        .order
        .iter()
        .filter(|i| wanted.contains(*i))
        .map(|i| {
            let reads = match &catalog.definitions[i] {
                Definition::Formula(f) => f.names.iter().filter(|n| wanted.contains(*n)).cloned().collect(),
                Definition::GrowthOf(b) if wanted.contains(b) => vec![b.clone()],
                _ => Vec::new(),
            };
            (i.clone(), reads)
        })
        .collect();
    let order: Vec<String> = catalog.order.iter().filter(|i| wanted.contains(*i)).cloned().collect();
    let mut part: Vec<Expr> = vec![col("area")];
    part.extend(dims.iter().map(|d| col(d.as_str())));
    for level in graph::levels(&deps, &order) {
        let mut exprs = Vec::new();
        for id in level {
            match &catalog.definitions[&id] {
                Definition::Formula(f) => {
                    let raw = f.expr.clone().cast(DataType::Float64);
                    exprs.push(
                        raw.clone()
                            .is_not_null()
                            .and(raw.clone().is_finite().not())
                            .alias(bad_col(&id)),
                    );
                    exprs.push(frame::finite_or_null(raw).alias(id.as_str()));
                    if let Some(r) = &f.ratio {
                        exprs.push(r.numerator.clone().cast(DataType::Float64).alias(num_col(&id)));
                        exprs.push(r.denominator.clone().cast(DataType::Float64).alias(den_col(&id)));
                    } else {
                        exprs.push(lit(NULL).cast(DataType::Float64).alias(num_col(&id)));
                        exprs.push(lit(NULL).cast(DataType::Float64).alias(den_col(&id)));
                    }
                }
                Definition::GrowthOf(base) => {
                    let prev = col(base.as_str()).shift(lit(1)).over(part.clone())?;
                    let prev_year = col("year").shift(lit(1)).over(part.clone())?;
                    let consecutive = (col("year") - prev_year).eq(lit(1));
                    let prev = when(consecutive)
                        .then(prev)
                        .otherwise(lit(NULL).cast(DataType::Float64));
                    let g = (col(base.as_str()) / prev.clone() - lit(1.0)) * lit(100.0);
                    exprs.push(
                        g.clone()
                            .is_not_null()
                            .and(g.clone().is_finite().not())
                            .alias(bad_col(&id)),
                    );
                    exprs.push(frame::finite_or_null(g).alias(id.as_str()));
                    exprs.push(col(base.as_str()).cast(DataType::Float64).alias(num_col(&id)));
                    exprs.push(prev.alias(den_col(&id)));
                }
                Definition::Reported => {
                    exprs.push(lit(false).alias(bad_col(&id)));
                    exprs.push(lit(NULL).cast(DataType::Float64).alias(num_col(&id)));
                    exprs.push(lit(NULL).cast(DataType::Float64).alias(den_col(&id)));
                }
            }
        }
        wide = wide.with_columns(exprs);
    }
    Ok(wide)
}

/// Long form for the requested indicators (in the given order, each over the table's rows in their
/// order), with the status of their inputs and the findings.
fn to_long(
    catalog: &Catalog,
    wide: &DataFrame,
    requested: &[String],
    present: &[String],
    dims: &[String],
    coded: bool,
    findings: &mut Vec<Diagnostic>,
) -> Result<DataFrame> {
    // Coded, the text columns are categoricals: an indicator's id is one code for all its rows, an
    // area's code is gathered like a number, and millions of rows carry no text of their own for
    // the Parquet writer to hash back into codes. Either way a status is looked up by its rank.
    let (indicator_type, status_type) = match coded {
        true => (frame::local_categorical(), frame::local_categorical()),
        false => (DataType::String, DataType::String),
    };
    let codes = status_codes(&status_type)?;
    let mut wide = wide.clone();
    if coded {
        wide.with_column(wide.column("area")?.cast(&frame::local_categorical())?)?;
    }
    let wide = &wide;
    if requested.is_empty() {
        return empty_values(dims);
    }
    // Which indicators have a zero denominator (or a value that is not finite) somewhere: one
    // query for all of them; most have none, and only the rows of those that do are taken apart.
    // Such a row may have no numerator, so it is looked for in the wide columns; a missing
    // denominator beside a numerator is found in the long rows, which hold every such row.
    let zero_somewhere: Vec<Expr> = requested
        .iter()
        .map(|id| zero_denominator(id).fill_null(lit(false)).any(true).alias(id.as_str()))
        .collect();
    let zero_somewhere = frame::narrow(wide, zero_somewhere.iter())?
        .select(zero_somewhere)
        .collect()?;
    let mut parts = Vec::with_capacity(requested.len());
    let mut zero_rows = Vec::new();
    for id in requested {
        // Status of a value: the strongest qualification among its raw inputs that year.
        let roots: Vec<String> = catalog
            .root_series(id)
            .into_iter()
            .filter(|s| present.contains(s))
            .collect();
        let (status, brk) = if roots.is_empty() {
            (
                lit(one_value(ObsStatus::from_rank(0).code(), &status_type)?),
                lit(false),
            )
        } else {
            let rank =
                polars::lazy::dsl::max_horizontal(roots.iter().map(|s| col(aggregate::st(s))).collect::<Vec<_>>())?
                    .fill_null(lit(0i32));
            // Ranks are 0..=3: the wrapping cast is exact, and vectorised (a checked one is not).
            let rank = rank.cast_with_options(IDX_DTYPE, CastOptions::Overflowing);
            (
                lit(codes.clone()).gather(rank, false),
                polars::lazy::dsl::any_horizontal(roots.iter().map(|s| col(aggregate::brk(s))).collect::<Vec<_>>())?
                    .fill_null(lit(false)),
            )
        };
        let mut sel = vec![
            lit(one_value(id, &indicator_type)?).alias("indicator"),
            col("area"),
            col("year"),
        ];
        sel.extend(dims.iter().map(|d| col(d.as_str())));
        sel.extend([
            col(id.as_str()).alias("value"),
            col(num_col(id)).alias("numerator"),
            col(den_col(id)).alias("denominator"),
            status.alias("status"),
            brk.alias("break"),
        ]);
        let zero = zero_denominator(id);
        let rows = frame::narrow(wide, sel.iter().chain([&zero]))?;
        // A row with a value, or a numerator without one (a zero or missing denominator, worth
        // seeing); a denominator alone (population in years without doctors) says nothing about
        // the indicator. The filter is on the wide columns, before the long ones are made: the
        // status of a row that is left out is never looked up.
        let has_any = col(id.as_str()).is_not_null().or(col(num_col(id)).is_not_null());
        if zero_somewhere.column(id)?.bool()?.get(0) == Some(true) {
            zero_rows.push(rows.clone().filter(zero.fill_null(lit(false))).select(sel.clone()));
        }
        parts.push(rows.filter(has_any).select(sel));
    }
    let long = concat(parts, UnionArgs::default())?.collect()?;
    // The rows' mask first, then only the three columns the report reads filtered: a lazy filter
    // of the whole frame (its columns in one chunk per indicator) took 0.16 s on the national data.
    let mask = frame::select_in_parts(&long, vec![missing_denominator().fill_null(lit(false)).alias("m")])?;
    let mask = mask.column("m")?.bool()?.clone();
    let missing_rows = long.select(["indicator", "area", "year"])?.filter(&mask)?.lazy();
    let as_text = |lf: LazyFrame| {
        lf.select([
            col("indicator").cast(DataType::String),
            col("area").cast(DataType::String),
            col("year"),
        ])
        .collect()
    };
    let zero_rows = match zero_rows.is_empty() {
        true => None,
        false => Some(as_text(concat(zero_rows, UnionArgs::default())?)?),
    };
    report_denominators(catalog, zero_rows.as_ref(), &as_text(missing_rows)?, findings)?;
    Ok(long)
}

/// A zero denominator, or a value that is not finite: on an indicator's wide columns, where such a
/// row may have no numerator (and then no long row).
fn zero_denominator(id: &str) -> Expr {
    col(den_col(id)).eq(lit(0.0)).or(col(bad_col(id)))
}

/// A numerator without a denominator (and so without a value): on the long rows, which hold every
/// row with a numerator.
fn missing_denominator() -> Expr {
    col("numerator")
        .is_not_null()
        .and(col("denominator").is_null())
        .and(col("value").is_null())
}

fn empty_values(dims: &[String]) -> Result<DataFrame> {
    let mut cols = vec![
        Column::new_empty("indicator".into(), &DataType::String),
        Column::new_empty("area".into(), &DataType::String),
        Column::new_empty("year".into(), &DataType::Int32),
    ];
    cols.extend(
        dims.iter()
            .map(|d| Column::new_empty(d.as_str().into(), &DataType::String)),
    );
    cols.extend([
        Column::new_empty("value".into(), &DataType::Float64),
        Column::new_empty("numerator".into(), &DataType::Float64),
        Column::new_empty("denominator".into(), &DataType::Float64),
        Column::new_empty("status".into(), &DataType::String),
        Column::new_empty("break".into(), &DataType::Boolean),
    ]);
    Ok(DataFrame::new_infer_height(cols)?)
}

/// Zero or missing denominators: one finding per indicator and area, with the years.
/// `zero` and `missing`: the rows (indicator, area and year, as text) of each kind.
fn report_denominators(
    catalog: &Catalog,
    zero: Option<&DataFrame>,
    missing: &DataFrame,
    findings: &mut Vec<Diagnostic>,
) -> Result<()> {
    for (rows, code, what) in [
        (zero, "zero-denominator", "the denominator is zero"),
        (
            Some(missing),
            "missing-denominator",
            "the numerator has a value but the denominator has none",
        ),
    ] {
        let Some(rows) = rows.filter(|r| r.height() > 0) else {
            continue;
        };
        let rows = rows
            .clone()
            .lazy()
            .group_by([col("indicator"), col("area")])
            .agg([col("year").unique().sort(Default::default())])
            .sort(["indicator", "area"], SortMultipleOptions::default())
            .collect()?;
        let inds = frame::str_values(&rows, "indicator")?;
        let areas = frame::str_values(&rows, "area")?;
        let years = frame::i32_lists(&rows, "year")?;
        for i in 0..rows.height() {
            let ys = &years[i];
            let ind = inds[i].clone().unwrap_or_default();
            let def = catalog.indicators.get(&ind);
            let spec = def.and_then(|d| d.spec.formula.as_ref());
            let formula = spec.map(|f| format!(" (`{}`)", f.value)).unwrap_or_default();
            // Where the formula is written: the finding points there.
            let place = def
                .zip(spec)
                .map(|(d, f)| crate::catalog::yaml::loc(catalog.path_of(d), f));
            let mut finding = Diagnostic::warning(
                code,
                format!(
                    "`{ind}`{formula} has no value for area {} in {}: {what}",
                    areas[i].clone().unwrap_or_default(),
                    aggregate::year_ranges(ys)
                ),
            )
            .help("the value is left empty (never infinite); check the denominator's data for those years");
            if let Some(p) = place {
                finding = finding.at(p);
            }
            findings.push(finding);
        }
    }
    Ok(())
}

/// Only the areas and years asked for (the rows are in output order already).
fn filter(frame: DataFrame, opts: &EvalOptions) -> Result<DataFrame> {
    if opts.areas.is_empty() && opts.years.is_none() {
        return Ok(frame);
    }
    let area_type = frame.column("area")?.dtype().clone();
    let mut lf = frame.lazy();
    if !opts.areas.is_empty() {
        let area = Column::new("area".into(), opts.areas.clone()).cast(&area_type)?;
        let a = DataFrame::new_infer_height(vec![area])?;
        lf = lf.join(a.lazy(), [col("area")], [col("area")], JoinArgs::new(JoinType::Semi));
    }
    if let Some((from, to)) = opts.years {
        lf = lf.filter(col("year").gt_eq(lit(from)).and(col("year").lt_eq(lit(to))));
    }
    Ok(lf.collect()?)
}

#[cfg(test)]
mod tests;
