//! The text columns of the values, for outputs of millions of rows (`eval --format csv|json|sdmx`):
//! each distinct text is escaped once (through the column's codes), and the rows are written in
//! parallel chunks straight into text, not as a string per cell.

use std::ops::Range;

use polars::prelude::*;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::frame;

/// Rows written on one thread at a time.
pub const CHUNK: usize = 1 << 16;

/// A text column as codes, with each code's cell (escaped as the column needs it) and a null's.
pub struct Texts {
    codes: UInt32Chunked,
    cells: Vec<String>,
    null: String,
}

impl Texts {
    pub fn new(c: &Column, cell: impl Fn(&str) -> String) -> Result<Self> {
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

    /// The same with another text for a null.
    pub fn or_null(self, text: &str) -> Self {
        Texts {
            null: text.to_string(),
            ..self
        }
    }

    pub fn cell(&self, row: usize) -> &str {
        match self.codes.downcast_as_array().get(row) {
            Some(code) => &self.cells[code as usize],
            None => &self.null,
        }
    }
}

/// The other columns of the values, each in one piece: value, numerator, denominator (f64),
/// year (i64) and break.
pub struct Columns {
    pub numbers: [Float64Chunked; 3],
    pub year: Int64Chunked,
    pub brk: BooleanChunked,
}

impl Columns {
    pub fn of(df: &DataFrame) -> Result<Self> {
        let number = |name: &str| -> Result<Float64Chunked> {
            Ok(df.column(name)?.cast(&DataType::Float64)?.f64()?.rechunk().into_owned())
        };
        Ok(Columns {
            numbers: [number("value")?, number("numerator")?, number("denominator")?],
            year: df.column("year")?.cast(&DataType::Int64)?.i64()?.rechunk().into_owned(),
            brk: df.column("break")?.bool()?.rechunk().into_owned(),
        })
    }
}

/// The dimensions that hold some value in the rows (only those get a column).
pub fn used_dims<'a>(df: &DataFrame, dims: &'a [String]) -> Result<Vec<&'a str>> {
    let mut used = Vec::new();
    for d in dims {
        let any = df
            .clone()
            .lazy()
            .select([col(d.as_str()).cast(DataType::String).neq(lit("")).any(true)])
            .collect()?;
        if any.columns()[0].bool()?.get(0).unwrap_or(false) {
            used.push(d.as_str());
        }
    }
    Ok(used)
}

/// Where the pieces of an output go, in order (a file being written, the terminal).
pub type Sink<'a> = dyn FnMut(&[u8]) -> Result<()> + Send + 'a;

