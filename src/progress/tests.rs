//! The worked examples of methodology.md, with the document's figures, and the properties every
//! status must satisfy.

use proptest::prelude::*;

use super::*;
use crate::catalog::Catalog;

/// A catalogue with one indicator `x` and a plan `p` holding one target (YAML fragment `target`).
fn catalog(direction: &str, extra: &str, baseline_year: i32, period: [i32; 2], target: &str) -> Catalog {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("plans")).expect("mkdir");
    std::fs::write(
        dir.path().join("x.yaml"),
        format!(
            "indicators:\n  - id: x\n    name: {{vi: x, en: x}}\n    unit: {{vi: \"%\", en: \"%\"}}\n    direction: {direction}\n    reported: true\n{extra}"
        ),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("plans/p.yaml"),
        format!(
            "id: p\ntitle: {{vi: p, en: p}}\narea: \"a\"\nbaseline_year: {baseline_year}\nperiod: [{}, {}]\ntargets:\n  - {target}\n",
            period[0], period[1]
        ),
    )
    .expect("write");
    Catalog::load(dir.path()).expect("catalogue")
}

fn pts(values: &[(i32, f64)]) -> Vec<Point> {
    values
        .iter()
        .map(|(y, v)| Point {
            year: *y,
            value: *v,
            status: "A".into(),
        })
        .collect()
}

fn run(c: &Catalog, points: &[Point], as_of: i32, opts: &Options) -> Assessment {
    let plan = c.plan("p").expect("plan");
    assess_target(c, plan, &plan.targets[0], "a", points, as_of, opts).expect("assessment")
}

fn close(got: Option<f64>, want: f64, tol: f64) {
    let g = got.unwrap_or(f64::NAN);
    assert!((g - want).abs() <= tol, "got {g}, want {want}");
}

fn comp(a: &Assessment, k: &str) -> Option<f64> {
    a.components.get(k).copied()
}

