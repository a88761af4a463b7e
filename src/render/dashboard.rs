//! The dashboard: every target of a plan as a small trend chart, in ASEAN goal order, each framed by
//! its status colour, with one shared legend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::draw::{self, Area, Res};
use super::error::draw_err;
use super::font;
use super::labels;
use super::legend::{self, Swatch};
use super::model::{DashboardInput, DashboardPanel, goal_order};
use super::theme::{self, Theme};
use super::trend::{self, Mode};
use crate::progress::Status;

pub(crate) fn draw<DB: DrawingBackend>(root: &Area<DB>, input: &DashboardInput, theme: &Theme) -> Res {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let top = draw::header(root, &input.title, input.subtitle.as_deref(), theme)?;
    let foot = draw::footnote(root, input.note.as_deref().unwrap_or(""), theme)?;
    if input.panels.is_empty() {
        let body = root.clone().shrink((0, top), (w, (h - top - foot).max(1)));
        return draw::message(&body, &[labels::no_targets(lang).to_string()], theme.subtitle);
    }

    let items = legend_items(input);
    let legend_w = w - 2 * theme.margin;
    let legend_h = legend::flow_height(root, &items, legend_w, theme, theme.small)?;
    let legend_top = h - foot - legend_h - theme.margin / 3;
    legend::flow(root, &items, (theme.margin, legend_top), legend_w, theme, theme.small)?;

    let mut panels: Vec<&DashboardPanel> = input.panels.iter().collect();
    panels.sort_by(|a, b| goal_order(a.goal.as_deref(), b.goal.as_deref()));
    let grid_h = legend_top - top - theme.margin / 4;
    let cols = columns(input.columns, panels.len(), f64::from(w) / f64::from(grid_h.max(1)));
    let rows = panels.len().div_ceil(cols);
    let grid_x = theme.margin - theme.margin / 4;
    let grid = root
        .clone()
        .shrink((grid_x, top), ((w - 2 * grid_x).max(1), grid_h.max(1)));
    let cells = grid.split_evenly((rows, cols));
    let (cw, ch) = cells.first().map(|c| c.dim_in_pixel()).unwrap_or((1, 1));
    // Panels are small charts: type shrinks with the cell, down to what still reads on a slide.
    let fit = (f64::from(ch) / 330.0).min(f64::from(cw) / 380.0);
    let panel_theme = Theme::scaled((theme.scale * fit).min(theme.scale).max(0.6f64.min(theme.scale)));
    for (cell, panel) in cells.iter().zip(panels) {
        draw_panel(cell, panel, &panel_theme)?;
    }
    Ok(())
}

/// The requested number of columns, or else the one whose panels come closest to a 4:3 chart in a
/// grid of the given width/height ratio (4 columns on a slide of 8 panels, 2 on a portrait page).
fn columns(requested: usize, n: usize, grid_aspect: f64) -> usize {
    let n = n.max(1);
    if requested > 0 {
        return requested.min(n);
    }
    let misfit = |c: usize| {
        let rows = n.div_ceil(c) as f64;
        (grid_aspect * rows / c as f64 / (4.0 / 3.0)).ln().abs()
    };
    (1..=n).min_by(|a, b| misfit(*a).total_cmp(&misfit(*b))).unwrap_or(1)
}

fn legend_items(input: &DashboardInput) -> Vec<(Swatch, String)> {
    let lang = input.lang;
    let trends = || input.panels.iter().map(|p| &p.trend);
    let statuses = trends().flat_map(|t| t.targets.iter().map(|m| m.status));
    let mut items = legend::statuses(statuses, lang);
    items.push((Swatch::Observed, labels::observed(lang).to_string()));
    if trends().any(|t| t.series.iter().any(|p| trend::is_hollow(&p.status))) {
        items.push((Swatch::Estimate, labels::estimate(lang).to_string()));
    }
    if trends().any(|t| t.targets.iter().any(|m| m.path.len() >= 2)) {
        items.push((
            Swatch::RequiredPath(theme::MUTED_TEXT),
            labels::required_path(lang).to_string(),
        ));
    }
    if trends().any(|t| t.targets.iter().any(|m| m.projection_path.len() >= 2)) {
        items.push((Swatch::Projection, labels::projection(lang).to_string()));
    }
    items
}

fn draw_panel<DB: DrawingBackend>(cell: &Area<DB>, panel: &DashboardPanel, theme: &Theme) -> Res {
    let gap = (theme.margin / 3).max(4);
    let area = cell.clone().margin(gap, gap, gap, gap);
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let input = &panel.trend;
    let lang = input.lang;
    let status = input.targets.first().map(|t| t.status).unwrap_or(Status::NotAssessable);

    area.draw(&Rectangle::new(
        [(0, 0), (w - 1, h - 1)],
        theme::PANEL_BORDER.stroke_width(1),
    ))
    .map_err(draw_err)?;
    let strip = (theme.marker * 2 / 3).max(4);
    area.draw(&Rectangle::new(
        [(0, 0), (strip, h - 1)],
        theme::status_color(status).filled(),
    ))
    .map_err(draw_err)?;

    let pad = (theme.margin / 3).max(4);
    let x = strip + pad;
    let inner_w = w - x - pad;
    let tag_style = draw::anchored(
        &font::regular(theme.small, theme::MUTED_TEXT),
        HPos::Right,
        VPos::Center,
    );
    let tag = panel.goal.as_deref().map(labels::goal_tag);
    let tag_w = match &tag {
        Some(t) => draw::text_width(&area, t, &tag_style)? + pad,
        None => 0,
    };
    let title_style = font::bold(theme.heading, theme::TEXT);
    let title = draw::wrap_lines(&area, &input.title, &title_style, inner_w - tag_w, 2)?;
    if let Some(t) = &tag {
        draw::text(
            &area,
            t,
            (w - pad, pad + draw::line_height(theme.heading) / 2),
            &tag_style,
        )?;
    }
    let mut y = draw::lines(&area, &title, x, pad, &title_style, theme.heading)?;

    if let Some(first) = input.targets.first() {
        let lh = draw::line_height(theme.small);
        let badge_w = draw::badge(&area, first.status, lang, (x, y + lh / 2 + 2), theme.small)?;
        let mut figure = trend::target_text(input, first).unwrap_or_default();
        if input.targets.len() > 1 {
            figure = format!("{figure} (+{})", input.targets.len() - 1);
        }
        let fig_style = font::regular(theme.small, theme::TEXT);
        let fx = x + badge_w + pad;
        let figure = draw::ellipsize(&area, &figure, &fig_style, w - pad - fx)?;
        draw::text(&area, &figure, (fx, y + lh / 2 + 2), &fig_style)?;
        y += lh + pad;
    }
    let plot_area = area.clone().shrink((strip, y), ((w - strip).max(1), (h - y).max(1)));
    trend::plot(&plot_area, input, theme, Mode::Compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_request_within_the_panel_count() {
        let slide = 1540.0 / 620.0;
        let page = 1180.0 / 1560.0;
        assert_eq!(columns(0, 8, slide), 4);
        assert_eq!(columns(0, 2, slide), 2);
        assert_eq!(columns(0, 8, page), 2);
        assert_eq!(columns(4, 2, slide), 2);
        assert_eq!(columns(3, 10, slide), 3);
        assert_eq!(columns(0, 0, slide), 1);
    }
}
