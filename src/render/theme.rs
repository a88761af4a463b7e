//! The one visual theme of every chart: colours, output sizes, type sizes and line widths. Charts
//! read all of it from here so that a slide, a report page and a dashboard panel look alike.

use plotters::style::RGBColor;

use super::error::RenderError;
use crate::progress::Status;

/// Output size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// A 16:9 slide.
    pub const SLIDE: Size = Size {
        width: 1600,
        height: 900,
    };
    /// A figure across an A4 page at 150 dpi (210 mm wide), in the page's own proportions turned sideways.
    pub const A4: Size = Size {
        width: 1240,
        height: 877,
    };
    /// A whole portrait A4 page at 150 dpi, for a dashboard of many targets.
    pub const A4_PAGE: Size = Size {
        width: 1240,
        height: 1754,
    };

    const MIN_SIDE: u32 = 320;
    const MAX_SIDE: u32 = 8000;

    pub fn new(width: u32, height: u32) -> Self {
        Size { width, height }
    }

    /// Below the minimum the fixed type sizes no longer fit; above the maximum a PNG buffer gets huge.
    pub(crate) fn check(self) -> Result<(), RenderError> {
        let ok = |v: u32| (Self::MIN_SIDE..=Self::MAX_SIDE).contains(&v);
        if ok(self.width) && ok(self.height) {
            Ok(())
        } else {
            Err(RenderError::BadSize {
                width: self.width,
                height: self.height,
                min: Self::MIN_SIDE,
                max: Self::MAX_SIDE,
            })
        }
    }
}

impl Default for Size {
    fn default() -> Self {
        Size::SLIDE
    }
}

// Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision
// deficiencies. The status scale runs blue → green → orange → vermillion, with a darker red for
// deterioration so that it differs from vermillion in lightness, not only in hue.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const DARK_RED: RGBColor = RGBColor(0x9E, 0x1B, 0x32);
pub const GREY: RGBColor = RGBColor(0x9C, 0xA3, 0xAF);
/// Okabe–Ito sky blue: a milestone not due yet (neither good nor bad news).
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe–Ito reddish purple: a milestone past its year and not done.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// The observed series: a dark slate used for nothing else, so that the series is findable in an SVG.
pub const OBSERVED: RGBColor = RGBColor(0x1F, 0x29, 0x37);
/// The baseline square: as dark as the series, but its own colour, so that in an SVG the series' path
/// is the only one in the series colour.
pub const BASELINE: RGBColor = RGBColor(0x11, 0x18, 0x27);
/// The projection at the current pace continues the observed series, lighter.
pub const PROJECTION: RGBColor = RGBColor(0x6B, 0x72, 0x80);
pub const TEXT: RGBColor = RGBColor(0x11, 0x18, 0x27);
pub const MUTED_TEXT: RGBColor = RGBColor(0x4B, 0x55, 0x63);
pub const AXIS: RGBColor = RGBColor(0x4B, 0x55, 0x63);
pub const GRID: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
pub const PANEL_BORDER: RGBColor = RGBColor(0xD1, 0xD5, 0xDB);
pub const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
/// Bars of areas that are not highlighted in a ranking.
pub const BAR: RGBColor = RGBColor(0xA7, 0xB4, 0xC2);
/// Highlighted areas in a ranking (no status is shown there, so the blue is free).
pub const HIGHLIGHT: RGBColor = BLUE;

/// The colour of a status, everywhere: badges, target markers, required paths, bars.
pub fn status_color(status: Status) -> RGBColor {
    match status {
        Status::Achieved => BLUE,
        Status::OnTrack => BLUISH_GREEN,
        Status::NeedsAcceleration => ORANGE,
        Status::LimitedProgress => VERMILLION,
        Status::Deterioration => DARK_RED,
        Status::NotYet => SKY_BLUE,
        Status::Overdue => REDDISH_PURPLE,
        Status::NotAssessable => GREY,
    }
}

/// Text drawn on a status-coloured badge: whichever of white and near-black reads better on it.
pub fn status_text_color(status: Status) -> RGBColor {
    match status {
        Status::Achieved | Status::Deterioration => BACKGROUND,
        _ => TEXT,
    }
}

/// `#RRGGBB`, as plotters writes colours into SVG.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Type sizes and line widths for one output size. Sizes are in pixels of the output; plotters' own
/// unit is 1.24 × the SVG font-size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Theme {
    pub scale: f64,
    pub title: f64,
    pub subtitle: f64,
    pub heading: f64,
    pub label: f64,
    pub tick: f64,
    pub small: f64,
    pub margin: i32,
    pub line: u32,
    pub marker: i32,
}

impl Theme {
    /// Sizes are set for a 1600×900 slide and scaled with the smaller side ratio, so that a title
    /// never outgrows a narrow page; a floor keeps tick labels legible on small outputs.
    pub fn for_size(size: Size) -> Theme {
        let scale = (f64::from(size.width) / 1600.0)
            .min(f64::from(size.height) / 900.0)
            .max(0.55);
        Theme::scaled(scale)
    }

    pub fn scaled(scale: f64) -> Theme {
        let px = |v: f64| (v * scale).round();
        Theme {
            scale,
            title: px(44.0),
            subtitle: px(28.0),
            heading: px(26.0),
            label: px(24.0),
            tick: px(22.0),
            small: px(19.0),
            margin: px(28.0) as i32,
            line: px(4.0).max(2.0) as u32,
            marker: px(8.0).max(3.0) as i32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_colour() {
        let mut seen: Vec<String> = Status::ALL.iter().map(|s| hex(status_color(*s))).collect();
        seen.push(hex(OBSERVED));
        seen.push(hex(PROJECTION));
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "status, observed and projection colours must all differ");
    }

    #[test]
    fn sizes_outside_the_range_are_refused() {
        assert!(Size::SLIDE.check().is_ok());
        assert!(Size::A4_PAGE.check().is_ok());
        assert!(Size::new(10, 900).check().is_err());
        assert!(Size::new(1600, 100_000).check().is_err());
    }
}
