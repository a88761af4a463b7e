//! CSV: every column, numbers at full precision (for re-computation), text neutralised against
//! spreadsheet formula injection.

use super::{ExportInput, Exporter};
use crate::error::Result;
use crate::report::table::COLUMNS;
use crate::safe::{csv_number, csv_text};

pub struct Csv;

impl Exporter for Csv {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        let t = input.table;
        let mut out = String::from("plan,area,as_of,target,indicator_id,");
        out.push_str(&COLUMNS.iter().map(|c| c.0).collect::<Vec<_>>().join(","));
        out.push_str(",score\n");
        let n = |v: Option<f64>| csv_number(v);
        let y = |v: Option<i32>| v.map(|x| x.to_string()).unwrap_or_default();
        for r in &t.rows {
            let fields = [
                csv_text(&t.plan),
                csv_text(&t.area),
                t.as_of.to_string(),
                csv_text(&r.target),
                csv_text(&r.indicator),
                csv_text(&r.indicator_name),
                csv_text(&r.asean),
                csv_text(&r.unit),
                y(r.baseline_year),
                n(r.baseline),
                y(r.latest_year),
                n(r.latest),
                r.latest_status.clone().unwrap_or_default(),
                csv_text(&r.target_text),
                r.target_year.to_string(),
                n(r.vs_last_year),
                n(r.vs_plan),
                n(r.gap),
                n(r.required_now),
                n(r.deviation),
                n(r.needed_per_year),
                n(r.projection),
                n(r.ratio),
                r.status.id().to_string(),
                csv_text(&r.notes.join("; ")),
                n(r.score),
            ];
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        Ok(out.into_bytes())
    }
}
