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
