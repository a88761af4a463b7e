//! Series from unit records: Σ weight × value per area × year over a household or person table,
//! scanned lazily and run on polars' streaming engine so a table larger than memory never has to be
//! loaded whole.

use std::path::Path;

use polars::prelude::*;

use crate::catalog::{Catalog, yaml};
use crate::diagnostic::{Diagnostic, Location, display_path};
use crate::error::Result;

/// Scan a microdata file lazily (Parquet or CSV by extension).
pub fn scan(path: &Path) -> PolarsResult<LazyFrame> {
    let p = PlRefPath::try_from_path(path)?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        LazyCsvReader::new(p)
            .with_has_header(true)
            .with_infer_schema_length(Some(10_000))
            .finish()
    } else {
        LazyFrame::scan_parquet(p, ScanArgsParquet::default())
    }
}

/// The weighted series of every microdata table, in the observation layout (`series, area, year,
/// dims…, value, status, source, vintage, file, line`); each table gets a file id from `first_file`.
pub fn load(
    dir: &Path,
    catalog: &Catalog,
    dims: &[String],
    first_file: u32,
    files: &mut Vec<std::path::PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<LazyFrame>> {
    let mut out = Vec::new();
    for (table_id, def) in &catalog.microdata {
        let t = &def.spec;
        let yaml_path = catalog.path_of(def);
        let text = catalog.text_of(def);
        let series: Vec<_> = catalog
            .series
            .values()
            .filter(|s| s.spec.microdata.as_ref().is_some_and(|m| &m.table.value == table_id))
            .collect();
        if series.is_empty() {
            continue;
        }
        let path = dir.join(&t.file.value);
        if !path.is_file() {
            diags.push(
                yaml::diag_at(
                    Diagnostic::error(
                        "missing-file",
                        format!("microdata file `{}` not found", display_path(&path)),
                    ),
                    yaml_path,
                    text,
                    &t.file,
                    t.file.value.chars().count(),
                )
                .help("the path is relative to the data folder"),
            );
            continue;
        }
        let lf = match scan(&path) {
            Ok(lf) => lf,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "invalid-microdata",
                        format!("cannot read the microdata file: {}", first_line(&e.to_string())),
                    )
                    .at(Location::file(&path)),
                );
                continue;
            }
        };
        let schema = match lf.clone().collect_schema() {
            Ok(s) => s,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "invalid-microdata",
                        format!("cannot read the microdata file: {}", first_line(&e.to_string())),
                    )
                    .at(Location::file(&path)),
                );
                continue;
            }
        };
        let columns: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
        let mut ok = true;
        for c in [Some(&t.area), Some(&t.year), t.weight.as_ref()].into_iter().flatten() {
            if !columns.contains(c) {
                diags.push(
                    yaml::diag_at(
                        Diagnostic::error(
                            "missing-column",
                            format!("microdata table `{table_id}` has no column `{c}`"),
                        ),
                        yaml_path,
                        text,
                        &t.id,
                        table_id.chars().count(),
                    )
                    .help_opt(crate::suggest::did_you_mean(c, columns.iter().map(String::as_str)))
                    .help_opt(Some(format!(
                        "columns of {}: {}",
                        display_path(&path),
                        columns.join(", ")
                    ))),
                );
                ok = false;
            }
        }
        let weight = t
            .weight
            .as_ref()
            .map(|w| col(w.as_str()).cast(DataType::Float64))
            .unwrap_or(lit(1.0));
        let mut aggs = Vec::new();
        for s in &series {
            let Some(m) = &s.spec.microdata else { continue };
            let value = match &m.value {
                Some(v) => compiled(v, &columns, catalog.path_of(s), catalog.text_of(s), diags),
                None => Some(lit(1.0)),
            };
            let filter = match &m.filter {
                Some(f) => compiled(f, &columns, catalog.path_of(s), catalog.text_of(s), diags),
                None => Some(lit(true)),
            };
            let (Some(value), Some(filter)) = (value, filter) else {
                ok = false;
                continue;
            };
            let term = when(filter.fill_null(lit(false)))
                .then(weight.clone() * value.cast(DataType::Float64))
                .otherwise(lit(0.0));
            // Exact Σ: the same records give the same bits on every run and from CSV or Parquet.
            aggs.push(crate::frame::exact_sum_strict(term).alias(s.spec.id.value.as_str()));
        }
        if !ok || aggs.is_empty() {
            continue;
        }
        let file_id = first_file + files.len() as u32;
        files.push(path.clone());
        let names: Vec<String> = series.iter().map(|s| s.spec.id.value.clone()).collect();
        let grouped = lf
            .filter(
                col(t.area.as_str())
                    .is_not_null()
                    .and(col(t.year.as_str()).is_not_null()),
            )
            .group_by([
                col(t.area.as_str()).cast(DataType::String).alias("area"),
                col(t.year.as_str()).cast(DataType::Int32).alias("year"),
            ])
            .agg(aggs);
        // One `collect` is one sink: the result is always `Single` (`Multiple` needs collect_all).
        let df = match grouped
            .collect_with_engine(Engine::Streaming)
            .map(|r| r.unwrap_single())
        {
            Ok(df) => df,
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "invalid-microdata",
                        format!(
                            "cannot compute the series of `{table_id}`: {}",
                            first_line(&e.to_string())
                        ),
                    )
                    .at(Location::file(&path))
                    .help("check the column types: the weight and the values must be numbers, the year an integer"),
                );
                continue;
            }
        };
        let source = format!(
            "microdata {} ({}Σ over records)",
            display_path(&path),
            t.weight.as_ref().map(|w| format!("{w}-weighted ")).unwrap_or_default()
        );
        let mut sel = vec![col("series"), col("area"), col("year")];
        sel.extend(dims.iter().map(|d| lit("").alias(d.as_str())));
        sel.extend([
            col("value"),
            lit("A").alias("status"),
            lit(source.as_str()).alias("source"),
            lit(NULL).cast(DataType::Date).alias("vintage"),
            lit(file_id).cast(DataType::UInt32).alias("file"),
            lit(0u32).alias("line"),
        ]);
        let long = df
            .lazy()
            .unpivot(UnpivotArgsDSL {
                on: Some(cols(names)),
                index: cols(["area", "year"]),
                variable_name: Some("series".into()),
                value_name: Some("value".into()),
            })
            .select(sel);
        out.push(long);
    }
    Ok(out)
}

/// A per-record expression, with its names checked against the table's columns.
fn compiled(
    e: &serde_saphyr::Spanned<String>,
    columns: &[String],
    path: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Expr> {
    let f = crate::formula::compile(&e.value).ok()?;
    let mut ok = true;
    for n in &f.names {
        if !columns.contains(n) {
            let col_no = yaml::inner_column(text, e) + crate::formula::find_name(&e.value, n).unwrap_or(0);
            diags.push(
                Diagnostic::error("unknown-column", format!("the microdata table has no column `{n}`"))
                    .at(Location::at(path, e.referenced.line() as usize, Some(col_no)))
                    .with_source(text, n.chars().count())
                    .help_opt(crate::suggest::did_you_mean(n, columns.iter().map(String::as_str))),
            );
            ok = false;
        }
    }
    ok.then_some(f.expr)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}
