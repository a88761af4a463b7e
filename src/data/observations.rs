//! All observation files of the data folder, typed, checked against the catalogue and the areas,
//! with revisions resolved by vintage. One row per (series, area, year, dimensions) comes out.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::*;

use super::areas::Areas;
use super::files::{FILES_YAML, FileOptionsMap};
use super::typing::{self, Typed};
use super::{csv, xlsx};
use crate::catalog::{Aggregation, Catalog};
use crate::diagnostic::{Diagnostic, Location, display_path};
use crate::error::Result;
use crate::frame;

/// The resolved observations.
#[derive(Debug, Clone)]
pub struct Observations {
    /// series, area (categorical: small integer codes, see [`Codes`]), year (i32), dims…,
    /// value (f64), status (categorical), source, vintage (date), file (u32), line (u32)
    pub frame: DataFrame,
    pub dims: Vec<String>,
    /// `file` column values index this list.
    pub files: Vec<PathBuf>,
    /// No two rows share a key (series, area, year, dims): checked on load.
    pub unique_keys: bool,
}

/// The categorical types of the series and area columns. Each has a dictionary of its own, so that
/// codes stay small and a key packs into one integer ([`frame::packed_key`]); every file of a load
/// is coded with the same two, so that their frames concatenate. Compare these columns with texts
/// after casting the texts to the column's type (or cast the few rows left to text), never by
/// casting millions of rows back to text.
#[derive(Debug, Clone)]
pub struct Codes {
    pub series: DataType,
    pub area: DataType,
    pub status: DataType,
}

impl Codes {
    pub fn new() -> Codes {
        Codes {
            series: frame::local_categorical(),
            area: frame::local_categorical(),
            status: frame::local_categorical(),
        }
    }

    /// Give every series of the catalogue, every area and every status its code, in sorted order
    /// (casting values to a categorical type adds them to its dictionary).
    fn register(&self, catalog: &Catalog, areas: &Areas) -> Result<()> {
        let mut series: Vec<&str> = catalog.series.keys().map(String::as_str).collect();
        series.sort_unstable();
        let mut area: Vec<&str> = areas.list.iter().map(|a| a.code.as_str()).collect();
        area.sort_unstable();
        let status = ["A", "B", "E", "F", "P"];
        for (values, dtype) in [
            (series, &self.series),
            (area, &self.area),
            (status.to_vec(), &self.status),
        ] {
            let _ = Series::new("codes".into(), values).cast(dtype)?;
        }
        Ok(())
    }
}

impl Default for Codes {
    fn default() -> Self {
        Codes::new()
    }
}

impl Observations {
    pub fn file_name(&self, id: u32) -> String {
        self.files.get(id as usize).map(|p| display_path(p)).unwrap_or_default()
    }

    /// The key columns: series, area, year and the dimensions.
    pub fn key(&self) -> Vec<String> {
        let mut k = vec!["series".to_string(), "area".into(), "year".into()];
        k.extend(self.dims.iter().cloned());
        k
    }
}

/// Files at the top of the data folder that record figures kept out of the observations: values that
/// conflict with a loaded one, and published figures that are not annual observations (partial-year,
/// multi-year averages, bounds). They are read by `chitieu doc`, never loaded.
pub const RECORDS: [&str; 2] = ["conflicts.csv", "not-loaded.csv"];

/// Files under the data folder that hold observations (raw/ holds unconverted sources).
pub fn observation_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        if p.is_dir() {
            if dir == root && (name == "raw" || name == "import") {
                continue;
            }
            walk(root, &p, out);
            continue;
        }
        if dir == root && (name == "areas.csv" || name == FILES_YAML || RECORDS.contains(&name.as_str())) {
            continue;
        }
        let ext = p
            .extension()
            .and_then(|x| x.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "csv" | "parquet" | "xlsx") {
            out.push(p);
        }
    }
}

/// An observation file larger than this is refused before it is read: a CSV is held in memory
/// several times over while it is typed, so a bigger one would risk exhausting memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

pub struct LoadOptions {
    /// See the data as they stood on this date: later vintages are ignored.
    pub vintage: Option<NaiveDate>,
}

