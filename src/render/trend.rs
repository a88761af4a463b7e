//! The trend chart: the observed series, each plan's baseline, required path, target and projection,
//! with the status in colour. The same plot, compact, makes a dashboard panel.

use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{self, Area, MarkerStyle, Res, Shape};
use super::error::draw_err;
use super::font::{self, nfc};
use super::format;
use super::labels;
use super::legend::{self, Swatch};
use super::model::{TargetMark, TrendInput};
use super::scale::nice_step;
use super::theme::{self, Theme};

type Plot<DB> = DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A chart of its own: axis titles, target labels on the plot.
    Full,
    /// A dashboard panel: small ticks, no axis titles, targets described above the plot.
    Compact,
}

/// A whole trend chart: title, plot, and a side panel with the targets and the legend.
pub(crate) fn draw<DB: DrawingBackend>(root: &Area<DB>, input: &TrendInput, theme: &Theme) -> Res {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let top = draw::header(root, &input.title, input.subtitle.as_deref(), theme)?;
    let foot = draw::footnote(root, &footnote(input), theme)?;
    let body_h = (h - top - foot).max(1);
    if !has_data(input) {
        // The targets are still worth reading: the planner learns what is asked and that no figure exists.
        let mut msg = vec![draw::no_data_message(input.lang, &input.area)];
        msg.extend(
            input
                .targets
                .iter()
                .filter_map(|t| target_text(input, t).map(|f| format!("{}: {f}", t.plan))),
        );
        let body = root.clone().shrink((0, top), (w, body_h));
        return draw::message(&body, &msg, theme.subtitle);
    }
    let side_w = (f64::from(w) * 0.26).round() as i32;
    let plot_area = root.clone().shrink((0, top), (w - side_w, body_h));
    let side = root.clone().shrink((w - side_w, top), (side_w, body_h));
    plot(&plot_area, input, theme, Mode::Full)?;
    side_panel(&side, input, theme)
}

/// Whether there is anything to draw: at least one finite observation.
pub(crate) fn has_data(input: &TrendInput) -> bool {
    input.series.iter().any(|p| p.value.is_finite())
}

/// The years where a series break starts.
fn break_years(input: &TrendInput) -> Vec<i32> {
    input
        .series
        .iter()
        .filter(|p| p.status.eq_ignore_ascii_case("B"))
        .map(|p| p.year)
        .collect()
}

fn footnote(input: &TrendInput) -> String {
    let breaks = break_years(input);
    let mut parts: Vec<String> = Vec::new();
    if !breaks.is_empty() {
        parts.push(labels::series_break(input.lang, &breaks));
    }
    if let Some(n) = input.note.as_deref().filter(|n| !n.trim().is_empty()) {
        parts.push(n.trim().to_string());
    }
    parts.join(" ")
}

pub(crate) fn is_hollow(status: &str) -> bool {
    ["E", "P", "F"].iter().any(|s| status.eq_ignore_ascii_case(s))
}

/// The printed form of a target ("≥ 55 % (2030)"), if it has one.
pub(crate) fn target_text(input: &TrendInput, t: &TargetMark) -> Option<String> {
    t.text
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| format::target(t.comparator, t.value, t.band, t.year, &input.unit, input.lang))
}

/// Where a target's marker (and label) sits, in data coordinates.
fn target_anchor(t: &TargetMark) -> Option<(f64, f64)> {
    let finite = |v: f64| v.is_finite().then_some(v);
    if let Some((lo, hi)) = t.band.filter(|(lo, hi)| lo.is_finite() && hi.is_finite()) {
        return Some((f64::from(t.year), (lo + hi) / 2.0));
    }
    let v = t.value.and_then(finite)?;
    let x = t.span.map(|(_, b)| b).unwrap_or(t.year);
    Some((f64::from(x), v))
}

/// The axis ranges: every drawn thing inside, the value axis snapped to round numbers.
struct Bounds {
    x: (f64, f64),
    y: (f64, f64),
}

