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

/// A generated national data set of 2 provinces and 6 communes, CSV and Parquet.
fn small_national() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    chitieu()
        .args(["generate", "national", "--provinces", "2", "--communes", "6"])
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    dir
}

/// Sums up the hierarchy are exact: the same values, to the last bit, from CSV or Parquet and on every
/// run (float sums in the engine's thread order would differ in the last digit).
#[test]
fn values_from_csv_and_parquet_are_the_same_bytes() {
    let dir = small_national();
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

/// `eval --format parquet` writes the values `--format csv` prints, its text columns as text (the
/// evaluation hands it codes), for every area and for one area and some years.
#[test]
fn the_values_file_holds_the_values_csv_prints() {
    use polars::prelude::*;
    let dir = small_national();
    let run = |args: &[&str]| {
        let out = chitieu()
            .arg("--indicators")
            .arg(dir.path().join("indicators"))
            .arg("--data")
            .arg(dir.path().join("parquet"))
            .arg("eval")
            .args(args)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let schema = Schema::from_iter([
        Field::new("indicator".into(), DataType::String),
        Field::new("area".into(), DataType::String),
        Field::new("year".into(), DataType::Int32),
        Field::new("value".into(), DataType::Float64),
        Field::new("numerator".into(), DataType::Float64),
        Field::new("denominator".into(), DataType::Float64),
        Field::new("status".into(), DataType::String),
        Field::new("break".into(), DataType::Boolean),
    ]);
    let file = dir.path().join("values.parquet");
    for filter in [&[][..], &["--area", "p01", "--year", "2018-2021"]] {
        let csv = run(&[&["--format", "csv"], filter].concat());
        let printed = CsvReadOptions::default()
            .with_schema_overwrite(Some(Arc::new(schema.clone())))
            .into_reader_with_file_handle(std::io::Cursor::new(csv))
            .finish()
            .expect("csv")
            .drop("area_name")
            .expect("area_name");
        run(&[&["--format", "parquet", "--out", file.to_str().expect("path")], filter].concat());
        let written = ParquetReader::new(std::fs::File::open(&file).expect("open"))
            .finish()
            .expect("parquet");
        assert_eq!(**written.schema(), schema, "{filter:?}");
        assert!(printed.height() > 100, "{filter:?}: {printed}");
        assert!(written.equals_missing(&printed), "{filter:?}: {written} vs {printed}");
    }
}
