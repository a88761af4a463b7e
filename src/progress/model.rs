//! What progress assessment produces for one target in one area: every figure of methodology.md for
//! its kind, the inputs they came from, and the status with its reason. Charts, tables, reports and
//! `explain` all read this, never recompute it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Status;
use crate::catalog::{Comparator, Direction, TargetKind};

/// One observation used by an assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
    /// SDMX OBS_STATUS of the value (A, E, P, F), B when a series break starts here.
    pub status: String,
}

/// The target as the plan states it.
#[derive(Debug, Clone, Serialize)]
pub struct TargetDef {
    pub plan: String,
    pub id: String,
    pub indicator: String,
    pub kind: TargetKind,
    pub op: Option<Comparator>,
    /// y*: the level, change, rate, average, flow or total to reach (in the indicator's unit).
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// T.
    pub year: i32,
    /// The plan's baseline year t₀ and period.
    pub baseline_year: i32,
    pub period: [i32; 2],
    pub clause: Option<String>,
    pub quote: Option<String>,
}

/// The assessment of one target for one area as of one year.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub target: TargetDef,
    pub area: String,
    pub as_of: i32,
    pub direction: Direction,
    pub method: String,
    /// (t₀, y₀) actually used; may differ from the plan's baseline year (see `notes`).
    pub baseline: Option<Point>,
    /// (t_c, y_c): the latest observation at or before `as_of`.
    pub current: Option<Point>,
    /// The observations from the baseline to `as_of`, in year order (what was used).
    pub observations: Vec<Point>,
    /// Whether the target already holds at t_c.
    pub achieved: Option<bool>,
    pub status: Status,
    /// The ratio that drives the status (R of the kind).
    pub ratio: Option<f64>,
    /// Score in [−5, 5] (Open SDG scale), for roll-ups.
    pub score: Option<f64>,
    /// y* − y_c (levels), or the kind's equivalent.
    pub gap: Option<f64>,
    /// The required path value at t_c.
    pub required_now: Option<f64>,
    /// d·(y_c − y_req(t_c)): negative = behind schedule.
    pub deviation: Option<f64>,
    /// What is needed per year from now to still make it, in the kind's unit.
    pub needed_per_year: Option<f64>,
    /// What was achieved per year so far, for comparison with `needed_per_year`.
    pub observed_per_year: Option<f64>,
    /// Value projected for T at the current pace.
    pub projection: Option<f64>,
    /// The required path from t₀ to T, one point a year (for charts).
    pub path: Vec<(i32, f64)>,
    /// The projected path from t_c to T at the current pace (for charts).
    pub projection_path: Vec<(i32, f64)>,
    /// so với cùng kỳ: y_t / y_{t−1} × 100 for the current year.
    pub vs_last_year: Option<f64>,
    /// so với kế hoạch: y_t / plan_t × 100, when the plan sets a figure for the year.
    pub vs_plan: Option<f64>,
    /// Every intermediate figure by name (p, τ, cagr_observed, …), for explain and components.json.
    pub components: BTreeMap<String, f64>,
    /// Why the status is what it is, and every flag (baseline from another year, estimates used,
    /// series break, not feasible …), as stable codes with a message.
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub code: String,
    pub message: String,
}

impl Note {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Note {
            code: code.to_string(),
            message: message.into(),
        }
    }
}
