//! The shipped real data: converted values against the published files, sources on every row,
//! revisions kept as vintages, and the conversion reproducible with `chitieu import`.

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::support::{Project, chitieu, repo};

/// One cell of a GSO web table (title line, blank line, `;`-separated header on line 3, quoted labels).
fn gso_cell(file: &str, area_label: &str, header: &str) -> f64 {
    let text = std::fs::read_to_string(repo().join("data/raw/vn-gso").join(file)).expect("raw file");
    let lines: Vec<&str> = text.lines().collect();
    let split = |l: &str| -> Vec<String> {
        l.split(';')
            .map(|c| c.trim().trim_matches('"').trim().to_string())
            .collect()
    };
    let head = split(lines[2]);
    let col = head
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {file}"));
    let row = lines[3..]
        .iter()
        .map(|l| split(l))
        .find(|r| r[0] == area_label)
        .unwrap_or_else(|| panic!("no row {area_label} in {file}"));
    row[col].parse().expect("a number")
}

/// One cell of a plain CSV with a header (DSTai, devmap): the row whose `key` column equals `value`.
fn csv_cell(path: &str, key: &str, value: &str, column: &str) -> f64 {
    let text = std::fs::read_to_string(repo().join(path)).expect("raw file");
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().expect("header").split(',').collect();
    let k = head.iter().position(|h| *h == key).expect("key column");
    let c = head.iter().position(|h| *h == column).expect("value column");
    let row: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[k] == value)
        .unwrap_or_else(|| panic!("no row {key}={value} in {path}"));
    row[c].parse().expect("a number")
}

/// The general unemployment rate of the R-tidied regional table (`"region";"year";"general";…`).
fn unemployment_cell(region: &str, year: &str) -> f64 {
    let text = std::fs::read_to_string(repo().join("data/raw/vn-gso/unemployment-underemployment-by-region.csv"))
        .expect("raw file");
    let prefix = format!("\"{region}\";\"{year}\";");
    let line = text.lines().find(|l| l.starts_with(&prefix)).expect("row");
    line.split(';')
        .nth(2)
        .expect("cell")
        .trim_matches('"')
        .parse()
        .expect("a number")
}

/// The value of a converted (tidy) file for (series, area, year), optionally of one vintage.
fn tidy(path: &str, series: &str, area: &str, year: i32) -> Vec<f64> {
    let df = chitieu::frame::read_csv_strings(&repo().join(path), b',').expect("tidy file");
    let col = |n: &str| chitieu::frame::str_values(&df, n).expect("column");
    let (s, a, y, v) = (col("series"), col("area"), col("year"), col("value"));
    (0..df.height())
        .filter(|&i| {
            s[i].as_deref() == Some(series)
                && a[i].as_deref() == Some(area)
                && y[i].as_deref() == Some(&year.to_string())
        })
        .filter_map(|i| v[i].as_deref().and_then(|x| x.parse().ok()))
        .collect()
}

