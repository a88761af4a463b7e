//! Drawing primitives shared by the charts: text that is always NFC and measured with the embedded
//! font, wrapping, the title block, status badges, legend swatches, the "no data" message.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::{RenderError, draw_err};
use super::font::{self, nfc};
use super::theme::{self, Theme};
use crate::i18n::Lang;
use crate::progress::Status;

pub(crate) type Area<DB> = DrawingArea<DB, Shift>;
pub(crate) type Res<T = ()> = Result<T, RenderError>;

/// Draw one line of text; `at` is where the style's anchor goes.
pub(crate) fn text<DB: DrawingBackend>(area: &Area<DB>, s: &str, at: (i32, i32), style: &TextStyle) -> Res {
    area.draw(&Text::new(nfc(s), at, style.clone())).map_err(draw_err)
}

/// Text on a white box, so that a grid or reference line under it does not strike it through.
/// The style must be anchored at its vertical centre.
pub(crate) fn backed_text<DB: DrawingBackend>(area: &Area<DB>, s: &str, at: (i32, i32), style: &TextStyle) -> Res {
    let w = text_width(area, s, style)?;
    let half_h = line_height(style.font.get_size()) / 2;
    let x0 = match style.pos.h_pos {
        HPos::Left => at.0,
        HPos::Center => at.0 - w / 2,
        HPos::Right => at.0 - w,
    };
    let corners = [(x0 - 3, at.1 - half_h), (x0 + w + 3, at.1 + half_h)];
    area.draw(&Rectangle::new(corners, theme::BACKGROUND.filled()))
        .map_err(draw_err)?;
    text(area, s, at, style)
}

/// The same style anchored elsewhere.
pub(crate) fn anchored<'a>(style: &TextStyle<'a>, h: HPos, v: VPos) -> TextStyle<'a> {
    style.pos(Pos::new(h, v))
}

pub(crate) fn text_width<DB: DrawingBackend>(area: &Area<DB>, s: &str, style: &TextStyle) -> Res<i32> {
    let (w, _) = area.estimate_text_size(&nfc(s), style).map_err(draw_err)?;
    Ok(i32::try_from(w).unwrap_or(i32::MAX))
}

/// Greedy word wrap to `max_width` pixels; a word longer than the width gets a line of its own.
pub(crate) fn wrap<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &str,
    style: &TextStyle,
    max_width: i32,
) -> Res<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in nfc(s).split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || text_width(area, &candidate, style)? <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// Wrap to at most `max_lines`, ending the last kept line with "…" when text was cut.
pub(crate) fn wrap_lines<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &str,
    style: &TextStyle,
    max_width: i32,
    max_lines: usize,
) -> Res<Vec<String>> {
    let mut lines = wrap(area, s, style, max_width)?;
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(area, &format!("{last}…"), style, max_width)?;
        }
    }
    for l in &mut lines {
        if text_width(area, l, style)? > max_width {
            *l = ellipsize(area, l, style, max_width)?;
        }
    }
    Ok(lines)
}

/// Cut a line to `max_width`, ending it with "…".
pub(crate) fn ellipsize<DB: DrawingBackend>(
    area: &Area<DB>,
    s: &str,
    style: &TextStyle,
    max_width: i32,
) -> Res<String> {
    if text_width(area, s, style)? <= max_width {
        return Ok(s.to_string());
    }
    let chars: Vec<char> = s.trim_end_matches('…').chars().collect();
    let mut n = chars.len();
    while n > 0 {
        let cut: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(area, &cut, style)? <= max_width {
            return Ok(cut);
        }
        n -= 1;
    }
    Ok("…".to_string())
}

/// Line height for a type size.
pub(crate) fn line_height(size: f64) -> i32 {
    (size * 1.3).round() as i32
}

/// Draw wrapped lines from `top`, returning the y below the last line.
pub(crate) fn lines<DB: DrawingBackend>(
    area: &Area<DB>,
    lines: &[String],
    x: i32,
    top: i32,
    style: &TextStyle,
    size: f64,
) -> Res<i32> {
    let lh = line_height(size);
    let style = anchored(style, HPos::Left, VPos::Center);
    let mut y = top;
    for l in lines {
        text(area, l, (x, y + lh / 2), &style)?;
        y += lh;
    }
    Ok(y)
}

