//! Tables and reports: the gap-table model, its exporters, and the report bundle.

pub mod export;
pub mod table;

pub use table::{GapRow, GapTable, gap_table};

use crate::progress::Status;

/// A status colour as `#RRGGBB`, from the one theme (charts, HTML and workbooks alike).
pub fn theme_status_hex(s: Status) -> String {
    crate::render::theme::hex(crate::render::theme::status_color(s))
}

/// The text colour that reads on a status fill, from the same theme.
pub fn theme_status_text_hex(s: Status) -> String {
    crate::render::theme::hex(crate::render::theme::status_text_color(s))
}

pub mod bundle;
pub mod charts;
pub mod html;
pub mod index;
