//! Area ranking: one indicator across areas for one year, highest first, chosen areas highlighted,
//! with a reference line (a target). Horizontal bars while the names fit one per row; columns with
//! upright names for many areas (63 provinces on a slide).

use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{self, Along};
use super::draw::{self, Area, Res};
use super::error::draw_err;
use super::font;
use super::format;
use super::labels;
use super::model::{RankBar, RankingInput};
use super::scale::Scale;
use super::theme::{self, Theme};

pub(crate) fn draw<DB: DrawingBackend>(root: &Area<DB>, input: &RankingInput, theme: &Theme) -> Res {
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let top = draw::header(root, &input.title, input.subtitle.as_deref(), theme)?;

    let mut bars: Vec<&RankBar> = input
        .bars
        .iter()
        .filter(|b| b.value.is_some_and(f64::is_finite))
        .collect();
    bars.sort_by(|a, b| {
        let (va, vb) = (a.value.unwrap_or(f64::NAN), b.value.unwrap_or(f64::NAN));
        vb.total_cmp(&va).then_with(|| a.label.cmp(&b.label))
    });
    let missing: Vec<&str> = input
        .bars
        .iter()
        .filter(|b| !b.value.is_some_and(f64::is_finite))
        .map(|b| b.label.as_str())
        .collect();
    let mut note: Vec<String> = Vec::new();
    if !missing.is_empty() {
        note.push(labels::no_value(lang, &missing));
    }
    note.extend(input.note.iter().filter(|n| !n.trim().is_empty()).cloned());
    let foot = draw::footnote(root, &note.join(" "), theme)?;
    let body = root.clone().shrink((0, top), (w, (h - top - foot).max(1)));
    if bars.is_empty() {
        let msg = labels::no_data_year(lang, input.year);
        return draw::message(&body, &[msg], theme.subtitle);
    }
    let (_, body_h) = body.dim_in_pixel();
    // One name per row needs about 1.15 lines of small type.
    let fits = f64::from(body_h) / (bars.len() + 3) as f64 >= f64::from(draw::line_height(theme.small)) * 1.15;
    if fits {
        horizontal(&body, input, &bars, theme)
    } else {
        vertical(&body, input, &bars, theme)
    }
}

fn bar_color(b: &RankBar) -> RGBColor {
    if b.highlighted { theme::HIGHLIGHT } else { theme::BAR }
}

fn value_scale(input: &RankingInput, bars: &[&RankBar], px0: i32, px1: i32) -> Scale {
    let values = bars
        .iter()
        .filter_map(|b| b.value)
        .chain(input.target.as_ref().map(|t| t.value));
    let (lo, hi) = values.fold((0.0f64, f64::MIN_POSITIVE), |(lo, hi), v| (lo.min(v), hi.max(v)));
    Scale::from_zero(lo, hi * 1.04, px0, px1)
}

fn target_label(input: &RankingInput) -> Option<(String, f64)> {
    input
        .target
        .as_ref()
        .filter(|t| t.value.is_finite())
        .map(|t| (t.label.clone(), t.value))
}

fn horizontal<DB: DrawingBackend>(area: &Area<DB>, input: &RankingInput, bars: &[&RankBar], theme: &Theme) -> Res {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let axis_h = axis::below_height(theme);
    let target_h = if input.target.is_some() {
        draw::line_height(theme.small) + theme.margin / 4
    } else {
        0
    };
    let rows_top = target_h;
    let rows_bottom = h - axis_h;
    let row_h =
        (f64::from(rows_bottom - rows_top) / bars.len() as f64).min(f64::from(draw::line_height(theme.label)) * 1.7);
    let size = theme.label.min(row_h / 1.3);
    let label_style = font::regular(size, theme::TEXT);
    let bold_style = font::bold(size, theme::TEXT);

    let mut widest = 0;
    for b in bars {
        widest = widest.max(draw::text_width(area, &b.label, &bold_style)?);
    }
    let label_w = widest.min(w / 3);
    let value_room = draw::text_width(
        area,
        &format::value(bars.first().map_or(0.0, |b| bar_value(b)), input.decimals, "", lang),
        &bold_style,
    )?;
    let px0 = theme.margin + label_w + theme.margin / 2;
    let px1 = w - theme.margin - value_room - theme.margin / 2;
    let scale = value_scale(input, bars, px0, px1);

    let along = Along::X {
        top: rows_top,
        bottom: rows_bottom,
    };
    axis::grid(area, &scale, along, &|t| format::tick(t, lang), theme)?;
    axis::title_below(area, &input.unit, (px0 + px1) / 2, rows_bottom, theme)?;

    // Behind the bars: a value label must stay readable where the line crosses it.
    if let Some((label, value)) = target_label(input) {
        let x = scale.at(value);
        draw::reference_line(area, (x, rows_top), (x, rows_bottom))?;
        let style = font::bold(theme.small, theme::TEXT);
        let width = draw::text_width(area, &label, &style)?;
        // Centred on the line when it fits, else kept inside the chart.
        let left = (x - width / 2).clamp(theme.margin, (w - theme.margin - width).max(theme.margin));
        draw::text(area, &label, (left, rows_top - target_h / 2), &style)?;
    }
    let mut y = f64::from(rows_top);
    for b in bars {
        let mid = (y + row_h / 2.0).round() as i32;
        let style = if b.highlighted { &bold_style } else { &label_style };
        let label = draw::ellipsize(area, &b.label, style, label_w)?;
        draw::text(
            area,
            &label,
            (px0 - theme.margin / 2, mid),
            &draw::anchored(style, HPos::Right, VPos::Center),
        )?;
        let v = bar_value(b);
        let half = (row_h * 0.34).round().max(1.0) as i32;
        let (x0, x1) = (scale.at(0.0), scale.at(v));
        area.draw(&Rectangle::new(
            [(x0.min(x1), mid - half), (x0.max(x1), mid + half)],
            bar_color(b).filled(),
        ))
        .map_err(draw_err)?;
        let value = format::value(v, input.decimals, "", lang);
        let at = axis::value_label_x(&scale, v, (size * 0.4) as i32);
        draw::backed_text(
            area,
            &value,
            (at, mid),
            &draw::anchored(style, HPos::Left, VPos::Center),
        )?;
        y += row_h;
    }

    Ok(())
}