#[test]
fn level_42_to_46_2_against_55() {
    // §3.1: y₀ = 42.0 (2020), y_c = 46.2 (2024), y* = 55 (2030), d = +1, `>=`.
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    let a = run(&c, &pts(&[(2020, 42.0), (2024, 46.2)]), 2024, &Options::default());
    assert_eq!(a.achieved, Some(false));
    close(a.gap, 8.8, 1e-9);
    close(a.required_now, 47.2, 1e-9);
    close(a.deviation, -1.0, 1e-9);
    close(comp(&a, "share_done"), 0.3231, 5e-5);
    close(comp(&a, "time_share"), 0.4, 1e-12);
    close(a.ratio, 0.8077, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(comp(&a, "cagr_observed"), 0.024114, 5e-7);
    close(comp(&a, "cagr_required"), 0.027333, 5e-7);
    close(comp(&a, "ratio_growth"), 0.8822, 5e-5);
    close(a.projection, 52.5, 1e-9);
    close(comp(&a, "anticipated"), 0.8077, 5e-5);
    close(a.needed_per_year, 1.467, 5e-4);
    close(a.observed_per_year, 1.05, 1e-9);
}

#[test]
fn poverty_falls_1_3667_points_a_year_against_1_5() {
    // §3.2: y = 10.0 (2020), 8.8, 7.1, 5.9 (2023); Δ* = −1.5; d = −1.
    let c = catalog(
        "decrease",
        "",
        2020,
        [2021, 2025],
        "{indicator: x, kind: annual_change, value: -1.5, year: 2025}",
    );
    let a = run(
        &c,
        &pts(&[(2020, 10.0), (2021, 8.8), (2022, 7.1), (2023, 5.9)]),
        2023,
        &Options::default(),
    );
    close(a.observed_per_year, -1.3667, 5e-5);
    close(a.ratio, 0.9111, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
    let path: Vec<f64> = a
        .path
        .iter()
        .filter(|p| (2021..=2023).contains(&p.0))
        .map(|p| p.1)
        .collect();
    for (got, want) in path.iter().zip([8.5, 7.0, 5.5]) {
        close(Some(*got), want, 1e-9);
    }
    close(a.deviation, -0.4, 1e-9);
    close(comp(&a, "attainment_2021"), 0.80, 1e-9);
    close(comp(&a, "attainment_2022"), 1.1333, 5e-5);
    close(comp(&a, "attainment_2023"), 0.80, 1e-9);
    close(a.path.last().map(|p| p.1), 2.5, 1e-9);
    close(a.needed_per_year, -1.70, 1e-9);
}

#[test]
fn grdp_grows_8_566_percent_against_10() {
    // §3.3: Y = 100,000 (2020), 109,000, 117,720, 127,962 (2023); g* = 10 %.
    let c = catalog(
        "increase",
        "    measure: level\n",
        2020,
        [2021, 2025],
        "{indicator: x, kind: growth, value: 10, year: 2025}",
    );
    let a = run(
        &c,
        &pts(&[
            (2020, 100_000.0),
            (2021, 109_000.0),
            (2022, 117_720.0),
            (2023, 127_962.0),
        ]),
        2023,
        &Options::default(),
    );
    close(comp(&a, "growth_2021"), 0.09, 1e-9);
    close(comp(&a, "growth_2022"), 0.08, 1e-9);
    close(comp(&a, "growth_2023"), 0.087, 5e-5);
    close(comp(&a, "g_realised"), 0.08566, 5e-6);
    close(a.ratio, 0.8566, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(comp(&a, "level_gap"), -0.0386, 5e-5);
    close(comp(&a, "target_level"), 161_051.0, 1e-6);
    close(a.needed_per_year, 12.19, 5e-3);
}

#[test]
fn growth_from_published_rates_rebuilds_the_level_path() {
    // The same economy, published only as growth rates (%): the same realised rate and ratio.
    let c = catalog(
        "increase",
        "    measure: growth\n",
        2020,
        [2021, 2025],
        "{indicator: x, kind: growth, value: 10, year: 2025}",
    );
    let rates = pts(&[(2021, 9.0), (2022, 8.0), (2023, 127_962.0 / 117_720.0 * 100.0 - 100.0)]);
    let a = run(&c, &rates, 2023, &Options::default());
    close(comp(&a, "g_realised"), 0.08566, 5e-6);
    close(a.ratio, 0.8566, 5e-5);
    close(a.needed_per_year, 12.19, 5e-3);
}

#[test]
fn period_average_of_growth_is_geometric() {
    // §3.4: A* = 7 %, N = 5 (2021–2025); growth 9.0, 8.0, 8.7003 %.
    let c = catalog(
        "increase",
        "    measure: growth\n",
        2020,
        [2021, 2025],
        "{indicator: x, kind: period_average, value: 7}",
    );
    let a = run(
        &c,
        &pts(&[(2021, 9.0), (2022, 8.0), (2023, 8.7003)]),
        2023,
        &Options::default(),
    );
    close(comp(&a, "average_so_far"), 8.566, 5e-4);
    close(a.ratio, 1.224, 5e-4);
    assert_eq!(a.status, Status::OnTrack);
    close(a.needed_per_year, 4.693, 5e-4);
}

#[test]
fn arithmetic_period_average() {
    let c = catalog(
        "increase",
        "    measure: rate\n",
        2025,
        [2026, 2030],
        "{indicator: x, kind: period_average, value: 47}",
    );
    let a = run(&c, &pts(&[(2026, 45.0), (2027, 46.0)]), 2027, &Options::default());
    close(comp(&a, "average_so_far"), 45.5, 1e-12);
    close(a.needed_per_year, (5.0 * 47.0 - 91.0) / 3.0, 1e-12);
    assert!(
        a.notes.iter().any(|n| n.code == "not-feasible"),
        "48 a year is beyond the best year seen (46)"
    );
}

#[test]
fn annual_flow_9125_against_10000() {
    // §3.5: 9,125 against 10,000 → attainment 0.9125 → needs_acceleration; gap −875.
    let c = catalog(
        "increase",
        "    measure: count\n",
        2025,
        [2026, 2030],
        "{indicator: x, kind: annual_flow, op: \">=\", value: 10000}",
    );
    let a = run(&c, &pts(&[(2026, 9125.0)]), 2026, &Options::default());
    close(a.ratio, 0.9125, 1e-12);
    close(a.gap, -875.0, 1e-12);
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(comp(&a, "years_met"), 0.0, 0.0);
}

#[test]
fn cumulative_160_against_pro_rata_180() {
    // §3.6: 2021–2025, C* = 300; yearly 50, 60, 50 → cum 160; pro-rata 180; R = 0.889.
    let c = catalog(
        "increase",
        "    measure: count\n",
        2020,
        [2021, 2025],
        "{indicator: x, kind: cumulative, value: 300, year: 2025}",
    );
    let a = run(
        &c,
        &pts(&[(2021, 50.0), (2022, 60.0), (2023, 50.0)]),
        2023,
        &Options::default(),
    );
    close(comp(&a, "cumulative"), 160.0, 0.0);
    close(comp(&a, "pro_rata"), 180.0, 1e-12);
    close(a.ratio, 0.8889, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(a.needed_per_year, 70.0, 1e-12);
    close(a.observed_per_year, 53.333, 5e-4);
}

#[test]
fn a_missing_flow_year_stops_the_total() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2025],
        "{indicator: x, kind: cumulative, value: 300, year: 2025}",
    );
    let a = run(&c, &pts(&[(2021, 50.0), (2023, 50.0)]), 2023, &Options::default());
    assert_eq!(a.status, Status::NotAssessable);
    assert!(a.notes.iter().any(|n| n.code == "missing-year"));
}

#[test]
fn range_inside_and_outside() {
    let c = catalog(
        "increase",
        "",
        2025,
        [2026, 2030],
        "{indicator: x, kind: range, min: 9, max: 10, year: 2030}",
    );
    let a = run(&c, &pts(&[(2025, 6.0), (2027, 9.5)]), 2027, &Options::default());
    assert_eq!(a.status, Status::Achieved);
    let a = run(&c, &pts(&[(2025, 6.0), (2027, 7.0)]), 2027, &Options::default());
    // Towards 9 from 6: share done 1/3 in 2 of 5 years → R = 0.833.
    close(a.ratio, 0.8333, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
}

#[test]
fn milestones() {
    let c = catalog(
        "increase",
        "    measure: boolean\n",
        2025,
        [2026, 2030],
        "{indicator: x, kind: milestone, year: 2028}",
    );
    assert_eq!(run(&c, &[], 2027, &Options::default()).status, Status::NotAssessable);
    assert_eq!(
        run(&c, &pts(&[(2026, 0.0)]), 2027, &Options::default()).status,
        Status::NotYet
    );
    assert_eq!(
        run(&c, &pts(&[(2029, 0.0)]), 2029, &Options::default()).status,
        Status::Overdue
    );
    assert_eq!(
        run(&c, &pts(&[(2026, 0.0), (2027, 1.0)]), 2027, &Options::default()).status,
        Status::Achieved
    );
}

#[test]
fn relative_halves_the_rate() {
    let c = catalog(
        "decrease",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: relative, change: -0.5, year: 2030}",
    );
    let a = run(&c, &pts(&[(2020, 20.0), (2025, 15.0)]), 2025, &Options::default());
    close(comp(&a, "y_star"), 10.0, 1e-12);
    // Half the way in half the time.
    close(a.ratio, 1.0, 1e-12);
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn the_natural_limit_scales_the_trend_thresholds() {
    // §5: b = 90, L = 100 → C = 0.373622; thresholds 0.005604 and 0.001868.
    let c = catalog(
        "increase",
        "    natural_limit: 100\n",
        2020,
        [2021, 2025],
        "{indicator: x, kind: trend}",
    );
    // CAGR 0.3 %/yr: below 1.5 % (moderate without a limit) but above 0.5604 %·C … check both bands.
    let a = run(
        &c,
        &pts(&[(2020, 90.0), (2022, 90.0 * 1.003f64.powi(2))]),
        2022,
        &Options::default(),
    );
    close(comp(&a, "C"), 0.373622, 1e-6);
    close(a.ratio, 0.003, 1e-9);
    assert_eq!(
        a.status,
        Status::NeedsAcceleration,
        "0.003 is between 0.001868 and 0.005604"
    );
    let a = run(
        &c,
        &pts(&[(2020, 90.0), (2022, 90.0 * 1.006f64.powi(2))]),
        2022,
        &Options::default(),
    );
    assert_eq!(a.status, Status::OnTrack, "0.006 ≥ 0.005604");
}

#[test]
fn open_sdg_method_2_reproduces_its_score() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    let opts = Options {
        method: Method::OpenSdg,
        ..Options::default()
    };
    let a = run(&c, &pts(&[(2020, 42.0), (2024, 46.2)]), 2024, &opts);
    // P = CAGR(42→46.2, 4 yrs)/CAGR(42→55, 10 yrs) = 0.024114/0.027333.
    close(a.ratio, 0.8822, 5e-5);
    assert_eq!(a.status, Status::NeedsAcceleration);
    close(a.score, (50.0 / 7.0) * 0.88224 - 30.0 / 7.0, 5e-4);
    assert_eq!(a.method, "open_sdg");
    // Base: the first year after the base year when the base year has no value.
    let a = run(&c, &pts(&[(2021, 42.0), (2024, 46.2)]), 2024, &opts);
    assert_eq!(comp(&a, "osdg_base_year"), Some(2021.0));
}

#[test]
fn baseline_policy() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    // Nearest earlier within two years, and said so.
    let a = run(&c, &pts(&[(2018, 40.0), (2024, 46.2)]), 2024, &Options::default());
    assert_eq!(a.baseline.as_ref().map(|b| b.year), Some(2018));
    assert!(
        a.notes
            .iter()
            .any(|n| n.code == "baseline-from" && n.message.contains("2018"))
    );
    // Three years back is too far: the first later one before the current year.
    let a = run(
        &c,
        &pts(&[(2017, 40.0), (2021, 43.0), (2024, 46.2)]),
        2024,
        &Options::default(),
    );
    assert_eq!(a.baseline.as_ref().map(|b| b.year), Some(2021));
    // One observation only: not assessable unless the target already holds.
    let a = run(&c, &pts(&[(2024, 46.2)]), 2024, &Options::default());
    assert_eq!(a.status, Status::NotAssessable);
    let a = run(&c, &pts(&[(2024, 56.0)]), 2024, &Options::default());
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn target_equal_to_baseline_has_no_ratio() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 42, year: 2030}",
    );
    let a = run(&c, &pts(&[(2020, 42.0), (2024, 41.0)]), 2024, &Options::default());
    assert_eq!(a.status, Status::NotAssessable);
    assert!(a.notes.iter().any(|n| n.code == "target-equals-baseline"));
    let a = run(&c, &pts(&[(2020, 42.0), (2024, 43.0)]), 2024, &Options::default());
    assert_eq!(a.status, Status::Achieved);
}

