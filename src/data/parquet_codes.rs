//! The key text columns of an observation Parquet file (series, area, status) read from their
//! dictionary pages straight into chitieu's codes. Parquet writers store such a column as a
//! dictionary of its distinct texts per row group and a small index per row; polars' reader would
//! turn every index back into a text, and coding those texts would then look each one up again.
//! Here the few texts of each dictionary are coded once and the rows only gather their codes.
//!
//! Anything unusual — a column written without a dictionary on some page (writers fall back to
//! plain pages when a dictionary grows), a column that is not text, a file polars' low-level reader
//! does not take — gives None, and the file is read by polars' reader and typed as before, which
//! also reports what is wrong with it.

use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use polars::prelude::*;
use polars_arrow::array::DictionaryArray;
use polars_arrow::datatypes::{ArrowDataType, DTYPE_CATEGORICAL_NEW, Field as ArrowField, IntegerType, Metadata};
use polars_buffer::Buffer;
use polars_parquet::parquet::metadata::ColumnChunkMetadata;
use polars_parquet::parquet::schema::types::{PrimitiveConvertedType, PrimitiveLogicalType};
use polars_parquet::read::{BasicDecompressor, FileMetadata, PageReader, PhysicalType, column_iter_to_arrays};

use super::observations::Codes;

/// The observation file with `series`, `area` and `status` (where present) already coded, its other
/// columns as polars reads them and the row numbers in `__line` (from 1, as the full reading
/// numbers them); None when the file is not one this reading takes (see the module's comment).
pub fn read(path: &Path, codes: &Codes) -> Option<DataFrame> {
    // The columns as polars' scan sees them (the same names the full reading gets).
    let p = PlRefPath::try_from_path(path).ok()?;
    let mut lf = LazyFrame::scan_parquet(p, ScanArgsParquet::default()).ok()?;
    let names: Vec<PlSmallStr> = lf.collect_schema().ok()?.iter_names().cloned().collect();
    if names.iter().any(|n| n.eq_ignore_ascii_case(super::csv::LINE_COLUMN)) {
        return None;
    }
    // Only the key columns' bytes are read here; polars' scan reads the others.
    let mut file = File::open(path).ok()?;
    let meta = polars_parquet::read::read_metadata(&mut file).ok()?;
    let keys = [
        ("series", &codes.series),
        ("area", &codes.area),
        ("status", &codes.status),
    ];
    let mut coded = Vec::new();
    for (name, dtype) in keys {
        if names.iter().any(|n| n == name) {
            coded.push(coded_column(&mut file, &meta, name, dtype)?);
        }
    }
    let rest: Vec<Expr> = names
        .iter()
        .filter(|n| !keys.iter().any(|(k, _)| n.as_str() == *k))
        .map(|n| col(n.clone()))
        .collect();
    let mut df = lf
        .select(rest)
        .with_row_index(super::csv::LINE_COLUMN, Some(1))
        .collect()
        .ok()?;
    if df.height() != meta.num_rows {
        return None;
    }
    for c in coded {
        df.with_column(c).ok()?;
    }
    Some(df)
}

