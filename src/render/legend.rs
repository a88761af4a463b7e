//! Legend entries: a small sample of what is drawn, and its label. Line samples are drawn as thin
//! rectangles, never as paths, so that in an SVG the only path in the series colour is the series.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{self, Area, MarkerStyle, Res, Shape};
use super::error::draw_err;
use super::font;
use super::theme::{self, Theme};
use crate::progress::Status;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    Observed,
    Estimate,
    Baseline,
    RequiredPath(RGBColor),
    Projection,
    Target(Shape, Status),
    Status(Status),
}

/// Width of a line sample, before its label.
pub(crate) fn sample_width(theme: &Theme) -> i32 {
    (52.0 * theme.scale).round() as i32
}

/// Width a swatch takes: line samples are long, single markers and colour boxes are not.
fn swatch_width(swatch: Swatch, theme: &Theme) -> i32 {
    match swatch {
        Swatch::Observed | Swatch::RequiredPath(_) | Swatch::Projection => sample_width(theme),
        _ => (theme.marker + 4) * 2,
    }
}

/// Draw one entry with its left end at `at.0` and its vertical centre at `at.1`; returns its width.
pub(crate) fn item<DB: DrawingBackend>(
    area: &Area<DB>,
    swatch: Swatch,
    label: &str,
    at: (i32, i32),
    theme: &Theme,
    size: f64,
) -> Res<i32> {
    let sw = swatch_width(swatch, theme);
    sample(area, swatch, (at.0, at.1), sw, theme)?;
    let style = draw::anchored(&font::regular(size, theme::TEXT), HPos::Left, VPos::Center);
    let gap = (size * 0.5) as i32;
    draw::text(area, label, (at.0 + sw + gap, at.1), &style)?;
    Ok(sw + gap + draw::text_width(area, label, &style)?)
}

fn bar<DB: DrawingBackend>(area: &Area<DB>, x0: i32, x1: i32, y: i32, thick: i32, color: RGBColor) -> Res {
    let half = (thick / 2).max(1);
    area.draw(&Rectangle::new([(x0, y - half), (x1, y + half)], color.filled()))
        .map_err(draw_err)
}

fn broken_bar<DB: DrawingBackend>(
    area: &Area<DB>,
    (x0, x1, y): (i32, i32, i32),
    thick: i32,
    (on, off): (i32, i32),
    color: RGBColor,
) -> Res {
    let mut x = x0;
    while x < x1 {
        bar(area, x, (x + on).min(x1), y, thick, color)?;
        x += on + off;
    }
    Ok(())
}

pub(crate) fn sample<DB: DrawingBackend>(
    area: &Area<DB>,
    swatch: Swatch,
    (x, y): (i32, i32),
    sw: i32,
    theme: &Theme,
) -> Res {
    let lw = theme.line as i32;
    let r = theme.marker;
    let mid = (x + sw / 2, y);
    match swatch {
        Swatch::Observed => {
            bar(area, x, x + sw, y, lw, theme::OBSERVED)?;
            area.draw(&Circle::new(mid, r, theme::OBSERVED.filled()))
                .map_err(draw_err)
        }
        Swatch::Estimate => {
            area.draw(&Circle::new(mid, r, theme::OBSERVED.filled()))
                .map_err(draw_err)?;
            area.draw(&Circle::new(
                mid,
                super::trend::ring_hole(r),
                theme::BACKGROUND.filled(),
            ))
            .map_err(draw_err)
        }
        Swatch::Baseline => {
            for [a, b] in draw::square_ring(r + 2, 3) {
                let corners = [(mid.0 + a.0, y + a.1), (mid.0 + b.0, y + b.1)];
                area.draw(&Rectangle::new(corners, theme::BASELINE.filled()))
                    .map_err(draw_err)?;
            }
            Ok(())
        }
        Swatch::RequiredPath(color) => broken_bar(area, (x, x + sw, y), lw, (lw * 3, lw * 2), color),
        Swatch::Projection => broken_bar(area, (x, x + sw, y), lw, (lw, lw * 2), theme::PROJECTION),
        Swatch::Target(shape, status) => draw::marker_px(
            area,
            mid,
            MarkerStyle {
                shape,
                fill: theme::status_color(status),
                stroke: theme::TEXT,
                stroke_width: 2,
            },
            r + 2,
        ),
        Swatch::Status(status) => {
            let s = r + 3;
            area.draw(&Rectangle::new(
                [(mid.0 - s, y - s), (mid.0 + s, y + s)],
                theme::status_color(status).filled(),
            ))
            .map_err(draw_err)
        }
    }
}

fn flow_line_height(theme: &Theme, size: f64) -> i32 {
    draw::line_height(size).max(theme.marker * 2 + 6)
}

/// Where each entry of a wrapping row goes: (x offset, row index), and the number of rows.
fn flow_layout<DB: DrawingBackend>(
    area: &Area<DB>,
    items: &[(Swatch, String)],
    max_w: i32,
    theme: &Theme,
    size: f64,
) -> Res<(Vec<(i32, i32)>, i32)> {
    let style = font::regular(size, theme::TEXT);
    let gap = (size * 1.4) as i32;
    let (mut x, mut row) = (0, 0);
    let mut out = Vec::with_capacity(items.len());
    for (swatch, label) in items {
        let w = swatch_width(*swatch, theme) + (size * 0.5) as i32 + draw::text_width(area, label, &style)?;
        if x > 0 && x + w > max_w {
            x = 0;
            row += 1;
        }
        out.push((x, row));
        x += w + gap;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    Ok((out, rows))
}

/// Entries laid out left to right from `at`, wrapping at `max_w`; returns the y below the last row.
pub(crate) fn flow<DB: DrawingBackend>(
    area: &Area<DB>,
    items: &[(Swatch, String)],
    at: (i32, i32),
    max_w: i32,
    theme: &Theme,
    size: f64,
) -> Res<i32> {
    let lh = flow_line_height(theme, size);
    let (positions, rows) = flow_layout(area, items, max_w, theme, size)?;
    for ((swatch, label), (dx, row)) in items.iter().zip(positions) {
        item(area, *swatch, label, (at.0 + dx, at.1 + row * lh + lh / 2), theme, size)?;
    }
    Ok(at.1 + rows * lh)
}

/// Height `flow` will take for the same entries.
pub(crate) fn flow_height<DB: DrawingBackend>(
    area: &Area<DB>,
    items: &[(Swatch, String)],
    max_w: i32,
    theme: &Theme,
    size: f64,
) -> Res<i32> {
    let (_, rows) = flow_layout(area, items, max_w, theme, size)?;
    Ok(rows * flow_line_height(theme, size))
}

/// One entry per status that occurs, in the scale's order (best first).
pub(crate) fn statuses(present: impl IntoIterator<Item = Status>, lang: crate::i18n::Lang) -> Vec<(Swatch, String)> {
    let present: Vec<Status> = present.into_iter().collect();
    Status::ALL
        .iter()
        .filter(|s| present.contains(s))
        .map(|s| (Swatch::Status(*s), s.label(lang).to_string()))
        .collect()
}
