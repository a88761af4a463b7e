//! `chitieu import`: published tables (GSO web tables, statistical yearbooks: one row per area, years
//! as columns) → tidy observation files, through a mapping file per table, so that next year's
//! tables go in the same way.

mod mapping;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use unicode_normalization::UnicodeNormalization;

pub use mapping::{Layout, Mapping};

use crate::catalog::yaml;
use crate::data::Areas;
use crate::diagnostic::{Diagnostic, Location, display_path};
use crate::error::{Error, Result};
use crate::frame;

/// What one mapping wrote.
#[derive(Debug, Clone)]
pub struct Imported {
    pub mapping: PathBuf,
    pub output: PathBuf,
    pub rows: usize,
    pub per_series: BTreeMap<String, usize>,
    pub ignored_columns: Vec<String>,
}

/// Folded form of a label for matching: lower case, no diacritics, đ → d, punctuation to spaces.
pub fn fold(s: &str) -> String {
    let base: String = s
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    base.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mapping files: the given ones, or every `*.yaml` in `data/import/`.
pub fn mapping_files(data_dir: &Path, given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(data_dir.join("import"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

pub fn run(data_dir: &Path, areas: &Areas, mappings: &[PathBuf]) -> Result<Vec<Imported>> {
    let mut done = Vec::new();
    let mut diags = Vec::new();
    for m in mappings {
        let text = std::fs::read_to_string(m).map_err(|e| Error::io("read", m, e))?;
        let mapping: Mapping = match yaml::parse(m, &text) {
            Ok(x) => x,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match convert(data_dir, areas, m, &mapping, &mut diags)? {
            Some(i) => done.push(i),
            None => continue,
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Invalid(diags));
    }
    Ok(done)
}

/// One cell of the header: its year, variable label and whether it is provisional.
fn parse_header(h: &str, provisional: &[String]) -> Option<(i32, String, bool)> {
    let mut rest = h.trim().to_string();
    let mut prov = false;
    for p in provisional {
        if rest.contains(p.as_str()) {
            prov = true;
            rest = rest.replace(p.as_str(), " ");
        }
    }
    // Footnote markers: "2008(*)", "2010 (**)".
    while let (Some(a), Some(b)) = (rest.find('('), rest.find(')')) {
        if b > a && rest[a + 1..b].chars().all(|c| c == '*') {
            rest.replace_range(a..=b, " ");
        } else {
            break;
        }
    }
    let bytes = rest.as_bytes();
    let mut year = None;
    for i in 0..bytes.len().saturating_sub(3) {
        let w = &rest[i..i + 4];
        let bounded =
            (i == 0 || !bytes[i - 1].is_ascii_digit()) && (i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit());
        if bounded && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20")) {
            year = Some((i, w.parse::<i32>().ok()?));
            break;
        }
    }
    let (i, y) = year?;
    rest.replace_range(i..i + 4, " ");
    let label = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((y, label, prov))
}

/// A header without the given markers, and whether it had one.
fn strip_markers(h: &str, markers: &[String]) -> (String, bool) {
    let mut out = h.to_string();
    let mut found = false;
    for mk in markers.iter().filter(|mk| !mk.is_empty()) {
        if out.contains(mk.as_str()) {
            found = true;
            out = out.replace(mk.as_str(), " ");
        }
    }
    (out, found)
}

/// The distinct texts of a year column → year and provisional flag (`prel_2016` → 2016, true).
/// Texts without a year give a null year, reported as "not a number" with their line.
fn year_labels(df: &DataFrame, column: &str, provisional: &[String]) -> Result<DataFrame> {
    let distinct = df
        .column(column)?
        .as_materialized_series()
        .cast(&DataType::String)?
        .unique_stable()?;
    let texts: Vec<Option<String>> = distinct.str()?.iter().map(|s| s.map(str::to_string)).collect();
    let parsed: Vec<Option<(i32, String, bool)>> = texts
        .iter()
        .map(|t| t.as_deref().and_then(|t| parse_header(t, provisional)))
        .collect();
    Ok(DataFrame::new_infer_height(vec![
        Column::new("year_text".into(), texts),
        Column::new(
            "cell_year".into(),
            parsed.iter().map(|p| p.as_ref().map(|x| x.0)).collect::<Vec<_>>(),
        ),
        Column::new(
            "cell_provisional".into(),
            parsed
                .iter()
                .map(|p| p.as_ref().is_some_and(|x| x.2))
                .collect::<Vec<_>>(),
        ),
    ])?)
}

/// The value columns of one file: column header → (year, series, scale, provisional).
struct ColumnSpec {
    column: Vec<String>,
    year: Vec<Option<i32>>,
    series: Vec<String>,
    scale: Vec<f64>,
    provisional: Vec<bool>,
    estimated: Vec<bool>,
}

fn convert(
    data_dir: &Path,
    areas: &Areas,
    mpath: &Path,
    m: &Mapping,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Imported>> {
    let folded: BTreeMap<String, String> = areas
        .list
        .iter()
        .flat_map(|a| [(fold(&a.name.en), a.code.clone()), (fold(&a.name.vi), a.code.clone())])
        .collect();
    let explicit: BTreeMap<String, String> = m.areas.iter().map(|(k, v)| (fold(k), v.clone())).collect();
    let skip: Vec<String> = m.skip_areas.iter().map(|s| fold(s)).collect();
    let variables: BTreeMap<String, &mapping::VariableSpec> = m.variables.iter().map(|(k, v)| (fold(k), v)).collect();
    let mut ignored = std::collections::BTreeSet::new();
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let mut parts: Vec<LazyFrame> = Vec::new();
    for f in &m.files {
        let path = data_dir.join(&f.path);
        let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
        let text = match crate::data::encoding::decode_utf8(&bytes) {
            Ok(t) => t,
            Err(p) => {
                diags.push(p.at_file(&path));
                continue;
            }
        };
        let body: String = text.split_inclusive('\n').skip(m.header_line - 1).collect();
        let df = crate::data::read_csv_text(&body, crate::data::sniff_separator(&body))
            .map_err(|e| Error::Other(format!("{}: {e}", display_path(&path))))?;
        let header: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|s| s.to_string())
            .filter(|s| s != "__line")
            .collect();
        let find = |name: &str| -> Option<String> {
            match name.parse::<usize>() {
                Ok(i) if i >= 1 && i <= header.len() => Some(header[i - 1].clone()),
                _ => header.iter().find(|h| fold(h) == fold(name)).cloned(),
            }
        };
        let Some(area_col) = find(&m.area_column) else {
            diags.push(
                Diagnostic::error("missing-column", format!("no area column `{}`", m.area_column))
                    .at(Location::at(&path, m.header_line, None))
                    .help(format!("columns: {}", header.join(", "))),
            );
            continue;
        };
        let year_col = m.year_column.as_deref().and_then(find);
        // Which columns hold values, for which year and series: decided from the header alone.
        let mut spec = ColumnSpec {
            column: vec![],
            year: vec![],
            series: vec![],
            scale: vec![],
            provisional: vec![],
            estimated: vec![],
        };
        for h in header
            .iter()
            .filter(|h| **h != area_col && Some(*h) != year_col.as_ref())
        {
            // Estimate markers ("Est. 2016") are taken off first, like provisional ones.
            let (header_text, est) = strip_markers(h, &m.estimated);
            let (year, label, prov) = match m.layout {
                Layout::Wide => match parse_header(&header_text, &m.provisional) {
                    Some((y, l, p)) => (Some(y), l, p),
                    None => {
                        ignored.insert(h.clone());
                        continue;
                    }
                },
                Layout::Columns => (f.year, h.trim().to_string(), false),
            };
            let Some(var) = variables.get(&fold(&label)) else {
                ignored.insert(if label.is_empty() { h.clone() } else { label });
                continue;
            };
            spec.column.push(h.clone());
            spec.year.push(year);
            spec.series.push(var.series().to_string());
            spec.scale.push(var.scale());
            spec.provisional.push(prov);
            spec.estimated.push(est);
        }
        if spec.column.is_empty() {
            continue;
        }
        if year_col.is_none() && spec.year.iter().any(Option::is_none) {
            diags.push(
                Diagnostic::error("missing-field", format!("the mapping gives no year for `{}`", f.path))
                    .at(Location::file(mpath))
                    .help("add `year:` to the file entry or `year_column:` to the mapping"),
            );
            continue;
        }
        let spec_df = DataFrame::new_infer_height(vec![
            Column::new("column".into(), spec.column.clone()),
            Column::new("spec_year".into(), spec.year.clone()),
            Column::new("series".into(), spec.series.clone()),
            Column::new("scale".into(), spec.scale.clone()),
            Column::new("provisional".into(), spec.provisional.clone()),
            Column::new("estimated".into(), spec.estimated.clone()),
        ])?;
        // Area labels → codes: the distinct labels only (a few hundred), with the first line of each.
        let labels = df
            .clone()
            .lazy()
            .group_by([col(area_col.as_str()).alias("label")])
            .agg([col("__line").min().alias("line")])
            .sort(["line"], SortMultipleOptions::default())
            .collect()?;
        let (mut lab, mut code) = (Vec::new(), Vec::new());
        let label_values = frame::str_values(&labels, "label")?;
        let label_lines = frame::i64_values(&labels, "line")?;
        for (label, line) in label_values.iter().zip(&label_lines) {
            let label = label.clone().unwrap_or_default();
            let key = fold(&label);
            if key.is_empty() || skip.contains(&key) {
                continue;
            }
            let found = match m.area_codes {
                Some(width) => {
                    let t = label.trim();
                    Some(if t.chars().all(|c| c.is_ascii_digit()) {
                        format!("{t:0>width$}")
                    } else {
                        t.to_string()
                    })
                }
                None => explicit.get(&key).or_else(|| folded.get(&key)).cloned(),
            };
            let line = line.unwrap_or(0) as usize + m.header_line - 1;
            match found {
                Some(c) if areas.contains(&c) => {
                    lab.push(label);
                    code.push(c);
                }
                Some(c) => diags.push(
                    Diagnostic::error("unknown-area", format!("area code `{c}` is not in areas.csv"))
                        .at(Location::at(&path, line, Some(1)))
                        .help("add the area to data/areas.csv, or list the label under `skip_areas:` in the mapping"),
                ),
                None => diags.push(
                    Diagnostic::error("unknown-area", format!("no area is named `{}`", label.trim()))
                        .at(Location::at(&path, line, Some(1)))
                        .help(format!(
                            "map it in {} under `areas:` (\"{}\": <code>) or list it under `skip_areas:`",
                            display_path(mpath),
                            label.trim()
                        )),
                ),
            }
        }
        let label_df =
            DataFrame::new_infer_height(vec![Column::new("label".into(), lab), Column::new("area".into(), code)])?;
        let mut index = vec![area_col.clone(), "__line".to_string()];
        index.extend(year_col.clone());
        let years = match &year_col {
            Some(c) => Some(year_labels(&df, c, &m.provisional)?),
            None => None,
        };
        let long = df
            .lazy()
            .unpivot(UnpivotArgsDSL {
                on: Some(cols(spec.column.clone())),
                index: cols(index),
                variable_name: Some("column".into()),
                value_name: Some("cell".into()),
            })
            .join(
                spec_df.lazy(),
                [col("column")],
                [col("column")],
                JoinArgs::new(JoinType::Inner),
            )
            .join(
                label_df.lazy(),
                [col(area_col.as_str())],
                [col("label")],
                JoinArgs::new(JoinType::Inner),
            );
        // Year cells ("2015", "prel_2016"): the distinct texts only, read like a header cell.
        let long = match (&year_col, years) {
            (Some(c), Some(years)) => long.join(
                years.lazy(),
                [col(c.as_str())],
                [col("year_text")],
                JoinArgs::new(JoinType::Left),
            ),
            _ => long.with_columns([
                lit(NULL).cast(DataType::Int32).alias("cell_year"),
                lit(false).alias("cell_provisional"),
            ]),
        };
        let year = col("spec_year").fill_null(col("cell_year"));
        let cell = col("cell").str().strip_chars(lit(NULL)).str().strip_chars(lit("\""));
        let mut is_missing = col("cell").is_null();
        for tok in &m.missing {
            is_missing = is_missing.or(cell.clone().eq(lit(tok.as_str())));
        }
        let typed = long
            .filter(is_missing.not())
            .select([
                col("series"),
                col("area"),
                year.alias("year"),
                cell.clone().cast(DataType::Float64).alias("raw_value"),
                col("scale"),
                col("provisional").or(col("cell_provisional").fill_null(lit(false))),
                col("estimated"),
                cell.alias("cell"),
                col("column"),
                (col("__line").cast(DataType::Int64) + lit(m.header_line as i64 - 1)).alias("line"),
            ])
            .collect()?;
        let bad = typed
            .clone()
            .lazy()
            .filter(col("raw_value").is_null().or(col("year").is_null()))
            .collect()?;
        if bad.height() > 0 {
            let cells = frame::str_values(&bad, "cell")?;
            let columns = frame::str_values(&bad, "column")?;
            let lines = frame::i64_values(&bad, "line")?;
            for i in 0..bad.height().min(10) {
                diags.push(
                    Diagnostic::error(
                        "not-a-number",
                        format!(
                            "`{}` in column `{}` is not a number",
                            cells[i].clone().unwrap_or_default(),
                            columns[i].clone().unwrap_or_default()
                        ),
                    )
                    .at(Location::at(&path, lines[i].unwrap_or(0) as usize, None))
                    .help("if it means \"no data\", add it to `missing:` in the mapping"),
                );
            }
            continue;
        }
        parts.push(typed.lazy());
    }
    if diags.iter().filter(|d| d.is_error()).count() > errors_before || parts.is_empty() {
        return Ok(None);
    }
    let (bs, by): (Vec<String>, Vec<i32>) = m
        .breaks
        .iter()
        .flat_map(|(s, ys)| ys.iter().map(move |y| (s.clone(), *y)))
        .unzip();
    let breaks = DataFrame::new_infer_height(vec![
        Column::new("series".into(), bs),
        Column::new("year".into(), by),
        Column::new("is_break".into(), vec![true; m.breaks.values().map(Vec::len).sum()]),
    ])?;
    let (ba, bay): (Vec<String>, Vec<i32>) = m
        .area_breaks
        .iter()
        .flat_map(|(a, ys)| ys.iter().map(move |y| (a.clone(), *y)))
        .unzip();
    let area_breaks = DataFrame::new_infer_height(vec![
        Column::new("area".into(), ba),
        Column::new("year".into(), bay),
        Column::new(
            "is_area_break".into(),
            vec![true; m.area_breaks.values().map(Vec::len).sum()],
        ),
    ])?;
    let base = m.base_status().code();
    let mut out = concat(parts, UnionArgs::default())?
        .join(
            breaks.lazy(),
            [col("series"), col("year")],
            [col("series"), col("year")],
            JoinArgs::new(JoinType::Left),
        )
        .join(
            area_breaks.lazy(),
            [col("area"), col("year")],
            [col("area"), col("year")],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            col("series"),
            col("area"),
            col("year"),
            // Undo binary noise from the scale (380.8 × 1000) at 9 decimals.
            (col("raw_value") * col("scale"))
                .round(9, RoundMode::HalfAwayFromZero)
                .alias("value"),
            when(
                col("is_break")
                    .fill_null(lit(false))
                    .or(col("is_area_break").fill_null(lit(false))),
            )
            .then(lit("B"))
            .when(col("provisional"))
            .then(lit("P"))
            .when(col("estimated"))
            .then(lit("E"))
            .otherwise(lit(base))
            .alias("status"),
            lit(m.source.as_str()).alias("source"),
            lit(m.vintage.clone().unwrap_or_default()).alias("vintage"),
        ])
        .sort(["series", "area", "year"], SortMultipleOptions::default())
        .collect()?;
    let per_series: BTreeMap<String, usize> = {
        let counts = out
            .clone()
            .lazy()
            .group_by([col("series")])
            .agg([len().alias("n")])
            .collect()?;
        frame::str_values(&counts, "series")?
            .into_iter()
            .zip(frame::i64_values(&counts, "n")?)
            .map(|(s, n)| (s.unwrap_or_default(), n.unwrap_or(0) as usize))
            .collect()
    };
    let output = data_dir.join(&m.output);
    if let Some(parent) = output.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    let mut buf = Vec::new();
    CsvWriter::new(&mut buf).include_header(true).finish(&mut out)?;
    crate::fsutil::write_atomic(&output, &buf)?;
    Ok(Some(Imported {
        mapping: mpath.to_path_buf(),
        output,
        rows: out.height(),
        per_series,
        ignored_columns: ignored.into_iter().collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_gso_tables() {
        let p = vec!["Prel.".to_string(), "Pre.".to_string()];
        assert_eq!(parse_header("2002 Doctor", &p), Some((2002, "Doctor".into(), false)));
        assert_eq!(parse_header("Total Prel. 2016", &p), Some((2016, "Total".into(), true)));
        assert_eq!(parse_header("Pre. 2016", &p), Some((2016, "".into(), true)));
        assert_eq!(
            parse_header("2010 (**) Proportion of forest coverage  (%)", &p),
            Some((2010, "Proportion of forest coverage (%)".into(), false))
        );
        assert_eq!(
            parse_header("2008(*) Area of forest", &p),
            Some((2008, "Area of forest".into(), false))
        );
        assert_eq!(parse_header("Cities, provincies", &p), None);
    }

    #[test]
    fn estimate_markers_and_year_cells() {
        let p = vec!["Prel.".to_string(), "Pre.".to_string(), "prel_".to_string()];
        let (h, est) = strip_markers("Total (Bill. Dongs) Est. 2016", &["Est.".to_string()]);
        assert!(est);
        assert_eq!(parse_header(&h, &p), Some((2016, "Total (Bill. Dongs)".into(), false)));
        assert!(!strip_markers("Total 2015", &["Est.".to_string()]).1);
        assert_eq!(parse_header("prel_2016", &p), Some((2016, "".into(), true)));
        assert_eq!(parse_header("X2014", &p), Some((2014, "X".into(), false)));
        assert_eq!(parse_header("Region", &p), None);
    }

    #[test]
    fn folding_matches_names() {
        assert_eq!(fold("Lai Châu"), "lai chau");
        assert_eq!(fold(" Quang  Nam"), "quang nam");
        assert_eq!(fold("Thừa Thiên-Huế"), "thua thien hue");
        assert_eq!(fold("Đồng Tháp"), "dong thap");
    }
}
