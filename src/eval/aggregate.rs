//! Raw series up the area hierarchy: sums for counts, weighted means for rates, nothing for the rest.
//! A composite's value is computed only when every component that exists that year reports; a value
//! published for the composite itself is kept and wins over the computed one.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::catalog::{Aggregation, Catalog};
use crate::data::Areas;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::frame;

/// `long`: series, area, year, dims…, value, status_rank, brk, origin. Returns the same columns with a
/// row for every composite that could be computed.
pub fn up_hierarchy(
    long: DataFrame,
    areas: &Areas,
    catalog: &Catalog,
    dims: &[String],
    findings: &mut Vec<Diagnostic>,
) -> Result<DataFrame> {
    let ranks = match areas.ranks() {
        Ok(r) => r,
        Err(_) => return Ok(long), // reported by the area checks
    };
    let max_rank = ranks.values().copied().max().unwrap_or(0);
    if max_rank == 0 || long.height() == 0 {
        return Ok(long);
    }
    let rules = rules_frame(catalog, &long)?;
    if rules.height() == 0 {
        return Ok(long);
    }
    let years: Vec<i32> = {
        let y = long.column("year")?.unique()?.cast(&DataType::Int32)?;
        let mut v: Vec<i32> = y.i32()?.iter().flatten().collect();
        v.sort();
        v
    };
    let edges = edges_by_year(areas, &ranks, &years)?;
    let key_dims: Vec<Expr> = dims.iter().map(|d| col(d.as_str())).collect();
    let mut cur = long;
    for r in 1..=max_rank {
        let e_r = edges
            .clone()
            .lazy()
            .filter(col("rank").eq(lit(r as u32)))
            .drop(cols(["rank"]));
        let expected = e_r
            .clone()
            .group_by([col("composite"), col("year")])
            .agg([len().alias("expected")]);
        let contrib = cur
            .clone()
            .lazy()
            .join(
                e_r.clone(),
                [col("area"), col("year")],
                [col("component"), col("year")],
                JoinArgs::new(JoinType::Inner),
            )
            .join(
                rules.clone().lazy(),
                [col("series")],
                [col("series")],
                JoinArgs::new(JoinType::Inner),
            );
        // Weights at the component: the weight series' value for the same area, year and dimensions.
        let weights = cur.clone().lazy().select({
            let mut s = vec![
                col("series").alias("weight"),
                col("area").alias("__w_area"),
                col("year").alias("__w_year"),
            ];
            s.extend(dims.iter().map(|d| col(d.as_str()).alias(format!("__w_{d}"))));
            s.push(col("value").alias("w"));
            s
        });
        let mut left_on = vec![col("weight"), col("area"), col("year")];
        left_on.extend(key_dims.iter().cloned());
        let mut right_on = vec![col("weight"), col("__w_area"), col("__w_year")];
        right_on.extend(dims.iter().map(|d| col(format!("__w_{d}"))));
        let contrib = contrib
            .join(weights, left_on, right_on, JoinArgs::new(JoinType::Left))
            .filter(
                col("rule")
                    .eq(lit("sum"))
                    .and(col("value").is_not_null())
                    .or(col("value").is_not_null().and(col("w").is_not_null())),
            );
        let mut group = vec![col("series"), col("composite"), col("year")];
        group.extend(key_dims.iter().cloned());
        let is_sum = col("rule").first().eq(lit("sum"));
        let agg = contrib
            .clone()
            .group_by(group.clone())
            .agg([
                when(is_sum)
                    .then(col("value").sum())
                    .otherwise((col("value") * col("w")).sum() / col("w").sum())
                    .alias("value"),
                len().alias("n"),
                col("status_rank").max(),
                col("brk").any(true),
            ])
            .join(
                expected.clone(),
                [col("composite"), col("year")],
                [col("composite"), col("year")],
                JoinArgs::new(JoinType::Left),
            )
            .collect()?;
        report_incomplete(&agg, &contrib, &e_r, dims, areas, findings)?;
        let mut out_cols = vec![col("series"), col("composite").alias("area"), col("year")];
        out_cols.extend(key_dims.iter().cloned());
        out_cols.extend([
            frame::finite_or_null(col("value")).alias("value"),
            col("status_rank"),
            col("brk"),
            lit(1u8).alias("origin"),
        ]);
        let complete = agg.lazy().filter(col("n").eq(col("expected"))).select(out_cols);
        let mut key = vec![col("series"), col("area"), col("year")];
        key.extend(key_dims.iter().cloned());
        report_mismatches(&complete, &cur, &key, findings)?;
        let new_rows = complete.join(cur.clone().lazy(), key.clone(), key, JoinArgs::new(JoinType::Anti));
        cur = concat([cur.lazy(), new_rows], UnionArgs::default())?.collect()?;
    }
    Ok(cur)
}