/// Title (bold, up to two lines) and subtitle at the top of `area`; returns the y where the body starts.
pub(crate) fn header<DB: DrawingBackend>(
    area: &Area<DB>,
    title: &str,
    subtitle: Option<&str>,
    theme: &Theme,
) -> Res<i32> {
    let (w, _) = area.dim_in_pixel();
    let max_w = w as i32 - 2 * theme.margin;
    let title_style = font::bold(theme.title, theme::TEXT);
    let title_lines = wrap_lines(area, title, &title_style, max_w, 2)?;
    let mut y = lines(
        area,
        &title_lines,
        theme.margin,
        theme.margin,
        &title_style,
        theme.title,
    )?;
    if let Some(sub) = subtitle.filter(|s| !s.trim().is_empty()) {
        let sub_style = font::regular(theme.subtitle, theme::MUTED_TEXT);
        let sub_lines = wrap_lines(area, sub, &sub_style, max_w, 2)?;
        y = lines(
            area,
            &sub_lines,
            theme.margin,
            y + theme.margin / 6,
            &sub_style,
            theme.subtitle,
        )?;
    }
    Ok(y + theme.margin / 2)
}

/// A footnote line at the bottom of `area`; returns the height it takes (0 without a note).
pub(crate) fn footnote<DB: DrawingBackend>(area: &Area<DB>, note: &str, theme: &Theme) -> Res<i32> {
    if note.trim().is_empty() {
        return Ok(0);
    }
    let (w, h) = area.dim_in_pixel();
    let style = font::regular(theme.small, theme::MUTED_TEXT);
    let max_w = w as i32 - 2 * theme.margin;
    let kept = wrap_lines(area, note, &style, max_w, 2)?;
    let lh = line_height(theme.small);
    let height = lh * kept.len() as i32 + theme.margin / 2;
    lines(area, &kept, theme.margin, h as i32 - height, &style, theme.small)?;
    Ok(height + theme.margin / 4)
}

/// "Không có số liệu cho Lai Châu" in place of empty axes.
pub(crate) fn no_data_message(lang: Lang, area_name: &str) -> String {
    match lang {
        Lang::Vi => format!("Không có số liệu cho {area_name}"),
        Lang::En => format!("No data for {area_name}"),
    }
}

/// A framed message centred in `area`, one paragraph per entry of `msg`.
pub(crate) fn message<DB: DrawingBackend>(area: &Area<DB>, msg: &[String], size: f64) -> Res {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let style = font::regular(size, theme::MUTED_TEXT);
    let mut kept = Vec::new();
    for m in msg {
        kept.extend(wrap_lines(area, m, &style, (w - 2 * size as i32).max(20), 3)?);
    }
    let lh = line_height(size);
    let widest = kept
        .iter()
        .map(|l| text_width(area, l, &style))
        .collect::<Res<Vec<_>>>()?;
    let bw = widest.into_iter().max().unwrap_or(0) + (size * 1.6) as i32;
    let bh = lh * kept.len() as i32 + (size * 1.2) as i32;
    let (x0, y0) = ((w - bw) / 2, (h - bh) / 2);
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + bw, y0 + bh)],
        theme::GRID.mix(0.5).filled(),
    ))
    .map_err(draw_err)?;
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + bw, y0 + bh)],
        theme::PANEL_BORDER.stroke_width(1),
    ))
    .map_err(draw_err)?;
    let centred = anchored(&style, HPos::Center, VPos::Center);
    let mut y = y0 + (bh - lh * kept.len() as i32) / 2 + lh / 2;
    for l in &kept {
        text(area, l, (w / 2, y), &centred)?;
        y += lh;
    }
    Ok(())
}

