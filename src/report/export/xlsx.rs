//! The workbook a statistician forwards: the gap table (status colours, frozen header, filters,
//! numbers as numbers with display formats), the roll-up by ASEAN goal, and the values used.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{ExportInput, Exporter};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::progress::Status;
use crate::report::table::GapTable;
use crate::safe::reads_as_formula;

pub struct Xlsx;

fn err(e: XlsxError) -> Error {
    Error::Other(format!("cannot write the workbook: {e}"))
}

/// Status fill colours (hex), the report theme's status scale.
pub fn status_fill(s: Status) -> u32 {
    hex_u32(&crate::report::theme_status_hex(s))
}

fn hex_u32(hex: &str) -> u32 {
    u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0xFFFFFF)
}

/// Number format with `decimals` places (Excel shows it with the reader's own separators).
fn num_format(decimals: u8) -> String {
    if decimals == 0 {
        "#,##0".into()
    } else {
        format!("#,##0.{}", "0".repeat(usize::from(decimals)))
    }
}

/// A text cell; text a spreadsheet could take for a formula is stored with a quote prefix.
pub fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, base: &Format) -> Result<()> {
    if reads_as_formula(s) {
        ws.write_string_with_format(row, col, s, &base.clone().set_quote_prefix())
            .map_err(err)?;
    } else {
        ws.write_string_with_format(row, col, s, base).map_err(err)?;
    }
    Ok(())
}

/// [`text`] without a format, for the long sheets: no format to look up for every cell, and an
/// empty text leaves the cell empty.
pub fn plain_text(ws: &mut Worksheet, row: u32, col: u16, s: &str) -> Result<()> {
    if reads_as_formula(s) {
        ws.write_string_with_format(row, col, s, &Format::new().set_quote_prefix())
            .map_err(err)?;
    } else {
        ws.write_string(row, col, s).map_err(err)?;
    }
    Ok(())
}

fn number(ws: &mut Worksheet, row: u32, col: u16, v: Option<f64>, decimals: u8) -> Result<()> {
    if let Some(v) = v.filter(|x| x.is_finite()) {
        ws.write_number_with_format(row, col, v, &Format::new().set_num_format(num_format(decimals)))
            .map_err(err)?;
    }
    Ok(())
}

/// A workbook with a fixed creation time, so the same inputs give the same bytes.
pub fn workbook() -> Result<Workbook> {
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&fixed).set_author("chitieu"));
    // Level 3, as Excel itself writes: most of the saving time is compressing the sheets' XML, and
    // a province's observations sheet is tens of MB of it (6, the default, takes ~1.4× as long).
    wb.set_zip_compression_level(3);
    Ok(wb)
}

/// The gap-table sheet (used by the report bundle too).
pub fn write_gap_sheet(wb: &mut Workbook, t: &GapTable, name: &str) -> Result<()> {
    let lang = t.lang;
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(err)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color(0xE8EEF4);
    let headers: Vec<&str> = vec![
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("Mã ASEAN", "ASEAN code"),
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Năm gốc", "Baseline year"),
        lang.pick("Giá trị gốc", "Baseline"),
        lang.pick("Năm gần nhất", "Latest year"),
        lang.pick("Thực hiện", "Latest"),
        lang.pick("TT số liệu", "Data status"),
        lang.pick("Mục tiêu", "Target"),
        lang.pick("Năm mục tiêu", "Target year"),
        lang.pick("So với cùng kỳ (%)", "vs last year (%)"),
        lang.pick("So với kế hoạch (%)", "vs plan (%)"),
        lang.pick("Khoảng cách", "Gap"),
        lang.pick("Lộ trình cần đạt", "Required path"),
        lang.pick("Chênh lệch lộ trình", "Deviation"),
        lang.pick("Cần mỗi năm", "Needed per year"),
        lang.pick("Dự báo", "Projection"),
        lang.pick("Tỷ số", "Ratio"),
        lang.pick("Điểm", "Score"),
        lang.pick("Đánh giá", "Status"),
        lang.pick("Ghi chú", "Notes"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
    }
    let plain = Format::new();
    for (i, r) in t.rows.iter().enumerate() {
        let row = i as u32 + 1;
        let d = r.decimals.unwrap_or(1);
        text(ws, row, 0, &r.indicator_name, &plain)?;
        text(ws, row, 1, &r.asean, &plain)?;
        text(ws, row, 2, &r.unit, &plain)?;
        number(ws, row, 3, r.baseline_year.map(f64::from), 0)?;
        number(ws, row, 4, r.baseline, d)?;
        number(ws, row, 5, r.latest_year.map(f64::from), 0)?;
        number(ws, row, 6, r.latest, d)?;
        text(ws, row, 7, r.latest_status.as_deref().unwrap_or(""), &plain)?;
        text(ws, row, 8, &r.target_text, &plain)?;
        number(ws, row, 9, Some(f64::from(r.target_year)), 0)?;
        number(ws, row, 10, r.vs_last_year, 1)?;
        number(ws, row, 11, r.vs_plan, 1)?;
        number(ws, row, 12, r.gap, d)?;
        number(ws, row, 13, r.required_now, d)?;
        number(ws, row, 14, r.deviation, d)?;
        number(ws, row, 15, r.needed_per_year, d + 1)?;
        number(ws, row, 16, r.projection, d)?;
        number(ws, row, 17, r.ratio, 2)?;
        number(ws, row, 18, r.score, 2)?;
        let status = Format::new().set_background_color(status_fill(r.status)).set_bold();
        let status = status.set_font_color(hex_u32(&crate::report::theme_status_text_hex(r.status)));
        text(ws, row, 19, r.status.label(lang), &status)?;
        text(ws, row, 20, &r.notes.join("; "), &plain)?;
    }
    let last = t.rows.len() as u32;
    ws.set_freeze_panes(1, 1).map_err(err)?;
    ws.autofilter(0, 0, last.max(1), (headers.len() - 1) as u16)
        .map_err(err)?;
    ws.set_column_width(0, 42).map_err(err)?;
    ws.set_column_width(20, 60).map_err(err)?;
    for c in 1..20u16 {
        ws.set_column_width(c, if c == 8 { 16 } else { 12 }).map_err(err)?;
    }
    ws.set_row_height(0, 45).map_err(err)?;
    Ok(())
}

/// The roll-up sheet: per ASEAN goal and target, counts per status and the mean score.
pub fn write_rollup_sheet(wb: &mut Workbook, t: &GapTable, name: &str) -> Result<()> {
    let lang = t.lang;
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(err)?;
    let head = Format::new().set_bold().set_background_color(0xE8EEF4);
    let mut headers = vec![
        lang.pick("Mã ASEAN", "ASEAN code").to_string(),
        lang.pick("Số chỉ tiêu", "Targets").to_string(),
    ];
    headers.extend(Status::ALL.iter().map(|s| s.label(lang).to_string()));
    headers.extend([
        lang.pick("Điểm TB", "Mean score").to_string(),
        lang.pick("Đánh giá", "Status").to_string(),
    ]);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head).map_err(err)?;
    }
    let mut row = 1u32;
    let mut put = |ws: &mut Worksheet, r: &crate::progress::Rollup, indent: &str| -> Result<()> {
        text(ws, row, 0, &format!("{indent}{}", r.key), &Format::new())?;
        number(ws, row, 1, Some(r.total as f64), 0)?;
        for (i, s) in Status::ALL.iter().enumerate() {
            number(ws, row, 2 + i as u16, Some(*r.counts.get(s).unwrap_or(&0) as f64), 0)?;
        }
        number(ws, row, 2 + Status::ALL.len() as u16, r.mean_score, 2)?;
        let f = Format::new().set_background_color(status_fill(r.status));
        text(ws, row, 3 + Status::ALL.len() as u16, r.status.label(lang), &f)?;
        row += 1;
        Ok(())
    };
    for g in &t.by_asean {
        put(ws, g, "")?;
        for c in &g.children {
            put(ws, c, "  ")?;
        }
    }
    put(ws, &t.overall, "")?;
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.set_column_width(0, 14).map_err(err)?;
    Ok(())
}

