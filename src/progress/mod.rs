//! Progress against targets (methodology.md): target kinds, status, scores, roll-ups.

mod assess;
mod disagreement;
mod kind;
mod kinds;
pub mod math;
mod model;
pub mod open_sdg;
pub mod rollup;
mod run;
mod status;

pub use assess::{Method, Options, assess_target, target_def, target_text};
pub use disagreement::{Disagreement, Side, disagreements};
pub use model::{Assessment, Note, Point, TargetDef};
pub use rollup::Rollup;
pub use run::{PlanRun, assess_points, assess_with, latest_year, plan_indicators, run_plan, series_points};
pub use status::{Status, Thresholds};

#[cfg(test)]
mod tests;
