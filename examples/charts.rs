//! Writes one PNG and one SVG of every chart type, at slide size (1600×900) and for A4 reports,
//! from hand-built inputs with real figures (GSO, shipped in data/gso/). Plan targets marked
//! "minh hoạ" are illustrations of the renderer, not assessments of a real plan.
//!
//!     cargo run --example charts -- OUTDIR

use std::path::{Path, PathBuf};

use chitieu::catalog::Comparator;
use chitieu::i18n::Lang;
use chitieu::progress::{Point, Status};
use chitieu::render::{
    Chart, DashboardInput, DashboardPanel, GoalBar, GoalBarsInput, GoalGroup, RankBar, RankingInput, Size, TargetLine,
    TargetMark, TrendInput, render_to_file,
};

/// Doctors (under provincial departments of health) and average population, 2016, from
/// data/gso/medical-staff.csv and data/gso/average-population.csv: (code, name vi, name en, doctors, population).
const DOCTORS_2016: [(&str, &str, &str, f64, f64); 63] = [
    ("01", "Hà Nội", "Ha Noi", 3846.0, 7328400.0),
    ("26", "Vĩnh Phúc", "Vinh Phuc", 1066.0, 1066000.0),
    ("27", "Bắc Ninh", "Bac Ninh", 875.0, 1178600.0),
    ("22", "Quảng Ninh", "Quang Ninh", 1012.0, 1224600.0),
    ("30", "Hải Dương", "Hai Duong", 1041.0, 1785800.0),
    ("31", "Hải Phòng", "Hai Phong", 1525.0, 1980800.0),
    ("33", "Hưng Yên", "Hung Yen", 878.0, 1170200.0),
    ("34", "Thái Bình", "Thai Binh", 1439.0, 1790000.0),
    ("35", "Hà Nam", "Ha Nam", 431.0, 803700.0),
    ("36", "Nam Định", "Nam Dinh", 954.0, 1852600.0),
    ("37", "Ninh Bình", "Ninh Binh", 684.0, 953100.0),
    ("02", "Hà Giang", "Ha Giang", 857.0, 816100.0),
    ("04", "Cao Bằng", "Cao Bang", 677.0, 529800.0),
    ("06", "Bắc Kạn", "Bac Kan", 457.0, 319000.0),
    ("08", "Tuyên Quang", "Tuyen Quang", 513.0, 766900.0),
    ("10", "Lào Cai", "Lao Cai", 591.0, 684300.0),
    ("15", "Yên Bái", "Yen Bai", 609.0, 800100.0),
    ("19", "Thái Nguyên", "Thai Nguyen", 1082.0, 1227400.0),
    ("20", "Lạng Sơn", "Lang Son", 693.0, 768700.0),
    ("24", "Bắc Giang", "Bac Giang", 1400.0, 1657600.0),
    ("25", "Phú Thọ", "Phu Tho", 1212.0, 1381700.0),
    ("11", "Điện Biên", "Dien Bien", 585.0, 557400.0),
    ("12", "Lai Châu", "Lai Chau", 385.0, 436000.0),
    ("14", "Sơn La", "Son La", 756.0, 1208000.0),
    ("17", "Hòa Bình", "Hoa Binh", 660.0, 831300.0),
    ("38", "Thanh Hóa", "Thanh Hoa", 2405.0, 3528300.0),
    ("40", "Nghệ An", "Nghe An", 1613.0, 3105500.0),
    ("42", "Hà Tĩnh", "Ha Tinh", 916.0, 1266700.0),
    ("44", "Quảng Bình", "Quang Binh", 586.0, 877700.0),
    ("45", "Quảng Trị", "Quang Tri", 551.0, 623500.0),
    ("46", "Thừa Thiên - Huế", "Thua Thien - Hue", 597.0, 1149800.0),
    ("48", "Đà Nẵng", "Da Nang", 960.0, 1046200.0),
    ("49", "Quảng Nam", "Quang Nam", 906.0, 1487700.0),
    ("51", "Quảng Ngãi", "Quang Ngai", 792.0, 1251500.0),
    ("52", "Bình Định", "Binh Dinh", 891.0, 1524600.0),
    ("54", "Phú Yên", "Phu Yen", 442.0, 899400.0),
    ("56", "Khánh Hòa", "Khanh Hoa", 695.0, 1213800.0),
    ("58", "Ninh Thuận", "Ninh Thuan", 431.0, 601400.0),
    ("60", "Bình Thuận", "Binh Thuan", 643.0, 1222700.0),
    ("62", "Kon Tum", "Kon Tum", 462.0, 507800.0),
    ("64", "Gia Lai", "Gia Lai", 840.0, 1417300.0),
    ("66", "Đắk Lắk", "Dak Lak", 1172.0, 1874500.0),
    ("67", "Đắk Nông", "Dak Nong", 376.0, 605400.0),
    ("68", "Lâm Đồng", "Lam Dong", 814.0, 1288200.0),
    ("70", "Bình Phước", "Binh Phuoc", 503.0, 956400.0),
    ("72", "Tây Ninh", "Tay Ninh", 371.0, 1118800.0),
    ("74", "Bình Dương", "Binh Duong", 496.0, 1995800.0),
    ("75", "Đồng Nai", "Dong Nai", 1391.0, 2963800.0),
    ("77", "Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau", 544.0, 1092000.0),
    ("79", "TP. Hồ Chí Minh", "Ho Chi Minh City", 7417.0, 8297500.0),
    ("80", "Long An", "Long An", 910.0, 1490600.0),
    ("82", "Tiền Giang", "Tien Giang", 933.0, 1740200.0),
    ("83", "Bến Tre", "Ben Tre", 795.0, 1265200.0),
    ("84", "Trà Vinh", "Tra Vinh", 530.0, 1040500.0),
    ("86", "Vĩnh Long", "Vinh Long", 629.0, 1048600.0),
    ("87", "Đồng Tháp", "Dong Thap", 1179.0, 1687300.0),
    ("89", "An Giang", "An Giang", 1047.0, 2159900.0),
    ("91", "Kiên Giang", "Kien Giang", 1055.0, 1776700.0),
    ("92", "Cần Thơ", "Can Tho", 776.0, 1257900.0),
    ("93", "Hậu Giang", "Hau Giang", 439.0, 772500.0),
    ("94", "Sóc Trăng", "Soc Trang", 654.0, 1312500.0),
    ("95", "Bạc Liêu", "Bac Lieu", 653.0, 886200.0),
    ("96", "Cà Mau", "Ca Mau", 905.0, 1222600.0),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/charts".to_string()));
    std::fs::create_dir_all(&out)?;
    let charts: Vec<(&str, Chart, Size)> = vec![
        ("trend_forest_vi", Chart::Trend(forest_sedp(Lang::Vi)), Size::SLIDE),
        ("trend_forest_en", Chart::Trend(forest_sedp(Lang::En)), Size::SLIDE),
        (
            "trend_forest_assessed_vi",
            Chart::Trend(forest_assessed(Lang::Vi)),
            Size::SLIDE,
        ),
        (
            "trend_forest_assessed_a4_en",
            Chart::Trend(forest_assessed(Lang::En)),
            Size::A4,
        ),
        (
            "trend_doctors_two_plans_vi",
            Chart::Trend(doctors_two_plans(Lang::Vi)),
            Size::SLIDE,
        ),
        (
            "trend_doctors_two_plans_a4_vi",
            Chart::Trend(doctors_two_plans(Lang::Vi)),
            Size::A4,
        ),
        (
            "trend_break_dong_thap_vi",
            Chart::Trend(forest_dong_thap_break(Lang::Vi)),
            Size::SLIDE,
        ),
        ("trend_no_data_vi", Chart::Trend(no_data(Lang::Vi)), Size::SLIDE),
        (
            "trend_doctors_two_plans_small_en",
            Chart::Trend(doctors_two_plans(Lang::En)),
            Size::new(800, 450),
        ),
        ("dashboard_vi", Chart::Dashboard(dashboard(Lang::Vi, 4)), Size::SLIDE),
        (
            "dashboard_a4_page_en",
            Chart::Dashboard(dashboard(Lang::En, 0)),
            Size::A4_PAGE,
        ),
        ("goal_bars_vi", Chart::GoalBars(goal_bars(Lang::Vi)), Size::SLIDE),
        ("goal_bars_a4_en", Chart::GoalBars(goal_bars(Lang::En)), Size::A4),
        ("ranking_63_vi", Chart::Ranking(ranking(Lang::Vi, None)), Size::SLIDE),
        ("ranking_63_a4_en", Chart::Ranking(ranking(Lang::En, None)), Size::A4),
        (
            "ranking_12_vi",
            Chart::Ranking(ranking(Lang::Vi, Some(12))),
            Size::SLIDE,
        ),
    ];
    for (name, chart, size) in &charts {
        for ext in ["png", "svg"] {
            let path = out.join(format!("{name}.{ext}"));
            render_to_file(chart, *size, &path)?;
            println!("{}", display(&path));
        }
    }
    Ok(())
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn points(status: &str, v: &[(i32, f64)]) -> Vec<Point> {
    v.iter()
        .map(|(year, value)| Point {
            year: *year,
            value: *value,
            status: status.to_string(),
        })
        .collect()
}

fn point(year: i32, value: f64) -> Point {
    Point {
        year,
        value,
        status: "A".to_string(),
    }
}

/// Lai Châu forest cover, GSO (data/gso/forest.csv).
const FOREST_LAI_CHAU: [(i32, f64); 8] = [
    (2008, 38.1),
    (2009, 39.4),
    (2010, 41.2),
    (2011, 41.7),
    (2012, 43.7),
    (2013, 43.8),
    (2014, 45.0),
    (2015, 45.4),
];

/// The linear plan schedule from (t₀, y₀) to (T, y*), one point a year.
fn required_path(t0: i32, y0: f64, t: i32, target: f64) -> Vec<(i32, f64)> {
    (t0..=t)
        .map(|y| (y, y0 + (target - y0) * f64::from(y - t0) / f64::from(t - t0)))
        .collect()
}

/// The OLS slope over the observations from t₀, carried from the last one to T.
fn projection(obs: &[(i32, f64)], t0: i32, t: i32) -> Vec<(i32, f64)> {
    let used: Vec<(f64, f64)> = obs
        .iter()
        .filter(|(y, _)| *y >= t0)
        .map(|(y, v)| (f64::from(*y), *v))
        .collect();
    let n = used.len() as f64;
    let mx = used.iter().map(|p| p.0).sum::<f64>() / n;
    let my = used.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = used.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = used.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let slope = sxy / sxx;
    let (tc, yc) = *obs.last().expect("observations");
    (tc..=t).map(|y| (y, yc + slope * f64::from(y - tc))).collect()
}

fn forest_title(lang: Lang) -> String {
    lang.pick("Tỷ lệ che phủ rừng", "Forest cover").to_string()
}

fn lai_chau(lang: Lang) -> &'static str {
    lang.pick("Lai Châu", "Lai Chau")
}

