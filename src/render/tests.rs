//! Rendering tests: what a reader of the SVG and the PNG must find, for every chart type.

use super::*;
use crate::catalog::Comparator;
use crate::i18n::Lang;
use crate::progress::{Point, Status};

fn point(year: i32, value: f64, status: &str) -> Point {
    Point {
        year,
        value,
        status: status.to_string(),
    }
}

/// Lai Châu forest cover (GSO) against a target of 55 % by 2030.
fn forest(lang: Lang) -> TrendInput {
    let values = [38.1, 39.4, 41.2, 41.7, 43.7, 43.8, 45.0, 45.4];
    TrendInput {
        lang,
        title: lang.pick("Tỷ lệ che phủ rừng", "Forest cover").to_string(),
        subtitle: Some("Lai Châu".to_string()),
        area: lang.pick("Lai Châu", "Lai Chau").to_string(),
        unit: "%".to_string(),
        zero_based: true,
        decimals: Some(1),
        series: (2008..).zip(values).map(|(y, v)| point(y, v, "A")).collect(),
        targets: vec![TargetMark {
            comparator: Some(Comparator::Ge),
            value: Some(55.0),
            baseline: Some(point(2010, 41.2, "A")),
            path: (2010..=2030)
                .map(|y| (y, 41.2 + 13.8 * f64::from(y - 2010) / 20.0))
                .collect(),
            projection_path: vec![(2015, 45.4), (2030, 58.2)],
            ..TargetMark::new("KH KT-XH 2026–2030", 2030, Status::NeedsAcceleration)
        }],
        note: Some("Nguồn: TCTK".to_string()),
    }
}

fn svg(chart: impl Into<Chart>) -> String {
    render_svg(&chart.into(), Size::SLIDE).expect("renders")
}

/// `<polyline>` elements stroked in the observed series' colour.
fn observed_paths(svg: &str) -> usize {
    let stroke = format!("stroke=\"{}\"", theme::hex(theme::OBSERVED));
    svg.lines()
        .filter(|l| l.starts_with("<polyline") && l.contains(&stroke))
        .count()
}

#[test]
fn trend_svg_shows_title_series_target_and_status() {
    let s = svg(forest(Lang::Vi));
    assert!(
        s.contains(">\nTỷ lệ che phủ rừng\n</text>"),
        "the title, exactly, as a text element"
    );
    assert_eq!(observed_paths(&s), 1, "one path for the observed series");
    assert!(s.contains("≥ 55 % (2030)"), "target label");
    assert!(
        s.contains(&theme::hex(theme::status_color(Status::NeedsAcceleration))),
        "status colour"
    );
    assert!(s.contains("Cần đẩy nhanh"), "status label");
    for label in [
        "Năm",
        "Thực hiện",
        "Lộ trình cần đạt",
        "Dự báo theo tốc độ hiện tại",
        "Năm gốc",
        "Mục tiêu",
    ] {
        assert!(s.contains(label), "{label}");
    }
    assert!(s.contains(font::FAMILY), "text in the registered family");
}

#[test]
fn english_labels_and_number_format() {
    let mut input = forest(Lang::En);
    input.targets[0].value = Some(13.5);
    let s = svg(input);
    for label in [
        "Forest cover",
        "Year",
        "Observed",
        "Required path",
        "Projection at current pace",
        "Baseline",
    ] {
        assert!(s.contains(label), "{label}");
    }
    assert!(s.contains("≥ 13.5 % (2030)"));
    assert!(!s.contains("Thực hiện"));

    let mut vi = forest(Lang::Vi);
    vi.targets[0].value = Some(13.5);
    assert!(svg(vi).contains("≥ 13,5 % (2030)"));
}

#[test]
fn a_series_break_leaves_a_gap_and_a_note() {
    let mut input = forest(Lang::Vi);
    input.series[5].status = "B".to_string();
    let s = svg(input);
    assert_eq!(observed_paths(&s), 2, "the line is not drawn across the break");
    assert!(s.contains("gián đoạn năm 2013"));
}

#[test]
fn estimates_are_hollow_and_explained() {
    let mut input = forest(Lang::Vi);
    input.series[7].status = "P".to_string();
    let s = svg(input);
    assert!(s.contains("Ước tính/sơ bộ"));
    let without = svg(forest(Lang::Vi));
    assert!(
        !without.contains("Ước tính/sơ bộ"),
        "the legend entry appears only when needed"
    );
}