/// A value published for a composite that differs from the sum of its parts by more than 0.5 %: the
/// published value is kept, and the difference is worth a look (coverage, revisions, typing errors).
fn report_mismatches(
    complete: &LazyFrame,
    cur: &DataFrame,
    key: &[Expr],
    findings: &mut Vec<Diagnostic>,
) -> Result<()> {
    let published = cur.clone().lazy().filter(col("origin").eq(lit(0u8)));
    let rows = complete
        .clone()
        .join(
            published,
            key.to_vec(),
            key.to_vec(),
            JoinArgs::new(JoinType::Inner).with_suffix(Some("_pub".into())),
        )
        .filter(
            (col("value") - col("value_pub"))
                .abs()
                .gt(col("value_pub").abs() * lit(0.005)),
        )
        .group_by([col("series"), col("area")])
        .agg([
            col("year").unique().sort(Default::default()),
            // The example shown is the first year's: both values of that same year.
            col("value")
                .sort_by([col("year")], SortMultipleOptions::default())
                .first(),
            col("value_pub")
                .sort_by([col("year")], SortMultipleOptions::default())
                .first(),
            col("year").min().alias("first"),
        ])
        .sort(["series", "area"], SortMultipleOptions::default())
        .collect()?;
    let series = frame::str_values(&rows, "series")?;
    let areas = frame::str_values(&rows, "area")?;
    let sums = frame::f64_values(&rows, "value")?;
    let pubs = frame::f64_values(&rows, "value_pub")?;
    let firsts = frame::i64_values(&rows, "first")?;
    let years = frame::i32_lists(&rows, "year")?;
    for i in 0..rows.height() {
        let ys = &years[i];
        findings.push(
            Diagnostic::warning(
                "aggregate-mismatch",
                format!(
                    "`{}` published for area {} differs by more than 0.5 % from the value computed from its parts in {} (e.g. {}: published {:.2}, computed {:.2})",
                    series[i].clone().unwrap_or_default(),
                    areas[i].clone().unwrap_or_default(),
                    year_ranges(ys),
                    firsts[i].unwrap_or(0),
                    pubs[i].unwrap_or(f64::NAN),
                    sums[i].unwrap_or(f64::NAN)
                ),
            )
            .help("the published value is used; check the parts' coverage or a revision of one of them"),
        );
    }
    Ok(())
}

/// (series, rule, weight) for every series present that aggregates.
fn rules_frame(catalog: &Catalog, long: &DataFrame) -> Result<DataFrame> {
    let present = long.column("series")?.unique()?;
    let mut series = Vec::new();
    let mut rule = Vec::new();
    let mut weight: Vec<Option<String>> = Vec::new();
    for s in present.str()?.iter().flatten() {
        match catalog.aggregation_of(s) {
            Some((Aggregation::Sum, _)) => {
                series.push(s.to_string());
                rule.push("sum");
                weight.push(None);
            }
            Some((Aggregation::WeightedMean, Some(w))) => {
                series.push(s.to_string());
                rule.push("wmean");
                weight.push(Some(w));
            }
            _ => {}
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new("series".into(), series),
        Column::new("rule".into(), rule),
        Column::new("weight".into(), weight),
    ])?)
}