/// The rows `0..n` written a chunk at a time into `sink`, in order: a few chunks are made side by
/// side while the ones before are handed to the sink, so that only a few chunks' text is held at
/// once (the national values are 1.1 GB of JSON; held whole, the process peaked above 2 GB).
pub fn in_chunks<T: AsRef<[u8]> + Send + Sync>(
    n: usize,
    write: impl Fn(Range<usize>) -> T + Sync,
    sink: &mut Sink,
) -> Result<()> {
    let chunks = n.div_ceil(CHUNK);
    let batch = 2 * rayon::current_num_threads().max(1);
    let make = |from: usize| -> Vec<T> {
        (from..(from + batch).min(chunks))
            .into_par_iter()
            .map(|k| write(k * CHUNK..((k + 1) * CHUNK).min(n)))
            .collect()
    };
    let mut made = make(0);
    let mut from = 0;
    while !made.is_empty() {
        from += batch;
        let (next, written) = rayon::join(|| make(from), || made.iter().try_for_each(|t| sink(t.as_ref())));
        written?;
        made = next;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::{Area, Areas};
    use crate::i18n::Text;

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

    /// The values' columns row by row, as the outputs read them before they were written from
    /// codes: the references the outputs are checked against.
    pub(crate) struct Cells {
        pub indicator: Vec<Option<String>>,
        pub area: Vec<Option<String>>,
        pub status: Vec<Option<String>>,
        pub dims: Vec<Vec<Option<String>>>,
        pub year: Vec<Option<i64>>,
        pub numbers: [Vec<Option<f64>>; 3],
        pub brk: Vec<Option<bool>>,
    }

    pub(crate) fn cells(df: &DataFrame, dims: &[&str]) -> Cells {
        let text = |c: &str| frame::str_values(df, c).unwrap();
        Cells {
            indicator: text("indicator"),
            area: text("area"),
            status: text("status"),
            dims: dims.iter().map(|d| text(d)).collect(),
            year: frame::i64_values(df, "year").unwrap(),
            numbers: ["value", "numerator", "denominator"].map(|c| frame::f64_values(df, c).unwrap()),
            brk: frame::bool_values(df, "break").unwrap(),
        }
    }

    /// The pieces an output hands to its sink, in order.
    pub(crate) fn pieces(render: impl FnOnce(&mut Sink) -> Result<()>) -> Vec<String> {
        let mut out = Vec::new();
        render(&mut |b: &[u8]| {
            out.push(String::from_utf8(b.to_vec()).expect("text"));
            Ok(())
        })
        .unwrap();
        out
    }

    /// Values of more rows than a chunk, with nulls, texts that need quoting or escaping, numbers
    /// that are not finite or are whole, a dimension (`sex`) that holds values and one (`unused`)
    /// that holds none; as text, the same coded (categoricals), and the areas they name.
    pub(crate) fn sample() -> (DataFrame, DataFrame, Areas) {
        let n = CHUNK + 37;
        let areas = Areas::from_list(vec![
            area("01", "Hà Nội"),
            area("12", "Lai Châu, tỉnh"),
            area("x\"y", "=cmd \\ \u{1}"),
        ]);
        let codes = ["01", "12", "x\"y", "zz"];
        let pick = |i: usize, k: usize| (!i.is_multiple_of(13)).then(|| codes[(i * k) % codes.len()]);
        let whole = [
            f64::NAN,
            f64::INFINITY,
            1e21,
            158873.0,
            -0.0,
            0.0,
            -5.0,
            1e14,
            999_999_999_999_999.0,
            1e15,
            0.1,
        ];
        let df = df!(
            "indicator" => (0..n).map(|i| format!("ind,{}", i % 7)).collect::<Vec<_>>(),
            "area" => (0..n).map(|i| pick(i, 3)).collect::<Vec<_>>(),
            "year" => (0..n).map(|i| (!i.is_multiple_of(11)).then_some(2015 + (i % 16) as i32)).collect::<Vec<_>>(),
            "sex" => (0..n).map(|i| ["", "nam", "nữ"][i % 3]).collect::<Vec<_>>(),
            "unused" => vec![""; n],
            "value" => (0..n).map(|i| (!i.is_multiple_of(5)).then_some(i as f64 / 7.0)).collect::<Vec<_>>(),
            "numerator" => (0..n).map(|i| whole[i % whole.len()]).collect::<Vec<_>>(),
            "denominator" => (0..n).map(|i| (!i.is_multiple_of(3)).then_some(1e-7 * i as f64)).collect::<Vec<_>>(),
            "status" => (0..n).map(|i| ["A", "P", "E", "F"][i % 4]).collect::<Vec<_>>(),
            "break" => (0..n).map(|i| (!i.is_multiple_of(17)).then_some(i % 2 == 0)).collect::<Vec<_>>(),
        )
        .unwrap();
        let mut coded = df.clone();
        for c in ["indicator", "area", "status", "sex"] {
            let cast = coded.column(c).unwrap().cast(&frame::local_categorical()).unwrap();
            coded.with_column(cast).unwrap();
        }
        (df, coded, areas)
    }

    /// Many more chunks than are made at once: every row once, in order, a piece per chunk; a sink
    /// that fails stops the writing with its error.
    #[test]
    fn chunks_reach_the_sink_in_order() {
        let n = CHUNK * 9 + 5;
        let piece = |r: Range<usize>| format!("{}..{};", r.start, r.end);
        let got = pieces(|s| in_chunks(n, piece, s));
        assert_eq!(got.len(), 10);
        let want: Vec<String> = (0..10).map(|k| piece(k * CHUNK..((k + 1) * CHUNK).min(n))).collect();
        assert_eq!(got, want);
        assert!(pieces(|s| in_chunks(0, piece, s)).is_empty());
        let mut seen = 0;
        let failed = in_chunks(n, piece, &mut |_: &[u8]| {
            seen += 1;
            match seen {
                3 => Err(Error::Other("disk full".into())),
                _ => Ok(()),
            }
        });
        assert!(matches!(failed, Err(Error::Other(m)) if m == "disk full"));
        assert_eq!(seen, 3);
    }
}
