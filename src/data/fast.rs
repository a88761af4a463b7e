//! The fast path for clean observation files: when a file's columns already have their types and
//! every cell is in normal form (ids without surrounding blanks, years in range, finite values, known
//! status codes, no vintages), the typed frame is built in one pass with the same result as the full
//! typing in `typing.rs`. Anything else — a decimal comma, "no data" marks, a cell that does not parse,
//! a blank or a vintage — returns None, and the full typing runs and reports every problem with its
//! line and column.

use std::io::Cursor;

use polars::prelude::*;

use super::files::{DecimalMark, FileOptions};
use super::observations::Codes;
use super::typing::{INFO, MAX_YEAR, MIN_YEAR, OPTIONAL, REQUIRED, Typed};
use crate::error::Result;
use crate::frame;

/// The types an observation CSV's numeric columns are read with (every other column as text).
pub fn csv_types() -> Schema {
    Schema::from_iter([
        Field::new("year".into(), DataType::Int32),
        Field::new("value".into(), DataType::Float64),
    ])
}

/// The types of the fast path: [`csv_types`], with series, area and status read straight into their
/// codes (the reader's threads code the cells as they split them, instead of making text columns and
/// coding them afterwards on one core per column).
fn coded_csv_types(codes: &Codes) -> Schema {
    let mut schema = csv_types();
    for (name, dtype) in [
        ("series", &codes.series),
        ("area", &codes.area),
        ("status", &codes.status),
    ] {
        schema.with_column(name.into(), dtype.clone());
    }
    schema
}

/// A CSV file read with an integer year and a float value; None when it does not read that way.
pub fn csv(text: &str, file_id: u32, opts: Option<&FileOptions>, codes: &Codes) -> Result<Option<Typed>> {
    if !plain(opts) {
        return Ok(None);
    }
    let separator = super::csv::sniff_separator(text);
    if super::csv::header_uses_line_column(text, separator) {
        return Ok(None);
    }
    let parse = CsvParseOptions::default()
        .with_separator(separator)
        .with_missing_is_null(true);
    let read = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_schema_overwrite(Some(Arc::new(coded_csv_types(codes))))
        .with_parse_options(parse)
        .with_row_index(Some(RowIndex {
            name: "__line".into(),
            offset: 2,
        }))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish();
    match read {
        Ok(mut df) => {
            df.rechunk_mut_par();
            typed(&df, file_id, opts, codes)
        }
        Err(_) => Ok(None),
    }
}

fn plain(opts: Option<&FileOptions>) -> bool {
    opts.is_none_or(|o| o.decimal != Some(DecimalMark::Comma) && o.missing.is_empty())
}

/// Every text cell non-blank at both ends (and present, when `required`). Only the distinct values
/// are looked at: a few hundred series and a few thousand areas, whatever the number of rows.
fn clean_text(c: &Column, required: bool) -> Result<bool> {
    if !(c.dtype() == &DataType::String || c.dtype().is_categorical()) {
        return Ok(false);
    }
    let ends = |s: &str| {
        s.chars().next().is_some_and(char::is_whitespace) || s.chars().next_back().is_some_and(char::is_whitespace)
    };
    let clean = |s: &str| !(ends(s) || required && s.is_empty());
    if (!required || c.null_count() == 0) && frame::dictionary(c)?.is_some_and(|d| d.iter().all(|s| clean(s))) {
        return Ok(true);
    }
    Ok(frame::distinct_text(c)?.iter().all(|v| match v {
        None => !required,
        Some(s) => clean(s),
    }))
}