fn gso_note(lang: Lang) -> String {
    lang.pick(
        "Nguồn: Tổng cục Thống kê.",
        "Source: General Statistics Office of Viet Nam.",
    )
    .to_string()
}

/// What `chitieu chart forest_cover --area 12 --plan lai_chau_sedp_2026_2030` has to draw on the
/// shipped data: observations end in 2015, ten years before the plan's baseline, so the target is
/// shown but cannot be assessed.
fn forest_sedp(lang: Lang) -> TrendInput {
    TrendInput {
        lang,
        title: forest_title(lang),
        subtitle: Some(format!(
            "{} · {}",
            lai_chau(lang),
            lang.pick(
                "Kế hoạch phát triển KT-XH 2026–2030",
                "Socio-economic development plan 2026–2030"
            )
        )),
        area: lai_chau(lang).to_string(),
        unit: "%".to_string(),
        zero_based: true,
        decimals: Some(1),
        series: points("A", &FOREST_LAI_CHAU),
        targets: vec![TargetMark {
            comparator: Some(Comparator::Ge),
            value: Some(55.0),
            ..TargetMark::new(
                lang.pick("KH KT-XH 2026–2030", "SEDP 2026–2030"),
                2030,
                Status::NotAssessable,
            )
        }],
        note: Some(gso_note(lang)),
    }
}

