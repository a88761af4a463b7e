//! `chitieu import`: a GSO-style wide table (title line, blank line, `;`, `..`, "Prel.") → tidy rows.

use predicates::prelude::*;

use crate::support::{AREAS, HEALTH, Project};

#[test]
fn a_wide_table_becomes_tidy_observations() {
    let p = Project::new(&[
        ("indicators/health.yaml", HEALTH),
        ("data/areas.csv", AREAS),
        (
            "data/raw/doctors.csv",
            "\u{feff}\"Number of doctors by district\"\n\n\"District\";\"2023 Doctor\";\"2023 Nurse\";\"Prel. 2024 Doctor\";\"Prel. 2024 Nurse\"\n\"District A\";48;10;50;11\n\"Huyện B\";..;9;30;9\n",
        ),
        (
            "data/import/doctors.yaml",
            "files:\n  - path: raw/doctors.csv\noutput: converted/doctors.csv\nlayout: wide\nheader_line: 3\narea_column: District\nvariables:\n  Doctor: doctors\nsource: \"Test table\"\nvintage: 2025-01-31\n",
        ),
    ]);
    p.cmd()
        .arg("import")
        .arg("--no-check")
        .assert()
        .success()
        .stdout(predicate::str::contains("3 rows (doctors 3)"))
        .stdout(predicate::str::contains("not imported: Nurse"));
    let out = std::fs::read_to_string(p.path().join("data/converted/doctors.csv")).unwrap();
    assert_eq!(
        out,
        "series,area,year,value,status,source,vintage\n\
         doctors,a,2023,48.0,A,Test table,2025-01-31\n\
         doctors,a,2024,50.0,P,Test table,2025-01-31\n\
         doctors,b,2024,30.0,P,Test table,2025-01-31\n"
    );
}

#[test]
fn an_unknown_area_label_says_where_to_map_it() {
    let p = Project::new(&[
        ("indicators/health.yaml", HEALTH),
        ("data/areas.csv", AREAS),
        ("data/raw/t.csv", "District;2023 Doctor\nDistrict C;5\n"),
        (
            "data/import/t.yaml",
            "files:\n  - path: raw/t.csv\noutput: t.csv\nlayout: wide\narea_column: District\nvariables:\n  Doctor: doctors\nsource: T\n",
        ),
    ]);
    p.cmd()
        .arg("import")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no area is named `District C`"))
        .stderr(predicate::str::contains("data/raw/t.csv:2"))
        .stderr(predicate::str::contains("under `areas:`"));
}
