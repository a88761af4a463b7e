//! One file per target kind of methodology.md §3.

pub mod annual_change;
pub mod annual_flow;
pub mod cumulative;
pub mod growth;
pub mod level;
pub mod milestone;
pub mod period_average;
pub mod range;
pub mod relative;
pub mod trend;