/// The same series assessed as of 2015 against an illustrative target of 50 % by 2020 (baseline 2010).
fn forest_assessed(lang: Lang) -> TrendInput {
    TrendInput {
        subtitle: Some(format!(
            "{} · {}",
            lai_chau(lang),
            lang.pick(
                "mục tiêu minh hoạ, đánh giá đến 2015",
                "illustrative target, assessed as of 2015"
            )
        )),
        targets: vec![TargetMark {
            comparator: Some(Comparator::Ge),
            value: Some(50.0),
            baseline: Some(point(2010, 41.2)),
            path: required_path(2010, 41.2, 2020, 50.0),
            projection_path: projection(&FOREST_LAI_CHAU, 2010, 2020),
            ..TargetMark::new(
                lang.pick("Mục tiêu minh hoạ 2020", "Illustrative 2020 target"),
                2020,
                Status::OnTrack,
            )
        }],
        ..forest_sedp(lang)
    }
}

/// Lai Châu doctors per 10,000 people (GSO; 2016 provisional) against two plans' targets.
fn doctors_two_plans(lang: Lang) -> TrendInput {
    let obs = [
        (2008, 3.153),
        (2009, 3.258),
        (2010, 4.280),
        (2011, 5.162),
        (2012, 6.519),
        (2013, 9.169),
        (2014, 9.800),
        (2015, 8.220),
    ];
    let mut series = points("A", &obs);
    series.push(Point {
        year: 2016,
        value: 8.830,
        status: "P".to_string(),
    });
    let mut all = obs.to_vec();
    all.push((2016, 8.830));
    TrendInput {
        lang,
        title: lang
            .pick("Số bác sĩ trên 1 vạn dân", "Doctors per 10,000 people")
            .to_string(),
        subtitle: Some(format!(
            "{} · {}",
            lai_chau(lang),
            lang.pick("hai kế hoạch, mục tiêu minh hoạ", "two plans, illustrative targets")
        )),
        area: lai_chau(lang).to_string(),
        unit: lang.pick("bác sĩ/1 vạn dân", "per 10,000 people").to_string(),
        zero_based: true,
        decimals: Some(1),
        series,
        targets: vec![
            TargetMark {
                comparator: Some(Comparator::Ge),
                value: Some(13.5),
                baseline: Some(point(2012, 6.519)),
                path: required_path(2012, 6.519, 2030, 13.5),
                projection_path: projection(&all, 2012, 2030),
                ..TargetMark::new(
                    lang.pick(
                        "Kế hoạch phát triển KT-XH tỉnh Lai Châu",
                        "Lai Chau socio-economic plan",
                    ),
                    2030,
                    Status::OnTrack,
                )
            },
            TargetMark {
                comparator: Some(Comparator::Ge),
                value: Some(13.0),
                baseline: Some(point(2012, 6.519)),
                path: required_path(2012, 6.519, 2020, 13.0),
                ..TargetMark::new(
                    lang.pick("Chương trình thực hiện Nghị quyết 42", "Resolution 42 programme"),
                    2020,
                    Status::NeedsAcceleration,
                )
            },
        ],
        note: Some(gso_note(lang)),
    }
}