/// The values sheet: every indicator value used.
pub fn write_values_sheet(wb: &mut Workbook, values: &[super::ValueRow], lang: Lang, name: &str) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(err)?;
    let head = Format::new().set_bold().set_background_color(0xE8EEF4);
    let headers = [
        lang.pick("Chỉ tiêu", "Indicator"),
        lang.pick("Địa bàn", "Area"),
        lang.pick("Năm", "Year"),
        lang.pick("Phân tổ", "Breakdown"),
        lang.pick("Giá trị", "Value"),
        lang.pick("TT số liệu", "Data status"),
        lang.pick("Đơn vị", "Unit"),
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head).map_err(err)?;
    }
    for (i, v) in values.iter().enumerate() {
        let row = i as u32 + 1;
        plain_text(ws, row, 0, &v.indicator)?;
        plain_text(ws, row, 1, &v.area)?;
        // A year is a label, not a quantity: no thousands separator (2025, not 2,025).
        ws.write_number(row, 2, f64::from(v.year)).map_err(err)?;
        let dims: Vec<String> = v
            .dims
            .iter()
            .filter(|d| !d.1.is_empty())
            .map(|d| format!("{}={}", d.0, d.1))
            .collect();
        plain_text(ws, row, 3, &dims.join(", "))?;
        ws.write_number(row, 4, v.value).map_err(err)?;
        plain_text(ws, row, 5, &v.status)?;
        plain_text(ws, row, 6, &v.unit)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.autofilter(0, 0, (values.len() as u32).max(1), 6).map_err(err)?;
    ws.set_column_width(0, 28).map_err(err)?;
    Ok(())
}

impl Exporter for Xlsx {
    fn extension(&self) -> &'static str {
        "xlsx"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        let t = input.table;
        let lang = t.lang;
        let mut wb = workbook()?;
        write_gap_sheet(&mut wb, t, lang.pick("Bảng đánh giá", "Gap table"))?;
        write_rollup_sheet(&mut wb, t, lang.pick("Theo mục tiêu ASEAN", "By ASEAN goal"))?;
        write_values_sheet(&mut wb, input.values, lang, lang.pick("Số liệu", "Values"))?;
        wb.save_to_buffer().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut xml = String::new();
        zip.by_name(name).expect(name).read_to_string(&mut xml).expect("xml");
        xml
    }

    #[test]
    fn plain_text_quote_prefixes_what_reads_as_a_formula_and_only_that() {
        let mut wb = workbook().unwrap();
        let ws = wb.add_worksheet();
        plain_text(ws, 0, 0, "=HYPERLINK(\"http://x\")").unwrap();
        plain_text(ws, 1, 0, "doctors").unwrap();
        plain_text(ws, 2, 0, "").unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        // The formula-like text is a string cell with a style of its own, the rest unstyled.
        assert!(sheet.contains(r#"<c r="A1" s="1" t="s">"#), "{sheet}");
        assert!(sheet.contains(r#"<c r="A2" t="s">"#), "{sheet}");
        assert!(
            !sheet.contains(r#"r="A3""#),
            "an empty text leaves the cell empty: {sheet}"
        );
        assert!(!sheet.contains("<f>"), "{sheet}");
        assert!(part(&bytes, "xl/styles.xml").contains("quotePrefix=\"1\""));
    }
}
