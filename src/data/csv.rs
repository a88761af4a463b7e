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

/// The name of the row-number column added to every file read; a file may not use it itself.
pub const LINE_COLUMN: &str = "__line";

/// Whether the header line names the reserved row-number column (polars would panic on the clash).
pub(crate) fn header_uses_line_column(text: &str, separator: u8) -> bool {
    let header = text.lines().next().unwrap_or("");
    header.split(separator as char).any(|f| {
        f.trim_matches(|c: char| c.is_whitespace() || c.is_control() || c == '"' || c == '\u{feff}')
            .eq_ignore_ascii_case(LINE_COLUMN)
    })
}

/// Read the whole file as text columns, with `__line` holding the source line of each row.
pub fn read(text: &str, separator: u8) -> PolarsResult<DataFrame> {
    if header_uses_line_column(text, separator) {
        // Found by the observation fuzzer: the clash panicked inside polars.
        polars_bail!(Duplicate: "the column name `{}` is reserved by chitieu (it holds the line numbers): rename that column", LINE_COLUMN);
    }
    let parse = CsvParseOptions::default()
        .with_separator(separator)
        .with_missing_is_null(true);
    let mut df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .with_parse_options(parse)
        .with_row_index(Some(RowIndex {
            name: LINE_COLUMN.into(),
            offset: 2,
        }))
        .into_reader_with_file_handle(Cursor::new(text.as_bytes()))
        .finish()?;
    // The row index and the parsed columns can come back with different chunk boundaries, which
    // polars' parallel projection does not expect (it panics in split_chunks).
    df.rechunk_mut_par();
    Ok(df)
}

/// Where a CSV text breaks the table's shape, for pointing at it when the reader refuses the file:
/// the first row with more fields than the header, or a quote that is never closed.
/// Returns (line, column, what is wrong), 1-based, the column in characters.
pub fn shape_problem(text: &str, separator: u8) -> Option<(usize, usize, String)> {
    let sep = char::from(separator);
    let (mut line, mut col) = (1usize, 0usize);
    let mut quoted = false;
    let mut quote_at = (0, 0);
    let mut fields = 1usize;
    let mut header: Option<usize> = None;
    let mut record_line = 1usize;
    let mut extra_at: Option<(usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                col += 1;
            }
            '"' => {
                quoted = !quoted;
                if quoted {
                    quote_at = (line, col);
                }
            }
            c if c == sep && !quoted => {
                fields += 1;
                if let Some(h) = header
                    && fields == h + 1
                    && extra_at.is_none()
                {
                    extra_at = Some((line, col));
                }
            }
            '\n' => {
                if !quoted {
                    match header {
                        None => header = Some(fields),
                        Some(h) if fields > h => {
                            let (l, c) = extra_at.unwrap_or((record_line, 1));
                            return Some((l, c, format!("this row has {fields} fields, the header has {h}")));
                        }
                        Some(_) => {}
                    }
                    fields = 1;
                    extra_at = None;
                    record_line = line + 1;
                }
                line += 1;
                col = 0;
            }
            _ => {}
        }
    }
    if quoted {
        return Some((quote_at.0, quote_at.1, "a quote opened here is never closed".into()));
    }
    match header {
        Some(h) if fields > h => {
            let (l, c) = extra_at.unwrap_or((record_line, 1));
            Some((l, c, format!("this row has {fields} fields, the header has {h}")))
        }
        _ => None,
    }
}

/// A small CSV file (areas, the ASEAN framework) as text columns, with `__line`; every problem —
/// encoding, emptiness, a broken row — becomes a diagnostic at its place.
pub fn read_small(path: &std::path::Path, diags: &mut Vec<crate::diagnostic::Diagnostic>) -> Option<DataFrame> {
    use crate::diagnostic::{Diagnostic, Location};
    let text = super::encoding::read_utf8(path, diags)?;
    let text = text.as_str();
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", "the file is empty")
                .at(Location::file(path))
                .help("write its header line and its rows"),
        );
        return None;
    }
    match read(text, b',') {
        Ok(df) => Some(df),
        Err(e) => {
            diags.push(syntax_diagnostic(path, text, b',', &e));
            None
        }
    }
}

/// The reader's refusal of a CSV file, at the row that breaks it when it can be found.
pub fn syntax_diagnostic(
    path: &std::path::Path,
    text: &str,
    separator: u8,
    e: &PolarsError,
) -> crate::diagnostic::Diagnostic {
    use crate::diagnostic::{Diagnostic, Location};
    let help = "check that every row has as many fields as the header and that quotes are closed (a text containing the separator must be quoted: \"Hà Nội, Việt Nam\")";
    match shape_problem(text, separator) {
        Some((line, col, what)) => Diagnostic::error("csv-syntax", format!("the CSV cannot be read: {what}"))
            .at(Location::at(path, line, Some(col)))
            .with_source(text, 1)
            .help(help),
        None => {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("").to_string();
            Diagnostic::error("csv-syntax", format!("the CSV cannot be read: {first}"))
                .at(Location::file(path))
                .help(help)
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_column_named_like_the_line_numbers_is_an_error_not_a_panic() {
        // Found by the observation fuzzer (fuzz/artifacts/observations/crash-07a34b4f…).
        // (The fuzzer's first byte picks options; the CSV is the rest.)
        let text = "__line;arevalue\n-01-02,f\ndoctors,a,2020,1.23oulnp;\n4";
        assert!(read(text, sniff_separator(text)).is_err());
        assert!(read("series,__line,value\nx,1,2\n", b',').is_err());
    }

    #[test]
    fn the_row_that_breaks_the_shape_is_found() {
        let (l, c, what) = shape_problem("a,b\n1,2\n1,2,3\n", b',').unwrap();
        assert_eq!((l, c), (3, 4), "{what}");
        let (l, c, what) = shape_problem("a,b\n1,\"x\n2,3\n", b',').unwrap();
        assert_eq!((l, c), (2, 3), "{what}");
        assert!(what.contains("never closed"));
        assert_eq!(shape_problem("a,b\n\"x,\"\"y\"\"\",2\n", b','), None);
    }

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
