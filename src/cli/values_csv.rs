//! The values as CSV (`eval --format csv`), written as [`super::texts`] describes.

use std::fmt::Write;

use polars::prelude::*;

use super::texts::{Columns, Sink, Texts, in_chunks, used_dims};
use crate::data::Areas;
use crate::error::Result;
use crate::i18n::Lang;
use crate::safe::{csv_text, push_csv_number};

/// The values with their areas' names: indicator, area, area_name, year, the dimensions that hold
/// some value, value, numerator, denominator, status, break. The text goes to `sink` in pieces, one
/// after another: the header, then the rows a chunk at a time.
pub fn render(df: &DataFrame, dims: &[String], areas: &Areas, lang: Lang, sink: &mut Sink) -> Result<()> {
    let dims = used_dims(df, dims)?;
    let text = |name: &str| Texts::new(df.column(name)?, csv_text);
    let indicator = text("indicator")?;
    let area = text("area")?;
    let area_name = Texts::new(df.column("area")?, |a| csv_text(&areas.name(a, lang)))?;
    let dim_texts = dims.iter().map(|d| text(d)).collect::<Result<Vec<_>>>()?;
    let status = Texts::new(df.column("status")?, str::to_string)?;
    let columns = Columns::of(df)?;
    let (year, brk) = (columns.year.downcast_as_array(), columns.brk.downcast_as_array());
    let numbers = columns.numbers.each_ref().map(|c| c.downcast_as_array());

    let mut headers = vec!["indicator", "area", "area_name", "year"];
    headers.extend(&dims);
    headers.extend(["value", "numerator", "denominator", "status", "break"]);
    sink((headers.join(",") + "\n").as_bytes())?;
    in_chunks(
        df.height(),
        |rows| {
            let mut out = String::with_capacity(rows.len() * 96);
            for i in rows {
                for t in [&indicator, &area, &area_name] {
                    out.push_str(t.cell(i));
                    out.push(',');
                }
                if let Some(y) = year.get(i) {
                    let _ = write!(out, "{y}");
                }
                for t in &dim_texts {
                    out.push(',');
                    out.push_str(t.cell(i));
                }
                for v in numbers {
                    out.push(',');
                    push_csv_number(&mut out, v.get(i));
                }
                out.push(',');
                out.push_str(status.cell(i));
                out.push_str(if brk.get(i).unwrap_or(false) {
                    ",true\n"
                } else {
                    ",false\n"
                });
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
    use crate::safe::csv_number;

    /// Cell by cell, as a reader of the header expects (the way the rows were written before).
    /// The sample's more rows than a chunk, coded and text columns, nulls, texts that need quotes,
    /// numbers that are not finite, a dimension that holds values and one that holds none.
    fn reference(df: &DataFrame, dims: &[&str], areas: &Areas) -> String {
        let c = cells(df, dims);
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut out = String::from("indicator,area,area_name,year");
        for d in dims {
            out.push_str(&format!(",{d}"));
        }
        out.push_str(",value,numerator,denominator,status,break\n");
        for i in 0..df.height() {
            let mut row = vec![
                csv_text(&s(&c.indicator[i])),
                csv_text(&s(&c.area[i])),
                csv_text(&areas.name(&s(&c.area[i]), Lang::Vi)),
                c.year[i].map(|y| y.to_string()).unwrap_or_default(),
            ];
            row.extend(c.dims.iter().map(|d| csv_text(&s(&d[i]))));
            row.extend(c.numbers.iter().map(|n| csv_number(n[i])));
            row.extend([s(&c.status[i]), c.brk[i].unwrap_or(false).to_string()]);
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }

    /// More rows than a chunk, coded and text columns, nulls, texts that need quotes, numbers that
    /// are not finite, a dimension that holds values and one that holds none: the cells as written
    /// one by one.
    #[test]
    fn the_rows_are_the_cells_one_by_one() {
        let (df, coded, areas) = sample();
        let dims = ["sex".to_string(), "unused".to_string()];
        let want = reference(&df, &["sex"], &areas);
        let parts = pieces(|s| render(&df, &dims, &areas, Lang::Vi, s));
        assert_eq!(parts.len(), 3, "the header and two chunks of rows");
        assert_eq!(parts.concat(), want);
        assert_eq!(pieces(|s| render(&coded, &dims, &areas, Lang::Vi, s)).concat(), want);
        assert!(want.contains("\"Lai Châu, tỉnh\""));
        // No rows: the header.
        let none = pieces(|s| render(&df.head(Some(0)), &dims, &areas, Lang::Vi, s)).concat();
        assert_eq!(none, reference(&df.head(Some(0)), &[], &areas));
    }
}
