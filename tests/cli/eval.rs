use predicates::prelude::*;

use crate::support::{chitieu, two_districts};

#[test]
fn province_rate_is_the_ratio_of_sums() {
    // methodology.md §2: 80 doctors / 100,000 people → 8.0, not the mean of 6.25 and 15.0.
    let out = two_districts()
        .cmd()
        .args([
            "eval",
            "--indicator",
            "doctors_per_10k",
            "--area",
            "p",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("doctors_per_10k,p,Tỉnh,2024,8,80,100000,A,false"),
        "{text}"
    );
}

#[test]
fn shipped_example_prints_every_area_and_year() {
    chitieu()
        .args(["eval", "--indicator", "doctors_per_10k", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doctors_per_10k,12,Lai Châu,2015,"));
}
