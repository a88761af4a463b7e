//! Files typed by hand in Excel arrive in many encodings. Only UTF-8 is read; anything else is named,
//! with the line where it goes wrong and how to re-save the file.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Location};

#[derive(Debug, Clone, PartialEq)]
pub struct EncodingProblem {
    pub message: String,
    pub line: Option<usize>,
    /// Column (in characters) of the first byte that is not UTF-8.
    pub column: Option<usize>,
    pub help: String,
}

impl EncodingProblem {
    pub fn at_file(self, path: &Path) -> Diagnostic {
        let loc = match self.line {
            Some(l) => Location::at(path, l, self.column),
            None => Location::file(path),
        };
        let is_yaml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let help = if is_yaml { RESAVE_TEXT.to_string() } else { self.help };
        Diagnostic::error("encoding", self.message).at(loc).help(help)
    }
}

const RESAVE_TEXT: &str = "save the file as UTF-8 in your editor (Notepad: Save As → Encoding: UTF-8), or convert it with `iconv -f WINDOWS-1258 -t UTF-8`";

const RESAVE: &str =
    "open the file in Excel or LibreOffice and save it again as \"CSV UTF-8\" (or convert it with `iconv -t UTF-8`)";

/// Read a text file that must be UTF-8; a file that cannot be read or is not UTF-8 becomes a
/// diagnostic.
pub fn read_utf8(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable-file", format!("cannot read the file: {e}")).at(Location::file(path)),
            );
            return None;
        }
    };
    match decode_utf8(&bytes) {
        Ok(s) => Some(s.to_string()),
        Err(d) => {
            diags.push(d.at_file(path));
            None
        }
    }
}

/// The text of a UTF-8 file without its byte-order mark, or what is wrong with it.
pub fn decode_utf8(bytes: &[u8]) -> Result<&str, EncodingProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(EncodingProblem {
            message: "the file is UTF-16 (Excel's \"Unicode text\"), not UTF-8".into(),
            line: None,
            column: None,
            help: RESAVE.into(),
        });
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // UTF-16 without a BOM: every other byte of ASCII text is NUL.
    let sample = &body[..body.len().min(512)];
    if sample.len() >= 4 && sample.iter().filter(|b| **b == 0).count() * 3 > sample.len() {
        return Err(EncodingProblem {
            message: "the file looks like UTF-16 (NUL bytes between characters), not UTF-8".into(),
            line: None,
            column: None,
            help: RESAVE.into(),
        });
    }
    std::str::from_utf8(body).map_err(|e| {
        let upto = e.valid_up_to();
        let line = body[..upto].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = body[..upto].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&body[line_start..upto]).chars().count() + 1;
        EncodingProblem {
            message: "the file is not UTF-8: it is probably Windows-1258 or TCVN3 (Vietnamese legacy encodings)".into(),
            line: Some(line),
            column: Some(column),
            help: RESAVE.into(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped() {
        assert_eq!(decode_utf8(b"\xEF\xBB\xBFseries").unwrap(), "series");
    }

    #[test]
    fn legacy_encoding_names_the_line() {
        // "Lai Ch\xe2u" in Windows-1258 on line 2.
        let e = decode_utf8(b"series,area\nLai Ch\xe2u,12\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("Windows-1258"));
    }

    #[test]
    fn utf16_is_named() {
        assert!(
            decode_utf8(b"\xFF\xFEs\x00e\x00")
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
        assert!(
            decode_utf8(b"s\x00e\x00r\x00i\x00e\x00s\x00")
                .unwrap_err()
                .message
                .contains("UTF-16")
        );
    }
}
