//! Charts a planner can put on a briefing slide: trend, dashboard of small multiples, progress by
//! ASEAN goal, area ranking. Callers fill the plain input model ([`TrendInput`], …, or the
//! adapters from `progress::Assessment`) and ask for SVG text or PNG bytes; nothing here reads
//! files or recomputes progress.
//!
//! Every chart is drawn by one generic function over plotters' backends, so the SVG and the PNG of a
//! chart have the same layout; the PNG uses the embedded DejaVu Sans and is the same on every machine.

mod adapter;
mod axis;
mod dashboard;
mod draw;
mod error;
pub mod font;
pub mod format;
mod goal_bars;
mod labels;
mod legend;
mod model;
mod ranking;
mod scale;
pub mod theme;
mod trend;

use std::path::Path;

use plotters::prelude::*;

pub use error::RenderError;
pub use model::{
    Chart, DashboardInput, DashboardPanel, GoalBar, GoalBarsInput, GoalGroup, RankBar, RankingInput, TargetLine,
    TargetMark, TrendInput,
};
pub use theme::Size;

use error::draw_err;
use theme::Theme;

/// An output format, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    /// `.svg` or `.png`, in any case.
    pub fn from_path(path: &Path) -> Result<Format, RenderError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "svg" => Ok(Format::Svg),
            "png" => Ok(Format::Png),
            _ => Err(RenderError::UnknownFormat(path.to_path_buf())),
        }
    }
}

/// The chart as an SVG document. Text stays text (font-family "DejaVu Sans" with fallbacks), so
/// the report bundle can inline it and search engines and screen readers can read it.
pub fn render_svg(chart: &Chart, size: Size) -> Result<String, RenderError> {
    size.check()?;
    font::ensure_registered()?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (size.width, size.height)).into_drawing_area();
        draw_chart(&root, chart, size)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out)
}

/// The chart as PNG bytes (8-bit RGB). The same input gives the same bytes.
pub fn render_png(chart: &Chart, size: Size) -> Result<Vec<u8>, RenderError> {
    size.check()?;
    font::ensure_registered()?;
    let (w, h) = (size.width as usize, size.height as usize);
    let mut rgb = vec![0u8; w * h * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (size.width, size.height)).into_drawing_area();
        draw_chart(&root, chart, size)?;
        root.present().map_err(draw_err)?;
    }
    encode_png(&rgb, size)
}

/// The chart in `format`, as bytes.
pub fn render(chart: &Chart, size: Size, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Svg => render_svg(chart, size).map(String::into_bytes),
        Format::Png => render_png(chart, size),
    }
}

/// Write the chart to `path`, in the format its extension names. The file is replaced whole or not
/// at all: a reader never sees half a chart.
pub fn render_to_file(chart: &Chart, size: Size, path: &Path) -> Result<(), RenderError> {
    let bytes = render(chart, size, Format::from_path(path)?)?;
    crate::fsutil::write_atomic(path, &bytes).map_err(|e| RenderError::Write(Box::new(e)))
}

fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &Chart,
    size: Size,
) -> Result<(), RenderError> {
    let theme = Theme::for_size(size);
    root.fill(&theme::BACKGROUND).map_err(draw_err)?;
    match chart {
        Chart::Trend(t) => trend::draw(root, t, &theme),
        Chart::Dashboard(d) => dashboard::draw(root, d, &theme),
        Chart::GoalBars(g) => goal_bars::draw(root, g, &theme),
        Chart::Ranking(r) => ranking::draw(root, r, &theme),
    }
}

fn encode_png(rgb: &[u8], size: Size) -> Result<Vec<u8>, RenderError> {
    let encode = |e: png::EncodingError| RenderError::Encode(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size.width, size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode)?;
    writer.write_image_data(rgb).map_err(encode)?;
    writer.finish().map_err(encode)?;
    Ok(out)
}

#[cfg(test)]
mod tests;
