//! SDMX OBS_STATUS codes carried by every observation.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ObsStatus {
    /// Normal value.
    A,
    /// Provisional (sơ bộ).
    P,
    /// Estimated (ước tính).
    E,
    /// Forecast.
    F,
    /// Break in the series at this value.
    B,
}

impl ObsStatus {
    pub const CODES: [&'static str; 5] = ["A", "E", "P", "F", "B"];

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "" | "A" => Some(ObsStatus::A),
            "E" => Some(ObsStatus::E),
            "P" => Some(ObsStatus::P),
            "F" => Some(ObsStatus::F),
            "B" => Some(ObsStatus::B),
            _ => None,
        }
    }

    /// How much a value built from this input must be qualified: the derived value carries the
    /// strongest qualification of its inputs (a ratio of an estimate is an estimate).
    pub fn rank(self) -> i32 {
        match self {
            ObsStatus::A | ObsStatus::B => 0,
            ObsStatus::P => 1,
            ObsStatus::E => 2,
            ObsStatus::F => 3,
        }
    }

    pub fn from_rank(r: i32) -> Self {
        match r {
            1 => ObsStatus::P,
            2 => ObsStatus::E,
            3 => ObsStatus::F,
            _ => ObsStatus::A,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ObsStatus::A => "A",
            ObsStatus::E => "E",
            ObsStatus::P => "P",
            ObsStatus::F => "F",
            ObsStatus::B => "B",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (ObsStatus::A, Vi) => "chính thức",
            (ObsStatus::A, En) => "official",
            (ObsStatus::E, Vi) => "ước tính",
            (ObsStatus::E, En) => "estimate",
            (ObsStatus::P, Vi) => "sơ bộ",
            (ObsStatus::P, En) => "provisional",
            (ObsStatus::F, Vi) => "dự báo",
            (ObsStatus::F, En) => "forecast",
            (ObsStatus::B, Vi) => "đứt gãy chuỗi",
            (ObsStatus::B, En) => "series break",
        }
    }
}