pub fn load(
    dir: &Path,
    catalog: &Catalog,
    areas: &Areas,
    options: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Observations> {
    let file_opts = FileOptionsMap::load(dir, diags);
    // Microdata tables are unit records, not observations: they are read by their own loader.
    let micro_files: Vec<PathBuf> = catalog
        .microdata
        .values()
        .map(|m| dir.join(&m.spec.file.value))
        .collect();
    let files: Vec<PathBuf> = observation_files(dir)
        .into_iter()
        .filter(|p| !micro_files.contains(p))
        .collect();
    let mut typed: Vec<Typed> = Vec::new();
    let codes = Codes::new();
    let _t = crate::timing::stage("read and type");
    // Files are typed side by side (most of the typing of one file runs on one core); every known
    // series, area and status is coded first, so that codes do not depend on which file came first.
    codes.register(catalog, areas)?;
    let read: Vec<(Result<Option<Typed>>, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .enumerate()
            .map(|(id, path)| {
                let rel = path
                    .strip_prefix(dir)
                    .map(display_path)
                    .unwrap_or_else(|_| display_path(path));
                let mut found = Vec::new();
                let t = read_one(path, id as u32, file_opts.get(&rel), &codes, &mut found);
                (t, found)
            })
            .collect()
    };
    for (t, found) in read {
        diags.extend(found);
        if let Some(t) = t? {
            typed.push(t);
        }
    }
    let mut dims: Vec<String> = typed.iter().flat_map(|t| t.dims.iter().cloned()).collect();
    dims.sort();
    dims.dedup();
    let mut files = files;
    let mut extra = Vec::new();
    let micro = super::microdata::load(dir, catalog, &dims, files.len() as u32, &mut extra, diags)?;
    files.extend(extra);
    drop(_t);
    finish(typed, micro, dims, files, &codes, catalog, areas, options, diags)
}

/// Type and check one CSV file held in memory, against the catalogue and the areas, exactly as
/// `load` does for each file of the data folder. No file is read; for tests and the fuzzers.
pub fn check_csv_bytes(
    path: &Path,
    bytes: &[u8],
    opts: Option<&super::files::FileOptions>,
    catalog: &Catalog,
    areas: &Areas,
) -> Result<(Observations, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    let mut typed = Vec::new();
    if let Some((raw, text)) = read_csv_bytes(path, bytes, &mut diags)
        && let Some(raw) = typing::normalise_header(raw, path, &mut diags)
        && let Some(t) = typing::type_file(raw, 0, path, opts, Some(&text), &mut diags)?
    {
        typed.push(t);
    }
    let dims = typed.first().map(|t| t.dims.clone()).unwrap_or_default();
    let options = LoadOptions { vintage: None };
    let obs = finish(
        typed,
        Vec::new(),
        dims,
        vec![path.to_path_buf()],
        &Codes::new(),
        catalog,
        areas,
        &options,
        &mut diags,
    )?;
    Ok((obs, diags))
}

/// Whether the fast path for clean CSV files (`fast.rs`) types a file exactly as the full typing
/// does, for the fuzzers and tests: None when the fast path declines the file (the full typing runs
/// then anyway), Some(false) for a file it accepts but the full typing rejects or types otherwise.
#[doc(hidden)]
pub fn fast_path_agrees(bytes: &[u8], opts: Option<&super::files::FileOptions>) -> Result<Option<bool>> {
    let Ok(text) = super::encoding::decode_utf8(bytes) else {
        return Ok(None);
    };
    let Some(fast) = super::fast::csv(text, 0, opts, &Codes::new())? else {
        return Ok(None);
    };
    let path = Path::new("obs.csv");
    let mut diags = Vec::new();
    let full = match read_csv_bytes(path, bytes, &mut diags) {
        Some((raw, text)) => match typing::normalise_header(raw, path, &mut diags) {
            Some(raw) => typing::type_file(raw, 0, path, opts, Some(&text), &mut diags)?,
            None => None,
        },
        None => None,
    };
    let Some(full) = full.filter(|_| !diags.iter().any(Diagnostic::is_error)) else {
        return Ok(Some(false));
    };
    Ok(Some(fast.dims == full.dims && same_rows(&fast.frame, &full.frame)?))
}

/// The same columns (by name), types and values, nulls included. Categorical columns are compared
/// as text: the two typing paths code series, area and status in dictionaries of their own.
fn same_rows(a: &DataFrame, b: &DataFrame) -> Result<bool> {
    let as_text = |df: &DataFrame| -> Result<DataFrame> {
        let mut cols = df
            .columns()
            .iter()
            .map(|c| match c.dtype().is_categorical() {
                true => c.cast(&DataType::String),
                false => Ok(c.clone()),
            })
            .collect::<PolarsResult<Vec<Column>>>()?;
        cols.sort_by(|x, y| x.name().cmp(y.name()));
        Ok(DataFrame::new_infer_height(cols)?)
    };
    let (a, b) = (as_text(a)?, as_text(b)?);
    // Types too: polars' frame equality lets numeric types differ.
    Ok(a.schema() == b.schema() && a.equals_missing(&b))
}

/// Every file's typed rows in one frame, checked as a whole (names, signs, duplicates), with
/// revisions resolved.
#[allow(clippy::too_many_arguments)]
fn finish(
    typed: Vec<Typed>,
    micro: Vec<LazyFrame>,
    dims: Vec<String>,
    files: Vec<PathBuf>,
    codes: &Codes,
    catalog: &Catalog,
    areas: &Areas,
    options: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<Observations> {
    let _t = crate::timing::stage("concatenate");
    let frame = if typed.is_empty() && micro.is_empty() {
        empty_frame(&dims, codes)?
    } else {
        let mut lfs: Vec<LazyFrame> = typed.into_iter().map(|t| align(t.frame.lazy(), &dims, codes)).collect();
        lfs.extend(micro.into_iter().map(|m| align(m, &dims, codes)));
        concat(lfs, UnionArgs::default())?.collect()?
    };
    drop(_t);
    let mut obs = Observations {
        frame,
        dims,
        files,
        unique_keys: false,
    };
    {
        let _t = crate::timing::stage("check names");
        check_names(&obs, catalog, areas, diags)?;
    }
    {
        let _t = crate::timing::stage("check signs");
        check_signs(&obs, catalog, diags)?;
    }
    let _t = crate::timing::stage("check duplicates");
    let unique = check_duplicates(&obs, diags)?;
    drop(_t);
    let (frame, resolved) = resolve_vintages(&obs, options.vintage)?;
    obs.frame = frame;
    obs.unique_keys = unique || resolved;
    Ok(obs)
}

/// A CSV file's bytes as text columns (and its text, for showing lines), or what is wrong with it.
fn read_csv_bytes(path: &Path, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<(DataFrame, String)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        diags.push(
            Diagnostic::error("empty-file", "the file is empty")
                .at(Location::file(path))
                .help("remove it, or write the header `series,area,year,value` and the observations"),
        );
        return None;
    }
    let text = match super::encoding::decode_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(p) => {
            diags.push(p.at_file(path));
            return None;
        }
    };
    let separator = csv::sniff_separator(&text);
    match csv::read(&text, separator) {
        Ok(df) => Some((df, text)),
        Err(e) => {
            diags.push(csv::syntax_diagnostic(path, &text, separator, &e));
            None
        }
    }
}

