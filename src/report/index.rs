//! What a batch run leaves beside the per-plan bundles: `index.html` (every report of the run with
//! its scorecard) and `summary.xlsx` (a summary sheet and one gap-table sheet per plan).

use std::path::Path;

use minijinja::{Environment, context};
use rust_xlsxwriter::Format;

use super::bundle::ReportKind;
use super::table::GapTable;
use super::{export, theme_status_hex};
use crate::error::{Error, Result};
use crate::i18n::{Lang, format_number};
use crate::progress::Status;

/// One report of the batch.
pub struct Entry {
    pub table: GapTable,
    pub kind: ReportKind,
    /// The report folder relative to the reports root (`plan/area/as-of`).
    pub rel: String,
}

const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
html { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #1d2733; font-size: 14px; }
body { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; border-bottom: 3px solid #0b4f8a; padding-bottom: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d6dde5; padding: 6px; text-align: left; vertical-align: top; }
th { background: #e8eef4; }
td.num { text-align: right; }
.bar { display: flex; height: 14px; min-width: 160px; border-radius: 3px; overflow: hidden; }
.bar span { display: block; }
</style></head><body>
<h1>{{ title }}</h1>
<table><thead><tr><th>{{ t_plan }}</th><th>{{ t_area }}</th><th class="num">{{ t_as_of }}</th><th>{{ t_kind }}</th><th>{{ t_result }}</th><th>{{ t_status }}</th></tr></thead><tbody>
{% for e in entries %}<tr><td><a href="{{ e.href }}">{{ e.title }}</a><br><small>{{ e.plan }}</small></td><td>{{ e.area }}</td><td class="num">{{ e.as_of }}</td><td>{{ e.kind }}</td><td>{{ e.scorecard }}</td>
<td><div class="bar">{% for s in e.segments %}<span title="{{ s.label }}: {{ s.count }}" style="background: {{ s.color }}; width: {{ s.share }}%"></span>{% endfor %}</div></td></tr>
{% endfor %}</tbody></table>
</body></html>
"#;

pub fn write(root: &Path, entries: &[Entry], lang: Lang) -> Result<()> {
    let mut env = Environment::new();
    env.add_template("index.html", TEMPLATE)
        .map_err(|e| Error::Other(e.to_string()))?;
    let rows: Vec<minijinja::Value> = entries
        .iter()
        .map(|e| {
            let t = &e.table;
            let total = t.overall.total.max(1) as f64;
            let segments: Vec<minijinja::Value> = Status::ALL
                .iter()
                .filter_map(|s| {
                    let n = *t.overall.counts.get(s).unwrap_or(&0);
                    (n > 0).then(|| context! { label => s.label(lang), count => n, color => theme_status_hex(*s), share => format!("{:.3}", n as f64 * 100.0 / total) })
                })
                .collect();
            let kind = match e.kind {
                ReportKind::Annual => lang.pick("thường niên", "annual"),
                ReportKind::Midterm => lang.pick("giữa kỳ", "mid-term"),
            };
            context! {
                href => format!("{}/report.html", e.rel), title => t.plan_title.clone(), plan => t.plan.clone(),
                area => format!("{} ({})", t.area_name, t.area), as_of => t.as_of, kind => kind,
                scorecard => t.scorecard(), segments => segments,
            }
        })
        .collect();
    let html = env
        .get_template("index.html")
        .and_then(|tpl| {
            tpl.render(context! {
                lang => lang.code(), title => lang.pick("Các báo cáo đánh giá chỉ tiêu", "Plan target reports"),
                t_plan => lang.pick("Kế hoạch", "Plan"), t_area => lang.pick("Địa bàn", "Area"), t_as_of => lang.pick("Đến năm", "As of"),
                t_kind => lang.pick("Loại", "Kind"), t_result => lang.pick("Kết quả", "Result"), t_status => lang.pick("Đánh giá", "Statuses"),
                entries => rows,
            })
        })
        .map_err(|e| Error::Other(format!("cannot render index.html: {e}")))?;
    crate::fsutil::write_atomic(&root.join("index.html"), html.as_bytes())?;
    crate::fsutil::write_atomic(&root.join("summary.xlsx"), &summary(entries, lang)?)?;
    Ok(())
}

fn summary(entries: &[Entry], lang: Lang) -> Result<Vec<u8>> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::Other(format!("cannot write summary.xlsx: {e}"));
    let mut wb = export::xlsx::workbook()?;
    {
        let ws = wb.add_worksheet();
        ws.set_name(lang.pick("Tổng hợp", "Summary")).map_err(err)?;
        let head = Format::new().set_bold().set_background_color(0xE8EEF4).set_text_wrap();
        let mut headers: Vec<String> = [
            lang.pick("Kế hoạch", "Plan"),
            lang.pick("Tên", "Title"),
            lang.pick("Địa bàn", "Area"),
            lang.pick("Đến năm", "As of"),
            lang.pick("Số chỉ tiêu", "Targets"),
            lang.pick("Đã đạt", "Met"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        headers.extend(Status::ALL.iter().map(|s| s.label(lang).to_string()));
        headers.push(lang.pick("Điểm TB", "Mean score").to_string());
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head).map_err(err)?;
        }
        for (i, e) in entries.iter().enumerate() {
            let t = &e.table;
            let row = i as u32 + 1;
            export::xlsx::text(ws, row, 0, &t.plan, &Format::new())?;
            export::xlsx::text(ws, row, 1, &t.plan_title, &Format::new())?;
            export::xlsx::text(ws, row, 2, &t.area, &Format::new())?;
            ws.write_number(row, 3, f64::from(t.as_of)).map_err(err)?;
            ws.write_number(row, 4, t.overall.total as f64).map_err(err)?;
            ws.write_number(row, 5, t.overall.met as f64).map_err(err)?;
            for (j, s) in Status::ALL.iter().enumerate() {
                ws.write_number(row, 6 + j as u16, *t.overall.counts.get(s).unwrap_or(&0) as f64)
                    .map_err(err)?;
            }
            if let Some(m) = t.overall.mean_score {
                ws.write_number_with_format(
                    row,
                    6 + Status::ALL.len() as u16,
                    m,
                    &Format::new().set_num_format("0.00"),
                )
                .map_err(err)?;
            }
        }
        ws.set_freeze_panes(1, 1).map_err(err)?;
        ws.set_column_width(1, 48).map_err(err)?;
        ws.set_column_width(0, 26).map_err(err)?;
    }
    let mut used = std::collections::BTreeSet::new();
    for e in entries {
        let name = sheet_name(&format!("{} {}", e.table.plan, e.table.area), &used);
        used.insert(name.clone());
        export::xlsx::write_gap_sheet(&mut wb, &e.table, &name)?;
    }
    let _ = format_number;
    wb.save_to_buffer().map_err(err)
}

/// A sheet name of at most 31 characters (Excel's limit) that no earlier sheet has: long plan ids
/// that share their first 31 characters get a number (`…~2`).
fn sheet_name(wanted: &str, used: &std::collections::BTreeSet<String>) -> String {
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = cut(wanted, 31);
    let mut i = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!("~{i}");
        name = format!("{}{suffix}", cut(wanted, 31 - suffix.len()));
        i += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_plan_ids_get_distinct_sheet_names() {
        let mut used = std::collections::BTreeSet::new();
        let a = super::sheet_name("lai_chau_socio_economic_plan_2026_2030 12", &used);
        used.insert(a.clone());
        let b = super::sheet_name("lai_chau_socio_economic_plan_2026_2035 12", &used);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert_ne!(a, b);
    }
}
