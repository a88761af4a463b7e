//! SDMX-CSV 2.0 of the indicator values behind a table, for exchange with statistical systems.

use std::fmt::Write;

use super::{ExportInput, Exporter};
use crate::error::Result;
use crate::safe::{csv_text, push_csv_number};

pub struct SdmxCsv;

/// The dataflow the values are published under.
pub const DATAFLOW: &str = "CHITIEU:DF_INDICATORS(1.0)";

impl Exporter for SdmxCsv {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        Ok(SdmxCsv::sdmx(input.values))
    }
}

impl SdmxCsv {
    pub fn sdmx(values: &[super::ValueRow]) -> Vec<u8> {
        let mut dims: Vec<String> = values.iter().flat_map(|v| v.dims.iter().map(|d| d.0.clone())).collect();
        dims.sort();
        dims.dedup();
        let mut out = header(&dims);
        for v in values {
            let dim_cells: Vec<String> = dims
                .iter()
                .map(|d| dim_cell(v.dims.iter().find(|x| &x.0 == d).map_or("", |x| x.1.as_str())))
                .collect();
            let area = csv_text(&v.area);
            let indicator = csv_text(&v.indicator);
            let unit = csv_text(&v.unit);
            push_observation(
                &mut out,
                [area.as_str(), indicator.as_str()],
                dim_cells.iter().map(String::as_str),
                v.year as i64,
                Some(v.value),
                &v.status,
                &unit,
            );
        }
        out.into_bytes()
    }
}

/// The header line: the structure columns, one column per dimension (named in capitals), the
/// observation's columns.
pub fn header(dims: &[impl AsRef<str>]) -> String {
    let mut out = String::from("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR");
    for d in dims {
        out.push(',');
        out.push_str(&d.as_ref().to_uppercase());
    }
    out.push_str(",TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE\n");
    out
}

/// A dimension's cell: its value, or `_T` for a total.
pub fn dim_cell(value: &str) -> String {
    csv_text(if value.is_empty() { "_T" } else { value })
}

/// One observation's line; `area_indicator`, `dims` and `unit` are cells already (see
/// [`csv_text`], [`dim_cell`]).
pub fn push_observation<'a>(
    out: &mut String,
    area_indicator: [&str; 2],
    dims: impl Iterator<Item = &'a str>,
    year: i64,
    value: Option<f64>,
    status: &str,
    unit: &str,
) {
    out.push_str("dataflow,");
    out.push_str(DATAFLOW);
    out.push_str(",I,");
    out.push_str(area_indicator[0]);
    out.push(',');
    out.push_str(area_indicator[1]);
    for d in dims {
        out.push(',');
        out.push_str(d);
    }
    let _ = write!(out, ",{year},");
    push_csv_number(out, value);
    out.push(',');
    out.push_str(status);
    out.push(',');
    out.push_str(unit);
    out.push('\n');
}
