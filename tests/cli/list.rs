use predicates::prelude::*;

use crate::support::chitieu;

#[test]
fn lists_the_shipped_catalogue() {
    chitieu()
        .args(["list", "indicators"])
        .assert()
        .success()
        .stdout(predicate::str::contains("doctors_per_10k"));
    chitieu()
        .args(["list", "series", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("population,"));
    chitieu()
        .args(["list", "areas", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Lai Châu").or(predicate::str::contains("Lai Chau")));
    chitieu()
        .args(["list", "asean", "--province", "lai_chau", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"4.1\""));
}
