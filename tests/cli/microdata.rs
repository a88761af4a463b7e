//! Series from unit records: weighted sums per commune, then the ratio of sums up the hierarchy.

use predicates::prelude::*;

use crate::support::Project;

const CATALOG: &str = r#"microdata:
  - id: households_survey
    file: micro/households.csv
    area: commune
    year: year
    weight: weight
series:
  - id: poor_households
    name: {vi: "Số hộ nghèo", en: "Poor households"}
    unit: {vi: "hộ", en: "households"}
    aggregate: sum
    microdata: {table: households_survey, filter: "poor = 1"}
  - id: households
    name: {vi: "Số hộ", en: "Households"}
    unit: {vi: "hộ", en: "households"}
    aggregate: sum
    microdata: {table: households_survey}
indicators:
  - id: poverty_rate
    name: {vi: "Tỷ lệ hộ nghèo", en: "Household poverty rate"}
    unit: {vi: "%", en: "%"}
    direction: decrease
    formula: poor_households / households * 100
"#;

const AREAS: &str = "code,name_vi,name_en,level,parent\np,Tỉnh,Province,province,\nc1,Xã 1,Commune 1,commune,p\nc2,Xã 2,Commune 2,commune,p\n";

/// Commune 1: weights 100 (poor), 300, 200 (poor), missing poverty flag → poor 300 of 600 = 50 %.
/// Commune 2: weights 50 (poor), 950 → 50 of 1,000 = 5 %. Province: 350 / 1,600 = 21.875 %, not the
/// mean of 50 and 5 (27.5).
const RECORDS: &str =
    "commune,year,weight,poor\nc1,2024,100,1\nc1,2024,300,0\nc1,2024,200,1\nc1,2024,0,\nc2,2024,50,1\nc2,2024,950,0\n";

#[test]
fn weighted_series_and_their_ratio_of_sums() {
    let p = Project::new(&[
        ("indicators/poverty.yaml", CATALOG),
        ("data/areas.csv", AREAS),
        ("data/micro/households.csv", RECORDS),
    ]);
    p.cmd()
        .args(["eval", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "poverty_rate,p,Tỉnh,2024,21.875,350,1600,A,false",
        ))
        .stdout(predicate::str::contains("poverty_rate,c1,Xã 1,2024,50,300,600,A,false"))
        .stdout(predicate::str::contains("poverty_rate,c2,Xã 2,2024,5,50,1000,A,false"));
}

#[test]
fn an_unknown_column_in_a_microdata_filter_is_named() {
    let p = Project::new(&[
        ("indicators/poverty.yaml", &CATALOG.replace("poor = 1", "pooor = 1")),
        ("data/areas.csv", AREAS),
        ("data/micro/households.csv", RECORDS),
    ]);
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the microdata table has no column `pooor`"))
        .stderr(predicate::str::contains("did you mean `poor`?"));
}

/// Σ weight and Σ weight × [poor = 1] per (area, year) from a generated household CSV, by hand.
fn hand_sums(csv: &str) -> std::collections::BTreeMap<(String, i32), (f64, f64)> {
    let mut sums = std::collections::BTreeMap::new();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let at = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (c, y, w, p) = (at("commune"), at("year"), at("weight"), at("poor"));
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let weight: f64 = f[w].parse().expect("weight");
        let e: &mut (f64, f64) = sums.entry((f[c].to_string(), f[y].parse().expect("year"))).or_default();
        e.0 += weight;
        // A record without the poverty flag counts as a household, not as a poor one.
        if f[p] == "1" {
            e.1 += weight;
        }
    }
    sums
}

/// (area, year) → (value, numerator, denominator) of one indicator in `eval --format csv` output.
fn eval_rows(out: &str, indicator: &str) -> std::collections::BTreeMap<(String, i32), (f64, f64, f64)> {
    out.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[0] == indicator)
        .map(|f| {
            let n = |s: &str| s.parse::<f64>().expect("number");
            (
                (f[1].to_string(), f[3].parse().expect("year")),
                (n(f[4]), n(f[5]), n(f[6])),
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn generated_household_records_give_the_hand_computed_series_and_ratio_of_sums() {
    let dir = tempfile::tempdir().expect("temp dir");
    crate::support::chitieu()
        .args([
            "generate",
            "microdata",
            "--rows",
            "3000",
            "--provinces",
            "2",
            "--communes",
            "6",
        ])
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let mut outputs = Vec::new();
    for format in ["csv", "parquet"] {
        let project = dir.path().join(format!("3k-{format}"));
        let out = crate::support::chitieu()
            .arg("--indicators")
            .arg(project.join("indicators"))
            .arg("--data")
            .arg(project.join("data"))
            .args(["eval", "--indicator", "poverty_rate", "--format", "csv"])
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        outputs.push(String::from_utf8(out.stdout).expect("utf-8"));
    }
    assert_eq!(outputs[0], outputs[1], "CSV and Parquet records give the same values");

    let project = dir.path().join("3k-csv");
    let hand = hand_sums(&std::fs::read_to_string(project.join("data/households.csv")).expect("records"));
    let got = eval_rows(&outputs[0], "poverty_rate");
    // Communes: Σ poor weights / Σ weights.
    for ((commune, year), (households, poor)) in &hand {
        let (value, num, den) = got[&(commune.clone(), *year)];
        assert!(
            close(num, *poor) && close(den, *households),
            "{commune} {year}: {num}/{den} vs {poor}/{households}"
        );
        assert!(close(value, poor / households * 100.0));
    }
    // Provinces: the ratio of the summed weights, not the mean of the communes' rates.
    let areas = std::fs::read_to_string(project.join("data/areas.csv")).expect("areas");
    let parent: std::collections::BTreeMap<String, String> = areas
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|f| f[3] == "commune")
        .map(|f| (f[0].to_string(), f[4].to_string()))
        .collect();
    let mut province: std::collections::BTreeMap<(String, i32), (f64, f64, Vec<f64>)> = Default::default();
    for ((commune, year), (households, poor)) in &hand {
        let e = province.entry((parent[commune].clone(), *year)).or_default();
        e.0 += households;
        e.1 += poor;
        e.2.push(poor / households * 100.0);
    }
    let mut differs_from_mean = false;
    for ((p, year), (households, poor, rates)) in &province {
        let (value, _, _) = got[&(p.clone(), *year)];
        assert!(close(value, poor / households * 100.0), "{p} {year}: {value}");
        let mean = rates.iter().sum::<f64>() / rates.len() as f64;
        differs_from_mean |= (value - mean).abs() > 1e-6;
    }
    assert!(
        differs_from_mean,
        "the test data must tell a ratio of sums from a mean of rates"
    );
}
