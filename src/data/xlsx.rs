//! Observation sheets in Excel workbooks. A workbook is a zip archive: its declared size is checked
//! before anything is expanded, so a zip bomb is refused instead of exhausting memory.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use polars::prelude::*;

use crate::diagnostic::{Diagnostic, Location};

/// Refuse workbooks that would expand past this many bytes.
pub const MAX_EXPANDED_BYTES: u64 = 512 * 1024 * 1024;

/// Check that the file is a zip whose entries expand to a sane size.
pub fn check_archive(path: &Path) -> Result<(), Diagnostic> {
    check_archive_limit(path, MAX_EXPANDED_BYTES)
}

fn too_large(path: &Path, limit: u64) -> Diagnostic {
    Diagnostic::error(
        "input-too-large",
        format!(
            "the workbook expands to more than {} MB (the limit for a workbook; a zip bomb looks like this)",
            limit / 1024 / 1024
        ),
    )
    .at(Location::file(path))
    .help("split the data into several files or export it as CSV or Parquet")
}

/// The sizes the archive declares are checked first (nothing is expanded); then every entry is
/// expanded into nothing, counting, so an archive that lies about its sizes is caught too.
fn check_archive_limit(path: &Path, limit: u64) -> Result<(), Diagnostic> {
    let file = std::fs::File::open(path).map_err(|e| {
        Diagnostic::error("unreadable-file", format!("cannot open the workbook: {e}")).at(Location::file(path))
    })?;
    let mut zip = ::zip::ZipArchive::new(file).map_err(|_| {
        Diagnostic::error("invalid-xlsx", "the file is not a valid .xlsx workbook (it is not a zip archive)")
            .at(Location::file(path))
            .help("it may be an old .xls file or a CSV renamed to .xlsx: open it in Excel and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"")
    })?;
    let damaged = |e: &dyn std::fmt::Display| {
        Diagnostic::error("invalid-xlsx", format!("the workbook archive is damaged: {e}"))
            .at(Location::file(path))
            .help("open it in Excel and save it again as \"Excel Workbook (.xlsx)\"")
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        total = total.saturating_add(entry.size());
        if total > limit {
            return Err(too_large(path, limit));
        }
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| damaged(&e))?;
        let mut limited = std::io::Read::take(entry, limit - total + 1);
        let n = std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| damaged(&e))?;
        total = total.saturating_add(n);
        if total > limit {
            return Err(too_large(path, limit));
        }
    }
    Ok(())
}

fn cell_text(d: &Data) -> Option<String> {
    match d {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Float(f) => Some(f.to_string()),
        Data::Int(i) => Some(i.to_string()),
        Data::Bool(b) => Some(b.to_string()),
        Data::DateTime(dt) => Some(dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(e) => Some(format!("#{e:?}")),
    }
}

/// Read one sheet as text columns; `__line` is the sheet row number.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<DataFrame, Diagnostic> {
    check_archive(path)?;
    let mut wb: Xlsx<_> = open_workbook(path).map_err(|e| {
        Diagnostic::error("invalid-xlsx", format!("cannot read the workbook: {e}")).at(Location::file(path))
    })?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => {
            return Err(
                Diagnostic::error("unknown-sheet", format!("the workbook has no sheet `{s}`"))
                    .at(Location::file(path))
                    .help_opt(crate::suggest::did_you_mean(s, names.iter().map(String::as_str)))
                    .help_opt(Some(format!("sheets: {}", names.join(", ")))),
            );
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::error("empty-file", "the workbook has no sheet").at(Location::file(path)))?,
    };
    let range = wb.worksheet_range(&name).map_err(|e| {
        Diagnostic::error("invalid-xlsx", format!("cannot read sheet `{name}`: {e}")).at(Location::file(path))
    })?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(Diagnostic::error("empty-file", format!("sheet `{name}` is empty")).at(Location::file(path)));
    };
    let header: Vec<String> = header.iter().map(|c| cell_text(c).unwrap_or_default()).collect();
    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); header.len()];
    let mut lines: Vec<u32> = Vec::new();
    for (i, row) in rows.enumerate() {
        if row.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        lines.push((first_row + i + 2) as u32);
        for (j, col) in columns.iter_mut().enumerate() {
            col.push(row.get(j).and_then(cell_text));
        }
    }
    let mut cols: Vec<Column> = Vec::with_capacity(header.len() + 1);
    for (h, values) in header.iter().zip(columns) {
        cols.push(Column::new(h.as_str().into(), values));
    }
    cols.push(Column::new("__line".into(), lines));
    DataFrame::new_infer_height(cols).map_err(|e| {
        Diagnostic::error("invalid-xlsx", format!("cannot use sheet `{name}`: {e}"))
            .at(Location::file(path))
            .help("every column needs a distinct name in the first row")
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    /// A workbook whose sizes are honest but whose content expands past the limit is refused
    /// while it is expanded (the limit is made small here; the real one is 512 MB).
    #[test]
    fn expansion_is_counted_not_only_declared() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.xlsx");
        let mut zip = ::zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
        let opts = ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", opts).expect("entry");
        zip.write_all(&vec![b'a'; 100_000]).expect("write");
        zip.finish().expect("finish");
        let err = super::check_archive_limit(&path, 50_000).expect_err("past the limit");
        assert_eq!(err.code, "input-too-large");
        assert!(super::check_archive_limit(&path, 200_000).is_ok());
    }
}