fn read_one(
    path: &Path,
    id: u32,
    opts: Option<&super::files::FileOptions>,
    codes: &Codes,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Typed>> {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(
                "input-too-large",
                format!(
                    "the file holds {} MB; an observation file may hold at most {} MB",
                    size / 1024 / 1024,
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )
            .at(Location::file(path))
            .help("split it into several files (one per series or per year), or write it as Parquet, which is smaller"),
        );
        return Ok(None);
    }
    let (raw, text) = match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).map_err(|e| crate::error::Error::io("read", path, e))?;
            if let Ok(t) = super::encoding::decode_utf8(&bytes)
                && let Some(typed) = super::fast::csv(t, id, opts, codes)?
            {
                return Ok(Some(typed));
            }
            match read_csv_bytes(path, &bytes, diags) {
                Some((df, text)) => (df, Some(text)),
                None => return Ok(None),
            }
        }
        "xlsx" => match xlsx::read(path, opts.and_then(|o| o.sheet.as_deref())) {
            Ok(df) => (df, None),
            Err(d) => {
                diags.push(d);
                return Ok(None);
            }
        },
        _ => {
            // Key columns read straight into codes where the file allows it (`parquet_codes.rs`).
            let coded = super::parquet_codes::read(path, codes);
            if let Some(df) = &coded
                && let Some(typed) = super::fast::typed(df, id, opts, codes)?
            {
                return Ok(Some(typed));
            }
            match read_parquet(path) {
                Ok(df) => {
                    // The fast path has seen the file already if its keys could be read as codes.
                    if coded.is_none()
                        && let Some(typed) = super::fast::typed(&df, id, opts, codes)?
                    {
                        return Ok(Some(typed));
                    }
                    (df, None)
                }
                Err(d) => {
                    diags.push(d);
                    return Ok(None);
                }
            }
        }
    };
    let Some(raw) = typing::normalise_header(raw, path, diags) else {
        return Ok(None);
    };
    typing::type_file(raw, id, path, opts, text.as_deref(), diags)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn read_parquet(path: &Path) -> Result<DataFrame, Diagnostic> {
    let bad = |msg: String| {
        Diagnostic::error("invalid-parquet", msg)
            .at(Location::file(path))
            .help("write the file with columns series (text), area (text), year (integer), value (number)")
    };
    let p = PlRefPath::try_from_path(path).map_err(|e| bad(format!("cannot open: {e}")))?;
    let mut lf = LazyFrame::scan_parquet(p, ScanArgsParquet::default())
        .map_err(|e| bad(format!("not a readable Parquet file: {}", first_line(&e.to_string()))))?;
    let names = lf
        .collect_schema()
        .map_err(|e| bad(format!("not a readable Parquet file: {}", first_line(&e.to_string()))))?;
    if names
        .iter_names()
        .any(|n| n.eq_ignore_ascii_case(super::csv::LINE_COLUMN))
    {
        return Err(bad(format!(
            "the column name `{}` is reserved by chitieu (it holds the row numbers)",
            super::csv::LINE_COLUMN
        )));
    }
    let df = lf
        .with_row_index("__line", Some(1))
        .collect()
        .map_err(|e| bad(format!("not a readable Parquet file: {}", first_line(&e.to_string()))))?;
    let schema = df.schema();
    let kind_ok = |name: &str, ok: fn(&DataType) -> bool| schema.get(name).is_none_or(ok);
    let text = |d: &DataType| matches!(d, DataType::String | DataType::Categorical(..)) || d.is_integer();
    if !kind_ok("series", text)
        || !kind_ok("area", text)
        || !kind_ok("year", |d| d.is_integer() || d.is_float() || d == &DataType::String)
        || !kind_ok("value", |d| d.is_primitive_numeric() || d == &DataType::String)
    {
        let found: Vec<String> = schema
            .iter()
            .filter(|(n, _)| n.as_str() != "__line")
            .map(|(n, d)| format!("{n}: {d}"))
            .collect();
        return Err(bad(format!("wrong column types ({})", found.join(", "))));
    }
    Ok(df)
}

