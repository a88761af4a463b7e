//! Small helpers around polars, so that the rest of the crate reads the same way on every polars bump.

use std::path::Path;

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
