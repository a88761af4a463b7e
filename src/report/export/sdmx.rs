//! SDMX-CSV 2.0 of the indicator values behind a table, for exchange with statistical systems.

use super::{ExportInput, Exporter};
use crate::error::Result;
use crate::safe::{csv_number, csv_text};

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
        let mut out = String::from("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,INDICATOR");
        for d in &dims {
            out.push(',');
            out.push_str(&d.to_uppercase());
        }
        out.push_str(",TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE\n");
        for v in values {
            out.push_str(&format!(
                "dataflow,{DATAFLOW},I,{},{}",
                csv_text(&v.area),
                csv_text(&v.indicator)
            ));
            for d in &dims {
                let val = v.dims.iter().find(|x| &x.0 == d).map(|x| x.1.as_str()).unwrap_or("_T");
                out.push(',');
                out.push_str(&csv_text(if val.is_empty() { "_T" } else { val }));
            }
            out.push_str(&format!(
                ",{},{},{},{}\n",
                v.year,
                csv_number(Some(v.value)),
                v.status,
                csv_text(&v.unit)
            ));
        }
        out.into_bytes()
    }
}
