//! The values as SDMX-CSV 2.0 (`eval --format sdmx`): every value once, in the values' order, with
//! the columns and cells of the gap tables' SDMX export ([`crate::report::export::SdmxCsv`]),
//! written as [`super::texts`] describes.

use polars::prelude::*;

use super::texts::{Columns, Sink, Texts, in_chunks};
use crate::error::Result;
use crate::report::export::sdmx;
use crate::safe::csv_text;

/// One observation per row with a value; `unit` names an indicator's unit. The text goes to `sink`
/// in pieces, one after another.
pub fn render(df: &DataFrame, dims: &[String], unit: impl Fn(&str) -> String, sink: &mut Sink) -> Result<()> {
    let df = df.clone().lazy().filter(col("value").is_not_null()).collect()?;
    // Every dimension is a column (a total is `_T`), in the order of their names; without rows,
    // none.
    let mut dims: Vec<&String> = dims.iter().filter(|_| df.height() > 0).collect();
    dims.sort();
    dims.dedup();
    let indicator = Texts::new(df.column("indicator")?, csv_text)?;
    let units = Texts::new(df.column("indicator")?, |i| csv_text(&unit(i)))?;
    let area = Texts::new(df.column("area")?, csv_text)?;
    let dim_texts = dims
        .iter()
        .map(|d| Texts::new(df.column(d)?, sdmx::dim_cell))
        .collect::<Result<Vec<_>>>()?;
    // A value's status; a break in the series is `B`.
    let status = Texts::new(df.column("status")?, str::to_string)?.or_null("A");
    let columns = Columns::of(&df)?;
    let (year, brk) = (columns.year.downcast_as_array(), columns.brk.downcast_as_array());
    let value = columns.numbers[0].downcast_as_array();

    sink(sdmx::header(&dims).as_bytes())?;
    in_chunks(
        df.height(),
        |rows| {
            let mut out = String::with_capacity(rows.len() * 128);
            for i in rows {
                let status = if brk.get(i).unwrap_or(false) {
                    "B"
                } else {
                    status.cell(i)
                };
                sdmx::push_observation(
                    &mut out,
                    [area.cell(i), indicator.cell(i)],
                    dim_texts.iter().map(|t| t.cell(i)),
                    year.get(i).unwrap_or(0),
                    value.get(i),
                    status,
                    units.cell(i),
                );
            }
            out
        },
        sink,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::texts::tests::{cells, pieces, sample};
    use crate::report::export::{SdmxCsv, ValueRow};

    fn unit(indicator: &str) -> String {
        format!("đơn vị, {}", indicator.len())
    }

    /// The gap tables' SDMX export of every row with a value, in the values' order.
    fn reference(df: &DataFrame, dims: &[&str]) -> String {
        let c = cells(df, dims);
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<ValueRow> = (0..df.height())
            .filter(|i| c.numbers[0][*i].is_some())
            .map(|i| ValueRow {
                unit: unit(&s(&c.indicator[i])),
                indicator: s(&c.indicator[i]),
                area: s(&c.area[i]),
                year: c.year[i].unwrap_or(0) as i32,
                dims: dims
                    .iter()
                    .zip(&c.dims)
                    .map(|(d, v)| (d.to_string(), s(&v[i])))
                    .collect(),
                value: c.numbers[0][i].unwrap_or(f64::NAN),
                status: match c.brk[i].unwrap_or(false) {
                    true => "B".into(),
                    false => c.status[i].clone().unwrap_or_else(|| "A".into()),
                },
            })
            .collect();
        String::from_utf8(SdmxCsv::sdmx(&rows)).unwrap()
    }

    /// Each value once (every area, not one area's values per indicator), as the gap tables' export
    /// writes it: dimensions (a total `_T`), breaks as `B`, units, quoting.
    #[test]
    fn every_value_is_one_observation() {
        let (df, coded, _) = sample();
        let dims = ["unused".to_string(), "sex".to_string()];
        let want = reference(&df, &["sex", "unused"]);
        let got = pieces(|s| render(&df, &dims, unit, s)).concat();
        assert_eq!(got, want);
        assert_eq!(pieces(|s| render(&coded, &dims, unit, s)).concat(), want);
        let with_value = df.column("value").unwrap().is_not_null().sum().unwrap_or(0) as usize;
        assert_eq!(got.lines().count(), 1 + with_value);
        assert!(got.contains(",_T,") && got.contains(",B,"));
        for rows in [1, 0] {
            let few = df.head(Some(rows));
            assert_eq!(
                pieces(|s| render(&few, &dims, unit, s)).concat(),
                reference(&few, &["sex", "unused"])
            );
        }
    }
}
