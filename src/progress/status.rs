//! Status classes of methodology.md §4, and the thresholds that separate them.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    OnTrack,
    NeedsAcceleration,
    LimitedProgress,
    Deterioration,
    /// A milestone not done yet, before its year.
    NotYet,
    /// A milestone not done after its year.
    Overdue,
    NotAssessable,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::NotYet,
        Status::Overdue,
        Status::NotAssessable,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::NeedsAcceleration => "needs_acceleration",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::NotYet => "not_yet",
            Status::Overdue => "overdue",
            Status::NotAssessable => "not_assessable",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Achieved, Lang::Vi) => "Đã đạt",
            (Status::Achieved, Lang::En) => "Achieved",
            (Status::OnTrack, Lang::Vi) => "Đúng tiến độ",
            (Status::OnTrack, Lang::En) => "On track",
            (Status::NeedsAcceleration, Lang::Vi) => "Cần đẩy nhanh",
            (Status::NeedsAcceleration, Lang::En) => "Needs acceleration",
            (Status::LimitedProgress, Lang::Vi) => "Tiến bộ hạn chế",
            (Status::LimitedProgress, Lang::En) => "Limited progress",
            (Status::Deterioration, Lang::Vi) => "Đi ngược mục tiêu",
            (Status::Deterioration, Lang::En) => "Deterioration",
            (Status::NotYet, Lang::Vi) => "Chưa đến hạn",
            (Status::NotYet, Lang::En) => "Not yet due",
            (Status::Overdue, Lang::Vi) => "Quá hạn",
            (Status::Overdue, Lang::En) => "Overdue",
            (Status::NotAssessable, Lang::Vi) => "Chưa đánh giá được",
            (Status::NotAssessable, Lang::En) => "Not assessable",
        }
    }

    /// The Open SDG label of the same class.
    pub fn open_sdg(self) -> &'static str {
        match self {
            Status::Achieved => "target_achieved",
            Status::OnTrack => "substantial_progress",
            Status::NeedsAcceleration => "moderate_progress",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration | Status::Overdue => "deterioration",
            Status::NotYet | Status::NotAssessable => "not_available",
        }
    }

    /// Met or exceeded, for the scorecard officials quote ("38 of 42 targets met or exceeded").
    pub fn is_met(self) -> bool {
        self == Status::Achieved
    }

    /// Off track: what `--fail-on off-track` alerts on.
    pub fn is_off_track(self) -> bool {
        matches!(self, Status::LimitedProgress | Status::Deterioration | Status::Overdue)
    }

    /// The class of a roll-up score (methodology.md §5): [2.5, 5] substantial, [0, 2.5) moderate,
    /// [−2.5, 0) limited, [−5, −2.5) deterioration.
    pub fn from_score(score: f64) -> Status {
        if !score.is_finite() {
            Status::NotAssessable
        } else if score >= 2.5 {
            Status::OnTrack
        } else if score >= 0.0 {
            Status::NeedsAcceleration
        } else if score >= -2.5 {
            Status::LimitedProgress
        } else {
            Status::Deterioration
        }
    }
}

/// Boundaries on the kind's ratio R (configurable per report).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// R ≥ this: on track.
    pub on_track: f64,
    /// R ≥ this: needs acceleration; below: limited progress (down to 0).
    pub acceleration: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            on_track: 0.95,
            acceleration: 0.60,
        }
    }
}

impl Thresholds {
    /// Score in [−5, 5] for a ratio, piecewise linear through the thresholds: R = on_track → 2.5,
    /// R = acceleration → 0, R = 0 → −2.5. With the default thresholds this is exactly Open SDG's
    /// method-2 score ((50/7)·P − 30/7 above 0.6, (25/6)·P − 2.5 below).
    pub fn score(&self, ratio: f64) -> Option<f64> {
        if !ratio.is_finite() {
            return None;
        }
        let s = if ratio >= self.acceleration {
            (2.5 * (ratio - self.acceleration) / (self.on_track - self.acceleration)).min(5.0)
        } else {
            (2.5 * ratio / self.acceleration - 2.5).max(-5.0)
        };
        Some(s)
    }

    /// The class of a ratio when the target is not already achieved.
    pub fn classify(&self, ratio: f64) -> Status {
        if !ratio.is_finite() {
            Status::NotAssessable
        } else if ratio >= self.on_track {
            Status::OnTrack
        } else if ratio >= self.acceleration {
            Status::NeedsAcceleration
        } else if ratio >= 0.0 {
            Status::LimitedProgress
        } else {
            Status::Deterioration
        }
    }
}