/// One text column, coded row group by row group; None unless every row group holds it as
/// dictionary-encoded text.
fn coded_column(file: &mut File, meta: &FileMetadata, name: &str, dtype: &DataType) -> Option<Column> {
    let size = file.metadata().ok()?.len();
    // The field polars' own reader uses for a categorical column: keys and dictionary, no texts
    // per row (it refuses a page that is not dictionary-encoded).
    let field = ArrowField::new(
        name.into(),
        ArrowDataType::Dictionary(IntegerType::UInt32, Box::new(ArrowDataType::Utf8View), false),
        true,
    )
    .with_metadata(Metadata::from([(DTYPE_CATEGORICAL_NEW.into(), PlSmallStr::EMPTY)]));
    let mut parts: Vec<Series> = Vec::with_capacity(meta.row_groups.len());
    for group in &meta.row_groups {
        let mut chunks = group.columns_under_root_iter(name)?;
        let (Some(chunk), None) = (chunks.next(), chunks.next()) else {
            return None;
        };
        if !is_text(chunk) {
            return None;
        }
        // The column chunk's bytes, where the footer says they are (within the file).
        let range = chunk.byte_range();
        if range.start > range.end || range.end > size {
            return None;
        }
        let mut bytes = vec![0; usize::try_from(range.end - range.start).ok()?];
        file.seek(SeekFrom::Start(range.start)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        let pages = PageReader::new(Cursor::new(Buffer::from(bytes)), chunk, vec![], usize::MAX);
        let decompressor = BasicDecompressor::new(pages, vec![]);
        let ptype = &chunk.descriptor().descriptor.primitive_type;
        let (arrays, _) = column_iter_to_arrays(vec![decompressor], vec![ptype], field.clone(), None).ok()?;
        for array in arrays {
            parts.push(codes_of(
                array.as_any().downcast_ref::<DictionaryArray<u32>>()?,
                name,
                dtype,
            )?);
        }
    }
    let mut all = parts.into_iter();
    let mut out = all.next().unwrap_or_else(|| Series::new_empty(name.into(), dtype));
    for p in all {
        out.append(&p).ok()?;
    }
    Some(out.into_column())
}

/// A plain text column: bytes marked as UTF-8 text, not nested.
fn is_text(chunk: &ColumnChunkMetadata) -> bool {
    let d = chunk.descriptor();
    let p = &d.descriptor.primitive_type;
    d.path_in_schema.len() == 1
        && p.physical_type == PhysicalType::ByteArray
        && (p.logical_type == Some(PrimitiveLogicalType::String)
            || p.converted_type == Some(PrimitiveConvertedType::Utf8))
}

/// One dictionary-encoded chunk coded: its texts coded once, then gathered by the rows' keys (a null
/// key stays null; a key outside the dictionary fails the take).
fn codes_of(array: &DictionaryArray<u32>, name: &str, dtype: &DataType) -> Option<Series> {
    let texts = Series::from_arrow(name.into(), array.values().clone()).ok()?;
    let keys = IdxCa::with_chunk(name.into(), array.keys().clone());
    texts.cast(dtype).ok()?.take(&keys).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(df: &mut DataFrame, row_group: usize) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().expect("temp file");
        ParquetWriter::new(f.reopen().expect("reopen"))
            .with_row_group_size(Some(row_group))
            .finish(df)
            .expect("write");
        f
    }

    /// As polars reads the file (text columns as text), in the coded frame's column order.
    fn as_polars_reads(path: &Path, order: &DataFrame) -> DataFrame {
        let p = PlRefPath::try_from_path(path).expect("path");
        let df = LazyFrame::scan_parquet(p, ScanArgsParquet::default())
            .expect("scan")
            .with_row_index(super::super::csv::LINE_COLUMN, Some(1))
            .collect()
            .expect("read");
        df.select(order.get_column_names_owned()).expect("columns")
    }

    fn as_text(df: &DataFrame) -> DataFrame {
        let cols = df
            .columns()
            .iter()
            .map(|c| match c.dtype().is_categorical() {
                true => c.cast(&DataType::String).expect("text"),
                false => c.clone(),
            })
            .collect();
        DataFrame::new_infer_height(cols).expect("frame")
    }

    #[test]
    fn keys_read_as_codes_hold_the_texts_polars_reads() {
        let n = 2_500;
        let series: Vec<&str> = (0..n).map(|i| ["doctors", "population", ""][i % 3]).collect();
        let area: Vec<Option<String>> = (0..n)
            .map(|i| (i % 97 != 5).then(|| format!("c{:03}", i % 40)))
            .collect();
        let status: Vec<Option<&str>> = (0..n).map(|i| [Some("A"), Some("E"), None][i % 3]).collect();
        let mut df = df!(
            "series" => series,
            "area" => area,
            "year" => (0..n).map(|i| 2015 + (i % 16) as i32).collect::<Vec<_>>(),
            "sex" => (0..n).map(|i| ["f", "m"][i % 2]).collect::<Vec<_>>(),
            "value" => (0..n).map(|i| i as f64 / 7.0).collect::<Vec<_>>(),
            "status" => status,
        )
        .expect("frame");
        // Several row groups, each with a dictionary of its own.
        let f = write(&mut df, 600);
        let codes = Codes::new();
        let coded = read(f.path(), &codes).expect("read as codes");
        for (name, dtype) in [
            ("series", &codes.series),
            ("area", &codes.area),
            ("status", &codes.status),
        ] {
            assert_eq!(coded.column(name).expect("column").dtype(), dtype, "{name}");
        }
        let plain = as_polars_reads(f.path(), &coded);
        assert!(as_text(&coded).equals_missing(&plain), "{coded} vs {plain}");
        // A file without a status column: the other two are coded.
        let mut no_status = df.drop("status").expect("drop");
        let f = write(&mut no_status, 1_000);
        let coded = read(f.path(), &codes).expect("read as codes");
        assert!(as_text(&coded).equals_missing(&as_polars_reads(f.path(), &coded)));
    }

    #[test]
    fn what_is_not_dictionary_encoded_text_is_left_to_polars() {
        let codes = Codes::new();
        // Every series different: polars' writer stores the texts plainly, without a dictionary
        // (the same file with a few series is read).
        let n = 5_000;
        let frame = |series: Vec<String>| {
            df!("series" => series, "area" => vec!["a"; n], "year" => vec![2024i32; n], "value" => vec![1.0; n])
                .expect("frame")
        };
        let mut few = frame((0..n).map(|i| format!("s{}", i % 3)).collect());
        assert!(read(write(&mut few, n).path(), &codes).is_some());
        let mut distinct = frame((0..n).map(|i| format!("s{i:05}_{}", i * 7919 % 10_007)).collect());
        assert!(read(write(&mut distinct, n).path(), &codes).is_none());
        // Series given as numbers.
        let mut df = df!("series" => [1i64, 2], "area" => ["a", "b"], "year" => [2024i32, 2024], "value" => [1.0, 2.0])
            .expect("frame");
        assert!(read(write(&mut df, 10).path(), &codes).is_none());
        // The reserved column name, in any case.
        let mut df = df!("series" => ["x"], "area" => ["a"], "year" => [2024i32], "value" => [1.0], "__LINE" => [3i32])
            .expect("frame");
        assert!(read(write(&mut df, 10).path(), &codes).is_none());
        // Not a Parquet file.
        let f = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(f.path(), b"series,area,year,value\n").expect("write");
        assert!(read(f.path(), &codes).is_none());
    }
}