/// Đồng Tháp forest cover: GSO's figure jumps from 1,9 % to 13 % in 2013; drawn here as a series
/// break (an illustration of how a break is shown; the data file does not flag it).
fn forest_dong_thap_break(lang: Lang) -> TrendInput {
    let mut series = points(
        "A",
        &[
            (2008, 2.5),
            (2009, 2.4),
            (2010, 2.2),
            (2011, 2.0),
            (2012, 1.9),
            (2013, 13.0),
            (2014, 15.2),
            (2015, 15.1),
        ],
    );
    series[5].status = "B".to_string();
    TrendInput {
        lang,
        title: forest_title(lang),
        subtitle: Some(lang.pick("Đồng Tháp", "Dong Thap").to_string()),
        area: lang.pick("Đồng Tháp", "Dong Thap").to_string(),
        unit: "%".to_string(),
        zero_based: true,
        decimals: Some(1),
        series,
        targets: Vec::new(),
        note: Some(gso_note(lang)),
    }
}

fn no_data(lang: Lang) -> TrendInput {
    TrendInput {
        title: lang
            .pick("Tỷ trọng kinh tế số trong GRDP", "Digital economy share of GRDP")
            .to_string(),
        subtitle: Some(lai_chau(lang).to_string()),
        series: Vec::new(),
        targets: vec![TargetMark {
            band: Some((9.0, 10.0)),
            ..TargetMark::new(
                lang.pick("KH KT-XH 2026–2030", "SEDP 2026–2030"),
                2030,
                Status::NotAssessable,
            )
        }],
        note: None,
        ..forest_sedp(lang)
    }
}