/// The common layout of the observation frames; series and area coded (a no-op on the frames of the
/// fast path, which are coded already).
fn align(mut lf: LazyFrame, dims: &[String], codes: &Codes) -> LazyFrame {
    let names: Vec<String> = lf
        .collect_schema()
        .map(|s| s.iter_names().map(|n| n.to_string()).collect())
        .unwrap_or_default();
    let mut sel = vec![
        col("series").cast(codes.series.clone()),
        col("area").cast(codes.area.clone()),
        col("year"),
    ];
    for d in dims {
        if names.contains(d) {
            sel.push(col(d.as_str()));
        } else {
            sel.push(lit("").alias(d.as_str()));
        }
    }
    sel.extend([
        col("value"),
        col("status").cast(codes.status.clone()),
        col("source"),
        col("vintage"),
        col("file"),
        col("line"),
    ]);
    lf.select(sel)
}

fn empty_frame(dims: &[String], codes: &Codes) -> Result<DataFrame> {
    let mut cols = vec![
        Column::new_empty("series".into(), &codes.series),
        Column::new_empty("area".into(), &codes.area),
        Column::new_empty("year".into(), &DataType::Int32),
    ];
    for d in dims {
        cols.push(Column::new_empty(d.as_str().into(), &DataType::String));
    }
    cols.extend([
        Column::new_empty("value".into(), &DataType::Float64),
        Column::new_empty("status".into(), &codes.status),
        Column::new_empty("source".into(), &DataType::String),
        Column::new_empty("vintage".into(), &DataType::Date),
        Column::new_empty("file".into(), &DataType::UInt32),
        Column::new_empty("line".into(), &DataType::UInt32),
    ]);
    Ok(DataFrame::new_infer_height(cols)?)
}

