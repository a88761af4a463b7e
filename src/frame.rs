//! Small helpers around polars, so that the rest of the crate reads the same way on every polars bump.

use std::path::Path;

use polars::chunked_array::cast::CastOptions;
use polars::prelude::*;

use crate::error::{Error, Result};

/// Read a small CSV (metadata: areas, the ASEAN framework) with every column as text.
pub fn read_csv_strings(path: &Path, separator: u8) -> Result<DataFrame> {
    let p = PlRefPath::try_from_path(path).map_err(Error::from)?;
    let df = LazyCsvReader::new(p)
        .with_has_header(true)
        .with_separator(separator)
        .with_infer_schema_length(Some(0))
        .with_missing_is_null(true)
        .finish()?
        .collect()?;
    Ok(df)
}

/// A text column as owned options (missing column → all None).
pub fn str_values(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    match df.column(name) {
        Ok(c) => {
            let c = c.cast(&DataType::String)?;
            Ok(c.str()?.iter().map(|v| v.map(str::to_string)).collect())
        }
        Err(_) => Ok(vec![None; df.height()]),
    }
}

pub fn f64_values(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

pub fn i64_values(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let c = df.column(name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?.iter().collect())
}

pub fn bool_values(df: &DataFrame, name: &str) -> Result<Vec<Option<bool>>> {
    let c = df.column(name)?.cast(&DataType::Boolean)?;
    Ok(c.bool()?.iter().collect())
}

/// Null out inf and NaN: a division by zero must never reach a table as a number.
pub fn finite_or_null(e: Expr) -> Expr {
    when(e.clone().is_finite())
        .then(e)
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Terms are fixed to 10 decimal places as 128-bit decimals; only terms below 10^17 in size are
/// fixed, so that a sum of up to 10^11 of them cannot overflow.
const FIXED: DataType = DataType::Decimal(38, 10);
const FIXED_LIMIT: f64 = 1e17;

/// The term as a fixed decimal, null where it is null, not finite or too large.
fn fixed(e: Expr) -> Expr {
    when(e.clone().abs().lt(lit(FIXED_LIMIT)))
        .then(e)
        .otherwise(lit(NULL).cast(DataType::Float64))
        .cast(FIXED)
}

/// Σ with the same bits whatever order the engine adds the terms in. Float addition is not
/// associative, and polars adds partial sums from its threads in the order they finish, so the last
/// digit of a plain Σ can change between two runs on the same data (and then the CSV and JSON
/// outputs, which carry full precision, are not byte-identical). Each term is fixed to 10^-10 as a
/// 128-bit decimal, whose integer sum is exact in any order. A group with a term that cannot be
/// fixed (not finite, or 10^17 or more) falls back to the plain float sum.
pub fn exact_sum(e: Expr) -> Expr {
    let lost = fixed(e.clone()).null_count().neq(e.clone().null_count());
    when(lost)
        .then(e.clone().sum())
        .otherwise(fixed(e).sum().cast(DataType::Float64))
}

/// Whether every term of `e` is fixed by [`exact_sum`] (a scalar over all the rows): then on any group
/// of those rows [`fixed_sum`] is [`exact_sum`], without its check in every group. A term is fixed
/// exactly when it is null or below the limit (10^27 units of 10^-10 fit 38 digits), which is
/// checked on the floats, without making the decimals.
pub fn all_fixed(e: Expr) -> Expr {
    e.clone().is_null().or(e.abs().lt(lit(FIXED_LIMIT))).all(true)
}

/// [`exact_sum`] over the groups of a group-by, in two steps: the columns to add to the rows before
/// they are grouped (named from `name`), and the aggregation of them. polars aggregates a plain
/// column on the groups' rows directly, but gathers an expression's rows group by group first (on
/// the national data, a province's ~150 sums spent most of their time so). `fits`: [`all_fixed`]
/// holds for `term` over all the rows, so the cast alone fixes every term and no group falls back.
pub fn group_sum(term: Expr, fits: bool, name: &str) -> (Vec<Expr>, Expr) {
    let fixed_name = format!("{name}\u{1f}fixed");
    if fits {
        let sum = col(fixed_name.as_str()).sum().cast(DataType::Float64);
        return (vec![term.cast(FIXED).alias(fixed_name)], sum);
    }
    let raw = col(name);
    let lost = col(fixed_name.as_str()).null_count().neq(raw.clone().null_count());
    let sum = when(lost)
        .then(raw.sum())
        .otherwise(col(fixed_name.as_str()).sum().cast(DataType::Float64));
    (vec![fixed(term.clone()).alias(fixed_name), term.alias(name)], sum)
}

/// [`exact_sum`] for a streaming aggregation, where a conditional aggregate would leave the streaming
/// engine: a term that cannot be fixed fails the query (reported), never becomes a silent null.
pub fn exact_sum_strict(e: Expr) -> Expr {
    when(e.clone().is_null())
        .then(lit(NULL).cast(DataType::Float64))
        .when(e.clone().abs().lt(lit(FIXED_LIMIT)))
        .then(e)
        .otherwise(lit(f64::NAN))
        .strict_cast(FIXED)
        .sum()
        .cast(DataType::Float64)
}

/// The distinct values of a column as text (a null is a value of its own), in no particular order.
pub fn distinct_text(c: &Column) -> Result<Vec<Option<String>>> {
    let u = c.unique()?.cast(&DataType::String)?;
    Ok(u.str()?.iter().map(|v| v.map(str::to_string)).collect())
}

/// Every text a categorical column may hold: its type's dictionary, which is shared by every column
/// of the type (so it may hold more than the column). Looking at a few hundred entries instead of
/// the distinct values of millions of rows (polars finds those by sorting) answers "are all the
/// names known / clean?" at once; the caller looks at the rows only when the answer is no. None for
/// other columns, and when the dictionary is being extended at the same time (then the rows tell).
pub fn dictionary(c: &Column) -> Result<Option<Vec<String>>> {
    let DataType::Categorical(_, mapping) = c.dtype() else {
        return Ok(None);
    };
    let upper = mapping.num_cats_upper_bound();
    let codes = c.as_materialized_series().to_physical_repr();
    if codes.max::<u64>()?.is_some_and(|m| m as usize >= upper) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(upper);
    for code in 0..upper {
        match mapping.cat_to_str(code as u32) {
            Some(s) => out.push(s.to_string()),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// A categorical type with its own dictionary: the codes of its values are small integers (0, 1, …
/// in order of first appearance), so that keys made of them pack into one integer.
pub fn local_categorical() -> DataType {
    DataType::from_categories(Categories::random("chitieu".into(), CategoricalPhysical::U32))
}

/// One unsigned integer per row (`u32` when the keys fit, else `u64`), equal for two rows exactly
/// when their values in `columns` are equal (a null is a value of its own), with the number of
/// values it may take (`span`: every key is below it). Each column's integer (or categorical, or
/// date) code is one digit of a mixed-radix number whose digit ranges are the columns' ranges of
/// codes, so that the keys of small codes stay small (see [`crate::slots`]). None when a column is
/// text or the key needs more than 63 bits; then a group-by over the columns themselves is the way.
///
/// One integer per row instead of a row of strings is what makes the duplicate check and the wide
/// layout of 8 M observations take a fraction of a second.
pub fn packed_key(df: &DataFrame, columns: &[String]) -> Result<Option<(Expr, u64)>> {
    for c in columns {
        let dt = df.column(c)?.dtype();
        if !(dt.is_integer() || dt.is_categorical() || dt == &DataType::Date) {
            return Ok(None);
        }
    }
    // A categorical's codes lie below its dictionary's bound: no pass over the rows for those.
    let mut bounds = Vec::with_capacity(columns.len() * 2);
    for (i, c) in columns.iter().enumerate() {
        if !df.column(c)?.dtype().is_categorical() {
            let codes = col(c.as_str()).to_physical();
            bounds.push(codes.clone().min().cast(DataType::Int64).alias(format!("min{i}")));
            bounds.push(codes.max().cast(DataType::Int64).alias(format!("max{i}")));
        }
    }
    let b = match bounds.is_empty() {
        true => DataFrame::empty(),
        false => df.clone().lazy().select(bounds).collect()?,
    };
    // Each column's lowest code and number of codes (with 0 for the null).
    let mut digits = Vec::with_capacity(columns.len());
    let mut span: u128 = 1;
    for (i, c) in columns.iter().enumerate() {
        let (lo, hi) = match df.column(c)?.dtype() {
            DataType::Categorical(_, mapping) => {
                let upper = mapping.num_cats_upper_bound() as i64;
                (Some(0), (upper > 0).then_some(upper - 1))
            }
            _ => (
                b.column(&format!("min{i}"))?.i64()?.get(0),
                b.column(&format!("max{i}"))?.i64()?.get(0),
            ),
        };
        // Codes run 1..=hi-lo+1; 0 is the null.
        let (lo, n) = match (lo, hi) {
            (Some(lo), Some(hi)) => (lo, (hi as i128 - lo as i128 + 2) as u128),
            _ => (0, 1),
        };
        // The code is `physical + (1 - lo)`: a lowest value of i64::MIN has no such offset.
        if lo == i64::MIN {
            return Ok(None);
        }
        span *= n;
        // Below 2^63, not 2^64: every step then fits an i64, so `physical - lo` cannot wrap and merge keys.
        if span > 1 << 63 {
            return Ok(None);
        }
        digits.push((c, lo, n));
    }
    // Computed in 32 bits when the key fits (half the memory traffic of 64), else in i64; every
    // operation here is a pass over all rows.
    let narrow = span <= u32::MAX as u128;
    let mut stride: u128 = 1;
    let mut key: Option<Expr> = None;
    // The first column is the most significant digit: keys then sort as their rows sort by the
    // columns, and rows in that order have neighbouring keys.
    for (c, lo, n) in digits.into_iter().rev() {
        let physical = col(c.as_str()).to_physical();
        let mut code = match (narrow, df.column(c)?.dtype()) {
            (true, DataType::Categorical(..)) => physical.cast(DataType::UInt32) + lit(1u32),
            // Years and dates: their own 32 bits, when `1 - lo` and every code fit. The codes are
            // 1..n, so the wrapping cast is exact; a checked one looks at every value on its own
            // (several times slower, and it runs over millions of rows).
            (true, DataType::Int32 | DataType::Date) if n < 1 << 31 && i32::try_from(1 - lo).is_ok() => {
                (physical + lit((1 - lo) as i32)).cast_with_options(DataType::UInt32, CastOptions::Overflowing)
            }
            (true, _) => (physical.cast(DataType::Int64) + lit(1 - lo))
                .cast_with_options(DataType::UInt32, CastOptions::Overflowing),
            (false, _) => physical.cast(DataType::Int64) + lit(1 - lo),
        };
        if df.column(c)?.null_count() > 0 {
            code = code.fill_null(if narrow { lit(0u32) } else { lit(0i64) });
        }
        if stride > 1 {
            code = code * if narrow { lit(stride as u32) } else { lit(stride as i64) };
        }
        key = Some(match key {
            None => code,
            Some(k) => k + code,
        });
        stride *= n;
    }
    let unsigned = if narrow { DataType::UInt32 } else { DataType::UInt64 };
    let key = key.map_or(lit(0u32).cast(unsigned.clone()), |k| k.cast(unsigned));
    Ok(Some((key, span as u64)))
}

/// `values` as a one-column frame of the type of `df[column]` (text or categorical), for a join or
/// a filter on that column: the few values are coded, never the millions of rows turned to text.
pub fn texts_as(df: &DataFrame, column: &str, values: Vec<String>) -> Result<LazyFrame> {
    let dtype = df.column(column)?.dtype().clone();
    Ok(DataFrame::new_infer_height(vec![Column::new(column.into(), values)])?
        .lazy()
        .select([col(column).cast(dtype)]))
}

/// `df.lazy()` holding only the columns that `exprs` read. A plan over a frame of hundreds of
/// columns (the wide series) carries its whole schema through every step, and a union of a hundred
/// such plans spends more time on schemas than on the rows (the incomplete-total and mismatch
/// reports of the hierarchy and the long form of the values: 1.1 s → 0.2 s on the national data).
/// Columns must be named with `col(name)`: a selector (`all()`, `cols`, a pattern) is not followed.
pub fn narrow<'a>(df: &DataFrame, exprs: impl IntoIterator<Item = &'a Expr>) -> Result<LazyFrame> {
    let mut names: Vec<PlSmallStr> = exprs
        .into_iter()
        .flat_map(|e| e.into_iter())
        .filter_map(|e| match e {
            Expr::Column(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    Ok(df.select(names)?.lazy())
}

/// `df.select(exprs)` for row-wise expressions (each output row from the same input row), computed
/// on slices of the rows side by side: polars runs one such expression over a column on one core,
/// and a packed key over millions of rows is several passes.
pub fn select_in_parts(df: &DataFrame, exprs: Vec<Expr>) -> Result<DataFrame> {
    use rayon::prelude::*;
    let parts = rayon::current_num_threads().max(1);
    if parts == 1 || df.height() < 1 << 20 {
        return Ok(df.clone().lazy().select(exprs).collect()?);
    }
    let step = df.height().div_ceil(parts);
    let done: Vec<DataFrame> = (0..parts)
        .into_par_iter()
        .map(|i| df.slice((i * step) as i64, step).lazy().select(exprs.clone()).collect())
        .collect::<PolarsResult<_>>()?;
    let mut done = done.into_iter();
    let mut out = done.next().ok_or_else(|| Error::Other("no rows".into()))?;
    for d in done {
        out.vstack_mut_owned(d)?;
    }
    // One chunk, as the input had: later joins and group-bys on a column in pieces are slower.
    out.rechunk_mut();
    Ok(out)
}

/// How many distinct rows the columns hold (a null is a value of its own).
pub fn n_distinct(df: &DataFrame, columns: &[String]) -> Result<usize> {
    if let Some(slots) = crate::slots::Slots::dense(df, columns)? {
        return Ok(slots.len() - slots.owners()?.null_count());
    }
    if let Some((key, _)) = packed_key(df, columns)? {
        // The key is made first: polars counts a column's distinct integers several times faster
        // than those of an expression.
        let k = select_in_parts(df, vec![key.alias("k")])?;
        return Ok(k.column("k")?.n_unique()?);
    }
    Ok(df
        .clone()
        .lazy()
        .select(columns.iter().map(|c| col(c.as_str())).collect::<Vec<_>>())
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?
        .height())
}

/// A list column of years (or other integers) as one Vec per row.
pub fn i32_lists(df: &DataFrame, name: &str) -> Result<Vec<Vec<i32>>> {
    let lists = df.column(name)?.list()?.clone();
    Ok((0..df.height())
        .map(|i| {
            lists
                .get_as_series(i)
                .and_then(|s| s.cast(&DataType::Int32).ok())
                .and_then(|s| s.i32().ok().map(|c| c.iter().flatten().collect()))
                .unwrap_or_default()
        })
        .collect())
}

/// A list column of texts as one Vec per row.
pub fn str_lists(df: &DataFrame, name: &str) -> Result<Vec<Vec<String>>> {
    let lists = df.column(name)?.list()?.clone();
    Ok((0..df.height())
        .map(|i| {
            lists
                .get_as_series(i)
                .and_then(|s| s.str().ok().map(|c| c.iter().flatten().map(str::to_string).collect()))
                .unwrap_or_default()
        })
        .collect())
}

/// `df.take(idx)`; where `idx` is a few runs of consecutive rows (up to [`MAX_RUNS`]), the runs'
/// slices put together instead: the columns' values are not moved, each run becomes a chunk.
pub fn take_in_runs(df: &DataFrame, idx: &IdxCa) -> Result<DataFrame> {
    let idx = idx.rechunk();
    let at = idx.cont_slice()?;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &i in at {
        match runs.last_mut() {
            Some((start, len)) if *start + *len == i as usize => *len += 1,
            _ => {
                if runs.len() == MAX_RUNS {
                    return Ok(df.take(&idx)?);
                }
                runs.push((i as usize, 1));
            }
        }
    }
    let mut slices = runs.into_iter().map(|(start, len)| df.slice(start as i64, len));
    let Some(mut out) = slices.next() else {
        return Ok(df.clear());
    };
    for slice in slices {
        out.vstack_mut_owned(slice)?;
    }
    Ok(out)
}

/// Past this many runs [`take_in_runs`] gathers (chunks of a few rows each would slow every later
/// step more than one gather costs).
pub const MAX_RUNS: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

        /// Runs of consecutive rows (few or many, empty or not) give the rows `take` gives: the
        /// same frame, whether slices were put together or the rows gathered.
        #[test]
        fn runs_of_rows_are_the_rows_taken(
            rows in 0usize..40,
            runs in proptest::collection::vec((0usize..40, 0usize..8), 0..(MAX_RUNS + 8)),
        ) {
            let df = DataFrame::new_infer_height(vec![
                Column::new("i".into(), (0..rows as i32).collect::<Vec<_>>()),
                Column::new("x".into(), (0..rows).map(|r| (r % 3 != 0).then_some(r as f64)).collect::<Vec<_>>()),
                Column::new("b".into(), (0..rows).map(|r| r % 2 == 0).collect::<Vec<_>>()),
            ]).unwrap();
            let at: Vec<IdxSize> = runs
                .iter()
                .filter(|_| rows > 0)
                .flat_map(|&(start, len)| (start % rows.max(1)..(start % rows.max(1) + len).min(rows)).map(|r| r as IdxSize))
                .collect();
            let idx = IdxCa::from_vec("".into(), at);
            let expected = df.take(&idx).unwrap();
            let got = take_in_runs(&df, &idx).unwrap();
            proptest::prop_assert!(got.equals_missing(&expected), "{got:?}\n{expected:?}");
        }
    }

    fn sum_of(values: Vec<f64>) -> f64 {
        let df = DataFrame::new_infer_height(vec![Column::new("x".into(), values)]).unwrap();
        let out = df.lazy().select([exact_sum(col("x"))]).collect().unwrap();
        out.column("x").unwrap().f64().unwrap().get(0).unwrap()
    }

    #[test]
    fn distinct_rows_count_nulls_as_a_value() {
        let df = DataFrame::new_infer_height(vec![
            Column::new("a".into(), vec![Some("x"), Some("y"), Some("x"), None, Some("x")]),
            Column::new("b".into(), vec![1i32, 1, 1, 1, 2]),
        ])
        .unwrap();
        assert_eq!(n_distinct(&df, &["a".to_string(), "b".to_string()]).unwrap(), 4);
        // The same through packed codes: categorical text, integers with a null, negatives.
        let coded = DataFrame::new_infer_height(vec![
            Column::new("a".into(), vec![Some("x"), Some("y"), Some("x"), None, Some("x")])
                .cast(&local_categorical())
                .unwrap(),
            Column::new("b".into(), vec![Some(-1i32), Some(1), Some(-1), Some(1), None]),
        ])
        .unwrap();
        let names = ["a".to_string(), "b".to_string()];
        assert_eq!(packed_key(&coded, &names).unwrap().map(|k| k.1), Some(3 * 4));
        assert_eq!(n_distinct(&coded, &names).unwrap(), 4);
        // A span too wide to pack: the group-by over the columns counts instead.
        let wide =
            DataFrame::new_infer_height(vec![Column::new("w".into(), vec![i64::MIN, i64::MAX, i64::MIN])]).unwrap();
        let w = ["w".to_string()];
        assert!(packed_key(&wide, &w).unwrap().is_none());
        assert_eq!(n_distinct(&wide, &w).unwrap(), 2);
        // A narrow span at the very bottom of i64: no offset to code it with, counted all the same.
        let low = DataFrame::new_infer_height(vec![Column::new("w".into(), vec![i64::MIN, i64::MIN + 3])]).unwrap();
        assert!(packed_key(&low, &w).unwrap().is_none());
        assert_eq!(n_distinct(&low, &w).unwrap(), 2);
        let mut d = distinct_text(df.column("a").unwrap()).unwrap();
        d.sort();
        assert_eq!(d, vec![None, Some("x".to_string()), Some("y".to_string())]);
    }

    #[test]
    fn a_narrow_plan_holds_what_its_expressions_read() {
        let df = DataFrame::new_infer_height(vec![
            Column::new("a".into(), [1.0, 2.0]),
            Column::new("b".into(), [3.0, 4.0]),
            Column::new("c".into(), [5.0, 6.0]),
        ])
        .unwrap();
        let keep = col("c").gt(lit(5.5));
        let sel = [
            polars::lazy::dsl::max_horizontal([col("a"), lit(0.0)])
                .unwrap()
                .alias("m"),
            lit("x").alias("t"),
        ];
        let lf = narrow(&df, sel.iter().chain([&keep])).unwrap();
        let mut lf2 = lf.clone();
        let names: Vec<String> = lf2
            .collect_schema()
            .unwrap()
            .iter_names()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(names, ["a", "c"]);
        let got = lf.filter(keep.clone()).select(sel.clone()).collect().unwrap();
        let want = df.lazy().filter(keep).select(sel).collect().unwrap();
        assert!(got.equals(&want));
    }

    #[test]
    fn a_dictionary_holds_every_value_its_columns_may_hold() {
        let dtype = local_categorical();
        let first = Column::new("a".into(), ["b", "a", "b"]).cast(&dtype).unwrap();
        let later = Column::new("a".into(), ["c"]).cast(&dtype).unwrap();
        let mut d = dictionary(&first).unwrap().unwrap();
        d.sort();
        assert_eq!(d, ["a", "b", "c"], "shared with the later column of the same type");
        assert_eq!(dictionary(&later).unwrap().unwrap().len(), 3);
        assert!(
            dictionary(&Column::new("a".into(), ["b"])).unwrap().is_none(),
            "text has none"
        );
    }

    #[test]
    fn a_select_in_parts_is_the_select() {
        // More rows than the threshold, not a multiple of the number of parts, nulls included.
        let n: usize = (1 << 20) + 12_345;
        let a: Vec<Option<i64>> = (0..n as i64).map(|i| (i % 7 != 3).then_some(i % 1000 - 500)).collect();
        let b: Vec<i32> = (0..n as i32).map(|i| 2015 + i % 16).collect();
        let df = DataFrame::new_infer_height(vec![Column::new("a".into(), a), Column::new("b".into(), b)]).unwrap();
        let names = ["a".to_string(), "b".to_string()];
        let (key, _) = packed_key(&df, &names).unwrap().expect("packs");
        let exprs = vec![key.alias("k"), (col("a") * lit(3i64)).alias("x")];
        let parts = select_in_parts(&df, exprs.clone()).unwrap();
        let whole = df.clone().lazy().select(exprs).collect().unwrap();
        assert!(parts.equals_missing(&whole));
        assert_eq!(parts.column("k").unwrap().n_chunks(), 1);
        // The key tells rows apart exactly as the columns do.
        assert_eq!(
            parts.column("k").unwrap().n_unique().unwrap(),
            n_distinct(&df, &names).unwrap()
        );
        let groups = df
            .clone()
            .lazy()
            .select([col("a"), col("b")])
            .unique(None, UniqueKeepStrategy::Any);
        assert_eq!(n_distinct(&df, &names).unwrap(), groups.collect().unwrap().height());
    }

    #[test]
    fn exact_sums_do_not_depend_on_the_order() {
        let xs = vec![0.1, 1e9 + 0.3, 2.7, 1e-4, 12345.678, 0.2];
        let plain_forward: f64 = xs.iter().sum();
        let plain_backward: f64 = xs.iter().rev().sum();
        assert_ne!(plain_forward, plain_backward, "the example must show the problem");
        let mut rev = xs.clone();
        rev.reverse();
        assert_eq!(sum_of(xs.clone()).to_bits(), sum_of(rev).to_bits());
        assert!((sum_of(xs) - plain_forward).abs() < 1e-6);
    }

    #[test]
    fn terms_that_cannot_be_fixed_fall_back_to_the_float_sum() {
        assert_eq!(sum_of(vec![1e20, 1.0]), 1e20 + 1.0);
        assert_eq!(sum_of(vec![1e17, 0.5]), 1e17 + 0.5);
        assert!(sum_of(vec![f64::NAN, 1.0]).is_nan());
        assert_eq!(sum_of(vec![f64::INFINITY, 1.0]), f64::INFINITY);
    }

    proptest::proptest! {
        /// Summed from columns made before the group-by, checked once over all the rows or not, the sums
        /// of every group are those of [`exact_sum`].
        #[test]
        fn sums_from_columns_made_before_the_group_by_are_exact(
            rows in proptest::collection::vec(
                (0u8..4, proptest::option::of(proptest::prop_oneof![
                    8 => -1e6..1e6f64,
                    4 => -1e19..1e19f64,
                    1 => proptest::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e17, -1e17, 9.999999999999998e16]),
                ])),
                1..40,
            )
        ) {
            let (groups, xs): (Vec<u8>, Vec<Option<f64>>) = rows.into_iter().unzip();
            let df = DataFrame::new_infer_height(vec![
                Column::new("g".into(), groups.into_iter().map(u32::from).collect::<Vec<_>>()),
                Column::new("x".into(), xs),
            ])
            .unwrap();
            let fits = df.clone().lazy().select([all_fixed(col("x"))]).collect().unwrap();
            // The check on the floats says what making the decimals would.
            let by_decimals = df
                .clone()
                .lazy()
                .select([fixed(col("x")).null_count().eq(col("x").null_count())])
                .collect()
                .unwrap();
            proptest::prop_assert_eq!(
                fits.columns()[0].bool().unwrap().get(0),
                by_decimals.columns()[0].bool().unwrap().get(0)
            );
            let sums = |columns: Vec<Expr>, e: Expr| {
                let mut prepared = vec![col("g")];
                prepared.extend(columns);
                let out = df
                    .clone()
                    .lazy()
                    .select(prepared)
                    .group_by([col("g")])
                    .agg([e.alias("s")])
                    .sort(["g"], Default::default());
                let out = out.collect().unwrap();
                out.column("s").unwrap().f64().unwrap().iter().map(|v| v.map(f64::to_bits)).collect::<Vec<_>>()
            };
            let exact = sums(vec![col("x")], exact_sum(col("x")));
            // Checked once (the cast alone), or not (the fallback in every group): the same sums.
            let fit = fits.columns()[0].bool().unwrap().get(0) == Some(true);
            for checked in [fit, false] {
                let (columns, sum) = group_sum(col("x") * lit(1.0), checked, "t");
                proptest::prop_assert_eq!(&sums(columns, sum), &exact);
            }
        }
    }

    #[test]
    fn the_strict_sum_keeps_nulls_and_refuses_what_it_cannot_fix() {
        let df = DataFrame::new_infer_height(vec![Column::new("x".into(), vec![Some(1.5), None, Some(2.25)])]).unwrap();
        let out = df
            .lazy()
            .select([exact_sum_strict(col("x")).alias("x")])
            .collect()
            .unwrap();
        assert_eq!(out.column("x").unwrap().f64().unwrap().get(0), Some(3.75));
        let bad = DataFrame::new_infer_height(vec![Column::new("x".into(), vec![1.0, f64::NAN])]).unwrap();
        assert!(bad.lazy().select([exact_sum_strict(col("x"))]).collect().is_err());
    }
}