#[test]
fn no_ratio_across_a_series_break() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    let mut p = pts(&[(2020, 42.0), (2022, 44.0), (2024, 46.2)]);
    p[1].status = "B".into();
    let a = run(&c, &p, 2024, &Options::default());
    assert_eq!(a.status, Status::NotAssessable);
    assert!(
        a.notes
            .iter()
            .any(|n| n.code == "series-break" && n.message.contains("2022"))
    );
}

#[test]
fn estimates_are_carried_and_marked() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    let mut p = pts(&[(2020, 42.0), (2024, 46.2)]);
    p[1].status = "E".into();
    let a = run(&c, &p, 2024, &Options::default());
    assert_eq!(a.status, Status::NeedsAcceleration);
    assert!(
        a.notes
            .iter()
            .any(|n| n.code == "qualified-value" && n.message.contains("estimate"))
    );
}

#[test]
fn about_uses_the_tolerance() {
    let c = catalog(
        "increase",
        "",
        2020,
        [2021, 2030],
        "{indicator: x, kind: level, op: \"~\", value: 70, year: 2030}",
    );
    // ±2 % of 70 = ±1.4.
    assert_eq!(
        run(&c, &pts(&[(2020, 60.0), (2024, 68.7)]), 2024, &Options::default()).status,
        Status::Achieved
    );
    assert_ne!(
        run(&c, &pts(&[(2020, 60.0), (2024, 68.5)]), 2024, &Options::default()).status,
        Status::Achieved
    );
}

