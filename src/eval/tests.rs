//! Property tests of the aggregation: whatever the split of a parent into parts, its rate is the ratio
//! of the summed numerator and denominator.

use polars::prelude::*;
use proptest::prelude::*;

use super::{EvalOptions, evaluate};
use crate::catalog::Catalog;
use crate::data::{Area, Areas, Dataset, Observations};
use crate::i18n::Text;

const CATALOG: &str = r#"series:
  - id: doctors
    name: {vi: "Số bác sĩ", en: "Doctors"}
    unit: {vi: "người", en: "persons"}
    aggregate: sum
  - id: population
    name: {vi: "Dân số", en: "Population"}
    unit: {vi: "người", en: "persons"}
    aggregate: sum
indicators:
  - id: doctors_per_10k
    name: {vi: "Số bác sĩ trên 1 vạn dân", en: "Doctors per 10,000 people"}
    unit: {vi: "bác sĩ/1 vạn dân", en: "per 10,000 people"}
    direction: increase
    formula: doctors / population * 10000
"#;

fn catalog() -> Catalog {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("h.yaml"), CATALOG).expect("write");
    Catalog::load(dir.path()).expect("catalog")
}

fn area(code: &str, parent: Option<&str>, order: usize) -> Area {
    Area {
        code: code.into(),
        name: Text::new(code, code),
        level: "x".into(),
        parent: parent.map(str::to_string),
        since: None,
        until: None,
        replaces: vec![],
        order,
    }
}

/// Province `p` with regions `r0..`, each with districts holding (doctors, population).
fn dataset(regions: &[Vec<(u32, u32)>]) -> Dataset {
    let mut areas = vec![area("p", None, 0)];
    let (mut series, mut codes, mut values) = (vec![], vec![], vec![]);
    for (i, districts) in regions.iter().enumerate() {
        let r = format!("r{i}");
        areas.push(area(&r, Some("p"), areas.len()));
        for (j, (d, pop)) in districts.iter().enumerate() {
            let code = format!("d{i}_{j}");
            areas.push(area(&code, Some(&r), areas.len()));
            for (s, v) in [("doctors", *d as f64), ("population", *pop as f64)] {
                series.push(s.to_string());
                codes.push(code.clone());
                values.push(v);
            }
        }
    }
    let frame = observations(series, codes, values, None);
    Dataset {
        dir: ".".into(),
        areas: Areas::from_list(areas),
        obs: Observations {
            frame,
            dims: vec![],
            files: vec![],
            // Text (not coded) series and areas: the wide layout's general path, keyed by columns.
            unique_keys: true,
        },
    }
}

/// The loader's layout for observations of 2024 (text series and areas), with one dimension or none.
fn observations<S: AsRef<str>>(
    series: Vec<S>,
    areas: Vec<S>,
    values: Vec<f64>,
    dim: Option<(&str, Vec<&str>)>,
) -> DataFrame {
    let n = series.len();
    let texts = |v: Vec<S>| v.iter().map(|s| s.as_ref().to_string()).collect::<Vec<_>>();
    let mut columns = vec![
        Column::new("series".into(), texts(series)),
        Column::new("area".into(), texts(areas)),
        Column::new("year".into(), vec![2024i32; n]),
    ];
    if let Some((name, values)) = dim {
        columns.push(Column::new(name.into(), values));
    }
    columns.extend([
        Column::new("value".into(), values),
        Column::new("status".into(), vec!["A"; n]),
        Column::new("source".into(), vec!["test"; n]),
        Column::new("vintage".into(), vec![None::<i32>; n])
            .cast(&DataType::Date)
            .expect("date"),
        Column::new("file".into(), vec![0u32; n]),
        Column::new("line".into(), vec![0u32; n]),
    ]);
    DataFrame::new_infer_height(columns).expect("frame")
}

fn value_of(df: &DataFrame, area: &str, column: &str) -> Option<f64> {
    let codes = crate::frame::str_values(df, "area").ok()?;
    let values = crate::frame::f64_values(df, column).ok()?;
    codes
        .iter()
        .position(|c| c.as_deref() == Some(area))
        .and_then(|i| values[i])
}