#[test]
fn converted_values_match_the_published_files() {
    // (published cell, its value, converted file, series, area, year, converted value)
    let cases: [(f64, f64, &str, &str, &str, i32, f64); 11] = [
        // Named in the issue.
        (
            gso_cell("poverty-rate-by-province.csv", "Lai Chau", "2015"),
            31.5,
            "gso/poverty-rate.csv",
            "poverty_rate_published",
            "12",
            2015,
            31.5,
        ),
        (
            gso_cell(
                "forest-area-and-coverage-by-province.csv",
                "Lai Chau",
                "2015 Proportion of forest coverage  (%)",
            ),
            45.4,
            "gso/forest.csv",
            "forest_cover",
            "12",
            2015,
            45.4,
        ),
        (
            gso_cell("medical-staff-by-province.csv", "Dong Thap", "2016 Doctor"),
            1179.0,
            "gso/medical-staff.csv",
            "doctors",
            "87",
            2016,
            1179.0,
        ),
        // Population 2015 in both vintages: the 2018 GSO table (thousand persons) and the revised series.
        (
            gso_cell("average-population-by-province.csv", "Lai Chau", "Total 2015"),
            424.6,
            "gso/average-population.csv",
            "population",
            "12",
            2015,
            424600.0,
        ),
        (
            csv_cell("data/raw/vn-dstai/population_2015.csv", "code", "12", "population"),
            427.9,
            "dstai/population.csv",
            "population",
            "12",
            2015,
            427900.0,
        ),
        // GRDP per capita (DSTai), stunting 2018 (devmap), income converted to VND million a year.
        (
            csv_cell("data/raw/vn-dstai/grdp_per_capita_2022.csv", "code", "12", "grdp"),
            50.15,
            "dstai/grdp-per-capita.csv",
            "grdp_per_capita",
            "12",
            2022,
            50.15,
        ),
        (
            csv_cell("data/raw/vn-dstai/grdp_per_capita_2018.csv", "code", "87", "grdp"),
            47.35,
            "dstai/grdp-per-capita.csv",
            "grdp_per_capita",
            "87",
            2018,
            47.35,
        ),
        (
            csv_cell(
                "data/raw/vn-devmap/malnutrition_children_vn_2018.csv",
                "Code",
                "12",
                "Height",
            ),
            35.5,
            "devmap/malnutrition.csv",
            "stunting_rate_under5",
            "12",
            2018,
            35.5,
        ),
        (
            gso_cell("monthly-income-per-capita-by-province.csv", "Dong Thap", "2014 Total"),
            2134.0,
            "gso/income.csv",
            "income_per_capita",
            "87",
            2014,
            25.608,
        ),
        // Regional tables: life expectancy, and unemployment as tidied in R ("prel_2016" years).
        (
            gso_cell(
                "life-expectancy-by-region.csv",
                "Northern midlands and mountain areas",
                "2015",
            ),
            70.8,
            "gso/life-expectancy.csv",
            "life_expectancy",
            "northern_midlands_mountains",
            2015,
            70.8,
        ),
        (
            unemployment_cell("mekong_river_delta", "2015"),
            2.77,
            "gso/unemployment.csv",
            "unemployment_rate",
            "mekong_delta",
            2015,
            2.77,
        ),
    ];
    for (raw, published, file, series, area, year, converted) in cases {
        assert_eq!(raw, published, "{file}: the published cell");
        assert_eq!(
            tidy(&format!("data/{file}"), series, area, year),
            vec![converted],
            "{file}: {series} {area} {year}"
        );
    }
}

#[test]
fn statuses_follow_the_published_markers_and_breaks() {
    let rows = |path: &str| std::fs::read_to_string(repo().join(path)).expect("tidy file");
    // "Pre. 2016" is provisional; the 2004 split of Lai Châu and the 2013 forest break are breaks.
    assert!(rows("data/gso/trained-workers.csv").contains("trained_labour_certified_rate,12,2016,12.4,P,"));
    assert!(rows("data/gso/medical-staff.csv").contains("doctors,12,2004,"));
    assert!(
        rows("data/gso/medical-staff.csv")
            .lines()
            .any(|l| l.starts_with("doctors,12,2004,") && l.contains(",B,"))
    );
    assert!(rows("data/gso/forest.csv").contains("forest_cover,87,2013,13.0,B,"));
    assert!(rows("data/gso/unemployment.csv").contains("unemployment_rate,vn,2016,2.3,P,"));
    assert!(rows("data/gso/state-budget.csv").contains("state_budget_revenue,vn,2016,1101377.0,E,"));
}

/// Every observation file of the data folder.
fn observation_files() -> Vec<PathBuf> {
    chitieu::data::observation_files(&repo().join("data"))
}

#[test]
fn every_data_row_has_a_source_and_a_known_status() {
    let files = observation_files();
    assert!(files.len() >= 25, "{files:?}");
    for f in &files {
        let df = chitieu::frame::read_csv_strings(f, b',').expect("csv");
        let sources = chitieu::frame::str_values(&df, "source").expect("source");
        let status = chitieu::frame::str_values(&df, "status").expect("status");
        for (i, s) in sources.iter().enumerate() {
            assert!(
                s.as_deref().is_some_and(|s| !s.trim().is_empty()),
                "{} row {}: no source",
                f.display(),
                i + 2
            );
            let st = status[i].as_deref().unwrap_or("");
            assert!(
                ["A", "E", "P", "F", "B"].contains(&st),
                "{} row {}: status `{st}`",
                f.display(),
                i + 2
            );
        }
    }
}