fn place(obs: &Observations, file: Option<i64>, line: Option<i64>) -> Location {
    let path = obs.files.get(file.unwrap_or(0) as usize).cloned().unwrap_or_default();
    Location::at(&path, line.unwrap_or(0) as usize, None)
}

/// Unknown series and areas, listed once per name with the first place it occurs.
fn check_names(obs: &Observations, catalog: &Catalog, areas: &Areas, diags: &mut Vec<Diagnostic>) -> Result<()> {
    let known_series: Vec<String> = catalog.data_series().map(str::to_string).collect();
    let known_areas: Vec<String> = areas.codes().map(str::to_string).collect();
    for (field, known) in [("series", &known_series), ("area", &known_areas)] {
        if (field == "area" && areas.list.is_empty()) || (field == "series" && !catalog.complete) {
            continue;
        }
        // The dictionary of the coded names, else one pass over the distinct names; the listing
        // below runs only when one is unknown.
        let column = obs.frame.column(field)?;
        let set: std::collections::HashSet<&str> = known.iter().map(String::as_str).collect();
        if column.null_count() == 0
            && frame::dictionary(column)?.is_some_and(|d| d.iter().all(|x| set.contains(x.as_str())))
        {
            continue;
        }
        let distinct = frame::distinct_text(column)?;
        if distinct.iter().all(|d| d.as_deref().is_some_and(|x| set.contains(x))) {
            continue;
        }
        let known_df = DataFrame::new_infer_height(vec![Column::new(field.into(), known.clone())])?;
        let unknown = obs
            .frame
            .clone()
            .lazy()
            .with_column(col(field).cast(DataType::String))
            .join(
                known_df.lazy(),
                [col(field)],
                [col(field)],
                JoinArgs::new(JoinType::Anti),
            )
            .group_by([col(field)])
            .agg([col("file").first(), col("line").first(), len().alias("n")])
            .sort([field], SortMultipleOptions::default())
            .collect()?;
        let names = frame::str_values(&unknown, field)?;
        let files = frame::i64_values(&unknown, "file")?;
        let lines = frame::i64_values(&unknown, "line")?;
        let counts = frame::i64_values(&unknown, "n")?;
        for i in 0..unknown.height() {
            let name = names[i].clone().unwrap_or_default();
            let n = counts[i].unwrap_or(0);
            let rows = if n > 1 { format!(" ({n} rows)") } else { String::new() };
            let (code, help) = if field == "series" {
                let h = crate::suggest::did_you_mean(&name, known.iter().map(String::as_str)).unwrap_or_else(|| {
                    "declare it under `series:` in the catalogue (indicators/), or mark the indicator `reported: true`".into()
                });
                ("unknown-series", h)
            } else {
                let h = areas
                    .suggest(&name)
                    .unwrap_or_else(|| "add the area to data/areas.csv".into());
                ("unknown-area", h)
            };
            diags.push(
                Diagnostic::error(code, format!("unknown {field} `{name}`{rows}"))
                    .at(place(obs, files[i], lines[i]))
                    .help(help),
            );
        }
    }
    Ok(())
}

