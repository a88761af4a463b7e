//! The values as CSV (`eval --format csv`). A national evaluation has millions of rows: each text
//! column is escaped once per distinct text (through its codes), and the rows are written in
//! parallel chunks straight into text, not as a string per cell.

use std::fmt::Write;

use polars::prelude::*;
use rayon::prelude::*;

use crate::data::Areas;
use crate::error::{Error, Result};
use crate::frame;
use crate::i18n::Lang;
use crate::safe::{csv_text, push_csv_number};

/// Rows written on one thread at a time.
const CHUNK: usize = 1 << 16;

/// A text column as codes, with each code's cell (escaped as the column needs it) and a null's.
struct Texts {
    codes: UInt32Chunked,
    cells: Vec<String>,
    null: String,
}

impl Texts {
    fn new(c: &Column, cell: impl Fn(&str) -> String) -> Result<Self> {
        // A categorical's dictionary gives the texts; text is coded first (a fresh dictionary).
        let fresh = || -> Result<Column> { Ok(c.cast(&DataType::String)?.cast(&frame::local_categorical())?) };
        let mut coded = match c.dtype().is_categorical() {
            true => c.clone(),
            false => fresh()?,
        };
        let texts = match frame::dictionary(&coded)? {
            Some(t) => t,
            None => {
                coded = fresh()?;
                frame::dictionary(&coded)?
                    .ok_or_else(|| Error::Other(format!("the texts of column `{}` could not be read", c.name())))?
            }
        };
        let codes = coded
            .as_materialized_series()
            .to_physical_repr()
            .u32()?
            .rechunk()
            .into_owned();
        Ok(Texts {
            codes,
            cells: texts.iter().map(|t| cell(t)).collect(),
            null: cell(""),
        })
    }

    fn cell(&self, row: usize) -> &str {
        match self.codes.downcast_as_array().get(row) {
            Some(code) => &self.cells[code as usize],
            None => &self.null,
        }
    }
}

