//! Markdown: the gap table, the roll-up by ASEAN goal, the disagreements and the method footnote.

use super::{ExportInput, Exporter, show};
use crate::error::Result;
use crate::i18n::Lang;
use crate::report::table::{GapRow, GapTable};

pub struct Markdown;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn value_with_year(v: Option<f64>, y: Option<i32>, flag: Option<&str>, dec: Option<u8>, lang: Lang) -> String {
    match (v, y) {
        (Some(_), Some(y)) => {
            let flag = flag.filter(|f| *f != "A").map(|f| format!(", {f}")).unwrap_or_default();
            format!("{} ({y}{flag})", show(v, dec, lang))
        }
        _ => "–".into(),
    }
}

pub fn row_cells(r: &GapRow, lang: Lang) -> Vec<String> {
    let d = r.decimals;
    vec![
        cell(&r.indicator_name),
        r.asean.clone(),
        cell(&r.unit),
        value_with_year(r.baseline, r.baseline_year, None, d, lang),
        value_with_year(r.latest, r.latest_year, r.latest_status.as_deref(), d, lang),
        format!("{} ({})", cell(&r.target_text), r.target_year),
        show(r.vs_last_year, Some(1), lang),
        show(r.vs_plan, Some(1), lang),
        show(r.gap, d, lang),
        show(r.required_now, d, lang),
        show(r.needed_per_year, crate::report::table::pace_decimals(d), lang),
        show(r.projection, d, lang),
        show(r.ratio, Some(2), lang),
        r.status.label(lang).to_string(),
    ]
}

pub fn headers(lang: Lang) -> Vec<&'static str> {
    vec![
        lang.pick("Chỉ tiêu", "Indicator"),
        "ASEAN",
        lang.pick("Đơn vị", "Unit"),
        lang.pick("Gốc (năm)", "Baseline (year)"),
        lang.pick("Thực hiện (năm)", "Latest (year)"),
        lang.pick("Mục tiêu (năm)", "Target (year)"),
        lang.pick("So với cùng kỳ (%)", "vs last year (%)"),
        lang.pick("So với KH (%)", "vs plan (%)"),
        lang.pick("Khoảng cách", "Gap"),
        lang.pick("Lộ trình", "Required path"),
        lang.pick("Cần mỗi năm", "Needed per year"),
        lang.pick("Dự báo", "Projection"),
        lang.pick("Tỷ số", "Ratio"),
        lang.pick("Đánh giá", "Status"),
    ]
}

/// The method footnote, shared with the HTML report.
pub fn method_note(t: &GapTable) -> String {
    let lang = t.lang;
    let th = t.thresholds;
    match lang {
        Lang::Vi => format!(
            "Phương pháp: {} (tỷ số theo từng loại chỉ tiêu; đúng tiến độ khi tỷ số ≥ {}, cần đẩy nhanh khi ≥ {}, hạn chế khi ≥ 0, đi ngược khi < 0). \
             Tính bằng số thực f64, phân loại trên giá trị chưa làm tròn; chỉ làm tròn khi hiển thị (làm tròn nửa xa số 0). \
             \"So với kế hoạch\" với chỉ tiêu giảm là tốt: dưới 100 % là vượt kế hoạch.",
            t.method,
            crate::i18n::format_number(th.on_track, Some(2), lang),
            crate::i18n::format_number(th.acceleration, Some(2), lang)
        ),
        Lang::En => format!(
            "Method: {} (each kind's ratio; on track when the ratio ≥ {}, needs acceleration when ≥ {}, limited progress when ≥ 0, deterioration below 0). \
             Computed in f64 and classified on unrounded values; rounded for display only (half away from zero). \
             For lower-is-better indicators, \"vs plan\" below 100 % means better than planned.",
            t.method, th.on_track, th.acceleration
        ),
    }
}

impl Exporter for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        let t = input.table;
        let lang = t.lang;
        let mut o = String::new();
        o.push_str(&format!(
            "# {} — {} ({})\n\n",
            cell(&t.plan_title),
            cell(&t.area_name),
            t.area
        ));
        o.push_str(&format!(
            "{}: **{}**. {}\n\n",
            lang.pick("Đánh giá đến năm", "Evaluation as of"),
            t.as_of,
            t.scorecard()
        ));
        let h = headers(lang);
        o.push_str(&format!("| {} |\n", h.join(" | ")));
        o.push_str(&format!(
            "|{}\n",
            h.iter()
                .enumerate()
                .map(|(i, _)| if (6..=12).contains(&i) { "---:|" } else { "---|" })
                .collect::<String>()
        ));
        for r in &t.rows {
            o.push_str(&format!("| {} |\n", row_cells(r, lang).join(" | ")));
        }
        o.push_str(&format!(
            "\n## {}\n\n",
            lang.pick("Theo mục tiêu chiến lược ASEAN", "By ASEAN strategic goal")
        ));
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---|\n",
            lang.pick("Mục tiêu", "Goal"),
            lang.pick("Số chỉ tiêu", "Targets"),
            lang.pick("Đã đạt", "Met"),
            lang.pick("Điểm TB", "Mean score"),
            lang.pick("Đánh giá", "Status")
        ));
        for g in &t.by_asean {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                g.key,
                g.total,
                g.met,
                show(g.mean_score, Some(2), lang),
                g.status.label(lang)
            ));
        }
        if !t.disagreements.is_empty() {
            o.push_str(&format!(
                "\n## {}\n\n",
                lang.pick("Các kế hoạch đặt mục tiêu khác nhau", "Plans that disagree")
            ));
            for d in &t.disagreements {
                let side = |s: &crate::progress::Side| {
                    format!(
                        "{} {}{} {} ({})",
                        s.plan,
                        s.op.clone().unwrap_or_default(),
                        s.value
                            .map(|v| format!(" {}", crate::i18n::format_number(v, None, lang)))
                            .unwrap_or_default(),
                        s.year,
                        s.clause.clone().unwrap_or_default()
                    )
                };
                o.push_str(&format!(
                    "- `{}`: {} / {} ({})\n",
                    d.indicator,
                    cell(&side(&d.a)),
                    cell(&side(&d.b)),
                    d.differs.join(", ")
                ));
            }
        }
        let noted: Vec<_> = t.rows.iter().filter(|r| !r.notes.is_empty()).collect();
        if !noted.is_empty() {
            o.push_str(&format!("\n## {}\n\n", lang.pick("Ghi chú", "Notes")));
            for r in noted {
                o.push_str(&format!("- `{}`: {}\n", r.target, cell(&r.notes.join("; "))));
            }
        }
        o.push_str(&format!("\n---\n{}\n", method_note(t)));
        Ok(o.into_bytes())
    }
}
