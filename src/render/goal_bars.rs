//! Progress by ASEAN goal: one horizontal bar per target (its status ratio, 100 % = on the required
//! pace), grouped under the strategic goal it serves, coloured by status.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, Along};
use super::draw::{self, Area, Res};
use super::error::draw_err;
use super::font;
use super::format;
use super::labels;
use super::legend;
use super::model::{GoalBarsInput, GoalGroup, goal_order};
use super::scale::Scale;
use super::theme::{self, Theme};
use crate::progress::Status;

/// Bars are drawn up to this ratio; beyond it they are cut and marked, their label tells the value.
const MAX_RATIO: f64 = 2.0;
const MIN_RATIO: f64 = -0.5;

enum Row<'a> {
    Goal(&'a GoalGroup),
    Bar(&'a super::model::GoalBar),
}

pub(crate) fn draw<DB: DrawingBackend>(root: &Area<DB>, input: &GoalBarsInput, theme: &Theme) -> Res {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let top = draw::header(root, &input.title, input.subtitle.as_deref(), theme)?;
    let foot = draw::footnote(root, input.note.as_deref().unwrap_or(""), theme)?;

    let mut groups: Vec<&GoalGroup> = input.groups.iter().filter(|g| !g.bars.is_empty()).collect();
    if groups.is_empty() {
        let body = root.clone().shrink((0, top), (w, (h - top - foot).max(1)));
        return draw::message(&body, &[labels::no_targets(lang).to_string()], theme.subtitle);
    }
    groups.sort_by(|a, b| goal_order(Some(&a.code), Some(&b.code)));
    let rows: Vec<Row> = groups
        .iter()
        .flat_map(|g| std::iter::once(Row::Goal(g)).chain(g.bars.iter().map(Row::Bar)))
        .collect();

    let items = legend::statuses(groups.iter().flat_map(|g| g.bars.iter().map(|b| b.status)), lang);
    let legend_w = w - 2 * theme.margin;
    let legend_h = legend::flow_height(root, &items, legend_w, theme, theme.small)?;
    let legend_top = h - foot - legend_h - theme.margin / 3;
    legend::flow(root, &items, (theme.margin, legend_top), legend_w, theme, theme.small)?;

    // Ticks and the axis title sit under the bars.
    let axis_h = axis::below_height(theme);
    let bars_top = top + theme.margin / 4;
    let bars_bottom = legend_top - axis_h;
    let row_h =
        (f64::from(bars_bottom - bars_top) / rows.len() as f64).min(draw::line_height(theme.label) as f64 * 1.8);
    // Many targets: the type shrinks with the rows rather than overflowing them.
    let size = theme.label.min(row_h / 1.5).max(8.0);
    let label_style = font::regular(size, theme::TEXT);
    let goal_style = font::bold(size, theme::TEXT);

    let indent = (size * 1.2) as i32;
    let mut widest = 0;
    for g in &groups {
        for b in &g.bars {
            widest = widest.max(draw::text_width(root, &b.label, &label_style)?);
        }
    }
    let label_w = (widest + indent + theme.margin / 2).min(w * 2 / 5);
    let value_style = font::bold(size, theme::TEXT);
    let value_room = draw::text_width(root, "−100 %", &value_style)? + theme.margin / 2;
    let px0 = theme.margin + label_w;
    let px1 = w - theme.margin - value_room;
    let ratios = groups
        .iter()
        .flat_map(|g| g.bars.iter().filter_map(|b| b.ratio))
        .filter(|r| r.is_finite());
    let (lo, hi) = ratios.fold((0.0f64, 1.2f64), |(lo, hi), r| (lo.min(r), hi.max(r)));
    let scale = Scale::from_zero(lo.max(MIN_RATIO), hi.min(MAX_RATIO), px0, px1);

    // Grid, then the 100 % line over it; bars come on top of both.
    let along = Along::X {
        top: bars_top,
        bottom: bars_bottom,
    };
    axis::grid(root, &scale, along, &|t| format::percent(t, lang), theme)?;
    let axis_title = input.axis_label.as_deref().unwrap_or(labels::pace_ratio(lang));
    axis::title_below(root, axis_title, (px0 + px1) / 2, bars_bottom, theme)?;
    let x100 = scale.at(1.0);
    draw::reference_line(root, (x100, bars_top), (x100, bars_bottom))?;

    let mut y = f64::from(bars_top);
    for row in rows {
        let mid = (y + row_h / 2.0).round() as i32;
        match row {
            Row::Goal(g) => {
                let band = [
                    (theme.margin / 2, y.round() as i32 + 2),
                    (w - theme.margin / 2, (y + row_h).round() as i32 - 2),
                ];
                root.draw(&Rectangle::new(band, theme::GRID.mix(0.6).filled()))
                    .map_err(draw_err)?;
                let title = format!("{}: {}", labels::goal(lang, &g.code), g.title);
                let title = draw::ellipsize(root, &title, &goal_style, w - 2 * theme.margin)?;
                draw::text(root, &title, (theme.margin, mid), &goal_style)?;
            }
            Row::Bar(b) => {
                let label = draw::ellipsize(root, &b.label, &label_style, label_w - indent - theme.margin / 2)?;
                draw::text(root, &label, (theme.margin + indent, mid), &label_style)?;
                let half = (row_h * 0.3).round() as i32;
                match b.ratio.filter(|r| r.is_finite()) {
                    Some(r) => {
                        let (x0, x1) = (scale.at(0.0), scale.at(r));
                        let color = theme::status_color(b.status);
                        root.draw(&Rectangle::new(
                            [(x0.min(x1), mid - half), (x0.max(x1), mid + half)],
                            color.filled(),
                        ))
                        .map_err(draw_err)?;
                        if !scale.contains(r) {
                            cut_mark(root, x1, mid, half, r > 0.0)?;
                        }
                        let at = axis::value_label_x(&scale, r, (size * 0.4) as i32);
                        let style = draw::anchored(&value_style, HPos::Left, VPos::Center);
                        draw::backed_text(root, &format::percent(r, lang), (at, mid), &style)?;
                    }
                    // An achieved target may carry no ratio (achieved before its path began).
                    None if b.status == Status::Achieved => {
                        let (x0, x1) = (scale.at(0.0), scale.at(1.0));
                        let color = theme::status_color(b.status);
                        root.draw(&Rectangle::new([(x0, mid - half), (x1, mid + half)], color.filled()))
                            .map_err(draw_err)?;
                        let style = draw::anchored(&value_style, HPos::Left, VPos::Center);
                        draw::backed_text(root, b.status.label(lang), (x1 + (size * 0.4) as i32, mid), &style)?;
                    }
                    None => {
                        let muted = font::regular(size, theme::MUTED_TEXT);
                        let text = labels::not_assessable_short(lang);
                        draw::text(root, text, (scale.at(0.0) + (size * 0.4) as i32, mid), &muted)?;
                    }
                }
            }
        }
        y += row_h;
    }
    Ok(())
}

/// Two white slashes across the end of a bar that runs past the axis.
fn cut_mark<DB: DrawingBackend>(root: &Area<DB>, x: i32, mid: i32, half: i32, rightwards: bool) -> Res {
    let inwards = if rightwards { -1 } else { 1 };
    for dx in [14 * inwards, 8 * inwards] {
        let line = vec![(x + dx - 3, mid + half), (x + dx + 3, mid - half)];
        root.draw(&PathElement::new(line, theme::BACKGROUND.stroke_width(3)))
            .map_err(draw_err)?;
    }
    Ok(())
}