/// The values with their areas' names: indicator, area, area_name, year, the dimensions that hold
/// some value, value, numerator, denominator, status, break. The text comes in pieces, to be
/// written one after another: the header, then the rows a chunk at a time.
pub fn render(df: &DataFrame, dims: &[String], areas: &Areas, lang: Lang) -> Result<Vec<String>> {
    let used = |d: &String| -> Result<bool> {
        let any = df
            .clone()
            .lazy()
            .select([col(d.as_str()).cast(DataType::String).neq(lit("")).any(true)])
            .collect()?;
        Ok(any.columns()[0].bool()?.get(0).unwrap_or(false))
    };
    let mut used_dims = Vec::new();
    for d in dims {
        if used(d)? {
            used_dims.push(d.as_str());
        }
    }
    let dims = used_dims;
    let text = |name: &str| Texts::new(df.column(name)?, csv_text);
    let indicator = text("indicator")?;
    let area = text("area")?;
    let area_name = Texts::new(df.column("area")?, |a| csv_text(&areas.name(a, lang)))?;
    let dim_texts = dims.iter().map(|d| text(d)).collect::<Result<Vec<_>>>()?;
    let status = Texts::new(df.column("status")?, str::to_string)?;
    let number = |name: &str| -> Result<Float64Chunked> {
        Ok(df.column(name)?.cast(&DataType::Float64)?.f64()?.rechunk().into_owned())
    };
    let (value, numerator, denominator) = (number("value")?, number("numerator")?, number("denominator")?);
    let year = df.column("year")?.cast(&DataType::Int64)?.i64()?.rechunk().into_owned();
    let brk = df.column("break")?.bool()?.rechunk().into_owned();
    let (year, brk) = (year.downcast_as_array(), brk.downcast_as_array());
    let numbers = [&value, &numerator, &denominator].map(|c| c.downcast_as_array());

    let mut headers = vec!["indicator", "area", "area_name", "year"];
    headers.extend(&dims);
    headers.extend(["value", "numerator", "denominator", "status", "break"]);
    let n = df.height();
    let rows = (0..n.div_ceil(CHUNK)).into_par_iter().map(|k| {
        let rows = k * CHUNK..((k + 1) * CHUNK).min(n);
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
    });
    let mut parts = vec![headers.join(",") + "\n"];
    parts.par_extend(rows);
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Area;
    use crate::i18n::Text;
    use crate::safe::csv_number;

    fn area(code: &str, name: &str) -> Area {
        Area {
            code: code.into(),
            name: Text::new(name, name),
            level: "x".into(),
            parent: None,
            since: None,
            until: None,
            replaces: vec![],
            order: 0,
        }
    }

    /// Cell by cell, as a reader of the header expects (the way the rows were written before).
    fn reference(df: &DataFrame, dims: &[&str], areas: &Areas) -> String {
        let text = |c: &str| frame::str_values(df, c).unwrap();
        let (ind, ar, st) = (text("indicator"), text("area"), text("status"));
        let dim: Vec<_> = dims.iter().map(|d| text(d)).collect();
        let year = frame::i64_values(df, "year").unwrap();
        let nums: Vec<_> = ["value", "numerator", "denominator"]
            .map(|c| frame::f64_values(df, c).unwrap())
            .into();
        let brk = frame::bool_values(df, "break").unwrap();
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut out = String::from("indicator,area,area_name,year");
        for d in dims {
            out.push_str(&format!(",{d}"));
        }
        out.push_str(",value,numerator,denominator,status,break\n");
        for i in 0..df.height() {
            let mut row = vec![
                csv_text(&s(&ind[i])),
                csv_text(&s(&ar[i])),
                csv_text(&areas.name(&s(&ar[i]), Lang::Vi)),
                year[i].map(|y| y.to_string()).unwrap_or_default(),
            ];
            row.extend(dim.iter().map(|d| csv_text(&s(&d[i]))));
            row.extend(nums.iter().map(|n| csv_number(n[i])));
            row.extend([s(&st[i]), brk[i].unwrap_or(false).to_string()]);
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
        let n = CHUNK + 37;
        let areas = Areas::from_list(vec![
            area("01", "Hà Nội"),
            area("12", "Lai Châu, tỉnh"),
            area("x\"y", "=cmd"),
        ]);
        let codes = ["01", "12", "x\"y", "zz"];
        let pick = |i: usize, k: usize| (!i.is_multiple_of(13)).then(|| codes[(i * k) % codes.len()]);
        let df = df!(
            "indicator" => (0..n).map(|i| format!("ind,{}", i % 7)).collect::<Vec<_>>(),
            "area" => (0..n).map(|i| pick(i, 3)).collect::<Vec<_>>(),
            "year" => (0..n).map(|i| (!i.is_multiple_of(11)).then_some(2015 + (i % 16) as i32)).collect::<Vec<_>>(),
            "sex" => (0..n).map(|i| ["", "nam", "nữ"][i % 3]).collect::<Vec<_>>(),
            "unused" => vec![""; n],
            "value" => (0..n).map(|i| (!i.is_multiple_of(5)).then_some(i as f64 / 7.0)).collect::<Vec<_>>(),
            "numerator" => (0..n)
                .map(|i| [f64::NAN, f64::INFINITY, 1e21, 158873.0, -0.0, 0.0, -5.0, 1e14, 999_999_999_999_999.0, 1e15, 0.1][i % 11])
                .collect::<Vec<_>>(),
            "denominator" => (0..n).map(|i| (!i.is_multiple_of(3)).then_some(1e-7 * i as f64)).collect::<Vec<_>>(),
            "status" => (0..n).map(|i| ["A", "P", "E", "F"][i % 4]).collect::<Vec<_>>(),
            "break" => (0..n).map(|i| (!i.is_multiple_of(17)).then_some(i % 2 == 0)).collect::<Vec<_>>(),
        )
        .unwrap();
        let dims = ["sex".to_string(), "unused".to_string()];
        let want = reference(&df, &["sex"], &areas);
        let parts = render(&df, &dims, &areas, Lang::Vi).unwrap();
        assert_eq!(parts.len(), 3, "the header and two chunks of rows");
        assert_eq!(parts.concat(), want);
        let mut coded = df.clone();
        for c in ["indicator", "area", "status", "sex"] {
            let cast = coded.column(c).unwrap().cast(&frame::local_categorical()).unwrap();
            coded.with_column(cast).unwrap();
        }
        assert_eq!(render(&coded, &dims, &areas, Lang::Vi).unwrap().concat(), want);
        assert!(want.contains("\"Lai Châu, tỉnh\""));
    }
}
