//! Raw series up the area hierarchy: sums for counts, weighted means for rates, nothing for the rest.
//! A composite's value is computed only when every component that exists that year reports; a value
//! published for the composite itself is kept and wins over the computed one.
//!
//! The series are held wide: one row per (area, year, dimensions), and per series a value column
//! (named by the series), its status rank (`series\x1fst`: the strongest qualification among what it
//! was made from), its break flag (`series\x1fbrk`) and whether it was computed from the units below
//! (`series\x1fcomp`). A level of the hierarchy is then one group-by over the rows of its components,
//! whatever the number of series.

use std::collections::{BTreeMap, BTreeSet};

use polars::prelude::*;

use crate::catalog::{Aggregation, Catalog};
use crate::data::{Areas, ObsStatus};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::frame;
use crate::slots::{self, Slots};

/// Column of a series' status rank.
pub fn st(series: &str) -> String {
    format!("{series}\u{1f}st")
}

/// Column of a series' break flag.
pub fn brk(series: &str) -> String {
    format!("{series}\u{1f}brk")
}

/// Column telling whether a series' value was computed from the units below.
pub fn comp(series: &str) -> String {
    format!("{series}\u{1f}comp")
}

fn count(series: &str) -> String {
    format!("{series}\u{1f}n")
}

fn fresh(column: &str) -> String {
    format!("{column}\u{1f}new")
}

/// The raw series of every area, wide.
#[derive(Debug, Clone)]
pub struct Wide {
    /// area, year, dims…, then per series: value, status rank, break, computed.
    pub frame: DataFrame,
    /// The series with columns, sorted.
    pub series: Vec<String>,
    /// The rows in blocks by rank of their area in the hierarchy: rank → number of rows, blocks in
    /// order of rank, units first. A level of the hierarchy then replaces its own block (a slice) instead of
    /// joining the whole frame.
    blocks: BTreeMap<u32, usize>,
}

