//! chitieu — a KPI indicator engine for Vietnamese provincial plan targets.
//!
//! The flow runs one way: catalogue + data → evaluation (ratio of sums up the area hierarchy) →
//! progress against targets → tables, charts and reports.

// Diagnostics are returned by value from loaders of user input, never on a hot path; boxing them
// would only add noise.
#![allow(clippy::result_large_err)]

pub mod catalog;
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod error;
pub mod eval;
pub mod formula;
pub mod frame;
pub mod fsutil;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod parquet;
pub mod progress;
pub mod project;
pub mod render;
pub mod report;
pub mod safe;
pub mod slots;
pub mod suggest;
pub mod timing;

pub use error::{Error, Result};