#[test]
fn the_two_district_example_gives_8() {
    let data = dataset(&[vec![(50, 80_000), (30, 20_000)]]);
    let v = evaluate(&catalog(), &data, &EvalOptions::default()).expect("evaluate");
    assert_eq!(value_of(&v.frame, "p", "value"), Some(8.0));
    assert_eq!(value_of(&v.frame, "d0_0", "value"), Some(6.25));
    assert_eq!(value_of(&v.frame, "d0_1", "value"), Some(15.0));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_parent_rate_is_the_ratio_of_its_sums(
        regions in prop::collection::vec(prop::collection::vec((0u32..20_000, 1u32..2_000_000), 1..6), 1..4)
    ) {
        let data = dataset(&regions);
        let v = evaluate(&catalog(), &data, &EvalOptions::default()).expect("evaluate");
        let all: Vec<(u32, u32)> = regions.iter().flatten().copied().collect();
        let d: f64 = all.iter().map(|x| x.0 as f64).sum();
        let p: f64 = all.iter().map(|x| x.1 as f64).sum();
        let expected = d / p * 10000.0;
        let got = value_of(&v.frame, "p", "value").expect("a value for the province");
        prop_assert!((got - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{got} vs {expected}");
        prop_assert_eq!(value_of(&v.frame, "p", "numerator"), Some(d));
        prop_assert_eq!(value_of(&v.frame, "p", "denominator"), Some(p));
        // Each region as well, from its own districts.
        for (i, districts) in regions.iter().enumerate() {
            let d: f64 = districts.iter().map(|x| x.0 as f64).sum();
            let p: f64 = districts.iter().map(|x| x.1 as f64).sum();
            let got = value_of(&v.frame, &format!("r{i}"), "value").expect("region value");
            prop_assert!((got - d / p * 10000.0).abs() <= 1e-9 * got.abs().max(1.0));
        }
    }
}

/// The rows of one area.
fn rows_of(df: &DataFrame, area: &str) -> DataFrame {
    df.clone()
        .lazy()
        .filter(col("area").cast(DataType::String).eq(lit(area)))
        .collect()
        .expect("filter")
}

/// The values with their text columns as text (they are categorical when asked for coded).
fn as_text(df: &DataFrame) -> DataFrame {
    df.clone()
        .lazy()
        .with_columns(["indicator", "area", "status"].map(|c| col(c).cast(DataType::String)))
        .collect()
        .expect("as text")
}

/// The data with a series no indicator reads, and the first `dups` rows repeated with other
/// values after all others (a key seen twice keeps its first value).
fn with_noise(mut data: Dataset, dups: usize, coded: bool) -> Dataset {
    let f = &data.obs.frame;
    let n = f.height();
    let extra = f
        .slice(0, n.min(3))
        .lazy()
        .with_column(lit("nurses").alias("series"))
        .collect()
        .expect("extra");
    let repeated = f
        .slice(0, dups.min(n))
        .lazy()
        .with_column(col("value") + lit(1.0))
        .collect()
        .expect("repeated");
    let mut frame = f.vstack(&extra).expect("vstack").vstack(&repeated).expect("vstack");
    if coded {
        frame = frame
            .lazy()
            .with_columns([
                col("series").cast(crate::frame::local_categorical()),
                col("area").cast(crate::frame::local_categorical()),
                col("status").cast(crate::frame::local_categorical()),
            ])
            .collect()
            .expect("coded");
    }
    data.obs.frame = frame;
    data.obs.unique_keys = dups == 0;
    data
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Asked for one region (or handed the data cut to it), the evaluation gives that region's
    /// figures exactly as the full one does, and says nothing about the province above it, whose
    /// other regions were simply not read.
    #[test]
    fn one_area_comes_out_as_in_the_full_evaluation(
        regions in prop::collection::vec(prop::collection::vec((0u32..20_000, 1u32..2_000_000), 1..4), 2..4),
        pick in 0usize..4,
    ) {
        let data = dataset(&regions);
        let area = format!("r{}", pick % regions.len());
        let full = evaluate(&catalog(), &data, &EvalOptions::default()).expect("evaluate");
        prop_assert!(full.findings.is_empty());
        for (d, coded) in [(data.clone(), false), (data.for_area(&area).expect("cut"), false), (data.clone(), true)] {
            let opts = EvalOptions { areas: vec![area.clone()], coded, ..EvalOptions::default() };
            let one = evaluate(&catalog(), &d, &opts).expect("evaluate one area");
            let want = rows_of(&full.frame, &area);
            prop_assert!(want.height() > 0);
            prop_assert!(as_text(&one.frame).equals_missing(&want), "coded {coded}: {} vs {want}", one.frame);
            let said: Vec<&str> = one.findings.iter().map(|f| f.message.as_str()).collect();
            prop_assert!(said.is_empty(), "{said:?}");
        }
    }

    /// Coded observations (the loader's categorical series and areas: keys packed into slots) and
    /// text ones (slots numbered through a join) give the same values, with series that no
    /// indicator reads and with repeated keys.
    #[test]
    fn coded_and_text_observations_give_the_same_values(
        regions in prop::collection::vec(prop::collection::vec((0u32..20_000, 1u32..2_000_000), 1..4), 1..4),
        dups in 0usize..4,
    ) {
        let base = dataset(&regions);
        let plain = evaluate(&catalog(), &base, &EvalOptions::default()).expect("evaluate").frame;
        for coded in [false, true] {
            let noisy = with_noise(base.clone(), dups, coded);
            let v = evaluate(&catalog(), &noisy, &EvalOptions::default()).expect("evaluate");
            prop_assert!(v.frame.equals_missing(&plain), "coded {coded}: {} vs {plain}", v.frame);
            prop_assert!(!v.series.series.contains(&"nurses".to_string()));
            // Asked for coded text columns (the Parquet writer's): the same values.
            let opts = EvalOptions { coded: true, ..EvalOptions::default() };
            let c = evaluate(&catalog(), &noisy, &opts).expect("evaluate coded");
            prop_assert!(c.frame.column("area").expect("area").dtype().is_categorical());
            prop_assert!(as_text(&c.frame).equals_missing(&plain), "coded output: {} vs {plain}", c.frame);
        }
    }
}

/// A dimension (text, so the rows are numbered through a join rather than packed keys): each
/// value of it climbs the hierarchy on its own, and coded series and areas give the same values.
#[test]
fn each_value_of_a_dimension_is_summed_on_its_own() {
    // (district, sex, doctors, population)
    let rows = [
        ("d0_0", "f", 50.0, 80_000.0),
        ("d0_0", "m", 10.0, 70_000.0),
        ("d0_1", "f", 30.0, 20_000.0),
        ("d0_1", "m", 20.0, 10_000.0),
    ];
    let mut data = dataset(&[vec![(0, 1), (0, 1)]]);
    let (mut series, mut areas, mut sexes, mut values) = (vec![], vec![], vec![], vec![]);
    for (area, sex, d, p) in rows {
        for (s, v) in [("doctors", d), ("population", p)] {
            series.push(s);
            areas.push(area);
            sexes.push(sex);
            values.push(v);
        }
    }
    data.obs.frame = observations(series, areas, values, Some(("sex", sexes)));
    data.obs.dims = vec!["sex".into()];
    let text = evaluate(&catalog(), &data, &EvalOptions::default())
        .expect("evaluate")
        .frame;
    let of = |area: &str, sex: &str| {
        let rows = text
            .clone()
            .lazy()
            .filter(col("area").eq(lit(area)).and(col("sex").eq(lit(sex))))
            .collect()
            .expect("filter");
        crate::frame::f64_values(&rows, "value").expect("values")[0]
    };
    assert_eq!(of("p", "f"), Some(80.0 / 100_000.0 * 10_000.0));
    assert_eq!(of("p", "m"), Some(30.0 / 80_000.0 * 10_000.0));
    assert_eq!(of("d0_1", "m"), Some(20.0));
    let coded = with_noise(data, 0, true);
    let v = evaluate(&catalog(), &coded, &EvalOptions::default()).expect("evaluate coded");
    assert!(v.frame.equals_missing(&text), "{} vs {text}", v.frame);
}

#[test]
fn a_term_too_large_to_fix_makes_only_its_own_series_a_float_sum() {
    let mut data = dataset(&[vec![(0, 0), (0, 0)]]);
    let series = vec!["doctors", "doctors", "population", "population"];
    let areas = vec!["d0_0", "d0_1", "d0_0", "d0_1"];
    data.obs.frame = observations(series, areas, vec![0.1, 0.2, 1e20, 1.0], None);
    let v = evaluate(&catalog(), &data, &EvalOptions::default()).expect("evaluate");
    // Doctors: the exact sum 0.3 (as floats 0.1 + 0.2 = 0.30000000000000004); population: beyond
    // what fixes (10^17), the float sum.
    for parent in ["r0", "p"] {
        assert_eq!(value_of(&v.frame, parent, "numerator"), Some(0.3), "{parent}");
        assert_eq!(value_of(&v.frame, parent, "denominator"), Some(1e20 + 1.0), "{parent}");
        assert_eq!(
            value_of(&v.frame, parent, "value"),
            Some(0.3 / 1e20 * 10000.0),
            "{parent}"
        );
    }
}

#[test]
fn a_total_from_part_of_its_units_is_not_computed_and_names_the_missing_ones() {
    // Region r0: districts d0_0, d0_1, d0_2 (d0_2 has no rows at all); region r1: d1_0, d1_1.
    let mut data = dataset(&[vec![(0, 0), (0, 0), (0, 0)], vec![(0, 0), (0, 0)]]);
    let rows = [
        ("doctors", "d0_0", 5.0),
        ("population", "d0_0", 100.0),
        ("population", "d0_1", 100.0),
        ("doctors", "d1_0", 1.0),
        ("doctors", "d1_1", 2.0),
        ("population", "d1_0", 10.0),
        ("population", "d1_1", 20.0),
    ];
    let (series, areas, values): (Vec<&str>, Vec<&str>, Vec<f64>) = columns_of(&rows);
    data.obs.frame = observations(series, areas, values, None);
    let v = evaluate(&catalog(), &data, &EvalOptions::default()).expect("evaluate");
    let said: Vec<&str> = v
        .findings
        .iter()
        .filter(|f| f.code == "incomplete-aggregate")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        said,
        [
            "`doctors` for r0 (r0) is not computed in 2024: no value for d0_1 (d0_1), d0_2 (d0_2)",
            "`population` for r0 (r0) is not computed in 2024: no value for d0_2 (d0_2)",
            // The province has one region of two: it is short too.
            "`doctors` for p (p) is not computed in 2024: no value for r0 (r0)",
            "`population` for p (p) is not computed in 2024: no value for r0 (r0)",
        ]
    );
    // Complete r1 is computed; r0 and, through it, p are not.
    assert_eq!(value_of(&v.frame, "r1", "value"), Some(3.0 / 30.0 * 10000.0));
    assert_eq!(value_of(&v.frame, "r0", "value"), None);
    assert_eq!(value_of(&v.frame, "p", "value"), None);
}

fn columns_of<'a>(rows: &[(&'a str, &'a str, f64)]) -> (Vec<&'a str>, Vec<&'a str>, Vec<f64>) {
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (s, a, v) in rows {
        out.0.push(*s);
        out.1.push(*a);
        out.2.push(*v);
    }
    out
}