/// component, composite, year, rank (of the composite) for every year that has data.
fn edges_by_year(areas: &Areas, ranks: &BTreeMap<String, usize>, years: &[i32]) -> Result<DataFrame> {
    let mut component = Vec::new();
    let mut composite = Vec::new();
    let mut year = Vec::new();
    let mut rank = Vec::new();
    for e in areas.edges() {
        let Some(r) = ranks.get(&e.composite) else {
            continue;
        };
        for y in years.iter().copied().filter(|y| *y >= e.from && *y <= e.to) {
            component.push(e.component.clone());
            composite.push(e.composite.clone());
            year.push(y);
            rank.push(*r as u32);
        }
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new("component".into(), component),
        Column::new("composite".into(), composite),
        Column::new("year".into(), year),
        Column::new("rank".into(), rank),
    ])?)
}

/// One warning per (series, composite, dimensions) whose components are incomplete, naming the
/// missing components and the years.
fn report_incomplete(
    agg: &DataFrame,
    contrib: &LazyFrame,
    e_r: &LazyFrame,
    dims: &[String],
    areas: &Areas,
    findings: &mut Vec<Diagnostic>,
) -> Result<()> {
    let mut group = vec![col("series"), col("composite"), col("year")];
    group.extend(dims.iter().map(|d| col(d.as_str())));
    let incomplete = agg
        .clone()
        .lazy()
        .filter(col("n").lt(col("expected")))
        .select(group.clone());
    let present = contrib.clone().select({
        // The inner join kept the component's code under the left key, `area`.
        let mut s = group.clone();
        s.push(col("area").alias("component"));
        s
    });
    let mut key = group.clone();
    key.push(col("component"));
    let missing = incomplete
        .join(
            e_r.clone(),
            [col("composite"), col("year")],
            [col("composite"), col("year")],
            JoinArgs::new(JoinType::Inner),
        )
        .join(present, key.clone(), key, JoinArgs::new(JoinType::Anti));
    let mut by = vec![col("series"), col("composite")];
    by.extend(dims.iter().map(|d| col(d.as_str())));
    let summary = missing
        .group_by(by)
        .agg([
            col("year").unique().sort(Default::default()),
            col("component").unique().sort(Default::default()),
        ])
        .sort(["series", "composite"], SortMultipleOptions::default())
        .collect()?;
    if summary.height() == 0 {
        return Ok(());
    }
    let series = frame::str_values(&summary, "series")?;
    let comp = frame::str_values(&summary, "composite")?;
    let years = frame::i32_lists(&summary, "year")?;
    let parts = frame::str_lists(&summary, "component")?;
    for i in 0..summary.height() {
        let (ys, cs) = (&years[i], &parts[i]);
        let comp_code = comp[i].clone().unwrap_or_default();
        let shown: Vec<String> = cs
            .iter()
            .take(5)
            .map(|c| format!("{} ({c})", areas.name(c, crate::i18n::Lang::En)))
            .collect();
        let more = if cs.len() > 5 {
            format!(" and {} more", cs.len() - 5)
        } else {
            String::new()
        };
        findings.push(
            Diagnostic::warning(
                "incomplete-aggregate",
                format!(
                    "`{}` for {} ({comp_code}) is not computed in {}: no value for {}{more}",
                    series[i].clone().unwrap_or_default(),
                    areas.name(&comp_code, crate::i18n::Lang::En),
                    year_ranges(ys),
                    shown.join(", ")
                ),
            )
            .help("a total from part of the units would understate it; add the missing values or a value published for the whole area"),
        );
    }
    Ok(())
}

/// 2010, 2012–2015
pub fn year_ranges(years: &[i32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let start = years[i];
        let mut end = start;
        while i + 1 < years.len() && years[i + 1] == end + 1 {
            i += 1;
            end = years[i];
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::year_ranges;

    #[test]
    fn ranges() {
        assert_eq!(year_ranges(&[2010, 2012, 2013, 2014, 2016]), "2010, 2012–2014, 2016");
    }
}
