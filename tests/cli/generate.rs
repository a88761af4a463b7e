//! `chitieu generate`: the synthetic national data set is valid, complete and reproducible.

use predicates::prelude::*;

use crate::support::chitieu;

#[test]
fn a_small_national_data_set_validates_and_is_reproducible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let generate = |out: &std::path::Path| {
        chitieu()
            .args([
                "generate",
                "national",
                "--provinces",
                "2",
                "--communes",
                "5",
                "--format",
                "csv",
            ])
            .arg("--out")
            .arg(out)
            .assert()
            .success()
            .stdout(predicate::str::contains("150 series, 129 indicators, 10 plans"));
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    generate(&a);
    generate(&b);
    for f in [
        "csv/observations/health.csv",
        "csv/areas.csv",
        "catalogue.csv",
        "indicators/plans/lai_chau_r42_2030_p02.yaml",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).expect("first"),
            std::fs::read(b.join(f)).expect("second"),
            "{f} differs between two runs with the same seed"
        );
    }
    let areas = std::fs::read_to_string(a.join("csv/areas.csv")).expect("areas");
    assert!(areas.contains("vn,Quốc gia mẫu,Synthetic country,country,"));
    assert!(areas.contains(",Synthetic province 02,province,r2"));
    chitieu()
        .arg("--indicators")
        .arg(a.join("indicators"))
        .arg("--data")
        .arg(a.join("csv"))
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains("ok: 150 series, 129 indicators, 10 plans"));
}

/// Sums up the hierarchy are exact: the same values, to the last bit, from CSV or Parquet and on every
/// run (float sums in the engine's thread order would differ in the last digit).
#[test]
fn values_from_csv_and_parquet_are_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    chitieu()
        .args(["generate", "national", "--provinces", "2", "--communes", "6"])
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let eval = |format: &str| {
        let out = chitieu()
            .arg("--indicators")
            .arg(dir.path().join("indicators"))
            .arg("--data")
            .arg(dir.path().join(format))
            .args(["eval", "--format", "csv", "--indicator"])
            .arg("forest_cover,income_per_capita,rural_hygienic_water_rate,housing_floor_area_per_capita,poverty_rate")
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let csv = eval("csv");
    assert!(csv.len() > 10_000, "values at every level");
    assert_eq!(csv, eval("parquet"));
    assert_eq!(csv, eval("csv"));
}
