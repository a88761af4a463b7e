//! The terminal table: the columns a planner reads first, within 100 columns, status in colour.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table};

use super::{ExportInput, Exporter, show};
use crate::error::Result;
use crate::i18n::Lang;
use crate::progress::Status;

pub struct Terminal {
    pub color: bool,
    pub width: u16,
}

/// The theme's status colour, as a terminal colour.
fn color(s: Status) -> Color {
    let c = crate::render::theme::status_color(s);
    Color::Rgb { r: c.0, g: c.1, b: c.2 }
}

impl Exporter for Terminal {
    fn extension(&self) -> &'static str {
        "txt"
    }

    fn export(&self, input: &ExportInput) -> Result<Vec<u8>> {
        let t = input.table;
        let lang = t.lang;
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.width);
        if !self.color {
            table.force_no_tty();
        } else {
            table.enforce_styling();
        }
        table.set_header(vec![
            lang.pick("Chỉ tiêu", "Indicator"),
            lang.pick("Thực hiện", "Latest"),
            lang.pick("Mục tiêu", "Target"),
            lang.pick("Cần/năm", "Need/yr"),
            lang.pick("Tỷ số", "Ratio"),
            lang.pick("Đánh giá", "Status"),
        ]);
        for r in &t.rows {
            let d = r.decimals;
            let latest = match (r.latest, r.latest_year) {
                (Some(_), Some(y)) => {
                    let flag = r
                        .latest_status
                        .as_deref()
                        .filter(|f| *f != "A")
                        .map(|f| format!(" {f}"))
                        .unwrap_or_default();
                    format!("{} ({y}{flag})", show(r.latest, d, lang))
                }
                _ => "–".into(),
            };
            let status = Cell::new(r.status.label(lang));
            let status = if self.color { status.fg(color(r.status)) } else { status };
            table.add_row(vec![
                Cell::new(if r.asean == "none" {
                    r.indicator_name.clone()
                } else {
                    format!("{} [{}]", r.indicator_name, r.asean)
                }),
                Cell::new(latest).set_alignment(CellAlignment::Right),
                Cell::new(format!("{} ({})", r.target_text, r.target_year)),
                Cell::new(show(r.needed_per_year, crate::report::table::pace_decimals(d), lang))
                    .set_alignment(CellAlignment::Right),
                Cell::new(show(r.ratio, Some(2), lang)).set_alignment(CellAlignment::Right),
                status,
            ]);
        }
        // Set once the columns exist (constraints on missing columns are dropped).
        // The indicator's name is what a reader scans for: it gets what the figures leave.
        use comfy_table::ColumnConstraint::{LowerBoundary, UpperBoundary};
        use comfy_table::Width::Fixed;
        let name_width = self.width.saturating_sub(76).max(20);
        table.set_constraints([
            LowerBoundary(Fixed(name_width)),
            UpperBoundary(Fixed(17)),
            UpperBoundary(Fixed(18)),
            UpperBoundary(Fixed(10)),
            UpperBoundary(Fixed(7)),
            UpperBoundary(Fixed(20)),
        ]);
        let title = format!(
            "{} — {} ({}), {} {}",
            t.plan_title,
            t.area_name,
            t.area,
            lang.pick("đến năm", "as of"),
            t.as_of
        );
        let mut out = format!("{title}\n{table}\n{}\n", t.scorecard());
        if !t.disagreements.is_empty() {
            out.push_str(&format!(
                "{}: {}\n",
                lang.pick("Kế hoạch khác nhau", "Plans disagree on"),
                t.disagreements
                    .iter()
                    .map(|d| d.indicator.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if lang == Lang::Vi {
            out.push_str(
                "E = ước tính, P = sơ bộ; `chitieu explain CHỈ_TIÊU --plan KẾ_HOẠCH` giải thích từng đánh giá.\n",
            );
        } else {
            out.push_str(
                "E = estimate, P = provisional; `chitieu explain INDICATOR --plan PLAN` explains each status.\n",
            );
        }
        Ok(out.into_bytes())
    }
}
