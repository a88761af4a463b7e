//! The values as JSON (`eval --format json`): an array of one object per value, keys in order, as
//! serde_json prints a map, written as [`super::texts`] describes (a national evaluation as one
//! tree of JSON values took 8 GB).

use std::collections::BTreeMap;

use polars::prelude::*;
use polars_arrow::array::{BooleanArray, PrimitiveArray};
use serde::Serialize;

use super::texts::{Columns, Sink, Texts, in_chunks, used_dims};
use crate::data::Areas;
use crate::error::Result;
use crate::i18n::Lang;

/// The value of one key in a row.
enum Field<'a> {
    Text(&'a Texts),
    Number(&'a PrimitiveArray<f64>),
    Year(&'a PrimitiveArray<i64>),
    Break(&'a BooleanArray),
}

/// One JSON value onto the end of the text, as serde_json writes it.
fn push(out: &mut Vec<u8>, v: &impl Serialize) {
    // Writing into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, v);
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Each value as an object: area, area_name, break, denominator, the dimensions that hold some
/// value, indicator, numerator, status, value, year (in the order of their keys). The text goes to
/// `sink` in pieces, one after another.
pub fn render(df: &DataFrame, dims: &[String], areas: &Areas, lang: Lang, sink: &mut Sink) -> Result<()> {
    let dims = used_dims(df, dims)?;
    let text = |name: &str| Texts::new(df.column(name)?, json);
    let (indicator, area, status) = (text("indicator")?, text("area")?, text("status")?);
    let area_name = Texts::new(df.column("area")?, |a| json(&areas.name(a, lang)))?;
    let dim_texts = dims.iter().map(|d| text(d)).collect::<Result<Vec<_>>>()?;
    let columns = Columns::of(df)?;
    let [value, numerator, denominator] = &columns.numbers;

    // A map's keys, a later one taking the place of an equal earlier one (a dimension cannot be
    // named as another column, but a map would allow it).
    let mut keys: BTreeMap<&str, Field> = BTreeMap::new();
    keys.insert("indicator", Field::Text(&indicator));
    keys.insert("area", Field::Text(&area));
    keys.insert("area_name", Field::Text(&area_name));
    keys.insert("year", Field::Year(columns.year.downcast_as_array()));
    for (d, t) in dims.iter().zip(&dim_texts) {
        keys.insert(d, Field::Text(t));
    }
    keys.insert("value", Field::Number(value.downcast_as_array()));
    keys.insert("numerator", Field::Number(numerator.downcast_as_array()));
    keys.insert("denominator", Field::Number(denominator.downcast_as_array()));
    keys.insert("status", Field::Text(&status));
    keys.insert("break", Field::Break(columns.brk.downcast_as_array()));
    let fields: Vec<(String, Field)> = keys
        .into_iter()
        .map(|(k, f)| (format!("    {}: ", json(k)), f))
        .collect();

    let n = df.height();
    if n == 0 {
        return sink(b"[]\n");
    }
    sink(b"[\n")?;
    in_chunks(
        n,
        |rows| {
            let mut out = Vec::with_capacity(rows.len() * 256);
            for i in rows {
                out.extend_from_slice(if i == 0 { b"  {\n" } else { b",\n  {\n" });
                for (k, (key, field)) in fields.iter().enumerate() {
                    out.extend_from_slice(key.as_bytes());
                    match field {
                        Field::Text(t) => out.extend_from_slice(t.cell(i).as_bytes()),
                        // A value that is not finite is null, as serde_json makes it.
                        Field::Number(a) => push(&mut out, &a.get(i).filter(|x| x.is_finite())),
                        Field::Year(a) => push(&mut out, &a.get(i)),
                        Field::Break(a) => push(&mut out, &a.get(i).unwrap_or(false)),
                    }
                    out.extend_from_slice(if k + 1 < fields.len() { b",\n" } else { b"\n  }" });
                }
            }
            out
        },
        sink,
    )?;
    sink(b"\n]\n")
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    use super::*;
    use crate::cli::texts::tests::{cells, pieces, sample};

    /// As a tree of JSON values (the way the values were written before).
    fn reference(df: &DataFrame, dims: &[&str], areas: &Areas) -> String {
        let c = cells(df, dims);
        let [v, num, den] = &c.numbers;
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows: Vec<Value> = (0..df.height())
            .map(|i| {
                let mut m = Map::new();
                m.insert("indicator".into(), json!(s(&c.indicator[i])));
                m.insert("area".into(), json!(s(&c.area[i])));
                m.insert("area_name".into(), json!(areas.name(&s(&c.area[i]), Lang::Vi)));
                m.insert("year".into(), json!(c.year[i]));
                for (d, values) in dims.iter().zip(&c.dims) {
                    m.insert(d.to_string(), json!(s(&values[i])));
                }
                m.insert("value".into(), json!(v[i]));
                m.insert("numerator".into(), json!(num[i]));
                m.insert("denominator".into(), json!(den[i]));
                m.insert("status".into(), json!(s(&c.status[i])));
                m.insert("break".into(), json!(c.brk[i].unwrap_or(false)));
                Value::Object(m)
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap() + "\n"
    }

    #[test]
    fn the_objects_are_serde_jsons_own() {
        let (df, coded, areas) = sample();
        let dims = ["sex".to_string(), "unused".to_string()];
        let want = reference(&df, &["sex"], &areas);
        let parts = pieces(|s| render(&df, &dims, &areas, Lang::Vi, s));
        assert_eq!(parts.len(), 4, "the bracket, two chunks of rows, the bracket");
        assert_eq!(parts.concat(), want);
        assert_eq!(pieces(|s| render(&coded, &dims, &areas, Lang::Vi, s)).concat(), want);
        for rows in [1, 0] {
            let few = df.head(Some(rows));
            let got = pieces(|s| render(&few, &dims, &areas, Lang::Vi, s)).concat();
            assert_eq!(got, reference(&few, &[], &areas), "{rows} rows");
        }
        let _: Vec<serde_json::Value> = serde_json::from_str(&parts.concat()).unwrap();
    }
}