impl Bounds {
    fn of(input: &TrendInput) -> Option<Bounds> {
        if !has_data(input) {
            return None;
        }
        let mut xs: Vec<f64> = Vec::new();
        let mut ys: Vec<f64> = Vec::new();
        let mut add = |x: f64, y: f64| {
            if x.is_finite() && y.is_finite() {
                xs.push(x);
                ys.push(y);
            }
        };
        for p in &input.series {
            add(f64::from(p.year), p.value);
        }
        for t in &input.targets {
            if let Some((lo, hi)) = t.band {
                add(f64::from(t.year), lo);
                add(f64::from(t.year), hi);
            }
            if let Some(v) = t.value {
                add(f64::from(t.year), v);
                if let Some((a, b)) = t.span {
                    add(f64::from(a), v);
                    add(f64::from(b), v);
                }
            }
            if let Some(b) = &t.baseline {
                add(f64::from(b.year), b.value);
            }
            for (x, y) in t.path.iter().chain(&t.projection_path) {
                add(f64::from(*x), *y);
            }
        }
        let (xmin, xmax) = min_max(&xs)?;
        let (ymin, ymax) = min_max(&ys)?;
        let x = if xmax - xmin < 1.0 {
            (xmin - 1.0, xmax + 1.0)
        } else {
            (xmin - 0.5, xmax + 0.5)
        };
        Some(Bounds {
            x,
            y: value_range(ymin, ymax, input.zero_based),
        })
    }
}

fn min_max(v: &[f64]) -> Option<(f64, f64)> {
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

/// Zero-based for rates (the honest picture of a share); otherwise the data's own range with a
/// little air, so that a level far from zero is not squashed into a flat line.
pub(crate) fn value_range(ymin: f64, ymax: f64, zero_based: bool) -> (f64, f64) {
    let (lo, hi) = if zero_based {
        (ymin.min(0.0), ymax.max(0.0))
    } else {
        (ymin, ymax)
    };
    let span = if hi - lo > 0.0 {
        hi - lo
    } else {
        hi.abs().max(1.0) * 0.2
    };
    let pad = span * 0.06;
    let step = nice_step(span + 2.0 * pad);
    let top = ((hi + pad) / step).ceil() * step;
    let bottom = if zero_based && lo >= 0.0 {
        0.0
    } else {
        ((lo - pad) / step).floor() * step
    };
    (bottom, top.max(bottom + step))
}

/// Plot the series and the targets in `area`.
pub(crate) fn plot<DB: DrawingBackend>(area: &Area<DB>, input: &TrendInput, theme: &Theme, mode: Mode) -> Res {
    let full = mode == Mode::Full;
    let Some(bounds) = Bounds::of(input) else {
        let size = if full { theme.subtitle } else { theme.small };
        return draw::message(area, &[draw::no_data_message(input.lang, &input.area)], size);
    };
    let lang = input.lang;
    let tick_size = if full { theme.tick } else { theme.small };
    let tick_style = font::regular(tick_size, theme::MUTED_TEXT);
    let label_style = draw::anchored(&font::bold(theme.label, theme::TEXT), HPos::Left, VPos::Center);
    let marker = if full {
        theme.marker
    } else {
        (theme.marker * 2 / 3).max(3)
    };

    let labels: Vec<(usize, String)> = if full {
        input
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| target_anchor(t).is_some())
            .filter_map(|(i, t)| target_text(input, t).map(|s| (i, s)))
            .collect()
    } else {
        Vec::new()
    };
    let mut label_room = 0;
    for (_, l) in &labels {
        label_room = label_room.max(draw::text_width(area, l, &label_style)? + label_offset(marker));
    }

    // Room for the widest tick label: the round bounds are the widest candidates.
    let step = nice_step(bounds.y.1 - bounds.y.0);
    let mut widest = 0;
    let mut v = bounds.y.0;
    while v <= bounds.y.1 + step / 2.0 {
        widest = widest.max(draw::text_width(area, &format::tick(v, lang), &tick_style)?);
        v += step / 2.0;
    }
    let desc_room = if full { draw::line_height(theme.label) } else { 0 };
    let y_area = widest + (tick_size * 0.9) as i32 + desc_room;
    let x_area = draw::line_height(tick_size) + (tick_size * 0.5) as i32 + desc_room;
    let pad = if full { theme.margin / 2 } else { theme.margin / 4 };
    // The last year's tick label is centred on the plot's right edge: half of it must fit.
    let year_half = draw::text_width(area, "2030", &tick_style)? / 2 + 2;
    // A panel has no axis title: its unit goes above the value axis instead.
    let unit_room = if full || input.unit.trim().is_empty() {
        0
    } else {
        let unit_style = font::regular(tick_size, theme::MUTED_TEXT);
        draw::text(
            area,
            &input.unit,
            (pad, pad + draw::line_height(tick_size) / 2),
            &unit_style,
        )?;
        draw::line_height(tick_size) + (tick_size / 2.0) as i32
    };

    let mut chart = ChartBuilder::on(area)
        .margin_top(pad + marker + unit_room)
        .margin_bottom(pad)
        .margin_left(pad)
        .margin_right((pad + label_room).max(year_half))
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(bounds.x.0..bounds.x.1, bounds.y.0..bounds.y.1)
        .map_err(draw_err)?;

    let (pw, ph) = chart.plotting_area().dim_in_pixel();
    let years = (bounds.x.1 - bounds.x.0).floor().max(1.0) as usize;
    let nx = ((f64::from(pw) / (tick_size * 3.6)) as usize).clamp(2, years + 1);
    let ny = ((f64::from(ph) / (tick_size * 2.6)) as usize).clamp(3, 10);
    let x_fmt = |v: &f64| format::year_tick(*v);
    let y_fmt = |v: &f64| format::tick(*v, lang);
    let year_desc = nfc(labels::year(lang));
    let unit_desc = nfc(&input.unit);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(theme::GRID.stroke_width(1))
        .axis_style(theme::AXIS.stroke_width(1))
        .set_all_tick_mark_size((tick_size * 0.3) as i32)
        .x_labels(nx)
        .y_labels(ny)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(tick_style.clone())
        .axis_desc_style(font::regular(theme.label, theme::MUTED_TEXT));
    if full {
        mesh.x_desc(year_desc.as_str()).y_desc(unit_desc.as_str());
    }
    mesh.draw().map_err(draw_err)?;

    let plot = chart.plotting_area();
    draw_targets_behind(plot, input, theme)?;
    draw_series(plot, input, theme, marker)?;
    draw_target_marks(plot, input, marker)?;
    if full {
        draw_target_labels(plot, input, &labels, &label_style, marker)?;
    }
    Ok(())
}