/// Counts cannot be negative.
fn check_signs(obs: &Observations, catalog: &Catalog, diags: &mut Vec<Diagnostic>) -> Result<()> {
    if !catalog.complete {
        return Ok(());
    }
    let counts: Vec<String> = catalog
        .series
        .iter()
        .filter(|(_, d)| d.spec.aggregate.value == Aggregation::Sum && !d.spec.allow_negative)
        .map(|(k, _)| k.clone())
        .collect();
    if counts.is_empty() {
        return Ok(());
    }
    let counts_df = DataFrame::new_infer_height(vec![Column::new("series".into(), counts)])?;
    let neg = obs
        .frame
        .clone()
        .lazy()
        .filter(col("value").lt(lit(0.0)))
        .with_column(col("series").cast(DataType::String))
        .join(
            counts_df.lazy(),
            [col("series")],
            [col("series")],
            JoinArgs::new(JoinType::Semi),
        )
        .sort(["file", "line"], SortMultipleOptions::default())
        .collect()?;
    let series = frame::str_values(&neg, "series")?;
    let values = frame::f64_values(&neg, "value")?;
    let files = frame::i64_values(&neg, "file")?;
    let lines = frame::i64_values(&neg, "line")?;
    for i in 0..neg.height().min(20) {
        let s = series[i].clone().unwrap_or_default();
        diags.push(
            Diagnostic::error(
                "negative-count",
                format!(
                    "`{s}` is a count but has the negative value {}",
                    values[i].unwrap_or(0.0)
                ),
            )
            .at(place(obs, files[i], lines[i]))
            .help(format!(
                "check the sign; if `{s}` can really be negative, set `allow_negative: true` on the series"
            )),
        );
    }
    if neg.height() > 20 {
        diags.push(Diagnostic::error(
            "negative-count",
            format!("… and {} more negative counts", neg.height() - 20),
        ));
    }
    Ok(())
}

/// Two values for one key are allowed only with different vintages. True when no key (vintage
/// aside) is seen twice.
fn check_duplicates(obs: &Observations, diags: &mut Vec<Diagnostic>) -> Result<bool> {
    // Most data have none: one pass over the coded keys says so; the listing runs only when needed.
    let mut columns = obs.key();
    if frame::n_distinct(&obs.frame, &columns)? == obs.frame.height() {
        return Ok(true);
    }
    columns.push("vintage".into());
    if frame::n_distinct(&obs.frame, &columns)? == obs.frame.height() {
        return Ok(false);
    }
    let mut key: Vec<Expr> = obs.key().iter().map(|k| col(k.as_str())).collect();
    key.push(col("vintage"));
    // Both places in one integer, so that min and max name the first two rows deterministically.
    let pos = (col("file").cast(DataType::UInt64) * lit(1u64 << 32)) + col("line").cast(DataType::UInt64);
    let dups = obs
        .frame
        .clone()
        .lazy()
        .group_by(key)
        .agg([
            len().alias("n"),
            pos.clone().min().alias("a"),
            pos.max().alias("b"),
            col("value").min().alias("va"),
            col("value").max().alias("vb"),
        ])
        .filter(col("n").gt(lit(1)))
        .sort(["a"], SortMultipleOptions::default())
        .collect()?;
    if dups.height() == 0 {
        return Ok(false);
    }
    let s = frame::str_values(&dups, "series")?;
    let a = frame::str_values(&dups, "area")?;
    let y = frame::i64_values(&dups, "year")?;
    let pa = frame::i64_values(&dups, "a")?;
    let pb = frame::i64_values(&dups, "b")?;
    let dims: Vec<Vec<Option<String>>> = obs
        .dims
        .iter()
        .map(|d| frame::str_values(&dups, d))
        .collect::<Result<_>>()?;
    let split = |p: Option<i64>| {
        let p = p.unwrap_or(0);
        (p >> 32, p & 0xFFFF_FFFF)
    };
    for i in 0..dups.height().min(20) {
        let (fa, la) = split(pa[i]);
        let (fb, lb) = split(pb[i]);
        let dim_txt: Vec<String> = obs
            .dims
            .iter()
            .zip(&dims)
            .filter_map(|(d, v)| v[i].clone().filter(|x| !x.is_empty()).map(|x| format!("{d}={x}")))
            .collect();
        let dim_txt = if dim_txt.is_empty() {
            String::new()
        } else {
            format!(", {}", dim_txt.join(", "))
        };
        let other = place(obs, Some(fb), Some(lb));
        diags.push(
            Diagnostic::error(
                "duplicate-observation",
                format!(
                    "two values for {} in area {}, {}{dim_txt}: here and at {other}",
                    s[i].clone().unwrap_or_default(),
                    a[i].clone().unwrap_or_default(),
                    y[i].unwrap_or(0)
                ),
            )
            .at(place(obs, Some(fa), Some(la)))
            .help("keep one row, or give each a different `vintage` (publication date) so the newest is used and the other is kept as a revision"),
        );
    }
    if dups.height() > 20 {
        diags.push(Diagnostic::error(
            "duplicate-observation",
            format!("… and {} more duplicated keys", dups.height() - 20),
        ));
    }
    Ok(false)
}

