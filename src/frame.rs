//! Small helpers around polars, so that the rest of the crate reads the same way on every polars bump.

use std::path::Path;

use polars::prelude::*;

use crate::error::{Error, Result};

// TIMING (temporary)
pub fn lap(t: &mut std::time::Instant, what: &str) {
    if std::env::var_os("CHITIEU_TIMINGS").is_some() {
        eprintln!("{:>8.3} s  {what}", t.elapsed().as_secs_f64());
    }
    *t = std::time::Instant::now();
}

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

/// Per-row codes of a text column (0, 1, … in order of first appearance; a null is a value of its
/// own) and the distinct values. Rows of a tidy file come in runs (one series for many areas and
/// years): rows equal to the one before are found in bulk and take its code; only the others are
/// looked up.
pub fn text_codes(c: &Column) -> Result<(Vec<u32>, Vec<Option<String>>)> {
    let s = c.as_materialized_series().cast(&DataType::String)?;
    let ca = s.str()?.rechunk().into_owned();
    let same = ca.equal_missing(&ca.shift(1)).rechunk().into_owned();
    let mut map: PlHashMap<Option<&str>, u32> = PlHashMap::new();
    let mut distinct: Vec<Option<String>> = Vec::new();
    let mut codes: Vec<u32> = Vec::with_capacity(ca.len());
    if let (Some(arr), Some(same)) = (ca.downcast_iter().next(), same.downcast_iter().next()) {
        for i in 0..arr.len() {
            if i > 0 && same.get(i) == Some(true) {
                codes.push(codes[i - 1]);
                continue;
            }
            let v = arr.get(i);
            let next = distinct.len() as u32;
            let code = *map.entry(v).or_insert_with(|| {
                distinct.push(v.map(str::to_string));
                next
            });
            codes.push(code);
        }
    }
    Ok((codes, distinct))
}

/// Per-row codes of any column and how many codes there are: text as [`text_codes`], integers (and
/// dates) by their offset from the smallest when the range is small, else by a hash map; a null is a
/// value of its own.
fn column_codes(c: &Column) -> Result<(Vec<u32>, u64)> {
    if matches!(c.dtype(), DataType::String | DataType::Categorical(..)) {
        let (codes, distinct) = text_codes(c)?;
        return Ok((codes, distinct.len().max(1) as u64));
    }
    if c.null_count() == c.len() {
        return Ok((vec![0; c.len()], 1));
    }
    let s = c.as_materialized_series().to_physical_repr().cast(&DataType::Int64)?;
    let ca = s.i64()?;
    if let (Some(lo), Some(hi)) = (ca.min(), ca.max())
        && hi - lo < 1 << 20
    {
        // 0 for null, 1 + offset otherwise.
        let codes = ca.iter().map(|v| v.map_or(0, |v| (v - lo + 1) as u32)).collect();
        return Ok((codes, (hi - lo + 2) as u64));
    }
    let mut map: PlHashMap<Option<i64>, u32> = PlHashMap::new();
    let codes: Vec<u32> = ca
        .iter()
        .map(|v| {
            let next = map.len() as u32;
            *map.entry(v).or_insert(next)
        })
        .collect();
    Ok((codes, map.len().max(1) as u64))
}

/// Key spaces up to this size are numbered with a table instead of a hash map.
const DENSE_KEYS: u64 = 1 << 24;

/// Group ids of the rows by the given columns (0, 1, … in order of first appearance) and the
/// number of groups. Rows left out by `keep` get `u32::MAX` and form no group. The columns' codes
/// are combined into one integer key per row, numbered through a table when the key space is small.
pub fn group_ids(df: &DataFrame, columns: &[String], keep: Option<&[bool]>) -> Result<(Vec<u32>, usize)> {
    let n = df.height();
    let mut keys: Vec<u64> = vec![0; n];
    let mut space: u64 = 1;
    for name in columns {
        let (codes, card) = column_codes(df.column(name)?)?;
        match space.checked_mul(card) {
            Some(s) if s < u64::MAX / 2 => {
                for (k, c) in keys.iter_mut().zip(codes) {
                    *k = *k * card + c as u64;
                }
                space = s;
            }
            // Too many combinations for one integer: number the keys so far, then go on.
            _ => {
                let (ids, groups) = number(&keys, u64::MAX, None);
                for ((k, id), c) in keys.iter_mut().zip(ids).zip(codes) {
                    *k = id as u64 * card + c as u64;
                }
                space = (groups as u64).saturating_mul(card);
            }
        }
    }
    Ok(number(&keys, space, keep))
}

/// Ids in order of first appearance for integer keys below `space`.
fn number(keys: &[u64], space: u64, keep: Option<&[bool]>) -> (Vec<u32>, usize) {
    let kept = |i: usize| keep.is_none_or(|k| k[i]);
    let mut ids = Vec::with_capacity(keys.len());
    let mut groups: u32 = 0;
    if space <= DENSE_KEYS {
        let mut table = vec![u32::MAX; space as usize];
        for (i, k) in keys.iter().enumerate() {
            if !kept(i) {
                ids.push(u32::MAX);
                continue;
            }
            let slot = &mut table[*k as usize];
            if *slot == u32::MAX {
                *slot = groups;
                groups += 1;
            }
            ids.push(*slot);
        }
    } else {
        let mut map: PlHashMap<u64, u32> = PlHashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if !kept(i) {
                ids.push(u32::MAX);
                continue;
            }
            let id = *map.entry(*k).or_insert(groups);
            if id == groups {
                groups += 1;
            }
            ids.push(id);
        }
    }
    (ids, groups as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum_of(values: Vec<f64>) -> f64 {
        let df = DataFrame::new_infer_height(vec![Column::new("x".into(), values)]).unwrap();
        let out = df.lazy().select([exact_sum(col("x"))]).collect().unwrap();
        out.column("x").unwrap().f64().unwrap().get(0).unwrap()
    }

    #[test]
    fn large_key_spaces_are_numbered_by_hash() {
        let n = 50;
        let df = DataFrame::new_infer_height(vec![
            Column::new("a".into(), (0..n).map(|i| i * 1_000_000_007i64).collect::<Vec<_>>()),
            Column::new(
                "b".into(),
                (0..n).map(|i| (i % 7) * 3_000_000_000i64).collect::<Vec<_>>(),
            ),
        ])
        .unwrap();
        let (ids, groups) = group_ids(&df, &["a".to_string(), "b".to_string()], None).unwrap();
        assert_eq!(groups, n as usize);
        assert_eq!(ids, (0..n as u32).collect::<Vec<_>>());
    }

    #[test]
    fn group_ids_follow_first_appearance() {
        let df = DataFrame::new_infer_height(vec![
            Column::new("a".into(), vec![Some("x"), Some("y"), Some("x"), None, Some("x")]),
            Column::new("b".into(), vec![1i32, 1, 1, 1, 2]),
        ])
        .unwrap();
        let cols = ["a".to_string(), "b".to_string()];
        assert_eq!(group_ids(&df, &cols, None).unwrap(), (vec![0, 1, 0, 2, 3], 4));
        let keep = [true, false, true, true, false];
        assert_eq!(
            group_ids(&df, &cols, Some(&keep)).unwrap(),
            (vec![0, u32::MAX, 0, 1, u32::MAX], 2)
        );
        let (codes, distinct) = text_codes(df.column("a").unwrap()).unwrap();
        assert_eq!(codes, vec![0, 1, 0, 2, 0]);
        assert_eq!(distinct, vec![Some("x".to_string()), Some("y".to_string()), None]);
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
