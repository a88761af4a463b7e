//! Progress against targets (methodology.md): target kinds, status, scores.

mod model;
mod status;

pub use model::{Assessment, Note, Point, TargetDef};
pub use status::{Status, Thresholds};