/// Every area's place in areas.csv: `__code` (text), `__order`.
fn area_order(areas: &Areas) -> Result<DataFrame> {
    Ok(DataFrame::new_infer_height(vec![
        Column::new(
            "__code".into(),
            areas.list.iter().map(|a| a.code.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "__order".into(),
            areas.list.iter().map(|a| a.order as u32).collect::<Vec<_>>(),
        ),
    ])?)
}

/// The rank of every area (0 for the units at the bottom, and for codes outside the hierarchy).
fn area_ranks(areas: &Areas) -> BTreeMap<String, usize> {
    areas.ranks().unwrap_or_default()
}

impl Wide {
    /// From the observations (series, area, year, dims…, value, status): the series in `needed`, one
    /// row per (area, year, dims) and per series present its value, status rank (P 1, E 2, F 3,
    /// otherwise 0) and break flag (status B). A key seen twice keeps its first value (deduplicated here
    /// only when `unique_keys` is false: the loader has proven keys unique otherwise). Rows come by
    /// rank of their area in the hierarchy (units first), then in output order ([`in_area_order`]).
    ///
    /// Every observation has a cell (series × row) of its own: the rows and the series are numbered
    /// through their keys' [`Slots`], and the values are written into one array of all cells whose
    /// slices are the columns. No join per series, no hash of millions of keys.
    pub fn build(
        obs: &DataFrame,
        needed: &BTreeSet<String>,
        dims: &[String],
        areas: &Areas,
        unique_keys: bool,
    ) -> Result<Wide> {
        let mut key: Vec<String> = vec!["area".into(), "year".into()];
        key.extend(dims.iter().cloned());
        let key_cols = || key.iter().map(|k| col(k.as_str())).collect::<Vec<_>>();
        let t = crate::timing::stage("wide: pick");
        let series_key = ["series".to_string()];
        let mut series_slots = Slots::of(obs, &series_key)?;
        // The series with rows, by slot; those not needed are left out below.
        let mut present = slot_names(obs, "series", &series_slots)?;
        let mut keep: Vec<bool> = vec![false; series_slots.len()];
        for (name, slot) in &present {
            keep[*slot as usize] = name.as_ref().is_some_and(|n| needed.contains(n));
        }
        present.retain(|(_, slot)| keep[*slot as usize]);
        let keep = series_slots.each_row(&keep)?;
        let all_kept = keep.all();
        let mut source = obs.clone();
        if !all_kept || !unique_keys {
            let mut sel = series_key.to_vec();
            sel.extend(key.iter().cloned());
            sel.extend(["value".to_string(), "status".to_string()]);
            source = source.select(sel)?;
            if !all_kept {
                source = source.filter(&keep)?;
                // The kept rows keep their slots (every row of a kept series is kept).
                series_slots = series_slots.filter(&keep)?;
            }
            if !unique_keys {
                // A key seen twice (data with errors) keeps its first value.
                source = source.unique_stable(
                    Some(&[&series_key[..], &key[..]].concat()),
                    UniqueKeepStrategy::First,
                    None,
                )?;
                series_slots = Slots::of(&source, &series_key)?;
                present = slot_names(&source, "series", &series_slots)?;
            }
        }
        let coded = match status_by_code(source.column("status")?)? {
            Some((rank, brk)) => DataFrame::new(
                source.height(),
                vec![
                    source.column("value")?.cast(&DataType::Float64)?,
                    rank.into_column(),
                    brk.into_column(),
                ],
            )?,
            None => {
                // Status codes compared as the column's own type (categorical codes, not text).
                let status_type = source.column("status")?.dtype().clone();
                let status = col("status");
                let code = |s: ObsStatus| lit(s.code()).cast(status_type.clone());
                let rank = |s: ObsStatus| lit(s.rank());
                frame::select_in_parts(
                    &source,
                    vec![
                        col("value").cast(DataType::Float64),
                        when(status.clone().eq(code(ObsStatus::P)))
                            .then(rank(ObsStatus::P))
                            .when(status.clone().eq(code(ObsStatus::E)))
                            .then(rank(ObsStatus::E))
                            .when(status.clone().eq(code(ObsStatus::F)))
                            .then(rank(ObsStatus::F))
                            .otherwise(rank(ObsStatus::A))
                            .alias("st"),
                        status.eq(code(ObsStatus::B)).fill_null(lit(false)).alias("brk"),
                    ],
                )?
            }
        };
        drop(t);
        let _t = crate::timing::stage("wide: rows");
        let row_slots = Slots::of(&source, &key)?;
        // One row per (area, year, dims): units first, then each level of composites (a level of
        // the hierarchy is a block of rows), each block in output order.
        let ranks = area_ranks(areas);
        let rank_df = DataFrame::new_infer_height(vec![
            Column::new("__code".into(), ranks.keys().cloned().collect::<Vec<_>>()),
            Column::new("__rank".into(), ranks.values().map(|r| *r as u32).collect::<Vec<_>>()),
        ])?;
        let firsts = row_slots.one_row_each()?;
        let mut distinct = source.select(key.iter().map(String::as_str))?.take(&firsts)?;
        distinct.with_column(
            row_slots
                .of_row()
                .take(&firsts)?
                .with_name("__slot".into())
                .into_column(),
        )?;
        let rows = distinct
            .lazy()
            .with_column(col("area").cast(DataType::String))
            .join(
                rank_df.lazy(),
                [col("area")],
                [col("__code")],
                JoinArgs::new(JoinType::Left),
            )
            // A code outside the hierarchy is a unit (it feeds no composite).
            .with_column(col("__rank").fill_null(lit(0u32)));
        // Within a block, areas in the order of areas.csv (the output's): where areas.csv lists
        // one level after another, the output order is the blocks' rows taken block by block.
        let rows = in_area_order(rows, areas, Some("__rank"), dims)?.collect()?;
        let blocks = rank_blocks(&rows)?;
        let row_of_slot = slots::numbering(row_slots.len(), rows.column("__slot")?.idx()?)?;
        let rows = rows.select(key.iter().map(String::as_str))?;
        drop(_t);
        let _t = crate::timing::stage("wide: columns");
        // The series present, by name, and the number of each (its block of cells).
        let mut named: Vec<(String, IdxSize)> = present
            .into_iter()
            .filter_map(|(name, slot)| Some((name?, slot)))
            .collect();
        named.sort();
        let number_of_slot = slots::numbering(
            series_slots.len(),
            &IdxCa::from_vec(PlSmallStr::EMPTY, named.iter().map(|(_, slot)| *slot).collect()),
        )?;
        let n_rows = rows.height();
        let cells = named.len() as u64 * n_rows as u64;
        if cells > IdxSize::MAX as u64 {
            return Err(crate::Error::invalid(
                Diagnostic::error(
                    "too-large",
                    format!(
                        "{} series × {n_rows} rows (area, year, dimensions) are more values than one evaluation holds ({})",
                        named.len(),
                        IdxSize::MAX
                    ),
                )
                .help("evaluate part of it at a time: `--indicators …` or `--area …`"),
            ));
        }
        // Observation i goes to cell (series number × rows + row); a series without a name has none.
        // Two gathers of millions of rows, side by side (a gather runs on one core).
        let (row, number) = rayon::join(
            || row_of_slot.take(row_slots.of_row()),
            || number_of_slot.take(series_slots.of_row()),
        );
        let mut cell = &(&number? * n_rows as IdxSize) + &row?;
        let mut coded = coded;
        if cell.null_count() > 0 {
            let has = cell.is_not_null();
            coded = coded.filter(&has)?;
            cell = cell.filter(&has)?;
        }
        let cell = cell.rechunk();
        let at = cell.cont_slice()?;
        let cells = cells as usize;
        // Three arrays, written side by side (a scatter runs on one core).
        let (values, ranks, flags) = (
            coded.column("value")?.f64()?,
            coded.column("st")?.i32()?,
            coded.column("brk")?.bool()?,
        );
        let (value, (rank, flag)) = rayon::join(
            || (&mut Float64Chunked::full_null(PlSmallStr::EMPTY, cells)).scatter(at, values.iter()),
            || {
                rayon::join(
                    || (&mut Int32Chunked::full_null(PlSmallStr::EMPTY, cells)).scatter(at, ranks.iter()),
                    || (&mut BooleanChunked::full_null(PlSmallStr::EMPTY, cells)).scatter(at, flags.iter()),
                )
            },
        );
        let (value, rank, flag) = (value?, rank?, flag?);
        let mut columns = rows.columns().to_vec();
        let mut select = key_cols();
        for (i, (name, _)) in named.iter().enumerate() {
            let (start, len) = ((i * n_rows) as i64, n_rows);
            columns.extend([
                value.slice(start, len).with_name(name.into()).into_column(),
                rank.slice(start, len).with_name(st(name).into()).into_column(),
                flag.slice(start, len).with_name(brk(name).into()).into_column(),
            ]);
            select.extend([
                col(name.as_str()),
                col(st(name)),
                col(brk(name)),
                // Observed here: false; no observation: null (the hierarchy may compute one).
                when(col(st(name)).is_not_null())
                    .then(lit(false))
                    .otherwise(lit(NULL).cast(DataType::Boolean))
                    .alias(comp(name)),
            ]);
        }
        let frame = DataFrame::new(n_rows, columns)?.lazy().select(select).collect()?;
        let series = named.into_iter().map(|(name, _)| name).collect();
        Ok(Wide { frame, series, blocks })
    }

    /// The layout of the observations for the rows of one area (or every area): series, area, year,
    /// dims…, value, status_rank, brk, origin (0 observed, 1 computed).
    pub fn long(&self, dims: &[String], area: Option<&str>) -> Result<DataFrame> {
        let mut lf = self.frame.clone().lazy();
        if let Some(a) = area {
            lf = lf.filter(col("area").eq(lit(a)));
        }
        let rows = lf.collect()?;
        let mut parts = Vec::with_capacity(self.series.len());
        for s in &self.series {
            let mut sel = vec![lit(s.as_str()).alias("series"), col("area"), col("year")];
            sel.extend(dims.iter().map(|d| col(d.as_str())));
            sel.extend([
                col(s.as_str()).alias("value"),
                col(st(s)).alias("status_rank"),
                col(brk(s)).alias("brk"),
                col(comp(s)).cast(DataType::Int32).alias("origin"),
            ]);
            let keep = col(st(s)).is_not_null();
            let lf = frame::narrow(&rows, sel.iter().chain([&keep]))?;
            parts.push(lf.filter(keep).select(sel));
        }
        if parts.is_empty() {
            let mut cols = vec![Column::new_empty("series".into(), &DataType::String)];
            cols.extend(rows.columns().iter().take(2 + dims.len()).cloned());
            cols.extend([
                Column::new_empty("value".into(), &DataType::Float64),
                Column::new_empty("status_rank".into(), &DataType::Int32),
                Column::new_empty("brk".into(), &DataType::Boolean),
                Column::new_empty("origin".into(), &DataType::Int32),
            ]);
            return Ok(DataFrame::new_infer_height(cols)?);
        }
        Ok(concat(parts, UnionArgs::default())?
            .sort(["series", "area", "year"], SortMultipleOptions::default())
            .collect()?)
    }
}

/// The rank ([`ObsStatus::rank`]) and break flag (B) of every row of a categorical status column,
/// looked up by code: the few texts of its dictionary are ranked once and the rows gather theirs.
/// None for a text column, or when the dictionary cannot be read (then the rows are compared).
fn status_by_code(status: &Column) -> Result<Option<(Int32Chunked, BooleanChunked)>> {
    let Some(texts) = frame::dictionary(status)? else {
        return Ok(None);
    };
    let parsed: Vec<Option<ObsStatus>> = texts.iter().map(|t| ObsStatus::parse(t)).collect();
    let ranks = Int32Chunked::from_vec(
        PlSmallStr::EMPTY,
        parsed.iter().map(|s| s.map_or(0, ObsStatus::rank)).collect(),
    );
    let breaks: BooleanChunked = parsed.iter().map(|s| *s == Some(ObsStatus::B)).collect();
    let codes = status.as_materialized_series().to_physical_repr().cast(&IDX_DTYPE)?;
    let codes = codes.idx()?;
    let (rank, brk) = rayon::join(|| ranks.take(codes), || breaks.take(codes));
    // A row without a status ranks 0 and is no break, as the comparisons say.
    Ok(Some((
        rank?.fill_null_with_values(0)?.with_name("st".into()),
        brk?.fill_null_with_values(false)?.with_name("brk".into()),
    )))
}

/// The text of every slot of `column` that has rows, with the slot.
fn slot_names(df: &DataFrame, column: &str, slots: &Slots) -> Result<Vec<(Option<String>, IdxSize)>> {
    let firsts = slots.one_row_each()?;
    let names = frame::str_values(&df.select([column])?.take(&firsts)?, column)?;
    Ok(names
        .into_iter()
        .zip(slots.of_row().take(&firsts)?.into_no_null_iter())
        .collect())
}

/// rank → number of rows, of the rows sorted by `__rank`.
fn rank_blocks(rows: &DataFrame) -> Result<BTreeMap<u32, usize>> {
    let counts = rows
        .clone()
        .lazy()
        .group_by([col("__rank")])
        .agg([len().alias("n")])
        .collect()?;
    let ranks = frame::i64_values(&counts, "__rank")?;
    let ns = frame::i64_values(&counts, "n")?;
    Ok(ranks
        .into_iter()
        .zip(ns)
        .map(|(r, n)| (r.unwrap_or(0) as u32, n.unwrap_or(0) as usize))
        .collect())
}

/// Where the rows of one rank lie: (first row, number of rows); an absent rank is an empty block
/// where it would be.
fn block_of(blocks: &BTreeMap<u32, usize>, rank: u32) -> (usize, usize) {
    let start = blocks.range(..rank).map(|(_, n)| n).sum();
    (start, blocks.get(&rank).copied().unwrap_or(0))
}

/// How a series climbs: its rule and, for a weighted mean, the weight series.
enum Rule {
    Sum,
    Mean(String),
}

/// Every series present that aggregates (a weighted mean needs its weight present too).
fn rules(catalog: &Catalog, present: &[String]) -> Vec<(String, Rule)> {
    present
        .iter()
        .filter_map(|s| match catalog.aggregation_of(s) {
            Some((Aggregation::Sum, _)) => Some((s.clone(), Rule::Sum)),
            Some((Aggregation::WeightedMean, Some(w))) if present.contains(&w) => Some((s.clone(), Rule::Mean(w))),
            _ => None,
        })
        .collect()
}

/// Fill the composites level by level, from the units up: all of them, or only those in `only`
/// (the data were cut to some areas: a composite above them would be reported incomplete for
/// lack of rows that were never read).
pub fn up_hierarchy(
    wide: Wide,
    areas: &Areas,
    catalog: &Catalog,
    dims: &[String],
    only: Option<&BTreeSet<String>>,
    findings: &mut Vec<Diagnostic>,
) -> Result<Wide> {
    let ranks = match areas.ranks() {
        Ok(r) => r,
        Err(_) => return Ok(wide), // reported by the area checks
    };
    let max_rank = ranks.values().copied().max().unwrap_or(0);
    if max_rank == 0 || wide.frame.height() == 0 {
        return Ok(wide);
    }
    let rules = rules(catalog, &wide.series);
    if rules.is_empty() {
        return Ok(wide);
    }
    let years: Vec<i32> = {
        let y = wide.frame.column("year")?.unique()?.cast(&DataType::Int32)?;
        let mut v: Vec<i32> = y.i32()?.iter().flatten().collect();
        v.sort();
        v
    };
    let edges = edges_by_year(areas, &ranks, &years, only)?;
    let mut key: Vec<Expr> = vec![col("area"), col("year")];
    key.extend(dims.iter().map(|d| col(d.as_str())));
    let mut cur = wide.frame;
    let mut blocks = wide.blocks;
    for r in 1..=max_rank {
        let e_r = edges
            .clone()
            .lazy()
            .filter(col("rank").eq(lit(r as u32)))
            .drop(cols(["rank"]))
            .collect()?;
        if e_r.height() == 0 {
            continue;
        }
        let expected = e_r
            .clone()
            .lazy()
            .group_by([col("composite"), col("year")])
            .agg([len().alias("expected")]);
        let contrib = components(&cur, &e_r)?;
        if contrib.height() == 0 {
            continue;
        }
        // The terms each series sums: the values, or for a weighted mean value × weight and weight.
        let terms: Vec<(Expr, Expr, Option<Expr>)> = rules
            .iter()
            .map(|(s, rule)| match rule {
                Rule::Sum => (col(s.as_str()).is_not_null(), col(s.as_str()), None),
                Rule::Mean(w) => {
                    let has = col(s.as_str()).is_not_null().and(col(w.as_str()).is_not_null());
                    let kept = |c: &str| {
                        when(has.clone())
                            .then(col(c))
                            .otherwise(lit(NULL).cast(DataType::Float64))
                    };
                    (has.clone(), kept(s) * kept(w), Some(kept(w)))
                }
            })
            .collect();
        // Terms too large to be fixed are rare: where a series has none, its sums skip the check.
        let fits = {
            let all = terms.iter().flat_map(|(_, v, w)| std::iter::once(v).chain(w));
            let checks: Vec<Expr> = all
                .enumerate()
                .map(|(i, t)| frame::all_fixed(t.clone()).alias(format!("{i}")))
                .collect();
            let row = contrib.clone().lazy().select(checks).collect()?;
            row.columns()
                .iter()
                .map(|c| Ok(c.bool()?.get(0).unwrap_or(false)))
                .collect::<Result<Vec<bool>>>()?
        };
        // Each series' terms and flags become columns of their own first: the group-by then only
        // sums, counts and takes maxima of plain columns (see `frame::group_sum`).
        let mut group = vec![col("composite"), col("year")];
        group.extend(dims.iter().map(|d| col(d.as_str())));
        let mut prepared = group.clone();
        let mut aggs = Vec::with_capacity(rules.len() * 4);
        let mut fit = fits.into_iter();
        for (i, ((s, _), (has, v, w))) in rules.iter().zip(terms).enumerate() {
            let mut sum = |t: Expr, part: &str| {
                let (columns, sum) = frame::group_sum(t, fit.next() == Some(true), &format!("\u{1f}{i}{part}"));
                prepared.extend(columns);
                sum
            };
            let v = sum(v, "v");
            let value = match w {
                Some(w) => v / sum(w, "w"),
                None => v,
            };
            let [n, rank, flag] = ["n", "st", "brk"].map(|part| format!("\u{1f}{i}{part}"));
            // A component without the series (or its weight) adds nothing to it: no count, no status.
            prepared.extend([
                has.clone().alias(n.as_str()),
                when(has.clone())
                    .then(col(st(s)))
                    .otherwise(lit(NULL).cast(DataType::Int32))
                    .alias(rank.as_str()),
                when(has)
                    .then(col(brk(s)))
                    .otherwise(lit(NULL).cast(DataType::Boolean))
                    .alias(flag.as_str()),
            ]);
            aggs.extend([
                value.alias(s.as_str()),
                col(n).sum().alias(count(s)),
                col(rank).max().alias(st(s)),
                col(flag).any(true).alias(brk(s)),
            ]);
        }
        let agg = contrib
            .clone()
            .lazy()
            .select(prepared)
            .group_by(group)
            .agg(aggs)
            .join(
                expected,
                [col("composite"), col("year")],
                [col("composite"), col("year")],
                JoinArgs::new(JoinType::Left),
            )
            .collect()?;
        report_incomplete(&agg, &contrib, &e_r, &rules, dims, areas, findings)?;
        // Only complete composites get a value (never a total from part of the units).
        let mut done = vec![col("composite").alias("area"), col("year")];
        done.extend(dims.iter().map(|d| col(d.as_str())));
        for (s, _) in &rules {
            let complete = col(count(s)).eq(col("expected"));
            let keep = |e: Expr, dtype: DataType| when(complete.clone()).then(e).otherwise(lit(NULL).cast(dtype));
            done.push(keep(frame::finite_or_null(col(s.as_str())), DataType::Float64).alias(s.as_str()));
            done.push(keep(col(st(s)), DataType::Int32).alias(st(s)));
            done.push(keep(col(brk(s)), DataType::Boolean).alias(brk(s)));
            done.push(keep(lit(true), DataType::Boolean).alias(comp(s)));
        }
        let computed = agg.lazy().select(done).collect()?;
        // The rows of this level's composites: those with published values of some series
        // (merged with the computed ones), or none yet. The other blocks are left as they are.
        let (start, len) = block_of(&blocks, r as u32);
        let here = cur.slice(start as i64, len);
        let level = if len > 0 {
            // Only the series published for some composite of the level have anything to merge
            // or compare (on the national data a third of them).
            let (published, computed_only): (Vec<&str>, Vec<&str>) = rules
                .iter()
                .map(|(s, _)| s.as_str())
                .partition(|s| here.column(&st(s)).is_ok_and(|c| c.null_count() < c.len()));
            report_mismatches(&computed, &here, &published, dims, findings)?;
            merge(here, computed, &key, &published, &computed_only)?
        } else {
            computed
        };
        // A level's group-by gives its composites in no particular order.
        let level = in_area_order(level.lazy(), areas, None, dims)?.collect()?;
        let level_rows = level.height();
        let diagonal = UnionArgs {
            diagonal: true,
            ..Default::default()
        };
        let before = cur.slice(0, start).lazy();
        let after = cur.slice((start + len) as i64, cur.height() - start - len).lazy();
        cur = concat([before, level.lazy(), after], diagonal)?.collect()?;
        blocks.insert(r as u32, level_rows);
    }
    Ok(Wide {
        frame: cur,
        series: wide.series,
        blocks,
    })
}

/// Rows sorted as the output lists them: by `first` (if any), then areas as in areas.csv (codes
/// not listed last, by code), dimensions and years. `area` must be text.
pub fn in_area_order(lf: LazyFrame, areas: &Areas, first: Option<&str>, dims: &[String]) -> Result<LazyFrame> {
    let mut by: Vec<String> = first.into_iter().map(str::to_string).collect();
    by.extend(["__order".to_string(), "area".to_string()]);
    by.extend(dims.iter().cloned());
    by.push("year".into());
    Ok(lf
        .join(
            area_order(areas)?.lazy(),
            [col("area")],
            [col("__code")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(
            by,
            SortMultipleOptions::default()
                .with_maintain_order(true)
                .with_nulls_last(true),
        )
        .drop(cols(["__order"])))
}

/// The rows of the components of the composites in `e_r` (component, composite, year), each with
/// the composite it feeds in a `composite` column. A unit that a merged one replaces feeds both its
/// parent and the merged unit: then the rows are joined (one copy per composite); otherwise each row
/// gets its composite beside it, and only the rows that feed one are kept.
fn components(cur: &DataFrame, e_r: &DataFrame) -> Result<DataFrame> {
    let edge_key = ["component".to_string(), "year".to_string()];
    if frame::n_distinct(e_r, &edge_key)? < e_r.height() {
        return Ok(cur
            .clone()
            .lazy()
            .join(
                e_r.clone().lazy(),
                [col("area"), col("year")],
                [col("component"), col("year")],
                JoinArgs::new(JoinType::Inner),
            )
            .collect()?);
    }
    let mut args = JoinArgs::new(JoinType::Left);
    args.maintain_order = MaintainOrderJoin::Left;
    let link = cur
        .clone()
        .lazy()
        .select([col("area"), col("year")])
        .join(
            e_r.clone().lazy(),
            [col("area"), col("year")],
            [col("component"), col("year")],
            args,
        )
        .select([col("composite")])
        .collect()?;
    let mut rows = cur.clone();
    rows.with_column(link.column("composite")?.clone())?;
    let feeds = rows.column("composite")?.is_not_null();
    if feeds.all() {
        return Ok(rows);
    }
    Ok(rows.filter(&feeds)?)
}

/// The computed composites into the table: a series the composite already has (published) is kept.
/// `published`: the series some composite has a value of; `computed_only`: the other series that
/// climb, whose columns are the computed ones (the table's are empty).
fn merge(
    cur: DataFrame,
    computed: DataFrame,
    key: &[Expr],
    published: &[&str],
    computed_only: &[&str],
) -> Result<DataFrame> {
    let args = JoinArgs::new(JoinType::Full)
        .with_coalesce(JoinCoalesce::CoalesceColumns)
        .with_suffix(Some("\u{1f}new".into()));
    let empty: Vec<String> = computed_only
        .iter()
        .flat_map(|s| [s.to_string(), st(s), brk(s), comp(s)])
        .collect();
    let mut pick = Vec::with_capacity(published.len() * 4);
    let mut drop = Vec::with_capacity(published.len() * 4);
    for s in published {
        let published = col(st(s)).is_not_null();
        for c in [s.to_string(), st(s), brk(s), comp(s)] {
            pick.push(
                when(published.clone())
                    .then(col(c.as_str()))
                    .otherwise(col(fresh(&c)))
                    .alias(c.as_str()),
            );
            drop.push(fresh(&c));
        }
    }
    Ok(cur
        .drop_many(empty)
        .lazy()
        .join(computed.lazy(), key.to_vec(), key.to_vec(), args)
        .with_columns(pick)
        .drop(cols(drop))
        .collect()?)
}

/// A value published for a composite that differs from the sum of its parts by more than 0.5 %: the
/// published value is kept, and the difference is worth a look (coverage, revisions, typing errors).
fn report_mismatches(
    computed: &DataFrame,
    cur: &DataFrame,
    published: &[&str],
    dims: &[String],
    findings: &mut Vec<Diagnostic>,
) -> Result<()> {
    if published.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = vec!["area".into(), "year".into()];
    names.extend(dims.iter().cloned());
    let key: Vec<Expr> = names.iter().map(|k| col(k.as_str())).collect();
    let values: Vec<String> = published.iter().map(|s| s.to_string()).collect();
    let computed = computed.select(names.iter().chain(&values).map(String::as_str))?;
    let observed: Vec<String> = published.iter().map(|s| comp(s)).collect();
    let cur = cur.select(names.iter().chain(&values).chain(&observed).map(String::as_str))?;
    let both = computed
        .lazy()
        .join(
            cur.lazy(),
            key.clone(),
            key,
            JoinArgs::new(JoinType::Inner).with_suffix(Some("\u{1f}pub".into())),
        )
        .collect()?;
    if both.height() == 0 {
        return Ok(());
    }
    let mut parts = Vec::new();
    for s in published {
        let value = col(*s);
        let published = col(format!("{s}\u{1f}pub"));
        // Only the table has the `comp` columns: they keep their names.
        let observed = col(comp(s)).eq(lit(false));
        let differs = observed.and(value.clone().is_not_null()).and(
            (value.clone() - published.clone())
                .abs()
                .gt(published.clone().abs() * lit(0.005)),
        );
        let sel = [
            lit(*s).alias("series"),
            col("area"),
            col("year"),
            value.alias("value"),
            published.alias("value_pub"),
        ];
        let lf = frame::narrow(&both, sel.iter().chain([&differs]))?;
        parts.push(lf.filter(differs).select(sel));
    }
    let rows = concat(parts, UnionArgs::default())?
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
/// component, composite, year, rank (of the composite) for every year that has data.
fn edges_by_year(
    areas: &Areas,
    ranks: &BTreeMap<String, usize>,
    years: &[i32],
    only: Option<&BTreeSet<String>>,
) -> Result<DataFrame> {
    let mut component = Vec::new();
    let mut composite = Vec::new();
    let mut year = Vec::new();
    let mut rank = Vec::new();
    for e in areas.edges() {
        if only.is_some_and(|o| !o.contains(&e.composite)) {
            continue;
        }
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
    contrib: &DataFrame,
    e_r: &DataFrame,
    rules: &[(String, Rule)],
    dims: &[String],
    areas: &Areas,
    findings: &mut Vec<Diagnostic>,
) -> Result<()> {
    let mut group = vec![col("composite"), col("year")];
    group.extend(dims.iter().map(|d| col(d.as_str())));
    // The series with a composite that has some but not all of its components (usually none).
    let expected = agg.column("expected")?.cast(&DataType::UInt32)?;
    let expected = expected.u32()?;
    // Per series, which groups of `agg` (composite, year, dims) are short.
    let mut short_rules = Vec::new();
    for r in rules {
        let n = agg.column(&count(&r.0))?.cast(&DataType::UInt32)?;
        let n = n.u32()?;
        let short = (&n.gt(0) & &n.lt(expected)).fill_null_with_values(false)?;
        if short.any() {
            short_rules.push((r, short));
        }
    }
    if short_rules.is_empty() {
        return Ok(());
    }
    // (series, composite, year, dims) with some but not all components.
    let parts: Vec<LazyFrame> = short_rules
        .iter()
        .map(|((s, _), _)| {
            let n = col(count(s));
            let mut sel = vec![lit(s.as_str()).alias("series")];
            sel.extend(group.iter().cloned());
            let short = n.clone().gt(lit(0)).and(n.lt(col("expected")));
            frame::narrow(agg, sel.iter().chain([&short])).map(|lf| lf.filter(short).select(sel))
        })
        .collect::<Result<_>>()?;
    let incomplete = concat(parts, UnionArgs::default())?.collect()?;
    // The group of each contributing row (its row in `agg`): only the rows of a series' short groups
    // are looked at, not every row that reported it.
    let group_of = {
        let mut names = vec!["composite".to_string(), "year".to_string()];
        names.extend(dims.iter().cloned());
        let numbered = agg.select(names.clone())?.with_row_index("__group".into(), None)?;
        let mut args = JoinArgs::new(JoinType::Left);
        args.maintain_order = MaintainOrderJoin::Left;
        args.nulls_equal = true;
        let g = contrib
            .select(names)?
            .lazy()
            .join(numbered.lazy(), group.clone(), group.clone(), args)
            .select([col("__group")])
            .collect()?;
        g.column("__group")?.idx()?.clone()
    };
    // The components that did report each of those series, in its short groups.
    let present: Vec<LazyFrame> = short_rules
        .iter()
        .map(|((s, rule), short)| {
            let has = match rule {
                Rule::Sum => col(s.as_str()).is_not_null(),
                Rule::Mean(w) => col(s.as_str()).is_not_null().and(col(w.as_str()).is_not_null()),
            };
            let mut sel = vec![lit(s.as_str()).alias("series")];
            sel.extend(group.iter().cloned());
            // The inner join kept the component's code under the left key, `area`.
            sel.push(col("area").alias("component"));
            let rows = frame::narrow(contrib, sel.iter().chain([&has]))?.collect()?;
            let in_short = short.take(&group_of)?.with_name("__short".into()).into_column();
            let keep = has.and(col("__short").fill_null(lit(false)));
            Ok(rows.hstack(&[in_short])?.lazy().filter(keep).select(sel))
        })
        .collect::<Result<_>>()?;
    let mut key = vec![col("series")];
    key.extend(group.iter().cloned());
    key.push(col("component"));
    let missing = incomplete
        .lazy()
        .join(
            e_r.clone().lazy(),
            [col("composite"), col("year")],
            [col("composite"), col("year")],
            JoinArgs::new(JoinType::Inner),
        )
        .join(
            concat(present, UnionArgs::default())?,
            key.clone(),
            key,
            JoinArgs::new(JoinType::Anti),
        );
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