fn classify_is_consistent(a: &Assessment, t: &Thresholds) -> bool {
    match (a.status, a.ratio) {
        (Status::Achieved, _) => a.achieved == Some(true),
        (Status::NotAssessable, _) => true,
        (s, Some(r)) => s == t.classify(r),
        (_, None) => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A status never contradicts its ratio and thresholds, and `achieved` means the comparator holds.
    #[test]
    fn status_agrees_with_ratio_and_comparator(
        y0 in 1.0f64..100.0, yc in 1.0f64..100.0, target in 1.0f64..100.0,
        t0 in 2015i32..2022, elapsed in 1i32..6, span in 6i32..12,
        dec in any::<bool>(), op in 0usize..4,
    ) {
        let ops = [">=", ">", "<=", "<"];
        let c = catalog(if dec { "decrease" } else { "increase" }, "", t0, [t0 + 1, t0 + span],
            &format!("{{indicator: x, kind: level, op: \"{}\", value: {target}, year: {}}}", ops[op], t0 + span));
        let a = run(&c, &pts(&[(t0, y0), (t0 + elapsed, yc)]), t0 + elapsed, &Options::default());
        prop_assert!(classify_is_consistent(&a, &Thresholds::default()), "{:?} {:?}", a.status, a.ratio);
        let holds = match ops[op] { ">=" => yc >= target, ">" => yc > target, "<=" => yc <= target, _ => yc < target };
        prop_assert_eq!(a.achieved, Some(holds));
        if a.status == Status::Achieved { prop_assert!(holds); }
    }

    /// Moving the current value the right way never lowers the ratio.
    #[test]
    fn moving_the_right_way_never_lowers_the_ratio(
        y0 in 10.0f64..50.0, target in 51.0f64..100.0, yc in 0.0f64..100.0, step in 0.0f64..20.0, dec in any::<bool>(),
    ) {
        let (dir, target, better) = if dec { ("decrease", 100.0 - target, yc - step) } else { ("increase", target, yc + step) };
        let base = if dec { 100.0 - y0 } else { y0 };
        let c = catalog(dir, "", 2020, [2021, 2030], &format!("{{indicator: x, kind: level, op: \"{}\", value: {target}, year: 2030}}", if dec { "<=" } else { ">=" }));
        let r1 = run(&c, &pts(&[(2020, base), (2024, yc.max(0.01))]), 2024, &Options::default()).ratio;
        let r2 = run(&c, &pts(&[(2020, base), (2024, better.max(0.01))]), 2024, &Options::default()).ratio;
        if let (Some(r1), Some(r2)) = (r1, r2) { prop_assert!(r2 >= r1 - 1e-12, "{r1} → {r2}"); }
    }

    /// The same for every ratio-driven kind: annual change, growth, cumulative.
    #[test]
    fn kinds_are_monotone_in_the_current_value(yc in 1.0f64..200.0, step in 0.0f64..50.0) {
        for (kind, extra) in [
            ("{indicator: x, kind: annual_change, value: -2, year: 2025}", ""),
            ("{indicator: x, kind: growth, value: 10, year: 2025}", "    measure: level\n"),
        ] {
            let dir = if kind.contains("annual_change") { "decrease" } else { "increase" };
            let c = catalog(dir, extra, 2020, [2021, 2025], kind);
            let better = if dir == "decrease" { (yc - step).max(0.5) } else { yc + step };
            let r1 = run(&c, &pts(&[(2020, 100.0), (2023, yc)]), 2023, &Options::default()).ratio;
            let r2 = run(&c, &pts(&[(2020, 100.0), (2023, better)]), 2023, &Options::default()).ratio;
            if let (Some(r1), Some(r2)) = (r1, r2) { prop_assert!(r2 >= r1 - 1e-12, "{kind}: {r1} → {r2}"); }
        }
    }
}

#[test]
fn at_the_baseline_the_needed_pace_is_still_given() {
    // A new plan evaluated in its baseline year: not assessable yet, but the pace it demands is known.
    let c = catalog(
        "increase",
        "",
        2025,
        [2026, 2030],
        "{indicator: x, kind: level, op: \">=\", value: 55, year: 2030}",
    );
    let a = run(&c, &pts(&[(2025, 45.0)]), 2025, &Options::default());
    assert_eq!(a.status, Status::NotAssessable);
    close(a.needed_per_year, 2.0, 1e-12);
    let c = catalog(
        "decrease",
        "",
        2025,
        [2026, 2030],
        "{indicator: x, kind: annual_change, value: -3, year: 2030}",
    );
    let a = run(&c, &pts(&[(2025, 15.0)]), 2025, &Options::default());
    close(a.needed_per_year, -3.0, 1e-12);
}