#[test]
fn no_data_says_so_instead_of_empty_axes() {
    let mut input = forest(Lang::Vi);
    input.series.clear();
    let s = svg(input);
    assert!(s.contains("Không có số liệu cho Lai Châu"));
    assert!(
        s.contains("KH KT-XH 2026–2030: ≥ 55 % (2030)"),
        "the target is still told"
    );
    assert_eq!(observed_paths(&s), 0);
    assert!(!s.contains("\nNăm\n</text>"), "no axes");

    let mut en = forest(Lang::En);
    en.series = vec![point(2015, f64::NAN, "A")];
    assert!(svg(en).contains("No data for Lai Chau"));
}

#[test]
fn svg_escapes_markup_in_labels() {
    let mut input = forest(Lang::Vi);
    input.title = "<script>alert('x')</script> & co".to_string();
    input.targets[0].plan = "\"Plan\" <b>".to_string();
    let s = svg(input);
    assert!(!s.contains("<script>"));
    assert!(!s.contains("<b>"));
    assert!(s.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"));
}

#[test]
fn decomposed_labels_are_drawn_composed() {
    let mut input = forest(Lang::Vi);
    input.title = "Ty\u{0309} le\u{0323}\u{0302} che phu\u{0309} ru\u{031B}\u{0300}ng".to_string();
    assert!(svg(input).contains("Tỷ lệ che phủ rừng"));
}

fn png_pixels(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(bytes);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Share of pixels that are not the white background.
fn inked(rgb: &[u8]) -> f64 {
    let px = rgb.chunks(3);
    let n = px.len().max(1);
    px.filter(|p| p.iter().any(|c| *c < 250)).count() as f64 / n as f64
}

#[test]
fn png_has_the_requested_size_and_is_not_blank() {
    for size in [Size::SLIDE, Size::A4, Size::new(800, 450)] {
        let bytes = render_png(&forest(Lang::Vi).into(), size).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let (w, h, rgb) = png_pixels(&bytes);
        assert_eq!((w, h), (size.width, size.height));
        let ink = inked(&rgb);
        assert!(ink > 0.01 && ink < 0.5, "{ink} of the pixels drawn");
        // The status colour is painted (the target marker and badge).
        let c = theme::status_color(Status::NeedsAcceleration);
        assert!(rgb.chunks(3).any(|p| p == [c.0, c.1, c.2]));
    }
}

#[test]
fn rendering_is_deterministic() {
    let chart: Chart = forest(Lang::Vi).into();
    assert_eq!(
        render_png(&chart, Size::SLIDE).unwrap(),
        render_png(&chart, Size::SLIDE).unwrap()
    );
    assert_eq!(
        render_svg(&chart, Size::SLIDE).unwrap(),
        render_svg(&chart, Size::SLIDE).unwrap()
    );
}

#[test]
fn several_plans_are_told_apart() {
    let mut input = forest(Lang::Vi);
    let second = TargetMark {
        comparator: Some(Comparator::Ge),
        value: Some(50.0),
        ..TargetMark::new("Chương trình NQ 42", 2025, Status::OnTrack)
    };
    input.targets.push(second);
    let s = svg(input);
    for label in [
        "KH KT-XH 2026–2030",
        "Chương trình NQ 42",
        "≥ 55 % (2030)",
        "≥ 50 % (2025)",
        "Đúng tiến độ",
    ] {
        assert!(s.contains(label), "{label}");
    }
    assert!(s.contains(&theme::hex(theme::status_color(Status::OnTrack))));
}

#[test]
fn format_comes_from_the_extension() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("a/forest.PNG")).unwrap(), Format::Png);
    assert_eq!(Format::from_path(Path::new("forest.svg")).unwrap(), Format::Svg);
    assert!(matches!(
        Format::from_path(Path::new("forest.pdf")),
        Err(RenderError::UnknownFormat(_))
    ));
    assert!(Format::from_path(Path::new("forest")).is_err());
}