/// Bands, period lines, required paths and projections: under the observed series.
fn draw_targets_behind<DB: DrawingBackend>(plot: &Plot<DB>, input: &TrendInput, theme: &Theme) -> Res {
    let lw = theme.line;
    let dash = (lw * 4) as i32;
    for t in &input.targets {
        let color = theme::status_color(t.status);
        if let Some((lo, hi)) = t.band.filter(|(lo, hi)| lo.is_finite() && hi.is_finite()) {
            let x = f64::from(t.year);
            let corners = [(x - 0.3, lo), (x + 0.3, hi)];
            plot.draw(&Rectangle::new(corners, color.mix(0.3).filled()))
                .map_err(draw_err)?;
            plot.draw(&Rectangle::new(corners, color.stroke_width(2)))
                .map_err(draw_err)?;
        }
        if let (Some(v), Some((a, b))) = (t.value.filter(|v| v.is_finite()), t.span) {
            let line = vec![(f64::from(a), v), (f64::from(b), v)];
            plot.draw(&PathElement::new(line, color.mix(0.8).stroke_width(lw)))
                .map_err(draw_err)?;
        }
        let path: Vec<(f64, f64)> = finite_points(&t.path);
        if path.len() >= 2 {
            plot.draw(&DashedPathElement::new(
                path,
                dash,
                dash / 2 + 2,
                color.stroke_width(lw),
            ))
            .map_err(draw_err)?;
        }
        let proj: Vec<(f64, f64)> = finite_points(&t.projection_path);
        if proj.len() >= 2 {
            plot.draw(&DashedPathElement::new(
                proj,
                lw as i32,
                lw as i32 * 2,
                theme::PROJECTION.stroke_width(lw),
            ))
            .map_err(draw_err)?;
        }
    }
    Ok(())
}

/// The inner radius of a hollow marker.
pub(crate) fn ring_hole(r: i32) -> i32 {
    (r - (r / 3).max(2)).max(1)
}

/// Finite points without the ones that lie on the straight line through their neighbours: a linear
/// schedule given year by year would otherwise kink by a pixel of rounding at every year.
fn finite_points(v: &[(i32, f64)]) -> Vec<(f64, f64)> {
    let pts: Vec<(f64, f64)> = v
        .iter()
        .filter(|(_, y)| y.is_finite())
        .map(|(x, y)| (f64::from(*x), *y))
        .collect();
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for (i, p) in pts.iter().enumerate() {
        if let (Some(prev), Some(next)) = (out.last(), pts.get(i + 1)) {
            let expected = prev.1 + (next.1 - prev.1) * (p.0 - prev.0) / (next.0 - prev.0);
            let tolerance = 1e-9 * prev.1.abs().max(next.1.abs()).max(1.0);
            if (p.1 - expected).abs() <= tolerance {
                continue;
            }
        }
        out.push(*p);
    }
    out
}

