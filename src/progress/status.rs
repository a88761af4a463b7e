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
    NotAssessable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::NeedsAcceleration,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::NotAssessable,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::NeedsAcceleration => "needs_acceleration",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
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
            Status::Deterioration => "deterioration",
            Status::NotAssessable => "not_available",
        }
    }

    /// Met or exceeded, for the scorecard officials quote ("38 of 42 targets met or exceeded").
    pub fn is_met(self) -> bool {
        self == Status::Achieved
    }

    /// Off track: what `--fail-on off-track` alerts on.
    pub fn is_off_track(self) -> bool {
        matches!(self, Status::LimitedProgress | Status::Deterioration)
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
