//! The value axis of the bar charts: grid lines at round ticks across the bars, tick labels beyond
//! the axis end, the axis title under a horizontal axis.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{self, Area, Res};
use super::error::draw_err;
use super::font;
use super::scale::Scale;
use super::theme::{self, Theme};

/// Which way the values run, and the extent of the grid lines across them.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Along {
    /// Values left to right (horizontal bars): vertical grid lines from `top` to `bottom`, labels below.
    X { top: i32, bottom: i32 },
    /// Values bottom to top (columns): horizontal grid lines from `left` to `right`, labels left.
    Y { left: i32, right: i32 },
}

pub(crate) fn grid<DB: DrawingBackend>(
    area: &Area<DB>,
    scale: &Scale,
    along: Along,
    label: &dyn Fn(f64) -> String,
    theme: &Theme,
) -> Res {
    let tick_style = font::regular(theme.tick, theme::MUTED_TEXT);
    for t in scale.ticks() {
        let p = scale.at(t);
        // The zero line is the bars' base: drawn as an axis, not as a grid line.
        let color = if t == 0.0 { theme::AXIS } else { theme::GRID };
        let (line, at, style) = match along {
            Along::X { top, bottom } => (
                vec![(p, top), (p, bottom)],
                (p, bottom + theme.margin / 4),
                draw::anchored(&tick_style, HPos::Center, VPos::Top),
            ),
            Along::Y { left, right } => (
                vec![(left, p), (right, p)],
                (left - theme.margin / 3, p),
                draw::anchored(&tick_style, HPos::Right, VPos::Center),
            ),
        };
        area.draw(&PathElement::new(line, color.stroke_width(1)))
            .map_err(draw_err)?;
        draw::text(area, &label(t), at, &style)?;
    }
    Ok(())
}

/// Height the tick labels and title of a horizontal axis take under the bars.
pub(crate) fn below_height(theme: &Theme) -> i32 {
    draw::line_height(theme.tick) * 2 + theme.margin / 2
}

/// The title under the tick labels of a horizontal axis whose bars end at `bottom`.
pub(crate) fn title_below<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    centre: i32,
    bottom: i32,
    theme: &Theme,
) -> Res {
    let style = draw::anchored(&font::regular(theme.tick, theme::MUTED_TEXT), HPos::Center, VPos::Top);
    let y = bottom + theme.margin / 4 + draw::line_height(theme.tick);
    draw::text(area, title, (centre, y), &style)
}

/// Where a horizontal bar's value label starts: past the bar's end, or for a negative value just
/// right of zero, since left of the bar lie the row labels.
pub(crate) fn value_label_x(scale: &Scale, v: f64, gap: i32) -> i32 {
    scale.at(v.max(0.0)) + gap
}