#[test]
fn statuses_qualify_the_values_alike_coded_or_text() {
    let mut data = dataset(&[vec![(50, 80_000), (30, 20_000), (10, 5_000)]]);
    // Rows: doctors d0_0, population d0_0, doctors d0_1, population d0_1, doctors d0_2, population d0_2.
    let statuses = [Some("P"), Some("E"), Some("B"), Some("A"), None, Some("F")];
    data.obs
        .frame
        .with_column(Column::new("status".into(), statuses.to_vec()))
        .expect("status");
    let text = evaluate(&catalog(), &data, &EvalOptions::default())
        .expect("evaluate")
        .frame;
    let status_of = |area: &str| {
        let i = crate::frame::str_values(&text, "area")
            .expect("areas")
            .iter()
            .position(|a| a.as_deref() == Some(area));
        let s = crate::frame::str_values(&text, "status").expect("statuses");
        let b = crate::frame::bool_values(&text, "break").expect("breaks");
        i.map(|i| (s[i].clone().unwrap_or_default(), b[i].unwrap_or(false)))
    };
    // The strongest qualification of the inputs: E over P; F; none (A) with a break.
    assert_eq!(status_of("d0_0"), Some(("E".to_string(), false)));
    assert_eq!(status_of("d0_1"), Some(("A".to_string(), true)));
    assert_eq!(status_of("d0_2"), Some(("F".to_string(), false)));
    assert_eq!(status_of("r0"), Some(("F".to_string(), true)));
    let coded = with_noise(data, 0, true);
    let v = evaluate(&catalog(), &coded, &EvalOptions::default()).expect("evaluate coded");
    assert!(v.frame.equals_missing(&text), "{} vs {text}", v.frame);
}