/// The newest vintage wins; with a date, only vintages up to it count (undated rows always count).
/// True when the frame was made unique by key.
fn resolve_vintages(obs: &Observations, as_of: Option<NaiveDate>) -> Result<(DataFrame, bool)> {
    let has_vintages = obs.frame.column("vintage")?.null_count() < obs.frame.height();
    if !has_vintages {
        return Ok((obs.frame.clone(), false));
    }
    let mut lf = obs.frame.clone().lazy();
    if let Some(d) = as_of {
        lf = lf.filter(col("vintage").is_null().or(col("vintage").lt_eq(lit(d))));
    }
    let resolved = lf
        .sort(
            ["vintage"],
            SortMultipleOptions::default()
                .with_nulls_last(false)
                .with_maintain_order(true),
        )
        .unique_stable(Some(cols(obs.key())), UniqueKeepStrategy::Last)
        .collect()?;
    Ok((resolved, true))
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::{fast_path_agrees, same_rows};
    use crate::frame::local_categorical;

    #[test]
    fn rows_compare_by_text_type_and_value() {
        let frame = |area: Column, year: Column| DataFrame::new_infer_height(vec![area, year]).unwrap();
        let text = Column::new("area".into(), ["a", "b"]);
        let coded = text.cast(&local_categorical()).unwrap();
        let y32 = Column::new("year".into(), [2020i32, 2021]);
        // The same text, coded or not, in any column order: the same rows.
        assert!(same_rows(&frame(text.clone(), y32.clone()), &frame(coded.clone(), y32.clone())).unwrap());
        let swapped = DataFrame::new_infer_height(vec![y32.clone(), coded]).unwrap();
        assert!(same_rows(&frame(text.clone(), y32.clone()), &swapped).unwrap());
        // Another type or another value: not.
        let y64 = Column::new("year".into(), [2020i64, 2021]);
        assert!(!same_rows(&frame(text.clone(), y32.clone()), &frame(text.clone(), y64)).unwrap());
        let other = Column::new("year".into(), [2020i32, 2022]);
        assert!(!same_rows(&frame(text.clone(), y32), &frame(text, other)).unwrap());
    }

    #[test]
    fn the_fast_path_types_clean_files_as_the_full_typing_does() {
        let files = [
            "series,area,year,value,status\ndoctors,a,2020,12,A\npopulation,a,2020,1000.5,E\n",
            // A blank status is A; an empty value is no observation.
            "series,area,year,value,status\ndoctors,a,2020,12,\ndoctors,b,2021,,P\n",
            // A dimension, and no status column at all.
            "series,area,year,sex,value\ndoctors,a,2020,f,3\ndoctors,a,2020,m,4\n",
            "series;area;year;value\ndoctors;a;2020;-1\n",
            // Quoted cells (series, area and status are read straight into codes), a quoted empty
            // status, a separator inside quotes.
            "series,area,year,value,status\n\"doctors\",\"a\",2020,12,\"\"\n\"doc,tors\",\"b\",2021,1,\"E\"\n",
        ];
        for f in files {
            assert_eq!(fast_path_agrees(f.as_bytes(), None).unwrap(), Some(true), "{f}");
        }
    }

    #[test]
    fn the_fast_path_declines_what_needs_the_full_typing() {
        let files = [
            "series,area,year,value\ndoctors, a,2020,12\n",
            "series,area,year,value,status\ndoctors,a,2020,12,X\n",
            "series,area,year,value\ndoctors,a,twenty,12\n",
            "series,area,year,value,vintage\ndoctors,a,2020,12,2024-01-01\n",
            // No series, or no area: the full typing says where.
            "series,area,year,value\n,a,2020,12\n",
            "series,area,year,value\ndoctors,\"\",2020,12\n",
        ];
        for f in files {
            assert_eq!(fast_path_agrees(f.as_bytes(), None).unwrap(), None, "{f}");
        }
    }
}
