//! Exporters: one file per output format behind one trait (as in sharkdp/hyperfine's `src/export/`).

mod csv;
mod json;
pub mod markdown;
pub mod sdmx;
mod terminal;
pub mod xlsx;

pub use csv::Csv;
pub use json::Json;
pub use markdown::Markdown;
pub use sdmx::SdmxCsv;
pub use terminal::Terminal;
pub use xlsx::Xlsx;

use super::table::GapTable;
use crate::error::Result;
use crate::i18n::{Lang, format_number};

/// One indicator value, for the SDMX export of the values behind a table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ValueRow {
    pub indicator: String,
    pub area: String,
    pub year: i32,
    /// (dimension, value) pairs; empty = total.
    pub dims: Vec<(String, String)>,
    pub value: f64,
    pub status: String,
    pub unit: String,
}

/// What an exporter receives: the gap table and the indicator values it was computed from.
pub struct ExportInput<'a> {
    pub table: &'a GapTable,
    pub values: &'a [ValueRow],
}

pub trait Exporter {
    /// The file extension of the output (`csv`, `md`, …).
    fn extension(&self) -> &'static str;
    fn export(&self, input: &ExportInput) -> Result<Vec<u8>>;
}

/// The exporter for a `--format` name.
pub fn by_name(name: &str) -> Option<Box<dyn Exporter>> {
    Some(match name {
        "table" => Box::new(Terminal {
            color: false,
            width: 100,
        }),
        "csv" => Box::new(Csv),
        "md" | "markdown" => Box::new(Markdown),
        "json" => Box::new(Json),
        "xlsx" => Box::new(Xlsx),
        "sdmx" => Box::new(SdmxCsv),
        _ => return None,
    })
}

/// A number for people: the indicator's decimals (or the default rule) in the language's format.
pub fn show(v: Option<f64>, decimals: Option<u8>, lang: Lang) -> String {
    v.map(|x| format_number(x, decimals, lang))
        .unwrap_or_else(|| "–".into())
}

/// The indicator values of one area (all dimensions), as rows for the SDMX and workbook exports.
pub fn value_rows(
    catalog: &crate::catalog::Catalog,
    values: &crate::eval::Values,
    area: &str,
    lang: Lang,
) -> Result<Vec<ValueRow>> {
    use polars::prelude::*;
    let df = values
        .frame
        .clone()
        .lazy()
        .filter(col("area").eq(lit(area)).and(col("value").is_not_null()))
        .collect()?;
    let f = crate::frame::str_values;
    let (ind, ar, st) = (f(&df, "indicator")?, f(&df, "area")?, f(&df, "status")?);
    let year = crate::frame::i64_values(&df, "year")?;
    let value = crate::frame::f64_values(&df, "value")?;
    let brk = crate::frame::bool_values(&df, "break")?;
    let dims: Vec<Vec<Option<String>>> = values.dims.iter().map(|d| f(&df, d)).collect::<Result<_>>()?;
    Ok((0..df.height())
        .map(|i| {
            let indicator = ind[i].clone().unwrap_or_default();
            ValueRow {
                unit: catalog
                    .indicator(&indicator)
                    .map(|x| x.unit.get(lang).to_string())
                    .unwrap_or_default(),
                indicator,
                area: ar[i].clone().unwrap_or_default(),
                year: year[i].unwrap_or(0) as i32,
                dims: values
                    .dims
                    .iter()
                    .zip(&dims)
                    .map(|(d, v)| (d.clone(), v[i].clone().unwrap_or_default()))
                    .collect(),
                value: value[i].unwrap_or(f64::NAN),
                status: if brk[i].unwrap_or(false) {
                    "B".into()
                } else {
                    st[i].clone().unwrap_or_else(|| "A".into())
                },
            }
        })
        .collect())
}
