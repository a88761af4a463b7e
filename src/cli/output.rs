//! Shared pieces of terminal, CSV and JSON output for the listing commands.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// A column: its header and whether it holds numbers (right-aligned).
pub struct Col {
    pub header: String,
    pub numeric: bool,
}

pub fn col(header: impl Into<String>, numeric: bool) -> Col {
    Col {
        header: header.into(),
        numeric,
    }
}

pub fn table(cols: &[Col], rows: &[Vec<String>]) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some((w, _)) = terminal_width() {
        t.set_width(w);
    }
    t.set_header(cols.iter().map(|c| Cell::new(&c.header)));
    for r in rows {
        t.add_row(r.iter().zip(cols).map(|(v, c)| {
            let cell = Cell::new(v);
            if c.numeric {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    t.to_string()
}

fn terminal_width() -> Option<(u16, u16)> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .map(|w| (w, 0))
}

/// CSV with a header; `rows` are already-safe fields (see `crate::safe`).
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = headers.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}