#[test]
fn files_are_written_by_extension_and_bad_requests_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let chart: Chart = forest(Lang::Vi).into();
    let png = dir.path().join("forest.png");
    let svg = dir.path().join("forest.svg");
    render_to_file(&chart, Size::SLIDE, &png).unwrap();
    render_to_file(&chart, Size::SLIDE, &svg).unwrap();
    assert_eq!(&std::fs::read(&png).unwrap()[..4], b"\x89PNG");
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));

    let pdf = dir.path().join("forest.pdf");
    let err = render_to_file(&chart, Size::SLIDE, &pdf).unwrap_err();
    assert!(err.to_string().contains(".svg or .png"), "{err}");
    assert!(!pdf.exists());
    assert!(crate::Error::from(err).is_input_problem());

    let err = render_png(&chart, Size::new(10, 10)).unwrap_err();
    assert!(matches!(err, RenderError::BadSize { .. }), "{err}");
    let missing_dir = dir.path().join("no/such/dir/forest.svg");
    assert!(matches!(
        render_to_file(&chart, Size::SLIDE, &missing_dir),
        Err(RenderError::Write(_))
    ));
}

fn dashboard() -> DashboardInput {
    let mut empty = forest(Lang::Vi);
    empty.title = "Tỷ trọng kinh tế số".to_string();
    empty.series.clear();
    DashboardInput {
        lang: Lang::Vi,
        title: "Bảng theo dõi chỉ tiêu".to_string(),
        subtitle: None,
        columns: 3,
        panels: vec![
            DashboardPanel {
                goal: Some("11.2".to_string()),
                trend: forest(Lang::Vi),
            },
            DashboardPanel {
                goal: Some("4.1".to_string()),
                trend: empty,
            },
        ],
        note: None,
    }
}

#[test]
fn dashboard_panels_come_in_goal_order_with_their_status() {
    let s = svg(dashboard());
    let first = s.find("Tỷ trọng kinh tế số").expect("panel 4.1");
    let second = s.find("Tỷ lệ che phủ rừng").expect("panel 11.2");
    assert!(first < second, "ASEAN 4.1 before 11.2");
    assert!(s.contains("ASEAN 4.1") && s.contains("ASEAN 11.2"));
    assert!(s.contains("Không có số liệu cho Lai Châu"));
    assert!(s.contains(&theme::hex(theme::status_color(Status::NeedsAcceleration))));
    assert_eq!(observed_paths(&s), 1);
    let (w, h, rgb) = png_pixels(&render_png(&dashboard().into(), Size::A4_PAGE).unwrap());
    assert_eq!((w, h), (1240, 1754));
    assert!(inked(&rgb) > 0.01);
}

fn goal_bars() -> GoalBarsInput {
    GoalBarsInput {
        lang: Lang::Vi,
        title: "Tiến độ theo mục tiêu ASEAN".to_string(),
        subtitle: None,
        axis_label: None,
        groups: vec![
            GoalGroup {
                code: "11".to_string(),
                title: "Môi trường".to_string(),
                bars: vec![GoalBar {
                    label: "Tỷ lệ che phủ rừng".to_string(),
                    ratio: Some(0.8077),
                    status: Status::NeedsAcceleration,
                }],
            },
            GoalGroup {
                code: "4".to_string(),
                title: "Y tế".to_string(),
                bars: vec![
                    GoalBar {
                        label: "Số bác sĩ".to_string(),
                        ratio: Some(3.7),
                        status: Status::OnTrack,
                    },
                    GoalBar {
                        label: "Số giường bệnh".to_string(),
                        ratio: None,
                        status: Status::NotAssessable,
                    },
                ],
            },
        ],
        note: None,
    }
}

#[test]
fn goal_bars_group_by_goal_with_the_100_percent_line() {
    let s = svg(goal_bars());
    let health = s.find("Mục tiêu ASEAN 4: Y tế").expect("goal 4");
    let environment = s.find("Mục tiêu ASEAN 11: Môi trường").expect("goal 11");
    assert!(health < environment);
    for label in ["81 %", "370 %", "100 %", "chưa đánh giá được", "Tỷ số tiến độ"] {
        assert!(s.contains(label), "{label}");
    }
    assert!(s.contains(&theme::hex(theme::status_color(Status::OnTrack))));
}

fn ranking() -> RankingInput {
    let bar = |label: &str, value: Option<f64>, highlighted| RankBar {
        label: label.to_string(),
        value,
        highlighted,
    };
    RankingInput {
        lang: Lang::Vi,
        title: "Số bác sĩ trên 1 vạn dân theo tỉnh, 2016".to_string(),
        subtitle: None,
        unit: "bác sĩ/1 vạn dân".to_string(),
        year: 2016,
        decimals: Some(1),
        bars: vec![
            bar("Đồng Tháp", Some(6.99), true),
            bar("Bắc Kạn", Some(14.33), false),
            bar("Lai Châu", Some(8.83), true),
            bar("Hà Tây", None, false),
        ],
        target: Some(TargetLine {
            label: "Mục tiêu 2030: 13,5".to_string(),
            value: 13.5,
        }),
        note: None,
    }
}

