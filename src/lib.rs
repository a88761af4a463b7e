//! chitieu — a KPI indicator engine for Vietnamese provincial plan targets.
//!
//! The flow runs one way: catalogue + data → evaluation (ratio of sums up the area hierarchy) →
//! progress against targets → tables, charts and reports.

pub mod catalog;
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod eval;
pub mod formula;
pub mod frame;
pub mod fsutil;
pub mod i18n;
pub mod import;
pub mod project;
pub mod safe;
pub mod suggest;

pub use error::{Error, Result};