/// A plan's targets as small multiples; the non-GSO series are the worked examples of
/// docs methodology (§3), placed in 2020–2025.
fn dashboard(lang: Lang, columns: usize) -> DashboardInput {
    let poverty = [(2020, 10.0), (2021, 8.8), (2022, 7.1), (2023, 5.9)];
    let grdp = [
        (2020, 100_000.0),
        (2021, 109_000.0),
        (2022, 117_720.0),
        (2023, 127_962.0),
    ];
    let housing = [(2021, 50.0), (2022, 110.0), (2023, 160.0)];
    let beds = [(2012, 38.13), (2013, 37.34), (2014, 38.94), (2015, 36.18)];
    let mut beds_series = points("A", &beds);
    beds_series.push(Point {
        year: 2016,
        value: 35.09,
        status: "P".to_string(),
    });
    let plan = lang.pick("KH minh hoạ", "Illustrative plan");
    let panel = |goal: &str, trend: TrendInput| DashboardPanel {
        goal: Some(goal.to_string()),
        trend,
    };
    let basic = |title: &str, unit: &str, zero_based: bool| TrendInput {
        lang,
        title: title.to_string(),
        subtitle: None,
        area: lai_chau(lang).to_string(),
        unit: unit.to_string(),
        zero_based,
        decimals: Some(1),
        series: Vec::new(),
        targets: Vec::new(),
        note: None,
    };
    let mut panels = vec![
        panel("11.2", forest_assessed(lang)),
        panel("4.1", doctors_two_plans(lang)),
        panel(
            "4.2",
            TrendInput {
                series: beds_series,
                targets: vec![TargetMark {
                    comparator: Some(Comparator::Ge),
                    value: Some(40.0),
                    baseline: Some(point(2012, 38.13)),
                    path: required_path(2012, 38.13, 2020, 40.0),
                    ..TargetMark::new(plan, 2020, Status::Deterioration)
                }],
                ..basic(
                    lang.pick("Số giường bệnh trên 1 vạn dân", "Patient beds per 10,000 people"),
                    lang.pick("giường/1 vạn dân", "per 10,000 people"),
                    true,
                )
            },
        ),
        panel(
            "1.1",
            TrendInput {
                series: points("A", &poverty),
                targets: vec![TargetMark {
                    text: Some(lang.pick("−1,5 điểm %/năm", "−1.5 pp a year").to_string()),
                    baseline: Some(point(2020, 10.0)),
                    path: required_path(2020, 10.0, 2025, 2.5),
                    ..TargetMark::new(plan, 2025, Status::NeedsAcceleration)
                }],
                ..basic(lang.pick("Tỷ lệ hộ nghèo", "Household poverty rate"), "%", true)
            },
        ),
        panel(
            "1.2",
            TrendInput {
                series: points("A", &grdp),
                targets: vec![TargetMark {
                    text: Some(lang.pick("tăng 10 %/năm", "+10 % a year").to_string()),
                    baseline: Some(point(2020, 100_000.0)),
                    path: (2020..=2025).map(|y| (y, 100_000.0 * 1.1f64.powi(y - 2020))).collect(),
                    value: Some(161_051.0),
                    ..TargetMark::new(plan, 2025, Status::NeedsAcceleration)
                }],
                ..basic(
                    lang.pick("GRDP (giá so sánh)", "GRDP (constant prices)"),
                    lang.pick("tỷ đồng", "billion VND"),
                    false,
                )
            },
        ),
        panel(
            "2.3",
            TrendInput {
                series: points("A", &[(2024, 9_125.0)]),
                targets: vec![TargetMark {
                    comparator: Some(Comparator::Ge),
                    value: Some(10_000.0),
                    span: Some((2021, 2025)),
                    text: Some(lang.pick("≥ 10.000 mỗi năm", "≥ 10,000 every year").to_string()),
                    ..TargetMark::new(plan, 2025, Status::NeedsAcceleration)
                }],
                ..basic(
                    lang.pick("Số lao động có việc làm mới", "Workers placed in new jobs"),
                    lang.pick("người", "persons"),
                    true,
                )
            },
        ),
        panel(
            "3.1",
            TrendInput {
                series: points("A", &housing),
                targets: vec![TargetMark {
                    comparator: Some(Comparator::Ge),
                    value: Some(300.0),
                    text: Some(
                        lang.pick("cộng dồn ≥ 300 (2025)", "cumulative ≥ 300 (2025)")
                            .to_string(),
                    ),
                    baseline: Some(point(2020, 0.0)),
                    path: required_path(2020, 0.0, 2025, 300.0),
                    ..TargetMark::new(plan, 2025, Status::NeedsAcceleration)
                }],
                ..basic(
                    lang.pick(
                        "Nhà ở xã hội hoàn thành (cộng dồn)",
                        "Social housing completed (cumulative)",
                    ),
                    lang.pick("căn", "units"),
                    true,
                )
            },
        ),
        panel("1.3", no_data(lang)),
    ];
    // The caller's order is not the goal order: the renderer sorts.
    panels.rotate_left(3);
    DashboardInput {
        lang,
        title: lang
            .pick(
                "Tiến độ các chỉ tiêu — Lai Châu (minh hoạ)",
                "Progress of the targets — Lai Chau (illustrative)",
            )
            .to_string(),
        subtitle: Some(
            lang.pick("Xếp theo mục tiêu chiến lược ASEAN", "Ordered by ASEAN strategic goal")
                .to_string(),
        ),
        columns,
        panels,
        note: Some(gso_note(lang)),
    }
}