#[test]
fn records_are_kept_beside_the_data_and_not_loaded() {
    for f in chitieu::data::RECORDS {
        assert!(repo().join("data").join(f).exists(), "data/{f}");
        assert!(
            !observation_files().iter().any(|p| p.ends_with(f)),
            "{f} must not be loaded"
        );
    }
    let conflicts = std::fs::read_to_string(repo().join("data/conflicts.csv")).expect("conflicts");
    // The Đồng Tháp 2021 poverty rates cannot be ordered by date: one is used, the other recorded.
    assert!(conflicts.contains("poverty_rate_published,87,2021,1.36,"));
    assert!(conflicts.contains(",1.86,"));
}

#[test]
fn revisions_are_vintages_and_the_newest_is_used() {
    let now = chitieu()
        .args(["eval", "--indicator", "grdp_growth", "--area", "87", "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&now).contains("grdp_growth,87,Đồng Tháp,2022,8.62,"));
    chitieu()
        .args([
            "eval",
            "--indicator",
            "grdp_growth",
            "--area",
            "87",
            "--format",
            "csv",
            "--vintage",
            "2023-01-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("grdp_growth,87,Đồng Tháp,2022,9.11,,,E,"));
}

#[test]
fn the_2021_2025_plan_has_real_values_to_evaluate() {
    for (indicator, needle) in [
        ("forest_cover", "forest_cover,12,Lai Châu,2023,51.87,"),
        ("poverty_rate", "poverty_rate,12,Lai Châu,2020,16.33,"),
        ("grdp_per_capita", "grdp_per_capita,12,Lai Châu,2022,50.15,"),
        ("tourist_arrivals", "tourist_arrivals,12,Lai Châu,2024,1359000,"),
        ("doctors_per_10k", "doctors_per_10k,12,Lai Châu,2025,13.11,"),
    ] {
        chitieu()
            .args(["eval", "--indicator", indicator, "--area", "12", "--format", "csv"])
            .assert()
            .success()
            .stdout(predicate::str::contains(needle));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn the_import_reproduces_the_shipped_files() {
    let p = Project::new(&[]);
    copy_dir(&repo().join("data"), &p.path().join("data"));
    copy_dir(&repo().join("indicators"), &p.path().join("indicators"));
    p.cmd()
        .args(["import", "--quiet"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the data folder passes the checks"));
    let mut compared = 0;
    for m in std::fs::read_dir(repo().join("data/import"))
        .expect("mappings")
        .flatten()
    {
        let text = std::fs::read_to_string(m.path()).expect("mapping");
        let output = text
            .lines()
            .find_map(|l| l.strip_prefix("output: "))
            .expect("output line")
            .trim();
        let shipped = std::fs::read(repo().join("data").join(output)).expect("shipped output");
        let again = std::fs::read(p.path().join("data").join(output)).expect("re-imported output");
        assert!(
            shipped == again,
            "data/{output} differs from what `chitieu import` writes"
        );
        compared += 1;
    }
    assert!(compared >= 24, "{compared} mappings");
}

#[test]
fn an_import_marks_area_breaks_and_reads_year_cells() {
    let p = Project::new(&[
        ("indicators/health.yaml", crate::support::HEALTH),
        ("data/areas.csv", crate::support::AREAS),
        (
            "data/raw/t.csv",
            "\"District\";\"Year\";\"Doctor\"\n\"District\";\"Year\";\"Doctor\"\n\"District A\";\"2015\";\"48\"\n\"District A\";\"prel_2016\";\"50\"\n\"Huyện B\";\"2015\";\"30\"\n",
        ),
        (
            "data/import/t.yaml",
            "files:\n  - path: raw/t.csv\noutput: t.csv\nlayout: columns\narea_column: District\nyear_column: Year\nskip_areas: [District]\nprovisional: [\"prel_\"]\nvariables:\n  Doctor: doctors\narea_breaks:\n  b: [2015]\nsource: T\nvintage: 2025-01-31\n",
        ),
    ]);
    p.cmd().args(["import", "--no-check"]).assert().success();
    let out = std::fs::read_to_string(p.path().join("data/t.csv")).expect("output");
    assert_eq!(
        out,
        "series,area,year,value,status,source,vintage\n\
         doctors,a,2015,48.0,A,T,2025-01-31\n\
         doctors,a,2016,50.0,P,T,2025-01-31\n\
         doctors,b,2015,30.0,B,T,2025-01-31\n"
    );
}
