//! From a file's raw columns to typed observations, with every bad cell reported at its line and
//! column. All checks are polars expressions over the whole file; only the bad rows reach Rust.

use std::path::Path;

use polars::prelude::*;

use super::files::{DecimalMark, FileOptions};
use crate::diagnostic::{Diagnostic, Location};
use crate::error::Result;
use crate::frame;
use crate::suggest;

pub const REQUIRED: [&str; 4] = ["series", "area", "year", "value"];
pub const OPTIONAL: [&str; 3] = ["status", "source", "vintage"];
/// Descriptive columns that are neither values nor dimensions.
pub const INFO: [&str; 5] = ["note", "unit", "area_name", "series_name", "url"];

pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

/// At most this many rows are listed per kind of problem and file; the rest are counted.
const MAX_LISTED: usize = 10;

pub struct Typed {
    pub frame: DataFrame,
    pub dims: Vec<String>,
}

/// Lower-case, trimmed header names; problems with the header are reported at line 1.
pub fn normalise_header(df: DataFrame, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<DataFrame> {
    let original: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    let normal: Vec<String> = original
        .iter()
        .map(|s| s.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let mut ok = true;
    for (i, n) in normal.iter().enumerate() {
        if n != "__line" && normal[..i].contains(n) {
            diags.push(
                Diagnostic::error("duplicate-column", format!("column `{n}` appears twice in the header"))
                    .at(Location::at(path, 1, Some(i + 1)))
                    .help("rename or remove one of them"),
            );
            ok = false;
        }
    }
    let present: Vec<&str> = normal.iter().map(String::as_str).collect();
    for req in REQUIRED {
        if !present.contains(&req) {
            let near = suggest::closest(req, present.iter().copied().filter(|p| !REQUIRED.contains(p)));
            let help = match near {
                Some(n) => format!("column `{n}` looks like `{req}`: rename it"),
                None => "the header must contain series, area, year and value (tidy format: one value per row); wide tables with years as columns go through `chitieu import`".to_string(),
            };
            diags.push(
                Diagnostic::error("missing-column", format!("the file has no `{req}` column"))
                    .at(Location::at(path, 1, None))
                    .help(help),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let mut df = df;
    df.set_column_names(&normal.iter().map(String::as_str).collect::<Vec<_>>())
        .ok()?;
    Some(df)
}

fn text(c: &str) -> Expr {
    col(c).cast(DataType::String).str().strip_chars(lit(NULL))
}

/// Type one file. `source_text` (CSV only) lets messages show the offending line.
pub fn type_file(
    df: DataFrame,
    file_id: u32,
    path: &Path,
    opts: Option<&FileOptions>,
    source_text: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Typed>> {
    let header: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    let col_no = |n: &str| {
        header
            .iter()
            .filter(|h| *h != "__line")
            .position(|h| h == n)
            .map(|i| i + 1)
    };
    let has = |n: &str| header.iter().any(|h| h == n);
    let schema = df.schema().clone();
    let is_text = |n: &str| matches!(schema.get(n), Some(DataType::String) | Some(DataType::Categorical(..)));
    let dims: Vec<String> = header
        .iter()
        .filter(|h| {
            !REQUIRED.contains(&h.as_str())
                && !OPTIONAL.contains(&h.as_str())
                && !INFO.contains(&h.as_str())
                && *h != "__line"
        })
        .cloned()
        .collect();
    for d in &dims {
        if !crate::catalog::is_valid_id(d) {
            diags.push(
                Diagnostic::error(
                    "invalid-id",
                    format!("column `{d}` would be a disaggregation dimension, but its name is not a valid id"),
                )
                .at(Location::at(path, 1, col_no(d)))
                .help(format!("rename it to `{}` or remove it", crate::catalog::suggest_id(d))),
            );
            return Ok(None);
        }
    }
    if df.height() == 0 {
        diags.push(
            Diagnostic::error("empty-file", "the file has a header but no rows")
                .at(Location::at(path, 1, None))
                .help("add observations below the header, or remove the file"),
        );
        return Ok(None);
    }
    let missing_tokens: Vec<String> = opts.map(|o| o.missing.clone()).unwrap_or_default();
    let comma = opts.and_then(|o| o.decimal.as_ref()) == Some(&DecimalMark::Comma);

    let value_txt = text("value");
    let mut is_missing = value_txt.clone().is_null().or(value_txt.clone().eq(lit("")));
    for tok in &missing_tokens {
        is_missing = is_missing.or(value_txt.clone().eq(lit(tok.as_str())));
    }
    let value = if is_text("value") {
        // With a decimal comma, `.` may only group thousands (1.234.567,5): `3.5` is not 35.
        let grouped = value_txt
            .clone()
            .str()
            .replace_all(lit(" "), lit(""), true)
            .str()
            .replace_all(lit("\u{a0}"), lit(""), true)
            .str()
            .contains(lit(r"^[+-]?(\d{1,3}(\.\d{3})+|\d*)(,\d*)?$"), true);
        let cleaned = if comma {
            value_txt
                .clone()
                .str()
                .replace_all(lit("."), lit(""), true)
                .str()
                .replace_all(lit(" "), lit(""), true)
                .str()
                .replace_all(lit("\u{a0}"), lit(""), true)
                .str()
                .replace_all(lit(","), lit("."), true)
        } else {
            value_txt.clone()
        };
        // "inf"/"NaN" parse as floats: they are caught below as non-finite.
        let cleaned = if comma {
            when(grouped).then(cleaned).otherwise(lit(NULL).cast(DataType::String))
        } else {
            cleaned
        };
        when(is_missing.clone())
            .then(lit(NULL).cast(DataType::Float64))
            .otherwise(cleaned.cast(DataType::Float64))
    } else {
        col("value").cast(DataType::Float64)
    };
    let year_txt = text("year");
    let year = if is_text("year") {
        year_txt.clone().cast(DataType::Int32)
    } else {
        // 2015.0 from a float column is a year; 2015.5 is not.
        let f = col("year").cast(DataType::Float64);
        when(f.clone().eq(f.clone().floor()))
            .then(f.cast(DataType::Int32))
            .otherwise(lit(NULL).cast(DataType::Int32))
    };
    let status_txt = if has("status") {
        text("status").str().to_uppercase().fill_null(lit(""))
    } else {
        lit("")
    };
    let vintage_txt = if has("vintage") {
        text("vintage").fill_null(lit(""))
    } else {
        lit("")
    };
    let vintage = vintage_txt.clone().str().to_date(StrptimeOptions {
        format: Some("%Y-%m-%d".into()),
        strict: false,
        exact: true,
        cache: true,
    });

    let mut exprs = vec![
        text("series").fill_null(lit("")).alias("series"),
        text("area").fill_null(lit("")).alias("area"),
        year.alias("year"),
        value.alias("value"),
        when(status_txt.clone().eq(lit("")))
            .then(lit("A"))
            .otherwise(status_txt.clone())
            .alias("status"),
        if has("source") {
            text("source").fill_null(lit(""))
        } else {
            lit("")
        }
        .alias("source"),
        when(vintage_txt.clone().eq(lit("")))
            .then(lit(NULL).cast(DataType::Date))
            .otherwise(vintage)
            .alias("vintage"),
        col("__line").cast(DataType::UInt32).alias("line"),
        lit(file_id).cast(DataType::UInt32).alias("file"),
        is_missing.alias("__missing"),
        value_txt.alias("__value_txt"),
        year_txt.alias("__year_txt"),
        status_txt.alias("__status_txt"),
        vintage_txt.alias("__vintage_txt"),
    ];
    for d in &dims {
        exprs.push(text(d).fill_null(lit("")).alias(d.as_str()));
    }
    let typed = df.lazy().select(exprs).collect()?;

    let flags = typed
        .lazy()
        .with_columns([
            col("series").eq(lit("")).alias("__bad_series"),
            col("area").eq(lit("")).alias("__bad_area"),
            col("year")
                .is_null()
                .or(col("year").lt(lit(MIN_YEAR)))
                .or(col("year").gt(lit(MAX_YEAR)))
                .alias("__bad_year"),
            col("__missing").not().and(col("value").is_null()).alias("__bad_value"),
            col("value")
                .is_not_null()
                .and(col("value").is_finite().not())
                .alias("__nonfinite"),
            col("status")
                .eq(lit("A"))
                .or(col("status").eq(lit("E")))
                .or(col("status").eq(lit("P")))
                .or(col("status").eq(lit("F")))
                .or(col("status").eq(lit("B")))
                .not()
                .alias("__bad_status"),
            col("__vintage_txt")
                .neq(lit(""))
                .and(col("vintage").is_null())
                .alias("__bad_vintage"),
        ])
        .collect()?;

    let checks: [(&str, &str, &str); 7] = [
        ("__bad_series", "series", "missing-value"),
        ("__bad_area", "area", "missing-value"),
        ("__bad_year", "year", "invalid-year"),
        ("__bad_value", "value", "not-a-number"),
        ("__nonfinite", "value", "not-finite"),
        ("__bad_status", "status", "invalid-status"),
        ("__bad_vintage", "vintage", "invalid-date"),
    ];
    let any_bad = checks
        .iter()
        .map(|(f, _, _)| col(*f))
        .reduce(|a, b| a.or(b))
        .unwrap_or(lit(false));
    let bad = flags.clone().lazy().filter(any_bad.clone()).collect()?;
    if bad.height() > 0 {
        for (flag, field, code) in checks {
            let rows = bad.clone().lazy().filter(col(flag)).collect()?;
            if rows.height() == 0 {
                continue;
            }
            let raw_col = match field {
                "value" => "__value_txt",
                "year" => "__year_txt",
                "status" => "__status_txt",
                "vintage" => "__vintage_txt",
                other => other,
            };
            let raws = frame::str_values(&rows, raw_col)?;
            let lines = frame::i64_values(&rows, "line")?;
            for (raw, line) in raws.iter().zip(&lines).take(MAX_LISTED) {
                let raw = raw.clone().unwrap_or_default();
                let line = line.unwrap_or(0) as usize;
                let (message, help) = describe(code, field, &raw, comma);
                let mut d = Diagnostic::error(code, message)
                    .at(Location::at(path, line, col_no(field)))
                    .help_opt(help);
                if let Some(src) = source_text {
                    let line_text = src.lines().nth(line.saturating_sub(1)).unwrap_or("");
                    let column = if raw.is_empty() {
                        None
                    } else {
                        line_text.find(raw.as_str()).map(|b| line_text[..b].chars().count() + 1)
                    };
                    if let Some(c) = column {
                        d.location = Some(Location::at(path, line, Some(c)));
                        d = d.with_source(src, raw.chars().count());
                    }
                }
                diags.push(d);
            }
            if rows.height() > MAX_LISTED {
                diags.push(
                    Diagnostic::error(
                        code,
                        format!("… and {} more rows with the same problem", rows.height() - MAX_LISTED),
                    )
                    .at(Location::file(path)),
                );
            }
        }
    }
    let mut keep = vec![col("series"), col("area"), col("year")];
    keep.extend(dims.iter().map(|d| col(d.as_str())));
    keep.extend([
        col("value"),
        col("status"),
        col("source"),
        col("vintage"),
        col("file"),
        col("line"),
    ]);
    let good = flags
        .lazy()
        .filter(any_bad.not().and(col("__missing").not()))
        .select(keep)
        .collect()?;
    Ok(Some(Typed { frame: good, dims }))
}

fn describe(code: &str, field: &str, raw: &str, comma: bool) -> (String, Option<String>) {
    match code {
        "missing-value" => (
            format!("the `{field}` cell is empty"),
            Some(format!("every row needs a `{field}`")),
        ),
        "invalid-year" => {
            let help = if raw.to_lowercase().contains("pre") {
                "write the year alone (2016) and mark the value as provisional with `status: P`".to_string()
            } else {
                format!("write a four-digit year between {MIN_YEAR} and {MAX_YEAR}")
            };
            let message = match raw.trim().parse::<f64>() {
                Ok(y) if y.fract() == 0.0 => {
                    format!("year `{raw}` is out of range: chitieu reads years {MIN_YEAR} to {MAX_YEAR}")
                }
                _ if raw.is_empty() => "the `year` cell is empty".to_string(),
                _ => format!("`{raw}` is not a year"),
            };
            (message, Some(help))
        }
        "not-a-number" => {
            let lower = raw.to_lowercase();
            let help = if raw.ends_with('%') {
                "write the number without `%`: the unit belongs to the indicator".to_string()
            } else if ["..", "-", "n/a", "na", "…", "x"].contains(&lower.as_str()) {
                format!(
                    "if `{raw}` means \"no data\", leave the cell empty or declare it for this file in data/files.yaml: `missing: [\"{raw}\"]`"
                )
            } else if !comma && raw.contains(',') {
                "this looks like a Vietnamese decimal comma (1.234,5): declare the file in data/files.yaml with `decimal: comma`".to_string()
            } else if comma && raw.contains('.') {
                "this file is declared with `decimal: comma`, where `.` only groups thousands (1.234,5): write the decimals after a comma (3,5), or fix the declaration in data/files.yaml".to_string()
            } else {
                "write a plain number such as 1234.5".to_string()
            };
            (format!("`{raw}` is not a number"), Some(help))
        }
        "not-finite" => (
            format!("`{raw}` is not a finite number"),
            Some("NaN and infinity are not data: leave the cell empty if the value is unknown".into()),
        ),
        "invalid-status" => (
            format!("`{raw}` is not an observation status"),
            Some("use A (normal), E (estimate, ước), P (provisional, sơ bộ), F (forecast) or B (series break)".into()),
        ),
        "invalid-date" => (
            format!("`{raw}` is not a date"),
            Some("write the publication date as YYYY-MM-DD (2025-03-03)".into()),
        ),
        _ => (format!("bad `{field}`: `{raw}`"), None),
    }
}
