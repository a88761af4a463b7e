//! The floor the benchmarks are compared with: the time polars needs just to read the observation
//! files, either summing one column (`value`) or materialising every column.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::Result;

/// The observation files of a generated data folder (`observations/*.csv` or `*.parquet`).
pub fn observation_files(data_dir: &Path) -> Vec<PathBuf> {
    crate::data::observation_files(data_dir)
}

fn scan(path: &Path) -> PolarsResult<LazyFrame> {
    let p = PlRefPath::try_from_path(path)?;
    if path.extension().is_some_and(|e| e == "csv") {
        // The types chitieu reads them with: inferred per file, a file of whole numbers would get
        // integer values and the files would not concatenate.
        LazyCsvReader::new(p)
            .with_has_header(true)
            .with_dtype_overwrite(Some(Arc::new(crate::data::csv_types())))
            .finish()
    } else {
        LazyFrame::scan_parquet(p, ScanArgsParquet::default())
    }
}

/// Σ value over the files (one column read).
pub fn sum_value(files: &[PathBuf]) -> Result<f64> {
    let lfs = files.iter().map(|f| scan(f)).collect::<PolarsResult<Vec<_>>>()?;
    let df = concat(lfs, UnionArgs::default())?
        .select([col("value").cast(DataType::Float64).sum()])
        .collect()?;
    Ok(df.column("value")?.f64()?.get(0).unwrap_or(0.0))
}

/// Every column of every file in memory; returns the row count.
pub fn read_all(files: &[PathBuf]) -> Result<usize> {
    let lfs = files.iter().map(|f| scan(f)).collect::<PolarsResult<Vec<_>>>()?;
    Ok(concat(lfs, UnionArgs::default())?.collect()?.height())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_files_with_whole_and_decimal_values_scan_together() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "series,area,year,value,status\nx,c1,2020,1,A\nx,c1,2021,2,A\n").unwrap();
        std::fs::write(&b, "series,area,year,value,status\ny,c1,2020,0.5,A\n").unwrap();
        let files = vec![a, b];
        assert_eq!(sum_value(&files).unwrap(), 3.5);
        assert_eq!(read_all(&files).unwrap(), 3);
    }
}