fn goal_bars(lang: Lang) -> GoalBarsInput {
    let bar = |label: &str, ratio: Option<f64>, status| GoalBar {
        label: label.to_string(),
        ratio,
        status,
    };
    GoalBarsInput {
        lang,
        title: lang
            .pick(
                "Tiến độ theo mục tiêu chiến lược ASEAN",
                "Progress by ASEAN strategic goal",
            )
            .to_string(),
        subtitle: Some(lang.pick("Lai Châu · minh hoạ", "Lai Chau · illustrative").to_string()),
        axis_label: None,
        groups: vec![
            GoalGroup {
                code: "11".to_string(),
                title: lang.pick("Môi trường bền vững", "Sustainable environment").to_string(),
                bars: vec![bar(
                    lang.pick("Tỷ lệ che phủ rừng", "Forest cover"),
                    Some(0.955),
                    Status::OnTrack,
                )],
            },
            GoalGroup {
                code: "1".to_string(),
                title: lang
                    .pick(
                        "Giảm nghèo và an sinh xã hội",
                        "Poverty reduction and social protection",
                    )
                    .to_string(),
                bars: vec![
                    bar(
                        lang.pick("Tỷ lệ hộ nghèo", "Household poverty rate"),
                        Some(0.9111),
                        Status::NeedsAcceleration,
                    ),
                    bar(
                        lang.pick("GRDP bình quân đầu người", "GRDP per capita"),
                        Some(0.8566),
                        Status::NeedsAcceleration,
                    ),
                    bar(
                        lang.pick("Lao động có việc làm mới", "Workers placed in new jobs"),
                        Some(0.9125),
                        Status::NeedsAcceleration,
                    ),
                    bar(
                        lang.pick("Nhà ở xã hội hoàn thành", "Social housing completed"),
                        Some(0.889),
                        Status::NeedsAcceleration,
                    ),
                    bar(
                        lang.pick("Tỷ trọng kinh tế số", "Digital economy share"),
                        None,
                        Status::NotAssessable,
                    ),
                ],
            },
            GoalGroup {
                code: "4".to_string(),
                title: lang
                    .pick("Y tế và chăm sóc sức khoẻ", "Health and health care")
                    .to_string(),
                bars: vec![
                    bar(
                        lang.pick("Số bác sĩ trên 1 vạn dân (KH KT-XH)", "Doctors per 10,000 (SEDP)"),
                        Some(1.49),
                        Status::OnTrack,
                    ),
                    bar(
                        lang.pick("Số bác sĩ trên 1 vạn dân (NQ 42)", "Doctors per 10,000 (Res. 42)"),
                        Some(0.71),
                        Status::NeedsAcceleration,
                    ),
                    bar(
                        lang.pick("Số giường bệnh trên 1 vạn dân", "Patient beds per 10,000"),
                        Some(-0.55),
                        Status::Deterioration,
                    ),
                    bar(
                        lang.pick("Tỷ lệ trạm y tế xã có bác sĩ", "Commune health stations with a doctor"),
                        Some(1.0),
                        Status::Achieved,
                    ),
                    bar(
                        lang.pick("Tỷ lệ tiêm chủng đầy đủ", "Full immunisation rate"),
                        Some(0.35),
                        Status::LimitedProgress,
                    ),
                ],
            },
        ],
        note: Some(
            lang.pick(
                "Tỷ số tiến độ R: phần đường đã đi chia cho phần thời gian đã qua (phương pháp, mục 3).",
                "Pace ratio R: share of the way done over share of the time elapsed (methodology, section 3).",
            )
            .to_string(),
        ),
    }
}

