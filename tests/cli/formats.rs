//! Observations from CSV, Parquet and XLSX read the same; broken files are named.

use polars::prelude::*;
use predicates::prelude::*;

use crate::support::{AREAS, HEALTH, Project};

fn project() -> Project {
    Project::new(&[("indicators/health.yaml", HEALTH), ("data/areas.csv", AREAS)])
}

const EXPECT_P: &str = "doctors_per_10k,p,Tỉnh,2024,8,80,100000,";

#[test]
fn parquet_observations() {
    let p = project();
    let mut df = df!(
        "series" => ["doctors", "population", "doctors", "population"],
        "area" => ["a", "a", "b", "b"],
        "year" => [2024i64, 2024, 2024, 2024],
        "value" => [50.0, 80000.0, 30.0, 20000.0],
    )
    .unwrap();
    let f = std::fs::File::create(p.path().join("data/obs.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    p.cmd()
        .args(["eval", "--area", "p", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(EXPECT_P))
        // Nothing from polars either (it prints deprecation notices for some casts).
        .stderr(predicate::str::is_empty());
}

#[test]
fn parquet_with_the_wrong_schema_is_refused() {
    let p = project();
    let mut df = df!("indicator" => ["doctors"], "province" => ["a"], "value" => [1.0]).unwrap();
    let f = std::fs::File::create(p.path().join("data/obs.parquet")).unwrap();
    ParquetWriter::new(f).finish(&mut df).unwrap();
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("data/obs.parquet"))
        .stderr(predicate::str::contains("the file has no `series` column"));
}

#[test]
fn xlsx_observations_with_a_vietnamese_sheet_name() {
    let p = project();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    for (c, h) in ["series", "area", "year", "value"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("doctors", "a", 50.0),
        ("population", "a", 80000.0),
        ("doctors", "b", 30.0),
        ("population", "b", 20000.0),
    ];
    for (r, (s, a, v)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *s).unwrap();
        ws.write_string(r, 1, *a).unwrap();
        ws.write_number(r, 2, 2024.0).unwrap();
        ws.write_number(r, 3, *v).unwrap();
    }
    wb.save(p.path().join("data/obs.xlsx")).unwrap();
    p.cmd()
        .args(["eval", "--area", "p", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(EXPECT_P));
}

#[test]
fn an_xlsx_that_is_not_a_zip_is_named() {
    let p = project();
    p.write("data/obs.xlsx", b"series,area,year,value\n");
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid .xlsx workbook"))
        .stderr(predicate::str::contains("data/obs.xlsx"));
}

#[test]
fn utf16_and_legacy_encodings_are_named() {
    let p = project();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "series,area,year,value\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    p.write("data/a.csv", &utf16);
    p.write(
        "data/b.csv",
        b"series,area,year,value,source\ndoctors,a,2024,5,S\xe1 Y t\xea\n",
    );
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the file is UTF-16"))
        .stderr(predicate::str::contains("data/b.csv:2"))
        .stderr(predicate::str::contains("Windows-1258"));
}

#[test]
fn an_empty_file_and_a_header_only_file_are_named() {
    let p = project();
    p.write("data/empty.csv", b"");
    p.write("data/header.csv", b"series,area,year,value\n");
    p.cmd()
        .arg("validate")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("data/empty.csv").and(predicate::str::contains("the file is empty")))
        .stderr(predicate::str::contains("data/header.csv:1").and(predicate::str::contains("header but no rows")));
}