fn bar_value(b: &RankBar) -> f64 {
    b.value.unwrap_or(0.0)
}

fn vertical<DB: DrawingBackend>(area: &Area<DB>, input: &RankingInput, bars: &[&RankBar], theme: &Theme) -> Res {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let lang = input.lang;
    let tick_style = font::regular(theme.tick, theme::MUTED_TEXT);
    let n = bars.len() as i32;

    // Value axis on the left, unit above it.
    let unit_h = draw::line_height(theme.tick) + theme.margin / 4;
    let plot_left_guess = theme.margin * 3;
    let slot_guess = f64::from(w - plot_left_guess - theme.margin) / f64::from(n);
    let size = theme.small.min(slot_guess * 0.75).max(7.0);
    let name_style = font::regular(size, theme::TEXT);
    let name_bold = font::bold(size, theme::TEXT);
    let mut widest = 0;
    for b in bars {
        widest = widest.max(draw::text_width(area, &b.label, &name_bold)?);
    }
    let names_h = widest.min(h / 3) + theme.margin / 2;
    let plot_top = unit_h + theme.margin / 2;
    let plot_bottom = h - names_h;
    let scale_v = value_scale(input, bars, plot_bottom, plot_top);
    let mut tick_w = 0;
    for t in scale_v.ticks() {
        tick_w = tick_w.max(draw::text_width(area, &format::tick(t, lang), &tick_style)?);
    }
    let plot_left = theme.margin + tick_w + theme.margin / 3;
    let plot_right = w - theme.margin;
    let slot = f64::from(plot_right - plot_left) / f64::from(n);

    draw::text(
        area,
        &input.unit,
        (theme.margin, unit_h / 2),
        &font::regular(theme.tick, theme::MUTED_TEXT),
    )?;
    let along = Along::Y {
        left: plot_left,
        right: plot_right,
    };
    axis::grid(area, &scale_v, along, &|t| format::tick(t, lang), theme)?;

    let value_style = draw::anchored(&font::bold(size, theme::TEXT), HPos::Center, VPos::Bottom);
    for (i, b) in bars.iter().enumerate() {
        let x0 = plot_left + (slot * i as f64 + slot * 0.15).round() as i32;
        let x1 = plot_left + (slot * (i + 1) as f64 - slot * 0.15).round() as i32;
        let v = bar_value(b);
        let (y0, y1) = (scale_v.at(0.0), scale_v.at(v));
        area.draw(&Rectangle::new(
            [(x0, y0.min(y1)), (x1.max(x0 + 1), y0.max(y1))],
            bar_color(b).filled(),
        ))
        .map_err(draw_err)?;
        let cx = (x0 + x1) / 2;
        // Names read upwards, ending just under the axis.
        let style = if b.highlighted { &name_bold } else { &name_style };
        let name = draw::ellipsize(area, &b.label, style, names_h - theme.margin / 2)?;
        let upright = draw::anchored(style, HPos::Right, VPos::Center).transform(FontTransform::Rotate270);
        draw::text(area, &name, (cx, plot_bottom + theme.margin / 4), &upright)?;
        if b.highlighted {
            let value = format::value(v, input.decimals, "", lang);
            draw::text(area, &value, (cx, y1.min(y0) - 4), &value_style)?;
        }
    }

    if let Some((label, value)) = target_label(input) {
        let y = scale_v.at(value);
        draw::reference_line(area, (plot_left, y), (plot_right, y))?;
        let style = draw::anchored(&font::bold(theme.small, theme::TEXT), HPos::Right, VPos::Bottom);
        draw::text(area, &label, (plot_right, y - 6), &style)?;
    }
    Ok(())
}