/// Doctors per 10,000 people across the 63 provinces in 2016 (ratio of sums), Lai Châu and Đồng Tháp
/// highlighted; `keep` keeps the first n provinces of the table plus the highlighted ones.
fn ranking(lang: Lang, keep: Option<usize>) -> RankingInput {
    let bars = DOCTORS_2016
        .iter()
        .enumerate()
        .filter(|(i, (code, ..))| keep.is_none_or(|n| *i < n) || *code == "12" || *code == "87")
        .map(|(_, (code, vi, en, doctors, population))| RankBar {
            label: lang.pick(vi, en).to_string(),
            value: Some(doctors / population * 10_000.0),
            highlighted: *code == "12" || *code == "87",
        })
        .collect();
    RankingInput {
        lang,
        title: lang
            .pick(
                "Số bác sĩ trên 1 vạn dân theo tỉnh, 2016",
                "Doctors per 10,000 people by province, 2016",
            )
            .to_string(),
        subtitle: Some(
            lang.pick(
                "Số sơ bộ · Lai Châu và Đồng Tháp được tô đậm",
                "Provisional · Lai Chau and Dong Thap highlighted",
            )
            .to_string(),
        ),
        unit: lang.pick("bác sĩ/1 vạn dân", "per 10,000 people").to_string(),
        year: 2016,
        decimals: Some(1),
        bars,
        target: Some(TargetLine {
            label: lang
                .pick("Mục tiêu 2030 của Lai Châu: 13,5", "Lai Chau 2030 target: 13.5")
                .to_string(),
            value: 13.5,
        }),
        note: Some(gso_note(lang)),
    }
}
