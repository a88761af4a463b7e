//! Tidy CSV files: `,` or `;` (or tab) separated, with or without a UTF-8 byte-order mark.

use std::io::Cursor;

use polars::prelude::*;

/// The separator of the header line: the most frequent of `,`, `;` and tab outside quotes.
pub fn sniff_separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|i| (counts[*i], std::cmp::Reverse(*i))).unwrap_or(0);
    seps[best]
}

/// Read the whole file as text columns, with `__line` holding the source line of each row.
pub fn read(text: &str, separator: u8) -> PolarsResult<DataFrame> {
    let parse = CsvParseOptions::default()
        .with_separator(separator)
        .with_missing_is_null(true);
    let mut df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_parse_options(parse)
        .with_row_index(Some(RowIndex {
            name: "__line".into(),
            offset: 2,
        }))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()?;
    // The row index and the parsed columns can come back with different chunk boundaries, which
    // polars' parallel projection does not expect (it panics in split_chunks).
    df.rechunk_mut_par();
    Ok(df)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_semicolons_outside_quotes() {
        assert_eq!(sniff_separator("\"a,b\";c;d\n1;2;3"), b';');
        assert_eq!(sniff_separator("series,area,year,value"), b',');
    }

    #[test]
    fn rows_carry_their_line() {
        let df = read("series,area,year,value\ndoctors,12,2015,349\n", b',').unwrap();
        assert_eq!(
            df.column("__line")
                .unwrap()
                .cast(&DataType::Int64)
                .unwrap()
                .i64()
                .unwrap()
                .get(0),
            Some(2)
        );
    }
}
