//! Parquet output with its row groups encoded and compressed side by side. polars' writer encodes
//! the columns of a row group in parallel but compresses every page on the one thread that writes
//! the file; on the values of a national evaluation (4.4 M rows) that left the write on one core
//! for a second. The file is the one polars' writer makes with its defaults, byte for byte: same
//! row groups, pages, encodings, statistics and Zstandard level.
//!
//! A categorical column is written as the text column it stands for (its readers see text, as
//! from polars' writer given the texts), from its codes: polars' writer would hash every row's
//! text to find the dictionary of each row group, where the codes give it at once.

use polars::prelude::*;
use polars_arrow::array::{DictionaryArray, Utf8ViewArray};
use polars_arrow::datatypes::{ArrowDataType, IntegerType};
use polars_parquet::write::{
    CompressedPage, CompressionOptions, StatisticsOptions, Version, WriteOptions, array_to_columns, compress,
};
use rayon::prelude::*;

use crate::error::Result;

/// polars' default row group size (rows).
const ROW_GROUP: usize = 512 * 512;

/// The row groups (first row, number of rows) polars' writer makes of a frame in one chunk: a
/// frame of fewer than two groups' rows is one group; a larger one is cut into `rows / ROW_GROUP`
/// equal groups, the last taking the remainder. A frame without rows has none.
fn row_groups(rows: usize) -> Vec<(usize, usize)> {
    let n = rows / ROW_GROUP;
    if n <= 1 {
        return if rows == 0 { vec![] } else { vec![(0, rows)] };
    }
    let size = rows / n;
    (0..n)
        .map(|i| (i * size, if i + 1 == n { rows - i * size } else { size }))
        .collect()
}

/// A categorical column's rows as the dictionary array polars' writer makes of their texts (to
/// find out whether dictionary pages are worth it, then to write them): the texts in the order of
/// their first row, each row's key its text's place there. None for other columns, and where
/// polars' writer could choose plain pages (many distinct texts): those are written as texts.
fn first_seen_dictionary(c: &Column) -> PolarsResult<Option<DictionaryArray<u32>>> {
    let DataType::Categorical(_, mapping) = c.dtype() else {
        return Ok(None);
    };
    let codes = c.as_materialized_series().to_physical_repr().u32()?.clone();
    let seen = codes.clone().into_series().unique_stable()?.drop_nulls();
    let seen = seen.u32()?;
    // polars' writer takes plain pages where it estimates more than 3 distinct texts in 4 rows;
    // from half on, its estimate could say so.
    if codes.len() > 128 && 2 * seen.len() > codes.len() {
        return Ok(None);
    }
    let mut place = vec![0 as IdxSize; codes.max().map_or(0, |m| m as usize + 1)];
    let mut texts = Vec::with_capacity(seen.len());
    for (i, code) in seen.iter().flatten().enumerate() {
        let Some(text) = mapping.cat_to_str(code) else {
            return Ok(None);
        };
        place[code as usize] = i as IdxSize;
        texts.push(text);
    }
    let keys = IdxCa::from_vec("".into(), place).take(&codes)?;
    let keys = keys.rechunk().downcast_as_array().clone();
    let dtype = ArrowDataType::Dictionary(IntegerType::UInt32, Box::new(ArrowDataType::Utf8View), false);
    let values = Utf8ViewArray::from_slice_values(texts).boxed();
    Ok(Some(DictionaryArray::try_new(dtype, keys, values)?))
}