/// A status badge: the status label on its colour. `at` is the left end of its vertical centre;
/// returns its width.
pub(crate) fn badge<DB: DrawingBackend>(
    area: &Area<DB>,
    status: Status,
    lang: Lang,
    at: (i32, i32),
    size: f64,
) -> Res<i32> {
    let style = font::bold(size, theme::status_text_color(status));
    let label = status.label(lang);
    let pad = (size * 0.5).round() as i32;
    let w = text_width(area, label, &style)? + 2 * pad;
    let h = line_height(size) + pad / 2;
    let (x, y) = (at.0, at.1 - h / 2);
    area.draw(&Rectangle::new(
        [(x, y), (x + w, y + h)],
        theme::status_color(status).filled(),
    ))
    .map_err(draw_err)?;
    text(area, label, (x + pad, at.1), &style)?;
    Ok(w)
}

/// Marker shapes. Targets of different plans get different shapes, so that they are told apart
/// even when their statuses, and so their colours, are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Diamond,
    TriangleUp,
    TriangleDown,
}

impl Shape {
    pub fn for_target(i: usize) -> Shape {
        [Shape::Diamond, Shape::TriangleUp, Shape::TriangleDown, Shape::Circle][i % 4]
    }

    /// The outline as offsets from the centre, for a marker of radius `r`.
    pub fn outline(self, r: i32) -> Vec<(i32, i32)> {
        let t = (f64::from(r) * 1.25).round() as i32;
        match self {
            Shape::Diamond => vec![(0, -t), (t, 0), (0, t), (-t, 0)],
            Shape::TriangleUp => vec![(0, -t), (t, t * 3 / 4), (-t, t * 3 / 4)],
            Shape::TriangleDown => vec![(0, t), (t, -t * 3 / 4), (-t, -t * 3 / 4)],
            // A 16-gon: plotters' circles differ between the SVG and bitmap backends at small radii.
            Shape::Circle => (0..16)
                .map(|k| {
                    let a = f64::from(k) * std::f64::consts::PI / 8.0;
                    (
                        (f64::from(r) * a.cos()).round() as i32,
                        (f64::from(r) * a.sin()).round() as i32,
                    )
                })
                .collect(),
        }
    }
}

/// A hollow square of half-side `s` and line width `t` around the origin, as four filled bars:
/// plotters' SVG rectangles ignore stroke widths, and its bitmap backend drops overlapping
/// segments of a thick closed path.
pub(crate) fn square_ring(s: i32, t: i32) -> [[(i32, i32); 2]; 4] {
    [
        [(-s, -s), (s, -s + t)],
        [(-s, s - t), (s, s)],
        [(-s, -s), (-s + t, s)],
        [(s - t, -s), (s, s)],
    ]
}

/// How a marker is painted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MarkerStyle {
    pub shape: Shape,
    pub fill: RGBColor,
    pub stroke: RGBColor,
    pub stroke_width: u32,
}

/// Draw a marker at a pixel position of a plain area.
pub(crate) fn marker_px<DB: DrawingBackend>(area: &Area<DB>, at: (i32, i32), m: MarkerStyle, r: i32) -> Res {
    let pts: Vec<(i32, i32)> = m
        .shape
        .outline(r)
        .into_iter()
        .map(|(dx, dy)| (at.0 + dx, at.1 + dy))
        .collect();
    let mut closed = pts.clone();
    closed.extend(pts.first().copied());
    area.draw(&Polygon::new(pts, m.fill.filled())).map_err(draw_err)?;
    area.draw(&PathElement::new(closed, m.stroke.stroke_width(m.stroke_width)))
        .map_err(draw_err)
}

/// A reference line (a target, the 100 % mark): dashed, dark, in pixels.
pub(crate) fn reference_line<DB: DrawingBackend>(area: &Area<DB>, from: (i32, i32), to: (i32, i32)) -> Res {
    let style = theme::TEXT.stroke_width(2);
    let (on, off) = (10.0, 6.0);
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let len = dx.hypot(dy);
    let mut s = 0.0;
    while s < len {
        let e = (s + on).min(len);
        let p = |t: f64| {
            (
                from.0 + (dx * t / len).round() as i32,
                from.1 + (dy * t / len).round() as i32,
            )
        };
        area.draw(&PathElement::new(vec![p(s), p(e)], style))
            .map_err(draw_err)?;
        s = e + off;
    }
    Ok(())
}