#[test]
fn ranking_sorts_highlights_and_draws_the_target_line() {
    let s = svg(ranking());
    let (a, b, c) = (
        s.find("Bắc Kạn").unwrap(),
        s.find("Lai Châu").unwrap(),
        s.find("Đồng Tháp").unwrap(),
    );
    assert!(a < b && b < c, "highest first");
    assert!(s.contains("8,8") && s.contains("7,0"));
    assert!(s.contains("Mục tiêu 2030: 13,5"));
    assert!(s.contains("Không có số liệu: Hà Tây."));
    assert!(s.contains(&theme::hex(theme::HIGHLIGHT)));

    // 63 provinces do not fit one per row on a slide: names stand upright under columns.
    let mut many = ranking();
    many.bars = (0..63)
        .map(|i| RankBar {
            label: format!("Tỉnh {i}"),
            value: Some(f64::from(i)),
            highlighted: i == 5,
        })
        .collect();
    let s = svg(many);
    assert!(s.contains("rotate(270"));
    let (w, h, rgb) = png_pixels(&render_png(&ranking().into(), Size::A4).unwrap());
    assert_eq!((w, h), (1240, 877));
    assert!(inked(&rgb) > 0.01);
}

#[test]
fn empty_inputs_say_so() {
    let mut d = dashboard();
    d.panels.clear();
    assert!(svg(d).contains("Không có chỉ tiêu nào để vẽ"));
    let mut g = goal_bars();
    g.groups.clear();
    assert!(svg(g).contains("Không có chỉ tiêu nào để vẽ"));
    let mut r = ranking();
    r.bars.clear();
    assert!(svg(r).contains("Không có số liệu năm 2016"));
}

#[test]
fn odd_inputs_draw_without_panicking() {
    let mut odd: Vec<TrendInput> = Vec::new();
    let mut one = forest(Lang::Vi);
    one.series.truncate(1);
    one.targets.clear();
    odd.push(one);
    let mut flat = forest(Lang::En);
    flat.series.iter_mut().for_each(|p| p.value = 0.0);
    flat.targets[0].value = Some(0.0);
    flat.zero_based = false;
    odd.push(flat);
    let mut negative = forest(Lang::Vi);
    negative.series.iter_mut().for_each(|p| p.value = -p.value * 1e6);
    negative.zero_based = false;
    odd.push(negative);
    let mut wild = forest(Lang::Vi);
    wild.title = "Chỉ tiêu có tên rất dài ".repeat(12);
    wild.targets[0].plan = "Kế hoạch ".repeat(20);
    wild.targets[0].text = Some("≥ ".repeat(60));
    wild.targets[0].path.push((2031, f64::NAN));
    wild.targets[0].projection_path.push((2040, f64::INFINITY));
    wild.series.push(point(2016, f64::NAN, "E"));
    wild.series.reverse();
    for _ in 0..8 {
        let t = wild.targets[0].clone();
        wild.targets.push(t);
    }
    odd.push(wild);
    for input in odd {
        for size in [Size::new(320, 320), Size::new(8000, 400), Size::SLIDE] {
            render_svg(&input.clone().into(), size).expect("svg");
            render_png(&input.clone().into(), size).expect("png");
        }
    }
    let mut d = dashboard();
    d.columns = 50;
    for _ in 0..5 {
        let p = d.panels[0].clone();
        d.panels.push(p);
    }
    let mut g = goal_bars();
    g.groups[0].bars[0].ratio = Some(f64::NAN);
    g.groups[1].bars.extend((0..60).map(|i| GoalBar {
        label: format!("Chỉ tiêu {i}"),
        ratio: Some(f64::from(i) - 30.0),
        status: Status::Deterioration,
    }));
    let mut r = ranking();
    r.bars.iter_mut().for_each(|b| b.value = b.value.map(|v| -v));
    r.target = Some(TargetLine {
        label: "∞".to_string(),
        value: f64::NAN,
    });
    for chart in [Chart::from(d), Chart::from(g), Chart::from(r)] {
        for size in [Size::new(320, 320), Size::A4_PAGE] {
            render_png(&chart, size).expect("png");
        }
    }
}
