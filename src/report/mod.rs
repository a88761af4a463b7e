//! Tables and reports: the gap-table model, its exporters, and the report bundle.

pub mod export;
pub mod table;

pub use table::{GapRow, GapTable, gap_table};

use crate::progress::Status;

/// Status colours, colour-blind safe (Okabe–Ito), shared by tables and workbooks.
pub fn theme_status_hex(s: Status) -> &'static str {
    match s {
        Status::Achieved => "#009E73",
        Status::OnTrack => "#56B4E9",
        Status::NeedsAcceleration => "#F0E442",
        Status::LimitedProgress => "#E69F00",
        Status::Deterioration => "#D55E00",
        Status::NotYet => "#CC79A7",
        Status::Overdue => "#882255",
        Status::NotAssessable => "#BBBBBB",
    }
}

pub mod bundle;
pub mod charts;
pub mod html;
pub mod index;