/// The typed observations of a frame whose columns are already clean, or None.
pub fn typed(df: &DataFrame, file_id: u32, opts: Option<&FileOptions>, codes: &Codes) -> Result<Option<Typed>> {
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .filter(|n| n != "__line")
        .collect();
    let normal = |n: &String| n.trim().to_lowercase() == *n;
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    if !plain(opts)
        || df.height() == 0
        || !names.iter().all(normal)
        || unique.len() != names.len()
        || !REQUIRED.iter().all(|r| names.iter().any(|n| n == r))
        || names.iter().any(|n| n == "vintage")
    {
        return Ok(None);
    }
    let dims: Vec<String> = names
        .iter()
        .filter(|n| !REQUIRED.contains(&n.as_str()) && !OPTIONAL.contains(&n.as_str()) && !INFO.contains(&n.as_str()))
        .cloned()
        .collect();
    if !dims.iter().all(|d| crate::catalog::is_valid_id(d)) {
        return Ok(None);
    }
    let year = df.column("year")?;
    let value = df.column("value")?;
    if !year.dtype().is_integer() || !(value.dtype().is_float() || value.dtype().is_integer()) {
        return Ok(None);
    }
    let years = year.as_materialized_series();
    let in_range = years.null_count() == 0
        && years.min::<i64>()?.is_some_and(|m| m >= MIN_YEAR as i64)
        && years.max::<i64>()?.is_some_and(|m| m <= MAX_YEAR as i64);
    let finite = df
        .clone()
        .lazy()
        .select([col("value")
            .cast(DataType::Float64)
            .is_finite()
            .or(col("value").is_null())
            .all(true)
            .alias("ok")])
        .collect()?;
    let finite = finite.column("ok")?.bool()?.get(0).unwrap_or(false);
    let text = |n: &str, code: &DataType| {
        df.column(n)
            .is_ok_and(|c| [&DataType::String, code].contains(&c.dtype()))
    };
    if !(in_range && finite && text("series", &codes.series) && text("area", &codes.area)) {
        return Ok(None);
    }
    for d in dims.iter().map(String::as_str).chain(["source"]) {
        if let Ok(c) = df.column(d)
            && !clean_text(c, false)?
        {
            return Ok(None);
        }
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("status") && !text("status", &codes.status) {
        return Ok(None);
    }
    // Series, area and status become codes in one pass; they are then checked on their dictionaries
    // or distinct values (every row, also those without a value, as the full typing does).
    let mut coding = vec![
        col("series").cast(codes.series.clone()),
        col("area").cast(codes.area.clone()),
    ];
    if has("status") {
        coding.push(col("status").cast(codes.status.clone()));
    }
    let coded = df.clone().lazy().with_columns(coding).collect()?;
    // Whether some status is left empty (then it is A); most files give one on every row.
    let mut status_blank = true;
    if let Ok(c) = coded.column("status") {
        let known = |v: Option<&str>| matches!(v, None | Some("" | "A" | "E" | "P" | "F" | "B"));
        // The dictionary may hold more than this file (a bad status of another file): then the rows
        // tell.
        let distinct: Vec<Option<String>> = match frame::dictionary(c)? {
            Some(d) if c.null_count() == 0 && d.iter().all(|s| known(Some(s))) => d.into_iter().map(Some).collect(),
            _ => frame::distinct_text(c)?,
        };
        if !distinct.iter().all(|v| known(v.as_deref())) {
            return Ok(None);
        }
        status_blank = distinct.iter().any(|v| matches!(v.as_deref(), None | Some("")));
    }
    if !clean_text(coded.column("series")?, true)? || !clean_text(coded.column("area")?, true)? {
        return Ok(None);
    }
    let mut keep = vec![col("series"), col("area"), col("year").cast(DataType::Int32)];
    keep.extend(dims.iter().map(|d| col(d.as_str()).fill_null(lit(""))));
    keep.extend([
        col("value").cast(DataType::Float64),
        if has("status") && !status_blank {
            col("status")
        } else if has("status") {
            let blank = col("status")
                .is_null()
                .or(col("status").eq(lit("").cast(codes.status.clone())));
            when(blank)
                .then(lit("A").cast(codes.status.clone()))
                .otherwise(col("status"))
        } else {
            lit("A").cast(codes.status.clone())
        }
        .alias("status"),
        if has("source") {
            col("source").fill_null(lit(""))
        } else {
            lit("")
        }
        .alias("source"),
        lit(NULL).cast(DataType::Date).alias("vintage"),
        lit(file_id).cast(DataType::UInt32).alias("file"),
        col("__line").cast(DataType::UInt32).alias("line"),
    ]);
    // An empty value is no observation.
    let frame = coded.lazy().filter(col("value").is_not_null()).select(keep).collect()?;
    Ok(Some(Typed { frame, dims }))
}