/// The observed series: one solid line per unbroken segment, a marker per observation (hollow for
/// estimates, provisional values and forecasts).
fn draw_series<DB: DrawingBackend>(plot: &Plot<DB>, input: &TrendInput, theme: &Theme, r: i32) -> Res {
    let mut points: Vec<&crate::progress::Point> = input.series.iter().filter(|p| p.value.is_finite()).collect();
    points.sort_by_key(|p| p.year);
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for p in &points {
        if p.status.eq_ignore_ascii_case("B") && segments.last().is_some_and(|s| !s.is_empty()) {
            segments.push(Vec::new());
        }
        if let Some(s) = segments.last_mut() {
            s.push((f64::from(p.year), p.value));
        }
    }
    for s in segments.into_iter().filter(|s| s.len() >= 2) {
        plot.draw(&PathElement::new(s, theme::OBSERVED.stroke_width(theme.line)))
            .map_err(draw_err)?;
    }
    for p in &points {
        let at = (f64::from(p.year), p.value);
        plot.draw(&Circle::new(at, r, theme::OBSERVED.filled()))
            .map_err(draw_err)?;
        if is_hollow(&p.status) {
            // A ring as two filled discs: the bitmap backend's stroked circles come out speckled.
            plot.draw(&Circle::new(at, ring_hole(r), theme::BACKGROUND.filled()))
                .map_err(draw_err)?;
        }
    }
    Ok(())
}

/// Baselines (hollow squares) and target markers (a shape per plan, in the status colour).
fn draw_target_marks<DB: DrawingBackend>(plot: &Plot<DB>, input: &TrendInput, r: i32) -> Res {
    let mut drawn: Vec<(i32, u64)> = Vec::new();
    for t in &input.targets {
        if let Some(b) = t.baseline.as_ref().filter(|b| b.value.is_finite()) {
            // Plans sharing a baseline year and value share one square.
            let key = (b.year, b.value.to_bits());
            if drawn.contains(&key) {
                continue;
            }
            drawn.push(key);
            for bar in draw::square_ring(r + 3, 3) {
                let el = EmptyElement::at((f64::from(b.year), b.value)) + Rectangle::new(bar, theme::BASELINE.filled());
                plot.draw(&el).map_err(draw_err)?;
            }
        }
    }
    for (i, t) in input.targets.iter().enumerate() {
        if t.band.is_some() {
            continue;
        }
        if let Some(at) = target_anchor(t) {
            marker_at(plot, at, style_for(i, t), target_radius(r))?;
        }
    }
    Ok(())
}

/// Target markers are larger than observation markers: they are what the chart is about.
fn target_radius(r: i32) -> i32 {
    r + 4
}

/// From a target's centre to the start of its label: past the marker's widest point, plus a gap.
fn label_offset(r: i32) -> i32 {
    target_radius(r) * 5 / 4 + r
}

pub(crate) fn style_for(i: usize, t: &TargetMark) -> MarkerStyle {
    MarkerStyle {
        shape: Shape::for_target(i),
        fill: theme::status_color(t.status),
        stroke: theme::TEXT,
        stroke_width: 2,
    }
}

fn marker_at<DB: DrawingBackend>(plot: &Plot<DB>, at: (f64, f64), m: MarkerStyle, r: i32) -> Res {
    let outline = m.shape.outline(r);
    let mut closed = outline.clone();
    closed.extend(outline.first().copied());
    let el = EmptyElement::at(at)
        + Polygon::new(outline, m.fill.filled())
        + PathElement::new(closed, m.stroke.stroke_width(m.stroke_width));
    plot.draw(&el).map_err(draw_err)
}