/// The frame as the bytes of a Parquet file.
pub fn to_bytes(df: &DataFrame) -> Result<Vec<u8>> {
    let options = WriteOptions {
        statistics: StatisticsOptions::default(),
        compression: CompressionOptions::from(ParquetCompression::default()),
        version: Version::V1,
        data_page_size: None,
    };
    // The file's schema: text where the frame has codes.
    let mut schema = (**df.schema()).clone();
    for dtype in schema.iter_values_mut() {
        if dtype.is_categorical() {
            *dtype = DataType::String;
        }
    }
    let encodings = get_encodings(&schema.to_arrow(CompatLevel::newest()));
    let mut out = Vec::new();
    {
        let mut writer = ParquetWriter::new(&mut out).batched(&schema)?;
        let fields = writer.parquet_schema().fields().to_vec();
        let groups: Vec<(usize, Vec<Vec<CompressedPage>>)> = row_groups(df.height())
            .into_par_iter()
            .map(|(start, len)| {
                // Each row group in one piece, made where it is encoded (and freed there): the
                // frame's own chunks, left by the steps that made it, never show in the file.
                let mut rows = df.slice(start as i64, len);
                // Codes the dictionary pages cannot take are written as texts.
                let dictionaries = rows
                    .columns()
                    .iter()
                    .map(first_seen_dictionary)
                    .collect::<PolarsResult<Vec<_>>>()?;
                for (i, dictionary) in dictionaries.iter().enumerate() {
                    let c = &rows.columns()[i];
                    if c.dtype().is_categorical() && dictionary.is_none() {
                        let text = c.cast(&DataType::String)?;
                        rows.replace_column(i, text)?;
                    }
                }
                // Only the other columns go through polars' export: it would look up every row's
                // text of a categorical column, to be thrown away for the dictionary.
                let plain: Vec<Column> = rows
                    .columns()
                    .iter()
                    .zip(&dictionaries)
                    .filter(|(_, d)| d.is_none())
                    .map(|(c, _)| c.clone())
                    .collect();
                let mut plain = DataFrame::new(len, plain)?;
                plain.rechunk_mut();
                let mut exported = match plain.width() {
                    0 => Vec::new(),
                    _ => plain
                        .iter_chunks(CompatLevel::newest(), false)
                        .next()
                        .ok_or_else(|| polars_err!(ComputeError: "a row group without rows"))?
                        .into_arrays(),
                }
                .into_iter();
                let arrays: Vec<Box<dyn polars_arrow::array::Array>> = dictionaries
                    .into_iter()
                    .map(|dictionary| match dictionary {
                        Some(d) => Ok(d.boxed()),
                        None => exported
                            .next()
                            .ok_or_else(|| polars_err!(ComputeError: "a column missing from the export")),
                    })
                    .collect::<PolarsResult<_>>()?;
                let mut columns = Vec::with_capacity(fields.len());
                for ((array, field), encoding) in arrays.into_iter().zip(&fields).zip(encodings.iter()) {
                    for pages in array_to_columns(array, field.clone(), options, encoding)? {
                        let compressed = pages
                            .map(|page| Ok(compress(page?, Vec::new(), options.compression)?))
                            .collect::<PolarsResult<Vec<_>>>()?;
                        columns.push(compressed);
                    }
                }
                Ok((len, columns))
            })
            .collect::<PolarsResult<_>>()?;
        for (rows, columns) in &groups {
            writer.write_row_group(*rows as u64, columns)?;
        }
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Several row groups, nulls, text, integers, booleans: the same bytes as polars' writer; and
    /// categorical columns give the bytes polars' writer makes of their texts.
    #[test]
    fn the_file_is_polars_own() {
        let n = 3 * ROW_GROUP + 17;
        let df = DataFrame::new_infer_height(vec![
            Column::new(
                "indicator".into(),
                (0..n).map(|i| format!("ind_{}", i % 113)).collect::<Vec<_>>(),
            ),
            Column::new(
                "year".into(),
                (0..n).map(|i| 2015 + (i % 16) as i32).collect::<Vec<_>>(),
            ),
            Column::new(
                "value".into(),
                (0..n)
                    .map(|i| (!i.is_multiple_of(7)).then_some(i as f64 * 0.37))
                    .collect::<Vec<_>>(),
            ),
            Column::new("break".into(), (0..n).map(|i| i % 5 == 0).collect::<Vec<_>>()),
        ])
        .unwrap();
        let mut expected = Vec::new();
        ParquetWriter::new(&mut expected).finish(&mut df.clone()).unwrap();
        let ours = to_bytes(&df).unwrap();
        assert!(
            ours == expected,
            "{} bytes against polars' {}",
            ours.len(),
            expected.len()
        );
        // The same rows in chunks of other sizes (as parallel steps leave them): the same file.
        let mut pieces = df.slice(0, 1000);
        for (start, len) in [(1000, 70_000), (71_000, 300_000), (371_000, n)] {
            pieces.vstack_mut_owned(df.slice(start, len)).unwrap();
        }
        assert!(pieces.first_col_n_chunks() > 1);
        assert!(
            to_bytes(&pieces).unwrap() == ours,
            "the chunks of the frame do not show in the file"
        );
        let back = ParquetReader::new(std::io::Cursor::new(ours)).finish().unwrap();
        assert!(back.equals_missing(&df));
        // Fewer rows than two groups (one group), and fewer than one.
        for rows in [ROW_GROUP + 5, 100] {
            let small = df.head(Some(rows));
            let mut expected = Vec::new();
            ParquetWriter::new(&mut expected).finish(&mut small.clone()).unwrap();
            assert!(to_bytes(&small).unwrap() == expected, "{rows} rows");
        }
        // Categorical columns (codes of a dictionary shared with another column, nulls, many
        // distinct texts, only nulls): the file of their texts.
        let shared = crate::frame::local_categorical();
        let other = Column::new(
            "other".into(),
            (0..n).map(|i| format!("x{}", i % 3)).collect::<Vec<_>>(),
        )
        .cast(&shared)
        .unwrap();
        let texts = DataFrame::new_infer_height(vec![
            Column::new(
                "indicator".into(),
                (0..n)
                    .map(|i| (!i.is_multiple_of(11)).then(|| format!("ind_{}", (i * 7919) % 113)))
                    .collect::<Vec<_>>(),
            ),
            Column::new("many".into(), (0..n).map(|i| format!("u{i}")).collect::<Vec<_>>()),
            Column::new("half".into(), (0..n).map(|i| format!("h{}", i / 2)).collect::<Vec<_>>()),
            Column::new("none".into(), vec![None::<&str>; n]),
            df.column("value").unwrap().clone(),
        ])
        .unwrap();
        let mut coded = texts.clone();
        for c in ["indicator", "many", "half", "none"] {
            let cast = coded.column(c).unwrap().cast(&shared).unwrap();
            coded.with_column(cast).unwrap();
        }
        coded.with_column(other.clone()).unwrap();
        let mut texts = texts;
        texts.with_column(other.cast(&DataType::String).unwrap()).unwrap();
        for rows in [n, ROW_GROUP + 5, 100, 0] {
            let mut expected = Vec::new();
            ParquetWriter::new(&mut expected)
                .finish(&mut texts.head(Some(rows)))
                .unwrap();
            let ours = to_bytes(&coded.head(Some(rows))).unwrap();
            assert!(ours == expected, "categorical columns, {rows} rows");
        }

        // No rows (an evaluation of years without data).
        let empty = df.head(Some(0));
        let mut expected = Vec::new();
        ParquetWriter::new(&mut expected).finish(&mut empty.clone()).unwrap();
        assert!(to_bytes(&empty).unwrap() == expected);
    }
}