/// Labels right of the target markers, pushed apart vertically so that two plans' targets for the
/// same year (13,5 and 13 doctors) stay readable.
fn draw_target_labels<DB: DrawingBackend>(
    plot: &Plot<DB>,
    input: &TrendInput,
    labels: &[(usize, String)],
    style: &TextStyle,
    r: i32,
) -> Res {
    let lh = draw::line_height(style.font.get_size());
    let mut placed: Vec<(f64, f64, i32, i32, &str)> = labels
        .iter()
        .filter_map(|(i, s)| {
            let (x, y) = target_anchor(&input.targets[*i])?;
            let py = plot.map_coordinate(&(x, y)).1;
            Some((x, y, py, py, s.as_str()))
        })
        .collect();
    placed.sort_by_key(|p| p.2);
    for k in 1..placed.len() {
        let min = placed[k - 1].3 + lh;
        if placed[k].3 < min {
            placed[k].3 = min;
        }
    }
    let bottom = plot.get_pixel_range().1.end;
    if let Some(last) = placed.last()
        && last.3 > bottom - lh / 2
    {
        let shift = last.3 - (bottom - lh / 2);
        for p in &mut placed {
            p.3 -= shift;
        }
    }
    for (x, y, py, target_py, s) in placed {
        let el = EmptyElement::at((x, y)) + Text::new(nfc(s), (label_offset(r), target_py - py), style.clone());
        plot.draw(&el).map_err(draw_err)?;
    }
    Ok(())
}

/// Targets (marker, plan, figure, status badge) and the legend, right of the plot.
fn side_panel<DB: DrawingBackend>(area: &Area<DB>, input: &TrendInput, theme: &Theme) -> Res {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let x = theme.margin / 3;
    let max_w = w - x - theme.margin;
    let heading = font::bold(theme.heading, theme::TEXT);
    let body = font::regular(theme.label, theme::TEXT);
    let plan_style = font::bold(theme.label, theme::TEXT);
    let r = theme.marker + 2;
    let mut y = theme.margin / 2;

    if !input.targets.is_empty() {
        y = draw::lines(
            area,
            &[labels::targets(lang).to_string()],
            x,
            y,
            &heading,
            theme.heading,
        )?;
        y += theme.margin / 4;
        for (i, t) in input.targets.iter().enumerate() {
            let text_x = x + r * 4;
            let plan = draw::wrap_lines(area, &t.plan, &plan_style, max_w - r * 4, 2)?;
            let figure = target_text(input, t);
            let needed = draw::line_height(theme.label) * (plan.len() as i32 + 2) + theme.margin;
            if y + needed > h {
                break;
            }
            let swatch = if t.band.is_some() {
                Swatch::Status(t.status)
            } else {
                Swatch::Target(Shape::for_target(i), t.status)
            };
            legend::sample(
                area,
                swatch,
                (
                    x + r - legend::sample_width(theme) / 2,
                    y + draw::line_height(theme.label) / 2,
                ),
                legend::sample_width(theme),
                theme,
            )?;
            y = draw::lines(area, &plan, text_x, y, &plan_style, theme.label)?;
            if let Some(f) = figure {
                let f = draw::ellipsize(area, &f, &body, max_w - r * 4)?;
                y = draw::lines(area, &[f], text_x, y, &body, theme.label)?;
            }
            y += theme.margin / 6;
            let lh = draw::line_height(theme.small);
            draw::badge(area, t.status, lang, (text_x, y + lh / 2), theme.small)?;
            y += lh + theme.margin / 2 + theme.margin / 4;
        }
        y += theme.margin / 4;
    }

    let mut items: Vec<(Swatch, &str)> = vec![(Swatch::Observed, labels::observed(lang))];
    if input.series.iter().any(|p| is_hollow(&p.status)) {
        items.push((Swatch::Estimate, labels::estimate(lang)));
    }
    if input.targets.iter().any(|t| t.baseline.is_some()) {
        items.push((Swatch::Baseline, labels::baseline(lang)));
    }
    if let Some(t) = input.targets.iter().find(|t| t.path.len() >= 2) {
        items.push((
            Swatch::RequiredPath(theme::status_color(t.status)),
            labels::required_path(lang),
        ));
    }
    if input.targets.iter().any(|t| t.projection_path.len() >= 2) {
        items.push((Swatch::Projection, labels::projection(lang)));
    }
    let lh = draw::line_height(theme.label);
    if y + lh * 2 > h {
        return Ok(());
    }
    y = draw::lines(area, &[labels::legend(lang).to_string()], x, y, &heading, theme.heading)?;
    y += theme.margin / 4;
    let sw = legend::sample_width(theme);
    let text_w = max_w - sw - (theme.label * 0.5) as i32;
    for (swatch, label) in items {
        let kept = draw::wrap_lines(area, label, &body, text_w, 2)?;
        let block = lh * kept.len() as i32;
        if y + block > h {
            break;
        }
        legend::sample(area, swatch, (x, y + lh / 2), sw, theme)?;
        draw::lines(area, &kept, x + sw + (theme.label * 0.5) as i32, y, &body, theme.label)?;
        y += block + theme.margin / 3;
    }
    Ok(())
}
